//! A request builder's `build_request`: the method, the path with its parameters filled in,
//! the query string as each parameter's style says, the body and the idempotency key.

use heck::ToUpperCamelCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{ident, timestamp_item};
use crate::model::{Kind, Model, Operation, Param, QueryStyle, Ty};

pub(super) fn build_request(model: &Model, op: &Operation) -> TokenStream {
    let method = format_ident!("{}", op.method.to_upper_camel_case());
    // `/webhook_endpoints/{id}` -> format!("/webhook_endpoints/{}", segment("id", &self.id)?)
    let mut template = String::new();
    let mut args = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        template.push_str(&rest[..open]);
        template.push_str("{}");
        let name = &rest[open + 1..open + close];
        if let Some(param) = op.path_params.iter().find(|p| p.wire == name) {
            let field = ident(&param.ident);
            let value = match param.ty.resolve(&model.types) {
                Ty::String => quote!(&self.#field),
                Ty::DateTime => {
                    let format = timestamp_item(model.profile.timestamps, "format");
                    quote!(&#format(&self.#field))
                }
                // A union has no `Display`: its JSON text.
                ty if is_union(ty, model) => quote!(&super::runtime::query::text(&self.#field)),
                _ => quote!(&self.#field.to_string()),
            };
            args.push(quote!(super::runtime::path::segment(#name, #value)?));
        }
        rest = &rest[open + close + 1..];
    }
    template.push_str(rest);
    let path = if args.is_empty() {
        quote!(#template)
    } else {
        quote!(format!(#template, #(#args),*))
    };
    let query = op.query_params.iter().map(|param| query_call(model, param));
    let key = op
        .idempotency_header
        .is_some()
        .then(|| quote!(.idempotency_key(self.idempotency_key.clone())));
    let request = quote!(Request::new(Method::#method, #path) #(#query)*);
    // `json` returns the `Result` itself when nothing follows it (clippy's
    // `needless_question_mark`).
    let built = match (op.body.is_some(), key) {
        (true, None) => quote!(#request.json(&self.body)),
        (true, Some(key)) => quote!(Ok(#request.json(&self.body)? #key)),
        (false, key) => quote!(Ok(#request #key)),
    };
    quote! {
        fn build_request(&self) -> Result<Request, Error> {
            #built
        }
    }
}

/// The call that adds a query parameter to the request, as its style says: `.query(..)` for a
/// single value, `.query_list(..)` for an array, `.query_map(..)` for an object's entries.
/// Timestamps are written as in JSON bodies (`2026-01-15T12:00:00.000Z`), not by `Display`.
fn query_call(model: &Model, param: &Param) -> TokenStream {
    let field = ident(&param.ident);
    let wire = &param.wire;
    let value = if param.required {
        quote!(Some(&self.#field))
    } else {
        quote!(self.#field.as_ref())
    };
    let timestamp = timestamp_item(model.profile.timestamps, "format");
    let list_style = |style: &str| {
        let style = format_ident!("{style}");
        quote!(super::runtime::query::ListStyle::#style)
    };
    // A required value is converted inside the `Some` (clippy's `unnecessary_map_on_constructor`).
    let converted = |convert: TokenStream| {
        if param.required {
            quote!(Some(#convert(&self.#field)))
        } else {
            quote!(#value.map(#convert))
        }
    };
    let style = match param.style {
        QueryStyle::Single => {
            let value = match param.ty.resolve(&model.types) {
                Ty::DateTime => converted(timestamp.clone()),
                ty if is_union(ty, model) => converted(quote!(super::runtime::query::text)),
                _ => value,
            };
            return quote!(.query(#wire, #value));
        }
        QueryStyle::Entries => return quote!(.query_map(#value)),
        QueryStyle::Repeated => list_style("Repeated"),
        QueryStyle::Comma => list_style("Comma"),
        QueryStyle::Space => list_style("Space"),
        QueryStyle::Pipe => list_style("Pipe"),
    };
    let items = match param.ty.resolve(&model.types) {
        Ty::Vec(item) if matches!(item.resolve(&model.types), Ty::DateTime) => {
            quote!(#value.map(|items| items.iter().map(#timestamp)))
        }
        _ => value,
    };
    quote!(.query_list(#wire, #items, #style))
}

/// Whether `ty` is a union (which has no `Display`).
fn is_union(ty: &Ty, model: &Model) -> bool {
    matches!(ty, Ty::Named(id) if matches!(model.types[*id].kind, Kind::Union(_)))
}
