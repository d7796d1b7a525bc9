/// Support code the generated modules use, copied from the generator's `runtime/` folder.
pub mod runtime {
pub mod client {
//! The HTTP client: configuration, request execution and the retry loop.
//!
//! Generated operation code builds a [`Request`] and hands it to
//! [`Client::execute_json`] or [`Client::execute_empty`], which send it with the API key,
//! retry it when that is safe (see [`retry`]), and turn the response into
//! the operation's result or an [`Error`].

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{self, HeaderMap, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{ApiError, DecodeError, Error, ErrorFields};
use super::query::{ListStyle, Query};
use super::retry::{self, RetryPolicy};
use super::secret::SecretString;

/// The future of an operation: boxed, `Send`, borrowing the client.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// `User-Agent` of every request: this crate's name and version.
pub const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// Default time limit of one attempt (connecting, sending and reading the response).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Default time limit for connecting.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Responses larger than this are refused rather than buffered.
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// What a client knows of its API beyond the operations: the headers it reads and sends, and
/// where error bodies keep their code and message. Set per API by the generator's settings; the
/// generated `Client::builder()` passes the API's (`api::PROFILE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Profile {
    /// The response header naming the server's id of the request ([`ApiError::request_id`]).
    pub request_id_header: Option<&'static str>,
    /// The request header carrying an idempotency key ([`Request::idempotency_key`]); a POST or
    /// PATCH with a key is retried. Without one, keys are not sent.
    pub idempotency_header: Option<&'static str>,
    /// What error bodies are read for.
    pub errors: ErrorFields,
}

impl Profile {
    /// No request id, no idempotency keys, error bodies kept as they are.
    pub const NONE: Profile = Profile {
        request_id_header: None,
        idempotency_header: None,
        errors: ErrorFields::NONE,
    };
}

/// Configures a [`Client`]. Created by `Client::builder()`.
#[derive(Clone)]
#[must_use]
pub struct ClientBuilder {
    profile: Profile,
    base_url: String,
    api_key: Option<SecretString>,
    client_id: Option<String>,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
}

impl ClientBuilder {
    /// A builder for an API described by `profile`, whose base URL is `default_base_url` (the
    /// generated `Client::builder()` passes the spec's first server and the API's profile).
    pub fn new(default_base_url: &str, profile: Profile) -> Self {
        Self {
            profile,
            base_url: default_base_url.to_owned(),
            api_key: None,
            client_id: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            retry: RetryPolicy::default(),
        }
    }

    /// The API key, sent as `Authorization: Bearer <key>`. It never appears in `Debug`
    /// output or error messages.
    pub fn api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = Some(SecretString::new(api_key));
        self
    }

    /// The client ID (kept for operations that need it; not a secret).
    pub fn client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = Some(client_id.into());
        self
    }

    /// The base URL of the API, e.g. `http://127.0.0.1:8080` for a local server. A path
    /// (`https://proxy.example/workos`) is kept as a prefix of every operation's path.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// Time limit of one attempt, from connecting to the end of the response body
    /// (default 60 s). With retries, a call can take up to `(max_retries + 1)` times this
    /// plus the waits between attempts.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time limit for connecting (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How many times a failed request that is safe to repeat is sent again (default 2;
    /// 0 disables retries). GET, PUT and DELETE are safe to repeat; POST and PATCH only
    /// with an idempotency key (when the API takes them: [`Profile::idempotency_header`]).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.retry.max_retries = max_retries;
        self
    }

    /// Backoff before the first retry (doubling after that) and its upper bound, used
    /// when the server sends no `Retry-After` (defaults 500 ms and 8 s). A random factor
    /// between 0.5 and 1 is applied to each wait.
    pub fn retry_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.retry.initial_backoff = initial;
        self.retry.max_backoff = max.max(initial);
        self
    }

    /// The longest `Retry-After` honoured (default 60 s); when the server asks for a
    /// longer wait the call fails at once with the error, which carries the wait.
    pub fn max_retry_after(mut self, max: Duration) -> Self {
        self.retry.max_retry_after = max;
        self
    }

    /// Builds the client. Never fails: a configuration error (no API key, an invalid
    /// base URL) is returned by every request as [`Error::Config`]; use
    /// [`try_build`](Self::try_build) to see it at once.
    pub fn build(self) -> Client {
        let ready = self.ready();
        Client {
            inner: Arc::new(Inner {
                profile: self.profile,
                ready,
                api_key: self.api_key,
                client_id: self.client_id,
                retry: self.retry,
            }),
        }
    }

    /// Builds the client, or says what is wrong with the configuration.
    pub fn try_build(self) -> Result<Client, Error> {
        let client = self.build();
        match &client.inner.ready {
            Ok(_) => Ok(client),
            Err(message) => Err(Error::Config(message.clone())),
        }
    }

    fn ready(&self) -> Result<Ready, String> {
        let base = reqwest::Url::parse(&self.base_url)
            .map_err(|e| format!("invalid base URL {:?}: {e}", self.base_url))?;
        if !matches!(base.scheme(), "http" | "https") || base.cannot_be_a_base() {
            return Err(format!(
                "base URL {:?} is not an http(s) URL",
                self.base_url
            ));
        }
        if base.query().is_some() || base.fragment().is_some() {
            return Err(format!(
                "base URL {:?} must not have a query or fragment",
                self.base_url
            ));
        }
        let api_key = self
            .api_key
            .as_ref()
            .ok_or("no API key: call `api_key(..)` on the client builder")?;
        let mut auth = HeaderValue::try_from(format!("Bearer {}", api_key.expose()))
            .map_err(|_| "the API key contains characters not allowed in an HTTP header")?;
        auth.set_sensitive(true);
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, auth);
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        let http = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .default_headers(headers)
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("cannot create the HTTP client: {e}"))?;
        let base_path = base.path().trim_end_matches('/').to_owned();
        Ok(Ready {
            http,
            base,
            base_path,
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("profile", &self.profile)
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key)
            .field("client_id", &self.client_id)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .finish()
    }
}

/// An API client. Cheap to clone (clones share one connection pool); needs a Tokio
/// runtime with time enabled.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    profile: Profile,
    ready: Result<Ready, String>,
    api_key: Option<SecretString>,
    client_id: Option<String>,
    retry: RetryPolicy,
}

struct Ready {
    http: reqwest::Client,
    base: reqwest::Url,
    /// The base URL's path without its trailing `/`, prefixed to every operation's path.
    base_path: String,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Client")
            .field("base_url", &inner.ready.as_ref().map(|r| r.base.as_str()))
            .field("api_key", &inner.api_key)
            .field("client_id", &inner.client_id)
            .field("retry", &inner.retry)
            .finish_non_exhaustive()
    }
}

/// HTTP methods of operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    /// Whether sending the request twice has the effect of sending it once.
    pub fn is_idempotent(self) -> bool {
        matches!(self, Self::Get | Self::Put | Self::Delete)
    }

    fn to_reqwest(self) -> reqwest::Method {
        match self {
            Self::Get => reqwest::Method::GET,
            Self::Post => reqwest::Method::POST,
            Self::Put => reqwest::Method::PUT,
            Self::Patch => reqwest::Method::PATCH,
            Self::Delete => reqwest::Method::DELETE,
        }
    }
}

/// One operation call, built by generated code.
pub struct Request {
    method: Method,
    path: String,
    query: Query,
    body: Option<Vec<u8>>,
    idempotency_key: Option<String>,
}

impl Request {
    /// A request for `path` (already encoded: see [`path::segment`](super::path::segment)).
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            query: Query::default(),
            body: None,
            idempotency_key: None,
        }
    }

    /// Adds query parameter `name` when `value` is set.
    pub fn query(mut self, name: &str, value: Option<impl fmt::Display>) -> Self {
        if let Some(value) = value {
            self.query.push(name, value);
        }
        self
    }

    /// Adds array query parameter `name` when `items` is set, written in `style` (the spec's
    /// `style` and `explode`; see [`query`](super::query)). An empty array adds nothing.
    pub fn query_list<I>(mut self, name: &str, items: Option<I>, style: ListStyle) -> Self
    where
        I: IntoIterator,
        I::Item: fmt::Display,
    {
        if let Some(items) = items {
            self.query.push_list(name, items, style);
        }
        self
    }

    /// Adds one query parameter per entry of an object parameter (OpenAPI's default `form`
    /// style, exploded: `?hd=example.com&access_type=offline`).
    pub fn query_map<V: fmt::Display>(mut self, map: Option<&BTreeMap<String, V>>) -> Self {
        for (name, value) in map.into_iter().flatten() {
            self.query.push(name, value);
        }
        self
    }

    /// Sets the JSON body.
    pub fn json(mut self, body: &impl Serialize) -> Result<Self, Error> {
        let bytes = serde_json::to_vec(body).map_err(|e| {
            Error::InvalidRequest(format!("cannot serialize the request body: {e}"))
        })?;
        self.body = Some(bytes);
        Ok(self)
    }

    /// Sets the idempotency key, sent in the API's [`Profile::idempotency_header`], which also
    /// makes a POST or PATCH safe to retry. An API without that header ignores it.
    pub fn idempotency_key(mut self, key: Option<String>) -> Self {
        self.idempotency_key = key;
        self
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("body_bytes", &self.body.as_ref().map(Vec::len))
            .field("idempotency_key", &self.idempotency_key)
            .finish()
    }
}

/// A fully read response.
struct Response {
    status: u16,
    request_id: Option<String>,
    retry_after: Option<Duration>,
    body: Vec<u8>,
}

impl Client {
    /// The client ID given to the builder.
    pub fn client_id(&self) -> Option<&str> {
        self.inner.client_id.as_deref()
    }

    /// The base URL requests go to (`None` when it is invalid).
    pub fn base_url(&self) -> Option<&str> {
        self.inner.ready.as_ref().ok().map(|r| r.base.as_str())
    }

    /// Sends `request` and decodes the JSON body of the 2xx response as `T`.
    #[doc(hidden)]
    pub fn execute_json<'a, T>(
        &'a self,
        request: Result<Request, Error>,
    ) -> BoxFuture<'a, Result<T, Error>>
    where
        T: DeserializeOwned + Send + 'a,
    {
        Box::pin(async move {
            let response = self.send(request?).await?;
            serde_json::from_slice(&response.body).map_err(|e| {
                Error::Decode(Box::new(DecodeError::new(
                    response.status,
                    response.request_id,
                    &response.body,
                    e.to_string(),
                    Some(e),
                    &self.known_secrets(),
                )))
            })
        })
    }

    /// Sends `request`; any 2xx response (e.g. 204 No Content) is success, its body ignored.
    #[doc(hidden)]
    pub fn execute_empty<'a>(
        &'a self,
        request: Result<Request, Error>,
    ) -> BoxFuture<'a, Result<(), Error>> {
        Box::pin(async move {
            self.send(request?).await?;
            Ok(())
        })
    }

    fn known_secrets(&self) -> Vec<&str> {
        self.inner
            .api_key
            .iter()
            .map(SecretString::expose)
            .collect()
    }

    /// Sends the request, retrying when allowed; `Ok` only for a 2xx response.
    async fn send(&self, request: Request) -> Result<Response, Error> {
        let inner = &*self.inner;
        let ready = inner.ready.as_ref().map_err(|m| Error::Config(m.clone()))?;
        let url = ready.url(&request);
        let method = request.method.to_reqwest();
        let idempotency = inner
            .profile
            .idempotency_header
            .zip(request.idempotency_key.as_ref());
        let repeatable = request.method.is_idempotent() || idempotency.is_some();
        let max_retries = if repeatable {
            inner.retry.max_retries
        } else {
            0
        };
        let mut retries = 0;
        loop {
            let mut builder = ready.http.request(method.clone(), url.clone());
            if let Some(body) = &request.body {
                builder = builder
                    .header(
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("application/json"),
                    )
                    .body(body.clone());
            }
            if let Some((name, key)) = idempotency {
                builder = builder.header(name, key.as_str());
            }
            let error = match builder.send().await {
                Ok(response) => match read(response, &inner.profile).await {
                    Ok(response) if (200..300).contains(&response.status) => return Ok(response),
                    Ok(response) => Error::Api(Box::new(ApiError::new(
                        response.status,
                        response.request_id,
                        response.retry_after,
                        response.body,
                        &inner.profile.errors,
                        &self.known_secrets(),
                    ))),
                    Err(error) => error,
                },
                Err(error) => Error::transport(error),
            };
            if retries >= max_retries || !error.is_retryable() {
                return Err(error);
            }
            let retry_after = error.api_error().and_then(ApiError::retry_after);
            let Some(wait) = inner.retry.delay(retries, retry_after, retry::jitter()) else {
                return Err(error);
            };
            tokio::time::sleep(wait).await;
            retries += 1;
        }
    }
}

impl Ready {
    fn url(&self, request: &Request) -> reqwest::Url {
        let mut url = self.base.clone();
        if self.base_path.is_empty() {
            url.set_path(&request.path);
        } else {
            url.set_path(&format!("{}{}", self.base_path, request.path));
        }
        if !request.query.is_empty() {
            url.set_query(Some(request.query.as_str()));
        }
        url
    }
}

