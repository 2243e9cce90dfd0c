//! The runtime's one clock. `Instant::now()` panics on wasm32-unknown-unknown, so time is
//! `performance.now()` in milliseconds (coarse, often 100 µs: order events by `seq`).
//! Every timestamp in the trace and every "now" the page draws comes from here.
//!
//! A virtual run (`runtime::Mode::Virtual`) has its own [`VirtualClock`]: ms from 0 at its
//! start, moved on by its timers and by *declared* time only ([`charge`]): `busy`, a lesson's
//! counted work, a script's blocking `time.sleep` and a fixed cost per interpreter step;
//! never the real time a poll takes, so a virtual run is the same on any machine under any
//! load, stamps included. While the loop does a virtual run's work it points [`now`] at that
//! clock (a thread-local override, set and restored around the work), so everything that
//! reads the time, the trace and the lessons' own measurements alike, reads the run's time
//! without knowing which kind of run it is. Real runs never set the override: for them
//! [`now`] is `performance.now()`.

use std::cell::Cell;

#[cfg(not(target_arch = "wasm32"))]
pub use super::host::advance_real;
use super::host::real_now as performance_now;

/// Where [`now`] reads the time.
#[derive(Clone, Copy)]
enum Source {
    /// `performance.now()`.
    Real,
    /// A virtual clock standing still at this time (a virtual run's bookkeeping between polls).
    Still(f64),
    /// A poll of a virtual run: its clock at `from` plus what the poll has [`charge`]d so
    /// far. No real time enters it.
    Declared { from: f64 },
}

thread_local! {
    static READS: Cell<u32> = const { Cell::new(0) };
    static SOURCE: Cell<Source> = const { Cell::new(Source::Real) };
    /// Time charged by the poll running on a declared clock (see [`charge`]).
    static CHARGED: Cell<f64> = const { Cell::new(0.0) };
}

/// Adds `ms` of declared time (`busy`, a blocking `time.sleep`, the cost of interpreter
/// steps) to the clock of the poll running now, if it is a virtual run's. False otherwise:
/// then the caller must take the time for real (spin), as a real run does.
pub fn charge(ms: f64) -> bool {
    if !matches!(SOURCE.with(Cell::get), Source::Declared { .. }) {
        return false;
    }
    CHARGED.with(|c| c.set(c.get() + ms.max(0.0)));
    true
}

/// Milliseconds on the clock of the work being done: the real clock (since the page started),
/// or a virtual run's clock while its work is being done. Costly on some machines (a JS call,
/// sometimes hundreds of ns): the loop reads it per window of polls, not per record.
#[inline]
pub fn now() -> f64 {
    READS.with(|r| r.set(r.get().wrapping_add(1)));
    match SOURCE.with(Cell::get) {
        Source::Real => performance_now(),
        Source::Still(at) => at,
        Source::Declared { from } => from + CHARGED.with(Cell::get),
    }
}

/// Whether the work being done now is a virtual run's poll (whose time is declared).
pub fn in_virtual_poll() -> bool {
    matches!(SOURCE.with(Cell::get), Source::Declared { .. })
}

/// Milliseconds on the real clock, whatever work is being done: for the loop's own time
/// slices, and for deadlines checked outside the loop (a chain of bare microtasks), which
/// no virtual clock follows.
#[inline]
pub fn real_now() -> f64 {
    READS.with(|r| r.set(r.get().wrapping_add(1)));
    performance_now()
}

/// How many times the clock was read: the loop compares it around a poll to learn whether
/// the poll read the clock (and so may have taken a while).
#[inline]
pub fn reads() -> u32 {
    READS.with(Cell::get)
}

/// Runs `f` with [`now`] reading `source`, then puts back what it read before.
fn reading<T>(source: Source, f: impl FnOnce() -> T) -> T {
    let before = SOURCE.with(|s| s.replace(source));
    let out = f();
    SOURCE.with(|s| s.set(before));
    out
}

/// A virtual run's clock: milliseconds from 0.0 at the run's start. It moves only when the
/// loop moves it: to a timer's deadline when the run has nothing else to do, and by the
/// time its polls declare ([`charge`]). It never goes back.
#[derive(Debug, Default)]
pub struct VirtualClock {
    now: Cell<f64>,
}

impl VirtualClock {
    /// The clock's time.
    pub fn now(&self) -> f64 {
        self.now.get()
    }

    /// Moves the clock on to `at` (a timer's deadline); a time already passed leaves it.
    pub fn advance_to(&self, at: f64) {
        if at > self.now.get() {
            self.now.set(at);
        }
    }

    /// Runs `f` with [`now`] reading this clock, standing still: the run's bookkeeping
    /// between polls (a timer's wake, a cancel, its start and end) takes no virtual time.
    pub fn still<T>(&self, f: impl FnOnce() -> T) -> T {
        reading(Source::Still(self.now.get()), f)
    }

    /// Runs `f`, a poll of the run, with [`now`] reading this clock plus what `f` charges,
    /// and moves the clock on by that. Returns `f`'s output and the real clock at its end
    /// (the loop's time slice is real).
    pub fn running<T>(&self, f: impl FnOnce() -> T) -> (T, f64) {
        (self.declaring(f), real_now())
    }

    /// Runs `f` with [`now`] reading this clock plus what `f` charges; moves the clock on by that.
    fn declaring<T>(&self, f: impl FnOnce() -> T) -> T {
        let before = CHARGED.with(|c| c.replace(0.0));
        let out = reading(Source::Declared { from: self.now.get() }, f);
        let charged = CHARGED.with(|c| c.replace(before));
        self.now.set(self.now.get() + charged);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_virtual_poll_counts_what_it_declares_not_the_time_it_takes() {
        let clock = VirtualClock::default();
        let seen = clock.declaring(|| {
            assert!(in_virtual_poll());
            assert!(charge(2.5));
            assert!(charge(-1.0), "nothing negative is charged");
            now()
        });
        assert_eq!(seen, 2.5, "the poll reads its clock plus what it charged");
        assert_eq!(clock.now(), 2.5);
        assert!(!charge(1.0), "outside a virtual poll nothing is charged");
        assert_eq!(clock.now(), 2.5);
    }

    #[test]
    fn a_virtual_clock_moves_on_to_a_deadline_but_never_back() {
        let clock = VirtualClock::default();
        clock.advance_to(1000.0);
        clock.advance_to(500.0);
        assert_eq!(clock.now(), 1000.0);
        assert_eq!(
            clock.still(|| match SOURCE.with(Cell::get) {
                Source::Still(at) => at,
                _ => f64::NAN,
            }),
            1000.0
        );
        assert!(matches!(SOURCE.with(Cell::get), Source::Real), "the override is put back");
    }
}
