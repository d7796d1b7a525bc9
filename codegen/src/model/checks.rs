//! Value checks: what a place's schema says about its values that the Rust type does not hold.
//! Decoding enforces the structure (types, `required`, enums, `const`, tags,
//! `additionalProperties: false`); the generated `validate()` checks the rest.
//!
//! A check is typed code where the Rust type is the keyword's own (a `String`'s `minLength`, an
//! `i64`'s `minimum`, a `Vec`'s `maxItems`), and a *JSON rule* for everything else: the
//! keywords, as JSON text with their `$ref`s written out, that the runtime's `json_rule` checks
//! on the value's JSON (`not`, `if`/`then`/`else`, `contains`, `uniqueItems`, ..., and every
//! keyword of a place the type holds as `serde_json::Value`).

use rustc_hash::FxHashSet as HashSet;
use serde_json::{Map, Value};

use super::build::Builder;
use super::{Kind, Model, Ty, TypeDef};
use crate::load::Node;
use crate::spec::{Bound, Taken};

/// The checks of one place: rules on its value, and what to check inside it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Check {
    pub rules: Vec<Rule>,
    pub inner: Inner,
}

/// What is checked inside a value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Inner {
    Nothing,
    /// Its type's own `validate` (a generated type, or a container of them).
    Delegate,
    /// The value of an `Option`, when there is one.
    Some(Box<Check>),
    /// Each item of a `Vec`.
    Items(Box<Check>),
    /// Each value of a map.
    Values(Box<Check>),
    /// The places of a tuple.
    Tuple(Vec<Option<Check>>),
}

/// One rule, and where its keyword is in the spec (`file#pointer`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rule {
    pub kind: RuleKind,
    pub schema: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RuleKind {
    MinLength(u64),
    MaxLength(u64),
    Pattern(String),
    /// `minimum`/`maximum` (the bound as an `f64` literal's text), exclusive or not.
    Minimum(String, bool),
    Maximum(String, bool),
    MultipleOf(String),
    /// `minItems` or `minProperties` (the keyword), on a `Vec`'s or a map's length.
    MinCount(&'static str, u64),
    MaxCount(&'static str, u64),
    /// `uniqueItems` on items whose Rust equality is JSON's.
    UniqueItems,
    /// The JSON text of a schema the runtime checks the value's JSON against.
    Json(String),
}

/// Keywords that hold no check (they document, or they were read into the type).
const NOT_CHECKS: &[&str] = &[
    "$schema",
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$comment",
    "$defs",
    "definitions",
    "$vocabulary",
    "title",
    "description",
    "default",
    "examples",
    "example",
    "deprecated",
    "readOnly",
    "writeOnly",
    "externalDocs",
    "xml",
    "discriminator",
    "format",
    "contentMediaType",
    "contentEncoding",
    "contentSchema",
];

/// Keywords whose value is a schema, or an array of schemas.
const SCHEMA_KEYS: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "items",
    "additionalItems",
    "contains",
    "propertyNames",
    "additionalProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "prefixItems",
    "allOf",
    "anyOf",
    "oneOf",
];

/// Keywords whose value is an object of schemas.
const SCHEMA_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "dependentSchemas",
    "dependencies",
];

/// How deep `$ref`s are written out in a JSON rule before the schema is taken for recursive.
const MAX_INLINE: usize = 24;

/// A check that only calls the value's own `validate` (dropped by [`finish`] when its type
/// has nothing to check).
pub(super) fn delegate() -> Option<Check> {
    Some(Check {
        rules: Vec::new(),
        inner: Inner::Delegate,
    })
}

impl Check {
    /// The check of a map whose values have `self`.
    pub(super) fn values(self) -> Check {
        Check {
            rules: Vec::new(),
            inner: Inner::Values(Box::new(self)),
        }
    }

