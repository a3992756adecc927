//! Tests of the whole frontend: disassembly snapshots, a bytecode verifier run on every
//! compiled program, error positions and a never-panics fuzz test.

use super::compile;
use crate::bytecode::{decode, disassemble, unpack_method, Const, FunctionProto, Op, Program};

/// Disassembly of the function named `name` (`<main>` for the top level).
fn dis_fn(src: &str, name: &str) -> String {
    let program = compile(src).unwrap_or_else(|e| panic!("{}", e.render("t", src)));
    verify(&program);
    let f = program
        .functions
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no function {name}"));
    disassemble(f, &program)
}

/// Disassembly of the top-level code.
fn dis(src: &str) -> String {
    dis_fn(src, "<main>")
}

/// The error of a program that must not compile, as `(line, col, message)`.
fn err(src: &str) -> (u32, u32, String) {
    match compile(src) {
        Ok(_) => panic!("compiled: {src}"),
        Err(e) => (e.line, e.col, e.message),
    }
}

/// Check the structural invariants of a compiled program (see [`verify_fn`]).
fn verify(program: &Program) {
    let main = &program.functions[program.main];
    assert_eq!(
        (main.name.as_str(), main.arity, main.is_method),
        ("<main>", 0, false)
    );
    for class in &program.classes {
        for &m in &class.methods {
            assert!(program.functions[m].is_method);
        }
    }
    for f in &program.functions {
        verify_fn(f, program);
    }
}

/// Abstract interpretation of one function over all paths: every instruction decodes, every
/// index is in range, jumps go the right way, the stack depth and the number of active `try`
/// handlers are the same on every path into an instruction, the stack never underflows, code
/// never runs off the end, and the deepest reachable stack equals `max_stack`.
fn verify_fn(f: &FunctionProto, program: &Program) {
    let n = f.code.len();
    assert_eq!(f.positions.len(), n, "{}", f.name);
    assert!(f.positions.iter().all(|&(l, c)| l >= 1 && c >= 1));
    assert!(f.num_locals >= f.arity + u32::from(f.is_method));
    for c in &f.consts {
        match c {
            Const::Function(i) => assert!(*i < program.functions.len()),
            Const::Class(i) => assert!(*i < program.classes.len()),
            _ => {}
        }
    }
    let mut state: Vec<Option<(i64, usize)>> = vec![None; n];
    let mut work = vec![(0usize, 0i64, 0usize)];
    let mut max = 0i64;
    while let Some((pc, depth, tries)) = work.pop() {
        assert!(pc < n, "{}: pc {pc} out of code", f.name);
        if let Some(seen) = state[pc] {
            assert_eq!(
                seen,
                (depth, tries),
                "{}: inconsistent state at pc {pc}",
                f.name
            );
            continue;
        }
        state[pc] = Some((depth, tries));
        let (op, arg) = decode(f.code[pc]).expect("decodes");
        let name_ok = |i: u32| assert!((i as usize) < program.names.len());
        let pops = |k: i64| {
            assert!(depth >= k, "{}: stack underflow at pc {pc}", f.name);
            depth - k
        };
        let mut next = vec![];
        let after = match op {
            Op::LoadConst => {
                assert!((arg as usize) < f.consts.len());
                depth + 1
            }
            Op::LoadNil | Op::LoadTrue | Op::LoadFalse => depth + 1,
            Op::LoadLocal => {
                assert!(arg < f.num_locals);
                depth + 1
            }
            Op::StoreLocal => {
                assert!(arg < f.num_locals);
                pops(1)
            }
            Op::LoadGlobal => {
                name_ok(arg);
                depth + 1
            }
            Op::StoreGlobal | Op::DefineGlobal => {
                name_ok(arg);
                pops(1)
            }
            Op::Pop => pops(1),
            Op::Add
            | Op::Sub
            | Op::Mul
            | Op::Div
            | Op::Mod
            | Op::BitAnd
            | Op::BitOr
            | Op::BitXor
            | Op::Shl
            | Op::Shr
            | Op::In
            | Op::Inherit
            | Op::Lt
            | Op::Le
            | Op::Gt
            | Op::Ge
            | Op::Eq
            | Op::Ne => pops(2) + 1,
            Op::Neg | Op::Invert | Op::Not => pops(1) + 1,
            Op::Jump => {
                assert!(arg as usize > pc, "Jump must go forward");
                work.push((arg as usize, depth, tries));
                continue;
            }
            Op::Loop => {
                assert!((arg as usize) <= pc, "Loop must go backward");
                work.push((arg as usize, depth, tries));
                continue;
            }
            Op::JumpIfFalse => {
                assert!(arg as usize > pc);
                next.push((arg as usize, pops(1), tries));
                pops(1)
            }
            Op::JumpIfFalseOrPop | Op::JumpIfTrueOrPop => {
                assert!(arg as usize > pc);
                next.push((arg as usize, pops(1) + 1, tries));
                pops(1)
            }
            Op::Call => pops(i64::from(arg) + 1) + 1,
            Op::CallMethod => {
                let (name, argc) = unpack_method(arg);
                name_ok(name);
                pops(i64::from(argc) + 1) + 1
            }
            Op::CallSuper => {
                let (name, argc) = unpack_method(arg);
                name_ok(name);
                pops(i64::from(argc) + 2) + 1
            }
            Op::GetField => {
                name_ok(arg);
                pops(1) + 1
            }
            Op::SetField => {
                name_ok(arg);
                pops(2)
            }
            Op::GetIndex => pops(2) + 1,
            Op::SetIndex => pops(3),
            Op::MakeArray => pops(i64::from(arg)) + 1,
            Op::MakeDict => pops(2 * i64::from(arg)) + 1,
            Op::Return | Op::Throw => {
                pops(1);
                continue;
            }
            Op::SetupTry => {
                assert!(arg as usize > pc);
                next.push((arg as usize, depth + 1, tries));
                max = max.max(depth + 1);
                work.push((pc + 1, depth, tries + 1));
                work.extend(next);
                continue;
            }
            Op::PopTry => {
                assert!(tries > 0, "{}: PopTry without handler at pc {pc}", f.name);
                work.push((pc + 1, depth, tries - 1));
                continue;
            }
        };
        max = max.max(after);
        work.extend(next);
        work.push((pc + 1, after, tries));
    }
    assert_eq!(max, i64::from(f.max_stack), "{}: max_stack", f.name);
    // Statement boundaries have an empty stack, so `Loop` is always taken at depth 0 with no
    // handler left over from the loop body.
    for (pc, &instr) in f.code.iter().enumerate() {
        if let (Some((Op::Loop, _)), Some((depth, _))) = (decode(instr), state[pc]) {
            assert_eq!(depth, 0);
        }
    }
}

