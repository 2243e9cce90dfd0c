//! Python's asyncio on the runtime: every Python task (`asyncio.run`'s main, `create_task`,
//! each coroutine `gather` or `wait_for` wraps) is a runtime task, traced like a lesson's.
//! Awaiting a task, a sleep, a queue or an event is a *leaf* await: the only places a task
//! suspends, and where `task.cancel()` raises `CancelledError`, as CPython throws it into the
//! coroutine at its current `await`, so `finally` blocks run.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use futures::future::LocalBoxFuture;

use super::ast::{intern, Name};
use super::builtins::{builtin, kwarg};
use super::interp::{Flow, Interp, Scope};
use super::value::*;
use loopscope_core::runtime::{self, waiting_on, waking_because};
use loopscope_core::trace::record::WakeCause;

mod awaits;
mod line;
mod native;
mod task;

use awaits::{wait, wait_for};
pub use awaits::{Hold, Leaf};
use line::{Line, Place, Units};
pub use native::{get_attr, Group, Native, Pipe, Queue};
use native::{open_connection, start_server};
pub use task::*;

/// A coroutine or another awaitable: its future, taken by the one `await` that runs it.
pub struct Coro {
    /// The function's name (for `repr` and the lane of a task made from it).
    pub name: Rc<str>,
    fut: RefCell<Option<CoroFut>>,
    /// A native awaitable (a sleep, a gather, a queue's get): awaiting it suspends the task
    /// and is where a cancel lands. A script's coroutine is not: it runs inline.
    pub leaf: bool,
    /// Made by a built-in that blocks (`time.sleep`, `asyncio.run`): the caller awaits it at once.
    pub blocking: bool,
    /// Line of the `async def` (0 for a native awaitable), for CPython's "defined at".
    pub line: u32,
    /// For an `async def`'s coroutine: the call's scope and how many positional parameters
    /// it has, so that an unnamed task's lane reads `patient(1)`, not four `patient`s. Weak:
    /// the coroutine's future holds the scope, and a scope may hold its own coroutine.
    pub call: Option<(Weak<Scope>, usize)>,
    /// What drives it once `send`, `throw` or `close` has been called on it (see
    /// `Gen::drive`): its future, moved into a generator's body.
    pub driven: RefCell<Option<Rc<crate::interp::Gen>>>,
}

impl Coro {
    /// A coroutine named `name` running `fut`.
    pub fn new(name: Rc<str>, fut: LocalBoxFuture<'static, PyResult>, leaf: bool, blocking: bool) -> Coro {
        Coro::of(name, CoroFut::Boxed(fut), leaf, blocking)
    }

    fn of(name: Rc<str>, fut: CoroFut, leaf: bool, blocking: bool) -> Coro {
        Coro { name, fut: RefCell::new(Some(fut)), leaf, blocking, line: 0, call: None, driven: RefCell::default() }
    }

    /// An async generator's step (`__anext__`, `asend`, `athrow`, `aclose`) or `anext`'s
    /// awaitable with a default: awaitables of their own types in CPython, never warned about.
    fn async_gen_step(&self) -> Option<&'static str> {
        if self.leaf || self.line != 0 {
            return None; // asyncio's, or a script's coroutine (which may have any name)
        }
        match &*self.name {
            "__anext__" | "asend" => Some("async_generator_asend"),
            "athrow" | "aclose" => Some("async_generator_athrow"),
            "anext" => Some("anext_awaitable"),
            _ => None,
        }
    }

    /// What `type()` calls it.
    pub fn type_name(&self) -> &'static str {
        self.async_gen_step().unwrap_or("coroutine")
    }

    /// The error of awaiting it again, in CPython's words for its type.
    pub fn reused(&self) -> Value {
        let what = match self.type_name() {
            "async_generator_asend" => "__anext__()/asend()",
            "async_generator_athrow" => "aclose()/athrow()",
            _ => "coroutine",
        };
        exc("RuntimeError", format!("cannot reuse already awaited {what}"))
    }

    /// Its future, once.
    pub fn take(&self) -> Option<CoroFut> {
        self.fut.borrow_mut().take()
    }

    /// The lane of a task made of it with no `name=`: the call as written where its
    /// arguments are short (`patient(1)`, `fetch('a')`), else the function's name.
    fn lane(&self) -> String {
        const SHORT: usize = 12;
        let args = self.call.as_ref().and_then(|(scope, n)| {
            let scope = scope.upgrade()?;
            let slots = scope.slots.borrow();
            let mut args = Vec::with_capacity(*n);
            for v in slots.iter().take(*n) {
                let text = match v.as_ref()? {
                    v @ (Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Str(_)) => v.repr(),
                    _ => return None,
                };
                if text.chars().count() > SHORT {
                    return None;
                }
                args.push(text);
            }
            (!args.is_empty()).then(|| args.join(", "))
        });
        let name = local_name(&self.name);
        match args {
            Some(args) => format!("{name}({args})"),
            None => name.to_string(),
        }
    }
}

/// A function's name as its lane shows it: its qualname without the functions it is defined
/// in (`worker`, not `main.<locals>.worker`).
pub(super) fn local_name(qualname: &str) -> &str {
    qualname.rsplit(".<locals>.").next().unwrap_or(qualname)
}

impl Drop for Coro {
    /// CPython warns when a coroutine is collected without ever running: the learner forgot
    /// its `await`. An `Rc` is dropped when the CPython object would be: at the end of the
    /// statement that made it. Native awaitables warn under CPython's names for them; those
    /// that are futures in CPython (`gather`) or have no one name here never warn.
    fn drop(&mut self) {
        if self.fut.get_mut().is_some() {
            self.never_awaited();
        }
    }
}

impl Coro {
    /// Its `__qualname__`: a queue's are named by their method here (`get`, which its lane
    /// shows), by `Queue.get` in CPython.
    pub fn qualname(&self) -> Rc<str> {
        match self.leaf && matches!(&*self.name, "get" | "put" | "join") {
            true => format!("Queue.{}", self.name).into(),
            false => Rc::clone(&self.name),
        }
    }

    #[cold]
    #[inline(never)]
    fn never_awaited(&self) {
        if self.async_gen_step().is_some() {
            return; // no coroutine in CPython
        }
        // The library's coroutines CPython writes in Python warn; its C ones do not.
        let warns = match (self.leaf, &*self.name) {
            (false, _) => true,
            (true, "sleep" | "wait" | "wait_for" | "to_thread" | "Event.wait" | "put" | "get" | "join") => true,
            (true, "Lock.acquire" | "Semaphore.acquire" | "open_connection" | "start_server") => true,
            (true, name) => name.starts_with("Stream") || name.starts_with("Server."),
        };
        if let Some(out) = current().and_then(|t| t.out.upgrade()).filter(|_| warns) {
            out.never_awaited(&self.qualname(), LINE.with(Cell::get));
        }
    }
}