    /// `check` with `rule` on the value too: on what an `Option` holds when `ty` is one (an
    /// absent value passes every rule).
    pub(super) fn with_rule(check: Option<Check>, ty: &Ty, rule: Rule) -> Option<Check> {
        let mut check = check.unwrap_or(Check {
            rules: Vec::new(),
            inner: Inner::Nothing,
        });
        match (ty, &mut check.inner) {
            (Ty::Option(_), Inner::Some(inner)) => inner.rules.push(rule),
            (Ty::Option(_), Inner::Nothing) => {
                check.inner = Inner::Some(Box::new(Check {
                    rules: vec![rule],
                    inner: Inner::Nothing,
                }))
            }
            _ => check.rules.push(rule),
        }
        Some(check)
    }

    fn of(rules: Vec<Rule>, inner: Inner) -> Option<Check> {
        (!rules.is_empty() || inner != Inner::Nothing).then_some(Check { rules, inner })
    }
}

impl<'a> Builder<'a> {
    /// The checks of a place of type `ty` whose schema is at `node` (the node the type was read
    /// from, `$ref` and all: keywords beside a `$ref` apply too).
    pub(super) fn checks(&mut self, node: &Node<'a>, ty: &Ty) -> Option<Check> {
        let mut rules = Vec::new();
        // What the typed rules took; the rest goes to the JSON rule.
        let mut typed: Vec<&'static str> = Vec::new();
        let schema = self.schema(node);
        let at = |keyword: &str| format!("{}#{}/{keyword}", node.file, node.pointer);
        let a = &schema.assertions;
        match ty {
            // An `Option` is the same schema (its `null`, or its absence, passes every rule).
            Ty::Option(inner) => {
                let inner = self.checks(node, inner);
                return inner.map(|check| Check {
                    rules: Vec::new(),
                    inner: Inner::Some(Box::new(check)),
                });
            }
            Ty::Json => {
                let rule = self.json_rule(node, None);
                return Check::of(rule.into_iter().collect(), Inner::Nothing);
            }
            Ty::String => {
                if let Some(min) = a.min_length {
                    typed.push("minLength");
                    rules.push(rule(RuleKind::MinLength(min), at("minLength")));
                }
                if let Some(max) = a.max_length {
                    typed.push("maxLength");
                    rules.push(rule(RuleKind::MaxLength(max), at("maxLength")));
                }
                if let Some(pattern) = a.pattern {
                    typed.push("pattern");
                    self.check_pattern(node, pattern);
                    rules.push(rule(RuleKind::Pattern(pattern.into()), at("pattern")));
                }
            }
            Ty::Integer | Ty::Int(_) | Ty::Number => {
                if let Some(b) = &a.minimum {
                    typed.extend(["minimum", "exclusiveMinimum"]);
                    let pointer = bound_pointer(node, b, "minimum", "exclusiveMinimum");
                    rules.push(rule(
                        RuleKind::Minimum(float(b.value), b.exclusive),
                        pointer,
                    ));
                }
                if let Some(b) = &a.maximum {
                    typed.extend(["maximum", "exclusiveMaximum"]);
                    let pointer = bound_pointer(node, b, "maximum", "exclusiveMaximum");
                    rules.push(rule(
                        RuleKind::Maximum(float(b.value), b.exclusive),
                        pointer,
                    ));
                }
                if let Some(divisor) = a.multiple_of {
                    typed.push("multipleOf");
                    rules.push(rule(RuleKind::MultipleOf(float(divisor)), at("multipleOf")));
                }
            }
            Ty::Vec(item) => {
                // Items whose Rust equality is JSON's (strings, integers, booleans): compared
                // as they are, without writing them as JSON.
                let plain = matches!(
                    item.as_ref(),
                    Ty::String | Ty::Integer | Ty::Int(_) | Ty::Bool
                );
                if a.unique_items && plain {
                    typed.push("uniqueItems");
                    rules.push(rule(RuleKind::UniqueItems, at("uniqueItems")));
                }
                if let Some(min) = a.min_items {
                    typed.push("minItems");
                    rules.push(rule(RuleKind::MinCount("minItems", min), at("minItems")));
                }
                if let Some(max) = a.max_items {
                    typed.push("maxItems");
                    rules.push(rule(RuleKind::MaxCount("maxItems", max), at("maxItems")));
                }
            }
            Ty::Map(_) => {
                if let Some(min) = a.min_properties {
                    typed.push("minProperties");
                    let kind = RuleKind::MinCount("minProperties", min);
                    rules.push(rule(kind, at("minProperties")));
                }
                if let Some(max) = a.max_properties {
                    typed.push("maxProperties");
                    let kind = RuleKind::MaxCount("maxProperties", max);
                    rules.push(rule(kind, at("maxProperties")));
                }
            }
            _ => {}
        }
        // A named type checks its own schema in its `validate`: here only the keywords beside
        // the `$ref` that leads to it.
        let own_schema = !(matches!(ty, Ty::Named(_) | Ty::List(_)) && schema.reference.is_none());
        if own_schema {
            if let Some(json) = self.json_rule(node, Some(&typed)) {
                rules.push(json);
            }
        }
        let inner = match ty {
            Ty::Named(_) | Ty::List(_) => Inner::Delegate,
            Ty::Vec(item) => {
                let items = schema.items.clone();
                let check = items.and_then(|items| self.checks(&items, item));
                self.delegate_or(check, item, Inner::Items)
            }
            Ty::Map(value) => {
                let values = schema.additional_properties.clone();
                let check = values.and_then(|values| self.checks(&values, value));
                self.delegate_or(check, value, Inner::Values)
            }
            Ty::Tuple(places) => {
                let nodes = schema.prefix_items.clone().unwrap_or_default();
                let checks: Vec<Option<Check>> = places
                    .iter()
                    .enumerate()
                    .map(|(i, place)| match nodes.get(i) {
                        Some(node) => self.checks(node, place),
                        None => schema.items.clone().and_then(|n| self.checks(&n, place)),
                    })
                    .collect();
                match checks.iter().any(Option::is_some) {
                    true => Inner::Tuple(checks),
                    false => Inner::Nothing,
                }
            }
            _ => Inner::Nothing,
        };
        Check::of(rules, inner)
    }

