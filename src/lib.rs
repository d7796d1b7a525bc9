//! # WorkOS webhook endpoints
//!
//! A client for the WorkOS webhook-endpoints API, generated at build time from the OpenAPI
//! description in `spec/` by `build.rs` (see `workos-codegen`). The same code, as a standalone
//! crate for vendoring, is checked in as `generated/`.

include!(concat!(env!("OUT_DIR"), "/workos_webhooks.rs"));
