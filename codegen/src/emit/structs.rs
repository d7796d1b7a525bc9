//! Structs for object schemas, type aliases, and the generic list envelope.

use crate::tokens::{Tokens, tokens};

use super::docs::{doc, ident, is_eq, timestamp_module, ty, type_doc};
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
    let notes: Vec<String> = s
        .tag
        .iter()
        .map(|t| {
            format!(
                "Sent and received with `\"{}\": \"{}\"`.",
                t.property, t.value
            )
        })
        .collect();
    let doc = type_doc(def, &notes);
    let redacts = s.fields.iter().any(|f| f.redact);
    let mut derives = vec![tokens!(Clone)];
    if !redacts {
        derives.push(tokens!(Debug));
    }
    if s.fields.iter().all(|f| f.ty.has_default(types)) {
        derives.push(tokens!(Default));
    }
    derives.push(tokens!(PartialEq));
    if s.fields.iter().all(|f| is_eq(&f.ty, types, 8)) {
        derives.push(tokens!(Eq));
    }
    derives.extend([tokens!(Serialize), tokens!(Deserialize)]);
    let tag = tag_attr(s.tag.as_ref());
    let owner = types.iter().position(|t| t.name == def.name);
    let fields = s.fields.iter().map(|f| {
        let boxed = owner.is_some_and(|owner| recursion::needs_box(&f.ty, owner, types));
        field(f, boxed, types, timestamps)
    });
    let debug = redacts.then(|| redacted_debug(def, s));
    tokens! {
        #doc
        #[derive(#(#derives),*)]
        #tag
        pub struct #name {
            #(#fields,)*
        }
        #debug
    }
}

fn tag_attr(tag: Option<&SerdeTag>) -> Tokens {
    match tag {
        Some(SerdeTag { property, value }) => tokens!(#[serde(tag = #property, rename = #value)]),
        None => Tokens::new(),
    }
}

/// A field; `boxed` when it holds its own struct by value (a recursive type needs a `Box`).
fn field(f: &Field, boxed: bool, types: &[TypeDef], timestamps: TimestampFormat) -> Tokens {
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
    if !f.required && !f.flatten {
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
