//! Which traits each type derives beyond its own (`Eq` where nothing inside rules it out, `Hash`
//! on enums), and which extra derives and attributes the settings' `[derives]` and
//! `[attributes]` ask for (for `all` types, by pointer, or by type name). `Eq`, `Hash`,
//! `PartialOrd` and `Ord` are given only where every part of the type has them, so the crate
//! compiles: not over `f64` (`Eq`, `Hash`, `Ord`), `serde_json::Value`, a type of another crate
//! or the list envelope; maps are `BTreeMap`s, which have all four. A type the settings ask for
//! one that it cannot have gets a warning with its pointer. Other derives (a macro of another
//! crate, `schemars::JsonSchema`) are the settings' to make compile.

use std::collections::HashSet;

use super::{Kind, Model, Ty, TypeDef, TypeId};
use crate::diagnostics::{Diagnostic, Diagnostics, Error};
use crate::load::Spec;
use crate::settings::Settings;

/// The derives the generator checks, in the order they are printed.
pub const CHECKED: [&str; 4] = ["Eq", "Hash", "PartialOrd", "Ord"];

/// The derives the generator decides itself; the settings may not ask for them.
pub const DECIDED: [&str; 7] = [
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "PartialEq",
    "Serialize",
    "Deserialize",
];

/// The key of `[derives]` and `[attributes]` that applies to every type.
const ALL: &str = "all";

