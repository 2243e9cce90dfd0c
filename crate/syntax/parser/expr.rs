//! Expressions, from the loosest binding (`lambda`, conditionals) to atoms: operators by precedence, calls,
//! subscripts and slices, comprehensions, `yield`, and the tuple, list, set and dict displays.

use std::rc::Rc;

use crate::ast::{self, Arg, BinOp, CmpOp, Comprehension, Const, Expr, ExprKind, FuncDef, Stmt, StmtKind, UnaryOp};
use crate::lexer::Tok;

use super::targets::{expr_name, is_bitwise_or};
use super::{bin_op, boxed, starts_expr, syntax, unsupported, Ctx, PResult, Parser, SyntaxError, END};

impl Parser {
    /// `a, *b, c` where Python allows a bare tuple (statements, `return`, `for … in`).
    pub(super) fn star_expressions(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
        let first = self.star_expr()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(",") {
            if !starts_expr(&self.cur().tok) {
                break;
            }
            elts.push(self.star_expr()?);
        }
        Ok(self.mk(line, col, ExprKind::Tuple(elts)))
    }

    fn star_expr(&mut self) -> PResult<Expr> {
        if self.is_op("*") {
            let (line, col) = self.here();
            self.advance();
            let value = self.binary(1)?;
            return Ok(self.mk(line, col, ExprKind::Starred(boxed(value))));
        }
        self.test()
    }

    /// An item of a display or a parenthesised expression: `*x`, `x := v` or an expression.
    pub(super) fn star_named(&mut self) -> PResult<Expr> {
        if self.is_op("*") {
            return self.star_expr();
        }
        let from = self.here();
        let e = self.named_expr()?;
        if self.is_op("=") {
            return Err(self.assign_hint(e, from));
        }
        Ok(e)
    }

