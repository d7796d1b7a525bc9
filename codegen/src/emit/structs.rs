//! Structs for object schemas, type aliases, and the generic list envelope.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use super::docs::{doc, extra_attributes, extra_derives, ident, timestamp_module, ty, type_doc};
use crate::model::derives::is_eq;
use crate::model::{Field, ListEnvelope, SerdeTag, Struct, Ty, TypeDef, recursion};
use crate::settings::TimestampFormat;

/// A struct; its `date-time` fields are written in `timestamps`.
pub fn structure(
    def: &TypeDef,
    s: &Struct,
    types: &[TypeDef],
    timestamps: TimestampFormat,
) -> TokenStream {
    let name = ident(&def.name);
    let mut notes: Vec<String> = s
        .tag
        .iter()
        .map(|t| {
            format!(
                "Sent and received with `\"{}\": \"{}\"`.",
                t.property, t.value
            )
        })
        .collect();
    if s.deny_unknown {
        notes.push(
            "A property not listed here fails to decode (`additionalProperties: false`).".into(),
        );
    }
    let doc = type_doc(def, &notes);
    let redacts = s.fields.iter().any(|f| f.redact);
    let mut derives = vec![quote!(Clone)];
    if !redacts {
        derives.push(quote!(Debug));
    }
    let defaulted = s.fields.iter().any(|f| f.default.is_some());
    let has_default = s.fields.iter().all(|f| f.ty.has_default(types));
    if has_default && !defaulted {
        derives.push(quote!(Default));
    }
    derives.push(quote!(PartialEq));
    if s.fields.iter().all(|f| is_eq(&f.ty, types)) {
        derives.push(quote!(Eq));
    }
    derives.extend([quote!(Serialize), quote!(Deserialize)]);
    derives.extend(extra_derives(def));
    let attributes = extra_attributes(def);
    let tag = tag_attr(s.tag.as_ref());
    let deny = s
        .deny_unknown
        .then(|| quote!(#[serde(deny_unknown_fields)]));
    let owner = types.iter().position(|t| t.name == def.name);
    let fields = s.fields.iter().map(|f| {
        let boxed = owner.is_some_and(|owner| recursion::needs_box(&f.ty, owner, types));
        field(&def.name, f, boxed, types, timestamps)
    });
    let debug = redacts.then(|| redacted_debug(def, s));
    let defaults = defaulted.then(|| schema_defaults(def, s, types, has_default));
    quote! {
        #doc
        #[derive(#(#derives),*)]
        #attributes
        #tag
        #deny
        pub struct #name {
            #(#fields,)*
        }
        #debug
        #defaults
    }
}

/// The functions that give the fields with a schema `default` their value, and `Default` with
/// those values (when every other field has a default too).
fn schema_defaults(
    def: &TypeDef,
    s: &Struct,
    types: &[TypeDef],
    impl_default: bool,
) -> TokenStream {
    let name = ident(&def.name);
    let functions = s.fields.iter().filter_map(|f| {
        let wire = f.default.as_deref()?;
        let function = default_function(&f.ident);
        let field_ty = ty(&f.ty, types);
        let value = default_value(&f.ty, wire, types);
        let doc = format!(" `{wire}`, the schema's `default` of `{}`.", f.wire);
        Some(quote! {
            #[doc = #doc]
            pub fn #function() -> #field_ty {
                #value
            }
        })
    });
    let default = impl_default.then(|| {
        let values = s.fields.iter().map(|f| {
            let member = ident(&f.ident);
            match f.default {
                Some(_) => {
                    let function = default_function(&f.ident);
                    quote!(#member: #name::#function())
                }
                None => quote!(#member: Default::default()),
            }
        });
        quote! {
            impl Default for #name {
                fn default() -> Self {
                    #name {
                        #(#values,)*
                    }
                }
            }
        }
    });
    quote! {
        impl #name {
            #(#functions)*
        }
        #default
    }
}

/// `default_<field>`: the function serde calls for an absent property with a default.
fn default_function(field: &str) -> proc_macro2::Ident {
    ident(&format!("default_{}", field.trim_start_matches("r#")))
}

