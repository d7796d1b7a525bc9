//! The value checks a Rust type cannot carry as typed code: `not`, `if`/`then`/`else`,
//! `contains`, `uniqueItems`, `dependentSchemas`, `propertyNames`, `unevaluated*`, and every
//! check of a place the generated type holds as `serde_json::Value`. The generator writes such a
//! schema as JSON text (its `$ref`s written out in place); this module reads it once and checks
//! the value's JSON against it, as JSON Schema 2020-12 defines each keyword (with the earlier
//! drafts' forms of `items`, `dependencies` and boolean `exclusiveMinimum`). `format` is an
//! annotation here, as in 2020-12; `$dynamicRef` is not followed (the generator warns).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::Serialize;
use serde_json::{Map, Value};

use super::pattern;
use super::validate::{Pointer, Violations, is_multiple};

/// A schema the generated code checks as JSON: where it is in the spec, and its text.
pub struct JsonRule {
    /// `file#pointer` of the schema (violations add the keyword's path inside it).
    schema: &'static str,
    text: &'static str,
    parsed: OnceLock<Value>,
}

impl JsonRule {
    pub const fn new(schema: &'static str, text: &'static str) -> Self {
        JsonRule {
            schema,
            text,
            parsed: OnceLock::new(),
        }
    }

    /// Reports what of `value`, written as JSON, the schema rejects.
    pub fn check<T: Serialize + ?Sized>(&self, value: &T, at: &Pointer, out: &mut Violations) {
        // The generator writes the text from a JSON value: it parses.
        let schema = self
            .parsed
            .get_or_init(|| serde_json::from_str(self.text).unwrap_or(Value::Bool(true)));
        let instance = match serde_json::to_value(value) {
            Ok(instance) => instance,
            Err(err) => {
                let message = format!("cannot be written as JSON: {err}");
                out.push(at, self.schema, "type", message);
                return;
            }
        };
        let mut found = Vec::new();
        walk(
            schema,
            &instance,
            &mut Path::new(schema),
            &mut Some(&mut found),
        );
        for f in found {
            let schema = format!("{}{}", self.schema, f.schema);
            out.push_within(at, &f.instance, schema, f.keyword, f.message);
        }
    }
}

/// One violation, with both pointers relative to where the walk started.
struct Found {
    instance: String,
    schema: String,
    keyword: &'static str,
    message: String,
}

/// How many `$ref`s deep a walk goes in one instance location: a schema that refers to itself
/// without going into the instance (`{"$ref": "#"}`) stops there.
const MAX_REF_DEPTH: usize = 256;

/// Where the walk is: in the instance, and in the schema; the rule's root schema (what a
/// `$ref` of `#<pointer>` names), and how many `$ref`s deep the walk is.
struct Path<'r> {
    instance: String,
    schema: String,
    root: &'r Value,
    depth: usize,
}

impl<'r> Path<'r> {
    fn new(root: &'r Value) -> Self {
        Path {
            instance: String::new(),
            schema: String::new(),
            root,
            depth: 0,
        }
    }

    /// A walk of its own at the same place, whose violations are not reported (`anyOf`,
    /// `oneOf`, `not`, `if`, `contains`).
    fn fresh(&self) -> Path<'r> {
        Path {
            depth: self.depth,
            ..Path::new(self.root)
        }
    }

    fn found(&self, keyword: &'static str, message: String) -> Found {
        Found {
            instance: self.instance.clone(),
            schema: format!("{}/{keyword}", self.schema),
            keyword,
            message,
        }
    }
}

/// What a schema evaluated of an object or array it accepted, for `unevaluated*`.
#[derive(Default)]
struct Evaluated {
    properties: BTreeSet<String>,
    all_properties: bool,
    /// The first items (`prefixItems`).
    items: usize,
    all_items: bool,
    /// Items `contains` matched.
    matched: BTreeSet<usize>,
}

