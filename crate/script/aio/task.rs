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
    pub coro_name: RefCell<Rc<str>>,
    /// Line of its `async def` (0: not known).
    pub coro_line: Cell<u32>,
    /// Python calls in progress in it, and CPython's frames under them, for `RecursionError`.
    pub depth: Cell<u32>,
    /// Evaluations nested in it now (see [`Nested`]), in all its frames.
    pub(super) nested: Cell<u32>,
    /// What `nested` was when the frame being polled began: the frame's own are those above.
    frame_base: Cell<u32>,
    /// Its calls run on stretches of the native stack of their own, innermost last (see
    /// [`InFrame`]).
    frames: RefCell<Vec<Frame>>,
    /// Its runtime task's handle: a task that ends cancelled is cancelled on the runtime too,
    /// so its lane ends with a cancel (✕), not a finish.
    pub(super) handle: RefCell<Option<runtime::JoinHandle<()>>>,
    /// How it ended.
    pub state: RefCell<State>,
    pub(super) cancel_requested: Cell<bool>,
    /// Its exception was raised by a `result()` (or an `await`) already: CPython's future gives
    /// its traceback with the first one only (see `outcome`).
    result_taken: Cell<bool>,
    /// The message of the last `cancel(msg)`: the `CancelledError`'s argument.
    pub(super) cancel_message: RefCell<Option<Value>>,
    /// What was being handled where it was cancelled (`asyncio.run` shutting down as `main`'s
    /// exception leaves it): its `CancelledError`'s `__context__`, as CPython chains it.
    pub(super) cancel_context: RefCell<Option<Value>>,
    /// The cancel asked for found it waiting (see `ask_cancel`).
    waiter_cancelled: Cell<bool>,
    /// It is the script's own task, outside a coroutine that `asyncio.run` or
    /// `run_until_complete` runs in it: the module's code, or the loop running for ever, which
    /// CPython runs in no task (`all_tasks()` leaves it out).
    pub(crate) is_loop: Cell<bool>,
    /// The run's own task (the module's code, and `asyncio.run`'s coroutine inline in it).
    pub(crate) is_root: Cell<bool>,
    /// The script has held it (`current_task()`, `all_tasks()`): the run's own task then ends
    /// with each `asyncio.run`'s coroutine, its outcome kept (see `aio::run`).
    pub(crate) seen: Cell<bool>,
    pub(super) waker: RefCell<Option<Waker>>,
    pub(super) retrieved: Cell<bool>,
    /// The line it is running, or suspended at.
    pub line: Cell<u32>,
    /// Its runtime task id (0 before its first poll).
    pub runtime_id: Cell<u32>,
    /// A thread's future (`run_in_executor`, `to_thread`): the thread's runtime task, which
    /// the page shows its awaiters waiting on (0 for any other future).
    pub(super) thread: Cell<u32>,
    pub(super) handling: RefCell<Vec<Value>>,
    /// Attributes the script gave it (`task.started = loop.time()`): CPython's tasks and
    /// futures have a `__dict__`.
    pub attrs: RefCell<Vec<(crate::ast::Name, Value)>>,
    /// A `to_thread` worker: its `time.sleep` waits without holding the loop.
    pub is_thread: bool,
    /// It closes an async generator left early (`aclose()`): `asyncio.run`'s end lets it take
    /// its steps in the shutdown's turns rather than cancel it, as CPython's shutdown does.
    pub(super) closes_generator: Cell<bool>,
    /// The frames its exception's traceback held as it failed: the "never retrieved" log of
    /// a `SystemExit` that left `asyncio.run` shows only those in CPython.
    tb_frames: Cell<usize>,
    pub(super) done_seq: Cell<u64>,
    pub(super) out: std::rc::Weak<crate::host::Output>,
    /// The event loop it was made for (see `Output::event_loop`): it runs only while that
    /// loop runs, and a task of another loop awaiting it while pending is CPython's error.
    pub(super) event_loop: u32,
    /// What it calls as it ends (see [`Callback`]).
    pub(super) callbacks: RefCell<Vec<Callback>>,
    /// `cancelling()`: the cancels asked for, less those `uncancel()`ed.
    pub(super) cancels: Cell<u32>,
    /// For `gather`'s future: its children (it runs nothing of its own).
    pub(super) gathering: Option<Gathering>,
    /// For a plain `asyncio.Future` (it runs nothing either: `set_result`, `set_exception` or
    /// `cancel` settles it): the interpreter that calls its callbacks.
    pub(super) plain: Option<Weak<Interp>>,
    /// What its last leaf await awaits (for `repr`).
    pub(super) awaiting: RefCell<Awaited>,
    /// Its coroutine's scope, whose line is the one CPython's `repr` shows.
    pub(super) frame: RefCell<Weak<Scope>>,
    /// Its context's variables (`contextvars`): a copy of those of the task it was made in.
    pub vars: RefCell<crate::contextvars::Vars>,
}

