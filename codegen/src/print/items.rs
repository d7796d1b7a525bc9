//! Items, their attributes, visibility and generics, as prettyplease's `item.rs`, `attr.rs`,
//! `data.rs` and `generics.rs` print them; parsed here as `syn` would parse them.

use proc_macro2::Delimiter;

use super::attrs::{Attrs, Vis};
use super::cursor::{Cursor, done, split_commas};
use super::oppen::INDENT;
use super::{Out, R, unsupported};

impl Out {
    /// One item; whether it is a `use` or `mod x;` (a declaration: runs of them stay together).
    pub(super) fn item(&mut self, cur: &mut Cursor) -> R<bool> {
        let attrs = self.take_outer_attrs(cur);
        let vis = self.take_vis(cur)?;
        if cur.is_word("use") {
            self.outer_attrs(attrs)?;
            self.vis(vis);
            self.item_use(cur)?;
            return Ok(true);
        }
        if cur.is_word("mod") {
            let declares = !cur.is_group_n(2, Delimiter::Brace);
            self.item_mod(attrs, vis, cur)?;
            return Ok(declares);
        }
        self.outer_attrs(attrs)?;
        if cur.is_word("struct") {
            self.item_struct(vis, cur)?;
        } else if cur.is_word("enum") {
            self.item_enum(vis, cur)?;
        } else if cur.is_word("impl") && vis.is_none() {
            self.item_impl(cur)?;
        } else if cur.is_word("fn") {
            self.cbox(INDENT);
            self.vis(vis);
            self.fn_rest(cur)?;
        } else if cur.is_word("const") && (cur.is_ident_n(1) || cur.is_word_n(1, "_")) {
            cur.bump();
            self.cbox(0);
            self.vis(vis);
            self.word("const ");
            self.const_rest(cur)?;
        } else if cur.is_word("static") && !cur.is_word_n(1, "mut") {
            cur.bump();
            self.cbox(0);
            self.vis(vis);
            self.word("static ");
            self.const_rest(cur)?;
        } else if cur.is_word("type") {
            self.type_alias(vis, cur)?;
        } else {
            return Err(unsupported());
        }
        Ok(false)
    }

    /// `name: Type = value;` of a `const` or `static`.
    fn const_rest(&mut self, cur: &mut Cursor) -> R {
        self.ident(cur)?;
        self.generics(cur)?;
        self.expect(':', cur)?;
        self.word(": ");
        self.ty(cur)?;
        self.expect('=', cur)?;
        self.word(" = ");
        self.neverbreak();
        self.expr_until_semi(cur)?;
        self.word(";");
        self.end();
        self.hardbreak();
        Ok(())
    }

    /// `type Name = Type;` (an item or an `impl`'s member; prettyplease writes the item's
    /// ` = ` in two words, which print the same).
    fn type_alias(&mut self, vis: Option<Vis>, cur: &mut Cursor) -> R {
        cur.bump();
        self.cbox(INDENT);
        self.vis(vis);
        self.word("type ");
        self.ident(cur)?;
        self.generics(cur)?;
        self.expect('=', cur)?;
        self.word(" = ");
        self.neverbreak();
        self.ibox(-INDENT);
        self.ty(cur)?;
        self.end();
        self.expect(';', cur)?;
        self.word(";");
        self.end();
        self.hardbreak();
        Ok(())
    }

    fn item_use(&mut self, cur: &mut Cursor) -> R {
        cur.bump();
        self.word("use ");
        if cur.is_punct2(':', ':') {
            return Err(unsupported());
        }
        self.use_tree(cur)?;
        self.expect(';', cur)?;
        self.word(";");
        self.hardbreak();
        Ok(())
    }

    fn use_tree(&mut self, cur: &mut Cursor) -> R {
        if cur.is_punct('*') {
            cur.bump();
            self.word("*");
            return Ok(());
        }
        if cur.is_group(Delimiter::Brace) {
            let inside = cur.inside();
            cur.bump();
            return self.use_group(inside);
        }
        self.ident(cur)?;
        if cur.is_punct2(':', ':') {
            cur.bump();
            cur.bump();
            self.word("::");
            return self.use_tree(cur);
        }
        if cur.is_word("as") {
            cur.bump();
            self.word(" as ");
            self.ident(cur)?;
        }
        Ok(())
    }

    /// `{a, b::{c, d}}`: the trees split at commas, each ending in a group or not.
    fn use_group(&mut self, inside: Cursor) -> R {
        let trees = split_commas(inside);
        match trees.as_slice() {
            [] => self.word("{}"),
            [one] if !(one.is_word("self") && one.end == one.at + 1) => {
                let mut one = *one;
                self.use_tree(&mut one)?;
                done(&one)?;
            }
            _ => {
                self.cbox(INDENT);
                self.word("{");
                self.zerobreak();
                self.ibox(0);
                for (index, tree) in trees.iter().enumerate() {
                    let mut tree = *tree;
                    self.use_tree(&mut tree)?;
                    done(&tree)?;
                    if index + 1 < trees.len() {
                        self.word(",");
                        if ends_in_group(tree) {
                            self.hardbreak();
                        } else {
                            self.space();
                        }
                    }
                }
                self.end();
                self.trailing_comma(true);
                self.offset(-INDENT);
                self.word("}");
                self.end();
            }
        }
        Ok(())
    }

