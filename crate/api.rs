//! Every export the page uses. Inputs are checked here, with messages a learner can act
//! on; nothing below this module sees an unchecked value from the page.

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::lessons::{self, params, Args, Text, Variant, LESSONS};
use crate::runtime::{self, Lang, Mode, Outcome, RunConfig, StepError};
use crate::trace;

pub use loopscope_wire::SPEED_RANGE;

fn set(target: &Object, key: &str, value: impl Into<JsValue>) {
    set_value(target, key, &value.into());
}

/// [`set`]'s work, out of line: one copy for all the value types it is given.
#[inline(never)]
fn set_value(target: &Object, key: &str, value: &JsValue) {
    // Setting a plain data property on a fresh object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn text(t: &Text) -> Object {
    let o = Object::new();
    set(&o, "tr", t.tr);
    set(&o, "en", t.en);
    o
}

/// The lessons the page can run: `[{ id, title, summary, notice, seed, variants: [{ id, label,
/// corrected?: { what } }], params: [{ id, label, min, max, default, step, unit }] }]`, texts as
/// `{ tr, en }`, and `controls: [{ id, label }]` (buttons for a live run). A variant with
/// `corrected` runs a corrected version of the seed's program; `what` says what changed. The
/// source texts (each variant's Python, each lesson's Rust) are not here: they are files the
/// page fetches when it shows them (www/sources.js).
#[wasm_bindgen]
pub fn lessons() -> Array {
    crate::install_panic_hook();
    LESSONS
        .iter()
        .copied()
        .map(|lesson| {
            let o = Object::new();
            set(&o, "id", lesson.id);
            set(&o, "title", text(&lesson.title));
            set(&o, "summary", text(&lesson.summary));
            set(&o, "notice", text(&lesson.notice));
            set(&o, "seed", lesson.seed);
            let variants: Array = lesson
                .variants
                .iter()
                .map(|v| {
                    let vo = Object::new();
                    set(&vo, "id", v.id);
                    set(&vo, "label", text(&v.label));
                    if let Some(c) = lessons::correction(lesson.id, v.id) {
                        let co = Object::new();
                        set(&co, "what", text(&c.what));
                        set(&vo, "corrected", co);
                    }
                    vo
                })
                .collect();
            set(&o, "variants", variants);
            let params: Array = lesson
                .params
                .iter()
                .map(|p| {
                    let po = Object::new();
                    set(&po, "id", p.id);
                    set(&po, "label", text(&p.label));
                    set(&po, "min", p.min);
                    set(&po, "max", p.max);
                    set(&po, "default", p.default);
                    set(&po, "step", p.step);
                    set(&po, "unit", text(&p.unit));
                    po
                })
                .collect();
            set(&o, "params", params);
            let controls: Array = lesson
                .controls
                .iter()
                .map(|c| {
                    let co = Object::new();
                    set(&co, "id", c.id);
                    set(&co, "label", text(&c.label));
                    co
                })
                .collect();
            set(&o, "controls", controls);
            o
        })
        .collect()
}

/// A run, checked and ready to start.
pub struct CheckedRun {
    /// The run's configuration.
    pub config: RunConfig,
    /// The variant to run.
    pub variant: &'static Variant,
    /// The lesson's parameters.
    pub args: Args,
}

/// The ids, separated by ", ". Through a `dyn` iterator and a loop: one copy of this code for
/// the three lists of ids, and no `Vec` of them to join.
fn comma_list(ids: &mut dyn Iterator<Item = &str>) -> String {
    let mut out = String::new();
    for id in ids {
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(id);
    }
    out
}

/// Whether `speed` is one a run takes (a lesson's or a script's), in one place for both.
fn check_speed(speed: f64) -> Result<(), String> {
    if !speed.is_finite() || !SPEED_RANGE.contains(&speed) {
        return Err(format!(
            "Speed must be a number from {} to {} (1 is real time); got {speed}.",
            SPEED_RANGE.start(),
            SPEED_RANGE.end()
        ));
    }
    Ok(())
}

