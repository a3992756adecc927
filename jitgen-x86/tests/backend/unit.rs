
#[test]
fn probe() {
    use super::random::*;
    use jitgen_core::backend::Backend;
    for seed in 1..20 {
        let mut rng = Rng::new(seed);
        let (trace, _) = random_loop(&mut rng, 10);
        let before = jitgen_x86::live_code_bytes();
        let code = jitgen_x86::X86Backend.compile_loop(std::rc::Rc::new(trace));
        eprintln!("seed {seed}: {} bytes", jitgen_x86::live_code_bytes() - before);
        drop(code);
    }
}
