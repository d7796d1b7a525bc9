//! The JSON Schema Test Suite's draft 2020-12 (`tests/fixtures/corpus/jsonschema/test-suite/`,
//! `remotes/` beside it), run as `cargo conformance` runs it: every instance is decided as
//! `expected/draft2020-12.txt` says, exact both ways (a miss not listed fails, and so does a
//! listed instance decided right), and the README's per-keyword table is this run's
//! (`EXPECTORATE=overwrite cargo test -p workos-conformance` refreshes it).

use std::path::{Path, PathBuf};

use workos_conformance::{Draft, Options, report, run};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

const TABLE_START: &str =
    "<!-- conformance-table: start (EXPECTORATE=overwrite cargo test -p workos-conformance) -->\n";
const TABLE_END: &str = "<!-- conformance-table: end -->";

/// The probes' target folder, shared by the tests, which take turns.
fn shared_target() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("conformance-target")
}

static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn draft2020_12_misses_are_exactly_the_expected_ones() {
    let options = Options {
        suite: repo("tests/fixtures/corpus/jsonschema/test-suite/draft2020-12"),
        draft: None,
        remotes: None,
        work: Path::new(env!("CARGO_TARGET_TMPDIR")).join("conformance-draft2020-12"),
        only: Vec::new(),
        target: Some(shared_target()),
    };
    let run = {
        let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        run(&options).unwrap()
    };
    assert_eq!(run.draft, Draft::Draft2020_12, "the files' `$schema`");
    let rendered = report::render(&run.outcomes);
    println!("{rendered}");
    println!(
        "generated in {:.1?}, built in {:.1?}, decided in {:.1?}",
        run.timings.generate, run.timings.build, run.timings.probe
    );
    assert_eq!(
        run.outcomes.len(),
        1299,
        "every instance counts, none skipped"
    );

    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("expected/draft2020-12.txt");
    let listed = report::parse_expected(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let problems = report::compare(&run.outcomes, &listed);

    let readme_path = repo("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let table = format!("{TABLE_START}```text\n{rendered}```\n{TABLE_END}");
    let start = readme
        .find(TABLE_START)
        .expect("the README's conformance table");
    let end = readme[start..].find(TABLE_END).expect("its end marker") + start + TABLE_END.len();
    if readme[start..end] != table {
        if std::env::var("EXPECTORATE").as_deref() == Ok("overwrite") {
            let fresh = format!("{}{table}{}", &readme[..start], &readme[end..]);
            std::fs::write(&readme_path, fresh).unwrap();
        } else {
            panic!(
                "the README's conformance table is stale: refresh it with `EXPECTORATE=overwrite cargo test -p workos-conformance`\n{table}"
            );
        }
    }
    assert!(
        problems.is_empty(),
        "{} difference(s) from {}:\n{}",
        problems.len(),
        path.display(),
        problems.join("\n")
    );
}

/// The same runner on a folder without `$schema` takes the draft from the flag, and from the
/// folder's name: nothing in it is tuned to 2020-12.
#[test]
fn the_draft_comes_from_the_flag_or_the_folder() {
    assert_eq!(Draft::parse("7"), Some(Draft::Draft7));
    assert_eq!(Draft::parse("draft-07"), Some(Draft::Draft7));
    assert_eq!(Draft::parse("2019-09"), Some(Draft::Draft2019_09));
    assert_eq!(Draft::parse("draft2020-12"), Some(Draft::Draft2020_12));
    assert_eq!(
        Draft::of_uri("http://json-schema.org/draft-07/schema#"),
        Some(Draft::Draft7)
    );
    assert_eq!(
        Draft::of_uri("https://json-schema.org/draft/2019-09/schema"),
        Some(Draft::Draft2019_09)
    );

    let dir = tempfile_dir("draft7");
    let suite = dir.join("draft7");
    std::fs::create_dir_all(&suite).unwrap();
    // A draft-07 file as the suite writes them: no `$schema`, `items` as an array (a tuple of one
    // place, with `minItems` and a closed rest).
    let file = r#"[{"description": "tuple", "schema": {"items": [{"type": "integer"}], "additionalItems": false, "minItems": 1, "type": "array"},
        "tests": [{"description": "fits", "data": [1], "valid": true},
                  {"description": "too long", "data": [1, 2], "valid": false},
                  {"description": "wrong type", "data": ["a"], "valid": false}]}]"#;
    std::fs::write(suite.join("items.json"), file).unwrap();
    let options = Options {
        suite: suite.clone(),
        draft: None,
        remotes: None,
        work: dir.join("work"),
        only: Vec::new(),
        target: Some(shared_target()),
    };
    let run = {
        let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        run(&options).unwrap()
    };
    assert_eq!(run.draft, Draft::Draft7, "from the folder's name");
    assert_eq!(
        report::render(&run.outcomes).lines().last(),
        Some("3 passed, 0 failed")
    );
}

/// Draft differences come from the document's `$schema` (which the runner gives a schema
/// without one from the folder's draft): 2019-09's `$recursiveRef` is a `$ref` where no
/// dynamic scope can choose another target, draft 07 does not have it, and ignores a `$ref`'s
/// siblings.
#[test]
fn each_draft_is_read_as_its_schema_says() {
    let dir = tempfile_dir("drafts");
    let recursive = r##"[{"description": "recursiveRef", "schema": {"type": "object", "properties": {"foo": {"$recursiveRef": "#"}}, "additionalProperties": false},
        "tests": [{"description": "nested", "data": {"foo": {"foo": {}}}, "valid": true},
                  {"description": "nested mismatch", "data": {"foo": {"bar": 1}}, "valid": DRAFT7}]},
        {"description": "ref and siblings", "schema": {"definitions": {"n": {"type": "integer"}}, "properties": {"foo": {"$ref": "#/definitions/n", "type": "string"}}},
        "tests": [{"description": "the reference's type", "data": {"foo": 1}, "valid": DRAFT7}]}]"##;
    for (draft, folder, expected) in [
        (Draft::Draft2019_09, "draft2019-09", "false"),
        (Draft::Draft7, "draft7", "true"),
    ] {
        let suite = dir.join(folder);
        std::fs::create_dir_all(&suite).unwrap();
        let file = recursive.replace("DRAFT7", expected);
        std::fs::write(suite.join("drafts.json"), file).unwrap();
        let options = Options {
            suite,
            draft: None,
            remotes: None,
            work: dir.join(format!("work-{folder}")),
            only: Vec::new(),
            target: Some(shared_target()),
        };
        let run = {
            let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
            run(&options).unwrap()
        };
        assert_eq!(run.draft, draft);
        let rendered = report::render(&run.outcomes);
        let last = rendered.lines().last();
        match draft {
            // Every instance decided right, but the sibling `type: string` (2019-09 applies
            // it, so no value is valid there), which the model does not follow.
            Draft::Draft2019_09 => assert_eq!(last, Some("2 passed, 1 failed"), "{rendered}"),
            _ => assert_eq!(last, Some("3 passed, 0 failed"), "{rendered}"),
        }
    }
}

fn tempfile_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("conformance-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
