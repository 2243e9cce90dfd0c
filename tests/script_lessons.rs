//! Every lesson's Python, as the page shows it in each language, runs in the interpreter: in
//! virtual time it ends, and prints nothing on standard error except where CPython does too.
//! The English program is the Turkish one with English strings: it prints as many lines, at
//! the same virtual times.
#![cfg(all(target_arch = "wasm32", feature = "script"))]

mod common;

use common::*;
use loopscope::lessons::LESSONS;
use loopscope::runtime::{self, Lang, Mode};
use loopscope::trace::{self, record::Kind};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Variants whose Python writes to standard error in CPython too, with the last line it
/// writes there. Two fail: they are the seeds' own code, and the page runs the corrected
/// version (`lessons::correction`), which must run with no error. The lazy coroutine's lesson
/// drops a coroutine it never awaited on purpose, to show CPython's warning.
const FAILS_IN_CPYTHON: &[(&str, &str)] = &[
    ("async-await/lazy", "RuntimeWarning: Enable tracemalloc to get the object allocation traceback"),
    ("staggered/staggered", "TypeError: An asyncio.Future, a coroutine or an awaitable is required"),
    ("websocket/reconnect", "TypeError: _create_task() missing 1 required positional argument: 'callback'"),
];

/// What a run printed, as `(virtual ms, text)`, and its lines on standard error.
struct Printed {
    lines: Vec<(f64, String)>,
    errors: Vec<String>,
}

/// Runs `python` in virtual time in `lang` to its end; says why not.
async fn run_to_its_end(python: &str, lang: Lang) -> Result<Printed, String> {
    let cursor = trace::head();
    let config = config_in(Mode::Virtual, "script", "main", 1.0, lang);
    let run = loopscope::script::start(python, config, 1).map_err(|report| format!("does not parse:\n{report}"))?;
    // Read as it runs: a busy lesson (a ping-pong rally) writes more than the ring holds.
    let (mut cursor, mut printed) = (cursor, Printed { lines: Vec::new(), errors: Vec::new() });
    let mut ended = false;
    for _ in 0..2000 {
        let (records, _lost) = trace::since(cursor);
        cursor = trace::head();
        for r in records.iter().filter(|r| r.run == run && r.kind == Kind::Print as u32) {
            let text = trace::text_of(r.a).unwrap_or_default();
            if r.b == 1 {
                printed.errors.push(text.clone());
            }
            printed.lines.push((r.time, text));
        }
        if ended {
            return Ok(printed);
        }
        ended = runtime::run_finished(run).is_none();
        wait_ms(5).await;
    }
    runtime::cancel_run(run);
    Err("did not end within 10 s".into())
}

/// Runs each variant's Python of the lesson `id`, in both languages, and says what went wrong.
async fn runs_to_its_end(id: &str) {
    let mut problems = Vec::new();
    for lesson in LESSONS.iter().filter(|l| l.id == id) {
        for v in lesson.variants {
            // The seed's text, and the corrected version the page runs where there is one.
            let corrected = loopscope::lessons::correction(lesson.id, v.id)
                .map(|c| (format!("{}/{} corrected", lesson.id, v.id), c.python_file));
            for (id, files) in std::iter::once((format!("{}/{}", lesson.id, v.id), v.python_file)).chain(corrected) {
                let mut runs = Vec::new();
                for lang in [Lang::Tr, Lang::En] {
                    let printed = match run_to_its_end(sources::text(files.get(lang)), lang).await {
                        Ok(printed) => printed,
                        Err(why) => {
                            problems.push(format!("{id} {lang:?}: {why}"));
                            continue;
                        }
                    };
                    let expected = FAILS_IN_CPYTHON.iter().find(|(v, _)| *v == id).map(|(_, e)| *e);
                    match (expected, printed.errors.last()) {
                        (None, None) => {}
                        (Some(e), Some(last)) if last == e => {}
                        _ => problems.push(format!("{id} {lang:?}: printed on stderr:\n{}", printed.errors.join("\n"))),
                    }
                    console_log!("{id} {lang:?}: {} lines", printed.lines.len());
                    runs.push(printed);
                }
                // The English program prints as many lines as the Turkish one, at the same times.
                if let [tr, en] = &runs[..] {
                    let stamps = |p: &Printed| p.lines.iter().map(|(t, _)| t.to_bits()).collect::<Vec<_>>();
                    if stamps(tr) != stamps(en) {
                        let show = |p: &Printed| {
                            p.lines.iter().map(|(t, l)| format!("{t:>8} {l}")).collect::<Vec<_>>().join("\n")
                        };
                        problems.push(format!(
                            "{id}: the English program's lines differ in number or time from the Turkish one's:\n{}\n---\n{}",
                            show(tr),
                            show(en)
                        ));
                    }
                }
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

/// The lines a lesson variant's Python prints in a virtual run in `lang`, in order.
async fn printed(lesson: &str, variant: &str, lang: Lang) -> Vec<String> {
    let python = LESSONS
        .iter()
        .find(|l| l.id == lesson)
        .and_then(|l| l.variants.iter().find(|v| v.id == variant))
        .map(|v| sources::text(v.python_file.get(lang)))
        .expect("the variant exists");
    match run_to_its_end(python, lang).await {
        Ok(printed) => printed.lines.into_iter().map(|(_, l)| l).collect(),
        Err(why) => panic!("{lesson}/{variant} {lang:?}: {why}"),
    }
}

/// Heartbeat lines (starting `tick`) printed between the line starting `from` and the next
/// one starting `to`.
fn beats_between(lines: &[String], from: &str, to: &str, tick: &str) -> usize {
    let start = lines.iter().position(|l| l.starts_with(from)).expect("the start line");
    let end = start + lines[start..].iter().position(|l| l.starts_with(to)).expect("the end line");
    lines[start..end].iter().filter(|l| l.starts_with(tick)).count()
}

/// What the blocking and microtasks lessons teach holds in virtual time as in real time: the
/// heartbeat (a 0.2 s sleep) keeps ticking through the 1 s of work when the work yields (in
/// chunks, in a thread, with a budget), and is silent when it does not. Its timers come due
/// while another task is ready all along: they fire at the loop's next round, as in asyncio.
/// In both languages.
#[wasm_bindgen_test]
async fn the_heartbeat_ticks_through_yielding_work_in_virtual_time() {
    let mut problems = Vec::new();
    for (lang, tick, primes, rally, rally_done) in [
        (Lang::Tr, "tık", "Asal sayılar", "Ping-pong başlıyor", "Ping-pong bitti"),
        (Lang::En, "tick", "Counting primes", "Ping-pong starts", "Ping-pong done"),
    ] {
        for (lesson, variant, from, to, ticks) in [
            ("blocking", "blocking", primes, "", false),
            ("blocking", "chunked", primes, "", true),
            ("blocking", "worker", primes, "", true),
            ("microtasks", "budget", rally, rally_done, true),
        ] {
            let lines = printed(lesson, variant, lang).await;
            // The work's result is the first line after `from` that is not a heartbeat's.
            let to = if to.is_empty() {
                let start = lines.iter().position(|l| l.starts_with(from)).expect("the start line");
                lines[start + 1..].iter().find(|l| !l.starts_with(tick)).cloned().unwrap_or_default()
            } else {
                to.to_string()
            };
            let beats = beats_between(&lines, from, &to, tick);
            console_log!("{lesson}/{variant} {lang:?}: {beats} heartbeat lines during the work");
            if ticks != (beats >= 3) {
                problems.push(format!(
                    "{lesson}/{variant} {lang:?}: {beats} heartbeat lines during the work:\n{}",
                    lines.join("\n")
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
