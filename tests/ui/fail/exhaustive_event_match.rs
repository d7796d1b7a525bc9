use workos_webhooks::WebhookEvent;

// WebhookEvent is #[non_exhaustive]: a match without a wildcard arm does not compile, so new
// events from a spec update never break callers silently.
fn describe(event: &WebhookEvent) -> &'static str {
    match event {
        WebhookEvent::UserCreated => "created",
        WebhookEvent::UserDeleted => "deleted",
        WebhookEvent::Unknown(_) => "unknown",
    }
}

fn main() {
    describe(&WebhookEvent::UserCreated);
}
