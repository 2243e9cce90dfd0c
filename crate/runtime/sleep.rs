//! `sleep`: a future that completes after a lesson duration.
//!
//! In a real run it waits `duration / speed` on a browser timer (the host's [`Timer`], a
//! callback rather than a future, so the timer's wake can be recorded as a *timer* wake). In a virtual run it arms no browser timer: it queues a timer on the run's virtual
//! clock (see `timer_queue`), which the loop fires when the run has nothing else to do.
//! Either way, dropping a `Sleep` clears its timer: cancelling a task cancels its pending
//! timers, and a timer that fires after its task is gone cannot exist.
//!
//! [`call_at`] puts a callback on the same timers, as asyncio's `loop.call_at` does: no task
//! waits for it.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use super::clock;
use super::context::{as_callback_of, current, record_soon};
use super::host::Timer;
use super::lifecycle;
use super::run::{RunState, TimerSlot};
use super::timer_queue::TimerKey;
use crate::trace::{self, record::Kind};

/// Longest real wait a browser timer accepts (`setTimeout` takes a signed 32-bit delay).
pub const MAX_TIMER_MS: f64 = i32::MAX as f64;

thread_local! {
    static PENDING_REAL_TIMERS: Cell<u32> = const { Cell::new(0) };
}

/// Timers armed and not yet fired or cleared, in all runs: browser timers of real runs and
/// virtual timers of live virtual runs.
pub fn pending_timers() -> u32 {
    PENDING_REAL_TIMERS.with(Cell::get) + lifecycle::virtual_timers() as u32
}

/// Waits `duration` of lesson time: `duration / speed` of real time in a real run,
/// `duration` on the run's clock in a virtual run. Like `asyncio.sleep`, it suspends only
/// the task that awaits it; the loop runs others.
///
/// ```no_run
/// # async fn f() {
/// loopscope_core::runtime::sleep(std::time::Duration::from_secs(1)).await;
/// # }
/// ```
#[must_use = "a sleep does nothing unless awaited"]
pub fn sleep(duration: Duration) -> Sleep {
    Sleep { duration, timer: None, slot: Rc::default() }
}

/// The future returned by [`sleep`]. Lazy: the timer starts at the first poll.
pub struct Sleep {
    duration: Duration,
    timer: Option<Armed>,
    slot: Rc<TimerSlot>,
}

/// A running timer, cleared if it is dropped before it fired.
enum Armed {
    /// A browser timer (a real run), counted while it is pending.
    Real { _timer: Timer, slot: Rc<TimerSlot> },
    /// A timer in a virtual run's queue.
    Virtual { run: Rc<RunState>, key: TimerKey, slot: Rc<TimerSlot> },
}

impl Drop for Armed {
    fn drop(&mut self) {
        match self {
            Armed::Real { slot, .. } if !slot.fired.get() => {
                PENDING_REAL_TIMERS.with(|p| p.set(p.get().saturating_sub(1)));
            }
            Armed::Virtual { run, key, slot } if !slot.fired.get() => {
                if let Some(v) = &run.virt {
                    v.timers.borrow_mut().cancel(*key);
                }
                // It may be due already, taken out with others that fire now or as the round
                // ends: it must wake nobody and call nothing (a cancelled handle is skipped).
                slot.waker.borrow_mut().take();
                let call = slot.call.borrow_mut().take();
                drop(call); // out of the borrow: what it holds may hold this timer
            }
            _ => {}
        }
    }
}

/// Real milliseconds for a lesson duration at `speed`, clamped to what a timer accepts.
pub fn real_ms(duration: Duration, speed: f64) -> u32 {
    let ms = (duration.as_secs_f64() * 1000.0 / speed).round();
    if !(0.0..=MAX_TIMER_MS).contains(&ms) {
        trace::note_anomaly();
    }
    ms.clamp(0.0, MAX_TIMER_MS) as u32
}

impl Sleep {
    /// A thread's sleep (a script's `time.sleep` in `to_thread`'s function): its timer fires,
    /// and its task takes its turn, even while another task holds the loop, as a thread runs
    /// beside a blocked loop. Its task is to be marked likewise (`JoinHandle::beside_loop`).
    pub fn beside_loop(self) -> Sleep {
        self.slot.beside.set(true);
        self
    }

    /// Starts the timer: on the run's virtual clock in a virtual run, else a browser timer.
    fn arm(&mut self) {
        let (task, run) = current().unwrap_or((0, 0));
        let lesson_ms = self.duration.as_millis().min(u32::MAX as u128) as u32;
        let after = When::After(self.duration.as_nanos() as f64 / 1e6);
        let (timer, real) = arm(after, run, Rc::clone(&self.slot));
        record_soon(Kind::Sleep, run, task, lesson_ms, real);
        self.timer = Some(timer);
    }
}