#[test]
fn simple_statements() {
    assert_eq!(
        dis("let x = 10;\nx = x + 1;\nprint(x, \"s\", 10);"),
        "fn <main> arity=0 locals=0 stack=4
   0  LoadConst 0 ; 10
   1  DefineGlobal 0 ; x
   2  LoadGlobal 0 ; x
   3  LoadConst 1 ; 1
   4  Add
   5  StoreGlobal 0 ; x
   6  LoadGlobal 1 ; print
   7  LoadGlobal 0 ; x
   8  LoadConst 2 ; \"s\"
   9  LoadConst 0 ; 10
  10  Call 3
  11  Pop
  12  LoadNil
  13  Return
"
    );
}

#[test]
fn arithmetic_precedence() {
    assert_eq!(
        dis("x = 1 + 2 * -3 - 4 % 5 / 6;"),
        "fn <main> arity=0 locals=0 stack=3
   0  LoadConst 0 ; 1
   1  LoadConst 1 ; 2
   2  LoadConst 2 ; 3
   3  Neg
   4  Mul
   5  Add
   6  LoadConst 3 ; 4
   7  LoadConst 4 ; 5
   8  Mod
   9  LoadConst 5 ; 6
  10  Div
  11  Sub
  12  StoreGlobal 0 ; x
  13  LoadNil
  14  Return
"
    );
    // Parentheses, and unary minus binding tighter than `*` but looser than postfix ops.
    assert_eq!(
        dis("x = -(1 + 2) * -a.b[0];"),
        "fn <main> arity=0 locals=0 stack=3
   0  LoadConst 0 ; 1
   1  LoadConst 1 ; 2
   2  Add
   3  Neg
   4  LoadGlobal 0 ; a
   5  GetField 1 ; b
   6  LoadConst 2 ; 0
   7  GetIndex
   8  Neg
   9  Mul
  10  StoreGlobal 2 ; x
  11  LoadNil
  12  Return
"
    );
}