    fn item_mod(&mut self, attrs: Attrs, vis: Option<Vis>, cur: &mut Cursor) -> R {
        cur.bump();
        self.outer_attrs(attrs)?;
        self.cbox(INDENT);
        self.vis(vis);
        self.word("mod ");
        self.ident(cur)?;
        if cur.is_group(Delimiter::Brace) {
            let mut inside = cur.inside();
            cur.bump();
            self.word(" {");
            self.hardbreak_if_nonempty();
            self.inner_attrs(&mut inside)?;
            while !inside.is_empty() {
                self.item(&mut inside)?;
            }
            self.close_block();
        } else {
            self.expect(';', cur)?;
            self.word(";");
            self.end();
        }
        self.hardbreak();
        Ok(())
    }

    fn item_struct(&mut self, vis: Option<Vis>, cur: &mut Cursor) -> R {
        cur.bump();
        self.cbox(INDENT);
        self.vis(vis);
        self.word("struct ");
        self.ident(cur)?;
        self.generics(cur)?;
        if cur.is_word("where") {
            return Err(unsupported());
        }
        if cur.is_group(Delimiter::Brace) {
            let inside = cur.inside();
            cur.bump();
            self.nbsp();
            self.word("{");
            self.hardbreak_if_nonempty();
            for mut field in split_commas(inside) {
                self.field(&mut field, true)?;
                self.word(",");
                self.hardbreak();
            }
            self.close_block();
        } else {
            if cur.is_group(Delimiter::Parenthesis) {
                let inside = cur.inside();
                cur.bump();
                self.fields_unnamed(inside)?;
            }
            self.expect(';', cur)?;
            self.word(";");
            self.end();
        }
        self.hardbreak();
        Ok(())
    }

    fn fields_unnamed(&mut self, inside: Cursor) -> R {
        self.word("(");
        self.zerobreak();
        let fields = split_commas(inside);
        for (index, field) in fields.iter().enumerate() {
            let mut field = *field;
            self.field(&mut field, false)?;
            self.trailing_comma(index + 1 == fields.len());
        }
        self.offset(-INDENT);
        self.word(")");
        Ok(())
    }

    /// A field of a struct or variant: attributes, visibility, `name: ` if `named`, type.
    fn field(&mut self, cur: &mut Cursor, named: bool) -> R {
        self.outer_attrs_here(cur)?;
        let vis = self.take_vis(cur)?;
        self.vis(vis);
        if named {
            self.ident(cur)?;
            self.expect(':', cur)?;
            self.word(": ");
        }
        self.ty(cur)?;
        done(cur)
    }

    fn item_enum(&mut self, vis: Option<Vis>, cur: &mut Cursor) -> R {
        cur.bump();
        self.cbox(INDENT);
        self.vis(vis);
        self.word("enum ");
        self.ident(cur)?;
        self.generics(cur)?;
        if !cur.is_group(Delimiter::Brace) {
            return Err(unsupported());
        }
        let inside = cur.inside();
        cur.bump();
        self.nbsp();
        self.word("{");
        self.hardbreak_if_nonempty();
        for mut variant in split_commas(inside) {
            self.outer_attrs_here(&mut variant)?;
            self.ident(&mut variant)?;
            if variant.is_group(Delimiter::Parenthesis) {
                let fields = variant.inside();
                variant.bump();
                self.cbox(INDENT);
                self.fields_unnamed(fields)?;
                self.end();
            } else if variant.is_group(Delimiter::Brace) {
                let inside = variant.inside();
                variant.bump();
                self.nbsp();
                self.word("{");
                self.cbox(INDENT);
                self.space();
                let fields = split_commas(inside);
                for (index, field) in fields.iter().enumerate() {
                    let mut field = *field;
                    self.field(&mut field, true)?;
                    self.trailing_comma_or_space(index + 1 == fields.len());
                }
                self.close_block();
            }
            if variant.is_lone('=') {
                variant.bump();
                self.word(" = ");
                self.expr_to_end(variant)?;
            } else {
                done(&variant)?;
            }
            self.word(",");
            self.hardbreak();
        }
        self.close_block();
        self.hardbreak();
        Ok(())
    }

