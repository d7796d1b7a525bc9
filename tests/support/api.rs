//! A client and JSON bodies for tests that talk to a fake WorkOS API on a loopback socket, and
//! what that server received.

use std::time::Duration;

use serde_json::{Value, json};
use wiremock::{MockServer, Request};
use workos_webhooks::Client;
use workos_webhooks::webhooks::CreateWebhookEndpointParams;

/// A client of `base_url` whose retries wait milliseconds, not seconds.
pub fn fast_client(base_url: &str, api_key: &str) -> Client {
    Client::builder()
        .api_key(api_key)
        .base_url(base_url)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .build()
}

/// A webhook endpoint as the API returns it.
pub fn endpoint_json(id: &str) -> Value {
    json!({
        "object": "webhook_endpoint", "id": id, "endpoint_url": "https://example.com/webhooks",
        "secret": "whsec_x", "status": "enabled", "events": ["user.created"],
        "created_at": "2026-01-15T12:00:00.000Z", "updated_at": "2026-01-15T12:00:00.000Z"
    })
}

/// The body of a create request.
pub fn create_params() -> CreateWebhookEndpointParams {
    CreateWebhookEndpointParams {
        endpoint_url: "https://example.com/webhooks".into(),
        events: vec!["user.created".into()],
    }
}

/// The one request the server received (fails when there were others, or none).
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "{requests:?}");
    requests.remove(0)
}
