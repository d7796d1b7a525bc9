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
    #[serde(default)]
    pub redact: Redact,
    #[serde(default)]
    pub webhooks: Webhooks,
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
        Ok(settings)
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
