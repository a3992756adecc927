use jitgen_core::gc::Gc;
use jitgen_core::layout;

#[layout]
pub struct Item {
    value: i64,
}

#[layout]
pub struct List {
    #[opaque]
    items: Vec<Gc<Item>>,
}

fn main() {}
