//! Rust code as emitted: tokens in a flat form, one text buffer and one array of tokens, a
//! group being an open and a close token that know each other. The emitter writes them with
//! [`tokens!`](crate::tokens!) (quote's `quote!`, writing here instead of into a
//! `proc_macro2::TokenStream`, whose every identifier is a heap string and every group a shared
//! vector); the printer reads them without copying a token, as often as there are layouts.

pub(crate) mod quote;

pub(crate) use quote::tokens;

use std::fmt::Write;

pub use proc_macro2::Delimiter;
use proc_macro2::{Group, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Ident,
    /// `joint`: the next token is a punctuation glued to this one (`:` of `::`).
    Punct {
        joint: bool,
    },
    Literal,
    Open(Delimiter),
    Close,
}

#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub kind: Kind,
    start: u32,
    end: u32,
    /// For `Open`, the index of its `Close`.
    close: u32,
}

impl Tok {
    /// For an `Open`, the index of its `Close`.
    #[inline]
    pub fn close(&self) -> usize {
        self.close as usize
    }
}

/// Some Rust code, as tokens. The emitter's templates call the `push_*` methods once per token:
/// they are not inlined, so that the templates stay small code (most of it runs once per run,
/// from a cold cache).
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    text: String,
    toks: Vec<Tok>,
}

impl Tokens {
    pub fn new() -> Self {
        Tokens::default()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn tok(&self, at: usize) -> &Tok {
        &self.toks[at]
    }

    #[inline]
    pub fn text(&self, at: usize) -> &str {
        let tok = &self.toks[at];
        &self.text[tok.start as usize..tok.end as usize]
    }

    fn push(&mut self, kind: Kind, text: &str) {
        let start = self.text.len() as u32;
        self.text.push_str(text);
        self.toks.push(Tok {
            kind,
            start,
            end: self.text.len() as u32,
            close: 0,
        });
    }

    /// An identifier, or a keyword (`r#type` as written).
    #[inline(never)]
    pub fn push_ident(&mut self, ident: &str) {
        self.push(Kind::Ident, ident);
    }

    /// Punctuation of one or more characters (`::`): all but the last joint to the next.
    #[inline(never)]
    pub fn push_punct(&mut self, punct: &str) {
        let last = punct.len() - 1;
        for at in 0..punct.len() {
            self.push(Kind::Punct { joint: at < last }, &punct[at..=at]);
        }
    }

    /// `'name`: a joint `'` and an identifier, as `proc_macro2` has lifetimes.
    #[inline(never)]
    pub fn push_lifetime(&mut self, lifetime: &str) {
        self.push(Kind::Punct { joint: true }, "'");
        self.push(Kind::Ident, &lifetime[1..]);
    }

    /// A literal as written (`16`, `"text"`, `r"doc"`).
    #[inline(never)]
    pub fn push_literal(&mut self, literal: &str) {
        self.push(Kind::Literal, literal);
    }

    /// `value` as a string literal, escaped as `proc_macro2::Literal::string` escapes it.
    #[inline(never)]
    pub fn push_string(&mut self, value: &str) {
        let start = self.text.len() as u32;
        self.text.reserve(value.len() + 2);
        self.text.push('"');
        escape(value, &mut self.text);
        self.text.push('"');
        self.toks.push(Tok {
            kind: Kind::Literal,
            start,
            end: self.text.len() as u32,
            close: 0,
        });
    }

    /// Opens a group; [`Tokens::close`] with what this returns closes it.
    #[inline(never)]
    pub fn open(&mut self, delimiter: Delimiter) -> usize {
        self.push(Kind::Open(delimiter), "");
        self.toks.len() - 1
    }

    pub fn close(&mut self, open: usize) {
        self.toks[open].close = self.toks.len() as u32;
        self.push(Kind::Close, "");
    }

    /// Appends a copy of `other`.
    #[inline(never)]
    pub fn extend(&mut self, other: &Tokens) {
        let text = self.text.len() as u32;
        let toks = self.toks.len() as u32;
        self.text.push_str(&other.text);
        self.toks.extend(other.toks.iter().map(|tok| Tok {
            start: tok.start + text,
            end: tok.end + text,
            close: if let Kind::Open(_) = tok.kind {
                tok.close + toks
            } else {
                0
            },
            ..*tok
        }));
    }

    /// The tokens as a `proc_macro2` stream, for `syn` (what the printer does not read).
    pub fn to_stream(&self) -> TokenStream {
        self.stream(0, self.toks.len())
    }

    fn stream(&self, mut at: usize, end: usize) -> TokenStream {
        let mut out = Vec::new();
        while at < end {
            let tok = self.toks[at];
            let text = self.text(at);
            out.push(match tok.kind {
                Kind::Open(delimiter) => {
                    let close = tok.close as usize;
                    let group = Group::new(delimiter, self.stream(at + 1, close));
                    at = close;
                    TokenTree::Group(group)
                }
                Kind::Ident => TokenTree::Ident(match text.strip_prefix("r#") {
                    Some(raw) => proc_macro2::Ident::new_raw(raw, Span::call_site()),
                    None => proc_macro2::Ident::new(text, Span::call_site()),
                }),
                Kind::Punct { joint } => {
                    let spacing = if joint {
                        Spacing::Joint
                    } else {
                        Spacing::Alone
                    };
                    TokenTree::Punct(Punct::new(text.chars().next().unwrap(), spacing))
                }
                Kind::Literal => {
                    TokenTree::Literal(text.parse::<Literal>().expect("a literal prints as one"))
                }
                Kind::Close => unreachable!("groups are skipped whole"),
            });
            at += 1;
        }
        out.into_iter().collect()
    }
}

impl From<TokenStream> for Tokens {
    fn from(stream: TokenStream) -> Self {
        let mut tokens = Tokens::default();
        tokens.push_stream(stream);
        tokens
    }
}

impl Tokens {
    fn push_stream(&mut self, stream: TokenStream) {
        for tree in stream {
            match tree {
                TokenTree::Group(group) => {
                    let delimiter = group.delimiter();
                    let inner = group.stream();
                    // The group's handle goes first, so that `inner` is iterated without a copy.
                    drop(group);
                    let open = self.open(delimiter);
                    self.push_stream(inner);
                    self.close(open);
                }
                TokenTree::Ident(ident) => self.push_shown(Kind::Ident, &ident),
                TokenTree::Punct(punct) => {
                    let mut buf = [0; 4];
                    let joint = punct.spacing() == Spacing::Joint;
                    self.push(Kind::Punct { joint }, punct.as_char().encode_utf8(&mut buf));
                }
                TokenTree::Literal(literal) => self.push_shown(Kind::Literal, &literal),
            }
        }
    }

