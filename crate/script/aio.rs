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
use super::interp::{Interp, Scope};
use super::value::*;
use crate::runtime::{self, waiting_on, waking_because};
use crate::trace::record::WakeCause;

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
    /// For a gather or a wait_for: the tasks a cancel of the awaiting task passes on to.
    pub tasks: Vec<Rc<PyTask>>,
    /// Line of the `async def` (0 for a native awaitable), for CPython's "defined at".
    pub line: u32,
    /// For an `async def`'s coroutine: the call's scope and how many positional parameters
    /// it has, so that an unnamed task's lane reads `patient(1)`, not four `patient`s. Weak:
    /// the coroutine's future holds the scope, and a scope may hold its own coroutine.
    pub call: Option<(Weak<Scope>, usize)>,
}

impl Coro {
    /// A coroutine named `name` running `fut`.
    pub fn new(name: Rc<str>, fut: LocalBoxFuture<'static, PyResult>, leaf: bool, blocking: bool) -> Coro {
        Coro::of(name, CoroFut::Boxed(fut), leaf, blocking)
    }

    fn of(name: Rc<str>, fut: CoroFut, leaf: bool, blocking: bool) -> Coro {
        Coro { name, fut: RefCell::new(Some(fut)), leaf, blocking, tasks: Vec::new(), line: 0, call: None }
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
        match args {
            Some(args) => format!("{}({args})", self.name),
            None => self.name.to_string(),
        }
    }
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

/// A native awaitable over `tasks`, to which a cancel of its awaiter passes on.
fn group(name: &str, tasks: Vec<Rc<PyTask>>, fut: impl Future<Output = PyResult> + 'static) -> Value {
    let mut c = Coro::new(leaf_name(name), Box::pin(fut), true, false);
    c.tasks = tasks;
    Value::Coro(Rc::new(c))
}

/// How a task ended, or that it has not.
#[derive(Clone)]
pub enum State {
    /// Not done.
    Pending,
    /// Returned this value.
    Done(Value),
    /// Raised this exception.
    Failed(Value),
    /// Was cancelled (its `CancelledError`).
    Cancelled(Value),
}

/// An asyncio task.
pub struct PyTask {
    /// `get_name()`: the `name=` given, or `Task-N`.
    pub name: RefCell<Rc<str>>,
    /// The coroutine's function name.
    pub coro_name: Rc<str>,
    /// Line of its `async def` (0: not known).
    pub coro_line: Cell<u32>,
    /// Python calls in progress in it, for `RecursionError`.
    pub depth: Cell<u32>,
    /// Evaluations nested in it now (see [`Nested`]).
    nested: Cell<u32>,
    /// Its runtime task's handle: a task that ends cancelled is cancelled on the runtime too,
    /// so its lane ends with a cancel (✕), not a finish.
    handle: RefCell<Option<runtime::JoinHandle<()>>>,
    /// How it ended.
    pub state: RefCell<State>,
    waiters: RefCell<Vec<Waker>>,
    cancel_requested: Cell<bool>,
    waker: RefCell<Option<Waker>>,
    retrieved: Cell<bool>,
    /// The line it is running, or suspended at.
    pub line: Cell<u32>,
    /// Its runtime task id (0 before its first poll).
    pub runtime_id: Cell<u32>,
    handling: RefCell<Vec<Value>>,
    /// A `to_thread` worker: its `time.sleep` waits without holding the loop.
    pub is_thread: bool,
    done_seq: Cell<u64>,
    out: std::rc::Weak<super::host::Output>,
}

thread_local! {
    /// The line the interpreter is at; a task takes it as its own when it suspends.
    pub static LINE: Cell<u32> = const { Cell::new(0) };
    static CURRENT: RefCell<Option<Rc<PyTask>>> = const { RefCell::new(None) };
    static DONE_SEQ: Cell<u64> = const { Cell::new(0) };
}

/// The Python task being polled now.
pub fn current() -> Option<Rc<PyTask>> {
    CURRENT.with(|c| c.borrow().clone())
}

/// The current task suspends: the line it stopped at is its line until it runs again.
fn note_line() {
    let line = LINE.with(Cell::get);
    CURRENT.with(|c| {
        if let Some(t) = &*c.borrow() {
            t.line.set(line);
        }
    });
}

/// The exception the current task is handling (for a bare `raise`).
pub fn handling() -> Option<Value> {
    current().and_then(|t| t.handling.borrow().last().cloned())
}

/// Runs `fut` (an `except` or `finally` block) with `e` as the exception being handled.
pub async fn while_handling<T>(e: Value, fut: impl Future<Output = T>) -> T {
    let task = current();
    if let Some(t) = &task {
        t.handling.borrow_mut().push(e);
    }
    let out = fut.await;
    if let Some(t) = &task {
        t.handling.borrow_mut().pop();
    }
    out
}

impl PyTask {
    fn new(name: Rc<str>, coro_name: Rc<str>, is_thread: bool, out: &Rc<super::host::Output>) -> Rc<PyTask> {
        Rc::new(PyTask {
            name: RefCell::new(name),
            coro_name,
            coro_line: Cell::new(0),
            depth: Cell::new(0),
            nested: Cell::new(0),
            handle: RefCell::default(),
            state: RefCell::new(State::Pending),
            waiters: RefCell::default(),
            cancel_requested: Cell::new(false),
            waker: RefCell::default(),
            retrieved: Cell::new(false),
            line: Cell::new(0),
            runtime_id: Cell::new(0),
            handling: RefCell::default(),
            is_thread,
            done_seq: Cell::new(0),
            out: Rc::downgrade(out),
        })
    }

    /// Whether it has ended.
    pub fn done(&self) -> bool {
        !matches!(*self.state.borrow(), State::Pending)
    }

    /// `task.cancel()`: asks for a `CancelledError` at its current (or next) `await`. False
    /// if it has ended.
    pub fn cancel(&self) -> bool {
        if self.done() {
            return false;
        }
        self.cancel_requested.set(true);
        let waker = self.waker.borrow().clone();
        if let Some(w) = waker {
            w.wake();
        }
        true
    }

