//! The event loop: owns the run queue, polls ready tasks on a microtask, records what it
//! does, and keeps the runs (one execution of a lesson) with the tasks they own.
//!
//! The run queue is a thread-local of its own (`READY`, see [`with_queue`]); the rest of the
//! state lives in one thread-local `Loop`. Its borrow is always short: it is taken to register
//! a task or to look something up, and dropped before any poll, wake, JS call or future drop,
//! because each of those can re-enter the loop.
//!
//! **Pause and step.** A paused run stays live: wakes still happen and are recorded, but a
//! woken task is parked in its run's state (`run.rs`) instead of the run queue, so no tick
//! polls it while other runs go on. A step polls the first parked task in a tick of its own,
//! through the same [`poll_task`] a drain uses, and the run stays paused.
//!
//! **Virtual time.** A virtual run's sleeps queue timers on its own clock (`timer_queue.rs`),
//! and after each of its polls, when none of its tasks is ready, it is not paused and none
//! waits on the outside, the loop moves its clock on to the next deadline and fires that
//! timer, all inside the same drain, whose time slice still hands the browser a turn every
//! 8 ms. Its polls run with the clock reading its time (`trace::clock`), and the time they
//! declare (busy work, a script's steps) is added to it; a timer that comes due meanwhile
//! fires at the end of the loop's next round (`VirtualRun::next_in_round`), as in asyncio. Real runs take none of these paths: a wake and a poll each read
//! one more flag, on the task itself; no lookup, no clock read.

use std::cell::{Cell, RefCell, UnsafeCell};
use std::collections::HashMap;
use std::future::Future;
use std::ptr::NonNull;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use super::host;
use super::queue::{slice_spent, ClockSampler, RunQueue};
use super::registry::{Key, Registry};
use super::run::RunState;
use super::task::{Head, Task, TaskRef};
use super::TaskName;
use crate::trace::record::{spawned_wake, Kind, WakeCause, RUN_CANCELLED, RUN_FINISHED};
use crate::trace::{self, clock};

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
    ticks: u32,
    next_task: u32,
    next_run: u32,
    tasks: Registry<TaskRef>,
    runs: HashMap<u32, RunEntry>,
    /// The run the last task was spawned into, with its state: a run spawns its tasks in
    /// bursts, and this spares each spawn a lookup. Forgotten when that run ends.
    spawned_into: Option<(u32, Rc<RunState>)>,
}

/// The task being polled right now, as (task id, run id); (0, 0) between polls. The trace
/// keeps it (`trace::polling`): the loop sets it once per poll for both.
#[derive(Clone, Copy, Default, PartialEq)]
struct Current {
    task: u32,
    run: u32,
}

#[inline(always)]
fn current_now() -> Current {
    let (task, run) = trace::polling();
    Current { task, run }
}

thread_local! {
    static LOOP: RefCell<Loop> = RefCell::new(Loop::default());
    /// The run queue, apart from the rest of the loop's state: a wake and a poll reach it
    /// with no set-up check and no borrow flag (see [`with_queue`]).
    static READY: UnsafeCell<RunQueue<TaskRef>> = const { UnsafeCell::new(RunQueue::new()) };
    /// A drain is queued (micro- or macrotask) or running: wakes need not queue another.
    static DRAIN_SCHEDULED: Cell<bool> = const { Cell::new(false) };
    /// The task being polled woke itself: 1 + its place in line (0: it did not). The loop puts
    /// back the reference it holds when the poll returns (see [`requeue`]).
    static REQUEUE_AT: Cell<usize> = const { Cell::new(0) };
    /// Set around wakes whose cause the waker cannot see (a timer, a channel).
    static WAKE_CAUSE: Cell<Option<WakeCause>> = const { Cell::new(None) };
    /// Set when the task being polled says it waits on something outside the loop.
    static WAITS_OUTSIDE: Cell<bool> = const { Cell::new(false) };
    /// Set when the task being polled holds its run (see [`hold_current`]).
    static HELD: Cell<bool> = const { Cell::new(false) };
}

