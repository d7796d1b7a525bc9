//! The whole WorkOS API (`tests/fixtures/whole-api/openapi.yaml`: 212 operations, 208 component
//! schemas, YAML anchors, `oneOf`/`anyOf`/`allOf`, discriminators): it generates, the crate builds
//! outside this workspace with no clippy warning, and every example in the spec round-trips
//! through its type (the generated crate's own test); its webhook-endpoints part is the API
//! generated from `spec/`.

mod support;

use support::{clippy_and_test_outside, repo, write_crate};
use workos_codegen::{GeneratedFile, generate, load};

const SPEC: &str = "tests/fixtures/whole-api";

fn generated() -> (Vec<GeneratedFile>, Vec<String>) {
    let (spec, settings) = load(&repo(SPEC), None).unwrap_or_else(|err| panic!("{err}"));
    let output = generate(&spec, &settings).unwrap_or_else(|err| panic!("{err}"));
    let warnings = output.warnings.iter().map(|w| w.to_string()).collect();
    (output.files, warnings)
}

#[test]
fn every_operation_is_generated_with_value_fallbacks_listed() {
    let (files, warnings) = generated();
    // Each operation's doc names its method and path once: `POST /client/token`.
    let operations: usize = files
        .iter()
        .filter(|f| f.path.starts_with("src/") && !f.path.starts_with("src/runtime/"))
        .map(|f| {
            f.contents
                .lines()
                .filter(|line| {
                    let line = line.trim_start();
                    ["GET", "POST", "PUT", "PATCH", "DELETE"]
                        .iter()
                        .any(|m| line.starts_with(&format!("/// `{m} /")))
                })
                .count()
        })
        .sum();
    assert_eq!(operations, 212);
    // Every `oneOf`, `anyOf` and `allOf` of the spec is modelled: nothing falls back to
    // `serde_json::Value` (each fallback would be a warning with its pointer).
    assert!(warnings.is_empty(), "{warnings:#?}");
}

/// A test of the whole API's client, run in the crate built outside: `GET /sso/profile` (the
/// `access_token` scheme) sends the user's token given to its request, not the API key, and an
/// operation with `security: []` sends no credential.
const SSO_TEST: &str = r#"use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn sso_profile_sends_the_users_access_token_and_security_none_sends_none() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    let client = workos::Client::builder()
        .api_key("sk_test_api_key")
        .base_url(server.uri())
        .build();
    let missing = client.sso().get_user_profile().await.unwrap_err();
    assert!(matches!(missing, workos::Error::MissingCredential(_)), "{missing:?}");
    assert!(missing.to_string().contains("`access_token(..)` on the request"), "{missing}");
    let error = client
        .sso()
        .get_user_profile()
        .access_token("user_access_token")
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(401));
    let _ = client.sso().logout_redirect("logout_token").await;
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].url.path(), "/sso/profile");
    assert_eq!(
        requests[0].headers.get("authorization").unwrap(),
        "Bearer user_access_token"
    );
    assert_eq!(requests[1].url.path(), "/sso/logout");
    assert!(requests[1].headers.get("authorization").is_none());
}
"#;

#[test]
fn whole_api_crate_builds_lints_clean_and_round_trips_every_example() {
    let outside = tempfile::tempdir().unwrap();
    let crate_dir = outside.path().join("workos");
    write_crate(&crate_dir, &generated().0);
    // The wiremock test of `/sso/profile`, with what it needs (in this workspace's lock file).
    let manifest = crate_dir.join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str(
        "\n[dev-dependencies]\nwiremock = \"0.6.5\"\ntokio = { version = \"1.45\", features = [\"macros\", \"rt\"] }\n",
    );
    std::fs::write(&manifest, text).unwrap();
    std::fs::create_dir_all(crate_dir.join("tests")).unwrap();
    std::fs::write(crate_dir.join("tests/sso_profile.rs"), SSO_TEST).unwrap();
    clippy_and_test_outside(&crate_dir);
}

/// The whole API's security: two schemes, the API key on the client builder, the user's
/// access token on `GET /sso/profile`'s request, and the operations of `security: []`.
#[test]
fn the_whole_apis_schemes_are_the_api_key_and_a_per_request_access_token() {
    let (files, _) = generated();
    let text = |path: &str| &files.iter().find(|f| f.path == path).unwrap().contents;
    assert!(text("src/api.rs").contains("pub fn api_key(self, api_key: impl Into<String>)"));
    assert!(!text("src/api.rs").contains("pub fn access_token"));
    let sso = text("src/sso.rs");
    assert!(sso.contains("security: &[&[\"access_token\"]]"));
    assert_eq!(sso.matches("pub fn access_token(").count(), 1);
    let none: usize = files
        .iter()
        .map(|f| f.contents.matches("security: &[],").count())
        .sum();
    // The seven operations the spec declares with `security: []`.
    assert_eq!(none, 7);
}

/// The webhook-endpoints part of the whole API is the API generated from `spec/`: the same
/// handle, methods, request builders and parameter types, with the same signatures.
#[test]
fn webhook_endpoints_part_is_the_same_api_as_the_one_from_spec() {
    let signatures = |files: &[GeneratedFile]| -> Vec<String> {
        let module = files
            .iter()
            .find(|f| f.path == "src/webhooks.rs")
            .expect("a webhooks module");
        module
            .contents
            .lines()
            .map(str::trim)
            .filter(|line| !line.starts_with("//"))
            .filter(|line| {
                [
                    "pub fn",
                    "pub struct",
                    "pub type",
                    "impl",
                    "params:",
                    ") ->",
                ]
                .iter()
                .any(|start| line.starts_with(start))
            })
            .map(str::to_string)
            .collect()
    };
    let (whole, _) = generated();
    let (spec, settings) = load(&repo("spec"), None).unwrap();
    let alone = generate(&spec, &settings).unwrap().files;
    assert_eq!(signatures(&whole), signatures(&alone));
    assert!(signatures(&alone).len() > 20);
}

/// Golden files for representative modules of the whole API: `sso` (an object query parameter,
/// sent one entry per parameter), `radar` (path parameters named like keywords), `vault`
/// (builders numbered clear of the spec's `*Request` types). Refresh with
/// `EXPECTORATE=overwrite cargo test --test whole_api`, and review the diff.
#[test]
fn representative_modules_match_their_golden_files() {
    let (files, _) = generated();
    for module in ["sso", "radar", "vault"] {
        let file = files
            .iter()
            .find(|f| f.path == format!("src/{module}.rs"))
            .unwrap_or_else(|| panic!("no module {module}"));
        expectorate::assert_contents(
            repo(&format!("tests/golden/whole-api/{module}.rs")),
            &file.contents,
        );
    }
}
