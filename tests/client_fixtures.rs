//! Operations generated from the fixture specs `tests/fixtures/specs/query_styles` and
//! `operation_names`, compiled into this test from their golden files (which `tests/golden.rs`
//! keeps equal to the generator's output) and sent to a loopback server: the exact query string
//! of each array style, and renamed builders and tag modules reaching their paths.

mod support;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use support::api::only_request;

#[allow(dead_code, unused_imports)] // the whole crate, of which a test uses a part
mod query_styles {
    include!("golden/runtime.rs");
    include!("golden/query_styles.rs");
}

#[allow(dead_code, unused_imports)] // the whole crate, of which a test uses a part
mod operation_names {
    include!("golden/runtime.rs");
    include!("golden/operation_names.rs");
}

use query_styles::FindThingsStatesItem;

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// A server answering every request with `body`.
async fn server(body: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    server
}

fn query_client(server: &MockServer) -> query_styles::Client {
    query_styles::Client::builder()
        .base_url(server.uri())
        .build()
}

#[tokio::test]
async fn every_array_style_is_written_as_the_spec_says() {
    let server = server(json!({"data": []})).await;
    query_client(&server)
        .things()
        .find_things(["a", "b c"])
        .states([FindThingsStatesItem::Active, "retired".into()])
        .tags(["x", "y,z"])
        .words(["hello", "big world"])
        .codes([1, 22])
        .seen_at([at("2026-01-15T12:00:00Z"), at("2026-01-16T00:00:00.250Z")])
        .since(at("2026-01-15T12:00:00.5Z"))
        .owner("me")
        .labels(vec!["l1".to_string(), "l|2".to_string()])
        .extra(BTreeMap::from([(
            "hd".to_string(),
            "example.com".to_string(),
        )]))
        .limit(5)
        .await
        .unwrap();

    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/things");
    let expected = [
        // `form`, exploded (OpenAPI's default, and written out): one pair per item.
        "ids=a&ids=b+c",
        "states=active&states=retired",
        // `form`, not exploded: one pair, items joined by `,` (a `,` in an item is encoded).
        "tags=x,y%2Cz",
        // `spaceDelimited` and `pipeDelimited`: joined by `%20` and `|`.
        "words=hello%20big+world",
        "codes=1|22",
        // Timestamps as in JSON bodies, not as `Display` writes them.
        // No `[timestamps]` in this spec's settings: chrono's format, a fraction when there is one.
        "seen_at=2026-01-15T12%3A00%3A00Z,2026-01-16T00%3A00%3A00.250Z",
        "since=2026-01-15T12%3A00%3A00.500Z",
        // Nullable in the spec, a plain value here.
        "owner=me",
        // An array behind a `$ref`.
        "labels=l1,l%7C2",
        // An object: one pair per entry.
        "hd=example.com",
        "limit=5",
    ]
    .join("&");
    assert_eq!(request.url.query(), Some(expected.as_str()));

    // What a server's form decoding makes of it.
    let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let values = |name: &str| -> Vec<&str> {
        pairs
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    assert_eq!(values("ids"), ["a", "b c"]);
    assert_eq!(values("tags"), ["x,y,z"]);
    assert_eq!(values("words"), ["hello big world"]);
    assert_eq!(values("codes"), ["1|22"]);
}

#[tokio::test]
async fn unset_and_empty_arrays_are_not_sent() {
    let server = server(json!({"data": []})).await;
    let client = query_client(&server);
    client
        .things()
        .find_things(["only"])
        .tags(Vec::<String>::new())
        .words(Vec::<String>::new())
        .await
        .unwrap();
    assert_eq!(only_request(&server).await.url.query(), Some("ids=only"));
}

#[tokio::test]
async fn a_required_empty_array_sends_nothing() {
    let server = server(json!({"data": []})).await;
    query_client(&server)
        .things()
        .find_things(Vec::<String>::new())
        .await
        .unwrap();
    assert_eq!(only_request(&server).await.url.query(), None);
}

#[tokio::test]
async fn path_and_pipe_joined_query_together() {
    let server = server(json!({"id": "t/1"})).await;
    let thing = query_client(&server)
        .things()
        .get_thing("t/1")
        .fields(["id", "name"])
        .await
        .unwrap();
    assert_eq!(thing.id, "t/1");
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/things/t%2F1");
    assert_eq!(request.url.query(), Some("fields=id|name"));
}

#[tokio::test]
async fn a_timestamp_in_the_path_is_written_as_in_bodies() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    query_client(&server)
        .things()
        .get_day(at("2026-01-15T12:00:00Z"))
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/days/2026-01-15T12%3A00%3A00Z");
}

#[tokio::test]
async fn renamed_builders_and_tag_modules_reach_their_operations() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/things"))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(json!({"id": "t_1", "name": "first"})),
        )
        .mount(&server)
        .await;
    for ping in [
        "/other-things/ping",
        "/runtime/ping",
        "/types/ping",
        "/self/ping",
    ] {
        Mock::given(method("GET"))
            .and(path(ping))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = operation_names::Client::builder()
        .base_url(server.uri())
        .build();

    let params = operation_names::CreateThingRequest {
        name: "first".into(),
    };
    let builder: operation_names::things::CreateThingBuilder<'_> =
        client.things().create_thing(params);
    let thing = builder.await.unwrap();
    assert_eq!((thing.id.as_str(), thing.name.as_str()), ("t_1", "first"));

    client.things_api().ping().await.unwrap();
    client.runtime_api().ping().await.unwrap();
    client.types_api().ping().await.unwrap();
    client.self_api().ping().await.unwrap();
    // `Client`'s own methods are still its own.
    assert_eq!(
        client.clone().base_url(),
        Some(format!("{}/", server.uri()).as_str())
    );
}
