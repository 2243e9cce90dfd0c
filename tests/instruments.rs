//! The instruments, in a real browser: pausing, stepping and resuming one run while others go
//! on, and virtual time. Checked on the trace's structure (order, kinds, counts), never on
//! exact milliseconds.
#![cfg(target_arch = "wasm32")]

mod common;

use std::time::Duration;

use common::{config_in, records_since, run_lesson, run_lesson_in, start_in, trace_of, wait_ms, wait_until, Trace};
use futures::future::join_all;
use loopscope::api;
use loopscope::runtime::clock;
use loopscope::runtime::{self, print, sleep, spawn, timeout, yield_now, Lang, Mode, Outcome, StepError};
use loopscope::trace::{self, record::Kind, record::Record, record::WakeCause, record::RUN_CANCELLED};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A lesson to run: (lesson, variant, parameters as the page gives them).
type LessonRun = (&'static str, &'static str, &'static [(&'static str, &'static str)]);

/// Lessons with seconds of sleeps, for virtual time.
const SLEEPY: [LessonRun; 3] = [
    ("gather", "gather", &[]),
    ("websocket", "reconnect", &[("run_time", "6")]),
    ("doctor", "async", &[("exam", "0.01")]),
];

fn is_timer_wake(r: &Record, task: u32) -> bool {
    r.kind == Kind::Wake as u32 && r.task == task && r.a == WakeCause::Timer as u32
}

fn nothing_left_behind() -> (usize, usize, u32) {
    (runtime::live_tasks(), runtime::live_runs(), runtime::pending_timers())
}

/// A run whose root, `main`, awaits `sleeper`, which sleeps `ms` of lesson time and prints.
fn start_sleeper(mode: Mode, ms: u64) -> u32 {
    runtime::start_run(config_in(mode, "instruments", "sleeper", 1.0, Lang::En), "main", async move {
        let sleeper = spawn("sleeper", async move {
            sleep(Duration::from_millis(ms)).await;
            print("uyandı", "woke");
        });
        let _ = sleeper.await;
    })
}

/// A run whose root, `main`, gathers three workers that each yield twice.
fn start_workers() -> u32 {
    runtime::start_run(config_in(Mode::Real, "instruments", "workers", 1.0, Lang::En), "main", async {
        let workers: Vec<_> = (1..=3)
            .map(|i| {
                spawn(format!("worker_{i}"), async {
                    for _ in 0..2 {
                        yield_now().await;
                    }
                })
            })
            .collect();
        join_all(workers).await;
    })
}

/// Takes one step of a paused run and checks it was a tick of exactly one poll, of the
/// task it returned, after which the run is still paused. Returns that task.
fn step(run: u32) -> u32 {
    let cursor = trace::head();
    let polled = runtime::step_run(run).expect("a paused run steps");
    assert_ne!(polled, 0, "the step found no ready task");
    let records = records_since(cursor);
    let ticks: Vec<&Record> =
        records.iter().filter(|r| r.kind == Kind::TickStart as u32 || r.kind == Kind::TickEnd as u32).collect();
    assert_eq!(ticks.iter().map(|r| r.kind).collect::<Vec<_>>(), [Kind::TickStart as u32, Kind::TickEnd as u32]);
    let (start, end) = (ticks[0], ticks[1]);
    let polls: Vec<&Record> = records.iter().filter(|r| r.kind == Kind::PollStart as u32).collect();
    assert_eq!(polls.len(), 1, "a step polls exactly one task");
    assert!(start.seq < polls[0].seq && polls[0].seq < end.seq, "the poll is inside the step's tick");
    assert_eq!((polls[0].run, polls[0].task), (run, polled));
    assert_eq!(end.a, 1, "the step's tick counts one poll");
    assert!(runtime::is_paused(run), "the run stays paused after a step");
    polled
}

#[wasm_bindgen_test]
async fn a_paused_run_is_not_polled_but_a_timer_that_fires_makes_its_task_ready() {
    let cursor = trace::head();
    let run = start_sleeper(Mode::Real, 20);
    assert!(wait_until(|| trace_of(run, cursor).of(Kind::Sleep).count() == 1, 2000).await);
    assert!(runtime::pause_run(run));
    assert!(runtime::pause_run(run), "pausing a paused run is harmless");
    assert!(runtime::is_paused(run));
    let sleeper = trace_of(run, cursor).task("sleeper");
    let woken = || trace_of(run, cursor).records.iter().any(|r| is_timer_wake(r, sleeper));
    assert!(wait_until(woken, 2000).await, "the timer did not fire while the run was paused");
    wait_ms(20).await; // a running loop would have polled the woken task long before this

    let t = trace_of(run, cursor);
    let pauses: Vec<(u32, u32)> = t.of(Kind::Pause).map(|r| (r.task, r.a)).collect();
    assert_eq!(pauses, [(0, 1)], "one pause record, about no task");
    let paused = t.of(Kind::Pause).next().unwrap().seq;
    let wake = t.records.iter().find(|r| is_timer_wake(r, sleeper)).unwrap();
    assert!(wake.seq > paused);
    assert_eq!(t.of(Kind::PollStart).filter(|r| r.seq > paused).count(), 0, "a paused run's task was polled");
    assert_eq!(runtime::pending_timers(), 0);

    let finished = runtime::run_finished(run).unwrap();
    assert!(runtime::resume_run(run));
    assert!(runtime::resume_run(run), "resuming a running run is harmless");
    assert!(!runtime::is_paused(run));
    assert_eq!(finished.await, Outcome::Finished);
    let t = trace_of(run, cursor);
    let resumed = t.of(Kind::Pause).nth(1).expect("a resume record");
    assert_eq!((resumed.a, t.of(Kind::Pause).count()), (0, 2));
    let next = t.of(Kind::PollStart).find(|r| r.seq > paused).unwrap();
    assert!(next.seq > resumed.seq);
    assert_eq!(next.task, sleeper, "the task the timer made ready runs first");
    assert_eq!(t.lines(), ["woke"]);
    assert_eq!(nothing_left_behind(), (0, 0, 0));
}

#[wasm_bindgen_test]
async fn a_step_polls_exactly_one_ready_task_the_first_in_line_and_the_run_stays_paused() {
    let cursor = trace::head();
    let run = start_workers();
    assert!(runtime::pause_run(run)); // before its first poll: the root waits, ready
    let finished = runtime::run_finished(run).unwrap();
    wait_ms(10).await;
    assert_eq!(trace_of(run, cursor).of(Kind::PollStart).count(), 0, "polled while paused");

    let main = step(run);
    let t = trace_of(run, cursor);
    assert_eq!(main, t.task("main"));
    // The root spawned three workers, woken in that order: steps take them in that order.
    let workers: Vec<u32> = (1..=3).map(|i| t.task(&format!("worker_{i}"))).collect();
    assert_eq!([step(run), step(run), step(run)], workers[..]);
    // worker_1 yielded, so it went to the back of the line: after worker_3.
    assert_eq!(step(run), workers[0]);
    wait_ms(10).await;
    assert_eq!(trace_of(run, cursor).of(Kind::PollStart).count(), 5, "only the steps polled the paused run");

    assert!(runtime::resume_run(run));
    assert_eq!(finished.await, Outcome::Finished);
    let t = trace_of(run, cursor);
    for w in workers {
        assert_eq!(t.of(Kind::PollStart).filter(|r| r.task == w).count(), 3, "task {w} was not run to its end");
    }
    assert_eq!(nothing_left_behind(), (0, 0, 0));
}

#[wasm_bindgen_test]
async fn a_step_of_a_running_or_ended_run_is_refused_and_one_with_nothing_ready_polls_nothing() {
    let cursor = trace::head();
    let run = start_sleeper(Mode::Real, 10_000);
    assert_eq!(runtime::step_run(run), Err(StepError::NotPaused));
    assert!(wait_until(|| trace_of(run, cursor).of(Kind::Sleep).count() == 1, 2000).await);
    wait_ms(5).await; // main waits on sleeper, sleeper on its timer: nothing is ready
    assert!(runtime::pause_run(run));
    let before = trace::head();
    assert_eq!(runtime::step_run(run), Ok(0));
    assert!(records_since(before).is_empty(), "a step with nothing ready recorded something");

    runtime::cancel_run(run);
    assert_eq!(runtime::step_run(run), Err(StepError::NotLive));
    assert!(!runtime::pause_run(run) && !runtime::resume_run(run) && !runtime::is_paused(run));
    assert_eq!(nothing_left_behind(), (0, 0, 0));
}

#[wasm_bindgen_test]
async fn other_runs_keep_running_while_one_is_paused() {
    let cursor = trace::head();
    let paused = common::start("gather", "gather", 20.0, Lang::En);
    assert!(runtime::pause_run(paused));
    let other = run_lesson("gather", "gather", 20.0, Lang::En).await;
    assert_eq!(other.lines().len(), 4);
    let virtual_other = run_lesson_in(Mode::Virtual, "gather", "gather", 1.0, Lang::En, &[]).await;
    assert_eq!(virtual_other.lines().len(), 4);
    assert!(runtime::is_paused(paused));
    assert_eq!(trace_of(paused, cursor).of(Kind::PollStart).count(), 0);
    runtime::cancel_run(paused);
    assert_eq!(nothing_left_behind(), (0, 0, 0));
}

#[wasm_bindgen_test]
async fn cancelling_a_paused_run_leaves_no_task_and_no_timer() {
    for mode in [Mode::Real, Mode::Virtual] {
        let cursor = trace::head();
        let run = start_in(mode, "gather", "gather", 1.0, Lang::En, &[]);
        assert!(runtime::pause_run(run));
        // main spawns both tasks; each then prints and goes to sleep.
        for _ in 0..3 {
            step(run);
        }
        assert_eq!(trace_of(run, cursor).of(Kind::Sleep).count(), 2);
        assert_eq!(runtime::pending_timers(), 2, "{mode:?}: both sleeps armed a timer");
        runtime::cancel_run(run);
        assert_eq!(nothing_left_behind(), (0, 0, 0), "{mode:?}");
        assert!(!runtime::is_paused(run));
        let t = trace_of(run, cursor);
        assert_eq!(t.of(Kind::RunEnd).next().unwrap().a, RUN_CANCELLED);
        assert_eq!(t.of(Kind::Cancel).count(), 3);
        let at_cancel = t.records.len();
        wait_ms(20).await;
        let after = trace_of(run, cursor).records.len();
        assert_eq!(after, at_cancel, "{mode:?}: the run recorded something after it ended");
    }
    // Cancelled with tasks waiting, ready, in its line.
    let run = start_workers();
    assert!(runtime::pause_run(run));
    step(run);
    runtime::cancel_run(run);
    assert_eq!(nothing_left_behind(), (0, 0, 0));
}

#[wasm_bindgen_test]
async fn a_virtual_run_of_a_second_of_sleeps_ends_at_once_stamped_in_lesson_time() {
    let started = clock::real_now();
    // Speed does not apply to virtual time: the lesson's second stays a second.
    let t = run_lesson_in(Mode::Virtual, "gather", "gather", 20.0, Lang::En, &[]).await;
    let real = clock::real_now() - started;
    assert!(real < 250.0, "a second of sleeps took {real} ms of real time");
    let elapsed = t.elapsed();
    assert!((900.0..=1100.0).contains(&elapsed), "virtual elapsed {elapsed} ms");
    assert_eq!(t.of(Kind::RunStart).next().unwrap().time, 0.0);
    assert!(t.records.windows(2).all(|w| w[0].time <= w[1].time), "a virtual run's stamps went back");
    assert!(t.of(Kind::Sleep).all(|r| (r.a, r.b) == (1000, 0)), "a virtual sleep is lesson ms, with no real timer");
    let (first, second) = (t.task("first_task"), t.task("second_task"));
    let fired: Vec<f64> =
        t.records.iter().filter(|r| is_timer_wake(r, first) || is_timer_wake(r, second)).map(|r| r.time).collect();
    assert_eq!(fired.len(), 2);
    assert!(fired.iter().all(|&at| (1000.0..1050.0).contains(&at)), "timers fired at {fired:?}");
    assert_eq!(
        t.lines(),
        ["First task is running", "Second task is running", "First task is done", "Second task is done"]
    );
}

#[wasm_bindgen_test]
async fn virtual_runs_of_seconds_of_sleeps_take_a_fraction_of_their_lesson_time() {
    for (lesson, variant, params) in SLEEPY {
        let started = clock::real_now();
        let t = run_lesson_in(Mode::Virtual, lesson, variant, 1.0, Lang::En, params).await;
        let real = clock::real_now() - started;
        assert!(t.elapsed() >= 1000.0, "{lesson}: only {} ms of lesson time", t.elapsed());
        assert!(real * 4.0 < t.elapsed(), "{lesson}: {} ms of lesson time took {real} ms", t.elapsed());
        assert_eq!(nothing_left_behind(), (0, 0, 0), "{lesson}");
    }
    let t = run_lesson_in(Mode::Virtual, "websocket", "reconnect", 1.0, Lang::En, SLEEPY[1].2).await;
    assert!((5400.0..=6600.0).contains(&t.elapsed()), "websocket ran {} ms for a 6 s run time", t.elapsed());
}

#[wasm_bindgen_test]
async fn every_variant_of_every_lesson_ends_in_virtual_time_with_stamps_that_never_go_back() {
    for lesson in loopscope::lessons::LESSONS {
        for variant in lesson.variants {
            let name = format!("{}/{}", lesson.id, variant.id);
            let cursor = trace::head();
            let run = start_in(Mode::Virtual, lesson.id, variant.id, 1.0, Lang::En, &[]);
            assert_eq!(runtime::run_finished(run).unwrap().await, Outcome::Finished, "{name}");
            // A rally can write more than the ring holds: check the records still held.
            let (held, _lost) = trace::since(cursor);
            let records: Vec<Record> = held.into_iter().filter(|r| r.run == run).collect();
            assert!(records.windows(2).all(|w| w[0].time <= w[1].time), "{name}: a stamp went back");
            assert_eq!(records.last().map(|r| r.kind), Some(Kind::RunEnd as u32), "{name}");
            assert_eq!(nothing_left_behind(), (0, 0, 0), "{name}");
        }
    }
}

#[wasm_bindgen_test]
async fn two_virtual_runs_of_a_lesson_do_the_same_things_in_the_same_order() {
    for (lesson, variant, params) in SLEEPY {
        let first = run_lesson_in(Mode::Virtual, lesson, variant, 1.0, Lang::En, params).await;
        let second = run_lesson_in(Mode::Virtual, lesson, variant, 1.0, Lang::En, params).await;
        assert!(first.records.len() > 20, "{lesson}");
        assert_eq!(first.shape(), second.shape(), "{lesson}: two virtual runs differ");
    }
}

/// Every lesson's virtual run is the same every time, stamps included: its clock counts only
/// declared time, never the real time a poll takes (which differs from run to run). Only the
/// worker variant is left out: its job runs in a Web Worker, outside the loop, in real time.
#[wasm_bindgen_test]
async fn every_lessons_virtual_run_is_the_same_every_time_stamps_included() {
    for lesson in loopscope::lessons::LESSONS {
        for variant in lesson.variants.iter().filter(|v| !(lesson.id == "blocking" && v.id == "worker")) {
            // The ping-pong rally at its shortest: a full second writes more than the ring holds.
            let params: &[(&str, &str)] = if lesson.id == "microtasks" { &[("rally", "0.2")] } else { &[] };
            let name = format!("{}/{}", lesson.id, variant.id);
            let [first, second] =
                [0, 1].map(|_| run_lesson_in(Mode::Virtual, lesson.id, variant.id, 1.0, Lang::En, params));
            let (first, second) = (first.await, second.await);
            assert_eq!(first.lines(), second.lines(), "{name}: the same output");
            assert_eq!(first.shape(), second.shape(), "{name}: the same records in the same order");
            let stamps = |t: &Trace| t.records.iter().map(|r| r.time.to_bits()).collect::<Vec<_>>();
            assert!(stamps(&first) == stamps(&second), "{name}: the same stamps, to the bit");
        }
    }
}

#[wasm_bindgen_test]
async fn two_virtual_runs_side_by_side_do_the_same_things_in_the_same_order() {
    for (lesson, variant, params) in SLEEPY {
        let cursor = trace::head();
        let runs = [0, 1].map(|_| start_in(Mode::Virtual, lesson, variant, 1.0, Lang::En, params));
        let finished = runs.map(|run| runtime::run_finished(run).unwrap());
        for outcome in join_all(finished).await {
            assert_eq!(outcome, Outcome::Finished);
        }
        let [a, b] = runs.map(|run| trace_of(run, cursor));
        assert_eq!(a.shape(), b.shape(), "{lesson}: two virtual runs side by side differ");
    }
}

#[wasm_bindgen_test]
async fn a_virtual_run_that_never_ends_lets_the_browser_run_and_can_be_cancelled() {
    let run = runtime::start_run(config_in(Mode::Virtual, "instruments", "forever", 1.0, Lang::En), "ticker", async {
        loop {
            sleep(Duration::from_secs(1)).await;
        }
    });
    // Each turn of the browser's timer queue needs the loop to have handed over.
    let (started, mut turns) = (clock::real_now(), 0);
    while clock::real_now() - started < 100.0 {
        wait_ms(0).await;
        turns += 1;
    }
    assert!(turns >= 3, "only {turns} timer turns in 100 ms: the virtual run froze the page");
    let reached = runtime::run_now(run).unwrap();
    assert!(reached >= 100_000.0, "the virtual clock only reached {reached} ms");
    assert!(runtime::pending_timers() <= 1);
    runtime::cancel_run(run);
    assert_eq!(nothing_left_behind(), (0, 0, 0));
    let cursor = trace::head();
    wait_ms(20).await;
    assert!(records_since(cursor).iter().all(|r| r.run != run), "the cancelled run went on");
}

#[wasm_bindgen_test]
async fn a_paused_virtual_run_keeps_its_clock_and_a_step_with_nothing_ready_moves_it_to_the_next_timer() {
    let cursor = trace::head();
    let run = start_sleeper(Mode::Virtual, 5000);
    assert!(runtime::pause_run(run));
    let finished = runtime::run_finished(run).unwrap();
    let main = step(run);
    let sleeper = step(run); // it armed its 5 s timer
    assert_eq!(runtime::pending_timers(), 1);
    let before = runtime::run_now(run).unwrap();
    assert!(before < 100.0);
    wait_ms(20).await;
    assert_eq!(runtime::run_now(run), Some(before), "a paused virtual run's clock moved");

    let at = trace::head();
    assert_eq!(step(run), sleeper);
    let records = records_since(at);
    let wake = records.iter().find(|r| r.kind == Kind::Wake as u32).expect("the step fired the timer");
    let tick = records.iter().find(|r| r.kind == Kind::TickStart as u32).unwrap();
    assert!(is_timer_wake(wake, sleeper) && wake.seq < tick.seq, "the timer fired before the step's tick");
    assert!((5000.0..5050.0).contains(&wake.time), "the clock moved to {} ms, not to the timer's 5 s", wake.time);
    assert_eq!(runtime::pending_timers(), 0);
    assert!(runtime::run_now(run).unwrap() >= 5000.0);

    assert!(runtime::resume_run(run));
    assert_eq!(finished.await, Outcome::Finished);
    let t = trace_of(run, cursor);
    assert_eq!(t.task("main"), main);
    assert_eq!(t.lines(), ["woke"]);
    assert!((5000.0..5100.0).contains(&t.elapsed()));
}

#[wasm_bindgen_test]
async fn a_virtual_sleep_that_is_dropped_takes_its_timer_with_it() {
    let cursor = trace::head();
    let run = runtime::start_run(config_in(Mode::Virtual, "instruments", "race", 1.0, Lang::En), "main", async {
        // The sleep wins the race at 1 s: the 10 s timeout's timer is dropped.
        let _ = timeout(Duration::from_secs(10), sleep(Duration::from_secs(1))).await;
        sleep(Duration::from_secs(1)).await;
        print("bitti", "done");
    });
    assert!(runtime::pause_run(run));
    let finished = runtime::run_finished(run).unwrap();
    step(run);
    assert_eq!(runtime::pending_timers(), 2);
    step(run); // fires the 1 s timer: the race ends and the next sleep starts
    assert_eq!(runtime::pending_timers(), 1, "the dropped timeout's timer is still armed");
    assert!(runtime::resume_run(run));
    assert_eq!(finished.await, Outcome::Finished);
    let t = trace_of(run, cursor);
    assert!((2000.0..2100.0).contains(&t.elapsed()), "the run took {} ms, not 2 s", t.elapsed());
}

/// The number after `prefix` in the printed line that starts with it.
fn printed_number(t: &Trace, prefix: &str) -> f64 {
    let line = t.lines().into_iter().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no line {prefix}…"));
    line[prefix.len()..].split_whitespace().next().unwrap().parse().unwrap()
}

#[wasm_bindgen_test]
async fn the_blocking_lesson_in_virtual_time_shows_its_long_poll_and_its_worker_still_answers() {
    // In one go: the job's poll moves the run's clock by as long as it really took.
    let t = run_lesson_in(Mode::Virtual, "blocking", "blocking", 1.0, Lang::En, &[("job", "0.3")]).await;
    let job = t.task("count_primes");
    let took = t.first(Kind::PollEnd, job).time - t.first(Kind::PollStart, job).time;
    assert!(took >= 300.0, "the blocking poll took {took} virtual ms");
    assert!(printed_number(&t, "longest gap between heartbeats:") >= 0.29);

    // In a worker: the run's clock stands still while the worker works, and the run ends.
    let started = clock::real_now();
    let t = run_lesson_in(Mode::Virtual, "blocking", "worker", 1.0, Lang::En, &[("job", "0.3")]).await;
    assert!(clock::real_now() - started >= 300.0, "the worker's job is real work");
    let job = t.task("count_primes");
    let suspended = t.first(Kind::PollEnd, job);
    assert_eq!(suspended.a, 0);
    let woken = t.of(Kind::Wake).find(|r| r.task == job && r.seq > suspended.seq).expect("the worker answered");
    assert_eq!(woken.a, WakeCause::External as u32);
    let moved = woken.time - suspended.time;
    assert!(moved < 5.0, "virtual time moved {moved} ms while the worker worked");
    let lines = t.lines();
    assert!(lines.iter().any(|l| l.starts_with("Found ")), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("(the virtual clock stood still")), "{lines:?}");
    assert_eq!(nothing_left_behind(), (0, 0, 0));
}

