//! Generators. A `def` whose body has `yield` makes a generator when called (an `async def`
//! one, an async generator). The body runs as the interpreter's other code does, as a
//! future; a `yield` stores its value and returns `Pending` once, and whoever resumes the
//! generator (`next`, a `for` loop, `send`) polls the body until it yields, returns or
//! raises. An async generator's body may also await: that `Pending` has no value and goes
//! up to the task that runs the `async for`, which the awaited thing wakes as usual.

use std::future::Future;
use std::pin::Pin;
use std::rc::Weak;
use std::task::{Context, Poll};

use futures::future::LocalBoxFuture;

use super::*;

/// Where a generator is.
#[derive(Clone, Copy, PartialEq)]
enum State {
    /// Made, its body not yet begun.
    Fresh,
    /// Stopped at a `yield`.
    Suspended,
    /// Its body runs now (a generator that resumes itself is an error).
    Running,
    /// Suspended at an `await` in its body (an async generator): only the resume that
    /// started this step may go on with it.
    Awaiting,
    /// Its body waits for a call that runs in a frame of its own (see `aio::InFrame`): still
    /// running, as CPython's generator is while its callee runs; only the resume that started
    /// this step may go on with it.
    Calling,
    /// Returned or raised.
    Done,
}

/// A generator or an async generator.
pub struct Gen {
    /// The function's qualified name, for `repr`.
    pub name: Rc<str>,
    /// An `async def`'s generator: iterated by `async for`.
    pub is_async: bool,
    /// What a built-in made as a generator is to `type()` (`map`, `enumerate`, `count`).
    pub builtin: Option<&'static str>,
    /// The line of its function's `def` (0: a built-in's or a generator expression's).
    line: u32,
    body: RefCell<Option<LocalBoxFuture<'static, PyResult>>>,
    state: Cell<State>,
    /// What it and the `yield` its body stopped at hand each other.
    io: Rc<Exchange>,
    /// What the body returned (`StopIteration.value`, what `yield from` evaluates to).
    pub(super) returned: RefCell<Value>,
    /// The exceptions it handles while suspended in an `except` block: off the task's stack
    /// until it resumes, so the code that resumed it is not handling them.
    handling: RefCell<Vec<Value>>,
    /// Where the task's stack of exceptions handled stood when the step that is `Calling`
    /// began: the exceptions it handles stay on the stack above it while the call runs.
    calling_depth: Cell<usize>,
}

/// What a generator and the `yield` its body stopped at hand each other: shared, so that a
/// body closed after its generator was freed (see `Drop`) still meets its `yield`.
struct Exchange {
    /// What the `yield` that just stopped the body gave.
    out: RefCell<Option<Value>>,
    /// What the next resume sends in (the value of the `yield` expression).
    sent: RefCell<Value>,
    /// What the next resume raises at the `yield` instead (`close()`'s `GeneratorExit`).
    thrown: RefCell<Option<Exc>>,
}

impl Drop for Gen {
    fn drop(&mut self) {
        let Some(body) = self.body.get_mut().take() else { return };
        // An async generator freed at a `yield` while its loop runs is closed as CPython's
        // loop's finalizer closes it: `aclose()` in a task a callback creates soon (its
        // `finally` may await). Its body goes on in a generator of its own.
        if self.is_async && self.state.get() == State::Suspended {
            if let Some(interp) = aio::running_or_last().filter(|i| i.host.loop_running.get() > 0) {
                let mut gen = Gen::new(Rc::clone(&self.name), true, body);
                gen.io = Rc::clone(&self.io);
                let gen = Rc::new(gen);
                gen.state.set(State::Suspended);
                *gen.handling.borrow_mut() = std::mem::take(self.handling.get_mut());
                if let Ok(closing) = gen.async_step(&interp, "aclose", None) {
                    aio::create_task_soon(&interp, closing);
                }
                return;
            }
        }
        // A script's generator freed at a `yield` is closed, as CPython closes it when its last
        // reference goes (its `finally` runs): not here, where the evaluator may hold borrows,
        // but before the next statement runs (see `Interp::close_freed`).
        // So is a coroutine a hand-written loop drove (see `Gen::drive`).
        if !self.is_async && (self.builtin.is_none() || self.drives_coroutine()) && self.state.get() == State::Suspended
        {
            if let Some(interp) = aio::running_or_last().filter(|i| !i.host.out.exiting.get()) {
                let mut gen = Gen::new(Rc::clone(&self.name), false, body);
                gen.builtin = self.builtin;
                gen.io = Rc::clone(&self.io);
                gen.state.set(State::Suspended);
                *gen.handling.get_mut() = std::mem::take(self.handling.get_mut());
                FREED.with(|f| f.borrow_mut().push((Rc::downgrade(&interp), Rc::new(gen))));
                return;
            }
        }
        // Generators over generators, as deep as the script built them (see `trash`).
        crate::value::trash([crate::value::Trash::Body(body)]);
    }
}

thread_local! {
    /// Script generators freed at a `yield`, to be closed at their run's next statement.
    static FREED: RefCell<Vec<(Weak<Interp>, Rc<Gen>)>> = const { RefCell::new(Vec::new()) };
}

