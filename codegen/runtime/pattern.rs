//! `pattern` and `patternProperties`: ECMA-262 regular expressions, run with the `regex` crate.
//!
//! What differs from ECMA-262: `\d`, `\D`, `\w`, `\W` are rewritten to their ASCII classes, as
//! ECMA-262 defines them (the `regex` crate's are Unicode-wide); `\s` is Unicode whitespace in
//! both. Look-around and backreferences, which the `regex` crate does not have, make a pattern
//! the generator warns about; such a pattern is not checked (every string matches). Matching
//! is unanchored, as in JSON Schema: `pattern: "a"` matches `"bab"`.

use std::sync::OnceLock;

use regex::Regex;

use super::validate::{Pointer, Violations};

/// A pattern of the schema, compiled once, when first used.
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// Whether `value` matches (any string, when the pattern does not compile).
    pub fn is_match(&self, value: &str) -> bool {
        self.compiled
            .get_or_init(|| compile(self.source))
            .as_ref()
            .is_none_or(|regex| regex.is_match(value))
    }

    /// `pattern`: reports `value` when it does not match.
    pub fn check(&self, value: &str, at: &Pointer, schema: &str, out: &mut Violations) {
        if !self.is_match(value) {
            let message = format!("does not match the pattern `{}`", self.source);
            out.push(at, schema, "pattern", message);
        }
    }
}

/// Whether `value` matches the pattern `source`, compiled now (for patterns read from JSON).
pub fn matches(source: &str, value: &str) -> bool {
    compile(source).is_none_or(|regex| regex.is_match(value))
}

/// The `regex` crate's form of an ECMA-262 pattern; `None` when it has no such form.
fn compile(source: &str) -> Option<Regex> {
    Regex::new(&ecma_classes(source)).ok()
}

/// `\d`, `\D`, `\w` and `\W` as ECMA-262's ASCII classes.
fn ecma_classes(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('d') => out.push_str("[0-9]"),
            Some('D') => out.push_str("[^0-9]"),
            Some('w') => out.push_str("[A-Za-z0-9_]"),
            Some('W') => out.push_str("[^A-Za-z0-9_]"),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unanchored_with_ascii_digits() {
        let digits = Pattern::new(r"^\d+$");
        assert!(digits.is_match("123"));
        assert!(!digits.is_match("١٢٣"), "ECMA-262's \\d is ASCII only");
        assert!(Pattern::new("a").is_match("bab"));
        assert!(matches(r"[\w]+", "a_1"));
    }

    #[test]
    fn a_pattern_the_regex_crate_cannot_read_matches_everything() {
        assert!(Pattern::new("(?=a)b").is_match("c"));
    }

    #[test]
    fn reports_a_mismatch() {
        let mut out = Violations::default();
        Pattern::new("^[a-z]+$").check("A", &Pointer::default(), "s#/pattern", &mut out);
        let violation = out.iter().next().unwrap();
        assert_eq!(violation.keyword, "pattern");
        assert_eq!(violation.message, "does not match the pattern `^[a-z]+$`");
    }
}
