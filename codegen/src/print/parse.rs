//! Reading tokens into [`super::tree`] the way `syn` reads them (`Expr::parse`, statements
//! ending early after a block, `x {` being no struct literal in a condition). Only the shapes
//! the emitter writes are read; anything else is [`Unsupported`](super::Unsupported).

use proc_macro2::Delimiter;

use super::cursor::Cursor;
use super::tree::{Ast, Id, List, Node, Span};
use super::{R, unsupported};

impl Ast {
    /// The statements of a block's inside.
    pub fn block(&mut self, inside: Cursor) -> R<List> {
        let mark = self.mark();
        let mut cur = inside;
        while !cur.is_empty() {
            let stmt = self.stmt(&mut cur)?;
            self.push_child(stmt);
        }
        Ok(self.finish(mark))
    }

    fn stmt(&mut self, cur: &mut Cursor) -> R<Id> {
        if cur.is_punct('#') || cur.is_punct(';') {
            return Err(unsupported());
        }
        if cur.is_word("let") {
            cur.bump();
            let pat = self.pat_span(cur, &[':', '=', ';'])?;
            let ty = if cur.is_lone(':') {
                cur.bump();
                Some(until(cur, &['=', ';'])?)
            } else {
                None
            };
            let init = if cur.is_lone('=') {
                cur.bump();
                Some(self.expr(cur, false)?)
            } else {
                None
            };
            if !cur.is_punct(';') {
                return Err(unsupported());
            }
            cur.bump();
            return Ok(self.add(Node::Local { pat, ty, init }));
        }
        // Items the item printer prints: `use`, and a `static` (generated checks keep their
        // compiled pattern or rule in one).
        if cur.is_word("use") || (cur.is_word("static") && !cur.is_word_n(1, "mut")) {
            let start = cur.at as u32;
            while !cur.is_empty() && !cur.is_punct(';') {
                cur.bump();
            }
            if cur.is_empty() {
                return Err(unsupported());
            }
            cur.bump();
            let span = Span {
                start,
                end: cur.at as u32,
            };
            return Ok(self.add(Node::Item(span)));
        }
        const ITEMS: [&str; 12] = [
            "pub",
            "fn",
            "struct",
            "enum",
            "impl",
            "mod",
            "type",
            "static",
            "trait",
            "extern",
            "unsafe",
            "macro_rules",
        ];
        if ITEMS.iter().any(|word| cur.is_word(word))
            || (cur.is_word("const") && !cur.is_group_n(1, Delimiter::Brace))
        {
            return Err(unsupported());
        }
        let expr = self.expr_stmt(cur)?;
        let semi = cur.is_punct(';');
        if semi {
            cur.bump();
        }
        if let Node::Macro { group, .. } = self.node(expr) {
            let brace = cur
                .range(group as usize, group as usize + 1)
                .is_group(Delimiter::Brace);
            if semi || brace {
                return Ok(self.add(Node::MacroStmt { mac: expr, semi }));
            }
        }
        if !semi && !cur.is_empty() && self.requires_comma(expr) {
            return Err(unsupported());
        }
        Ok(self.add(Node::Expr { expr, semi }))
    }

    /// An expression in statement position (or a match arm's body): one that starts with a
    /// block-like expression ends there (`syn`'s `parse_with_earlier_boundary_rule`).
    fn expr_stmt(&mut self, cur: &mut Cursor) -> R<Id> {
        let block_like = cur.is_word("if")
            || cur.is_word("match")
            || cur.is_word("loop")
            || cur.is_word("while")
            || cur.is_word("for")
            || cur.is_word("unsafe")
            || cur.is_group(Delimiter::Brace);
        if !block_like {
            return self.expr(cur, false);
        }
        let expr = self.atom(cur, false)?;
        // A method call on it would need parentheses, which prettyplease adds.
        if (cur.is_punct('.') && !cur.is_punct2('.', '.')) || cur.is_punct('?') {
            return Err(unsupported());
        }
        Ok(expr)
    }

    /// An expression (`syn`'s `Expr::parse`; `no_struct` in conditions, where `x {` is not a
    /// struct literal). Binary operators other than `=` are not read.
    pub fn expr(&mut self, cur: &mut Cursor, no_struct: bool) -> R<Id> {
        let left = self.unary(cur, no_struct)?;
        if cur.is_lone('=') {
            cur.bump();
            let right = self.expr(cur, no_struct)?;
            return Ok(self.add(Node::Assign { left, right }));
        }
        self.check_end(cur)?;
        Ok(left)
    }