/// What a task suspended at a leaf await waits for, as its `repr` shows it.
pub(super) enum Awaited {
    /// Nothing (a `sleep(0)`, or it has not awaited yet).
    Nothing,
    /// A future of asyncio's own (a sleep's, a queue's…).
    Future,
    /// A task, or a gather's future.
    Task(Weak<PyTask>),
    /// A queue's, a lock's or an event's future, given its result (`True`, `None`): the task
    /// was woken and has not run yet.
    Woken(&'static str),
}

/// What a task calls as it ends: a function `add_done_callback` gave it, which the loop calls
/// soon (as CPython's `call_soon`), a gather it is a child of, or the waker of a task awaiting
/// it.
pub(super) enum Callback {
    Py(Value),
    /// Weak, so that a task and its gather never keep each other alive past a stopped run: the
    /// run's host holds the gather until it is done (see `Host::hold_gather`).
    Gather(Weak<PyTask>),
    /// The outer future of a `shield`, given this task's outcome unless it was cancelled.
    Shield(Rc<PyTask>),
    Wake(Waker),
    /// A done callback of CPython's own that wakes a task through a future of its own
    /// (`wait`'s `_on_completion`, a TaskGroup's `_on_task_done`), named as its repr shows it.
    /// Called soon, as the others: one that comes due after what it serves has ended must do
    /// nothing (as CPython's checks `waiter.done()`).
    Then(&'static str, OnDone),
}

/// A [`Callback::Then`]'s function, given the task that ended.
pub(super) type OnDone = Rc<dyn Fn(&Rc<PyTask>)>;

/// `gather`'s future, as CPython's `_GatheringFuture`: done when its children are (or, unless
/// `return_exceptions`, when one fails); its `cancel()` cancels them.
pub(super) struct Gathering {
    pub(super) children: Vec<Rc<PyTask>>,
    pub(super) return_exceptions: bool,
    /// Children whose end it has not been told of yet (CPython's `nfuts - nfinished`): it is
    /// done when it has heard from all, not when they are done.
    pub(super) untold: Cell<usize>,
}

thread_local! {
    /// The line the interpreter is at; a task takes it as its own when it suspends.
    pub static LINE: Cell<u32> = const { Cell::new(0) };
    static CURRENT: RefCell<Option<Rc<PyTask>>> = const { RefCell::new(None) };
    /// The interpreter of the task being polled: it runs a script's `__hash__` for a set or a
    /// dict, which have none of their own ([`crate::value::Value::key`]).
    static RUNNING: RefCell<Option<Rc<Interp>>> = const { RefCell::new(None) };
    /// The interpreter that polled a task last: a task freed between steps formats its
    /// exception with it (a script's `__str__`).
    static LAST: RefCell<std::rc::Weak<Interp>> = const { RefCell::new(std::rc::Weak::new()) };
    static DONE_SEQ: Cell<u64> = const { Cell::new(0) };
}

/// The Python task being polled now.
pub fn current() -> Option<Rc<PyTask>> {
    CURRENT.with(|c| c.borrow().clone())
}

/// The depth of Python calls in the task being polled now (0 outside one), with no clone.
#[inline]
pub fn current_depth() -> u32 {
    CURRENT.with(|c| c.borrow().as_ref().map_or(0, |t| t.depth.get()))
}

/// The interpreter of the Python task being polled now.
pub fn running() -> Option<Rc<Interp>> {
    RUNNING.with(|r| r.borrow().clone())
}

/// The interpreter running now, or else the one that ran a task last, while it lives.
pub fn running_or_last() -> Option<Rc<Interp>> {
    running().or_else(|| LAST.with(|l| l.borrow().upgrade()))
}

/// Whether `e` is one that leaves asyncio's loop (CPython's `_is_base_error`).
pub fn is_base_error(e: &Value) -> bool {
    let class = e.class();
    ["SystemExit", "KeyboardInterrupt"].into_iter().any(|n| class.is_subclass(&crate::value::exc_class(n)))
}

/// A task raised `e`, a `SystemExit` or `KeyboardInterrupt`: the loop running stops, and its
/// run raises `e` (the first one, if two come).
fn escape(interp: &Interp, e: &Value, task: &Rc<PyTask>) {
    let host = &interp.host;
    if host.loop_running.get() == 0 || host.escaped.borrow().is_some() {
        return;
    }
    *host.escaped.borrow_mut() = Some(e.clone());
    *host.escaped_by.borrow_mut() = Some(Rc::clone(task));
    let stopper = host.stopper.borrow().clone();
    if let Some(s) = stopper.filter(|s| !s.done()) {
        let _ = s.set_outcome(State::Done(Value::None));
    }
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

/// `e`, raised now, gets the exception being handled as its context (unless it has one), as
/// CPython chains one raised in an `except` block, or thrown into a frame handling one.
pub fn chain_to_handled(e: &Value) {
    if let Some(outer) = handling() {
        crate::interp::set_context(e, &outer);
    }
}

/// How many exceptions the current task is handling, nested.
pub fn handling_depth() -> usize {
    current().map_or(0, |t| t.handling.borrow().len())
}

/// Takes the exceptions handled past `depth` off the current task (a generator suspended inside
/// an `except` block keeps them, the code that resumed it does not handle them).
pub fn handling_take(depth: usize) -> Vec<Value> {
    current().map_or_else(Vec::new, |t| {
        let mut h = t.handling.borrow_mut();
        let at = depth.min(h.len());
        h.split_off(at)
    })
}

/// Puts back what [`handling_take`] took, as the generator resumes.
pub fn handling_restore(kept: Vec<Value>) {
    if let (Some(t), false) = (current(), kept.is_empty()) {
        t.handling.borrow_mut().extend(kept);
    }
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
        Rc::new(PyTask::make(name, coro_name, is_thread, out))
    }

    fn make(name: Rc<str>, coro_name: Rc<str>, is_thread: bool, out: &Rc<crate::host::Output>) -> PyTask {
        PyTask {
            name: RefCell::new(name),
            coro_name: RefCell::new(coro_name),
            coro_line: Cell::new(0),
            depth: Cell::new(0),
            nested: Cell::new(0),
            frame_base: Cell::new(0),
            frames: RefCell::default(),
            handle: RefCell::default(),
            state: RefCell::new(State::Pending),
            cancel_requested: Cell::new(false),
            result_taken: Cell::new(false),
            cancel_message: RefCell::new(None),
            cancel_context: RefCell::new(None),
            waiter_cancelled: Cell::new(false),
            is_loop: Cell::new(false),
            is_root: Cell::new(false),
            seen: Cell::new(false),
            waker: RefCell::default(),
            retrieved: Cell::new(false),
            line: Cell::new(0),
            runtime_id: Cell::new(0),
            thread: Cell::new(0),
            handling: RefCell::default(),
            attrs: RefCell::default(),
            is_thread,
            closes_generator: Cell::new(false),
            tb_frames: Cell::new(0),
            done_seq: Cell::new(0),
            out: Rc::downgrade(out),
            event_loop: out.event_loop.get(),
            callbacks: RefCell::default(),
            cancels: Cell::new(0),
            gathering: None,
            plain: None,
            awaiting: RefCell::new(Awaited::Nothing),
            frame: RefCell::default(),
            vars: RefCell::new(crate::contextvars::snapshot()),
        }
    }

    /// `asyncio.Future()`, `loop.create_future()`: settled by whoever holds it.
    pub(super) fn future(interp: &Interp) -> Rc<PyTask> {
        let mut f = PyTask::make("".into(), "".into(), false, &interp.host.out);
        f.plain = Some(interp.host.interp());
        Rc::new(f)
    }

    /// `asyncio.shield(inner)`, as CPython's: a future that takes `inner`'s outcome, and whose
    /// `cancel()` (a `wait_for` timing out, the awaiting task cancelled) leaves `inner`
    /// running. An `inner` already done is its own shield.
    pub(super) fn shield(interp: &Interp, inner: Rc<PyTask>) -> Rc<PyTask> {
        if inner.done() {
            return inner;
        }
        let outer = PyTask::future(interp);
        inner.callbacks.borrow_mut().push(Callback::Shield(Rc::clone(&outer)));
        outer
    }

    /// A shielded task has ended (`self` is the shield's outer future): its outcome is the
    /// outer's, unless the outer was cancelled meanwhile. Then nothing took its error, as
    /// CPython's shield lets go of the inner task when the outer is cancelled: an error is
    /// reported as never retrieved.
    fn shielded_done(self: &Rc<Self>, inner: &PyTask) {
        let state = inner.state.borrow().clone();
        if !self.done() {
            if matches!(state, State::Failed(_)) {
                inner.retrieved.set(true);
            }
            let state = match state {
                State::Cancelled(_) => State::Cancelled(cancelled_error()),
                other => other,
            };
            let _ = self.set_outcome(state);
        }
    }

    /// Its type's name: a gather's future and a plain future are no tasks.
    pub fn type_name(&self) -> &'static str {
        match (&self.gathering, &self.plain) {
            (Some(_), _) => "_GatheringFuture",
            (_, Some(_)) => "Future",
            _ => "Task",
        }
    }

    /// Whether it was made for the event loop that runs now (see `event_loop`).
    pub fn same_loop(&self) -> bool {
        self.out.upgrade().is_none_or(|out| out.event_loop.get() == self.event_loop)
    }

    /// Whether it runs a coroutine of its own (a task), not only waits for an outcome (a future).
    pub(super) fn runs_coro(&self) -> bool {
        self.gathering.is_none() && self.plain.is_none()
    }

    /// A plain future's `set_result` / `set_exception` / `cancel`: CPython's "invalid state"
    /// once done. (Only a plain future has these; its interpreter is gone once the run is.)
    pub(super) fn set_outcome(self: &Rc<Self>, state: State) -> PyResult {
        let Some(interp) = self.plain.as_ref().and_then(Weak::upgrade) else {
            return raise("RuntimeError", "Event loop is closed");
        };
        if self.done() {
            return raise("InvalidStateError", "invalid state");
        }
        waking_because(WakeCause::Channel, || self.settle(&interp, state));
        Ok(Value::None)
    }

    /// The script's own task, done with one `asyncio.run`'s coroutine, runs the next one's.
    pub(super) fn reopen(&self) {
        *self.state.borrow_mut() = State::Pending;
        self.retrieved.set(false);
    }

    /// Whether it has ended.
    pub fn done(&self) -> bool {
        !matches!(*self.state.borrow(), State::Pending)
    }

    /// `task.cancel()`: asks for a `CancelledError` at its current (or next) `await`. False
    /// if it has ended.
    pub fn cancel(self: &Rc<Self>) -> bool {
        self.cancel_with(None)
    }

    /// `task.cancel(msg)`: the `CancelledError` raised in it carries `msg`. A plain future is
    /// cancelled at once: what awaits it gets the `CancelledError`.
    pub fn cancel_with(self: &Rc<Self>, message: Option<Value>) -> bool {
        // Asked to cancel once done: its exception is no longer logged as never retrieved, as
        // CPython's `cancel()` clears `_log_traceback` first. (A pending task that fails all
        // the same, one whose `asyncio.timeout` expired, is logged: its `set_exception` sets
        // it again.)
        if self.done() {
            self.retrieved.set(true);
        }
        if self.plain.is_some() {
            let e = raised(new_exception(exc_class("CancelledError"), message.into_iter().collect()));
            return self.set_outcome(State::Cancelled(e)).is_ok();
        }
        if let Some(g) = &self.gathering {
            // As `_GatheringFuture.cancel`: its children are cancelled; it is done when they are.
            if self.done() {
                return false;
            }
            let mut any = false;
            for t in &g.children {
                any |= t.cancel_with(message.clone());
            }
            self.cancel_requested.set(self.cancel_requested.get() || any);
            return any;
        }
        // As CPython's `Task.cancel`: a task suspended awaiting another task (or a gather)
        // cancels that one at once and stays suspended until it ends, and the cancel reaches
        // it as that one's outcome (a task that ignores its cancel gives its result).
        let awaited = match &*self.awaiting.borrow() {
            Awaited::Task(t) => t.upgrade(),
            _ => None,
        };
        if let Some(t) = awaited.filter(|t| !self.done() && !t.waits_on(self)) {
            if t.cancel_with(message.clone()) {
                self.cancels.set(self.cancels.get() + 1);
                return true;
            }
        }
        if !self.ask_cancel(message) {
            return false;
        }
        let waker = self.waker.borrow().clone();
        if let Some(w) = waker {
            w.wake();
        }
        true
    }

