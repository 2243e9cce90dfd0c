//! The browser calls the loop makes, in one place: drain on a microtask, drain on a macrotask
//! (a `MessageChannel` message) once a drain has spent its budget, and the real clock.
//! Outside a browser (native tests, Miri) stand-ins take their place: [`run_until_idle`] is
//! the event loop, and the real clock is a number the test moves on.
//!
//! The host knows nothing of the loop: the drain it calls is the one the loop passes it.
//!
//! Why a `MessageChannel` and not `setTimeout(0)`: nested timeouts are clamped to 4 ms,
//! which would idle the loop between budget slices; a message is queued at once and still
//! lets the browser render between tasks.

#[cfg(target_arch = "wasm32")]
pub use browser::{drain_on_macrotask, drain_on_microtask, real_now};
#[cfg(not(target_arch = "wasm32"))]
pub use native::{advance_real, drain_on_macrotask, drain_on_microtask, real_now, run_until_idle};

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::OnceCell;

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{MessageChannel, MessagePort, Performance, Window, WorkerGlobalScope};

    /// The global scope: the page's window, or a worker's scope (both have what the host
    /// calls, and the runtime makes no assumption about where it runs).
    enum Scope {
        Window(Window),
        Worker(WorkerGlobalScope),
    }

    impl Scope {
        fn get() -> Scope {
            match js_sys::global().dyn_into::<Window>() {
                Ok(window) => Scope::Window(window),
                Err(global) => Scope::Worker(global.unchecked_into()),
            }
        }

        fn queue_microtask(&self, callback: &js_sys::Function) {
            match self {
                Scope::Window(w) => w.queue_microtask(callback),
                Scope::Worker(w) => w.queue_microtask(callback),
            }
        }

        fn performance(&self) -> Option<Performance> {
            match self {
                Scope::Window(w) => w.performance(),
                Scope::Worker(w) => w.performance(),
            }
        }
    }

    /// The callbacks, made once and reused for every drain (no allocation per tick).
    struct Host {
        scope: Scope,
        drain: Closure<dyn FnMut()>,
        sender: MessagePort,
        _receiver: MessagePort,
    }

    thread_local! {
        static HOST: OnceCell<Host> = const { OnceCell::new() };
        static PERFORMANCE: Performance =
            Scope::get().performance().expect("the runtime runs where `performance` is defined");
    }

    /// Runs `f` on the host, made on first use around `drain` (the loop always passes the same).
    fn with_host(drain: fn(), f: impl FnOnce(&Host)) {
        HOST.with(|cell| {
            let host = cell.get_or_init(|| {
                let drain = Closure::<dyn FnMut()>::new(drain);
                let channel = MessageChannel::new().expect("the runtime runs where `MessageChannel` is defined");
                let receiver = channel.port1();
                receiver.set_onmessage(Some(drain.as_ref().unchecked_ref()));
                Host { scope: Scope::get(), drain, sender: channel.port2(), _receiver: receiver }
            });
            f(host)
        })
    }

    /// Calls `drain` at the end of the current microtask checkpoint. Out of line: a wake
    /// calls it once per tick at most, and the wake's own code must stay small.
    #[inline(never)]
    pub fn drain_on_microtask(drain: fn()) {
        with_host(drain, |h| h.scope.queue_microtask(h.drain.as_ref().unchecked_ref()));
    }

    /// Calls `drain` from a fresh macrotask, after the browser had a chance to render.
    pub fn drain_on_macrotask(drain: fn()) {
        with_host(drain, |h| {
            // A port that is open takes any message; a failure would leave the loop idle,
            // which the page shows, rather than a panic inside the loop.
            let _ = h.sender.post_message(&JsValue::NULL);
        });
    }

    /// `performance.now()`: milliseconds since the page started.
    #[inline]
    pub fn real_now() -> f64 {
        PERFORMANCE.with(Performance::now)
    }
}

/// The host outside a browser: the drain is asked for by keeping it, and the test calls it.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::cell::Cell;

    thread_local! {
        /// The drain asked for, if any (the browser would have queued it).
        static DRAIN_ASKED: Cell<Option<fn()>> = const { Cell::new(None) };
        static NOW: Cell<f64> = const { Cell::new(0.0) };
    }

    /// Asks for a drain (the browser would queue a microtask).
    pub fn drain_on_microtask(drain: fn()) {
        DRAIN_ASKED.with(|d| d.set(Some(drain)));
    }

    /// Asks for a drain (the browser would post a message).
    pub fn drain_on_macrotask(drain: fn()) {
        DRAIN_ASKED.with(|d| d.set(Some(drain)));
    }

    /// The event loop of a native test: calls the drain for as long as the runtime asks for
    /// one. Returns how many drains ran.
    pub fn run_until_idle() -> usize {
        let mut drains = 0;
        while let Some(drain) = DRAIN_ASKED.with(Cell::take) {
            drain();
            drains += 1;
        }
        drains
    }

    /// The stand-in for `performance.now()`: it stands still unless the test moves it on
    /// ([`advance_real`]), so a time slice never runs out.
    pub fn real_now() -> f64 {
        NOW.with(Cell::get)
    }

    /// Moves the real clock's stand-in on by `ms`.
    pub fn advance_real(ms: f64) {
        NOW.with(|n| n.set(n.get() + ms));
    }
}
