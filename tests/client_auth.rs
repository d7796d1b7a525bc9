//! Credentials from the spec's security schemes, sent to a loopback server (wiremock): each kind
//! of scheme (http bearer and basic, apiKey in a header, a query parameter and a cookie, OAuth 2
//! and OpenID Connect tokens), per-operation `security`, alternatives, schemes needed together,
//! `security: []`, optional credentials, a credential given per request, and a missing one. The
//! operations are those of the fixture spec `tests/fixtures/specs/security`, compiled in from
//! its golden file (which `tests/golden.rs` keeps equal to the generator's output).

mod support;

use wiremock::{Mock, MockServer, ResponseTemplate};

use support::api::only_request;

#[allow(dead_code, unused_imports)] // the whole crate, of which a test uses a part
mod security {
    include!("golden/runtime.rs");
    include!("golden/security.rs");
}

use security::{Client, ClientBuilder, Error};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    server
}

fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder().base_url(server.uri())
}

/// Every credential of the client builder, each a distinct secret.
fn every_credential(server: &MockServer) -> Client {
    builder(server)
        .token("tok_bearer")
        .basic_auth("aladdin", "opensesame")
        .header_key("key_header")
        .query_key("key_query")
        .cookie_key("key_cookie")
        .oauth_token("tok_oauth")
        .id_token("tok_oidc")
        .build()
}

fn header(request: &wiremock::Request, name: &str) -> Option<String> {
    let value = request.headers.get(name)?;
    Some(value.to_str().unwrap().to_string())
}

/// What one request carried: its `Authorization`, `X-API-Key` and `Cookie` headers and query.
async fn sent(server: &MockServer) -> (Option<String>, Option<String>, Option<String>, String) {
    let request = only_request(server).await;
    server.reset().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(204))
        .mount(server)
        .await;
    (
        header(&request, "authorization"),
        header(&request, "x-api-key"),
        header(&request, "cookie"),
        request.url.query().unwrap_or("").to_string(),
    )
}

#[tokio::test]
async fn each_scheme_sends_its_credential_where_the_spec_says() {
    let server = server().await;
    let client = every_credential(&server);
    let ops = client.default();
    let bearer = |token: &str| Some(format!("Bearer {token}"));

    ops.with_bearer().await.unwrap();
    assert_eq!(
        sent(&server).await,
        (bearer("tok_bearer"), None, None, "".into())
    );

    ops.with_basic().await.unwrap();
    // base64("aladdin:opensesame"), RFC 7617's example.
    let basic = Some("Basic YWxhZGRpbjpvcGVuc2VzYW1l".to_string());
    assert_eq!(sent(&server).await, (basic, None, None, "".into()));

    ops.with_header_key().await.unwrap();
    assert_eq!(
        sent(&server).await,
        (None, Some("key_header".into()), None, "".into())
    );

    ops.with_query_key().limit(5).await.unwrap();
    assert_eq!(
        sent(&server).await,
        (None, None, None, "limit=5&api_key=key_query".into())
    );

    ops.with_cookie_key().theme("dark mode").await.unwrap();
    let cookie = Some("theme=dark%20mode; session=key_cookie".to_string());
    assert_eq!(sent(&server).await, (None, None, cookie, "".into()));

    ops.with_oauth().await.unwrap();
    assert_eq!(
        sent(&server).await,
        (bearer("tok_oauth"), None, None, "".into())
    );

    ops.with_oidc().await.unwrap();
    assert_eq!(
        sent(&server).await,
        (bearer("tok_oidc"), None, None, "".into())
    );
}

#[tokio::test]
async fn alternatives_send_the_first_held_and_together_sends_both() {
    let server = server().await;
    // `[{headerKey}, {basicAuth}]`: the first held.
    every_credential(&server)
        .default()
        .with_either()
        .await
        .unwrap();
    assert_eq!(
        sent(&server).await,
        (None, Some("key_header".into()), None, "".into())
    );
    builder(&server)
        .basic_auth("aladdin", "opensesame")
        .build()
        .default()
        .with_either()
        .await
        .unwrap();
    let basic = Some("Basic YWxhZGRpbjpvcGVuc2VzYW1l".to_string());
    assert_eq!(sent(&server).await, (basic, None, None, "".into()));
    // `[{headerKey, queryKey}]`: both.
    every_credential(&server)
        .default()
        .with_both()
        .await
        .unwrap();
    assert_eq!(
        sent(&server).await,
        (
            None,
            Some("key_header".into()),
            None,
            "api_key=key_query".into()
        )
    );
    // Only one of the two: an error naming the other, nothing sent.
    let error = builder(&server)
        .header_key("key_header")
        .build()
        .default()
        .with_both()
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "missing credential: `GET /both` needs a credential: set `query_key(..)` on the client builder"
    );
    let error = builder(&server)
        .build()
        .default()
        .with_either()
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "missing credential: `GET /either` needs a credential: set one of `header_key(..)` on the \
         client builder, or `basic_auth(..)` on the client builder"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn security_none_sends_no_credential_and_optional_sends_what_is_held() {
    let server = server().await;
    let client = every_credential(&server);
    client.default().with_none().await.unwrap();
    assert_eq!(sent(&server).await, (None, None, None, "".into()));
    // A scheme the client cannot send (mutual TLS is the HTTP client's): nothing is added.
    client.default().with_mutual_tls().await.unwrap();
    assert_eq!(sent(&server).await, (None, None, None, "".into()));
    // `[{bearerAuth}, {}]`: the token when held, else nothing, and no error.
    client.default().with_optional().await.unwrap();
    let bearer = Some("Bearer tok_bearer".to_string());
    assert_eq!(sent(&server).await, (bearer, None, None, "".into()));
    builder(&server)
        .build()
        .default()
        .with_optional()
        .await
        .unwrap();
    assert_eq!(sent(&server).await, (None, None, None, "".into()));
}

#[tokio::test]
async fn a_per_request_credential_is_a_method_of_the_request() {
    let server = server().await;
    let client = every_credential(&server);
    client
        .default()
        .with_user_token()
        .user_token("tok_user")
        .user_token_query("not-a-credential")
        .await
        .unwrap();
    assert_eq!(
        sent(&server).await,
        (
            Some("Bearer tok_user".into()),
            None,
            None,
            "user_token=not-a-credential".into()
        )
    );
    let error = client.default().with_user_token().await.unwrap_err();
    assert!(matches!(error, Error::MissingCredential(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "missing credential: `GET /me` needs a credential: set `user_token(..)` on the request"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn credentials_never_show_in_debug_or_errors() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_string("bad key key_query and tok_user for aladdin:opensesame"),
        )
        .mount(&server)
        .await;
    let builder = builder(&server)
        .query_key("key_query")
        .basic_auth("aladdin", "opensesame")
        .max_retries(0);
    let client = builder.clone().build();
    let request = client.default().with_user_token().user_token("tok_user");
    let mut texts = vec![
        format!("{builder:?}"),
        format!("{client:?}"),
        format!("{request:?}"),
    ];
    let error = request.await.unwrap_err();
    texts.extend([error.to_string(), format!("{error:?}")]);
    for text in &texts {
        for secret in ["key_query", "tok_user", "opensesame"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
    let error = client.default().with_query_key().await.unwrap_err();
    let mut texts = vec![error.to_string(), format!("{error:?}")];
    // A query credential is in the URL, which a transport error would print.
    let closed = builder.base_url("http://127.0.0.1:9").build();
    let error = closed.default().with_query_key().await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    texts.extend([error.to_string(), format!("{error:?}")]);
    for text in &texts {
        for secret in ["key_query", "opensesame"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
}
