//! `$dynamicRef` bound at load time. A `$dynamicRef` names the schema its dynamic scope holds:
//! where the instance's evaluation passed, which a type fixed at generation does not know. It
//! still names one schema wherever the answer does not depend on that path:
//! - its fragment is a JSON pointer, or its initial target has no `$dynamicAnchor` of that name
//!   (then it is a plain `$ref`, as 2020-12 says);
//! - only one schema of the spec has that `$dynamicAnchor` (every path finds that one);
//! - one root of the spec has that `$dynamicAnchor` in its own resource: the outermost scope
//!   of an evaluation that starts there, which the dynamic scope is searched from first (a
//!   warning when the reference's file is another root, whose types read alone would not).
//!
//! Such a `$dynamicRef` is rewritten as the `$ref` it is, so every later stage reads one
//! kind of reference; the others stay, and the schema reading warns about them.

use std::collections::BTreeSet;

use serde_json::Value;

use super::Spec;
use super::refs::{target, visit_schemas};
use crate::diagnostics::Diagnostic;

/// Rewrites each `$dynamicRef` that names one schema whatever the path as a `$ref` to it.
pub(super) fn bind(spec: &mut Spec) {
    let mut found = Vec::new();
    for (file, document) in &spec.documents {
        // `$dynamicRef` came in 2020-12: before, it is no keyword (and stays unread).
        if spec.ids.draft(file).later_keyword("$dynamicRef").is_some() {
            continue;
        }
        visit_schemas(document, &mut |pointer, map| {
            // Beside a `$ref` there is no key to write it to: it stays (and is warned about).
            if let (Some(Value::String(reference)), false) =
                (map.get("$dynamicRef"), map.contains_key("$ref"))
            {
                found.push((file.clone(), pointer.to_string(), reference.clone()));
            }
        });
    }
    // Most specs have none: no walk of every `$ref` then.
    if found.is_empty() {
        return;
    }
    let referenced = referenced_files(spec);
    let mut warnings = Vec::new();
    let bound: Vec<_> = found
        .into_iter()
        .filter_map(|(file, pointer, reference)| {
            let to = binding(
                spec,
                &file,
                &pointer,
                &reference,
                &referenced,
                &mut warnings,
            )?;
            Some((file, pointer, to))
        })
        .collect();
    spec.warnings.extend(warnings);
    for (file, pointer, reference) in bound {
        let schema = spec
            .documents
            .get_mut(&file)
            .and_then(|document| document.pointer_mut(&pointer))
            .and_then(Value::as_object_mut);
        if let Some(schema) = schema {
            schema.remove("$dynamicRef");
            schema.insert("$ref".into(), Value::String(reference));
        }
    }
}

/// The `$ref` a `$dynamicRef` at `pointer` of `file` is, when it names one schema.
fn binding(
    spec: &Spec,
    file: &str,
    pointer: &str,
    reference: &str,
    referenced: &BTreeSet<&str>,
    warnings: &mut Vec<Diagnostic>,
) -> Option<String> {
    let name = match reference.split_once('#') {
        Some((_, name)) if !name.is_empty() && !name.starts_with('/') => name,
        // No anchor in the fragment: a plain `$ref`.
        _ => return Some(reference.to_string()),
    };
    // A dangling reference is reported as one, by the `$ref` checks.
    let (target_file, target_pointer) = target(spec, file, pointer, reference).ok()?;
    let initial = spec.documents.get(target_file)?.pointer(&target_pointer)?;
    let bookended = initial.get("$dynamicAnchor").and_then(Value::as_str) == Some(name);
    let holders = spec.ids.dynamic_anchors(name);
    if !bookended || holders.len() == 1 {
        return Some(reference.to_string());
    }
    // The roots whose own resource has the anchor, and which no other document refers to
    // (where evaluation starts): one, or the path decides.
    let mut outermost = spec.roots.iter().filter_map(|root| {
        let base = spec.ids.base_at(root, "");
        let holds = holders.iter().any(|(b, _)| *b == base);
        (holds && !referenced.contains(root.as_str())).then_some((root, base))
    });
    let (Some((root, base)), None) = (outermost.next(), outermost.next()) else {
        return None;
    };
    // The reference's own file read alone (a root of a folder of schemas) starts elsewhere.
    if file != root.as_str() && spec.roots.iter().any(|r| r == file) {
        let message = format!(
            "`$dynamicRef: {reference}` is read as the `$dynamicAnchor: {name}` of `{root}`, where evaluation starts in this spec: the types of `{file}` read alone would find another"
        );
        let at = format!("{pointer}/$dynamicRef");
        warnings.push(Diagnostic::new(spec.location(file, &at), message));
    }
    Some(format!("{base}#{name}"))
}

/// The files a `$ref` of another file names.
fn referenced_files(spec: &Spec) -> BTreeSet<&str> {
    let mut referenced = BTreeSet::new();
    for (file, document) in &spec.documents {
        visit_schemas(document, &mut |pointer, map| {
            if let Some(Value::String(reference)) = map.get("$ref") {
                if let Ok((to, _)) = target(spec, file, pointer, reference) {
                    if to != file.as_str() {
                        referenced.insert(to);
                    }
                }
            }
        });
    }
    referenced
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::{Value, json};

    use super::super::Spec;

    fn load(files: &[(&str, Value)]) -> Spec {
        let files: BTreeMap<String, String> = files
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect();
        Spec::from_memory(files.keys().next().unwrap(), &files).unwrap()
    }

    fn at<'s>(spec: &'s Spec, file: &str, pointer: &str) -> &'s Value {
        let (_, document) = spec.documents().find(|(name, _)| *name == file).unwrap();
        document.pointer(pointer).unwrap()
    }

    #[test]
    fn a_dynamic_ref_with_one_target_whatever_the_path_becomes_a_ref() {
        let schema = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$dynamicAnchor": "node",
            "properties": {
                "children": {"items": {"$dynamicRef": "#node"}},
                "plain": {"$dynamicRef": "#/$defs/leaf"}
            },
            "$defs": {"leaf": {"type": "string"}}
        });
        let spec = load(&[("a.json", schema)]);
        let items = at(&spec, "a.json", "/properties/children/items");
        assert_eq!(items, &json!({"$ref": "#node"}));
        let plain = at(&spec, "a.json", "/properties/plain");
        assert_eq!(plain, &json!({"$ref": "#/$defs/leaf"}));
        assert!(spec.warnings().is_empty());
    }

    #[test]
    fn the_outermost_root_wins_and_other_paths_stay_dynamic() {
        let root = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://example.com/strict",
            "$dynamicAnchor": "node",
            "$ref": "tree",
            "$defs": {
                "tree": {
                    "$id": "tree",
                    "$dynamicAnchor": "node",
                    "items": {"$dynamicRef": "#node"}
                }
            }
        });
        let spec = load(&[("a.json", root)]);
        let items = at(&spec, "a.json", "/$defs/tree/items");
        assert_eq!(items, &json!({"$ref": "https://example.com/strict#node"}));
        // Two resources with the anchor and neither at the root: the path decides.
        let root = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$defs": {
                "a": {"$id": "https://example.com/a", "$dynamicAnchor": "node", "items": {"$dynamicRef": "#node"}},
                "b": {"$id": "https://example.com/b", "$dynamicAnchor": "node", "$ref": "a"}
            }
        });
        let spec = load(&[("a.json", root)]);
        let items = at(&spec, "a.json", "/$defs/a/items");
        assert_eq!(items, &json!({"$dynamicRef": "#node"}));
    }
}
