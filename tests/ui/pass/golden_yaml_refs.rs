// Compiles the golden file generated from tests/fixtures/specs/yaml_refs and uses its types.
// With exactly the runtime modules the output ships (tests/golden.rs checks the list).
#[path = "../../../codegen/runtime"]
pub mod runtime {
    pub mod auth;
    pub mod client;
    pub mod error;
    pub mod examples;
    pub mod hook;
    pub mod nullable;
    pub mod open_enum;
    pub mod pagination;
    pub mod path;
    pub mod query;
    pub mod retry;
    pub mod secret;
    pub mod timestamp;
    pub mod validate;
}
include!("../../golden/yaml_refs.rs");

fn main() {
    let toy = Toy { r#type: Some("ball".into()), self_: Some(true), ..Default::default() };
    let json = serde_json::to_string(&toy).unwrap();
    assert_eq!(json, r#"{"type":"ball","self":true}"#);
    let kind: PetKind = "hamster".parse().unwrap();
    assert!(kind.is_unknown());
    let _page: PetList = serde_json::from_str(r#"{"object":"list","data":[],"list_metadata":{"before":null,"after":null}}"#).unwrap();
}
