//! The line-breaking algorithm of prettyplease 0.3.0 (`algorithm.rs`, `ring.rs` and
//! `convenience.rs`, MIT OR Apache-2.0), itself rustc's `pp.rs`: Oppen's pretty printer. Kept as
//! prettyplease has it, so that the same boxes and breaks give the same lines; the one change is
//! that words are ranges of one buffer rather than a heap string each.

use std::collections::VecDeque;

/// Target line width.
const MARGIN: isize = 89;
/// Spaces per level of block indentation.
pub const INDENT: isize = 4;
/// Every line is allowed at least this much space, even if highly indented.
const MIN_SPACE: isize = 60;
const SIZE_INFINITY: isize = 0xffff;

#[derive(Clone, Copy, PartialEq)]
enum Breaks {
    Consistent,
    Inconsistent,
}

#[derive(Clone, Copy, Default)]
pub struct BreakToken {
    pub offset: isize,
    pub blank_space: usize,
    pub pre_break: Option<char>,
    pub post_break: &'static str,
    pub no_break: Option<char>,
    pub if_nonempty: bool,
    pub never_break: bool,
}

#[derive(Clone, Copy)]
struct BeginToken {
    offset: isize,
    breaks: Breaks,
}

/// A word is `words[start..end]`.
#[derive(Clone, Copy)]
enum Token {
    String(u32, u32),
    Break(BreakToken),
    Begin(BeginToken),
    End,
}

#[derive(Copy, Clone)]
enum PrintFrame {
    Fits,
    Broken(usize, Breaks),
}

#[derive(Clone, Copy)]
struct BufEntry {
    token: Token,
    size: isize,
}

/// prettyplease's `RingBuffer`: a queue indexed by position in the whole stream.
struct Ring {
    data: VecDeque<BufEntry>,
    offset: usize,
}

impl Ring {
    fn push(&mut self, value: BufEntry) -> usize {
        let index = self.offset + self.data.len();
        self.data.push_back(value);
        index
    }

    fn first(&self) -> &BufEntry {
        &self.data[0]
    }

    fn pop_first(&mut self) -> BufEntry {
        self.offset += 1;
        self.data.pop_front().unwrap()
    }

    fn last(&self) -> &BufEntry {
        self.data.back().unwrap()
    }

    fn second_last(&self) -> &BufEntry {
        &self.data[self.data.len() - 2]
    }

    fn at(&mut self, index: usize) -> &mut BufEntry {
        &mut self.data[index - self.offset]
    }
}

pub struct Printer {
    /// The column lines start at when no box is open.
    start: usize,
    out: String,
    /// Every word scanned so far; tokens hold ranges of it.
    words: String,
    space: isize,
    buf: Ring,
    left_total: isize,
    right_total: isize,
    scan_stack: VecDeque<usize>,
    print_stack: Vec<PrintFrame>,
    indent: usize,
    pending_indentation: usize,
}

impl Printer {
    /// A printer whose lines start at column `indent` (an item inside `indent / 4` modules).
    pub fn new(indent: usize) -> Self {
        Printer {
            start: indent,
            out: String::new(),
            words: String::new(),
            space: std::cmp::max(MARGIN - indent as isize, MIN_SPACE),
            buf: Ring {
                data: VecDeque::new(),
                offset: 0,
            },
            left_total: 0,
            right_total: 0,
            scan_stack: VecDeque::new(),
            print_stack: Vec::new(),
            indent,
            pending_indentation: indent,
        }
    }

    /// What was printed; the printer starts again as new, keeping its buffers.
    pub fn eof(&mut self) -> String {
        if !self.scan_stack.is_empty() {
            self.check_stack(0);
            self.advance_left();
        }
        let indent = self.start;
        self.words.clear();
        self.buf.data.clear();
        self.buf.offset = 0;
        self.scan_stack.clear();
        self.print_stack.clear();
        self.left_total = 0;
        self.right_total = 0;
        self.space = std::cmp::max(MARGIN - indent as isize, MIN_SPACE);
        self.indent = indent;
        self.pending_indentation = indent;
        std::mem::take(&mut self.out)
    }

    fn scan_begin(&mut self, token: BeginToken) {
        if self.scan_stack.is_empty() {
            self.left_total = 1;
            self.right_total = 1;
            self.buf.data.clear();
        }
        let right = self.buf.push(BufEntry {
            token: Token::Begin(token),
            size: -self.right_total,
        });
        self.scan_stack.push_back(right);
    }

