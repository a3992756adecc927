use jitgen_core::gc::Gc;
use jitgen_core::{can_enter_jit, jit_driver, jit_merge_point, layout, portal};

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
    let mut pc = 0;
    loop {
        jit_merge_point!(Driver { pc, code });
        if pc == code.len {
            return pc;
        }
        pc += 1;
        while pc < 3 {
            pc += 1;
            can_enter_jit!(Driver { pc, code });
        }
    }
}

fn main() {
    run(Gc::new(Code { len: 5 }));
}
