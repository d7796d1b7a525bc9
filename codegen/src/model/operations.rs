//! Operations from the spec's `paths`: their parameters, body, result and documented errors,
//! grouped by tag. Names come from each operation's `summary` (or `operationId`) through the
//! naming settings.

use std::collections::BTreeSet;

use heck::ToUpperCamelCase;
use serde_json::Value;

use super::build::{At, Builder, Hint, METHODS, text};
use super::naming;
use super::{ErrorCase, Kind, Operation, Param, Tag, Ty};
use crate::load::Node;

impl<'a> Builder<'a> {
    /// Every operation, in the spec's order of paths and methods.
    pub(super) fn operations(&mut self, root: &Node<'a>) -> (Vec<Tag>, Vec<Operation>) {
        let mut operations = Vec::new();
        let Some(paths) = root.child("paths") else {
            return (Vec::new(), operations);
        };
        let keys: Vec<String> = paths
            .value
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        for path in keys {
            let Some(item) = paths.child(&path).and_then(|item| self.follow(&item)) else {
                continue;
            };
            // Methods in the spec's order (the path item's keys), not a fixed one.
            let methods: Vec<String> = item
                .value
                .as_object()
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
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
            let default = parameter
                .child("schema")
                .and_then(|s| s.value.get("default").cloned());
            let param = Param {
                ident: naming::field_name(&wire),
                wire,
                doc: text(parameter.value, "description"),
                ty,
                required,
                default,
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
        })
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
        let statuses: Vec<String> = responses
            .node
            .value
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        for status in statuses {
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
            let codes = schema
                .map(|schema| error_codes(schema.node.value))
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

    /// The tags operations use, with the spec's descriptions, in the order of first use.
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
            tags.push(Tag {
                name: operation.tag.clone(),
                doc,
            });
        }
        tags
    }
}

/// The `code` consts of an error body schema (directly or in its `oneOf`/`anyOf` members).
fn error_codes(schema: &Value) -> Vec<String> {
    let mut codes = Vec::new();
    if let Some(code) = schema
        .pointer("/properties/code/const")
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
            codes.extend(error_codes(member));
        }
    }
    codes
}
