use jitgen_core::layout;

#[layout]
pub struct Pair<T> {
    first: T,
    second: T,
}

fn main() {}
