//! The names of the spec's types: as the settings choose them (`[names]`, `[types]`) or made
//! from where a schema is, with the collision rules for type names in one place.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::build::{At, Builder, Hint};
use super::{Kind, Ty, TypeDef, TypeId, naming, recursion};
use crate::load::Node;

impl<'a> Builder<'a> {
    /// The name the settings give this place (`true`: chosen), else `default`.
    pub(super) fn name_for(&mut self, at: &At<'a>, default: &Hint) -> (Hint, bool) {
        match self.setting(&self.settings.names, at) {
            Some((key, name)) => {
                self.used_names.insert(key);
                (Hint::literal(name), true)
            }
            None => (default.clone(), false),
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

    /// A new type that wants the name `hint` makes, which the settings chose when `chosen`. Its
    /// name is given by [`Builder::assign_names`], once every type exists.
    pub(super) fn new_type(
        &mut self,
        (hint, chosen): (Hint, bool),
        doc: Option<String>,
        kind: Kind,
        origin: &Node<'a>,
    ) -> TypeId {
        let id = self.types.len();
        let location = self.spec.location(origin.file, &origin.pointer);
        self.wanted.push((hint, location));
        self.origins.push(origin.clone());
        if chosen {
            self.named_by_settings.insert(id);
        }
        self.types.push(TypeDef {
            name: String::new(),
            doc,
            source: format!("{}#{}", origin.file, origin.pointer),
            kind,
            derives: Vec::new(),
            attributes: Vec::new(),
            checks: None,
        });
        id
    }

    /// The settings name an enum identical to an earlier one: the earlier one takes the name,
    /// unless the settings named it too.
    pub(super) fn name_merged_enum(&mut self, at: &At<'a>, existing: TypeId, name: String) {
        let location = self.spec.location(at.node.file, &at.node.pointer);
        if self.named_by_settings.contains(&existing) {
            let own = &self.wanted[existing].0.suffix;
            if *own != name {
                let message = format!(
                    "the settings name this enum `{name}`, but an identical enum is already named `{own}`"
                );
                self.errors.error(location, message);
            }
            return;
        }
        self.wanted[existing] = (Hint::literal(name), location);
        self.named_by_settings.insert(existing);
    }

    /// The naming pass for types: every type gets its name once. Names the settings chose come
    /// first (two that clash are an error); then, in the spec's order (components first), each
    /// generated name, made from its owner's final name: one that is taken (by a chosen name, an
    /// earlier type, or a name the generated code uses: `String`, `List`, ...) gets the first free
    /// number (`UserProfile2`).
    pub(super) fn assign_names(&mut self) {
        let code = self.code_names();
        let mut given: HashMap<String, usize> = HashMap::new();
        for id in 0..self.types.len() {
            if !self.named_by_settings.contains(&id) {
                continue;
            }
            let (hint, location) = &self.wanted[id];
            let name = hint.suffix.clone();
            match given.get(&name) {
                Some(&first) => {
                    let message = format!(
                        "two schemas get the Rust name `{name}` (the other is {}); name one of them in the settings file's [names]",
                        self.wanted[first].1
                    );
                    self.errors.error(location.clone(), message);
                }
                None => {
                    given.insert(name.clone(), id);
                }
            }
            self.types[id].name = name;
        }
        for id in 0..self.types.len() {
            if self.named_by_settings.contains(&id) {
                continue;
            }
            let hint = &self.wanted[id].0;
            let owner = hint
                .owner
                .map_or("", |owner| self.types[owner].name.as_str());
            let wanted = format!("{owner}{}", hint.suffix);
            let free = |n: &str| !given.contains_key(n) && !code.contains(&n);
            let name = naming::numbered(&wanted, free);
            given.insert(name.clone(), id);
            self.types[id].name = name;
        }
    }

    /// Names the generated code uses unqualified, which no type may take.
    fn code_names(&self) -> Vec<&'static str> {
        let mut taken: Vec<&str> = naming::TAKEN_TYPE_NAMES.to_vec();
        if self.list.is_some() {
            taken.extend(["List", "ListMetadata"]);
        }
        if self.settings.webhooks.event_enum.is_some() {
            taken.push("Event");
        }
        taken
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
                Kind::Alias(ty) | Kind::Newtype(ty) => resolve(ty),
                Kind::Union(u) => u.variants.iter_mut().for_each(|v| resolve(&mut v.ty)),
                Kind::Enum(_) | Kind::Values(_) => {}
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

    /// Every type name must be a Rust identifier that shadows nothing the generated code uses
    /// (only a chosen name can: a generated one is numbered).
    pub(super) fn check_type_names(&mut self) {
        let code = self.code_names();
        for (id, def) in self.types.iter().enumerate() {
            let problem = if def.name.is_empty() {
                "this schema's name has no ASCII letters or digits to make a Rust type name of; name it in the settings file's [names]".to_string()
            } else if !naming::is_type_ident(&def.name) {
                format!(
                    "`{}` is not a valid Rust type name; name this schema in the settings file's [names]",
                    def.name
                )
            } else if code.contains(&def.name.as_str()) {
                format!(
                    "the Rust name `{}` is taken by the generated code; name this schema in the settings file's [names]",
                    def.name
                )
            } else {
                continue;
            };
            self.errors.error(self.wanted[id].1.clone(), problem);
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
        other => other
            .parts_mut()
            .iter_mut()
            .for_each(|part| resolve_names(part, ids, missing)),
    }
}

#[cfg(test)]
mod tests {
    use crate::load::Spec;
    use crate::settings::Settings;

    fn names(spec: &str, settings: &str) -> Vec<String> {
        let files = [("openapi.json".to_string(), spec.to_string())].into();
        let spec = Spec::from_memory("openapi.json", &files).unwrap();
        let settings = Settings::from_toml(settings, "codegen.toml").unwrap();
        let model = super::super::build(&spec, &settings).unwrap();
        model.types.into_iter().map(|t| t.name).collect()
    }

    /// Names are given once, after every type exists: a chosen name wins over a generated one
    /// wherever it comes, and an inline type is named after its owner's final name.
    #[test]
    fn chosen_names_win_and_inline_types_follow_their_owners_final_name() {
        let spec = r#"{"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {},
            "components": {"schemas": {
                "Profile": {"type": "object", "properties": {
                    "kind": {"type": "string", "enum": ["a", "b"]}}},
                "user_profile": {"type": "object", "properties": {"id": {"type": "string"}}},
                "String": {"type": "object", "properties": {"value": {"type": "string"}}}
            }}}"#;
        let settings = "[names]\n\"#/components/schemas/user_profile\" = \"Profile\"\n";
        assert_eq!(
            names(spec, settings),
            ["Profile2", "Profile", "String2", "Profile2Kind"]
        );
        assert_eq!(
            names(spec, ""),
            ["Profile", "UserProfile", "String2", "ProfileKind"]
        );
    }
}