/// A default (JSON text) as a Rust value of the field's type: a string, number or boolean
/// literal, or an enum's variant.
fn default_value(field_ty: &Ty, wire: &str, types: &[TypeDef]) -> TokenStream {
    let value: serde_json::Value = serde_json::from_str(wire).expect("the model keeps JSON text");
    match (field_ty.resolve(types), &value) {
        (Ty::Number, serde_json::Value::Number(n)) => {
            let n = proc_macro2::Literal::f64_unsuffixed(n.as_f64().unwrap_or_default());
            quote!(#n)
        }
        (Ty::Named(id), _) => {
            let variants = match &types[*id].kind {
                crate::model::Kind::Enum(e) => &e.variants,
                crate::model::Kind::Values(v) => &v.variants,
                _ => unreachable!("defaults are of scalars and enums (model::shape)"),
            };
            let target = value.as_str().map_or(wire.to_string(), str::to_string);
            let variant = variants
                .iter()
                .find(|v| v.wire == target || v.wire == wire)
                .map(|v| ident(&v.ident));
            let enum_name = ident(&types[*id].name);
            quote!(#enum_name::#variant)
        }
        (_, serde_json::Value::String(text)) => quote!(String::from(#text)),
        (_, serde_json::Value::Bool(flag)) => quote!(#flag),
        (_, serde_json::Value::Number(n)) => match (n.as_i64(), n.as_u64()) {
            (Some(n), _) => proc_macro2::Literal::i64_unsuffixed(n).into_token_stream(),
            (_, Some(n)) => proc_macro2::Literal::u64_unsuffixed(n).into_token_stream(),
            _ => quote!(Default::default()),
        },
        _ => quote!(Default::default()),
    }
}

fn tag_attr(tag: Option<&SerdeTag>) -> TokenStream {
    match tag {
        Some(SerdeTag { property, value }) => quote!(#[serde(tag = #property, rename = #value)]),
        None => TokenStream::new(),
    }
}

/// A field of struct `owner`; `boxed` when it holds its own struct by value (a recursive type
/// needs a `Box`).
fn field(
    owner: &str,
    f: &Field,
    boxed: bool,
    types: &[TypeDef],
    timestamps: TimestampFormat,
) -> TokenStream {
    let name = ident(&f.ident);
    let doc = doc(f.doc.as_deref());
    let field_ty = match (&f.ty, boxed) {
        (Ty::Option(outer), true) if matches!(**outer, Ty::Option(_)) => {
            let inner = ty(outer.inner(), types);
            quote!(Option<Option<Box<#inner>>>)
        }
        (Ty::Option(inner), true) => {
            let inner = ty(inner, types);
            quote!(Option<Box<#inner>>)
        }
        (other, true) => {
            let inner = ty(other, types);
            quote!(Box<#inner>)
        }
        (other, false) => ty(other, types),
    };
    let mut attrs = Vec::new();
    let bare = f.ident.trim_start_matches("r#");
    if f.flatten {
        // A union's properties sit beside the struct's own; `None` adds none.
        attrs.push(quote!(flatten));
        if matches!(f.ty, Ty::Option(_)) {
            attrs.push(quote!(skip_serializing_if = "Option::is_none"));
        }
    } else if bare != f.wire {
        let wire = &f.wire;
        attrs.push(quote!(rename = #wire));
    }
    if f.default.is_some() {
        let function = format!("{owner}::{}", default_function(&f.ident));
        attrs.push(quote!(default = #function));
    } else if !f.required && !f.flatten {
        attrs.push(quote!(default, skip_serializing_if = "Option::is_none"));
    }
    // Timestamps in the API's format (settings' `[timestamps]`).
    let timestamp = timestamp_module(timestamps);
    match &f.ty {
        Ty::DateTime => attrs.push(quote!(with = #timestamp)),
        Ty::Option(inner) if **inner == Ty::DateTime => {
            let with = format!("{timestamp}::option");
            attrs.push(quote!(with = #with))
        }
        Ty::Option(outer) if **outer == Ty::Option(Box::new(Ty::DateTime)) => {
            let with = format!("{timestamp}::nullable");
            attrs.push(quote!(with = #with))
        }
        // Absent and `null` differ: `None` and `Some(None)`.
        Ty::Option(outer) if matches!(**outer, Ty::Option(_)) => {
            attrs.push(quote!(with = "super::runtime::nullable"))
        }
        _ => {}
    }
    let serde = if attrs.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[serde(#(#attrs),*)])
    };
    quote! {
        #doc
        #serde
        pub #name: #field_ty
    }
}

/// `Debug` that prints `<redacted>` for secret fields, so they never reach logs.
fn redacted_debug(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let label = &def.name;
    let fields = s.fields.iter().map(|f| {
        let member = ident(&f.ident);
        let wire = f.ident.trim_start_matches("r#");
        if f.redact {
            quote!(.field(#wire, &format_args!("<redacted>")))
        } else {
            quote!(.field(#wire, &self.#member))
        }
    });
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label)
                    #(#fields)*
                    .finish()
            }
        }
    }
}

pub fn alias(def: &TypeDef, target: &Ty, types: &[TypeDef]) -> TokenStream {
    let name = ident(&def.name);
    let doc = type_doc(def, &[]);
    let target = ty(target, types);
    quote! {
        #doc
        pub type #name = #target;
    }
}

/// `List<T>` and its `ListMetadata`, generated once for every list response.
pub fn list(list: &ListEnvelope) -> TokenStream {
    let tag = tag_attr(list.tag.as_ref());
    // A field named as on the wire needs no `rename`.
    let field = |(ident, wire): &(String, String), doc_text: &Option<String>, ty: TokenStream| {
        let name = super::docs::ident(ident);
        let doc = doc(doc_text.as_deref());
        let rename =
            (ident.trim_start_matches("r#") != wire).then(|| quote!(#[serde(rename = #wire)]));
        quote!(#doc #rename pub #name: #ty,)
    };
    let items = field(&list.items, &list.data_doc, quote!(Vec<T>));
    let metadata = field(&list.metadata, &list.metadata_doc, quote!(ListMetadata));
    let cursor = quote!(Option<String>);
    let before = list
        .before
        .as_ref()
        .map(|before| field(before, &list.before_doc, cursor.clone()));
    let after = field(&list.after, &list.after_doc, cursor);
    let cursors = match &list.before {
        Some((_, before)) => format!(
            " The cursors of a page: pass `{}` (or `{before}`) to the next request.",
            list.after.1
        ),
        None => format!(
            " The cursor of a page: pass `{}` to the next request.",
            list.after.1
        ),
    };
    quote! {
        /// One page of a list response.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #tag
        pub struct List<T> {
            #items
            #metadata
        }

        #[doc = #cursors]
        #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
        pub struct ListMetadata {
            #before
            #after
        }
    }
}
