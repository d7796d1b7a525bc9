//! Generates Rust types and a reqwest client from an OpenAPI 3.0/3.1 description or a JSON
//! Schema document. Nothing here is specific to one API: an API's own conventions are its
//! settings (WorkOS's, the first API, are in this repository's `spec/codegen.toml`).
//!
//! One pure entry point, [`generate`], serves the build script ([`Builder`]), the CLI
//! (`cargo codegen`) and the tests. Its stages are the modules: [`load`] reads the spec folder,
//! [`spec`] reads it into Rust types, [`model`] decides the types, names and operations,
//! [`emit`] prints them as tokens, and `layout` formats them into files.

pub mod diagnostics;
pub mod emit;
mod layout;

pub use layout::runtime_module;
pub mod load;
mod manifest;
pub mod model;
pub mod print;
pub mod report;
pub mod settings;
pub mod spec;
pub mod tokens;
mod write;

pub use diagnostics::{Diagnostic, Error, Location};
pub use load::Spec;
pub use settings::{Layout, Settings};
pub use write::{Builder, Staleness, stale_files, write_files};

/// One generated file: its path relative to the output folder, and its contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// What [`generate`] produced.
#[derive(Clone, Debug)]
pub struct Output {
    pub files: Vec<GeneratedFile>,
    /// Valid constructs the generated types cannot follow exactly, each with its place.
    pub warnings: Vec<Diagnostic>,
}

/// Reads a spec folder (or entry file) and its settings (`settings`, else `codegen.toml` beside
/// the spec), reporting the problems of both together.
pub fn load(
    spec: &std::path::Path,
    settings: Option<&std::path::Path>,
) -> Result<(Spec, Settings), Error> {
    let loaded = Spec::read(spec);
    let settings = match settings {
        Some(path) => Settings::read(path),
        None => Settings::for_spec(spec),
    };
    match (loaded, settings) {
        (Ok(spec), Ok(settings)) => Ok((spec, settings)),
        (Err(Error::Spec(mut first)), Err(Error::Spec(second))) => {
            first.extend(second);
            Err(Error::Spec(first))
        }
        (Err(err), _) | (_, Err(err)) => Err(err),
    }
}

/// Generates the client for a loaded spec, in the settings' layout. Pure: the same spec and
/// settings give the same bytes, wherever the spec lives.
pub fn generate(spec: &Spec, settings: &Settings) -> Result<Output, Error> {
    let layout = (settings.layout.clone(), settings.regenerate_with.as_deref());
    let mut outputs = generate_layouts(spec, settings, &[layout])?;
    Ok(outputs.remove(0))
}

/// [`generate`] with the model built and emitted once, and laid out once per entry of
/// `layouts`: a layout and the command its files' headers name for regenerating them (`None`:
/// `cargo codegen`); the settings' own `layout` and `regenerate_with` are not read. A build
/// script writes the one-file layout and checks a vendored crate against the crate layout.
pub fn generate_layouts(
    spec: &Spec,
    settings: &Settings,
    layouts: &[(Layout, Option<&str>)],
) -> Result<Vec<Output>, Error> {
    generate_model(spec, settings, layouts).map(|(_, outputs)| outputs)
}

/// [`generate_layouts`], with the model it printed.
fn generate_model(
    spec: &Spec,
    settings: &Settings,
    layouts: &[(Layout, Option<&str>)],
) -> Result<(model::Model, Vec<Output>), Error> {
    let model = model::build(spec, settings)?;
    let emitted = emit::emit(&model);
    let source = spec.source();
    let outputs = layouts
        .iter()
        .map(|(layout, regenerate)| {
            Ok(Output {
                files: layout::files(&emitted, &model, &source, settings, layout, *regenerate)?,
                warnings: model.warnings.clone(),
            })
        })
        .collect::<Result<_, Error>>()?;
    Ok((model, outputs))
}
