use workos_webhooks::WebhookEvent;

fn main() {
    let _event = WebhookEvent::UserCreate;
}
