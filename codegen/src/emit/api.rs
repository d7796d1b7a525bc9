//! The `api` module: the crate-level items every operation shares (the base URL,
//! `Client::builder`, the client's profile, error codes, pagination of the list envelope).

use crate::tokens::{Tokens, tokens};

use super::Module;
use super::docs::ident;
use super::enums::open_enum;
use crate::model::{Kind, Model};

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
    let builder_doc =
        format!(" Starts configuring a client of `{base_url}`; set at least the API key.");
    items.push(tokens! {
        impl Client {
            #[doc = #builder_doc]
            pub fn builder() -> ClientBuilder {
                ClientBuilder::new(DEFAULT_BASE_URL, PROFILE)
            }
        }
    });
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
        /// What the client reads and sends besides the operations (the generator's settings):
        /// the request-id and idempotency headers, and the fields of error bodies.
        pub const PROFILE: super::runtime::client::Profile = super::runtime::client::Profile {
            request_id_header: #request_id,
            idempotency_header: #idempotency,
            errors: super::runtime::error::ErrorFields {
                code: &[#(#code),*],
                message: &[#(#message),*],
                details: #details,
            },
        };
    }
}
