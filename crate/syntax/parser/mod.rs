//! The parser: a recursive-descent parser from [`lexer`] tokens to the [`ast`] tree, with
//! CPython 3.11's syntax error messages and positions for the mistakes learners make.
//!
//! CPython reports the first error only, and in a particular order that this parser copies:
//! a tokenizer error the parser reached wins; otherwise the parser's error, unless a later
//! tokenizer error overrides it (see [`lexer::Override`]); and only a module that parses
//! is checked for what CPython's compiler rejects (`return` outside a function, …), which
//! this parser notes on the way in `late`.
//!
//! Deliberate differences from CPython are marked "CPython:" in comments.
//!
//! This file holds the parser's state, its cursor over the tokens and the error
//! constructors. The grammar is in `stmt.rs` (compound statements), `simple.rs` (one-line
//! statements), `targets.rs` (assignment targets), `expr.rs` (expressions) and `strings.rs`
//! (string literals and f-strings).

mod expr;
mod simple;
mod stmt;
mod strings;
mod targets;
#[cfg(test)]
mod tests;

use crate::ast::{self, BinOp, Expr, ExprKind, Module, Name};
use crate::lexer::{self, Override, Tok, Token};

/// A syntax error as CPython would report it: message, 1-based line and column (characters).
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// Which exception the learner sees.
    pub kind: ErrorKind,
    /// CPython's message (or "Loopscope's Python does not support … yet").
    pub message: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column of the error's start, in characters (CPython's `offset`).
    pub col: u32,
    /// Column just after the error's end (equal to `col` when only a point is known).
    pub end_col: u32,
    /// What CPython 3.11 shows instead of the source line, for an error inside an f-string's
    /// expression (it parses the expression alone, in parentheses: `(i +)`), and the column
    /// of the caret in it.
    pub shown: Option<(String, u32)>,
    /// Found by CPython's compiler or symbol table, not its parser: those count `col` and
    /// `end_col` in UTF-8 bytes, and its printer reads them as characters, so on a line with
    /// `ç` or `ı` before the error its carets stand further right (see `SyntaxError::caret`).
    pub compiled: bool,
}

/// The kinds of syntax error.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorKind {
    /// A `SyntaxError`.
    Syntax,
    /// An `IndentationError`.
    Indentation,
    /// A `TabError`: tabs and spaces mixed so that the indentation depends on a tab's width.
    Tab,
    /// Valid Python outside Loopscope's subset (shown as a `SyntaxError`).
    Unsupported,
}

impl SyntaxError {
    /// Where CPython's carets stand under `text`, the error's line with its indentation
    /// (`indent` characters) taken off: the 0-based character they start at, and how many.
    pub fn caret(&self, text: &str, indent: usize) -> (usize, usize) {
        let (mut col, mut end) = (self.col as usize, self.end_col.max(self.col + 1) as usize);
        let mut room = text.chars().count();
        if self.compiled {
            // Columns in bytes, as the compiler counts them (the indentation is ASCII).
            let bytes = |c: usize| {
                indent + text.chars().take(c.saturating_sub(1 + indent)).map(char::len_utf8).sum::<usize>() + 1
            };
            (col, end) = (bytes(col), bytes(end) + end.saturating_sub(indent + 1 + room));
            room = text.len();
        }
        let start = col.saturating_sub(1 + indent);
        (start, (end - col).min(room.saturating_sub(start).max(1)).max(1))
    }

    /// The Python exception's name: `SyntaxError` or `IndentationError`.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            ErrorKind::Indentation => "IndentationError",
            ErrorKind::Tab => "TabError",
            ErrorKind::Syntax | ErrorKind::Unsupported => "SyntaxError",
        }
    }
}

/// Parses a module.
pub fn parse(source: &str) -> Result<Module, SyntaxError> {
    let mut lexed = lexer::tokenize(source);
    // The tokenizer's warnings come first: CPython's compiler warns after the parse.
    let mut warnings = std::mem::take(&mut lexed.warnings);
    let mut p = Parser::new(lexed, 0, Ctx::default());
    let body = p.file().map_err(|e| p.settle(e))?;
    // The symbol table's errors come before the compiler's (CPython builds it first).
    let compiled = |e| SyntaxError { compiled: true, ..e };
    crate::symbols::check(&body, &p.directives).map_err(compiled)?;
    match p.late.take() {
        Some(e) => Err(compiled(e)),
        None => {
            warnings.append(&mut p.warnings);
            Ok(Module { body, warnings })
        }
    }
}

/// Nesting limit for blocks, brackets and prefix operators together, far above real programs
/// and low enough for the browser's stack.
const MAX_DEPTH: u32 = 100;

static END: Token = Token { tok: Tok::End, line: 1, col: 1, end_line: 1, end_col: 1 };

type PResult<T> = Result<T, SyntaxError>;

