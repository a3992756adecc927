//! What the driver, portal and function-hint macros generate, and the native behaviour of the
//! hint functions: everything runs as plain Rust (and the portal also through its staged
//! jitcode, in blackhole-everything mode).

use jitgen_core::gc::{Gc, GcArray, GcImmutableArray, GcType, Mut};
use jitgen_core::hints::{self, JitDriver, VarDescr};
use jitgen_core::layout::ValueKind;
use jitgen_core::params::JitConfig;
use jitgen_core::virtualizable::VableToken;
use jitgen_core::{
    dont_look_inside, elidable, jit_driver, jit_merge_point, layout, look_inside, loop_invariant,
    portal, unroll_safe,
};

/// A program: `ops[i]` is an opcode.
#[layout]
pub struct Code {
    ops: Gc<GcImmutableArray<u8>>,
    name: Gc<Name>,
}

/// A program's name.
#[layout]
pub struct Name {
    #[opaque]
    text: Box<str>,
}

/// The interpreter's frame: an accumulator and a counter.
#[layout]
pub struct Frame {
    acc: Mut<i64>,
    counter: Mut<i64>,
    vable: VableToken,
}

fn location(driver: &Driver) -> String {
    format!("{}@{}", driver.code.name.text, driver.pc)
}

/// The driver of the small interpreter below.
#[jit_driver(virtualizables(frame), location = location)]
pub struct Driver {
    #[green]
    pc: usize,
    #[green]
    code: Gc<Code>,
    #[red]
    frame: Gc<Frame>,
}

/// A driver without a location function.
#[jit_driver]
struct Plain {
    #[red]
    n: i64,
    #[green]
    flag: bool,
}

/// Opcodes: 0 = acc += 1, 1 = acc *= 2, 2 = counter -= 1 and jump to 0 if counter > 0,
/// 3 = return acc.
#[portal]
fn interpret(code: Gc<Code>, frame: Gc<Frame>) -> i64 {
    let mut pc = 0usize;
    loop {
        jit_merge_point!(Driver { pc, code, frame });
        let op = code.ops.get(pc);
        pc += 1;
        match op {
            0 => frame.acc.set(add(frame.acc.get(), 1)),
            1 => frame.acc.set(double(frame.acc.get())),
            2 => {
                let counter = frame.counter.get() - 1;
                frame.counter.set(counter);
                if counter > 0 {
                    pc = 0;
                    // A qualified path works as well as an imported name.
                    jitgen_core::can_enter_jit!(Driver { pc, code, frame });
                }
            }
            3 => return frame.acc.get(),
            _ => return bad_opcode(op, pc),
        }
    }
}

/// The result of an unknown opcode.
#[dont_look_inside]
fn bad_opcode(op: u8, pc: usize) -> i64 {
    panic!("bad opcode {op} at {pc}")
}

#[look_inside]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

#[elidable]
#[dont_look_inside]
fn double(a: i64) -> i64 {
    a * 2
}

#[dont_look_inside(effects(reads(Frame.acc, Code.ops), writes(Frame.counter), cannot_raise))]
fn reset(frame: &Frame, code: &Code) -> usize {
    frame.counter.set(frame.acc.get());
    code.ops.len()
}

#[loop_invariant]
fn answer() -> i64 {
    42
}

/// A type with hinted methods.
#[layout]
pub struct Summer {
    start: i64,
}

#[look_inside]
impl Summer {
    #[unroll_safe]
    #[look_inside]
    fn sum(&self, items: Gc<GcArray<i64>>) -> i64 {
        let mut total = self.start;
        let mut i = 0;
        while i < items.len() {
            total += items.get(i);
            i += 1;
        }
        total
    }

    #[dont_look_inside(effects(writes(Frame.acc)))]
    fn clear(&self, frame: &Frame) {
        frame.acc.set(0);
    }
}

fn program(ops: &[u8]) -> Gc<Code> {
    let name = Gc::new(Name {
        text: "prog".into(),
    });
    Gc::new(Code {
        ops: GcImmutableArray::from_slice(ops),
        name,
    })
}

