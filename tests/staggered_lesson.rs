//! The staggered lesson: tasks created at once start like a staircase, each delayed by
//! `step · i`, and the fixed `multiconnect` awaits them all.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{run_lesson_with, Trace};
use loopscope::runtime::Lang;
use loopscope::trace::record::{Kind, Record, WakeCause};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// 1 s of lesson time is 20 ms here.
const SPEED: f64 = 50.0;

/// The first line each connect task printed ("connecting"), in order of i.
fn starts(t: &Trace, count: u32) -> Vec<&Record> {
    (0..count).map(|i| t.first(Kind::Print, t.task(&format!("connect_{i}")))).collect()
}

#[wasm_bindgen_test]
async fn connections_start_like_a_staircase_in_order_of_i() {
    let t = run_lesson_with("staggered", "staggered", SPEED, Lang::Tr, &[]).await;
    let starts = starts(&t, 5);
    // Every task was created before any connection began: the delay, not the creation, staggers them.
    let last_spawn = t.of(Kind::Spawn).map(|r| r.seq).max().unwrap();
    assert!(starts.iter().all(|s| s.seq > last_spawn));
    for (i, pair) in starts.windows(2).enumerate() {
        assert!(pair[0].seq < pair[1].seq, "connection {} began before connection {i}", i + 1);
        assert!(pair[0].time <= pair[1].time);
    }
    // wrapper slept step · i before each connect, and no connection began before its delay was up.
    let sleeps: Vec<&Record> = (0..5).map(|i| t.first(Kind::Sleep, t.task(&format!("connect_{i}")))).collect();
    assert_eq!(sleeps.iter().map(|s| s.a).collect::<Vec<_>>(), [0, 400, 800, 1200, 1600]);
    for (start, sleep) in starts.iter().zip(&sleeps) {
        assert!(start.time - sleep.time >= f64::from(sleep.b) - 1.0, "a connection began before its delay");
    }
    assert!(starts[4].time > starts[0].time, "the staircase is flat");
    assert_eq!(loopscope::trace::text_of(starts[0].a).as_deref(), Some("0. bağlantı kuruluyor"));
}

#[wasm_bindgen_test]
async fn multiconnect_awaits_every_connection_before_it_ends() {
    let t = run_lesson_with("staggered", "staggered", SPEED, Lang::En, &[("count", "10"), ("step", "0.1")]).await;
    let root_done = t.first(Kind::Finish, t.task("multiconnect")).seq;
    for i in 0..10 {
        assert!(t.first(Kind::Finish, t.task(&format!("connect_{i}"))).seq < root_done);
    }
    assert_eq!(t.lines().iter().filter(|l| l.ends_with(": connected")).count(), 10);
    assert_eq!(t.of(Kind::Cancel).count(), 0, "no connection was left for the run's end to cancel");
}

#[wasm_bindgen_test]
async fn a_connection_longer_than_the_step_overlaps_the_next_one() {
    let t =
        run_lesson_with("staggered", "staggered", SPEED, Lang::En, &[("count", "3"), ("step", "0.2"), ("takes", "1")])
            .await;
    let starts = starts(&t, 3);
    let first_done = t.first(Kind::Finish, t.task("connect_0")).seq;
    assert!(starts[1].seq < first_done && starts[2].seq < first_done, "a connection waited for the previous one");
}

#[wasm_bindgen_test]
async fn without_the_wrapper_every_connection_starts_before_any_timer_fires() {
    let t = run_lesson_with("staggered", "at-once", SPEED, Lang::Tr, &[]).await;
    let first_timer = t.of(Kind::Wake).find(|w| w.a == WakeCause::Timer as u32).unwrap().seq;
    assert!(starts(&t, 5).iter().all(|s| s.seq < first_timer));
    assert_eq!(t.lines().iter().filter(|l| l.ends_with("bağlantı kuruldu")).count(), 5);
}
