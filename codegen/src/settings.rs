//! Naming rules and overrides, read from a TOML file kept beside the spec (`spec/codegen.toml`),
//! plus how the output is laid out. Nothing spec-specific lives in generator code.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Error, Location};

/// The settings file looked for in the spec folder.
pub const SETTINGS_FILE: &str = "codegen.toml";

/// How generated files are laid out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// A standalone crate: `Cargo.toml`, `README.md`, `src/lib.rs` and one file per module.
    #[default]
    Crate,
    /// One file holding every module inline, for `include!` from `OUT_DIR` (like prost-build).
    Module { file_name: String },
}

/// Everything that shapes the output besides the spec itself.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Warnings (valid constructs the generated types cannot follow exactly) are errors.
    #[serde(default)]
    pub strict: bool,
    /// The generated crate's package metadata.
    #[serde(default)]
    pub package: Package,
    #[serde(default)]
    pub naming: Naming,
    /// Names for schemas, by JSON pointer (`#/components/schemas/X/properties/y`) or by file and
    /// pointer (`schemas/X.json#/properties/y`). Identical enums given one name become one type.
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    /// Use a named type where the spec has a bare one (e.g. `string` items that are events).
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    /// Extra derives, for every type (`all`), by pointer (as in `names`) or by type name:
    /// `Eq`, `Hash`, `PartialOrd`, `Ord` where the type can have them (`model::derives`), any
    /// other path as written.
    #[serde(default)]
    pub derives: BTreeMap<String, Vec<String>>,
    /// Extra attributes (`#[...]`), keyed as `derives`.
    #[serde(default)]
    pub attributes: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub redact: Redact,
    #[serde(default)]
    pub webhooks: Webhooks,
    /// The API's list envelope, if it has one: list responses become the generic `List<T>`.
    #[serde(default)]
    pub list: Option<ListShape>,
    /// Vendor extensions the generator reads, by what they mean.
    #[serde(default)]
    pub extensions: Extensions,
    #[serde(default)]
    pub timestamps: Timestamps,
    #[serde(default)]
    pub errors: Errors,
    #[serde(default)]
    pub headers: Headers,
    /// Per security scheme (by its name in `components/securitySchemes`): the method that gives
    /// its credential, and whether each request is given it instead of the client builder.
    #[serde(default)]
    pub security: BTreeMap<String, SchemeSettings>,
    /// How the files are laid out (set by the caller, not the file).
    #[serde(skip)]
    pub layout: Layout,
    /// The command that regenerates the output, named in every file's header.
    #[serde(skip)]
    pub regenerate_with: Option<String>,
    /// Where the settings came from, for messages.
    #[serde(skip)]
    pub source: Option<String>,
}

