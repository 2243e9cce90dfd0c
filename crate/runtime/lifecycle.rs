//! Runs and their tasks: starting a run, spawning, cancelling and ending tasks and runs, and
//! the registry of live ones that the loop and the page look things up in.
//!
//! The state lives in one thread-local `Loop`. Its borrow is always short: it is taken to
//! register a task or to look something up, and dropped before any poll, wake, JS call or
//! future drop, because each of those can re-enter the loop.
//!
//! This file sits above the executor and uses it (a new task's first wake, an ended run's
//! tasks taken out of line); the executor never names it. A task whose future completes in
//! a poll comes back here through [`finish`], which the executor is handed before the first
//! task exists (see `executor::on_finish`).

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::ptr::NonNull;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use super::context::{self, current};
use super::executor;
use super::registry::{Key, Registry};
use super::run::RunState;
use super::task::{Head, Task, TaskRef, QUIET};
use super::{clock, TaskName};
use crate::trace;
use crate::trace::record::{Kind, FINISH_RAISED, RUN_CANCELLED, RUN_FINISHED};

thread_local! {
    static LOOP: RefCell<Loop> = {
        // Made at its first use, which is before any task exists (every spawn registers its
        // task here): from then on the loop hands every finished task to `finish`.
        executor::on_finish(finish);
        RefCell::new(Loop::default())
    };
}

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

/// How time passes in a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Sleeps wait on browser timers; records carry the real clock.
    #[default]
    Real,
    /// Sleeps wait on the run's own clock, which jumps to the next timer whenever the run
    /// has nothing else to do: a lesson runs as fast as the CPU allows, in the same order
    /// every time. Records carry that clock (ms from 0 at the run's start); CPU work inside
    /// a poll still takes its real time, which is added to it.
    Virtual,
}

/// What a run needs to know while its tasks run.
#[derive(Clone, Debug)]
pub struct RunConfig {
    /// Lesson id, recorded in `RunStart`.
    pub lesson: String,
    /// Variant id, recorded in `RunStart`.
    pub variant: String,
    /// Time scale for sleeps: a 1 s sleep waits `1000 / speed` ms of real time. A virtual
    /// run's speed is 1, whatever was asked: its clock is lesson time, so CPU work (whose
    /// real length lessons scale by speed) shows as long as it really takes.
    pub speed: f64,
    /// Language of the printed lines.
    pub lang: Lang,
    /// Real or virtual time.
    pub mode: Mode,
}

/// What the run's `finished` futures wait on.
#[derive(Default)]
struct RunEnd {
    outcome: Cell<Option<Outcome>>,
    waiters: RefCell<Vec<Waker>>,
}

struct RunEntry {
    config: RunConfig,
    end: Rc<RunEnd>,
    state: Rc<RunState>,
}

#[derive(Default)]
struct Loop {
    next_task: u32,
    next_run: u32,
    tasks: Registry<TaskRef>,
    /// The live runs, `(run, entry)`: a few at a time, so a list searched in order (no slower
    /// than a hash for so few; a HashMap of this type added its own copy of the map's code).
    runs: Vec<(u32, RunEntry)>,
    /// The run the last task was spawned into, with its state: a run spawns its tasks in
    /// bursts, and this spares each spawn a lookup. Forgotten when that run ends.
    spawned_into: Option<(u32, Rc<RunState>)>,
}

impl Loop {
    /// Live run `run`'s entry.
    fn run(&self, run: u32) -> Option<&RunEntry> {
        self.runs.iter().find(|(id, _)| *id == run).map(|(_, entry)| entry)
    }

    /// The bookkeeping of a new task of `run` (its root if `parent` is 0), with the registry
    /// key it is to take.
    #[inline(never)]
    fn new_head(&mut self, run: u32, parent: u32) -> Head {
        self.next_task += 1;
        let state = self.spawn_state(run);
        Head::new(self.tasks.next_key(self.next_task), run, parent == 0 && run != 0, state)
    }

    /// The state a task spawned into `run` shares.
    fn spawn_state(&mut self, run: u32) -> Rc<RunState> {
        match &self.spawned_into {
            Some((cached, state)) if *cached == run => Rc::clone(state),
            _ => match self.run(run).map(|r| Rc::clone(&r.state)) {
                Some(state) => {
                    self.spawned_into = Some((run, Rc::clone(&state)));
                    state
                }
                // A task of no live run (spawned outside any) gets a real run's state of its own.
                None => Rc::new(RunState::new(false)),
            },
        }
    }
}

