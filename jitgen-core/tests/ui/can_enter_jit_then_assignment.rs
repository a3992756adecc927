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
        if pc % 2 == 0 {
            // The backward jump is written after the hint: compiled code entered at the
            // hint would resume at the old `pc`.
            can_enter_jit!(Driver { pc, code });
            pc = 0;
        } else {
            pc += 1;
        }
    }
}

fn main() {
    run(Gc::new(Code { len: 5 }));
}
