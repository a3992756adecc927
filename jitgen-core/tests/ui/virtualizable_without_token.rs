use jitgen_core::gc::{Gc, Mut};
use jitgen_core::{jit_driver, layout};

// A virtualizable frame needs a `VableToken` field.
#[layout]
pub struct Frame {
    sp: Mut<usize>,
}

#[jit_driver(virtualizables(frame))]
pub struct Driver {
    #[green]
    pc: usize,
    #[red]
    frame: Gc<Frame>,
}

fn main() {}
