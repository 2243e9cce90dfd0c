//! The asyncio objects (queues, events, locks, semaphores, streams) and the methods of tasks and of them.

use super::*;

// ---- the asyncio objects ----

/// Objects of the asyncio module and a few of the interpreter's own (fields: their state).
#[allow(missing_docs)]
pub enum Native {
    /// `asyncio.Queue`.
    Queue(Box<Queue>),
    /// `asyncio.Event`.
    Event { set: Cell<bool>, waiters: Line },
    /// `asyncio.Lock` (`limit` 1) and `asyncio.Semaphore`.
    /// A Lock is a semaphore of 1; `bound` is a `BoundedSemaphore`'s initial value (else i64::MAX);
    /// `handed`, the units of `value` a release handed to woken waiters that have not run yet.
    Semaphore { value: Cell<i64>, handed: Cell<i64>, waiters: Line, is_lock: bool, bound: i64 },
    /// What `super()` gives: the instance (or the class, in a classmethod), and the class
    /// whose method asked, past which its resolution order is searched.
    Super(Value, Rc<Class>),
    /// What `get_event_loop()` gives.
    Loop,
    /// `random.Random(seed)`.
    Random(Box<RefCell<crate::mt::Random>>),
    /// A stream's reading end (`asyncio.StreamReader`).
    Reader(Rc<Pipe>),
    /// A stream's writing end (`asyncio.StreamWriter`).
    Writer(Rc<Pipe>),
    /// What `asyncio.start_server` gives: the address it listens on (`host:port`).
    Server(Rc<str>),
    /// What `websockets.connect` gives (see [`crate::websockets`]).
    WebSocket(crate::websockets::Connection),
    /// `asyncio.TaskGroup()`.
    TaskGroup(Group),
    /// `asyncio.timeout(delay)`.
    Timeout(Timeout),
    /// What `loop.call_soon` gives (`when`: `call_later`'s and `call_at`'s loop time): its
    /// `cancel()` takes the callback back, ending its lane cancelled.
    /// `call` is the callback as its `repr` shows it (`print('soon')`).
    Handle { job: Job, when: Option<f64>, call: String, cancelled: Cell<bool> },
    /// `asyncio.Condition(lock)`: its lock (an `asyncio.Lock`), and a future for each task in
    /// `wait()`, first come first served, as CPython keeps them.
    Condition { lock: Value, waiters: RefCell<VecDeque<Rc<PyTask>>> },
    /// `asyncio.Barrier(parties)`.
    Barrier(Barrier),
    /// `contextvars.ContextVar(name, default=…)` (see [`crate::contextvars`]).
    ContextVar { name: Rc<str>, default: Option<Value> },
    /// What `ContextVar.set` gives, for `reset`: the variable, the value it had (`None`: none).
    Token { var: Rc<Native>, old: Option<Value>, used: Cell<bool> },
    /// `contextvars.copy_context()`: its variables, and whether a `run` is inside it now.
    Context(RefCell<crate::contextvars::Vars>, Cell<bool>),
}

/// `asyncio.Barrier`, as CPython 3.11's: a condition, the tasks inside `wait()`, and whether
/// it is filling (tasks arriving), draining (the last came: they leave), resetting or broken.
pub struct Barrier {
    cond: Rc<Native>,
    parties: i64,
    count: Cell<i64>,
    state: Cell<BarrierState>,
}

#[derive(Clone, Copy, PartialEq)]
enum BarrierState {
    Filling,
    Draining,
    Resetting,
    Broken,
}

impl Barrier {
    pub(super) fn new(cond: Rc<Native>, parties: i64) -> Barrier {
        Barrier { cond, parties, count: Cell::new(0), state: Cell::new(BarrierState::Filling) }
    }
}

/// `asyncio.timeout`'s context manager, as CPython 3.11's `asyncio.Timeout`: entered, it
/// cancels its task at `when` (loop time), by a timed callback, as CPython's
/// `call_at(when, _on_timeout)`; its exit turns that cancel into `TimeoutError`.
pub struct Timeout {
    when: Cell<Option<f64>>,
    state: Cell<u8>,
    timer: RefCell<Option<runtime::TimedCall>>,
    /// Which of its armings is the current one (see [`Timeout::arm`]): an expiry on its way
    /// from an earlier one (a deadline since moved) does nothing, as CPython's cancelled
    /// handle.
    armed: Cell<u32>,
    task: RefCell<Weak<PyTask>>,
    /// The task's `cancelling()` as it entered.
    cancelling: Cell<u32>,
    interp: Weak<Interp>,
}

/// A coroutine that gives `v` at once: CPython's `async def` that never suspends, so no
/// cancel lands in it (a leaf's would).
fn at_once(name: &str, v: Value) -> Value {
    Value::Coro(Rc::new(Coro::new(leaf_name(name), Box::pin(async { Ok(v) }), false, false)))
}

const CREATED: u8 = 0;
const ENTERED: u8 = 1;
const EXPIRING: u8 = 2;
const EXPIRED: u8 = 3;
const EXITED: u8 = 4;

impl Timeout {
    pub(super) fn new(interp: &Interp, when: Option<f64>) -> Timeout {
        Timeout {
            when: Cell::new(when),
            state: Cell::new(CREATED),
            timer: RefCell::default(),
            armed: Cell::new(0),
            task: RefCell::default(),
            cancelling: Cell::new(0),
            interp: interp.host.interp(),
        }
    }

    /// Arms its expiry, entered or rescheduled (the arming before is disarmed): a callback
    /// called soon if its deadline has passed or is NaN (as CPython's `reschedule`; its loop
    /// fires a NaN deadline as due), else a timer, which its task's wait races.
    fn arm(&self, me: &Rc<Native>) {
        self.disarm();
        let (Some(when), Some(interp)) = (self.when.get(), self.interp.upgrade()) else { return };
        let left = when - interp.host.lesson_secs();
        if left <= 0.0 || left.is_nan() {
            return self.expire_soon(me);
        }
        let (me, armed) = (Rc::downgrade(me), self.armed.get());
        // Its expiry is one of the round's handles, in its place after those ready, as
        // CPython's `_on_timeout` is (a timed call runs as its round begins).
        let expiry =
            move || runtime::call_soon(move || runtime::waking_because(WakeCause::Timer, || expire(&me, armed)));
        let timer = runtime::call_at_racing(interp.host.clock_at(when), expiry);
        *self.timer.borrow_mut() = Some(timer);
    }

    /// Makes its current arming spent: its timer is cleared, and an expiry already on its way
    /// does nothing.
    fn disarm(&self) {
        self.armed.set(self.armed.get() + 1);
        let timer = self.timer.borrow_mut().take();
        drop(timer); // cleared, out of the borrow
    }

    /// Its deadline has passed: it expires by a callback called soon, which cancels its task,
    /// so that the cancel reaches what the task awaits by then.
    fn expire_soon(&self, me: &Rc<Native>) {
        let (me, armed) = (Rc::downgrade(me), self.armed.get());
        runtime::call_soon(move || expire(&me, armed));
    }
}

/// A timeout's expiry, of its arming `armed`: unless it has exited, or been given another
/// deadline since, it is expiring and cancels its task.
fn expire(me: &Weak<Native>, armed: u32) {
    let Some(me) = me.upgrade() else { return };
    let Native::Timeout(to) = &*me else { return };
    if to.state.get() != ENTERED || to.armed.get() != armed {
        return;
    }
    to.state.set(EXPIRING);
    let task = to.task.borrow().upgrade();
    if let Some(t) = task {
        t.cancel();
    }
}

/// A `TaskGroup`'s state, as CPython 3.11's `asyncio.taskgroups` keeps it: the first child
/// to fail cancels the others and, while the `async with` body still runs, the task running
/// it; leaving the block waits for every child and raises their errors as an
/// `ExceptionGroup`.
#[derive(Default)]
pub struct Group {
    tasks: RefCell<Vec<Rc<PyTask>>>,
    errors: RefCell<Vec<Value>>,
    /// The first `SystemExit` or `KeyboardInterrupt` of a child or of the body: raised alone
    /// as the block ends, as CPython's `_base_error`.
    base_error: RefCell<Option<Value>>,
    parent: RefCell<Option<Rc<PyTask>>>,
    /// Its `async with` began (and stays so after it ended, as CPython's `_entered`).
    entered: Cell<bool>,
    aborting: Cell<bool>,
    exiting: Cell<bool>,
    parent_cancel_requested: Cell<bool>,
    /// Children's errors whose report (CPython's `_on_task_done`, a callback) has not run yet.
    reports: Cell<u32>,
    /// Children whose end it has not been told of yet (CPython's `_tasks`, which a child's
    /// `_on_task_done` leaves): its block ends once it has heard from all.
    untold: Cell<u32>,
    /// The task waiting in `__aexit__` (mostly the parent; `__aexit__` may be awaited by another).
    exit_waker: RefCell<Option<Waker>>,
}

impl Group {
    /// `<TaskGroup tasks=2 errors=1 cancelling>`, as CPython's: the children it has not heard
    /// the end of, the errors they raised, whether it is cancelling them or was entered.
    fn repr(&self) -> String {
        let mut out = String::from("<TaskGroup");
        if self.untold.get() > 0 {
            out.push_str(&format!(" tasks={}", self.untold.get()));
        }
        if !self.errors.borrow().is_empty() {
            out.push_str(&format!(" errors={}", self.errors.borrow().len()));
        }
        if self.aborting.get() {
            out.push_str(" cancelling");
        } else if self.entered.get() {
            out.push_str(" entered");
        }
        out.push('>');
        out
    }

    /// Cancels every child not done (the one finishing now cancels nothing of its own).
    fn abort(&self) {
        self.aborting.set(true);
        let me = current();
        for t in self.tasks.borrow().iter() {
            if !t.done() && !me.as_ref().is_some_and(|m| Rc::ptr_eq(m, t)) {
                t.cancel();
            }
        }
    }

    /// A child's error (not a cancel), reported: kept, and the group aborts. It runs as
    /// CPython's done callback does, soon after the child ended: a child ready to run by then
    /// still runs its step first (two children failing at once both count).
    fn child_failed(&self, child: &PyTask, e: &Value) {
        self.reports.set(self.reports.get().saturating_sub(1));
        self.errors.borrow_mut().push(e.clone());
        self.note_base_error(e);
        child.retrieved.set(true);
        if !self.aborting.get() {
            self.abort();
            if !self.exiting.get() {
                if let Some(p) = self.parent.borrow().as_ref() {
                    p.cancel();
                    self.parent_cancel_requested.set(true);
                }
            }
        }
        self.wake_parent_if_done();
    }

    fn note_base_error(&self, e: &Value) {
        if super::is_base_error(e) && self.base_error.borrow().is_none() {
            *self.base_error.borrow_mut() = Some(e.clone());
        }
    }

    /// The last child's end, or the last report, lets a waiting `__aexit__` go on, as
    /// CPython's `_on_completed_fut`: it is woken once, not at each child's end.
    fn wake_parent_if_done(&self) {
        if self.exiting.get() && self.reports.get() == 0 && self.untold.get() == 0 {
            let waker = self.exit_waker.borrow().clone();
            waker.into_iter().for_each(|w| w.wake());
        }
    }

    /// What each child calls as it ends (see [`Group::wake_parent_if_done`]); `group` is weak,
    /// so that a child and its group never keep each other alive.
    fn on_task_done(&self, group: Weak<Native>) -> OnDone {
        Rc::new(move |_| {
            if let Some(n) = group.upgrade() {
                if let Native::TaskGroup(g) = &*n {
                    g.untold.set(g.untold.get().saturating_sub(1));
                    g.wake_parent_if_done();
                }
            }
        })
    }
}

