//! Attributes (a doc attribute as a `///` line) and visibility, as prettyplease's `attr.rs` and
//! `data.rs` print them.

use proc_macro2::Delimiter;

use super::cursor::Cursor;
use super::cursor::done;
use super::{Out, R, unsupported};

impl Out {
    /// Outer attributes: where they are in the tokens (each `#` and its brackets).
    pub(super) fn take_outer_attrs<'a>(&self, cur: &mut Cursor<'a>) -> Attrs<'a> {
        let start = *cur;
        while cur.is_punct('#') && cur.is_group_n(1, Delimiter::Bracket) {
            cur.bump();
            cur.bump();
        }
        Attrs(start.range(start.at, cur.at))
    }

    pub(super) fn outer_attrs_here(&mut self, cur: &mut Cursor) -> R {
        let attrs = self.take_outer_attrs(cur);
        self.outer_attrs(attrs)
    }

    pub(super) fn outer_attrs(&mut self, attrs: Attrs) -> R {
        let mut cur = attrs.0;
        while !cur.is_empty() {
            cur.bump();
            let inside = cur.inside();
            cur.bump();
            self.attr(inside, false)?;
        }
        Ok(())
    }

    /// `#![...]` at the start of a body.
    pub(super) fn inner_attrs(&mut self, cur: &mut Cursor) -> R {
        while cur.is_punct('#') && cur.is_punct_n(1, '!') && cur.is_group_n(2, Delimiter::Bracket) {
            cur.bump();
            cur.bump();
            let inside = cur.inside();
            cur.bump();
            self.attr(inside, true)?;
        }
        Ok(())
    }

    pub(super) fn attr(&mut self, mut meta: Cursor, inner: bool) -> R {
        let path = meta;
        self.skip_simple_path(&mut meta)?;
        let path = path.range(path.at, meta.at);
        if meta.is_lone('=') {
            meta.bump();
            if path.end == path.at + 1 && path.is_word("doc") && meta.is_literal() {
                let literal = meta.text();
                meta.bump();
                if meta.is_empty() {
                    return self.doc(literal, inner);
                }
            }
            self.word(if inner { "#!" } else { "#" });
            self.word("[");
            self.simple_path(path)?;
            self.word(" = ");
            self.expr_to_end(meta)?;
        } else {
            self.word(if inner { "#!" } else { "#" });
            self.word("[");
            self.simple_path(path)?;
            if !meta.is_empty() {
                if meta.is_group(Delimiter::None) {
                    return Err(unsupported());
                }
                let group = meta;
                meta.bump();
                done(&meta)?;
                self.attr_tokens(group.range(group.at, meta.at));
            }
        }
        self.word("]");
        self.space();
        Ok(())
    }

    /// `#[doc = "..."]` as a `///` line (`//!` inside); others (several lines, a leading `/`)
    /// would be block comments or stay attributes, and are left to prettyplease.
    pub(super) fn doc(&mut self, literal: &str, inner: bool) -> R {
        let value = string_value(literal).ok_or_else(unsupported)?;
        if value.contains('\n') || (!inner && value.starts_with('/')) {
            return Err(unsupported());
        }
        self.word(if inner { "//!" } else { "///" });
        self.word(value.trim_end_matches(' '));
        self.hardbreak();
        Ok(())
    }

    pub(super) fn take_vis<'a>(&self, cur: &mut Cursor<'a>) -> R<Option<Vis<'a>>> {
        if !cur.is_word("pub") {
            if cur.is_word("crate") && !cur.is_punct2_n(1, ':', ':') {
                return Err(unsupported());
            }
            return Ok(None);
        }
        cur.bump();
        if cur.is_group(Delimiter::Parenthesis) {
            let inside = cur.inside();
            let restricted = inside.end == inside.at + 1
                && (inside.is_word("crate") || inside.is_word("self") || inside.is_word("super"));
            if restricted {
                cur.bump();
                return Ok(Some(Vis(Some(inside.text()))));
            }
            if inside.is_word("in") {
                return Err(unsupported());
            }
        }
        Ok(Some(Vis(None)))
    }

    pub(super) fn vis(&mut self, vis: Option<Vis>) {
        match vis {
            None => {}
            Some(Vis(None)) => self.word("pub "),
            Some(Vis(Some(scope))) => {
                self.word("pub(");
                self.word(scope);
                self.word(") ");
            }
        }
    }
}

/// The outer attributes of an item, printed after its visibility is known.
#[derive(Clone, Copy)]
pub(super) struct Attrs<'a>(Cursor<'a>);

/// `pub`, or `pub(crate)` and the like.
#[derive(Clone, Copy)]
pub(super) struct Vis<'a>(Option<&'a str>);

/// The value of a plain string literal (`"..."` with escapes), as `syn`'s `LitStr::value`.
pub(super) fn string_value(literal: &str) -> Option<std::borrow::Cow<'_, str>> {
    if let Some(raw) = literal.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw[hashes..].strip_prefix('"')?;
        let body = body.strip_suffix(&raw[..hashes])?.strip_suffix('"')?;
        return Some(body.into());
    }
    let body = literal.strip_prefix('"')?.strip_suffix('"')?;
    if !body.contains('\\') {
        return Some(body.into());
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            out.push(ch);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'x' => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(char::from(u8::from_str_radix(&hex, 16).ok()?));
            }
            'u' => {
                let rest = chars.as_str().strip_prefix('{')?;
                let close = rest.find('}')?;
                let code = u32::from_str_radix(&rest[..close].replace('_', ""), 16).ok()?;
                out.push(char::from_u32(code)?);
                chars = rest[close + 1..].chars();
            }
            // A line continuation, or anything rarer: left to `syn`.
            _ => return None,
        }
    }
    Some(out.into())
}
