use jitgen_core::layout;

#[layout]
pub enum Value {
    Int(i64),
    Float(f64),
}

fn main() {}
