//! Compound statements and blocks: `if`, `while`, `for`, `try`, `with`, `def` with its parameters, `class` and
//! decorators, with the indentation errors CPython gives for their bodies.

use std::rc::Rc;

use crate::ast::{self, Arg, Expr, ExprKind, FuncDef, Handler, Param, Params, Stmt, StmtKind, WithItem};
use crate::lexer::Tok;

use super::{error, syntax, unsupported, Ctx, ErrorKind, PResult, Parser, SyntaxError};

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
            StmtKind::Match { cases, .. } => {
                for c in cases {
                    declared_parameter(params, &c.body)?;
                }
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

impl Parser {
    pub(super) fn file(&mut self) -> PResult<ast::Block> {
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
            Tok::Name(n) if n == "match" && self.starts_match() => self.match_stmt(line)?,
            Tok::Name(n) if n == "match" && matches!(self.at(1).tok, Tok::Name(_) | Tok::Op("(" | "[" | "{")) => {
                return self.malformed_match(out, line);
            }
            Tok::Name(n) if n == "type" => {
                let soft_keyword = matches!(self.at(1).tok, Tok::Name(_) | Tok::Op("(" | "[" | "{"));
                return match self.simple_stmts(out) {
                    Err(e) if soft_keyword && e.kind == ErrorKind::Syntax => {
                        Err(unsupported("the type statement", line, col))
                    }
                    r => r,
                };
            }
            _ => return self.simple_stmts(out),
        };
        out.push(Stmt { line, kind });
        Ok(())
    }

    /// Whether the `match` here starts a match statement (a soft keyword: `match` is a name
    /// elsewhere): its line ends with `:` and the next one, indented, starts with `case`.
    fn starts_match(&self) -> bool {
        let mut depth = 0i32;
        for i in 1.. {
            match &self.at(i).tok {
                Tok::Op("(" | "[" | "{") => depth += 1,
                Tok::Op(")" | "]" | "}") => depth -= 1,
                Tok::Newline if depth <= 0 => {
                    let colon = matches!(self.at(i - 1).tok, Tok::Op(":"));
                    let case = matches!(&self.at(i + 2).tok, Tok::Name(n) if n == "case");
                    return colon && matches!(self.at(i + 1).tok, Tok::Indent) && case;
                }
                Tok::End | Tok::Error => return false,
                _ => {}
            }
        }
        false
    }

    /// A line that starts as a match statement would but is not one (`starts_match`): a
    /// statement that uses the name (`match(x)`), or CPython's error for a match statement
    /// written wrong: its colon missing, its block not indented, a clause that is no `case`.
    fn malformed_match(&mut self, out: &mut Vec<Stmt>, line: u32) -> PResult<()> {
        let (pos, seen) = (self.pos, self.seen.get());
        let as_statement = self.simple_stmts(out);
        let Err(e) = as_statement else { return Ok(()) };
        if e.kind != ErrorKind::Syntax {
            return Err(e);
        }
        self.pos = pos;
        self.seen.set(seen);
        self.advance();
        let Ok(subject) = self.star_expressions() else { return Err(e) };
        if matches!(self.peek(), Tok::Newline) {
            return Err(syntax("expected ':'", subject.end_line, subject.end_col));
        }
        if !matches!(self.peek(), Tok::Op(":")) {
            return Err(e);
        }
        self.pos = pos;
        self.seen.set(seen);
        self.match_stmt(line).and(Err(e))
    }

    /// `match subject:` and its `case` clauses (see [`ast::MatchCase`]).
    fn match_stmt(&mut self, line: u32) -> PResult<StmtKind> {
        self.advance();
        let subject = self.star_expressions()?;
        self.expect_colon()?;
        // Its block: indented, and starting with `case`.
        if !matches!(self.peek(), Tok::Newline) || !matches!(self.at(1).tok, Tok::Indent) {
            self.block("'match' statement", line)?;
            return Err(self.invalid());
        }
        self.advance();
        self.advance();
        if !matches!(self.peek(), Tok::Name(n) if n == "case") {
            return Err(self.invalid());
        }
        self.enter()?;
        let mut cases: Vec<ast::MatchCase> = Vec::new();
        while matches!(self.peek(), Tok::Name(n) if n == "case") {
            let (case_line, _) = self.here();
            self.advance();
            self.in_pattern = true;
            let pattern = self.pattern();
            self.in_pattern = false;
            let pattern = pattern?;
            check_pattern(&pattern)?;
            captures(&pattern, true, &mut Vec::new())?;
            // A pattern that matches anything, with no guard, must come last (as CPython checks).
            if let Some(last) = cases.last().filter(|c| c.guard.is_none()) {
                if let ExprKind::Name(n) = &last.pattern.kind {
                    let what = match ast::name_text(*n) {
                        t if &*t == "_" => "wildcard".to_string(),
                        t => format!("name capture '{t}'"),
                    };
                    let p = &last.pattern;
                    let m = format!("{what} makes remaining patterns unreachable");
                    return Err(SyntaxError { end_col: p.end_col, ..syntax(m, p.line, p.col) });
                }
            }
            let name = if self.eat_kw("as") { Some(self.name()?) } else { None };
            let guard = if self.eat_kw("if") { Some(self.named_expr()?) } else { None };
            self.header_colon()?;
            let body = self.block("'case' statement", case_line)?;
            cases.push(ast::MatchCase { line: case_line, pattern, name, guard, body });
        }
        if cases.is_empty() || !matches!(self.peek(), Tok::Dedent) {
            return Err(self.invalid());
        }
        self.advance();
        self.depth -= 1;
        Ok(StmtKind::Match { subject, cases })
    }

    /// A `case`'s pattern, read as the expression it looks like, up to its `as`, `if` or `:`
    /// (no conditional expression: `if` starts the guard); `a, *rest` is a tuple.
    fn pattern(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
        let mut first = self.pattern_item()?;
        // `case (1 | 2) as n, *rest:`: the first item's own capture.
        if self.is_kw("as") && matches!(self.at(2).tok, Tok::Op(",")) {
            first = self.item_capture(first)?;
        }
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.is_op(":") || self.is_kw("if") || self.is_kw("as") {
                break;
            }
            let item = self.pattern_item()?;
            // In an open sequence each item takes its own `as` (`case 1, (2 | 3) as n:`).
            items.push(if self.is_kw("as") { self.item_capture(item)? } else { item });
        }
        Ok(self.mk(line, col, ExprKind::Tuple(items)))
    }

    /// `item as name`, kept as `name := item` (see `test`).
    fn item_capture(&mut self, item: Expr) -> PResult<Expr> {
        self.advance();
        let name = self.name()?;
        Ok(self.mk(item.line, item.col, ExprKind::NamedExpr(name, Box::new(item))))
    }

    fn pattern_item(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
        if self.eat_op("*") {
            let inner = self.binary(1)?;
            return Ok(self.mk(line, col, ExprKind::Starred(Box::new(inner))));
        }
        self.binary(1)
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
        self.ctx.except_star = false;
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

    /// A condition: `if x = 1:` gets CPython's hint about `==` (see `Parser::assign_hint`).
    fn condition(&mut self) -> PResult<Expr> {
        let from = self.here();
        let test = self.named_expr()?;
        if self.is_op("=") {
            return Err(self.assign_hint(test, from));
        }
        Ok(test)
    }

    fn if_rest(&mut self, kw: &str, line: u32) -> PResult<StmtKind> {
        let test = self.condition()?;
        self.header_colon()?;
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
        self.header_colon()?;
        let body = self.loop_body("'while' statement", line)?;
        let orelse = self.else_block()?;
        Ok(StmtKind::While { test, body, orelse })
    }

    fn for_stmt(&mut self, line: u32, col: u32, is_async: bool) -> PResult<StmtKind> {
        if is_async && !self.ctx.is_async {
            self.late_line("'async for' outside async function", line, col);
        }
        self.advance();
        let target = self.target_list()?;
        self.check_target(&target)?;
        if !self.eat_kw("in") {
            return Err(self.invalid());
        }
        let iter = self.star_expressions()?;
        self.header_colon()?;
        let body = self.loop_body("'for' statement", line)?;
        let orelse = self.else_block()?;
        Ok(StmtKind::For { target, iter, body, orelse, is_async })
    }

    fn try_stmt(&mut self, line: u32) -> PResult<StmtKind> {
        self.advance();
        self.expect_colon()?;
        let body = self.block("'try' statement", line)?;
        let mut handlers: Vec<Handler> = Vec::new();
        let mut bare: Option<(u32, u32)> = None; // where a bare `except:` began
        while self.is_kw("except") {
            let (hline, hcol) = self.here();
            if let Some((l, c)) = bare {
                // CPython's compiler says so, under the bare handler's first line.
                self.late_span("default 'except:' must be last", l, c);
            }
            self.advance();
            let star = self.is_op("*");
            if star {
                self.advance();
                if self.is_op(":") {
                    let (l, c) = self.here();
                    return Err(syntax("expected one or more exception types", l, c));
                }
            }
            if handlers.first().is_some_and(|h| h.star != star) {
                // Under the whole keyword, `except*` or `except`, as CPython marks it.
                let mut e = syntax("cannot have both 'except' and 'except*' on the same 'try'", hline, hcol);
                e.end_col = self.toks.get(self.pos - 1).map_or(hcol + 1, |t| t.end_col);
                return Err(e);
            }
            let (mut typ, mut name) = (None, None);
            if !self.is_op(":") {
                let t = self.test()?;
                if self.is_op(",") {
                    // Its carets span the types and the name after the comma.
                    self.advance();
                    let _ = self.test();
                    return Err(self.spanned("multiple exception types must be parenthesized", t.line, t.col));
                }
                typ = Some(t);
                if self.eat_kw("as") {
                    let n = self.name()?;
                    name = Some(self.private(n));
                }
            }
            self.header_colon()?;
            let outer = self.ctx;
            self.ctx.except_star |= star;
            let body = self.block("'except' statement", hline);
            self.ctx = outer;
            let body = body?;
            if typ.is_none() {
                bare = Some((hline, hcol));
            }
            handlers.push(Handler { line: hline, typ, name, body, star });
        }
        let orelse = if handlers.is_empty() { Vec::new() } else { self.else_block()? };
        let finalbody = if self.is_kw("finally") {
            let l = self.cur().line;
            self.advance();
            self.expect_colon()?;
            self.block("'finally' statement", l)?
        } else if handlers.is_empty() {
            let (l, c) = self.here();
            let end_col = self.cur().end_col.max(c + 1);
            return Err(SyntaxError { end_col, ..syntax("expected 'except' or 'finally' block", l, c) });
        } else {
            Vec::new()
        };
        Ok(StmtKind::Try { body, handlers, orelse, finalbody })
    }

    /// Whether the `with` items start with a parenthesis that holds them all, as CPython's
    /// grammar tries first: it closes right before the `:`, and holds an `as` or a comma at its
    /// own level (else it is one expression in parentheses: `with (lock):`, `with (a, b) as t:`).
    /// Read ahead without marking the tokens seen.
    fn parenthesized_with_items(&self) -> bool {
        let toks = self.toks.get(self.pos..).unwrap_or_default();
        if !matches!(toks.first().map(|t| &t.tok), Some(Tok::Op("("))) {
            return false;
        }
        let (mut depth, mut split) = (0_u32, false);
        for (i, t) in toks.iter().enumerate() {
            match &t.tok {
                Tok::Op("(" | "[" | "{") => depth += 1,
                Tok::Op(")" | "]" | "}") => {
                    depth -= 1;
                    if depth == 0 {
                        return split && matches!(toks.get(i + 1).map(|t| &t.tok), Some(Tok::Op(":")));
                    }
                }
                Tok::Op(",") | Tok::Kw("as") if depth == 1 => split = true,
                Tok::End | Tok::Newline => return false,
                _ => {}
            }
        }
        false
    }

    fn with_stmt(&mut self, line: u32, col: u32, is_async: bool) -> PResult<StmtKind> {
        if is_async && !self.ctx.is_async {
            self.late_line("'async with' outside async function", line, col);
        }
        self.advance();
        // `with (open_a() as a, open_b() as b):`, Python 3.10's form over several lines.
        let parenthesized = self.parenthesized_with_items();
        if parenthesized {
            self.advance();
        }
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
            if !self.eat_op(",") || (parenthesized && self.is_op(")")) {
                break;
            }
        }
        if parenthesized {
            self.expect_op(")")?;
        }
        self.header_colon()?;
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
        let bound = self.private(name);
        if !self.eat_op("(") {
            let (l, c) = self.here();
            return Err(syntax("expected '('", l, c));
        }
        let mut params = self.params(")", true)?;
        self.expect_op(")")?;
        if self.eat_op("->") {
            let returns = self.test()?;
            params.annotations.push((ast::intern("return"), returns));
        }
        self.expect_colon()?;
        let (outer, outer_yield, outer_return) = (self.ctx, self.saw_yield, self.return_value_at.take());
        self.ctx = Ctx { func: true, is_async, in_loop: false, except_star: false };
        self.saw_yield = false;
        let body = self.block("function definition", line);
        let has_yield = self.saw_yield;
        if let (true, true, Some((l, c, end)), None) = (is_async, has_yield, self.return_value_at, &self.late) {
            self.late = Some(SyntaxError { end_col: end, ..syntax("'return' with value in async generator", l, c) });
        }
        (self.ctx, self.saw_yield, self.return_value_at) = (outer, outer_yield, outer_return);
        let body = body?;
        // Its carets span the `global` statement, as the parser read it.
        declared_parameter(&params, &body).map_err(|e| match self.directives.iter().find(|d| d.0 == e.line) {
            // The symbol table's error: its columns count bytes (see `SyntaxError::compiled`).
            Some(&(_, col, end_col)) => SyntaxError { col, end_col, compiled: true, ..e },
            None => e,
        })?;
        let def = FuncDef { name, bound, line, params, body, is_async, decorators, has_yield };
        Ok(StmtKind::FunctionDef(Rc::new(def)))
    }

    /// Parameters up to `close` (`)` for `def`, `:` for `lambda`).
    pub(super) fn params(&mut self, close: &str, annotated: bool) -> PResult<Params> {
        let mut p = Params::default();
        let mut star: Option<(u32, u32)> = None;
        let mut seen_default = false;
        let mut names = Vec::new();
        while !self.is_op(close) {
            let (line, col) = self.here();
            if p.kwarg.is_some() {
                return Err(syntax("arguments cannot follow var-keyword argument", line, col));
            }
            let (name, span) = if self.eat_op("**") {
                let (n, span) = self.param_name(annotated, &mut p.annotations)?;
                p.kwarg = Some(n);
                (n, span)
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
                let (n, span) = self.param_name(annotated, &mut p.annotations)?;
                p.vararg = Some(n);
                (n, span)
            } else if self.is_op("/") {
                let message = if star.is_some() {
                    "/ must be ahead of *"
                } else if p.posonly > 0 {
                    "/ may appear only once"
                } else if p.args.is_empty() {
                    "at least one argument must precede /"
                } else {
                    ""
                };
                if !message.is_empty() {
                    return Err(syntax(message, line, col));
                }
                self.advance();
                p.posonly = p.args.len();
                if !self.eat_op(",") {
                    break;
                }
                continue;
            } else {
                let (name, span) = self.param_name(annotated, &mut p.annotations)?;
                let default = if self.is_op("=") {
                    // `def selamla(isim=):`: CPython 3.11's words, under the `=`.
                    if matches!(self.at(1).tok, Tok::Op(")" | ",")) {
                        let (line, col) = self.here();
                        return Err(syntax("expected default value expression", line, col));
                    }
                    self.advance();
                    Some(self.test()?)
                } else {
                    None
                };
                if star.is_some() {
                    p.kwonly.push(Param { name, default });
                } else {
                    if default.is_none() && seen_default {
                        let m = "non-default argument follows default argument";
                        return Err(SyntaxError { end_col: span.2, ..syntax(m, span.0, span.1) });
                    }
                    seen_default |= default.is_some();
                    p.args.push(Param { name, default });
                }
                (name, span)
            };
            if names.contains(&name) && self.late.is_none() {
                let m = format!("duplicate argument '{}' in function definition", ast::name_text(name));
                self.late = Some(SyntaxError { end_col: span.2, ..syntax(m, span.0, span.1) });
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

    /// A parameter's name and annotation, and where they stand: line, column and end column,
    /// which CPython's carets span for an error about the parameter.
    fn param_name(
        &mut self,
        annotated: bool,
        annotations: &mut Vec<(ast::Name, Expr)>,
    ) -> PResult<(ast::Name, (u32, u32, u32))> {
        let (line, col) = self.here();
        let name = self.name()?;
        let name = self.private(name); // a parameter is a name like any other in a class
        if annotated && self.eat_op(":") {
            annotations.push((name, self.test()?));
        }
        Ok((name, (line, col, self.end_from(line, col))))
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
        self.header_colon()?;
        let outer = self.ctx;
        self.ctx = Ctx { func: false, is_async: false, in_loop: false, except_star: false };
        let stripped: Rc<str> = ast::name_text(name).trim_start_matches('_').into();
        let outer_class = std::mem::replace(&mut self.class, (!stripped.is_empty()).then_some(stripped));
        let body = self.block("class definition", line);
        self.ctx = outer;
        self.class = outer_class;
        Ok(StmtKind::ClassDef { name, bases, body: body?, decorators, line })
    }
}

/// Checks that `p`, read as an expression, is a pattern (see [`ast::MatchCase`]).
fn check_pattern(p: &Expr) -> PResult<()> {
    let value = |e: &Expr| match &e.kind {
        ExprKind::Const(_) => true,
        ExprKind::Unary(ast::UnaryOp::Neg, x) => {
            matches!(x.kind, ExprKind::Const(ast::Const::Int(_) | ast::Const::Float(_)))
        }
        _ => dotted(e),
    };
    let spanned = |message: &str, e: &Expr| {
        let end_col = if e.end_line == e.line { e.end_col } else { e.col };
        Err(SyntaxError { end_col, ..syntax(message, e.line, e.col) })
    };
    let bad = |e: &Expr| spanned("patterns may only match literals and attribute lookups", e);
    match &p.kind {
        ExprKind::Name(_) => Ok(()),
        ExprKind::NamedExpr(_, inner) => check_pattern(inner),
        _ if value(p) => Ok(()),
        ExprKind::BinOp(a, ast::BinOp::BitOr, b) => {
            check_pattern(a)?;
            check_pattern(b)
        }
        ExprKind::List(items) | ExprKind::Tuple(items) => {
            let mut stars = 0;
            for item in items {
                match &item.kind {
                    ExprKind::Starred(inner) if matches!(inner.kind, ExprKind::Name(_)) => stars += 1,
                    ExprKind::Starred(inner) => return bad(inner),
                    _ => check_pattern(item)?,
                }
            }
            if stars > 1 {
                return spanned("multiple starred names in sequence pattern", p);
            }
            Ok(())
        }
        ExprKind::Dict(entries) => {
            // Two literal keys alike are refused before the program runs, as CPython's
            // compiler refuses them (strs and ints, the keys learners write).
            let mut literal = Vec::new();
            for (key, _) in entries {
                let text = match key.as_ref().map(|k| &k.kind) {
                    Some(ExprKind::Const(ast::Const::Str(s))) => format!("'{s}'"),
                    Some(ExprKind::Const(ast::Const::Int(i))) => i.to_string(),
                    _ => continue,
                };
                if literal.contains(&text) {
                    return spanned(&format!("mapping pattern checks duplicate key ({text})"), p);
                }
                literal.push(text);
            }
            for (key, v) in entries {
                match key {
                    Some(k) if value(k) => check_pattern(v)?,
                    Some(k) => return bad(k),
                    None if matches!(v.kind, ExprKind::Name(_)) => {}
                    None => return bad(v),
                }
            }
            Ok(())
        }
        ExprKind::Call(class, args) if dotted(class) => {
            for a in args {
                match a {
                    Arg::Pos(x) | Arg::Kw(_, x) => check_pattern(x)?,
                    Arg::Star(x) | Arg::DoubleStar(x) => return bad(x),
                }
            }
            Ok(())
        }
        _ => bad(p),
    }
}

/// The last plain pattern inside `p` (the last item of a sequence pattern, down to a leaf).
fn last_leaf(p: &Expr) -> &Expr {
    match &p.kind {
        ExprKind::List(items) | ExprKind::Tuple(items) => items.last().map_or(p, last_leaf),
        // A mapping's last value, a class pattern's last argument.
        ExprKind::Dict(entries) => entries.last().map_or(p, |(_, v)| last_leaf(v)),
        ExprKind::Call(_, args) => match args.last() {
            Some(ast::Arg::Pos(a) | ast::Arg::Kw(_, a)) => last_leaf(a),
            _ => p,
        },
        _ => p,
    }
}

/// The names a pattern binds, in order, checked as CPython's compiler checks them: a name
/// bound twice, an alternative of an `|` that binds other names than the first, a capture
/// or a wildcard before the last alternative (`irrefutable_ok`: where one may stand), and a
/// mapping's `**rest` not last (or `**_`).
fn captures(p: &Expr, irrefutable_ok: bool, out: &mut Vec<ast::Name>) -> PResult<()> {
    let at = |message: String, e: &Expr| {
        let end_col = if e.end_line == e.line { e.end_col } else { e.col + 1 };
        Err(SyntaxError { end_col, ..syntax(message, e.line, e.col) })
    };
    let bind = |n: ast::Name, e: &Expr, out: &mut Vec<ast::Name>| {
        if out.contains(&n) {
            return at(format!("multiple assignments to name '{}' in pattern", ast::name_text(n)), e);
        }
        out.push(n);
        Ok(())
    };
    match &p.kind {
        ExprKind::Name(n) => {
            let t = ast::name_text(*n);
            if !irrefutable_ok {
                let what = if &*t == "_" { "wildcard".to_string() } else { format!("name capture '{t}'") };
                return at(format!("{what} makes remaining patterns unreachable"), p);
            }
            if &*t != "_" {
                bind(*n, p, out)?;
            }
        }
        ExprKind::NamedExpr(n, inner) => {
            captures(inner, irrefutable_ok, out)?;
            bind(*n, p, out)?;
        }
        ExprKind::BinOp(_, ast::BinOp::BitOr, _) => {
            let mut alts = Vec::new();
            let mut e = p;
            while let ExprKind::BinOp(a, ast::BinOp::BitOr, b) = &e.kind {
                alts.push(&**b);
                e = a;
            }
            alts.push(e);
            alts.reverse();
            let mut first: Option<Vec<ast::Name>> = None;
            for (i, alt) in alts.iter().enumerate() {
                let mut names = Vec::new();
                captures(alt, irrefutable_ok && i + 1 == alts.len(), &mut names)?;
                match &first {
                    None => first = Some(names),
                    Some(f) if f.len() != names.len() || names.iter().any(|n| !f.contains(n)) => {
                        // Where CPython's compiler stood: at the alternative's last pattern.
                        return at("alternative patterns bind different names".into(), last_leaf(alt));
                    }
                    Some(_) => {}
                }
            }
            for n in first.unwrap_or_default() {
                bind(n, p, out)?;
            }
        }
        ExprKind::List(items) | ExprKind::Tuple(items) => {
            for item in items {
                match &item.kind {
                    ExprKind::Starred(inner) => match inner.kind {
                        ExprKind::Name(n) if &*ast::name_text(n) != "_" => bind(n, item, out)?,
                        _ => {}
                    },
                    _ => captures(item, true, out)?,
                }
            }
        }
        ExprKind::Dict(entries) => {
            for (i, (key, v)) in entries.iter().enumerate() {
                match (key, &v.kind) {
                    (Some(_), _) => captures(v, true, out)?,
                    // `**rest` ends a mapping pattern; `**_` is no pattern at all.
                    (None, ExprKind::Name(n)) if i + 1 < entries.len() || &*ast::name_text(*n) == "_" => {
                        let next = match entries.get(i + 1) {
                            Some((Some(k), _)) => k,
                            _ => v,
                        };
                        return at("invalid syntax".into(), next);
                    }
                    (None, ExprKind::Name(n)) => bind(*n, v, out)?,
                    _ => {}
                }
            }
        }
        ExprKind::Call(_, args) => {
            for a in args {
                if let Arg::Pos(x) | Arg::Kw(_, x) = a {
                    captures(x, true, out)?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// A name or a dotted name (`Color.RED`): a value pattern when dotted, a class in a call.
fn dotted(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Name(_) => true,
        ExprKind::Attribute(v, _) => dotted(v),
        _ => false,
    }
}