/// Reads status, the headers the client uses, and the whole body (bounded).
async fn read(mut response: reqwest::Response, profile: &Profile) -> Result<Response, Error> {
    let status = response.status().as_u16();
    let headers = response.headers();
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let request_id = profile.request_id_header.and_then(text).map(str::to_owned);
    let retry_after =
        text("retry-after").and_then(|v| retry::parse_retry_after(v, SystemTime::now()));
    let expected = response.content_length().unwrap_or(0);
    let mut body = Vec::with_capacity(usize::try_from(expected).unwrap_or(0).min(MAX_BODY_BYTES));
    while let Some(chunk) = response.chunk().await.map_err(Error::transport)? {
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(Error::Decode(Box::new(DecodeError::new(
                status,
                request_id,
                &body,
                format!("the response body exceeds {MAX_BODY_BYTES} bytes"),
                None,
                &[],
            ))));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Response {
        status,
        request_id,
        retry_after,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builder() -> ClientBuilder {
        ClientBuilder::new("https://api.example.com", Profile::NONE).api_key("sk_test_123")
    }

    #[test]
    fn user_agent_names_the_crate() {
        assert!(USER_AGENT.starts_with(concat!(env!("CARGO_PKG_NAME"), "/")));
        assert!(USER_AGENT.ends_with(env!("CARGO_PKG_VERSION")));
    }

    #[test]
    fn debug_never_shows_the_api_key() {
        let b = builder().client_id("client_1");
        let c = b.clone().build();
        for text in [format!("{b:?}"), format!("{c:?}"), format!("{c:#?}")] {
            assert!(!text.contains("sk_test_123"), "{text}");
            assert!(text.contains("[REDACTED]"), "{text}");
        }
        assert_eq!(c.client_id(), Some("client_1"));
    }

    #[test]
    fn configuration_errors_surface_without_panicking() {
        let cases = [
            ClientBuilder::new("https://api.example.com", Profile::NONE),
            builder().base_url("not a url"),
            builder().base_url("ftp://example.com"),
            builder().base_url("mailto:a@b.c"),
            builder().base_url("https://example.com/?x=1"),
            builder().api_key("sk\nbad"),
        ];
        for b in cases {
            let err = b.clone().try_build().unwrap_err();
            assert!(matches!(err, Error::Config(_)), "{err:?}");
            assert!(!err.to_string().contains("sk\nbad"));
            assert!(b.build().base_url().is_none() || err.to_string().contains("API key"));
        }
    }

    #[tokio::test]
    async fn config_error_is_returned_by_requests() {
        let client = ClientBuilder::new("https://api.example.com", Profile::NONE).build();
        let err = client
            .execute_empty(Ok(Request::new(Method::Get, "/x")))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Config(_)));
        let err = client
            .execute_empty(Err(Error::InvalidRequest("bad".into())))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)));
    }

    #[test]
    fn urls_keep_the_base_path_and_encode_the_query() {
        let request = Request::new(Method::Get, "/things/a%2Fb")
            .query("after", Some("x y&z"))
            .query("limit", Some(5))
            .query("before", None::<&str>);
        for (base, expected) in [
            (
                "https://h.test",
                "https://h.test/things/a%2Fb?after=x+y%26z&limit=5",
            ),
            (
                "https://h.test/",
                "https://h.test/things/a%2Fb?after=x+y%26z&limit=5",
            ),
            (
                "http://h.test:8080/pre/fix/",
                "http://h.test:8080/pre/fix/things/a%2Fb?after=x+y%26z&limit=5",
            ),
        ] {
            let client = builder().base_url(base).try_build().unwrap();
            let ready = client.inner.ready.as_ref().unwrap();
            assert_eq!(ready.url(&request).as_str(), expected);
        }
        // An object parameter is one query parameter per entry.
        let map = BTreeMap::from([("hd".to_string(), "example.com"), ("a b".to_string(), "&")]);
        let request = Request::new(Method::Get, "/x")
            .query_map(Some(&map))
            .query_map(None::<&BTreeMap<String, String>>);
        let client = builder().base_url("https://h.test").try_build().unwrap();
        let ready = client.inner.ready.as_ref().unwrap();
        assert_eq!(
            ready.url(&request).as_str(),
            "https://h.test/x?a+b=%26&hd=example.com"
        );
        // Array parameters in their style, their items encoded and the delimiters not.
        let request = Request::new(Method::Get, "/x")
            .query_list("ids", Some(["a", "b,c"]), ListStyle::Repeated)
            .query_list("tags", Some(["a", "b,c"]), ListStyle::Comma)
            .query_list("words", Some(["a", "b c"]), ListStyle::Space)
            .query_list("codes", Some(["a", "b|c"]), ListStyle::Pipe)
            .query_list("none", None::<[&str; 1]>, ListStyle::Comma)
            .query_list("empty", Some(Vec::<String>::new()), ListStyle::Comma);
        assert_eq!(
            ready.url(&request).as_str(),
            "https://h.test/x?ids=a&ids=b%2Cc&tags=a,b%2Cc&words=a%20b+c&codes=a|b%7Cc"
        );
    }

    #[test]
    fn only_idempotent_methods_repeat_without_a_key() {
        assert!(
            Method::Get.is_idempotent()
                && Method::Delete.is_idempotent()
                && Method::Put.is_idempotent()
        );
        assert!(!Method::Post.is_idempotent() && !Method::Patch.is_idempotent());
    }

    /// A server on a loopback port that answers every request with `503` and a request id in
    /// `x-trace`; it hands back the head of each request it got.
    fn failing_server() -> (String, std::sync::mpsc::Receiver<String>) {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (heads, received) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let mut reader = BufReader::new(stream.unwrap());
                let (mut head, mut length) = (String::new(), 0);
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    let lower = line.to_ascii_lowercase();
                    if let Some(value) = lower.strip_prefix("content-length:") {
                        length = value.trim().parse().unwrap_or(0);
                    }
                    head.push_str(&lower);
                }
                let mut body = vec![0; length];
                let _ = std::io::Read::read_exact(&mut reader, &mut body);
                let response = "HTTP/1.1 503 Service Unavailable\r\nx-trace: req_9\r\n\
                                content-length: 2\r\nconnection: close\r\n\r\n{}";
                let _ = heads.send(head);
                let _ = reader.get_mut().write_all(response.as_bytes());
            }
        });
        (url, received)
    }

    async fn post_with_key(profile: Profile) -> (Error, Vec<String>) {
        let (url, heads) = failing_server();
        let client = ClientBuilder::new(&url, profile)
            .api_key("sk_test_123")
            .retry_backoff(Duration::from_millis(1), Duration::from_millis(1))
            .build();
        let request = Request::new(Method::Post, "/things")
            .json(&"payload")
            .unwrap()
            .idempotency_key(Some("key-1".into()));
        let error = client.execute_empty(Ok(request)).await.unwrap_err();
        (error, heads.try_iter().collect())
    }

    #[tokio::test]
    async fn without_an_idempotency_header_no_key_is_sent_and_posts_are_not_retried() {
        let (error, heads) = post_with_key(Profile::NONE).await;
        assert_eq!(heads.len(), 1, "{heads:?}");
        assert!(!heads[0].contains("key-1"), "{}", heads[0]);
        assert_eq!((error.status(), error.request_id()), (Some(503), None));
    }

    #[tokio::test]
    async fn the_profile_names_the_idempotency_and_request_id_headers() {
        let profile = Profile {
            request_id_header: Some("X-Trace"),
            idempotency_header: Some("Request-Key"),
            errors: ErrorFields::NONE,
        };
        let (error, heads) = post_with_key(profile).await;
        assert_eq!(heads.len(), 3, "{heads:?}");
        assert!(
            heads
                .iter()
                .all(|head| head.contains("request-key: key-1\r\n"))
        );
        assert_eq!(
            (error.status(), error.request_id()),
            (Some(503), Some("req_9"))
        );
    }

    #[test]
    fn request_debug_hides_the_body() {
        let request = Request::new(Method::Post, "/x").json(&"payload").unwrap();
        assert!(!format!("{request:?}").contains("payload"));
    }
}
}
pub mod error {
//! The one error type of the client, [`Error`], and what an API error carries.
//!
//! Server-provided text kept in an error (the message, validation messages, the body
//! excerpt) has the client's API key and sensitive-looking JSON values masked; the raw
//! body is only reachable through [`ApiError::body`], never through `Debug` or `Display`.

use std::fmt;
use std::time::Duration;

use super::secret;

/// How many characters of a body an error shows.
const EXCERPT_CHARS: usize = 200;

/// Everything that can go wrong when calling the API.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with a status other than 2xx (after any retries).
    #[error(transparent)]
    Api(Box<ApiError>),
    /// An attempt did not complete within the client's timeout (after any retries).
    #[error(transparent)]
    Timeout(TransportError),
    /// The request could not be sent or its response could not be read: connection
    /// refused or reset, DNS or TLS failure, a body cut short (after any retries).
    #[error(transparent)]
    Transport(TransportError),
    /// A 2xx response whose body is not what the operation returns.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// The parameters cannot form a request (e.g. an empty path parameter); nothing was sent.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The client is misconfigured (e.g. no API key, a bad base URL); nothing was sent.
    #[error("invalid client configuration: {0}")]
    Config(String),
}

impl Error {
    /// The API error, when the server answered with a non-2xx status.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::Api(api) => Some(api),
            _ => None,
        }
    }

    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api(api) => Some(api.status),
            Self::Decode(decode) => Some(decode.status),
            _ => None,
        }
    }

    /// The request id the response carried, when there was one (see
    /// [`ApiError::request_id`]); quote it to the API's support.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Api(api) => api.request_id(),
            Self::Decode(decode) => decode.request_id(),
            _ => None,
        }
    }

    /// Whether this is a [`Timeout`](Self::Timeout).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout(_))
    }

    pub(crate) fn transport(error: reqwest::Error) -> Self {
        if error.is_builder() {
            // The request could not be built, e.g. an idempotency key that is no valid header.
            let mut message = error.to_string();
            let mut source = std::error::Error::source(&error);
            while let Some(cause) = source {
                message.push_str(": ");
                message.push_str(&cause.to_string());
                source = cause.source();
            }
            Self::InvalidRequest(message)
        } else if error.is_timeout() {
            Self::Timeout(TransportError(error))
        } else {
            Self::Transport(TransportError(error))
        }
    }

    /// Whether the request may succeed if sent again (the client decides whether it is
    /// safe to send again).
    pub(crate) fn is_retryable(&self) -> bool {
        match self {
            Self::Api(api) => api.is_retryable(),
            Self::Timeout(_) | Self::Transport(_) => true,
            Self::Decode(_) | Self::InvalidRequest(_) | Self::Config(_) => false,
        }
    }
}

/// A failure below HTTP: connecting, TLS, sending, reading the response, or a timeout.
pub struct TransportError(reqwest::Error);

impl TransportError {
    /// Whether connecting to the server failed (nothing reached it).
    pub fn is_connect(&self) -> bool {
        self.0.is_connect()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_timeout() {
            f.write_str("request timed out: ")?;
        } else {
            f.write_str("transport error: ")?;
        }
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        // Our Display already contains the reqwest error's own message.
        self.0.source()
    }
}

/// Where an error body keeps what [`ApiError`] reads: set per API by the generator's settings
/// (`[errors]`), passed to the client by the generated `Client::builder()`. Each list of names is
/// tried in order; the first that is a string in the body wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorFields {
    /// The fields of the error code ([`ApiError::code`]).
    pub code: &'static [&'static str],
    /// The fields of the human-readable message ([`ApiError::message`]).
    pub message: &'static [&'static str],
    /// The array of validation errors ([`ApiError::errors`]), if the API sends one.
    pub details: Option<DetailFields>,
}

impl ErrorFields {
    /// Reads nothing from the body: `code()` and `message()` are `None`, and errors show the
    /// start of the body.
    pub const NONE: ErrorFields = ErrorFields {
        code: &[],
        message: &[],
        details: None,
    };
}

/// The array of validation errors in an error body, and the fields of its items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DetailFields {
    /// The body's field holding the array.
    pub list: &'static str,
    /// An item's error code ([`ValidationError::code`]).
    pub code: &'static str,
    /// An item's message ([`ValidationError::message`]).
    pub message: &'static str,
    /// An item's offending field ([`ValidationError::field`]).
    pub field: &'static str,
}

/// One validation error listed in an error body (see [`DetailFields`]).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ValidationError {
    /// The validation error code, e.g. `unknown_event_type`.
    pub code: String,
    /// A human-readable description of the validation error.
    pub message: String,
    /// The offending field, when the server names one.
    pub field: Option<String>,
}

/// A non-2xx response from the API.
///
/// Match on [`code`](Self::code) (or the generated `error_code()`), not on the message.
#[derive(Clone)]
pub struct ApiError {
    status: u16,
    code: Option<String>,
    message: Option<String>,
    errors: Vec<ValidationError>,
    request_id: Option<String>,
    retry_after: Option<Duration>,
    body: Vec<u8>,
    excerpt: String,
}

impl ApiError {
    /// Reads an error response, its body by `fields`. Never fails: a body that is not the
    /// documented JSON leaves `code` and `message` empty. `known_secrets` are masked in kept
    /// text.
    pub(crate) fn new(
        status: u16,
        request_id: Option<String>,
        retry_after: Option<Duration>,
        body: Vec<u8>,
        fields: &ErrorFields,
        known_secrets: &[&str],
    ) -> Self {
        let json: Option<serde_json::Value> = serde_json::from_slice(&body).ok();
        let text = |value: &serde_json::Value, key: &str| {
            value
                .get(key)
                .and_then(serde_json::Value::as_str)
                .map(|s| secret::scrub(s, known_secrets))
        };
        let first =
            |value: &serde_json::Value, keys: &[&str]| keys.iter().find_map(|key| text(value, key));
        let (code, message, errors) = match &json {
            Some(value @ serde_json::Value::Object(_)) => (
                first(value, fields.code),
                first(value, fields.message),
                fields
                    .details
                    .and_then(|details| {
                        let items = value.get(details.list)?.as_array()?;
                        let items = items.iter().filter(|item| item.is_object());
                        Some(
                            items
                                .map(|item| ValidationError {
                                    code: text(item, details.code).unwrap_or_default(),
                                    message: text(item, details.message).unwrap_or_default(),
                                    field: text(item, details.field),
                                })
                                .collect(),
                        )
                    })
                    .unwrap_or_default(),
            ),
            _ => (None, None, Vec::new()),
        };
        let excerpt = secret::excerpt(&body, EXCERPT_CHARS, known_secrets);
        Self {
            status,
            code,
            message,
            errors,
            request_id: request_id.map(|id| secret::scrub(&id, known_secrets)),
            retry_after,
            body,
            excerpt,
        }
    }

    /// The HTTP status code, e.g. 409.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The error code of the body (its first [`ErrorFields::code`] field), e.g.
    /// `duplicate_endpoint`.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The human-readable message of the body (its first [`ErrorFields::message`] field).
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The validation errors the body lists ([`ErrorFields::details`]; empty otherwise).
    pub fn errors(&self) -> &[ValidationError] {
        &self.errors
    }

    /// The response header the API names its request id in (the client's
    /// [`Profile::request_id_header`](super::client::Profile::request_id_header)).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The `Retry-After` response header, as a wait from when the response arrived.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The raw response body, unmasked.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Whether the status is one the client retries (429, 5xx but 501).
    pub fn is_retryable(&self) -> bool {
        super::retry::is_retryable_status(self.status)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "API error: HTTP {}", self.status)?;
        if let Some(reason) = reqwest::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
        {
            write!(f, " {reason}")?;
        }
        if let Some(code) = &self.code {
            write!(f, " [{code}]")?;
        }
        match &self.message {
            Some(message) => write!(f, ": {message}")?,
            None if self.code.is_none() && !self.excerpt.is_empty() => {
                write!(f, ": {:?}", self.excerpt)?;
            }
            None => {}
        }
        if !self.errors.is_empty() {
            f.write_str(" (")?;
            for (i, error) in self.errors.iter().enumerate() {
                if i > 0 {
                    f.write_str("; ")?;
                }
                if let Some(field) = &error.field {
                    write!(f, "{field}: ")?;
                }
                write!(f, "{}: {}", error.code, error.message)?;
            }
            f.write_str(")")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("code", &self.code)
            .field("message", &self.message)
            .field("errors", &self.errors)
            .field("request_id", &self.request_id)
            .field("retry_after", &self.retry_after)
            .field("body", &self.excerpt)
            .finish()
    }
}

impl std::error::Error for ApiError {}

/// A 2xx response whose body could not be decoded (or exceeded the size limit).
pub struct DecodeError {
    status: u16,
    request_id: Option<String>,
    detail: String,
    excerpt: String,
    json: Option<serde_json::Error>,
}

impl DecodeError {
    pub(crate) fn new(
        status: u16,
        request_id: Option<String>,
        body: &[u8],
        detail: String,
        json: Option<serde_json::Error>,
        known_secrets: &[&str],
    ) -> Self {
        Self {
            status,
            request_id: request_id.map(|id| secret::scrub(&id, known_secrets)),
            detail: secret::scrub(&detail, known_secrets),
            excerpt: secret::excerpt(body, EXCERPT_CHARS, known_secrets),
            json,
        }
    }

    /// The HTTP status code of the response.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The request id response header (see [`ApiError::request_id`]).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The start of the body, with sensitive values masked.
    pub fn excerpt(&self) -> &str {
        &self.excerpt
    }

    /// The JSON error, when the body was read but is not the expected JSON.
    pub fn json_error(&self) -> Option<&serde_json::Error> {
        self.json.as_ref()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not decode the response body (HTTP {}",
            self.status
        )?;
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        write!(f, "): {}; body starts: {:?}", self.detail, self.excerpt)
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("detail", &self.detail)
            .field("body", &self.excerpt)
            .finish()
    }
}

