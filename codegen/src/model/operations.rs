//! Operations from the spec's `paths`: their parameters, body, result and documented errors,
//! grouped by tag. Names come from each operation's `summary` (or `operationId`) through the
//! naming settings.

use std::collections::{BTreeSet, HashMap, HashSet};

use heck::ToUpperCamelCase;
use serde_json::Value;

use super::build::{At, Builder, Hint, METHODS, text};
use super::naming;
use super::{ErrorCase, Kind, Operation, Param, QueryStyle, Tag, Ty};
use crate::load::Node;

impl<'a> Builder<'a> {
    /// Every operation, in the spec's order of paths and methods.
    pub(super) fn operations(&mut self, root: &Node<'a>) -> (Vec<Tag>, Vec<Operation>) {
        let mut operations = Vec::new();
        let Some(paths) = root.child("paths") else {
            return (Vec::new(), operations);
        };
        for path in paths.keys() {
            let Some(item) = paths.child(&path).and_then(|item| self.follow(&item)) else {
                continue;
            };
            // Methods in the spec's order (the path item's keys), not a fixed one.
            let methods = item.keys();
            for method in methods
                .iter()
                .map(String::as_str)
                .filter(|m| METHODS.contains(m))
            {
                let Some(node) = item.child(method) else {
                    continue;
                };
                let at = At {
                    logical: format!("#{}", node.pointer),
                    node,
                };
                if let Some(operation) = self.operation(&at, &item, &path, method) {
                    operations.push(operation);
                }
            }
        }
        (self.tags(root, &operations), operations)
    }

    fn operation(
        &mut self,
        at: &At<'a>,
        item: &Node<'a>,
        path: &str,
        method: &str,
    ) -> Option<Operation> {
        let value = at.node.value;
        let summary = text(value, "summary");
        let operation_id = text(value, "operationId");
        let raw_name = summary
            .clone()
            .or_else(|| operation_id.clone())
            .unwrap_or_else(|| format!("{method} {path}"));
        let name = self.operation_name(&raw_name);
        let type_base = name.to_upper_camel_case();
        let tag = value
            .get("tags")
            .and_then(Value::as_array)
            .and_then(|tags| tags.first())
            .and_then(Value::as_str)
            .unwrap_or("default")
            .to_string();

        let mut path_params = Vec::new();
        let mut query_params = Vec::new();
        // Path-item parameters apply to every operation; the operation's own override them.
        let mut sources: Vec<Node<'a>> = Vec::new();
        for owner in [item.clone(), at.node.clone()] {
            let Some(list) = owner.child("parameters") else {
                continue;
            };
            for index in 0..list.value.as_array().map_or(0, Vec::len) {
                if let Some(parameter) =
                    list.child(&index.to_string()).and_then(|p| self.follow(&p))
                {
                    sources.push(parameter);
                }
            }
        }
        let mut seen = BTreeSet::new();
        for parameter in sources.into_iter().rev() {
            let wire = parameter
                .value
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let place = parameter
                .value
                .get("in")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            if !seen.insert((wire.clone(), place.clone())) {
                continue;
            }
            let required = parameter.value.get("required").and_then(Value::as_bool) == Some(true)
                || place == "path";
            let ty = match parameter.child("schema") {
                Some(schema) => {
                    let hint = Hint(format!("{type_base}{}", wire.to_upper_camel_case()));
                    let logical = format!("#{}", schema.pointer);
                    self.ty(
                        &At {
                            node: schema,
                            logical,
                        },
                        &hint,
                    )
                }
                None => Ty::String,
            };
            // `null` cannot be written into a path or a query: a nullable parameter is its type.
            let ty = ty.inner().clone();
            let default = parameter
                .child("schema")
                .and_then(|s| s.value.get("default").cloned());
            let style = if place == "query" {
                self.query_style(&parameter, &wire, &ty)
            } else {
                QueryStyle::Single
            };
            let param = Param {
                ident: naming::field_name(&wire),
                wire,
                doc: text(parameter.value, "description"),
                ty,
                required,
                default,
                style,
            };
            match place.as_str() {
                "path" => path_params.push(param),
                "query" => query_params.push(param),
                // Headers and cookies are the client's business (auth, idempotency).
                _ => {}
            }
        }
        path_params.reverse();
        query_params.reverse();
        // Path parameters in the order the template names them.
        path_params.sort_by_key(|p| path.find(&format!("{{{}}}", p.wire)).unwrap_or(usize::MAX));

        let body = self.request_body(at, &type_base);
        let (response, errors) = self.responses(at, &type_base);
        let paginated = matches!(
            response.as_ref().map(|ty| self.resolve_alias(ty)),
            Some(Ty::List(_))
        ) && query_params.iter().any(|p| p.wire == "after");
        Some(Operation {
            tag,
            name,
            type_base,
            // Named once every type is known (`distinct_builder_names`).
            builder: String::new(),
            params: None,
            method: method.to_string(),
            path: path.to_string(),
            summary,
            description: text(value, "description"),
            path_params,
            query_params,
            body,
            response,
            errors,
            paginated,
            // POST and PATCH are retried only with an idempotency key, so they accept one.
            idempotency_header: matches!(method, "post" | "patch")
                .then(|| self.settings.headers.idempotency_key.clone())
                .flatten(),
        })
    }

