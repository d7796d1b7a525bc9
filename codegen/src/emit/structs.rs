//! Structs for object schemas, type aliases, and the generic list envelope.

use crate::tokens::{Tokens, tokens};

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
) -> Tokens {
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
    let mut derives = vec![tokens!(Clone)];
    if !redacts {
        derives.push(tokens!(Debug));
    }
    let defaulted = s.fields.iter().any(|f| f.default.is_some());
    let has_default = s.fields.iter().all(|f| f.ty.has_default(types));
    if has_default && !defaulted {
        derives.push(tokens!(Default));
    }
    derives.push(tokens!(PartialEq));
    if s.fields.iter().all(|f| is_eq(&f.ty, types)) {
        derives.push(tokens!(Eq));
    }
    derives.extend([tokens!(Serialize), tokens!(Deserialize)]);
    derives.extend(extra_derives(def));
    let attributes = extra_attributes(def);
    let tag = tag_attr(s.tag.as_ref());
    let deny = s
        .deny_unknown
        .then(|| tokens!(#[serde(deny_unknown_fields)]));
    let owner = types.iter().position(|t| t.name == def.name);
    let fields = s.fields.iter().map(|f| {
        let boxed = owner.is_some_and(|owner| recursion::needs_box(&f.ty, owner, types));
        field(&def.name, f, boxed, types, timestamps)
    });
    let debug = redacts.then(|| redacted_debug(def, s));
    let defaults = defaulted.then(|| schema_defaults(def, s, types, has_default));
    tokens! {
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
fn schema_defaults(def: &TypeDef, s: &Struct, types: &[TypeDef], impl_default: bool) -> Tokens {
    let name = ident(&def.name);
    let functions = s.fields.iter().filter_map(|f| {
        let wire = f.default.as_deref()?;
        let function = default_function(&f.ident);
        let function = ident(&function);
        let field_ty = ty(&f.ty, types);
        let value = default_value(&f.ty, wire, types);
        let doc = format!(" `{wire}`, the schema's `default` of `{}`.", f.wire);
        Some(tokens! {
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
                    let function = ident(&function);
                    tokens!(#member: #name::#function())
                }
                None => tokens!(#member: Default::default()),
            }
        });
        tokens! {
            impl Default for #name {
                fn default() -> Self {
                    #name {
                        #(#values,)*
                    }
                }
            }
        }
    });
    tokens! {
        impl #name {
            #(#functions)*
        }
        #default
    }
}

/// `default_<field>`: the function serde calls for an absent property with a default.
fn default_function(field: &str) -> String {
    format!("default_{}", field.trim_start_matches("r#"))
}

/// A default (JSON text) as a Rust value of the field's type: a string, number or boolean
/// literal, or an enum's variant.
fn default_value(field_ty: &Ty, wire: &str, types: &[TypeDef]) -> Tokens {
    let value: serde_json::Value = serde_json::from_str(wire).expect("the model keeps JSON text");
    match (field_ty.resolve(types), &value) {
        (Ty::Number, serde_json::Value::Number(n)) => {
            let n = proc_macro2::Literal::f64_unsuffixed(n.as_f64().unwrap_or_default());
            tokens!(#n)
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
            tokens!(#enum_name::#variant)
        }
        (_, serde_json::Value::String(text)) => tokens!(String::from(#text)),
        (_, serde_json::Value::Bool(flag)) => tokens!(#flag),
        (_, serde_json::Value::Number(n)) => match (n.as_i64(), n.as_u64()) {
            (Some(n), _) => {
                let n = proc_macro2::Literal::i64_unsuffixed(n);
                tokens!(#n)
            }
            (_, Some(n)) => {
                let n = proc_macro2::Literal::u64_unsuffixed(n);
                tokens!(#n)
            }
            _ => tokens!(Default::default()),
        },
        _ => tokens!(Default::default()),
    }
}

fn tag_attr(tag: Option<&SerdeTag>) -> Tokens {
    match tag {
        Some(SerdeTag { property, value }) => tokens!(#[serde(tag = #property, rename = #value)]),
        None => Tokens::new(),
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
) -> Tokens {
    let name = ident(&f.ident);
    let doc = doc(f.doc.as_deref());
    let field_ty = match (&f.ty, boxed) {
        (Ty::Option(outer), true) if matches!(**outer, Ty::Option(_)) => {
            let inner = ty(outer.inner(), types);
            tokens!(Option<Option<Box<#inner>>>)
        }
        (Ty::Option(inner), true) => {
            let inner = ty(inner, types);
            tokens!(Option<Box<#inner>>)
        }
        (other, true) => {
            let inner = ty(other, types);
            tokens!(Box<#inner>)
        }
        (other, false) => ty(other, types),
    };
    let mut attrs = Vec::new();
    let bare = f.ident.trim_start_matches("r#");
    if f.flatten {
        // A union's properties sit beside the struct's own; `None` adds none.
        attrs.push(tokens!(flatten));
        if matches!(f.ty, Ty::Option(_)) {
            attrs.push(tokens!(skip_serializing_if = "Option::is_none"));
        }
    } else if bare != f.wire {
        let wire = &f.wire;
        attrs.push(tokens!(rename = #wire));
    }
    if f.default.is_some() {
        let function = format!("{owner}::{}", default_function(&f.ident));
        attrs.push(tokens!(default = #function));
    } else if !f.required && !f.flatten {
        attrs.push(tokens!(default, skip_serializing_if = "Option::is_none"));
    }
    // Timestamps in the API's format (settings' `[timestamps]`).
    let timestamp = timestamp_module(timestamps);
    match &f.ty {
        Ty::DateTime => attrs.push(tokens!(with = #timestamp)),
        Ty::Option(inner) if **inner == Ty::DateTime => {
            let with = format!("{timestamp}::option");
            attrs.push(tokens!(with = #with))
        }
        Ty::Option(outer) if **outer == Ty::Option(Box::new(Ty::DateTime)) => {
            let with = format!("{timestamp}::nullable");
            attrs.push(tokens!(with = #with))
        }
        // Absent and `null` differ: `None` and `Some(None)`.
        Ty::Option(outer) if matches!(**outer, Ty::Option(_)) => {
            attrs.push(tokens!(with = "super::runtime::nullable"))
        }
        _ => {}
    }
    let serde = if attrs.is_empty() {
        Tokens::new()
    } else {
        tokens!(#[serde(#(#attrs),*)])
    };
    tokens! {
        #doc
        #serde
        pub #name: #field_ty
    }
}

/// `Debug` that prints `<redacted>` for secret fields, so they never reach logs.
fn redacted_debug(def: &TypeDef, s: &Struct) -> Tokens {
    let name = ident(&def.name);
    let label = &def.name;
    let fields = s.fields.iter().map(|f| {
        let member = ident(&f.ident);
        let wire = f.ident.trim_start_matches("r#");
        if f.redact {
            tokens!(.field(#wire, &format_args!("<redacted>")))
        } else {
            tokens!(.field(#wire, &self.#member))
        }
    });
    tokens! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label)
                    #(#fields)*
                    .finish()
            }
        }
    }
}

pub fn alias(def: &TypeDef, target: &Ty, types: &[TypeDef]) -> Tokens {
    let name = ident(&def.name);
    let doc = type_doc(def, &[]);
    let target = ty(target, types);
    tokens! {
        #doc
        pub type #name = #target;
    }
}

/// A schema of another type with checks of its own: `pub struct Name(pub T)`, read and written
/// as the `T` it holds.
pub fn newtype(def: &TypeDef, inner: &Ty, types: &[TypeDef]) -> Tokens {
    let name = ident(&def.name);
    let doc = type_doc(def, &[]);
    let inner_ty = ty(inner, types);
    let mut derives = vec![tokens!(Clone), tokens!(Debug)];
    if inner.has_default(types) {
        derives.push(tokens!(Default));
    }
    derives.push(tokens!(PartialEq));
    if is_eq(inner, types) {
        derives.push(tokens!(Eq));
    }
    derives.extend([tokens!(Serialize), tokens!(Deserialize)]);
    derives.extend(extra_derives(def));
    let attributes = extra_attributes(def);
    tokens! {
        #doc
        #[derive(#(#derives),*)]
        #attributes
        #[serde(transparent)]
        pub struct #name(pub #inner_ty);

        impl From<#inner_ty> for #name {
            fn from(value: #inner_ty) -> Self {
                #name(value)
            }
        }

        impl std::ops::Deref for #name {
            type Target = #inner_ty;
            fn deref(&self) -> &#inner_ty {
                &self.0
            }
        }
    }
}

/// `List<T>` and its `ListMetadata`, generated once for every list response.
pub fn list(list: &ListEnvelope) -> Tokens {
    let tag = tag_attr(list.tag.as_ref());
    // A field named as on the wire needs no `rename`.
    let field = |(ident, wire): &(String, String), doc_text: &Option<String>, ty: Tokens| {
        let name = super::docs::ident(ident);
        let doc = doc(doc_text.as_deref());
        let rename =
            (ident.trim_start_matches("r#") != wire).then(|| tokens!(#[serde(rename = #wire)]));
        tokens!(#doc #rename pub #name: #ty,)
    };
    let items = field(&list.items, &list.data_doc, tokens!(Vec<T>));
    let metadata = field(&list.metadata, &list.metadata_doc, tokens!(ListMetadata));
    let cursor = tokens!(Option<String>);
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
    tokens! {
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
