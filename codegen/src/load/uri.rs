//! Just enough of RFC 3986 to resolve a `$ref` or a `$id` against the base URI of the schema
//! that holds it (section 5.2): `$id`s name schemas by URIs such as
//! `https://example.com/schemas/address`, and references are relative to them. No network:
//! a URI only names a schema of the spec.

/// Whether `text` starts with a scheme (`https:`, `urn:`), so it is absolute.
pub fn has_scheme(text: &str) -> bool {
    let Some((scheme, _)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `reference` (without its fragment) resolved against the absolute `base` (without its
/// fragment), as RFC 3986 section 5.2.2 does it.
pub fn resolve(base: &str, reference: &str) -> String {
    let r = Parts::of(reference);
    let b = Parts::of(base);
    let (authority, path, query) = if r.scheme.is_some() {
        return Parts {
            path: remove_dots(&r.path),
            ..r
        }
        .to_string();
    } else if r.authority.is_some() {
        (r.authority, remove_dots(&r.path), r.query)
    } else if r.path.is_empty() {
        (b.authority, b.path.clone(), r.query.or(b.query))
    } else if r.path.starts_with('/') {
        (b.authority, remove_dots(&r.path), r.query)
    } else {
        let merged = match b.path.rfind('/') {
            None if b.authority.is_some() => format!("/{}", r.path),
            None => r.path.to_string(),
            Some(slash) => format!("{}{}", &b.path[..=slash], r.path),
        };
        (b.authority, remove_dots(&merged), r.query)
    };
    Parts {
        scheme: b.scheme,
        authority,
        path,
        query,
    }
    .to_string()
}

/// A URI's parts (RFC 3986 appendix B), fragment excluded.
struct Parts<'a> {
    scheme: Option<&'a str>,
    authority: Option<&'a str>,
    path: String,
    query: Option<&'a str>,
}

impl<'a> Parts<'a> {
    fn of(uri: &'a str) -> Parts<'a> {
        let uri = uri.split('#').next().unwrap_or_default();
        let (scheme, rest) = match uri.split_once(':') {
            Some((scheme, rest)) if has_scheme(uri) => (Some(scheme), rest),
            _ => (None, uri),
        };
        let (rest, query) = match rest.split_once('?') {
            Some((rest, query)) => (rest, Some(query)),
            None => (rest, None),
        };
        let (authority, path) = match rest.strip_prefix("//") {
            Some(rest) => {
                let end = rest.find('/').unwrap_or(rest.len());
                (Some(&rest[..end]), &rest[end..])
            }
            None => (None, rest),
        };
        Parts {
            scheme,
            authority,
            path: path.to_string(),
            query,
        }
    }
}

impl std::fmt::Display for Parts<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(scheme) = self.scheme {
            write!(f, "{scheme}:")?;
        }
        if let Some(authority) = self.authority {
            write!(f, "//{authority}")?;
        }
        f.write_str(&self.path)?;
        if let Some(query) = self.query {
            write!(f, "?{query}")?;
        }
        Ok(())
    }
}

/// RFC 3986 section 5.2.4: `.` and `..` segments removed (a `..` at the root stays there).
fn remove_dots(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." if last => out.push(""),
            "." => {}
            ".." => {
                if out.len() > 1 || out.first().is_some_and(|s| !s.is_empty()) {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            segment => out.push(segment),
        }
    }
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_as_rfc_3986_section_5_4_says() {
        let base = "http://a/b/c/d;p?q";
        for (reference, expected) in [
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("g:h", "g:h"),
        ] {
            assert_eq!(resolve(base, reference), expected, "{reference}");
        }
    }

    #[test]
    fn schema_ids_resolve_against_their_parent() {
        assert_eq!(
            resolve("https://example.com/schemas/root.json", "address"),
            "https://example.com/schemas/address"
        );
        assert_eq!(
            resolve("http://localhost:1234/draft2020-12/root", "nested.json"),
            "http://localhost:1234/draft2020-12/nested.json"
        );
        assert_eq!(
            resolve("urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed", ""),
            "urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed"
        );
        assert!(has_scheme("urn:uuid:x") && has_scheme("https://x"));
        assert!(!has_scheme("other.json") && !has_scheme("#/a:b") && !has_scheme("a/b:c"));
    }
}
