//! `cargo check` time of the crates generated from progenitor's corpus, ours against progenitor
//! 0.15.1's, on every spec both generate. Each crate is written to a temporary folder (ours as
//! `generate` lays it out; progenitor's as `cargo progenitor` does, depending on
//! `progenitor-client`), its dependencies built by an untimed first check, then timed: ours after
//! touching its source; progenitor's likewise, plus `progenitor-client` checked again after
//! `cargo clean -p` (our crate carries its runtime; progenitor's is in that crate). Incremental
//! compilation is off, so a touched crate is checked from scratch. Each time is less that of
//! the same command run again with nothing to do (cargo's own start-up). The runs alternate
//! between the two, spec by spec.
//!
//! Slow (minutes); run by hand: `cargo bench -p workos-codegen --bench check_vs_progenitor`.
//! `CHECK_RUNS` sets the runs (default 3). Progenitor's crates need the network once, for an
//! untimed `cargo fetch`; every timed check is `--offline`. Without `--bench` it does nothing.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use support::{Progenitor, both_generate, median, name};

fn repo(path: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join(path)
}

/// Runs cargo in `dir` with its own target folder, incremental compilation off; its seconds, or
/// its error output.
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<f64, String> {
    let started = Instant::now();
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .unwrap();
    let seconds = started.elapsed().as_secs_f64();
    if output.status.success() {
        Ok(seconds)
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

const CHECK: [&str; 4] = ["check", "--quiet", "--offline", "--lib"];

fn touch(file: &Path) {
    let text = std::fs::read(file).unwrap();
    std::fs::write(file, text).unwrap();
}

/// Our crate for `spec`, named `ours-<spec>` (the crates share a target folder).
fn write_ours(spec: &Path, dir: &Path) {
    let (loaded, mut settings) = workos_codegen::load(spec, None).unwrap();
    settings.package.name = Some(format!("ours-{}", name(spec).replace('.', "-")));
    let output = workos_codegen::generate(&loaded, &settings).unwrap();
    workos_codegen::write_files(dir, &output.files).unwrap();
    std::fs::copy(repo("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

/// Progenitor's crate for `spec`, with the dependencies `cargo progenitor` 0.15.1 writes.
fn write_progenitor(spec: &Path, generated: &Progenitor, dir: &Path) {
    let mut dependencies = vec![
        "bytes = \"1.9\"".to_string(),
        "futures-core = \"0.3\"".into(),
        "progenitor-client = \"0.15.1\"".into(),
        "reqwest = { version = \"0.13\", default-features = false, features = [\"json\", \"query\", \"stream\"] }".into(),
        "serde = { version = \"1.0\", features = [\"derive\"] }".into(),
        "serde_urlencoded = \"0.7\"".into(),
    ];
    let optional = [
        (generated.uses_regress, "regress = \"0.10\""),
        (
            generated.uses_uuid,
            "uuid = { version = \"1.0\", features = [\"serde\", \"v4\"] }",
        ),
        (
            generated.uses_chrono,
            "chrono = { version = \"0.4\", default-features = false, features = [\"serde\"] }",
        ),
        (generated.uses_futures, "futures = \"0.3\""),
        (generated.uses_websockets, "base64 = \"0.22\""),
        (generated.uses_websockets, "rand = \"0.8\""),
        (generated.uses_serde_json, "serde_json = \"1.0\""),
    ];
    dependencies.extend(
        optional
            .into_iter()
            .filter(|(used, _)| *used)
            .map(|(_, line)| line.to_string()),
    );
    dependencies.sort();
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"progenitor-{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
             publish = false\n\n[dependencies]\n{}\n",
            name(spec).replace('.', "-"),
            dependencies.join("\n")
        ),
    )
    .unwrap();
    std::fs::write(dir.join("src/lib.rs"), &generated.code).unwrap();
    // Our lock file pins the versions both share; the rest is fetched.
    std::fs::copy(repo("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

fn first_lines(text: &str) -> String {
    text.lines().take(6).collect::<Vec<_>>().join("\n    ")
}

struct Pair {
    spec: String,
    /// `None` when our crate does not compile: progenitor's is still timed, as the target.
    ours: Option<PathBuf>,
    theirs: PathBuf,
    /// (ours, progenitor's crate, progenitor-client) seconds per run.
    times: Vec<(Option<f64>, f64, f64)>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if !args.iter().any(|arg| arg == "--bench") || args.iter().any(|arg| arg == "--list") {
        return;
    }
    let runs: usize = std::env::var("CHECK_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    let scratch = tempfile::tempdir().unwrap();
    let (our_target, their_target) = (scratch.path().join("t-ours"), scratch.path().join("t-p"));
    let (specs, left_out) = both_generate();
    for reason in &left_out {
        println!("left out: {reason}");
    }

    let mut pairs = Vec::new();
    for spec in &specs {
        let label = name(spec);
        let ours = scratch.path().join(format!("ours-{label}"));
        let theirs = scratch.path().join(format!("progenitor-{label}"));
        write_ours(spec, &ours);
        write_progenitor(spec, &support::progenitor(spec).unwrap(), &theirs);
        // Untimed: fetch progenitor's dependencies, then build both crates' dependencies.
        if let Err(err) = cargo(&theirs, &their_target, &["fetch", "--quiet"]) {
            println!(
                "{label}: cannot fetch progenitor's dependencies:\n    {}",
                first_lines(&err)
            );
            continue;
        }
        let compiles = |who: &str, dir: &Path, target: &Path| match cargo(dir, target, &CHECK) {
            Ok(_) => true,
            Err(err) => {
                println!(
                    "{label}: {who} does not compile:\n    {}",
                    first_lines(&err)
                );
                false
            }
        };
        let ours = compiles("ours", &ours, &our_target).then_some(ours);
        if compiles("progenitor", &theirs, &their_target) {
            pairs.push(Pair {
                spec: label,
                ours,
                theirs,
                times: Vec::new(),
            });
        }
    }

    for run in 0..runs {
        for pair in &mut pairs {
            // Each check less the same command once more with nothing to do: what rustc took,
            // without cargo's own start-up (which the baseline would pay twice).
            let net = |dir: &Path, target: &Path, args: &[&str]| {
                let check = cargo(dir, target, args).unwrap();
                (check - cargo(dir, target, args).unwrap()).max(0.0)
            };
            let ours = || {
                let dir = pair.ours.as_ref()?;
                touch(&dir.join("src/lib.rs"));
                Some(net(dir, &our_target, &CHECK))
            };
            let theirs = || {
                cargo(
                    &pair.theirs,
                    &their_target,
                    &["clean", "--quiet", "--offline", "-p", "progenitor-client"],
                )
                .unwrap();
                let client = net(
                    &pair.theirs,
                    &their_target,
                    &["check", "--quiet", "--offline", "-p", "progenitor-client"],
                );
                touch(&pair.theirs.join("src/lib.rs"));
                (net(&pair.theirs, &their_target, &CHECK), client)
            };
            let (o, (t, c)) = if run % 2 == 0 {
                let o = ours();
                (o, theirs())
            } else {
                let t = theirs();
                (ours(), t)
            };
            pair.times.push((o, t, c));
        }
    }

    println!(
        "\ncargo check of the generated crate, its dependencies built, cargo's start-up subtracted, \
         median of {runs} alternating runs (s):"
    );
    println!(
        "  {:<24} {:>6} {:>11} {:>7} {:>14} {:>8}",
        "spec", "ours", "progenitor", "client", "crate+client", "ratio"
    );
    for pair in &pairs {
        let ours: Option<Vec<f64>> = pair.times.iter().map(|t| t.0).collect();
        let ours = ours.map(median);
        let crate_ = median(pair.times.iter().map(|t| t.1).collect());
        let client = median(pair.times.iter().map(|t| t.2).collect());
        let both = median(pair.times.iter().map(|t| t.1 + t.2).collect());
        let (ours, ratio) = match ours {
            Some(ours) => (format!("{ours:.2}"), format!("{:.2}", ours / both)),
            None => ("fails".into(), "-".into()),
        };
        println!(
            "  {:<24} {ours:>6} {crate_:>11.2} {client:>7.2} {both:>14.2} {ratio:>8}",
            pair.spec,
        );
    }
}