    fn scan_end(&mut self) {
        if self.scan_stack.is_empty() {
            self.print_end();
        } else {
            if !self.buf.data.is_empty() {
                if let Token::Break(break_token) = self.buf.last().token {
                    if self.buf.data.len() >= 2 {
                        if let Token::Begin(_) = self.buf.second_last().token {
                            self.buf.data.pop_back();
                            self.buf.data.pop_back();
                            self.scan_stack.pop_back();
                            self.scan_stack.pop_back();
                            self.right_total -= break_token.blank_space as isize;
                            return;
                        }
                    }
                    if break_token.if_nonempty {
                        self.buf.data.pop_back();
                        self.scan_stack.pop_back();
                        self.right_total -= break_token.blank_space as isize;
                    }
                }
            }
            let right = self.buf.push(BufEntry {
                token: Token::End,
                size: -1,
            });
            self.scan_stack.push_back(right);
        }
    }

    pub fn scan_break(&mut self, token: BreakToken) {
        if self.scan_stack.is_empty() {
            self.left_total = 1;
            self.right_total = 1;
            self.buf.data.clear();
        } else {
            self.check_stack(0);
        }
        let right = self.buf.push(BufEntry {
            token: Token::Break(token),
            size: -self.right_total,
        });
        self.scan_stack.push_back(right);
        self.right_total += token.blank_space as isize;
    }

    fn scan_string(&mut self, string: &str) {
        let start = self.words.len() as u32;
        self.words.push_str(string);
        let end = self.words.len() as u32;
        if self.scan_stack.is_empty() {
            self.print_string(Token::String(start, end));
            return;
        }
        let len = string.len() as isize;
        // A word right after a word still buffered joins it: they print together whatever the
        // breaks decide, and the totals are the same. (An empty word stays apart: the last
        // word is what `ends_with` looks at.)
        match self.buf.data.back_mut() {
            Some(BufEntry {
                token: Token::String(_, last_end),
                size,
            }) if len > 0 && *last_end == start => {
                *last_end = end;
                *size += len;
            }
            _ => {
                self.buf.push(BufEntry {
                    token: Token::String(start, end),
                    size: len,
                });
            }
        }
        self.right_total += len;
        self.check_stream();
    }

    pub fn offset(&mut self, offset: isize) {
        match &mut self.buf.data.back_mut().unwrap().token {
            Token::Break(token) => token.offset += offset,
            Token::Begin(_) => {}
            Token::String(..) | Token::End => unreachable!(),
        }
    }

    pub fn end_with_max_width(&mut self, max: isize) {
        let mut depth = 1;
        for &index in self.scan_stack.iter().rev() {
            let entry = self.buf.data[index - self.buf.offset];
            match entry.token {
                Token::Begin(_) => {
                    depth -= 1;
                    if depth == 0 {
                        if entry.size < 0 {
                            let actual_width = entry.size + self.right_total;
                            if actual_width > max {
                                let at = self.words.len() as u32;
                                self.buf.push(BufEntry {
                                    token: Token::String(at, at),
                                    size: SIZE_INFINITY,
                                });
                                self.right_total += SIZE_INFINITY;
                            }
                        }
                        break;
                    }
                }
                Token::End => depth += 1,
                Token::Break(_) => {}
                Token::String(..) => unreachable!(),
            }
        }
        self.scan_end();
    }

    pub fn ends_with(&self, ch: char) -> bool {
        for entry in self.buf.data.iter().rev() {
            if let Token::String(start, end) = entry.token {
                return self.words[start as usize..end as usize].ends_with(ch);
            }
        }
        self.out.ends_with(ch)
    }

    fn check_stream(&mut self) {
        while self.right_total - self.left_total > self.space {
            if *self.scan_stack.front().unwrap() == self.buf.offset {
                self.scan_stack.pop_front().unwrap();
                self.buf.data[0].size = SIZE_INFINITY;
            }
            self.advance_left();
            if self.buf.data.is_empty() {
                break;
            }
        }
    }

    fn advance_left(&mut self) {
        while self.buf.first().size >= 0 {
            let left = self.buf.pop_first();
            match left.token {
                Token::String(..) => {
                    self.left_total += left.size;
                    self.print_string(left.token);
                }
                Token::Break(token) => {
                    self.left_total += token.blank_space as isize;
                    self.print_break(token, left.size);
                }
                Token::Begin(token) => self.print_begin(token, left.size),
                Token::End => self.print_end(),
            }
            if self.buf.data.is_empty() {
                break;
            }
        }
    }

    fn check_stack(&mut self, mut depth: usize) {
        while let Some(&index) = self.scan_stack.back() {
            let right_total = self.right_total;
            let entry = self.buf.at(index);
            match entry.token {
                Token::Begin(_) => {
                    if depth == 0 {
                        break;
                    }
                    self.scan_stack.pop_back().unwrap();
                    entry.size += right_total;
                    depth -= 1;
                }
                Token::End => {
                    self.scan_stack.pop_back().unwrap();
                    entry.size = 1;
                    depth += 1;
                }
                Token::Break(_) => {
                    self.scan_stack.pop_back().unwrap();
                    entry.size += right_total;
                    if depth == 0 {
                        break;
                    }
                }
                Token::String(..) => unreachable!(),
            }
        }
    }

