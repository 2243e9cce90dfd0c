//! A model-based test of the executor: random operations (spawn, wake, yield, sleep, join,
//! abort, drop a handle, pause, step, resume, reset, drain) drive a virtual run and a plain
//! reference model side by side, and after every operation the trace's records, the join
//! results, the counts of tasks, runs and timers, pause and the run's clock must agree.
//!
//! The model is queues and a clock, no futures: it writes down the executor's rules (FIFO
//! turns, timers by deadline then arming order, asyncio's rounds in virtual time, parked
//! tasks of a paused run, stale entries of cancelled tasks, waits on the outside stopping
//! the clock) so that a change to one of them shows as a disagreement, with the seed and the
//! operations that reproduce it (`LOOPSCOPE_MODEL_SEED=<seed> cargo test --test model_runtime`).
//! Natively a counting allocator checks that a case leaves no allocation behind; under Miri
//! its leak check does. In the browser the same cases run with the page's own host.

mod rng;

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::fmt;

use rng::Rng;
use std::future::Future;
use std::io::Write as _;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use loopscope::runtime::{self, pending_timers, sleep, spawn, yield_now, JoinHandle, Lang, Mode, RunConfig, StepError};
use loopscope::trace::{self, record::Kind, record::Record, record::WakeCause};

#[cfg(target_arch = "wasm32")]
mod common;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------------------------------
// Operations and their generator.

/// One step of a task's script.
#[derive(Clone, PartialEq)]
enum Ins {
    Yield,
    Sleep(u32),
    /// Waits until the test wakes it (a signal left before it gets here is taken at once).
    Wait,
    /// The same, declared as a wait on the outside (`waiting_on(External)`), which stops the
    /// run's virtual clock until the task is woken.
    WaitOutside,
    /// Spawns a child running this script; its handle joins the test's table.
    Spawn(Vec<Ins>),
    /// Takes the table's handle of task `n` (if it is still there) and awaits it.
    Join(usize),
}

/// One operation of the test on the run.
#[derive(Clone, PartialEq)]
enum Op {
    /// The root spawns a task running this script (the test wakes the root to do it).
    Spawn(Vec<Ins>),
    /// Signals task `n` and wakes it (a spurious wake unless it waits on its signal).
    Wake(usize),
    Abort(usize),
    /// Drops the test's handle of task `n`: the task runs on, detached.
    Detach(usize),
    Pause,
    Step,
    Resume,
    /// Lets the host run the drains the runtime asked for.
    Drain,
    /// Cancels the run (the page's Reset); the next `Spawn` starts a new one.
    Reset,
    /// The root finishes at its next poll, which ends the run.
    FinishRoot,
}

impl fmt::Debug for Ins {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ins::Yield => write!(f, "Yield"),
            Ins::Sleep(ms) => write!(f, "Sleep({ms})"),
            Ins::Wait => write!(f, "Wait"),
            Ins::WaitOutside => write!(f, "WaitOutside"),
            Ins::Spawn(p) => write!(f, "Spawn(vec!{p:?})"),
            Ins::Join(n) => write!(f, "Join({n})"),
        }
    }
}

/// Printed as Rust, so a failing case pastes into a test (`use Ins::*; use Op::*;`).
impl fmt::Debug for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Op::Spawn(p) => write!(f, "Op::Spawn(vec!{p:?})"),
            Op::Wake(n) => write!(f, "Wake({n})"),
            Op::Abort(n) => write!(f, "Abort({n})"),
            Op::Detach(n) => write!(f, "Detach({n})"),
            Op::Pause => write!(f, "Pause"),
            Op::Step => write!(f, "Step"),
            Op::Resume => write!(f, "Resume"),
            Op::Drain => write!(f, "Drain"),
            Op::Reset => write!(f, "Reset"),
            Op::FinishRoot => write!(f, "FinishRoot"),
        }
    }
}

fn script(rng: &mut Rng, nested: bool) -> Vec<Ins> {
    let len = rng.below(5);
    (0..len)
        .map(|_| match rng.below(12) {
            0..=2 => Ins::Yield,
            3..=5 => Ins::Sleep([0, 0, 1, 2, 3, 5, 10][rng.below(7)]),
            6 | 7 => Ins::Wait,
            8 => Ins::WaitOutside,
            9 if !nested => Ins::Spawn(script(rng, true)),
            9 => Ins::Yield,
            _ => Ins::Join(rng.below(8)),
        })
        .collect()
}

