//! The one-file layout used as the README shows for a build step, included into a private
//! module of a binary that calls one operation: built outside this workspace with every warning
//! denied, it has none, and the request it sends names the generated crate in its `User-Agent`,
//! not the binary that included it.

mod support;

use support::{cargo_outside, generate_from, repo};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workos_codegen::Layout;

const MAIN: &str = r#"#![deny(warnings)]

mod workos {
    include!("workos.rs");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let base_url = std::env::args().nth(1).expect("the API's base URL");
    let client = workos::Client::builder()
        .api_key("sk_test_include")
        .base_url(base_url)
        .build();
    client
        .webhooks()
        .delete_webhook_endpoint("we_1")
        .await
        .expect("deleted");
}
"#;

/// The generated crate's dependencies, as a project copies them (without the optional
/// `tracing`, which it need not), and tokio's runtime for `main`.
fn manifest() -> String {
    let text = std::fs::read_to_string(repo("generated/Cargo.toml")).unwrap();
    let generated: toml::Table = text.parse().unwrap();
    let mut dependencies = generated["dependencies"].as_table().unwrap().clone();
    dependencies.remove("tracing");
    let tokio: toml::Table = "version = \"1.45\"\nfeatures = [\"macros\", \"rt\", \"time\"]"
        .parse()
        .unwrap();
    dependencies.insert("tokio".into(), toml::Value::Table(tokio));
    let mut manifest: toml::Table =
        "[package]\nname = \"billing-app\"\nversion = \"9.9.9\"\nedition = \"2024\"\n"
            .parse()
            .unwrap();
    manifest.insert("dependencies".into(), toml::Value::Table(dependencies));
    toml::to_string(&manifest).unwrap()
}

#[tokio::test]
async fn a_binary_including_the_one_file_layout_builds_warning_free_and_names_the_crate() {
    let layout = Layout::Module {
        file_name: "workos.rs".into(),
    };
    let files = generate_from(&repo("spec"), layout);
    let outside = tempfile::tempdir().unwrap();
    let app = outside.path().join("billing-app");
    std::fs::create_dir_all(app.join("src")).unwrap();
    std::fs::write(app.join("src/workos.rs"), &files[0].contents).unwrap();
    std::fs::write(app.join("src/main.rs"), MAIN).unwrap();
    std::fs::write(app.join("Cargo.toml"), manifest()).unwrap();
    std::fs::copy(repo("Cargo.lock"), app.join("Cargo.lock")).unwrap();

    let output = cargo_outside(&["build", "--offline"], &app);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the binary does not build:\n{stderr}"
    );
    assert!(!stderr.contains("warning"), "warnings:\n{stderr}");

    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let binary = repo("target/vendored-check/debug/billing-app");
    let uri = server.uri();
    // Blocking on the process in its own thread: the server answers it on this runtime.
    let run = tokio::task::spawn_blocking(move || {
        std::process::Command::new(binary)
            .arg(uri)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let agent = requests[0].headers.get("user-agent").unwrap();
    assert_eq!(agent, "workos-webhooks/0.1.0");
}