/// The task being polled gives the browser a turn without giving the loop to any other task:
/// it is woken now (a self-wake), goes back to the front of the line when its poll returns,
/// and the tick ends there. A script's endless loop thus holds the loop as it would in
/// CPython, while the page still draws between slices. `waker` is the poll's own.
pub fn hold_current(waker: &Waker) {
    clock::real_now(); // a read of the clock: the loop times this poll, and so sees the hold
    waking_because(WakeCause::Hold, || waker.wake_by_ref());
    HELD.with(|h| h.set(true));
}

/// After a poll: if the task held its run, puts it at the front of its line (`parked` for a
/// paused run being stepped) and says so.
#[cold]
#[inline(never)]
fn take_hold(id: u32, parked: Option<&RunState>) -> bool {
    if !HELD.with(|h| h.replace(false)) {
        return false;
    }
    match parked {
        Some(state) => {
            let mut line = state.parked.borrow_mut();
            if let Some(at) = line.iter().position(|t| t.id == id) {
                if let Some(task) = line.remove(at) {
                    line.push_front(task);
                }
            }
        }
        None => with_queue(|q| q.move_to_front(|t| t.id == id)),
    }
    true
}

fn with_loop<T>(f: impl FnOnce(&mut Loop) -> T) -> T {
    LOOP.with(|l| f(&mut l.borrow_mut()))
}

/// Runs `f` on the run queue. Every `f` in this file only pushes, pops, counts or moves
/// tasks: none drops one (a task's drop can drop its future, which can wake, which pushes)
/// or calls anything that could reach the queue again. That is what makes the borrow below
/// the only one, with no flag to check twice per poll.
/// Debug builds check that claim: a re-entry panics in the tests instead of corrupting.
#[inline(always)]
fn with_queue<T>(f: impl FnOnce(&mut RunQueue<TaskRef>) -> T) -> T {
    #[cfg(debug_assertions)]
    let _borrow = QueueBorrow::take();
    // SAFETY: single-threaded, and no `f` re-enters the queue (see above; debug builds
    // check it), so this is the only reference to it while `f` runs.
    READY.with(|q| f(unsafe { &mut *q.get() }))
}

/// The run queue's borrow, in debug builds: taking it twice at once panics.
#[cfg(debug_assertions)]
struct QueueBorrow;

#[cfg(debug_assertions)]
thread_local! {
    static QUEUE_BORROWED: Cell<bool> = const { Cell::new(false) };
}

#[cfg(debug_assertions)]
impl QueueBorrow {
    fn take() -> QueueBorrow {
        let again = QUEUE_BORROWED.with(|b| b.replace(true));
        assert!(!again, "the run queue was re-entered while borrowed");
        QueueBorrow
    }
}

#[cfg(debug_assertions)]
impl Drop for QueueBorrow {
    fn drop(&mut self) {
        QUEUE_BORROWED.with(|b| b.set(false));
    }
}

/// The state of a live run.
fn run_state(run: u32) -> Option<Rc<RunState>> {
    with_loop(|l| l.runs.get(&run).map(|r| Rc::clone(&r.state)))
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
    record_soon_in(current_now(), kind, run, task, a, b);
}

/// [`record_soon`] for a caller that knows the current task already.
#[inline(always)]
fn record_soon_in(current: Current, kind: Kind, run: u32, task: u32, a: u32, b: u32) {
    if current.task == 0 {
        trace::record(kind, run, task, a, b);
    } else {
        trace::record_unsettled(kind, run, task, a, b);
    }
}

/// Records that the task being polled is about to wait on `on` (see [`Kind::Wait`]).
/// Waiting on [`WakeCause::External`] also stops a virtual run's clock until the task is
/// woken: the outside (a worker, the page) takes real time the virtual clock cannot know.
pub fn waiting_on(on: WakeCause, detail: u32) {
    if let Some((task, run)) = current() {
        if on == WakeCause::External {
            WAITS_OUTSIDE.with(|w| w.set(true));
        }
        record_soon(Kind::Wait, run, task, on as u32, detail);
    }
}

