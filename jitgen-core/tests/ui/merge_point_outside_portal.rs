use jitgen_core::gc::Gc;
use jitgen_core::{jit_driver, jit_merge_point, layout};

#[layout]
pub struct Code {
    len: usize,
}

#[jit_driver]
pub struct Driver {
    #[green]
    pc: usize,
    #[red]
    code: Gc<Code>,
}

fn not_a_portal(code: Gc<Code>) {
    let mut pc = 0;
    loop {
        jit_merge_point!(Driver { pc, code });
        if pc == code.len {
            return;
        }
        pc += 1;
    }
}

fn main() {
    let _ = not_a_portal;
}