    /// How query parameter `wire` (of type `ty`) is written, from its `style` and `explode`.
    /// What the client cannot send is reported where the spec says it.
    fn query_style(&mut self, parameter: &Node<'a>, wire: &str, ty: &Ty) -> QueryStyle {
        let shape = match ty.resolve(&self.types) {
            Ty::Vec(item) => match item.resolve(&self.types) {
                Ty::Vec(_) | Ty::Map(_) | Ty::List(_) => Shape::Other("an array of arrays"),
                Ty::Named(id) if matches!(self.types[*id].kind, Kind::Struct(_)) => {
                    Shape::Other("an array of objects")
                }
                _ => Shape::Array,
            },
            Ty::Map(value) => match value.resolve(&self.types) {
                Ty::Vec(_) | Ty::Map(_) | Ty::List(_) => Shape::Other("an object of arrays"),
                Ty::Named(id) if matches!(self.types[*id].kind, Kind::Struct(_)) => {
                    Shape::Other("an object of objects")
                }
                _ => Shape::Map,
            },
            Ty::List(_) => Shape::Other("an object with properties"),
            Ty::Named(id) if matches!(self.types[*id].kind, Kind::Struct(_)) => {
                Shape::Other("an object with properties")
            }
            _ => Shape::Single,
        };
        match query_style(parameter.value, wire, shape) {
            Ok(style) => style,
            Err((key, message)) => {
                let at = parameter.child(key).unwrap_or_else(|| parameter.clone());
                self.error(&at, message);
                QueryStyle::Single
            }
        }
    }

    /// Names each operation's request builder and body type. They live in its tag module, which
    /// glob-imports the spec's types, so a type of the same name would be shadowed there:
    /// `<Base>Request` becomes `<Base>Builder`, and `<Base>Params` becomes `<Base>Body`, when a
    /// type has the name (the body's own type keeps its name, re-exported as it is). Only when
    /// the second name is taken too does a number follow (`<Base>Builder2`).
    pub(super) fn distinct_builder_names(&self, mut operations: Vec<Operation>) -> Vec<Operation> {
        let types: HashSet<&str> = self.types.iter().map(|t| t.name.as_str()).collect();
        // Names given so far in each tag module.
        let mut given: HashMap<String, HashSet<String>> = HashMap::new();
        for op in &mut operations {
            let given = given.entry(op.tag.clone()).or_default();
            let base = &op.type_base;
            let free = |name: &str| !types.contains(name) && !given.contains(name);
            let builder = [format!("{base}Request"), format!("{base}Builder")]
                .into_iter()
                .find(|name| free(name))
                .unwrap_or_else(|| naming::numbered(&format!("{base}Builder"), free));
            let params = op.body.as_ref().map(|(body, _)| {
                let own = match body {
                    Ty::Named(id) => Some(self.types[*id].name.as_str()),
                    _ => None,
                };
                let usable = |name: &str| Some(name) == own || free(name);
                [format!("{base}Params"), format!("{base}Body")]
                    .into_iter()
                    .find(|name| usable(name))
                    .unwrap_or_else(|| naming::numbered(&format!("{base}Params"), usable))
            });
            given.insert(builder.clone());
            given.extend(params.clone());
            op.builder = builder;
            op.params = params;
        }
        operations
    }

    /// `Create a Webhook Endpoint` -> `create_webhook_endpoint` (dropping the settings' words).
    fn operation_name(&self, raw: &str) -> String {
        let words: Vec<&str> = raw
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .filter(|word| !word.is_empty())
            .filter(|word| {
                !self
                    .settings
                    .naming
                    .drop_words
                    .iter()
                    .any(|drop| drop.eq_ignore_ascii_case(word))
            })
            .collect();
        naming::method_name(&words.join(" "))
    }

