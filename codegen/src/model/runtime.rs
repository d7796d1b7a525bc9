//! Which runtime modules (`codegen/runtime/`) a generated crate ships, and which crates.io crates
//! it depends on, decided from the model. Emit and layout only read the decision.
//!
//! [`MODULES`] says what each runtime module needs: the other runtime modules it names and the
//! crates its code and its tests name (a test scans the sources to keep it true).
//! [`needs`] starts from what the generated code names and closes the set over those.

use std::collections::BTreeSet;

use super::{Encoding, Kind, Model, Output, Ty};

/// A runtime module and what it needs besides itself.
#[derive(Clone, Copy, Debug)]
pub struct RuntimeModule {
    pub name: &'static str,
    /// The other runtime modules it names (`use super::error::Error`, doc links included).
    pub uses: &'static [&'static str],
    /// The crates its code names, as `Cargo.toml` spells them. (Its unit tests are not shipped:
    /// they run in this repository, so what they name is no generated crate's dependency.)
    pub crates: &'static [&'static str],
}

const fn module(
    name: &'static str,
    uses: &'static [&'static str],
    crates: &'static [&'static str],
) -> RuntimeModule {
    RuntimeModule { name, uses, crates }
}

/// Every runtime module, in the order the generated crate lists them.
pub const MODULES: &[RuntimeModule] = &[
    module("auth", &["error", "secret"], &["reqwest"]),
    module(
        "body",
        &["auth", "client", "error", "query", "retry"],
        &["bytes", "futures-core", "reqwest", "serde", "serde_json"],
    ),
    // `path` for a doc link (`path::segment`).
    module(
        "client",
        &["auth", "error", "hook", "path", "query", "retry", "secret"],
        &[
            "percent-encoding",
            "reqwest",
            "serde",
            "serde_json",
            "tokio",
            "tracing",
        ],
    ),
    module(
        "error",
        &["client", "retry", "secret", "validate"],
        &["reqwest", "serde_json", "thiserror"],
    ),
    module(
        "examples",
        &["validate"],
        &["chrono", "serde", "serde_json"],
    ),
    module("hook", &["client", "error"], &["reqwest"]),
    module(
        "json_rule",
        &["pattern", "validate"],
        &["serde", "serde_json"],
    ),
    module("nullable", &[], &["serde"]),
    module("open_enum", &[], &["serde"]),
    module("pagination", &["client", "error"], &["futures-core"]),
    module("path", &["error"], &["percent-encoding"]),
    module("pattern", &["validate"], &["regex"]),
    module("query", &[], &["percent-encoding", "serde", "serde_json"]),
    module("retry", &[], &["httpdate"]),
    module("secret", &[], &[]),
    // `nullable` for a doc link (its `nullable` is the `Option<Option<_>>` of date-times).
    module("timestamp", &["nullable"], &["chrono", "serde"]),
    module("union", &[], &["serde", "serde_json"]),
    module("validate", &[], &["serde_json"]),
    module("value_enum", &[], &["serde", "serde_json"]),
    module(
        "webhook",
        &["timestamp"],
        &["chrono", "hmac", "serde", "serde_json", "sha2", "thiserror"],
    ),
];

/// The runtime modules a generated crate ships and the crates it depends on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Runtime {
    /// Module names, in [`MODULES`] order.
    pub modules: Vec<&'static str>,
    /// The crates the generated code and the shipped modules name (`[dependencies]`).
    pub dependencies: BTreeSet<&'static str>,
}

impl Runtime {
    /// Every runtime module (what `codegen/runtime/` holds).
    pub fn all() -> Runtime {
        Runtime::closed(MODULES.iter().map(|m| m.name).collect(), BTreeSet::new())
    }

    pub fn ships(&self, module: &str) -> bool {
        self.modules.contains(&module)
    }