#[test]
fn logic_precedence() {
    // `or` < `and` < `not` < comparisons < `+`.
    assert_eq!(
        dis("x = not a == b + 1 or c and d;"),
        "fn <main> arity=0 locals=0 stack=3
   0  LoadGlobal 0 ; a
   1  LoadGlobal 1 ; b
   2  LoadConst 0 ; 1
   3  Add
   4  Eq
   5  Not
   6  JumpIfTrueOrPop 10
   7  LoadGlobal 2 ; c
   8  JumpIfFalseOrPop 10
   9  LoadGlobal 3 ; d
  10  StoreGlobal 4 ; x
  11  LoadNil
  12  Return
"
    );
    assert_eq!(
        dis("x = a or b or c;"),
        "fn <main> arity=0 locals=0 stack=1
   0  LoadGlobal 0 ; a
   1  JumpIfTrueOrPop 3
   2  LoadGlobal 1 ; b
   3  JumpIfTrueOrPop 5
   4  LoadGlobal 2 ; c
   5  StoreGlobal 3 ; x
   6  LoadNil
   7  Return
"
    );
}

#[test]
fn comparisons_and_literals() {
    assert_eq!(
        dis("x = [1 < 2, 1 <= 2, 1 > 2, 1 >= 2, 1 != 2, 2.5, true, false, nil, \"a\\n\"];"),
        "fn <main> arity=0 locals=0 stack=10
   0  LoadConst 0 ; 1
   1  LoadConst 1 ; 2
   2  Lt
   3  LoadConst 0 ; 1
   4  LoadConst 1 ; 2
   5  Le
   6  LoadConst 0 ; 1
   7  LoadConst 1 ; 2
   8  Gt
   9  LoadConst 0 ; 1
  10  LoadConst 1 ; 2
  11  Ge
  12  LoadConst 0 ; 1
  13  LoadConst 1 ; 2
  14  Ne
  15  LoadConst 2 ; 2.5
  16  LoadTrue
  17  LoadFalse
  18  LoadNil
  19  LoadConst 3 ; \"a\\n\"
  20  MakeArray 10
  21  StoreGlobal 0 ; x
  22  LoadNil
  23  Return
"
    );
}

#[test]
fn postfix_assignment_and_method_calls() {
    assert_eq!(
        dis("a[i + 1] = o.f(1, 2).g;\no.h = f()(3);\n(o.m)();"),
        "fn <main> arity=0 locals=0 stack=5
   0  LoadGlobal 0 ; a
   1  LoadGlobal 1 ; i
   2  LoadConst 0 ; 1
   3  Add
   4  LoadGlobal 2 ; o
   5  LoadConst 0 ; 1
   6  LoadConst 1 ; 2
   7  CallMethod 3 2 ; f
   8  GetField 4 ; g
   9  SetIndex
  10  LoadGlobal 2 ; o
  11  LoadGlobal 3 ; f
  12  Call 0
  13  LoadConst 2 ; 3
  14  Call 1
  15  SetField 5 ; h
  16  LoadGlobal 2 ; o
  17  GetField 6 ; m
  18  Call 0
  19  Pop
  20  LoadNil
  21  Return
"
    );
}

#[test]
fn functions_locals_and_scopes() {
    let src = "fn fib(n) { if n < 2 { return n; } return fib(n - 1) + fib(n - 2); }";
    assert_eq!(
        dis(src),
        "fn <main> arity=0 locals=0 stack=1
   0  LoadConst 0 ; <fn fib>
   1  DefineGlobal 0 ; fib
   2  LoadNil
   3  Return
"
    );
    assert_eq!(
        dis_fn(src, "fib"),
        "fn fib arity=1 locals=1 stack=4
   0  LoadLocal 0
   1  LoadConst 0 ; 2
   2  Lt
   3  JumpIfFalse 6
   4  LoadLocal 0
   5  Return
   6  LoadGlobal 0 ; fib
   7  LoadLocal 0
   8  LoadConst 1 ; 1
   9  Sub
  10  Call 1
  11  LoadGlobal 0 ; fib
  12  LoadLocal 0
  13  LoadConst 0 ; 2
  14  Sub
  15  Call 1
  16  Add
  17  Return
"
    );
    // Block scoping: shadowing gets a fresh slot; `let x = x` reads the outer `x`; after
    // the block `x` is the parameter again; `y` is a global outside its block.
    let src = "fn f(x) { { let x = x + 1; let y = x; x = 2; } x = y; }";
    assert_eq!(
        dis_fn(src, "f"),
        "fn f arity=1 locals=3 stack=2
   0  LoadLocal 0
   1  LoadConst 0 ; 1
   2  Add
   3  StoreLocal 1
   4  LoadLocal 1
   5  StoreLocal 2
   6  LoadConst 1 ; 2
   7  StoreLocal 1
   8  LoadGlobal 0 ; y
   9  StoreLocal 0
  10  LoadNil
  11  Return
"
    );
    // Slots are never reused, even by sibling blocks.
    let src = "fn g() { if a { let p = 1; } else { let q = 2; } }";
    assert!(dis_fn(src, "g").starts_with("fn g arity=0 locals=2 stack=1\n"));
}

