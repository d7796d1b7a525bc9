//! The type-graph pass: walks the typed spec's schemas into named types. Each schema location
//! becomes at most one type; identical inline enums become one type; names come from the spec
//! and the settings file (`names.rs`), types from the schemas (`types.rs`, `shape.rs`,
//! `unions.rs`), operations from the paths (`operations.rs`).

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::rc::Rc;

use heck::ToUpperCamelCase;

use super::{Example, ListEnvelope, Model, Ty, TypeDef, TypeId};
use super::{Kind, naming, operation_names, package};
use crate::diagnostics::{Diagnostic, Diagnostics, Error, Location};
use crate::load::{Node, Spec};
use crate::settings::Settings;
use crate::spec::{self, Schema, Schemas};

pub struct Builder<'a> {
    pub(super) spec: &'a Spec,
    pub(super) settings: &'a Settings,
    /// Every schema read, each once.
    schemas: Schemas<'a>,
    pub(super) types: Vec<TypeDef>,
    /// The schema each type was made from (by index), for its own checks.
    pub(super) origins: Vec<Node<'a>>,
    /// Named types by the (file, pointer) of the schema that defines them.
    pub(super) by_location: HashMap<(String, String), TypeId>,
    /// Open enums by their set of values, so identical enums are generated once.
    pub(super) enums: HashMap<BTreeSet<String>, TypeId>,
    /// Types whose name the settings file chose (they win when enums merge).
    pub(super) named_by_settings: HashSet<TypeId>,
    /// The name each type asks for, and where (for messages): given by the naming pass
    /// (`names.rs`) once every type exists.
    pub(super) wanted: Vec<(Hint, Location)>,
    /// Where each `[types]` override name was used, for messages when it names no type.
    pub(super) by_name_origin: HashMap<String, Location>,
    pub(super) used_names: HashSet<String>,
    pub(super) used_types: HashSet<String>,
    /// Schemas whose keywords were checked (each is reported once, however often it is seen).
    checked: HashSet<(String, String)>,
    /// Members of a `oneOf`/`anyOf`: there `not` only restates that the members exclude each
    /// other, which the generated enum does.
    union_members: HashSet<(String, String)>,
    pub(super) list: Option<ListEnvelope>,
    pub(super) examples: Vec<Example>,
    /// Where the recorded examples are, so each is recorded once.
    pub(super) example_locations: HashSet<String>,
    pub(super) warnings: Vec<Diagnostic>,
    pub(super) errors: Diagnostics,
    /// Crates `x-rust-type` names, with their versions.
    pub(super) external_crates: std::collections::BTreeMap<String, String>,
}

/// What a schema is called when it needs a name: a name of its own, or its owner's name (the
/// one the owner ends up with, decided by the naming pass) with what it is there (`Status`,
/// `Item`).
#[derive(Clone, Debug)]
pub(super) struct Hint {
    pub(super) owner: Option<TypeId>,
    pub(super) suffix: String,
}