/// `v` if `ensure_future` takes it (a coroutine or a task), else CPython's error. `gather`
/// (`hashed`) first looks its arguments up in a dict, so a list (the common `gather(coros)`
/// without `*`) is "unhashable".
fn awaitable(interp: &Interp, v: Value, hashed: bool) -> PyResult {
    match v {
        Value::Coro(_) | Value::Task(_) => Ok(v),
        // An object of a class with `__await__`: a coroutine that awaits it, as CPython's
        // `_wrap_awaitable`.
        Value::Instance(ref i) if i.class.lookup(intern("__await__")).is_some() => {
            let weak = interp.host.interp();
            let fut = async move {
                let interp = weak.upgrade().ok_or_else(|| exc("RuntimeError", "the run has ended"))?;
                let out = interp.await_value(v).await;
                out // (named: the wait borrows `interp`, which must outlive it)
            };
            Ok(Value::Coro(Rc::new(Coro::new("_wrap_awaitable".into(), Box::pin(fut), false, false))))
        }
        v => {
            if hashed {
                v.key()?;
            }
            raise("TypeError", "An asyncio.Future, a coroutine or an awaitable is required")
        }
    }
}

/// An `ExceptionGroup` of `errors`, raised `from None` (as a TaskGroup raises it).
pub(super) fn group_from_none(message: &str, errors: Vec<Value>) -> Exc {
    let e = exception_group(message, errors);
    if let Value::Instance(i) = &e {
        i.suppress_context.set(true);
    }
    e
}

/// A call's arguments, if one of them is a coroutine or may hold one (a list, tuple or set of
/// them): what its error keeps if it refuses them (see [`refusing`]); else none, copied for
/// nothing (`sleep(0)`).
pub(crate) fn kept_arguments(args: &[Value], kw: &[(Name, Value)]) -> Vec<Value> {
    let given = || args.iter().chain(kw.iter().map(|(_, v)| v));
    match given().any(|v| matches!(v, Value::Coro(_) | Value::List(_) | Value::Tuple(_) | Value::Set(_))) {
        true => given().cloned().collect(),
        false => Vec::new(),
    }
}

/// The error `e` of a built-in that refused `values` (`asyncio.run` inside the loop,
/// `create_task` outside it, coroutines passed to `wait`): CPython's traceback keeps them (they
/// are arguments of the refusing frame), so a coroutine's "never awaited" warning comes when
/// the error goes: after the handler that caught it, or as the program exits (`sys:1`).
pub(crate) fn refusing<T>(values: &[Value], e: PyResult<T>) -> PyResult<T> {
    if let Err(Value::Instance(i)) = &e {
        i.frames.borrow_mut().push(crate::interp::holding(values.to_vec()));
    }
    e
}

/// A coroutine's future. `asyncio.sleep(0)`, the loop's commonest await, is one of its own:
/// it needs no allocation of its future, only of its coroutine.
pub enum CoroFut {
    /// Any other: a script's coroutine, a native awaitable.
    Boxed(LocalBoxFuture<'static, PyResult>),
    /// `sleep(0)`: yields once, then gives its `result`.
    Yield(runtime::YieldNow, Option<Value>),
}

impl Future for CoroFut {
    type Output = PyResult;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<PyResult> {
        match &mut *self {
            CoroFut::Boxed(fut) => fut.as_mut().poll(cx),
            CoroFut::Yield(y, result) => {
                std::task::ready!(Pin::new(y).poll(cx));
                Poll::Ready(Ok(result.take().unwrap_or(Value::None)))
            }
        }
    }
}

/// The name of a native awaitable (a literal): shared, so that making one allocates no name.
fn leaf_name(name: &str) -> Rc<str> {
    thread_local! {
        static NAMES: RefCell<Vec<Rc<str>>> = const { RefCell::new(Vec::new()) };
    }
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some(n) = names.iter().find(|n| ***n == *name) {
            return Rc::clone(n);
        }
        let n: Rc<str> = name.into();
        names.push(Rc::clone(&n));
        n
    })
}

pub(super) fn leaf(name: &str, fut: impl Future<Output = PyResult> + 'static) -> Value {
    Value::Coro(Rc::new(Coro::new(leaf_name(name), Box::pin(fut), true, false)))
}

// ---- the asyncio functions ----

/// The functions and names of the `asyncio` module.
pub fn module_attrs() -> Vec<(&'static str, Value)> {
    let mut out: Vec<(&'static str, Value)> = [
        "run",
        "sleep",
        "create_task",
        "ensure_future",
        "gather",
        "wait_for",
        "wait",
        "as_completed",
        "current_task",
        "all_tasks",
        "get_event_loop",
        "new_event_loop",
        "set_event_loop",
        "get_running_loop",
        "to_thread",
        "iscoroutine",
        "iscoroutinefunction",
        "shield",
        "start_server",
        "open_connection",
        "timeout",
        "timeout_at",
        "isfuture",
    ]
    .into_iter()
    .map(|n| (n, crate::builtins::checked("asyncio", n, function, false)))
    .collect();
    // Classes, so that `isinstance(t, asyncio.Task)` and hints such as `list[asyncio.Task]`
    // work; calling one makes a future or a task (see [`construct`]).
    for n in CLASSES {
        out.push((n, Value::Class(other_class(n))));
    }
    out.push(("Future", Value::Class(other_class("Future"))));
    out.push(("Task", Value::Class(other_class("Task"))));
    out.push(("Handle", Value::Class(other_class("Handle"))));
    out.push(("TimerHandle", Value::Class(other_class("TimerHandle"))));
    out.push(("AbstractEventLoop", Value::Class(other_class("AbstractEventLoop"))));
    // The streams' classes, for hints and `isinstance` (`open_connection` makes them).
    out.push(("StreamReader", Value::Class(other_class("StreamReader"))));
    out.push(("StreamWriter", Value::Class(other_class("StreamWriter"))));
    out.push(("BaseEventLoop", Value::Class(other_class("BaseEventLoop"))));
    for n in [
        "CancelledError",
        "InvalidStateError",
        "QueueEmpty",
        "QueueFull",
        "BrokenBarrierError",
        "IncompleteReadError",
        "LimitOverrunError",
    ] {
        out.push((n, Value::Class(exc_class(n))));
    }
    out.push(("TimeoutError", Value::Class(exc_class("TimeoutError"))));
    for n in ["FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"] {
        out.push((n, Value::str(n)));
    }
    out
}

