//! The async/await lesson: a coroutine runs only when awaited, `await` finishes one thing
//! before the next, and an awaiting task hands the loop to others.
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
async fn a_coroutine_that_is_never_awaited_never_runs() {
    let t = run_lesson_with("async-await", "lazy", SPEED, Lang::Tr, &[("wait", "0.5")]).await;
    assert_eq!(t.of(Kind::Spawn).count(), 1, "no task besides main");
    // One xfonksiyonu ran (two sleeps: its own and yfonksiyonu's); the dropped one left no trace.
    assert_eq!(t.of(Kind::Sleep).count(), 2);
    assert_eq!(
        t.lines(),
        [
            "xfonksiyonu() çağrıldı: bir coroutine nesnesi döndü, ama içinden hiçbir şey çalışmadı",
            "await edilmeden bırakıldı; şimdi await ediyoruz:",
            "ıvır zıvır",
            "yfonksiyonu çalışıyor",
            "yfonksiyonu bitti",
        ]
    );
    // Creating and dropping it happened within main's very first poll.
    let main = t.task("main");
    let first_poll_end = t.first(Kind::PollEnd, main).seq;
    assert!(t.of(Kind::Print).take(3).all(|p| p.seq < first_poll_end));
}

#[wasm_bindgen_test]
async fn awaiting_one_after_another_starts_the_second_only_when_the_first_is_done() {
    let t = run_lesson_with("async-await", "sequential", SPEED, Lang::En, &[]).await;
    let root = t.task("xfonksiyonu");
    assert_eq!(t.of(Kind::Spawn).count(), 1);
    let sleeps: Vec<_> = t.of(Kind::Sleep).collect();
    assert_eq!(sleeps.len(), 2);
    assert_eq!((sleeps[0].a, sleeps[1].a), (3000, 1000), "the seed's 3 s, then yfonksiyonu's 1 s");
    let first_timer = t.of(Kind::Wake).find(|w| w.task == root && w.a == WakeCause::Timer as u32).unwrap();
    assert!(sleeps[1].seq > first_timer.seq, "yfonksiyonu began sleeping before xfonksiyonu's sleep ended");
    let running = t.of(Kind::Print).find(|p| p.seq > first_timer.seq).unwrap();
    assert_eq!(loopscope::trace::text_of(running.a).as_deref(), Some("yfonksiyonu is running"));
    assert_eq!(t.lines(), ["odds and ends", "yfonksiyonu is running", "yfonksiyonu is done"]);
    assert!(t.elapsed() >= f64::from(sleeps[0].b + sleeps[1].b) - 2.0, "elapsed {} ms", t.elapsed());
}

#[wasm_bindgen_test]
async fn while_main_awaits_its_sleep_the_background_task_runs() {
    let t = run_lesson_with("async-await", "yield", SPEED, Lang::En, &[]).await;
    let (main, background) = (t.task("main"), t.task("background"));
    // The background task is first polled only once main has suspended on its sleep.
    let main_sleeps = t.first(Kind::Sleep, main).seq;
    assert!(t.first(Kind::PollStart, background).seq > main_sleeps);
    // All three steps print while main waits: between its "waiting" and "woke up" lines.
    let print_seq =
        |text: &str| t.of(Kind::Print).find(|p| loopscope::trace::text_of(p.a).as_deref() == Some(text)).unwrap().seq;
    let (waiting, woke) = (print_seq("main is waiting (await)"), print_seq("main woke up"));
    let steps: Vec<u32> = t.of(Kind::Print).filter(|p| p.task == background).map(|p| p.seq).collect();
    assert_eq!(steps.len(), 3);
    assert!(steps.iter().all(|&s| waiting < s && s < woke), "a step ran outside main's wait");
    assert!(t.first(Kind::Finish, background).seq < t.first(Kind::Finish, main).seq);
}
