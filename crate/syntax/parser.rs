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

use std::rc::Rc;

use crate::ast::{
    self, Alias, Arg, BinOp, CmpOp, Comprehension, Const, Expr, ExprKind, FPart, FuncDef, Handler, Module, Param,
    Params, Stmt, StmtKind, UnaryOp, WithItem,
};
use crate::lexer::{self, Override, StrLit, Tok, Token};

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
}

/// The kinds of syntax error.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorKind {
    /// A `SyntaxError`.
    Syntax,
    /// An `IndentationError`.
    Indentation,
    /// Valid Python outside Loopscope's subset (shown as a `SyntaxError`).
    Unsupported,
}

impl SyntaxError {
    /// The Python exception's name: `SyntaxError` or `IndentationError`.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            ErrorKind::Indentation => "IndentationError",
            ErrorKind::Syntax | ErrorKind::Unsupported => "SyntaxError",
        }
    }
}

/// Parses a module.
pub fn parse(source: &str) -> Result<Module, SyntaxError> {
    let lexed = lexer::tokenize(source);
    let mut p = Parser::new(lexed, 0, Ctx::default());
    let body = p.file().map_err(|e| p.settle(e))?;
    match p.late.take() {
        Some(e) => Err(e),
        None => Ok(Module { body }),
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
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    /// The furthest token looked at: a tokenizer error is reported once the parser reached it.
    seen: std::cell::Cell<usize>,
    lex_error: Option<(SyntaxError, Override)>,
    depth: u32,
    ctx: Ctx,
    saw_yield: bool,
    /// The first error CPython's compiler would report, shown only if parsing succeeds.
    late: Option<SyntaxError>,
}

// The helpers from here to `Parser::file` are never inlined: at opt-level 3 LLVM copied them into their
// hundreds of call sites, a quarter of the parser's code (7 KB of the gzipped wasm). A script is parsed once
// per run, so the calls cost nothing that shows.

#[inline(never)]
fn error(kind: ErrorKind, message: impl Into<String>, line: u32, col: u32) -> SyntaxError {
    SyntaxError { kind, message: message.into(), line, col, end_col: col }
}

#[inline(never)]
/// CPython's "name 'x' is parameter and global" (or nonlocal): a `global` or `nonlocal`
/// statement of a function's own body (not of a function inside it) naming a parameter.
fn declared_parameter(params: &Params, body: &[Stmt]) -> PResult<()> {
    let is_param = |n: ast::Name| {
        params.args.iter().chain(&params.kwonly).any(|p| p.name == n)
            || params.vararg == Some(n)
            || params.kwarg == Some(n)
    };
    for s in body {
        let (names, what) = match &s.kind {
            StmtKind::Global(names) => (names, "global"),
            StmtKind::Nonlocal(names) => (names, "nonlocal"),
            StmtKind::If { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::For { body, orelse, .. } => {
                declared_parameter(params, body)?;
                declared_parameter(params, orelse)?;
                continue;
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                declared_parameter(params, body)?;
                for h in handlers {
                    declared_parameter(params, &h.body)?;
                }
                declared_parameter(params, orelse)?;
                declared_parameter(params, finalbody)?;
                continue;
            }
            StmtKind::With { body, .. } => {
                declared_parameter(params, body)?;
                continue;
            }
            _ => continue,
        };
        if let Some(&n) = names.iter().find(|&&n| is_param(n)) {
            return Err(syntax(format!("name '{}' is parameter and {what}", crate::ast::name_text(n)), s.line, 5));
        }
    }
    Ok(())
}

fn syntax(message: impl Into<String>, line: u32, col: u32) -> SyntaxError {
    error(ErrorKind::Syntax, message, line, col)
}

#[inline(never)]
fn unsupported(what: &str, line: u32, col: u32) -> SyntaxError {
    error(ErrorKind::Unsupported, format!("Loopscope's Python does not support {what} yet"), line, col)
}

#[inline(never)]
fn mk(line: u32, col: u32, kind: ExprKind) -> Expr {
    Expr { line, col, kind }
}

#[inline(never)]
fn boxed(e: Expr) -> Box<Expr> {
    Box::new(e)
}

/// CPython's name for an expression in "cannot assign to …" messages.
#[inline(never)]
fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute(..) => "attribute",
        ExprKind::Subscript(..) => "subscript",
        ExprKind::Starred(..) => "starred",
        ExprKind::Name(..) => "name",
        ExprKind::List(..) => "list",
        ExprKind::Tuple(..) => "tuple",
        ExprKind::Lambda(..) => "lambda",
        ExprKind::Call(f, _) if matches!(&f.kind, ExprKind::Name(n) if *n == ast::intern("yield")) => {
            "yield expression"
        }
        ExprKind::Call(..) => "function call",
        ExprKind::BoolOp(..) | ExprKind::BinOp(..) | ExprKind::Unary(..) => "expression",
        ExprKind::GeneratorExp(..) => "generator expression",
        ExprKind::Await(..) => "await expression",
        ExprKind::ListComp(..) => "list comprehension",
        ExprKind::SetComp(..) => "set comprehension",
        ExprKind::DictComp(..) => "dict comprehension",
        ExprKind::Dict(..) => "dict literal",
        ExprKind::Set(..) => "set display",
        ExprKind::FString(..) => "f-string expression",
        ExprKind::Const(Const::None) => "None",
        ExprKind::Const(Const::Bool(true)) => "True",
        ExprKind::Const(Const::Bool(false)) => "False",
        ExprKind::Const(Const::Ellipsis) => "ellipsis",
        ExprKind::Const(_) => "literal",
        ExprKind::Compare(..) => "comparison",
        ExprKind::IfExp(..) => "conditional expression",
        ExprKind::NamedExpr(..) => "named expression",
        ExprKind::Slice(..) => "slice",
    }
}

/// The part of an assignment (or `del`) target that cannot be assigned to.
#[inline(never)]
fn invalid_target(e: &Expr, del: bool) -> Option<&Expr> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => None,
        ExprKind::Tuple(v) | ExprKind::List(v) => v.iter().find_map(|x| invalid_target(x, del)),
        ExprKind::Starred(inner) if !del => invalid_target(inner, del),
        _ => Some(e),
    }
}

