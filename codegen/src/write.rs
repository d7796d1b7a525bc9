//! Writing output: only files whose bytes change, each through a temporary file and a rename,
//! and only after generation succeeded, so a broken spec never leaves half-written output.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::Error;
use crate::layout::GENERATED_MARK;
use crate::settings::Layout;
use crate::{GeneratedFile, generate};

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
pub fn write_files(out_dir: &Path, files: &[GeneratedFile]) -> io::Result<Vec<String>> {
    let mut written = Vec::new();
    for file in files {
        let path = out_dir.join(&file.path);
        if fs::read(&path).ok().as_deref() == Some(file.contents.as_bytes()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let temporary = path.with_extension("tmp~");
        fs::write(&temporary, &file.contents)?;
        fs::rename(&temporary, &path)?;
        written.push(file.path.clone());
    }
    for leftover in leftover_files(out_dir, files) {
        fs::remove_file(out_dir.join(&leftover))?;
    }
    Ok(written)
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
        let module = settings
            .clone()
            .with_layout(Layout::Module {
                file_name: self.file_name.clone(),
            })
            .with_regenerate_command("cargo build (build.rs)");
        let output = generate(&spec, &module)?;
        write_files(&out_dir, &output.files).map_err(|source| Error::Io {
            path: out_dir.display().to_string(),
            source,
        })?;
        match &self.vendored {
            Some(dir) => Ok(stale_files(dir, &generate(&spec, &settings)?.files)),
            None => Ok(Staleness::default()),
        }
    }

    /// For build scripts: generates, tells cargo what to watch, warns about a stale vendored
    /// copy, and on a bad spec stops the build with the problems (not a panic backtrace).
    pub fn run(&self) {
        println!("cargo:rerun-if-changed={}", self.spec.display());
        if let Some(settings) = &self.settings {
            println!("cargo:rerun-if-changed={}", settings.display());
        }
        if let Some(dir) = &self.vendored {
            for part in ["Cargo.toml", "README.md", "src"] {
                println!("cargo:rerun-if-changed={}", dir.join(part).display());
            }
        }
        match self.generate() {
            Ok(staleness) if staleness.is_fresh() => {}
            Ok(staleness) => {
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
            Err(err) => {
                eprintln!(
                    "error: workos-codegen could not generate the client from {}\n{err}",
                    self.spec.display()
                );
                std::process::exit(1);
            }
        }
    }
}
