use jitgen_core::gc::GcRef;
use jitgen_core::look_inside;

#[look_inside]
fn first(x: Option<GcRef>, y: Option<GcRef>) -> i64 {
    if let (Some(_), Some(_)) = (x, y) {
        return 1;
    }
    0
}

fn main() {
    first(None, None);
}
