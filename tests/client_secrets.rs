//! The API key and endpoint secrets never show in `Debug`, `Display` or error messages.

use std::error::Error as _;
use std::time::Duration;

use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};
use workos_webhooks::{Client, Error};

mod support;

use support::api::create_params as params;

const API_KEY: &str = "sk_test_SuperSecretKey42";
const ENDPOINT_SECRET: &str = "whsec_0FWAiVGkEfGBqqsJH4aNAGBJ4";

fn client(base_url: &str) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .client_id("client_123")
        .base_url(base_url)
        .max_retries(0)
        .build()
}

fn endpoint() -> serde_json::Value {
    json!({
        "object": "webhook_endpoint", "id": "we_1", "endpoint_url": "https://example.com/webhooks",
        "secret": ENDPOINT_SECRET, "status": "enabled", "events": ["user.created"],
        "created_at": "2026-01-15T12:00:00.000Z", "updated_at": "2026-01-15T12:00:00.000Z"
    })
}

#[track_caller]
fn assert_clean(text: &str) {
    assert!(!text.contains(API_KEY), "API key leaked: {text}");
    assert!(
        !text.contains("SuperSecret"),
        "part of the API key leaked: {text}"
    );
    assert!(
        !text.contains(ENDPOINT_SECRET),
        "endpoint secret leaked: {text}"
    );
    assert!(
        !text.contains("whsec_"),
        "part of the endpoint secret leaked: {text}"
    );
}

/// Display, Debug, pretty Debug and every `source()` of an error.
fn every_rendering(err: &Error) -> Vec<String> {
    let mut out = vec![err.to_string(), format!("{err:?}"), format!("{err:#?}")];
    let mut source = err.source();
    while let Some(s) = source {
        out.push(s.to_string());
        out.push(format!("{s:?}"));
        source = s.source();
    }
    out
}

#[tokio::test]
async fn client_and_builders_do_not_show_the_api_key() {
    let builder = Client::builder()
        .api_key(API_KEY)
        .base_url("http://127.0.0.1:9");
    assert_clean(&format!("{builder:?}"));
    let client = builder.build();
    assert_clean(&format!("{client:?}"));
    assert_clean(&format!("{client:#?}"));
    let webhooks = client.webhooks();
    assert_clean(&format!("{webhooks:?}"));
    assert_clean(&format!("{:?}", webhooks.list_webhook_endpoints().limit(5)));
    assert_clean(&format!(
        "{:?}",
        webhooks
            .create_webhook_endpoint(params())
            .idempotency_key("k")
    ));
    assert_clean(&format!(
        "{:?}",
        webhooks
            .update_webhook_endpoint("we_1")
            .status("disabled".into())
    ));
    assert_clean(&format!("{:?}", webhooks.delete_webhook_endpoint("we_1")));
    assert_clean(&format!(
        "{:?}",
        webhooks.list_webhook_endpoints().into_stream()
    ));
}

#[tokio::test]
async fn endpoint_debug_does_not_show_the_secret() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(endpoint()))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "object": "list", "data": [endpoint()], "list_metadata": {"before": null, "after": null}
        })))
        .mount(&server)
        .await;
    let client = client(&server.uri());
    let created = client
        .webhooks()
        .create_webhook_endpoint(params())
        .await
        .unwrap();
    assert_eq!(
        created.secret, ENDPOINT_SECRET,
        "the secret stays readable as a field"
    );
    assert_clean(&format!("{created:?}"));
    assert_clean(&format!("{created:#?}"));
    let page = client.webhooks().list_webhook_endpoints().await.unwrap();
    assert_clean(&format!("{page:?}"));
}

#[tokio::test]
async fn api_errors_echoing_secrets_do_not_show_them() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("x-request-id", "req_1")
                .set_body_json(json!({
                    "code": "invalid_api_key",
                    "message": format!("Invalid API key {API_KEY}"),
                    "errors": [{"code": "bad_key", "message": format!("key {API_KEY} revoked")}],
                    "secret": ENDPOINT_SECRET,
                    "api_key": API_KEY
                })),
        )
        .mount(&server)
        .await;
    let err = client(&server.uri())
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    for text in every_rendering(&err) {
        assert_clean(&text);
    }
    let api = err.api_error().unwrap();
    assert_clean(api.message().unwrap());
    assert_clean(&api.errors()[0].message);
}

#[tokio::test]
async fn non_json_error_bodies_echoing_the_key_do_not_show_it() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(500).set_body_raw(
            format!("boom: Authorization: Bearer {API_KEY}"),
            "text/plain",
        ))
        .mount(&server)
        .await;
    let err = client(&server.uri())
        .webhooks()
        .delete_webhook_endpoint("we_1")
        .await
        .unwrap_err();
    for text in every_rendering(&err) {
        assert_clean(&text);
    }
}

#[tokio::test]
async fn decode_errors_of_bodies_with_secrets_do_not_show_them() {
    let server = MockServer::start().await;
    let full = serde_json::to_string(&endpoint()).unwrap();
    let cut = &full[..full.find(ENDPOINT_SECRET).unwrap() + 12];
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_raw(cut.to_owned(), "application/json"))
        .mount(&server)
        .await;
    // A well-formed body with a field of the wrong type next to the secret.
    let mut wrong = endpoint();
    wrong["status"] = json!(7);
    wrong["note"] = json!(API_KEY);
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(200).set_body_json(wrong))
        .mount(&server)
        .await;

    let client = client(&server.uri());
    let err = client
        .webhooks()
        .create_webhook_endpoint(params())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    for text in every_rendering(&err) {
        assert_clean(&text);
    }
    let err = client
        .webhooks()
        .update_webhook_endpoint("we_1")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    for text in every_rendering(&err) {
        assert_clean(&text);
    }
}

#[tokio::test]
async fn transport_and_timeout_errors_do_not_show_the_key() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let err = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .max_retries(0)
        .timeout(Duration::from_millis(300))
        .build()
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    assert!(err.is_timeout());
    for text in every_rendering(&err) {
        assert_clean(&text);
    }

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let err = client(&url)
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)));
    for text in every_rendering(&err) {
        assert_clean(&text);
    }
}

#[tokio::test]
async fn configuration_errors_do_not_show_the_key() {
    let bad = format!("{API_KEY}\n");
    let err = Client::builder().api_key(bad).try_build().unwrap_err();
    for text in every_rendering(&err) {
        assert_clean(&text);
    }
}
