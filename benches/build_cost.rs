//! The whole build-step cost: a clean `cargo build` of the root package (which runs the
//! generator in build.rs) against a clean build of the vendored `generated/` crate alone, in
//! the same run. Slow (two clean builds); run by hand: `cargo bench --bench build_cost`.
//! `BUILD_COST_RUNS` sets the number of runs (default 1).

#[path = "../tests/support/mod.rs"]
mod support;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn clean_build(manifest_dir: &Path) -> Duration {
    let target = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--quiet", "--offline", "--lib"])
        .current_dir(manifest_dir)
        .env("CARGO_TARGET_DIR", target.path())
        .status()
        .unwrap();
    assert!(
        status.success(),
        "build of {} failed",
        manifest_dir.display()
    );
    started.elapsed()
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing (not `--test`), and
    // should only check that this builds.
    let args: Vec<String> = std::env::args().collect();
    if !args.iter().any(|arg| arg == "--bench") || args.iter().any(|arg| arg == "--list") {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let vendored = tempfile::tempdir().unwrap();
    support::copy_dir(&root.join("generated"), vendored.path());
    std::fs::copy(root.join("Cargo.lock"), vendored.path().join("Cargo.lock")).unwrap();
    let runs: usize = std::env::var("BUILD_COST_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    for run in 1..=runs {
        let with_generator = clean_build(root);
        let vendored_only = clean_build(vendored.path());
        println!(
            "run {run}: root package (build.rs generates) {:.1} s, vendored crate {:.1} s, ratio {:.2}",
            with_generator.as_secs_f64(),
            vendored_only.as_secs_f64(),
            with_generator.as_secs_f64() / vendored_only.as_secs_f64()
        );
    }
}
