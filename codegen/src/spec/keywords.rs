//! Reading a schema object: every key through one table ([`Schema::read`]), with the checks of
//! each keyword's shape.

use serde_json::{Map, Value};

use super::schema::{Annotations, Assertions, Bound, Discriminator, Schema, Taken, Types};
use super::schema::{examples, kind};
use crate::load::Node;

/// Valid keywords that change which values are valid in ways no generated type follows, and
/// what the generated type does instead: each is a warning (an error with `strict = true`).
const NOT_MODELLED: &[(&str, &str)] = &[
    ("if", IF),
    ("then", IF),
    ("else", IF),
    ("$dynamicRef", DYNAMIC),
    ("$recursiveRef", DYNAMIC),
    ("$recursiveAnchor", DYNAMIC),
    ("dependentSchemas", DEPENDENT),
    (
        "unevaluatedProperties",
        "decoding keeps the properties the struct does not list, whatever this says, and `validate()` checks them against it",
    ),
    (
        "unevaluatedItems",
        "decoding reads the items as `items` says, whatever this says, and `validate()` checks them against it",
    ),
];

const IF: &str =
    "the generated type accepts the values the condition would reject (`oneOf` is modelled)";
const DYNAMIC: &str = "the reference is not followed, as what it names depends on the path the evaluation took, which a generated type does not have: the generated type accepts any value there";
const DEPENDENT: &str = "the generated type accepts the values these conditions would reject";

/// The warning for `not` outside a union's members (there it restates that they exclude each
/// other, which the generated enum does).
pub const NOT_MESSAGE: &str = "JSON Schema keyword `not` is not modelled: the generated type cannot exclude values, so it accepts those `not` rejects";

