//! The JSON Schema Test Suite's files: each keyword file is an array of groups, a schema and
//! its tests (`{description, schema, tests: [{description, data, valid}]}`), and the draft
//! they are written for.

use std::path::Path;

use serde_json::Value;

/// The drafts the suite has folders for. The generator reads every draft's keywords together
/// (`prefixItems` and array `items`, `$defs` and `definitions`, ...), so the draft only names
/// the dialect: a schema without `$schema` gets the draft's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Draft {
    Draft2020_12,
    Draft2019_09,
    Draft7,
    Draft6,
    Draft4,
}

impl Draft {
    pub const ALL: [Draft; 5] = [
        Draft::Draft2020_12,
        Draft::Draft2019_09,
        Draft::Draft7,
        Draft::Draft6,
        Draft::Draft4,
    ];

    /// The name the suite's folders use (`draft2020-12`, `draft7`).
    pub fn name(self) -> &'static str {
        match self {
            Draft::Draft2020_12 => "draft2020-12",
            Draft::Draft2019_09 => "draft2019-09",
            Draft::Draft7 => "draft7",
            Draft::Draft6 => "draft6",
            Draft::Draft4 => "draft4",
        }
    }

    /// The meta-schema URI a `$schema` names it by.
    pub fn uri(self) -> &'static str {
        match self {
            Draft::Draft2020_12 => "https://json-schema.org/draft/2020-12/schema",
            Draft::Draft2019_09 => "https://json-schema.org/draft/2019-09/schema",
            Draft::Draft7 => "http://json-schema.org/draft-07/schema#",
            Draft::Draft6 => "http://json-schema.org/draft-06/schema#",
            Draft::Draft4 => "http://json-schema.org/draft-04/schema#",
        }
    }

    /// A `--draft` value: `2020-12`, `draft2020-12`, `7`, `draft7`, `draft-07`.
    pub fn parse(text: &str) -> Option<Draft> {
        let bare = text.trim_start_matches("draft").trim_start_matches('-');
        let bare = bare.trim_start_matches('0');
        Draft::ALL.into_iter().find(|draft| {
            let name = draft.name().trim_start_matches("draft");
            name == bare
        })
    }

    /// The draft a `$schema` names, with or without the trailing `#`, over http or https.
    pub fn of_uri(uri: &str) -> Option<Draft> {
        let strip = |uri: &str| {
            uri.trim_end_matches('#')
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .to_string()
        };
        let uri = strip(uri);
        Draft::ALL
            .into_iter()
            .find(|draft| strip(draft.uri()) == uri)
    }
}

/// One keyword file.
#[derive(Clone, Debug)]
pub struct File {
    /// The file name (`anchor.json`).
    pub name: String,
    pub groups: Vec<Group>,
}

/// A schema and its instances.
#[derive(Clone, Debug)]
pub struct Group {
    pub description: String,
    pub schema: Value,
    pub tests: Vec<Test>,
}

#[derive(Clone, Debug)]
pub struct Test {
    pub description: String,
    pub data: Value,
    pub valid: bool,
}

/// Reads every `.json` file of `dir` (not its subfolders: the suite keeps `optional/` apart),
/// sorted by name.
pub fn read(dir: &Path) -> Result<Vec<File>, String> {
    let entries = std::fs::read_dir(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths.iter().map(|path| read_file(path)).collect()
}

fn read_file(path: &Path) -> Result<File, String> {
    let at = |why: String| format!("{}: {why}", path.display());
    let text = std::fs::read_to_string(path).map_err(|err| at(err.to_string()))?;
    let value: Value = serde_json::from_str(&text).map_err(|err| at(err.to_string()))?;
    let groups = value
        .as_array()
        .ok_or_else(|| at("a test file is an array of groups".into()))?;
    let groups = groups
        .iter()
        .enumerate()
        .map(|(index, group)| {
            let field = |key: &str| {
                group
                    .get(key)
                    .ok_or_else(|| at(format!("group {index} has no `{key}`")))
            };
            let tests = field("tests")?
                .as_array()
                .ok_or_else(|| at(format!("group {index}: `tests` is an array")))?;
            let tests = tests
                .iter()
                .map(|test| {
                    Ok(Test {
                        description: text_of(test.get("description")),
                        data: test.get("data").cloned().unwrap_or(Value::Null),
                        valid: test
                            .get("valid")
                            .and_then(Value::as_bool)
                            .ok_or_else(|| at(format!("group {index}: a test without `valid`")))?,
                    })
                })
                .collect::<Result<_, String>>()?;
            Ok(Group {
                description: text_of(group.get("description")),
                schema: field("schema")?.clone(),
                tests,
            })
        })
        .collect::<Result<_, String>>()?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(File { name, groups })
}

fn text_of(value: Option<&Value>) -> String {
    value
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The draft of the files: the one their schemas' `$schema` name most, else the one the
/// folder is named after (`draft7/`).
pub fn detect(files: &[File], dir: &Path) -> Option<Draft> {
    let mut counts = std::collections::BTreeMap::<Draft, usize>::new();
    for group in files.iter().flat_map(|f| &f.groups) {
        if let Some(draft) = group
            .schema
            .get("$schema")
            .and_then(Value::as_str)
            .and_then(Draft::of_uri)
        {
            *counts.entry(draft).or_default() += 1;
        }
    }
    if let Some((draft, _)) = counts.into_iter().max_by_key(|(_, count)| *count) {
        return Some(draft);
    }
    let folder = dir.canonicalize().ok()?;
    let name = folder.file_name()?.to_string_lossy().into_owned();
    Draft::ALL.into_iter().find(|draft| draft.name() == name)
}
