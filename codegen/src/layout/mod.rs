//! Stage 4: lay the emitted modules out as files and format them as prettyplease does.

mod format;

use format::{Piece, format, format_pieces};

use crate::GeneratedFile;
use crate::diagnostics::Error;
use crate::emit::runtime::{FILES, RuntimeFile};
use crate::emit::{Emitted, Module};
use crate::model::Model;
use crate::model::runtime::Runtime;
use crate::settings::{Layout, Settings};
use crate::tokens::{Tokens, tokens};

const CARGO_TEMPLATE: &str = include_str!("../../templates/Cargo.toml");
const README_TEMPLATE: &str = include_str!("../../templates/README.md");

/// The header every generated Rust file starts with (`@generated` marks it for tools).
pub const GENERATED_MARK: &str = "@generated";

/// The files of `emitted` in `layout`, their headers naming `regenerate` (default
/// `cargo codegen`) as the command that refreshes them.
pub fn files(
    emitted: &Emitted,
    model: &Model,
    entry: &str,
    settings: &Settings,
    layout: &Layout,
    regenerate: Option<&str>,
) -> Result<Vec<GeneratedFile>, Error> {
    let regenerate = regenerate.unwrap_or("cargo codegen");
    let header = format!(
        "// {GENERATED_MARK} by workos-codegen from `{entry}`. Do not edit by hand:\n// regenerate with `{regenerate}`.\n\n"
    );
    match layout {
        Layout::Module { file_name } => Ok(vec![GeneratedFile {
            path: file_name.clone(),
            contents: format!("{header}{}", bundle(emitted, &model.runtime)?),
        }]),
        Layout::Crate => crate_files(emitted, model, entry, settings, &header, regenerate),
    }
}

fn crate_files(
    emitted: &Emitted,
    model: &Model,
    entry: &str,
    settings: &Settings,
    header: &str,
    regenerate: &str,
) -> Result<Vec<GeneratedFile>, Error> {
    let package = &model.package;
    let title = model.title.as_str();
    let regenerate_them = format!("regenerate them with `{regenerate}`");
    let values = [
        ("{name}", package.name.as_str()),
        ("{version}", package.version.as_str()),
        (
            "{description}",
            settings.package.description.as_deref().unwrap_or(title),
        ),
        ("{title}", title),
        ("{entry}", entry),
        ("{regenerate}", &regenerate_them),
    ];
    let fill = |template: &str| fill(template, &values);
    let mut files = vec![
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: format!(
                "# {GENERATED_MARK} by workos-codegen. Regenerate with `{regenerate}`.\n\n{}",
                fill(&crate::manifest::manifest(
                    CARGO_TEMPLATE,
                    &model.runtime,
                    &model.external_crates,
                ))
            ),
        },
        GeneratedFile {
            path: "README.md".into(),
            contents: format!(
                "<!-- {GENERATED_MARK} by workos-codegen. -->\n{}",
                fill(README_TEMPLATE)
            ),
        },
    ];

    let doc = crate_doc(&emitted.crate_doc);
    let module_names = emitted.modules.iter().map(|m| crate::emit::ident(&m.name));
    let exports = emitted.modules.iter().filter(|m| m.glob_export).map(|m| {
        let name = crate::emit::ident(&m.name);
        tokens!(pub use #name::*;)
    });
    let runtime_exports = runtime_exports(&model.runtime, &Tokens::new());
    let lib = tokens! {
        #doc
        pub mod runtime;
        #(pub mod #module_names;)*
        #(#exports)*
        #runtime_exports
    };
    files.push(GeneratedFile {
        path: "src/lib.rs".into(),
        contents: format!("{header}{}", format(lib)?),
    });

    for module in &emitted.modules {
        let doc = module_doc(module);
        let pieces =
            std::iter::once(Piece::Items(&doc)).chain(module.items.iter().map(Piece::Items));
        files.push(GeneratedFile {
            path: format!("src/{}.rs", module.name),
            contents: format!("{header}{}", format_pieces(pieces)?),
        });
    }

    let runtime_mods = shipped(&model.runtime).map(|file| crate::emit::ident(file.name));
    let runtime = tokens! {
        //! Support code the generated modules use, copied from the generator's `runtime/` folder.
        #(pub mod #runtime_mods;)*
    };
    files.push(GeneratedFile {
        path: "src/runtime/mod.rs".into(),
        contents: format!("{header}{}", format(runtime)?),
    });
    for file in shipped(&model.runtime) {
        let copied = format!(
            "// {GENERATED_MARK}: copied from workos-codegen's `runtime/{}.rs`. Do not edit by hand:\n// regenerate with `{regenerate}`.\n\n",
            file.name
        );
        let source = file.code();
        files.push(GeneratedFile {
            path: format!("src/runtime/{}.rs", file.name),
            contents: format!("{copied}{source}"),
        });
    }
    Ok(files)
}

