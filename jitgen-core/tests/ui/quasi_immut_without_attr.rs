use jitgen_core::gc::QuasiImmut;
use jitgen_core::layout;

#[layout]
pub struct Class {
    version: QuasiImmut<u64>,
}

fn main() {}
