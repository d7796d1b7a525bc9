//! The keywords a schema may use: an allow-list, so that a construct the generator does not
//! model is named and reported instead of silently read as something else (or dropped).

use serde_json::Value;

/// Keywords the generator reads to decide a type.
const MODELLED: &[&str] = &[
    "$ref",
    "type",
    "format",
    "enum",
    "const",
    "default",
    "nullable",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "allOf",
    "oneOf",
    "anyOf",
    "discriminator",
    "description",
    "title",
    "example",
    "examples",
];

/// Annotations and validation keywords: they only narrow which values are valid, so a type that
/// accepts a few more values than the schema does is still right. Read, then ignored.
const IGNORED: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "$anchor",
    "$defs",
    "definitions",
    "summary",
    "deprecated",
    "readOnly",
    "writeOnly",
    "externalDocs",
    "xml",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
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
    "contentMediaType",
    "contentEncoding",
    "contentSchema",
];

/// Keywords that change the shape or meaning of the data in ways no generated type follows.
const UNSUPPORTED: &[(&str, &str)] = &[
    (
        "not",
        "the generated type cannot exclude values; describe what is allowed instead",
    ),
    (
        "if",
        "conditional schemas (`if`/`then`/`else`) are not modelled; use `oneOf`",
    ),
    (
        "then",
        "conditional schemas (`if`/`then`/`else`) are not modelled; use `oneOf`",
    ),
    (
        "else",
        "conditional schemas (`if`/`then`/`else`) are not modelled; use `oneOf`",
    ),
    (
        "$dynamicRef",
        "dynamic references are not followed; use `$ref`",
    ),
    (
        "$dynamicAnchor",
        "dynamic references are not followed; use `$ref`",
    ),
    (
        "$recursiveRef",
        "recursive references (2019-09) are not followed; use `$ref`",
    ),
    (
        "$recursiveAnchor",
        "recursive references (2019-09) are not followed; use `$ref`",
    ),
    (
        "dependentSchemas",
        "properties that depend on other properties are not modelled",
    ),
    (
        "dependencies",
        "properties that depend on other properties are not modelled",
    ),
    (
        "unevaluatedProperties",
        "`unevaluatedProperties` is not modelled; use `additionalProperties`",
    ),
    (
        "unevaluatedItems",
        "`unevaluatedItems` is not modelled; use `items`",
    ),
    (
        "prefixItems",
        "tuples are not modelled; use `items` with one schema",
    ),
    (
        "additionalItems",
        "tuples are not modelled; use `items` with one schema",
    ),
];

/// One problem in a schema: the pointer relative to the schema (empty for the schema itself, or
/// `/keyword`) and what was expected.
pub type Problem = (String, String);

/// Checks the keywords of one schema object (not the schemas nested in it).
pub fn check(schema: &Value) -> Vec<Problem> {
    let mut problems = Vec::new();
    let map = match schema {
        Value::Object(map) => map,
        // `true`/`false` schemas (3.1) are allowed where a schema is; they carry no keywords.
        Value::Bool(_) => return problems,
        other => {
            problems.push((
                String::new(),
                format!("expected a schema (an object), found {}", kind(other)),
            ));
            return problems;
        }
    };
    for (key, value) in map {
        let at = format!("/{}", crate::load::escape(key));
        if key.starts_with("x-") || IGNORED.contains(&key.as_str()) {
            continue;
        }
        if let Some((_, why)) = UNSUPPORTED.iter().find(|(name, _)| name == key) {
            problems.push((
                at,
                format!("unsupported JSON Schema keyword `{key}`: {why}"),
            ));
            continue;
        }
        if key == "patternProperties" {
            // Alone it is a map the generator keeps as JSON; next to `properties`, a struct
            // would silently drop every property the patterns match.
            if map.contains_key("properties") {
                problems.push((
                    at,
                    "unsupported JSON Schema keyword `patternProperties` next to `properties`: the generated struct would drop the properties it matches; use `additionalProperties`".into(),
                ));
            }
            continue;
        }
        if !MODELLED.contains(&key.as_str()) {
            problems.push((
                at,
                format!(
                    "unknown schema keyword `{key}`: expected a JSON Schema keyword (such as `type`, `properties`, `items`, `enum`) or an `x-` extension"
                ),
            ));
            continue;
        }
        if let Some(expected) = shape_problem(key, value) {
            problems.push((
                at,
                format!("`{key}` must be {expected}, found {}", kind(value)),
            ));
        }
    }
    if let Some(Value::Array(required)) = map.get("required") {
        for (index, item) in required.iter().enumerate() {
            if !item.is_string() {
                problems.push((
                    format!("/required/{index}"),
                    format!(
                        "`required` lists property names: expected a string, found {}",
                        kind(item)
                    ),
                ));
            }
        }
    }
    if let Some(Value::Array(types)) = map.get("type") {
        for (index, item) in types.iter().enumerate() {
            if !item.is_string() {
                problems.push((
                    format!("/type/{index}"),
                    format!("expected a type name (a string), found {}", kind(item)),
                ));
            }
        }
    }
    problems
}

/// What a modelled keyword's value must be, when it is not.
fn shape_problem(key: &str, value: &Value) -> Option<&'static str> {
    let ok = match key {
        "$ref" => value.is_string(),
        "type" => value.is_string() || value.is_array(),
        "format" | "description" | "title" => value.is_string(),
        "enum" | "required" | "allOf" | "oneOf" | "anyOf" | "examples" => value.is_array(),
        "nullable" => value.is_boolean(),
        "properties" => value.is_object(),
        "items" | "additionalProperties" => value.is_object() || value.is_boolean(),
        "discriminator" => value.is_object(),
        _ => true,
    };
    if ok {
        return None;
    }
    Some(match key {
        "$ref" => "a string (a reference such as `#/components/schemas/Name`)",
        "type" => "a type name or an array of type names",
        "format" | "description" | "title" => "a string",
        "enum" | "required" | "allOf" | "oneOf" | "anyOf" | "examples" => "an array",
        "nullable" => "`true` or `false`",
        "properties" => "an object of property schemas",
        "items" | "additionalProperties" => "a schema (an object) or a boolean",
        _ => "an object",
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn modelled_and_validation_keywords_pass() {
        let schema = json!({
            "type": ["string", "null"], "maxLength": 40, "pattern": "^a", "description": "x",
            "x-extensible-enum": ["a"], "deprecated": true, "example": "a"
        });
        assert_eq!(check(&schema), vec![]);
    }

    #[test]
    fn unsupported_keywords_are_named() {
        let problems = check(&json!({"type": "object", "not": {"required": ["a"]}}));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, "/not");
        assert!(
            problems[0]
                .1
                .contains("unsupported JSON Schema keyword `not`"),
            "{problems:?}"
        );
    }

    #[test]
    fn pattern_properties_alone_is_a_json_map() {
        let alone = json!({"type": "object", "patternProperties": {"^a": {"type": "string"}}});
        assert_eq!(check(&alone), vec![]);
        let beside = json!({"type": "object", "properties": {}, "patternProperties": {}});
        assert_eq!(check(&beside).len(), 1);
    }

    #[test]
    fn typos_and_wrong_shapes_are_reported() {
        let problems = check(&json!({"type": "object", "propertes": {}, "required": "a"}));
        let text = format!("{problems:?}");
        assert!(
            text.contains("unknown schema keyword `propertes`"),
            "{text}"
        );
        assert!(text.contains("`required` must be an array"), "{text}");
    }
}