/// `TaskGroup._on_task_done(child)` for a child that raised: `[group, child, error]`.
fn on_task_done(_: &Interp, _: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    if let [Value::Native(n), Value::Task(child), e] = args.as_slice() {
        if let Native::TaskGroup(g) = &**n {
            g.child_failed(child, e);
        }
    }
    Ok(Value::None)
}

/// One direction of an in-page connection: what was written and not yet read, whether the
/// writer closed, and the reader waiting for more (woken as by I/O).
#[derive(Default)]
pub struct Pipe {
    pub(super) buf: RefCell<Vec<u8>>,
    /// No more will come: the writer closed, or wrote its end (`write_eof`).
    pub(super) closed: Cell<bool>,
    /// The writer closed (`is_closing()`), not only its direction.
    closing: Cell<bool>,
    pub(super) reader: RefCell<Option<Waker>>,
    /// The writer's end's address and its peer's (`get_extra_info("sockname")`, `"peername"`).
    ends: RefCell<Option<(Value, Value)>>,
    /// For the pipe a side writes into: the one it reads from, which its own `close()` ends
    /// (CPython's `connection_lost` feeds its reader the end: a read after it gets `b''`).
    sibling: RefCell<std::rc::Weak<Pipe>>,
    /// Its reading side's own connection was closed: nothing more comes, whatever the peer does.
    lost: Cell<bool>,
    /// Its writer's own `close()` was called: what it writes goes nowhere, `drain()` fails.
    shut: Cell<bool>,
}

impl Pipe {
    /// Nothing more will come to its reader.
    fn at_end(&self) -> bool {
        self.closed.get() || self.lost.get()
    }

    pub(super) fn wake_reader(&self) {
        let w = self.reader.borrow_mut().take();
        if let Some(w) = w {
            waking_because(WakeCause::Io, || w.wake());
        }
    }
}

/// The loopback's name as its address (`localhost` is `127.0.0.1`, as the resolver gives it).
fn loopback(host: &str) -> String {
    if host == "localhost" {
        "127.0.0.1".into()
    } else {
        host.into()
    }
}

/// A stream function's argument `i`, or its keyword `name` (`start_server(cb, port=8888)`);
/// None as not given.
fn stream_arg(args: &[Value], kw: &[(Name, Value)], i: usize, name: &str) -> Option<Value> {
    args.get(i).cloned().or_else(|| kwarg(kw, name)).filter(|v| !matches!(v, Value::None))
}

/// CPython's socket refuses a port out of 0 to 65535 (`what`: "bind" or "connect").
fn port_checked(port: &Option<Value>, what: &str) -> PyResult<()> {
    match port.as_ref().and_then(Value::as_int) {
        Some(p) if !(0..=65535).contains(&p) => raise("OverflowError", format!("{what}(): port must be 0-65535.")),
        _ => Ok(()),
    }
}

/// `asyncio.start_server(callback, host, port)`: listens on the page's own loopback.
pub(super) fn start_server(interp: &Interp, args: &[Value], kw: &[(Name, Value)]) -> PyResult {
    let Some(cb) = args.first().cloned().or_else(|| kwarg(kw, "client_connected_cb")) else {
        return raise("TypeError", "start_server() missing 1 required positional argument: 'client_connected_cb'");
    };
    let (host, port) = (stream_arg(args, kw, 1, "host"), stream_arg(args, kw, 2, "port"));
    let key = format!(
        "{}:{}",
        host.as_ref().map_or(String::new(), |h| loopback(&h.to_str())),
        port.as_ref().map_or(String::new(), Value::to_str)
    );
    let shown = |v: &Option<Value>| v.as_ref().map_or("None".into(), Value::repr);
    let address = format!("({}, {})", shown(&host), shown(&port));
    let rc = interp.host.rc()?;
    // It binds when awaited, as CPython's: an address in use is refused then.
    // On every address (no host) CPython's lookup takes the port as it is.
    let bound = if host.is_some() { port.clone() } else { None };
    Ok(leaf("start_server", async move {
        port_checked(&bound, "bind")?;
        if listening(&rc, &key) {
            let why = format!("error while attempting to bind on address {address}: address already in use");
            return Err(new_exception(exc_class("OSError"), vec![Value::Int(98), Value::string(why)]));
        }
        rc.host.listeners.borrow_mut().push((key.clone(), cb));
        Ok(Value::Native(Rc::new(Native::Server(key.into()))))
    }))
}

/// `asyncio.open_connection(host, port)`: connects to a server the script started; the
/// server's callback runs as a task of its own.
pub(super) fn open_connection(interp: &Interp, args: &[Value], kw: &[(Name, Value)]) -> PyResult {
    let port_given = stream_arg(args, kw, 1, "port");
    let (host, port) = (
        stream_arg(args, kw, 0, "host").map_or(String::new(), |h| loopback(&h.to_str())),
        port_given.as_ref().map_or(String::new(), Value::to_str),
    );
    // A server on this address, or on every address (`0.0.0.0`, `None`).
    let cb = ["", "0.0.0.0", host.as_str()].iter().rev().find_map(|h| {
        let key = format!("{h}:{port}");
        interp.host.listeners.borrow().iter().find(|(k, _)| **k == key).map(|(_, cb)| cb.clone())
    });
    let rc = interp.host.rc()?;
    Ok(leaf("open_connection", async move {
        port_checked(&port_given, "connect")?;
        let Some(cb) = cb else {
            let why = Value::str(&format!("Connect call failed ('{host}', {port})"));
            return Err(new_exception(exc_class("ConnectionRefusedError"), vec![Value::Int(111), why]));
        };
        let (up, down) = (Rc::new(Pipe::default()), Rc::new(Pipe::default()));
        // The client writes up and reads down; the server the other way round.
        *up.sibling.borrow_mut() = Rc::downgrade(&down);
        *down.sibling.borrow_mut() = Rc::downgrade(&up);
        // The client's end has a port of its own, as an ephemeral one (the first is 50000).
        let address = |port: Value| Value::tuple(vec![Value::str(&host), port]);
        let server = address(port.parse::<i64>().map_or_else(|_| Value::str(&port), Value::Int));
        let client = address(Value::Int(rc.host.next_port()));
        *up.ends.borrow_mut() = Some((client.clone(), server.clone()));
        *down.ends.borrow_mut() = Some((server, client));
        let side = |r: &Rc<Pipe>, w: &Rc<Pipe>| {
            Value::tuple(vec![
                Value::Native(Rc::new(Native::Reader(Rc::clone(r)))),
                Value::Native(Rc::new(Native::Writer(Rc::clone(w)))),
            ])
        };
        let server_side = crate::builtins::iterate(&side(&up, &down))?;
        let coro = rc.call(cb, server_side, vec![]).await?;
        let handler = task_of(&rc, coro, None)?;
        // A handler that fails is logged and its connection closed, as CPython 3.11's
        // `client_connected_cb` done callback does: the client reads its end, not for ever.
        let (log, ends) = (Rc::downgrade(&rc), (Rc::clone(&up), Rc::clone(&down)));
        let closing: OnDone = Rc::new(move |t: &Rc<PyTask>| {
            let failed = match &*t.state.borrow() {
                State::Failed(e) => Some(e.clone()),
                _ => None,
            };
            let (Some(e), Some(rc)) = (failed, log.upgrade()) else { return };
            t.retrieved.set(true);
            let text = format!("Unhandled exception in client_connected_cb\n{}", rc.host.out.traceback(&e));
            rc.host.out.asyncio_error(&text, Some(("Unhandled exception in client_connected_cb", &e)));
            for pipe in [&ends.0, &ends.1] {
                pipe.closed.set(true);
                pipe.closing.set(true);
                pipe.wake_reader();
            }
        });
        handler.then("client_connected_cb", &closing);
        Ok(side(&down, &up))
    }))
}

/// Whether a server of the script listens at `key` ("host:port").
fn listening(interp: &Interp, key: &str) -> bool {
    interp.host.listeners.borrow().iter().any(|(k, _)| k == key)
}

/// A closed server's address, no longer listened on.
fn close_server(interp: &Interp, key: &str) {
    interp.host.listeners.borrow_mut().retain(|(k, _)| **k != *key);
    let (woken, waiting): (Vec<_>, Vec<_>) =
        std::mem::take(&mut *interp.host.serving.borrow_mut()).into_iter().partition(|(k, _)| **k == *key);
    *interp.host.serving.borrow_mut() = waiting;
    woken.into_iter().for_each(|(_, w)| w.wake());
}

/// Closes a server when `serve_forever` stops waiting (its task was cancelled). It holds
/// its run weakly: a wait must not keep its run alive.
struct Closing(Weak<Interp>, Rc<str>, Cell<bool>);

impl Drop for Closing {
    fn drop(&mut self) {
        // Not once the server was closed by `close()`: a new one may listen there since.
        if let (Some(interp), true) = (self.0.upgrade(), self.2.get()) {
            close_server(&interp, &self.1);
        }
    }
}