impl<'a> Schema<'a> {
    /// Reads the schema at `node`: every key through the one table below.
    pub fn read(node: Node<'a>) -> Schema<'a> {
        let mut schema = Schema {
            boolean: node.value.as_bool(),
            node: node.clone(),
            reference: None,
            types: None,
            nullable: false,
            format: None,
            enumeration: None,
            constant: None,
            default: None,
            properties: None,
            required: Vec::new(),
            additional_properties: None,
            pattern_properties: Vec::new(),
            items: None,
            prefix_items: None,
            additional_items: None,
            all_of: None,
            one_of: None,
            any_of: None,
            not: None,
            discriminator: None,
            title: None,
            description: None,
            examples: Vec::new(),
            defs: Vec::new(),
            assertions: Assertions::default(),
            annotations: Annotations::default(),
            extensions: Vec::new(),
            documents_only: node.value == &Value::Bool(true),
            taken: Vec::new(),
            problems: Vec::new(),
            warnings: Vec::new(),
        };
        let map = match node.value {
            Value::Object(map) => map,
            // `true`/`false` schemas (3.1) are allowed where a schema is; they carry no keywords.
            Value::Bool(_) => return schema,
            other => {
                schema.problems.push((
                    String::new(),
                    format!("expected a schema (an object), found {}", kind(other)),
                ));
                return schema;
            }
        };
        let mut exclusive = (None, None);
        // Drafts 07 and earlier read a `$ref` alone: "All other properties in a "$ref" object
        // MUST be ignored" (its docs and definitions are kept: they constrain nothing).
        let ref_alone = schema.node.reading.draft.ref_overrides_siblings()
            && map.get("$ref").is_some_and(Value::is_string);
        for (key, value) in map {
            let taken = match ref_alone && !kept_beside_ref(key) {
                true => Taken::Ignored,
                false => schema.keyword(key, value, &mut exclusive),
            };
            schema.taken.push((key.as_str(), taken));
        }
        schema.bounds(exclusive);
        // `additionalItems` is the rest of a tuple written as an `items` array, and means
        // nothing beside any other `items` (drafts 4 to 2019-09; 2020-12 has no such keyword).
        let rest = schema.additional_items.take();
        if map.get("items").is_some_and(Value::is_array) {
            schema.items = rest;
        }
        schema.documents_only = schema.taken.iter().all(|(key, taken)| {
            *taken == Taken::Extension
                || matches!(
                    *key,
                    "description"
                        | "title"
                        | "example"
                        | "examples"
                        | "deprecated"
                        | "readOnly"
                        | "writeOnly"
                        | "$comment"
                )
        });
        schema
    }

    /// The table: what one key means. `exclusive` collects the numeric forms of
    /// `exclusiveMinimum`/`exclusiveMaximum`, which combine with `minimum`/`maximum` after.
    #[rustfmt::skip]
    fn keyword(
        &mut self,
        key: &'a str,
        value: &'a Value,
        exclusive: &mut (Option<&'a Value>, Option<&'a Value>),
    ) -> Taken {
        use Taken::*;
        let here = self.node.clone();
        let node = || here.child(key).expect("a key of this object");
        let string = value.as_str();
        let count = value.as_u64();
        let flag = value == &Value::Bool(true);
        let reading = self.node.reading;
        // A keyword of a later draft than the document's is an unknown keyword there, which
        // changes nothing (draft 07's `dependentRequired`, 2019-09's `prefixItems`).
        if let Some(since) = reading.draft.later_keyword(key) {
            let message = format!(
                "`{key}` is no keyword of {} (the document's `$schema`): it came in {}, and is ignored here",
                reading.draft.name(),
                since.name()
            );
            self.warn(key, message);
            // Without effect, as the draft says (so no value check holds it either).
            return Ignored;
        }
        // 2019-09's `$recursiveRef` leads where `$ref: "#"` does unless another
        // `$recursiveAnchor: true` schema may be the value's outer scope (`load/dialect.rs`).
        let recursion = reading.draft.has_recursive_ref() && !reading.dynamic_recursion;
        match key {
            "$ref" => self.expect(key, string, "a string (a reference such as `#/components/schemas/Name`)", |s, v| s.reference = Some(v)),
            "type" => self.types(value),
            "format" => self.expect(key, string, "a string", |s, v| s.format = Some(v)),
            "title" => self.expect(key, string, "a string", |s, v| s.title = Some(v)),
            "description" => self.expect(key, string, "a string", |s, v| s.description = Some(v)),
            "enum" => self.expect(key, value.as_array().map(Vec::as_slice), "an array", |s, v| s.enumeration = Some(v)),
            "const" => { self.constant = Some(value); Modelled }
            "default" => { self.default = Some(value); Modelled }
            "nullable" => self.expect(key, value.as_bool(), "`true` or `false`", |s, v| s.nullable = v),
            "properties" => {
                let properties = value.as_object().map(|map| named(&node(), map));
                let ok = properties.is_some();
                self.properties = Some(properties.unwrap_or_default());
                self.shape(key, ok, "an object of property schemas")
            }
            "required" => self.required(value),
            "additionalProperties" => self.subschema(key, value, |s, n| s.additional_properties = Some(n)),
            // An array of schemas is a tuple (drafts before 2020-12); the rest is then
            // `additionalItems` (see `read`).
            "items" if value.is_array() => { self.prefix_items = Some(members(&node(), value)); Modelled }
            "items" => self.subschema(key, value, |s, n| s.items = Some(n)),
            "prefixItems" => { self.prefix_items = Some(members(&node(), value)); self.shape(key, value.is_array(), "an array") }
            "additionalItems" => self.subschema(key, value, |s, n| s.additional_items = Some(n)),
            "patternProperties" => { self.pattern_properties = value.as_object().map(|map| named(&node(), map)).unwrap_or_default(); Modelled }
            "allOf" => { self.all_of = Some(members(&node(), value)); self.shape(key, value.is_array(), "an array") }
            "oneOf" => { self.one_of = Some(members(&node(), value)); self.shape(key, value.is_array(), "an array") }
            "anyOf" => { self.any_of = Some(members(&node(), value)); self.shape(key, value.is_array(), "an array") }
            "not" => { self.not = Some(node()); Modelled }
            "discriminator" => self.discriminator(value),
            "example" => { self.examples.push((format!("{}/example", self.node.pointer), value)); Modelled }
            "examples" => { self.examples.extend(examples(&self.node, value)); self.shape(key, value.is_array(), "an array") }
            "$defs" | "definitions" => { self.defs.extend(value.as_object().map(|map| named(&node(), map)).unwrap_or_default()); Annotation }
            "$schema" => { self.annotations.dialect = string; Annotation }
            "$id" => { self.annotations.id = string; Annotation }
            // Draft 04's `$id` (`load/ids.rs` reads it where the document's `$schema` is 04).
            "id" if value.is_string() => Annotation,
            "$anchor" => { self.annotations.anchor = string; Annotation }
            // Indexed by `load/ids.rs` (a plain anchor too), bound by `load/dynamic.rs`.
            "$dynamicAnchor" if value.is_string() => Annotation,
            "$comment" => { self.annotations.comment = string; Annotation }
            "summary" => { self.annotations.summary = string; Annotation }
            "deprecated" => { self.annotations.deprecated = flag; Annotation }
            "readOnly" => { self.annotations.read_only = flag; Annotation }
            "writeOnly" => { self.annotations.write_only = flag; Annotation }
            "externalDocs" => { self.annotations.external_docs = Some(value); Annotation }
            "xml" => { self.annotations.xml = Some(value); Annotation }
            "contentMediaType" => { self.annotations.content_media_type = string; Annotation }
            "contentEncoding" => { self.annotations.content_encoding = string; Annotation }
            "contentSchema" => { self.annotations.content_schema = Some(node()); Annotation }
            "minimum" => { self.assertions.minimum = value.as_number().map(|value| Bound { value, exclusive: false }); Assertion }
            "maximum" => { self.assertions.maximum = value.as_number().map(|value| Bound { value, exclusive: false }); Assertion }
            "exclusiveMinimum" => { exclusive.0 = Some(value); Assertion }
            "exclusiveMaximum" => { exclusive.1 = Some(value); Assertion }
            "multipleOf" => { self.assertions.multiple_of = value.as_number(); Assertion }
            "minLength" => { self.assertions.min_length = count; Assertion }
            "maxLength" => { self.assertions.max_length = count; Assertion }
            "pattern" => { self.assertions.pattern = string; Assertion }
            "minItems" => { self.assertions.min_items = count; Assertion }
            "maxItems" => { self.assertions.max_items = count; Assertion }
            "uniqueItems" => { self.assertions.unique_items = flag; Assertion }
            "contains" => { self.assertions.contains = Some(node()); Assertion }
            "minContains" => { self.assertions.min_contains = count; Assertion }
            "maxContains" => { self.assertions.max_contains = count; Assertion }
            "minProperties" => { self.assertions.min_properties = count; Assertion }
            "maxProperties" => { self.assertions.max_properties = count; Assertion }
            "propertyNames" => { self.assertions.property_names = Some(node()); Assertion }
            "dependentRequired" => { self.assertions.dependent_required.extend(dependent_required(value)); Assertion }
            "dependencies" => self.dependencies(value),
            "$recursiveRef" if recursion => self.expect(key, string, "a string (`#`)", |s, v| s.reference = Some(v)),
            "$recursiveAnchor" if recursion && value.is_boolean() => Annotation,
            "$recursiveAnchor" if recursion => self.shape(key, false, "`true` or `false`"),
            _ if key.starts_with("x-") => { self.extensions.push((key, value)); Extension }
            _ => {
                let message = match NOT_MODELLED.iter().find(|(name, _)| *name == key) {
                    Some((_, what)) => format!("JSON Schema keyword `{key}` is not modelled: {what}"),
                    None => format!("unknown schema keyword `{key}` is ignored: expected a JSON Schema keyword (such as `type`, `properties`, `items`, `enum`) or an `x-` extension"),
                };
                self.warn(key, message);
                Reported
            }
        }
    }

    /// `dependencies` (drafts 04 to 07; read in every draft, as 2019-09 asks schema authors not
    /// to give the name another meaning): a property's array of names is `dependentRequired`
    /// (an assertion), a schema is `dependentSchemas` (not modelled).
    fn dependencies(&mut self, value: &'a Value) -> Taken {
        let key = "dependencies";
        let expected = "an object of property names to arrays of names or schemas";
        let Some(map) = value.as_object() else {
            return self.shape(key, false, expected);
        };
        let mut schemas = false;
        for (name, entry) in map {
            match entry {
                Value::Array(names) => self.assertions.dependent_required.push((
                    name.as_str(),
                    names.iter().filter_map(Value::as_str).collect(),
                )),
                // `true` and `{}` let every value through.
                Value::Bool(true) => {}
                Value::Object(map) if map.is_empty() => {}
                Value::Bool(false) | Value::Object(_) => schemas = true,
                _ => return self.shape(key, false, expected),
            }
        }
        if !schemas {
            return Taken::Assertion;
        }
        let message = format!(
            "JSON Schema keyword `dependencies` with schemas (`dependentSchemas` since 2019-09) is not modelled: {DEPENDENT}"
        );
        self.warn(key, message);
        Taken::Reported
    }

    /// A keyword whose value must have one shape: `read` it, or report what was expected.
    fn expect<T>(
        &mut self,
        key: &str,
        value: Option<T>,
        expected: &str,
        set: impl FnOnce(&mut Self, T),
    ) -> Taken {
        match value {
            Some(value) => {
                set(self, value);
                Taken::Modelled
            }
            None => self.shape(key, false, expected),
        }
    }

    fn shape(&mut self, key: &str, ok: bool, expected: &str) -> Taken {
        if ok {
            return Taken::Modelled;
        }
        let found = kind(&self.node.value[key]);
        self.report(key, format!("`{key}` must be {expected}, found {found}"));
        Taken::Reported
    }

    fn report(&mut self, key: &str, message: String) {
        self.problems
            .push((format!("/{}", crate::load::escape(key)), message));
    }

    fn warn(&mut self, key: &str, message: String) {
        self.warnings
            .push((format!("/{}", crate::load::escape(key)), message));
    }

    fn subschema(
        &mut self,
        key: &str,
        value: &Value,
        set: impl FnOnce(&mut Self, Node<'a>),
    ) -> Taken {
        let ok = value.is_object() || value.is_boolean();
        if ok {
            let node = self.node.child(key).expect("a key of this object");
            set(self, node);
        }
        self.shape(key, ok, "a schema (an object) or a boolean")
    }

    fn types(&mut self, value: &'a Value) -> Taken {
        match value {
            Value::String(one) => self.types = Some(Types::One(one)),
            Value::Array(names) => {
                for (index, item) in names.iter().enumerate() {
                    if !item.is_string() {
                        self.problems.push((
                            format!("/type/{index}"),
                            format!("expected a type name (a string), found {}", kind(item)),
                        ));
                    }
                }
                self.types = Some(Types::Many(
                    names.iter().filter_map(Value::as_str).collect(),
                ));
            }
            _ => return self.shape("type", false, "a type name or an array of type names"),
        }
        Taken::Modelled
    }

    fn required(&mut self, value: &'a Value) -> Taken {
        let Some(names) = value.as_array() else {
            return self.shape("required", false, "an array");
        };
        for (index, item) in names.iter().enumerate() {
            match item.as_str() {
                Some(name) => self.required.push(name),
                None => self.problems.push((
                    format!("/required/{index}"),
                    format!(
                        "`required` lists property names: expected a string, found {}",
                        kind(item)
                    ),
                )),
            }
        }
        Taken::Modelled
    }

    fn discriminator(&mut self, value: &'a Value) -> Taken {
        let Some(map) = value.as_object() else {
            return self.shape("discriminator", false, "an object");
        };
        self.discriminator = Some(Discriminator {
            property_name: map.get("propertyName").and_then(Value::as_str),
            mapping: map
                .get("mapping")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .filter_map(|(k, v)| Some((k.as_str(), v.as_str()?)))
                .collect(),
        });
        Taken::Modelled
    }

    /// `exclusiveMinimum`/`exclusiveMaximum`: 3.0's boolean makes `minimum`/`maximum`
    /// exclusive; 3.1's number is a bound of its own (the stricter of the two wins).
    fn bounds(&mut self, (low, high): (Option<&'a Value>, Option<&'a Value>)) {
        let combine = |bound: &mut Option<Bound<'a>>, exclusive: Option<&'a Value>, lower: bool| {
            match exclusive {
                Some(Value::Bool(flag)) => {
                    if let Some(bound) = bound {
                        bound.exclusive = *flag;
                    }
                }
                Some(Value::Number(value)) => {
                    let stricter = bound.as_ref().is_none_or(|b| {
                        let (new, old) = (value.as_f64(), b.value.as_f64());
                        if lower { new >= old } else { new <= old }
                    });
                    if stricter {
                        *bound = Some(Bound {
                            value,
                            exclusive: true,
                        });
                    }
                }
                _ => {}
            }
        };
        combine(&mut self.assertions.minimum, low, true);
        combine(&mut self.assertions.maximum, high, false);
    }
}

/// The keys of a schema with a `$ref` that drafts 07 and earlier still read: those that
/// constrain nothing (docs, definitions, extensions).
fn kept_beside_ref(key: &str) -> bool {
    matches!(
        key,
        "$ref"
            | "$schema"
            | "$comment"
            | "$defs"
            | "definitions"
            | "title"
            | "description"
            | "examples"
            | "deprecated"
            | "readOnly"
            | "writeOnly"
    ) || key.starts_with("x-")
}

/// The subschemas of an object of names (`properties`, `$defs`), in the document's order.
fn named<'a>(owner: &Node<'a>, map: &'a Map<String, Value>) -> Vec<(&'a str, Node<'a>)> {
    map.keys()
        .filter_map(|key| Some((key.as_str(), owner.child(key)?)))
        .collect()
}

/// The members of `allOf`/`oneOf`/`anyOf` (none when it is no array).
fn members<'a>(owner: &Node<'a>, value: &Value) -> Vec<Node<'a>> {
    let count = value.as_array().map_or(0, Vec::len);
    (0..count)
        .filter_map(|index| owner.child(&index.to_string()))
        .collect()
}

