//! Tasks waiting in line on an asyncio object (a queue's getters and putters, a lock's or a
//! semaphore's acquirers, an event's waiters, a queue's joiners), as asyncio keeps its
//! waiter futures: a waiter that is cancelled leaves the line, and one that was woken but
//! cancelled before it could act passes its wake on to the next. Without that, a `wait_for`
//! that timed out on `queue.get()` would leave a dead waiter first in line, and the next item
//! put would wake it instead of the task still waiting (which would then wait for ever).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Weak;
use std::task::{Context, Waker};

use super::task::{Awaited, PyTask};

use loopscope_core::runtime::{waiting_on, waking_because};
use loopscope_core::trace::record::WakeCause;

/// One waiter: its place's id, the waker of its wait, and its task.
type Waiter = (u64, Waker, Option<Weak<PyTask>>);

/// The waiters of one asyncio object, first come first woken.
#[derive(Default)]
pub struct Line {
    waiting: RefCell<VecDeque<Waiter>>,
    /// A queue's or a semaphore's (not a lock's): a turn skips the waiters whose task was
    /// cancelled meanwhile, as asyncio's `_wakeup_next` skips the futures `cancel()` made done.
    skips_cancelled: bool,
    last: Cell<u64>,
    /// Waiters [`Line::wake_all`] woke that have not run yet: asyncio keeps their futures
    /// among the waiters until then (an event's repr counts them).
    woken: Cell<usize>,
    /// Cancelled waiters a turn took out of the line as it passed them, as asyncio's
    /// `_wakeup_next` pops their futures: their place's drop then passes nothing on.
    passed: RefCell<Vec<u64>>,
    /// A queue's getters and putters: their futures' result is `None` (a lock's, a
    /// semaphore's and an event's is `True`), as a woken task's repr shows it.
    gives_none: bool,
    /// The event loop its object is bound to (0: none yet), as asyncio's `_LoopBoundMixin`
    /// binds it when a task first waits on it.
    event_loop: Cell<u32>,
}

impl Line {
    /// A line whose turns skip cancelled waiters (see [`Line::wake_first`]).
    pub fn skipping_cancelled() -> Line {
        Line { skips_cancelled: true, ..Line::default() }
    }

    /// A queue's getters or putters: a semaphore's line whose futures give `None`.
    pub fn of_items() -> Line {
        Line { skips_cancelled: true, gives_none: true, ..Line::default() }
    }

    /// Marks a woken waiter's task as awaiting a future done (see [`Awaited::Woken`]).
    fn mark_woken(&self, task: &Option<Weak<PyTask>>) {
        if let Some(t) = task.as_ref().and_then(Weak::upgrade) {
            *t.awaiting.borrow_mut() = Awaited::Woken(if self.gives_none { "None" } else { "True" });
        }
    }

    /// Whether nobody waits.
    pub fn is_empty(&self) -> bool {
        self.waiting.borrow().is_empty()
    }

    /// How many wait.
    pub fn len(&self) -> usize {
        self.waiting.borrow().len()
    }

    /// How many wait, or were woken all at once and have not run yet.
    pub fn len_with_woken(&self) -> usize {
        self.len() + self.woken.get()
    }

    /// Wakes the first waiter, who leaves the line (what its turn finds is its own business);
    /// false if none was woken. A line that skips cancelled waiters takes those before it out
    /// of the line (a queue's repr no longer counts them), and they pass nothing on.
    pub fn wake_first(&self) -> bool {
        let mut waiting = self.waiting.borrow_mut();
        let cancelled = |t: &Option<Weak<PyTask>>| {
            self.skips_cancelled && t.as_ref().and_then(Weak::upgrade).is_some_and(|t| t.cancel_requested.get())
        };
        while waiting.front().is_some_and(|(_, _, t)| cancelled(t)) {
            self.passed.borrow_mut().extend(waiting.pop_front().map(|(id, _, _)| id));
        }
        let first = waiting.pop_front();
        drop(waiting);
        match first {
            Some((_, w, task)) => {
                self.mark_woken(&task);
                waking_because(WakeCause::Channel, || w.wake());
                true
            }
            None => false,
        }
    }

    /// Wakes every waiter (an event set, a queue joined): all leave the line.
    pub fn wake_all(&self) {
        let all = std::mem::take(&mut *self.waiting.borrow_mut());
        self.woken.set(self.woken.get() + all.len());
        all.iter().for_each(|(_, _, task)| self.mark_woken(task));
        waking_because(WakeCause::Channel, || all.into_iter().for_each(|(_, w, _)| w.wake()));
    }

    fn position(&self, id: u64) -> Option<usize> {
        self.waiting.borrow().iter().position(|(at, _, _)| *at == id)
    }
}

