//! `$ref`s: which files they name, and what they point at.

use std::fmt::Write;

use serde_json::{Map, Value};

use super::dialect::Reading;
use super::{Spec, ids, uri};
use crate::diagnostics::Location;

/// A node of a loaded document: the file (path inside the spec folder), the JSON pointer and the
/// value found there, and how its document is read (its draft).
#[derive(Clone, Debug)]
pub struct Node<'a> {
    pub file: &'a str,
    pub pointer: String,
    pub value: &'a Value,
    pub reading: Reading,
}

impl<'a> Node<'a> {
    /// A node of a document that names no draft (read with every draft's keywords).
    pub fn new(file: &'a str, pointer: String, value: &'a Value) -> Node<'a> {
        Node {
            file,
            pointer,
            value,
            reading: Reading::default(),
        }
    }

    /// The keys of an object, in the document's order (none for anything else). Owned, so the
    /// caller may walk the children while it changes other state.
    pub fn keys(&self) -> Vec<String> {
        self.value
            .as_object()
            .map(|map| map.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The child under `token` (a key or an array index), if there is one.
    pub fn child(&self, token: &str) -> Option<Node<'a>> {
        let value = match self.value {
            Value::Object(map) => map.get(token)?,
            Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
        let token = escape(token);
        let mut pointer = String::with_capacity(self.pointer.len() + 1 + token.len());
        pointer.push_str(&self.pointer);
        pointer.push('/');
        pointer.push_str(&token);
        Some(Node {
            file: self.file,
            pointer,
            value,
            reading: self.reading,
        })
    }
}

/// `Value::pointer`, unescaping only the tokens that have a `~`.
fn lookup<'v>(document: &'v Value, pointer: &str) -> Option<&'v Value> {
    if pointer.is_empty() {
        return Some(document);
    }
    let mut value = document;
    for token in pointer.strip_prefix('/')?.split('/') {
        let token = match token.contains('~') {
            true => token.replace("~1", "/").replace("~0", "~").into(),
            false => std::borrow::Cow::Borrowed(token),
        };
        value = match value {
            Value::Object(map) => map.get(token.as_ref())?,
            Value::Array(items) => {
                // As serde_json reads an index: no `+`, no leading zero.
                if token.starts_with('+') || (token.starts_with('0') && token.len() != 1) {
                    return None;
                }
                items.get(token.parse::<usize>().ok()?)?
            }
            _ => return None,
        };
    }
    Some(value)
}

/// Escapes a key as one JSON-pointer token (RFC 6901): most keys need nothing.
pub fn escape(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains(['~', '/']) {
        token.replace('~', "~0").replace('/', "~1").into()
    } else {
        token.into()
    }
}

/// Every `$ref` string in a document, with the pointer of the object that holds it.
pub fn external_refs(value: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    visit_schemas(value, &mut |pointer, map| {
        if let Some(Value::String(reference)) = map.get("$ref") {
            out.push((pointer.to_string(), reference.clone()));
        }
    });
    out
}

/// Calls `f` with every object of a document that may be a schema or hold a `$ref`, and its
/// pointer, in document order. Example values, `const`, `default` and `enum` are data, not
/// schemas: a `$ref` or `$id` key inside them is a property of the value (GitHub's SCIM
/// examples have such keys). Nor are the maps whose keys are names (`properties`, `$defs`...).
pub fn visit_schemas(value: &Value, f: &mut dyn FnMut(&str, &Map<String, Value>)) {
    /// Objects whose keys are names (of properties, components, paths, media types...), so
    /// a child called `default` or `example` is no keyword.
    const NAMED: &[&str] = &[
        "properties",
        "patternProperties",
        "$defs",
        "definitions",
        "dependentSchemas",
        "dependencies",
        "paths",
        "webhooks",
        "schemas",
        "responses",
        "parameters",
        "requestBodies",
        "headers",
        "securitySchemes",
        "links",
        "callbacks",
        "pathItems",
        "content",
        "encoding",
    ];
    type Visitor<'f> = dyn FnMut(&str, &Map<String, Value>) + 'f;
    fn walk(value: &Value, pointer: &mut String, names: bool, f: &mut Visitor<'_>) {
        match value {
            Value::Object(map) => {
                if !names {
                    f(pointer, map);
                }
                for (key, child) in map {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&escape(key));
                    match key.as_str() {
                        _ if names => walk(child, pointer, false, f),
                        "example" | "const" | "default" | "enum" => {}
                        // Named Example Objects: only their own `$ref`s are references.
                        "examples" => {
                            for (name, example) in child.as_object().into_iter().flatten() {
                                if let Value::Object(example) = example {
                                    f(&format!("{pointer}/{}", escape(name)), example);
                                }
                            }
                        }
                        _ => walk(child, pointer, NAMED.contains(&key.as_str()), f),
                    }
                    pointer.truncate(len);
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    let len = pointer.len();
                    write!(pointer, "/{index}").unwrap();
                    walk(child, pointer, false, f);
                    pointer.truncate(len);
                }
            }
            _ => {}
        }
    }
    walk(value, &mut String::new(), false, f);
}