/// The generated crate's `[package]`. What it leaves out comes from the spec: the name from
/// `info.title` (`Keeper API` -> `keeper-api`), the version from `info.version` when that is a
/// version cargo accepts (`1.0` -> `1.0.0`; else `0.1.0`), the description is the title.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Naming {
    /// Suffixes dropped from schema names (`CreateWebhookEndpointDto` -> `CreateWebhookEndpoint`).
    #[serde(default)]
    pub strip_suffixes: Vec<String>,
    /// Words left out of method names made from summaries (`Create a Webhook Endpoint` ->
    /// `create_webhook_endpoint` with `["a"]`).
    #[serde(default)]
    pub drop_words: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Redact {
    /// Properties whose values never appear in `Debug` output (e.g. `secret`).
    #[serde(default)]
    pub properties: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Webhooks {
    /// The enum of event names; deliveries parse into `Event` = `webhook::Event<this enum>`.
    #[serde(default)]
    pub event_enum: Option<String>,
    /// How deliveries are signed; without it the generated `webhook` module has no
    /// `SIGNATURE_HEADER`, `Verifier::new` or `sign` (the runtime's `Verifier::with_scheme`
    /// takes any scheme).
    #[serde(default)]
    pub signature: Option<Signature>,
}

/// `<header>: <timestamp>=<time>, <signature>=<hex HMAC-SHA256 of "<time>.<body>">`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// The HTTP header carrying the signature (`WorkOS-Signature`).
    pub header: String,
    /// The key of the signing time's part (`t`).
    pub timestamp: String,
    /// The key of the signature's part (`v1`).
    pub signature: String,
    /// The signing time's unit: `"ms"` or `"s"` since the Unix epoch.
    pub unit: TimeUnit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum TimeUnit {
    #[serde(rename = "s")]
    Seconds,
    #[serde(rename = "ms")]
    Millis,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timestamps {
    /// How `date-time` values are written (they are read from any RFC 3339 text).
    #[serde(default)]
    pub format: TimestampFormat,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimestampFormat {
    /// As chrono's serde writes them: `2026-01-15T12:00:00Z`, a fraction only when the value
    /// has one (3, 6 or 9 digits).
    #[default]
    Auto,
    /// At least milliseconds: `2026-01-15T12:00:00.000Z` (finer when the value has it).
    Millis,
}

/// The fields of error bodies the client reads into `ApiError`. Each list is tried in order;
/// none by default (the error shows the start of the body).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Errors {
    /// `ApiError::code()`. The first is also the property whose `const`s in the spec's error
    /// schemas become the generated `ErrorCode` enum.
    #[serde(default)]
    pub code: Vec<String>,
    /// `ApiError::message()`.
    #[serde(default)]
    pub message: Vec<String>,
    /// `ApiError::errors()`: an array of validation errors.
    #[serde(default)]
    pub details: Option<ErrorDetails>,
}

/// The array of validation errors in an error body, and the fields of each item.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorDetails {
    pub list: String,
    pub code: String,
    pub message: String,
    pub field: String,
}

/// HTTP headers the client reads and sends besides the operations' own; none by default.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headers {
    /// The response header with the server's request id (`ApiError::request_id()`).
    #[serde(default)]
    pub request_id: Option<String>,
    /// The request header of an idempotency key: POST and PATCH requests get an
    /// `.idempotency_key(..)` setter, and are retried when they have a key.
    #[serde(default)]
    pub idempotency_key: Option<String>,
}

/// `[security.<scheme>]`: how a security scheme's credential is given.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeSettings {
    /// The method's name (default: the scheme's name, in snake_case).
    #[serde(default)]
    pub method: Option<String>,
    /// Given per request, by a method of the request builders of the operations that accept
    /// it, rather than by the client builder. Default: only for a scheme the document does not
    /// require of every operation while it requires another.
    #[serde(default)]
    pub per_request: Option<bool>,
}

/// What the generated client reads and writes beyond the spec's schemas and operations: the
/// settings' `[timestamps]`, `[errors]`, `[headers]` and `[webhooks.signature]`.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    pub timestamps: TimestampFormat,
    pub errors: Errors,
    pub headers: Headers,
    pub signature: Option<Signature>,
}

/// The shape of a list response: `{ <tag>?: const, <items>: [T], <metadata>: { <before>?,
/// <after> } }`. A response of exactly these properties is `List<T>`, and an operation that
/// returns one and takes the `after` cursor as a query parameter can be streamed.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListShape {
    /// The property holding the page's items (WorkOS: `data`).
    pub items: String,
    /// The property holding the cursors (WorkOS: `list_metadata`).
    pub metadata: String,
    /// The cursor of the previous page, also its query parameter (WorkOS: `before`).
    #[serde(default)]
    pub before: Option<String>,
    /// The cursor of the next page, also its query parameter (WorkOS: `after`).
    pub after: String,
    /// A constant property beside them, carried as a serde tag (WorkOS: `object`, `"list"`).
    #[serde(default)]
    pub tag: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extensions {
    /// Names groups of mutually exclusive body properties, which name the variants of the
    /// union they make (WorkOS: `x-mutually-exclusive-body-groups`).
    #[serde(default)]
    pub exclusive_groups: Option<String>,
}

