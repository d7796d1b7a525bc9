//! The runtime the generated code needs. It is real Rust source in `codegen/runtime/`, embedded
//! here so the generator can copy it out: each generated crate (and the root package) gets the
//! modules its code uses (`model::runtime` decides which), compiled and tested there.

/// A runtime module: its name and source.
pub struct RuntimeFile {
    pub name: &'static str,
    pub source: &'static str,
    /// Re-exported at the crate root: `pub use runtime::<export>;`.
    pub export: Option<&'static str>,
    /// How much of `source` is [`RuntimeFile::code`], found when compiling.
    code_len: usize,
}

impl RuntimeFile {
    const fn new(name: &'static str, source: &'static str, export: Option<&'static str>) -> Self {
        RuntimeFile {
            name,
            source,
            export,
            code_len: code_len(source),
        }
    }

    /// The module as generated code holds it: its source without its unit tests, which run in
    /// this repository on the source itself (the root package's `runtime_tests`).
    pub fn code(&self) -> &'static str {
        &self.source[..self.code_len]
    }
}

/// The length of `source` up to its `\n#[cfg(test)]\n` (that newline included), or all of it.
const fn code_len(source: &str) -> usize {
    let (bytes, marker) = (source.as_bytes(), b"\n#[cfg(test)]\n");
    let mut at = 0;
    while at + marker.len() <= bytes.len() {
        let mut same = 0;
        while same < marker.len() && bytes[at + same] == marker[same] {
            same += 1;
        }
        if same == marker.len() {
            return at + 1;
        }
        at += 1;
    }
    bytes.len()
}

pub const FILES: &[RuntimeFile] = &[
    RuntimeFile::new("auth", include_str!("../../runtime/auth.rs"), None),
    RuntimeFile::new(
        "body",
        include_str!("../../runtime/body.rs"),
        Some("body::{ByteStream, FilePart}"),
    ),
    // `reqwest` itself, so that a caller's own client (`http_client`) is of the same version.
    RuntimeFile::new(
        "client",
        include_str!("../../runtime/client.rs"),
        Some("client::{BoxFuture, Client, ClientBuilder, Response, reqwest}"),
    ),
    RuntimeFile::new(
        "error",
        include_str!("../../runtime/error.rs"),
        Some("error::{ApiError, DecodeError, Error, Redirect, TransportError, ValidationError}"),
    ),
    RuntimeFile::new("examples", include_str!("../../runtime/examples.rs"), None),
    RuntimeFile::new(
        "hook",
        include_str!("../../runtime/hook.rs"),
        Some("hook::{Attempt, AttemptResponse, Hook}"),
    ),
    RuntimeFile::new(
        "json_rule",
        include_str!("../../runtime/json_rule.rs"),
        None,
    ),
    RuntimeFile::new("nullable", include_str!("../../runtime/nullable.rs"), None),
    RuntimeFile::new(
        "open_enum",
        include_str!("../../runtime/open_enum.rs"),
        None,
    ),
    RuntimeFile::new(
        "pagination",
        include_str!("../../runtime/pagination.rs"),
        Some("pagination::Paginator"),
    ),
    RuntimeFile::new("path", include_str!("../../runtime/path.rs"), None),
    RuntimeFile::new("pattern", include_str!("../../runtime/pattern.rs"), None),
    RuntimeFile::new("query", include_str!("../../runtime/query.rs"), None),
    RuntimeFile::new("retry", include_str!("../../runtime/retry.rs"), None),
    RuntimeFile::new("secret", include_str!("../../runtime/secret.rs"), None),
    RuntimeFile::new(
        "timestamp",
        include_str!("../../runtime/timestamp.rs"),
        None,
    ),
    RuntimeFile::new("union", include_str!("../../runtime/union.rs"), None),
    RuntimeFile::new(
        "validate",
        include_str!("../../runtime/validate.rs"),
        Some("validate::{Validate, Violation, Violations}"),
    ),
    RuntimeFile::new(
        "value_enum",
        include_str!("../../runtime/value_enum.rs"),
        None,
    ),
    // Reached through the generated `webhook` module, which adds the API's scheme.
    RuntimeFile::new("webhook", include_str!("../../runtime/webhook.rs"), None),
];
