//! The whole WorkOS API (`tests/fixtures/whole-api/openapi.yaml`: 212 operations, 208 component
//! schemas, YAML anchors, `oneOf`/`anyOf`/`allOf`, discriminators): it generates, the crate builds
//! outside this workspace with no clippy warning, and every example in the spec round-trips
//! through its type (the generated crate's own test); its webhook-endpoints part is the API
//! generated from `spec/`.

mod support;

use support::{clippy_and_test_outside, repo, write_crate};
use workos_codegen::{GeneratedFile, generate, load};

const SPEC: &str = "tests/fixtures/whole-api";

fn generated() -> (Vec<GeneratedFile>, Vec<String>) {
    let (spec, settings) = load(&repo(SPEC), None).unwrap_or_else(|err| panic!("{err}"));
    let output = generate(&spec, &settings).unwrap_or_else(|err| panic!("{err}"));
    let warnings = output.warnings.iter().map(|w| w.to_string()).collect();
    (output.files, warnings)
}

#[test]
fn every_operation_is_generated_with_value_fallbacks_listed() {
    let (files, warnings) = generated();
    // Each operation's doc names its method and path once: `POST /client/token`.
    let operations: usize = files
        .iter()
        .filter(|f| f.path.starts_with("src/") && !f.path.starts_with("src/runtime/"))
        .map(|f| {
            f.contents
                .lines()
                .filter(|line| {
                    let line = line.trim_start();
                    ["GET", "POST", "PUT", "PATCH", "DELETE"]
                        .iter()
                        .any(|m| line.starts_with(&format!("/// `{m} /")))
                })
                .count()
        })
        .sum();
    assert_eq!(operations, 212);
    // Every `oneOf`, `anyOf` and `allOf` of the spec is modelled: nothing falls back to
    // `serde_json::Value` (each fallback would be a warning with its pointer).
    assert!(warnings.is_empty(), "{warnings:#?}");
}

#[test]
fn whole_api_crate_builds_lints_clean_and_round_trips_every_example() {
    let outside = tempfile::tempdir().unwrap();
    let crate_dir = outside.path().join("workos");
    write_crate(&crate_dir, &generated().0);
    clippy_and_test_outside(&crate_dir);
}

/// The webhook-endpoints part of the whole API is the API generated from `spec/`: the same
/// handle, methods, request builders and parameter types, with the same signatures.
#[test]
fn webhook_endpoints_part_is_the_same_api_as_the_one_from_spec() {
    let signatures = |files: &[GeneratedFile]| -> Vec<String> {
        let module = files
            .iter()
            .find(|f| f.path == "src/webhooks.rs")
            .expect("a webhooks module");
        module
            .contents
            .lines()
            .map(str::trim)
            .filter(|line| !line.starts_with("//"))
            .filter(|line| {
                [
                    "pub fn",
                    "pub struct",
                    "pub type",
                    "impl",
                    "params:",
                    ") ->",
                ]
                .iter()
                .any(|start| line.starts_with(start))
            })
            .map(str::to_string)
            .collect()
    };
    let (whole, _) = generated();
    let (spec, settings) = load(&repo("spec"), None).unwrap();
    let alone = generate(&spec, &settings).unwrap().files;
    assert_eq!(signatures(&whole), signatures(&alone));
    assert!(signatures(&alone).len() > 20);
}

/// Golden files for representative modules of the whole API: `sso` (an object query parameter,
/// sent one entry per parameter), `radar` (path parameters named like keywords), `vault`
/// (builders numbered clear of the spec's `*Request` types). Refresh with
/// `EXPECTORATE=overwrite cargo test --test whole_api`, and review the diff.
#[test]
fn representative_modules_match_their_golden_files() {
    let (files, _) = generated();
    for module in ["sso", "radar", "vault"] {
        let file = files
            .iter()
            .find(|f| f.path == format!("src/{module}.rs"))
            .unwrap_or_else(|| panic!("no module {module}"));
        expectorate::assert_contents(
            repo(&format!("tests/golden/whole-api/{module}.rs")),
            &file.contents,
        );
    }
}
