use jitgen_core::jit_driver;

#[jit_driver]
pub struct Driver {
    #[green]
    pc: usize,
    depth: usize,
}

fn main() {}
