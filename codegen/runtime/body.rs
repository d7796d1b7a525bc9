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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_write_each_field_and_repeat_arrays() {
        #[derive(Serialize)]
        struct Login<'a> {
            user: &'a str,
            code: u32,
            scopes: Vec<&'a str>,
            extra: Option<&'a str>,
            nested: Value,
        }
        let body = Login {
            user: "a b&c",
            code: 7,
            scopes: vec!["read", "write"],
            extra: None,
            nested: serde_json::json!({"k": [1]}),
        };
        assert_eq!(
            form(&body).unwrap(),
            "code=7&nested=%7B%22k%22%3A%5B1%5D%7D&scopes=read&scopes=write&user=a+b%26c"
        );
        let err = form(&[1, 2]).unwrap_err();
        assert!(err.to_string().contains("found an array"), "{err}");
    }

    #[test]
    fn multipart_bodies_hold_each_part_between_boundaries() {
        let file = FilePart::new(b"\x00bytes".to_vec())
            .file_name("a \"b\".png")
            .content_type("image/png");
        let parts = Multipart::new()
            .text("title", Some("hi"))
            .text("none", None::<&str>)
            .texts("tags", Some(["a", "b"]))
            .json("meta", Some(&serde_json::json!({"k": 1})))
            .file("upload", Some(&file));
        let (kind, body) = parts.encode();
        let boundary = kind.strip_prefix("multipart/form-data; boundary=").unwrap();
        let body = String::from_utf8_lossy(&body).replace(boundary, "B");
        assert_eq!(
            body,
            "--B\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhi\r\n\
             --B\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\na\r\n\
             --B\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nb\r\n\
             --B\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"k\":1}\r\n\
             --B\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a %22b%22.png\"\r\nContent-Type: image/png\r\n\r\n\u{0}bytes\r\n\
             --B--\r\n"
        );
        assert!(!format!("{file:?}").contains("bytes\""), "{file:?}");
    }

    #[test]
    fn base64_matches_rfc_4648() {
        for (input, output) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), output);
        }
        let key = websocket_key();
        assert_eq!(key.len(), 24);
        assert_ne!(key, websocket_key());
    }
}