/// asyncio's classes made by a call of their own (`asyncio.Queue(maxsize=2)`): classes, so
/// that they print, compare and are checked (`isinstance(q, asyncio.Queue)`) as CPython's.
pub const CLASSES: [&str; 10] = [
    "Queue",
    "LifoQueue",
    "PriorityQueue",
    "Event",
    "Lock",
    "Semaphore",
    "BoundedSemaphore",
    "Condition",
    "Barrier",
    "TaskGroup",
];

/// `asyncio.Future()`, `asyncio.Task(coro, name=…)` and the [`CLASSES`], called as classes.
pub fn construct(interp: &Interp, class: &Class, args: &[Value], kw: &[(Name, Value)]) -> PyResult {
    if &*class.name == "Future" && interp.host.loop_running.get() == 0 && interp.host.loop_unset.get() {
        return raise("RuntimeError", "There is no current event loop in thread 'MainThread'.");
    }
    if matches!(&*class.name, "Future" | "Task") {
        // Their arguments checked by their lines, as CPython's C constructors check them.
        let (args, kw) = crate::builtins::check_line("asyncio", &class.name, args.to_vec(), kw.to_vec())?;
        if &*class.name == "Future" {
            return Ok(Value::Task(PyTask::future(interp)));
        }
        if kw.iter().any(|(k, _)| &*text(*k) == "coro") && !args.is_empty() {
            return raise("TypeError", "argument for Task() given by name ('coro') and position (1)");
        }
        let kw: Vec<(Name, Value)> = kw.into_iter().filter(|(k, _)| &*text(*k) != "loop").collect();
        // Named as it is made, as `loop.create_task`'s: a name given takes no `Task-N` number.
        return create_task(interp, "loop.create_task", args, kw);
    }
    match CLASSES.into_iter().find(|n| **n == *class.name) {
        // Checked against its line, as its call was when it was a function.
        Some(name) => match crate::builtins::checked("asyncio", name, function, false) {
            Value::Builtin(b) => crate::builtins::call_builtin(interp, &b, args.to_vec(), kw.to_vec()),
            _ => function(interp, name, args.to_vec(), kw.to_vec()),
        },
        None => raise("TypeError", format!("cannot create '{}' instances", class.name)), // not reached
    }
}

fn secs(v: &Value, what: &str) -> PyResult<f64> {
    match v.as_number() {
        Some(s) if s.is_nan() => raise("ValueError", format!("{what} must not be NaN")),
        Some(s) => Ok(s),
        None => raise("TypeError", format!("'<=' not supported between instances of '{}' and 'int'", v.type_name())),
    }
}

/// Seconds as a wait: clamped to what a timer takes, and NaN as none (never a panic).
fn duration(s: f64) -> Duration {
    Duration::from_secs_f64(if s.is_nan() { 0.0 } else { s.clamp(0.0, 1e9) })
}

/// A task of `coro`, created by a callback run soon, as CPython's loop closes an async
/// generator left early or freed (`call_soon_threadsafe(create_task, agen.aclose())`).
pub fn create_task_soon(interp: &Rc<Interp>, coro: Value) {
    let create = builtin("create_task", create_closing_task);
    task::call_later(interp, vec![(create, vec![coro])], None);
}

/// `create_task` of an async generator's `aclose()`: a task that `asyncio.run`'s end lets
/// take its steps rather than cancels (see `closes_generator`).
fn create_closing_task(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let task = create_task(interp, name, args, kw)?;
    if let Value::Task(t) = &task {
        t.closes_generator.set(true);
    }
    Ok(task)
}

/// Whether the code running now is a thread's (`to_thread`'s function), outside the loop.
pub fn in_thread() -> bool {
    current().is_some_and(|t| t.is_thread)
}

fn create_task(interp: &Interp, fname: &str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    if fname == "create_task" && (interp.host.loop_running.get() == 0 || in_thread()) {
        return refusing(&args[..args.len().min(1)], raise("RuntimeError", "no running event loop"));
    }
    let Some(coro) = args.into_iter().next() else {
        return raise("TypeError", "create_task() missing 1 required positional argument: 'coro'");
    };
    if let (Value::Task(_), "ensure_future") = (&coro, fname) {
        return Ok(coro);
    }
    let coro = if fname == "ensure_future" {
        awaitable(interp, coro, false)?
    } else if !matches!(coro, Value::Coro(_)) {
        return raise("TypeError", format!("a coroutine was expected, got {}", interp.repr(&coro)?));
    } else {
        coro
    };
    let name = kwarg(&kw, "name").filter(|n| !matches!(n, Value::None)).map(|n| Rc::from(n.to_str()));
    // `asyncio.create_task(name=…)` makes its task unnamed, which takes a `Task-N` number,
    // and names it then; `loop.create_task(name=…)` makes it named.
    if name.is_some() && fname != "loop.create_task" {
        interp.host.next_task_name();
    }
    let task = task_of(&interp.host.rc()?, coro, name)?;
    interp.host.note_queued();
    Ok(Value::Task(task))
}

/// The loop turns `asyncio.run` gives the callbacks due as it ends (CPython's shutdown steps
/// run about as many).
const SHUTDOWN_TURNS: usize = 5;