/// When a timer is due.
enum When {
    /// After this many ms of lesson time (a sleep's).
    After(f64),
    /// When the run's clock reads this, in ms (a timed call's, which asyncio gives as a time).
    At(f64),
}

/// Arms a timer of `run` that fires `slot` when it is due (a deadline past is due at once,
/// before those due later). Gives it with the real ms it waits (0 in a virtual run).
fn arm(when: When, run: u32, slot: Rc<TimerSlot>) -> (Armed, u32) {
    slot.run.set(run);
    let (speed, virtual_run) = lifecycle::sleep_context(run);
    if let Some(state) = virtual_run {
        if let Some(v) = &state.virt {
            // Inside the poll the clock reads the run's virtual time, as the run counts it.
            let deadline = match when {
                When::After(ms) => clock::now() + ms,
                When::At(at) => at,
            };
            let key = v.timers.borrow_mut().arm(deadline, Rc::clone(&slot));
            return (Armed::Virtual { run: Rc::clone(&state), key, slot }, 0);
        }
    }
    let real = match when {
        When::After(ms) => real_ms(Duration::from_secs_f64(ms.max(0.0) / 1000.0), speed),
        When::At(at) => (at - clock::now()).round().clamp(0.0, MAX_TIMER_MS) as u32,
    };
    let fired = Rc::clone(&slot);
    let timer = Timer::start(real, move || {
        PENDING_REAL_TIMERS.with(|p| p.set(p.get().saturating_sub(1)));
        fired.fire();
    });
    PENDING_REAL_TIMERS.with(|p| p.set(p.get() + 1));
    (Armed::Real { _timer: timer, slot }, real)
}

/// A callback on a timer of the current run (see [`call_at`]), cleared if dropped first.
pub struct TimedCall {
    _timer: Armed,
}

/// Calls `f` when the run's clock reads `when` (ms, as [`clock::now`] reads it in the run's
/// polls), as asyncio's `loop.call_at` does (`call_later` is a time from now; a time past is
/// due at once, before what is due later). Not a task: nothing waits on the timeline
/// meanwhile; a timer armed now, so that `f` is called with the other timers due then, in
/// deadline and arming order. In a virtual run it is called as the loop's round begins, and
/// a task it spawns joins that round after the tasks already ready, where asyncio runs a
/// timer's callback (see `run::VirtualRun::queue_calls`). What `f` does is recorded as done
/// by the task that called this, and a task it spawns is of the same run. Dropping the
/// returned handle before then clears the timer.
pub fn call_at(when: f64, f: impl FnOnce() + 'static) -> TimedCall {
    timed_call(when, false, Box::new(f))
}

/// [`call_at`], recorded as a timer that the current task's next wait races, as a sleep is:
/// an `asyncio.timeout`'s, which cancels the task that waits when it fires. The timeline then
/// names the timer in that wait ("timer 1 s | awaits …"), and the fire as its wake's cause.
pub fn call_at_racing(when: f64, f: impl FnOnce() + 'static) -> TimedCall {
    timed_call(when, true, Box::new(f))
}

fn timed_call(when: f64, racing: bool, f: Box<dyn FnOnce()>) -> TimedCall {
    let (by, run) = current().unwrap_or((0, 0));
    let slot = Rc::new(TimerSlot::default());
    *slot.call.borrow_mut() = Some(Box::new(move || as_callback_of(by, run, f)));
    let now = clock::now();
    let when = if when.is_nan() { now } else { when };
    let (timer, real) = arm(When::At(when), run, slot);
    if racing && by != 0 {
        let speed = lifecycle::sleep_context(run).0;
        let lesson_ms = ((when - now).max(0.0) * speed).min(f64::from(u32::MAX));
        record_soon(Kind::Sleep, run, by, lesson_ms as u32, real);
    }
    TimedCall { _timer: timer }
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.slot.fired.get() {
            return Poll::Ready(());
        }
        *self.slot.waker.borrow_mut() = Some(cx.waker().clone());
        if self.timer.is_none() {
            self.arm();
        }
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speed_divides_the_real_wait() {
        assert_eq!(real_ms(Duration::from_secs(1), 1.0), 1000);
        assert_eq!(real_ms(Duration::from_secs(1), 20.0), 50);
        assert_eq!(real_ms(Duration::from_millis(400), 0.5), 800);
    }

    #[test]
    fn a_wait_longer_than_a_timer_accepts_is_clamped_not_wrapped() {
        assert_eq!(real_ms(Duration::from_secs(10_000_000), 1.0), i32::MAX as u32);
    }
}
