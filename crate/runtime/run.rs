//! What the tasks of one run share with the loop: whether the run is paused (and its ready
//! tasks, parked while it is), and for a virtual run its clock, its timers and the counts
//! that tell the loop when that clock may move.
//!
//! Every task holds its run's state, so the loop reaches it from a task it pops without a
//! lookup: a real run's poll pays two field reads for pause and virtual time, nothing more.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use super::sleep::TimerSlot;
use super::task::TaskRef;
use super::timer_queue::TimerQueue;
use crate::trace::clock::VirtualClock;

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
    /// Its tasks waiting on something outside the loop (a worker's answer) and not woken
    /// since: virtual time cannot know how long the outside takes, so it stands still.
    pub outside: Cell<u32>,
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
                outside: Cell::new(0),
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
    /// Moves the clock on to the next timer's deadline (never back) and fires that timer.
    /// False if no timer is armed.
    pub fn fire_next(&self) -> bool {
        let next = self.timers.borrow_mut().pop_next(); // borrow dropped before the wake
        let Some((deadline, slot)) = next else { return false };
        self.clock.advance_to(deadline);
        self.clock.still(|| slot.fire());
        true
    }

    /// One of the run's tasks left the ready line (polled, or skipped as cancelled).
    pub fn unready(&self) {
        self.ready.set(self.ready.get().saturating_sub(1));
    }
}
