//! The runtime's one clock. `Instant::now()` panics on wasm32-unknown-unknown, so time is
//! `performance.now()` in milliseconds (coarse, often 100 µs: order events by `seq`).
//! Every timestamp in the trace and every "now" the page draws comes from here, so a later
//! virtual clock only has to change this module.

use std::cell::Cell;

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

thread_local! {
    static READS: Cell<u32> = const { Cell::new(0) };
}

/// Milliseconds since the page started. Costly on some machines (a JS call, sometimes
/// hundreds of ns): the loop reads it per window of polls, not per record.
#[inline]
pub fn now() -> f64 {
    READS.with(|r| r.set(r.get().wrapping_add(1)));
    performance_now()
}

/// How many times the clock was read: the loop compares it around a poll to learn whether
/// the poll read the clock (and so may have taken a while).
#[inline]
pub fn reads() -> u32 {
    READS.with(Cell::get)
}
