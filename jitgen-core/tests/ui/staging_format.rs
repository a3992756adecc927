use jitgen_core::look_inside;

#[look_inside]
fn describe(x: i64) -> i64 {
    let doubled = x * 2;
    format!("{doubled}");
    doubled
}

fn main() {
    describe(1);
}
