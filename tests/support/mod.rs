//! Helpers shared by the integration tests.

#![allow(dead_code)] // each test binary uses its own subset

pub mod api;

use std::path::{Path, PathBuf};

use workos_codegen::{GeneratedFile, Layout, Settings, Spec, generate};

/// A path inside the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Generates from a spec folder with its `codegen.toml`, in the given layout.
pub fn generate_from(spec_dir: &Path, layout: Layout) -> Vec<GeneratedFile> {
    let spec = Spec::read(spec_dir).unwrap_or_else(|err| panic!("{}: {err}", spec_dir.display()));
    let settings = Settings::for_spec(spec_dir).unwrap().with_layout(layout);
    generate(&spec, &settings)
        .unwrap_or_else(|err| panic!("{err}"))
        .files
}

/// The names of the fixture specs under `tests/fixtures/specs/`.
pub fn fixture_specs() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo("tests/fixtures/specs"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != "target" {
                copy_dir(&entry.path(), &target);
            }
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
