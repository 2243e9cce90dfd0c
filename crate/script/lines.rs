//! Which lines of main.py each poll ran, and which line printed each line of output: the page
//! marks them when a learner hovers a poll on the timeline (or steps one) or a console line.
//!
//! While a task is polled, every statement notes its line in a bitset ([`Ran`], one per
//! interpreter: a run polls one task at a time). When the poll returns, its set of lines is
//! kept as a number in the task's list ([`TaskLines`], one entry per poll, in order). Most
//! polls run the lines their task's previous poll ran, so a set is compared with that one
//! first and looked up in the run's table of distinct sets only when it differs: a poll
//! costs the loop a few ns, not a hash and an allocation. The newest runs are kept, finished
//! ones included: the page looks at a finished run's polls too.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// Runs whose polls' lines are kept.
const RUNS_KEPT: usize = 3;
/// Polls kept per run (4 bytes each); later polls of a longer run are not marked.
const POLLS_KEPT: usize = 1_000_000;

/// The lines run since the last [`Ran::end_poll`].
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

    /// A poll of `task` ends: keeps the lines it ran, and starts afresh.
    pub fn end_poll(&self, task: &TaskLines) {
        let mut list = self.list.borrow_mut();
        if list.len() <= 16 {
            for &line in list.iter() {
                self.bits[(line / 64) as usize].set(0);
            }
            // An insertion sort: std's sort would add its own code to the wasm for this one use.
            for i in 1..list.len() {
                let (line, mut j) = (list[i], i);
                while j > 0 && list[j - 1] > line {
                    list[j] = list[j - 1];
                    j -= 1;
                }
                list[j] = line;
            }
        } else {
            // The lines are distinct: read back from the bitset, they come in order.
            list.clear();
            for (at, word) in self.bits.iter().enumerate() {
                let mut w = word.replace(0);
                while w != 0 {
                    list.push(at as u32 * 64 + w.trailing_zeros());
                    w &= w - 1;
                }
            }
        }
        task.push(&list);
        list.clear();
    }
}

/// One run's distinct sets of lines, numbered from 0, and its tasks' polls.
struct RunLines {
    run: u32,
    sets: Vec<Rc<[u32]>>,
    numbers: HashMap<Rc<[u32]>, u32>,
    /// `(task, its polls)`, in the order the tasks first ran. This list and `prints` are
    /// searched only when the page asks: lists, not hash maps of their own types (each
    /// such type adds its own copy of the map's code to the wasm).
    tasks: Vec<(u32, Rc<TaskLines>)>,
    kept: Rc<Cell<usize>>,
    /// `(task, line)`: the line of main.py each printed line came from, in output order (a
    /// run's output is capped at 10,000 lines, so this is too).
    prints: Vec<(u32, u32)>,
}

/// One task's polls: the number of the set of lines each ran, in poll order.
pub struct TaskLines {
    run: u32,
    polls: RefCell<Vec<u32>>,
    /// The last poll's set and its number.
    last: RefCell<(Rc<[u32]>, u32)>,
    /// Polls kept in the whole run (see [`POLLS_KEPT`]).
    kept: Rc<Cell<usize>>,
}

impl TaskLines {
    fn push(&self, lines: &[u32]) {
        if self.kept.get() >= POLLS_KEPT {
            return;
        }
        self.kept.set(self.kept.get() + 1);
        let number = {
            let last = self.last.borrow();
            (*last.0 == *lines).then_some(last.1)
        };
        let number = number.unwrap_or_else(|| {
            let (set, number) = number_of(self.run, lines);
            *self.last.borrow_mut() = (set, number);
            number
        });
        self.polls.borrow_mut().push(number);
    }
}

