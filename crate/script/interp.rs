//! The evaluator: runs the syntax tree. Statements and expressions are async, so that an
//! `await` deep inside a coroutine suspends the runtime task that runs it, and `await coro`
//! runs the coroutine inline in the awaiting task, as CPython does. Expressions with no call
//! and no await take a plain synchronous path (`simple`), with no allocation.
//!
//! Every statement is a step: steps give the recursion limit, a deterministic CPU cost for
//! virtual time, and the points where an endless loop hands the browser a turn while still
//! holding the loop (see `preempt`), so no other task of the run runs meanwhile, as in CPython.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use super::aio::{self, Coro};
use super::ast::*;
use super::builtins;
use super::value::*;

thread_local! {
    /// The symbol of `super`, whose call the quick path leaves alone.
    static SUPER: Name = intern("super");
}

/// A boxed future borrowing from the tree it runs.
pub type Fut<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// An expression's value: at once when it took the synchronous path (no allocation), or the
/// async path's future.
pub type Evaluated<'a> = futures::future::Either<std::future::Ready<PyResult>, Fut<'a, PyResult>>;

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
    Wait { value: Value, awaited: bool, targets: &'a [Expr] },
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

/// How a block ended.
pub enum Flow {
    /// It ran to its end.
    Next,
    /// `break`
    Break,
    /// `continue`
    Continue,
    /// `return value`
    Return(Value),
}

/// Which names a function (or class body, or comprehension) keeps as its own.
#[derive(Default, Debug)]
pub struct ScopeInfo {
    /// Local names, in slot order (parameters first).
    pub locals: Vec<Name>,
    /// Names declared `global`.
    pub globals: Vec<Name>,
    /// The module's scope: every name is global.
    pub is_module: bool,
    /// A class body: functions defined in it do not see its names.
    pub is_class: bool,
}

impl ScopeInfo {
    fn slot(&self, name: Name) -> Option<usize> {
        self.locals.iter().position(|&n| n == name)
    }
}

/// One execution of a function (or a class body, a comprehension, the module).
pub struct Scope {
    /// Its local variables by slot (`None`: not yet assigned).
    pub slots: RefCell<Vec<Option<Value>>>,
    /// Which names are local.
    pub info: Rc<ScopeInfo>,
    /// The scope it was defined in (for free variables).
    pub parent: Option<Rc<Scope>>,
    /// Its name in tracebacks (`<module>`, the function's name).
    pub name: Rc<str>,
    /// The line it is running now.
    pub line: Cell<u32>,
    /// The class a method was defined in (for `super()`).
    pub class: Option<Rc<Class>>,
}

impl Scope {
    /// A scope for `info`, inside `parent`.
    pub fn new(info: Rc<ScopeInfo>, parent: Option<Rc<Scope>>, name: Rc<str>, class: Option<Rc<Class>>) -> Rc<Scope> {
        let slots = vec![None; info.locals.len()];
        Rc::new(Scope { slots: RefCell::new(slots), info, parent, name, line: Cell::new(0), class })
    }
}

/// A definition and its locals (see [`Interp::scope_info`]).
type DefInfo = (Rc<FuncDef>, Rc<ScopeInfo>);

/// Limits that keep a script from taking the page down.
pub const RECURSION_LIMIT: u32 = 1000;
/// Nested calls from a built-in into the script (`call_sync`): each nests a poll on the
/// browser's own call stack (see `call_sync`).
const MAX_SYNC_CALLS: u32 = 40;
/// Most elements one list, dict, set or range may hold.
pub const MEMORY_LIMIT: usize = 10_000_000;
/// Most bytes of memory the page's wasm may grow to while a script allocates.
pub const MEMORY_BYTES: usize = 256 << 20;
/// Virtual time one step costs, in ms (100 ns: about what CPython spends on a statement).
pub const STEP_MS: f64 = 0.0001;
/// Virtual time a task's turn on the loop costs, in ms (1 µs: about what CPython's loop spends
/// to resume a task), so that tasks that keep waking each other still move a virtual clock
/// as they would move CPython's.
pub const SWITCH_MS: f64 = 0.001;
/// Steps between two looks at the real clock (the time slice) during a long computation.
const STEPS_PER_CHECK: u32 = 256;

/// A run's interpreter: its globals, built-ins, modules, output and counters.
pub struct Interp {
    /// The module's variables.
    pub globals: RefCell<NameMap<Value>>,
    /// The built-in names.
    pub builtins: NameMap<Value>,
    /// The module scope (its `info.is_module`).
    pub module_scope: Rc<Scope>,
    /// Steps since the last check of the time slice.
    pub unchecked: Cell<u32>,
    /// Steps not yet charged to a virtual clock.
    pub uncharged: Cell<u64>,
    /// Elements made since memory was last looked at (see [`Interp::alloc`]).
    pub memory: Cell<usize>,
    /// Each definition's [`ScopeInfo`], worked out once: by the definition's address, with
    /// the definition kept so the address stays its own while the run lives.
    infos: RefCell<HashMap<usize, DefInfo>>,
    /// Inside a call that cannot suspend (a `key=` function, a `__str__`): no preemption.
    pub no_suspend: Cell<u32>,
    /// The run's output and the modules' state.
    pub host: super::host::Host,
    /// The lines the poll running now has run.
    pub ran: super::lines::Ran,
}

/// Makes a new unbound-local / name error.
fn name_error(name: Name) -> Exc {
    exc("NameError", format!("name '{}' is not defined", text(name)))
}

impl Interp {
    /// A fresh interpreter for one run.
    pub fn new(host: super::host::Host) -> Rc<Interp> {
        let info = Rc::new(ScopeInfo { is_module: true, ..ScopeInfo::default() });
        let globals = NameMap::from_iter([(intern("__name__"), Value::str("__main__"))]);
        Rc::new(Interp {
            globals: RefCell::new(globals),
            builtins: builtins::table(),
            module_scope: Scope::new(info, None, "<module>".into(), None),
            unchecked: Cell::new(0),
            uncharged: Cell::new(0),
            memory: Cell::new(0),
            no_suspend: Cell::new(0),
            infos: RefCell::default(),
            ran: super::lines::Ran::new(host.out.source.len()),
            host,
        })
    }

    // ---- names ----

    /// Reads a variable as Python does: local, enclosing functions, module, built-ins.
    pub fn load(&self, scope: &Scope, name: Name) -> PyResult {
        if !scope.info.is_module {
            if let Some(i) = scope.info.slot(name) {
                if let Some(v) = &scope.slots.borrow()[i] {
                    return Ok(v.clone());
                }
                if scope.info.is_class {
                    return self.load_global(name);
                }
                return Err(exc(
                    "UnboundLocalError",
                    format!("cannot access local variable '{}' where it is not associated with a value", text(name)),
                ));
            }
            if !scope.info.globals.contains(&name) {
                let mut p = scope.parent.as_deref();
                while let Some(s) = p {
                    if s.info.is_module {
                        break;
                    }
                    if !s.info.is_class {
                        if let Some(i) = s.info.slot(name) {
                            return s.slots.borrow()[i].clone().ok_or_else(|| {
                                exc(
                                    "NameError",
                                    format!(
                                        "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
                                        text(name)
                                    ),
                                )
                            });
                        }
                    }
                    p = s.parent.as_deref();
                }
            }
        }
        self.load_global(name)
    }

    fn load_global(&self, name: Name) -> PyResult {
        if let Some(v) = self.globals.borrow().get(&name) {
            return Ok(v.clone());
        }
        self.builtins.get(&name).cloned().ok_or_else(|| name_error(name))
    }

    /// Binds a variable in `scope` (local, or global/nonlocal as declared).
    pub fn store(&self, scope: &Scope, name: Name, value: Value) {
        if !scope.info.is_module {
            if let Some(i) = scope.info.slot(name) {
                scope.slots.borrow_mut()[i] = Some(value);
                return;
            }
            if !scope.info.globals.contains(&name) {
                // nonlocal: the nearest enclosing function that has it
                let mut p = scope.parent.as_deref();
                while let Some(s) = p {
                    if s.info.is_module {
                        break;
                    }
                    if let (false, Some(i)) = (s.info.is_class, s.info.slot(name)) {
                        s.slots.borrow_mut()[i] = Some(value);
                        return;
                    }
                    p = s.parent.as_deref();
                }
            }
        }
        self.globals.borrow_mut().insert(name, value);
    }

    fn delete(&self, scope: &Scope, name: Name) -> PyResult<()> {
        if !scope.info.is_module {
            if let Some(i) = scope.info.slot(name) {
                return match scope.slots.borrow_mut()[i].take() {
                    Some(_) => Ok(()),
                    None => Err(name_error(name)),
                };
            }
        }
        self.globals.borrow_mut().remove(&name).map(|_| ()).ok_or_else(|| name_error(name))
    }

    /// The locals of a function made from `def` (see [`scope_info`]), once per definition.
    fn scope_info(&self, def: &Rc<FuncDef>) -> Rc<ScopeInfo> {
        let key = Rc::as_ptr(def) as usize;
        let mut infos = self.infos.borrow_mut();
        Rc::clone(&infos.entry(key).or_insert_with(|| (Rc::clone(def), Rc::new(scope_info(def)))).1)
    }

    // ---- steps, limits and preemption ----

    /// Counts a step at `line`; true when the time slice should be checked (see `preempt`).
    #[inline]
    fn step(&self, scope: &Scope, line: u32) -> bool {
        scope.line.set(line);
        aio::LINE.with(|l| l.set(line));
        self.ran.note(line);
        self.uncharged.set(self.uncharged.get() + 1);
        let n = self.unchecked.get() + 1;
        self.unchecked.set(n);
        n >= STEPS_PER_CHECK
    }

    /// Charges the steps counted so far to the run's clock (a virtual run's only CPU time).
    pub fn charge_steps(&self) {
        super::host::charge(self.uncharged.replace(0) as f64 * STEP_MS);
    }

    /// Every few hundred steps: if this poll has had its time slice, holds the run and gives
    /// the browser a turn (nothing else of the run is polled meanwhile), then goes on; a
    /// `to_thread` worker yields to the loop instead.
    async fn preempt(&self) -> PyResult<()> {
        self.unchecked.set(0);
        self.charge_steps();
        if !super::host::slice_spent() {
            return Ok(());
        }
        if self.no_suspend.get() == 0 {
            if aio::current().is_some_and(|t| t.is_thread) {
                // A `to_thread` worker gives the loop a turn instead, as CPython's GIL
                // switches threads every 5 ms: the loop's tasks run between its slices.
                crate::runtime::yield_now().await;
            } else {
                aio::Hold::default().await;
            }
        } else if super::host::stuck() {
            // Called by a built-in (a `__str__`, a `key=`), it cannot give the page a turn.
            return raise(
                "RuntimeError",
                "Loopscope stops a function called by a built-in (a __str__, a key=…) that runs 2 s without returning: it cannot let the page draw",
            );
        }
        Ok(())
    }

    /// Checks a container about to hold `n` more elements: no one container past
    /// [`MEMORY_LIMIT`] elements, and the page's memory (looked at every so often) under
    /// [`MEMORY_BYTES`].
    pub fn alloc(&self, n: usize) -> PyResult<()> {
        // Bulk work counts as steps (one per 64 elements): a loop copying big lists reaches
        // its time-slice check as often as one doing the same work a statement at a time.
        let extra = (n / 64) as u32;
        self.unchecked.set(self.unchecked.get().saturating_add(extra));
        self.uncharged.set(self.uncharged.get() + u64::from(extra));
        let total = self.memory.get().saturating_add(n);
        self.memory.set(total);
        if n > MEMORY_LIMIT || (total > 1 << 16 && super::host::memory_bytes() > MEMORY_BYTES) {
            return raise("MemoryError", "a script may use 256 MiB of the page's memory at most (Loopscope's limit)");
        }
        if total > 1 << 16 {
            self.memory.set(0);
        }
        Ok(())
    }

    // ---- statements ----

    /// Runs a block.
    pub fn exec_block<'a>(&'a self, scope: &'a Rc<Scope>, block: &'a [Stmt]) -> Fut<'a, PyResult<Flow>> {
        Box::pin(self.exec_inline(scope, block))
    }

    /// Runs a block in the caller's own future: statements that neither call nor await run
    /// synchronously ([`Interp::exec_simple`]); only the others get a future of their own. A
    /// loop's body runs this way on every round, with no allocation for its simple statements.
    async fn exec_inline(&self, scope: &Rc<Scope>, block: &[Stmt]) -> PyResult<Flow> {
        for stmt in block {
            if self.step(scope, stmt.line) {
                self.preempt().await?;
            }
            let flow = match self.exec_simple(scope, stmt, true) {
                Sync::Done(flow) => flow,
                Sync::Async => self.exec_boxed(scope, stmt).await,
                Sync::Rest(rest) => self.exec_block(scope, rest).await,
                // `finish_call`, written out: this is every `await f(…)` statement's path.
                Sync::Wait { value, awaited, targets } => 'wait: {
                    let mut v = value;
                    if matches!(&v, Value::Coro(c) if c.blocking) {
                        v = match self.await_value(v).await {
                            Ok(v) => v,
                            Err(e) => break 'wait Err(e),
                        };
                    }
                    if awaited {
                        v = match self.await_value(v).await {
                            Ok(v) => v,
                            Err(e) => break 'wait Err(e),
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
    fn exec_while<'a>(
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
                        let t = self.eval(scope, test).await?;
                        if !self.truthy(&t)? {
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
                            Sync::Wait { value, awaited, targets } => {
                                self.finish_call(scope, value, awaited, targets).await
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
    async fn finish_call(&self, scope: &Rc<Scope>, value: Value, awaited: bool, targets: &[Expr]) -> PyResult<Flow> {
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
    fn store_names(&self, scope: &Scope, targets: &[Expr], v: Value) {
        for t in targets {
            if let ExprKind::Name(n) = t.kind {
                self.store(scope, n, v.clone());
            }
        }
    }

    fn exec_boxed<'a>(&'a self, scope: &'a Rc<Scope>, stmt: &'a Stmt) -> Fut<'a, PyResult<Flow>> {
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
        let call = |e: &Expr, targets: &'a [Expr]| -> Option<Sync<'a>> {
            let (inner, awaited) = match &e.kind {
                ExprKind::Await(inner) => (&**inner, true),
                _ => (e, false),
            };
            Some(match self.quick_call(scope, inner)? {
                Err(err) => Sync::Done(Err(err)),
                Ok(value) if awaited || matches!(&value, Value::Coro(c) if c.blocking) => {
                    Sync::Wait { value, awaited, targets }
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
                    Ok(Value::Instance(_) | Value::List(_)) => return Sync::Async,
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
                Sync::Done(builtins::binop(self, *op, &old, &v).map(|new| {
                    self.store(scope, n, new);
                    Flow::Next
                }))
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

    async fn exec(&self, scope: &Rc<Scope>, stmt: &Stmt) -> PyResult<Flow> {
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
            StmtKind::AnnAssign { target, value } => {
                if let Some(value) = value {
                    let v = self.eval(scope, value).await?;
                    self.assign(scope, target, v).await?;
                }
            }
            StmtKind::If { test, body, orelse } => {
                let t = self.eval(scope, test).await?;
                let branch = if self.truthy(&t)? { body } else { orelse };
                return self.exec_inline(scope, branch).await;
            }
            StmtKind::While { test, body, orelse } => {
                return self.exec_while(scope, stmt.line, test, body, orelse).await
            }
            StmtKind::For { target, iter, body, orelse, is_async } => {
                if *is_async {
                    return unsupported("async for");
                }
                let it = self.eval(scope, iter).await?;
                let items = self.iterate(&it)?;
                for item in items {
                    match target.kind {
                        ExprKind::Name(n) => self.store(scope, n, item),
                        _ => self.assign(scope, target, item).await?,
                    }
                    if self.step(scope, stmt.line) {
                        self.preempt().await?;
                    }
                    match self.exec_inline(scope, body).await? {
                        Flow::Break => return Ok(Flow::Next),
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Next | Flow::Continue => {}
                    }
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
        }
        Ok(Flow::Next)
    }

    /// The statements a loop seldom runs (definitions, `raise`, `assert`, `del`, imports), in
    /// a future of their own: `exec`'s, which every running statement keeps, stays small.
    fn exec_rare<'a>(&'a self, scope: &'a Rc<Scope>, stmt: &'a Stmt) -> Fut<'a, PyResult<Flow>> {
        Box::pin(async move {
            match &stmt.kind {
                StmtKind::FunctionDef(def) => {
                    let f = self.make_function(scope, def, None).await?;
                    let mut f = f;
                    for d in def.decorators.iter().rev() {
                        let dec = self.eval(scope, d).await?;
                        f = self.call(dec, vec![f], vec![]).await?;
                    }
                    self.store(scope, def.name, f);
                }
                StmtKind::ClassDef { name, bases, body, decorators } => {
                    if !decorators.is_empty() {
                        return unsupported("class decorators");
                    }
                    let class = self.make_class(scope, *name, bases, body).await?;
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
                            if matches!(c, Value::None) {
                                i.suppress_context.set(true);
                            } else {
                                *i.cause.borrow_mut() = Some(self.make_exception(c)?);
                            }
                        }
                    }
                    if let Value::Instance(i) = &v {
                        i.traceback.borrow_mut().clear();
                        i.tb_scope.set(0);
                    }
                    return Err(v);
                }
                StmtKind::Assert { test, msg } => {
                    let t = self.eval(scope, test).await?;
                    if !self.truthy(&t)? {
                        let args = match msg {
                            Some(m) => vec![self.eval(scope, m).await?],
                            None => vec![],
                        };
                        return Err(new_exception(exc_class("AssertionError"), args));
                    }
                }
                StmtKind::Del(targets) => {
                    for t in targets {
                        match &t.kind {
                            ExprKind::Name(n) => self.delete(scope, *n)?,
                            ExprKind::Subscript(obj, index) => {
                                let o = self.eval(scope, obj).await?;
                                let i = self.eval(scope, index).await?;
                                builtins::del_item(&o, &i)?;
                            }
                            ExprKind::Attribute(obj, attr) => {
                                let o = self.eval(scope, obj).await?;
                                match &o {
                                    Value::Instance(i) => {
                                        let mut attrs = i.attrs.borrow_mut();
                                        let before = attrs.len();
                                        attrs.retain(|(n, _)| n != attr);
                                        if attrs.len() == before {
                                            return raise("AttributeError", text(*attr).to_string());
                                        }
                                    }
                                    _ => return unsupported("del of this attribute"),
                                }
                            }
                            _ => return raise("SyntaxError", "cannot delete this expression"),
                        }
                    }
                }
                StmtKind::Import(aliases) => {
                    for a in aliases {
                        let m = super::modules::import(&a.name)?;
                        let bind = a.asname.unwrap_or_else(|| intern(a.name.split('.').next().unwrap_or(&a.name)));
                        self.store(scope, bind, m);
                    }
                }
                StmtKind::ImportFrom { module, names } => {
                    let m = super::modules::import(module)?;
                    for a in names {
                        if a.name == "*" {
                            return unsupported("from … import *");
                        }
                        let v = self.get_attr(&m, intern(&a.name)).map_err(|_| {
                            exc("ImportError", format!("cannot import name '{}' from '{module}'", a.name))
                        })?;
                        self.store(scope, a.asname.unwrap_or_else(|| intern(&a.name)), v);
                    }
                }
                _ => unreachable!("exec sends only these"),
            }
            Ok(Flow::Next)
        })
    }

    fn exec_with<'a>(
        &'a self,
        scope: &'a Rc<Scope>,
        items: &'a [WithItem],
        body: &'a [Stmt],
        is_async: bool,
    ) -> Fut<'a, PyResult<Flow>> {
        Box::pin(async move {
            let Some((first, rest)) = items.split_first() else {
                return self.exec_block(scope, body).await;
            };
            let cm = self.eval(scope, &first.context).await?;
            let (enter, exit) = if is_async { ("__aenter__", "__aexit__") } else { ("__enter__", "__exit__") };
            let entered = self.call_method(&cm, enter, vec![]).await?;
            let entered = if is_async { self.await_value(entered).await? } else { entered };
            if let Some(t) = &first.target {
                self.assign(scope, t, entered).await?;
            }
            let out = if rest.is_empty() {
                self.exec_block(scope, body).await
            } else {
                self.exec_with(scope, rest, body, is_async).await
            };
            let args = match &out {
                Err(e) => vec![Value::Class(e.class()), e.clone(), Value::None],
                Ok(_) => vec![Value::None, Value::None, Value::None],
            };
            let r = self.call_method(&cm, exit, args).await?;
            let r = if is_async { self.await_value(r).await? } else { r };
            match out {
                Err(_) if r.truthy() => Ok(Flow::Next),
                out => out,
            }
        })
    }

    async fn exec_try(
        &self,
        scope: &Rc<Scope>,
        body: &[Stmt],
        handlers: &[Handler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> PyResult<Flow> {
        let mut out = self.exec_block(scope, body).await;
        if let Err(e) = &out {
            let e = e.clone();
            for h in handlers {
                let matched = match &h.typ {
                    None => true,
                    Some(t) => {
                        let t = self.eval(scope, t).await?;
                        exception_matches(&e, &t)?
                    }
                };
                if matched {
                    if let Some(n) = h.name {
                        self.store(scope, n, e.clone());
                    }
                    scope.line.set(h.line);
                    out = aio::while_handling(e.clone(), self.exec_block(scope, &h.body)).await;
                    if let Err(new) = &out {
                        set_context(new, &e);
                    }
                    if let Some(n) = h.name {
                        let _ = self.delete(scope, n);
                    }
                    break;
                }
            }
        } else if !orelse.is_empty() {
            out = self.exec_block(scope, orelse).await;
        }
        if !finalbody.is_empty() {
            let fin = match &out {
                Err(e) => aio::while_handling(e.clone(), self.exec_block(scope, finalbody)).await,
                Ok(_) => self.exec_block(scope, finalbody).await,
            };
            match fin {
                Ok(Flow::Next) => {}
                other => return other,
            }
        }
        out
    }

    /// A value raised: an exception instance, or an exception class (instantiated).
    fn make_exception(&self, v: Value) -> PyResult {
        match &v {
            Value::Instance(i) if i.class.is_exception() => Ok(v),
            Value::Class(c) if c.is_exception() => Ok(new_exception(Rc::clone(c), vec![])),
            _ => raise("TypeError", "exceptions must derive from BaseException"),
        }
    }

    async fn make_function(&self, scope: &Rc<Scope>, def: &Rc<FuncDef>, class: Option<&Rc<Class>>) -> PyResult {
        if def.has_yield {
            return unsupported("generators (yield)");
        }
        let mut defaults = Vec::new();
        for p in def.params.args.iter().chain(&def.params.kwonly) {
            defaults.push(match &p.default {
                Some(d) => Some(self.eval(scope, d).await?),
                None => None,
            });
        }
        let closure = (!scope.info.is_module).then(|| Rc::clone(scope));
        let name = text(def.name);
        let qualname = match class {
            Some(c) => format!("{}.{}", c.name, name).into(),
            None => name,
        };
        Ok(Value::Func(Rc::new(Function {
            def: Rc::clone(def),
            defaults,
            closure,
            info: self.scope_info(def),
            qualname,
        })))
    }

    async fn make_class(&self, scope: &Rc<Scope>, name: Name, bases: &[Expr], body: &[Stmt]) -> PyResult {
        let base = match bases {
            [] => None,
            [b] => match self.eval(scope, b).await? {
                Value::Class(c) if matches!(c.kind, Kind::Object | Kind::Exception) => Some(c),
                Value::Class(c) => return unsupported(&format!("subclassing the built-in type '{}'", c.name)),
                other => return raise("TypeError", format!("bases must be types, not {}", other.type_name())),
            },
            _ => return unsupported("multiple inheritance"),
        };
        let kind = if base.as_ref().is_some_and(|b| b.is_exception()) { Kind::Exception } else { Kind::Object };
        let base = base.or_else(|| Some(with_types(|t| Rc::clone(&t.object))));
        let class = Class::new(text(name), base, kind);
        let mut info = ScopeInfo { is_class: true, ..ScopeInfo::default() };
        let mut nonlocals = Vec::new();
        collect_locals(body, &mut info.locals, &mut info.globals, &mut nonlocals);
        let cscope = Scope::new(Rc::new(info), Some(Rc::clone(scope)), text(name), Some(Rc::clone(&class)));
        // Methods are made with the class known (for their qualname and `super()`), and see
        // the scope around the class, not the class body.
        for stmt in body {
            self.step(&cscope, stmt.line);
            match &stmt.kind {
                StmtKind::FunctionDef(def) if def.decorators.is_empty() => {
                    let mut f = self.make_function(scope, def, Some(&class)).await?;
                    if let Value::Func(func) = &f {
                        f = Value::Func(Rc::new(Function {
                            def: Rc::clone(&func.def),
                            defaults: func.defaults.clone(),
                            closure: Some(Scope::new(
                                Rc::new(ScopeInfo::default()),
                                (!scope.info.is_module).then(|| Rc::clone(scope)),
                                text(name),
                                Some(Rc::clone(&class)),
                            )),
                            info: Rc::clone(&func.info),
                            qualname: Rc::clone(&func.qualname),
                        }));
                    }
                    self.store(&cscope, def.name, f);
                }
                _ => {
                    if let Flow::Return(_) = self.exec_block(&cscope, std::slice::from_ref(stmt)).await? {
                        return raise("SyntaxError", "'return' outside function");
                    }
                }
            }
        }
        let names = cscope.info.locals.clone();
        for (n, v) in names.into_iter().zip(cscope.slots.borrow().iter()) {
            if let Some(v) = v {
                class.attrs.borrow_mut().push((n, v.clone()));
            }
        }
        Ok(Value::Class(class))
    }

    /// Assigns `value` to a target: a name, attribute, subscript, or a tuple/list to unpack.
    pub fn assign<'a>(&'a self, scope: &'a Rc<Scope>, target: &'a Expr, value: Value) -> Fut<'a, PyResult<()>> {
        Box::pin(async move {
            match &target.kind {
                ExprKind::Name(n) => self.store(scope, *n, value),
                ExprKind::Attribute(obj, attr) => {
                    let o = self.eval(scope, obj).await?;
                    self.set_attr(&o, *attr, value)?;
                }
                ExprKind::Subscript(obj, index) => {
                    let o = self.eval(scope, obj).await?;
                    let i = self.eval(scope, index).await?;
                    builtins::set_item(self, &o, &i, value)?;
                }
                ExprKind::Tuple(items) | ExprKind::List(items) => {
                    let values = self.iterate(&value)?;
                    let star = items.iter().position(|t| matches!(t.kind, ExprKind::Starred(_)));
                    match star {
                        None => {
                            if values.len() != items.len() {
                                return Err(unpack_error(items.len(), values.len()));
                            }
                            for (t, v) in items.iter().zip(values) {
                                self.assign(scope, t, v).await?;
                            }
                        }
                        Some(s) => {
                            let after = items.len() - s - 1;
                            if values.len() < items.len() - 1 {
                                return raise(
                                    "ValueError",
                                    format!(
                                        "not enough values to unpack (expected at least {}, got {})",
                                        items.len() - 1,
                                        values.len()
                                    ),
                                );
                            }
                            let mut values = values;
                            let tail = values.split_off(values.len() - after);
                            let middle = values.split_off(s);
                            for (t, v) in items[..s].iter().zip(values) {
                                self.assign(scope, t, v).await?;
                            }
                            if let ExprKind::Starred(t) = &items[s].kind {
                                self.assign(scope, t, Value::list(middle)).await?;
                            }
                            for (t, v) in items[s + 1..].iter().zip(tail) {
                                self.assign(scope, t, v).await?;
                            }
                        }
                    }
                }
                _ => return raise("SyntaxError", "cannot assign to expression"),
            }
            Ok(())
        })
    }

    async fn aug_assign(&self, scope: &Rc<Scope>, target: &Expr, op: BinOp, value: &Expr) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                let old = self.load(scope, *n)?;
                let v = self.eval(scope, value).await?;
                let new = self.binop_inplace(op, old, v).await?;
                self.store(scope, *n, new);
            }
            ExprKind::Attribute(obj, attr) => {
                let o = self.eval(scope, obj).await?;
                let old = self.get_attr(&o, *attr)?;
                let v = self.eval(scope, value).await?;
                let new = self.binop_inplace(op, old, v).await?;
                self.set_attr(&o, *attr, new)?;
            }
            ExprKind::Subscript(obj, index) => {
                let o = self.eval(scope, obj).await?;
                let i = self.eval(scope, index).await?;
                let old = builtins::get_item(self, &o, &i)?;
                let v = self.eval(scope, value).await?;
                let new = self.binop_inplace(op, old, v).await?;
                builtins::set_item(self, &o, &i, new)?;
            }
            _ => return raise("SyntaxError", "'expression' is an illegal expression for augmented assignment"),
        }
        Ok(())
    }

    /// `a op= b`: lists extend in place (`+=`), everything else is `a op b`.
    async fn binop_inplace(&self, op: BinOp, a: Value, b: Value) -> PyResult {
        if let (BinOp::Add, Value::List(l)) = (op, &a) {
            let items = self.iterate(&b)?;
            self.alloc(items.len())?;
            l.borrow_mut().extend(items);
            return Ok(a);
        }
        self.binop(op, a, b).await
    }

    // ---- expressions ----

    /// Evaluates an expression: synchronously when it has no call and no await, else async.
    pub fn eval<'a>(&'a self, scope: &'a Rc<Scope>, e: &'a Expr) -> Evaluated<'a> {
        match self.simple(scope, e) {
            Some(r) => futures::future::Either::Left(std::future::ready(r)),
            None => futures::future::Either::Right(self.eval_full(scope, e)),
        }
    }

    /// The synchronous path: `None` if the expression calls or awaits (then nothing with an
    /// effect has happened yet, and the async path starts over).
    fn simple(&self, scope: &Rc<Scope>, e: &Expr) -> Option<PyResult> {
        macro_rules! sub {
            ($e:expr) => {
                match self.simple(scope, $e)? {
                    Ok(v) => v,
                    Err(err) => return Some(Err(err)),
                }
            };
        }
        Some(match &e.kind {
            ExprKind::Const(c) => Ok(const_value(c)),
            ExprKind::Name(n) => self.load(scope, *n),
            ExprKind::Attribute(obj, attr) => {
                let o = sub!(obj);
                if matches!(o, Value::Instance(_)) {
                    return None; // may reach a script's method that is then called
                }
                self.get_attr(&o, *attr)
            }
            ExprKind::Subscript(obj, index) => {
                let o = sub!(obj);
                if matches!(o, Value::Instance(_)) {
                    return None;
                }
                let i = sub!(index);
                builtins::get_item(self, &o, &i)
            }
            ExprKind::Slice(a, b, c) => {
                let part = |x: &Option<Box<Expr>>| -> Option<PyResult> {
                    Some(match x {
                        Some(x) => self.simple(scope, x)?,
                        None => Ok(Value::None),
                    })
                };
                let (a, b, c) = (part(a)?, part(b)?, part(c)?);
                match (a, b, c) {
                    (Ok(a), Ok(b), Ok(c)) => Ok(Value::Slice(Rc::new([a, b, c]))),
                    (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => Err(e),
                }
            }
            ExprKind::BinOp(a, op, b) => {
                if let Some(i) = self.int_expr(scope, e) {
                    return Some(Ok(Value::Int(i)));
                }
                let x = sub!(a);
                let y = sub!(b);
                if let Some(v) = quick_int(*op, &x, &y) {
                    return Some(Ok(v));
                }
                if matches!(x, Value::Instance(_)) || matches!(y, Value::Instance(_)) {
                    return None;
                }
                builtins::binop(self, *op, &x, &y)
            }
            ExprKind::Unary(op, a) => {
                let x = sub!(a);
                if matches!(x, Value::Instance(_)) && *op != UnaryOp::Not {
                    return None;
                }
                builtins::unary(*op, &x)
            }
            ExprKind::BoolOp(is_and, items) => {
                let mut last = Value::None;
                for item in items {
                    last = sub!(item);
                    if matches!(last, Value::Instance(_)) {
                        return None;
                    }
                    if last.truthy() != *is_and {
                        break;
                    }
                }
                Ok(last)
            }
            ExprKind::Compare(first, rest) => {
                if let Some(b) = self.int_test(scope, e) {
                    return Some(Ok(Value::Bool(b)));
                }
                let mut left = sub!(first);
                for (op, right) in rest {
                    let r = sub!(right);
                    if let (Value::Int(p), Value::Int(q)) = (&left, &r) {
                        let holds = match op {
                            CmpOp::Lt => p < q,
                            CmpOp::LtE => p <= q,
                            CmpOp::Gt => p > q,
                            CmpOp::GtE => p >= q,
                            CmpOp::Eq | CmpOp::Is => p == q,
                            CmpOp::NotEq | CmpOp::IsNot => p != q,
                            CmpOp::In | CmpOp::NotIn => {
                                return Some(raise("TypeError", "argument of type 'int' is not iterable"))
                            }
                        };
                        if !holds {
                            return Some(Ok(Value::Bool(false)));
                        }
                        left = r;
                        continue;
                    }
                    if matches!(left, Value::Instance(_)) || matches!(r, Value::Instance(_)) {
                        return None;
                    }
                    match builtins::compare(self, *op, &left, &r) {
                        Ok(true) => left = r,
                        Ok(false) => return Some(Ok(Value::Bool(false))),
                        Err(e) => return Some(Err(e)),
                    }
                }
                Ok(Value::Bool(true))
            }
            ExprKind::IfExp(test, body, orelse) => {
                let t = sub!(test);
                if matches!(t, Value::Instance(_)) {
                    return None;
                }
                if t.truthy() {
                    self.simple(scope, body)?
                } else {
                    self.simple(scope, orelse)?
                }
            }
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
                    return None;
                }
                let mut values = Vec::with_capacity(items.len());
                for item in items {
                    values.push(sub!(item));
                }
                self.display(&e.kind, values)
            }
            ExprKind::FString(parts) => {
                let mut out = String::new();
                for part in parts {
                    match part {
                        FPart::Lit(s) => out.push_str(s),
                        FPart::Field { expr, conv, spec, debug } => {
                            let v = sub!(expr);
                            if matches!(v, Value::Instance(_)) {
                                return None;
                            }
                            let mut spec_text = String::new();
                            for s in spec {
                                match s {
                                    FPart::Lit(l) => spec_text.push_str(l),
                                    FPart::Field { expr, .. } => {
                                        let sv = sub!(expr);
                                        spec_text.push_str(&sv.to_str());
                                    }
                                }
                            }
                            if let Some(d) = debug {
                                out.push_str(d);
                            }
                            match builtins::format_field(self, &v, *conv, &spec_text) {
                                Ok(s) => out.push_str(&s),
                                Err(e) => return Some(Err(e)),
                            }
                        }
                    }
                }
                if let Err(err) = self.alloc(out.len() / 16) {
                    return Some(Err(err));
                }
                Ok(Value::Str(out.into()))
            }
            ExprKind::Lambda(def) => {
                let closure = (!scope.info.is_module).then(|| Rc::clone(scope));
                if def.params.args.iter().chain(&def.params.kwonly).any(|p| p.default.is_some()) {
                    return None;
                }
                let defaults = vec![None; def.params.args.len() + def.params.kwonly.len()];
                Ok(Value::Func(Rc::new(Function {
                    def: Rc::clone(def),
                    defaults,
                    closure,
                    info: self.scope_info(def),
                    qualname: "<lambda>".into(),
                })))
            }
            _ => return None,
        })
    }

    /// An expression on plain ints (int literals, names bound to ints, `+ - * // %` and bit
    /// operators), computed in place: no value is cloned or dropped. `None` when any part is
    /// something else or the result needs the general path (an overflow, a division by zero:
    /// it raises there); reading has no effect, so the general path may start over.
    fn int_expr(&self, scope: &Scope, e: &Expr) -> Option<i64> {
        match &e.kind {
            ExprKind::Const(Const::Int(i)) => Some(*i),
            ExprKind::Name(n) => self.peek_int(scope, *n),
            ExprKind::BinOp(a, op, b) => int_op(*op, self.int_expr(scope, a)?, self.int_expr(scope, b)?),
            _ => None,
        }
    }

    /// A local (or, in the module, a global) variable's value when it is an int.
    #[inline]
    fn peek_int(&self, scope: &Scope, name: Name) -> Option<i64> {
        let read = |v: Option<&Value>| match v {
            Some(Value::Int(i)) => Some(*i),
            _ => None,
        };
        if scope.info.is_module {
            return read(self.globals.borrow().get(&name));
        }
        let i = scope.info.slot(name)?;
        read(scope.slots.borrow()[i].as_ref())
    }

    /// A comparison chain of int expressions (`i * i <= n`, `0 <= x < 10`), decided in place;
    /// `None` as for [`Interp::int_expr`].
    fn int_test(&self, scope: &Scope, e: &Expr) -> Option<bool> {
        let ExprKind::Compare(first, rest) = &e.kind else { return None };
        let mut left = self.int_expr(scope, first)?;
        for (op, right) in rest {
            let r = self.int_expr(scope, right)?;
            let holds = match op {
                CmpOp::Lt => left < r,
                CmpOp::LtE => left <= r,
                CmpOp::Gt => left > r,
                CmpOp::GtE => left >= r,
                CmpOp::Eq => left == r,
                CmpOp::NotEq => left != r,
                _ => return None,
            };
            if !holds {
                return Some(false);
            }
            left = r;
        }
        Some(true)
    }

    /// A call that finishes at once, made without a future: the callee is a built-in (or a
    /// built-in value's method) or an `async def` (the call only makes its coroutine), and it
    /// and the arguments (positional or keyword) evaluate on the synchronous path. `None` when
    /// the call is not such a call; then nothing has run. Most calls a coroutine awaits
    /// (`asyncio.sleep(…)`, `queue.get()`, `fetch(i)`) and most a loop makes (`print`, `len`)
    /// are of this kind.
    fn quick_call(&self, scope: &Rc<Scope>, e: &Expr) -> Option<PyResult> {
        let ExprKind::Call(func, args) = &e.kind else { return None };
        if matches!(func.kind, ExprKind::Name(n) if n == SUPER.with(|s| *s)) {
            return None; // `super()` reads the caller's frame: the async path knows it
        }
        let f = match self.simple(scope, func)? {
            Ok(f) => f,
            Err(err) => return Some(Err(err)),
        };
        let quick = match &f {
            Value::Builtin(_) => true,
            Value::Func(func) => func.def.is_async,
            Value::Method(m) => matches!(m.1, Value::Builtin(_)),
            _ => false,
        };
        if !quick {
            return None;
        }
        let mut pos = Vec::with_capacity(args.len() + usize::from(matches!(f, Value::Method(_))));
        let mut kw = Vec::new();
        if let Value::Method(m) = &f {
            pos.push(m.0.clone());
        }
        for a in args {
            let (key, e) = match a {
                Arg::Pos(e) => (None, e),
                Arg::Kw(n, e) => (Some(*n), e),
                _ => return None,
            };
            let v = match self.simple(scope, e)? {
                Ok(v) => v,
                Err(err) => return Some(Err(err)),
            };
            match key {
                None => pos.push(v),
                Some(n) => kw.push((n, v)),
            }
        }
        Some(match f {
            Value::Builtin(b) => (b.call)(self, b.name, pos, kw),
            Value::Method(m) => match &m.1 {
                Value::Builtin(b) => (b.call)(self, b.name, pos, kw),
                _ => unreachable!("checked above"),
            },
            Value::Func(func) => self.bind(&func, pos, kw).map(|scope| self.coroutine(&func, scope)),
            _ => unreachable!("checked above"),
        })
    }

    /// A list, tuple or set display's value, from its items.
    fn display(&self, kind: &ExprKind, values: Vec<Value>) -> PyResult {
        self.alloc(values.len())?;
        match kind {
            ExprKind::List(_) => Ok(Value::list(values)),
            ExprKind::Tuple(_) => Ok(Value::tuple(values)),
            _ => builtins::make_set(values),
        }
    }

    /// The async path: calls, awaits, comprehensions, and anything that met a script's object.
    fn eval_full<'a>(&'a self, scope: &'a Rc<Scope>, e: &'a Expr) -> Fut<'a, PyResult> {
        Box::pin(async move {
            let _nested = aio::Nested::enter()?;
            match &e.kind {
                ExprKind::Call(func, args) => {
                    if let ExprKind::Name(n) = func.kind {
                        if args.is_empty() && &*text(n) == "super" {
                            return self.super_object(scope);
                        }
                    }
                    // `obj.method(args)`: no bound method is made for a built-in value's method.
                    let f = self.eval(scope, func).await?;
                    let (pos, kw) = self.eval_args(scope, args).await?;
                    self.call(f, pos, kw).await
                }
                ExprKind::Await(inner) => {
                    let v = self.eval(scope, inner).await?;
                    self.await_value(v).await
                }
                ExprKind::Attribute(obj, attr) => {
                    let o = self.eval(scope, obj).await?;
                    self.get_attr(&o, *attr)
                }
                ExprKind::Subscript(obj, index) => {
                    let o = self.eval(scope, obj).await?;
                    let i = self.eval(scope, index).await?;
                    if let Value::Instance(_) = o {
                        return self.call_method(&o, "__getitem__", vec![i]).await;
                    }
                    builtins::get_item(self, &o, &i)
                }
                ExprKind::BinOp(a, op, b) => {
                    let x = self.eval(scope, a).await?;
                    let y = self.eval(scope, b).await?;
                    self.binop(*op, x, y).await
                }
                ExprKind::Unary(op, a) => {
                    let x = self.eval(scope, a).await?;
                    match (op, &x) {
                        (UnaryOp::Not, _) => Ok(Value::Bool(!self.truthy(&x)?)),
                        (UnaryOp::Neg, Value::Instance(_)) => self.call_method(&x, "__neg__", vec![]).await,
                        _ => builtins::unary(*op, &x),
                    }
                }
                ExprKind::BoolOp(is_and, items) => {
                    let mut last = Value::None;
                    for item in items {
                        last = self.eval(scope, item).await?;
                        if self.truthy(&last)? != *is_and {
                            break;
                        }
                    }
                    Ok(last)
                }
                ExprKind::Compare(first, rest) => {
                    let mut left = self.eval(scope, first).await?;
                    for (op, right) in rest {
                        let r = self.eval(scope, right).await?;
                        if !self.compare(*op, &left, &r)? {
                            return Ok(Value::Bool(false));
                        }
                        left = r;
                    }
                    Ok(Value::Bool(true))
                }
                ExprKind::IfExp(test, body, orelse) => {
                    let t = self.eval(scope, test).await?;
                    if self.truthy(&t)? {
                        self.eval(scope, body).await
                    } else {
                        self.eval(scope, orelse).await
                    }
                }
                ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                    let mut values = Vec::with_capacity(items.len());
                    for item in items {
                        if let ExprKind::Starred(inner) = &item.kind {
                            let v = self.eval(scope, inner).await?;
                            values.extend(self.iterate(&v)?);
                        } else {
                            values.push(self.eval(scope, item).await?);
                        }
                    }
                    self.display(&e.kind, values)
                }
                ExprKind::Dict(items) => {
                    let mut d = Dict::default();
                    for (k, v) in items {
                        match k {
                            Some(k) => {
                                let k = self.eval(scope, k).await?;
                                let v = self.eval(scope, v).await?;
                                d.insert(k.key()?, k, v);
                            }
                            None => {
                                if let Value::Dict(other) = self.eval(scope, v).await? {
                                    for (k, v) in other.borrow().iter() {
                                        d.insert(k.key()?, k.clone(), v.clone());
                                    }
                                } else {
                                    return raise("TypeError", "'**' needs a mapping");
                                }
                            }
                        }
                    }
                    self.alloc(d.len())?;
                    Ok(Value::Dict(Rc::new(RefCell::new(d))))
                }
                ExprKind::FString(parts) => {
                    let mut out = String::new();
                    for part in parts {
                        match part {
                            FPart::Lit(s) => out.push_str(s),
                            FPart::Field { expr, conv, spec, debug } => {
                                let v = self.eval(scope, expr).await?;
                                let mut spec_text = String::new();
                                for s in spec {
                                    match s {
                                        FPart::Lit(l) => spec_text.push_str(l),
                                        FPart::Field { expr, .. } => {
                                            let sv = self.eval(scope, expr).await?;
                                            spec_text.push_str(&self.to_str(&sv)?);
                                        }
                                    }
                                }
                                if let Some(d) = debug {
                                    out.push_str(d);
                                }
                                out.push_str(&builtins::format_field(self, &v, *conv, &spec_text)?);
                            }
                        }
                    }
                    Ok(Value::Str(out.into()))
                }
                ExprKind::Lambda(def) => self.make_function(scope, def, None).await,
                ExprKind::ListComp(elt, gens) | ExprKind::SetComp(elt, gens) | ExprKind::GeneratorExp(elt, gens) => {
                    let inner = comp_scope(scope, gens);
                    let mut out = Vec::new();
                    self.comprehend(&inner, gens, elt, None, &mut out).await?;
                    match &e.kind {
                        ExprKind::SetComp(..) => builtins::make_set(out),
                        _ => Ok(Value::list(out)),
                    }
                }
                ExprKind::DictComp(key, value, gens) => {
                    let inner = comp_scope(scope, gens);
                    let mut out = Vec::new();
                    self.comprehend(&inner, gens, key, Some(value), &mut out).await?;
                    let mut d = Dict::default();
                    let mut it = out.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        d.insert(k.key()?, k, v);
                    }
                    Ok(Value::Dict(Rc::new(RefCell::new(d))))
                }
                ExprKind::NamedExpr(n, value) => {
                    let v = self.eval(scope, value).await?;
                    self.store(scope, *n, v.clone());
                    Ok(v)
                }
                ExprKind::Starred(_) => raise("SyntaxError", "can't use starred expression here"),
                _ => match self.simple(scope, e) {
                    Some(r) => r,
                    None => unsupported("this expression"),
                },
            }
        })
    }

    /// Runs a comprehension's loops, pushing `elt` (and `value`, for a dict) for each item kept.
    fn comprehend<'a>(
        &'a self,
        scope: &'a Rc<Scope>,
        gens: &'a [Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
        out: &'a mut Vec<Value>,
    ) -> Fut<'a, PyResult<()>> {
        Box::pin(async move {
            let Some((g, rest)) = gens.split_first() else {
                out.push(self.eval(scope, elt).await?);
                if let Some(v) = value {
                    out.push(self.eval(scope, v).await?);
                }
                return self.alloc(1);
            };
            let src = self.eval(scope, &g.iter).await?;
            for item in self.iterate(&src)? {
                if self.step(scope, g.iter.line) {
                    self.preempt().await?;
                }
                self.assign(scope, &g.target, item).await?;
                let mut keep = true;
                for cond in &g.ifs {
                    let c = self.eval(scope, cond).await?;
                    if !self.truthy(&c)? {
                        keep = false;
                        break;
                    }
                }
                if keep {
                    self.comprehend(scope, rest, elt, value, out).await?;
                }
            }
            Ok(())
        })
    }

    async fn eval_args(&self, scope: &Rc<Scope>, args: &[Arg]) -> PyResult<(Vec<Value>, Vec<(Name, Value)>)> {
        let mut pos = Vec::with_capacity(args.len());
        let mut kw = Vec::new();
        for a in args {
            match a {
                Arg::Pos(e) => pos.push(self.eval(scope, e).await?),
                Arg::Star(e) => {
                    let v = self.eval(scope, e).await?;
                    pos.extend(self.iterate(&v)?);
                }
                Arg::Kw(n, e) => kw.push((*n, self.eval(scope, e).await?)),
                Arg::DoubleStar(e) => match self.eval(scope, e).await? {
                    Value::Dict(d) => {
                        for (k, v) in d.borrow().iter() {
                            match k {
                                Value::Str(s) => kw.push((intern(s), v.clone())),
                                _ => return raise("TypeError", "keywords must be strings"),
                            }
                        }
                    }
                    other => {
                        return raise(
                            "TypeError",
                            format!("argument after ** must be a mapping, not {}", other.type_name()),
                        )
                    }
                },
            }
        }
        Ok((pos, kw))
    }

    fn super_object(&self, scope: &Rc<Scope>) -> PyResult {
        let mut s = Some(Rc::clone(scope));
        while let Some(sc) = s {
            if let (Some(class), false) = (&sc.class, sc.info.is_class) {
                let me = sc.slots.borrow().first().cloned().flatten();
                if let (Some(me), Some(base)) = (me, class.base.clone()) {
                    return Ok(Value::Native(Rc::new(aio::Native::Super(me, base))));
                }
            }
            s = sc.parent.clone();
            if s.as_ref().is_some_and(|p| p.info.is_module) {
                break;
            }
        }
        raise("RuntimeError", "super(): no arguments")
    }

    // ---- operations that may call the script's methods ----

    /// Truth value, asking a script's `__bool__` or `__len__`.
    pub fn truthy(&self, v: &Value) -> PyResult<bool> {
        if let Value::Instance(i) = v {
            if let Some(m) = i.class.lookup(intern("__bool__")) {
                return Ok(self.call_sync(m, vec![v.clone()])?.truthy());
            }
            if let Some(m) = i.class.lookup(intern("__len__")) {
                return Ok(self.call_sync(m, vec![v.clone()])?.truthy());
            }
        }
        Ok(v.truthy())
    }

    /// `str(v)`, asking a script's `__str__` (or `__repr__`).
    pub fn to_str(&self, v: &Value) -> PyResult<String> {
        if let Value::List(_) | Value::Tuple(_) | Value::Dict(_) = v {
            return self.repr(v);
        }
        if let Value::Instance(i) = v {
            if let Some(m) = i.class.lookup(intern("__str__")).or_else(|| i.class.lookup(intern("__repr__"))) {
                return match self.call_sync(m, vec![v.clone()])? {
                    Value::Str(s) => Ok(s.to_string()),
                    other => raise("TypeError", format!("__str__ returned non-string (type {})", other.type_name())),
                };
            }
        }
        Ok(v.to_str())
    }

    /// `repr(v)`, asking a script's `__repr__`; containers ask for their items.
    pub fn repr(&self, v: &Value) -> PyResult<String> {
        match v {
            Value::Instance(i) if !i.class.is_exception() => {
                if let Some(m) = i.class.lookup(intern("__repr__")) {
                    return match self.call_sync(m, vec![v.clone()])? {
                        Value::Str(s) => Ok(s.to_string()),
                        other => {
                            raise("TypeError", format!("__repr__ returned non-string (type {})", other.type_name()))
                        }
                    };
                }
                Ok(v.repr())
            }
            Value::List(_) | Value::Tuple(_) if self.iterate(v)?.iter().any(|x| matches!(x, Value::Instance(_))) => {
                let items: Vec<String> = self.iterate(v)?.iter().map(|x| self.repr(x)).collect::<PyResult<_>>()?;
                Ok(match v {
                    Value::Tuple(t) if t.len() == 1 => format!("({},)", items[0]),
                    Value::Tuple(_) => format!("({})", items.join(", ")),
                    _ => format!("[{}]", items.join(", ")),
                })
            }
            Value::Dict(d) if d.borrow().iter().any(|(_, x)| matches!(x, Value::Instance(_))) => {
                let pairs: Vec<(Value, Value)> = d.borrow().iter().cloned().collect();
                let items: Vec<String> = pairs
                    .iter()
                    .map(|(k, x)| Ok(format!("{}: {}", self.repr(k)?, self.repr(x)?)))
                    .collect::<PyResult<_>>()?;
                Ok(format!("{{{}}}", items.join(", ")))
            }
            _ => Ok(v.repr()),
        }
    }

    /// `a op b`, with a script's `__add__` and friends.
    async fn binop(&self, op: BinOp, a: Value, b: Value) -> PyResult {
        if let Value::Instance(_) = a {
            let name = match op {
                BinOp::Add => "__add__",
                BinOp::Sub => "__sub__",
                BinOp::Mul => "__mul__",
                BinOp::Div => "__truediv__",
                _ => "",
            };
            if !name.is_empty() {
                if let Ok(m) = self.get_attr(&a, intern(name)) {
                    return self.call(m, vec![b], vec![]).await;
                }
            }
        }
        builtins::binop(self, op, &a, &b)
    }

    /// `a op b` for comparisons, with a script's `__eq__` and `__lt__`.
    pub fn compare(&self, op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
        if let Value::Instance(i) = a {
            let name = match op {
                CmpOp::Eq => Some("__eq__"),
                CmpOp::NotEq => Some("__eq__"),
                CmpOp::Lt => Some("__lt__"),
                CmpOp::Gt => Some("__gt__"),
                CmpOp::LtE => Some("__le__"),
                CmpOp::GtE => Some("__ge__"),
                _ => None,
            };
            if let Some(m) = name.and_then(|n| i.class.lookup(intern(n))) {
                let r = self.call_sync(m, vec![a.clone(), b.clone()])?.truthy();
                return Ok(if op == CmpOp::NotEq { !r } else { r });
            }
        }
        builtins::compare(self, op, a, b)
    }

    /// The items of an iterable, all at once (the subset has no lazy iteration).
    pub fn iterate(&self, v: &Value) -> PyResult<Vec<Value>> {
        let items = builtins::iterate(v)?;
        Ok(items)
    }

    // ---- attributes ----

    /// `obj.name`.
    pub fn get_attr(&self, obj: &Value, name: Name) -> PyResult {
        builtins::get_attr(self, obj, name)
    }

    /// `obj.name = value`.
    pub fn set_attr(&self, obj: &Value, name: Name, value: Value) -> PyResult<()> {
        match obj {
            Value::Instance(i) => {
                i.set(name, value);
                Ok(())
            }
            Value::Class(c) if c.kind == Kind::Object || c.kind == Kind::Exception => {
                let mut attrs = c.attrs.borrow_mut();
                match attrs.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = value,
                    None => attrs.push((name, value)),
                }
                Ok(())
            }
            _ => raise("AttributeError", format!("'{}' object has no attribute '{}'", obj.type_name(), text(name))),
        }
    }

    /// Calls `obj.name(*args)`.
    pub async fn call_method(&self, obj: &Value, name: &str, args: Vec<Value>) -> PyResult {
        let m = self.get_attr(obj, intern(name))?;
        self.call(m, args, vec![]).await
    }

    // ---- calls ----

    /// Calls a callable: a script's function (its body runs inline, or, for an `async def`,
    /// a coroutine is made), a class (an instance, `__init__` run), a built-in.
    pub fn call(&self, f: Value, mut args: Vec<Value>, kw: Vec<(Name, Value)>) -> Fut<'_, PyResult> {
        Box::pin(async move {
            match f {
                Value::Func(func) => self.call_function(func, args, kw).await,
                Value::Method(m) => {
                    args.insert(0, m.0.clone());
                    self.call(m.1.clone(), args, kw).await
                }
                Value::Builtin(b) => {
                    let out = (b.call)(self, b.name, args, kw)?;
                    // A built-in that blocks (`time.sleep`, `asyncio.run`) hands back what
                    // the calling task must wait for before it goes on.
                    match out {
                        Value::Coro(c) if c.blocking => self.await_value(Value::Coro(c)).await,
                        out => Ok(out),
                    }
                }
                Value::Class(c) => self.instantiate(c, args, kw).await,
                other => raise("TypeError", format!("'{}' object is not callable", other.type_name())),
            }
        })
    }

    async fn instantiate(&self, class: Rc<Class>, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
        match class.kind {
            Kind::Object | Kind::Exception => {
                let inst = Instance::new(Rc::clone(&class));
                let me = Value::Instance(Rc::clone(&inst));
                if class.kind == Kind::Exception {
                    inst.set(intern("args"), Value::tuple(args.clone()));
                }
                if let Some(init) = class.lookup(intern("__init__")) {
                    let mut all = vec![me.clone()];
                    all.extend(args);
                    let r = self.call(init, all, kw).await?;
                    if !matches!(r, Value::None) {
                        return raise("TypeError", "__init__() should return None");
                    }
                } else if class.kind == Kind::Object && (!args.is_empty() || !kw.is_empty()) {
                    return raise("TypeError", format!("{}() takes no arguments", class.name));
                }
                Ok(me)
            }
            _ => builtins::construct(self, &class, args, kw),
        }
    }

    /// Runs a script function synchronously, for built-ins that call back into the script
    /// (`sorted(key=…)`, `__str__`): it cannot suspend, so an `await` in it is an error.
    pub fn call_sync(&self, f: Value, args: Vec<Value>) -> PyResult {
        // Each is a poll inside a poll on the browser's own small stack: a few dozen deep is a
        // recursion (a `__repr__` calling `repr` of itself), stopped before the stack is.
        if self.no_suspend.get() >= MAX_SYNC_CALLS {
            return raise("RecursionError", "maximum recursion depth exceeded while calling a Python object");
        }
        self.no_suspend.set(self.no_suspend.get() + 1);
        let mut fut = self.call(f, args, vec![]);
        let waker = futures::task::noop_waker();
        let mut cx = std::task::Context::from_waker(&waker);
        let out = match fut.as_mut().poll(&mut cx) {
            std::task::Poll::Ready(r) => r,
            std::task::Poll::Pending => {
                raise("RuntimeError", "this function cannot wait here (it was called by a built-in)")
            }
        };
        self.no_suspend.set(self.no_suspend.get() - 1);
        out
    }

    /// Calls a script function: binds the arguments, then runs the body inline (a plain
    /// function) or makes a coroutine that runs it when awaited (`async def`).
    pub async fn call_function(&self, func: Rc<Function>, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
        let scope = self.bind(&func, args, kw)?;
        if func.def.is_async {
            return Ok(self.coroutine(&func, scope));
        }
        self.run_body(&func, &scope).await
    }

    /// The coroutine an `async def`'s call makes: its body, bound to `scope`, runs when it is
    /// awaited or becomes a task.
    fn coroutine(&self, func: &Rc<Function>, scope: Rc<Scope>) -> Value {
        let interp = self.host.interp();
        let f = Rc::clone(func);
        let call = (Rc::downgrade(&scope), func.def.params.args.len());
        let fut = async move {
            let interp = interp.upgrade().ok_or_else(|| exc("RuntimeError", "the run has ended"))?;
            interp.run_body(&f, &scope).await
        };
        let mut coro = Coro::new(Rc::clone(&func.qualname), Box::pin(fut), false, false);
        coro.line = func.def.line;
        coro.call = Some(call);
        Value::Coro(Rc::new(coro))
    }

    /// Runs a function's body in its new scope, counting the call against the recursion
    /// limit and adding its frame to the traceback of an exception that leaves it.
    pub async fn run_body(&self, func: &Function, scope: &Rc<Scope>) -> PyResult {
        // Calls in progress are counted per task (a script's code always runs in one): a
        // thousand suspended coroutines are not a recursion.
        let task = aio::current();
        let depth = task.as_ref().map_or(0, |t| t.depth.get()) + 1;
        if depth > RECURSION_LIMIT || super::host::stack_low() {
            return raise("RecursionError", "maximum recursion depth exceeded");
        }
        let count = |d| task.iter().for_each(|t| t.depth.set(d));
        count(depth);
        let out = self.exec_inline(scope, &func.def.body).await;
        count(depth - 1);
        match out {
            Ok(Flow::Return(v)) => Ok(v),
            Ok(_) => Ok(Value::None),
            Err(e) => Err(e),
        }
    }

    /// A new scope for a call of `func`, its parameters bound as Python binds them.
    fn bind(&self, func: &Function, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult<Rc<Scope>> {
        let def = &func.def;
        let p = &def.params;
        let name = text(def.name);
        let class = func.closure.as_ref().and_then(|c| c.class.clone());
        let scope = Scope::new(Rc::clone(&func.info), func.closure.clone(), Rc::clone(&name), class);
        {
            let mut slots = scope.slots.borrow_mut();
            let npos = p.args.len();
            let given = args.len();
            let mut extra = Vec::new();
            for (i, a) in args.into_iter().enumerate() {
                if i < npos {
                    slots[i] = Some(a);
                } else {
                    extra.push(a);
                }
            }
            let vararg_slot = p.vararg.map(|n| func.info.slot(n).unwrap_or(0));
            match vararg_slot {
                Some(s) => slots[s] = Some(Value::tuple(extra)),
                None if !extra.is_empty() => {
                    let required = p.args.iter().filter(|a| a.default.is_none()).count();
                    let takes = if required == npos {
                        format!("{npos} positional argument{}", if npos == 1 { "" } else { "s" })
                    } else {
                        format!("from {required} to {npos} positional arguments")
                    };
                    return raise(
                        "TypeError",
                        format!(
                            "{}() takes {takes} but {given} {} given",
                            func.qualname,
                            if given == 1 { "was" } else { "were" }
                        ),
                    );
                }
                None => {}
            }
            let mut kwargs = Dict::default();
            for (k, v) in kw {
                let slot = p.args.iter().chain(&p.kwonly).position(|a| a.name == k);
                match slot.and_then(|_| func.info.slot(k)) {
                    Some(s) => {
                        if slots[s].is_some() {
                            return raise(
                                "TypeError",
                                format!("{}() got multiple values for argument '{}'", func.qualname, text(k)),
                            );
                        }
                        slots[s] = Some(v);
                    }
                    None if p.kwarg.is_some() => kwargs.insert(Key::Str(text(k)), Value::Str(text(k)), v),
                    None => {
                        return raise(
                            "TypeError",
                            format!("{}() got an unexpected keyword argument '{}'", func.qualname, text(k)),
                        )
                    }
                }
            }
            if let Some(kn) = p.kwarg {
                if let Some(s) = func.info.slot(kn) {
                    slots[s] = Some(Value::Dict(Rc::new(RefCell::new(kwargs))));
                }
            }
            let mut missing = Vec::new();
            for (i, param) in p.args.iter().chain(&p.kwonly).enumerate() {
                let s = func.info.slot(param.name).unwrap_or(i);
                if slots[s].is_none() {
                    match func.defaults.get(i).cloned().flatten() {
                        Some(d) => slots[s] = Some(d),
                        None => missing.push(format!("'{}'", text(param.name))),
                    }
                }
            }
            if !missing.is_empty() {
                let list = match missing.len() {
                    1 => missing[0].clone(),
                    n => format!("{} and {}", missing[..n - 1].join(", "), missing[n - 1]),
                };
                return raise(
                    "TypeError",
                    format!(
                        "{}() missing {} required positional argument{}: {list}",
                        func.qualname,
                        missing.len(),
                        if missing.len() == 1 { "" } else { "s" }
                    ),
                );
            }
        }
        Ok(scope)
    }

    /// `await v`: a coroutine runs inline; a task, a sleep, a gather… suspends this task
    /// until it is done (and a `cancel()` of this task raises `CancelledError` there).
    /// `await v`. A plain function, not an `async` one: the commonest awaits (a sleep, a
    /// coroutine) are polled directly by the awaiting statement, with no future between.
    pub fn await_value(&self, v: Value) -> Awaiting<'_> {
        match v {
            Value::Coro(c) => {
                let Some(fut) = c.take() else {
                    return Awaiting::Failed(Some(exc("RuntimeError", "cannot reuse already awaited coroutine")));
                };
                if !c.leaf {
                    Awaiting::Coro(fut)
                } else if c.tasks.is_empty() {
                    Awaiting::Leaf(aio::Leaf::new(fut))
                } else {
                    Awaiting::Leaf(aio::Leaf::passing_to(fut, c.tasks.clone(), false))
                }
            }
            Value::Task(t) => Awaiting::Leaf(aio::Leaf::passing_to(
                aio::CoroFut::Boxed(Box::pin(aio::wait_task(Rc::clone(&t)))),
                vec![t],
                true,
            )),
            Value::Native(n) if matches!(*n, aio::Native::WebSocket(_)) => {
                match super::websockets::method("__aenter__", &n) {
                    Ok(aw) => Awaiting::Boxed(Box::pin(self.await_value(aw))),
                    Err(e) => Awaiting::Failed(Some(e)),
                }
            }
            Value::Instance(_) => Awaiting::Boxed(Box::pin(async move {
                let aw = self.call_method(&v, "__await__", vec![]).await?;
                self.await_value(aw).await
            })),
            other => Awaiting::Failed(Some(exc(
                "TypeError",
                format!("object {} can't be used in 'await' expression", other.type_name()),
            ))),
        }
    }
}

