//! `generated/` is a standalone crate: copied out of this workspace, it builds and its tests
//! (every spec example round-trips) pass, with no crate of this repository.

mod support;

use support::{cargo_outside, copy_dir, repo};

fn dependency_table(manifest: &str) -> toml::Table {
    let text = std::fs::read_to_string(repo(manifest)).unwrap();
    let value: toml::Table = text.parse().unwrap();
    value["dependencies"].as_table().unwrap().clone()
}

#[test]
fn root_package_and_vendored_crate_have_the_same_dependencies() {
    // The root package compiles the same generated code, so it needs exactly these.
    assert_eq!(
        dependency_table("Cargo.toml"),
        dependency_table("generated/Cargo.toml")
    );
    // Each one as the template, which lists every crate generated code may use, writes it.
    let template = include_str!("../codegen/templates/Cargo.toml");
    let template = template.parse::<toml::Table>().unwrap()["dependencies"]
        .as_table()
        .unwrap()
        .clone();
    for (name, entry) in dependency_table("generated/Cargo.toml") {
        assert_eq!(Some(&entry), template.get(&name), "{name}");
    }
}

#[test]
fn vendored_crate_builds_and_passes_its_tests_outside_the_workspace() {
    let outside = tempfile::tempdir().unwrap();
    let crate_dir = outside.path().join("vendor/workos-webhooks");
    copy_dir(&repo("generated"), &crate_dir);
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).unwrap();
    assert!(
        !manifest.contains("path ="),
        "the vendored crate depends on a local crate"
    );
    // Same versions as this workspace, so the build needs no new downloads.
    std::fs::copy(repo("Cargo.lock"), crate_dir.join("Cargo.lock")).unwrap();
    let output = cargo_outside(&["test", "--quiet", "--offline"], &crate_dir);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "vendored crate failed:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("every_spec_example_round_trips") || stdout.contains("passed"),
        "{stdout}"
    );
    assert!(
        !stderr.contains("warning:"),
        "vendored crate has warnings:\n{stderr}"
    );
}

/// The Rust examples of WorkOS's API reference page (`tests/seed/`, verbatim) compile against
/// the vendored crate when a project depends on it as `workos`. They call the real API, so they
/// are built, not run.
#[test]
fn seed_examples_compile_against_the_vendored_crate_as_workos() {
    let outside = tempfile::tempdir().unwrap();
    copy_dir(&repo("generated"), &outside.path().join("workos-webhooks"));
    let app = outside.path().join("app");
    copy_dir(&repo("tests/seed"), &app.join("examples"));
    std::fs::create_dir_all(app.join("src")).unwrap();
    std::fs::write(app.join("src/lib.rs"), "").unwrap();
    std::fs::write(
        app.join("Cargo.toml"),
        r#"[package]
name = "app"
version = "0.1.0"
edition = "2024"

[dependencies]
workos = { package = "workos-webhooks", path = "../workos-webhooks" }
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
"#,
    )
    .unwrap();
    std::fs::copy(repo("Cargo.lock"), app.join("Cargo.lock")).unwrap();
    let output = cargo_outside(&["build", "--examples", "--offline"], &app);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "seed examples do not compile:\n{stderr}"
    );
    for example in ["list", "create", "update", "delete"] {
        let binary = repo(&format!("target/vendored-check/debug/examples/{example}"));
        assert!(binary.is_file(), "{} was not built", binary.display());
    }
}
