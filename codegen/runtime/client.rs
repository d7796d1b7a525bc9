//! The HTTP client: configuration, request execution and the retry loop.
//!
//! Generated operation code builds a [`Request`] and hands it to [`Client::execute_json`] or
//! [`Client::execute_empty`] (or, for bodies other than JSON, the `execute_*` methods of
//! `runtime::body`), which send it with the operation's credentials (see [`auth`]), run the
//! hooks (see [`hook`](super::hook)), retry it when that is safe (see [`retry`]), and turn the response into
//! the operation's [`Response`] or an [`Error`].
//!
//! With the `tracing` cargo feature, each call is a span (`request`: the operation id, method,
//! path template, and at the end the last status and request id) and each attempt an event in it (attempt number, status, request id, elapsed time). Neither records a
//! header, a credential, a body, a filled-in path or a query value.

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{self, HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::auth::{self, Credentials, Scheme, Security};
use super::error::{ApiError, DecodeError, Error, ErrorFields, Redirect};
use super::hook::{Attempt, AttemptResponse, Hook};
use super::query::{ListStyle, Query};
use super::retry::{self, RetryPolicy};
use super::secret::SecretString;

/// The HTTP client crate the client is built on, for [`ClientBuilder::http_client`] and
/// [`Attempt::headers_mut`]: naming it through here keeps the versions the same.
pub use reqwest;

/// The future of an operation: boxed, `Send`, borrowing the client.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Default time limit of one attempt (connecting, sending and reading the response).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Default time limit for connecting.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Responses larger than this are refused rather than buffered (operations returning bytes
/// also have a streaming form, `into_byte_stream()`, without the bound).
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// What a client knows of its API beyond the operations: its name, the headers it reads and
/// sends, where error bodies keep their code and message, and its security schemes. Set per API
/// by the generator's settings; the generated `Client::builder()` passes the API's
/// (`api::PROFILE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Profile {
    /// The `User-Agent` sent (`<crate>/<version>` of the generated crate), unless the builder
    /// sets another ([`ClientBuilder::user_agent`]).
    pub user_agent: Option<&'static str>,
    /// The response header naming the server's id of the request ([`ApiError::request_id`]).
    pub request_id_header: Option<&'static str>,
    /// The request header carrying an idempotency key ([`Request::idempotency_key`]); a POST or
    /// PATCH with a key is retried. Without one, keys are not sent.
    pub idempotency_header: Option<&'static str>,
    /// What error bodies are read for.
    pub errors: ErrorFields,
    /// The API's security schemes (the spec's `securitySchemes` the client can send).
    pub schemes: &'static [Scheme],
}

impl Profile {
    /// No name, no request id, no idempotency keys, error bodies kept as they are, no schemes.
    pub const NONE: Profile = Profile {
        user_agent: None,
        request_id_header: None,
        idempotency_header: None,
        errors: ErrorFields::NONE,
        schemes: &[],
    };
}

/// Configures a [`Client`]. Created by `Client::builder()`.
///
/// With [`http_client`](Self::http_client), the caller's reqwest client sends the requests: its
/// connection pool, proxies, TLS settings, connect timeout, redirect policy and default headers
/// apply. This builder's [`timeout`](Self::timeout) (per attempt), retries, hooks, credentials,
/// `Accept` and `User-Agent` apply either way (a header the request sets wins over a default
/// header of the caller's client).
#[derive(Clone)]
#[must_use]
pub struct ClientBuilder {
    profile: Profile,
    base_url: String,
    credentials: Credentials,
    /// Credentials that could not be set, reported by [`build`](Self::build)'s requests.
    problems: Vec<String>,
    client_id: Option<String>,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    http: Option<reqwest::Client>,
    user_agent: Option<String>,
    hooks: Vec<Arc<dyn Hook>>,
}