/// Schedules a task: records the wake with its cause and queues the task once (parks it,
/// if its run is paused). A real, running run's task takes the short way, kept small on
/// purpose: the browser inlines it into the future that wakes (a yield), and that future
/// into the loop, only while each is small; everything else is out of line.
#[inline]
pub(super) fn wake(task: &Task) {
    if task.slow_wakes.get() {
        return wake_slow(task);
    }
    let current = current_now();
    if trace::is_on() {
        // A yield: folded into the poll's record, when that poll has recorded nothing else.
        let folded = current.task == task.id && WAKE_CAUSE.with(Cell::get).is_none() && trace::fold_self_wake();
        if !folded {
            record_wake(task, current);
        }
    }
    queue_woken(task, current);
}

/// The part of a running run's wake that puts the task in line, once (the caller records it).
#[inline(always)]
fn queue_woken(task: &Task, current: Current) {
    if !task.queued.replace(true) {
        if current.task == task.id {
            // Woke itself (a yield): its place in line is taken now, and the loop puts the
            // task it holds there when the poll returns, with no count taken and given back.
            REQUEUE_AT.with(|r| r.set(with_queue(|q| q.len()) + 1));
        } else {
            enqueue(task);
        }
    }
}

/// After `task`'s poll: puts it back in line if it woke itself during the poll (see
/// [`wake`]), at the place its wake took, taking over the caller's reference.
#[inline(always)]
fn requeue(task: TaskRef) {
    let at = REQUEUE_AT.with(|r| r.replace(0));
    if at != 0 {
        if task.slow_wakes.get() {
            requeue_slow(task);
        } else {
            with_queue(|q| q.put_at(at - 1, task));
        }
    }
}

/// [`requeue`] for a task whose run was paused or cancelled during its poll: an ended task
/// stays out of line, a paused run's task waits in its run's line.
#[cold]
#[inline(never)]
fn requeue_slow(task: TaskRef) {
    if task.done.get() {
        task.queued.set(false);
    } else if task.state.paused.get() {
        let state = Rc::clone(&task.state);
        state.parked.borrow_mut().push_back(task);
    } else {
        enqueue(&task);
    }
}

/// Records a wake of `task` with its cause (see [`wake_cause`]).
#[inline(never)]
fn record_wake(task: &Task, current: Current) {
    let (cause, by) = wake_cause(task, current);
    record_soon_in(current, Kind::Wake, task.run, task.id, cause as u32, by);
}

/// A wake of a task of a virtual or paused run: stamped at the run's time when it comes
/// from outside the loop, ending a wait on the outside, counted as ready, and parked if
/// the run is paused. Cold for the same reason as `poll_virtual`.
#[cold]
#[inline(never)]
fn wake_slow(task: &Task) {
    if task.done.get() {
        return; // wakes after completion or cancellation are ignored
    }
    let state = &task.state;
    if trace::is_on() {
        let current = current_now();
        match &state.virt {
            // Between polls (a timer, the page, a worker): at the run's time, not the page's.
            Some(v) if current.task == 0 => {
                let (cause, by) = wake_cause(task, current);
                trace::record_at(v.clock.now(), Kind::Wake, task.run, task.id, cause as u32, by);
            }
            _ => record_wake(task, current),
        }
    }
    if task.waits_outside.replace(false) {
        if let Some(v) = &state.virt {
            v.outside.set(v.outside.get().saturating_sub(1));
        }
    }
    if task.queued.replace(true) {
        return;
    }
    if let Some(v) = &state.virt {
        v.ready.set(v.ready.get() + 1);
    }
    if state.paused.get() {
        state.parked.borrow_mut().push_back(task.to_ref());
    } else {
        enqueue(task);
    }
}

/// Why `task` is being woken, and by which task (0: none), as the wake record says.
#[inline]
fn wake_cause(task: &Task, current: Current) -> (WakeCause, u32) {
    match WAKE_CAUSE.with(Cell::get) {
        Some(cause) => (cause, current.task),
        None if current.task == task.id => (WakeCause::SelfWake, task.id),
        None if current.task != 0 => (WakeCause::Task, current.task),
        None => (WakeCause::External, 0),
    }
}