/// A case's operations, from its seed.
fn operations(seed: u64, len: usize) -> Vec<Op> {
    let mut rng = Rng(seed);
    (0..len)
        .map(|_| match rng.below(100) {
            0..=17 => Op::Spawn(script(&mut rng, false)),
            18..=33 => Op::Wake(rng.below(8)),
            34..=38 => Op::Abort(rng.below(8)),
            39..=42 => Op::Detach(rng.below(8)),
            43..=49 => Op::Pause,
            50..=64 => Op::Step,
            65..=71 => Op::Resume,
            72..=96 => Op::Drain,
            97 | 98 => Op::Reset,
            _ => Op::FinishRoot,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The reference model.

/// Task names: a few literals.
const NAMES: [&str; 4] = ["t0", "t1", "t2", "t3"];
const ROOT: &str = "root";

#[derive(Clone, Copy, PartialEq, Debug)]
enum SleepState {
    Idle,
    Armed(u64, u64),
    Fired,
}

struct MTask {
    id: u32,
    /// Its place in the test's table (`None`: a root).
    idx: Option<usize>,
    root: bool,
    script: Vec<Ins>,
    pc: usize,
    done: bool,
    finished: bool,
    queued: bool,
    polls: u32,
    signal: bool,
    has_waker: bool,
    yielded: bool,
    sleep: SleepState,
    /// The task whose handle it took and awaits.
    joining: Option<usize>,
    waits_outside: bool,
    detached: bool,
    in_table: bool,
    awaited_by: Option<usize>,
}

/// A record as the model expects it: `time` `None` where the model does not say (ticks).
#[derive(Clone, Copy, PartialEq)]
struct Ev {
    kind: u32,
    run: u32,
    task: u32,
    a: u32,
    b: u32,
    time: Option<f64>,
}

impl fmt::Debug for Ev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = KINDS.get(self.kind as usize).copied().unwrap_or("?");
        write!(f, "{kind} run {} task {} a {} b {}", self.run, self.task, self.a, self.b)?;
        match self.time {
            Some(t) => write!(f, " @{t}"),
            None => Ok(()),
        }
    }
}

const KINDS: [&str; 17] = [
    "?",
    "RunStart",
    "RunEnd",
    "Spawn",
    "PollStart",
    "PollEnd",
    "Wake",
    "Cancel",
    "Finish",
    "Print",
    "Sleep",
    "TickStart",
    "TickEnd",
    "Wait",
    "Pause",
    "Poll",
    "Spawned",
];

struct MRun {
    root: usize,
    paused: bool,
    queue: VecDeque<usize>,
    parked: VecDeque<usize>,
    clock: u64,
    timers: BTreeMap<(u64, u64), usize>,
    armed: u64,
    ready: u32,
    round: u32,
    due: Vec<usize>,
    outside: u32,
    inbox: VecDeque<Vec<Ins>>,
    finish: bool,
}

#[derive(Default)]
struct Model {
    tasks: Vec<MTask>,
    /// Test table index to task.
    table: Vec<usize>,
    run: Option<MRun>,
    /// The last run's id, live or not (operations go to it).
    last_run: u32,
    next_task: u32,
    next_run: u32,
    /// The task being polled (its id), 0 between polls.
    current: u32,
    outside_this_poll: bool,
    expect: Vec<Ev>,
    joins: Vec<(usize, usize, Option<u64>)>,
    texts: Vec<(&'static str, u32)>,
}

fn ev(kind: Kind, run: u32, task: u32, a: u32, b: u32, time: f64) -> Ev {
    Ev { kind: kind as u32, run, task, a, b, time: Some(time) }
}

impl Model {
    fn text(&self, name: &str) -> u32 {
        self.texts.iter().find(|(n, _)| *n == name).map(|(_, id)| *id).expect("interned")
    }

    fn run(&mut self) -> &mut MRun {
        self.run.as_mut().expect("a live run")
    }

    fn clock(&self) -> f64 {
        self.run.as_ref().map_or(0.0, |r| r.clock as f64)
    }

    fn record(&mut self, kind: Kind, task: u32, a: u32, b: u32) {
        let (run, time) = (self.last_run, self.clock());
        self.expect.push(ev(kind, run, task, a, b, time));
    }

    fn live_tasks(&self) -> usize {
        self.tasks.iter().filter(|t| !t.done).count()
    }

    fn new_task(&mut self, script: Vec<Ins>, root: bool) -> usize {
        self.next_task += 1;
        let idx = (!root).then_some(self.table.len());
        let key = self.tasks.len();
        self.tasks.push(MTask {
            id: self.next_task,
            idx,
            root,
            script,
            pc: 0,
            done: false,
            finished: false,
            queued: false,
            polls: 0,
            signal: false,
            has_waker: false,
            yielded: false,
            sleep: SleepState::Idle,
            joining: None,
            waits_outside: false,
            detached: false,
            in_table: !root,
            awaited_by: None,
        });
        if !root {
            self.table.push(key);
        }
        key
    }

    fn start(&mut self) {
        self.next_run += 1;
        self.last_run = self.next_run;
        let (lesson, variant) = (self.text("model"), self.text("case"));
        self.expect.push(ev(Kind::RunStart, self.last_run, 0, lesson, variant, 0.0));
        let root = self.new_task(Vec::new(), true);
        self.run = Some(MRun {
            root,
            paused: false,
            queue: VecDeque::new(),
            parked: VecDeque::new(),
            clock: 0,
            timers: BTreeMap::new(),
            armed: 0,
            ready: 0,
            round: 0,
            due: Vec::new(),
            outside: 0,
            inbox: VecDeque::new(),
            finish: false,
        });
        let (id, name) = (self.tasks[root].id, self.text(ROOT));
        self.record(Kind::Spawn, id, 0, name);
        self.wake(root, WakeCause::External, 0);
    }

    /// `wake_slow`: records the wake, ends a wait on the outside, queues the task once.
    fn wake(&mut self, key: usize, cause: WakeCause, by: u32) {
        if self.tasks[key].done {
            return;
        }
        let id = self.tasks[key].id;
        self.record(Kind::Wake, id, cause as u32, by);
        if std::mem::replace(&mut self.tasks[key].waits_outside, false) {
            let run = self.run();
            run.outside = run.outside.saturating_sub(1);
        }
        if std::mem::replace(&mut self.tasks[key].queued, true) {
            return;
        }
        let run = self.run();
        run.ready += 1;
        if run.paused {
            run.parked.push_back(key);
        } else {
            run.queue.push_back(key);
        }
    }

    fn take_due(&mut self) -> Vec<usize> {
        let run = self.run();
        let mut due = Vec::new();
        while let Some((&(deadline, armed), &key)) = run.timers.first_key_value() {
            if deadline > run.clock {
                break;
            }
            run.timers.remove(&(deadline, armed));
            due.push(key);
        }
        due
    }

    /// A timer fires: the sleeping task is woken, unless it is gone.
    fn fire(&mut self, key: usize) {
        if self.tasks[key].done {
            return;
        }
        self.tasks[key].sleep = SleepState::Fired;
        self.wake(key, WakeCause::Timer, 0);
    }

    fn fire_next(&mut self) -> bool {
        let run = self.run();
        let Some((&(deadline, _), _)) = run.timers.first_key_value() else { return false };
        run.clock = run.clock.max(deadline);
        for key in self.take_due() {
            self.fire(key);
        }
        true
    }

    fn advance_if_idle(&mut self) {
        while self.run.as_ref().is_some_and(|r| r.ready == 0 && r.outside == 0 && !r.paused) && self.fire_next() {}
    }

    fn next_in_round(&mut self) {
        let run = self.run();
        if run.round > 0 {
            run.round -= 1;
            return;
        }
        let due = self.take_due();
        let run = self.run();
        run.due = due;
        run.round = run.ready;
    }

    fn polled_in_round(&mut self) {
        let Some(run) = self.run.as_mut() else { return };
        if run.round > 0 {
            return;
        }
        for key in std::mem::take(&mut run.due) {
            self.fire(key);
        }
    }

    /// `poll_virtual`: one task taken from the line. False if it was a stale entry.
    fn poll(&mut self, key: usize) -> bool {
        self.tasks[key].queued = false;
        let run = self.run();
        run.ready = run.ready.saturating_sub(1);
        self.next_in_round();
        if self.tasks[key].done {
            self.polled_in_round();
            self.advance_if_idle();
            return false;
        }
        self.tasks[key].polls += 1;
        let (id, n) = (self.tasks[key].id, self.tasks[key].polls);
        self.record(Kind::PollStart, id, n, 0);
        self.current = id;
        self.outside_this_poll = false;
        let ready = self.run_script(key);
        self.current = 0;
        self.record(Kind::PollEnd, id, ready as u32, 1);
        let t = &self.tasks[key];
        if !ready && self.outside_this_poll && !t.queued && !t.done {
            self.tasks[key].waits_outside = true;
            self.run().outside += 1;
        }
        if ready {
            self.finish(key);
        }
        if self.run.is_some() {
            self.polled_in_round();
            self.advance_if_idle();
        }
        true
    }

    /// A task's future returned: it leaves, and a root's end ends its run.
    fn finish(&mut self, key: usize) {
        let t = &mut self.tasks[key];
        t.done = true;
        t.finished = true;
        let (id, root) = (t.id, t.root);
        self.record(Kind::Finish, id, 0, 0);
        if root {
            self.end_run(1);
        }
    }

    fn spawn(&mut self, script: Vec<Ins>, parent: u32) {
        let key = self.new_task(script, false);
        let idx = self.tasks[key].idx.expect("not a root");
        let (id, name) = (self.tasks[key].id, self.text(NAMES[idx % NAMES.len()]));
        self.record(Kind::Spawn, id, parent, name);
        self.wake(key, WakeCause::Task, parent);
    }

    /// Runs a task's script from where it stopped; true if it finished.
    fn run_script(&mut self, key: usize) -> bool {
        let id = self.tasks[key].id;
        if self.tasks[key].root {
            self.tasks[key].has_waker = true;
            while let Some(script) = self.run().inbox.pop_front() {
                self.spawn(script, id);
            }
            return self.run().finish;
        }
        loop {
            let t = &mut self.tasks[key];
            let Some(ins) = t.script.get(t.pc).cloned() else { break };
            match ins {
                Ins::Yield => {
                    t.has_waker = true;
                    if !std::mem::replace(&mut t.yielded, true) {
                        self.wake(key, WakeCause::SelfWake, id);
                        return false;
                    }
                    t.yielded = false;
                }
                Ins::Sleep(ms) => {
                    t.has_waker = true;
                    match t.sleep {
                        SleepState::Idle => {
                            self.record(Kind::Sleep, id, ms, 0);
                            let run = self.run();
                            run.armed += 1;
                            let at = (run.clock + u64::from(ms), run.armed);
                            run.timers.insert(at, key);
                            self.tasks[key].sleep = SleepState::Armed(at.0, at.1);
                            return false;
                        }
                        SleepState::Armed(..) => return false,
                        SleepState::Fired => t.sleep = SleepState::Idle,
                    }
                }
                Ins::Wait | Ins::WaitOutside => {
                    t.has_waker = true;
                    if !std::mem::replace(&mut t.signal, false) {
                        if ins == Ins::WaitOutside {
                            self.record(Kind::Wait, id, WakeCause::External as u32, 0);
                            self.outside_this_poll = true;
                        }
                        return false;
                    }
                }
                Ins::Spawn(script) => self.spawn(script, id),
                Ins::Join(n) => {
                    let target = match t.joining {
                        Some(target) => target,
                        None => match self.table.get(n).copied().filter(|&k| self.tasks[k].in_table) {
                            Some(target) => {
                                self.tasks[target].in_table = false;
                                self.tasks[key].joining = Some(target);
                                target
                            }
                            None => {
                                self.tasks[key].pc += 1;
                                continue;
                            }
                        },
                    };
                    self.tasks[key].has_waker = true;
                    let tt = &self.tasks[target];
                    if !tt.done {
                        let target_id = tt.id;
                        self.record(Kind::Wait, id, WakeCause::Task as u32, target_id);
                        self.tasks[target].awaited_by = Some(key);
                        return false;
                    }
                    let output = tt.finished.then_some(n as u64);
                    self.joins.push((self.tasks[key].idx.expect("not a root"), n, output));
                    self.drop_handle(target);
                    self.tasks[key].joining = None;
                }
            }
            self.tasks[key].pc += 1;
        }
        // The body keeps the output for a handle, waking whoever awaits it.
        if !self.tasks[key].detached {
            if let Some(joiner) = self.tasks[key].awaited_by.take() {
                self.wake(joiner, WakeCause::Task, id);
            }
        }
        true
    }

    fn drop_handle(&mut self, key: usize) {
        let t = &mut self.tasks[key];
        t.detached = true;
        t.awaited_by = None;
    }

    /// What dropping a live task's future does: its timer goes, the handle it awaits is
    /// dropped, and whoever awaits its own handle is woken (from here, outside any poll).
    fn drop_future(&mut self, key: usize) {
        if let SleepState::Armed(deadline, armed) = self.tasks[key].sleep {
            if let Some(run) = self.run.as_mut() {
                run.timers.remove(&(deadline, armed));
            }
        }
        if let Some(target) = self.tasks[key].joining.take() {
            self.drop_handle(target);
        }
        if let Some(joiner) = self.tasks[key].awaited_by.take() {
            if self.run.is_some() {
                self.wake(joiner, WakeCause::External, 0);
            }
        }
    }

    /// `cancel_task` from outside any poll (a handle's `abort`).
    fn abort(&mut self, key: usize) {
        if self.tasks[key].done {
            return;
        }
        self.tasks[key].done = true;
        if std::mem::replace(&mut self.tasks[key].waits_outside, false) {
            let run = self.run();
            run.outside = run.outside.saturating_sub(1);
        }
        let id = self.tasks[key].id;
        self.record(Kind::Cancel, id, self.current, 0);
        self.drop_future(key);
    }

    /// `end_run`: cancels what is left, in id order, then the run's end.
    fn end_run(&mut self, code: u32) {
        if self.run.is_none() {
            return;
        }
        let mut left: Vec<usize> = (0..self.tasks.len()).filter(|&k| !self.tasks[k].done).collect();
        left.sort_by_key(|&k| self.tasks[k].id);
        for &k in &left {
            let t = &mut self.tasks[k];
            t.done = true;
            t.queued = false;
            let tid = t.id;
            self.record(Kind::Cancel, tid, 0, 0);
        }
        for &k in &left {
            if let Some(target) = self.tasks[k].joining.take() {
                self.drop_handle(target);
            }
            self.tasks[k].awaited_by = None;
        }
        self.record(Kind::RunEnd, 0, code, 0);
        self.run = None;
    }

    fn pause(&mut self) -> bool {
        let Some(run) = self.run.as_mut() else { return false };
        if std::mem::replace(&mut run.paused, true) {
            return true;
        }
        let queue = std::mem::take(&mut run.queue);
        run.parked.extend(queue);
        self.record(Kind::Pause, 0, 1, 0);
        true
    }

    fn resume(&mut self) -> bool {
        let Some(run) = self.run.as_mut() else { return false };
        if !std::mem::replace(&mut run.paused, false) {
            return true;
        }
        self.record(Kind::Pause, 0, 0, 0);
        let run = self.run();
        let parked = std::mem::take(&mut run.parked);
        run.queue.extend(parked);
        self.advance_if_idle();
        true
    }

    fn tick(&mut self, ready: usize) {
        self.expect.push(Ev { kind: Kind::TickStart as u32, run: 0, task: 0, a: 0, b: ready as u32, time: None });
    }

    fn tick_end(&mut self, polls: u32) {
        self.expect.push(Ev { kind: Kind::TickEnd as u32, run: 0, task: 0, a: polls, b: 0, time: None });
    }

    fn step(&mut self) -> Result<u32, StepError> {
        let Some(run) = self.run.as_mut() else { return Err(StepError::NotLive) };
        if !run.paused {
            return Err(StepError::NotPaused);
        }
        let key = loop {
            let (next, outside) = (self.run().parked.pop_front(), self.run().outside);
            match next {
                Some(key) if self.tasks[key].done => {
                    self.tasks[key].queued = false;
                    let run = self.run();
                    run.ready = run.ready.saturating_sub(1);
                    self.next_in_round();
                    self.polled_in_round();
                }
                Some(key) => break key,
                None if outside == 0 && self.fire_next() => {}
                None => return Ok(0),
            }
        };
        let ready = self.run().parked.len() + 1;
        self.tick(ready);
        self.poll(key);
        self.tick_end(1);
        Ok(self.tasks[key].id)
    }

    /// A drain: one tick that polls until the run queue is empty (natively the real clock
    /// stands still, so no time slice runs out).
    fn drain(&mut self) {
        let Some(run) = self.run.as_ref() else { return };
        if run.queue.is_empty() {
            return;
        }
        self.tick(run.queue.len());
        let mut polls = 0;
        while let Some(key) = self.run.as_mut().and_then(|r| r.queue.pop_front()) {
            if self.poll(key) {
                polls += 1;
            }
        }
        self.tick_end(polls);
    }

    fn timers(&self) -> usize {
        self.run.as_ref().map_or(0, |r| r.timers.len())
    }

    fn apply(&mut self, op: &Op) -> Option<Result<u32, StepError>> {
        match op {
            Op::Spawn(script) => {
                self.run().inbox.push_back(script.clone());
                self.wake_root();
            }
            Op::FinishRoot => {
                self.run().finish = true;
                self.wake_root();
            }
            Op::Wake(n) => {
                if let Some(&key) = self.table.get(*n) {
                    self.tasks[key].signal = true;
                    if self.tasks[key].has_waker && self.run.is_some() {
                        self.wake(key, WakeCause::External, 0);
                    }
                }
            }
            Op::Abort(n) => {
                if let Some(&key) = self.table.get(*n).filter(|&&k| self.tasks[k].in_table) {
                    self.abort(key);
                }
            }
            Op::Detach(n) => {
                if let Some(&key) = self.table.get(*n).filter(|&&k| self.tasks[k].in_table) {
                    self.tasks[key].in_table = false;
                    self.drop_handle(key);
                }
            }
            Op::Pause => return Some(Ok(self.pause() as u32)),
            Op::Resume => return Some(Ok(self.resume() as u32)),
            Op::Step => return Some(self.step()),
            Op::Drain => self.drain(),
            Op::Reset => self.end_run(2),
        }
        None
    }

    fn wake_root(&mut self) {
        let root = self.run().root;
        if self.tasks[root].has_waker {
            self.wake(root, WakeCause::External, 0);
        }
    }
}

// ---------------------------------------------------------------------------------------
// The real thing: the tasks' futures and the test's side of them.

/// What a task shares with the test: the waker of its latest poll and its signal.
#[derive(Default)]
struct Slot {
    waker: RefCell<Option<Waker>>,
    signal: Cell<bool>,
}

impl Slot {
    fn wake(&self) {
        self.signal.set(true);
        let waker = self.waker.borrow().clone();
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

/// The root of the current run: spawns what the test asks for, finishes when told.
#[derive(Default)]
struct Root {
    slot: Slot,
    inbox: RefCell<VecDeque<Vec<Ins>>>,
    finish: Cell<bool>,
}

#[derive(Default)]
struct World {
    handles: RefCell<Vec<Option<JoinHandle<u64>>>>,
    slots: RefCell<Vec<Rc<Slot>>>,
    joins: RefCell<Vec<(usize, usize, Option<u64>)>>,
    root: RefCell<Rc<Root>>,
}

/// Keeps the waker of every poll of `inner` in the task's slot, so the test can wake it.
struct Track<'a, F> {
    slot: &'a Slot,
    inner: F,
}

impl<F: Future + Unpin> Future for Track<'_, F> {
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        *self.slot.waker.borrow_mut() = Some(cx.waker().clone());
        Pin::new(&mut self.inner).poll(cx)
    }
}

/// A wait for the task's signal.
struct Gate<'a> {
    slot: &'a Slot,
    outside: bool,
}

