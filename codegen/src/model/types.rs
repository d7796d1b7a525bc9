//! The Rust type of one schema: a reference, a scalar, an array, a map, an open enum, or (see
//! `shape.rs` and `unions.rs`) a struct or a union; and the examples each must read.

use std::collections::BTreeSet;

use serde_json::Value;

use super::build::{At, Builder, Hint};
use super::extra_keys::Extra;
use super::{Enum, Example, Kind, Ty, TypeId, Values, Variant, integers, naming};
use crate::spec::Types;

impl<'a> Builder<'a> {
    /// The kind of a named schema (a component); `None` when it was an error.
    pub(super) fn define(&mut self, at: &At<'a>, hint: &Hint, id: Option<TypeId>) -> Option<Kind> {
        self.check_keywords(&at.node);
        if let Some(ty) = self.rust_type_extension(at, hint) {
            return Some(Kind::Alias(ty));
        }
        if let Some(ty) = self.unevaluated_value(at) {
            return Some(Kind::Alias(ty));
        }
        if self.is_string_enum(at) {
            // Fills the reserved slot in place (or makes it an alias of an identical enum).
            if let Some(enum_id) = self.open_enum(at, hint, id) {
                self.example(at, Some(&Ty::Named(enum_id)));
            }
            return None;
        }
        if let Some(values_id) = self.value_enum(at, hint, id) {
            self.example(at, Some(&Ty::Named(values_id)));
            return (Some(values_id) != id).then_some(Kind::Alias(Ty::Named(values_id)));
        }
        let several = (!self.is_composite(&at.node)).then(|| self.several_types(at));
        if let Some(names) = several.flatten() {
            let ty = self.type_union(at, hint, &names, id);
            self.example(at, Some(&ty));
            return match (ty, id) {
                (Ty::Named(filled), Some(id)) if filled == id => None,
                (ty, _) => Some(Kind::Alias(ty)),
            };
        }
        if self.is_composite(&at.node) {
            let ty = self.composite(at, hint, id);
            self.example(at, Some(&ty));
            return match (ty, id) {
                (Ty::Named(filled), Some(id)) if filled == id => None,
                (ty, _) => Some(Kind::Alias(ty)),
            };
        }
        Some(Kind::Alias(self.ty(at, hint)))
    }

    /// The type of a schema used in place (a property, an item, a parameter).
    pub(super) fn ty(&mut self, at: &At<'a>, hint: &Hint) -> Ty {
        self.check_keywords(&at.node);
        if let Some((key, name)) = self.setting(&self.settings.types, at) {
            // A path (`my_crate::Money`, `uuid::Uuid`) names a type of another crate.
            if name.contains("::") {
                self.used_types.insert(key.clone());
                if syn::parse_str::<syn::Path>(&name).is_err() {
                    let message = format!("`{name}` is not a valid Rust type path");
                    self.errors
                        .error(self.settings.location("types", &key), message);
                    return Ty::Json;
                }
                return Ty::External {
                    path: name,
                    args: Vec::new(),
                };
            }
            if !naming::is_type_ident(&name) {
                let message = format!("`{name}` is not a valid Rust type name");
                self.errors
                    .error(self.settings.location("types", &key), message);
                self.used_types.insert(key);
                return Ty::Json;
            }
            let location = self.settings.location("types", &key);
            self.used_types.insert(key);
            self.by_name_origin.entry(name.clone()).or_insert(location);
            return Ty::ByName(name);
        }
        if let Some(ty) = self.rust_type_extension(at, hint) {
            return ty;
        }
        let schema = self.schema(&at.node);
        let reference = schema.reference.filter(|_| !schema.shaped_beside_ref());
        if let Some(reference) = reference {
            let ty = self.ty_ref(at, reference);
            // 3.0 writes a nullable reference as `$ref` beside `nullable: true`.
            if schema.is_nullable() && !matches!(ty, Ty::Option(_)) {
                return Ty::Option(Box::new(ty));
            }
            return ty;
        }
        let ty = self.ty_inline(at, hint);
        self.example(at, Some(&ty));
        ty
    }

