//! The stress lesson: every worker naps its seeded naps until they fill the run time, is
//! polled rounds × (yields + 1) + 1 times, and the run ends only when all of them have.
#![cfg(target_arch = "wasm32")]

mod common;

use std::collections::HashMap;
use std::time::Duration;

use common::{run_lesson_in, Trace};
use loopscope::lessons::stress::Load;
use loopscope::runtime::{Lang, Mode};
use loopscope::trace::record::{Kind, WakeCause};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// 1 s of lesson time is 20 ms here.
const SPEED: f64 = 50.0;

/// What one worker did, read from the trace.
#[derive(Default, Debug)]
struct Worker {
    polls: u64,
    naps_ms: Vec<u32>,
    timer_wakes: u64,
    self_wakes: u64,
    finished: bool,
}

/// Every worker of the run by its index (`worker_<i>`), from one pass over the trace.
fn workers(t: &Trace) -> HashMap<u32, Worker> {
    let mut index = HashMap::new(); // task id → worker index
    for spawn in t.of(Kind::Spawn) {
        let name = loopscope::trace::text_of(spawn.b).unwrap();
        if let Some(i) = name.strip_prefix("worker_") {
            index.insert(spawn.task, i.parse::<u32>().unwrap());
        }
    }
    let mut workers: HashMap<u32, Worker> = index.values().map(|&i| (i, Worker::default())).collect();
    for r in &t.records {
        let Some(w) = index.get(&r.task).and_then(|i| workers.get_mut(i)) else { continue };
        match r.kind {
            k if k == Kind::PollStart as u32 => w.polls += 1,
            k if k == Kind::Sleep as u32 => w.naps_ms.push(r.a),
            k if k == Kind::Wake as u32 && r.a == WakeCause::Timer as u32 => w.timer_wakes += 1,
            k if k == Kind::Wake as u32 && r.a == WakeCause::SelfWake as u32 => w.self_wakes += 1,
            k if k == Kind::Finish as u32 => w.finished = true,
            _ => {}
        }
    }
    workers
}

/// The naps worker `i` should take: its seeded naps until they add up to the run time.
fn planned_naps(load: &Load, i: u32) -> Vec<u32> {
    let mut dice = load.dice(i);
    let (mut slept, mut naps) = (Duration::ZERO, Vec::new());
    while slept < load.run_time {
        let nap = load.nap(&mut dice);
        slept += nap;
        naps.push(nap.as_millis() as u32);
    }
    naps
}

/// Runs the lesson in `mode` with these parameters and checks every worker against its plan;
/// returns the trace and the total rounds.
async fn run_and_check_in(mode: Mode, tasks: u32, load: Load) -> (Trace, u64) {
    let params = [
        ("tasks", tasks.to_string()),
        ("seconds", load.run_time.as_secs_f64().to_string()),
        ("sleep", load.longest_nap_ms.to_string()),
        ("yields", load.yields.to_string()),
        ("seed", load.seed.to_string()),
    ];
    let params: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let t = run_lesson_in(mode, "stress", "gather", SPEED, Lang::En, &params).await;
    let workers = workers(&t);
    assert_eq!(workers.len(), tasks as usize, "one worker task per `tasks`");
    let mut rounds = 0;
    for i in 0..tasks {
        let w = &workers[&i];
        let naps = planned_naps(&load, i);
        let n = naps.len() as u64;
        assert!(w.finished, "worker_{i} did not finish");
        assert_eq!(w.naps_ms, naps, "worker_{i} napped other than its seed says");
        assert_eq!(w.polls, n * u64::from(load.yields + 1) + 1, "worker_{i}: polls ≠ rounds × (yields + 1) + 1");
        assert_eq!(w.timer_wakes, n, "worker_{i}: one timer wake per nap");
        assert_eq!(w.self_wakes, n * u64::from(load.yields), "worker_{i}: one self wake per yield");
        rounds += n;
    }
    assert_eq!(t.of(Kind::Cancel).count(), 0, "no worker was left for the run's end to cancel");
    (t, rounds)
}

async fn run_and_check(tasks: u32, load: Load) -> (Trace, u64) {
    run_and_check_in(Mode::Real, tasks, load).await
}

#[wasm_bindgen_test]
async fn every_worker_naps_its_seeded_naps_and_is_polled_rounds_times_yields_plus_one_plus_one() {
    let load = Load { run_time: Duration::from_millis(500), longest_nap_ms: 50, yields: 2, seed: 7 };
    let (t, rounds) = run_and_check(20, load).await;
    let polls = rounds * 3 + 20;
    let done = format!("20 tasks done: {rounds} rounds, {polls} steps");
    assert_eq!(t.lines(), ["20 tasks starting, each for 0.5 s".to_string(), done]);
    // The root gathers them all: it ends after the last worker.
    let root_done = t.first(Kind::Finish, t.task("stress")).seq;
    assert!(t.of(Kind::Finish).all(|f| f.seq <= root_done));
}

#[wasm_bindgen_test]
async fn without_yields_a_worker_is_polled_once_per_nap_plus_its_last_poll() {
    let load = Load { run_time: Duration::from_millis(300), longest_nap_ms: 30, yields: 0, seed: 1 };
    run_and_check(10, load).await;
}

#[wasm_bindgen_test]
async fn a_thousand_workers_all_run_to_their_end_on_one_loop() {
    let load = Load { run_time: Duration::from_millis(100), longest_nap_ms: 100, yields: 1, seed: 3 };
    let (t, _) = run_and_check(1000, load).await;
    // Every worker was created before the first of them napped its first nap out.
    let last_spawn = t.of(Kind::Spawn).map(|r| r.seq).max().unwrap();
    let first_timer = t.of(Kind::Wake).find(|w| w.a == WakeCause::Timer as u32).unwrap().seq;
    assert!(last_spawn < first_timer);
}

#[wasm_bindgen_test]
async fn in_virtual_time_every_worker_keeps_its_plan_and_the_run_lasts_as_long_as_its_longest_naps() {
    let load = Load { run_time: Duration::from_secs(3), longest_nap_ms: 400, yields: 2, seed: 11 };
    let (t, _) = run_and_check_in(Mode::Virtual, 50, load).await;
    let longest: u32 = (0..50).map(|i| planned_naps(&load, i).iter().sum::<u32>()).max().unwrap();
    // The virtual clock jumps from timer to timer; only the polls' real CPU time is added.
    let elapsed = t.elapsed();
    assert!(elapsed >= f64::from(longest), "{elapsed} ms < the longest worker's {longest} ms of naps");
    assert!(elapsed < f64::from(longest) + 500.0, "{elapsed} ms is far more than {longest} ms of naps");
}
