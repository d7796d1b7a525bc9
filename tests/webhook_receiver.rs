//! Drives the example receiver (examples/webhook_receiver.rs) over a loopback socket with a
//! real HTTP client.

#[path = "../examples/webhook_receiver.rs"]
mod receiver;

use std::net::{Ipv4Addr, SocketAddr};
use std::time::{Duration, SystemTime};

use workos_webhooks::webhook::{SIGNATURE_HEADER, Verifier, sign};

const SECRET: &str = "whsec_receiver-test-secret";
const BODY: &str = r#"{"object":"event","id":"event_01","event":"user.created","data":{"id":"user_01","email":"a@example.com"},"created_at":"2026-01-15T12:00:00.000Z"}"#;

/// Starts the receiver on 127.0.0.1 with a free port and returns its `/webhooks` URL.
async fn start_receiver() -> String {
    let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let app = receiver::app(Verifier::new(SECRET).unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}/webhooks")
}

async fn deliver(
    client: &reqwest::Client,
    url: &str,
    header: Option<&str>,
    body: &str,
) -> (reqwest::StatusCode, String) {
    let mut request = client
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_owned());
    if let Some(header) = header {
        request = request.header(SIGNATURE_HEADER, header);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.text().await.unwrap())
}

#[tokio::test]
async fn receiver_accepts_valid_and_rejects_bad_deliveries() {
    let url = start_receiver().await;
    let client = reqwest::Client::new();
    let now = SystemTime::now();

    // A genuine delivery.
    let valid = sign(SECRET, now, BODY.as_bytes());
    let (status, text) = deliver(&client, &url, Some(&valid), BODY).await;
    assert_eq!(status, reqwest::StatusCode::OK, "{text}");

    // The same signature over a body changed by one character.
    let tampered = BODY.replace("a@example.com", "b@example.com");
    assert_eq!(tampered.len(), BODY.len());
    let (status, text) = deliver(&client, &url, Some(&valid), &tampered).await;
    assert_eq!(status, reqwest::StatusCode::BAD_REQUEST);
    assert_eq!(text, "invalid signature\n");

    // Correctly signed, but ten minutes ago (the default tolerance is three minutes).
    let stale = sign(SECRET, now - Duration::from_secs(600), BODY.as_bytes());
    let (status, _) = deliver(&client, &url, Some(&stale), BODY).await;
    assert_eq!(status, reqwest::StatusCode::BAD_REQUEST);

    // Signed with another endpoint's secret.
    let forged = sign("whsec_someone-else", now, BODY.as_bytes());
    let (status, _) = deliver(&client, &url, Some(&forged), BODY).await;
    assert_eq!(status, reqwest::StatusCode::BAD_REQUEST);

    // No signature header at all.
    let (status, _) = deliver(&client, &url, None, BODY).await;
    assert_eq!(status, reqwest::StatusCode::BAD_REQUEST);

    // Genuinely signed, but not an event.
    let not_event = r#"{"hello":"world"}"#;
    let header = sign(SECRET, now, not_event.as_bytes());
    let (status, text) = deliver(&client, &url, Some(&header), not_event).await;
    assert_eq!(status, reqwest::StatusCode::BAD_REQUEST);
    assert_eq!(text, "invalid event payload\n");

    // The valid delivery is still accepted afterwards (e.g. a retry within the tolerance).
    let (status, _) = deliver(&client, &url, Some(&valid), BODY).await;
    assert_eq!(status, reqwest::StatusCode::OK);
}
