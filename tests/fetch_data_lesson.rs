//! The "tasks with results" lesson: both fetches wait at once, results come back in order.
#![cfg(target_arch = "wasm32")]

mod common;

use common::run_lesson_with;
use loopscope::runtime::Lang;
use loopscope::trace::record::{Kind, WakeCause};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// 1 s of lesson time is 20 ms here.
const SPEED: f64 = 50.0;

#[wasm_bindgen_test]
async fn both_fetches_wait_at_once_and_results_come_back_in_the_order_given() {
    let t = run_lesson_with("fetch-data", "gather", SPEED, Lang::Tr, &[("first", "2"), ("second", "3")]).await;
    let (one, two) = (t.task("fetch_data_1"), t.task("fetch_data_2"));
    let first_timer = t.of(Kind::Wake).find(|w| w.a == WakeCause::Timer as u32).unwrap().seq;
    assert!(t.first(Kind::Sleep, one).seq < first_timer && t.first(Kind::Sleep, two).seq < first_timer);
    // The 2 s fetch finishes first, yet results print in the order the tasks were given.
    assert!(t.first(Kind::Finish, one).seq < t.first(Kind::Finish, two).seq);
    let lines = t.lines();
    assert_eq!(lines.first().map(String::as_str), Some("Ana program başlıyor"));
    assert_eq!(&lines[lines.len() - 3..], ["2 saniye sonraki veri", "3 saniye sonraki veri", "Ana program tamamlandı"]);
    // The run lasts at least the longest wait (the overlap above is what keeps it from the sum).
    let real = |task| f64::from(t.first(Kind::Sleep, task).b);
    assert!(t.elapsed() >= real(two) - 2.0);
}

#[wasm_bindgen_test]
async fn awaited_one_by_one_the_second_fetch_starts_after_the_first_is_done() {
    let t = run_lesson_with("fetch-data", "sequential", SPEED, Lang::En, &[("first", "0.5"), ("second", "0.5")]).await;
    let sleeps: Vec<_> = t.of(Kind::Sleep).collect();
    assert_eq!(sleeps.len(), 2);
    let first_woken = t.of(Kind::Wake).find(|w| w.a == WakeCause::Timer as u32).unwrap();
    assert!(sleeps[1].seq > first_woken.seq, "the second sleep began before the first ended");
    assert_eq!(t.lines()[1], "Fetching data with a 0.5 second delay");
    assert!(t.elapsed() >= f64::from(sleeps[0].b + sleeps[1].b) - 2.0);
}
