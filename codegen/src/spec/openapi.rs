//! An OpenAPI document as Rust types: info, servers, tags, component schemas, and the paths
//! with their operations, parameters, request bodies and responses. Read once, in one walk that
//! also checks what OpenAPI requires of them (unique operation ids, a success response, path
//! parameters that match the template, parameters in a place OpenAPI 3 has). Schemas stay
//! [`Node`]s here: [`super::Schema`] reads them.

use std::collections::HashMap;

use serde_json::Value;

use super::schema::{kind, text};
use super::security::{Requirement, SecurityScheme};
use crate::diagnostics::{Diagnostics, Location};
use crate::load::{Node, Spec};

#[derive(Clone, Debug, Default)]
pub struct Document<'a> {
    pub title: Option<&'a str>,
    pub description: Option<String>,
    pub version: Option<&'a str>,
    /// The first server's URL.
    pub base_url: Option<&'a str>,
    /// Declared tags: name and description.
    pub tags: Vec<(&'a str, Option<String>)>,
    /// `components/schemas`: the name and its node (as written, maybe a `$ref`).
    pub schemas: Vec<(&'a str, Node<'a>)>,
    /// `components/securitySchemes`.
    pub security_schemes: Vec<SecurityScheme<'a>>,
    /// The document's `security`: what every operation requires unless it says otherwise.
    pub security: Option<Vec<Requirement<'a>>>,
    pub operations: Vec<Operation<'a>>,
    /// Valid constructs of the document that the generated client cannot follow exactly.
    pub warnings: Vec<crate::diagnostics::Diagnostic>,
}

#[derive(Clone, Debug)]
pub struct Operation<'a> {
    /// The operation object, its `$ref` followed (maybe in another file).
    pub node: Node<'a>,
    /// Where it is as walked from the entry document (`/paths/~1things/get`), through any
    /// `$ref` of its path item or its own: the key the settings name its schemas by.
    pub pointer: String,
    pub path: &'a str,
    pub method: &'a str,
    /// `None` also when an earlier operation has it (warned): no name is made from it.
    pub operation_id: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// The first tag.
    pub tag: Option<&'a str>,
    /// The path item's parameters that the operation's own do not override (same name and
    /// place), then the operation's own, each in declaration order.
    pub parameters: Vec<Parameter<'a>>,
    pub request_body: Option<RequestBody<'a>>,
    /// In the spec's order.
    pub responses: Vec<Response<'a>>,
    /// Its own `security` (`Some(vec![])`: none; `None`: the document's).
    pub security: Option<Vec<Requirement<'a>>>,
}

#[derive(Clone, Debug)]
pub struct Parameter<'a> {
    pub node: Node<'a>,
    pub name: &'a str,
    pub place: &'a str,
    pub required: bool,
    pub description: Option<String>,
    pub schema: Option<Node<'a>>,
    /// `style` and `explode` as written (checked where the schema's shape is known).
    pub style: Option<&'a Value>,
    pub explode: Option<&'a Value>,
}

#[derive(Clone, Debug)]
pub struct RequestBody<'a> {
    pub node: Node<'a>,
    pub required: bool,
    pub content: Vec<MediaType<'a>>,
}

#[derive(Clone, Debug)]
pub struct Response<'a> {
    pub node: Node<'a>,
    pub status: &'a str,
    pub description: Option<String>,
    pub content: Vec<MediaType<'a>>,
    /// Its headers, `$ref`s followed, in the spec's order.
    pub headers: Vec<Header<'a>>,
}

/// A response header.
#[derive(Clone, Debug)]
pub struct Header<'a> {
    pub node: Node<'a>,
    pub name: &'a str,
    pub required: bool,
    pub description: Option<String>,
    pub schema: Option<Node<'a>>,
}

#[derive(Clone, Debug)]
pub struct MediaType<'a> {
    pub node: Node<'a>,
    pub name: &'a str,
    pub schema: Option<Node<'a>>,
    /// `example` and `examples`: each value's pointer in its file, and the value.
    pub examples: Vec<(String, &'a Value)>,
}

impl<'a> MediaType<'a> {
    /// The media type named `name` among `content`.
    pub fn find<'c>(content: &'c [MediaType<'a>], name: &str) -> Option<&'c MediaType<'a>> {
        content.iter().find(|media| media.name == name)
    }
}

/// Reads the entry document of a spec, reporting what is broken in it.
pub fn read<'a>(spec: &'a Spec, errors: &mut Diagnostics) -> Document<'a> {
    let mut reader = Reader {
        spec,
        errors,
        warnings: Vec::new(),
        operation_ids: HashMap::new(),
    };
    let root = spec.root();
    let mut document = Document::default();
    if spec.roots().count() > 1 {
        return json_schema(&mut reader);
    }
    match reader.version(&root) {
        Kind::OpenApi => {}
        Kind::JsonSchema => return json_schema(&mut reader),
        Kind::Unreadable => return document,
    }
    let value = root.value;
    let info = value.get("info");
    document.title = info.and_then(|i| i.get("title")).and_then(Value::as_str);
    document.version = info.and_then(|i| i.get("version")).and_then(Value::as_str);
    document.description = text(
        info.and_then(|i| i.get("description"))
            .and_then(Value::as_str),
    );
    document.base_url = value.pointer("/servers/0/url").and_then(Value::as_str);
    document.tags = value
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|tag| {
            let name = tag.get("name")?.as_str()?;
            Some((name, text(tag.get("description").and_then(Value::as_str))))
        })
        .collect();
    if let Some(schemas) = root.child("components").and_then(|c| c.child("schemas")) {
        document.schemas = schemas
            .value
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(name, _)| Some((name.as_str(), schemas.child(name)?)))
            .collect();
    }
    document.security_schemes = super::security::schemes(&root);
    document.security = super::security::requirements(value.get("security"));
    document.operations = reader.paths(&root);
    document.warnings = std::mem::take(&mut reader.warnings);
    document
}

