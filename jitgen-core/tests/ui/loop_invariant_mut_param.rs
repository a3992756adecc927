use jitgen_core::loop_invariant;

#[loop_invariant]
fn bump(counter: &mut u64) -> u64 {
    *counter += 1;
    *counter
}

fn main() {
    bump(&mut 0);
}