#[test]
fn portal_runs_natively() {
    let code = program(&[0, 1, 2, 3]);
    let frame = Gc::new(Frame {
        acc: Mut::new(0),
        counter: Mut::new(4),
        vable: VableToken::new(),
    });
    // acc = (acc + 1) * 2, four times: 2, 6, 14, 30.
    assert_eq!(interpret(code, frame), 30);
    assert_eq!(frame.counter.get(), 0);
}

#[test]
fn portal_runs_in_blackhole_mode() {
    let code = program(&[0, 1, 2, 3]);
    let frame = Gc::new(Frame {
        acc: Mut::new(0),
        counter: Mut::new(4),
        vable: VableToken::new(),
    });
    jitgen_core::jit::configure(&JitConfig::parse("blackhole").unwrap());
    let result = interpret(code, frame);
    jitgen_core::jit::configure(&JitConfig::default());
    assert_eq!(result, 30);
    assert_eq!(frame.counter.get(), 0);
}

#[test]
fn driver_describes_its_variables() {
    assert_eq!(Driver::NAME, "Driver");
    assert_eq!(
        Driver::GREENS,
        [
            VarDescr {
                name: "pc",
                kind: ValueKind::Int {
                    bytes: 8,
                    signed: false
                }
            },
            VarDescr {
                name: "code",
                kind: ValueKind::Ref
            },
        ]
    );
    assert_eq!(
        Driver::REDS,
        [VarDescr {
            name: "frame",
            kind: ValueKind::Ref
        }]
    );
    assert_eq!(Driver::VIRTUALIZABLES, ["frame"]);
    assert_eq!(
        Plain::GREENS,
        [VarDescr {
            name: "flag",
            kind: ValueKind::Bool
        }]
    );
    assert_eq!(
        Plain::REDS,
        [VarDescr {
            name: "n",
            kind: ValueKind::Int {
                bytes: 8,
                signed: true
            }
        }]
    );
    assert!(Plain::VIRTUALIZABLES.is_empty());
}

#[test]
fn driver_location() {
    let frame = Gc::new(Frame {
        acc: Mut::new(0),
        counter: Mut::new(0),
        vable: VableToken::new(),
    });
    let driver = Driver {
        pc: 3,
        code: program(&[3]),
        frame,
    };
    let copy = driver;
    assert_eq!(copy.location(), "prog@3");
    assert_eq!(driver.pc, 3);
    assert_eq!(Plain { n: 1, flag: false }.location(), "Plain");
}

#[test]
fn hinted_functions_are_unchanged() {
    assert_eq!(add(2, 3), 5);
    assert_eq!(double(21), 42);
    assert_eq!(answer(), 42);
    let summer = Gc::new(Summer { start: 10 });
    assert_eq!(summer.sum(GcArray::from_slice(&[1, 2, 3])), 16);
    let frame = Frame {
        acc: Mut::new(5),
        counter: Mut::new(0),
        vable: VableToken::new(),
    };
    let code = program(&[0, 3]);
    assert_eq!(reset(&frame, &code), 2);
    assert_eq!(frame.counter.get(), 5);
    summer.clear(&frame);
    assert_eq!(frame.acc.get(), 0);
}

#[test]
fn hint_functions_are_native_no_ops() {
    assert_eq!(hints::promote(17u32), 17);
    assert!(!hints::we_are_jitted());
    assert!(!hints::isconstant(1.5f64));
    hints::assert_green(3usize);
    let name = Gc::new(Name { text: "x".into() });
    hints::record_exact_class(name.erase(), Name::type_info());
    let frame = Gc::new(Frame {
        acc: Mut::new(0),
        counter: Mut::new(0),
        vable: VableToken::new(),
    });
    let driver = Driver {
        pc: 0,
        code: program(&[3]),
        frame,
    };
    hints::jit_merge_point(&driver);
    hints::can_enter_jit(&driver);
}