impl Evaluated {
    fn merge(&mut self, other: Evaluated) {
        self.properties.extend(other.properties);
        self.all_properties |= other.all_properties;
        self.items = self.items.max(other.items);
        self.all_items |= other.all_items;
        self.matched.extend(other.matched);
    }
}

/// `Sink`: where violations go; `None` when only whether the value is valid matters.
type Sink<'s> = Option<&'s mut Vec<Found>>;

fn report(sink: &mut Sink<'_>, failed: &mut bool, found: impl FnOnce() -> Found) {
    *failed = true;
    if let Some(sink) = sink {
        sink.push(found());
    }
}

fn is_valid(schema: &Value, instance: &Value, path: &Path<'_>) -> bool {
    walk(schema, instance, &mut path.fresh(), &mut None).is_some()
}

/// Walks `schema` over `instance`: `Some` of what it evaluated when valid, `None` when not
/// (with the violations in `sink`).
fn walk(
    schema: &Value,
    instance: &Value,
    path: &mut Path<'_>,
    sink: &mut Sink<'_>,
) -> Option<Evaluated> {
    let keywords = match schema {
        Value::Bool(true) => return Some(Evaluated::default()),
        Value::Bool(false) => {
            if let Some(sink) = sink {
                sink.push(Found {
                    instance: path.instance.clone(),
                    schema: path.schema.clone(),
                    keyword: "false",
                    message: "no value is valid here (`false`)".into(),
                });
            }
            return None;
        }
        Value::Object(keywords) => keywords,
        _ => return Some(Evaluated::default()),
    };
    let mut failed = false;
    let mut evaluated = Evaluated::default();
    assertions(keywords, instance, path, sink, &mut failed);
    applicators(keywords, instance, path, sink, &mut failed, &mut evaluated);
    match instance {
        Value::Array(items) => array(keywords, items, path, sink, &mut failed, &mut evaluated),
        Value::Object(map) => object(keywords, map, path, sink, &mut failed, &mut evaluated),
        _ => {}
    }
    (!failed).then_some(evaluated)
}

/// Runs `schema` on a part of the instance (`instance_token`) at the keyword path `keyword`.
fn sub(
    schema: &Value,
    instance: &Value,
    path: &mut Path<'_>,
    keyword: &str,
    instance_token: Option<&str>,
    sink: &mut Sink<'_>,
) -> Option<Evaluated> {
    let (schema_len, instance_len) = (path.schema.len(), path.instance.len());
    path.schema.push('/');
    path.schema.push_str(keyword);
    if let Some(token) = instance_token {
        path.instance.push('/');
        for c in token.chars() {
            match c {
                '~' => path.instance.push_str("~0"),
                '/' => path.instance.push_str("~1"),
                c => path.instance.push(c),
            }
        }
    }
    let result = walk(schema, instance, path, sink);
    path.schema.truncate(schema_len);
    path.instance.truncate(instance_len);
    result
}

