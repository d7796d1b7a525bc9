//! Generates the client from `spec/` into `OUT_DIR` on every build where the spec changed, and
//! warns when the checked-in `generated/` crate no longer matches it.

fn main() {
    workos_codegen::Builder::new("spec")
        .file_name("workos_webhooks.rs")
        .check_vendored("generated")
        .run();
}
