//! References by `$id` and `$anchor` (drafts 2020-12, 2019-09 and 07), and a folder of JSON
//! Schema files that refer to each other (`tests/fixtures/schema-refs/`): each resolves to the
//! schema the draft says, shown by decoding instances written from the schemas (in
//! `tests/fixtures/schema-refs/instances/`) with the crates generated for them, built outside
//! this workspace clippy-clean (the decoding harness of `tests/typify_corpus.rs`). The JSON
//! Schema Test Suite's `anchor.json` and `ref.json` load and every reference in them resolves,
//! but for the remote documents the suite serves at `http://localhost:1234/`.

mod support;

use std::collections::BTreeMap;

use serde_json::Value;
use support::decode::harness::{Schema, run};
use support::decode::{cases, expected};
use support::repo;
use workos_codegen::Spec;
use workos_codegen::load::Node;

const FIXTURES: &str = "tests/fixtures/schema-refs";

fn schema(name: &str, path: &str) -> Schema {
    let instances = repo(&format!("{FIXTURES}/instances/{name}.json"));
    let text = std::fs::read_to_string(&instances).unwrap();
    Schema {
        name: name.to_string(),
        path: repo(&format!("{FIXTURES}/{path}")),
        cases: cases::parse(&text).unwrap().cases,
    }
}

#[test]
fn id_and_anchor_references_and_a_folder_of_schemas_decode_as_the_schemas_say() {
    let schemas = [
        schema("ids-2020-12", "ids-2020-12.json"),
        schema("ids-2019-09", "ids-2019-09.json"),
        schema("ids-draft-07", "ids-draft-07.json"),
        schema("folder", "folder"),
    ];
    let (outcomes, _) = run(&schemas, &repo("target/schema-refs"), "schema-refs");
    expected::assert_all_pass(&outcomes);
}

/// Every `$ref` of a document, resolved from the node that holds it.
fn resolve_all(spec: &Spec) -> Vec<(String, Result<String, String>)> {
    let mut out = Vec::new();
    for (file, document) in spec.documents() {
        walk(spec, file, "", document, &mut out);
    }
    out
}

fn walk(
    spec: &Spec,
    file: &str,
    pointer: &str,
    value: &Value,
    out: &mut Vec<(String, Result<String, String>)>,
) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                let node = Node {
                    file,
                    pointer: pointer.to_string(),
                    value,
                    reading: spec.reading(file),
                };
                let found = spec
                    .resolve(&node, reference)
                    .map(|target| format!("{}#{}", target.file, target.pointer))
                    .map_err(|(_, message)| message);
                out.push((format!("{file}#{pointer}"), found));
            }
            for (key, child) in map {
                // Data, not schemas (the suite has a property named `$ref`).
                if matches!(key.as_str(), "const" | "enum" | "default" | "examples") {
                    continue;
                }
                let at = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                walk(spec, file, &at, child, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                walk(spec, file, &format!("{pointer}/{i}"), child, out);
            }
        }
        _ => {}
    }
}

/// Where each reference of the suite's `anchor.json` and `ref.json` leads, one line each, in
/// `tests/golden/schema_refs.txt` (reviewed against the suite's descriptions and instances);
/// the metaschema's URI, which the suite fetches, is the one reference left unresolved.
#[test]
fn the_test_suites_anchor_and_ref_schemas_resolve_every_reference() {
    let mut lines = Vec::new();
    for file in ["anchor", "ref"] {
        let path = repo(&format!(
            "tests/fixtures/corpus/jsonschema/test-suite/draft2020-12/{file}.json"
        ));
        let groups: Vec<Value> =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for group in groups {
            let description = group["description"].as_str().unwrap();
            let files = BTreeMap::from([("schema.json".to_string(), group["schema"].to_string())]);
            match Spec::from_memory("schema.json", &files) {
                Ok(spec) => {
                    for (at, found) in resolve_all(&spec) {
                        let found = found.unwrap_or_else(|message| format!("error: {message}"));
                        lines.push(format!("{file}: {description}: {at} -> {found}"));
                    }
                }
                Err(err) => lines.push(format!("{file}: {description}: {err}")),
            }
        }
    }
    let unresolved: Vec<&String> = lines.iter().filter(|l| l.contains("error: ")).collect();
    assert_eq!(unresolved.len(), 1, "{unresolved:#?}");
    assert!(unresolved[0].contains("https://json-schema.org/draft/2020-12/schema"));
    expectorate::assert_contents(
        repo("tests/golden/schema_refs.txt"),
        &(lines.join("\n") + "\n"),
    );
}