    /// Fails when an operator continues the expression.
    fn check_end(&self, cur: &Cursor) -> R {
        let ends = cur.is_empty()
            || cur.is_punct(',')
            || cur.is_punct(';')
            || cur.is_punct2('=', '>')
            || cur.is_group(Delimiter::Brace)
            || cur.is_word("else");
        let operator =
            matches!(cur.kind(), Some(crate::tokens::Kind::Punct { .. })) || cur.is_word("as");
        if !ends && operator {
            return Err(unsupported());
        }
        Ok(())
    }

    fn unary(&mut self, cur: &mut Cursor, no_struct: bool) -> R<Id> {
        if cur.is_punct('#') {
            return Err(unsupported());
        }
        if cur.is_punct('&') {
            if cur.is_punct2('&', '&') || cur.is_word_n(1, "raw") {
                return Err(unsupported());
            }
            cur.bump();
            let mutable = cur.is_word("mut");
            if mutable {
                cur.bump();
            }
            let expr = self.unary(cur, no_struct)?;
            self.prefix_operand(expr)?;
            return Ok(self.add(Node::Reference { mutable, expr }));
        }
        if cur.is_punct('!') || cur.is_punct('*') || cur.is_punct('-') {
            let op = cur.at as u32;
            cur.bump();
            let expr = self.unary(cur, no_struct)?;
            self.prefix_operand(expr)?;
            return Ok(self.add(Node::Unary { op, expr }));
        }
        let atom = self.atom(cur, no_struct)?;
        self.trailer(cur, atom)
    }

    /// What `&` and `!` apply to without prettyplease adding parentheses.
    fn prefix_operand(&self, expr: Id) -> R {
        match self.node(expr) {
            Node::Closure { .. } | Node::Assign { .. } | Node::Let { .. } => Err(unsupported()),
            _ => Ok(()),
        }
    }

    fn trailer(&mut self, cur: &mut Cursor, mut expr: Id) -> R<Id> {
        loop {
            let postfix = cur.is_group(Delimiter::Parenthesis)
                || cur.is_group(Delimiter::Bracket)
                || (cur.is_punct('.') && !cur.is_punct2('.', '.'))
                || cur.is_punct('?');
            if !postfix {
                return Ok(expr);
            }
            if self.block_like(expr) || cur.is_group(Delimiter::Bracket) {
                return Err(unsupported());
            }
            if cur.is_group(Delimiter::Parenthesis) {
                let args = self.exprs(cur.inside())?;
                cur.bump();
                expr = self.add(Node::Call { func: expr, args });
            } else if cur.is_punct('?') {
                cur.bump();
                expr = self.add(Node::Try(expr));
            } else {
                cur.bump();
                let member = cur.at as u32;
                if cur.is_word("await") || !(cur.is_ident() || cur.is_literal()) {
                    return Err(unsupported());
                }
                if cur.is_literal() && !cur.text().bytes().all(|b| b.is_ascii_digit()) {
                    return Err(unsupported());
                }
                let named = cur.is_ident();
                cur.bump();
                let turbofish = if named && cur.is_punct2(':', ':') {
                    cur.bump();
                    cur.bump();
                    Some(angle_span(cur)?)
                } else {
                    None
                };
                if named && (turbofish.is_some() || cur.is_group(Delimiter::Parenthesis)) {
                    if !cur.is_group(Delimiter::Parenthesis) {
                        return Err(unsupported());
                    }
                    let args = self.exprs(cur.inside())?;
                    cur.bump();
                    expr = self.add(Node::MethodCall {
                        receiver: expr,
                        method: member,
                        turbofish,
                        args,
                    });
                } else {
                    expr = self.add(Node::Field { base: expr, member });
                }
            }
        }
    }

    /// Expressions separated by commas (call arguments, tuple and array elements).
    fn exprs(&mut self, inside: Cursor) -> R<List> {
        let mark = self.mark();
        let mut cur = inside;
        while !cur.is_empty() {
            let expr = self.expr(&mut cur, false)?;
            self.push_child(expr);
            if cur.is_punct(',') {
                cur.bump();
            } else if !cur.is_empty() {
                return Err(unsupported());
            }
        }
        Ok(self.finish(mark))
    }

