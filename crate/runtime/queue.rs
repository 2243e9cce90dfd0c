//! The run queue's policy, kept free of the browser so it can be tested natively.
//!
//! Tasks run in the order they were woken (FIFO), and tasks woken during a tick run in the
//! same tick. A tick ends when the queue is empty or when it has run for [`SLICE_MS`]:
//! one microtask checkpoint runs every microtask queued during it, so without this limit
//! tasks that keep waking each other would starve rendering (and `requestAnimationFrame`)
//! forever. A spent tick continues on a macrotask, after the browser has had its turn.

use std::collections::VecDeque;

/// Longest a tick runs before handing the browser a turn, in ms (half a 60 Hz frame).
pub const SLICE_MS: f64 = 8.0;
/// Polls between two looks at the clock when the trace is off (reading it costs a JS call).
pub const CHECK_EVERY: u32 = 64;

/// Ready tasks, oldest first. A task is in it at most once (the caller keeps a flag).
pub struct RunQueue<T> {
    ready: VecDeque<T>,
}

impl<T> Default for RunQueue<T> {
    fn default() -> Self {
        RunQueue { ready: VecDeque::new() }
    }
}

impl<T> RunQueue<T> {
    /// Adds a woken task at the back.
    pub fn push(&mut self, task: T) {
        self.ready.push_back(task);
    }
    /// The next task to poll.
    pub fn pop(&mut self) -> Option<T> {
        self.ready.pop_front()
    }
    /// Tasks waiting for their poll.
    pub fn len(&self) -> usize {
        self.ready.len()
    }
    /// Whether no task is ready.
    pub fn is_empty(&self) -> bool {
        self.ready.is_empty()
    }
    /// Removes every task for which `keep` says no (used when a run is cancelled).
    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.ready.retain(keep);
    }
}

/// One tick's time budget.
pub struct TickBudget {
    started: f64,
    polls: u32,
}

impl TickBudget {
    /// A budget for a tick that started at `now` (ms).
    pub fn new(now: f64) -> TickBudget {
        TickBudget { started: now, polls: 0 }
    }

    /// Counts a poll and says whether the tick should hand over to the browser.
    /// `known_now` is the time if the caller already read it; otherwise `clock` is read
    /// only every [`CHECK_EVERY`] polls.
    pub fn spent_after_poll(&mut self, known_now: Option<f64>, clock: impl FnOnce() -> f64) -> bool {
        self.polls += 1;
        let now = match known_now {
            Some(now) => now,
            None if self.polls % CHECK_EVERY == 0 => clock(),
            None => return false,
        };
        now - self.started >= SLICE_MS
    }

    /// Polls counted so far in this tick.
    pub fn polls(&self) -> u32 {
        self.polls
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tasks_run_in_the_order_they_were_woken() {
        let mut q = RunQueue::default();
        for t in [3, 1, 2] {
            q.push(t);
        }
        assert_eq!([q.pop(), q.pop(), q.pop(), q.pop()], [Some(3), Some(1), Some(2), None]);
    }

    #[test]
    fn a_tick_hands_over_once_its_time_slice_is_spent() {
        let mut budget = TickBudget::new(100.0);
        assert!(!budget.spent_after_poll(Some(100.0 + SLICE_MS / 2.0), || unreachable!()));
        assert!(budget.spent_after_poll(Some(100.0 + SLICE_MS), || unreachable!()));
        assert_eq!(budget.polls(), 2);
    }

    #[test]
    fn without_a_time_the_clock_is_read_only_every_few_polls() {
        let mut budget = TickBudget::new(0.0);
        let mut reads = 0;
        for _ in 0..CHECK_EVERY * 3 {
            budget.spent_after_poll(None, || {
                reads += 1;
                1.0
            });
        }
        assert_eq!(reads, 3);
        assert!(budget.spent_after_poll(Some(SLICE_MS * 2.0), || 0.0));
    }

    #[test]
    fn a_cancelled_runs_tasks_leave_the_queue_and_the_rest_keep_their_order() {
        let mut q = RunQueue::default();
        for t in 1..=6 {
            q.push(t);
        }
        q.retain(|t| t % 2 == 0);
        assert_eq!(q.len(), 3);
        assert_eq!([q.pop(), q.pop(), q.pop()], [Some(2), Some(4), Some(6)]);
        assert!(q.is_empty());
    }
}
