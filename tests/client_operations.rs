//! Every operation against a loopback HTTP server: method, path, query, headers, body and
//! the typed result.

mod support;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
use workos_webhooks::webhooks::{CreateWebhookEndpointParams, UpdateWebhookEndpointParams};
use workos_webhooks::{Client, Error, PaginationOrder, WebhookEndpointStatus, WebhookEvent};

use support::api::only_request;

const API_KEY: &str = "sk_test_operations_123";
const USER_AGENT: &str = concat!("workos-webhooks/", env!("CARGO_PKG_VERSION"));

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .client_id("client_123")
        .base_url(server.uri())
        .build()
}

fn endpoint(id: &str) -> Value {
    json!({
        "object": "webhook_endpoint",
        "id": id,
        "endpoint_url": "https://example.com/webhooks",
        "secret": "whsec_0FWAiVGkEfGBqqsJH4aNAGBJ4",
        "status": "enabled",
        "events": ["user.created", "dsync.user.created"],
        "created_at": "2026-01-15T12:00:00.000Z",
        "updated_at": "2026-01-15T12:00:01.500Z"
    })
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn header_of<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).map(|v| v.to_str().unwrap())
}

#[tokio::test]
async fn list_sends_an_authenticated_get_and_decodes_the_page() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/webhook_endpoints"))
        .and(header(
            "authorization",
            format!("Bearer {API_KEY}").as_str(),
        ))
        .and(header("user-agent", USER_AGENT))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "object": "list",
            "data": [endpoint("we_0123456789")],
            "list_metadata": {"before": "we_01HXYZ123456789ABCDEFGHIJ", "after": null}
        })))
        .expect(1)
        .mount(&server)
        .await;

    let page = client(&server)
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap();

    assert_eq!(page.data.len(), 1);
    let e = &page.data[0];
    assert_eq!(e.id, "we_0123456789");
    assert_eq!(e.endpoint_url, "https://example.com/webhooks");
    assert_eq!(e.secret, "whsec_0FWAiVGkEfGBqqsJH4aNAGBJ4");
    assert_eq!(e.status, WebhookEndpointStatus::Enabled);
    assert_eq!(
        e.events,
        vec![WebhookEvent::UserCreated, WebhookEvent::DsyncUserCreated]
    );
    assert_eq!(e.created_at, at("2026-01-15T12:00:00Z"));
    assert_eq!(e.updated_at, at("2026-01-15T12:00:01.5Z"));
    assert_eq!(
        page.list_metadata.before.as_deref(),
        Some("we_01HXYZ123456789ABCDEFGHIJ")
    );
    assert_eq!(page.list_metadata.after, None);

    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert!(request.body.is_empty());
    assert_eq!(header_of(&request, "content-type"), None);
    assert_eq!(header_of(&request, "idempotency-key"), None);
}

#[tokio::test]
async fn list_sends_optional_parameters_as_query() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/webhook_endpoints"))
        .and(query_param("limit", "100"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "object": "list", "data": [], "list_metadata": {"before": null, "after": null}
        })))
        .expect(1)
        .mount(&server)
        .await;

    let page = client(&server)
        .webhooks()
        .list_webhook_endpoints()
        .limit(100)
        .order(PaginationOrder::Asc)
        .after("we_after")
        .before("we before&x")
        .await
        .unwrap();
    assert!(page.data.is_empty());

    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some("before=we+before%26x&after=we_after&limit=100&order=asc")
    );
}

#[tokio::test]
async fn create_posts_the_json_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/webhook_endpoints"))
        .and(header(
            "authorization",
            format!("Bearer {API_KEY}").as_str(),
        ))
        .and(header("content-type", "application/json"))
        .and(header("user-agent", USER_AGENT))
        .and(body_json(json!({
            "endpoint_url": "https://example.com/webhooks",
            "events": ["user.created", "dsync.user.created"]
        })))
        .respond_with(ResponseTemplate::new(201).set_body_json(endpoint("we_new")))
        .expect(1)
        .mount(&server)
        .await;

    let created = client(&server)
        .webhooks()
        .create_webhook_endpoint(CreateWebhookEndpointParams {
            endpoint_url: "https://example.com/webhooks".into(),
            events: vec!["user.created".into(), "dsync.user.created".into()],
        })
        .await
        .unwrap();
    assert_eq!(created.id, "we_new");
    assert_eq!(
        created.events,
        vec![WebhookEvent::UserCreated, WebhookEvent::DsyncUserCreated]
    );
    let request = only_request(&server).await;
    assert_eq!(header_of(&request, "idempotency-key"), None);
}

#[tokio::test]
async fn create_sends_the_idempotency_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/webhook_endpoints"))
        .and(header("idempotency-key", "create-42"))
        .respond_with(ResponseTemplate::new(201).set_body_json(endpoint("we_new")))
        .expect(1)
        .mount(&server)
        .await;

    client(&server)
        .webhooks()
        .create_webhook_endpoint(CreateWebhookEndpointParams {
            endpoint_url: "https://example.com/hooks".into(),
            events: vec![WebhookEvent::UserDeleted],
        })
        .idempotency_key("create-42")
        .await
        .unwrap();
}

