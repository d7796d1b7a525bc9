// Compiles the golden file generated from tests/fixtures/specs/query_styles: a query parameter in
// every style the client writes (tests/client_fixtures.rs checks what goes on the wire).
// With exactly the runtime modules the output ships (tests/golden.rs checks the list).
#[path = "../../../codegen/runtime"]
pub mod runtime {
    pub mod auth;
    pub mod client;
    pub mod error;
    pub mod hook;
    pub mod nullable;
    pub mod open_enum;
    pub mod path;
    pub mod query;
    pub mod retry;
    pub mod secret;
    pub mod timestamp;
    pub mod validate;
}
include!("../../golden/query_styles.rs");

fn main() {
    let client = Client::builder().build();
    let _find = client
        .things()
        .find_things(["a", "b"])
        .states([FindThingsStatesItem::Active])
        .tags(["x"])
        .words(["y"])
        .codes([1, 2])
        .seen_at([chrono::Utc::now()])
        .since(chrono::Utc::now())
        .owner("o")
        .labels(vec!["l".to_string()])
        .extra(std::collections::BTreeMap::from([("k".to_string(), "v".to_string())]))
        .limit(10);
    let _get = client.things().get_thing("t_1").fields(["id"]);
    let _day = client.things().get_day(chrono::Utc::now());
}
