//! The evaluator: runs the syntax tree. Statements and expressions are async, so that an
//! `await` deep inside a coroutine suspends the runtime task that runs it, and `await coro`
//! runs the coroutine inline in the awaiting task, as CPython does. Expressions with no call
//! and no await take a plain synchronous path (`simple`), with no allocation.
//!
//! Every statement is a step: steps give the recursion limit, a deterministic CPU cost for
//! virtual time, and the points where an endless loop hands the browser a turn while still
//! holding the loop (see `preempt`), so no other task of the run runs meanwhile, as in CPython.
//!
//! Here: the interpreter's state, names, steps and limits, and the operations that may call a
//! script's methods. `exec`: statements; `blocks`: `with`, `try`, definitions and
//! assignment; `eval`: expressions; `call`: calls and `await`; `scope`: scopes.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use super::aio::{self, Coro};
use super::ast::*;
use super::builtins;
use super::value::*;

mod blocks;
mod call;
pub(crate) mod cycles;
mod eval;
mod exec;
mod generator;
mod keyed;
mod patterns;
mod scope;

pub(crate) use blocks::{split_by, split_group};
pub(crate) use call::missing_arguments;
pub use call::Awaiting;
pub(crate) use generator::Items;
pub use generator::{enumerate_lazily, forget_freed, Gen};
pub use scope::{collect_locals, Scope, ScopeInfo};
use scope::{scope_info, target_names};

thread_local! {
    /// The symbol of `super`, whose call the quick path leaves alone.
    static SUPER: Name = intern("super");
    /// What the parser makes of `yield x` and `yield from x`: calls of these names (no
    /// script can name them: the first is a keyword, the second has a space).
    static YIELD: Name = intern("yield");
    static YIELD_FROM: Name = intern("yield from");
    static SLOTS: Name = intern("__slots__");
    /// The names a call of which asks for the frame's variables (see `Interp::locals_of`).
    static LOCALS: [Name; 2] = [intern("locals"), intern("vars")];
    static DIR: Name = intern("dir");
    static DICT: Name = intern("__dict__");
    /// The exception on its way out of a frame (its address) and where in the frame it
    /// failed: the innermost expression that saw it fail says (see [`note_at`]).
    static FAILED_AT: Cell<(usize, Span)> = const { Cell::new((0, Span { line: 0, start: 0, end_line: 0, end: 0, kind: 0, a: 0, b: 0 })) };
}

/// `err` failed in `e`: the part of the frame's line its traceback underlines, unless an
/// expression inside `e` said so first (the innermost one is what failed, as CPython's
/// instruction is). Cold: only an exception comes here.
#[cold]
#[inline(never)]
pub(super) fn note_at(err: &Value, e: &Expr) {
    let Value::Instance(i) = err else { return };
    let at = Rc::as_ptr(i) as usize;
    if FAILED_AT.with(|f| f.get().0) == at {
        return;
    }
    let off = |col: u32| col.saturating_sub(1);
    let (kind, a, b) = match &e.kind {
        ExprKind::BinOp(l, _, r) => (1, off(l.end_col), off(r.col)),
        ExprKind::Subscript(v, index) => (2, off(v.end_col), off(index.end_col)),
        _ => (0, 0, 0),
    };
    // An attribute (or a method call) whose name is on a later line than where it starts (a
    // chain of calls over lines) fails at its name, as CPython 3.11 places it.
    let name_at = |f: &Expr| match &f.kind {
        ExprKind::Attribute(_, name) if f.line != f.end_line => {
            Some((f.end_line, off(f.end_col).saturating_sub(text(*name).chars().count() as u32)))
        }
        _ => None,
    };
    let moved = match &e.kind {
        ExprKind::Call(f, _) => name_at(f),
        _ => name_at(e),
    };
    let (line, start) = moved.unwrap_or((e.line, off(e.col)));
    let span = Span { line, start, end_line: e.end_line, end: off(e.end_col), kind, a, b };
    FAILED_AT.with(|f| f.set((at, span)));
}

/// [`note_at`] for a place already taken from its expression ([`Span::of`]).
pub(super) fn note_span(err: &Value, span: Span) {
    let Value::Instance(i) = err else { return };
    let at = Rc::as_ptr(i) as usize;
    if FAILED_AT.with(|f| f.get().0) != at {
        FAILED_AT.with(|f| f.set((at, span)));
    }
}

impl Interp {
    /// Where a `raise` statement failed: from its keyword to the end of what it raises (or of
    /// its `from` part), as CPython's traceback marks it when the statement is not the whole
    /// line (`await x; raise E()`, spaces after it).
    pub(super) fn note_raise_at(&self, err: &Value, exc: &Expr, last: &Expr) {
        self.note_statement_at(err, "raise", exc, last);
    }

    /// Where the statement starting with `keyword`, one space before `first`, failed: from
    /// the keyword to the end of `last` (see [`Interp::note_raise_at`]).
    pub(super) fn note_statement_at(&self, err: &Value, keyword: &str, first: &Expr, last: &Expr) {
        let Value::Instance(i) = err else { return };
        let start = first.col.saturating_sub(2 + keyword.len() as u32);
        let line: Vec<char> =
            self.host.out.source.get(first.line as usize - 1).map_or(Vec::new(), |s| s.chars().collect());
        let found: String = line.iter().skip(start as usize).take(keyword.len() + 1).collect();
        if found.trim_end() != keyword || FAILED_AT.with(|f| f.get().0) == Rc::as_ptr(i) as usize {
            return;
        }
        let end = last.end_col.saturating_sub(1);
        let span = Span { line: first.line, start, end_line: last.end_line, end, kind: 0, a: 0, b: 0 };
        FAILED_AT.with(|f| f.set((Rc::as_ptr(i) as usize, span)));
    }
}

/// [`note_at`], giving the error back.
pub(super) fn failed_at(err: Value, e: &Expr) -> Value {
    note_at(&err, e);
    err
}

/// Where `e` failed in the frame it is leaving (see [`note_at`]), once: the caller's frame
/// has its own.
fn take_failed_at(e: &Instance) -> Span {
    let at = e as *const Instance as usize;
    FAILED_AT.with(|f| match f.get() {
        (p, span) if p == at => {
            f.set((0, Span::default()));
            span
        }
        _ => Span::default(),
    })
}

/// A boxed future borrowing from the tree it runs.
pub type Fut<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// An expression's value: at once when it took the synchronous path (no allocation), or the
/// async path's future.
pub type Evaluated<'a> = futures::future::Either<std::future::Ready<PyResult>, Fut<'a, PyResult>>;

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