#[test]
fn if_else_chain() {
    assert_eq!(
        dis("if a { x = 1; } else if b { x = 2; } else { x = 3; }\nif c { x = 4; }"),
        "fn <main> arity=0 locals=0 stack=1
   0  LoadGlobal 0 ; a
   1  JumpIfFalse 5
   2  LoadConst 0 ; 1
   3  StoreGlobal 1 ; x
   4  Jump 12
   5  LoadGlobal 2 ; b
   6  JumpIfFalse 10
   7  LoadConst 1 ; 2
   8  StoreGlobal 1 ; x
   9  Jump 12
  10  LoadConst 2 ; 3
  11  StoreGlobal 1 ; x
  12  LoadGlobal 3 ; c
  13  JumpIfFalse 16
  14  LoadConst 3 ; 4
  15  StoreGlobal 1 ; x
  16  LoadNil
  17  Return
"
    );
}

#[test]
fn classes_and_methods() {
    let src = "class Point {\n  fn init(x, y) { self.x = x; self.y = y; }\n  fn norm2() { return self.x * self.x + self.y * self.y; }\n}\nlet p = Point(3, 4);\nprint(p.norm2());";
    let program = compile(src).unwrap();
    verify(&program);
    assert_eq!(program.classes.len(), 1);
    assert_eq!(program.classes[0].name, "Point");
    let init = &program.functions[program.classes[0].methods[0]];
    assert_eq!(
        (
            init.name.as_str(),
            init.arity,
            init.num_locals,
            init.is_method
        ),
        ("init", 2, 3, true)
    );
    assert_eq!(
        dis_fn(src, "init"),
        "method init arity=2 locals=3 stack=2
   0  LoadLocal 0
   1  LoadLocal 1
   2  SetField 0 ; x
   3  LoadLocal 0
   4  LoadLocal 2
   5  SetField 1 ; y
   6  LoadNil
   7  Return
"
    );
    assert_eq!(
        dis(src),
        "fn <main> arity=0 locals=0 stack=3
   0  LoadConst 0 ; <class Point>
   1  DefineGlobal 2 ; Point
   2  LoadGlobal 2 ; Point
   3  LoadConst 1 ; 3
   4  LoadConst 2 ; 4
   5  Call 2
   6  DefineGlobal 3 ; p
   7  LoadGlobal 4 ; print
   8  LoadGlobal 3 ; p
   9  CallMethod 5 0 ; norm2
  10  Call 1
  11  Pop
  12  LoadNil
  13  Return
"
    );
}

#[test]
fn while_break_continue() {
    assert_eq!(
        dis("while i < 10 { if i == 5 { break; } i = i + 1; continue; }"),
        "fn <main> arity=0 locals=0 stack=2
   0  LoadGlobal 0 ; i
   1  LoadConst 0 ; 10
   2  Lt
   3  JumpIfFalse 15
   4  LoadGlobal 0 ; i
   5  LoadConst 1 ; 5
   6  Eq
   7  JumpIfFalse 9
   8  Jump 15
   9  LoadGlobal 0 ; i
  10  LoadConst 2 ; 1
  11  Add
  12  StoreGlobal 0 ; i
  13  Loop 0
  14  Loop 0
  15  LoadNil
  16  Return
"
    );
}

#[test]
fn try_catch_and_jumps_out_of_try() {
    // At top level the catch name is a global.
    assert_eq!(
        dis("try { throw \"boom\"; } catch e { print(e); }"),
        "fn <main> arity=0 locals=0 stack=2
   0  SetupTry 5
   1  LoadConst 0 ; \"boom\"
   2  Throw
   3  PopTry
   4  Jump 10
   5  DefineGlobal 0 ; e
   6  LoadGlobal 1 ; print
   7  LoadGlobal 0 ; e
   8  Call 1
   9  Pop
  10  LoadNil
  11  Return
"
    );
    // In a function it is a local; `break`/`continue` pop the handlers they jump out of,
    // but not those of `try`s outside the loop, nor the one of a catch block they are in.
    let src = "fn f() {
        try {
            while true {
                try {
                    try { break; } catch a { continue; }
                } catch b { break; }
            }
        } catch c { return c; }
    }";
    assert_eq!(
        dis_fn(src, "f"),
        "fn f arity=0 locals=3 stack=1
   0  SetupTry 20
   1  LoadTrue
   2  JumpIfFalse 18
   3  SetupTry 15
   4  SetupTry 10
   5  PopTry
   6  PopTry
   7  Jump 18
   8  PopTry
   9  Jump 13
  10  StoreLocal 0
  11  PopTry
  12  Loop 1
  13  PopTry
  14  Jump 17
  15  StoreLocal 1
  16  Jump 18
  17  Loop 1
  18  PopTry
  19  Jump 23
  20  StoreLocal 2
  21  LoadLocal 2
  22  Return
  23  LoadNil
  24  Return
"
    );
}

