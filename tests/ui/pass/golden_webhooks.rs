// Compiles the golden file generated from tests/fixtures/specs/webhooks (the 2026-05-18 spec).
include!("../../golden/runtime.rs");
include!("../../golden/webhooks.rs");

fn main() {
    assert_eq!(WebhookEvent::ALL.len(), 77);
}
