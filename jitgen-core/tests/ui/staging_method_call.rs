use jitgen_core::look_inside;

#[look_inside]
fn overflow(a: i64, b: i64) -> i64 {
    if a.checked_add(b).is_none() {
        return 0;
    }
    a + b
}

fn main() {
    overflow(1, 2);
}
