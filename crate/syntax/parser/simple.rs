//! One-line statements: `pass`, `return`, `raise`, `global`, `del`, `assert`, the imports, and expression
//! statements with their assignments, augmented assignments and annotations.

use crate::ast::{self, Alias, Const, Expr, ExprKind, Stmt, StmtKind};
use crate::lexer::Tok;

use super::targets::{expr_name, invalid_target, is_bitwise_or, over};
use super::{aug_op, starts_atom, syntax, unsupported, PResult, Parser, SyntaxError, END};

impl Parser {
    pub(super) fn simple_stmts(&mut self, out: &mut ast::Block) -> PResult<()> {
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
                    // (An except* block is left first, as CPython's compiler unwinds to it.)
                    "break" | "continue" if self.ctx.except_star => self.late_span(LEAVES_EXCEPT_STAR, line, col),
                    "break" if !self.ctx.in_loop => self.late_span("'break' outside loop", line, col),
                    "continue" if !self.ctx.in_loop => self.late_span("'continue' not properly in loop", line, col),
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
                let value = if self.at_stmt_end() { None } else { Some(self.star_expressions()?) };
                if !self.ctx.func {
                    self.late_span("'return' outside function", line, col);
                } else if self.ctx.except_star {
                    // CPython marks a constant returned, or else the whole `return`.
                    let (l, c) = match &value {
                        Some(v @ Expr { kind: ExprKind::Const(_), .. }) => (v.line, v.col),
                        _ => (line, col),
                    };
                    self.late_span(LEAVES_EXCEPT_STAR, l, c);
                } else if value.is_some() && self.return_value_at.is_none() {
                    self.return_value_at = Some((line, col, self.end_from(line, col)));
                }
                if let Some(v) = &value {
                    self.lone_star(v);
                }
                StmtKind::Return(value)
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
                let names: Vec<_> = names.into_iter().map(|n| self.private(n)).collect();
                self.directives.push((line, col, self.end_from(line, col)));
                // Checked once the module is read (see `crate::symbols`).
                match kw == "global" {
                    true => StmtKind::Global(names),
                    false => StmtKind::Nonlocal(names),
                }
            }
            "del" => {
                self.advance();
                let mut targets = Vec::new();
                loop {
                    let t = self.binary(1)?;
                    if let Some(bad) = invalid_target(&t, true) {
                        let e = syntax(format!("cannot delete {}", expr_name(bad)), bad.line, bad.col);
                        let whole = std::ptr::eq(bad, &t);
                        return Err(SyntaxError {
                            end_col: if whole { self.end_from(t.line, t.col) } else { over(bad) },
                            ..e
                        });
                    }
                    // `del (a, b)` and `del [a, b]` delete each, in order.
                    fn each(t: Expr, out: &mut Vec<Expr>) {
                        match t.kind {
                            ExprKind::Tuple(items) | ExprKind::List(items) => {
                                items.into_iter().for_each(|i| each(i, out));
                            }
                            _ => out.push(t),
                        }
                    }
                    each(t, &mut targets);
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
                if matches!(&test.kind, ExprKind::Tuple(items) if !items.is_empty()) {
                    self.warnings.push((line, "assertion is always true, perhaps remove parentheses?".into()));
                }
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
            if !parens && matches!(self.peek(), Tok::Newline | Tok::End) {
                let (l, c) = self.here();
                let m = "trailing comma not allowed without surrounding parentheses";
                return Err(syntax(m, l, c));
            }
        }
        if parens {
            self.expect_op(")")?;
        }
        Ok(StmtKind::ImportFrom { module, names })
    }

    pub(super) fn rhs(&mut self) -> PResult<Expr> {
        if self.is_kw("yield") {
            self.yield_expr()
        } else {
            self.star_expressions()
        }
    }

