//! Instance cases: for a schema inside a file, the values it accepts and rejects, as written
//! from the schema's own rules. The file format (`tests/fixtures/typify_instances/*.json`):
//!
//! ```json
//! { "comment": "...", "cases": [{
//!     "type": "/definitions/Foo",
//!     "valid": [...], "round_trip": true,
//!     "invalid": [...], "open": [...], "defaults": [[input, serialized], ...]
//! }] }
//! ```
//!
//! `type` is the JSON pointer of the schema inside the file (`""` for the root), once per file;
//! for a folder of schema files, `file#pointer`.
//! Every instance is checked by decoding it into the Rust type generated for that schema:
//! - `valid` decode, and what they re-serialize to decodes again to an equal value; with
//!   `round_trip` (`true`, or the indices of the `valid` instances it applies to) it must also
//!   equal the instance (numbers compared by value: `1` equals `1.0`);
//! - `invalid` fail to decode;
//! - `open` are values the schema rejects only through a closed set (an enum, a tag's `const`)
//!   that the generator's open-enum rule keeps on purpose: they decode and round-trip;
//! - `defaults` pair an instance with what it re-serializes to once the schema's defaults are
//!   filled in.

use serde_json::Value;

/// The schemas of one file and their instances.
#[derive(Clone, Debug)]
pub struct Cases {
    pub comment: Option<String>,
    pub cases: Vec<Case>,
}

/// One schema (by pointer) and its instances.
#[derive(Clone, Debug, Default)]
pub struct Case {
    pub pointer: String,
    pub valid: Vec<Value>,
    /// The indices of `valid` that must re-serialize to themselves.
    pub round_trip: Vec<usize>,
    pub invalid: Vec<Value>,
    pub open: Vec<Value>,
    pub defaults: Vec<(Value, Value)>,
}

/// Which list of a case an instance is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Valid,
    Invalid,
    Open,
    Defaults,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Valid, Kind::Invalid, Kind::Open, Kind::Defaults];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Valid => "valid",
            Kind::Invalid => "invalid",
            Kind::Open => "open",
            Kind::Defaults => "defaults",
        }
    }

    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

/// What the probe inside the generated crate checks for one instance.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub kind: Kind,
    pub index: usize,
    pub input: Value,
    /// Decoding must succeed (else: must fail).
    pub decodes: bool,
    /// What the decoded value must re-serialize to.
    pub serialized: Option<Value>,
}

impl Case {
    /// Every instance of the case, as the probe checks it, in a fixed order.
    pub fn checks(&self) -> Vec<Check> {
        let valid = self.valid.iter().enumerate().map(|(index, input)| Check {
            kind: Kind::Valid,
            index,
            input: input.clone(),
            decodes: true,
            serialized: self.round_trip.contains(&index).then(|| input.clone()),
        });
        let invalid = self.invalid.iter().enumerate().map(|(index, input)| Check {
            kind: Kind::Invalid,
            index,
            input: input.clone(),
            decodes: false,
            serialized: None,
        });
        let open = self.open.iter().enumerate().map(|(index, input)| Check {
            kind: Kind::Open,
            index,
            input: input.clone(),
            decodes: true,
            serialized: Some(input.clone()),
        });
        let defaults = self
            .defaults
            .iter()
            .enumerate()
            .map(|(index, (input, filled))| Check {
                kind: Kind::Defaults,
                index,
                input: input.clone(),
                decodes: true,
                serialized: Some(filled.clone()),
            });
        valid.chain(invalid).chain(open).chain(defaults).collect()
    }
}

/// Reads a cases file; the error names what is wrong.
pub fn parse(text: &str) -> Result<Cases, String> {
    let file: Value = serde_json::from_str(text).map_err(|err| err.to_string())?;
    let object = file.as_object().ok_or("a cases file is an object")?;
    for key in object.keys() {
        if !["comment", "cases"].contains(&key.as_str()) {
            return Err(format!("unknown key `{key}`"));
        }
    }
    let comment = object.get("comment").map(comment).transpose()?;
    let list = object
        .get("cases")
        .and_then(Value::as_array)
        .ok_or("`cases` must be an array")?;
    let cases = list.iter().map(case).collect::<Result<Vec<_>, _>>()?;
    let mut pointers: Vec<&str> = cases.iter().map(|c| c.pointer.as_str()).collect();
    pointers.sort_unstable();
    if let Some(twice) = pointers.windows(2).find(|w| w[0] == w[1]) {
        return Err(format!("`type: {:?}` has two cases: merge them", twice[0]));
    }
    Ok(Cases { comment, cases })
}

/// A `comment`: a string, or lines of one.
fn comment(value: &Value) -> Result<String, String> {
    match value {
        Value::String(text) => Ok(text.clone()),
        Value::Array(lines) if lines.iter().all(Value::is_string) => Ok(lines
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n")),
        _ => Err("a `comment` is a string or an array of strings".into()),
    }
}

fn case(value: &Value) -> Result<Case, String> {
    let object = value.as_object().ok_or("a case is an object")?;
    let pointer = object
        .get("type")
        .and_then(Value::as_str)
        .ok_or("a case needs `type`: the JSON pointer of its schema")?
        .to_string();
    let at = |err: String| format!("case {pointer:?}: {err}");
    let list = |key: &str| -> Result<Vec<Value>, String> {
        match object.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => Ok(items.clone()),
            Some(_) => Err(at(format!("`{key}` must be an array"))),
        }
    };
    let mut case = Case {
        pointer: pointer.clone(),
        valid: list("valid")?,
        invalid: list("invalid")?,
        open: list("open")?,
        ..Case::default()
    };
    for pair in list("defaults")? {
        match pair {
            Value::Array(pair) if pair.len() == 2 => {
                case.defaults.push((pair[0].clone(), pair[1].clone()));
            }
            _ => return Err(at("`defaults` holds [instance, serialized] pairs".into())),
        }
    }
    case.round_trip = match object.get("round_trip") {
        None | Some(Value::Bool(false)) => Vec::new(),
        Some(Value::Bool(true)) => (0..case.valid.len()).collect(),
        Some(Value::Array(indices)) => indices
            .iter()
            .map(|i| {
                i.as_u64()
                    .map(|i| i as usize)
                    .filter(|i| *i < case.valid.len())
                    .ok_or_else(|| at(format!("`round_trip` index {i} is not one of `valid`")))
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(at("`round_trip` is a boolean or indices of `valid`".into())),
    };
    for key in object.keys() {
        let known = [
            "type",
            "comment",
            "valid",
            "invalid",
            "open",
            "defaults",
            "round_trip",
        ];
        if !known.contains(&key.as_str()) {
            return Err(at(format!("unknown key `{key}`")));
        }
    }
    if let Some(text) = object.get("comment") {
        comment(text).map_err(at)?;
    }
    if case.checks().is_empty() {
        return Err(at("no instance".into()));
    }
    Ok(case)
}
