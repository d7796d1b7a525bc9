/// Support code the generated modules use, copied from the generator's `runtime/` folder.
#[allow(dead_code, unused_imports, unexpected_cfgs)]
pub mod runtime {
pub mod auth {
//! Credentials: the API's security schemes (the spec's `securitySchemes`), the credentials a
//! client or one request holds, and what an attempt sends for its operation's `security`.
//!
//! Each operation lists the alternatives it accepts, each a set of schemes that must all be
//! held (`security: [{a: []}, {b: []}]`: `a` or `b`; an empty list: no credential). The first
//! alternative whose credentials are all held is sent; a request's own credential wins over the
//! client's. When none can be sent the call fails before anything is sent, naming the method that
//! gives the missing credential.

use reqwest::header::{self, HeaderMap, HeaderName, HeaderValue};

use std::fmt;

use super::error::Error;
use super::secret::{REDACTED, SecretString};

/// How a scheme's credential is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>` (http `bearer`, and OAuth 2 and OpenID Connect tokens).
    Bearer,
    /// `Authorization: Basic <base64 of user:password>` (http `basic`).
    Basic,
    /// An API key in the header of this name.
    Header(&'static str),
    /// An API key in the query parameter of this name.
    Query(&'static str),
    /// An API key in the cookie of this name.
    Cookie(&'static str),
}

/// A security scheme of the API, as the generated `api::PROFILE` lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scheme {
    /// Its name in the spec's `securitySchemes`.
    pub name: &'static str,
    pub kind: SchemeKind,
    /// The generated method that gives its credential (for messages).
    pub method: &'static str,
    /// Given on each request that needs it, not on the client builder.
    pub per_request: bool,
}

/// The security of an operation: the alternatives it accepts, each the names of the schemes it
/// needs together. Empty: the operation takes no credential.
pub type Security = &'static [&'static [&'static str]];

/// Credentials by scheme name, each with what it sends, computed once.
#[derive(Clone, Default)]
pub(crate) struct Credentials {
    held: Vec<Held>,
}

#[derive(Clone)]
struct Held {
    scheme: Scheme,
    secret: SecretString,
    /// The header value of a credential sent in a header (`Bearer ...`), marked sensitive.
    header: Option<HeaderValue>,
}

impl Credentials {
    /// Sets the credential of `scheme` (replacing an earlier one); an error when it cannot be
    /// sent as the scheme says (characters no header may hold).
    pub(crate) fn set(&mut self, scheme: Scheme, secret: SecretString) -> Result<(), String> {
        let header = match scheme.kind {
            SchemeKind::Bearer => Some(format!("Bearer {}", secret.expose())),
            SchemeKind::Basic => Some(format!("Basic {}", base64(secret.expose().as_bytes()))),
            SchemeKind::Header(_) => Some(secret.expose().to_owned()),
            SchemeKind::Query(_) | SchemeKind::Cookie(_) => None,
        };
        let header = match header.map(HeaderValue::try_from) {
            Some(Ok(mut value)) => {
                value.set_sensitive(true);
                Some(value)
            }
            Some(Err(_)) => {
                return Err(format!(
                    "the credential of `{}(..)` has characters not allowed in an HTTP header",
                    scheme.method
                ));
            }
            None => None,
        };
        self.held.retain(|held| held.scheme.name != scheme.name);
        self.held.push(Held {
            scheme,
            secret,
            header,
        });
        Ok(())
    }

    fn get(&self, name: &str) -> Option<&Held> {
        self.held.iter().find(|held| held.scheme.name == name)
    }

    /// Every secret held, to mask in text kept in errors.
    pub(crate) fn secrets(&self) -> impl Iterator<Item = &str> {
        self.held.iter().map(|held| held.secret.expose())
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let held = self.held.iter().map(|held| (held.scheme.name, REDACTED));
        f.debug_map().entries(held).finish()
    }
}

/// What an attempt sends for the credentials besides headers: query pairs and cookies.
pub(crate) struct Sent<'c> {
    pub(crate) query: Vec<(&'static str, &'c str)>,
    pub(crate) cookies: Vec<(&'static str, &'c str)>,
}

/// Puts the credentials of the first alternative of `security` that the request or the client
/// holds into `headers`, and returns its query pairs and cookies. `schemes` are the API's (for
/// the message naming what to set when no alternative is held), `operation` the call's method
/// and path template.
pub(crate) fn apply<'c>(
    schemes: &[Scheme],
    security: Security,
    request: &'c Credentials,
    client: &'c Credentials,
    headers: &mut HeaderMap,
    operation: (&str, &str),
) -> Result<Sent<'c>, Error> {
    let mut sent = Sent {
        query: Vec::new(),
        cookies: Vec::new(),
    };
    if security.is_empty() {
        return Ok(sent);
    }
    let held = |name: &str| request.get(name).or_else(|| client.get(name));
    let Some(alternative) = security
        .iter()
        .find(|alternative| alternative.iter().all(|name| held(name).is_some()))
    else {
        return Err(missing(schemes, security, &held, operation));
    };
    for held in alternative.iter().filter_map(|name| held(name)) {
        let secret = held.secret.expose();
        match (held.scheme.kind, &held.header) {
            (SchemeKind::Header(name), Some(value)) => {
                let name = HeaderName::try_from(name)
                    .map_err(|_| Error::Config(format!("`{name}` is not an HTTP header name")))?;
                headers.insert(name, value.clone());
            }
            (_, Some(value)) => {
                headers.insert(header::AUTHORIZATION, value.clone());
            }
            (SchemeKind::Query(name), None) => sent.query.push((name, secret)),
            (SchemeKind::Cookie(name), None) => sent.cookies.push((name, secret)),
            (_, None) => {}
        }
    }
    Ok(sent)
}

/// The error of a call none of whose alternatives is held: the methods that give what is missing.
fn missing<'c>(
    schemes: &[Scheme],
    security: Security,
    held: &impl Fn(&str) -> Option<&'c Held>,
    (method, path): (&str, &str),
) -> Error {
    let setter = |name: &str| match schemes.iter().find(|scheme| scheme.name == name) {
        Some(scheme) if scheme.per_request => format!("`{}(..)` on the request", scheme.method),
        Some(scheme) => format!("`{}(..)` on the client builder", scheme.method),
        None => format!("a credential of scheme `{name}`"),
    };
    let alternatives: Vec<String> = security
        .iter()
        .map(|alternative| {
            let needed: Vec<String> = alternative
                .iter()
                .filter(|name| held(name).is_none())
                .map(|name| setter(name))
                .collect();
            needed.join(" and ")
        })
        .collect();
    let needs = match alternatives.as_slice() {
        [one] => one.clone(),
        several => format!("one of {}", several.join(", or ")),
    };
    Error::MissingCredential(format!("`{method} {path}` needs a credential: set {needs}"))
}