fn assertions(
    keywords: &Map<String, Value>,
    instance: &Value,
    path: &Path<'_>,
    sink: &mut Sink<'_>,
    failed: &mut bool,
) {
    if let Some(types) = keywords.get("type") {
        let nullable = keywords.get("nullable") == Some(&Value::Bool(true));
        let fits = match types {
            Value::String(name) => has_type(instance, name),
            Value::Array(names) => names
                .iter()
                .any(|name| name.as_str().is_some_and(|name| has_type(instance, name))),
            _ => true,
        };
        // OpenAPI 3.0's `nullable: true` allows `null` beside the type.
        let null_allowed = nullable && instance.is_null();
        if !(fits || null_allowed) {
            report(sink, failed, || {
                path.found("type", format!("{} is not of type {types}", kind(instance)))
            });
        }
    }
    if let Some(Value::Array(values)) = keywords.get("enum") {
        if !values.iter().any(|value| equal(value, instance)) {
            report(sink, failed, || {
                path.found("enum", "not one of the listed values".into())
            });
        }
    }
    if let Some(constant) = keywords.get("const") {
        if !equal(constant, instance) {
            report(sink, failed, || {
                path.found("const", format!("not the constant {constant}"))
            });
        }
    }
    match instance {
        Value::Number(number) => {
            let value = number.as_f64().unwrap_or(f64::NAN);
            numeric(keywords, value, path, sink, failed);
        }
        Value::String(text) => {
            let length = text.chars().count() as u64;
            if let Some(min) = keywords.get("minLength").and_then(count_of) {
                if length < min {
                    report(sink, failed, || {
                        path.found(
                            "minLength",
                            format!("{length} characters, fewer than the minimum {min}"),
                        )
                    });
                }
            }
            if let Some(max) = keywords.get("maxLength").and_then(count_of) {
                if length > max {
                    report(sink, failed, || {
                        path.found(
                            "maxLength",
                            format!("{length} characters, more than the maximum {max}"),
                        )
                    });
                }
            }
            if let Some(Value::String(source)) = keywords.get("pattern") {
                if !pattern::matches(source, text) {
                    report(sink, failed, || {
                        path.found("pattern", format!("does not match the pattern `{source}`"))
                    });
                }
            }
        }
        _ => {}
    }
}

fn numeric(
    keywords: &Map<String, Value>,
    value: f64,
    path: &Path<'_>,
    sink: &mut Sink<'_>,
    failed: &mut bool,
) {
    let number = |key: &str| keywords.get(key).and_then(Value::as_f64);
    let flag = |key: &str| keywords.get(key) == Some(&Value::Bool(true));
    if let Some(min) = number("minimum") {
        // Draft 04 and OpenAPI 3.0: `exclusiveMinimum: true` makes `minimum` exclusive.
        if flag("exclusiveMinimum") && value <= min {
            report(sink, failed, || {
                path.found(
                    "minimum",
                    format!("{value} is not greater than the exclusive minimum {min}"),
                )
            });
        } else if value < min {
            report(sink, failed, || {
                path.found("minimum", format!("{value} is less than the minimum {min}"))
            });
        }
    }
    if let Some(max) = number("maximum") {
        if flag("exclusiveMaximum") && value >= max {
            report(sink, failed, || {
                path.found(
                    "maximum",
                    format!("{value} is not less than the exclusive maximum {max}"),
                )
            });
        } else if value > max {
            report(sink, failed, || {
                path.found(
                    "maximum",
                    format!("{value} is greater than the maximum {max}"),
                )
            });
        }
    }
    if let Some(min) = number("exclusiveMinimum") {
        if value <= min {
            report(sink, failed, || {
                path.found(
                    "exclusiveMinimum",
                    format!("{value} is not greater than {min}"),
                )
            });
        }
    }
    if let Some(max) = number("exclusiveMaximum") {
        if value >= max {
            report(sink, failed, || {
                path.found(
                    "exclusiveMaximum",
                    format!("{value} is not less than {max}"),
                )
            });
        }
    }
    if let Some(divisor) = number("multipleOf") {
        if !is_multiple(value, divisor) {
            report(sink, failed, || {
                path.found(
                    "multipleOf",
                    format!("{value} is not a multiple of {divisor}"),
                )
            });
        }
    }
}

