//! Tokens printed one by one, as prettyplease prints what it does not parse: the arguments of
//! an attribute (`attr.rs`'s `attr_tokens`) and the body of a macro call (`mac.rs`).

use proc_macro2::Delimiter;

use super::Out;
use super::cursor::Cursor;
use super::oppen::INDENT;
use crate::tokens::Kind;

impl Out {
    /// The tokens of an attribute's list, as prettyplease's `attr_tokens` spaces them.
    pub(super) fn attr_tokens(&mut self, tokens: Cursor) {
        #[derive(PartialEq, Clone, Copy)]
        enum State {
            Word,
            Punct,
            TrailingComma,
        }
        let mut stack: Vec<(Cursor, Option<Delimiter>)> = vec![(tokens, None)];
        let mut spaced = false;
        let mut state = State::Word;
        let space = |out: &mut Out, spaced: bool| {
            if spaced { out.space() } else { out.nbsp() }
        };
        while let Some((cur, delimiter)) = stack.last_mut() {
            if cur.is_empty() {
                match delimiter {
                    Some(Delimiter::Parenthesis) => {
                        if state != State::TrailingComma {
                            self.zerobreak();
                        }
                        self.offset(-INDENT);
                        self.end();
                        self.word(")");
                        state = State::Punct;
                    }
                    Some(Delimiter::Brace) => {
                        self.word("}");
                        state = State::Punct;
                    }
                    Some(Delimiter::Bracket) => {
                        self.word("]");
                        state = State::Punct;
                    }
                    Some(Delimiter::None) | None => {}
                }
                stack.pop();
                if stack.is_empty() {
                    spaced = false;
                }
                continue;
            }
            let here = *cur;
            cur.bump();
            if here.is_ident() || here.is_literal() {
                if state == State::Word {
                    space(self, spaced);
                }
                self.word(here.text());
                state = State::Word;
            } else if let Some(Kind::Open(open)) = here.kind() {
                match open {
                    Delimiter::Parenthesis => {
                        self.word("(");
                        self.cbox(INDENT);
                        self.zerobreak();
                        state = State::Punct;
                    }
                    Delimiter::Brace => {
                        self.word("{");
                        state = State::Punct;
                    }
                    Delimiter::Bracket => {
                        self.word("[");
                        state = State::Punct;
                    }
                    Delimiter::None => {}
                }
                stack.push((here.inside(), Some(open)));
                spaced = true;
            } else {
                let ch = here.text();
                if state == State::Word && ch == "=" {
                    self.nbsp();
                }
                if ch == "," && cur.is_empty() {
                    self.trailing_comma(true);
                    state = State::TrailingComma;
                } else {
                    self.word(ch);
                    if ch == "=" {
                        self.nbsp();
                    } else if ch == "," {
                        space(self, spaced);
                    }
                    state = State::Punct;
                }
            }
        }
    }

    /// `path!(...)` with its tokens as they are (prettyplease's `mac`), `;` after if `semicolon`.
    pub(super) fn mac_group(&mut self, group: Cursor, semicolon: bool) {
        let (open, close, brace) = match group.kind() {
            Some(Kind::Open(Delimiter::Brace)) => (" {", "}", true),
            Some(Kind::Open(Delimiter::Bracket)) => ("[", "]", false),
            _ => ("(", ")", false),
        };
        let inside = group.inside();
        self.word(open);
        if !inside.is_empty() {
            self.cbox(INDENT);
            if brace {
                self.hardbreak()
            } else {
                self.zerobreak()
            }
            self.ibox(0);
            self.macro_rules_tokens(inside);
            self.end();
            if brace {
                self.hardbreak()
            } else {
                self.zerobreak()
            }
            self.offset(-INDENT);
            self.end();
        }
        self.word(close);
        if semicolon {
            self.word(";");
        }
    }