fn with_loop<T>(f: impl FnOnce(&mut Loop) -> T) -> T {
    LOOP.with(|l| f(&mut l.borrow_mut()))
}

/// The state of a live run.
pub(super) fn run_state(run: u32) -> Option<Rc<RunState>> {
    with_loop(|l| l.run(run).map(|r| Rc::clone(&r.state)))
}

/// Spawns a task of `run`, recorded as a child of `parent` (0: the run's root), whose
/// future `make` makes, given a pointer to the task (so the future can refer to its own
/// task: see [`Task::allocate`]). Returns the task. Only the making is generic: the rest is
/// shared by every spawn site.
#[inline]
pub(super) fn spawn_in<F>(run: u32, parent: u32, name: &TaskName, make: impl FnOnce(NonNull<Task>) -> F) -> TaskRef
where
    F: Future<Output = ()> + 'static,
{
    // One borrow of the loop for the task's key, its allocation and its registration: `make`
    // moves what it captures and calls nothing, and allocating reaches nothing of the loop.
    let task = with_loop(|l| {
        let task = Task::allocate(l.new_head(run, parent), &executor::WAKER, make);
        l.tasks.insert(task.key(), task.to_ref());
        task
    });
    executor::wake_spawned(&task, parent, name);
    task
}

/// Runs `f` soon, as asyncio's `loop.call_soon` runs a callback: once the tasks ready now
/// have run, in the run of the task polled now. It takes a place in the run queue as a task
/// does, but is no task of the run: nothing is recorded of it, and what `f` does is recorded
/// as done by the task that asked (a wake it does is that task's). A script's gather and
/// `wait` are told of a child's end this way, so their awaiter runs a loop round later, as
/// in CPython, where that news is a callback of its own. Outside any task's poll, or once
/// the run has ended (its tasks dropped as it is cancelled), there is no loop round to wait
/// for: `f` runs now.
pub fn call_soon(f: impl FnOnce() + 'static) {
    match context::current() {
        Some((by, run)) => call_soon_in(by, run, f),
        None => f(),
    }
}

/// [`call_soon`] for `by` of `run`, from outside the run's polls (its loop queues the timers
/// due in a round, see `run::VirtualRun::next_in_round`).
pub(super) fn call_soon_in(by: u32, run: u32, f: impl FnOnce() + 'static) {
    let Some(state) = with_loop(|l| l.run(run).map(|r| Rc::clone(&r.state))) else { return f() };
    let head = Head::new(Key { id: QUIET, slot: u32::MAX }, run, false, state);
    head.slow_wakes.set(true); // its wake and its poll take the out-of-line ways, which know it
    let mut f = Some(f);
    let task = Task::allocate(head, &executor::WAKER, move |_| {
        std::future::poll_fn(move |_| {
            context::set_callback(by, run);
            if let Some(f) = f.take() {
                f();
            }
            Poll::Ready(())
        })
    });
    executor::wake(&task);
}

/// A task's future completed (the executor hands it here, see `executor::on_finish`): forget
/// the task, and end its run if it was the root. Stamped with its poll's end (`at`), which is
/// when it finished, without a clock read of its own: in a burst of short tasks that read
/// would cost more than the task. Recorded before the future is dropped (what its drop does
/// comes after), unless the poll's folded record said it already (`written`).
fn finish(task: &Task, at: f64, written: bool) {
    task.end();
    // Out of the registry before anything else runs: it holds only tasks that have not ended
    // (what the future's drop does, a cancel or a resume, finds this one gone).
    let registered = with_loop(|l| l.tasks.remove(task.key()));
    drop(registered); // not the last reference: the caller holds one
    if !written {
        let raised = u32::from(context::take_raised(task.id)) * FINISH_RAISED;
        trace::record_at(at, Kind::Finish, task.run, task.id, raised, 0);
    }
    task.drop_future();
    if task.root {
        end_run(task.run, Outcome::Finished);
    }
}

/// The configuration of a live run.
pub fn run_config(run: u32) -> Option<RunConfig> {
    with_loop(|l| l.run(run).map(|r| r.config.clone()))
}

