use jitgen_core::unroll_safe;

#[unroll_safe]
struct Table {
    len: usize,
}

fn main() {}
