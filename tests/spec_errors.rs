//! The corpus of broken specs: every folder under `tests/fixtures/broken/` is a spec (with, at
//! times, a `codegen.toml`) that must fail with exactly the message in its `expected.txt`, as
//! `cargo codegen --spec <folder>` and `cargo build` show it. A case that is valid OpenAPI, but
//! uses a construct the generated types cannot follow exactly, generates with the warnings in its
//! `expected.txt` instead, and fails with them as errors under `strict = true`.
//!
//! Refresh the messages after a deliberate change with
//! `EXPECTORATE=overwrite cargo test --test spec_errors`, and review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use workos_codegen::{Diagnostic, Error, generate, load};

const CORPUS: &str = "tests/fixtures/broken";

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(CORPUS)
        .expect("the corpus folder exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    cases
}

/// What the CLI and the build script do: load the spec and its settings, then generate; the
/// warnings, when it generates.
fn run(case: &Path) -> Result<Vec<Diagnostic>, Error> {
    run_strict(case, false)
}

fn run_strict(case: &Path, strict: bool) -> Result<Vec<Diagnostic>, Error> {
    let (spec, mut settings) = load(case, None)?;
    settings.strict |= strict;
    generate(&spec, &settings).map(|output| output.warnings)
}

/// Every problem names its place: a file and a pointer, or a line and column.
fn assert_placed(case: &Path, diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        let location = &diagnostic.location;
        assert!(
            location.file.starts_with(&*case.to_string_lossy()),
            "{}: {diagnostic} is not inside the case folder",
            case.display()
        );
        assert!(
            location.line_col.is_some()
                || !location.pointer.is_empty()
                || diagnostic.message.starts_with("not an OpenAPI document"),
            "{}: {diagnostic} says neither where in the file nor which line",
            case.display()
        );
    }
}

#[test]
fn every_broken_spec_fails_with_its_expected_message() {
    let cases = cases();
    assert!(
        cases.len() >= 25,
        "the corpus has {} cases: keep at least 25",
        cases.len()
    );
    let mut unexpected_success = Vec::new();
    let mut warned = 0;
    for case in &cases {
        let err = match run(case) {
            Ok(warnings) if warnings.is_empty() => {
                unexpected_success.push(case.display().to_string());
                continue;
            }
            Ok(warnings) => {
                // Valid, and generated with warnings: with `strict = true` they are the errors.
                warned += 1;
                assert_placed(case, &warnings);
                let mut text = format!(
                    "{} warning{} in the spec:",
                    warnings.len(),
                    if warnings.len() == 1 { "" } else { "s" }
                );
                for warning in &warnings {
                    text.push_str(&format!("\n  warning: {warning}"));
                }
                expectorate::assert_contents(case.join("expected.txt"), &format!("{text}\n"));
                let strict = run_strict(case, true).expect_err("strict makes warnings errors");
                assert_eq!(
                    strict.diagnostics().len(),
                    warnings.len(),
                    "{}",
                    case.display()
                );
                continue;
            }
            Err(err) => err,
        };
        assert_placed(case, err.diagnostics());
        assert!(
            matches!(err, Error::Spec(_)),
            "{}: expected spec problems, got {err}",
            case.display()
        );
        expectorate::assert_contents(case.join("expected.txt"), &format!("{err}\n"));
    }
    assert!(warned >= 5, "{warned} cases generate with warnings");
    assert!(
        unexpected_success.is_empty(),
        "these broken specs generated without an error or a warning: {unexpected_success:?}"
    );
}

#[test]
fn independent_problems_are_reported_together() {
    let err = run(Path::new("tests/fixtures/broken/several-problems")).unwrap_err();
    let messages: Vec<String> = err.diagnostics().iter().map(|d| d.to_string()).collect();
    let expect = [
        "path parameter `thing_id` does not appear in the path `/things/{id}`",
        "enum value 1 is not a string",
        "`$ref: #/components/schemas/Owner` points at nothing",
    ];
    for needle in expect {
        assert!(
            messages.iter().any(|m| m.contains(needle)),
            "`{needle}` is missing from:\n{}",
            messages.join("\n")
        );
    }
}

#[test]
fn syntax_errors_carry_line_and_column() {
    for (case, line_col) in [
        ("json-syntax", (7, 36)),
        ("yaml-syntax", (11, 10)),
        ("json-syntax-in-referenced-file", (5, 5)),
    ] {
        let err = run(&Path::new(CORPUS).join(case)).unwrap_err();
        let found = err.diagnostics()[0].location.line_col;
        assert_eq!(found, Some(line_col), "{case}: {err}");
    }
}