impl std::error::Error for DecodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields of an API that sends `code`, `message` and `errors[]`, and OAuth-style
    /// `error` and `error_description` from some endpoints.
    const FIELDS: ErrorFields = ErrorFields {
        code: &["code", "error"],
        message: &["message", "error_description"],
        details: Some(DetailFields {
            list: "errors",
            code: "code",
            message: "message",
            field: "field",
        }),
    };

    fn read(status: u16, body: &str, fields: &ErrorFields) -> ApiError {
        ApiError::new(
            status,
            Some("req_1".into()),
            None,
            body.as_bytes().to_vec(),
            fields,
            &["sk_test_key"],
        )
    }

    fn api(status: u16, body: &str) -> ApiError {
        read(status, body, &FIELDS)
    }

    #[test]
    fn without_fields_nothing_is_read_and_the_body_shows() {
        let body = r#"{"code":"conflict","message":"Taken.","errors":[{"code":"x"}]}"#;
        let e = read(409, body, &ErrorFields::NONE);
        assert_eq!((e.code(), e.message(), e.errors()), (None, None, &[][..]));
        assert_eq!(e.body(), body.as_bytes());
        assert_eq!(
            e.to_string(),
            format!("API error: HTTP 409 Conflict: {body:?} (request id req_1)")
        );
    }

    #[test]
    fn other_field_names_are_read() {
        const OTHER: ErrorFields = ErrorFields {
            code: &["type"],
            message: &["title", "detail"],
            details: Some(DetailFields {
                list: "invalid",
                code: "reason",
                message: "text",
                field: "name",
            }),
        };
        let e = read(
            400,
            r#"{"code":"no","type":"bad_input","detail":"Nope.","errors":[{"code":"x"}],
                "invalid":[{"reason":"short","text":"Too short.","name":"id"}]}"#,
            &OTHER,
        );
        assert_eq!((e.code(), e.message()), (Some("bad_input"), Some("Nope.")));
        assert_eq!(
            e.errors(),
            [ValidationError {
                code: "short".into(),
                message: "Too short.".into(),
                field: Some("id".into()),
            }]
        );
    }

    #[test]
    fn reads_code_message_and_errors() {
        let e = api(
            422,
            r#"{"code":"invalid_request_parameters","message":"Validation failed.",
                "errors":[{"code":"unknown_event_type","message":"Invalid enum value.","field":"events"},
                          {"code":"x"}, 3, null], "extra": true}"#,
        );
        assert_eq!(e.status(), 422);
        assert_eq!(e.code(), Some("invalid_request_parameters"));
        assert_eq!(e.message(), Some("Validation failed."));
        assert_eq!(e.errors().len(), 2);
        assert_eq!(e.errors()[0].code, "unknown_event_type");
        assert_eq!(e.errors()[0].field.as_deref(), Some("events"));
        assert_eq!(e.errors()[1].message, "");
        assert_eq!(
            e.to_string(),
            "API error: HTTP 422 Unprocessable Entity [invalid_request_parameters]: Validation failed. \
             (events: unknown_event_type: Invalid enum value.; x: ) (request id req_1)"
        );
    }

    #[test]
    fn oauth_style_and_non_json_bodies() {
        let e = api(
            400,
            r#"{"error":"invalid_grant","error_description":"Bad."}"#,
        );
        assert_eq!(
            (e.code(), e.message()),
            (Some("invalid_grant"), Some("Bad."))
        );
        for body in [
            "<html>Bad Gateway</html>",
            "",
            "[1,2]",
            "\"str\"",
            "{\"code\":5}",
            "{",
        ] {
            let e = api(502, body);
            assert_eq!((e.code(), e.message()), (None, None), "{body}");
            assert_eq!(e.body(), body.as_bytes());
            let _ = (e.to_string(), format!("{e:?}"));
        }
        assert_eq!(
            api(502, "<html>Bad Gateway</html>").to_string(),
            "API error: HTTP 502 Bad Gateway: \"<html>Bad Gateway</html>\" (request id req_1)"
        );
        assert_eq!(
            api(999, "").to_string(),
            "API error: HTTP 999 (request id req_1)"
        );
    }

    #[test]
    fn api_key_is_masked_everywhere_but_the_raw_body() {
        let e = api(
            401,
            r#"{"code":"unauthorized","message":"Invalid API key sk_test_key","secret":"whsec_x"}"#,
        );
        for text in [
            e.to_string(),
            format!("{e:?}"),
            format!("{:?}", Error::Api(Box::new(e.clone()))),
        ] {
            assert!(!text.contains("sk_test_key"), "{text}");
            assert!(!text.contains("whsec_x"), "{text}");
        }
        assert!(String::from_utf8_lossy(e.body()).contains("sk_test_key"));
    }

    #[test]
    fn error_accessors() {
        let e = Error::Api(Box::new(api(429, "{}")));
        assert_eq!((e.status(), e.request_id()), (Some(429), Some("req_1")));
        assert!(e.is_retryable() && !e.is_timeout());
        assert!(e.api_error().is_some());
        let d = Error::Decode(Box::new(DecodeError::new(
            200,
            None,
            br#"{"secret":"whsec_abc"#,
            "EOF".into(),
            None,
            &[],
        )));
        assert_eq!(d.status(), Some(200));
        assert!(!d.is_retryable());
        assert_eq!(
            d.to_string(),
            r#"could not decode the response body (HTTP 200): EOF; body starts: "{\"secret\":\"[REDACTED]""#
        );
        let c = Error::Config("no API key".into());
        assert_eq!((c.status(), c.request_id()), (None, None));
        assert_eq!(c.to_string(), "invalid client configuration: no API key");
    }
}
}
pub mod examples {
//! Checks that a spec example fits its generated type (used by the generated tests).

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Deserializes `json` into `T` and serializes it back: `Ok` when the result is the same JSON.
pub fn round_trip<T: DeserializeOwned + Serialize>(json: &str) -> Result<(), String> {
    let original: serde_json::Value =
        serde_json::from_str(json).map_err(|err| format!("example is not JSON: {err}"))?;
    let typed: T = serde_json::from_value(original.clone())
        .map_err(|err| format!("does not deserialize: {err}"))?;
    let back = serde_json::to_value(&typed).map_err(|err| format!("does not serialize: {err}"))?;
    if equivalent(&back, &original) {
        Ok(())
    } else {
        Err(format!("changed in a round trip: {original} became {back}"))
    }
}

/// JSON equality up to two normalisations, both the same value written another way: numbers
/// compare by value (a `number` example `300` comes back as `300.0`), and RFC 3339 timestamps
/// by instant (`...:00Z` may come back as `...:00.000Z`).
fn equivalent(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) => {
            x == y
                || matches!(
                    (
                        chrono::DateTime::parse_from_rfc3339(x),
                        chrono::DateTime::parse_from_rfc3339(y),
                    ),
                    (Ok(x), Ok(y)) if x == y
                )
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| equivalent(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, x)| y.get(key).is_some_and(|y| equivalent(x, y)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lossy_type_is_caught() {
        // `u8` cannot hold 300; a float example does not survive an integer.
        assert!(round_trip::<u8>("300").is_err());
        assert!(round_trip::<Vec<String>>(r#"["a"]"#).is_ok());
        #[derive(serde::Serialize, serde::Deserialize)]
        struct Only {
            a: u8,
        }
        let err = round_trip::<Only>(r#"{"a":1,"b":2}"#).unwrap_err();
        assert!(err.contains("changed in a round trip"), "{err}");
    }

    #[test]
    fn numbers_and_timestamps_compare_by_value() {
        assert!(round_trip::<f64>("300").is_ok());
        assert!(round_trip::<String>(r#""2024-06-15T10:30:00Z""#).is_ok());
        let ms = serde_json::json!("2024-06-15T10:30:00.000Z");
        assert!(equivalent(&ms, &serde_json::json!("2024-06-15T10:30:00Z")));
        assert!(!equivalent(&ms, &serde_json::json!("2024-06-15T10:30:01Z")));
        assert!(!equivalent(&serde_json::json!(1.5), &serde_json::json!(1)));
    }
}
}
pub mod nullable {
//! Properties that are optional and nullable. Absent, `null` and a value can mean three
//! different things (`{}` keeps an API key's expiry, `{"expires_at": null}` clears it), so such
//! a field is `Option<Option<T>>`: `None` is absent (not sent), `Some(None)` is `null`.
//! Use with `#[serde(default, skip_serializing_if = "Option::is_none", with = "...")]`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub fn serialize<T: Serialize, S: Serializer>(
    value: &Option<Option<T>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(Some(value)) => serializer.serialize_some(value),
        // `None` is skipped before it gets here; `Some(None)` is an explicit `null`.
        Some(None) | None => serializer.serialize_none(),
    }
}

pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    // Only called when the property is present: `null` is `Some(None)`.
    Option::<T>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Body {
        #[serde(default, skip_serializing_if = "Option::is_none", with = "super")]
        name: Option<Option<String>>,
    }

    #[test]
    fn absent_null_and_a_value_stay_apart() {
        for (json, name) in [
            (json!({}), None),
            (json!({"name": null}), Some(None)),
            (json!({"name": "n"}), Some(Some("n".to_string()))),
        ] {
            let body: Body = serde_json::from_value(json.clone()).unwrap();
            assert_eq!(body, Body { name: name.clone() }, "{json}");
            assert_eq!(serde_json::to_value(&body).unwrap(), json);
        }
    }
}
}
pub mod open_enum {
//! Deserializing open string enums: any string parses, known ones to their variant.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};

/// Deserializes a string into an open enum through its `From<&str>` / `From<String>`, without
/// allocating for borrowed input and without ever failing on an unknown value.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    struct OpenEnum<T>(PhantomData<T>);

    impl<T> Visitor<'_> for OpenEnum<T>
    where
        T: for<'a> From<&'a str> + From<String>,
    {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }

        fn visit_string<E: de::Error>(self, value: String) -> Result<T, E> {
            Ok(T::from(value))
        }
    }

    deserializer.deserialize_str(OpenEnum(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Color {
        Red,
        Unknown(String),
    }

    impl From<&str> for Color {
        fn from(value: &str) -> Self {
            match value {
                "red" => Color::Red,
                other => Color::Unknown(other.to_owned()),
            }
        }
    }

    impl From<String> for Color {
        fn from(value: String) -> Self {
            Color::from(value.as_str())
        }
    }

    fn parse(json: &str) -> Result<Color, serde_json::Error> {
        deserialize(&mut serde_json::Deserializer::from_str(json))
    }

    #[test]
    fn known_and_unknown_values_parse() {
        assert_eq!(parse(r#""red""#).unwrap(), Color::Red);
        assert_eq!(parse(r#""mauve""#).unwrap(), Color::Unknown("mauve".into()));
        assert_eq!(parse(r#""\u0072ed""#).unwrap(), Color::Red);
    }

    #[test]
    fn non_strings_are_rejected() {
        let err = parse("42").unwrap_err().to_string();
        assert!(err.contains("expected a string"), "{err}");
    }
}
}
pub mod pagination {
//! A `Stream` over every item of a cursor-paginated list.
//!
//! The generated list types implement [`Page`]; the generated list request builders
//! create a [`Paginator`] with a closure that fetches one page: `None` for the first
//! page (the request as the caller built it), `Some(cursor)` for the page after `cursor`.

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_core::stream::FusedStream;

use super::client::BoxFuture;
use super::error::Error;

/// One page of a cursor-paginated list.
pub trait Page {
    /// The listed object.
    type Item;
    /// The items of this page and the cursor of the next page (`None` on the last page).
    fn into_items_and_cursor(self) -> (Vec<Self::Item>, Option<String>);
}

type FetchPage<'a, P> =
    Box<dyn FnMut(Option<String>) -> BoxFuture<'a, Result<P, Error>> + Send + 'a>;

enum Next {
    First,
    After(String),
    Done,
}

/// A stream of every item of a list, fetching pages one at a time as it is polled.
///
/// It ends after the page whose next cursor is `null`; also (so a misbehaving server
/// cannot make it loop forever) after an empty page or a page that returns the cursor
/// it was fetched with. An error is yielded once and ends the stream. Each page is one
/// request, retried like any other.
#[must_use = "streams do nothing unless polled"]
pub struct Paginator<'a, P: Page> {
    fetch: FetchPage<'a, P>,
    pending: Option<BoxFuture<'a, Result<P, Error>>>,
    items: VecDeque<P::Item>,
    next: Next,
    current: Option<String>,
}

impl<'a, P: Page> Paginator<'a, P> {
    /// A stream that calls `fetch` for each page (see the module docs).
    pub fn new(
        fetch: impl FnMut(Option<String>) -> BoxFuture<'a, Result<P, Error>> + Send + 'a,
    ) -> Self {
        Self {
            fetch: Box::new(fetch),
            pending: None,
            items: VecDeque::new(),
            next: Next::First,
            current: None,
        }
    }
}

// Items are only moved, never pinned, so the stream can be `Unpin` whatever they are.
impl<P: Page> Unpin for Paginator<'_, P> {}

impl<P: Page> Stream for Paginator<'_, P> {
    type Item = Result<P::Item, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.items.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if let Some(pending) = this.pending.as_mut() {
                let page = match pending.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(page) => page,
                };
                this.pending = None;
                match page {
                    Err(error) => {
                        this.next = Next::Done;
                        return Poll::Ready(Some(Err(error)));
                    }
                    Ok(page) => {
                        let (items, cursor) = page.into_items_and_cursor();
                        this.next = match cursor {
                            Some(cursor)
                                if !items.is_empty()
                                    && this.current.as_deref() != Some(cursor.as_str()) =>
                            {
                                Next::After(cursor)
                            }
                            _ => Next::Done,
                        };
                        this.items = items.into();
                        continue;
                    }
                }
            }
            let cursor = match std::mem::replace(&mut this.next, Next::Done) {
                Next::Done => return Poll::Ready(None),
                Next::First => None,
                Next::After(cursor) => {
                    this.current = Some(cursor.clone());
                    Some(cursor)
                }
            };
            this.pending = Some((this.fetch)(cursor));
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self.next {
            Next::Done if self.pending.is_none() => (self.items.len(), Some(self.items.len())),
            _ => (self.items.len(), None),
        }
    }
}

impl<P: Page> FusedStream for Paginator<'_, P> {
    fn is_terminated(&self) -> bool {
        matches!(self.next, Next::Done) && self.pending.is_none() && self.items.is_empty()
    }
}

impl<P: Page> fmt::Debug for Paginator<'_, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator")
            .field("buffered", &self.items.len())
            .field("fetching", &self.pending.is_some())
            .field("cursor", &self.current)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};
    use std::task::Waker;

    struct TestPage(Vec<u32>, Option<&'static str>);

    impl Page for TestPage {
        type Item = u32;
        fn into_items_and_cursor(self) -> (Vec<u32>, Option<String>) {
            (self.0, self.1.map(str::to_owned))
        }
    }

    /// Polls the stream to the end with ready futures; returns items and the cursors asked for.
    fn run(pages: Vec<Result<TestPage, Error>>) -> (Vec<Result<u32, String>>, Vec<Option<String>>) {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let mut pages = pages.into_iter();
        let seen = Arc::clone(&calls);
        let mut stream = Paginator::new(move |cursor| {
            seen.lock().unwrap().push(cursor);
            let page = pages.next().expect("fetched past the last page");
            Box::pin(async move { page })
        });
        let mut cx = Context::from_waker(Waker::noop());
        let mut out = Vec::new();
        loop {
            match Pin::new(&mut stream).poll_next(&mut cx) {
                Poll::Ready(Some(item)) => out.push(item.map_err(|e| e.to_string())),
                Poll::Ready(None) => break,
                Poll::Pending => panic!("ready futures never pend"),
            }
        }
        assert!(stream.is_terminated());
        assert!(matches!(
            Pin::new(&mut stream).poll_next(&mut cx),
            Poll::Ready(None)
        ));
        let calls = calls.lock().unwrap().clone();
        (out, calls)
    }

    #[test]
    fn follows_cursors_until_null() {
        let (items, calls) = run(vec![
            Ok(TestPage(vec![1, 2], Some("c2"))),
            Ok(TestPage(vec![3, 4], Some("c4"))),
            Ok(TestPage(vec![5], None)),
        ]);
        assert_eq!(items, vec![Ok(1), Ok(2), Ok(3), Ok(4), Ok(5)]);
        assert_eq!(calls, vec![None, Some("c2".into()), Some("c4".into())]);
    }

    #[test]
    fn error_ends_the_stream() {
        let (items, calls) = run(vec![
            Ok(TestPage(vec![1], Some("c1"))),
            Err(Error::Config("boom".into())),
        ]);
        assert_eq!(
            items,
            vec![Ok(1), Err("invalid client configuration: boom".into())]
        );
        assert_eq!(calls.len(), 2);
    }

    #[test]
    fn stops_on_empty_page_or_repeated_cursor() {
        let (items, calls) = run(vec![Ok(TestPage(vec![], Some("c1")))]);
        assert!(items.is_empty());
        assert_eq!(calls.len(), 1);
        let (items, calls) = run(vec![
            Ok(TestPage(vec![1], Some("c1"))),
            Ok(TestPage(vec![2], Some("c1"))),
        ]);
        assert_eq!(items, vec![Ok(1), Ok(2)]);
        assert_eq!(calls.len(), 2);
    }
}
}
pub mod path {
//! Path parameters, percent-encoded as exactly one path segment.
//!
//! Everything but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded, so
//! `/`, `?`, `#`, `%` and spaces in a value can never add a segment, a query or a fragment.
//! The values `.` and `..` (and the empty string) are refused: URL parsers resolve them
//! (and their encoded forms `%2E`, `%2E%2E`) as dot segments, so no encoding keeps them
//! as one segment.

use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, PercentEncode, utf8_percent_encode};

use super::error::Error;

/// Bytes encoded in a path segment: all but the unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A path parameter encoded as one segment; its `Display` writes the encoded form.
#[derive(Clone, Debug)]
pub struct Segment<'a>(PercentEncode<'a>);

impl fmt::Display for Segment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// Encodes the value of path parameter `name` as one segment, or says why it cannot be.
pub fn segment<'a>(name: &str, value: &'a str) -> Result<Segment<'a>, Error> {
    match value {
        "" => Err(Error::InvalidRequest(format!(
            "path parameter `{name}` must not be empty"
        ))),
        "." | ".." => Err(Error::InvalidRequest(format!(
            "path parameter `{name}` must not be `.` or `..`"
        ))),
        _ => Ok(Segment(utf8_percent_encode(value, SEGMENT))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(value: &str) -> String {
        segment("id", value).unwrap().to_string()
    }

    #[test]
    fn plain_ids_are_unchanged() {
        assert_eq!(enc("we_0123456789"), "we_0123456789");
        assert_eq!(enc("a-b.c~d"), "a-b.c~d");
    }

    #[test]
    fn separators_and_specials_are_encoded() {
        assert_eq!(enc("a/b"), "a%2Fb");
        assert_eq!(enc("../x"), "..%2Fx");
        assert_eq!(enc("a?b#c"), "a%3Fb%23c");
        assert_eq!(enc("100%"), "100%25");
        assert_eq!(enc("%2e%2e"), "%252e%252e");
        assert_eq!(enc("a b+c"), "a%20b%2Bc");
        assert_eq!(enc("a\\b;c"), "a%5Cb%3Bc");
        assert_eq!(enc("é"), "%C3%A9");
        assert_eq!(enc("..."), "...");
    }

    #[test]
    fn dot_segments_and_empty_are_refused() {
        for value in ["", ".", ".."] {
            let err = segment("id", value).unwrap_err();
            assert!(
                matches!(err, Error::InvalidRequest(_)),
                "{value:?}: {err:?}"
            );
            assert!(err.to_string().contains("`id`"));
        }
    }
}
}
pub mod query {
//! The query string of a request: each name and value encoded the way HTML forms encode them
//! (`application/x-www-form-urlencoded`: a space is `+`, everything but `A-Z a-z 0-9 * - . _` is
//! percent-encoded), and arrays written the way the spec's `style` and `explode` say.
//!
//! | `style`, `explode` | `ids: [a, b]` |
//! | --- | --- |
//! | `form`, `true` (OpenAPI's default) | `ids=a&ids=b` |
//! | `form`, `false` | `ids=a,b` |
//! | `spaceDelimited`, `false` | `ids=a%20b` |
//! | `pipeDelimited`, `false` | `ids=a\|b` |
//!
//! A delimiter inside an item is encoded (`a,b` as an item of a `form` list is `a%2Cb`), so the
//! server can always split the list back into its items. An empty array is not sent at all, in
//! every style, as RFC 6570 (which OpenAPI's styles come from) treats an empty list as undefined.

use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Bytes encoded in a query name or value: all but the ones HTML forms leave as they are.
const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'*')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_');

/// How an array query parameter is written (its `style` and `explode` in the spec).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListStyle {
    /// `style: form`, `explode: true` (the default): one `name=item` per item.
    Repeated,
    /// `style: form`, `explode: false`: one `name=`, its items joined by `,`.
    Comma,
    /// `style: spaceDelimited`: one `name=`, its items joined by `%20`.
    Space,
    /// `style: pipeDelimited`: one `name=`, its items joined by `|`.
    Pipe,
}

