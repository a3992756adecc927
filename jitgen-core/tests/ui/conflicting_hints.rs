use jitgen_core::{dont_look_inside, look_inside};

struct Interp;

impl Interp {
    #[look_inside]
    #[dont_look_inside]
    fn step(&self) -> i64 {
        1
    }
}

fn main() {
    Interp.step();
}