    fn finish(&self, out: PyResult) {
        let state = match out {
            Ok(v) => State::Done(v),
            Err(e) if is_cancelled_error(&e) => State::Cancelled(e),
            Err(e) => State::Failed(e),
        };
        *self.state.borrow_mut() = state;
        DONE_SEQ.with(|s| {
            s.set(s.get() + 1);
            self.done_seq.set(s.get());
        });
        let waiters = std::mem::take(&mut *self.waiters.borrow_mut());
        waiters.into_iter().for_each(Waker::wake);
    }

    /// Ends the task from inside its last poll; one that ends cancelled is cancelled on the
    /// runtime too, which then records a cancel and no finish.
    fn end(&self, out: PyResult) {
        self.finish(out);
        if matches!(*self.state.borrow(), State::Cancelled(_)) {
            let handle = self.handle.borrow_mut().take(); // the borrow ends before the cancel
            if let Some(h) = handle {
                h.abort();
            }
        }
    }

    /// Its outcome as an `await` sees it (marking an exception retrieved).
    pub fn outcome(&self) -> PyResult {
        match &*self.state.borrow() {
            State::Pending => raise("InvalidStateError", "Result is not set."),
            State::Done(v) => Ok(v.clone()),
            State::Failed(e) => {
                self.retrieved.set(true);
                Err(e.clone())
            }
            State::Cancelled(e) => Err(e.clone()),
        }
    }

    fn wait_on(&self, cx: &Context<'_>) {
        let mut w = self.waiters.borrow_mut();
        if !w.iter().any(|x| x.will_wake(cx.waker())) {
            w.push(cx.waker().clone());
        }
    }

