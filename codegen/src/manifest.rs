//! The generated crate's `Cargo.toml`: the template (`codegen/templates/Cargo.toml`) lists every
//! crate the generated code may use, with its version and features; a crate gets only the
//! entries the model's [`Runtime`] names, and only the `[features]` whose `dep:` crates it keeps
//! (a table left empty goes too). Comment lines right above an entry or a table header go with
//! it.

use std::collections::BTreeSet;

use crate::model::runtime::Runtime;

const DEPENDENCIES: &str = "[dependencies]";
const FEATURES: &str = "[features]";

/// A line of the template, with the comment lines right above it.
struct Line<'t> {
    comments: Vec<&'t str>,
    text: &'t str,
    /// The table it is in, for an entry (`name = ...`) of a dependency table.
    table: Option<&'t str>,
}

impl Line<'_> {
    /// The crate an entry of `[dependencies]` names.
    fn krate(&self) -> Option<&str> {
        (self.table? == DEPENDENCIES).then_some(())?;
        let (name, _) = self.text.split_once('=')?;
        Some(name.trim())
    }

    /// Whether the entry is kept for `dependencies`: a dependency among them, or a feature
    /// whose `dep:` crates all are.
    fn kept(&self, dependencies: &BTreeSet<&str>) -> bool {
        match self.table {
            Some(DEPENDENCIES) => dependencies.contains(self.krate().unwrap_or("")),
            Some(_) => self
                .text
                .split("dep:")
                .skip(1)
                .all(|rest| dependencies.contains(rest.split('"').next().unwrap_or(""))),
            None => true,
        }
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
            table = [DEPENDENCIES, FEATURES].contains(&text).then_some(text);
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
    // The spec's own crates go at the end of `[dependencies]`, before what follows it.
    let mut external: String = external
        .iter()
        .filter(|(krate, _)| !known.contains(krate.as_str()))
        .map(|(krate, version)| format!("{krate} = {version:?}\n"))
        .collect();
    let mut in_dependencies = false;
    let mut out = String::new();
    for (at, line) in lines.iter().enumerate() {
        if in_dependencies && line.table != Some(DEPENDENCIES) {
            out.push_str(&std::mem::take(&mut external));
            in_dependencies = false;
        }
        in_dependencies |= line.text == DEPENDENCIES;
        // A `[features]` header whose entries all go, goes with them.
        let empty = line.text == FEATURES
            && !lines[at + 1..]
                .iter()
                .take_while(|next| next.table.is_some() || next.text.is_empty())
                .any(|next| next.table.is_some() && next.kept(&runtime.dependencies));
        if line.kept(&runtime.dependencies) && !empty {
            line.write(&mut out);
        }
    }
    let mut out = out.trim_end().to_string();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "[package]\nname = \"x\"\n\n# Keep.\n[dependencies]\na = \"1\"\n# Why b.\nb = \"2\"\nc = \"3\"\n\n# Features.\n[features]\n# Of c.\nf = [\"dep:c\"]\n";

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
            "[package]\nname = \"x\"\n\n# Keep.\n[dependencies]\na = \"1\"\nc = \"3\"\n\n# Features.\n[features]\n# Of c.\nf = [\"dep:c\"]\n"
        );
    }

    #[test]
    fn the_specs_own_crates_end_the_dependencies_table() {
        let external = [("money".to_string(), "1.2".to_string())].into();
        assert_eq!(
            manifest(TEMPLATE, &runtime(&["c"]), &external),
            "[package]\nname = \"x\"\n\n# Keep.\n[dependencies]\nc = \"3\"\nmoney = \"1.2\"\n\n# Features.\n[features]\n# Of c.\nf = [\"dep:c\"]\n"
        );
    }
}
