// @generated: copied from workos-codegen's `runtime/query.rs`. Do not edit by hand:
// regenerate with `cargo codegen`.

//! The query string of a request: each name and value encoded the way HTML forms encode them
//! (`application/x-www-form-urlencoded`: a space is `+`, everything but `A-Z a-z 0-9 * - . _` is
//! percent-encoded), and arrays written the way the spec's `style` and `explode` say.
//!
//! | `style`, `explode` | `ids: [a, b]` |
//! | --- | --- |
//! | `form`, `true` (OpenAPI's default) | `ids=a&ids=b` |
//! | `form`, `false` | `ids=a,b` |
//! | `spaceDelimited`, `false` | `ids=a%20b` |
//! | `pipeDelimited`, `false` | `ids=a\|b` |
//!
//! A delimiter inside an item is encoded (`a,b` as an item of a `form` list is `a%2Cb`), so the
//! server can always split the list back into its items. An empty array is not sent at all, in
//! every style, as RFC 6570 (which OpenAPI's styles come from) treats an empty list as undefined.

use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Bytes encoded in a query name or value: all but the ones HTML forms leave as they are.
const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'*')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_');

/// How an array query parameter is written (its `style` and `explode` in the spec).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListStyle {
    /// `style: form`, `explode: true` (the default): one `name=item` per item.
    Repeated,
    /// `style: form`, `explode: false`: one `name=`, its items joined by `,`.
    Comma,
    /// `style: spaceDelimited`: one `name=`, its items joined by `%20`.
    Space,
    /// `style: pipeDelimited`: one `name=`, its items joined by `|`.
    Pipe,
}

/// A value without `Display` (a union of strings and numbers, say) as path or query text: the
/// JSON it serializes to, a string without its quotes.
pub fn text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

impl ListStyle {
    /// What stands between two items of one value (`None`: each item is its own pair).
    fn delimiter(self) -> Option<&'static str> {
        match self {
            Self::Repeated => None,
            Self::Comma => Some(","),
            Self::Space => Some("%20"),
            Self::Pipe => Some("|"),
        }
    }
}

/// An encoded query string (without the `?`), built pair by pair in the order they are added.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Query(String);

impl Query {
    /// Adds `name=value`.
    pub fn push(&mut self, name: &str, value: impl fmt::Display) {
        self.start(name);
        encode(&value.to_string(), &mut self.0);
    }

    /// Adds an array parameter in `style`; nothing when it has no items.
    pub fn push_list<I>(&mut self, name: &str, items: I, style: ListStyle)
    where
        I: IntoIterator,
        I::Item: fmt::Display,
    {
        let mut items = items.into_iter().peekable();
        if items.peek().is_none() {
            return;
        }
        match style.delimiter() {
            None => {
                for item in items {
                    self.push(name, item);
                }
            }
            Some(delimiter) => {
                self.start(name);
                for (index, item) in items.enumerate() {
                    if index > 0 {
                        self.0.push_str(delimiter);
                    }
                    encode(&item.to_string(), &mut self.0);
                }
            }
        }
    }

    /// The encoded query string (empty when nothing was added).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `&name=` (without the `&` for the first pair).
    fn start(&mut self, name: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        encode(name, &mut self.0);
        self.0.push('=');
    }
}

impl fmt::Debug for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// Appends `text` form-encoded: spaces as `+`, then percent-encoding.
fn encode(text: &str, out: &mut String) {
    for (index, part) in text.split(' ').enumerate() {
        if index > 0 {
            out.push('+');
        }
        out.extend(utf8_percent_encode(part, FORM));
    }
}

