//! The keys of an object beyond the properties it lists: what `additionalProperties` and
//! `patternProperties` make of them. One rule for a struct's extra keys and for an object
//! that is only a map.

use serde_json::Value;

use super::Ty;
use super::build::{At, Builder, Hint};

/// What an object does with keys it does not list.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Extra {
    /// Any key with any value, which a struct drops when decoding (`additionalProperties`
    /// absent, and no `patternProperties`).
    Ignored,
    /// None is allowed (`additionalProperties: false`, no `patternProperties`).
    Denied,
    /// Kept, each value of this type.
    Map(Ty),
}

impl<'a> Builder<'a> {
    /// The extra keys of the object schema at `at`, from its own `additionalProperties` and
    /// `patternProperties`. Where no Rust map says what their values may be (keys the patterns
    /// match hold another type than the others), the map is of JSON values, with a warning.
    pub(super) fn extra_keys(&mut self, at: &At<'a>, hint: &Hint) -> Extra {
        let schema = self.schema(&at.node);
        let additional = schema.additional_properties.clone();
        let patterns = schema.pattern_properties.clone();
        // What keys beyond the patterns' may hold: `None` when none is allowed, `Some(None)`
        // any value, else the schema's type.
        let others = match &additional {
            None => Some(None),
            Some(node) if node.value == &Value::Bool(false) => None,
            Some(node) if self.schema(node).documents_only => Some(None),
            Some(node) => Some(Some(node.clone())),
        };
        // `unevaluatedProperties` (not `true`, here or in a schema applied in place) judges the
        // keys nothing else evaluated: they are kept, so that `validate()` sees them.
        let unevaluated = self.unevaluated_in_place(&at.node, "unevaluatedProperties");
        if patterns.is_empty() {
            return match others {
                None => Extra::Denied,
                Some(None) if additional.is_none() && unevaluated => Extra::Map(Ty::Json),
                Some(None) if additional.is_none() => Extra::Ignored,
                Some(None) => Extra::Map(Ty::Json),
                Some(Some(node)) => Extra::Map(self.ty(&at.to(&node), hint)),
            };
        }
        let typed_patterns = patterns
            .iter()
            .any(|(_, node)| !self.schema(node).documents_only);
        let (ty, why) = if matches!(others, Some(None)) && typed_patterns {
            // Any key may hold anything, unless a pattern matches it: no map type says that.
            (
                Ty::Json,
                vec![
                    "the values are read as any JSON value, since keys no pattern matches may hold anything",
                ],
            )
        } else {
            let mut types: Vec<Ty> = patterns
                .iter()
                .map(|(_, node)| self.ty(&at.to(node), hint))
                .collect();
            match &others {
                Some(Some(node)) => types.push(self.ty(&at.to(node), hint)),
                Some(None) => types.push(Ty::Json),
                None => {}
            }
            // Consecutive duplicates removed: one left when all are the same.
            types.dedup();
            let mut why = Vec::new();
            let ty = match types.as_slice() {
                [one] => one.clone(),
                _ => {
                    why.push("the values are read as any JSON value, since keys the patterns match have another type than the others");
                    Ty::Json
                }
            };
            // Keys the patterns must match are a value constraint, as `propertyNames` is: left
            // to validation, like a string's `pattern`.
            (ty, why)
        };
        if !why.is_empty() {
            let node = at
                .node
                .child("patternProperties")
                .unwrap_or_else(|| at.node.clone());
            let message = format!(
                "`patternProperties` is read as a map when decoding: {}",
                why.join("; ")
            );
            self.warn(&node, message);
        }
        Extra::Map(ty)
    }
}
