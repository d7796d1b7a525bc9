//! Schemas named by URI: `$id` (a schema resource, and the base URI of the references inside
//! it) and `$anchor` (a plain name inside a resource; drafts 07 and 04 write it as a `$id` of
//! `#name`; draft 04 writes `$id` as `id`). Each file of the spec folder has the base URI `spec:/<path>` until a `$id` says
//! otherwise, so references between files and to `$id`s resolve by one rule.

use std::collections::BTreeMap;

use serde_json::Value;

use super::dialect::Draft;
use super::refs::visit_schemas;
use super::uri;

/// The base URI of a file that does not name itself.
pub fn file_uri(file: &str) -> String {
    format!("spec:/{file}")
}

/// Where a schema is: its file and its JSON pointer in that file.
pub type Place = (String, String);

#[derive(Clone, Debug, Default)]
pub struct Ids {
    /// Absolute URI of a `$id` -> the schema that has it.
    resources: BTreeMap<String, Place>,
    /// (base URI of the resource, name) -> the schema with that anchor.
    anchors: BTreeMap<(String, String), Place>,
    /// Per file, the schemas with a `$id`, in document order, with their absolute URI.
    bases: BTreeMap<String, Vec<(String, String)>>,
    /// The files whose `$schema` names a draft, and that draft.
    drafts: BTreeMap<String, Draft>,
    /// How many schemas of the spec say `$recursiveAnchor: true`.
    recursive_anchors: usize,
    /// `$dynamicAnchor` name -> each schema that has it, with its resource's base URI.
    dynamic_anchors: BTreeMap<String, Vec<(String, Place)>>,
}

impl Ids {
    /// Indexes the `$id`s and `$anchor`s of one document, read from the file `file`.
    pub fn add(&mut self, file: &str, document: &Value) {
        let mut found = Vec::new();
        let draft = Draft::of(document);
        if draft != Draft::Any {
            self.drafts.insert(file.to_string(), draft);
        }
        // Drafts 04 and 03 wrote `$id` as `id`, which later drafts leave to the user.
        let id_key = draft.id_key();
        let mut recursive_anchors = 0;
        let has_dynamic = draft.later_keyword("$dynamicAnchor").is_none();
        visit_schemas(document, &mut |pointer, map| {
            // Beside a `$ref` of drafts 07 and earlier, `$id` is ignored like every sibling.
            if draft.ref_overrides_siblings() && map.contains_key("$ref") {
                return;
            }
            let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_string);
            // `$dynamicAnchor` came in 2020-12: before, it is no keyword.
            let dynamic = text("$dynamicAnchor").filter(|_| has_dynamic);
            let (id, anchor) = (text(id_key), text("$anchor"));
            if id.is_some() || anchor.is_some() || dynamic.is_some() {
                found.push((pointer.to_string(), id, anchor, dynamic));
            }
            if map.get("$recursiveAnchor") == Some(&Value::Bool(true)) {
                recursive_anchors += 1;
            }
        });
        self.recursive_anchors += recursive_anchors;
        for (pointer, id, anchor, dynamic) in found {
            // The parent's base: ancestors come first in document order.
            let base = self.base_at(file, &pointer);
            let id = id
                .as_deref()
                .map(|id| id.split_once('#').unwrap_or((id, "")));
            let (resource, id_anchor) = match id {
                // A fragment that is a JSON pointer names no anchor (the seed's
                // `$id: "#/components/schemas/..."`): the schema keeps its parent's base.
                Some((_, fragment)) if fragment.starts_with('/') => (base, None),
                Some(("", fragment)) => (base, Some(fragment)),
                Some((uri_part, fragment)) => {
                    let resource = uri::resolve(&base, uri_part);
                    self.resources
                        .entry(resource.clone())
                        .or_insert_with(|| (file.to_string(), pointer.clone()));
                    self.bases
                        .entry(file.to_string())
                        .or_default()
                        .push((pointer.clone(), resource.clone()));
                    (resource, Some(fragment))
                }
                None => (base, None),
            };
            if let Some(name) = dynamic.as_deref().filter(|name| !name.is_empty()) {
                let place = (file.to_string(), pointer.clone());
                let holders = self.dynamic_anchors.entry(name.to_string()).or_default();
                holders.push((resource.clone(), place));
            }
            // A `$dynamicAnchor` is also a plain anchor (what a `$ref` to it names).
            let names = [id_anchor, anchor.as_deref(), dynamic.as_deref()];
            for name in names.into_iter().flatten() {
                if !name.is_empty() {
                    self.anchors
                        .entry((resource.clone(), name.to_string()))
                        .or_insert_with(|| (file.to_string(), pointer.clone()));
                }
            }
        }
    }

    /// The base URI at `pointer` of `file`: the `$id` of the nearest schema around it that has
    /// one, else the file's own.
    pub fn base_at(&self, file: &str, pointer: &str) -> String {
        self.bases
            .get(file)
            .into_iter()
            .flatten()
            .filter(|(at, _)| contains(at, pointer))
            .max_by_key(|(at, _)| at.len())
            .map_or_else(|| file_uri(file), |(_, uri)| uri.clone())
    }

    /// The draft `file` is written in (its `$schema`).
    pub fn draft(&self, file: &str) -> Draft {
        self.drafts.get(file).copied().unwrap_or_default()
    }

    /// Whether more than one schema of the spec says `$recursiveAnchor: true` (see
    /// [`super::dialect::Reading::dynamic_recursion`]).
    pub fn dynamic_recursion(&self) -> bool {
        self.recursive_anchors > 1
    }

    /// The schemas with `$dynamicAnchor: name`, each with its resource's base URI.
    pub fn dynamic_anchors(&self, name: &str) -> &[(String, Place)] {
        self.dynamic_anchors.get(name).map_or(&[], Vec::as_slice)
    }

    /// The schema whose `$id` is `uri`.
    pub fn resource(&self, uri: &str) -> Option<&Place> {
        self.resources.get(uri)
    }

    /// The schema with the anchor `name` in the resource of base URI `base`.
    pub fn anchor(&self, base: &str, name: &str) -> Option<&Place> {
        self.anchors.get(&(base.to_string(), name.to_string()))
    }
}