impl Hint {
    pub(super) fn literal(name: impl Into<String>) -> Hint {
        Hint {
            owner: None,
            suffix: name.into(),
        }
    }
    /// Named after the type `owner`.
    pub(super) fn of(owner: TypeId) -> Hint {
        Hint {
            owner: Some(owner),
            suffix: String::new(),
        }
    }
    pub(super) fn plus(&self, text: &str) -> Hint {
        Hint {
            owner: self.owner,
            suffix: format!("{}{text}", self.suffix),
        }
    }
    pub(super) fn property(&self, property: &str) -> Hint {
        self.plus(&property.to_upper_camel_case())
    }
    pub(super) fn item(&self) -> Hint {
        self.plus("Item")
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
    /// A schema reached directly: its logical pointer is its own.
    pub(super) fn direct(node: Node<'a>) -> At<'a> {
        At {
            logical: format!("#{}", node.pointer),
            node,
        }
    }

    /// A subschema of this one (a node inside it, as [`Schema`] hands them out), with the
    /// logical pointer extended by the same tokens.
    pub(super) fn to(&self, node: &Node<'a>) -> At<'a> {
        let tail = node
            .pointer
            .strip_prefix(self.node.pointer.as_str())
            .unwrap_or_default();
        At {
            node: node.clone(),
            logical: format!("{}{tail}", self.logical),
        }
    }
}

impl<'a> Builder<'a> {
    pub fn new(spec: &'a Spec, settings: &'a Settings) -> Self {
        Builder {
            spec,
            settings,
            schemas: Schemas::default(),
            types: Vec::new(),
            origins: Vec::new(),
            by_location: HashMap::default(),
            enums: HashMap::default(),
            named_by_settings: HashSet::default(),
            wanted: Vec::new(),
            by_name_origin: HashMap::default(),
            used_names: HashSet::default(),
            used_types: HashSet::default(),
            checked: HashSet::default(),
            union_members: HashSet::default(),
            list: None,
            examples: Vec::new(),
            example_locations: HashSet::default(),
            warnings: Vec::new(),
            errors: Diagnostics::default(),
            external_crates: Default::default(),
        }
    }

    pub fn build(mut self) -> Result<Model, Error> {
        let document = spec::openapi::read(self.spec, &mut self.errors);
        self.warnings.extend(self.spec.warnings().iter().cloned());
        self.warnings.extend(document.warnings.iter().cloned());
        let title = document.title.unwrap_or("API").to_string();

        // First give every component its name, so references in any order find it.
        let mut defined = Vec::new();
        for (key, node) in &document.schemas {
            // `#/components/schemas/<key>` (or `#/$defs/<key>`, `#` for a schema file's root).
            let at = At::direct(node.clone());
            let Some(target) = self.follow(&at.node) else {
                continue;
            };
            let outer_doc = self.schema(&at.node).doc();
            let location = (target.file.to_string(), target.pointer.clone());
            let name = self.name_for(
                &at,
                &Hint::literal(naming::type_name(key, &self.settings.naming.strip_suffixes)),
            );
            if let Some(&existing) = self.by_location.get(&location) {
                // Two component names for one schema: the second is an alias of the first.
                self.new_type(name, outer_doc, Kind::Alias(Ty::Named(existing)), &at.node);
                continue;
            }
            let id = self.new_type(name, None, Kind::Alias(Ty::Json), &target);
            self.by_location.insert(location, id);
            let at = At {
                node: target,
                logical: at.logical,
            };
            defined.push((id, at, outer_doc));
        }
        for (id, at, outer_doc) in defined {
            let kind = self.define(&at, &Hint::of(id), Some(id));
            self.types[id].doc = outer_doc.or_else(|| self.schema(&at.node).doc());
            if let Some(kind) = kind {
                self.types[id].kind = kind;
            }
        }

        let schemes = self.security_schemes(&document);
        let (mut tags, mut operations) = self.operations(&document);
        super::security::operation_security(&mut operations, &document, &schemes);
        self.own_checks();
        self.assign_names();
        let code_field = self
            .settings
            .errors
            .code
            .first()
            .map_or("code", String::as_str);
        let error_code = operation_names::error_code_enum(&operations, code_field);
        self.resolve_by_name();
        self.check_unused_settings();
        let event_enum = self.event_enum();
        self.check_type_names();
        self.check_alias_cycles();
        self.distinct_builder_names(&mut operations);
        operation_names::parameter_names(&mut operations, &schemes);
        operation_names::handle_names(&mut tags, &self.types, &operations);

        let model = Model {
            title,
            description: document.description.clone(),
            types: self.types,
            list: self.list,
            examples: self.examples,
            event_enum,
            profile: self.settings.profile(),
            schemes,
            tags,
            operations,
            base_url: document.base_url.map(str::to_string),
            error_code,
            warnings: self.warnings,
            package: package::package(document.title, document.version, self.settings),
            runtime: Default::default(),
            external_crates: self.external_crates,
        };
        self.errors.finish(model)
    }

    /// The schema at `node`, read once.
    pub(super) fn schema(&mut self, node: &Node<'a>) -> Rc<Schema<'a>> {
        self.schemas.get(node)
    }

    /// Follows `$ref`s from a node to the schema they name (reporting dangling ones). A `$ref`
    /// beside keywords that shape the type is not followed: the node is the type, with its
    /// target merged in (`Schema::shaped_beside_ref`).
    pub(super) fn follow(&mut self, node: &Node<'a>) -> Option<Node<'a>> {
        let schema = self.schema(node);
        if schema.shaped_beside_ref() {
            return Some(node.clone());
        }
        match schema.reference {
            None => Some(node.clone()),
            Some(reference) => self.resolve(node, reference),
        }
    }

    /// The schema a `$ref` at `node` names; `None` when it is dangling (reported).
    pub(super) fn resolve(&mut self, node: &Node<'a>, reference: &str) -> Option<Node<'a>> {
        match self.spec.resolve(node, reference) {
            Ok(target) => Some(target),
            Err((location, message)) => {
                self.errors.error(location, message);
                None
            }
        }
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
        let schema = self.schema(node);
        let at = |pointer: &str| format!("{}{pointer}", node.pointer);
        for (pointer, message) in &schema.problems {
            let location = self.spec.location(node.file, &at(pointer));
            self.errors.error(location, message.clone());
        }
        let mut warnings = schema.warnings.clone();
        // In a union's members `not` restates that they exclude each other.
        if schema.not.is_some() && !self.union_members.contains(&key) {
            warnings.push(("/not".into(), spec::NOT_MESSAGE.into()));
        }
        for (pointer, message) in warnings {
            let location = self.spec.location(node.file, &at(&pointer));
            self.warnings.push(Diagnostic::new(location, message));
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

    /// A construct the generator cannot express: a warning, and `serde_json::Value`.
    pub(super) fn fallback(&mut self, node: &Node<'a>, why: &str) -> Ty {
        self.warn(node, format!("{why}; generated as serde_json::Value"));
        Ty::Json
    }

    /// A warning at `node`: the generated type does not follow the schema exactly there.
    pub(super) fn warn(&mut self, node: &Node<'a>, message: String) {
        let location = self.spec.location(node.file, &node.pointer);
        let warning = Diagnostic::new(location, message);
        // A schema can be reached more than once (a component, then its references).
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }
}
