//! # WorkOS webhook endpoints
//!
//! A client for the WorkOS webhook-endpoints API, generated at build time from the OpenAPI
//! description in `spec/` by `build.rs` (see `workos-codegen`). The same code, as a standalone
//! crate for vendoring, is checked in as `generated/`.

include!(concat!(env!("OUT_DIR"), "/workos_webhooks.rs"));

/// The runtime's unit tests, on its real sources in `codegen/runtime/`: every module, whichever
/// this crate's spec uses. Generated code holds the runtime without them.
#[cfg(test)]
#[allow(dead_code, unused_imports)]
#[path = "../codegen/runtime"]
mod runtime_tests {
    pub mod auth;
    pub mod body;
    pub mod client;
    pub mod error;
    pub mod examples;
    pub mod hook;
    pub mod json_rule;
    pub mod nullable;
    pub mod open_enum;
    pub mod pagination;
    pub mod path;
    pub mod pattern;
    pub mod query;
    pub mod retry;
    pub mod secret;
    pub mod timestamp;
    pub mod union;
    pub mod validate;
    pub mod value_enum;
    pub mod webhook;
}
