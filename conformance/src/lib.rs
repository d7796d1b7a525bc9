//! A conformance runner: decides every instance of a folder of JSON Schema Test Suite files
//! with the types `workos-codegen` generates for their schemas (`cargo conformance DIR`).
//!
//! Each schema (a group of a keyword file) is written as a folder, with the files of the
//! suite's `remotes/` it reaches ([`remotes`]), and generated with the project's own generator
//! in its one-file layout; every schema's output is a module of one binary, built once
//! ([`probe`]), that decodes each instance into its schema's root type. A valid instance must
//! be accepted and an invalid one rejected. A schema the generator refuses, or whose code does
//! not compile, fails all its instances.

pub mod probe;
pub mod remotes;
pub mod report;
pub mod suite;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;
use workos_codegen::{GeneratedFile, Layout, Settings, Spec, generate, model, write_files};

pub use suite::Draft;

/// What to run.
#[derive(Clone, Debug)]
pub struct Options {
    /// The folder of keyword files (`tests/draft2020-12`).
    pub suite: PathBuf,
    /// The draft, else the one the files' `$schema` name ([`suite::detect`]).
    pub draft: Option<Draft>,
    /// The suite's `remotes/` folder, else `remotes/` beside the folder or its parent.
    pub remotes: Option<PathBuf>,
    /// Where the probe crate is written and built (kept between runs).
    pub work: PathBuf,
    /// Only these keyword files (`ref.json`), if any.
    pub only: Vec<String>,
    /// The probe's cargo target folder, else `target/` in `work` (runs of several suites may
    /// share one, one at a time, so the dependencies are built once).
    pub target: Option<PathBuf>,
}

/// Where one instance is: its keyword file, its group there and its index in the group.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    pub file: String,
    pub group: usize,
    pub test: usize,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} {}", self.file, self.group, self.test)
    }
}

/// How one instance was decided.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub place: Place,
    pub description: String,
    /// Whether the suite says the instance is valid.
    pub valid: bool,
    /// Whether it was decided right.
    pub passed: bool,
    /// Why it was decided as it was: the decoder's error, or why the schema has no type.
    pub why: Option<String>,
    /// The generator's warnings for the schema (constructs it says its types do not follow),
    /// by kind: a wrong decision on such a schema is `unsupported`, with them as its reason.
    pub warned: Vec<String>,
}

/// A run's outcomes, and how long it took.
#[derive(Debug)]
pub struct Run {
    pub draft: Draft,
    pub outcomes: Vec<Outcome>,
    pub timings: Timings,
}

#[derive(Debug, Default)]
pub struct Timings {
    pub generate: Duration,
    pub build: Duration,
    pub probe: Duration,
}

/// A schema, generated: its module, or why it has none.
struct Generated {
    module: Result<probe::Module, String>,
    warned: Vec<String>,
}

/// Runs the suite.
pub fn run(options: &Options) -> Result<Run, String> {
    let mut files = suite::read(&options.suite)?;
    if !options.only.is_empty() {
        files.retain(|f| options.only.contains(&f.name));
    }
    let draft = match options.draft {
        Some(draft) => draft,
        None => suite::detect(&files, &options.suite).ok_or(
            "the files' `$schema` name no draft, nor does the folder: give --draft (2020-12, 2019-09, 7)",
        )?,
    };
    let remotes = options.remotes.clone().or_else(|| {
        [
            options.suite.join("../remotes"),
            options.suite.join("../../remotes"),
        ]
        .into_iter()
        .find(|dir| dir.is_dir())
    });
    let work = &options.work;
    std::fs::create_dir_all(work).map_err(|err| format!("{}: {err}", work.display()))?;

    let started = Instant::now();
    let mut generated: BTreeMap<(String, usize), Generated> = BTreeMap::new();
    let mut modules = Vec::new();
    for file in &files {
        for (index, group) in file.groups.iter().enumerate() {
            let name = module_name(&file.name, index);
            let schema_dir = work.join("schemas").join(&name);
            let result =
                generate_module(&name, &group.schema, draft, remotes.as_deref(), &schema_dir);
            let (module, warned) = match result {
                Ok((module, warned)) => (Ok(module), warned),
                Err(why) => (Err(why), Vec::new()),
            };
            if let Ok(module) = &module {
                modules.push(module.clone());
            }
            generated.insert((file.name.clone(), index), Generated { module, warned });
        }
    }
    let generate_time = started.elapsed();

    let started = Instant::now();
    let crate_dir = work.join("probe");
    let target = options
        .target
        .clone()
        .unwrap_or_else(|| work.join("target"));
    let built = probe::build(&crate_dir, &target, &modules);
    let build_time = started.elapsed();

    let started = Instant::now();
    let mut instances = Vec::new();
    for file in &files {
        for (index, group) in file.groups.iter().enumerate() {
            let name = module_name(&file.name, index);
            if built.dropped.contains_key(&name) {
                continue;
            }
            if let Some(Ok(_)) = generated
                .get(&(file.name.clone(), index))
                .map(|g| &g.module)
            {
                for (test, case) in group.tests.iter().enumerate() {
                    instances.push((name.clone(), test, case.data.clone()));
                }
            }
        }
    }
    let decisions = match &built.executable {
        Some(executable) => probe::run(&crate_dir, executable, &instances),
        None => BTreeMap::new(),
    };
    let probe_time = started.elapsed();

    let mut outcomes = Vec::new();
    for file in &files {
        for (index, group) in file.groups.iter().enumerate() {
            let name = module_name(&file.name, index);
            let generated = &generated[&(file.name.clone(), index)];
            for (test, case) in group.tests.iter().enumerate() {
                let decision: Result<bool, String> = match &generated.module {
                    Err(why) => Err(why.clone()),
                    Ok(_) => match built.dropped.get(&name) {
                        Some(error) => {
                            Err(format!("its code does not compile: {}", first_line(error)))
                        }
                        None => match decisions.get(&(name.clone(), test)) {
                            Some(Ok(())) => Ok(true),
                            Some(Err(why)) if why.starts_with("crashes") => Err(why.clone()),
                            Some(Err(why)) => {
                                // Rejected: right for an invalid instance.
                                outcomes.push(Outcome {
                                    place: Place {
                                        file: file.name.clone(),
                                        group: index,
                                        test,
                                    },
                                    description: format!(
                                        "{}: {}",
                                        group.description, case.description
                                    ),
                                    valid: case.valid,
                                    passed: !case.valid,
                                    why: Some(why.clone()),
                                    warned: generated.warned.clone(),
                                });
                                continue;
                            }
                            None => Err("the probe gave no decision".to_string()),
                        },
                    },
                };
                let (passed, why) = match decision {
                    Ok(accepted) => (accepted == case.valid, None),
                    Err(why) => (false, Some(why)),
                };
                outcomes.push(Outcome {
                    place: Place {
                        file: file.name.clone(),
                        group: index,
                        test,
                    },
                    description: format!("{}: {}", group.description, case.description),
                    valid: case.valid,
                    passed,
                    why,
                    warned: generated.warned.clone(),
                });
            }
        }
    }
    Ok(Run {
        draft,
        outcomes,
        timings: Timings {
            generate: generate_time,
            build: build_time,
            probe: probe_time,
        },
    })
}

