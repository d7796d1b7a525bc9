//! Object schemas and their combinations: `allOf` members merge into one struct; a
//! `oneOf`/`anyOf` of one type (and `null`) is that type; any other `oneOf`/`anyOf` is a Rust
//! enum, tagged when every member has a different `const` string in the same required property,
//! untagged (the first variant that fits) when not. A union inside an `allOf` is a
//! `#[serde(flatten)]` field of the merged struct, so the shared properties stay plain fields.

use std::collections::BTreeSet;

use heck::ToUpperCamelCase;
use serde_json::Value;

use super::build::{At, Builder, Hint};
use super::{Field, Kind, ListEnvelope, SerdeTag, Struct, Ty, TypeId, Union, UnionVariant, naming};
use crate::load::Node;
use crate::spec::Schema;

/// How deep `allOf` may nest (through `$ref`s) before it is taken for a cycle.
const MAX_DEPTH: usize = 32;

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
}

impl<'a> Shape<'a> {
    fn get(&self, key: &str) -> Option<&At<'a>> {
        self.properties
            .iter()
            .find_map(|(k, at)| (k == key).then_some(at))
    }

    fn is_empty(&self) -> bool {
        self.properties.is_empty() && self.choices.is_empty()
    }
}

/// A union's members with nested pure unions flattened, `null` members dropped (they make the
/// union nullable) and repeated members removed.
struct Members<'a> {
    members: Vec<At<'a>>,
    nullable: bool,
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
        if shape.choices.is_empty() {
            if let Some(list) = self.list_envelope(&shape, hint) {
                return list;
            }
        }
        let id = self.named(at, hint, slot);
        let name = Hint(self.types[id].name.clone());
        let structure = self.struct_from(shape, &name, None);
        self.types[id].kind = Kind::Struct(structure);
        Ty::Named(id)
    }

    /// The type a schema becomes: the component's reserved slot, or a new type named after
    /// where it is used (or as the settings say).
    fn named(&mut self, at: &At<'a>, hint: &Hint, slot: Option<TypeId>) -> TypeId {
        if let Some(slot) = slot {
            return slot;
        }
        let name = self.name_for(at, &hint.0);
        let doc = self.schema(&at.node).doc();
        let id = self.new_type(name, doc, Kind::Alias(Ty::Json), &at.node);
        self.remember(&at.node, id);
        id
    }

    /// Merges an object schema and its `allOf` members (through `$ref`s) into `shape`; `false`
    /// when one of them is not an object schema.
    fn collect(&mut self, at: &At<'a>, shape: &mut Shape<'a>, depth: usize) -> bool {
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
        shape.groups.extend(self.body_groups(&schema));
        for (key, property) in schema.property_list() {
            let property = at.to(property);
            match shape.properties.iter_mut().find(|(k, _)| k == key) {
                Some((_, existing)) => *existing = property,
                None => shape.properties.push((key.to_string(), property)),
            }
        }
        shape
            .required
            .extend(schema.required.iter().map(|r| r.to_string()));
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
            // Optional and nullable: `Option<Option<T>>`, as absent and `null` differ.
            if !is_required {
                ty = Ty::Option(Box::new(ty));
            }
            result.fields.push(Field {
                ident,
                wire: key.clone(),
                doc: self.schema(&property.node).doc(),
                ty,
                required: is_required,
                redact: self.settings.redact.properties.contains(key),
                flatten: false,
            });
        }
        for (key, at) in &shape.restated {
            let ty = match result.fields.iter().find(|f| f.wire == *key) {
                Some(field) => field.ty.clone(),
                None if result.tag.as_ref().is_some_and(|t| t.property == *key) => Ty::String,
                None => continue,
            };
            self.example(at, Some(&ty));
        }
        for mut field in flattened {
            field.ident = naming::numbered(&field.ident, |ident| {
                !result.fields.iter().any(|f| f.ident == ident)
            });
            result.fields.push(field);
        }
        result
    }

    /// A `oneOf`/`anyOf` inside an `allOf`: a union field whose variants hold what each member
    /// adds to `base`. A tagged union takes the tag and every property its members redefine out
    /// of `base`.
    fn flattened_choice(
        &mut self,
        choice: &At<'a>,
        base: &mut Shape<'a>,
        owner: &Hint,
    ) -> Option<Field> {
        let Members { members, nullable } = self.members(choice);
        if let [only] = members.as_slice() {
            if !nullable {
                self.allow_not(&only.node);
                if !self.collect(only, base, 1) {
                    self.fallback(
                        &only.node,
                        "a `oneOf`/`anyOf` member inside an `allOf` that is not an object schema",
                    );
                }
                return None;
            }
        }
        let mut shapes = Vec::new();
        for member in &members {
            self.allow_not(&member.node);
            let mut shape = Shape::default();
            if !self.collect(member, &mut shape, 1) {
                self.fallback(
                    &member.node,
                    "a `oneOf`/`anyOf` member inside an `allOf` that is not an object schema",
                );
                return None;
            }
            shapes.push(shape);
        }
        let doc = self.schema(&choice.node).doc();
        if let Some(tag) = self.tag_property(&choice.node, &shapes) {
            return Some(self.flattened_tagged(&tag, &members, shapes, base, owner, doc));
        }
        let optional = nullable || shapes.iter().any(Shape::is_empty);
        let (name, variant_names) = group_names(self, base, &shapes);
        let field_wire = name.unwrap_or_else(|| "choice".to_string());
        let union_name = format!("{}{}", owner.0, field_wire.to_upper_camel_case());
        let mut variants = Vec::new();
        let mut idents = Vec::new();
        for (index, (member, shape)) in members.iter().zip(shapes).enumerate() {
            if shape.is_empty() {
                continue;
            }
            let ident = variant_names[index].clone();
            let ident = naming::numbered(&ident, |i| !idents.iter().any(|x: &String| x == i));
            idents.push(ident.clone());
            let required = shape.required.len();
            let id = self.variant_struct(owner, &ident, member, shape, None);
            variants.push((
                required,
                UnionVariant {
                    ident,
                    tag_value: None,
                    ty: Ty::Named(id),
                    doc: None,
                },
            ));
        }
        // The first variant that fits wins: try the ones that need more properties first.
        variants.sort_by_key(|v| std::cmp::Reverse(v.0));
        let union = Union {
            tag: None,
            variants: variants.into_iter().map(|(_, v)| v).collect(),
        };
        let id = self.new_type(
            (union_name, false),
            doc.clone(),
            Kind::Union(union),
            &choice.node,
        );
        let ty = if optional {
            Ty::Option(Box::new(Ty::Named(id)))
        } else {
            Ty::Named(id)
        };
        Some(Field {
            ident: naming::field_name(&field_wire),
            wire: field_wire,
            doc,
            ty,
            required: !optional,
            redact: false,
            flatten: true,
        })
    }

    fn flattened_tagged(
        &mut self,
        tag: &str,
        members: &[At<'a>],
        shapes: Vec<Shape<'a>>,
        base: &mut Shape<'a>,
        owner: &Hint,
        doc: Option<String>,
    ) -> Field {
        // Properties the members define differently from the base move into the variants.
        let moved: Vec<(String, At<'a>)> = base
            .properties
            .iter()
            .filter(|(key, at)| {
                key == tag
                    || shapes.iter().any(|shape| {
                        shape
                            .get(key)
                            .is_some_and(|own| !same_schema(own.node.value, at.node.value))
                    })
            })
            .cloned()
            .collect();
        base.properties
            .retain(|(key, _)| !moved.iter().any(|(m, _)| m == key));
        let values: Vec<String> = shapes
            .iter()
            .map(|shape| self.constant(shape, tag).unwrap_or_default())
            .collect();
        let names = naming::tag_variant_names(&values);
        let mut variants = Vec::new();
        for (((member, shape), value), ident) in members.iter().zip(shapes).zip(values).zip(names) {
            let mut own = Shape {
                properties: Vec::new(),
                required: shape.required.clone(),
                choices: shape.choices.clone(),
                groups: shape.groups.clone(),
                restated: Vec::new(),
            };
            for (key, at) in &shape.properties {
                if base.get(key).is_some() {
                    base.restated.push((key.clone(), at.clone()));
                } else {
                    own.properties.push((key.clone(), at.clone()));
                }
            }
            for (key, at) in &moved {
                if own.get(key).is_none() && shape.get(key).is_none() {
                    own.properties.push((key.clone(), at.clone()));
                }
                if base.required.contains(key) {
                    own.required.insert(key.clone());
                }
            }
            let ident = ident.unwrap_or_else(|| "Variant".into());
            let id = self.variant_struct(owner, &ident, member, own, Some(tag));
            variants.push(UnionVariant {
                ident,
                tag_value: Some(value),
                ty: Ty::Named(id),
                doc: None,
            });
        }
        let variants = distinct_idents(variants);
        let union = Union {
            tag: Some(tag.to_string()),
            variants,
        };
        let union_name = format!("{}{}", owner.0, tag.to_upper_camel_case());
        let choice_doc = doc.or_else(|| {
            moved
                .iter()
                .find(|(key, _)| key == tag)
                .map(|(_, at)| at.node.clone())
                .and_then(|node| self.schema(&node).doc())
        });
        let source = &members[0].node;
        let id = self.new_type(
            (union_name, false),
            choice_doc.clone(),
            Kind::Union(union),
            source,
        );
        Field {
            ident: naming::field_name(tag),
            wire: tag.to_string(),
            doc: choice_doc,
            ty: Ty::Named(id),
            required: true,
            redact: false,
            flatten: true,
        }
    }

    /// The struct of a flattened union's variant, `<Owner><Variant>`.
    fn variant_struct(
        &mut self,
        owner: &Hint,
        ident: &str,
        member: &At<'a>,
        shape: Shape<'a>,
        tag: Option<&str>,
    ) -> TypeId {
        let doc = self.schema(&member.node).doc();
        let id = self.new_type(
            (format!("{}{ident}", owner.0), false),
            doc,
            Kind::Alias(Ty::Json),
            &member.node,
        );
        let name = Hint(self.types[id].name.clone());
        let structure = self.struct_from(shape, &name, tag);
        self.types[id].kind = Kind::Struct(structure);
        id
    }

    /// A `oneOf`/`anyOf` on its own: one member's type, a tagged or an untagged union, or (when
    /// a member is an empty object, "none of the others") a struct with an optional union field.
    fn union_type(&mut self, at: &At<'a>, hint: &Hint, slot: Option<TypeId>) -> Ty {
        let Members { members, nullable } = self.members(at);
        let wrap = |ty: Ty| {
            if nullable && !matches!(ty, Ty::Option(_)) {
                Ty::Option(Box::new(ty))
            } else {
                ty
            }
        };
        if members.len() == 1 {
            let ty = self.ty(&members[0], hint);
            return wrap(ty);
        }
        if members.is_empty() {
            return self.fallback(&at.node, "`oneOf`/`anyOf` without members");
        }
        let mut shapes = Vec::new();
        for member in &members {
            self.allow_not(&member.node);
            let mut shape = Shape::default();
            let is_object = self.collect(member, &mut shape, 1);
            shapes.push(is_object.then_some(shape));
        }
        let all_objects: Option<Vec<Shape<'a>>> = shapes.into_iter().collect();
        let tag = all_objects
            .as_ref()
            .and_then(|shapes| self.tag_property(&at.node, shapes));
        if tag.is_none()
            && all_objects
                .as_ref()
                .is_some_and(|s| s.iter().any(Shape::is_empty))
        {
            // `{}` among objects: the others are optional. A struct holding the choice.
            let id = self.named(at, hint, slot);
            let name = Hint(self.types[id].name.clone());
            let schema = self.schema(&at.node);
            let shape = Shape {
                choices: vec![at.clone()],
                groups: self.body_groups(&schema),
                ..Shape::default()
            };
            let structure = self.struct_from(shape, &name, None);
            self.types[id].kind = Kind::Struct(structure);
            return wrap(Ty::Named(id));
        }
        let id = self.named(at, hint, slot);
        let union_name = self.types[id].name.clone();
        let tag_values: Vec<Option<String>> = (0..members.len())
            .map(|index| {
                let tag = tag.as_ref()?;
                let shapes = all_objects.as_ref()?;
                self.constant(&shapes[index], tag)
            })
            .collect();
        let tag_names = naming::tag_variant_names(
            &tag_values
                .iter()
                .map(|v| v.clone().unwrap_or_default())
                .collect::<Vec<_>>(),
        );
        let mut variants = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let tag_value = tag_values[index].clone();
            let ident = match &tag_value {
                Some(_) => tag_names[index].clone(),
                None => {
                    self.member_name(member, all_objects.as_ref().map(|s| (s.as_slice(), index)))
                }
            }
            .unwrap_or_else(|| format!("Variant{}", index + 1));
            let ty = self.ty(member, &Hint(format!("{union_name}{ident}")));
            let required = all_objects
                .as_ref()
                .map_or(0, |shapes| shapes[index].required.len());
            variants.push((
                required,
                UnionVariant {
                    ident,
                    tag_value,
                    ty,
                    doc: self.schema(&member.node).doc(),
                },
            ));
        }
        if tag.is_none() {
            variants.sort_by_key(|v| std::cmp::Reverse(v.0));
        }
        let variants = distinct_idents(variants.into_iter().map(|(_, v)| v).collect());
        self.types[id].kind = Kind::Union(Union { tag, variants });
        wrap(Ty::Named(id))
    }

    /// A union's members: nested unions without other keywords flattened, `{type: null}` taken
    /// out, and a member that repeats an earlier one dropped.
    fn members(&mut self, at: &At<'a>) -> Members<'a> {
        let mut result = Members {
            members: Vec::new(),
            nullable: false,
        };
        self.gather_members(at, &mut result, 0);
        let mut seen: Vec<Value> = Vec::new();
        result.members.retain(|member| {
            let key = without_annotations(member.node.value);
            if seen.contains(&key) {
                false
            } else {
                seen.push(key);
                true
            }
        });
        result
    }

    fn gather_members(&mut self, at: &At<'a>, into: &mut Members<'a>, depth: usize) {
        let schema = self.schema(&at.node);
        for member in schema.union_members() {
            let member = at.to(member);
            let inner = self.schema(&member.node);
            if inner.is_null() {
                into.nullable = true;
            } else if inner.is_pure_union() && depth < MAX_DEPTH {
                self.check_keywords(&member.node);
                self.gather_members(&member, into, depth + 1);
            } else {
                into.members.push(member);
            }
        }
    }

    /// The property that tells the members apart: in every member, required, with a different
    /// `const` string each. The `discriminator`'s property if it is one, else the first found.
    fn tag_property(&mut self, union: &Node<'a>, shapes: &[Shape<'a>]) -> Option<String> {
        let first = shapes.first()?;
        let named = self
            .schema(union)
            .discriminator
            .as_ref()
            .and_then(|d| d.property_name)
            .map(str::to_string);
        let candidates: Vec<String> = named
            .into_iter()
            .chain(first.properties.iter().map(|(key, _)| key.clone()))
            .collect();
        candidates.into_iter().find(|key| {
            let mut values = BTreeSet::new();
            shapes.iter().all(|shape| {
                shape.required.contains(key)
                    && self
                        .constant(shape, key)
                        .is_some_and(|value| values.insert(value))
            })
        })
    }

    /// The `const` string of a shape's property `key` (a tag's value).
    fn constant(&mut self, shape: &Shape<'a>, key: &str) -> Option<String> {
        let at = shape.get(key)?;
        self.schema(&at.node).const_string().map(str::to_string)
    }

    /// The spec's names for groups of mutually exclusive properties (the vendor extension
    /// the settings name), met on a schema.
    fn body_groups(&self, schema: &Schema<'a>) -> Vec<&'a Value> {
        schema
            .extension("x-mutually-exclusive-body-groups")
            .into_iter()
            .collect()
    }

    /// A variant's name for an untagged member: the referenced schema's name, its type, or the
    /// property only it requires.
    fn member_name(
        &mut self,
        member: &At<'a>,
        shapes: Option<(&[Shape<'a>], usize)>,
    ) -> Option<String> {
        let schema = self.schema(&member.node);
        if let Some(reference) = schema.reference {
            let last = reference.rsplit('/').next().unwrap_or(reference);
            return Some(naming::type_name(
                last,
                &self.settings.naming.strip_suffixes,
            ));
        }
        if let Some((shapes, index)) = shapes {
            return distinct_property(self, shapes, index).and_then(|p| naming::variant_name(&p));
        }
        let name = match schema.primary_type()? {
            "string" if schema.format == Some("date-time") => "DateTime",
            "string" => "String",
            "integer" => "Integer",
            "number" => "Number",
            "boolean" => "Bool",
            "array" => "List",
            "object" => "Object",
            _ => return None,
        };
        Some(name.to_string())
    }

    /// `{ object?: "list", data: [T], list_metadata: { before, after } }` -> `List<T>`.
    pub(super) fn list_envelope(&mut self, shape: &Shape<'a>, hint: &Hint) -> Option<Ty> {
        if shape
            .properties
            .iter()
            .any(|(k, _)| !["object", "data", "list_metadata"].contains(&k.as_str()))
        {
            return None;
        }
        let data = shape.get("data")?.clone();
        let data = At {
            node: self.follow(&data.node)?,
            logical: data.logical,
        };
        let metadata = shape.get("list_metadata")?.clone();
        let metadata = At::direct(self.follow(&metadata.node)?);
        let metadata_schema = self.schema(&metadata.node);
        let cursor_of = |name: &str| {
            metadata_schema
                .properties
                .as_ref()?
                .iter()
                .find_map(|(key, node)| (*key == name).then(|| node.clone()))
        };
        let (before, after) = (cursor_of("before"), cursor_of("after"));
        let data_schema = self.schema(&data.node);
        let (Some(before), Some(after)) = (before, after) else {
            return None;
        };
        if data_schema.primary_type() != Some("array") {
            return None;
        }
        let tag = self.constant(shape, "object").map(|value| SerdeTag {
            property: "object".into(),
            value,
        });
        let item = self.ty(&data.to(data_schema.items.as_ref()?), &hint.item());
        // The envelope's own parts are generic; their examples are checked as what they hold.
        if let Some(object) = shape.get("object") {
            self.example(object, Some(&Ty::String));
        }
        let cursor = Ty::Option(Box::new(Ty::String));
        for node in [&before, &after] {
            self.example(&metadata.to(node), Some(&cursor));
        }
        if self.list.is_none() {
            self.list = Some(ListEnvelope {
                tag,
                data_doc: data_schema.doc(),
                metadata_doc: metadata_schema.doc(),
                before_doc: self.schema(&before).doc(),
                after_doc: self.schema(&after).doc(),
            });
        }
        Some(Ty::List(Box::new(item)))
    }
}

/// The field and variant names of an untagged choice, from an `x-mutually-exclusive-body-groups`
/// group whose variants list exactly the members' required properties; else generic ones.
fn group_names<'a>(
    builder: &mut Builder<'a>,
    base: &Shape<'a>,
    shapes: &[Shape<'a>],
) -> (Option<String>, Vec<String>) {
    // A group lists each variant's properties (some may be optional in it).
    let keys = |shape: &Shape<'_>| -> BTreeSet<String> {
        shape.properties.iter().map(|(k, _)| k.clone()).collect()
    };
    let wanted: Vec<BTreeSet<String>> = shapes.iter().filter(|s| !s.is_empty()).map(keys).collect();
    for groups in &base.groups {
        let Some(groups) = groups.as_object() else {
            continue;
        };
        for (group, definition) in groups {
            let Some(variants) = definition.get("variants").and_then(Value::as_object) else {
                continue;
            };
            let sets: Vec<(String, BTreeSet<String>)> = variants
                .iter()
                .map(|(name, props)| {
                    let props = props
                        .as_array()
                        .map(|p| {
                            p.iter()
                                .filter_map(Value::as_str)
                                .map(str::to_string)
                                .collect()
                        })
                        .unwrap_or_default();
                    (name.clone(), props)
                })
                .collect();
            let all_match = wanted.len() == sets.len()
                && wanted.iter().all(|w| sets.iter().any(|(_, s)| s == w));
            if !all_match {
                continue;
            }
            let names = shapes
                .iter()
                .map(|shape| {
                    sets.iter()
                        .find(|(_, s)| *s == keys(shape))
                        .and_then(|(name, _)| naming::variant_name(name))
                        .unwrap_or_else(|| "None".into())
                })
                .collect();
            return (Some(group.clone()), names);
        }
    }
    let names = (0..shapes.len())
        .map(|index| {
            distinct_property(builder, shapes, index)
                .and_then(|p| naming::variant_name(&p))
                .unwrap_or_else(|| format!("Variant{}", index + 1))
        })
        .collect();
    (None, names)
}

/// What tells member `index` apart, to name its variant: a property only it requires, else one
/// only it has, else a flag only it sets, else a nested `const` only it has.
fn distinct_property<'a>(
    builder: &mut Builder<'a>,
    shapes: &[Shape<'a>],
    index: usize,
) -> Option<String> {
    let others = || shapes.iter().enumerate().filter(move |(i, _)| *i != index);
    let required: BTreeSet<&String> = others().flat_map(|(_, s)| &s.required).collect();
    let shape = &shapes[index];
    if let Some(own) = shape.required.iter().find(|r| !required.contains(r)) {
        return Some(own.clone());
    }
    let known: BTreeSet<&String> = others()
        .flat_map(|(_, s)| s.properties.iter().map(|(k, _)| k))
        .collect();
    if let Some((own, _)) = shape.properties.iter().find(|(k, _)| !known.contains(k)) {
        return Some(own.clone());
    }
    // A flag only this member sets: `{is_first_party: {const: true}}`.
    let flags: Vec<Vec<&str>> = shapes
        .iter()
        .map(|shape| {
            shape
                .properties
                .iter()
                .filter(|(_, at)| builder.schema(&at.node).constant == Some(&Value::Bool(true)))
                .map(|(key, _)| key.as_str())
                .collect()
        })
        .collect();
    if let Some(key) = flags[index]
        .iter()
        .find(|key| others().all(|(i, _)| !flags[i].contains(key)))
    {
        return Some(key.to_string());
    }
    // A `const` string one level down that differs in every member:
    // `{credential: {auth_method: {const: oauth}}}`.
    let nested = |builder: &mut Builder<'a>, shape: &Shape<'a>, key: &str, inner: &str| {
        let outer = builder.schema(&shape.get(key)?.node);
        let (_, node) = outer.property_list().iter().find(|(k, _)| *k == inner)?;
        let node = node.clone();
        builder.schema(&node).constant?.as_str().map(str::to_string)
    };
    for (key, at) in &shape.properties {
        let inner: Vec<&str> = builder
            .schema(&at.node)
            .property_list()
            .iter()
            .map(|(k, _)| *k)
            .collect();
        for inner in inner {
            let Some(own) = nested(builder, shape, key, inner) else {
                continue;
            };
            let unique = others()
                .all(|(_, other)| nested(builder, other, key, inner).is_none_or(|v| v != own));
            if unique {
                return Some(own);
            }
        }
    }
    None
}

/// Numbers repeated variant names (`Code`, `Code2`) so every variant has its own.
fn distinct_idents(variants: Vec<UnionVariant>) -> Vec<UnionVariant> {
    let mut taken: Vec<String> = vec!["Unknown".into()];
    variants
        .into_iter()
        .map(|mut variant| {
            variant.ident = naming::numbered(&variant.ident, |i| !taken.iter().any(|t| t == i));
            taken.push(variant.ident.clone());
            variant
        })
        .collect()
}

/// Two property schemas that give the same type (their docs and examples may differ).
fn same_schema(a: &Value, b: &Value) -> bool {
    without_annotations(a) == without_annotations(b)
}

/// A schema without the keywords that only document it, in it and in its subschemas.
fn without_annotations(schema: &Value) -> Value {
    let Value::Object(map) = schema else {
        return schema.clone();
    };
    let stripped = map
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "description" | "title" | "example" | "examples"))
        .map(|(k, v)| {
            let v = match (k.as_str(), v) {
                ("properties" | "patternProperties", Value::Object(subschemas)) => Value::Object(
                    subschemas
                        .iter()
                        .map(|(name, s)| (name.clone(), without_annotations(s)))
                        .collect(),
                ),
                ("allOf" | "oneOf" | "anyOf", Value::Array(subschemas)) => {
                    Value::Array(subschemas.iter().map(without_annotations).collect())
                }
                ("items" | "additionalProperties" | "not", s) => without_annotations(s),
                (_, other) => other.clone(),
            };
            (k.clone(), v)
        })
        .collect();
    Value::Object(stripped)
}
