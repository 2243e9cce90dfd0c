//! The runtime's one clock. `Instant::now()` panics on wasm32-unknown-unknown, so time is
//! `performance.now()` in milliseconds (coarse, often 100 µs: order events by `seq`).
//! Every timestamp in the trace and every "now" the page draws comes from here, so a later
//! virtual clock only has to change this module.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Milliseconds since the page started.
#[inline]
pub fn now() -> f64 {
    performance_now()
}
