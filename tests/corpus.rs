//! The specs of progenitor's corpus that generate crates which compile (`tests/fixtures/corpus/
//! openapi/progenitor/`, copied verbatim): each generated, built outside this workspace with no
//! clippy warning (`--all-targets -D warnings`) and its tests run (every example in the spec
//! round-trips). Each crate gets its own package name, since they share one target folder.
//! GitHub's crate is linted but its examples test is not run: some of GitHub's examples
//! contradict their own schemas (`"1367712000"` for an integer, schema keywords inside an
//! example), which the test reports as it should.
//! nexus.json repeats summaries (its legacy and `/v1` routes), which name the later operation
//! from its operationId (`disk_list_v1`), and has a union of two string formats (`IpNet`), which
//! gets no `From<String>`; its examples are strings of those formats, and round-trip.
//! keeper.json is built by `tests/crate_shapes.rs`. propolis-server.json generates with warnings
//! (dropshot's `{type: string, enum: [null]}` body, which no value validates, is `type: null`'s
//! `Option<Value>`).

mod support;

use support::{clippy_and_test_outside, clippy_outside, repo, write_crate};
use workos_codegen::{generate, load};

const SPECS: [&str; 8] = [
    "api.github.com.json",
    "buildomat.json",
    "cli-gen.json",
    "nexus.json",
    "param-collision.json",
    "param-overrides.json",
    "param-overrides.yaml",
    "propolis-server.json",
];

#[test]
fn progenitors_specs_build_lint_clean_and_round_trip_their_examples() {
    let outside = tempfile::tempdir().unwrap();
    for name in SPECS {
        let path = repo(&format!("tests/fixtures/corpus/openapi/progenitor/{name}"));
        let (spec, mut settings) = load(&path, None).unwrap_or_else(|err| panic!("{name}: {err}"));
        let package = format!("corpus-{}", name.replace('.', "-"));
        settings.package.name = Some(package.clone());
        let output = generate(&spec, &settings).unwrap_or_else(|err| panic!("{name}: {err}"));
        let dir = outside.path().join(&package);
        write_crate(&dir, &output.files);
        if name == "api.github.com.json" {
            clippy_outside(&dir);
        } else {
            clippy_and_test_outside(&dir);
        }
    }
}

/// One tag module of GitHub's client and one of nexus's, each with path and query parameters,
/// a body and list responses: what the generated operations look like on specs written by
/// others. Refresh with `EXPECTORATE=overwrite cargo test --test corpus representative`, and
/// review the diff.
#[test]
fn representative_modules_match_their_golden_files() {
    for (name, module, golden) in [
        (
            "api.github.com.json",
            "secret_scanning",
            "github_secret_scanning.rs",
        ),
        ("nexus.json", "snapshots", "nexus_snapshots.rs"),
    ] {
        let path = repo(&format!("tests/fixtures/corpus/openapi/progenitor/{name}"));
        let (spec, settings) = load(&path, None).unwrap_or_else(|err| panic!("{name}: {err}"));
        let output = generate(&spec, &settings).unwrap_or_else(|err| panic!("{name}: {err}"));
        let file = output
            .files
            .iter()
            .find(|f| f.path == format!("src/{module}.rs"))
            .unwrap_or_else(|| panic!("{name}: no module {module}"));
        expectorate::assert_contents(
            repo(&format!("tests/golden/corpus/{golden}")),
            &file.contents,
        );
    }
}