/// The credentials given to one request, by scheme name, as they are sent.
pub(crate) fn own(
    schemes: &[Scheme],
    given: &[(&'static str, SecretString)],
) -> Result<Credentials, Error> {
    let mut own = Credentials::default();
    for (name, secret) in given {
        let scheme = schemes
            .iter()
            .find(|scheme| scheme.name == *name)
            .ok_or_else(|| Error::InvalidRequest(format!("no security scheme `{name}`")))?;
        own.set(*scheme, secret.clone())
            .map_err(Error::InvalidRequest)?;
    }
    Ok(own)
}

/// Standard base64 with padding (RFC 4648 §4).
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let word = chunk
            .iter()
            .enumerate()
            .fold(0u32, |word, (i, b)| word | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(word >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

}
pub mod body {
//! Bodies other than JSON: form, multipart, text and byte request bodies, and results that are
//! text, bytes (whole or streamed), a redirect or an upgraded connection. Shipped only to crates
//! whose operations have them; the JSON ones are the client's own.

use std::pin::Pin;
use std::task::{Context, Poll, ready};

use serde::Serialize;
use serde_json::Value;

use super::auth::base64;
use super::client::{BoxFuture, Client, Expect, Received, Request, Response};
use super::error::{Error, Redirect};
use super::query::{Query, text};
use super::retry::random;

/// The connection an upgrade (`101 Switching Protocols`) hands over: it reads and writes with
/// tokio's `AsyncRead` and `AsyncWrite`.
pub use reqwest::Upgraded;

impl Request {
    /// Sets an `application/x-www-form-urlencoded` body: each field of `body` (a struct or a
    /// map) as `name=value`, in name order (the same with and without serde_json's
    /// `preserve_order`). As OpenAPI's default for forms (`style: form`,
    /// `explode: true`) says, an array is one pair per item; an object or an array inside an
    /// array is its JSON text; a `null` field is left out.
    pub fn form(mut self, body: &impl Serialize) -> Result<Self, Error> {
        let kind = "application/x-www-form-urlencoded";
        self.body = Some((kind.to_owned(), form(body)?.into_bytes()));
        Ok(self)
    }

    /// Sets a `multipart/form-data` body of `parts`.
    pub fn multipart(mut self, parts: Multipart) -> Result<Self, Error> {
        if let Some(message) = parts.error {
            return Err(Error::InvalidRequest(message));
        }
        let (kind, body) = parts.encode();
        self.body = Some((kind, body));
        Ok(self)
    }

    /// Sets a text body of type `content_type` (`text/plain`, `text/x-markdown`, ...).
    pub fn text(mut self, content_type: &str, body: &str) -> Self {
        self.body = Some((content_type.to_owned(), body.as_bytes().to_vec()));
        self
    }

    /// Sets a body of raw bytes of type `content_type` (`application/octet-stream`, ...).
    pub fn bytes(mut self, content_type: &str, body: &[u8]) -> Self {
        self.body = Some((content_type.to_owned(), body.to_vec()));
        self
    }

    /// Asks the server to switch this connection to `protocol` (`101 Switching Protocols`).
    /// For `websocket`, the opening handshake's headers are sent too (RFC 6455 §4.1), so the
    /// upgraded connection can be handed to a WebSocket library (tokio-tungstenite's
    /// `WebSocketStream::from_raw_socket`, say) as an already-opened client connection.
    pub fn upgrade(mut self, protocol: &'static str) -> Self {
        self.headers.push(("connection", "upgrade".into()));
        self.headers.push(("upgrade", protocol.into()));
        if protocol.eq_ignore_ascii_case("websocket") {
            self.headers.push(("sec-websocket-version", "13".into()));
            self.headers.push(("sec-websocket-key", websocket_key()));
        }
        self.expect(Expect::Upgrade)
    }
}

/// A file for a `multipart/form-data` part: its bytes, and the file name and content type sent
/// with them (`application/octet-stream` when none is given). `Debug` shows its size, not its
/// bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    bytes: Vec<u8>,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// A file of these bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// The file name the part says (`filename="report.pdf"`).
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// The part's `Content-Type` (`image/png`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

impl std::fmt::Debug for FilePart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FilePart")
            .field("bytes", &self.bytes.len())
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// The parts of a `multipart/form-data` body, in the order they are added. As OpenAPI's
/// defaults say: a string, number or boolean is a text part, an array of them a part per item,
/// an object (or an array of objects) one `application/json` part, a file a part with its file
/// name and type.
#[derive(Debug, Default)]
pub struct Multipart {
    parts: Vec<Part>,
    /// The first value that could not be serialized.
    error: Option<String>,
}

#[derive(Debug)]
struct Part {
    name: &'static str,
    file_name: Option<String>,
    content_type: Option<String>,
    bytes: Vec<u8>,
}

impl Multipart {
    pub fn new() -> Self {
        Self::default()
    }

    /// A text part when `value` is set.
    pub fn text(mut self, name: &'static str, value: Option<impl std::fmt::Display>) -> Self {
        if let Some(value) = value {
            self.push(name, None, None, value.to_string().into_bytes());
        }
        self
    }

    /// A text part per item when `items` is set.
    pub fn texts<I>(mut self, name: &'static str, items: Option<I>) -> Self
    where
        I: IntoIterator,
        I::Item: std::fmt::Display,
    {
        for item in items.into_iter().flatten() {
            self = self.text(name, Some(item));
        }
        self
    }

    /// An `application/json` part when `value` is set.
    pub fn json(mut self, name: &'static str, value: Option<&impl Serialize>) -> Self {
        if let Some(value) = value {
            match serde_json::to_vec(value) {
                Ok(bytes) => self.push(name, None, Some("application/json".into()), bytes),
                Err(e) => {
                    let message = format!("cannot serialize part `{name}`: {e}");
                    self.error.get_or_insert(message);
                }
            }
        }
        self
    }

    /// A file part when `file` is set.
    pub fn file(mut self, name: &'static str, file: Option<&FilePart>) -> Self {
        if let Some(file) = file {
            let kind = file
                .content_type
                .clone()
                .unwrap_or_else(|| "application/octet-stream".into());
            let file_name = Some(file.file_name.clone().unwrap_or_else(|| name.into()));
            self.push(name, file_name, Some(kind), file.bytes.clone());
        }
        self
    }

    /// A file part per file when `files` is set.
    pub fn files<'f>(
        mut self,
        name: &'static str,
        files: Option<impl IntoIterator<Item = &'f FilePart>>,
    ) -> Self {
        for file in files.into_iter().flatten() {
            self = self.file(name, Some(file));
        }
        self
    }

    fn push(
        &mut self,
        name: &'static str,
        file_name: Option<String>,
        content_type: Option<String>,
        bytes: Vec<u8>,
    ) {
        self.parts.push(Part {
            name,
            file_name,
            content_type,
            bytes,
        });
    }

    /// The body and its `Content-Type`, with a boundary that occurs in no part.
    fn encode(&self) -> (String, Vec<u8>) {
        let mut seed = 0u64;
        let boundary = loop {
            let boundary = format!("----form-{:016x}{seed:x}", random());
            let marker = format!("--{boundary}");
            let clashes = self
                .parts
                .iter()
                .any(|part| contains(&part.bytes, marker.as_bytes()));
            if !clashes {
                break boundary;
            }
            seed += 1;
        };
        let mut body = Vec::new();
        for part in &self.parts {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let mut head = format!(
                "Content-Disposition: form-data; name=\"{}\"",
                quoted(part.name)
            );
            if let Some(file_name) = &part.file_name {
                head.push_str(&format!("; filename=\"{}\"", quoted(file_name)));
            }
            if let Some(kind) = &part.content_type {
                head.push_str(&format!(
                    "\r\nContent-Type: {}",
                    kind.replace(['\r', '\n'], "")
                ));
            }
            body.extend_from_slice(head.as_bytes());
            body.extend_from_slice(b"\r\n\r\n");
            body.extend_from_slice(&part.bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (format!("multipart/form-data; boundary={boundary}"), body)
    }
}

/// A name or file name inside `"..."`, as the HTML standard escapes them.
fn quoted(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// `body` as `application/x-www-form-urlencoded` (see [`Request::form`]).
fn form(body: &impl Serialize) -> Result<String, Error> {
    let fields = match serde_json::to_value(body) {
        Ok(Value::Object(fields)) => fields,
        Ok(other) => {
            let found = kind(&other);
            return Err(Error::InvalidRequest(format!(
                "a form body must be an object of fields, found {found}"
            )));
        }
        Err(e) => {
            return Err(Error::InvalidRequest(format!(
                "cannot serialize the request body: {e}"
            )));
        }
    };
    let mut fields: Vec<(&String, &Value)> = fields.iter().collect();
    fields.sort_by_key(|(name, _)| *name);
    let mut query = Query::default();
    for (name, value) in fields {
        match value {
            Value::Null => {}
            Value::Array(items) => {
                for item in items {
                    query.push(name, text(item));
                }
            }
            other => query.push(name, text(other)),
        }
    }
    Ok(query.as_str().to_owned())
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

/// A fresh `Sec-WebSocket-Key`: 16 random bytes in base64. The key is not a secret; it only
/// shows the server understood the handshake, so the standard library's random hasher seeds do.
fn websocket_key() -> String {
    let mut bytes = Vec::with_capacity(16);
    for _ in 0..2 {
        bytes.extend_from_slice(&random().to_le_bytes());
    }
    base64(&bytes)
}

impl Client {
    /// Sends `request` and returns the text body of the 2xx response (UTF-8).
    #[doc(hidden)]
    pub async fn execute_text(
        &self,
        request: Result<Request, Error>,
    ) -> Result<Response<String>, Error> {
        let mut reply = self.read(request?).await?;
        match String::from_utf8(std::mem::take(&mut reply.body)) {
            Ok(text) => Ok(reply.respond(text)),
            Err(e) => {
                let message = format!("not UTF-8 text: {e}");
                reply.body = e.into_bytes();
                Err(self.decode_error(&reply, message, None))
            }
        }
    }

    /// Sends `request` and returns the body of the 2xx response as bytes (at most 16 MiB;
    /// [`execute_stream`](Self::execute_stream) has no bound).
    #[doc(hidden)]
    pub async fn execute_bytes(
        &self,
        request: Result<Request, Error>,
    ) -> Result<Response<Vec<u8>>, Error> {
        let mut reply = self.read(request?).await?;
        let body = std::mem::take(&mut reply.body);
        Ok(reply.respond(body))
    }

    /// Sends `request` and returns the body of the 2xx response as a stream of chunks, read
    /// as it is polled (retries happen before the body: a stream cut short is an error item).
    #[doc(hidden)]
    pub async fn execute_stream(
        &self,
        request: Result<Request, Error>,
    ) -> Result<Response<ByteStream>, Error> {
        Ok(match self.attempts(request?, true).await? {
            Received::Open(head, response) => head.with(ByteStream::open(response)),
            Received::Read(mut reply) => {
                let body = std::mem::take(&mut reply.body);
                reply.respond(ByteStream::read(body))
            }
        })
    }

    /// Sends `request` and returns where the 3xx response points (a 2xx one is returned with
    /// its status and no location). The redirect is not followed.
    #[doc(hidden)]
    pub async fn execute_redirect(
        &self,
        request: Result<Request, Error>,
    ) -> Result<Response<Redirect>, Error> {
        let mut reply = self.read(request?.expect(Expect::Redirect)).await?;
        let redirect = Redirect {
            status: reply.status,
            location: reply.location.take(),
            request_id: reply.request_id.clone(),
        };
        Ok(reply.respond(redirect))
    }

    /// Sends `request` (made with [`Request::upgrade`]) and returns the connection the server
    /// switched to with `101 Switching Protocols`. Needs HTTP/1.1 (not HTTP/2).
    #[doc(hidden)]
    pub async fn execute_upgrade(
        &self,
        request: Result<Request, Error>,
    ) -> Result<Response<Upgraded>, Error> {
        match self.attempts(request?, true).await? {
            Received::Open(head, response) => {
                let upgraded = response.upgrade().await.map_err(Error::transport)?;
                Ok(head.with(upgraded))
            }
            Received::Read(reply) => {
                Err(self.decode_error(&reply, "the response switched no protocol".into(), None))
            }
        }
    }
}

type Chunk = (
    reqwest::Response,
    Result<Option<bytes::Bytes>, reqwest::Error>,
);

/// The body of a response as it arrives, chunk by chunk: a `futures` `Stream` of
/// `Result<Bytes, Error>`, with no bound on its size. It ends after the last chunk, or after an
/// error item.
pub struct ByteStream {
    state: State,
}

enum State {
    /// Reading the next chunk (the future owns the response and gives it back).
    Reading(BoxFuture<'static, Chunk>),
    /// A body already read whole, not yet handed out.
    Whole(bytes::Bytes),
    Done,
}

impl ByteStream {
    fn open(response: reqwest::Response) -> Self {
        Self {
            state: State::Reading(next_chunk(response)),
        }
    }

    fn read(body: Vec<u8>) -> Self {
        Self {
            state: State::Whole(body.into()),
        }
    }

    /// Reads the whole rest of the stream (at most `limit` bytes; more is an error).
    pub async fn collect(mut self, limit: usize) -> Result<Vec<u8>, Error> {
        let mut body = Vec::new();
        while let Some(chunk) = std::future::poll_fn(|cx| Pin::new(&mut self).poll_chunk(cx)).await
        {
            body.extend_from_slice(&chunk?);
            if body.len() > limit {
                return Err(Error::InvalidRequest(format!(
                    "the response body exceeds {limit} bytes"
                )));
            }
        }
        Ok(body)
    }

    fn poll_chunk(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<bytes::Bytes, Error>>> {
        match std::mem::replace(&mut self.state, State::Done) {
            State::Done => Poll::Ready(None),
            State::Whole(body) => Poll::Ready((!body.is_empty()).then_some(Ok(body))),
            State::Reading(mut next) => match next.as_mut().poll(cx) {
                Poll::Pending => {
                    self.state = State::Reading(next);
                    Poll::Pending
                }
                Poll::Ready((_, Ok(None))) => Poll::Ready(None),
                Poll::Ready((_, Err(e))) => Poll::Ready(Some(Err(Error::transport(e)))),
                Poll::Ready((response, Ok(Some(chunk)))) => {
                    self.state = State::Reading(next_chunk(response));
                    Poll::Ready(Some(Ok(chunk)))
                }
            },
        }
    }
}

fn next_chunk(mut response: reqwest::Response) -> BoxFuture<'static, Chunk> {
    Box::pin(async move {
        let chunk = response.chunk().await;
        (response, chunk)
    })
}

impl futures_core::Stream for ByteStream {
    type Item = Result<bytes::Bytes, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let chunk = ready!(self.get_mut().poll_chunk(cx));
        Poll::Ready(chunk)
    }
}

impl std::fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match self.state {
            State::Reading(_) => "reading",
            State::Whole(_) => "read",
            State::Done => "done",
        };
        f.debug_struct("ByteStream").field("state", &state).finish()
    }
}

}
pub mod client {
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
    /// The API answered with a redirect (3xx) where the operation returns a result: the client
    /// follows no redirect, and says where it pointed.
    #[error(transparent)]
    Redirect(Box<Redirect>),
    /// A 2xx response whose body is not what the operation returns.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// The parameters cannot form a request (e.g. an empty path parameter); nothing was sent.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The request breaks a value constraint of the spec (`minimum`, `maxLength`, `pattern`,
    /// ...): each violation names the parameter (`/query/limit`) or body field (`/body/...`)
    /// and the rule; nothing was sent.
    #[error("invalid request: {0}")]
    Validation(super::validate::Violations),
    /// The client is misconfigured (e.g. a bad base URL, a credential no header can hold);
    /// nothing was sent.
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// The operation needs a credential neither the request nor the client holds (the message
    /// names the method that sets it); nothing was sent.
    #[error("missing credential: {0}")]
    MissingCredential(String),
}

impl Error {
    /// The API error, when the server answered with a non-2xx status.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::Api(api) => Some(api),
            _ => None,
        }
    }

    /// The value constraints the request broke, when it was not sent for them.
    pub fn violations(&self) -> Option<&super::validate::Violations> {
        match self {
            Self::Validation(violations) => Some(violations),
            _ => None,
        }
    }

    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api(api) => Some(api.status),
            Self::Redirect(redirect) => Some(redirect.status),
            Self::Decode(decode) => Some(decode.status),
            _ => None,
        }
    }

    /// The request id the response carried, when there was one (see
    /// [`ApiError::request_id`]); quote it to the API's support.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Api(api) => api.request_id(),
            Self::Redirect(redirect) => redirect.request_id(),
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

    /// The error without the request's URL in a transport error's message (it holds query
    /// credentials).
    pub(crate) fn without_url(self) -> Self {
        match self {
            Self::Timeout(TransportError(e)) => Self::Timeout(TransportError(e.without_url())),
            Self::Transport(TransportError(e)) => Self::Transport(TransportError(e.without_url())),
            other => other,
        }
    }

    /// Whether the request may succeed if sent again (the client decides whether it is
    /// safe to send again).
    pub(crate) fn is_retryable(&self) -> bool {
        match self {
            Self::Api(api) => api.is_retryable(),
            Self::Timeout(_) | Self::Transport(_) => true,
            Self::Redirect(_)
            | Self::Decode(_)
            | Self::InvalidRequest(_)
            | Self::Validation(_)
            | Self::Config(_)
            | Self::MissingCredential(_) => false,
        }
    }
}

/// A redirect (3xx) response: its status and where it points. The client never follows
/// redirects (a request's credentials must not go to another host): an operation whose result
/// is a redirect returns this, and any other operation fails with [`Error::Redirect`].
///
/// `Display` and `Debug` show the location without its query, which often holds a token (signed
/// download URLs); [`location`](Self::location) gives all of it.
#[derive(Clone, PartialEq, Eq)]
pub struct Redirect {
    pub(crate) status: u16,
    pub(crate) location: Option<String>,
    pub(crate) request_id: Option<String>,
}

impl Redirect {
    /// The HTTP status (301, 302, 303, 307, 308, or another 3xx such as 304 Not Modified).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `Location` header: where the resource is, or what to fetch next.
    pub fn location(&self) -> Option<&str> {
        self.location.as_deref()
    }

    /// The request id the response carried (see [`ApiError::request_id`]).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl Redirect {
    /// The location without its query and fragment.
    fn shown_location(&self) -> &str {
        let location = self.location.as_deref().unwrap_or("no location");
        location.split(['?', '#']).next().unwrap_or(location)
    }
}

impl fmt::Display for Redirect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "redirected with status {} to {}",
            self.status,
            self.shown_location()
        )
    }
}

