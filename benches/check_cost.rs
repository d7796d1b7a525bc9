//! What a user pays in `cargo check` for each client: the crate generated from the whole WorkOS
//! API, the official hand-maintained `workos` 3.5.0 from crates.io (the baseline, 1.00), and
//! `generated/` (webhook endpoints only) as a small reference, in the same run. Each gets its own
//! empty target folder: "cold" checks it with its dependencies; "alone" checks it again after
//! `cargo clean -p <crate>`, with the dependencies already built.
//!
//! Slow (three cold checks per run); run by hand: `cargo bench --bench check_cost`.
//! `CHECK_COST_RUNS` sets the number of runs (default 1). The official crate needs the network
//! once, for an untimed `cargo fetch`; every timed check is `--offline`. Without the network the
//! baseline is skipped and the ratios are left out.

#[path = "../tests/support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use support::repo;

const OFFICIAL: &str = "3.5.0";

fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<(), String> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .unwrap();
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "cargo {args:?} in {} failed:\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// (cold, alone) check times of the package `name` in `dir`, in a fresh target folder.
fn check_times(dir: &Path, name: &str) -> (Duration, Duration) {
    let target = tempfile::tempdir().unwrap();
    let check = || {
        let started = Instant::now();
        cargo(
            dir,
            target.path(),
            &["check", "--quiet", "--offline", "--lib"],
        )
        .unwrap_or_else(|err| panic!("{err}"));
        started.elapsed()
    };
    let cold = check();
    cargo(
        dir,
        target.path(),
        &["clean", "--quiet", "--offline", "-p", name],
    )
    .unwrap();
    (cold, check())
}

/// Lines of the `.rs` files directly in `dir` that `is_operation` accepts.
fn count_lines(dir: &Path, is_operation: impl Fn(&str) -> bool) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            text.lines()
                .filter(|line| is_operation(line.trim_start()))
                .count()
        })
        .sum()
}

/// A scratch crate depending on the official crate with its default features, its dependencies
/// fetched; `None` (with the reason printed) when they cannot be downloaded.
fn official_crate(dir: &Path) -> Option<PathBuf> {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("src/lib.rs"), "").unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"official-check\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
             publish = false\n\n[dependencies]\nworkos = \"={OFFICIAL}\"\n"
        ),
    )
    .unwrap();
    // Our lock file pins the dependencies both clients share to the same versions.
    std::fs::copy(repo("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let target = tempfile::tempdir().unwrap();
    if let Err(err) = cargo(dir, target.path(), &["fetch", "--quiet"]) {
        println!("skipping the official workos {OFFICIAL} baseline: cannot download it\n{err}");
        return None;
    }
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["metadata", "--offline", "--format-version", "1"])
        .current_dir(dir)
        .output()
        .unwrap();
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let manifest = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|package| package["name"] == "workos")
        .and_then(|package| package["manifest_path"].as_str())
        .unwrap();
    Some(Path::new(manifest).parent().unwrap().to_path_buf())
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing (not `--test`), and
    // should only check that this builds.
    let args: Vec<String> = std::env::args().collect();
    if !args.iter().any(|arg| arg == "--bench") || args.iter().any(|arg| arg == "--list") {
        return;
    }
    let runs: usize = std::env::var("CHECK_COST_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let scratch = tempfile::tempdir().unwrap();

    // The whole API, generated as `cargo codegen --spec tests/fixtures/whole-api` does.
    let whole = scratch.path().join("whole-api");
    let (spec, settings) = workos_codegen::load(&repo("tests/fixtures/whole-api"), None).unwrap();
    let files = workos_codegen::generate(&spec, &settings).unwrap().files;
    workos_codegen::write_files(&whole, &files).unwrap();
    std::fs::copy(repo("Cargo.lock"), whole.join("Cargo.lock")).unwrap();
    // Each operation's doc names its method and path once: `POST /client/token`.
    let generated_operations = count_lines(&whole.join("src"), |line| {
        ["GET", "POST", "PUT", "PATCH", "DELETE"]
            .iter()
            .any(|method| line.starts_with(&format!("/// `{method} /")))
    });

    // A copy, so that no lock file is written into the repository's `generated/`.
    let webhooks = scratch.path().join("webhooks");
    support::copy_dir(&repo("generated"), &webhooks);
    std::fs::copy(repo("Cargo.lock"), webhooks.join("Cargo.lock")).unwrap();

    let official = official_crate(&scratch.path().join("official"));
    if let Some(source) = &official {
        // One `pub async fn` per operation, plus a `_with_options` twin not counted here.
        let methods = count_lines(&source.join("src/resources"), |line| {
            line.starts_with("pub async fn") && !line.contains("_with_options")
        });
        println!(
            "operations: official workos {OFFICIAL} {methods} public async methods \
             (src/resources, without the _with_options twins), generated {generated_operations}"
        );
    }

    for run in 1..=runs {
        let baseline = official
            .as_ref()
            .map(|_| check_times(&scratch.path().join("official"), "workos"));
        let rows = [
            ("generated whole API", check_times(&whole, "workos")),
            (
                "generated/ (webhooks)",
                check_times(&webhooks, "workos-webhooks"),
            ),
        ];
        println!("run {run}: cargo check, cold (with dependencies) and the crate alone");
        let ratio = |time: Duration, base: Option<Duration>| {
            base.map_or("-".to_string(), |base| {
                format!("{:.2}", time.as_secs_f64() / base.as_secs_f64())
            })
        };
        let rows = baseline
            .map(|times| (format!("official workos {OFFICIAL}"), times))
            .into_iter()
            .chain(rows.map(|(name, times)| (name.to_string(), times)));
        for (name, (cold, alone)) in rows {
            println!(
                "  {name:<24} cold {:>6.1} s ({})  alone {:>5.1} s ({})",
                cold.as_secs_f64(),
                ratio(cold, baseline.map(|b| b.0)),
                alone.as_secs_f64(),
                ratio(alone, baseline.map(|b| b.1)),
            );
        }
    }
}
