//! Rust enums for `oneOf`/`anyOf`. A tagged union reads its tag first and keeps a tag it does
//! not know as `Unknown(serde_json::Value)` (see `runtime/union.rs`); an untagged one is serde's
//! `untagged`: the first variant that fits.

use crate::tokens::{Ident, Tokens, tokens};

use super::docs::{doc, extra_attributes, extra_derives, ident, ty, type_doc};
use crate::model::derives::is_eq;
use crate::model::{TypeDef, Union};

pub fn union(def: &TypeDef, u: &Union, types: &[TypeDef]) -> Tokens {
    let name = ident(&def.name);
    let label = def.name.as_str();
    let note = match &u.tag {
        Some(tag) => format!(
            "The `{tag}` property names the variant; a value with a `{tag}` this version of the crate does not know is kept as [`{label}::Unknown`]."
        ),
        None => "Read as the first variant that fits.".to_string(),
    };
    let type_docs = type_doc(def, &[note]);
    let idents: Vec<_> = u.variants.iter().map(|v| ident(&v.ident)).collect();
    let tys: Vec<_> = u.variants.iter().map(|v| ty(&v.ty, types)).collect();
    let docs = u.variants.iter().map(|v| {
        let mut text = Vec::new();
        if let (Some(tag), Some(value)) = (&u.tag, &v.tag_value) {
            text.push(format!("`\"{tag}\": \"{value}\"`"));
        }
        text.extend(v.doc.iter().cloned());
        doc((!text.is_empty()).then(|| text.join("\n\n")).as_deref())
    });
    let conversions = from_impls(&name, u, types);
    let attributes = extra_attributes(def);
    let extra = extra_derives(def);
    let Some(tag) = &u.tag else {
        let mut derives = vec![tokens!(Clone), tokens!(Debug), tokens!(PartialEq)];
        if u.variants.iter().all(|v| is_eq(&v.ty, types)) {
            derives.push(tokens!(Eq));
        }
        derives.extend([tokens!(Serialize), tokens!(Deserialize)]);
        derives.extend(extra_derives(def));
        return tokens! {
            #type_docs
            #[derive(#(#derives),*)]
            #attributes
            #[serde(untagged)]
            #[non_exhaustive]
            // Variants hold their values as they are, to be matched; one may be much larger.
            #[allow(clippy::large_enum_variant)]
            pub enum #name {
                #(#docs #idents(#tys),)*
            }

            #conversions
        };
    };
    let values: Vec<&str> = u
        .variants
        .iter()
        .map(|v| v.tag_value.as_deref().unwrap_or_default())
        .collect();
    tokens! {
        #type_docs
        #[derive(Clone, Debug, PartialEq, Serialize #(, #extra)*)]
        #attributes
        #[serde(untagged)]
        #[non_exhaustive]
        // Variants hold their structs as they are, to be matched; one may be much larger.
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#docs #idents(#tys),)*
            /// A variant this version of the crate does not know, kept as it was sent.
            Unknown(serde_json::Value),
        }

        impl #name {
            /// Whether this is a variant this version of the crate does not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, #name::Unknown(_))
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use super::runtime::union::{tag, variant};
                let value = serde_json::Value::deserialize(deserializer)?;
                Ok(match tag(&value, #tag, #label)? {
                    #(#values => #name::#idents(variant(value, #label, #values)?),)*
                    _ => #name::Unknown(value),
                })
            }
        }

        #conversions
    }
}

/// `From<Variant>` for each variant the model gives one, so a variant's struct converts with
/// `.into()`.
fn from_impls(name: &Ident<'_>, u: &Union, types: &[TypeDef]) -> Tokens {
    let impls = u.variants.iter().filter(|v| v.from).map(|v| {
        let variant = ident(&v.ident);
        let variant_ty = ty(&v.ty, types);
        tokens! {
            impl From<#variant_ty> for #name {
                fn from(value: #variant_ty) -> Self {
                    #name::#variant(value)
                }
            }
        }
    });
    tokens!(#(#impls)*)
}
