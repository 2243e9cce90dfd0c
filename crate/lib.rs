//! Loopscope: real Rust futures on the browser's microtask loop, with a live trace of how
//! they interleave: who runs, who waits and on what, and who woke whom.
//!
//! - [`runtime`]: the event loop (tasks, run queue, `sleep`, `spawn`, budget policy).
//! - [`trace`]: what the loop records, in a bounded ring the page reads every frame.
//! - [`lessons`]: one module per seed example.
//! - `script`: script mode, the learner's own Python run as traced tasks (feature `script`, on by default).
//! - [`api`]: every `#[wasm_bindgen]` export, the only door between the page and the crate.
#![deny(missing_docs)]
// Every unsafe block says why it is sound (`SAFETY:`), and an unsafe fn's body marks its own.
#![warn(clippy::undocumented_unsafe_blocks, clippy::missing_safety_doc, unsafe_op_in_unsafe_fn)]

pub mod api;
#[cfg(feature = "bench")]
pub mod bench;
pub use loopscope_core::{runtime, trace};
pub use loopscope_lessons as lessons;
#[cfg(feature = "script")]
pub use loopscope_script as script;

use std::cell::RefCell;
use std::sync::Once;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Sends panics to the console and keeps the message for the page. A wasm panic aborts
/// without unwinding and may leave borrows held, so the page shows "crashed — reload"
/// with this message instead of carrying on with a broken loop.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = format!("Loopscope crashed: {info}");
            runtime::console_error(&message);
            LAST_PANIC.with(|p| {
                if let Ok(mut p) = p.try_borrow_mut() {
                    *p = Some(message);
                }
            });
        }));
    });
}

/// The message of the panic that crashed the module, if one did.
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.try_borrow().ok().and_then(|p| p.clone()))
}