impl Future for Gate<'_> {
    type Output = ();
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.slot.signal.replace(false) {
            return Poll::Ready(());
        }
        if self.outside {
            runtime::waiting_on(WakeCause::External, 0);
        }
        Poll::Pending
    }
}

fn spawn_task(world: &Rc<World>, script: Vec<Ins>) {
    let idx = world.handles.borrow().len();
    let slot = Rc::new(Slot::default());
    world.slots.borrow_mut().push(Rc::clone(&slot));
    let handle = spawn(NAMES[idx % NAMES.len()], task_body(Rc::clone(world), slot, idx, script));
    world.handles.borrow_mut().push(Some(handle));
}

async fn task_body(world: Rc<World>, slot: Rc<Slot>, idx: usize, script: Vec<Ins>) -> u64 {
    for ins in script {
        match ins {
            Ins::Yield => Track { slot: &slot, inner: yield_now() }.await,
            Ins::Sleep(ms) => Track { slot: &slot, inner: sleep(Duration::from_millis(ms.into())) }.await,
            Ins::Wait => Track { slot: &slot, inner: Gate { slot: &slot, outside: false } }.await,
            Ins::WaitOutside => Track { slot: &slot, inner: Gate { slot: &slot, outside: true } }.await,
            Ins::Spawn(child) => spawn_task(&world, child),
            Ins::Join(n) => {
                let handle = world.handles.borrow_mut().get_mut(n).and_then(Option::take);
                if let Some(handle) = handle {
                    let output = Track { slot: &slot, inner: handle }.await;
                    world.joins.borrow_mut().push((idx, n, output.ok()));
                }
            }
        }
    }
    idx as u64
}

