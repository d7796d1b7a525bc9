//! The generated crate's `Cargo.toml`: the template (`codegen/templates/Cargo.toml`) lists every
//! crate the generated code may use, with its version and features; a crate gets only the
//! entries the model's [`Runtime`] names. Comment lines right above an entry or a table header
//! go with it.

use std::collections::BTreeSet;

use crate::model::runtime::Runtime;

const DEPENDENCIES: &str = "[dependencies]";

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
            table = (text == DEPENDENCIES).then_some(text);
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

/// The template with only the dependencies `runtime` names (generated code holds the runtime
/// without its unit tests, so a crate needs no dev-dependency), and the crates of the spec's
/// own Rust types (`x-rust-type`), by version.
pub fn manifest(
    template: &str,
    runtime: &Runtime,
    external: &std::collections::BTreeMap<String, String>,
) -> String {
    let lines = lines(template);
    let known: BTreeSet<&str> = lines.iter().filter_map(Line::krate).collect();
    for krate in &runtime.dependencies {
        assert!(
            known.contains(krate),
            "the Cargo.toml template has no entry for `{krate}`"
        );
    }
    let mut out = String::new();
    for line in &lines {
        match line.table {
            Some(_) if runtime.dependencies.contains(line.krate().unwrap_or("")) => {
                line.write(&mut out)
            }
            Some(_) => {}
            None => line.write(&mut out),
        }
    }
    let mut out = out.trim_end().to_string();
    out.push('\n');
    // At the end of `[dependencies]`, before any table after it.
    let lines: String = external
        .iter()
        .filter(|(krate, _)| !known.contains(krate.as_str()))
        .map(|(krate, version)| format!("{krate} = {version:?}\n"))
        .collect();
    let end = out
        .find(DEPENDENCIES)
        .and_then(|start| out[start..].find("\n[").map(|next| start + next + 1))
        .unwrap_or(out.len());
    out.insert_str(end, &lines);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "[package]\nname = \"x\"\n\n# Keep.\n[dependencies]\na = \"1\"\n# Why b.\nb = \"2\"\nc = \"3\"\n";

    fn runtime(dependencies: &[&'static str]) -> Runtime {
        Runtime {
            modules: vec![],
            dependencies: dependencies.iter().copied().collect(),
        }
    }

    #[test]
    fn only_the_named_crates_are_kept_with_their_comments() {
        assert_eq!(
            manifest(TEMPLATE, &runtime(&["b"]), &Default::default()),
            "[package]\nname = \"x\"\n\n# Keep.\n[dependencies]\n# Why b.\nb = \"2\"\n"
        );
        assert_eq!(
            manifest(TEMPLATE, &runtime(&["a", "c"]), &Default::default()),
            "[package]\nname = \"x\"\n\n# Keep.\n[dependencies]\na = \"1\"\nc = \"3\"\n"
        );
    }
}