/// Puts a woken task at the back of the run queue, and has a drain run if none is due.
#[inline]
fn enqueue(task: &Task) {
    with_queue(|q| q.push(task.to_ref()));
    schedule_drain();
}

/// Has a drain run on a microtask, unless one is due already.
#[inline]
fn schedule_drain() {
    // Read first: during a drain it is always set, and a wake then costs no store.
    if !DRAIN_SCHEDULED.with(Cell::get) {
        DRAIN_SCHEDULED.with(|d| d.set(true));
        host::drain_on_microtask();
    }
}

/// One tick: polls ready tasks in wake order until none is ready or the time slice is spent.
pub(super) fn drain() {
    let ready = with_queue(|q| q.len() as u32);
    if ready == 0 {
        DRAIN_SCHEDULED.with(|d| d.set(false)); // its tasks were cancelled or paused meanwhile
        return;
    }
    let tick = with_loop(|l| {
        l.ticks += 1;
        l.ticks
    });
    let started = clock::real_now();
    trace::record_at(started, Kind::TickStart, 0, 0, tick, ready);
    let (polls, handed_over) = poll_ready(started);
    trace::record(Kind::TickEnd, 0, 0, polls, handed_over as u32);
    if handed_over {
        host::drain_on_macrotask(); // `DRAIN_SCHEDULED` stays true until a drain empties the queue
    } else {
        DRAIN_SCHEDULED.with(|d| d.set(false));
    }
}

/// The loop's hot path: polls ready tasks in wake order until none is left (false) or the
/// tick's time slice, begun at `started`, is spent while tasks are still ready (true, the
/// browser's turn). Returns the polls made, and which. Its own function, and small: the
/// browser inlines the tasks' futures (and their wakes) into it only while the whole stays
/// under its inlining budget, and a yield then costs no call at all.
#[inline(never)]
fn poll_ready(started: f64) -> (u32, bool) {
    // `now` is the last clock read: exact at timed polls, the window's start in a burst.
    let (mut now, mut sampler, mut polls) = (started, ClockSampler::default(), 0);
    trace::poll_time(now);
    while let Some(task) = with_queue(RunQueue::pop) {
        let Some(timed) = poll_task(&task, &mut now, &mut sampler) else {
            continue; // cancelled while queued
        };
        let id = task.id;
        requeue(task);
        polls += 1;
        // A poll that holds its run reads the clock (it checks its slice), so it is timed.
        if timed && (take_hold(id, None) | slice_spent(started, now)) && !with_queue(|q| q.is_empty()) {
            return (polls, true);
        }
    }
    (polls, false)
}

/// Polls one task just taken from the run queue or its run's parked line: records the poll
/// and what it returned, then keeps the future, or ends the task if it finished. The one
/// poll path, shared by a drain and a step.
///
/// `now` is the loop's last real clock read, updated when this poll's end is timed (see
/// [`ClockSampler`]). Returns whether it was, or `None` if the task had been cancelled while
/// it waited in line (nothing polled).
#[inline(always)]
fn poll_task(task: &TaskRef, now: &mut f64, sampler: &mut ClockSampler) -> Option<bool> {
    // One flag tells the usual task (of a real, running run, not ended) from the others.
    task.check_flags();
    if task.slow_wakes.get() {
        if task.virtual_time {
            // `now` and `sampler` stay out of the call: a reference passed to a function that
            // is not inlined would keep them in memory instead of locals, for every real poll.
            let real_end = poll_virtual(task)?;
            sampler.due(true);
            sampler.observed(real_end - *now);
            *now = real_end;
            trace::poll_time(real_end);
            return Some(true);
        }
        if task.done.get() {
            task.queued.set(false);
            return None; // cancelled while in line
        }
        // A paused run's task, being stepped: polled as any other.
    }
    // A real run: the hot path, timed by the sampler.
    task.queued.set(false);
    let n = task.polls.get() + 1;
    task.polls.set(n);
    trace::poll_started(task.run, task.id, n);
    let reads_before = clock::reads();
    let poll = task.poll_future();
    let timed = sampler.due(clock::reads() != reads_before);
    if timed {
        let read = clock::real_now(); // a real run's poll: nothing points the clock elsewhere
        sampler.observed(read - *now);
        *now = read;
    }
    let finish_written = trace::poll_ended(*now, task.run, task.id, poll.is_ready(), timed);
    if timed {
        trace::poll_time(*now); // after the poll's end: its own start may still be unwritten
    }
    after_poll(task, poll, *now, finish_written);
    Some(timed)
}

