// Compiles the golden file generated from tests/fixtures/specs/validation and runs its checks:
// `validate()` on a value that keeps every constraint and on one that breaks them
// (tests/client_validation.rs sends its requests to a loopback server).
// With exactly the runtime modules the output ships (tests/golden.rs checks the list).
#[path = "../../../codegen/runtime"]
pub mod runtime {
    pub mod auth;
    pub mod client;
    pub mod error;
    pub mod examples;
    pub mod hook;
    pub mod json_rule;
    pub mod path;
    pub mod pattern;
    pub mod query;
    pub mod retry;
    pub mod secret;
    pub mod validate;
}
include!("../../golden/validation.rs");

fn main() {
    let good = Widget {
        name: "gear".into(),
        tags: vec!["a".into()],
        size: Some(4),
        sku: Some(Sku("ABC-1".into())),
        ..Default::default()
    };
    assert_eq!(good.validate(), Ok(()));
    let bad = Widget {
        name: "g".into(),
        tags: vec!["a".into(), "a".into()],
        sku: Some(Sku("abc".into())),
        note: Some(serde_json::json!("a string")),
        ..Default::default()
    };
    let keywords: Vec<&str> = bad.validate().unwrap_err().iter().map(|v| v.keyword).collect();
    assert_eq!(
        keywords,
        ["dependentRequired", "minLength", "uniqueItems", "pattern", "not"]
    );
}
