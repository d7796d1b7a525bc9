//! Error responses, undecodable bodies, timeouts and transport failures.

use std::time::{Duration, Instant};

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workos_webhooks::{Client, Error, ErrorCode};

mod support;

use support::api::{create_params as params, fast_client};

const API_KEY: &str = "sk_test_errors_123";

fn client(base_url: &str) -> Client {
    fast_client(base_url, API_KEY)
}

fn error_response(status: u16, body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("x-request-id", "req_abc123")
        .set_body_json(body)
}

async fn mount(server: &MockServer, http_method: &str, status: u16, body: serde_json::Value) {
    Mock::given(method(http_method))
        .respond_with(error_response(status, body))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn create_409_duplicate_endpoint() {
    let server = MockServer::start().await;
    let body = json!({"code": "duplicate_endpoint", "message": "A Webhook Endpoint with the same endpoint URL already exists."});
    mount(&server, "POST", 409, body.clone()).await;

    let err = client(&server.uri())
        .webhooks()
        .create_webhook_endpoint(params())
        .await
        .unwrap_err();

    assert_eq!(err.error_code(), Some(ErrorCode::DuplicateEndpoint));
    assert_eq!(err.status(), Some(409));
    assert_eq!(err.request_id(), Some("req_abc123"));
    let Error::Api(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.status(), 409);
    assert_eq!(api.code(), Some("duplicate_endpoint"));
    assert_eq!(api.error_code(), Some(ErrorCode::DuplicateEndpoint));
    assert_eq!(
        api.message(),
        Some("A Webhook Endpoint with the same endpoint URL already exists.")
    );
    assert_eq!(api.request_id(), Some("req_abc123"));
    assert_eq!(api.retry_after(), None);
    assert!(api.errors().is_empty());
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(api.body()).unwrap(),
        body
    );
    assert_eq!(
        err.to_string(),
        "API error: HTTP 409 Conflict [duplicate_endpoint]: A Webhook Endpoint with the same \
         endpoint URL already exists. (request id req_abc123)"
    );
}

#[tokio::test]
async fn update_409_duplicate_endpoint() {
    let server = MockServer::start().await;
    mount(
        &server,
        "PATCH",
        409,
        json!({"code": "duplicate_endpoint", "message": "Taken."}),
    )
    .await;
    let err = client(&server.uri())
        .webhooks()
        .update_webhook_endpoint("we_1")
        .endpoint_url("https://example.com/taken")
        .await
        .unwrap_err();
    assert_eq!(err.error_code(), Some(ErrorCode::DuplicateEndpoint));
}

#[tokio::test]
async fn create_422_invalid_url() {
    let server = MockServer::start().await;
    mount(
        &server,
        "POST",
        422,
        json!({"code": "invalid_url", "message": "Request could not be processed."}),
    )
    .await;
    let err = client(&server.uri())
        .webhooks()
        .create_webhook_endpoint(params())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(422));
    assert_eq!(err.error_code(), Some(ErrorCode::InvalidUrl));
    assert!(err.api_error().unwrap().errors().is_empty());
}

#[tokio::test]
async fn update_422_invalid_request_parameters_carries_errors() {
    let server = MockServer::start().await;
    mount(
        &server,
        "PATCH",
        422,
        json!({
            "code": "invalid_request_parameters",
            "message": "Validation failed.",
            "errors": [
                {"code": "unknown_event_type", "message": "Invalid enum value."},
                {"code": "invalid_url", "message": "Must be HTTPS.", "field": "endpoint_url"}
            ]
        }),
    )
    .await;
    let err = client(&server.uri())
        .webhooks()
        .update_webhook_endpoint("we_1")
        .events(["nope.nope"])
        .await
        .unwrap_err();
    assert_eq!(err.error_code(), Some(ErrorCode::InvalidRequestParameters));
    let api = err.api_error().unwrap();
    assert_eq!(api.message(), Some("Validation failed."));
    let errors = api.errors();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].code, "unknown_event_type");
    assert_eq!(errors[0].message, "Invalid enum value.");
    assert_eq!(errors[0].field, None);
    assert_eq!(errors[1].field.as_deref(), Some("endpoint_url"));
    assert!(
        err.to_string()
            .contains("unknown_event_type: Invalid enum value.")
    );
}

#[tokio::test]
async fn create_422_invalid_request_parameters() {
    let server = MockServer::start().await;
    mount(
        &server,
        "POST",
        422,
        json!({"code": "invalid_request_parameters", "message": "Validation failed.",
               "errors": [{"code": "unknown_event_type", "message": "Invalid enum value."}]}),
    )
    .await;
    let err = client(&server.uri())
        .webhooks()
        .create_webhook_endpoint(params())
        .await
        .unwrap_err();
    assert_eq!(err.error_code(), Some(ErrorCode::InvalidRequestParameters));
    assert_eq!(err.api_error().unwrap().errors().len(), 1);
}

#[tokio::test]
async fn update_and_delete_404_entity_not_found() {
    let server = MockServer::start().await;
    let body = json!({"code": "entity_not_found", "message": "Webhook endpoint not found."});
    mount(&server, "PATCH", 404, body.clone()).await;
    mount(&server, "DELETE", 404, body).await;
    let client = client(&server.uri());

    let err = client
        .webhooks()
        .update_webhook_endpoint("we_missing")
        .await
        .unwrap_err();
    assert_eq!(err.error_code(), Some(ErrorCode::EntityNotFound));
    assert_eq!(err.status(), Some(404));

    // Matching as a caller would.
    let err = client
        .webhooks()
        .delete_webhook_endpoint("we_missing")
        .await
        .unwrap_err();
    let outcome = match &err {
        Error::Api(api) if api.error_code() == Some(ErrorCode::EntityNotFound) => "already gone",
        _ => "other",
    };
    assert_eq!(outcome, "already gone");
}

