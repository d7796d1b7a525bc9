//! Expressions, statements, patterns and the standard macros, as prettyplease's `expr.rs`,
//! `stmt.rs`, `pat.rs` and `mac.rs` print them, from the tree of [`super::syntax`].

use super::cursor::done;
use super::oppen::{BreakToken, INDENT};
use super::parse::simple_literal;
use super::tree::{Id, List, Node, Tree};
use super::types::PathKind;
use super::{Out, R, unsupported};

impl Out {
    pub(super) fn expr(&mut self, t: Tree, id: Id) -> R {
        match t.node(id) {
            Node::Lit(at) => self.word(t.text(at)),
            Node::Path(span) => {
                let mut path = t.span(span);
                self.path(&mut path, PathKind::Expr)?;
                done(&path)?;
            }
            Node::Macro { .. } => self.expr_macro(t, id, false)?,
            Node::Struct { path, fields } => {
                self.cbox(INDENT);
                self.ibox(-INDENT);
                let mut path = t.span(path);
                self.path(&mut path, PathKind::Expr)?;
                done(&path)?;
                self.end();
                self.word(" {");
                self.space_if_nonempty();
                let fields = t.list(fields);
                for (index, &field) in fields.iter().enumerate() {
                    let Node::FieldValue { member, value } = t.node(field) else {
                        return Err(unsupported());
                    };
                    self.word(t.text(member));
                    if let Some(value) = value {
                        self.word(": ");
                        self.ibox(0);
                        self.expr(t, value)?;
                        self.end();
                    }
                    self.trailing_comma_or_space(index + 1 == fields.len());
                }
                self.offset(-INDENT);
                self.end_with_max_width(34);
                self.word("}");
            }
            Node::Call { .. } | Node::MethodCall { .. } | Node::Field { .. } | Node::Try(_) => {
                self.expr_beginning_of_line(t, id, false)?
            }
            Node::Reference { mutable, expr } => {
                self.word("&");
                if mutable {
                    self.word("mut ");
                }
                self.expr(t, expr)?;
            }
            Node::Unary { op, expr } => {
                self.word(t.text(op));
                self.expr(t, expr)?;
            }
            Node::Tuple(elems) => {
                let elems = t.list(elems);
                self.tuple(elems.len(), true, |out, index| out.expr(t, elems[index]))?;
            }
            Node::Array(elems) => self.expr_array(t, elems)?,
            Node::Paren(inner) => {
                self.word("(");
                self.expr(t, inner)?;
                self.word(")");
            }
            Node::Block(stmts) => {
                self.cbox(INDENT);
                self.small_block(t, stmts)?;
                self.end();
            }
            Node::If { .. } => self.expr_if(t, id)?,
            Node::Let { pat, expr } => {
                self.ibox(0);
                self.word("let ");
                self.ibox(0);
                let mut pat = t.span(pat);
                self.pat(&mut pat)?;
                done(&pat)?;
                self.end();
                self.word(" = ");
                self.neverbreak();
                self.ibox(0);
                self.expr(t, expr)?;
                self.end();
                self.end();
            }
            Node::Match { expr, arms } => {
                self.ibox(0);
                self.word("match ");
                self.expr_condition(t, expr)?;
                self.word("{");
                self.neverbreak();
                self.cbox(INDENT);
                self.hardbreak_if_nonempty();
                for &arm in t.list(arms) {
                    self.arm(t, arm)?;
                    self.hardbreak();
                }
                self.close_block();
                self.end();
            }
            Node::Closure { .. } => self.expr_closure(t, id)?,
            Node::Assign { left, right } => {
                self.ibox(0);
                self.expr(t, left)?;
                self.word(" = ");
                self.neverbreak();
                self.expr(t, right)?;
                self.end();
            }
            _ => return Err(unsupported()),
        }
        Ok(())
    }

    pub(super) fn expr_beginning_of_line(&mut self, t: Tree, id: Id, bol: bool) -> R {
        match t.node(id) {
            Node::Call { func, args } => {
                self.expr_beginning_of_line(t, func, bol)?;
                self.word("(");
                self.call_args(t, args)?;
                self.word(")");
            }
            Node::MethodCall { receiver, .. } => {
                self.cbox(INDENT);
                let unindent_call_args = bol && t.ast.is_short_ident(receiver, &t.tokens);
                self.prefix_method_call(t, id, bol, unindent_call_args)?;
                self.end();
            }
            Node::Field { .. } => {
                self.cbox(INDENT);
                self.prefix_subexpr(t, id, bol)?;
                self.end();
            }
            Node::Try(inner) => {
                self.expr_beginning_of_line(t, inner, bol)?;
                self.word("?");
            }
            _ => self.expr(t, id)?,
        }
        Ok(())
    }