impl ListStyle {
    /// What stands between two items of one value (`None`: each item is its own pair).
    fn delimiter(self) -> Option<&'static str> {
        match self {
            Self::Repeated => None,
            Self::Comma => Some(","),
            Self::Space => Some("%20"),
            Self::Pipe => Some("|"),
        }
    }
}

/// An encoded query string (without the `?`), built pair by pair in the order they are added.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Query(String);

impl Query {
    /// Adds `name=value`.
    pub fn push(&mut self, name: &str, value: impl fmt::Display) {
        self.start(name);
        encode(&value.to_string(), &mut self.0);
    }

    /// Adds an array parameter in `style`; nothing when it has no items.
    pub fn push_list<I>(&mut self, name: &str, items: I, style: ListStyle)
    where
        I: IntoIterator,
        I::Item: fmt::Display,
    {
        let mut items = items.into_iter().peekable();
        if items.peek().is_none() {
            return;
        }
        match style.delimiter() {
            None => {
                for item in items {
                    self.push(name, item);
                }
            }
            Some(delimiter) => {
                self.start(name);
                for (index, item) in items.enumerate() {
                    if index > 0 {
                        self.0.push_str(delimiter);
                    }
                    encode(&item.to_string(), &mut self.0);
                }
            }
        }
    }

    /// The encoded query string (empty when nothing was added).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `&name=` (without the `&` for the first pair).
    fn start(&mut self, name: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        encode(name, &mut self.0);
        self.0.push('=');
    }
}

impl fmt::Debug for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// Appends `text` form-encoded: spaces as `+`, then percent-encoding.
fn encode(text: &str, out: &mut String) {
    for (index, part) in text.split(' ').enumerate() {
        if index > 0 {
            out.push('+');
        }
        out.extend(utf8_percent_encode(part, FORM));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str], style: ListStyle) -> String {
        let mut query = Query::default();
        query.push_list("ids", items, style);
        query.as_str().to_owned()
    }

    #[test]
    fn values_are_form_encoded() {
        let mut query = Query::default();
        query.push("after", "x y&z=1");
        query.push("limit", 5);
        query.push("a b", "é/?#%+*-._~");
        assert_eq!(
            query.as_str(),
            "after=x+y%26z%3D1&limit=5&a+b=%C3%A9%2F%3F%23%25%2B*-._%7E"
        );
    }

    #[test]
    fn lists_follow_their_style() {
        let items = ["a", "b c", "d"];
        assert_eq!(list(&items, ListStyle::Repeated), "ids=a&ids=b+c&ids=d");
        assert_eq!(list(&items, ListStyle::Comma), "ids=a,b+c,d");
        assert_eq!(list(&items, ListStyle::Space), "ids=a%20b+c%20d");
        assert_eq!(list(&items, ListStyle::Pipe), "ids=a|b+c|d");
        assert_eq!(list(&["x"], ListStyle::Pipe), "ids=x");
    }

    #[test]
    fn delimiters_inside_items_are_encoded() {
        assert_eq!(list(&["a,b", "c"], ListStyle::Comma), "ids=a%2Cb,c");
        assert_eq!(list(&["a|b", "c"], ListStyle::Pipe), "ids=a%7Cb|c");
        assert_eq!(list(&["a%20b"], ListStyle::Space), "ids=a%2520b");
    }

    #[test]
    fn empty_lists_are_not_sent() {
        for style in [
            ListStyle::Repeated,
            ListStyle::Comma,
            ListStyle::Space,
            ListStyle::Pipe,
        ] {
            assert_eq!(list(&[], style), "", "{style:?}");
        }
        assert_eq!(list(&[""], ListStyle::Comma), "ids=");
    }
}
}
pub mod retry {
//! When and how long to wait before repeating a request.
//!
//! Only requests that are safe to repeat are retried (the client decides that: GET, PUT,
//! DELETE, and POST/PATCH carrying an idempotency key when the API takes one), on HTTP 429, on 5xx other than
//! 501, and on transport failures (connection refused or reset, timeouts). The wait is
//! the server's `Retry-After` when it sends one (seconds or an HTTP date), else an
//! exponential backoff with jitter. A `Retry-After` longer than
//! [`RetryPolicy::max_retry_after`] ends the retries: the caller gets the error, which
//! carries the server's `Retry-After`.

use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

/// Retry settings of a client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retrying).
    pub max_retries: u32,
    /// Backoff before the first retry; it doubles for every retry after that.
    pub initial_backoff: Duration,
    /// Upper bound of the backoff (before jitter).
    pub max_backoff: Duration,
    /// The longest `Retry-After` the client waits for; a longer one ends the retries.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// How long to wait before retry number `retry` (0 for the first retry), given the
    /// server's `Retry-After` and a `jitter` in `[0, 1)`; `None` when the server asks for
    /// a longer wait than [`max_retry_after`](Self::max_retry_after).
    pub fn delay(
        &self,
        retry: u32,
        retry_after: Option<Duration>,
        jitter: f64,
    ) -> Option<Duration> {
        match retry_after {
            Some(wait) if wait > self.max_retry_after => None,
            Some(wait) => Some(wait),
            None => Some(self.backoff(retry, jitter)),
        }
    }

    /// Exponential backoff for retry number `retry`, capped at `max_backoff`, scaled by a
    /// factor in `[0.5, 1)` taken from `jitter` so that clients spread out.
    pub fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let exponential = self
            .initial_backoff
            .saturating_mul(1u32 << retry.min(20))
            .min(self.max_backoff);
        let jitter = if jitter.is_nan() {
            0.0
        } else {
            jitter.clamp(0.0, 1.0)
        };
        let factor = 0.5 + 0.5 * jitter;
        Duration::try_from_secs_f64(exponential.as_secs_f64() * factor).unwrap_or(exponential)
    }
}

/// Whether a response status is worth retrying: 429 and 5xx except 501 Not Implemented.
pub fn is_retryable_status(status: u16) -> bool {
    status == 429 || ((500..=599).contains(&status) && status != 501)
}

/// Parses a `Retry-After` value: delay seconds (an integer, or a decimal as some servers
/// send) or an HTTP date, which counts from `now` (a date in the past means no wait).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits to fit is still a number: a very long wait.
        return Some(value.parse().map_or(Duration::MAX, Duration::from_secs));
    }
    if value.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return value
            .parse::<f64>()
            .ok()
            .and_then(|secs| Duration::try_from_secs_f64(secs).ok());
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A number in `[0, 1)` that differs between calls and processes (no RNG dependency:
/// std's `RandomState` is randomly keyed per process and advances per instance).
pub fn jitter() -> f64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_retries: 5,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(1000),
            max_retry_after: Duration::from_secs(30),
        }
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let p = policy();
        let full = |retry| p.backoff(retry, 0.999_999_999);
        let half = |retry| p.backoff(retry, 0.0);
        assert_eq!(half(0), Duration::from_millis(50));
        assert_eq!(half(1), Duration::from_millis(100));
        assert_eq!(half(2), Duration::from_millis(200));
        assert_eq!(half(3), Duration::from_millis(400));
        assert_eq!(half(4), Duration::from_millis(500));
        assert_eq!(half(40), Duration::from_millis(500));
        assert!(full(0) <= Duration::from_millis(100) && full(0) > Duration::from_millis(99));
        assert!(full(9) <= Duration::from_millis(1000));
        // Out-of-range jitter is clamped, never panics.
        assert_eq!(p.backoff(0, f64::NAN), Duration::from_millis(50));
        assert_eq!(p.backoff(0, -1.0), Duration::from_millis(50));
        assert_eq!(p.backoff(0, 7.0), Duration::from_millis(100));
    }

    #[test]
    fn huge_backoff_settings_saturate() {
        let p = RetryPolicy {
            initial_backoff: Duration::MAX,
            max_backoff: Duration::MAX,
            ..policy()
        };
        assert!(p.backoff(31, 0.5) > Duration::from_secs(1 << 40));
        assert!(p.backoff(31, 1.0) > Duration::from_secs(1 << 40));
    }

    #[test]
    fn retry_after_wins_until_the_cap() {
        let p = policy();
        assert_eq!(p.delay(0, Some(Duration::ZERO), 0.3), Some(Duration::ZERO));
        assert_eq!(
            p.delay(3, Some(Duration::from_secs(30)), 0.3),
            Some(Duration::from_secs(30))
        );
        assert_eq!(p.delay(0, Some(Duration::from_secs(31)), 0.3), None);
        assert_eq!(p.delay(0, None, 0.0), Some(Duration::from_millis(50)));
    }

    #[test]
    fn retryable_statuses() {
        for s in [429, 500, 502, 503, 504, 599] {
            assert!(is_retryable_status(s), "{s}");
        }
        for s in [200, 204, 400, 401, 403, 404, 409, 422, 501, 600] {
            assert!(!is_retryable_status(s), "{s}");
        }
    }

    #[test]
    fn parses_retry_after_seconds() {
        let now = SystemTime::now();
        assert_eq!(parse_retry_after("0", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after(" 120 ", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("1.5", now),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            Some(Duration::MAX)
        );
        for bad in ["", " ", "-1", "abc", "1e3", "1..2", ".", "Wed, 99 Foo 2015"] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad:?}");
        }
    }

    #[test]
    fn parses_retry_after_http_dates() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        // RFC 850 and asctime forms are HTTP dates too.
        assert_eq!(
            parse_retry_after("Wednesday, 21-Oct-15 07:29:00 GMT", now),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            parse_retry_after("Wed Oct 21 07:28:05 2015", now),
            Some(Duration::from_secs(5))
        );
        // A date in the past: retry now.
        assert_eq!(
            parse_retry_after("Tue, 20 Oct 2015 07:28:00 GMT", now),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn jitter_is_in_range_and_varies() {
        let samples: Vec<f64> = (0..64).map(|_| jitter()).collect();
        assert!(samples.iter().all(|j| (0.0..1.0).contains(j)));
        assert!(samples.windows(2).any(|w| w[0] != w[1]));
    }
}
}
pub mod secret {
//! Keeping secrets out of `Debug` output and error messages.
//!
//! [`SecretString`] holds a credential (the API key) and prints as `[REDACTED]`.
//! [`excerpt`] and [`scrub`] clean server-provided text before it is stored in an error:
//! the values of JSON keys that look sensitive (`secret`, `password`, `token`, ...) and
//! every occurrence of a known secret (the client's own API key) are masked.

use std::fmt;

/// What a masked value is replaced with.
pub const REDACTED: &str = "[REDACTED]";

/// A string whose value never appears in `Debug` output; it has no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretString(Box<str>);

impl SecretString {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into().into_boxed_str())
    }

    /// The secret itself; keep it out of logs.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl From<String> for SecretString {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl From<&str> for SecretString {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