    /// The modules named, with those they use (through any number of them), and the crates.
    fn closed(mut wanted: Vec<&'static str>, mut dependencies: BTreeSet<&'static str>) -> Self {
        let mut seen = BTreeSet::new();
        while let Some(name) = wanted.pop() {
            if seen.insert(name) {
                wanted.extend(describe(name).uses);
            }
        }
        let shipped: Vec<&RuntimeModule> =
            MODULES.iter().filter(|m| seen.contains(m.name)).collect();
        dependencies.extend(shipped.iter().flat_map(|m| m.crates));
        Runtime {
            modules: shipped.iter().map(|m| m.name).collect(),
            dependencies,
        }
    }
}

fn describe(name: &str) -> &'static RuntimeModule {
    MODULES
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("`{name}` is not a runtime module"))
}

/// What the generated code for `model` names, closed over what those modules use.
pub fn needs(model: &Model) -> Runtime {
    let mut modules = Vec::new();
    // The types module always derives serde's traits.
    let mut crates = BTreeSet::from(["serde"]);
    let mut want = |yes: bool, module: &'static str| {
        if yes {
            modules.push(module);
        }
    };
    let operations = !model.operations.is_empty();
    // Every request goes through the client, errors and all.
    want(operations, "client");
    // `List<T>` is a `Page` (and paginated requests stream) once there is a client.
    let paginated =
        model.list.is_some() || model.operations.iter().any(|op| op.pagination.is_some());
    want(operations && paginated, "pagination");
    // Open enums, and the `ErrorCode` enum of the documented error codes.
    let enums = model.types.iter().any(|t| matches!(t.kind, Kind::Enum(_)));
    want(
        enums || (operations && model.error_code.is_some()),
        "open_enum",
    );
    // Enums of values that are not all strings compare what they read as JSON.
    want(
        model
            .types
            .iter()
            .any(|t| matches!(t.kind, Kind::Values(_))),
        "value_enum",
    );
    // Tagged unions read their tag first; untagged ones are plain serde.
    let tagged = model
        .types
        .iter()
        .any(|t| matches!(&t.kind, Kind::Union(u) if u.tag.is_some()));
    want(tagged, "union");
    want(!model.examples.is_empty(), "examples");
    // Every generated type implements `Validate`; requests check their values before sending.
    let types = model.list.is_some()
        || model
            .types
            .iter()
            .any(|t| !matches!(t.kind, Kind::Alias(_)));
    want(types || operations, "validate");
    let rules = super::checks::all_rules(model);
    let json_rules = rules
        .iter()
        .any(|r| matches!(r.kind, super::checks::RuleKind::Json(_)));
    want(json_rules, "json_rule");
    want(
        rules
            .iter()
            .any(|r| matches!(r.kind, super::checks::RuleKind::Pattern(_))),
        "pattern",
    );
    // Deliveries parse into `Event` (the event enum), or are verified (a signature scheme).
    // Bodies and results other than JSON (or nothing).
    let json = |encoding: Encoding| encoding == Encoding::Json;
    let other_media = model.operations.iter().any(|op| {
        let forms = op.body.iter().flat_map(|body| &body.forms);
        !op.part_params.is_empty()
            || forms.into_iter().any(|form| !json(form.encoding))
            || match &op.output {
                Output::Empty => false,
                Output::Body { encoding, .. } => !json(*encoding),
                Output::Redirect | Output::Upgrade { .. } => true,
            }
    });
    want(other_media, "body");
    let webhooks = model.event_enum.is_some() || model.profile.signature.is_some();
    want(webhooks, "webhook");

    let mut date_time = false;
    let mut date = false;
    let mut json = tagged;
    let mut nullable = false;
    for_each_ty(model, |ty, field| {
        date_time |= contains(ty, &|t| matches!(t, Ty::DateTime));
        date |= contains(ty, &|t| matches!(t, Ty::Date));
        json |= contains(ty, &|t| matches!(t, Ty::Json));
        nullable |= field && matches!(ty, Ty::Option(inner) if matches!(**inner, Ty::Option(_)));
    });
    // Date-times are serialized in the API's format wherever they are (fields, parameters,
    // examples): the runtime's `timestamp`.
    want(date_time, "timestamp");
    // An optional and nullable field keeps absent and `null` apart.
    want(nullable, "nullable");
    if date_time || date {
        crates.insert("chrono");
    }
    if json {
        crates.insert("serde_json");
    }
    Runtime::closed(modules, crates)
}