fn root_body(world: Rc<World>, root: Rc<Root>) -> impl Future<Output = ()> {
    std::future::poll_fn(move |cx| {
        *root.slot.waker.borrow_mut() = Some(cx.waker().clone());
        loop {
            let next = root.inbox.borrow_mut().pop_front();
            match next {
                Some(script) => spawn_task(&world, script),
                None => break,
            }
        }
        if root.finish.get() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
}

fn config() -> RunConfig {
    RunConfig { lesson: "model".into(), variant: "case".into(), speed: 1.0, lang: Lang::En, mode: Mode::Virtual }
}

// ---------------------------------------------------------------------------------------
// Driving both and comparing.

struct Case {
    seed: u64,
    /// Records compared, by kind; wakes by cause (at 16 + cause).
    seen: [usize; 24],
    model: Model,
    world: Rc<World>,
    run: u32,
    cursor: u64,
    done: Vec<Op>,
    last_tick: Option<u32>,
}

impl Case {
    fn new(seed: u64) -> Case {
        let (world, cursor) = (Rc::default(), trace::head());
        Case { seed, seen: [0; 24], model: Model::default(), world, run: 0, cursor, done: Vec::new(), last_tick: None }
    }

    fn start(&mut self) {
        let root = Rc::new(Root::default());
        *self.world.root.borrow_mut() = Rc::clone(&root);
        self.run = runtime::start_run(config(), ROOT, root_body(Rc::clone(&self.world), root));
        // Text ids: a run that starts with none live may find the table emptied, so they are
        // looked up once it is live (the same ids the runtime gives while it is).
        self.model.texts =
            NAMES.iter().chain(&[ROOT, "model", "case"]).map(|name| (*name, trace::text(name))).collect();
        if self.model.next_task == 0 {
            // Ids are the thread's: the first run of a case gives the model its starting point.
            let (records, _) = trace::since(self.cursor);
            let spawn = records.iter().find(|r| r.kind == Kind::Spawn as u32).expect("the root's spawn");
            self.model.next_run = self.run - 1;
            self.model.next_task = spawn.task - 1;
        }
        self.model.start();
    }

    /// Everything the test does before a drain, the same natively and in the browser.
    fn apply(&mut self, op: &Op) {
        self.done.push(op.clone());
        if matches!(op, Op::Spawn(_) | Op::FinishRoot) && self.model.run.is_none() {
            self.start();
        }
        let expected = self.model.apply(op);
        let got = match op {
            Op::Spawn(script) => {
                let root = Rc::clone(&self.world.root.borrow());
                root.inbox.borrow_mut().push_back(script.clone());
                root.slot.wake();
                None
            }
            Op::FinishRoot => {
                let root = Rc::clone(&self.world.root.borrow());
                root.finish.set(true);
                root.slot.wake();
                None
            }
            Op::Wake(n) => {
                let slot = self.world.slots.borrow().get(*n).cloned();
                if let Some(slot) = slot {
                    slot.wake();
                }
                None
            }
            Op::Abort(n) => {
                // Taken out while it aborts: the abort may drop futures that use the table.
                let handle = self.world.handles.borrow_mut().get_mut(*n).and_then(Option::take);
                if let Some(handle) = handle {
                    handle.abort();
                    self.world.handles.borrow_mut()[*n] = Some(handle);
                }
                None
            }
            Op::Detach(n) => {
                let handle = self.world.handles.borrow_mut().get_mut(*n).and_then(Option::take);
                drop(handle);
                None
            }
            Op::Pause => Some(Ok(runtime::pause_run(self.run) as u32)),
            Op::Resume => Some(Ok(runtime::resume_run(self.run) as u32)),
            Op::Step => Some(runtime::step_run(self.run)),
            Op::Drain => None, // the caller's host drains
            Op::Reset => {
                runtime::cancel_run(self.run);
                None
            }
        };
        if got != expected {
            self.fail(&format!("{op:?} returned {got:?}, the model says {expected:?}"));
        }
    }

    /// Compares the records since the last check, the joins and the counts.
    fn check(&mut self, ticks: bool) {
        let (records, lost) = trace::since(self.cursor);
        self.cursor = trace::head();
        if lost != 0 {
            self.fail(&format!("the trace's ring lost {lost} records: fewer operations per check"));
        }
        let mut got = Vec::new();
        for r in &records {
            if r.run == 0 && !ticks {
                continue;
            }
            if r.kind == Kind::TickStart as u32 {
                if let Some(last) = self.last_tick {
                    if r.a != last + 1 {
                        self.fail(&format!("tick {} after tick {last}", r.a));
                    }
                }
                self.last_tick = Some(r.a);
            }
            got.push(observed(r));
            self.seen[(r.kind as usize).min(15)] += 1;
            if r.kind == Kind::Wake as u32 {
                self.seen[(16 + r.a as usize).min(23)] += 1;
            }
        }
        let mut expect = std::mem::take(&mut self.model.expect);
        if !ticks {
            expect.retain(|e| e.run != 0);
        }
        let agree = |g: &Ev, e: &Ev| Ev { time: e.time.and(g.time), ..*g } == *e;
        if got.len() != expect.len() || !got.iter().zip(&expect).all(|(g, e)| agree(g, e)) {
            let at = got.iter().zip(&expect).position(|(g, e)| !agree(g, e)).unwrap_or(got.len().min(expect.len()));
            self.fail(&format!(
                "records differ from #{at}\n  runtime: {:#?}\n  model:   {:#?}",
                &got[at.saturating_sub(3)..],
                &expect[at.saturating_sub(3)..]
            ));
        }
        let joins = self.world.joins.borrow().clone();
        if joins != self.model.joins {
            self.fail(&format!("joins: runtime {joins:?}, model {:?}", self.model.joins));
        }
        let live = self.model.run.is_some();
        let counts = (runtime::live_runs(), runtime::live_tasks(), pending_timers() as usize);
        let model_counts = (live as usize, self.model.live_tasks(), self.model.timers());
        if counts != model_counts {
            self.fail(&format!("(runs, tasks, timers): runtime {counts:?}, model {model_counts:?}"));
        }
        if live {
            let run = self.model.run.as_ref().expect("live");
            let state = (runtime::is_paused(self.run), runtime::run_now(self.run));
            let model_state = (run.paused, Some(run.clock as f64));
            if state != model_state {
                self.fail(&format!("(paused, clock): runtime {state:?}, model {model_state:?}"));
            }
        }
    }

    /// Cancels what is left; afterwards nothing may remain. Returns what was compared.
    fn finish(mut self, ticks: bool) -> [usize; 24] {
        if self.model.run.is_some() {
            self.apply(&Op::Reset);
        }
        self.check(ticks);
        let world = std::mem::take(&mut self.world);
        drop(world);
        let left = (runtime::live_runs(), runtime::live_tasks(), pending_timers());
        if left != (0, 0, 0) {
            self.fail(&format!("(runs, tasks, timers) left: {left:?}"));
        }
        let mut seen = self.seen;
        seen[0] = self.model.joins.len();
        seen
    }

    #[track_caller]
    fn fail(&self, what: &str) -> ! {
        let report = format!(
            "model test failed: {what}\nseed {seed} (LOOPSCOPE_MODEL_SEED={seed}), after {n} operations:\nvec!{ops:?}",
            seed = self.seed,
            n = self.done.len(),
            ops = self.done
        );
        // Written to stderr at once too (not captured): the report survives a panic hook that
        // fails, as the backtrace printer can when RUST_BACKTRACE is set.
        let _ = writeln!(std::io::stderr(), "{report}");
        panic!("{report}");
    }
}

fn observed(r: &Record) -> Ev {
    let tick = r.run == 0;
    Ev {
        kind: r.kind,
        run: r.run,
        task: r.task,
        a: if r.kind == Kind::TickStart as u32 { 0 } else { r.a },
        b: r.b,
        time: (!tick).then_some(r.time),
    }
}

// ---------------------------------------------------------------------------------------
// Natively (and under Miri).

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::*;

    use std::alloc::{GlobalAlloc, Layout, System};

    /// Counts this thread's live allocations: a case must give back all it took.
    struct Counting;

    thread_local! {
        static LIVE: Cell<isize> = const { Cell::new(0) };
    }

    fn bump(by: isize) {
        // `try_with`: the thread's locals may be gone while it exits.
        let _ = LIVE.try_with(|live| live.set(live.get() + by));
    }

    // SAFETY: every call goes to `System` unchanged; the count is a const thread-local with
    // no destructor, whose access allocates nothing.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: the caller's contract, passed on.
            let p = unsafe { System.alloc(layout) };
            if !p.is_null() {
                bump(1);
            }
            p
        }
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            // SAFETY: the caller's contract, passed on.
            let p = unsafe { System.alloc_zeroed(layout) };
            if !p.is_null() {
                bump(1);
            }
            p
        }
        unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
            // SAFETY: the caller's contract, passed on.
            unsafe { System.dealloc(p, layout) };
            bump(-1);
        }
        unsafe fn realloc(&self, p: *mut u8, layout: Layout, size: usize) -> *mut u8 {
            // SAFETY: the caller's contract, passed on.
            unsafe { System.realloc(p, layout, size) }
        }
    }

    #[global_allocator]
    static COUNTING: Counting = Counting;

    fn live_allocations() -> isize {
        LIVE.with(Cell::get)
    }

    pub fn run_case(seed: u64, ops: &[Op]) -> [usize; 24] {
        let mut case = Case::new(seed);
        case.start();
        case.check(true);
        for op in ops {
            case.apply(op);
            if *op == Op::Drain {
                runtime::run_until_idle();
            }
            case.check(true);
        }
        let seen = case.finish(true);
        // A run that ends with nothing in line: the run queue's buffer, which a cancel may
        // leave allocated or not, is then always let go, and a case's allocations add up to 0.
        runtime::start_run(config(), ROOT, async {});
        runtime::run_until_idle();
        seen
    }

    /// The seeds to run: the one in `LOOPSCOPE_MODEL_SEED`, or `cases` from a fixed start.
    fn seeds(cases: u64) -> Vec<u64> {
        match std::env::var("LOOPSCOPE_MODEL_SEED") {
            Ok(seed) => vec![seed.trim().parse().expect("LOOPSCOPE_MODEL_SEED is a number")],
            Err(_) => (0..cases).map(|i| 0x10_0000 + i).collect(),
        }
    }

    /// Found by the model: every record a virtual run writes outside its polls (a wake from
    /// the page, a pause, a reset's cancels) carries the run's clock, as the trace's layout
    /// promises; an abort's Cancel from outside a poll used to read the real clock.
    #[test]
    fn an_abort_from_outside_a_poll_is_stamped_on_the_runs_clock() {
        let handle = Rc::new(RefCell::new(None));
        let h = Rc::clone(&handle);
        let run = runtime::start_run(config(), ROOT, async move {
            let task = spawn("t0", async {
                sleep(Duration::from_millis(5)).await;
                std::future::pending::<()>().await
            });
            *h.borrow_mut() = Some(task);
            std::future::pending::<()>().await
        });
        runtime::run_until_idle();
        assert_eq!(runtime::run_now(run), Some(5.0), "the sleep ended: the run's clock reads 5 ms");
        let cursor = trace::head();
        handle.borrow().as_ref().expect("spawned").abort();
        let (records, _) = trace::since(cursor);
        let cancel = records.iter().find(|r| r.kind == Kind::Cancel as u32).map(|r| r.time);
        runtime::cancel_run(run);
        runtime::run_until_idle();
        drop(handle.take());
        assert_eq!(cancel, Some(5.0), "the Cancel of a virtual run's task, stamped on the run's clock");
    }

    #[test]
    fn the_executor_agrees_with_the_model() {
        // Miri interprets every step: a few short cases there, hundreds natively.
        let (cases, len) = if cfg!(miri) { (10, 40) } else { (2000, 80) };
        let (mut ops_run, mut leaked, mut seen) = (0, Vec::new(), [0; 24]);
        for (i, seed) in seeds(cases).into_iter().enumerate() {
            let ops = operations(seed, len);
            let before = live_allocations();
            let case_seen = run_case(seed, &ops);
            let after = live_allocations();
            seen.iter_mut().zip(case_seen).for_each(|(s, c)| *s += c);
            // The runtime's tables take their first allocations in the first case and keep them.
            if i > 0 && after != before {
                leaked.push((seed, after - before));
            }
            ops_run += ops.len();
        }
        assert!(leaked.is_empty(), "cases that left allocations behind (seed, allocations): {leaked:?}");
        assert!(ops_run >= len, "ran {ops_run} operations");
        let by_kind: Vec<String> =
            KINDS.iter().enumerate().skip(1).take(14).map(|(k, name)| format!("{name} {}", seen[k])).collect();
        println!("{cases} cases, {ops_run} operations, joins {}; records: {}", seen[0], by_kind.join(", "));
        println!("wakes by cause (timer, task, channel, self, io, external): {:?}", &seen[17..23]);
    }
}

// ---------------------------------------------------------------------------------------
// In the browser: the page's host drains on microtasks, whenever the test awaits.

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// Waits until the run's records the model expects are written (the drains the runtime
    /// asked for ran), then gives a few more turns for any it did not expect.
    async fn drained(case: &Case) {
        let want = case.model.expect.iter().filter(|e| e.run != 0).count();
        let run_records = || trace::since(case.cursor).0.iter().filter(|r| r.run != 0).count();
        common::wait_until(|| run_records() >= want, 2_000).await;
        common::wait_ms(0).await;
    }

    async fn run_case(seed: u64, ops: &[Op]) {
        let mut case = Case::new(seed);
        case.start();
        case.check(false);
        for op in ops {
            case.apply(op);
            if *op == Op::Drain {
                drained(&case).await;
            }
            case.check(false);
        }
        case.finish(false);
        common::wait_ms(0).await;
    }

    #[wasm_bindgen_test]
    async fn the_executor_agrees_with_the_model_in_the_browser() {
        for i in 0..40 {
            let seed = 0x10_0000 + i;
            run_case(seed, &operations(seed, 40)).await;
        }
    }
}
