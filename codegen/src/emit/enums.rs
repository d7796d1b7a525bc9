//! Open string enums: the spec's values plus `Unknown(String)`, so a value added to the API
//! after this crate was generated still parses and re-serializes unchanged (typify's enums are
//! closed, hence this is ours).

use proc_macro2::Literal;
use serde_json::Value;

use crate::tokens::{Tokens, tokens};

use super::docs::{extra_attributes, extra_derives, ident, type_doc};
use crate::model::{Enum, TypeDef, Values};

pub fn open_enum(def: &TypeDef, e: &Enum) -> Tokens {
    let (extra, attributes) = (extra_derives(def), extra_attributes(def));
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
        let text = format!(" `{}`", visible(wire));
        tokens!(#[doc = #text])
    });
    let defaults = default_marks(e.default, variants.len());
    let derive_default = if e.default.is_some() {
        tokens!(Default,)
    } else {
        Tokens::new()
    };
    tokens! {
        #doc
        #[derive(Clone, Debug, #derive_default PartialEq, Eq, Hash #(, #extra)*)]
        #attributes
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

/// A closed enum of JSON values that are not all strings: a unit variant per value, read and
/// written as that value (see `runtime/value_enum.rs`).
pub fn value_enum(def: &TypeDef, e: &Values) -> Tokens {
    let (extra, attributes) = (extra_derives(def), extra_attributes(def));
    let name = ident(&def.name);
    let label = def.name.as_str();
    let mut notes = vec!["A value not listed here fails to decode: unlike an enum of strings, this one has no `Unknown` variant, since the values are not all names.".to_string()];
    notes.extend(
        e.default
            .map(|i| format!("The default is `{}`.", e.variants[i].wire)),
    );
    let doc = type_doc(def, &notes);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.ident)).collect();
    let variant_docs = e.variants.iter().map(|v| {
        let text = format!(" `{}`", visible(&v.wire));
        tokens!(#[doc = #text])
    });
    let values = e.variants.iter().map(|v| {
        let value: Value = serde_json::from_str(&v.wire).expect("the model keeps JSON text");
        json_tokens(&value)
    });
    let defaults = default_marks(e.default, variants.len());
    let derive_default = e.default.map(|_| tokens!(Default,));
    tokens! {
        #doc
        #[derive(Clone, Copy, Debug, #derive_default PartialEq, Eq, Hash #(, #extra)*)]
        #attributes
        pub enum #name {
            #(#variant_docs #defaults #variants,)*
        }

        impl #name {
            /// Every value, in the spec's order.
            pub const ALL: &'static [#name] = &[#(#name::#variants),*];

            /// The value as JSON.
            pub fn value(&self) -> serde_json::Value {
                match self {
                    #(#name::#variants => serde_json::json!(#values),)*
                }
            }
        }

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.value().serialize(serializer)
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                super::runtime::value_enum::deserialize(deserializer, #name::ALL, #name::value, #label)
            }
        }
    }
}

/// `#[default]` on the variant of the spec's `default`, nothing on the others.
fn default_marks(default: Option<usize>, count: usize) -> impl Iterator<Item = Tokens> {
    (0..count).map(move |index| {
        if default == Some(index) {
            tokens!(#[default])
        } else {
            Tokens::new()
        }
    })
}

/// A value as a doc comment shows it: control characters escaped (`foo\rbar`), as a bare
/// carriage return is no valid doc comment and a line break would split the line.
fn visible(wire: &str) -> String {
    wire.chars()
        .map(|c| match c.is_control() {
            true => c.escape_default().to_string(),
            false => c.to_string(),
        })
        .collect()
}

/// A JSON value as the tokens of `serde_json::json!`'s input. Integers beyond `i32` are
/// suffixed: `json!` would read an unsuffixed literal as an `i32`.
fn json_tokens(value: &Value) -> Tokens {
    match value {
        Value::Null => tokens!(null),
        Value::Bool(flag) => tokens!(#flag),
        Value::Number(number) => match (number.as_u64(), number.as_i64(), number.as_f64()) {
            (Some(n), _, _) if n > i32::MAX as u64 => literal(Literal::u64_suffixed(n)),
            (Some(n), _, _) => literal(Literal::u64_unsuffixed(n)),
            (_, Some(n), _) if n < i64::from(i32::MIN) => literal(Literal::i64_suffixed(n)),
            (_, Some(n), _) => literal(Literal::i64_unsuffixed(n)),
            (_, _, Some(n)) => literal(Literal::f64_unsuffixed(n)),
            _ => tokens!(null),
        },
        Value::String(text) => tokens!(#text),
        Value::Array(items) => {
            let items = items.iter().map(json_tokens);
            tokens!([#(#items),*])
        }
        Value::Object(map) => {
            let entries = map.iter().map(|(key, value)| {
                let value = json_tokens(value);
                tokens!(#key: #value)
            });
            tokens!({#(#entries),*})
        }
    }
}

/// A literal's tokens.
fn literal(n: Literal) -> Tokens {
    tokens!(#n)
}
