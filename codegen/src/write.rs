//! Writing output: only files whose bytes change, each through a temporary file and a rename,
//! and only after generation succeeded, so a broken spec never leaves half-written output.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Error};
use crate::layout::GENERATED_MARK;
use crate::settings::Layout;
use crate::{GeneratedFile, generate_layouts};

/// How an output folder differs from what the spec generates.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Staleness {
    /// Files that are missing or differ.
    pub changed: Vec<String>,
    /// Generated files left over from an earlier spec (they carry the `@generated` mark).
    pub extra: Vec<String>,
}

impl Staleness {
    pub fn is_fresh(&self) -> bool {
        self.changed.is_empty() && self.extra.is_empty()
    }
}

/// Compares an output folder with freshly generated files.
pub fn stale_files(out_dir: &Path, files: &[GeneratedFile]) -> Staleness {
    let changed = files
        .iter()
        .filter(|file| {
            fs::read(out_dir.join(&file.path)).ok().as_deref() != Some(file.contents.as_bytes())
        })
        .map(|file| file.path.clone())
        .collect();
    let extra = leftover_files(out_dir, files);
    Staleness { changed, extra }
}

/// Writes the files that changed and removes generated files no longer produced. Returns the
/// paths written.
///
/// Every changed file is first written in full to a temporary file beside it; only when all of
/// them are written are they renamed over the old ones (each rename is atomic). A failure before
/// that point removes the temporary files and leaves the folder as it was.
pub fn write_files(out_dir: &Path, files: &[GeneratedFile]) -> io::Result<Vec<String>> {
    let changed: Vec<&GeneratedFile> = files
        .iter()
        .filter(|file| {
            fs::read(out_dir.join(&file.path)).ok().as_deref() != Some(file.contents.as_bytes())
        })
        .collect();
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    for file in &changed {
        let path = out_dir.join(&file.path);
        let temporary = temporary_path(&path);
        let result = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&temporary, &file.contents));
        if let Err(err) = result {
            let _ = fs::remove_file(&temporary);
            for (temporary, _) in &staged {
                let _ = fs::remove_file(temporary);
            }
            return Err(err);
        }
        staged.push((temporary, path));
    }
    for (temporary, path) in &staged {
        fs::rename(temporary, path)?;
    }
    for leftover in leftover_files(out_dir, files) {
        fs::remove_file(out_dir.join(&leftover))?;
    }
    Ok(changed.iter().map(|file| file.path.clone()).collect())
}

/// `src/types.rs` -> `src/.types.rs.tmp~`: hidden, and not a `.rs` file for any tool.
fn temporary_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp~"))
}

/// `.rs` files under `src/` that carry the generated mark but are not in `files`.
fn leftover_files(out_dir: &Path, files: &[GeneratedFile]) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![out_dir.join("src")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(relative) = path.strip_prefix(out_dir) else {
                continue;
            };
            let relative = relative.to_string_lossy().replace('\\', "/");
            let generated = fs::read_to_string(&path)
                .is_ok_and(|text| text.lines().take(2).any(|l| l.contains(GENERATED_MARK)));
            if relative.ends_with(".rs") && generated && !files.iter().any(|f| f.path == relative) {
                found.push(relative);
            }
        }
    }
    found.sort();
    found
}

/// Runs the generator from a build script, like `prost_build::Config`: output goes only to
/// `OUT_DIR`, and only files whose bytes change are written.
///
/// ```no_run
/// // build.rs: generates `$OUT_DIR/api.rs` from `spec/`.
/// workos_codegen::Builder::new("spec").check_vendored("generated").run();
/// // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/api.rs"));
/// ```
#[derive(Clone, Debug)]
pub struct Builder {
    spec: PathBuf,
    settings: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    file_name: String,
    vendored: Option<PathBuf>,
}

