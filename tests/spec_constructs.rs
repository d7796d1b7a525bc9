//! Constructs real specs use that the generator takes, each a fixture spec under
//! `tests/fixtures/constructs/<case>/`, its model checked and its crate built outside this
//! workspace (clippy clean, examples round-tripping):
//!
//! - `operation-refs`: DigitalOcean's layout in YAML over several files: operations and a path
//!   item that are `$ref`s to other files, whose parameters, responses and schemas resolve from
//!   those files; integer bounds beyond 64 bits (`-9223372036854776000`), as DigitalOcean and
//!   OpenAI write them, read as the JSON number they are.
//! - `example-refs`: a `$ref` key inside example data and `default` (GitHub's SCIM examples)
//!   is data.
//! - `empty-enums`: `enum: []` and dropshot's `{type: string, enum: [null]}`, which no value
//!   validates: the closest type with a warning, and a union member that never matches dropped.
//! - the broken-spec case `path-param-undeclared`: a path parameter used in the template but not
//!   declared is a required `String`, with a warning.
//! - an operation named by digits only (`summary: "2.0"`), found by `tests/fuzz_spec.rs`.

mod support;

use support::{clippy_and_test_outside, repo, write_crate};
use workos_codegen::model::{Kind, Model, Operation, Output, Ty};
use workos_codegen::{Settings, Spec, generate, load};

/// The model of a fixture spec, and the warnings it generates with.
fn model(folder: &str) -> (Spec, Settings, Model) {
    let (spec, settings) = load(&repo(folder), None).unwrap_or_else(|err| panic!("{err}"));
    let model =
        workos_codegen::model::build(&spec, &settings).unwrap_or_else(|err| panic!("{err}"));
    (spec, settings, model)
}

fn operation<'m>(model: &'m Model, method: &str, path: &str) -> &'m Operation {
    model
        .operations
        .iter()
        .find(|op| op.method == method && op.path == path)
        .unwrap_or_else(|| panic!("no {method} {path}"))
}

/// A type as the test names it: scalars by their Rust type, named types by their name.
fn show(model: &Model, ty: &Ty) -> String {
    match ty {
        Ty::String => "String".into(),
        Ty::Integer => "i64".into(),
        Ty::Number => "f64".into(),
        Ty::Json => "Value".into(),
        Ty::Named(id) => model.types[*id].name.clone(),
        Ty::Vec(item) => format!("Vec<{}>", show(model, item)),
        Ty::Option(inner) => format!("Option<{}>", show(model, inner)),
        other => format!("{other:?}"),
    }
}

fn named(model: &Model, name: &str) -> Ty {
    let id = model.types.iter().position(|t| t.name == name);
    Ty::Named(id.unwrap_or_else(|| panic!("no type {name}")))
}

/// Each field of the struct `ty` names (through aliases), as `wire: type`.
fn fields(model: &Model, ty: &Ty) -> Vec<String> {
    let Ty::Named(id) = ty else {
        panic!("{ty:?} is no named type")
    };
    match &model.types[*id].kind {
        Kind::Struct(s) => s
            .fields
            .iter()
            .map(|f| format!("{}: {}", f.wire, show(model, &f.ty)))
            .collect(),
        Kind::Alias(inner) => fields(model, inner),
        other => panic!("{} is {other:?}", model.types[*id].name),
    }
}

/// Generates the fixture's crate and builds it outside this workspace.
fn builds(folder: &str, spec: &Spec, settings: &Settings) {
    let mut settings = settings.clone();
    let package = format!("construct-{}", folder.rsplit('/').next().unwrap());
    settings.package.name = Some(package.clone());
    let output = generate(spec, &settings).unwrap_or_else(|err| panic!("{err}"));
    let outside = tempfile::tempdir().unwrap();
    let dir = outside.path().join(package);
    write_crate(&dir, &output.files);
    clippy_and_test_outside(&dir);
}

#[test]
fn operations_that_are_refs_to_other_files_resolve_from_those_files() {
    let folder = "tests/fixtures/constructs/operation-refs";
    let (spec, settings, model) = model(folder);
    assert_eq!(model.warnings, [], "no warning");

    let list = operation(&model, "get", "/v2/droplets");
    let query: Vec<String> = list
        .query_params
        .iter()
        .map(|p| format!("{}: {} {}", p.wire, show(&model, &p.ty), p.required))
        .collect();
    assert_eq!(query, ["per_page: i64 false", "tag_name: String false"]);
    assert_eq!(
        list.query_params[0].default,
        Some(serde_json::json!(20)),
        "the default of a parameter two files away"
    );
    let page = list.output.json().expect("a JSON response");
    assert_eq!(fields(&model, page), ["droplets: Vec<Droplet>"]);

    // Through the path item's `$ref`: its parameters, and an operation that is a `$ref` again.
    let get = operation(&model, "get", "/v2/droplets/{droplet_id}");
    let path: Vec<String> = get
        .path_params
        .iter()
        .map(|p| format!("{}: {}", p.wire, show(&model, &p.ty)))
        .collect();
    assert_eq!(path, ["droplet_id: i64"]);
    let droplet = fields(&model, get.output.json().unwrap());
    assert_eq!(droplet, ["droplet: Droplet"]);
    let delete = operation(&model, "delete", "/v2/droplets/{droplet_id}");
    assert_eq!(delete.path_params.len(), 1);
    assert_eq!(delete.output, Output::Empty);

    assert_eq!(
        fields(&model, &named(&model, "Droplet")),
        [
            "id: i64",
            "name: String",
            "memory: Option<i64>",
            "disk_bytes: Option<f64>"
        ]
    );
    // The bounds beyond 64 bits are the numbers written, as a JSON parser reads them.
    let (_, droplet) = spec
        .documents()
        .find(|(name, _)| *name == "resources/droplets/models/droplet.yml")
        .unwrap();
    let memory = &droplet["properties"]["memory"];
    assert_eq!(memory["minimum"].as_f64(), Some(-9223372036854775808.0));
    assert_eq!(memory["maximum"].as_f64(), Some(9223372036854775808.0));
    let json: serde_json::Value = serde_json::from_str("-9223372036854776000").unwrap();
    assert_eq!(memory["minimum"], json);

    builds(folder, &spec, &settings);
}

