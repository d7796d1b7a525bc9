//! The typed spec layer on the whole WorkOS API: security schemes and requirements, response
//! headers, and the OpenAPI structure the model passes read.

mod support;

use support::repo;
use workos_codegen::diagnostics::Diagnostics;
use workos_codegen::load::Spec;
use workos_codegen::spec::{SchemeKind, openapi};

#[test]
fn the_whole_api_reads_into_typed_operations_schemes_and_headers() {
    let spec = Spec::read(repo("tests/fixtures/whole-api")).unwrap();
    let mut errors = Diagnostics::default();
    let document = openapi::read(&spec, &mut errors);
    assert!(errors.finish(()).is_ok());
    assert_eq!(document.operations.len(), 212);
    assert_eq!(document.schemas.len(), 208);

    let schemes: Vec<(&str, &SchemeKind)> = document
        .security_schemes
        .iter()
        .map(|s| (s.name, &s.kind))
        .collect();
    let bearer = SchemeKind::Http {
        scheme: "bearer",
        bearer_format: Some("JWT"),
    };
    assert_eq!(schemes, [("bearer", &bearer), ("access_token", &bearer)]);
    assert_eq!(document.security, Some(vec![vec![("bearer", vec![])]]));

    // `security: []`: no credentials at all.
    let public = document
        .operations
        .iter()
        .filter(|op| op.security.as_ref().is_some_and(Vec::is_empty))
        .count();
    assert_eq!(public, 7);
    // `GET /sso/profile` takes a user's SSO token, not the API key.
    let profile = document
        .operations
        .iter()
        .find(|op| op.path == "/sso/profile" && op.method == "get")
        .unwrap();
    let names: Vec<&str> = profile
        .security
        .iter()
        .flatten()
        .flatten()
        .map(|(name, _)| *name)
        .collect();
    assert_eq!(names, ["access_token"]);

    let headers: usize = document
        .operations
        .iter()
        .flat_map(|op| &op.responses)
        .map(|r| r.headers.len())
        .sum();
    assert!(headers > 0);
    assert!(
        document
            .operations
            .iter()
            .flat_map(|op| &op.responses)
            .flat_map(|r| &r.headers)
            .all(|h| h.schema.is_some() && !h.name.is_empty())
    );
}
