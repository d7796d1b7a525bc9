//! The generic parameters of an item, as prettyplease's `generics.rs` prints them.

use super::cursor::Cursor;
use super::oppen::INDENT;
use super::{Out, R, unsupported};

impl Out {
    /// `<...>` after an item's name: lifetimes first, as prettyplease reorders them.
    pub(super) fn generics(&mut self, cur: &mut Cursor) -> R {
        if !cur.is_punct('<') {
            return Ok(());
        }
        cur.bump();
        if cur.is_punct('>') {
            cur.bump();
            return Ok(());
        }
        self.angle_list(
            cur,
            0,
            |out, cur| {
                out.lifetime(cur)?;
                if cur.is_lone(':') {
                    cur.bump();
                    out.word(": ");
                    out.lifetime(cur)?;
                    while cur.is_punct('+') {
                        cur.bump();
                        out.word(" + ");
                        out.lifetime(cur)?;
                    }
                }
                Ok(())
            },
            |out, cur| {
                if cur.is_punct('#') || cur.is_word("const") {
                    return Err(unsupported());
                }
                out.ident(cur)?;
                out.ibox(INDENT);
                if cur.is_lone(':') {
                    cur.bump();
                    out.word(": ");
                    out.bounds(cur, true)?;
                }
                if cur.is_lone('=') {
                    cur.bump();
                    out.space();
                    out.word("= ");
                    out.ty(cur)?;
                }
                out.end();
                Ok(())
            },
        )
    }
}
