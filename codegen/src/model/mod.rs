//! Stage 2: a model of what the generated crate holds (named types, the list envelope, the
//! spec's examples), decided from the spec and the settings. Emitting code is stage 3's job.

mod build;
pub mod checks;
mod dedup;
pub mod derives;
mod extra_keys;
pub mod integers;
mod list;
mod media;
mod names;
pub mod naming;
mod operation_names;
mod operations;
pub mod package;
mod query_style;
pub mod recursion;
pub mod runtime;
mod security;
mod shape;
mod types;
mod union_names;
mod unions;

use std::collections::HashSet;

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Error};
use crate::load::Spec;
use crate::settings::Settings;

/// Builds the model of a loaded spec.
pub fn build(spec: &Spec, settings: &Settings) -> Result<Model, Error> {
    let mut model = build::Builder::new(spec, settings).build()?;
    dedup::merge_identical(&mut model);
    derives::apply(&mut model, spec, settings)?;
    if settings.strict && !model.warnings.is_empty() {
        let errors = model.warnings.iter().map(|warning| {
            let message = format!(
                "{} (an error: the settings say `strict = true`)",
                warning.message
            );
            Diagnostic::new(warning.location.clone(), message)
        });
        return Err(Error::Spec(errors.collect()));
    }
    unions::conversions(&mut model);
    operations::body_fields(&mut model);
    checks::finish(&mut model);
    model.runtime = runtime::needs(&model);
    Ok(model)
}

#[derive(Clone, Debug)]
pub struct Model {
    /// `info.title` and `info.description`, for the crate documentation.
    pub title: String,
    pub description: Option<String>,
    /// Named types, in the order the spec first mentions them.
    pub types: Vec<TypeDef>,
    /// The generic list envelope, if the spec has list responses.
    pub list: Option<ListEnvelope>,
    /// Every `example` in the spec, with the type it must deserialize into.
    pub examples: Vec<Example>,
    /// Operation groups (one module each), in the order operations first use them.
    pub tags: Vec<Tag>,
    pub operations: Vec<Operation>,
    /// The base URL: the spec's first server.
    pub base_url: Option<String>,
    /// The open enum of every documented error `code` (`ErrorCode`), if any is documented.
    pub error_code: Option<TypeDef>,
    /// The enum of webhook event names (settings' `[webhooks] event_enum`).
    pub event_enum: Option<TypeId>,
    /// What the client reads and writes beyond the schemas and operations (settings).
    pub profile: crate::settings::Profile,
    /// The security schemes the client can send, in the spec's order.
    pub schemes: Vec<SecurityScheme>,
    /// Valid constructs the generated types cannot follow exactly, each with the closest sound
    /// type (a `serde_json::Value` fallback, a constraint not enforced).
    pub warnings: Vec<Diagnostic>,
    /// The crate's package name and version (set by [`build`], from the settings or `info`).
    pub package: package::Package,
    /// The runtime modules and crates the generated code uses (set by [`build`], last).
    pub runtime: runtime::Runtime,
    /// Crates that `x-rust-type` names, with their versions: dependencies of the crate.
    pub external_crates: std::collections::BTreeMap<String, String>,
}

/// Index into [`Model::types`].
pub type TypeId = usize;

/// A Rust type a schema maps to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    String,
    /// `format: date-time`.
    DateTime,
    /// `format: date` (RFC 3339's full-date, `2024-05-18`): `chrono::NaiveDate`.
    Date,
    /// `format: ipv4` and `ipv6`: `std::net::Ipv4Addr`, `Ipv6Addr`.
    Ipv4,
    Ipv6,
    /// `i64`: `integer` without a format, or `format: int64`.
    Integer,
    /// `format: int8` .. `uint64`.
    Int(integers::Int),
    Number,
    Bool,
    /// Anything the generator does not model (reported as a warning).
    Json,
    /// The raw bytes of a body that is not JSON (`Vec<u8>`).
    Bytes,
    /// A file of a `multipart/form-data` body: bytes with a file name and a content type.
    File,
    Named(TypeId),
    /// A type named by the settings' `[types]`, before names are resolved to ids.
    ByName(String),
    /// A type of another crate, by path (`[types]` values with `::`, `x-rust-type`), with its
    /// generic arguments.
    External {
        path: String,
        args: Vec<Ty>,
    },
    Vec(Box<Ty>),
    /// An array of a fixed length, an item type per place (`prefixItems`, or `items` as an
    /// array in drafts before 2020-12).
    Tuple(Vec<Ty>),
    /// An object with only `additionalProperties`.
    Map(Box<Ty>),
    Option(Box<Ty>),
    /// The generic list envelope around items of this type.
    List(Box<Ty>),
}

