//! Python tasks: their state, the runtime future that runs each, the current task, and nesting.

use super::*;

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
    pub(super) nested: Cell<u32>,
    /// Its runtime task's handle: a task that ends cancelled is cancelled on the runtime too,
    /// so its lane ends with a cancel (✕), not a finish.
    pub(super) handle: RefCell<Option<runtime::JoinHandle<()>>>,
    /// How it ended.
    pub state: RefCell<State>,
    pub(super) waiters: RefCell<Vec<Waker>>,
    pub(super) cancel_requested: Cell<bool>,
    /// The message of the last `cancel(msg)`: the `CancelledError`'s argument.
    pub(super) cancel_message: RefCell<Option<Value>>,
    pub(super) waker: RefCell<Option<Waker>>,
    pub(super) retrieved: Cell<bool>,
    /// The line it is running, or suspended at.
    pub line: Cell<u32>,
    /// Its runtime task id (0 before its first poll).
    pub runtime_id: Cell<u32>,
    pub(super) handling: RefCell<Vec<Value>>,
    /// A `to_thread` worker: its `time.sleep` waits without holding the loop.
    pub is_thread: bool,
    pub(super) done_seq: Cell<u64>,
    pub(super) out: std::rc::Weak<crate::host::Output>,
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
pub(super) fn note_line() {
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
    pub(super) fn new(name: Rc<str>, coro_name: Rc<str>, is_thread: bool, out: &Rc<crate::host::Output>) -> Rc<PyTask> {
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
            cancel_message: RefCell::new(None),
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
        self.cancel_with(None)
    }

    /// `task.cancel(msg)`: the `CancelledError` raised in it carries `msg`.
    pub fn cancel_with(&self, message: Option<Value>) -> bool {
        if self.done() {
            return false;
        }
        // A later cancel() with no message leaves the first one's (CPython's waiter is already
        // cancelled with it).
        if message.is_some() {
            *self.cancel_message.borrow_mut() = message;
        }
        self.cancel_requested.set(true);
        let waker = self.waker.borrow().clone();
        if let Some(w) = waker {
            w.wake();
        }
        true
    }

    pub(super) fn finish(&self, out: PyResult) {
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
    pub(super) fn end(&self, out: PyResult) {
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

    pub(super) fn wait_on(&self, cx: &Context<'_>) {
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

pub(super) fn cancelled_error() -> Exc {
    new_exception(exc_class("CancelledError"), vec![])
}

/// The `CancelledError` a cancel of `task` raises in it: with the cancel's message, if any.
pub(super) fn cancelled_error_in(task: &PyTask) -> Exc {
    new_exception(exc_class("CancelledError"), task.cancel_message.borrow_mut().take().into_iter().collect())
}

/// A runtime task's future for a Python task: sets the current task around each poll,
/// charges the steps it took to a virtual clock, and records the outcome.
pub(super) struct TaskFuture {
    pub(super) task: Rc<PyTask>,
    pub(super) interp: Rc<Interp>,
    pub(super) fut: LocalBoxFuture<'static, PyResult>,
    pub(super) started: bool,
    /// Where its polls keep the lines they ran (the runtime polls this future once per poll
    /// of its task, so the n-th entry is the trace's poll n).
    pub(super) lines: Option<Rc<crate::lines::TaskLines>>,
}

impl Future for TaskFuture {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        if !this.started {
            this.started = true;
            let id = runtime::current().map_or(0, |(t, _)| t);
            this.task.runtime_id.set(id);
            crate::host::register_task(id, &this.task);
            this.lines = Some(crate::lines::task(this.interp.host.out.run.get(), id));
            if this.task.cancel_requested.replace(false) {
                // Cancelled before it ever ran: its coroutine never starts, as in CPython.
                this.task.end(Err(cancelled_error_in(&this.task)));
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
        crate::host::poll_started();
        let poll = this.fut.as_mut().poll(cx);
        if poll.is_pending() {
            note_line();
        }
        if let Some(lines) = &this.lines {
            this.interp.ran.end_poll(lines);
        }
        this.interp.charge_steps();
        crate::host::charge(crate::interp::SWITCH_MS);
        CURRENT.with(|c| *c.borrow_mut() = before);
        match poll {
            Poll::Ready(out) => {
                if let Err(e) = &out {
                    if !is_cancelled_error(e) {
                        this.interp.host.note_error(e, false);
                        runtime::raised_current();
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
            let fut = runnable(fut, c.leaf);
            let task = spawn(interp, name, Rc::clone(&c.name), lane, false, fut);
            task.coro_line.set(c.line);
            Ok(task)
        }
        other => raise("TypeError", format!("a coroutine was expected, got {}", other.repr())),
    }
}

/// A coroutine's future as a task runs it: a native awaitable inside a `Leaf`, where a cancel
/// of the task lands.
pub(super) fn runnable(fut: CoroFut, leaf: bool) -> LocalBoxFuture<'static, PyResult> {
    match fut {
        CoroFut::Boxed(fut) if !leaf => fut,
        fut => Box::pin(Leaf::new(fut)),
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
