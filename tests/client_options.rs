//! What a service fits the client into: its own reqwest client, per-request headers, timeouts
//! and retries, the response's status and headers on success (`send()`), hooks around every
//! attempt, and the User-Agent. Against a loopback server (wiremock).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workos_webhooks::reqwest::header::{AUTHORIZATION, HeaderValue};
use workos_webhooks::{
    Attempt, AttemptResponse, BoxFuture, Client, Error, Hook, Response, WebhookEndpoint, reqwest,
};

mod support;

use support::api::{create_params, endpoint_json, fast_client, only_request};

const API_KEY: &str = "sk_test_options_123";

fn list_json() -> serde_json::Value {
    json!({"object": "list", "data": [endpoint_json("we_1")],
           "list_metadata": {"before": null, "after": null}})
}

async fn answering(status: u16, body: Option<serde_json::Value>) -> MockServer {
    let server = MockServer::start().await;
    let mut response = ResponseTemplate::new(status).insert_header("x-request-id", "req_ok_1");
    if let Some(body) = body {
        response = response.set_body_json(body);
    }
    Mock::given(wiremock::matchers::any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

fn header<'r>(request: &'r wiremock::Request, name: &str) -> Vec<&'r str> {
    request
        .headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect()
}

#[tokio::test]
async fn the_callers_reqwest_client_sends_with_its_default_headers() {
    let server = answering(200, Some(list_json())).await;
    let mut defaults = reqwest::header::HeaderMap::new();
    defaults.insert("x-service", HeaderValue::from_static("billing"));
    let http = reqwest::Client::builder()
        .default_headers(defaults)
        .build()
        .unwrap();
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .http_client(http)
        .build();
    client.webhooks().list_webhook_endpoints().await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-service"), ["billing"]);
    // The client's own headers still go: the credential, `Accept`, `User-Agent`.
    assert_eq!(
        header(&request, "authorization"),
        [format!("Bearer {API_KEY}").as_str()]
    );
    assert_eq!(header(&request, "accept"), ["application/json"]);
    assert_eq!(header(&request, "user-agent"), ["workos-webhooks/0.1.0"]);
}

#[tokio::test]
async fn with_its_own_client_the_builders_timeout_still_applies_per_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .http_client(reqwest::Client::new())
        .timeout(Duration::from_millis(200))
        .max_retries(1)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(1))
        .build();
    let started = Instant::now();
    let error = client
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn per_request_headers_replace_then_repeat() {
    let server = answering(200, Some(list_json())).await;
    let client = fast_client(&server.uri(), API_KEY);
    client
        .webhooks()
        .list_webhook_endpoints()
        .header("x-trace", "a")
        .header("x-trace", "b")
        .header("user-agent", "my-service/2.0")
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-trace"), ["a", "b"]);
    assert_eq!(header(&request, "user-agent"), ["my-service/2.0"]);
    // A header no HTTP message can carry is an error before anything is sent.
    let error = client
        .webhooks()
        .delete_webhook_endpoint("we_1")
        .header("x-bad", "line\nbreak")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn per_request_timeout_wins_over_the_clients() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(list_json())
                .set_delay(Duration::from_millis(600)),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .timeout(Duration::from_millis(100))
        .max_retries(0)
        .build();
    // The client's 100 ms would fail; this request's 5 s does not.
    client
        .webhooks()
        .list_webhook_endpoints()
        .timeout(Duration::from_secs(5))
        .await
        .unwrap();
    let error = client
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
}

#[tokio::test]
async fn per_request_retries_win_over_the_clients() {
    let server = answering(503, None).await;
    let client = fast_client(&server.uri(), API_KEY); // 2 retries
    let error = client
        .webhooks()
        .list_webhook_endpoints()
        .max_retries(4)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert_eq!(server.received_requests().await.unwrap().len(), 5);
    let error = client
        .webhooks()
        .delete_webhook_endpoint("we_1")
        .max_retries(0)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert_eq!(server.received_requests().await.unwrap().len(), 6);
    // A POST without an idempotency key is still sent once.
    client
        .webhooks()
        .create_webhook_endpoint(create_params())
        .max_retries(4)
        .await
        .unwrap_err();
    assert_eq!(server.received_requests().await.unwrap().len(), 7);
}