    /// prettyplease's `prefix_subexpr`: a link of a method chain.
    fn prefix_subexpr(&mut self, t: Tree, id: Id, bol: bool) -> R {
        match t.node(id) {
            Node::Call { func, args } => {
                self.prefix_subexpr(t, func, false)?;
                self.word("(");
                self.call_args(t, args)?;
                self.word(")");
            }
            Node::MethodCall { .. } => self.prefix_method_call(t, id, bol, false)?,
            Node::Field { base, member } => {
                self.prefix_subexpr(t, base, bol)?;
                self.dot_break(t, base, bol);
                self.word(".");
                self.word(t.text(member));
            }
            Node::Try(inner) => {
                self.prefix_subexpr(t, inner, bol)?;
                self.word("?");
            }
            _ => {
                self.cbox(-INDENT);
                self.expr(t, id)?;
                self.end();
            }
        }
        Ok(())
    }

    fn prefix_method_call(&mut self, t: Tree, id: Id, bol: bool, unindent_call_args: bool) -> R {
        let Node::MethodCall {
            receiver,
            method,
            turbofish,
            args,
        } = t.node(id)
        else {
            return Err(unsupported());
        };
        self.prefix_subexpr(t, receiver, bol)?;
        self.dot_break(t, receiver, bol);
        self.word(".");
        self.word(t.text(method));
        if let Some(turbofish) = turbofish {
            let mut args = t.span(turbofish);
            self.generic_args(&mut args, PathKind::Expr)?;
            done(&args)?;
        }
        self.cbox(if unindent_call_args { -INDENT } else { 0 });
        self.word("(");
        self.call_args(t, args)?;
        self.word(")");
        self.end();
        Ok(())
    }

    /// Where a method chain may break before its `.`.
    fn dot_break(&mut self, t: Tree, base: Id, bol: bool) {
        if !(bol && t.ast.is_short_ident(base, &t.tokens)) {
            let no_break = self.ends_with('.').then_some(' ');
            self.scan_break(BreakToken {
                no_break,
                ..BreakToken::default()
            });
        }
    }

    fn call_args(&mut self, t: Tree, args: List) -> R {
        let args = t.list(args);
        if let [only] = args {
            if t.ast.is_blocklike(*only) {
                return self.expr(t, *only);
            }
        }
        self.comma_list(args.len(), |out, index| out.expr(t, args[index]))
    }

    fn expr_array(&mut self, t: Tree, elems: List) -> R {
        let elems = t.list(elems);
        if elems.is_empty() {
            self.word("[]");
            return Ok(());
        }
        let mut simple = true;
        for &elem in elems {
            simple &= match t.node(elem) {
                Node::Lit(at) => simple_literal(t.text(at))?,
                _ => false,
            };
        }
        if simple {
            self.cbox(INDENT);
            self.word("[");
            self.zerobreak();
            self.ibox(0);
            for (index, &elem) in elems.iter().enumerate() {
                self.expr(t, elem)?;
                if index + 1 < elems.len() {
                    self.word(",");
                    self.space();
                }
            }
            self.end();
            self.trailing_comma(true);
            self.offset(-INDENT);
            self.word("]");
            self.end();
        } else {
            self.word("[");
            self.comma_list(elems.len(), |out, index| out.expr(t, elems[index]))?;
            self.word("]");
        }
        Ok(())
    }

    pub(super) fn small_block(&mut self, t: Tree, stmts: List) -> R {
        self.word("{");
        let list = t.list(stmts);
        if !list.is_empty() {
            self.space();
            match list {
                [only] if matches!(t.node(*only), Node::Expr { semi: false, .. }) => {
                    let Node::Expr { expr, .. } = t.node(*only) else {
                        unreachable!()
                    };
                    self.ibox(0);
                    self.expr_beginning_of_line(t, expr, true)?;
                    self.end();
                    self.space();
                }
                _ => self.stmts(t, stmts)?,
            }
            self.offset(-INDENT);
        }
        self.word("}");
        Ok(())
    }

    fn expr_if(&mut self, t: Tree, id: Id) -> R {
        let Node::If {
            cond,
            then,
            otherwise,
        } = t.node(id)
        else {
            return Err(unsupported());
        };
        self.cbox(INDENT);
        self.word("if ");
        self.cbox(-INDENT);
        self.expr_condition(t, cond)?;
        self.end();
        if let Some(mut otherwise) = otherwise {
            self.small_block(t, then)?;
            loop {
                self.word(" else ");
                match t.node(otherwise) {
                    Node::If {
                        cond,
                        then,
                        otherwise: next,
                    } => {
                        self.word("if ");
                        self.cbox(-INDENT);
                        self.expr_condition(t, cond)?;
                        self.end();
                        self.small_block(t, then)?;
                        if let Some(next) = next {
                            otherwise = next;
                            continue;
                        }
                    }
                    Node::Block(stmts) => self.small_block(t, stmts)?,
                    _ => return Err(unsupported()),
                }
                break;
            }
        } else if t.list(then).is_empty() {
            self.word("{}");
        } else {
            self.word("{");
            self.hardbreak();
            self.stmts(t, then)?;
            self.offset(-INDENT);
            self.word("}");
        }
        self.end();
        Ok(())
    }

