//! Checks the spec's `paths` before any code is generated for them: operation ids are unique,
//! every operation has a success response, path parameters match the path template, and every
//! parameter is in a place OpenAPI 3 has. Independent of how operations are emitted.

use std::collections::HashMap;

use serde_json::Value;

use super::schema_check::kind;
use crate::diagnostics::{Diagnostics, Location};
use crate::load::{Node, Spec};

/// HTTP methods an OpenAPI path item may hold.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Path item keys besides the methods.
const PATH_ITEM_KEYS: [&str; 5] = ["$ref", "summary", "description", "servers", "parameters"];

/// Where a parameter may be, in OpenAPI 3.
const PLACES: [&str; 4] = ["path", "query", "header", "cookie"];

/// Every problem in the spec's `paths`.
pub fn check(spec: &Spec) -> Diagnostics {
    let mut checker = Checker {
        spec,
        errors: Diagnostics::default(),
        operation_ids: HashMap::new(),
    };
    checker.paths();
    checker.errors
}

struct Checker<'a> {
    spec: &'a Spec,
    errors: Diagnostics,
    /// Where each operationId was first seen.
    operation_ids: HashMap<String, Location>,
}

/// A parameter as declared: its name, where it goes, and its node.
struct Parameter<'a> {
    name: String,
    place: String,
    node: Node<'a>,
}

impl<'a> Checker<'a> {
    fn location(&self, node: &Node<'a>) -> Location {
        self.spec.location(node.file, &node.pointer)
    }

    fn error(&mut self, node: &Node<'a>, message: impl Into<String>) {
        let location = self.location(node);
        self.errors.error(location, message);
    }

