use jitgen_core::gc::{Gc, Mut};
use jitgen_core::{jit_driver, jit_merge_point, layout, portal};

#[layout]
pub struct Code {
    len: usize,
}

#[layout]
pub struct Frame {
    acc: Mut<i64>,
}

#[jit_driver]
pub struct Driver {
    #[green]
    pc: usize,
    #[green]
    code: Gc<Code>,
    #[red]
    frame: Gc<Frame>,
}

#[portal]
fn run(code: Gc<Code>, frame: Gc<Frame>, step: i64) -> i64 {
    let mut pc = 0;
    let (limit, _unused) = (code.len, 0);
    loop {
        jit_merge_point!(Driver { pc, code, frame });
        // The closure's `step` is its own parameter; the `+ step` below is the outer one.
        let double = |step: i64| step * 2;
        if pc == limit {
            return frame.acc.get();
        }
        frame.acc.set(double(frame.acc.get()) + step);
        pc += 1;
    }
}

fn main() {
    let _ = run;
}