/// The file a reference names, relative to the spec folder; `None` for a same-file reference.
pub fn target_file(from_file: &str, reference: &str) -> Result<Option<String>, String> {
    let file_part = reference.split('#').next().unwrap_or_default();
    if file_part.is_empty() {
        return Ok(None);
    }
    if file_part.contains("://") || file_part.starts_with('/') || file_part.contains('\\') {
        return Err(format!(
            "`$ref: {reference}` is not supported: only relative paths inside the spec folder are"
        ));
    }
    let mut parts: Vec<&str> = from_file.split('/').collect();
    parts.pop(); // the referring file's own name
    for part in file_part.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!(
                        "`$ref: {reference}` points outside the spec folder"
                    ));
                }
            }
            part => parts.push(part),
        }
    }
    Ok(Some(parts.join("/")))
}

/// How many references in a row are followed before giving up (a cycle is caught earlier).
const MAX_CHAIN: usize = 64;

pub fn resolve<'a>(
    spec: &'a Spec,
    from: &Node<'a>,
    reference: &str,
) -> Result<Node<'a>, (Location, String)> {
    let here = || spec.location(from.file, &from.pointer);
    // The node holding the reference being followed: its base URI resolves the reference.
    let mut at: (&str, String) = (from.file, from.pointer.clone());
    let mut reference = reference.to_string();
    // Every place the chain passed through, to name a cycle when it comes back.
    let mut seen: Vec<String> = vec![format!("{}#{}", from.file, from.pointer)];
    for _ in 0..MAX_CHAIN {
        let (file, pointer) =
            target(spec, at.0, &at.1, &reference).map_err(|message| (here(), message))?;
        let document = &spec.documents[file];
        // Most specs rename nothing: no key to build then.
        let pointer = match spec.renamed.is_empty() {
            true => pointer,
            false => match spec.renamed.get(&format!("{file}#{pointer}")) {
                Some(found) => found.clone(),
                None => pointer,
            },
        };
        let value = lookup(document, &pointer).ok_or_else(|| {
            (
                here(),
                format!("`$ref: {reference}` points at nothing: no `{pointer}` in `{file}`"),
            )
        })?;
        let place = format!("{file}#{pointer}");
        if seen.contains(&place) {
            seen.push(place);
            return Err((
                here(),
                format!(
                    "`$ref` cycle that describes no value: {} (a schema that is only a reference must lead to a real schema)",
                    seen.join(" -> ")
                ),
            ));
        }
        seen.push(place);
        // A reference of drafts 07 and earlier is bare whatever its siblings (they are ignored).
        let bare = |map: &Map<String, Value>| {
            map.len() == 1 || spec.reading(file).draft.ref_overrides_siblings()
        };
        match value.get("$ref").and_then(Value::as_str) {
            // A bare reference to another reference: follow it (and catch loops).
            Some(next) if value.as_object().is_some_and(bare) => {
                reference = next.to_string();
                at = (file, pointer);
            }
            _ => {
                return Ok(Node {
                    file,
                    pointer,
                    value,
                    reading: spec.reading(file),
                });
            }
        }
    }
    Err((
        here(),
        format!("`$ref` chain longer than {MAX_CHAIN} references"),
    ))
}

