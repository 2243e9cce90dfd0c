//! A real run's sleeps share one browser timer.
//!
//! Each sleep of a real run once armed a `setTimeout` of its own, with a closure of its own:
//! 100,000 sleeping tasks made 100,000 browser timers and closures a round, garbage whose
//! collection cost the page its frames. Here the sleeps of every real run queue by real
//! deadline, then by the order they were armed (asyncio's timer heap keeps them so too), and
//! one browser timer waits for the earliest. When it fires, every sleep due by then (within
//! the clock's resolution, as asyncio's `_run_once` reads it) fires in that order, and the
//! browser timer is armed again for the next deadline, if any.

use std::cell::RefCell;
use std::rc::Rc;

use super::host::{real_now, Timer};
use super::run::TimerSlot;
use super::sleep::MAX_TIMER_MS;
use super::timer_queue::{TimerKey, TimerQueue};

/// A sleep due within this many ms of the clock fires with those due now: browser timers may
/// fire a fraction of a millisecond before their delay by `performance.now()`.
const CLOCK_RESOLUTION_MS: f64 = 1.0;

#[derive(Default)]
struct RealTimers {
    /// Every real run's pending sleeps, by real deadline (ms of `performance.now()`).
    queue: TimerQueue<Rc<TimerSlot>>,
    /// The browser timer armed for the earliest deadline, with that deadline.
    armed: Option<(f64, Timer)>,
    /// A browser timer that has fired: kept until the next one is armed, so that no timer's
    /// callback is freed while it runs.
    spent: Option<Timer>,
}

thread_local! {
    static TIMERS: RefCell<RealTimers> = RefCell::default();
}

/// Queues a sleep that fires `ms` real milliseconds from now; its key cancels it.
pub(super) fn arm(ms: u32, slot: Rc<TimerSlot>) -> TimerKey {
    let key = TIMERS.with(|t| t.borrow_mut().queue.arm(real_now() + f64::from(ms), slot));
    rearm();
    key
}

/// Takes a sleep out of the queue before it fired (its task was cancelled or dropped). The
/// browser timer stays armed unless nothing is left to wait for: one that fires with nothing
/// due only arms itself again.
pub(super) fn cancel(key: TimerKey) {
    let (removed, idle) = TIMERS.with(|t| {
        let mut t = t.borrow_mut();
        let removed = t.queue.cancel(key);
        let idle = t.queue.is_empty().then(|| t.armed.take());
        (removed, idle)
    });
    drop((removed, idle)); // out of the borrow: a drop may reach another timer
}

/// Sleeps queued and not yet fired or cancelled.
pub(super) fn pending() -> usize {
    TIMERS.with(|t| t.borrow().queue.len())
}

/// Arms the browser timer for the earliest deadline unless it is armed for it already.
fn rearm() {
    let replaced = TIMERS.with(|t| {
        let mut t = t.borrow_mut();
        let next = t.queue.next_deadline()?;
        if t.armed.as_ref().is_some_and(|(at, _)| *at <= next) {
            return None;
        }
        let ms = (next - real_now()).ceil().clamp(0.0, MAX_TIMER_MS) as u32;
        t.armed.replace((next, Timer::start(ms, fire_due)))
    });
    drop(replaced);
}

/// The browser timer fired: fires every sleep due by now, earliest first, then arms the
/// browser timer for the next deadline.
fn fire_due() {
    let due = TIMERS.with(|t| {
        let mut t = t.borrow_mut();
        let fired = t.armed.take().map(|(_, timer)| timer);
        let old = std::mem::replace(&mut t.spent, fired);
        let by = real_now() + CLOCK_RESOLUTION_MS;
        let mut due = Vec::new();
        while t.queue.next_deadline().is_some_and(|d| d <= by) {
            due.extend(t.queue.pop_next().map(|(_, slot)| slot));
        }
        (due, old)
    });
    let (due, old) = due;
    drop(old); // fired before the one running now: its callback is done
    for slot in due {
        slot.fire(); // wakes its task, recorded as a timer wake; nothing runs until the drain
    }
    rearm();
}