/// Words that mark a JSON key as holding a secret (matched case-insensitively as substrings).
const SENSITIVE_KEY_WORDS: &[&str] = &[
    "secret",
    "password",
    "token",
    "api_key",
    "apikey",
    "authorization",
    "private_key",
];

/// How much of a body is scanned for secrets before an excerpt is cut from it. Larger
/// than any excerpt, so a secret near the end of an excerpt is masked whole.
const SCAN_LIMIT: usize = 8 * 1024;

/// At most `max_chars` characters of `body` as text for an error message, with sensitive
/// values masked (see the module docs) and `…` appended when something was cut.
pub fn excerpt(body: &[u8], max_chars: usize, known_secrets: &[&str]) -> String {
    let window = &body[..body.len().min(SCAN_LIMIT)];
    let text = scrub(&String::from_utf8_lossy(window), known_secrets);
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None if window.len() < body.len() => format!("{text}…"),
        None => text,
    }
}

/// `text` with every known secret and the values of sensitive-looking JSON keys masked.
pub fn scrub(text: &str, known_secrets: &[&str]) -> String {
    let mut out = mask_sensitive_values(text);
    for secret in known_secrets {
        if !secret.is_empty() && out.contains(secret) {
            out = out.replace(secret, REDACTED);
        }
    }
    out
}

fn is_sensitive_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    SENSITIVE_KEY_WORDS.iter().any(|word| key.contains(word))
}

/// Index just past the JSON string starting with the quote at `start` (or `text.len()`
/// when the string is not terminated, as in a truncated body).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn skip_whitespace(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// Masks the value after every `"key":` whose key looks sensitive. Works on truncated and
/// invalid JSON; non-JSON text passes through unchanged.
fn mask_sensitive_values(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let key_end = string_end(bytes, i);
        let colon = skip_whitespace(bytes, key_end);
        // Indices below always sit on ASCII bytes or the end, so slicing is on char boundaries.
        if colon >= bytes.len()
            || bytes[colon] != b':'
            || !is_sensitive_key(&text[i + 1..key_end.saturating_sub(1).max(i + 1)])
        {
            i = key_end;
            continue;
        }
        let value_start = skip_whitespace(bytes, colon + 1);
        let (mask_from, mask_to, resume) =
            if value_start < bytes.len() && bytes[value_start] == b'"' {
                let end = string_end(bytes, value_start);
                let closed = end > value_start + 1 && bytes[end - 1] == b'"';
                let inner_end = if closed { end - 1 } else { end };
                (value_start + 1, inner_end, end)
            } else {
                let mut end = value_start;
                while end < bytes.len() && !matches!(bytes[end], b',' | b'}' | b']') {
                    end += 1;
                }
                (value_start, end, end)
            };
        if mask_to > mask_from {
            out.push_str(&text[copied..mask_from]);
            out.push_str(REDACTED);
            copied = mask_to;
        }
        i = resume.max(i + 1);
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_string_debug_is_redacted() {
        let key = SecretString::new("sk_live_abc");
        assert_eq!(format!("{key:?}"), "[REDACTED]");
        assert_eq!(format!("{:?}", Some(&key)), "Some([REDACTED])");
        assert_eq!(key.expose(), "sk_live_abc");
    }

    #[test]
    fn masks_sensitive_json_values() {
        let body = br#"{"id":"we_1","secret": "whsec_abc\"def","client_secret":null,"n":1}"#;
        let text = excerpt(body, 500, &[]);
        assert_eq!(
            text,
            r#"{"id":"we_1","secret": "[REDACTED]","client_secret":[REDACTED],"n":1}"#
        );
    }

    #[test]
    fn masks_value_cut_off_by_truncation() {
        let text = excerpt(
            br#"{"object":"webhook_endpoint","secret":"whsec_0FWA"#,
            500,
            &[],
        );
        assert_eq!(text, r#"{"object":"webhook_endpoint","secret":"[REDACTED]"#);
        assert!(!text.contains("whsec"));
    }

    #[test]
    fn masks_known_secrets_anywhere() {
        let text = excerpt(
            b"Invalid API key sk_test_123 provided",
            500,
            &["sk_test_123"],
        );
        assert_eq!(text, "Invalid API key [REDACTED] provided");
        assert_eq!(scrub("no secret", &[""]), "no secret");
    }

    #[test]
    fn cuts_to_max_chars_after_masking() {
        let text = excerpt("héllo wörld".as_bytes(), 4, &[]);
        assert_eq!(text, "héll…");
        let text = excerpt(br#"{"token":"abcdefghijkl"}"#, 14, &[]);
        assert_eq!(text, r#"{"token":"[RED…"#);
        let long = vec![b'x'; SCAN_LIMIT + 10];
        assert!(excerpt(&long, SCAN_LIMIT + 100, &[]).ends_with('…'));
    }

    #[test]
    fn survives_odd_input() {
        for input in [
            &b""[..],
            b"\"",
            b"\"secret\"",
            b"\"secret\":",
            b"\"secret\":\"",
            b"\"secret\" : \"\\",
            b"\xff\xfe\"pass\xffword\":1",
            b"<html>502 Bad Gateway</html>",
        ] {
            let _ = excerpt(input, 10, &["x"]);
        }
        assert_eq!(excerpt(b"\"secret\":\"\"", 100, &[]), "\"secret\":\"\"");
    }
}
}
pub mod timestamp {
//! `date-time` fields as `chrono::DateTime<Utc>`, read from any RFC 3339 timestamp (any offset,
//! as UTC) and written in one of two [`Format`]s, which the generator's settings choose per API:
//! [`auto`] writes what chrono's serde writes (`2026-01-15T12:00:00Z`), [`millis`] at least
//! milliseconds (`2026-01-15T12:00:00.000Z`), so an API that sends them round-trips byte for
//! byte. Finer precision, when present, is kept by both.
//!
//! Each format is a module for serde's `with` (`#[serde(with = "runtime::timestamp::millis")]`),
//! with `option` and `nullable` submodules, a [`Field`](millis::Field) newtype and a `Style` type
//! for types generic over the format ([`Style`]).

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// How timestamps are written (they are read from any RFC 3339 text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RFC 3339 in UTC with `Z`, with as many fractional digits as the value needs (none, 3, 6
    /// or 9): what chrono's serde writes.
    Auto,
    /// RFC 3339 in UTC with `Z` and at least milliseconds; more digits when the value has them.
    Millis,
}

impl Format {
    /// `value` written in this format.
    pub fn format(self, value: &DateTime<Utc>) -> String {
        let precision = match self {
            Self::Millis if value.timestamp_subsec_nanos() % 1_000_000 == 0 => {
                SecondsFormat::Millis
            }
            Self::Auto | Self::Millis => SecondsFormat::AutoSi,
        };
        value.to_rfc3339_opts(precision, true)
    }
}

/// A [`Format`] as a type, for types generic over how they write timestamps.
pub trait Style {
    const FORMAT: Format;
}

/// Accepts any RFC 3339 timestamp (any offset), as UTC.
fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    DateTime::<Utc>::deserialize(deserializer)
}

fn deserialize_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    Option::<DateTime<Utc>>::deserialize(deserializer)
}

fn serialize_option<S: Serializer>(
    format: Format,
    value: &Option<DateTime<Utc>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serializer.serialize_some(&format.format(value)),
        None => serializer.serialize_none(),
    }
}

/// The serde `with` modules of one format: `serialize`/`deserialize` for `DateTime<Utc>`,
/// `option` for `Option<DateTime<Utc>>`, `nullable` for optional and nullable fields
/// (`Option<Option<DateTime<Utc>>>`, see [`super::nullable`]), and `Field`, a timestamp that
/// serializes in this format (used to check spec examples).
macro_rules! format_module {
    ($format:ident) => {
        use chrono::{DateTime, Utc};
        use serde::{Deserializer, Serializer};

        /// This module's format.
        pub const FORMAT: super::Format = super::Format::$format;

        /// This module's format as a type.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct Style;

        impl super::Style for Style {
            const FORMAT: super::Format = FORMAT;
        }

        /// `value` in this module's format.
        pub fn format(value: &DateTime<Utc>) -> String {
            FORMAT.format(value)
        }

        pub fn serialize<S: Serializer>(
            value: &DateTime<Utc>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(&format(value))
        }

        /// Accepts any RFC 3339 timestamp (any offset), as UTC.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<DateTime<Utc>, D::Error> {
            super::deserialize(deserializer)
        }

        /// A timestamp serialized like a `date-time` field (used to check spec examples).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct Field(#[serde(with = "self")] pub DateTime<Utc>);

        /// The same for `Option<DateTime<Utc>>` fields.
        pub mod option {
            use chrono::{DateTime, Utc};
            use serde::{Deserializer, Serializer};

            pub fn serialize<S: Serializer>(
                value: &Option<DateTime<Utc>>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                super::super::serialize_option(super::FORMAT, value, serializer)
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Option<DateTime<Utc>>, D::Error> {
                super::super::deserialize_option(deserializer)
            }
        }

        /// The same for optional and nullable fields, `Option<Option<DateTime<Utc>>>`: absent
        /// is `None`, `null` is `Some(None)`.
        pub mod nullable {
            use chrono::{DateTime, Utc};
            use serde::{Deserializer, Serializer};

            pub fn serialize<S: Serializer>(
                value: &Option<Option<DateTime<Utc>>>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                super::super::serialize_option(super::FORMAT, &value.flatten(), serializer)
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Option<Option<DateTime<Utc>>>, D::Error> {
                super::super::deserialize_option(deserializer).map(Some)
            }
        }
    };
}

/// [`Format::Auto`]: `2026-01-15T12:00:00Z`, `2026-01-15T12:00:00.120Z`, as chrono's serde.
pub mod auto {
    format_module!(Auto);
}

/// [`Format::Millis`]: `2026-01-15T12:00:00.000Z`, `2026-01-15T12:00:00.123456Z`.
pub mod millis {
    format_module!(Millis);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize, serde::Deserialize)]
    struct Millis {
        #[serde(with = "super::millis")]
        at: DateTime<Utc>,
        #[serde(with = "super::millis::option", default)]
        maybe: Option<DateTime<Utc>>,
        #[serde(
            with = "super::millis::nullable",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        cleared: Option<Option<DateTime<Utc>>>,
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    struct Auto {
        #[serde(with = "super::auto")]
        at: DateTime<Utc>,
        #[serde(with = "super::auto::option", default)]
        maybe: Option<DateTime<Utc>>,
        #[serde(
            with = "super::auto::nullable",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        cleared: Option<Option<DateTime<Utc>>>,
    }

    /// chrono's own serde, for comparison.
    #[derive(serde::Serialize, serde::Deserialize)]
    struct Chrono {
        at: DateTime<Utc>,
        maybe: Option<DateTime<Utc>>,
    }

    fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(json: &str) -> String {
        let at: T = serde_json::from_str(json).unwrap();
        serde_json::to_string(&at).unwrap()
    }

    #[test]
    fn millisecond_timestamps_round_trip_exactly() {
        let json = r#"{"at":"2026-01-15T12:00:00.000Z","maybe":"2026-01-15T12:00:01.123Z"}"#;
        assert_eq!(round_trip::<Millis>(json), json);
    }

    #[test]
    fn auto_writes_what_chrono_writes() {
        for (sent, written) in [
            ("2026-01-15T12:00:00.000Z", "2026-01-15T12:00:00Z"),
            ("2026-01-15T12:00:00Z", "2026-01-15T12:00:00Z"),
            ("2026-01-15T12:00:00.5Z", "2026-01-15T12:00:00.500Z"),
            ("2026-01-15T12:00:00.123456Z", "2026-01-15T12:00:00.123456Z"),
            ("2026-01-15T13:00:00.1+01:00", "2026-01-15T12:00:00.100Z"),
        ] {
            let json = format!(r#"{{"at":"{sent}","maybe":null}}"#);
            let expected = format!(r#"{{"at":"{written}","maybe":null}}"#);
            assert_eq!(round_trip::<Auto>(&json), expected, "{sent}");
            assert_eq!(round_trip::<Chrono>(&json), expected, "{sent}");
        }
        let json = r#"{"at":"2026-01-15T12:00:00Z","maybe":"2026-01-15T12:00:01.250Z"}"#;
        assert_eq!(round_trip::<Auto>(json), json);
    }

    #[test]
    fn finer_precision_is_kept_and_offsets_become_utc() {
        let json = r#"{"at":"2026-01-15T13:00:00.123456+01:00","maybe":null}"#;
        assert_eq!(
            round_trip::<Millis>(json),
            r#"{"at":"2026-01-15T12:00:00.123456Z","maybe":null}"#
        );
    }

    #[test]
    fn a_nullable_timestamp_keeps_absent_and_null_apart() {
        let at = r#""at":"2026-01-15T12:00:00.000Z","maybe":null"#;
        for cleared in [
            "",
            r#","cleared":null"#,
            r#","cleared":"2026-01-15T12:00:01.000Z""#,
        ] {
            let json = format!("{{{at}{cleared}}}");
            assert_eq!(round_trip::<Millis>(&json), json);
            assert_eq!(round_trip::<Auto>(&json), json.replace(".000Z", "Z"));
        }
    }

    #[test]
    fn formats_as_values_and_as_types() {
        let at = DateTime::parse_from_rfc3339("2026-01-15T12:00:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(Format::Auto.format(&at), "2026-01-15T12:00:00Z");
        assert_eq!(millis::format(&at), "2026-01-15T12:00:00.000Z");
        assert_eq!(<auto::Style as Style>::FORMAT, Format::Auto);
        assert_eq!(<millis::Style as Style>::FORMAT, Format::Millis);
        let field: auto::Field = serde_json::from_str(r#""2026-01-15T12:00:00.000Z""#).unwrap();
        assert_eq!(
            serde_json::to_string(&field).unwrap(),
            r#""2026-01-15T12:00:00Z""#
        );
    }

    #[test]
    fn malformed_timestamps_are_errors() {
        assert!(serde_json::from_str::<Millis>(r#"{"at":"yesterday"}"#).is_err());
        assert!(serde_json::from_str::<Auto>(r#"{"at":"yesterday"}"#).is_err());
    }
}
}
pub mod union {
//! Reading tagged unions (a `oneOf` whose members differ in one `const` property): the tag
//! names the variant, which is then read once with its own errors ("missing field `x`"), and a
//! tag this version of the crate does not know is kept as JSON instead of failing. serde's
//! internally tagged enums neither keep unknown tags nor report a known variant's errors once
//! an untagged fallback variant exists, hence this.

use serde::de::{DeserializeOwned, Error};
use serde_json::Value;

/// The tag of a union's value: the string in `property`.
pub fn tag<'v, E: Error>(value: &'v Value, property: &str, union: &str) -> Result<&'v str, E> {
    match value {
        Value::Object(map) => match map.get(property) {
            Some(Value::String(tag)) => Ok(tag),
            Some(other) => Err(E::custom(format_args!(
                "invalid {union}: `{property}` must be a string, found {}",
                kind(other)
            ))),
            None => Err(E::custom(format_args!(
                "invalid {union}: missing field `{property}`"
            ))),
        },
        other => Err(E::custom(format_args!(
            "invalid {union}: expected an object, found {}",
            kind(other)
        ))),
    }
}

/// The variant named by `tag`, read from the whole value.
pub fn variant<T: DeserializeOwned, E: Error>(
    value: Value,
    union: &str,
    tag: &str,
) -> Result<T, E> {
    T::deserialize(value).map_err(|err| E::custom(format_args!("invalid {union} `{tag}`: {err}")))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Deserializer, Serialize};
    use serde_json::{Value, json};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "type", rename = "organization")]
    struct Organization {
        id: String,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "type", rename = "user")]
    struct User {
        id: String,
        organization_id: String,
    }

    /// What the generator emits for a tagged union.
    #[derive(Debug, PartialEq, Serialize)]
    #[serde(untagged)]
    enum Owner {
        Organization(Organization),
        User(User),
        Unknown(Value),
    }

    impl<'de> Deserialize<'de> for Owner {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let value = Value::deserialize(deserializer)?;
            Ok(match super::tag(&value, "type", "Owner")? {
                "organization" => {
                    Owner::Organization(super::variant(value, "Owner", "organization")?)
                }
                "user" => Owner::User(super::variant(value, "Owner", "user")?),
                _ => Owner::Unknown(value),
            })
        }
    }

    fn parse(value: Value) -> Result<Owner, String> {
        serde_json::from_value(value).map_err(|e| e.to_string())
    }

    #[test]
    fn the_tag_picks_the_variant_and_round_trips() {
        let json = json!({"type": "user", "id": "u", "organization_id": "o"});
        let owner = parse(json.clone()).unwrap();
        assert_eq!(
            owner,
            Owner::User(User {
                id: "u".into(),
                organization_id: "o".into()
            })
        );
        assert_eq!(serde_json::to_value(&owner).unwrap(), json);
    }

    #[test]
    fn a_known_tag_with_a_bad_body_is_that_variants_error() {
        let err = parse(json!({"type": "user", "id": "u"})).unwrap_err();
        assert_eq!(err, "invalid Owner `user`: missing field `organization_id`");
    }

    #[test]
    fn an_unknown_tag_is_kept_as_sent() {
        let json = json!({"type": "robot", "serial": 7});
        let owner = parse(json.clone()).unwrap();
        assert_eq!(owner, Owner::Unknown(json.clone()));
        assert_eq!(serde_json::to_value(&owner).unwrap(), json);
    }

    #[test]
    fn a_missing_or_mistyped_tag_is_an_error() {
        assert_eq!(
            parse(json!({"id": "u"})).unwrap_err(),
            "invalid Owner: missing field `type`"
        );
        assert_eq!(
            parse(json!({"type": 3})).unwrap_err(),
            "invalid Owner: `type` must be a string, found a number"
        );
        assert_eq!(
            parse(json!(["user"])).unwrap_err(),
            "invalid Owner: expected an object, found an array"
        );
    }
}
}
pub mod webhook {
//! Receiving webhooks: checking the signature header of a delivery and parsing the verified
//! body into a typed [`Event`].
//!
//! The API signs every delivery with the endpoint's secret, as its [`Scheme`] says (the
//! generator's settings give it; the generated `webhook` module has it as `SCHEME`, with
//! `SIGNATURE_HEADER`, `Verifier::new` and `sign`). The header looks like
//! `t=1700000000000, v1=<hex>`, where `t` (the scheme's [`timestamp`](Scheme::timestamp) key) is
//! the send time in Unix milliseconds or seconds and `v1` (its [`signature`](Scheme::signature)
//! key) is the lowercase hex HMAC-SHA256, keyed with the secret, of `"<t>.<raw body>"`.
//! [`Verifier`] checks that signature in constant time and rejects deliveries whose timestamp is
//! further than a tolerance ([`DEFAULT_TOLERANCE`], 180 s) from the current time, in either
//! direction. Every reason for rejection is its own [`VerifyError`] variant.
//!
//! Always verify the raw bytes of the body exactly as received, before any JSON parsing:
//! re-serialized JSON does not carry the same signature.
//!
//! [`Scheme::sign`] produces the header value a real delivery would carry, to test a receiver
//! locally.
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use workos_webhooks::runtime::webhook::{Event, Scheme, TimeUnit, Verifier};
//!
//! const SCHEME: Scheme = Scheme {
//!     header: "Example-Signature",
//!     timestamp: "t",
//!     signature: "v1",
//!     unit: TimeUnit::Millis,
//! };
//! let body = br#"{"id":"event_01","event":"user.created","data":{},"created_at":"2026-01-15T12:00:00.000Z"}"#;
//! let header = SCHEME.sign("whsec_test", SystemTime::now(), body);
//!
//! let verifier = Verifier::with_scheme(SCHEME, "whsec_test")?.with_tolerance(Duration::from_secs(60));
//! let event: Event<String> = verifier.verify_and_parse(Some(header.as_str()), body)?;
//! assert_eq!(event.event, "user.created");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use serde::de::DeserializeOwned;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::Sha256;

use super::timestamp::{self, Style};

/// How far a delivery's timestamp may be from the current time, in the past or the future,
/// unless [`Verifier::with_tolerance`] says otherwise.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(180);

/// How an API signs its webhook deliveries: the header, and the two parts of its value,
/// `<timestamp>=<signing time>, <signature>=<lowercase hex HMAC-SHA256 of "<signing time>.<raw
/// body>">`, keyed with the endpoint's secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scheme {
    /// The HTTP header carrying the signature.
    pub header: &'static str,
    /// The key of the signing time's part (`t`).
    pub timestamp: &'static str,
    /// The key of the signature's part (`v1`).
    pub signature: &'static str,
    /// The unit of the signing time, since the Unix epoch.
    pub unit: TimeUnit,
}