fn parse_lang(lang: &str) -> Result<Lang, String> {
    match lang {
        "tr" => Ok(Lang::Tr),
        "en" => Ok(Lang::En),
        other => Err(format!("Language must be \"tr\" or \"en\"; got \"{other}\".")),
    }
}

fn parse_mode(mode: &str) -> Result<Mode, String> {
    match mode {
        "" | "real" => Ok(Mode::Real),
        "virtual" => Ok(Mode::Virtual),
        other => Err(format!("Mode must be \"real\" or \"virtual\"; got \"{other}\".")),
    }
}

/// Checks a run's parameters and says what is wrong in words a user can act on. `mode` is
/// "real" or "virtual" ("" means real).
pub fn check_run(
    lesson: &str,
    variant: &str,
    speed: f64,
    lang: &str,
    raw: &[(String, String)],
    mode: &str,
) -> Result<CheckedRun, String> {
    let Some(found) = lessons::find(lesson) else {
        let ids = comma_list(&mut LESSONS.iter().map(|l| l.id));
        return Err(format!("Unknown lesson \"{lesson}\". Lessons: {ids}."));
    };
    let Some(v) = found.variant(variant) else {
        let ids = comma_list(&mut found.variants.iter().map(|v| v.id));
        return Err(format!("Lesson \"{lesson}\" has no variant \"{variant}\". Variants: {ids}."));
    };
    check_speed(speed)?;
    let lang = parse_lang(lang)?;
    let mode = parse_mode(mode)?;
    let args = params::check(found.params, raw, lang)
        .map_err(|errors| errors.iter().map(|e| format!("{}: {}", e.param, e.message)).collect::<Vec<_>>().join(" "))?;
    let config = RunConfig { lesson: found.id.into(), variant: v.id.into(), speed, lang, mode };
    Ok(CheckedRun { config, variant: v, args })
}

/// `(id, text)` pairs from a plain object of field values (strings or numbers).
fn raw_params(values: &JsValue) -> Vec<(String, String)> {
    if values.is_undefined() || values.is_null() {
        return Vec::new();
    }
    Object::entries(values.unchecked_ref())
        .iter()
        .filter_map(|entry| {
            let pair: Array = entry.unchecked_into();
            let key = pair.get(0).as_string()?;
            let value = pair.get(1);
            let text = value.as_string().or_else(|| value.as_f64().map(|n| n.to_string())).unwrap_or_default();
            Some((key, text))
        })
        .collect()
}

/// Checks field values for a lesson's parameters without running it: `[{ param, message }]`,
/// empty when all are good. Messages are in `lang` ("tr" or "en").
#[wasm_bindgen(js_name = checkParams)]
pub fn check_params(lesson: &str, values: JsValue, lang: &str) -> Result<Array, JsError> {
    let lang = parse_lang(lang).map_err(|e| JsError::new(&e))?;
    let found = lessons::find(lesson).ok_or_else(|| JsError::new(&format!("Unknown lesson \"{lesson}\".")))?;
    let errors = params::check(found.params, &raw_params(&values), lang).err().unwrap_or_default();
    Ok(errors
        .iter()
        .map(|e| {
            let o = Object::new();
            set(&o, "param", e.param);
            set(&o, "message", e.message.as_str());
            o
        })
        .collect())
}

/// Starts a run of a lesson's variant and returns its id. `speed` scales sleeps (2 = twice
/// as fast as real time); `lang` is "tr" or "en"; `params` is an object of field values
/// (missing ones take their defaults); `mode` is "real" (the default: undefined or "") or
/// "virtual": sleeps advance the run's own clock instead of waiting, so the run ends as
/// fast as the CPU allows, in the same order every time, its records stamped in lesson ms
/// from 0 (speed does not apply).
#[wasm_bindgen(js_name = startRun)]
pub fn start_run(
    lesson: &str,
    variant: &str,
    speed: f64,
    lang: &str,
    params: JsValue,
    mode: Option<String>,
) -> Result<u32, JsError> {
    crate::install_panic_hook();
    let mode = mode.unwrap_or_default();
    let run = check_run(lesson, variant, speed, lang, &raw_params(&params), &mode).map_err(|e| JsError::new(&e))?;
    Ok(runtime::start_run(run.config, run.variant.root, (run.variant.start)(&run.args)))
}