impl Interp {
    /// Closes the generators freed at a `yield` since the last safe point (a statement, a
    /// frame's end, a built-in's call), as CPython's are when freed: `GeneratorExit` at the
    /// `yield`, so their `finally` runs. What goes wrong there is lost, as CPython only
    /// reports it as "ignored". The objects freed meanwhile are finalized (`__del__`) too.
    /// Called before every statement: nothing to close costs a look.
    pub fn close_freed(&self) {
        self.finalize_freed();
        if FREED.with(|f| f.borrow().is_empty()) {
            return;
        }
        let mine = |(of, _): &(Weak<Interp>, Rc<Gen>)| std::ptr::eq(of.as_ptr(), self);
        while let Some((_, gen)) = FREED.with(|f| {
            let mut f = f.borrow_mut();
            f.iter().rposition(mine).map(|at| f.remove(at))
        }) {
            let _ = gen.close(self);
        }
        self.finalize_freed(); // what the closed generators freed
    }

    /// Calls the `__del__` of the objects freed since the last safe point, in the order they
    /// went, as CPython calls it when the last reference goes. What it raises goes no further:
    /// it is printed as "ignored", as CPython prints it. What it frees is finalized in turn.
    pub fn finalize_freed(&self) {
        loop {
            let due = crate::value::take_finalized(self);
            if due.is_empty() {
                return;
            }
            for obj in due {
                let Some(del) = obj.class.lookup(intern("__del__")) else { continue };
                if let Err(e) = self.call_sync(del.clone(), vec![Value::Instance(obj)]) {
                    let report = self.host.out.uncaught(&e);
                    self.host.write(&format!("Exception ignored in: {}\n{report}", del.repr()), true);
                }
            }
        }
    }
}

/// Forgets the generators `interp`'s run left to close (it ended: they would hold its values).
pub fn forget_freed(interp: &Interp) {
    let mine = |(of, _): &(Weak<Interp>, Rc<Gen>)| std::ptr::eq(of.as_ptr(), interp) || of.strong_count() == 0;
    let freed: Vec<_> = FREED.with(|f| {
        let mut f = f.borrow_mut();
        let (gone, kept) = std::mem::take(&mut *f).into_iter().partition(mine);
        *f = kept;
        gone
    });
    drop(freed); // not while FREED is borrowed: a generator freed here may free another
}

impl Gen {
    /// A generator that will run `body`.
    pub fn new(name: Rc<str>, is_async: bool, body: LocalBoxFuture<'static, PyResult>) -> Gen {
        Gen {
            name,
            is_async,
            builtin: None,
            line: 0,
            body: RefCell::new(Some(body)),
            state: Cell::new(State::Fresh),
            io: Rc::new(Exchange {
                out: RefCell::default(),
                sent: RefCell::new(Value::None),
                thrown: RefCell::default(),
            }),
            returned: RefCell::new(Value::None),
            handling: RefCell::default(),
            calling_depth: Cell::new(0),
        }
    }

    /// An async generator's first iteration in a running loop (CPython's `firstiter` hook):
    /// the loop keeps it, to close it as the loop ends.
    pub fn first_iterated(self: &Rc<Self>, interp: &Interp) {
        if !self.is_async || self.state.get() != State::Fresh || interp.host.loop_running.get() == 0 {
            return;
        }
        let mut gens = interp.host.asyncgens.borrow_mut();
        if !gens.iter().any(|(_, g)| std::ptr::eq(g.as_ptr(), Rc::as_ptr(self))) {
            gens.retain(|(_, g)| g.strong_count() > 0);
            gens.push((interp.host.out.event_loop.get(), Rc::downgrade(self)));
        }
    }

    /// Whether it stands at a `yield` (started, not finished, not running).
    pub fn is_suspended(&self) -> bool {
        self.state.get() == State::Suspended
    }

    /// A built-in's iterator, made as a generator of the type named `kind` (`map`, `count`).
    pub fn of_builtin(kind: &'static str, body: LocalBoxFuture<'static, PyResult>) -> Gen {
        let mut g = Gen::new(kind.into(), false, body);
        g.builtin = Some(kind);
        g
    }

