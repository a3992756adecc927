//! A correct small interpreter: layout structs, a driver, a portal with both hint macros, and
//! function hints. It must compile and compute the right result natively.

use jitgen_core::gc::{Gc, Mut, QuasiImmut};
use jitgen_core::hints::{promote, JitDriver};
use jitgen_core::virtualizable::VableToken;
use jitgen_core::{can_enter_jit, elidable, jit_driver, jit_merge_point, layout, portal};

/// The program: `len` steps, each adding `step` to the accumulator.
#[layout]
pub struct Code {
    #[immutable]
    len: usize,
    step: i64,
    #[quasi_immutable]
    version: QuasiImmut<u64>,
    #[opaque]
    name: Box<str>,
}

/// The interpreter's frame.
#[layout]
pub struct Frame {
    acc: Mut<i64>,
    vable: VableToken,
}

fn location(driver: &Driver) -> String {
    format!("{} pc={}", driver.code.name, driver.pc)
}

#[jit_driver(virtualizables(frame), location = location)]
pub struct Driver {
    #[green]
    pc: usize,
    #[green]
    code: Gc<Code>,
    #[red]
    frame: Gc<Frame>,
}

#[elidable]
fn step_of(code: Gc<Code>) -> i64 {
    code.step
}

#[portal]
fn run(code: Gc<Code>, frame: Gc<Frame>) -> i64 {
    let mut pc = 0usize;
    loop {
        jit_merge_point!(Driver { pc, code, frame });
        if pc == code.len {
            return frame.acc.get();
        }
        let step = promote(step_of(code));
        frame.acc.set(frame.acc.get() + step);
        pc += 1;
        if pc % 4 == 0 {
            can_enter_jit!(Driver { pc, code, frame });
        }
    }
}

fn main() {
    let code = Gc::new(Code {
        len: 10,
        step: 3,
        version: QuasiImmut::new(0),
        name: "main".into(),
    });
    code.set_version(1);
    let frame = Gc::new(Frame {
        acc: Mut::new(0),
        vable: VableToken::new(),
    });
    assert_eq!(run(code, frame), 30);
    let driver = Driver { pc: 2, code, frame };
    assert_eq!(driver.location(), "main pc=2");
    assert_eq!(Driver::VIRTUALIZABLES, ["frame"]);
}