#[test]
fn a_ref_key_inside_example_data_is_data() {
    let folder = "tests/fixtures/constructs/example-refs";
    let (spec, settings, model) = model(folder);
    assert_eq!(model.warnings, [], "no warning");
    assert_eq!(
        fields(&model, &named(&model, "Member")),
        [
            "value: String",
            "$ref: Option<String>",
            "display: Option<String>"
        ]
    );
    // Every example holding a `$ref` key is checked against its type, none followed: the
    // component's, the named example's through its (real) `$ref`, and the inline one.
    let with_ref = model
        .examples
        .iter()
        .filter(|example| example.value.to_string().contains("\"$ref\""))
        .count();
    assert_eq!(with_ref, 3, "{:#?}", model.examples);
    builds(folder, &spec, &settings);
}

#[test]
fn schemas_no_value_validates_are_the_closest_type_with_a_warning() {
    let folder = "tests/fixtures/constructs/empty-enums";
    let (spec, settings, model) = model(folder);
    let warnings: Vec<String> = model
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.location.pointer, w.message))
        .collect();
    assert_eq!(
        warnings,
        [
            "/components/schemas/Never: `enum: []`: no value validates this schema; generated as serde_json::Value, which decodes every value (`validate()` rejects every one)",
            "/components/schemas/Choice/oneOf/0: a member with `enum: []` never matches (no value validates it): left out of the union",
            "/paths/~1snapshot/post/responses/200/content/application~1json/schema: `enum: [null]` under a `type` without `null`: no value validates this schema; generated as `type: null` is (Option<serde_json::Value>), which decodes `null` (`validate()` rejects it, as the schema does)",
        ]
    );
    let alias = |name: &str| match &model.types
        [model.types.iter().position(|t| t.name == name).unwrap()]
    .kind
    {
        Kind::Alias(ty) => show(&model, ty),
        // A type with checks of its own (`validate()` rejects every value of `Never`).
        Kind::Newtype(ty) => format!("newtype of {}", show(&model, ty)),
        other => panic!("{name} is {other:?}"),
    };
    assert_eq!(alias("Never"), "newtype of Value");
    assert_eq!(alias("OnlyNull"), "newtype of Option<Value>");
    let Ty::Named(choice) = named(&model, "Choice") else {
        unreachable!()
    };
    let Kind::Union(union) = &model.types[choice].kind else {
        panic!("Choice is {:?}", model.types[choice].kind)
    };
    let variants: Vec<String> = union.variants.iter().map(|v| show(&model, &v.ty)).collect();
    assert_eq!(variants, ["i64", "Bool"]);
    let snapshot = operation(&model, "post", "/snapshot");
    assert_eq!(
        snapshot.output.json().map(|ty| show(&model, ty)).as_deref(),
        Some("Option<Value>")
    );
    builds(folder, &spec, &settings);
}

#[test]
fn a_path_parameter_no_one_declares_is_a_required_string() {
    let folder = "tests/fixtures/broken/path-param-undeclared";
    let (spec, settings, model) = model(folder);
    let warnings: Vec<&str> = model
        .warnings
        .iter()
        .map(|w| w.location.pointer.as_str())
        .collect();
    assert_eq!(warnings, ["/paths/~1things~1{id}~1parts~1{part_id}/get"]);
    let get = operation(&model, "get", "/things/{id}/parts/{part_id}");
    let path: Vec<String> = get
        .path_params
        .iter()
        .map(|p| {
            format!(
                "{} {}: {} {}",
                p.ident,
                p.wire,
                show(&model, &p.ty),
                p.required
            )
        })
        .collect();
    assert_eq!(path, ["id id: String true", "part_id part_id: String true"]);
    builds(folder, &spec, &settings);
}

/// Found by `tests/fuzz_spec.rs`: a summary or operationId without letters (`"2.0"`) named
/// the request builder `20Request`, which is no Rust identifier.
#[test]
fn an_operation_named_by_digits_gets_type_names_that_are_identifiers() {
    let text = r#"{
        "openapi": "3.1.0",
        "info": {"title": "Digits", "version": "1"},
        "paths": {"/a": {"get": {"summary": "2.0", "responses": {"204": {"description": "none"}}}}}
    }"#;
    let files = std::collections::BTreeMap::from([("openapi.json".to_string(), text.to_string())]);
    let spec = Spec::from_memory("openapi.json", &files).unwrap();
    let settings = Settings::default();
    let model = workos_codegen::model::build(&spec, &settings).unwrap();
    let op = operation(&model, "get", "/a");
    assert_eq!(
        (op.name.as_str(), op.builder.as_str()),
        ("_2_0", "T20Request")
    );
    generate(&spec, &settings).unwrap_or_else(|err| panic!("{err}"));
}
