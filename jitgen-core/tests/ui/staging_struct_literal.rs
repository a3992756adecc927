use jitgen_core::look_inside;

struct Point {
    x: i64,
    y: i64,
}

#[look_inside]
fn area(a: i64, b: i64) -> i64 {
    let p = Point { x: a, y: b };
    p.x * p.y
}

fn main() {
    area(1, 2);
}
