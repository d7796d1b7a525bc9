//! The reference: the same tokens printed by `syn` and prettyplease, which is what the printer
//! of this module reproduces. The layout falls back to it for what the printer does not read;
//! `tests/printer.rs` compares the two.

use super::{File, Printed};
use crate::emit::ident;
use crate::tokens::{Tokens, tokens};

/// What [`super::file`] gives, from `syn` and prettyplease; an error if the tokens do not parse.
pub fn file(tokens: &Tokens) -> Result<File, String> {
    let mut file: syn::File = syn::parse2(tokens.to_stream()).map_err(|err| err.to_string())?;
    // Items are printed one at a time from an empty copy of the file: copying the whole file
    // per item would be quadratic (seconds on the whole WorkOS API).
    let items = std::mem::take(&mut file.items);
    let attrs = std::mem::take(&mut file.attrs);
    let attrs = if attrs.is_empty() {
        String::new()
    } else {
        prettyplease::unparse(&syn::File {
            attrs,
            ..file.clone()
        })
    };
    // Each item moves into a one-item file and back out: cloning it cost 6% of the whole run
    // on nexus.json.
    let mut one = syn::File {
        attrs: vec![],
        items: Vec::with_capacity(1),
        ..file
    };
    let items = items
        .into_iter()
        .map(|item| {
            let declares = matches!(item, syn::Item::Use(_))
                || matches!(&item, syn::Item::Mod(m) if m.content.is_none());
            one.items.push(item);
            let text = prettyplease::unparse(&one);
            one.items.clear();
            Printed { text, declares }
        })
        .collect();
    Ok(File { attrs, items })
}

/// What [`super::module`] gives, from `syn` and prettyplease.
pub fn module(
    attrs: &Tokens,
    name: &str,
    doc: &Tokens,
    items: &[Tokens],
) -> Result<String, String> {
    let name = ident(name);
    let module = tokens!(#attrs pub mod #name { #doc #(#items)* });
    let mut file = file(&module)?;
    Ok(file.items.remove(0).text)
}