    /// Runs the body to its next `yield`: `Some(value)` it yielded, `None` it returned (or had
    /// already ended), `Pending` it waits (an async generator's `await`, the time slice, or a
    /// call in a frame of its own). `continuing`: the resume that started this step.
    fn poll_resume(
        self: &Rc<Self>,
        interp: &Interp,
        cx: &mut Context<'_>,
        continuing: bool,
    ) -> Poll<PyResult<Option<Value>>> {
        let calling = match self.state.get() {
            // What it returned went with the end it was found at (a `for` loop's, `list()`'s):
            // a later `next()` raises a bare `StopIteration`, as CPython's.
            State::Done => {
                self.returned.replace(Value::None);
                return Poll::Ready(Ok(None));
            }
            State::Running => return Poll::Ready(self.already_executing()),
            State::Calling if !continuing => return Poll::Ready(self.already_executing()),
            State::Calling => true,
            State::Fresh | State::Suspended | State::Awaiting => false,
        };
        // Generators over generators nest their polls: counted as nested evaluations, so that
        // thousands of them stop with a `RecursionError` before the browser's stack is spent
        // (CPython's own crashes there).
        let nested = match aio::Nested::enter() {
            Ok(nested) => nested,
            Err(e) => return Poll::Ready(Err(e)),
        };
        let Some(mut body) = self.body.borrow_mut().take() else { return Poll::Ready(Ok(None)) };
        self.state.set(State::Running);
        interp.gens.borrow_mut().push(Rc::clone(self));
        // A step that waited for a call goes on with its exceptions still on the task's stack.
        let depth = if calling { self.calling_depth.get() } else { aio::handling_depth() };
        if !calling {
            aio::handling_restore(std::mem::take(&mut *self.handling.borrow_mut()));
        }
        let frames = aio::frame_count();
        let poll = body.as_mut().poll(cx);
        drop(nested);
        interp.gens.borrow_mut().pop();
        match poll {
            Poll::Pending if aio::frame_count() > frames => {
                self.calling_depth.set(depth);
                *self.body.borrow_mut() = Some(body);
                self.state.set(State::Calling);
                Poll::Pending
            }
            Poll::Pending => {
                *self.handling.borrow_mut() = aio::handling_take(depth);
                *self.body.borrow_mut() = Some(body);
                let out = self.io.out.borrow_mut().take();
                self.state.set(if out.is_some() { State::Suspended } else { State::Awaiting });
                match out {
                    Some(v) => Poll::Ready(Ok(Some(v))),
                    None => Poll::Pending,
                }
            }
            Poll::Ready(out) => {
                self.state.set(State::Done);
                drop(body); // its scope, and what it holds, go now
                Poll::Ready(match out {
                    Ok(v) => {
                        *self.returned.borrow_mut() = v;
                        Ok(None)
                    }
                    Err(e) => Err(stop_escaped(e, if self.is_async { "async generator" } else { "generator" })),
                })
            }
        }
    }

    /// Resumes it from a task's code: waits with the task where the body waits.
    pub async fn resume(self: &Rc<Self>, interp: &Interp) -> PyResult<Option<Value>> {
        // Another task's step, waiting at an `await` in the body, is not this one's to go on.
        let mut started = false;
        std::future::poll_fn(|cx| {
            let state = self.state.get();
            if !started && (state == State::Awaiting || (state == State::Calling && self.is_async)) {
                return Poll::Ready(raise("RuntimeError", "anext(): asynchronous generator is already running"));
            }
            let continuing = std::mem::replace(&mut started, true);
            self.poll_resume(interp, cx, continuing)
        })
        .await
    }

    /// Resumes it from a built-in (`next`, `list`, `sum`): the body cannot wait there.
    pub fn resume_now(self: &Rc<Self>, interp: &Interp) -> PyResult<Option<Value>> {
        // A poll inside a poll, as a built-in's call into the script is (see `call_sync`):
        // `sum(map(f, ...))` inside `f` nests them as deep as it recurses.
        if interp.no_suspend.get() >= super::MAX_SYNC_CALLS {
            return raise("RecursionError", "maximum recursion depth exceeded");
        }
        interp.no_suspend.set(interp.no_suspend.get() + 1);
        let waker = futures::task::noop_waker();
        let out = self.poll_resume(interp, &mut Context::from_waker(&waker), false);
        interp.no_suspend.set(interp.no_suspend.get() - 1);
        match out {
            Poll::Ready(r) => r,
            Poll::Pending => raise("RuntimeError", "this generator cannot wait here (it was resumed by a built-in)"),
        }
    }

    /// `gen.send(value)`: resumes it with `value` as its `yield`'s value.
    pub fn send(self: &Rc<Self>, interp: &Interp, value: Value) -> PyResult {
        if self.state.get() == State::Fresh && !matches!(value, Value::None) {
            return raise("TypeError", format!("can't send non-None value to a just-started {}", self.kind()));
        }
        *self.io.sent.borrow_mut() = value;
        match self.resume_now(interp)? {
            Some(v) => Ok(v),
            None => Err(self.stop_iteration()),
        }
    }

