//! The paths of an OpenAPI document: path items, operations, parameters, request bodies and
//! responses, read in one walk that also checks what OpenAPI requires of them (unique
//! operation ids, a success response, path parameters that match the template, parameters in
//! a place OpenAPI 3 has).

use serde_json::Value;

use super::openapi::{Header, MediaType, Operation, Parameter, Reader, RequestBody, Response};
use super::schema::{examples, kind, text};
use crate::load::Node;

/// HTTP methods a path item may hold.
pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Path item keys besides the methods.
const PATH_ITEM_KEYS: [&str; 5] = ["$ref", "summary", "description", "servers", "parameters"];

/// Where a parameter may be, in OpenAPI 3.
const PLACES: [&str; 4] = ["path", "query", "header", "cookie"];

impl<'a> Reader<'a, '_> {
    pub(super) fn paths(&mut self, root: &Node<'a>) -> Vec<Operation<'a>> {
        let mut operations = Vec::new();
        let Some(paths) = root.child("paths") else {
            return operations;
        };
        let Some(map) = paths.value.as_object() else {
            let found = kind(paths.value);
            self.error(
                &paths,
                format!("`paths` must be an object of paths, found {found}"),
            );
            return operations;
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
            let walked = item.pointer.clone();
            let Some(item) = self.follow(item) else {
                continue;
            };
            self.path_item(path, &template, (&item, &walked), &mut operations);
        }
        operations
    }

    fn path_item(
        &mut self,
        path: &'a str,
        template: &[&'a str],
        (item, walked): (&Node<'a>, &str),
        operations: &mut Vec<Operation<'a>>,
    ) {
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
        // Methods in the spec's order (the path item's keys), not a fixed one.
        for (method, _) in map
            .iter()
            .filter(|(key, _)| METHODS.contains(&key.as_str()))
        {
            // An operation may be a `$ref` to another file (DigitalOcean writes every one so):
            // its parameters, bodies and responses then resolve from that file.
            let Some(node) = item.child(method).and_then(|node| self.follow(node)) else {
                continue;
            };
            if !node.value.is_object() {
                let found = kind(node.value);
                self.error(
                    &node,
                    format!("an operation must be an object, found {found}"),
                );
                continue;
            }
            let walked = format!("{walked}/{method}");
            let operation = self.operation(path, (method, walked), template, node, &shared);
            operations.push(operation);
        }
    }

    fn operation(
        &mut self,
        path: &'a str,
        (method, pointer): (&'a str, String),
        template: &[&'a str],
        node: Node<'a>,
        shared: &[Parameter<'a>],
    ) -> Operation<'a> {
        let unique_id = self.operation_id(&node);
        let value = node.value;
        let string = |key: &str| text(value.get(key).and_then(Value::as_str));
        let own = self.parameters(&node, path, template);
        let overridden =
            |p: &Parameter<'a>| own.iter().any(|o| o.name == p.name && o.place == p.place);
        let mut parameters: Vec<Parameter<'a>> =
            shared.iter().filter(|p| !overridden(p)).cloned().collect();
        parameters.extend(own);
        // A name of the template that no parameter declares is still a path segment the
        // request must fill: a required string, which every segment can be.
        for &name in template {
            if parameters
                .iter()
                .any(|p| p.place == "path" && p.name == name)
            {
                continue;
            }
            self.warn(
                &node,
                format!(
                    "path parameter `{{{name}}}` of `{path}` is not declared: generated as a required `String` parameter `{name}` (declare it with `name: {name}` and `in: path` for its type)"
                ),
            );
            parameters.push(Parameter {
                node: node.clone(),
                name,
                place: "path",
                required: true,
                description: None,
                schema: None,
                style: None,
                explode: None,
            });
        }
        let request_body = node
            .child("requestBody")
            .and_then(|body| self.follow(body))
            .map(|body| RequestBody {
                required: body.value.get("required").and_then(Value::as_bool) == Some(true),
                content: self.media_types(&body),
                node: body,
            });
        let responses = self.responses(&node);
        Operation {
            path,
            method,
            pointer,
            operation_id: string("operationId").filter(|_| unique_id),
            summary: string("summary"),
            description: string("description"),
            tag: value
                .get("tags")
                .and_then(Value::as_array)
                .and_then(|tags| tags.first())
                .and_then(Value::as_str),
            parameters,
            request_body,
            responses,
            security: super::security::requirements(value.get("security")),
            node,
        }
    }

    /// Checks an operation's `operationId`: `false` when an earlier operation has it (a
    /// warning: the generated names are distinct all the same, none made from it).
    fn operation_id(&mut self, operation: &Node<'a>) -> bool {
        let Some(id) = operation.child("operationId") else {
            return true;
        };
        match id.value.as_str() {
            Some("") => self.error(&id, "empty `operationId`: expected a name"),
            Some(name) => {
                let here = self.spec.location(id.file, &id.pointer);
                match self.operation_ids.get(name) {
                    Some(first) => {
                        let message = format!(
                            "duplicate operationId `{name}`: also used at {first}; operationIds must be unique: this operation is named from its summary, else its method and path, not from it"
                        );
                        self.warn(&id, message);
                        return false;
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
        true
    }

    fn responses(&mut self, operation: &Node<'a>) -> Vec<Response<'a>> {
        let mut found = Vec::new();
        let Some(responses) = operation.child("responses") else {
            self.error(
                operation,
                "operation has no `responses`: expected at least a success response (2xx)",
            );
            return found;
        };
        let Some(map) = responses.value.as_object() else {
            let kind = kind(responses.value);
            self.error(
                &responses,
                format!("`responses` must be an object, found {kind}"),
            );
            return found;
        };
        for status in map.keys() {
            let Some(node) = responses.child(status).and_then(|r| self.follow(r)) else {
                continue;
            };
            let headers = self.headers(&node);
            found.push(Response {
                status,
                description: text(node.value.get("description").and_then(Value::as_str)),
                content: self.media_types(&node),
                headers,
                node,
            });
        }
        found
    }

    /// A response's headers, `$ref`s followed.
    fn headers(&mut self, response: &Node<'a>) -> Vec<Header<'a>> {
        let Some(headers) = response.child("headers") else {
            return Vec::new();
        };
        let names: Vec<&'a str> = match headers.value.as_object() {
            Some(map) => map.keys().map(String::as_str).collect(),
            None => return Vec::new(),
        };
        names
            .into_iter()
            .filter_map(|name| {
                let node = self.follow(headers.child(name)?)?;
                let value = node.value;
                Some(Header {
                    name,
                    required: value.get("required") == Some(&Value::Bool(true)),
                    description: text(value.get("description").and_then(Value::as_str)),
                    schema: node.child("schema"),
                    node,
                })
            })
            .collect()
    }

    /// The parameters of a path item or an operation, each checked, `$ref`s followed.
    fn parameters(
        &mut self,
        owner: &Node<'a>,
        path: &str,
        template: &[&'a str],
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
        template: &[&'a str],
    ) -> Option<Parameter<'a>> {
        let Some(map) = node.value.as_object() else {
            let found = kind(node.value);
            self.error(
                &node,
                format!("a parameter must be an object, found {found}"),
            );
            return None;
        };
        let name = match map.get("name") {
            Some(Value::String(name)) if !name.is_empty() => name.as_str(),
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
        let Some(Value::String(place)) = map.get("in") else {
            self.error(
                &node,
                format!(
                    "parameter `{name}` has no `in`: expected one of {}",
                    PLACES.join(", ")
                ),
            );
            return None;
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
        let required = map.get("required") == Some(&Value::Bool(true));
        if place == "path" {
            if !template.contains(&name) {
                self.error(
                    &at_in,
                    format!(
                        "path parameter `{name}` does not appear in the path `{path}`: expected `{{{name}}}` in it, or `in: query`"
                    ),
                );
            }
            if !required {
                self.error(
                    &node,
                    format!("path parameter `{name}` must have `required: true`"),
                );
            }
        }
        if !map.contains_key("schema") && !map.contains_key("content") {
            self.error(
                &node,
                format!(
                    "parameter `{name}` has neither `schema` nor `content`: expected a `schema`"
                ),
            );
        }
        Some(Parameter {
            name,
            place: place.as_str(),
            required: required || place == "path",
            description: text(map.get("description").and_then(Value::as_str)),
            schema: node.child("schema"),
            style: map.get("style"),
            explode: map.get("explode"),
            node,
        })
    }

    /// The media types of a request body or response (`content`), in the spec's order.
    fn media_types(&mut self, owner: &Node<'a>) -> Vec<MediaType<'a>> {
        let Some(content) = owner.child("content") else {
            return Vec::new();
        };
        let names: Vec<&'a str> = match content.value.as_object() {
            Some(map) => map.keys().map(String::as_str).collect(),
            None => return Vec::new(),
        };
        let mut found = Vec::new();
        for name in names {
            let Some(node) = content.child(name) else {
                continue;
            };
            let examples = self.media_examples(&node);
            found.push(MediaType {
                name,
                schema: node.child("schema"),
                examples,
                node,
            });
        }
        found
    }

    /// A media type's `example` and `examples`. A named example that is a `$ref` (to
    /// `components/examples`) is placed where it is used, which is in the media type's file.
    fn media_examples(&mut self, media: &Node<'a>) -> Vec<(String, &'a Value)> {
        let mut found = Vec::new();
        if let Some(example) = media.value.get("example") {
            found.push((format!("{}/example", media.pointer), example));
        }
        let Some(named) = media.child("examples") else {
            return found;
        };
        found.extend(examples(media, named.value));
        for name in named.keys() {
            let Some(example) = named.child(&name) else {
                continue;
            };
            if example.value.get("$ref").is_none() {
                continue;
            }
            let pointer = example.pointer.clone();
            if let Some(value) = self
                .follow(example)
                .and_then(|target| target.value.get("value"))
            {
                found.push((pointer, value));
            }
        }
        found
    }
}

/// The `{name}`s of a path template, in order.
fn template_parameters(path: &str) -> Result<Vec<&str>, String> {
    let mut names: Vec<&str> = Vec::new();
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
        if names.contains(&name) {
            return Err(format!("`{{{name}}}` appears twice"));
        }
        names.push(name);
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
            Ok(vec!["id", "other_id"])
        );
        assert_eq!(template_parameters("/a"), Ok(vec![]));
        assert!(template_parameters("/a/{id").is_err());
        assert!(template_parameters("/a/id}").is_err());
        assert!(template_parameters("/a/{}").is_err());
        assert!(template_parameters("/a/{{id}}").is_err());
        assert!(template_parameters("/a/{id}/{id}").is_err());
    }
}
