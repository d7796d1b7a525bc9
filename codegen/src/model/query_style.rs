//! How a query parameter is written into the query string, from its `style` and `explode`
//! and the shape of its schema; or why the client cannot write it.

use serde_json::Value;

use super::QueryStyle;
use crate::spec::kind;

/// What a query parameter's schema is, for its `style`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A string, number, boolean or enum.
    Single,
    /// An array of single values.
    Array,
    /// An object of `additionalProperties` with single values.
    Map,
    /// Something no style writes that the client sends (described).
    Other(&'static str),
}

/// How a query parameter of `shape` is written, from its `style` and `explode`; or the key
/// (`style`, `explode` or `schema`) at fault and why. OpenAPI's defaults: `style: form`, and
/// `explode: true` with `form` only.
pub fn query_style(
    style: Option<&Value>,
    explode: Option<&Value>,
    wire: &str,
    shape: Shape,
) -> Result<QueryStyle, (&'static str, String)> {
    let style = match style {
        None => "form",
        Some(Value::String(style)) => style.as_str(),
        Some(other) => {
            let found = kind(other);
            return Err(("style", format!("`style` must be a string, found {found}")));
        }
    };
    let explode = match explode {
        None => style == "form",
        Some(Value::Bool(explode)) => *explode,
        Some(other) => {
            let found = kind(other);
            return Err((
                "explode",
                format!("`explode` must be `true` or `false`, found {found}"),
            ));
        }
    };
    let styles = "`form`, `spaceDelimited` or `pipeDelimited`";
    match style {
        "form" | "spaceDelimited" | "pipeDelimited" | "deepObject" => {}
        "simple" | "label" | "matrix" => {
            return Err((
                "style",
                format!(
                    "`style: {style}` is for path parameters, not query parameter `{wire}`: expected {styles} (or no `style`)"
                ),
            ));
        }
        other => {
            return Err((
                "style",
                format!("unknown `style: {other}` of query parameter `{wire}`: expected {styles}"),
            ));
        }
    }
    match (shape, style, explode) {
        (Shape::Other(what), _, _) => Err((
            "schema",
            format!(
                "query parameter `{wire}` is {what}, which the client cannot write into a query string: expected a string, number, boolean or enum, an array of them, or an object of them (`additionalProperties`)"
            ),
        )),
        (Shape::Single, "form", _) => Ok(QueryStyle::Single),
        (Shape::Single, _, _) => Err((
            "style",
            format!(
                "`style: {style}` is for arrays and objects, and query parameter `{wire}` is a single value: expected `style: form` (or no `style`)"
            ),
        )),
        (Shape::Array, "form", true) => Ok(QueryStyle::Repeated),
        (Shape::Array, "form", false) => Ok(QueryStyle::Comma),
        (Shape::Array, "spaceDelimited", false) => Ok(QueryStyle::Space),
        (Shape::Array, "pipeDelimited", false) => Ok(QueryStyle::Pipe),
        (Shape::Array, "spaceDelimited" | "pipeDelimited", true) => Err((
            "explode",
            format!(
                "`style: {style}` with `explode: true` is not defined by OpenAPI (query parameter `{wire}`): expected `explode: false` (the items joined into one value), or `style: form` (one `{wire}=` per item)"
            ),
        )),
        (Shape::Array, _, _) => Err((
            "style",
            format!(
                "`style: {style}` is for objects, and query parameter `{wire}` is an array: expected {styles}"
            ),
        )),
        (Shape::Map, "form", true) => Ok(QueryStyle::Entries),
        (Shape::Map, _, _) => {
            let (key, written) = if style == "form" {
                ("explode", "`style: form` with `explode: false`".to_string())
            } else {
                ("style", format!("`style: {style}`"))
            };
            Err((
                key,
                format!(
                    "{written} is not supported for object query parameter `{wire}`: expected `style: form` with `explode: true` (the default: one `key=value` per entry)"
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn style(parameter: Value, shape: Shape) -> Result<QueryStyle, &'static str> {
        query_style(
            parameter.get("style"),
            parameter.get("explode"),
            "ids",
            shape,
        )
        .map_err(|(key, _)| key)
    }

    #[test]
    fn arrays_follow_style_and_explode_with_openapis_defaults() {
        let array = Shape::Array;
        assert_eq!(style(json!({}), array), Ok(QueryStyle::Repeated));
        assert_eq!(
            style(json!({"style": "form"}), array),
            Ok(QueryStyle::Repeated)
        );
        assert_eq!(
            style(json!({"explode": false}), array),
            Ok(QueryStyle::Comma)
        );
        assert_eq!(
            style(json!({"style": "spaceDelimited"}), array),
            Ok(QueryStyle::Space)
        );
        assert_eq!(
            style(json!({"style": "pipeDelimited", "explode": false}), array),
            Ok(QueryStyle::Pipe)
        );
        assert_eq!(
            style(json!({"style": "pipeDelimited", "explode": true}), array),
            Err("explode")
        );
        assert_eq!(style(json!({"style": "deepObject"}), array), Err("style"));
        assert_eq!(style(json!({"style": "simple"}), array), Err("style"));
        assert_eq!(style(json!({"style": "csv"}), array), Err("style"));
        assert_eq!(style(json!({"style": 1}), array), Err("style"));
        assert_eq!(style(json!({"explode": "no"}), array), Err("explode"));
    }

    #[test]
    fn single_values_and_objects_have_fewer_styles() {
        assert_eq!(style(json!({}), Shape::Single), Ok(QueryStyle::Single));
        assert_eq!(
            style(json!({"explode": false}), Shape::Single),
            Ok(QueryStyle::Single)
        );
        assert_eq!(
            style(json!({"style": "pipeDelimited"}), Shape::Single),
            Err("style")
        );
        assert_eq!(style(json!({}), Shape::Map), Ok(QueryStyle::Entries));
        assert_eq!(style(json!({"explode": false}), Shape::Map), Err("explode"));
        assert_eq!(
            style(json!({"style": "deepObject"}), Shape::Map),
            Err("style")
        );
        assert_eq!(
            style(json!({}), Shape::Other("an array of objects")),
            Err("schema")
        );
    }
}