#[tokio::test]
async fn unauthorized_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(error_response(401, json!({"message": "Unauthorized"})))
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server.uri())
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(401));
    let api = err.api_error().unwrap();
    assert_eq!((api.code(), api.message()), (None, Some("Unauthorized")));
    assert_eq!(api.error_code(), None);
    assert!(!api.is_retryable());
}

#[tokio::test]
async fn unknown_error_codes_stay_matchable() {
    let server = MockServer::start().await;
    mount(
        &server,
        "DELETE",
        403,
        json!({"code": "forbidden_for_reasons", "message": "No."}),
    )
    .await;
    let err = client(&server.uri())
        .webhooks()
        .delete_webhook_endpoint("we_1")
        .await
        .unwrap_err();
    assert_eq!(
        err.error_code(),
        Some(ErrorCode::Unknown("forbidden_for_reasons".into()))
    );
    assert!(err.error_code().unwrap().is_unknown());
    for code in ErrorCode::ALL {
        assert_eq!(&ErrorCode::from(code.as_str()), code);
        assert_eq!(code.to_string().parse::<ErrorCode>().unwrap(), *code);
        assert!(!code.is_unknown());
    }
}

#[tokio::test]
async fn non_json_error_body_keeps_status_and_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(502).set_body_raw("<html>Bad Gateway</html>", "text/html"),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .max_retries(0)
        .build();
    let err = client
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    let api = err.api_error().unwrap();
    assert_eq!((api.status(), api.code(), api.message()), (502, None, None));
    assert_eq!(api.body(), b"<html>Bad Gateway</html>");
    assert!(err.to_string().contains("502 Bad Gateway"), "{err}");
}

#[tokio::test]
async fn non_json_success_body_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/webhook_endpoints"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-request-id", "req_html")
                .set_body_raw("<html><body>Maintenance</body></html>", "text/html"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server.uri())
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    let Error::Decode(decode) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(decode.status(), 200);
    assert_eq!(decode.request_id(), Some("req_html"));
    assert_eq!(decode.excerpt(), "<html><body>Maintenance</body></html>");
    assert!(decode.json_error().is_some());
    assert_eq!(err.request_id(), Some("req_html"));
    let text = err.to_string();
    assert!(
        text.contains("request id req_html") && text.contains("Maintenance"),
        "{text}"
    );
}

#[tokio::test]
async fn truncated_json_body_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_raw(
            r#"{"object":"webhook_endpoint","id":"we_1","endpoint_url":"https://exa"#,
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server.uri())
        .webhooks()
        .create_webhook_endpoint(params())
        .await
        .unwrap_err();
    let Error::Decode(decode) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(decode.status(), 201);
    assert!(decode.json_error().unwrap().is_eof());
    assert!(
        decode
            .excerpt()
            .starts_with(r#"{"object":"webhook_endpoint","id":"we_1""#)
    );
}

#[tokio::test]
async fn json_of_the_wrong_shape_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"object": "list", "data": "nope"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server.uri());
    let err = client
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    // An operation that returns a body gets none.
    let err = client
        .webhooks()
        .update_webhook_endpoint("we_1")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
}

#[tokio::test]
async fn slow_response_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .max_retries(0)
        .build();
    let started = Instant::now();
    let err = client
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(matches!(err, Error::Timeout(_)));
    assert!(err.to_string().starts_with("request timed out"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn timeouts_of_safe_requests_are_retried() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204).set_delay(Duration::from_secs(5)))
        .expect(2)
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .timeout(Duration::from_millis(150))
        .max_retries(1)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(1))
        .build();
    let err = client
        .webhooks()
        .delete_webhook_endpoint("we_1")
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
}

/// A port on which nothing listens.
async fn closed_port() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}")
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let err = client(&closed_port().await)
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    let Error::Transport(transport) = &err else {
        panic!("{err:?}")
    };
    assert!(transport.is_connect());
    assert!(err.to_string().starts_with("transport error"), "{err}");
    assert_eq!(err.status(), None);
}

/// A server that answers every connection with the start of a body longer than it sends,
/// then hangs up; returns its URL and a counter of connections.
async fn cut_body_server() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let mut buf = [0u8; 4096];
            let _ = socket.read(&mut buf).await;
            let _ = socket
                .write_all(
                    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"object\":\"list\",",
                )
                .await;
            let _ = socket.shutdown().await;
        }
    });
    (url, count)
}

#[tokio::test]
async fn body_cut_short_is_a_transport_error_and_retried() {
    let (url, connections) = cut_body_server().await;
    let err = client(&url)
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(connections.load(std::sync::atomic::Ordering::SeqCst), 3);
}

#[tokio::test]
async fn configuration_errors_are_reported_by_requests() {
    let server = MockServer::start().await;
    let no_key = Client::builder().base_url(server.uri()).build();
    let err = no_key
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    // No key is no configuration error (some operations take none): the call that needs one
    // fails, naming the method that sets it, before anything is sent.
    assert!(matches!(err, Error::MissingCredential(_)), "{err:?}");
    assert!(err.to_string().contains("`api_key(..)`"), "{err}");
    assert!(Client::builder().base_url(server.uri()).try_build().is_ok());
    assert!(server.received_requests().await.unwrap().is_empty());

    let bad_url = Client::builder()
        .api_key(API_KEY)
        .base_url("not a url")
        .build();
    let err = bad_url
        .webhooks()
        .delete_webhook_endpoint("we_1")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");

    let err = client(&server.uri())
        .webhooks()
        .create_webhook_endpoint(params())
        .idempotency_key("bad\nkey")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert!(err.to_string().contains("header value"), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