    fn get_top(&self) -> PrintFrame {
        const OUTER: PrintFrame = PrintFrame::Broken(0, Breaks::Inconsistent);
        self.print_stack.last().map_or(OUTER, PrintFrame::clone)
    }

    fn print_begin(&mut self, token: BeginToken, size: isize) {
        if size > self.space {
            self.print_stack
                .push(PrintFrame::Broken(self.indent, token.breaks));
            self.indent = usize::try_from(self.indent as isize + token.offset).unwrap();
        } else {
            self.print_stack.push(PrintFrame::Fits);
        }
    }

    fn print_end(&mut self) {
        if let PrintFrame::Broken(indent, _) = self.print_stack.pop().unwrap() {
            self.indent = indent;
        }
    }

    fn print_break(&mut self, token: BreakToken, size: isize) {
        let fits = token.never_break
            || match self.get_top() {
                PrintFrame::Fits => true,
                PrintFrame::Broken(.., Breaks::Consistent) => false,
                PrintFrame::Broken(.., Breaks::Inconsistent) => size <= self.space,
            };
        if fits {
            self.pending_indentation += token.blank_space;
            self.space -= token.blank_space as isize;
            if let Some(no_break) = token.no_break {
                self.out.push(no_break);
                self.space -= no_break.len_utf8() as isize;
            }
        } else {
            if let Some(pre_break) = token.pre_break {
                self.print_indent();
                self.out.push(pre_break);
            }
            self.out.push('\n');
            let indent = self.indent as isize + token.offset;
            self.pending_indentation = usize::try_from(indent).unwrap();
            self.space = std::cmp::max(MARGIN - indent, MIN_SPACE);
            if !token.post_break.is_empty() {
                self.print_indent();
                self.out.push_str(token.post_break);
                self.space -= token.post_break.len() as isize;
            }
        }
    }

    fn print_string(&mut self, token: Token) {
        let Token::String(start, end) = token else {
            unreachable!()
        };
        self.print_indent();
        self.out.push_str(&self.words[start as usize..end as usize]);
        self.space -= (end - start) as isize;
    }

    fn print_indent(&mut self) {
        const SPACES: &str = "                                                                ";
        let mut pending = self.pending_indentation;
        while pending > 0 {
            let n = pending.min(SPACES.len());
            self.out.push_str(&SPACES[..n]);
            pending -= n;
        }
        self.pending_indentation = 0;
    }

    // prettyplease's `convenience.rs`.

    pub fn ibox(&mut self, indent: isize) {
        self.scan_begin(BeginToken {
            offset: indent,
            breaks: Breaks::Inconsistent,
        });
    }

    pub fn cbox(&mut self, indent: isize) {
        self.scan_begin(BeginToken {
            offset: indent,
            breaks: Breaks::Consistent,
        });
    }

    pub fn end(&mut self) {
        self.scan_end();
    }

    pub fn word(&mut self, word: &str) {
        self.scan_string(word);
    }

    fn spaces(&mut self, n: usize) {
        self.scan_break(BreakToken {
            blank_space: n,
            ..BreakToken::default()
        });
    }

    pub fn zerobreak(&mut self) {
        self.spaces(0);
    }

    pub fn space(&mut self) {
        self.spaces(1);
    }

    pub fn nbsp(&mut self) {
        self.word(" ");
    }

    pub fn hardbreak(&mut self) {
        self.spaces(SIZE_INFINITY as usize);
    }

    pub fn space_if_nonempty(&mut self) {
        self.scan_break(BreakToken {
            blank_space: 1,
            if_nonempty: true,
            ..BreakToken::default()
        });
    }

    pub fn hardbreak_if_nonempty(&mut self) {
        self.scan_break(BreakToken {
            blank_space: SIZE_INFINITY as usize,
            if_nonempty: true,
            ..BreakToken::default()
        });
    }

    pub fn trailing_comma(&mut self, is_last: bool) {
        if is_last {
            self.scan_break(BreakToken {
                pre_break: Some(','),
                ..BreakToken::default()
            });
        } else {
            self.word(",");
            self.space();
        }
    }

    pub fn trailing_comma_or_space(&mut self, is_last: bool) {
        if is_last {
            self.scan_break(BreakToken {
                blank_space: 1,
                pre_break: Some(','),
                ..BreakToken::default()
            });
        } else {
            self.word(",");
            self.space();
        }
    }

    pub fn neverbreak(&mut self) {
        self.scan_break(BreakToken {
            never_break: true,
            ..BreakToken::default()
        });
    }
}
