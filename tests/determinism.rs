//! Generated code depends only on the spec: the same bytes on every run, and from a copy of
//! the spec in another folder.

mod support;

use support::{copy_dir, generate_from, repo};
use workos_codegen::Layout;

fn both_layouts(spec_dir: &std::path::Path) -> Vec<workos_codegen::GeneratedFile> {
    let mut files = generate_from(spec_dir, Layout::Crate);
    files.extend(generate_from(
        spec_dir,
        Layout::Module {
            file_name: "api.rs".into(),
        },
    ));
    files
}

#[test]
fn generating_twice_gives_the_same_bytes() {
    assert_eq!(both_layouts(&repo("spec")), both_layouts(&repo("spec")));
}

#[test]
fn a_copy_of_the_spec_elsewhere_gives_the_same_bytes() {
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("deeply/nested/spec-copy");
    copy_dir(&repo("spec"), &copy);
    let original = both_layouts(&repo("spec"));
    assert_eq!(original, both_layouts(&copy));
    let home = std::env::var("HOME").unwrap_or_default();
    for file in &original {
        for leak in [
            env!("CARGO_MANIFEST_DIR"),
            elsewhere.path().to_str().unwrap(),
            home.as_str(),
        ] {
            assert!(
                leak.len() < 2 || !file.contents.contains(leak),
                "{} mentions {leak}",
                file.path
            );
        }
        assert!(
            file.contents.contains("@generated"),
            "{} has no @generated header",
            file.path
        );
    }
}