    /// Whether it awaits `other`, itself or through the tasks it awaits (a gather through its
    /// children): tasks that await each other in a ring (a deadlock, a task awaiting a gather
    /// of itself) take a cancel where they stand, not round the ring. Past 100,000 tasks looked
    /// at, it is taken not to (a ring not through `other` is walked no further).
    pub(super) fn waits_on(&self, other: &PyTask) -> bool {
        let mut todo = self.awaited_tasks();
        for _ in 0..100_000 {
            let Some(t) = todo.pop() else { return false };
            if std::ptr::eq(&*t, other) {
                return true;
            }
            todo.extend(t.awaited_tasks());
        }
        false
    }

    /// The tasks it awaits directly: a gather's children, or the task its coroutine awaits.
    fn awaited_tasks(&self) -> Vec<Rc<PyTask>> {
        match (&self.gathering, &*self.awaiting.borrow()) {
            (Some(g), _) => g.children.clone(),
            (None, Awaited::Task(t)) => t.upgrade().into_iter().collect(),
            _ => Vec::new(),
        }
    }

    /// A cancel asked for, with no wake (the task itself asks it, its timeout being due).
    pub(super) fn ask_cancel(&self, message: Option<Value>) -> bool {
        if self.done() {
            return false;
        }
        // The last cancel's message, unless the first one found the task waiting: CPython's
        // waiter is then cancelled with the first message, and a later one changes nothing.
        if !self.cancel_requested.replace(true) {
            self.waiter_cancelled.set(!matches!(*self.awaiting.borrow(), Awaited::Nothing));
            *self.cancel_message.borrow_mut() = message;
        } else if !self.waiter_cancelled.get() {
            *self.cancel_message.borrow_mut() = message;
        }
        self.cancels.set(self.cancels.get() + 1);
        true
    }

    pub(super) fn finish(self: &Rc<Self>, interp: &Rc<Interp>, out: PyResult) {
        let state = match out {
            Ok(v) => State::Done(v),
            Err(e) if is_cancelled_error(&e) => State::Cancelled(e),
            Err(e) => State::Failed(e),
        };
        self.settle(interp, state);
    }

    /// Its outcome is known: what waits on it is woken, its gathers told, its callbacks called soon.
    fn settle(self: &Rc<Self>, interp: &Rc<Interp>, state: State) {
        if let State::Failed(Value::Instance(e)) = &state {
            self.tb_frames.set(e.traceback.borrow().len());
        }
        if matches!(state, State::Failed(_)) {
            let mut failed = interp.host.failed.borrow_mut();
            failed.push(Rc::downgrade(self));
            if crate::host::prune_now(failed.len(), 64) {
                failed.retain(|t| t.strong_count() > 0); // those freed already said their part
            }
        }
        *self.state.borrow_mut() = state;
        DONE_SEQ.with(|s| {
            s.set(s.get() + 1);
            self.done_seq.set(s.get());
        });
        // Each called soon, in the order they came, as CPython's loop calls them (the
        // script's functions next to each other in one step): a gather, a shield, `wait` or a
        // TaskGroup learns of the end a loop round later, and its awaiter runs one more
        // round later, as in CPython.
        let mut soon = Vec::new();
        let callbacks = std::mem::take(&mut *self.callbacks.borrow_mut());
        for c in callbacks {
            if !matches!(c, Callback::Py(_)) && !soon.is_empty() {
                call_soon(interp, self, std::mem::take(&mut soon));
            }
            match c {
                Callback::Py(f) => soon.push(f),
                Callback::Wake(w) => w.wake(), // the awaiter's step: its place in line is the call's
                Callback::Shield(outer) => {
                    let inner = Rc::clone(self);
                    runtime::call_soon(move || outer.shielded_done(&inner));
                }
                Callback::Gather(g) => {
                    let (interp, child) = (Rc::clone(interp), Rc::clone(self));
                    runtime::call_soon(move || g.upgrade().iter().for_each(|g| g.tell_gather(&interp, &child)));
                }
                Callback::Then(_, f) => {
                    let child = Rc::clone(self);
                    runtime::call_soon(move || f(&child));
                }
            }
        }
        if !soon.is_empty() {
            call_soon(interp, self, soon);
        }
    }

    /// A gather (`self`) is told that its child ended; done, the run's host lets go of it.
    fn tell_gather(self: &Rc<Self>, interp: &Rc<Interp>, child: &Rc<PyTask>) {
        self.child_done(interp, Some(child));
        // Held until every child has told it, as CPython's children's callbacks hold it: a
        // gather nobody awaited logs its exception when the last child ends, not when it fails.
        let told = self.gathering.as_ref().is_none_or(|g| g.untold.get() == 0);
        if self.done() && told {
            interp.host.release_gather(self);
        }
    }

    /// A gather (`self`, its future) is told that its child `child` ended, as CPython's
    /// `_done_callback`; or, with `None`, that it has no children.
    fn child_done(self: &Rc<Self>, interp: &Rc<Interp>, child: Option<&Rc<PyTask>>) {
        let Some(g) = &self.gathering else { return };
        if child.is_some() {
            g.untold.set(g.untold.get().saturating_sub(1));
        }
        if self.done() {
            g.children.iter().for_each(|t| t.retrieved.set(true));
            return;
        }
        if !g.return_exceptions {
            let failed_of = |t: &Rc<PyTask>| match &*t.state.borrow() {
                State::Failed(e) => Some(e.clone()),
                _ => None,
            };
            let failed_of = |t: &Rc<PyTask>| if t.cancelled() { Some(t.take_cancelled_error()) } else { failed_of(t) };
            if let Some(e) = child.and_then(failed_of) {
                g.children.iter().for_each(|t| t.retrieved.set(true));
                return self.settle(interp, State::Failed(e));
            }
        }
        if g.untold.get() > 0 {
            return;
        }
        g.children.iter().for_each(|t| t.retrieved.set(true));
        if self.cancel_requested.get() {
            // Cancelled, whatever `return_exceptions` says; still not `cancelled()`, as in CPython.
            let e = match g.children.last() {
                Some(t) if t.cancelled() => t.take_cancelled_error(),
                _ => cancelled_error(),
            };
            return self.settle(interp, State::Failed(e));
        }
        let results = g.children.iter().map(|t| match &*t.state.borrow() {
            State::Done(v) | State::Failed(v) => v.clone(),
            // A new one, as CPython's gather makes: a future's message, or '' (a task keeps
            // none once its cancellation is done).
            State::Cancelled(e) => {
                let args = match e {
                    Value::Instance(i) if !t.runs_coro() && !exception_args(i).is_empty() => exception_args(i),
                    _ => vec![Value::str("")],
                };
                new_exception(exc_class("CancelledError"), args)
            }
            State::Pending => Value::None,
        });
        self.settle(interp, State::Done(Value::list(results.collect())));
    }

    /// Ends the task from inside its last poll; one that ends cancelled is cancelled on the
    /// runtime too, which then records a cancel and no finish.
    pub(super) fn end(self: &Rc<Self>, interp: &Rc<Interp>, out: PyResult) {
        self.finish(interp, out);
        if matches!(*self.state.borrow(), State::Cancelled(_)) {
            let handle = self.handle.borrow_mut().take(); // the borrow ends before the cancel
            if let Some(h) = handle {
                h.abort();
            }
        }
    }

    /// Whether it ended cancelled.
    pub fn cancelled(&self) -> bool {
        matches!(*self.state.borrow(), State::Cancelled(_))
    }

    /// The `CancelledError` that retrieving its outcome raises (it ended cancelled). As CPython's
    /// `_make_cancelled_error`: a task hands out the one raised in it once, then new ones with
    /// no message; a future, one with its cancel's message each time.
    pub fn take_cancelled_error(&self) -> Value {
        let mut state = self.state.borrow_mut();
        match &mut *state {
            State::Cancelled(e) if self.runs_coro() => std::mem::replace(e, cancelled_error()),
            State::Cancelled(e) => e.clone(),
            _ => cancelled_error(),
        }
    }

    /// Its outcome as an `await` sees it (marking an exception retrieved).
    pub fn outcome(&self) -> PyResult {
        if self.cancelled() {
            return Err(self.take_cancelled_error());
        }
        match &*self.state.borrow() {
            State::Pending | State::Cancelled(_) => raise("InvalidStateError", "Result is not set."),
            State::Done(v) => Ok(v.clone()),
            State::Failed(e) => {
                self.retrieved.set(true);
                if let Value::Instance(i) = e {
                    if self.result_taken.replace(true) {
                        i.restart_traceback();
                    }
                    // Raised anew where it is awaited: that frame goes in front of its
                    // traceback again, even if it passed there before (a gather of a task
                    // whose error was caught in the same function).
                    i.tb_scope.set(0);
                }
                Err(e.clone())
            }
        }
    }

