//! The text form and its parser: round trips, names, and errors on bad input.

use std::rc::Rc;

use crate::gc::{Gc, GcArray, GcRef, GcType, Mut};
use crate::jitcode::fixtures::{self, Node, Point};
use crate::jitcode::{ArrayDescr, CallDescr, Effects, FieldRef, JitCodeId, Kind, Registry};
use crate::layout::field_id;
use crate::trace::{Arg, Namespace, ParseError, TraceLoop};
use crate::virtualizable::{VableArray, VableLayout};

/// The fixtures' jitcodes and descriptors, the `Node` and `Point` types, and objects:
/// `<Node#1>`, `<Node#2>`, `<Point>`.
fn names() -> Namespace {
    let mut names = Namespace::from_registry(&fixtures::registry());
    names.add_type(Node::type_info());
    names.add_type(Point::type_info());
    let node = |value| Gc::new(Node { value, next: None }).erase();
    names.add_object("Node#1", node(1));
    names.add_object("Node#2", node(2));
    let point = Gc::new(Point {
        x: Mut::new(1),
        y: Mut::new(2),
        scale: 0.5,
        flag: Mut::new(false),
        small: Mut::new(3),
    });
    names.add_object("Point", point.erase());
    names
}

/// Every op kind, constants of every kind, resume data with several frames, `after_call`
/// and `[same]`.
const EVERY_OP: &str = "\
loop every:1(i0, r1, f2)
  i3 = int_add i0, 1
  i4 = int_sub i3, -2
  i5 = int_mul i4, i4
  i6 = int_and i5, 255
  i7 = int_or i6, 1
  debug_merge_point(1) sum_to:3 Add (line 2:5); \"quoted\" [not resume data]
  i8 = int_xor i7, i0
  i9 = int_lt i8, 10
  i10 = uint_ge i8, 0
  i11 = int_shl(i64) i8, 2
  i12 = int_shr(u32) i11, 1
  i13 = int_neg(i64) i12
  i14 = int_invert(i8) i13
  i15 = bool_not i9
  i16 = int_cast(u8) i14
  i17 = int_div(i64) i16, 3
  i18 = int_rem(i32) i17, 2
  i19 = int_add_ovf(i64) i18, i0
  guard_no_overflow [move_point@0 i0=i19 r0=r1; sum_to@2 i0=i19 i1=-7]
  i20 = int_mul_ovf(i16) i19, 2
  guard_overflow [move_point@0 r0=<Node#1>]
  f21 = float_add f2, 1.5
  f22 = float_div f21, -0.0
  f23 = float_neg f22
  f24 = float_abs f23
  i25 = float_lt f24, inf
  f26 = int_to_float(i64) i0
  i27 = float_to_int(i32) f26
  i28 = ptr_eq r1, <Node#1>
  i29 = ptr_ne r1, None
  i30 = is_null r1
  i31 = class_is<Node> r1
  guard_true i31 [move_point@3 i0=i31 r0=r1]
  guard_false i30 [same]
  i32 = getfield Point.x r1
  setfield Point.x r1, i32
  f33 = getfield Point.scale <Point>
  r34 = getfield Node.next <Node#2>
  i35 = arraylen r34
  i36 = getarrayitem GcArray<i64> r34, 0
  setarrayitem GcArray<i64> r34, i36, 5
  r37 = call fixtures::cons i36, None
  r38 = call fixtures::make_error i36
  guard_no_error [list_sum@4 i0=i36 r0=r34; after_call r38]
  guard_value i0, 7 [sum_to@0 i0=i0]
  jump i3, r37, f33
";

#[test]
fn a_trace_with_every_kind_of_op_prints_back_as_written_and_verifies() {
    let names = names();
    let trace = TraceLoop::parse(EVERY_OP, &names).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(trace.to_string(), EVERY_OP);
    trace.verify().expect("a valid trace");
    assert_eq!(trace.num_guards(), 6);
    // `[same]` shares the previous guard's resume data.
    let guards: Vec<_> = trace
        .ops
        .iter()
        .filter_map(|op| op.resume.clone())
        .collect();
    assert!(Rc::ptr_eq(&guards[2], &guards[3]));
    let after = guards[4].after_call.expect("after_call");
    assert_eq!(after, (Arg::Var(38), Some(Kind::Ref)));
}

#[test]
fn comments_and_blank_lines_are_skipped_and_the_jump_sets_the_arity() {
    let text = "
; a bridge passes two values to a loop of two inputs
loop bridge from guard 3 of l:1(i0)
  ; the body
  i1 = int_add i0, 1 ; increments
  jump i1, <Node#2>
";
    let trace = TraceLoop::parse(text, &names()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(trace.name, "bridge from guard 3 of l:1");
    assert_eq!(trace.jump_arity, 2);
    trace.verify().expect("valid");
    assert_eq!(
        trace.to_string(),
        "loop bridge from guard 3 of l:1(i0)\n  i1 = int_add i0, 1\n  jump i1, <Node>\n"
    );
}

#[test]
fn objects_of_one_type_are_numbered_only_when_a_trace_holds_several() {
    let names = names();
    let one = TraceLoop::parse("loop l(r0)\n  jump <Node#2>\n", &names).unwrap();
    assert_eq!(one.to_string(), "loop l(r0)\n  jump <Node>\n");
    let two = "loop l(r0, r1)\n  jump <Node#1>, <Node#2>\n";
    assert_eq!(TraceLoop::parse(two, &names).unwrap().to_string(), two);
    // Numbered by first appearance.
    let swapped = "loop l(r0, r1)\n  jump <Node#2>, <Node#1>\n";
    assert_eq!(TraceLoop::parse(swapped, &names).unwrap().to_string(), two);
    // The same object twice is one object.
    let same = "loop l(r0, r1)\n  jump <Node#2>, <Node#2>\n";
    assert_eq!(
        TraceLoop::parse(same, &names).unwrap().to_string(),
        "loop l(r0, r1)\n  jump <Node>, <Node>\n"
    );
}

#[test]
fn a_trace_parses_back_with_its_own_constants() {
    let names = names();
    let trace = TraceLoop::parse(EVERY_OP, &names).unwrap();
    let mut own = Namespace::from_registry(&fixtures::registry());
    own.add_type(Node::type_info());
    own.add_constants_of(&trace);
    let again = TraceLoop::parse(&trace.to_string(), &own).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.to_string(), EVERY_OP);
}

/// The error parsing `body` (the lines after `loop l(i0, r1, f2)`), as `line:col: message`.
fn error(body: &str) -> String {
    let text = format!("loop l(i0, r1, f2)\n{body}");
    match TraceLoop::parse(&text, &names()) {
        Ok(trace) => panic!("parsed:\n{trace}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_input_gives_an_error_at_its_line_and_column() {
    let cases = [
        ("  i3 = int_frob i0", "2:8: unknown op `int_frob`"),
        ("  = int_add i0, 1", "2:3: expected an op, found `=`"),
        ("  r3 = int_add i0, 1", "2:3: int_add gives an integer"),
        (
            "  int_add i0, 1",
            "2:3: int_add gives an integer: name it (`iN = int_add ..`)",
        ),
        (
            "  i3 = guard_true i0 [sum_to@0]",
            "2:3: guard_true gives no value",
        ),
        ("  i3 = int_add i0", "2:8: int_add takes 2 operands, not 1"),
        (
            "  i3 = int_add i0, 1.5",
            "2:20: operand 2 of int_add must be an integer, not a float",
        ),
        ("  i3 = int_add r0, 1", "2:16: variable 0 is i0 elsewhere"),
        (
            "  i3 = int_add i0, 1 junk",
            "2:22: expected the end of the op, found `junk`",
        ),
        (
            "  i3 = int_add i0, 99999999999999999999",
            "2:20: integer `99999999999999999999` out of range",
        ),
        (
            "  i3 = int_add i0, x",
            "2:20: expected an operand, found `x`",
        ),
        (
            "  i3 = int_add i0,",
            "2:19: expected an operand, found the end of the line",
        ),
        (
            "  i99999999999 = int_add i0, 1",
            "2:3: variable number 99999999999 too large",
        ),
        (
            "  i3 = int_add(i7) i0, 1",
            "2:15: expected an operand, found `(i7)`",
        ),
        (
            "  i3 = int_shl(i7) i0, 1",
            "2:16: unknown integer type `i7`",
        ),
        (
            "  i3 = getfield Frame.sp r1",
            "2:17: unknown field `Frame.sp`",
        ),
        (
            "  i3 = getfield",
            "2:16: expected the descriptor of `getfield`, found the end of the line",
        ),
        (
            "  i3 = getarrayitem GcArray<i64 r1, 0",
            "2:21: unclosed bracket in the descriptor",
        ),
        (
            "  r3 = call nope i0",
            "2:13: unknown call descriptor `nope`",
        ),
        ("  i3 = class_is<Node r1", "2:16: unclosed `<` in the type"),
        ("  i3 = class_is<Frame> r1", "2:16: unknown type `Frame`"),
        ("  jump <Node>", "2:8: unknown reference constant `Node`"),
        (
            "  guard_true i0 [same]",
            "2:18: `[same]` without an earlier guard's resume data",
        ),
        ("  guard_true i0 [nope@0]", "2:18: unknown jitcode `nope`"),
        (
            "  guard_true i0 [same_as@0]",
            "2:18: unknown jitcode `same_as`",
        ),
        (
            "  guard_true i0 [same x]",
            "2:22: expected `@` and the frame's pc, found `x]`",
        ),
        (
            "  guard_true i0 [sum_to]",
            "2:24: expected `@` and the frame's pc, found `]`",
        ),
        (
            "  guard_true i0 [sum_to@x]",
            "2:25: expected a pc, found `x`",
        ),
        (
            "  guard_true i0 [sum_to@999]",
            "2:25: sum_to has 11 instructions",
        ),
        (
            "  guard_true i0 [sum_to@0 i99=1]",
            "2:27: sum_to has 7 i registers",
        ),
        (
            "  guard_true i0 [sum_to@0 i0=r1]",
            "2:30: i0 cannot hold a reference",
        ),
        (
            "  guard_true i0 [sum_to@0 i0]",
            "2:29: expected `=`, found `]`",
        ),
        (
            "  guard_true i0 [sum_to@0 i0=1",
            "2:31: expected a register or `;` or `]`, found the end of the line",
        ),
        (
            "  guard_true i0 [sum_to@0 i0=1 ]]",
            "2:33: expected the end of the op, found `]`",
        ),
        (
            "  guard_no_error [sum_to@0; after_call i0 x]",
            "2:43: expected `]`, found `x]`",
        ),
        (
            "  guard_value i0, r1 [sum_to@0]",
            "2:19: operands of different kinds",
        ),
        (
            "  jump i0 [sum_to@0] [sum_to@0]",
            "2:22: expected the end of the op, found `[sum_to@0]`",
        ),
    ];
    let mut wrong = Vec::new();
    for (body, expected) in cases {
        let actual = error(body);
        if actual != expected {
            wrong.push(format!(
                "{body}\n  expected {expected}\n  actual   {actual}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_bad_header_or_no_trace_is_an_error() {
    let parse = |text: &str| match TraceLoop::parse(text, &names()) {
        Ok(trace) => panic!("parsed:\n{trace}"),
        Err(e) => e,
    };
    assert_eq!(
        parse(""),
        ParseError {
            line: 1,
            col: 1,
            message: "expected `loop NAME(INPUTS)`, found no trace".into()
        }
    );
    assert_eq!(parse("; only a comment\n").line, 1);
    assert_eq!(
        parse("\n  lop l(i0)\n").to_string(),
        "2:3: expected `loop `, found `lop`"
    );
    assert_eq!(
        parse("loop l(i0\n").to_string(),
        "1:6: expected `loop NAME(INPUTS)`"
    );
    assert_eq!(
        parse("loop l(i0 i1)\n").to_string(),
        "1:11: expected `,`, found `i1)`"
    );
}

#[test]
fn no_prefix_or_mutation_of_a_valid_trace_panics_the_parser() {
    let names = names();
    let text = EVERY_OP;
    let mut parsed = 0;
    for (i, _) in text.char_indices() {
        parsed += TraceLoop::parse(&text[..i], &names).is_ok() as usize;
        for replacement in ["", "<", ">", "[", "]", "@", ";", "=", " ", "9", "é"] {
            let mutated = format!("{}{replacement}{}", &text[..i], &text[i + 1..]);
            let _ = TraceLoop::parse(&mutated, &names);
        }
    }
    // Prefixes ending after a whole line parse (the verifier rejects them).
    assert!(parsed >= text.lines().count() - 1, "{parsed}");
}

/// A call descriptor named `dup` returning `result`.
fn dup(result: Option<Kind>, shim: usize) -> CallDescr {
    CallDescr {
        name: "dup",
        shim,
        arg_kinds: vec![],
        result,
        returns_result: false,
        effects: Effects::none(),
        forces: vec![],
        elidable: false,
        allocates: None,
    }
}

#[test]
fn a_name_of_different_values_is_ambiguous_where_it_is_used() {
    let mut names = Namespace::new();
    names.add_call(dup(Some(Kind::Int), 1));
    names.add_call(dup(Some(Kind::Int), 2));
    let text = "loop l()\n  i0 = call dup\n  jump\n";
    let trace = TraceLoop::parse(text, &names).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(trace.to_string(), text);
    names.add_call(dup(Some(Kind::Ref), 3));
    assert_eq!(
        TraceLoop::parse(text, &names)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default(),
        "2:13: ambiguous call descriptor `dup`: the namespace holds several of that name"
    );
    // Jitcodes are the same when their ids are.
    let registry = Registry::new();
    let code = |name| {
        let mut b = crate::jitcode::Builder::new(&registry, name);
        b.ret_void();
        Rc::new(b.finish().expect("valid"))
    };
    names.add_jitcode(JitCodeId(0), code("f"));
    names.add_jitcode(JitCodeId(0), code("f"));
    let text = "loop l(i0)\n  guard_true i0 [f@0]\n  jump i0\n";
    assert!(TraceLoop::parse(text, &names).is_ok());
    names.add_jitcode(JitCodeId(1), code("f"));
    let error = TraceLoop::parse(text, &names).err().map(|e| e.message);
    assert!(error.is_some_and(|m| m.starts_with("ambiguous jitcode `f`")));
}

#[test]
#[should_panic(expected = "the label `Point` of an object of type Node")]
fn an_object_label_must_name_its_type() {
    let object: GcRef = Gc::new(Node {
        value: 1,
        next: None,
    })
    .erase();
    Namespace::new().add_object("Point", object);
}

#[test]
fn the_verifier_rejects_broken_traces() {
    let names = names();
    let verify = |text: &str| {
        let trace = TraceLoop::parse(text, &names).unwrap_or_else(|e| panic!("{e}"));
        trace
            .verify()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    let cases = [
        (
            "  i1 = int_add i0, 1\n",
            "the trace does not end with a jump, exit or finish",
        ),
        (
            "  finish i0\n  jump i0\n",
            "op 0: a jump, exit or finish before the end",
        ),
        (
            "  i1 = int_add i5, 1\n  jump i1\n",
            "op 0: Var(5) used before it is defined",
        ),
        (
            "  i0 = int_add i0, 1\n  jump i0\n",
            "op 0: variable 0 defined twice",
        ),
        (
            "  guard_true i0\n  jump i0\n",
            "op 0: a guard without resume data",
        ),
        (
            "  i1 = int_add i0, 1 [sum_to@0]\n  jump i1\n",
            "op 0: resume data on a non-guard",
        ),
        (
            "  guard_true i0 [sum_to@0 i0=i3]\n  i3 = int_add i0, 1\n  jump i0\n",
            "op 0: resume data uses undefined Var(3)",
        ),
        (
            "  guard_no_error [sum_to@0]\n  jump i0\n",
            "op 0: an error guard not right after a call",
        ),
        (
            "  i1 = int_add i0, 1\n  guard_no_overflow [sum_to@0]\n  jump i0\n",
            "op 1: an overflow guard not right after a checked op",
        ),
        (
            "  jump i0\n  jump i0\n",
            "op 0: a jump, exit or finish before the end",
        ),
        (
            "  exit [sum_to@0]\n  jump i0\n",
            "op 0: a jump, exit or finish before the end",
        ),
        (
            "  i1 = same_as i0\n  label i1\n  exit [sum_to@0]\n",
            "the trace does not end with a jump, exit or finish",
        ),
        (
            "  finish i0\n  jump i0\n",
            "op 0: a jump, exit or finish before the end",
        ),
        (
            "  i1 = same_as i0\n  label i1\n  i2 = int_add i1, 1\n  jump i2, i2\n",
            "the jump and the label disagree",
        ),
    ];
    for (body, expected) in cases {
        let text = format!("loop l(i0)\n{body}");
        assert_eq!(
            verify(&text),
            format!("invalid trace: {expected}"),
            "{text}"
        );
    }
    // A loop's jump passes as many values as it has inputs (a bridge's, as many as its
    // target loop: the parser takes the jump's count).
    let mut trace = TraceLoop::parse("loop l(i0)\n  jump i0, 1\n", &names).unwrap();
    trace.verify().expect("a bridge's jump");
    trace.jump_arity = 1;
    assert_eq!(
        trace.verify().unwrap_err().to_string(),
        "invalid trace: the jump passes 2 values to 1 inputs"
    );
}

/// A virtualizable layout over `Point`: the field `x`, the items of an array `small`.
fn point_layout() -> &'static VableLayout {
    Box::leak(Box::new(VableLayout {
        fields: vec![FieldRef::of::<{ field_id("x") }, Point>()],
        arrays: vec![VableArray {
            field: FieldRef::of::<{ field_id("small") }, Point>(),
            items: ArrayDescr::of::<GcArray<i64>>(),
        }],
    }))
}

#[test]
fn entry_conditions_and_virtualizables_print_back_as_written() {
    let mut names = names();
    names.add_vable_layout(point_layout());
    let text = "\
loop v(r0, i1, i2, i3) entered when i1 == 7, r0 == <Point>
  guard_true i2 [sum_to@0 i0=i2; vable<Point> r0 x=i1 small=[i2, i3, 5]]
  guard_false i3 [same]
  guard_true i3 [sum_to@0 i0=i2; vable<Point> <Point> x=0 small=[]]
  jump r0, i1, i2, i3
";
    let trace = TraceLoop::parse(text, &names).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(trace.to_string(), text);
    trace.verify().expect("valid");
    assert_eq!(trace.entry_conditions.len(), 2);
    let vable = trace.ops[0].resume.as_ref().and_then(|r| r.vable.clone());
    let vable = vable.expect("a virtualizable");
    assert_eq!(vable.fields, [Arg::Var(1)]);
    assert_eq!(vable.arrays[0].1, [Arg::Var(2), Arg::Var(3), Arg::Int(5)]);
    let errors = [
        (
            "loop v(i0) entered when i9 == 1\n",
            "1:25: not an input of the loop",
        ),
        (
            "loop v(i0, i1) entered when i0 == i1\n",
            "1:35: expected a constant",
        ),
        (
            "loop v(i0) entered when i0 == None\n",
            "1:31: expected an integer, found a reference",
        ),
        (
            "loop v(i0) entered when i0 = 1\n",
            "1:28: expected `==`, found `=`",
        ),
        ("loop v(i0) entered\n", "1:6: expected `loop NAME(INPUTS)`"),
        (
            "loop v(r0, i1)\n  guard_true i1 [vable<Node> r0]\n",
            "2:18: unknown virtualizable `Node`",
        ),
        (
            "loop v(r0, i1)\n  guard_true i1 [vable<Point> r0 y=i1]\n",
            "2:34: expected `x`, found `y=i1]`",
        ),
        (
            "loop v(r0, i1)\n  guard_true i1 [vable<Point> r0 x=r0 small=[]]\n",
            "2:36: expected an integer, found a reference",
        ),
        (
            "loop v(r0, i1)\n  guard_true i1 [vable<Point> r0 x=i1 small=[i1 i1]]\n",
            "2:49: expected `,`, found `i1]]`",
        ),
    ];
    for (text, expected) in errors {
        match TraceLoop::parse(text, &names) {
            Ok(trace) => panic!("parsed:\n{trace}"),
            Err(e) => assert_eq!(e.to_string(), expected, "{text}"),
        }
    }
}