/// A stream method's coroutine as CPython names it (`StreamWriter.drain`): what its "never
/// awaited" warning says, the classic forgotten `await writer.drain()`.
fn stream_coro(name: &'static str) -> &'static str {
    match name {
        "readline" => "StreamReader.readline",
        "read" => "StreamReader.read",
        "readexactly" => "StreamReader.readexactly",
        "readuntil" => "StreamReader.readuntil",
        "drain" => "StreamWriter.drain",
        "wait_closed" => "StreamWriter.wait_closed",
        other => other,
    }
}

pub(super) fn stream_method(interp: &Interp, name: &'static str, n: Rc<Native>, a: &[Value]) -> PyResult {
    match (&*n, name) {
        (Native::Reader(_), "readline" | "read") => {
            // What ends a read: a line's end; for `read(n)`, any data, of which it takes n
            // bytes at most (`read(0)`: none, at once); for `read()`, the stream's end.
            let most = match (name, a.first()) {
                ("read", Some(Value::Int(n))) if *n >= 0 => Some(*n as usize),
                _ => None,
            };
            let whole = name == "read" && most.is_none();
            Ok(leaf(stream_coro(name), async move {
                let Native::Reader(p) = &*n else { return Ok(Value::None) };
                let line = std::future::poll_fn(|cx| {
                    let mut buf = p.buf.borrow_mut();
                    let end = match most {
                        Some(0) => Some(0),
                        Some(most) if !buf.is_empty() => Some(most.min(buf.len())),
                        Some(_) => None,
                        None if whole => None,
                        None => buf.iter().position(|&c| c == b'\n').map(|i| i + 1),
                    };
                    match end {
                        Some(end) => return Poll::Ready(buf.drain(..end).collect::<Vec<u8>>()),
                        None if p.at_end() => return Poll::Ready(std::mem::take(&mut *buf)),
                        None => {}
                    }
                    *p.reader.borrow_mut() = Some(cx.waker().clone());
                    waiting_on(WakeCause::Io, 0);
                    Poll::Pending
                })
                .await;
                Ok(Value::Bytes(line.into()))
            }))
        }
        (Native::Reader(_), "readexactly" | "readuntil") => {
            let (exactly, until) = match (name, a.first()) {
                ("readexactly", Some(Value::Int(n))) if *n >= 0 => (*n as usize, Vec::new()),
                ("readexactly", Some(Value::Int(_))) => {
                    return raise("ValueError", "readexactly size can not be less than zero")
                }
                ("readexactly", Some(v)) => {
                    return Err(crate::builtins::type_error("'", v, "' object cannot be interpreted as an integer"))
                }
                ("readexactly", None) => {
                    return raise("TypeError", "readexactly() missing 1 required positional argument: 'n'")
                }
                (_, Some(Value::Bytes(sep))) if !sep.is_empty() => (0, sep.to_vec()),
                (_, Some(Value::Bytes(_))) => {
                    return raise("ValueError", "Separator should be at least one-byte string")
                }
                (_, Some(v)) => {
                    return Err(crate::builtins::type_error(
                        "argument should be integer or bytes-like object, not '",
                        v,
                        "'",
                    ))
                }
                (_, None) => (0, b"\n".to_vec()),
            };
            Ok(leaf(stream_coro(name), async move {
                let Native::Reader(p) = &*n else { return Ok(Value::None) };
                let got = std::future::poll_fn(|cx| {
                    let mut buf = p.buf.borrow_mut();
                    let end = match until.is_empty() {
                        true => (buf.len() >= exactly).then_some(exactly),
                        false => buf.windows(until.len()).position(|w| w == &until[..]).map(|i| i + until.len()),
                    };
                    match end {
                        Some(end) => return Poll::Ready(Ok(buf.drain(..end).collect::<Vec<u8>>())),
                        None if p.at_end() => return Poll::Ready(Err(std::mem::take(&mut *buf))),
                        None => {}
                    }
                    *p.reader.borrow_mut() = Some(cx.waker().clone());
                    waiting_on(WakeCause::Io, 0);
                    Poll::Pending
                })
                .await;
                // The stream ended first: asyncio's `IncompleteReadError`, with what came.
                got.map(|s| Value::Bytes(s.into())).map_err(|partial| {
                    let expected = if until.is_empty() { Value::Int(exactly as i64) } else { Value::None };
                    new_exception(exc_class("IncompleteReadError"), vec![Value::Bytes(partial.into()), expected])
                })
            }))
        }
        (Native::Reader(p), "at_eof") => Ok(Value::Bool(p.at_end() && p.buf.borrow().is_empty())),
        // `async for line in reader:` reads lines to the stream's end.
        (Native::Reader(_), "__aiter__") => Ok(Value::Native(Rc::clone(&n))),
        (Native::Reader(_), "__anext__") => {
            let rc = interp.host.rc()?;
            let line = stream_method(interp, "readline", n, &[])?;
            Ok(leaf(name, async move {
                match rc.await_value(line).await? {
                    Value::Bytes(s) if s.is_empty() => Err(new_exception(exc_class("StopAsyncIteration"), vec![])),
                    line => Ok(line),
                }
            }))
        }
        (Native::Writer(p), "get_extra_info") => {
            let ends = p.ends.borrow().clone();
            let default = a.get(1).cloned().unwrap_or(Value::None);
            Ok(match (a.first().map(Value::to_str).as_deref(), ends) {
                (Some("sockname"), Some((me, _))) => me,
                (Some("peername"), Some((_, peer))) => peer,
                _ => default,
            })
        }
        (Native::Writer(p), "writelines") => {
            let mut data = Vec::new();
            for (i, line) in crate::builtins::iterate(a.first().unwrap_or(&Value::None))?.iter().enumerate() {
                match line {
                    Value::Bytes(b) => data.extend_from_slice(b),
                    v => {
                        let m = format!("sequence item {i}: expected a bytes-like object, ");
                        return Err(crate::builtins::type_error(&m, v, " found"));
                    }
                }
            }
            p.buf.borrow_mut().extend(data);
            p.wake_reader();
            Ok(Value::None)
        }
        (Native::Writer(_), "can_write_eof") => Ok(Value::Bool(true)),
        // After `close()` what is written goes nowhere, as CPython's closing transport drops it.
        (Native::Writer(p), "write") if p.shut.get() && matches!(a.first(), Some(Value::Bytes(_))) => Ok(Value::None),
        (Native::Writer(p), "write")
            if p.closed.get() && !p.closing.get() && matches!(a.first(), Some(Value::Bytes(_))) =>
        {
            raise("RuntimeError", "Cannot call write() after write_eof()")
        }
        (Native::Writer(p), "write") => match a.first() {
            Some(Value::Bytes(b)) => {
                p.buf.borrow_mut().extend_from_slice(b);
                p.wake_reader();
                Ok(Value::None)
            }
            v => Err(crate::builtins::type_error(
                "data argument must be a bytes-like object, not '",
                v.unwrap_or(&Value::None),
                "'",
            )),
        },
        // Either way the other end reads to the end (`write_eof` leaves this one to be closed).
        (Native::Writer(p), "close" | "write_eof") => {
            p.closed.set(true);
            p.closing.set(p.closing.get() || name == "close");
            p.wake_reader();
            p.shut.set(p.shut.get() || name == "close");
            // Closed, its own reader is at its end too.
            if let Some(own) = p.sibling.borrow().upgrade().filter(|_| name == "close") {
                own.lost.set(true);
                own.wake_reader();
            }
            Ok(Value::None)
        }
        (Native::Writer(p), "is_closing") => Ok(Value::Bool(p.closing.get())),
        // Draining a closed connection fails, as CPython's protocol does once it is lost.
        (Native::Writer(p), "drain") if p.shut.get() => Ok(leaf(stream_coro(name), async {
            Err(new_exception(exc_class("ConnectionResetError"), vec![Value::str("Connection lost")]))
        })),
        (Native::Writer(_), "drain" | "wait_closed") => Ok(leaf(stream_coro(name), async { Ok(Value::None) })),
        (Native::Server(_), "wait_closed") => Ok(leaf("Server.wait_closed", async { Ok(Value::None) })),
        // Closed, it listens no more: a connection to its address is refused, and the address
        // may be bound again.
        (Native::Server(key), "close") => {
            close_server(interp, key);
            Ok(Value::None)
        }
        (Native::Server(key), "is_serving") => Ok(Value::Bool(listening(interp, key))),
        // Its address, as its socket gives it: `(host, port)`.
        (Native::Server(key), "getsockname") => {
            let (host, port) = key.rsplit_once(':').unwrap_or((key, ""));
            let host = if host.is_empty() { "0.0.0.0" } else { host }; // every address: its IPv4 socket's
            let port = port.parse::<i64>().map_or_else(|_| Value::str(port), Value::Int);
            Ok(Value::tuple(vec![Value::str(host), port]))
        }
        // Serves until its task is cancelled (a server's connections are served by their
        // own tasks meanwhile); then it is closed, as CPython's. Closed meanwhile
        // (`server.close()`), it raises `CancelledError`, as CPython's cancelled wait does.
        (Native::Server(key), "serve_forever") => {
            let (weak, key) = (interp.host.interp(), Rc::clone(key));
            Ok(leaf("Server.serve_forever", async move {
                let close = Closing(weak, key, Cell::new(true));
                std::future::poll_fn(|cx| {
                    let Some(interp) = close.0.upgrade() else { return Poll::Pending };
                    if !listening(&interp, &close.1) {
                        close.2.set(false);
                        return Poll::Ready(());
                    }
                    let mut serving = interp.host.serving.borrow_mut();
                    if !serving.iter().any(|(k, w)| **k == *close.1 && w.will_wake(cx.waker())) {
                        serving.push((Rc::clone(&close.1), cx.waker().clone()));
                    }
                    Poll::Pending
                })
                .await;
                Err(cancelled_error())
            }))
        }
        // `async with server:` closes it at the block's end, as `close()` does.
        (Native::Server(_), "__aenter__") => Ok(at_once(name, Value::Native(Rc::clone(&n)))),
        (Native::Server(key), "__aexit__") => {
            close_server(interp, key);
            Ok(at_once(name, Value::None))
        }
        _ => crate::interp::unsupported(&format!("{}.{name}()", n.type_name())),
    }
}

/// `asyncio.Queue`, `LifoQueue` (`lifo`) or `PriorityQueue` (`heap`).
pub struct Queue {
    pub(super) items: RefCell<VecDeque<Value>>,
    /// How many items it holds at most (0: no limit): `maxsize` rounded up, as asyncio's
    /// `qsize() >= maxsize` counts, and 0 for one of 0 or less.
    pub(super) maxsize: usize,
    /// `maxsize` as it was given (`Queue(2.5).maxsize` is 2.5).
    pub(super) maxsize_given: Value,
    pub(super) unfinished: Cell<usize>,
    pub(super) getters: Line,
    pub(super) putters: Line,
    pub(super) joiners: Line,
    pub(super) lifo: bool,
    /// Its items are a heap, kept as `heapq` keeps it (by the items' `<`), so that equal
    /// priorities come out, and a script's `__lt__` is called, as in CPython.
    pub(super) heap: bool,
}

impl Queue {
    fn push(&self, interp: &Interp, v: Value) -> PyResult<()> {
        if !self.heap {
            self.items.borrow_mut().push_back(v);
            return Ok(());
        }
        // Out of its cell while a script's `__lt__` may look at the queue.
        let mut heap = std::mem::take(&mut *self.items.borrow_mut());
        heap.push_back(v);
        let last = heap.len() - 1;
        let out = crate::heapq::sift_down(interp, heap.make_contiguous(), 0, last);
        *self.items.borrow_mut() = heap;
        out
    }

    fn pop(&self, interp: &Interp) -> PyResult<Option<Value>> {
        if !self.heap {
            let mut items = self.items.borrow_mut();
            return Ok(if self.lifo { items.pop_back() } else { items.pop_front() });
        }
        let mut heap = std::mem::take(&mut *self.items.borrow_mut());
        let out = match heap.pop_back() {
            Some(last) if !heap.is_empty() => {
                let first = std::mem::replace(&mut heap[0], last);
                crate::heapq::sift_up(interp, heap.make_contiguous(), 0).map(|_| Some(first))
            }
            last => Ok(last),
        };
        *self.items.borrow_mut() = heap;
        out
    }
}

/// Waits in `place` for the object `n`, unless `n` is bound to an earlier event loop: then
/// CPython's error (see [`Place::wait`]).
fn waits<T>(place: &mut Place<'_>, cx: &Context<'_>, n: &Rc<Native>) -> Poll<PyResult<T>> {
    if place.wait(cx) {
        return Poll::Pending;
    }
    let repr = Value::Native(Rc::clone(n)).repr();
    Poll::Ready(Err(exc("RuntimeError", format!("{repr} is bound to a different event loop"))))
}

impl Native {
    /// Whether CPython's type is a C one (`contextvars`'s), whose methods are "built-in"; the
    /// others (asyncio's primitives, queues, streams) are Python classes.
    pub fn is_c_type(&self) -> bool {
        matches!(self, Native::ContextVar { .. } | Native::Token { .. } | Native::Context(..) | Native::Super(..))
    }

    /// Its type's name.
    pub fn type_name(&self) -> &'static str {
        match self {
            Native::Queue(q) if q.heap => "PriorityQueue",
            Native::Queue(q) if q.lifo => "LifoQueue",
            Native::Queue(_) => "Queue",
            Native::Event { .. } => "Event",
            Native::Semaphore { is_lock: true, .. } => "Lock",
            Native::Semaphore { bound, .. } if *bound < i64::MAX => "BoundedSemaphore",
            Native::Semaphore { .. } => "Semaphore",
            Native::Super(..) => "super",
            Native::Loop => "_UnixSelectorEventLoop",
            Native::Random(_) => "Random",
            Native::ContextVar { .. } => "ContextVar",
            Native::Token { .. } => "Token",
            Native::Context(..) => "Context",
            Native::Reader(_) => "StreamReader",
            Native::Writer(_) => "StreamWriter",
            Native::Server(_) => "Server",
            Native::WebSocket(_) => "ClientConnection",
            Native::TaskGroup(_) => "TaskGroup",
            Native::Timeout(_) => "Timeout",
            Native::Handle { when: Some(_), .. } => "TimerHandle",
            Native::Handle { .. } => "Handle",
            Native::Condition { .. } => "Condition",
            Native::Barrier(_) => "Barrier",
        }
    }
}

