use jitgen_core::layout;

#[layout]
#[repr(packed)]
pub struct Packed {
    tag: u8,
    value: i64,
}

fn main() {}
