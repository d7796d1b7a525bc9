//! The operations: one module per tag with a handle (`client.webhooks()`) and a request builder
//! per operation that implements `IntoFuture`; plus the crate-level items they share (base URL,
//! `Client::builder`, error codes, pagination of the list envelope). All HTTP work is the
//! runtime's (`runtime::client`); this is the thin typed layer over it.

use crate::tokens::{Ident, Tokens, tokens};

use super::Module;
use super::docs::{doc, ident, ty};
use super::requests::build_request;
use crate::model::{BodyForm, Encoding, Kind, Model, Operation, Output, Ty};

/// The module of one tag: its handle and its operations' request builders.
pub fn tag_module(model: &Model, tag: &crate::model::Tag) -> Module {
    let module = tag.module.clone();
    let handle = Ident(&tag.handle);
    let method = ident(&module);
    let tag_doc = tag
        .doc
        .clone()
        .unwrap_or_else(|| format!("Operations tagged `{}`.", tag.name));
    let handle_doc = doc(Some(&format!(
        "{tag_doc}\n\nReturned by [`Client::{module}`]."
    )));
    let client_doc = doc(Some(&tag_doc));
    let operations: Vec<&Operation> = model
        .operations
        .iter()
        .filter(|op| op.tag == tag.name)
        .collect();
    let methods = operations.iter().map(|op| handle_method(model, op));
    let checked = operations
        .iter()
        .any(|op| super::validate::request_check(op).is_some());
    let validate_import = checked.then(|| {
        tokens!(
            use super::runtime::validate;
        )
    });
    let mut items = vec![
        tokens!(
            use std::future::IntoFuture;

            use super::runtime::client::{BoxFuture, Client, Method, Request};
            use super::runtime::error::Error;
            #[allow(unused_imports)]
            use super::types::*;
            #validate_import
        ),
        tokens! {
            impl Client {
                #client_doc
                pub fn #method(&self) -> #handle<'_> {
                    #handle { client: self }
                }
            }

            #handle_doc
            #[derive(Clone, Copy, Debug)]
            pub struct #handle<'a> {
                client: &'a Client,
            }

            impl<'a> #handle<'a> {
                #(#methods)*
            }
        },
    ];
    for op in operations {
        items.push(request_builder(model, op, &handle));
    }
    Module {
        name: module,
        doc: tag_doc,
        items,
        glob_export: false,
    }
}

/// How the body is passed: as a params struct, field by field with defaults, as text or bytes,
/// or as one of several media types.
enum BodyStyle<'m> {
    None,
    /// A struct with required fields (or any other type) in JSON or a form: a method argument.
    Argument(Ty),
    /// A struct whose fields are all optional: starts from `Default`, with a setter per field.
    Fields(Ty, usize),
    /// Text or bytes: the `body` argument, taking anything that converts.
    Raw(Ty),
    /// Several media types: the enum of them (named `params`), a variant each.
    Choice(&'m [BodyForm]),
}

fn body_style(op: &Operation) -> BodyStyle<'_> {
    let Some(body) = &op.body else {
        return BodyStyle::None;
    };
    let Some(form) = body.single() else {
        return BodyStyle::Choice(&body.forms);
    };
    match (form.encoding, op.body_fields) {
        (Encoding::Text | Encoding::Bytes | Encoding::Multipart, _) => {
            BodyStyle::Raw(form.ty.clone())
        }
        (_, Some(id)) => BodyStyle::Fields(form.ty.clone(), id),
        (_, None) => BodyStyle::Argument(form.ty.clone()),
    }
}

/// The enum of a body's media types: `pub enum <Params> { Json(T), Text(String) }`.
fn choice_item(model: &Model, op: &Operation, forms: &[BodyForm], doc: &str) -> Tokens {
    let params = params_name(op);
    let variants = forms.iter().map(|form| {
        let variant = Ident(&form.variant);
        let form_ty = ty(&form.ty, &model.types);
        let media = format!(" Sent as `{}`.", form.media_type);
        tokens!(#[doc = #media] #variant(#form_ty),)
    });
    tokens! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub enum #params {
            #(#variants)*
        }
    }
}

fn request_name(op: &Operation) -> Ident<'_> {
    Ident(&op.builder)
}