pub(super) fn task_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Task(t)) = args.first() else { return raise("TypeError", "descriptor needs a Task") };
    match name {
        "add_done_callback" => {
            let Some(f) = args.get(1).cloned() else {
                return raise("TypeError", "add_done_callback() missing 1 required positional argument: 'fn'");
            };
            if t.done() {
                task::call_soon(&interp.host.rc()?, t, vec![f]);
            } else {
                t.callbacks.borrow_mut().push(Callback::Py(f));
            }
            Ok(Value::None)
        }
        "remove_done_callback" => {
            let f = args.get(1).cloned().unwrap_or(Value::None);
            let mut callbacks = t.callbacks.borrow_mut();
            let before = callbacks.len();
            callbacks.retain(|c| !matches!(c, Callback::Py(g) if same_callable(g, &f)));
            Ok(Value::Int((before - callbacks.len()) as i64))
        }
        "cancelling" => Ok(Value::Int(t.cancels.get() as i64)),
        "uncancel" => {
            t.cancels.set(t.cancels.get().saturating_sub(1));
            Ok(Value::Int(t.cancels.get() as i64))
        }
        "cancel" => {
            let message = args.get(1).cloned().or_else(|| kwarg(&kw, "msg")).filter(|m| !matches!(m, Value::None));
            Ok(Value::Bool(t.cancel_with(message)))
        }
        "cancelled" => Ok(Value::Bool(t.cancelled())),
        "done" => Ok(Value::Bool(t.done())),
        "result" => t.outcome(),
        "exception" if t.cancelled() => Err(t.take_cancelled_error()),
        "exception" => match &*t.state.borrow() {
            State::Pending | State::Cancelled(_) => raise("InvalidStateError", "Exception is not set."),
            State::Failed(e) => {
                t.retrieved.set(true);
                Ok(e.clone())
            }
            State::Done(_) => Ok(Value::None),
        },
        // A task's outcome is its coroutine's: CPython's `Task` refuses both setters.
        "set_result" | "set_exception" if t.runs_coro() => {
            raise("RuntimeError", format!("Task does not support {name} operation"))
        }
        "set_result" => match args.get(1) {
            Some(v) if args.len() == 2 => t.set_outcome(State::Done(v.clone())),
            _ => {
                raise("TypeError", format!("Future.set_result() takes exactly one argument ({} given)", args.len() - 1))
            }
        },
        "set_exception" => {
            if t.done() {
                return raise("InvalidStateError", "invalid state");
            }
            let e = match args.get(1) {
                // A class is raised as its instance, as CPython's `set_exception` makes one.
                Some(Value::Class(c)) if c.is_exception() => interp.exception_of_class(c)?,
                Some(e @ Value::Instance(i)) if i.class.is_exception() => e.clone(),
                _ => return raise("TypeError", "invalid exception object"),
            };
            if e.class().is_subclass(&exc_class("StopIteration")) {
                let m = "StopIteration interacts badly with generators and cannot be raised into a Future";
                return raise("TypeError", m);
            }
            t.set_outcome(State::Failed(e))
        }
        "get_loop" => Ok(interp.host.event_loop.clone()),
        "get_name" => Ok(Value::Str(t.name.borrow().clone())),
        "set_name" => {
            if let Some(v) = args.get(1) {
                *t.name.borrow_mut() = v.to_str().into();
            }
            Ok(Value::None)
        }
        _ => crate::interp::unsupported(&format!("Task.{name}()")),
    }
}