fn applicators(
    keywords: &Map<String, Value>,
    instance: &Value,
    path: &mut Path<'_>,
    sink: &mut Sink<'_>,
    failed: &mut bool,
    evaluated: &mut Evaluated,
) {
    // `#<pointer>` within the rule: where the generator wrote a recursive `$ref`.
    if let Some(Value::String(reference)) = keywords.get("$ref") {
        let target = reference
            .strip_prefix('#')
            .and_then(|p| path.root.pointer(p));
        if let Some(target) = target.filter(|_| path.depth < MAX_REF_DEPTH) {
            path.depth += 1;
            let found = sub(target, instance, path, "$ref", None, sink);
            path.depth -= 1;
            match found {
                Some(found) => evaluated.merge(found),
                None => *failed = true,
            }
        }
    }
    if let Some(Value::Array(members)) = keywords.get("allOf") {
        for (i, member) in members.iter().enumerate() {
            match sub(member, instance, path, &format!("allOf/{i}"), None, sink) {
                Some(found) => evaluated.merge(found),
                None => *failed = true,
            }
        }
    }
    if let Some(Value::Array(members)) = keywords.get("anyOf") {
        let mut any = false;
        for member in members {
            // Every member that matches counts for `unevaluated*`.
            if let Some(found) = walk(member, instance, &mut path.fresh(), &mut None) {
                evaluated.merge(found);
                any = true;
            }
        }
        if !any {
            report(sink, failed, || {
                path.found("anyOf", "matches none of the schemas".into())
            });
        }
    }
    if let Some(Value::Array(members)) = keywords.get("oneOf") {
        let mut matching = members
            .iter()
            .filter_map(|member| walk(member, instance, &mut path.fresh(), &mut None));
        match (matching.next(), matching.next()) {
            (Some(found), None) => evaluated.merge(found),
            (None, _) => report(sink, failed, || {
                path.found("oneOf", "matches none of the schemas".into())
            }),
            (Some(_), Some(_)) => report(sink, failed, || {
                path.found("oneOf", "matches more than one of the schemas".into())
            }),
        }
    }
    if let Some(not) = keywords.get("not") {
        if is_valid(not, instance, path) {
            report(sink, failed, || {
                path.found("not", "matches the schema of `not`".into())
            });
        }
    }
    if let Some(condition) = keywords.get("if") {
        let branch = match walk(condition, instance, &mut path.fresh(), &mut None) {
            Some(found) => {
                evaluated.merge(found);
                keywords.get("then").map(|then| (then, "then"))
            }
            None => keywords.get("else").map(|other| (other, "else")),
        };
        if let Some((schema, keyword)) = branch {
            match sub(schema, instance, path, keyword, None, sink) {
                Some(found) => evaluated.merge(found),
                None => *failed = true,
            }
        }
    }
    if let Some(Value::Object(dependent)) = keywords.get("dependentSchemas") {
        if let Value::Object(map) = instance {
            for (key, schema) in dependent {
                if map.contains_key(key) {
                    let keyword = format!("dependentSchemas/{}", escape(key));
                    match sub(schema, instance, path, &keyword, None, sink) {
                        Some(found) => evaluated.merge(found),
                        None => *failed = true,
                    }
                }
            }
        }
    }
}

