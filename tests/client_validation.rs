//! Value constraints against a loopback server: a request that breaks one is not sent and
//! returns `Error::Validation`; a response that breaks one still decodes, and `validate()`
//! reports it with the instance's pointer and the rule's.

use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workos_webhooks::{Client, Error};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key("sk_test_validation")
        .base_url(server.uri())
        .build()
}

fn page() -> serde_json::Value {
    json!({
        "object": "list",
        "data": [],
        "list_metadata": {"before": null, "after": null}
    })
}

const LIMIT_MINIMUM: &str =
    "openapi.json#/paths/~1webhook_endpoints/get/parameters/2/schema/minimum";
const LIMIT_MAXIMUM: &str =
    "openapi.json#/paths/~1webhook_endpoints/get/parameters/2/schema/maximum";

#[tokio::test]
async fn a_limit_outside_the_spec_s_bounds_sends_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page()))
        .expect(0)
        .mount(&server)
        .await;
    let client = client(&server);
    for (limit, keyword, rule) in [
        (0, "minimum", LIMIT_MINIMUM),
        (101, "maximum", LIMIT_MAXIMUM),
    ] {
        let error = client
            .webhooks()
            .list_webhook_endpoints()
            .limit(limit)
            .await
            .unwrap_err();
        let Error::Validation(violations) = &error else {
            panic!("limit({limit}): expected a validation error, got {error:?}");
        };
        let found: Vec<_> = violations
            .iter()
            .map(|v| (v.instance.as_str(), v.schema.as_str(), v.keyword))
            .collect();
        assert_eq!(found, [("/query/limit", rule, keyword)], "limit({limit})");
        assert_eq!(error.violations(), Some(violations));
        let shown = error.to_string();
        assert!(
            shown.starts_with("invalid request: /query/limit: "),
            "{shown}"
        );
        assert!(shown.contains(rule), "{shown}");
    }
    // Streams check the first page's request too.
    let mut stream = client
        .webhooks()
        .list_webhook_endpoints()
        .limit(0)
        .into_stream();
    let first = futures_util::StreamExt::next(&mut stream).await.unwrap();
    assert!(matches!(first, Err(Error::Validation(_))), "{first:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_limit_at_the_bound_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/webhook_endpoints"))
        .and(query_param("limit", "100"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page()))
        .expect(1)
        .mount(&server)
        .await;
    let page = client(&server)
        .webhooks()
        .list_webhook_endpoints()
        .limit(100)
        .await
        .unwrap();
    assert!(page.data.is_empty());
}

#[tokio::test]
async fn a_response_that_breaks_a_constraint_decodes_and_validate_reports_it() {
    use validation_fixture::Validate;
    // The fixture's `Widget` has `name: {minLength: 2}` and `tags: {maxItems: 2}`.
    let widget = validation_fixture::Widget {
        name: "x".into(),
        tags: vec!["a".into(), "b".into(), "c".into()],
        size: Some(4),
        ..Default::default()
    };
    let violations = widget.validate().unwrap_err();
    let found: Vec<_> = violations
        .iter()
        .map(|v| (v.instance.as_str(), v.schema.as_str(), v.keyword))
        .collect();
    assert_eq!(
        found,
        [
            (
                "/name",
                "openapi.yaml#/components/schemas/Widget/properties/name/minLength",
                "minLength"
            ),
            (
                "/tags",
                "openapi.yaml#/components/schemas/Widget/properties/tags/maxItems",
                "maxItems"
            ),
        ]
    );

    // Over the wire: the server sends a widget that breaks both; the client decodes it.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/widgets/w1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "name": "x", "tags": ["a", "b", "c"], "size": 4
        })))
        .mount(&server)
        .await;
    let client = validation_fixture::Client::builder()
        .base_url(server.uri())
        .build();
    let got = client.widgets().get_widget("w1").await.unwrap();
    assert_eq!(got, widget);
    assert_eq!(got.validate().unwrap_err(), violations);
}

#[tokio::test]
async fn a_body_that_breaks_a_constraint_is_not_sent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"name": "ok", "tags": []})))
        .expect(1)
        .mount(&server)
        .await;
    let client = validation_fixture::Client::builder()
        .base_url(server.uri())
        .build();
    let bad = validation_fixture::Widget {
        name: "ok".into(),
        size: Some(7),
        ..Default::default()
    };
    let error = client.widgets().create_widget(bad).await.unwrap_err();
    let violations = error.violations().expect("a validation error");
    let found: Vec<_> = violations
        .iter()
        .map(|v| (v.instance.as_str(), v.keyword))
        .collect();
    assert_eq!(found, [("/body/size", "multipleOf")]);
    let good = validation_fixture::Widget {
        name: "ok".into(),
        size: Some(8),
        ..Default::default()
    };
    client.widgets().create_widget(good).await.unwrap();
}

/// The client of `tests/fixtures/specs/validation/`, compiled in from its golden file (which
/// `tests/golden.rs` keeps equal to the generator's output).
#[allow(dead_code, unused_imports)] // the whole crate, of which a test uses a part
mod validation_fixture {
    include!("golden/runtime.rs");
    include!("golden/validation.rs");
}