    /// `gen.close()`: raises `GeneratorExit` at the `yield` where it stopped, so that its
    /// `finally` blocks and `with` exits run, as CPython's does; one not yet begun or ended
    /// just ends. An async generator ends where it stands (its `aclose()` is not supported).
    pub fn close(self: &Rc<Self>, interp: &Interp) -> PyResult<()> {
        match self.state.get() {
            State::Running | State::Calling => return self.already_executing(),
            State::Suspended if !self.is_async => {}
            _ => {
                self.body.borrow_mut().take();
                self.state.set(State::Done);
                return Ok(());
            }
        }
        *self.io.thrown.borrow_mut() = Some(new_exception(exc_class("GeneratorExit"), vec![]));
        match self.resume_now(interp) {
            Ok(None) => Ok(()),
            Ok(Some(_)) => {
                self.body.borrow_mut().take();
                self.state.set(State::Done);
                raise("RuntimeError", format!("{} ignored GeneratorExit", self.kind()))
            }
            Err(e) if e.class().name.as_ref() == "GeneratorExit" => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// `gen.throw(e)`: raises `e` (an exception or its class) at the `yield` where it stopped
    /// and gives what it yields next; one not begun or ended raises `e` at once, and ends.
    pub fn throw(self: &Rc<Self>, interp: &Interp, e: Value) -> PyResult {
        let e = thrown(interp, e)?;
        match self.state.get() {
            State::Suspended => *self.io.thrown.borrow_mut() = Some(e),
            State::Fresh | State::Done => {
                // Not begun, it raises in its frame at its `def`, as CPython's does.
                if let (State::Fresh, Value::Instance(i), 1..) = (self.state.get(), &e, self.line) {
                    let name = self.name.rsplit('.').next().unwrap_or(&self.name);
                    i.traceback.borrow_mut().push((self.line, name.into(), Default::default()));
                }
                self.finish();
                return Err(e);
            }
            _ => return self.already_executing(),
        }
        match self.resume_now(interp)? {
            Some(v) => Ok(v),
            None => Err(self.stop_iteration()),
        }
    }

    /// Makes its next resume raise `e` at the `yield` where it stopped (a context manager's
    /// generator, given the `with` body's error). One not stopped at a `yield` gives `e` back
    /// as the error, raised at once.
    pub fn throw_in(&self, e: Exc) -> PyResult<()> {
        if self.state.get() != State::Suspended {
            return Err(e);
        }
        *self.io.thrown.borrow_mut() = Some(e);
        Ok(())
    }

    /// An async generator's `__anext__()`, `asend(v)`, `athrow(e)` or `aclose()`: a
    /// coroutine that resumes it where the task awaiting it stands (its awaits are that
    /// task's). Its end raises `StopAsyncIteration` (`aclose()`: returns `None`).
    pub fn async_step(self: &Rc<Self>, interp: &Interp, name: &'static str, arg: Option<Value>) -> PyResult {
        self.first_iterated(interp);
        let interp = interp.host.rc()?;
        let gen = Rc::clone(self);
        // What it sends or throws in takes effect when the coroutine is awaited, as in CPython.
        let fut = async move {
            let running = matches!(gen.state.get(), State::Running | State::Awaiting | State::Calling);
            match (name, arg) {
                (_, _) if running && name != "__anext__" => {
                    return raise("RuntimeError", format!("{name}(): asynchronous generator is already running"));
                }
                ("asend", Some(v)) if gen.state.get() == State::Fresh && !matches!(v, Value::None) => {
                    return raise("TypeError", "can't send non-None value to a just-started async generator");
                }
                ("asend", Some(v)) => *gen.io.sent.borrow_mut() = v,
                ("athrow", Some(e)) => {
                    // An argument that is no exception leaves it where it stands.
                    if let Err(e) = gen.throw_in(thrown(&interp, e)?) {
                        gen.finish();
                        return Err(e);
                    }
                }
                ("aclose", _) if gen.state.get() != State::Suspended => {
                    gen.finish();
                    return Ok(Value::None);
                }
                ("aclose", _) => {
                    let _ = gen.throw_in(new_exception(exc_class("GeneratorExit"), vec![]));
                }
                _ => {}
            }
            let out = gen.resume(&interp).await;
            match (name, out) {
                ("aclose", Ok(Some(_))) => {
                    gen.finish();
                    raise("RuntimeError", "async generator ignored GeneratorExit")
                }
                ("aclose", Ok(None)) => Ok(Value::None),
                ("aclose", Err(e)) if e.class().name.as_ref() == "GeneratorExit" => Ok(Value::None),
                (_, Ok(Some(v))) => Ok(v),
                (_, Ok(None)) => Err(new_exception(exc_class("StopAsyncIteration"), vec![])),
                (_, Err(e)) => Err(e),
            }
        };
        Ok(Value::Coro(Rc::new(aio::Coro::new(Rc::from(name), Box::pin(fut), false, false))))
    }

    /// What drives the coroutine `c` for its `send`, `throw` and `close` (CPython's coroutine
    /// is a generator underneath, which a hand-written event loop drives): made by the first
    /// of them, a generator whose body is the coroutine's, so that a `yield` in an `__await__`
    /// it awaits, or a `sleep(0)`, goes out to the caller (see [`Interp::yield_to_sender`]).
    pub fn drive(c: &aio::Coro, method: &str) -> PyResult<Rc<Gen>> {
        if let Some(g) = &*c.driven.borrow() {
            if g.state.get() == State::Done {
                return Err(c.reused());
            }
            return Ok(Rc::clone(g));
        }
        if c.leaf {
            return super::unsupported(&format!("{method}() on {}()", c.name));
        }
        let Some(fut) = c.take() else { return Err(c.reused()) };
        let mut g = Gen::new(Rc::clone(&c.name), false, Box::pin(fut));
        g.builtin = Some(COROUTINE);
        g.line = c.line;
        let g = Rc::new(g);
        *c.driven.borrow_mut() = Some(Rc::clone(&g));
        Ok(g)
    }

    /// Whether it is what drives a coroutine by hand (see [`Gen::drive`]).
    fn drives_coroutine(&self) -> bool {
        self.builtin == Some(COROUTINE)
    }

    /// What the script calls it in messages.
    fn kind(&self) -> &'static str {
        if self.drives_coroutine() {
            COROUTINE
        } else {
            "generator"
        }
    }

    fn already_executing<T>(&self) -> PyResult<T> {
        raise("ValueError", format!("{} already executing", self.kind()))
    }

    /// Gives the `yield` it stopped at what `send` or `throw` gave the coroutine that awaits it
    /// (see [`Interp::yield_to_sender`]), for its next resume.
    pub(super) fn answer(&self, reply: PyResult) {
        match reply {
            Ok(v) => *self.io.sent.borrow_mut() = v,
            Err(e) => *self.io.thrown.borrow_mut() = Some(e),
        }
    }

    /// Ends it where it stands: its body is dropped unrun.
    fn finish(&self) {
        self.body.borrow_mut().take();
        self.state.set(State::Done);
    }

    /// `e` was raised at the `yield` of a generator that delegates to this one (`yield from`,
    /// `enumerate`): if it is `close()`'s `GeneratorExit`, this one is closed first, as CPython
    /// closes the generator it delegates to. Returns what goes on: `e`, or what closing raised.
    fn closed_by(self: &Rc<Self>, interp: &Interp, e: Exc) -> Exc {
        if e.class().name.as_ref() != "GeneratorExit" {
            return e;
        }
        self.close(interp).err().unwrap_or(e)
    }

    /// Whether its body is under way (`gi_running`, `ag_running`): running, or an async
    /// generator's step waiting at an `await`.
    pub fn running(&self) -> bool {
        matches!(self.state.get(), State::Running | State::Calling | State::Awaiting)
    }

    /// The `StopIteration` its end raises in `next()`, carrying what it returned.
    pub fn stop_iteration(&self) -> Exc {
        let returned = self.returned.replace(Value::None);
        let args = if matches!(returned, Value::None) { vec![] } else { vec![returned] };
        new_exception(exc_class("StopIteration"), args)
    }
}

/// A `StopIteration` (or, from an async generator, a `StopAsyncIteration`) that leaves a
/// generator's or coroutine's body (`what`) becomes the `RuntimeError` CPython raises from it
/// (PEP 479): "coroutine raised StopIteration", its cause and context the one raised.
pub(super) fn stop_escaped(e: Exc, what: &str) -> Exc {
    let is = |name| e.class().is_subclass(&exc_class(name));
    let name = match () {
        _ if is("StopIteration") => "StopIteration",
        _ if is("StopAsyncIteration") && what == "async generator" => "StopAsyncIteration",
        _ => return e,
    };
    raised_from(exc("RuntimeError", format!("{what} raised {name}")), e)
}

/// `enumerate(gen)`: a generator of its own, resuming `gen` only as it is itself resumed, so
/// that `for i, x in enumerate(endless()):` can stop.
pub fn enumerate_lazily(interp: &Interp, gen: &Rc<Gen>, start: i64) -> Value {
    let (interp, gen) = (interp.host.interp(), Rc::clone(gen));
    let body = async move {
        let interp = interp.upgrade().ok_or_else(|| exc("RuntimeError", "the run has ended"))?;
        let mut n = start;
        while let Some(x) = gen.resume(&interp).await? {
            let yielded = interp.yield_value(Value::tuple(vec![Value::Int(n), x])).await;
            // Closed (a loop over it left early): the generator goes with it only if nothing
            // else holds it, as CPython's enumerate frees it (`f = gen()` stays where it was).
            yielded.map_err(|e| if Rc::strong_count(&gen) == 1 { gen.closed_by(&interp, e) } else { e })?;
            n = crate::value::count_after(n)?;
        }
        Ok(Value::None)
    };
    Value::Gen(Rc::new(Gen::of_builtin("enumerate", Box::pin(body))))
}

/// The mark of the generator that drives a coroutine by hand (see [`Gen::drive`]), in the
/// `builtin` a script never sees it through, and its name in messages.
const COROUTINE: &str = "coroutine";

/// A `yield`'s wait: gives its value to the generator, then, resumed, what was sent in.
/// It holds its generator's exchange weakly: the generator holds its body, which holds this.
pub(super) struct Yielding {
    io: Weak<Exchange>,
    value: Option<Value>,
}

impl Future for Yielding {
    type Output = PyResult;
    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<PyResult> {
        // Only a live generator polls its body.
        let Some(io) = self.io.upgrade() else { return Poll::Pending };
        match self.value.take() {
            Some(v) => {
                *io.out.borrow_mut() = Some(v);
                Poll::Pending
            }
            None => Poll::Ready(match io.thrown.borrow_mut().take() {
                // Raised here, in a frame that may be handling another exception (`throw()`
                // into an `except` block): that one is its context, as it is set at once, so a
                // `with` block's exit on the way out sees it.
                Some(e) => {
                    aio::chain_to_handled(&e);
                    Err(e)
                }
                None => Ok(io.sent.replace(Value::None)),
            }),
        }
    }
}

impl Interp {
    /// A generator function's call: its body, bound to `scope`, runs as it is resumed.
    pub(super) fn generator(&self, func: &Rc<Function>, scope: Rc<Scope>) -> Value {
        let interp = self.host.interp();
        let f = Rc::clone(func);
        let body = async move {
            let interp = interp.upgrade().ok_or_else(|| exc("RuntimeError", "the run has ended"))?;
            let out = interp.exec_inline(&scope, &f.def.body).await;
            interp.frame_ended(&scope, out.is_err());
            match out? {
                Flow::Return(v) => Ok(v),
                _ => Ok(Value::None),
            }
        };
        let mut gen = Gen::new(func.qualname(), func.def.is_async, Box::pin(body));
        gen.line = func.def.first_line();
        Value::Gen(Rc::new(gen))
    }