fn array(
    keywords: &Map<String, Value>,
    items: &[Value],
    path: &mut Path<'_>,
    sink: &mut Sink<'_>,
    failed: &mut bool,
    evaluated: &mut Evaluated,
) {
    let count = items.len() as u64;
    if let Some(min) = keywords.get("minItems").and_then(count_of) {
        if count < min {
            report(sink, failed, || {
                path.found(
                    "minItems",
                    format!("{count} items, fewer than the minimum {min}"),
                )
            });
        }
    }
    if let Some(max) = keywords.get("maxItems").and_then(count_of) {
        if count > max {
            report(sink, failed, || {
                path.found(
                    "maxItems",
                    format!("{count} items, more than the maximum {max}"),
                )
            });
        }
    }
    if keywords.get("uniqueItems") == Some(&Value::Bool(true)) {
        let repeated = (1..items.len()).find(|&j| (0..j).any(|i| equal(&items[i], &items[j])));
        if let Some(j) = repeated {
            report(sink, failed, || {
                path.found("uniqueItems", format!("item {j} repeats an earlier item"))
            });
        }
    }
    // `prefixItems`, or (drafts before 2020-12) `items` as an array with `additionalItems`.
    let (prefix, prefix_key, rest, rest_key) =
        match (keywords.get("prefixItems"), keywords.get("items")) {
            (Some(Value::Array(prefix)), rest) => (prefix.as_slice(), "prefixItems", rest, "items"),
            (None, Some(Value::Array(prefix))) => (
                prefix.as_slice(),
                "items",
                keywords.get("additionalItems"),
                "additionalItems",
            ),
            (_, rest) => (&[][..], "prefixItems", rest, "items"),
        };
    for (i, (schema, item)) in prefix.iter().zip(items).enumerate() {
        let index = i.to_string();
        if sub(
            schema,
            item,
            path,
            &format!("{prefix_key}/{i}"),
            Some(&index),
            sink,
        )
        .is_none()
        {
            *failed = true;
        }
    }
    evaluated.items = evaluated.items.max(prefix.len().min(items.len()));
    if let Some(rest) = rest {
        for (i, item) in items.iter().enumerate().skip(prefix.len()) {
            if sub(rest, item, path, rest_key, Some(&i.to_string()), sink).is_none() {
                *failed = true;
            }
        }
        evaluated.all_items = true;
    }
    if let Some(contains) = keywords.get("contains") {
        let matching: Vec<usize> = (0..items.len())
            .filter(|&i| is_valid(contains, &items[i], path))
            .collect();
        let found = matching.len() as u64;
        let min = keywords
            .get("minContains")
            .and_then(Value::as_u64)
            .unwrap_or(1);
        let max = keywords.get("maxContains").and_then(count_of);
        if found < min {
            let keyword = if keywords.contains_key("minContains") {
                "minContains"
            } else {
                "contains"
            };
            report(sink, failed, || {
                path.found(
                    keyword,
                    format!("{found} items match `contains`, fewer than {min}"),
                )
            });
        }
        if let Some(max) = max.filter(|&max| found > max) {
            report(sink, failed, || {
                path.found(
                    "maxContains",
                    format!("{found} items match `contains`, more than {max}"),
                )
            });
        }
        // Items `contains` matched are evaluated (2020-12).
        evaluated.matched.extend(matching);
    }
    if let Some(unevaluated) = keywords.get("unevaluatedItems") {
        if !evaluated.all_items {
            let unseen = items
                .iter()
                .enumerate()
                .skip(evaluated.items)
                .filter(|(i, _)| !evaluated.matched.contains(i));
            for (i, item) in unseen {
                if sub(
                    unevaluated,
                    item,
                    path,
                    "unevaluatedItems",
                    Some(&i.to_string()),
                    sink,
                )
                .is_none()
                {
                    *failed = true;
                }
            }
        }
        evaluated.all_items = true;
    }
}

