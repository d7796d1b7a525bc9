//! Bodies and results in their media types: what a request body is in each media type the
//! spec gives (the caller picks one when there are several), and what a call returns, from
//! the responses an operation declares (a body in JSON, text or bytes; nothing; a redirect; an
//! upgraded connection). The documented error responses are here too.

use heck::ToUpperCamelCase;

use super::build::{At, Builder, Hint};
use super::naming;
use super::{Body, BodyForm, Encoding, ErrorCase, Output, Param, QueryStyle, Ty};
use crate::load::Node;
use crate::spec::{self, MediaType};

/// How a body of media type `name` is written or read (parameters such as `charset` aside).
pub fn encoding(name: &str) -> Option<Encoding> {
    let essence = name.split(';').next().unwrap_or(name).trim();
    let essence = essence.to_ascii_lowercase();
    let (kind, subtype) = essence.split_once('/').unwrap_or((&essence, ""));
    // `application/json`, `application/scim+json`, `application/json+sarif`.
    if subtype.split(['+', '.']).any(|part| part == "json") {
        return Some(Encoding::Json);
    }
    match (kind, subtype) {
        ("application", "x-www-form-urlencoded") => Some(Encoding::Form),
        // Its parts are parameters (`multipart_parts`); other multipart types are not written.
        ("multipart", "form-data") => Some(Encoding::Multipart),
        ("multipart", _) => None,
        ("text", _) => Some(Encoding::Text),
        _ => Some(Encoding::Bytes),
    }
}

/// Which of several media types is read: JSON first, then text, then bytes.
fn preference(encoding: Encoding) -> u8 {
    match encoding {
        Encoding::Json => 0,
        Encoding::Text => 1,
        Encoding::Form => 2,
        Encoding::Multipart | Encoding::Bytes => 3,
    }
}

/// A status of a response, as the model groups them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Upgrade,
    Success,
    Redirect,
    Error,
    Default,
}

fn status(code: &str) -> Status {
    match code.as_bytes().first() {
        _ if code == "101" => Status::Upgrade,
        Some(b'2') => Status::Success,
        Some(b'3') => Status::Redirect,
        _ if code == "default" => Status::Default,
        _ => Status::Error,
    }
}

impl<'a> Builder<'a> {
    /// The request body in each media type the spec gives, or, when it is only
    /// `multipart/form-data`, its parts (set like parameters).
    pub(super) fn request_body(
        &mut self,
        spec: &spec::Operation<'a>,
        type_base: &str,
    ) -> (Option<Body>, Vec<Param>) {
        let Some(body) = spec.request_body.as_ref() else {
            return (None, Vec::new());
        };
        let multipart = |media: &&MediaType<'a>| encoding(media.name) == Some(Encoding::Multipart);
        if let [media] = body.content.as_slice() {
            if multipart(&media) {
                return (None, self.multipart_parts(media, type_base));
            }
        }
        let mut forms: Vec<BodyForm> = Vec::new();
        for media in &body.content {
            if multipart(&media) {
                let message = format!(
                    "request body media type `{}` beside others is not generated: the operation sends the others",
                    media.name
                );
                self.warn(&media.node, message);
                continue;
            }
            let Some(encoding) = encoding(media.name) else {
                let message = format!(
                    "request body media type `{}` is not supported yet: the operation is generated without it",
                    media.name
                );
                self.warn(&media.node, message);
                continue;
            };
            let mut checks = None;
            let ty = match encoding {
                Encoding::Text => Ty::String,
                Encoding::Bytes | Encoding::Multipart => Ty::Bytes,
                Encoding::Json | Encoding::Form => {
                    let tail = ["requestBody", "content", media.name, "schema"];
                    let hint = Hint::literal(format!("{type_base}Body"));
                    let ty = match &media.schema {
                        Some(schema) => self.ty(&within(spec, &tail, schema), &hint),
                        None => Ty::Json,
                    };
                    if let Some(schema) = &media.schema {
                        checks = self.checks(schema, &ty);
                    }
                    if encoding == Encoding::Json {
                        self.examples(media.node.file, &media.examples, Some(&ty));
                    }
                    ty
                }
            };
            forms.push(BodyForm {
                media_type: media.name.to_string(),
                encoding,
                ty,
                variant: String::new(),
                checks,
            });
        }
        variant_names(&mut forms);
        let body = (!forms.is_empty()).then_some(Body {
            forms,
            required: body.required,
        });
        (body, Vec::new())
    }

