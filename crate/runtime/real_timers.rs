//! Real runs' timers: one queue on the real clock, for every real run, behind one browser
//! timer armed for its first deadline.
//!
//! Why not a browser timer per `sleep`: each one costs a JS closure, a call across the wasm
//! boundary to arm it and another to clear it, and a place in the browser's own timer list.
//! With 100,000 tasks sleeping, that garbage alone made the page drop frames to collect it.
//! Here a sleep costs an insert in a map, and the browser holds one timer.
//!
//! The order is the browser's and asyncio's: by deadline, then by the order the timers were
//! armed. When the browser timer fires, every timer due by then fires at once, in that order,
//! as asyncio's loop moves every timer that is due into its ready line in one round.

use std::cell::RefCell;
use std::rc::Rc;

use super::host::{real_now, Timer};
use super::run::TimerSlot;
use super::timer_queue::{TimerKey, TimerQueue};

/// A timer due this close after the browser's callback runs fires with it (ms), as asyncio
/// fires what is due within its clock's resolution: `performance.now()` is coarsened, and a
/// timer left for a second browser timer would wait at least a millisecond more.
const RESOLUTION_MS: f64 = 0.1;

/// Longest wait a browser timer accepts (`setTimeout` takes a signed 32-bit delay).
const MAX_WAIT_MS: f64 = i32::MAX as f64;

#[derive(Default)]
struct RealTimers {
    queue: TimerQueue<Rc<TimerSlot>>,
    /// The browser timer, armed for the deadline beside it: the queue's first, or earlier if
    /// that timer was cleared since (its firing then finds nothing due and arms the next).
    armed: Option<(f64, Timer)>,
}

thread_local! {
    static TIMERS: RefCell<RealTimers> = RefCell::default();
}

/// Arms a timer that fires `slot` `ms` of real time from now.
pub(super) fn arm(ms: u32, slot: Rc<TimerSlot>) -> TimerKey {
    let key = TIMERS.with(|t| t.borrow_mut().queue.arm(real_now() + f64::from(ms), slot));
    arm_browser_timer();
    key
}

/// Clears a timer that has not fired (its `sleep` was dropped).
pub(super) fn clear(key: TimerKey) {
    // Out of the borrow: the slot's last reference may hold a waker, and so a task.
    // `try_with`: a task dropped as the thread ends may find the queue gone.
    let cleared = TIMERS.try_with(|t| {
        let mut t = t.borrow_mut();
        let slot = t.queue.cancel(key);
        // None left (a run was cancelled, say): the browser timer goes too.
        let idle = if t.queue.is_empty() { t.armed.take() } else { None };
        (slot, idle)
    });
    drop(cleared);
}

/// Timers armed and not yet fired or cleared.
pub(super) fn pending() -> usize {
    TIMERS.with(|t| t.borrow().queue.len())
}

/// Makes sure the browser timer fires by the queue's first deadline.
fn arm_browser_timer() {
    let replaced = TIMERS.with(|t| {
        let mut t = t.borrow_mut();
        let first = t.queue.next_deadline()?;
        if matches!(t.armed, Some((at, _)) if at <= first) {
            return None;
        }
        let wait = (first - real_now()).ceil().clamp(0.0, MAX_WAIT_MS) as u32;
        t.armed.replace((first, Timer::start(wait, fire_due)))
    });
    drop(replaced); // out of the borrow, as every drop here
}

/// The browser timer fired: fires every timer due by now, in order, then arms the next.
fn fire_due() {
    // The spent timer goes too (its callback's code stays alive until the call returns).
    let (spent, due) = TIMERS.with(|t| {
        let mut t = t.borrow_mut();
        let by = real_now() + RESOLUTION_MS;
        let mut due = Vec::new();
        while t.queue.next_deadline().is_some_and(|d| d <= by) {
            due.extend(t.queue.pop_next().map(|(_, slot)| slot));
        }
        (t.armed.take(), due)
    });
    drop(spent);
    for slot in &due {
        slot.fire();
    }
    drop(due);
    arm_browser_timer();
}
