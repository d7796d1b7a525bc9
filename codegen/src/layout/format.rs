//! Formatting a file from its pieces: each printed by [`crate::print`], or, when that printer
//! does not read some shape in it, by `syn` and prettyplease (the same text either way); then a
//! blank line between top-level items and between the members of an `impl`.

use crate::diagnostics::Error;
use crate::print::{self, Printed, reference};
use crate::tokens::Tokens;

fn not_parsed(err: String) -> Error {
    Error::Internal(format!("generated code does not parse: {err}"))
}

/// A piece of a file.
pub(super) enum Piece<'a> {
    /// Inner attributes, then items.
    Items(&'a Tokens),
    /// `pub mod name { ... }`: the module inline after its outer attributes, its doc (inner
    /// attributes) and its items.
    Module {
        attrs: &'a Tokens,
        name: &'a str,
        doc: &'a Tokens,
        items: &'a [Tokens],
    },
}

/// A file of `tokens`.
pub(super) fn format(tokens: Tokens) -> Result<String, Error> {
    format_pieces([Piece::Items(&tokens)])
}

/// A file of `pieces`, with a blank line between top-level items: runs of `use` and `mod x;`
/// lines stay together.
pub(super) fn format_pieces<'a>(
    pieces: impl IntoIterator<Item = Piece<'a>>,
) -> Result<String, Error> {
    let mut out = String::new();
    let mut previous_declares = false;
    let mut push = |out: &mut String, item: Printed| {
        let same_run = previous_declares && item.declares;
        if !out.is_empty() && !same_run {
            out.push('\n');
        }
        previous_declares = item.declares;
        out.push_str(&item.text);
    };
    for piece in pieces {
        match piece {
            Piece::Items(tokens) => {
                let file = match print::file(tokens) {
                    Ok(file) => file,
                    Err(_) => reference::file(tokens).map_err(not_parsed)?,
                };
                out.push_str(&file.attrs);
                for item in file.items {
                    push(&mut out, item);
                }
            }
            Piece::Module {
                attrs,
                name,
                doc,
                items,
            } => {
                let text = match print::module(attrs, name, doc, items) {
                    Ok(text) => text,
                    Err(_) => reference::module(attrs, name, doc, items).map_err(not_parsed)?,
                };
                push(
                    &mut out,
                    Printed {
                        text,
                        declares: false,
                    },
                );
            }
        }
    }
    Ok(space_members(&out))
}

/// prettyplease puts no blank line between the members of an `impl`: add one after each
/// member's closing brace when another member (doc, attribute, fn, const, type) follows.
/// (Lines start with spaces or a token: no other whitespace.)
fn space_members(text: &str) -> String {
    let indent = |line: &str| line.bytes().take_while(|&b| b == b' ').count();
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        let body = line.trim_end_matches('\n');
        let depth = indent(body);
        if depth == 0 || &body[depth..] != "}" {
            continue;
        }
        let Some(next) = lines.peek() else {
            continue;
        };
        let next = next.trim_end_matches('\n');
        let member_start = ["///", "#[", "pub ", "fn ", "const ", "type ", "async fn "]
            .iter()
            .any(|start| next[indent(next)..].starts_with(start));
        if indent(next) == depth && member_start {
            out.push('\n');
        }
    }
    out
}
