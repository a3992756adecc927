use jitgen_core::gc::Gc;
use jitgen_core::{jit_driver, jit_merge_point, layout, portal};

#[layout]
pub struct Code {
    len: usize,
}

#[jit_driver]
pub struct Driver {
    #[green]
    pc: usize,
    #[green]
    code: Gc<Code>,
}

#[portal]
fn run(code: Gc<Code>) -> usize {
    let mut i = 0;
    loop {
        jit_merge_point!(Driver { pc: i, code });
        if i == code.len {
            return i;
        }
        i += 1;
    }
}

fn main() {
    let _ = run;
}