fn run(interp: &Interp, aw: Value, cancel_rest: bool) -> PyResult {
    if in_thread() {
        return refusing(&[aw], super::interp::unsupported("an event loop in a thread"));
    }
    // As in CPython: the loop runs one thing at a time (and a nested run would recurse for ever).
    if interp.host.loop_running.get() > 0 {
        let e = if cancel_rest {
            raise("RuntimeError", "asyncio.run() cannot be called from a running event loop")
        } else {
            raise("RuntimeError", "This event loop is already running")
        };
        return refusing(&[aw], e);
    }
    // `asyncio.run` takes a coroutine only; `run_until_complete` a future or a task too.
    if !matches!((&aw, cancel_rest), (Value::Coro(_), _) | (Value::Task(_), false)) {
        let message = if cancel_rest {
            // CPython 3.11's `Runner` made its loop first, and closing it runs its
            // `shutdown_asyncgens` and `shutdown_default_executor`: two tasks' numbers go.
            interp.host.next_task_name();
            interp.host.next_task_name();
            format!("a coroutine was expected, got {}", interp.repr(&aw)?)
        } else {
            "An asyncio.Future, a coroutine or an awaitable is required".to_string()
        };
        return raise(if cancel_rest { "ValueError" } else { "TypeError" }, message);
    }
    let rc = interp.host.rc()?;
    if cancel_rest {
        crate::logging::loop_created(interp)?;
        new_loop(interp);
    } else if let Value::Task(t) = &aw {
        // `run_until_complete(task)` runs the loop the task was made for.
        interp.host.out.event_loop.set(t.event_loop);
    }
    // As CPython numbers tasks: each run's coroutine runs in a task of its own (here the
    // script's), the next `Task-N`: `Task-1` for the first, unless tasks were made before it.
    // A new task to the script, too: no cancel asked of it yet (`cancelling()` is 0).
    if let (Some(t), Value::Coro(_)) = (current(), &aw) {
        *t.name.borrow_mut() = interp.host.next_task_name().into();
        t.cancels.set(0);
        t.reopen();
    }
    // The task runs this coroutine: its repr says where (`running at main.py:7`).
    if let (Some(t), Value::Coro(c)) = (current(), &aw) {
        t.coro_line.set(c.line);
        *t.coro_name.borrow_mut() = Rc::clone(&c.name);
        if let Some((scope, _)) = &c.call {
            *t.frame.borrow_mut() = scope.clone();
        }
    }
    // The script's own task is a task (Task-1, `all_tasks()` has it) while it runs a coroutine.
    let runs_coro = matches!(aw, Value::Coro(_));
    // `loop.stop()` ends the loop: `run_forever` waits for nothing else, and the others raise,
    // as CPython's, if it stops before their future is done.
    let forever =
        matches!(&aw, Value::Task(t) if interp.host.stopper.borrow().as_ref().is_some_and(|s| Rc::ptr_eq(s, t)));
    let stopper = (!forever).then(|| PyTask::future(interp));
    if let Some(s) = &stopper {
        *interp.host.stopper.borrow_mut() = Some(Rc::clone(s));
    }
    let fut = async move {
        rc.host.loop_running.set(rc.host.loop_running.get() + 1);
        // The tasks made for this loop that waited for it to run (`run_until_complete(task)`).
        let now = rc.host.out.event_loop.get();
        let parked = std::mem::take(&mut *rc.host.parked.borrow_mut());
        let (theirs, others): (Vec<_>, Vec<_>) = parked.into_iter().partition(|(l, _)| *l == now);
        *rc.host.parked.borrow_mut() = others;
        theirs.into_iter().for_each(|(_, w)| w.wake());
        rc.host.take_escaped(); // what left an earlier run was raised there
        let me = current().filter(|t| t.is_loop.get() && runs_coro);
        if let Some(me) = &me {
            me.is_loop.set(false);
        }
        let depth = current().map(|t| (t.depth.get(), t));
        let below = depth.as_ref().map_or(1, |(d, _)| *d) + if cancel_rest { 8 } else { 6 };
        rc.host.loop_depth.set(below);
        depth.iter().for_each(|(_, t)| t.depth.set(below));
        if !cancel_rest && rc.host.queued_outside.replace(false) {
            // `run_until_complete` runs its coroutine as a task queued behind what is ready
            // already (callbacks and tasks made before it): those take their steps first.
            runtime::yield_now().await;
        }
        // The loop's task runs in a copy of the caller's context: what it sets stays there.
        let outer = crate::contextvars::snapshot();
        let mut body = Box::pin(rc.await_value(aw));
        let mut winding_down = false;
        let escaped = || rc.host.take_escaped().map_or(Ok(Value::None), Err);
        let out = std::future::poll_fn(|cx| {
            // A task's `SystemExit` or `KeyboardInterrupt` left the loop, before the coroutine's
            // own step due in the same round: `run_until_complete` raises it at once;
            // `asyncio.run` cancels the coroutine and lets it end (it may catch what its
            // TaskGroup raises again), then raises it.
            if stopper.as_ref().is_some_and(|s| s.done()) && rc.host.escaped.borrow().is_some() {
                if !cancel_rest {
                    return Poll::Ready(escaped());
                }
                if !std::mem::replace(&mut winding_down, true) {
                    let escaped = rc.host.escaped.borrow().clone();
                    cancel_all(&rc, escaped.as_ref());
                    if let Some(me) = current() {
                        me.cancel();
                    }
                    return Poll::Pending; // the cancel wakes it
                }
            }
            match (body.as_mut().poll(cx), &stopper) {
                (Poll::Ready(_), _) if rc.host.escaped.borrow().is_some() => Poll::Ready(escaped()),
                (Poll::Ready(out), _) => Poll::Ready(out),
                (Poll::Pending, Some(s)) if s.done() && rc.host.escaped.borrow().is_some() => Poll::Pending,
                (Poll::Pending, Some(s)) if s.done() => {
                    Poll::Ready(raise("RuntimeError", "Event loop stopped before Future completed."))
                }
                (Poll::Pending, Some(s)) => {
                    s.wait_on(cx);
                    Poll::Pending
                }
                (Poll::Pending, None) => Poll::Pending,
            }
        })
        .await;
        drop(body);
        // The coroutine's task is done, as CPython's main task is: its callbacks are called
        // soon and what awaits it is woken (here the script's task goes on with the module's
        // code). What it raised is the run's, never "never retrieved". One the script never
        // held keeps nothing: its outcome goes as CPython's task does.
        if let Some(me) = me.as_ref().filter(|t| t.seen.get()) {
            me.finish(&rc, out.clone());
            me.retrieved.set(true);
        }
        crate::contextvars::restore(outer);
        if let Some(s) = &stopper {
            let mut now = rc.host.stopper.borrow_mut();
            if now.as_ref().is_some_and(|n| Rc::ptr_eq(n, s)) {
                *now = None;
            }
        }
        depth.iter().for_each(|(d, t)| t.depth.set(*d));
        if let Some(me) = &me {
            me.is_loop.set(true);
        }
        // A task's `SystemExit` or `KeyboardInterrupt` in the steps still taken below leaves
        // the loop too, though its coroutine has returned (CPython's stop is queued behind them).
        let escaped_late = |out: PyResult| match rc.host.take_escaped() {
            Some(e) if out.is_ok() => Err(e),
            _ => out,
        };
        let mut out = out;
        // A `SystemExit` or `KeyboardInterrupt` the coroutine raised leaves CPython's loop at
        // once: what was ready then takes no step.
        let left_at_once = out.as_ref().is_err_and(is_base_error);
        if forever {
            // `loop.stop()` ends the round it was called in: what it queued waits for the next run.
        } else if !cancel_rest {
            // Its loop stops by a callback queued behind what was ready as the task ended:
            // that still takes its step (tasks the coroutine made, a `call_soon` of its last).
            if !left_at_once {
                runtime::yield_now().await;
            }
            out = escaped_late(out);
        } else {
            // As `asyncio.run` does: cancel what is left and let it finish cancelling; wait
            // for the threads (they cannot be cancelled: `shutdown_default_executor`); run the
            // callbacks already due; then close the loop, dropping the timers not yet due.
            // What was ready as `main` returned still takes its step: CPython's loop stops only
            // after the round that runs them (its stop is a callback queued behind them).
            if !left_at_once {
                runtime::yield_now().await;
            }
            out = escaped_late(out);
            let rest = cancel_all(&rc, out.as_ref().err());
            gather_all(&rest).await;
            for t in rest.iter().filter(|t| !t.is_thread) {
                t.report_shutdown_error(); // a thread was not cancelled: its error is its own
            }
            // Its `shutdown_asyncgens` (a task): the async generators first iterated in this
            // loop and still suspended are closed, each `aclose()` in a task of a gather.
            rc.host.next_task_name();
            shutdown_asyncgens(&rc).await;
            // CPython's shutdown runs the loop a few turns (its `shutdown_asyncgens` and
            // `shutdown_default_executor` tasks): callbacks due, and those they call soon, run.
            for _ in 0..SHUTDOWN_TURNS {
                runtime::yield_now().await;
            }
            let timers = std::mem::take(&mut *rc.host.timers.borrow_mut());
            timers.iter().for_each(task::abort);
            rc.host.next_task_name(); // its `shutdown_default_executor`, a task too
            rc.host.loop_unset.set(true); // its `set_event_loop(None)`
            rc.host.debug.set(false); // and its loop is closed
        }
        // The loop runs until here: what runs as it shuts down still finds it running.
        rc.host.loop_running.set(rc.host.loop_running.get() - 1);
        out
    };
    Ok(Value::Coro(Rc::new(Coro::new("run".into(), Box::pin(fut), false, true))))
}

