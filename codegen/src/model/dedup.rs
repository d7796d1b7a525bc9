//! Structurally identical types generated once. WorkOS's spec inlines the same object in many
//! places (an event's `data` is the user object again, field for field); each copy would be a
//! struct of its own with its own serde impls, which doubled the whole API's check time. A copy
//! becomes an alias of the first (a component, when there is one: components come first), so
//! every generated name still exists and means the same type. Fields name the first type; an
//! operation's signature keeps its own name.

use rustc_hash::FxHashMap as HashMap;

use super::{Kind, Model, Ty, TypeDef, TypeId};

pub fn merge_identical(model: &mut Model) {
    // Merging two types can make the types that hold them identical: repeat until nothing moves.
    loop {
        let mut first: HashMap<Kind, TypeId> = HashMap::default();
        let mut remap: HashMap<TypeId, TypeId> = HashMap::default();
        for id in 0..model.types.len() {
            let Some(key) = key(&model.types, id) else {
                continue;
            };
            match first.get(&key) {
                Some(&canonical) => {
                    remap.insert(id, canonical);
                }
                None => {
                    first.insert(key, id);
                }
            }
        }
        if remap.is_empty() {
            return;
        }
        for def in &mut model.types {
            match &mut def.kind {
                Kind::Struct(s) => s.fields.iter_mut().for_each(|f| rewrite(&mut f.ty, &remap)),
                Kind::Union(u) => u
                    .variants
                    .iter_mut()
                    .for_each(|v| rewrite(&mut v.ty, &remap)),
                Kind::Alias(ty) | Kind::Newtype(ty) => rewrite(ty, &remap),
                Kind::Enum(_) | Kind::Values(_) => {}
            }
        }
        for (&id, &canonical) in &remap {
            model.types[id].kind = Kind::Alias(Ty::Named(canonical));
        }
        // Operations keep the names of their own types (`RemoveEntryBody`, now an alias), which
        // read better in their signatures than another operation's.
    }
}

/// What makes a struct, union or enum of values the type it is (docs aside), with the types it
/// names followed through aliases; `None` for string enums (merged by value when built) and
/// aliases. Two types are the same when their keys are equal, field for field.
fn key(types: &[TypeDef], id: TypeId) -> Option<Kind> {
    // A type with checks of its own is not merged: they are no part of its kind.
    if types[id].checks.is_some() {
        return None;
    }
    let mut kind = match &types[id].kind {
        Kind::Struct(_) | Kind::Union(_) | Kind::Values(_) => types[id].kind.clone(),
        Kind::Enum(_) | Kind::Alias(_) | Kind::Newtype(_) => return None,
    };
    match &mut kind {
        Kind::Struct(s) => s.fields.iter_mut().for_each(|f| {
            f.doc = None;
            resolve(&mut f.ty, types);
        }),
        Kind::Union(u) => u.variants.iter_mut().for_each(|v| {
            v.doc = None;
            resolve(&mut v.ty, types);
        }),
        Kind::Enum(_) | Kind::Values(_) | Kind::Alias(_) | Kind::Newtype(_) => {}
    }
    Some(kind)
}

/// `ty` with every named alias replaced by what it names.
fn resolve(ty: &mut Ty, types: &[TypeDef]) {
    match ty {
        Ty::Named(id) => *id = super::unalias(*id, types),
        other => other
            .parts_mut()
            .iter_mut()
            .for_each(|part| resolve(part, types)),
    }
}

fn rewrite(ty: &mut Ty, remap: &HashMap<TypeId, TypeId>) {
    match ty {
        Ty::Named(id) => {
            if let Some(&canonical) = remap.get(id) {
                *id = canonical;
            }
        }
        other => other
            .parts_mut()
            .iter_mut()
            .for_each(|part| rewrite(part, remap)),
    }
}