    /// The JSON request body's type, if any.
    fn request_body(&mut self, at: &At<'a>, type_base: &str) -> Option<(Ty, bool)> {
        let body = at.child("requestBody")?;
        let body = At {
            node: self.follow(&body.node)?,
            logical: body.logical,
        };
        let required = body.node.value.get("required").and_then(Value::as_bool) == Some(true);
        let media = body.child("content")?.child("application/json")?;
        let schema = media.child("schema")?;
        let ty = self.ty(&schema, &Hint(format!("{type_base}Body")));
        self.example(&media, Some(&ty));
        Some((ty, required))
    }

    /// The success type (`None` for no content) and the documented error codes.
    fn responses(&mut self, at: &At<'a>, type_base: &str) -> (Option<Ty>, Vec<ErrorCase>) {
        let mut response = None;
        let mut errors = Vec::new();
        let Some(responses) = at.child("responses") else {
            return (None, errors);
        };
        for status in responses.node.keys() {
            let Some(entry) = responses.child(&status) else {
                continue;
            };
            let Some(node) = self.follow(&entry.node) else {
                continue;
            };
            let entry = At {
                node,
                logical: entry.logical,
            };
            let media = entry
                .child("content")
                .and_then(|c| c.child("application/json"));
            let schema = media.as_ref().and_then(|j| j.child("schema"));
            if status.starts_with('2') {
                if response.is_none() {
                    response = schema
                        .map(|schema| self.ty(&schema, &Hint(format!("{type_base}Response"))));
                    if let Some(media) = &media {
                        self.example(media, response.as_ref());
                    }
                }
                continue;
            }
            let description = text(entry.node.value, "description");
            let code_field = self.settings.errors.code.first();
            let codes = schema
                .zip(code_field)
                .map(|(schema, field)| error_codes(schema.node.value, field))
                .unwrap_or_default();
            if let Ok(code) = status.parse::<u16>() {
                errors.push(ErrorCase {
                    status: code,
                    codes,
                    description,
                });
            }
        }
        (response, errors)
    }

    fn resolve_alias<'t>(&'t self, ty: &'t Ty) -> &'t Ty {
        match ty {
            Ty::Named(id) => match &self.types[*id].kind {
                Kind::Alias(inner) => self.resolve_alias(inner),
                _ => ty,
            },
            _ => ty,
        }
    }

    /// The tags operations use, with the spec's descriptions, in the order of first use; each with
    /// its module name, distinct from the others' (the first tag to want a name has it).
    fn tags(&self, root: &Node<'a>, operations: &[Operation]) -> Vec<Tag> {
        let declared = root.value.get("tags").and_then(Value::as_array);
        let mut tags: Vec<Tag> = Vec::new();
        for operation in operations {
            if tags.iter().any(|t| t.name == operation.tag) {
                continue;
            }
            let doc = declared
                .and_then(|list| {
                    list.iter()
                        .find(|t| t.get("name").and_then(Value::as_str) == Some(&operation.tag))
                })
                .and_then(|t| text(t, "description"));
            let module = naming::module_name(&operation.tag, |name| {
                tags.iter().any(|tag| tag.module == name)
            });
            tags.push(Tag {
                name: operation.tag.clone(),
                doc,
                module,
            });
        }
        tags
    }
}

/// The consts of the `field` (`code`) property of an error body schema (directly or in its
/// `oneOf`/`anyOf` members).
fn error_codes(schema: &Value, field: &str) -> Vec<String> {
    let mut codes = Vec::new();
    if let Some(code) = schema
        .get("properties")
        .and_then(|properties| properties.get(field))
        .and_then(|property| property.get("const"))
        .and_then(Value::as_str)
    {
        codes.push(code.to_string());
    }
    for combinator in ["oneOf", "anyOf"] {
        for member in schema
            .get(combinator)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            codes.extend(error_codes(member, field));
        }
    }
    codes
}

/// What a query parameter's schema is, for its `style`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
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
fn query_style(
    parameter: &Value,
    wire: &str,
    shape: Shape,
) -> Result<QueryStyle, (&'static str, String)> {
    let style = match parameter.get("style") {
        None => "form",
        Some(Value::String(style)) => style.as_str(),
        Some(other) => {
            let found = super::schema_check::kind(other);
            return Err(("style", format!("`style` must be a string, found {found}")));
        }
    };
    let explode = match parameter.get("explode") {
        None => style == "form",
        Some(Value::Bool(explode)) => *explode,
        Some(other) => {
            let found = super::schema_check::kind(other);
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
        query_style(&parameter, "ids", shape).map_err(|(key, _)| key)
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
