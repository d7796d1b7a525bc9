//! The `api` module: the crate-level items every operation shares (the base URL,
//! `Client::builder`, the client's profile, error codes, pagination of the list envelope).

use crate::tokens::{Tokens, tokens};

use super::Module;
use super::docs::{doc, ident};
use super::enums::open_enum;
use crate::model::{Credential, Kind, Model, SecurityScheme};

/// The module of crate-level items: `api`.
pub fn api_module(model: &Model) -> Module {
    let mut items = vec![tokens!(
        use serde::{Deserialize, Serialize};
        use super::runtime::client::{Client, ClientBuilder};
        use super::runtime::error::{ApiError, Error};
    )];
    let base_url = model.base_url.as_deref().unwrap_or("http://localhost");
    items.push(tokens! {
        /// The API's base URL: the spec's first server.
        pub const DEFAULT_BASE_URL: &str = #base_url;
    });
    items.push(profile(model));
    let builder_doc = format!(" Starts configuring a client of `{base_url}`.");
    items.push(tokens! {
        impl Client {
            #[doc = #builder_doc]
            pub fn builder() -> ClientBuilder {
                ClientBuilder::new(DEFAULT_BASE_URL, PROFILE)
            }
        }
    });
    if let Some(setters) = credential_setters(model) {
        items.push(setters);
    }
    if let Some(list) = &model.list {
        let (items_field, metadata, after) = (
            ident(&list.items.0),
            ident(&list.metadata.0),
            ident(&list.after.0),
        );
        items.push(tokens! {
            impl<T> super::runtime::pagination::Page for super::types::List<T> {
                type Item = T;

                fn into_items_and_cursor(self) -> (Vec<T>, Option<String>) {
                    (self.#items_field, self.#metadata.#after)
                }
            }
        });
    }
    if let Some(def) = &model.error_code {
        if let Kind::Enum(codes) = &def.kind {
            items.push(open_enum(def, codes));
        }
        items.push(tokens! {
            impl ApiError {
                /// The error `code` of the body as an [`ErrorCode`].
                pub fn error_code(&self) -> Option<ErrorCode> {
                    self.code().map(ErrorCode::from)
                }
            }

            impl Error {
                /// The error `code` of an API error's body as an [`ErrorCode`].
                pub fn error_code(&self) -> Option<ErrorCode> {
                    self.api_error().and_then(ApiError::error_code)
                }
            }
        });
    } else {
        items[0] = tokens!(
            use super::runtime::client::{Client, ClientBuilder};
        );
    }
    Module {
        name: "api".into(),
        doc: "Items shared by every operation: the base URL, `Client::builder`, error codes."
            .into(),
        items,
        glob_export: true,
    }
}

/// `PROFILE`: the headers and error fields of the settings, for the runtime's client.
fn profile(model: &Model) -> Tokens {
    let profile = &model.profile;
    let some = |value: &Option<String>| match value {
        Some(value) => tokens!(Some(#value)),
        None => tokens!(None),
    };
    let request_id = some(&profile.headers.request_id);
    let idempotency = some(&profile.headers.idempotency_key);
    let (code, message) = (&profile.errors.code, &profile.errors.message);
    let user_agent = format!("{}/{}", model.package.name, model.package.version);
    let schemes = model.schemes.iter().map(|scheme| {
        let (name, method, per_request) = (&scheme.name, &scheme.method, scheme.per_request);
        let kind = match &scheme.credential {
            Credential::Bearer => tokens!(Bearer),
            Credential::Basic => tokens!(Basic),
            Credential::Header(name) => tokens!(Header(#name)),
            Credential::Query(name) => tokens!(Query(#name)),
            Credential::Cookie(name) => tokens!(Cookie(#name)),
        };
        tokens!(super::runtime::auth::Scheme {
            name: #name,
            kind: super::runtime::auth::SchemeKind::#kind,
            method: #method,
            per_request: #per_request,
        })
    });
    let details = match &profile.errors.details {
        Some(d) => {
            let (list, code, message, field) = (&d.list, &d.code, &d.message, &d.field);
            tokens!(Some(super::runtime::error::DetailFields {
                list: #list,
                code: #code,
                message: #message,
                field: #field,
            }))
        }
        None => tokens!(None),
    };
    tokens! {
        /// What the client reads and sends besides the operations (the generator's settings and
        /// the spec's security schemes): the crate's name, the request-id and idempotency
        /// headers, the fields of error bodies, and how credentials are sent.
        pub const PROFILE: super::runtime::client::Profile = super::runtime::client::Profile {
            user_agent: Some(#user_agent),
            request_id_header: #request_id,
            idempotency_header: #idempotency,
            errors: super::runtime::error::ErrorFields {
                code: &[#(#code),*],
                message: &[#(#message),*],
                details: #details,
            },
            schemes: &[#(#schemes),*],
        };
    }
}

/// The client builder's method per scheme held by the client (`api_key`).
fn credential_setters(model: &Model) -> Option<Tokens> {
    let setters: Vec<Tokens> = model
        .schemes
        .iter()
        .filter(|scheme| !scheme.per_request)
        .map(|scheme| {
            let method = ident(&scheme.method);
            let name = &scheme.name;
            let setter_doc = doc(Some(&credential_doc(scheme, "the client", false)));
            match scheme.credential {
                Credential::Basic => tokens! {
                    #setter_doc
                    pub fn #method(self, username: impl Into<String>, password: impl Into<String>) -> Self {
                        self.credential(#name, format!("{}:{}", username.into(), password.into()))
                    }
                },
                _ => tokens! {
                    #setter_doc
                    pub fn #method(self, #method: impl Into<String>) -> Self {
                        self.credential(#name, #method)
                    }
                },
            }
        })
        .collect();
    (!setters.is_empty()).then(|| tokens!(impl ClientBuilder { #(#setters)* }))
}

/// A credential method's doc: the scheme's description, then how it is sent and to which
/// operations. `holder` is what holds it (the client, the request).
pub(super) fn credential_doc(scheme: &SecurityScheme, holder: &str, request: bool) -> String {
    let method = scheme.method.trim_start_matches("r#");
    let how = match &scheme.credential {
        Credential::Bearer => format!("`Authorization: Bearer <{method}>`"),
        Credential::Basic => "`Authorization: Basic <base64 of username:password>`".to_string(),
        Credential::Header(name) => format!("header `{name}`"),
        Credential::Query(name) => format!("query parameter `{name}`"),
        Credential::Cookie(name) => format!("cookie `{name}`"),
    };
    let whom = if request {
        "this request (over the client's, if it holds one)".to_string()
    } else {
        "the operations that accept it".to_string()
    };
    let mut text = scheme
        .doc
        .clone()
        .map(|d| format!("{}\n\n", d.trim_end()))
        .unwrap_or_default();
    text.push_str(&format!(
        "Held by {holder}, sent as {how} to {whom} (security scheme `{}`). Never shown by `Debug` or in errors.",
        scheme.name
    ));
    text
}
