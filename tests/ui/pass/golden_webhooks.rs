// Compiles the golden file generated from tests/fixtures/specs/webhooks (the 2026-05-18 spec).
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
    pub mod webhook;
}
include!("../../golden/webhooks.rs");

fn main() {
    assert_eq!(WebhookEvent::ALL.len(), 77);
}