impl fmt::Debug for Redirect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Redirect")
            .field("status", &self.status)
            .field("location", &self.shown_location())
            .field("request_id", &self.request_id)
            .finish()
    }
}

impl std::error::Error for Redirect {}

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

}
pub mod examples {
//! Checks that a spec example fits its generated type (used by the generated tests).

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::validate::Validate;

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

/// [`round_trip`], then the value's checks: `Ok` when it also breaks no value constraint.
pub fn round_trip_valid<T: DeserializeOwned + Serialize + Validate>(
    json: &str,
) -> Result<(), String> {
    round_trip::<T>(json)?;
    let typed: T = serde_json::from_str(json).map_err(|err| err.to_string())?;
    typed
        .validate()
        .map_err(|violations| format!("breaks a value constraint: {violations}"))
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

}
pub mod hook {
//! Hooks: the caller's code, run by the client around every attempt of every call (token
//! refresh, logging, metrics). Set with `ClientBuilder::hook`; a client without hooks does no
//! work for them.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderMap;

use super::client::{BoxFuture, Method, Operation};
use super::error::Error;

/// Code run around each attempt. Both methods do nothing unless overridden; both may await
/// (return `Box::pin(async move { ... })`).
///
/// ```ignore
/// struct Refresh(TokenSource);
///
/// impl Hook for Refresh {
///     fn before_attempt<'a>(&'a self, attempt: &'a mut Attempt<'_>) -> BoxFuture<'a, Result<(), Error>> {
///         Box::pin(async move {
///             let token = self.0.current().await;
///             let value = format!("Bearer {token}").try_into().map_err(|_| Error::Config("bad token".into()))?;
///             attempt.headers_mut().insert(reqwest::header::AUTHORIZATION, value);
///             Ok(())
///         })
///     }
/// }
/// ```
pub trait Hook: Send + Sync {
    /// Runs before each attempt is sent, retries included, in the order hooks were added. It may
    /// add, replace or remove headers of this attempt; an error ends the call with that error,
    /// this attempt unsent.
    fn before_attempt<'a>(
        &'a self,
        attempt: &'a mut Attempt<'_>,
    ) -> BoxFuture<'a, Result<(), Error>> {
        let _ = attempt;
        Box::pin(std::future::ready(Ok(())))
    }

