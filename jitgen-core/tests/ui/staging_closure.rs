use jitgen_core::look_inside;

#[look_inside]
fn apply(x: i64) -> i64 {
    let _f = |y: i64| y + 1;
    x
}

fn main() {
    apply(1);
}