/// What [`Interp::await_value`] waits on.
pub enum Awaiting<'a> {
    /// A script's coroutine, run inline.
    Coro(aio::CoroFut),
    /// A native awaitable: where the task suspends, and where a cancel lands.
    Leaf(aio::Leaf),
    /// An object's `__await__`, or a connection's `__aenter__`.
    Boxed(Fut<'a, PyResult>),
    /// Not awaitable: the error, given once.
    Failed(Option<Exc>),
}

impl Future for Awaiting<'_> {
    type Output = PyResult;
    fn poll(mut self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<PyResult> {
        match &mut *self {
            Awaiting::Coro(f) => Pin::new(f).poll(cx),
            Awaiting::Leaf(f) => Pin::new(f).poll(cx),
            Awaiting::Boxed(f) => f.as_mut().poll(cx),
            Awaiting::Failed(e) => std::task::Poll::Ready(Err(e.take().unwrap_or(Value::None))),
        }
    }
}

/// Whether exception `e` matches `except t` (a class or a tuple of classes).
pub fn exception_matches(e: &Value, t: &Value) -> PyResult<bool> {
    match t {
        Value::Class(c) if c.is_exception() => Ok(e.class().is_subclass(c)),
        Value::Tuple(items) => {
            for i in items.iter() {
                if exception_matches(e, i)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => raise("TypeError", "catching classes that do not inherit from BaseException is not allowed"),
    }
}

/// Adds `scope`'s frame (its line now, its name) to the front of an exception's traceback,
/// once per scope it leaves (its blocks nest, its frame is one).
pub fn add_frame(e: &Value, scope: &Rc<Scope>) {
    if let Value::Instance(i) = e {
        let at = Rc::as_ptr(scope) as usize;
        if i.tb_scope.replace(at) != at {
            i.traceback.borrow_mut().insert(0, (scope.line.get(), Rc::clone(&scope.name)));
        }
    }
}

fn set_context(new: &Value, old: &Value) {
    if let Value::Instance(i) = new {
        if !new.is(old) && i.context.borrow().is_none() {
            *i.context.borrow_mut() = Some(old.clone());
        }
    }
}

fn unpack_error(expected: usize, got: usize) -> Exc {
    if got > expected {
        exc("ValueError", format!("too many values to unpack (expected {expected})"))
    } else {
        exc("ValueError", format!("not enough values to unpack (expected {expected}, got {got})"))
    }
}

/// The "not supported yet" error for a feature outside the subset.
pub fn unsupported<T>(what: &str) -> PyResult<T> {
    raise("NotImplementedError", format!("Loopscope's Python does not support {what} yet"))
}

/// `p op q` on ints as Python computes it (floor division and modulo round toward minus
/// infinity); `None` for an overflow, a division by zero, or an operator whose result is not
/// an int here (`/`, `**`, shifts).
#[inline]
fn int_op(op: BinOp, p: i64, q: i64) -> Option<i64> {
    match op {
        BinOp::Add => p.checked_add(q),
        BinOp::Sub => p.checked_sub(q),
        BinOp::Mul => p.checked_mul(q),
        BinOp::Mod => {
            let r = p.checked_rem(q)?;
            Some(if r != 0 && (r < 0) != (q < 0) { r + q } else { r })
        }
        BinOp::FloorDiv => {
            let d = p.checked_div(q)?;
            Some(if p % q != 0 && (p < 0) != (q < 0) { d - 1 } else { d })
        }
        BinOp::BitAnd => Some(p & q),
        BinOp::BitOr => Some(p | q),
        BinOp::BitXor => Some(p ^ q),
        _ => None,
    }
}

/// `a op b` for two ints, the common case, without the general dispatch (`None`: not both
/// ints, or left to `builtins::binop`, see [`int_op`]).
#[inline]
fn quick_int(op: BinOp, a: &Value, b: &Value) -> Option<Value> {
    let (Value::Int(p), Value::Int(q)) = (a, b) else { return None };
    int_op(op, *p, *q).map(Value::Int)
}

fn const_value(c: &Const) -> Value {
    match c {
        Const::None | Const::Ellipsis => Value::None,
        Const::Bool(b) => Value::Bool(*b),
        Const::Int(i) => Value::Int(*i),
        Const::Float(f) => Value::Float(*f),
        Const::Str(s) => Value::Str(Rc::clone(s)),
    }
}

fn comp_scope(scope: &Rc<Scope>, gens: &[Comprehension]) -> Rc<Scope> {
    let mut locals = Vec::new();
    for g in gens {
        target_names(&g.target, &mut locals);
    }
    let info = ScopeInfo { locals, ..ScopeInfo::default() };
    let parent = Some(Rc::clone(scope));
    Scope::new(Rc::new(info), parent, Rc::clone(&scope.name), scope.class.clone())
}

/// Which names a function keeps as locals: its parameters and every name it assigns, less
/// those declared `global` or `nonlocal`.
fn scope_info(def: &FuncDef) -> ScopeInfo {
    let p = &def.params;
    let mut locals: Vec<Name> = p.args.iter().map(|a| a.name).collect();
    locals.extend(p.vararg);
    locals.extend(p.kwonly.iter().map(|a| a.name));
    locals.extend(p.kwarg);
    let (mut globals, mut nonlocals) = (Vec::new(), Vec::new());
    collect_locals(&def.body, &mut locals, &mut globals, &mut nonlocals);
    locals.retain(|n| !globals.contains(n) && !nonlocals.contains(n));
    ScopeInfo { locals, globals, ..ScopeInfo::default() }
}

/// Collects the names a block binds (into `locals`, once each) and those it declares
/// `global` and `nonlocal`, not looking into nested functions and classes.
pub fn collect_locals(block: &[Stmt], locals: &mut Vec<Name>, globals: &mut Vec<Name>, nonlocals: &mut Vec<Name>) {
    let add = |n: Name, locals: &mut Vec<Name>| {
        if !locals.contains(&n) {
            locals.push(n);
        }
    };
    for stmt in block {
        match &stmt.kind {
            StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| target_names(t, locals)),
            StmtKind::AugAssign { target, .. } | StmtKind::AnnAssign { target, .. } => target_names(target, locals),
            StmtKind::For { target, body, orelse, .. } => {
                target_names(target, locals);
                collect_locals(body, locals, globals, nonlocals);
                collect_locals(orelse, locals, globals, nonlocals);
            }
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                collect_locals(body, locals, globals, nonlocals);
                collect_locals(orelse, locals, globals, nonlocals);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                collect_locals(body, locals, globals, nonlocals);
                for h in handlers {
                    if let Some(n) = h.name {
                        add(n, locals);
                    }
                    collect_locals(&h.body, locals, globals, nonlocals);
                }
                collect_locals(orelse, locals, globals, nonlocals);
                collect_locals(finalbody, locals, globals, nonlocals);
            }
            StmtKind::With { items, body, .. } => {
                for i in items {
                    if let Some(t) = &i.target {
                        target_names(t, locals);
                    }
                }
                collect_locals(body, locals, globals, nonlocals);
            }
            StmtKind::FunctionDef(def) => add(def.name, locals),
            StmtKind::ClassDef { name, .. } => add(*name, locals),
            StmtKind::Import(aliases) => {
                for a in aliases {
                    add(a.asname.unwrap_or_else(|| intern(a.name.split('.').next().unwrap_or(&a.name))), locals);
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    add(a.asname.unwrap_or_else(|| intern(&a.name)), locals);
                }
            }
            StmtKind::Global(names) => globals.extend(names),
            StmtKind::Nonlocal(names) => nonlocals.extend(names),
            StmtKind::Expr(e) => walrus_names(e, locals),
            _ => {}
        }
    }
}

fn walrus_names(e: &Expr, locals: &mut Vec<Name>) {
    if let ExprKind::NamedExpr(n, _) = &e.kind {
        if !locals.contains(n) {
            locals.push(*n);
        }
    }
}

fn target_names(t: &Expr, out: &mut Vec<Name>) {
    match &t.kind {
        ExprKind::Name(n) if !out.contains(n) => {
            out.push(*n);
        }
        ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|i| target_names(i, out)),
        ExprKind::Starred(inner) => target_names(inner, out),
        _ => {}
    }
}