    /// Each type's checks of its own schema: an alias's, of its value; a struct's or union's,
    /// the keywords its fields and variants do not hold (`minProperties`, `not`, ...).
    pub(super) fn own_checks(&mut self) {
        for id in 0..self.types.len() {
            let node = self.origins[id].clone();
            let checks = match self.types[id].kind.clone() {
                Kind::Alias(ty) | Kind::Newtype(ty) => self.checks(&node, &ty),
                Kind::Struct(_) => {
                    let rule = self.json_rule(&node, Some(&[]));
                    rule.and_then(|rule| Check::of(vec![rule], Inner::Nothing))
                }
                // An untagged `oneOf` decodes as the first member that fits: that no other
                // member fits too is a check of the whole `oneOf`.
                Kind::Union(u) => {
                    let one_of = u.tag.is_none() && node.child("oneOf").is_some();
                    let rule = self.json_rule_with(&node, Some(&[]), one_of);
                    rule.and_then(|rule| Check::of(vec![rule], Inner::Nothing))
                }
                Kind::Enum(_) | Kind::Values(_) => None,
            };
            self.types[id].checks = checks;
        }
    }

    /// A container's inner check: the items' own, else their type's `validate` when they are of
    /// a generated type (`Vec<Named>` delegates to each item).
    fn delegate_or(&self, check: Option<Check>, item: &Ty, wrap: fn(Box<Check>) -> Inner) -> Inner {
        match check {
            Some(check) if check.rules.is_empty() && check.inner == Inner::Delegate => {
                Inner::Delegate
            }
            Some(check) => wrap(Box::new(check)),
            None if holds_named(item) => Inner::Delegate,
            None => Inner::Nothing,
        }
    }

