//! The printer (`workos_codegen::print`) gives the same text as `syn` and prettyplease, which it
//! replaced for speed: every item the emitter writes for every spec in this repository (the
//! corpus, the fixtures, GitHub's and the whole WorkOS API, `spec/`), at the top of a file and
//! inside an inline module, is printed both ways and compared. The printer must also read them
//! all: what it does not read is printed by prettyplease, correct but slower, so a new shape in
//! the emitter fails here until the printer reads it.

mod support;

use std::path::{Path, PathBuf};

use support::repo;
use workos_codegen::print::{self, reference};
use workos_codegen::tokens::{Delimiter, Tokens};
use workos_codegen::{emit, load, model};

/// Every folder and JSON or YAML file under `dir`, folders first.
fn candidates(dir: &Path, out: &mut Vec<PathBuf>) {
    out.push(dir.to_path_buf());
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            candidates(&path, out);
        } else if matches!(
            path.extension().and_then(|ext| ext.to_str()),
            Some("json" | "yaml" | "yml")
        ) {
            out.push(path);
        }
    }
}

/// `#![doc = "<text>"]`
fn inner_doc(text: &str) -> Tokens {
    let mut doc = Tokens::new();
    doc.push_punct("#");
    doc.push_punct("!");
    let open = doc.open(Delimiter::Bracket);
    doc.push_ident("doc");
    doc.push_punct("=");
    doc.push_string(text);
    doc.close(open);
    doc
}

/// `#[allow(dead_code, unused_imports)]`, as the one-file layout puts on its modules.
fn allow_attr() -> Tokens {
    let mut attr = Tokens::new();
    attr.push_punct("#");
    let open = attr.open(Delimiter::Bracket);
    attr.push_ident("allow");
    let list = attr.open(Delimiter::Parenthesis);
    attr.push_ident("dead_code");
    attr.push_punct(",");
    attr.push_ident("unused_imports");
    attr.close(list);
    attr.close(open);
    attr
}

#[test]
fn printer_reads_every_emitted_item_and_prints_it_as_prettyplease() {
    let mut paths = Vec::new();
    candidates(&repo("tests/fixtures"), &mut paths);
    candidates(&repo("spec"), &mut paths);
    let mut loaded_folders: Vec<PathBuf> = Vec::new();
    let (mut specs, mut items) = (0, 0);
    for path in paths {
        // A folder's entry file is the folder's spec again.
        let entry_of_loaded = path.is_file()
            && path.file_stem().is_some_and(|stem| stem == "openapi")
            && loaded_folders
                .iter()
                .any(|folder| path.parent() == Some(folder));
        if entry_of_loaded {
            continue;
        }
        let Ok((spec, settings)) = load(&path, None) else {
            continue;
        };
        let Ok(model) = model::build(&spec, &settings) else {
            continue;
        };
        if path.is_dir() {
            loaded_folders.push(path.clone());
        }
        specs += 1;
        for module in emit::emit(&model).modules {
            let place = |what: &str| format!("{}: module {}: {what}", path.display(), module.name);
            for tokens in &module.items {
                let expected = reference::file(tokens).unwrap_or_else(|err| panic!("{err}"));
                let printed = print::file(tokens).unwrap_or_else(|at| {
                    panic!(
                        "{}\nthe printer does not read this (it gave up at {at:?}):\n{}",
                        place("an item"),
                        expected
                            .items
                            .iter()
                            .map(|i| i.text.as_str())
                            .collect::<String>()
                    )
                });
                assert_eq!(printed.attrs, expected.attrs, "{}", place("attributes"));
                assert_eq!(
                    printed.items.len(),
                    expected.items.len(),
                    "{}",
                    place("items")
                );
                for (printed, expected) in printed.items.iter().zip(&expected.items) {
                    assert_eq!(printed.text, expected.text, "{}", place("an item"));
                    assert_eq!(printed.declares, expected.declares, "{}", place("a use"));
                    items += 1;
                }
            }
            let doc = inner_doc(" A doc.");
            for attrs in [Tokens::new(), allow_attr()] {
                let expected =
                    reference::module(&attrs, &module.name, &doc, &module.items).unwrap();
                let printed = print::module(&attrs, &module.name, &doc, &module.items).unwrap();
                assert_eq!(printed, expected, "{}", place("inline"));
            }
        }
    }
    // The walk found the specs (158 generate, some of them twice over).
    assert!(
        specs > 100 && items > 10_000,
        "{specs} specs, {items} items"
    );
}
