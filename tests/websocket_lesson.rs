//! The websocket lesson on the real runtime, with faults injected through the page's
//! controls: whatever breaks, the client reconnects and the numbering goes on.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{run_lesson_with, trace_of, wait_ms, Trace};
use loopscope::runtime::{self, Lang, Outcome};
use loopscope::trace::{self, record::Kind, record::WakeCause};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// 1 s of lesson time is 100 ms here: a 0.5 s message interval is 50 ms, far above timer jitter.
const SPEED: f64 = 10.0;
/// Long enough for a fault and the recovery after it (3 s stall + timeouts + sleeps).
const RUN_TIME: &str = "12";

/// Printed lines with their sequence numbers, in order.
fn prints(t: &Trace) -> Vec<(u32, String)> {
    t.of(Kind::Print).map(|r| (r.seq, trace::text_of(r.a).unwrap())).collect()
}

/// The message numbers the client printed, in order.
fn received(t: &Trace) -> Vec<u32> {
    prints(t)
        .iter()
        .filter_map(|(_, line)| line.strip_prefix("message ")?.strip_suffix(" received")?.parse().ok())
        .collect()
}

/// Sequence numbers of the lines starting with `prefix`.
fn seqs(t: &Trace, prefix: &str) -> Vec<u32> {
    prints(t).into_iter().filter(|(_, line)| line.starts_with(prefix)).map(|(seq, _)| seq).collect()
}

/// The one line starting with `prefix`.
fn only(t: &Trace, prefix: &str) -> u32 {
    let found = seqs(t, prefix);
    assert_eq!(found.len(), 1, "lines starting with {prefix:?}: {:?}", t.lines());
    found[0]
}

/// Every message from 1 on arrived exactly once and in order.
fn assert_in_order_with_none_missing(t: &Trace) -> Vec<u32> {
    let got = received(t);
    let want: Vec<u32> = (1..=got.len() as u32).collect();
    assert_eq!(got, want, "lines: {:?}", t.lines());
    got
}

fn assert_nothing_left_behind() {
    assert_eq!(runtime::live_tasks(), 0);
    assert_eq!(runtime::pending_timers(), 0);
    assert!(runtime::control_listeners() <= 1, "listeners of ended runs pile up");
}

/// Runs the lesson, presses `control` once `messages` messages have arrived, and returns
/// the trace of the whole run.
async fn run_with_fault(control: &'static str, messages: usize) -> Trace {
    let cursor = trace::head();
    let run = common::start_with("websocket", "reconnect", SPEED, Lang::En, &[("run_time", RUN_TIME)]);
    let mut waited = 0;
    while received(&trace_of(run, cursor)).len() < messages {
        assert!(waited < 5_000, "only {:?} after {waited} ms", trace_of(run, cursor).lines());
        wait_ms(5).await;
        waited += 5;
    }
    let pressed = trace::head();
    assert!(runtime::send_control(run, control), "the run did not take {control}");
    // The press reaches the lesson through a channel, but its cause is the learner.
    let wake = *trace_of(run, pressed).of(Kind::Wake).next().expect("the press woke no task");
    assert_eq!((wake.a, wake.b), (WakeCause::External as u32, 0), "the press is an external wake");
    assert_eq!(runtime::run_finished(run).unwrap().await, Outcome::Finished);
    trace_of(run, cursor)
}

#[wasm_bindgen_test]
async fn without_faults_every_message_arrives_in_order_over_one_connection() {
    let t = run_lesson_with("websocket", "reconnect", SPEED, Lang::En, &[]).await;
    let got = assert_in_order_with_none_missing(&t);
    // 8 s at one message per 0.5 s, minus the start: well over ten.
    assert!(got.len() >= 10, "only {} messages", got.len());
    only(&t, "connected to wss://");
    assert!(seqs(&t, "the stream is quiet").is_empty() && seqs(&t, "connection refused").is_empty());
    only(&t, "8 s are up");
    assert_nothing_left_behind();
}

