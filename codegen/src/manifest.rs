//! The generated crate's `Cargo.toml`: the template (`codegen/templates/Cargo.toml`) lists every
//! crate the generated code may use, with its version and features; a crate gets only the
//! entries the model's [`Runtime`] names. Comment lines right above an entry or a table header
//! go with it.

use std::collections::BTreeSet;

use crate::model::runtime::Runtime;

const DEPENDENCIES: &str = "[dependencies]";
const DEV_DEPENDENCIES: &str = "[dev-dependencies]";

/// A line of the template, with the comment lines right above it.
struct Line<'t> {
    comments: Vec<&'t str>,
    text: &'t str,
    /// The table it is in, for an entry (`name = ...`) of a dependency table.
    table: Option<&'t str>,
}

impl Line<'_> {
    /// The crate an entry names.
    fn krate(&self) -> Option<&str> {
        self.table?;
        let (name, _) = self.text.split_once('=')?;
        Some(name.trim())
    }

    fn write(&self, out: &mut String) {
        for line in self.comments.iter().chain([&self.text]) {
            out.push_str(line);
            out.push('\n');
        }
    }
}

fn lines(template: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut comments = Vec::new();
    let mut table = None;
    for text in template.lines() {
        if text.starts_with('#') {
            comments.push(text);
            continue;
        }
        if text.starts_with('[') {
            table = [DEPENDENCIES, DEV_DEPENDENCIES]
                .contains(&text)
                .then_some(text);
        }
        let entry = table.is_some() && !text.starts_with('[') && text.contains('=');
        lines.push(Line {
            comments: std::mem::take(&mut comments),
            text,
            table: if entry { table } else { None },
        });
    }
    lines.push(Line {
        comments,
        text: "",
        table: None,
    });
    lines
}

/// The template with only the dependencies `runtime` names. A dev-dependency is the template's
/// `[dev-dependencies]` entry when it has one (more features for tests), else the
/// `[dependencies]` entry of a crate only tests use; a table left empty is left out.
pub fn manifest(template: &str, runtime: &Runtime) -> String {
    let lines = lines(template);
    let entry = |table: &str, krate: &str| {
        lines
            .iter()
            .find(|line| line.table == Some(table) && line.krate() == Some(krate))
    };
    let dev: Vec<&Line> = runtime
        .dev_dependencies
        .iter()
        .filter_map(|krate| {
            entry(DEV_DEPENDENCIES, krate).or_else(|| {
                (!runtime.dependencies.contains(krate))
                    .then(|| entry(DEPENDENCIES, krate))
                    .flatten()
            })
        })
        .collect();
    let known: BTreeSet<&str> = lines.iter().filter_map(Line::krate).collect();
    for krate in runtime.dependencies.iter().chain(&runtime.dev_dependencies) {
        assert!(
            known.contains(krate),
            "the Cargo.toml template has no entry for `{krate}`"
        );
    }
    let mut out = String::new();
    let mut table = None;
    for line in &lines {
        if line.text.starts_with('[') {
            table = Some(line.text);
        }
        match line.table {
            Some(DEPENDENCIES) if runtime.dependencies.contains(line.krate().unwrap_or("")) => {
                line.write(&mut out)
            }
            Some(_) => {}
            None if table == Some(DEV_DEPENDENCIES) && line.text.starts_with('[') => {
                if !dev.is_empty() {
                    line.write(&mut out);
                    dev.iter().for_each(|entry| entry.write(&mut out));
                }
            }
            None => line.write(&mut out),
        }
    }
    let mut out = out.trim_end().to_string();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "[package]\nname = \"x\"\n\n# Keep.\n[dependencies]\na = \"1\"\n# Why b.\nb = \"2\"\nc = \"3\"\n\n# Tests.\n[dev-dependencies]\nb = { version = \"2\", features = [\"t\"] }\n";

    fn runtime(dependencies: &[&'static str], dev: &[&'static str]) -> Runtime {
        Runtime {
            modules: vec![],
            dependencies: dependencies.iter().copied().collect(),
            dev_dependencies: dev.iter().copied().collect(),
        }
    }

    #[test]
    fn only_the_named_crates_are_kept_with_their_comments() {
        assert_eq!(
            manifest(TEMPLATE, &runtime(&["b"], &["b"])),
            "[package]\nname = \"x\"\n\n# Keep.\n[dependencies]\n# Why b.\nb = \"2\"\n\n# Tests.\n[dev-dependencies]\nb = { version = \"2\", features = [\"t\"] }\n"
        );
    }

    #[test]
    fn a_crate_only_tests_use_is_a_dev_dependency_and_an_empty_table_goes() {
        assert_eq!(
            manifest(TEMPLATE, &runtime(&["a"], &["c"])),
            "[package]\nname = \"x\"\n\n# Keep.\n[dependencies]\na = \"1\"\n\n# Tests.\n[dev-dependencies]\nc = \"3\"\n"
        );
        assert_eq!(
            manifest(TEMPLATE, &runtime(&["a"], &["a"])),
            "[package]\nname = \"x\"\n\n# Keep.\n[dependencies]\na = \"1\"\n"
        );
    }
}