fn object(
    keywords: &Map<String, Value>,
    map: &Map<String, Value>,
    path: &mut Path<'_>,
    sink: &mut Sink<'_>,
    failed: &mut bool,
    evaluated: &mut Evaluated,
) {
    let count = map.len() as u64;
    if let Some(min) = keywords.get("minProperties").and_then(count_of) {
        if count < min {
            report(sink, failed, || {
                path.found(
                    "minProperties",
                    format!("{count} properties, fewer than the minimum {min}"),
                )
            });
        }
    }
    if let Some(max) = keywords.get("maxProperties").and_then(count_of) {
        if count > max {
            report(sink, failed, || {
                path.found(
                    "maxProperties",
                    format!("{count} properties, more than the maximum {max}"),
                )
            });
        }
    }
    if let Some(Value::Array(required)) = keywords.get("required") {
        for key in required.iter().filter_map(Value::as_str) {
            if !map.contains_key(key) {
                report(sink, failed, || {
                    path.found("required", format!("the property `{key}` is missing"))
                });
            }
        }
    }
    let dependent_required = keywords
        .get("dependentRequired")
        .into_iter()
        .map(|d| (d, "dependentRequired"));
    let dependencies = keywords
        .get("dependencies")
        .into_iter()
        .map(|d| (d, "dependencies"));
    for (dependent, keyword) in dependent_required.chain(dependencies) {
        let Value::Object(dependent) = dependent else {
            continue;
        };
        for (key, needs) in dependent.iter().filter(|(key, _)| map.contains_key(*key)) {
            match needs {
                Value::Array(needs) => {
                    for needed in needs.iter().filter_map(Value::as_str) {
                        if !map.contains_key(needed) {
                            report(sink, failed, || {
                                path.found(
                                    keyword,
                                    format!("`{key}` is present, so `{needed}` must be"),
                                )
                            });
                        }
                    }
                }
                // Draft 7's `dependencies` with a schema: `dependentSchemas`.
                schema => {
                    let instance = Value::Object(map.clone());
                    let keyword = format!("{keyword}/{}", escape(key));
                    match sub(schema, &instance, path, &keyword, None, sink) {
                        Some(found) => evaluated.merge(found),
                        None => *failed = true,
                    }
                }
            }
        }
    }
    if let Some(names) = keywords.get("propertyNames") {
        for key in map.keys() {
            let name = Value::String(key.clone());
            if sub(names, &name, path, "propertyNames", Some(key), sink).is_none() {
                *failed = true;
            }
        }
    }
    let properties = keywords.get("properties").and_then(Value::as_object);
    let patterns = keywords.get("patternProperties").and_then(Value::as_object);
    for (key, value) in map {
        let mut listed = false;
        if let Some(schema) = properties.and_then(|p| p.get(key)) {
            listed = true;
            let keyword = format!("properties/{}", escape(key));
            if sub(schema, value, path, &keyword, Some(key), sink).is_none() {
                *failed = true;
            }
        }
        for (source, schema) in patterns.into_iter().flatten() {
            if pattern::matches(source, key) {
                listed = true;
                let keyword = format!("patternProperties/{}", escape(source));
                if sub(schema, value, path, &keyword, Some(key), sink).is_none() {
                    *failed = true;
                }
            }
        }
        if listed {
            evaluated.properties.insert(key.clone());
        } else if let Some(additional) = keywords.get("additionalProperties") {
            evaluated.properties.insert(key.clone());
            if sub(
                additional,
                value,
                path,
                "additionalProperties",
                Some(key),
                sink,
            )
            .is_none()
            {
                *failed = true;
            }
        }
    }
    if let Some(unevaluated) = keywords.get("unevaluatedProperties") {
        if !evaluated.all_properties {
            for (key, value) in map {
                if !evaluated.properties.contains(key)
                    && sub(
                        unevaluated,
                        value,
                        path,
                        "unevaluatedProperties",
                        Some(key),
                        sink,
                    )
                    .is_none()
                {
                    *failed = true;
                }
            }
        }
        evaluated.all_properties = true;
    }
}

/// A count keyword's value: a non-negative integer, also written as one (`2.0`).
fn count_of(value: &Value) -> Option<u64> {
    value.as_u64().or_else(|| {
        let float = value.as_f64()?;
        (float >= 0.0 && float.fract() == 0.0).then_some(float as u64)
    })
}

