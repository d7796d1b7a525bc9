//! The expected failures of a run, exact both ways: a failure not listed fails the run, and so
//! does a listed one that passes (or names nothing), so the list only shrinks as the generator
//! improves and always says what it still lacks. One line each, `#` starts a comment line:
//!
//! ```text
//! schema | generate | <text the generator's error contains>
//! schema | clippy | <text clippy's errors contain>
//! schema | #/definitions/Foo type | <why no named type has this source>
//! schema | #/definitions/Foo invalid 2 | <why this instance fails>
//! ```
//!
//! A schema that does not generate (or whose crate does not build) fails all its instances
//! under that one line; a pointer without a type, all its own.

use std::collections::BTreeMap;
use std::fmt;

use super::cases::Kind;
use super::harness::Outcome;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    Generate,
    Clippy,
    /// The schema at this pointer has no named type.
    Type(String),
    /// One instance: its pointer, its list and its index there.
    Instance(String, Kind, usize),
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Generate => f.write_str("generate"),
            Target::Clippy => f.write_str("clippy"),
            Target::Type(pointer) => write!(f, "#{pointer} type"),
            Target::Instance(pointer, kind, index) => {
                write!(f, "#{pointer} {} {index}", kind.name())
            }
        }
    }
}

/// One line of the list.
#[derive(Clone, Debug)]
pub struct Entry {
    pub schema: String,
    pub target: Target,
    pub reason: String,
}

/// Reads the list; the error names the line.
pub fn parse(text: &str) -> Result<Vec<Entry>, String> {
    let mut entries: Vec<Entry> = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |why: &str| format!("line {}: {why}: {line}", number + 1);
        let fields: Vec<&str> = line.splitn(3, " | ").collect();
        let [schema, target, reason] = fields[..] else {
            return Err(at("expected `schema | target | reason`"));
        };
        let target = target_of(target.trim()).ok_or_else(|| at("unknown target"))?;
        if reason.trim().is_empty() {
            return Err(at("no reason"));
        }
        let entry = Entry {
            schema: schema.trim().to_string(),
            target,
            reason: reason.trim().to_string(),
        };
        if entries
            .iter()
            .any(|e| e.schema == entry.schema && e.target == entry.target)
        {
            return Err(at("listed twice"));
        }
        entries.push(entry);
    }
    Ok(entries)
}

fn target_of(text: &str) -> Option<Target> {
    match text {
        "generate" => return Some(Target::Generate),
        "clippy" => return Some(Target::Clippy),
        _ => {}
    }
    let pointer = |text: &str| text.strip_prefix('#').map(str::to_string);
    if let Some(rest) = text.strip_suffix(" type") {
        return pointer(rest).map(Target::Type);
    }
    let (rest, index) = text.rsplit_once(' ')?;
    let (rest, kind) = rest.rsplit_once(' ')?;
    Some(Target::Instance(
        pointer(rest)?,
        Kind::parse(kind)?,
        index.parse().ok()?,
    ))
}