    /// typify's `x-rust-type` extension (`{crate, version, path, parameters}`): the schema is
    /// that Rust type, its `parameters` (schemas) its generic arguments; the crate is a
    /// dependency of the generated crate (unless it is `std`, `core` or `alloc`).
    fn rust_type_extension(&mut self, at: &At<'a>, hint: &Hint) -> Option<Ty> {
        let extension = self.schema(&at.node).extension("x-rust-type")?;
        let node = at.node.child("x-rust-type")?;
        let path = extension.get("path").and_then(Value::as_str);
        let Some(path) = path.filter(|p| syn::parse_str::<syn::Path>(p).is_ok()) else {
            let message = "`x-rust-type` without a Rust type `path` is ignored";
            self.warn(&node, message.to_string());
            return None;
        };
        let krate = extension.get("crate").and_then(Value::as_str);
        let version = extension.get("version").and_then(Value::as_str);
        match (krate, version) {
            (Some("std" | "core" | "alloc"), _) => {}
            (Some(krate), Some(version)) => {
                self.external_crates
                    .insert(krate.to_string(), version.to_string());
            }
            _ => {
                let message = "`x-rust-type` names no `crate` and `version`: the crate that has the type must be added to the generated crate's dependencies by hand";
                self.warn(&node, message.to_string());
            }
        }
        let parameters = node.child("parameters");
        let count = parameters
            .as_ref()
            .and_then(|p| p.value.as_array())
            .map_or(0, Vec::len);
        let args = (0..count)
            .filter_map(|index| parameters.as_ref()?.child(&index.to_string()))
            .map(|parameter| self.ty(&at.to(&parameter), &hint.item()))
            .collect();
        Some(Ty::External {
            path: path.to_string(),
            args,
        })
    }

