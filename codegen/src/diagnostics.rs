//! Problems found in a spec or settings file, reported with where they are.

use std::fmt;

/// Where a problem is: a file, and a JSON pointer or a line and column inside it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file as the user named it (e.g. `spec/openapi.json`).
    pub file: String,
    /// A JSON pointer (`/components/schemas/X`); empty for the whole document.
    pub pointer: String,
    /// Line and column (1-based), for syntax errors.
    pub line_col: Option<(usize, usize)>,
}

impl Location {
    pub fn new(file: impl Into<String>, pointer: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            pointer: pointer.into(),
            line_col: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_col {
            Some((line, col)) => write!(f, "{}:{line}:{col}", self.file),
            None => write!(f, "{}#{}", self.file, self.pointer),
        }
    }
}

/// One problem: where it is and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub location: Location,
    pub message: String,
}

impl Diagnostic {
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            message: message.into(),
        }
    }
}

/// What a warning is about, for counting warnings by kind (`cargo codegen --report`): the kind
/// of the first phrase its message contains. A new warning whose message has none of them is
/// counted as `other` until it gets a row here.
const WARNING_KINDS: &[(&str, &str)] = &[
    ("generated as serde_json::Value", "Value fallback"),
    ("unknown schema keyword", "unknown keyword"),
    ("no success response", "no success response"),
    // Before `additionalProperties`, which its message also names.
    ("`patternProperties`", "patternProperties"),
    ("`additionalProperties", "additionalProperties"),
    ("keyword `not`", "not"),
    ("enum of values that are not all strings", "enum"),
    ("in `enum`", "enum"),
    ("`enum: [", "enum"),
    ("media type", "media type"),
    ("has another body than", "several success bodies"),
    ("duplicate operationId", "duplicate operationId"),
    ("is not declared", "undeclared path parameter"),
    ("is given twice in one object", "duplicate key"),
    ("points at nothing; read as", "$ref by name"),
    (
        "which `properties` does not describe",
        "undescribed required",
    ),
    ("no fixed length", "tuple"),
    ("which cannot derive it", "derive"),
    ("takes no derives", "derive"),
];

impl Diagnostic {
    /// The kind of this warning ([`WARNING_KINDS`]), `other` when no phrase matches.
    pub fn kind(&self) -> &'static str {
        WARNING_KINDS
            .iter()
            .find(|(phrase, _)| self.message.contains(phrase))
            .map_or("other", |(_, kind)| kind)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Everything that stopped generation: all the problems found, not only the first.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", render(.0))]
    Spec(Vec<Diagnostic>),
    /// A bug in the generator (its own output does not parse): never the spec's fault.
    #[error("internal error in workos-codegen: {0}")]
    Internal(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The spec problems, if this is a spec error.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Spec(diagnostics) => diagnostics,
            Error::Io { .. } | Error::Internal(_) => &[],
        }
    }
}

fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = format!(
        "{} problem{} in the spec:",
        diagnostics.len(),
        if diagnostics.len() == 1 { "" } else { "s" }
    );
    for diagnostic in diagnostics {
        out.push_str("\n  error: ");
        out.push_str(&diagnostic.to_string());
    }
    out
}

/// Collects problems so that one run reports all of them.
#[derive(Debug, Default)]
pub struct Diagnostics {
    found: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn error(&mut self, location: Location, message: impl Into<String>) {
        self.found.push(Diagnostic::new(location, message));
    }

    /// These problems and those of a later stage's result, reported together.
    pub fn combine<T>(mut self, result: Result<T, Error>) -> Result<T, Error> {
        match result {
            Ok(value) => self.finish(value),
            Err(Error::Spec(found)) => {
                self.found.extend(found);
                Err(self.into_error())
            }
            Err(other) => Err(other),
        }
    }

    /// `Ok(value)` when nothing was found, else every problem, sorted and de-duplicated.
    pub fn finish<T>(self, value: T) -> Result<T, Error> {
        if self.found.is_empty() {
            return Ok(value);
        }
        Err(self.into_error())
    }

    fn into_error(mut self) -> Error {
        self.found
            .sort_by(|a, b| a.location.cmp(&b.location).then(a.message.cmp(&b.message)));
        self.found.dedup();
        Error::Spec(self.found)
    }
}