/// The file and pointer a `$ref` found at `pointer` of `file` names (the pointer may point
/// at nothing: the caller says so).
pub(super) fn target<'a>(
    spec: &'a Spec,
    file: &str,
    pointer: &str,
    reference: &str,
) -> Result<(&'a str, String), String> {
    let (uri_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
    let (file, resource) = resource(spec, file, pointer, reference, uri_part)?;
    let fragment = percent_decode(fragment);
    if fragment.is_empty() || fragment.starts_with('/') {
        return Ok((file, format!("{resource}{fragment}")));
    }
    let base = spec.ids.base_at(file, &resource);
    match spec.ids.anchor(&base, &fragment) {
        Some((file, pointer)) => Ok((spec.file_name(file), pointer.clone())),
        None => Err(format!(
            "`$ref: {reference}` points at nothing: no `$anchor: {fragment}` (nor `$id: \"#{fragment}\"`) in `{file}`{}",
            if resource.is_empty() {
                String::new()
            } else {
                format!(" at `{resource}`")
            }
        )),
    }
}

/// The schema resource the part before `#` of a `$ref` names, found at `pointer` of `file`:
/// a `$id` of the spec, else a file of the spec folder, relative to the base URI there (or,
/// under a `$id` that names no schema of the spec, relative to the file).
fn resource<'a>(
    spec: &'a Spec,
    file: &str,
    pointer: &str,
    reference: &str,
    uri_part: &str,
) -> Result<(&'a str, String), String> {
    let base = spec.ids.base_at(file, pointer);
    let uri = match (base.strip_prefix("spec:/"), uri_part) {
        (_, "") => base.clone(),
        (Some(base_file), _) if !uri::has_scheme(uri_part) => {
            ids::file_uri(&target_file(base_file, reference)?.unwrap_or_default())
        }
        _ => uri::resolve(&base, uri_part),
    };
    if let Some((file, pointer)) = spec.ids.resource(&uri) {
        return Ok((spec.file_name(file), pointer.clone()));
    }
    let wanted = match uri.strip_prefix("spec:/") {
        Some(path) => path.to_string(),
        None if !uri::has_scheme(uri_part) => {
            target_file(file, reference)?.unwrap_or_else(|| file.to_string())
        }
        None => {
            return Err(format!(
                "`$ref: {reference}` names no `$id` of the spec's schemas: only those and relative paths inside the spec folder are followed"
            ));
        }
    };
    match spec.documents.get_key_value(&wanted) {
        Some((name, _)) => Ok((name.as_str(), String::new())),
        None => Err(format!("file `{wanted}` not found in the spec folder")),
    }
}

/// Which file, if any, loading reads for a `$ref` found at `pointer` of `file` (whose `$id`s
/// are indexed): the file the reference names relative to the base URI there, or, under a
/// `$id` of another scheme, relative to the file (maybe none: the reference may name a `$id`
/// of a file not read yet; [`check_files`] tells).
pub(super) fn file_to_read(
    spec: &Spec,
    file: &str,
    pointer: &str,
    reference: &str,
) -> Result<Option<String>, String> {
    let uri_part = reference.split('#').next().unwrap_or_default();
    if uri_part.is_empty() || uri::has_scheme(uri_part) {
        return Ok(None);
    }
    match spec.ids.base_at(file, pointer).strip_prefix("spec:/") {
        Some(base_file) => target_file(base_file, reference),
        None => Ok(target_file(file, reference).ok().flatten()),
    }
}

/// Checks, once every file is read, that the `$ref`s of the documents that name files or
/// URIs (not pointers inside their own resource) name something: a `$id`, or a file read.
/// `refs` holds each document's references as [`external_refs`] gives them, found while
/// loading (one walk of each document), sorted by file.
pub(super) fn check_files(
    spec: &Spec,
    refs: &[(String, Vec<(String, String)>)],
) -> Vec<(Location, String)> {
    let mut problems = Vec::new();
    for (file, found) in refs {
        for (pointer, reference) in found {
            let uri_part = reference.split('#').next().unwrap_or_default();
            if uri_part.is_empty() {
                continue;
            }
            if let Err(message) = resource(spec, file, pointer, reference, uri_part) {
                problems.push((spec.location(file, pointer), message));
            }
        }
    }
    problems
}

/// Where the definitions of a schema document are, for [`by_name`].
const DEFINITIONS: [&str; 3] = ["/$defs", "/definitions", "/components/schemas"];

