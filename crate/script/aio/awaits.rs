//! What a task awaits: a leaf await (where a cancel lands), holding the run, gather, wait_for and wait.

use super::*;

/// A leaf await: where `task.cancel()` lands. As in CPython, cancelling a task cancels what
/// it awaits: a sleep ends at once with `CancelledError`; an awaited task is cancelled and
/// its outcome awaited; a `gather` or `wait_for` cancels its tasks and raises `CancelledError`
/// once they have all ended.
pub struct Leaf {
    pub(super) inner: CoroFut,
    /// The tasks a cancel passes on to, and whether their outcome is this await's (an
    /// awaited task, a gather) or `CancelledError` once they end (`wait_for`'s, a TaskGroup's).
    pub(super) passes_to: Vec<Rc<PyTask>>,
    pub(super) outcome_is_theirs: bool,
    pub(super) cancelling: bool,
    /// Cancelling tasks whose outcome is not its own: told of their ends.
    untold: Option<ToldEnds>,
    /// A cancel that finds its tasks done already is dropped, and the await goes on to give
    /// their outcome (`wait_for`'s: CPython's returns its task's result then).
    keeps_done: bool,
    /// What a cancel does instead, the await going on (a TaskGroup's exit: see `hooked`).
    on_cancel: Option<Rc<dyn Fn()>>,
    /// It has been polled: its task suspended here at least once.
    polled: bool,
    /// A cancel its task asked for while running met it as it was about to wait: it waits one
    /// round, then raises it (CPython throws `_must_cancel` in at the task's next step).
    cancel_next: bool,
}

impl Leaf {
    /// Wraps a native awaitable that a cancel ends at once.
    pub fn new(inner: CoroFut) -> Leaf {
        Leaf::passing_to(inner, Vec::new(), false)
    }

    /// Wraps an awaitable whose cancel passes on to `tasks`.
    pub fn passing_to(inner: CoroFut, tasks: Vec<Rc<PyTask>>, outcome_is_theirs: bool) -> Leaf {
        Leaf {
            inner,
            passes_to: tasks,
            outcome_is_theirs,
            cancelling: false,
            untold: None,
            keeps_done: false,
            on_cancel: None,
            polled: false,
            cancel_next: false,
        }
    }

    /// `wait_for`'s await of `task`: see [`Leaf::keeps_done`].
    pub fn waiting_for(inner: CoroFut, task: Rc<PyTask>) -> Leaf {
        Leaf { keeps_done: true, ..Leaf::passing_to(inner, vec![task], false) }
    }

    /// An await that a cancel does not end: `on_cancel` takes it, and `inner` goes on (a
    /// TaskGroup's exit, which CPython's catches and turns into the group's abort).
    pub fn hooked(inner: CoroFut, on_cancel: Rc<dyn Fn()>) -> Leaf {
        Leaf { on_cancel: Some(on_cancel), ..Leaf::passing_to(inner, Vec::new(), false) }
    }
}

