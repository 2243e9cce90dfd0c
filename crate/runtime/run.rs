//! What the tasks of one run share with the loop: whether the run is paused (and its ready
//! tasks, parked while it is), and for a virtual run its clock, its timers and the counts
//! that tell the loop when that clock may move; and the slot a timer fires into.
//!
//! Every task holds its run's state, so the loop reaches it from a task it pops without a
//! lookup: a real run's poll pays two field reads for pause and virtual time, nothing more.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::task::Waker;

use super::clock::VirtualClock;
use super::context::waking_because;
use super::lifecycle;
use super::task::TaskRef;
use super::timer_queue::TimerQueue;
use crate::trace::record::WakeCause;

/// A run's shared state (see the module docs).
pub(super) struct RunState {
    /// Paused by the learner: its tasks are not polled, their wakes park them here instead.
    pub paused: Cell<bool>,
    /// The run's ready tasks while it is paused, in wake order (a step polls the first).
    pub parked: RefCell<VecDeque<TaskRef>>,
    /// The virtual-time state of a virtual run; `None` for a real run.
    pub virt: Option<VirtualRun>,
}

/// A virtual run's time: its clock, its timers, and what keeps the clock from moving.
pub(super) struct VirtualRun {
    /// The run's clock: ms from 0 at its start.
    pub clock: VirtualClock,
    /// Its sleeps' timers, by deadline and then arming order.
    pub timers: RefCell<TimerQueue<Rc<TimerSlot>>>,
    /// Its tasks that are queued or parked now: while one is, the clock waits for it.
    pub ready: Cell<u32>,
    /// Tasks left to poll in the loop's current round (see [`VirtualRun::next_in_round`]).
    pub round: Cell<u32>,
    /// Timers that were due when the current round began: they fire as it ends.
    pub due: RefCell<Vec<Rc<TimerSlot>>>,
    /// Its tasks waiting on something outside the loop (a worker's answer) and not woken
    /// since: virtual time cannot know how long the outside takes, so it stands still.
    pub outside: Cell<u32>,
    /// The task holding the loop now (0: none): until its hold ends, the rounds stand still.
    pub holder: Cell<u32>,
}

impl RunState {
    /// A live, unpaused run's state; `virtual_time` gives it a virtual clock from 0.
    pub fn new(virtual_time: bool) -> RunState {
        RunState {
            paused: Cell::new(false),
            parked: RefCell::default(),
            virt: virtual_time.then(|| VirtualRun {
                clock: VirtualClock::default(),
                timers: RefCell::default(),
                ready: Cell::new(0),
                round: Cell::new(0),
                due: RefCell::default(),
                outside: Cell::new(0),
                holder: Cell::new(0),
            }),
        }
    }

    /// Runs `f`, the run's bookkeeping outside its polls, on the run's clock: standing
    /// still at its time for a virtual run, the real clock for a real one.
    pub fn at_its_time<T>(&self, f: impl FnOnce() -> T) -> T {
        match &self.virt {
            Some(v) => v.clock.still(f),
            None => f(),
        }
    }

    /// Whether a virtual run may move its clock on: nothing of it ready, not paused, and
    /// nothing of it waiting on the outside.
    fn idle(&self, v: &VirtualRun) -> bool {
        v.ready.get() == 0 && v.outside.get() == 0 && !self.paused.get()
    }

    /// If the run is virtual and idle, moves its clock on to its next timer and fires it,
    /// and so on until a task is ready again or no timer is left (a timer whose task is
    /// gone wakes nobody). Real runs: nothing to do.
    pub fn advance_if_idle(&self) {
        if let Some(v) = &self.virt {
            while self.idle(v) && v.fire_next() {}
        }
    }
}

