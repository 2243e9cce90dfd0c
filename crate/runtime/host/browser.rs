//! The host in a browser, through web-sys: the page's window or a worker's global scope.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageChannel, MessagePort, Performance, Window, WorkerGlobalScope};

use super::Failure;

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

    fn queue_microtask(&self, callback: &Function) {
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

    fn set_timeout(&self, callback: &Function, ms: i32, arg: &JsValue) -> Result<i32, JsValue> {
        match self {
            Scope::Window(w) => w.set_timeout_with_callback_and_timeout_and_arguments_1(callback, ms, arg),
            Scope::Worker(w) => w.set_timeout_with_callback_and_timeout_and_arguments_1(callback, ms, arg),
        }
    }

    fn clear_timeout(&self, id: i32) {
        match self {
            Scope::Window(w) => w.clear_timeout_with_handle(id),
            Scope::Worker(w) => w.clear_timeout_with_handle(id),
        }
    }
}

/// The loop's drain callback, made once and reused for every drain (no allocation per tick).
struct Drain {
    drain: Closure<dyn FnMut()>,
    sender: MessagePort,
    _receiver: MessagePort,
}

thread_local! {
    static SCOPE: Scope = Scope::get();
    static DRAIN: OnceCell<Drain> = const { OnceCell::new() };
    static PERFORMANCE: Performance =
        SCOPE.with(Scope::performance).expect("the runtime runs where `performance` is defined");
    /// What each armed timer calls, in its slot (see [`Timer`]).
    static ARMED: RefCell<Armed> = const { RefCell::new(Armed { calls: Vec::new(), free: Vec::new() }) };
    /// The one callback of every timer: `setTimeout` hands it the timer's slot.
    static FIRE: Closure<dyn FnMut(JsValue)> = Closure::new(fire);
}

/// Runs `f` on the drain callback, made on first use around `drain` (the loop always passes
/// the same).
fn with_drain(drain: fn(), f: impl FnOnce(&Drain)) {
    DRAIN.with(|cell| {
        let d = cell.get_or_init(|| {
            let drain = Closure::<dyn FnMut()>::new(drain);
            let channel = MessageChannel::new().expect("the runtime runs where `MessageChannel` is defined");
            let receiver = channel.port1();
            receiver.set_onmessage(Some(drain.as_ref().unchecked_ref()));
            Drain { drain, sender: channel.port2(), _receiver: receiver }
        });
        f(d)
    })
}

/// Calls `drain` at the end of the current microtask checkpoint. Out of line: a wake
/// calls it once per tick at most, and the wake's own code must stay small.
#[inline(never)]
pub fn drain_on_microtask(drain: fn()) {
    with_drain(drain, |d| SCOPE.with(|s| s.queue_microtask(d.drain.as_ref().unchecked_ref())));
}

/// Calls `drain` from a fresh macrotask, after the browser had a chance to render.
pub fn drain_on_macrotask(drain: fn()) {
    with_drain(drain, |d| {
        // A port that is open takes any message; a failure would leave the loop idle,
        // which the page shows, rather than a panic inside the loop.
        let _ = d.sender.post_message(&JsValue::NULL);
    });
}

/// `performance.now()`: milliseconds since the page started.
#[inline]
pub fn real_now() -> f64 {
    PERFORMANCE.with(Performance::now)
}

/// A browser timer (`setTimeout`) that calls back once after its delay, cleared if dropped
/// first. A callback, not a future: what fires is the caller's to wake and record.
///
/// Every timer's `setTimeout` calls the same JS function ([`FIRE`]) with the timer's slot in
/// [`ARMED`], where its Rust callback waits: a timer makes no JS function of its own. (One
/// each, with its finalizer entry, was most of what outlived the browser's young-generation
/// collections in a 100,000-task run, whose scavenges were its dropped frames.)
pub struct Timer {
    id: i32,
    slot: u32,
}

/// The armed timers' callbacks by slot; a slot is the timer's until it is dropped (fired or
/// not), so a dropped timer never frees another's.
struct Armed {
    calls: Vec<Option<Box<dyn FnOnce()>>>,
    free: Vec<u32>,
}

