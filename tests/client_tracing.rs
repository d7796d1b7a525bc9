//! The `tracing` feature (`cargo test --features tracing --test client_tracing`): a span per
//! call and an event per attempt, captured by a subscriber here, with the fields the README
//! names, and neither the credential nor a query value nor the filled-in path in any of them.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;

use support::api::fast_client;

const API_KEY: &str = "sk_trace_secret_123";

/// Writes every span, span record and event of this crate as a line of text.
#[derive(Clone, Default)]
struct Capture {
    next: Arc<AtomicU64>,
    lines: Arc<Mutex<Vec<String>>>,
}

#[derive(Default)]
struct Fields(String);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("workos_webhooks")
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = Fields::default();
        span.record(&mut fields);
        let level = span.metadata().level();
        let line = format!("span {level} {}{}", span.metadata().name(), fields.0);
        self.lines.lock().unwrap().push(line);
        Id::from_u64(self.next.fetch_add(1, Ordering::SeqCst) + 1)
    }

    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut fields = Fields::default();
        values.record(&mut fields);
        self.lines
            .lock()
            .unwrap()
            .push(format!("record{}", fields.0));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        let level = event.metadata().level();
        self.lines
            .lock()
            .unwrap()
            .push(format!("event {level}{}", fields.0));
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn a_span_per_call_and_an_event_per_attempt_without_secrets() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("x-request-id", "req_busy"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    let list =
        json!({"object": "list", "data": [], "list_metadata": {"before": null, "after": null}});
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-request-id", "req_trace")
                .set_body_json(list),
        )
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = fast_client(&server.uri(), API_KEY);
    client
        .webhooks()
        .list_webhook_endpoints()
        .after("cursor_query_value")
        .await
        .unwrap();
    client
        .webhooks()
        .delete_webhook_endpoint("we_filled_in_path")
        .await
        .unwrap();

    let lines = capture.lines.lock().unwrap().clone();
    let text = lines.join("\n");
    let elapsed = |line: &str| line.contains(" elapsed_ms=");
    // Elapsed times vary: each attempt has one, compared without it.
    let without_elapsed: Vec<String> = lines
        .iter()
        .map(|line| match line.find(" elapsed_ms=") {
            Some(at) => {
                let rest = &line[at + 1..];
                let end = rest.find(' ').map_or(line.len(), |e| at + 1 + e);
                format!("{}{}", &line[..at], &line[end..])
            }
            None => line.clone(),
        })
        .collect();
    assert_eq!(
        without_elapsed,
        [
            "span INFO request operation=\"WebhookEndpointsController_list\" method=\"GET\" path=\"/webhook_endpoints\"",
            "event DEBUG message=attempt attempt=1 status=503 request_id=\"req_busy\"",
            "event DEBUG message=attempt attempt=2 status=200 request_id=\"req_trace\"",
            "record status=200",
            "record request_id=\"req_trace\"",
            "span INFO request operation=\"WebhookEndpointsController_delete\" method=\"DELETE\" path=\"/webhook_endpoints/{id}\"",
            "event DEBUG message=attempt attempt=1 status=204",
            "record status=204",
        ],
        "{text}"
    );
    assert_eq!(
        lines.iter().filter(|line| elapsed(line)).count(),
        3,
        "{text}"
    );
    for secret in [API_KEY, "cursor_query_value", "we_filled_in_path"] {
        assert!(!text.contains(secret), "{secret} in\n{text}");
    }
}