    fn atom(&mut self, cur: &mut Cursor, no_struct: bool) -> R<Id> {
        if cur.is_literal() || cur.is_word("true") || cur.is_word("false") {
            let at = cur.at as u32;
            cur.bump();
            return Ok(self.add(Node::Lit(at)));
        }
        if cur.is_group(Delimiter::Parenthesis) {
            let inside = cur.inside();
            cur.bump();
            let elems = self.exprs(inside)?;
            let trailing = ends_with_comma(inside);
            if elems.len() == 1 && !trailing {
                let inner = self.list(elems)[0];
                return Ok(self.add(Node::Paren(inner)));
            }
            return Ok(self.add(Node::Tuple(elems)));
        }
        if cur.is_group(Delimiter::Bracket) {
            let inside = cur.inside();
            cur.bump();
            if has_top_level_semi(inside) {
                return Err(unsupported());
            }
            let elems = self.exprs(inside)?;
            return Ok(self.add(Node::Array(elems)));
        }
        if cur.is_group(Delimiter::Brace) {
            let inside = cur.inside();
            cur.bump();
            let stmts = self.block(inside)?;
            return Ok(self.add(Node::Block(stmts)));
        }
        if cur.is_word("if") {
            return self.expr_if(cur);
        }
        if cur.is_word("match") {
            cur.bump();
            let expr = self.expr(cur, true)?;
            if !cur.is_group(Delimiter::Brace) {
                return Err(unsupported());
            }
            let inside = cur.inside();
            cur.bump();
            let arms = self.arms(inside)?;
            return Ok(self.add(Node::Match { expr, arms }));
        }
        if cur.is_word("let") {
            cur.bump();
            let pat = self.pat_span(cur, &['='])?;
            if !cur.is_lone('=') {
                return Err(unsupported());
            }
            cur.bump();
            let expr = self.unary(cur, true)?;
            return Ok(self.add(Node::Let { pat, expr }));
        }
        if cur.is_punct('|') || cur.is_word("move") {
            return self.closure(cur, no_struct);
        }
        const UNREAD: [&str; 13] = [
            "return", "break", "continue", "loop", "while", "for", "unsafe", "async", "const",
            "static", "yield", "become", "try",
        ];
        if UNREAD.iter().any(|word| cur.is_word(word)) || !cur.is_ident() {
            return Err(unsupported());
        }
        // A path, then a macro's `!`, a struct literal's fields, or nothing.
        let start = cur.at as u32;
        skip_expr_path(cur)?;
        let path = Span {
            start,
            end: cur.at as u32,
        };
        if cur.is_punct('!') && !cur.is_punct2('!', '=') {
            cur.bump();
            let open = cur.is_group(Delimiter::Parenthesis)
                || cur.is_group(Delimiter::Bracket)
                || cur.is_group(Delimiter::Brace);
            if !open {
                return Err(unsupported());
            }
            let group = cur.at as u32;
            cur.bump();
            return Ok(self.add(Node::Macro { path, group }));
        }
        if !no_struct && cur.is_group(Delimiter::Brace) {
            let inside = cur.inside();
            cur.bump();
            let fields = self.field_values(inside)?;
            return Ok(self.add(Node::Struct { path, fields }));
        }
        Ok(self.add(Node::Path(path)))
    }

    fn expr_if(&mut self, cur: &mut Cursor) -> R<Id> {
        cur.bump();
        let cond = self.expr(cur, true)?;
        if !cur.is_group(Delimiter::Brace) {
            return Err(unsupported());
        }
        let then = self.block(cur.inside())?;
        cur.bump();
        let otherwise = if cur.is_word("else") {
            cur.bump();
            if cur.is_word("if") {
                Some(self.expr_if(cur)?)
            } else if cur.is_group(Delimiter::Brace) {
                let stmts = self.block(cur.inside())?;
                cur.bump();
                Some(self.add(Node::Block(stmts)))
            } else {
                return Err(unsupported());
            }
        } else {
            None
        };
        Ok(self.add(Node::If {
            cond,
            then,
            otherwise,
        }))
    }

    fn arms(&mut self, inside: Cursor) -> R<List> {
        let mark = self.mark();
        let mut cur = inside;
        while !cur.is_empty() {
            if cur.is_punct('#') {
                return Err(unsupported());
            }
            let start = cur.at as u32;
            while !cur.is_empty() && !cur.is_punct2('=', '>') {
                if cur.is_word("if") {
                    return Err(unsupported());
                }
                cur.bump();
            }
            if cur.is_empty() {
                return Err(unsupported());
            }
            let pat = Span {
                start,
                end: cur.at as u32,
            };
            cur.bump();
            cur.bump();
            let body = self.expr_stmt(&mut cur)?;
            if cur.is_punct(',') {
                cur.bump();
            } else if !cur.is_empty() && self.requires_comma(body) {
                return Err(unsupported());
            }
            let arm = self.add(Node::Arm { pat, body });
            self.push_child(arm);
        }
        Ok(self.finish(mark))
    }

