//! The suite's `remotes/` folder, as its own runner serves it at `http://localhost:1234/`:
//! a schema's references to that server are files of the folder. The generator downloads
//! nothing, so the runner puts the files a schema reaches beside it, each with its URL as its
//! `$id` when it has none (its retrieval URI is its base URI), and the generator resolves the
//! references to them by `$id`. A document whose own `$id` is another URL is beside it as it
//! is, and its URL holds a reference to it.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

/// Where the suite's runner serves `remotes/`.
pub const SERVER: &str = "http://localhost:1234/";

/// The remote documents `schema` reaches, directly or through each other: their path inside
/// `remotes/`, and their JSON with `$id` set.
pub fn reached(schema: &Value, remotes: Option<&Path>) -> BTreeMap<String, Value> {
    let mut found = BTreeMap::new();
    let Some(remotes) = remotes else {
        return found;
    };
    let mut queue = Vec::new();
    references(schema, "", &mut queue);
    while let Some(url) = queue.pop() {
        let Some(path) = url.strip_prefix(SERVER) else {
            continue;
        };
        if found.contains_key(path) || path.is_empty() || path.split('/').any(|s| s == "..") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(remotes.join(path)) else {
            continue;
        };
        let Ok(mut document) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        references(&document, &url, &mut queue);
        let Value::Object(object) = &mut document else {
            found.insert(path.to_string(), document);
            continue;
        };
        match object.get("$id").and_then(Value::as_str) {
            None => {
                object.insert("$id".into(), Value::String(url.clone()));
            }
            // A document served at one URL with another `$id`: the URL is a document that
            // refers to it, and it is beside it as it is.
            Some(id) if without_fragment(&resolve(&url, id)) != url => {
                let id = resolve(&url, id);
                found.insert(format!("{path}.id.json"), document);
                document = serde_json::json!({ "$id": url, "$ref": id });
            }
            Some(_) => {}
        }
        found.insert(path.to_string(), document);
    }
    found
}

/// Every URL (without its fragment) that a `$ref` or `$dynamicRef` of `schema` names, resolved
/// against the base URIs its `$id`s set.
fn references(schema: &Value, base: &str, out: &mut Vec<String>) {
    match schema {
        Value::Object(object) => {
            let base = match object.get("$id").and_then(Value::as_str) {
                Some(id) => without_fragment(&resolve(base, id)),
                None => base.to_string(),
            };
            for (key, value) in object {
                match (key.as_str(), value) {
                    ("$ref" | "$dynamicRef", Value::String(reference)) => {
                        out.push(without_fragment(&resolve(&base, reference)));
                    }
                    // Data, not schemas.
                    ("const" | "enum" | "default" | "examples", _) => {}
                    _ => references(value, &base, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| references(item, base, out)),
        _ => {}
    }
}

fn without_fragment(uri: &str) -> String {
    uri.split('#').next().unwrap_or_default().to_string()
}

/// `reference` resolved against `base` (RFC 3986, section 5.2, for the forms schemas use).
pub fn resolve(base: &str, reference: &str) -> String {
    let has_scheme = reference.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme || base.is_empty() {
        return reference.to_string();
    }
    let base = without_fragment(base);
    if reference.starts_with('#') || reference.is_empty() {
        return format!("{base}{reference}");
    }
    let (scheme, rest) = base.split_once(':').unwrap_or(("", &base));
    if let Some(network) = reference.strip_prefix("//") {
        return format!("{scheme}://{network}");
    }
    let (authority, path) = match rest.strip_prefix("//") {
        Some(after) => match after.find('/') {
            Some(at) => (format!("//{}", &after[..at]), after[at..].to_string()),
            None => (format!("//{after}"), String::new()),
        },
        None => (String::new(), rest.to_string()),
    };
    let path = path.split('?').next().unwrap_or_default();
    let merged = if reference.starts_with('/') {
        reference.to_string()
    } else if reference.starts_with('?') {
        format!("{path}{reference}")
    } else {
        match path.rfind('/') {
            Some(at) => format!("{}{reference}", &path[..=at]),
            None if authority.is_empty() => reference.to_string(),
            None => format!("/{reference}"),
        }
    };
    format!("{scheme}:{authority}{}", remove_dots(&merged))
}

/// RFC 3986's `remove_dot_segments`.
fn remove_dots(path: &str) -> String {
    let (path, query) = match path.find(['?', '#']) {
        Some(at) => path.split_at(at),
        None => (path, ""),
    };
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            _ => out.push(segment),
        }
    }
    format!("{}{query}", out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_as_rfc_3986_does() {
        let base = "http://localhost:1234/draft2020-12/root";
        assert_eq!(
            resolve(base, "nested.json"),
            "http://localhost:1234/draft2020-12/nested.json"
        );
        assert_eq!(resolve(base, "#foo"), format!("{base}#foo"));
        assert_eq!(resolve(base, "/x.json"), "http://localhost:1234/x.json");
        assert_eq!(resolve(base, "../x.json"), "http://localhost:1234/x.json");
        assert_eq!(
            resolve("http://localhost:1234/draft2020-12/", "baseUriChange/"),
            "http://localhost:1234/draft2020-12/baseUriChange/"
        );
        assert_eq!(resolve(base, "urn:uuid:x"), "urn:uuid:x");
        assert_eq!(resolve("", "x.json"), "x.json");
    }
}