/// How a run compares with the list.
#[derive(Debug, Default)]
pub struct Verdict {
    /// Per schema: instances, passed, failed as listed, failed unlisted, listed but passed.
    pub rows: Vec<Row>,
    /// Everything that differs from the list, one line each.
    pub problems: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Row {
    pub schema: String,
    pub status: &'static str,
    pub instances: usize,
    pub passed: usize,
    pub expected: usize,
    pub unexpected: usize,
    pub fixed: usize,
}

/// Compares the outcomes with the list.
pub fn compare(outcomes: &[Outcome], entries: &[Entry]) -> Verdict {
    let mut listed: BTreeMap<(String, Target), &Entry> = entries
        .iter()
        .map(|e| ((e.schema.clone(), e.target.clone()), e))
        .collect();
    let mut verdict = Verdict::default();
    for outcome in outcomes {
        let schema = outcome.name.as_str();
        let mut row = Row {
            schema: schema.to_string(),
            status: "generates",
            ..Row::default()
        };
        let mut stage = |target: Target, failure: Option<&String>, verdict: &mut Verdict| {
            let entry = listed.remove(&(schema.to_string(), target.clone()));
            match (failure, entry) {
                (Some(error), None) => verdict.problems.push(format!(
                    "{schema} | {target} | fails, unlisted: {}",
                    first_lines(error)
                )),
                (Some(error), Some(entry)) if !error.contains(&entry.reason) => {
                    verdict.problems.push(format!(
                        "{schema} | {target} | fails, but not with `{}`: {}",
                        entry.reason,
                        first_lines(error)
                    ));
                }
                (None, Some(_)) => verdict.problems.push(format!(
                    "{schema} | {target} | listed, but passes: remove the line"
                )),
                _ => {}
            }
            failure.is_some()
        };
        let covered = if stage(
            Target::Generate,
            outcome.generated.as_ref().err(),
            &mut verdict,
        ) {
            row.status = "does not generate";
            true
        } else {
            let linted = stage(Target::Clippy, outcome.linted.as_ref().err(), &mut verdict);
            if linted {
                row.status = "not clippy-clean";
            }
            linted && !outcome.ran
        };
        for typed in &outcome.types {
            let pointer = &typed.pointer;
            let untyped = !covered && {
                let target = Target::Type(pointer.clone());
                let failure = typed.rust.as_ref().err();
                let entry = listed.remove(&(schema.to_string(), target.clone()));
                match (failure, entry) {
                    (Some(why), None) => verdict
                        .problems
                        .push(format!("{schema} | {target} | fails, unlisted: {why}")),
                    (None, Some(_)) => verdict.problems.push(format!(
                        "{schema} | {target} | listed, but the type exists: remove the line"
                    )),
                    _ => {}
                }
                failure.is_some()
            };
            for (check, result) in &typed.checks {
                row.instances += 1;
                if covered || untyped {
                    row.expected += 1;
                    continue;
                }
                let target = Target::Instance(pointer.clone(), check.kind, check.index);
                match (result, listed.remove(&(schema.to_string(), target.clone()))) {
                    (Ok(()), None) => row.passed += 1,
                    (Err(_), Some(_)) => row.expected += 1,
                    (Err(failure), None) => {
                        row.unexpected += 1;
                        verdict
                            .problems
                            .push(format!("{schema} | {target} | fails, unlisted: {failure}"));
                    }
                    (Ok(()), Some(_)) => {
                        row.fixed += 1;
                        verdict.problems.push(format!(
                            "{schema} | {target} | listed, but passes: remove the line"
                        ));
                    }
                }
            }
        }
        verdict.rows.push(row);
    }
    for ((schema, target), _) in listed {
        verdict.problems.push(format!(
            "{schema} | {target} | listed, but names no case of the run"
        ));
    }
    verdict
}

/// The progress table, as Markdown.
/// Fails the test unless every check of every schema passed (no expected failures), after
/// printing the table.
pub fn assert_all_pass(outcomes: &[Outcome]) {
    let verdict = compare(outcomes, &[]);
    println!("{}", table(&verdict.rows));
    assert!(
        verdict.problems.is_empty(),
        "{} failure(s):\n{}",
        verdict.problems.len(),
        verdict.problems.join("\n")
    );
}

pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| schema | status | instances | passed | expected to fail | unexpected failures | listed but passing |\n\
         | --- | --- | ---: | ---: | ---: | ---: | ---: |\n",
    );
    let mut total = Row::default();
    for row in rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            row.schema,
            row.status,
            row.instances,
            row.passed,
            row.expected,
            row.unexpected,
            row.fixed
        ));
        total.instances += row.instances;
        total.passed += row.passed;
        total.expected += row.expected;
        total.unexpected += row.unexpected;
        total.fixed += row.fixed;
    }
    out.push_str(&format!(
        "| all | | {} | {} | {} | {} | {} |\n",
        total.instances, total.passed, total.expected, total.unexpected, total.fixed
    ));
    out
}

/// The first lines of a long error, on one line.
fn first_lines(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(4)
        .collect();
    lines.join(" / ")
}