    fn closure(&mut self, cur: &mut Cursor, no_struct: bool) -> R<Id> {
        let capture = cur.is_word("move");
        if capture {
            cur.bump();
        }
        if !cur.is_punct('|') {
            return Err(unsupported());
        }
        cur.bump();
        let mark = self.mark();
        while !cur.is_punct('|') {
            if cur.is_empty() || cur.is_punct('#') {
                return Err(unsupported());
            }
            let pat = self.pat_span(cur, &['|', ','])?;
            let pat = if cur.is_lone(':') {
                cur.bump();
                let ty = until(cur, &['|', ','])?;
                Span {
                    start: pat.start,
                    end: ty.end,
                }
            } else {
                pat
            };
            let node = self.add(Node::Pat(pat));
            self.push_child(node);
            if cur.is_punct(',') {
                cur.bump();
            }
        }
        cur.bump();
        let inputs = self.finish(mark);
        if cur.is_punct2('-', '>') {
            return Err(unsupported());
        }
        let body = self.expr(cur, no_struct)?;
        Ok(self.add(Node::Closure {
            capture,
            inputs,
            body,
        }))
    }

    fn field_values(&mut self, inside: Cursor) -> R<List> {
        let mark = self.mark();
        let mut cur = inside;
        while !cur.is_empty() {
            if cur.is_punct2('.', '.') || cur.is_punct('#') || !cur.is_ident() {
                return Err(unsupported());
            }
            let member = cur.at as u32;
            cur.bump();
            let value = if cur.is_lone(':') {
                cur.bump();
                Some(self.expr(&mut cur, false)?)
            } else {
                None
            };
            let field = self.add(Node::FieldValue { member, value });
            self.push_child(field);
            if cur.is_punct(',') {
                cur.bump();
            } else if !cur.is_empty() {
                return Err(unsupported());
            }
        }
        Ok(self.finish(mark))
    }

    /// A pattern's tokens, up to one of `ends` outside groups (the pattern is read when
    /// printed).
    fn pat_span(&mut self, cur: &mut Cursor, ends: &[char]) -> R<Span> {
        let span = until(cur, ends)?;
        if span.start == span.end {
            return Err(unsupported());
        }
        Ok(span)
    }
}

/// Moves past `a::b::<T>::c` (an expression's path).
fn skip_expr_path(cur: &mut Cursor) -> R {
    if cur.is_punct2(':', ':') {
        cur.bump();
        cur.bump();
    }
    loop {
        if !cur.is_ident() {
            return Err(unsupported());
        }
        cur.bump();
        if !cur.is_punct2(':', ':') {
            return Ok(());
        }
        cur.bump();
        cur.bump();
        if cur.is_punct('<') {
            angle_span(cur)?;
            if !cur.is_punct2(':', ':') {
                return Ok(());
            }
            cur.bump();
            cur.bump();
        }
    }
}

/// Moves past `<...>`, nested ones included; the span is the whole of it.
fn angle_span(cur: &mut Cursor) -> R<Span> {
    if !cur.is_punct('<') {
        return Err(unsupported());
    }
    let start = cur.at as u32;
    let mut depth = 0usize;
    loop {
        if cur.is_empty() {
            return Err(unsupported());
        }
        if cur.is_punct2('-', '>') {
            cur.bump();
        } else if cur.is_punct('<') {
            depth += 1;
        } else if cur.is_punct('>') {
            depth -= 1;
            if depth == 0 {
                cur.bump();
                return Ok(Span {
                    start,
                    end: cur.at as u32,
                });
            }
        }
        cur.bump();
    }
}

/// The tokens up to one of `ends` (outside groups and angle brackets), not included.
fn until(cur: &mut Cursor, ends: &[char]) -> R<Span> {
    let start = cur.at as u32;
    let mut angles = 0usize;
    while !cur.is_empty() {
        if angles == 0 && ends.iter().any(|&end| cur.is_lone(end)) {
            break;
        }
        if cur.is_punct2('-', '>') || cur.is_punct2('=', '>') {
            cur.bump();
        } else if cur.is_punct('<') {
            angles += 1;
        } else if cur.is_punct('>') {
            angles = angles.checked_sub(1).ok_or_else(unsupported)?;
        }
        cur.bump();
    }
    Ok(Span {
        start,
        end: cur.at as u32,
    })
}

fn ends_with_comma(inside: Cursor) -> bool {
    let mut cur = inside;
    let mut last_comma = false;
    while !cur.is_empty() {
        last_comma = cur.is_punct(',');
        cur.bump();
    }
    last_comma
}

fn has_top_level_semi(inside: Cursor) -> bool {
    let mut cur = inside;
    while !cur.is_empty() {
        if cur.is_punct(';') {
            return true;
        }
        cur.bump();
    }
    false
}

/// Integers, characters, bytes and booleans are the literals of a "simple" array. Numbers other
/// than plain decimal integers (hexadecimal, floats, suffixed) are not told apart here, and fail.
pub(super) fn simple_literal(text: &str) -> R<bool> {
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        return match text.bytes().all(|b| b.is_ascii_digit() || b == b'_') {
            true => Ok(true),
            false => Err(unsupported()),
        };
    }
    Ok(text == "true" || text == "false" || text.starts_with('\'') || text.starts_with("b'"))
}
