//! Open string enums: the spec's values plus `Unknown(String)`, so a value added to the API
//! after this crate was generated still parses and re-serializes unchanged (typify's enums are
//! closed, hence this is ours).

use crate::tokens::{Tokens, tokens};

use super::docs::{ident, type_doc};
use crate::model::{Enum, TypeDef};

pub fn open_enum(def: &TypeDef, e: &Enum) -> Tokens {
    let name = ident(&def.name);
    let notes: Vec<String> = e
        .default
        .map(|i| format!("The default is `{}`.", e.variants[i].wire))
        .into_iter()
        .collect();
    let doc = type_doc(def, &notes);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.ident)).collect();
    let wires: Vec<_> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    let variant_docs = wires.iter().map(|wire| {
        let text = format!(" `{wire}`");
        tokens!(#[doc = #text])
    });
    let default_attr = |index: usize| {
        if e.default == Some(index) {
            tokens!(#[default])
        } else {
            Tokens::new()
        }
    };
    let defaults = (0..variants.len()).map(default_attr);
    let derive_default = if e.default.is_some() {
        tokens!(Default,)
    } else {
        Tokens::new()
    };
    tokens! {
        #doc
        #[derive(Clone, Debug, #derive_default PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #defaults #variants,)*
            /// A value this version of the crate does not know, kept as it was sent.
            Unknown(String),
        }

        impl #name {
            /// Every value this version of the crate knows, in the spec's order.
            pub const ALL: &'static [#name] = &[#(#name::#variants),*];

            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#name::#variants => #wires,)*
                    #name::Unknown(value) => value,
                }
            }

            /// Whether this is a value this version of the crate does not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, #name::Unknown(_))
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#wires => #name::#variants,)*
                    other => #name::Unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                match #name::from(value.as_str()) {
                    #name::Unknown(_) => #name::Unknown(value),
                    known => known,
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(#name::from(value))
            }
        }

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                super::runtime::open_enum::deserialize(deserializer)
            }
        }
    }
}
