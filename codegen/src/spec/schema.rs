//! A JSON Schema object as Rust types. Every key a schema holds is read here, once, by one
//! table ([`Schema::read`]): it is modelled (a field the model passes read), kept (a typed
//! annotation or assertion, for docs and validation), an `x-` extension, or reported. Nothing
//! else reads a schema's keys, so a keyword cannot be dropped without a word.

use serde_json::{Number, Value};

use crate::load::Node;

/// How a schema's key was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Taken {
    /// Decides the Rust type.
    Modelled,
    /// Documents the value (kept in [`Annotations`]).
    Annotation,
    /// Narrows the valid values (kept in [`Assertions`]).
    Assertion,
    /// An `x-` extension (kept in [`Schema::extensions`]).
    Extension,
    /// Valid, and without effect where it is: a sibling of `$ref` in drafts 07 and earlier,
    /// which ignore them, and a keyword of a later draft than the document's (warned about).
    Ignored,
    /// Of the wrong shape (in [`Schema::problems`]), or valid but not modelled or unknown (in
    /// [`Schema::warnings`]).
    Reported,
}

/// `type`: one name, or (3.1) an array of names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Types<'a> {
    One(&'a str),
    Many(Vec<&'a str>),
}

/// A numeric bound: `minimum` or `maximum`, exclusive in either draft's form (3.0's boolean
/// `exclusiveMinimum`, 3.1's numeric one).
#[derive(Clone, Debug, PartialEq)]
pub struct Bound<'a> {
    pub value: &'a Number,
    pub exclusive: bool,
}

/// The keywords that only narrow which values are valid.
#[derive(Clone, Debug, Default)]
pub struct Assertions<'a> {
    pub minimum: Option<Bound<'a>>,
    pub maximum: Option<Bound<'a>>,
    pub multiple_of: Option<&'a Number>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<&'a str>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    pub contains: Option<Node<'a>>,
    pub min_contains: Option<u64>,
    pub max_contains: Option<u64>,
    pub min_properties: Option<u64>,
    pub max_properties: Option<u64>,
    pub property_names: Option<Node<'a>>,
    pub dependent_required: Vec<(&'a str, Vec<&'a str>)>,
}

/// The keywords that document a value or a schema resource.
#[derive(Clone, Debug, Default)]
pub struct Annotations<'a> {
    pub dialect: Option<&'a str>,
    pub id: Option<&'a str>,
    pub anchor: Option<&'a str>,
    pub comment: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub deprecated: bool,
    pub read_only: bool,
    pub write_only: bool,
    pub external_docs: Option<&'a Value>,
    pub xml: Option<&'a Value>,
    pub content_media_type: Option<&'a str>,
    pub content_encoding: Option<&'a str>,
    pub content_schema: Option<Node<'a>>,
}

/// OpenAPI's `discriminator`.
#[derive(Clone, Debug, Default)]
pub struct Discriminator<'a> {
    pub property_name: Option<&'a str>,
    pub mapping: Vec<(&'a str, &'a str)>,
}

