//! Generation time against progenitor 0.15.1, on every spec of progenitor's corpus both
//! generate: the whole pipeline, from reading the file to formatted code (see `support`).
//! Run: `cargo bench -p workos-codegen --bench generate_vs_progenitor`.
//!
//! Two measures in one run. Wall clock: `GEN_RUNS` rounds (default 15), each running both
//! generators once on every spec, in alternating order, so that both see the same load; the
//! medians and their ratio are printed. Instruction counts, when `valgrind` is on the PATH: the
//! binary runs itself under `valgrind --tool=callgrind` once per spec and generator (and once
//! doing nothing, which is subtracted); they are repeatable where the wall clock is not.
//! Without `--bench` (`cargo test --benches`) it only runs both once on keeper.json.

mod support;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use support::{both_generate, median, name, ours, progenitor};

/// Set in the child run under valgrind: `ours:<spec path>`, `progenitor:<spec path>` or `none`.
const ONLY: &str = "GEN_VS_PROGENITOR_ONLY";

fn run_side(side: &str, spec: &Path) {
    let generated = match side {
        "ours" => ours(spec).map(|files| files.len()),
        "progenitor" => progenitor(spec).map(|out| out.code.len()),
        other => panic!("unknown side {other}"),
    };
    assert!(generated.unwrap() > 0);
}

/// Instructions of one child run under callgrind; `None` if valgrind did not run.
fn instructions(only: &str) -> Option<u64> {
    let exe = std::env::current_exe().unwrap();
    let output = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(exe)
        .env(ONLY, only)
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let collected = stderr.lines().find_map(|line| {
        let (_, count) = line.split_once("Collected : ")?;
        count.trim().parse().ok()
    });
    if collected.is_none() || !output.status.success() {
        eprintln!("valgrind {only} failed:\n{stderr}");
    }
    collected
}

fn main() {
    if let Ok(only) = std::env::var(ONLY) {
        support::quiet_panics();
        if let Some((side, spec)) = only.split_once(':') {
            run_side(side, Path::new(spec));
        }
        return;
    }
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|arg| arg == "--list") {
        return;
    }
    if !args.iter().any(|arg| arg == "--bench") {
        let keeper = support::corpus()
            .into_iter()
            .find(|spec| name(spec) == "keeper.json")
            .unwrap();
        run_side("ours", &keeper);
        run_side("progenitor", &keeper);
        return;
    }
    let runs: usize = std::env::var("GEN_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(15);
    let (specs, left_out) = both_generate();
    for reason in &left_out {
        println!("left out: {reason}");
    }

    // Wall clock, interleaved: round r runs ours first on even r, progenitor first on odd r.
    let mut times = vec![(Vec::new(), Vec::new()); specs.len()];
    for round in 0..runs {
        for (spec, (our_times, their_times)) in specs.iter().zip(&mut times) {
            let time = |side: &str| {
                let started = Instant::now();
                run_side(side, spec);
                started.elapsed().as_secs_f64()
            };
            if round % 2 == 0 {
                our_times.push(time("ours"));
                their_times.push(time("progenitor"));
            } else {
                their_times.push(time("progenitor"));
                our_times.push(time("ours"));
            }
        }
    }
    println!(
        "\nlines of generated Rust: spec, ours (runtime included), progenitor (its client not)"
    );
    for spec in &specs {
        let ours: usize = ours(spec)
            .unwrap()
            .iter()
            .filter(|file| file.path.ends_with(".rs"))
            .map(|file| file.contents.lines().count())
            .sum();
        let theirs = progenitor(spec).unwrap().code.lines().count();
        println!("  {:<24} {ours:>9} {theirs:>10}", name(spec));
    }
    println!("\nwall clock, median of {runs} interleaved runs (ms): spec, ours, progenitor, ratio");
    let (mut our_total, mut their_total) = (0.0, 0.0);
    for (spec, (our_times, their_times)) in specs.iter().zip(times) {
        let (ours, theirs) = (median(our_times) * 1e3, median(their_times) * 1e3);
        our_total += ours;
        their_total += theirs;
        println!(
            "  {:<24} {ours:>9.2} {theirs:>10.2} {:>6.2}",
            name(spec),
            ours / theirs
        );
    }
    println!(
        "  {:<24} {our_total:>9.2} {their_total:>10.2} {:>6.2}",
        "all",
        our_total / their_total
    );

    let Some(empty) = instructions("none") else {
        println!("\nno instruction counts: valgrind is not on the PATH");
        return;
    };
    println!(
        "\ninstructions (callgrind, millions, a run doing nothing subtracted: {:.1}M): spec, ours, progenitor, ratio",
        empty as f64 / 1e6
    );
    let (mut our_total, mut their_total) = (0u64, 0u64);
    for spec in &specs {
        let count = |side: &str| {
            instructions(&format!("{side}:{}", spec.display())).map(|n| n.saturating_sub(empty))
        };
        let (Some(ours), Some(theirs)) = (count("ours"), count("progenitor")) else {
            continue;
        };
        our_total += ours;
        their_total += theirs;
        println!(
            "  {:<24} {:>9.1} {:>10.1} {:>6.2}",
            name(spec),
            ours as f64 / 1e6,
            theirs as f64 / 1e6,
            ours as f64 / theirs as f64
        );
    }
    println!(
        "  {:<24} {:>9.1} {:>10.1} {:>6.2}",
        "all",
        our_total as f64 / 1e6,
        their_total as f64 / 1e6,
        our_total as f64 / their_total as f64
    );
}
