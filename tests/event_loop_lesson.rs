//! The event-loop lesson on the real runtime: the trace must say what every waiting task
//! waits on (a timer, a channel, I/O) and that only the matching event brings it back.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{run_lesson, Trace};
use loopscope::runtime::{self, Lang};
use loopscope::trace::record::{Kind, WakeCause};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// 1 s of lesson time is 50 ms here.
const SPEED: f64 = 20.0;
/// The lesson's default number of rounds.
const ROUNDS: usize = 4;

fn is(kind: Kind, r: &loopscope::trace::record::Record) -> bool {
    r.kind == kind as u32
}

/// The causes `task` was woken with once it had started (its first wake is its spawn).
fn wake_causes(t: &Trace, task: u32) -> Vec<u32> {
    let started = t.first(Kind::PollStart, task).seq;
    t.of(Kind::Wake).filter(|w| w.task == task && w.seq > started).map(|w| w.a).collect()
}

#[wasm_bindgen_test]
async fn each_task_waits_on_its_own_kind_of_event_and_is_woken_by_it() {
    let t = run_lesson("event-loop", "loop", SPEED, Lang::En).await;
    let (sleeper, consumer, server) = (t.task("sleeper"), t.task("consumer"), t.task("server"));

    assert_eq!(t.of(Kind::Sleep).filter(|s| s.task == sleeper).count(), ROUNDS);
    let waits = |task, on: WakeCause| t.of(Kind::Wait).filter(|w| w.task == task && w.a == on as u32).count();
    assert!(waits(consumer, WakeCause::Channel) >= ROUNDS, "consumer's channel waits");
    // The connection and every packet: each waited for as I/O.
    assert!(waits(server, WakeCause::Io) > ROUNDS, "server's io waits");

    assert!(wake_causes(&t, sleeper).iter().all(|&c| c == WakeCause::Timer as u32));
    assert!(wake_causes(&t, consumer).contains(&(WakeCause::Channel as u32)));
    assert!(wake_causes(&t, server).contains(&(WakeCause::Io as u32)));
    // The I/O events come from the client's writes, the queue's from the producer.
    let (producer, client) = (t.task("producer"), t.task("client"));
    assert!(t.of(Kind::Wake).filter(|w| w.task == server && w.a == WakeCause::Io as u32).all(|w| w.b == client));
    assert!(t
        .of(Kind::Wake)
        .filter(|w| w.task == consumer && w.a == WakeCause::Channel as u32)
        .all(|w| w.b == producer));
}

#[wasm_bindgen_test]
async fn a_waiting_task_is_polled_again_only_after_what_it_waits_on_wakes_it() {
    let t = run_lesson("event-loop", "loop", SPEED, Lang::En).await;
    let mut checked = 0;
    for spawn in t.of(Kind::Spawn) {
        let task = spawn.task;
        let mut declared: Vec<u32> = Vec::new(); // what the current poll said it waits on
        let mut waiting_on: Option<Vec<u32>> = None; // set from a pending poll's end to its wake
        for r in t.records.iter().filter(|r| r.task == task) {
            if is(Kind::PollStart, r) {
                assert!(waiting_on.is_none(), "task {task} polled at seq {} with no wake since it suspended", r.seq);
                declared.clear();
            } else if is(Kind::Sleep, r) {
                declared.push(WakeCause::Timer as u32);
            } else if is(Kind::Wait, r) {
                declared.push(r.a);
            } else if is(Kind::PollEnd, r) && r.a == 0 {
                assert!(!declared.is_empty(), "task {task} suspended at seq {} waiting on nothing", r.seq);
                waiting_on = Some(std::mem::take(&mut declared));
            } else if is(Kind::Wake, r) {
                if let Some(on) = waiting_on.take() {
                    assert!(
                        on.contains(&r.a),
                        "task {task} waited on {on:?} but was woken by {} at seq {}",
                        r.a,
                        r.seq
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 5 * ROUNDS, "only {checked} waits checked");
}

#[wasm_bindgen_test]
async fn the_loop_polls_one_task_at_a_time_and_runs_others_while_one_waits() {
    let t = run_lesson("event-loop", "loop", SPEED, Lang::En).await;
    // Busy spans never overlap: every poll start is followed by that task's poll end.
    let polls: Vec<_> = t.records.iter().filter(|r| is(Kind::PollStart, r) || is(Kind::PollEnd, r)).collect();
    for pair in polls.chunks(2) {
        assert!(is(Kind::PollStart, pair[0]) && is(Kind::PollEnd, pair[1]) && pair[0].task == pair[1].task);
    }
    // While the server waits on its socket, every other task gets its turn.
    let server = t.task("server");
    let mut others = std::collections::BTreeSet::new();
    let mut waiting = false;
    for r in &t.records {
        if r.task == server {
            waiting = (waiting || (is(Kind::PollEnd, r) && r.a == 0)) && !is(Kind::Wake, r);
        } else if waiting && is(Kind::PollStart, r) {
            others.insert(r.task);
        }
    }
    for name in ["sleeper", "producer", "consumer", "client"] {
        assert!(others.contains(&t.task(name)), "{name} never ran while the server waited");
    }
}

#[wasm_bindgen_test]
async fn every_job_and_packet_arrives_and_the_run_ends_with_nothing_left() {
    let t = run_lesson("event-loop", "loop", SPEED, Lang::En).await;
    let lines = t.lines();
    let count = |prefix: &str| lines.iter().filter(|l| l.starts_with(prefix)).count();
    assert_eq!(count("consumer: took job"), ROUNDS);
    assert_eq!(count("server: data to read: packet"), ROUNDS);
    assert_eq!(count("sleeper: the timer fired"), ROUNDS);
    assert_eq!(lines.last().unwrap(), "main: every task is done, the loop has nothing left to run");
    assert!(lines.contains(&"server: the connection closed".to_string()));
    assert_eq!(t.of(Kind::Cancel).count(), 0);
    assert_eq!(runtime::live_tasks(), 0);
    assert_eq!(runtime::pending_timers(), 0);

    let tr = run_lesson("event-loop", "loop", SPEED, Lang::Tr).await;
    assert!(tr.lines()[0].starts_with("sleeper: 0.5 sn uyuyor"), "{:?}", tr.lines());
}