/// Whether the JSON pointer `outer` is `inner` or one of its ancestors.
fn contains(outer: &str, inner: &str) -> bool {
    inner
        .strip_prefix(outer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_nest_and_anchors_belong_to_their_resource() {
        let mut ids = Ids::default();
        ids.add(
            "root.json",
            &json!({
                "$id": "https://example.com/schemas/root.json",
                "$defs": {
                    "address": {"$id": "address", "$anchor": "street", "type": "string"},
                    "old": {"$id": "#legacy", "type": "integer"},
                    "seed": {"$id": "#/components/schemas/Seed", "type": "object"},
                    "urn": {"$id": "urn:uuid:1", "$defs": {"x": {"$anchor": "x"}}}
                },
                "properties": {"$id": {"type": "string"}}
            }),
        );
        let at = |file: &str, pointer: &str| Some((file.to_string(), pointer.to_string()));
        assert_eq!(
            ids.resource("https://example.com/schemas/address").cloned(),
            at("root.json", "/$defs/address")
        );
        assert_eq!(
            ids.anchor("https://example.com/schemas/address", "street")
                .cloned(),
            at("root.json", "/$defs/address")
        );
        assert_eq!(
            ids.anchor("https://example.com/schemas/root.json", "legacy")
                .cloned(),
            at("root.json", "/$defs/old")
        );
        assert_eq!(
            ids.anchor("urn:uuid:1", "x").cloned(),
            at("root.json", "/$defs/urn/$defs/x")
        );
        assert_eq!(
            ids.base_at("root.json", "/$defs/seed/properties/a"),
            "https://example.com/schemas/root.json"
        );
        assert_eq!(
            ids.base_at("root.json", "/$defs/addressee"),
            "https://example.com/schemas/root.json"
        );
        assert_eq!(ids.base_at("other.json", ""), "spec:/other.json");
        // A property named `$id` is no identifier.
        assert_eq!(ids.resources.len(), 3);
    }

    #[test]
    fn draft_04_writes_its_ids_as_id() {
        let schema = |dialect: &str| {
            json!({
                "$schema": dialect,
                "definitions": {"a": {"id": "http://example.com/a.json", "type": "string"}}
            })
        };
        let mut ids = Ids::default();
        ids.add(
            "old.json",
            &schema("http://json-schema.org/draft-04/schema#"),
        );
        let place = ("old.json".to_string(), "/definitions/a".to_string());
        assert_eq!(ids.resource("http://example.com/a.json"), Some(&place));
        // In later drafts `id` is no keyword.
        let mut ids = Ids::default();
        ids.add(
            "new.json",
            &schema("http://json-schema.org/draft-07/schema#"),
        );
        assert_eq!(ids.resource("http://example.com/a.json"), None);
    }

    #[test]
    fn draft_07_ignores_an_id_beside_a_ref() {
        let schema = |dialect: &str| {
            json!({
                "$schema": dialect,
                "definitions": {
                    "a": {"$id": "http://example.com/a.json", "$ref": "#/definitions/b"},
                    "b": {"$id": "#b", "type": "string"}
                }
            })
        };
        let mut ids = Ids::default();
        ids.add(
            "old.json",
            &schema("http://json-schema.org/draft-07/schema#"),
        );
        assert_eq!(ids.draft("old.json"), Draft::Draft7);
        assert_eq!(ids.resource("http://example.com/a.json"), None);
        assert!(ids.anchor("spec:/old.json", "b").is_some());
        // From 2019-09 on a `$ref` is one keyword among the others.
        let mut ids = Ids::default();
        ids.add(
            "new.json",
            &schema("https://json-schema.org/draft/2019-09/schema"),
        );
        assert_eq!(ids.draft("new.json"), Draft::Draft2019);
        let place = ("new.json".to_string(), "/definitions/a".to_string());
        assert_eq!(ids.resource("http://example.com/a.json"), Some(&place));
        assert_eq!(ids.draft("unknown.json"), Draft::Any);
    }

    #[test]
    fn a_dynamic_anchor_is_a_plain_anchor_too() {
        let mut ids = Ids::default();
        let schema =
            json!({"$defs": {"a": {"$id": "https://example.com/a", "$dynamicAnchor": "items"}}});
        ids.add("one.json", &schema);
        let place = ("one.json".to_string(), "/$defs/a".to_string());
        assert_eq!(ids.anchor("https://example.com/a", "items"), Some(&place));
        let holders = ids.dynamic_anchors("items");
        assert_eq!(holders, [("https://example.com/a".to_string(), place)]);
        assert!(ids.dynamic_anchors("other").is_empty());
    }

    #[test]
    fn recursive_anchors_are_counted_over_the_spec() {
        let mut ids = Ids::default();
        let one = json!({"$recursiveAnchor": true, "$defs": {"a": {"$recursiveAnchor": false}}});
        ids.add("one.json", &one);
        assert!(!ids.dynamic_recursion());
        ids.add("two.json", &json!({"items": {"$recursiveAnchor": true}}));
        assert!(ids.dynamic_recursion());
    }
}
