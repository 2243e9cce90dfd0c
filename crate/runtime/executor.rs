//! The event loop: wakes tasks into the run queue, drains it on a microtask (polling each
//! ready task and recording what it does), and ends the tasks that finish.
//!
//! The run queue is a thread-local of its own (`READY`, see [`with_queue`]), reached only
//! from this file. Runs and their tasks' registry are `lifecycle.rs`'s; pause, resume and
//! step are `pause.rs`'s, which polls through the same [`poll_task`] a drain uses.
//!
//! **One way: lifecycle uses the executor, never the reverse.** Lifecycle wakes a new task
//! and takes an ended run's tasks out of line through this file; this file knows nothing of
//! runs or the registry. The one thing it must tell them, that a task's future completed,
//! goes up through the function lifecycle hands it ([`on_finish`]), as the host calls the
//! drain the loop hands it. So the loop can be read, and its safety argued, on its own.
//!
//! **Virtual time.** A virtual run's sleeps queue timers on its own clock (`timer_queue.rs`),
//! and after each of its polls, when none of its tasks is ready, it is not paused and none
//! waits on the outside, the loop moves its clock on to the next deadline and fires that
//! timer, all inside the same drain, whose time slice still hands the browser a turn every
//! 8 ms. Its polls run with the clock reading its time (`clock.rs`), and the time they
//! declare (busy work, a script's steps) is added to it; a timer that comes due meanwhile
//! fires at the end of the loop's next round (`VirtualRun::next_in_round`), as in asyncio.
//! Real runs take none of these paths: a wake and a poll each read one more flag, on the
//! task itself; no lookup, no clock read.

