use jitgen_core::gc::{Gc, Mut};
use jitgen_core::{jit_driver, layout};

#[layout]
pub struct Frame {
    sp: Mut<usize>,
}

#[jit_driver(virtualizables(pc))]
pub struct Driver {
    #[green]
    pc: usize,
    #[red]
    frame: Gc<Frame>,
}

fn main() {}
