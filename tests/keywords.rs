//! Every key of every schema in the corpus written by others (progenitor's specs, typify's
//! schemas, the JSON Schema Test Suite), in `spec/`, the fixture specs and the whole WorkOS API
//! is taken by the typed spec layer: modelled, kept as an annotation, an assertion or an
//! extension, or reported with its pointer. Nothing is dropped without a word.
//!
//! `tests/golden/keywords.txt` lists each keyword found and how it is taken, with counts, so a
//! change in how a keyword is read shows in review. Refresh it with
//! `EXPECTORATE=overwrite cargo test --test keywords`.

mod support;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde_json::Value;
use support::repo;
use workos_codegen::diagnostics::Diagnostics;
use workos_codegen::load::{Node, Spec, escape};
use workos_codegen::spec::{Schema, Taken, openapi};

/// Walks schemas through their subschemas and `$ref`s, each location once.
struct Walk<'a> {
    spec: Option<&'a Spec>,
    seen: HashSet<(String, String)>,
    /// (keyword, how it is taken) -> how often.
    table: BTreeMap<(String, String), usize>,
    schemas: usize,
}

impl<'a> Walk<'a> {
    fn new(spec: Option<&'a Spec>) -> Self {
        Walk {
            spec,
            seen: HashSet::new(),
            table: BTreeMap::new(),
            schemas: 0,
        }
    }

    fn schema(&mut self, node: Node<'a>) {
        if !self
            .seen
            .insert((node.file.to_string(), node.pointer.clone()))
        {
            return;
        }
        self.schemas += 1;
        let schema = Schema::read(node.clone());
        let keys: Vec<&str> = node
            .value
            .as_object()
            .map(|map| map.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let taken: Vec<&str> = schema.taken.iter().map(|(key, _)| *key).collect();
        assert_eq!(
            taken, keys,
            "{}#{}: every key is taken once",
            node.file, node.pointer
        );
        for (key, how) in &schema.taken {
            if *how == Taken::Reported {
                let at = format!("/{}", escape(key));
                // An error (a value of the wrong shape) or a warning (not modelled, unknown).
                let mut reported = schema.problems.iter().chain(&schema.warnings);
                assert!(
                    reported.any(
                        |(pointer, _)| pointer == &at || pointer.starts_with(&format!("{at}/"))
                    ),
                    "{}#{}: `{key}` is reported with its pointer: {:?} {:?}",
                    node.file,
                    node.pointer,
                    schema.problems,
                    schema.warnings
                );
            }
            let key = if key.starts_with("x-") { "x-…" } else { key };
            *self
                .table
                .entry((key.to_string(), format!("{how:?}")))
                .or_default() += 1;
        }
        for sub in schema.subschemas() {
            self.schema(sub);
        }
        if let (Some(spec), Some(reference)) = (self.spec, schema.reference) {
            // References the suite serves over HTTP are not followed here.
            if let Ok(target) = spec.resolve(&node, reference) {
                self.schema(target);
            }
        }
    }

    /// Every schema of an OpenAPI document: components, parameters, bodies, responses and their
    /// headers.
    fn document(&mut self, spec: &'a Spec) {
        let mut errors = Diagnostics::default();
        let document = openapi::read(spec, &mut errors);
        for (_, node) in &document.schemas {
            self.schema(node.clone());
        }
        for operation in &document.operations {
            let parameters = operation.parameters.iter().filter_map(|p| p.schema.clone());
            let bodies = operation.request_body.iter().flat_map(|b| &b.content);
            let responses = operation.responses.iter().flat_map(|r| &r.content);
            let media = bodies.chain(responses).filter_map(|m| m.schema.clone());
            let headers = operation.responses.iter().flat_map(|r| &r.headers);
            let headers = headers.filter_map(|h| h.schema.clone());
            for node in parameters.chain(media).chain(headers).collect::<Vec<_>>() {
                self.schema(node);
            }
        }
    }

    fn merge(&mut self, other: Walk<'_>) {
        for (key, count) in other.table {
            *self.table.entry(key).or_default() += count;
        }
        self.schemas += other.schemas;
    }
}

fn files(folder: &str, extensions: &[&str]) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(repo(folder))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default();
            extensions.contains(&ext)
        })
        .collect();
    found.sort();
    found
}

fn read(path: &Path) -> Spec {
    Spec::read(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

#[test]
fn every_key_of_every_schema_is_taken_or_reported() {
    let mut total = Walk::new(None);
    let mut openapi_specs = files(
        "tests/fixtures/corpus/openapi/progenitor",
        &["json", "yaml"],
    );
    openapi_specs.extend([repo("spec"), repo("tests/fixtures/whole-api")]);
    for name in support::fixture_specs() {
        openapi_specs.push(repo(&format!("tests/fixtures/specs/{name}")));
    }
    // The folders of `tests/fixtures/constructs/` (no extension).
    openapi_specs.extend(files("tests/fixtures/constructs", &[""]));
    for path in &openapi_specs {
        let spec = read(path);
        let mut walk = Walk::new(Some(&spec));
        walk.document(&spec);
        assert!(walk.schemas > 0, "{}: no schema found", path.display());
        total.merge(walk);
    }
    // typify's schemas (their `$ref`s stay inside the file, in `definitions`, which are walked;
    // `maps.json` repeats a key, which the loader refuses) and the Test Suite: each case's
    // `schema`, and the documents its remote references load.
    let suite = "tests/fixtures/corpus/jsonschema/test-suite";
    let mut suite_files = files("tests/fixtures/corpus/jsonschema/typify", &["json"]);
    suite_files.extend(files(&format!("{suite}/draft2020-12"), &["json"]));
    suite_files.extend(files(&format!("{suite}/remotes"), &["json"]));
    suite_files.extend(files(&format!("{suite}/remotes/draft2020-12"), &["json"]));
    assert!(suite_files.len() > 47 + 22, "{}", suite_files.len());
    for path in suite_files {
        let text = std::fs::read_to_string(&path).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        let name = path.display().to_string();
        let mut walk = Walk::new(None);
        match &value {
            Value::Array(cases) => {
                for (index, case) in cases.iter().enumerate() {
                    walk.schema(Node::new(
                        &name,
                        format!("/{index}/schema"),
                        &case["schema"],
                    ));
                }
            }
            schema => walk.schema(Node::new(&name, String::new(), schema)),
        }
        total.merge(walk);
    }
    assert!(total.schemas > 10_000, "{} schemas", total.schemas);
    let mut text = format!(
        "# How the typed spec layer takes each keyword found in {} schemas of the corpus,\n# spec/, the fixture specs and the whole WorkOS API (tests/keywords.rs).\n",
        total.schemas
    );
    for ((key, how), count) in &total.table {
        text.push_str(&format!("{key:<24} {how:<11} {count}\n"));
    }
    expectorate::assert_contents("tests/golden/keywords.txt", &text);
}
