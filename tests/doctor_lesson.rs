//! The doctor lesson: one loop examines patients one at a time, while their waits for the
//! medicine overlap; the synchronous doctor lines every wait up one after another.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{run_lesson_with, Trace};
use loopscope::runtime::Lang;
use loopscope::trace::record::{Kind, WakeCause};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// 1 s of lesson time is 20 ms here.
const SPEED: f64 = 50.0;

/// Lines that tell how a patient's treatment ended, in patient order.
fn outcomes(t: &Trace) -> Vec<String> {
    let mut lines: Vec<String> =
        t.lines().into_iter().filter(|l| l.contains("iyileşti") || l.contains("sevk edildi")).collect();
    lines.sort();
    lines
}

fn is_timer_wake(kind: u32, a: u32) -> bool {
    kind == Kind::Wake as u32 && a == WakeCause::Timer as u32
}

#[wasm_bindgen_test]
async fn the_async_doctor_takes_the_next_patient_while_the_first_waits_for_medicine() {
    let t = run_lesson_with("doctor", "async", SPEED, Lang::Tr, &[]).await;
    let patients: Vec<u32> = (1..=4).map(|n| t.task(&format!("patient_{n}"))).collect();
    // Every patient was examined and sent home before the first medicine took effect.
    let first_timer = t.records.iter().find(|r| is_timer_wake(r.kind, r.a)).unwrap().seq;
    for &p in &patients {
        assert!(t.first(Kind::Sleep, p).seq < first_timer, "patient task {p} was still waiting to be examined");
        assert_eq!(t.first(Kind::Spawn, p).a, t.task("doctor"));
    }
    assert_eq!(t.of(Kind::Finish).count(), 5);
    assert_eq!(outcomes(&t).len(), 4);
    assert_eq!(t.lines().first().map(String::as_str), Some("Doktor muayeneye başladı"));
    assert_eq!(t.lines().last().map(String::as_str), Some("Bütün hastalar gitti, doktor işini bitirdi"));
}

#[wasm_bindgen_test]
async fn the_sync_doctor_waits_at_each_bedside_so_no_two_waits_overlap() {
    let t = run_lesson_with("doctor", "sync", SPEED, Lang::En, &[("patients", "3")]).await;
    assert_eq!(t.of(Kind::Spawn).count(), 1, "the sync doctor is a single task");
    // Sleeps and timer wakes alternate: each wait starts only after the previous one ended.
    let waits: Vec<bool> = t
        .records
        .iter()
        .filter(|r| r.kind == Kind::Sleep as u32 || is_timer_wake(r.kind, r.a))
        .map(|r| r.kind == Kind::Sleep as u32)
        .collect();
    assert!(waits.chunks(2).all(|pair| pair == [true, false]), "waits overlap: {waits:?}");
    // Patient 2 is examined only once patient 1's treatment has ended.
    let lines = t.lines();
    let at = |text: &str| lines.iter().position(|l| l.starts_with(text)).unwrap();
    let one_done = lines
        .iter()
        .position(|l| l.starts_with("Patient 1 healed") || l.starts_with("Patient 1 not healed after"))
        .unwrap();
    assert!(at("Patient 2 examined") > one_done);
    let real_waits: f64 = t.of(Kind::Sleep).map(|r| f64::from(r.b)).sum();
    assert!(t.elapsed() >= real_waits - 2.0, "elapsed {} ms for {real_waits} ms of waits", t.elapsed());
}

#[wasm_bindgen_test]
async fn with_the_same_seed_each_patient_heals_at_the_same_check_up_in_both_variants_and_async_ends_sooner() {
    let params = [("patients", "4"), ("seed", "7"), ("heal", "40")];
    let concurrent = run_lesson_with("doctor", "async", SPEED, Lang::Tr, &params).await;
    let sequential = run_lesson_with("doctor", "sync", SPEED, Lang::Tr, &params).await;
    assert_eq!(outcomes(&concurrent), outcomes(&sequential));
    assert_eq!(concurrent.of(Kind::Sleep).count(), sequential.of(Kind::Sleep).count());
    // Four treatments of at least one medicine each, waited in turn or all at once.
    assert!(
        concurrent.elapsed() < sequential.elapsed(),
        "async {} ms, sync {} ms",
        concurrent.elapsed(),
        sequential.elapsed()
    );
}

#[wasm_bindgen_test]
async fn every_run_ends_even_when_nobody_heals() {
    let t = run_lesson_with("doctor", "async", SPEED, Lang::En, &[("patients", "2"), ("heal", "0")]).await;
    assert_eq!(t.of(Kind::Sleep).count(), 2 * 5, "five check-ups each");
    let referred = t.lines().iter().filter(|l| l.contains("referred to a specialist")).count();
    assert_eq!(referred, 2);
}

#[wasm_bindgen_test]
async fn an_examination_holds_the_loop_for_its_whole_length() {
    let t = run_lesson_with("doctor", "async", SPEED, Lang::Tr, &[("exam", "0.5"), ("heal", "100")]).await;
    // 0.5 s of lesson time at this speed; every patient is examined twice (visit and check-up).
    let exam_ms = 500.0 / SPEED;
    let starts: Vec<_> = t.of(Kind::PollStart).collect();
    let long_polls = t
        .of(Kind::PollEnd)
        .filter(|end| {
            let start = starts.iter().rev().find(|s| s.task == end.task && s.seq < end.seq).unwrap();
            end.time - start.time >= exam_ms
        })
        .count();
    assert!(long_polls >= 4 * 2, "only {long_polls} polls lasted an examination");
    assert_eq!(t.of(Kind::Sleep).count(), 4, "everyone healed at the first check-up");
}