/// [`poll_task`] for a task of a virtual run: the poll runs on the run's clock, which counts
/// the time the poll declares (see [`clock::charge`]); a poll that says it waits on the outside stops the clock; and
/// when the run has nothing ready after it, its clock moves on to its next timer. Returns
/// the real clock at the poll's end (always read: the poll is timed), or `None` as
/// [`poll_task`] does. Marked cold only to keep it out of the real runs' way: the loop's
/// code is laid out for the hot path, which the benchmark measures.
#[cold]
#[inline(never)]
fn poll_virtual(task: &TaskRef) -> Option<f64> {
    let v = task.state.virt.as_ref()?;
    task.queued.set(false);
    v.unready();
    v.next_in_round();
    if task.done.get() {
        v.polled_in_round();
        task.state.advance_if_idle(); // it was the last ready task of the run
        return None;
    }
    let n = task.polls.get() + 1;
    task.polls.set(n);
    trace::record_at(v.clock.now(), Kind::PollStart, task.run, task.id, n, 0);
    WAITS_OUTSIDE.with(|w| w.set(false));
    trace::set_polling(task.id, task.run);
    let (poll, real_end) = v.clock.running(|| task.poll_future());
    trace::set_polling(0, 0);
    let end = v.clock.now();
    let finish_written = trace::poll_ended(end, task.run, task.id, poll.is_ready(), true);
    if poll.is_pending() && WAITS_OUTSIDE.with(Cell::get) && !task.queued.get() && !task.done.get() {
        task.waits_outside.set(true);
        v.outside.set(v.outside.get() + 1);
    }
    v.clock.still(|| {
        after_poll(task, poll, end, finish_written);
        v.polled_in_round();
        task.state.advance_if_idle();
    });
    Some(real_end)
}

/// After a poll that ended at `end`: ends a finished task (whose `Finish` the poll's record
/// may have said already: `finish_written`), or drops the future of a task cancelled during
/// its own poll (its cancel had to leave the future alone). A task cancelled during its own
/// poll stays cancelled even if that poll returned, as in asyncio: it has no `Finish`.
#[inline(always)]
fn after_poll(task: &Task, poll: Poll<()>, end: f64, finish_written: bool) {
    if task.done.get() {
        drop_cancelled(task);
    } else if poll.is_ready() {
        finish(task, end, finish_written);
    }
    task.check_flags();
}

#[cold]
#[inline(never)]
fn drop_cancelled(task: &Task) {
    task.drop_future();
}

/// A task's future completed: forget the task, and end its run if it was the root.
/// Stamped with its poll's end (`at`), which is when it finished, without a clock read of its
/// own: in a burst of short tasks that read would cost more than the task. Recorded before
/// the future is dropped (what its drop does comes after), unless the poll's folded record
/// said it already (`written`).
#[inline(never)]
fn finish(task: &Task, at: f64, written: bool) {
    task.end();
    // Out of the registry before anything else runs: it holds only tasks that have not ended
    // (what the future's drop does, a cancel or a resume, finds this one gone).
    let registered = with_loop(|l| l.tasks.remove(task.key()));
    drop(registered); // not the last reference: the caller holds one
    if !written {
        trace::record_at(at, Kind::Finish, task.run, task.id, 0, 0);
    }
    task.drop_future();
    if task.root {
        end_run(task.run, Outcome::Finished);
    }
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
    // `make` moves what it captures and calls nothing: the key `new_head` takes is still free
    // when `announce` registers the task.
    let task = Task::allocate(new_head(run, parent), make);
    announce(&task, parent, name);
    task
}

