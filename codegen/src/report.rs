//! What each spec generates and where the generated code does not follow it exactly: the table
//! `cargo codegen --report PATH...` prints (and the README keeps for the corpus).

use std::collections::BTreeMap;
use std::path::Path;

use crate::Error;

/// What one spec generates, in the crate layout of its settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub operations: usize,
    /// Named types in the model (inline ones included, identical ones merged).
    pub types: usize,
    /// Warnings by [`crate::Diagnostic::kind`].
    pub warnings: BTreeMap<&'static str, usize>,
    /// Lines of the generated `.rs` files, runtime included.
    pub lines: usize,
}

/// Loads and generates the spec at `path` (a folder or entry file, with its `codegen.toml`).
pub fn summarize(path: &Path) -> Result<Summary, Error> {
    let (spec, settings) = crate::load(path, None)?;
    let layout = (settings.layout.clone(), settings.regenerate_with.as_deref());
    let (model, outputs) = crate::generate_model(&spec, &settings, &[layout])?;
    let mut warnings = BTreeMap::new();
    for warning in &model.warnings {
        *warnings.entry(warning.kind()).or_insert(0) += 1;
    }
    let lines = outputs
        .iter()
        .flat_map(|output| &output.files)
        .filter(|file| file.path.ends_with(".rs"))
        .map(|file| file.contents.lines().count())
        .sum();
    Ok(Summary {
        operations: model.operations.len(),
        types: model.types.len(),
        warnings,
        lines,
    })
}

/// A Markdown table of the specs (each labelled), one column per warning kind any of them has;
/// the specs that fail to generate follow it, each with its first error.
pub fn table(specs: &[(String, Result<Summary, Error>)]) -> String {
    let mut kinds: Vec<&str> = specs
        .iter()
        .filter_map(|(_, result)| result.as_ref().ok())
        .flat_map(|summary| summary.warnings.keys().copied())
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut out = String::from("| spec | operations | types | warnings |");
    for kind in &kinds {
        out.push_str(&format!(" {kind} |"));
    }
    out.push_str(" lines |\n|");
    out.push_str(&" --- |".repeat(kinds.len() + 5));
    out.push('\n');
    let mut failed = Vec::new();
    for (label, result) in specs {
        let summary = match result {
            Ok(summary) => summary,
            Err(err) => {
                failed.push((label, first_error(err)));
                continue;
            }
        };
        let total: usize = summary.warnings.values().sum();
        out.push_str(&format!(
            "| `{label}` | {} | {} | {total} |",
            summary.operations, summary.types
        ));
        for kind in &kinds {
            match summary.warnings.get(kind) {
                Some(count) => out.push_str(&format!(" {count} |")),
                None => out.push_str(" |"),
            }
        }
        out.push_str(&format!(" {} |\n", summary.lines));
    }
    if !failed.is_empty() {
        out.push_str(&format!(
            "\n{} of {} do not generate (the first error of each):\n\n",
            failed.len(),
            specs.len()
        ));
        for (label, error) in failed {
            out.push_str(&format!("- `{label}`: {error}\n"));
        }
    }
    out
}

/// The first problem of an error, with its place but without the folder it was read from.
fn first_error(err: &Error) -> String {
    let text = match err.diagnostics().first() {
        Some(diagnostic) => match diagnostic.location.line_col {
            Some((line, col)) => format!("line {line}, column {col}: {}", diagnostic.message),
            None => format!("`#{}`: {}", diagnostic.location.pointer, diagnostic.message),
        },
        None => err.to_string(),
    };
    // A Markdown table cell or list item is one line; `|` would end the cell.
    text.replace('\n', " ").replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Diagnostic, Location};

    #[test]
    fn the_table_has_a_column_per_warning_kind_and_lists_failures_after_it() {
        let summary = |warnings: &[(&'static str, usize)]| Summary {
            operations: 2,
            types: 3,
            warnings: warnings.iter().copied().collect(),
            lines: 40,
        };
        let broken = Error::Spec(vec![Diagnostic::new(
            Location::new("dir/a.json", "/paths/~1x"),
            "empty `enum`: expected at least one value",
        )]);
        let table = table(&[
            ("a.json".into(), Ok(summary(&[("not", 1), ("other", 2)]))),
            ("b.json".into(), Ok(summary(&[]))),
            ("c.json".into(), Err(broken)),
        ]);
        assert_eq!(
            table,
            "| spec | operations | types | warnings | not | other | lines |\n\
             | --- | --- | --- | --- | --- | --- | --- |\n\
             | `a.json` | 2 | 3 | 3 | 1 | 2 | 40 |\n\
             | `b.json` | 2 | 3 | 0 | | | 40 |\n\
             \n1 of 3 do not generate (the first error of each):\n\n\
             - `c.json`: `#/paths/~1x`: empty `enum`: expected at least one value\n"
        );
    }

    #[test]
    fn warnings_are_counted_by_the_kind_of_their_message() {
        let kind = |message: &str| Diagnostic::new(Location::new("a", ""), message).kind();
        assert_eq!(
            kind("array without `items`; generated as serde_json::Value"),
            "Value fallback"
        );
        assert_eq!(
            kind("JSON Schema keyword `not` is not modelled: ..."),
            "not"
        );
        assert_eq!(kind("something new"), "other");
    }
}
