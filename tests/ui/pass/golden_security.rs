// Compiles the golden file generated from tests/fixtures/specs/security: a credential method per
// security scheme, on the client builder or (a per-request scheme) on the request builder
// (tests/client_auth.rs checks what each operation sends).
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
include!("../../golden/security.rs");

fn main() {
    let client = Client::builder()
        .token("t")
        .basic_auth("user", "password")
        .header_key("h")
        .query_key("q")
        .cookie_key("c")
        .oauth_token("o")
        .id_token("i")
        .build();
    let _me = client.default().with_user_token().user_token("u").user_token_query("x");
    let _either = client.default().with_either().header("x-trace", "1");
}
