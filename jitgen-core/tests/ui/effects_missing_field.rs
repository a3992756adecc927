use jitgen_core::gc::Mut;
use jitgen_core::{dont_look_inside, layout};

#[layout]
pub struct Frame {
    sp: Mut<usize>,
}

#[dont_look_inside(effects(reads(Frame.sp, Frame.stack_top), cannot_raise))]
fn depth(frame: &Frame) -> usize {
    frame.sp.get()
}

fn main() {
    let _ = depth;
}
