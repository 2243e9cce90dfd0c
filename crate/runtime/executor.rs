//! The event loop: owns the run queue, polls ready tasks on a microtask, records what it
//! does, and keeps the runs (one execution of a lesson) with the tasks they own.
//!
//! All state lives in one thread-local `Loop`. Its borrow is always short: it is taken to
//! pop a task, to register one, or to look something up, and dropped before any poll, wake,
//! JS call or future drop, because each of those can re-enter the loop.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use futures::future::LocalBoxFuture;

use super::host;
use super::queue::{slice_spent, ClockSampler, RunQueue};
use super::task::Task;
use crate::trace::{self, clock, record::Kind, record::WakeCause, record::RUN_CANCELLED, record::RUN_FINISHED};

/// The language a run prints in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Turkish, the seeds' own language.
    Tr,
    /// English.
    En,
}

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Its root task finished.
    Finished,
    /// It was cancelled (Reset) first.
    Cancelled,
}

/// What a run needs to know while its tasks run.
#[derive(Clone, Debug)]
pub struct RunConfig {
    /// Lesson id, recorded in `RunStart`.
    pub lesson: String,
    /// Variant id, recorded in `RunStart`.
    pub variant: String,
    /// Time scale for sleeps: a 1 s sleep waits `1000 / speed` ms of real time.
    pub speed: f64,
    /// Language of the printed lines.
    pub lang: Lang,
}

/// What the run's `finished` futures wait on.
#[derive(Default)]
struct RunEnd {
    outcome: Cell<Option<Outcome>>,
    waiters: RefCell<Vec<Waker>>,
}

struct RunEntry {
    config: RunConfig,
    root: u32,
    end: Rc<RunEnd>,
}

#[derive(Default)]
struct Loop {
    queue: RunQueue<Rc<Task>>,
    /// A drain is queued (micro- or macrotask) or running: wakes need not queue another.
    drain_scheduled: bool,
    ticks: u32,
    next_task: u32,
    next_run: u32,
    tasks: HashMap<u32, Rc<Task>>,
    runs: HashMap<u32, RunEntry>,
}

/// The task being polled right now, as (task id, run id); (0, 0) between polls.
#[derive(Clone, Copy, Default, PartialEq)]
struct Current {
    task: u32,
    run: u32,
}

thread_local! {
    static LOOP: RefCell<Loop> = RefCell::new(Loop::default());
    static CURRENT: Cell<Current> = const { Cell::new(Current { task: 0, run: 0 }) };
    /// Set around wakes whose cause the waker cannot see (a timer, a channel).
    static WAKE_CAUSE: Cell<Option<WakeCause>> = const { Cell::new(None) };
}

fn with_loop<T>(f: impl FnOnce(&mut Loop) -> T) -> T {
    LOOP.with(|l| f(&mut l.borrow_mut()))
}

/// Runs `wake` with `cause` as the recorded reason for any wake it does. An outer cause
/// wins: a control press delivered through a channel is an external wake, not a channel's.
pub fn waking_because<T>(cause: WakeCause, wake: impl FnOnce() -> T) -> T {
    let before = WAKE_CAUSE.with(|c| c.replace(Some(c.get().unwrap_or(cause))));
    let out = wake();
    WAKE_CAUSE.with(|c| c.set(before));
    out
}

/// Records an event of the loop's own bookkeeping (wake, spawn, sleep). Inside a poll it
/// is stamped with that poll's end, the earliest anything it causes can run, which spares a
/// clock read per event; outside, with the time now.
pub(super) fn record_soon(kind: Kind, run: u32, task: u32, a: u32, b: u32) {
    if CURRENT.with(Cell::get).task == 0 {
        trace::record(kind, run, task, a, b);
    } else {
        trace::record_unsettled(kind, run, task, a, b);
    }
}

/// Records that the task being polled is about to wait on `on` (see [`Kind::Wait`]).
pub fn waiting_on(on: WakeCause, detail: u32) {
    if let Some((task, run)) = current() {
        record_soon(Kind::Wait, run, task, on as u32, detail);
    }
}