/// Sets the extra derives and attributes of every type from the settings, with a warning for
/// each derive a type cannot have; a key that names no type is an error.
pub fn apply(model: &mut Model, spec: &Spec, settings: &Settings) -> Result<(), Error> {
    let mut errors = Diagnostics::default();
    let requested: Vec<(Vec<String>, Vec<String>)> = model
        .types
        .iter()
        .map(|def| {
            let keys = keys(def, spec);
            (
                lookup(&settings.derives, &keys),
                lookup(&settings.attributes, &keys),
            )
        })
        .collect();
    for (table, map) in [
        ("derives", &settings.derives),
        ("attributes", &settings.attributes),
    ] {
        for key in map.keys().filter(|key| *key != ALL) {
            if !model.types.iter().any(|def| keys(def, spec).contains(key)) {
                errors.error(
                    settings.location(table, key),
                    format!("[{table}] names `{key}`, but the spec has no schema or type there"),
                );
            }
        }
    }
    // Optimistic: every checked derive asked for is granted, then taken away where a part of
    // the type lacks it, until nothing changes (so recursive types keep theirs).
    let mut granted: Vec<Vec<&str>> = requested
        .iter()
        .zip(&model.types)
        .map(|((derives, _), def)| {
            CHECKED
                .into_iter()
                .filter(|name| derives.iter().any(|d| d == name))
                .filter(|name| !builtin(def, &model.types, name))
                .filter(|_| !matches!(def.kind, Kind::Alias(_)))
                .collect()
        })
        .collect();
    let mut refused: Vec<(TypeId, &str, String)> = Vec::new();
    loop {
        let mut changed = false;
        for id in 0..model.types.len() {
            for name in granted[id].clone() {
                if let Some(why) = blocker(id, name, &model.types, &granted) {
                    granted[id].retain(|n| *n != name);
                    refused.push((id, name, why));
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    for (id, name, why) in refused {
        let def = &model.types[id];
        let message = format!(
            "the settings' [derives] ask for `{name}` on `{}`, which cannot derive it: {why}; generated without it",
            def.name
        );
        model
            .warnings
            .push(Diagnostic::new(location(def, spec), message));
    }
    for (id, (derives, attributes)) in requested.into_iter().enumerate() {
        let def = &mut model.types[id];
        if matches!(def.kind, Kind::Alias(_)) {
            let named = keys(def, spec);
            let by_key = |map: &std::collections::BTreeMap<String, Vec<String>>| {
                named.iter().any(|key| map.contains_key(key))
            };
            if by_key(&settings.derives) || by_key(&settings.attributes) {
                let message = format!(
                    "`{}` is a type alias, which takes no derives or attributes: ask for them on the types it names; generated without them",
                    def.name
                );
                model
                    .warnings
                    .push(Diagnostic::new(location(def, spec), message));
            }
            continue;
        }
        let others = derives
            .into_iter()
            .filter(|d| !CHECKED.contains(&d.as_str()));
        def.derives = granted[id].iter().map(|name| name.to_string()).collect();
        def.derives.extend(others);
        def.attributes = attributes;
    }
    errors.finish(())
}

/// The keys a type answers to: `all`, its schema's `file#pointer` (and `#pointer` in the entry
/// file), and its name.
fn keys(def: &TypeDef, spec: &Spec) -> Vec<String> {
    let mut keys = vec![ALL.to_string(), def.source.clone(), def.name.clone()];
    if let Some(pointer) = def.source.strip_prefix(&format!("{}#", spec.entry())) {
        keys.push(format!("#{pointer}"));
    }
    keys
}

/// What a table asks for a type: each value once, in the order of `keys` and the table.
fn lookup(map: &std::collections::BTreeMap<String, Vec<String>>, keys: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for value in keys.iter().filter_map(|key| map.get(key)).flatten() {
        if !out.contains(value) {
            out.push(value.clone());
        }
    }
    out
}

fn location(def: &TypeDef, spec: &Spec) -> crate::diagnostics::Location {
    match def.source.split_once('#') {
        Some((file, pointer)) => spec.location(file, pointer),
        None => spec.location(&def.source, ""),
    }
}

/// Whether the generator derives `name` on this type by itself.
fn builtin(def: &TypeDef, types: &[TypeDef], name: &str) -> bool {
    match (&def.kind, name) {
        (Kind::Enum(_) | Kind::Values(_), "Eq" | "Hash") => true,
        (Kind::Struct(s), "Eq") => s.fields.iter().all(|f| is_eq(&f.ty, types)),
        (Kind::Union(u), "Eq") => u.tag.is_none() && u.variants.iter().all(|v| is_eq(&v.ty, types)),
        _ => false,
    }
}

/// Why the type `id` cannot derive `name` while the others have what `granted` says, if it
/// cannot.
fn blocker(id: TypeId, name: &str, types: &[TypeDef], granted: &[Vec<&str>]) -> Option<String> {
    let has =
        |id: TypeId, name: &str| builtin(&types[id], types, name) || granted[id].contains(&name);
    if name == "Ord" && !(has(id, "Eq") && has(id, "PartialOrd")) {
        return Some("`Ord` needs `Eq` and `PartialOrd` on it too".into());
    }
    let parts: Vec<(String, &Ty)> = match &types[id].kind {
        Kind::Struct(s) => s
            .fields
            .iter()
            .map(|f| (format!("field `{}`", f.ident), &f.ty))
            .collect(),
        Kind::Union(u) if u.tag.is_some() => {
            return Some("a tagged union keeps unknown variants as `serde_json::Value`".into());
        }
        Kind::Union(u) => u
            .variants
            .iter()
            .map(|v| (format!("variant `{}`", v.ident), &v.ty))
            .collect(),
        Kind::Newtype(inner) => vec![("its value".to_string(), inner)],
        Kind::Enum(_) | Kind::Values(_) | Kind::Alias(_) => Vec::new(),
    };
    parts.into_iter().find_map(|(part, ty)| {
        lacking(ty, name, types, &has)
            .map(|what| format!("its {part} holds {what}, which has no `{name}`"))
    })
}

/// The part of `ty` that lacks the trait `name`, described, if one does.
fn lacking(
    ty: &Ty,
    name: &str,
    types: &[TypeDef],
    has: &dyn Fn(TypeId, &str) -> bool,
) -> Option<String> {
    match ty {
        Ty::String
        | Ty::Integer
        | Ty::Int(_)
        | Ty::Bool
        | Ty::Date
        | Ty::DateTime
        | Ty::Ipv4
        | Ty::Ipv6
        | Ty::Bytes => None,
        Ty::Number => (name != "PartialOrd").then(|| "`f64`".into()),
        Ty::Json => Some("`serde_json::Value`".into()),
        Ty::File => Some("a multipart file".into()),
        Ty::External { path, .. } => Some(format!("`{path}`, a type of another crate")),
        Ty::ByName(type_name) => Some(format!("`{type_name}`")),
        Ty::List(_) => Some("the list envelope".into()),
        Ty::Named(id) => match &types[*id].kind {
            Kind::Alias(target) => lacking(target, name, types, has),
            _ if has(*id, name) => None,
            _ => Some(format!("`{}`", types[*id].name)),
        },
        other => other
            .parts()
            .iter()
            .find_map(|part| lacking(part, name, types, has)),
    }
}

/// Whether values of this type can be compared with `Eq` (no floats or JSON inside). Each type
/// is looked at once, so this is linear in the number of types.
pub fn is_eq(ty: &Ty, types: &[TypeDef]) -> bool {
    is_eq_within(ty, types, &mut HashSet::new())
}

fn is_eq_within(ty: &Ty, types: &[TypeDef], seen: &mut HashSet<usize>) -> bool {
    match ty {
        Ty::Number | Ty::Json | Ty::External { .. } => false,
        Ty::Named(id) => {
            // Seen already (or recursive): its answer is part of this one already.
            if !seen.insert(*id) {
                return true;
            }
            match types.get(*id).map(|t| &t.kind) {
                Some(Kind::Enum(_) | Kind::Values(_)) => true,
                Some(Kind::Struct(s)) => s.fields.iter().all(|f| is_eq_within(&f.ty, types, seen)),
                Some(Kind::Alias(inner) | Kind::Newtype(inner)) => is_eq_within(inner, types, seen),
                // A tagged union keeps unknown variants as JSON.
                Some(Kind::Union(u)) => {
                    u.tag.is_none() && u.variants.iter().all(|v| is_eq_within(&v.ty, types, seen))
                }
                None => false,
            }
        }
        other => other
            .parts()
            .iter()
            .all(|part| is_eq_within(part, types, seen)),
    }
}
