//! The asyncio objects (queues, events, locks, semaphores, streams) and the methods of tasks and of them.

use super::*;

// ---- the asyncio objects ----

/// Objects of the asyncio module and a few of the interpreter's own (fields: their state).
#[allow(missing_docs)]
pub enum Native {
    /// `asyncio.Queue`.
    Queue(Queue),
    /// `asyncio.Event`.
    Event { set: Cell<bool>, waiters: Line },
    /// `asyncio.Lock` (`limit` 1) and `asyncio.Semaphore`.
    /// A Lock is a semaphore of 1; `bound` is a `BoundedSemaphore`'s initial value (else i64::MAX).
    Semaphore { value: Cell<i64>, waiters: Line, is_lock: bool, bound: i64 },
    /// What `super()` gives: the instance and the class to look from.
    Super(Value, Rc<Class>),
    /// What `get_event_loop()` gives.
    Loop,
    /// `random.Random(seed)`.
    Random(Box<RefCell<crate::mt::Random>>),
    /// A stream's reading end (`asyncio.StreamReader`).
    Reader(Rc<Pipe>),
    /// A stream's writing end (`asyncio.StreamWriter`).
    Writer(Rc<Pipe>),
    /// What `asyncio.start_server` gives.
    Server,
    /// What `websockets.connect` gives (see [`crate::websockets`]).
    WebSocket(crate::websockets::Connection),
    /// `asyncio.TaskGroup()`.
    TaskGroup(Group),
}

/// A `TaskGroup`'s state, as CPython 3.11's `asyncio.taskgroups` keeps it: the first child
/// to fail cancels the others and, while the `async with` body still runs, the task running
/// it; leaving the block waits for every child and raises their errors as an
/// `ExceptionGroup`.
#[derive(Default)]
pub struct Group {
    tasks: RefCell<Vec<Rc<PyTask>>>,
    errors: RefCell<Vec<Value>>,
    parent: RefCell<Option<Rc<PyTask>>>,
    aborting: Cell<bool>,
    exiting: Cell<bool>,
    parent_cancel_requested: Cell<bool>,
}

impl Group {
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

    /// A child ended with an error (not a cancel): kept, and the group aborts.
    fn child_failed(&self, e: &Value) {
        self.errors.borrow_mut().push(e.clone());
        if let Some(t) = current() {
            t.retrieved.set(true);
        }
        if self.aborting.get() {
            return;
        }
        self.abort();
        if !self.exiting.get() {
            if let Some(p) = self.parent.borrow().as_ref() {
                p.cancel();
                self.parent_cancel_requested.set(true);
            }
        }
    }
}

/// One direction of an in-page connection: what was written and not yet read, whether the
/// writer closed, and the reader waiting for more (woken as by I/O).
#[derive(Default)]
pub struct Pipe {
    pub(super) buf: RefCell<String>,
    pub(super) closed: Cell<bool>,
    pub(super) reader: RefCell<Option<Waker>>,
}

impl Pipe {
    pub(super) fn wake_reader(&self) {
        let w = self.reader.borrow_mut().take();
        if let Some(w) = w {
            waking_because(WakeCause::Io, || w.wake());
        }
    }
}

/// `asyncio.start_server(callback, host, port)`: listens on the page's own loopback.
pub(super) fn start_server(interp: &Interp, args: &[Value]) -> PyResult {
    let (Some(cb), host, port) = (args.first(), args.get(1), args.get(2)) else {
        return raise("TypeError", "start_server() missing 1 required positional argument: 'client_connected_cb'");
    };
    let key = format!("{}:{}", host.map_or(String::new(), Value::to_str), port.map_or(String::new(), Value::to_str));
    interp.host.listeners.borrow_mut().push((key, cb.clone()));
    Ok(leaf("start_server", async { Ok(Value::Native(Rc::new(Native::Server))) }))
}

/// `asyncio.open_connection(host, port)`: connects to a server the script started; the
/// server's callback runs as a task of its own.
pub(super) fn open_connection(interp: &Interp, args: &[Value]) -> PyResult {
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
        let server_side = crate::builtins::iterate(&side(&up, &down))?;
        let coro = rc.call(cb, server_side, vec![]).await?;
        task_of(&rc, coro, None)?;
        Ok(side(&down, &up))
    }))
}

pub(super) fn stream_method(name: &'static str, n: Rc<Native>, a: &[Value]) -> PyResult {
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
        _ => crate::interp::unsupported(&format!("{}.{name}()", n.type_name())),
    }
}