/// Schedules a task: records the wake with its cause and queues the task once.
pub(super) fn wake(task: &Rc<Task>) {
    if task.done.get() {
        return; // wakes after completion or cancellation are ignored
    }
    if trace::is_on() {
        let current = CURRENT.with(Cell::get);
        let (cause, by) = match WAKE_CAUSE.with(Cell::get) {
            Some(cause) => (cause, current.task),
            None if current.task == task.id => (WakeCause::SelfWake, task.id),
            None if current.task != 0 => (WakeCause::Task, current.task),
            None => (WakeCause::External, 0),
        };
        record_soon(Kind::Wake, task.run, task.id, cause as u32, by);
    }
    if task.queued.replace(true) {
        return;
    }
    let start_drain = with_loop(|l| {
        l.queue.push(Rc::clone(task));
        !std::mem::replace(&mut l.drain_scheduled, true)
    });
    if start_drain {
        host::drain_on_microtask();
    }
}

/// One tick: polls ready tasks in wake order until none is ready or the time slice is spent.
pub(super) fn drain() {
    let (tick, ready) = with_loop(|l| {
        l.ticks += 1;
        (l.ticks, l.queue.len() as u32)
    });
    let started = clock::now();
    trace::record_at(started, Kind::TickStart, 0, 0, tick, ready);
    // `now` is the last clock read: exact at timed polls, the window's start in a burst.
    let (mut now, mut sampler, mut polls, mut handed_over) = (started, ClockSampler::default(), 0, false);
    while let Some(task) = with_loop(|l| l.queue.pop()) {
        task.queued.set(false);
        let Some(mut future) = task.future.borrow_mut().take() else {
            continue; // cancelled while queued
        };
        let n = task.polls.get() + 1;
        task.polls.set(n);
        trace::record_at(now, Kind::PollStart, task.run, task.id, n, 0);

        let reads_before = clock::reads();
        let waker = Task::borrowed_waker(&task);
        let before = CURRENT.with(|c| c.replace(Current { task: task.id, run: task.run }));
        let poll = future.as_mut().poll(&mut Context::from_waker(&waker));
        CURRENT.with(|c| c.set(before));
        polls += 1;

        let timed = sampler.due(clock::reads() != reads_before);
        if timed {
            let read = clock::now();
            sampler.observed(read - now);
            now = read;
        }
        trace::record_settling(now, Kind::PollEnd, task.run, task.id, poll.is_ready() as u32, timed as u32);
        match poll {
            Poll::Ready(()) => {
                drop(future);
                finish(&task);
            }
            Poll::Pending if task.done.get() => drop(future), // its run was cancelled meanwhile
            Poll::Pending => *task.future.borrow_mut() = Some(future),
        }
        if timed && slice_spent(started, now) && !with_loop(|l| l.queue.is_empty()) {
            handed_over = true;
            break;
        }
    }
    trace::record(Kind::TickEnd, 0, 0, polls, handed_over as u32);
    if handed_over {
        host::drain_on_macrotask(); // `drain_scheduled` stays true until a drain empties the queue
    } else {
        with_loop(|l| l.drain_scheduled = false);
    }
}

/// A task's future completed: forget the task, and end its run if it was the root.
fn finish(task: &Rc<Task>) {
    task.done.set(true);
    trace::record(Kind::Finish, task.run, task.id, 0, 0);
    let ends_run = with_loop(|l| {
        l.tasks.remove(&task.id);
        l.runs.get(&task.run).is_some_and(|r| r.root == task.id)
    });
    if ends_run {
        end_run(task.run, Outcome::Finished);
    }
}

/// Spawns `future` as a task of `run`, recorded as a child of `parent`.
pub(super) fn spawn_in(run: u32, parent: u32, name: &str, future: LocalBoxFuture<'static, ()>) -> u32 {
    let id = with_loop(|l| {
        l.next_task += 1;
        l.next_task
    });
    let task = Rc::new(Task::new(id, run, future));
    if trace::is_on() {
        record_soon(Kind::Spawn, run, id, parent, trace::text(name));
    }
    with_loop(|l| l.tasks.insert(id, Rc::clone(&task)));
    wake(&task); // recorded as woken by the spawning task, or from outside for a root
    id
}

/// The task being polled now, as (task id, run id), or `None` between polls.
pub fn current() -> Option<(u32, u32)> {
    let c = CURRENT.with(Cell::get);
    (c.task != 0).then_some((c.task, c.run))
}

/// The configuration of a live run.
pub fn run_config(run: u32) -> Option<RunConfig> {
    with_loop(|l| l.runs.get(&run).map(|r| r.config.clone()))
}