/// A semaphore's value and the units of it handed to woken waiters that have not run yet: as
/// asyncio's `Semaphore._wake_up_next`, a release takes the unit off the value as it wakes the
/// waiter, who alone may use it.
#[derive(Clone, Copy)]
pub struct Units<'a> {
    pub value: &'a Cell<i64>,
    pub handed: &'a Cell<i64>,
}

impl Units<'_> {
    /// Wakes the first waiter with a unit of the value, if a unit is free and one waits.
    pub fn hand_next(self, line: &Line) {
        if self.value.get() > 0 && line.wake_first() {
            self.value.set(self.value.get() - 1);
            self.handed.set(self.handed.get() + 1);
        }
    }

    /// A woken waiter takes the unit handed to it.
    pub fn take_handed(self) {
        self.handed.set(self.handed.get() - 1);
    }
}

/// One waiter's place in a [`Line`], held by the future that waits: dropping it (the wait was
/// cancelled) leaves the line, or, if the place had been woken, hands the wake to the next.
pub struct Place<'a> {
    line: &'a Line,
    /// 0: not in line and not woken.
    id: u64,
    /// Whether a wake it did not use goes to the next waiter: a turn (a queue's item) does; a
    /// wake of all (an event set) woke the others already.
    hands_on: bool,
    /// A semaphore's: the unit handed with an unused wake goes back, and on to the next.
    units: Option<Units<'a>>,
}

impl<'a> Place<'a> {
    /// A place for one turn at a time ([`Line::wake_first`]).
    pub fn turn(line: &'a Line) -> Self {
        Place { line, id: 0, hands_on: true, units: None }
    }

    /// A place among waiters woken all at once ([`Line::wake_all`]).
    pub fn among(line: &'a Line) -> Self {
        Place { line, id: 0, hands_on: false, units: None }
    }

    /// A place for a turn woken with a unit of a semaphore's value ([`Units::hand_next`]).
    pub fn handed(line: &'a Line, units: Units<'a>) -> Self {
        Place { line, id: 0, hands_on: true, units: Some(units) }
    }

    /// Whether it was in line and has been woken (its turn came).
    pub fn woken(&self) -> bool {
        self.id != 0 && self.line.position(self.id).is_none()
    }

    /// Waits (again) for a wake: keeps its place if still in line (a poll for another
    /// reason), else joins the line at the back. Says on what it waits, for the trace. False,
    /// and no wait, if its object is bound to an event loop before this one (a queue made
    /// for one `asyncio.run` and waited on in the next: CPython's RuntimeError).
    #[must_use]
    pub fn wait(&mut self, cx: &Context<'_>) -> bool {
        let line = self.line;
        let now = super::current().and_then(|t| t.out.upgrade()).map_or(0, |out| out.event_loop.get());
        match line.event_loop.get() {
            0 => line.event_loop.set(now),
            bound if bound != now => return false,
            _ => {}
        }
        match (self.id != 0).then(|| line.position(self.id)).flatten() {
            Some(at) => line.waiting.borrow_mut()[at].1.clone_from(cx.waker()),
            None => {
                line.last.set(line.last.get() + 1);
                self.id = line.last.get();
                let task = super::current().map(|t| std::rc::Rc::downgrade(&t));
                line.waiting.borrow_mut().push_back((self.id, cx.waker().clone(), task));
            }
        }
        waiting_on(WakeCause::Channel, 0);
        true
    }

    /// The wait is over (it got what it waited for): its drop passes nothing on.
    pub fn done(&mut self) {
        if self.id != 0 && !self.leave() {
            self.ran_woken();
        }
        self.id = 0;
    }

    /// It was woken all at once and now runs (or is gone): no longer counted as woken.
    fn ran_woken(&self) {
        if !self.hands_on {
            self.line.woken.set(self.line.woken.get().saturating_sub(1));
        }
    }

    /// Leaves the line; true if it was still in it.
    fn leave(&self) -> bool {
        let at = (self.id != 0).then(|| self.line.position(self.id)).flatten();
        at.is_some_and(|at| self.line.waiting.borrow_mut().remove(at).is_some())
    }
}

impl Drop for Place<'_> {
    fn drop(&mut self) {
        if self.id == 0 || self.leave() {
            return; // it never waited, or leaves the line only now
        }
        let mut passed = self.line.passed.borrow_mut();
        if let Some(at) = passed.iter().position(|&id| id == self.id) {
            passed.swap_remove(at);
            return; // cancelled, and taken out of the line by a turn that passed it
        }
        drop(passed);
        // Woken, and gone before it acted: one woken with all others just goes; a turn passes
        // on to the next one.
        if !self.hands_on {
            return self.ran_woken();
        }
        match self.units {
            Some(units) => {
                units.take_handed();
                units.value.set(units.value.get() + 1);
                units.hand_next(self.line);
            }
            None => drop(self.line.wake_first()),
        }
    }
}