/// Whether a script parses: `undefined` if it does, else `{ type, message, line, col, text }`
/// (`text`: CPython's report, with the line and a caret).
#[cfg(feature = "script")]
#[wasm_bindgen(js_name = checkScript)]
pub fn check_script(source: &str) -> JsValue {
    crate::install_panic_hook();
    match crate::script::parser::parse(source) {
        Ok(_) => JsValue::UNDEFINED,
        Err(e) => {
            let o = Object::new();
            set(&o, "type", e.type_name());
            set(&o, "message", e.message.as_str());
            set(&o, "line", e.line);
            set(&o, "col", e.col);
            set(&o, "text", crate::script::syntax_report(source, &e));
            o.into()
        }
    }
}

#[cfg(feature = "script")]
pub use loopscope_wire::MAX_SCRIPT_BYTES;

/// Runs a script (the learner's Python) as a run of its own: its module is the root task
/// "main", every Python task a task of the run. Errs with CPython's syntax report if it does
/// not parse. `seed` seeds `random`, so a shared link gives the same run.
#[cfg(feature = "script")]
#[wasm_bindgen(js_name = startScript)]
pub fn start_script(source: &str, lang: &str, mode: &str, speed: f64, seed: f64) -> Result<u32, JsError> {
    crate::install_panic_hook();
    if source.len() > MAX_SCRIPT_BYTES {
        return Err(JsError::new(&format!(
            "The program is {} bytes; the most Loopscope runs is {MAX_SCRIPT_BYTES}.",
            source.len()
        )));
    }
    check_speed(speed).map_err(|e| JsError::new(&e))?;
    let lang = parse_lang(lang).map_err(|e| JsError::new(&e))?;
    let mode = parse_mode(mode).map_err(|e| JsError::new(&e))?;
    let seed = if seed.is_finite() { seed as i64 } else { 0 };
    let config = RunConfig { lesson: "script".into(), variant: "main".into(), speed, lang, mode };
    crate::script::start(source, config, seed).map_err(|e| JsError::new(&e))
}

/// The line of main.py where a script run's uncaught exception was raised (0: none).
#[cfg(feature = "script")]
#[wasm_bindgen(js_name = scriptErrorLine)]
pub fn script_error_line(run: u32) -> u32 {
    crate::script::host::error_line(run)
}

/// Whether an uncaught exception ended a script run (CPython's exit status 1), rather than
/// only a task's exception that nobody retrieved (the run finished; CPython exits with 0).
#[cfg(feature = "script")]
#[wasm_bindgen(js_name = scriptFailed)]
pub fn script_failed(run: u32) -> bool {
    crate::script::host::failed(run)
}

/// The part of [`script_error_line`]'s line that failed, as `[from, to]` in characters from
/// the line's start (`to` past the line's end: it goes on to the next lines), or `[]` when it
/// is not known: what the traceback's carets mark, for the code view to mark too.
#[cfg(feature = "script")]
#[wasm_bindgen(js_name = scriptErrorColumns)]
pub fn script_error_columns(run: u32) -> Vec<u32> {
    crate::script::host::error_columns(run).map_or_else(Vec::new, |(from, to)| vec![from, to])
}

/// The line a live script task is at: running, or suspended at an `await` (0: not known).
#[cfg(feature = "script")]
#[wasm_bindgen(js_name = taskLine)]
pub fn task_line(task: u32) -> u32 {
    crate::script::host::task_line(task)
}

/// The lines of main.py poll `n` of a script task ran, in order (empty: not known: not a
/// Python task, or a run too old or too long to keep them).
#[cfg(feature = "script")]
#[wasm_bindgen(js_name = pollLines)]
pub fn poll_lines(run: u32, task: u32, n: u32) -> Vec<u32> {
    crate::script::lines::of_poll(run, task, n)
}

/// The line of main.py that printed a script task's `n`-th line of output (from 1; 0: not known).
#[cfg(feature = "script")]
#[wasm_bindgen(js_name = printLine)]
pub fn print_line(run: u32, task: u32, n: u32) -> u32 {
    crate::script::lines::of_print(run, task, n)
}