/// What a `sleep` in `run` needs to arm its timer: the run's speed, and the run's state if
/// it is a virtual run (`None` for a real run or no live run). One lookup.
pub(super) fn sleep_context(run: u32) -> (f64, Option<Rc<RunState>>) {
    with_loop(|l| match l.run(run) {
        Some(r) => (r.config.speed, r.state.virt.is_some().then(|| Rc::clone(&r.state))),
        None => (1.0, None),
    })
}

/// For a task that blocks the loop until `until` (a script's `time.sleep`, on the clock of
/// the poll running now): when the run's threads next need a turn, at most `until`. In a
/// virtual run that is its threads' next timer, or now if a thread is ready (one just
/// started, or one computing: its turn declares the time its steps take, so the clock still
/// moves on): the blocking task declares its time up to there, then holds the loop, and the
/// threads take their turn (`executor::hold`). A real run's
/// holder gives them a turn at every slice, and a paused run is stepped one poll at a time:
/// `until` for both.
pub fn threads_turn(until: f64) -> f64 {
    let Some((_, run)) = context::current() else { return until };
    let Some(state) = sleep_context(run).1 else { return until };
    let Some(v) = state.virt.as_ref().filter(|_| !state.paused.get()) else { return until };
    let now = clock::now();
    if executor::thread_ready(&state) {
        return now.min(until);
    }
    v.next_beside_deadline().unwrap_or(until).max(now).min(until)
}

/// Starts a run whose root task, named `root_name`, runs `future`. Returns the run id. A
/// virtual run's clock counts only declared time (its sleeps, and what its polls
/// [`clock::charge`]), never the real time they take: it is the same on any machine.
pub fn start_run(
    mut config: RunConfig,
    root_name: impl Into<TaskName>,
    future: impl Future<Output = ()> + 'static,
) -> u32 {
    let virtual_time = config.mode == Mode::Virtual;
    if virtual_time {
        config.speed = 1.0;
    }
    let run = with_loop(|l| {
        if l.runs.is_empty() && l.tasks.len() == 0 {
            // Nothing live holds a text id (the page read the runs before as they ended; a
            // record it reads late shows an empty text, never another).
            trace::make_room_for_texts();
        }
        l.next_run += 1;
        l.next_run
    });
    let state = Rc::new(RunState::new(virtual_time));
    // A virtual run's start, root spawn and first wake are all at 0.0 on its clock.
    state.at_its_time(|| {
        if trace::is_on() {
            trace::record(Kind::RunStart, run, 0, trace::text(&config.lesson), trace::text(&config.variant));
        }
        let entry = RunEntry { config, end: Rc::default(), state: Rc::clone(&state) };
        with_loop(|l| l.runs.push((run, entry)));
        spawn_in(run, 0, &root_name.into(), |_| future);
    });
    run
}

/// Cancels one task, like asyncio's `Task.cancel()`: drops its future where it waits (which
/// clears its timers), records the cancel with the cancelling task in `a`, and so wakes
/// whoever awaits its handle. Cancelling a run's root task cancels the run. No-op for a
/// task that has ended.
pub(super) fn cancel_task(key: Key) {
    let id = key.id;
    let Some((run, is_root)) = with_loop(|l| l.tasks.get(key).map(|t| (t.run, t.root))) else {
        return;
    };
    if is_root {
        return end_run(run, Outcome::Cancelled);
    }
    let Some(task) = with_loop(|l| l.tasks.remove(key)) else { return };
    task.end(); // a queued entry is skipped: its future is gone
    if task.waits_outside.replace(false) {
        if let Some(v) = &task.state.virt {
            v.outside.set(v.outside.get().saturating_sub(1));
        }
    }
    match current() {
        Some((by, _)) => trace::record(Kind::Cancel, run, id, by, 0),
        // From outside any poll (a handle's abort from the page): stamped on the run's clock,
        // as its other records between polls are, not on the real one.
        None => task.state.at_its_time(|| trace::record(Kind::Cancel, run, id, 0, 0)),
    }
    // With no borrow held: dropping the future can wake others. A task cancelling itself
    // keeps its future until the poll returns; the loop drops it then.
    task.drop_future();
}

/// Cancels a live run: drops all its tasks (and with them their timers). No-op otherwise.
/// A paused run is cancelled all the same.
pub fn cancel_run(run: u32) {
    end_run(run, Outcome::Cancelled);
}