/// Where the parser is, for the checks CPython's compiler makes.
#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    func: bool,
    is_async: bool,
    in_loop: bool,
    /// In an `except*` block, outside any loop or function in it: no `break`, `continue` or
    /// `return` may leave it.
    except_star: bool,
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    /// The furthest token looked at: a tokenizer error is reported once the parser reached it.
    seen: std::cell::Cell<usize>,
    lex_error: Option<(SyntaxError, Override)>,
    depth: u32,
    ctx: Ctx,
    /// Inside a `case` pattern: an item may end with `as name` (read as `name := item`).
    in_pattern: bool,
    saw_yield: bool,
    /// Where the function being read first returns a value (line, column, end column): an
    /// error if it turns out to be an async generator.
    return_value_at: Option<(u32, u32, u32)>,
    /// `await`s parsed so far, and those in the first iterable of the last comprehension
    /// parsed: what tells a generator expression that awaits (an async one) from one that
    /// does not.
    awaits: u32,
    first_iter_awaits: u32,
    /// The first error CPython's compiler would report, shown only if parsing succeeds.
    late: Option<SyntaxError>,
    /// Inside a class body (its methods too): its name without leading underscores, which
    /// private names (`__x`) take (see [`Parser::private`]).
    class: Option<std::rc::Rc<str>>,
    /// CPython's compile-time warnings, as [`Module::warnings`] keeps them.
    warnings: Vec<(u32, String)>,
    /// The `global` and `nonlocal` statements read, in order, for [`crate::symbols::check`].
    directives: Vec<crate::symbols::Directive>,
    /// The string constants read so far (those no name could be): equal ones are one object.
    constants: Vec<std::rc::Rc<str>>,
}

// The helpers in this file, and the free functions marked so in its submodules, are never inlined: at opt-level 3
// LLVM copied them into their hundreds of call sites, a quarter of the parser's code (7 KB of the gzipped wasm). A
// script is parsed once per run, so the calls cost nothing that shows.

#[inline(never)]
fn error(kind: ErrorKind, message: impl Into<String>, line: u32, col: u32) -> SyntaxError {
    SyntaxError { kind, message: message.into(), line, col, end_col: col, shown: None, compiled: false }
}

fn syntax(message: impl Into<String>, line: u32, col: u32) -> SyntaxError {
    error(ErrorKind::Syntax, message, line, col)
}

#[inline(never)]
fn unsupported(what: &str, line: u32, col: u32) -> SyntaxError {
    error(ErrorKind::Unsupported, format!("Loopscope's Python does not support {what} yet"), line, col)
}

#[inline(never)]
fn boxed(e: Expr) -> Box<Expr> {
    Box::new(e)
}

#[inline(never)]
fn starts_atom(t: &Tok) -> bool {
    match t {
        Tok::Name(_) | Tok::Int(_) | Tok::BigInt | Tok::Float(_) | Tok::Imag | Tok::Str(_) => true,
        Tok::Kw(k) => matches!(*k, "None" | "True" | "False" | "lambda" | "not" | "await"),
        Tok::Op(o) => matches!(*o, "(" | "[" | "{" | "..."),
        _ => false,
    }
}

#[inline(never)]
fn starts_expr(t: &Tok) -> bool {
    starts_atom(t) || matches!(t, Tok::Op("-" | "+" | "~" | "*"))
}

#[inline(never)]
fn aug_op(t: &Tok) -> Option<BinOp> {
    let Tok::Op(o) = t else { return None };
    Some(match *o {
        "+=" => BinOp::Add,
        "-=" => BinOp::Sub,
        "*=" => BinOp::Mul,
        "/=" => BinOp::Div,
        "//=" => BinOp::FloorDiv,
        "%=" => BinOp::Mod,
        "**=" => BinOp::Pow,
        "@=" => BinOp::MatMul,
        "<<=" => BinOp::LShift,
        ">>=" => BinOp::RShift,
        "&=" => BinOp::BitAnd,
        "|=" => BinOp::BitOr,
        "^=" => BinOp::BitXor,
        _ => return None,
    })
}

/// Binary operators from `|` (loosest) to `*` (tightest), with their precedence.
#[inline(never)]
fn bin_op(t: &Tok) -> Option<(BinOp, u8)> {
    let Tok::Op(o) = t else { return None };
    Some(match *o {
        "|" => (BinOp::BitOr, 1),
        "^" => (BinOp::BitXor, 2),
        "&" => (BinOp::BitAnd, 3),
        "<<" => (BinOp::LShift, 4),
        ">>" => (BinOp::RShift, 4),
        "+" => (BinOp::Add, 5),
        "-" => (BinOp::Sub, 5),
        "*" => (BinOp::Mul, 6),
        "/" => (BinOp::Div, 6),
        "//" => (BinOp::FloorDiv, 6),
        "%" => (BinOp::Mod, 6),
        "@" => (BinOp::MatMul, 6),
        _ => return None,
    })
}