    /// `repr(task)`, as CPython's.
    pub fn repr(&self) -> String {
        let state = match &*self.state.borrow() {
            State::Pending => "pending".to_string(),
            State::Done(v) => format!("finished result={}", v.repr()),
            State::Failed(e) => format!("finished exception={}", e.repr()),
            State::Cancelled(_) => "cancelled".to_string(),
        };
        format!("<Task {state} name='{}' coro=<{}()>>", self.name.borrow(), self.coro_name)
    }
}

impl Drop for PyTask {
    /// CPython logs a task's exception nobody retrieved when the task is collected; an `Rc`
    /// is dropped at the same moment a CPython object is.
    fn drop(&mut self) {
        if let (State::Failed(e), false) = (&*self.state.borrow(), self.retrieved.get()) {
            if let Some(out) = self.out.upgrade() {
                let name = self.name.borrow().clone();
                out.never_retrieved(&name, &self.coro_name, self.coro_line.get(), e);
            }
        }
    }
}

/// Most evaluations nested in one task. Each one is a poll inside a poll on the browser's own
/// call stack, which is about 1 MB and cannot be grown from wasm: past it the browser throws
/// out of the loop. Measured in the test build (opt-level 1): `f(n - 1) + 1`, three nested
/// evaluations a call, overflowed between 500 and 700 calls; with this limit it gets its
/// `RecursionError` at about 400 (CPython: 1,000).
pub const NESTED_LIMIT: u32 = 1_200;

/// An evaluation nested in the current task, counted while it lives (see [`NESTED_LIMIT`]).
pub struct Nested(Option<Rc<PyTask>>);

impl Nested {
    /// Counts one more nested evaluation, or raises `RecursionError` past the limit.
    pub fn enter() -> PyResult<Nested> {
        let task = current();
        if let Some(t) = &task {
            let n = t.nested.get() + 1;
            if n > NESTED_LIMIT {
                return raise("RecursionError", "maximum recursion depth exceeded");
            }
            t.nested.set(n);
        }
        Ok(Nested(task))
    }
}

impl Drop for Nested {
    fn drop(&mut self) {
        if let Some(t) = &self.0 {
            t.nested.set(t.nested.get().saturating_sub(1));
        }
    }
}

/// Whether `e` is an `asyncio.CancelledError`.
pub fn is_cancelled_error(e: &Value) -> bool {
    e.class().is_subclass(&exc_class("CancelledError"))
}

fn cancelled_error() -> Exc {
    new_exception(exc_class("CancelledError"), vec![])
}

/// A runtime task's future for a Python task: sets the current task around each poll,
/// charges the steps it took to a virtual clock, and records the outcome.
struct TaskFuture {
    task: Rc<PyTask>,
    interp: Rc<Interp>,
    fut: LocalBoxFuture<'static, PyResult>,
    started: bool,
    /// Where its polls keep the lines they ran (the runtime polls this future once per poll
    /// of its task, so the n-th entry is the trace's poll n).
    lines: Option<Rc<super::lines::TaskLines>>,
}

impl Future for TaskFuture {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        if !this.started {
            this.started = true;
            let id = runtime::current().map_or(0, |(t, _)| t);
            this.task.runtime_id.set(id);
            super::host::register_task(id, &this.task);
            this.lines = Some(super::lines::task(this.interp.host.out.run.get(), id));
            if this.task.cancel_requested.replace(false) {
                // Cancelled before it ever ran: its coroutine never starts, as in CPython.
                this.task.end(Err(cancelled_error()));
                return Poll::Ready(());
            }
        }
        {
            let mut waker = this.task.waker.borrow_mut();
            if !waker.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
                *waker = Some(cx.waker().clone());
            }
        }
        let before = CURRENT.with(|c| c.replace(Some(Rc::clone(&this.task))));
        super::host::poll_started();
        let poll = this.fut.as_mut().poll(cx);
        if poll.is_pending() {
            note_line();
        }
        if let Some(lines) = &this.lines {
            this.interp.ran.end_poll(lines);
        }
        this.interp.charge_steps();
        super::host::charge(super::interp::SWITCH_MS);
        CURRENT.with(|c| *c.borrow_mut() = before);
        match poll {
            Poll::Ready(out) => {
                if let Err(e) = &out {
                    if !is_cancelled_error(e) {
                        this.interp.host.note_error(e, false);
                    }
                }
                this.task.end(out);
                Poll::Ready(())
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

/// Starts a Python task running `fut` on the runtime, its lane named `lane`.
pub fn spawn(
    interp: &Rc<Interp>,
    name: Option<Rc<str>>,
    coro_name: Rc<str>,
    lane: String,
    is_thread: bool,
    fut: LocalBoxFuture<'static, PyResult>,
) -> Rc<PyTask> {
    // A named task still takes its `Task-N` number, as in CPython.
    let number: Rc<str> = interp.host.next_task_name().into();
    let name = name.unwrap_or(number);
    let task = PyTask::new(name, coro_name, is_thread, &interp.host.out);
    interp.host.track(&task);
    let tf = TaskFuture { task: Rc::clone(&task), interp: Rc::clone(interp), fut, started: false, lines: None };
    // The handle and the future hold each other until the task ends: its end drops the future.
    let handle = runtime::spawn(lane, tf);
    task.runtime_id.set(handle.id()); // known now: a gather awaiting it before its first poll names it
    *task.handle.borrow_mut() = Some(handle);
    task
}

/// The future of a script run's root task: the module's code, running as `Task-1` (the
/// task `asyncio.run`'s coroutine runs in, inline).
pub fn root(interp: &Rc<Interp>, fut: LocalBoxFuture<'static, PyResult>) -> impl Future<Output = ()> {
    let task = PyTask::new("Task-1".into(), "main".into(), false, &interp.host.out);
    interp.host.track(&task);
    TaskFuture { task, interp: Rc::clone(interp), fut, started: false, lines: None }
}

/// Makes a task of a coroutine (`create_task`, and what `gather`/`wait_for` wrap).
pub fn task_of(interp: &Rc<Interp>, v: Value, name: Option<Rc<str>>) -> PyResult<Rc<PyTask>> {
    match v {
        Value::Task(t) => Ok(t),
        Value::Coro(c) => {
            let Some(fut) = c.take() else { return raise("RuntimeError", "cannot reuse already awaited coroutine") };
            let lane = match &name {
                Some(n) => n.to_string(),
                None => c.lane(),
            };
            let fut: LocalBoxFuture<'static, PyResult> = match fut {
                CoroFut::Boxed(fut) if !c.leaf => fut,
                fut => Box::pin(Leaf::new(fut)),
            };
            let task = spawn(interp, name, Rc::clone(&c.name), lane, false, fut);
            task.coro_line.set(c.line);
            Ok(task)
        }
        other => raise("TypeError", format!("a coroutine was expected, got {}", other.repr())),
    }
}

/// Waits for a task to end and gives its outcome.
pub async fn wait_task(t: Rc<PyTask>) -> PyResult {
    std::future::poll_fn(|cx| {
        if t.done() {
            return Poll::Ready(());
        }
        t.wait_on(cx);
        waiting_on(WakeCause::Task, t.runtime_id.get());
        Poll::Pending
    })
    .await;
    t.outcome()
}

/// A leaf await: where `task.cancel()` lands. As in CPython, cancelling a task cancels what
/// it awaits: a sleep ends at once with `CancelledError`; an awaited task is cancelled and
/// its outcome awaited; a `gather` or `wait_for` cancels its tasks and raises `CancelledError`
/// once they have all ended.
pub struct Leaf {
    inner: CoroFut,
    /// The tasks a cancel passes on to, and whether their outcome is this await's (an
    /// awaited task) or `CancelledError` once they end (a gather).
    passes_to: Vec<Rc<PyTask>>,
    outcome_is_theirs: bool,
    cancelling: bool,
}

impl Leaf {
    /// Wraps a native awaitable that a cancel ends at once.
    pub fn new(inner: CoroFut) -> Leaf {
        Leaf { inner, passes_to: Vec::new(), outcome_is_theirs: false, cancelling: false }
    }

    /// Wraps an awaitable whose cancel passes on to `tasks`.
    pub fn passing_to(inner: CoroFut, tasks: Vec<Rc<PyTask>>, outcome_is_theirs: bool) -> Leaf {
        Leaf { inner, passes_to: tasks, outcome_is_theirs, cancelling: false }
    }
}

impl Future for Leaf {
    type Output = PyResult;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<PyResult> {
        let this = &mut *self;
        if let Some(t) = current() {
            if t.cancel_requested.replace(false) {
                if this.passes_to.is_empty() {
                    return Poll::Ready(Err(cancelled_error()));
                }
                this.cancelling = true;
                this.passes_to.iter().for_each(|t| {
                    t.cancel();
                });
            }
        }
        if this.cancelling {
            let pending: Vec<&Rc<PyTask>> = this.passes_to.iter().filter(|t| !t.done()).collect();
            if !pending.is_empty() {
                pending.iter().for_each(|t| t.wait_on(cx));
                return Poll::Pending;
            }
            if !this.outcome_is_theirs {
                this.passes_to.iter().for_each(|t| t.retrieved.set(true));
                return Poll::Ready(Err(cancelled_error()));
            }
            return Poll::Ready(this.passes_to[0].outcome());
        }
        Pin::new(&mut this.inner).poll(cx)
    }
}

/// Gives the browser a turn while holding the loop (see `runtime::hold_current`).
#[derive(Default)]
pub struct Hold {
    held: bool,
}

impl Future for Hold {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.held {
            return Poll::Ready(());
        }
        self.held = true;
        runtime::hold_current(cx.waker());
        Poll::Pending
    }
}

// ---- the asyncio objects ----

/// Objects of the asyncio module and a few of the interpreter's own (fields: their state).
#[allow(missing_docs)]
pub enum Native {
    /// `asyncio.Queue`.
    Queue(Queue),
    /// `asyncio.Event`.
    Event { set: Cell<bool>, waiters: RefCell<Vec<Waker>> },
    /// `asyncio.Lock` (`limit` 1) and `asyncio.Semaphore`.
    Semaphore { value: Cell<i64>, waiters: RefCell<VecDeque<Waker>>, is_lock: bool },
    /// What `super()` gives: the instance and the class to look from.
    Super(Value, Rc<Class>),
    /// What `get_event_loop()` gives.
    Loop,
    /// `random.Random(seed)`.
    Random(Box<RefCell<super::mt::Random>>),
    /// A stream's reading end (`asyncio.StreamReader`).
    Reader(Rc<Pipe>),
    /// A stream's writing end (`asyncio.StreamWriter`).
    Writer(Rc<Pipe>),
    /// What `asyncio.start_server` gives.
    Server,
    /// What `websockets.connect` gives (see [`super::websockets`]).
    WebSocket(super::websockets::Connection),
}

/// One direction of an in-page connection: what was written and not yet read, whether the
/// writer closed, and the reader waiting for more (woken as by I/O).
#[derive(Default)]
pub struct Pipe {
    buf: RefCell<String>,
    closed: Cell<bool>,
    reader: RefCell<Option<Waker>>,
}

impl Pipe {
    fn wake_reader(&self) {
        let w = self.reader.borrow_mut().take();
        if let Some(w) = w {
            waking_because(WakeCause::Io, || w.wake());
        }
    }
}

/// `asyncio.start_server(callback, host, port)`: listens on the page's own loopback.
fn start_server(interp: &Interp, args: &[Value]) -> PyResult {
    let (Some(cb), host, port) = (args.first(), args.get(1), args.get(2)) else {
        return raise("TypeError", "start_server() missing 1 required positional argument: 'client_connected_cb'");
    };
    let key = format!("{}:{}", host.map_or(String::new(), Value::to_str), port.map_or(String::new(), Value::to_str));
    interp.host.listeners.borrow_mut().push((key, cb.clone()));
    Ok(leaf("start_server", async { Ok(Value::Native(Rc::new(Native::Server))) }))
}

/// `asyncio.open_connection(host, port)`: connects to a server the script started; the
/// server's callback runs as a task of its own.
fn open_connection(interp: &Interp, args: &[Value]) -> PyResult {
    let (host, port) =
        (args.first().map_or(String::new(), Value::to_str), args.get(1).map_or(String::new(), Value::to_str));
    let cb =
        interp.host.listeners.borrow().iter().find(|(k, _)| *k == format!("{host}:{port}")).map(|(_, cb)| cb.clone());
    let rc = interp.host.rc()?;
    Ok(leaf("open_connection", async move {
        let Some(cb) = cb else {
            return raise("ConnectionRefusedError", format!("[Errno 111] Connect call failed ('{host}', {port})"));
        };
        let (up, down) = (Rc::new(Pipe::default()), Rc::new(Pipe::default()));
        let side = |r: &Rc<Pipe>, w: &Rc<Pipe>| {
            Value::tuple(vec![
                Value::Native(Rc::new(Native::Reader(Rc::clone(r)))),
                Value::Native(Rc::new(Native::Writer(Rc::clone(w)))),
            ])
        };
        let server_side = super::builtins::iterate(&side(&up, &down))?;
        let coro = rc.call(cb, server_side, vec![]).await?;
        task_of(&rc, coro, None)?;
        Ok(side(&down, &up))
    }))
}

fn stream_method(name: &'static str, n: Rc<Native>, a: &[Value]) -> PyResult {
    match (&*n, name) {
        (Native::Reader(_), "readline" | "read") => {
            let whole = name == "read";
            Ok(leaf(name, async move {
                let Native::Reader(p) = &*n else { return Ok(Value::None) };
                let line = std::future::poll_fn(|cx| {
                    let mut buf = p.buf.borrow_mut();
                    let end = if whole { None } else { buf.find('\n').map(|i| i + 1) };
                    match end {
                        Some(end) => return Poll::Ready(buf.drain(..end).collect::<String>()),
                        None if p.closed.get() => return Poll::Ready(std::mem::take(&mut *buf)),
                        None => {}
                    }
                    *p.reader.borrow_mut() = Some(cx.waker().clone());
                    waiting_on(WakeCause::Io, 0);
                    Poll::Pending
                })
                .await;
                Ok(Value::Str(line.into()))
            }))
        }
        (Native::Reader(p), "at_eof") => Ok(Value::Bool(p.closed.get() && p.buf.borrow().is_empty())),
        (Native::Writer(p), "write") => {
            p.buf.borrow_mut().push_str(&a.first().map_or(String::new(), Value::to_str));
            p.wake_reader();
            Ok(Value::None)
        }
        (Native::Writer(p), "close") => {
            p.closed.set(true);
            p.wake_reader();
            Ok(Value::None)
        }
        (Native::Writer(p), "is_closing") => Ok(Value::Bool(p.closed.get())),
        (Native::Writer(_) | Native::Server, "drain" | "wait_closed") => Ok(leaf(name, async { Ok(Value::None) })),
        (Native::Server, "close") => Ok(Value::None),
        _ => super::interp::unsupported(&format!("{}.{name}()", n.type_name())),
    }
}

/// `asyncio.Queue`.
pub struct Queue {
    items: RefCell<VecDeque<Value>>,
    maxsize: usize,
    unfinished: Cell<usize>,
    getters: RefCell<VecDeque<Waker>>,
    putters: RefCell<VecDeque<Waker>>,
    joiners: RefCell<Vec<Waker>>,
}

impl Native {
    /// Its type's name.
    pub fn type_name(&self) -> &'static str {
        match self {
            Native::Queue(_) => "Queue",
            Native::Event { .. } => "Event",
            Native::Semaphore { is_lock: true, .. } => "Lock",
            Native::Semaphore { .. } => "Semaphore",
            Native::Super(..) => "super",
            Native::Loop => "_UnixSelectorEventLoop",
            Native::Random(_) => "Random",
            Native::Reader(_) => "StreamReader",
            Native::Writer(_) => "StreamWriter",
            Native::Server => "Server",
            Native::WebSocket(_) => "ClientConnection",
        }
    }
}

