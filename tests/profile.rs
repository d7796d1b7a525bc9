//! WorkOS's behaviour comes from `spec/codegen.toml`, not from the generator: a spec whose
//! settings say nothing of timestamps, error bodies, headers or webhook signatures generates a
//! crate (runtime included) that names none of WorkOS's, and the same spec with WorkOS's
//! settings gets them back.

mod support;

use support::repo;
use workos_codegen::{GeneratedFile, Layout, Settings, Spec, generate};

/// What only WorkOS's profile brings into a generated crate.
const WORKOS_NAMES: &[&str] = &[
    "WorkOS",
    "X-Request-ID",
    "Idempotency-Key",
    "pub fn idempotency_key(mut self, key: impl Into<String>)",
    "const SIGNATURE_HEADER",
];

/// How the runtime used to spell WorkOS's headers.
const HARD_CODED: &[&str] = &["x-request-id", "idempotency-key"];

fn crate_of(spec: &str, settings: Settings) -> Vec<GeneratedFile> {
    let spec = Spec::read(repo(spec)).unwrap();
    let settings = settings.with_layout(Layout::Crate);
    generate(&spec, &settings).unwrap().files
}

/// The generated code's choice of WorkOS's timestamp format (the runtime has both formats).
fn millis_timestamps(files: &[GeneratedFile]) -> bool {
    files
        .iter()
        .filter(|file| !file.path.starts_with("src/runtime/"))
        .any(|file| file.contents.contains("runtime::timestamp::millis"))
}

fn named<'a>(files: &'a [GeneratedFile], name: &str) -> Vec<&'a str> {
    files
        .iter()
        .filter(|file| file.contents.contains(name))
        .map(|file| file.path.as_str())
        .collect()
}

#[test]
fn a_spec_without_a_profile_gets_no_workos_behaviour() {
    // The fixture specs that are not WorkOS's (POST and PATCH with bodies, timestamps), with
    // their naming settings, which have no profile tables.
    for name in ["operation_names", "query_styles", "unions", "yaml_refs"] {
        let spec = format!("tests/fixtures/specs/{name}");
        let files = crate_of(&spec, Settings::for_spec(repo(&spec)).unwrap());
        for name in WORKOS_NAMES.iter().chain(HARD_CODED) {
            assert_eq!(named(&files, name), Vec::<&str>::new(), "{spec}: {name}");
        }
        assert!(!millis_timestamps(&files), "{spec}");
        let api = files.iter().find(|f| f.path == "src/api.rs").unwrap();
        assert!(api.contents.contains("idempotency_header: None"), "{spec}");
        assert!(api.contents.contains("code: &[],"), "{spec}");
    }
}

#[test]
fn the_workos_spec_without_its_settings_gets_none_of_its_headers() {
    let files = crate_of("spec", Settings::default());
    // WorkOS's own descriptions still name WorkOS; its headers and formats are not there.
    for name in WORKOS_NAMES[1..].iter().chain(HARD_CODED) {
        assert_eq!(named(&files, name), Vec::<&str>::new(), "{name}");
    }
    assert!(!millis_timestamps(&files));
    let types = files.iter().find(|f| f.path == "src/types.rs").unwrap();
    assert!(
        types
            .contents
            .contains(r#"with = "super::runtime::timestamp::auto""#)
    );
    assert!(!types.contents.contains("ErrorCode"));
}

#[test]
fn workos_settings_bring_its_profile() {
    let files = crate_of("spec", Settings::for_spec(repo("spec")).unwrap());
    for name in WORKOS_NAMES {
        assert_ne!(named(&files, name), Vec::<&str>::new(), "{name}");
    }
    assert!(millis_timestamps(&files));
}
