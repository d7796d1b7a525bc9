// Compiles the golden file generated from tests/fixtures/specs/yaml_refs and uses its types.
include!("../../golden/runtime.rs");
include!("../../golden/yaml_refs.rs");

fn main() {
    let toy = Toy { r#type: Some("ball".into()), self_: Some(true), ..Default::default() };
    let json = serde_json::to_string(&toy).unwrap();
    assert_eq!(json, r#"{"type":"ball","self":true}"#);
    let kind: PetKind = "hamster".parse().unwrap();
    assert!(kind.is_unknown());
    let _page: PetList = serde_json::from_str(r#"{"object":"list","data":[],"list_metadata":{"before":null,"after":null}}"#).unwrap();
}