fn wake_first(q: &RefCell<VecDeque<Waker>>) {
    let w = q.borrow_mut().pop_front();
    if let Some(w) = w {
        waking_because(WakeCause::Channel, || w.wake());
    }
}

fn wake_all(v: &RefCell<Vec<Waker>>) {
    let ws = std::mem::take(&mut *v.borrow_mut());
    waking_because(WakeCause::Channel, || ws.into_iter().for_each(Waker::wake));
}

fn task_method(_interp: &Interp, name: &'static str, args: Vec<Value>, _kw: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Task(t)) = args.first() else { return raise("TypeError", "descriptor needs a Task") };
    match name {
        "cancel" => Ok(Value::Bool(t.cancel())),
        "cancelled" => Ok(Value::Bool(matches!(*t.state.borrow(), State::Cancelled(_)))),
        "done" => Ok(Value::Bool(t.done())),
        "result" => t.outcome(),
        "exception" => match &*t.state.borrow() {
            State::Pending => raise("InvalidStateError", "Exception is not set."),
            State::Failed(e) => {
                t.retrieved.set(true);
                Ok(e.clone())
            }
            State::Cancelled(e) => Err(e.clone()),
            State::Done(_) => Ok(Value::None),
        },
        "get_name" => Ok(Value::Str(t.name.borrow().clone())),
        "set_name" => {
            if let Some(v) = args.get(1) {
                *t.name.borrow_mut() = v.to_str().into();
            }
            Ok(Value::None)
        }
        _ => super::interp::unsupported(&format!("Task.{name}()")),
    }
}