    /// `yield value`: stops the running generator's body until it is resumed.
    pub(crate) async fn yield_value(&self, value: Value) -> PyResult {
        // Weak, and no strong one kept across the wait: the loop that holds the generator may
        // be the only one that does (see `Items::leave`).
        let io = self.gens.borrow().last().map(|g| Rc::downgrade(&g.io));
        let Some(io) = io else { return raise("RuntimeError", "yield outside a running generator") };
        Yielding { io, value: Some(value) }.await
    }

    /// Whether the code running now is a coroutine's that `send` drives (see [`Gen::drive`]),
    /// with no generator resumed inside it.
    pub(super) fn driven_now(&self) -> bool {
        self.gens.borrow().last().is_some_and(|g| g.drives_coroutine())
    }

    /// A `yield` of `value` in an `__await__` (or a `sleep(0)`'s bare one) of a coroutine that
    /// `send` drives: the wait that gives it to `send`'s caller and, resumed, gives what the
    /// next `send` sent or `throw` raises. `Err(value)` where no `send` drives the code.
    pub(super) fn yield_to_sender(&self, value: Value) -> Result<Yielding, Value> {
        match self.gens.borrow().last().filter(|g| g.drives_coroutine()) {
            Some(g) => Ok(Yielding { io: Rc::downgrade(&g.io), value: Some(value) }),
            None => Err(value),
        }
    }