/// Ends a run: cancels the tasks it still has (like `asyncio.run` cancelling what is left
/// when the main coroutine returns), records the end and wakes whoever awaits it. Out of
/// line: it runs once per run, and the polls' loop that ends a run stays small.
#[inline(never)]
fn end_run(run: u32, outcome: Outcome) {
    let Some((entry, tasks)) = with_loop(|l| {
        let at = l.runs.iter().position(|(id, _)| *id == run)?;
        let (_, entry) = l.runs.swap_remove(at);
        if l.spawned_into.as_ref().is_some_and(|(cached, _)| *cached == run) {
            l.spawned_into = None;
        }
        let keys: Vec<Key> = if l.tasks.len() == 0 {
            Vec::new() // no task live in any run (a run's usual end): no walk over the slots
        } else {
            l.tasks.values().filter(|t| t.run == run).map(|t| t.key()).collect()
        };
        let mut tasks: Vec<TaskRef> = keys.into_iter().filter_map(|key| l.tasks.remove(key)).collect();
        // Ids are unique, so an unstable sort gives the same order; std's stable sort (driftsort)
        // was used nowhere else and took about 7 KB of the raw wasm.
        tasks.sort_unstable_by_key(|t| t.id);
        Some((entry, tasks))
    }) else {
        return;
    };
    let cancelled = executor::unqueue_run(run);
    drop(cancelled); // out of the queue's borrow: dropping a task can drop its future
    let state = Rc::clone(&entry.state);
    let end = || {
        for task in &tasks {
            task.end();
            task.queued.set(false);
            trace::record(Kind::Cancel, run, task.id, 0, 0);
        }
        // Dropped after all the cancels are recorded, with no borrow held: dropping a future
        // clears its timers and may wake others.
        let parked = std::mem::take(&mut *state.parked.borrow_mut());
        tasks.iter().for_each(|task| task.drop_future());
        drop(parked);
        // Timers whose `sleep` outlived its task go with the run too.
        let timers = state.virt.as_ref().map(|v| v.timers.borrow_mut().take_all());
        drop(timers);
        state.paused.set(false);
        let code = if outcome == Outcome::Finished { RUN_FINISHED } else { RUN_CANCELLED };
        trace::record(Kind::RunEnd, run, 0, code, 0);
    };
    // Inside one of its polls the clock already reads the run's time, running.
    if current().is_some() {
        end();
    } else {
        state.at_its_time(end);
    }
    entry.end.outcome.set(Some(outcome));
    let waiters = std::mem::take(&mut *entry.end.waiters.borrow_mut());
    waiters.into_iter().for_each(Waker::wake);
}

/// A future that resolves when run `run` ends, or `None` at once if it is not live.
pub fn run_finished(run: u32) -> Option<RunFinished> {
    with_loop(|l| l.run(run).map(|r| RunFinished { end: Rc::clone(&r.end) }))
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

/// Sends the wakes of `run`'s tasks the slow way (`slow`: it is paused or virtual) or the
/// short way. Pause and resume pay for a walk over the tasks, so a wake pays for one flag.
pub(super) fn set_slow_wakes(run: u32, slow: bool) {
    with_loop(|l| l.tasks.values().filter(|t| t.run == run).for_each(|t| t.slow_wakes.set(slow)));
}

/// How time passes in a live run.
pub fn run_mode(run: u32) -> Option<Mode> {
    with_loop(|l| l.run(run).map(|r| r.config.mode))
}

/// A live run's time now, in ms: its virtual clock in a virtual run (the time of its latest
/// record, or later), the real clock in a real run.
pub fn run_now(run: u32) -> Option<f64> {
    let state = run_state(run)?;
    Some(match &state.virt {
        Some(v) => v.clock.now(),
        None => clock::real_now(),
    })
}

/// Virtual timers armed in live virtual runs.
pub(super) fn virtual_timers() -> usize {
    with_loop(|l| l.runs.iter().filter_map(|(_, r)| r.state.virt.as_ref()).map(|v| v.timers.borrow().len()).sum())
}

/// Tasks alive now, in all runs.
pub fn live_tasks() -> usize {
    with_loop(|l| l.tasks.len())
}

/// Runs not yet ended.
pub fn live_runs() -> usize {
    with_loop(|l| l.runs.len())
}