impl Settings {
    /// Parses a settings file; `source` names it in messages.
    pub fn from_toml(text: &str, source: &str) -> Result<Settings, Error> {
        let mut settings: Settings = toml::from_str(text).map_err(|err| {
            let mut location = Location::new(source, "");
            location.line_col = err.span().map(|span| line_col(text, span.start));
            Error::Spec(vec![Diagnostic::new(
                location,
                err.message().trim().to_string(),
            )])
        })?;
        settings.source = Some(source.to_string());
        let problems = settings.check();
        if !problems.is_empty() {
            return Err(Error::Spec(problems));
        }
        Ok(settings)
    }

    /// The profile the generated client is built with.
    pub fn profile(&self) -> Profile {
        Profile {
            timestamps: self.timestamps.format,
            errors: self.errors.clone(),
            headers: self.headers.clone(),
            signature: self.webhooks.signature.clone(),
        }
    }

    /// Header names that are not HTTP tokens, and empty or malformed field names and keys.
    fn check(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let mut expect = |ok: bool, table: &str, key: &str, what: &str| {
            if !ok {
                let location = self.location(table, key);
                problems.push(Diagnostic::new(location, format!("expected {what}")));
            }
        };
        let token = "an HTTP header name (letters, digits and `!#$%&'*+-.^_`|~`)";
        let headers = [
            ("headers", "request_id", self.headers.request_id.as_deref()),
            (
                "headers",
                "idempotency_key",
                self.headers.idempotency_key.as_deref(),
            ),
        ];
        for (table, key, value) in headers {
            if let Some(value) = value {
                expect(is_token(value), table, key, token);
            }
        }
        if let Some(signature) = &self.webhooks.signature {
            let key = "a key of ASCII letters, digits, `_` or `-`";
            let key_ok = |k: &str| {
                !k.is_empty()
                    && k.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            };
            let table = "webhooks/signature";
            expect(is_token(&signature.header), table, "header", token);
            expect(key_ok(&signature.timestamp), table, "timestamp", key);
            expect(key_ok(&signature.signature), table, "signature", key);
            let distinct = signature.timestamp != signature.signature;
            expect(
                distinct,
                table,
                "signature",
                "a key other than `timestamp`'s",
            );
        }
        for (key, derives) in &self.derives {
            for derive in derives {
                let decided = crate::model::derives::DECIDED.contains(&derive.as_str());
                let path = syn::parse_str::<syn::Path>(derive).is_ok();
                expect(
                    path && !decided,
                    "derives",
                    key,
                    "paths of derive macros other than those the generator decides (`Clone`, `Copy`, `Debug`, `Default`, `PartialEq`, `Serialize`, `Deserialize`)",
                );
            }
        }
        for (key, attributes) in &self.attributes {
            for attribute in attributes {
                let parsed = syn::parse::Parser::parse_str(syn::Attribute::parse_outer, attribute);
                expect(
                    parsed.is_ok_and(|found| found.len() == 1),
                    "attributes",
                    key,
                    "one outer attribute each (`#[...]`)",
                );
            }
        }
        let fields = self.errors.code.iter().map(|f| ("code", f));
        let fields = fields.chain(self.errors.message.iter().map(|f| ("message", f)));
        for (key, field) in fields {
            expect(!field.is_empty(), "errors", key, "field names, not empty");
        }
        if let Some(details) = &self.errors.details {
            for (key, field) in [
                ("list", &details.list),
                ("code", &details.code),
                ("message", &details.message),
                ("field", &details.field),
            ] {
                expect(!field.is_empty(), "errors/details", key, "a field name");
            }
        }
        problems
    }