pub(super) fn native_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Native(n)) = args.first() else { return raise("TypeError", "descriptor needs an asyncio object") };
    let n = Rc::clone(n);
    if let Native::Condition { lock, waiters } = &*n {
        return condition_method(interp, &n, lock, waiters, name, args, kw);
    }
    if let Native::Barrier(_) = &*n {
        return barrier_method(interp, &n, name);
    }
    let a = &args[1..];
    match (&*n, name) {
        (Native::Queue(q), "put_nowait") => {
            let Some(v) = a.first().cloned() else {
                return raise("TypeError", "put_nowait() missing 1 required positional argument: 'item'");
            };
            if q.maxsize > 0 && q.items.borrow().len() >= q.maxsize {
                return Err(new_exception(exc_class("QueueFull"), vec![]));
            }
            q.push(interp, v)?;
            q.unfinished.set(q.unfinished.get() + 1);
            q.getters.wake_first();
            Ok(Value::None)
        }
        // A coroutine, as CPython's: the item goes in when it is awaited (a `put` never
        // awaited puts nothing), at once if there is room.
        (Native::Queue(_), "put") => {
            let Some(v) = a.first().cloned() else {
                return raise("TypeError", "put() missing 1 required positional argument: 'item'");
            };
            let weak = interp.host.interp(); // a coroutine must not keep its run alive
            Ok(leaf("put", async move {
                let Native::Queue(q) = &*n else { return Ok(Value::None) };
                let rc = weak.upgrade().ok_or_else(|| exc("RuntimeError", "the run has ended"))?;
                let mut place = Place::turn(&q.putters);
                std::future::poll_fn(|cx| {
                    if q.maxsize == 0 || q.items.borrow().len() < q.maxsize {
                        place.done();
                        return Poll::Ready(Ok(()));
                    }
                    waits(&mut place, cx, &n)
                })
                .await?;
                q.push(&rc, v)?;
                q.unfinished.set(q.unfinished.get() + 1);
                q.getters.wake_first();
                Ok(Value::None)
            }))
        }
        (Native::Queue(q), "get_nowait") => match q.pop(interp)? {
            Some(v) => {
                q.putters.wake_first();
                Ok(v)
            }
            None => Err(new_exception(exc_class("QueueEmpty"), vec![])),
        },
        (Native::Queue(_), "get") => {
            let weak = interp.host.interp();
            Ok(leaf("get", async move {
                let Native::Queue(q) = &*n else { return Ok(Value::None) };
                let rc = weak.upgrade().ok_or_else(|| exc("RuntimeError", "the run has ended"))?;
                let mut place = Place::turn(&q.getters);
                let v = std::future::poll_fn(|cx| match q.pop(&rc) {
                    Ok(None) => waits(&mut place, cx, &n).map_ok(|()| None),
                    v => {
                        place.done();
                        Poll::Ready(v)
                    }
                })
                .await?;
                q.putters.wake_first();
                Ok(v.unwrap_or(Value::None))
            }))
        }
        (Native::Queue(q), "task_done") => {
            if q.unfinished.get() == 0 {
                return raise("ValueError", "task_done() called too many times");
            }
            q.unfinished.set(q.unfinished.get() - 1);
            if q.unfinished.get() == 0 {
                q.joiners.wake_all();
            }
            Ok(Value::None)
        }
        (Native::Queue(_), "join") => Ok(leaf("join", async move {
            let Native::Queue(q) = &*n else { return Ok(Value::None) };
            let mut place = Place::among(&q.joiners);
            std::future::poll_fn(|cx| {
                if q.unfinished.get() == 0 {
                    place.done();
                    return Poll::Ready(Ok(()));
                }
                waits(&mut place, cx, &n)
            })
            .await?;
            Ok(Value::None)
        })),
        (Native::Queue(q), "qsize") => Ok(Value::Int(q.items.borrow().len() as i64)),
        (Native::Queue(q), "empty") => Ok(Value::Bool(q.items.borrow().is_empty())),
        (Native::Queue(q), "full") => Ok(Value::Bool(q.maxsize > 0 && q.items.borrow().len() >= q.maxsize)),
        (Native::Event { set, waiters }, "set") => {
            if !set.replace(true) {
                waiters.wake_all();
            }
            Ok(Value::None)
        }
        (Native::Event { set, .. }, "clear") => {
            set.set(false);
            Ok(Value::None)
        }
        (Native::Event { set, .. }, "is_set") => Ok(Value::Bool(set.get())),
        (Native::Event { .. }, "wait") => Ok(leaf("Event.wait", async move {
            let Native::Event { set, waiters } = &*n else { return Ok(Value::None) };
            let mut place = Place::among(waiters);
            std::future::poll_fn(|cx| {
                // Woken by a `set()`, it is done even if a `clear()` came before it ran.
                if set.get() || place.woken() {
                    place.done();
                    return Poll::Ready(Ok(()));
                }
                waits(&mut place, cx, &n)
            })
            .await?;
            Ok(Value::Bool(true))
        })),
        (Native::Semaphore { is_lock, .. }, "acquire" | "__aenter__") => {
            let is_enter = name == "__aenter__";
            // CPython's names for the coroutine (`RuntimeWarning: coroutine 'Lock.acquire'…`).
            let named = if *is_lock { "Lock.acquire" } else { "Semaphore.acquire" };
            Ok(leaf(named, async move {
                let Native::Semaphore { value, handed, waiters, .. } = &*n else { return Ok(Value::None) };
                let units = Units { value, handed };
                let mut place = Place::handed(waiters, units);
                std::future::poll_fn(|cx| {
                    // As asyncio's: a release hands its unit to the first waiter as it wakes it,
                    // so a newcomer, or the releaser acquiring again, waits behind those waiting
                    // or woken and not yet run.
                    if place.woken() {
                        units.take_handed();
                        place.done();
                        units.hand_next(waiters);
                        return Poll::Ready(Ok(()));
                    }
                    if value.get() > 0 && waiters.is_empty() && handed.get() == 0 {
                        value.set(value.get() - 1);
                        place.done();
                        return Poll::Ready(Ok(()));
                    }
                    waits(&mut place, cx, &n)
                })
                .await?;
                Ok(if is_enter { Value::None } else { Value::Bool(true) })
            }))
        }
        (Native::Semaphore { value, handed, waiters, is_lock, bound }, "release" | "__aexit__") => {
            // A Lock handed to a woken waiter is not held until that waiter runs.
            if *is_lock && (value.get() > 0 || handed.get() > 0) {
                return raise("RuntimeError", "Lock is not acquired.");
            }
            if value.get() >= *bound {
                return raise("ValueError", "BoundedSemaphore released too many times");
            }
            let Some(v) = value.get().checked_add(1) else {
                return raise(
                    "OverflowError",
                    "Loopscope's ints are 64-bit: the semaphore's value would pass 9223372036854775807",
                );
            };
            value.set(v);
            Units { value, handed }.hand_next(waiters);
            if name == "__aexit__" {
                return Ok(leaf("release", async { Ok(Value::None) }));
            }
            Ok(Value::None)
        }
        (Native::Semaphore { .. }, "locked") => Ok(Value::Bool(n.locked())),
        (Native::TaskGroup(g), "__aenter__") => {
            if g.entered.get() {
                let refused = format!("TaskGroup {} has already been entered", g.repr());
                return Ok(leaf("__aenter__", async move { raise("RuntimeError", refused) }));
            }
            g.entered.set(true);
            *g.parent.borrow_mut() = current();
            let me = Value::Native(Rc::clone(&n));
            Ok(leaf("__aenter__", async move { Ok(me) }))
        }
        (Native::TaskGroup(g), "create_task") => {
            let Some(Value::Coro(c)) = a.first() else {
                return raise(
                    "TypeError",
                    format!(
                        "a coroutine was expected, got {}",
                        a.first().map_or(Ok("nothing".into()), |v| interp.repr(v))?
                    ),
                );
            };
            // As CPython's, in its order; the coroutine stays with the error (its traceback
            // holds it in CPython), so its never-awaited warning comes once the error is gone.
            let refused = match () {
                _ if !g.entered.get() => Some("has not been entered"),
                _ if g.exiting.get() && g.untold.get() == 0 => Some("is finished"),
                _ if g.aborting.get() => Some("is shutting down"),
                _ => None,
            };
            if let Some(why) = refused {
                return super::refusing(&a[..1], raise("RuntimeError", format!("TaskGroup {} {why}", g.repr())));
            }
            let Some(inner) = c.take() else { return Err(c.reused()) };
            // The child's error is reported to the group soon after it ends, by a callback, as
            // CPython's `_on_task_done`.
            let group = Rc::downgrade(&n);
            let inner = runnable(inner, c.leaf);
            let rc = interp.host.rc()?;
            let child = async move {
                let out = inner.await;
                if let (Err(e), Some(n), Some(me)) = (&out, group.upgrade(), current()) {
                    if let (false, Native::TaskGroup(g)) = (is_cancelled_error(e), &*n) {
                        g.reports.set(g.reports.get() + 1);
                        let report = builtin("TaskGroup._on_task_done", on_task_done);
                        let report = Value::Method(Rc::new((Value::Native(Rc::clone(&n)), report)));
                        call_later(&rc, vec![(report, vec![Value::Task(me), e.clone()])], None);
                    }
                }
                out
            };
            let mut wrapped = Coro::new(Rc::clone(&c.name), Box::pin(child), false, false);
            wrapped.line = c.line;
            wrapped.call = c.call.clone();
            let name = a.get(1).cloned().or_else(|| kwarg(&kw, "name")).filter(|v| !matches!(v, Value::None));
            if name.is_some() {
                interp.host.next_task_name(); // made unnamed, then named, as CPython's TaskGroup does
            }
            let task = task_of(&interp.host.rc()?, Value::Coro(Rc::new(wrapped)), name.map(|v| Rc::from(v.to_str())))?;
            g.tasks.borrow_mut().push(Rc::clone(&task));
            g.untold.set(g.untold.get() + 1);
            task.then("TaskGroup._on_task_done", &g.on_task_done(Rc::downgrade(&n)));
            Ok(Value::Task(task))
        }
        (Native::TaskGroup(g), "__aexit__") => {
            g.exiting.set(true);
            let mut body_error = None;
            // Raised once the children are done, unless they failed: the body's cancel (not
            // one the group asked for), or one that comes while this waits (see below).
            let propagate = Rc::new(Cell::new(false));
            // An error or a cancel aborts the group, unless a child's error has already: its
            // children are cancelled once, as CPython's `_abort` is called once.
            if let Some(e @ Value::Instance(_)) = a.get(1) {
                g.note_base_error(e);
            }
            // The cancel the group asked of its parent is taken back (`uncancel`); the body's
            // cancel goes on only if another is still asked for, as CPython's.
            let mut cancels_left = true;
            if g.parent_cancel_requested.get() {
                if let Some(parent) = &*g.parent.borrow() {
                    parent.cancels.set(parent.cancels.get().saturating_sub(1));
                    cancels_left = parent.cancels.get() > 0;
                }
            }
            let aborts = match a.get(1) {
                Some(e) if is_cancelled_error(e) => {
                    propagate.set(cancels_left);
                    true
                }
                Some(e @ Value::Instance(_)) => {
                    body_error = Some(e.clone());
                    true
                }
                _ => false,
            };
            if aborts && !g.aborting.get() {
                g.abort();
            }
            let (n2, raises) = (Rc::clone(&n), Rc::clone(&propagate));
            let exit = async move {
                let Native::TaskGroup(g) = &*n2 else { return Ok(Value::None) };
                // The children as they are at each look: one may create another meanwhile.
                std::future::poll_fn(|cx| {
                    g.exit_waker.borrow_mut().replace(cx.waker().clone());
                    let waiting = awaits::note_waited_on(&g.tasks.borrow());
                    if waiting > 0 || g.reports.get() > 0 || g.untold.get() > 0 {
                        Poll::Pending // woken by the last child, or the last report (see `Group`)
                    } else {
                        Poll::Ready(())
                    }
                })
                .await;
                if let Some(e) = g.base_error.borrow_mut().take() {
                    return Err(e);
                }
                // The body's own error after the children's, as CPython adds it.
                g.errors.borrow_mut().extend(body_error);
                let errors = std::mem::take(&mut *g.errors.borrow_mut());
                if errors.is_empty() {
                    return match raises.get() {
                        true => Err(current().map_or_else(cancelled_error, |t| cancelled_error_in(&t))),
                        false => Ok(Value::None),
                    };
                }
                Err(group_from_none("unhandled errors in a TaskGroup", errors))
            };
            // A cancel of the task while it waits here is CPython's: it aborts the group,
            // unless the group is aborting already (then it is dropped), and the wait goes on.
            let group = Rc::downgrade(&n);
            let on_cancel: Rc<dyn Fn()> = Rc::new(move || {
                if let Some(Native::TaskGroup(g)) = group.upgrade().as_deref() {
                    if !g.aborting.get() {
                        propagate.set(true);
                        g.abort();
                    }
                }
            });
            let fut = async move { awaits::Leaf::hooked(CoroFut::Boxed(Box::pin(exit)), on_cancel).await };
            Ok(Value::Coro(Rc::new(Coro::new(leaf_name("__aexit__"), Box::pin(fut), false, false))))
        }
        (Native::Timeout(to), "__aenter__") => {
            if to.state.get() != CREATED {
                return raise("RuntimeError", "Timeout has already been entered");
            }
            let Some(t) = current() else { return raise("RuntimeError", "Timeout should be used inside a task") };
            to.state.set(ENTERED);
            to.cancelling.set(t.cancels.get());
            *to.task.borrow_mut() = Rc::downgrade(&t);
            to.arm(&n);
            Ok(at_once("__aenter__", Value::Native(Rc::clone(&n))))
        }
        (Native::Timeout(to), "__aexit__") => {
            to.disarm();
            let Some(t) = to.task.borrow().upgrade() else { return Ok(at_once("__aexit__", Value::None)) };
            if to.state.replace(if to.state.get() == EXPIRING { EXPIRED } else { EXITED }) == EXPIRING {
                t.cancels.set(t.cancels.get().saturating_sub(1));
                // No cancel asked for since it expired: the cancel was its own.
                if let (true, Some(e)) =
                    (t.cancels.get() <= to.cancelling.get(), a.get(1).filter(|e| is_cancelled_error(e)))
                {
                    return Err(super::awaits::timeout_from(e.clone()));
                }
            }
            Ok(at_once("__aexit__", Value::None))
        }
        (Native::Timeout(to), "reschedule") => {
            match to.state.get() {
                CREATED => return raise("RuntimeError", "Timeout has not been entered"),
                ENTERED => {}
                s => {
                    let s = ["expiring", "expired", "finished"][s as usize - 2];
                    return raise("RuntimeError", format!("Cannot change state of {s} Timeout"));
                }
            }
            to.when.set(match a.first() {
                None | Some(Value::None) => None,
                Some(v) => Some(secs(v, "when")?),
            });
            to.arm(&n);
            Ok(Value::None)
        }
        (Native::Timeout(to), "expired") => Ok(Value::Bool(matches!(to.state.get(), EXPIRING | EXPIRED))),
        (Native::Timeout(to), "when") => Ok(to.when.get().map_or(Value::None, Value::Float)),
        (Native::Loop, "run_until_complete") => {
            let Some(aw) = a.first().cloned() else {
                return raise("TypeError", "run_until_complete() missing 1 required positional argument: 'future'");
            };
            if interp.host.loop_closed.get() {
                return super::refusing(&[aw], raise("RuntimeError", "Event loop is closed"));
            }
            run(interp, aw, false)
        }
        // `run_forever`: the loop runs until `loop.stop()` (a callback's, a task's) completes
        // what it waits for; as in CPython, a stop asked before lets it take one turn.
        (Native::Loop, "run_forever") => {
            if interp.host.loop_closed.get() {
                return raise("RuntimeError", "Event loop is closed");
            }
            if interp.host.loop_running.get() > 0 {
                return raise("RuntimeError", "This event loop is already running");
            }
            let stopper = PyTask::future(interp);
            *interp.host.stopper.borrow_mut() = Some(Rc::clone(&stopper));
            if interp.host.stop_asked.replace(false) {
                // Behind the callbacks already due, as CPython's stop flag is read.
                let stop = crate::builtins::get_attr(interp, &interp.host.event_loop, intern("stop"))?;
                schedule(interp, "call_soon", &[stop])?;
            }
            run(interp, Value::Task(stopper), false)
        }
        (Native::Loop, "stop") => {
            // A stop while `run_forever` runs ends it; one while no loop runs makes the next take
            // one turn; a second one, or one in `run_until_complete`, changes nothing here.
            let stopper = interp.host.stopper.borrow_mut().take();
            match stopper {
                Some(f) if !f.done() => {
                    f.set_outcome(State::Done(Value::None))?;
                }
                None if interp.host.loop_running.get() == 0 => interp.host.stop_asked.set(true),
                _ => {}
            }
            Ok(Value::None)
        }
        (Native::Loop, "create_task") if interp.host.loop_closed.get() => raise("RuntimeError", "Event loop is closed"),
        (Native::Loop, "create_task") => create_task(interp, "loop.create_task", a.to_vec(), kw),
        (Native::Loop, "close") => {
            if interp.host.loop_running.get() > 0 {
                return raise("RuntimeError", "Cannot close a running event loop");
            }
            interp.host.loop_closed.set(true);
            Ok(Value::None)
        }
        (Native::Loop, "is_running") => Ok(Value::Bool(interp.host.loop_running.get() > 0)),
        (Native::Loop, "is_closed") => Ok(Value::Bool(interp.host.loop_closed.get())),
        (Native::Loop, "get_debug") => Ok(Value::Bool(interp.host.debug.get())),
        (Native::Loop, "set_debug") => {
            interp.host.debug.set(a.first().is_some_and(Value::truthy));
            Ok(Value::None)
        }
        // What a hand-run loop awaits before `close()`: the executor's threads are done by
        // then; the async generators it first iterated and left suspended are closed.
        (Native::Loop, "shutdown_default_executor") => Ok(at_once(name, Value::None)),
        (Native::Loop, "shutdown_asyncgens") => {
            let rc = interp.host.rc()?;
            let fut = async move {
                super::shutdown_asyncgens(&rc).await;
                Ok(Value::None)
            };
            Ok(Value::Coro(Rc::new(Coro::new(leaf_name(name), Box::pin(fut), false, false))))
        }
        (Native::Loop, "set_exception_handler") => match a {
            [Value::None] => {
                interp.host.exception_handler.borrow_mut().take();
                Ok(Value::None)
            }
            [f] if crate::builtins::is_callable(f) => {
                *interp.host.exception_handler.borrow_mut() = Some(f.clone());
                Ok(Value::None)
            }
            [f] => raise("TypeError", format!("A callable object or None is expected, got {}", f.repr())),
            _ => raise("TypeError", "BaseEventLoop.set_exception_handler() takes 2 positional arguments"),
        },
        (Native::Loop, "get_exception_handler") => {
            Ok(interp.host.exception_handler.borrow().clone().unwrap_or(Value::None))
        }
        (Native::Loop, "default_exception_handler" | "call_exception_handler") => {
            let Some(Value::Dict(context)) = a.first() else {
                return raise("TypeError", format!("{name}() takes a context dict"));
            };
            let entries = context.borrow().entries();
            let get =
                |k: &str| entries.iter().find(|(n, _)| matches!(n, Value::Str(s) if &**s == k)).map(|(_, v)| v.clone());
            let handler = interp.host.exception_handler.borrow().clone();
            if let (Some(handler), "call_exception_handler") = (handler, name) {
                // What it raises is logged, and the caller goes on; only an exit gets through.
                if let Err(e) = interp.call_sync(handler, vec![interp.host.event_loop.clone(), a[0].clone()]) {
                    if super::task::is_base_error(&e) {
                        return Err(e);
                    }
                    super::task::handler_failed(&interp.host.out, &a[0].repr(), &e);
                }
                return Ok(Value::None);
            }
            // CPython's default: the message, the other keys by name, the exception's traceback.
            let mut text = get("message").map_or("Unhandled exception in event loop".into(), |m| m.to_str());
            // The other keys by name, placed one by one (std's sort would add its code to the wasm).
            let mut rest: Vec<(Rc<str>, Value)> = Vec::new();
            for (k, v) in &entries {
                if let Value::Str(k) = k {
                    if !matches!(&**k, "message" | "exception") {
                        let at = rest.iter().position(|(r, _)| r > k).unwrap_or(rest.len());
                        rest.insert(at, (Rc::clone(k), v.clone()));
                    }
                }
            }
            for (k, v) in rest {
                text += &format!("\n{k}: {}", v.repr());
            }
            match get("exception") {
                Some(e @ Value::Instance(_)) => text += &format!("\n{}", interp.host.out.traceback(&e)),
                _ => text.push('\n'),
            }
            interp.host.out.asyncio_error(&text, None);
            Ok(Value::None)
        }
        (Native::Loop, "time") => Ok(Value::Float(interp.host.lesson_secs())),
        (Native::Loop, "create_future") => Ok(Value::Task(PyTask::future(interp))),
        (Native::Loop, "call_soon" | "call_soon_threadsafe" | "call_later" | "call_at") => schedule(interp, name, a),
        (Native::Loop, "run_in_executor") => match kw.first() {
            Some((k, _)) => raise(
                "TypeError",
                format!("BaseEventLoop.run_in_executor() got an unexpected keyword argument '{}'", text(*k)),
            ),
            None => run_in_executor(interp, a),
        },
        (Native::Handle { job, cancelled, .. }, "cancel") => {
            cancelled.set(true);
            super::task::abort(job);
            Ok(Value::None)
        }
        (Native::Handle { cancelled, .. }, "cancelled") => Ok(Value::Bool(cancelled.get())),
        (Native::Handle { when: Some(w), .. }, "when") => Ok(Value::Float(*w)),
        (Native::Reader(_) | Native::Writer(_) | Native::Server(_), _) => {
            // Keywords in their places (`readuntil(separator=b"|")`, `read(n=5)`).
            let names: &[&str] = match name {
                "read" | "readexactly" => &["n"],
                "readuntil" => &["separator"],
                "write" | "writelines" => &["data"],
                "get_extra_info" => &["name", "default"],
                _ => &[],
            };
            let mut a = a.to_vec();
            for key in names.iter().skip(a.len()) {
                match kwarg(&kw, key) {
                    Some(v) => a.push(v),
                    None => break,
                }
            }
            stream_method(interp, name, n, &a)
        }
        (Native::WebSocket(_), _) => crate::websockets::method(name, &n, a),
        _ => crate::interp::unsupported(&format!("{}.{name}()", n.type_name())),
    }
}

