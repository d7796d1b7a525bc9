//! `cargo conformance DIR`: runs a folder of JSON Schema Test Suite files with the types the
//! generator makes of their schemas, and prints one line per keyword file and `N passed, M
//! failed` last.

use std::path::PathBuf;
use std::process::ExitCode;

use workos_conformance::{Draft, Options, report, run};

const USAGE: &str = "usage: cargo conformance DIR [options]

DIR is a folder of JSON Schema Test Suite files (tests/draft2020-12 of the suite).

  --draft DRAFT      2020-12, 2019-09, 7, 6 or 4 (default: the files' `$schema`, else the folder's name)
  --remotes DIR      the suite's remotes/ folder (default: remotes/ beside DIR or its parent)
  --work DIR         where the probe crate is built (default: <target>/conformance/<DIR's name>)
  --only FILE,...    only these keyword files (ref.json,anchor.json)
  --misses           print every instance decided wrong, with why
  --expected FILE    exit 1 unless the misses are exactly the list's (`file group test` lines)";

struct Args {
    options: Options,
    misses: bool,
    expected: Option<PathBuf>,
}

fn parse_args() -> Result<Args, lexopt::Error> {
    use lexopt::prelude::*;
    let mut suite: Option<PathBuf> = None;
    let mut draft = None;
    let mut remotes = None;
    let mut work: Option<PathBuf> = None;
    let mut only = Vec::new();
    let mut misses = false;
    let mut expected = None;
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("draft") => {
                let text: String = parser.value()?.string()?;
                draft = Some(Draft::parse(&text).ok_or_else(|| {
                    lexopt::Error::from(format!(
                        "unknown draft `{text}`: 2020-12, 2019-09, 7, 6 or 4"
                    ))
                })?);
            }
            Long("remotes") => remotes = Some(parser.value()?.into()),
            Long("work") => work = Some(parser.value()?.into()),
            Long("only") => {
                let text: String = parser.value()?.string()?;
                only.extend(text.split(',').map(str::to_string));
            }
            Long("misses") => misses = true,
            Long("expected") => expected = Some(parser.value()?.into()),
            Short('h') | Long("help") => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            Value(path) if suite.is_none() => suite = Some(path.into()),
            _ => return Err(arg.unexpected()),
        }
    }
    let suite = suite.ok_or("missing DIR")?;
    let work = work.unwrap_or_else(|| {
        let name = suite
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "suite".into());
        target_dir().join("conformance").join(name)
    });
    Ok(Args {
        options: Options {
            suite,
            draft,
            remotes,
            work,
            only,
            target: None,
        },
        misses,
        expected,
    })
}

/// The target folder this binary was built in (`<target>/debug/conformance`).
fn target_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.to_path_buf()))
        .unwrap_or_else(|| PathBuf::from("target"))
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(err) => {
            eprintln!("error: {err}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let run = match run(&args.options) {
        Ok(run) => run,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!(
        "{}: generated in {:.1?}, built in {:.1?}, decided in {:.1?}",
        run.draft.name(),
        run.timings.generate,
        run.timings.build,
        run.timings.probe
    );
    if args.misses {
        print!("{}", report::misses(&run.outcomes));
    }
    print!("{}", report::render(&run.outcomes));
    if let Some(path) = args.expected {
        let listed = std::fs::read_to_string(&path)
            .map_err(|err| err.to_string())
            .and_then(|text| report::parse_expected(&text));
        let listed = match listed {
            Ok(listed) => listed,
            Err(err) => {
                eprintln!("error: {}: {err}", path.display());
                return ExitCode::FAILURE;
            }
        };
        let problems = report::compare(&run.outcomes, &listed);
        if !problems.is_empty() {
            eprintln!(
                "{} difference(s) from {}:\n{}",
                problems.len(),
                path.display(),
                problems.join("\n")
            );
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
