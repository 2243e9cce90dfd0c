//! The host outside a browser (native tests, Miri): nothing runs by itself. A drain or a bare
//! microtask asked for is kept until the test calls [`run_until_idle`], the real clock stands
//! still until the test moves it on ([`advance_real`]), and a timer fires in
//! [`run_until_idle`] once that clock has reached it. There are no frames and no workers.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use super::Failure;

/// A timer waiting for the clock: its deadline, its number (timers due together fire in the
/// order they were started) and its callback.
struct Pending {
    due: f64,
    id: u64,
    fire: Box<dyn FnOnce()>,
}

thread_local! {
    /// The drain asked for, if any (the browser would have queued it).
    static DRAIN_ASKED: Cell<Option<fn()>> = const { Cell::new(None) };
    /// Bare microtasks queued, in order.
    static MICROTASKS: RefCell<VecDeque<Box<dyn FnOnce()>>> = const { RefCell::new(VecDeque::new()) };
    static TIMERS: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
    static TIMERS_STARTED: Cell<u64> = const { Cell::new(0) };
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

/// The event loop of a native test: runs what the browser would, for as long as there is
/// any: the bare microtasks queued, then the drain asked for, then the timers the clock has
/// reached, earliest first. Returns how many callbacks it ran (drains, microtasks, timers).
pub fn run_until_idle() -> usize {
    let mut ran = 0;
    loop {
        if let Some(task) = MICROTASKS.with(|m| m.borrow_mut().pop_front()) {
            task();
        } else if let Some(drain) = DRAIN_ASKED.with(Cell::take) {
            drain();
        } else if let Some(fire) = take_due_timer() {
            fire();
        } else {
            return ran;
        }
        ran += 1;
    }
}

/// The stand-in for `performance.now()`: it stands still unless the test moves it on
/// ([`advance_real`]), so a time slice never runs out.
pub fn real_now() -> f64 {
    NOW.with(Cell::get)
}

/// Moves the real clock's stand-in on by `ms`; the timers it reaches fire at the next
/// [`run_until_idle`].
pub fn advance_real(ms: f64) {
    NOW.with(|n| n.set(n.get() + ms));
}

/// A timer on the stand-in clock, cleared if dropped before it fired.
pub struct Timer {
    id: u64,
}

impl Timer {
    /// Calls `fire` once, at the first [`run_until_idle`] after the clock has moved `ms` on.
    pub fn start(ms: u32, fire: impl FnOnce() + 'static) -> Timer {
        let id = TIMERS_STARTED.with(|n| n.replace(n.get() + 1));
        let due = real_now() + f64::from(ms);
        TIMERS.with(|t| t.borrow_mut().push(Pending { due, id, fire: Box::new(fire) }));
        Timer { id }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        let cleared = TIMERS.with(|t| {
            let mut timers = t.borrow_mut();
            timers.iter().position(|p| p.id == self.id).map(|at| timers.remove(at))
        });
        drop(cleared); // out of the borrow: the callback's drop may drop other timers
    }
}

/// The earliest timer the clock has reached (by deadline, then start), taken out of the list.
fn take_due_timer() -> Option<Box<dyn FnOnce()>> {
    let now = real_now();
    TIMERS.with(|t| {
        let mut timers = t.borrow_mut();
        let at = (0..timers.len())
            .filter(|&i| timers[i].due <= now)
            .min_by(|&a, &b| timers[a].due.total_cmp(&timers[b].due).then(timers[a].id.cmp(&timers[b].id)))?;
        Some(timers.remove(at).fire)
    })
}

/// Queues `f` as a bare microtask: [`run_until_idle`] runs it.
pub fn queue_microtask(f: impl FnOnce() + 'static) {
    MICROTASKS.with(|m| m.borrow_mut().push_back(Box::new(f)));
}

/// No frames are drawn outside a browser: the count stays 0.
pub struct Frames;

impl Frames {
    /// Starts counting.
    pub fn count() -> Frames {
        Frames
    }

    /// Frames drawn so far: none.
    pub fn so_far(&self) -> u32 {
        0
    }
}

impl Drop for Frames {
    /// Stops counting, as the browser's does: a lesson drops its count before it says it.
    fn drop(&mut self) {}
}

/// No Web Workers outside a browser: none is ever started.
pub enum Worker {}

/// A worker's answer (none outside a browser).
pub enum Answer {}

impl Answer {
    /// The number in the answer's field `name`.
    pub fn number(&self, _name: &str) -> Option<f64> {
        match *self {}
    }
}

impl Worker {
    /// Fails: there are no workers outside a browser.
    pub fn start(_url: &str) -> Result<Worker, Failure> {
        Err(Some("no Web Workers outside a browser".into()))
    }

    /// Never called: no worker exists.
    pub async fn ask(&self, _message: f64) -> Result<Answer, Failure> {
        match *self {}
    }
}

/// Writes `message` to standard error.
pub fn console_error(message: &str) {
    eprintln!("{message}");
}