    /// `yield from source`: yields each of its items; its value is what the source returned
    /// (a generator's `return`, an iterator's `StopIteration` value).
    pub(super) async fn yield_from(&self, source: Value) -> PyResult {
        // In a class's `__await__`: `yield from coro.__await__()` (or a task) waits for it, in
        // the task that awaits the object (see `Interp::await_value`).
        if matches!(source, Value::Coro(_) | Value::Task(_)) {
            return self.await_value(source).await;
        }
        // Any other iterable is asked for one item at a time, as it is yielded on (its
        // `__next__` runs between the consumer's steps); one whose `__iter__` gives a generator
        // is delegated to as that generator.
        let sub = match source {
            Value::Gen(sub) => sub,
            _ => match self.items_for(source.clone(), false)? {
                Items::Gen(sub) => sub,
                Items::Next { it, .. } => return self.yield_from_iterator(it).await,
                mut items => {
                    while let Some(item) = items.next(self).await? {
                        // What is sent in goes to the source, which has no `send`.
                        if !matches!(self.yield_value(item).await?, Value::None) {
                            let kind = builtins::iterator_kind(&source);
                            return raise("AttributeError", format!("'{kind}' object has no attribute 'send'"));
                        }
                    }
                    return Ok(Value::None);
                }
            },
        };
        if sub.is_async {
            return Err(builtins::type_error("'", &Value::Gen(sub), "' object is not iterable"));
        }
        // What is sent to this generator goes on to `sub`, as each `yield` there receives it;
        // what is thrown in (`throw()`) is thrown into `sub` at its `yield`, where it may be
        // caught; `close()` closes `sub`.
        let (mut sent, mut thrown) = (Value::None, None);
        loop {
            match thrown.take() {
                Some(e) => sub.throw_in(e)?,
                None => *sub.io.sent.borrow_mut() = std::mem::replace(&mut sent, Value::None),
            }
            let Some(item) = sub.resume(self).await? else { break };
            match self.yield_value(item).await {
                Ok(v) => sent = v,
                Err(e) if e.class().name.as_ref() == "GeneratorExit" => return Err(sub.closed_by(self, e)),
                Err(e) => thrown = Some(e),
            }
        }
        Ok(sub.returned.replace(Value::None))
    }

