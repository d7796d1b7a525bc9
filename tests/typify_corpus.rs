//! typify's 22 test schemas (`tests/fixtures/corpus/jsonschema/typify/`), each a bare JSON
//! Schema file: every one generates a crate that is clippy-clean (`--all-targets -D warnings`)
//! outside this workspace, and decodes the instances of `tests/fixtures/typify_instances/`,
//! written from the schemas' rules (draft-07), as the schemas say. What does not yet is listed,
//! exactly, in `tests/fixtures/typify_instances/expected_failures.txt` (format:
//! `tests/support/decode/expected.rs`; instances: `tests/support/decode/cases.rs`). The run
//! prints a progress table per schema.
//!
//! The crates are built in `target/typify-corpus/` (kept between runs, so an unchanged crate
//! is not rebuilt), with the target folder of the crates built outside
//! (`target/vendored-check`).

mod support;

use std::path::PathBuf;
use std::time::Instant;

use serde_json::Value;
use support::decode::harness::{Schema, run};
use support::decode::{cases, expected};
use support::repo;
use workos_codegen::{generate, load};

const TYPIFY: &str = "tests/fixtures/corpus/jsonschema/typify";
const INSTANCES: &str = "tests/fixtures/typify_instances";

/// The schemas, by file stem.
const SCHEMAS: [&str; 22] = [
    "arrays-and-tuples",
    "deny-list",
    "extraneous-enum",
    "github",
    "id-or-name",
    "maps",
    "merged-schemas",
    "more_types",
    "multiple-instance-types",
    "noisy-types",
    "property-pattern",
    "reflexive",
    "rust-collisions",
    "simple-types",
    "string-enum-with-default",
    "type-with-modified-generation",
    "types-with-defaults",
    "types-with-more-impls",
    "untyped-enum-with-null",
    "various-enums",
    "vega",
    "x-rust-type",
];

fn schema_path(name: &str) -> PathBuf {
    repo(&format!("{TYPIFY}/{name}.json"))
}

/// A schema with its instances, each case's pointer checked against the schema file.
fn schema(name: &str) -> Schema {
    let path = repo(&format!("{INSTANCES}/{name}.json"));
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let cases = cases::parse(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let document: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path(name)).unwrap()).unwrap();
    for case in &cases.cases {
        assert!(
            document.pointer(&case.pointer).is_some(),
            "{}: `type: {:?}` is no schema of {name}.json",
            path.display(),
            case.pointer
        );
    }
    Schema {
        name: name.to_string(),
        path: schema_path(name),
        cases: cases.cases,
    }
}

#[test]
fn every_schema_of_the_corpus_has_instances() {
    let mut found: Vec<String> = std::fs::read_dir(repo(TYPIFY))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.strip_suffix(".json").map(str::to_string))
        .collect();
    found.sort();
    assert_eq!(found, SCHEMAS);
    for name in SCHEMAS {
        assert!(!schema(name).cases.is_empty(), "{name}: no case");
    }
}

#[test]
fn typify_schemas_build_clippy_clean_and_decode_their_instances_as_the_schemas_say() {
    let started = Instant::now();
    // `TYPIFY_ONLY=maps,vega` runs those schemas alone, with their lines of the list.
    let only = std::env::var("TYPIFY_ONLY").ok();
    let chosen = |name: &str| {
        only.as_ref()
            .is_none_or(|o| o.split(',').any(|n| n == name))
    };
    let schemas: Vec<Schema> = SCHEMAS
        .iter()
        .filter(|n| chosen(n))
        .map(|n| schema(n))
        .collect();
    let list =
        std::fs::read_to_string(repo(&format!("{INSTANCES}/expected_failures.txt"))).unwrap();
    let mut entries =
        expected::parse(&list).unwrap_or_else(|err| panic!("expected_failures: {err}"));
    entries.retain(|entry| chosen(&entry.schema));
    let (outcomes, timings) = run(&schemas, &repo("target/typify-corpus"), "typify-corpus");
    let verdict = expected::compare(&outcomes, &entries);
    println!("{}", expected::table(&verdict.rows));
    println!(
        "generate {:.1?}, linted build {:.1?}, probes {:.1?}, in all {:.1?}",
        timings.generate,
        timings.build,
        timings.probes,
        started.elapsed()
    );
    assert!(
        verdict.problems.is_empty(),
        "{} difference(s) from expected_failures.txt:\n{}",
        verdict.problems.len(),
        verdict.problems.join("\n")
    );
}

/// Type modules of schemas that show one construct each: objects with and without
/// `additionalProperties`, `type` arrays, an untyped enum with `null`, Rust keywords and
/// std's names, and integer formats. Refresh with
/// `EXPECTORATE=overwrite cargo test --test typify_corpus representative`, and review the diff.
#[test]
fn representative_type_modules_match_their_golden_files() {
    for name in [
        "more_types",
        "multiple-instance-types",
        "untyped-enum-with-null",
        "rust-collisions",
        "simple-types",
    ] {
        let (spec, settings) =
            load(&schema_path(name), None).unwrap_or_else(|err| panic!("{name}: {err}"));
        let output = generate(&spec, &settings).unwrap_or_else(|err| panic!("{name}: {err}"));
        let file = output
            .files
            .iter()
            .find(|f| f.path == "src/types.rs")
            .unwrap_or_else(|| panic!("{name}: no src/types.rs"));
        expectorate::assert_contents(
            repo(&format!("tests/golden/typify/{name}.rs")),
            &file.contents,
        );
    }
}
