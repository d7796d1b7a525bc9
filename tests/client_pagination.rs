//! Streaming every endpoint across pages by following the `after` cursor.

use futures_util::{StreamExt, TryStreamExt};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workos_webhooks::{Client, Error, ErrorCode, PaginationOrder, WebhookEndpoint};

mod support;

use support::api::{endpoint_json as endpoint, fast_client};

const API_KEY: &str = "sk_test_pagination_123";

fn client(server: &MockServer) -> Client {
    fast_client(&server.uri(), API_KEY)
}

fn page(ids: &[&str], before: Option<&str>, after: Option<&str>) -> ResponseTemplate {
    let data: Vec<Value> = ids.iter().map(|id| endpoint(id)).collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "object": "list",
        "data": data,
        "list_metadata": {"before": before, "after": after}
    }))
}

fn ids(endpoints: &[WebhookEndpoint]) -> Vec<&str> {
    endpoints.iter().map(|e| e.id.as_str()).collect()
}

/// Pages `[we_1, we_2] -> [we_3, we_4] -> [we_5]`, each only for requests with `limit=2`.
async fn mount_three_pages(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/webhook_endpoints"))
        .and(query_param("limit", "2"))
        .and(query_param_is_missing("after"))
        .respond_with(page(&["we_1", "we_2"], None, Some("we_2")))
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/webhook_endpoints"))
        .and(query_param("limit", "2"))
        .and(query_param("after", "we_2"))
        .respond_with(page(&["we_3", "we_4"], Some("we_3"), Some("we_4")))
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/webhook_endpoints"))
        .and(query_param("limit", "2"))
        .and(query_param("after", "we_4"))
        .respond_with(page(&["we_5"], Some("we_5"), None))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn stream_follows_the_cursor_across_three_pages() {
    let server = MockServer::start().await;
    mount_three_pages(&server).await;

    let all: Vec<WebhookEndpoint> = client(&server)
        .webhooks()
        .list_webhook_endpoints()
        .limit(2)
        .into_stream()
        .try_collect()
        .await
        .unwrap();

    assert_eq!(ids(&all), ["we_1", "we_2", "we_3", "we_4", "we_5"]);
    let queries: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        queries,
        ["limit=2", "after=we_2&limit=2", "after=we_4&limit=2"]
    );
}

#[tokio::test]
async fn stream_fetches_pages_lazily() {
    let server = MockServer::start().await;
    mount_three_pages(&server).await;
    let client = client(&server);
    let mut stream = client
        .webhooks()
        .list_webhook_endpoints()
        .limit(2)
        .into_stream();

    assert_eq!(stream.next().await.unwrap().unwrap().id, "we_1");
    assert_eq!(stream.next().await.unwrap().unwrap().id, "we_2");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    assert_eq!(stream.next().await.unwrap().unwrap().id, "we_3");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    let rest: Vec<_> = stream.by_ref().collect().await;
    assert_eq!(rest.len(), 2);
    assert!(stream.next().await.is_none());
    assert!(stream.next().await.is_none());
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn stream_keeps_order_and_starts_from_the_given_cursor() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("after", "we_0"))
        .and(query_param("before", "we_9"))
        .and(query_param("order", "asc"))
        .respond_with(page(&["we_1"], None, Some("we_1")))
        .expect(1)
        .mount(&server)
        .await;
    // `before` only applies to the first page; later pages follow `after` alone.
    Mock::given(method("GET"))
        .and(query_param("after", "we_1"))
        .and(query_param("order", "asc"))
        .and(query_param_is_missing("before"))
        .respond_with(page(&["we_2"], None, None))
        .expect(1)
        .mount(&server)
        .await;

    let all: Vec<WebhookEndpoint> = client(&server)
        .webhooks()
        .list_webhook_endpoints()
        .order(PaginationOrder::Asc)
        .after("we_0")
        .before("we_9")
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&all), ["we_1", "we_2"]);
}

#[tokio::test]
async fn an_error_page_ends_the_stream_after_the_items_before_it() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param_is_missing("after"))
        .respond_with(page(&["we_1"], None, Some("we_1")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("after", "we_1"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"code": "entity_not_found", "message": "Cursor not found"})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let items: Vec<Result<WebhookEndpoint, Error>> = client(&server)
        .webhooks()
        .list_webhook_endpoints()
        .into_stream()
        .collect()
        .await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap().id, "we_1");
    let err = items[1].as_ref().unwrap_err();
    assert_eq!(err.error_code(), Some(ErrorCode::EntityNotFound));
}

#[tokio::test]
async fn a_single_empty_page_is_an_empty_stream() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(page(&[], None, None))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let stream = client.webhooks().list_webhook_endpoints().into_stream();
    let all: Vec<WebhookEndpoint> = stream.try_collect().await.unwrap();
    assert!(all.is_empty());
}

#[tokio::test]
async fn stream_is_send() {
    let server = MockServer::start().await;
    mount_three_pages(&server).await;
    let client = client(&server);
    let count = tokio::spawn(async move {
        client
            .webhooks()
            .list_webhook_endpoints()
            .limit(2)
            .into_stream()
            .try_fold(0, |n, _| async move { Ok(n + 1) })
            .await
    })
    .await
    .unwrap()
    .unwrap();
    assert_eq!(count, 5);
}
