//! The names of what operations generate: method names and the base of their types, given as
//! the operations are read (in the spec's order, distinct per handle and across the crate); then,
//! once every type has its name, request builders and body types, tag handles, parameter fields,
//! and the error-code enum. Each is clear of the spec's types and of the names the generated code
//! itself uses.

use std::collections::{HashMap, HashSet};

use super::build::Builder;
use super::{Enum, Kind, Operation, Tag, Ty, TypeDef, Variant, naming};
use crate::spec;

/// Names a request builder has besides its parameters: its own fields (`client`, `body`,
/// `idempotency_key`, `options`), its methods, and the handle method's body argument
/// (`params`). Per-request credentials' methods are added per operation.
pub(super) const BUILDER_NAMES: &[&str] = &[
    "client",
    "body",
    "idempotency_key",
    "options",
    "params",
    "into_stream",
    "into_byte_stream",
    "build_request",
    "validate_request",
    "skip_validation",
    "header",
    "timeout",
    "max_retries",
    "send",
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

/// The names operations have taken, in the spec's order: method names per tag (a handle's
/// methods), and type bases (`ListDisks`: its builder, body and response types) across the crate.
#[derive(Default)]
pub(super) struct OperationNames {
    methods: HashMap<String, HashSet<String>>,
    bases: HashSet<String>,
}

impl OperationNames {
    /// The method name and type base of the next operation of `tag`: the first of its
    /// `candidates` its handle does not have yet, else the first numbered (`ping_2`). The type
    /// base is the method name in UpperCamelCase, numbered when an earlier operation of the crate
    /// has it (`Ping2`: builders are distinct across the crate, not only in their module).
    pub(super) fn next(&mut self, tag: &str, candidates: &[String]) -> (String, String) {
        let methods = self.methods.entry(tag.to_string()).or_default();
        let first = candidates.first().map_or("operation", String::as_str);
        let name = candidates
            .iter()
            .find(|name| !methods.contains(*name))
            .cloned()
            .unwrap_or_else(|| {
                let plain = first.trim_start_matches("r#").trim_end_matches('_');
                numbered_snake(plain, |n| !methods.contains(n))
            });
        methods.insert(name.clone());
        // A type name, also when the method's starts with a digit (`T20` for summary "2.0").
        let base = naming::type_name(&name, &[]);
        let free = |b: &str| !self.bases.contains(b);
        // `ListDisks2` taken: `ListDisks2_2`, not `ListDisks22`.
        let base = if base.ends_with(|c: char| c.is_ascii_digit()) && !free(&base) {
            numbered_snake(&base, free)
        } else {
            naming::numbered(&base, free)
        };
        self.bases.insert(base.clone());
        (name, base)
    }
}

/// `name_2`, `name_3`, ...: the first that `free` accepts (for a name that may end in a digit).
fn numbered_snake(name: &str, free: impl Fn(&str) -> bool) -> String {
    (2..)
        .map(|n| format!("{name}_{n}"))
        .find(|candidate| free(candidate))
        .expect("some number is free")
}

impl<'a> Builder<'a> {
    /// What an operation may be called, best first: from its `summary` (`List disks` ->
    /// `list_disks`, without the settings' `drop_words`), from its `operationId`, and from its
    /// method and path (`GET /users/{id}/keys` -> `get_users_id_keys`), which every operation
    /// has. The first its handle does not have yet is its name ([`OperationNames::next`]).
    pub(super) fn operation_candidates(&self, op: &spec::Operation<'a>) -> Vec<String> {
        let mut candidates: Vec<String> = [&op.summary, &op.operation_id]
            .into_iter()
            .flatten()
            .filter_map(|raw| self.method_name(raw, true))
            .collect();
        // Path segments are names, not prose: no word of them is dropped.
        let route = format!("{} {}", op.method, op.path);
        candidates.extend(self.method_name(&route, false));
        candidates.dedup();
        candidates
    }

    /// `Create a Webhook Endpoint` -> `create_webhook_endpoint` (dropping the settings' words);
    /// `None` when no word is left.
    fn method_name(&self, raw: &str, drop_words: bool) -> Option<String> {
        let dropped = &self.settings.naming.drop_words;
        let words: Vec<&str> = raw
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .filter(|word| !word.is_empty())
            .filter(|word| !drop_words || !dropped.iter().any(|d| d.eq_ignore_ascii_case(word)))
            .collect();
        // Only ASCII letters and digits are kept in names: without any, there is no name.
        let named = words
            .iter()
            .any(|w| w.chars().any(|c| c.is_ascii_alphanumeric()));
        named.then(|| naming::method_name(&words.join(" ")))
    }

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
pub(super) fn parameter_names(operations: &mut [Operation], schemes: &[super::SecurityScheme]) {
    for op in operations {
        let mut taken: HashSet<String> = BUILDER_NAMES.iter().map(|n| n.to_string()).collect();
        let credentials = schemes.iter().filter(|s| op.credentials.contains(&s.name));
        taken.extend(credentials.map(|s| s.method.clone()));
        let places = op
            .path_params
            .iter_mut()
            .map(|p| (p, "path"))
            .chain(op.query_params.iter_mut().map(|p| (p, "query")))
            .chain(op.header_params.iter_mut().map(|p| (p, "header")))
            .chain(op.cookie_params.iter_mut().map(|p| (p, "cookie")))
            .chain(op.part_params.iter_mut().map(|p| (p, "part")));
        for (param, place) in places {
            // `r#type` -> `type_query`, `self_` -> `self_query`.
            let base = param.ident.trim_start_matches("r#").trim_end_matches('_');
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

/// Whether setting a body field by field would give a setter the request builder already has:
/// a parameter's (`name` in the query and in the body) or one of its own methods (`params`,
/// `into_stream`, ...). Such a body is an argument instead.
pub(super) fn body_setters_clash(
    op: &Operation,
    body: &super::Struct,
    schemes: &[super::SecurityScheme],
) -> bool {
    let credentials = schemes.iter().filter(|s| op.credentials.contains(&s.name));
    let taken: HashSet<&str> = op
        .params()
        .map(|p| p.ident.as_str())
        .chain(BUILDER_NAMES.iter().copied())
        .chain(credentials.map(|s| s.method.as_str()))
        .collect();
    body.fields.iter().any(|f| taken.contains(f.ident.as_str()))
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
        derives: Vec::new(),
        attributes: Vec::new(),
        checks: None,
    })
}

#[cfg(test)]
mod tests {
    use super::OperationNames;

    fn names(candidates: &[&str]) -> Vec<String> {
        candidates.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn method_names_are_distinct_per_handle_and_type_bases_per_crate() {
        let mut taken = OperationNames::default();
        let list = names(&["list_disks", "disk_list", "get_disks"]);
        let list_v1 = names(&["list_disks", "disk_list_v1", "get_v1_disks"]);
        assert_eq!(
            taken.next("disks", &list),
            ("list_disks".into(), "ListDisks".into())
        );
        // Its summary's name is taken in its handle: its operationId's.
        assert_eq!(
            taken.next("disks", &list_v1),
            ("disk_list_v1".into(), "DiskListV1".into())
        );
        // Another handle has the name free; the type base is numbered across the crate.
        assert_eq!(
            taken.next("instances", &names(&["list_disks", "get_instance_disks"])),
            ("list_disks".into(), "ListDisks2".into())
        );
        // Every candidate taken: numbered.
        assert_eq!(
            taken.next("disks", &names(&["list_disks", "disk_list_v1"])),
            ("list_disks_2".into(), "ListDisks2_2".into())
        );
        // A keyword's name is numbered as a plain word.
        assert_eq!(taken.next("t", &names(&["self_"])).0, "self_");
        assert_eq!(taken.next("t", &names(&["self_"])).0, "self_2");
    }
}
