//! `sleep`: a future that completes after a lesson duration, scaled by the run's speed.
//!
//! Built on `gloo_timers`' callback layer rather than its futures, so the timer's wake can
//! be recorded as a *timer* wake. Dropping a `Sleep` drops its `Timeout`, which clears the
//! browser timer: cancelling a task cancels its pending timers, and a timer that fires
//! after its task is gone cannot exist.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use gloo_timers::callback::Timeout;

use super::executor::{self, waking_because};
use crate::trace::{self, record::Kind, record::WakeCause};

/// Longest real wait a browser timer accepts (`setTimeout` takes a signed 32-bit delay).
pub const MAX_TIMER_MS: f64 = i32::MAX as f64;

thread_local! {
    static PENDING_TIMERS: Cell<u32> = const { Cell::new(0) };
}

/// Timers armed and not yet fired or cleared, in all runs.
pub fn pending_timers() -> u32 {
    PENDING_TIMERS.with(Cell::get)
}

/// Waits `duration` of lesson time: `duration / speed` of real time. Like
/// `asyncio.sleep`, it suspends only the task that awaits it; the loop runs others.
///
/// ```no_run
/// # async fn f() {
/// loopscope::runtime::sleep(std::time::Duration::from_secs(1)).await;
/// # }
/// ```
#[must_use = "a sleep does nothing unless awaited"]
pub fn sleep(duration: Duration) -> Sleep {
    Sleep { duration, timer: None, shared: Rc::default() }
}

#[derive(Default)]
struct Shared {
    fired: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

/// The future returned by [`sleep`]. Lazy: the timer starts at the first poll.
pub struct Sleep {
    duration: Duration,
    timer: Option<Armed>,
    shared: Rc<Shared>,
}

/// A running browser timer, counted while it is pending.
struct Armed {
    _timeout: Timeout,
    shared: Rc<Shared>,
}

impl Drop for Armed {
    fn drop(&mut self) {
        if !self.shared.fired.get() {
            PENDING_TIMERS.with(|p| p.set(p.get().saturating_sub(1)));
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

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.shared.fired.get() {
            return Poll::Ready(());
        }
        *self.shared.waker.borrow_mut() = Some(cx.waker().clone());
        if self.timer.is_none() {
            let (task, run) = executor::current().unwrap_or((0, 0));
            let speed = executor::run_config(run).map_or(1.0, |c| c.speed);
            let real = real_ms(self.duration, speed);
            let lesson_ms = self.duration.as_millis().min(u32::MAX as u128) as u32;
            executor::record_soon(Kind::Sleep, run, task, lesson_ms, real);
            let shared = Rc::clone(&self.shared);
            let timeout = Timeout::new(real, move || {
                shared.fired.set(true);
                PENDING_TIMERS.with(|p| p.set(p.get().saturating_sub(1)));
                let waker = shared.waker.borrow_mut().take();
                if let Some(waker) = waker {
                    waking_because(WakeCause::Timer, || waker.wake());
                }
            });
            PENDING_TIMERS.with(|p| p.set(p.get() + 1));
            self.timer = Some(Armed { _timeout: timeout, shared: Rc::clone(&self.shared) });
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
