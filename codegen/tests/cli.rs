//! `cargo codegen` and the build script as a user meets them: a broken spec fails with every
//! problem and a non-zero exit, and leaves the generated folder byte-for-byte as it was.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CLI: &str = env!("CARGO_BIN_EXE_workos-codegen");

/// A copy of the project's spec folder in a temporary folder, with an output folder beside it.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new() -> Project {
        let dir = tempfile::tempdir().unwrap();
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        copy_dir(&spec, &dir.path().join("spec"));
        Project { dir }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn codegen(&self, extra: &[&str]) -> Output {
        Command::new(CLI)
            .current_dir(self.dir.path())
            .args(["--spec", "spec", "--out", "generated"])
            .args(extra)
            .output()
            .unwrap()
    }

    fn edit(&self, relative: &str, edit: impl FnOnce(String) -> String) {
        let path = self.path(relative);
        let text = fs::read_to_string(&path).unwrap();
        let edited = edit(text.clone());
        assert_ne!(text, edited, "the edit changed nothing");
        fs::write(path, edited).unwrap();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under a folder with its bytes (and, on Unix, its inode: a rewrite changes it).
fn snapshot(root: &Path) -> BTreeMap<String, (Vec<u8>, u64)> {
    let mut found = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            #[cfg(unix)]
            let inode = std::os::unix::fs::MetadataExt::ino(&fs::metadata(&path).unwrap());
            #[cfg(not(unix))]
            let inode = 0;
            let relative = path.strip_prefix(root).unwrap().display().to_string();
            found.insert(relative, (fs::read(&path).unwrap(), inode));
        }
    }
    found
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_broken_spec_fails_and_leaves_generated_untouched() {
    let project = Project::new();
    let first = project.codegen(&[]);
    assert!(first.status.success(), "{}", stderr(&first));
    // A file of the user's own in the output folder is kept too.
    fs::write(project.path("generated/NOTES.md"), "mine").unwrap();
    let before = snapshot(&project.path("generated"));
    assert!(before.contains_key("src/types.rs"), "{:?}", before.keys());

    // Two problems: a number in the status enum, and a syntax error in another file. A file that
    // does not parse stops the run before the model is built, so the syntax error comes first.
    project.edit("spec/openapi.json", |text| {
        text.replacen("\"enabled\",", "\"enabled\", 7,", 1)
    });
    project.edit("spec/schemas/CreateWebhookEndpointDto.json", |text| {
        text.replacen("\"type\": \"object\",", "\"type\": \"object\"", 1)
    });
    let failed = project.codegen(&[]);
    let message = stderr(&failed);
    assert_eq!(failed.status.code(), Some(1), "{message}");
    assert!(
        message.contains("spec/schemas/CreateWebhookEndpointDto.json:6:3: invalid JSON"),
        "{message}"
    );
    assert!(!message.contains("panicked"), "{message}");
    assert_eq!(snapshot(&project.path("generated")), before);

    // Fix the syntax error: now the model problem is reported, still without writing.
    project.edit("spec/schemas/CreateWebhookEndpointDto.json", |text| {
        text.replacen("\"type\": \"object\"", "\"type\": \"object\",", 1)
    });
    let failed = project.codegen(&[]);
    let message = stderr(&failed);
    assert_eq!(failed.status.code(), Some(1), "{message}");
    assert!(
        message.contains("spec/openapi.json#/components/schemas/UpdateWebhookEndpointDto/properties/status/enum/1: enum value 7 is not a string"),
        "{message}"
    );
    assert_eq!(snapshot(&project.path("generated")), before);

    // `--check` on a broken spec fails too, and writes nothing.
    let check = project.codegen(&["--check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert_eq!(snapshot(&project.path("generated")), before);
}

#[test]
fn regenerating_an_unchanged_spec_rewrites_nothing() {
    let project = Project::new();
    assert!(project.codegen(&[]).status.success());
    let before = snapshot(&project.path("generated"));
    let again = project.codegen(&[]);
    assert!(again.status.success());
    assert!(
        stderr(&again).contains("0 file(s) written"),
        "{}",
        stderr(&again)
    );
    assert_eq!(snapshot(&project.path("generated")), before);
    let check = project.codegen(&["--check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn a_missing_spec_folder_is_an_error_not_a_panic() {
    let project = Project::new();
    let output = Command::new(CLI)
        .current_dir(project.path(""))
        .args(["--spec", "no-such-folder", "--out", "generated"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    assert!(!project.path("generated").exists());
}

/// Set for the child process of `the_build_script_fails_with_the_problems_not_a_panic`.
const CHILD: &str = "WORKOS_CODEGEN_TEST_BUILD_SCRIPT";

/// As a child (with `CHILD` set to a spec folder): what `build.rs` does, into a temporary
/// OUT_DIR. Otherwise nothing.
#[test]
fn build_script_child() {
    if let Some(spec) = std::env::var_os(CHILD) {
        let out = tempfile::tempdir().unwrap();
        workos_codegen::Builder::new(PathBuf::from(spec))
            .out_dir(out.path())
            .run();
    }
}

#[test]
fn the_build_script_fails_with_the_problems_not_a_panic() {
    let project = Project::new();
    project.edit("spec/openapi.json", |text| {
        text.replacen("\"openapi\": \"3.1.1\"", "\"openapi\": \"2.0\"", 1)
    });
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "build_script_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, project.path("spec"))
        .output()
        .unwrap();
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message.contains("error: workos-codegen could not generate the client from"),
        "{message}"
    );
    assert!(
        message.contains("openapi.json#/openapi: OpenAPI version `2.0` is not supported"),
        "{message}"
    );
    assert!(!message.contains("panicked"), "{message}");
    // No cargo directives before the problems: cargo shows stdout above stderr.
    assert!(
        !String::from_utf8_lossy(&output.stdout).contains("cargo:"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn report_prints_a_row_per_spec_and_the_first_error_of_a_broken_one_writing_nothing() {
    let project = Project::new();
    fs::write(project.path("broken.json"), "{").unwrap();
    let output = Command::new(CLI)
        .current_dir(project.dir.path())
        .args(["--report", "spec", "broken.json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let table = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with("| spec | operations | types | warnings |"),
        "{table}"
    );
    // spec/: WorkOS's webhook-endpoints API, 4 operations, no warning.
    assert!(lines[2].starts_with("| `spec` | 4 | "), "{table}");
    assert!(
        table.contains(
            "1 of 2 do not generate (the first error of each):\n\n- `broken.json`: line "
        ),
        "{table}"
    );
    assert!(!project.path("generated").exists());
}
