//! Unions: a `oneOf`/`anyOf` of one type (and `null`) is that type; any other is a Rust enum,
//! tagged when every member has a different `const` string in the same required property,
//! untagged (the first variant that fits) when not. Inside an `allOf` it is a flattened field.

use std::collections::BTreeSet;

use heck::ToUpperCamelCase;
use serde_json::Value;

use super::build::{At, Builder, Hint};
use super::shape::{MAX_DEPTH, Shape};
use super::union_names::{distinct_idents, distinct_property, group_names};
use super::{Field, Kind, Ty, TypeId, Union, UnionVariant, naming};
use crate::load::Node;

/// A union's members with nested pure unions flattened, `null` members dropped (they make the
/// union nullable) and repeated members removed.
struct Members<'a> {
    members: Vec<At<'a>>,
    nullable: bool,
}

impl<'a> Builder<'a> {
    /// A `oneOf`/`anyOf` inside an `allOf`: a union field whose variants hold what each member
    /// adds to `base`. A tagged union takes the tag and every property its members redefine out
    /// of `base`.
    pub(super) fn flattened_choice(
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
        let union_name = owner.plus(&field_wire.to_upper_camel_case());
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
                    from: false,
                    checks: super::checks::delegate(),
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
            default: None,
            checks: super::checks::delegate(),
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
            // Beside the base's properties, a member's extra keys would be the base's too.
            let extra_owner = shape.owner.clone().filter(|_| base.properties.is_empty());
            if let (None, Some(member)) = (&extra_owner, &shape.owner) {
                let schema = self.schema(&member.node);
                self.warn_member_extra_properties(&schema);
            }
            let mut own = Shape {
                properties: Vec::new(),
                required: shape.required.clone(),
                choices: shape.choices.clone(),
                groups: shape.groups.clone(),
                restated: Vec::new(),
                shadowed: shape.shadowed.clone(),
                typed_object: shape.typed_object,
                owner: extra_owner,
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
                from: false,
                checks: super::checks::delegate(),
            });
        }
        let variants = distinct_idents(variants);
        let union = Union {
            tag: Some(tag.to_string()),
            variants,
        };
        let union_name = owner.plus(&tag.to_upper_camel_case());
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
            default: None,
            checks: super::checks::delegate(),
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
            (owner.plus(ident), false),
            doc,
            Kind::Alias(Ty::Json),
            &member.node,
        );
        let structure = self.struct_from(shape, &Hint::of(id), tag);
        self.types[id].kind = Kind::Struct(structure);
        id
    }

    /// A `oneOf`/`anyOf` on its own: one member's type, a tagged or an untagged union, or (when
    /// a member is an empty object, "none of the others") a struct with an optional union field.
    pub(super) fn union_type(&mut self, at: &At<'a>, hint: &Hint, slot: Option<TypeId>) -> Ty {
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
            let name = Hint::of(id);
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
            let ty = self.ty(member, &Hint::of(id).plus(&ident));
            let checks = self.checks(&member.node, &ty);
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
                    from: false,
                    checks,
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
            } else if inner.enumeration.is_some_and(<[Value]>::is_empty) {
                // No value validates it: the union is the same without it.
                let message = "a member with `enum: []` never matches (no value validates it): left out of the union";
                self.warn(&member.node, message.to_string());
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
}

/// Which union variants get `From<their type>`: a named type (a struct converts with `.into()`)
/// whose Rust type no other variant of the union has. Two aliases of `String` (`Ipv4Net`,
/// `Ipv6Net`) are one Rust type: a `From` for each would conflict. Decided once identical types
/// are merged.
pub(super) fn conversions(model: &mut super::Model) {
    let unions: Vec<(TypeId, Vec<bool>)> = (0..model.types.len())
        .filter_map(|id| {
            let Kind::Union(u) = &model.types[id].kind else {
                return None;
            };
            let rust: Vec<Ty> = u
                .variants
                .iter()
                .map(|v| rust_type(&v.ty, &model.types))
                .collect();
            let from = u
                .variants
                .iter()
                .zip(&rust)
                .map(|(v, r)| {
                    matches!(v.ty, Ty::Named(_)) && rust.iter().filter(|o| *o == r).count() == 1
                })
                .collect();
            Some((id, from))
        })
        .collect();
    for (id, from) in unions {
        if let Kind::Union(u) = &mut model.types[id].kind {
            u.variants
                .iter_mut()
                .zip(from)
                .for_each(|(v, f)| v.from = f);
        }
    }
}

/// The Rust type `ty` is, with every alias replaced by what it names.
fn rust_type(ty: &Ty, types: &[super::TypeDef]) -> Ty {
    let mut ty = ty.clone();
    // Bounded: an alias cycle is reported elsewhere, and must not hang this.
    for _ in 0..=types.len() {
        match &ty {
            Ty::Named(id) => match types.get(*id).map(|def| &def.kind) {
                Some(Kind::Alias(inner)) => ty = inner.clone(),
                _ => return ty,
            },
            _ => {
                for part in ty.parts_mut() {
                    *part = rust_type(part, types);
                }
                return ty;
            }
        }
    }
    ty
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