#[wasm_bindgen_test]
async fn the_client_waits_on_io_and_each_message_wakes_it_as_an_io_event() {
    let t = run_lesson_with("websocket", "reconnect", SPEED, Lang::En, &[("run_time", "3")]).await;
    let (client, server) = (t.task("_connect"), t.task("server"));
    let io_waits = t.of(Kind::Wait).filter(|w| w.task == client && w.a == WakeCause::Io as u32).count();
    let io_wakes =
        t.of(Kind::Wake).filter(|w| w.task == client && w.a == WakeCause::Io as u32 && w.b == server).count();
    let messages = received(&t).len();
    assert!(messages >= 3, "{:?}", t.lines());
    assert!(io_waits >= messages && io_wakes >= messages, "{io_waits} waits, {io_wakes} wakes, {messages} messages");
    // The client's quiet-time race is a timer of its own, one per recv.
    assert!(t.of(Kind::Sleep).filter(|s| s.task == client).count() >= messages);
}

#[wasm_bindgen_test]
async fn a_dropped_connection_is_reconnected_and_the_numbers_continue() {
    let t = run_with_fault("drop", 3).await;
    let dropped = only(&t, "fault: dropping the connection");
    let closed = only(&t, "the connection closed");
    let connects = seqs(&t, "connected to wss://");
    assert_eq!(connects.len(), 2, "{:?}", t.lines());
    assert!(dropped < closed && closed < connects[1]);
    assert!(seqs(&t, "sleeping 1 s, then reconnecting").iter().any(|&s| closed < s && s < connects[1]));

    let got = assert_in_order_with_none_missing(&t);
    let before = received(&trace_up_to(&t, dropped)).len() as u32;
    assert!(got.len() as u32 > before + 2, "no messages after the reconnect: {:?}", t.lines());
    // The server was told where the client stopped.
    let resumed: Vec<String> = t.lines().into_iter().filter(|l| l.starts_with("client connected")).collect();
    assert_eq!(
        resumed,
        [
            "client connected: continuing from message 1".to_string(),
            format!("client connected: continuing from message {}", before + 1)
        ]
    );
    assert_nothing_left_behind();
}

#[wasm_bindgen_test]
async fn a_stalled_server_makes_the_ping_time_out_and_the_client_reconnects() {
    let t = run_with_fault("stall", 3).await;
    let stalled = only(&t, "fault: the server stops answering");
    let quiet = seqs(&t, "the stream is quiet: sending a ping");
    let no_pong = seqs(&t, "no pong within 0.5 s");
    let connects = seqs(&t, "connected to wss://");
    assert!(!quiet.is_empty() && !no_pong.is_empty(), "{:?}", t.lines());
    assert!(stalled < quiet[0] && quiet[0] < no_pong[0], "{:?}", t.lines());
    assert!(connects.len() >= 2 && connects[1] > no_pong[0], "{:?}", t.lines());
    assert!(only(&t, "the server answers again") > stalled);

    let got = assert_in_order_with_none_missing(&t);
    let before = received(&trace_up_to(&t, stalled)).len();
    assert!(got.len() > before + 2, "no messages after the stall: {:?}", t.lines());
    assert_nothing_left_behind();
}

#[wasm_bindgen_test]
async fn a_server_that_is_down_refuses_every_attempt_until_it_is_back_up() {
    let t = run_with_fault("refuse", 3).await;
    let down = only(&t, "fault: the server is down");
    let up = only(&t, "the server is back up");
    let refused = seqs(&t, "connection refused: retrying in 1 s");
    let connects = seqs(&t, "connected to wss://");
    assert!(!refused.is_empty(), "{:?}", t.lines());
    assert!(refused.iter().all(|&s| down < s && s < up), "a refusal outside the down time: {:?}", t.lines());
    assert_eq!(connects.len(), 2, "{:?}", t.lines());
    assert!(connects[1] > up);

    let got = assert_in_order_with_none_missing(&t);
    assert!(got.len() > received(&trace_up_to(&t, down)).len() + 2, "{:?}", t.lines());
    assert_nothing_left_behind();
}

/// The part of a trace recorded before `seq`.
fn trace_up_to(t: &Trace, seq: u32) -> Trace {
    Trace { run: t.run, records: t.records.iter().filter(|r| r.seq < seq).copied().collect() }
}
