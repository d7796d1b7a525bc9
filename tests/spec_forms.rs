//! The spec forms the generator reads, each a small spec under `tests/fixtures/forms/<case>/`
//! whose generated `types` module is checked in beside it as `types.rs` and compiled here:
//! OpenAPI 3.0 (`nullable`), OpenAPI 3.1 as WorkOS writes it (type arrays with `null`, `oneOf`
//! with a `null` member, `const`, `$ref` with a sibling `description`, YAML anchors), property
//! names that are Rust keywords or start with a digit, recursive types, and generated names that
//! clash (numbered, or the lowercased wire name for a property).
//!
//! Refresh the snapshots after a deliberate change with
//! `EXPECTORATE=overwrite cargo test --test spec_forms`, and review the diff.

// The generated modules reach their runtime as `super::runtime`: the modules the forms use,
// some of which (`nullable`, `union`) the root package's spec does not need.
#[allow(dead_code)]
#[path = "../codegen/runtime"]
mod runtime {
    pub mod examples;
    pub mod json_rule;
    pub mod nullable;
    pub mod open_enum;
    pub mod pattern;
    pub mod timestamp;
    pub mod union;
    pub mod validate;
}

#[allow(dead_code)]
#[rustfmt::skip] // generated code, formatted by the generator (prettyplease)
#[path = "fixtures/forms/workos-3.1/types.rs"]
mod workos_31;

#[allow(dead_code)]
#[rustfmt::skip] // generated code, formatted by the generator (prettyplease)
#[path = "fixtures/forms/openapi-3.0/types.rs"]
mod openapi_30;

#[allow(dead_code)]
#[rustfmt::skip] // generated code, formatted by the generator (prettyplease)
#[path = "fixtures/forms/keywords-and-digits/types.rs"]
mod keywords;

#[allow(dead_code)]
#[rustfmt::skip] // generated code, formatted by the generator (prettyplease)
#[path = "fixtures/forms/recursive/types.rs"]
mod recursive;

#[allow(dead_code)]
#[rustfmt::skip] // generated code, formatted by the generator (prettyplease)
#[path = "fixtures/forms/name-clashes/types.rs"]
mod clashes;

use serde_json::{Value, json};

const CASES: [&str; 5] = [
    "workos-3.1",
    "openapi-3.0",
    "keywords-and-digits",
    "recursive",
    "name-clashes",
];

#[test]
fn snapshots_match_the_generator() {
    for case in CASES {
        let folder = std::path::Path::new("tests/fixtures/forms").join(case);
        let (spec, settings) = workos_codegen::load(&folder, None).unwrap();
        let output = workos_codegen::generate(&spec, &settings)
            .unwrap_or_else(|err| panic!("{case}: {err}"));
        let types = output
            .files
            .iter()
            .find(|file| file.path == "src/types.rs")
            .expect("a types module");
        expectorate::assert_contents(folder.join("types.rs"), &types.contents);
    }
}

/// Deserializes `json` into `T`, checks it serializes back to the same JSON, and returns it.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(json: Value) -> T {
    let typed: T =
        serde_json::from_value(json.clone()).unwrap_or_else(|err| panic!("{json}: {err}"));
    assert_eq!(serde_json::to_value(&typed).unwrap(), json);
    typed
}

#[test]
fn workos_type_arrays_with_null_are_options() {
    let expire: workos_31::ExpireApiKeyDto =
        round_trip(json!({"expires_at": "2030-01-01T00:00:00.000Z"}));
    assert!(expire.expires_at.is_some());
    let nested: workos_31::AgentRegistrationAgentIdentity = round_trip(json!({
        "id": "agent_identity_01", "userland_user_id": null,
        "created_at": "2026-01-15T12:00:00.000Z", "updated_at": "2026-01-15T12:00:00.000Z"
    }));
    assert_eq!(nested.userland_user_id, None);
}