/// Whether CPython's parser would see `e` as a `bitwise_or` (an operand of a comparison),
/// which decides between its two "cannot assign" messages.
#[inline(never)]
fn is_bitwise_or(e: &Expr) -> bool {
    !matches!(
        e.kind,
        ExprKind::Compare(..)
            | ExprKind::BoolOp(..)
            | ExprKind::Unary(UnaryOp::Not, _)
            | ExprKind::IfExp(..)
            | ExprKind::Lambda(..)
            | ExprKind::NamedExpr(..)
            | ExprKind::Starred(..)
            | ExprKind::Tuple(..)
            | ExprKind::List(..)
            | ExprKind::GeneratorExp(..)
            | ExprKind::Const(Const::None | Const::Bool(_))
    )
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
            saw_yield: false,
            late: None,
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

    #[inline(never)]
    fn expect_colon(&mut self) -> PResult<()> {
        if self.eat_op(":") {
            return Ok(());
        }
        let (line, col) = self.here();
        Err(syntax("expected ':'", line, col))
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
            let end_col = self.cur().end_col;
            let mut e = syntax("invalid syntax. Perhaps you forgot a comma?", line, col);
            e.end_col = end_col;
            return Err(e);
        }
        Err(self.invalid())
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

    // ---- statements ----

    fn file(&mut self) -> PResult<ast::Block> {
        let mut body = Vec::new();
        while !matches!(self.peek(), Tok::End) {
            self.statement(&mut body)?;
        }
        Ok(body)
    }

    fn statement(&mut self, out: &mut ast::Block) -> PResult<()> {
        let t = self.cur().clone();
        let (line, col) = (t.line, t.col);
        let kind = match &t.tok {
            Tok::Indent => return Err(error(ErrorKind::Indentation, "unexpected indent", line, col)),
            Tok::Kw("if") => {
                self.advance();
                self.if_rest("if", line)?
            }
            Tok::Kw("while") => self.while_stmt(line)?,
            Tok::Kw("for") => self.for_stmt(line, col, false)?,
            Tok::Kw("try") => self.try_stmt(line)?,
            Tok::Kw("with") => self.with_stmt(line, col, false)?,
            Tok::Kw("def") => self.def_stmt(line, false, Vec::new())?,
            Tok::Kw("class") => self.class_stmt(line, Vec::new())?,
            Tok::Kw("async") => {
                self.advance();
                match self.peek() {
                    Tok::Kw("def") => self.def_stmt(line, true, Vec::new())?,
                    Tok::Kw("for") => self.for_stmt(line, col, true)?,
                    Tok::Kw("with") => self.with_stmt(line, col, true)?,
                    _ => return Err(self.invalid()),
                }
            }
            Tok::Op("@") => self.decorated()?,
            Tok::Name(n) if n == "match" || n == "type" => {
                let what = if n == "match" { "the match statement" } else { "the type statement" };
                let soft_keyword = matches!(self.at(1).tok, Tok::Name(_) | Tok::Op("(" | "[" | "{"));
                return match self.simple_stmts(out) {
                    Err(e) if soft_keyword && e.kind == ErrorKind::Syntax => Err(unsupported(what, line, col)),
                    r => r,
                };
            }
            _ => return self.simple_stmts(out),
        };
        out.push(Stmt { line, kind });
        Ok(())
    }

    /// The body after a compound statement's `:`; `what` names the statement the way
    /// CPython's "expected an indented block after …" does.
    fn block(&mut self, what: &str, line: u32) -> PResult<ast::Block> {
        let mut body = Vec::new();
        if !matches!(self.peek(), Tok::Newline) {
            self.simple_stmts(&mut body)?;
            return Ok(body);
        }
        self.advance();
        if !matches!(self.peek(), Tok::Indent) {
            let (l, c) = self.here();
            let m = format!("expected an indented block after {what} on line {line}");
            return Err(error(ErrorKind::Indentation, m, l, c));
        }
        self.advance();
        self.enter()?;
        while !matches!(self.peek(), Tok::Dedent | Tok::End | Tok::Error) {
            self.statement(&mut body)?;
        }
        if !matches!(self.peek(), Tok::Dedent) {
            return Err(self.invalid());
        }
        self.advance();
        self.depth -= 1;
        Ok(body)
    }

    fn loop_body(&mut self, what: &str, line: u32) -> PResult<ast::Block> {
        let outer = self.ctx;
        self.ctx.in_loop = true;
        let body = self.block(what, line);
        self.ctx = outer;
        body
    }

    fn else_block(&mut self) -> PResult<ast::Block> {
        if !self.is_kw("else") {
            return Ok(Vec::new());
        }
        let line = self.cur().line;
        self.advance();
        self.expect_colon()?;
        self.block("'else' statement", line)
    }

    /// A condition: `if x = 1:` gets CPython's hint about `==`.
    fn condition(&mut self) -> PResult<Expr> {
        let test = self.named_expr()?;
        if self.is_op("=") {
            let mut e = if matches!(test.kind, ExprKind::Name(_)) {
                syntax("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", test.line, test.col)
            } else if is_bitwise_or(&test) {
                let m = format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_name(&test));
                syntax(m, test.line, test.col)
            } else {
                return Err(self.invalid());
            };
            e.end_col = self.at(1).end_col;
            return Err(e);
        }
        Ok(test)
    }

    fn if_rest(&mut self, kw: &str, line: u32) -> PResult<StmtKind> {
        let test = self.condition()?;
        self.expect_colon()?;
        let body = self.block(&format!("'{kw}' statement"), line)?;
        let orelse = if self.is_kw("elif") {
            let (l, _) = self.here();
            self.advance();
            let kind = self.if_rest("elif", l)?;
            vec![Stmt { line: l, kind }]
        } else {
            self.else_block()?
        };
        Ok(StmtKind::If { test, body, orelse })
    }

    fn while_stmt(&mut self, line: u32) -> PResult<StmtKind> {
        self.advance();
        let test = self.condition()?;
        self.expect_colon()?;
        let body = self.loop_body("'while' statement", line)?;
        let orelse = self.else_block()?;
        Ok(StmtKind::While { test, body, orelse })
    }

    fn for_stmt(&mut self, line: u32, col: u32, is_async: bool) -> PResult<StmtKind> {
        if is_async && !self.ctx.is_async {
            self.late("'async for' outside async function", line, col);
        }
        self.advance();
        let target = self.target_list()?;
        self.check_target(&target)?;
        if !self.eat_kw("in") {
            return Err(self.invalid());
        }
        let iter = self.star_expressions()?;
        self.expect_colon()?;
        let body = self.loop_body("'for' statement", line)?;
        let orelse = self.else_block()?;
        Ok(StmtKind::For { target, iter, body, orelse, is_async })
    }

    fn try_stmt(&mut self, line: u32) -> PResult<StmtKind> {
        self.advance();
        self.expect_colon()?;
        let body = self.block("'try' statement", line)?;
        let mut handlers = Vec::new();
        while self.is_kw("except") {
            let (hline, hcol) = self.here();
            self.advance();
            if self.is_op("*") {
                return Err(unsupported("exception groups (except*)", hline, hcol));
            }
            let (mut typ, mut name) = (None, None);
            if !self.is_op(":") {
                let t = self.test()?;
                if self.is_op(",") {
                    let m = "multiple exception types must be parenthesized";
                    return Err(syntax(m, t.line, t.col));
                }
                typ = Some(t);
                if self.eat_kw("as") {
                    name = Some(self.name()?);
                }
            }
            self.expect_colon()?;
            let body = self.block("'except' statement", hline)?;
            handlers.push(Handler { line: hline, typ, name, body });
        }
        let orelse = if handlers.is_empty() { Vec::new() } else { self.else_block()? };
        let finalbody = if self.is_kw("finally") {
            let l = self.cur().line;
            self.advance();
            self.expect_colon()?;
            self.block("'finally' statement", l)?
        } else if handlers.is_empty() {
            let (l, c) = self.here();
            return Err(syntax("expected 'except' or 'finally' block", l, c));
        } else {
            Vec::new()
        };
        Ok(StmtKind::Try { body, handlers, orelse, finalbody })
    }

    fn with_stmt(&mut self, line: u32, col: u32, is_async: bool) -> PResult<StmtKind> {
        if is_async && !self.ctx.is_async {
            self.late("'async with' outside async function", line, col);
        }
        self.advance();
        let mut items = Vec::new();
        loop {
            let context = self.test()?;
            let target = if self.eat_kw("as") {
                let t = self.star_target()?;
                self.check_target(&t)?;
                Some(t)
            } else {
                None
            };
            items.push(WithItem { context, target });
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_colon()?;
        let body = self.block("'with' statement", line)?;
        Ok(StmtKind::With { items, body, is_async })
    }

    fn decorated(&mut self) -> PResult<StmtKind> {
        let mut decorators = Vec::new();
        while self.eat_op("@") {
            decorators.push(self.named_expr()?);
            if !matches!(self.peek(), Tok::Newline) {
                return Err(self.invalid());
            }
            self.advance();
        }
        let (line, _) = self.here();
        match self.peek() {
            Tok::Kw("def") => self.def_stmt(line, false, decorators),
            Tok::Kw("class") => self.class_stmt(line, decorators),
            Tok::Kw("async") if matches!(self.at(1).tok, Tok::Kw("def")) => {
                self.advance();
                self.def_stmt(line, true, decorators)
            }
            _ => Err(self.invalid()),
        }
    }

    fn def_stmt(&mut self, line: u32, is_async: bool, decorators: Vec<Expr>) -> PResult<StmtKind> {
        self.advance();
        let name = self.name()?;
        if !self.eat_op("(") {
            let (l, c) = self.here();
            return Err(syntax("expected '('", l, c));
        }
        let params = self.params(")", true)?;
        self.expect_op(")")?;
        if self.eat_op("->") {
            self.test()?;
        }
        self.expect_colon()?;
        let (outer, outer_yield) = (self.ctx, self.saw_yield);
        self.ctx = Ctx { func: true, is_async, in_loop: false };
        self.saw_yield = false;
        let body = self.block("function definition", line);
        let has_yield = self.saw_yield;
        (self.ctx, self.saw_yield) = (outer, outer_yield);
        let body = body?;
        declared_parameter(&params, &body)?;
        let def = FuncDef { name, line, params, body, is_async, decorators, has_yield };
        Ok(StmtKind::FunctionDef(Rc::new(def)))
    }

    /// Parameters up to `close` (`)` for `def`, `:` for `lambda`).
    fn params(&mut self, close: &str, annotated: bool) -> PResult<Params> {
        let mut p = Params::default();
        let mut star: Option<(u32, u32)> = None;
        let mut seen_default = false;
        let mut names = Vec::new();
        while !self.is_op(close) {
            let (line, col) = self.here();
            if p.kwarg.is_some() {
                return Err(syntax("arguments cannot follow var-keyword argument", line, col));
            }
            let name = if self.eat_op("**") {
                let n = self.param_name(annotated)?;
                p.kwarg = Some(n);
                n
            } else if self.eat_op("*") {
                if star.is_some() {
                    return Err(syntax("* argument may appear only once", line, col));
                }
                star = Some((line, col));
                if self.is_op(",") || self.is_op(close) {
                    if !self.eat_op(",") {
                        break;
                    }
                    continue;
                }
                let n = self.param_name(annotated)?;
                p.vararg = Some(n);
                n
            } else if self.is_op("/") {
                return Err(unsupported("positional-only parameters (/)", line, col));
            } else {
                let name = self.param_name(annotated)?;
                let default = if self.eat_op("=") { Some(self.test()?) } else { None };
                if star.is_some() {
                    p.kwonly.push(Param { name, default });
                } else {
                    if default.is_none() && seen_default {
                        return Err(syntax("non-default argument follows default argument", line, col));
                    }
                    seen_default |= default.is_some();
                    p.args.push(Param { name, default });
                }
                name
            };
            if names.contains(&name) {
                let m = format!("duplicate argument '{}' in function definition", ast::name_text(name));
                self.late(&m, line, col);
            }
            names.push(name);
            if !self.eat_op(",") {
                break;
            }
        }
        if let (Some((line, col)), None, true) = (star, p.vararg, p.kwonly.is_empty()) {
            return Err(syntax("named arguments must follow bare *", line, col));
        }
        Ok(p)
    }

    fn param_name(&mut self, annotated: bool) -> PResult<ast::Name> {
        let name = self.name()?;
        if annotated && self.eat_op(":") {
            self.test()?;
        }
        Ok(name)
    }

    fn class_stmt(&mut self, line: u32, decorators: Vec<Expr>) -> PResult<StmtKind> {
        self.advance();
        let name = self.name()?;
        let mut bases = Vec::new();
        if self.is_op("(") {
            let (l, c) = self.here();
            self.advance();
            for arg in self.call_args()? {
                match arg {
                    Arg::Pos(e) => bases.push(e),
                    _ => return Err(unsupported("keyword or star arguments in a class definition", l, c)),
                }
            }
        }
        self.expect_colon()?;
        let outer = self.ctx;
        self.ctx = Ctx { func: false, is_async: false, in_loop: false };
        let body = self.block("class definition", line);
        self.ctx = outer;
        Ok(StmtKind::ClassDef { name, bases, body: body?, decorators })
    }

    fn simple_stmts(&mut self, out: &mut ast::Block) -> PResult<()> {
        loop {
            out.push(self.simple_stmt()?);
            if !self.eat_op(";") || matches!(self.peek(), Tok::Newline) {
                break;
            }
        }
        if !matches!(self.peek(), Tok::Newline) {
            return Err(self.invalid());
        }
        self.advance();
        Ok(())
    }

    fn at_stmt_end(&self) -> bool {
        matches!(self.peek(), Tok::Newline | Tok::Op(";"))
    }

    fn simple_stmt(&mut self) -> PResult<Stmt> {
        let (line, col) = self.here();
        let Tok::Kw(kw) = *self.peek() else {
            let kind = self.expr_stmt()?;
            return Ok(Stmt { line, kind });
        };
        let kind = match kw {
            "pass" | "break" | "continue" => {
                self.advance();
                match kw {
                    "break" if !self.ctx.in_loop => self.late("'break' outside loop", line, col),
                    "continue" if !self.ctx.in_loop => self.late("'continue' not properly in loop", line, col),
                    _ => {}
                }
                match kw {
                    "pass" => StmtKind::Pass,
                    "break" => StmtKind::Break,
                    _ => StmtKind::Continue,
                }
            }
            "return" => {
                self.advance();
                if !self.ctx.func {
                    self.late("'return' outside function", line, col);
                }
                StmtKind::Return(if self.at_stmt_end() { None } else { Some(self.star_expressions()?) })
            }
            "raise" => {
                self.advance();
                let exc = if self.at_stmt_end() { None } else { Some(self.test()?) };
                let cause = if exc.is_some() && self.eat_kw("from") { Some(self.test()?) } else { None };
                StmtKind::Raise { exc, cause }
            }
            "global" | "nonlocal" => {
                self.advance();
                let mut names = vec![self.name()?];
                while self.eat_op(",") {
                    names.push(self.name()?);
                }
                if kw == "global" {
                    StmtKind::Global(names)
                } else {
                    if !self.ctx.func {
                        self.late("nonlocal declaration not allowed at module level", line, col);
                    }
                    StmtKind::Nonlocal(names)
                }
            }
            "del" => {
                self.advance();
                let mut targets = Vec::new();
                loop {
                    let t = self.binary(1)?;
                    if let Some(bad) = invalid_target(&t, true) {
                        return Err(syntax(format!("cannot delete {}", expr_name(bad)), bad.line, bad.col));
                    }
                    targets.push(t);
                    if !self.eat_op(",") || self.at_stmt_end() {
                        break;
                    }
                }
                StmtKind::Del(targets)
            }
            "assert" => {
                self.advance();
                let test = self.test()?;
                let msg = if self.eat_op(",") { Some(self.test()?) } else { None };
                StmtKind::Assert { test, msg }
            }
            "import" => {
                self.advance();
                let mut names = Vec::new();
                loop {
                    let (l, c) = self.here();
                    let name = self.dotted_name()?;
                    let asname = if self.eat_kw("as") { Some(self.name()?) } else { None };
                    names.push(Alias { name, asname, line: l, col: c });
                    if !self.eat_op(",") {
                        break;
                    }
                }
                StmtKind::Import(names)
            }
            "from" => self.import_from()?,
            _ => {
                let kind = self.expr_stmt()?;
                return Ok(Stmt { line, kind });
            }
        };
        Ok(Stmt { line, kind })
    }

    fn dotted_name(&mut self) -> PResult<String> {
        let mut name = ast::name_text(self.name()?).to_string();
        while self.eat_op(".") {
            name.push('.');
            name += &ast::name_text(self.name()?);
        }
        Ok(name)
    }

    fn import_from(&mut self) -> PResult<StmtKind> {
        self.advance();
        if self.is_op(".") || self.is_op("...") {
            let (l, c) = self.here();
            return Err(unsupported("relative imports", l, c));
        }
        let module = self.dotted_name()?;
        if !self.eat_kw("import") {
            return Err(self.invalid());
        }
        let (line, col) = self.here();
        if self.eat_op("*") {
            if self.ctx.func {
                self.late("import * only allowed at module level", line, col);
            }
            return Ok(StmtKind::ImportFrom {
                module,
                names: vec![Alias { name: "*".into(), asname: None, line, col }],
            });
        }
        let parens = self.eat_op("(");
        let mut names = Vec::new();
        loop {
            let (l, c) = self.here();
            let name = ast::name_text(self.name()?).to_string();
            let asname = if self.eat_kw("as") { Some(self.name()?) } else { None };
            names.push(Alias { name, asname, line: l, col: c });
            if !self.eat_op(",") || parens && self.is_op(")") {
                break;
            }
        }
        if parens {
            self.expect_op(")")?;
        }
        Ok(StmtKind::ImportFrom { module, names })
    }

    fn rhs(&mut self) -> PResult<Expr> {
        if self.is_kw("yield") {
            self.yield_expr()
        } else {
            self.star_expressions()
        }
    }

    fn expr_stmt(&mut self) -> PResult<StmtKind> {
        let first = self.rhs()?;
        if self.is_op("=") {
            let mut targets = vec![first];
            while self.eat_op("=") {
                targets.push(self.rhs()?);
            }
            let value = targets.pop().unwrap_or_else(|| mk(1, 1, ExprKind::Const(Const::None)));
            let only = targets.len() == 1;
            for (i, t) in targets.iter().enumerate() {
                if let Some(bad) = invalid_target(t, false) {
                    // `x = a if b else c = d`: CPython sees `x = a` used as a condition.
                    if let (1, Some(ExprKind::Name(_)), false) = (i, targets.first().map(|t| &t.kind), is_bitwise_or(t))
                    {
                        let (l, c) = (targets[0].line, targets[0].col);
                        return Err(syntax("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", l, c));
                    }
                    // CPython: the "here. Maybe you meant '=='" form comes from its rule for a
                    // lone `a = b` whose target is a plain operand.
                    let here = only && std::ptr::eq(bad, t) && is_bitwise_or(bad);
                    let suffix = if here { " here. Maybe you meant '==' instead of '='?" } else { "" };
                    let m = format!("cannot assign to {}{suffix}", expr_name(bad));
                    return Err(syntax(m, bad.line, bad.col));
                }
                self.check_starred(t);
            }
            return Ok(StmtKind::Assign { targets, value });
        }
        if let Some(op) = aug_op(self.peek()) {
            if !matches!(first.kind, ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..)) {
                let m = format!("'{}' is an illegal expression for augmented assignment", expr_name(&first));
                return Err(syntax(m, first.line, first.col));
            }
            self.advance();
            let value = self.rhs()?;
            return Ok(StmtKind::AugAssign { target: first, op, value });
        }
        if self.is_op(":") {
            let m = match first.kind {
                ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => None,
                ExprKind::Tuple(_) => Some("only single target (not tuple) can be annotated"),
                ExprKind::List(_) => Some("only single target (not list) can be annotated"),
                _ => Some("illegal target for annotation"),
            };
            if let Some(m) = m {
                return Err(syntax(m, first.line, first.col));
            }
            self.advance();
            self.test()?;
            let value = if self.eat_op("=") { Some(self.rhs()?) } else { None };
            return Ok(StmtKind::AnnAssign { target: first, value });
        }
        if let ExprKind::Name(n) = first.kind {
            let n = ast::name_text(n);
            if (&*n == "print" || &*n == "exec") && starts_atom(&self.cur().tok) {
                let m = format!("Missing parentheses in call to '{n}'. Did you mean {n}(...)?");
                return Err(syntax(m, first.line, first.col));
            }
        }
        Ok(StmtKind::Expr(first))
    }

    /// The assignment checks CPython's compiler makes about starred targets.
    fn check_starred(&mut self, t: &Expr) {
        match &t.kind {
            ExprKind::Starred(_) => self.late("starred assignment target must be in a list or tuple", t.line, t.col),
            ExprKind::Tuple(v) | ExprKind::List(v) => {
                if v.iter().filter(|e| matches!(e.kind, ExprKind::Starred(_))).count() > 1 {
                    self.late("multiple starred expressions in assignment", t.line, t.col);
                }
                for e in v {
                    if let ExprKind::Starred(inner) = &e.kind {
                        self.check_starred(inner);
                    } else {
                        self.check_starred(e);
                    }
                }
            }
            _ => {}
        }
    }

    fn check_target(&mut self, t: &Expr) -> PResult<()> {
        if let Some(bad) = invalid_target(t, false) {
            return Err(syntax(format!("cannot assign to {}", expr_name(bad)), bad.line, bad.col));
        }
        self.check_starred(t);
        Ok(())
    }

    // ---- expressions ----

    /// `a, *b, c` where Python allows a bare tuple (statements, `return`, `for … in`).
    fn star_expressions(&mut self) -> PResult<Expr> {
        let first = self.star_expr()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let (line, col) = (first.line, first.col);
        let mut elts = vec![first];
        while self.eat_op(",") {
            if !starts_expr(&self.cur().tok) {
                break;
            }
            elts.push(self.star_expr()?);
        }
        Ok(mk(line, col, ExprKind::Tuple(elts)))
    }

    fn star_expr(&mut self) -> PResult<Expr> {
        if self.is_op("*") {
            let (line, col) = self.here();
            self.advance();
            let value = self.binary(1)?;
            return Ok(mk(line, col, ExprKind::Starred(boxed(value))));
        }
        self.test()
    }

    /// An item of a display or a parenthesised expression: `*x`, `x := v` or an expression.
    fn star_named(&mut self) -> PResult<Expr> {
        if self.is_op("*") {
            return self.star_expr();
        }
        self.named_expr()
    }

    fn target_list(&mut self) -> PResult<Expr> {
        let first = self.star_target()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let (line, col) = (first.line, first.col);
        let mut elts = vec![first];
        while self.eat_op(",") {
            if !starts_expr(&self.cur().tok) {
                break;
            }
            elts.push(self.star_target()?);
        }
        Ok(mk(line, col, ExprKind::Tuple(elts)))
    }

    /// An assignment target of `for`, `with … as` and comprehensions: no comparison, so
    /// that `in` is left for the caller.
    fn star_target(&mut self) -> PResult<Expr> {
        if self.is_op("*") {
            let (line, col) = self.here();
            self.advance();
            let value = self.binary(1)?;
            return Ok(mk(line, col, ExprKind::Starred(boxed(value))));
        }
        self.binary(1)
    }

    fn named_expr(&mut self) -> PResult<Expr> {
        if let Some(n) = self.name_before(":=") {
            let (line, col) = self.here();
            self.advance();
            self.advance();
            let value = self.test()?;
            return Ok(mk(line, col, ExprKind::NamedExpr(ast::intern(&n), boxed(value))));
        }
        self.test()
    }

    /// An expression: lambda, conditional, or anything tighter.
    fn test(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.test_inner();
        self.depth -= 1;
        r
    }

    fn test_inner(&mut self) -> PResult<Expr> {
        if self.is_kw("lambda") {
            return self.lambda();
        }
        let body = self.or_test()?;
        if !self.is_kw("if") {
            return Ok(body);
        }
        self.advance();
        let test = self.or_test()?;
        if !self.eat_kw("else") {
            if self.is_op(":") {
                return Err(self.invalid());
            }
            let mut e = syntax("expected 'else' after 'if' expression", body.line, body.col);
            e.end_col = self.cur().col;
            return Err(e);
        }
        let orelse = self.test()?;
        Ok(mk(body.line, body.col, ExprKind::IfExp(boxed(test), boxed(body), boxed(orelse))))
    }

    fn lambda(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
        self.advance();
        let params = self.params(":", false)?;
        self.expect_op(":")?;
        let (outer, outer_yield) = (self.ctx, self.saw_yield);
        self.ctx = Ctx { func: true, is_async: false, in_loop: false };
        self.saw_yield = false;
        let body = self.test();
        let has_yield = self.saw_yield;
        (self.ctx, self.saw_yield) = (outer, outer_yield);
        let body = body?;
        let ret = Stmt { line: body.line, kind: StmtKind::Return(Some(body)) };
        let def = FuncDef {
            name: ast::intern("<lambda>"),
            line,
            params,
            body: vec![ret],
            is_async: false,
            decorators: Vec::new(),
            has_yield,
        };
        Ok(mk(line, col, ExprKind::Lambda(Rc::new(def))))
    }

    fn or_test(&mut self) -> PResult<Expr> {
        self.bool_op("or")
    }

    fn bool_op(&mut self, kw: &str) -> PResult<Expr> {
        let first = if kw == "or" { self.bool_op("and")? } else { self.not_test()? };
        if !self.is_kw(kw) {
            return Ok(first);
        }
        let (line, col) = (first.line, first.col);
        let mut values = vec![first];
        while self.eat_kw(kw) {
            values.push(if kw == "or" { self.bool_op("and")? } else { self.not_test()? });
        }
        Ok(mk(line, col, ExprKind::BoolOp(kw == "and", values)))
    }

    fn not_test(&mut self) -> PResult<Expr> {
        if !self.is_kw("not") {
            return self.comparison();
        }
        let (line, col) = self.here();
        self.advance();
        self.enter()?;
        let operand = self.not_test();
        self.depth -= 1;
        Ok(mk(line, col, ExprKind::Unary(UnaryOp::Not, boxed(operand?))))
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let left = self.binary(1)?;
        let mut ops = Vec::new();
        loop {
            // The second token is read only when needed: how far the parser read decides
            // which error CPython reports (see `settle`).
            let second = if matches!(self.peek(), Tok::Kw("is" | "not")) { &self.at(1).tok } else { &END.tok };
            let op = match (self.peek(), second) {
                (Tok::Op("=="), _) => CmpOp::Eq,
                (Tok::Op("!="), _) => CmpOp::NotEq,
                (Tok::Op("<"), _) => CmpOp::Lt,
                (Tok::Op("<="), _) => CmpOp::LtE,
                (Tok::Op(">"), _) => CmpOp::Gt,
                (Tok::Op(">="), _) => CmpOp::GtE,
                (Tok::Kw("in"), _) => CmpOp::In,
                (Tok::Kw("is"), Tok::Kw("not")) => CmpOp::IsNot,
                (Tok::Kw("is"), _) => CmpOp::Is,
                (Tok::Kw("not"), Tok::Kw("in")) => CmpOp::NotIn,
                _ => break,
            };
            self.advance();
            if matches!(op, CmpOp::IsNot | CmpOp::NotIn) {
                self.advance();
            }
            ops.push((op, self.binary(1)?));
        }
        if ops.is_empty() {
            return Ok(left);
        }
        Ok(mk(left.line, left.col, ExprKind::Compare(boxed(left), ops)))
    }

    /// Binary operators by precedence climbing: operands bind tighter than `min`.
    fn binary(&mut self, min: u8) -> PResult<Expr> {
        let mut left = self.unary()?;
        while let Some((op, prec)) = bin_op(self.peek()) {
            if prec < min {
                break;
            }
            self.advance();
            let right = self.binary(prec + 1)?;
            left = mk(left.line, left.col, ExprKind::BinOp(boxed(left), op, boxed(right)));
        }
        Ok(left)
    }

    fn unary(&mut self) -> PResult<Expr> {
        let op = match self.peek() {
            Tok::Op("-") => UnaryOp::Neg,
            Tok::Op("+") => UnaryOp::Pos,
            Tok::Op("~") => UnaryOp::Invert,
            _ => return self.power(),
        };
        let (line, col) = self.here();
        self.advance();
        self.enter()?;
        let operand = self.unary();
        self.depth -= 1;
        Ok(mk(line, col, ExprKind::Unary(op, boxed(operand?))))
    }

    fn power(&mut self) -> PResult<Expr> {
        let base = if self.is_kw("await") {
            let (line, col) = self.here();
            if !self.ctx.func {
                self.late("'await' outside function", line, col);
            } else if !self.ctx.is_async {
                self.late("'await' outside async function", line, col);
            }
            self.advance();
            let value = self.primary()?;
            mk(line, col, ExprKind::Await(boxed(value)))
        } else {
            self.primary()?
        };
        if !self.eat_op("**") {
            return Ok(base);
        }
        let exp = self.unary()?;
        Ok(mk(base.line, base.col, ExprKind::BinOp(boxed(base), BinOp::Pow, boxed(exp))))
    }

    fn primary(&mut self) -> PResult<Expr> {
        let mut e = self.atom()?;
        loop {
            let (line, col) = (e.line, e.col);
            if self.eat_op(".") {
                let name = self.name()?;
                e = mk(line, col, ExprKind::Attribute(boxed(e), name));
            } else if self.eat_op("(") {
                let args = self.call_args()?;
                e = mk(line, col, ExprKind::Call(boxed(e), args));
            } else if self.eat_op("[") {
                let index = self.subscript()?;
                e = mk(line, col, ExprKind::Subscript(boxed(e), boxed(index)));
            } else {
                return Ok(e);
            }
        }
    }

    /// A call's arguments, after its `(`, up to and including `)`.
    fn call_args(&mut self) -> PResult<Vec<Arg>> {
        let mut args = Vec::new();
        let (mut keyword, mut double_star) = (false, false);
        let mut last = None;
        while !self.is_op(")") {
            let (line, col) = self.here();
            last = Some((line, col));
            if self.eat_op("*") {
                if double_star {
                    let m = "iterable argument unpacking follows keyword argument unpacking";
                    return Err(syntax(m, line, col));
                }
                args.push(Arg::Star(self.test()?));
            } else if self.eat_op("**") {
                double_star = true;
                args.push(Arg::DoubleStar(self.test()?));
            } else if let Some(n) = self.name_before("=") {
                self.advance();
                self.advance();
                keyword = true;
                args.push(Arg::Kw(ast::intern(&n), self.test()?));
            } else {
                let value = self.named_expr()?;
                if self.is_kw("for") || self.is_kw("async") {
                    let generators = self.comp_clauses()?;
                    if !args.is_empty() || self.is_op(",") {
                        let m = "Generator expression must be parenthesized";
                        return Err(syntax(m, value.line, value.col));
                    }
                    let (l, c) = (value.line, value.col);
                    args.push(Arg::Pos(mk(l, c, ExprKind::GeneratorExp(boxed(value), generators))));
                    continue;
                }
                if self.is_op("=") {
                    let m = match value.kind {
                        ExprKind::Const(Const::Bool(_) | Const::None) => {
                            format!("cannot assign to {}", expr_name(&value))
                        }
                        _ => "expression cannot contain assignment, perhaps you meant \"==\"?".to_string(),
                    };
                    return Err(syntax(m, value.line, value.col));
                }
                // CPython reports these at the token after the argument.
                let (l, c) = self.here();
                if double_star {
                    return Err(syntax("positional argument follows keyword argument unpacking", l, c));
                }
                if keyword {
                    return Err(syntax("positional argument follows keyword argument", l, c));
                }
                args.push(Arg::Pos(value));
            }
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_close(")", last)?;
        Ok(args)
    }

    fn subscript(&mut self) -> PResult<Expr> {
        let first = self.slice()?;
        let last = Some((first.line, first.col));
        if !self.is_op(",") {
            self.expect_close("]", last)?;
            return Ok(first);
        }
        let (line, col) = (first.line, first.col);
        let mut elts = vec![first];
        while self.eat_op(",") && !self.is_op("]") {
            elts.push(self.slice()?);
        }
        self.expect_close("]", last)?;
        Ok(mk(line, col, ExprKind::Tuple(elts)))
    }

    fn slice(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
        let lower = if self.is_op(":") {
            None
        } else {
            let e = self.star_named()?;
            if !self.is_op(":") {
                return Ok(e);
            }
            Some(boxed(e))
        };
        self.advance();
        let ends = |p: &mut Parser| p.is_op("]") || p.is_op(",") || p.is_op(":");
        let upper = if ends(self) { None } else { Some(boxed(self.test()?)) };
        let step = if self.eat_op(":") && !ends(self) { Some(boxed(self.test()?)) } else { None };
        Ok(mk(line, col, ExprKind::Slice(lower, upper, step)))
    }

    fn comp_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut out = Vec::new();
        loop {
            let (line, col) = self.here();
            let is_async = self.is_kw("async") && matches!(self.at(1).tok, Tok::Kw("for"));
            if is_async {
                if !self.ctx.is_async {
                    // CPython: "asynchronous comprehension outside of an asynchronous function".
                    self.late("asynchronous comprehension outside of an asynchronous function", line, col);
                }
                self.advance();
            }
            if !self.eat_kw("for") {
                return Ok(out);
            }
            let target = self.target_list()?;
            self.check_target(&target)?;
            if !self.eat_kw("in") {
                return Err(self.invalid());
            }
            let iter = self.or_test()?;
            let mut ifs = Vec::new();
            while self.eat_kw("if") {
                ifs.push(self.or_test()?);
            }
            out.push(Comprehension { target, iter, ifs, is_async });
        }
    }

    fn yield_expr(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
        self.advance();
        if !self.ctx.func {
            self.late("'yield' outside function", line, col);
        }
        self.saw_yield = true;
        let mut args = Vec::new();
        if self.eat_kw("from") {
            args.push(Arg::Pos(self.test()?));
        } else if starts_expr(&self.cur().tok) {
            args.push(Arg::Pos(self.star_expressions()?));
        }
        // Generators are outside the subset: `yield` is kept as a call to `yield` only so
        // that the function is marked `has_yield` and refused by the evaluator.
        let func = mk(line, col, ExprKind::Name(ast::intern("yield")));
        Ok(mk(line, col, ExprKind::Call(boxed(func), args)))
    }

    fn atom(&mut self) -> PResult<Expr> {
        let t = self.cur();
        let (line, col) = (t.line, t.col);
        let kind = match &t.tok {
            Tok::Name(n) => ExprKind::Name(ast::intern(n)),
            Tok::Int(v) => ExprKind::Const(Const::Int(*v)),
            Tok::Float(v) => ExprKind::Const(Const::Float(*v)),
            Tok::BigInt => return Err(unsupported("integers this large", line, col)),
            Tok::Imag => return Err(unsupported("complex numbers", line, col)),
            Tok::Str(_) => return self.strings(),
            Tok::Kw("None") => ExprKind::Const(Const::None),
            Tok::Kw("True") => ExprKind::Const(Const::Bool(true)),
            Tok::Kw("False") => ExprKind::Const(Const::Bool(false)),
            Tok::Op("...") => ExprKind::Const(Const::Ellipsis),
            Tok::Op("(") => return self.paren(),
            Tok::Op("[") => return self.list(),
            Tok::Op("{") => return self.brace(),
            _ => return Err(self.invalid()),
        };
        self.advance();
        Ok(mk(line, col, kind))
    }

    fn paren(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
        self.advance();
        if self.eat_op(")") {
            return Ok(mk(line, col, ExprKind::Tuple(Vec::new())));
        }
        if self.is_kw("yield") {
            let e = self.yield_expr()?;
            self.expect_op(")")?;
            return Ok(e);
        }
        let first = self.star_named()?;
        if self.is_kw("for") || self.is_kw("async") {
            let generators = self.comp_clauses()?;
            self.expect_close(")", Some((first.line, first.col)))?;
            return Ok(mk(line, col, ExprKind::GeneratorExp(boxed(first), generators)));
        }
        if self.is_op("=") {
            return Err(self.condition_error(first));
        }
        if !self.is_op(",") {
            self.expect_close(")", Some((first.line, first.col)))?;
            return Ok(first);
        }
        let elts = self.elements(first, ")")?;
        Ok(mk(line, col, ExprKind::Tuple(elts)))
    }

    /// `(x = 1)`: the same hint as `if x = 1:`.
    fn condition_error(&mut self, first: Expr) -> SyntaxError {
        if matches!(first.kind, ExprKind::Name(_)) {
            return syntax("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", first.line, first.col);
        }
        self.invalid()
    }

    /// The rest of a comma-separated display after its first item, up to `close`.
    fn elements(&mut self, first: Expr, close: &str) -> PResult<Vec<Expr>> {
        let mut last = Some((first.line, first.col));
        let mut elts = vec![first];
        while self.eat_op(",") && !self.is_op(close) {
            let e = self.star_named()?;
            last = Some((e.line, e.col));
            elts.push(e);
        }
        self.expect_close(close, last)?;
        Ok(elts)
    }

    fn list(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
        self.advance();
        if self.eat_op("]") {
            return Ok(mk(line, col, ExprKind::List(Vec::new())));
        }
        let first = self.star_named()?;
        if self.is_kw("for") || self.is_kw("async") {
            let generators = self.comp_clauses()?;
            self.expect_close("]", Some((first.line, first.col)))?;
            return Ok(mk(line, col, ExprKind::ListComp(boxed(first), generators)));
        }
        let elts = self.elements(first, "]")?;
        Ok(mk(line, col, ExprKind::List(elts)))
    }

    fn brace(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
        self.advance();
        if self.eat_op("}") {
            return Ok(mk(line, col, ExprKind::Dict(Vec::new())));
        }
        let first = if self.eat_op("**") {
            (None, self.binary(1)?)
        } else {
            let key = self.star_named()?;
            if !self.eat_op(":") {
                if self.is_kw("for") || self.is_kw("async") {
                    let generators = self.comp_clauses()?;
                    self.expect_close("}", Some((key.line, key.col)))?;
                    return Ok(mk(line, col, ExprKind::SetComp(boxed(key), generators)));
                }
                let elts = self.elements(key, "}")?;
                return Ok(mk(line, col, ExprKind::Set(elts)));
            }
            let value = self.test()?;
            if self.is_kw("for") || self.is_kw("async") {
                let generators = self.comp_clauses()?;
                self.expect_close("}", Some((value.line, value.col)))?;
                return Ok(mk(line, col, ExprKind::DictComp(boxed(key), boxed(value), generators)));
            }
            (Some(key), value)
        };
        let mut last = Some((first.1.line, first.1.col));
        let mut entries = vec![first];
        while self.eat_op(",") && !self.is_op("}") {
            if self.eat_op("**") {
                entries.push((None, self.binary(1)?));
            } else {
                let key = self.test()?;
                if !self.is_op(":") {
                    // CPython points at the key's last character.
                    let prev = self.toks.get(self.pos.saturating_sub(1)).unwrap_or(&END);
                    let (l, c) = (prev.line, prev.end_col.saturating_sub(1).max(1));
                    return Err(syntax("':' expected after dictionary key", l, c));
                }
                let (l, c) = self.here();
                self.advance();
                if matches!(self.peek(), Tok::Op("}" | ",")) {
                    return Err(syntax("expression expected after dictionary key and ':'", l, c));
                }
                entries.push((Some(key), self.test()?));
            }
            last = entries.last().map(|(_, v)| (v.line, v.col));
        }
        self.expect_close("}", last)?;
        Ok(mk(line, col, ExprKind::Dict(entries)))
    }

    // ---- strings ----

    /// Adjacent string literals, joined; any f-string among them makes an `FString`.
    fn strings(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
        let mut lits = Vec::new();
        while let Tok::Str(lit) = self.peek() {
            let lit = lit.clone();
            let (l, c) = self.here();
            if lit.bytes {
                return Err(unsupported("bytes literals", l, c));
            }
            lits.push(lit);
            self.advance();
        }
        // CPython 3.11 reports string errors at the token after the strings.
        let (el, ec) = self.here();
        let at = |m: &str| syntax(m, el, ec);
        let mut parts = Vec::new();
        let mut any_f = false;
        for lit in &lits {
            if lit.fstr {
                any_f = true;
                let chars = positions(lit);
                let mut scan = FScan { chars, i: 0, raw: lit.raw, at: (el, ec) };
                self.fparts(&mut scan, 0, &mut parts)?;
            } else {
                let text = decode(&lit.body, lit.raw).map_err(|e| e.into_error(el, ec, &at))?;
                push_lit(&mut parts, &text);
            }
        }
        if any_f {
            return Ok(mk(line, col, ExprKind::FString(parts)));
        }
        let text = match parts.pop() {
            Some(FPart::Lit(s)) => s,
            _ => Rc::from(""),
        };
        Ok(mk(line, col, ExprKind::Const(Const::Str(text))))
    }

    /// F-string text up to its end, or up to the `}` that ends a format spec (`nested` > 0).
    fn fparts(&mut self, s: &mut FScan, nested: u32, out: &mut Vec<FPart>) -> PResult<()> {
        let mut lit = String::new();
        loop {
            let Some(c) = s.ch(0) else {
                if nested > 0 {
                    return Err(s.err("f-string: expecting '}'"));
                }
                break;
            };
            match c {
                '{' if s.ch(1) == Some('{') && nested == 0 => {
                    lit.push('{');
                    s.i += 2;
                }
                '}' if nested > 0 => break,
                '}' if s.ch(1) == Some('}') => {
                    lit.push('}');
                    s.i += 2;
                }
                '}' => return Err(s.err("f-string: single '}' is not allowed")),
                '{' => {
                    self.flush_lit(s, &mut lit, out)?;
                    s.i += 1;
                    let field = self.ffield(s, nested)?;
                    out.push(field);
                }
                '\\' if !s.raw && s.ch(1) == Some('N') && s.ch(2) == Some('{') => {
                    return Err(unsupported("named Unicode escapes (\\N{...})", s.at.0, s.at.1));
                }
                c => {
                    lit.push(c);
                    s.i += 1;
                    // A doubled backslash is copied whole, so that `\\N{x}` is not taken for `\N{…}`.
                    if c == '\\' && !s.raw {
                        if let Some(next) = s.ch(0).filter(|n| *n == '\\') {
                            lit.push(next);
                            s.i += 1;
                        }
                    }
                }
            }
        }
        self.flush_lit(s, &mut lit, out)
    }

    fn flush_lit(&mut self, s: &FScan, lit: &mut String, out: &mut Vec<FPart>) -> PResult<()> {
        let at = |m: &str| syntax(m, s.at.0, s.at.1);
        let text = decode(lit, s.raw).map_err(|e| e.into_error(s.at.0, s.at.1, &at))?;
        push_lit(out, &text);
        lit.clear();
        Ok(())
    }

    /// One replacement field, after its `{`, up to and including its `}` (CPython 3.11's
    /// rules for where the expression ends).
    fn ffield(&mut self, s: &mut FScan, nested: u32) -> PResult<FPart> {
        if nested >= 2 {
            return Err(s.err("f-string: expressions nested too deeply"));
        }
        let start = s.i;
        let (mut depth, mut quote) = (0u32, None);
        loop {
            let Some(c) = s.ch(0) else { return Err(s.err("f-string: expecting '}'")) };
            if let Some(q) = quote {
                if c == '\\' {
                    return Err(s.err("f-string expression part cannot include a backslash"));
                }
                if c == q {
                    quote = None;
                }
                s.i += 1;
                continue;
            }
            let next = s.ch(1);
            match c {
                '\\' => return Err(s.err("f-string expression part cannot include a backslash")),
                '#' => return Err(s.err("f-string expression part cannot include '#'")),
                '\'' | '"' => quote = Some(c),
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth > 0 => depth -= 1,
                '=' | '!' | '<' | '>' if next == Some('=') => s.i += 1,
                '!' | ':' | '}' | '=' if depth == 0 => break,
                _ => {}
            }
            s.i += 1;
        }
        let text: String = s.chars.get(start..s.i).unwrap_or_default().iter().map(|p| p.0).collect();
        if text.trim().is_empty() {
            return Err(s.err("f-string: empty expression not allowed"));
        }
        let (line, col) = s.chars.get(start).map(|p| (p.1, p.2)).unwrap_or(s.at);
        let expr = self.sub_parse(&text, line, col)?;
        let mut debug = None;
        if s.ch(0) == Some('=') {
            s.i += 1;
            while s.ch(0).is_some_and(|c| c.is_ascii_whitespace()) {
                s.i += 1;
            }
            let text: String = s.chars.get(start..s.i).unwrap_or_default().iter().map(|p| p.0).collect();
            debug = Some(Rc::from(text));
        }
        let mut conv = None;
        if s.ch(0) == Some('!') {
            match s.ch(1) {
                Some(c @ ('s' | 'r' | 'a')) => conv = Some(c),
                _ => return Err(s.err("f-string: invalid conversion character: expected 's', 'r', or 'a'")),
            }
            s.i += 2;
        }
        let mut spec = Vec::new();
        if s.ch(0) == Some(':') {
            s.i += 1;
            self.fparts(s, nested + 1, &mut spec)?;
        }
        if s.ch(0) != Some('}') {
            return Err(s.err("f-string: expecting '}'"));
        }
        s.i += 1;
        // As CPython: `{x=}` shows the repr unless a conversion or spec says otherwise.
        if debug.is_some() && conv.is_none() && spec.is_empty() {
            conv = Some('r');
        }
        Ok(FPart::Field { expr: boxed(expr), conv, spec, debug })
    }

    /// Parses a replacement field's expression with a parser of its own, positioned in the
    /// module. CPython: errors inside it point at the expression itself, not at CPython
    /// 3.11's odd places.
    fn sub_parse(&mut self, text: &str, line: u32, col: u32) -> PResult<Expr> {
        let mut p = Parser::new(lexer::tokenize_expr(text, line, col), self.depth, self.ctx);
        let r = p.field_expr().map_err(|e| {
            let mut e = p.settle(e);
            if e.kind != ErrorKind::Unsupported && !e.message.starts_with("f-string") {
                e.message = format!("f-string: {}", e.message);
            }
            e
        });
        self.saw_yield |= p.saw_yield;
        if self.late.is_none() {
            self.late = p.late;
        }
        r
    }

    fn field_expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        let e = self.rhs()?;
        if matches!(self.peek(), Tok::End) {
            return Ok(e);
        }
        if starts_atom(&self.cur().tok) && is_bitwise_or(&e) {
            return Err(syntax("invalid syntax. Perhaps you forgot a comma?", e.line, e.col));
        }
        Err(self.invalid())
    }
}