    /// The parts of a `multipart/form-data` body: a parameter per property of its schema, a
    /// file ([`Ty::File`]) where the property is binary (`format: binary`, or a
    /// `contentMediaType`), and arrays of them.
    fn multipart_parts(&mut self, media: &MediaType<'a>, type_base: &str) -> Vec<Param> {
        let object = media.schema.as_ref().and_then(|schema| self.follow(schema));
        let Some(object) = object else {
            return Vec::new();
        };
        let schema = self.schema(&object);
        let properties = schema.property_list().to_vec();
        if properties.is_empty() {
            let message = format!(
                "a `{}` body without properties is not generated: the operation sends no body",
                media.name
            );
            self.warn(&media.node, message);
        }
        let mut parts = Vec::new();
        for (wire, property) in properties {
            let ty = match self.file(&property) {
                Some(ty) => ty,
                None => {
                    let hint = Hint::literal(format!("{type_base}{}", wire.to_upper_camel_case()));
                    let ty = self.ty(&At::direct(property.clone()), &hint);
                    // A part that is not sent is absent: `null` has no multipart form.
                    self.not_null(ty)
                }
            };
            let doc = self.schema(&property).doc();
            let checks = self.checks(&property, &ty);
            parts.push(Param {
                ident: naming::field_name(wire),
                wire: wire.to_string(),
                doc,
                ty,
                required: schema.required.contains(&wire),
                default: None,
                style: QueryStyle::Single,
                checks,
            });
        }
        parts
    }

    /// `Ty::File` for a binary property, `Vec<Ty::File>` for an array of them.
    fn file(&mut self, property: &Node<'a>) -> Option<Ty> {
        let property = self.follow(property)?;
        let schema = self.schema(&property);
        let binary =
            schema.format == Some("binary") || schema.annotations.content_media_type.is_some();
        if binary {
            return Some(Ty::File);
        }
        let items = schema.items.clone()?;
        let items = self.follow(&items)?;
        let item = self.schema(&items);
        let binary = item.format == Some("binary") || item.annotations.content_media_type.is_some();
        binary.then(|| Ty::Vec(Box::new(Ty::File)))
    }

    /// What a successful call returns, and the documented error responses. The first 2xx
    /// response decides; without one, a 101, the 3xx ones, then `default`.
    pub(super) fn output(
        &mut self,
        spec: &spec::Operation<'a>,
        type_base: &str,
    ) -> (Output, Vec<ErrorCase>) {
        let mut errors = Vec::new();
        let of = |wanted: Status| {
            spec.responses
                .iter()
                .filter(move |entry| status(entry.status) == wanted)
        };
        let successes: Vec<&spec::Response<'a>> = of(Status::Success).collect();
        let output = if !successes.is_empty() {
            let outputs: Vec<Output> = successes
                .iter()
                .map(|entry| self.body_output(spec, entry, type_base))
                .collect();
            let with_body = outputs.iter().position(|output| *output != Output::Empty);
            match with_body {
                None => Output::Empty,
                Some(first) => {
                    for (entry, other) in successes.iter().zip(&outputs) {
                        if *other != Output::Empty && *other != outputs[first] {
                            let message = format!(
                                "response {} has another body than {}: the client reads every 2xx response as {}'s",
                                entry.status, successes[first].status, successes[first].status
                            );
                            self.warn(&entry.node, message);
                        }
                    }
                    let mut output = outputs[first].clone();
                    // Some successes have no body (`200` with nothing, `202` with JSON): an
                    // empty body decodes as `null`, so the result is an `Option`.
                    let some_empty = outputs.contains(&Output::Empty);
                    if let Output::Body {
                        encoding: Encoding::Json,
                        ty,
                        ..
                    } = &mut output
                    {
                        if some_empty && !matches!(ty, Ty::Option(_)) {
                            *ty = Ty::Option(Box::new(ty.clone()));
                        }
                    }
                    output
                }
            }
        } else if of(Status::Upgrade).next().is_some() {
            // OpenAPI cannot say to what; in APIs it is WebSocket (Dropshot's
            // `x-dropshot-websocket` says so outright).
            Output::Upgrade {
                protocol: "websocket".into(),
            }
        } else if of(Status::Redirect).next().is_some() {
            Output::Redirect
        } else if let Some(default) = of(Status::Default).next() {
            self.body_output(spec, default, type_base)
        } else {
            let node = spec
                .node
                .child("responses")
                .unwrap_or_else(|| spec.node.clone());
            let codes: Vec<&str> = spec.responses.iter().map(|r| r.status).collect();
            let listed = if codes.is_empty() {
                "no response at all".to_string()
            } else {
                format!("only {}", codes.join(", "))
            };
            self.warn(
                &node,
                format!(
                    "operation declares no success response (2xx or `default`), {listed}: the call returns the body of any 2xx response as bytes"
                ),
            );
            Output::Body {
                encoding: Encoding::Bytes,
                ty: Ty::Bytes,
                accept: Some("*/*".into()),
            }
        };
        // A redirect where the result is something else is an error (`Error::Redirect`).
        let redirect_fails = output != Output::Redirect;
        for entry in &spec.responses {
            match status(entry.status) {
                Status::Error => errors.extend(self.error_case(entry)),
                Status::Redirect if redirect_fails => errors.extend(self.error_case(entry)),
                _ => {}
            }
        }
        (output, errors)
    }

