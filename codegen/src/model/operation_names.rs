//! The names of what operations generate, given once every type has its name: request
//! builders and body types, tag handles, parameter fields, and the error-code enum. Each is clear
//! of the spec's types and of the names the generated code itself uses.

use std::collections::{HashMap, HashSet};

use super::build::Builder;
use super::{Enum, Kind, Operation, Tag, Ty, TypeDef, Variant, naming};

/// Names a request builder has besides its parameters: its own fields (`client`, `body`,
/// `idempotency_key`), its methods, and the handle method's body argument (`params`).
const BUILDER_NAMES: &[&str] = &[
    "client",
    "body",
    "idempotency_key",
    "params",
    "into_stream",
    "into_byte_stream",
    "build_request",
];

/// Names a tag module uses unqualified (its imports, and the prelude's traits its setters name;
/// the prelude's types are [`naming::TAKEN_TYPE_NAMES`]): a handle named like one would shadow it.
const MODULE_NAMES: &[&str] = &[
    "Client",
    "Method",
    "Request",
    "BoxFuture",
    "Error",
    "IntoFuture",
    "Into",
    "IntoIterator",
];

impl<'a> Builder<'a> {
    /// Names each operation's request builder and body type. They live in its tag module, which
    /// glob-imports the spec's types, so a type of the same name would be shadowed there:
    /// `<Base>Request` becomes `<Base>Builder`, and `<Base>Params` becomes `<Base>Body`, when a
    /// type has the name (the body's own type keeps its name, re-exported as it is). Only when
    /// the second name is taken too does a number follow (`<Base>Builder2`).
    pub(super) fn distinct_builder_names(&self, operations: &mut [Operation]) {
        let types: HashSet<&str> = self.types.iter().map(|t| t.name.as_str()).collect();
        // Names given so far in each tag module.
        let mut given: HashMap<String, HashSet<String>> = HashMap::new();
        for op in operations {
            let given = given.entry(op.tag.clone()).or_default();
            let base = &op.type_base;
            let free = |name: &str| !types.contains(name) && !given.contains(name);
            let builder = [format!("{base}Request"), format!("{base}Builder")]
                .into_iter()
                .find(|name| free(name))
                .unwrap_or_else(|| naming::numbered(&format!("{base}Builder"), free));
            let params = op.body.as_ref().map(|body| {
                // Several media types: `params` names their enum, a name of its own.
                let own = match body.single().map(|form| &form.ty) {
                    Some(Ty::Named(id)) => Some(self.types[*id].name.as_str()),
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
    }
}

/// Each parameter's field (also its setter and argument): its wire name as a field, or, when
/// that is taken by another parameter or by the builder itself, with its place added
/// (`client_query`, `id_query`), then a number.
pub(super) fn parameter_names(operations: &mut [Operation]) {
    for op in operations {
        let mut taken: HashSet<String> = BUILDER_NAMES.iter().map(|n| n.to_string()).collect();
        let places = op
            .path_params
            .iter_mut()
            .map(|p| (p, "path"))
            .chain(op.query_params.iter_mut().map(|p| (p, "query")))
            .chain(op.header_params.iter_mut().map(|p| (p, "header")))
            .chain(op.cookie_params.iter_mut().map(|p| (p, "cookie")));
        for (param, place) in places {
            let base = param.ident.trim_start_matches("r#").to_string();
            let ident = [param.ident.clone(), format!("{base}_{place}")]
                .into_iter()
                .find(|name| !taken.contains(name))
                .unwrap_or_else(|| {
                    let placed = format!("{base}_{place}_");
                    naming::numbered(&placed, |n| !taken.contains(n))
                });
            taken.insert(ident.clone());
            param.ident = ident;
        }
        let field = |wire: &str| {
            let param = op.query_params.iter().find(|p| p.wire == wire);
            param.map_or_else(|| wire.to_string(), |p| p.ident.clone())
        };
        if let Some(pagination) = &mut op.pagination {
            pagination.after = field(&pagination.after);
            pagination.before = pagination.before.as_deref().map(field);
        }
    }
}

/// Each tag's handle type (`Webhooks`), with `Api` added when that name is taken by what the
/// module uses (a `Client` tag), by a type of the spec (which the module glob-imports) or by a
/// request builder of the module.
pub(super) fn handle_names(tags: &mut [Tag], types: &[TypeDef], operations: &[Operation]) {
    for tag in tags {
        let name = naming::type_name(&tag.name, &[]);
        let taken = |name: &str| {
            MODULE_NAMES.contains(&name)
                || naming::TAKEN_TYPE_NAMES.contains(&name)
                || types.iter().any(|t| t.name == name)
                || operations.iter().any(|op| {
                    op.tag == tag.name && (op.builder == name || op.params.as_deref() == Some(name))
                })
        };
        let name = if name.is_empty() {
            "Operations".into()
        } else {
            name
        };
        tag.handle = if taken(&name) {
            naming::numbered(&format!("{name}Api"), |n| !taken(n))
        } else {
            name
        };
    }
}

/// The open enum of every documented error code (`ErrorCode`), each code once, in the order
/// operations first document it; none when no code is documented.
/// `field` is the error body's code field the codes are read from, named in the docs.
pub(super) fn error_code_enum(operations: &[Operation], field: &str) -> Option<TypeDef> {
    let mut codes: Vec<(String, Option<String>)> = Vec::new();
    for case in operations.iter().flat_map(|op| &op.errors) {
        for code in &case.codes {
            if !codes.iter().any(|(known, _)| known == code) {
                let description = (case.codes.len() == 1)
                    .then(|| case.description.clone())
                    .flatten();
                codes.push((code.clone(), description));
            }
        }
    }
    if codes.is_empty() {
        return None;
    }
    let mut variants: Vec<Variant> = Vec::new();
    for (code, _) in &codes {
        let Some(ident) = naming::variant_name(code) else {
            continue;
        };
        if variants.iter().any(|v| v.ident == ident) {
            continue;
        }
        variants.push(Variant {
            ident,
            wire: code.clone(),
        });
    }
    let list: Vec<String> = codes
        .iter()
        .map(|(code, description)| match description {
            Some(text) => format!("- `{code}`: {text}"),
            None => format!("- `{code}`"),
        })
        .collect();
    let doc = format!(
        "The error codes the API documents (the `{field}` of an error body):\n\n{}",
        list.join("\n")
    );
    Some(TypeDef {
        name: "ErrorCode".into(),
        doc: Some(doc),
        source: String::new(),
        kind: Kind::Enum(Enum {
            variants,
            default: None,
        }),
    })
}
