//! Path parameters, percent-encoded as exactly one path segment.
//!
//! Everything but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded, so
//! `/`, `?`, `#`, `%` and spaces in a value can never add a segment, a query or a fragment.
//! The values `.` and `..` (and the empty string) are refused: URL parsers resolve them
//! (and their encoded forms `%2E`, `%2E%2E`) as dot segments, so no encoding keeps them
//! as one segment.

use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, PercentEncode, utf8_percent_encode};

use super::error::Error;

/// Bytes encoded in a path segment: all but the unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A path parameter encoded as one segment; its `Display` writes the encoded form.
#[derive(Clone, Debug)]
pub struct Segment<'a>(PercentEncode<'a>);

impl fmt::Display for Segment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// Encodes the value of path parameter `name` as one segment, or says why it cannot be.
pub fn segment<'a>(name: &str, value: &'a str) -> Result<Segment<'a>, Error> {
    match value {
        "" => Err(Error::InvalidRequest(format!(
            "path parameter `{name}` must not be empty"
        ))),
        "." | ".." => Err(Error::InvalidRequest(format!(
            "path parameter `{name}` must not be `.` or `..`"
        ))),
        _ => Ok(Segment(utf8_percent_encode(value, SEGMENT))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(value: &str) -> String {
        segment("id", value).unwrap().to_string()
    }

    #[test]
    fn plain_ids_are_unchanged() {
        assert_eq!(enc("we_0123456789"), "we_0123456789");
        assert_eq!(enc("a-b.c~d"), "a-b.c~d");
    }

    #[test]
    fn separators_and_specials_are_encoded() {
        assert_eq!(enc("a/b"), "a%2Fb");
        assert_eq!(enc("../x"), "..%2Fx");
        assert_eq!(enc("a?b#c"), "a%3Fb%23c");
        assert_eq!(enc("100%"), "100%25");
        assert_eq!(enc("%2e%2e"), "%252e%252e");
        assert_eq!(enc("a b+c"), "a%20b%2Bc");
        assert_eq!(enc("a\\b;c"), "a%5Cb%3Bc");
        assert_eq!(enc("é"), "%C3%A9");
        assert_eq!(enc("..."), "...");
    }

    #[test]
    fn dot_segments_and_empty_are_refused() {
        for value in ["", ".", ".."] {
            let err = segment("id", value).unwrap_err();
            assert!(
                matches!(err, Error::InvalidRequest(_)),
                "{value:?}: {err:?}"
            );
            assert!(err.to_string().contains("`id`"));
        }
    }
}
