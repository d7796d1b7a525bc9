//! Operations from the spec's `paths`: their parameters, body, result and documented errors,
//! grouped by tag. Names come from each operation's `summary`, `operationId` or method and path
//! (`operation_names.rs`).

use heck::ToUpperCamelCase;

use super::build::{At, Builder, Hint};
use super::naming;
use super::operation_names::OperationNames;
use super::query_style::{Shape, query_style};
use super::{Body, Encoding, Kind, Operation, Pagination, Param, QueryStyle, Tag, Ty};
use crate::load::Node;
use crate::spec::{self, Document};

impl<'a> Builder<'a> {
    /// Every operation, in the spec's order of paths and methods.
    pub(super) fn operations(&mut self, document: &Document<'a>) -> (Vec<Tag>, Vec<Operation>) {
        let mut names = OperationNames::default();
        let operations: Vec<Operation> = document
            .operations
            .iter()
            .map(|operation| self.operation(operation, &mut names))
            .collect();
        (tags(document, &operations), operations)
    }

    fn operation(&mut self, spec: &spec::Operation<'a>, names: &mut OperationNames) -> Operation {
        let (path, method) = (spec.path, spec.method);
        let tag = spec.tag.unwrap_or("default").to_string();
        let (name, type_base) = names.next(&tag, &self.operation_candidates(spec));

        let mut path_params = Vec::new();
        let mut query_params = Vec::new();
        let mut header_params = Vec::new();
        let mut cookie_params = Vec::new();
        // Last to first, as types and examples were always recorded in that order.
        for parameter in spec.parameters.iter().rev() {
            let wire = parameter.name.to_string();
            let ty = match &parameter.schema {
                Some(schema) => {
                    let hint = Hint::literal(format!("{type_base}{}", wire.to_upper_camel_case()));
                    self.ty(&At::direct(schema.clone()), &hint)
                }
                None => Ty::String,
            };
            // `null` cannot be written into a path or a query: a nullable parameter is its type,
            // also through a reference to a nullable schema.
            let ty = self.not_null(ty);
            let default = parameter
                .schema
                .as_ref()
                .and_then(|schema| self.schema(schema).default.cloned());
            let style = match parameter.place {
                "query" => self.query_style(parameter, &ty),
                // Headers have one style, `simple`: an array's items joined by commas (cookies too).
                "header" | "cookie" if matches!(ty.resolve(&self.types), Ty::Vec(_)) => {
                    QueryStyle::Comma
                }
                _ => QueryStyle::Single,
            };
            let checks = match &parameter.schema {
                Some(schema) => self.checks(schema, &ty),
                None => None,
            };
            let param = Param {
                ident: naming::field_name(&wire),
                wire,
                doc: parameter.description.clone(),
                ty,
                required: parameter.required,
                default,
                style,
                checks,
            };
            match parameter.place {
                "path" => path_params.push(param),
                "query" => query_params.push(param),
                "header" if !self.client_header(parameter.name) => header_params.push(param),
                "cookie" => cookie_params.push(param),
                _ => {}
            }
        }
        path_params.reverse();
        query_params.reverse();
        header_params.reverse();
        cookie_params.reverse();
        // Path parameters in the order the template names them.
        path_params.sort_by_key(|p| path.find(&format!("{{{}}}", p.wire)).unwrap_or(usize::MAX));

        let (body, part_params) = self.request_body(spec, &type_base);
        let (output, errors) = self.output(spec, &type_base);
        // Streamed: a list envelope returned, and its `after` cursor taken (by wire name here;
        // `operation_names::parameter_names` turns them into the builder's fields).
        let lists = matches!(
            output.json().map(|ty| self.resolve_alias(ty)),
            Some(Ty::List(_))
        );
        let pagination = self
            .settings
            .list
            .as_ref()
            .filter(|_| lists)
            .and_then(|list| {
                let takes = |wire: &str| query_params.iter().find(|p| p.wire == wire);
                let after = takes(&list.after)?.wire.clone();
                let before = list
                    .before
                    .as_deref()
                    .and_then(takes)
                    .filter(|p| !p.required);
                Some(Pagination {
                    after,
                    before: before.map(|p| p.wire.clone()),
                })
            });
        let operation_id = spec.operation_id.clone().unwrap_or_else(|| name.clone());
        Operation {
            tag,
            name,
            type_base,
            // Named once every type is known (`distinct_builder_names`).
            builder: String::new(),
            params: None,
            method: method.to_string(),
            path: path.to_string(),
            summary: spec.summary.clone(),
            description: spec.description.clone(),
            path_params,
            query_params,
            header_params,
            cookie_params,
            part_params,
            body,
            // Decided once the types are final (`body_fields`).
            body_fields: None,
            output,
            errors,
            pagination,
            // POST and PATCH are retried only with an idempotency key, so they accept one.
            idempotency_header: matches!(method, "post" | "patch")
                .then(|| self.settings.headers.idempotency_key.clone())
                .flatten(),
            operation_id,
            // Set once the schemes are known (`security::operation_security`).
            security: Vec::new(),
            credentials: Vec::new(),
        }
    }