/// A new event loop (`asyncio.run`'s, `new_event_loop()`): open, and what is bound to the
/// loops before (tasks, queues, locks) is not bound to it.
fn new_loop(interp: &Interp) {
    interp.host.loop_closed.set(false);
    let out = &interp.host.out;
    out.event_loop.set(out.event_loop.get() + 1);
}

/// `loop.shutdown_asyncgens()`: closes each async generator that this loop first iterated
/// and that still stands at a `yield`, each in a task (its `finally` runs, and may await),
/// and waits for them all, as CPython's gather of them.
pub(super) async fn shutdown_asyncgens(rc: &Rc<Interp>) {
    gather_all(&close_asyncgens(rc)).await;
}

/// One wait on them all, as CPython's `gather(*tasks, return_exceptions=True)`: woken once,
/// by the last, and what they raised is retrieved.
async fn gather_all(tasks: &[Rc<PyTask>]) {
    let _ = awaits::wait(tasks.to_vec(), String::new(), None, "gather.<locals>._done_callback").await;
    tasks.iter().for_each(|t| t.retrieved.set(true));
}

fn close_asyncgens(rc: &Rc<Interp>) -> Vec<Rc<PyTask>> {
    let now = rc.host.out.event_loop.get();
    let gens: Vec<_> =
        rc.host.asyncgens.borrow().iter().filter(|(l, _)| *l == now).filter_map(|(_, g)| g.upgrade()).collect();
    rc.host.asyncgens.borrow_mut().retain(|(l, g)| *l != now && g.strong_count() > 0);
    let mut closing = Vec::new();
    for g in gens.into_iter().filter(|g| g.is_suspended()) {
        let task =
            g.async_step(rc, "aclose", None).and_then(|c| create_closing_task(rc, "create_task", vec![c], vec![]));
        if let Ok(Value::Task(t)) = task {
            closing.push(t);
        }
    }
    closing
}

/// `asyncio.run`'s shutdown: cancels every task but the current one (threads cannot be
/// cancelled) and returns them all, to be waited for. `leaving`: the exception leaving
/// `asyncio.run` as it shuts its loop down, which, being handled, is the context of what the
/// cancel raises in each task.
fn cancel_all(rc: &Interp, leaving: Option<&Value>) -> Vec<Rc<PyTask>> {
    let me = current();
    let rest: Vec<Rc<PyTask>> = rc
        .host
        .live_tasks()
        .into_iter()
        .filter(|t| !me.as_ref().is_some_and(|m| Rc::ptr_eq(m, t)) && !t.closes_generator.get())
        .filter(|t| t.event_loop == rc.host.out.event_loop.get()) // its own loop's tasks only
        .collect();
    for t in rest.iter().filter(|t| !t.is_thread) {
        if let Some(e) = leaving {
            *t.cancel_context.borrow_mut() = Some(e.clone());
        }
        t.cancel();
    }
    rest
}

fn function(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    // CPython's `sleep`, `wait` and `wait_for` are coroutines: what their body refuses is
    // raised when they are awaited (at the `await` in a traceback), not when called, and their
    // frame, which the error's traceback keeps, holds their arguments (see `refusing`).
    let deferred = matches!(name, "sleep" | "wait" | "wait_for");
    let held = if deferred { kept_arguments(&args, &kw) } else { Vec::new() };
    match called(interp, name, args, kw) {
        Err(e) if deferred => Ok(leaf(name, async move { refusing(&held, Err(e)) })),
        out => out,
    }
}

