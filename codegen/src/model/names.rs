//! The names of the spec's types: as the settings choose them (`[names]`, `[types]`) or made
//! from where a schema is, with the collision rules for type names in one place.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::build::{At, Builder};
use super::{Kind, Ty, TypeDef, TypeId, naming, recursion};
use crate::load::Node;

impl<'a> Builder<'a> {
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

    pub(super) fn setting(
        &self,
        table: &BTreeMap<String, String>,
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

    /// Turns the settings' `[types]` names into type ids, now that every type is known.
    pub(super) fn resolve_by_name(&mut self) {
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

    pub(super) fn event_enum(&mut self) -> Option<TypeId> {
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
    pub(super) fn check_type_names(&mut self) {
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
    pub(super) fn check_alias_cycles(&mut self) {
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

    pub(super) fn check_unused_settings(&mut self) {
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