#[derive(Clone, Debug)]
pub struct TypeDef {
    pub name: String,
    pub doc: Option<String>,
    /// Where the schema is, as `file#pointer` inside the spec folder.
    pub source: String,
    pub kind: Kind,
    /// Derives beyond those the kind always has, and attributes, from the settings' `[derives]`
    /// and `[attributes]` where they compile ([`derives`]).
    pub derives: Vec<String>,
    pub attributes: Vec<String>,
    /// The checks of its own schema that decoding does not enforce (`minProperties`, `not`,
    /// ...; an alias's or newtype's: those of its value) ([`checks`]).
    pub checks: Option<checks::Check>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Struct(Struct),
    /// An open string enum: known values plus `Unknown(String)`.
    Enum(Enum),
    /// A closed enum of JSON values that are not all strings (integers, booleans, objects,
    /// mixed): each value a variant, compared as JSON Schema compares values.
    Values(Values),
    /// A `oneOf`/`anyOf`: one Rust enum variant per member.
    Union(Union),
    Alias(Ty),
    /// `pub struct Name(pub T)`: a schema of another type with checks of its own (an alias has
    /// no `validate` of its own to hold them).
    Newtype(Ty),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Union {
    /// The property whose value names the variant (a `const` in every member). Tagged unions
    /// also keep values with an unknown tag (`Unknown(serde_json::Value)`); untagged ones take
    /// the first variant that fits.
    pub tag: Option<String>,
    pub variants: Vec<UnionVariant>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnionVariant {
    pub ident: String,
    /// The tag's value that selects this variant (tagged unions only).
    pub tag_value: Option<String>,
    pub ty: Ty,
    pub doc: Option<String>,
    /// The union implements `From` its type: a named type no other variant's Rust type equals
    /// (`unions::conversions`).
    pub from: bool,
    /// The member schema's checks on the variant's value.
    pub checks: Option<checks::Check>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Struct {
    /// A required `const` string property, carried as a serde tag rather than a field.
    pub tag: Option<SerdeTag>,
    pub fields: Vec<Field>,
    /// Properties it does not list are rejected when decoding (`additionalProperties: false`).
    pub deny_unknown: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SerdeTag {
    pub property: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    /// The Rust identifier (may be a raw identifier such as `r#type`).
    pub ident: String,
    /// The JSON property name.
    pub wire: String,
    pub doc: Option<String>,
    /// Already wrapped in `Option` when the property is optional or nullable.
    pub ty: Ty,
    /// Required properties are always serialized (as `null` when nullable and empty).
    pub required: bool,
    /// Never shown by `Debug`.
    pub redact: bool,
    /// Its properties sit beside the struct's own (`#[serde(flatten)]`): a `oneOf` inside an
    /// `allOf`, or the map of the properties the struct does not list.
    pub flatten: bool,
    /// The schema's `default`, as JSON text, for an optional property of a scalar or enum type:
    /// the field is then no `Option`, and takes this value when the property is absent.
    pub default: Option<String>,
    /// What `validate()` checks of its value ([`checks`]).
    pub checks: Option<checks::Check>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Enum {
    pub variants: Vec<Variant>,
    /// Index of the spec's `default` value.
    pub default: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Variant {
    pub ident: String,
    pub wire: String,
}

/// The values of an enum that is not of strings alone. Each variant's `wire` is its value as
/// JSON text (`512`, `true`, `{"a":1}`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Values {
    pub variants: Vec<Variant>,
    /// Index of the spec's `default` value.
    pub default: Option<usize>,
}

/// A group of operations (an OpenAPI tag).
#[derive(Clone, Debug)]
pub struct Tag {
    pub name: String,
    pub doc: Option<String>,
    /// Its module, also the `Client` method that returns its handle (`webhooks`): distinct from
    /// the other tags' and from every name the crate root and `Client` already have.
    pub module: String,
    /// Its handle's type (`Webhooks`), clear of the module's imports, types and builders.
    pub handle: String,
}

#[derive(Clone, Debug)]
pub struct Operation {
    pub tag: String,
    /// The method name (`create_webhook_endpoint`).
    pub name: String,
    /// The same in UpperCamelCase, for the operation's types (`CreateWebhookEndpoint`).
    pub type_base: String,
    /// The request builder's type (`CreateWebhookEndpointRequest`), clear of the spec's types.
    pub builder: String,
    /// The name of the body's type in the tag module (`CreateWebhookEndpointParams`), when the
    /// operation has a body: an alias of the body's type, or the type itself when it has the name.
    pub params: Option<String>,
    /// `get`, `post`, ...
    pub method: String,
    /// The path template (`/webhook_endpoints/{id}`).
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub path_params: Vec<Param>,
    pub query_params: Vec<Param>,
    /// Header parameters (not those the client sends itself: `Accept`, `Content-Type`,
    /// `Authorization`, the idempotency key). Arrays are [`QueryStyle::Comma`].
    pub header_params: Vec<Param>,
    pub cookie_params: Vec<Param>,
    /// The parts of a `multipart/form-data` body, one per property of its schema, set like
    /// parameters (files are [`Ty::File`]); the operation then has no other `body`.
    pub part_params: Vec<Param>,
    pub body: Option<Body>,
    /// The body is set field by field (a setter each, from `Default`): the struct it is, whose
    /// fields are all optional. `None`: the body, if any, is an argument.
    pub body_fields: Option<TypeId>,
    /// What a successful call returns.
    pub output: Output,
    pub errors: Vec<ErrorCase>,
    /// Returns a list envelope and takes its `after` cursor: can be streamed.
    pub pagination: Option<Pagination>,
    /// The header of an idempotency key, when the operation takes one (POST and PATCH, when the
    /// settings name the header): it gets an `.idempotency_key(..)` setter.
    pub idempotency_header: Option<String>,
    /// The spec's `operationId`, else the method name: what hooks and tracing name it by.
    pub operation_id: String,
    /// The alternatives it accepts, each the names of the schemes it needs together (empty: no
    /// credential).
    pub security: Vec<Vec<String>>,
    /// The per-request schemes it accepts: its request builder has their methods.
    pub credentials: Vec<String>,
}

impl Operation {
    /// Every parameter: path, query, header and cookie ones and body parts, in that order.
    pub fn params(&self) -> impl Iterator<Item = &Param> {
        let places = [
            &self.path_params,
            &self.query_params,
            &self.header_params,
            &self.cookie_params,
            &self.part_params,
        ];
        places.into_iter().flatten()
    }
}

/// A security scheme the client sends, and the method that gives its credential.
#[derive(Clone, Debug)]
pub struct SecurityScheme {
    /// Its name in `components/securitySchemes`.
    pub name: String,
    pub credential: Credential,
    /// The method (`api_key`), of the client builder or, when `per_request`, of the request
    /// builders of the operations that accept it.
    pub method: String,
    pub per_request: bool,
    pub doc: Option<String>,
}

/// How a scheme's credential is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credential {
    /// `Authorization: Bearer <token>`: http `bearer`, OAuth 2, OpenID Connect.
    Bearer,
    /// `Authorization: Basic <base64 of user:password>`.
    Basic,
    /// An API key in this header, query parameter or cookie.
    Header(String),
    Query(String),
    Cookie(String),
}

/// A request body: one media type, or several the caller picks from (an enum named
/// [`Operation::params`], a variant each).
#[derive(Clone, Debug)]
pub struct Body {
    pub forms: Vec<BodyForm>,
    /// Whether the spec requires it.
    pub required: bool,
}

impl Body {
    /// The body's type when it has one media type.
    pub fn single(&self) -> Option<&BodyForm> {
        match self.forms.as_slice() {
            [form] => Some(form),
            _ => None,
        }
    }
}

/// A body in one media type.
#[derive(Clone, Debug)]
pub struct BodyForm {
    /// As the spec names it (`application/json; charset=utf-8`), sent as `Content-Type`.
    pub media_type: String,
    pub encoding: Encoding,
    pub ty: Ty,
    /// Its variant in the enum of several forms (`Json`, `Text`, `TextXMarkdown`).
    pub variant: String,
    /// What is checked of it before the request is sent.
    pub checks: Option<checks::Check>,
}

/// How a body is written or read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// `application/json` and every `+json` type.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `text/*`: a `String`.
    Text,
    /// `multipart/form-data`: parts ([`Operation::part_params`]); a result of it is bytes.
    Multipart,
    /// Anything else (`application/octet-stream`, `*/*`, images): bytes.
    Bytes,
}

/// What a successful call returns.
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    /// Nothing: 204, 205, a success without content, or no success response declared.
    Empty,
    /// The body, in `encoding`, asked for with `Accept: accept` when that is not
    /// `application/json` (the client's default). `ty` is what JSON decodes to.
    Body {
        encoding: Encoding,
        ty: Ty,
        accept: Option<String>,
    },
    /// Only 3xx declared: the redirect's status and `Location` (redirects are not followed).
    Redirect,
    /// `101 Switching Protocols`: the connection, upgraded to `protocol`.
    Upgrade { protocol: String },
}

impl Output {
    /// The JSON result's type.
    pub fn json(&self) -> Option<&Ty> {
        match self {
            Output::Body {
                encoding: Encoding::Json,
                ty,
                ..
            } => Some(ty),
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Param {
    pub ident: String,
    pub wire: String,
    pub doc: Option<String>,
    pub ty: Ty,
    pub required: bool,
    pub default: Option<Value>,
    /// How it is written into the query string (path parameters: [`QueryStyle::Single`]).
    pub style: QueryStyle,
    /// What is checked of its value before the request is sent ([`checks`]).
    pub checks: Option<checks::Check>,
}

/// How a query parameter is written, from its `style` and `explode` in the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryStyle {
    /// One `name=value`: a single value.
    Single,
    /// An array as one `name=item` per item: `style: form` exploded, OpenAPI's default.
    Repeated,
    /// An array as one `name=`, its items joined by `,` (`style: form`, `explode: false`).
    Comma,
    /// An array as one `name=`, its items joined by `%20` (`style: spaceDelimited`).
    Space,
    /// An array as one `name=`, its items joined by `|` (`style: pipeDelimited`).
    Pipe,
    /// An object of `additionalProperties` as one `key=value` per entry: `style: form` exploded.
    Entries,
}

/// A documented error response.
#[derive(Clone, Debug)]
pub struct ErrorCase {
    pub status: u16,
    /// The `code` values its body may carry.
    pub codes: Vec<String>,
    pub description: Option<String>,
}

/// The settings' list envelope (`{ object: "list", data: [T], list_metadata: { before, after } }`
/// for WorkOS), shared by every list response and generated once as `List<T>`.
#[derive(Clone, Debug)]
pub struct ListEnvelope {
    pub tag: Option<SerdeTag>,
    /// The items' field and the metadata's field (identifier, wire name), and the cursors'.
    pub items: (String, String),
    pub metadata: (String, String),
    pub before: Option<(String, String)>,
    pub after: (String, String),
    pub data_doc: Option<String>,
    pub metadata_doc: Option<String>,
    pub before_doc: Option<String>,
    pub after_doc: Option<String>,
}

/// How a list operation's stream moves from page to page: the request builder's fields of the
/// cursor query parameters.
#[derive(Clone, Debug)]
pub struct Pagination {
    /// Set to the page's next cursor.
    pub after: String,
    /// Cleared when following `after` (an optional `before` parameter).
    pub before: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Example {
    /// Where the example is, as `file#pointer`.
    pub location: String,
    pub ty: Ty,
    pub value: Value,
    /// Its type has value checks: the examples test runs them too ([`checks`]).
    pub validates: bool,
}

/// The type an alias names, through aliases of aliases (`id` itself when it is no alias).
pub fn unalias(mut id: TypeId, types: &[TypeDef]) -> TypeId {
    // Bounded: an alias cycle is reported elsewhere, and must not hang this.
    for _ in 0..types.len() {
        match types.get(id).map(|t| &t.kind) {
            Some(Kind::Alias(Ty::Named(next))) => id = *next,
            _ => break,
        }
    }
    id
}

impl Ty {
    /// The type aliases (and `Option`s) stand for, through any number of them. An alias that
    /// only leads to itself (an error reported elsewhere) resolves to `Json`.
    pub fn resolve<'t>(&'t self, types: &'t [TypeDef]) -> &'t Ty {
        let mut ty = self;
        // Each step passes an alias or an `Option` (at most a few per alias): far more steps
        // than that means a cycle.
        for _ in 0..4 * types.len() + 8 {
            ty = match ty {
                Ty::Option(inner) => inner,
                Ty::Named(id) => match types.get(*id).map(|def| &def.kind) {
                    Some(Kind::Alias(inner)) => inner,
                    _ => return ty,
                },
                other => return other,
            };
        }
        &Ty::Json
    }

    /// The types this one is made of (a `Vec`'s item, a tuple's items), not through named types.
    pub fn parts(&self) -> &[Ty] {
        match self {
            Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) | Ty::List(inner) => {
                std::slice::from_ref(inner.as_ref())
            }
            Ty::Tuple(items) | Ty::External { args: items, .. } => items,
            _ => &[],
        }
    }

    /// [`Ty::parts`], to change them in place.
    pub fn parts_mut(&mut self) -> &mut [Ty] {
        match self {
            Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) | Ty::List(inner) => {
                std::slice::from_mut(inner.as_mut())
            }
            Ty::Tuple(items) | Ty::External { args: items, .. } => items,
            _ => &mut [],
        }
    }

    /// The type without any `Option` around it.
    pub fn inner(&self) -> &Ty {
        match self {
            Ty::Option(inner) => inner.inner(),
            other => other,
        }
    }

    /// Whether `Default` can be derived for a struct holding this type. A type that holds itself
    /// by value gets no `Default` (its default would never end).
    pub fn has_default(&self, types: &[TypeDef]) -> bool {
        self.has_default_within(types, &mut Vec::new(), &mut HashSet::new())
    }

    fn has_default_within(
        &self,
        types: &[TypeDef],
        path: &mut Vec<TypeId>,
        done: &mut HashSet<TypeId>,
    ) -> bool {
        match self {
            Ty::DateTime | Ty::Date | Ty::Ipv4 | Ty::Ipv6 | Ty::List(_) | Ty::External { .. } => {
                false
            }
            Ty::Tuple(items) => items
                .iter()
                .all(|item| item.has_default_within(types, path, done)),
            Ty::Named(id) => {
                if path.contains(id) {
                    return false; // a recursive type: do not guess
                }
                // Each type is looked at once per question, however many fields name it.
                if !done.insert(*id) {
                    return true;
                }
                let Some(def) = types.get(*id) else {
                    return false;
                };
                path.push(*id);
                let result = match &def.kind {
                    Kind::Enum(e) => e.default.is_some(),
                    Kind::Values(v) => v.default.is_some(),
                    Kind::Struct(s) => s
                        .fields
                        .iter()
                        .all(|f| f.ty.has_default_within(types, path, done)),
                    Kind::Alias(ty) | Kind::Newtype(ty) => ty.has_default_within(types, path, done),
                    Kind::Union(_) => false,
                };
                path.pop();
                result
            }
            _ => true,
        }
    }
}