/// The bookkeeping of a new task of `run` (its root if `parent` is 0), with the registry
/// key it is to take.
#[inline(never)]
fn new_head(run: u32, parent: u32) -> Head {
    let root = parent == 0 && run != 0;
    with_loop(|l| {
        l.next_task += 1;
        let state = match &l.spawned_into {
            Some((cached, state)) if *cached == run => Rc::clone(state),
            _ => match l.runs.get(&run).map(|r| Rc::clone(&r.state)) {
                Some(state) => {
                    l.spawned_into = Some((run, Rc::clone(&state)));
                    state
                }
                // A task of no live run (spawned outside any) gets a real run's state of its own.
                None => Rc::new(RunState::new(false)),
            },
        };
        Head::new(l.tasks.next_key(l.next_task), run, root, state)
    })
}

/// Registers a new task, records its spawn and wakes it for its first poll.
#[inline(never)]
fn announce(task: &Task, parent: u32, name: &TaskName) {
    with_loop(|l| l.tasks.insert(task.key(), task.to_ref()));
    if trace::is_on() {
        let current = current_now();
        // The usual spawn, in a running real run, whose wake would record what a `Spawned`
        // says (by the parent, or from outside for a root): one record for both.
        if !task.slow_wakes.get() && wake_cause(task, current) == spawned_wake(parent) {
            trace::record_spawned(current.task != 0, task.run, task.id, parent, name.text_id());
            return queue_woken(task, current);
        }
        record_soon(Kind::Spawn, task.run, task.id, parent, name.text_id());
    }
    wake(task); // recorded as woken by the spawning task, or from outside for a root
}

/// The task being polled now, as (task id, run id), or `None` between polls.
pub fn current() -> Option<(u32, u32)> {
    let c = current_now();
    (c.task != 0).then_some((c.task, c.run))
}

/// The configuration of a live run.
pub fn run_config(run: u32) -> Option<RunConfig> {
    with_loop(|l| l.runs.get(&run).map(|r| r.config.clone()))
}

/// What a `sleep` in `run` needs to arm its timer: the run's speed, and the run's state if
/// it is a virtual run (`None` for a real run or no live run). One lookup.
pub(super) fn sleep_context(run: u32) -> (f64, Option<Rc<RunState>>) {
    with_loop(|l| match l.runs.get(&run) {
        Some(r) => (r.config.speed, r.state.virt.is_some().then(|| Rc::clone(&r.state))),
        None => (1.0, None),
    })
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
        with_loop(|l| l.runs.insert(run, entry));
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
        let entry = l.runs.remove(&run)?;
        if l.spawned_into.as_ref().is_some_and(|(cached, _)| *cached == run) {
            l.spawned_into = None;
        }
        let keys: Vec<Key> = if l.tasks.len() == 0 {
            Vec::new() // no task live in any run (a run's usual end): no walk over the slots
        } else {
            l.tasks.values().filter(|t| t.run == run).map(|t| t.key()).collect()
        };
        let mut tasks: Vec<TaskRef> = keys.into_iter().filter_map(|key| l.tasks.remove(key)).collect();
        tasks.sort_by_key(|t| t.id);
        Some((entry, tasks))
    }) else {
        return;
    };
    let cancelled = with_queue(|q| q.take_where(|t| t.run == run));
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

/// Sends the wakes of `run`'s tasks the slow way (`slow`: it is paused or virtual) or the
/// short way. Pause and resume pay for a walk over the tasks, so a wake pays for one flag.
fn set_slow_wakes(l: &Loop, run: u32, slow: bool) {
    l.tasks.values().filter(|t| t.run == run).for_each(|t| t.slow_wakes.set(slow));
}

/// Records a run's pause (`a` = 1) or resume (`a` = 0) at the run's time.
fn record_pause(run: u32, state: &RunState, paused: bool) {
    state.at_its_time(|| trace::record(Kind::Pause, run, 0, paused as u32, 0));
}