    /// Runs when each attempt's response arrives (its status and headers; the body is not read
    /// yet), whatever its status, before the client decides to retry. Not run for an attempt
    /// that got no response (a timeout, a refused connection).
    fn after_response<'a>(&'a self, response: &'a AttemptResponse<'_>) -> BoxFuture<'a, ()> {
        let _ = response;
        Box::pin(std::future::ready(()))
    }
}

/// A hook the caller keeps a handle to (to read what it recorded, say).
impl<H: Hook + ?Sized> Hook for Arc<H> {
    fn before_attempt<'a>(
        &'a self,
        attempt: &'a mut Attempt<'_>,
    ) -> BoxFuture<'a, Result<(), Error>> {
        (**self).before_attempt(attempt)
    }

    fn after_response<'a>(&'a self, response: &'a AttemptResponse<'_>) -> BoxFuture<'a, ()> {
        (**self).after_response(response)
    }
}

/// One attempt about to be sent, as a hook sees it.
pub struct Attempt<'r> {
    pub(crate) operation: &'r Operation,
    pub(crate) number: u32,
    pub(crate) headers: &'r mut HeaderMap,
}

impl Attempt<'_> {
    /// The spec's `operationId` of the operation (or its method name when it has none).
    pub fn operation_id(&self) -> &'static str {
        self.operation.id
    }

    pub fn method(&self) -> Method {
        self.operation.method
    }

    /// The path template (`/webhook_endpoints/{id}`), not the path with its values.
    pub fn path_template(&self) -> &'static str {
        self.operation.path
    }

    /// 1 for the first attempt, 2 for the first retry, and so on.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The headers this attempt sends: the client's, the credentials, the request's own.
    pub fn headers(&self) -> &HeaderMap {
        self.headers
    }

    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        self.headers
    }
}

/// The response to one attempt, as a hook sees it.
pub struct AttemptResponse<'r> {
    pub(crate) operation: &'r Operation,
    pub(crate) number: u32,
    pub(crate) status: u16,
    pub(crate) headers: &'r HeaderMap,
    pub(crate) elapsed: Duration,
}

impl AttemptResponse<'_> {
    /// See [`Attempt::operation_id`].
    pub fn operation_id(&self) -> &'static str {
        self.operation.id
    }

    pub fn method(&self) -> Method {
        self.operation.method
    }

    /// See [`Attempt::path_template`].
    pub fn path_template(&self) -> &'static str {
        self.operation.path
    }

    /// Which attempt this answers: 1 for the first, 2 for the first retry, and so on.
    pub fn attempt(&self) -> u32 {
        self.number
    }

    pub fn status(&self) -> u16 {
        self.status
    }

    pub fn headers(&self) -> &HeaderMap {
        self.headers
    }

    /// From sending this attempt to its response's headers.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }
}

}
pub mod json_rule {
//! The value checks a Rust type cannot carry as typed code: `not`, `if`/`then`/`else`,
//! `contains`, `uniqueItems`, `dependentSchemas`, `propertyNames`, `unevaluated*`, and every
//! check of a place the generated type holds as `serde_json::Value`. The generator writes such a
//! schema as JSON text (its `$ref`s written out in place); this module reads it once and checks
//! the value's JSON against it, as JSON Schema 2020-12 defines each keyword (with the earlier
//! drafts' forms of `items`, `dependencies` and boolean `exclusiveMinimum`). `format` is an
//! annotation here, as in 2020-12; `$dynamicRef` is not followed (the generator warns).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::Serialize;
use serde_json::{Map, Value};

use super::pattern;
use super::validate::{Pointer, Violations, is_multiple};

/// A schema the generated code checks as JSON: where it is in the spec, and its text.
pub struct JsonRule {
    /// `file#pointer` of the schema (violations add the keyword's path inside it).
    schema: &'static str,
    text: &'static str,
    parsed: OnceLock<Value>,
}

impl JsonRule {
    pub const fn new(schema: &'static str, text: &'static str) -> Self {
        JsonRule {
            schema,
            text,
            parsed: OnceLock::new(),
        }
    }

    /// Reports what of `value`, written as JSON, the schema rejects.
    pub fn check<T: Serialize + ?Sized>(&self, value: &T, at: &Pointer, out: &mut Violations) {
        // The generator writes the text from a JSON value: it parses.
        let schema = self
            .parsed
            .get_or_init(|| serde_json::from_str(self.text).unwrap_or(Value::Bool(true)));
        let instance = match serde_json::to_value(value) {
            Ok(instance) => instance,
            Err(err) => {
                let message = format!("cannot be written as JSON: {err}");
                out.push(at, self.schema, "type", message);
                return;
            }
        };
        let mut found = Vec::new();
        walk(
            schema,
            &instance,
            &mut Path::new(schema),
            &mut Some(&mut found),
        );
        for f in found {
            let schema = format!("{}{}", self.schema, f.schema);
            out.push_within(at, &f.instance, schema, f.keyword, f.message);
        }
    }
}

/// One violation, with both pointers relative to where the walk started.
struct Found {
    instance: String,
    schema: String,
    keyword: &'static str,
    message: String,
}

/// How many `$ref`s deep a walk goes in one instance location: a schema that refers to itself
/// without going into the instance (`{"$ref": "#"}`) stops there.
const MAX_REF_DEPTH: usize = 256;

/// Where the walk is: in the instance, and in the schema; the rule's root schema (what a
/// `$ref` of `#<pointer>` names), and how many `$ref`s deep the walk is.
struct Path<'r> {
    instance: String,
    schema: String,
    root: &'r Value,
    depth: usize,
}

impl<'r> Path<'r> {
    fn new(root: &'r Value) -> Self {
        Path {
            instance: String::new(),
            schema: String::new(),
            root,
            depth: 0,
        }
    }

    /// A walk of its own at the same place, whose violations are not reported (`anyOf`,
    /// `oneOf`, `not`, `if`, `contains`).
    fn fresh(&self) -> Path<'r> {
        Path {
            depth: self.depth,
            ..Path::new(self.root)
        }
    }

    fn found(&self, keyword: &'static str, message: String) -> Found {
        Found {
            instance: self.instance.clone(),
            schema: format!("{}/{keyword}", self.schema),
            keyword,
            message,
        }
    }
}