fn called(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let arg = |i: usize, key: &str| args.get(i).cloned().or_else(|| kwarg(&kw, key));
    match name {
        "run" => {
            // `debug=None` keeps the default: off (no PYTHONASYNCIODEBUG here).
            // (Unless it is refused: a loop runs already.)
            if interp.host.loop_running.get() == 0 && !in_thread() {
                let debug = arg(1, "debug").is_some_and(|d| d.truthy());
                interp.host.debug.set(debug);
                interp.host.debug_step.set(debug.then(|| interp.host.lesson_secs()));
            }
            run(interp, arg(0, "main").unwrap_or(Value::None), true)
        }
        "sleep" => {
            let delay = secs(&arg(0, "delay").unwrap_or(Value::Int(0)), "delay")?;
            let result = arg(1, "result").unwrap_or(Value::None);
            if delay <= 0.0 {
                thread_local! {
                    static SLEEP: Rc<str> = leaf_name("sleep");
                }
                let fut = CoroFut::Yield(runtime::yield_now(), Some(result));
                return Ok(Value::Coro(Rc::new(Coro::of(SLEEP.with(Rc::clone), fut, true, false))));
            }
            Ok(leaf("sleep", async move {
                runtime::sleep(duration(delay)).await;
                Ok(result)
            }))
        }
        // After `asyncio.run`, no loop is current: what needs one, outside a loop, cannot make
        // it (the arguments are held by the error, as CPython's traceback holds them).
        "ensure_future" | "gather" if interp.host.loop_running.get() == 0 && interp.host.loop_unset.get() => {
            refusing(&args, raise("RuntimeError", "There is no current event loop in thread 'MainThread'."))
        }
        "create_task" | "ensure_future" => create_task(interp, name, args, kw),
        "gather" => {
            let rc = interp.host.rc()?;
            let return_exceptions = kwarg(&kw, "return_exceptions").is_some_and(|v| v.truthy());
            if args.is_empty() {
                // As CPython's: nothing to gather is a plain future, done with `[]`.
                let done = PyTask::future(interp);
                done.set_outcome(task::State::Done(Value::list(Vec::new())))?;
                return Ok(Value::Task(done));
            }
            // One task per distinct awaitable, as CPython's `arg_to_fut`: `gather(c, c)` runs `c` once.
            let mut seen: Vec<(Value, Rc<PyTask>)> = Vec::new();
            let mut tasks = Vec::with_capacity(args.len());
            for a in args {
                let a = awaitable(interp, a, true)?;
                let task = match seen.iter().find(|(v, _)| v.is(&a)) {
                    Some((_, t)) => Rc::clone(t),
                    None => {
                        let t = task_of(&rc, a.clone(), None)?;
                        seen.push((a, Rc::clone(&t)));
                        t
                    }
                };
                tasks.push(task);
            }
            drop(seen);
            Ok(Value::Task(gathering(&rc, tasks, return_exceptions)))
        }
        "wait_for" => {
            let aw = awaitable(interp, arg(0, "fut").unwrap_or(Value::None), false)?;
            let timeout = match arg(1, "timeout") {
                None | Some(Value::None) => None,
                Some(v) => Some(secs(&v, "timeout")?),
            };
            // A coroutine, as CPython 3.11's: with no timeout, `return await fut` (a coroutine
            // runs inline, in the awaiting task); else the task it waits for is made when it
            // first runs, so its `Task-N` comes after the one running it.
            let weak = interp.host.interp();
            let fut = async move {
                let Some(rc) = weak.upgrade() else { return raise("RuntimeError", "the run has ended") };
                let Some(timeout) = timeout else { return rc.await_value(aw).await };
                let task = task_of(&rc, aw, None)?;
                let waits = CoroFut::Boxed(Box::pin(wait_for(Rc::clone(&task), timeout)));
                Leaf::waiting_for(waits, task).await
            };
            Ok(Value::Coro(Rc::new(Coro::new(leaf_name("wait_for"), Box::pin(fut), false, false))))
        }
        "wait" => {
            let rc = interp.host.rc()?;
            // CPython's checks, in its order.
            let fs = arg(0, "fs").unwrap_or(Value::None);
            // A generator too, which 3.11's `iscoroutine` still takes for an old-style coroutine.
            if matches!(&fs, Value::Task(_) | Value::Coro(_)) || matches!(&fs, Value::Gen(g) if !g.is_async) {
                // asyncio's Python names the type by `type(fs).__name__`: "Task".
                return raise("TypeError", format!("expect a list of futures, not {}", fs.class().name));
            }
            let aws = super::builtins::iterate(&fs)?;
            if aws.is_empty() {
                return raise("ValueError", "Set of Tasks/Futures is empty.");
            }
            let when = match kwarg(&kw, "return_when") {
                Some(Value::Str(s)) if matches!(&*s, "FIRST_COMPLETED" | "FIRST_EXCEPTION" | "ALL_COMPLETED") => {
                    s.to_string()
                }
                None => "ALL_COMPLETED".into(),
                Some(v) => return raise("ValueError", format!("Invalid return_when value: {}", v.to_str())),
            };
            if aws.iter().any(|a| matches!(a, Value::Coro(_))) {
                return refusing(&aws, raise("TypeError", "Passing coroutines is forbidden, use tasks explicitly."));
            }
            // 3.11's `wait` takes futures as they are: anything else fails at its
            // `add_done_callback` (an awaitable object too; a list as an item, at `set(fs)`).
            for a in &aws {
                a.key()?; // `set(fs)` first
            }
            if let Some(a) = aws.iter().find(|a| !matches!(a, Value::Task(_))) {
                let name = a.type_name();
                return raise("AttributeError", format!("'{name}' object has no attribute 'add_done_callback'"));
            }
            let tasks = unique(aws.into_iter().map(|a| task_of(&rc, a, None)).collect::<PyResult<_>>()?);
            let timeout = match kwarg(&kw, "timeout") {
                None | Some(Value::None) => None,
                Some(v) => Some(secs(&v, "timeout")?),
            };
            Ok(leaf("wait", wait(tasks, when, timeout, "_wait.<locals>._on_completion")))
        }
        // A generator, as CPython 3.11's: nothing is checked, wrapped in a task or timed until
        // its first item is asked for.
        "as_completed" => {
            let (fs, timeout) = (arg(0, "fs").unwrap_or(Value::None), kwarg(&kw, "timeout"));
            let weak = interp.host.interp();
            let body = async move {
                let interp = weak.upgrade().ok_or_else(|| exc("RuntimeError", "the run has ended"))?;
                for next in as_completed(&interp, fs, timeout)? {
                    interp.yield_value(next).await?;
                }
                Ok(Value::None)
            };
            Ok(Value::Gen(Rc::new(crate::interp::Gen::new("as_completed".into(), false, Box::pin(body)))))
        }
        // A thread (`to_thread`'s function) runs no loop, and is no task.
        "current_task" if interp.host.loop_running.get() == 0 || in_thread() => {
            raise("RuntimeError", "no running event loop")
        }
        "current_task" => Ok(current().filter(|t| !t.is_callback()).map_or(Value::None, |t| {
            t.seen.set(true);
            Value::Task(t)
        })),
        "all_tasks" if (interp.host.loop_running.get() == 0 || in_thread()) && args.is_empty() => {
            raise("RuntimeError", "no running event loop")
        }
        "all_tasks" => {
            let tasks = interp.host.live_tasks().into_iter().filter(|t| !t.is_thread).map(|t| {
                t.seen.set(true);
                Value::Task(t)
            });
            let tasks = tasks.collect();
            super::builtins::make_set(tasks)
        }
        "Queue" | "LifoQueue" | "PriorityQueue" => {
            let given = arg(0, "maxsize").unwrap_or(Value::Int(0));
            let Some(bound) = given.as_number() else {
                let t = given.type_name();
                return raise("TypeError", format!("'<=' not supported between instances of '{t}' and 'int'"));
            };
            // `full()` is `qsize() >= maxsize` for a maxsize above 0: a bound of 2.5 holds 3.
            let maxsize = if bound > 0.0 { bound.ceil().min(usize::MAX as f64) as usize } else { 0 };
            Ok(Value::Native(Rc::new(Native::Queue(Box::new(Queue {
                items: RefCell::default(),
                maxsize,
                maxsize_given: given,
                unfinished: Cell::new(0),
                getters: Line::of_items(),
                putters: Line::of_items(),
                joiners: Line::default(),
                lifo: name == "LifoQueue",
                heap: name == "PriorityQueue",
            })))))
        }
        "timeout" | "timeout_at" => {
            if interp.host.loop_running.get() == 0 && name == "timeout" {
                return raise("RuntimeError", "no running event loop");
            }
            let key = if name == "timeout" { "delay" } else { "when" };
            let when = match arg(0, key) {
                None => return raise("TypeError", format!("{name}() missing 1 required positional argument: '{key}'")),
                Some(Value::None) => None,
                Some(v) => match v.as_number() {
                    Some(d) if name == "timeout" => Some(interp.host.lesson_secs() + d),
                    Some(w) => Some(w),
                    None => {
                        let t = v.type_name();
                        return raise("TypeError", format!("unsupported operand type(s) for +: 'float' and '{t}'"));
                    }
                },
            };
            Ok(Value::Native(Rc::new(Native::Timeout(native::Timeout::new(interp, when)))))
        }
        "Event" => Ok(Value::Native(Rc::new(Native::Event { set: Cell::new(false), waiters: Line::default() }))),
        "Barrier" => {
            let parties = match arg(0, "parties") {
                Some(v) => match v.as_number() {
                    Some(n) => n as i64, // a float's fraction is dropped (CPython keeps it)
                    None => {
                        let t = v.type_name();
                        return raise("TypeError", format!("'<' not supported between instances of '{t}' and 'int'"));
                    }
                },
                None => {
                    return raise("TypeError", "Barrier.__init__() missing 1 required positional argument: 'parties'")
                }
            };
            if parties < 1 {
                return raise("ValueError", "parties must be > 0");
            }
            let lock = function(interp, "Lock", vec![], vec![])?;
            let cond = Rc::new(Native::Condition { lock, waiters: RefCell::default() });
            Ok(Value::Native(Rc::new(Native::Barrier(native::Barrier::new(cond, parties)))))
        }
        "Condition" => {
            let lock = match arg(0, "lock") {
                None | Some(Value::None) => function(interp, "Lock", vec![], vec![])?,
                Some(Value::Native(n)) if matches!(*n, Native::Semaphore { is_lock: true, .. }) => Value::Native(n),
                // CPython's takes what has a lock's methods, and reads `locked` first.
                Some(other) => {
                    crate::builtins::get_attr(interp, &other, intern("locked"))?;
                    return raise(
                        "TypeError",
                        format!("Loopscope's Condition takes an asyncio.Lock, not {}", other.type_name()),
                    );
                }
            };
            Ok(Value::Native(Rc::new(Native::Condition { lock, waiters: RefCell::default() })))
        }
        "TaskGroup" => Ok(Value::Native(Rc::new(Native::TaskGroup(Group::default())))),
        "Lock" | "Semaphore" | "BoundedSemaphore" => {
            let value = match arg(0, "value") {
                _ if name == "Lock" => 1,
                None => 1,
                Some(v) => match v.as_number() {
                    Some(n) => n as i64, // a float's fraction is dropped (CPython keeps it)
                    None => {
                        let m = format!("'<' not supported between instances of '{}' and 'int'", v.type_name());
                        return raise("TypeError", m);
                    }
                },
            };
            if value < 0 {
                return raise("ValueError", "Semaphore initial value must be >= 0");
            }
            Ok(Value::Native(Rc::new(Native::Semaphore {
                value: Cell::new(value),
                handed: Cell::new(0),
                // A lock wakes its first waiter even if cancelled (who passes the turn on), as
                // asyncio's `Lock._wake_up_first`; a semaphore skips it.
                waiters: if name == "Lock" { Line::default() } else { Line::skipping_cancelled() },
                is_lock: name == "Lock",
                bound: if name == "BoundedSemaphore" { value } else { i64::MAX },
            })))
        }
        // A thread (`to_thread`'s function) runs outside the loop, as CPython's threads do.
        "get_running_loop" if interp.host.loop_running.get() == 0 || in_thread() => {
            raise("RuntimeError", "no running event loop")
        }
        "get_event_loop" if in_thread() => {
            let thread = current().map(|t| t.name.borrow().to_string()).unwrap_or_default();
            raise("RuntimeError", format!("There is no current event loop in thread '{thread}'."))
        }
        // `asyncio.run` leaves no current loop behind it, until one is set.
        "get_event_loop" if interp.host.loop_running.get() == 0 && interp.host.loop_unset.get() => {
            raise("RuntimeError", "There is no current event loop in thread 'MainThread'.")
        }
        "set_event_loop" => {
            interp.host.loop_unset.set(matches!(args.first(), None | Some(Value::None)));
            Ok(Value::None)
        }
        "new_event_loop" => {
            crate::logging::loop_created(interp)?;
            interp.host.debug.set(false);
            // One made while a loop runs (or in a thread) cannot run here: the running
            // loop's tasks stay its own.
            if interp.host.loop_running.get() == 0 && !in_thread() {
                new_loop(interp);
            }
            Ok(interp.host.event_loop.clone())
        }
        "get_event_loop" | "get_running_loop" => Ok(interp.host.event_loop.clone()),
        "start_server" => start_server(interp, &args, &kw),
        "open_connection" => open_connection(interp, &args, &kw),
        // 3.11 still takes a plain generator for an old-style coroutine.
        "iscoroutine" => Ok(Value::Bool(
            matches!(args.first(), Some(Value::Coro(_))) || {
                matches!(args.first(), Some(Value::Gen(g)) if !g.is_async && g.builtin.is_none())
            },
        )),
        "iscoroutinefunction" => {
            let f = args.first().map(crate::functools::unwrap_partial);
            // asyncio's own written with `async def` in CPython (`sleep`, `Queue.get`…) are too.
            const ASYNC_DEFS: [&str; 16] = [
                "sleep",
                "wait",
                "wait_for",
                "to_thread",
                "open_connection",
                "start_server",
                "put",
                "get",
                "join",
                "acquire",
                "readline",
                "readexactly",
                "readuntil",
                "drain",
                "shutdown_default_executor",
                "shutdown_asyncgens",
            ];
            let builtin_async = |b: &Value| matches!(b, Value::Builtin(b) if ASYNC_DEFS.contains(&b.name));
            Ok(Value::Bool(match &f {
                Some(Value::Func(f)) => f.def.is_async && !f.def.has_yield,
                Some(Value::Method(m)) => {
                    matches!(&m.1, Value::Func(f) if f.def.is_async && !f.def.has_yield) || builtin_async(&m.1)
                }
                Some(b) => builtin_async(b),
                None => false,
            }))
        }
        "isfuture" => Ok(Value::Bool(matches!(args.first(), Some(Value::Task(_))))),
        "shield" => {
            let inner = awaitable(interp, args.into_iter().next().unwrap_or(Value::None), false)?;
            let task = task_of(&interp.host.rc()?, inner, None)?;
            Ok(Value::Task(PyTask::shield(interp, task)))
        }
        "to_thread" => {
            let rc = interp.host.rc()?;
            let mut args = args.into_iter();
            let Some(f) = args.next() else {
                return raise("TypeError", "to_thread() missing 1 required positional argument: 'func'");
            };
            let rest: Vec<Value> = args.collect();
            // The thread starts when this coroutine is awaited, as CPython's `to_thread` runs;
            // it then awaits the thread's future as a script awaits one, so a cancel reaches
            // the future (cancelled at once: the thread runs on, its outcome dropped).
            let body = async move { rc.await_value(Value::Task(native::thread_future(&rc, f, rest, kw, true))).await };
            Ok(Value::Coro(Rc::new(Coro::new(leaf_name("to_thread"), Box::pin(body), false, false))))
        }
        _ => super::interp::unsupported(&format!("asyncio.{name}()")),
    }
}