#[tokio::test]
async fn send_gives_status_headers_and_request_id_on_200_201_and_204() {
    let server = answering(200, Some(list_json())).await;
    let client = fast_client(&server.uri(), API_KEY);
    let response = client
        .webhooks()
        .list_webhook_endpoints()
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some("req_ok_1"));
    assert_eq!(response.headers()["content-type"], "application/json");
    // A list request's page carries its metadata; the stream gives the items.
    let page = response.into_inner();
    assert_eq!(page.data[0].id, "we_1");

    let server = answering(201, Some(endpoint_json("we_2"))).await;
    let client = fast_client(&server.uri(), API_KEY);
    let response: Response<WebhookEndpoint> = client
        .webhooks()
        .create_webhook_endpoint(create_params())
        .send()
        .await
        .unwrap();
    assert_eq!(
        (response.status(), response.request_id()),
        (201, Some("req_ok_1"))
    );
    assert_eq!(response.inner().id, "we_2");

    let server = answering(204, None).await;
    let client = fast_client(&server.uri(), API_KEY);
    let response = client
        .webhooks()
        .delete_webhook_endpoint("we_2")
        .send()
        .await
        .unwrap();
    assert_eq!(
        (response.status(), response.request_id()),
        (204, Some("req_ok_1"))
    );
    let text = format!("{response:?}");
    let () = response.into_inner();
    // `Debug` shows the header names, not their values.
    assert!(
        text.contains("\"x-request-id\"") && !text.contains("application/json"),
        "{text}"
    );
}

/// What a hook saw of an attempt: its number, operation id, path template and method.
type Seen = (u32, String, String, &'static str);

/// What a hook saw of a response: the attempt, its status, request id and elapsed time.
type Answered = (u32, u16, Option<String>, Duration);

/// Sets `x-injected` on every attempt and records what it saw of each response.
#[derive(Default)]
struct Recorder {
    attempts: Mutex<Vec<Seen>>,
    responses: Mutex<Vec<Answered>>,
}

impl Hook for Recorder {
    fn before_attempt<'a>(
        &'a self,
        attempt: &'a mut Attempt<'_>,
    ) -> BoxFuture<'a, Result<(), Error>> {
        let number = attempt.number();
        let value = HeaderValue::try_from(format!("attempt-{number}")).unwrap();
        attempt.headers_mut().insert("x-injected", value);
        self.attempts.lock().unwrap().push((
            number,
            attempt.operation_id().to_string(),
            attempt.path_template().to_string(),
            attempt.method().as_str(),
        ));
        Box::pin(async { Ok(()) })
    }

    fn after_response<'a>(&'a self, response: &'a AttemptResponse<'_>) -> BoxFuture<'a, ()> {
        let id = response.headers().get("x-request-id");
        let id = id.map(|v| v.to_str().unwrap().to_string());
        self.responses.lock().unwrap().push((
            response.attempt(),
            response.status(),
            id,
            response.elapsed(),
        ));
        Box::pin(async {})
    }
}