/// The unit of a [`Scheme`]'s signing time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    Seconds,
    Millis,
}

impl TimeUnit {
    fn duration(self, count: u64) -> Duration {
        match self {
            Self::Seconds => Duration::from_secs(count),
            Self::Millis => Duration::from_millis(count),
        }
    }

    fn count(self, since_epoch: Duration) -> u64 {
        let count = match self {
            Self::Seconds => u128::from(since_epoch.as_secs()),
            Self::Millis => since_epoch.as_millis(),
        };
        u64::try_from(count).unwrap_or(u64::MAX)
    }
}

impl Scheme {
    /// The header value the API would send with `body` signed with `secret` at `timestamp`:
    /// `t=<time>, v1=<hex>`. For testing receivers.
    ///
    /// Times before the Unix epoch are signed as `t=0`; finer parts than the scheme's unit are
    /// truncated.
    pub fn sign(&self, secret: impl AsRef<[u8]>, timestamp: SystemTime, body: &[u8]) -> String {
        let count = timestamp
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| self.unit.count(since));
        self.sign_at(secret, count, body)
    }

    /// Like [`sign`](Self::sign), with the timestamp given as a number in the scheme's unit.
    pub fn sign_at(&self, secret: impl AsRef<[u8]>, timestamp: u64, body: &[u8]) -> String {
        let timestamp = timestamp.to_string();
        let mut mac = keyed_mac(secret.as_ref());
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        let digest = mac.finalize().into_bytes();

        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut header = String::with_capacity(
            self.timestamp.len() + timestamp.len() + self.signature.len() + 4 + SIGNATURE_HEX_LEN,
        );
        for part in [self.timestamp, "=", &timestamp, ", ", self.signature, "="] {
            header.push_str(part);
        }
        for byte in digest {
            header.push(char::from(HEX[usize::from(byte >> 4)]));
            header.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
        header
    }
}

type HmacSha256 = Hmac<Sha256>;

/// Length in hex digits of a signature (32 bytes of HMAC-SHA256).
const SIGNATURE_HEX_LEN: usize = 64;

/// Longest scheme name quoted back in [`VerifyError::UnsupportedScheme`]; the header is
/// attacker-controlled, so errors do not echo it at arbitrary length.
const MAX_QUOTED_SCHEME: usize = 32;

type ClockFn = dyn Fn() -> SystemTime + Send + Sync;

/// Checks the signatures of webhook deliveries made with one endpoint secret.
///
/// The secret never appears in the `Debug` output of a `Verifier` or in any error.
/// Cloning is cheap enough to do per request, but a `Verifier` is also `Send + Sync`, so one
/// instance can be shared.
#[derive(Clone)]
pub struct Verifier {
    scheme: Scheme,
    /// HMAC-SHA256 already keyed with the secret; cloned for each delivery.
    mac: HmacSha256,
    tolerance: Duration,
    /// `None` means [`SystemTime::now`].
    clock: Option<Arc<ClockFn>>,
}

impl Verifier {
    /// A verifier for deliveries signed as `scheme` says with `secret` (the endpoint's secret
    /// as the API shows it, used as is: its UTF-8 bytes are the HMAC key).
    ///
    /// An empty secret is refused: it is always a configuration mistake (an unset environment
    /// variable, say), and anybody could forge signatures made with it.
    pub fn with_scheme(scheme: Scheme, secret: impl AsRef<[u8]>) -> Result<Self, EmptySecretError> {
        let secret = secret.as_ref();
        if secret.is_empty() {
            return Err(EmptySecretError);
        }
        Ok(Self {
            scheme,
            mac: keyed_mac(secret),
            tolerance: DEFAULT_TOLERANCE,
            clock: None,
        })
    }
    /// Accept timestamps at most `tolerance` away from the current time (both ways). A
    /// timestamp exactly `tolerance` away is accepted.
    #[must_use]
    pub fn with_tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Read the current time from `clock` instead of [`SystemTime::now`] (for tests).
    #[must_use]
    pub fn with_clock(mut self, clock: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }

    /// The tolerance in use.
    pub fn tolerance(&self) -> Duration {
        self.tolerance
    }

    /// The scheme deliveries are checked against.
    pub fn scheme(&self) -> &Scheme {
        &self.scheme
    }

    /// Checks that `body` (the raw request body) was signed with this verifier's secret, as
    /// `header` (the value of the scheme's [`header`](Scheme::header), `None` if absent) says, and
    /// that the signing time is within the tolerance.
    ///
    /// The header is checked first, then the signature, then the timestamp: a
    /// [`VerifyError::TimestampTooOld`] or [`VerifyError::TimestampTooNew`] is only reported
    /// for a delivery that was really signed with the secret (a replay or a skewed clock).
    pub fn verify<'h>(
        &self,
        header: impl Into<Option<&'h str>>,
        body: &[u8],
    ) -> Result<(), VerifyError> {
        let header = ParsedHeader::parse(&self.scheme, header.into())?;
        let mut mac = self.mac.clone();
        mac.update(header.timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        // `verify_slice` compares in constant time.
        mac.verify_slice(&header.signature)
            .map_err(|_| VerifyError::SignatureMismatch)?;
        self.check_freshness(header.sent_at)
    }

    /// [`verify`](Self::verify)s the delivery, then parses the body as an [`Event`]. The body
    /// is not parsed at all unless the signature and timestamp are good.
    pub fn verify_and_parse<'h, K: DeserializeOwned, S: Style>(
        &self,
        header: impl Into<Option<&'h str>>,
        body: &[u8],
    ) -> Result<Event<K, S>, VerifyError> {
        self.verify(header, body)?;
        serde_json::from_slice(body).map_err(VerifyError::Parse)
    }

    fn now(&self) -> SystemTime {
        match &self.clock {
            Some(clock) => clock(),
            None => SystemTime::now(),
        }
    }

    fn check_freshness(&self, sent_at: SystemTime) -> Result<(), VerifyError> {
        let tolerance = self.tolerance;
        match self.now().duration_since(sent_at) {
            Ok(age) if age > tolerance => Err(VerifyError::TimestampTooOld { age, tolerance }),
            Ok(_) => Ok(()),
            Err(ahead) if ahead.duration() > tolerance => Err(VerifyError::TimestampTooNew {
                ahead: ahead.duration(),
                tolerance,
            }),
            Err(_) => Ok(()),
        }
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("scheme", &self.scheme)
            .field("secret", &"<redacted>")
            .field("tolerance", &self.tolerance)
            .field(
                "clock",
                &if self.clock.is_some() {
                    "<custom>"
                } else {
                    "SystemTime::now"
                },
            )
            .finish()
    }
}

/// [`Verifier::new`] was given an empty secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the webhook secret is empty")]
pub struct EmptySecretError;

/// Why a delivery was rejected. No variant carries or prints the secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The signature header is absent, empty or only whitespace.
    #[error("the signature header is missing or empty")]
    MissingHeader,
    /// The header is not a comma-separated list of `key=value` parts (keys of ASCII letters,
    /// digits, `_` or `-`; values non-empty, without ASCII whitespace or `=`).
    #[error(
        "the signature header is malformed (expected `<time key>=<time>, <signature key>=<hex>`)"
    )]
    MalformedHeader,
    /// The header has no timestamp part (`t=`).
    #[error("the signature header has no timestamp")]
    MissingTimestamp,
    /// The header has no signature part (`v1=`).
    #[error("the signature header has no signature")]
    MissingSignature,
    /// A part (the timestamp or the signature) appears more than once.
    #[error("the signature header has more than one `{part}=` part")]
    DuplicatePart {
        /// The part's key (the scheme's `timestamp` or `signature`, e.g. `"t"` or `"v1"`).
        part: &'static str,
    },
    /// The header has a part other than the timestamp and the signature (another signature
    /// scheme such as `v0` or `v2`, or anything else). Such headers are refused rather than
    /// partly checked.
    #[error("the signature header has an unsupported part `{scheme}=`")]
    UnsupportedScheme {
        /// The part's key, shortened if long.
        scheme: String,
    },
    /// The timestamp is not a plain decimal number.
    #[error("the timestamp in the signature header is not a decimal number")]
    TimestampNotNumeric,
    /// The timestamp is a number too large to be a time.
    #[error("the timestamp in the signature header is out of range")]
    TimestampOutOfRange,
    /// The signature does not have 64 hex digits.
    #[error("the signature has {len} characters instead of {SIGNATURE_HEX_LEN}")]
    SignatureWrongLength {
        /// Length of the received signature, in bytes.
        len: usize,
    },
    /// The signature has the right length but is not lowercase hex.
    #[error("the signature is not lowercase hex")]
    SignatureNotHex,
    /// The signature does not match the body and timestamp: the body or timestamp was changed,
    /// or the delivery was signed with another secret.
    #[error("the signature does not match the body (wrong secret or altered delivery)")]
    SignatureMismatch,
    /// The delivery is correctly signed but older than the tolerance allows.
    #[error("the delivery was signed {age:?} ago, more than the tolerance of {tolerance:?}")]
    TimestampTooOld {
        /// How long ago it was signed.
        age: Duration,
        /// The verifier's tolerance.
        tolerance: Duration,
    },
    /// The delivery is correctly signed but its timestamp is further in the future than the
    /// tolerance allows.
    #[error(
        "the delivery's timestamp is {ahead:?} in the future, more than the tolerance of {tolerance:?}"
    )]
    TimestampTooNew {
        /// How far in the future the timestamp is.
        ahead: Duration,
        /// The verifier's tolerance.
        tolerance: Duration,
    },
    /// The delivery is authentic but its body is not a valid event.
    #[error("the verified body is not a valid webhook event: {0}")]
    Parse(#[source] serde_json::Error),
}

/// The parts of a well-formed signature header.
struct ParsedHeader<'h> {
    /// The `t` value exactly as received: it is what was signed.
    timestamp: &'h str,
    sent_at: SystemTime,
    signature: [u8; SIGNATURE_HEX_LEN / 2],
}

