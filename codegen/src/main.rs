//! `cargo codegen`: regenerate the vendored crate from the spec, or check that it is fresh.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use workos_codegen::{generate, load, stale_files, write_files};

const USAGE: &str = "\
usage: cargo codegen [--check] [--spec PATH] [--out DIR] [--settings FILE]
       cargo codegen --report PATH...

  --spec PATH      spec folder or entry file (default: spec)
  --out DIR        output folder of the generated crate (default: generated)
  --settings FILE  naming settings (default: codegen.toml beside the spec)
  --check          write nothing; fail and name the files when DIR is stale
  --report         write nothing; print a Markdown table of each spec PATH (default: --spec):
                   operations, types, warnings by kind, lines generated, or its first error";

struct Args {
    spec: PathBuf,
    out: PathBuf,
    settings: Option<PathBuf>,
    check: bool,
    /// `--report`: the specs to summarize (empty: `spec`).
    report: Option<Vec<PathBuf>>,
}

fn parse_args() -> Result<Args, lexopt::Error> {
    use lexopt::prelude::*;
    let mut args = Args {
        spec: "spec".into(),
        out: "generated".into(),
        settings: None,
        check: false,
        report: None,
    };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("spec") => args.spec = parser.value()?.into(),
            Long("out") => args.out = parser.value()?.into(),
            Long("settings") => args.settings = Some(parser.value()?.into()),
            Long("check") => args.check = true,
            Long("report") => args.report = Some(Vec::new()),
            Value(path) if args.report.is_some() => {
                args.report.get_or_insert_with(Vec::new).push(path.into());
            }
            Short('h') | Long("help") => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            _ => return Err(arg.unexpected()),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(err) => {
            eprintln!("error: {err}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // `cargo codegen` may be run from anywhere in the workspace: defaults are relative to it.
    let default_spec = args.report.as_ref().is_none_or(Vec::is_empty);
    if default_spec && !args.spec.exists() && args.spec == Path::new("spec") {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        if std::env::set_current_dir(&root).is_err() {
            eprintln!(
                "error: cannot find the workspace root at {}",
                root.display()
            );
            return ExitCode::FAILURE;
        }
    }
    if let Some(paths) = &args.report {
        let paths = if paths.is_empty() {
            std::slice::from_ref(&args.spec)
        } else {
            paths
        };
        let specs: Vec<_> = paths
            .iter()
            .map(|path| {
                let label = path.display().to_string();
                (label, workos_codegen::report::summarize(path))
            })
            .collect();
        print!("{}", workos_codegen::report::table(&specs));
        return ExitCode::SUCCESS;
    }
    match run(&args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<ExitCode, workos_codegen::Error> {
    let (spec, settings) = load(&args.spec, args.settings.as_deref())?;
    let output = generate(&spec, &settings)?;
    for warning in &output.warnings {
        eprintln!("warning: {warning}");
    }
    if !output.warnings.is_empty() {
        eprintln!(
            "warning: {} place(s) where the generated types do not follow the spec exactly (`strict = true` in the settings makes them errors)",
            output.warnings.len()
        );
    }
    let out = args.out.display();
    if args.check {
        let staleness = stale_files(&args.out, &output.files);
        if staleness.is_fresh() {
            eprintln!("{out}/ is up to date with {}", args.spec.display());
            return Ok(ExitCode::SUCCESS);
        }
        for file in &staleness.changed {
            eprintln!("stale: {out}/{file}");
        }
        for file in &staleness.extra {
            eprintln!("left over: {out}/{file}");
        }
        eprintln!(
            "error: {out}/ does not match {}: run `cargo codegen` to refresh it",
            args.spec.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    let written =
        write_files(&args.out, &output.files).map_err(|source| workos_codegen::Error::Io {
            path: out.to_string(),
            source,
        })?;
    for file in &written {
        eprintln!("wrote {out}/{file}");
    }
    eprintln!(
        "{out}/: {} file(s) written, {} unchanged",
        written.len(),
        output.files.len() - written.len()
    );
    Ok(ExitCode::SUCCESS)
}