#[test]
fn max_stack_is_exact() {
    let stack = |src: &str, name: &str| {
        let program = compile(src).unwrap();
        verify(&program);
        program
            .functions
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.max_stack)
            .unwrap()
    };
    assert_eq!(stack("", "<main>"), 1);
    assert_eq!(stack("f(a, [b, c + d * e]);", "<main>"), 6);
    assert_eq!(stack("x = a and (b or c + d);", "<main>"), 2);
    assert_eq!(stack("x = a + (b and c + d);", "<main>"), 3);
    assert_eq!(stack("try { } catch e { }", "<main>"), 1);
    assert_eq!(stack("fn f(x) { x = x + 1; }", "f"), 2);
    assert_eq!(stack("fn f(x) { return; }", "f"), 1);
    assert_eq!(
        stack("class C { fn m(a) { self.v[a] = a.b(1, 2, 3); } }", "m"),
        6
    );
}

/// Positions of the instructions with opcode `op` in the top-level code.
fn positions(src: &str, op: Op) -> Vec<(u32, u32)> {
    let program = compile(src).unwrap();
    let main = &program.functions[program.main];
    main.code
        .iter()
        .zip(&main.positions)
        .filter(|(&instr, _)| decode(instr).map(|d| d.0) == Some(op))
        .map(|(_, &pos)| pos)
        .collect()
}

#[test]
fn instruction_positions() {
    assert_eq!(positions("x = 1 +\n  2 * 3;", Op::Add), vec![(1, 7)]);
    assert_eq!(positions("x = 1 +\n  2 * 3;", Op::Mul), vec![(2, 5)]);
    assert_eq!(
        positions("x = a[i][j];", Op::GetIndex),
        vec![(1, 6), (1, 9)]
    );
    assert_eq!(positions("a[i] = 1;", Op::SetIndex), vec![(1, 2)]);
    assert_eq!(positions("f(g(1));", Op::Call), vec![(1, 4), (1, 2)]);
    assert_eq!(positions("x = o.field;", Op::GetField), vec![(1, 7)]);
    assert_eq!(positions("o . f = 1;", Op::SetField), vec![(1, 5)]);
    assert_eq!(positions("o.m(1);", Op::CallMethod), vec![(1, 3)]);
    assert_eq!(positions("  throw x;", Op::Throw), vec![(1, 3)]);
    assert_eq!(positions("x = -y;", Op::Neg), vec![(1, 5)]);
    assert_eq!(
        positions("print(undefined);", Op::LoadGlobal),
        vec![(1, 1), (1, 7)]
    );
    assert_eq!(positions("zz = 1;", Op::StoreGlobal), vec![(1, 1)]);
    assert_eq!(positions("\nlet v = 1;", Op::DefineGlobal), vec![(2, 5)]);
    let program = compile("fn f() {\n  return 1;\n}").unwrap();
    let f = &program.functions[0];
    assert_eq!(f.positions.last(), Some(&(2, 3)));
}

#[test]
fn name_resolution() {
    // Top-level `let`s (at any depth) are globals and may be redefined; catch names too.
    let program = compile("let x = 1; let x = 2; if x { let y = x; } try {} catch x {}").unwrap();
    verify(&program);
    assert_eq!(program.functions[program.main].num_locals, 0);
    // In functions, a nested block may shadow; the catch name is a local of its block.
    let src = "fn f(a) { { let a = 1; } try { } catch a { let b = a; } while a { let a = 2; } }";
    assert!(dis_fn(src, "f").starts_with("fn f arity=1 locals=5 stack=1\n"));
    // Method: `self` is slot 0.
    let program = compile("class C { fn m(a, b) { return [self, a, b]; } }").unwrap();
    let m = &program.functions[program.classes[0].methods[0]];
    assert_eq!((m.arity, m.num_locals), (2, 3));
    assert_eq!(&m.code[..3], &[0x04, 0x104, 0x204]);
}