#[test]
fn workos_one_of_with_null_is_an_option_of_the_reference() {
    let none: workos_31::ApiKeyValidationResponse = round_trip(json!({"api_key": null}));
    assert!(none.api_key.is_none());
    let some: workos_31::ApiKeyValidationResponse = round_trip(json!({"api_key": {
        "object": "api_key", "id": "api_key_01", "owner": {"type": "organization", "id": "org_01"},
        "name": "Production", "obfuscated_value": "sk_…abc", "last_used_at": null,
        "expires_at": null, "permissions": ["posts:read"],
        "created_at": "2026-01-15T12:00:00.000Z", "updated_at": "2026-01-15T12:00:00.000Z"
    }}));
    let key = some.api_key.unwrap();
    assert_eq!(key.id, "api_key_01");
    assert!(key.expires_at.is_none());
}

#[test]
fn workos_const_properties_are_serde_tags() {
    // `object: {const: api_key}` is checked on the way in and written on the way out.
    let wrong = json!({"object": "user", "id": "api_key_01"});
    assert!(serde_json::from_value::<workos_31::ApiKey>(wrong).is_err());
    let option: workos_31::UserConsentOption = round_trip(json!({
        "type": "enum", "claim": "tos_accepted", "label": "Terms", "choices": []
    }));
    assert_eq!(option.claim, "tos_accepted");
}

#[test]
fn workos_ref_with_a_description_keeps_the_reference_and_the_description() {
    let request: workos_31::UserManagementLoginRequest = round_trip(json!({
        "external_auth_id": "ext_auth_01",
        "user": {"id": "user_12345", "email": "a@example.com", "metadata": {"team": "infra"}}
    }));
    assert_eq!(request.user.metadata.unwrap()["team"], "infra");
    let source = include_str!("fixtures/forms/workos-3.1/types.rs");
    assert!(
        source.contains(
            "    /// The user to create or update in AuthKit.\n    pub user: UserObject,"
        ),
        "the sibling description documents the field"
    );
}

#[test]
fn openapi_30_nullable_forms_are_options() {
    let widget: openapi_30::Widget = round_trip(json!({
        "object": "widget", "id": "w_1", "nickname": null, "owner": null, "state": null
    }));
    assert_eq!(
        (widget.nickname, widget.owner, widget.state),
        (None, None, None)
    );
    let widget: openapi_30::Widget = round_trip(json!({
        "object": "widget", "id": "w_1", "nickname": "wiggle", "count": 3,
        "owner": {"id": "o_1"}, "backup_owner": {"id": "o_2"}, "state": "on", "tags": ["a"]
    }));
    assert_eq!(widget.state, Some(openapi_30::WidgetState::On));
    assert_eq!(widget.backup_owner.flatten().unwrap().id, "o_2");
    // Optional and nullable: `null` and absent stay apart (`Some(None)` and `None`).
    let cleared: openapi_30::Widget = round_trip(json!({
        "object": "widget", "id": "w_1", "nickname": null, "owner": null, "state": null,
        "backup_owner": null
    }));
    assert_eq!(cleared.backup_owner, Some(None));
}