impl Builder {
    /// A spec folder (with `openapi.json` or `.yaml`) or entry file.
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        Builder {
            spec: spec.into(),
            settings: None,
            out_dir: None,
            file_name: "api.rs".into(),
            vendored: None,
        }
    }

    /// The settings file (default: `codegen.toml` in the spec folder, if any).
    pub fn settings(mut self, path: impl Into<PathBuf>) -> Self {
        self.settings = Some(path.into());
        self
    }

    /// Where to write (default: `OUT_DIR`).
    pub fn out_dir(mut self, path: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(path.into());
        self
    }

    /// The generated file's name inside the output folder (default `api.rs`).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = name.into();
        self
    }

    /// A checked-in copy of the generated crate: when it no longer matches the spec, the build
    /// prints a warning naming the command that refreshes it.
    pub fn check_vendored(mut self, dir: impl Into<PathBuf>) -> Self {
        self.vendored = Some(dir.into());
        self
    }

    /// Generates into the output folder. Returns the stale files of the vendored copy, if any.
    pub fn generate(&self) -> Result<Staleness, Error> {
        self.generate_and_warn().map(|(staleness, _)| staleness)
    }

    /// [`Builder::generate`], with the warnings: the places where the generated types do not
    /// follow the spec exactly.
    pub fn generate_and_warn(&self) -> Result<(Staleness, Vec<Diagnostic>), Error> {
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| Error::Io {
                    path: "OUT_DIR".into(),
                    source: io::Error::new(
                        io::ErrorKind::NotFound,
                        "not set: run from a build script or set out_dir",
                    ),
                })?,
        };
        let (spec, settings) = crate::load(&self.spec, self.settings.as_deref())?;
        let module = Layout::Module {
            file_name: self.file_name.clone(),
        };
        // One model for both: the file written and the crate a vendored copy must match.
        let mut layouts = vec![(module, Some("cargo build (build.rs)"))];
        if self.vendored.is_some() {
            layouts.push((Layout::Crate, settings.regenerate_with.as_deref()));
        }
        let outputs = generate_layouts(&spec, &settings, &layouts)?;
        write_files(&out_dir, &outputs[0].files).map_err(|source| Error::Io {
            path: out_dir.display().to_string(),
            source,
        })?;
        let warnings = outputs[0].warnings.clone();
        let staleness = match (&self.vendored, outputs.get(1)) {
            (Some(dir), Some(vendored)) => stale_files(dir, &vendored.files),
            _ => Staleness::default(),
        };
        Ok((staleness, warnings))
    }

    /// For build scripts: generates, tells cargo what to watch, warns about a stale vendored
    /// copy, and on a bad spec stops the build with the problems (not a panic backtrace).
    pub fn run(&self) {
        let (staleness, warnings) = match self.generate_and_warn() {
            Ok(generated) => generated,
            Err(err) => {
                // No cargo directives before the message: a failed build script runs again
                // anyway, and the problems are all the user needs to read.
                eprintln!(
                    "error: workos-codegen could not generate the client from {}\n{err}",
                    self.spec.display()
                );
                std::process::exit(1);
            }
        };
        println!("cargo:rerun-if-changed={}", self.spec.display());
        for warning in &warnings {
            println!("cargo:warning={warning}");
        }
        if !warnings.is_empty() {
            println!(
                "cargo:warning={} place(s) where the generated types do not follow the spec exactly (`strict = true` in the settings makes them errors)",
                warnings.len()
            );
        }
        if let Some(settings) = &self.settings {
            println!("cargo:rerun-if-changed={}", settings.display());
        }
        if let Some(dir) = &self.vendored {
            for part in ["Cargo.toml", "README.md", "src"] {
                println!("cargo:rerun-if-changed={}", dir.join(part).display());
            }
        }
        if !staleness.is_fresh() {
            let dir = self
                .vendored
                .as_ref()
                .map(|d| d.display().to_string())
                .unwrap_or_default();
            let files: Vec<String> = staleness
                .changed
                .iter()
                .chain(&staleness.extra)
                .cloned()
                .collect();
            println!(
                "cargo:warning={dir}/ is stale ({}): run `cargo codegen` to refresh it from {}",
                files.join(", "),
                self.spec.display()
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        }
    }

    /// Every file under a folder, with its bytes.
    fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut found = BTreeMap::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let relative = path.strip_prefix(root).unwrap().display().to_string();
                    found.insert(relative, fs::read(&path).unwrap());
                }
            }
        }
        found
    }

    #[test]
    fn only_changed_files_are_written_and_no_temporary_file_stays() {
        let dir = tempfile::tempdir().unwrap();
        let first = [file("Cargo.toml", "a"), file("src/lib.rs", "b")];
        assert_eq!(
            write_files(dir.path(), &first).unwrap(),
            ["Cargo.toml", "src/lib.rs"]
        );
        let second = [file("Cargo.toml", "a"), file("src/lib.rs", "c")];
        assert_eq!(write_files(dir.path(), &second).unwrap(), ["src/lib.rs"]);
        assert!(write_files(dir.path(), &second).unwrap().is_empty());
        assert_eq!(
            fs::read_to_string(dir.path().join("src/lib.rs")).unwrap(),
            "c"
        );
        let names: Vec<String> = snapshot(dir.path()).into_keys().collect();
        assert_eq!(names, ["Cargo.toml", "src/lib.rs"], "no temporary files");
    }

    #[cfg(unix)]
    #[test]
    fn unchanged_files_are_not_touched() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let files = [file("a.txt", "same"), file("b.txt", "old")];
        write_files(dir.path(), &files).unwrap();
        let inode = |name: &str| fs::metadata(dir.path().join(name)).unwrap().ino();
        let (a, b) = (inode("a.txt"), inode("b.txt"));
        write_files(dir.path(), &[file("a.txt", "same"), file("b.txt", "new")]).unwrap();
        assert_eq!(inode("a.txt"), a, "an unchanged file keeps its inode");
        assert_ne!(inode("b.txt"), b, "a changed file is replaced by a rename");
    }

    #[test]
    fn a_failed_write_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        write_files(
            dir.path(),
            &[file("Cargo.toml", "old"), file("README.md", "old")],
        )
        .unwrap();
        let before = snapshot(dir.path());
        // `sub` is a file, so nothing can be written under it: the batch fails after
        // Cargo.toml's new contents were staged.
        fs::write(dir.path().join("sub"), "not a folder").unwrap();
        let before_with_sub = snapshot(dir.path());
        let err = write_files(
            dir.path(),
            &[file("Cargo.toml", "new"), file("sub/x.rs", "new")],
        );
        assert!(err.is_err());
        assert_eq!(snapshot(dir.path()), before_with_sub);
        assert_eq!(before["Cargo.toml"], b"old");
    }

    #[test]
    fn the_build_step_writes_the_module_and_checks_the_crate_of_one_model() {
        let spec = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let vendored = tempfile::tempdir().unwrap();
        let text = r#"{"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {},
            "components": {"schemas": {"Thing": {"type": "string", "enum": ["a"]}}}}"#;
        fs::write(spec.path().join("openapi.json"), text).unwrap();
        let (loaded, settings) = crate::load(spec.path(), None).unwrap();
        let module = Layout::Module {
            file_name: "api.rs".into(),
        };
        let alone = |layout: Layout, command: Option<&str>| {
            let mut settings = settings.clone().with_layout(layout);
            settings.regenerate_with = command.map(str::to_owned);
            crate::generate(&loaded, &settings).unwrap().files
        };
        write_files(vendored.path(), &alone(Layout::Crate, None)).unwrap();
        let builder = Builder::new(spec.path())
            .out_dir(out.path())
            .check_vendored(vendored.path());
        assert!(builder.generate().unwrap().is_fresh());
        let written = fs::read_to_string(out.path().join("api.rs")).unwrap();
        let expected = alone(module, Some("cargo build (build.rs)"));
        assert_eq!(written, expected[0].contents);
    }

    #[test]
    fn a_broken_spec_leaves_the_output_folder_untouched() {
        let spec = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let good = r#"{"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {},
            "components": {"schemas": {"Thing": {"type": "object", "properties": {"id": {"type": "string"}}}}}}"#;
        fs::write(spec.path().join("openapi.json"), good).unwrap();
        let builder = Builder::new(spec.path()).out_dir(out.path());
        builder.generate().unwrap();
        let before = snapshot(out.path());
        assert_eq!(before.len(), 1, "{:?}", before.keys());

        fs::write(spec.path().join("openapi.json"), &good[..good.len() - 1]).unwrap();
        let err = builder.generate().unwrap_err();
        assert!(err.to_string().contains("invalid JSON"), "{err}");
        assert_eq!(snapshot(out.path()), before);

        let bad_enum = good.replace(
            r#"{"type": "string"}"#,
            r#"{"type": "string", "enum": [1]}"#,
        );
        fs::write(spec.path().join("openapi.json"), bad_enum).unwrap();
        assert!(builder.generate().is_err());
        assert_eq!(snapshot(out.path()), before);
    }
}
