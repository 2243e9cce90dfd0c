//! Every lesson's Python, as the page shows it, runs in the interpreter: in virtual time it
//! ends, and prints nothing on standard error except where CPython does too. (A script prints
//! the same in both page languages: its strings are its own.)
#![cfg(all(target_arch = "wasm32", feature = "script"))]

mod common;

use common::*;
use loopscope::lessons::LESSONS;
use loopscope::runtime::{self, Lang, Mode};
use loopscope::trace::{self, record::Kind};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Variants whose Python fails in CPython too, with the line CPython's error ends with.
/// Both are the seeds' own code: the page runs the corrected version (`lessons::correction`),
/// which must run with no error.
const FAILS_IN_CPYTHON: &[(&str, &str)] = &[
    ("staggered/staggered", "TypeError: An asyncio.Future, a coroutine or an awaitable is required"),
    ("websocket/reconnect", "TypeError: _create_task() missing 1 required positional argument: 'callback'"),
];

/// Runs each variant's Python of the lesson `id` and says what went wrong.
async fn runs_to_its_end(id: &str) {
    let mut problems = Vec::new();
    for lesson in LESSONS.iter().filter(|l| l.id == id) {
        for v in lesson.variants {
            // The seed's text, and the corrected version the page runs where there is one.
            let corrected = loopscope::lessons::correction(lesson.id, v.id)
                .map(|c| (format!("{}/{} corrected", lesson.id, v.id), c.python));
            for (id, python) in std::iter::once((format!("{}/{}", lesson.id, v.id), v.python)).chain(corrected) {
                let lang = Lang::Tr;
                let cursor = trace::head();
                let config = config_in(Mode::Virtual, "script", "main", 1.0, lang);
                let run = match loopscope::script::start(python, config, 1) {
                    Ok(run) => run,
                    Err(report) => {
                        problems.push(format!("{id}: does not parse:\n{report}"));
                        continue;
                    }
                };
                // Read as it runs: a busy lesson (a ping-pong rally) writes more than the ring holds.
                let (mut cursor, mut lines, mut errors) = (cursor, 0, Vec::new());
                let mut ended = false;
                for _ in 0..2000 {
                    let (records, _lost) = trace::since(cursor);
                    cursor = trace::head();
                    for r in records.iter().filter(|r| r.run == run && r.kind == Kind::Print as u32) {
                        lines += 1;
                        if r.b == 1 {
                            errors.push(trace::text_of(r.a).unwrap_or_default());
                        }
                    }
                    if ended {
                        break;
                    }
                    ended = runtime::run_finished(run).is_none();
                    wait_ms(5).await;
                }
                if !ended {
                    runtime::cancel_run(run);
                    problems.push(format!("{id}: did not end within 10 s"));
                    continue;
                }
                let expected = FAILS_IN_CPYTHON.iter().find(|(v, _)| *v == id).map(|(_, e)| *e);
                match (expected, errors.last()) {
                    (None, None) => {}
                    (Some(e), Some(last)) if last == e => {}
                    _ => problems.push(format!("{id}: printed on stderr:\n{}", errors.join("\n"))),
                }
                console_log!("{id} {lang:?}: {lines} lines");
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

macro_rules! lesson_tests {
    ($($name:ident => $id:literal),* $(,)?) => {
        $(
            #[wasm_bindgen_test]
            async fn $name() {
                runs_to_its_end($id).await;
            }
        )*

        #[wasm_bindgen_test]
        fn every_lesson_has_its_test() {
            let tested = [$($id),*];
            for lesson in LESSONS {
                assert!(tested.contains(&lesson.id), "{} has no test here", lesson.id);
            }
        }
    };
}

lesson_tests! {
    the_doctors_python_runs => "doctor",
    the_async_await_python_runs => "async-await",
    the_gather_python_runs => "gather",
    the_staggered_python_runs_and_fails_as_in_cpython => "staggered",
    the_websocket_python_runs_and_fails_as_in_cpython => "websocket",
    the_event_loop_python_runs => "event-loop",
    the_fetch_data_python_runs => "fetch-data",
    the_blocking_python_runs => "blocking",
    the_timeouts_python_runs => "timeouts",
    the_microtasks_python_runs => "microtasks",
    the_stress_python_runs => "stress",
}

/// The lines a lesson variant's Python prints in a virtual run, in order.
async fn printed(lesson: &str, variant: &str) -> Vec<String> {
    let python = LESSONS
        .iter()
        .find(|l| l.id == lesson)
        .and_then(|l| l.variants.iter().find(|v| v.id == variant))
        .map(|v| v.python)
        .expect("the variant exists");
    let mut cursor = trace::head();
    let run = loopscope::script::start(python, config_in(Mode::Virtual, "script", "main", 1.0, Lang::Tr), 1)
        .expect("the lesson's Python parses");
    let mut lines = Vec::new();
    for _ in 0..2000 {
        let ended = runtime::run_finished(run).is_none();
        let (records, _lost) = trace::since(cursor);
        cursor = trace::head();
        lines.extend(
            records
                .iter()
                .filter(|r| r.run == run && r.kind == Kind::Print as u32)
                .map(|r| trace::text_of(r.a).unwrap_or_default()),
        );
        if ended {
            return lines;
        }
        wait_ms(5).await;
    }
    runtime::cancel_run(run);
    panic!("{lesson}/{variant} did not end within 10 s");
}

/// Heartbeat lines printed between the line starting `from` and the next one starting `to`.
fn beats_between(lines: &[String], from: &str, to: &str) -> usize {
    let start = lines.iter().position(|l| l.starts_with(from)).expect("the start line");
    let end = start + lines[start..].iter().position(|l| l.starts_with(to)).expect("the end line");
    lines[start..end].iter().filter(|l| l.starts_with("tık")).count()
}

/// What the blocking and microtasks lessons teach holds in virtual time as in real time: the
/// heartbeat (a 0.2 s sleep) keeps ticking through the 1 s of work when the work yields (in
/// chunks, in a thread, with a budget), and is silent when it does not. Its timers come due
/// while another task is ready all along: they fire at the loop's next round, as in asyncio.
#[wasm_bindgen_test]
async fn the_heartbeat_ticks_through_yielding_work_in_virtual_time() {
    let mut problems = Vec::new();
    for (lesson, variant, from, to, ticks) in [
        ("blocking", "blocking", "Asal sayılar", "", false),
        ("blocking", "chunked", "Asal sayılar", "", true),
        ("blocking", "worker", "Asal sayılar", "", true),
        ("microtasks", "budget", "Ping-pong başlıyor", "Ping-pong bitti", true),
    ] {
        let lines = printed(lesson, variant).await;
        // The work's result is the first line after `from` that is not a heartbeat's.
        let to = if to.is_empty() {
            let start = lines.iter().position(|l| l.starts_with(from)).expect("the start line");
            lines[start + 1..].iter().find(|l| !l.starts_with("tık")).cloned().unwrap_or_default()
        } else {
            to.to_string()
        };
        let beats = beats_between(&lines, from, &to);
        console_log!("{lesson}/{variant}: {beats} heartbeat lines during the work");
        if ticks != (beats >= 3) {
            problems
                .push(format!("{lesson}/{variant}: {beats} heartbeat lines during the work:\n{}", lines.join("\n")));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