/// `loop.call_soon(f, *args)` and its kin (`name`): runs `f(*args)` soon, or after a delay
/// (`call_later`), or at a loop time (`call_at`), in a lane of its own; gives the handle. As
/// in CPython, `f` is not checked here: what cannot be called fails when its time comes, and
/// the loop logs it.
fn schedule(interp: &Interp, name: &'static str, a: &[Value]) -> PyResult {
    let timed = matches!(name, "call_later" | "call_at");
    let missing = |what: &str| raise("TypeError", format!("BaseEventLoop.{name}() missing {what}"));
    let (at, rest) = match (timed, a) {
        (false, rest) => (None, rest),
        (true, []) => {
            let key = if name == "call_at" { "when" } else { "delay" };
            return missing(&format!("2 required positional arguments: '{key}' and 'callback'"));
        }
        (true, [Value::None, ..]) if name == "call_at" => return raise("TypeError", "when cannot be None"),
        (true, [v, rest @ ..]) => match v.as_number() {
            // NaN as due now, as CPython's loop fires a NaN deadline.
            Some(x) if x.is_nan() => (Some(interp.host.lesson_secs()), rest),
            Some(x) if name == "call_later" => (Some(interp.host.lesson_secs() + x), rest),
            Some(x) => (Some(x), rest),
            None => {
                let t = v.type_name();
                return raise("TypeError", format!("unsupported operand type(s) for +: 'float' and '{t}'"));
            }
        },
    };
    let [f, args @ ..] = rest else { return missing("1 required positional argument: 'callback'") };
    if interp.host.loop_closed.get() {
        return raise("RuntimeError", "Event loop is closed");
    }
    let call = callback_call(f, args);
    let job = call_later(&interp.host.rc()?, vec![(f.clone(), args.to_vec())], at);
    Ok(Value::Native(Rc::new(Native::Handle { job, when: at, call, cancelled: Cell::new(false) })))
}

/// `loop.run_in_executor(None, f, *args)`: `f(*args)` starts now in a thread of its own (as
/// `to_thread`'s, see the README's "Threads"), and a future gives its outcome.
fn run_in_executor(interp: &Interp, a: &[Value]) -> PyResult {
    let missing = |what: &str| raise("TypeError", format!("BaseEventLoop.run_in_executor() missing {what}"));
    let (f, args) = match a {
        [] => return missing("2 required positional arguments: 'executor' and 'func'"),
        [Value::None] => return missing("1 required positional argument: 'func'"),
        [Value::None, f, args @ ..] => (f.clone(), args.to_vec()),
        // A function where the executor goes (`run_in_executor(f, 1)`): CPython's error at its `submit`.
        [e, ..] if crate::builtins::get_attr(interp, e, crate::ast::intern("submit")).is_err() => {
            return raise("AttributeError", format!("'{}' object has no attribute 'submit'", e.type_name()));
        }
        _ => return crate::interp::unsupported("executors other than the loop's default (None)"),
    };
    Ok(Value::Task(thread_future(&interp.host.rc()?, f, args, vec![], false)))
}

/// Starts `f(*args, **kw)` in a thread and gives the future of its outcome, which the loop
/// sets a round after the thread ends, as CPython's thread hands it over with
/// `call_soon_threadsafe`: while a task holds the loop it is not done yet, and what awaits it
/// runs after what the loop had to do first. `copy_context`: the thread runs in a copy of
/// the caller's context (`to_thread`), or else in one of its own (an executor's thread).
pub(super) fn thread_future(
    interp: &Rc<Interp>,
    f: Value,
    args: Vec<Value>,
    kw: Vec<(Name, Value)>,
    copy_context: bool,
) -> Rc<PyTask> {
    let fut = PyTask::future(interp);
    let done = Rc::clone(&fut);
    let thread = start_thread(interp, f, args, kw, move |out| {
        // The future takes the outcome, so the thread's own task reports nothing more.
        let state = match out {
            Ok(v) => State::Done(v.clone()),
            Err(e) => State::Failed(e.clone()),
        };
        runtime::call_soon(move || {
            let _ = done.set_outcome(state);
        });
    });
    fut.thread.set(thread.runtime_id.get());
    if !copy_context {
        thread.vars.borrow_mut().clear();
    }
    fut
}

/// Starts `f(*args, **kw)` in a thread (`to_thread`, `run_in_executor`): a task drawn and named
/// as a thread (`thread: f`), whose `time.sleep` does not hold the loop; `done` is told its
/// outcome. Whoever started it takes the outcome: the thread itself reports no exception.
pub(super) fn start_thread(
    interp: &Rc<Interp>,
    f: Value,
    args: Vec<Value>,
    kw: Vec<(Name, Value)>,
    done: impl FnOnce(&PyResult) + 'static,
) -> Rc<PyTask> {
    let fname: Rc<str> = match &crate::functools::unwrap_partial(&f) {
        Value::Func(func) => func.qualname(),
        Value::Builtin(b) => b.name.into(),
        _ => "func".into(),
    };
    let worker = Rc::clone(interp);
    let n = interp.host.worker_take();
    let body = async move {
        // Every thread of the pool busy: the call waits in line for the next one freed.
        let n = match n {
            Some(n) => n,
            None => {
                let turn = PyTask::future(&worker);
                worker.host.worker_wait(Rc::clone(&turn));
                let n = worker.await_value(Value::Task(turn)).await?.as_int().unwrap_or(0) as u32;
                if let Some(me) = super::current() {
                    *me.name.borrow_mut() = format!("asyncio_{n}").into();
                }
                n
            }
        };
        let out = worker.call(f, args, kw).await;
        done(&out);
        if let Some(next) = worker.host.worker_free(n) {
            next.set_outcome(State::Done(Value::Int(n.into())))?;
        }
        out
    };
    let lane = format!("thread: {}", local_name(&fname));
    let name = n.map_or_else(|| "asyncio".into(), |n| format!("asyncio_{n}").into());
    let thread = spawn(interp, Some(name), fname, lane, true, Box::pin(body));
    thread.retrieved.set(true);
    thread
}

/// `asyncio.Condition`'s methods, as CPython's: the lock's own, then `wait`, `wait_for`,
/// `notify` and `notify_all` over futures (`cond` is the condition, `lock` and `waiters` its parts).
fn condition_method(
    interp: &Interp,
    cond: &Rc<Native>,
    lock: &Value,
    waiters: &RefCell<VecDeque<Rc<PyTask>>>,
    name: &'static str,
    mut args: Vec<Value>,
    kw: Vec<(Name, Value)>,
) -> PyResult {
    let locked = |interp: &Interp| native_method(interp, "locked", vec![lock.clone()], vec![]).map(|v| v.truthy());
    match name {
        "acquire" | "release" | "locked" | "__aenter__" | "__aexit__" => {
            args[0] = lock.clone();
            native_method(interp, name, args, kw)
        }
        "notify" | "notify_all" => {
            if !locked(interp)? {
                return raise("RuntimeError", "cannot notify on un-acquired lock");
            }
            let n = match (name, args.get(1).cloned().or_else(|| kwarg(&kw, "n"))) {
                ("notify", Some(v)) => v.as_int().unwrap_or(1),
                ("notify", None) => 1,
                _ => i64::MAX,
            };
            let waiting: Vec<Rc<PyTask>> = waiters.borrow().iter().filter(|f| !f.done()).cloned().collect();
            // Past usize (a 32-bit one in the page): all of them; below 0: none.
            let n = if n < 0 { 0 } else { usize::try_from(n).unwrap_or(usize::MAX) };
            for fut in waiting.iter().take(n) {
                fut.set_outcome(State::Done(Value::Bool(false)))?;
            }
            Ok(Value::None)
        }
        "wait" => {
            let (rc, cond) = (interp.host.rc()?, Rc::clone(cond));
            Ok(Value::Coro(Rc::new(Coro::new(
                "Condition.wait".into(),
                Box::pin(condition_wait(rc, cond)),
                false,
                false,
            ))))
        }
        "wait_for" => {
            let Some(predicate) = args.get(1).cloned() else {
                return raise("TypeError", "wait_for() missing 1 required positional argument: 'predicate'");
            };
            let (rc, cond) = (interp.host.rc()?, Rc::clone(cond));
            let fut = async move {
                loop {
                    let result = rc.call(predicate.clone(), vec![], vec![]).await?;
                    if rc.truthy(&result)? {
                        return Ok(result);
                    }
                    condition_wait(Rc::clone(&rc), Rc::clone(&cond)).await?;
                }
            };
            Ok(Value::Coro(Rc::new(Coro::new("Condition.wait_for".into(), Box::pin(fut), false, false))))
        }
        _ => crate::interp::unsupported(&format!("Condition.{name}()")),
    }
}

