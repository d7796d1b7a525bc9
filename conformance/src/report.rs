//! What a run prints: one line per keyword file, then `N passed, M failed`; and the list of
//! expected misses a test compares a run with, exact both ways.

use std::collections::{BTreeMap, BTreeSet};

use crate::{Outcome, Place};

/// One keyword file's counts. `unsupported` instances are decided wrong on a schema the
/// generator warned about (it said its types do not follow some construct of it); `failed`
/// ones are the other wrong decisions, refusals and code that does not compile included.
#[derive(Debug, Default)]
pub struct Line {
    pub file: String,
    pub passed: usize,
    pub failed: usize,
    pub unsupported: usize,
    /// The warnings' kinds behind the unsupported ones, with how many instances each.
    pub reasons: BTreeMap<String, usize>,
}

/// The lines, in the files' order.
pub fn lines(outcomes: &[Outcome]) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    for outcome in outcomes {
        if lines.last().is_none_or(|l| l.file != outcome.place.file) {
            lines.push(Line {
                file: outcome.place.file.clone(),
                ..Line::default()
            });
        }
        let line = lines.last_mut().unwrap();
        if outcome.passed {
            line.passed += 1;
        } else if outcome.warned.is_empty() {
            line.failed += 1;
        } else {
            line.unsupported += 1;
            let kinds: BTreeSet<&str> = outcome
                .warned
                .iter()
                .map(|w| w.split(" (").next().unwrap_or(w))
                .collect();
            for kind in kinds {
                *line.reasons.entry(kind.to_string()).or_default() += 1;
            }
        }
    }
    lines
}

/// The lines as printed, the totals last: `N passed, M failed` (M counts the unsupported).
pub fn render(outcomes: &[Outcome]) -> String {
    let lines = lines(outcomes);
    let width = lines.iter().map(|l| l.file.len()).max().unwrap_or(0);
    let mut out = String::new();
    for line in &lines {
        out.push_str(&format!(
            "{:width$}  passed {:3}  failed {:3}  unsupported {:3}",
            line.file, line.passed, line.failed, line.unsupported
        ));
        if !line.reasons.is_empty() {
            let reasons: Vec<String> = line
                .reasons
                .iter()
                .map(|(kind, count)| format!("{kind}: {count}"))
                .collect();
            out.push_str(&format!("  (the generator warns: {})", reasons.join(", ")));
        }
        out.push('\n');
    }
    let passed = outcomes.iter().filter(|o| o.passed).count();
    out.push_str(&format!(
        "{passed} passed, {} failed\n",
        outcomes.len() - passed
    ));
    out
}

/// Every miss, one line each (`file group test | valid|invalid | description | why`).
pub fn misses(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    for outcome in outcomes.iter().filter(|o| !o.passed) {
        let why = match (&outcome.why, outcome.valid) {
            (Some(why), _) => why.clone(),
            (None, false) => "accepted".to_string(),
            (None, true) => "rejected".to_string(),
        };
        let warned = match outcome.warned.is_empty() {
            true => String::new(),
            false => format!(" [warns: {}]", outcome.warned.join("; ")),
        };
        out.push_str(&format!(
            "{} | {} | {} | {}{}\n",
            outcome.place,
            if outcome.valid { "valid" } else { "invalid" },
            outcome.description,
            why.replace('\n', " "),
            warned
        ));
    }
    out
}

/// Reads a list of expected misses: `file group test`, then anything after ` | `; `#` lines
/// are comments (the causes the misses are grouped by).
pub fn parse_expected(text: &str) -> Result<BTreeSet<Place>, String> {
    let mut places = BTreeSet::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let key = line.split(" | ").next().unwrap_or_default();
        let fields: Vec<&str> = key.split_whitespace().collect();
        let place = match fields[..] {
            [file, group, test] => {
                group
                    .parse()
                    .ok()
                    .zip(test.parse().ok())
                    .map(|(group, test)| Place {
                        file: file.to_string(),
                        group,
                        test,
                    })
            }
            _ => None,
        };
        let place = place
            .ok_or_else(|| format!("line {}: expected `file group test`: {line}", number + 1))?;
        if !places.insert(place) {
            return Err(format!("line {}: listed twice: {line}", number + 1));
        }
    }
    Ok(places)
}

/// How a run differs from the expected misses: misses not listed, and listed ones that pass
/// (or name no instance).
pub fn compare(outcomes: &[Outcome], expected: &BTreeSet<Place>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for outcome in outcomes {
        seen.insert(&outcome.place);
        match (outcome.passed, expected.contains(&outcome.place)) {
            (false, false) => problems.push(format!(
                "{} | missed, not listed | {}",
                outcome.place,
                misses(std::slice::from_ref(outcome)).trim_end()
            )),
            (true, true) => problems.push(format!(
                "{} | listed, but decided right: remove the line | {}",
                outcome.place, outcome.description
            )),
            _ => {}
        }
    }
    let files: BTreeSet<&str> = outcomes.iter().map(|o| o.place.file.as_str()).collect();
    let unseen = expected
        .iter()
        .filter(|p| files.contains(p.file.as_str()) && !seen.contains(p));
    for place in unseen {
        problems.push(format!(
            "{place} | listed, but names no instance of the run"
        ));
    }
    problems
}