/// `asyncio.Queue`.
pub struct Queue {
    pub(super) items: RefCell<VecDeque<Value>>,
    pub(super) maxsize: usize,
    pub(super) unfinished: Cell<usize>,
    pub(super) getters: Line,
    pub(super) putters: Line,
    pub(super) joiners: Line,
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
            Native::TaskGroup(_) => "TaskGroup",
        }
    }
}

pub(super) fn task_method(_interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Task(t)) = args.first() else { return raise("TypeError", "descriptor needs a Task") };
    match name {
        "cancel" => Ok(Value::Bool(t.cancel_with(args.get(1).cloned().or_else(|| kwarg(&kw, "msg"))))),
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
        _ => crate::interp::unsupported(&format!("Task.{name}()")),
    }
}

pub(super) fn native_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
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
            q.getters.wake_first();
            if name == "put" {
                return Ok(leaf("put", async { Ok(Value::None) }));
            }
            Ok(Value::None)
        }
        (Native::Queue(_), "put") => {
            let v = a.first().cloned().unwrap_or(Value::None);
            Ok(leaf("put", async move {
                let Native::Queue(q) = &*n else { return Ok(Value::None) };
                let mut place = Place::turn(&q.putters);
                std::future::poll_fn(|cx| {
                    if q.items.borrow().len() < q.maxsize {
                        place.done();
                        return Poll::Ready(());
                    }
                    place.wait(cx, false);
                    Poll::Pending
                })
                .await;
                q.items.borrow_mut().push_back(v);
                q.unfinished.set(q.unfinished.get() + 1);
                q.getters.wake_first();
                Ok(Value::None)
            }))
        }
        (Native::Queue(q), "get_nowait") => {
            let v = q.items.borrow_mut().pop_front();
            match v {
                Some(v) => {
                    q.putters.wake_first();
                    Ok(v)
                }
                None => Err(new_exception(exc_class("QueueEmpty"), vec![])),
            }
        }
        (Native::Queue(_), "get") => Ok(leaf("get", async move {
            let Native::Queue(q) = &*n else { return Ok(Value::None) };
            let mut place = Place::turn(&q.getters);
            let v = std::future::poll_fn(|cx| {
                let v = q.items.borrow_mut().pop_front();
                match v {
                    Some(v) => {
                        place.done();
                        Poll::Ready(v)
                    }
                    None => {
                        place.wait(cx, false);
                        Poll::Pending
                    }
                }
            })
            .await;
            q.putters.wake_first();
            Ok(v)
        })),
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
                    return Poll::Ready(());
                }
                place.wait(cx, false);
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
                waiters.wake_all();
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
            let mut place = Place::among(waiters);
            std::future::poll_fn(|cx| {
                if set.get() {
                    place.done();
                    return Poll::Ready(());
                }
                place.wait(cx, false);
                Poll::Pending
            })
            .await;
            Ok(Value::Bool(true))
        })),
        (Native::Semaphore { .. }, "acquire" | "__aenter__") => {
            let is_enter = name == "__aenter__";
            Ok(leaf("acquire", async move {
                let Native::Semaphore { value, waiters, .. } = &*n else { return Ok(Value::None) };
                let mut place = Place::turn(waiters);
                std::future::poll_fn(|cx| {
                    // First come, first served: a newcomer waits behind those already waiting;
                    // a woken waiter another took the turn from keeps its place at the front.
                    let woken = place.woken();
                    if value.get() > 0 && (woken || waiters.is_empty()) {
                        value.set(value.get() - 1);
                        place.done();
                        return Poll::Ready(());
                    }
                    place.wait(cx, woken);
                    Poll::Pending
                })
                .await;
                Ok(if is_enter { Value::None } else { Value::Bool(true) })
            }))
        }
        (Native::Semaphore { value, waiters, is_lock, bound }, "release" | "__aexit__") => {
            if *is_lock && value.get() > 0 {
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
            waiters.wake_first();
            if name == "__aexit__" {
                return Ok(leaf("release", async { Ok(Value::None) }));
            }
            Ok(Value::None)
        }
        (Native::Semaphore { value, is_lock, .. }, "locked") => {
            Ok(Value::Bool(if *is_lock { value.get() == 0 } else { value.get() <= 0 }))
        }
        (Native::TaskGroup(g), "__aenter__") => {
            *g.parent.borrow_mut() = current();
            let me = Value::Native(Rc::clone(&n));
            Ok(leaf("__aenter__", async move { Ok(me) }))
        }
        (Native::TaskGroup(g), "create_task") => {
            let Some(Value::Coro(c)) = a.first() else {
                return raise(
                    "TypeError",
                    format!("a coroutine was expected, got {}", a.first().map_or("nothing".into(), Value::repr)),
                );
            };
            if g.exiting.get() && g.tasks.borrow().iter().all(|t| t.done()) {
                return raise("RuntimeError", "TaskGroup is finished");
            }
            let Some(inner) = c.take() else { return raise("RuntimeError", "cannot reuse already awaited coroutine") };
            // The child reports its error to the group as it ends, as CPython's done callback does.
            let group = Rc::downgrade(&n);
            let inner = runnable(inner, c.leaf);
            let child = async move {
                let out = inner.await;
                if let (Err(e), Some(n)) = (&out, group.upgrade()) {
                    if let (false, Native::TaskGroup(g)) = (is_cancelled_error(e), &*n) {
                        g.child_failed(e);
                    }
                }
                out
            };
            let mut wrapped = Coro::new(Rc::clone(&c.name), Box::pin(child), false, false);
            wrapped.line = c.line;
            wrapped.call = c.call.clone();
            let name = a.get(1).cloned().or_else(|| kwarg(&kw, "name")).filter(|v| !matches!(v, Value::None));
            let task = task_of(&interp.host.rc()?, Value::Coro(Rc::new(wrapped)), name.map(|v| Rc::from(v.to_str())))?;
            g.tasks.borrow_mut().push(Rc::clone(&task));
            Ok(Value::Task(task))
        }
        (Native::TaskGroup(g), "__aexit__") => {
            g.exiting.set(true);
            let mut propagate_cancel = false;
            let mut body_error = None;
            match a.get(1) {
                Some(e) if is_cancelled_error(e) => {
                    propagate_cancel = !g.parent_cancel_requested.get();
                    g.abort();
                }
                Some(e @ Value::Instance(_)) => {
                    body_error = Some(e.clone());
                    g.abort();
                }
                _ => {}
            }
            let tasks = g.tasks.borrow().clone();
            let n2 = Rc::clone(&n);
            Ok(group("__aexit__", tasks, async move {
                let Native::TaskGroup(g) = &*n2 else { return Ok(Value::None) };
                // The children as they are at each look: one may create another meanwhile.
                std::future::poll_fn(|cx| {
                    if awaits::wait_on_pending(&g.tasks.borrow(), cx) {
                        Poll::Pending
                    } else {
                        Poll::Ready(())
                    }
                })
                .await;
                // The body's own error after the children's, as CPython adds it.
                g.errors.borrow_mut().extend(body_error);
                let errors = std::mem::take(&mut *g.errors.borrow_mut());
                if errors.is_empty() {
                    return if propagate_cancel { Err(cancelled_error()) } else { Ok(Value::None) };
                }
                Err(exception_group("unhandled errors in a TaskGroup", errors))
            }))
        }
        (Native::Loop, "run_until_complete") => {
            let Some(aw) = a.first().cloned() else {
                return raise("TypeError", "run_until_complete() missing 1 required positional argument: 'future'");
            };
            run(interp, aw, false)
        }
        (Native::Loop, "create_task") => create_task(interp, "loop.create_task", a.to_vec(), kw),
        (Native::Loop, "close") => {
            interp.host.loop_closed.set(true);
            Ok(Value::None)
        }
        (Native::Loop, "is_running") => Ok(Value::Bool(interp.host.loop_running.get() > 0)),
        (Native::Loop, "is_closed") => Ok(Value::Bool(interp.host.loop_closed.get())),
        (Native::Loop, "time") => Ok(Value::Float(interp.host.lesson_secs())),
        (Native::Reader(_) | Native::Writer(_) | Native::Server, _) => stream_method(name, n, a),
        (Native::WebSocket(_), _) => crate::websockets::method(name, &n),
        _ => crate::interp::unsupported(&format!("{}.{name}()", n.type_name())),
    }
}

pub(super) const TASK_METHODS: &[&str] =
    &["cancel", "cancelled", "done", "result", "exception", "get_name", "set_name"];
pub(super) const NATIVE_METHODS: &[&str] = &[
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
    let t = crate::value::text(name);
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
                    Some(m) => Ok(Value::Method(Rc::new((obj.clone(), builtin(m, crate::modules::random_method))))),
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