impl<'h> ParsedHeader<'h> {
    fn parse(scheme: &Scheme, header: Option<&'h str>) -> Result<Self, VerifyError> {
        let header = header
            .map(str::trim_ascii)
            .filter(|h| !h.is_empty())
            .ok_or(VerifyError::MissingHeader)?;

        let mut timestamp = None;
        let mut signature = None;
        for part in header.split(',') {
            let (key, value) = part
                .trim_ascii()
                .split_once('=')
                .ok_or(VerifyError::MalformedHeader)?;
            let key_ok = !key.is_empty()
                && key
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
            let value_ok =
                !value.is_empty() && !value.bytes().any(|b| b == b'=' || b.is_ascii_whitespace());
            if !key_ok || !value_ok {
                return Err(VerifyError::MalformedHeader);
            }
            let (slot, part) = if key == scheme.timestamp {
                (&mut timestamp, scheme.timestamp)
            } else if key == scheme.signature {
                (&mut signature, scheme.signature)
            } else {
                return Err(VerifyError::UnsupportedScheme {
                    scheme: key.chars().take(MAX_QUOTED_SCHEME).collect(),
                });
            };
            if slot.replace(value).is_some() {
                return Err(VerifyError::DuplicatePart { part });
            }
        }
        let timestamp = timestamp.ok_or(VerifyError::MissingTimestamp)?;
        let signature = signature.ok_or(VerifyError::MissingSignature)?;

        if !timestamp.bytes().all(|b| b.is_ascii_digit()) {
            return Err(VerifyError::TimestampNotNumeric);
        }
        // Only digits are left, so parsing can only fail by overflowing.
        let count: u64 = timestamp
            .parse()
            .map_err(|_| VerifyError::TimestampOutOfRange)?;
        let sent_at = UNIX_EPOCH
            .checked_add(scheme.unit.duration(count))
            .ok_or(VerifyError::TimestampOutOfRange)?;

        Ok(Self {
            timestamp,
            sent_at,
            signature: decode_signature(signature)?,
        })
    }
}

fn decode_signature(hex: &str) -> Result<[u8; SIGNATURE_HEX_LEN / 2], VerifyError> {
    if hex.len() != SIGNATURE_HEX_LEN {
        return Err(VerifyError::SignatureWrongLength { len: hex.len() });
    }
    fn nibble(digit: u8) -> Option<u8> {
        match digit {
            b'0'..=b'9' => Some(digit - b'0'),
            b'a'..=b'f' => Some(digit - b'a' + 10),
            _ => None,
        }
    }
    let mut out = [0; SIGNATURE_HEX_LEN / 2];
    for (byte, pair) in out.iter_mut().zip(hex.as_bytes().chunks_exact(2)) {
        match (nibble(pair[0]), nibble(pair[1])) {
            (Some(high), Some(low)) => *byte = high << 4 | low,
            _ => return Err(VerifyError::SignatureNotHex),
        }
    }
    Ok(out)
}

fn keyed_mac(secret: &[u8]) -> HmacSha256 {
    HmacSha256::new_from_slice(secret).expect("HMAC takes keys of any length")
}

/// A webhook event, generic over the enum of event names `K` and the [`Style`] its
/// `created_at` is written in (the generated `Event` alias passes the API's).
///
/// Deserializes payloads with or without `"object": "event"` (any other `object` is an
/// error); serializes with `"object": "event"` and `created_at` in RFC 3339 UTC as `S` says, so
/// a payload round-trips.
#[derive(Clone, Debug, PartialEq)]
pub struct Event<K, S = timestamp::auto::Style> {
    /// Unique id of the event (`event_...`); use it to ignore redeliveries.
    pub id: String,
    /// What happened, such as `user.created`.
    pub event: K,
    /// The event's payload; its shape depends on `event`.
    pub data: serde_json::Value,
    /// When the event happened.
    pub created_at: DateTime<Utc>,
    /// Extra context the API attaches to some events.
    pub context: Option<serde_json::Value>,
    /// Top-level fields this version does not know, kept so that re-serializing round-trips.
    pub extra: serde_json::Map<String, serde_json::Value>,
    style: PhantomData<fn() -> S>,
}

/// Top-level keys [`Event`] serializes itself; `extra` entries with these keys are skipped.
const EVENT_KEYS: [&str; 6] = ["object", "id", "event", "data", "created_at", "context"];

