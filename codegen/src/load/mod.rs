//! Stage 1: read the spec folder. Parses JSON and YAML documents and follows `$ref`s across
//! files, so that later stages work on values in memory and never touch the file system.

mod parse;
mod refs;

use std::collections::{BTreeMap, VecDeque};
use std::io;
use std::path::Path;

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics, Error, Location};

pub use refs::{Node, escape};

/// The OpenAPI names tried, in order, when the spec is given as a folder.
pub const ENTRY_NAMES: [&str; 3] = ["openapi.json", "openapi.yaml", "openapi.yml"];

/// A loaded spec: the entry document and every document it references, parsed.
#[derive(Clone, Debug)]
pub struct Spec {
    /// How the user named the folder, used only in messages (never in generated code).
    folder: String,
    entry: String,
    documents: BTreeMap<String, Value>,
    /// Local `$ref` targets that are missing, read as the one definition of the same name
    /// (see [`refs::by_name`]): `file#pointer` written -> pointer used.
    renamed: BTreeMap<String, String>,
    /// Valid constructs read in a way the document may not mean: a repeated key, a `$ref`
    /// taken by its last name.
    warnings: Vec<Diagnostic>,
}

impl Spec {
    /// Reads a spec from a folder (its `openapi.{json,yaml,yml}`) or from one entry file.
    pub fn read(path: impl AsRef<Path>) -> Result<Spec, Error> {
        let path = path.as_ref();
        let (folder, entry) = if path.is_dir() {
            let entry = ENTRY_NAMES
                .iter()
                .find(|name| path.join(name).is_file())
                .ok_or_else(|| Error::Io {
                    path: path.display().to_string(),
                    source: io::Error::new(
                        io::ErrorKind::NotFound,
                        format!("no {} in this folder", ENTRY_NAMES.join(" or ")),
                    ),
                })?;
            (path.to_path_buf(), entry.to_string())
        } else {
            let name = path.file_name().ok_or_else(|| Error::Io {
                path: path.display().to_string(),
                source: io::Error::new(io::ErrorKind::InvalidInput, "not a file or folder"),
            })?;
            let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
            (folder, name.to_string_lossy().into_owned())
        };
        let folder_display = folder.display().to_string().replace('\\', "/");
        Spec::load(
            &folder_display,
            &entry,
            &mut |relative| match std::fs::read_to_string(folder.join(relative)) {
                Ok(text) => Ok(Some(text)),
                Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
                Err(err) => Err(err),
            },
        )
    }

    /// Loads a spec from documents in memory, keyed by their path inside the spec folder.
    pub fn from_memory(entry: &str, files: &BTreeMap<String, String>) -> Result<Spec, Error> {
        Spec::load("", entry, &mut |relative| Ok(files.get(relative).cloned()))
    }

    fn load(
        folder: &str,
        entry: &str,
        read: &mut dyn FnMut(&str) -> io::Result<Option<String>>,
    ) -> Result<Spec, Error> {
        let mut spec = Spec {
            folder: folder.to_string(),
            entry: entry.to_string(),
            documents: BTreeMap::new(),
            renamed: BTreeMap::new(),
            warnings: Vec::new(),
        };
        let mut diagnostics = Diagnostics::default();
        // Each file to read, with the `$ref` that asked for it (none for the entry).
        let mut queue = VecDeque::from([(entry.to_string(), None::<Location>)]);
        // Same-document references, for `rename_missing`: one walk of each document finds both.
        let mut local = Vec::new();
        while let Some((file, referrer)) = queue.pop_front() {
            if spec.documents.contains_key(&file) {
                continue;
            }
            let text = match read(&file) {
                Ok(Some(text)) => text,
                Ok(None) => {
                    let location = referrer.unwrap_or_else(|| spec.location(&file, ""));
                    diagnostics.error(
                        location,
                        format!("file `{file}` not found in the spec folder"),
                    );
                    continue;
                }
                Err(source) => {
                    return Err(Error::Io {
                        path: spec.location(&file, "").file,
                        source,
                    });
                }
            };
            let value = match parse::document(&file, &text) {
                Ok((value, duplicates)) => {
                    for pointer in duplicates {
                        let key = pointer.rsplit('/').next().unwrap_or_default();
                        let message = format!(
                            "key `{}` is given twice in one object: the last value is used, as most JSON parsers do (JSON says names should be unique)",
                            key.replace("~1", "/").replace("~0", "~")
                        );
                        spec.warnings
                            .push(Diagnostic::new(spec.location(&file, &pointer), message));
                    }
                    value
                }
                Err((message, line_col)) => {
                    let mut location = spec.location(&file, "");
                    location.line_col = line_col;
                    diagnostics.error(location, message);
                    continue;
                }
            };
            for (pointer, reference) in refs::external_refs(&value) {
                match refs::target_file(&file, &reference) {
                    Ok(Some(target)) => {
                        queue.push_back((target, Some(spec.location(&file, &pointer))))
                    }
                    Ok(None) if reference.starts_with('#') => {
                        local.push((file.clone(), pointer, reference))
                    }
                    Ok(None) => {}
                    Err(message) => diagnostics.error(spec.location(&file, &pointer), message),
                }
            }
            spec.documents.insert(file, value);
        }
        refs::rename_missing(&mut spec, local);
        diagnostics.finish(spec)
    }

    /// The entry document's path inside the spec folder (e.g. `openapi.json`).
    pub fn entry(&self) -> &str {
        &self.entry
    }

    /// The entry document.
    pub fn root(&self) -> Node<'_> {
        Node {
            file: &self.entry,
            pointer: String::new(),
            value: &self.documents[&self.entry],
        }
    }

    /// Every document read, by path inside the spec folder.
    pub fn documents(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.documents
            .iter()
            .map(|(name, value)| (name.as_str(), value))
    }

    /// A location for messages: the file as the user sees it, and a pointer inside it.
    pub fn location(&self, file: &str, pointer: &str) -> Location {
        let shown = if self.folder.is_empty() || self.folder == "." {
            file.to_string()
        } else {
            format!("{}/{file}", self.folder.trim_end_matches('/'))
        };
        Location::new(shown, pointer)
    }

    /// Follows a `$ref` found at `from`, through chains of references.
    pub fn resolve<'a>(
        &'a self,
        from: &Node<'a>,
        reference: &str,
    ) -> Result<Node<'a>, (Location, String)> {
        refs::resolve(self, from, reference)
    }

    fn document(&self, file: &str) -> Option<&Value> {
        self.documents.get(file)
    }

    /// What loading found valid but doubtful, each with its place.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }
}
