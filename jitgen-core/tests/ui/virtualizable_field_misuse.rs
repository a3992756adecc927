use jitgen_core::gc::{Gc, GcArray, Mut};
use jitgen_core::layout;
use jitgen_core::virtualizable::VableToken;

// `#[virtualizable]` marks `Mut<T>` fields and `Gc<GcArray<T>>` fields of a struct with a
// `VableToken`.
#[layout]
pub struct Frame {
    #[virtualizable]
    depth: i64,
    #[virtualizable]
    slots: Gc<GcArray<i64>>,
    vable: VableToken,
}

#[layout]
pub struct NotAFrame {
    #[virtualizable]
    sp: Mut<usize>,
}

fn main() {}