#[test]
fn syntax_errors() {
    let cases: &[(&str, u32, u32, &str)] = &[
        (
            "let x = 1\nlet y = 2;",
            2,
            1,
            "expected `;` after `let` statement, found `let`",
        ),
        (
            "fn f() {}\nfn g() { x = 1 }",
            2,
            16,
            "expected `;` after assignment, found `}`",
        ),
        (
            "print(1) print(2);",
            1,
            10,
            "expected `;` after expression, found identifier `print`",
        ),
        (
            "x = (1 + 2;",
            1,
            11,
            "expected `)` after parenthesized expression, found `;`",
        ),
        (
            "if a < b < c { }",
            1,
            10,
            "comparison operators cannot be chained (use `and`)",
        ),
        (
            "x = a == b != c;",
            1,
            12,
            "comparison operators cannot be chained (use `and`)",
        ),
        (
            "while x {\n  if y { }\n}\nbreak;",
            4,
            1,
            "`break` outside of a loop",
        ),
        (
            "fn f() { continue; }",
            1,
            10,
            "`continue` outside of a loop",
        ),
        ("return 1;", 1, 1, "`return` outside of a function"),
        (
            "fn f() { self.x = 1; }",
            1,
            10,
            "`self` is only valid inside methods",
        ),
        (
            "class C { fn m() { self = 1; } }",
            1,
            20,
            "cannot assign to `self`",
        ),
        (
            "if x { fn g() {} }",
            1,
            8,
            "functions can only be declared at top level",
        ),
        (
            "fn f() { class C {} }",
            1,
            10,
            "classes can only be declared at top level",
        ),
        ("fn f(a, b, a) {}", 1, 12, "duplicate parameter `a`"),
        (
            "class C {\n  fn m() {}\n  fn m() {}\n}",
            3,
            6,
            "duplicate method `m` in class `C`",
        ),
        (
            "fn f() { let a = 1; let a = 2; }",
            1,
            25,
            "`a` is already declared in this scope",
        ),
        (
            "fn f(a) { let a = 1; }",
            1,
            15,
            "`a` is already declared in this scope",
        ),
        (
            "fn f() { try { } catch e { let e = 1; } }",
            1,
            32,
            "`e` is already declared in this scope",
        ),
        ("1 + 2 = 3;", 1, 7, "invalid assignment target"),
        (
            "a = b = c;",
            1,
            7,
            "expected `;` after assignment, found `=`",
        ),
        (
            "f(1, 2;",
            1,
            7,
            "expected `,` or `)` after argument, found `;`",
        ),
        (
            "x = [1, 2;",
            1,
            10,
            "expected `,` or `]` in array literal, found `;`",
        ),
        (
            "while x {\n  y = 1;\n",
            2,
            9,
            "expected `}` to close the block opened at 1:9, found end of input",
        ),
        (
            "if a { } else x = 1;",
            1,
            15,
            "expected `{` or `if` after `else`, found identifier `x`",
        ),
        (
            "if a x = 1;",
            1,
            6,
            "expected `{` after `if` condition, found identifier `x`",
        ),
        (
            "class C { let x = 1; }",
            1,
            11,
            "expected `fn` or `}` in class body, found `let`",
        ),
        (
            "try { } x = 1;",
            1,
            9,
            "expected `catch` after `try` block, found identifier `x`",
        ),
        (
            "try { } catch { }",
            1,
            15,
            "expected a variable name after `catch`, found `{`",
        ),
        (
            "let = 5;",
            1,
            5,
            "expected a variable name after `let`, found `=`",
        ),
        (
            "fn f() { return }",
            1,
            17,
            "expected `;` after `return` statement, found `}`",
        ),
        ("let x;", 1, 6, "expected `=` after `let x`, found `;`"),
        (
            "o.1;",
            1,
            3,
            "expected a field or method name after `.`, found number `1`",
        ),
        ("a * not b;", 1, 5, "expected expression, found `not`"),
        ("let x = 1;;", 1, 11, "expected expression, found `;`"),
        ("x = -", 1, 6, "expected expression, found end of input"),
        (
            "fn (x) {}",
            1,
            4,
            "expected a function name after `fn`, found `(`",
        ),
        (
            "fn f(x y) {}",
            1,
            8,
            "expected `,` or `)` in parameter list, found identifier `y`",
        ),
        (
            "fn f(1) {}",
            1,
            6,
            "expected a parameter name, found number `1`",
        ),
        (
            "fn f() return 1;",
            1,
            8,
            "expected `{` to start the function body, found `return`",
        ),
        (
            "let x = ; \"unterminated",
            1,
            9,
            "expected expression, found `;`",
        ),
        (
            "let s = \"abc\\d\";",
            1,
            13,
            "unknown escape sequence `\\d`",
        ),
        (
            "x = 99999999999999999999;",
            1,
            5,
            "integer literal `99999999999999999999` does not fit in 64 bits",
        ),
        ("x = .5;", 1, 5, "expected expression, found `.`"),
        ("x = 1 # 2;", 1, 7, "unexpected character `#`"),
        ("  é = 1;", 1, 3, "unexpected character `é`"),
        (
            "\"é\" + x y",
            1,
            9,
            "expected `;` after expression, found identifier `y`",
        ),
    ];
    for &(src, line, col, message) in cases {
        assert_eq!(err(src), (line, col, message.to_string()), "source: {src}");
    }
}