    /// Follows a `$ref` (reporting a dangling one).
    fn follow(&mut self, node: Node<'a>) -> Option<Node<'a>> {
        match node.value.get("$ref").and_then(Value::as_str) {
            None => Some(node),
            Some(reference) => match self.spec.resolve(&node, reference) {
                Ok(target) => Some(target),
                Err((location, message)) => {
                    self.errors.error(location, message);
                    None
                }
            },
        }
    }

    fn paths(&mut self) {
        let root = self.spec.root();
        let Some(paths) = root.child("paths") else {
            return;
        };
        let Some(map) = paths.value.as_object() else {
            let found = kind(paths.value);
            self.error(
                &paths,
                format!("`paths` must be an object of paths, found {found}"),
            );
            return;
        };
        for path in map.keys() {
            if path.starts_with("x-") {
                continue;
            }
            let Some(item) = paths.child(path) else {
                continue;
            };
            if !path.starts_with('/') {
                self.error(&item, format!("path `{path}` must start with `/`"));
            }
            let template = match template_parameters(path) {
                Ok(names) => names,
                Err(message) => {
                    self.error(&item, format!("path `{path}`: {message}"));
                    continue;
                }
            };
            let Some(item) = self.follow(item) else {
                continue;
            };
            self.path_item(path, &template, &item);
        }
    }

    fn path_item(&mut self, path: &str, template: &[String], item: &Node<'a>) {
        let Some(map) = item.value.as_object() else {
            let found = kind(item.value);
            self.error(
                item,
                format!("a path item must be an object, found {found}"),
            );
            return;
        };
        for key in map.keys() {
            if METHODS.contains(&key.as_str())
                || PATH_ITEM_KEYS.contains(&key.as_str())
                || key.starts_with("x-")
            {
                continue;
            }
            let Some(child) = item.child(key) else {
                continue;
            };
            let hint = if METHODS.contains(&key.to_lowercase().as_str()) {
                format!(": methods are lowercase (`{}`)", key.to_lowercase())
            } else {
                String::new()
            };
            self.error(
                &child,
                format!(
                    "unknown path item key `{key}`{hint}; expected an HTTP method ({}), `parameters`, `summary`, `description` or `servers`",
                    METHODS.join(", ")
                ),
            );
        }
        let shared = self.parameters(item, path, template);
        for method in METHODS {
            let Some(operation) = item.child(method) else {
                continue;
            };
            if !operation.value.is_object() {
                let found = kind(operation.value);
                self.error(
                    &operation,
                    format!("an operation must be an object, found {found}"),
                );
                continue;
            }
            self.operation(path, template, &operation, &shared);
        }
    }

    fn operation(
        &mut self,
        path: &str,
        template: &[String],
        operation: &Node<'a>,
        shared: &[Parameter<'a>],
    ) {
        if let Some(id) = operation.child("operationId") {
            match id.value.as_str() {
                Some("") => self.error(&id, "empty `operationId`: expected a name"),
                Some(name) => {
                    let here = self.location(&id);
                    match self.operation_ids.get(name) {
                        Some(first) => {
                            let message = format!(
                                "duplicate operationId `{name}`: also used at {first}; operationIds must be unique"
                            );
                            self.errors.error(here, message);
                        }
                        None => {
                            self.operation_ids.insert(name.to_string(), here);
                        }
                    }
                }
                None => {
                    let found = kind(id.value);
                    self.error(
                        &id,
                        format!("`operationId` must be a string, found {found}"),
                    );
                }
            }
        }
        self.responses(operation);

        let own = self.parameters(operation, path, template);
        // Declared path parameters, the operation's own overriding the path item's.
        for name in template {
            let declared = own
                .iter()
                .chain(shared)
                .any(|p| p.place == "path" && &p.name == name);
            if !declared {
                self.error(
                    operation,
                    format!(
                        "path parameter `{{{name}}}` of `{path}` is not declared: expected a parameter with `name: {name}` and `in: path`"
                    ),
                );
            }
        }
    }

    fn responses(&mut self, operation: &Node<'a>) {
        let Some(responses) = operation.child("responses") else {
            self.error(
                operation,
                "operation has no `responses`: expected at least a success response (2xx)",
            );
            return;
        };
        let Some(map) = responses.value.as_object() else {
            let found = kind(responses.value);
            self.error(
                &responses,
                format!("`responses` must be an object, found {found}"),
            );
            return;
        };
        let success = map.keys().any(|code| {
            let code = code.as_bytes();
            code.len() == 3
                && code[0] == b'2'
                && ((code[1].is_ascii_digit() && code[2].is_ascii_digit())
                    || (code[1] == b'X' && code[2] == b'X'))
        });
        if !success && !map.contains_key("default") {
            let codes: Vec<&str> = map.keys().map(String::as_str).collect();
            let found = if codes.is_empty() {
                "none".to_string()
            } else {
                codes.join(", ")
            };
            self.error(
                &responses,
                format!(
                    "operation has no success response: expected a 2xx response (such as `200` or `204`) or `default`, found {found}"
                ),
            );
        }
    }

    /// The parameters of a path item or an operation, each checked.
    fn parameters(
        &mut self,
        owner: &Node<'a>,
        path: &str,
        template: &[String],
    ) -> Vec<Parameter<'a>> {
        let mut found: Vec<Parameter<'a>> = Vec::new();
        let Some(list) = owner.child("parameters") else {
            return found;
        };
        let Some(items) = list.value.as_array() else {
            let what = kind(list.value);
            self.error(
                &list,
                format!("`parameters` must be an array, found {what}"),
            );
            return found;
        };
        for index in 0..items.len() {
            let Some(parameter) = list.child(&index.to_string()) else {
                continue;
            };
            let Some(parameter) = self.follow(parameter) else {
                continue;
            };
            let Some(parameter) = self.parameter(parameter, path, template) else {
                continue;
            };
            if found
                .iter()
                .any(|p| p.name == parameter.name && p.place == parameter.place)
            {
                let message = format!(
                    "parameter `{}` in {} is declared twice",
                    parameter.name, parameter.place
                );
                self.error(&parameter.node, message);
                continue;
            }
            found.push(parameter);
        }
        found
    }

    fn parameter(
        &mut self,
        node: Node<'a>,
        path: &str,
        template: &[String],
    ) -> Option<Parameter<'a>> {
        if !node.value.is_object() {
            let found = kind(node.value);
            self.error(
                &node,
                format!("a parameter must be an object, found {found}"),
            );
            return None;
        }
        let name = match node.value.get("name") {
            Some(Value::String(name)) if !name.is_empty() => name.clone(),
            Some(other) => {
                let found = kind(other);
                let at = node.child("name").unwrap_or_else(|| node.clone());
                self.error(
                    &at,
                    format!("a parameter's `name` must be a non-empty string, found {found}"),
                );
                return None;
            }
            None => {
                self.error(&node, "parameter without a `name`");
                return None;
            }
        };
        let place = match node.value.get("in") {
            Some(Value::String(place)) => place.clone(),
            _ => {
                self.error(
                    &node,
                    format!(
                        "parameter `{name}` has no `in`: expected one of {}",
                        PLACES.join(", ")
                    ),
                );
                return None;
            }
        };
        let at_in = node.child("in").unwrap_or_else(|| node.clone());
        if !PLACES.contains(&place.as_str()) {
            let why = match place.as_str() {
                "body" => ": a body is OpenAPI 2 (Swagger); in OpenAPI 3 it is the operation's `requestBody`".to_string(),
                "formData" => ": form data is OpenAPI 2 (Swagger); in OpenAPI 3 it is a `requestBody` with a form media type".to_string(),
                _ => format!(": expected one of {}", PLACES.join(", ")),
            };
            self.error(&at_in, format!("parameter `{name}` has `in: {place}`{why}"));
            return None;
        }
        if place == "path" {
            if !template.contains(&name) {
                self.error(
                    &at_in,
                    format!(
                        "path parameter `{name}` does not appear in the path `{path}`: expected `{{{name}}}` in it, or `in: query`"
                    ),
                );
            }
            if node.value.get("required") != Some(&Value::Bool(true)) {
                self.error(
                    &node,
                    format!("path parameter `{name}` must have `required: true`"),
                );
            }
        }
        if node.value.get("schema").is_none() && node.value.get("content").is_none() {
            self.error(
                &node,
                format!(
                    "parameter `{name}` has neither `schema` nor `content`: expected a `schema`"
                ),
            );
        }
        Some(Parameter { name, place, node })
    }
}

/// The `{name}`s of a path template, in order.
fn template_parameters(path: &str) -> Result<Vec<String>, String> {
    let mut names: Vec<String> = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("`}` without a matching `{`".into());
        }
        let after = &rest[open + 1..];
        let close = after
            .find(['{', '}'])
            .filter(|&at| after[at..].starts_with('}'))
            .ok_or_else(|| "`{` without a matching `}`".to_string())?;
        let name = &after[..close];
        if name.is_empty() {
            return Err("empty `{}` in the template".into());
        }
        if names.iter().any(|n| n == name) {
            return Err(format!("`{{{name}}}` appears twice"));
        }
        names.push(name.to_string());
        rest = &after[close + 1..];
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_parsed() {
        assert_eq!(
            template_parameters("/a/{id}/b/{other_id}"),
            Ok(vec!["id".to_string(), "other_id".to_string()])
        );
        assert_eq!(template_parameters("/a"), Ok(vec![]));
        assert!(template_parameters("/a/{id").is_err());
        assert!(template_parameters("/a/id}").is_err());
        assert!(template_parameters("/a/{}").is_err());
        assert!(template_parameters("/a/{{id}}").is_err());
        assert!(template_parameters("/a/{id}/{id}").is_err());
    }
}
