//! Stage 3: Rust code for the model, as token streams per module (formatting and file layout
//! are stage 4's job).

mod api;
mod docs;
mod enums;
mod examples;
mod operations;
mod requests;
pub mod runtime;
mod structs;
mod unions;
mod validate;
mod webhooks;

pub use docs::{comment_safe, ident};

use crate::tokens::{Tokens, tokens};

use crate::model::{Kind, Model};

/// The generated modules of one crate, before layout and formatting.
pub struct Emitted {
    /// Crate documentation (title and description from the spec).
    pub crate_doc: String,
    /// Generated modules: name, documentation, and items one by one.
    pub modules: Vec<Module>,
}

pub struct Module {
    pub name: String,
    pub doc: String,
    pub items: Vec<Tokens>,
    /// Re-exported at the crate root with `pub use module::*`.
    pub glob_export: bool,
}

pub fn emit(model: &Model) -> Emitted {
    let timestamps = model.profile.timestamps;
    // Aliases alone name no serde trait: the import would be unused.
    let uses_serde = model.list.is_some()
        || model
            .types
            .iter()
            .any(|def| !matches!(def.kind, Kind::Alias(_)));
    let mut items = vec![if uses_serde {
        tokens!(
            use serde::{Deserialize, Serialize};
        )
    } else {
        Tokens::new()
    }];
    // Every type but an alias implements `Validate` (a crate of aliases alone has none).
    let validates = model.runtime.ships("validate") && uses_serde;
    if validates {
        items.push(tokens!(
            use super::runtime::validate;
        ));
    }
    if let Some(list) = &model.list {
        items.push(structs::list(list));
        if validates {
            items.push(validate::list_impl(list));
        }
    }
    for def in &model.types {
        let validate_impl =
            (validates && !matches!(def.kind, Kind::Alias(_))).then(|| validate::type_impl(def));
        items.push(match &def.kind {
            Kind::Struct(s) => structs::structure(def, s, &model.types, timestamps),
            Kind::Enum(e) => enums::open_enum(def, e),
            Kind::Values(v) => enums::value_enum(def, v),
            Kind::Alias(target) => structs::alias(def, target, &model.types),
            Kind::Newtype(inner) => structs::newtype(def, inner, &model.types),
            Kind::Union(u) => unions::union(def, u, &model.types),
        });
        items.extend(validate_impl);
    }
    if let Some(id) = model.event_enum {
        let name = ident(&model.types[id].name);
        let style = docs::timestamp_item(timestamps, "Style");
        items.push(tokens! {
            /// A webhook delivery's payload, with its event name parsed into [`#name`].
            /// Verify and parse deliveries with [`super::runtime::webhook::Verifier`].
            pub type Event = super::runtime::webhook::Event<#name, #style>;
        });
    }
    let examples = examples::examples_test(&model.examples, &model.types, timestamps);
    if !examples.is_empty() {
        items.push(examples);
    }
    let mut crate_doc = format!("# {}\n", model.title);
    if let Some(description) = &model.description {
        crate_doc.push('\n');
        crate_doc.push_str(description);
        crate_doc.push('\n');
    }
    Emitted {
        crate_doc,
        modules: {
            // A spec without schemas has an empty `types` module: no imports to leave unused.
            let empty = items.len() == 1 + usize::from(validates);
            if empty {
                items.clear();
            }
            let mut modules = vec![Module {
                name: "types".into(),
                doc: "The API's schemas: request and response types, and open enums.".into(),
                items,
                glob_export: !empty,
            }];
            if !model.operations.is_empty() {
                modules.push(api::api_module(model));
                modules.extend(
                    model
                        .tags
                        .iter()
                        .map(|tag| operations::tag_module(model, tag)),
                );
            }
            if model.runtime.modules.contains(&"webhook") {
                modules.push(webhooks::webhook_module(model));
            }
            modules
        },
    }
}
