// Compiles the golden file generated from tests/fixtures/specs/param_names: parameters named
// like the request builder's own names (`client`, `body`, `params`), like each other (`id` in the
// path and the query, `type` and `Type`) and like keywords (`type`, `self`, `Self`), and a body
// whose field `name` is also a query parameter.
// With exactly the runtime modules the output ships (tests/golden.rs checks the list).
#[path = "../../../codegen/runtime"]
pub mod runtime {
    pub mod auth;
    pub mod client;
    pub mod error;
    pub mod hook;
    pub mod path;
    pub mod query;
    pub mod retry;
    pub mod secret;
    pub mod validate;
}
include!("../../golden/param_names.rs");

fn main() {
    let client = Client::builder().build();
    // Path `id`, `type` and `self`, and the required query `request`, are arguments; the body
    // is one too, as a setter per field would clash with the query's `name`.
    let body = items::UpdateItemParams {
        name: Some("n".into()),
        note: None,
    };
    let _: items::UpdateItemRequest<'_> = client
        .items()
        .update_item("i_1", "kind", 7, "r", body)
        .id_query(2)
        .body_query(true)
        .client_query("c")
        .params_query("p")
        .type_query("t")
        .self_query("s")
        .name("n");
}