    /// `yield from` a script's iterator object (PEP 380): what is sent in goes to its `send`,
    /// what is thrown in to its `throw` (raised here when it has none), closing calls its
    /// `close`; the `StopIteration` that ends it gives the value of `yield from`.
    async fn yield_from_iterator(&self, it: Value) -> PyResult {
        let (mut sent, mut thrown) = (Value::None, None);
        loop {
            let got = match (thrown.take(), &sent) {
                (Some(e), _) if builtins::script_method(&it, "throw").is_none() => return Err(e),
                (Some(e), _) => self.call_method(&it, "throw", vec![e]).await,
                (None, Value::None) => self.call_method(&it, "__next__", vec![]).await,
                (None, _) => self.call_method(&it, "send", vec![std::mem::replace(&mut sent, Value::None)]).await,
            };
            let item = match got {
                Ok(item) => item,
                Err(e) if e.class().is_subclass(&exc_class("StopIteration")) => {
                    let Value::Instance(i) = &e else { return Ok(Value::None) };
                    return Ok(crate::value::stop_value(i));
                }
                Err(e) => return Err(e),
            };
            match self.yield_value(item).await {
                Ok(v) => sent = v,
                Err(e) if e.class().name.as_ref() == "GeneratorExit" => {
                    if builtins::script_method(&it, "close").is_some() {
                        self.call_method(&it, "close", vec![]).await?;
                    }
                    return Err(e);
                }
                Err(e) => thrown = Some(e),
            }
        }
    }

    /// The items of `v` for a `for` loop or a comprehension (`is_async`: `async for`), one at
    /// a time: a generator is resumed for each, so a loop may stop an endless one.
    pub(crate) fn items_for(&self, v: Value, is_async: bool) -> PyResult<Items> {
        // A dict's keys, values or items, read in place as the loop goes.
        let part = match &v {
            Value::Dict(d) if !is_async => Some((d, ViewKind::Keys)),
            Value::View(view) if !is_async => Some((&view.dict, view.kind)),
            _ => None,
        };
        if let Some((d, part)) = part {
            return Ok(Items::Iter(Rc::new(RefCell::new(crate::value::Iter::of_dict(Rc::clone(d), part)))));
        }
        let watched = match &v {
            Value::Set(d) if !is_async => Some(("Set", d)),
            _ => None,
        };
        if let Some((what, of)) = watched {
            let (of, len) = (Rc::clone(of), of.borrow().len());
            return Ok(Items::Watched { items: self.iterate(&v)?.into_iter(), of, len, what });
        }
        let protocol = if is_async { ("__aiter__", "__anext__") } else { ("__iter__", "__next__") };
        if !is_async && builtins::refuses(&v, protocol.0) {
            return Err(builtins::type_error("'", &v, "' object is not iterable"));
        }
        match v {
            Value::Gen(g) if g.is_async == is_async => Ok(Items::Gen(g)),
            Value::Range(r) if !is_async => Ok(Items::Range { len: range_len(&r), range: r, at: 0 }),
            Value::List(list) if !is_async => Ok(Items::List(crate::value::Iter::of_list(list))),
            Value::Iter(it) if !is_async => Ok(Items::Iter(it)),
            Value::Task(ref t) if !is_async && !t.done() => Ok(Items::Future(Some(v))),
            // A script's iterator: its `__next__` (`__anext__`) is called for each item, as the
            // loop goes, so that what it prints comes between the loop's own lines.
            Value::Instance(_) if builtins::script_method(&v, protocol.0).is_some() => {
                let m = builtins::script_method(&v, protocol.0).unwrap_or(Value::None); // just found
                match self.call_sync(m, vec![v.clone()])? {
                    Value::Gen(g) if g.is_async == is_async => Ok(Items::Gen(g)),
                    it if builtins::script_method(&it, protocol.1).is_some() => Ok(Items::Next { it, is_async }),
                    other if is_async => raise(
                        "TypeError",
                        format!(
                            "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                            other.type_name()
                        ),
                    ),
                    other @ (Value::Gen(_) | Value::Iter(_)) => self.items_for(other, false),
                    other => {
                        raise("TypeError", format!("iter() returned non-iterator of type '{}'", other.type_name()))
                    }
                }
            }
            // A sequence with `__getitem__` only: asked for item 0, 1, … as the loop goes, until
            // it raises `IndexError` (a `break` asks no further; an endless one is fine).
            Value::Instance(_) if !is_async && builtins::script_method(&v, "__getitem__").is_some() => {
                Ok(Items::Indexed { it: v, at: 0 })
            }
            // A stream's reader: its lines (`async for line in reader:`); a websocket's messages.
            Value::Native(ref n) if is_async && matches!(**n, aio::Native::Reader(_) | aio::Native::WebSocket(_)) => {
                Ok(Items::Next { it: v, is_async })
            }
            v if is_async => {
                let after = format!("' requires an object with __aiter__ method, got {}", v.type_name());
                raise("TypeError", format!("'async for{after}"))
            }
            v => Ok(Items::All(self.iterate(&v)?.into_iter())),
        }
    }
}

/// What a loop walks: the items of a value, taken at once, or a generator's, as it yields them.
pub(crate) enum Items {
    All(std::vec::IntoIter<Value>),
    Gen(Rc<Gen>),
    /// A range's numbers, made one at a time, as CPython's iterator does: a loop over
    /// `range(10**12)` that breaks early holds no list of them.
    Range {
        range: Rc<[i64; 3]>,
        at: i64,
        len: i64,
    },
    /// A list's items by index, as CPython's list iterator takes them: a loop sees what the
    /// list holds at each step (an item it appended, one removed before it got there).
    List(crate::value::Iter),
    /// An iterator of the built-ins (`iter`, `enumerate`), asked for each item.
    Iter(Rc<RefCell<crate::value::Iter>>),
    /// A script's sequence, by index (see `items_for`).
    Indexed {
        it: Value,
        at: i64,
    },
    /// A pending future: itself, then the error of an `await` not used (see `builtins::iterate`).
    Future(Option<Value>),
    /// A script's iterator object, asked for each item (`is_async`: its `__anext__`, awaited).
    Next {
        it: Value,
        is_async: bool,
    },
    /// A dict's or a set's items, taken at once: the loop that changes its size while it
    /// walks them fails at its next step, as CPython's iterator does (`what`: "dictionary").
    Watched {
        items: std::vec::IntoIter<Value>,
        of: Rc<RefCell<Dict>>,
        len: usize,
        what: &'static str,
    },
}

impl Items {
    /// The next item, if any.
    pub(crate) async fn next(&mut self, interp: &Interp) -> PyResult<Option<Value>> {
        match self {
            Items::All(items) => Ok(items.next()),
            Items::Gen(g) => {
                g.first_iterated(interp);
                g.resume(interp).await
            }
            Items::Range { range, at, len } => {
                if *at >= *len {
                    return Ok(None);
                }
                // Within the range, so it fits in an i64; the product on the way may not.
                let n = i128::from(range[0]) + i128::from(*at) * i128::from(range[2]);
                *at += 1;
                Ok(Some(Value::Int(n as i64)))
            }
            Items::List(it) => it.next_item(),
            Items::Iter(it) => it.borrow_mut().next_item(),
            Items::Future(me) => me.take().map(Some).ok_or_else(builtins::await_not_used),
            Items::Indexed { it, at } => match interp.call_method(it, "__getitem__", vec![Value::Int(*at)]).await {
                Ok(x) => {
                    *at += 1;
                    Ok(Some(x))
                }
                Err(e) if builtins::ends_sequence(&e) => Ok(None),
                Err(e) => Err(e),
            },
            Items::Next { it, is_async } => {
                let (next, stop) =
                    if *is_async { ("__anext__", "StopAsyncIteration") } else { ("__next__", "StopIteration") };
                let mut got = interp.call_method(it, next, vec![]).await;
                if *is_async {
                    got = match got {
                        Ok(aw) => {
                            let what = aw.type_name();
                            match interp.await_value(aw) {
                                // Not awaitable: CPython's error, raised from the await's.
                                super::call::Awaiting::NotAwaitable(Some(e)) => {
                                    if let Value::Instance(i) = &e {
                                        i.raised.set(false); // made by the loop, not raised in a frame: no traceback
                                    }
                                    let m = format!("'async for' received an invalid object from __anext__: {what}");
                                    Err(raised_from(exc("TypeError", m), e))
                                }
                                awaiting => awaiting.await,
                            }
                        }
                        e => e,
                    };
                }
                match got {
                    Ok(x) => Ok(Some(x)),
                    Err(e) if e.class().is_subclass(&exc_class(stop)) => Ok(None),
                    Err(e) => Err(e),
                }
            }
            Items::Watched { items, of, len, what } => {
                if of.borrow().len() != *len {
                    return raise("RuntimeError", format!("{what} changed size during iteration"));
                }
                Ok(items.next())
            }
        }
    }

