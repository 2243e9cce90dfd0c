//! Statements: blocks, loops and the synchronous path that runs simple statements with no future.

use super::*;

/// What [`Interp::exec_simple`] did with a statement.
enum Sync<'a> {
    /// Ran it.
    Done(PyResult<Flow>),
    /// Nothing: it needs the async path.
    Async,
    /// Ran an `if`'s test and the start of its branch; these statements are still to run.
    Rest(&'a [Stmt]),
    /// Made a call that finished at once (see [`Interp::quick_call`]); what it returned is
    /// still to be awaited (`await f(…)`, or a blocking built-in's wait), then stored in the
    /// targets (names), if any.
    Wait { value: Value, awaited: bool, targets: &'a [Expr], at: &'a Expr },
}

/// How far [`Interp::while_rounds`] ran a `while` loop on the synchronous path.
enum Rounds<'a> {
    /// Its test was false.
    Ended,
    /// Its test needs the async path; nothing of this round has run.
    Test,
    /// Its test held and the time slice is to be checked before the body runs.
    Check,
    /// Statement `at` of the body did not finish with the next statement to run: `sync` says
    /// what it did (`None`: it is stepped, and the time slice is to be checked before it runs).
    /// The statements before it ran in this round.
    Body { at: usize, sync: Option<Sync<'a>> },
}

/// Whether a statement is of a kind [`Interp::exec_simple`] may run without starting anything
/// it cannot finish.
fn leaf_kind(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::Pass | StmtKind::Break | StmtKind::Continue | StmtKind::Expr(_) | StmtKind::Return(_) => true,
        StmtKind::AugAssign { target, .. } => matches!(target.kind, ExprKind::Name(_)),
        StmtKind::Assign { targets, .. } => targets.iter().all(|t| matches!(t.kind, ExprKind::Name(_))),
        _ => false,
    }
}