impl Future for Leaf {
    type Output = PyResult;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<PyResult> {
        let this = &mut *self;
        let first = !std::mem::replace(&mut this.polled, true);
        if this.cancel_next {
            this.cancel_next = false;
            if let Some(t) = current() {
                t.cancel_requested.set(false); // a cancel asked meanwhile is this one, as in CPython
                return Poll::Ready(Err(cancelled_error_in(&t)));
            }
        }
        if let Some(t) = current() {
            *t.awaiting.borrow_mut() = match (&this.inner, this.outcome_is_theirs) {
                (CoroFut::Yield(..), _) => Awaited::Nothing,
                (_, true) => Awaited::Task(Rc::downgrade(&this.passes_to[0])),
                _ => Awaited::Future,
            };
            if let (Some(on_cancel), true) = (&this.on_cancel, t.cancel_requested.get()) {
                t.cancel_requested.set(false);
                on_cancel();
            } else if t.cancel_requested.replace(false) {
                if this.untold.is_some() {
                    // A second cancel while `wait_for` or a TaskGroup's exit waits for its
                    // tasks to end: raised at once, as CPython's lands in `_cancel_and_wait`'s
                    // own wait; the tasks go on with their cleanup.
                    return Poll::Ready(Err(cancelled_error_in(&t)));
                }
                // Passed on with its message, as CPython's task passes `cancel(msg)` on. If
                // nothing took it (what it awaits is done already: its wake is on the way),
                // the cancel lands here, as CPython throws it into the coroutine instead.
                // `wait_for` and a TaskGroup's exit cancel theirs with none, and raise the
                // cancel they were given, message and all.
                let message = t.cancel_message.borrow().clone().filter(|_| this.outcome_is_theirs);
                let taken = this
                    .passes_to
                    .iter()
                    .fold(false, |any, p| (!p.waits_on(&t) && p.cancel_with(message.clone())) | any);
                if !taken && this.keeps_done && this.passes_to.iter().all(|p| p.done()) {
                    t.cancel_message.borrow_mut().take();
                } else if !taken && first {
                    // Asked while it ran (it cancelled itself): an await that gives at once goes
                    // on, the cancel kept for later; one that would wait, waits one round first.
                    return match Pin::new(&mut this.inner).poll(cx) {
                        Poll::Ready(out) => {
                            t.cancel_requested.set(true);
                            Poll::Ready(out)
                        }
                        Poll::Pending => {
                            this.cancel_next = true;
                            cx.waker().wake_by_ref();
                            Poll::Pending
                        }
                    };
                } else if !taken {
                    // Woken, CPython's task reads the outcome of what it awaited (retrieving
                    // its exception) before the cancel replaces it.
                    if this.outcome_is_theirs {
                        this.passes_to.iter().filter(|p| p.done()).for_each(|p| p.retrieved.set(true));
                    }
                    return Poll::Ready(Err(cancelled_error_in(&t)));
                } else {
                    if this.outcome_is_theirs {
                        t.cancel_message.borrow_mut().take();
                    }
                    this.cancelling = true;
                    // Asked while it ran: what it awaits is cancelled as it would wait, and
                    // the task hears of it a round later (the future's done callback).
                    if first {
                        cx.waker().wake_by_ref();
                        return Poll::Pending;
                    }
                }
            }
        }
        if this.cancelling && !this.outcome_is_theirs {
            // `wait_for`'s `_cancel_and_wait`, a TaskGroup's `_on_task_done`: told of each end
            // by a done callback, called soon, then woken, as in CPython.
            let passes_to = &this.passes_to;
            if !this.untold.get_or_insert_with(|| ToldEnds::new(passes_to.clone())).poll(cx) {
                return Poll::Pending;
            }
            this.passes_to.iter().for_each(|t| t.retrieved.set(true));
            return Poll::Ready(Err(current().map_or_else(cancelled_error, |t| cancelled_error_in(&t))));
        }
        if this.cancelling {
            let task = &this.passes_to[0];
            if !task.done() {
                task.wait_on(cx);
                return Poll::Pending;
            }
            return Poll::Ready(task.outcome());
        }
        Pin::new(&mut this.inner).poll(cx)
    }
}

/// Gives the browser a turn while holding the loop (see `runtime::hold_current`).
#[derive(Default)]
pub struct Hold {
    pub(super) held: bool,
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

/// A done callback that the tasks forget when it goes (see [`PyTask::forget`]).
pub(super) struct Forget(pub(super) Vec<Rc<PyTask>>, pub(super) Option<OnDone>);

impl Drop for Forget {
    fn drop(&mut self) {
        if let Some(then) = &self.1 {
            self.0.iter().for_each(|t| t.forget(then));
        }
    }
}

/// Tells the trace that the current task waits on each of `tasks` not done yet (the page
/// draws a wait on all of them); how many that is.
pub(super) fn note_waited_on(tasks: &[Rc<PyTask>]) -> usize {
    let pending = tasks.iter().filter(|t| !t.done());
    pending.map(|t| t.note_waited()).count()
}

/// `wait_for` with a timeout, once its task is made.
pub(super) async fn wait_for(task: Rc<PyTask>, timeout: f64) -> PyResult {
    if timeout <= 0.0 {
        // CPython 3.11 gives what a task done already has; else it cancels at once: the
        // coroutine never starts.
        return if task.done() { task.outcome() } else { time_out(task).await };
    }
    // A cancel of `wait_for` itself is passed on by the `Leaf` it runs in (see
    // `Leaf::waiting_for`), once, as CPython's `_cancel_and_wait`.
    let mut timer = Box::pin(runtime::sleep(duration(timeout)));
    let mut end = ToldEnds::new(vec![Rc::clone(&task)]);
    let timed_out = std::future::poll_fn(|cx| {
        if end.poll(cx) {
            return Poll::Ready(false);
        }
        task.note_waited();
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(true),
            Poll::Pending => Poll::Pending,
        }
    })
    .await;
    drop(end);
    if !timed_out || task.done() {
        return task.outcome();
    }
    time_out(task).await
}

/// `wait_for`'s timeout: cancels the inner task and, like CPython 3.11's `_cancel_and_wait`,
/// waits to be told of its end, then raises `TimeoutError` (or gives what the task ended with,
/// if it ignored the cancel).
pub(super) async fn time_out(task: Rc<PyTask>) -> PyResult {
    task.cancel();
    let mut end = ToldEnds::new(vec![Rc::clone(&task)]);
    std::future::poll_fn(|cx| {
        if end.poll(cx) {
            return Poll::Ready(());
        }
        task.note_waited();
        Poll::Pending
    })
    .await;
    match task.outcome() {
        Err(e) if is_cancelled_error(&e) => {
            // Raised again in `wait_for`'s frame (`fut.result()`), which runs in the awaiting
            // task's `except` block if it is in one: that exception is the cancel's context.
            chain_to_handled(&e);
            Err(timeout_from(e))
        }
        other => other,
    }
}

