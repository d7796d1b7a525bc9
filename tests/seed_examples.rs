//! The JSON examples of the WorkOS API reference page (copied verbatim into
//! `tests/fixtures/seed/`) deserialize into the generated types and serialize back to the same
//! JSON; and the generated types behave as documented.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use workos_webhooks::{
    CreateWebhookEndpoint, PaginationOrder, UpdateWebhookEndpoint, WebhookEndpoint,
    WebhookEndpointList, WebhookEndpointStatus, WebhookEvent,
};

fn seed(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/seed/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Parses the seed example into `T` and checks it serializes back to the same JSON.
fn round_trip<T: DeserializeOwned + Serialize>(name: &str) -> T {
    let original = seed(name);
    let typed: T = serde_json::from_value(original.clone()).unwrap();
    assert_eq!(
        serde_json::to_value(&typed).unwrap(),
        original,
        "{name} changed in a round trip"
    );
    typed
}

#[test]
fn list_response_round_trips() {
    let page: WebhookEndpointList = round_trip("list_response");
    assert_eq!(page.data.len(), 1);
    assert_eq!(
        page.data[0].events,
        [WebhookEvent::UserCreated, WebhookEvent::DsyncUserCreated]
    );
    assert_eq!(
        page.list_metadata.after.as_deref(),
        Some("we_01HXYZ987654321KJIHGFEDCBA")
    );
}

#[test]
fn endpoint_responses_round_trip() {
    for name in ["create_response", "update_response"] {
        let endpoint: WebhookEndpoint = round_trip(name);
        assert_eq!(endpoint.id, "we_0123456789");
        assert_eq!(endpoint.status, WebhookEndpointStatus::Enabled);
        assert_eq!(
            endpoint.created_at.to_rfc3339(),
            "2026-01-15T12:00:00+00:00"
        );
    }
}

#[test]
fn request_bodies_round_trip() {
    let create: CreateWebhookEndpoint = round_trip("create_request");
    assert_eq!(create.endpoint_url, "https://example.com/webhooks");
    let update: UpdateWebhookEndpoint = round_trip("update_request");
    assert_eq!(update.status, Some(WebhookEndpointStatus::Enabled));
}

#[test]
fn absent_update_fields_are_not_serialized() {
    let update = UpdateWebhookEndpoint {
        status: Some(WebhookEndpointStatus::Disabled),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&update).unwrap(),
        r#"{"status":"disabled"}"#
    );
    assert_eq!(
        serde_json::to_string(&UpdateWebhookEndpoint::default()).unwrap(),
        "{}"
    );
}

#[test]
fn unknown_events_round_trip() {
    let mut endpoint = seed("create_response");
    endpoint["events"] = serde_json::json!(["user.created", "vault.secret.rotated"]);
    let parsed: WebhookEndpoint = serde_json::from_value(endpoint.clone()).unwrap();
    assert_eq!(
        parsed.events[1],
        WebhookEvent::Unknown("vault.secret.rotated".into())
    );
    assert!(parsed.events[1].is_unknown());
    assert_eq!(parsed.events[1].as_str(), "vault.secret.rotated");
    assert_eq!(serde_json::to_value(&parsed).unwrap(), endpoint);
}

#[test]
fn unknown_fields_and_statuses_are_accepted() {
    let mut endpoint = seed("create_response");
    endpoint["status"] = "paused".into();
    endpoint["rate_limit"] = 10.into();
    let parsed: WebhookEndpoint = serde_json::from_value(endpoint).unwrap();
    assert_eq!(
        parsed.status,
        WebhookEndpointStatus::Unknown("paused".into())
    );
}

#[test]
fn event_names_convert_both_ways() {
    assert_eq!(WebhookEvent::ALL.len(), 77);
    for event in WebhookEvent::ALL {
        assert!(!event.is_unknown());
        assert_eq!(&WebhookEvent::from(event.as_str()), event);
        assert_eq!(event.to_string().parse::<WebhookEvent>().unwrap(), *event);
        assert_eq!(WebhookEvent::from(event.as_str().to_string()), *event);
    }
    assert_eq!(
        WebhookEvent::DsyncGroupUserAdded.as_str(),
        "dsync.group.user_added"
    );
    assert_eq!(
        WebhookEvent::from("user.created"),
        WebhookEvent::UserCreated
    );
    let names: std::collections::HashSet<&str> =
        WebhookEvent::ALL.iter().map(|e| e.as_str()).collect();
    assert_eq!(names.len(), 77, "every event has its own wire name");
}

#[test]
fn pagination_order_defaults_as_the_spec_says() {
    assert_eq!(PaginationOrder::default(), PaginationOrder::Desc);
}

#[test]
fn endpoint_secret_is_redacted_in_debug() {
    let endpoint: WebhookEndpoint = serde_json::from_value(seed("create_response")).unwrap();
    let debug = format!("{endpoint:?} {endpoint:#?}");
    assert!(
        !debug.contains("whsec_0FWAiVGkEfGBqqsJH4aNAGBJ4"),
        "{debug}"
    );
    assert!(
        debug.contains("<redacted>") && debug.contains("we_0123456789"),
        "{debug}"
    );
    let page: WebhookEndpointList = serde_json::from_value(seed("list_response")).unwrap();
    assert!(!format!("{page:?}").contains("whsec_"));
}
