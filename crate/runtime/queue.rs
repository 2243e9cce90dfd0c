//! The run queue's policy, kept free of the browser so it can be tested natively.
//!
//! Tasks run in the order they were woken (FIFO), and tasks woken during a tick run in the
//! same tick. The clock is read as rarely as honesty allows (see [`ClockSampler`]). A tick ends when the queue is empty or when it has run for [`SLICE_MS`]:
//! one microtask checkpoint runs every microtask queued during it, so without this limit
//! tasks that keep waking each other would starve rendering (and `requestAnimationFrame`)
//! forever. A spent tick continues on a macrotask, after the browser has had its turn.

use std::collections::VecDeque;

/// Longest a tick runs before handing the browser a turn, in ms (half a 60 Hz frame).
pub const SLICE_MS: f64 = 8.0;
/// Most polls between two clock reads in a burst of short polls.
pub const MAX_POLLS_PER_READ: u32 = 1024;
/// A window of polls that took less than this (ms) counts as short: the clock (often
/// 0.1 ms resolution) could not have told the polls' times apart anyway.
pub const SHORT_WINDOW_MS: f64 = 0.2;

/// Ready tasks, oldest first. A task is in it at most once (the caller keeps a flag).
pub struct RunQueue<T> {
    ready: VecDeque<T>,
}

impl<T> Default for RunQueue<T> {
    fn default() -> Self {
        RunQueue::new()
    }
}

impl<T> RunQueue<T> {
    /// An empty queue (const: the loop's queue is a thread-local with nothing to set up).
    pub const fn new() -> Self {
        RunQueue { ready: VecDeque::new() }
    }
    /// Adds a woken task at the back.
    #[inline]
    pub fn push(&mut self, task: T) {
        self.ready.push_back(task);
    }
    /// Puts a task back at `place` in line (0 is the front), or at the back if the line is
    /// shorter: a task that woke itself during its poll goes where its wake put it.
    #[inline]
    pub fn put_at(&mut self, place: usize, task: T) {
        if place >= self.ready.len() {
            self.ready.push_back(task);
        } else {
            self.insert(place, task);
        }
    }

    /// [`RunQueue::put_at`] before others (it woke others after itself): rare, out of line.
    #[cold]
    #[inline(never)]
    fn insert(&mut self, place: usize, task: T) {
        self.ready.insert(place, task);
    }
    /// Moves the first task for which `found` says yes to the front of the line (a task that
    /// holds its run goes first next tick).
    pub fn move_to_front(&mut self, found: impl FnMut(&T) -> bool) {
        if let Some(task) = self.ready.iter().position(found).and_then(|at| self.ready.remove(at)) {
            self.ready.push_front(task);
        }
    }
    /// The next task to poll.
    #[inline]
    pub fn pop(&mut self) -> Option<T> {
        self.ready.pop_front()
    }
    /// The task polled next.
    pub fn first(&self) -> Option<&T> {
        self.ready.front()
    }
    /// The tasks in line, first to last.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.ready.iter()
    }
    /// Tasks waiting for their poll.
    pub fn len(&self) -> usize {
        self.ready.len()
    }
    /// Whether no task is ready.
    pub fn is_empty(&self) -> bool {
        self.ready.is_empty()
    }
    /// Takes out, in their order, the tasks for which `take` says yes (the ready tasks of
    /// a run being paused or cancelled); the others keep their places. Handed back rather
    /// than dropped: the caller drops them where that is safe.
    pub fn take_where(&mut self, mut take: impl FnMut(&T) -> bool) -> Vec<T> {
        let mut taken = Vec::new();
        let mut kept = VecDeque::with_capacity(self.ready.len());
        for task in self.ready.drain(..) {
            if take(&task) {
                taken.push(task);
            } else {
                kept.push_back(task);
            }
        }
        self.ready = kept;
        taken
    }
}

/// Whether a tick that started at `started` has used its time slice by `now` (ms).
pub fn slice_spent(started: f64, now: f64) -> bool {
    now - started >= SLICE_MS
}