    /// Reads the settings file of a spec: `codegen.toml` in the spec folder (or beside the
    /// entry file), or the defaults when there is none.
    pub fn for_spec(spec_path: impl AsRef<Path>) -> Result<Settings, Error> {
        let spec_path = spec_path.as_ref();
        let folder = if spec_path.is_dir() {
            spec_path
        } else {
            spec_path.parent().unwrap_or(Path::new(""))
        };
        let path = folder.join(SETTINGS_FILE);
        if !path.is_file() {
            return Ok(Settings::default());
        }
        Settings::read(&path)
    }

    /// Reads a settings file.
    pub fn read(path: impl AsRef<Path>) -> Result<Settings, Error> {
        let path = path.as_ref();
        let shown = path.display().to_string().replace('\\', "/");
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: shown.clone(),
            source,
        })?;
        Settings::from_toml(&text, &shown)
    }

    /// Lays the output out as one file for `include!` (build scripts).
    pub fn with_layout(mut self, layout: Layout) -> Self {
        self.layout = layout;
        self
    }

    /// Names the command that regenerates the output, in each file's header.
    pub fn with_regenerate_command(mut self, command: impl Into<String>) -> Self {
        self.regenerate_with = Some(command.into());
        self
    }

    /// Where an override key is, for messages about it.
    pub(crate) fn location(&self, table: &str, key: &str) -> Location {
        Location::new(
            self.source
                .clone()
                .unwrap_or_else(|| SETTINGS_FILE.to_string()),
            format!("/{table}/{}", crate::load::escape(key)),
        )
    }
}

/// An HTTP header name (RFC 9110's `token`).
fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_rejected_with_a_position() {
        let err =
            Settings::from_toml("[naming]\nstrip_sufixes = []\n", "codegen.toml").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("codegen.toml:2:1"), "{text}");
        assert!(text.contains("strip_sufixes"), "{text}");
    }

    #[test]
    fn the_profile_is_neutral_by_default() {
        let profile = Settings::from_toml("", "x.toml").unwrap().profile();
        assert_eq!(profile.timestamps, TimestampFormat::Auto);
        assert!(profile.errors.code.is_empty() && profile.errors.details.is_none());
        assert_eq!(profile.headers.request_id, None);
        assert_eq!(profile.headers.idempotency_key, None);
        assert_eq!(profile.signature, None);
    }

    #[test]
    fn profile_tables_are_read_and_checked() {
        let settings = Settings::from_toml(
            "[timestamps]\nformat = \"millis\"\n[headers]\nidempotency_key = \"Idem-Key\"\n\
             [webhooks.signature]\nheader = \"X-Sig\"\ntimestamp = \"t\"\nsignature = \"v1\"\nunit = \"s\"\n",
            "x.toml",
        )
        .unwrap();
        let profile = settings.profile();
        assert_eq!(profile.timestamps, TimestampFormat::Millis);
        assert_eq!(profile.headers.idempotency_key.as_deref(), Some("Idem-Key"));
        assert_eq!(profile.signature.unwrap().unit, TimeUnit::Seconds);
        let err = Settings::from_toml(
            "[headers]\nrequest_id = \"X Request\"\n[webhooks.signature]\nheader = \"S\"\n\
             timestamp = \"t\"\nsignature = \"t\"\nunit = \"ms\"\n[errors]\ncode = [\"\"]\n",
            "x.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("x.toml#/headers/request_id: expected an HTTP header name"),
            "{err}"
        );
        assert!(
            err.contains("x.toml#/webhooks/signature/signature: expected a key other"),
            "{err}"
        );
        assert!(
            err.contains("x.toml#/errors/code: expected field names"),
            "{err}"
        );
        let err = Settings::from_toml("[timestamps]\nformat = \"secs\"\n", "x.toml").unwrap_err();
        assert!(err.to_string().contains("auto"), "{err}");
    }

    #[test]
    fn tables_are_read() {
        let settings = Settings::from_toml(
            "[names]\n\"#/a\" = \"A\"\n[redact]\nproperties = [\"secret\"]\n",
            "x.toml",
        )
        .unwrap();
        assert_eq!(settings.names["#/a"], "A");
        assert_eq!(settings.redact.properties, ["secret"]);
    }
}
