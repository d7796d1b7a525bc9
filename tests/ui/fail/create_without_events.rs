use workos_webhooks::CreateWebhookEndpoint;

fn main() {
    // `events` is required by the spec: leaving it out does not compile.
    let _create = CreateWebhookEndpoint {
        endpoint_url: "https://example.com/webhooks".into(),
    };
}