impl<K: Serialize, T: Style> Serialize for Event<K, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let extra = || {
            self.extra
                .iter()
                .filter(|(key, _)| !EVENT_KEYS.contains(&key.as_str()))
        };
        let len = 5 + usize::from(self.context.is_some()) + extra().count();
        let mut map = serializer.serialize_map(Some(len))?;
        map.serialize_entry("object", "event")?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("event", &self.event)?;
        map.serialize_entry("data", &self.data)?;
        map.serialize_entry("created_at", &T::FORMAT.format(&self.created_at))?;
        if let Some(context) = &self.context {
            map.serialize_entry("context", context)?;
        }
        for (key, value) in extra() {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de, K: Deserialize<'de>, S> Deserialize<'de> for Event<K, S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// The only accepted value of `object`.
        #[derive(Deserialize)]
        enum ObjectTag {
            #[serde(rename = "event")]
            Event,
        }

        #[derive(Deserialize)]
        struct Wire<K> {
            #[serde(rename = "object", default)]
            _object: Option<ObjectTag>,
            id: String,
            event: K,
            data: serde_json::Value,
            created_at: DateTime<Utc>,
            #[serde(default)]
            context: Option<serde_json::Value>,
            #[serde(flatten)]
            extra: serde_json::Map<String, serde_json::Value>,
        }

        let wire = Wire::<K>::deserialize(deserializer)?;
        Ok(Self {
            id: wire.id,
            event: wire.event,
            data: wire.data,
            created_at: wire.created_at,
            context: wire.context,
            extra: wire.extra,
            style: PhantomData,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::json;

    /// Signing times in milliseconds, as `t=<ms>, v1=<hex>`.
    const SCHEME: Scheme = Scheme {
        header: "Test-Signature",
        timestamp: "t",
        signature: "v1",
        unit: TimeUnit::Millis,
    };

    /// An event that writes `created_at` with milliseconds.
    type MillisEvent = Event<TestEvent, timestamp::millis::Style>;

    fn new_verifier(secret: impl AsRef<[u8]>) -> Result<Verifier, EmptySecretError> {
        Verifier::with_scheme(SCHEME, secret)
    }

    fn sign(secret: impl AsRef<[u8]>, timestamp: SystemTime, body: &[u8]) -> String {
        SCHEME.sign(secret, timestamp, body)
    }

    fn sign_millis(secret: impl AsRef<[u8]>, timestamp_ms: u64, body: &[u8]) -> String {
        SCHEME.sign_at(secret, timestamp_ms, body)
    }

    const SECRET: &str = "whsec_SUPER-secret-value-9f8e7d";
    /// 2023-11-14T22:13:20Z, the time of the known test vector.
    const T: u64 = 1_700_000_000_000;
    const BODY: &[u8] = br#"{"id":"event_01","event":"user.created","data":{"id":"user_01"},"created_at":"2026-01-15T12:00:00.000Z"}"#;

    /// Stand-in for the generated open enum of event names.
    #[derive(Clone, Debug, PartialEq, Eq)]
    enum TestEvent {
        UserCreated,
        Unknown(String),
    }

    impl Serialize for TestEvent {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(match self {
                Self::UserCreated => "user.created",
                Self::Unknown(name) => name,
            })
        }
    }

    impl<'de> Deserialize<'de> for TestEvent {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let name = String::deserialize(deserializer)?;
            Ok(match name.as_str() {
                "user.created" => Self::UserCreated,
                _ => Self::Unknown(name),
            })
        }
    }

    fn time(millis: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(millis)
    }

    /// A verifier for [`SECRET`] whose clock reads `now`.
    fn verifier_at(now: SystemTime) -> Verifier {
        new_verifier(SECRET).unwrap().with_clock(move || now)
    }

    fn verify_at_t(header: &str) -> Result<(), VerifyError> {
        verifier_at(time(T)).verify(header, BODY)
    }

    /// A well-formed header for [`BODY`] at [`T`], split into its two values.
    fn good_parts() -> (String, String) {
        let header = sign_millis(SECRET, T, BODY);
        let (t, v1) = header.split_once(", ").unwrap();
        (
            t.strip_prefix("t=").unwrap().to_owned(),
            v1.strip_prefix("v1=").unwrap().to_owned(),
        )
    }

    #[test]
    fn known_vector() {
        let header = sign_millis("secret", 1_700_000_000_000, b"body");
        assert_eq!(
            header,
            "t=1700000000000, v1=32850522003ebbce01a416e5d5df8ec8354a96e921cac7d0ebbaeef5732bdaea"
        );
        let verifier = new_verifier("secret")
            .unwrap()
            .with_clock(|| time(1_700_000_000_000));
        verifier.verify(header.as_str(), b"body").unwrap();
    }

    #[test]
    fn sign_with_system_time_matches_millis() {
        assert_eq!(sign(SECRET, time(T), BODY), sign_millis(SECRET, T, BODY));
        // Sub-millisecond parts are truncated: the scheme signs milliseconds.
        assert_eq!(
            sign(SECRET, time(T) + Duration::from_micros(999), BODY),
            sign_millis(SECRET, T, BODY)
        );
        assert_eq!(
            sign(SECRET, UNIX_EPOCH - Duration::from_secs(1), BODY),
            sign_millis(SECRET, 0, BODY)
        );
    }

    #[test]
    fn signed_payload_round_trips() {
        let now = SystemTime::now();
        let header = sign(SECRET, now, BODY);
        new_verifier(SECRET)
            .unwrap()
            .verify(Some(header.as_str()), BODY)
            .unwrap();

        let event: Event<TestEvent> = verifier_at(now)
            .verify_and_parse(header.as_str(), BODY)
            .unwrap();
        assert_eq!(event.id, "event_01");
        assert_eq!(event.event, TestEvent::UserCreated);
        assert_eq!(event.data, json!({"id": "user_01"}));
    }

    #[test]
    fn header_spacing_is_flexible() {
        let (t, v1) = good_parts();
        verify_at_t(&format!("t={t},v1={v1}")).unwrap();
        verify_at_t(&format!("  v1={v1} ,\tt={t}  ")).unwrap();
    }

    #[test]
    fn empty_secret_is_refused() {
        assert_eq!(new_verifier("").unwrap_err(), EmptySecretError);
        assert_eq!(
            new_verifier(Vec::<u8>::new()).unwrap_err(),
            EmptySecretError
        );
        assert!(new_verifier(" ").is_ok());
    }

    #[test]
    fn rejects_missing_header() {
        let verifier = verifier_at(time(T));
        assert!(matches!(
            verifier.verify(None, BODY),
            Err(VerifyError::MissingHeader)
        ));
        for header in ["", "   ", "\t"] {
            assert!(
                matches!(
                    verifier.verify(header, BODY),
                    Err(VerifyError::MissingHeader)
                ),
                "{header:?}"
            );
        }
    }

    #[test]
    fn rejects_malformed_header() {
        let (t, v1) = good_parts();
        for header in [
            "garbage".to_owned(),
            format!("t={t}; v1={v1}"),
            format!("t={t},,v1={v1}"),
            format!("t={t}, v1={v1},"),
            format!("=x, t={t}, v1={v1}"),
            format!("t ={t}, v1={v1}"),
            format!("t=, t={t}, v1={v1}"),
            format!("t={t}, v1="),
            format!("t= {t}, v1={v1}"),
            format!("t={t}, v1={v1}=="),
            format!("t={t} v1={v1}"),
        ] {
            assert!(
                matches!(verify_at_t(&header), Err(VerifyError::MalformedHeader)),
                "{header:?}: {:?}",
                verify_at_t(&header)
            );
        }
    }

    #[test]
    fn rejects_missing_timestamp() {
        let (_, v1) = good_parts();
        assert!(matches!(
            verify_at_t(&format!("v1={v1}")),
            Err(VerifyError::MissingTimestamp)
        ));
    }

    #[test]
    fn rejects_missing_signature() {
        let (t, _) = good_parts();
        assert!(matches!(
            verify_at_t(&format!("t={t}")),
            Err(VerifyError::MissingSignature)
        ));
    }

    #[test]
    fn rejects_duplicate_timestamp() {
        let (t, v1) = good_parts();
        // Even when both copies are identical and the signature is right.
        assert!(matches!(
            verify_at_t(&format!("t={t}, t={t}, v1={v1}")),
            Err(VerifyError::DuplicatePart { part: "t" })
        ));
    }

    #[test]
    fn rejects_duplicate_signature() {
        let (t, v1) = good_parts();
        let other = "0".repeat(SIGNATURE_HEX_LEN);
        for header in [
            format!("t={t}, v1={v1}, v1={v1}"),
            format!("t={t}, v1={other}, v1={v1}"),
            format!("t={t}, v1={v1}, v1={other}"),
        ] {
            assert!(
                matches!(
                    verify_at_t(&header),
                    Err(VerifyError::DuplicatePart { part: "v1" })
                ),
                "{header:?}"
            );
        }
    }

    #[test]
    fn rejects_unknown_scheme_next_to_valid_v1() {
        let (t, v1) = good_parts();
        for (header, scheme) in [
            (format!("t={t}, v0={v1}, v1={v1}"), "v0"),
            (format!("t={t}, v1={v1}, v2={v1}"), "v2"),
            (format!("t={t}, v1={v1}, v0=deadbeef"), "v0"),
            (format!("t={t}, V1={v1}"), "V1"),
            (format!("t={t}, v1={v1}, foo=bar"), "foo"),
        ] {
            match verify_at_t(&header) {
                Err(VerifyError::UnsupportedScheme { scheme: got }) => {
                    assert_eq!(got, scheme, "{header:?}")
                }
                other => panic!("{header:?}: {other:?}"),
            }
        }
        // Without the extra part, the same header is good.
        verify_at_t(&format!("t={t}, v1={v1}")).unwrap();
    }

    #[test]
    fn unknown_scheme_is_quoted_shortened() {
        let (t, v1) = good_parts();
        let long = "x".repeat(1000);
        match verify_at_t(&format!("t={t}, v1={v1}, {long}=1")) {
            Err(VerifyError::UnsupportedScheme { scheme }) => {
                assert_eq!(scheme, "x".repeat(MAX_QUOTED_SCHEME))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rejects_non_numeric_timestamp() {
        let (_, v1) = good_parts();
        for t in [
            "abc",
            "-1",
            "+1700000000000",
            "1700000000000.0",
            "1.7e12",
            "0x10",
            "١٢",
        ] {
            assert!(
                matches!(
                    verify_at_t(&format!("t={t}, v1={v1}")),
                    Err(VerifyError::TimestampNotNumeric)
                ),
                "{t:?}"
            );
        }
    }

    #[test]
    fn rejects_overflowing_timestamp() {
        let (_, v1) = good_parts();
        for t in ["18446744073709551616", "99999999999999999999999999999"] {
            assert!(
                matches!(
                    verify_at_t(&format!("t={t}, v1={v1}")),
                    Err(VerifyError::TimestampOutOfRange)
                ),
                "{t:?}"
            );
        }
        // The largest u64 still parses; it is then merely far in the future.
        let t = u64::MAX;
        let header = sign_millis(SECRET, t, BODY);
        assert!(matches!(
            verify_at_t(&header),
            Err(VerifyError::TimestampTooNew { .. })
        ));
    }

    #[test]
    fn rejects_signature_of_wrong_length() {
        let (t, v1) = good_parts();
        for (sig, len) in [
            (v1[..63].to_owned(), 63),
            (format!("{v1}0"), 65),
            (v1[..32].to_owned(), 32),
            (format!("{v1}{v1}"), 128),
        ] {
            match verify_at_t(&format!("t={t}, v1={sig}")) {
                Err(VerifyError::SignatureWrongLength { len: got }) => assert_eq!(got, len),
                other => panic!("{sig:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn rejects_signature_that_is_not_lowercase_hex() {
        let (t, v1) = good_parts();
        let mut non_hex = v1.clone();
        non_hex.replace_range(10..11, "g");
        // 62 hex digits and one two-byte character: 64 bytes, right length, not hex.
        let non_ascii = format!("{}é", &v1[..62]);
        assert_eq!(non_ascii.len(), SIGNATURE_HEX_LEN);
        for sig in [non_hex, v1.to_uppercase(), non_ascii, "_".repeat(64)] {
            assert!(
                matches!(
                    verify_at_t(&format!("t={t}, v1={sig}")),
                    Err(VerifyError::SignatureNotHex)
                ),
                "{sig:?}"
            );
        }
    }

    #[test]
    fn rejects_body_changed_by_one_byte() {
        let header = sign_millis(SECRET, T, BODY);
        verify_at_t(&header).unwrap();
        let verifier = verifier_at(time(T));
        for i in [0, BODY.len() / 2, BODY.len() - 1] {
            let mut body = BODY.to_vec();
            body[i] ^= 0x01;
            assert!(
                matches!(
                    verifier.verify(header.as_str(), &body),
                    Err(VerifyError::SignatureMismatch)
                ),
                "byte {i}"
            );
        }
        let mut longer = BODY.to_vec();
        longer.push(b' ');
        assert!(matches!(
            verifier.verify(header.as_str(), &longer),
            Err(VerifyError::SignatureMismatch)
        ));
        assert!(matches!(
            verifier.verify(header.as_str(), &BODY[..BODY.len() - 1]),
            Err(VerifyError::SignatureMismatch)
        ));
    }

    #[test]
    fn rejects_other_secret() {
        let header = sign_millis("whsec_another-endpoint", T, BODY);
        assert!(matches!(
            verify_at_t(&header),
            Err(VerifyError::SignatureMismatch)
        ));
    }

    #[test]
    fn rejects_signature_flipped_in_one_bit() {
        let (t, v1) = good_parts();
        let mut sig = v1.into_bytes();
        sig[63] = if sig[63] == b'0' { b'1' } else { b'0' };
        let sig = String::from_utf8(sig).unwrap();
        assert!(matches!(
            verify_at_t(&format!("t={t}, v1={sig}")),
            Err(VerifyError::SignatureMismatch)
        ));
    }

    #[test]
    fn rejects_timestamp_changed_after_signing() {
        let (_, v1) = good_parts();
        // Moving `t` within the tolerance still breaks the signature.
        let t = T + 1;
        assert!(matches!(
            verify_at_t(&format!("t={t}, v1={v1}")),
            Err(VerifyError::SignatureMismatch)
        ));
        // `t` is signed as written: leading zeros make another signed string.
        assert!(matches!(
            verify_at_t(&format!("t=0{T}, v1={v1}")),
            Err(VerifyError::SignatureMismatch)
        ));
    }

    #[test]
    fn tolerance_edges_in_the_past() {
        let header = sign_millis(SECRET, T, BODY);
        let limit = u64::try_from(DEFAULT_TOLERANCE.as_millis()).unwrap();
        verifier_at(time(T + limit))
            .verify(header.as_str(), BODY)
            .unwrap();
        match verifier_at(time(T + limit + 1)).verify(header.as_str(), BODY) {
            Err(VerifyError::TimestampTooOld { age, tolerance }) => {
                assert_eq!(age, DEFAULT_TOLERANCE + Duration::from_millis(1));
                assert_eq!(tolerance, DEFAULT_TOLERANCE);
            }
            other => panic!("{other:?}"),
        }
        // Even a nanosecond past the limit is too old.
        let just_past = time(T + limit) + Duration::from_nanos(1);
        assert!(matches!(
            verifier_at(just_past).verify(header.as_str(), BODY),
            Err(VerifyError::TimestampTooOld { .. })
        ));
    }

    #[test]
    fn tolerance_edges_in_the_future() {
        let header = sign_millis(SECRET, T, BODY);
        let limit = u64::try_from(DEFAULT_TOLERANCE.as_millis()).unwrap();
        verifier_at(time(T - limit))
            .verify(header.as_str(), BODY)
            .unwrap();
        match verifier_at(time(T - limit - 1)).verify(header.as_str(), BODY) {
            Err(VerifyError::TimestampTooNew { ahead, tolerance }) => {
                assert_eq!(ahead, DEFAULT_TOLERANCE + Duration::from_millis(1));
                assert_eq!(tolerance, DEFAULT_TOLERANCE);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            verifier_at(time(T - 3_600_000)).verify(header.as_str(), BODY),
            Err(VerifyError::TimestampTooNew { .. })
        ));
    }

    #[test]
    fn custom_tolerance() {
        let header = sign_millis(SECRET, T, BODY);
        let verifier = |now| verifier_at(now).with_tolerance(Duration::from_secs(5));
        assert_eq!(verifier(time(T)).tolerance(), Duration::from_secs(5));
        verifier(time(T + 5_000))
            .verify(header.as_str(), BODY)
            .unwrap();
        verifier(time(T - 5_000))
            .verify(header.as_str(), BODY)
            .unwrap();
        assert!(matches!(
            verifier(time(T + 5_001)).verify(header.as_str(), BODY),
            Err(VerifyError::TimestampTooOld { .. })
        ));
        assert!(matches!(
            verifier(time(T - 5_001)).verify(header.as_str(), BODY),
            Err(VerifyError::TimestampTooNew { .. })
        ));
        // The default tolerance would have accepted these.
        verifier_at(time(T + 5_001))
            .verify(header.as_str(), BODY)
            .unwrap();
    }

    #[test]
    fn default_clock_is_system_time() {
        let stale = sign(SECRET, SystemTime::now() - Duration::from_secs(3600), BODY);
        let verifier = new_verifier(SECRET).unwrap();
        assert!(matches!(
            verifier.verify(stale.as_str(), BODY),
            Err(VerifyError::TimestampTooOld { .. })
        ));
        verifier
            .verify(sign(SECRET, SystemTime::now(), BODY).as_str(), BODY)
            .unwrap();
    }

    #[test]
    fn stale_forgery_is_reported_as_mismatch() {
        let header = sign_millis("whsec_forger", T, BODY);
        assert!(matches!(
            verifier_at(time(T + 86_400_000)).verify(header.as_str(), BODY),
            Err(VerifyError::SignatureMismatch)
        ));
    }

    #[test]
    fn debug_does_not_show_the_secret() {
        let verifier = new_verifier(SECRET).unwrap();
        let with_clock = verifier.clone().with_clock(SystemTime::now);
        for debug in [
            format!("{verifier:?}"),
            format!("{verifier:#?}"),
            format!("{with_clock:?}"),
        ] {
            assert!(debug.starts_with("Verifier"), "{debug}");
            assert!(debug.contains("<redacted>"), "{debug}");
            assert!(!debug.contains(SECRET), "{debug}");
            assert!(!debug.contains("SUPER"), "{debug}");
        }
    }

    #[test]
    fn errors_do_not_show_the_secret() {
        let (t, v1) = good_parts();
        let verifier = verifier_at(time(T));
        let headers = [
            String::new(),
            "garbage".to_owned(),
            format!("v1={v1}"),
            format!("t={t}"),
            format!("t={t}, t={t}, v1={v1}"),
            format!("t={t}, v0={v1}, v1={v1}"),
            format!("t=x, v1={v1}"),
            format!("t=99999999999999999999999, v1={v1}"),
            format!("t={t}, v1=abc"),
            format!("t={t}, v1={}", "z".repeat(64)),
            sign_millis("whsec_other", T, BODY),
            sign_millis(SECRET, T - 3_600_000, BODY),
            sign_millis(SECRET, T + 3_600_000, BODY),
        ];
        let mut errors: Vec<VerifyError> = headers
            .iter()
            .map(|header| verifier.verify(header.as_str(), BODY).unwrap_err())
            .collect();
        let not_json = b"{ not json";
        errors.push(
            verifier
                .verify_and_parse::<TestEvent, timestamp::auto::Style>(
                    sign_millis(SECRET, T, not_json).as_str(),
                    not_json,
                )
                .unwrap_err(),
        );
        // 14 cases, each a different variant.
        let variants: std::collections::HashSet<_> =
            errors.iter().map(std::mem::discriminant).collect();
        assert_eq!(variants.len(), 14);
        for error in &errors {
            for text in [error.to_string(), format!("{error:?}")] {
                assert!(!text.is_empty());
                assert!(!text.contains(SECRET), "{text}");
                assert!(!text.contains("SUPER"), "{text}");
            }
        }
        assert!(!EmptySecretError.to_string().is_empty());
    }

    #[test]
    fn parses_event_with_and_without_object_field() {
        let verifier = verifier_at(time(T));
        let with_object = br#"{"object":"event","id":"event_02","event":"user.created","data":{"id":"user_02"},"created_at":"2026-01-15T12:00:00.123Z"}"#;
        for body in [BODY, with_object.as_slice()] {
            let header = sign_millis(SECRET, T, body);
            let event: Event<TestEvent> = verifier.verify_and_parse(header.as_str(), body).unwrap();
            assert_eq!(event.event, TestEvent::UserCreated);
            assert!(event.extra.is_empty(), "{:?}", event.extra);
            assert_eq!(event.context, None);
        }
    }

    #[test]
    fn unknown_event_names_parse() {
        let body = br#"{"id":"event_03","event":"brand.new_thing","data":{},"created_at":"2026-01-15T12:00:00.000Z"}"#;
        let header = sign_millis(SECRET, T, body);
        let event: Event<TestEvent> = verifier_at(time(T))
            .verify_and_parse(header.as_str(), body)
            .unwrap();
        assert_eq!(
            event.event,
            TestEvent::Unknown("brand.new_thing".to_owned())
        );
    }

    #[test]
    fn event_round_trips_with_object_and_millis() {
        let payload = json!({
            "id": "event_04",
            "event": "user.created",
            "data": {"id": "user_04", "email": "a@example.com"},
            "created_at": "2026-01-15T12:00:00.000Z",
            "context": {"client_id": "client_01"},
            "new_top_level_field": [1, 2],
        });
        let event: MillisEvent = serde_json::from_value(payload.clone()).unwrap();
        assert_eq!(
            event.created_at,
            DateTime::parse_from_rfc3339("2026-01-15T12:00:00Z").unwrap()
        );
        assert_eq!(event.context, Some(json!({"client_id": "client_01"})));
        assert_eq!(event.extra.get("new_top_level_field"), Some(&json!([1, 2])));

        let mut expected = payload;
        expected["object"] = json!("event");
        assert_eq!(serde_json::to_value(&event).unwrap(), expected);
        let text = serde_json::to_string(&event).unwrap();
        assert!(
            text.contains(r#""created_at":"2026-01-15T12:00:00.000Z""#),
            "{text}"
        );
        assert!(text.contains(r#""object":"event""#), "{text}");
        let again: MillisEvent = serde_json::from_str(&text).unwrap();
        assert_eq!(again, event);
    }

    #[test]
    fn created_at_keeps_finer_precision_and_becomes_utc() {
        let mut payload: serde_json::Value = serde_json::from_slice(BODY).unwrap();
        for (sent, serialized) in [
            ("2026-01-15T12:00:00Z", "2026-01-15T12:00:00.000Z"),
            ("2026-01-15T12:00:00.5Z", "2026-01-15T12:00:00.500Z"),
            ("2026-01-15T12:00:00.123456Z", "2026-01-15T12:00:00.123456Z"),
            ("2026-01-15T13:00:00.123+01:00", "2026-01-15T12:00:00.123Z"),
        ] {
            payload["created_at"] = json!(sent);
            let event: MillisEvent = serde_json::from_value(payload.clone()).unwrap();
            let value = serde_json::to_value(&event).unwrap();
            assert_eq!(value["created_at"], json!(serialized), "{sent}");
        }
    }

    #[test]
    fn serialization_omits_absent_context_and_shadowed_extras() {
        let mut event: MillisEvent = serde_json::from_slice(BODY).unwrap();
        event
            .extra
            .insert("object".to_owned(), json!("not-an-event"));
        event.extra.insert("id".to_owned(), json!("shadow"));
        let value = serde_json::to_value(&event).unwrap();
        assert_eq!(
            value,
            json!({
                "object": "event",
                "id": "event_01",
                "event": "user.created",
                "data": {"id": "user_01"},
                "created_at": "2026-01-15T12:00:00.000Z",
            })
        );
    }

    #[test]
    fn rejects_other_object_kinds_and_bad_events() {
        for payload in [
            json!({"object": "connection", "id": "e", "event": "user.created", "data": {}, "created_at": "2026-01-15T12:00:00.000Z"}),
            json!({"id": "e", "event": "user.created", "data": {}}),
            json!({"id": "e", "event": "user.created", "data": {}, "created_at": "yesterday"}),
            json!({"event": "user.created", "data": {}, "created_at": "2026-01-15T12:00:00.000Z"}),
            json!([]),
        ] {
            let body = serde_json::to_vec(&payload).unwrap();
            let header = sign_millis(SECRET, T, &body);
            assert!(
                matches!(
                    verifier_at(time(T)).verify_and_parse::<TestEvent, timestamp::auto::Style>(
                        header.as_str(),
                        &body
                    ),
                    Err(VerifyError::Parse(_))
                ),
                "{payload}"
            );
        }
    }

    #[test]
    fn verify_and_parse_checks_the_signature_first() {
        let header = sign_millis("whsec_other", T, BODY);
        assert!(matches!(
            verifier_at(time(T))
                .verify_and_parse::<TestEvent, timestamp::auto::Style>(header.as_str(), BODY),
            Err(VerifyError::SignatureMismatch)
        ));
        let not_json = b"not json";
        let stale = sign_millis(SECRET, T - 3_600_000, not_json);
        assert!(matches!(
            verifier_at(time(T))
                .verify_and_parse::<TestEvent, timestamp::auto::Style>(stale.as_str(), not_json),
            Err(VerifyError::TimestampTooOld { .. })
        ));
    }

    #[test]
    fn other_schemes_name_their_parts_and_unit() {
        const SECONDS: Scheme = Scheme {
            header: "Other-Signature",
            timestamp: "ts",
            signature: "sig",
            unit: TimeUnit::Seconds,
        };
        let now = time(T) + Duration::from_millis(999);
        let header = SECONDS.sign(SECRET, now, BODY);
        let (ts, _) = header.split_once(", sig=").unwrap();
        assert_eq!(ts, format!("ts={}", T / 1000));
        let verifier = Verifier::with_scheme(SECONDS, SECRET)
            .unwrap()
            .with_clock(move || now);
        assert_eq!(verifier.scheme().header, "Other-Signature");
        verifier.verify(header.as_str(), BODY).unwrap();
        // Seconds, not milliseconds: 181 s later is too old.
        let later = verifier
            .clone()
            .with_clock(move || now + Duration::from_secs(181));
        assert!(matches!(
            later.verify(header.as_str(), BODY),
            Err(VerifyError::TimestampTooOld { .. })
        ));
        // The other scheme's keys are not this one's.
        let millis = sign_millis(SECRET, T, BODY);
        assert!(matches!(
            verifier.verify(millis.as_str(), BODY),
            Err(VerifyError::UnsupportedScheme { scheme }) if scheme == "t"
        ));
        let doubled = format!("{header}, sig=00");
        assert!(matches!(
            verifier.verify(doubled.as_str(), BODY),
            Err(VerifyError::DuplicatePart { part: "sig" })
        ));
    }

    #[test]
    fn events_write_created_at_in_their_style() {
        let auto: Event<TestEvent> = serde_json::from_slice(BODY).unwrap();
        let millis: MillisEvent = serde_json::from_slice(BODY).unwrap();
        let created_at = |value: serde_json::Value| value["created_at"].clone();
        assert_eq!(
            created_at(serde_json::to_value(&auto).unwrap()),
            json!("2026-01-15T12:00:00Z")
        );
        assert_eq!(
            created_at(serde_json::to_value(&millis).unwrap()),
            json!("2026-01-15T12:00:00.000Z")
        );
    }

    #[test]
    fn verifier_is_shareable() {
        fn assert_send_sync<T: Send + Sync + 'static>() {}
        assert_send_sync::<Verifier>();
        assert_send_sync::<VerifyError>();
        assert_send_sync::<Event<String>>();
    }
}
}
}