    /// The JSON rule of the schema at `node`: all its checks (`typed: None`), or those no
    /// typed rule took and the type does not enforce. `None` when nothing is left to check.
    pub(super) fn json_rule(
        &mut self,
        node: &Node<'a>,
        typed: Option<&[&'static str]>,
    ) -> Option<Rule> {
        self.json_rule_with(node, typed, false)
    }

    /// [`Builder::json_rule`], with the schema's `oneOf` too when `one_of`.
    fn json_rule_with(
        &mut self,
        node: &Node<'a>,
        typed: Option<&[&'static str]>,
        one_of: bool,
    ) -> Option<Rule> {
        let Value::Object(keywords) = node.value else {
            // A boolean schema: `false` rejects everything, `true` nothing.
            return (node.value == &Value::Bool(false) && typed.is_none())
                .then(|| rule(RuleKind::Json("false".into()), location(node)));
        };
        let wanted = |key: &str| match typed {
            None => !NOT_CHECKS.contains(&key) && !key.starts_with("x-"),
            Some(typed) => {
                (ASSERTIONS.contains(&key) && !typed.contains(&key)) || (one_of && key == "oneOf")
            }
        };
        // Keywords the document's draft does not apply (a `$ref`'s siblings before 2019-09).
        let ignored = self.ignored(node);
        let mut chosen = Map::new();
        for (key, value) in keywords {
            if wanted(key) && !ignored.contains(key) {
                chosen.insert(key.clone(), value.clone());
            }
        }
        // `unevaluated*` depend on every keyword beside them: then the whole schema is checked.
        let unevaluated = ["unevaluatedProperties", "unevaluatedItems"];
        if typed.is_some()
            && unevaluated
                .iter()
                .any(|k| self.unevaluated_in_place(node, k))
        {
            return self.json_rule(node, None);
        }
        // `minContains`/`maxContains` without `contains` mean nothing.
        if !chosen.contains_key("contains") {
            chosen.remove("minContains");
            chosen.remove("maxContains");
        }
        if typed.is_none() && chosen.keys().all(|k| k == "$ref" || k == "$dynamicRef") {
            // Only a reference (the type is its target's): nothing of its own to check, unless
            // its target has checks, which this place then checks as JSON.
            if !chosen.contains_key("$ref") {
                return None;
            }
        }
        if chosen.is_empty() {
            return None;
        }
        let base = node.clone();
        // The whole schema is the rule's root: a `$ref` back to it is `#` within the rule.
        let mut stack = match typed {
            None => vec![(place(node), String::new())],
            Some(_) => Vec::new(),
        };
        match self.inline(&base, Value::Object(chosen), "", &mut stack) {
            Some(Value::Object(map)) if map.is_empty() => None,
            Some(value) => Some(rule(RuleKind::Json(value.to_string()), location(node))),
            None => {
                let message = format!(
                    "this schema nests more than {MAX_INLINE} `$ref`s deep, which a value check does not write out: `validate()` does not check it"
                );
                self.warn(node, message);
                None
            }
        }
    }

    /// Whether `keyword` (`unevaluatedProperties` or `unevaluatedItems`, other than `true`)
    /// judges the schema at `node`'s own instance: in the schema, or in a schema it applies in
    /// place (`allOf`, `anyOf`, `oneOf`, `if`/`then`/`else`, `dependentSchemas`, `$ref`). Then
    /// the type keeps what those keywords judge, and `validate()` checks the whole schema.
    pub(super) fn unevaluated_in_place(&mut self, node: &Node<'a>, keyword: &str) -> bool {
        let mut seen = HashSet::default();
        self.unevaluated_within(node, keyword, &mut seen)
    }

    fn unevaluated_within(
        &mut self,
        node: &Node<'a>,
        keyword: &str,
        seen: &mut HashSet<(String, String)>,
    ) -> bool {
        if !seen.insert(place(node)) {
            return false;
        }
        let Value::Object(keywords) = node.value else {
            return false;
        };
        // Keys the draft does not apply (a later draft's, a `$ref`'s siblings before 2019-09).
        let ignored = self.ignored(node);
        let applies = |key: &str| !ignored.iter().any(|k| k == key);
        if keywords
            .get(keyword)
            .is_some_and(|v| v != &Value::Bool(true))
            && applies(keyword)
        {
            return true;
        }
        let mut members: Vec<Node<'a>> = Vec::new();
        for key in ["allOf", "anyOf", "oneOf", "dependentSchemas"] {
            if let Some(child) = node.child(key).filter(|_| applies(key)) {
                let tokens: Vec<String> = match child.value {
                    Value::Array(items) => (0..items.len()).map(|i| i.to_string()).collect(),
                    Value::Object(map) => map.keys().cloned().collect(),
                    _ => Vec::new(),
                };
                members.extend(tokens.iter().filter_map(|t| child.child(t)));
            }
        }
        members.extend(["if", "then", "else"].iter().filter_map(|k| node.child(k)));
        if let Some(Value::String(reference)) = keywords.get("$ref") {
            if applies("$ref") {
                members.extend(self.spec.resolve(node, reference).ok());
            }
        }
        members
            .iter()
            .any(|member| self.unevaluated_within(member, keyword, seen))
    }

    /// A schema's JSON (`value`, the keywords chosen of the node's), with annotations dropped and
    /// every `$ref` written out in place (`{allOf: [target], ...siblings}`). `None` for a
    /// recursive reference.
    ///
    /// `here` is where `value` goes in the rule (a JSON pointer), and `stack` holds the schemas
    /// being written out with where each went: a `$ref` to one of them is written as
    /// `{"$ref": "#<where>"}`, which the runtime follows within the rule (recursion).
    fn inline(
        &mut self,
        node: &Node<'a>,
        value: Value,
        here: &str,
        stack: &mut Vec<((String, String), String)>,
    ) -> Option<Value> {
        let Value::Object(keywords) = value else {
            return Some(value);
        };
        if stack.len() > MAX_INLINE {
            return None;
        }
        let mut out = Map::new();
        let mut all_of = Vec::new();
        let ignored = self.ignored(node);
        // The `$ref` target goes first in `allOf`: the schema's own members come after it.
        let has_ref = keywords.get("$ref").is_some_and(Value::is_string)
            && !ignored.iter().any(|k| k == "$ref");
        for (key, value) in keywords {
            if ignored.contains(&key) {
                continue;
            }
            let child = node.child(&key);
            match key.as_str() {
                "$ref" => {
                    let Value::String(reference) = &value else {
                        continue;
                    };
                    let target = match self.spec.resolve(node, reference) {
                        Ok(target) => target,
                        // Dangling: an error the type pass reports.
                        Err(_) => continue,
                    };
                    let target_place = place(&target);
                    if let Some((_, at)) = stack.iter().find(|(p, _)| *p == target_place) {
                        all_of.push(serde_json::json!({ "$ref": format!("#{at}") }));
                        continue;
                    }
                    let at = format!("{here}/allOf/0");
                    stack.push((target_place, at.clone()));
                    let inlined = self.inline(&target, target.value.clone(), &at, stack);
                    stack.pop();
                    all_of.push(inlined?);
                }
                key if NOT_CHECKS.contains(&key) || key.starts_with("x-") => {}
                "enum" | "const" | "required" | "dependentRequired" | "type" => {
                    out.insert(key.to_string(), value);
                }
                "pattern" => {
                    if let Value::String(pattern) = &value {
                        self.check_pattern(node, pattern);
                    }
                    out.insert(key.to_string(), value);
                }
                key if SCHEMA_KEYS.contains(&key) => {
                    let inlined = match (value, child) {
                        (Value::Array(items), Some(child)) => {
                            let mut done = Vec::new();
                            // `allOf` members move one place on behind a `$ref`'s target.
                            let offset = usize::from(key == "allOf" && has_ref);
                            for (i, item) in items.into_iter().enumerate() {
                                let item_node = child.child(&i.to_string())?;
                                let at = format!("{here}/{key}/{}", i + offset);
                                done.push(self.inline(&item_node, item, &at, stack)?);
                            }
                            Value::Array(done)
                        }
                        (value, Some(child)) => {
                            let at = format!("{here}/{key}");
                            self.inline(&child, value, &at, stack)?
                        }
                        (value, None) => value,
                    };
                    out.insert(key.to_string(), inlined);
                }
                key if SCHEMA_MAPS.contains(&key) => {
                    let (Value::Object(entries), Some(child)) = (value.clone(), child) else {
                        out.insert(key.to_string(), value);
                        continue;
                    };
                    let mut done = Map::new();
                    for (name, schema) in entries {
                        if key == "patternProperties" {
                            self.check_pattern(&child, &name);
                        }
                        let inlined = match (&schema, child.child(&name)) {
                            (Value::Object(_) | Value::Bool(_), Some(entry)) => {
                                let at = format!("{here}/{key}/{}", crate::load::escape(&name));
                                self.inline(&entry, schema, &at, stack)?
                            }
                            _ => schema,
                        };
                        done.insert(name, inlined);
                    }
                    out.insert(key.to_string(), Value::Object(done));
                }
                _ => {
                    out.insert(key.to_string(), value);
                }
            }
        }
        if !all_of.is_empty() {
            // The target's checks beside the schema's own (`$ref` with siblings, 2019-09 on).
            if let Some(Value::Array(existing)) = out.remove("allOf") {
                all_of.extend(existing);
            }
            out.insert("allOf".into(), Value::Array(all_of));
        }
        Some(Value::Object(out))
    }

    /// The keys of the schema at `node` that its draft does not apply.
    fn ignored(&mut self, node: &Node<'a>) -> Vec<String> {
        let schema = self.schema(node);
        let ignored = schema
            .taken
            .iter()
            .filter(|(_, taken)| *taken == Taken::Ignored);
        ignored.map(|(key, _)| key.to_string()).collect()
    }

    /// Warns about a pattern the `regex` crate cannot read (look-around, backreferences): it is
    /// not checked.
    fn check_pattern(&mut self, node: &Node<'a>, pattern: &str) {
        if regex_syntax::Parser::new().parse(pattern).is_err() {
            let message = format!(
                "the pattern `{pattern}` is not checked: the `regex` crate does not read it (look-around or backreferences); any string passes `validate()`"
            );
            self.warn(node, message);
        }
    }
}

/// The keywords a typed place's JSON rule may take: assertions and applicators that its Rust
/// type neither holds nor a typed rule checks.
const ASSERTIONS: &[&str] = &[
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "minContains",
    "maxContains",
    "minProperties",
    "maxProperties",
    "propertyNames",
    "dependentRequired",
    "dependentSchemas",
    "dependencies",
    "not",
    "if",
    "then",
    "else",
    "unevaluatedProperties",
    "unevaluatedItems",
];

/// Where a bound's keyword is: the number of `exclusiveMinimum` (3.1, 2020-12) when that is the
/// bound, else `minimum` (exclusive or not by 3.0's boolean).
fn bound_pointer(node: &Node<'_>, bound: &Bound<'_>, plain: &str, exclusive: &str) -> String {
    let numeric = node.child(exclusive).is_some_and(|n| n.value.is_number());
    let key = if bound.exclusive && numeric {
        exclusive
    } else {
        plain
    };
    format!("{}#{}/{key}", node.file, node.pointer)
}

fn rule(kind: RuleKind, schema: String) -> Rule {
    Rule { kind, schema }
}

/// Where a schema is: its file and pointer.
fn place(node: &Node<'_>) -> (String, String) {
    (node.file.to_string(), node.pointer.clone())
}

fn location(node: &Node<'_>) -> String {
    format!("{}#{}", node.file, node.pointer)
}

/// A JSON number as the text of an `f64` literal.
fn float(number: &serde_json::Number) -> String {
    let value = number.as_f64().unwrap_or(0.0);
    let text = format!("{value:?}");
    if text.contains(['.', 'e']) || text.contains("inf") || text.contains("NaN") {
        text
    } else {
        format!("{text}.0")
    }
}

/// Whether `ty` holds a generated type (whose `validate` its container's check calls).
fn holds_named(ty: &Ty) -> bool {
    matches!(ty, Ty::Named(_) | Ty::List(_)) || ty.parts().iter().any(holds_named)
}

/// Removes the checks that only call the `validate` of a type with nothing to check, and turns
/// the aliases with checks of their own into newtypes (an alias has no `validate` of its own).
pub(super) fn finish(model: &mut Model) {
    let has = checked_types(&model.types);
    let lookup = model.types.clone();
    let keep = |ty: &Ty| reaches_checked(ty, &lookup, &has);
    let mut types = std::mem::take(&mut model.types);
    for def in &mut types {
        match &mut def.kind {
            Kind::Struct(s) => {
                for field in &mut s.fields {
                    prune(&mut field.checks, &field.ty, &keep);
                }
            }
            Kind::Union(u) => {
                for variant in &mut u.variants {
                    prune(&mut variant.checks, &variant.ty, &keep);
                }
            }
            Kind::Alias(ty) | Kind::Newtype(ty) => prune(&mut def.checks, &ty.clone(), &keep),
            Kind::Enum(_) | Kind::Values(_) => {}
        }
        if let Some(check) = &mut def.checks {
            if check.inner == Inner::Delegate
                && !matches!(def.kind, Kind::Alias(_) | Kind::Newtype(_))
            {
                check.inner = Inner::Nothing;
            }
        }
    }
    for op in &mut model.operations {
        let places = [
            &mut op.path_params,
            &mut op.query_params,
            &mut op.header_params,
            &mut op.cookie_params,
            &mut op.part_params,
        ];
        for param in places.into_iter().flatten() {
            prune(&mut param.checks, &param.ty, &keep);
        }
        for form in op.body.iter_mut().flat_map(|body| &mut body.forms) {
            prune(&mut form.checks, &form.ty, &keep);
        }
    }
    for example in &mut model.examples {
        example.validates = keep(&example.ty);
    }
    // An alias that only passes its value's checks on stays an alias (its target's `validate`
    // does them); one with rules of its own becomes a newtype that has them.
    for def in &mut types {
        if let Kind::Alias(ty) = &def.kind {
            match &def.checks {
                Some(check) if has_rules(check) => def.kind = Kind::Newtype(ty.clone()),
                _ => def.checks = None,
            }
        }
    }
    model.types = types;
}

/// Drops the parts of `check` that delegate to types with nothing to check.
fn prune(check: &mut Option<Check>, ty: &Ty, keep: &impl Fn(&Ty) -> bool) {
    let Some(c) = check else { return };
    let inner_ty = |ty: &Ty| ty.parts().first().cloned().unwrap_or(Ty::Json);
    c.inner = match std::mem::replace(&mut c.inner, Inner::Nothing) {
        Inner::Delegate if keep(ty) => Inner::Delegate,
        Inner::Delegate | Inner::Nothing => Inner::Nothing,
        Inner::Some(inner) | Inner::Items(inner) | Inner::Values(inner) => {
            let mut inner = Some(*inner);
            prune(&mut inner, &inner_ty(ty), keep);
            match (inner, ty) {
                (None, _) => Inner::Nothing,
                (Some(i), Ty::Option(_)) => Inner::Some(Box::new(i)),
                (Some(i), Ty::Map(_)) => Inner::Values(Box::new(i)),
                (Some(i), _) => Inner::Items(Box::new(i)),
            }
        }
        Inner::Tuple(mut places) => {
            for (place, ty) in places.iter_mut().zip(ty.parts()) {
                prune(place, ty, keep);
            }
            if places.iter().any(Option::is_some) {
                Inner::Tuple(places)
            } else {
                Inner::Nothing
            }
        }
    };
    if c.rules.is_empty() && c.inner == Inner::Nothing {
        *check = None;
    }
}

/// Which types have something to check, themselves or inside (a fixpoint: types may hold each
/// other).
fn checked_types(types: &[TypeDef]) -> HashSet<usize> {
    let mut has: HashSet<usize> = HashSet::default();
    loop {
        let before = has.len();
        for (id, def) in types.iter().enumerate() {
            if has.contains(&id) {
                continue;
            }
            let own = def.checks.as_ref().is_some_and(|c| !c.rules.is_empty());
            let delegates = |check: &Option<Check>, ty: &Ty| {
                check
                    .as_ref()
                    .is_some_and(|c| has_rules(c) || reaches_checked(ty, types, &has))
            };
            let inside = match &def.kind {
                Kind::Struct(s) => s.fields.iter().any(|f| delegates(&f.checks, &f.ty)),
                Kind::Union(u) => u.variants.iter().any(|v| delegates(&v.checks, &v.ty)),
                Kind::Alias(ty) | Kind::Newtype(ty) => delegates(&def.checks, ty),
                Kind::Enum(_) | Kind::Values(_) => false,
            };
            if own || inside {
                has.insert(id);
            }
        }
        if has.len() == before {
            return has;
        }
    }
}

/// Whether a check has a rule anywhere inside it.
fn has_rules(check: &Check) -> bool {
    !check.rules.is_empty()
        || match &check.inner {
            Inner::Nothing | Inner::Delegate => false,
            Inner::Some(c) | Inner::Items(c) | Inner::Values(c) => has_rules(c),
            Inner::Tuple(places) => places.iter().flatten().any(has_rules),
        }
}

/// Whether `ty` holds a type in `has` (through aliases and containers).
fn reaches_checked(ty: &Ty, types: &[TypeDef], has: &HashSet<usize>) -> bool {
    let mut seen = HashSet::default();
    reaches_within(ty, types, has, &mut seen)
}

fn reaches_within(
    ty: &Ty,
    types: &[TypeDef],
    has: &HashSet<usize>,
    seen: &mut HashSet<usize>,
) -> bool {
    match ty {
        Ty::Named(id) => {
            if has.contains(id) {
                return true;
            }
            if !seen.insert(*id) {
                return false;
            }
            match types.get(*id).map(|def| &def.kind) {
                Some(Kind::Alias(inner)) => reaches_within(inner, types, has, seen),
                _ => false,
            }
        }
        Ty::List(item) => reaches_within(item, types, has, seen),
        other => other
            .parts()
            .iter()
            .any(|part| reaches_within(part, types, has, seen)),
    }
}

/// Every rule of the model's checks (to know which runtime modules they use).
pub fn all_rules(model: &Model) -> Vec<&Rule> {
    fn walk<'m>(check: &'m Check, into: &mut Vec<&'m Rule>) {
        into.extend(&check.rules);
        match &check.inner {
            Inner::Nothing | Inner::Delegate => {}
            Inner::Some(c) | Inner::Items(c) | Inner::Values(c) => walk(c, into),
            Inner::Tuple(places) => places.iter().flatten().for_each(|c| walk(c, into)),
        }
    }
    let mut checks: Vec<&Check> = Vec::new();
    for def in &model.types {
        checks.extend(&def.checks);
        match &def.kind {
            Kind::Struct(s) => checks.extend(s.fields.iter().flat_map(|f| &f.checks)),
            Kind::Union(u) => checks.extend(u.variants.iter().flat_map(|v| &v.checks)),
            _ => {}
        }
    }
    for op in &model.operations {
        checks.extend(op.params().flat_map(|p| &p.checks));
        checks.extend(
            op.body
                .iter()
                .flat_map(|b| &b.forms)
                .flat_map(|f| &f.checks),
        );
    }
    let mut rules = Vec::new();
    for check in checks {
        walk(check, &mut rules);
    }
    rules
}

/// Whether an operation checks its request before sending it.
pub fn checks_request(op: &super::Operation) -> bool {
    op.params().any(|p| p.checks.is_some())
        || op
            .body
            .iter()
            .flat_map(|b| &b.forms)
            .any(|f| f.checks.is_some())
}