    fn push_shown(&mut self, kind: Kind, shown: &dyn std::fmt::Display) {
        let start = self.text.len() as u32;
        write!(self.text, "{shown}").unwrap();
        self.toks.push(Tok {
            kind,
            start,
            end: self.text.len() as u32,
            close: 0,
        });
    }
}

/// `proc_macro2`'s `escape_utf8`: `char::escape_debug` except for `'`, and `\0` as `\x00`
/// before an octal digit. Plain ASCII is copied as is.
fn escape(value: &str, out: &mut String) {
    let plain = |b: u8| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\';
    let mut rest = value;
    while !rest.is_empty() {
        let run = rest.bytes().take_while(|&b| plain(b)).count();
        out.push_str(&rest[..run]);
        rest = &rest[run..];
        let mut chars = rest.chars();
        let Some(ch) = chars.next() else {
            break;
        };
        if ch == '\0' {
            let octal = chars
                .as_str()
                .starts_with(|next| ('0'..='7').contains(&next));
            out.push_str(if octal { r"\x00" } else { r"\0" });
        } else if ch == '\'' {
            out.push(ch);
        } else {
            out.extend(ch.escape_debug());
        }
        rest = chars.as_str();
    }
}

/// What can be interpolated into [`tokens!`](crate::tokens!) (quote's `ToTokens`).
pub trait ToTokens {
    fn to_tokens(&self, tokens: &mut Tokens);
}

impl ToTokens for Tokens {
    fn to_tokens(&self, tokens: &mut Tokens) {
        tokens.extend(self);
    }
}

impl<T: ToTokens + ?Sized> ToTokens for &T {
    fn to_tokens(&self, tokens: &mut Tokens) {
        (**self).to_tokens(tokens);
    }
}

impl<T: ToTokens> ToTokens for Option<T> {
    fn to_tokens(&self, tokens: &mut Tokens) {
        if let Some(value) = self {
            value.to_tokens(tokens);
        }
    }
}

/// A string interpolates as a string literal.
impl ToTokens for str {
    fn to_tokens(&self, tokens: &mut Tokens) {
        tokens.push_string(self);
    }
}

impl ToTokens for String {
    fn to_tokens(&self, tokens: &mut Tokens) {
        tokens.push_string(self);
    }
}

/// A number interpolates as a suffixed literal (`8usize`), as quote has it.
impl ToTokens for usize {
    fn to_tokens(&self, tokens: &mut Tokens) {
        let start = tokens.text.len() as u32;
        write!(tokens.text, "{self}usize").unwrap();
        tokens.toks.push(Tok {
            kind: Kind::Literal,
            start,
            end: tokens.text.len() as u32,
            close: 0,
        });
    }
}

/// `true` or `false`, identifiers as quote has them.
impl ToTokens for bool {
    fn to_tokens(&self, tokens: &mut Tokens) {
        tokens.push_ident(if *self { "true" } else { "false" });
    }
}

/// A literal `proc_macro2` made (`Literal::f64_unsuffixed`), as it prints.
impl ToTokens for Literal {
    fn to_tokens(&self, tokens: &mut Tokens) {
        tokens.push_shown(Kind::Literal, self);
    }
}

/// An identifier to interpolate, as written (`r#type` for a raw one).
#[derive(Clone, Copy, Debug)]
pub struct Ident<'a>(pub &'a str);

impl ToTokens for Ident<'_> {
    fn to_tokens(&self, tokens: &mut Tokens) {
        tokens.push_ident(self.0);
    }
}

impl std::fmt::Display for Ident<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}
