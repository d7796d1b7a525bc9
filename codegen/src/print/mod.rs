//! A printer of emitted tokens with prettyplease's layout that does not parse them into `syn`'s
//! tree first: that parse, the printing from the tree and the tree's drop were most of a run.
//! It reads the shapes of code the emitter writes, the way `syn` reads them, and gives the
//! boxes and breaks prettyplease would give them to the same line-breaking algorithm
//! ([`oppen`]); on anything else it gives up, and the layout prints that piece with `syn` and
//! prettyplease ([`reference`]). `tests/printer.rs` compares the two on every item of every spec
//! it has.

mod attrs;
mod cursor;
mod exprs;
mod generics;
mod items;
mod oppen;
mod parse;
mod pats;
pub mod reference;
mod shapes;
mod stmts;
mod tree;
mod types;
mod verbatim;

use crate::tokens::Tokens;

/// A shape of tokens this printer does not read: where in the printer it gave up.
#[derive(Debug)]
pub struct Unsupported(pub &'static std::panic::Location<'static>);

#[track_caller]
fn unsupported() -> Unsupported {
    Unsupported(std::panic::Location::caller())
}

type R<T = ()> = Result<T, Unsupported>;

/// The line breaker and the tree of the body being printed (kept to reuse its memory).
struct Out {
    printer: oppen::Printer,
    ast: tree::Ast,
}

impl std::ops::Deref for Out {
    type Target = oppen::Printer;

    fn deref(&self) -> &oppen::Printer {
        &self.printer
    }
}

impl std::ops::DerefMut for Out {
    fn deref_mut(&mut self) -> &mut oppen::Printer {
        &mut self.printer
    }
}

/// One printed item, ending in a newline.
pub struct Printed {
    pub text: String,
    /// A `use` or `mod x;`: a declaration, which prettyplease's callers keep in runs.
    pub declares: bool,
}

/// Some tokens printed: their inner attributes (as prettyplease prints a file of them and no
/// item; empty if none), then each item as prettyplease prints a file of that one item.
pub struct File {
    pub attrs: String,
    pub items: Vec<Printed>,
}

/// `tokens` printed as the items of a file; an error when some shape in them is not one this
/// printer reads.
pub fn file(tokens: &Tokens) -> Result<File, Unsupported> {
    print(tokens, 0)
}

/// The same, inside a module: lines start at column 4.
fn indented(tokens: &Tokens) -> Result<File, Unsupported> {
    print(tokens, 4)
}

fn print(tokens: &Tokens, indent: usize) -> Result<File, Unsupported> {
    let mut cur = tokens.cursor();
    let mut out = Out {
        printer: oppen::Printer::new(indent),
        ast: tree::Ast::default(),
    };
    let attrs = if cur.is_punct('#') && cur.is_punct_n(1, '!') {
        out.cbox(0);
        out.inner_attrs(&mut cur)?;
        out.end();
        out.eof()
    } else {
        String::new()
    };
    let mut items = Vec::new();
    while !cur.is_empty() {
        out.cbox(0);
        let declares = out.item(&mut cur)?;
        out.end();
        items.push(Printed {
            text: out.eof(),
            declares,
        });
    }
    Ok(File { attrs, items })
}

/// `pub mod name { ... }` inline, after its outer attributes `attrs`, its doc (inner attributes)
/// and items inside: what prettyplease prints for the module (its items follow each other with
/// no blank line); an error as for [`file`].
pub fn module(
    attrs: &Tokens,
    name: &str,
    doc: &Tokens,
    items: &[Tokens],
) -> Result<String, Unsupported> {
    let mut text = outer_attrs(attrs)?;
    text.push_str("pub mod ");
    text.push_str(name);
    text.push_str(" {\n");
    text.push_str(&indented(doc)?.attrs);
    for tokens in items {
        let file = indented(tokens)?;
        text.push_str(&file.attrs);
        for item in file.items {
            text.push_str(&item.text);
        }
    }
    text.push_str("}\n");
    Ok(text)
}

/// Outer attributes at the top level, each on its line.
fn outer_attrs(tokens: &Tokens) -> Result<String, Unsupported> {
    if tokens.is_empty() {
        return Ok(String::new());
    }
    let mut cur = tokens.cursor();
    let mut out = Out {
        printer: oppen::Printer::new(0),
        ast: tree::Ast::default(),
    };
    out.cbox(0);
    out.outer_attrs_here(&mut cur)?;
    out.end();
    if !cur.is_empty() {
        return Err(unsupported());
    }
    // The break after the last one is the item's, which the printer leaves out at the end.
    let mut text = out.eof();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}
