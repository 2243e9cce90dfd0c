//! Pause, resume and step: the learner's hold on one run while the others go on.
//!
//! A paused run stays live: wakes still happen and are recorded, but a woken task is parked
//! in its run's state (`run.rs`) instead of the run queue, so no tick polls it. A step polls
//! the first parked task in a tick of its own, through the loop's one poll path, and the run
//! stays paused.

use super::context::current;
use super::executor;
use super::lifecycle::{run_state, set_slow_wakes};
use super::run::RunState;
use super::task::QUIET;
use crate::trace::{self, record::Kind};

/// Records a run's pause (`a` = 1) or resume (`a` = 0) at the run's time.
fn record_pause(run: u32, state: &RunState, paused: bool) {
    state.at_its_time(|| trace::record(Kind::Pause, run, 0, paused as u32, 0));
}

/// Pauses a live run: none of its tasks is polled until it is resumed or stepped, while its
/// wakes still happen and are recorded (a task woken meanwhile waits, ready, in its run's
/// line). Other runs go on. False if the run is not live; pausing a paused run does nothing.
pub fn pause_run(run: u32) -> bool {
    let Some(state) = run_state(run) else { return false };
    if state.paused.replace(true) {
        return true;
    }
    set_slow_wakes(run, true);
    let ready = executor::unqueue_run(run);
    state.parked.borrow_mut().extend(ready);
    record_pause(run, &state, true);
    true
}

/// Resumes a paused run: its parked tasks go back to the run queue in their order, and a
/// virtual run with nothing ready moves on to its next timer. False if the run is not
/// live; resuming a run that is not paused does nothing.
pub fn resume_run(run: u32) -> bool {
    let Some(state) = run_state(run) else { return false };
    if !state.paused.replace(false) {
        return true;
    }
    record_pause(run, &state, false);
    set_slow_wakes(run, state.virt.is_some());
    let parked = std::mem::take(&mut *state.parked.borrow_mut());
    executor::queue_parked(parked);
    state.advance_if_idle();
    true
}

/// Whether `run` is live and paused.
pub fn is_paused(run: u32) -> bool {
    run_state(run).is_some_and(|s| s.paused.get())
}

/// Why [`step_run`] could not step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepError {
    /// The run ended or never started.
    NotLive,
    /// The run is running: only a paused run is stepped.
    NotPaused,
    /// Called from inside a poll: a task cannot step the loop it runs on.
    InsidePoll,
}

/// Polls exactly one ready task of a paused run, the first in its line, in a tick of one
/// poll (`TickStart`, `PollStart`, `PollEnd`, `TickEnd`); the run stays paused. Returns the
/// polled task's id, or 0 if none of the run's tasks was ready. A virtual run with nothing
/// ready first moves its clock on to its next timer and fires it, so stepping makes
/// progress while the run has timers, unless one of its tasks waits on the outside, which
/// stops virtual time (then it returns 0 until the outside answers).
pub fn step_run(run: u32) -> Result<u32, StepError> {
    if current().is_some() {
        return Err(StepError::InsidePoll);
    }
    let state = run_state(run).ok_or(StepError::NotLive)?;
    if !state.paused.get() {
        return Err(StepError::NotPaused);
    }
    let task = loop {
        let next = state.parked.borrow_mut().pop_front();
        match next {
            Some(task) if task.id == QUIET => executor::run_callback(task),
            Some(task) if task.done.get() => {
                // Cancelled while parked: leaves the line without a poll.
                task.queued.set(false);
                if let Some(v) = &state.virt {
                    v.unready();
                    v.next_in_round();
                    v.polled_in_round();
                }
            }
            Some(task) => break task,
            None => match &state.virt {
                Some(v) if v.outside.get() == 0 && v.fire_next() => {} // its wake parks a task
                _ => return Ok(0),
            },
        }
    };
    let ready = state.parked.borrow().len() as u32 + 1;
    let id = task.id;
    executor::step_tick(task, &state, ready);
    Ok(id)
}