    /// Whether the client sends header `name` itself, so a parameter of that name is not one
    /// the caller sets: OpenAPI leaves `Accept`, `Content-Type` and `Authorization` to the
    /// client, and the idempotency key has its own setter.
    fn client_header(&self, name: &str) -> bool {
        let own = ["accept", "content-type", "authorization"];
        own.iter().any(|header| name.eq_ignore_ascii_case(header))
            || self
                .settings
                .headers
                .idempotency_key
                .as_deref()
                .is_some_and(|key| name.eq_ignore_ascii_case(key))
    }

    /// How query parameter `wire` (of type `ty`) is written, from its `style` and `explode`.
    /// What the client cannot send is reported where the spec says it.
    fn query_style(&mut self, parameter: &spec::Parameter<'a>, ty: &Ty) -> QueryStyle {
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
            Ty::Tuple(_) => Shape::Other("a tuple"),
            Ty::Named(id) if matches!(self.types[*id].kind, Kind::Struct(_)) => {
                Shape::Other("an object with properties")
            }
            _ => Shape::Single,
        };
        match query_style(parameter.style, parameter.explode, parameter.name, shape) {
            Ok(style) => style,
            Err((key, message)) => {
                let at: Node<'a> = parameter
                    .node
                    .child(key)
                    .unwrap_or_else(|| parameter.node.clone());
                self.error(&at, message);
                QueryStyle::Single
            }
        }
    }

    /// `ty` without the `Option` of a nullable schema, in it or at the end of the aliases it
    /// names (a `$ref` to a nullable string is the string).
    pub(super) fn not_null(&self, mut ty: Ty) -> Ty {
        // Bounded: an alias cycle is reported elsewhere, and must not hang this.
        for _ in 0..=self.types.len() {
            ty = match ty {
                Ty::Option(inner) => *inner,
                Ty::Named(id) => match self.alias_end(id) {
                    Ty::Option(inner) => (**inner).clone(),
                    _ => return Ty::Named(id),
                },
                other => return other,
            };
        }
        ty
    }

    /// What a chain of aliases from type `id` ends in (the type itself when it is no alias).
    fn alias_end(&self, id: super::TypeId) -> &Ty {
        let mut end = &self.types[id].kind;
        let mut ty = None;
        for _ in 0..=self.types.len() {
            match end {
                Kind::Alias(target @ Ty::Named(next)) => {
                    ty = Some(target);
                    end = &self.types[*next].kind;
                }
                Kind::Alias(target) => return target,
                _ => break,
            }
        }
        ty.unwrap_or(&Ty::Json)
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
}

/// Which bodies are set field by field: a struct whose fields are all optional and that has a
/// `Default` (the request starts from it), once identical types are merged, and whose setters
/// would not clash with the builder's.
pub(super) fn body_fields(model: &mut super::Model) {
    for op in &mut model.operations {
        let Some(Ty::Named(id)) = op
            .body
            .as_ref()
            .and_then(Body::single)
            .filter(|form| matches!(form.encoding, Encoding::Json | Encoding::Form))
            .map(|form| &form.ty)
        else {
            continue;
        };
        let id = super::unalias(*id, &model.types);
        if let Kind::Struct(s) = &model.types[id].kind {
            if s.fields.iter().all(|f| !f.required)
                && Ty::Named(id).has_default(&model.types)
                && !super::operation_names::body_setters_clash(op, s, &model.schemes)
            {
                op.body_fields = Some(id);
            }
        }
    }
}

/// The tags operations use, with the spec's descriptions, in the order of first use; each with
/// its module name, distinct from the others' (the first tag to want a name has it).
fn tags(document: &Document<'_>, operations: &[Operation]) -> Vec<Tag> {
    let mut tags: Vec<Tag> = Vec::new();
    for operation in operations {
        if tags.iter().any(|t| t.name == operation.tag) {
            continue;
        }
        let doc = document
            .tags
            .iter()
            .find(|(name, _)| *name == operation.tag)
            .and_then(|(_, doc)| doc.clone());
        let module = naming::module_name(&operation.tag, |name| {
            tags.iter().any(|tag| tag.module == name)
        });
        tags.push(Tag {
            name: operation.tag.clone(),
            doc,
            module,
            // Named once every builder has its name (`operation_names::handle_names`).
            handle: String::new(),
        });
    }
    tags
}