/// What a schema evaluated of an object or array it accepted, for `unevaluated*`.
#[derive(Default)]
struct Evaluated {
    properties: BTreeSet<String>,
    all_properties: bool,
    /// The first items (`prefixItems`).
    items: usize,
    all_items: bool,
    /// Items `contains` matched.
    matched: BTreeSet<usize>,
}

impl Evaluated {
    fn merge(&mut self, other: Evaluated) {
        self.properties.extend(other.properties);
        self.all_properties |= other.all_properties;
        self.items = self.items.max(other.items);
        self.all_items |= other.all_items;
        self.matched.extend(other.matched);
    }
}

/// `Sink`: where violations go; `None` when only whether the value is valid matters.
type Sink<'s> = Option<&'s mut Vec<Found>>;

fn report(sink: &mut Sink<'_>, failed: &mut bool, found: impl FnOnce() -> Found) {
    *failed = true;
    if let Some(sink) = sink {
        sink.push(found());
    }
}

fn is_valid(schema: &Value, instance: &Value, path: &Path<'_>) -> bool {
    walk(schema, instance, &mut path.fresh(), &mut None).is_some()
}

/// Walks `schema` over `instance`: `Some` of what it evaluated when valid, `None` when not
/// (with the violations in `sink`).
fn walk(
    schema: &Value,
    instance: &Value,
    path: &mut Path<'_>,
    sink: &mut Sink<'_>,
) -> Option<Evaluated> {
    let keywords = match schema {
        Value::Bool(true) => return Some(Evaluated::default()),
        Value::Bool(false) => {
            if let Some(sink) = sink {
                sink.push(Found {
                    instance: path.instance.clone(),
                    schema: path.schema.clone(),
                    keyword: "false",
                    message: "no value is valid here (`false`)".into(),
                });
            }
            return None;
        }
        Value::Object(keywords) => keywords,
        _ => return Some(Evaluated::default()),
    };
    let mut failed = false;
    let mut evaluated = Evaluated::default();
    assertions(keywords, instance, path, sink, &mut failed);
    applicators(keywords, instance, path, sink, &mut failed, &mut evaluated);
    match instance {
        Value::Array(items) => array(keywords, items, path, sink, &mut failed, &mut evaluated),
        Value::Object(map) => object(keywords, map, path, sink, &mut failed, &mut evaluated),
        _ => {}
    }
    (!failed).then_some(evaluated)
}

/// Runs `schema` on a part of the instance (`instance_token`) at the keyword path `keyword`.
fn sub(
    schema: &Value,
    instance: &Value,
    path: &mut Path<'_>,
    keyword: &str,
    instance_token: Option<&str>,
    sink: &mut Sink<'_>,
) -> Option<Evaluated> {
    let (schema_len, instance_len) = (path.schema.len(), path.instance.len());
    path.schema.push('/');
    path.schema.push_str(keyword);
    if let Some(token) = instance_token {
        path.instance.push('/');
        for c in token.chars() {
            match c {
                '~' => path.instance.push_str("~0"),
                '/' => path.instance.push_str("~1"),
                c => path.instance.push(c),
            }
        }
    }
    let result = walk(schema, instance, path, sink);
    path.schema.truncate(schema_len);
    path.instance.truncate(instance_len);
    result
}

fn assertions(
    keywords: &Map<String, Value>,
    instance: &Value,
    path: &Path<'_>,
    sink: &mut Sink<'_>,
    failed: &mut bool,
) {
    if let Some(types) = keywords.get("type") {
        let nullable = keywords.get("nullable") == Some(&Value::Bool(true));
        let fits = match types {
            Value::String(name) => has_type(instance, name),
            Value::Array(names) => names
                .iter()
                .any(|name| name.as_str().is_some_and(|name| has_type(instance, name))),
            _ => true,
        };
        // OpenAPI 3.0's `nullable: true` allows `null` beside the type.
        let null_allowed = nullable && instance.is_null();
        if !(fits || null_allowed) {
            report(sink, failed, || {
                path.found("type", format!("{} is not of type {types}", kind(instance)))
            });
        }
    }
    if let Some(Value::Array(values)) = keywords.get("enum") {
        if !values.iter().any(|value| equal(value, instance)) {
            report(sink, failed, || {
                path.found("enum", "not one of the listed values".into())
            });
        }
    }
    if let Some(constant) = keywords.get("const") {
        if !equal(constant, instance) {
            report(sink, failed, || {
                path.found("const", format!("not the constant {constant}"))
            });
        }
    }
    match instance {
        Value::Number(number) => {
            let value = number.as_f64().unwrap_or(f64::NAN);
            numeric(keywords, value, path, sink, failed);
        }
        Value::String(text) => {
            let length = text.chars().count() as u64;
            if let Some(min) = keywords.get("minLength").and_then(count_of) {
                if length < min {
                    report(sink, failed, || {
                        path.found(
                            "minLength",
                            format!("{length} characters, fewer than the minimum {min}"),
                        )
                    });
                }
            }
            if let Some(max) = keywords.get("maxLength").and_then(count_of) {
                if length > max {
                    report(sink, failed, || {
                        path.found(
                            "maxLength",
                            format!("{length} characters, more than the maximum {max}"),
                        )
                    });
                }
            }
            if let Some(Value::String(source)) = keywords.get("pattern") {
                if !pattern::matches(source, text) {
                    report(sink, failed, || {
                        path.found("pattern", format!("does not match the pattern `{source}`"))
                    });
                }
            }
        }
        _ => {}
    }
}

fn numeric(
    keywords: &Map<String, Value>,
    value: f64,
    path: &Path<'_>,
    sink: &mut Sink<'_>,
    failed: &mut bool,
) {
    let number = |key: &str| keywords.get(key).and_then(Value::as_f64);
    let flag = |key: &str| keywords.get(key) == Some(&Value::Bool(true));
    if let Some(min) = number("minimum") {
        // Draft 04 and OpenAPI 3.0: `exclusiveMinimum: true` makes `minimum` exclusive.
        if flag("exclusiveMinimum") && value <= min {
            report(sink, failed, || {
                path.found(
                    "minimum",
                    format!("{value} is not greater than the exclusive minimum {min}"),
                )
            });
        } else if value < min {
            report(sink, failed, || {
                path.found("minimum", format!("{value} is less than the minimum {min}"))
            });
        }
    }
    if let Some(max) = number("maximum") {
        if flag("exclusiveMaximum") && value >= max {
            report(sink, failed, || {
                path.found(
                    "maximum",
                    format!("{value} is not less than the exclusive maximum {max}"),
                )
            });
        } else if value > max {
            report(sink, failed, || {
                path.found(
                    "maximum",
                    format!("{value} is greater than the maximum {max}"),
                )
            });
        }
    }
    if let Some(min) = number("exclusiveMinimum") {
        if value <= min {
            report(sink, failed, || {
                path.found(
                    "exclusiveMinimum",
                    format!("{value} is not greater than {min}"),
                )
            });
        }
    }
    if let Some(max) = number("exclusiveMaximum") {
        if value >= max {
            report(sink, failed, || {
                path.found(
                    "exclusiveMaximum",
                    format!("{value} is not less than {max}"),
                )
            });
        }
    }
    if let Some(divisor) = number("multipleOf") {
        if !is_multiple(value, divisor) {
            report(sink, failed, || {
                path.found(
                    "multipleOf",
                    format!("{value} is not a multiple of {divisor}"),
                )
            });
        }
    }
}

