//! The host seam: every call the crate makes into the browser goes through this module, behind
//! one small interface with two implementations: `browser.rs` (web-sys, in the page and its
//! workers) and `native.rs` (stand-ins for native tests and Miri: a drain the test runs by
//! hand, a clock it moves on, timers that fire when that clock reaches them).
//!
//! | call                                | for                                                   |
//! |-------------------------------------|-------------------------------------------------------|
//! | [`drain_on_microtask`]              | the loop's drain, at the end of the microtask checkpoint |
//! | [`drain_on_macrotask`]              | the loop's drain, after the browser had a turn to render |
//! | [`real_now`]                        | the real clock (`performance.now()`)                   |
//! | [`Timer`]                           | a real run's sleep (`setTimeout`, cleared on drop)     |
//! | [`queue_microtask`]                 | the microtasks lesson's bare chain                     |
//! | [`Frames`]                          | the microtasks lesson's count of drawn frames          |
//! | [`Worker`]                          | the blocking lesson's Web Worker (`asyncio.to_thread`) |
//! | [`console_error`]                   | the panic hook                                         |
//!
//! Both sides have the same names and signatures, so the rest of the crate compiles the same
//! for either. The host knows nothing of the loop: the drain it calls is the one the loop
//! passes it, and a timer or a worker's answer only calls back or resolves; what that wakes,
//! and how the wake is recorded, is the caller's business. A failed browser call comes back as
//! `Err` with what the browser said (`None` when it said nothing), for the caller to word.
//!
//! Why a `MessageChannel` for the macrotask and not `setTimeout(0)`: nested timeouts are
//! clamped to 4 ms, which would idle the loop between budget slices; a message is queued at
//! once and still lets the browser render between tasks.

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(not(target_arch = "wasm32"))]
mod native;

#[cfg(target_arch = "wasm32")]
pub use browser::{
    console_error, drain_on_macrotask, drain_on_microtask, queue_microtask, real_now, Frames, Timer, Worker,
};
#[cfg(not(target_arch = "wasm32"))]
pub use native::{
    advance_real, console_error, drain_on_macrotask, drain_on_microtask, queue_microtask, real_now, run_until_idle,
    Frames, Timer, Worker,
};

/// What a failed browser call said: its message, or `None` when it gave none (a worker whose
/// script did not load fires an error event without one).
pub type Failure = Option<String>;
