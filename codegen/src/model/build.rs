//! Walks the spec's schemas into named types. Each schema location becomes at most one type;
//! identical inline enums become one type; names come from the spec and the settings file.

use std::collections::{BTreeSet, HashMap, HashSet};

use heck::ToUpperCamelCase;
use serde_json::Value;

use super::{Enum, Example, Kind, ListEnvelope, Model, Ty, TypeDef, TypeId, Variant};
use super::{naming, recursion, schema_check};
use crate::diagnostics::{Diagnostic, Diagnostics, Error, Location};
use crate::load::{Node, Spec};
use crate::settings::Settings;

/// HTTP methods an OpenAPI path item may hold.
pub(crate) const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

pub struct Builder<'a> {
    spec: &'a Spec,
    pub(super) settings: &'a Settings,
    pub(super) types: Vec<TypeDef>,
    /// Named types by the (file, pointer) of the schema that defines them.
    by_location: HashMap<(String, String), TypeId>,
    /// Open enums by their set of values, so identical enums are generated once.
    enums: HashMap<BTreeSet<String>, TypeId>,
    /// Types whose name the settings file chose (they win when enums merge).
    named_by_settings: HashSet<TypeId>,
    /// Where each type name was first given, to report clashes.
    name_origin: HashMap<String, Location>,
    /// Where each `[types]` override name was used, for messages when it names no type.
    by_name_origin: HashMap<String, Location>,
    used_names: HashSet<String>,
    used_types: HashSet<String>,
    /// Schemas whose keywords were checked (each is reported once, however often it is seen).
    checked: HashSet<(String, String)>,
    /// Members of a `oneOf`/`anyOf`: there `not` only restates that the members exclude each
    /// other, which the generated enum does.
    union_members: HashSet<(String, String)>,
    pub(super) list: Option<ListEnvelope>,
    examples: Vec<Example>,
    /// Where the recorded examples are, so each is recorded once.
    example_locations: HashSet<String>,
    warnings: Vec<Diagnostic>,
    errors: Diagnostics,
}

/// What an inline schema is called when it needs a name: its owner's name and the property.
#[derive(Clone)]
pub(super) struct Hint(pub(super) String);

impl Hint {
    pub(super) fn property(&self, property: &str) -> Hint {
        Hint(format!("{}{}", self.0, property.to_upper_camel_case()))
    }
    pub(super) fn item(&self) -> Hint {
        Hint(format!("{}Item", self.0))
    }
}

/// The pointer a schema has in the entry document as walked (through `$ref`s), used for
/// settings overrides; and its physical node.
#[derive(Clone)]
pub(super) struct At<'a> {
    pub(super) node: Node<'a>,
    pub(super) logical: String,
}

impl<'a> At<'a> {
    pub(super) fn child(&self, token: &str) -> Option<At<'a>> {
        Some(At {
            node: self.node.child(token)?,
            logical: format!("{}/{}", self.logical, crate::load::escape(token)),
        })
    }
}

impl<'a> Builder<'a> {
    pub fn new(spec: &'a Spec, settings: &'a Settings) -> Self {
        Builder {
            spec,
            settings,
            types: Vec::new(),
            by_location: HashMap::new(),
            enums: HashMap::new(),
            named_by_settings: HashSet::new(),
            name_origin: HashMap::new(),
            by_name_origin: HashMap::new(),
            used_names: HashSet::new(),
            used_types: HashSet::new(),
            checked: HashSet::new(),
            union_members: HashSet::new(),
            list: None,
            examples: Vec::new(),
            example_locations: HashSet::new(),
            warnings: Vec::new(),
            errors: Diagnostics::default(),
        }
    }