/// `await cond.wait()`, as CPython's: lets the lock go, waits on a future of its own until a
/// `notify`, then takes the lock back before it returns, even when cancelled meanwhile (the
/// `CancelledError` comes once the lock is held again).
async fn condition_wait(interp: Rc<Interp>, cond: Rc<Native>) -> PyResult {
    let Native::Condition { lock, waiters } = &*cond else { return Ok(Value::None) };
    if !native_method(&interp, "locked", vec![lock.clone()], vec![])?.truthy() {
        return raise("RuntimeError", "cannot wait on un-acquired lock");
    }
    native_method(&interp, "release", vec![lock.clone()], vec![])?;
    let fut = PyTask::future(&interp);
    waiters.borrow_mut().push_back(Rc::clone(&fut));
    let woken = interp.await_value(Value::Task(Rc::clone(&fut))).await;
    waiters.borrow_mut().retain(|f| !Rc::ptr_eq(f, &fut));
    let mut cancelled = None;
    loop {
        let acquire = native_method(&interp, "acquire", vec![lock.clone()], vec![])?;
        match interp.await_value(acquire).await {
            Ok(_) => break,
            // A fresh one, as CPython raises after taking the lock back.
            Err(e) if is_cancelled_error(&e) => cancelled = Some(cancelled_error()),
            Err(e) => return Err(e),
        }
    }
    match (woken, cancelled) {
        (Err(e), _) | (Ok(_), Some(e)) => Err(e),
        (Ok(_), None) => Ok(Value::Bool(true)),
    }
}

/// `asyncio.Barrier`'s methods: `wait` (also `async with`), `abort` and `reset`, each a
/// coroutine run under the barrier's condition, as CPython's.
fn barrier_method(interp: &Interp, barrier: &Rc<Native>, name: &'static str) -> PyResult {
    let (rc, b) = (interp.host.rc()?, Rc::clone(barrier));
    let fut: LocalBoxFuture<'static, PyResult> = match name {
        "wait" | "__aenter__" => Box::pin(barrier_wait(rc, b)),
        "__aexit__" => return Ok(at_once("__aexit__", Value::None)),
        "abort" | "reset" => Box::pin(async move {
            let Native::Barrier(bar) = &*b else { return Ok(Value::None) };
            with_lock(&rc, &bar.cond, async {
                // Broken for good; or ready for a new round, once its waiters have left.
                bar.state.set(match (name, bar.count.get()) {
                    ("abort", _) => BarrierState::Broken,
                    (_, 0) => BarrierState::Filling,
                    _ => BarrierState::Resetting,
                });
                condition_notify(&rc, &bar.cond)
            })
            .await
        }),
        _ => return crate::interp::unsupported(&format!("Barrier.{name}()")),
    };
    Ok(Value::Coro(Rc::new(Coro::new(format!("Barrier.{name}").into(), fut, false, false))))
}

/// `await barrier.wait()`: waits until the barrier fills (its state lets newcomers in), counts
/// itself in, and either releases the round (the last to come) or waits for it to drain;
/// gives the order it came in, or raises `BrokenBarrierError`.
async fn barrier_wait(interp: Rc<Interp>, barrier: Rc<Native>) -> PyResult {
    use BarrierState::*;
    let Native::Barrier(b) = &*barrier else { return Ok(Value::None) };
    let broken = |m: &str| Err(new_exception(exc_class("BrokenBarrierError"), vec![Value::str(m)]));
    with_lock(&interp, &b.cond, async {
        while matches!(b.state.get(), Draining | Resetting) {
            condition_wait(Rc::clone(&interp), Rc::clone(&b.cond)).await?;
        }
        if b.state.get() == Broken {
            return broken("Barrier aborted");
        }
        let index = b.count.get();
        b.count.set(index + 1);
        let out = if index + 1 == b.parties {
            b.state.set(Draining);
            condition_notify(&interp, &b.cond).map(|_| Value::Int(index))
        } else {
            let mut out = Ok(Value::Int(index));
            while b.state.get() == Filling {
                if let Err(e) = condition_wait(Rc::clone(&interp), Rc::clone(&b.cond)).await {
                    out = Err(e);
                    break;
                }
            }
            match (out, b.state.get()) {
                (Ok(_), Broken | Resetting) => broken("Abort or reset of barrier"),
                (out, _) => out,
            }
        };
        // Its `finally`: the last to leave fills it again.
        b.count.set(b.count.get() - 1);
        if b.count.get() == 0 {
            if matches!(b.state.get(), Resetting | Draining) {
                b.state.set(Filling);
            }
            condition_notify(&interp, &b.cond)?;
        }
        out
    })
    .await
}

/// Runs `body` holding the lock of condition `cond` (`async with cond:`).
async fn with_lock(interp: &Rc<Interp>, cond: &Rc<Native>, body: impl Future<Output = PyResult>) -> PyResult {
    let Native::Condition { lock, .. } = &**cond else { return body.await };
    let acquire = native_method(interp, "acquire", vec![lock.clone()], vec![])?;
    interp.await_value(acquire).await?;
    let out = body.await;
    native_method(interp, "release", vec![lock.clone()], vec![])?;
    out
}

/// `cond.notify_all()` (the lock held).
fn condition_notify(interp: &Interp, cond: &Rc<Native>) -> PyResult {
    native_method(interp, "notify_all", vec![Value::Native(Rc::clone(cond))], vec![])
}

/// A task's methods; a gather's future has the first seven.
pub(super) const TASK_METHODS: &[&str] = &[
    "cancel",
    "cancelled",
    "done",
    "result",
    "exception",
    "add_done_callback",
    "remove_done_callback",
    "get_name",
    "set_name",
    "cancelling",
    "uncancel",
];

/// Whether `a` and `b` are the same function (a method got twice is two objects, but equal).
fn same_callable(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Method(x), Value::Method(y)) => x.0.is(&y.0) && x.1.is(&y.1),
        _ => a.is(b),
    }
}
impl Native {
    /// The methods of each object, as CPython's has them (so that `hasattr` answers as there).
    fn methods(&self) -> &'static [&'static str] {
        const LOCK: &[&str] = &["acquire", "release", "locked", "__aenter__", "__aexit__"];
        match self {
            Native::Queue(_) => {
                &["put", "get", "put_nowait", "get_nowait", "task_done", "join", "qsize", "empty", "full"]
            }
            Native::Event { .. } => &["set", "clear", "is_set", "wait"],
            Native::Semaphore { .. } => LOCK,
            Native::Condition { .. } => {
                &["acquire", "release", "locked", "__aenter__", "__aexit__", "wait", "wait_for", "notify", "notify_all"]
            }
            Native::Loop => &[
                "run_until_complete",
                "run_forever",
                "stop",
                "create_task",
                "close",
                "time",
                "is_running",
                "is_closed",
                "get_debug",
                "set_debug",
                "set_exception_handler",
                "get_exception_handler",
                "default_exception_handler",
                "call_exception_handler",
                "create_future",
                "call_soon",
                "call_soon_threadsafe",
                "call_later",
                "call_at",
                "run_in_executor",
                "shutdown_asyncgens",
                "shutdown_default_executor",
                // Found, then said to be unsupported.
                "set_default_executor",
                "set_task_factory",
            ],
            Native::Reader(_) => &["readline", "read", "readexactly", "readuntil", "at_eof", "__aiter__", "__anext__"],
            Native::Writer(_) => &[
                "write",
                "writelines",
                "write_eof",
                "can_write_eof",
                "drain",
                "close",
                "is_closing",
                "wait_closed",
                "get_extra_info",
            ],
            Native::Server(_) => {
                &["close", "wait_closed", "__aenter__", "__aexit__", "serve_forever", "is_serving", "getsockname"]
            }
            Native::WebSocket(_) => {
                &["recv", "send", "ping", "close", "__aenter__", "__aexit__", "__aiter__", "__anext__"]
            }
            Native::TaskGroup(_) => &["create_task", "__aenter__", "__aexit__"],
            Native::Timeout(_) => &["reschedule", "expired", "when", "__aenter__", "__aexit__"],
            Native::Handle { when: Some(_), .. } => &["cancel", "cancelled", "when"],
            Native::Handle { .. } => &["cancel", "cancelled"],
            Native::Barrier(_) => &["wait", "abort", "reset", "__aenter__", "__aexit__"],
            Native::Random(_) | Native::Super(..) => &[],
            Native::ContextVar { .. } | Native::Token { .. } | Native::Context(..) => &[],
        }
    }

    /// A Lock's or a Semaphore's `locked()`: a Lock is held (not merely handed to a woken
    /// waiter); a Semaphore cannot be acquired at once (no unit, or others wait for one).
    fn locked(&self) -> bool {
        match self {
            Native::Semaphore { value, handed, is_lock: true, .. } => value.get() == 0 && handed.get() == 0,
            Native::Semaphore { value, handed, waiters, .. } => {
                value.get() <= 0 || !waiters.is_empty() || handed.get() > 0
            }
            _ => false,
        }
    }

    /// Its address, as `id()` gives it (`Value::identity`): where it is in the interpreter's memory.
    fn at(&self) -> usize {
        std::ptr::from_ref(self) as usize
    }

    /// A queue's text, as CPython's `repr` (`with_at`: its address) and `str` write it.
    pub fn queue_text(&self, with_at: bool) -> Option<String> {
        let Native::Queue(q) = self else { return None };
        let kind = match (q.lifo, q.heap) {
            (true, _) => "LifoQueue",
            (_, true) => "PriorityQueue",
            _ => "Queue",
        };
        let at = if with_at { format!(" at {:#x}", self.at()) } else { String::new() };
        let mut out = format!("<{kind}{at} maxsize={}", q.maxsize_given.repr());
        // Copied out first: an item's `__repr__` may use the queue.
        let items: Vec<Value> = q.items.borrow().iter().cloned().collect();
        if !items.is_empty() {
            out.push_str(" _queue=");
            out.push_str(&Value::list(items).repr());
        }
        for (line, name) in [(&q.getters, "_getters"), (&q.putters, "_putters")] {
            if !line.is_empty() {
                out.push_str(&format!(" {name}[{}]", line.len()));
            }
        }
        if q.unfinished.get() > 0 {
            out.push_str(&format!(" tasks={}", q.unfinished.get()));
        }
        out.push('>');
        Some(out)
    }

    /// Its `repr` where CPython's says more than `<asyncio.X object at 0x…>`: a handle shows its
    /// callback, the locks, the events, a barrier and the queues their state.
    pub fn repr(&self) -> Option<String> {
        match self {
            Native::TaskGroup(g) => Some(g.repr()),
            Native::ContextVar { .. } | Native::Token { .. } | Native::Context(..) => {
                crate::contextvars::repr(self, self.at())
            }
            Native::Loop => super::running().map(|interp| {
                let (running, closed) = (interp.host.loop_running.get() > 0, interp.host.loop_closed.get());
                let py = |b: bool| if b { "True" } else { "False" };
                format!("<_UnixSelectorEventLoop running={} closed={} debug=False>", py(running), py(closed))
            }),
            Native::Handle { when, call, cancelled, .. } => {
                let state = if cancelled.get() { " cancelled" } else { "" };
                Some(match when {
                    Some(w) => {
                        let call = if cancelled.get() { String::new() } else { format!(" {call}") };
                        format!("<TimerHandle{state} when={}{call}>", Value::Float(*w).repr())
                    }
                    None if cancelled.get() => "<Handle cancelled>".to_string(),
                    None => format!("<Handle {call}>"),
                })
            }
            // As CPython's `asyncio.locks` and `asyncio.queues` write their state.
            Native::Semaphore { value, handed, waiters, is_lock, .. } => {
                let kind = self.type_name();
                let waiting = waiters.len() as i64 + handed.get();
                let mut extra = match (self.locked(), *is_lock) {
                    (true, _) => "locked".to_string(),
                    (false, true) => "unlocked".to_string(),
                    (false, false) => format!("unlocked, value:{}", value.get()),
                };
                if waiting > 0 {
                    extra.push_str(&format!(", waiters:{waiting}"));
                }
                Some(format!("<asyncio.locks.{kind} object at {:#x} [{extra}]>", self.at()))
            }
            Native::Condition { lock, waiters } => {
                let locked = matches!(lock, Value::Native(l) if l.locked());
                let mut extra = if locked { "locked" } else { "unlocked" }.to_string();
                if !waiters.borrow().is_empty() {
                    extra.push_str(&format!(", waiters:{}", waiters.borrow().len()));
                }
                Some(format!("<asyncio.locks.Condition object at {:#x} [{extra}]>", self.at()))
            }
            // As CPython's `asyncio.timeouts`: its state, and its deadline while entered.
            Native::Timeout(t) => {
                let state =
                    ["created", "active", "expiring", "expired", "finished"][usize::from(t.state.get().min(EXITED))];
                let when = match (t.state.get(), t.when.get()) {
                    (ENTERED, Some(w)) => {
                        format!(" when={}", Value::Float(crate::format::round_float(w, 3).unwrap_or(w)).repr())
                    }
                    (ENTERED, None) => " when=None".to_string(),
                    _ => String::new(),
                };
                Some(format!("<Timeout [{state}]{when}>"))
            }
            Native::Event { set, waiters } => {
                // Those `set()` woke count until they run, as asyncio keeps their futures.
                let n = waiters.len_with_woken();
                let waiting = if n == 0 { String::new() } else { format!(", waiters:{n}") };
                Some(format!(
                    "<asyncio.locks.Event object at {:#x} [{}{waiting}]>",
                    self.at(),
                    if set.get() { "set" } else { "unset" }
                ))
            }
            Native::Barrier(b) => {
                let state = match b.state.get() {
                    BarrierState::Filling => "filling",
                    BarrierState::Draining => "draining",
                    BarrierState::Resetting => "resetting",
                    BarrierState::Broken => {
                        return Some(format!("<asyncio.locks.Barrier object at {:#x} [broken]>", self.at()))
                    }
                };
                let waiting = if b.state.get() == BarrierState::Filling { b.count.get() } else { 0 };
                Some(format!(
                    "<asyncio.locks.Barrier object at {:#x} [{state}, waiters:{waiting}/{}]>",
                    self.at(),
                    b.parties
                ))
            }
            Native::Queue(_) => self.queue_text(true),
            _ => None,
        }
    }
}

