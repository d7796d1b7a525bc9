//! Stage 1: read the spec folder. Parses JSON and YAML documents and follows `$ref`s across
//! files, so that later stages work on values in memory and never touch the file system.

mod dialect;
mod dynamic;
mod ids;
mod parse;
mod refs;
mod uri;

use std::collections::{BTreeMap, VecDeque};
use std::io;
use std::path::Path;

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics, Error, Location};

pub use dialect::{Draft, Reading};
pub use refs::{Node, escape};

/// The OpenAPI names tried, in order, when the spec is given as a folder.
pub const ENTRY_NAMES: [&str; 3] = ["openapi.json", "openapi.yaml", "openapi.yml"];

/// A loaded spec: the entry document and every document it references, parsed.
#[derive(Clone, Debug)]
pub struct Spec {
    /// How the user named the folder, used only in messages (never in generated code).
    folder: String,
    entry: String,
    /// The documents whose roots are the spec: the entry, or every JSON Schema file of a
    /// folder without an OpenAPI document, sorted.
    roots: Vec<String>,
    documents: BTreeMap<String, Value>,
    /// Local `$ref` targets that are missing, read as the one definition of the same name
    /// (see [`refs::by_name`]): `file#pointer` written -> pointer used.
    renamed: BTreeMap<String, String>,
    /// The schemas named by `$id` and `$anchor`, and the base URI of every place.
    ids: ids::Ids,
    /// Valid constructs read in a way the document may not mean: a repeated key, a `$ref`
    /// taken by its last name.
    warnings: Vec<Diagnostic>,
}

impl Spec {
    /// Reads a spec from a folder (its `openapi.{json,yaml,yml}`, else every JSON and YAML
    /// file in it, each a JSON Schema document) or from one entry file.
    pub fn read(path: impl AsRef<Path>) -> Result<Spec, Error> {
        let path = path.as_ref();
        let (folder, entries) = if path.is_dir() {
            let entries = match ENTRY_NAMES.iter().find(|name| path.join(name).is_file()) {
                Some(entry) => vec![entry.to_string()],
                None => schema_files(path).map_err(|source| Error::Io {
                    path: path.display().to_string(),
                    source,
                })?,
            };
            if entries.is_empty() {
                return Err(Error::Io {
                    path: path.display().to_string(),
                    source: io::Error::new(
                        io::ErrorKind::NotFound,
                        format!(
                            "no {} in this folder, nor JSON Schema files (`.json`, `.yaml`, `.yml`)",
                            ENTRY_NAMES.join(" or ")
                        ),
                    ),
                });
            }
            (path.to_path_buf(), entries)
        } else {
            let name = path.file_name().ok_or_else(|| Error::Io {
                path: path.display().to_string(),
                source: io::Error::new(io::ErrorKind::InvalidInput, "not a file or folder"),
            })?;
            let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
            (folder, vec![name.to_string_lossy().into_owned()])
        };
        let folder_display = folder.display().to_string().replace('\\', "/");
        Spec::load(
            &folder_display,
            &entries,
            &mut |relative| match std::fs::read_to_string(folder.join(relative)) {
                Ok(text) => Ok(Some(text)),
                Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
                Err(err) => Err(err),
            },
        )
    }

    /// Loads a spec from documents in memory, keyed by their path inside the spec folder.
    pub fn from_memory(entry: &str, files: &BTreeMap<String, String>) -> Result<Spec, Error> {
        Spec::load("", &[entry.to_string()], &mut |relative| {
            Ok(files.get(relative).cloned())
        })
    }