/// Starts a run whose root task, named `root_name`, runs `future`. Returns the run id.
pub fn start_run(config: RunConfig, root_name: &str, future: impl Future<Output = ()> + 'static) -> u32 {
    let run = with_loop(|l| {
        l.next_run += 1;
        l.next_run
    });
    if trace::is_on() {
        trace::record(Kind::RunStart, run, 0, trace::text(&config.lesson), trace::text(&config.variant));
    }
    with_loop(|l| l.runs.insert(run, RunEntry { config, root: 0, end: Rc::default() }));
    let root = spawn_in(run, 0, root_name, Box::pin(future));
    with_loop(|l| {
        if let Some(entry) = l.runs.get_mut(&run) {
            entry.root = root;
        }
    });
    run
}

/// Cancels one task, like asyncio's `Task.cancel()`: drops its future where it waits (which
/// clears its timers), records the cancel with the cancelling task in `a`, and so wakes
/// whoever awaits its handle. Cancelling a run's root task cancels the run. No-op for a
/// task that has ended.
pub(super) fn cancel_task(id: u32) {
    let Some((run, is_root)) =
        with_loop(|l| l.tasks.get(&id).map(|t| (t.run, l.runs.get(&t.run).is_some_and(|r| r.root == id))))
    else {
        return;
    };
    if is_root {
        return end_run(run, Outcome::Cancelled);
    }
    let Some(task) = with_loop(|l| l.tasks.remove(&id)) else { return };
    task.done.set(true); // a queued entry is skipped: its future is gone
    trace::record(Kind::Cancel, run, id, current().map_or(0, |(by, _)| by), 0);
    // Taken with the borrow dropped: dropping the future can wake others. A task cancelling
    // itself has its future out for the poll; the loop drops it when the poll returns.
    let future = task.future.borrow_mut().take();
    drop(future);
}

/// Cancels a live run: drops all its tasks (and with them their timers). No-op otherwise.
pub fn cancel_run(run: u32) {
    end_run(run, Outcome::Cancelled);
}

/// Ends a run: cancels the tasks it still has (like `asyncio.run` cancelling what is left
/// when the main coroutine returns), records the end and wakes whoever awaits it.
fn end_run(run: u32, outcome: Outcome) {
    let Some((entry, tasks)) = with_loop(|l| {
        let entry = l.runs.remove(&run)?;
        let ids: Vec<u32> = l.tasks.values().filter(|t| t.run == run).map(|t| t.id).collect();
        let mut tasks: Vec<Rc<Task>> = ids.iter().filter_map(|id| l.tasks.remove(id)).collect();
        tasks.sort_by_key(|t| t.id);
        l.queue.retain(|t| t.run != run);
        Some((entry, tasks))
    }) else {
        return;
    };
    let mut futures = Vec::with_capacity(tasks.len());
    for task in &tasks {
        task.done.set(true);
        task.queued.set(false);
        trace::record(Kind::Cancel, run, task.id, 0, 0);
        futures.push(task.future.borrow_mut().take());
    }
    // Dropped with no borrow held: dropping a future clears its timers and may wake others.
    drop(futures);
    let code = if outcome == Outcome::Finished { RUN_FINISHED } else { RUN_CANCELLED };
    trace::record(Kind::RunEnd, run, 0, code, 0);
    entry.end.outcome.set(Some(outcome));
    let waiters = std::mem::take(&mut *entry.end.waiters.borrow_mut());
    waiters.into_iter().for_each(Waker::wake);
}

/// A future that resolves when run `run` ends, or `None` at once if it is not live.
pub fn run_finished(run: u32) -> Option<RunFinished> {
    with_loop(|l| l.runs.get(&run).map(|r| RunFinished { end: Rc::clone(&r.end) }))
}

/// Resolves with the run's [`Outcome`] when it ends.
pub struct RunFinished {
    end: Rc<RunEnd>,
}

impl Future for RunFinished {
    type Output = Outcome;
    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Outcome> {
        match self.end.outcome.get() {
            Some(outcome) => Poll::Ready(outcome),
            None => {
                let mut waiters = self.end.waiters.borrow_mut();
                if !waiters.iter().any(|w| w.will_wake(cx.waker())) {
                    waiters.push(cx.waker().clone());
                }
                Poll::Pending
            }
        }
    }
}

/// Tasks alive now, in all runs.
pub fn live_tasks() -> usize {
    with_loop(|l| l.tasks.len())
}

/// Runs not yet ended.
pub fn live_runs() -> usize {
    with_loop(|l| l.runs.len())
}