/// One schema object (its subschemas are [`Node`]s, read when the model reaches them).
#[derive(Clone, Debug)]
pub struct Schema<'a> {
    pub node: Node<'a>,
    /// A `true`/`false` schema.
    pub boolean: Option<bool>,
    pub reference: Option<&'a str>,
    pub types: Option<Types<'a>>,
    /// 3.0's `nullable: true`.
    pub nullable: bool,
    pub format: Option<&'a str>,
    pub enumeration: Option<&'a [Value]>,
    pub constant: Option<&'a Value>,
    pub default: Option<&'a Value>,
    /// `properties` (also set, empty, when it is of the wrong shape: the schema has them).
    pub properties: Option<Vec<(&'a str, Node<'a>)>>,
    pub required: Vec<&'a str>,
    pub additional_properties: Option<Node<'a>>,
    pub pattern_properties: Vec<(&'a str, Node<'a>)>,
    /// The items after `prefix_items` (all of them when there is none): `items`, or
    /// `additionalItems` where `items` is an array (drafts before 2020-12).
    pub items: Option<Node<'a>>,
    /// An array's first items, a schema each: `prefixItems`, or `items` as an array.
    pub prefix_items: Option<Vec<Node<'a>>>,
    /// `additionalItems` as written, while the keys are read (then moved to `items`, or
    /// dropped where it means nothing).
    pub(super) additional_items: Option<Node<'a>>,
    pub all_of: Option<Vec<Node<'a>>>,
    pub one_of: Option<Vec<Node<'a>>>,
    pub any_of: Option<Vec<Node<'a>>>,
    pub not: Option<Node<'a>>,
    pub discriminator: Option<Discriminator<'a>>,
    pub title: Option<&'a str>,
    pub description: Option<&'a str>,
    /// `example`, and `examples` as an array or as named Example Objects: the pointer of each
    /// value in its file, and the value.
    pub examples: Vec<(String, &'a Value)>,
    /// `$defs` and `definitions`.
    pub defs: Vec<(&'a str, Node<'a>)>,
    pub assertions: Assertions<'a>,
    pub annotations: Annotations<'a>,
    pub extensions: Vec<(&'a str, &'a Value)>,
    /// Only annotations: any JSON value is valid.
    pub documents_only: bool,
    /// Every key, and how it was taken, in the document's order.
    pub taken: Vec<(&'a str, Taken)>,
    /// Problems, each with the pointer relative to the schema (`/keyword`) and what was expected.
    pub problems: Vec<(String, String)>,
    /// Valid keywords the generated type does not follow, each with what it does instead.
    pub warnings: Vec<(String, String)>,
}

impl<'a> Schema<'a> {
    /// The first type that is not `null` (`type: [T, "null"]`); `type: "null"` itself.
    pub fn primary_type(&self) -> Option<&'a str> {
        match self.types.as_ref()? {
            Types::One(name) => Some(name),
            Types::Many(names) => names.iter().copied().find(|t| *t != "null"),
        }
    }

    /// Whether `null` is valid beside other values: `type: [T, "null"]` (3.1), `nullable: true`
    /// (3.0), or no `type` and an `enum` that lists `null`.
    pub fn is_nullable(&self) -> bool {
        let untyped_null = self.types.is_none()
            && self
                .enumeration
                .is_some_and(|values| values.iter().any(Value::is_null));
        untyped_null
            || self.nullable
            || matches!(&self.types, Some(Types::Many(names)) if names.contains(&"null"))
    }

    /// `type: "null"` exactly.
    pub fn is_null(&self) -> bool {
        self.types == Some(Types::One("null"))
    }

    /// A `const` string, or a one-value string `enum` (how 3.0 specs write a const).
    pub fn const_string(&self) -> Option<&'a str> {
        if let Some(Value::String(constant)) = self.constant {
            return Some(constant);
        }
        match self.enumeration? {
            [Value::String(only)] if self.primary_type() == Some("string") => Some(only),
            _ => None,
        }
    }

    /// A `$ref` beside keywords that shape the value's type (properties, applicators,
    /// `additionalProperties`, `unevaluated*`), which 2019-09 and later apply with the target:
    /// the type is made of both, the target as an `allOf` member.
    pub fn shaped_beside_ref(&self) -> bool {
        const SHAPING: &[&str] = &[
            "properties",
            "required",
            "allOf",
            "oneOf",
            "anyOf",
            "additionalProperties",
            "patternProperties",
            "unevaluatedProperties",
            "unevaluatedItems",
        ];
        self.reference.is_some()
            && self
                .taken
                .iter()
                .any(|(key, taken)| *taken != Taken::Ignored && SHAPING.contains(key))
    }

    /// The description, trimmed; `None` when empty.
    pub fn doc(&self) -> Option<String> {
        text(self.description)
    }

    /// Its `oneOf` and `anyOf` members, in that order.
    pub fn union_members(&self) -> impl Iterator<Item = &Node<'a>> {
        self.one_of.iter().chain(&self.any_of).flatten()
    }

    /// Whether it has a `oneOf` or an `anyOf`.
    pub fn is_union(&self) -> bool {
        self.one_of.is_some() || self.any_of.is_some()
    }

    /// A `oneOf`/`anyOf` with nothing else that shapes values (only annotations).
    pub fn is_pure_union(&self) -> bool {
        self.is_union()
            && self.taken.iter().all(|(key, taken)| {
                *taken == Taken::Extension
                    || matches!(
                        *key,
                        "oneOf" | "anyOf" | "description" | "title" | "example" | "examples"
                    )
            })
    }

    /// The properties (none when it has no `properties`).
    pub fn property_list(&self) -> &[(&'a str, Node<'a>)] {
        self.properties.as_deref().unwrap_or_default()
    }

    /// Every subschema this schema holds (not those of keywords it reports), in key order.
    pub fn subschemas(&self) -> Vec<Node<'a>> {
        let mut found: Vec<Node<'a>> = Vec::new();
        let properties = self.properties.iter().flatten().map(|(_, node)| node);
        found.extend(self.prefix_items.iter().flatten().cloned());
        found.extend(
            properties
                .chain(self.pattern_properties.iter().map(|(_, n)| n))
                .cloned(),
        );
        found.extend(
            self.all_of
                .iter()
                .chain(&self.one_of)
                .chain(&self.any_of)
                .flatten()
                .cloned(),
        );
        found.extend(self.defs.iter().map(|(_, node)| node.clone()));
        let single = [
            &self.additional_properties,
            &self.items,
            &self.not,
            &self.assertions.contains,
            &self.assertions.property_names,
            &self.annotations.content_schema,
        ];
        found.extend(single.into_iter().flatten().cloned());
        found
    }

    /// An extension's value (`x-...`).
    pub fn extension(&self, name: &str) -> Option<&'a Value> {
        self.extensions
            .iter()
            .find_map(|(key, value)| (*key == name).then_some(*value))
    }
}

/// A trimmed, non-empty text.
pub fn text(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// `examples` as an array of values (JSON Schema) or as named Example Objects (OpenAPI media
/// types: `{ name: { value } }`): each value's pointer in its file, and the value.
pub fn examples<'a>(owner: &Node<'a>, value: &'a Value) -> Vec<(String, &'a Value)> {
    match value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(index, example)| (format!("{}/examples/{index}", owner.pointer), example))
            .collect(),
        Value::Object(named) => named
            .iter()
            .filter_map(|(name, example)| {
                let value = example.get("value")?;
                let name = crate::load::escape(name);
                Some((format!("{}/examples/{name}/value", owner.pointer), value))
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A JSON value's kind, for messages.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
