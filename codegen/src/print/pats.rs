//! Patterns, as prettyplease's `pat.rs` prints them; read straight from the tokens.

use proc_macro2::Delimiter;

use super::cursor::Cursor;
use super::cursor::{done, split_commas};
use super::types::PathKind;
use super::{Out, R, unsupported};

impl Out {
    /// A pattern, alternatives (`a | b`) included.
    pub(super) fn pat(&mut self, cur: &mut Cursor) -> R {
        if cur.is_punct('|') {
            cur.bump();
        }
        let start = *cur;
        let mut cases = 1;
        let mut only_literals = true;
        let mut scan = *cur;
        loop {
            let case_start = scan.at;
            skip_pat(&mut scan)?;
            let case = scan.range(case_start, scan.at);
            only_literals &= case.is_literal() && case.end == case.at + 1 || case.is_word("_");
            if scan.is_lone('|') {
                scan.bump();
                cases += 1;
            } else {
                break;
            }
        }
        if cases == 1 {
            return self.pat_single(cur);
        }
        if only_literals {
            self.ibox(0);
        } else {
            self.cbox(0);
        }
        *cur = start;
        for index in 0..cases {
            if index > 0 {
                cur.bump();
                self.space();
                self.word("| ");
            }
            self.pat_single(cur)?;
        }
        self.end();
        Ok(())
    }

    /// All of `cur` as a pattern.
    fn whole_pat(&mut self, mut cur: Cursor) -> R {
        self.pat(&mut cur)?;
        done(&cur)
    }

    fn pat_single(&mut self, cur: &mut Cursor) -> R {
        if cur.is_word("_") || cur.is_literal() {
            self.word(cur.text());
            cur.bump();
            return Ok(());
        }
        if cur.is_punct('&') {
            if cur.is_punct2('&', '&') {
                return Err(unsupported());
            }
            cur.bump();
            self.word("&");
            if cur.is_word("mut") {
                cur.bump();
                self.word("mut ");
            }
            return self.pat_single(cur);
        }
        if cur.is_group(Delimiter::Parenthesis) {
            let inside = cur.inside();
            cur.bump();
            let elems = split_commas(inside);
            let trailing = elems.last().is_some_and(|last| last.end < inside.end);
            if elems.len() == 1 && !trailing {
                self.word("(");
                self.whole_pat(elems[0])?;
                self.word(")");
                return Ok(());
            }
            return self.tuple(elems.len(), trailing, |out, index| {
                out.whole_pat(elems[index])
            });
        }
        if cur.is_word("ref") || cur.is_word("mut") {
            if cur.is_word("ref") {
                cur.bump();
                self.word("ref ");
            }
            if cur.is_word("mut") {
                cur.bump();
                self.word("mut ");
            }
            self.ident(cur)?;
            return match cur.is_punct('@') {
                true => Err(unsupported()),
                false => Ok(()),
            };
        }
        if !cur.is_ident() {
            return Err(unsupported());
        }
        // One identifier is a binding; a longer path, or one with fields, is not.
        let binding = !cur.is_punct2_n(1, ':', ':')
            && !cur.is_group_n(1, Delimiter::Parenthesis)
            && !cur.is_group_n(1, Delimiter::Brace)
            && !cur.is_punct_n(1, '!')
            && !cur.is_punct_n(1, '@');
        if binding {
            return self.ident(cur);
        }
        self.path(cur, PathKind::Expr)?;
        if cur.is_group(Delimiter::Parenthesis) {
            let elems = split_commas(cur.inside());
            cur.bump();
            self.word("(");
            self.comma_list(elems.len(), |out, index| out.whole_pat(elems[index]))?;
            self.word(")");
        } else if cur.is_group(Delimiter::Brace) || cur.is_punct('!') || cur.is_punct('@') {
            return Err(unsupported());
        }
        Ok(())
    }
}

/// Moves past one alternative of a pattern (up to a `|`, `,`, `:` or `=` outside groups).
fn skip_pat(cur: &mut Cursor) -> R {
    let start = cur.at;
    while !cur.is_empty()
        && !cur.is_lone('|')
        && !cur.is_punct(',')
        && !cur.is_lone(':')
        && !cur.is_lone('=')
    {
        if cur.is_punct2(':', ':') {
            cur.bump();
        }
        cur.bump();
    }
    if cur.at == start {
        return Err(unsupported());
    }
    Ok(())
}