    fn item_impl(&mut self, cur: &mut Cursor) -> R {
        cur.bump();
        self.cbox(INDENT);
        self.ibox(-INDENT);
        self.cbox(INDENT);
        self.word("impl");
        // `impl <T as Trait>::Type` would not be generics; the emitter never writes it.
        self.generics(cur)?;
        self.end();
        self.nbsp();
        if cur.is_punct('!') {
            return Err(unsupported());
        }
        // The first type is the trait when `for` follows it (outside any `<...>`).
        let mut scan = *cur;
        let mut angles = 0usize;
        let mut trait_end = None;
        while !scan.is_empty() && !scan.is_group(Delimiter::Brace) {
            if scan.is_punct('<') {
                angles += 1;
            } else if scan.is_punct('>') {
                angles = angles.saturating_sub(1);
            } else if scan.is_punct2('-', '>') {
                scan.bump();
            } else if angles == 0 && scan.is_word("for") {
                trait_end = Some(scan.at);
                break;
            }
            scan.bump();
        }
        if let Some(trait_end) = trait_end {
            let mut path = cur.range(cur.at, trait_end);
            self.trait_path(&mut path)?;
            done(&path)?;
            self.space();
            self.word("for ");
            cur.at = trait_end + 1;
        }
        self.ty(cur)?;
        self.end();
        if cur.is_word("where") || !cur.is_group(Delimiter::Brace) {
            return Err(unsupported());
        }
        let mut inside = cur.inside();
        cur.bump();
        self.nbsp();
        self.word("{");
        self.hardbreak_if_nonempty();
        self.inner_attrs(&mut inside)?;
        while !inside.is_empty() {
            self.impl_item(&mut inside)?;
        }
        self.close_block();
        self.hardbreak();
        Ok(())
    }

    fn impl_item(&mut self, cur: &mut Cursor) -> R {
        self.outer_attrs_here(cur)?;
        let vis = self.take_vis(cur)?;
        if cur.is_word("default") {
            return Err(unsupported());
        }
        if cur.is_word("const") && cur.is_ident_n(1) {
            cur.bump();
            self.cbox(0);
            self.vis(vis);
            self.word("const ");
            self.const_rest(cur)?;
        } else if cur.is_word("fn") {
            self.cbox(INDENT);
            self.vis(vis);
            self.fn_rest(cur)?;
        } else if cur.is_word("type") {
            self.type_alias(vis, cur)?;
        } else {
            return Err(unsupported());
        }
        Ok(())
    }

    /// From `fn` to the end of the body, inside the item's open `cbox(INDENT)`.
    fn fn_rest(&mut self, cur: &mut Cursor) -> R {
        cur.bump();
        self.word("fn ");
        self.ident(cur)?;
        self.generics(cur)?;
        if !cur.is_group(Delimiter::Parenthesis) {
            return Err(unsupported());
        }
        let inputs = split_commas(cur.inside());
        cur.bump();
        self.word("(");
        self.neverbreak();
        self.cbox(0);
        self.zerobreak();
        for (index, input) in inputs.iter().enumerate() {
            let mut input = *input;
            self.fn_arg(&mut input)?;
            done(&input)?;
            self.trailing_comma(index + 1 == inputs.len());
        }
        self.offset(-INDENT);
        self.end();
        self.word(")");
        self.cbox(-INDENT);
        if cur.is_punct2('-', '>') {
            cur.bump();
            cur.bump();
            self.word(" -> ");
            self.ty(cur)?;
        }
        self.end();
        if cur.is_word("where") || !cur.is_group(Delimiter::Brace) {
            return Err(unsupported());
        }
        let mut body = cur.inside();
        cur.bump();
        self.nbsp();
        self.word("{");
        self.hardbreak_if_nonempty();
        self.inner_attrs(&mut body)?;
        self.block_stmts(body)?;
        self.close_block();
        self.hardbreak();
        Ok(())
    }

    fn fn_arg(&mut self, cur: &mut Cursor) -> R {
        if cur.is_punct('#') {
            return Err(unsupported());
        }
        // The receiver: `self`, `mut self`, `&self`, `&mut self`, `&'a self`.
        let mut ahead = *cur;
        let reference = ahead.is_punct('&');
        if reference {
            ahead.bump();
        }
        let lifetime = reference && ahead.is_lifetime();
        if lifetime {
            ahead.bump();
            ahead.bump();
        }
        let mutable = ahead.is_word("mut");
        if mutable {
            ahead.bump();
        }
        if ahead.is_word("self") && !ahead.is_punct2_n(1, ':', ':') {
            ahead.bump();
            if ahead.is_punct(':') {
                return Err(unsupported());
            }
            if reference {
                self.word("&");
                if lifetime {
                    cur.bump();
                    self.lifetime(cur)?;
                    self.nbsp();
                }
            }
            if mutable {
                self.word("mut ");
            }
            self.word("self");
            *cur = ahead;
            return Ok(());
        }
        self.pat(cur)?;
        self.expect(':', cur)?;
        self.word(": ");
        self.ty(cur)
    }
}

/// Whether a `use` tree ends in a `{...}` group.
fn ends_in_group(tree: Cursor) -> bool {
    let mut cur = tree.range(tree.at, tree.end);
    let mut last_group = false;
    while !cur.is_empty() {
        last_group = cur.is_group(Delimiter::Brace);
        cur.bump();
    }
    last_group
}
