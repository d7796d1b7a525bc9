// @generated: copied from workos-codegen's `runtime/secret.rs`. Do not edit by hand:
// regenerate with `cargo codegen`.

//! Keeping secrets out of `Debug` output and error messages.
//!
//! [`SecretString`] holds a credential (the API key) and prints as `[REDACTED]`.
//! [`excerpt`] and [`scrub`] clean server-provided text before it is stored in an error:
//! the values of JSON keys that look sensitive (`secret`, `password`, `token`, ...) and
//! every occurrence of a known secret (the client's own API key) are masked.

use std::fmt;

/// What a masked value is replaced with.
pub const REDACTED: &str = "[REDACTED]";

/// A string whose value never appears in `Debug` output; it has no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretString(Box<str>);

impl SecretString {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into().into_boxed_str())
    }

    /// The secret itself; keep it out of logs.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl From<String> for SecretString {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl From<&str> for SecretString {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

/// Words that mark a JSON key as holding a secret (matched case-insensitively as substrings).
const SENSITIVE_KEY_WORDS: &[&str] = &[
    "secret",
    "password",
    "token",
    "api_key",
    "apikey",
    "authorization",
    "private_key",
];

/// How much of a body is scanned for secrets before an excerpt is cut from it. Larger
/// than any excerpt, so a secret near the end of an excerpt is masked whole.
const SCAN_LIMIT: usize = 8 * 1024;

/// At most `max_chars` characters of `body` as text for an error message, with sensitive
/// values masked (see the module docs) and `…` appended when something was cut.
pub fn excerpt(body: &[u8], max_chars: usize, known_secrets: &[&str]) -> String {
    let window = &body[..body.len().min(SCAN_LIMIT)];
    let text = scrub(&String::from_utf8_lossy(window), known_secrets);
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None if window.len() < body.len() => format!("{text}…"),
        None => text,
    }
}

/// `text` with every known secret and the values of sensitive-looking JSON keys masked.
pub fn scrub(text: &str, known_secrets: &[&str]) -> String {
    let mut out = mask_sensitive_values(text);
    for secret in known_secrets {
        if !secret.is_empty() && out.contains(secret) {
            out = out.replace(secret, REDACTED);
        }
    }
    out
}

fn is_sensitive_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    SENSITIVE_KEY_WORDS.iter().any(|word| key.contains(word))
}

/// Index just past the JSON string starting with the quote at `start` (or `text.len()`
/// when the string is not terminated, as in a truncated body).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn skip_whitespace(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// Masks the value after every `"key":` whose key looks sensitive. Works on truncated and
/// invalid JSON; non-JSON text passes through unchanged.
fn mask_sensitive_values(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let key_end = string_end(bytes, i);
        let colon = skip_whitespace(bytes, key_end);
        // Indices below always sit on ASCII bytes or the end, so slicing is on char boundaries.
        if colon >= bytes.len()
            || bytes[colon] != b':'
            || !is_sensitive_key(&text[i + 1..key_end.saturating_sub(1).max(i + 1)])
        {
            i = key_end;
            continue;
        }
        let value_start = skip_whitespace(bytes, colon + 1);
        let (mask_from, mask_to, resume) =
            if value_start < bytes.len() && bytes[value_start] == b'"' {
                let end = string_end(bytes, value_start);
                let closed = end > value_start + 1 && bytes[end - 1] == b'"';
                let inner_end = if closed { end - 1 } else { end };
                (value_start + 1, inner_end, end)
            } else {
                let mut end = value_start;
                while end < bytes.len() && !matches!(bytes[end], b',' | b'}' | b']') {
                    end += 1;
                }
                (value_start, end, end)
            };
        if mask_to > mask_from {
            out.push_str(&text[copied..mask_from]);
            out.push_str(REDACTED);
            copied = mask_to;
        }
        i = resume.max(i + 1);
    }
    out.push_str(&text[copied..]);
    out
}

