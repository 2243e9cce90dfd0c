//! The runtime's one clock. `Instant::now()` panics on wasm32-unknown-unknown, so time is
//! `performance.now()` in milliseconds (coarse, often 100 µs: order events by `seq`).
//! Every timestamp in the trace and every "now" the page draws comes from here.
//!
//! A virtual run (`runtime::Mode::Virtual`) has its own [`VirtualClock`]: ms from 0 at its
//! start, moved on by its timers and by the real time its polls take. While the loop does a
//! virtual run's work it points [`now`] at that clock (a thread-local override, set and
//! restored around the work), so everything that reads the time, the trace and the lessons'
//! own measurements alike, reads the run's time without knowing which kind of run it is.
//! Real runs never set the override: for them [`now`] is `performance.now()`, as before.
//!
//! A script's virtual run counts only *declared* time instead ([`charge`]): its sleeps, its
//! blocking `time.sleep`, and a fixed cost per interpreter step; never the real time a poll
//! takes, so it is the same run on any machine under any load.
//!
//! A lesson's virtual run's CPU time moves its clock in whole ms ([`whole_ms`]): the fraction of a ms
//! is carried from poll to poll, and dropped when the clock jumps to a timer. The real
//! clock's jitter (a short poll measures 0 or 0.1 ms at random) would otherwise decide which
//! of two timers due at the same lesson instant fires first, and the same run would not give
//! the same trace twice; a burst of short polls (a ping-pong rally) still adds up. Records
//! are stamped with [`stamp`], which counts the same way, so a virtual run's stamps never go
//! back; lessons' own measurements keep [`now`]'s precision.

use std::cell::Cell;

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Where [`now`] reads the time.
#[derive(Clone, Copy)]
enum Source {
    /// `performance.now()`.
    Real,
    /// A virtual clock standing still at this time (a virtual run's bookkeeping between polls).
    Still(f64),
    /// A virtual run's poll: its clock, at `from` (whole) plus `carry` (the fraction of a ms
    /// not yet counted) when the real clock read `real_from`, runs with real time.
    Running { from: f64, carry: f64, real_from: f64 },
    /// A poll of a virtual run whose clock counts only declared time: at `from` plus what
    /// the poll has [`charge`]d so far. No real time enters it, so the run is the same on
    /// any machine under any load.
    Declared { from: f64 },
}

thread_local! {
    static READS: Cell<u32> = const { Cell::new(0) };
    static SOURCE: Cell<Source> = const { Cell::new(Source::Real) };
    /// Time charged by the poll running on a declared clock (see [`charge`]).
    static CHARGED: Cell<f64> = const { Cell::new(0.0) };
}

/// Adds `ms` of declared time (a blocking `time.sleep`, the cost of interpreter steps) to
/// the clock of the poll running now, if that clock counts declared time. False otherwise:
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
    read(false)
}

/// The time to stamp on a record now: [`now`], except inside a virtual run's poll, where
/// the real time the poll has taken so far counts in whole ms, as the run's clock will
/// count it when the poll ends.
#[inline]
pub fn stamp() -> f64 {
    read(true)
}

#[inline]
fn read(whole: bool) -> f64 {
    READS.with(|r| r.set(r.get().wrapping_add(1)));
    match SOURCE.with(Cell::get) {
        Source::Real => performance_now(),
        Source::Still(at) => at,
        Source::Running { from, carry, real_from } => {
            let taken = carry + (performance_now() - real_from);
            from + if whole { whole_ms(taken) } else { taken }
        }
        Source::Declared { from } => from + CHARGED.with(Cell::get),
    }
}

/// Real ms as a virtual clock counts them: whole ms, rounded down (a hair of float error
/// below a whole number counts as that number), never negative.
pub fn whole_ms(ms: f64) -> f64 {
    (ms + 1e-6).floor().max(0.0)
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
/// loop moves it: to a timer's deadline when the run has nothing else to do, and by the real
/// time the run's polls take, in whole ms (CPU work is not virtual: a blocking poll still
/// shows, as long as it really was). It never goes back.
#[derive(Debug, Default)]
pub struct VirtualClock {
    now: Cell<f64>,
    /// Counts only declared time (see [`charge`]), never the real time a poll takes.
    declared: Cell<bool>,
    /// CPU time of the run's polls since the last whole ms or the last timer, below 1 ms.
    carry: Cell<f64>,
}

impl VirtualClock {
    /// The clock's time.
    pub fn now(&self) -> f64 {
        self.now.get()
    }

    /// Makes the clock count only declared time from now on (see [`charge`]).
    pub fn set_declared(&self) {
        self.declared.set(true);
    }

    /// Moves the clock on to `at` (a timer's deadline), dropping the uncounted fraction of
    /// a ms; a time already passed leaves it.
    pub fn advance_to(&self, at: f64) {
        if at > self.now.get() {
            self.now.set(at);
            self.carry.set(0.0);
        }
    }

    /// Runs `f` with [`now`] reading this clock, standing still: the run's bookkeeping
    /// between polls (a timer's wake, a cancel, its start and end) takes no virtual time.
    pub fn still<T>(&self, f: impl FnOnce() -> T) -> T {
        reading(Source::Still(self.now.get()), f)
    }

    /// Runs `f`, a poll of the run, with [`now`] reading this clock running at real speed,
    /// and moves the clock on by the real time `f` took, in whole ms, carrying the rest.
    /// Returns `f`'s output and the real clock at its end (the loop's time slice is real).
    pub fn running<T>(&self, f: impl FnOnce() -> T) -> (T, f64) {
        if self.declared.get() {
            let before = CHARGED.with(|c| c.replace(0.0));
            let out = reading(Source::Declared { from: self.now.get() }, f);
            let charged = CHARGED.with(|c| c.replace(before));
            self.now.set(self.now.get() + charged);
            return (out, real_now());
        }
        let (from, carry, real_from) = (self.now.get(), self.carry.get(), real_now());
        let out = reading(Source::Running { from, carry, real_from }, f);
        let end = real_now();
        self.count((end - real_from).max(0.0));
        (out, end)
    }

    /// Counts `taken` ms of CPU time: the whole ms move the clock, the rest is carried.
    fn count(&self, taken: f64) {
        let total = self.carry.get() + taken;
        let whole = whole_ms(total);
        self.now.set(self.now.get() + whole);
        self.carry.set((total - whole).clamp(0.0, 1.0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_virtual_clock_counts_cpu_time_in_whole_ms() {
        assert_eq!(whole_ms(0.1), 0.0, "a short poll's jitter adds nothing");
        assert_eq!(whole_ms(0.999), 0.0);
        assert_eq!(whole_ms(100.07), 100.0);
        assert_eq!(whole_ms(12345.6 - 12335.6), 10.0, "float error below a whole ms is not a ms less");
        assert_eq!(whole_ms(-0.1), 0.0);
    }

    #[test]
    fn short_polls_add_up_until_a_timer_moves_the_clock_on() {
        let clock = VirtualClock::default();
        for _ in 0..25 {
            clock.count(0.05); // a rally of short polls
        }
        assert_eq!(clock.now(), 1.0, "25 × 0.05 ms is one whole ms, the rest carried");
        clock.count(0.3);
        assert_eq!(clock.now(), 1.0);
        clock.advance_to(10.0);
        clock.count(0.9);
        assert_eq!(clock.now(), 10.0, "the fraction carried before the timer was dropped");
        clock.count(100.04);
        assert_eq!(clock.now(), 110.0);
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
