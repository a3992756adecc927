//! Compile-fail tests of the macros' error messages (one file per misuse in `ui/`, with the
//! expected compiler output beside it), and one program that must compile and run.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