impl ClientBuilder {
    /// A builder for an API described by `profile`, whose base URL is `default_base_url` (the
    /// generated `Client::builder()` passes the spec's first server and the API's profile).
    pub fn new(default_base_url: &str, profile: Profile) -> Self {
        Self {
            profile,
            base_url: default_base_url.to_owned(),
            credentials: Credentials::default(),
            problems: Vec::new(),
            client_id: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            retry: RetryPolicy::default(),
            http: None,
            user_agent: None,
            hooks: Vec::new(),
        }
    }

    /// The credential of security scheme `scheme` (its name in the spec), sent to the
    /// operations that accept it. The generated methods named after the schemes (`api_key`, ...)
    /// call this. It never appears in `Debug` output or error messages.
    pub fn credential(mut self, scheme: &str, secret: impl Into<String>) -> Self {
        let secret = SecretString::new(secret);
        match self.profile.schemes.iter().find(|s| s.name == scheme) {
            Some(found) => {
                if let Err(problem) = self.credentials.set(*found, secret) {
                    self.problems.push(problem);
                }
            }
            None => self
                .problems
                .push(format!("the API has no security scheme `{scheme}`")),
        }
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
    /// (default 60 s; a request's own `.timeout(..)` wins). With retries, a call can take up to
    /// `(max_retries + 1)` times this plus the waits between attempts.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time limit for connecting (default 10 s). Not used with
    /// [`http_client`](Self::http_client): that client's own applies.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How many times a failed request that is safe to repeat is sent again (default 2;
    /// 0 disables retries; a request's own `.max_retries(..)` wins). GET, HEAD, PUT, DELETE,
    /// OPTIONS and TRACE are safe to repeat; POST and PATCH only with an idempotency key (when
    /// the API takes them: [`Profile::idempotency_header`]).
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

    /// Sends the requests with `http` (one connection pool shared with the rest of a program,
    /// proxies, custom TLS roots): see the type's docs for which settings come from where.
    /// `reqwest` is re-exported at the crate root, so the versions agree.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// The `User-Agent` of every request (default: the generated crate's name and version).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Adds a hook, run around every attempt after the hooks added before it (see [`Hook`]).
    pub fn hook(mut self, hook: impl Hook + 'static) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// Builds the client. Never fails: a configuration error (an invalid base URL, a credential
    /// no header can hold) is returned by every request as [`Error::Config`]; use
    /// [`try_build`](Self::try_build) to see it at once.
    pub fn build(self) -> Client {
        let ready = self.ready();
        Client {
            inner: Arc::new(Inner {
                profile: self.profile,
                ready,
                credentials: self.credentials,
                client_id: self.client_id,
                retry: self.retry,
                timeout: self.timeout,
                hooks: self.hooks,
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
        if let Some(problem) = self.problems.first() {
            return Err(problem.clone());
        }
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
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        let user_agent = self.user_agent.as_deref().or(self.profile.user_agent);
        if let Some(user_agent) = user_agent {
            let value = HeaderValue::try_from(user_agent)
                .map_err(|_| "the user agent has characters not allowed in an HTTP header")?;
            headers.insert(header::USER_AGENT, value);
        }
        let http = match &self.http {
            Some(http) => http.clone(),
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| format!("cannot create the HTTP client: {e}"))?,
        };
        let base_path = base.path().trim_end_matches('/').to_owned();
        Ok(Ready {
            http,
            base,
            base_path,
            headers,
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("profile", &self.profile)
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("client_id", &self.client_id)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("own_http_client", &self.http.is_some())
            .field("user_agent", &self.user_agent)
            .field("hooks", &self.hooks.len())
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
    credentials: Credentials,
    client_id: Option<String>,
    retry: RetryPolicy,
    timeout: Duration,
    hooks: Vec<Arc<dyn Hook>>,
}

struct Ready {
    http: reqwest::Client,
    base: reqwest::Url,
    /// The base URL's path without its trailing `/`, prefixed to every operation's path.
    base_path: String,
    /// What every request sends: `Accept` and `User-Agent`.
    headers: HeaderMap,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Client")
            .field("base_url", &inner.ready.as_ref().map(|r| r.base.as_str()))
            .field("credentials", &inner.credentials)
            .field("client_id", &inner.client_id)
            .field("retry", &inner.retry)
            .field("hooks", &inner.hooks.len())
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
    /// The method as HTTP writes it (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Head => "HEAD",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
            Self::Options => "OPTIONS",
            Self::Trace => "TRACE",
        }
    }

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

/// What the generated code knows of an operation, for credentials, hooks and tracing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operation {
    /// The spec's `operationId` (or the method's name when it has none).
    pub id: &'static str,
    pub method: Method,
    /// The path template (`/webhook_endpoints/{id}`).
    pub path: &'static str,
    /// The credentials it accepts (see [`auth`]).
    pub security: Security,
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

/// What the caller set on one request besides its parameters: headers, a timeout, a retry
/// count, credentials given per request. Generated request builders hold one.
#[derive(Clone, Default)]
pub struct RequestOptions {
    headers: Vec<(String, String)>,
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    credentials: Vec<(&'static str, SecretString)>,
    /// Sent without the spec's value checks ([`RequestOptions::skip_validation`]).
    unchecked: bool,
}

impl RequestOptions {
    /// Sends the request without checking its values against the spec's constraints first.
    pub fn skip_validation(&mut self) {
        self.unchecked = true;
    }

    /// Whether the request's values are checked before it is sent (the default).
    pub fn validates(&self) -> bool {
        !self.unchecked
    }

    /// Whether anything was set.
    fn is_set(&self) -> bool {
        !self.headers.is_empty()
            || self.timeout.is_some()
            || self.max_retries.is_some()
            || !self.credentials.is_empty()
    }

    /// Sends header `name: value`. The first header of a name replaces the client's of that
    /// name; each one after it is sent as well.
    pub fn header(&mut self, name: String, value: String) {
        self.headers.push((name, value));
    }

    /// The time limit of each attempt of this request, instead of the client's.
    pub fn timeout(&mut self, timeout: Duration) {
        self.timeout = Some(timeout);
    }

    /// How many times this request may be sent again, instead of the client's count (the
    /// request must still be safe to repeat).
    pub fn max_retries(&mut self, max_retries: u32) {
        self.max_retries = Some(max_retries);
    }

    /// The credential of security scheme `scheme` for this request, over the client's.
    pub fn credential(&mut self, scheme: &'static str, secret: String) {
        self.credentials.retain(|(name, _)| *name != scheme);
        self.credentials.push((scheme, SecretString::new(secret)));
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        let credentials: Vec<&str> = self.credentials.iter().map(|(name, _)| *name).collect();
        f.debug_struct("RequestOptions")
            // Header values may be credentials: names only.
            .field("headers", &headers)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("credentials", &credentials)
            .field("validates", &!self.unchecked)
            .finish()
    }
}

/// One operation call, built by generated code.
pub struct Request {
    // By reference, and the options boxed only when set: a request is moved through the
    // generated builder chain and into the call's future, so its size is paid per call.
    operation: &'static Operation,
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
    options: Option<Box<RequestOptions>>,
}

impl Request {
    /// A request of `operation` for `path` (already encoded: see
    /// [`path::segment`](super::path::segment)).
    pub fn new(operation: &'static Operation, path: impl Into<String>) -> Self {
        Self {
            operation,
            path: path.into(),
            query: Query::default(),
            body: None,
            accept: None,
            headers: Vec::new(),
            cookies: Vec::new(),
            idempotency_key: None,
            expect: Expect::Success,
            options: None,
        }
    }

    /// What the caller set on the request builder (headers, timeout, retries, credentials).
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options.is_set().then(|| Box::new(options));
        self
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
            .field("operation", &self.operation.id)
            .field("method", &self.operation.method)
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
            .field("options", &self.options)
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

/// A successful response: the operation's result, with the response's status and headers.
/// `.send()` on a request builder gives one; `.await` on the builder gives the result alone.
pub struct Response<T> {
    status: u16,
    headers: HeaderMap,
    request_id: Option<String>,
    inner: T,
}

impl<T> Response<T> {
    /// The HTTP status (200, 201, 204, ...).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response's headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The server's id of the request (the API's request-id header), to quote to its support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The operation's result.
    pub fn inner(&self) -> &T {
        &self.inner
    }

    /// The operation's result, without the status and headers.
    pub fn into_inner(self) -> T {
        self.inner
    }

    /// The same response with another result.
    #[allow(dead_code)] // by `body`, which crates with JSON bodies only do not ship
    pub(crate) fn with<U>(self, inner: U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            request_id: self.request_id,
            inner,
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Response<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header values (cookies, tokens) stay out of logs: their names only.
        let headers: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("headers", &headers)
            .field("inner", &self.inner)
            .finish()
    }
}

/// The result of a `Response` future alone: what `.await` on a request builder gives.
pub fn into_inner<'a, T: 'a>(
    response: impl Future<Output = Result<Response<T>, Error>> + Send + 'a,
) -> BoxFuture<'a, Result<T, Error>> {
    // Not an `async` block around it: that would copy the call's whole future (the attempt
    // state) into the block and again on its first poll. Boxed once, it stays put.
    let mut response = Box::pin(response);
    Box::pin(std::future::poll_fn(move |cx| {
        response
            .as_mut()
            .poll(cx)
            .map(|result| result.map(Response::into_inner))
    }))
}

/// A fully read response.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) request_id: Option<String>,
    retry_after: Option<Duration>,
    pub(crate) location: Option<String>,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    /// The response of a result, its body read already.
    pub(crate) fn respond<T>(self, inner: T) -> Response<T> {
        Response {
            status: self.status,
            headers: self.headers,
            request_id: self.request_id,
            inner,
        }
    }
}

/// A response that is the operation's result: read whole, or, for a stream or an upgrade,
/// with its body not yet read (and its status and headers as a `Response`).
pub(crate) enum Received {
    Read(Reply),
    // The head is read by `body`, which crates with JSON bodies only do not ship.
    Open(#[allow(dead_code)] Response<()>, reqwest::Response),
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
    pub async fn execute_json<T: DeserializeOwned>(
        &self,
        request: Result<Request, Error>,
    ) -> Result<Response<T>, Error> {
        let reply = self.read(request?).await?;
        // An empty body is `null`: a result that may be absent is an `Option`.
        let body: &[u8] = match reply.body.as_slice() {
            [] => b"null",
            body => body,
        };
        match serde_json::from_slice(body) {
            Ok(value) => Ok(reply.respond(value)),
            Err(e) => Err(self.decode_error(&reply, e.to_string(), Some(e))),
        }
    }

    /// Sends `request`; any 2xx response (e.g. 204 No Content) is success, its body ignored.
    #[doc(hidden)]
    pub async fn execute_empty(
        &self,
        request: Result<Request, Error>,
    ) -> Result<Response<()>, Error> {
        Ok(self.read(request?).await?.respond(()))
    }

    /// A result's body that is not what the operation returns.
    pub(crate) fn decode_error(
        &self,
        response: &Reply,
        message: String,
        source: Option<serde_json::Error>,
    ) -> Error {
        Error::Decode(Box::new(DecodeError::new(
            response.status,
            response.request_id.clone(),
            &response.body,
            message,
            source,
            &self.known_secrets(None),
        )))
    }

    /// The credentials of the client and of one request: masked in text kept in errors.
    fn known_secrets<'s>(&'s self, own: Option<&'s Credentials>) -> Vec<&'s str> {
        let own = own.into_iter().flat_map(Credentials::secrets);
        self.inner.credentials.secrets().chain(own).collect()
    }

    /// Sends the request, retrying when allowed; `Ok` only for a response the request
    /// expects (2xx by default), read whole.
    pub(crate) async fn read(&self, request: Request) -> Result<Reply, Error> {
        match self.attempts(request, false).await? {
            Received::Read(reply) => Ok(reply),
            Received::Open(_, response) => read(response, &self.inner.profile).await,
        }
    }

    /// Sends the request, retrying when allowed, until a response it expects arrives.
    /// When `open`, that response's body is left to the caller (a stream or an upgrade);
    /// an error response is always read whole.
    pub(crate) async fn attempts(&self, request: Request, open: bool) -> Result<Received, Error> {
        #[cfg(feature = "tracing")]
        {
            use tracing::Instrument;
            let operation = request.operation;
            let span = tracing::info_span!(
                "request",
                operation = operation.id,
                method = operation.method.as_str(),
                path = operation.path,
                status = tracing::field::Empty,
                request_id = tracing::field::Empty,
            );
            let received = Box::pin(self.attempts_in(request, open))
                .instrument(span.clone())
                .await;
            let (status, request_id) = match &received {
                Ok(Received::Read(reply)) => (Some(reply.status), reply.request_id.as_deref()),
                Ok(Received::Open(head, _)) => (Some(head.status), head.request_id()),
                Err(error) => (error.status(), error.request_id()),
            };
            if let Some(status) = status {
                span.record("status", status);
            }
            if let Some(request_id) = request_id {
                span.record("request_id", request_id);
            }
            received
        }
        #[cfg(not(feature = "tracing"))]
        self.attempts_in(request, open).await
    }

    async fn attempts_in(&self, request: Request, open: bool) -> Result<Received, Error> {
        let inner = &*self.inner;
        let ready = inner.ready.as_ref().map_err(|m| Error::Config(m.clone()))?;
        let schemes = inner.profile.schemes;
        let unset = RequestOptions::default();
        let options = request.options.as_deref().unwrap_or(&unset);
        let own = match options.credentials.is_empty() {
            true => None,
            false => Some(auth::own(schemes, &options.credentials)?),
        };
        let none = Credentials::default();
        let operation = request.operation;
        let credentials = own.as_ref().unwrap_or(&none);
        let idempotency = inner
            .profile
            .idempotency_header
            .zip(request.idempotency_key.as_ref());
        // Each attempt's headers and URL, built for it: a retry builds them again rather than
        // every call keeping a copy for the retry it seldom makes.
        let head = || {
            let mut headers = ready.headers.clone();
            let sent = auth::apply(
                schemes,
                operation.security,
                credentials,
                &inner.credentials,
                &mut headers,
                (operation.method.as_str(), operation.path),
            )?;
            request.add_headers(&mut headers, &sent.cookies)?;
            if let Some((name, key)) = idempotency {
                let value = HeaderValue::try_from(key.as_str()).map_err(|_| {
                    Error::InvalidRequest(format!(
                        "the idempotency key is not a valid header value (`{name}`)"
                    ))
                })?;
                let name = HeaderName::try_from(name)
                    .map_err(|_| Error::Config(format!("`{name}` is not an HTTP header name")))?;
                headers.insert(name, value);
            }
            // Query credentials are in the URL, which reqwest's errors print: kept out of them.
            let hide_url = !sent.query.is_empty();
            Ok::<_, Error>((headers, ready.url(&request, &sent.query), hide_url))
        };
        let method = operation.method.to_reqwest();
        let repeatable = operation.method.is_idempotent() || idempotency.is_some();
        let max_retries = match repeatable {
            true => options.max_retries.unwrap_or(inner.retry.max_retries),
            false => 0,
        };
        let timeout = options.timeout.unwrap_or(inner.timeout);
        // Only hooks and traces read an attempt's time.
        let timed = !inner.hooks.is_empty() || cfg!(feature = "tracing");
        let mut number = 0;
        loop {
            number += 1;
            let (mut headers, url, hide_url) = head()?;
            for hook in &inner.hooks {
                let mut attempt = Attempt {
                    operation,
                    number,
                    headers: &mut headers,
                };
                hook.before_attempt(&mut attempt).await?;
            }
            // The request is built whole: reqwest's builder would copy the headers once more.
            let mut outgoing = reqwest::Request::new(method.clone(), url);
            *outgoing.headers_mut() = headers;
            *outgoing.timeout_mut() = Some(timeout);
            if let Some((_, body)) = &request.body {
                *outgoing.body_mut() = Some(body.clone().into());
            }
            let started = timed.then(Instant::now);
            let elapsed = || started.map_or(Duration::ZERO, |started| started.elapsed());
            let error = match ready.http.execute(outgoing).await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    for hook in &inner.hooks {
                        let seen = AttemptResponse {
                            operation,
                            number,
                            status,
                            headers: response.headers(),
                            elapsed: elapsed(),
                        };
                        hook.after_response(&seen).await;
                    }
                    #[cfg(feature = "tracing")]
                    trace_attempt(
                        number,
                        Some(status),
                        response.headers(),
                        elapsed(),
                        &inner.profile,
                    );
                    match self.received(response, open, &request, own.as_ref()).await {
                        Ok(received) => return Ok(received),
                        Err(error) => error,
                    }
                }
                Err(error) => {
                    #[cfg(feature = "tracing")]
                    trace_attempt(number, None, &HeaderMap::new(), elapsed(), &inner.profile);
                    Error::transport(error)
                }
            };
            let error = if hide_url { error.without_url() } else { error };
            if number > max_retries || !error.is_retryable() {
                return Err(error);
            }
            let retry_after = error.api_error().and_then(ApiError::retry_after);
            let Some(wait) = inner.retry.delay(number - 1, retry_after, retry::jitter()) else {
                return Err(error);
            };
            tokio::time::sleep(wait).await;
        }
    }

    /// The result of one attempt's response: what the request expects, or the error it is.
    async fn received(
        &self,
        response: reqwest::Response,
        open: bool,
        request: &Request,
        own: Option<&Credentials>,
    ) -> Result<Received, Error> {
        let profile = &self.inner.profile;
        if open && request.expect.accepts(response.status().as_u16()) {
            let head = Response {
                status: response.status().as_u16(),
                headers: response.headers().clone(),
                request_id: request_id(response.headers(), profile),
                inner: (),
            };
            return Ok(Received::Open(head, response));
        }
        let reply = read(response, profile).await?;
        Err(if request.expect.accepts(reply.status) {
            return Ok(Received::Read(reply));
        } else if (300..400).contains(&reply.status) {
            Error::Redirect(Box::new(Redirect {
                status: reply.status,
                location: reply.location,
                request_id: reply.request_id,
            }))
        } else {
            Error::Api(Box::new(ApiError::new(
                reply.status,
                reply.request_id,
                reply.retry_after,
                reply.body,
                &profile.errors,
                &self.known_secrets(own),
            )))
        })
    }
}

/// Records an attempt: an event in the call's span.
#[cfg(feature = "tracing")]
fn trace_attempt(
    number: u32,
    status: Option<u16>,
    headers: &HeaderMap,
    elapsed: Duration,
    profile: &Profile,
) {
    let request_id = request_id(headers, profile);
    let elapsed_ms = elapsed.as_secs_f64() * 1000.0;
    tracing::debug!(
        attempt = number,
        status,
        request_id = request_id.as_deref(),
        elapsed_ms,
        "attempt"
    );
}

impl Request {
    /// Adds the headers of every attempt besides the client's, the credentials' and the
    /// idempotency key: the body's type, `Accept`, header and cookie parameters (with the
    /// credentials' cookies), and the caller's own headers last. A value no header can hold is
    /// an [`Error::InvalidRequest`], before anything is sent.
    fn add_headers(
        &self,
        headers: &mut HeaderMap,
        credential_cookies: &[(&'static str, &str)],
    ) -> Result<(), Error> {
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
        if let Some((kind, _)) = &self.body {
            headers.insert(header::CONTENT_TYPE, value("content-type", kind)?);
        }
        if let Some(accept) = self.accept {
            headers.insert(header::ACCEPT, HeaderValue::from_static(accept));
        }
        for (name, text) in &self.headers {
            let name = HeaderName::try_from(*name).map_err(|_| invalid(name))?;
            let text = value(name.as_str(), text)?;
            headers.append(name, text);
        }
        if !self.cookies.is_empty() || !credential_cookies.is_empty() {
            let credentials = credential_cookies.iter().map(|(name, value)| {
                let value = percent_encoding::utf8_percent_encode(value, COOKIE);
                format!("{name}={value}")
            });
            let pairs: Vec<String> = self
                .cookies
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .chain(credentials)
                .collect();
            headers.insert(header::COOKIE, value("cookie", &pairs.join("; "))?);
        }
        let mut replaced: Vec<&HeaderName> = Vec::new();
        let options = self.options.as_deref().map_or(&[][..], |o| &o.headers[..]);
        let own: Vec<(HeaderName, HeaderValue)> = options
            .iter()
            .map(|(name, text)| {
                let name = HeaderName::try_from(name.as_str()).map_err(|_| invalid(name))?;
                let text = value(name.as_str(), text)?;
                Ok((name, text))
            })
            .collect::<Result<_, Error>>()?;
        for (name, text) in &own {
            if replaced.contains(&name) {
                headers.append(name.clone(), text.clone());
            } else {
                headers.insert(name.clone(), text.clone());
                replaced.push(name);
            }
        }
        Ok(())
    }
}

impl Ready {
    fn url(&self, request: &Request, credentials: &[(&'static str, &str)]) -> reqwest::Url {
        let mut url = self.base.clone();
        if self.base_path.is_empty() {
            url.set_path(&request.path);
        } else {
            url.set_path(&format!("{}{}", self.base_path, request.path));
        }
        if credentials.is_empty() {
            if !request.query.is_empty() {
                url.set_query(Some(request.query.as_str()));
            }
        } else {
            let mut query = request.query.clone();
            for (name, value) in credentials {
                query.push(name, value);
            }
            url.set_query(Some(query.as_str()));
        }
        url
    }
}

/// The request id a response names in the profile's header.
fn request_id(headers: &HeaderMap, profile: &Profile) -> Option<String> {
    let name = profile.request_id_header?;
    let value = headers.get(name)?.to_str().ok()?;
    Some(value.to_owned())
}

/// Reads status, the headers the client uses, and the whole body (bounded).
async fn read(mut response: reqwest::Response, profile: &Profile) -> Result<Reply, Error> {
    let status = response.status().as_u16();
    let headers = std::mem::take(response.headers_mut());
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
    Ok(Reply {
        status,
        headers,
        request_id,
        retry_after,
        location,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BEARER: Scheme = Scheme {
        name: "bearer",
        kind: auth::SchemeKind::Bearer,
        method: "api_key",
        per_request: false,
    };

    /// A profile whose operations take a bearer token.
    const PROFILE: Profile = Profile {
        schemes: &[BEARER],
        ..Profile::NONE
    };

    /// An operation taking the bearer token.
    fn op(method: Method) -> &'static Operation {
        const fn of(method: Method) -> Operation {
            Operation {
                id: "op",
                method,
                path: "/x",
                security: &[&["bearer"]],
            }
        }
        static GET: Operation = of(Method::Get);
        static POST: Operation = of(Method::Post);
        match method {
            Method::Get => &GET,
            Method::Post => &POST,
            other => unreachable!("no test operation for {other:?}"),
        }
    }

    fn builder() -> ClientBuilder {
        ClientBuilder::new("https://api.example.com", PROFILE).credential("bearer", "sk_test_123")
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
            builder().credential("basic", "x"),
            builder().base_url("not a url"),
            builder().base_url("ftp://example.com"),
            builder().base_url("mailto:a@b.c"),
            builder().base_url("https://example.com/?x=1"),
            builder().credential("bearer", "sk\nbad"),
        ];
        for b in cases {
            let err = b.clone().try_build().unwrap_err();
            assert!(matches!(err, Error::Config(_)), "{err:?}");
            assert!(!err.to_string().contains("sk\nbad"));
            assert!(b.build().base_url().is_none() || err.to_string().contains("credential"));
        }
    }

    #[tokio::test]
    async fn config_error_is_returned_by_requests() {
        let client = ClientBuilder::new("https://api.example.com", PROFILE).build();
        let err = client
            .execute_empty(Ok(Request::new(op(Method::Get), "/x")))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::MissingCredential(_)), "{err:?}");
        assert!(
            err.to_string()
                .contains("`api_key(..)` on the client builder"),
            "{err}"
        );
        let client = builder().base_url("ftp://x").build();
        let err = client
            .execute_empty(Ok(Request::new(op(Method::Get), "/x")))
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
        let request = Request::new(op(Method::Get), "/things/a%2Fb")
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
            assert_eq!(ready.url(&request, &[]).as_str(), expected);
        }
        // An object parameter is one query parameter per entry.
        let map = BTreeMap::from([("hd".to_string(), "example.com"), ("a b".to_string(), "&")]);
        let request = Request::new(op(Method::Get), "/x")
            .query_map(Some(&map))
            .query_map(None::<&BTreeMap<String, String>>);
        let client = builder().base_url("https://h.test").try_build().unwrap();
        let ready = client.inner.ready.as_ref().unwrap();
        assert_eq!(
            ready.url(&request, &[]).as_str(),
            "https://h.test/x?a+b=%26&hd=example.com"
        );
        // Array parameters in their style, their items encoded and the delimiters not.
        let request = Request::new(op(Method::Get), "/x")
            .query_list("ids", Some(["a", "b,c"]), ListStyle::Repeated)
            .query_list("tags", Some(["a", "b,c"]), ListStyle::Comma)
            .query_list("words", Some(["a", "b c"]), ListStyle::Space)
            .query_list("codes", Some(["a", "b|c"]), ListStyle::Pipe)
            .query_list("none", None::<[&str; 1]>, ListStyle::Comma)
            .query_list("empty", Some(Vec::<String>::new()), ListStyle::Comma);
        assert_eq!(
            ready.url(&request, &[]).as_str(),
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
            .credential("bearer", "sk_test_123")
            .retry_backoff(Duration::from_millis(1), Duration::from_millis(1))
            .build();
        let request = Request::new(op(Method::Post), "/things")
            .json("application/json", &"payload")
            .unwrap()
            .idempotency_key(Some("key-1".into()));
        let error = client.execute_empty(Ok(request)).await.unwrap_err();
        (error, heads.try_iter().collect())
    }

    #[tokio::test]
    async fn without_an_idempotency_header_no_key_is_sent_and_posts_are_not_retried() {
        let (error, heads) = post_with_key(PROFILE).await;
        assert_eq!(heads.len(), 1, "{heads:?}");
        assert!(!heads[0].contains("key-1"), "{}", heads[0]);
        assert_eq!((error.status(), error.request_id()), (Some(503), None));
    }

    #[tokio::test]
    async fn the_profile_names_the_idempotency_and_request_id_headers() {
        let profile = Profile {
            request_id_header: Some("X-Trace"),
            idempotency_header: Some("Request-Key"),
            ..PROFILE
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
        let request = Request::new(op(Method::Post), "/x")
            .json("application/json", &"payload")
            .unwrap();
        assert!(!format!("{request:?}").contains("payload"));
    }
}