/// Pauses a live run: none of its tasks is polled until it is resumed or stepped, while its
/// wakes still happen and are recorded (a task woken meanwhile waits, ready, in its run's
/// line). Other runs go on. False if the run is not live; pausing a paused run does nothing.
pub fn pause_run(run: u32) -> bool {
    let Some(state) = run_state(run) else { return false };
    if state.paused.replace(true) {
        return true;
    }
    with_loop(|l| set_slow_wakes(l, run, true));
    let ready = with_queue(|q| q.take_where(|t| t.run == run));
    state.parked.borrow_mut().extend(ready);
    record_pause(run, &state, true);
    true
}

/// Resumes a paused run: its parked tasks go back to the run queue in their order, and a
/// virtual run with nothing ready moves on to its next timer. False if the run is not
/// live; resuming a run that is not paused does nothing.
pub fn resume_run(run: u32) -> bool {
    let Some(state) = run_state(run) else { return false };
    if !state.paused.replace(false) {
        return true;
    }
    record_pause(run, &state, false);
    with_loop(|l| set_slow_wakes(l, run, state.virt.is_some()));
    let parked = std::mem::take(&mut *state.parked.borrow_mut());
    if !parked.is_empty() {
        with_queue(|q| parked.into_iter().for_each(|task| q.push(task)));
        schedule_drain();
    }
    state.advance_if_idle();
    true
}

/// Whether `run` is live and paused.
pub fn is_paused(run: u32) -> bool {
    run_state(run).is_some_and(|s| s.paused.get())
}

/// Why [`step_run`] could not step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepError {
    /// The run ended or never started.
    NotLive,
    /// The run is running: only a paused run is stepped.
    NotPaused,
    /// Called from inside a poll: a task cannot step the loop it runs on.
    InsidePoll,
}

/// Polls exactly one ready task of a paused run, the first in its line, in a tick of one
/// poll (`TickStart`, `PollStart`, `PollEnd`, `TickEnd`); the run stays paused. Returns the
/// polled task's id, or 0 if none of the run's tasks was ready. A virtual run with nothing
/// ready first moves its clock on to its next timer and fires it, so stepping makes
/// progress while the run has timers, unless one of its tasks waits on the outside, which
/// stops virtual time (then it returns 0 until the outside answers).
pub fn step_run(run: u32) -> Result<u32, StepError> {
    if current().is_some() {
        return Err(StepError::InsidePoll);
    }
    let state = run_state(run).ok_or(StepError::NotLive)?;
    if !state.paused.get() {
        return Err(StepError::NotPaused);
    }
    let task = loop {
        let next = state.parked.borrow_mut().pop_front();
        match next {
            Some(task) if task.done.get() => {
                // Cancelled while parked: leaves the line without a poll.
                task.queued.set(false);
                if let Some(v) = &state.virt {
                    v.unready();
                    v.next_in_round();
                    v.polled_in_round();
                }
            }
            Some(task) => break task,
            None => match &state.virt {
                Some(v) if v.outside.get() == 0 && v.fire_next() => {} // its wake parks a task
                _ => return Ok(0),
            },
        }
    };
    let ready = state.parked.borrow().len() as u32 + 1;
    let tick = with_loop(|l| {
        l.ticks += 1;
        l.ticks
    });
    let mut now = clock::real_now();
    trace::record_at(now, Kind::TickStart, 0, 0, tick, ready);
    trace::poll_time(now);
    let polled = poll_task(&task, &mut now, &mut ClockSampler::default()).is_some();
    let id = task.id;
    requeue(task);
    take_hold(id, Some(&state));
    trace::record(Kind::TickEnd, 0, 0, polled as u32, 0);
    Ok(id)
}

/// How time passes in a live run.
pub fn run_mode(run: u32) -> Option<Mode> {
    with_loop(|l| l.runs.get(&run).map(|r| r.config.mode))
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
    with_loop(|l| l.runs.values().filter_map(|r| r.state.virt.as_ref()).map(|v| v.timers.borrow().len()).sum())
}

/// Tasks alive now, in all runs.
pub fn live_tasks() -> usize {
    with_loop(|l| l.tasks.len())
}

/// Runs not yet ended.
pub fn live_runs() -> usize {
    with_loop(|l| l.runs.len())
}
