//! Recursive types: which recursions Rust can represent, and where a `Box` must break them.
//!
//! A struct that holds itself through `Vec`, a map or the list envelope is fine as it is (those
//! are on the heap); through `Option` or directly it needs a `Box`. A type alias can never refer
//! to itself, so a schema that is only an array, map or reference of itself is an error.

use std::collections::HashSet;

use super::{Kind, Ty, TypeDef, TypeId};

/// The aliases that refer to themselves (through other aliases and any wrapper).
pub fn alias_cycles(types: &[TypeDef]) -> Vec<TypeId> {
    let mut cyclic = Vec::new();
    for (id, def) in types.iter().enumerate() {
        let Kind::Alias(ty) = &def.kind else {
            continue;
        };
        let mut seen = HashSet::new();
        let mut stack = vec![ty];
        let mut found = false;
        while let Some(ty) = stack.pop() {
            match ty {
                Ty::Named(next) if *next == id => {
                    found = true;
                    break;
                }
                Ty::Named(next) => {
                    if let Some(Kind::Alias(inner)) = types.get(*next).map(|t| &t.kind) {
                        if seen.insert(*next) {
                            stack.push(inner);
                        }
                    }
                }
                other => stack.extend(other.parts()),
            }
        }
        if found {
            cyclic.push(id);
        }
    }
    cyclic
}

/// Whether a field of type `ty` in the struct `owner` holds `owner` again by value (directly,
/// through `Option`, aliases or other structs' by-value fields): then it must be boxed.
pub fn needs_box(ty: &Ty, owner: TypeId, types: &[TypeDef]) -> bool {
    let mut seen = HashSet::new();
    reaches_by_value(ty, owner, types, &mut seen)
}

fn reaches_by_value(ty: &Ty, owner: TypeId, types: &[TypeDef], seen: &mut HashSet<TypeId>) -> bool {
    match ty {
        Ty::Option(inner) => reaches_by_value(inner, owner, types, seen),
        Ty::Named(id) if *id == owner => true,
        Ty::Named(id) => {
            if !seen.insert(*id) {
                return false;
            }
            match types.get(*id).map(|t| &t.kind) {
                Some(Kind::Alias(inner)) => reaches_by_value(inner, owner, types, seen),
                Some(Kind::Struct(s)) => s
                    .fields
                    .iter()
                    .any(|f| reaches_by_value(&f.ty, owner, types, seen)),
                Some(Kind::Union(u)) => u
                    .variants
                    .iter()
                    .any(|v| reaches_by_value(&v.ty, owner, types, seen)),
                _ => false,
            }
        }
        // Vec, maps and the list envelope keep their items on the heap.
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, Struct};

    fn def(name: &str, kind: Kind) -> TypeDef {
        TypeDef {
            name: name.into(),
            doc: None,
            source: String::new(),
            kind,
            derives: Vec::new(),
            attributes: Vec::new(),
            checks: None,
        }
    }

    fn field(name: &str, ty: Ty) -> Field {
        Field {
            ident: name.into(),
            wire: name.into(),
            doc: None,
            ty,
            required: false,
            redact: false,
            flatten: false,
            default: None,
            checks: None,
        }
    }

    fn structure(fields: Vec<Field>) -> Kind {
        Kind::Struct(Struct {
            tag: None,
            fields,
            deny_unknown: false,
        })
    }

    #[test]
    fn options_need_a_box_and_vecs_do_not() {
        let types = vec![def(
            "Node",
            structure(vec![
                field("parent", Ty::Option(Box::new(Ty::Named(0)))),
                field("children", Ty::Vec(Box::new(Ty::Named(0)))),
            ]),
        )];
        let Kind::Struct(s) = &types[0].kind else {
            unreachable!()
        };
        assert!(needs_box(&s.fields[0].ty, 0, &types));
        assert!(!needs_box(&s.fields[1].ty, 0, &types));
    }

    #[test]
    fn mutual_recursion_through_another_struct_is_boxed() {
        let types = vec![
            def(
                "A",
                structure(vec![field("b", Ty::Option(Box::new(Ty::Named(1))))]),
            ),
            def("B", structure(vec![field("a", Ty::Named(2))])),
            def("AliasOfA", Kind::Alias(Ty::Named(0))),
        ];
        assert!(needs_box(&Ty::Option(Box::new(Ty::Named(1))), 0, &types));
        assert!(needs_box(&Ty::Named(2), 1, &types));
        assert!(alias_cycles(&types).is_empty());
    }

    #[test]
    fn aliases_of_themselves_are_cycles() {
        let types = vec![
            def("A", Kind::Alias(Ty::Vec(Box::new(Ty::Named(1))))),
            def("B", Kind::Alias(Ty::Option(Box::new(Ty::Named(0))))),
            def("C", Kind::Alias(Ty::Named(0))),
        ];
        assert_eq!(alias_cycles(&types), vec![0, 1]);
    }
}
