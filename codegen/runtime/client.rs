//! The HTTP client: configuration, request execution and the retry loop.
//!
//! Generated operation code builds a [`Request`] and hands it to
//! [`Client::execute_json`] or [`Client::execute_empty`] (or, for bodies other than JSON, the
//! `execute_*` methods of `runtime::body`), which send it with the API key, retry it when that
//! is safe (see [`retry`]), and turn the response into the operation's result or an [`Error`].

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{self, HeaderMap, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{ApiError, DecodeError, Error, ErrorFields, Redirect};
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

/// Responses larger than this are refused rather than buffered (operations returning bytes
/// also have a streaming form, `into_byte_stream()`, without the bound).
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
    Head,
    Post,
    Put,
    Patch,
    Delete,
    Options,
    Trace,
}

impl Method {
    /// Whether sending the request twice has the effect of sending it once.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Self::Post | Self::Patch)
    }

    fn to_reqwest(self) -> reqwest::Method {
        match self {
            Self::Get => reqwest::Method::GET,
            Self::Head => reqwest::Method::HEAD,
            Self::Post => reqwest::Method::POST,
            Self::Put => reqwest::Method::PUT,
            Self::Patch => reqwest::Method::PATCH,
            Self::Delete => reqwest::Method::DELETE,
            Self::Options => reqwest::Method::OPTIONS,
            Self::Trace => reqwest::Method::TRACE,
        }
    }
}

/// Which responses are an operation's result; every other one is an [`Error`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Expect {
    /// A 2xx response (a 3xx is [`Error::Redirect`]).
    #[default]
    Success,
    /// A 2xx or 3xx response: the operation's result is where it redirects to.
    Redirect,
    /// `101 Switching Protocols`: the operation's result is the upgraded connection.
    Upgrade,
}

impl Expect {
    fn accepts(self, status: u16) -> bool {
        match self {
            Self::Success => (200..300).contains(&status),
            Self::Redirect => (200..400).contains(&status),
            Self::Upgrade => status == 101,
        }
    }
}

/// One operation call, built by generated code.
pub struct Request {
    method: Method,
    path: String,
    query: Query,
    /// The body and its `Content-Type`.
    pub(crate) body: Option<(String, Vec<u8>)>,
    /// The `Accept` header, when the operation's result is not JSON.
    accept: Option<&'static str>,
    /// Header parameters, and other headers the operation sends (an upgrade's).
    pub(crate) headers: Vec<(&'static str, String)>,
    /// Cookie parameters, sent in one `Cookie` header.
    cookies: Vec<(&'static str, String)>,
    idempotency_key: Option<String>,
    pub(crate) expect: Expect,
}

impl Request {
    /// A request for `path` (already encoded: see [`path::segment`](super::path::segment)).
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            query: Query::default(),
            body: None,
            accept: None,
            headers: Vec::new(),
            cookies: Vec::new(),
            idempotency_key: None,
            expect: Expect::Success,
        }
    }

    /// Adds header parameter `name` when `value` is set.
    pub fn header(mut self, name: &'static str, value: Option<impl fmt::Display>) -> Self {
        if let Some(value) = value {
            self.headers.push((name, value.to_string()));
        }
        self
    }

