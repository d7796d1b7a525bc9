//! Bodies: statements, as prettyplease's `stmt.rs` prints them, and the entry points that read
//! a body or an expression into a tree and print it.

use super::cursor::Cursor;
use super::cursor::done;
use super::tree::{Id, List, Node, Tree};
use super::{Out, R, unsupported};

impl Out {
    /// An expression up to a `;`, which is read too (a `const`'s value).
    pub(super) fn expr_until_semi(&mut self, cur: &mut Cursor) -> R {
        let mut ast = std::mem::take(&mut self.ast);
        ast.clear();
        let expr = ast.expr(cur, false)?;
        if !cur.is_punct(';') {
            return Err(unsupported());
        }
        cur.bump();
        let tree = Tree {
            ast: &ast,
            tokens: *cur,
        };
        self.expr(tree, expr)?;
        self.ast = ast;
        Ok(())
    }

    /// All of `cur` as one expression.
    pub(super) fn expr_to_end(&mut self, mut cur: Cursor) -> R {
        let mut ast = std::mem::take(&mut self.ast);
        ast.clear();
        let expr = ast.expr(&mut cur, false)?;
        done(&cur)?;
        self.expr(
            Tree {
                ast: &ast,
                tokens: cur,
            },
            expr,
        )?;
        self.ast = ast;
        Ok(())
    }

    /// The statements of a function's body.
    pub(super) fn block_stmts(&mut self, body: Cursor) -> R {
        let mut ast = std::mem::take(&mut self.ast);
        ast.clear();
        let stmts = ast.block(body)?;
        let tree = Tree {
            ast: &ast,
            tokens: body,
        };
        self.stmts(tree, stmts)?;
        self.ast = ast;
        Ok(())
    }

    pub(super) fn stmts(&mut self, t: Tree, stmts: List) -> R {
        let stmts = t.list(stmts);
        for (index, &stmt) in stmts.iter().enumerate() {
            self.stmt(t, stmt, index + 1 == stmts.len())?;
        }
        Ok(())
    }

    fn stmt(&mut self, t: Tree, stmt: Id, is_last: bool) -> R {
        match t.node(stmt) {
            Node::Local { pat, ty, init } => {
                self.ibox(0);
                self.word("let ");
                let mut pat = t.span(pat);
                self.pat(&mut pat)?;
                done(&pat)?;
                if let Some(ty) = ty {
                    self.word(": ");
                    let mut ty = t.span(ty);
                    self.ty(&mut ty)?;
                    done(&ty)?;
                }
                if let Some(init) = init {
                    self.word(" = ");
                    self.neverbreak();
                    self.expr(t, init)?;
                }
                self.end();
                self.word(";");
                self.hardbreak();
            }
            Node::Item(span) => {
                let mut item = t.span(span);
                self.item(&mut item)?;
                done(&item)?;
            }
            Node::Expr { expr, semi } => {
                self.ibox(0);
                self.expr_beginning_of_line(t, expr, true)?;
                let semicolon = if semi {
                    !self.remove_semi(t, expr)
                } else {
                    t.ast.add_semi(expr)
                };
                if semicolon {
                    self.word(";");
                }
                self.end();
                self.hardbreak();
            }
            Node::MacroStmt { mac, semi } => {
                // A parenthesized macro needs its `;` before another statement.
                self.expr_macro(t, mac, semi || !is_last)?;
                self.hardbreak();
            }
            _ => return Err(unsupported()),
        }
        Ok(())
    }

    /// `stmt::remove_semi`: an `if` without `else` ends a statement without `;`.
    fn remove_semi(&self, t: Tree, expr: Id) -> bool {
        match t.node(expr) {
            Node::If { otherwise, .. } => match otherwise {
                Some(otherwise) => self.remove_semi(t, otherwise),
                None => true,
            },
            _ => false,
        }
    }
}