fn native_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Native(n)) = args.first() else { return raise("TypeError", "descriptor needs an asyncio object") };
    let n = Rc::clone(n);
    let a = &args[1..];
    match (&*n, name) {
        (Native::Queue(q), "put_nowait") | (Native::Queue(q), "put")
            if name == "put_nowait" || q.maxsize == 0 || q.items.borrow().len() < q.maxsize =>
        {
            let Some(v) = a.first().cloned() else {
                return raise("TypeError", format!("{name}() missing 1 required positional argument: 'item'"));
            };
            if q.maxsize > 0 && q.items.borrow().len() >= q.maxsize {
                return Err(new_exception(exc_class("QueueFull"), vec![]));
            }
            q.items.borrow_mut().push_back(v);
            q.unfinished.set(q.unfinished.get() + 1);
            wake_first(&q.getters);
            if name == "put" {
                return Ok(leaf("put", async { Ok(Value::None) }));
            }
            Ok(Value::None)
        }
        (Native::Queue(_), "put") => {
            let v = a.first().cloned().unwrap_or(Value::None);
            Ok(leaf("put", async move {
                let Native::Queue(q) = &*n else { return Ok(Value::None) };
                std::future::poll_fn(|cx| {
                    if q.items.borrow().len() < q.maxsize {
                        return Poll::Ready(());
                    }
                    q.putters.borrow_mut().push_back(cx.waker().clone());
                    waiting_on(WakeCause::Channel, 0);
                    Poll::Pending
                })
                .await;
                q.items.borrow_mut().push_back(v);
                q.unfinished.set(q.unfinished.get() + 1);
                wake_first(&q.getters);
                Ok(Value::None)
            }))
        }
        (Native::Queue(q), "get_nowait") => {
            let v = q.items.borrow_mut().pop_front();
            match v {
                Some(v) => {
                    wake_first(&q.putters);
                    Ok(v)
                }
                None => Err(new_exception(exc_class("QueueEmpty"), vec![])),
            }
        }
        (Native::Queue(_), "get") => Ok(leaf("get", async move {
            let Native::Queue(q) = &*n else { return Ok(Value::None) };
            let v = std::future::poll_fn(|cx| {
                let v = q.items.borrow_mut().pop_front();
                match v {
                    Some(v) => Poll::Ready(v),
                    None => {
                        q.getters.borrow_mut().push_back(cx.waker().clone());
                        waiting_on(WakeCause::Channel, 0);
                        Poll::Pending
                    }
                }
            })
            .await;
            wake_first(&q.putters);
            Ok(v)
        })),
        (Native::Queue(q), "task_done") => {
            if q.unfinished.get() == 0 {
                return raise("ValueError", "task_done() called too many times");
            }
            q.unfinished.set(q.unfinished.get() - 1);
            if q.unfinished.get() == 0 {
                wake_all(&q.joiners);
            }
            Ok(Value::None)
        }
        (Native::Queue(_), "join") => Ok(leaf("join", async move {
            let Native::Queue(q) = &*n else { return Ok(Value::None) };
            std::future::poll_fn(|cx| {
                if q.unfinished.get() == 0 {
                    return Poll::Ready(());
                }
                q.joiners.borrow_mut().push(cx.waker().clone());
                waiting_on(WakeCause::Channel, 0);
                Poll::Pending
            })
            .await;
            Ok(Value::None)
        })),
        (Native::Queue(q), "qsize") => Ok(Value::Int(q.items.borrow().len() as i64)),
        (Native::Queue(q), "empty") => Ok(Value::Bool(q.items.borrow().is_empty())),
        (Native::Queue(q), "full") => Ok(Value::Bool(q.maxsize > 0 && q.items.borrow().len() >= q.maxsize)),
        (Native::Event { set, waiters }, "set") => {
            if !set.replace(true) {
                wake_all(waiters);
            }
            Ok(Value::None)
        }
        (Native::Event { set, .. }, "clear") => {
            set.set(false);
            Ok(Value::None)
        }
        (Native::Event { set, .. }, "is_set") => Ok(Value::Bool(set.get())),
        (Native::Event { .. }, "wait") => Ok(leaf("wait", async move {
            let Native::Event { set, waiters } = &*n else { return Ok(Value::None) };
            std::future::poll_fn(|cx| {
                if set.get() {
                    return Poll::Ready(());
                }
                waiters.borrow_mut().push(cx.waker().clone());
                waiting_on(WakeCause::Channel, 0);
                Poll::Pending
            })
            .await;
            Ok(Value::Bool(true))
        })),
        (Native::Semaphore { .. }, "acquire" | "__aenter__") => {
            let is_enter = name == "__aenter__";
            Ok(leaf("acquire", async move {
                let Native::Semaphore { value, waiters, .. } = &*n else { return Ok(Value::None) };
                let mut queued = false;
                std::future::poll_fn(|cx| {
                    // First come, first served: a newcomer waits behind those already waiting.
                    if value.get() > 0 && (queued || waiters.borrow().is_empty()) {
                        value.set(value.get() - 1);
                        return Poll::Ready(());
                    }
                    if queued {
                        waiters.borrow_mut().push_front(cx.waker().clone());
                    } else {
                        waiters.borrow_mut().push_back(cx.waker().clone());
                    }
                    queued = true;
                    waiting_on(WakeCause::Channel, 0);
                    Poll::Pending
                })
                .await;
                Ok(if is_enter { Value::None } else { Value::Bool(true) })
            }))
        }
        (Native::Semaphore { value, waiters, is_lock }, "release" | "__aexit__") => {
            if *is_lock && value.get() > 0 {
                return raise("RuntimeError", "Lock is not acquired.");
            }
            let Some(v) = value.get().checked_add(1) else {
                return raise(
                    "OverflowError",
                    "Loopscope's ints are 64-bit: the semaphore's value would pass 9223372036854775807",
                );
            };
            value.set(v);
            wake_first(waiters);
            if name == "__aexit__" {
                return Ok(leaf("release", async { Ok(Value::None) }));
            }
            Ok(Value::None)
        }
        (Native::Semaphore { value, is_lock, .. }, "locked") => {
            Ok(Value::Bool(if *is_lock { value.get() == 0 } else { value.get() <= 0 }))
        }
        (Native::Loop, "run_until_complete") => {
            let Some(aw) = a.first().cloned() else {
                return raise("TypeError", "run_until_complete() missing 1 required positional argument: 'future'");
            };
            run(interp, aw, false)
        }
        (Native::Loop, "create_task") => create_task(interp, "create_task", a.to_vec(), kw),
        (Native::Loop, "close") => {
            interp.host.loop_closed.set(true);
            Ok(Value::None)
        }
        (Native::Loop, "is_running") => Ok(Value::Bool(interp.host.loop_running.get() > 0)),
        (Native::Loop, "is_closed") => Ok(Value::Bool(interp.host.loop_closed.get())),
        (Native::Loop, "time") => Ok(Value::Float(interp.host.lesson_secs())),
        (Native::Reader(_) | Native::Writer(_) | Native::Server, _) => stream_method(name, n, a),
        (Native::WebSocket(_), _) => super::websockets::method(name, &n),
        _ => super::interp::unsupported(&format!("{}.{name}()", n.type_name())),
    }
}