    fn expr_stmt(&mut self) -> PResult<StmtKind> {
        let first = self.rhs()?;
        if self.is_op("=") {
            // Each target's end on its line, for the carets of an error about it.
            let mut ends = vec![self.end_from(first.line, first.col)];
            let mut targets = vec![first];
            while self.eat_op("=") {
                let t = self.rhs()?;
                ends.push(self.end_from(t.line, t.col));
                targets.push(t);
            }
            let value = targets.pop().unwrap_or_else(|| self.mk(1, 1, ExprKind::Const(Const::None)));
            self.lone_star(&value);
            let only = targets.len() == 1;
            for (i, t) in targets.iter().enumerate() {
                if let Some(bad) = invalid_target(t, false) {
                    // `x = a if b else c = d`, `x = a and b = c`: CPython reads `x = a` as a
                    // condition, and underlines it (not when the target starts otherwise:
                    // `x = lambda: 1 = 2` cannot assign to lambda).
                    if let (1, Some(ExprKind::Name(_)), Some(operand)) =
                        (i, targets.first().map(|t| &t.kind), leading_operand(t))
                    {
                        let (l, c) = (targets[0].line, targets[0].col);
                        let m = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
                        let end_col = if operand.line == l { over(operand) } else { c + 1 };
                        return Err(SyntaxError { end_col, ..syntax(m, l, c) });
                    }
                    // CPython: the "here. Maybe you meant '=='" form comes from its rule for a
                    // lone `a = b` whose target is a plain operand.
                    // Its items too when the target is a tuple without brackets (`x, 3 = …`).
                    let bare_item = matches!(&t.kind, ExprKind::Tuple(items)
                        if items.first().is_some_and(|f| (f.line, f.col) == (t.line, t.col))
                            && items.iter().any(|x| std::ptr::eq(x, bad)));
                    // A target in parentheses is a group, a plain operand whatever it holds.
                    let grouped = std::ptr::eq(bad, t) && ends[i] > over(t);
                    let here = only && (std::ptr::eq(bad, t) || bare_item) && (is_bitwise_or(bad) || grouped);
                    let suffix = if here { " here. Maybe you meant '==' instead of '='?" } else { "" };
                    let m = format!("cannot assign to {}{suffix}", expr_name(bad));
                    // A target in parentheses is underlined inside them (`(1) = 2`).
                    let end = if std::ptr::eq(bad, t) { ends[i].min(over(t)) } else { over(bad) };
                    return Err(SyntaxError { end_col: end, ..syntax(m, bad.line, bad.col) });
                }
                self.check_starred(t);
            }
            return Ok(StmtKind::Assign { targets, value });
        }
        if let Some(op) = aug_op(self.peek()) {
            if !matches!(first.kind, ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..)) {
                let m = format!("'{}' is an illegal expression for augmented assignment", expr_name(&first));
                return Err(SyntaxError { end_col: over(&first), ..syntax(m, first.line, first.col) });
            }
            self.advance();
            let value = self.rhs()?;
            self.lone_star(&value);
            return Ok(StmtKind::AugAssign { target: first, op, value });
        }
        if self.is_op(":") {
            // `sayi > 3:` (an `if` left out): no annotation follows, CPython's plain error at the
            // colon (after it, for a target that could be annotated).
            if !super::starts_expr(&self.at(1).tok) {
                if matches!(first.kind, ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..)) {
                    self.advance();
                }
                return Err(self.invalid());
            }
            let m = match first.kind {
                ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => None,
                ExprKind::Tuple(_) => Some("only single target (not tuple) can be annotated"),
                ExprKind::List(_) => Some("only single target (not list) can be annotated"),
                _ => Some("illegal target for annotation"),
            };
            if let Some(m) = m {
                return Err(SyntaxError { end_col: over(&first), ..syntax(m, first.line, first.col) });
            }
            self.advance();
            let annotation = self.test()?;
            let last = self.toks.get(self.pos.saturating_sub(1)).unwrap_or(&END);
            let annotation_end = (last.end_line, last.end_col);
            let value = if self.eat_op("=") { Some(self.rhs()?) } else { None };
            return Ok(StmtKind::AnnAssign { target: first, annotation, annotation_end, value });
        }
        if let ExprKind::Name(n) = first.kind {
            let n = ast::name_text(n);
            if (&*n == "print" || &*n == "exec") && starts_atom(&self.cur().tok) {
                let m = format!("Missing parentheses in call to '{n}'. Did you mean {n}(...)?");
                return Err(SyntaxError { end_col: self.line_end(), ..syntax(m, first.line, first.col) });
            }
        }
        self.lone_star(&first);
        Ok(StmtKind::Expr(first))
    }

    /// A starred expression standing alone as a value (`x = *items`, `return *xs`): CPython's
    /// compiler refuses it, once the module has parsed.
    fn lone_star(&mut self, e: &Expr) {
        if let (ExprKind::Starred(_), None) = (&e.kind, &self.late) {
            let m = "can't use starred expression here";
            self.late = Some(SyntaxError { end_col: e.end_col, ..syntax(m, e.line, e.col) });
        }
    }
}

const LEAVES_EXCEPT_STAR: &str = "'break', 'continue' and 'return' cannot appear in an except* block";

/// The plain operand (a `bitwise_or` in CPython's grammar) a larger expression starts with:
/// `a` in `a if b else c`, `a and b`, `a < b`; none for one that starts otherwise (`lambda`,
/// `not`) or is itself a plain operand.
fn leading_operand(e: &Expr) -> Option<&Expr> {
    let first = match &e.kind {
        ExprKind::IfExp(_, body, _) => body,
        ExprKind::BoolOp(_, values) => values.first()?,
        ExprKind::Compare(left, _) => left,
        _ => return None,
    };
    leading_operand(first).or_else(|| is_bitwise_or(first).then_some(first))
}