fn params_name(op: &Operation) -> Ident<'_> {
    Ident(op.params.as_deref().unwrap_or("Params"))
}

/// `pub type <Params> = <Body>;`, or `pub use` of the body's type when it has the name already.
fn params_item(model: &Model, op: &Operation, body: &Ty, doc: &str) -> Tokens {
    let params = params_name(op);
    if matches!(body, Ty::Named(id) if Some(model.types[*id].name.as_str()) == op.params.as_deref())
    {
        return tokens!(#[doc = #doc] pub use super::types::#params;);
    }
    let body_ty = ty(body, &model.types);
    tokens!(#[doc = #doc] pub type #params = #body_ty;)
}

/// `impl Into<String>` for strings, `impl IntoIterator<Item = impl Into<T>>` for lists.
fn setter_input(param_ty: &Ty, model: &Model) -> (Tokens, Tokens) {
    match param_ty {
        Ty::String => (tokens!(impl Into<String>), tokens!(.into())),
        Ty::Bytes => (tokens!(impl Into<Vec<u8>>), tokens!(.into())),
        Ty::Vec(item) => {
            let item = ty(item, &model.types);
            (
                tokens!(impl IntoIterator<Item = impl Into<#item>>),
                tokens!(.into_iter().map(Into::into).collect()),
            )
        }
        other => (ty(other, &model.types), Tokens::new()),
    }
}

fn operation_doc(op: &Operation) -> String {
    let mut paragraphs: Vec<String> = op.summary.iter().chain(&op.description).cloned().collect();
    let mut line = format!("`{} {}`.", op.method.to_uppercase(), op.path);
    if op.pagination.is_some() {
        line.push_str(" Returns one page; `into_stream()` on the request yields every item.");
    }
    paragraphs.push(line);
    let errors: Vec<String> = op
        .errors
        .iter()
        .map(|case| {
            let codes: Vec<String> = case.codes.iter().map(|c| format!("`{c}`")).collect();
            let mut text = case.status.to_string();
            if !codes.is_empty() {
                text.push(' ');
                text.push_str(&codes.join(" or "));
            }
            if (300..400).contains(&case.status) {
                text.push_str(" (a redirect, not followed: `Error::Redirect`)");
            } else if let Some(description) = &case.description {
                text.push_str(&format!(" ({})", description.trim_end_matches('.')));
            }
            text
        })
        .collect();
    if !errors.is_empty() {
        paragraphs.push(format!("Errors: {}.", errors.join("; ")));
    }
    paragraphs.join("\n\n")
}

fn handle_method(model: &Model, op: &Operation) -> Tokens {
    let name = ident(&op.name);
    let request = request_name(op);
    let method_doc = doc(Some(&operation_doc(op)));
    let mut args = Vec::new();
    let mut inits = Vec::new();
    // Path parameters, then the required ones of the query, headers and cookies.
    for param in op.path_params.iter().chain(
        op.params()
            .skip(op.path_params.len())
            .filter(|p| p.required),
    ) {
        let field = ident(&param.ident);
        let (input, convert) = setter_input(&param.ty, model);
        args.push(tokens!(#field: #input));
        // Shorthand when nothing converts (clippy's `redundant_field_names`, also for `r#type`).
        if convert.is_empty() {
            inits.push(tokens!(#field));
        } else {
            inits.push(tokens!(#field: #field #convert));
        }
    }
    for param in op.params().filter(|p| !p.required) {
        let field = ident(&param.ident);
        inits.push(tokens!(#field: None));
    }
    match body_style(op) {
        BodyStyle::None => {}
        BodyStyle::Argument(_) | BodyStyle::Choice(_) => {
            let params = params_name(op);
            args.push(tokens!(params: #params));
            inits.push(tokens!(body: params));
        }
        BodyStyle::Raw(body) => {
            let (input, convert) = setter_input(&body, model);
            args.push(tokens!(body: #input));
            inits.push(tokens!(body: body #convert));
        }
        BodyStyle::Fields(body, _) => {
            let body = ty(&body, &model.types);
            inits.push(tokens!(body: #body::default()));
        }
    }
    if op.idempotency_header.is_some() {
        inits.push(tokens!(idempotency_key: None));
    }
    inits.push(tokens!(options: super::runtime::client::RequestOptions::default()));
    tokens! {
        #method_doc
        pub fn #name(&self, #(#args),*) -> #request<'a> {
            #request { client: self.client, #(#inits,)* }
        }
    }
}

fn request_builder(model: &Model, op: &Operation, handle: &Ident<'_>) -> Tokens {
    let request = request_name(op);
    let method_name = &op.name;
    let struct_doc = format!(
        " Request of [`{handle}::{method_name}`]: set optional parameters, then `.await` it (`.send()` for the status and headers too)."
    );
    let mut fields = Vec::new();
    let mut setters = Vec::new();
    for param in op.params() {
        let field = ident(&param.ident);
        let field_ty = ty(&param.ty, &model.types);
        if param.required {
            fields.push(tokens!(#field: #field_ty));
            continue;
        }
        fields.push(tokens!(#field: Option<#field_ty>));
        let (input, convert) = setter_input(&param.ty, model);
        let mut text = param
            .doc
            .clone()
            .unwrap_or_else(|| format!("Sets `{}`.", param.wire));
        if let Some(default) = &param.default {
            text.push_str(&format!("\n\nDefault: `{default}`."));
        }
        let setter_doc = doc(Some(&text));
        setters.push(tokens! {
            #setter_doc
            pub fn #field(mut self, #field: #input) -> Self {
                self.#field = Some(#field #convert);
                self
            }
        });
    }
    let mut aliases = Tokens::new();
    match body_style(op) {
        BodyStyle::None => {}
        BodyStyle::Argument(body) => {
            let body_ty = ty(&body, &model.types);
            fields.push(tokens!(body: #body_ty));
            let alias_doc = format!(" Parameters of [`{handle}::{method_name}`].");
            aliases = params_item(model, op, &body, &alias_doc);
        }
        BodyStyle::Raw(body) => {
            let body_ty = ty(&body, &model.types);
            fields.push(tokens!(body: #body_ty));
        }
        BodyStyle::Choice(forms) => {
            let params = params_name(op);
            fields.push(tokens!(body: #params));
            let choice_doc = format!(
                " The body of [`{handle}::{method_name}`], in the media type the variant names."
            );
            aliases = choice_item(model, op, forms, &choice_doc);
        }
        BodyStyle::Fields(body, id) => {
            let body_ty = ty(&body, &model.types);
            fields.push(tokens!(body: #body_ty));
            let params = params_name(op);
            let alias_doc = format!(
                " Parameters of [`{handle}::{method_name}`] (also settable one by one on the request)."
            );
            aliases = params_item(model, op, &body, &alias_doc);
            let Kind::Struct(s) = &model.types[id].kind else {
                unreachable!()
            };
            for field in &s.fields {
                let member = ident(&field.ident);
                let text = field
                    .doc
                    .as_deref()
                    .unwrap_or("Sets this field of the body.");
                // Optional and nullable: the setter takes the `Option`, `None` sends `null`.
                if let Ty::Option(nullable) = &field.ty {
                    if let Ty::Option(_) = **nullable {
                        let setter_doc = doc(Some(&format!("{text}\n\n`None` sends `null`.")));
                        let input = ty(nullable, &model.types);
                        setters.push(tokens! {
                            #setter_doc
                            pub fn #member(mut self, #member: #input) -> Self {
                                self.body.#member = Some(#member);
                                self
                            }
                        });
                        continue;
                    }
                }
                let (input, convert) = setter_input(field.ty.inner(), model);
                // A field with a default is no `Option`: it always has a value.
                let value = match &field.ty {
                    Ty::Option(_) => tokens!(Some(#member #convert)),
                    _ => tokens!(#member #convert),
                };
                let setter_doc = doc(Some(text));
                setters.push(tokens! {
                    #setter_doc
                    pub fn #member(mut self, #member: #input) -> Self {
                        self.body.#member = #value;
                        self
                    }
                });
            }
            setters.push(tokens! {
                /// Replaces the whole body (every field set by earlier calls).
                pub fn params(mut self, params: #params) -> Self {
                    self.body = params;
                    self
                }
            });
        }
    }
    if let Some(header) = &op.idempotency_header {
        fields.push(tokens!(idempotency_key: Option<String>));
        let key_doc = doc(Some(&format!(
            "Sends `{header}: <key>`, and lets the client retry this request when it fails (without\na key a {} is sent once). Whether the server runs it once per key is the API's to say.",
            op.method.to_uppercase()
        )));
        setters.push(tokens! {
            #key_doc
            pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
                self.idempotency_key = Some(key.into());
                self
            }
        });
    }
    for name in &op.credentials {
        let Some(scheme) = model.schemes.iter().find(|s| &s.name == name) else {
            continue;
        };
        let method = ident(&scheme.method);
        let setter_doc = doc(Some(&super::api::credential_doc(
            scheme,
            "this request",
            true,
        )));
        let value = match scheme.credential {
            crate::model::Credential::Basic => {
                setters.push(tokens! {
                    #setter_doc
                    pub fn #method(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
                        self.options.credential(#name, format!("{}:{}", username.into(), password.into()));
                        self
                    }
                });
                continue;
            }
            _ => tokens!(#method.into()),
        };
        setters.push(tokens! {
            #setter_doc
            pub fn #method(mut self, #method: impl Into<String>) -> Self {
                self.options.credential(#name, #value);
                self
            }
        });
    }
    setters.push(tokens! {
        /// Sends header `name: value` with this request, replacing the client's header of that
        /// name; call it again to send more values. Checked when the request is sent.
        pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.options.header(name.into(), value.into());
            self
        }

        /// The time limit of each attempt of this request, instead of the client's.
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.timeout(timeout);
            self
        }

        /// How many times this request is sent again when it fails, instead of the client's
        /// count (only a request that is safe to repeat is retried).
        pub fn max_retries(mut self, max_retries: u32) -> Self {
            self.options.max_retries(max_retries);
            self
        }
    });
    if super::validate::request_check(op).is_some() {
        setters.push(tokens! {
            /// Sends this request without checking its values against the spec's constraints
            /// (`minimum`, `maxLength`, `pattern`, ...) first: for a server that accepts more
            /// than this version of the spec says.
            pub fn skip_validation(mut self) -> Self {
                self.options.skip_validation();
                self
            }
        });
    }
    fields.push(tokens!(options: super::runtime::client::RequestOptions));
    let build = build_request(model, op);
    let operation = operation_const(op);
    let (output, execute) = match &op.output {
        Output::Empty => (tokens!(()), tokens!(execute_empty)),
        Output::Body {
            encoding, ty: body, ..
        } => match encoding {
            Encoding::Json => (ty(body, &model.types), tokens!(execute_json)),
            Encoding::Text => (tokens!(String), tokens!(execute_text)),
            Encoding::Form | Encoding::Multipart | Encoding::Bytes => {
                (tokens!(Vec<u8>), tokens!(execute_bytes))
            }
        },
        Output::Redirect => (
            tokens!(super::runtime::error::Redirect),
            tokens!(execute_redirect),
        ),
        Output::Upgrade { .. } => (
            tokens!(super::runtime::body::Upgraded),
            tokens!(execute_upgrade),
        ),
    };
    let byte_stream = matches!(
        op.output,
        Output::Body {
            encoding: Encoding::Bytes,
            ..
        }
    )
    .then(|| {
        tokens! {
            /// Sends the request and returns the response body as a stream of chunks, read as
            /// it is polled, with no bound on its size (`.await` reads at most 16 MiB).
            pub fn into_byte_stream(
                self,
            ) -> BoxFuture<'a, Result<super::runtime::body::ByteStream, Error>> {
                super::runtime::client::into_inner(self.client.execute_stream(self.build_request()))
            }
        }
    });
    let stream = op.pagination.as_ref().map(|pagination| {
        let after = ident(&pagination.after);
        let reset_before = pagination.before.as_deref().map(|before| {
            let before = ident(before);
            tokens!(page.#before = None;)
        });
        let doc = doc(Some(&format!(
            "Every item from this request's position on, fetching pages (of `limit` items, if\nset) as the stream is polled and following the `{}` cursor until it is `null`.",
            pagination.after
        )));
        tokens! {
            #doc
            pub fn into_stream(self) -> super::runtime::pagination::Paginator<'a, #output> {
                let client = self.client;
                super::runtime::pagination::Paginator::new(move |cursor| {
                    let mut page = self.clone();
                    if let Some(after) = cursor {
                        #reset_before
                        page.#after = Some(after);
                    }
                    super::runtime::client::into_inner(client.execute_json(page.build_request()))
                })
            }
        }
    });
    tokens! {
        #aliases

        #[doc = #struct_doc]
        #[derive(Clone, Debug)]
        #[must_use = "a request does nothing until it is awaited"]
        pub struct #request<'a> {
            client: &'a Client,
            #(#fields,)*
        }

        impl<'a> #request<'a> {
            #(#setters)*

            /// Sends the request: the result with the response's status, headers and request id.
            pub fn send(self) -> BoxFuture<'a, Result<super::runtime::client::Response<#output>, Error>> {
                Box::pin(self.client.#execute(self.build_request()))
            }

            #stream
            #byte_stream
            #build
            #operation
        }

        impl<'a> IntoFuture for #request<'a> {
            type Output = Result<#output, Error>;
            type IntoFuture = BoxFuture<'a, Self::Output>;

            fn into_future(self) -> Self::IntoFuture {
                super::runtime::client::into_inner(self.client.#execute(self.build_request()))
            }
        }
    }
}

/// `const OPERATION`: what hooks, tracing and credentials know of the operation.
fn operation_const(op: &Operation) -> Tokens {
    let method = heck::ToUpperCamelCase::to_upper_camel_case(op.method.as_str());
    let method = Ident(&method);
    let (id, path) = (&op.operation_id, &op.path);
    let alternatives = op.security.iter().map(|names| tokens!(&[#(#names),*]));
    tokens! {
        const OPERATION: super::runtime::client::Operation = super::runtime::client::Operation {
            id: #id,
            method: Method::#method,
            path: #path,
            security: &[#(#alternatives),*],
        };
    }
}

#[cfg(test)]
mod tests {
    use crate::model::naming::RESERVED_MODULE_NAMES;

    /// The leaf names a `use` tree brings in.
    fn leaves(tree: &syn::UseTree, out: &mut Vec<String>) {
        match tree {
            syn::UseTree::Path(path) => leaves(&path.tree, out),
            syn::UseTree::Name(name) => out.push(name.ident.to_string()),
            syn::UseTree::Rename(rename) => out.push(rename.rename.to_string()),
            syn::UseTree::Group(group) => group.items.iter().for_each(|t| leaves(t, out)),
            syn::UseTree::Glob(_) => {}
        }
    }

    /// A tag's module is a module at the crate root and a method of `Client`: every lowercase
    /// name the root has and every method `Client` has are kept from it.
    #[test]
    fn tag_modules_cannot_take_a_name_of_the_root_or_of_client() {
        let mut names = vec!["runtime".to_string(), "types".into(), "api".into()];
        names.push("webhook".into());
        names.extend(["lib".into(), "main".into(), "builder".into()]);
        for file in crate::emit::runtime::FILES {
            if let Some(export) = file.export {
                leaves(&syn::parse_str(export).unwrap(), &mut names);
            }
        }
        // `Client`'s methods, in `client` and in the modules that add some (`body`).
        let sources = crate::emit::runtime::FILES
            .iter()
            .map(|file| syn::parse_str::<syn::File>(file.source).unwrap());
        for item in sources.flat_map(|source| source.items) {
            let syn::Item::Impl(block) = item else {
                continue;
            };
            let syn::Type::Path(self_ty) = &*block.self_ty else {
                continue;
            };
            if block.trait_.is_none() && self_ty.path.is_ident("Client") {
                for member in &block.items {
                    if let syn::ImplItem::Fn(method) = member {
                        names.push(method.sig.ident.to_string());
                    }
                }
            }
        }
        assert!(names.contains(&"execute_json".to_string()), "{names:?}");
        for name in names {
            let lowercase = name.starts_with(|c: char| c.is_ascii_lowercase());
            assert!(
                !lowercase || RESERVED_MODULE_NAMES.contains(&name.as_str()),
                "`{name}` is missing from RESERVED_MODULE_NAMES"
            );
        }
    }
}