    /// Tells the trace what the current task now waits on: this task's lane, or, for a plain
    /// future (no lane), a wake as by a queue or an event.
    pub(super) fn note_waited(&self) {
        match self.plain {
            Some(_) if self.thread.get() == 0 => waiting_on(WakeCause::Channel, 0),
            Some(_) => waiting_on(WakeCause::Task, self.thread.get()),
            None => waiting_on(WakeCause::Task, self.runtime_id.get()),
        }
    }

    /// Adds `then` (see [`Callback::Then`]) to what it calls as it ends, once; done already,
    /// it calls `then` soon, as CPython's `add_done_callback` does.
    pub(super) fn then(self: &Rc<Self>, name: &'static str, then: &OnDone) {
        if self.done() {
            let (me, then) = (Rc::clone(self), Rc::clone(then));
            return runtime::call_soon(move || then(&me));
        }
        let mut w = self.callbacks.borrow_mut();
        if !w.iter().any(|c| matches!(c, Callback::Then(_, f) if Rc::ptr_eq(f, then))) {
            w.push(Callback::Then(name, Rc::clone(then)));
        }
    }

    /// Removes `then` from what it calls as it ends (CPython's `remove_done_callback`).
    pub(super) fn forget(&self, then: &OnDone) {
        self.callbacks.borrow_mut().retain(|c| !matches!(c, Callback::Then(_, f) if Rc::ptr_eq(f, then)));
    }

    pub(super) fn wait_on(&self, cx: &Context<'_>) {
        let mut w = self.callbacks.borrow_mut();
        if !w.iter().any(|c| matches!(c, Callback::Wake(x) if x.will_wake(cx.waker()))) {
            w.push(Callback::Wake(cx.waker().clone()));
        }
    }

    /// `repr(task)`, as CPython's: its state, name, coroutine and what it waits for, then
    /// its outcome or callbacks.
    pub fn repr(&self) -> String {
        self.repr_awaited(false)
    }

    /// Its `repr`; `awaited`: as the `wait_for` of a task awaiting it (a gather's awaiter
    /// waits on its children, CPython's on the gather: it is one of its callbacks).
    fn repr_awaited(&self, awaited: bool) -> String {
        let state = self.state.borrow();
        let pending = matches!(*state, State::Pending);
        let mut info = match &*state {
            State::Pending if self.cancels.get() > 0 => "cancelling".to_string(),
            State::Pending => "pending".to_string(),
            State::Cancelled(_) => "cancelled".to_string(),
            _ => "finished".to_string(),
        };
        if self.runs_coro() {
            let line = self.frame.borrow().upgrade().map_or(0, |s| s.line.get());
            let coro = match pending {
                true => format!("running at main.py:{}", if line > 0 { line } else { self.coro_line.get() }),
                false => format!("done, defined at main.py:{}", self.coro_line.get()),
            };
            info += &format!(
                " name={} coro=<{}() {coro}>",
                Value::str(&self.name.borrow()).repr(),
                self.coro_name.borrow()
            );
            let running = current().is_some_and(|t| std::ptr::eq(&*t, self));
            match (&*self.awaiting.borrow(), pending && !running) {
                (Awaited::Future, true) if self.cancel_requested.get() => info += " wait_for=<Future cancelled>",
                (Awaited::Future, true) => info += " wait_for=<Future pending cb=[Task.task_wakeup()]>",
                (Awaited::Woken(result), true) => info += &format!(" wait_for=<Future finished result={result}>"),
                (Awaited::Task(t), true) => {
                    info += &t.upgrade().map_or(String::new(), |t| format!(" wait_for={}", t.repr_awaited(true)))
                }
                _ => {}
            }
        }
        match &*state {
            State::Done(v) => info += &format!(" result={}", short_repr(v)),
            State::Failed(e) => info += &format!(" exception={}", e.repr()),
            _ => {}
        }
        let mut cbs: Vec<String> = self
            .callbacks
            .borrow()
            .iter()
            .map(|c| match c {
                Callback::Py(f) => callback_text(f, ""),
                Callback::Gather(_) => "gather.<locals>._done_callback()".into(),
                Callback::Shield(_) => "shield.<locals>._inner_done_callback()".into(),
                Callback::Wake(_) => "Task.task_wakeup()".into(),
                Callback::Then(name, _) => format!("{name}()"),
            })
            .collect();
        if awaited && self.gathering.is_some() && cbs.is_empty() {
            cbs.push("Task.task_wakeup()".into());
        }
        match cbs.len() {
            0 => {}
            1 | 2 => info += &format!(" cb=[{}]", cbs.join(", ")),
            n => info += &format!(" cb=[{}, <{} more>, {}]", cbs[0], n - 2, cbs[n - 1]),
        }
        format!("<{} {info}>", self.type_name())
    }
}

/// `reprlib.repr(v)`, as CPython shows a result or a callback's arguments: strings and other
/// long reprs cut in the middle, at most 6 items of a list, tuple or set and 4 of a dict (keys
/// and set items sorted when they can be), 6 levels deep.
pub(super) fn short_repr(v: &Value) -> String {
    reprlib(v, 6)
}

/// `reprlib.Repr.repr1` at `level`, by the value's type as reprlib picks its method.
fn reprlib(v: &Value, level: u32) -> String {
    let iterable = |open: &str, items: Vec<Value>, close: &str, trail: &str| {
        let n = items.len();
        let inner = if level == 0 && n > 0 {
            "...".to_string()
        } else {
            let mut parts: Vec<String> = items.iter().take(6).map(|x| reprlib(x, level.saturating_sub(1))).collect();
            if n > 6 {
                parts.push("...".into());
            }
            parts.join(", ")
        };
        format!("{open}{inner}{}{close}", if n == 1 { trail } else { "" })
    };
    match v {
        Value::Str(s) => {
            let shown = Value::string(s.chars().take(30).collect()).repr();
            if shown.chars().count() <= 30 {
                return shown;
            }
            // reprlib's `repr_str`: the repr of the ends, then cut 13 + 14 characters of it.
            let n = s.chars().count();
            let kept: String = s.chars().take(13).chain(s.chars().skip(n.saturating_sub(14))).collect();
            middle(&Value::string(kept).repr(), 30)
        }
        Value::Int(_) => cut(v.repr(), 40),
        Value::List(l) => iterable("[", l.borrow().to_vec(), "]", ""),
        Value::Tuple(t) => iterable("(", t.to_vec(), ")", ","),
        Value::Set(d) if d.borrow().is_empty() => "set()".into(),
        Value::Set(d) => iterable("{", possibly_sorted(d.borrow().set_order()), "}", ""),
        Value::Dict(d) if v.class().name.as_ref() == "dict" => {
            let d = d.borrow();
            match (d.len(), level) {
                (0, _) => return "{}".into(),
                (_, 0) => return "{...}".into(),
                _ => {}
            }
            let keys = possibly_sorted(d.keys());
            let mut parts = Vec::new();
            for k in keys.iter().take(4) {
                let value = k.key().ok().and_then(|key| d.get(&key)).unwrap_or(Value::None);
                parts.push(format!("{}: {}", reprlib(k, level - 1), reprlib(&value, level - 1)));
            }
            if d.len() > 4 {
                parts.push("...".into());
            }
            format!("{{{}}}", parts.join(", "))
        }
        // `repr_instance`: a `__repr__` that raises shows the class and the address.
        Value::Instance(i) => match crate::value::repr_or_none(v) {
            Some(text) => cut(text, 30),
            None => format!("<{} instance at {:#x}>", i.class.name, v.identity()),
        },
        _ => cut(v.repr(), 30),
    }
}

/// reprlib's `_possibly_sorted`: the items sorted if they all order, else as they are.
fn possibly_sorted(items: Vec<Value>) -> Vec<Value> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    let mut orderable = true;
    crate::builtins::sort_stable(&mut order, &mut |a, b| match crate::builtins::order(&items[a], &items[b]) {
        Some(o) => o == Some(std::cmp::Ordering::Less),
        None => {
            orderable = false;
            false
        }
    });
    match orderable {
        true => order.into_iter().map(|i| items[i].clone()).collect(),
        false => items,
    }
}