/// `as_completed(fs, timeout=)`'s items, made at its first step: a coroutine for each awaitable
/// of `fs` (each made a task), which gives the next one to finish.
fn as_completed(interp: &Interp, fs: Value, timeout: Option<Value>) -> PyResult<Vec<Value>> {
    let rc = interp.host.rc()?;
    // A coroutine or a future is no iterable of them (`as_completed(task)`), as CPython checks.
    if matches!(&fs, Value::Coro(_) | Value::Task(_)) || matches!(&fs, Value::Gen(g) if !g.is_async) {
        let what = match fs {
            Value::Coro(_) => "coroutine",
            Value::Gen(_) => "generator",
            _ => "Task",
        };
        return raise("TypeError", format!("expect an iterable of futures, not {what}"));
    }
    let aws = interp.iterate(&fs)?;
    // Each one once, as CPython takes `set(fs)`.
    let tasks =
        unique(aws.into_iter().map(|a| task_of(&rc, awaitable(interp, a, true)?, None)).collect::<PyResult<_>>()?);
    // One timer for the whole iteration, armed when the first result is awaited; once
    // it fires, every result not told by then raises `TimeoutError`.
    let timer = match timeout {
        None | Some(Value::None) => None,
        Some(v) => Some(Rc::new(RefCell::new(Box::pin(runtime::sleep(duration(secs(&v, "timeout")?)))))),
    };
    let done_by_timeout: Rc<Cell<Option<usize>>> = Rc::default();
    // As CPython's `_on_completion`, told by each task as it ends (one done already
    // tells it soon), it queues the task and wakes the results waiting: the k-th
    // result awaited is the k-th told. Weak: an iteration dropped is told nothing.
    let told: Rc<RefCell<Vec<Rc<PyTask>>>> = Rc::default();
    let waiting: Rc<RefCell<Vec<Waker>>> = Rc::default();
    let (queue, wake) = (Rc::downgrade(&told), Rc::downgrade(&waiting));
    let on_done: OnDone = Rc::new(move |t: &Rc<PyTask>| {
        if let (Some(queue), Some(wake)) = (queue.upgrade(), wake.upgrade()) {
            queue.borrow_mut().push(Rc::clone(t));
            std::mem::take(&mut *wake.borrow_mut()).into_iter().for_each(Waker::wake);
        }
    });
    tasks.iter().for_each(|t| t.then("as_completed.<locals>._on_completion", &on_done));
    let handed = Rc::new(Cell::new(0usize));
    let coros = (0..tasks.len())
        .map(|_| {
            let (told, handed, timer) = (Rc::clone(&told), Rc::clone(&handed), timer.clone());
            let (done_by_timeout, waiting) = (Rc::clone(&done_by_timeout), Rc::clone(&waiting));
            leaf("as_completed", async move {
                let k = handed.get();
                handed.set(k + 1);
                let t = std::future::poll_fn(|cx| {
                    if done_by_timeout.get().is_some_and(|n| k >= n) {
                        return Poll::Ready(None);
                    }
                    if let Some(t) = told.borrow().get(k) {
                        return Poll::Ready(Some(Rc::clone(t)));
                    }
                    if timer.as_ref().is_some_and(|t| t.borrow_mut().as_mut().poll(cx).is_ready()) {
                        done_by_timeout.set(Some(told.borrow().len()));
                        // The others waiting learn it; this one knows (woken again,
                        // its next `await` would lose a loop round).
                        let others = std::mem::take(&mut *waiting.borrow_mut());
                        others.into_iter().filter(|w| !w.will_wake(cx.waker())).for_each(Waker::wake);
                        return Poll::Ready(None);
                    }
                    if !waiting.borrow().iter().any(|w| w.will_wake(cx.waker())) {
                        waiting.borrow_mut().push(cx.waker().clone());
                    }
                    Poll::Pending
                })
                .await;
                match t {
                    Some(t) => t.outcome(),
                    None => Err(new_exception(exc_class("TimeoutError"), vec![])),
                }
            })
        })
        .collect();
    Ok(coros)
}
