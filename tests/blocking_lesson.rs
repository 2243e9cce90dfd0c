//! The blocking lesson on the real runtime in a real browser: a CPU-bound job run in one
//! go holds the loop, in chunks it lets the heartbeat in, in a Web Worker it only waits.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{run_lesson_with, trace_of, wait_ms, Trace};
use loopscope::lessons::blocking::PrimeCount;
use loopscope::runtime::{self, Lang};
use loopscope::trace::record::{Kind, Record, WakeCause};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// 1 s of lesson time is 100 ms here: fast, with room for a loaded machine's late timers.
const SPEED: f64 = 10.0;

/// Real ms of a job of `seconds` lesson seconds at [`SPEED`].
fn span_ms(seconds: f64) -> f64 {
    seconds * 1000.0 / SPEED
}

/// Polls of `task` that start strictly between two records, by sequence number.
fn polls_between(t: &Trace, task: u32, after: &Record, before: &Record) -> usize {
    t.of(Kind::PollStart).filter(|r| r.task == task && r.seq > after.seq && r.seq < before.seq).count()
}

/// The longest time between two of the heartbeat's printed beats, in real ms.
fn longest_beat_gap(t: &Trace) -> f64 {
    let beat = t.task("heartbeat");
    let times: Vec<f64> = t.of(Kind::Print).filter(|r| r.task == beat).map(|r| r.time).collect();
    assert!(times.len() >= 3, "only {} beats", times.len());
    times.windows(2).map(|w| w[1] - w[0]).fold(0.0, f64::max)
}

/// The number after `prefix` in the printed line that starts with it.
fn printed_number(t: &Trace, prefix: &str) -> f64 {
    let line = t.lines().into_iter().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no line {prefix}…"));
    line[prefix.len()..].split_whitespace().next().unwrap().parse().unwrap()
}

#[wasm_bindgen_test]
async fn a_blocking_job_is_one_long_poll_and_the_heartbeat_stops_for_all_of_it() {
    let t = run_lesson_with("blocking", "blocking", SPEED, Lang::Tr, &[("job", "1")]).await;
    let (job, beat) = (t.task("count_primes"), t.task("heartbeat"));
    assert_eq!(t.of(Kind::PollStart).filter(|r| r.task == job).count(), 1, "the job awaited");
    let (start, end) = (t.first(Kind::PollStart, job), t.first(Kind::PollEnd, job));
    assert_eq!(end.a, 1, "the job's one poll finished it");
    assert!(end.time - start.time >= span_ms(1.0) - 0.5, "the poll took {} ms", end.time - start.time);
    assert_eq!(polls_between(&t, beat, start, end), 0, "the heartbeat ran inside the job's poll");
    // The heartbeat's timer fired during the job, but it could only beat after it.
    assert!(longest_beat_gap(&t) >= span_ms(1.0) - 0.5, "longest gap {} ms", longest_beat_gap(&t));
    assert!(printed_number(&t, "en uzun kalp atışı arası:") >= 0.95);
    assert_eq!(t.lines().last().unwrap(), "Ana program tamamlandı");
}

#[wasm_bindgen_test]
async fn a_chunked_job_lets_the_heartbeat_beat_between_its_chunks() {
    let t = run_lesson_with("blocking", "chunked", SPEED, Lang::En, &[("job", "2")]).await;
    let (job, beat) = (t.task("count_primes"), t.task("heartbeat"));
    let polls = t.of(Kind::PollStart).filter(|r| r.task == job).count();
    assert!(polls >= 3, "the job ran in {polls} polls");
    let first = t.first(Kind::PollStart, job);
    let last = t.of(Kind::PollEnd).filter(|r| r.task == job).last().unwrap();
    assert_eq!(last.a, 1);
    let beats = polls_between(&t, beat, first, last);
    assert!(beats >= 2, "the heartbeat was polled {beats} times during the job");
}

#[wasm_bindgen_test]
async fn a_job_in_a_worker_only_waits_and_finds_what_the_loop_finds() {
    let t = run_lesson_with("blocking", "worker", SPEED, Lang::En, &[("job", "1")]).await;
    let (job, beat) = (t.task("count_primes"), t.task("heartbeat"));
    let suspended = t.first(Kind::PollEnd, job);
    assert_eq!(suspended.a, 0, "the job's first poll should only post the work");
    let wait = t.first(Kind::Wait, job);
    assert_eq!(wait.a, WakeCause::External as u32);
    let woken = t.of(Kind::Wake).find(|r| r.task == job && r.seq > suspended.seq).expect("the job was woken");
    assert_eq!(woken.a, WakeCause::External as u32, "woken by the worker's message");
    assert!(
        woken.time - suspended.time >= span_ms(1.0) - 0.5,
        "the worker answered after {} ms",
        woken.time - suspended.time
    );
    let beats = polls_between(&t, beat, suspended, woken);
    assert!(beats >= 2, "the heartbeat was polled {beats} times while the worker worked");
    assert_eq!(t.of(Kind::PollStart).filter(|r| r.task == job).count(), 2);

    // The worker's answer, "Found F primes below B", checked by counting on the loop.
    let line = t.lines().into_iter().find(|l| l.starts_with("Found ")).expect("the worker answered");
    let words: Vec<&str> = line.split_whitespace().collect();
    let (found, below): (u32, u32) = (words[1].parse().unwrap(), words[4].parse().unwrap());
    assert!(below > 1000, "the worker checked only up to {below}");
    let mut count = PrimeCount::new();
    while count.below < below {
        count.check_next();
    }
    assert_eq!(count.found, found, "the worker and the loop disagree below {below}");
}

#[wasm_bindgen_test]
async fn cancelling_a_run_while_its_worker_works_leaves_nothing_behind() {
    let cursor = loopscope::trace::head();
    let run = common::start("blocking", "worker", SPEED, Lang::En);
    while trace_of(run, cursor).of(Kind::Wait).count() == 0 {
        wait_ms(1).await;
    }
    runtime::cancel_run(run);
    assert_eq!((runtime::live_tasks(), runtime::pending_timers()), (0, 0));
    let at_cancel = trace_of(run, cursor).records.len();
    wait_ms(2 * span_ms(1.0) as i32).await; // the worker would have answered by now
    assert_eq!(trace_of(run, cursor).records.len(), at_cancel, "the run recorded something after it was cancelled");
}