/// A bound `__await__` of a task, a future or a coroutine: the object itself.
fn itself(_: &Interp, _: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    Ok(args.first().cloned().unwrap_or(Value::None))
}

/// What a plain future has beyond the first seven of [`TASK_METHODS`].
const FUTURE_METHODS: &[&str] = &["set_result", "set_exception", "get_loop"];

/// Attributes of tasks, coroutines and the asyncio objects.
pub fn get_attr(interp: &Interp, obj: &Value, name: Name) -> PyResult {
    let t = crate::value::text(name);
    let pick = |list: &[&'static str]| list.iter().copied().find(|m| *m == &*t);
    match obj {
        Value::Task(task) => {
            if let Some((_, v)) = task.attrs.borrow().iter().find(|(n, _)| *n == name) {
                return Ok(v.clone());
            }
            // A task has them all; a future the first seven, and a plain one its setters.
            let (own, setters, shown): (&[&str], &[&str], _) = match (&task.gathering, &task.plain) {
                (None, None) => (TASK_METHODS, &FUTURE_METHODS[..2], "_asyncio.Task"),
                (None, Some(_)) => (&TASK_METHODS[..7], FUTURE_METHODS, "_asyncio.Future"),
                (Some(_), _) => (&TASK_METHODS[..7], &[], "_GatheringFuture"),
            };
            match pick(own).or_else(|| pick(setters)) {
                // A task's methods are checked; a future's are named otherwise in CPython's errors.
                Some(m) if task.runs_coro() => {
                    Ok(Value::Method(Rc::new((obj.clone(), crate::builtins::checked("Task", m, task_method, true)))))
                }
                Some(m) => Ok(Value::Method(Rc::new((obj.clone(), builtin(m, task_method))))),
                None if &*t == "get_loop" => {
                    Ok(Value::Method(Rc::new((obj.clone(), builtin("get_loop", task_method)))))
                }
                // What a class's `__await__` delegates to (`return self.fut.__await__()`): the
                // future itself, which the `await` of the class's object then awaits.
                None if &*t == "__await__" => Ok(Value::Method(Rc::new((obj.clone(), builtin("__await__", itself))))),
                // What CPython's tasks have and these lack is said to be missing, not misspelt.
                None if matches!(&*t, "get_coro" | "get_stack" | "print_stack") => {
                    crate::interp::unsupported(&format!("Task.{t}"))
                }
                None => Err(crate::builtins::no_method_named(shown, &t, &[own, setters].concat())),
            }
        }
        Value::Native(n) => match &**n {
            // Looked for past `class` in the order of the object's class (or of the class itself).
            Native::Super(me, class) => match super_of(me).lookup_after(class, name) {
                // Found for a class (`super()` in a classmethod): a plain function, unbound.
                Some(f @ (Value::Func(_) | Value::Builtin(_))) if matches!(me, Value::Class(_)) => Ok(f),
                Some(f @ (Value::Func(_) | Value::Builtin(_))) => Ok(Value::Method(Rc::new((me.clone(), f)))),
                // A property, classmethod or staticmethod of a base, bound to the object (or the
                // class) `super()` stands for, not to the base.
                Some(Value::Instance(d)) if d.class.kind == Kind::Other => {
                    let (instance, of) = match me {
                        Value::Class(c) => (None, Rc::clone(c)),
                        v => (Some(me), v.class()),
                    };
                    crate::builtins::bind(interp, &d, instance, &of)
                }
                Some(v) => Ok(v),
                // `object`'s (`BaseException`'s): `super().__init__()`, `super().__repr__()`.
                None => crate::builtins::object_method(name, Some(me))
                    .ok_or_else(|| exc("AttributeError", format!("'super' object has no attribute '{t}'"))),
            },
            Native::Queue(q) if matches!(&*t, "maxsize" | "_maxsize") => Ok(q.maxsize_given.clone()),
            // Its listening socket, as the object itself (`server.sockets[0].getsockname()`);
            // none once it is closed.
            Native::Server(key) if &*t == "sockets" => {
                Ok(Value::tuple(if listening(interp, key) { vec![obj.clone()] } else { vec![] }))
            }
            Native::Loop if &*t == "slow_callback_duration" => Ok(Value::Float(interp.host.slow_callback.get())),
            // The private state learners print, as CPython's asyncio keeps it.
            Native::Semaphore { value, is_lock: false, .. } if &*t == "_value" => Ok(Value::Int(value.get())),
            Native::Semaphore { is_lock: true, .. } if &*t == "_locked" => Ok(Value::Bool(n.locked())),
            Native::Event { set, .. } if &*t == "_value" => Ok(Value::Bool(set.get())),
            Native::Queue(q) if &*t == "_unfinished_tasks" => Ok(Value::Int(q.unfinished.get() as i64)),
            // A copy of its items as CPython keeps them: a deque, or a list (a heap's in heap order).
            Native::Queue(q) if &*t == "_queue" => {
                let items = Value::list(q.items.borrow().iter().cloned().collect());
                match q.lifo || q.heap {
                    true => Ok(items),
                    false => crate::deque::new(interp, &[items], &[]),
                }
            }
            Native::Barrier(b) if matches!(&*t, "parties" | "n_waiting" | "broken") => Ok(match &*t {
                "parties" => Value::Int(b.parties),
                "n_waiting" if b.state.get() == BarrierState::Filling => Value::Int(b.count.get()),
                "n_waiting" => Value::Int(0),
                _ => Value::Bool(b.state.get() == BarrierState::Broken),
            }),
            Native::ContextVar { .. } | Native::Token { .. } | Native::Context(..) => {
                crate::contextvars::get_attr(obj, n, &t)
            }
            Native::Random(_) => {
                let methods = crate::modules::random_methods();
                match pick(methods) {
                    Some(m) => Ok(Value::Method(Rc::new((
                        obj.clone(),
                        crate::builtins::checked("random", m, crate::modules::random_method, true),
                    )))),
                    None => Err(crate::builtins::no_method_named("Random", &t, methods)),
                }
            }
            _ => match pick(n.methods()) {
                Some(m) => {
                    let owner = match n.type_name() {
                        "LifoQueue" | "PriorityQueue" => "Queue",
                        owner => owner,
                    };
                    Ok(Value::Method(Rc::new((obj.clone(), crate::builtins::checked(owner, m, native_method, true)))))
                }
                None => Err(crate::builtins::no_method_named(n.type_name(), &t, n.methods())),
            },
        },
        // A coroutine's names, and `close()`: one never started is closed without the warning
        // (CPython's way to drop a coroutine on purpose).
        Value::Coro(c) => match &*t {
            "__qualname__" => Ok(Value::Str(c.qualname())),
            "__name__" => Ok(Value::str(c.name.rsplit('.').next().unwrap_or(&c.name))),
            // What a hand-written event loop drives a coroutine with (see `Gen::drive`).
            "send" | "throw" | "close" => {
                let name = match &*t {
                    "send" => "send",
                    "throw" => "throw",
                    _ => "close",
                };
                Ok(Value::Method(Rc::new((obj.clone(), builtin(name, crate::builtins::function)))))
            }
            // What a class's `__await__` delegates to (`yield from coro.__await__()`): the
            // coroutine itself, which a `yield from` awaits.
            "__await__" => Ok(Value::Method(Rc::new((obj.clone(), builtin("__await__", itself))))),
            "cr_await" | "cr_frame" | "cr_running" | "cr_code" => crate::interp::unsupported(&format!("coroutine.{t}")),
            _ => raise("AttributeError", format!("'coroutine' object has no attribute '{t}'")),
        },
        _ => {
            let _ = interp;
            raise("AttributeError", format!("'{}' object has no attribute '{t}'", obj.type_name()))
        }
    }
}

/// The class whose resolution order `super()` walks: the object's, or the class a
/// classmethod was given.
fn super_of(me: &Value) -> Rc<Class> {
    match me {
        Value::Class(c) => Rc::clone(c),
        v => v.class(),
    }
}
