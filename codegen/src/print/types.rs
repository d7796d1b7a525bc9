//! Types, paths and bounds, as prettyplease's `ty.rs`, `path.rs` and `generics.rs` print them.

use proc_macro2::Delimiter;

use super::cursor::{Cursor, count, done, split_commas};
use super::oppen::INDENT;
use super::{Out, R, unsupported};

/// How a path prints its generic arguments (prettyplease's `PathKind`).
#[derive(Clone, Copy, PartialEq)]
pub(super) enum PathKind {
    /// `a::B<T>`
    Type,
    /// `a::B::<T>`
    Expr,
}

impl Out {
    pub(super) fn ty(&mut self, cur: &mut Cursor) -> R {
        if cur.is_punct('&') {
            if cur.is_punct2('&', '&') {
                return Err(unsupported());
            }
            cur.bump();
            self.word("&");
            if cur.is_lifetime() {
                self.lifetime(cur)?;
                self.nbsp();
            }
            if cur.is_word("mut") {
                cur.bump();
                self.word("mut ");
            }
            return self.ty(cur);
        }
        if cur.is_group(Delimiter::Bracket) {
            let mut inside = cur.inside();
            cur.bump();
            self.word("[");
            self.ty(&mut inside)?;
            if inside.is_punct(';') {
                inside.bump();
                self.word("; ");
                self.expr_to_end(inside)?;
            } else {
                done(&inside)?;
            }
            self.word("]");
            return Ok(());
        }
        if cur.is_group(Delimiter::Parenthesis) {
            let inside = cur.inside();
            cur.bump();
            let elems = split_commas(inside);
            let trailing = inside.end > inside.at && inside.is_punct_n(count(inside) - 1, ',');
            if elems.len() == 1 && !trailing {
                let mut elem = elems[0];
                self.word("(");
                self.ty(&mut elem)?;
                done(&elem)?;
                self.word(")");
                return Ok(());
            }
            self.tuple(elems.len(), true, |out, index| {
                let mut elem = elems[index];
                out.ty(&mut elem)?;
                done(&elem)
            })?;
            return Ok(());
        }
        if cur.is_word("impl") || cur.is_word("dyn") {
            self.word(if cur.is_word("impl") { "impl " } else { "dyn " });
            cur.bump();
            return self.bounds(cur, false);
        }
        if cur.is_word("fn") && cur.is_group_n(1, Delimiter::Parenthesis) {
            cur.bump();
            let inputs = split_commas(cur.inside());
            cur.bump();
            self.word("fn(");
            self.comma_list(inputs.len(), |out, index| {
                let mut input = inputs[index];
                if input.is_ident() && input.is_lone_n_colon() {
                    out.ident(&mut input)?;
                    input.bump();
                    out.word(": ");
                }
                out.ty(&mut input)?;
                done(&input)
            })?;
            self.word(")");
            return self.return_type(cur);
        }
        if cur.is_punct('!') {
            cur.bump();
            self.word("!");
            return Ok(());
        }
        if cur.is_word("_") {
            cur.bump();
            self.word("_");
            return Ok(());
        }
        if cur.is_punct('<') || cur.is_word("for") || cur.is_punct('*') {
            return Err(unsupported());
        }
        self.path(cur, PathKind::Type)?;
        // A bare trait object (`A + B`), a macro or `Fn(A) -> B` is not written by the emitter.
        if cur.is_punct('+') || cur.is_punct('!') || cur.is_group(Delimiter::Parenthesis) {
            return Err(unsupported());
        }
        Ok(())
    }

    fn return_type(&mut self, cur: &mut Cursor) -> R {
        if cur.is_punct2('-', '>') {
            cur.bump();
            cur.bump();
            self.word(" -> ");
            self.ty(cur)?;
        }
        Ok(())
    }