    /// A loop left before its generator ended (`break`, `return`, an exception): if the loop
    /// held the only reference, CPython frees the generator there, which closes it (its
    /// `finally` blocks run now). One the script still holds stays suspended. What closing
    /// raises goes nowhere: CPython only reports it ("Exception ignored in: <generator …>")
    /// and the loop's own way out goes on.
    pub(crate) fn leave(self, interp: &Interp) {
        if let Items::Gen(g) = self {
            if Rc::strong_count(&g) == 1 && g.is_async {
                // CPython's loop closes it in a task of its own (`aclose()`), which a
                // callback creates soon after: its `finally` may await.
                if let (Ok(rc), Ok(closing)) = (interp.host.rc(), g.async_step(interp, "aclose", None)) {
                    aio::create_task_soon(&rc, closing);
                }
            } else if Rc::strong_count(&g) == 1 {
                let _ = g.close(interp);
            }
        }
    }
}

/// What `throw(e)` and `athrow(e)` raise: `e` itself, or a new one of class `e`.
fn thrown(interp: &Interp, e: Value) -> PyResult<Exc> {
    match e {
        Value::Class(c) if c.is_exception() => interp.exception_of_class(&c),
        e if e.class().is_exception() && !matches!(e, Value::Class(_)) => Ok(e),
        e => raise(
            "TypeError",
            format!("exceptions must be classes or instances deriving from BaseException, not {}", e.type_name()),
        ),
    }
}
