//! The timeouts lesson: a timed-out operation, a race's loser and a cancelled task all stop
//! where they waited, and their timers are cleared with them.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{run_lesson_with, trace_of, wait_ms};
use loopscope::runtime::{self, Lang};
use loopscope::trace::record::{Kind, WakeCause};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// 1 s of lesson time is 20 ms here.
const SPEED: f64 = 50.0;

fn is_timer_wake(r: &loopscope::trace::record::Record) -> bool {
    r.kind == Kind::Wake as u32 && r.a == WakeCause::Timer as u32
}

#[wasm_bindgen_test]
async fn wait_for_cancels_the_slow_operation_and_lets_the_fast_one_finish() {
    let t = run_lesson_with("timeouts", "wait_for", SPEED, Lang::Tr, &[]).await;
    assert_eq!(
        t.lines(),
        [
            "İşlem başladı, 3 saniye sürecek",
            "Zaman aşımı: işlem 1 saniyede bitmedi ve iptal edildi",
            "İşlem başladı, 0.5 saniye sürecek",
            "İşlem tamamlandı",
            "0.5 saniyelik işlemin sonucu",
        ]
    );
    // Four timers were armed (operation and limit, twice) but only two fired: the first
    // limit and the fast operation. The slow operation's 3 s timer never did.
    assert_eq!(t.of(Kind::Sleep).count(), 4);
    assert_eq!(t.records.iter().filter(|r| is_timer_wake(r)).count(), 2);
}

#[wasm_bindgen_test]
async fn the_timed_out_operations_timer_is_cleared_at_once() {
    // Slow enough that the second attempt's 1 s window is wide open for the test to look in.
    let cursor = loopscope::trace::head();
    let run = common::start_with("timeouts", "wait_for", 10.0, Lang::En, &[("fast", "2")]);
    while trace_of(run, cursor).of(Kind::Sleep).count() < 4 {
        wait_ms(1).await;
    }
    // Second attempt under way: its operation's timer and its limit's. A slow operation's
    // timer left armed would make three.
    assert!(runtime::run_finished(run).is_some(), "the run ended before the test could look");
    assert_eq!(runtime::pending_timers(), 2);
    runtime::cancel_run(run);
    assert_eq!(runtime::pending_timers(), 0);
    assert!(trace_of(run, cursor).lines().iter().any(|l| l.starts_with("Timeout:")));
}

#[wasm_bindgen_test]
async fn in_a_race_only_the_winners_timer_fires_and_the_loser_never_replies() {
    let t = run_lesson_with("timeouts", "race", SPEED, Lang::En, &[]).await;
    let timers: Vec<_> = t.records.iter().filter(|r| is_timer_wake(r)).collect();
    assert_eq!(timers.len(), 1);
    assert_eq!(t.of(Kind::Sleep).count(), 2, "both requests were waiting");
    assert_eq!(
        t.lines(),
        [
            "Request sent to server A",
            "Request sent to server B",
            "B replied",
            "Winner: server B's reply",
            "The losing request was cancelled",
        ]
    );
}

#[wasm_bindgen_test]
async fn a_cancelled_task_ends_before_its_work_is_done() {
    let t = run_lesson_with("timeouts", "cancel", SPEED, Lang::Tr, &[]).await;
    let (main, operation) = (t.task("main"), t.task("operation"));
    // Cancelled by main, while it waited on its own timer, which never fired.
    let cancel = t.first(Kind::Cancel, operation);
    assert_eq!(cancel.a, main, "the cancel names main as the task that cancelled");
    assert!(t.records.iter().filter(|r| is_timer_wake(r)).all(|w| w.task == main));
    assert!(t.of(Kind::Finish).all(|f| f.task != operation), "the cancelled task never finished");
    assert!(cancel.seq < t.first(Kind::Finish, main).seq);
    assert_eq!(t.of(Kind::Cancel).count(), 1, "only the operation was cancelled, not the run");
    assert_eq!(t.lines(), ["İşlem başladı, 3 saniye sürecek", "main: task.cancel()", "main: görev iptal edildi"]);
    let slow_ms = f64::from(t.first(Kind::Sleep, operation).b);
    assert!(t.elapsed() < slow_ms, "the run waited for the cancelled work");
    assert_eq!(runtime::pending_timers(), 0, "the cancelled task's timer was cleared");
}

#[wasm_bindgen_test]
async fn a_task_that_finished_before_the_cancel_keeps_its_result() {
    let t = run_lesson_with("timeouts", "cancel", SPEED, Lang::En, &[("slow", "0.5")]).await;
    let lines = t.lines();
    assert_eq!(lines.last().map(String::as_str), Some("0.5 second operation's result"));
    assert!(lines.iter().any(|l| l == "Operation done"));
}
