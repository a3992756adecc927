use jitgen_core::elidable;

#[elidable]
fn log_value(value: i64) {
    let _ = value;
}

fn main() {
    log_value(1);
}