impl PyTask {
    /// `asyncio.run`'s shutdown cancelled it and it ended with an error instead: CPython's
    /// loop reports that through its exception handler.
    pub(super) fn report_shutdown_error(&self) {
        let failed = match &*self.state.borrow() {
            State::Failed(e) => Some(e.clone()),
            _ => None,
        };
        if let (Some(e), Some(out)) = (&failed, self.out.upgrade()) {
            crate::host::note_error_line(out.run.get(), e, false);
            let text = format!(
                "unhandled exception during asyncio.run() shutdown\ntask: {}\n{}",
                self.repr(),
                out.traceback(e)
            );
            out.asyncio_error(&text, Some(("unhandled exception during asyncio.run() shutdown", e)));
        }
    }
}

/// The context asyncio gives an exception handler: the error's message and exception, and
/// what it came from (`("handle", h)` for a callback's).
pub(super) fn exception_context(message: &str, e: &Value, from: Option<(&str, Value)>) -> Value {
    let mut d = Dict::default();
    for (k, v) in [("message", Value::str(message)), ("exception", e.clone())].into_iter().chain(from) {
        let k = Value::str(k);
        if let Ok(key) = k.key() {
            d.insert(key, k, v);
        }
    }
    Value::dict(d)
}

/// An error asyncio reports while a script's handler is set (`loop.set_exception_handler`):
/// the handler is called at once with the loop and the context (what it raises is dropped).
/// False if none is set, or no loop runs to call it (then the error is logged as by default,
/// where CPython would call the handler).
pub fn handle_exception(message: &str, e: &Value) -> bool {
    let Some(interp) = running_or_last().filter(|i| i.host.loop_running.get() > 0) else { return false };
    let Some(handler) = interp.host.exception_handler.borrow().clone() else { return false };
    // Called at once, as CPython's `call_exception_handler` calls it.
    let context = exception_context(message, e, None);
    if let Err(failed) = interp.call_sync(handler, vec![interp.host.event_loop.clone(), context.clone()]) {
        handler_failed(&interp.host.out, &context.repr(), &failed);
    }
    true
}

/// A script's exception handler raised `e` on `context` (its repr): the loop's default
/// handler logs it, as CPython's `call_exception_handler` has it do, and the loop goes on.
pub(super) fn handler_failed(out: &crate::host::Output, context: &str, e: &Value) {
    let text = format!("Unhandled error in exception handler\ncontext: {context}\n{}", out.traceback(e));
    out.asyncio_error(&text, None);
}

/// As the program ends: a task still pending on a closed loop that the script's variables no
/// longer reach is one CPython's collector finds as it exits, and its loop logs "Task was
/// destroyed but it is pending!" with the task, its coroutine closed by then. A task a global
/// still reaches, or one on a loop left open, goes without a word, as there.
pub fn report_abandoned(interp: &Interp) {
    if !interp.host.loop_closed.get() {
        return;
    }
    let held = held_tasks(interp.globals.borrow().values().cloned().collect());
    for t in interp.host.live_tasks() {
        if t.runs_coro() && !t.is_thread && !held.contains(&Rc::as_ptr(&t)) {
            let repr = t.repr();
            let repr = match repr.split_once(" running at main.py:") {
                Some((head, tail)) => {
                    let tail = tail.trim_start_matches(|c: char| c.is_ascii_digit());
                    format!("{head} done, defined at main.py:{}{tail}", t.coro_line.get())
                }
                None => repr,
            };
            interp.host.out.at_exit(format!("Task was destroyed but it is pending!\ntask: {repr}"));
        }
    }
}

/// The tasks `roots` reach through lists, tuples, dicts, sets and instances' attributes (a
/// few thousand objects at most: past them it counts what it saw).
fn held_tasks(mut todo: Vec<Value>) -> Vec<*const PyTask> {
    let (mut held, mut seen) = (Vec::new(), 0);
    while let Some(v) = todo.pop() {
        seen += 1;
        if seen > 4096 {
            break;
        }
        match v {
            Value::Task(t) => held.push(Rc::as_ptr(&t)),
            Value::List(l) => todo.extend(l.borrow().iter().cloned()),
            Value::Tuple(t) => todo.extend(t.iter().cloned()),
            Value::Dict(d) | Value::Set(d) => d.borrow().iter().for_each(|(k, v)| todo.extend([k.clone(), v.clone()])),
            Value::Instance(i) => i.held(&mut |v| todo.push(v.clone())),
            _ => {}
        }
    }
    held
}

/// The program has ended, its globals freed: a failed task whose exception nobody retrieved and
/// that is still alive is held in a cycle (its exception holds it), which CPython's collector
/// frees as the interpreter exits, logging it then. So it is logged here.
pub fn report_failed_in_cycles(host: &crate::host::Host) {
    let failed = std::mem::take(&mut *host.failed.borrow_mut());
    for task in failed.iter().filter_map(Weak::upgrade) {
        task.report_never_retrieved();
        task.retrieved.set(true);
        // Its error let go of, as the collector frees the cycle: nothing of it is kept.
        let error = std::mem::replace(&mut *task.state.borrow_mut(), State::Done(Value::None));
        drop(error);
    }
}

impl Drop for PyTask {
    /// CPython logs a task's exception nobody retrieved when the task is collected; an `Rc`
    /// is dropped at the same moment a CPython object is.
    fn drop(&mut self) {
        self.report_never_retrieved();
    }
}

impl PyTask {
    /// CPython's "Task exception was never retrieved" log, if it failed and nobody asked.
    fn report_never_retrieved(&self) {
        if let (State::Failed(e), false) = (&*self.state.borrow(), self.retrieved.get()) {
            // Its traceback as it failed (see `tb_frames`), the outer frames added since left out.
            // (Recorded with CPython: a `SystemExit` that left the program is logged so; a
            // `KeyboardInterrupt` with the frames it passed, its traceback printed first.)
            let later = match e {
                Value::Instance(i) if i.class.is_subclass(&crate::value::exc_class("SystemExit")) => {
                    let mut tb = i.traceback.borrow_mut();
                    let added = tb.len().saturating_sub(self.tb_frames.get());
                    tb.drain(..added).collect()
                }
                _ => Vec::new(),
            };
            if let Some(out) = self.out.upgrade() {
                crate::host::note_error_line(out.run.get(), e, false);
            }
            if let (Some(out), false) = (self.out.upgrade(), self.runs_coro()) {
                let text = format!(
                    "{} exception was never retrieved\nfuture: {}\n{}",
                    self.type_name(),
                    self.repr(),
                    out.traceback(e)
                );
                let message = format!("{} exception was never retrieved", self.type_name());
                out.asyncio_error(&text, Some((&message, e)));
            } else if let Some(out) = self.out.upgrade() {
                let name = self.name.borrow().clone();
                let coro = self.coro_name.borrow().clone();
                out.never_retrieved(&name, &coro, self.coro_line.get(), e);
            }
            if let Value::Instance(i) = e {
                i.traceback.borrow_mut().splice(..0, later);
            }
        }
    }
}

/// Most evaluations nested in one frame of a task (see [`InFrame`]). Each one is a poll inside
/// a poll on the browser's own call stack, which is about 1 MB and cannot be grown from wasm:
/// past it the browser throws out of the loop. Measured in the test build (opt-level 1):
/// `f(n - 1) + 1`, three nested evaluations a call, overflowed between 500 and 700 calls. An
/// expression nested this deep, or a recursion in a built-in's call (`sorted(key=…)`), gets
/// its `RecursionError` here.
pub const NESTED_LIMIT: u32 = 1_200;

/// Nested evaluations after which a Python call runs in a frame of its own (see [`InFrame`]):
/// a third of [`NESTED_LIMIT`], about 130 calls of `f(n - 1) + 1`.
const FRAME_AFTER: u32 = NESTED_LIMIT / 3;

/// An evaluation nested in the current task, counted while it lives (see [`NESTED_LIMIT`]).
pub struct Nested(Option<Rc<PyTask>>);

