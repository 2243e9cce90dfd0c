//! The browser's two ways to call the loop back: a microtask for the normal drain, and a
//! macrotask (a `MessageChannel` message) once a drain has spent its budget. Outside a
//! browser (native tests, Miri) a flag stands in for both, and [`run_until_idle`] is the
//! event loop that calls the drain while it is set.
//!
//! Why a `MessageChannel` and not `setTimeout(0)`: nested timeouts are clamped to 4 ms,
//! which would idle the loop between budget slices; a message is queued at once and still
//! lets the browser render between tasks.

#[cfg(target_arch = "wasm32")]
pub use browser::{drain_on_macrotask, drain_on_microtask};
#[cfg(not(target_arch = "wasm32"))]
pub use native::{drain_on_macrotask, drain_on_microtask, run_until_idle};

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::OnceCell;

    use js_sys::Function;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = queueMicrotask)]
        fn queue_microtask(callback: &Function);

        type MessageChannel;
        #[wasm_bindgen(constructor)]
        fn new() -> MessageChannel;
        #[wasm_bindgen(method, getter)]
        fn port1(this: &MessageChannel) -> MessagePort;
        #[wasm_bindgen(method, getter)]
        fn port2(this: &MessageChannel) -> MessagePort;

        type MessagePort;
        #[wasm_bindgen(method, setter)]
        fn set_onmessage(this: &MessagePort, callback: &Function);
        #[wasm_bindgen(method, js_name = postMessage)]
        fn post_message(this: &MessagePort, message: &JsValue);
    }

    /// The callbacks, made once and reused for every drain (no allocation per tick).
    struct Host {
        drain: Closure<dyn FnMut()>,
        sender: MessagePort,
        _receiver: MessagePort,
    }

    thread_local! {
        static HOST: OnceCell<Host> = const { OnceCell::new() };
    }

    fn with_host(f: impl FnOnce(&Host)) {
        HOST.with(|cell| {
            let host = cell.get_or_init(|| {
                let drain = Closure::<dyn FnMut()>::new(super::super::executor::drain);
                let channel = MessageChannel::new();
                let receiver = channel.port1();
                receiver.set_onmessage(drain.as_ref().unchecked_ref());
                Host { drain, sender: channel.port2(), _receiver: receiver }
            });
            f(host)
        })
    }

    /// Calls the drain at the end of the current microtask checkpoint. Out of line: a wake
    /// calls it once per tick at most, and the wake's own code must stay small.
    #[inline(never)]
    pub fn drain_on_microtask() {
        with_host(|h| queue_microtask(h.drain.as_ref().unchecked_ref()));
    }

    /// Calls the drain from a fresh macrotask, after the browser had a chance to render.
    pub fn drain_on_macrotask() {
        with_host(|h| h.sender.post_message(&JsValue::NULL));
    }
}

/// The host outside a browser: the drain is asked for by a flag, and the test calls it.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::cell::Cell;

    thread_local! {
        static DRAIN_ASKED: Cell<bool> = const { Cell::new(false) };
    }

    /// Asks for a drain (the browser would queue a microtask).
    pub fn drain_on_microtask() {
        DRAIN_ASKED.with(|d| d.set(true));
    }

    /// Asks for a drain (the browser would post a message).
    pub fn drain_on_macrotask() {
        DRAIN_ASKED.with(|d| d.set(true));
    }

    /// The event loop of a native test: calls the drain for as long as the runtime asks for
    /// one. Returns how many drains ran.
    pub fn run_until_idle() -> usize {
        let mut drains = 0;
        while DRAIN_ASKED.with(|d| d.replace(false)) {
            super::super::executor::drain();
            drains += 1;
        }
        drains
    }
}
