//! Shapes prettyplease prints the same way in many places: comma-separated lists (a comma
//! after each item, after the last one only when the list breaks), tuples, `<...>` lists with
//! lifetimes first, and the end of a block.

use super::cursor::Cursor;
use super::oppen::INDENT;
use super::{Out, R, unsupported};

impl Out {
    /// `n` items in a `cbox(INDENT)` after a zero-width break, each followed by a comma.
    pub(super) fn comma_list(&mut self, n: usize, mut each: impl FnMut(&mut Out, usize) -> R) -> R {
        self.cbox(INDENT);
        self.zerobreak();
        for index in 0..n {
            each(self, index)?;
            self.trailing_comma(index + 1 == n);
        }
        self.offset(-INDENT);
        self.end();
        Ok(())
    }

    /// `(a, b)`: one item keeps its comma when `one_comma` (`(a,)`).
    pub(super) fn tuple(
        &mut self,
        n: usize,
        one_comma: bool,
        mut each: impl FnMut(&mut Out, usize) -> R,
    ) -> R {
        self.word("(");
        self.cbox(INDENT);
        self.zerobreak();
        for index in 0..n {
            each(self, index)?;
            if n == 1 {
                if one_comma {
                    self.word(",");
                }
                self.zerobreak();
            } else {
                self.trailing_comma(index + 1 == n);
            }
        }
        self.offset(-INDENT);
        self.end();
        self.word(")");
        Ok(())
    }

    /// `<...>` once its `<` is read: lifetimes (which prettyplease prints first; the emitter
    /// writes them first) then what `other` reads, up to the `>`.
    pub(super) fn angle_list(
        &mut self,
        cur: &mut Cursor,
        indent: isize,
        mut lifetime: impl FnMut(&mut Out, &mut Cursor) -> R,
        mut other: impl FnMut(&mut Out, &mut Cursor) -> R,
    ) -> R {
        self.word("<");
        self.cbox(indent);
        self.zerobreak();
        let mut seen_other = false;
        loop {
            if cur.is_lifetime() {
                if seen_other {
                    return Err(unsupported());
                }
                lifetime(self, cur)?;
            } else {
                seen_other = true;
                other(self, cur)?;
            }
            let comma = cur.is_punct(',');
            if comma {
                cur.bump();
            }
            let last = cur.is_punct('>');
            self.trailing_comma(last);
            if last {
                cur.bump();
                break;
            }
            if !comma {
                return Err(unsupported());
            }
        }
        self.offset(-INDENT);
        self.end();
        self.word(">");
        Ok(())
    }

    /// `}` closing a block whose `cbox(INDENT)` is open, its last break unindented.
    pub(super) fn close_block(&mut self) {
        self.offset(-INDENT);
        self.end();
        self.word("}");
    }
}
