//! Helpers shared by the browser tests: start runs, wait, and read the trace as names.
#![allow(dead_code)]

use js_sys::Promise;
use loopscope::runtime::{self, Lang, Mode, RunConfig};
use loopscope::trace;
use loopscope::trace::record::{Kind, Record, PRINT_UNFINISHED};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The lessons' source texts: the wasm carries only their file names (the page fetches them).
#[path = "../../crate/lessons/sources.rs"]
pub mod sources;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &js_sys::Function, ms: i32) -> JsValue;
}

/// Waits `ms` of real time on a browser timer (outside the runtime under test).
pub async fn wait_ms(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        set_timeout(&resolve, ms);
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits, a ms at a time, until `done` says yes or `max_ms` have passed; says which.
pub async fn wait_until(mut done: impl FnMut() -> bool, max_ms: i32) -> bool {
    for _ in 0..max_ms {
        if done() {
            return true;
        }
        wait_ms(1).await;
    }
    done()
}

/// Every record written since `cursor`, of all runs and the loop's ticks.
pub fn records_since(cursor: u64) -> Vec<Record> {
    let (records, lost) = trace::since(cursor);
    assert_eq!(lost, 0, "the ring overwrote records the test needs");
    records
}

/// A printed line: when its first part was written, its stream (`Print`'s `b`), its text.
pub struct Printed {
    pub time: f64,
    pub stream: u32,
    pub text: String,
}

/// A run's records, with the task names resolved.
pub struct Trace {
    pub run: u32,
    pub records: Vec<Record>,
}

impl Trace {
    /// Records of `kind`.
    pub fn of(&self, kind: Kind) -> impl Iterator<Item = &Record> {
        self.records.iter().filter(move |r| r.kind == kind as u32)
    }

    /// The id of the task spawned with this name.
    pub fn task(&self, name: &str) -> u32 {
        self.of(Kind::Spawn)
            .find(|r| trace::text_of(r.b).as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no task named {name}"))
            .task
    }

    /// The first record of `kind` about `task`.
    pub fn first(&self, kind: Kind, task: u32) -> &Record {
        self.of(kind).find(|r| r.task == task).unwrap_or_else(|| panic!("task {task} has no {kind:?}"))
    }

    /// Printed lines, in order.
    pub fn lines(&self) -> Vec<String> {
        self.printed().into_iter().map(|p| p.text).collect()
    }

    /// Printed lines as the program's output shows them, in the order they began: a line's
    /// parts joined (a `Print` marked unfinished goes on in the next one on its stream).
    pub fn printed(&self) -> Vec<Printed> {
        let mut lines: Vec<Printed> = Vec::new();
        let mut open = [None, None]; // standard output's and standard error's unfinished line
        for r in self.of(Kind::Print) {
            let text = trace::text_of(r.a).unwrap_or_default();
            let file = usize::from(r.b & !PRINT_UNFINISHED != 0);
            let at = match open[file].take() {
                Some(at) => {
                    let line: &mut Printed = &mut lines[at];
                    line.text.push_str(&text);
                    at
                }
                None => {
                    lines.push(Printed { time: r.time, stream: r.b & !PRINT_UNFINISHED, text });
                    lines.len() - 1
                }
            };
            if r.b & PRINT_UNFINISHED != 0 {
                open[file] = Some(at);
            }
        }
        lines
    }

    /// Time from the run's start to its end, in ms.
    pub fn elapsed(&self) -> f64 {
        self.of(Kind::RunEnd).next().unwrap().time - self.of(Kind::RunStart).next().unwrap().time
    }

    /// What the run did, without times or ids: (kind, task, a, b) for every record, with
    /// each task id (in `task` and in the fields that hold one) replaced by the task's
    /// place in the run's spawn order, from 1. Two runs of the same lesson that did the
    /// same things in the same order have the same shape, whatever ids they got.
    pub fn shape(&self) -> Vec<(u32, u32, u32, u32)> {
        let order: Vec<u32> = self.of(Kind::Spawn).map(|r| r.task).collect();
        let index = |id: u32| match id {
            0 => 0,
            id => order.iter().position(|&t| t == id).map_or(u32::MAX, |i| i as u32 + 1),
        };
        let task_cause = loopscope::trace::record::WakeCause::Task as u32;
        self.records
            .iter()
            .map(|r| {
                let (mut a, mut b) = (r.a, r.b);
                match r.kind {
                    k if k == Kind::Spawn as u32 || k == Kind::Cancel as u32 => a = index(a),
                    k if k == Kind::Wake as u32 => b = index(b),
                    k if k == Kind::Wait as u32 && a == task_cause => b = index(b),
                    _ => {}
                }
                (r.kind, index(r.task), a, b)
            })
            .collect()
    }
}

/// The records of `run` written since `cursor`.
pub fn trace_of(run: u32, cursor: u64) -> Trace {
    let (records, lost) = trace::since(cursor);
    assert_eq!(lost, 0, "the ring overwrote records the test needs");
    Trace { run, records: records.into_iter().filter(|r| r.run == run).collect() }
}

/// A real-time run's configuration.
pub fn config(lesson: &str, variant: &str, speed: f64, lang: Lang) -> RunConfig {
    config_in(Mode::Real, lesson, variant, speed, lang)
}

/// A run's configuration in `mode`.
pub fn config_in(mode: Mode, lesson: &str, variant: &str, speed: f64, lang: Lang) -> RunConfig {
    RunConfig { lesson: lesson.into(), variant: variant.into(), speed, lang, mode }
}

/// Starts a lesson's variant with its default parameters; returns the run id.
pub fn start(lesson: &str, variant: &str, speed: f64, lang: Lang) -> u32 {
    start_with(lesson, variant, speed, lang, &[])
}

/// Starts a lesson's variant with some parameters given as the page would give them.
pub fn start_with(lesson: &str, variant: &str, speed: f64, lang: Lang, params: &[(&str, &str)]) -> u32 {
    start_in(Mode::Real, lesson, variant, speed, lang, params)
}

#[wasm_bindgen]
extern "C" {
    /// The browser's Blob, for the worker script's Blob URL.
    type Blob;
    #[wasm_bindgen(constructor)]
    fn new(parts: &js_sys::Array, options: &JsValue) -> Blob;
    #[wasm_bindgen(js_namespace = URL, js_name = createObjectURL)]
    fn create_object_url(blob: &Blob) -> String;
}

/// Points the blocking lesson's worker at a Blob URL of www/worker.js, once: the page points it
/// at the served file, and nothing is served to these tests.
#[cfg(target_arch = "wasm32")]
pub fn use_worker_script() {
    thread_local! {
        static SET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if SET.with(|set| set.replace(true)) {
        return;
    }
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"type".into(), &"text/javascript".into()).expect("a plain object");
    let script = js_sys::Array::of1(&include_str!("../../www/worker.js").into());
    let url = create_object_url(&Blob::new(&script, &options));
    loopscope::lessons::blocking::set_worker_url(&url);
}

/// Starts a lesson's variant in `mode` with some parameters; returns the run id.
pub fn start_in(mode: Mode, lesson: &str, variant: &str, speed: f64, lang: Lang, params: &[(&str, &str)]) -> u32 {
    #[cfg(target_arch = "wasm32")]
    use_worker_script();
    let found = loopscope::lessons::find(lesson).unwrap();
    let raw: Vec<(String, String)> = params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let args = loopscope::lessons::params::check(found.params, &raw, lang).expect("valid parameters");
    let v = found.variant(variant).unwrap();
    runtime::start_run(config_in(mode, lesson, variant, speed, lang), v.root, (v.start)(&args))
}

/// Runs a lesson's variant to its end and returns its trace.
pub async fn run_lesson(lesson: &str, variant: &str, speed: f64, lang: Lang) -> Trace {
    run_lesson_with(lesson, variant, speed, lang, &[]).await
}

/// Runs a lesson's variant with parameters to its end and returns its trace.
pub async fn run_lesson_with(lesson: &str, variant: &str, speed: f64, lang: Lang, params: &[(&str, &str)]) -> Trace {
    run_lesson_in(Mode::Real, lesson, variant, speed, lang, params).await
}

/// Runs a lesson's variant in `mode` with parameters to its end and returns its trace.
pub async fn run_lesson_in(
    mode: Mode,
    lesson: &str,
    variant: &str,
    speed: f64,
    lang: Lang,
    params: &[(&str, &str)],
) -> Trace {
    let cursor = trace::head();
    let run = start_in(mode, lesson, variant, speed, lang, params);
    let outcome = runtime::run_finished(run).unwrap().await;
    assert_eq!(outcome, runtime::Outcome::Finished);
    trace_of(run, cursor)
}

#[cfg(feature = "script")]
/// Runs `source` in virtual time; its transcript in the corpus's format.
pub async fn transcript(source: &str) -> Vec<String> {
    let cursor = trace::head();
    let config = config_in(Mode::Virtual, "script", "main", 1.0, Lang::En);
    let run = match loopscope::script::start(source, config, 0) {
        Ok(run) => run,
        Err(report) => {
            let mut lines: Vec<String> = report.lines().map(|l| format!("0.00 ! {l}")).collect();
            lines.push("# exit 1".into());
            return lines;
        }
    };
    let ended = wait_until(|| runtime::run_finished(run).is_none(), 5_000).await;
    if !ended {
        runtime::cancel_run(run);
        return vec!["(did not end within 5 s)".into()];
    }
    let t = trace_of(run, cursor);
    let start = t.of(Kind::RunStart).next().map_or(0.0, |r| r.time);
    let mut lines: Vec<String> = t
        .printed()
        .into_iter()
        .map(|Printed { time, stream, text }| {
            let secs = ((time - start) / 10.0).round() / 100.0;
            let marker = if stream == 0 { '|' } else { '!' }; // stderr, or stderr from logging
            if text.is_empty() {
                format!("{secs:.2} {marker}")
            } else {
                format!("{secs:.2} {marker} {text}")
            }
        })
        .collect();
    if loopscope::script::host::failed(run) {
        lines.push(format!("# exit {}", loopscope::script::host::exit_status(run)));
    }
    lines
}
