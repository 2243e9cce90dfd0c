//! `sleep`: a future that completes after a lesson duration.
//!
//! In a real run it waits `duration / speed` on a browser timer (the host's [`Timer`], a
//! callback rather than a future, so the timer's wake can be recorded as a *timer* wake). In a virtual run it arms no browser timer: it queues a timer on the run's virtual
//! clock (see `timer_queue`), which the loop fires when the run has nothing else to do.
//! Either way, dropping a `Sleep` clears its timer: cancelling a task cancels its pending
//! timers, and a timer that fires after its task is gone cannot exist.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use super::clock;
use super::context::{current, record_soon};
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
                // It may be due already, waiting for its round's end: it must wake nobody.
                slot.waker.borrow_mut().take();
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
    /// Starts the timer: on the run's virtual clock in a virtual run, else a browser timer.
    fn arm(&mut self) {
        let (task, run) = current().unwrap_or((0, 0));
        let (speed, virtual_run) = lifecycle::sleep_context(run);
        let lesson_ms = self.duration.as_millis().min(u32::MAX as u128) as u32;
        let slot = Rc::clone(&self.slot);
        if let Some(v) = virtual_run.as_ref().and_then(|state| state.virt.as_ref()) {
            record_soon(Kind::Sleep, run, task, lesson_ms, 0);
            // Inside the poll the clock reads the run's virtual time, as the run counts it.
            let deadline = clock::now() + self.duration.as_nanos() as f64 / 1e6;
            let key = v.timers.borrow_mut().arm(deadline, Rc::clone(&slot));
            if let Some(run) = virtual_run {
                self.timer = Some(Armed::Virtual { run, key, slot });
            }
            return;
        }
        let real = real_ms(self.duration, speed);
        record_soon(Kind::Sleep, run, task, lesson_ms, real);
        let fired = Rc::clone(&slot);
        let timer = Timer::start(real, move || {
            PENDING_REAL_TIMERS.with(|p| p.set(p.get().saturating_sub(1)));
            fired.fire();
        });
        PENDING_REAL_TIMERS.with(|p| p.set(p.get() + 1));
        self.timer = Some(Armed::Real { _timer: timer, slot });
    }
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