/// `dependentRequired`: each property and the properties it requires.
fn dependent_required(value: &Value) -> Vec<(&str, Vec<&str>)> {
    value
        .as_object()
        .into_iter()
        .flatten()
        .map(|(key, names)| {
            let names = names.as_array().into_iter().flatten();
            (key.as_str(), names.filter_map(Value::as_str).collect())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::load::{Draft, Reading};

    fn read(draft: Draft, dynamic_recursion: bool, value: &Value) -> Schema<'_> {
        let reading = Reading {
            draft,
            dynamic_recursion,
        };
        Schema::read(Node {
            file: "schema.json",
            pointer: String::new(),
            value,
            reading,
        })
    }

    fn taken<'a>(schema: &Schema<'a>, key: &str) -> Option<Taken> {
        schema
            .taken
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, t)| *t)
    }

    #[test]
    fn drafts_up_to_07_ignore_the_siblings_of_a_ref() {
        let value = json!({
            "$ref": "#/definitions/list",
            "maxItems": 2,
            "type": "string",
            "description": "kept",
            "definitions": {"list": {"type": "array"}}
        });
        for draft in [Draft::Draft4, Draft::Draft6, Draft::Draft7] {
            let schema = read(draft, false, &value);
            assert_eq!(schema.reference, Some("#/definitions/list"));
            assert_eq!(schema.assertions.max_items, None, "{draft:?}");
            assert_eq!(schema.types, None);
            assert_eq!(taken(&schema, "maxItems"), Some(Taken::Ignored));
            assert_eq!(schema.description, Some("kept"));
            assert_eq!(schema.defs.len(), 1);
            assert!(schema.warnings.is_empty() && schema.problems.is_empty());
        }
        // From 2019-09 on (and where no draft is named) the siblings apply.
        for draft in [Draft::Draft2019, Draft::Draft2020, Draft::Any] {
            let schema = read(draft, false, &value);
            assert_eq!(schema.assertions.max_items, Some(2), "{draft:?}");
            assert_eq!(taken(&schema, "maxItems"), Some(Taken::Assertion));
        }
    }

    #[test]
    fn dependencies_are_dependent_required_or_dependent_schemas() {
        let names = json!({"dependencies": {"bar": ["foo"], "baz": [], "ok": true}});
        for draft in [Draft::Draft7, Draft::Draft2019, Draft::Any] {
            let schema = read(draft, false, &names);
            assert_eq!(
                schema.assertions.dependent_required,
                vec![("bar", vec!["foo"]), ("baz", vec![])]
            );
            assert_eq!(taken(&schema, "dependencies"), Some(Taken::Assertion));
            assert!(schema.warnings.is_empty(), "{:?}", schema.warnings);
        }
        // A schema is `dependentSchemas`, which no type follows: a warning; the arrays
        // beside it are still read.
        let both = json!({"dependencies": {"bar": ["foo"], "quux": {"required": ["x"]}}});
        let schema = read(Draft::Draft7, false, &both);
        assert_eq!(schema.assertions.dependent_required.len(), 1);
        assert_eq!(schema.warnings.len(), 1);
        assert_eq!(schema.warnings[0].0, "/dependencies");
        assert!(schema.warnings[0].1.contains("dependentSchemas"));
        let wrong = json!({"dependencies": {"bar": 1}});
        assert_eq!(read(Draft::Draft7, false, &wrong).problems.len(), 1);
    }

    #[test]
    fn keywords_of_later_drafts_are_unknown_to_earlier_ones() {
        let value = json!({
            "type": "object",
            "dependentRequired": {"bar": ["foo"]},
            "minContains": 2,
            "prefixItems": [{"type": "string"}]
        });
        let schema = read(Draft::Draft7, false, &value);
        assert!(schema.assertions.dependent_required.is_empty());
        assert_eq!(schema.assertions.min_contains, None);
        assert!(schema.prefix_items.is_none());
        assert_eq!(taken(&schema, "dependentRequired"), Some(Taken::Ignored));
        let warned: Vec<&str> = schema.warnings.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(
            warned,
            ["/dependentRequired", "/minContains", "/prefixItems"]
        );
        assert!(schema.warnings[0].1.contains("no keyword of draft 07"));
        // 2019-09 has the first two, not `prefixItems` (2020-12).
        let schema = read(Draft::Draft2019, false, &value);
        assert_eq!(schema.assertions.dependent_required.len(), 1);
        assert_eq!(schema.assertions.min_contains, Some(2));
        assert!(schema.prefix_items.is_none());
        assert_eq!(schema.warnings.len(), 1);
        // 2020-12 and a document without `$schema` have all three.
        for draft in [Draft::Draft2020, Draft::Any] {
            let schema = read(draft, false, &value);
            assert!(schema.prefix_items.is_some());
            assert!(schema.warnings.is_empty(), "{:?}", schema.warnings);
        }
    }

    #[test]
    fn a_recursive_ref_without_a_dynamic_target_is_a_ref() {
        let value = json!({"$recursiveRef": "#", "$recursiveAnchor": true});
        // One `$recursiveAnchor: true` in the spec at most: `$ref: "#"`.
        for draft in [Draft::Draft2019, Draft::Any] {
            let schema = read(draft, false, &value);
            assert_eq!(schema.reference, Some("#"));
            assert!(schema.warnings.is_empty(), "{:?}", schema.warnings);
        }
        // Several: the target depends on how the value was reached, which no type follows.
        let schema = read(Draft::Draft2019, true, &value);
        assert_eq!(schema.reference, None);
        assert_eq!(schema.warnings.len(), 2);
        assert!(schema.warnings[0].1.contains("not modelled"));
        // Draft 07 has no such keyword; 2020-12 replaced it with `$dynamicRef`.
        let schema = read(Draft::Draft7, false, &value);
        assert_eq!(schema.reference, None);
        assert!(schema.warnings[0].1.contains("no keyword of draft 07"));
        let schema = read(Draft::Draft2020, false, &value);
        assert_eq!(schema.reference, None);
        assert_eq!(schema.warnings.len(), 2);
        let wrong = json!({"$recursiveAnchor": "yes"});
        assert_eq!(read(Draft::Draft2019, false, &wrong).problems.len(), 1);
    }
}