/// A promise that resolves with "finished" or "cancelled" when the run ends, or rejects if
/// the run is not live.
#[wasm_bindgen(js_name = runFinished)]
pub fn run_finished(run: u32) -> Promise {
    match runtime::run_finished(run) {
        Some(finished) => wasm_bindgen_futures::future_to_promise(async move {
            Ok(JsValue::from_str(match finished.await {
                Outcome::Finished => "finished",
                Outcome::Cancelled => "cancelled",
            }))
        }),
        None => {
            Promise::reject(&JsError::new(&format!("Run {run} is not running (it ended or never started).")).into())
        }
    }
}

/// Presses a lesson's control button (e.g. "drop" in the WebSocket lesson) on a live run.
/// Errors name the controls the lesson has.
#[wasm_bindgen(js_name = sendControl)]
pub fn send_control(run: u32, control: &str) -> Result<(), JsError> {
    let config = runtime::run_config(run).ok_or_else(|| JsError::new(&format!("Run {run} is not running.")))?;
    // A script's controls are those of the simulated server it may connect to (websockets).
    let id = if config.lesson == "script" { "websocket" } else { config.lesson.as_str() };
    let lesson = lessons::find(id).ok_or_else(|| JsError::new(&format!("Run {run} is not running.")))?;
    let Some(found) = lesson.controls.iter().find(|c| c.id == control) else {
        let ids = comma_list(&mut lesson.controls.iter().map(|c| c.id));
        return Err(JsError::new(&format!("Lesson \"{}\" has no control \"{control}\". Controls: {ids}.", lesson.id)));
    };
    if runtime::send_control(run, found.id) {
        Ok(())
    } else {
        Err(JsError::new(&format!("Run {run} is not listening for controls right now.")))
    }
}

/// Tells the blocking lesson where the site serves `www/worker.js`: its Web Worker runs that
/// script (until this is called, that variant prints that it cannot start its worker).
#[wasm_bindgen(js_name = setWorkerUrl)]
pub fn set_worker_url(url: &str) {
    lessons::blocking::set_worker_url(url);
}

/// Cancels a run: drops every task it owns, which clears their timers. Ended runs: no-op.
#[wasm_bindgen(js_name = cancelRun)]
pub fn cancel_run(run: u32) {
    runtime::cancel_run(run);
}

fn not_live(run: u32) -> JsError {
    JsError::new(&format!("Run {run} is not running (it ended or never started)."))
}

/// Pauses a live run: none of its tasks is polled until `resumeRun` (or one at a time,
/// `stepRun`); its wakes still happen and are recorded (a timer that fires makes its task
/// ready). Other runs keep running. Pausing a paused run does nothing.
#[wasm_bindgen(js_name = pauseRun)]
pub fn pause_run(run: u32) -> Result<(), JsError> {
    runtime::pause_run(run).then_some(()).ok_or_else(|| not_live(run))
}

/// Resumes a paused run: its ready tasks are polled again, in the order they were woken.
/// Resuming a run that is not paused does nothing.
#[wasm_bindgen(js_name = resumeRun)]
pub fn resume_run(run: u32) -> Result<(), JsError> {
    runtime::resume_run(run).then_some(()).ok_or_else(|| not_live(run))
}

/// Whether the run is live and paused.
#[wasm_bindgen(js_name = isPaused)]
pub fn is_paused(run: u32) -> bool {
    runtime::is_paused(run)
}

/// Polls exactly one ready task of a paused run (the first in line) in a tick of its own;
/// the run stays paused. Returns the polled task's id, or 0 if none of its tasks was ready.
/// In a virtual run with nothing ready, the step first moves the clock on to the next timer.
#[wasm_bindgen(js_name = stepRun)]
pub fn step_run(run: u32) -> Result<u32, JsError> {
    runtime::step_run(run).map_err(|e| match e {
        StepError::NotLive => not_live(run),
        StepError::NotPaused => JsError::new(&format!("Run {run} is running: pause it before stepping it.")),
        StepError::InsidePoll => JsError::new("A step cannot be taken from inside a task of the loop."),
    })
}