const TASK_METHODS: &[&str] = &["cancel", "cancelled", "done", "result", "exception", "get_name", "set_name"];
const NATIVE_METHODS: &[&str] = &[
    "put",
    "get",
    "put_nowait",
    "get_nowait",
    "task_done",
    "join",
    "qsize",
    "empty",
    "full",
    "set",
    "clear",
    "is_set",
    "wait",
    "acquire",
    "release",
    "locked",
    "__aenter__",
    "__aexit__",
    "run_until_complete",
    "create_task",
    "close",
    "time",
    "is_running",
    "is_closed",
    "readline",
    "read",
    "at_eof",
    "write",
    "drain",
    "is_closing",
    "wait_closed",
    "recv",
    "ping",
];

/// Attributes of tasks, coroutines and the asyncio objects.
pub fn get_attr(interp: &Interp, obj: &Value, name: Name) -> PyResult {
    let t = super::value::text(name);
    let pick = |list: &[&'static str]| list.iter().copied().find(|m| *m == &*t);
    match obj {
        Value::Task(_) => match pick(TASK_METHODS) {
            Some(m) => Ok(Value::Method(Rc::new((obj.clone(), builtin(m, task_method))))),
            None => raise("AttributeError", format!("'_asyncio.Task' object has no attribute '{t}'")),
        },
        Value::Native(n) => match &**n {
            Native::Super(me, class) => match class.lookup(name) {
                Some(f @ (Value::Func(_) | Value::Builtin(_))) => Ok(Value::Method(Rc::new((me.clone(), f)))),
                Some(v) => Ok(v),
                // `object.__init__` and `BaseException.__init__` (which keeps the arguments).
                None if &*t == "__init__" => {
                    let init = builtin("__init__", |_, _, args, _| {
                        if let Some(Value::Instance(i)) = args.first() {
                            if i.class.is_exception() {
                                i.set(intern("args"), Value::tuple(args[1..].to_vec()));
                            }
                        }
                        Ok(Value::None)
                    });
                    Ok(Value::Method(Rc::new((me.clone(), init))))
                }
                None => raise("AttributeError", format!("'super' object has no attribute '{t}'")),
            },
            Native::Queue(q) if &*t == "maxsize" => Ok(Value::Int(q.maxsize as i64)),
            Native::Random(_) => {
                match ["seed", "random", "randint", "uniform", "choice", "shuffle", "randrange", "sample"]
                    .into_iter()
                    .find(|m| *m == &*t)
                {
                    Some(m) => Ok(Value::Method(Rc::new((obj.clone(), builtin(m, super::modules::random_method))))),
                    None => raise("AttributeError", format!("'Random' object has no attribute '{t}'")),
                }
            }
            _ => match pick(NATIVE_METHODS) {
                Some(m) => Ok(Value::Method(Rc::new((obj.clone(), builtin(m, native_method))))),
                None => raise("AttributeError", format!("'{}' object has no attribute '{t}'", n.type_name())),
            },
        },
        _ => {
            let _ = interp;
            raise("AttributeError", format!("'{}' object has no attribute '{t}'", obj.type_name()))
        }
    }
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
        "Queue",
        "Event",
        "Lock",
        "Semaphore",
        "BoundedSemaphore",
        "get_event_loop",
        "new_event_loop",
        "set_event_loop",
        "get_running_loop",
        "to_thread",
        "iscoroutine",
        "shield",
        "start_server",
        "open_connection",
    ]
    .into_iter()
    .map(|n| (n, builtin(n, function)))
    .collect();
    for n in ["CancelledError", "InvalidStateError", "QueueEmpty", "QueueFull"] {
        out.push((n, Value::Class(exc_class(n))));
    }
    out.push(("TimeoutError", Value::Class(exc_class("TimeoutError"))));
    for n in ["FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"] {
        out.push((n, Value::str(n)));
    }
    out
}

fn secs(v: &Value, what: &str) -> PyResult<f64> {
    match v.as_number() {
        Some(s) if s.is_nan() => raise("ValueError", format!("{what} must not be NaN")),
        Some(s) => Ok(s),
        None => raise("TypeError", format!("'<=' not supported between instances of '{}' and 'int'", v.type_name())),
    }
}

fn duration(s: f64) -> Duration {
    Duration::from_secs_f64(s.clamp(0.0, 1e9))
}

fn create_task(interp: &Interp, _name: &str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(coro) = args.into_iter().next() else {
        return raise("TypeError", "create_task() missing 1 required positional argument: 'coro'");
    };
    if !matches!(coro, Value::Coro(_)) {
        return raise("TypeError", format!("a coroutine was expected, got {}", coro.repr()));
    }
    let name = kwarg(&kw, "name").filter(|n| !matches!(n, Value::None)).map(|n| Rc::from(n.to_str()));
    Ok(Value::Task(task_of(&interp.host.rc()?, coro, name)?))
}