#[test]
fn keyword_and_digit_properties_keep_their_wire_names() {
    let rule: keywords::Rule = round_trip(json!({
        "type": "t", "ref": "r", "self": "s", "super": "up", "crate": "c", "async": true,
        "match": 3, "1st_place": "gold", "2fa": false, "3d-secure": "yes", "kind": "2fa.enabled"
    }));
    assert_eq!(rule.r#type, "t");
    assert_eq!(rule.self_, "s");
    assert_eq!(rule._1st_place, "gold");
    assert_eq!(rule.kind, Some(keywords::RuleKind::V2faEnabled));
    assert_eq!(keywords::RuleKind::Self_.as_str(), "self");
    assert_eq!(keywords::RuleKind::UnknownValue.as_str(), "unknown");
    let _: keywords::Type = round_trip(json!({"id": "x"}));
    let _: keywords::T3dSecure = round_trip(json!({"id": "x"}));
}

#[test]
fn recursive_structs_are_boxed_only_where_needed() {
    let tree: recursive::TreeNode = round_trip(json!({
        "name": "leaf",
        "parent": {"name": "root", "children": []},
        "children": [{"name": "child", "children": [{"name": "grandchild", "children": []}]}],
        "by_name": {"x": {"name": "x", "children": []}}
    }));
    let parent: Box<recursive::TreeNode> = tree.parent.unwrap();
    assert_eq!(parent.name, "root");
    let children: Vec<recursive::TreeNode> = tree.children;
    assert_eq!(children[0].children[0].name, "grandchild");

    let person: recursive::Person = round_trip(json!({
        "name": "ada", "team": {"lead": {"name": "grace", "team": {"lead": null}}}
    }));
    assert_eq!(person.team.unwrap().lead.unwrap().name, "grace");
    let comment: recursive::Comment = round_trip(json!({
        "text": "a", "reply": {"text": "b", "reply": null}
    }));
    assert_eq!(comment.reply.unwrap().text, "b");
}

#[test]
fn clashing_generated_names_are_made_distinct() {
    let integration: clashes::Integration = round_trip(json!({
        "createdAt": "camel", "created_at": "snake", "type": "a", "Type": "b",
        "credentials": {"token": "t"}
    }));
    // The property already in snake_case keeps the name; the other is its lowercased wire name.
    assert_eq!(integration.created_at.as_deref(), Some("snake"));
    assert_eq!(integration.createdat.as_deref(), Some("camel"));
    assert_eq!(integration.r#type.as_deref(), Some("a"));
    assert_eq!(integration.type_2.as_deref(), Some("b"));
    // The component keeps its name; the inline type that would take it is numbered.
    let _: clashes::IntegrationCredentials = round_trip(json!({"key": "k"}));
    let _: clashes::IntegrationCredentials2 = round_trip(json!({"token": "t"}));
    // The first schema in the spec's order keeps the name.
    let _: clashes::UserProfile = round_trip(json!({"id": "u"}));
    let _: clashes::UserProfile2 = round_trip(json!({"name": "n"}));
    let _: clashes::String2 = round_trip(json!({"value": "v"}));
}

#[test]
fn what_the_generator_cannot_model_is_a_warning_with_its_pointer() {
    let folder = tempfile::tempdir().unwrap();
    let spec = json!({
        "openapi": "3.1.0",
        "info": {"title": "Fallbacks", "version": "1"},
        "paths": {},
        "components": {"schemas": {
            "Mixed": {"allOf": [
                {"type": "string"},
                {"type": "object", "properties": {"a": {"type": "string"}}}
            ]},
            "Untyped": {"type": "array"},
            "Anything": {"type": "object", "properties": {"value": {"description": "Any JSON."}}},
            "Extra": {"type": "object", "properties": {"a": {"type": "string"}},
                "additionalProperties": {"type": "string"}},
            "Closed": {"type": "object", "properties": {"a": {"type": "string"}},
                "additionalProperties": false},
            "Open": {"type": "object", "properties": {"a": {"type": "string"}},
                "additionalProperties": {}},
            "NullInEnum": {"type": "string", "enum": ["a", null]},
            "BlockSize": {"type": "integer", "enum": [512, 2048, 4096]},
            "NullableEnum": {"type": ["string", "null"], "enum": ["b", null]}
        }}
    });
    std::fs::write(folder.path().join("openapi.json"), spec.to_string()).unwrap();
    let (spec, settings) = workos_codegen::load(folder.path(), None).unwrap();
    let output = workos_codegen::generate(&spec, &settings).unwrap();
    let prefix = format!("{}/", folder.path().display());
    let warnings: Vec<String> = output
        .warnings
        .iter()
        .map(|w| w.to_string().replace(&prefix, ""))
        .collect();
    // `{}`-like schemas allow any JSON by the spec: `Value` is exact there, not a fallback (so
    // is an array without `items`); `additionalProperties` beside `properties` is a flattened
    // map or `deny_unknown_fields`, and an integer enum a closed enum, all without a warning.
    assert_eq!(
        warnings,
        [
            "openapi.json#/components/schemas/Mixed: `allOf` of schemas that are not all objects; generated as serde_json::Value",
            "openapi.json#/components/schemas/NullInEnum: `null` in `enum` is not modelled where the schema's `type` does not allow `null`: a `null` value fails to decode (add \"null\" to `type`)",
        ]
    );
}

#[test]
fn identical_objects_are_generated_once_and_keep_their_names() {
    let folder = tempfile::tempdir().unwrap();
    let inner =
        json!({"type": "object", "required": ["n"], "properties": {"n": {"type": "string"}}});
    let spec = json!({
        "openapi": "3.1.0",
        "info": {"title": "Copies", "version": "1"},
        "paths": {},
        "components": {"schemas": {
            "First": {"type": "object", "properties": {"inner": inner}},
            "Second": {"type": "object", "properties": {"inner": inner}},
            "Third": {"type": "object", "properties": {"inner": inner, "extra": {"type": "integer"}}}
        }}
    });
    std::fs::write(folder.path().join("openapi.json"), spec.to_string()).unwrap();
    let (spec, settings) = workos_codegen::load(folder.path(), None).unwrap();
    let output = workos_codegen::generate(&spec, &settings).unwrap();
    let types = &output
        .files
        .iter()
        .find(|f| f.path == "src/types.rs")
        .unwrap()
        .contents;
    // The inline copies merge first; then `Second`, which now holds the same type, merges too.
    assert!(
        types.contains("pub type SecondInner = FirstInner;"),
        "{types}"
    );
    assert!(types.contains("pub type Second = First;"), "{types}");
    assert!(types.contains("pub inner: Option<FirstInner>,"), "{types}");
    assert_eq!(
        types.matches("pub struct").count(),
        3,
        "First, FirstInner, Third"
    );
}

#[test]
fn a_bare_json_schema_file_is_read_as_its_root_and_its_definitions() {
    // The generated `types` module of a schema file.
    let types_of = |path: &str| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        let (spec, settings) = workos_codegen::load(&path, None).unwrap();
        let output = workos_codegen::generate(&spec, &settings).unwrap();
        let types = output.files.into_iter().find(|f| f.path == "src/types.rs");
        types.unwrap()
    };
    // WorkOS's own schema file, exactly as on its schema page (no `openapi` field).
    let types = types_of("spec/schemas/CreateWebhookEndpointDto.json");
    assert!(
        types
            .contents
            .contains("pub struct CreateWebhookEndpointDto {"),
        "the root is named from its title"
    );
    assert!(
        types.contents.contains("DsyncUserCreated"),
        "the events enum"
    );
    // typify's schemas: types under `definitions`, the root only holds them.
    let types = types_of("tests/fixtures/corpus/jsonschema/typify/rust-collisions.json");
    assert!(
        !types.contents.contains("pub struct RustCollisions"),
        "no root type"
    );
    assert!(
        types.contents.contains("#/definitions/"),
        "{}",
        types.contents
    );
}

#[test]
fn enum_values_that_give_one_name_are_numbered_and_symbols_get_words() {
    use clashes::Reaction;
    let all = [
        (Reaction::Plus1, "+1"),
        (Reaction::Minus1, "-1"),
        (Reaction::Empty, ""),
        (Reaction::Star, "*"),
        (Reaction::Plus, "+"),
        (Reaction::Red, "red"),
        (Reaction::Red2, "red*"),
        (Reaction::UserCreated, "user.created"),
        (Reaction::UserCreated2, "user_created"),
    ];
    for (variant, wire) in all {
        let parsed: Reaction = round_trip(json!(wire));
        assert_eq!(parsed, variant);
    }
}
