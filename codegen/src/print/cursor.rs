//! A position in flat tokens, read the way the parsers of `syn` peek at tokens.

use proc_macro2::Delimiter;

use super::{R, unsupported};
use crate::tokens::{Kind, Tok, Tokens};

impl Tokens {
    pub fn cursor(&self) -> Cursor<'_> {
        Cursor {
            tokens: self,
            at: 0,
            end: self.len(),
        }
    }
}

/// A position in some tokens, up to the end of the group it is in.
#[derive(Clone, Copy)]
pub struct Cursor<'a> {
    pub tokens: &'a Tokens,
    pub at: usize,
    pub end: usize,
}

impl<'a> Cursor<'a> {
    /// The cursor over `at..end` of the same tokens.
    #[inline]
    pub fn range(&self, at: usize, end: usize) -> Cursor<'a> {
        Cursor {
            tokens: self.tokens,
            at,
            end,
        }
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.at >= self.end
    }

    #[inline]
    fn tok(&self, n: usize) -> Option<&'a Tok> {
        if n == 0 {
            return (self.at < self.end).then(|| self.tokens.tok(self.at));
        }
        let at = self.nth(n)?;
        Some(self.tokens.tok(at))
    }

    /// The index of the `n`th token from here (a group counting as one).
    #[inline]
    fn nth(&self, n: usize) -> Option<usize> {
        let mut at = self.at;
        for _ in 0..n {
            if at >= self.end {
                return None;
            }
            at = self.after(at);
        }
        (at < self.end).then_some(at)
    }

    #[inline]
    fn after(&self, at: usize) -> usize {
        let tok = self.tokens.tok(at);
        match tok.kind {
            Kind::Open(_) => tok.close() + 1,
            _ => at + 1,
        }
    }

    /// The text of the current token.
    #[inline]
    pub fn text(&self) -> &'a str {
        self.tokens.text(self.at)
    }

    #[inline]
    pub fn kind(&self) -> Option<Kind> {
        self.tok(0).map(|tok| tok.kind)
    }

    #[inline]
    pub fn kind_n(&self, n: usize) -> Option<Kind> {
        self.tok(n).map(|tok| tok.kind)
    }

    #[inline]
    fn text_n(&self, n: usize) -> &'a str {
        if n == 0 && self.at < self.end {
            return self.tokens.text(self.at);
        }
        match self.nth(n) {
            Some(at) => self.tokens.text(at),
            None => "",
        }
    }

    /// Moves past the current token (a whole group).
    #[inline]
    pub fn bump(&mut self) {
        self.at = self.after(self.at);
    }

    #[inline]
    pub fn is_ident(&self) -> bool {
        self.kind() == Some(Kind::Ident)
    }

    #[inline]
    pub fn is_ident_n(&self, n: usize) -> bool {
        self.kind_n(n) == Some(Kind::Ident)
    }

    /// The current token is the identifier or keyword `word`.
    #[inline]
    pub fn is_word(&self, word: &str) -> bool {
        self.is_word_n(0, word)
    }

    #[inline]
    pub fn is_word_n(&self, n: usize, word: &str) -> bool {
        self.kind_n(n) == Some(Kind::Ident) && self.text_n(n) == word
    }

    /// The current token is the punctuation `ch` (whatever follows it).
    #[inline]
    pub fn is_punct(&self, ch: char) -> bool {
        self.is_punct_n(0, ch)
    }

    #[inline]
    pub fn is_punct_n(&self, n: usize, ch: char) -> bool {
        matches!(self.kind_n(n), Some(Kind::Punct { .. })) && self.text_n(n).starts_with(ch)
    }

    /// The punctuation `ch` not glued to a following one (`=` but not `==` or `=>`).
    #[inline]
    pub fn is_lone(&self, ch: char) -> bool {
        match self.kind() {
            Some(Kind::Punct { joint }) if self.text().starts_with(ch) => {
                !joint || !matches!(self.kind_n(1), Some(Kind::Punct { .. }))
            }
            _ => false,
        }
    }

    /// The two-character punctuation `a` `b` (`::`, `=>`, `->`).
    #[inline]
    pub fn is_punct2(&self, a: char, b: char) -> bool {
        self.is_punct2_n(0, a, b)
    }

    #[inline]
    pub fn is_punct2_n(&self, n: usize, a: char, b: char) -> bool {
        matches!(self.kind_n(n), Some(Kind::Punct { joint: true }))
            && self.text_n(n).starts_with(a)
            && self.is_punct_n(n + 1, b)
    }

    #[inline]
    pub fn is_group(&self, delimiter: Delimiter) -> bool {
        self.kind() == Some(Kind::Open(delimiter))
    }

    #[inline]
    pub fn is_group_n(&self, n: usize, delimiter: Delimiter) -> bool {
        self.kind_n(n) == Some(Kind::Open(delimiter))
    }

    /// The inside of the current group.
    #[inline]
    pub fn inside(&self) -> Cursor<'a> {
        self.range(self.at + 1, self.tokens.tok(self.at).close())
    }

    /// A lifetime (`'a`) starts here: a joint `'` then an identifier.
    #[inline]
    pub fn is_lifetime(&self) -> bool {
        self.is_punct('\'') && self.is_ident_n(1)
    }

    #[inline]
    pub fn is_literal(&self) -> bool {
        self.kind() == Some(Kind::Literal)
    }

    /// The next token is a `:` that is not part of `::` (a name and its type).
    #[inline]
    pub fn is_lone_n_colon(&self) -> bool {
        let mut next = *self;
        next.bump();
        next.is_lone(':')
    }

    /// The next token is a `=` alone (an associated type: `Item = T`).
    #[inline]
    pub fn is_lone_n_eq(&self) -> bool {
        let mut next = *self;
        next.bump();
        next.is_lone('=')
    }
}

/// The pieces of `inside` between top-level commas (a trailing comma ends none).
pub fn split_commas(inside: Cursor) -> Vec<Cursor> {
    let mut pieces = Vec::new();
    let mut cur = inside;
    let mut start = cur.at;
    // Angle brackets nest in types (`Option<A, B>`) without being a group.
    let mut angles = 0usize;
    while !cur.is_empty() {
        if cur.is_punct('<') {
            angles += 1;
        } else if cur.is_punct('>') && !cur.is_punct2('-', '>') {
            angles = angles.saturating_sub(1);
        } else if cur.is_punct2('-', '>') || cur.is_punct2('=', '>') {
            cur.bump();
        } else if cur.is_punct(',') && angles == 0 {
            pieces.push(inside.range(start, cur.at));
            start = cur.at + 1;
        }
        cur.bump();
    }
    if start < cur.at {
        pieces.push(inside.range(start, cur.at));
    }
    pieces
}

/// Fails unless every token has been read.
#[track_caller]
pub fn done(cur: &Cursor) -> R {
    if cur.is_empty() {
        Ok(())
    } else {
        Err(unsupported())
    }
}

/// How many tokens (groups counting one) `cur` holds.
pub fn count(cur: Cursor) -> usize {
    let mut cur = cur;
    let mut n = 0;
    while !cur.is_empty() {
        cur.bump();
        n += 1;
    }
    n
}