#[tokio::test]
async fn update_patches_only_the_fields_set() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/webhook_endpoints/we_0123456789"))
        .and(header("content-type", "application/json"))
        .and(header(
            "authorization",
            format!("Bearer {API_KEY}").as_str(),
        ))
        .and(body_json(
            json!({"status": "disabled", "events": ["user.created", "brand_new.event"]}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(endpoint("we_0123456789")))
        .expect(1)
        .mount(&server)
        .await;

    let updated = client(&server)
        .webhooks()
        .update_webhook_endpoint("we_0123456789")
        .status(WebhookEndpointStatus::Disabled)
        .events(["user.created", "brand_new.event"])
        .await
        .unwrap();
    assert_eq!(updated.id, "we_0123456789");
}

#[tokio::test]
async fn update_without_fields_sends_an_empty_object_and_params_replace_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/webhook_endpoints/we_1"))
        .and(body_json(json!({})))
        .respond_with(ResponseTemplate::new(200).set_body_json(endpoint("we_1")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path("/webhook_endpoints/we_2"))
        .and(header("idempotency-key", "upd-1"))
        .and(body_json(
            json!({"endpoint_url": "https://example.com/new"}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(endpoint("we_2")))
        .expect(1)
        .mount(&server)
        .await;

    let webhooks_client = client(&server);
    let webhooks = webhooks_client.webhooks();
    webhooks.update_webhook_endpoint("we_1").await.unwrap();
    webhooks
        .update_webhook_endpoint(String::from("we_2"))
        .status(WebhookEndpointStatus::Enabled)
        .params(UpdateWebhookEndpointParams {
            endpoint_url: Some("https://example.com/new".into()),
            ..Default::default()
        })
        .idempotency_key("upd-1")
        .await
        .unwrap();
}

#[tokio::test]
async fn delete_sends_a_delete_and_accepts_204() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/webhook_endpoints/we_0123456789"))
        .and(header(
            "authorization",
            format!("Bearer {API_KEY}").as_str(),
        ))
        .and(header("user-agent", USER_AGENT))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let () = client(&server)
        .webhooks()
        .delete_webhook_endpoint("we_0123456789")
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert!(request.body.is_empty());
    assert_eq!(header_of(&request, "content-type"), None);
}

#[tokio::test]
async fn path_parameters_are_one_encoded_segment() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server);
    let cases = [
        ("a/b", "/webhook_endpoints/a%2Fb"),
        ("../x", "/webhook_endpoints/..%2Fx"),
        ("../../admin", "/webhook_endpoints/..%2F..%2Fadmin"),
        ("we 1?x=1#f", "/webhook_endpoints/we%201%3Fx%3D1%23f"),
        ("%2e%2e", "/webhook_endpoints/%252e%252e"),
        ("...", "/webhook_endpoints/..."),
        ("é", "/webhook_endpoints/%C3%A9"),
    ];
    for (id, _) in cases {
        client.webhooks().delete_webhook_endpoint(id).await.unwrap();
    }
    let requests = server.received_requests().await.unwrap();
    let paths: Vec<&str> = requests.iter().map(|r| r.url.path()).collect();
    let expected: Vec<&str> = cases.iter().map(|(_, p)| *p).collect();
    assert_eq!(paths, expected);
    assert!(requests.iter().all(|r| r.url.query().is_none()));
}

#[tokio::test]
async fn dot_and_empty_ids_are_refused_before_sending() {
    let server = MockServer::start().await;
    let client = client(&server);
    for id in ["", ".", ".."] {
        let err = client
            .webhooks()
            .delete_webhook_endpoint(id)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{id:?}: {err:?}");
        let err = client
            .webhooks()
            .update_webhook_endpoint(id)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{id:?}: {err:?}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn unknown_events_statuses_and_fields_are_accepted() {
    let server = MockServer::start().await;
    let mut body = endpoint("we_future");
    body["events"] = json!(["user.created", "quantum.entangled"]);
    body["status"] = json!("paused");
    body["brand_new_field"] = json!({"nested": [1, 2, 3]});
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;

    let e = client(&server)
        .webhooks()
        .update_webhook_endpoint("we_future")
        .await
        .unwrap();
    assert_eq!(
        e.events,
        vec![
            WebhookEvent::UserCreated,
            WebhookEvent::Unknown("quantum.entangled".into())
        ]
    );
    assert_eq!(e.events[1].as_str(), "quantum.entangled");
    assert_eq!(e.status, WebhookEndpointStatus::Unknown("paused".into()));
}

#[tokio::test]
async fn base_url_path_is_kept_as_a_prefix() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/proxy/workos/webhook_endpoints/we_1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(format!("{}/proxy/workos/", server.uri()))
        .build();
    client
        .webhooks()
        .delete_webhook_endpoint("we_1")
        .await
        .unwrap();
}

#[tokio::test]
async fn requests_are_send_and_clients_are_shared() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .expect(4)
        .mount(&server)
        .await;
    let client = client(&server);
    let tasks: Vec<_> = (0..4)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .webhooks()
                    .delete_webhook_endpoint(format!("we_{i}"))
                    .await
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(client.client_id(), Some("client_123"));
}
