//! Security: the schemes the client can send (`components/securitySchemes`), what each
//! operation accepts (its `security`, else the document's), and which credentials the client
//! builder holds and which each request is given.
//!
//! A scheme's credential is a method named after it (the settings' `[security.<scheme>]
//! method`, else the scheme's name), on the client builder, or, for a scheme the document does
//! not require of every operation while it requires another (a user's token for one
//! operation), on the request builders of the operations that accept it. The settings'
//! `per_request` decides instead when it is set.

use super::build::Builder;
use super::naming;
use super::{Credential, Operation, SecurityScheme};
use crate::spec::{self, Document, SchemeKind};

/// Names of the runtime's `ClientBuilder` methods, which a scheme's method cannot have.
pub const CLIENT_BUILDER_METHODS: &[&str] = &[
    "base_url",
    "build",
    "client_id",
    "clone",
    "clone_from",
    "connect_timeout",
    "credential",
    "fmt",
    "hook",
    "http_client",
    "max_retries",
    "max_retry_after",
    "new",
    "ready",
    "retry_backoff",
    "timeout",
    "try_build",
    "user_agent",
];

impl<'a> Builder<'a> {
    /// The schemes the client can send, in the document's order, each with its method.
    pub(super) fn security_schemes(&mut self, document: &Document<'a>) -> Vec<SecurityScheme> {
        let required: Vec<&str> = document
            .security
            .iter()
            .flatten()
            .flatten()
            .map(|(name, _)| *name)
            .collect();
        let mut schemes: Vec<SecurityScheme> = Vec::new();
        for scheme in &document.security_schemes {
            let credential = match scheme.kind {
                SchemeKind::Http { scheme: kind, .. } if kind.eq_ignore_ascii_case("basic") => {
                    Credential::Basic
                }
                SchemeKind::Http { scheme: kind, .. } if !kind.eq_ignore_ascii_case("bearer") => {
                    let message = format!(
                        "http scheme `{kind}` is not one the client sends (bearer, basic): \
                         operations taking only it are sent without a credential"
                    );
                    self.warn(&scheme.node, message);
                    continue;
                }
                SchemeKind::Http { .. } | SchemeKind::OAuth2 | SchemeKind::OpenIdConnect { .. } => {
                    Credential::Bearer
                }
                SchemeKind::ApiKey { place, name } => match place {
                    "header" => Credential::Header(name.to_string()),
                    "query" => Credential::Query(name.to_string()),
                    "cookie" => Credential::Cookie(name.to_string()),
                    _ => {
                        let at = scheme.node.child("in").unwrap_or(scheme.node.clone());
                        self.error(&at, "expected `header`, `query` or `cookie`");
                        continue;
                    }
                },
                // Mutual TLS is the HTTP client's (`ClientBuilder::http_client`).
                SchemeKind::MutualTls | SchemeKind::Other(_) => continue,
            };
            let settings = self.settings.security.get(scheme.name);
            let per_request = settings
                .and_then(|s| s.per_request)
                .unwrap_or_else(|| !required.is_empty() && !required.contains(&scheme.name));
            let method = match settings.and_then(|s| s.method.clone()) {
                Some(method) => {
                    let taken = taken(&method, per_request, &schemes);
                    if naming::field_name(&method) != method || method.starts_with("r#") || taken {
                        let location = self.settings.location("security", scheme.name);
                        let message = format!(
                            "`method = \"{method}\"`: expected a method name (snake_case, no \
                             keyword) that the client builder, the request builders and the \
                             other schemes do not have"
                        );
                        self.errors.error(location, message);
                    }
                    method
                }
                None => {
                    let base = naming::field_name(scheme.name);
                    let base = base.trim_start_matches("r#").trim_end_matches('_');
                    [base.to_string(), format!("{base}_credential")]
                        .into_iter()
                        .find(|name| !taken(name, per_request, &schemes))
                        .unwrap_or_else(|| {
                            naming::numbered(&format!("{base}_credential_"), |name| {
                                !taken(name, per_request, &schemes)
                            })
                        })
                }
            };
            schemes.push(SecurityScheme {
                name: scheme.name.to_string(),
                credential,
                method,
                per_request,
                doc: scheme.description.clone(),
            });
        }
        for name in self.settings.security.keys() {
            if !document.security_schemes.iter().any(|s| s.name == name) {
                let message =
                    format!("[security] names `{name}`, but the spec declares no such scheme");
                self.errors
                    .error(self.settings.location("security", name), message);
            }
        }
        schemes
    }
}

/// Whether a scheme's method cannot be `name`: the builder it is on has it already.
fn taken(name: &str, per_request: bool, schemes: &[SecurityScheme]) -> bool {
    let builder = if per_request {
        super::operation_names::BUILDER_NAMES.contains(&name)
    } else {
        CLIENT_BUILDER_METHODS.contains(&name)
    };
    builder || schemes.iter().any(|s| s.method == name)
}

/// Each operation's security (its own, else the document's) in the schemes the client sends,
/// and the per-request schemes it accepts. `operations` are in the document's order.
pub(super) fn operation_security(
    operations: &mut [Operation],
    document: &Document<'_>,
    schemes: &[SecurityScheme],
) {
    for (op, spec) in operations.iter_mut().zip(&document.operations) {
        let requirement = spec.security.as_ref().or(document.security.as_ref());
        let alternatives =
            requirement.map_or(Vec::new(), |alternatives| sendable(alternatives, schemes));
        op.credentials = schemes
            .iter()
            .filter(|s| s.per_request && alternatives.iter().flatten().any(|n| *n == s.name))
            .map(|s| s.name.clone())
            .collect();
        op.security = alternatives;
    }
}

/// The alternatives in the schemes the client sends: one naming only schemes it cannot send is
/// left out, and one needing nothing (`{}`, optional credentials) goes last so that a held
/// credential is sent first.
fn sendable(
    alternatives: &[spec::Requirement<'_>],
    schemes: &[SecurityScheme],
) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut anonymous = false;
    for alternative in alternatives {
        let names: Vec<String> = alternative
            .iter()
            .filter(|(name, _)| schemes.iter().any(|s| s.name == *name))
            .map(|(name, _)| name.to_string())
            .collect();
        if alternative.is_empty() {
            anonymous = true;
        } else if !names.is_empty() && !out.contains(&names) {
            out.push(names);
        }
    }
    if anonymous && !out.is_empty() {
        out.push(Vec::new());
    }
    out
}
