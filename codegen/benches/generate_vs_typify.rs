//! Generation time against typify 0.8 on the two big bare JSON Schema files of typify's corpus
//! (`tests/fixtures/corpus/jsonschema/typify/`): GitHub's webhook payloads (`github.json`,
//! 274 definitions) and Vega's grammar (`vega.json`, 131). The whole pipeline, from reading the
//! file to formatted code: ours is `load` then `generate`; typify reads the file into
//! schemars' `RootSchema`, then `add_root_schema`, `to_stream` and prettyplease, with the
//! settings of typify's own tests of these files (`typify-impl/tests/test_github.rs`): the root
//! titled `Everything`; for Vega, `ColorValue` replaced by a hand-written type ("an extremely
//! expensive type" to generate otherwise, its authors note) and the font-weight enum of strings
//! and numbers by another (typify panics on it: "multiple implied types for an un-typed
//! enum"), so typify generates less of Vega than we do.
//! Run: `cargo bench -p workos-codegen --bench generate_vs_typify`.
//!
//! Two measures in one run, as `generate_vs_progenitor`: wall clock medians of `GEN_RUNS`
//! (default 15) interleaved rounds, and instruction counts under callgrind when `valgrind` is
//! on the PATH. Without `--bench` (`cargo test --benches`) it runs both once on a small schema.

mod support;

use std::path::{Path, PathBuf};
use std::time::Instant;

use support::{callgrind_instructions, median, name, ours};

/// Set in the child run under valgrind: `ours:<path>`, `typify:<path>` or `none`.
const ONLY: &str = "GEN_VS_TYPIFY_ONLY";

const SCHEMAS: [&str; 2] = ["github.json", "vega.json"];

fn schema(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/corpus/jsonschema/typify")
        .join(file)
}

/// typify's whole pipeline on a schema file: the formatted code.
fn typify(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let mut root: schemars::schema::RootSchema = serde_json::from_str(&text).unwrap();
    root.schema.metadata().title = Some("Everything".to_string());
    let mut settings = typify::TypeSpaceSettings::default();
    if name(path) == "vega.json" {
        let mut weights = vec![serde_json::Value::Null];
        for weight in ["normal", "bold", "lighter", "bolder"] {
            weights.push(weight.into());
        }
        let numbers = (100..=900).step_by(100);
        weights.extend(
            numbers
                .clone()
                .map(|n| serde_json::Value::from(n.to_string())),
        );
        weights.extend(numbers.map(serde_json::Value::from));
        let font_weight = serde_json::from_value(serde_json::json!({ "enum": weights })).unwrap();
        settings
            .with_conversion(
                font_weight,
                "MyEnum",
                [typify::TypeSpaceImpl::FromStr].into_iter(),
            )
            .with_replacement("ColorValue", "ColorValue", std::iter::empty());
    }
    let mut space = typify::TypeSpace::new(&settings);
    space.add_root_schema(root).unwrap();
    let file: syn::File = syn::parse2(space.to_stream()).unwrap();
    prettyplease::unparse(&file)
}

/// Lines of Rust one side generates.
fn run_side(side: &str, path: &Path) -> usize {
    match side {
        "ours" => ours(path)
            .unwrap()
            .iter()
            .filter(|file| file.path.ends_with(".rs"))
            .map(|file| file.contents.lines().count())
            .sum(),
        "typify" => typify(path).lines().count(),
        other => panic!("unknown side {other}"),
    }
}

fn main() {
    if let Ok(only) = std::env::var(ONLY) {
        if let Some((side, path)) = only.split_once(':') {
            run_side(side, Path::new(path));
        }
        return;
    }
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|arg| arg == "--list") {
        return;
    }
    if !args.iter().any(|arg| arg == "--bench") {
        let small = schema("rust-collisions.json");
        assert!(run_side("ours", &small) > 0 && run_side("typify", &small) > 0);
        return;
    }
    let runs: usize = std::env::var("GEN_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(15);
    let schemas: Vec<PathBuf> = SCHEMAS.iter().map(|file| schema(file)).collect();

    println!("lines of generated Rust: schema, ours (runtime included), typify");
    for path in &schemas {
        let (ours, theirs) = (run_side("ours", path), run_side("typify", path));
        println!("  {:<12} {ours:>9} {theirs:>9}", name(path));
    }

    // Wall clock, interleaved: round r runs ours first on even r, typify first on odd r.
    let mut times = vec![(Vec::new(), Vec::new()); schemas.len()];
    for round in 0..runs {
        for (path, (our_times, their_times)) in schemas.iter().zip(&mut times) {
            let time = |side: &str| {
                let started = Instant::now();
                run_side(side, path);
                started.elapsed().as_secs_f64()
            };
            if round % 2 == 0 {
                our_times.push(time("ours"));
                their_times.push(time("typify"));
            } else {
                their_times.push(time("typify"));
                our_times.push(time("ours"));
            }
        }
    }
    println!("\nwall clock, median of {runs} interleaved runs (ms): schema, ours, typify, ratio");
    let medians: Vec<(f64, f64)> = times
        .into_iter()
        .map(|(ours, theirs)| (median(ours) * 1e3, median(theirs) * 1e3))
        .collect();
    print_rows(&schemas, &medians, |ms| format!("{ms:.2}"));

    let Some(empty) = callgrind_instructions(ONLY, "none") else {
        println!("\nno instruction counts: valgrind is not on the PATH");
        return;
    };
    println!(
        "\ninstructions (callgrind, millions, a run doing nothing subtracted: {:.1}M): schema, ours, typify, ratio",
        empty as f64 / 1e6
    );
    let counts: Option<Vec<(f64, f64)>> = schemas
        .iter()
        .map(|path| {
            let count = |side: &str| {
                callgrind_instructions(ONLY, &format!("{side}:{}", path.display()))
                    .map(|n| n.saturating_sub(empty) as f64 / 1e6)
            };
            Some((count("ours")?, count("typify")?))
        })
        .collect();
    match counts {
        Some(counts) => print_rows(&schemas, &counts, |m| format!("{m:.1}")),
        None => println!("  a run under valgrind failed"),
    }
}

/// One row per schema and one for both: ours, typify's, and the ratio.
fn print_rows(schemas: &[PathBuf], rows: &[(f64, f64)], show: impl Fn(f64) -> String) {
    let (mut our_total, mut their_total) = (0.0, 0.0);
    for (path, (ours, theirs)) in schemas.iter().zip(rows) {
        our_total += ours;
        their_total += theirs;
        println!(
            "  {:<12} {:>10} {:>10} {:>6.2}",
            name(path),
            show(*ours),
            show(*theirs),
            ours / theirs
        );
    }
    println!(
        "  {:<12} {:>10} {:>10} {:>6.2}",
        "both",
        show(our_total),
        show(their_total),
        our_total / their_total
    );
}
