//! The seed's `CreateWebhookEndpointDto` schema file, exactly as WorkOS's schema page shows it
//! (`tests/fixtures/seed-schema/`, a bare JSON Schema 2020-12 document with `$id`), generates a
//! types-only crate: `CreateWebhookEndpoint` with the 77-event open enum `WebhookEvent`, no
//! client. The crate builds outside this workspace with no clippy warning, and decodes the seed's
//! create request body.

mod support;

use support::{clippy_and_test_outside, repo, write_crate};
use workos_codegen::model::{Kind, Ty};
use workos_codegen::{GeneratedFile, generate, load};

const FILE: &str = "tests/fixtures/seed-schema/workos-createwebhookendpointdto-schema.json";

#[test]
fn the_seed_schema_is_the_request_type_with_its_open_event_enum() {
    let (spec, settings) = load(&repo(FILE), None).unwrap_or_else(|err| panic!("{err}"));
    let model = workos_codegen::model::build(&spec, &settings).unwrap();
    assert!(model.operations.is_empty());
    let request = model
        .types
        .iter()
        .find(|t| t.name == "CreateWebhookEndpoint")
        .expect("the root type, named from its title without `Dto`");
    let Kind::Struct(structure) = &request.kind else {
        panic!("{:?}", request.kind);
    };
    let fields: Vec<(&str, bool)> = structure
        .fields
        .iter()
        .map(|f| (f.wire.as_str(), f.required))
        .collect();
    assert_eq!(fields, [("endpoint_url", true), ("events", true)]);
    let Ty::Vec(item) = &structure.fields[1].ty else {
        panic!("{:?}", structure.fields[1].ty);
    };
    let Ty::Named(events) = **item else {
        panic!("{item:?}");
    };
    assert_eq!(model.types[events].name, "WebhookEvent");
    let Kind::Enum(events) = &model.types[events].kind else {
        panic!("an open enum");
    };
    assert_eq!(events.variants.len(), 77);
    assert!(model.warnings.is_empty(), "{:?}", model.warnings);
}

#[test]
fn the_seed_schema_crate_builds_lint_clean_and_decodes_the_seed_request() {
    let (spec, settings) = load(&repo(FILE), None).unwrap_or_else(|err| panic!("{err}"));
    let mut files = generate(&spec, &settings).unwrap().files;
    let manifest = &files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .unwrap()
        .contents;
    for client_crate in ["reqwest", "tokio"] {
        assert!(!manifest.contains(client_crate), "types only:\n{manifest}");
    }
    let request = std::fs::read_to_string(repo("tests/fixtures/seed/create_request.json")).unwrap();
    files.push(GeneratedFile {
        path: "tests/seed_request.rs".into(),
        contents: format!(
            r####"
use seed_schema::{{CreateWebhookEndpoint, WebhookEvent}};

const REQUEST: &str = r###"{request}"###;

#[test]
fn the_seed_request_decodes_and_re_encodes_unchanged() {{
    let body: CreateWebhookEndpoint = serde_json::from_str(REQUEST).unwrap();
    assert_eq!(body.endpoint_url, "https://example.com/webhooks");
    assert_eq!(body.events, [WebhookEvent::UserCreated, WebhookEvent::DsyncUserCreated]);
    let again: serde_json::Value = serde_json::to_value(&body).unwrap();
    assert_eq!(again, serde_json::from_str::<serde_json::Value>(REQUEST).unwrap());
}}

#[test]
fn a_missing_required_property_fails_to_decode() {{
    let err = serde_json::from_str::<CreateWebhookEndpoint>(r#"{{"events": []}}"#).unwrap_err();
    assert!(err.to_string().contains("endpoint_url"), "{{err}}");
}}
"####
        ),
    });
    let outside = tempfile::tempdir().unwrap();
    let dir = outside.path().join("seed-schema");
    write_crate(&dir, &files);
    // The test names serde_json, which the types-only crate may not depend on for itself.
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    if !text.contains("\nserde_json") {
        let text = text.replacen(
            "[dependencies]\n",
            "[dependencies]\nserde_json = \"1\"\n",
            1,
        );
        std::fs::write(&manifest, text).unwrap();
    }
    clippy_and_test_outside(&dir);
}