/// Where an f-string's scan is: its characters with their lines and columns.
struct FScan {
    chars: Vec<(char, u32, u32)>,
    i: usize,
    raw: bool,
    /// Where its errors are reported (CPython 3.11: the token after the string).
    at: (u32, u32),
}

impl FScan {
    fn ch(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).map(|p| p.0)
    }

    fn err(&self, m: &str) -> SyntaxError {
        syntax(m, self.at.0, self.at.1)
    }
}

fn positions(lit: &StrLit) -> Vec<(char, u32, u32)> {
    let (mut line, mut col) = (lit.body_line, lit.body_col);
    lit.body
        .chars()
        .map(|c| {
            let p = (c, line, col);
            if c == '\n' {
                (line, col) = (line + 1, 1);
            } else {
                col += 1;
            }
            p
        })
        .collect()
}

fn push_lit(out: &mut Vec<FPart>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(FPart::Lit(prev)) = out.last_mut() {
        *prev = Rc::from(format!("{prev}{text}"));
    } else {
        out.push(FPart::Lit(Rc::from(text)));
    }
}

/// Why a string's escapes could not be decoded.
enum DecodeError {
    Bad(String),
    Named,
}

impl DecodeError {
    fn into_error(self, line: u32, col: u32, at: &dyn Fn(&str) -> SyntaxError) -> SyntaxError {
        match self {
            DecodeError::Bad(m) => at(&m),
            DecodeError::Named => unsupported("named Unicode escapes (\\N{...})", line, col),
        }
    }
}