fn has_type(instance: &Value, name: &str) -> bool {
    match (name, instance) {
        ("null", Value::Null)
        | ("boolean", Value::Bool(_))
        | ("string", Value::String(_))
        | ("array", Value::Array(_))
        | ("object", Value::Object(_))
        | ("number", Value::Number(_)) => true,
        // `1.0` is an integer, as JSON Schema counts them.
        ("integer", Value::Number(n)) => {
            n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        _ => false,
    }
}

/// JSON Schema's equality: numbers by value (`1` equals `1.0`), objects without order.
fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| equal(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, value)| y.get(key).is_some_and(|other| equal(value, other)))
        }
        _ => a == b,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A JSON pointer token.
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn violations(schema: Value, instance: Value) -> Vec<(String, String, &'static str)> {
        let text: &'static str = Box::leak(schema.to_string().into_boxed_str());
        let rule = JsonRule::new("s.json#/x", text);
        let mut out = Violations::default();
        rule.check(&instance, &Pointer::default(), &mut out);
        out.into_iter()
            .map(|v| (v.instance, v.schema, v.keyword))
            .collect()
    }

    #[test]
    fn reports_each_violation_with_both_pointers() {
        let schema =
            json!({"properties": {"a": {"minLength": 2}, "b": {"not": {"type": "integer"}}}});
        let found = violations(schema, json!({"a": "x", "b": 1}));
        assert_eq!(
            found,
            [
                (
                    "/a".to_string(),
                    "s.json#/x/properties/a/minLength".to_string(),
                    "minLength"
                ),
                (
                    "/b".to_string(),
                    "s.json#/x/properties/b/not".to_string(),
                    "not"
                ),
            ]
        );
    }

    #[test]
    fn conditionals_contains_and_uniqueness() {
        let schema =
            json!({"if": {"minimum": 10}, "then": {"multipleOf": 5}, "else": {"maximum": 3}});
        assert!(violations(schema.clone(), json!(15)).is_empty());
        assert_eq!(violations(schema.clone(), json!(12))[0].2, "multipleOf");
        assert_eq!(violations(schema, json!(5))[0].1, "s.json#/x/else/maximum");
        let schema = json!({"contains": {"const": 1}, "maxContains": 1, "uniqueItems": true});
        assert_eq!(violations(schema.clone(), json!([2]))[0].2, "contains");
        assert!(violations(schema.clone(), json!([1, 2])).is_empty());
        let keywords: Vec<_> = violations(schema, json!([1, 1.0]))
            .into_iter()
            .map(|v| v.2)
            .collect();
        assert_eq!(keywords, ["uniqueItems", "maxContains"]);
    }

    #[test]
    fn unevaluated_properties_see_what_applicators_evaluated() {
        let schema = json!({
            "properties": {"a": true},
            "anyOf": [{"properties": {"b": true}}, {"properties": {"c": true}}],
            "unevaluatedProperties": false
        });
        assert!(violations(schema.clone(), json!({"a": 1, "b": 2, "c": 3})).is_empty());
        assert_eq!(violations(schema, json!({"a": 1, "d": 2}))[0].0, "/d");
    }

    #[test]
    fn a_ref_within_the_rule_recurses_into_the_instance() {
        let schema = json!({"properties": {"x": {"$ref": "#"}}, "unevaluatedProperties": false});
        assert!(violations(schema.clone(), json!({"x": {"x": {}}})).is_empty());
        let found = violations(schema, json!({"x": {"x": {"y": 1}}}));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "/x/x/y");
        assert_eq!(found[0].2, "false");
        // Recursion that does not go into the instance stops, and decides nothing.
        assert!(violations(json!({"$ref": "#"}), json!(1)).is_empty());
    }

    #[test]
    fn items_contains_matched_are_evaluated() {
        let schema =
            json!({"contains": {"type": "string"}, "unevaluatedItems": {"type": "integer"}});
        assert!(violations(schema.clone(), json!([1, "a", 2, "b"])).is_empty());
        assert_eq!(violations(schema, json!([1, "a", true]))[0].0, "/2");
    }

    #[test]
    fn earlier_drafts_forms() {
        let schema = json!({"items": [{"type": "string"}], "additionalItems": false});
        assert!(violations(schema.clone(), json!(["a"])).is_empty());
        assert_eq!(
            violations(schema, json!(["a", 1]))[0].1,
            "s.json#/x/additionalItems"
        );
        let schema = json!({"minimum": 1, "exclusiveMinimum": true, "dependencies": {"a": ["b"]}});
        assert_eq!(violations(schema.clone(), json!(1))[0].2, "minimum");
        assert_eq!(violations(schema, json!({"a": 1}))[0].2, "dependencies");
    }
}
