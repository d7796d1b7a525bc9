//! `Validate` for each generated type, and the check of a request before it is sent: the
//! model's checks ([`crate::model::checks`]) as code over the runtime's `validate`.

use crate::tokens::{Ident, Tokens, tokens};

use super::docs::ident;
use crate::model::checks::{Check, Inner, Rule, RuleKind};
use crate::model::{Kind, ListEnvelope, Operation, TypeDef};

/// A literal as written (a number's text).
fn lit(text: &str) -> Tokens {
    let mut tokens = Tokens::new();
    tokens.push_literal(text);
    tokens
}

/// `impl Validate for <type>`: its own rules, then each field's or variant's.
pub fn type_impl(def: &TypeDef) -> Tokens {
    let name = ident(&def.name);
    let mut body = Tokens::new();
    if let Some(check) = &def.checks {
        // A newtype's checks are its value's; a struct's or union's own are JSON rules on it.
        let code = match &def.kind {
            Kind::Newtype(_) => {
                let code = place(check, tokens!(value), 0);
                tokens!(let value = &self.0; #code)
            }
            _ => place(check, tokens!(self), 0),
        };
        body.extend(&code);
    }
    match &def.kind {
        Kind::Struct(s) => {
            for field in &s.fields {
                let Some(check) = &field.checks else { continue };
                let member = ident(&field.ident);
                let code = place(check, tokens!(value), 0);
                let code = tokens!(let value = &self.#member; #code);
                // A flattened field's properties sit beside the struct's own.
                let code = if field.flatten {
                    tokens!({ #code })
                } else {
                    let wire = &field.wire;
                    tokens! {
                        let mark = at.key(#wire);
                        { #code }
                        at.back(mark);
                    }
                };
                body.extend(&code);
            }
        }
        Kind::Union(u) => {
            // A variant of an `Option` binds inside it (`Self::A(Some(value1))`).
            let mut partial = false;
            let checked: Vec<(Tokens, Tokens)> = u
                .variants
                .iter()
                .filter_map(|v| {
                    let check = v.checks.as_ref()?;
                    let variant = ident(&v.ident);
                    let (pattern, code) = match (check.rules.is_empty(), &check.inner) {
                        (true, Inner::Some(inner)) => {
                            partial = true;
                            let (pattern, inner) = some_pattern(inner, &Ident("value1"));
                            (pattern, place(inner, tokens!(value1), 1))
                        }
                        _ => (tokens!(value), place(check, tokens!(value), 0)),
                    };
                    Some((tokens!(Self::#variant(#pattern)), code))
                })
                .collect();
            let all = !partial && checked.len() == u.variants.len() && u.tag.is_none();
            let code = match checked.as_slice() {
                [] => Tokens::new(),
                [(pattern, code)] if all => tokens!(match self { #pattern => { #code } }),
                [(pattern, code)] => tokens!(if let #pattern = self { #code }),
                arms => {
                    let arms = arms
                        .iter()
                        .map(|(pattern, code)| tokens!(#pattern => { #code }));
                    let rest = (!all).then(|| tokens!(_ => {}));
                    tokens! {
                        match self {
                            #(#arms)*
                            #rest
                        }
                    }
                }
            };
            body.extend(&code);
        }
        Kind::Newtype(_) | Kind::Alias(_) | Kind::Enum(_) | Kind::Values(_) => {}
    }
    check_fn(&name, body, Tokens::new())
}

/// `impl<T: Validate> Validate for List<T>`: its items.
pub fn list_impl(list: &ListEnvelope) -> Tokens {
    let (items, wire) = &list.items;
    let items = ident(items);
    tokens! {
        impl<T: validate::Validate> validate::Validate for List<T> {
            fn check(&self, at: &mut validate::Pointer, out: &mut validate::Violations) {
                let mark = at.key(#wire);
                validate::Validate::check(&self.#items, at, out);
                at.back(mark);
            }
        }
    }
}

/// The `check` of a type (`generics`: none for the spec's types).
fn check_fn(name: &Ident<'_>, body: Tokens, generics: Tokens) -> Tokens {
    if body.is_empty() {
        return tokens! {
            impl #generics validate::Validate for #name {
                fn check(&self, _: &mut validate::Pointer, _: &mut validate::Violations) {}
            }
        };
    }
    tokens! {
        impl #generics validate::Validate for #name {
            fn check(&self, at: &mut validate::Pointer, out: &mut validate::Violations) {
                #body
            }
        }
    }
}

/// The checks of a request's parameters and body, run before it is sent: `None` when it has
/// none. The function returns the violations as [`Error::Validation`].
pub fn request_check(op: &Operation) -> Option<Tokens> {
    let places = [
        ("path", &op.path_params),
        ("query", &op.query_params),
        ("header", &op.header_params),
        ("cookie", &op.cookie_params),
        ("body", &op.part_params),
    ];
    let mut body = Tokens::new();
    for (place_name, params) in places {
        let checked: Vec<Tokens> = params
            .iter()
            .filter_map(|param| {
                let check = param.checks.as_ref()?;
                let field = ident(&param.ident);
                let wire = &param.wire;
                let code = if param.required {
                    let code = place(check, tokens!(value), 1);
                    tokens!(let value = &self.#field; #code)
                } else {
                    let code = place(check, tokens!(value), 1);
                    tokens! {
                        if let Some(value) = &self.#field {
                            #code
                        }
                    }
                };
                Some(tokens! {
                    {
                        let mark = at.key(#wire);
                        #code
                        at.back(mark);
                    }
                })
            })
            .collect();
        if !checked.is_empty() {
            body.extend(&tokens! {
                let mark = at.key(#place_name);
                #(#checked)*
                at.back(mark);
            });
        }
    }
    if let Some(forms) = op.body.as_ref().map(|b| &b.forms) {
        let code = match forms.as_slice() {
            [form] => form.checks.as_ref().map(|check| {
                let code = place(check, tokens!(value), 1);
                tokens!(let value = &self.body; #code)
            }),
            forms => {
                let choice = Ident(op.params.as_deref().unwrap_or("Params"));
                let arms: Vec<Tokens> = forms
                    .iter()
                    .filter_map(|form| {
                        let check = form.checks.as_ref()?;
                        let variant = Ident(&form.variant);
                        let code = place(check, tokens!(value), 1);
                        Some(tokens!(#choice::#variant(value) => { #code }))
                    })
                    .collect();
                let rest = (arms.len() < forms.len()).then(|| tokens!(_ => {}));
                (!arms.is_empty()).then(|| {
                    tokens! {
                        match &self.body {
                            #(#arms)*
                            #rest
                        }
                    }
                })
            }
        };
        if let Some(code) = code {
            body.extend(&tokens! {
                let mark = at.key("body");
                #code
                at.back(mark);
            });
        }
    }
    if body.is_empty() {
        return None;
    }
    Some(tokens! {
        /// The spec's value constraints on this request's parameters and body (`minimum`,
        /// `maxLength`, ...), checked before anything is sent.
        fn validate_request(&self) -> Result<(), Error> {
            let at = &mut validate::Pointer::default();
            let out = &mut validate::Violations::default();
            #body
            std::mem::take(out).into_result().map_err(Error::Validation)
        }
    })
}

/// The code checking `value` (an expression of a reference to the place's value), `depth`
/// places deep (for the names of its bindings).
fn place(check: &Check, value: Tokens, depth: usize) -> Tokens {
    let mut code = Tokens::new();
    for rule in &check.rules {
        code.extend(&rule_code(rule, &value));
    }
    let inner_name = format!("value{}", depth + 1);
    let inner = Ident(&inner_name);
    let inner_code = |check: &Check| place(check, tokens!(#inner), depth + 1);
    let nested = match &check.inner {
        Inner::Nothing => Tokens::new(),
        Inner::Delegate => tokens!(validate::Validate::check(#value, at, out);),
        Inner::Some(check) => {
            // `Option<Option<T>>`: one pattern (`Some(Some(value1))`), as clippy has it.
            let (pattern, check) = some_pattern(check, &inner);
            let code = inner_code(check);
            tokens! {
                if let #pattern = #value {
                    #code
                }
            }
        }
        Inner::Items(check) => {
            let code = inner_code(check);
            tokens! {
                validate::each_item(#value, at, out, |#inner, at, out| {
                    #code
                });
            }
        }
        Inner::Values(check) => {
            let code = inner_code(check);
            tokens! {
                validate::each_value(#value, at, out, |#inner, at, out| {
                    #code
                });
            }
        }
        Inner::Tuple(places) => {
            let mut all = Tokens::new();
            for (index, check) in places.iter().enumerate() {
                let Some(check) = check else { continue };
                let field = lit(&index.to_string());
                let code = inner_code(check);
                all.extend(&tokens! {
                    let mark = at.index(#index);
                    let #inner = &#value.#field;
                    #code
                    at.back(mark);
                });
            }
            all
        }
    };
    code.extend(&nested);
    code
}

/// The pattern binding `inner` inside the `Option`s of a chain of `Some` checks (each with no
/// rules of its own), and the check of what it binds.
fn some_pattern<'c>(check: &'c Check, inner: &Ident<'_>) -> (Tokens, &'c Check) {
    let mut check = check;
    let mut depth = 1;
    while let (true, Inner::Some(next)) = (check.rules.is_empty(), &check.inner) {
        check = next;
        depth += 1;
    }
    let mut pattern = tokens!(#inner);
    for _ in 0..depth {
        pattern = tokens!(Some(#pattern));
    }
    (pattern, check)
}

/// One rule's call.
fn rule_code(rule: &Rule, value: &Tokens) -> Tokens {
    let schema = &rule.schema;
    match &rule.kind {
        RuleKind::MinLength(min) => {
            let min = lit(&min.to_string());
            tokens!(validate::min_length(#value, #min, at, #schema, out);)
        }
        RuleKind::MaxLength(max) => {
            let max = lit(&max.to_string());
            tokens!(validate::max_length(#value, #max, at, #schema, out);)
        }
        RuleKind::Pattern(pattern) => tokens! {
            {
                static PATTERN: super::runtime::pattern::Pattern =
                    super::runtime::pattern::Pattern::new(#pattern);
                PATTERN.check(#value, at, #schema, out);
            }
        },
        RuleKind::Minimum(bound, exclusive) => {
            let bound = lit(bound);
            tokens!(validate::minimum(#value, #bound, #exclusive, at, #schema, out);)
        }
        RuleKind::Maximum(bound, exclusive) => {
            let bound = lit(bound);
            tokens!(validate::maximum(#value, #bound, #exclusive, at, #schema, out);)
        }
        RuleKind::MultipleOf(divisor) => {
            let divisor = lit(divisor);
            tokens!(validate::multiple_of(#value, #divisor, at, #schema, out);)
        }
        RuleKind::MinCount(keyword, min) => {
            let min = lit(&min.to_string());
            tokens!(validate::min_count(#value.len(), #min, #keyword, at, #schema, out);)
        }
        RuleKind::MaxCount(keyword, max) => {
            let max = lit(&max.to_string());
            tokens!(validate::max_count(#value.len(), #max, #keyword, at, #schema, out);)
        }
        RuleKind::UniqueItems => tokens!(validate::unique_items(#value, at, #schema, out);),
        RuleKind::Json(text) => {
            let text = lit(&raw_string(text));
            tokens! {
            {
                static RULE: super::runtime::json_rule::JsonRule =
                    super::runtime::json_rule::JsonRule::new(#schema, #text);
                RULE.check(#value, at, out);
            }
            }
        }
    }
}

/// `text` as a raw string literal (`r#"..."#`, with as many `#` as it needs).
fn raw_string(text: &str) -> String {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
}