    /// Loads the `entries` (one OpenAPI or JSON Schema document, or a folder's JSON Schema
    /// files) and every file their `$ref`s name.
    fn load(
        folder: &str,
        entries: &[String],
        read: &mut dyn FnMut(&str) -> io::Result<Option<String>>,
    ) -> Result<Spec, Error> {
        let mut spec = Spec {
            folder: folder.to_string(),
            entry: entries[0].clone(),
            roots: entries.to_vec(),
            documents: BTreeMap::new(),
            renamed: BTreeMap::new(),
            ids: ids::Ids::default(),
            warnings: Vec::new(),
        };
        let mut diagnostics = Diagnostics::default();
        // Each file to read, and whether a `$ref` asked for it (none for the entry). A
        // referenced file that is missing is reported once every file is read: the reference
        // may name a `$id` of another file.
        let mut queue: VecDeque<(String, bool)> =
            entries.iter().map(|entry| (entry.clone(), false)).collect();
        // Each document's references, for `check_files` and `rename_missing`: one walk of
        // each document finds them for both.
        let mut refs = Vec::new();
        while let Some((file, referenced)) = queue.pop_front() {
            if spec.documents.contains_key(&file) {
                continue;
            }
            let text = match read(&file) {
                Ok(Some(text)) => text,
                Ok(None) if referenced => continue,
                Ok(None) => {
                    let location = spec.location(&file, "");
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
                    // Read, so its references are not reported missing too.
                    spec.documents.insert(file, Value::Null);
                    continue;
                }
            };
            spec.ids.add(&file, &value);
            let found = refs::external_refs(&value);
            for (pointer, reference) in &found {
                match refs::file_to_read(&spec, &file, pointer, reference) {
                    Ok(Some(target)) => queue.push_back((target, true)),
                    Ok(None) => {}
                    Err(message) => diagnostics.error(spec.location(&file, pointer), message),
                }
            }
            refs.push((file.clone(), found));
            spec.documents.insert(file, value);
        }
        dynamic::bind(&mut spec);
        // In the order of the documents' names (stable: each document's own order kept).
        refs.sort_by(|a, b| a.0.cmp(&b.0));
        for (location, message) in refs::check_files(&spec, &refs) {
            diagnostics.error(location, message);
        }
        refs::rename_missing(&mut spec, &refs);
        diagnostics.finish(spec)
    }

    /// The entry document's path inside the spec folder (e.g. `openapi.json`).
    pub fn entry(&self) -> &str {
        &self.entry
    }

    /// The documents whose roots make the spec: the entry, or a folder's JSON Schema files.
    pub fn roots(&self) -> impl Iterator<Item = Node<'_>> {
        self.roots.iter().map(|file| Node {
            file,
            pointer: String::new(),
            value: &self.documents[file],
            reading: self.reading(file),
        })
    }

    /// What the spec was read from, for the generated files' headers: the entry document, or
    /// the schema files of a folder.
    pub fn source(&self) -> String {
        self.roots.join(", ")
    }

    /// The entry document.
    pub fn root(&self) -> Node<'_> {
        Node {
            file: &self.entry,
            pointer: String::new(),
            value: &self.documents[&self.entry],
            reading: self.reading(&self.entry),
        }
    }

    /// How the schemas of `file` are read: its draft (its `$schema`).
    pub fn reading(&self, file: &str) -> Reading {
        Reading {
            draft: self.ids.draft(file),
            dynamic_recursion: self.ids.dynamic_recursion(),
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

    /// The name of a document read, borrowed from the spec.
    fn file_name(&self, file: &str) -> &str {
        self.documents
            .get_key_value(file)
            .map_or("", |(name, _)| name.as_str())
    }

    /// What loading found valid but doubtful, each with its place.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }
}

/// The JSON and YAML files of a folder and its subfolders (hidden ones and `target` left
/// out), as paths inside it, sorted.
fn schema_files(folder: &Path) -> io::Result<Vec<String>> {
    fn walk(folder: &Path, prefix: &str, out: &mut Vec<String>) -> io::Result<()> {
        for entry in std::fs::read_dir(folder)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let path = format!("{prefix}{name}");
            if entry.file_type()?.is_dir() {
                if name != "target" {
                    walk(&entry.path(), &format!("{path}/"), out)?;
                }
            } else if [".json", ".yaml", ".yml"]
                .iter()
                .any(|ext| name.ends_with(ext))
            {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(folder, "", &mut out)?;
    out.sort();
    Ok(out)
}