fn applicators(
    keywords: &Map<String, Value>,
    instance: &Value,
    path: &mut Path<'_>,
    sink: &mut Sink<'_>,
    failed: &mut bool,
    evaluated: &mut Evaluated,
) {
    // `#<pointer>` within the rule: where the generator wrote a recursive `$ref`.
    if let Some(Value::String(reference)) = keywords.get("$ref") {
        let target = reference
            .strip_prefix('#')
            .and_then(|p| path.root.pointer(p));
        if let Some(target) = target.filter(|_| path.depth < MAX_REF_DEPTH) {
            path.depth += 1;
            let found = sub(target, instance, path, "$ref", None, sink);
            path.depth -= 1;
            match found {
                Some(found) => evaluated.merge(found),
                None => *failed = true,
            }
        }
    }
    if let Some(Value::Array(members)) = keywords.get("allOf") {
        for (i, member) in members.iter().enumerate() {
            match sub(member, instance, path, &format!("allOf/{i}"), None, sink) {
                Some(found) => evaluated.merge(found),
                None => *failed = true,
            }
        }
    }
    if let Some(Value::Array(members)) = keywords.get("anyOf") {
        let mut any = false;
        for member in members {
            // Every member that matches counts for `unevaluated*`.
            if let Some(found) = walk(member, instance, &mut path.fresh(), &mut None) {
                evaluated.merge(found);
                any = true;
            }
        }
        if !any {
            report(sink, failed, || {
                path.found("anyOf", "matches none of the schemas".into())
            });
        }
    }
    if let Some(Value::Array(members)) = keywords.get("oneOf") {
        let mut matching = members
            .iter()
            .filter_map(|member| walk(member, instance, &mut path.fresh(), &mut None));
        match (matching.next(), matching.next()) {
            (Some(found), None) => evaluated.merge(found),
            (None, _) => report(sink, failed, || {
                path.found("oneOf", "matches none of the schemas".into())
            }),
            (Some(_), Some(_)) => report(sink, failed, || {
                path.found("oneOf", "matches more than one of the schemas".into())
            }),
        }
    }
    if let Some(not) = keywords.get("not") {
        if is_valid(not, instance, path) {
            report(sink, failed, || {
                path.found("not", "matches the schema of `not`".into())
            });
        }
    }
    if let Some(condition) = keywords.get("if") {
        let branch = match walk(condition, instance, &mut path.fresh(), &mut None) {
            Some(found) => {
                evaluated.merge(found);
                keywords.get("then").map(|then| (then, "then"))
            }
            None => keywords.get("else").map(|other| (other, "else")),
        };
        if let Some((schema, keyword)) = branch {
            match sub(schema, instance, path, keyword, None, sink) {
                Some(found) => evaluated.merge(found),
                None => *failed = true,
            }
        }
    }
    if let Some(Value::Object(dependent)) = keywords.get("dependentSchemas") {
        if let Value::Object(map) = instance {
            for (key, schema) in dependent {
                if map.contains_key(key) {
                    let keyword = format!("dependentSchemas/{}", escape(key));
                    match sub(schema, instance, path, &keyword, None, sink) {
                        Some(found) => evaluated.merge(found),
                        None => *failed = true,
                    }
                }
            }
        }
    }
}

fn array(
    keywords: &Map<String, Value>,
    items: &[Value],
    path: &mut Path<'_>,
    sink: &mut Sink<'_>,
    failed: &mut bool,
    evaluated: &mut Evaluated,
) {
    let count = items.len() as u64;
    if let Some(min) = keywords.get("minItems").and_then(count_of) {
        if count < min {
            report(sink, failed, || {
                path.found(
                    "minItems",
                    format!("{count} items, fewer than the minimum {min}"),
                )
            });
        }
    }
    if let Some(max) = keywords.get("maxItems").and_then(count_of) {
        if count > max {
            report(sink, failed, || {
                path.found(
                    "maxItems",
                    format!("{count} items, more than the maximum {max}"),
                )
            });
        }
    }
    if keywords.get("uniqueItems") == Some(&Value::Bool(true)) {
        let repeated = (1..items.len()).find(|&j| (0..j).any(|i| equal(&items[i], &items[j])));
        if let Some(j) = repeated {
            report(sink, failed, || {
                path.found("uniqueItems", format!("item {j} repeats an earlier item"))
            });
        }
    }
    // `prefixItems`, or (drafts before 2020-12) `items` as an array with `additionalItems`.
    let (prefix, prefix_key, rest, rest_key) =
        match (keywords.get("prefixItems"), keywords.get("items")) {
            (Some(Value::Array(prefix)), rest) => (prefix.as_slice(), "prefixItems", rest, "items"),
            (None, Some(Value::Array(prefix))) => (
                prefix.as_slice(),
                "items",
                keywords.get("additionalItems"),
                "additionalItems",
            ),
            (_, rest) => (&[][..], "prefixItems", rest, "items"),
        };
    for (i, (schema, item)) in prefix.iter().zip(items).enumerate() {
        let index = i.to_string();
        if sub(
            schema,
            item,
            path,
            &format!("{prefix_key}/{i}"),
            Some(&index),
            sink,
        )
        .is_none()
        {
            *failed = true;
        }
    }
    evaluated.items = evaluated.items.max(prefix.len().min(items.len()));
    if let Some(rest) = rest {
        for (i, item) in items.iter().enumerate().skip(prefix.len()) {
            if sub(rest, item, path, rest_key, Some(&i.to_string()), sink).is_none() {
                *failed = true;
            }
        }
        evaluated.all_items = true;
    }
    if let Some(contains) = keywords.get("contains") {
        let matching: Vec<usize> = (0..items.len())
            .filter(|&i| is_valid(contains, &items[i], path))
            .collect();
        let found = matching.len() as u64;
        let min = keywords
            .get("minContains")
            .and_then(Value::as_u64)
            .unwrap_or(1);
        let max = keywords.get("maxContains").and_then(count_of);
        if found < min {
            let keyword = if keywords.contains_key("minContains") {
                "minContains"
            } else {
                "contains"
            };
            report(sink, failed, || {
                path.found(
                    keyword,
                    format!("{found} items match `contains`, fewer than {min}"),
                )
            });
        }
        if let Some(max) = max.filter(|&max| found > max) {
            report(sink, failed, || {
                path.found(
                    "maxContains",
                    format!("{found} items match `contains`, more than {max}"),
                )
            });
        }
        // Items `contains` matched are evaluated (2020-12).
        evaluated.matched.extend(matching);
    }
    if let Some(unevaluated) = keywords.get("unevaluatedItems") {
        if !evaluated.all_items {
            let unseen = items
                .iter()
                .enumerate()
                .skip(evaluated.items)
                .filter(|(i, _)| !evaluated.matched.contains(i));
            for (i, item) in unseen {
                if sub(
                    unevaluated,
                    item,
                    path,
                    "unevaluatedItems",
                    Some(&i.to_string()),
                    sink,
                )
                .is_none()
                {
                    *failed = true;
                }
            }
        }
        evaluated.all_items = true;
    }
}

fn object(
    keywords: &Map<String, Value>,
    map: &Map<String, Value>,
    path: &mut Path<'_>,
    sink: &mut Sink<'_>,
    failed: &mut bool,
    evaluated: &mut Evaluated,
) {
    let count = map.len() as u64;
    if let Some(min) = keywords.get("minProperties").and_then(count_of) {
        if count < min {
            report(sink, failed, || {
                path.found(
                    "minProperties",
                    format!("{count} properties, fewer than the minimum {min}"),
                )
            });
        }
    }
    if let Some(max) = keywords.get("maxProperties").and_then(count_of) {
        if count > max {
            report(sink, failed, || {
                path.found(
                    "maxProperties",
                    format!("{count} properties, more than the maximum {max}"),
                )
            });
        }
    }
    if let Some(Value::Array(required)) = keywords.get("required") {
        for key in required.iter().filter_map(Value::as_str) {
            if !map.contains_key(key) {
                report(sink, failed, || {
                    path.found("required", format!("the property `{key}` is missing"))
                });
            }
        }
    }
    let dependent_required = keywords
        .get("dependentRequired")
        .into_iter()
        .map(|d| (d, "dependentRequired"));
    let dependencies = keywords
        .get("dependencies")
        .into_iter()
        .map(|d| (d, "dependencies"));
    for (dependent, keyword) in dependent_required.chain(dependencies) {
        let Value::Object(dependent) = dependent else {
            continue;
        };
        for (key, needs) in dependent.iter().filter(|(key, _)| map.contains_key(*key)) {
            match needs {
                Value::Array(needs) => {
                    for needed in needs.iter().filter_map(Value::as_str) {
                        if !map.contains_key(needed) {
                            report(sink, failed, || {
                                path.found(
                                    keyword,
                                    format!("`{key}` is present, so `{needed}` must be"),
                                )
                            });
                        }
                    }
                }
                // Draft 7's `dependencies` with a schema: `dependentSchemas`.
                schema => {
                    let instance = Value::Object(map.clone());
                    let keyword = format!("{keyword}/{}", escape(key));
                    match sub(schema, &instance, path, &keyword, None, sink) {
                        Some(found) => evaluated.merge(found),
                        None => *failed = true,
                    }
                }
            }
        }
    }
    if let Some(names) = keywords.get("propertyNames") {
        for key in map.keys() {
            let name = Value::String(key.clone());
            if sub(names, &name, path, "propertyNames", Some(key), sink).is_none() {
                *failed = true;
            }
        }
    }
    let properties = keywords.get("properties").and_then(Value::as_object);
    let patterns = keywords.get("patternProperties").and_then(Value::as_object);
    for (key, value) in map {
        let mut listed = false;
        if let Some(schema) = properties.and_then(|p| p.get(key)) {
            listed = true;
            let keyword = format!("properties/{}", escape(key));
            if sub(schema, value, path, &keyword, Some(key), sink).is_none() {
                *failed = true;
            }
        }
        for (source, schema) in patterns.into_iter().flatten() {
            if pattern::matches(source, key) {
                listed = true;
                let keyword = format!("patternProperties/{}", escape(source));
                if sub(schema, value, path, &keyword, Some(key), sink).is_none() {
                    *failed = true;
                }
            }
        }
        if listed {
            evaluated.properties.insert(key.clone());
        } else if let Some(additional) = keywords.get("additionalProperties") {
            evaluated.properties.insert(key.clone());
            if sub(
                additional,
                value,
                path,
                "additionalProperties",
                Some(key),
                sink,
            )
            .is_none()
            {
                *failed = true;
            }
        }
    }
    if let Some(unevaluated) = keywords.get("unevaluatedProperties") {
        if !evaluated.all_properties {
            for (key, value) in map {
                if !evaluated.properties.contains(key)
                    && sub(
                        unevaluated,
                        value,
                        path,
                        "unevaluatedProperties",
                        Some(key),
                        sink,
                    )
                    .is_none()
                {
                    *failed = true;
                }
            }
        }
        evaluated.all_properties = true;
    }
}