thread_local! {
    /// Oldest first; at most [`RUNS_KEPT`], so a plain list (a deque's code, for this one
    /// type, cost more than the shift of three entries).
    static KEPT: RefCell<Vec<RunLines>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` on `run`'s table, made (and the oldest let go) if it is new.
fn with_run<T>(run: u32, f: impl FnOnce(&mut RunLines) -> T) -> T {
    KEPT.with(|k| {
        let mut kept = k.borrow_mut();
        let at = match kept.iter().position(|r| r.run == run) {
            Some(at) => at,
            None => {
                if kept.len() == RUNS_KEPT {
                    kept.remove(0);
                }
                kept.push(RunLines {
                    run,
                    sets: Vec::new(),
                    numbers: HashMap::new(),
                    tasks: Vec::new(),
                    kept: Rc::default(),
                    prints: Vec::new(),
                });
                kept.len() - 1
            }
        };
        f(&mut kept[at])
    })
}

/// The number of `lines` in `run`'s table of sets, and the set.
fn number_of(run: u32, lines: &[u32]) -> (Rc<[u32]>, u32) {
    with_run(run, |r| {
        if let Some((set, &n)) = r.numbers.get_key_value(lines) {
            return (Rc::clone(set), n);
        }
        let set: Rc<[u32]> = lines.into();
        let n = r.sets.len() as u32;
        r.sets.push(Rc::clone(&set));
        r.numbers.insert(Rc::clone(&set), n);
        (set, n)
    })
}

/// Where the polls of `task` (a runtime task id) in `run` keep their lines.
pub fn task(run: u32, task: u32) -> Rc<TaskLines> {
    with_run(run, |r| {
        let lines = Rc::new(TaskLines {
            run,
            polls: RefCell::default(),
            last: RefCell::new((Rc::new([]), u32::MAX)),
            kept: Rc::clone(&r.kept),
        });
        r.tasks.push((task, Rc::clone(&lines)));
        lines
    })
}

/// `task` of `run` printed a line of output at `line` of main.py.
pub fn keep_print(run: u32, task: u32, line: u32) {
    with_run(run, |r| r.prints.push((task, line)));
}

/// The line of main.py that printed `task`'s `n`-th line of output (from 1) in `run` (0: not known).
pub fn of_print(run: u32, task: u32, n: u32) -> u32 {
    KEPT.with(|k| {
        let kept = k.borrow();
        let r = kept.iter().find(|r| r.run == run);
        let mine = r.map(|r| r.prints.iter().filter(|(t, _)| *t == task));
        mine.and_then(|mut mine| mine.nth((n as usize).wrapping_sub(1))).map_or(0, |(_, line)| *line)
    })
}

/// The lines poll `n` (from 1) of `task` in `run` ran, in order (empty: not known).
pub fn of_poll(run: u32, task: u32, n: u32) -> Vec<u32> {
    KEPT.with(|k| {
        let kept = k.borrow();
        let Some(r) = kept.iter().find(|r| r.run == run) else { return Vec::new() };
        // A task has one entry: its lines are made at its first poll, and task ids are unique.
        let lines = r.tasks.iter().find(|(t, _)| *t == task).map(|(_, lines)| lines);
        let number = lines.and_then(|t| t.polls.borrow().get((n as usize).wrapping_sub(1)).copied());
        number.and_then(|i| r.sets.get(i as usize)).map_or(Vec::new(), |s| s.to_vec())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_poll_keeps_its_lines_once_each_in_order() {
        let ran = Ran::new(200);
        let t = task(1, 7);
        for line in [9, 5, 9, 130, 5, 6] {
            ran.note(line);
        }
        ran.note(10_000); // beyond the source: ignored, never a panic
        ran.end_poll(&t);
        ran.end_poll(&t); // a poll that ran no line
        ran.note(9);
        ran.end_poll(&t);
        ran.note(9);
        ran.end_poll(&t);
        assert_eq!(of_poll(1, 7, 1), [5, 6, 9, 130]);
        assert!(of_poll(1, 7, 2).is_empty());
        assert_eq!(of_poll(1, 7, 3), [9]);
        assert_eq!(of_poll(1, 7, 4), [9]);
        assert!(of_poll(1, 7, 5).is_empty() && of_poll(1, 7, 0).is_empty() && of_poll(1, 8, 1).is_empty());
        KEPT.with(|k| assert_eq!(k.borrow()[0].sets.len(), 3, "each distinct set kept once"));
    }

    #[test]
    fn a_poll_of_many_lines_keeps_them_in_order_and_the_next_starts_afresh() {
        let ran = Ran::new(300);
        let t = task(2, 7);
        let lines: Vec<u32> = (0..40).map(|i| (i * 37 + 11) % 290).collect();
        for &line in lines.iter().chain(&lines) {
            ran.note(line);
        }
        ran.end_poll(&t);
        ran.note(64);
        ran.end_poll(&t);
        let mut want = lines.clone();
        want.sort_unstable();
        want.dedup();
        assert_eq!(of_poll(2, 7, 1), want);
        assert_eq!(of_poll(2, 7, 2), [64]);
    }

    #[test]
    fn the_newest_runs_are_kept() {
        let ran = Ran::new(10);
        for run in 10..=(10 + RUNS_KEPT as u32) {
            let t = task(run, 1);
            ran.note(run - 9);
            ran.end_poll(&t);
        }
        assert!(of_poll(10, 1, 1).is_empty(), "the oldest run was let go");
        keep_print(10 + RUNS_KEPT as u32, 1, 7);
        keep_print(10 + RUNS_KEPT as u32, 1, 9);
        assert_eq!([1, 2, 3].map(|n| of_print(10 + RUNS_KEPT as u32, 1, n)), [7, 9, 0]);
        assert_eq!(of_poll(10 + RUNS_KEPT as u32, 1, 1), [RUNS_KEPT as u32 + 1]);
    }
}
