//! Which JSON Schema draft a document is written in, as its root's `$schema` says. The same
//! code reads every draft; where the drafts disagree on what a schema means, this decides:
//! draft 04's `id` for `$id`, a `$ref` that overrides its siblings (drafts 07 and earlier),
//! the keywords a draft does not have yet, and `$recursiveRef` (2019-09). A document that
//! names no draft (an OpenAPI document, a bare schema without `$schema`) is read with every
//! draft's keywords, as before this distinction.

use serde_json::Value;

/// A JSON Schema draft, as a document's `$schema` names it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Draft {
    /// Drafts 03 and 04.
    Draft4,
    Draft6,
    Draft7,
    Draft2019,
    Draft2020,
    /// No `$schema`, or one that names no draft known here: every draft's keywords are read.
    #[default]
    Any,
}

/// The keywords each draft brought, for the drafts before it (where they are unknown
/// keywords, which a validator ignores: the suite's `future-keywords.json` checks it). Only
/// keywords that change which values are valid are listed: an annotation of a later draft
/// harms no one. Nor are those of drafts 06 and 07 (`const`, `contains`, `propertyNames`,
/// `if`): schemas that say draft 04 use them for what they mean later (typify's
/// `various-enums.json` has `const`), and they are read so.
const LATER: &[(&str, Draft)] = &[
    ("dependentRequired", Draft::Draft2019),
    ("dependentSchemas", Draft::Draft2019),
    ("minContains", Draft::Draft2019),
    ("maxContains", Draft::Draft2019),
    ("unevaluatedItems", Draft::Draft2019),
    ("unevaluatedProperties", Draft::Draft2019),
    ("$recursiveRef", Draft::Draft2019),
    ("$recursiveAnchor", Draft::Draft2019),
    ("prefixItems", Draft::Draft2020),
    ("$dynamicRef", Draft::Draft2020),
    ("$dynamicAnchor", Draft::Draft2020),
];

impl Draft {
    /// The draft a `$schema` URI names (`http://json-schema.org/draft-07/schema#`,
    /// `https://json-schema.org/draft/2019-09/schema`, ...).
    pub fn from_uri(uri: &str) -> Draft {
        if uri.contains("draft-04") || uri.contains("draft-03") {
            Draft::Draft4
        } else if uri.contains("draft-06") {
            Draft::Draft6
        } else if uri.contains("draft-07") {
            Draft::Draft7
        } else if uri.contains("2019-09") {
            Draft::Draft2019
        } else if uri.contains("2020-12") {
            Draft::Draft2020
        } else {
            Draft::Any
        }
    }

    /// The draft of a document: its root's `$schema`.
    pub fn of(document: &Value) -> Draft {
        document
            .get("$schema")
            .and_then(Value::as_str)
            .map_or(Draft::Any, Draft::from_uri)
    }

    /// How the draft is called in messages.
    pub fn name(self) -> &'static str {
        match self {
            Draft::Draft4 => "draft 04",
            Draft::Draft6 => "draft 06",
            Draft::Draft7 => "draft 07",
            Draft::Draft2019 => "draft 2019-09",
            Draft::Draft2020 => "draft 2020-12",
            Draft::Any => "any draft",
        }
    }

    /// The key that gives a schema its URI: `id` in drafts 03 and 04, `$id` after.
    pub fn id_key(self) -> &'static str {
        match self {
            Draft::Draft4 => "id",
            _ => "$id",
        }
    }

    /// Whether a `$ref` replaces the schema that holds it, its siblings ignored (drafts 07
    /// and earlier: "All other properties in a "$ref" object MUST be ignored"). From 2019-09
    /// on, `$ref` is one keyword among the others, which all apply.
    pub fn ref_overrides_siblings(self) -> bool {
        matches!(self, Draft::Draft4 | Draft::Draft6 | Draft::Draft7)
    }

    /// Whether `$recursiveRef` and `$recursiveAnchor` are keywords (2019-09 only; 2020-12
    /// replaced them with `$dynamicRef` and `$dynamicAnchor`).
    pub fn has_recursive_ref(self) -> bool {
        matches!(self, Draft::Draft2019 | Draft::Any)
    }

    /// The later draft that brought `key`, when this draft does not have it yet.
    pub fn later_keyword(self, key: &str) -> Option<Draft> {
        // Most documents (OpenAPI's, 2020-12's) have every keyword: no lookup per key.
        if self >= Draft::Draft2020 {
            return None;
        }
        LATER
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, since)| *since)
            .filter(|since| self < *since)
    }
}

/// How the schemas of one document are read: its draft, and (for `$recursiveRef`) whether the
/// spec gives the reference a dynamic target to choose from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    pub draft: Draft,
    /// More than one schema of the spec says `$recursiveAnchor: true`, so a `$recursiveRef`
    /// may lead to another one than its static target, depending on how the value was
    /// reached (which no type fixed at generation follows). With one or none, every
    /// `$recursiveRef` ends where `$ref: "#"` would.
    pub dynamic_recursion: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_schema_uri_names_the_draft() {
        let of = |uri: &str| Draft::of(&json!({"$schema": uri}));
        assert_eq!(of("http://json-schema.org/draft-04/schema#"), Draft::Draft4);
        assert_eq!(of("http://json-schema.org/draft-03/schema#"), Draft::Draft4);
        assert_eq!(of("http://json-schema.org/draft-06/schema#"), Draft::Draft6);
        assert_eq!(of("http://json-schema.org/draft-07/schema#"), Draft::Draft7);
        assert_eq!(
            of("https://json-schema.org/draft/2019-09/schema"),
            Draft::Draft2019
        );
        assert_eq!(
            of("https://json-schema.org/draft/2020-12/schema"),
            Draft::Draft2020
        );
        assert_eq!(of("https://example.com/my-dialect"), Draft::Any);
        assert_eq!(Draft::of(&json!({"type": "string"})), Draft::Any);
        assert_eq!(Draft::of(&json!(true)), Draft::Any);
    }

    #[test]
    fn later_keywords_are_unknown_to_earlier_drafts() {
        assert_eq!(
            Draft::Draft7.later_keyword("dependentRequired"),
            Some(Draft::Draft2019)
        );
        assert_eq!(
            Draft::Draft2019.later_keyword("prefixItems"),
            Some(Draft::Draft2020)
        );
        assert_eq!(
            Draft::Draft4.later_keyword("unevaluatedItems"),
            Some(Draft::Draft2019)
        );
        // Draft 06's `const` is read in draft 04 documents (see `LATER`).
        assert_eq!(Draft::Draft4.later_keyword("const"), None);
        assert_eq!(Draft::Draft7.later_keyword("if"), None);
        assert_eq!(Draft::Draft2019.later_keyword("dependentRequired"), None);
        assert_eq!(Draft::Draft2020.later_keyword("prefixItems"), None);
        // A document that names no draft has every draft's keywords.
        assert_eq!(Draft::Any.later_keyword("prefixItems"), None);
        assert_eq!(Draft::Any.later_keyword("$recursiveRef"), None);
        assert!(Draft::Draft7.ref_overrides_siblings());
        assert!(!Draft::Draft2019.ref_overrides_siblings());
        assert!(!Draft::Any.ref_overrides_siblings());
        assert_eq!(Draft::Draft4.id_key(), "id");
        assert_eq!(Draft::Draft6.id_key(), "$id");
    }
}