/// A definition and its locals (see [`Interp::scope_info`]).
type DefInfo = (Rc<FuncDef>, Rc<ScopeInfo>);

/// Limits that keep a script from taking the page down: CPython's default recursion limit
/// (`sys.setrecursionlimit` may change it; the stack's own guard, `host::stack_low`, holds
/// whatever it is set to).
pub const RECURSION_LIMIT: u32 = 1000;
/// Nested calls from a built-in into the script (`call_sync`): each nests a poll on the
/// browser's own call stack (see `call_sync`), deeper than the count of nested evaluations
/// (`aio::NESTED_LIMIT`) sees when a built-in such as `sorted` stands between them. Measured
/// in the test build: a `sorted(key=k)` whose `k` calls it again spent the stack at about 540
/// levels; a property chain 150 deep (CPython's limit is 1,000) still goes through.
const MAX_SYNC_CALLS: u32 = 200;
/// Most elements one list, dict, set or range may hold.
pub const MEMORY_LIMIT: usize = 10_000_000;
/// Most bytes of memory the page's wasm may grow to while a script allocates.
pub const MEMORY_BYTES: usize = 256 << 20;
/// Virtual time one step costs, in ms (30 ns: about what CPython 3.11 spends on a simple
/// statement: 300,000 rounds of `t += n % 7` take it 15 ms, 600,000 lines).
pub const STEP_MS: f64 = 0.00003;
/// Virtual time a task's turn on the loop costs, in ms (1 µs: about what CPython's loop spends
/// to resume a task), so that tasks that keep waking each other still move a virtual clock
/// as they would move CPython's.
pub const SWITCH_MS: f64 = 0.001;
/// Steps between two looks at the real clock (the time slice) during a long computation.
const STEPS_PER_CHECK: u32 = 256;
/// What one item a built-in takes from a script's iterator counts as, in steps (see
/// `Interp::item_taken`).
const ITEM_STEPS: u32 = 32;

/// A run's interpreter: its globals, built-ins, modules, output and counters.
pub struct Interp {
    /// The module's variables.
    pub globals: RefCell<NameMap<Value>>,
    /// The script's globals in the order they were first assigned (CPython's dict order), for
    /// the program's end.
    global_order: RefCell<Vec<Name>>,
    /// The built-in names.
    pub builtins: NameMap<Value>,
    /// The module scope (its `info.is_module`).
    pub module_scope: Rc<Scope>,
    /// Steps since the last check of the time slice.
    pub unchecked: Cell<u32>,
    /// A built-in's work found the slice spent, and could not hold the run: the next step of
    /// the script's own code holds it (a loop whose steps are mostly a built-in's items,
    /// `sum(map(ord, line))`, would otherwise never give the page a turn).
    hold_due: Cell<bool>,
    /// Steps not yet charged to a virtual clock.
    pub uncharged: Cell<u64>,
    /// Elements made since memory was last looked at (see [`Interp::alloc`]).
    pub memory: Cell<usize>,
    /// Each definition's [`ScopeInfo`], worked out once: by the definition's address, with
    /// the definition kept so the address stays its own while the run lives.
    infos: RefCell<HashMap<usize, DefInfo>>,
    /// Inside a call that cannot suspend (a `key=` function, a `__str__`): no preemption.
    pub no_suspend: Cell<u32>,
    /// A class of this run has a `__del__`: its exit frees objects first (see `exit_frames`).
    pub(super) finalizes: Cell<bool>,
    /// `sys.getrecursionlimit()`.
    pub recursion_limit: Cell<u32>,
    /// The run's output and the modules' state.
    pub host: super::host::Host,
    /// `from __future__ import annotations` ran: a class body keeps its hints as text.
    pub hints_as_text: Cell<bool>,
    /// The lines the poll running now has run.
    pub ran: super::lines::Ran,
    /// The generators whose bodies run now, innermost last: where a `yield` goes.
    gens: RefCell<Vec<Rc<Gen>>>,
    /// Frames an exception left and still held when they ended: emptied as the program exits,
    /// as CPython's exit frees what tracebacks kept (see [`Interp::exit_frames`]).
    kept: RefCell<Vec<std::rc::Weak<Scope>>>,
}

/// A scope that only holds `values`, as a library function's frame holds its arguments: an
/// exception's traceback keeps it (`Instance::frames`), so they go when the exception does.
pub fn holding(values: Vec<Value>) -> Rc<Scope> {
    let n = values.len();
    let info = ScopeInfo { locals: vec![intern("arg"); n], cells: vec![false; n], ..ScopeInfo::default() };
    let scope = Scope::new(Rc::new(info), None, "<library>".into(), None);
    *scope.slots.borrow_mut() = values.into_iter().map(Some).collect();
    scope.ended.set(true);
    scope
}

/// A built-in's work (a `__str__` or `key=` it called, an `in` over an endless iterator) that
/// went on 2 s: it cannot let the page draw.
fn stuck_error() -> Exc {
    exc(
        "RuntimeError",
        "Loopscope stops a built-in's work (a __str__, a key=…, an `in` over an endless iterator) that runs 2 s without returning: it cannot let the page draw",
    )
}

/// The class whose body defines the function running in `scope` (or one it is nested in).
fn defining_class(scope: &Scope) -> Option<Rc<Class>> {
    let mut s = Some(scope);
    while let Some(sc) = s {
        if sc.info.is_module {
            break;
        }
        if let (Some(class), false) = (&sc.class, sc.info.is_class) {
            return Some(Rc::clone(class));
        }
        s = sc.parent.as_deref();
    }
    None
}

/// Makes a new unbound-local / name error.
fn name_error(name: Name) -> Exc {
    exc("NameError", format!("name '{}' is not defined", text(name)))
}