impl Interp {
    /// Runs a block.
    pub fn exec_block<'a>(&'a self, scope: &'a Rc<Scope>, block: &'a [Stmt]) -> Fut<'a, PyResult<Flow>> {
        Box::pin(self.exec_inline(scope, block))
    }

    /// Runs a block in the caller's own future: statements that neither call nor await run
    /// synchronously ([`Interp::exec_simple`]); only the others get a future of their own. A
    /// loop's body runs this way on every round, with no allocation for its simple statements.
    pub(super) async fn exec_inline(&self, scope: &Rc<Scope>, block: &[Stmt]) -> PyResult<Flow> {
        for stmt in block {
            if self.step(scope, stmt.line) {
                self.preempt().await?;
            }
            self.close_freed();
            let flow = match self.exec_simple(scope, stmt, true) {
                Sync::Done(flow) => flow,
                Sync::Async => self.exec_boxed(scope, stmt).await,
                Sync::Rest(rest) => self.exec_block(scope, rest).await,
                // `finish_call`, written out: this is every `await f(…)` statement's path.
                Sync::Wait { value, awaited, targets, at } => 'wait: {
                    let mut v = value;
                    if matches!(&v, Value::Coro(c) if c.blocking) {
                        v = match self.await_value(v).await {
                            Ok(v) => v,
                            Err(e) => break 'wait Err(failed_at(e, at)),
                        };
                    }
                    if awaited {
                        v = match self.await_value(v).await {
                            Ok(v) => v,
                            Err(e) => break 'wait Err(failed_at(e, at)),
                        };
                    }
                    self.store_names(scope, targets, v);
                    Ok(Flow::Next)
                }
            };
            match flow {
                Ok(Flow::Next) => {}
                Ok(flow) => return Ok(flow),
                Err(e) => {
                    add_frame(&e, scope);
                    return Err(e);
                }
            }
        }
        Ok(Flow::Next)
    }

    /// A `while` loop: rounds on the synchronous path while they can ([`Interp::while_rounds`]),
    /// the async path from where they stopped. Boxed, so that `exec`'s poll, which every nested
    /// call keeps on the browser's stack, stays small.
    pub(super) fn exec_while<'a>(
        &'a self,
        scope: &'a Rc<Scope>,
        line: u32,
        test: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> Fut<'a, PyResult<Flow>> {
        Box::pin(async move {
            loop {
                let flow = match self.while_rounds(scope, test, body, line) {
                    Rounds::Ended => return self.exec_inline(scope, orelse).await,
                    Rounds::Test => {
                        if !self.holds(scope, test).await? {
                            return self.exec_inline(scope, orelse).await;
                        }
                        if self.step(scope, line) {
                            self.preempt().await?;
                        }
                        self.exec_inline(scope, body).await?
                    }
                    Rounds::Check => {
                        self.preempt().await?;
                        self.exec_inline(scope, body).await?
                    }
                    Rounds::Body { at, sync } => {
                        let sync = match sync {
                            Some(sync) => sync,
                            None => {
                                self.preempt().await?;
                                self.exec_simple(scope, &body[at], true)
                            }
                        };
                        let flow = match sync {
                            Sync::Done(flow) => flow,
                            Sync::Async => self.exec_boxed(scope, &body[at]).await,
                            Sync::Rest(rest) => self.exec_block(scope, rest).await,
                            Sync::Wait { value, awaited, targets, at } => {
                                self.finish_call(scope, value, awaited, targets).await.map_err(|e| failed_at(e, at))
                            }
                        };
                        match flow {
                            Ok(Flow::Next) => self.exec_inline(scope, &body[at + 1..]).await?,
                            Ok(flow) => flow,
                            Err(e) => {
                                add_frame(&e, scope);
                                return Err(e);
                            }
                        }
                    }
                };
                match flow {
                    Flow::Break => break,
                    Flow::Return(v) => return Ok(Flow::Return(v)),
                    Flow::Next | Flow::Continue => {}
                }
            }
            Ok(Flow::Next)
        })
    }

    /// Runs rounds of a `while` loop for as long as its test and its body's statements take
    /// the synchronous path (a counting loop on ints goes round here with no future at all),
    /// and says where it stopped; the caller goes on from there on the async path.
    #[inline(never)] // kept out of `exec`'s poll, whose frame every nested call pays for
    fn while_rounds<'a>(&self, scope: &Rc<Scope>, test: &Expr, body: &'a [Stmt], line: u32) -> Rounds<'a> {
        loop {
            let holds = match self.int_test(scope, test) {
                Some(holds) => holds,
                None => match self.simple(scope, test) {
                    Some(Ok(t)) if !matches!(t, Value::Instance(_)) => t.truthy(),
                    _ => return Rounds::Test, // the async path evaluates it again: it had no effect
                },
            };
            if !holds {
                return Rounds::Ended;
            }
            if self.step(scope, line) {
                return Rounds::Check;
            }
            for (at, stmt) in body.iter().enumerate() {
                if self.step(scope, stmt.line) {
                    return Rounds::Body { at, sync: None };
                }
                match self.exec_simple(scope, stmt, true) {
                    Sync::Done(Ok(Flow::Next)) => {}
                    Sync::Done(Ok(Flow::Continue)) => break,
                    sync => return Rounds::Body { at, sync: Some(sync) },
                }
            }
        }
    }

    /// The rest of a statement whose call [`Interp::exec_simple`] made: waits for what the call
    /// returned, as `await` or a blocking built-in asks, and stores it.
    pub(super) async fn finish_call(
        &self,
        scope: &Rc<Scope>,
        value: Value,
        awaited: bool,
        targets: &[Expr],
    ) -> PyResult<Flow> {
        let mut v = value;
        if matches!(&v, Value::Coro(c) if c.blocking) {
            v = self.await_value(v).await?;
        }
        if awaited {
            v = self.await_value(v).await?;
        }
        self.store_names(scope, targets, v);
        Ok(Flow::Next)
    }

    /// Stores `v` in `targets`, each a name.
    pub(super) fn store_names(&self, scope: &Scope, targets: &[Expr], v: Value) {
        for t in targets {
            if let ExprKind::Name(n) = t.kind {
                self.store(scope, n, v.clone());
            }
        }
    }

    pub(super) fn exec_boxed<'a>(&'a self, scope: &'a Rc<Scope>, stmt: &'a Stmt) -> Fut<'a, PyResult<Flow>> {
        Box::pin(async move {
            let _nested = aio::Nested::enter()?;
            self.exec(scope, stmt).await
        })
    }

    /// Runs a statement synchronously when it neither calls nor awaits: an expression, an
    /// assignment to names, `x op= …`, `pass`, `break`, `continue`, `return …`, or an `if`
    /// whose chosen branch holds only such statements. `Async` when it cannot, with nothing
    /// done yet; `Rest` when an `if`'s branch met a statement that cannot, which has not run.
    /// At the `top` of a block (not inside an `if`'s branch), an expression statement or an
    /// assignment to names whose value is a quick call (`f(…)` or `await f(…)`, see
    /// [`Interp::quick_call`]) makes the call and leaves the wait to the caller (`Wait`).
    fn exec_simple<'a>(&self, scope: &Rc<Scope>, stmt: &'a Stmt, top: bool) -> Sync<'a> {
        macro_rules! value {
            ($e:expr) => {
                match self.simple(scope, $e) {
                    None => return Sync::Async,
                    Some(Err(err)) => return Sync::Done(Err(err)),
                    Some(Ok(v)) => v,
                }
            };
        }
        // `f(…)` or `await f(…)` as a quick call, made; None when it is not one.
        let call = |e: &'a Expr, targets: &'a [Expr]| -> Option<Sync<'a>> {
            let (inner, awaited) = match &e.kind {
                ExprKind::Await(inner) => (&**inner, true),
                _ => (e, false),
            };
            Some(match self.quick_call(scope, inner)? {
                Err(err) => Sync::Done(Err(err)),
                Ok(value) if awaited || matches!(&value, Value::Coro(c) if c.blocking) => {
                    Sync::Wait { value, awaited, targets, at: e }
                }
                Ok(value) => {
                    for t in targets {
                        if let ExprKind::Name(n) = t.kind {
                            self.store(scope, n, value.clone());
                        }
                    }
                    Sync::Done(Ok(Flow::Next))
                }
            })
        };
        match &stmt.kind {
            StmtKind::Pass => Sync::Done(Ok(Flow::Next)),
            StmtKind::Break => Sync::Done(Ok(Flow::Break)),
            StmtKind::Continue => Sync::Done(Ok(Flow::Continue)),
            StmtKind::Expr(e) => {
                if top && matches!(e.kind, ExprKind::Call(..) | ExprKind::Await(_)) {
                    return call(e, &[]).unwrap_or(Sync::Async);
                }
                value!(e);
                Sync::Done(Ok(Flow::Next))
            }
            StmtKind::Return(Some(e)) => Sync::Done(Ok(Flow::Return(value!(e)))),
            StmtKind::Return(None) => Sync::Done(Ok(Flow::Return(Value::None))),
            StmtKind::Assign { targets, value } if targets.iter().all(|t| matches!(t.kind, ExprKind::Name(_))) => {
                if top && matches!(value.kind, ExprKind::Call(..) | ExprKind::Await(_)) {
                    return call(value, targets).unwrap_or(Sync::Async);
                }
                let v = value!(value);
                for t in targets {
                    if let ExprKind::Name(n) = t.kind {
                        self.store(scope, n, v.clone());
                    }
                }
                Sync::Done(Ok(Flow::Next))
            }
            StmtKind::AugAssign { target, op, value } => {
                let ExprKind::Name(n) = target.kind else { return Sync::Async };
                if let Some(new) = self.peek_int(scope, n).and_then(|a| int_op(*op, a, self.int_expr(scope, value)?)) {
                    self.store(scope, n, Value::Int(new));
                    return Sync::Done(Ok(Flow::Next));
                }
                let old = match self.load(scope, n) {
                    Ok(Value::Instance(_) | Value::List(_) | Value::Dict(_) | Value::Set(_)) => return Sync::Async,
                    Ok(v) => v,
                    Err(_) => return Sync::Async,
                };
                let v = value!(value);
                if let Some(new) = quick_int(*op, &old, &v) {
                    self.store(scope, n, new);
                    return Sync::Done(Ok(Flow::Next));
                }
                if matches!(v, Value::Instance(_)) {
                    return Sync::Async;
                }
                Sync::Done(
                    builtins::binop(self, *op, &old, &v)
                        .map(|new| {
                            self.store(scope, n, new);
                            Flow::Next
                        })
                        .map_err(|e| builtins::inplace_error(*op, e)),
                )
            }
            StmtKind::If { test, body, orelse } => {
                let holds = match self.int_test(scope, test) {
                    Some(holds) => holds,
                    None => {
                        let t = value!(test);
                        if matches!(t, Value::Instance(_)) {
                            return Sync::Async;
                        }
                        t.truthy()
                    }
                };
                let branch = if holds { body } else { orelse };
                if !branch.iter().all(|s| !matches!(s.kind, StmtKind::If { .. }) && leaf_kind(s)) {
                    return Sync::Rest(branch);
                }
                for (i, s) in branch.iter().enumerate() {
                    self.step(scope, s.line);
                    match self.exec_simple(scope, s, false) {
                        Sync::Done(Ok(Flow::Next)) => {}
                        Sync::Done(flow) => return Sync::Done(flow),
                        _ => return Sync::Rest(&branch[i..]),
                    }
                }
                Sync::Done(Ok(Flow::Next))
            }
            _ => Sync::Async,
        }
    }

    pub(super) async fn exec(&self, scope: &Rc<Scope>, stmt: &Stmt) -> PyResult<Flow> {
        match &stmt.kind {
            StmtKind::Expr(e) => {
                self.eval(scope, e).await?;
            }
            StmtKind::Assign { targets, value } => {
                let v = self.eval(scope, value).await?;
                for t in targets {
                    self.assign(scope, t, v.clone()).await?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(scope, target, *op, value).await?,
            StmtKind::AnnAssign { target, value, annotation, annotation_end } => {
                if let Some(value) = value {
                    let v = self.eval(scope, value).await?;
                    self.assign(scope, target, v).await?;
                }
                // The module's own hints go into its `__annotations__`, evaluated (as text
                // after `from __future__ import annotations`); a function's are not looked at.
                if let (true, ExprKind::Name(n)) = (scope.info.is_module, &target.kind) {
                    let hint = self.hint(scope, annotation, *annotation_end).await?;
                    let hints = self.globals.borrow().get(&intern("__annotations__")).cloned();
                    if let Some(Value::Dict(d)) = hints {
                        let name = Value::Str(text(*n));
                        d.borrow_mut().insert(name.key()?, name, hint);
                    }
                }
            }
            StmtKind::If { test, body, orelse } => {
                // The test's value goes before the branch runs (a coroutine called without
                // `await` in it is warned about at the `if`, as in CPython).
                let holds = self.holds(scope, test).await?;
                return self.exec_inline(scope, if holds { body } else { orelse }).await;
            }
            StmtKind::While { test, body, orelse } => {
                return self.exec_while(scope, stmt.line, test, body, orelse).await
            }
            StmtKind::For { target, iter, body, orelse, is_async } => {
                let it = self.eval(scope, iter).await?;
                let mut items = self.items_for(it, *is_async)?;
                // Each resume of a generator runs on the `for` line, as its traceback shows.
                while let Some(item) = {
                    scope.line.set(stmt.line);
                    items.next(self).await?
                } {
                    match target.kind {
                        ExprKind::Name(n) => self.store(scope, n, item),
                        _ => self.assign(scope, target, item).await?,
                    }
                    if self.step(scope, stmt.line) {
                        self.preempt().await?;
                    }
                    let flow = match self.exec_inline(scope, body).await {
                        Ok(Flow::Next | Flow::Continue) => continue,
                        Ok(Flow::Break) => Ok(Flow::Next),
                        done => done,
                    };
                    items.leave(self);
                    return flow;
                }
                return self.exec_block(scope, orelse).await;
            }
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::Pass | StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Return(value) => {
                let v = match value {
                    Some(e) => self.eval(scope, e).await?,
                    None => Value::None,
                };
                return Ok(Flow::Return(v));
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                return self.exec_try(scope, body, handlers, orelse, finalbody).await;
            }
            StmtKind::FunctionDef(_)
            | StmtKind::ClassDef { .. }
            | StmtKind::Raise { .. }
            | StmtKind::Assert { .. }
            | StmtKind::Del(_)
            | StmtKind::Import(_)
            | StmtKind::ImportFrom { .. } => return self.exec_rare(scope, stmt).await,
            StmtKind::With { items, body, is_async } => return self.exec_with(scope, items, body, *is_async).await,
            StmtKind::Match { subject, cases } => return self.exec_match(scope, subject, cases).await,
        }
        Ok(Flow::Next)
    }

    /// The values of `exprs`, in order.
    async fn eval_all(&self, scope: &Rc<Scope>, exprs: &[Expr]) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(exprs.len());
        for e in exprs {
            out.push(self.eval(scope, e).await?);
        }
        Ok(out)
    }

    /// The statements a loop seldom runs (definitions, `raise`, `assert`, `del`, imports), in
    /// a future of their own: `exec`'s, which every running statement keeps, stays small.
    pub(super) fn exec_rare<'a>(&'a self, scope: &'a Rc<Scope>, stmt: &'a Stmt) -> Fut<'a, PyResult<Flow>> {
        Box::pin(async move {
            match &stmt.kind {
                // Decorators are evaluated first, then the definition made, then they are
                // applied innermost first, as in CPython.
                StmtKind::FunctionDef(def) => {
                    let decorators = self.eval_all(scope, &def.decorators).await?;
                    let mut f = self.make_function(scope, def, scope).await?;
                    // A decorator that fails fails at its own line (`@deco`).
                    for (dec, at) in decorators.into_iter().zip(&def.decorators).rev() {
                        f = self.call(dec, vec![f], vec![]).await.map_err(|e| failed_at(e, at))?;
                    }
                    self.store(scope, def.bound, f);
                }
                StmtKind::ClassDef { name, bases, body, decorators, line } => {
                    let decorators_at = decorators;
                    let decorators = self.eval_all(scope, decorators).await?;
                    scope.line.set(*line); // its body runs at `class`, not at a decorator
                    let mut class = self.make_class(scope, *name, bases, body).await?;
                    for (dec, at) in decorators.into_iter().zip(decorators_at).rev() {
                        class = self.call(dec, vec![class], vec![]).await.map_err(|e| failed_at(e, at))?;
                    }
                    self.store(scope, *name, class);
                }
                StmtKind::Raise { exc: e, cause } => {
                    let Some(e) = e else {
                        return Err(
                            aio::handling().unwrap_or_else(|| exc("RuntimeError", "No active exception to reraise"))
                        );
                    };
                    let v = self.eval(scope, e).await?;
                    let v = self.make_exception(v)?;
                    if let Some(c) = cause {
                        let c = self.eval(scope, c).await?;
                        if let Value::Instance(i) = &v {
                            // `from` sets the cause and hides the context, as CPython's does.
                            // (`from None` clears a cause it had: `raise err from None`.)
                            i.suppress_context.set(true);
                            let cause = match c {
                                Value::None => None,
                                c => Some(self.make_exception(c).map_err(|_| {
                                    exc("TypeError", "exception causes must derive from BaseException")
                                })?),
                            };
                            *i.cause.borrow_mut() = cause;
                        }
                    }
                    // An exception raised again keeps where it went before: this frame goes in
                    // front (CPython prints `raise err`'s line, then the frames it came through).
                    if let Value::Instance(i) = &v {
                        i.tb_scope.set(0);
                        i.raised.set(true);
                    }
                    // Raised while another is handled (in an `except` block or what it calls):
                    // that one is its context at once, as in CPython, even if it is caught here.
                    if let Some(handled) = aio::handling() {
                        set_context_of(&v, &handled, true);
                    }
                    self.note_raise_at(&v, e, cause.as_ref().unwrap_or(e));
                    return Err(v);
                }
                StmtKind::Assert { test, msg } => {
                    if !self.holds(scope, test).await? {
                        let args = match msg {
                            Some(m) => vec![self.eval(scope, m).await?],
                            None => vec![],
                        };
                        let err = new_exception(exc_class("AssertionError"), args);
                        // CPython 3.11 marks the test's last comparison, or the statement.
                        return Err(match last_comparison(test) {
                            Some(c) => failed_at(err, c),
                            None => {
                                self.note_statement_at(&err, "assert", test, msg.as_ref().unwrap_or(test));
                                err
                            }
                        });
                    }
                }
                StmtKind::Del(targets) => {
                    for t in targets {
                        let at = |e| failed_at(e, t);
                        match &t.kind {
                            ExprKind::Name(n) => self.delete(scope, *n).map_err(at)?,
                            ExprKind::Subscript(obj, index) => {
                                let o = self.eval(scope, obj).await?;
                                let i = self.eval(scope, index).await?;
                                self.del_item(&o, i).await.map_err(at)?;
                            }
                            ExprKind::Attribute(obj, attr) => {
                                let o = self.eval(scope, obj).await?;
                                builtins::del_attr(self, &o, *attr).map_err(at)?;
                            }
                            _ => return raise("SyntaxError", "cannot delete this expression"),
                        }
                    }
                }
                StmtKind::Import(aliases) => {
                    for a in aliases {
                        let m = self.host.import(&a.name)?;
                        // `import asyncio.exceptions` names the package, `asyncio`.
                        let (bind, m) = match (a.asname, a.name.split_once('.')) {
                            (Some(name), _) => (name, m),
                            (None, Some((top, _))) => (intern(top), self.host.import(top)?),
                            (None, None) => (intern(&a.name), m),
                        };
                        self.store(scope, bind, m);
                    }
                }
                StmtKind::ImportFrom { module, names } => {
                    if module == "__future__" && names.iter().any(|a| a.name == "annotations") {
                        self.hints_as_text.set(true);
                    }
                    let m = self.host.import(module)?;
                    for a in names {
                        // Every public name of the module (the parser refuses it in a function;
                        // CPython's compiler in a class body too).
                        if a.name == "*" {
                            let Value::Module(from) = &m else { return unsupported("from … import *") };
                            if !scope.info.is_module {
                                return unsupported("from … import * in a class body");
                            }
                            let public: Vec<(Name, Value)> = (from.attrs.borrow().iter())
                                .filter(|(n, _)| !text(**n).starts_with('_'))
                                .map(|(n, v)| (*n, v.clone()))
                                .collect();
                            for (n, v) in public {
                                self.store(scope, n, v);
                            }
                            continue;
                        }
                        // A name not offered yet says so; any other missing name is an ImportError.
                        let v = self.get_attr(&m, intern(&a.name)).map_err(|e| match &*e.class().name {
                            "NotImplementedError" => e,
                            _ => {
                                // A module built into CPython has no file to name.
                                let built_in = matches!(&**module, "itertools" | "time" | "sys" | "builtins");
                                let at = if built_in { " (unknown location)" } else { "" };
                                let e =
                                    exc("ImportError", format!("cannot import name '{}' from '{module}'{at}", a.name));
                                if let Value::Instance(i) = &e {
                                    i.set(intern("name"), Value::str(module)); // `e.name`: the module
                                }
                                e
                            }
                        })?;
                        self.store(scope, a.asname.unwrap_or_else(|| intern(&a.name)), v);
                    }
                }
                _ => unreachable!("exec sends only these"),
            }
            Ok(Flow::Next)
        })
    }
}

/// The comparison CPython 3.11's compiler leaves an `assert`'s failure at: the last one it
/// compiles as a condition (through `and`, `or`, `not` and `if`-`else`, not inside a call).
fn last_comparison(e: &Expr) -> Option<&Expr> {
    match &e.kind {
        ExprKind::Compare(..) => Some(e),
        ExprKind::BoolOp(_, values) => values.iter().rev().find_map(last_comparison),
        ExprKind::Unary(UnaryOp::Not, x) => last_comparison(x),
        ExprKind::IfExp(test, body, orelse) => {
            last_comparison(orelse).or_else(|| last_comparison(body)).or_else(|| last_comparison(test))
        }
        _ => None,
    }
}
