//! Helpers shared by the integration tests.

#![allow(dead_code)] // each test binary uses its own subset

pub mod api;
pub mod decode;

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

/// Writes generated files under `dir`, with this workspace's `Cargo.lock` (the same versions, so
/// a build needs no download).
pub fn write_crate(dir: &Path, files: &[GeneratedFile]) {
    for file in files {
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &file.contents).unwrap();
    }
    std::fs::copy(repo("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

/// Runs cargo in a crate outside this workspace, offline, with the target folder the crates
/// built outside share (`target/vendored-check`): their dependencies are built once for all.
pub fn cargo_outside(args: &[&str], dir: &Path) -> std::process::Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    std::process::Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", repo("target/vendored-check"))
        .output()
        .unwrap()
}

/// `cargo clippy --all-targets -D warnings` in a crate outside this workspace; panics with
/// cargo's output when it fails.
pub fn clippy_outside(dir: &Path) {
    cargo_must_pass(&CLIPPY, dir);
}

const CLIPPY: [&str; 7] = [
    "clippy",
    "--quiet",
    "--offline",
    "--all-targets",
    "--",
    "-D",
    "warnings",
];

/// [`clippy_outside`], then `cargo test`.
pub fn clippy_and_test_outside(dir: &Path) {
    clippy_outside(dir);
    cargo_must_pass(&["test", "--quiet", "--offline"], dir);
}

fn cargo_must_pass(args: &[&str], dir: &Path) {
    let output = cargo_outside(args, dir);
    assert!(
        output.status.success(),
        "cargo {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
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
