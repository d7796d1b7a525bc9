//! Both generators on progenitor's corpus (`tests/fixtures/corpus/openapi/progenitor/`), each
//! as its user runs it: ours is `load` then `generate` (formatted files); progenitor 0.15.1 reads
//! the file into `openapiv3::OpenAPI`, then `Generator::default().generate_tokens` and
//! prettyplease, as progenitor's documented build.rs does (`cargo progenitor` runs rustfmt, a
//! separate process, instead).

#![allow(dead_code)] // each bench uses its own subset

use std::path::{Path, PathBuf};

use workos_codegen::{GeneratedFile, generate, load};

/// The corpus specs, sorted by file name.
pub fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/corpus/openapi/progenitor"
    ));
    let mut specs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    specs.sort();
    specs
}

pub fn name(spec: &Path) -> String {
    spec.file_name().unwrap().to_string_lossy().into_owned()
}

/// Our whole pipeline: read the spec and its settings, generate the formatted crate.
pub fn ours(spec: &Path) -> Result<Vec<GeneratedFile>, String> {
    let (loaded, settings) = load(spec, None).map_err(|err| err.to_string())?;
    let output = generate(&loaded, &settings).map_err(|err| err.to_string())?;
    Ok(output.files)
}

/// What progenitor generated: the formatted `lib.rs` and what its `Cargo.toml` needs.
pub struct Progenitor {
    pub code: String,
    pub uses_regress: bool,
    pub uses_uuid: bool,
    pub uses_chrono: bool,
    pub uses_futures: bool,
    pub uses_websockets: bool,
    pub uses_serde_json: bool,
}

/// Progenitor's whole pipeline, reading the file included. Its panics (GitHub's spec) are
/// errors here; call [`quiet_panics`] first to keep them off the terminal.
pub fn progenitor(spec: &Path) -> Result<Progenitor, String> {
    let run = || -> Result<Progenitor, String> {
        let text = std::fs::read_to_string(spec).map_err(|err| err.to_string())?;
        let api: openapiv3::OpenAPI = if spec.extension().is_some_and(|ext| ext == "json") {
            serde_json::from_str(&text).map_err(|err| err.to_string())?
        } else {
            serde_yaml_ng::from_str(&text).map_err(|err| err.to_string())?
        };
        let mut generator = progenitor::Generator::default();
        let tokens = generator
            .generate_tokens(&api)
            .map_err(|err| err.to_string())?;
        let file: syn::File = syn::parse2(tokens).map_err(|err| err.to_string())?;
        let types = generator.get_type_space();
        Ok(Progenitor {
            code: prettyplease::unparse(&file),
            uses_regress: types.uses_regress(),
            uses_uuid: types.uses_uuid(),
            uses_chrono: types.uses_chrono(),
            uses_serde_json: types.uses_serde_json(),
            uses_futures: generator.uses_futures(),
            uses_websockets: generator.uses_websockets(),
        })
    };
    std::panic::catch_unwind(run).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|text| text.to_string()))
            .unwrap_or_default();
        Err(format!("panicked: {message}"))
    })
}

/// Silences the default panic message (progenitor's panics are reported as errors).
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|_| {}));
}

/// The specs of the corpus both generators generate, with why each other one is left out.
pub fn both_generate() -> (Vec<PathBuf>, Vec<String>) {
    quiet_panics();
    let mut both = Vec::new();
    let mut left_out = Vec::new();
    for spec in corpus() {
        match (ours(&spec), progenitor(&spec)) {
            (Ok(_), Ok(_)) => both.push(spec),
            (ours, theirs) => {
                let why = |side: &str, result: Result<(), String>| {
                    result.err().map(|err| {
                        let first = err.lines().take(2).collect::<Vec<_>>().join(" ");
                        format!("{side}: {first}")
                    })
                };
                let reasons: Vec<String> = [
                    why("ours", ours.map(drop)),
                    why("progenitor", theirs.map(drop)),
                ]
                .into_iter()
                .flatten()
                .collect();
                left_out.push(format!("{}: {}", name(&spec), reasons.join("; ")));
            }
        }
    }
    (both, left_out)
}

/// The median of some durations, in seconds.
pub fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    let mid = samples.len() / 2;
    if samples.len() % 2 == 0 {
        (samples[mid - 1] + samples[mid]) / 2.0
    } else {
        samples[mid]
    }
}

/// Instructions of one run of this bench binary under callgrind, with `var` set to `value` (the
/// binary does only what `value` says); `None` if valgrind did not run.
pub fn callgrind_instructions(var: &str, value: &str) -> Option<u64> {
    let exe = std::env::current_exe().unwrap();
    let output = std::process::Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(exe)
        .env(var, value)
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let collected = stderr.lines().find_map(|line| {
        let (_, count) = line.split_once("Collected : ")?;
        count.trim().parse().ok()
    });
    if collected.is_none() || !output.status.success() {
        eprintln!("valgrind {value} failed:\n{stderr}");
    }
    collected
}