/// A count keyword's value: a non-negative integer, also written as one (`2.0`).
fn count_of(value: &Value) -> Option<u64> {
    value.as_u64().or_else(|| {
        let float = value.as_f64()?;
        (float >= 0.0 && float.fract() == 0.0).then_some(float as u64)
    })
}

fn has_type(instance: &Value, name: &str) -> bool {
    match (name, instance) {
        ("null", Value::Null)
        | ("boolean", Value::Bool(_))
        | ("string", Value::String(_))
        | ("array", Value::Array(_))
        | ("object", Value::Object(_))
        | ("number", Value::Number(_)) => true,
        // `1.0` is an integer, as JSON Schema counts them.
        ("integer", Value::Number(n)) => {
            n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        _ => false,
    }
}

/// JSON Schema's equality: numbers by value (`1` equals `1.0`), objects without order.
fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| equal(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, value)| y.get(key).is_some_and(|other| equal(value, other)))
        }
        _ => a == b,
    }
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

/// A JSON pointer token.
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
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

}
pub mod pattern {
//! `pattern` and `patternProperties`: ECMA-262 regular expressions, run with the `regex` crate.
//!
//! What differs from ECMA-262: `\d`, `\D`, `\w`, `\W` are rewritten to their ASCII classes, as
//! ECMA-262 defines them (the `regex` crate's are Unicode-wide); `\s` is Unicode whitespace in
//! both. Look-around and backreferences, which the `regex` crate does not have, make a pattern
//! the generator warns about; such a pattern is not checked (every string matches). Matching
//! is unanchored, as in JSON Schema: `pattern: "a"` matches `"bab"`.

use std::sync::OnceLock;

use regex::Regex;

use super::validate::{Pointer, Violations};

/// A pattern of the schema, compiled once, when first used.
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// Whether `value` matches (any string, when the pattern does not compile).
    pub fn is_match(&self, value: &str) -> bool {
        self.compiled
            .get_or_init(|| compile(self.source))
            .as_ref()
            .is_none_or(|regex| regex.is_match(value))
    }

    /// `pattern`: reports `value` when it does not match.
    pub fn check(&self, value: &str, at: &Pointer, schema: &str, out: &mut Violations) {
        if !self.is_match(value) {
            let message = format!("does not match the pattern `{}`", self.source);
            out.push(at, schema, "pattern", message);
        }
    }
}

/// Whether `value` matches the pattern `source`, compiled now (for patterns read from JSON).
pub fn matches(source: &str, value: &str) -> bool {
    compile(source).is_none_or(|regex| regex.is_match(value))
}

/// The `regex` crate's form of an ECMA-262 pattern; `None` when it has no such form.
fn compile(source: &str) -> Option<Regex> {
    Regex::new(&ecma_classes(source)).ok()
}

/// `\d`, `\D`, `\w` and `\W` as ECMA-262's ASCII classes.
fn ecma_classes(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('d') => out.push_str("[0-9]"),
            Some('D') => out.push_str("[^0-9]"),
            Some('w') => out.push_str("[A-Za-z0-9_]"),
            Some('W') => out.push_str("[^A-Za-z0-9_]"),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
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

/// A value without `Display` (a union of strings and numbers, say) as path or query text: the
/// JSON it serializes to, a string without its quotes.
pub fn text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
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
    (random() >> 11) as f64 / (1u64 << 53) as f64
}

/// 64 random bits, from the same source as [`jitter`] (not for secrets).
pub(crate) fn random() -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.finish()
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

}
pub mod validate {
//! Value checks: what a schema says about values that a Rust type cannot hold (string lengths
//! and patterns, numeric bounds, item and property counts, `not`, `if`/`then`/`else`, ...).
//! Decoding enforces the structure (types, `required`, enums, `const`, tags,
//! `additionalProperties: false`); [`Validate::validate`] checks the rest, and reports every
//! violation, each with the instance's JSON pointer and the pointer of the schema rule.
//!
//! Every generated type implements [`Validate`]; requests are checked before they are sent.

use std::fmt;

/// A value the schema constrains beyond its Rust type.
pub trait Validate {
    /// Every violation of the schema's value constraints, or `Ok(())`.
    fn validate(&self) -> Result<(), Violations> {
        let mut at = Pointer::default();
        let mut out = Violations::default();
        self.check(&mut at, &mut out);
        out.into_result()
    }

    /// Adds the violations of this value, found at `at`, to `out`.
    fn check(&self, at: &mut Pointer, out: &mut Violations);
}

/// The JSON pointer of the value being checked, grown and shrunk as the check descends.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pointer(String);

impl Pointer {
    /// Steps into the property `key`; returns the mark [`Pointer::back`] returns to.
    pub fn key(&mut self, key: &str) -> usize {
        let mark = self.0.len();
        self.0.push('/');
        if !key.contains(['~', '/']) {
            self.0.push_str(key);
            return mark;
        }
        for c in key.chars() {
            match c {
                '~' => self.0.push_str("~0"),
                '/' => self.0.push_str("~1"),
                c => self.0.push(c),
            }
        }
        mark
    }

    /// Steps into the item at `index`.
    pub fn index(&mut self, index: usize) -> usize {
        use fmt::Write;
        let mark = self.0.len();
        let _ = write!(self.0, "/{index}");
        mark
    }

    /// Back to where [`Pointer::key`] or [`Pointer::index`] stepped from.
    pub fn back(&mut self, mark: usize) {
        self.0.truncate(mark);
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One value that breaks one rule of the schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The JSON pointer of the value, in the value validated (`/events/0`; `""` for the value
    /// itself). A request's parameters are under `/path`, `/query`, `/header`, `/cookie` and
    /// its body under `/body`.
    pub instance: String,
    /// Where the rule is in the spec, as `file#pointer` (`openapi.json#/.../minimum`).
    pub schema: String,
    /// The keyword that failed (`minimum`, `pattern`, ...).
    pub keyword: &'static str,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.instance.is_empty() {
            "the value"
        } else {
            &self.instance
        };
        write!(f, "{at}: {} ({})", self.message, self.schema)
    }
}

/// Every violation a value has, in the order found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Violations(Vec<Violation>);

impl Violations {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// `Ok(())` when there are none.
    pub fn into_result(self) -> Result<(), Violations> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }

    /// Records a violation of the rule `schema` (`file#pointer` of the keyword) at `at`.
    pub fn push(
        &mut self,
        at: &Pointer,
        schema: &str,
        keyword: &'static str,
        message: impl Into<String>,
    ) {
        self.0.push(Violation {
            instance: at.as_str().to_string(),
            schema: schema.to_string(),
            keyword,
            message: message.into(),
        });
    }