/// CPython's `_release_waiter` partial, as a task's repr shows it among its callbacks.
const RELEASE_WAITER: &str = "_release_waiter(<Future pendi...ask_wakeup()]>)";

/// Told of the ends of some tasks by a done callback on each, as CPython's `_release_waiter`
/// tells `wait_for`: a round after the last one ends (or after the first look, for those done
/// already). The callbacks go when this does.
struct ToldEnds {
    untold: Rc<Cell<usize>>,
    then: Forget,
}

impl ToldEnds {
    fn new(tasks: Vec<Rc<PyTask>>) -> ToldEnds {
        ToldEnds { untold: Rc::new(Cell::new(tasks.len())), then: Forget(tasks, None) }
    }

    /// Whether it has been told of them all; else, the first time, asks to be.
    fn poll(&mut self, cx: &Context<'_>) -> bool {
        if self.untold.get() == 0 {
            return true;
        }
        if self.then.1.is_none() {
            let (left, waker) = (Rc::downgrade(&self.untold), cx.waker().clone());
            let on_done: OnDone = Rc::new(move |_: &Rc<PyTask>| {
                if let Some(left) = left.upgrade().filter(|l| l.get() > 0) {
                    left.set(left.get() - 1);
                    if left.get() == 0 {
                        waker.wake_by_ref();
                    }
                }
            });
            self.then.0.iter().for_each(|t| t.then(RELEASE_WAITER, &on_done));
            self.then.1 = Some(on_done);
        }
        false
    }
}

/// `raise TimeoutError() from cancelled`, as `wait_for` and `asyncio.timeout` raise it: the
/// traceback shows the cancel, where it hit, first.
pub(super) fn timeout_from(cancelled: Exc) -> Exc {
    raised_from(new_exception(exc_class("TimeoutError"), vec![]), cancelled)
}

/// `asyncio.wait`; `name`: its done callback's, as a task's repr shows it.
pub(super) async fn wait(tasks: Vec<Rc<PyTask>>, when: String, timeout: Option<f64>, name: &'static str) -> PyResult {
    let mut timer = timeout.map(|t| Box::pin(runtime::sleep(duration(t))));
    let first = match when.as_str() {
        "FIRST_COMPLETED" => 1,
        "FIRST_EXCEPTION" => 2,
        _ => 0,
    };
    // As CPython's `_on_completion`, told by each task as it ends (one done already tells it
    // soon): it counts the ends it is told of, not the tasks done (a task's news may still be
    // on its way), and wakes the awaiter once that is all of them, the first, or the first
    // exception. Removed from the tasks still pending when the wait ends, or is cancelled
    // (dropped), as CPython's `_wait` removes it.
    let mut then = Forget(tasks.clone(), None);
    // What `then` counts (the ends not told yet, and whether it has heard enough: with no
    // task, it has), alive while the wait is: a call that comes due once the wait is over
    // finds it gone.
    let told = Rc::new((Cell::new(tasks.len()), Cell::new(tasks.is_empty())));
    std::future::poll_fn(|cx| {
        if told.1.get() || timer.as_mut().is_some_and(|t| t.as_mut().poll(cx).is_ready()) {
            return Poll::Ready(());
        }
        if then.1.is_none() {
            let (told, waker) = (Rc::downgrade(&told), cx.waker().clone());
            let on_done: OnDone = Rc::new(move |child: &Rc<PyTask>| {
                let Some(told) = told.upgrade() else { return };
                told.0.set(told.0.get().saturating_sub(1));
                let failed = matches!(*child.state.borrow(), State::Failed(_));
                if told.0.get() == 0 || first == 1 || (first == 2 && failed) {
                    told.1.set(true);
                    waker.wake_by_ref();
                }
            });
            tasks.iter().for_each(|t| t.then(name, &on_done));
            then.1 = Some(on_done);
        }
        note_waited_on(&tasks);
        Poll::Pending
    })
    .await;
    drop(then);
    let all = tasks.len();
    let (done, pending): (Vec<_>, Vec<_>) = tasks.into_iter().partition(|t| t.done());
    if when == "FIRST_EXCEPTION" {
        // CPython's `_on_completion` reads each finished task's exception (so it counts as
        // retrieved), except the one that finished last of all: the count has reached zero.
        let last = done.iter().filter(|_| done.len() == all).max_by_key(|t| t.done_seq.get()).cloned();
        for t in &done {
            if matches!(*t.state.borrow(), State::Failed(_)) && !last.as_ref().is_some_and(|l| Rc::ptr_eq(l, t)) {
                t.retrieved.set(true);
            }
        }
    }
    let set = |ts: Vec<Rc<PyTask>>| crate::builtins::make_set(ts.into_iter().map(Value::Task).collect());
    Ok(Value::tuple(vec![set(done)?, set(pending)?]))
}
