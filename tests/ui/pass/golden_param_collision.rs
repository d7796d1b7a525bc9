// Compiles the golden file generated from tests/fixtures/specs/param_collision (progenitor's
// `param-collision.json`, verbatim): parameters named like the request builder's own field
// (`client`) and like the words it uses (`query`, `url`, `request`, `response`, `result`).
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
include!("../../golden/param_collision.rs");

fn main() {
    let client = Client::builder().build();
    // `client` is the builder's field: the parameter is `client_query`, sent as `client`.
    let request = client.default().key_get(true, false, true, false, true, false);
    let _copy = request.clone();
}
