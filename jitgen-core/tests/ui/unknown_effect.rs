use jitgen_core::dont_look_inside;

#[dont_look_inside(effects(allocates, cannot_raise))]
fn make() -> i64 {
    1
}

fn main() {
    make();
}
