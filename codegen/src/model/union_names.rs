//! Names of a union's variants: from the spec's groups of mutually exclusive properties, or
//! from what tells each member apart (a property only it requires or has, a flag, a nested
//! `const`); numbered only when those clash.

use std::collections::BTreeSet;

use serde_json::Value;

use super::build::Builder;
use super::shape::Shape;
use super::{UnionVariant, naming};

/// The field and variant names of an untagged choice, from an `x-mutually-exclusive-body-groups`
/// group whose variants list exactly the members' required properties; else generic ones.
pub(super) fn group_names<'a>(
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
pub(super) fn distinct_property<'a>(
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
pub(super) fn distinct_idents(variants: Vec<UnionVariant>) -> Vec<UnionVariant> {
    let mut taken: Vec<String> = vec!["Unknown".into()];
    variants
        .into_iter()
        .map(|mut variant| {
            // A member named by nothing (a `$ref` to a root without a title or a name).
            if variant.ident.is_empty() {
                variant.ident = "Variant".into();
            }
            variant.ident = naming::numbered(&variant.ident, |i| !taken.iter().any(|t| t == i));
            taken.push(variant.ident.clone());
            variant
        })
        .collect()
}
