//! Generates one crate per schema file, adds the probe to each, builds them all in one cargo
//! workspace outside this one (so cargo builds the dependencies once and the crates in
//! parallel), linted (`build.rs`), and runs the probes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;
use workos_codegen::{GeneratedFile, generate, load, model, write_files};

use super::super::repo;
use super::build::{build, run_probe};
use super::cases::{Case, Check};
use super::probe;

/// A schema file and its instances.
#[derive(Clone, Debug)]
pub struct Schema {
    /// Unique among the schemas of one run: it names the generated package.
    pub name: String,
    pub path: PathBuf,
    pub cases: Vec<Case>,
}

/// What happened to one schema.
#[derive(Debug)]
pub struct Outcome {
    pub name: String,
    /// The generator's error, if it failed.
    pub generated: Result<(), String>,
    /// clippy's errors, if the crate (or its probe) is not clean.
    pub linted: Result<(), String>,
    /// Whether the probe ran (else every check failed with the reason it did not).
    pub ran: bool,
    /// One per case, in order.
    pub types: Vec<TypeOutcome>,
}

#[derive(Debug)]
pub struct TypeOutcome {
    pub pointer: String,
    /// The Rust path of the schema's type, or why there is none.
    pub rust: Result<String, String>,
    /// One per check, with its failure, if any (every check fails when the schema has no
    /// type, does not generate, or its probe did not run).
    pub checks: Vec<(Check, Result<(), String>)>,
}

/// How long each stage took.
#[derive(Debug, Default)]
pub struct Timings {
    pub generate: Duration,
    /// The linted build of every crate.
    pub build: Duration,
    pub probes: Duration,
}

/// A schema's generated crate, before it is built.
struct Generated {
    package: String,
    paths: Vec<Result<String, String>>,
}

/// Runs every schema's instances; `dir` holds the workspace (reused between runs: unchanged
/// files are not rewritten, so cargo rebuilds only what changed). `prefix` starts every
/// package name: crates of another run sharing the target folder must not have the same
/// names.
pub fn run(schemas: &[Schema], dir: &Path, prefix: &str) -> (Vec<Outcome>, Timings) {
    let mut timings = Timings::default();
    let started = Instant::now();
    let generated: Vec<Result<Generated, String>> = schemas
        .iter()
        .map(|schema| generate_crate(schema, dir, &format!("{prefix}-{}", slug(&schema.name))))
        .collect();
    let members: Vec<&str> = generated
        .iter()
        .filter_map(|g| g.as_ref().ok())
        .map(|g| g.package.as_str())
        .collect();
    write_workspace(dir, &members);
    timings.generate = started.elapsed();

    let started = Instant::now();
    let built = build(dir);
    timings.build = started.elapsed();
    let started = Instant::now();
    let results = dir.join("results");
    let _ = std::fs::remove_dir_all(&results);
    std::fs::create_dir_all(&results).unwrap();
    let probed: BTreeMap<&String, Result<(), String>> = built
        .probes
        .iter()
        .map(|(package, probe)| (package, run_probe(probe, &dir.join(package), &results)))
        .collect();
    timings.probes = started.elapsed();

    let outcomes = schemas
        .iter()
        .zip(generated)
        .map(|(schema, generated)| match generated {
            Err(err) => failed(schema, Err(err.clone()), Ok(()), &err),
            Ok(generated) => {
                let linted = match built.lints.get(&generated.package) {
                    Some(errors) => Err(errors.clone()),
                    None => Ok(()),
                };
                let path = results.join(format!("{}.json", generated.package));
                let why = match probed.get(&generated.package) {
                    _ if generated.paths.iter().all(Result::is_err) => {
                        return decoded(schema, &generated, linted, "[]");
                    }
                    None => "the probe did not build".to_string(),
                    Some(Err(failure)) => failure.clone(),
                    Some(Ok(())) => match std::fs::read_to_string(&path) {
                        Ok(text) => return decoded(schema, &generated, linted, &text),
                        Err(err) => format!("no outcomes at {}: {err}", path.display()),
                    },
                };
                failed(schema, Ok(()), linted, &why)
            }
        })
        .collect();
    (outcomes, timings)
}

