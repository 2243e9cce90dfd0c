//! The microtasks lesson on the real runtime in a real browser: two tasks that wake each
//! other still let the browser in every tick on our loop, while the same rally on bare
//! microtasks lets nothing run until its deadline.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{start_with, trace_of, wait_ms, Trace};
use loopscope::runtime::{self, Lang, Outcome};
use loopscope::trace::{self, record::Kind, record::Record, record::WakeCause};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// 1 s of lesson time is 100 ms here: fast, with room for a loaded machine's late timers.
const SPEED: f64 = 10.0;
/// The rally's length in real ms at [`SPEED`] with `rally` = 1.
const RALLY_MS: f64 = 1000.0 / SPEED;

/// Runs a variant with a 1 s rally to its end; returns the run's trace and every record
/// written meanwhile, the loop's own ticks included.
async fn run_rally(variant: &str) -> (Trace, Vec<Record>) {
    let cursor = trace::head();
    let run = start_with("microtasks", variant, SPEED, Lang::En, &[("rally", "1")]);
    assert_eq!(runtime::run_finished(run).unwrap().await, Outcome::Finished);
    let (all, lost) = trace::since(cursor);
    assert_eq!(lost, 0, "the ring overwrote records the test needs");
    (trace_of(run, cursor), all)
}

/// The printed line that starts with `prefix`.
fn line<'a>(t: &'a [String], prefix: &str) -> &'a str {
    t.iter().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no line {prefix}…"))
}

/// The record of the line printed that starts with `prefix`.
fn print_of(t: &Trace, prefix: &str) -> Record {
    *t.of(Kind::Print)
        .find(|r| trace::text_of(r.a).is_some_and(|l| l.starts_with(prefix)))
        .unwrap_or_else(|| panic!("no line {prefix}…"))
}

/// Heartbeat polls that start strictly between two sequence numbers.
fn beats_between(t: &Trace, after: u32, before: u32) -> usize {
    let beat = t.task("heartbeat");
    t.of(Kind::PollStart).filter(|r| r.task == beat && r.seq > after && r.seq < before).count()
}

#[wasm_bindgen_test]
async fn on_our_loop_the_rally_hands_over_every_tick_and_the_heartbeat_keeps_beating() {
    let (t, all) = run_rally("budget").await;
    let (ping, pong) = (t.task("ping"), t.task("pong"));
    let (from, to) = (t.first(Kind::PollStart, ping).seq, t.first(Kind::Finish, ping).seq);
    let handovers =
        all.iter().filter(|r| r.kind == Kind::TickEnd as u32 && r.b == 1 && r.seq > from && r.seq < to).count();
    assert!(handovers >= 1, "no tick ended by handing the browser a turn during the rally");
    let beats = beats_between(&t, from, to);
    assert!(beats >= 2, "the heartbeat was polled {beats} times during the rally");
    // The two tasks really wake each other, through their channels.
    let pong_wakes_ping =
        t.of(Kind::Wake).filter(|w| w.task == ping && w.a == WakeCause::Channel as u32 && w.b == pong).count();
    assert!(pong_wakes_ping >= 10, "pong woke ping only {pong_wakes_ping} times");
    let lines = t.lines();
    let exchanges: u32 = line(&lines, "Ping-pong done:").split_whitespace().nth(2).unwrap().parse().unwrap();
    assert!(exchanges as usize >= pong_wakes_ping - 1);
}

#[wasm_bindgen_test]
async fn a_bare_microtask_chain_lets_nothing_run_until_its_deadline() {
    let (t, all) = run_rally("no-budget").await;
    let (starts, ends) = (print_of(&t, "Ping-pong starts"), print_of(&t, "Ping-pong done"));
    assert_eq!(beats_between(&t, starts.seq, ends.seq), 0, "the heartbeat ran during the chain");
    // Nothing but the tick that resumes main: no timer, no other task.
    let ticks =
        all.iter().filter(|r| r.kind == Kind::TickStart as u32 && r.seq > starts.seq && r.seq < ends.seq).count();
    assert_eq!(ticks, 1, "the loop ran {ticks} ticks during the chain");
    let main = t.task("main");
    let woken = t.of(Kind::Wake).find(|w| w.task == main && w.seq > starts.seq).unwrap();
    assert_eq!(woken.a, WakeCause::External as u32, "main is woken by the chain's last microtask");
    // The chain ran until its deadline, and stopped there.
    let took = ends.time - starts.time;
    assert!((RALLY_MS - 0.5..RALLY_MS + 1000.0).contains(&took), "the chain ran {took} ms");
    let lines = t.lines();
    assert_eq!(line(&lines, "0 frames"), "0 frames drawn meanwhile");
    let gap: f64 = line(&lines, "longest gap").rsplit(' ').nth(1).unwrap().parse().unwrap();
    assert!(gap >= 0.95, "the longest gap between heartbeats was {gap} s");
}

#[wasm_bindgen_test]
async fn turkish_runs_print_the_same_story_in_turkish() {
    let cursor = trace::head();
    let run = start_with("microtasks", "no-budget", SPEED, Lang::Tr, &[("rally", "0.2")]);
    assert_eq!(runtime::run_finished(run).unwrap().await, Outcome::Finished);
    let lines = trace_of(run, cursor).lines();
    assert!(line(&lines, "Ping-pong bitti:").contains("paslaşma"));
    assert_eq!(line(&lines, "bu sırada"), "bu sırada 0 kare çizildi");
    assert_eq!(lines.last().unwrap(), "Ana program tamamlandı");
}

#[wasm_bindgen_test]
async fn cancelling_a_run_mid_rally_leaves_no_task_and_records_nothing_after() {
    let cursor = trace::head();
    let run = start_with("microtasks", "budget", SPEED, Lang::En, &[("rally", "3")]);
    while trace_of(run, cursor).of(Kind::Spawn).count() < 4 {
        wait_ms(1).await;
    }
    runtime::cancel_run(run);
    assert_eq!((runtime::live_tasks(), runtime::pending_timers()), (0, 0));
    let at_cancel = trace_of(run, cursor).records.len();
    wait_ms(50).await;
    assert_eq!(trace_of(run, cursor).records.len(), at_cancel, "the run recorded something after it was cancelled");
}
