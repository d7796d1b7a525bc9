// @generated: copied from workos-codegen's `runtime/error.rs`. Do not edit by hand:
// regenerate with `cargo codegen`.

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

