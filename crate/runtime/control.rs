//! Buttons a learner presses while a run is live (drop the connection, stall the server…).
//! The page sends a control by name; the run's listener receives it as a channel message,
//! recorded as an *external* wake, so every press shows on the timeline.

use std::cell::RefCell;

use super::channel::{channel, Receiver, Sender};
use super::context::{current, waking_because};
use crate::trace::record::WakeCause;

thread_local! {
    /// `(run, sender)`, one per run. A list searched in order, not a hash map: it holds a few
    /// entries (see `listen_controls`), and a map of its own type added about 3 KB of code to
    /// the wasm.
    static LISTENERS: RefCell<Vec<(u32, Sender<&'static str>)>> = const { RefCell::new(Vec::new()) };
}

/// Listens for the current run's controls. A run has one listener; listening again
/// replaces it. Listeners whose receiver was dropped (their run ended) are forgotten here
/// and at the next press, so the table holds live listeners only, plus at most a few.
pub fn listen_controls() -> Receiver<&'static str> {
    let run = current().map_or(0, |(_, run)| run);
    let (sender, receiver) = channel();
    LISTENERS.with(|l| {
        let mut listeners = l.borrow_mut();
        listeners.retain(|(r, s)| s.is_open() && *r != run);
        listeners.push((run, sender));
    });
    receiver
}

/// Listeners kept now (live runs listening, and ended ones not yet pruned).
pub fn control_listeners() -> usize {
    LISTENERS.with(|l| l.borrow().len())
}

/// Delivers control `name` to run `run`. False if the run has no live listener.
pub fn send_control(run: u32, name: &'static str) -> bool {
    let sender = LISTENERS.with(|l| {
        let mut listeners = l.borrow_mut();
        let at = listeners.iter().position(|(r, _)| *r == run)?;
        Some(listeners.swap_remove(at).1)
    });
    let Some(sender) = sender else { return false };
    let delivered = waking_because(WakeCause::External, || sender.send(name).is_ok());
    if delivered {
        LISTENERS.with(|l| l.borrow_mut().push((run, sender)));
    }
    delivered
}
