//! Real compiles: golden files of generated code must build, and misuse of the generated API
//! must not (`TRYBUILD=overwrite cargo test --test compile` refreshes the expected errors).

#[test]
fn generated_code_compiles_and_misuse_does_not() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
