//! Golden files of generated code: `generated/` for `spec/` (a stale copy fails here, naming
//! the command that refreshes it), and one file per fixture spec under `tests/golden/`, which
//! `tests/compile.rs` also compiles. A one-file output holds the runtime modules its code uses:
//! `runtime.rs` is the whole runtime, once, and each fixture's golden file is its output without
//! them (its trybuild case compiles it with exactly those modules). Refresh the fixtures' goldens
//! with `EXPECTORATE=overwrite cargo test --test golden`.

mod support;

use support::{fixture_specs, generate_from, repo};
use workos_codegen::model::runtime::Runtime;
use workos_codegen::{Layout, runtime_module, stale_files};

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
    expectorate::assert_contents("tests/golden/runtime.rs", &runtime_module(&Runtime::all()));
    let names = fixture_specs();
    assert!(!names.is_empty());
    for name in names {
        let dir = repo(&format!("tests/fixtures/specs/{name}"));
        let layout = Layout::Module {
            file_name: format!("{name}.rs"),
        };
        let files = generate_from(&dir, layout);
        assert_eq!(files.len(), 1);
        let (spec, settings) = workos_codegen::load(&dir, None).unwrap();
        let shipped = workos_codegen::model::build(&spec, &settings)
            .unwrap()
            .runtime;
        // Right after the header: the modules the code uses, each exactly its source.
        let runtime = runtime_module(&shipped);
        let (header, rest) = files[0]
            .contents
            .split_once(&runtime)
            .expect("the output holds the runtime");
        assert!(
            header
                .lines()
                .all(|line| line.starts_with("//") || line.is_empty())
        );
        for named in rest.split("runtime::").skip(1) {
            let module: String = named
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            assert!(shipped.ships(&module), "{name} names runtime::{module}");
        }
        expectorate::assert_contents(
            format!("tests/golden/{name}.rs"),
            &format!("{header}{}", rest.trim_start()),
        );
        let compiled = repo(&format!("tests/ui/pass/golden_{name}.rs"));
        let case = std::fs::read_to_string(&compiled).unwrap_or_else(|_| {
            panic!(
                "add {} so trybuild compiles the golden file",
                compiled.display()
            )
        });
        let modules = shipped
            .modules
            .iter()
            .map(|m| format!("    pub mod {m};\n"));
        let block = format!(
            "#[path = \"../../../codegen/runtime\"]\npub mod runtime {{\n{}}}\n",
            modules.collect::<String>()
        );
        assert!(
            case.contains(&block),
            "{} must compile the golden with exactly its runtime modules:\n{block}",
            compiled.display()
        );
    }
}

/// Generated code holds the runtime without its unit tests; the root package runs them on the
/// sources, for every module (`src/lib.rs`, `runtime_tests`).
#[test]
fn the_root_package_tests_every_runtime_module_on_its_source() {
    let lib = std::fs::read_to_string(repo("src/lib.rs")).unwrap();
    for file in workos_codegen::emit::runtime::FILES {
        assert!(
            lib.contains(&format!("    pub mod {};\n", file.name)),
            "add `pub mod {};` to `runtime_tests` in src/lib.rs",
            file.name
        );
        assert!(!file.code().contains("#[cfg(test)]"), "{}", file.name);
    }
}