fn run(interp: &Interp, aw: Value, cancel_rest: bool) -> PyResult {
    if !matches!(aw, Value::Coro(_) | Value::Task(_)) {
        let message = if cancel_rest {
            format!("a coroutine was expected, got {}", aw.repr())
        } else {
            "An asyncio.Future, a coroutine or an awaitable is required".to_string()
        };
        return raise(if cancel_rest { "ValueError" } else { "TypeError" }, message);
    }
    // As in CPython: the loop runs one thing at a time (and a nested run would recurse for ever).
    if interp.host.loop_running.get() > 0 {
        return if cancel_rest {
            raise("RuntimeError", "asyncio.run() cannot be called from a running event loop")
        } else {
            raise("RuntimeError", "This event loop is already running")
        };
    }
    let rc = interp.host.rc()?;
    let fut = async move {
        rc.host.loop_running.set(rc.host.loop_running.get() + 1);
        let out = rc.await_value(aw).await;
        rc.host.loop_running.set(rc.host.loop_running.get() - 1);
        if cancel_rest {
            // As `asyncio.run` does: cancel what is left, and let it finish cancelling.
            let me = current();
            let rest: Vec<Rc<PyTask>> =
                rc.host.live_tasks().into_iter().filter(|t| !me.as_ref().is_some_and(|m| Rc::ptr_eq(m, t))).collect();
            for t in &rest {
                t.cancel();
            }
            for t in rest {
                let _ = wait_task(t).await;
            }
        }
        out
    };
    Ok(Value::Coro(Rc::new(Coro::new("run".into(), Box::pin(fut), false, true))))
}

fn function(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let arg = |i: usize, key: &str| args.get(i).cloned().or_else(|| kwarg(&kw, key));
    match name {
        "run" => run(interp, arg(0, "main").unwrap_or(Value::None), true),
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
        "create_task" | "ensure_future" => create_task(interp, name, args, kw),
        "gather" => {
            let rc = interp.host.rc()?;
            let return_exceptions = kwarg(&kw, "return_exceptions").is_some_and(|v| v.truthy());
            let tasks: Vec<Rc<PyTask>> = args.into_iter().map(|a| task_of(&rc, a, None)).collect::<PyResult<_>>()?;
            Ok(group("gather", tasks.clone(), Gather { tasks, return_exceptions, done: false }))
        }
        "wait_for" => {
            let rc = interp.host.rc()?;
            let task = task_of(&rc, arg(0, "fut").unwrap_or(Value::None), None)?;
            let timeout = match arg(1, "timeout") {
                None | Some(Value::None) => None,
                Some(v) => Some(secs(&v, "timeout")?),
            };
            Ok(group("wait_for", vec![Rc::clone(&task)], wait_for(task, timeout)))
        }
        "wait" => {
            let rc = interp.host.rc()?;
            let aws = super::builtins::iterate(&arg(0, "fs").unwrap_or(Value::None))?;
            if aws.is_empty() {
                return raise("ValueError", "Set of Tasks/Futures is empty.");
            }
            let tasks: Vec<Rc<PyTask>> = aws.into_iter().map(|a| task_of(&rc, a, None)).collect::<PyResult<_>>()?;
            let when = match kwarg(&kw, "return_when") {
                Some(Value::Str(s)) => s.to_string(),
                None => "ALL_COMPLETED".into(),
                Some(v) => return raise("ValueError", format!("Invalid return_when value: {}", v.repr())),
            };
            let timeout = match kwarg(&kw, "timeout") {
                None | Some(Value::None) => None,
                Some(v) => Some(secs(&v, "timeout")?),
            };
            Ok(leaf("wait", wait(tasks, when, timeout)))
        }
        "as_completed" => {
            let rc = interp.host.rc()?;
            let aws = super::builtins::iterate(&arg(0, "fs").unwrap_or(Value::None))?;
            let tasks: Rc<Vec<Rc<PyTask>>> =
                Rc::new(aws.into_iter().map(|a| task_of(&rc, a, None)).collect::<PyResult<_>>()?);
            let handed = Rc::new(Cell::new(0usize));
            let coros = (0..tasks.len())
                .map(|_| {
                    let (tasks, handed) = (Rc::clone(&tasks), Rc::clone(&handed));
                    leaf("as_completed", async move {
                        let k = handed.get();
                        handed.set(k + 1);
                        let t = std::future::poll_fn(|cx| {
                            let done: Vec<&Rc<PyTask>> = tasks.iter().filter(|t| t.done()).collect();
                            // The k-th to finish: the one k others finished before (no sort: a
                            // sort is a large copy of std's code, for a handful of tasks).
                            let before =
                                |t: &Rc<PyTask>| done.iter().filter(|u| u.done_seq.get() < t.done_seq.get()).count();
                            if let Some(t) = done.iter().find(|t| before(t) == k) {
                                return Poll::Ready(Rc::clone(t));
                            }
                            tasks.iter().filter(|t| !t.done()).for_each(|t| t.wait_on(cx));
                            Poll::Pending
                        })
                        .await;
                        t.outcome()
                    })
                })
                .collect();
            Ok(Value::list(coros))
        }
        "current_task" if interp.host.loop_running.get() == 0 => raise("RuntimeError", "no running event loop"),
        "current_task" => Ok(current().map_or(Value::None, Value::Task)),
        "all_tasks" => super::builtins::make_set(interp.host.live_tasks().into_iter().map(Value::Task).collect()),
        "Queue" => {
            let maxsize = arg(0, "maxsize").and_then(|v| v.as_int()).unwrap_or(0).max(0) as usize;
            Ok(Value::Native(Rc::new(Native::Queue(Queue {
                items: RefCell::default(),
                maxsize,
                unfinished: Cell::new(0),
                getters: RefCell::default(),
                putters: RefCell::default(),
                joiners: RefCell::default(),
            }))))
        }
        "Event" => Ok(Value::Native(Rc::new(Native::Event { set: Cell::new(false), waiters: RefCell::default() }))),
        "Lock" | "Semaphore" | "BoundedSemaphore" => {
            let value = if name == "Lock" { 1 } else { arg(0, "value").and_then(|v| v.as_int()).unwrap_or(1) };
            if value < 0 {
                return raise("ValueError", "Semaphore initial value must be >= 0");
            }
            Ok(Value::Native(Rc::new(Native::Semaphore {
                value: Cell::new(value),
                waiters: RefCell::default(),
                is_lock: name == "Lock",
            })))
        }
        "get_running_loop" if interp.host.loop_running.get() == 0 => raise("RuntimeError", "no running event loop"),
        "get_event_loop" | "new_event_loop" | "get_running_loop" => Ok(Value::Native(Rc::new(Native::Loop))),
        "set_event_loop" => Ok(Value::None),
        "start_server" => start_server(interp, &args),
        "open_connection" => open_connection(interp, &args),
        "iscoroutine" => Ok(Value::Bool(matches!(args.first(), Some(Value::Coro(_))))),
        "shield" => Ok(args.into_iter().next().unwrap_or(Value::None)),
        "to_thread" => {
            let rc = interp.host.rc()?;
            let mut args = args.into_iter();
            let Some(f) = args.next() else {
                return raise("TypeError", "to_thread() missing 1 required positional argument: 'func'");
            };
            let rest: Vec<Value> = args.collect();
            let fname: Rc<str> = match &f {
                Value::Func(func) => Rc::clone(&func.qualname),
                Value::Builtin(b) => b.name.into(),
                _ => "func".into(),
            };
            Ok(leaf("to_thread", async move {
                let worker = Rc::clone(&rc);
                let body = async move { worker.call(f, rest, kw).await };
                let lane = format!("thread: {fname}");
                let task = spawn(&rc, Some(lane.clone().into()), fname, lane, true, Box::pin(body));
                task.retrieved.set(true);
                wait_task(task).await
            }))
        }
        _ => super::interp::unsupported(&format!("asyncio.{name}()")),
    }
}

