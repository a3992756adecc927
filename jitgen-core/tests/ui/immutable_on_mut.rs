use jitgen_core::gc::Mut;
use jitgen_core::layout;

#[layout]
pub struct Counter {
    #[immutable]
    count: Mut<i64>,
}

fn main() {}