/// Decides after which polls the loop reads the clock.
///
/// Reading `performance.now()` costs far more than a short poll (hundreds of ns on some
/// machines), so a burst of short polls is timed in windows: after a window that took less
/// than [`SHORT_WINDOW_MS`] the next window doubles, up to [`MAX_POLLS_PER_READ`] (1,024
/// polls of the ~15 ns a yield takes are 15 µs, well within one tick of a 0.1 ms clock; a
/// window of slower polls that passes the 0.2 ms mark is the last long one); after a longer
/// one, every poll is timed again. (At 256, a burst spent a tenth of its time reading the
/// clock.) A poll that itself read the clock (it printed,
/// slept or blocked) is always timed. Each tick starts with a read and windows of one poll,
/// so lessons, with a few polls per tick, have every poll timed.
pub struct ClockSampler {
    every: u32,
    since: u32,
}

impl Default for ClockSampler {
    fn default() -> Self {
        ClockSampler { every: 1, since: 0 }
    }
}

impl ClockSampler {
    /// Counts a poll; true if the clock should be read now. `poll_read_clock`: the poll
    /// read the clock itself, so its end is worth timing.
    pub fn due(&mut self, poll_read_clock: bool) -> bool {
        self.since += 1;
        if poll_read_clock || self.since >= self.every {
            self.since = 0;
            true
        } else {
            false
        }
    }

    /// Adjusts the window to what the last one took, in ms.
    pub fn observed(&mut self, window_ms: f64) {
        self.every = if window_ms < SHORT_WINDOW_MS { (self.every * 2).min(MAX_POLLS_PER_READ) } else { 1 };
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
        assert!(!slice_spent(100.0, 100.0 + SLICE_MS / 2.0));
        assert!(slice_spent(100.0, 100.0 + SLICE_MS));
    }

    fn reads_in(sampler: &mut ClockSampler, polls: u32, window_ms: f64) -> u32 {
        let mut reads = 0;
        for _ in 0..polls {
            if sampler.due(false) {
                reads += 1;
                sampler.observed(window_ms);
            }
        }
        reads
    }

    #[test]
    fn a_burst_of_short_polls_reads_the_clock_once_per_window_of_up_to_1024() {
        let mut sampler = ClockSampler::default();
        assert_eq!(reads_in(&mut sampler, 2047, 0.0), 11); // windows of 1, 2, 4 … 1024
        assert_eq!(reads_in(&mut sampler, 1024 * 10, 0.0), 10);
    }

    #[test]
    fn long_polls_and_polls_that_read_the_clock_are_each_timed() {
        let mut sampler = ClockSampler::default();
        reads_in(&mut sampler, 1000, 0.0);
        assert!(sampler.due(true), "a poll that read the clock is timed");
        sampler.observed(5.0); // that window was long: time every poll again
        assert_eq!(reads_in(&mut sampler, 3, SHORT_WINDOW_MS), 3);
    }

    #[test]
    fn a_task_put_back_takes_its_place_before_the_tasks_woken_after_it() {
        let mut q = RunQueue::default();
        q.push(1);
        let place = q.len(); // task 9 woke itself here, then woke 2 and 3
        q.push(2);
        q.push(3);
        q.put_at(place, 9);
        q.put_at(10, 4); // a place past the end is the back
        assert_eq!([q.pop(), q.pop(), q.pop(), q.pop(), q.pop()], [Some(1), Some(9), Some(2), Some(3), Some(4)]);
    }

    #[test]
    fn a_paused_runs_tasks_are_taken_out_in_order_and_the_rest_keep_theirs() {
        let mut q = RunQueue::default();
        for t in [11, 20, 12, 21, 13] {
            q.push(t);
        }
        assert_eq!(q.take_where(|t| *t < 20), [11, 12, 13]);
        assert_eq!([q.pop(), q.pop(), q.pop()], [Some(20), Some(21), None]);
    }
}