impl VirtualRun {
    /// Waits, as asyncio's loop does on Linux, for the next timer, and fires the timers due
    /// by the time it wakes, in deadline and arming order: the tasks they wake are the loop's
    /// next round. asyncio's selector waits in whole milliseconds, rounded up, so timers armed
    /// a few microseconds apart (two tasks that each sleep 0.1 s) fire in the same round, and
    /// what the first one wakes runs after the second. The clock moves on to the time the loop
    /// wakes (never back), unless a thread's timer comes first (see
    /// [`VirtualRun::fire_threads_first`]). False if no timer is armed.
    pub fn fire_next(&self) -> bool {
        let next = self.timers.borrow().next_deadline();
        let Some(deadline) = next else { return false };
        let idle_from = self.clock.now();
        let wakes_at = idle_from + (deadline - idle_from).max(0.0).ceil();
        if self.fire_threads_first(wakes_at) {
            return true;
        }
        let due = self.take_due(wakes_at.max(deadline));
        // Woken in a whole millisecond, the loop's clock reads that time, as asyncio's does
        // after its selector returns: a timer armed by what runs now lands after one armed
        // earlier for the same lesson time (a task's `sleep(0.1)` then `sleep(0.2)` ends after
        // another's `sleep(0.3)` begun at the start).
        self.clock.advance_to(wakes_at);
        for slot in self.queue_calls(due) {
            self.clock.still(|| slot.fire());
        }
        true
    }

    /// Fires the threads' timers due before the loop would wake (`wakes_at`), if any. A
    /// thread's sleep ends at its time, with no selector to wait on, and the thread goes on at
    /// once, while asyncio's loop sees a timer a little after its deadline. So they fire first,
    /// the clock at the last of them (within the millisecond the loop would have waited); the
    /// loop's timers due by then fire once the threads have taken their steps and handed their
    /// results over (a round later). As in CPython, a thread's print comes first, and a result
    /// it hands over reaches its awaiter before a timer due with it wakes its task (a heartbeat
    /// beside `to_thread(blocking)` with the same period). The loop's timers due later wait
    /// for the next call, which may fire them up to a millisecond later than with no thread,
    /// as asyncio's selector, woken by the thread, waits again from then.
    fn fire_threads_first(&self, wakes_at: f64) -> bool {
        if !self.next_beside_deadline().is_some_and(|at| at <= wakes_at) {
            return false;
        }
        let (mut threads, mut the_loop) = (Vec::new(), Vec::new());
        let mut timers = self.timers.borrow_mut(); // dropped before any wake
        while let Some(at) = timers.next_deadline_where(|slot| slot.beside.get()).filter(|&at| at <= wakes_at) {
            self.clock.advance_to(at);
            threads.extend(timers.take_due_where(at, |slot| slot.beside.get()));
        }
        while timers.next_deadline().is_some_and(|d| d <= self.clock.now()) {
            the_loop.extend(timers.pop_next().map(|(_, slot)| slot));
        }
        drop(timers);
        for slot in threads {
            self.clock.still(|| slot.fire());
        }
        if let Some(run) = the_loop.first().map(|slot| slot.run.get()) {
            lifecycle::call_soon_in(0, run, move || {
                for slot in the_loop {
                    match slot.is_call() {
                        true => slot.fire(),
                        false => lifecycle::call_soon_in(0, slot.run.get(), move || slot.fire()),
                    }
                }
            });
        }
        true
    }

    /// Takes the timers due by `by` (in order) and moves the clock on to the last one's deadline.
    fn take_due(&self, by: f64) -> Vec<Rc<TimerSlot>> {
        let mut timers = self.timers.borrow_mut(); // dropped before any wake
        let mut due = Vec::new();
        while let Some(d) = timers.next_deadline().filter(|&d| d <= by) {
            self.clock.advance_to(d);
            due.extend(timers.pop_next().map(|(_, slot)| slot));
        }
        due
    }

    /// Fires the threads' timers due by now (see `Sleep::beside_loop`), whatever the loop is
    /// doing: at each poll, and while a task holds the loop, so the threads they wake take
    /// their turn meanwhile, as threads run beside a blocked loop. The loop's own timers wait
    /// for their round.
    pub fn fire_beside_due(&self) {
        let due = self.timers.borrow_mut().take_due_where(self.clock.now(), |slot| slot.beside.get());
        for slot in due {
            self.clock.still(|| slot.fire());
        }
    }

