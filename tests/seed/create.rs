use workos::Client;
use workos::webhooks::CreateWebhookEndpointParams;

#[tokio::main]
async fn main() -> Result<(), workos::Error> {
    let client = Client::builder()
        .api_key("sk_example_123456789")
        .client_id("client_123456789")
        .build();

    let _result = client
        .webhooks()
        .create_webhook_endpoint(
            CreateWebhookEndpointParams {
                endpoint_url: "https://example.com/webhooks".into(),
                events: vec!["user.created".into(), "dsync.user.created".into()],
                ..Default::default()
            }
        )
        .await?;

    Ok(())
}
