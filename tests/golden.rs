//! Golden files of generated code: `generated/` for `spec/` (a stale copy fails here, naming
//! the command that refreshes it), and one file per fixture spec under `tests/golden/` (plus
//! `runtime.rs`, the runtime module every one-file output holds), which `tests/compile.rs` also
//! compiles. Refresh the fixtures' goldens with
//! `EXPECTORATE=overwrite cargo test --test golden`.

mod support;

use support::{fixture_specs, generate_from, repo};
use workos_codegen::{Layout, stale_files};

#[test]
fn generated_crate_matches_spec() {
    let files = generate_from(&repo("spec"), Layout::Crate);
    let staleness = stale_files(&repo("generated"), &files);
    assert!(
        staleness.is_fresh(),
        "generated/ is stale: changed {:?}, left over {:?}.\nRun `cargo codegen` to refresh it.",
        staleness.changed,
        staleness.extra
    );
}

#[test]
fn fixture_goldens_match() {
    let names = fixture_specs();
    assert!(!names.is_empty());
    for name in names {
        let layout = Layout::Module {
            file_name: format!("{name}.rs"),
        };
        let files = generate_from(&repo(&format!("tests/fixtures/specs/{name}")), layout);
        assert_eq!(files.len(), 1);
        // The runtime is the same in every one-file output: one golden of its own.
        let runtime = workos_codegen::runtime_module();
        let (header, rest) = files[0]
            .contents
            .split_once(&runtime)
            .expect("the output holds the runtime");
        expectorate::assert_contents("tests/golden/runtime.rs", &runtime);
        expectorate::assert_contents(
            format!("tests/golden/{name}.rs"),
            &format!("{header}{}", rest.trim_start()),
        );
        let compiled = repo(&format!("tests/ui/pass/golden_{name}.rs"));
        assert!(
            compiled.is_file(),
            "add {} so trybuild compiles the golden file",
            compiled.display()
        );
    }
}