fn crate_doc(text: &str) -> Tokens {
    let lines = text.lines().map(|line| {
        let line = crate::emit::comment_safe(line);
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        tokens!(#![doc = #line])
    });
    tokens!(#(#lines)*)
}

/// `#![doc = "..."]` of a module's file.
fn module_doc(module: &Module) -> Tokens {
    let doc = format!(" {}", module.doc);
    tokens!(#![doc = #doc])
}

/// Every module inline in one file, for `include!` (so no inner attributes at its top). It may
/// be included in a private module of a binary that uses a part of it: what it does not use is
/// no warning there.
fn bundle(emitted: &Emitted, runtime: &Runtime) -> Result<String, Error> {
    let docs: Vec<Tokens> = emitted.modules.iter().map(module_doc).collect();
    let unused = tokens!(#[allow(unused_imports)]);
    let exports = emitted.modules.iter().filter(|m| m.glob_export).map(|m| {
        let name = crate::emit::ident(&m.name);
        tokens!(#unused pub use #name::*;)
    });
    let runtime_exports = runtime_exports(runtime, &unused);
    let exports = tokens! {
        #(#exports)*
        #runtime_exports
    };
    let allow = tokens!(#[allow(dead_code, unused_imports)]);
    let modules = emitted
        .modules
        .iter()
        .zip(&docs)
        .map(|(module, doc)| Piece::Module {
            attrs: &allow,
            name: &module.name,
            doc,
            items: &module.items,
        });
    let generated = format_pieces(modules.chain([Piece::Items(&exports)]))?;
    Ok(format!("{}\n{generated}", runtime_module(runtime)))
}

/// The runtime files a crate ships, in the runtime's order.
fn shipped(runtime: &Runtime) -> impl Iterator<Item = &'static RuntimeFile> + '_ {
    FILES.iter().filter(|file| runtime.ships(file.name))
}

/// The runtime modules of `runtime` as one inline module, as the one-file layout holds them: the
/// runtime is already formatted source, pasted in as text rather than re-parsed and re-printed
/// (that was most of a build script's time).
pub fn runtime_module(runtime: &Runtime) -> String {
    // `unexpected_cfgs`: the including crate may have no `tracing` feature.
    let mut out = String::from(
        "/// Support code the generated modules use, copied from the generator's `runtime/` folder.\n#[allow(dead_code, unused_imports, unexpected_cfgs)]\npub mod runtime {\n",
    );
    for file in shipped(runtime) {
        out.push_str(&format!("pub mod {} {{\n{}}}\n", file.name, file.code()));
    }
    out.push_str("}\n");
    out
}

/// `pub use runtime::...;` for the runtime items users reach from the crate root, each with
/// `attributes`.
fn runtime_exports(runtime: &Runtime, attributes: &Tokens) -> Tokens {
    let exports = shipped(runtime)
        .filter_map(|file| file.export)
        .map(use_tree);
    tokens!(#(#attributes pub use runtime::#exports;)*)
}

/// The tokens of a use tree written as text (`client::{Client, ClientBuilder}`).
fn use_tree(text: &str) -> Tokens {
    let mut tokens = Tokens::new();
    let mut groups = Vec::new();
    let mut rest = text;
    while let Some(ch) = rest.chars().next() {
        let len = match ch {
            '{' => {
                groups.push(tokens.open(crate::tokens::Delimiter::Brace));
                1
            }
            '}' => {
                tokens.close(groups.pop().expect("runtime exports are valid use trees"));
                1
            }
            ':' => {
                tokens.push_punct("::");
                2
            }
            ',' | '*' => {
                tokens.push_punct(&rest[..1]);
                1
            }
            ' ' => 1,
            _ => {
                let len = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                tokens.push_ident(&rest[..len]);
                len
            }
        };
        rest = &rest[len..];
    }
    tokens
}

/// `template` with each `{key}` of `values` replaced, as `str::replace` one key after the other
/// would (in one pass unless a value has a `{` that a later key could match).
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    if values.iter().any(|(_, value)| value.contains('{')) {
        return values
            .iter()
            .fold(template.to_string(), |text, (key, value)| {
                text.replace(key, value)
            });
    }
    let mut out = String::with_capacity(template.len() + 256);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        match values.iter().find(|(key, _)| rest.starts_with(key)) {
            Some((key, value)) => {
                out.push_str(value);
                rest = &rest[key.len()..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