/// "real" or "virtual" for a live run; undefined if the run is not live.
#[wasm_bindgen(js_name = runMode)]
pub fn run_mode(run: u32) -> Option<String> {
    runtime::run_mode(run).map(|m| if m == Mode::Virtual { "virtual".into() } else { "real".into() })
}

/// A live run's time now in ms: its virtual clock in a virtual run (lesson ms since its
/// start), the runtime clock (as `clockNow`) in a real run; undefined if it is not live.
#[wasm_bindgen(js_name = runNow)]
pub fn run_now(run: u32) -> Option<f64> {
    runtime::run_now(run)
}

/// Tasks alive now, in all runs.
#[wasm_bindgen(js_name = liveTasks)]
pub fn live_tasks() -> u32 {
    runtime::live_tasks() as u32
}

/// Timers armed and not yet fired or cleared: browser timers and virtual runs' timers.
#[wasm_bindgen(js_name = pendingTimers)]
pub fn pending_timers() -> u32 {
    runtime::pending_timers()
}

/// The runtime clock in ms, the clock of the trace's timestamps (a virtual run's records
/// carry its own clock instead: see `runNow`).
#[wasm_bindgen(js_name = clockNow)]
pub fn clock_now() -> f64 {
    runtime::clock::now()
}

/// Byte offset of the trace ring in wasm memory.
#[wasm_bindgen(js_name = traceBuffer)]
pub fn trace_buffer() -> u32 {
    trace::buffer().0 as u32
}

/// Record slots in the trace ring (a power of two).
#[wasm_bindgen(js_name = traceCapacity)]
pub fn trace_capacity() -> u32 {
    trace::buffer().1 as u32
}

/// Records ever written; record `i` sits in slot `i % capacity` until overwritten.
#[wasm_bindgen(js_name = traceHead)]
pub fn trace_head() -> f64 {
    trace::head() as f64
}

/// The text behind a text id in a record ("" for an unknown id). Made in JS from the text
/// where the trace keeps it, with no allocation in the wasm: the page reads texts while it
/// folds records from views of the wasm memory, which a growth of that memory would detach.
#[wasm_bindgen(js_name = traceText)]
pub fn trace_text(id: u32) -> JsValue {
    trace::with_text(id, JsValue::from_str).unwrap_or_else(|| JsValue::from_str(""))
}

/// Things the instrumentation skipped rather than panic (should stay 0).
#[wasm_bindgen(js_name = traceAnomalies)]
pub fn trace_anomalies() -> f64 {
    trace::anomalies() as f64
}

/// Turns the trace on or off.
#[wasm_bindgen(js_name = setTracing)]
pub fn set_tracing(on: bool) {
    trace::set_on(on);
}

/// The panic message, after a crash.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    crate::last_panic()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_run_parameters_get_messages_that_say_what_to_do() {
        let err = |l, v, s, g| check_run(l, v, s, g, &[], "").err().unwrap();
        assert!(err("nope", "gather", 1.0, "tr").contains("Lessons: doctor, async-await, gather,"));
        assert!(err("gather", "x", 1.0, "tr").contains("Variants: gather, sequential"));
        assert!(err("gather", "gather", f64::NAN, "tr").contains("Speed must be a number from 0.1 to 1000"));
        assert!(err("gather", "gather", 0.0, "tr").contains("got 0"));
        assert!(err("gather", "gather", 1.0, "de").contains("\"tr\" or \"en\""));
        assert!(check_run("gather", "sequential", 2.0, "en", &[], "").is_ok());
        let mode = |m| check_run("gather", "gather", 1.0, "en", &[], m).map(|r| r.config.mode);
        assert_eq!(mode(""), Ok(Mode::Real));
        assert_eq!(mode("real"), Ok(Mode::Real));
        assert_eq!(mode("virtual"), Ok(Mode::Virtual));
        assert_eq!(mode("fast"), Err("Mode must be \"real\" or \"virtual\"; got \"fast\".".into()));
    }
}