/// The one definition named like the last token of a `pointer` that points at nothing: typify
/// reads every `$ref` by its last name, and schemas written for it say `#/components/schemas/X`
/// or `#/$definitions/X` for `#/definitions/X`. `None` when no definition, or more than one,
/// has the name.
fn by_name(document: &Value, pointer: &str) -> Option<String> {
    let (_, name) = pointer.rsplit_once('/')?;
    let mut found = DEFINITIONS
        .iter()
        .map(|place| format!("{place}/{name}"))
        .filter(|candidate| document.pointer(candidate).is_some());
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// Reads the same-document `$ref`s of a loaded spec whose target is missing but named by one
/// definition ([`by_name`]) as that definition, each with a warning: `refs` holds each
/// document's references as for [`check_files`], found while loading. The others stay
/// dangling, an error where they are followed.
pub(super) fn rename_missing(spec: &mut Spec, refs: &[(String, Vec<(String, String)>)]) {
    let mut renamed = Vec::new();
    for (file, found) in refs {
        let document = &spec.documents[file];
        for (at, reference) in found {
            let Some(fragment) = reference.strip_prefix('#') else {
                continue;
            };
            let pointer = percent_decode(fragment);
            if lookup(document, &pointer).is_some() {
                continue;
            }
            if let Some(found) = by_name(document, &pointer) {
                renamed.push((file.clone(), at.clone(), reference.clone(), pointer, found));
            }
        }
    }
    for (file, at, reference, pointer, found) in renamed {
        let message = format!(
            "`$ref: {reference}` points at nothing; read as `#{found}`, the one definition of that name (as typify reads references)"
        );
        let location = spec.location(&file, &at);
        spec.warnings
            .push(crate::diagnostics::Diagnostic::new(location, message));
        spec.renamed.insert(format!("{file}#{pointer}"), found);
    }
}

fn percent_decode(fragment: &str) -> String {
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Draft;

    #[test]
    fn relative_files_are_joined_and_normalised() {
        assert_eq!(
            target_file("openapi.json", "schemas/a.json#/x"),
            Ok(Some("schemas/a.json".into()))
        );
        assert_eq!(
            target_file("schemas/a.json", "../b.yaml"),
            Ok(Some("b.yaml".into()))
        );
        assert_eq!(
            target_file("schemas/a.json", "./c.json"),
            Ok(Some("schemas/c.json".into()))
        );
        assert_eq!(target_file("a.json", "#/components"), Ok(None));
    }

    #[test]
    fn references_may_not_leave_the_folder() {
        let err = target_file("openapi.json", "../secrets.json").unwrap_err();
        assert!(err.contains("outside the spec folder"), "{err}");
        assert!(target_file("a.json", "https://example.com/x.json").is_err());
        assert!(target_file("a.json", "/etc/passwd").is_err());
    }

    #[test]
    fn ref_keys_inside_data_are_not_references() {
        let document = serde_json::json!({
            "components": {
                "schemas": {
                    "Member": {
                        "properties": {
                            "$ref": {"type": "string", "example": {"$ref": "e.json"}},
                            "example": {"$ref": "property.json"}
                        },
                        "example": {"$ref": "example.json"},
                        "default": {"$ref": "default.json"},
                        "const": {"$ref": "const.json"},
                        "enum": [{"$ref": "enum.json"}]
                    }
                },
                "examples": {
                    "shared": {"value": {"$ref": "value.json"}},
                    "moved": {"$ref": "examples.json#/moved"}
                }
            }
        });
        let found: Vec<String> = external_refs(&document)
            .into_iter()
            .map(|(at, reference)| format!("{at} {reference}"))
            .collect();
        assert_eq!(
            found,
            [
                "/components/schemas/Member/properties/example property.json",
                "/components/examples/moved examples.json#/moved",
            ]
        );
    }

    #[test]
    fn percent_escapes_in_fragments_are_decoded() {
        assert_eq!(percent_decode("/paths/~1a%7Bid%7D"), "/paths/~1a{id}");
        assert_eq!(percent_decode("/x%"), "/x%");
    }

    #[test]
    fn a_draft_07_ref_with_siblings_is_followed_through() {
        let spec = |dialect: &str| {
            let schema = serde_json::json!({
                "$schema": dialect,
                "definitions": {
                    "a": {"$ref": "#/definitions/b", "maxLength": 3},
                    "b": {"type": "string"}
                }
            });
            let files = [("schema.json".to_string(), schema.to_string())].into();
            Spec::from_memory("schema.json", &files).unwrap()
        };
        let to = |spec: &Spec| {
            let root = spec.root();
            assert_eq!(root.reading, spec.reading("schema.json"));
            let found = spec.resolve(&root, "#/definitions/a").unwrap();
            (found.pointer, found.reading.draft)
        };
        let old = spec("http://json-schema.org/draft-07/schema#");
        assert_eq!(to(&old), ("/definitions/b".to_string(), Draft::Draft7));
        // In 2019-09 the siblings apply: the reference ends at the schema that has them.
        let new = spec("https://json-schema.org/draft/2019-09/schema");
        assert_eq!(to(&new), ("/definitions/a".to_string(), Draft::Draft2019));
    }
}