    /// `x = 1` where an expression is expected (a condition, a display's item, a subscript),
    /// the `=` being next: CPython's hint about `==` when what follows is an operand and no
    /// other `=` (its rule `invalid_named_expression`), else invalid syntax at the `=`. For a
    /// name the carets span `x = value`; for another operand (`f() = 1`, or a name in
    /// parentheses: `from`, where the expression began, is not where the name is) the operand
    /// alone.
    pub(super) fn assign_hint(&mut self, target: Expr, from: (u32, u32)) -> SyntaxError {
        let at_equals = self.invalid();
        let grouped = (target.line, target.col) != from; // in parentheses: a plain operand
        let name = matches!(target.kind, ExprKind::Name(_)) && !grouped;
        if !name && !is_bitwise_or(&target) && !grouped {
            return at_equals;
        }
        let next_end = self.at(1).end_col;
        self.advance();
        let value = match self.binary(0) {
            Ok(value) if !self.is_op("=") && !self.is_op(":=") => value,
            _ => return at_equals,
        };
        if name {
            let end_col = if value.end_line == target.line { value.end_col } else { next_end };
            let m = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
            return SyntaxError { end_col, ..syntax(m, target.line, target.col) };
        }
        let m = format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_name(&target));
        let end_col =
            if target.end_line == target.line { target.end_col } else { self.end_from(target.line, target.col) };
        SyntaxError { end_col, ..syntax(m, target.line, target.col) }
    }

    pub(super) fn named_expr(&mut self) -> PResult<Expr> {
        if let Some(n) = self.name_before(":=") {
            let (line, col) = self.here();
            self.advance();
            self.advance();
            let value = self.test()?;
            return Ok(self.mk(line, col, ExprKind::NamedExpr(ast::intern(&n), boxed(value))));
        }
        self.test()
    }

    /// An expression: lambda, conditional, or anything tighter.
    pub(super) fn test(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.test_inner();
        self.depth -= 1;
        match r {
            // `[(1 | 2) as n]`: a sub-pattern's capture, kept as `n := (1 | 2)`.
            Ok(e) if self.in_pattern && self.eat_kw("as") => {
                let name = self.name()?;
                Ok(self.mk(e.line, e.col, ExprKind::NamedExpr(name, boxed(e))))
            }
            r => r,
        }
    }

    fn test_inner(&mut self) -> PResult<Expr> {
        if self.is_kw("lambda") {
            return self.lambda();
        }
        let (line, col) = self.here();
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
            // Under `body if test`, to the test's end.
            e.end_col = if test.end_line == body.line { test.end_col } else { self.cur().col };
            return Err(e);
        }
        let orelse = self.test()?;
        Ok(self.mk(line, col, ExprKind::IfExp(boxed(test), boxed(body), boxed(orelse))))
    }

    fn lambda(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
        self.advance();
        let params = self.params(":", false)?;
        self.expect_op(":")?;
        let (outer, outer_yield) = (self.ctx, self.saw_yield);
        self.ctx = Ctx { func: true, is_async: false, in_loop: false, except_star: false };
        self.saw_yield = false;
        let body = self.test();
        let has_yield = self.saw_yield;
        (self.ctx, self.saw_yield) = (outer, outer_yield);
        let body = body?;
        let ret = Stmt { line: body.line, kind: StmtKind::Return(Some(body)) };
        let lambda = ast::intern("<lambda>");
        let def = FuncDef {
            name: lambda,
            bound: lambda,
            line,
            params,
            body: vec![ret],
            is_async: false,
            decorators: Vec::new(),
            has_yield,
        };
        Ok(self.mk(line, col, ExprKind::Lambda(Rc::new(def))))
    }

    fn or_test(&mut self) -> PResult<Expr> {
        self.bool_op("or")
    }

    fn bool_op(&mut self, kw: &str) -> PResult<Expr> {
        let (line, col) = self.here();
        let first = if kw == "or" { self.bool_op("and")? } else { self.not_test()? };
        if !self.is_kw(kw) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw(kw) {
            values.push(if kw == "or" { self.bool_op("and")? } else { self.not_test()? });
        }
        Ok(self.mk(line, col, ExprKind::BoolOp(kw == "and", values)))
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
        Ok(self.mk(line, col, ExprKind::Unary(UnaryOp::Not, boxed(operand?))))
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
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
        // One warning per comparison, for its first `is` with a literal, as CPython's compiler.
        let literal = |e: &Expr| is_literal(e, true);
        let mut before = &left;
        for (op, right) in &ops {
            if matches!(op, CmpOp::Is | CmpOp::IsNot) && (literal(before) || literal(right)) {
                let (is, eq) = if *op == CmpOp::Is { ("is", "==") } else { ("is not", "!=") };
                self.warnings.push((left.line, format!("\"{is}\" with a literal. Did you mean \"{eq}\"?")));
                break;
            }
            before = right;
        }
        if ops.is_empty() {
            return Ok(left);
        }
        Ok(self.mk(line, col, ExprKind::Compare(boxed(left), ops)))
    }

    /// Binary operators by precedence climbing: operands bind tighter than `min`.
    pub(super) fn binary(&mut self, min: u8) -> PResult<Expr> {
        let (line, col) = self.here();
        let mut left = self.unary()?;
        while let Some((op, prec)) = bin_op(self.peek()) {
            if prec < min {
                break;
            }
            self.advance();
            let right = self.binary(prec + 1)?;
            left = self.mk(line, col, ExprKind::BinOp(boxed(left), op, boxed(right)));
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
        Ok(self.mk(line, col, ExprKind::Unary(op, boxed(operand?))))
    }

    fn power(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
        let base = if self.is_kw("await") {
            self.advance();
            let value = self.primary()?;
            self.awaits += 1;
            if !self.ctx.func {
                self.late_span("'await' outside function", line, col);
            } else if !self.ctx.is_async {
                self.late_span("'await' outside async function", line, col);
            }
            self.mk(line, col, ExprKind::Await(boxed(value)))
        } else {
            self.primary()?
        };
        if !self.eat_op("**") {
            return Ok(base);
        }
        let exp = self.unary()?;
        Ok(self.mk(line, col, ExprKind::BinOp(boxed(base), BinOp::Pow, boxed(exp))))
    }

    fn primary(&mut self) -> PResult<Expr> {
        // A node made of a parenthesised one starts at its `(`, as CPython's.
        let (line, col) = self.here();
        let mut e = self.atom()?;
        loop {
            if self.eat_op(".") {
                let name = self.name()?;
                let name = self.private(name);
                e = self.mk(line, col, ExprKind::Attribute(boxed(e), name));
            } else if self.eat_op("(") {
                let args = self.call_args()?;
                // A literal called: CPython's compiler suspects a missing comma.
                if let Some(t) = literal_type(&e).filter(|_| !matches!(e.kind, ExprKind::Lambda(_))) {
                    let m = format!("'{t}' object is not callable; perhaps you missed a comma?");
                    self.warnings.push((line, m));
                }
                e = self.mk(line, col, ExprKind::Call(boxed(e), args));
            } else if self.eat_op("[") {
                let index = self.subscript()?;
                self.check_index(line, &e, &index);
                e = self.mk(line, col, ExprKind::Subscript(boxed(e), boxed(index)));
            } else {
                return Ok(e);
            }
        }
    }

    /// A call's arguments, after its `(`, up to and including `)`.
    pub(super) fn call_args(&mut self) -> PResult<Vec<Arg>> {
        let open = self.pos.checked_sub(1).and_then(|p| self.toks.get(p)).map(|t| (t.line, t.col));
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
                let value = self.test()?;
                if self.is_kw("for") || self.is_kw("async") {
                    let m = "iterable unpacking cannot be used in comprehension";
                    return Err(SyntaxError { end_col: value.end_col, ..syntax(m, line, col) });
                }
                args.push(Arg::Star(value));
            } else if self.eat_op("**") {
                double_star = true;
                args.push(Arg::DoubleStar(self.test()?));
            } else if let Some(n) = self.name_before("=") {
                self.advance();
                self.advance();
                keyword = true;
                let name = ast::intern(&n);
                let value = self.test()?;
                last = Some((value.line, value.col)); // a missing comma is looked for from the value
                                                      // CPython's compiler refuses it, once the whole module has parsed.
                if args.iter().any(|a| matches!(a, Arg::Kw(k, _) if *k == name)) {
                    self.late_span(&format!("keyword argument repeated: {n}"), line, col);
                }
                args.push(Arg::Kw(name, value));
            } else {
                let (awaits, late_before) = (self.awaits, self.late.is_none());
                let value = self.named_expr()?;
                if self.is_kw("for") || self.is_kw("async") {
                    unpacked_in_comprehension(&value)?;
                    let generators = self.comp_clauses(&[&value])?;
                    if !args.is_empty() || self.is_op(",") {
                        return Err(self.spanned("Generator expression must be parenthesized", value.line, value.col));
                    }
                    let (l, c) = (value.line, value.col);
                    args.push(Arg::Pos(self.generator_exp(l, c, value, generators, awaits, late_before)));
                    continue;
                }
                if self.is_op("=") {
                    let m = match value.kind {
                        ExprKind::Const(Const::Bool(_) | Const::None) => {
                            format!("cannot assign to {}", expr_name(&value))
                        }
                        _ => "expression cannot contain assignment, perhaps you meant \"==\"?".to_string(),
                    };
                    // Its carets span the argument and the `=`.
                    let end_col = if value.line == self.cur().line { self.cur().end_col } else { value.end_col };
                    return Err(SyntaxError { end_col, ..syntax(m, value.line, value.col) });
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
        // A generator expression that is the only argument has the call's parentheses as its
        // own (`sum(x for x in xs)`): CPython's node spans them, and so do its carets.
        if let ([Arg::Pos(g @ Expr { kind: ExprKind::GeneratorExp(_), .. })], Some(open)) = (&mut args[..], open) {
            let close = &self.toks[self.pos - 1];
            (g.line, g.col, g.end_line, g.end_col) = (open.0, open.1, close.end_line, close.end_col);
        }
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
        Ok(self.mk(line, col, ExprKind::Tuple(elts)))
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
        Ok(self.mk(line, col, ExprKind::Slice(lower, upper, step)))
    }

    /// A comprehension's `for` and `if` clauses, after its `elements` (its item, or a dict
    /// comprehension's key and value).
    pub(super) fn comp_clauses(&mut self, elements: &[&Expr]) -> PResult<Vec<Comprehension>> {
        let mut out = Vec::new();
        let mut first_iter_awaits = 0;
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
                // Set last: a comprehension nested in these clauses set it before.
                self.first_iter_awaits = first_iter_awaits;
                self.no_rebinding(elements, &out);
                return Ok(out);
            }
            let target = self.target_list()?;
            self.check_target(&target)?;
            if !self.eat_kw("in") {
                return Err(self.invalid());
            }
            let before = self.awaits;
            let iter = self.or_test()?;
            if out.is_empty() {
                first_iter_awaits = self.awaits - before;
            }
            let mut ifs = Vec::new();
            while self.eat_kw("if") {
                ifs.push(self.or_test()?);
            }
            out.push(Comprehension { target, iter, ifs, is_async });
        }
    }

    /// CPython's "assignment expression cannot rebind comprehension iteration variable": a
    /// walrus in a comprehension's elements or conditions that names one of its loop
    /// variables (a symbol-table error: reported once the module has parsed).
    fn no_rebinding(&mut self, elements: &[&Expr], gens: &[Comprehension]) {
        fn names(t: &Expr, out: &mut Vec<ast::Name>) {
            match &t.kind {
                ExprKind::Name(n) => out.push(*n),
                ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|i| names(i, out)),
                ExprKind::Starred(inner) => names(inner, out),
                _ => {}
            }
        }
        fn walrus(x: &Expr, vars: &[ast::Name], found: &mut Option<(ast::Name, u32, u32)>) {
            match &x.kind {
                _ if found.is_some() => {}
                ExprKind::NamedExpr(n, _) if vars.contains(n) => *found = Some((*n, x.line, x.col)),
                ExprKind::Lambda(_) => {}
                _ => crate::symbols::expr_children(x, &mut |v, _| walrus(v, vars, found)),
            }
        }
        // A walrus in an iterable (CPython's symbol table refuses it there, under the walrus).
        fn any_walrus(x: &Expr, found: &mut Option<Expr>) {
            match &x.kind {
                _ if found.is_some() => {}
                ExprKind::NamedExpr(..) => *found = Some(x.clone()),
                // A lambda's body is its one `return`'s value.
                ExprKind::Lambda(def) => {
                    for st in &def.body {
                        if let StmtKind::Return(Some(v)) = &st.kind {
                            any_walrus(v, found);
                        }
                    }
                }
                _ => crate::symbols::expr_children(x, &mut |v, _| any_walrus(v, found)),
            }
        }
        let mut in_iter = None;
        gens.iter().for_each(|g| any_walrus(&g.iter, &mut in_iter));
        if let Some(w) = in_iter {
            self.late_over("assignment expression cannot be used in a comprehension iterable expression", &w);
            return;
        }
        let mut vars = Vec::new();
        gens.iter().for_each(|g| names(&g.target, &mut vars));
        let mut found = None;
        for x in elements.iter().copied().chain(gens.iter().flat_map(|g| g.ifs.iter())) {
            walrus(x, &vars, &mut found);
        }
        if let Some((n, line, col)) = found {
            let message =
                format!("assignment expression cannot rebind comprehension iteration variable '{}'", ast::name_text(n));
            self.late(&message, line, col);
        }
    }

    /// A generator expression whose parsing began with `awaits` awaits seen: async if it has
    /// an `async for` or awaits anywhere but in its first iterable.
    /// A list, set or dict comprehension just read from (`line`, `col`): one that awaits or
    /// has an `async for` outside an async function is CPython's "asynchronous comprehension"
    /// error, under the whole comprehension, in place of the error its `await` or `async`
    /// gave (`late_before`: none was pending before it was read).
    fn async_comprehension(&mut self, line: u32, col: u32, awaits: u32, late_before: bool) {
        const MESSAGE: &str = "asynchronous comprehension outside of an asynchronous function";
        let own = self.awaits - awaits - self.first_iter_awaits;
        let pending = self.late.as_ref().map(|e| e.message.as_str());
        let from_it = matches!(pending, Some("'await' outside async function" | "'await' outside function" | MESSAGE));
        if late_before && from_it && (own > 0 || pending == Some(MESSAGE)) && !self.ctx.is_async {
            self.late = None;
            self.late_span(MESSAGE, line, col);
        }
    }

    /// `late_before`: no late error was pending before its element was read.
    pub(super) fn generator_exp(
        &mut self,
        line: u32,
        col: u32,
        elt: Expr,
        gens: Vec<Comprehension>,
        awaits: u32,
        late_before: bool,
    ) -> Expr {
        let own = self.awaits - awaits - self.first_iter_awaits;
        let is_async = own > 0 || gens.iter().any(|g| g.is_async);
        // An `await` or `async for` in a generator expression makes it an async generator,
        // which a plain function or the module may make (CPython 3.11): not an error there,
        // unless it is in the first iterable, which the enclosing scope evaluates.
        const ASYNC_CONTEXT: [&str; 3] = [
            "'await' outside async function",
            "'await' outside function",
            "asynchronous comprehension outside of an asynchronous function",
        ];
        let from_it = self.late.as_ref().is_some_and(|e| ASYNC_CONTEXT.contains(&e.message.as_str()));
        if is_async && late_before && self.first_iter_awaits == 0 && from_it {
            self.late = None;
        }
        self.mk(line, col, ExprKind::GeneratorExp(Rc::new(ast::GenExp { elt, gens, is_async })))
    }

    pub(super) fn yield_expr(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
        self.advance();
        self.saw_yield = true;
        let mut args = Vec::new();
        let from = self.eat_kw("from");
        if from {
            args.push(Arg::Pos(self.test()?));
            if self.ctx.is_async {
                self.late_span("'yield from' inside async function", line, col);
            }
        } else if starts_expr(&self.cur().tok) {
            args.push(Arg::Pos(self.star_expressions()?));
        }
        if !self.ctx.func {
            self.late_span("'yield' outside function", line, col);
        }
        // Kept as a call of a name no script can write (`yield` is a keyword, `yield from`
        // has a space), which the evaluator runs as the yield it is.
        let func = self.mk(line, col, ExprKind::Name(ast::intern(if from { "yield from" } else { "yield" })));
        Ok(self.mk(line, col, ExprKind::Call(boxed(func), args)))
    }

    fn atom(&mut self) -> PResult<Expr> {
        let t = self.cur();
        let (line, col) = (t.line, t.col);
        let kind = match &t.tok {
            Tok::Name(n) => ExprKind::Name(self.private(ast::intern(n))),
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
        Ok(self.mk(line, col, kind))
    }

    fn paren(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
        self.advance();
        if self.eat_op(")") {
            return Ok(self.mk(line, col, ExprKind::Tuple(Vec::new())));
        }
        if self.is_kw("yield") {
            let e = self.yield_expr()?;
            self.expect_op(")")?;
            return Ok(e);
        }
        let (awaits, late_before) = (self.awaits, self.late.is_none());
        let first = self.star_named()?;
        if self.is_kw("for") || self.is_kw("async") {
            unpacked_in_comprehension(&first)?;
            let generators = self.comp_clauses(&[&first])?;
            self.expect_close(")", Some((first.line, first.col)))?;
            return Ok(self.generator_exp(line, col, first, generators, awaits, late_before));
        }
        if !self.is_op(",") {
            self.expect_close(")", Some((first.line, first.col)))?;
            // `(*a)`: a starred item needs the comma of a tuple.
            if matches!(first.kind, ExprKind::Starred(_)) {
                let m = "cannot use starred expression here";
                return Err(SyntaxError { end_col: first.end_col, ..syntax(m, first.line, first.col) });
            }
            return Ok(first);
        }
        let elts = self.elements(first, ")")?;
        Ok(self.mk(line, col, ExprKind::Tuple(elts)))
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
        // `[a, b for a, b in pairs]` (or a set's): CPython's hint, under the elements.
        if elts.len() > 1 && close != ")" && (self.is_kw("for") || self.is_kw("async")) {
            let (a, b) = (&elts[0], &elts[elts.len() - 1]);
            let end_col = if b.end_line == a.line { b.end_col } else { self.end_from(a.line, a.col) };
            let m = "did you forget parentheses around the comprehension target?";
            return Err(SyntaxError { end_col, ..syntax(m, a.line, a.col) });
        }
        self.expect_close(close, last)?;
        Ok(elts)
    }

    fn list(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
        self.advance();
        if self.eat_op("]") {
            return Ok(self.mk(line, col, ExprKind::List(Vec::new())));
        }
        let (awaits, late_before) = (self.awaits, self.late.is_none());
        let first = self.star_named()?;
        if self.is_kw("for") || self.is_kw("async") {
            unpacked_in_comprehension(&first)?;
            let generators = self.comp_clauses(&[&first])?;
            self.expect_close("]", Some((first.line, first.col)))?;
            self.async_comprehension(line, col, awaits, late_before);
            return Ok(self.mk(line, col, ExprKind::ListComp(boxed(first), generators)));
        }
        let elts = self.elements(first, "]")?;
        Ok(self.mk(line, col, ExprKind::List(elts)))
    }

    fn brace(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
        self.advance();
        if self.eat_op("}") {
            return Ok(self.mk(line, col, ExprKind::Dict(Vec::new())));
        }
        let (awaits, late_before) = (self.awaits, self.late.is_none());
        let first = if self.is_op("**") {
            let (l, c) = self.here();
            self.advance();
            let value = self.binary(1)?;
            if self.is_kw("for") || self.is_kw("async") {
                let m = "dict unpacking cannot be used in dict comprehension";
                return Err(SyntaxError { end_col: c + 2, ..syntax(m, l, c) }); // under the `**`
            }
            (None, value)
        } else {
            let key = self.star_named()?;
            let colon = self.here();
            if !self.eat_op(":") {
                if self.is_kw("for") || self.is_kw("async") {
                    unpacked_in_comprehension(&key)?;
                    let generators = self.comp_clauses(&[&key])?;
                    self.expect_close("}", Some((key.line, key.col)))?;
                    self.async_comprehension(line, col, awaits, late_before);
                    return Ok(self.mk(line, col, ExprKind::SetComp(boxed(key), generators)));
                }
                let elts = self.elements(key, "}")?;
                return Ok(self.mk(line, col, ExprKind::Set(elts)));
            }
            if matches!(self.peek(), Tok::Op("}" | ",")) {
                return Err(syntax("expression expected after dictionary key and ':'", colon.0, colon.1));
            }
            let value = self.test()?;
            if self.is_kw("for") || self.is_kw("async") {
                let generators = self.comp_clauses(&[&key, &value])?;
                self.expect_close("}", Some((value.line, value.col)))?;
                self.async_comprehension(line, col, awaits, late_before);
                return Ok(self.mk(line, col, ExprKind::DictComp(boxed(key), boxed(value), generators)));
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
        Ok(self.mk(line, col, ExprKind::Dict(entries)))
    }
}

/// Whether `e` is a constant CPython's compiler warns of after `is`: a number or str literal,
/// a negated number, a tuple of such (`()` too); `None`, `True`, `False` and `...` are not.
fn is_literal(e: &Expr, top: bool) -> bool {
    match &e.kind {
        ExprKind::Const(Const::Str(_) | Const::Int(_) | Const::Float(_)) => true,
        ExprKind::Const(_) => !top,
        ExprKind::Unary(UnaryOp::Neg, x) => matches!(x.kind, ExprKind::Const(Const::Int(_) | Const::Float(_))),
        ExprKind::Tuple(items) => items.iter().all(|i| is_literal(i, false)),
        _ => false,
    }
}

/// The type of the value a literal or display makes, as CPython's compiler infers it for its
/// "perhaps you missed a comma?" warnings; `None` for any other expression.
fn literal_type(e: &Expr) -> Option<&'static str> {
    Some(match &e.kind {
        ExprKind::Const(Const::None) => "NoneType",
        ExprKind::Const(Const::Bool(_)) => "bool",
        ExprKind::Const(Const::Int(_)) => "int",
        ExprKind::Const(Const::Float(_)) => "float",
        ExprKind::Const(Const::Str(_)) | ExprKind::FString(_) => "str",
        ExprKind::Const(Const::Ellipsis) => "ellipsis",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) | ExprKind::ListComp(..) => "list",
        ExprKind::Dict(_) | ExprKind::DictComp(..) => "dict",
        ExprKind::Set(_) | ExprKind::SetComp(..) => "set",
        ExprKind::GeneratorExp(_) => "generator",
        ExprKind::Lambda(_) => "function",
        _ => return None,
    })
}