impl Timer {
    /// Calls `fire` once, `ms` from now (at most `i32::MAX`: the caller clamps).
    pub fn start(ms: u32, fire: impl FnOnce() + 'static) -> Timer {
        let call: Box<dyn FnOnce()> = Box::new(fire);
        let slot = ARMED.with(|a| {
            let mut a = a.borrow_mut();
            match a.free.pop() {
                Some(slot) => {
                    a.calls[slot as usize] = Some(call);
                    slot
                }
                None => {
                    a.calls.push(Some(call));
                    a.calls.len() as u32 - 1
                }
            }
        });
        let id = FIRE
            .with(|f| SCOPE.with(|s| s.set_timeout(f.as_ref().unchecked_ref(), ms as i32, &JsValue::from(slot))))
            .expect("the runtime runs where `setTimeout` is defined");
        Timer { id, slot }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        SCOPE.with(|s| s.clear_timeout(self.id)); // a timer that fired already: nothing to clear
        let call = ARMED.with(|a| {
            let mut a = a.borrow_mut();
            a.free.push(self.slot);
            a.calls.get_mut(self.slot as usize).and_then(Option::take)
        });
        drop(call); // out of the borrow: what it holds may drop a timer
    }
}

/// A timer fired: runs its callback, if it is still armed, with no borrow held.
fn fire(slot: JsValue) {
    let Some(slot) = slot.as_f64() else { return };
    let call = ARMED.with(|a| a.borrow_mut().calls.get_mut(slot as usize).and_then(Option::take));
    if let Some(call) = call {
        call();
    }
}

/// Queues `f` as a bare microtask (`queueMicrotask`), outside the loop. Its callback is made
/// for one call and freed by it.
pub fn queue_microtask(f: impl FnOnce() + 'static) {
    SCOPE.with(|s| s.queue_microtask(Closure::once_into_js(f).unchecked_ref()));
}

/// The page's window: animation frames are the page's.
fn window() -> Window {
    web_sys::window().expect("animation frames are counted in a page")
}

/// Counts the page's animation frames (`requestAnimationFrame` callbacks) from its creation
/// until it is dropped.
pub struct Frames {
    drawn: Rc<Cell<u32>>,
    next: Rc<Cell<i32>>,
    _callback: Closure<dyn FnMut()>,
}

impl Frames {
    /// Starts counting.
    pub fn count() -> Frames {
        let (drawn, next) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(0)));
        // The callback asks for the next frame with a handle to itself, set below.
        let again: Rc<RefCell<Option<Function>>> = Rc::default();
        let callback = Closure::<dyn FnMut()>::new({
            let (drawn, next, again) = (Rc::clone(&drawn), Rc::clone(&next), Rc::clone(&again));
            move || {
                drawn.set(drawn.get() + 1);
                if let Some(f) = again.borrow().as_ref() {
                    next.set(window().request_animation_frame(f).unwrap_or(0));
                }
            }
        });
        let f: Function = callback.as_ref().unchecked_ref::<Function>().clone();
        next.set(window().request_animation_frame(&f).unwrap_or(0));
        *again.borrow_mut() = Some(f);
        Frames { drawn, next, _callback: callback }
    }

    /// Frames drawn so far.
    pub fn so_far(&self) -> u32 {
        self.drawn.get()
    }
}

impl Drop for Frames {
    fn drop(&mut self) {
        // Cancelled before the callback is freed: no frame may call a dropped closure.
        let _ = window().cancel_animation_frame(self.next.get()); // 0 or a fired id: nothing to cancel
    }
}

/// What a failed JS call or a worker's error event says, if anything.
fn said(error: &JsValue) -> Failure {
    Reflect::get(error, &"message".into()).ok().and_then(|m| m.as_string()).or_else(|| error.as_string())
}

/// A Web Worker, stopped (`terminate`) when dropped: a run cancelled mid-job stops its
/// worker's CPU work too.
pub struct Worker(web_sys::Worker);

/// A worker's answer: the `data` of its message.
pub struct Answer(JsValue);

impl Answer {
    /// The number in the answer's field `name`, if it has one.
    pub fn number(&self, name: &str) -> Option<f64> {
        Reflect::get(&self.0, &name.into()).ok().and_then(|v| v.as_f64())
    }
}

impl Worker {
    /// Starts a worker running the script at `url`.
    pub fn start(url: &str) -> Result<Worker, Failure> {
        web_sys::Worker::new(url).map(Worker).map_err(|e| said(&e))
    }

    /// Posts `message` and resolves with the worker's next answer, or its error event. The
    /// answer resolves a promise: its wake comes from outside the loop.
    pub async fn ask(&self, message: f64) -> Result<Answer, Failure> {
        let promise = Promise::new(&mut |resolve, reject| {
            self.0.set_onmessage(Some(&resolve));
            self.0.set_onerror(Some(&reject));
        });
        self.0.post_message(&JsValue::from(message)).map_err(|e| said(&e))?;
        let event = JsFuture::from(promise).await.map_err(|e| said(&e))?;
        Reflect::get(&event, &"data".into()).map(Answer).map_err(|e| said(&e))
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.0.terminate();
    }
}

/// Writes `message` to the console as an error (`console.error`).
pub fn console_error(message: &str) {
    web_sys::console::error_1(&message.into());
}