impl Interp {
    /// A fresh interpreter for one run.
    pub fn new(host: super::host::Host) -> Rc<Interp> {
        let info = Rc::new(ScopeInfo { is_module: true, ..ScopeInfo::default() });
        let globals = NameMap::from_iter([
            (intern("__name__"), Value::str("__main__")),
            (intern("__file__"), Value::str("main.py")),
        ]);
        Rc::new(Interp {
            globals: RefCell::new(globals),
            global_order: RefCell::default(),
            builtins: builtins::table(),
            module_scope: Scope::new(info, None, "<module>".into(), None),
            unchecked: Cell::new(0),
            hold_due: Cell::new(false),
            uncharged: Cell::new(0),
            memory: Cell::new(0),
            no_suspend: Cell::new(0),
            finalizes: Cell::new(false),
            recursion_limit: Cell::new(RECURSION_LIMIT),
            infos: RefCell::default(),
            gens: RefCell::default(),
            kept: RefCell::default(),
            ran: super::lines::Ran::new(host.out.source.len()),
            host,
            hints_as_text: Cell::new(false),
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
                return Err(unbound_local(name));
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
        self.load_global(name).or_else(|e| match defining_class(scope) {
            // A method's `__class__`: the class its `def` is in, as CPython's cell holds it.
            Some(class) if &*text(name) == "__class__" => Ok(Value::Class(class)),
            _ => Err(self.suggest_name(scope, name, e)),
        })
    }

    /// Adds CPython's "Did you mean" to a `NameError`: among the function's locals, then the
    /// module's names (ranked by the order they first appear in the source: the order names
    /// are interned, close to the order CPython's module dict keeps), then the built-ins.
    #[cold]
    #[inline(never)]
    fn suggest_name(&self, scope: &Scope, name: Name, e: Exc) -> Exc {
        let locals: Vec<(Rc<str>, u32)> = match scope.info.is_module {
            true => Vec::new(),
            false => scope.info.locals.iter().zip(0..).map(|(&n, slot)| (text(n), slot)).collect(),
        };
        let globals: Vec<(Rc<str>, u32)> = self.globals.borrow().keys().map(|&n| (text(n), n)).collect();
        use super::suggest::{borrowed, for_name};
        for_name(e, &text(name), &borrowed(&locals), &borrowed(&globals))
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
                // What it held is dropped once the slots are free again (see `cycles`).
                let old = scope.slots.borrow_mut()[i].replace(value);
                drop(old);
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
                        let old = s.slots.borrow_mut()[i].replace(value);
                        drop(old);
                        return;
                    }
                    p = s.parent.as_deref();
                }
            }
        }
        let old = self.globals.borrow_mut().insert(name, value);
        match old {
            None => {
                let mut order = self.global_order.borrow_mut();
                if !order.contains(&name) {
                    order.push(name);
                }
            }
            Some(old) => drop(old), // out of the borrow: its drop may warn, and so write
        }
    }

    fn delete(&self, scope: &Scope, name: Name) -> PyResult<()> {
        if !scope.info.is_module {
            if let Some(i) = scope.info.slot(name) {
                let old = scope.slots.borrow_mut()[i].take();
                // A function's local not set yet is CPython's UnboundLocalError (a class body's
                // name, a NameError).
                return old.map(drop).ok_or_else(|| match scope.info.is_class {
                    true => name_error(name),
                    false => unbound_local(name),
                });
            }
            // `nonlocal v; del v`: the enclosing function's variable.
            if !scope.info.is_class && !scope.info.globals.contains(&name) {
                let mut p = scope.parent.as_deref();
                while let Some(s) = p {
                    if s.info.is_module {
                        break;
                    }
                    if let (false, Some(i)) = (s.info.is_class, s.info.slot(name)) {
                        let old = s.slots.borrow_mut()[i].take();
                        return old.map(drop).ok_or_else(|| {
                            let m = format!("cannot access free variable '{}' where it is not associated with a value in enclosing scope", text(name));
                            exc("NameError", m)
                        });
                    }
                    p = s.parent.as_deref();
                }
            }
        }
        self.globals.borrow_mut().remove(&name).map(|_| ()).ok_or_else(|| name_error(name))
    }

    /// The locals of a function made from `def` (see [`scope_info`]), once per definition.
    /// A frame has run to its end (`raised`: an exception left it). An exception's traceback
    /// that holds it keeps it whole, as CPython's keeps a frame and its locals.
    fn frame_ended(&self, scope: &Rc<Scope>, raised: bool) {
        let kept = raised || scope.tracebacks.get() > 0;
        if kept && Rc::strong_count(scope) > 1 {
            let mut frames = self.kept.borrow_mut();
            // Those freed since go, so the list holds about what is kept (a loop that raises a
            // million times keeps no million entries).
            if frames.len() >= 64 && frames.len().is_power_of_two() {
                frames.retain(|f| f.strong_count() > 0);
            }
            frames.push(Rc::downgrade(scope));
        }
        cycles::free_ended_frame(scope, kept);
    }

    /// The program has ended: the frames exceptions kept are emptied, in the order they ended,
    /// as CPython's exit frees them (what was never awaited there is warned about as `sys:1`).
    pub fn exit_frames(&self) {
        let kept = std::mem::take(&mut *self.kept.borrow_mut());
        for scope in kept.iter().filter_map(std::rc::Weak::upgrade) {
            cycles::drop_in_order(scope.take_values(true).unwrap_or_default());
            self.finalize_freed();
        }
        // Then the module's globals, as CPython's exit frees `__main__`'s dict: a coroutine a
        // global still holds is warned about as never awaited (`sys:1`). They go in the order
        // they were first assigned (the names it starts with, none of the script's, first);
        // with a class's `__del__` about, as CPython's exit finalizes them: the objects first,
        // then the containers, and the classes and functions their `__del__` may use last.
        let order = std::mem::take(&mut *self.global_order.borrow_mut());
        let rank: NameMap<usize> = order.iter().enumerate().map(|(i, &n)| (n, i + 1)).collect();
        let finalizing = self.finalizes.get();
        let stage = |v: &Value| match v {
            _ if !finalizing => 0,
            Value::Instance(_) => 0,
            Value::Class(_) | Value::Func(_) | Value::Builtin(_) | Value::Module(_) | Value::Method(_) => 2,
            _ => 1,
        };
        let mut names: Vec<(Name, (u8, usize))> =
            self.globals.borrow().iter().map(|(&n, v)| (n, (stage(v), rank.get(&n).copied().unwrap_or(0)))).collect();
        names.sort_unstable_by_key(|&(_, key)| key);
        // Each one goes, its objects finalized (`__del__`), while the others are still there.
        for (n, _) in names {
            let v = self.globals.borrow_mut().remove(&n);
            if let Some(v) = v {
                cycles::drop_in_order(vec![v]);
                self.finalize_freed();
            }
        }
        let rest: Vec<Value> = std::mem::take(&mut *self.globals.borrow_mut()).into_values().collect();
        cycles::drop_in_order(rest);
    }

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
        // (Inside a built-in's call the run cannot be held: the flag waits for the script.)
        n >= STEPS_PER_CHECK || (self.hold_due.get() && self.no_suspend.get() == 0)
    }

    /// A task's poll begins: a hold a built-in's work asked for in an earlier poll is done
    /// (the task suspended since).
    pub fn poll_started(&self) {
        self.hold_due.set(false);
    }

    /// Runs `f`, the comparison of a container's items, as one more nested evaluation
    /// ([`aio::Nested`]): comparing lists nested thousands deep stops with CPython's
    /// `RecursionError` before the browser's stack is spent.
    pub fn deeper<T>(&self, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
        let Ok(_nested) = aio::Nested::enter() else {
            return raise("RecursionError", "maximum recursion depth exceeded in comparison");
        };
        f()
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
        let due = self.no_suspend.get() == 0 && self.hold_due.replace(false);
        if !due && !super::host::slice_spent() {
            return Ok(());
        }
        if self.no_suspend.get() == 0 {
            if aio::in_thread() {
                // A `to_thread` worker gives the loop a turn instead, as CPython's GIL
                // switches threads every 5 ms: the loop's tasks run between its slices.
                loopscope_core::runtime::yield_now().await;
            } else {
                aio::Hold::default().await;
            }
        } else if super::host::stuck() {
            // Called by a built-in (a `__str__`, a `key=`), it cannot give the page a turn.
            return Err(stuck_error());
        } else {
            self.hold_due.set(true);
        }
        Ok(())
    }

    /// One item a built-in's own loop took (`x in iterator`): counted as a step, and stopped
    /// as [`Interp::preempt`] stops a built-in's call once the poll is stuck (an `in` over
    /// `itertools.count()` would never end, and a built-in cannot give the page a turn).
    pub(crate) fn builtin_step(&self) -> PyResult<()> {
        self.item_taken()?;
        if self.unchecked.get() < STEPS_PER_CHECK {
            return Ok(());
        }
        self.unchecked.set(0);
        self.charge_steps();
        if super::host::slice_spent() {
            if super::host::stuck() {
                return Err(stuck_error());
            }
            self.hold_due.set(true);
        }
        Ok(())
    }

    /// Checks a container about to hold `n` more elements: no one container past
    /// [`MEMORY_LIMIT`] elements, and the page's memory (looked at every so often) under
    /// [`MEMORY_BYTES`].
    pub fn alloc(&self, n: usize) -> PyResult<()> {
        if n > MEMORY_LIMIT {
            return Err(memory_error()); // refused at once: no work was done, none is charged
        }
        // Bulk work counts as steps (one per 64 elements): a loop copying big lists reaches
        // its time-slice check as often as one doing the same work a statement at a time.
        let extra = (n / 64) as u32;
        self.unchecked.set(self.unchecked.get().saturating_add(extra));
        self.uncharged.set(self.uncharged.get() + u64::from(extra));
        let total = self.memory.get().saturating_add(n);
        self.memory.set(total);
        if total > 1 << 16 && super::host::memory_bytes() > MEMORY_BYTES {
            return Err(memory_error());
        }
        if total > 1 << 16 {
            self.memory.set(0);
        }
        Ok(())
    }

    // ---- operations that may call the script's methods ----

    /// Truth value, asking a script's `__bool__` or `__len__`.
    pub fn truthy(&self, v: &Value) -> PyResult<bool> {
        if let Value::Instance(i) = v {
            if let Some(m) = i.class.lookup(intern("__bool__")) {
                return match self.call_sync(m, vec![v.clone()])? {
                    Value::Bool(b) => Ok(b),
                    r => Err(builtins::type_error("__bool__ should return bool, returned ", &r, "")),
                };
            }
            if let Some(m) = i.class.lookup(intern("__len__")) {
                return match self.call_sync(m, vec![v.clone()])? {
                    Value::Int(n) if n < 0 => raise("ValueError", "__len__() should return >= 0"),
                    r @ (Value::Int(_) | Value::Bool(_)) => Ok(r.truthy()),
                    r => Err(builtins::type_error("'", &r, "' object cannot be interpreted as an integer")),
                };
            }
        }
        Ok(v.truthy())
    }

    /// `str(v)`, asking a script's `__str__` (or `__repr__`).
    pub fn to_str(&self, v: &Value) -> PyResult<String> {
        if let Value::Str(s) = v {
            return Ok(s.to_string()); // the usual `print` argument, with nothing inside to ask
        }
        if let Value::Instance(i) = v {
            // A built-in `__str__` (an enum member's) is called as it is; a built-in
            // `__repr__` (a dataclass's) is written as any repr, which marks the instance as
            // being written (`Node(val=1, next=...)`).
            let own = i.class.lookup(intern("__str__"));
            if let Some(Value::Builtin(b)) = &own {
                return (b.call)(self, b.name, vec![v.clone()], vec![]).map(|s| s.to_str());
            }
            // An exception's `str` is `BaseException.__str__` (its arguments), not its `__repr__`.
            let own = own.or_else(|| if i.class.is_exception() { None } else { i.class.lookup(intern("__repr__")) });
            if let Some(m @ Value::Func(_)) = own {
                return match self.call_sync(m, vec![v.clone()])? {
                    Value::Str(s) => Ok(s.to_string()),
                    other => raise("TypeError", format!("__str__ returned non-string (type {})", other.type_name())),
                };
            }
        }
        crate::value::write_by(self.host.interp(), || v.to_str())
    }

    /// `repr(v)`, asking a script's `__repr__`, for `v` and for every instance inside it.
    pub fn repr(&self, v: &Value) -> PyResult<String> {
        crate::value::write_by(self.host.interp(), || v.repr())
    }

    /// `a op b`, with a script's `__add__` and friends: `a.__add__(b)`, then, if `a` has none
    /// or it returns `NotImplemented`, `b.__radd__(a)`, as CPython asks them.
    pub(super) async fn binop(&self, op: BinOp, a: Value, b: Value) -> PyResult {
        for (m, x, y) in operator_calls(op, &a, &b) {
            let r = self.call(m, vec![x, y], vec![]).await?;
            if !builtins::is_not_implemented(&r) {
                return Ok(r);
            }
        }
        builtins::binop(self, op, &a, &b)
    }

    /// [`Interp::binop`] for a built-in that adds up a script's objects (`sum`).
    pub fn binop_sync(&self, op: BinOp, a: &Value, b: &Value) -> PyResult {
        for (m, x, y) in operator_calls(op, a, b) {
            let r = self.call_sync(m, vec![x, y])?;
            if !builtins::is_not_implemented(&r) {
                return Ok(r);
            }
        }
        builtins::binop(self, op, a, b)
    }

    /// Whether `a` is `b` or equals it: what `in`, `count`, `index` and `remove` ask of each
    /// item, as CPython's `PyObject_RichCompareBool` (an object matches itself, a NaN too).
    pub fn is_or_equals(&self, a: &Value, b: &Value) -> PyResult<bool> {
        Ok(a.is(b) || self.compare(CmpOp::Eq, a, b)?)
    }

    /// `a op b` for comparisons, with a script's `__eq__` and `__lt__`, and `a in b` with
    /// its `__contains__` (else its items, from `__iter__`).
    pub fn compare(&self, op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
        if let (CmpOp::In | CmpOp::NotIn, Value::Instance(i)) = (op, b) {
            let found = match i.class.lookup(intern("__contains__")) {
                Some(m) => self.call_sync(m, vec![b.clone(), a.clone()])?.truthy(),
                // Else its items, asked one at a time up to the first equal one (an endless
                // iterator that holds it is fine), as CPython asks them.
                None if !builtins::script_iterable(b) => {
                    return Err(builtins::type_error("argument of type '", b, "' is not iterable"));
                }
                None => {
                    let mut found = false;
                    self.each(b, &mut |x| {
                        found = self.compare(CmpOp::Eq, a, &x)?;
                        Ok(!found)
                    })?;
                    found
                }
            };
            return Ok(found == (op == CmpOp::In));
        }
        let ordered = !matches!(op, CmpOp::In | CmpOp::NotIn | CmpOp::Is | CmpOp::IsNot);
        if ordered && (matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_))) {
            return Ok(self.compare_value(op, a, b)?.truthy());
        }
        builtins::compare(self, op, a, b)
    }

    /// `a op b` as the expression gives it: what a script's `__lt__` (…) returned, which need
    /// not be a bool (`print(a < b)`), else a bool. A script's method of the left operand, else
    /// the reflected one of the right (`a > b` asks `b.__lt__(a)`); the right one first when
    /// its class derives from the left's, as CPython does. `!=` asks `__ne__`, which inverts
    /// `__eq__` unless the class has its own.
    pub fn compare_value(&self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        let (own, reflected) = match op {
            CmpOp::Eq => ("__eq__", "__eq__"),
            CmpOp::NotEq => ("__ne__", "__ne__"),
            CmpOp::Lt => ("__lt__", "__gt__"),
            CmpOp::Gt => ("__gt__", "__lt__"),
            CmpOp::LtE => ("__le__", "__ge__"),
            CmpOp::GtE => ("__ge__", "__le__"),
            _ => return self.compare(op, a, b).map(Value::Bool),
        };
        // A class with its own `__eq__` and no `__ne__` has `object.__ne__`, which inverts it.
        let method = |x: &Value, name: &str| match builtins::script_method(x, name) {
            None if name == "__ne__" && builtins::script_method(x, "__eq__").is_some() => {
                builtins::object_method(intern("__ne__"), None)
            }
            m => m,
        };
        let mut calls = [(method(a, own), a, b), (method(b, reflected), b, a)];
        let (ca, cb) = (a.class(), b.class());
        if !Rc::ptr_eq(&ca, &cb) && cb.is_subclass(&ca) {
            calls.swap(0, 1);
        }
        // `NotImplemented` from one side asks the other; from both, `==` compares identity.
        let asked = calls.iter().any(|(m, _, _)| m.is_some());
        for (m, x, y) in calls.into_iter().filter_map(|(m, x, y)| Some((m?, x, y))) {
            if self.no_suspend.get() >= MAX_SYNC_CALLS {
                return raise("RecursionError", "maximum recursion depth exceeded in comparison");
            }
            let r = self.call_sync(m, vec![x.clone(), y.clone()])?;
            if !builtins::is_not_implemented(&r) {
                return Ok(r);
            }
        }
        Ok(Value::Bool(match op {
            CmpOp::Eq if asked => a.is(b),
            CmpOp::NotEq if asked => !a.is(b),
            _ => builtins::compare(self, op, a, b)?,
        }))
    }

    /// The items of an iterable, all at once. A script's object gives them through `__iter__`
    /// (then its iterator's `__next__` until `StopIteration`) or, as CPython falls back to,
    /// `__getitem__` from 0 until `IndexError`.
    pub fn iterate(&self, v: &Value) -> PyResult<Vec<Value>> {
        let mut items = Vec::new();
        self.each(v, &mut |x| {
            items.push(x);
            Ok(true)
        })?;
        Ok(items)
    }

    /// Gives an iterable's items to `visit` one at a time, as they are taken, until it says
    /// stop (`false`): `x in obj` asks a script's iterator no further than the item it finds,
    /// as CPython's does.
    pub fn each(&self, v: &Value, visit: &mut dyn FnMut(Value) -> PyResult<bool>) -> PyResult<()> {
        if let Value::Gen(g) = v {
            if g.is_async {
                return Err(builtins::type_error("'", v, "' object is not iterable"));
            }
            while let Some(x) = g.resume_now(self)? {
                self.builtin_step()?;
                if !visit(x)? {
                    break;
                }
            }
            return Ok(());
        }
        let Value::Instance(i) = v else {
            for x in builtins::iterate(v)? {
                if !visit(x)? {
                    break;
                }
            }
            return Ok(());
        };
        let (step, stop): (Box<dyn Fn(usize) -> PyResult>, &str) = match i.class.lookup(intern("__iter__")) {
            // `__iter__ = None`: the class says it is not iterable.
            Some(Value::None) => return Err(builtins::type_error("'", v, "' object is not iterable")),
            Some(m) => match self.call_sync(m, vec![v.clone()])? {
                it @ Value::Instance(_) => {
                    let Value::Instance(j) = &it else { unreachable!() };
                    let Some(next) = j.class.lookup(intern("__next__")) else {
                        return raise(
                            "TypeError",
                            format!("iter() returned non-iterator of type '{}'", it.type_name()),
                        );
                    };
                    (Box::new(move |_| self.call_sync(next.clone(), vec![it.clone()])), "StopIteration")
                }
                other @ (Value::Gen(_) | Value::Iter(_)) => return self.each(&other, visit),
                other => {
                    return raise("TypeError", format!("iter() returned non-iterator of type '{}'", other.type_name()))
                }
            },
            None => match i.class.lookup(intern("__getitem__")) {
                Some(m) => {
                    (Box::new(move |n| self.call_sync(m.clone(), vec![v.clone(), Value::Int(n as i64)])), "IndexError")
                }
                None => return Err(builtins::type_error("'", v, "' object is not iterable")),
            },
        };
        for n in 0.. {
            match step(n) {
                Ok(x) => {
                    self.builtin_step()?;
                    if !visit(x)? {
                        break;
                    }
                }
                // A sequence ends at an `IndexError` or a `StopIteration` (subclasses too).
                Err(e) if stop == "IndexError" && builtins::ends_sequence(&e) => break,
                Err(e) if e.class().is_subclass(&exc_class(stop)) => break,
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// One more item a built-in took from a script's iterator (a generator's `yield`, an
    /// object's `__next__`). Each is a call from Rust into the script, which costs far more
    /// than a step: it counts as [`ITEM_STEPS`] toward the next check of the time slice, so
    /// that an endless one (`list(count_up())`) is stopped within about a second of real time
    /// (see `host::stuck`), in a virtual run at the same item every time.
    fn item_taken(&self) -> PyResult<()> {
        self.unchecked.set(self.unchecked.get().saturating_add(ITEM_STEPS));
        self.alloc(1)
    }

    /// `o[i] = v`, with a script's `__setitem__`.
    pub async fn set_item(&self, o: &Value, i: Value, v: Value) -> PyResult<()> {
        match o {
            Value::Instance(c) if c.class.lookup(intern("__setitem__")).is_some() => {
                self.call_method(o, "__setitem__", vec![i, v]).await.map(drop)
            }
            _ => builtins::set_item(self, o, &i, v),
        }
    }

    /// `del o[i]`, with a script's `__delitem__`.
    pub async fn del_item(&self, o: &Value, i: Value) -> PyResult<()> {
        match o {
            Value::Instance(c) if c.class.lookup(intern("__delitem__")).is_some() => {
                self.call_method(o, "__delitem__", vec![i]).await.map(drop)
            }
            _ => builtins::del_item(o, &i),
        }
    }

    /// `o[i]`, with a script's `__getitem__`.
    pub async fn get_item(&self, o: &Value, i: Value) -> PyResult {
        match o {
            Value::Instance(c) if c.class.lookup(intern("__getitem__")).is_some() => {
                self.call_method(o, "__getitem__", vec![i]).await
            }
            _ => builtins::get_item(self, o, &i),
        }
    }

    // ---- attributes ----

    /// `obj.name`.
    pub fn get_attr(&self, obj: &Value, name: Name) -> PyResult {
        builtins::get_attr(self, obj, name)
    }

    /// `obj.name = value`.
    pub fn set_attr(&self, obj: &Value, name: Name, value: Value) -> PyResult<()> {
        // The class's own `__setattr__`, which sets it (through `object.__setattr__`) or not.
        if let Some(hook) = crate::value::attr_hook(obj, "__setattr__") {
            return self.call_sync(hook, vec![obj.clone(), Value::Str(text(name)), value]).map(drop);
        }
        self.set_attr_plain(obj, name, value)
    }

    /// `obj.name = value` as `object.__setattr__` sets it: a property's setter, a frozen
    /// dataclass's guard and `__slots__` are heeded, a class's own `__setattr__` is not.
    pub fn set_attr_plain(&self, obj: &Value, name: Name, value: Value) -> PyResult<()> {
        match obj {
            // A partial's parts are read-only, as CPython's (one pointing at itself would call
            // itself for ever).
            Value::Instance(i)
                if crate::functools::is_partial(i) && matches!(&*text(name), "func" | "args" | "keywords") =>
            {
                raise("AttributeError", "readonly attribute")
            }
            Value::Instance(i) => {
                if let Some(e) = crate::dataclasses::frozen_error(obj, name, false) {
                    return Err(e);
                }
                if let Some(e) = crate::datetime::set_error(obj, name) {
                    return Err(e);
                }
                // An object's class is fixed here: storing it as an attribute would change
                // nothing `type()` or a method call sees.
                if &*text(name) == "__class__" {
                    return unsupported("assigning to __class__");
                }
                // A new `__dict__`: the dict its attributes live in from now on.
                if name == DICT.with(|d| *d) && !i.class.is_exception() {
                    return match value {
                        Value::Dict(d) => {
                            i.set_dict(d);
                            Ok(())
                        }
                        v => Err(crate::builtins::type_error("__dict__ must be set to a dictionary, not a '", &v, "'")),
                    };
                }
                // A property's setter, if the class has one under this name.
                if let Some(Value::Instance(p)) = i.class.lookup(name) {
                    if p.class.kind == Kind::Other && &*p.class.name == "property" {
                        let Some(setter) = p.get(intern("fset")) else {
                            let message =
                                format!("property '{}' of '{}' object has no setter", text(name), i.class.name);
                            return raise("AttributeError", message);
                        };
                        return self.call_sync(setter, vec![obj.clone(), value]).map(drop);
                    }
                }
                // An exception's links are its own fields, which `raise` reads and cuts.
                if i.class.is_exception() {
                    let which = match &*text(name) {
                        "__context__" => Some("context"),
                        "__cause__" => Some("cause"),
                        "__suppress_context__" => {
                            i.suppress_context.set(value.truthy());
                            return Ok(());
                        }
                        // A group's parts are read-only, as CPython's members.
                        "message" | "exceptions" if i.class.is_group() => {
                            return raise("AttributeError", "readonly attribute")
                        }
                        // `args` is a tuple of whatever is given (`e.args = ["a"]`).
                        "args" => {
                            let items = self.iterate(&value)?;
                            i.set(name, Value::tuple(items));
                            return Ok(());
                        }
                        _ => None,
                    };
                    if let Some(which) = which {
                        let link = match value {
                            Value::None => None,
                            v @ Value::Instance(_) if v.class().is_exception() => Some(v),
                            _ => {
                                return raise(
                                    "TypeError",
                                    format!("exception {which} must be None or derive from BaseException"),
                                )
                            }
                        };
                        if which == "cause" {
                            i.suppress_context.set(true);
                            *i.cause.borrow_mut() = link;
                        } else {
                            *i.context.borrow_mut() = link;
                        }
                        return Ok(());
                    }
                }
                // A member's `name` and `value` are read-only properties of `Enum`.
                if matches!(&*text(name), "name" | "value") && crate::enums::is_any_member(i) {
                    return raise("AttributeError", format!("<enum 'Enum'> cannot set attribute '{}'", text(name)));
                }
                if refused_by_slots(&i.class, name) {
                    return raise(
                        "AttributeError",
                        format!("'{}' object has no attribute '{}'", i.class.name, text(name)),
                    );
                }
                i.set(name, value);
                Ok(())
            }
            Value::Func(f) => {
                // The slots CPython's functions keep themselves: checked, and read from then on.
                match &*text(name) {
                    "__qualname__" | "__name__" if !matches!(value, Value::Str(_)) => {
                        return raise("TypeError", format!("{} must be set to a string object", text(name)))
                    }
                    "__qualname__" => {
                        let Value::Str(q) = value else { unreachable!("checked above") };
                        // Its `__name__` stays what it was (a slot of its own in CPython).
                        let name = intern("__name__");
                        if !f.attrs.borrow().iter().any(|(n, _)| *n == name) {
                            let was = crate::builtins::function_attr(f, name)?;
                            f.attrs.borrow_mut().push((name, was));
                        }
                        *f.renamed.borrow_mut() = Some(q);
                        return Ok(());
                    }
                    "__defaults__" => return set_defaults(f, value),
                    _ => {}
                }
                let replaced = crate::value::put_attr(&mut f.attrs.borrow_mut(), name, value);
                drop(replaced); // once the function's attributes are no longer borrowed
                Ok(())
            }
            Value::Class(c) if c.kind == Kind::Object || c.kind == Kind::Exception => {
                if crate::enums::is_member(c, name) {
                    return raise("AttributeError", format!("cannot reassign member '{}'", text(name)));
                }
                // A hook given to the class after its body: asked from now on.
                match &*text(name) {
                    "__del__" => {
                        crate::value::finalizers_defined();
                        self.finalizes.set(true);
                    }
                    "__setattr__" | "__delattr__" => crate::value::attr_hooks_defined(),
                    _ => {}
                }
                let replaced = crate::value::put_attr(&mut c.attrs.borrow_mut(), name, value);
                drop(replaced); // once the class's attributes are no longer borrowed
                Ok(())
            }
            // (Its own come first, its methods too: CPython's task has a `__dict__`.)
            Value::Task(t) => {
                let replaced = crate::value::put_attr(&mut t.attrs.borrow_mut(), name, value);
                drop(replaced); // once the task's attributes are no longer borrowed
                Ok(())
            }
            // The run's own module (`sys.limit = 5`): only the script's lookups see it.
            Value::Module(m) => {
                m.attrs.borrow_mut().insert(name, value);
                Ok(())
            }
            // Debug mode's threshold (`loop.slow_callback_duration = 0.05`).
            Value::Native(n) if matches!(**n, aio::Native::Loop) && &*text(name) == "slow_callback_duration" => {
                match value {
                    Value::Int(s) => self.host.slow_callback.set(s as f64),
                    Value::Float(s) => self.host.slow_callback.set(s),
                    v => return Err(builtins::type_error("slow_callback_duration must be a number, not ", &v, "")),
                }
                Ok(())
            }
            // A defaultdict's factory may be changed, or taken away (None: a missing key fails).
            Value::Dict(d)
                if &*text(name) == "default_factory" && matches!(d.borrow().missing, Missing::Factory(_)) =>
            {
                d.borrow_mut().missing = Missing::Factory(value);
                Ok(())
            }
            Value::Int(_) | Value::Float(_) | Value::Bool(_) if matches!(&*text(name), "real" | "imag") => {
                let t = if matches!(obj, Value::Bool(_)) { "int".into() } else { obj.type_name() }; // int's, inherited
                raise("AttributeError", format!("attribute '{}' of '{t}' objects is not writable", text(name)))
            }
            Value::Range(_) if matches!(&*text(name), "start" | "stop" | "step") => {
                raise("AttributeError", "readonly attribute")
            }
            // A built-in type's method (`"abc".upper = 5`).
            Value::Str(_)
            | Value::List(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Tuple(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::Bool(_)
            | Value::Bytes(_)
            | Value::Range(_)
                if builtins::get_attr(self, obj, name).is_ok() =>
            {
                let t = obj.type_name();
                raise("AttributeError", format!("'{t}' object attribute '{}' is read-only", text(name)))
            }
            _ => raise("AttributeError", format!("'{}' object has no attribute '{}'", obj.type_name(), text(name))),
        }
    }

    /// Calls `obj.name(*args)`.
    pub async fn call_method(&self, obj: &Value, name: &str, args: Vec<Value>) -> PyResult {
        let m = self.get_attr(obj, intern(name))?;
        self.call(m, args, vec![]).await
    }
}

/// A function's local read or deleted before it was set.
#[cold]
fn unbound_local(name: Name) -> Exc {
    exc(
        "UnboundLocalError",
        format!("cannot access local variable '{}' where it is not associated with a value", text(name)),
    )
}

/// Whether an instance of `class` may not take the attribute `name`: every class it derives
/// from lists its `__slots__` (none of them `__dict__`), and none lists `name`. A class with
/// no `__slots__` (the usual) is answered by one look at its own attributes.
pub(crate) fn refused_by_slots(class: &Rc<Class>, name: Name) -> bool {
    let slots = SLOTS.with(|s| *s);
    let mut listed = false;
    for c in class.chain() {
        if c.base.is_none() {
            break; // `object`
        }
        if c.kind != Kind::Object {
            return false; // below a built-in class (an exception's), which has its `__dict__`
        }
        let Some(own) = c.attrs.borrow().iter().find(|(n, _)| *n == slots).map(|(_, v)| v.clone()) else {
            return false;
        };
        let names = match own {
            Value::Str(_) => vec![own],
            Value::Tuple(t) => t.to_vec(),
            Value::List(l) => l.borrow().clone(),
            _ => return false,
        };
        for n in names {
            match n {
                Value::Str(t) if &*t == "__dict__" => return false,
                Value::Str(t) if intern(&t) == name => listed = true,
                _ => {}
            }
        }
    }
    !listed
}

/// Whether exception `e` matches `except t` (a class or a tuple of classes).
/// Every class of a tuple is checked first, and a tuple inside it is no class, as CPython's
/// `except` checks them (`contextlib.suppress` asks `issubclass`, which takes nested tuples:
/// [`exception_in`]).
pub fn exception_matches(e: &Value, t: &Value) -> PyResult<bool> {
    let class_of = |t: &Value| match t {
        Value::Class(c) if c.is_exception() => Ok(Rc::clone(c)),
        _ => raise("TypeError", "catching classes that do not inherit from BaseException is not allowed"),
    };
    match t {
        Value::Tuple(items) => {
            let classes = items.iter().map(class_of).collect::<PyResult<Vec<_>>>()?;
            Ok(classes.iter().any(|c| e.class().is_subclass(c)))
        }
        t => Ok(e.class().is_subclass(&class_of(t)?)),
    }
}

/// Whether exception `e` is an instance of `t`, a class or tuples of them, nested as deep as
/// `issubclass` takes them.
pub fn exception_in(e: &Value, t: &Value) -> PyResult<bool> {
    match t {
        Value::Tuple(items) => {
            for i in items.iter() {
                if exception_in(e, i)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        t => exception_matches(e, t),
    }
}

/// Adds `scope`'s frame (its line now, its name) to the front of an exception's traceback,
/// once per scope it leaves (its blocks nest, its frame is one).
pub fn add_frame(e: &Value, scope: &Rc<Scope>) {
    if let Value::Instance(i) = e {
        let at = Rc::as_ptr(scope) as usize;
        // Taken even when the frame is there already (an exception that failed here once
        // before): the next frame out has a place of its own.
        let span = take_failed_at(i);
        if i.tb_scope.replace(at) != at {
            let line = if span.line != 0 { span.line } else { scope.line.get() };
            i.traceback.borrow_mut().insert(0, (line, Rc::clone(&scope.name), span));
            if !scope.info.is_module {
                scope.tracebacks.set(scope.tracebacks.get() + 1);
                i.frames.borrow_mut().push(Rc::clone(scope));
            }
        }
    }
}

/// `new` raised while `old` was handled: `old` is its context, unless it has one.
pub(crate) fn set_context(new: &Value, old: &Value) {
    set_context_of(new, old, false);
}

/// [`set_context`]; `overwrite`: as a `raise` sets it, replacing the one it had.
fn set_context_of(new: &Value, old: &Value, overwrite: bool) {
    if let Value::Instance(i) = new {
        if !new.is(old) && (overwrite || i.context.borrow().is_none()) {
            // As CPython: a chain of contexts from `old` that comes back to `new` is cut there.
            let mut at = old.clone();
            for _ in 0..100 {
                let Value::Instance(link) = &at else { break };
                let next = link.context.borrow().clone();
                match next {
                    Some(n) if n.is(new) => *link.context.borrow_mut() = None,
                    Some(n) => {
                        at = n;
                        continue;
                    }
                    None => {}
                }
                break;
            }
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
    Err(refusal(what))
}

/// The error [`unsupported`] raises.
pub fn refusal(what: &str) -> Exc {
    exc("NotImplementedError", format!("{REFUSAL}{what} yet"))
}

const REFUSAL: &str = "Loopscope's Python does not support ";

/// Whether `e` says a feature is not supported: no `except` takes it (a program that went
/// on without the feature would go on wrong), so it ends the program where the learner sees it.
pub fn is_refusal(e: &Value) -> bool {
    match e {
        Value::Instance(i) if &*i.class.name == "NotImplementedError" => {
            matches!(crate::value::exception_args(i).first(), Some(Value::Str(s)) if s.starts_with(REFUSAL))
        }
        _ => false,
    }
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
        Const::None => Value::None,
        Const::Ellipsis => builtins::ellipsis(),
        Const::Bool(b) => Value::Bool(*b),
        Const::Int(i) => Value::Int(*i),
        Const::Float(f) => Value::Float(*f),
        Const::Str(s) => Value::Str(Rc::clone(s)),
        Const::Bytes(b) => Value::Bytes(Rc::clone(b)),
    }
}

/// The MemoryError of a script past Loopscope's limits.
fn memory_error() -> Value {
    exc("MemoryError", "a script may use 256 MiB of the page's memory at most (Loopscope's limit)")
}

/// The methods `a op b` may ask: `__add__` and the reflected `__radd__` (the in-place
/// `__iadd__` is the first with an `i`).
pub(super) fn operator_methods(op: BinOp) -> (&'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__"),
        BinOp::Sub => ("__sub__", "__rsub__"),
        BinOp::Mul => ("__mul__", "__rmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__"),
        BinOp::Pow => ("__pow__", "__rpow__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__"),
        BinOp::LShift => ("__lshift__", "__rlshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__"),
        BinOp::BitAnd => ("__and__", "__rand__"),
        BinOp::BitOr => ("__or__", "__ror__"),
        BinOp::BitXor => ("__xor__", "__rxor__"),
    }
}

/// The methods of a script's objects `a op b` asks, in order: `a.__add__(b)`, then the
/// reflected `b.__radd__(a)` (only if `b` is of another class). Each is (method, self, other).
fn operator_calls(op: BinOp, a: &Value, b: &Value) -> Vec<(Value, Value, Value)> {
    let (own, reflected) = operator_methods(op);
    let mut calls: Vec<_> = builtins::script_method(a, own).map(|m| (m, a.clone(), b.clone())).into_iter().collect();
    if let (Value::Instance(j), Some(m)) = (b, builtins::script_method(b, reflected)) {
        let a_class = match a {
            Value::Instance(i) if Rc::ptr_eq(&i.class, &j.class) => return calls,
            Value::Instance(i) => Some(&i.class),
            _ => None,
        };
        // A subclass of `a`'s class that overrides the reflected method is asked first.
        let first =
            a_class.is_some_and(|c| j.class.is_subclass(c) && !c.lookup(intern(reflected)).is_some_and(|r| r.is(&m)));
        calls.insert(if first { 0 } else { calls.len() }, (m, b.clone(), a.clone()));
    }
    calls
}

/// `f.__defaults__ = value`: a tuple gives the last positional parameters their defaults, None
/// takes them away (the keyword-only ones' stay, as `__kwdefaults__` is another slot).
fn set_defaults(f: &Function, value: Value) -> PyResult<()> {
    let given = match value {
        Value::None => Vec::new(),
        Value::Tuple(t) => t.to_vec(),
        _ => return raise("TypeError", "__defaults__ must be set to a tuple object"),
    };
    let n = f.def.params.args.len();
    let mut old = Vec::with_capacity(n);
    let mut defaults = f.defaults.borrow_mut();
    let from = n.saturating_sub(given.len());
    let skip = given.len().saturating_sub(n);
    let mut given = given.into_iter().skip(skip);
    for i in 0..n.min(defaults.len()) {
        let new = if i >= from { given.next() } else { None };
        old.push(std::mem::replace(&mut defaults[i], new));
    }
    drop(defaults);
    drop(old); // once the defaults are no longer borrowed (a `__del__` may run)
    Ok(())
}
