//! The runtime the generated code needs. It is real Rust source in `codegen/runtime/`, embedded
//! here so the generator can copy it out: each generated crate (and the root package) gets the
//! modules its code uses (`model::runtime` decides which), compiled and tested there.

/// A runtime module: its name and source.
pub struct RuntimeFile {
    pub name: &'static str,
    pub source: &'static str,
    /// Re-exported at the crate root: `pub use runtime::<export>;`.
    pub export: Option<&'static str>,
}

impl RuntimeFile {
    /// The module as generated code holds it: its source without its unit tests, which run in
    /// this repository on the source itself (the root package's `runtime_tests`).
    pub fn code(&self) -> &'static str {
        match self.source.find("\n#[cfg(test)]\n") {
            Some(at) => &self.source[..=at],
            None => self.source,
        }
    }
}

pub const FILES: &[RuntimeFile] = &[
    RuntimeFile {
        name: "auth",
        source: include_str!("../../runtime/auth.rs"),
        export: None,
    },
    RuntimeFile {
        name: "body",
        source: include_str!("../../runtime/body.rs"),
        export: Some("body::{ByteStream, FilePart}"),
    },
    RuntimeFile {
        name: "client",
        source: include_str!("../../runtime/client.rs"),
        // `reqwest` itself, so that a caller's own client (`http_client`) is of the same version.
        export: Some("client::{BoxFuture, Client, ClientBuilder, Response, reqwest}"),
    },
    RuntimeFile {
        name: "error",
        source: include_str!("../../runtime/error.rs"),
        export: Some(
            "error::{ApiError, DecodeError, Error, Redirect, TransportError, ValidationError}",
        ),
    },
    RuntimeFile {
        name: "examples",
        source: include_str!("../../runtime/examples.rs"),
        export: None,
    },
    RuntimeFile {
        name: "hook",
        source: include_str!("../../runtime/hook.rs"),
        export: Some("hook::{Attempt, AttemptResponse, Hook}"),
    },
    RuntimeFile {
        name: "nullable",
        source: include_str!("../../runtime/nullable.rs"),
        export: None,
    },
    RuntimeFile {
        name: "open_enum",
        source: include_str!("../../runtime/open_enum.rs"),
        export: None,
    },
    RuntimeFile {
        name: "pagination",
        source: include_str!("../../runtime/pagination.rs"),
        export: Some("pagination::Paginator"),
    },
    RuntimeFile {
        name: "path",
        source: include_str!("../../runtime/path.rs"),
        export: None,
    },
    RuntimeFile {
        name: "query",
        source: include_str!("../../runtime/query.rs"),
        export: None,
    },
    RuntimeFile {
        name: "retry",
        source: include_str!("../../runtime/retry.rs"),
        export: None,
    },
    RuntimeFile {
        name: "secret",
        source: include_str!("../../runtime/secret.rs"),
        export: None,
    },
    RuntimeFile {
        name: "timestamp",
        source: include_str!("../../runtime/timestamp.rs"),
        export: None,
    },
    RuntimeFile {
        name: "union",
        source: include_str!("../../runtime/union.rs"),
        export: None,
    },
    RuntimeFile {
        name: "value_enum",
        source: include_str!("../../runtime/value_enum.rs"),
        export: None,
    },
    RuntimeFile {
        name: "webhook",
        source: include_str!("../../runtime/webhook.rs"),
        // Reached through the generated `webhook` module, which adds the API's scheme.
        export: None,
    },
];