    pub fn build(mut self) -> Result<Model, Error> {
        let root = self.spec.root();
        self.check_version(&root);
        let info = root.child("info");
        let title = info
            .as_ref()
            .and_then(|info| info.value.get("title"))
            .and_then(Value::as_str)
            .unwrap_or("API")
            .to_string();
        let description = info
            .as_ref()
            .and_then(|info| text(info.value, "description"));

        let components: Vec<At<'a>> = root
            .child("components")
            .and_then(|c| c.child("schemas"))
            .map(|schemas| {
                schemas
                    .keys()
                    .iter()
                    .filter_map(|key| {
                        Some(At {
                            node: schemas.child(key)?,
                            logical: format!("#/components/schemas/{}", crate::load::escape(key)),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();

        // First give every component its name, so references in any order find it.
        let mut defined = Vec::new();
        for at in &components {
            let key = at
                .logical
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .replace("~1", "/")
                .replace("~0", "~");
            let Some(target) = self.follow(&at.node) else {
                continue;
            };
            let location = (target.file.to_string(), target.pointer.clone());
            if let Some(&existing) = self.by_location.get(&location) {
                // Two component names for one schema: the second is an alias of the first.
                let name = self.name_for(
                    at,
                    &naming::type_name(&key, &self.settings.naming.strip_suffixes),
                );
                let id = self.new_type(
                    name,
                    text(at.node.value, "description"),
                    Kind::Alias(Ty::Named(existing)),
                    &at.node,
                );
                let _ = id;
                continue;
            }
            let name = self.name_for(
                at,
                &naming::type_name(&key, &self.settings.naming.strip_suffixes),
            );
            let id = self.new_type(name, None, Kind::Alias(Ty::Json), &target);
            self.by_location.insert(location, id);
            defined.push((
                id,
                At {
                    node: target,
                    logical: at.logical.clone(),
                },
                text(at.node.value, "description"),
            ));
        }
        for (id, at, outer_doc) in defined {
            let name = self.types[id].name.clone();
            let kind = self.define(&at, &Hint(name), Some(id));
            self.types[id].doc = outer_doc.or_else(|| text(at.node.value, "description"));
            if let Some(kind) = kind {
                self.types[id].kind = kind;
            }
        }

        let (tags, operations) = self.operations(&root);
        let error_codes = error_codes(&operations);
        let base_url = root
            .value
            .pointer("/servers/0/url")
            .and_then(Value::as_str)
            .map(str::to_string);
        self.resolve_by_name();
        self.check_unused_settings();
        let event_enum = self.event_enum();
        self.check_type_names();
        self.check_alias_cycles();
        let operations = self.distinct_builder_names(operations);

        let model = Model {
            title,
            description,
            types: self.types,
            list: self.list,
            examples: self.examples,
            event_enum,
            tags,
            operations,
            base_url,
            error_codes,
            warnings: self.warnings,
            package: Default::default(),
            runtime: Default::default(),
        };
        self.errors.finish(model)
    }

    fn check_version(&mut self, root: &Node<'a>) {
        if !root.value.is_object() {
            let found = schema_check::kind(root.value);
            self.error(
                root,
                format!("not an OpenAPI document: expected an object with an `openapi` field (3.0.x or 3.1.x), found {found}"),
            );
            return;
        }
        if let Some(swagger) = root.child("swagger") {
            self.error(
                &swagger,
                "Swagger (OpenAPI 2.0) is not supported: expected `openapi: 3.0.x` or `3.1.x` (convert the spec to OpenAPI 3)",
            );
            return;
        }
        let Some(field) = root.child("openapi") else {
            self.error(
                root,
                "not an OpenAPI document: expected an `openapi` field (3.0.x or 3.1.x)",
            );
            return;
        };
        match field.value.as_str() {
            Some(v)
                if v.starts_with("3.0.") || v.starts_with("3.1.") || v == "3.0" || v == "3.1" => {}
            Some(v) => self.error(
                &field,
                format!("OpenAPI version `{v}` is not supported: expected 3.0.x or 3.1.x"),
            ),
            None => {
                let found = schema_check::kind(field.value);
                self.error(
                    &field,
                    format!("`openapi` must be a version string such as \"3.1.0\", found {found}"),
                )
            }
        }
    }

    /// Follows `$ref`s from a node to the schema they name (reporting dangling ones).
    pub(super) fn follow(&mut self, node: &Node<'a>) -> Option<Node<'a>> {
        match node.value.get("$ref").and_then(Value::as_str) {
            None => Some(node.clone()),
            Some(reference) => match self.spec.resolve(node, reference) {
                Ok(target) => Some(target),
                Err((location, message)) => {
                    self.errors.error(location, message);
                    None
                }
            },
        }
    }

    /// The name the settings give this place (`true`: chosen), else `default`.
    pub(super) fn name_for(&mut self, at: &At<'a>, default: &str) -> (String, bool) {
        match self.setting(&self.settings.names, at) {
            Some((key, name)) => {
                self.used_names.insert(key);
                (name, true)
            }
            None => (default.to_string(), false),
        }
    }

    fn setting(
        &self,
        table: &std::collections::BTreeMap<String, String>,
        at: &At<'a>,
    ) -> Option<(String, String)> {
        let physical = format!("{}#{}", at.node.file, at.node.pointer);
        [at.logical.clone(), physical]
            .into_iter()
            .find_map(|key| table.get(&key).map(|value| (key, value.clone())))
    }

    /// A new type named `name`, which the settings chose when `chosen`. A generated name that
    /// is taken gets the first free number (`UserProfile2`); the first schema in the spec's order
    /// keeps it, and a chosen name takes it from a generated one. Only two chosen names clash.
    pub(super) fn new_type(
        &mut self,
        (name, chosen): (String, bool),
        doc: Option<String>,
        kind: Kind,
        origin: &Node<'a>,
    ) -> TypeId {
        let location = self.spec.location(origin.file, &origin.pointer);
        let id = self.types.len();
        let name = match self.name_origin.get(&name).cloned() {
            None => name,
            Some(_) if !chosen => self.free_name(&name, &[]),
            Some(first) => match self.types.iter().position(|t| t.name == name) {
                Some(other) if !self.named_by_settings.contains(&other) => {
                    let renamed = self.free_name(&name, &[]);
                    let origin = self.name_origin.remove(&name).expect("named");
                    self.name_origin.insert(renamed.clone(), origin);
                    self.types[other].name = renamed;
                    name
                }
                _ => {
                    let message = format!(
                        "two schemas get the Rust name `{name}` (the other is {first}); name one of them in the settings file's [names]"
                    );
                    self.errors.error(location.clone(), message);
                    name
                }
            },
        };
        self.name_origin.entry(name.clone()).or_insert(location);
        if chosen {
            self.named_by_settings.insert(id);
        }
        let source = format!("{}#{}", origin.file, origin.pointer);
        self.types.push(TypeDef {
            name,
            doc,
            source,
            kind,
        });
        self.types.len() - 1
    }

    /// `name` or the first numbered form of it that no type has and `taken` does not hold.
    fn free_name(&self, name: &str, taken: &[&str]) -> String {
        naming::numbered(name, |n| {
            !self.name_origin.contains_key(n)
                && !taken.contains(&n)
                && !naming::TAKEN_TYPE_NAMES.contains(&n)
        })
    }

    pub(super) fn error(&mut self, node: &Node<'a>, message: impl Into<String>) {
        self.errors
            .error(self.spec.location(node.file, &node.pointer), message);
    }

    /// Reports keywords the generator does not model, and keywords of the wrong shape.
    pub(super) fn check_keywords(&mut self, node: &Node<'a>) {
        let key = (node.file.to_string(), node.pointer.clone());
        if !self.checked.insert(key.clone()) {
            return;
        }
        let in_union = self.union_members.contains(&key);
        for (pointer, message) in schema_check::check(node.value) {
            if in_union && pointer == "/not" {
                continue;
            }
            let location = self
                .spec
                .location(node.file, &format!("{}{pointer}", node.pointer));
            self.errors.error(location, message);
        }
    }

    /// Marks a schema as a `oneOf`/`anyOf` member (before its keywords are checked).
    pub(super) fn allow_not(&mut self, node: &Node<'a>) {
        self.union_members
            .insert((node.file.to_string(), node.pointer.clone()));
    }

    /// Records the type generated for the schema at `node`, so a `$ref` to it finds it.
    pub(super) fn remember(&mut self, node: &Node<'a>, id: TypeId) {
        self.by_location
            .insert((node.file.to_string(), node.pointer.clone()), id);
    }

    /// The type already generated for the schema at `node`.
    pub(super) fn known(&self, node: &Node<'a>) -> Option<TypeId> {
        self.by_location
            .get(&(node.file.to_string(), node.pointer.clone()))
            .copied()
    }

    pub(super) fn fallback(&mut self, node: &Node<'a>, why: &str) -> Ty {
        let location = self.spec.location(node.file, &node.pointer);
        self.warnings.push(Diagnostic::new(
            location,
            format!("{why}; generated as serde_json::Value"),
        ));
        Ty::Json
    }

    /// The kind of a named schema (a component); `None` when it was an error.
    fn define(&mut self, at: &At<'a>, hint: &Hint, id: Option<TypeId>) -> Option<Kind> {
        self.check_keywords(&at.node);
        let value = at.node.value;
        if value.get("enum").is_some() {
            // Fills the reserved slot in place (or makes it an alias of an identical enum).
            if let Some(enum_id) = self.open_enum(at, hint, id) {
                self.example(at, Some(&Ty::Named(enum_id)));
            }
            return None;
        }
        if is_composite(value) {
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
        if let Some(reference) = at.node.value.get("$ref").and_then(Value::as_str) {
            let ty = self.ty_ref(at, reference);
            // 3.0 writes a nullable reference as `$ref` beside `nullable: true`.
            if is_nullable(at.node.value) && !matches!(ty, Ty::Option(_)) {
                return Ty::Option(Box::new(ty));
            }
            return ty;
        }
        let ty = self.ty_inline(at, hint);
        self.example(at, Some(&ty));
        ty
    }

    /// The type a `$ref` names: the component's, or a new type for a schema elsewhere.
    fn ty_ref(&mut self, at: &At<'a>, reference: &str) -> Ty {
        self.example(at, None);
        let target = match self.spec.resolve(&at.node, reference) {
            Ok(target) => target,
            Err((location, message)) => {
                self.errors.error(location, message);
                return Ty::Json;
            }
        };
        let key = (target.file.to_string(), target.pointer.clone());
        if let Some(&id) = self.by_location.get(&key) {
            let ty = Ty::Named(id);
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
        let id = self.new_type(
            (name, false),
            text(target.value, "description"),
            Kind::Alias(Ty::Json),
            &target,
        );
        self.by_location.insert(key, id);
        let hint = Hint(self.types[id].name.clone());
        if let Some(kind) = self.define(&target_at, &hint, Some(id)) {
            self.types[id].kind = kind;
        }
        Ty::Named(id)
    }

    fn ty_inline(&mut self, at: &At<'a>, hint: &Hint) -> Ty {
        if let Some(member) = self.null_union_member(at) {
            return Ty::Option(Box::new(self.ty(&member, hint)));
        }
        let ty = self.ty_base(at, hint);
        if is_nullable(at.node.value) && !matches!(ty, Ty::Option(_)) {
            return Ty::Option(Box::new(ty));
        }
        ty
    }

    /// The type of a schema, ignoring whether it is nullable.
    fn ty_base(&mut self, at: &At<'a>, hint: &Hint) -> Ty {
        let value = at.node.value;
        if let Some(members) = value.get("allOf").and_then(Value::as_array) {
            if members.len() == 1 {
                if let Some(member) = at.child("allOf").and_then(|all| all.child("0")) {
                    return self.ty(&member, hint);
                }
            }
        }
        if value.get("enum").is_some() {
            return match self.open_enum(at, hint, None) {
                Some(id) => Ty::Named(id),
                None => Ty::Json,
            };
        }
        if is_composite(value) {
            return self.composite(at, hint, None);
        }
        match primary_type(value) {
            Some("string") => match value.get("format").and_then(Value::as_str) {
                Some("date-time") => Ty::DateTime,
                _ => Ty::String,
            },
            Some("integer") => match value.get("format").and_then(Value::as_str) {
                Some("int32") => Ty::Int32,
                _ => Ty::Integer,
            },
            Some("number") => Ty::Number,
            Some("boolean") => Ty::Bool,
            Some("array") => match at.child("items") {
                Some(items) => Ty::Vec(Box::new(self.ty(&items, &hint.item()))),
                None => Ty::Vec(Box::new(self.fallback(&at.node, "array without `items`"))),
            },
            // Without `properties` an object is a map: of the `additionalProperties` schema, of
            // the one `patternProperties` schema, or of any JSON value.
            Some("object") => match at.child("additionalProperties") {
                Some(extra) if extra.node.value.is_object() => {
                    Ty::Map(Box::new(self.ty(&extra, &hint.item())))
                }
                _ => match at.child("patternProperties") {
                    Some(patterns)
                        if patterns
                            .node
                            .value
                            .as_object()
                            .is_some_and(|p| p.len() == 1) =>
                    {
                        let key = patterns
                            .node
                            .value
                            .as_object()
                            .and_then(|p| p.keys().next().cloned())
                            .unwrap_or_default();
                        match patterns.child(&key) {
                            Some(pattern) => Ty::Map(Box::new(self.ty(&pattern, &hint.item()))),
                            None => Ty::Map(Box::new(Ty::Json)),
                        }
                    }
                    _ => Ty::Map(Box::new(Ty::Json)),
                },
            },
            Some("null") => Ty::Option(Box::new(Ty::Json)),
            Some(other) => {
                self.error(&at.node, format!("unknown `type: {other}`: expected string, integer, number, boolean, array, object or null"));
                Ty::Json
            }
            None if value.get("const").is_some_and(Value::is_string) => Ty::String,
            // `{}` (only annotations): the spec allows any JSON value, which `Value` is.
            None if is_any(value) => Ty::Json,
            None => self.fallback(&at.node, "schema without a `type`"),
        }
    }

    /// `oneOf`/`anyOf` of a schema and `{type: null}`: the schema, to be wrapped in `Option`.
    fn null_union_member(&self, at: &At<'a>) -> Option<At<'a>> {
        for combinator in ["oneOf", "anyOf"] {
            let Some(members) = at.node.value.get(combinator).and_then(Value::as_array) else {
                continue;
            };
            let is_null = |m: &Value| m.get("type").and_then(Value::as_str) == Some("null");
            if members.len() == 2 && members.iter().filter(|m| is_null(m)).count() == 1 {
                let index = members.iter().position(|m| !is_null(m))?;
                return at.child(combinator)?.child(&index.to_string());
            }
        }
        None
    }

    /// Turns the settings' `[types]` names into type ids, now that every type is known.
    fn resolve_by_name(&mut self) {
        let ids: HashMap<String, TypeId> = self
            .types
            .iter()
            .enumerate()
            .map(|(id, t)| (t.name.clone(), id))
            .collect();
        let mut missing = BTreeSet::new();
        let mut resolve = |ty: &mut Ty| {
            resolve_names(ty, &ids, &mut missing);
        };
        for def in &mut self.types {
            match &mut def.kind {
                Kind::Struct(s) => s.fields.iter_mut().for_each(|f| resolve(&mut f.ty)),
                Kind::Alias(ty) => resolve(ty),
                Kind::Union(u) => u.variants.iter_mut().for_each(|v| resolve(&mut v.ty)),
                Kind::Enum(_) => {}
            }
        }
        self.examples.iter_mut().for_each(|e| resolve(&mut e.ty));
        for name in missing {
            let location = self.by_name_origin[&name].clone();
            self.errors.error(
                location,
                format!("[types] names `{name}`, which is not a type of this spec"),
            );
        }
    }

    fn event_enum(&mut self) -> Option<TypeId> {
        let name = self.settings.webhooks.event_enum.as_ref()?;
        let found = self
            .types
            .iter()
            .position(|t| &t.name == name && matches!(t.kind, Kind::Enum(_)));
        if found.is_none() {
            let message = format!("`event_enum = \"{name}\"` names no enum of this spec");
            self.errors
                .error(self.settings.location("webhooks", "event_enum"), message);
        }
        found
    }

    /// Every type name must be a Rust identifier that shadows nothing the generated code uses.
    fn check_type_names(&mut self) {
        let mut taken: Vec<&str> = naming::TAKEN_TYPE_NAMES.to_vec();
        if self.list.is_some() {
            taken.extend(["List", "ListMetadata"]);
        }
        if self.settings.webhooks.event_enum.is_some() {
            taken.push("Event");
        }
        // A generated name the generated code uses is numbered; a chosen one is an error.
        for id in 0..self.types.len() {
            let name = self.types[id].name.clone();
            if taken.contains(&name.as_str()) && !self.named_by_settings.contains(&id) {
                let renamed = self.free_name(&name, &taken);
                if let Some(origin) = self.name_origin.remove(&name) {
                    self.name_origin.insert(renamed.clone(), origin);
                }
                self.types[id].name = renamed;
            }
        }
        for def in &self.types {
            let problem = if def.name.is_empty() {
                "this schema's name has no ASCII letters or digits to make a Rust type name of; name it in the settings file's [names]".to_string()
            } else if !naming::is_type_ident(&def.name) {
                format!(
                    "`{}` is not a valid Rust type name; name this schema in the settings file's [names]",
                    def.name
                )
            } else if taken.contains(&def.name.as_str()) {
                format!(
                    "the Rust name `{}` is taken by the generated code; name this schema in the settings file's [names]",
                    def.name
                )
            } else {
                continue;
            };
            let location = match self.name_origin.get(&def.name) {
                Some(location) => location.clone(),
                None => match def.source.split_once('#') {
                    Some((file, pointer)) => self.spec.location(file, pointer),
                    None => self.spec.location(&def.source, ""),
                },
            };
            self.errors.error(location, problem);
        }
    }

    /// A schema that is only an array, map, nullable or reference of itself has no Rust type.
    fn check_alias_cycles(&mut self) {
        for id in recursion::alias_cycles(&self.types) {
            let def = &self.types[id];
            let location = match def.source.split_once('#') {
                Some((file, pointer)) => self.spec.location(file, pointer),
                None => self.spec.location(&def.source, ""),
            };
            let message = format!(
                "`{}` is only a reference, array, map or nullable of itself: no Rust type can represent it (give it `properties`, so it becomes a struct)",
                def.name
            );
            self.errors.error(location, message);
        }
    }

    fn check_unused_settings(&mut self) {
        for key in self.settings.names.keys() {
            if !self.used_names.contains(key) {
                let message =
                    format!("[names] overrides `{key}`, but the spec has no schema there");
                self.errors
                    .error(self.settings.location("names", key), message);
            }
        }
        for key in self.settings.types.keys() {
            if !self.used_types.contains(key) {
                let message =
                    format!("[types] overrides `{key}`, but the spec has no schema there");
                self.errors
                    .error(self.settings.location("types", key), message);
            }
        }
    }

    /// A string enum, generated once per set of values. `slot` is a component's reserved type.
    fn open_enum(&mut self, at: &At<'a>, hint: &Hint, slot: Option<TypeId>) -> Option<TypeId> {
        // The settings' name is used even when the enum has errors: no second, follow-on error.
        if let Some((key, _)) = self.setting(&self.settings.names, at) {
            self.used_names.insert(key);
        }
        let value = at.node.value;
        let values = value.get("enum").and_then(Value::as_array)?;
        let values: Vec<&Value> = values.iter().filter(|v| !v.is_null()).collect();
        if values.is_empty() {
            self.error(&at.node, "empty `enum`: expected at least one value");
            return None;
        }
        let mut wires = Vec::new();
        for (index, v) in values.iter().enumerate() {
            match v.as_str() {
                Some(s) => wires.push(s.to_string()),
                None => {
                    let location = self
                        .spec
                        .location(at.node.file, &format!("{}/enum/{index}", at.node.pointer));
                    self.errors.error(
                        location,
                        format!("enum value {v} is not a string: only string enums are supported"),
                    );
                }
            }
        }
        if wires.len() != values.len() {
            return None;
        }
        let mut variants: Vec<Variant> = Vec::new();
        for (index, wire) in wires.iter().enumerate() {
            let location = || {
                self.spec
                    .location(at.node.file, &format!("{}/enum/{index}", at.node.pointer))
            };
            let Some(ident) = naming::variant_name(wire) else {
                self.errors.error(
                    location(),
                    format!(
                        "enum value `{wire}` has no letters or digits to name a Rust variant after"
                    ),
                );
                continue;
            };
            if let Some(other) = variants.iter().find(|v| v.ident == ident) {
                let message = format!(
                    "enum values `{}` and `{wire}` both become the Rust variant `{ident}`",
                    other.wire
                );
                self.errors.error(location(), message);
                continue;
            }
            variants.push(Variant {
                ident,
                wire: wire.clone(),
            });
        }
        let default = value
            .get("default")
            .and_then(Value::as_str)
            .and_then(|d| variants.iter().position(|v| v.wire == d));
        let key: BTreeSet<String> = wires.into_iter().collect();
        let override_name = self.setting(&self.settings.names, at).map(|(key, name)| {
            self.used_names.insert(key);
            name
        });
        if let Some(&existing) = self.enums.get(&key) {
            if let Some(name) = override_name {
                if self.types[existing].name != name {
                    if self.named_by_settings.contains(&existing) {
                        let message = format!(
                            "the settings name this enum `{name}`, but an identical enum is already named `{}`",
                            self.types[existing].name
                        );
                        self.error(&at.node, message);
                    } else {
                        self.name_origin.remove(&self.types[existing].name);
                        self.name_origin.insert(
                            name.clone(),
                            self.spec.location(at.node.file, &at.node.pointer),
                        );
                        self.types[existing].name = name;
                        self.named_by_settings.insert(existing);
                    }
                }
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
                let by_settings = override_name.is_some();
                let name = override_name.unwrap_or_else(|| hint.0.clone());
                self.new_type(
                    (name, by_settings),
                    text(value, "description"),
                    kind,
                    &at.node,
                )
            }
        };
        self.enums.insert(key, id);
        Some(id)
    }

    /// Records a schema's `example` (and 3.1 `examples`) with the type it must fit.
    pub(super) fn example(&mut self, at: &At<'a>, ty: Option<&Ty>) {
        let Some(ty) = ty else { return };
        let value = at.node.value;
        let mut found: Vec<(String, Value)> = Vec::new();
        if let Some(example) = value.get("example") {
            found.push((format!("{}/example", at.node.pointer), example.clone()));
        }
        match value.get("examples") {
            Some(Value::Array(examples)) => {
                for (index, example) in examples.iter().enumerate() {
                    found.push((
                        format!("{}/examples/{index}", at.node.pointer),
                        example.clone(),
                    ));
                }
            }
            // A media type's named Example Objects: `{ name: { value } }`.
            Some(Value::Object(named)) => {
                for (name, example) in named {
                    if let Some(value) = example.get("value") {
                        let name = crate::load::escape(name);
                        found.push((
                            format!("{}/examples/{name}/value", at.node.pointer),
                            value.clone(),
                        ));
                    }
                }
            }
            _ => {}
        }
        for (pointer, example) in found {
            // Relative to the spec folder: generated code must not depend on where it lives.
            let location = format!("{}#{pointer}", at.node.file);
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
                value: example,
            });
        }
    }
}

fn resolve_names(ty: &mut Ty, ids: &HashMap<String, TypeId>, missing: &mut BTreeSet<String>) {
    match ty {
        Ty::ByName(name) => match ids.get(name) {
            Some(&id) => *ty = Ty::Named(id),
            None => {
                missing.insert(name.clone());
            }
        },
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) | Ty::List(inner) => {
            resolve_names(inner, ids, missing)
        }
        _ => {}
    }
}

/// `type: [T, "null"]` (3.1) or `nullable: true` (3.0).
fn is_nullable(value: &Value) -> bool {
    value.get("nullable").and_then(Value::as_bool) == Some(true)
        || value
            .get("type")
            .and_then(Value::as_array)
            .is_some_and(|types| types.iter().any(|t| t == "null"))
}

pub(super) fn text(value: &Value, key: &str) -> Option<String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// An object with `properties`, an `allOf`, or a `oneOf`/`anyOf`: see [`super::composition`].
fn is_composite(value: &Value) -> bool {
    let object = matches!(primary_type(value), Some("object") | None);
    (object && value.get("properties").is_some())
        || ["allOf", "oneOf", "anyOf"]
            .iter()
            .any(|k| value.get(k).is_some())
}

/// A schema that only documents (`{}`, `{description: ...}`): any JSON value is valid.
fn is_any(value: &Value) -> bool {
    value.as_object().is_some_and(|map| {
        map.keys().all(|k| {
            matches!(
                k.as_str(),
                "description"
                    | "title"
                    | "example"
                    | "examples"
                    | "deprecated"
                    | "readOnly"
                    | "writeOnly"
                    | "$comment"
            ) || k.starts_with("x-")
        })
    }) || value == &Value::Bool(true)
}

/// The schema's `type`, ignoring `"null"` in a 3.1 type array.
pub(super) fn primary_type(value: &Value) -> Option<&str> {
    match value.get("type")? {
        Value::String(t) => Some(t),
        Value::Array(types) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null"),
        _ => None,
    }
}

/// A `const` string, or a one-value string `enum` (how 3.0 specs write a const).
pub(super) fn const_string(value: &Value) -> Option<String> {
    if let Some(Value::String(constant)) = value.get("const") {
        return Some(constant.clone());
    }
    match value.get("enum")?.as_array()?.as_slice() {
        [Value::String(only)] if primary_type(value) == Some("string") => Some(only.clone()),
        _ => None,
    }
}

/// Every documented error code, once, in the order operations first document it.
fn error_codes(operations: &[super::Operation]) -> Vec<(String, Option<String>)> {
    let mut codes: Vec<(String, Option<String>)> = Vec::new();
    for case in operations.iter().flat_map(|op| &op.errors) {
        for code in &case.codes {
            if !codes.iter().any(|(known, _)| known == code) {
                let description = (case.codes.len() == 1)
                    .then(|| case.description.clone())
                    .flatten();
                codes.push((code.clone(), description));
            }
        }
    }
    codes
}