    fn expr_condition(&mut self, t: Tree, expr: Id) -> R {
        self.cbox(0);
        self.expr(t, expr)?;
        if t.ast.needs_newline_if_wrap(expr) {
            self.space();
        } else {
            self.nbsp();
        }
        self.end();
        Ok(())
    }

    fn arm(&mut self, t: Tree, arm: Id) -> R {
        let Node::Arm { pat, mut body } = t.node(arm) else {
            return Err(unsupported());
        };
        self.ibox(0);
        let mut pat = t.span(pat);
        self.pat(&mut pat)?;
        done(&pat)?;
        self.word(" => ");
        // A block of one expression prints as that expression.
        while let Node::Block(stmts) = t.node(body) {
            match t.list(stmts) {
                [only] => match t.node(*only) {
                    Node::Expr { expr, semi: false } => body = expr,
                    _ => break,
                },
                _ => break,
            }
        }
        let block = match t.node(body) {
            Node::Block(stmts) => Some(stmts),
            Node::Tuple(elems) if elems_empty(t, elems) => Some(List::default()),
            _ => None,
        };
        if let Some(stmts) = block {
            self.word("{");
            self.neverbreak();
            self.cbox(INDENT);
            self.hardbreak_if_nonempty();
            self.stmts(t, stmts)?;
            self.close_block();
        } else {
            self.neverbreak();
            self.cbox(INDENT);
            let okay_to_brace = t.ast.parseable_as_stmt(body);
            self.scan_break(BreakToken {
                pre_break: Some(if okay_to_brace { '{' } else { '(' }),
                ..BreakToken::default()
            });
            self.expr_beginning_of_line(t, body, true)?;
            self.scan_break(BreakToken {
                offset: -INDENT,
                pre_break: (okay_to_brace && t.ast.add_semi(body)).then_some(';'),
                post_break: if okay_to_brace { "}" } else { ")," },
                no_break: t.ast.requires_comma(body).then_some(','),
                ..BreakToken::default()
            });
            self.end();
        }
        self.end();
        Ok(())
    }

    fn expr_closure(&mut self, t: Tree, id: Id) -> R {
        let Node::Closure {
            capture,
            inputs,
            body,
        } = t.node(id)
        else {
            return Err(unsupported());
        };
        self.ibox(0);
        if capture {
            self.word("move ");
        }
        self.cbox(INDENT);
        self.word("|");
        let inputs = t.list(inputs);
        for (index, &input) in inputs.iter().enumerate() {
            if index == 0 {
                self.zerobreak();
            }
            let Node::Pat(span) = t.node(input) else {
                return Err(unsupported());
            };
            let mut pat = t.span(span);
            self.pat(&mut pat)?;
            if pat.is_lone(':') {
                pat.bump();
                self.word(": ");
                self.ty(&mut pat)?;
            }
            done(&pat)?;
            if index + 1 < inputs.len() {
                self.word(",");
                self.space();
            }
        }
        self.word("|");
        self.space();
        self.offset(-INDENT);
        self.end();
        self.neverbreak();
        let wrap_in_brace = match t.node(body) {
            Node::Match { .. } | Node::Call { .. } => false,
            _ => !t.ast.is_blocklike(body),
        };
        if wrap_in_brace {
            self.cbox(INDENT);
            let okay_to_brace = t.ast.parseable_as_stmt(body);
            self.scan_break(BreakToken {
                pre_break: Some(if okay_to_brace { '{' } else { '(' }),
                ..BreakToken::default()
            });
            self.expr(t, body)?;
            self.scan_break(BreakToken {
                offset: -INDENT,
                pre_break: (okay_to_brace && t.ast.add_semi(body)).then_some(';'),
                post_break: if okay_to_brace { "}" } else { ")" },
                ..BreakToken::default()
            });
            self.end();
        } else {
            self.expr(t, body)?;
        }
        self.end();
        Ok(())
    }

    /// A macro call, `;` after it if `semicolon`.
    pub(super) fn expr_macro(&mut self, t: Tree, id: Id, semicolon: bool) -> R {
        let Node::Macro { path, group } = t.node(id) else {
            return Err(unsupported());
        };
        self.simple_path(t.span(path))?;
        self.word("!");
        let group = t.tokens.range(group as usize, group as usize + 1);
        self.mac_group(group, semicolon);
        Ok(())
    }
}

fn elems_empty(t: Tree, elems: List) -> bool {
    t.list(elems).is_empty()
}
