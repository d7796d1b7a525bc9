//! Object schemas: `allOf` members merged (through `$ref`s) into one shape, and the struct a
//! shape becomes. A `oneOf`/`anyOf` inside an `allOf` is a choice of the shape, a
//! `#[serde(flatten)]` field (`unions.rs`), so the shared properties stay plain fields.

use std::collections::BTreeSet;

use serde_json::Value;

use super::build::{At, Builder, Hint};
use super::extra_keys::Extra;
use super::{Field, Kind, SerdeTag, Struct, Ty, TypeId, naming};
use crate::spec::Schema;

/// How deep `allOf` may nest (through `$ref`s) before it is taken for a cycle.
pub(super) const MAX_DEPTH: usize = 32;

/// An object schema with its `allOf` members merged.
#[derive(Clone, Default)]
pub(super) struct Shape<'a> {
    /// Properties in the order first seen; a later member's definition replaces an earlier one
    /// (members refine what they share).
    pub properties: Vec<(String, At<'a>)>,
    pub required: BTreeSet<String>,
    /// The `oneOf`/`anyOf` schemas among the members: each is a choice the value makes.
    pub choices: Vec<At<'a>>,
    /// `x-mutually-exclusive-body-groups` met on the way: names for the choices' variants.
    pub groups: Vec<&'a Value>,
    /// Properties a union member restates as the base has them: their examples are checked
    /// against the base's field.
    pub restated: Vec<(String, At<'a>)>,
    /// Definitions a later member's definition of the same property replaced: they still
    /// apply, so the field's `validate()` checks each (as a JSON rule).
    pub shadowed: Vec<(String, At<'a>)>,
    /// Whether the schema or a member says `type: object` (else non-objects are valid too).
    pub typed_object: bool,
    /// The object schema itself (not an `allOf` member): its `additionalProperties` and
    /// `patternProperties` say what the struct does with keys it does not list.
    pub owner: Option<At<'a>>,
}

impl<'a> Shape<'a> {
    pub(super) fn get(&self, key: &str) -> Option<&At<'a>> {
        self.properties
            .iter()
            .find_map(|(k, at)| (k == key).then_some(at))
    }

    pub(super) fn is_empty(&self) -> bool {
        self.properties.is_empty() && self.choices.is_empty()
    }
}

impl<'a> Builder<'a> {
    /// The type of an object schema, an `allOf` or a `oneOf`/`anyOf`: a struct, the list
    /// envelope, a union, or one member's type. `slot` is a component's reserved type, filled in
    /// place when the result is a new named type.
    pub(super) fn composite(&mut self, at: &At<'a>, hint: &Hint, slot: Option<TypeId>) -> Ty {
        // Met again (an `allOf` member's properties are walked for each schema extending it).
        if slot.is_none() {
            if let Some(id) = self.known(&at.node) {
                return Ty::Named(id);
            }
        }
        let schema = self.schema(&at.node);
        let bare_union =
            schema.is_union() && schema.all_of.is_none() && schema.properties.is_none();
        if bare_union {
            return self.union_type(at, hint, slot);
        }
        let mut shape = Shape::default();
        if !self.collect(at, &mut shape, 0) {
            return self.fallback(&at.node, "`allOf` of schemas that are not all objects");
        }
        // Members that only constrain values (`allOf: [{minimum: 1}, {maximum: 9}]`) describe
        // no object: any JSON value, which `validate()` checks against the whole schema.
        let extra = ["additionalProperties", "patternProperties"];
        if shape.is_empty()
            && !shape.typed_object
            && extra.iter().all(|k| at.node.child(k).is_none())
        {
            return Ty::Json;
        }
        if !shape.typed_object && self.spec.root().value.get("openapi").is_none() {
            // OpenAPI writers mean objects; JSON Schema applies `properties` to objects alone.
            let message = "`properties` without `type: object`: the struct decodes objects only, and rejects the other values the schema allows (add `type: object` where only objects are meant)";
            self.warn(&at.node, message.to_string());
        }
        if shape.choices.is_empty() {
            if let Some(list) = self.list_envelope(&shape, hint) {
                return list;
            }
        }
        let id = self.named(at, hint, slot);
        let name = Hint::of(id);
        let structure = self.struct_from(shape, &name, None);
        self.types[id].kind = Kind::Struct(structure);
        Ty::Named(id)
    }

    /// The type a schema becomes: the component's reserved slot, or a new type named after
    /// where it is used (or as the settings say).
    pub(super) fn named(&mut self, at: &At<'a>, hint: &Hint, slot: Option<TypeId>) -> TypeId {
        if let Some(slot) = slot {
            return slot;
        }
        let name = self.name_for(at, hint);
        let doc = self.schema(&at.node).doc();
        let id = self.new_type(name, doc, Kind::Alias(Ty::Json), &at.node);
        self.remember(&at.node, id);
        id
    }

    /// Merges an object schema and its `allOf` members (through `$ref`s) into `shape`; `false`
    /// when one of them is not an object schema.
    pub(super) fn collect(&mut self, at: &At<'a>, shape: &mut Shape<'a>, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        if depth > 0 {
            self.check_keywords(&at.node);
        }
        let Some(node) = self.follow(&at.node) else {
            return false;
        };
        let at = At {
            node,
            logical: at.logical.clone(),
        };
        let schema = self.schema(&at.node);
        if !at.node.value.is_object()
            || schema.enumeration.is_some()
            || schema.constant.is_some()
            || !matches!(schema.primary_type(), Some("object") | None)
        {
            return false;
        }
        shape.typed_object |= schema.primary_type() == Some("object");
        shape.groups.extend(self.body_groups(&schema));
        if depth == 0 {
            shape.owner = Some(at.clone());
        } else {
            self.warn_member_extra_properties(&schema);
        }
        for (key, property) in schema.property_list() {
            let property = at.to(property);
            match shape.properties.iter_mut().find(|(k, _)| k == key) {
                Some((_, existing)) => {
                    let replaced = std::mem::replace(existing, property);
                    if replaced.node.value != existing.node.value {
                        shape.shadowed.push((key.to_string(), replaced));
                    }
                }
                None => shape.properties.push((key.to_string(), property)),
            }
        }
        shape
            .required
            .extend(schema.required.iter().map(|r| r.to_string()));
        // A `$ref` beside shaping keywords (not followed): its target is a member.
        if let Some(reference) = schema.reference {
            let Some(target) = self.resolve(&at.node, reference) else {
                return false;
            };
            let member = At {
                node: target,
                logical: format!("{}/$ref", at.logical),
            };
            if !self.collect(&member, shape, depth + 1) {
                return false;
            }
        }
        for member in schema.all_of.iter().flatten() {
            if !self.collect(&at.to(member), shape, depth + 1) {
                return false;
            }
        }
        if schema.is_union() {
            shape.choices.push(at);
        }
        true
    }

    /// An `allOf` member's `additionalProperties` and `patternProperties` apply to that
    /// member's properties alone, which a merged struct cannot follow (nor a union member's
    /// struct beside the union's own properties): said where they shape values.
    pub(super) fn warn_member_extra_properties(&mut self, schema: &Schema<'a>) {
        if let Some((_, pattern)) = schema.pattern_properties.first() {
            let message = "`patternProperties` of an `allOf` member is not modelled: the merged struct drops the properties the patterns match when decoding";
            self.warn(pattern, message.to_string());
        }
        let Some(extra) = &schema.additional_properties else {
            return;
        };
        if self.schema(extra).documents_only {
            return;
        }
        let message = if extra.value == &Value::Bool(false) {
            "`additionalProperties: false` of an `allOf` member is not enforced: the merged struct ignores unknown properties instead of rejecting them"
        } else {
            "`additionalProperties` of an `allOf` member is not modelled: the merged struct drops properties it does not list when decoding"
        };
        self.warn(extra, message.to_string());
    }

    /// A struct of a merged shape: its properties as fields (the `const` string of `tag`, or of
    /// the first required property with one, as the serde tag), then one flattened field per
    /// choice.
    pub(super) fn struct_from(
        &mut self,
        mut shape: Shape<'a>,
        hint: &Hint,
        tag: Option<&str>,
    ) -> Struct {
        let mut flattened = Vec::new();
        // A choice of one member merges into the shape, and may bring choices of its own.
        while !shape.choices.is_empty() {
            let choice = shape.choices.remove(0);
            if let Some(field) = self.flattened_choice(&choice, &mut shape, hint) {
                flattened.push(field);
            }
        }
        let keys: Vec<&str> = shape.properties.iter().map(|(k, _)| k.as_str()).collect();
        let idents = naming::field_names(&keys);
        let mut result = Struct::default();
        for ((key, property), ident) in shape.properties.iter().zip(idents) {
            let is_required = shape.required.contains(key);
            let may_tag = tag.is_none_or(|tag| tag == key);
            if result.tag.is_none() && is_required && may_tag {
                if let Some(constant) = self.schema(&property.node).const_string() {
                    self.example(property, Some(&Ty::String));
                    result.tag = Some(SerdeTag {
                        property: key.clone(),
                        value: constant.to_string(),
                    });
                    continue;
                }
            }
            let mut ty = self.ty(property, &hint.property(key));
            let default = (!is_required)
                .then(|| self.field_default(property, &ty))
                .flatten();
            // Optional and nullable: `Option<Option<T>>`, as absent and `null` differ.
            if !is_required && default.is_none() {
                ty = Ty::Option(Box::new(ty));
            }
            let mut checks = self.checks(&property.node, &ty);
            for (_, earlier) in shape.shadowed.iter().filter(|(k, _)| k == key) {
                if let Some(rule) = self.json_rule(&earlier.node, None) {
                    checks = super::checks::Check::with_rule(checks, &ty, rule);
                }
            }
            result.fields.push(Field {
                ident,
                wire: key.clone(),
                doc: self.schema(&property.node).doc(),
                ty,
                required: is_required,
                redact: self.settings.redact.properties.contains(key),
                flatten: false,
                default,
                checks,
            });
        }
        // A required property the object does not describe: any value, but present.
        if flattened.is_empty() {
            let owner = shape.owner.clone();
            for key in &shape.required {
                let listed = shape.properties.iter().any(|(k, _)| k == key)
                    || result.tag.as_ref().is_some_and(|t| &t.property == key);
                let Some(owner) = owner.as_ref().filter(|_| !listed) else {
                    continue;
                };
                let message = format!(
                    "`required` names `{key}`, which `properties` does not describe: a field of any JSON value"
                );
                let node = owner
                    .node
                    .child("required")
                    .unwrap_or_else(|| owner.node.clone());
                self.warn(&node, message);
                let taken: Vec<&str> = result.fields.iter().map(|f| f.ident.as_str()).collect();
                let ident = naming::numbered(&naming::field_names(&[key.as_str()])[0], |name| {
                    !taken.contains(&name)
                });
                result.fields.push(Field {
                    ident,
                    wire: key.clone(),
                    doc: None,
                    ty: Ty::Json,
                    required: true,
                    redact: self.settings.redact.properties.contains(key),
                    flatten: false,
                    default: None,
                    checks: None,
                });
            }
        }
        for (key, at) in &shape.restated {
            let ty = match result.fields.iter().find(|f| f.wire == *key) {
                Some(field) => field.ty.clone(),
                None if result.tag.as_ref().is_some_and(|t| t.property == *key) => Ty::String,
                None => continue,
            };
            self.example(at, Some(&ty));
        }
        if let Some(owner) = &shape.owner {
            match self.extra_keys(owner, &hint.plus("Extra")) {
                Extra::Ignored => {}
                Extra::Denied if flattened.is_empty() && result.tag.is_none() => {
                    result.deny_unknown = true
                }
                // serde cannot reject unknown keys beside flattened fields, nor beside a tag
                // (it takes the tag for an unknown key).
                Extra::Denied => {
                    let node = owner.node.child("additionalProperties");
                    let beside = if result.tag.is_some() {
                        "a constant property read as the struct's tag"
                    } else {
                        "a `oneOf`/`anyOf` of properties"
                    };
                    let message = format!("`additionalProperties: false` beside {beside} is not enforced: the struct ignores unknown properties instead of rejecting them");
                    self.warn(&node.unwrap_or_else(|| owner.node.clone()), message);
                }
                Extra::Map(ty) => flattened.push(Field {
                    // The values' checks, at the keys' places (the map is flattened). With
                    // `patternProperties` the map holds the patterns' values too, which
                    // `additionalProperties` does not constrain.
                    checks: owner
                        .node
                        .child("additionalProperties")
                        .filter(|_| owner.node.child("patternProperties").is_none())
                        .and_then(|values| self.checks(&values, &ty))
                        .map(super::checks::Check::values),
                    ident: "extra".into(),
                    wire: String::new(),
                    doc: Some("The properties not listed above, as the schema's `additionalProperties` or `patternProperties` allow them.".into()),
                    ty: Ty::Map(Box::new(ty)),
                    required: true,
                    redact: false,
                    flatten: true,
                    default: None,
                }),
            }
        }
        for mut field in flattened {
            field.ident = naming::numbered(&field.ident, |ident| {
                !result.fields.iter().any(|f| f.ident == ident)
            });
            result.fields.push(field);
        }
        result
    }

    /// An optional property's `default`, as JSON text, where the field can hold it as a plain
    /// value (a string, number, boolean or enum value): the field is then no `Option`. A
    /// default of another type is checked by the crate's examples test instead, and the field
    /// stays an `Option`. A default that its own schema rejects is an error.
    fn field_default(&mut self, property: &At<'a>, ty: &Ty) -> Option<String> {
        let schema = self.schema(&property.node);
        let value = schema.default?;
        let pointer = format!("{}/default", property.node.pointer);
        // A nullable field keeps its `Option` (`null` is a value): the default is an example.
        let plain = if matches!(ty, Ty::Option(_)) {
            &Ty::Json
        } else {
            ty.resolve(&self.types)
        };
        let fits = match plain {
            Ty::String => Some(value.is_string()),
            Ty::Integer => Some(value.is_i64()),
            Ty::Int(int) => Some(int.holds(value)),
            Ty::Number => Some(value.is_number()),
            Ty::Bool => Some(value.is_boolean()),
            Ty::Named(id) => match &self.types[*id].kind {
                Kind::Enum(e) => Some(
                    e.variants
                        .iter()
                        .any(|v| Some(v.wire.as_str()) == value.as_str()),
                ),
                Kind::Values(v) => {
                    let wire = value.to_string();
                    Some(v.variants.iter().any(|v| v.wire == wire))
                }
                _ => None,
            },
            _ => None,
        };
        match fits {
            Some(true) => Some(value.to_string()),
            Some(false) => {
                let location = self.spec.location(property.node.file, &pointer);
                let message = format!("`default: {value}` is not a value of its own schema");
                self.errors.error(location, message);
                None
            }
            None => {
                self.examples(property.node.file, &[(pointer, value)], Some(ty));
                None
            }
        }
    }

    /// The `const` string of a shape's property `key` (a tag's value).
    pub(super) fn constant(&mut self, shape: &Shape<'a>, key: &str) -> Option<String> {
        let at = shape.get(key)?;
        self.schema(&at.node).const_string().map(str::to_string)
    }

    /// The spec's names for groups of mutually exclusive properties (the vendor extension
    /// the settings name), met on a schema.
    pub(super) fn body_groups(&self, schema: &Schema<'a>) -> Vec<&'a Value> {
        let name = self.settings.extensions.exclusive_groups.as_deref();
        name.and_then(|name| schema.extension(name))
            .into_iter()
            .collect()
    }
}