/// Decodes a string literal's escapes (a raw string keeps them).
fn decode(body: &str, raw: bool) -> Result<String, DecodeError> {
    if raw || !body.contains('\\') {
        return Ok(body.to_string());
    }
    let mut out = String::with_capacity(body.len());
    let mut it = body.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = it.next() else {
            out.push('\\');
            break;
        };
        let simple = match e {
            '\n' => Some(None),
            '\\' | '\'' | '"' => Some(Some(e)),
            'a' => Some(Some('\x07')),
            'b' => Some(Some('\x08')),
            'f' => Some(Some('\x0c')),
            'n' => Some(Some('\n')),
            'r' => Some(Some('\r')),
            't' => Some(Some('\t')),
            'v' => Some(Some('\x0b')),
            _ => None,
        };
        if let Some(c) = simple {
            out.extend(c);
            continue;
        }
        match e {
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match it.peek().and_then(|(_, d)| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            it.next();
                        }
                        None => break,
                    }
                }
                out.extend(char::from_u32(v));
            }
            'x' | 'u' | 'U' => {
                let (len, what) = match e {
                    'x' => (2, "truncated \\xXX escape"),
                    'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let mut v = 0u32;
                let mut end = start + 1;
                for _ in 0..len {
                    match it.peek().copied().filter(|(_, d)| d.is_ascii_hexdigit()) {
                        Some((i, d)) => {
                            v = v * 16 + d.to_digit(16).unwrap_or(0);
                            end = i;
                            it.next();
                        }
                        None => {
                            let m = format!(
                                "(unicode error) 'unicodeescape' codec can't decode bytes in position \
                                 {start}-{end}: {what}"
                            );
                            return Err(DecodeError::Bad(m));
                        }
                    }
                }
                match char::from_u32(v) {
                    Some(c) => out.push(c),
                    None => {
                        let m = format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in position {start}-{end}: \
                             illegal Unicode character"
                        );
                        return Err(DecodeError::Bad(m));
                    }
                }
            }
            'N' => return Err(DecodeError::Named),
            _ => {
                out.push('\\');
                out.push(e);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::{intern, name_text};

    /// Runs `f` on a thread with room to recurse: this crate's native test threads keep
    /// little stack beside the trace ring's thread-local storage.
    fn roomy(f: impl FnOnce() + Send + 'static) {
        std::thread::Builder::new().stack_size(32 << 20).spawn(f).unwrap().join().unwrap();
    }

    fn module(src: &str) -> Vec<Stmt> {
        match parse(src) {
            Ok(m) => m.body,
            Err(e) => panic!("{src:?}: {e:?}"),
        }
    }

    fn expr(src: &str) -> Expr {
        match module(src).pop().map(|s| s.kind) {
            Some(StmtKind::Expr(e)) => e,
            other => panic!("{src:?}: not an expression: {other:?}"),
        }
    }

    fn fail(src: &str) -> SyntaxError {
        match parse(src) {
            Ok(m) => panic!("{src:?} parsed: {m:?}"),
            Err(e) => e,
        }
    }

    /// A compact rendering of an expression, to compare shapes.
    fn show(e: &Expr) -> String {
        let list = |v: &[Expr]| v.iter().map(show).collect::<Vec<_>>().join(", ");
        match &e.kind {
            ExprKind::Const(Const::Int(v)) => v.to_string(),
            ExprKind::Const(Const::Float(v)) => format!("{v:?}"),
            ExprKind::Const(Const::Str(s)) => format!("{s:?}"),
            ExprKind::Const(Const::Bool(b)) => if *b { "True" } else { "False" }.to_string(),
            ExprKind::Const(c) => format!("{c:?}"),
            ExprKind::Name(n) => name_text(*n).to_string(),
            ExprKind::Attribute(v, n) => format!("{}.{}", show(v), name_text(*n)),
            ExprKind::Subscript(v, i) => format!("{}[{}]", show(v), show(i)),
            ExprKind::Slice(a, b, c) => {
                let o = |x: &Option<Box<Expr>>| x.as_ref().map(|x| show(x)).unwrap_or_default();
                format!("{}:{}:{}", o(a), o(b), o(c))
            }
            ExprKind::Call(f, args) => {
                let args: Vec<String> = args
                    .iter()
                    .map(|a| match a {
                        Arg::Pos(e) => show(e),
                        Arg::Star(e) => format!("*{}", show(e)),
                        Arg::Kw(n, e) => format!("{}={}", name_text(*n), show(e)),
                        Arg::DoubleStar(e) => format!("**{}", show(e)),
                    })
                    .collect();
                format!("{}({})", show(f), args.join(", "))
            }
            ExprKind::BinOp(a, op, b) => format!("({} {op:?} {})", show(a), show(b)),
            ExprKind::Unary(op, a) => format!("({op:?} {})", show(a)),
            ExprKind::BoolOp(and, v) => format!("({} {})", if *and { "and" } else { "or" }, list(v)),
            ExprKind::Compare(a, ops) => {
                let ops: Vec<String> = ops.iter().map(|(op, e)| format!("{op:?} {}", show(e))).collect();
                format!("({} {})", show(a), ops.join(" "))
            }
            ExprKind::IfExp(t, b, o) => format!("({} if {} else {})", show(b), show(t), show(o)),
            ExprKind::Lambda(f) => format!("lambda/{}", f.params.args.len()),
            ExprKind::List(v) => format!("[{}]", list(v)),
            ExprKind::Tuple(v) => format!("({},)", list(v)),
            ExprKind::Set(v) => format!("{{{}}}", list(v)),
            ExprKind::Dict(v) => {
                let items: Vec<String> = v
                    .iter()
                    .map(|(k, v)| match k {
                        Some(k) => format!("{}: {}", show(k), show(v)),
                        None => format!("**{}", show(v)),
                    })
                    .collect();
                format!("{{{}}}", items.join(", "))
            }
            ExprKind::ListComp(e, g) => format!("[{}{}]", show(e), comps(g)),
            ExprKind::SetComp(e, g) => format!("{{{}{}}}", show(e), comps(g)),
            ExprKind::DictComp(k, v, g) => format!("{{{}: {}{}}}", show(k), show(v), comps(g)),
            ExprKind::GeneratorExp(e, g) => format!("({}{})", show(e), comps(g)),
            ExprKind::Await(e) => format!("(await {})", show(e)),
            ExprKind::Starred(e) => format!("*{}", show(e)),
            ExprKind::NamedExpr(n, e) => format!("({} := {})", name_text(*n), show(e)),
            ExprKind::FString(parts) => format!("f[{}]", fparts(parts)),
        }
    }

    fn comps(g: &[Comprehension]) -> String {
        g.iter()
            .map(|c| {
                let ifs: String = c.ifs.iter().map(|e| format!(" if {}", show(e))).collect();
                let a = if c.is_async { " async" } else { "" };
                format!("{a} for {} in {}{ifs}", show(&c.target), show(&c.iter))
            })
            .collect()
    }

    fn fparts(parts: &[FPart]) -> String {
        let parts: Vec<String> = parts
            .iter()
            .map(|p| match p {
                FPart::Lit(s) => format!("{s:?}"),
                FPart::Field { expr, conv, spec, debug } => {
                    let conv = conv.map(|c| format!("!{c}")).unwrap_or_default();
                    let debug = debug.as_ref().map(|d| format!("{d:?}=")).unwrap_or_default();
                    let spec = if spec.is_empty() { String::new() } else { format!(":{}", fparts(spec)) };
                    format!("{{{debug}{}{conv}{spec}}}", show(expr))
                }
            })
            .collect();
        parts.join(" ")
    }

    fn shape(src: &str) -> String {
        show(&expr(src))
    }

    /// The shape of an expression inside an `async def`, where `await` is allowed.
    fn async_shape(src: &str) -> String {
        let body = module(&format!("async def f():\n    {src}"));
        let Some(StmtKind::FunctionDef(f)) = body.first().map(|s| &s.kind) else { panic!() };
        let Some(StmtKind::Expr(e)) = f.body.first().map(|s| &s.kind) else { panic!() };
        show(e)
    }

    const LESSON: &str = r#"import asyncio
import time

async def fetch_data(n, delay=1.0):
    print(f"Veri {n} alınıyor... {delay:.1f} sn")
    await asyncio.sleep(delay)
    return {"id": n, "value": n * 10}

async def main():
    start = time.time()
    tasks = [asyncio.create_task(fetch_data(i), name=f"fetch_{i}") for i in range(3)]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for r in results:
        if isinstance(r, Exception):
            print("hata:", r)
        elif r["value"] > 10:
            print(r)
    try:
        await asyncio.wait_for(fetch_data(9, 5), timeout=1)
    except asyncio.TimeoutError as e:
        print("zaman aşımı", repr(e))
    finally:
        print(f"{time.time() - start = :.2f}")
    async with asyncio.Lock() as lock:
        pass

asyncio.run(main())
"#;

    #[test]
    fn the_lesson_program_parses_into_the_expected_tree() {
        roomy(|| {
            let body = module(LESSON);
            assert_eq!(body.len(), 5);
            let StmtKind::FunctionDef(fetch) = &body[2].kind else { panic!("{:?}", body[2]) };
            assert!(fetch.is_async && !fetch.has_yield);
            assert_eq!((body[2].line, fetch.params.args.len()), (4, 2));
            assert_eq!(fetch.params.args[1].default.as_ref().map(show).as_deref(), Some("1.0"));
            let StmtKind::Expr(print) = &fetch.body[0].kind else { panic!() };
            assert_eq!(show(print), r#"print(f["Veri " {n} " alınıyor... " {delay:".1f"} " sn"])"#);
            let StmtKind::FunctionDef(main) = &body[3].kind else { panic!() };
            let StmtKind::Assign { value, .. } = &main.body[1].kind else { panic!() };
            let want = r#"[asyncio.create_task(fetch_data(i), name=f["fetch_" {i}]) for i in range(3)]"#;
            assert_eq!(show(value), want);
            let StmtKind::Assign { value, .. } = &main.body[2].kind else { panic!() };
            assert_eq!(show(value), "(await asyncio.gather(*tasks, return_exceptions=True))");
            let StmtKind::For { body: for_body, .. } = &main.body[3].kind else { panic!() };
            let StmtKind::If { orelse, .. } = &for_body[0].kind else { panic!() };
            assert!(matches!(&orelse[0].kind, StmtKind::If { .. }));
            assert_eq!(orelse[0].line, 16);
            let StmtKind::Try { handlers, finalbody, .. } = &main.body[4].kind else { panic!() };
            assert_eq!(handlers[0].typ.as_ref().map(show).as_deref(), Some("asyncio.TimeoutError"));
            assert_eq!(handlers[0].name, Some(intern("e")));
            let StmtKind::Expr(print) = &finalbody[0].kind else { panic!() };
            assert_eq!(show(print), r#"print(f[{"time.time() - start = "=(time.time() Sub start):".2f"}])"#);
            let StmtKind::With { items, is_async: true, .. } = &main.body[5].kind else { panic!() };
            assert_eq!(items[0].target.as_ref().map(show).as_deref(), Some("lock"));
        });
    }

    #[test]
    fn operators_bind_with_pythons_precedence() {
        roomy(|| {
            assert_eq!(shape("-2**2"), "(Neg (2 Pow 2))");
            assert_eq!(shape("2**-1"), "(2 Pow (Neg 1))");
            assert_eq!(shape("a**b**c"), "(a Pow (b Pow c))");
            assert_eq!(shape("a + b * c - d"), "((a Add (b Mul c)) Sub d)");
            assert_eq!(shape("a | b ^ c & d << 1 + 2"), "(a BitOr (b BitXor (c BitAnd (d LShift (1 Add 2)))))");
            assert_eq!(shape("a // b % c @ d"), "(((a FloorDiv b) Mod c) MatMul d)");
            assert_eq!(shape("not a == b and c or d"), "(or (and (Not (a Eq b)), c), d)");
            assert_eq!(shape("a < b <= c is not d not in e"), "(a Lt b LtE c IsNot d NotIn e)");
            assert_eq!(shape("x if a or b else y"), "(x if (or a, b) else y)");
            assert_eq!(shape("lambda x, y=1: x"), "lambda/2");
            assert_eq!(shape("~a.b[1](2)"), "(Invert a.b[1](2))");
            assert_eq!(async_shape("await x.y()"), "(await x.y())");
            assert_eq!(async_shape("-await x"), "(Neg (await x))");
        });
    }

    #[test]
    fn atoms_and_displays_take_their_shapes() {
        roomy(|| {
            assert_eq!(
                shape("1_000, 0xff, 0o17, 0b101, 1.5, 1e-3, .5, 5."),
                "(1000, 255, 15, 5, 1.5, 0.001, 0.5, 5.0,)"
            );
            assert_eq!(shape("None, True, False, ..."), "(None, True, False, Ellipsis,)");
            assert_eq!(shape("(), (a,), (a, b), (a)"), "((,), (a,), (a, b,), a,)");
            assert_eq!(shape("[], [1, *a], {}, {1, *a}"), "([], [1, *a], {}, {1, *a},)");
            assert_eq!(shape("{'a': 1, **d}"), r#"{"a": 1, **d}"#);
            assert_eq!(shape("a[1:2], a[::2], a[1, 2], a[:]"), "(a[1:2:], a[::2], a[(1, 2,)], a[::],)");
            assert_eq!(shape("[x for x in y if x if x > 1 for z in x]"), "[x for x in y if x if (x Gt 1) for z in x]");
            assert_eq!(shape("{k: v for k, v in d}"), "{k: v for (k, v,) in d}");
            assert_eq!(async_shape("{x async for x in y}"), "{x async for x in y}");
            assert_eq!(shape("sum(x for x in y)"), "sum((x for x in y))");
            assert_eq!(shape("f(a, *b, k=1, **c)"), "f(a, *b, k=1, **c)");
            assert_eq!(shape("(n := 10) > 5"), "((n := 10) Gt 5)");
            assert_eq!(shape("'a' 'b' \"c\""), r#""abc""#);
        });
    }

    #[test]
    fn string_escapes_are_decoded_and_raw_strings_kept() {
        roomy(|| {
            assert_eq!(shape("'\\n\\t\\\\\\'\\\"\\x41\\u00e7\\101\\\nz'"), r#""\n\t\\'\"AçAz""#);
            assert_eq!(shape(r"r'\n\x'"), r#""\\n\\x""#);
            assert_eq!(shape("'''a\nb''' \"\"\"c\"\"\""), r#""a\nbc""#);
            assert_eq!(shape(r"'\q'"), r#""\\q""#);
        });
    }

    #[test]
    fn f_strings_split_into_literals_and_fields() {
        roomy(|| {
            assert_eq!(shape(r#"f"{x!r}""#), "f[{x!r}]");
            assert_eq!(shape(r#"f"{x:>8}|{x:.2f}""#), r#"f[{x:">8"} "|" {x:".2f"}]"#);
            assert_eq!(shape(r#"f"{x:{width}.{p}}""#), r#"f[{x:{width} "." {p}}]"#);
            assert_eq!(shape(r#"f"{{a}} {{""#), r#"f["{a} {"]"#);
            assert_eq!(shape(r#"f"{x=}""#), r#"f[{"x="=x!r}]"#);
            assert_eq!(shape(r#"f"{x = }""#), r#"f[{"x = "=x!r}]"#);
            assert_eq!(shape(r#"f"{x=:>3}""#), r#"f[{"x="=x:">3"}]"#);
            assert_eq!(shape(r#"f"{x=!s}""#), r#"f[{"x="=x!s}]"#);
            assert_eq!(shape(r#"f"{a['k']!s:^{n}}""#), r#"f[{a["k"]!s:"^" {n}}]"#);
            assert_eq!(shape(r#"f"{a == b} {a != b} {d[1:2]}""#), r#"f[{(a Eq b)} " " {(a NotEq b)} " " {d[1:2:]}]"#);
            assert_eq!(shape(r#"'a' f'b{1}' 'c'"#), r#"f["ab" {1} "c"]"#);
            assert_eq!(shape(r#"f'\t{x}\n'"#), r#"f["\t" {x} "\n"]"#);
            assert_eq!(shape(r#"f"{x, y}""#), "f[{(x, y,)}]");
        });
    }

    #[test]
    fn f_string_fields_point_into_the_source() {
        roomy(|| {
            let e = expr("x = 1\nf'ab {y + z}'");
            let ExprKind::FString(parts) = e.kind else { panic!() };
            let FPart::Field { expr, .. } = &parts[1] else { panic!() };
            assert_eq!((expr.line, expr.col), (2, 7));
            let e = fail("f'ab {y +}'");
            assert_eq!((e.message.as_str(), e.line, e.col), ("f-string: invalid syntax", 1, 10));
        });
    }

    const STATEMENTS: &str = "a = b = 1
x, *y = 1, 2
[p, q] = r
x.a[0] += 2
x: int = 1
y: str
del a, b[0], c.x
assert x, 'm'
global g
raise
raise E from e
import a, a.b as c
from m import (x, y as z,)
from m import *
if a: pass
elif b: pass
else: pass
while a: break
else: pass
for i, j in k: continue
with a as b, c: pass
x = 1; y = 2;
";

    #[test]
    fn statements_take_their_shapes() {
        roomy(|| {
            let body = module(STATEMENTS);
            let kinds: Vec<String> = body
                .iter()
                .map(|s| format!("{:?}", s.kind).split(['(', ' ']).next().unwrap_or("").to_string())
                .collect();
            let want = [
                "Assign",
                "Assign",
                "Assign",
                "AugAssign",
                "AnnAssign",
                "AnnAssign",
                "Del",
                "Assert",
                "Global",
                "Raise",
                "Raise",
                "Import",
                "ImportFrom",
                "ImportFrom",
                "If",
                "While",
                "For",
                "With",
                "Assign",
                "Assign",
            ];
            assert_eq!(kinds, want);
            let StmtKind::Assign { targets, value } = &body[0].kind else { panic!() };
            assert_eq!((targets.len(), show(value)), (2, "1".to_string()));
            let StmtKind::Assign { targets, .. } = &body[1].kind else { panic!() };
            assert_eq!(show(&targets[0]), "(x, *y,)");
            let StmtKind::AugAssign { op: BinOp::Add, target, .. } = &body[3].kind else { panic!() };
            assert_eq!(show(target), "x.a[0]");
            let StmtKind::AnnAssign { value: None, .. } = &body[5].kind else { panic!() };
            let StmtKind::Raise { exc: Some(_), cause: Some(_) } = &body[10].kind else { panic!() };
            let StmtKind::Import(names) = &body[11].kind else { panic!() };
            assert_eq!((names[1].name.as_str(), names[1].asname, names[1].col), ("a.b", Some(intern("c")), 11));
            let StmtKind::ImportFrom { module, names } = &body[12].kind else { panic!() };
            assert_eq!((module.as_str(), names.len(), names[1].asname), ("m", 2, Some(intern("z"))));
            let StmtKind::ImportFrom { names, .. } = &body[13].kind else { panic!() };
            assert_eq!(names[0].name, "*");
            let StmtKind::If { orelse, .. } = &body[14].kind else { panic!() };
            let StmtKind::If { orelse, .. } = &orelse[0].kind else { panic!() };
            assert!(matches!(orelse[0].kind, StmtKind::Pass));
            let StmtKind::For { target, .. } = &body[16].kind else { panic!() };
            assert_eq!(show(target), "(i, j,)");
            assert_eq!((body[18].line, body[19].line), (22, 22));
        });
    }

    const DEFS: &str = "@dec
@mod.dec(1)
def f(a, b: int = 1, *args, c, d=2, **kw) -> int:
    return a, b
def g(*, k): pass
class A(B, C):
    x = 1
class D: pass
try:
    pass
except (A, B) as e:
    pass
except C:
    pass
except:
    pass
else:
    pass
finally:
    pass
def gen():
    yield 1
    yield
    def inner(): return 1
f = lambda: (yield)
";

    #[test]
    fn functions_classes_and_handlers_keep_their_parts() {
        roomy(|| {
            let body = module(DEFS);
            let StmtKind::FunctionDef(f) = &body[0].kind else { panic!() };
            assert_eq!((f.decorators.len(), f.line, body[0].line), (2, 3, 1));
            let p = &f.params;
            assert_eq!(
                (p.args.len(), p.vararg, p.kwonly.len(), p.kwarg),
                (2, Some(intern("args")), 2, Some(intern("kw")))
            );
            assert!(p.kwonly[1].default.is_some() && p.kwonly[0].default.is_none());
            let StmtKind::Return(Some(r)) = &f.body[0].kind else { panic!() };
            assert_eq!(show(r), "(a, b,)");
            let StmtKind::FunctionDef(g) = &body[1].kind else { panic!() };
            assert_eq!((g.params.vararg, g.params.kwonly.len()), (None, 1));
            let StmtKind::ClassDef { bases, body: cbody, .. } = &body[2].kind else { panic!() };
            assert_eq!((bases.len(), cbody.len()), (2, 1));
            let StmtKind::Try { handlers, orelse, finalbody, .. } = &body[4].kind else { panic!() };
            assert_eq!(handlers.len(), 3);
            assert_eq!(handlers[0].typ.as_ref().map(show).as_deref(), Some("(A, B,)"));
            assert!(handlers[2].typ.is_none() && !orelse.is_empty() && !finalbody.is_empty());
            let StmtKind::FunctionDef(gen) = &body[5].kind else { panic!() };
            assert!(gen.has_yield);
            let StmtKind::FunctionDef(inner) = &gen.body[2].kind else { panic!() };
            assert!(!inner.has_yield);
            let StmtKind::Assign { value, .. } = &body[6].kind else { panic!() };
            let ExprKind::Lambda(l) = &value.kind else { panic!() };
            assert!(l.has_yield);
        });
    }

    #[test]
    fn layout_details_are_accepted() {
        roomy(|| {
            let src = "\u{feff}x = [\n  1,  # one\n  2,\n]\r\nif x:\r\n\tif x:\r\n\t\ty = 1 + \\\n  2\n\n# end\n  \ny = {\n'a': 1,\n}\nz = 'a\\\nb'";
            let body = module(src);
            assert_eq!(body.len(), 4);
            let StmtKind::Assign { value, .. } = &body[3].kind else { panic!() };
            assert_eq!(show(value), r#""ab""#);
            assert_eq!(module("görev = 1\nişlem = görev").len(), 2);
            let e = expr("x = 1\n  # indented comment\nşey");
            assert_eq!((e.line, e.col), (3, 1));
            assert!(module("").is_empty());
            assert!(module("\n\n# only a comment").is_empty());
        });
    }

    #[test]
    fn outside_the_subset_is_refused_by_name() {
        roomy(|| {
            let cases = [
                ("match x:\n    case 1: pass", "the match statement"),
                ("match (x):\n    case 1: pass", "the match statement"),
                ("x = 99999999999999999999", "integers this large"),
                ("x = b'abc'", "bytes literals"),
                ("x = 1j", "complex numbers"),
                ("x = '\\N{DASH}'", "named Unicode escapes (\\N{...})"),
                ("from . import x", "relative imports"),
                ("def f(a, /): pass", "positional-only parameters (/)"),
                ("class A(metaclass=M): pass", "keyword or star arguments in a class definition"),
                ("try:\n  pass\nexcept* E:\n  pass", "exception groups (except*)"),
                ("type X = int", "the type statement"),
            ];
            for (src, what) in cases {
                let e = fail(src);
                assert_eq!(e.kind, ErrorKind::Unsupported, "{src:?}");
                assert_eq!(e.message, format!("Loopscope's Python does not support {what} yet"));
                assert_eq!(e.type_name(), "SyntaxError");
            }
            // Soft keywords stay usable as names.
            assert_eq!(module("match = 1\nmatch(x)\ntype = 2\nmatch.a = 3").len(), 4);
        });
    }

    /// Source, then CPython 3.11's exception, message, line and offset, recorded by running
    /// `compile(source, "main.py", "exec")` in python3.11.
    const CPYTHON: &[(&str, &str, &str, u32, u32)] = &[
        ("if x\n    pass", "SyntaxError", "expected ':'", 1, 5),
        ("def f()\n    pass", "SyntaxError", "expected ':'", 1, 8),
        ("while x\n  pass", "SyntaxError", "expected ':'", 1, 8),
        ("for x in y\n  pass", "SyntaxError", "expected ':'", 1, 11),
        ("class A\n  pass", "SyntaxError", "expected ':'", 1, 8),
        ("if x   # why\n    pass", "SyntaxError", "expected ':'", 1, 8),
        ("x = (1,\n2", "SyntaxError", "'(' was never closed", 1, 5),
        ("x = [1, 2)", "SyntaxError", "closing parenthesis ')' does not match opening parenthesis '['", 1, 10),
        (
            "x = (1,\n 2]",
            "SyntaxError",
            "closing parenthesis ']' does not match opening parenthesis '(' on line 1",
            2,
            3,
        ),
        ("x = 1)", "SyntaxError", "unmatched ')'", 1, 6),
        ("if x:\npass", "IndentationError", "expected an indented block after 'if' statement on line 1", 2, 1),
        ("def f():\npass", "IndentationError", "expected an indented block after function definition on line 1", 2, 1),
        ("for a in b:\npass", "IndentationError", "expected an indented block after 'for' statement on line 1", 2, 1),
        ("while a:\npass", "IndentationError", "expected an indented block after 'while' statement on line 1", 2, 1),
        ("try:\npass", "IndentationError", "expected an indented block after 'try' statement on line 1", 2, 1),
        ("class A:\npass", "IndentationError", "expected an indented block after class definition on line 1", 2, 1),
        ("with a:\npass", "IndentationError", "expected an indented block after 'with' statement on line 1", 2, 1),
        (
            "if a:\n  pass\nelse:\npass",
            "IndentationError",
            "expected an indented block after 'else' statement on line 3",
            4,
            1,
        ),
        (
            "if a:\n  pass\nelif b:\npass",
            "IndentationError",
            "expected an indented block after 'elif' statement on line 3",
            4,
            1,
        ),
        (
            "try:\n  pass\nexcept:\npass",
            "IndentationError",
            "expected an indented block after 'except' statement on line 3",
            4,
            1,
        ),
        (
            "try:\n  pass\nexcept E as e:\npass",
            "IndentationError",
            "expected an indented block after 'except' statement on line 3",
            4,
            1,
        ),
        (
            "try:\n  pass\nfinally:\npass",
            "IndentationError",
            "expected an indented block after 'finally' statement on line 3",
            4,
            1,
        ),
        (
            "async def f():\n  async for x in y:\n  pass",
            "IndentationError",
            "expected an indented block after 'for' statement on line 2",
            3,
            3,
        ),
        (
            "async def f():\n  async with a:\n  pass",
            "IndentationError",
            "expected an indented block after 'with' statement on line 2",
            3,
            3,
        ),
        ("if x:", "IndentationError", "expected an indented block after 'if' statement on line 1", 1, 6),
        ("x = 1\n    y = 2", "IndentationError", "unexpected indent", 2, 4),
        (
            "if True:\n    print('a')\n   print('b')",
            "IndentationError",
            "unindent does not match any outer indentation level",
            3,
            14,
        ),
        ("x = 'abc", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5),
        ("x = \"abc\ny = 1", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5),
        ("x = \"\"\"abc\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 1)", 1, 5),
        ("x = '''a\nb\nc", "SyntaxError", "unterminated triple-quoted string literal (detected at line 3)", 1, 5),
        ("print(\"a\" \"b\" x)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 7),
        ("foo(\n  a,\n  b c)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 3, 3),
        ("x = [1 2]", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 6),
        ("f() = 1", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1),
        ("1 = x", "SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1),
        ("a + b = c", "SyntaxError", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 1),
        ("x = f() = 1", "SyntaxError", "cannot assign to function call", 1, 5),
        ("(a, 1) = x", "SyntaxError", "cannot assign to literal", 1, 5),
        ("True = 1", "SyntaxError", "cannot assign to True", 1, 1),
        ("x == 1 = 2", "SyntaxError", "cannot assign to comparison", 1, 1),
        ("for 1 in x: pass", "SyntaxError", "cannot assign to literal", 1, 5),
        ("with a as 1: pass", "SyntaxError", "cannot assign to literal", 1, 11),
        ("del f()", "SyntaxError", "cannot delete function call", 1, 5),
        ("f() += 1", "SyntaxError", "'function call' is an illegal expression for augmented assignment", 1, 1),
        ("(a, b) += 1", "SyntaxError", "'tuple' is an illegal expression for augmented assignment", 1, 1),
        ("if x = 1:\n   pass", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 4),
        ("(x = 1)", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 2),
        ("x = 1 if y else 2 = 3", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 1),
        ("return 1", "SyntaxError", "'return' outside function", 1, 1),
        ("await x", "SyntaxError", "'await' outside function", 1, 1),
        ("def f():\n  await x", "SyntaxError", "'await' outside async function", 2, 3),
        ("def f():\n  return await x\nasync def g():\n  pass", "SyntaxError", "'await' outside async function", 2, 10),
        ("yield x", "SyntaxError", "'yield' outside function", 1, 1),
        ("break", "SyntaxError", "'break' outside loop", 1, 1),
        ("continue", "SyntaxError", "'continue' not properly in loop", 1, 1),
        ("for x in range(3):\n    pass\nelse:\n    break", "SyntaxError", "'break' outside loop", 4, 5),
        (
            "def f():\n    for x in y:\n        def g():\n            continue",
            "SyntaxError",
            "'continue' not properly in loop",
            4,
            13,
        ),
        ("x = ‘a’", "SyntaxError", "invalid character '‘' (U+2018)", 1, 5),
        ("x = 5 ‘", "SyntaxError", "invalid character '‘' (U+2018)", 1, 7),
        ("x = $", "SyntaxError", "invalid syntax", 1, 5),
        ("x = ", "SyntaxError", "invalid syntax", 1, 5),
        ("x = 1 +", "SyntaxError", "invalid syntax", 1, 8),
        ("a = not", "SyntaxError", "invalid syntax", 1, 8),
        ("def (): pass", "SyntaxError", "invalid syntax", 1, 5),
        ("def f:\n  pass", "SyntaxError", "expected '('", 1, 6),
        ("def f(", "SyntaxError", "'(' was never closed", 1, 6),
        ("x = (", "SyntaxError", "'(' was never closed", 1, 5),
        ("print('hi'\nx = 1", "SyntaxError", "'(' was never closed", 1, 6),
        ("x = [1, 2, 3\nfor y in x:\n    print(y)", "SyntaxError", "'[' was never closed", 1, 5),
        ("class A(:\n  pass", "SyntaxError", "invalid syntax", 1, 9),
        ("x = 1 + \\", "SyntaxError", "unexpected EOF while parsing", 1, 10),
        ("x = 1 + \\ 2", "SyntaxError", "unexpected character after line continuation character", 1, 10),
        ("print \"hi\"", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1),
        ("f(a b)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 3),
        ("a = 1 if x", "SyntaxError", "expected 'else' after 'if' expression", 1, 5),
        ("f(x=1, 2)", "SyntaxError", "positional argument follows keyword argument", 1, 9),
        ("f(**k, *a)", "SyntaxError", "iterable argument unpacking follows keyword argument unpacking", 1, 8),
        ("f(a for a in b, c)", "SyntaxError", "Generator expression must be parenthesized", 1, 3),
        ("f(a.b=1)", "SyntaxError", "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 3),
        ("def f(a=1, b): pass", "SyntaxError", "non-default argument follows default argument", 1, 12),
        ("def f(*): pass", "SyntaxError", "named arguments must follow bare *", 1, 7),
        ("def f(**k, a): pass", "SyntaxError", "arguments cannot follow var-keyword argument", 1, 12),
        ("def f(a, a): pass", "SyntaxError", "duplicate argument 'a' in function definition", 1, 10),
        ("a, *b, *c = d", "SyntaxError", "multiple starred expressions in assignment", 1, 1),
        ("*a = b", "SyntaxError", "starred assignment target must be in a list or tuple", 1, 1),
        ("nonlocal x", "SyntaxError", "nonlocal declaration not allowed at module level", 1, 1),
        ("def f():\n    from a import *", "SyntaxError", "import * only allowed at module level", 2, 19),
        ("def g():\n  async for x in y: pass", "SyntaxError", "'async for' outside async function", 2, 3),
        ("def g():\n  async with y: pass", "SyntaxError", "'async with' outside async function", 2, 3),
        ("try:\n  pass", "SyntaxError", "expected 'except' or 'finally' block", 2, 7),
        ("try:\n  pass\nx = 1", "SyntaxError", "expected 'except' or 'finally' block", 3, 1),
        ("try:\n  pass\nexcept A, B:\n  pass", "SyntaxError", "multiple exception types must be parenthesized", 3, 8),
        ("if x:\n  pass\n  else:\n    pass", "SyntaxError", "invalid syntax", 3, 3),
        (
            "x = 0123",
            "SyntaxError",
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
            1,
            5,
        ),
        ("x = 1_", "SyntaxError", "invalid decimal literal", 1, 6),
        ("x = 1abc", "SyntaxError", "invalid decimal literal", 1, 5),
        ("x = 0x", "SyntaxError", "invalid hexadecimal literal", 1, 6),
        (
            "x = \"\\x4\"",
            "SyntaxError",
            "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape",
            1,
            10,
        ),
        ("f\"{}\"", "SyntaxError", "f-string: empty expression not allowed", 1, 6),
        ("f\"{x\"", "SyntaxError", "f-string: expecting '}'", 1, 6),
        ("f\"}\"", "SyntaxError", "f-string: single '}' is not allowed", 1, 5),
        ("f\"{x!z}\"", "SyntaxError", "f-string: invalid conversion character: expected 's', 'r', or 'a'", 1, 9),
        ("f\"{x#}\"", "SyntaxError", "f-string expression part cannot include '#'", 1, 8),
        ("f\"{x:{y:{z}}}\"", "SyntaxError", "f-string: expressions nested too deeply", 1, 15),
        ("f(x)(y): int = 1", "SyntaxError", "illegal target for annotation", 1, 1),
        ("x: int, y: int = 1, 2", "SyntaxError", "invalid syntax", 1, 7),
        ("a = 1; ; b = 2", "SyntaxError", "invalid syntax", 1, 8),
        (
            "def f():\n    return\n  x = 1",
            "IndentationError",
            "unindent does not match any outer indentation level",
            3,
            8,
        ),
        ("x = {'a': 1, 'b' 2}", "SyntaxError", "':' expected after dictionary key", 1, 16),
        ("x = {'a': 1, 'b': }", "SyntaxError", "expression expected after dictionary key and ':'", 1, 17),
        (
            "async def main():\n    await asyncio.sleep(1\n    print(\"x\")",
            "SyntaxError",
            "'(' was never closed",
            2,
            24,
        ),
        ("print(f\"{x}}\")", "SyntaxError", "f-string: single '}' is not allowed", 1, 14),
        ("print('it's')", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 12),
        ("f(**a, b)", "SyntaxError", "positional argument follows keyword argument unpacking", 1, 9),
        ("async with x:\n    pass", "SyntaxError", "'async with' outside async function", 1, 1),
        ("x = [i for i in]\n", "SyntaxError", "invalid syntax", 1, 16),
    ];

    #[test]
    fn errors_match_cpython_messages_and_places() {
        roomy(|| {
            for &(src, typ, msg, line, col) in CPYTHON {
                let e = fail(src);
                assert_eq!((e.type_name(), e.message.as_str(), e.line, e.col), (typ, msg, line, col), "{src:?}");
            }
        });
    }

    #[test]
    fn an_unclosed_paren_names_the_line_it_opened_on() {
        roomy(|| {
            let e = fail("x = 1\nprint(foo(1,\n   2)\ny = 3\n");
            assert_eq!((e.message.as_str(), e.line, e.col), ("'(' was never closed", 2, 6));
        });
    }

    #[test]
    fn compile_time_errors_wait_for_a_clean_parse() {
        roomy(|| {
            let e = fail("return 1\nx = (");
            assert_eq!(e.message, "'(' was never closed");
            let e = fail("async def f():\n    await g()\n    return [await x for x in y]\ndef h():\n    await z\n");
            assert_eq!((e.message.as_str(), e.line, e.col), ("'await' outside async function", 5, 5));
        });
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        // The deepest inputs need under 512 KB optimised (the browser's stack is 1 MB) and
        // under 2 MB unoptimised; the thread also holds the trace ring's thread-local storage.
        std::thread::Builder::new()
            .stack_size(STACK_FOR_DEPTH_TEST)
            .spawn(|| {
                let ok = format!("x = {}1{}", "(".repeat(90), ")".repeat(90));
                assert!(parse(&ok).is_ok());
                let cases = [
                    format!("x = {}1{}", "(".repeat(150), ")".repeat(150)),
                    format!("x = {}1", "-".repeat(100_000)),
                    format!("x = {}1", "not ".repeat(10_000)),
                    format!("x = {}1", "await ".repeat(10_000)),
                    format!("x = {}1", "lambda: ".repeat(10_000)),
                    format!("x = {}", "f'{".repeat(1000)),
                    (0..150).map(|i| format!("{}if x:\n", " ".repeat(i))).collect::<String>(),
                    format!("x = {}", "[-".repeat(150)),
                ];
                for src in cases {
                    let e = parse(&src).unwrap_err();
                    assert_eq!(e.kind, ErrorKind::Syntax, "{}", src.chars().take(40).collect::<String>());
                }
                let e = parse(&format!("x = {}", "(".repeat(300))).unwrap_err();
                assert_eq!(e.message, "too many nested parentheses");
            })
            .unwrap()
            .join()
            .unwrap();
    }

    const STACK_FOR_DEPTH_TEST: usize = 6 << 20;

    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    const SEEDS: [&str; 5] = [
        "async def main():\n    x = [i async for i in f(a, *b, k=1)]\n    await asyncio.sleep(0.1)\n    return x\n",
        "class A(B):\n    def m(self, a=1, *r, k, **kw):\n        try:\n            del self.x[1:2]\n        except (E, F) as e:\n            raise G from e\n",
        "x = f'{a!r:>{w}} {b=} {{c}}' 'd' + r'\\n' + \"\"\"t\n\"\"\"\nwith open(p) as f, g: pass\n",
        "for i, (a, *b) in enumerate(xs):\n    if not a or b and c is not None: continue\n    elif a in b: break\nelse:\n    pass\n",
        "y = lambda a, b=2: (a if b else -a ** ~b) // 3 @ m | n ^ o & p << 2\nz = {k: v for k, v in d.items() if k}\n",
    ];

    const PIECES: [&str; 28] = [
        "(", ")", "[", "]", "{", "}", ":", "\n", "    ", "'", "\"", "f'{", "}", "\\", "=", ",", "*", "async ",
        "await ", "lambda ", "yield ", "if ", "else ", "#", "\t", ";", ".", "ş",
    ];

    #[test]
    fn random_bytes_and_mutated_programs_never_panic() {
        roomy(|| {
            let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
            let alphabet = b"abcxyz019_ .,:;()[]{}'\"\\#@=+-*/%<>!&|^~\n\t\r fFrRbB";
            for _ in 0..3000 {
                let len = rng.below(60);
                let bytes: Vec<u8> = (0..len)
                    .map(|_| if rng.below(4) == 0 { rng.next() as u8 } else { alphabet[rng.below(alphabet.len())] })
                    .collect();
                let _ = parse(&String::from_utf8_lossy(&bytes));
            }
            for round in 0..3000 {
                let mut s: Vec<char> = SEEDS[round % SEEDS.len()].chars().collect();
                for _ in 0..1 + rng.below(4) {
                    let at = rng.below(s.len() + 1);
                    match rng.below(3) {
                        0 => {
                            let end = (at + rng.below(6)).min(s.len());
                            s.drain(at..end);
                        }
                        1 => s.splice(at..at, PIECES[rng.below(PIECES.len())].chars()).for_each(drop),
                        _ => {
                            let from = rng.below(s.len());
                            let chunk: Vec<char> = s.iter().skip(from).take(rng.below(12)).copied().collect();
                            s.splice(at..at, chunk).for_each(drop);
                        }
                    }
                }
                let src: String = s.into_iter().collect();
                if let Err(e) = parse(&src) {
                    assert!(e.line >= 1 && e.col >= 1, "{src:?}: {e:?}");
                }
            }
        });
    }
}