    /// The type a `$ref` names: the component's, or a new type for a schema elsewhere.
    fn ty_ref(&mut self, at: &At<'a>, reference: &str) -> Ty {
        let Some(target) = self.resolve(&at.node, reference) else {
            return Ty::Json;
        };
        // A named schema that allows `null` is its type, and `Option` where it is used.
        let nullable = |this: &mut Self, ty: Ty| {
            if this.schema(&target).is_nullable() {
                Ty::Option(Box::new(ty))
            } else {
                ty
            }
        };
        let key = (target.file.to_string(), target.pointer.clone());
        if let Some(&id) = self.by_location.get(&key) {
            let ty = nullable(self, Ty::Named(id));
            self.example(at, Some(&ty));
            return ty;
        }
        // A schema that is not a component: named after where it lives.
        let name = target
            .pointer
            .rsplit('/')
            .next()
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| {
                target
                    .file
                    .rsplit('/')
                    .next()
                    .unwrap_or("Schema")
                    .split('.')
                    .next()
                    .unwrap_or("Schema")
                    .to_string()
            });
        let name = naming::type_name(&name, &self.settings.naming.strip_suffixes);
        let target_at = At {
            node: target.clone(),
            logical: at.logical.clone(),
        };
        let doc = self.schema(&target).doc();
        let id = self.new_type(
            (Hint::literal(name), false),
            doc,
            Kind::Alias(Ty::Json),
            &target,
        );
        self.by_location.insert(key, id);
        let hint = Hint::of(id);
        if let Some(kind) = self.define(&target_at, &hint, Some(id)) {
            self.types[id].kind = kind;
        }
        nullable(self, Ty::Named(id))
    }

    fn ty_inline(&mut self, at: &At<'a>, hint: &Hint) -> Ty {
        if let Some(member) = self.null_union_member(at) {
            return Ty::Option(Box::new(self.ty(&member, hint)));
        }
        let ty = self.ty_base(at, hint);
        if self.schema(&at.node).is_nullable() && !matches!(ty, Ty::Option(_)) {
            return Ty::Option(Box::new(ty));
        }
        ty
    }

    /// The type of a schema, ignoring whether it is nullable.
    fn ty_base(&mut self, at: &At<'a>, hint: &Hint) -> Ty {
        if let Some(ty) = self.unevaluated_value(at) {
            return ty;
        }
        let schema = self.schema(&at.node);
        // `allOf` of one schema, and nothing else that shapes the type: that schema's type.
        let shaped = schema.properties.is_some()
            || schema.is_union()
            || schema.additional_properties.is_some()
            || !schema.pattern_properties.is_empty();
        if let (Some([only]), false) = (schema.all_of.as_deref(), shaped) {
            return self.ty(&at.to(only), hint);
        }
        if self.is_string_enum(at) {
            return match self.open_enum(at, hint, None) {
                Some(id) => Ty::Named(id),
                None => Ty::Json,
            };
        }
        if let Some(id) = self.value_enum(at, hint, None) {
            return Ty::Named(id);
        }
        if self.is_composite(&at.node) {
            return self.composite(at, hint, None);
        }
        if let Some(ty) = self.enum_without_values(at) {
            return ty;
        }
        if let Some(names) = self.several_types(at) {
            return self.type_union(at, hint, &names, None);
        }
        self.ty_of_type(at, hint, schema.primary_type())
    }

    /// `serde_json::Value` (with a warning) where `unevaluated*` judges what a Rust type would
    /// have decided already: `unevaluatedItems` beside schemas applied in place (a tuple would
    /// reject the items they evaluate), and `unevaluatedProperties` over choices (`oneOf`,
    /// `anyOf`, `if`: each choice's struct would drop the keys it judges). `validate()` then
    /// checks the whole schema on the value.
    fn unevaluated_value(&mut self, at: &At<'a>) -> Option<Ty> {
        let schema = self.schema(&at.node);
        let has = |key: &str| at.node.child(key).is_some();
        let choices = schema.is_union() || has("if");
        let in_place = choices || schema.all_of.is_some() || schema.reference.is_some();
        let why = if (in_place || has("contains") || has("$dynamicRef"))
            && self.unevaluated_in_place(&at.node, "unevaluatedItems")
        {
            "`unevaluatedItems` beside schemas applied in place, which may evaluate items an array type would reject"
        } else if choices && self.unevaluated_in_place(&at.node, "unevaluatedProperties") {
            "`unevaluatedProperties` over `oneOf`, `anyOf` or `if`, whose structs would drop the keys it judges"
        } else {
            return None;
        };
        let why =
            format!("{why}: any JSON value decodes, and `validate()` checks the whole schema");
        Some(self.fallback(&at.node, &why))
    }

    /// A `type` array's names other than `null`, when there are several.
    fn several_types(&mut self, at: &At<'a>) -> Option<Vec<&'a str>> {
        let Some(Types::Many(names)) = &self.schema(&at.node).types else {
            return None;
        };
        let names: Vec<&str> = names.iter().copied().filter(|t| *t != "null").collect();
        (names.len() > 1).then_some(names)
    }

    /// A `type` array of several types other than `null`: an untagged union, a variant per
    /// type, tried from the narrowest (so `1` is an integer before it is a number).
    fn type_union(
        &mut self,
        at: &At<'a>,
        hint: &Hint,
        names: &[&'a str],
        slot: Option<TypeId>,
    ) -> Ty {
        const ORDER: [(&str, &str); 6] = [
            ("boolean", "Bool"),
            ("integer", "Integer"),
            ("number", "Number"),
            ("string", "String"),
            ("array", "Array"),
            ("object", "Object"),
        ];
        let id = self.named(at, hint, slot);
        let mut variants = Vec::new();
        for (name, ident) in ORDER {
            if names.contains(&name) {
                let ty = self.ty_of_type(at, &Hint::of(id).plus(ident), Some(name));
                variants.push(super::UnionVariant {
                    ident: ident.into(),
                    tag_value: None,
                    ty,
                    doc: None,
                    from: false,
                    checks: None,
                });
            }
        }
        for unknown in names
            .iter()
            .filter(|n| !ORDER.iter().any(|(known, _)| known == *n))
        {
            self.error(&at.node, format!("unknown `type: {unknown}`: expected string, integer, number, boolean, array, object or null"));
        }
        self.types[id].kind = Kind::Union(super::Union {
            tag: None,
            variants,
        });
        Ty::Named(id)
    }

    /// The type of a schema read as JSON Schema type `name` (its `type`, or one of them).
    fn ty_of_type(&mut self, at: &At<'a>, hint: &Hint, name: Option<&'a str>) -> Ty {
        let schema = self.schema(&at.node);
        match name {
            // Formats with a Rust type that reads exactly their strings; the others (`time`,
            // `uuid`, `uri`, `email`, `byte`, ...) stay `String`, which never rejects a valid one.
            Some("string") => match schema.format {
                Some("date-time") => Ty::DateTime,
                Some("date") => Ty::Date,
                Some("ipv4") => Ty::Ipv4,
                Some("ipv6") => Ty::Ipv6,
                _ => Ty::String,
            },
            Some("integer") => match integers::from_format(schema.format) {
                Some(int) => {
                    let (minimum, maximum) =
                        (&schema.assertions.minimum, &schema.assertions.maximum);
                    if let Some(bound) = int.exceeded_by(minimum.as_ref(), maximum.as_ref()) {
                        let format = schema.format.unwrap_or_default();
                        let message = format!(
                            "{bound} allows integers that `format: {format}` (`{}`) cannot hold: they fail to decode",
                            int.rust()
                        );
                        self.warn(&at.node, message);
                    }
                    Ty::Int(int)
                }
                None => Ty::Integer,
            },
            Some("number") => Ty::Number,
            Some("boolean") => Ty::Bool,
            Some("array") => self.array(at, hint),
            // Without `properties` an object is a map of what its keys may hold.
            Some("object") => match self.extra_keys(at, &hint.item()) {
                Extra::Map(ty) => Ty::Map(Box::new(ty)),
                Extra::Ignored => Ty::Map(Box::new(Ty::Json)),
                // Only `{}`: a map, which its values' type cannot make empty.
                Extra::Denied => {
                    let message = "an object that allows no property (`additionalProperties: false`) is a map of JSON values: it accepts properties the schema rejects";
                    self.warn(&at.node, message.to_string());
                    Ty::Map(Box::new(Ty::Json))
                }
            },
            Some("null") => Ty::Option(Box::new(Ty::Json)),
            Some(other) => {
                self.error(&at.node, format!("unknown `type: {other}`: expected string, integer, number, boolean, array, object or null"));
                Ty::Json
            }
            None if schema.constant.is_some_and(Value::is_string) => Ty::String,
            // `{}` (only annotations): the spec allows any JSON value, which `Value` is.
            None if schema.documents_only => Ty::Json,
            None if schema.boolean == Some(false) => self.fallback(
                &at.node,
                "the schema `false`, which no value validates, has no Rust type",
            ),
            None => self.fallback(&at.node, "schema without a `type`"),
        }
    }

    /// An array: a `Vec` of its items, or a tuple where it has a fixed length and item types
    /// by place (`prefixItems`, or `items` as an array).
    fn array(&mut self, at: &At<'a>, hint: &Hint) -> Ty {
        let schema = self.schema(&at.node);
        let rest = schema.items.clone();
        let item =
            |this: &mut Self, node: &crate::load::Node<'a>| this.ty(&at.to(node), &hint.item());
        let Some(prefix) = schema.prefix_items.clone().filter(|p| !p.is_empty()) else {
            // Without `items` any item is valid: `Value` is exact.
            return Ty::Vec(Box::new(match &rest {
                Some(items) => item(self, items),
                None => Ty::Json,
            }));
        };
        let closed = rest
            .as_ref()
            .is_some_and(|r| r.value == &Value::Bool(false));
        let min = schema.assertions.min_items.unwrap_or(0) as usize;
        let max = schema.assertions.max_items.map(|max| max as usize);
        let max = if closed {
            Some(max.map_or(prefix.len(), |max| max.min(prefix.len())))
        } else {
            max
        };
        let mut places: Vec<Ty> = prefix.iter().map(|node| item(self, node)).collect();
        let rest_ty = match &rest {
            Some(node) if !closed => item(self, node),
            _ => Ty::Json,
        };
        // A fixed length: a Rust tuple, which decodes arrays of exactly that length.
        if let Some(length) = max.filter(|max| *max == min && *max > 0) {
            places.truncate(length);
            places.resize(length, rest_ty);
            return Ty::Tuple(places);
        }
        // Of any length: an array of the one type every place has (the length is a value
        // constraint), or of JSON values.
        if !closed {
            places.push(rest_ty);
        }
        places.dedup();
        match places.as_slice() {
            [one] => Ty::Vec(Box::new(one.clone())),
            _ => {
                let message = format!(
                    "an array of item types by place and no fixed length ({min} to {} items) is read as an array of JSON values: the items' types are not checked when decoding",
                    max.map_or("any number of".to_string(), |max| max.to_string())
                );
                self.warn(&at.node, message);
                Ty::Vec(Box::new(Ty::Json))
            }
        }
    }

    /// `oneOf`/`anyOf` of a schema and `{type: null}`: the schema, to be wrapped in `Option`.
    fn null_union_member(&mut self, at: &At<'a>) -> Option<At<'a>> {
        let schema = self.schema(&at.node);
        for members in [&schema.one_of, &schema.any_of].into_iter().flatten() {
            let nulls: Vec<bool> = members.iter().map(|m| self.schema(m).is_null()).collect();
            if members.len() == 2 && nulls.iter().filter(|n| **n).count() == 1 {
                let index = nulls.iter().position(|n| !n)?;
                return Some(at.to(&members[index]));
            }
        }
        None
    }

    /// Whether the schema is an open string enum: of strings (and `null`), or under `type:
    /// string` (where another value contradicts the type: an error, in `open_enum`). Other
    /// enums (integers, booleans, objects, mixed) are [`Self::value_enum`]s.
    fn is_string_enum(&mut self, at: &At<'a>) -> bool {
        let schema = self.schema(&at.node);
        let Some(values) = schema.enumeration else {
            return false;
        };
        // No value but maybe `null`: no enum to generate (see `enum_without_values`).
        if values.iter().all(Value::is_null) {
            return false;
        }
        let strings = values.iter().all(|v| v.is_string() || v.is_null());
        strings || schema.primary_type() == Some("string")
    }

    /// `enum: []`, which no value validates, and `enum: [null]`, which only `null` does (and
    /// nothing under a `type` without `null`: dropshot writes `{type: string, enum: [null]}` for
    /// an empty body). There is no Rust type of no value: the first is `serde_json::Value`, the
    /// second what `type: null` is, each with a warning where it accepts what the schema does
    /// not.
    fn enum_without_values(&mut self, at: &At<'a>) -> Option<Ty> {
        let schema = self.schema(&at.node);
        let values = schema.enumeration?;
        if values.is_empty() {
            let message = "`enum: []`: no value validates this schema; generated as serde_json::Value, which decodes every value (`validate()` rejects every one)";
            self.warn(&at.node, message.to_string());
            return Some(Ty::Json);
        }
        if !values.iter().all(Value::is_null) {
            return None;
        }
        if !(schema.is_nullable() || schema.is_null() || schema.types.is_none()) {
            let message = "`enum: [null]` under a `type` without `null`: no value validates this schema; generated as `type: null` is (Option<serde_json::Value>), which decodes `null` (`validate()` rejects it, as the schema does)";
            self.warn(&at.node, message.to_string());
        }
        Some(Ty::Option(Box::new(Ty::Json)))
    }

    /// An enum (or a `const`) of values that are not all strings: a closed enum, a variant per
    /// value (`null` is the `Option` around it where the schema allows it). `None` when the schema is no such
    /// enum, or a value contradicts its `type` (an error).
    fn value_enum(&mut self, at: &At<'a>, hint: &Hint, slot: Option<TypeId>) -> Option<TypeId> {
        let schema = self.schema(&at.node);
        // `const` is an enum of one value (a string one is a tag, or a `String`: see
        // `struct_from` and `ty_of_type`).
        let constant = schema.constant.map(std::slice::from_ref);
        let all = schema.enumeration.or(constant)?;
        if all.iter().all(|v| v.is_string() || v.is_null()) {
            return None;
        }
        let allowed: Vec<&str> = match &schema.types {
            Some(Types::One(one)) => vec![one],
            Some(Types::Many(many)) => many.clone(),
            None => Vec::new(),
        };
        let mut variants: Vec<Variant> = Vec::new();
        let mut contradicts = false;
        for (index, value) in all.iter().enumerate() {
            // `null` is the `Option` around the enum (or, under a `type` without it, invalid).
            if value.is_null() {
                continue;
            }
            if !allowed.is_empty() && !allowed.iter().any(|t| fits(value, t)) {
                let location = self
                    .spec
                    .location(at.node.file, &format!("{}/enum/{index}", at.node.pointer));
                let message = format!(
                    "enum value {value} is not of the schema's `type` ({})",
                    allowed.join(", ")
                );
                self.errors.error(location, message);
                contradicts = true;
                continue;
            }
            let wanted = match value {
                Value::Bool(_) | Value::Number(_) => naming::enum_variant_name(&value.to_string()),
                Value::String(text) => naming::enum_variant_name(text),
                Value::Array(_) => "Array".into(),
                _ => "Object".into(),
            };
            let ident = naming::numbered(&wanted, |name| !variants.iter().any(|v| v.ident == name));
            variants.push(Variant {
                ident,
                wire: value.to_string(),
            });
        }
        if contradicts {
            return None;
        }
        let default = schema
            .default
            .map(Value::to_string)
            .and_then(|d| variants.iter().position(|v| v.wire == d));
        let kind = Kind::Values(Values { variants, default });
        let override_name = self.setting(&self.settings.names, at).map(|(key, name)| {
            self.used_names.insert(key);
            name
        });
        Some(match slot {
            Some(slot) => {
                self.types[slot].kind = kind;
                if override_name.is_some() {
                    self.named_by_settings.insert(slot);
                }
                slot
            }
            None => {
                let request = match override_name {
                    Some(name) => (Hint::literal(name), true),
                    None => (hint.clone(), false),
                };
                self.new_type(request, schema.doc(), kind, &at.node)
            }
        })
    }

    /// An object with `properties`, an `allOf`, or a `oneOf`/`anyOf`: see `shape.rs`.
    pub(super) fn is_composite(&mut self, node: &crate::load::Node<'a>) -> bool {
        let schema = self.schema(node);
        let object = matches!(schema.primary_type(), Some("object") | None);
        // An `allOf` of schemas that only document (`{}`, `true`) shapes nothing.
        let shaping_all_of =
            (schema.all_of.iter().flatten()).any(|m| !self.schema(m).documents_only);
        (object && schema.properties.is_some())
            || shaping_all_of
            || schema.is_union()
            || schema.shaped_beside_ref()
    }

    /// A string enum, generated once per set of values. `slot` is a component's reserved type.
    pub(super) fn open_enum(
        &mut self,
        at: &At<'a>,
        hint: &Hint,
        slot: Option<TypeId>,
    ) -> Option<TypeId> {
        // The settings' name is used even when the enum has errors: no second, follow-on error.
        if let Some((key, _)) = self.setting(&self.settings.names, at) {
            self.used_names.insert(key);
        }
        let schema = self.schema(&at.node);
        let all = schema.enumeration?;
        let values: Vec<&Value> = all.iter().filter(|v| !v.is_null()).collect();
        if values.len() < all.len() && !schema.is_nullable() {
            let message = "`null` in `enum` is not modelled where the schema's `type` does not allow `null`: a `null` value fails to decode (add \"null\" to `type`)";
            self.warn(&at.node, message.to_string());
        }
        let location = |index: usize| {
            self.spec
                .location(at.node.file, &format!("{}/enum/{index}", at.node.pointer))
        };
        let mut wires = Vec::new();
        // Indices into the `enum` as written, `null`s included, for the pointers.
        for (index, v) in all.iter().enumerate().filter(|(_, v)| !v.is_null()) {
            match v.as_str() {
                Some(s) => wires.push(s.to_string()),
                None => {
                    let message =
                        format!("enum value {v} is not a string: only string enums are supported");
                    self.errors.error(location(index), message);
                }
            }
        }
        if wires.len() != values.len() {
            return None;
        }
        // Values that give one Rust name are numbered in order (`Red`, `Red2`), as types are.
        let mut variants: Vec<Variant> = Vec::new();
        for wire in &wires {
            let ident = naming::numbered(&naming::enum_variant_name(wire), |name| {
                !variants.iter().any(|v| v.ident == name)
            });
            variants.push(Variant {
                ident,
                wire: wire.clone(),
            });
        }
        let default = schema
            .default
            .and_then(Value::as_str)
            .and_then(|d| variants.iter().position(|v| v.wire == d));
        let key: BTreeSet<String> = wires.into_iter().collect();
        let override_name = self.setting(&self.settings.names, at).map(|(key, name)| {
            self.used_names.insert(key);
            name
        });
        if let Some(&existing) = self.enums.get(&key) {
            if let Some(name) = override_name {
                self.name_merged_enum(at, existing, name);
            }
            if let Some(slot) = slot {
                if slot != existing {
                    self.types[slot].kind = Kind::Alias(Ty::Named(existing));
                }
            }
            self.example(at, Some(&Ty::Named(existing)));
            return Some(existing);
        }
        let kind = Kind::Enum(Enum { variants, default });
        let id = match slot {
            Some(slot) => {
                self.types[slot].kind = kind;
                if override_name.is_some() {
                    self.named_by_settings.insert(slot);
                }
                slot
            }
            None => {
                let request = match override_name {
                    Some(name) => (Hint::literal(name), true),
                    None => (hint.clone(), false),
                };
                self.new_type(request, schema.doc(), kind, &at.node)
            }
        };
        self.enums.insert(key, id);
        Some(id)
    }

    /// Records a schema's `example` (and 3.1 `examples`) with the type it must fit.
    pub(super) fn example(&mut self, at: &At<'a>, ty: Option<&Ty>) {
        if ty.is_none() {
            return;
        }
        let schema = self.schema(&at.node);
        self.examples(at.node.file, &schema.examples, ty);
    }

    /// Records examples (each value's pointer in `file`, and the value) with the type they must
    /// fit, each once.
    pub(super) fn examples(&mut self, file: &str, found: &[(String, &Value)], ty: Option<&Ty>) {
        let Some(ty) = ty else { return };
        for (pointer, example) in found {
            // Relative to the spec folder: generated code must not depend on where it lives.
            let location = format!("{file}#{pointer}");
            if !self.example_locations.insert(location.clone()) {
                continue;
            }
            // A `null` example of a nullable schema is checked against the `Option`.
            let ty = if example.is_null() && matches!(ty, Ty::Option(_)) {
                ty.clone()
            } else {
                ty.inner().clone()
            };
            self.examples.push(Example {
                location,
                ty,
                value: (*example).clone(),
                validates: false,
            });
        }
    }
}

/// Whether `value` is of JSON Schema type `name` (an integer may be written `1.0`).
fn fits(value: &Value, name: &str) -> bool {
    match (name, value) {
        ("integer", Value::Number(n)) => {
            n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        ("number", Value::Number(_))
        | ("string", Value::String(_))
        | ("boolean", Value::Bool(_))
        | ("array", Value::Array(_))
        | ("object", Value::Object(_))
        | ("null", Value::Null) => true,
        _ => false,
    }
}
