//! The first lesson, run on the real runtime in a real browser at high speed: the trace
//! must show what the lesson teaches.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{run_lesson, trace_of, wait_ms};
use loopscope::runtime::{self, Lang};
use loopscope::trace::record::{Kind, WakeCause, RUN_CANCELLED};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// 1 s of lesson time is 50 ms here.
const SPEED: f64 = 20.0;

#[wasm_bindgen_test]
async fn gathered_tasks_are_both_waiting_at_the_same_time() {
    let t = run_lesson("gather", "gather", SPEED, Lang::Tr).await;
    let (first, second) = (t.task("first_task"), t.task("second_task"));
    // Both tasks went to sleep before either timer fired: an overlapping wait, by order
    // alone, whatever the clock's resolution.
    let sleeps_done = t.first(Kind::Sleep, first).seq.max(t.first(Kind::Sleep, second).seq);
    let first_woken = t.of(Kind::Wake).filter(|w| w.a == WakeCause::Timer as u32).map(|w| w.seq).min().unwrap();
    assert!(sleeps_done < first_woken, "a timer fired before both tasks were sleeping");
    // And in time: the two waiting spans overlap.
    let wait = |task| {
        let start = t.of(Kind::PollEnd).find(|r| r.task == task && r.a == 0).unwrap().time;
        let end = t.of(Kind::Wake).find(|r| r.task == task && r.a == WakeCause::Timer as u32).unwrap().time;
        (start, end)
    };
    let ((s1, e1), (s2, e2)) = (wait(first), wait(second));
    assert!(s1.max(s2) < e1.min(e2), "waits {s1}..{e1} and {s2}..{e2} do not overlap");
    assert_eq!(t.of(Kind::Sleep).count(), 2);
}

#[wasm_bindgen_test]
async fn printed_lines_come_in_the_order_cpython_prints_them() {
    let t = run_lesson("gather", "gather", SPEED, Lang::Tr).await;
    assert_eq!(
        t.lines(),
        ["İlk işlem yapılıyor", "İkinci işlem yapılıyor", "İlk işlem tamamlandı", "İkinci işlem tamamlandı"]
    );
    let en = run_lesson("gather", "gather", SPEED, Lang::En).await;
    assert_eq!(en.lines()[0], "First task is running");
}

#[wasm_bindgen_test]
async fn the_root_task_is_woken_by_the_tasks_it_gathers() {
    let t = run_lesson("gather", "gather", SPEED, Lang::Tr).await;
    let root = t.task("run_tasks");
    let wakers: Vec<u32> =
        t.of(Kind::Wake).filter(|w| w.task == root && w.a == WakeCause::Task as u32).map(|w| w.b).collect();
    assert!(wakers.contains(&t.task("second_task")), "root woken by {wakers:?}");
    assert_eq!(t.of(Kind::Finish).count(), 3);
    assert_eq!(t.of(Kind::Cancel).count(), 0);
}

#[wasm_bindgen_test]
async fn the_sequential_variant_never_has_two_tasks_waiting() {
    let t = run_lesson("gather", "sequential", SPEED, Lang::Tr).await;
    let (first, second) = (t.task("first_task"), t.task("second_task"));
    assert!(t.first(Kind::Spawn, second).seq > t.first(Kind::Finish, first).seq);
    assert!(t.first(Kind::Sleep, second).time >= t.first(Kind::Finish, first).time);
    // Two one-second sleeps in a row: never less than twice the real wait.
    let real_sleep = f64::from(t.first(Kind::Sleep, first).b);
    assert!(t.elapsed() >= 2.0 * real_sleep - 2.0, "elapsed {} ms", t.elapsed());
    assert_eq!(
        t.lines(),
        ["İlk işlem yapılıyor", "İlk işlem tamamlandı", "İkinci işlem yapılıyor", "İkinci işlem tamamlandı"]
    );
}

#[wasm_bindgen_test]
async fn cancelling_a_run_leaves_no_task_and_fires_no_later_timer() {
    let cursor = loopscope::trace::head();
    let run = common::start("gather", "gather", 10.0, Lang::Tr);
    while trace_of(run, cursor).of(Kind::Sleep).count() < 2 {
        wait_ms(1).await;
    }
    assert_eq!(runtime::pending_timers(), 2);
    runtime::cancel_run(run);
    assert_eq!(runtime::live_tasks(), 0);
    assert_eq!(runtime::pending_timers(), 0);
    let at_cancel = trace_of(run, cursor);
    assert_eq!(at_cancel.of(Kind::RunEnd).next().unwrap().a, RUN_CANCELLED);
    assert_eq!(at_cancel.of(Kind::Cancel).count(), 3);

    wait_ms(250).await; // 2.5 times the sleep: any timer left would have fired
    let after = trace_of(run, cursor);
    assert_eq!(after.records.len(), at_cancel.records.len(), "the run recorded something after it was cancelled");
    assert_eq!(after.lines().len(), 2);
}
