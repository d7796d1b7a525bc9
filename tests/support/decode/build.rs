//! Builds the workspace of generated crates once, linted: `cargo build --all-targets` with
//! clippy as the rustc wrapper of the workspace's own crates (what `cargo clippy` does, but
//! generating code too), so that one compilation both lints every crate and builds its probe.
//! A crate is clippy-clean when that build gives it no warning (`cargo clippy --all-targets --
//! -D warnings` passes); `--keep-going` builds the others when one fails.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::super::repo;

/// What the build gave, by package name.
#[derive(Debug, Default)]
pub struct Built {
    /// clippy's and rustc's warnings and errors.
    pub lints: BTreeMap<String, String>,
    /// The probe's test executable, where it built.
    pub probes: BTreeMap<String, PathBuf>,
}

/// Builds every crate of the workspace at `dir`.
pub fn build(dir: &Path) -> Built {
    let args = [
        "build",
        "--workspace",
        "--all-targets",
        "--keep-going",
        "--message-format=json",
    ];
    let output = cargo(dir)
        .args(args)
        .env("RUSTC_WORKSPACE_WRAPPER", clippy_driver())
        .output()
        .unwrap();
    let mut built = Built::default();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let package = package_of(&message);
        match message["reason"].as_str() {
            Some("compiler-message") if !is_summary(&message["message"]) => {
                let rendered = message["message"]["rendered"].as_str().unwrap_or_default();
                built.lints.entry(package).or_default().push_str(rendered);
            }
            Some("compiler-artifact")
                if message["target"]["name"] == "decode" && message["profile"]["test"] == true =>
            {
                if let Some(executable) = message["executable"].as_str() {
                    built.probes.insert(package, PathBuf::from(executable));
                }
            }
            _ => {}
        }
    }
    assert!(
        output.status.success() || !built.lints.is_empty(),
        "cargo build failed before any crate was compiled:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    built
}

/// Runs a probe in its crate's folder, writing its outcomes into `results`.
pub fn run_probe(executable: &Path, crate_dir: &Path, results: &Path) -> Result<(), String> {
    let output = Command::new(executable)
        .current_dir(crate_dir)
        .env(super::probe::RESULTS_VAR, results)
        .output()
        .map_err(|err| err.to_string())?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "the probe failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ))
}

/// cargo, offline, in the workspace, with the target folder of the crates built outside
/// (`target/vendored-check`), without incremental builds (each run's crates are new code).
pub fn cargo(dir: &Path) -> Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .arg("--offline")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", repo("target/vendored-check"))
        .env("CARGO_INCREMENTAL", "0");
    command
}

/// The toolchain's clippy-driver, beside its rustc.
fn clippy_driver() -> PathBuf {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let sysroot = Command::new(rustc)
        .args(["--print", "sysroot"])
        .output()
        .unwrap();
    let sysroot = String::from_utf8(sysroot.stdout).unwrap();
    let driver = Path::new(sysroot.trim())
        .join("bin")
        .join(format!("clippy-driver{}", std::env::consts::EXE_SUFFIX));
    assert!(
        driver.exists(),
        "no {}: install clippy (`rustup component add clippy`)",
        driver.display()
    );
    driver
}

/// The package (its folder's name) a message is about.
fn package_of(message: &Value) -> String {
    Path::new(message["manifest_path"].as_str().unwrap_or_default())
        .parent()
        .and_then(Path::file_name)
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// rustc's closing counts (`3 warnings emitted`, `aborting due to...`), which repeat the
/// messages before them.
fn is_summary(message: &Value) -> bool {
    message["spans"].as_array().is_some_and(Vec::is_empty)
        && message["children"].as_array().is_some_and(Vec::is_empty)
        && ["emitted", "aborting due to"].iter().any(|word| {
            message["message"]
                .as_str()
                .unwrap_or_default()
                .contains(word)
        })
}
