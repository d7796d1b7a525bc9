use workos::Client;

#[tokio::main]
async fn main() -> Result<(), workos::Error> {
    let client = Client::builder()
        .api_key("sk_example_123456789")
        .client_id("client_123456789")
        .build();

    let _result = client
        .webhooks()
        .delete_webhook_endpoint("we_0123456789")
        .await?;

    Ok(())
}