    /// Adds array header parameter `name` when `items` is set, its items joined by `,` (the
    /// `simple` style, the only one OpenAPI has for headers).
    pub fn header_list<I>(self, name: &'static str, items: Option<I>) -> Self
    where
        I: IntoIterator,
        I::Item: fmt::Display,
    {
        self.header(name, items.map(joined))
    }

    /// Adds cookie parameter `name` when `value` is set; the value is percent-encoded where a
    /// cookie cannot hold it as it is (`;`, `,`, spaces, quotes).
    pub fn cookie(mut self, name: &'static str, value: Option<impl fmt::Display>) -> Self {
        if let Some(value) = value {
            let value = value.to_string();
            let encoded = percent_encoding::utf8_percent_encode(&value, COOKIE).to_string();
            self.cookies.push((name, encoded));
        }
        self
    }

    /// Adds array cookie parameter `name` when `items` is set, its items joined by `,` (the
    /// `form` style unexploded; exploded, a cookie would repeat its name).
    pub fn cookie_list<I>(self, name: &'static str, items: Option<I>) -> Self
    where
        I: IntoIterator,
        I::Item: fmt::Display,
    {
        self.cookie(name, items.map(joined))
    }

    /// The media type asked for in `Accept` (the default is `application/json`).
    pub fn accept(mut self, media_type: &'static str) -> Self {
        self.accept = Some(media_type);
        self
    }

    /// Which responses are the result (default: 2xx).
    pub fn expect(mut self, expect: Expect) -> Self {
        self.expect = expect;
        self
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

    /// Sets the JSON body, sent as `content_type` (`application/json`, or the spec's own JSON
    /// media type such as `application/scim+json`).
    pub fn json(mut self, content_type: &str, body: &impl Serialize) -> Result<Self, Error> {
        let bytes = serde_json::to_vec(body).map_err(|e| {
            Error::InvalidRequest(format!("cannot serialize the request body: {e}"))
        })?;
        self.body = Some((content_type.to_owned(), bytes));
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
            .field(
                "body_bytes",
                &self.body.as_ref().map(|(_, body)| body.len()),
            )
            .field("content_type", &self.body.as_ref().map(|(kind, _)| kind))
            .field("accept", &self.accept)
            // Header and cookie values may be credentials: their names only.
            .field("headers", &names(&self.headers))
            .field("cookies", &names(&self.cookies))
            .field("idempotency_key", &self.idempotency_key)
            .field("expect", &self.expect)
            .finish()
    }
}

/// Items joined by `,`, each by its `Display`.
fn joined<I>(items: I) -> String
where
    I: IntoIterator,
    I::Item: fmt::Display,
{
    let items: Vec<String> = items.into_iter().map(|item| item.to_string()).collect();
    items.join(",")
}

fn names(pairs: &[(&'static str, String)]) -> Vec<&'static str> {
    pairs.iter().map(|(name, _)| *name).collect()
}

/// Bytes encoded in a cookie value: controls and what RFC 6265 keeps out of one.
const COOKIE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// A fully read response.
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) request_id: Option<String>,
    retry_after: Option<Duration>,
    pub(crate) location: Option<String>,
    pub(crate) body: Vec<u8>,
}

/// A response that is the operation's result: read whole, or, for a stream or an upgrade,
/// with its body not yet read.
pub(crate) enum Received {
    Read(Response),
    Open(reqwest::Response),
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

    /// Sends `request` and decodes the JSON body of the 2xx response as `T` (an empty body as
    /// `null`, which an `Option` takes).
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
            // An empty body is `null`: a result that may be absent is an `Option`.
            let body: &[u8] = match response.body.as_slice() {
                [] => b"null",
                body => body,
            };
            serde_json::from_slice(body)
                .map_err(|e| self.decode_error(&response, e.to_string(), Some(e)))
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

    /// A result's body that is not what the operation returns.
    pub(crate) fn decode_error(
        &self,
        response: &Response,
        message: String,
        source: Option<serde_json::Error>,
    ) -> Error {
        Error::Decode(Box::new(DecodeError::new(
            response.status,
            response.request_id.clone(),
            &response.body,
            message,
            source,
            &self.known_secrets(),
        )))
    }

    fn known_secrets(&self) -> Vec<&str> {
        self.inner
            .api_key
            .iter()
            .map(SecretString::expose)
            .collect()
    }

    /// Sends the request, retrying when allowed; `Ok` only for a response the request
    /// expects (2xx by default), read whole.
    pub(crate) async fn send(&self, request: Request) -> Result<Response, Error> {
        match self.attempts(request, false).await? {
            Received::Read(response) => Ok(response),
            Received::Open(response) => read(response, &self.inner.profile).await,
        }
    }

    /// Sends the request, retrying when allowed, until a response it expects arrives.
    /// When `open`, that response's body is left to the caller (a stream or an upgrade);
    /// an error response is always read whole.
    pub(crate) async fn attempts(&self, request: Request, open: bool) -> Result<Received, Error> {
        let inner = &*self.inner;
        let ready = inner.ready.as_ref().map_err(|m| Error::Config(m.clone()))?;
        let url = ready.url(&request);
        let headers = request.header_map()?;
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
            let mut builder = ready
                .http
                .request(method.clone(), url.clone())
                .headers(headers.clone());
            if let Some((_, body)) = &request.body {
                builder = builder.body(body.clone());
            }
            if let Some((name, key)) = idempotency {
                builder = builder.header(name, key.as_str());
            }
            let error = match builder.send().await {
                Ok(response) if open && request.expect.accepts(response.status().as_u16()) => {
                    return Ok(Received::Open(response));
                }
                Ok(response) => match read(response, &inner.profile).await {
                    Ok(response) if request.expect.accepts(response.status) => {
                        return Ok(Received::Read(response));
                    }
                    Ok(response) if (300..400).contains(&response.status) => {
                        Error::Redirect(Box::new(Redirect {
                            status: response.status,
                            location: response.location,
                            request_id: response.request_id,
                        }))
                    }
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

impl Request {
    /// The headers of every attempt (besides the client's and the idempotency key): the body's
    /// type, `Accept`, header and cookie parameters. A value no header can hold is an
    /// [`Error::InvalidRequest`], before anything is sent.
    fn header_map(&self) -> Result<HeaderMap, Error> {
        let invalid = |name: &str| {
            Error::InvalidRequest(format!(
                "the value of header `{name}` has characters not allowed in an HTTP header"
            ))
        };
        let value = |name: &str, value: &str| {
            let mut value = HeaderValue::try_from(value).map_err(|_| invalid(name))?;
            // Header parameters may be credentials: kept out of reqwest's `Debug` too.
            value.set_sensitive(true);
            Ok::<_, Error>(value)
        };
        let mut headers = HeaderMap::new();
        if let Some((kind, _)) = &self.body {
            headers.insert(header::CONTENT_TYPE, value("content-type", kind)?);
        }
        if let Some(accept) = self.accept {
            headers.insert(header::ACCEPT, HeaderValue::from_static(accept));
        }
        for (name, text) in &self.headers {
            let name = header::HeaderName::try_from(*name).map_err(|_| invalid(name))?;
            let text = value(name.as_str(), text)?;
            headers.append(name, text);
        }
        if !self.cookies.is_empty() {
            let pairs: Vec<String> = self
                .cookies
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect();
            headers.insert(header::COOKIE, value("cookie", &pairs.join("; "))?);
        }
        Ok(headers)
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
    let location = text("location").map(str::to_owned);
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
        location,
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
                && Method::Head.is_idempotent()
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
            .json("application/json", &"payload")
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
        let request = Request::new(Method::Post, "/x")
            .json("application/json", &"payload")
            .unwrap();
        assert!(!format!("{request:?}").contains("payload"));
    }
}
