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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_without_display_are_written_as_their_json() {
        #[derive(serde::Serialize)]
        #[serde(untagged)]
        enum IdOrName {
            Id(i64),
            Name(String),
        }
        assert_eq!(text(&IdOrName::Id(7)), "7");
        assert_eq!(text(&IdOrName::Name("a b".into())), "a b");
        assert_eq!(text(&true), "true");
    }

    fn list(items: &[&str], style: ListStyle) -> String {
        let mut query = Query::default();
        query.push_list("ids", items, style);
        query.as_str().to_owned()
    }

    #[test]
    fn values_are_form_encoded() {
        let mut query = Query::default();
        query.push("after", "x y&z=1");
        query.push("limit", 5);
        query.push("a b", "é/?#%+*-._~");
        assert_eq!(
            query.as_str(),
            "after=x+y%26z%3D1&limit=5&a+b=%C3%A9%2F%3F%23%25%2B*-._%7E"
        );
    }

    #[test]
    fn lists_follow_their_style() {
        let items = ["a", "b c", "d"];
        assert_eq!(list(&items, ListStyle::Repeated), "ids=a&ids=b+c&ids=d");
        assert_eq!(list(&items, ListStyle::Comma), "ids=a,b+c,d");
        assert_eq!(list(&items, ListStyle::Space), "ids=a%20b+c%20d");
        assert_eq!(list(&items, ListStyle::Pipe), "ids=a|b+c|d");
        assert_eq!(list(&["x"], ListStyle::Pipe), "ids=x");
    }

    #[test]
    fn delimiters_inside_items_are_encoded() {
        assert_eq!(list(&["a,b", "c"], ListStyle::Comma), "ids=a%2Cb,c");
        assert_eq!(list(&["a|b", "c"], ListStyle::Pipe), "ids=a%7Cb|c");
        assert_eq!(list(&["a%20b"], ListStyle::Space), "ids=a%2520b");
    }

    #[test]
    fn empty_lists_are_not_sent() {
        for style in [
            ListStyle::Repeated,
            ListStyle::Comma,
            ListStyle::Space,
            ListStyle::Pipe,
        ] {
            assert_eq!(list(&[], style), "", "{style:?}");
        }
        assert_eq!(list(&[""], ListStyle::Comma), "ids=");
    }
}