/// The message of a `JsError`, as the page would read it.
fn message(error: JsError) -> String {
    js_sys::Reflect::get(&JsValue::from(error), &"message".into()).unwrap().as_string().unwrap()
}

// `api::start_run` is left out: it installs the page's panic hook, which would take over the
// test harness's. Its mode argument is checked natively, in `api::check_run`'s test.
#[wasm_bindgen_test]
fn the_page_gets_errors_it_can_act_on_and_the_mode_it_asked_for() {
    assert!(message(api::pause_run(999_999).unwrap_err()).contains("Run 999999 is not running"));
    assert!(message(api::resume_run(999_999).unwrap_err()).contains("not running"));
    assert!(message(api::step_run(999_999).unwrap_err()).contains("not running"));
    assert!(!api::is_paused(999_999));
    assert_eq!(api::run_now(999_999), None);

    for (mode, name) in [(Mode::Real, "real"), (Mode::Virtual, "virtual")] {
        let run = start_in(mode, "gather", "gather", 1.0, Lang::En, &[]);
        assert_eq!(api::run_mode(run).as_deref(), Some(name));
        assert!(message(api::step_run(run).unwrap_err()).contains("pause it before stepping"));
        assert!(api::pause_run(run).is_ok() && api::is_paused(run));
        let root = api::step_run(run).unwrap_or(0);
        assert_ne!(root, 0, "the root was ready");
        assert!(api::resume_run(run).is_ok() && !api::is_paused(run));
        api::cancel_run(run);
        assert_eq!(api::run_mode(run), None);
    }
    assert_eq!(nothing_left_behind(), (0, 0, 0));
}