    /// The earliest deadline of the run's threads' timers, if any is armed.
    pub fn next_beside_deadline(&self) -> Option<f64> {
        self.timers.borrow().next_deadline_where(|slot| slot.beside.get())
    }

    /// One of the run's tasks left the ready line (polled, or skipped as cancelled).
    pub fn unready(&self) {
        self.ready.set(self.ready.get().saturating_sub(1));
    }

    /// A task that left the ready line is about to be polled. The loop goes in rounds, as
    /// asyncio's `_run_once` does: a round polls the tasks that were ready when it began;
    /// the timers due by then fire as it ends (their callbacks are the round's last handles),
    /// so the tasks they wake run in the next round. A task that keeps yielding while its
    /// polls declare time (a count in chunks) thus lets a timer that came due meanwhile fire
    /// between its chunks, not only once nothing is ready.
    pub fn next_in_round(&self) {
        // A thread's timer is no event of the loop: it fires at its time, wherever the round is.
        self.fire_beside_due();
        if self.round.get() > 0 {
            self.round.set(self.round.get() - 1);
            return;
        }
        let due = self.take_due(self.clock.now());
        let due = self.queue_calls(due);
        // Added to any a round left unfired (a held step that never ended its round): late,
        // never lost.
        self.due.borrow_mut().extend(due);
        self.round.set(self.ready.get());
    }

    /// Timers due together (in deadline and arming order) of which some are timed calls
    /// (`sleep::call_at`): they become the round's last handles, in their order, as asyncio
    /// moves its due timers to the end of its ready line when a round begins. A call starts
    /// what it runs (a script's callback lane) now, at the line's end; a sleep's timer is
    /// queued as a callback that wakes its task, which so runs in the next round, after what
    /// the calls due before it woke and before what those due after it wake. Returns the
    /// timers left to fire as the round ends: all of them when none is a call (the common
    /// case, and the cheap one: no callback per timer).
    fn queue_calls(&self, due: Vec<Rc<TimerSlot>>) -> Vec<Rc<TimerSlot>> {
        if !due.iter().any(|slot| slot.is_call()) {
            return due;
        }
        for slot in due {
            if slot.is_call() {
                self.clock.still(|| slot.fire());
            } else {
                lifecycle::call_soon_in(0, slot.run.get(), move || slot.fire());
            }
        }
        Vec::new()
    }

    /// A task of the round was polled (or skipped): if it was the round's last, the timers
    /// due at its start fire.
    pub fn polled_in_round(&self) {
        if self.round.get() > 0 {
            return;
        }
        let due = std::mem::take(&mut *self.due.borrow_mut());
        for slot in due {
            self.clock.still(|| slot.fire());
        }
    }
}

/// What a timer and its `Sleep` (`sleep.rs`) share: whether it fired, and whom to wake when
/// it does; or for a timed call (`sleep::call_at`), what to call.
#[derive(Default)]
pub(super) struct TimerSlot {
    /// The timer fired.
    pub fired: Cell<bool>,
    /// The sleeping task, to wake when it fires.
    pub waker: RefCell<Option<Waker>>,
    /// A timed call's callback, called when it fires.
    pub call: RefCell<Option<Box<dyn FnOnce()>>>,
    /// The run whose timer it is (set when it is armed).
    pub run: Cell<u32>,
    /// A thread's timer (see `Sleep::beside_loop`): it fires even while a task holds the loop.
    pub beside: Cell<bool>,
}

impl TimerSlot {
    /// The timer fired: wakes the sleeping task, recorded as a timer wake, or makes its call.
    pub(super) fn fire(&self) {
        self.fired.set(true);
        let waker = self.waker.borrow_mut().take();
        if let Some(waker) = waker {
            waking_because(WakeCause::Timer, || waker.wake());
        }
        let call = self.call.borrow_mut().take();
        if let Some(call) = call {
            waking_because(WakeCause::Timer, call);
        }
    }

    /// A timed call's timer, not a sleep's.
    fn is_call(&self) -> bool {
        self.call.borrow().is_some()
    }
}
