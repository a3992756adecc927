use jitgen_core::{dont_look_inside, look_inside};

#[dont_look_inside]
fn describe(n: i64) -> String {
    format!("{n}")
}

#[look_inside]
fn length(n: i64) -> usize {
    let _text = describe(n);
    0
}

fn main() {
    length(3);
}