#[test]
fn argument_and_parameter_limits() {
    let args = |n: usize| vec!["1"; n].join(", ");
    let params = |n: usize| {
        (0..n)
            .map(|i| format!("p{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    verify(&compile(&format!("f({});", args(255))).unwrap());
    verify(&compile(&format!("o.m({});", args(255))).unwrap());
    verify(&compile(&format!("fn f({}) {{}}", params(255))).unwrap());
    assert_eq!(
        err(&format!("f({});", args(256))),
        (1, 768, "too many arguments (at most 255)".into())
    );
    assert_eq!(
        err(&format!("o.m({});", args(256))).2,
        "too many arguments (at most 255)"
    );
    assert_eq!(
        err(&format!("fn f({}) {{}}", params(256))).2,
        "too many parameters (at most 255)"
    );
    // Long array literals are fine.
    verify(&compile(&format!("x = [{}];", args(5000))).unwrap());
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let nested = |open: &str, inner: &str, close: &str, n: usize| {
        format!("{}{}{}", open.repeat(n), inner, close.repeat(n))
    };
    // Moderate nesting compiles.
    verify(&compile(&format!("x = {};", nested("(", "1", ")", 150))).unwrap());
    verify(&compile(&format!("x = {};", nested("[", "1", "]", 150))).unwrap());
    verify(&compile(&nested("{", "x = 1;", "}", 150)).unwrap());
    verify(&compile(&format!("x = {}1;", "-".repeat(150))).unwrap());
    verify(&compile(&format!("x = 1{};", " + 1".repeat(150))).unwrap());
    // Deep nesting of any kind is rejected.
    let deep = [
        format!("x = {};", nested("(", "1", ")", 100_000)),
        format!("x = {};", nested("[", "1", "]", 100_000)),
        format!("x = {};", nested("f(", "1", ")", 100_000)),
        format!("x = {}y{};", "a[".repeat(100_000), "]".repeat(100_000)),
        nested("{", "", "}", 100_000),
        nested("while 1 { ", "", "}", 100_000),
        format!("x = {}1;", "-".repeat(100_000)),
        format!("x = {}1;", "not ".repeat(100_000)),
        format!("x = 1{};", " + 1".repeat(100_000)),
        format!("x = 1{};", " * 1".repeat(100_000)),
        format!("x = 1{};", " and 1".repeat(100_000)),
        format!("x = 1{};", " or 1".repeat(100_000)),
        format!("x = a{};", ".b".repeat(100_000)),
        format!("x = a{};", ".b()".repeat(100_000)),
        format!("x = f{};", "()".repeat(100_000)),
        format!("x = a{};", "[0]".repeat(100_000)),
        format!("x = 1{};", " + (1 * 1 - 1)".repeat(100_000)),
        format!("x = {}1{};", "(1 + ".repeat(100_000), ")".repeat(100_000)),
    ];
    for src in &deep {
        let e = err(src);
        assert!(
            e.2.starts_with("nesting too deep") || e.2.starts_with("expression too deeply nested"),
            "{}: {:?}",
            &src[..20],
            e
        );
    }
    // Long `else if` chains are flat, not nested.
    let chain = format!("if a {{ }}{}", " else if a { }".repeat(20_000));
    verify(&compile(&chain).unwrap());
}

/// A program exercising every construct, used by the fuzz test.
const SAMPLE: &str = r#"// sample
let count = 0;
fn fib(n) { if n < 2 { return n; } return fib(n - 1) + fib(n - 2); }
class Point {
    fn init(x, y) { self.x = x; self.y = y; }
    fn norm2() { return self.x * self.x + self.y * self.y; }
    fn scaled(k) { return Point(self.x * k, self.y * -k); }
}
let p = Point(3, 4.5e-1);
print(p.norm2(), p.x, "a\tb\n", [1, 2.5, "s", true, nil,]);
let a = [1, 2, 3];
a[0] = a[1] * 2 % 7 / 1;
let i = 0;
while i < 10 {
    if i == 5 { break; } else if not (i != 3) or i >= 8 and i <= 9 { i = i + 2; continue; }
    else { count = count + len(a); }
    i = i + 1;
}
fn risky(v) {
    let r = nil;
    try {
        while true { try { throw v; } catch e { r = e; break; } }
        { let inner = r; r = [inner, str(inner)]; }
    } catch outer {
        return outer;
    }
    return r;
}
try { throw "boom"; } catch e { print(e, risky(1)[0], fib(10), type(p.scaled(2))); }
"#;

/// A small deterministic pseudo-random generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Compile `src`; it may fail, but must not panic, and what compiles must verify.
fn compile_never_panics(src: &str) {
    if let Ok(program) = compile(src) {
        verify(&program);
    }
}

#[test]
fn fuzz_never_panics() {
    verify(&compile(SAMPLE).unwrap());
    // Every prefix and every suffix of the sample.
    for (i, _) in SAMPLE.char_indices() {
        compile_never_panics(&SAMPLE[..i]);
        compile_never_panics(&SAMPLE[i..]);
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    // Random bytes, with a bias towards the characters the language uses.
    let alphabet = b"(){}[]<>=!+-*/%.,;\"\\ \n\t0123456789eE_abcxyz";
    for _ in 0..3000 {
        let len = rng.below(40);
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                if rng.below(2) == 0 {
                    alphabet[rng.below(alphabet.len())]
                } else {
                    rng.next() as u8
                }
            })
            .collect();
        compile_never_panics(&String::from_utf8_lossy(&bytes));
    }
    // Token soup and token-level mutations of the sample.
    let words: Vec<&str> = SAMPLE.split_whitespace().collect();
    let vocab = [
        "let", "fn", "class", "if", "else", "while", "break", "continue", "return", "throw", "try",
        "catch", "true", "false", "nil", "and", "or", "not", "self", "x", "f", "(", ")", "{", "}",
        "[", "]", ",", ";", ".", "=", "==", "<", "+", "-", "*", "1", "2.5", "\"s\"",
    ];
    for _ in 0..3000 {
        let soup: Vec<&str> = (0..rng.below(30))
            .map(|_| vocab[rng.below(vocab.len())])
            .collect();
        compile_never_panics(&soup.join(" "));
        let mut mutated = words.clone();
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(mutated.len());
            match rng.below(3) {
                0 => {
                    mutated.remove(at);
                }
                1 => mutated.insert(at, vocab[rng.below(vocab.len())]),
                _ => mutated[at] = vocab[rng.below(vocab.len())],
            }
        }
        compile_never_panics(&mutated.join(" "));
    }
}

#[test]
fn nesting_limit_boundary() {
    // `x = ` plus 199 parentheses is exactly at the limit; one more is too deep. This also
    // checks that the deepest accepted program fits the stack of a test thread.
    let parens = |n: usize| format!("x = {}1{};", "(".repeat(n), ")".repeat(n));
    verify(&compile(&parens(199)).unwrap());
    assert_eq!(
        err(&parens(200)),
        (1, 205, "nesting too deep (more than 200 levels)".into())
    );
    // Chains of operators count as nesting for the expression tree, with a higher limit.
    let chain = |n: usize| format!("x = 1{};", " + 1".repeat(n));
    verify(&compile(&chain(999)).unwrap());
    assert_eq!(
        err(&chain(1000)),
        (
            1,
            4003,
            "expression too deeply nested (more than 1000 levels)".into()
        )
    );
    let fields = |n: usize| format!("x = a{};", ".b".repeat(n));
    verify(&compile(&fields(999)).unwrap());
    assert!(compile(&fields(1000)).is_err());
    // The deepest trees the limits allow: chains inside nested parentheses.
    let deep = |level: &str, n: usize| format!("x = {}1{};", level.repeat(n), ")".repeat(n));
    verify(&compile(&deep("1 + 1 * 1 - (", 199)).unwrap());
    verify(&compile(&deep("1 + 1 + 1 + 1 + 1 - (", 160)).unwrap());
    assert!(compile(&deep("1 + 1 + 1 + 1 + 1 - (", 199)).is_err());
    let mixed = format!(
        "fn f() {{ {}return [-{}1{}];{} }}",
        "{ ".repeat(40),
        "(not -".repeat(40),
        ")".repeat(40),
        " }".repeat(40)
    );
    verify(&compile(&mixed).unwrap());
}

#[test]
fn rendered_error() {
    let src = "fn f(x) {\n\tprint(x) }\n";
    let e = compile(src).unwrap_err();
    assert_eq!(
        e.render("prog.toy", src),
        "prog.toy:2:11: syntax error: expected `;` after expression, found `}`\n\
         \tprint(x) }\n\
         \t         ^\n"
    );
}