impl Parser {
    /// `value[index]` with a literal on each side that cannot go together, as CPython's
    /// compiler checks it: a literal that takes no index (`None[0]`), or a str, tuple or list
    /// indexed by something no int or slice.
    fn check_index(&mut self, line: u32, value: &Expr, index: &Expr) {
        let unsubscriptable = matches!(
            value.kind,
            ExprKind::Const(Const::None | Const::Bool(_) | Const::Int(_) | Const::Float(_) | Const::Ellipsis)
                | ExprKind::Set(_)
                | ExprKind::SetComp(..)
                | ExprKind::GeneratorExp(_)
                | ExprKind::Lambda(_)
        );
        if let (true, Some(t)) = (unsubscriptable, literal_type(value)) {
            self.warnings.push((line, format!("'{t}' object is not subscriptable; perhaps you missed a comma?")));
            return;
        }
        let Some(index_type) = literal_type(index) else { return };
        if matches!(index_type, "int" | "bool") || matches!(index.kind, ExprKind::Slice(..)) {
            return;
        }
        let value_type = match &value.kind {
            ExprKind::Const(Const::Str(_)) | ExprKind::FString(_) => "str",
            ExprKind::Tuple(_) => "tuple",
            ExprKind::List(_) | ExprKind::ListComp(..) => "list",
            _ => return,
        };
        let m =
            format!("{value_type} indices must be integers or slices, not {index_type}; perhaps you missed a comma?");
        self.warnings.push((line, m));
    }
}

/// `[*a for a in b]`: CPython's parser refuses an unpacked item in a comprehension.
pub(super) fn unpacked_in_comprehension(item: &Expr) -> PResult<()> {
    if let ExprKind::Starred(_) = item.kind {
        let m = "iterable unpacking cannot be used in comprehension";
        return Err(SyntaxError { end_col: item.end_col, ..syntax(m, item.line, item.col) });
    }
    Ok(())
}