/// The module of group `index` of a keyword file (`ref.json`, 3: `ref_3`).
fn module_name(file: &str, index: usize) -> String {
    let stem = file.strip_suffix(".json").unwrap_or(file);
    let mut name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    format!("{name}_{index}")
}

/// The file a group's schema is written as in its folder.
const SCHEMA_FILE: &str = "schema.json";

/// Generates a schema's module: its folder holds the schema and the remote files it reaches;
/// the generator reads the folder (every file a root, so references by `$id` find the remote
/// documents). Returns the module and the generator's warnings, by kind.
fn generate_module(
    name: &str,
    schema: &Value,
    draft: Draft,
    remotes: Option<&Path>,
    dir: &Path,
) -> Result<(probe::Module, Vec<String>), String> {
    let mut schema = schema.clone();
    if let Value::Object(object) = &mut schema {
        object
            .entry("$schema")
            .or_insert_with(|| Value::String(draft.uri().into()));
    }
    let mut files = vec![GeneratedFile {
        path: SCHEMA_FILE.into(),
        contents: serde_json::to_string_pretty(&schema).unwrap(),
    }];
    for (path, document) in remotes::reached(&schema, remotes) {
        files.push(GeneratedFile {
            path: format!("remotes/{path}"),
            contents: serde_json::to_string_pretty(&document).unwrap(),
        });
    }
    let _ = std::fs::remove_dir_all(dir);
    write_files(dir, &files).map_err(|err| err.to_string())?;
    let spec_path = if files.len() == 1 {
        dir.join(SCHEMA_FILE)
    } else {
        dir.to_path_buf()
    };
    let refused = |err: workos_codegen::Error| {
        format!("the generator refuses it: {}", first_line(&err.to_string()))
    };
    let spec = Spec::read(&spec_path).map_err(refused)?;
    let mut settings = Settings::default().with_layout(Layout::Module {
        file_name: format!("{name}.rs"),
    });
    settings.package.name = Some("conformance-probe".into());
    let output = generate(&spec, &settings).map_err(refused)?;
    let model = model::build(&spec, &settings).map_err(refused)?;
    // The root's type: the root's own, else (a root that is only a `$ref`, which the generator
    // follows) the type of its target.
    let mut node = spec
        .roots()
        .find(|node| node.file == SCHEMA_FILE)
        .ok_or("the schema's file is no root of the spec")?;
    let typed = |node: &workos_codegen::load::Node<'_>| {
        let source = format!("{}#{}", node.file, node.pointer);
        model.types.iter().any(|t| t.source == source)
    };
    if let Some(reference) = node.value.get("$ref").and_then(Value::as_str) {
        if !typed(&node) {
            node = spec
                .resolve(&node, reference)
                .map_err(|(_, message)| format!("the generator refuses it: {message}"))?;
        }
    }
    let source = format!("{}#{}", node.file, node.pointer);
    let root = match model.types.iter().find(|t| t.source == source) {
        Some(def) => format!("{name}::{}", def.name),
        None => return Err(format!("no type for the schema's root (`{source}`)")),
    };
    let mut warned: Vec<String> = output
        .warnings
        .iter()
        .map(|w| format!("{} ({})", w.kind(), w.location.pointer))
        .collect();
    warned.dedup();
    let contents = output
        .files
        .into_iter()
        .next()
        .map(|f| f.contents)
        .ok_or("the generator gave no file")?;
    Ok((
        probe::Module {
            name: name.to_string(),
            source: contents,
            root,
            validates: model.runtime.ships("validate"),
        },
        warned,
    ))
}

fn first_line(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(3)
        .collect();
    lines.join(" / ")
}
