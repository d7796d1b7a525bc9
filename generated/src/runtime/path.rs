// @generated: copied from workos-codegen's `runtime/path.rs`. Do not edit by hand:
// regenerate with `cargo codegen`.

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