    /// Records a violation found inside the value at `at` (at `instance`, a JSON pointer
    /// relative to it).
    pub fn push_within(
        &mut self,
        at: &Pointer,
        instance: &str,
        schema: String,
        keyword: &'static str,
        message: String,
    ) {
        self.0.push(Violation {
            instance: format!("{}{instance}", at.as_str()),
            schema,
            keyword,
            message,
        });
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'v> IntoIterator for &'v Violations {
    type Item = &'v Violation;
    type IntoIter = std::slice::Iter<'v, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

// Containers check what they hold; the generated types check their own fields.

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn check(&self, at: &mut Pointer, out: &mut Violations) {
        (**self).check(at, out);
    }
}

impl<T: Validate> Validate for Option<T> {
    fn check(&self, at: &mut Pointer, out: &mut Violations) {
        if let Some(value) = self {
            value.check(at, out);
        }
    }
}

impl<T: Validate> Validate for [T] {
    fn check(&self, at: &mut Pointer, out: &mut Violations) {
        for (index, item) in self.iter().enumerate() {
            let mark = at.index(index);
            item.check(at, out);
            at.back(mark);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn check(&self, at: &mut Pointer, out: &mut Violations) {
        self.as_slice().check(at, out);
    }
}

impl<T: Validate> Validate for std::collections::BTreeMap<String, T> {
    fn check(&self, at: &mut Pointer, out: &mut Violations) {
        for (key, value) in self {
            let mark = at.key(key);
            value.check(at, out);
            at.back(mark);
        }
    }
}

impl<T: Validate, S> Validate for std::collections::HashMap<String, T, S> {
    fn check(&self, at: &mut Pointer, out: &mut Violations) {
        for (key, value) in self {
            let mark = at.key(key);
            value.check(at, out);
            at.back(mark);
        }
    }
}

/// Runs `check` on each item, at its index.
pub fn each_item<T>(
    items: &[T],
    at: &mut Pointer,
    out: &mut Violations,
    check: impl Fn(&T, &mut Pointer, &mut Violations),
) {
    for (index, item) in items.iter().enumerate() {
        let mark = at.index(index);
        check(item, at, out);
        at.back(mark);
    }
}

/// Runs `check` on each value of a map, at its key.
pub fn each_value<T>(
    map: &std::collections::BTreeMap<String, T>,
    at: &mut Pointer,
    out: &mut Violations,
    check: impl Fn(&T, &mut Pointer, &mut Violations),
) {
    for (key, value) in map {
        let mark = at.key(key);
        check(value, at, out);
        at.back(mark);
    }
}

/// Values a schema cannot constrain beyond their type (the generated code names these where a
/// container of them meets a type that has checks).
macro_rules! unconstrained {
    ($($ty:ty),*) => {$(
        impl Validate for $ty {
            fn check(&self, _: &mut Pointer, _: &mut Violations) {}
        }
    )*};
}

unconstrained!(
    String,
    str,
    bool,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    f64,
    serde_json::Value
);

/// A number, as bounds and `multipleOf` compare it.
pub trait Number {
    fn to_f64(&self) -> f64;
}

macro_rules! number {
    ($($ty:ty),*) => {$(
        impl Number for $ty {
            fn to_f64(&self) -> f64 {
                *self as f64
            }
        }
    )*};
}

number!(i8, i16, i32, i64, u8, u16, u32, u64, f64);

/// `minLength`: at least `min` characters (Unicode code points, as JSON Schema counts them).
pub fn min_length(value: &str, min: u64, at: &Pointer, schema: &str, out: &mut Violations) {
    let length = value.chars().count() as u64;
    if length < min {
        out.push(
            at,
            schema,
            "minLength",
            format!("{length} characters, fewer than the minimum {min}"),
        );
    }
}

/// `maxLength`: at most `max` characters.
pub fn max_length(value: &str, max: u64, at: &Pointer, schema: &str, out: &mut Violations) {
    // Counting stops once past the maximum: a long string costs no more than that.
    let length = value.chars().take(max as usize + 1).count() as u64;
    if length > max {
        out.push(
            at,
            schema,
            "maxLength",
            format!("more than the maximum {max} characters"),
        );
    }
}

/// `minimum` (`exclusive`: `exclusiveMinimum`).
pub fn minimum<N: Number>(
    value: &N,
    bound: f64,
    exclusive: bool,
    at: &Pointer,
    schema: &str,
    out: &mut Violations,
) {
    let value = value.to_f64();
    if exclusive && value <= bound {
        let message = format!("{value} is not greater than the exclusive minimum {bound}");
        out.push(at, schema, "exclusiveMinimum", message);
    } else if !exclusive && value < bound {
        let message = format!("{value} is less than the minimum {bound}");
        out.push(at, schema, "minimum", message);
    }
}

/// `maximum` (`exclusive`: `exclusiveMaximum`).
pub fn maximum<N: Number>(
    value: &N,
    bound: f64,
    exclusive: bool,
    at: &Pointer,
    schema: &str,
    out: &mut Violations,
) {
    let value = value.to_f64();
    if exclusive && value >= bound {
        let message = format!("{value} is not less than the exclusive maximum {bound}");
        out.push(at, schema, "exclusiveMaximum", message);
    } else if !exclusive && value > bound {
        let message = format!("{value} is greater than the maximum {bound}");
        out.push(at, schema, "maximum", message);
    }
}

/// `multipleOf`: `value / divisor` is an integer (within the rounding of binary floats, so that
/// `0.0075` is a multiple of `0.0001`).
pub fn multiple_of<N: Number>(
    value: &N,
    divisor: f64,
    at: &Pointer,
    schema: &str,
    out: &mut Violations,
) {
    let value = value.to_f64();
    if !is_multiple(value, divisor) {
        let message = format!("{value} is not a multiple of {divisor}");
        out.push(at, schema, "multipleOf", message);
    }
}

/// Whether `value` is a multiple of `divisor` (see [`multiple_of`]).
pub fn is_multiple(value: f64, divisor: f64) -> bool {
    let quotient = value / divisor;
    quotient.is_finite()
        && (quotient - quotient.round()).abs() <= quotient.abs() * 4.0 * f64::EPSILON
}

/// `minItems`, `minProperties`, `minContains`: a count of at least `min`.
pub fn min_count(
    count: usize,
    min: u64,
    keyword: &'static str,
    at: &Pointer,
    schema: &str,
    out: &mut Violations,
) {
    if (count as u64) < min {
        let what = what_counts(keyword);
        out.push(
            at,
            schema,
            keyword,
            format!("{count} {what}, fewer than the minimum {min}"),
        );
    }
}

/// `maxItems`, `maxProperties`, `maxContains`: a count of at most `max`.
pub fn max_count(
    count: usize,
    max: u64,
    keyword: &'static str,
    at: &Pointer,
    schema: &str,
    out: &mut Violations,
) {
    if count as u64 > max {
        let what = what_counts(keyword);
        out.push(
            at,
            schema,
            keyword,
            format!("{count} {what}, more than the maximum {max}"),
        );
    }
}

/// `uniqueItems` on items whose equality is JSON's (strings, integers, booleans).
pub fn unique_items<T: PartialEq>(items: &[T], at: &Pointer, schema: &str, out: &mut Violations) {
    let repeated = (1..items.len()).find(|&j| items[..j].contains(&items[j]));
    if let Some(j) = repeated {
        let message = format!("item {j} repeats an earlier item");
        out.push(at, schema, "uniqueItems", message);
    }
}

fn what_counts(keyword: &str) -> &'static str {
    match keyword {
        "minProperties" | "maxProperties" => "properties",
        "minContains" | "maxContains" => "matching items",
        _ => "items",
    }
}

}
pub mod value_enum {
//! Enums of JSON values that are not all strings (`[512, 2048, 4096]`, `[true]`, `[1, "a",
//! {"b": 2}]`): a value decodes to the variant whose value it equals, as JSON Schema compares
//! values (`1` equals `1.0`; objects regardless of key order). They are closed: any other value
//! is an error, since no Rust type holds "one of these numbers, or any other".

use serde::de::{self, Deserialize, Deserializer};
use serde_json::Value;

/// Decodes one of `all`, each of which `value` turns into its JSON value; `name` is the enum's,
/// for the error.
pub fn deserialize<'de, D, T>(
    deserializer: D,
    all: &[T],
    value: fn(&T) -> Value,
    name: &str,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Copy,
{
    let found = Value::deserialize(deserializer)?;
    all.iter()
        .copied()
        .find(|known| equal(&value(known), &found))
        .ok_or_else(|| de::Error::custom(format_args!("`{found}` is not a value of `{name}`")))
}

/// JSON Schema's equality of values: numbers by their value, arrays item by item, objects key
/// by key, whatever the order of their keys.
pub fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => match (x.as_u64(), y.as_u64()) {
                (Some(x), Some(y)) => x == y,
                _ => x.as_f64() == y.as_f64(),
            },
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| equal(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, x)| y.get(key).is_some_and(|y| equal(x, y)))
        }
        _ => a == b,
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
//! locally. (The example names the module by its path in a generated crate, `runtime::webhook`;
//! the module's unit tests run the same steps.)
//!
//! ```ignore
//! use std::time::{Duration, SystemTime};
//! use runtime::webhook::{Event, Scheme, TimeUnit, Verifier};
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

}
}
