//! The tree of a body (expressions, statements, match arms) in one arena of nodes reused from
//! item to item, and what prettyplease asks of its nodes: some line breaks depend on what comes
//! later (a method chain's last call, a block's only statement). [`super::parse`] builds it.

use super::cursor::Cursor;

pub(super) type Id = u32;

/// Some nodes, in `Ast::lists`.
#[derive(Clone, Copy, Default)]
pub(super) struct List {
    start: u32,
    len: u32,
}

impl List {
    pub fn len(&self) -> usize {
        self.len as usize
    }
}

/// Tokens `start..end` (a path, a pattern, a type, an item inside a block).
#[derive(Clone, Copy)]
pub(super) struct Span {
    pub start: u32,
    pub end: u32,
}

#[derive(Clone, Copy)]
pub(super) enum Node {
    /// A literal, or `true`/`false`.
    Lit(u32),
    Path(Span),
    /// `path!(...)`: `group` is the index of the group's open token.
    Macro {
        path: Span,
        group: u32,
    },
    /// `Path { member: value, .. }`: fields are `FieldValue`s.
    Struct {
        path: Span,
        fields: List,
    },
    FieldValue {
        member: u32,
        value: Option<Id>,
    },
    Call {
        func: Id,
        args: List,
    },
    MethodCall {
        receiver: Id,
        method: u32,
        turbofish: Option<Span>,
        args: List,
    },
    Field {
        base: Id,
        member: u32,
    },
    Try(Id),
    Reference {
        mutable: bool,
        expr: Id,
    },
    /// `!x`, `*x`, `-x`: the operator's token.
    Unary {
        op: u32,
        expr: Id,
    },
    Tuple(List),
    Array(List),
    Paren(Id),
    /// `{ statements }`
    Block(List),
    If {
        cond: Id,
        then: List,
        otherwise: Option<Id>,
    },
    Let {
        pat: Span,
        expr: Id,
    },
    /// Arms are `Arm`s.
    Match {
        expr: Id,
        arms: List,
    },
    Arm {
        pat: Span,
        body: Id,
    },
    /// Inputs are `Pat`s.
    Closure {
        capture: bool,
        inputs: List,
        body: Id,
    },
    Pat(Span),
    Assign {
        left: Id,
        right: Id,
    },
    // Statements.
    Local {
        pat: Span,
        ty: Option<Span>,
        init: Option<Id>,
    },
    Item(Span),
    Expr {
        expr: Id,
        semi: bool,
    },
    MacroStmt {
        mac: Id,
        semi: bool,
    },
}

#[derive(Default)]
pub(super) struct Ast {
    nodes: Vec<Node>,
    lists: Vec<Id>,
    /// Children being read, moved to `lists` when their parent is done.
    stack: Vec<Id>,
}

impl Ast {
    pub fn clear(&mut self) {
        self.nodes.clear();
        self.lists.clear();
        self.stack.clear();
    }

    pub fn node(&self, id: Id) -> Node {
        self.nodes[id as usize]
    }

    pub fn list(&self, list: List) -> &[Id] {
        &self.lists[list.start as usize..(list.start + list.len) as usize]
    }

    pub(super) fn add(&mut self, node: Node) -> Id {
        self.nodes.push(node);
        (self.nodes.len() - 1) as Id
    }

    /// Where the children of a node being read start.
    pub(super) fn mark(&self) -> usize {
        self.stack.len()
    }

    pub(super) fn push_child(&mut self, child: Id) {
        self.stack.push(child);
    }

    /// The children pushed since `mark`, as a list.
    pub(super) fn finish(&mut self, mark: usize) -> List {
        let start = self.lists.len() as u32;
        self.lists.extend(self.stack.drain(mark..));
        List {
            start,
            len: self.lists.len() as u32 - start,
        }
    }
}

impl Ast {
    // What prettyplease asks of an expression.

    /// `is_blocklike`: an argument laid out as its own block.
    pub fn is_blocklike(&self, expr: Id) -> bool {
        matches!(
            self.node(expr),
            Node::Array(_)
                | Node::Block(_)
                | Node::Closure { .. }
                | Node::Struct { .. }
                | Node::Tuple(_)
        )
    }

    /// Ends in a block when a statement (`if`, `match`, a block).
    pub(super) fn block_like(&self, expr: Id) -> bool {
        matches!(
            self.node(expr),
            Node::If { .. } | Node::Match { .. } | Node::Block(_)
        )
    }

    /// `requires_comma_to_be_match_arm` (and, for these nodes, `requires_semi_to_be_stmt`).
    pub fn requires_comma(&self, expr: Id) -> bool {
        !self.block_like(expr)
    }

    /// `needs_newline_if_wrap`
    pub fn needs_newline_if_wrap(&self, expr: Id) -> bool {
        match self.node(expr) {
            Node::Assign { .. } | Node::Field { .. } | Node::MethodCall { .. } => true,
            Node::Call { func: inner, .. }
            | Node::Let { expr: inner, .. }
            | Node::Paren(inner)
            | Node::Reference { expr: inner, .. }
            | Node::Try(inner)
            | Node::Unary { expr: inner, .. } => self.needs_newline_if_wrap(inner),
            _ => false,
        }
    }

    /// `parseable_as_stmt`: the same in braces as bare.
    pub fn parseable_as_stmt(&self, mut expr: Id) -> bool {
        loop {
            match self.node(expr) {
                Node::Let { .. } => return false,
                Node::Assign { left: next, .. } | Node::Call { func: next, .. } => {
                    if !self.requires_comma(next) {
                        return false;
                    }
                    expr = next;
                }
                Node::Field { base: next, .. }
                | Node::MethodCall { receiver: next, .. }
                | Node::Try(next) => expr = next,
                _ => return true,
            }
        }
    }

    /// `stmt::add_semi`
    pub fn add_semi(&self, expr: Id) -> bool {
        matches!(self.node(expr), Node::Assign { .. })
    }

    /// `is_short_ident`: a one-segment path of at most 4 characters.
    pub fn is_short_ident(&self, expr: Id, cur: &Cursor) -> bool {
        match self.node(expr) {
            Node::Path(span) => {
                span.end == span.start + 1
                    && cur
                        .range(span.start as usize, span.end as usize)
                        .text()
                        .len()
                        <= 4
            }
            _ => false,
        }
    }
}

/// A parsed body and the tokens its nodes point into.
#[derive(Clone, Copy)]
pub(super) struct Tree<'a> {
    pub ast: &'a Ast,
    pub tokens: Cursor<'a>,
}

impl<'a> Tree<'a> {
    pub fn span(&self, span: Span) -> Cursor<'a> {
        self.tokens.range(span.start as usize, span.end as usize)
    }

    pub fn text(&self, at: u32) -> &'a str {
        self.tokens.range(at as usize, at as usize + 1).text()
    }

    pub fn node(&self, id: Id) -> Node {
        self.ast.node(id)
    }

    pub fn list(&self, list: List) -> &'a [Id] {
        self.ast.list(list)
    }
}