    /// What a response's body is, in the media type the client asks for.
    fn body_output(
        &mut self,
        spec: &spec::Operation<'a>,
        entry: &spec::Response<'a>,
        type_base: &str,
    ) -> Output {
        let readable = entry
            .content
            .iter()
            .filter_map(|media| Some((media, encoding(media.name)?)))
            .min_by_key(|(_, encoding)| preference(*encoding));
        let Some((media, encoding)) = readable else {
            if let Some(media) = entry.content.first() {
                let message = format!(
                    "response media type `{}` is not read yet: the call returns nothing",
                    media.name
                );
                self.warn(&media.node, message);
            }
            return Output::Empty;
        };
        let accept = (media.name != "application/json").then(|| media.name.to_string());
        let ty = match encoding {
            Encoding::Json => {
                let ty = match &media.schema {
                    Some(schema) => {
                        let tail = ["responses", entry.status, "content", media.name, "schema"];
                        let at = within(spec, &tail, schema);
                        self.ty(&at, &Hint::literal(format!("{type_base}Response")))
                    }
                    None => Ty::Json,
                };
                self.examples(media.node.file, &media.examples, Some(&ty));
                ty
            }
            Encoding::Text => Ty::String,
            Encoding::Form | Encoding::Multipart | Encoding::Bytes => {
                self.warn_unless_raw(media);
                Ty::Bytes
            }
        };
        // A form response is read as the bytes it is.
        let encoding = match encoding {
            Encoding::Form | Encoding::Multipart => Encoding::Bytes,
            other => other,
        };
        Output::Body {
            encoding,
            ty,
            accept,
        }
    }

    /// A body read as bytes whose schema says more (an object in a media type that is not
    /// JSON, `application/vnd.github.v3.object`) is a warning: the bytes are all there.
    fn warn_unless_raw(&mut self, media: &MediaType<'a>) {
        let Some(schema) = &media.schema else {
            return;
        };
        let schema = self.schema(schema);
        let raw = match &schema.types {
            None => schema.properties.is_none() && schema.items.is_none(),
            Some(spec::schema::Types::One(kind)) => *kind == "string",
            Some(spec::schema::Types::Many(kinds)) => kinds.iter().all(|k| *k == "string"),
        };
        if !raw {
            let message = format!(
                "media type `{}` is not JSON: its body is returned as bytes, not as its schema's type",
                media.name
            );
            self.warn(&media.node, message);
        }
    }

    /// A documented error response: its status and the codes its body's schema names.
    fn error_case(&mut self, entry: &spec::Response<'a>) -> Option<ErrorCase> {
        let media = entry
            .content
            .iter()
            .find(|media| encoding(media.name) == Some(Encoding::Json));
        let schema = media.and_then(|media| media.schema.as_ref());
        // The consts of the settings' first code field become `ErrorCode`.
        let code_field = self.settings.errors.code.first().cloned();
        let codes = schema
            .zip(code_field)
            .map(|(schema, field)| self.error_codes(schema, &field))
            .unwrap_or_default();
        let status = entry.status.parse::<u16>().ok()?;
        Some(ErrorCase {
            status,
            codes,
            description: entry.description.clone(),
        })
    }

    /// The consts of the `field` (`code`) property of an error body schema (directly or in its
    /// `oneOf`/`anyOf` members).
    fn error_codes(&mut self, node: &Node<'a>, field: &str) -> Vec<String> {
        let schema = self.schema(node);
        let mut codes = Vec::new();
        let property = schema.property_list().iter().find(|(key, _)| *key == field);
        if let Some((_, code)) = property {
            if let Some(serde_json::Value::String(code)) = self.schema(code).constant {
                codes.push(code.clone());
            }
        }
        for member in schema.union_members() {
            codes.extend(self.error_codes(member, field));
        }
        codes
    }
}

/// Each form's variant: its encoding's name (`Json`, `Text`) when no other form has that
/// encoding, else its media type's (`TextXMarkdown`), numbered when even that repeats.
fn variant_names(forms: &mut [BodyForm]) {
    let encodings: Vec<Encoding> = forms.iter().map(|form| form.encoding).collect();
    let mut given: Vec<String> = Vec::new();
    for form in forms.iter_mut() {
        let shared = encodings.iter().filter(|e| **e == form.encoding).count() > 1;
        let name = if shared {
            let essence = form.media_type.split(';').next().unwrap_or_default();
            naming::type_name(essence, &[])
        } else {
            format!("{:?}", form.encoding)
        };
        let name = if name.is_empty() {
            "Body".to_string()
        } else {
            name.to_upper_camel_case()
        };
        let name = if given.contains(&name) {
            naming::numbered(&name, |candidate| !given.iter().any(|g| g == candidate))
        } else {
            name
        };
        given.push(name.clone());
        form.variant = name;
    }
}

/// A schema of an operation, with the pointer it has as walked from the operation (through the
/// `$ref` of a shared request body or response), for the settings' overrides.
pub(super) fn within<'a>(
    operation: &spec::Operation<'a>,
    tail: &[&str],
    schema: &Node<'a>,
) -> At<'a> {
    let mut logical = format!("#{}", operation.pointer);
    for token in tail {
        logical.push('/');
        logical.push_str(&crate::load::escape(token));
    }
    At {
        node: schema.clone(),
        logical,
    }
}
