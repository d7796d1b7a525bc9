//! The `webhook` module: the runtime's webhook support, plus the API's signature scheme from the
//! settings (`[webhooks.signature]`) as `SCHEME`, `SIGNATURE_HEADER`, `Verifier::new` and `sign`.

use crate::tokens::tokens;

use super::Module;
use crate::model::Model;
use crate::settings::TimeUnit;

pub fn webhook_module(model: &Model) -> Module {
    let mut items = vec![tokens!(
        pub use super::runtime::webhook::*;
    )];
    if let Some(signature) = &model.profile.signature {
        let header = &signature.header;
        let (timestamp, key) = (&signature.timestamp, &signature.signature);
        let (unit, unit_doc) = match signature.unit {
            TimeUnit::Seconds => (tokens!(Seconds), "s"),
            TimeUnit::Millis => (tokens!(Millis), "ms"),
        };
        let scheme_doc = format!(
            " How deliveries are signed: `{timestamp}=<unix {unit_doc}>, {key}=<hex HMAC-SHA256 of \"<{timestamp}>.<body>\">`."
        );
        items.push(tokens! {
            /// Name of the HTTP header carrying the signature of a delivery.
            pub const SIGNATURE_HEADER: &str = #header;

            #[doc = #scheme_doc]
            pub const SCHEME: Scheme = Scheme {
                header: SIGNATURE_HEADER,
                timestamp: #timestamp,
                signature: #key,
                unit: TimeUnit::#unit,
            };

            impl Verifier {
                /// A verifier for deliveries signed with `secret` as [`SCHEME`] says (the
                /// endpoint's secret, used as is: its UTF-8 bytes are the HMAC key). An empty
                /// secret is refused: anybody could forge signatures made with it.
                pub fn new(secret: impl AsRef<[u8]>) -> Result<Self, EmptySecretError> {
                    Self::with_scheme(SCHEME, secret)
                }
            }

            /// The [`SIGNATURE_HEADER`] value the API would send with `body` signed with
            /// `secret` at `timestamp` ([`Scheme::sign`] of [`SCHEME`]). For testing receivers.
            pub fn sign(
                secret: impl AsRef<[u8]>,
                timestamp: std::time::SystemTime,
                body: &[u8],
            ) -> String {
                SCHEME.sign(secret, timestamp, body)
            }
        });
    }
    Module {
        name: "webhook".into(),
        doc: "Receiving webhooks: checking a delivery's signature and parsing its event.".into(),
        items,
        glob_export: false,
    }
}
