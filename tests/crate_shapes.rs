//! Generated crates of other shapes than `generated/`, each with only the runtime and the
//! dependencies its code uses, built outside this workspace with no clippy warning and tested:
//! progenitor's `keeper.json` (copied verbatim into `tests/fixtures/corpus/`: OpenAPI 3.0.3, six
//! operations, no webhooks, no settings file), a client named from its `info`; and a spec of
//! types only (`tests/fixtures/forms/openapi-3.0`), with no client at all.

mod support;

use support::{clippy_and_test_outside, repo, write_crate};
use workos_codegen::{GeneratedFile, generate, load};

const KEEPER: &str = "tests/fixtures/corpus/openapi/progenitor/keeper.json";

const TYPES_ONLY: &str = "tests/fixtures/forms/openapi-3.0";

fn generated(spec: &str) -> Vec<GeneratedFile> {
    let (spec, settings) = load(&repo(spec), None).unwrap_or_else(|err| panic!("{err}"));
    let output = generate(&spec, &settings).unwrap_or_else(|err| panic!("{err}"));
    assert!(output.warnings.is_empty(), "{:#?}", output.warnings);
    output.files
}

#[test]
fn keeper_ships_only_what_it_uses_under_its_own_name() {
    let files = generated(KEEPER);
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    // No webhooks, lists, unions, enums or examples in the spec.
    for absent in ["webhook", "pagination", "union", "open_enum", "examples"] {
        let path = format!("src/runtime/{absent}.rs");
        assert!(!paths.contains(&path.as_str()), "{path} in {paths:?}");
    }
    assert!(paths.contains(&"src/runtime/client.rs"), "{paths:?}");
    let manifest = manifest(&files);
    let crates = manifest["dependencies"].as_table().unwrap();
    for absent in ["hmac", "sha2", "futures-core"] {
        assert!(!crates.contains_key(absent), "{absent} in [dependencies]");
    }
    assert!(!manifest.contains_key("dev-dependencies"));
    // `info`: `"title": "Keeper API"`, `"version": "1.0"`.
    assert_eq!(manifest["package"]["name"].as_str(), Some("keeper-api"));
    assert_eq!(manifest["package"]["version"].as_str(), Some("1.0.0"));
    let lines: usize = files.iter().map(|f| f.contents.lines().count()).sum();
    // 3,387 with hooks, per-request options, credentials by scheme and tracing in the runtime;
    // 3,993 with value checks (`runtime/validate.rs`, and a `Validate` impl per type).
    assert!(lines < 4100, "{lines} lines");
}

#[test]
fn keeper_crate_builds_lints_clean_and_passes_its_tests() {
    let outside = tempfile::tempdir().unwrap();
    let crate_dir = outside.path().join("keeper");
    write_crate(&crate_dir, &generated(KEEPER));
    clippy_and_test_outside(&crate_dir);
}

fn manifest(files: &[GeneratedFile]) -> toml::Table {
    let file = files.iter().find(|f| f.path == "Cargo.toml").unwrap();
    file.contents.parse().unwrap()
}

fn crates(manifest: &toml::Table, table: &str) -> Vec<String> {
    manifest[table]
        .as_table()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

#[test]
fn a_types_only_crate_has_no_client_and_builds_and_tests() {
    let files = generated(TYPES_ONLY);
    let runtime: Vec<&str> = files
        .iter()
        .filter_map(|f| f.path.strip_prefix("src/runtime/"))
        .collect();
    // `nullable` and `open_enum` fields, and `Validate` (nothing to check: no `regex`); no
    // operations, date-times or examples.
    assert_eq!(
        runtime,
        ["mod.rs", "nullable.rs", "open_enum.rs", "validate.rs"]
    );
    let manifest = manifest(&files);
    assert_eq!(crates(&manifest, "dependencies"), ["serde", "serde_json"]);
    // The runtime ships without its unit tests: nothing for tests only.
    assert!(!manifest.contains_key("dev-dependencies"));
    assert_eq!(
        manifest["package"]["name"].as_str(),
        Some("openapi-3-0-forms")
    );
    let outside = tempfile::tempdir().unwrap();
    let crate_dir = outside.path().join("types-only");
    write_crate(&crate_dir, &files);
    clippy_and_test_outside(&crate_dir);
}