impl Parser {
    #[inline(never)]
    fn new(lexed: lexer::Lexed, depth: u32, ctx: Ctx) -> Parser {
        Parser {
            toks: lexed.tokens,
            pos: 0,
            seen: std::cell::Cell::new(0),
            lex_error: lexed.error,
            depth,
            ctx,
            in_pattern: false,
            saw_yield: false,
            return_value_at: None,
            awaits: 0,
            first_iter_awaits: 0,
            late: None,
            class: None,
            warnings: Vec::new(),
            directives: Vec::new(),
            constants: Vec::new(),
        }
    }

    /// `name`, or inside a class `_Class__name` if it is private (`__x`, not `__x__`), as
    /// CPython's compiler mangles it: `self.__balance` is `_Account__balance` in `vars()`, and
    /// from outside the class `a.__balance` is not there.
    #[inline(never)]
    fn private(&self, name: Name) -> Name {
        let Some(class) = &self.class else { return name };
        let text = ast::name_text(name);
        if text.starts_with("__") && !text.ends_with("__") && !text.contains('.') {
            ast::intern(&format!("_{class}{text}"))
        } else {
            name
        }
    }

    // ---- tokens ----

    #[inline(never)]
    fn at(&self, n: usize) -> &Token {
        let i = self.pos + n;
        self.seen.set(self.seen.get().max(i));
        self.toks.get(i).or(self.toks.last()).unwrap_or(&END)
    }

    #[inline(never)]
    fn cur(&self) -> &Token {
        self.at(0)
    }

    #[inline(never)]
    fn peek(&self) -> &Tok {
        &self.at(0).tok
    }

    #[inline(never)]
    fn advance(&mut self) {
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
    }