/// Calls `f` with every type the model holds, and whether it is a struct field's.
fn for_each_ty(model: &Model, mut f: impl FnMut(&Ty, bool)) {
    for def in &model.types {
        match &def.kind {
            Kind::Struct(s) => s.fields.iter().for_each(|field| f(&field.ty, true)),
            Kind::Union(u) => u.variants.iter().for_each(|v| f(&v.ty, false)),
            Kind::Alias(ty) | Kind::Newtype(ty) => f(ty, false),
            Kind::Enum(_) | Kind::Values(_) => {}
        }
    }
    for example in &model.examples {
        f(&example.ty, false);
    }
    for op in &model.operations {
        for param in op.params() {
            f(&param.ty, false);
        }
        for form in op.body.iter().flat_map(|body| &body.forms) {
            f(&form.ty, false);
        }
        if let Output::Body { ty, .. } = &op.output {
            f(ty, false);
        }
    }
}

/// Whether `ty` or a type inside it (not through named types: each is looked at on its own) is
/// one that `pred` accepts.
fn contains(ty: &Ty, pred: &impl Fn(&Ty) -> bool) -> bool {
    pred(ty) || ty.parts().iter().any(|part| contains(part, pred))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::runtime::FILES;

    /// The other runtime modules and the crates a runtime source names, in its code and in its
    /// tests (`#[cfg(test)] mod tests`, at the end of each file, where the runtime's modules
    /// are `super::super::x`). Doc links count: `cargo doc` fails on a broken one.
    fn named(source: &str) -> [(BTreeSet<&'static str>, BTreeSet<&'static str>); 2] {
        let (code, tests) = source
            .split_once("#[cfg(test)]\nmod tests")
            .expect("tests at the end");
        // Every crate the generated crate may depend on: the template's `[dependencies]`.
        let template = include_str!("../../templates/Cargo.toml");
        let (_, table) = template.split_once("[dependencies]\n").unwrap();
        let crates: Vec<&str> = table
            .lines()
            .take_while(|line| !line.starts_with('['))
            .filter_map(|line| Some(line.split_once(" = ")?.0))
            .collect();
        assert!(crates.len() > 10, "{crates:?}");
        [(code, "super::"), (tests, "super::super::")].map(|(text, parent)| {
            let uses = MODULES
                .iter()
                .map(|m| m.name)
                .filter(|name| names(text, &format!("{parent}{name}"), "::;)]`"))
                .collect();
            let found = crates
                .iter()
                .copied()
                .filter(|krate| names(text, &format!("{}::", krate.replace('-', "_")), ""))
                .collect();
            (uses, found)
        })
    }

    /// Whether `text` has `word` as a whole word followed by one of `then` (by anything, when
    /// `then` is empty).
    fn names(text: &str, word: &str, then: &str) -> bool {
        let ident = |c: char| c.is_alphanumeric() || c == '_';
        text.match_indices(word).any(|(at, _)| {
            !text[..at].ends_with(ident)
                && (then.is_empty()
                    || text[at + word.len()..].starts_with(|c: char| then.contains(c)))
        })
    }

    #[test]
    fn the_table_says_what_each_runtime_source_names() {
        let names: Vec<&str> = FILES.iter().map(|f| f.name).collect();
        let described: Vec<&str> = MODULES.iter().map(|m| m.name).collect();
        assert_eq!(names, described);
        for (file, module) in FILES.iter().zip(MODULES) {
            let [(uses, crates), (test_uses, _)] = named(file.source);
            let name = file.name;
            assert_eq!(uses, module.uses.iter().copied().collect(), "{name}");
            assert!(test_uses.is_empty(), "{name}'s tests name {test_uses:?}");
            assert_eq!(crates, module.crates.iter().copied().collect(), "{name}");
        }
    }

    fn needs_of(spec: &str) -> Runtime {
        let files = [("openapi.json".to_string(), spec.to_string())].into();
        let spec = crate::load::Spec::from_memory("openapi.json", &files).unwrap();
        super::super::build(&spec, &crate::Settings::default())
            .unwrap()
            .runtime
    }

    #[test]
    fn a_types_only_crate_ships_no_client() {
        let runtime = needs_of(
            r#"{"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {},
            "components": {"schemas": {"Thing": {"type": "object", "properties": {
                "id": {"type": "string"}, "kind": {"type": "string", "enum": ["a", "b"]}}}}}}"#,
        );
        // Every type implements `Validate` (here with nothing to check: no `regex`).
        assert_eq!(runtime.modules, ["open_enum", "validate"]);
        assert_eq!(
            runtime.dependencies,
            BTreeSet::from(["serde", "serde_json"])
        );
    }

    #[test]
    fn patterns_ship_regex_and_other_checks_the_json_rules() {
        let spec = |property: &str| {
            format!(
                r#"{{"openapi": "3.1.0", "info": {{"title": "T", "version": "1"}}, "paths": {{}},
                "components": {{"schemas": {{"Thing": {{"type": "object", "properties": {{
                    "id": {property}}}}}}}}}}}"#
            )
        };
        let pattern = needs_of(&spec(r#"{"type": "string", "pattern": "^a"}"#));
        assert_eq!(pattern.modules, ["pattern", "validate"]);
        assert!(pattern.dependencies.contains("regex"));
        let length = needs_of(&spec(r#"{"type": "string", "maxLength": 3}"#));
        assert_eq!(length.modules, ["validate"]);
        let not = needs_of(&spec(r#"{"type": "string", "not": {"const": "a"}}"#));
        assert_eq!(not.modules, ["json_rule", "pattern", "validate"]);
    }

    #[test]
    fn operations_ship_the_client_and_date_times_the_timestamps() {
        let runtime = needs_of(
            r#"{"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {
                "/things": {"get": {"operationId": "list", "responses": {"200": {
                    "description": "ok", "content": {"application/json": {"schema": {
                        "type": "object", "required": ["at"],
                        "properties": {"at": {"type": "string", "format": "date-time"}}}}}}}}}}}"#,
        );
        let modules = [
            "auth",
            "client",
            "error",
            "hook",
            "nullable",
            "path",
            "query",
            "retry",
            "secret",
            "timestamp",
            "validate",
        ];
        assert_eq!(runtime.modules, modules);
        for krate in ["chrono", "reqwest", "tokio"] {
            assert!(runtime.dependencies.contains(krate), "{krate}");
        }
        for krate in ["hmac", "sha2", "futures-core"] {
            assert!(!runtime.dependencies.contains(krate), "{krate}");
        }
    }

    #[test]
    fn every_module_is_in_the_whole_runtime_and_uses_are_closed() {
        let all = Runtime::all();
        assert_eq!(all.modules.len(), MODULES.len());
        let webhook = Runtime::closed(vec!["webhook"], BTreeSet::new());
        assert_eq!(webhook.modules, ["nullable", "timestamp", "webhook"]);
        assert!(webhook.dependencies.contains("hmac"));
        let client = Runtime::closed(vec!["client"], BTreeSet::new());
        assert_eq!(
            client.modules,
            [
                "auth", "client", "error", "hook", "path", "query", "retry", "secret", "validate"
            ]
        );
        assert!(!client.dependencies.contains("hmac"));
        assert!(!client.dependencies.contains("regex"));
        assert!(!client.dependencies.contains("chrono"));
    }
}
