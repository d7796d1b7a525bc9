//! The README's table of what every spec here generates and warns about (between its
//! `warnings-table` markers) is the one `cargo codegen --report` computes now. It goes stale
//! whenever a warning is added, fixed or reworded: refresh it with
//! `EXPECTORATE=overwrite cargo test --test warnings_table`.

mod support;

use std::path::PathBuf;

use support::repo;

const START: &str =
    "<!-- warnings-table: start (EXPECTORATE=overwrite cargo test --test warnings_table) -->\n";
const END: &str = "<!-- warnings-table: end -->";

/// Every spec of the corpus folders, then `spec/` and the whole WorkOS API, each labelled by
/// its path under `tests/fixtures/corpus/` (or the repository).
fn specs() -> Vec<(String, PathBuf)> {
    let mut specs = Vec::new();
    for folder in ["openapi/progenitor", "jsonschema/typify"] {
        let dir = repo(&format!("tests/fixtures/corpus/{folder}"));
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let short = folder.rsplit('/').next().unwrap();
        specs.extend(
            names
                .into_iter()
                .map(|name| (format!("{short}/{name}"), dir.join(&name))),
        );
    }
    for folder in ["spec", "tests/fixtures/whole-api"] {
        specs.push((format!("{folder}/"), repo(folder)));
    }
    specs
}

#[test]
fn the_readme_warnings_table_is_fresh() {
    // One thread per spec: GitHub's and the whole WorkOS API take seconds each in a debug build.
    let specs: Vec<_> = std::thread::scope(|scope| {
        let running: Vec<_> = specs()
            .into_iter()
            .map(|(label, path)| {
                let summary = scope.spawn(move || workos_codegen::report::summarize(&path));
                (label, summary)
            })
            .collect();
        running
            .into_iter()
            .map(|(label, summary)| (label, summary.join().unwrap()))
            .collect()
    });
    let table = workos_codegen::report::table(&specs);

    let readme_path = repo("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let (before, rest) = readme
        .split_once(START)
        .expect("README.md has the warnings-table start marker");
    let (current, after) = rest
        .split_once(END)
        .expect("README.md has the warnings-table end marker");
    if current == table {
        return;
    }
    if std::env::var("EXPECTORATE").as_deref() == Ok("overwrite") {
        std::fs::write(&readme_path, format!("{before}{START}{table}{END}{after}")).unwrap();
        return;
    }
    panic!(
        "README.md's warnings table is stale: refresh it with \
         `EXPECTORATE=overwrite cargo test --test warnings_table`\n\nnow:\n{table}"
    );
}