/// Generates a schema's crate with its probe into `dir/<package>`.
fn generate_crate(schema: &Schema, dir: &Path, package: &str) -> Result<Generated, String> {
    let (spec, mut settings) = load(&schema.path, None).map_err(|err| err.to_string())?;
    settings.package.name = Some(package.to_string());
    let output = generate(&spec, &settings).map_err(|err| err.to_string())?;
    let model = model::build(&spec, &settings).map_err(|err| err.to_string())?;
    let file = spec.entry().rsplit('/').next().unwrap_or(spec.entry());
    let krate = package.replace('-', "_");
    let paths: Vec<Result<String, String>> = schema
        .cases
        .iter()
        .map(|case| {
            // `file#pointer` names a schema of another file of a folder.
            let source = match case.pointer.contains('#') {
                true => case.pointer.clone(),
                false => format!("{file}#{}", case.pointer),
            };
            match model.types.iter().find(|t| t.source == source) {
                Some(def) => Ok(format!("{krate}::{}", def.name)),
                None => Err(format!("no named type has the source `{source}`")),
            }
        })
        .collect();
    let mut files = output.files;
    let lib_has_tests = files
        .iter()
        .any(|f| f.path.starts_with("src/") && f.contents.contains("cfg(test)"));
    let manifest = files
        .iter_mut()
        .find(|f| f.path == "Cargo.toml")
        .ok_or("the output has no Cargo.toml")?;
    manifest.contents = patched_manifest(&manifest.contents, lib_has_tests);
    let probed: Vec<(&Result<String, String>, &Case)> = paths.iter().zip(&schema.cases).collect();
    let bound: Vec<String> = probed
        .iter()
        .filter_map(|(path, _)| path.as_ref().ok().cloned())
        .collect();
    if !bound.is_empty() {
        let checks: Vec<Vec<Check>> = probed
            .iter()
            .filter(|(path, _)| path.is_ok())
            .map(|(_, case)| case.checks())
            .collect();
        files.push(GeneratedFile {
            path: probe::TEST_FILE.into(),
            contents: probe::test_file(&bound),
        });
        files.push(GeneratedFile {
            path: probe::CASES_FILE.into(),
            contents: probe::cases_file(&checks),
        });
    }
    let crate_dir = dir.join(package);
    for stale in [probe::TEST_FILE, probe::CASES_FILE] {
        if !files.iter().any(|f| f.path == stale) {
            let _ = std::fs::remove_file(crate_dir.join(stale));
        }
    }
    write_files(&crate_dir, &files).map_err(|err| err.to_string())?;
    Ok(Generated {
        package: package.to_string(),
        paths,
    })
}

/// The probe reads its instances with serde_json, which a crate of types may not use. A lib
/// without `cfg(test)` code is the same crate under `cargo test`: `test = false` spares
/// building (and linting) it twice, which is most of the time of the big ones.
fn patched_manifest(manifest: &str, lib_has_tests: bool) -> String {
    let mut table: toml::Table = manifest.parse().expect("the generated Cargo.toml parses");
    let dev = table
        .entry("dev-dependencies")
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    let dev = dev.as_table_mut().expect("[dev-dependencies] is a table");
    dev.entry("serde_json")
        .or_insert_with(|| toml::Value::String("1".into()));
    if !lib_has_tests {
        let lib = table
            .entry("lib")
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        let lib = lib.as_table_mut().expect("[lib] is a table");
        lib.insert("test".into(), toml::Value::Boolean(false));
    }
    toml::to_string(&table).unwrap()
}

/// The workspace of the generated crates, with this repository's lock file (the same versions,
/// so nothing is downloaded).
fn write_workspace(dir: &Path, members: &[&str]) {
    let list: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    // No debug info: the big crates build faster and the target folder stays smaller.
    let manifest = format!(
        "[workspace]\nmembers = [{}]\nresolver = \"3\"\n\n[profile.dev]\ndebug = 0\n",
        list.join(", ")
    );
    let lock = std::fs::read_to_string(repo("Cargo.lock")).unwrap();
    let files = [
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: manifest,
        },
        GeneratedFile {
            path: "Cargo.lock".into(),
            contents: lock,
        },
    ];
    write_files(dir, &files).unwrap();
}

/// A schema whose checks all fail with `why`.
fn failed(
    schema: &Schema,
    generated: Result<(), String>,
    linted: Result<(), String>,
    why: &str,
) -> Outcome {
    let types = schema
        .cases
        .iter()
        .map(|case| TypeOutcome {
            pointer: case.pointer.clone(),
            rust: Err(why.to_string()),
            checks: case
                .checks()
                .into_iter()
                .map(|check| (check, Err(why.to_string())))
                .collect(),
        })
        .collect();
    Outcome {
        name: schema.name.clone(),
        generated,
        linted,
        ran: false,
        types,
    }
}

/// A schema whose probe ran: `results` holds, for each type found, one outcome per check.
fn decoded(
    schema: &Schema,
    generated: &Generated,
    linted: Result<(), String>,
    results: &str,
) -> Outcome {
    let results: Vec<Vec<Value>> = serde_json::from_str(results).expect("the probe's outcomes");
    let mut results = results.into_iter();
    let types = schema
        .cases
        .iter()
        .zip(&generated.paths)
        .map(|(case, path)| {
            let outcomes = match path {
                Ok(_) => results.next().expect("one outcome list per type found"),
                Err(_) => Vec::new(),
            };
            let checks = case.checks().into_iter().enumerate().map(|(i, check)| {
                let outcome = match (path, outcomes.get(i)) {
                    (Err(why), _) => Err(why.clone()),
                    (Ok(_), Some(Value::Null)) => Ok(()),
                    (Ok(_), Some(failure)) => Err(failure.as_str().unwrap_or("?").to_string()),
                    (Ok(_), None) => Err("the probe gave no outcome".to_string()),
                };
                (check, outcome)
            });
            TypeOutcome {
                pointer: case.pointer.clone(),
                rust: path.clone(),
                checks: checks.collect(),
            }
        })
        .collect();
    Outcome {
        name: schema.name.clone(),
        generated: Ok(()),
        linted,
        ran: true,
        types,
    }
}

/// A package-name fragment of a schema name.
fn slug(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    slug.trim_matches('-').to_string()
}
