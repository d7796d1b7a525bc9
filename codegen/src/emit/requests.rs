//! A request builder's `build_request`: the method, the path with its parameters filled in,
//! the query string as each parameter's style says, header and cookie parameters, the body in
//! its media type, what the result is read as, and the idempotency key.

use crate::tokens::{Ident, Tokens, tokens};

use super::docs::{ident, timestamp_item};
use crate::model::{BodyForm, Encoding, Kind, Model, Operation, Output, Param, QueryStyle, Ty};

pub(super) fn build_request(model: &Model, op: &Operation) -> Tokens {
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
                Ty::String => tokens!(&self.#field),
                Ty::DateTime => {
                    let format = timestamp_item(model.profile.timestamps, "format");
                    tokens!(&#format(&self.#field))
                }
                ty if !has_display(ty, model) => {
                    tokens!(&super::runtime::query::text(&self.#field))
                }
                _ => tokens!(&self.#field.to_string()),
            };
            args.push(tokens!(super::runtime::path::segment(#name, #value)?));
        }
        rest = &rest[open + close + 1..];
    }
    template.push_str(rest);
    let path = if args.is_empty() {
        tokens!(#template)
    } else {
        tokens!(format!(#template, #(#args),*))
    };
    let query = op.query_params.iter().map(|param| query_call(model, param));
    let headers = op.header_params.iter().map(|param| {
        let list = param.style == QueryStyle::Comma;
        single_call(model, param, if list { "header_list" } else { "header" })
    });
    let cookies = op.cookie_params.iter().map(|param| {
        let list = param.style == QueryStyle::Comma;
        single_call(model, param, if list { "cookie_list" } else { "cookie" })
    });
    let result = match &op.output {
        Output::Body {
            accept: Some(accept),
            ..
        } => tokens!(.accept(#accept)),
        Output::Upgrade { protocol } => tokens!(.upgrade(#protocol)),
        Output::Empty | Output::Body { accept: None, .. } | Output::Redirect => Tokens::new(),
    };
    let key = op
        .idempotency_header
        .is_some()
        .then(|| tokens!(.idempotency_key(self.idempotency_key.clone())));
    let request = tokens!(
        Request::new(&Self::OPERATION, #path) #(#query)* #(#headers)* #(#cookies)* #result
            .options(self.options.clone())
    );
    let parts = (!op.part_params.is_empty()).then(|| {
        let calls = op.part_params.iter().map(|param| part_call(model, param));
        tokens!(.multipart(super::runtime::body::Multipart::new() #(#calls)*))
    });
    let built = match op.body.as_ref().map(|body| (body, body.single())) {
        None => match (parts, key) {
            (None, key) => tokens!(Ok(#request #key)),
            (Some(parts), None) => tokens!(#request #parts),
            (Some(parts), Some(key)) => tokens!(Ok(#request #parts? #key)),
        },
        Some((_, Some(form))) => {
            let (call, fallible) = body_call(form, tokens!(&self.body));
            match (fallible, key) {
                // The body's call returns the `Result` itself when nothing follows it (clippy's
                // `needless_question_mark`).
                (true, None) => tokens!(#request #call),
                (true, Some(key)) => tokens!(Ok(#request #call? #key)),
                (false, key) => tokens!(Ok(#request #call #key)),
            }
        }
        Some((body, None)) => {
            let choice = Ident(op.params.as_deref().unwrap_or("Params"));
            let arms = body.forms.iter().map(|form| {
                let variant = Ident(&form.variant);
                let (call, fallible) = body_call(form, tokens!(body));
                let question = fallible.then(|| tokens!(?));
                tokens!(#choice::#variant(body) => request #call #question,)
            });
            tokens! {
                let request = #request;
                Ok(match &self.body { #(#arms)* } #key)
            }
        }
    };
    // Value constraints first: a request that breaks one is not sent.
    let checks = super::validate::request_check(op);
    let check_call = checks.is_some().then(|| {
        tokens! {
            if self.options.validates() {
                self.validate_request()?;
            }
        }
    });
    tokens! {
        fn build_request(&self) -> Result<Request, Error> {
            #check_call
            #built
        }

        #checks
    }
}

/// The call that sets a body in its media type, and whether it can fail (serializing).
fn body_call(form: &BodyForm, value: Tokens) -> (Tokens, bool) {
    let media = &form.media_type;
    match form.encoding {
        Encoding::Json => (tokens!(.json(#media, #value)), true),
        Encoding::Form => (tokens!(.form(#value)), true),
        Encoding::Text => (tokens!(.text(#media, #value)), false),
        // The model gives a multipart body as parts: here it could only be bytes of that type.
        Encoding::Bytes | Encoding::Multipart => (tokens!(.bytes(#media, #value)), false),
    }
}

/// The call that adds a query parameter to the request, as its style says: `.query(..)` for a
/// single value, `.query_list(..)` for an array, `.query_map(..)` for an object's entries.
/// Timestamps are written as in JSON bodies (`2026-01-15T12:00:00.000Z`), not by `Display`.
fn query_call(model: &Model, param: &Param) -> Tokens {
    let value = value(param);
    let list_style = |style: &str| {
        let style = Ident(style);
        tokens!(super::runtime::query::ListStyle::#style)
    };
    let style = match param.style {
        QueryStyle::Single => return single_call(model, param, "query"),
        QueryStyle::Entries => return tokens!(.query_map(#value)),
        QueryStyle::Repeated => list_style("Repeated"),
        QueryStyle::Comma => list_style("Comma"),
        QueryStyle::Space => list_style("Space"),
        QueryStyle::Pipe => list_style("Pipe"),
    };
    let wire = &param.wire;
    let items = items(model, param);
    tokens!(.query_list(#wire, #items, #style))
}

/// `.<call>(wire, value)` for one value (`query`, `header`, `cookie`), or its items for the
/// `*_list` calls. A value without `Display` is written as its JSON text.
fn single_call(model: &Model, param: &Param, call: &str) -> Tokens {
    let wire = &param.wire;
    let call = Ident(call);
    if param.style == QueryStyle::Comma {
        let items = items(model, param);
        return tokens!(.#call(#wire, #items));
    }
    let timestamp = timestamp_item(model.profile.timestamps, "format");
    let field = ident(&param.ident);
    // A required value is converted inside the `Some` (clippy's `unnecessary_map_on_constructor`).
    let converted = |convert: Tokens| {
        if param.required {
            tokens!(Some(#convert(&self.#field)))
        } else {
            tokens!(self.#field.as_ref().map(#convert))
        }
    };
    let value = match param.ty.resolve(&model.types) {
        Ty::DateTime => converted(timestamp),
        ty if !has_display(ty, model) => converted(tokens!(super::runtime::query::text)),
        _ => value(param),
    };
    tokens!(.#call(#wire, #value))
}

/// The call that adds a multipart part: `.file(..)`/`.files(..)` for files, `.text(..)`/
/// `.texts(..)` for values with `Display` (and arrays of them), `.json(..)` for the rest.
fn part_call(model: &Model, param: &Param) -> Tokens {
    let wire = &param.wire;
    let value = value(param);
    match param.ty.resolve(&model.types) {
        Ty::File => tokens!(.file(#wire, #value)),
        Ty::Vec(item) if matches!(**item, Ty::File) => tokens!(.files(#wire, #value)),
        Ty::Vec(item) if has_display(item.resolve(&model.types), model) => {
            tokens!(.texts(#wire, #value))
        }
        ty if has_display(ty, model) => single_call(model, param, "text"),
        _ => tokens!(.json(#wire, #value)),
    }
}

/// `Some(&self.field)` for a required parameter, `self.field.as_ref()` for an optional one.
fn value(param: &Param) -> Tokens {
    let field = ident(&param.ident);
    if param.required {
        tokens!(Some(&self.#field))
    } else {
        tokens!(self.#field.as_ref())
    }
}

/// An array parameter's items, timestamps written as in JSON bodies.
fn items(model: &Model, param: &Param) -> Tokens {
    let value = value(param);
    let timestamp = timestamp_item(model.profile.timestamps, "format");
    match param.ty.resolve(&model.types) {
        Ty::Vec(item) if matches!(item.resolve(&model.types), Ty::DateTime) => {
            tokens!(#value.map(|items| items.iter().map(#timestamp)))
        }
        _ => value,
    }
}

/// Whether values of `ty` have `Display` (unions, structs and maps do not).
fn has_display(ty: &Ty, model: &Model) -> bool {
    match ty {
        Ty::Named(id) => matches!(model.types[*id].kind, Kind::Enum(_)),
        Ty::Map(_)
        | Ty::List(_)
        | Ty::Vec(_)
        | Ty::Tuple(_)
        | Ty::Option(_)
        | Ty::Bytes
        | Ty::File => false,
        _ => true,
    }
}