/// What a document is.
enum Kind {
    OpenApi,
    JsonSchema,
    Unreadable,
}

/// Bare JSON Schema documents (one file, or a folder's files): each root (named from its
/// `title`, else the file's name) and its `$defs`/`definitions` are the components. A root
/// that only holds definitions is no type. One file's title names the crate; a folder's
/// crate is named by the settings.
fn json_schema<'a>(reader: &mut Reader<'a, '_>) -> Document<'a> {
    let spec = reader.spec;
    let mut document = Document::default();
    for root in spec.roots() {
        if let Some(field) = root.child("openapi").filter(|_| spec.roots().count() > 1) {
            reader.error(
                &field,
                "an OpenAPI document among a folder's JSON Schema files: a folder's OpenAPI document is its `openapi.json`, `openapi.yaml` or `openapi.yml`",
            );
            continue;
        }
        let schema = super::Schema::read(root.clone());
        let stem = root.file.rsplit('/').next().unwrap_or(root.file);
        let stem = stem.split('.').next().unwrap_or(stem);
        let holds_only_definitions = schema.taken.iter().all(|(key, _)| {
            matches!(
                *key,
                "$schema" | "$id" | "$comment" | "$defs" | "definitions" | "title" | "description"
            )
        });
        if !holds_only_definitions {
            document
                .schemas
                .push((schema.title.unwrap_or(stem), root.clone()));
        }
        document.schemas.extend(schema.defs.iter().cloned());
        if spec.roots().count() == 1 {
            document.title = schema.title.or(Some(stem));
            document.description = schema.doc();
        }
    }
    document
}

pub(super) struct Reader<'a, 'e> {
    pub(super) spec: &'a Spec,
    pub(super) errors: &'e mut Diagnostics,
    pub(super) warnings: Vec<crate::diagnostics::Diagnostic>,
    /// Where each operationId was first seen.
    pub(super) operation_ids: HashMap<String, Location>,
}

impl<'a> Reader<'a, '_> {
    pub(super) fn error(&mut self, node: &Node<'a>, message: impl Into<String>) {
        let location = self.spec.location(node.file, &node.pointer);
        self.errors.error(location, message);
    }

    pub(super) fn warn(&mut self, node: &Node<'a>, message: impl Into<String>) {
        let location = self.spec.location(node.file, &node.pointer);
        self.warnings
            .push(crate::diagnostics::Diagnostic::new(location, message));
    }

    /// Follows a `$ref` (reporting a dangling one) to a path item, an operation, a parameter,
    /// a body, a response, a header or an example: anything but the OpenAPI document itself.
    pub(super) fn follow(&mut self, node: Node<'a>) -> Option<Node<'a>> {
        match node.value.get("$ref").and_then(Value::as_str) {
            None => Some(node),
            Some(reference) => match self.spec.resolve(&node, reference) {
                Ok(target) if target.file == self.spec.entry() && target.pointer.is_empty() => {
                    let message = format!(
                        "`$ref: {reference}` points at the whole OpenAPI document: expected a part of it (`#/components/...`) or another file"
                    );
                    self.error(&node, message);
                    None
                }
                Ok(target) => Some(target),
                Err((location, message)) => {
                    self.errors.error(location, message);
                    None
                }
            },
        }
    }

    /// What the document is: OpenAPI 3.0 or 3.1, a JSON Schema (no `openapi` field), or
    /// neither (reported).
    fn version(&mut self, root: &Node<'a>) -> Kind {
        if !root.value.is_object() {
            let found = kind(root.value);
            self.error(
                root,
                format!("not an OpenAPI document: expected an object with an `openapi` field (3.0.x or 3.1.x), found {found}"),
            );
            return Kind::Unreadable;
        }
        if let Some(swagger) = root.child("swagger") {
            self.error(
                &swagger,
                "Swagger (OpenAPI 2.0) is not supported: expected `openapi: 3.0.x` or `3.1.x` (convert the spec to OpenAPI 3)",
            );
            return Kind::Unreadable;
        }
        // Without `openapi`, the document is a JSON Schema (a bare schema file).
        let Some(field) = root.child("openapi") else {
            return Kind::JsonSchema;
        };
        match field.value.as_str() {
            Some(v)
                if v.starts_with("3.0.") || v.starts_with("3.1.") || v == "3.0" || v == "3.1" => {}
            Some(v) => self.error(
                &field,
                format!("OpenAPI version `{v}` is not supported: expected 3.0.x or 3.1.x"),
            ),
            None => {
                let found = kind(field.value);
                self.error(
                    &field,
                    format!("`openapi` must be a version string such as \"3.1.0\", found {found}"),
                )
            }
        }
        Kind::OpenApi
    }
}
