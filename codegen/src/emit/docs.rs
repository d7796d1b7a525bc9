//! Doc comments and type names as tokens.

use proc_macro2::TokenStream;
use quote::ToTokens;

use crate::tokens::{Ident, Tokens, tokens};

use crate::model::{Ty, TypeDef};
use crate::settings::TimestampFormat;

/// The runtime's module for `date-time` values in `format` (serde `with`, `format`, `Field`),
/// as a path from a generated module: `super::runtime::timestamp::millis`.
pub fn timestamp_module(format: TimestampFormat) -> String {
    let name = match format {
        TimestampFormat::Auto => "auto",
        TimestampFormat::Millis => "millis",
    };
    format!("super::runtime::timestamp::{name}")
}

/// The same as tokens, with `item` appended (`format`, `Field`, `Style`).
pub fn timestamp_item(format: TimestampFormat, item: &str) -> Tokens {
    let module = timestamp_module(format);
    let mut tokens = Tokens::new();
    for (index, segment) in module.split("::").chain([item]).enumerate() {
        if index > 0 {
            tokens.push_punct("::");
        }
        tokens.push_ident(segment);
    }
    tokens
}

/// `#[doc = "..."]` lines for a description (nothing for none).
pub fn doc(text: Option<&str>) -> Tokens {
    let Some(text) = text else {
        return Tokens::new();
    };
    // Inside a Markdown list item, a line that continues it is indented to the item's text, as
    // rustdoc (and clippy's `doc_lazy_continuation`) read it the same way.
    let mut item_indent: Option<usize> = None;
    let lines = text.lines().map(|line| {
        let line = comment_safe(line);
        let line = if line.trim().is_empty() {
            item_indent = None;
            String::new()
        } else if let Some(indent) = list_item_indent(&line) {
            item_indent = Some(indent);
            format!(" {}", line.trim_end())
        } else {
            let own = line.len() - line.trim_start().len();
            match item_indent {
                Some(indent) if own < indent => {
                    format!(" {}{}", " ".repeat(indent), line.trim())
                }
                _ => format!(" {}", line.trim_end()),
            }
        };
        tokens!(#[doc = #line])
    });
    tokens!(#(#lines)*)
}

/// Where the text of a Markdown list item starts (`*   text` -> 4, `- text` -> 2, `1. text` ->
/// 3), if the line is one.
fn list_item_indent(line: &str) -> Option<usize> {
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    let marker = if rest.starts_with(['*', '-', '+']) {
        1
    } else {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || !rest[digits..].starts_with(['.', ')']) {
            return None;
        }
        digits + 1
    };
    let after = &rest[marker..];
    let spaces = after.len() - after.trim_start_matches(' ').len();
    (spaces >= 1 && !after.trim().is_empty()).then_some(lead + marker + spaces)
}

/// Doc text as it may stand in a `///` comment: rustc rejects a bare carriage return there, and
/// denies the Unicode controls that reorder text (`text_direction_codepoint_in_comment`).
pub fn comment_safe(line: &str) -> String {
    line.chars()
        .filter(|c| !matches!(c, '\r' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

/// Docs for a generated type: the spec's description, then notes (each its own paragraph).
pub fn type_doc(def: &TypeDef, notes: &[String]) -> Tokens {
    let mut paragraphs: Vec<String> = def.doc.iter().cloned().collect();
    paragraphs.extend(notes.iter().cloned());
    if !def.source.is_empty() {
        paragraphs.push(format!("Schema: `{}`.", def.source));
    }
    doc(Some(&paragraphs.join("\n\n")))
}

/// An identifier that may be a raw identifier (`r#type`).
pub fn ident(name: &str) -> Ident<'_> {
    Ident(name)
}

/// The Rust type for a model type, as seen from the `types` module.
pub fn ty(ty: &Ty, types: &[TypeDef]) -> Tokens {
    match ty {
        Ty::String => tokens!(String),
        Ty::DateTime => tokens!(chrono::DateTime<chrono::Utc>),
        Ty::Date => tokens!(chrono::NaiveDate),
        Ty::Ipv4 => tokens!(std::net::Ipv4Addr),
        Ty::Ipv6 => tokens!(std::net::Ipv6Addr),
        Ty::Integer => tokens!(i64),
        Ty::Int(int) => {
            let int = Ident(int.rust());
            tokens!(#int)
        }
        Ty::Number => tokens!(f64),
        Ty::Bool => tokens!(bool),
        Ty::Json => tokens!(serde_json::Value),
        Ty::Bytes => tokens!(Vec<u8>),
        Ty::File => tokens!(super::runtime::body::FilePart),
        Ty::Named(id) => {
            let name = ident(&types[*id].name);
            tokens!(#name)
        }
        Ty::ByName(name) => {
            let name = ident(name);
            tokens!(#name)
        }
        Ty::Vec(inner) => {
            let inner = self::ty(inner, types);
            tokens!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = self::ty(inner, types);
            tokens!(std::collections::BTreeMap<String, #inner>)
        }
        Ty::Option(inner) => {
            let inner = self::ty(inner, types);
            tokens!(Option<#inner>)
        }
        Ty::List(inner) => {
            let inner = self::ty(inner, types);
            tokens!(List<#inner>)
        }
        Ty::Tuple(items) => {
            let items = items.iter().map(|item| self::ty(item, types));
            tokens!((#(#items,)*))
        }
        Ty::External { path, args } => {
            // Rare (a setting or an extension names it), and it may have generic arguments:
            // `syn` reads it.
            let path = Tokens::from(
                syn::parse_str::<syn::Path>(path)
                    .expect("the model checks paths")
                    .into_token_stream(),
            );
            if args.is_empty() {
                path
            } else {
                let args = args.iter().map(|arg| self::ty(arg, types));
                tokens!(#path<#(#args),*>)
            }
        }
    }
}

/// The extra derives the model gives a type (`model::derives`), as paths.
pub fn extra_derives(def: &TypeDef) -> Vec<Tokens> {
    def.derives
        .iter()
        .map(|path| {
            Tokens::from(
                path.parse::<TokenStream>()
                    .expect("the settings check derives are paths"),
            )
        })
        .collect()
}

/// The attributes the settings give a type, as written.
pub fn extra_attributes(def: &TypeDef) -> Tokens {
    let mut tokens = Tokens::new();
    for attr in &def.attributes {
        tokens.extend(&Tokens::from(
            attr.parse::<TokenStream>()
                .expect("the settings check attributes"),
        ));
    }
    tokens
}
