//! What the runtime knows about the poll running now: which task it is, why the wakes it
//! does happen, and what the task said while polled (it waits on the outside, it holds its
//! run). The loop sets it around each poll; every part of the runtime reads it here.

use std::cell::Cell;
use std::task::Waker;

use super::clock;
use super::task::QUIET;
use crate::trace::{self, record::Kind, record::WakeCause};

/// The task being polled right now and its run; both 0 between polls.
#[derive(Clone, Copy, Default, PartialEq)]
pub(super) struct Current {
    pub task: u32,
    pub run: u32,
}

impl Current {
    /// The task being polled now (task 0: none).
    #[inline(always)]
    pub fn now() -> Current {
        CURRENT.with(Cell::get)
    }
}

thread_local! {
    static CURRENT: Cell<Current> = const { Cell::new(Current { task: 0, run: 0 }) };
    /// Set around wakes whose cause the waker cannot see (a timer, a channel).
    static WAKE_CAUSE: Cell<Option<WakeCause>> = const { Cell::new(None) };
    /// Set when the task being polled says it waits on something outside the loop.
    static WAITS_OUTSIDE: Cell<bool> = const { Cell::new(false) };
    /// Set when the task being polled holds its run (see [`hold_current`]).
    static HELD: Cell<bool> = const { Cell::new(false) };
    /// The task whose code ended by raising (see [`raised_current`]); 0: none.
    static RAISED: Cell<u32> = const { Cell::new(0) };
    /// While a callback runs (the task polled is `QUIET`): the task that called it soon, which
    /// what the callback does is recorded as done by (see `lifecycle::call_soon`).
    static CALLBACK_BY: Cell<u32> = const { Cell::new(0) };
}

/// The task being polled now, as (task id, run id), or `None` between polls. While a
/// callback runs, the task that called it soon.
pub fn current() -> Option<(u32, u32)> {
    let c = Current::now();
    (c.task != 0).then_some((acting(c), c.run))
}

/// The task whose doings the trace records now: the task polled, or for a callback, the task
/// that called it soon.
#[inline]
pub(super) fn acting(c: Current) -> u32 {
    if c.task == QUIET {
        CALLBACK_BY.with(Cell::get)
    } else {
        c.task
    }
}

/// A callback that `by` called soon runs now, in `run` (see `lifecycle::call_soon`): the task
/// polled is none of the run's (a wake it does is never a yield of `by`'s), and what it does is
/// recorded as `by`'s.
pub(super) fn set_callback(by: u32, run: u32) {
    CALLBACK_BY.with(|c| c.set(by));
    set_current(QUIET, run);
}

/// Runs `f` as a callback that `by` of `run` armed (a timed call, see `sleep::call_at`):
/// what it does is recorded as `by`'s, and what it spawns is a task of `run`. Whatever was
/// current before is current again after it.
pub(super) fn as_callback_of(by: u32, run: u32, f: impl FnOnce()) {
    let (before, by_before) = (Current::now(), CALLBACK_BY.with(Cell::get));
    set_callback(by, run);
    f();
    CALLBACK_BY.with(|c| c.set(by_before));
    CURRENT.with(|c| c.set(before));
}

/// Makes `task` of `run` the task being polled, or none (0, 0) once its poll is over.
#[inline(always)]
pub(super) fn set_current(task: u32, run: u32) {
    CURRENT.with(|c| c.set(Current { task, run }));
}

/// Runs `wake` with `cause` as the recorded reason for any wake it does. An outer cause
/// wins: a control press delivered through a channel is an external wake, not a channel's.
pub fn waking_because<T>(cause: WakeCause, wake: impl FnOnce() -> T) -> T {
    let before = WAKE_CAUSE.with(|c| c.replace(Some(c.get().unwrap_or(cause))));
    let out = wake();
    WAKE_CAUSE.with(|c| c.set(before));
    out
}

/// The cause [`waking_because`] set for the wakes happening now, if any.
#[inline(always)]
pub(super) fn wake_cause_set() -> Option<WakeCause> {
    WAKE_CAUSE.with(Cell::get)
}

/// Records an event of the loop's own bookkeeping (wake, spawn, sleep). Inside a poll it
/// is stamped with that poll's end, the earliest anything it causes can run, which spares a
/// clock read per event; outside, with the time now.
pub(super) fn record_soon(kind: Kind, run: u32, task: u32, a: u32, b: u32) {
    record_soon_in(Current::now(), kind, run, task, a, b);
}

/// [`record_soon`] for a caller that knows the current task already.
#[inline(always)]
pub(super) fn record_soon_in(current: Current, kind: Kind, run: u32, task: u32, a: u32, b: u32) {
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

/// Before a virtual run's poll: its task has said nothing yet.
pub(super) fn clear_waits_outside() {
    WAITS_OUTSIDE.with(|w| w.set(false));
}

/// After a virtual run's poll: whether its task said it waits on the outside.
pub(super) fn waits_outside() -> bool {
    WAITS_OUTSIDE.with(Cell::get)
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

/// The task being polled is ending because its code raised an exception (a script's task
/// that nothing caught): its `Finish` says so, so the page does not tell a learner that a
/// task which failed "returned". Lessons' Rust tasks never raise.
pub fn raised_current() {
    RAISED.with(|r| r.set(Current::now().task));
}

/// Whether `task` said it raised (see [`raised_current`]). Ids are never reused, so a flag
/// left by a task cancelled in its last poll names no other task.
#[inline]
pub(super) fn raised(task: u32) -> bool {
    RAISED.with(Cell::get) == task
}

/// [`raised`], then forgets it: read once, when the task's `Finish` is written.
pub(super) fn take_raised(task: u32) -> bool {
    RAISED.with(|r| r.get() == task && r.replace(0) == task)
}

/// After a poll: whether its task held its run (see [`hold_current`]).
#[inline(always)]
pub(super) fn held() -> bool {
    HELD.with(Cell::get)
}

/// After a poll: whether its task held its run (see [`hold_current`]); clears it.
#[inline(always)]
pub(super) fn take_held() -> bool {
    HELD.with(|h| h.replace(false))
}