    /// A path: `a::b::C<T>`; `kind` says how its generic arguments are written.
    pub(super) fn path(&mut self, cur: &mut Cursor, kind: PathKind) -> R {
        if cur.is_punct2(':', ':') {
            cur.bump();
            cur.bump();
            self.word("::");
        }
        loop {
            self.ident(cur)?;
            let turbofish = cur.is_punct2(':', ':') && cur.is_punct_n(2, '<');
            let angle = turbofish || (kind == PathKind::Type && cur.is_punct('<'));
            if angle {
                if turbofish {
                    cur.bump();
                    cur.bump();
                }
                self.generic_args(cur, kind)?;
            }
            if cur.is_punct2(':', ':') && !cur.is_group_n(2, Delimiter::Parenthesis) {
                cur.bump();
                cur.bump();
                self.word("::");
            } else {
                return Ok(());
            }
        }
    }

    /// The trait of an `impl ... for`.
    pub(super) fn trait_path(&mut self, cur: &mut Cursor) -> R {
        self.path(cur, PathKind::Type)
    }

    /// `<...>` of a path segment, lifetimes first (the emitter never writes them later).
    pub(super) fn generic_args(&mut self, cur: &mut Cursor, kind: PathKind) -> R {
        cur.bump();
        if cur.is_punct('>') {
            cur.bump();
            return Ok(());
        }
        if kind == PathKind::Expr {
            self.word("::");
        }
        self.angle_list(cur, INDENT, Out::lifetime, |out, cur| {
            if cur.is_ident() && cur.is_lone_n_eq() {
                out.ident(cur)?;
                cur.bump();
                out.word(" = ");
                out.ty(cur)
            } else if cur.is_literal()
                || cur.is_group(Delimiter::Brace)
                || (cur.is_ident() && cur.is_lone_n_colon())
            {
                Err(unsupported())
            } else {
                out.ty(cur)
            }
        })
    }

    /// Bounds joined by `+`: `space(); "+ "` between those of a generic parameter (`spaced`),
    /// `" + "` between those of `impl` and `dyn`.
    pub(super) fn bounds(&mut self, cur: &mut Cursor, spaced: bool) -> R {
        loop {
            if cur.is_lifetime() {
                self.lifetime(cur)?;
            } else {
                if cur.is_group(Delimiter::Parenthesis) || cur.is_word("for") || cur.is_punct('~') {
                    return Err(unsupported());
                }
                if cur.is_punct('?') {
                    cur.bump();
                    self.word("?");
                }
                self.path(cur, PathKind::Type)?;
                if cur.is_group(Delimiter::Parenthesis) {
                    return Err(unsupported());
                }
            }
            if !cur.is_punct('+') {
                return Ok(());
            }
            cur.bump();
            if spaced {
                self.space();
                self.word("+ ");
            } else {
                self.word(" + ");
            }
        }
    }

    pub(super) fn lifetime(&mut self, cur: &mut Cursor) -> R {
        if !cur.is_lifetime() {
            return Err(unsupported());
        }
        cur.bump();
        self.word("'");
        self.ident(cur)
    }

    pub(super) fn ident(&mut self, cur: &mut Cursor) -> R {
        if !cur.is_ident() {
            return Err(unsupported());
        }
        self.word(cur.text());
        cur.bump();
        Ok(())
    }

    /// Reads the punctuation `ch` (alone: `:` but not `::`).
    pub(super) fn expect(&mut self, ch: char, cur: &mut Cursor) -> R {
        if !cur.is_lone(ch) {
            return Err(unsupported());
        }
        cur.bump();
        Ok(())
    }

    /// Moves past `a::b::c` (an attribute's path).
    pub(super) fn skip_simple_path(&self, cur: &mut Cursor) -> R {
        if !cur.is_ident() {
            return Err(unsupported());
        }
        cur.bump();
        while cur.is_punct2(':', ':') {
            cur.bump();
            cur.bump();
            if !cur.is_ident() {
                return Err(unsupported());
            }
            cur.bump();
        }
        Ok(())
    }

    /// A path without arguments, as prettyplease's `PathKind::Simple`.
    pub(super) fn simple_path(&mut self, mut cur: Cursor) -> R {
        self.ident(&mut cur)?;
        while cur.is_punct2(':', ':') {
            cur.bump();
            cur.bump();
            self.word("::");
            self.ident(&mut cur)?;
        }
        done(&cur)
    }
}