use std::cell::{Cell, UnsafeCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::task::{Poll, RawWaker, RawWakerVTable, Waker};

use super::context::{self, record_soon_in, Current};
use super::queue::{slice_spent, ClockSampler, RunQueue};
use super::run::RunState;
use super::task::{Task, TaskRef, QUIET};
use super::{clock, host, TaskName};
use crate::trace;
use crate::trace::record::{spawned_wake, Kind, WakeCause};

thread_local! {
    /// The run queue, apart from the rest of the loop's state: a wake and a poll reach it
    /// with no set-up check and no borrow flag (see [`with_queue`]).
    static READY: UnsafeCell<RunQueue<TaskRef>> = const { UnsafeCell::new(RunQueue::new()) };
    /// A drain is queued (micro- or macrotask) or running: wakes need not queue another.
    static DRAIN_SCHEDULED: Cell<bool> = const { Cell::new(false) };
    /// The task being polled woke itself: 1 + its place in line (0: it did not). The loop puts
    /// back the reference it holds when the poll returns (see [`requeue`]).
    static REQUEUE_AT: Cell<usize> = const { Cell::new(0) };
    /// Ticks so far (drains that polled, and steps).
    static TICKS: Cell<u32> = const { Cell::new(0) };
    /// What ends a task whose future completed: lifecycle's (see [`on_finish`]).
    static FINISH: Cell<Finish> = const { Cell::new(no_finish) };
}

/// Ends a task whose future completed in a poll that ended at `end` (`f64`), whose record may
/// have said its `Finish` already (`bool`): forgets it, records the finish, drops the future,
/// ends its run if it was the root.
pub(super) type Finish = fn(&Task, f64, bool);

/// Sets what ends a finished task. Lifecycle calls it before the first task exists (every task
/// is spawned through it), and the loop calls it out of line, once per finished task.
pub(super) fn on_finish(finish: Finish) {
    FINISH.with(|f| f.set(finish));
}

/// Until lifecycle has set [`FINISH`]: no task can exist yet.
fn no_finish(task: &Task, _: f64, _: bool) {
    unreachable!("task {} finished before lifecycle set what ends it", task.id);
}

#[cfg(debug_assertions)]
thread_local! {
    static QUEUE_BORROWED: Cell<bool> = const { Cell::new(false) };
}

/// After a poll: if the task held its run, puts it at the front of its line (`parked` for a
/// paused run being stepped).
#[cold]
#[inline(never)]
fn take_hold(id: u32, parked: Option<&RunState>) {
    if !context::take_held() {
        return;
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

/// Schedules a task: records the wake with its cause and queues the task once (parks it,
/// if its run is paused). A real, running run's task takes the short way, kept small on
/// purpose: the browser inlines it into the future that wakes (a yield), and that future
/// into the loop, only while each is small; everything else is out of line.
#[inline]
pub(super) fn wake(task: &Task) {
    if task.slow_wakes.get() {
        return wake_slow(task);
    }
    let current = Current::now();
    if trace::is_on() {
        // A yield: folded into the poll's record, when that poll has recorded nothing else.
        let folded = current.task == task.id && context::wake_cause_set().is_none() && trace::fold_self_wake();
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
    if trace::is_on() && task.id != QUIET {
        let current = Current::now();
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
    match context::wake_cause_set() {
        Some(cause) => (cause, context::acting(current)),
        None if current.task == task.id => (WakeCause::SelfWake, task.id),
        None if current.task != 0 => (WakeCause::Task, context::acting(current)),
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
        host::drain_on_microtask(drain);
    }
}

/// One tick: polls ready tasks in wake order until none is ready or the time slice is spent.
pub(super) fn drain() {
    let ready = with_queue(|q| q.len() as u32);
    if ready == 0 {
        DRAIN_SCHEDULED.with(|d| d.set(false)); // its tasks were cancelled or paused meanwhile
        return;
    }
    let tick = next_tick();
    let started = clock::real_now();
    trace::record_at(started, Kind::TickStart, 0, 0, tick, ready);
    let (polls, handed_over) = poll_ready(started);
    trace::record(Kind::TickEnd, 0, 0, polls, handed_over as u32);
    if handed_over {
        host::drain_on_macrotask(drain); // `DRAIN_SCHEDULED` stays true until a drain empties the queue
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
        // A poll that holds its run reads the clock (it checks its slice), so it is timed.
        if timed && context::held() {
            polls += 1 + hold(task, &mut now, &mut sampler);
            if !with_queue(|q| q.is_empty()) {
                return (polls, true);
            }
            continue;
        }
        requeue(task);
        polls += 1;
        if timed && slice_spent(started, now) && !with_queue(|q| q.is_empty()) {
            return (polls, true);
        }
    }
    (polls, false)
}

/// After a poll of `task` that held its run: puts it first in line, then the run's threads
/// take their turn, as threads run beside a loop that one task blocks. In a virtual run the
/// threads' timers due by now fire first (the holder's `time.sleep` stops at them, see
/// `lifecycle::threads_turn`), and the loop's rounds stand still until the hold ends: its
/// timers come due meanwhile, but join the ready line only after, as in asyncio. Each thread
/// ready now is polled once. Returns the threads' polls.
#[cold]
#[inline(never)]
fn hold(task: TaskRef, now: &mut f64, sampler: &mut ClockSampler) -> u32 {
    let (id, state) = (task.id, Rc::clone(&task.state));
    requeue(task);
    take_hold(id, None);
    if state.paused.get() || !with_queue(|q| q.first().is_some_and(|t| t.id == id)) {
        return 0; // paused, or cancelled during its poll: nothing holds the loop
    }
    if let Some(v) = &state.virt {
        v.holder.set(id);
        v.fire_beside_due();
    }
    let ours = |t: &TaskRef| t.beside_loop.get() && Rc::ptr_eq(&t.state, &state);
    if !with_queue(|q| q.iter().any(ours)) {
        return 0;
    }
    let mut polls = 0;
    for thread in with_queue(|q| q.take_where(ours)) {
        if poll_task(&thread, now, sampler).is_some() {
            polls += 1;
        }
        requeue(thread);
    }
    polls
}

/// Whether a thread of the run whose state is `state` is ready (see [`hold`]).
pub(super) fn thread_ready(state: &Rc<RunState>) -> bool {
    with_queue(|q| q.iter().any(|t| t.beside_loop.get() && Rc::ptr_eq(&t.state, state)))
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
        if task.id == QUIET {
            poll_callback(task);
            return Some(false);
        }
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
    context::set_current(task.id, task.run);
    trace::poll_started(task.run, task.id, n);
    let reads_before = clock::reads();
    let poll = task.poll_future();
    let timed = sampler.due(clock::reads() != reads_before);
    if timed {
        let read = clock::real_now(); // a real run's poll: nothing points the clock elsewhere
        sampler.observed(read - *now);
        *now = read;
    }
    let ready = poll.is_ready();
    let finish_written = trace::poll_ended(*now, task.run, task.id, ready, ready && context::raised(task.id), timed);
    context::set_current(0, 0);
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
    // While a task holds the loop, its polls and its threads' stand outside the rounds.
    let in_round = v.holder.get() == 0;
    if in_round {
        v.next_in_round();
    }
    if task.done.get() {
        if in_round {
            v.polled_in_round();
        } else if v.holder.get() == task.id {
            v.holder.set(0); // cancelled while it held the loop: its round ends here
            v.polled_in_round();
        }
        task.state.advance_if_idle(); // it was the last ready task of the run
        return None;
    }
    let n = task.polls.get() + 1;
    task.polls.set(n);
    trace::record_at(v.clock.now(), Kind::PollStart, task.run, task.id, n, 0);
    context::clear_waits_outside();
    context::set_current(task.id, task.run);
    let (poll, real_end) = v.clock.running(|| task.poll_future());
    context::set_current(0, 0);
    let end = v.clock.now();
    let ready = poll.is_ready();
    let finish_written = trace::poll_ended(end, task.run, task.id, ready, ready && context::raised(task.id), true);
    if poll.is_pending() && context::waits_outside() && !task.queued.get() && !task.done.get() {
        task.waits_outside.set(true);
        v.outside.set(v.outside.get() + 1);
    }
    // A poll that holds the loop is a slice of its task's step, which goes on in the polls
    // after it: the round ends (its due timers fire) with the step's last slice, as asyncio's
    // round ends once the step has returned.
    let holds = context::held();
    let hold_over = v.holder.get() == task.id && !holds;
    if hold_over {
        v.holder.set(0); // the hold is over: the rounds go on
    }
    v.clock.still(|| {
        after_poll(task, poll, end, finish_written);
        if (in_round && !holds) || hold_over {
            v.polled_in_round();
        }
        task.state.advance_if_idle();
    });
    Some(real_end)
}

/// A paused run's step met a callback in its line: runs it (loop bookkeeping, not a step of
/// its own) and drops it.
pub(super) fn run_callback(task: TaskRef) {
    poll_callback(&task);
}

/// [`poll_task`] for a callback's task (see `lifecycle::call_soon`): runs it, in a virtual
/// run on the run's clock as any poll, and ends it, recording nothing but what the callback
/// does, settled to its end.
#[cold]
#[inline(never)]
fn poll_callback(task: &TaskRef) {
    task.queued.set(false);
    let virt = task.state.virt.as_ref();
    if let Some(v) = virt {
        v.unready();
        v.next_in_round();
    }
    // Its one poll always returns ready: it runs the callback once.
    context::set_current(task.id, task.run);
    let end = match virt {
        Some(v) => {
            let _ = v.clock.running(|| task.poll_future());
            v.clock.now()
        }
        None => {
            let _ = task.poll_future();
            clock::now()
        }
    };
    trace::settle(end);
    context::set_current(0, 0);
    task.end();
    task.drop_future();
    if let Some(v) = virt {
        v.clock.still(|| {
            v.polled_in_round();
            task.state.advance_if_idle();
        });
    }
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
        FINISH.with(Cell::get)(task, end, finish_written);
    }
    task.check_flags();
}

#[cold]
#[inline(never)]
fn drop_cancelled(task: &Task) {
    task.drop_future();
}

/// Records a new task's spawn by `parent` under `name` and wakes it for its first poll: the
/// usual spawn, in a running real run, whose wake would record what a `Spawned` says (by
/// the parent, or from outside for a root), takes one record for both.
#[inline(never)]
pub(super) fn wake_spawned(task: &Task, parent: u32, name: &TaskName) {
    if trace::is_on() {
        let current = Current::now();
        if !task.slow_wakes.get() && wake_cause(task, current) == spawned_wake(parent) {
            trace::record_spawned(current.task != 0, task.run, task.id, parent, name.text_id());
            return queue_woken(task, current);
        }
        record_soon_in(current, Kind::Spawn, task.run, task.id, parent, name.text_id());
    }
    wake(task); // recorded as woken by the spawning task, or from outside for a root
}

/// Takes `run`'s tasks out of the run queue (its pause or its end), in their order.
pub(super) fn unqueue_run(run: u32) -> Vec<TaskRef> {
    with_queue(|q| q.take_where(|t| t.run == run))
}

/// Puts a resumed run's parked tasks back in the run queue, in their order.
pub(super) fn queue_parked(parked: VecDeque<TaskRef>) {
    if !parked.is_empty() {
        with_queue(|q| parked.into_iter().for_each(|task| q.push(task)));
        schedule_drain();
    }
}

/// A step's tick: polls `task`, the first ready task of a paused run (`state`), with
/// `ready` ready in all, in a tick of one poll (`TickStart`, `PollStart`, `PollEnd`,
/// `TickEnd`).
pub(super) fn step_tick(task: TaskRef, state: &RunState, ready: u32) {
    let tick = next_tick();
    let mut now = clock::real_now();
    trace::record_at(now, Kind::TickStart, 0, 0, tick, ready);
    trace::poll_time(now);
    let polled = poll_task(&task, &mut now, &mut ClockSampler::default()).is_some();
    let id = task.id;
    requeue(task);
    take_hold(id, Some(state));
    trace::record(Kind::TickEnd, 0, 0, polled as u32, 0);
}

/// The next tick's number.
fn next_tick() -> u32 {
    TICKS.with(|t| {
        t.set(t.get() + 1);
        t.get()
    })
}

/// A task's waker: the task itself (a [`TaskRef`] in the waker's pointer), whose wake is
/// the loop's [`wake`]. Every task's waker has it (see `Task::allocate`).
pub(super) static WAKER: RawWakerVTable = RawWakerVTable::new(clone_raw, wake_raw, wake_by_ref_raw, drop_raw);

unsafe fn clone_raw(ptr: *const ()) -> RawWaker {
    // SAFETY: `ptr` points to a live task (a waker holds a count, or borrows the loop's).
    let task = unsafe { &*ptr.cast::<Task>() };
    std::mem::forget(task.to_ref());
    RawWaker::new(ptr, &WAKER)
}

unsafe fn wake_raw(ptr: *const ()) {
    // SAFETY: an owned waker holds one count, handed over here.
    let task = unsafe { TaskRef::from_raw(ptr) };
    wake(&task);
}

unsafe fn wake_by_ref_raw(ptr: *const ()) {
    // SAFETY: the waker keeps the task alive for this call.
    wake(unsafe { &*ptr.cast::<Task>() });
}

unsafe fn drop_raw(ptr: *const ()) {
    // SAFETY: an owned waker holds one count, released here.
    drop(unsafe { TaskRef::from_raw(ptr) });
}

/// Wakes the task `waker` wakes, as `waker.wake_by_ref()` does. A task's own waker (one with
/// [`WAKER`]) goes straight to the loop's wake: the runtime's own futures (a yield) wake
/// through it on every poll, and the call through a waker's vtable is an indirect call the
/// browser must check each time.
#[inline(always)]
pub(super) fn wake_by_ref(waker: &Waker) {
    if std::ptr::eq(waker.vtable(), &WAKER) {
        // SAFETY: a waker with this vtable is one of ours, alive for this call.
        unsafe { wake_by_ref_raw(waker.data()) }
    } else {
        waker.wake_by_ref();
    }
}
