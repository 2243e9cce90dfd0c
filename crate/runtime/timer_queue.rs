//! A virtual run's timers, kept free of the browser so their order can be tested natively.
//!
//! In a virtual run a `sleep` arms no browser timer: it is queued here with its deadline on
//! the run's virtual clock, and the loop fires the first one when the run has nothing else
//! to do. The order is total and deterministic: by deadline, then by the order the timers
//! were armed, so timers due at the same virtual instant fire in the order they were armed
//! and the same run gives the same trace every time.

use std::cmp::Ordering;
use std::collections::BTreeMap;

/// A deadline in virtual ms, ordered by `f64::total_cmp` so it can key a map.
#[derive(Clone, Copy, Debug)]
struct Deadline(f64);

impl PartialEq for Deadline {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Deadline {}

impl PartialOrd for Deadline {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Deadline {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// An armed timer's place in its queue: what [`TimerQueue::cancel`] needs to remove it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TimerKey {
    deadline: Deadline,
    armed: u64,
}

/// Timers ordered by deadline, then by arming order.
pub struct TimerQueue<T> {
    timers: BTreeMap<TimerKey, T>,
    armed: u64,
}

impl<T> Default for TimerQueue<T> {
    fn default() -> Self {
        TimerQueue { timers: BTreeMap::new(), armed: 0 }
    }
}

impl<T> TimerQueue<T> {
    /// Arms a timer due at `deadline` (virtual ms); a NaN deadline counts as 0 (due at once).
    pub fn arm(&mut self, deadline: f64, item: T) -> TimerKey {
        self.armed += 1;
        let deadline = if deadline.is_nan() { 0.0 } else { deadline };
        let key = TimerKey { deadline: Deadline(deadline), armed: self.armed };
        self.timers.insert(key, item);
        key
    }

    /// Removes a timer before it fires (its `sleep` was dropped). `None` if it is gone.
    pub fn cancel(&mut self, key: TimerKey) -> Option<T> {
        self.timers.remove(&key)
    }

    /// The deadline of the timer that fires next.
    pub fn next_deadline(&self) -> Option<f64> {
        self.timers.first_key_value().map(|(key, _)| key.deadline.0)
    }

    /// The deadline of the first timer, in firing order, for which `is` says yes.
    pub fn next_deadline_where(&self, mut is: impl FnMut(&T) -> bool) -> Option<f64> {
        self.timers.iter().find(|(_, item)| is(item)).map(|(key, _)| key.deadline.0)
    }

    /// Takes the timer that fires next, with its deadline.
    pub fn pop_next(&mut self) -> Option<(f64, T)> {
        self.timers.pop_first().map(|(key, item)| (key.deadline.0, item))
    }

    /// Takes, in firing order, the timers due by `by` for which `take` says yes (a thread's,
    /// due while a task holds the loop); the others keep their places.
    pub fn take_due_where(&mut self, by: f64, mut take: impl FnMut(&T) -> bool) -> Vec<T> {
        let due: Vec<TimerKey> = self
            .timers
            .iter()
            .take_while(|(key, _)| key.deadline.0 <= by)
            .filter(|(_, item)| take(item))
            .map(|(key, _)| *key)
            .collect();
        due.iter().filter_map(|key| self.timers.remove(key)).collect()
    }

    /// Timers armed and not yet fired or cancelled.
    pub fn len(&self) -> usize {
        self.timers.len()
    }

    /// Whether no timer is armed.
    pub fn is_empty(&self) -> bool {
        self.timers.is_empty()
    }

    /// Takes every timer out (its run ended), in firing order.
    pub fn take_all(&mut self) -> Vec<T> {
        std::mem::take(&mut self.timers).into_values().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fire_all(q: &mut TimerQueue<&'static str>) -> Vec<&'static str> {
        std::iter::from_fn(|| q.pop_next().map(|(_, name)| name)).collect()
    }

    #[test]
    fn timers_fire_by_deadline_whatever_order_they_were_armed_in() {
        let mut q = TimerQueue::default();
        q.arm(300.0, "c");
        q.arm(100.0, "a");
        q.arm(200.0, "b");
        assert_eq!(q.next_deadline(), Some(100.0));
        assert_eq!(fire_all(&mut q), ["a", "b", "c"]);
        assert!(q.is_empty());
    }

    #[test]
    fn timers_due_at_the_same_instant_fire_in_the_order_they_were_armed() {
        let mut q = TimerQueue::default();
        for name in ["first", "second", "third"] {
            q.arm(1000.0, name);
        }
        q.arm(999.5, "earlier");
        assert_eq!(fire_all(&mut q), ["earlier", "first", "second", "third"]);
    }

    #[test]
    fn a_cancelled_timer_never_fires_and_the_others_keep_their_order() {
        let mut q = TimerQueue::default();
        let a = q.arm(10.0, "a");
        let b = q.arm(10.0, "b");
        q.arm(10.0, "c");
        assert_eq!(q.cancel(b), Some("b"));
        assert_eq!(q.cancel(b), None, "cancelling twice is harmless");
        assert_eq!(q.len(), 2);
        assert_eq!(q.pop_next(), Some((10.0, "a")));
        assert_eq!(q.cancel(a), None, "a fired timer cannot be cancelled");
        assert_eq!(fire_all(&mut q), ["c"]);
    }

    #[test]
    fn taking_the_due_timers_of_some_leaves_the_others_in_order() {
        let mut q = TimerQueue::default();
        q.arm(5.0, "loop at 5");
        q.arm(3.0, "thread at 3");
        q.arm(4.0, "thread at 4");
        q.arm(9.0, "thread at 9");
        assert_eq!(q.take_due_where(5.0, |t| t.starts_with("thread")), ["thread at 3", "thread at 4"]);
        assert_eq!(fire_all(&mut q), ["loop at 5", "thread at 9"]);
    }

    #[test]
    fn taking_all_timers_empties_the_queue_in_firing_order() {
        let mut q = TimerQueue::default();
        q.arm(5.0, "late");
        q.arm(f64::NAN, "now");
        q.arm(1.0, "soon");
        assert_eq!(q.take_all(), ["now", "soon", "late"]);
        assert_eq!((q.len(), q.next_deadline()), (0, None));
    }
}
