//! Retries: which failures, which requests, how long to wait, and when to stop.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workos_webhooks::{Client, Error};

mod support;

use support::api::{create_params as params, endpoint_json as endpoint, fast_client};

const API_KEY: &str = "sk_test_retries_123";

fn client(base_url: &str) -> Client {
    fast_client(base_url, API_KEY)
}

/// Backoff without `Retry-After` is short, so tests that retry stay fast.
fn empty_list() -> Value {
    json!({"object": "list", "data": [], "list_metadata": {"before": null, "after": null}})
}

/// Mounts `first` for the first `times` matching requests, then `then`.
async fn fail_then(
    server: &MockServer,
    http_method: &str,
    first: ResponseTemplate,
    times: u64,
    then: ResponseTemplate,
) {
    Mock::given(method(http_method))
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method(http_method))
        .respond_with(then)
        .with_priority(2)
        .mount(server)
        .await;
}

async fn received(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn rate_limited_then_success_honours_retry_after() {
    let server = MockServer::start().await;
    fail_then(
        &server,
        "GET",
        ResponseTemplate::new(429)
            .insert_header("retry-after", "0")
            .set_body_json(json!({"message": "Too many requests"})),
        1,
        ResponseTemplate::new(200).set_body_json(empty_list()),
    )
    .await;
    // The backoff is 30 s: finishing fast shows the server's `Retry-After: 0` was used.
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .retry_backoff(Duration::from_secs(30), Duration::from_secs(30))
        .build();
    let started = Instant::now();
    client.webhooks().list_webhook_endpoints().await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(received(&server).await, 2);
}

#[tokio::test]
async fn retry_after_as_http_date_is_honoured() {
    let server = MockServer::start().await;
    let past = httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(10));
    fail_then(
        &server,
        "DELETE",
        ResponseTemplate::new(503).insert_header("retry-after", past.as_str()),
        1,
        ResponseTemplate::new(204),
    )
    .await;
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .retry_backoff(Duration::from_secs(30), Duration::from_secs(30))
        .build();
    let started = Instant::now();
    client
        .webhooks()
        .delete_webhook_endpoint("we_1")
        .await
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(received(&server).await, 2);
}

#[tokio::test]
async fn retry_after_longer_than_the_cap_fails_at_once() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "3600")
                .insert_header("x-request-id", "req_slow_down"),
        )
        .mount(&server)
        .await;
    let started = Instant::now();
    let err = client(&server.uri())
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    let api = err.api_error().unwrap();
    assert_eq!(api.status(), 429);
    assert_eq!(api.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(api.request_id(), Some("req_slow_down"));
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn server_error_then_success() {
    let server = MockServer::start().await;
    fail_then(
        &server,
        "GET",
        ResponseTemplate::new(500).set_body_json(json!({"message": "Internal"})),
        1,
        ResponseTemplate::new(200).set_body_json(empty_list()),
    )
    .await;
    client(&server.uri())
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap();
    assert_eq!(received(&server).await, 2);
}

#[tokio::test]
async fn two_failures_then_success_within_the_default_retries() {
    let server = MockServer::start().await;
    fail_then(
        &server,
        "DELETE",
        ResponseTemplate::new(502),
        2,
        ResponseTemplate::new(204),
    )
    .await;
    client(&server.uri())
        .webhooks()
        .delete_webhook_endpoint("we_1")
        .await
        .unwrap();
    assert_eq!(received(&server).await, 3);
}

#[tokio::test]
async fn retries_exhausted_returns_the_last_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("x-request-id", "req_down")
                .set_body_json(json!({"code": "service_unavailable", "message": "Down"})),
        )
        .mount(&server)
        .await;
    let err = client(&server.uri())
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(err.request_id(), Some("req_down"));
    // One attempt and the default two retries.
    assert_eq!(received(&server).await, 3);
}

#[tokio::test]
async fn max_retries_is_configurable_and_zero_disables() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let base = || {
        Client::builder()
            .api_key(API_KEY)
            .base_url(server.uri())
            .retry_backoff(Duration::from_millis(1), Duration::from_millis(1))
    };
    base()
        .max_retries(0)
        .build()
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    assert_eq!(received(&server).await, 1);
    base()
        .max_retries(4)
        .build()
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    assert_eq!(received(&server).await, 1 + 5);
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"code": "entity_not_found", "message": "Nope"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(501))
        .mount(&server)
        .await;
    let client = client(&server.uri());
    client
        .webhooks()
        .delete_webhook_endpoint("we_1")
        .await
        .unwrap_err();
    client
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    assert_eq!(received(&server).await, 2);
}

#[tokio::test]
async fn create_without_idempotency_key_is_not_retried() {
    let server = MockServer::start().await;
    fail_then(
        &server,
        "POST",
        ResponseTemplate::new(500),
        1,
        ResponseTemplate::new(201).set_body_json(endpoint("we_1")),
    )
    .await;
    let err = client(&server.uri())
        .webhooks()
        .create_webhook_endpoint(params())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn create_with_idempotency_key_is_retried_with_the_same_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("idempotency-key", "key-1"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "0"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(header("idempotency-key", "key-1"))
        .respond_with(ResponseTemplate::new(201).set_body_json(endpoint("we_1")))
        .with_priority(2)
        .mount(&server)
        .await;
    let created = client(&server.uri())
        .webhooks()
        .create_webhook_endpoint(params())
        .idempotency_key("key-1")
        .await
        .unwrap();
    assert_eq!(created.id, "we_1");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].body, requests[1].body);
}

#[tokio::test]
async fn update_is_retried_only_with_an_idempotency_key() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let client = client(&server.uri());
    client
        .webhooks()
        .update_webhook_endpoint("we_1")
        .await
        .unwrap_err();
    assert_eq!(received(&server).await, 1);
    client
        .webhooks()
        .update_webhook_endpoint("we_1")
        .idempotency_key("upd-7")
        .await
        .unwrap_err();
    assert_eq!(received(&server).await, 1 + 3);
}

/// A server that drops the first `drops` connections without answering and answers
/// later ones with `204 No Content`; returns its URL and a counter of connections.
async fn flaky_server(drops: usize) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let n = seen.fetch_add(1, Ordering::SeqCst);
            let mut buf = [0u8; 4096];
            let _ = socket.read(&mut buf).await;
            if n >= drops {
                let _ = socket
                    .write_all(b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n")
                    .await;
            }
            let _ = socket.shutdown().await;
        }
    });
    (url, count)
}

#[tokio::test]
async fn dropped_connection_then_success() {
    let (url, connections) = flaky_server(1).await;
    client(&url)
        .webhooks()
        .delete_webhook_endpoint("we_1")
        .await
        .unwrap();
    assert_eq!(connections.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn dropped_connections_exhaust_the_retries() {
    let (url, connections) = flaky_server(usize::MAX).await;
    let err = client(&url)
        .webhooks()
        .delete_webhook_endpoint("we_1")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(connections.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn dropped_connection_is_not_retried_for_a_create_without_key() {
    let (url, connections) = flaky_server(1).await;
    let err = client(&url)
        .webhooks()
        .create_webhook_endpoint(params())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn connection_refused_is_retried_with_backoff() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(url)
        .retry_backoff(Duration::from_millis(100), Duration::from_millis(100))
        .build();
    let started = Instant::now();
    let err = client
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    // Two retries, each after 50..100 ms.
    assert!(
        started.elapsed() >= Duration::from_millis(100),
        "{:?}",
        started.elapsed()
    );
}
