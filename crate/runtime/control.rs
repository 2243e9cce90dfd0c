//! Buttons a learner presses while a run is live (drop the connection, stall the server…).
//! The page sends a control by name; the run's listener receives it as a channel message,
//! recorded as an *external* wake, so every press shows on the timeline.

use std::cell::RefCell;
use std::collections::HashMap;

use super::channel::{channel, Receiver, Sender};
use super::context::{current, waking_because};
use crate::trace::record::WakeCause;

thread_local! {
    static LISTENERS: RefCell<HashMap<u32, Sender<&'static str>>> = RefCell::new(HashMap::new());
}

/// Listens for the current run's controls. A run has one listener; listening again
/// replaces it. Listeners whose receiver was dropped (their run ended) are forgotten here
/// and at the next press, so the table holds live listeners only, plus at most a few.
pub fn listen_controls() -> Receiver<&'static str> {
    let run = current().map_or(0, |(_, run)| run);
    let (sender, receiver) = channel();
    LISTENERS.with(|l| {
        let mut listeners = l.borrow_mut();
        listeners.retain(|_, s| s.is_open());
        listeners.insert(run, sender);
    });
    receiver
}

/// Listeners kept now (live runs listening, and ended ones not yet pruned).
pub fn control_listeners() -> usize {
    LISTENERS.with(|l| l.borrow().len())
}

/// Delivers control `name` to run `run`. False if the run has no live listener.
pub fn send_control(run: u32, name: &'static str) -> bool {
    let sender = LISTENERS.with(|l| l.borrow_mut().remove(&run));
    let Some(sender) = sender else { return false };
    let delivered = waking_because(WakeCause::External, || sender.send(name).is_ok());
    if delivered {
        LISTENERS.with(|l| l.borrow_mut().insert(run, sender));
    }
    delivered
}
