//! `busy`: work that holds the loop without awaiting, like a CPU-bound step or
//! `time.sleep` inside a coroutine. Nothing else runs, and the page does not draw, until it
//! returns: exactly what the blocking lesson must show, measured, not simulated.

use std::time::Duration;

use super::clock;
use super::context::current;
use super::lifecycle::run_config;

/// The speed of the run whose task is running (1 outside a run): lesson time over real time.
pub fn current_speed() -> f64 {
    current().and_then(|(_, run)| run_config(run)).map_or(1.0, |c| c.speed)
}

/// Spins on the clock for `duration` of lesson time (scaled by the run's speed) and returns
/// how many rounds of (pretend) work it did.
pub fn busy(duration: Duration) -> u64 {
    if clock::charge(duration.as_secs_f64() * 1000.0) {
        return 0; // a run on a declared clock: the time is counted, not spent
    }
    let until = clock::now() + duration.as_secs_f64() * 1000.0 / current_speed();
    let mut rounds: u64 = 0;
    while clock::now() < until {
        rounds = rounds.wrapping_add(1);
    }
    rounds
}
