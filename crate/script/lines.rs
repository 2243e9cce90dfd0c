//! Which lines of main.py each poll ran: the page marks them in the code when a learner
//! hovers a poll on the timeline or steps one.
//!
//! While a task is polled, every statement notes its line in a bitset ([`Ran`], one per
//! interpreter: a run polls one task at a time); when the poll returns, the set is kept
//! under (task, poll number). Most polls of a run run the same few lines, so each distinct
//! set is kept once. The newest runs are kept, finished ones included: the page looks at a
//! finished run's polls too.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet, VecDeque};
use std::rc::Rc;

/// Runs whose polls' lines are kept.
const RUNS_KEPT: usize = 3;
/// Polls kept per run; later polls of a longer run are not marked (a million-poll run would
/// otherwise keep megabytes that nobody hovers).
const POLLS_KEPT: usize = 200_000;

/// The lines run since the last [`Ran::take`].
pub struct Ran {
    bits: Box<[Cell<u64>]>,
    list: RefCell<Vec<u32>>,
}

impl Ran {
    /// For a source of `lines` lines.
    pub fn new(lines: usize) -> Ran {
        Ran { bits: (0..lines / 64 + 1).map(|_| Cell::new(0)).collect(), list: RefCell::default() }
    }

    /// A statement at `line` runs.
    #[inline]
    pub fn note(&self, line: u32) {
        let Some(word) = self.bits.get((line / 64) as usize) else { return };
        let bit = 1 << (line % 64);
        let w = word.get();
        if w & bit == 0 {
            word.set(w | bit);
            self.list.borrow_mut().push(line);
        }
    }

    /// The lines noted since the last take, in order, and a fresh start.
    pub fn take(&self) -> Vec<u32> {
        let mut list = std::mem::take(&mut *self.list.borrow_mut());
        for &line in &list {
            self.bits[(line / 64) as usize].set(0);
        }
        list.sort_unstable();
        list
    }
}

/// One run's polls: (task, poll number) → its set of lines, each set kept once.
#[derive(Default)]
struct RunLines {
    run: u32,
    polls: HashMap<(u32, u32), Rc<[u32]>>,
    sets: HashSet<Rc<[u32]>>,
}

thread_local! {
    static KEPT: RefCell<VecDeque<RunLines>> = RefCell::default();
}

/// Keeps the lines poll `n` of `task` in `run` ran.
pub fn keep(run: u32, task: u32, n: u32, lines: Vec<u32>) {
    if lines.is_empty() || n == 0 {
        return;
    }
    KEPT.with(|k| {
        let mut kept = k.borrow_mut();
        if kept.back().is_none_or(|r| r.run != run) {
            if let Some(i) = kept.iter().position(|r| r.run == run) {
                let again = kept.remove(i).unwrap_or_default();
                kept.push_back(again);
            } else {
                kept.push_back(RunLines { run, ..RunLines::default() });
                while kept.len() > RUNS_KEPT {
                    kept.pop_front();
                }
            }
        }
        let Some(r) = kept.back_mut() else { return };
        if r.polls.len() >= POLLS_KEPT {
            return;
        }
        let set: Rc<[u32]> = lines.into();
        let set = match r.sets.get(&set) {
            Some(same) => Rc::clone(same),
            None => {
                r.sets.insert(Rc::clone(&set));
                set
            }
        };
        r.polls.insert((task, n), set);
    });
}

/// The lines poll `n` of `task` in `run` ran, in order (empty: not known).
pub fn of_poll(run: u32, task: u32, n: u32) -> Vec<u32> {
    KEPT.with(|k| {
        k.borrow()
            .iter()
            .find(|r| r.run == run)
            .and_then(|r| r.polls.get(&(task, n)))
            .map_or(Vec::new(), |s| s.to_vec())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_poll_keeps_each_line_once_in_order() {
        let ran = Ran::new(200);
        for line in [9, 5, 9, 130, 5, 6] {
            ran.note(line);
        }
        ran.note(10_000); // beyond the source: ignored, never a panic
        assert_eq!(ran.take(), [5, 6, 9, 130]);
        assert_eq!(ran.take(), [] as [u32; 0], "a take starts afresh");
        ran.note(9);
        assert_eq!(ran.take(), [9]);
    }

    #[test]
    fn the_newest_runs_are_kept_and_equal_sets_shared() {
        keep(1, 7, 1, vec![3, 4]);
        keep(1, 7, 2, vec![3, 4]);
        keep(1, 8, 1, vec![5]);
        assert_eq!(of_poll(1, 7, 2), [3, 4]);
        assert_eq!(of_poll(1, 8, 1), [5]);
        assert!(of_poll(1, 8, 2).is_empty());
        KEPT.with(|k| assert_eq!(k.borrow()[0].sets.len(), 2));
        for run in 2..=(RUNS_KEPT as u32 + 1) {
            keep(run, 1, 1, vec![1]);
        }
        assert!(of_poll(1, 7, 2).is_empty(), "the oldest run was let go");
        assert_eq!(of_poll(RUNS_KEPT as u32 + 1, 1, 1), [1]);
    }
}