    /// prettyplease's `macro_rules_tokens` outside a matcher: spaces between tokens by what
    /// they are and what came before.
    fn macro_rules_tokens(&mut self, tokens: Cursor) {
        #[derive(PartialEq, Clone, Copy)]
        enum State {
            Start,
            Dollar,
            DollarCrate,
            DollarParen,
            DollarParenSep,
            Pound,
            PoundBang,
            Dot,
            Colon,
            Colon2,
            Ident,
            IdentBang,
            Delim,
            Other,
        }
        use State::*;
        let mut state = Start;
        let mut previous_is_joint = true;
        let mut cur = tokens;
        while !cur.is_empty() {
            let here = cur;
            cur.bump();
            let text = here.text();
            let kind = here.kind().unwrap();
            let joint = matches!(kind, Kind::Punct { joint: true });
            let punct = |ch: char| matches!(kind, Kind::Punct { .. }) && text.starts_with(ch);
            let paren_or_bracket = matches!(
                kind,
                Kind::Open(Delimiter::Parenthesis | Delimiter::Bracket)
            );
            let (needs_space, next) = match state {
                Dollar if kind == Kind::Ident && text == "crate" => (false, DollarCrate),
                Dollar if kind == Kind::Ident => (false, Other),
                DollarParen if (punct('+') || punct('*') || punct('?')) && !joint => (false, Other),
                DollarParen if kind == Kind::Ident || kind == Kind::Literal => {
                    (false, DollarParenSep)
                }
                DollarParen if joint => (false, DollarParen),
                DollarParen if matches!(kind, Kind::Punct { .. }) => (false, DollarParenSep),
                DollarParenSep if punct('+') || punct('*') => (false, Other),
                Pound if punct('!') => (false, PoundBang),
                Dollar if kind == Kind::Open(Delimiter::Parenthesis) => (false, DollarParen),
                Pound | PoundBang if kind == Kind::Open(Delimiter::Bracket) => (false, Other),
                Ident if paren_or_bracket => (false, Delim),
                Ident if punct('!') && !joint => (false, IdentBang),
                IdentBang if paren_or_bracket => (false, Other),
                Colon if punct(':') => (false, Colon2),
                _ if paren_or_bracket => (true, Delim),
                _ if matches!(kind, Kind::Open(_)) => (true, Other),
                _ if kind == Kind::Ident && !is_keyword(text) => {
                    (state != Dot && state != Colon2, Ident)
                }
                _ if kind == Kind::Literal && text.ends_with('.') => (state != Dot, Other),
                _ if kind == Kind::Literal => (state != Dot, Ident),
                _ if punct(',') || punct(';') => (false, Other),
                _ if punct('.') => (state != Ident && state != Delim, Dot),
                _ if punct(':') && joint => (state != Ident && state != DollarCrate, Colon),
                _ if punct('$') => (true, Dollar),
                _ if punct('#') => (true, Pound),
                _ => (true, Other),
            };
            if !previous_is_joint {
                if needs_space {
                    self.space();
                } else if punct('.') {
                    self.zerobreak();
                }
            }
            previous_is_joint = joint || punct('$');
            if let Kind::Open(delimiter) = kind {
                let inside = here.inside();
                let (open, close) = match delimiter {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                if !open.is_empty() {
                    self.word(open);
                }
                if !inside.is_empty() {
                    if delimiter == Delimiter::Brace {
                        self.space();
                    }
                    self.macro_rules_tokens(inside);
                    if delimiter == Delimiter::Brace {
                        self.space();
                    }
                }
                if !close.is_empty() {
                    self.word(close);
                }
            } else {
                self.word(text);
            }
            state = next;
        }
    }
}

/// prettyplease's `is_keyword` (of `mac.rs`).
fn is_keyword(ident: &str) -> bool {
    matches!(
        ident,
        "as" | "async"
            | "await"
            | "box"
            | "break"
            | "const"
            | "continue"
            | "crate"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "macro"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "yield"
    )
}
