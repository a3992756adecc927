use jitgen_core::gc::Gc;
use jitgen_core::{jit_driver, jit_merge_point, layout, portal};

#[layout]
pub struct Code {
    len: i64,
}

#[jit_driver]
pub struct Driver {
    #[green]
    pc: i64,
    #[green]
    code: Gc<Code>,
}

// The portal is staged too: its body must stay within the subset.
#[portal]
fn run(code: Gc<Code>) -> i64 {
    let mut pc = 0;
    loop {
        jit_merge_point!(Driver { pc, code });
        if pc == code.len {
            return pc;
        }
        println!("at {pc}");
        pc += 1;
    }
}

fn main() {
    run(Gc::new(Code { len: 2 }));
}