/// `asyncio.gather`'s future: done when every task is (or, unless `return_exceptions`, when
/// one fails); cancels the tasks still running if it is dropped before it is done (its
/// awaiting task was cancelled).
struct Gather {
    tasks: Vec<Rc<PyTask>>,
    return_exceptions: bool,
    done: bool,
}

impl Future for Gather {
    type Output = PyResult;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<PyResult> {
        let this = &mut *self;
        if !this.return_exceptions {
            let first_failed = this
                .tasks
                .iter()
                .filter(|t| matches!(*t.state.borrow(), State::Failed(_) | State::Cancelled(_)))
                .min_by_key(|t| t.done_seq.get());
            if let Some(t) = first_failed {
                this.done = true;
                this.tasks.iter().for_each(|t| t.retrieved.set(true));
                return Poll::Ready(t.outcome().map(|_| Value::None));
            }
        }
        let pending: Vec<&Rc<PyTask>> = this.tasks.iter().filter(|t| !t.done()).collect();
        if !pending.is_empty() {
            // A wait on each child: the page says the gather waits on all of them.
            for t in &pending {
                t.wait_on(cx);
                waiting_on(WakeCause::Task, t.runtime_id.get());
            }
            return Poll::Pending;
        }
        this.done = true;
        let mut out = Vec::with_capacity(this.tasks.len());
        for t in &this.tasks {
            match t.outcome() {
                Ok(v) => out.push(v),
                Err(e) => out.push(e),
            }
        }
        Poll::Ready(Ok(Value::list(out)))
    }
}

impl Drop for Gather {
    fn drop(&mut self) {
        if !self.done {
            self.tasks.iter().for_each(|t| {
                t.retrieved.set(true);
                t.cancel();
            });
        }
    }
}

async fn wait_for(task: Rc<PyTask>, timeout: Option<f64>) -> PyResult {
    let Some(timeout) = timeout else { return wait_task(task).await };
    if timeout <= 0.0 && !task.done() {
        // CPython 3.11 cancels at once: the coroutine never starts.
        return time_out(task).await;
    }
    /// Cancels the inner task if `wait_for` itself is cancelled while it waits.
    struct CancelOnDrop(Rc<PyTask>, bool);
    impl Drop for CancelOnDrop {
        fn drop(&mut self) {
            if !self.1 {
                self.0.cancel();
            }
        }
    }
    let mut guard = CancelOnDrop(Rc::clone(&task), false);
    let mut timer = Box::pin(runtime::sleep(duration(timeout)));
    let timed_out = std::future::poll_fn(|cx| {
        if task.done() {
            return Poll::Ready(false);
        }
        if timer.as_mut().poll(cx).is_ready() {
            return Poll::Ready(true);
        }
        task.wait_on(cx);
        waiting_on(WakeCause::Task, task.runtime_id.get());
        Poll::Pending
    })
    .await;
    guard.1 = true;
    if !timed_out {
        return task.outcome();
    }
    time_out(task).await
}

/// `wait_for`'s timeout: cancels the inner task and, like CPython 3.11, waits for it to finish
/// cancelling, then raises `TimeoutError` (or gives what the task ended with, if it ignored
/// the cancel).
async fn time_out(task: Rc<PyTask>) -> PyResult {
    task.cancel();
    match wait_task(task).await {
        Err(e) if is_cancelled_error(&e) => Err(new_exception(exc_class("TimeoutError"), vec![])),
        other => other,
    }
}

async fn wait(tasks: Vec<Rc<PyTask>>, when: String, timeout: Option<f64>) -> PyResult {
    let mut timer = timeout.map(|t| Box::pin(runtime::sleep(duration(t))));
    std::future::poll_fn(|cx| {
        let done = tasks.iter().filter(|t| t.done()).count();
        let failed = tasks.iter().any(|t| matches!(*t.state.borrow(), State::Failed(_)));
        let enough = match when.as_str() {
            "FIRST_COMPLETED" => done > 0,
            "FIRST_EXCEPTION" => failed || done == tasks.len(),
            _ => done == tasks.len(),
        };
        if enough || timer.as_mut().is_some_and(|t| t.as_mut().poll(cx).is_ready()) {
            return Poll::Ready(());
        }
        tasks.iter().filter(|t| !t.done()).for_each(|t| t.wait_on(cx));
        Poll::Pending
    })
    .await;
    let (done, pending): (Vec<_>, Vec<_>) = tasks.into_iter().partition(|t| t.done());
    let set = |ts: Vec<Rc<PyTask>>| super::builtins::make_set(ts.into_iter().map(Value::Task).collect());
    Ok(Value::tuple(vec![set(done)?, set(pending)?]))
}