#[tokio::test]
async fn hooks_inject_headers_and_see_each_retrys_attempt_number() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(503).insert_header("x-request-id", "req_503"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204).insert_header("x-request-id", "req_204"))
        .with_priority(2)
        .mount(&server)
        .await;
    let recorder = Arc::new(Recorder::default());
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(1))
        .hook(Arc::clone(&recorder))
        .build();
    client
        .webhooks()
        .delete_webhook_endpoint("we_1")
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let injected: Vec<Vec<&str>> = requests.iter().map(|r| header(r, "x-injected")).collect();
    assert_eq!(injected, [["attempt-1"], ["attempt-2"]]);
    let attempts = recorder.attempts.lock().unwrap().clone();
    let operation = "WebhookEndpointsController_delete".to_string();
    let template = "/webhook_endpoints/{id}".to_string();
    assert_eq!(
        attempts,
        [
            (1, operation.clone(), template.clone(), "DELETE"),
            (2, operation, template, "DELETE")
        ]
    );
    let responses = recorder.responses.lock().unwrap().clone();
    let seen: Vec<(u32, u16, Option<String>)> = responses
        .iter()
        .map(|(n, status, id, _)| (*n, *status, id.clone()))
        .collect();
    assert_eq!(
        seen,
        [
            (1, 503, Some("req_503".into())),
            (2, 204, Some("req_204".into()))
        ]
    );
    assert!(
        responses
            .iter()
            .all(|(.., elapsed)| *elapsed < Duration::from_secs(5))
    );
}

/// Fetches a fresh token (asynchronously) before each attempt: the first is refused.
struct Refresh {
    issued: AtomicU32,
}

impl Hook for Refresh {
    fn before_attempt<'a>(
        &'a self,
        attempt: &'a mut Attempt<'_>,
    ) -> BoxFuture<'a, Result<(), Error>> {
        Box::pin(async move {
            tokio::time::sleep(Duration::from_millis(5)).await;
            let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
            let value = HeaderValue::try_from(format!("Bearer token-{n}"))
                .map_err(|_| Error::Config("bad token".into()))?;
            attempt.headers_mut().insert(AUTHORIZATION, value);
            Ok(())
        })
    }
}

#[tokio::test]
async fn an_async_hook_refreshes_the_token_of_each_attempt() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::header(
        "authorization",
        "Bearer token-2",
    ))
    .and(path("/webhook_endpoints"))
    .respond_with(ResponseTemplate::new(200).set_body_json(list_json()))
    .with_priority(1)
    .mount(&server)
    .await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(503))
        .with_priority(2)
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(1))
        .hook(Refresh {
            issued: AtomicU32::new(0),
        })
        .build();
    let page = client.webhooks().list_webhook_endpoints().await.unwrap();
    assert_eq!(page.data.len(), 1);
    let sent: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| header(r, "authorization")[0].to_string())
        .collect();
    assert_eq!(sent, ["Bearer token-1", "Bearer token-2"]);
}

#[tokio::test]
async fn a_hooks_error_ends_the_call_before_sending() {
    struct Refuse;
    impl Hook for Refuse {
        fn before_attempt<'a>(
            &'a self,
            _: &'a mut Attempt<'_>,
        ) -> BoxFuture<'a, Result<(), Error>> {
            Box::pin(async { Err(Error::Config("no token source".into())) })
        }
    }
    let server = answering(200, Some(list_json())).await;
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .hook(Refuse)
        .build();
    let error = client
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("no token source"), "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_user_agent_is_the_generated_crates_and_overridable() {
    let server = answering(204, None).await;
    fast_client(&server.uri(), API_KEY)
        .webhooks()
        .delete_webhook_endpoint("we_1")
        .await
        .unwrap();
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .user_agent("billing-service/3.1")
        .build();
    client
        .webhooks()
        .delete_webhook_endpoint("we_1")
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let agents: Vec<&str> = requests
        .iter()
        .map(|r| header(r, "user-agent")[0])
        .collect();
    assert_eq!(agents, ["workos-webhooks/0.1.0", "billing-service/3.1"]);
}

#[tokio::test]
async fn without_the_api_key_a_call_fails_before_sending_and_says_what_to_set() {
    let server = answering(200, Some(list_json())).await;
    let client = Client::builder().base_url(server.uri()).build();
    let error = client
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::MissingCredential(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "missing credential: `GET /webhook_endpoints` needs a credential: set `api_key(..)` on the client builder"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}