    #[inline(never)]
    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }

    #[inline(never)]
    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Tok::Kw(k) if *k == kw)
    }

    #[inline(never)]
    fn eat_op(&mut self, op: &str) -> bool {
        let yes = self.is_op(op);
        if yes {
            self.advance();
        }
        yes
    }

    #[inline(never)]
    fn eat_kw(&mut self, kw: &str) -> bool {
        let yes = self.is_kw(kw);
        if yes {
            self.advance();
        }
        yes
    }

    /// The current token's name if the next token is `op` (`k=v`, `n := v`).
    #[inline(never)]
    fn name_before(&self, op: &str) -> Option<String> {
        let Tok::Name(n) = self.peek() else { return None };
        matches!(&self.at(1).tok, Tok::Op(o) if *o == op).then(|| n.clone())
    }

    /// A node that starts at `line`, `col` and ends with the token just read.
    #[inline(never)]
    fn mk(&self, line: u32, col: u32, kind: ExprKind) -> Expr {
        let (end_line, end_col) = match self.pos.checked_sub(1).and_then(|p| self.toks.get(p)) {
            Some(t) => (t.end_line, t.end_col),
            None => (line, col),
        };
        Expr { line, col, end_line, end_col, kind }
    }

    #[inline(never)]
    fn here(&self) -> (u32, u32) {
        let t = self.cur();
        (t.line, t.col)
    }

    /// CPython's generic "invalid syntax", at the current token.
    #[inline(never)]
    fn invalid(&self) -> SyntaxError {
        let t = self.cur();
        let mut e = syntax("invalid syntax", t.line, t.col);
        e.end_col = t.end_col;
        e
    }

    #[inline(never)]
    fn expect_op(&mut self, op: &str) -> PResult<()> {
        if self.eat_op(op) {
            Ok(())
        } else {
            Err(self.invalid())
        }
    }

    /// The `:` CPython's grammar insists on (after `try`, `finally`, `else`, a `def`'s
    /// signature): "expected ':'", its carets under what stands there instead.
    #[inline(never)]
    fn expect_colon(&mut self) -> PResult<()> {
        if self.eat_op(":") {
            return Ok(());
        }
        let t = self.cur();
        let mut e = syntax("expected ':'", t.line, t.col);
        if !matches!(t.tok, Tok::Newline) {
            e.end_col = t.end_col;
        }
        Err(e)
    }

    /// The `:` of a header CPython reads as a whole (`if`, `while`, `for`, `with`, `class`,
    /// `except T`, `case`): missing at the line's end, "expected ':'"; before anything else
    /// (`for i in x print(i)`), plain "invalid syntax" under it.
    #[inline(never)]
    fn header_colon(&mut self) -> PResult<()> {
        match self.peek() {
            Tok::Op(":") | Tok::Newline => self.expect_colon(),
            _ => Err(self.invalid()),
        }
    }

    #[inline(never)]
    fn name(&mut self) -> PResult<ast::Name> {
        match self.peek() {
            Tok::Name(n) => {
                let n = ast::intern(n);
                self.advance();
                Ok(n)
            }
            _ => Err(self.invalid()),
        }
    }

    /// Expects the closing bracket after a sequence whose last item is `last`; two
    /// expressions side by side get CPython's "Perhaps you forgot a comma?".
    #[inline(never)]
    fn expect_close(&mut self, close: &str, last: Option<(u32, u32)>) -> PResult<()> {
        if self.eat_op(close) {
            return Ok(());
        }
        if let (Some((line, col)), true) = (last, starts_atom(&self.cur().tok)) {
            return Err(self.forgot_comma(line, col));
        }
        Err(self.invalid())
    }

    /// CPython's "Perhaps you forgot a comma?" for the expression at (`line`, `col`) and the
    /// one that starts here: its carets run to the end of this one (`[1 a.b]`), read ahead
    /// for its end only.
    fn forgot_comma(&mut self, line: u32, col: u32) -> SyntaxError {
        let (at, seen, here) = (self.pos, self.seen.get(), self.cur().end_col);
        // The carets run to the end of the next expression, or, when that is on a later line,
        // to the end of this one (CPython underlines the whole first line).
        let end_col = match self.test() {
            Ok(next) if next.end_line == line => next.end_col,
            Ok(_) => self.end_from(line, col),
            _ => here,
        };
        self.pos = at;
        self.seen.set(seen);
        SyntaxError { end_col, ..syntax("invalid syntax. Perhaps you forgot a comma?", line, col) }
    }

    #[inline(never)]
    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let (line, col) = self.here();
            return Err(syntax("too deeply nested", line, col));
        }
        Ok(())
    }

    #[inline(never)]
    fn late(&mut self, message: &str, line: u32, col: u32) {
        if self.late.is_none() {
            self.late = Some(syntax(message, line, col));
        }
    }

    /// [`Parser::late`] about the expression `e`, which CPython's carets underline.
    fn late_over(&mut self, message: &str, e: &Expr) {
        if self.late.is_none() {
            self.late = Some(SyntaxError { end_col: targets::over(e), ..syntax(message, e.line, e.col) });
        }
    }

    /// [`Parser::late`] for the statement that begins at (`line`, `col`): CPython's carets
    /// span its first line.
    fn late_line(&mut self, message: &str, line: u32, col: u32) {
        if self.late.is_none() {
            self.late = Some(SyntaxError { end_col: self.line_end(), ..syntax(message, line, col) });
        }
    }

    /// [`Parser::late`] for the construct that began at (`line`, `col`) and has just been
    /// read: CPython's carets span it (to the end of its first line).
    fn late_span(&mut self, message: &str, line: u32, col: u32) {
        if self.late.is_none() {
            self.late = Some(self.spanned(message, line, col));
        }
    }

    /// The error `message` about the construct that began at (`line`, `col`) and has just
    /// been read, its carets spanning it (to the end of its first line), as CPython's do.
    fn spanned(&self, message: &str, line: u32, col: u32) -> SyntaxError {
        SyntaxError { end_col: self.end_from(line, col), ..syntax(message, line, col) }
    }

    /// Where what was read since (`line`, `col`) ends on that line: the column after the last
    /// token read on it (`col` itself if none).
    fn end_from(&self, line: u32, col: u32) -> u32 {
        let read = &self.toks[..self.pos.min(self.toks.len())];
        let last = read
            .iter()
            .rev()
            .take_while(|t| (t.line, t.col) >= (line, col))
            .find(|t| t.line == line && !matches!(t.tok, Tok::Newline | Tok::Indent | Tok::Dedent));
        last.map_or(col, |t| t.end_col)
    }

    /// Where the line of the token now ends: the column after its last token.
    fn line_end(&self) -> u32 {
        let line = self.cur().line;
        let rest = self.toks[self.pos.min(self.toks.len())..].iter().take_while(|t| t.line == line);
        rest.filter(|t| !matches!(t.tok, Tok::Newline | Tok::End | Tok::Indent | Tok::Dedent))
            .last()
            .map_or(self.cur().col, |t| t.end_col)
    }

    /// Chooses between the parser's error and the tokenizer's, as CPython does.
    #[inline(never)]
    fn settle(&self, e: SyntaxError) -> SyntaxError {
        let Some((lex, rule)) = &self.lex_error else { return e };
        if self.seen.get() + 1 >= self.toks.len() {
            return lex.clone();
        }
        if e.message == "unexpected indent" || e.message == "unexpected EOF while parsing" {
            return e;
        }
        match rule {
            Override::Always => lex.clone(),
            // CPython compares with the line of the furthest token read, not the error's.
            Override::IfBeforeLine(line) if Some(*line) < self.toks.get(self.seen.get()).map(|t| t.line) => lex.clone(),
            _ => e,
        }
    }
}
