//! Doc comments and type names as tokens.

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};

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
pub fn timestamp_item(format: TimestampFormat, item: &str) -> TokenStream {
    let path = format!("{}::{item}", timestamp_module(format));
    syn::parse_str::<syn::Path>(&path)
        .expect("a timestamp module path")
        .into_token_stream()
}

/// `#[doc = "..."]` lines for a description (nothing for none).
pub fn doc(text: Option<&str>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
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
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
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
pub fn type_doc(def: &TypeDef, notes: &[String]) -> TokenStream {
    let mut paragraphs: Vec<String> = def.doc.iter().cloned().collect();
    paragraphs.extend(notes.iter().cloned());
    if !def.source.is_empty() {
        paragraphs.push(format!("Schema: `{}`.", def.source));
    }
    doc(Some(&paragraphs.join("\n\n")))
}

/// An identifier that may be a raw identifier (`r#type`).
pub fn ident(name: &str) -> proc_macro2::Ident {
    match name.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => format_ident!("{}", name),
    }
}

/// The Rust type for a model type, as seen from the `types` module.
pub fn ty(ty: &Ty, types: &[TypeDef]) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
        Ty::DateTime => quote!(chrono::DateTime<chrono::Utc>),
        Ty::Date => quote!(chrono::NaiveDate),
        Ty::Ipv4 => quote!(std::net::Ipv4Addr),
        Ty::Ipv6 => quote!(std::net::Ipv6Addr),
        Ty::Integer => quote!(i64),
        Ty::Int(int) => {
            let int = proc_macro2::Ident::new(int.rust(), proc_macro2::Span::call_site());
            quote!(#int)
        }
        Ty::Number => quote!(f64),
        Ty::Bool => quote!(bool),
        Ty::Json => quote!(serde_json::Value),
        Ty::Bytes => quote!(Vec<u8>),
        Ty::File => quote!(super::runtime::body::FilePart),
        Ty::Named(id) => {
            let name = ident(&types[*id].name);
            quote!(#name)
        }
        Ty::ByName(name) => {
            let name = ident(name);
            quote!(#name)
        }
        Ty::Vec(inner) => {
            let inner = self::ty(inner, types);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = self::ty(inner, types);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        Ty::Option(inner) => {
            let inner = self::ty(inner, types);
            quote!(Option<#inner>)
        }
        Ty::List(inner) => {
            let inner = self::ty(inner, types);
            quote!(List<#inner>)
        }
        Ty::Tuple(items) => {
            let items = items.iter().map(|item| self::ty(item, types));
            quote!((#(#items,)*))
        }
        Ty::External { path, args } => {
            let path = syn::parse_str::<syn::Path>(path)
                .expect("the model checks paths")
                .into_token_stream();
            if args.is_empty() {
                path
            } else {
                let args = args.iter().map(|arg| self::ty(arg, types));
                quote!(#path<#(#args),*>)
            }
        }
    }
}

/// The extra derives the model gives a type (`model::derives`), as paths.
pub fn extra_derives(def: &TypeDef) -> Vec<TokenStream> {
    def.derives
        .iter()
        .map(|path| path.parse().expect("the settings check derives are paths"))
        .collect()
}

/// The attributes the settings give a type, as written.
pub fn extra_attributes(def: &TypeDef) -> TokenStream {
    def.attributes
        .iter()
        .map(|attr| {
            attr.parse::<TokenStream>()
                .expect("the settings check attributes")
        })
        .collect()
}
