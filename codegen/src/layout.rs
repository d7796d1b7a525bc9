//! Stage 4: lay the emitted modules out as files and format them with prettyplease.

use proc_macro2::TokenStream;
use quote::quote;

use crate::GeneratedFile;
use crate::diagnostics::Error;
use crate::emit::runtime::{FILES, RuntimeFile};
use crate::emit::{Emitted, Module};
use crate::model::Model;
use crate::model::runtime::Runtime;
use crate::settings::{Layout, Settings};

const CARGO_TEMPLATE: &str = include_str!("../templates/Cargo.toml");
const README_TEMPLATE: &str = include_str!("../templates/README.md");

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
    let fill = |template: &str| {
        template
            .replace("{name}", &package.name)
            .replace("{version}", &package.version)
            .replace(
                "{description}",
                settings.package.description.as_deref().unwrap_or(title),
            )
            .replace("{title}", title)
            .replace("{entry}", entry)
            .replace(
                "{regenerate}",
                &format!("regenerate them with `{regenerate}`"),
            )
    };
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
        quote!(pub use #name::*;)
    });
    let runtime_exports = runtime_exports(&model.runtime, TokenStream::new());
    let lib = quote! {
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
        files.push(GeneratedFile {
            path: format!("src/{}.rs", module.name),
            contents: format!("{header}{}", format(module_file(module))?),
        });
    }

    let runtime_mods = shipped(&model.runtime).map(|file| crate::emit::ident(file.name));
    let runtime = quote! {
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

fn crate_doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        let line = crate::emit::comment_safe(line);
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#![doc = #line])
    });
    quote!(#(#lines)*)
}

fn module_file(module: &Module) -> TokenStream {
    let doc = format!(" {}", module.doc);
    let items = &module.items;
    quote! {
        #![doc = #doc]
        #(#items)*
    }
}

/// Every module inline in one file, for `include!` (so no inner attributes at its top). It may
/// be included in a private module of a binary that uses a part of it: what it does not use is
/// no warning there.
fn bundle(emitted: &Emitted, runtime: &Runtime) -> Result<String, Error> {
    let modules = emitted.modules.iter().map(|module| {
        let name = crate::emit::ident(&module.name);
        let body = module_file(module);
        quote!(#[allow(dead_code, unused_imports)] pub mod #name { #body })
    });
    let exports = emitted.modules.iter().filter(|m| m.glob_export).map(|m| {
        let name = crate::emit::ident(&m.name);
        quote!(#[allow(unused_imports)] pub use #name::*;)
    });
    let runtime_exports = runtime_exports(runtime, quote!(#[allow(unused_imports)]));
    let generated = format(quote! {
        #(#modules)*
        #(#exports)*
        #runtime_exports
    })?;
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
fn runtime_exports(runtime: &Runtime, attributes: TokenStream) -> TokenStream {
    let exports = shipped(runtime)
        .filter_map(|file| file.export)
        .map(|export| {
            let tree: syn::UseTree =
                syn::parse_str(export).expect("runtime exports are valid use trees");
            quote!(#attributes pub use runtime::#tree;)
        });
    quote!(#(#exports)*)
}

/// prettyplease, with a blank line between top-level items for readability.
fn format(tokens: TokenStream) -> Result<String, Error> {
    let mut file: syn::File = syn::parse2(tokens)
        .map_err(|err| Error::Internal(format!("generated code does not parse: {err}")))?;
    // Items are printed one at a time from an empty copy of the file: copying the whole file
    // per item would be quadratic (seconds on the whole WorkOS API).
    let items = std::mem::take(&mut file.items);
    let attrs = std::mem::take(&mut file.attrs);
    let mut out = String::new();
    if !attrs.is_empty() {
        out.push_str(&prettyplease::unparse(&syn::File {
            attrs,
            ..file.clone()
        }));
    }
    // Each item moves into a one-item file and back out: cloning it cost 6% of the whole run
    // on nexus.json.
    let mut one = syn::File {
        attrs: vec![],
        items: Vec::with_capacity(1),
        ..file
    };
    let mut previous_declares = false;
    for item in items {
        // Runs of `use` and `mod x;` lines stay together; other items get a blank line.
        let declares = matches!(item, syn::Item::Use(_))
            || matches!(&item, syn::Item::Mod(m) if m.content.is_none());
        let same_run = previous_declares && declares;
        if !out.is_empty() && !same_run {
            out.push('\n');
        }
        previous_declares = declares;
        one.items.push(item);
        out.push_str(&prettyplease::unparse(&one));
        one.items.clear();
    }
    Ok(space_members(&out))
}

/// prettyplease puts no blank line between the members of an `impl`: add one after each
/// member's closing brace when another member (doc, attribute, fn, const, type) follows.
fn space_members(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    for (index, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        let Some(next) = lines.get(index + 1) else {
            continue;
        };
        let indent = line.len() - line.trim_start().len();
        let next_indent = next.len() - next.trim_start().len();
        let member_start = ["///", "#[", "pub ", "fn ", "const ", "type ", "async fn "]
            .iter()
            .any(|start| next.trim_start().starts_with(start));
        if indent > 0 && line.trim() == "}" && next_indent == indent && member_start {
            out.push('\n');
        }
    }
    out
}