impl Nested {
    /// Counts one more nested evaluation, or raises `RecursionError` past the limit.
    pub fn enter() -> PyResult<Nested> {
        let task = current();
        if let Some(t) = &task {
            let n = t.nested.get() + 1;
            if n.saturating_sub(t.frame_base.get()) > NESTED_LIMIT {
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

/// How many frames the current task has (see [`InFrame`]): a generator's body that returns
/// `Pending` with more than it began with waits for a call, not for the loop.
pub fn frame_count() -> usize {
    CURRENT.with(|c| c.borrow().as_ref().map_or(0, |t| t.frames.borrow().len()))
}

/// A body in a frame of its own: its outcome, once the task's driver has it.
type Slot = Rc<RefCell<Option<PyResult<Flow>>>>;

/// A Python call a task runs on a stretch of the native stack of its own.
struct Frame {
    body: LocalBoxFuture<'static, PyResult<Flow>>,
    slot: Slot,
    /// The `frame_base` of the frame below it, its task's again once it is done.
    below_base: u32,
}

/// A Python call whose body runs in a frame of its own, for a recursion as deep as CPython's.
///
/// A call's body is a future polled inside its caller's, so each Python call nests a few polls
/// on the browser's call stack, which holds only a few hundred calls (see [`NESTED_LIMIT`]).
/// Past [`FRAME_AFTER`] nested evaluations, a call's body goes on its task's stack of frames
/// instead, and the caller waits for its outcome: the task's future polls the innermost frame
/// from the bottom of the native stack (see [`drive`]), so however deep the recursion, the
/// native stack holds one frame's evaluations at a time. Nothing changes for the script: the
/// same task runs the same code in the same order; only where its polls sit on the native
/// stack does.
pub struct InFrame {
    task: Rc<PyTask>,
    body: Option<LocalBoxFuture<'static, PyResult<Flow>>>,
    slot: Slot,
}

impl InFrame {
    /// `task`, if its evaluations nest deep enough that a call should run in a frame of its
    /// own. Not `inside` a built-in's call of a script's function (`sorted(key=…)`), which
    /// cannot wait for a frame: it is polled once, where it stands. (A generator whose body
    /// waits for a frame stays running meanwhile: see its `Calling` state.)
    pub fn needed(task: &Option<Rc<PyTask>>, inside: bool) -> Option<Rc<PyTask>> {
        task.as_ref().filter(|t| !inside && t.nested.get().saturating_sub(t.frame_base.get()) > FRAME_AFTER).cloned()
    }

    /// Runs `body` in a frame of `task`'s.
    pub fn new(task: Rc<PyTask>, body: LocalBoxFuture<'static, PyResult<Flow>>) -> InFrame {
        InFrame { task, body: Some(body), slot: Slot::default() }
    }
}

impl Future for InFrame {
    type Output = PyResult<Flow>;
    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<PyResult<Flow>> {
        let this = &mut *self;
        if let Some(body) = this.body.take() {
            let below_base = this.task.frame_base.replace(this.task.nested.get());
            this.task.frames.borrow_mut().push(Frame { body, slot: Rc::clone(&this.slot), below_base });
        }
        // Its caller is polled again only once the frame is done (see `drive`).
        match this.slot.borrow_mut().take() {
            Some(out) => Poll::Ready(out),
            None => Poll::Pending,
        }
    }
}

impl Drop for InFrame {
    /// A caller gone before its callee's frame is done (its task was dropped mid-run) takes the
    /// frame, and those above it, with it.
    fn drop(&mut self) {
        let gone = {
            let mut frames = self.task.frames.borrow_mut();
            match frames.iter().position(|f| Rc::ptr_eq(&f.slot, &self.slot)) {
                Some(at) => frames.split_off(at),
                None => return,
            }
        };
        let below_base = gone[0].below_base;
        drop(gone);
        self.task.frame_base.set(below_base);
    }
}

/// Polls a task's future: its innermost frame first, then, as each is done, the caller it
/// tells, until a frame or the root waits (see [`InFrame`]).
fn drive(task: &PyTask, root: &mut LocalBoxFuture<'static, PyResult>, cx: &mut Context<'_>) -> Poll<PyResult> {
    loop {
        let top = task.frames.borrow_mut().pop();
        let Some(mut frame) = top else {
            let poll = root.as_mut().poll(cx);
            if poll.is_ready() || task.frames.borrow().is_empty() {
                return poll;
            }
            continue;
        };
        let below = task.frames.borrow().len();
        match frame.body.as_mut().poll(cx) {
            Poll::Ready(out) => {
                *frame.slot.borrow_mut() = Some(out);
                task.frame_base.set(frame.below_base);
                drop(frame);
            }
            Poll::Pending => {
                let mut frames = task.frames.borrow_mut();
                let called = frames.len() > below;
                frames.insert(below, frame);
                if !called {
                    return Poll::Pending;
                }
            }
        }
    }
}

/// Whether `e` is an `asyncio.CancelledError`.
pub fn is_cancelled_error(e: &Value) -> bool {
    e.class().is_subclass(&exc_class("CancelledError"))
}

pub(super) fn cancelled_error() -> Exc {
    raised(new_exception(exc_class("CancelledError"), vec![]))
}

/// The `CancelledError` a cancel of `task` raises in it: with the cancel's message, if any.
pub(super) fn cancelled_error_in(task: &PyTask) -> Exc {
    let e = raised(new_exception(
        exc_class("CancelledError"),
        task.cancel_message.borrow_mut().take().into_iter().collect(),
    ));
    // Thrown into the task's frame, which may be handling an exception (an `except` block's
    // `await`): that one is its context from the start, as CPython's throw chains it.
    let context = task.cancel_context.borrow_mut().take().or_else(|| task.handling.borrow().last().cloned());
    if let (Value::Instance(i), Some(context)) = (&e, context) {
        *i.context.borrow_mut() = Some(context);
    }
    e
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
        // A task made for another event loop than the one running (made at the module's
        // level, then `asyncio.run` made a new loop) waits, untouched, as CPython's never
        // runs: until its own loop runs, if ever.
        // (Its loop compared with the interpreter's own: no upgrade of `out` on every poll.)
        if this.task.event_loop != this.interp.host.out.event_loop.get()
            && this.task.runs_coro()
            && !this.task.is_root.get()
        {
            this.interp.host.parked.borrow_mut().push((this.task.event_loop, cx.waker().clone()));
            return Poll::Pending;
        }
        if !this.started {
            this.started = true;
            let id = runtime::current().map_or(0, |(t, _)| t);
            this.task.runtime_id.set(id);
            crate::host::register_task(id, &this.task);
            this.lines = Some(crate::lines::task(this.interp.host.out.run.get(), id));
            if !this.task.is_loop.get() {
                // CPython's frames under its coroutine in the loop that runs it (see
                // `loop_depth`); a worker thread's are 6.
                this.task.depth.set(if this.task.is_thread { 6 } else { this.interp.host.loop_depth.get() });
            }
            if this.task.cancel_requested.replace(false) {
                // Cancelled before it ever ran: CPython throws the error into its coroutine,
                // which raises it at its `def` line without running a line of its body.
                let e = cancelled_error_in(&this.task);
                let line = this.task.coro_line.get();
                if let (Value::Instance(i), true) = (&e, line > 0) {
                    let name: Rc<str> = this.task.coro_name.borrow().rsplit('.').next().unwrap_or_default().into();
                    i.traceback.borrow_mut().push((line, name, Span::default()));
                }
                this.task.end(&this.interp, Err(e));
                return Poll::Ready(());
            }
        }
        {
            let mut waker = this.task.waker.borrow_mut();
            if !waker.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
                *waker = Some(cx.waker().clone());
            }
        }
        // A `SystemExit` or `KeyboardInterrupt` is leaving the loop: CPython's loop leaves at
        // once, so the tasks' steps due in the same round are not taken. The task waits (with
        // its awaiting unchanged) until it is raised, or `asyncio.run` cancels the task. (A
        // callback's lane is let run: asyncio.run's cancelling needs the done callbacks.)
        let host = &this.interp.host;
        if host.escaped.borrow().is_some()
            && !this.task.is_root.get()
            && !this.task.is_thread
            && !this.task.is_callback()
            && !this.task.cancel_requested.get()
        {
            host.held.borrow_mut().push(cx.waker().clone());
            return Poll::Pending;
        }
        // Running, it awaits nothing; where it suspends says what it awaits.
        *this.task.awaiting.borrow_mut() = Awaited::Nothing;
        let before = CURRENT.with(|c| c.replace(Some(Rc::clone(&this.task))));
        let running_before = RUNNING.with(|r| r.replace(Some(Rc::clone(&this.interp))));
        LAST.with(|l| *l.borrow_mut() = Rc::downgrade(&this.interp));
        crate::host::poll_started();
        this.interp.poll_started();
        // (A callback's lane is a handle to CPython, not a task: not logged here.)
        let debug_from =
            (host.debug.get() && !this.task.is_thread && !this.task.is_callback()).then(|| host.lesson_secs());
        let poll = drive(&this.task, &mut this.fut, cx);
        if poll.is_pending() {
            note_line();
        }
        if let Some(lines) = &this.lines {
            this.interp.ran.end_poll(lines);
        }
        this.interp.charge_steps();
        crate::host::charge(crate::interp::SWITCH_MS);
        CURRENT.with(|c| *c.borrow_mut() = before);
        RUNNING.with(|r| *r.borrow_mut() = running_before);
        // asyncio's debug mode: a step that held the loop 0.1 s or more (its
        // `slow_callback_duration`) is logged once it ends, with the task as it is then (the
        // first step of `asyncio.run`'s coroutine counts from the loop's start).
        let slow = match debug_from.or_else(|| host.debug_step.take()) {
            Some(from) if host.debug.get() => {
                Some(host.lesson_secs() - from).filter(|took| *took >= host.slow_callback.get())
            }
            _ => None,
        };
        let outcome = match poll {
            Poll::Ready(out) => {
                // A cancel asked while it ran, which no wait met before it returned, ends it
                // cancelled, as CPython's task checks its `_must_cancel` as it ends.
                let task = &this.task;
                let out = match out {
                    Ok(_)
                        if !task.is_loop.get()
                            && !task.is_thread
                            && task.runs_coro()
                            && task.cancel_requested.get() =>
                    {
                        task.cancel_requested.set(false);
                        Err(cancelled_error_in(task))
                    }
                    out => out,
                };
                // Its lane ends raised; the page marks the line only if the error goes
                // unretrieved (see `Drop`): one a gather or a TaskGroup took was handled.
                if out.as_ref().is_err_and(|e| !is_cancelled_error(e)) {
                    runtime::raised_current();
                }
                // A task's `SystemExit` or `KeyboardInterrupt` stops the loop (CPython's
                // `Task.__step` sets it and raises it again); a thread's is its future's.
                if let (Err(e), false) = (&out, this.task.is_thread) {
                    if is_base_error(e) {
                        escape(&this.interp, e, &this.task);
                    }
                }
                this.task.end(&this.interp, out);
                Poll::Ready(())
            }
            Poll::Pending => Poll::Pending,
        };
        if let Some(took) = slow {
            let task = Value::Task(Rc::clone(&this.task)).repr();
            this.interp.host.out.asyncio_warning(&format!("Executing {task} took {took:.3} seconds"));
        }
        outcome
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
    // A task made with its name takes no `Task-N` number, as CPython's `Task(name=…)`; a
    // thread is always named. (`asyncio.create_task` names its task once made: see there.)
    let name = name.unwrap_or_else(|| interp.host.next_task_name().into());
    let task = PyTask::new(name, coro_name, is_thread, &interp.host.out);
    interp.host.track(&task);
    let tf = TaskFuture { task: Rc::clone(&task), interp: Rc::clone(interp), fut, started: false, lines: None };
    // The handle and the future hold each other until the task ends: its end drops the future.
    let handle = runtime::spawn(lane, tf);
    if is_thread {
        handle.beside_loop(); // a task holding the loop does not stop it
    }
    task.runtime_id.set(handle.id()); // known now: a gather awaiting it before its first poll names it
    *task.handle.borrow_mut() = Some(handle);
    task
}

/// The future of a script run's root task: the module's code, and the task `asyncio.run`'s
/// coroutine runs in, inline (named `Task-N` by each run: see `run`).
pub fn root(interp: &Rc<Interp>, fut: LocalBoxFuture<'static, PyResult>) -> impl Future<Output = ()> {
    let task = PyTask::new("Task-1".into(), "main".into(), false, &interp.host.out);
    task.is_loop.set(true); // a task only while it runs a coroutine (see `run`)
    task.is_root.set(true);
    task.depth.set(1); // the module's frame
    interp.host.track(&task);
    TaskFuture { task, interp: Rc::clone(interp), fut, started: false, lines: None }
}

/// Makes a task of a coroutine (`create_task`, and what `gather`/`wait_for` wrap).
pub fn task_of(interp: &Rc<Interp>, v: Value, name: Option<Rc<str>>) -> PyResult<Rc<PyTask>> {
    match v {
        // A pending one of another loop (made before `asyncio.run` made its own) given to
        // `gather`, `wait`, `shield`…: it would never end here (CPython's error).
        Value::Task(t) if !t.done() && !t.same_loop() && !t.is_root.get() && interp.host.loop_running.get() > 0 => {
            raise("RuntimeError", format!("{} is attached to a different loop", t.repr()))
        }
        Value::Task(t) => Ok(t),
        Value::Coro(c) => {
            // One awaited or closed already still makes a task, as CPython's does: it fails at
            // its first step.
            let fut = match c.take() {
                Some(fut) => runnable(fut, c.leaf),
                None => Box::pin(async { raise("RuntimeError", "cannot reuse already awaited coroutine") }),
            };
            let lane = match &name {
                Some(n) => n.to_string(),
                None => c.lane(),
            };
            let task = spawn(interp, name, Rc::clone(&c.name), lane, false, fut);
            task.coro_line.set(c.line);
            if let Some((scope, _)) = &c.call {
                *task.frame.borrow_mut() = scope.clone();
            }
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
        // A gather's awaiter is woken once, by the gather's future when it is done, as in
        // CPython; the page shows it waiting on the children not done yet.
        t.wait_on(cx);
        let pending = t.gathering.as_ref().map_or(0, |g| awaits::note_waited_on(&g.children));
        if pending == 0 {
            t.note_waited();
        }
        Poll::Pending
    })
    .await;
    t.outcome()
}

/// `s` cut to `max` characters in the middle, as `reprlib` cuts it.
fn cut(s: String, max: usize) -> String {
    match s.chars().count() <= max {
        true => s,
        false => middle(&s, max),
    }
}

/// `s` with its middle replaced by `...`, its ends kept so that it is `max` characters long
/// (reprlib's split: one more kept at the end than at the start).
fn middle(s: &str, max: usize) -> String {
    let n = s.chars().count();
    let at = |k: usize| s.char_indices().map(|(b, _)| b).chain([s.len()]).nth(k).unwrap_or(0);
    let (i, j) = ((max - 3) / 2, max - 3 - (max - 3) / 2);
    format!("{}...{}", &s[..at(i.min(n))], &s[at(n.saturating_sub(j))..])
}

/// `tasks` with each one once, as CPython's `set(fs)` has them (in their first places).
pub(super) fn unique(tasks: Vec<Rc<PyTask>>) -> Vec<Rc<PyTask>> {
    let mut out: Vec<Rc<PyTask>> = Vec::with_capacity(tasks.len());
    for t in tasks {
        if !out.iter().any(|u| Rc::ptr_eq(u, &t)) {
            out.push(t);
        }
    }
    out
}

/// `gather(...)`'s future over `children`.
pub(super) fn gathering(interp: &Rc<Interp>, children: Vec<Rc<PyTask>>, return_exceptions: bool) -> Rc<PyTask> {
    let mut gf = PyTask::make("".into(), "gather".into(), false, &interp.host.out);
    let tasks = children.clone();
    gf.gathering = Some(Gathering { children, return_exceptions, untold: Cell::new(0) });
    let gf = Rc::new(gf);
    // Each child once; one done already tells it soon, as CPython's `add_done_callback` calls
    // a done future's callback: the gather is done a round later, its awaiter one more.
    for (i, t) in tasks.iter().enumerate() {
        if tasks[..i].iter().any(|u| Rc::ptr_eq(t, u)) {
            continue;
        }
        if let Some(g) = &gf.gathering {
            g.untold.set(g.untold.get() + 1);
        }
        if t.done() {
            // Held until told, as CPython's callback holds it: a gather dropped at once still
            // takes its child's exception.
            let (gather, interp, child) = (Rc::clone(&gf), Rc::clone(interp), Rc::clone(t));
            runtime::call_soon(move || gather.tell_gather(&interp, &child));
        } else {
            t.callbacks.borrow_mut().push(Callback::Gather(Rc::downgrade(&gf)));
        }
    }
    if tasks.is_empty() {
        gf.child_done(interp, None);
    }
    if !gf.done() {
        interp.host.hold_gather(&gf);
    }
    gf
}

/// Calls a finished task's done callbacks soon, as CPython's loop does: after the steps
/// already due, in order, in a step (a lane) of their own.
pub(super) fn call_soon(interp: &Rc<Interp>, task: &Rc<PyTask>, fs: Vec<Value>) {
    let arg = Value::Task(Rc::clone(task));
    call_later(interp, fs.into_iter().map(|f| (f, vec![arg.clone()])).collect(), None);
}

/// A timed callback until it runs: its timer, then, once due, its lane until that starts. Its
/// handle's `cancel()` and the loop's close abort it (see [`call_later`]); it empties itself
/// once the callback runs.
pub type Job = Rc<RefCell<Option<Pending>>>;

/// What a [`Job`] holds.
pub enum Pending {
    /// The timer of a callback not yet due.
    Timer(runtime::TimedCall),
    /// The lane of a callback that is due and has not started.
    Lane(runtime::JoinHandle<()>),
}

/// Aborts a job's callback unless it has started: clears its timer or cancels its lane.
pub fn abort(job: &Job) {
    let pending = job.borrow_mut().take(); // the borrow ends before the abort
    if let Some(Pending::Lane(lane)) = &pending {
        lane.abort();
    }
    drop(pending);
}

/// Calls each function of `calls` with its arguments, as CPython's loop runs callbacks: soon
/// (after the steps already due), or once the loop's clock reads `at` (then with the timers
/// due by then, after the steps already due, as a timer's callback joins the ready queue's
/// end). They run in a lane of their own, started when they are due. An exception in one is
/// logged, as CPython logs it, and the next still runs. The job aborts them (the lane ends
/// cancelled).
pub(super) fn call_later(interp: &Rc<Interp>, calls: Vec<(Value, Vec<Value>)>, at: Option<f64>) -> Job {
    let job: Job = Rc::default();
    let Some(at) = at else {
        interp.host.note_queued();
        *job.borrow_mut() = Some(Pending::Lane(callback_lane(interp, calls, None, &job, None)));
        return job;
    };
    let (rc, weak) = (Rc::clone(interp), Rc::downgrade(&job));
    // It runs in the context it was scheduled in (`contextvars`), as CPython's handle does.
    let vars = crate::contextvars::snapshot();
    let timer = runtime::call_at(interp.host.clock_at(at), move || {
        // Dropped meanwhile (its handle and the loop's list both gone): nothing runs.
        if let Some(job) = weak.upgrade() {
            let lane = callback_lane(&rc, calls, Some(at), &job, Some(vars));
            let spent = job.borrow_mut().replace(Pending::Lane(lane));
            drop(spent); // its timer, out of the borrow
        }
    });
    *job.borrow_mut() = Some(Pending::Timer(timer));
    let mut timers = interp.host.timers.borrow_mut();
    if crate::host::prune_now(timers.len(), 1024) {
        timers.retain(|j| j.borrow().is_some());
    }
    timers.push(Rc::clone(&job));
    job
}

/// The lane that calls `calls` (see [`call_later`]): it empties `job` as it starts. It runs
/// in `vars`, or, if `None`, in a copy of the context running now.
fn callback_lane(
    interp: &Rc<Interp>,
    calls: Vec<(Value, Vec<Value>)>,
    at: Option<f64>,
    job: &Job,
    vars: Option<crate::contextvars::Vars>,
) -> runtime::JoinHandle<()> {
    let rc = Rc::clone(interp);
    let lane = format!("callback: {}", local_name(&callback_name(&calls[0].0)));
    let started = Rc::downgrade(job);
    let runner = PyTask::new("".into(), CALLBACK.into(), false, &interp.host.out);
    let me = Rc::downgrade(&runner);
    let fut = async move {
        if let Some(job) = started.upgrade() {
            drop(job.borrow_mut().take()); // started: a cancel or the loop's close no longer stops it
        }
        let mut raised = false;
        for (f, args) in calls {
            if let Err(e) = rc.call(f.clone(), args.clone(), vec![]).await {
                // A `SystemExit` or `KeyboardInterrupt` leaves the loop, as CPython's
                // `Handle._run` lets them through.
                if is_base_error(&e) {
                    if let Some(me) = me.upgrade() {
                        escape(&rc, &e, &me);
                    }
                    break;
                }
                raised = true;
                // Raised under asyncio's own frames (`Handle._run`): its traceback has a
                // header even when no frame of main.py is in it.
                if let Value::Instance(i) = &e {
                    i.raised.set(true);
                }
                let call = callback_call(&f, &args);
                // A handle shows its callback unless it is None (`call_soon(None)`).
                let shown = if matches!(f, Value::None) { String::new() } else { format!(" {call}") };
                let handle = match at {
                    Some(at) => format!("<TimerHandle when={}{shown}>", Value::Float(at).repr()),
                    None => format!("<Handle{shown}>"),
                };
                let message = format!("Exception in callback {call}");
                let handler = rc.host.exception_handler.borrow().clone();
                if let Some(handler) = handler {
                    // As CPython's loop: the handler is called in the callback's place.
                    let (job, call) = (Rc::default(), call.clone());
                    let handle = Native::Handle { job, when: at, call, cancelled: Cell::new(false) };
                    let context = exception_context(&message, &e, Some(("handle", Value::Native(Rc::new(handle)))));
                    let args = vec![rc.host.event_loop.clone(), context];
                    let context = args[1].repr();
                    // Called inside the loop's `except`: what it raises has the callback's error as context.
                    let called = while_handling(e.clone(), rc.call(handler, args, vec![])).await;
                    if let Err(Value::Instance(new)) = &called {
                        if new.context.borrow().is_none() && !matches!(&e, Value::Instance(old) if Rc::ptr_eq(old, new))
                        {
                            *new.context.borrow_mut() = Some(e.clone());
                        }
                    }
                    if let Err(e) = called {
                        handler_failed(&rc.host.out, &context, &e);
                    }
                    continue;
                }
                let text = format!("{message}\nhandle: {handle}\n{}", rc.host.out.traceback(&e));
                rc.host.out.asyncio_error(&text, None);
            }
        }
        if raised {
            runtime::raised_current(); // the lane ends raised: the loop only logged it
        }
        Ok(Value::None)
    };
    if let Some(vars) = vars {
        *runner.vars.borrow_mut() = vars;
    }
    let tf = TaskFuture { task: runner, interp: Rc::clone(interp), fut: Box::pin(fut), started: false, lines: None };
    runtime::spawn(lane, tf)
}

/// The coroutine name of the task a callback runs in, which no script's can have: no task to
/// the script (`current_task()` in a callback is None, as in CPython).
const CALLBACK: &str = "<callback>";

impl PyTask {
    /// Whether it only runs a loop callback.
    pub fn is_callback(&self) -> bool {
        &**self.coro_name.borrow() == CALLBACK
    }
}

fn callback_name(f: &Value) -> Rc<str> {
    match f {
        Value::Func(func) => func.qualname(),
        Value::Method(m) => callback_name(&m.1),
        Value::Builtin(b) => b.name.into(),
        // As CPython's `_format_callable`: what has a `__qualname__` is named by it.
        Value::Class(c) => c.qualname(),
        Value::Coro(c) => Rc::clone(&c.name),
        other => other.repr().into(),
    }
}

/// `f(*args)` as a handle's `repr` and the loop's log show it: `yaz('soon') at main.py:8`.
pub(super) fn callback_call(f: &Value, args: &[Value]) -> String {
    let args: Vec<String> = args.iter().map(short_repr).collect();
    callback_text(f, &args.join(", "))
}

/// A callback as CPython's asyncio shows it: `on_done(args) at main.py:3` (a plain
/// function says where it is defined).
pub(super) fn callback_text(f: &Value, args: &str) -> String {
    let at = match crate::functools::unwrap_partial(f) {
        Value::Func(func) => format!(" at main.py:{}", func.def.first_line()),
        _ => String::new(),
    };
    format!("{}{at}", partial_text(f, args, String::new()))
}

/// `f(args)`, a `partial` as CPython's `_format_callback` writes it: its function with its
/// own arguments, then the call's (`on_done('a')(<Task …>)`).
fn partial_text(f: &Value, args: &str, suffix: String) -> String {
    match f {
        Value::Instance(i) if crate::functools::is_partial(i) => {
            let mut own: Vec<String> = match i.get(intern("args")) {
                Some(Value::Tuple(given)) => given.iter().map(short_repr).collect(),
                _ => Vec::new(),
            };
            if let Some(Value::Dict(given)) = i.get(intern("keywords")) {
                own.extend(given.borrow().entries().iter().map(|(k, v)| format!("{}={}", k.to_str(), short_repr(v))));
            }
            let inner = i.get(intern("func")).unwrap_or(Value::None);
            partial_text(&inner, &own.join(", "), format!("({args}){suffix}"))
        }
        // A built-in's method is named by its class too, as CPython's handle names it by its
        // `__qualname__` (`Queue.put_nowait`, `dict.pop`).
        Value::Method(m) => match (&m.0, &m.1) {
            (me, Value::Builtin(b)) if !matches!(me, Value::Module(_)) && !b.name.contains('.') => {
                format!("{}.{}({args}){suffix}", me.class().qualname(), b.name)
            }
            _ => format!("{}({args}){suffix}", callback_name(f)),
        },
        _ => format!("{}({args}){suffix}", callback_name(f)),
    }
}
