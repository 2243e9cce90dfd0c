//! What a script's run shares with the page: its output (lines into the trace, standard error
//! marked, capped), tracebacks in CPython's layout, the clock a script reads, the seeded
//! random generator, and the bookkeeping of its tasks (names, the live ones, the error line).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use super::aio::PyTask;
use super::interp::Interp;
use super::mt::Random;
use super::value::*;
use loopscope_core::runtime::{self, clock};
use loopscope_core::trace;
use loopscope_core::trace::record::{Kind, PRINT_STDERR, PRINT_UNFINISHED};

/// Most lines a run prints; then one note, and the rest is dropped.
pub const MAX_LINES: u32 = 10_000;

thread_local! {
    static POLL_STARTED: Cell<f64> = const { Cell::new(0.0) };
    static STACK_BASE: Cell<usize> = const { Cell::new(0) };
    static CHECKS: Cell<u32> = const { Cell::new(0) };
    /// `(run, where its exception was raised)`: at most 65 runs' (see `note_error`), so a list
    /// searched in order rather than a hash map, whose code for one more type cost about 1 KB of
    /// the gzipped wasm.
    static ERROR_LINES: RefCell<Vec<(u32, ErrorAt)>> = const { RefCell::new(Vec::new()) };
    /// `(runtime id, task)`, by id: a sorted list rather than a hash map, for the same reason.
    static TASK_LINES: RefCell<Vec<(u32, Weak<PyTask>)>> = const { RefCell::new(Vec::new()) };
}

/// A Python task's poll begins: the time slice counts from here, and the native stack's
/// depth is measured from here.
pub fn poll_started() {
    // The clock is read at the slice's first check, not here: a short poll (a yield) reads
    // no clock at all, and a long one starts its slice at most one check late.
    POLL_STARTED.with(|p| p.set(f64::NAN));
    CHECKS.with(|c| c.set(0));
    let here = 0u8;
    STACK_BASE.with(|b| b.set(std::ptr::addr_of!(here) as usize));
}

/// Native stack a poll may use before a Python call raises `RecursionError`: each Python
/// call nests a few futures' polls, and the wasm stack must never overflow (that aborts).
const STACK_BUDGET: usize = 6 << 20;

/// The wasm memory's size in bytes (0 outside wasm).
pub fn memory_bytes() -> usize {
    #[cfg(target_arch = "wasm32")]
    return core::arch::wasm32::memory_size(0) * 65536;
    #[cfg(not(target_arch = "wasm32"))]
    return 0;
}

/// Whether the native stack is nearly spent (see [`STACK_BUDGET`]).
#[inline]
pub fn stack_low() -> bool {
    let here = 0u8;
    let at = std::ptr::addr_of!(here) as usize;
    STACK_BASE.with(|b| b.get().saturating_sub(at) > STACK_BUDGET)
}

/// Checks of the slice (one every 256 steps) after which a poll on a declared clock holds its
/// run: about 51,000 steps, a few ms of real work.
const CHECKS_PER_DECLARED_SLICE: u32 = 200;

/// Whether the poll running now has had its time slice: the loop's 8 ms in a real run; in a
/// virtual run on a declared clock, a count of steps instead, so that where a long computation
/// holds its run (a record in the trace) is the same every time.
pub fn slice_spent() -> bool {
    if clock::charge(0.0) {
        let n = CHECKS.with(|c| c.get()) + 1;
        CHECKS.with(|c| c.set(n));
        return n >= CHECKS_PER_DECLARED_SLICE;
    }
    let now = clock::real_now();
    let started = POLL_STARTED.with(Cell::get);
    if started.is_nan() {
        POLL_STARTED.with(|p| p.set(now));
        return false;
    }
    now - started >= runtime::queue::SLICE_MS
}

/// Declared slices after which a virtual run's code that cannot be held is stopped: about 4
/// million steps, what the browser runs in the 2 s a real run allows (250 took 6 s there).
const STUCK_SLICES: u32 = 80;

/// Whether the poll running now has gone on far past its slice (2 s of real time, or
/// [`STUCK_SLICES`] slices' worth of steps in a virtual run): code that cannot be held (a
/// `__str__` called by a built-in) is stopped then, or the page would freeze.
pub fn stuck() -> bool {
    if clock::in_virtual_poll() {
        return CHECKS.with(Cell::get) >= STUCK_SLICES * CHECKS_PER_DECLARED_SLICE;
    }
    let started = POLL_STARTED.with(Cell::get);
    !started.is_nan() && clock::real_now() - started >= 2000.0
}

/// Charges `ms` of CPU time to a virtual run's declared clock (nothing in a real run).
pub fn charge(ms: f64) {
    clock::charge(ms);
}

/// Where a run's uncaught exception was raised: its line, the part of it that failed (0-based
/// characters `from` to `to`, which the traceback's carets mark; `to` is `u32::MAX` for a part
/// that goes on to the next lines, and both are 0 when it is not known), and whether the
/// exception ended the run.
#[derive(Clone, Copy)]
struct ErrorAt {
    line: u32,
    from: u32,
    to: u32,
    ended: bool,
    /// The program's exit status, once it `ended` the run (see [`exit_status`]).
    status: i32,
}

/// The line of `run`'s uncaught exception (0: none): the one that ended the run, or else
/// the first task's exception nobody retrieved.
pub fn error_line(run: u32) -> u32 {
    error_of(run).map_or(0, |e| e.line)
}

/// The part of [`error_line`] that failed, as `[from, to)` in characters (see [`ErrorAt`]),
/// or `None` when it is not known.
pub fn error_columns(run: u32) -> Option<(u32, u32)> {
    error_of(run).filter(|e| e.to > e.from).map(|e| (e.from, e.to))
}

/// Whether an uncaught exception ended `run` (CPython's exit status 1).
pub fn failed(run: u32) -> bool {
    error_of(run).is_some_and(|e| e.ended)
}

/// The exit status CPython's process would end `run` with: 0, 1 for an uncaught exception,
/// `sys.exit(n)`'s `n` (modulo 256), -2 for a `KeyboardInterrupt` (its signal).
pub fn exit_status(run: u32) -> i32 {
    error_of(run).filter(|e| e.ended).map_or(0, |e| e.status)
}

/// Sets the exit status of `run`, which an exception noted as ending it ended.
pub fn set_exit_status(run: u32, status: i32) {
    ERROR_LINES.with(|m| m.borrow_mut().iter_mut().filter(|(r, _)| *r == run).for_each(|(_, e)| e.status = status));
}

/// Keeps the line where `e` was raised as `run`'s error line (the first one noted, unless
/// a later one `ended` the run): the page marks it and says so.
pub fn note_error_line(run: u32, e: &Value, ended: bool) {
    let Value::Instance(i) = e else { return };
    // No frame (a group that `except*` put together at module level): no line to mark, but
    // the run failed all the same.
    let (line, span) = i.traceback.borrow().last().map_or((0, Span::default()), |&(line, _, span)| (line, span));
    let (from, to) = match span {
        Span { line: 0, .. } => (0, 0),
        Span { line: l, .. } if l != line => (0, 0),
        Span { end_line, start, end, .. } => (start, if end_line == line { end } else { u32::MAX }),
    };
    let at = ErrorAt { line, from, to, ended, status: 1 };
    ERROR_LINES.with(|m| {
        let mut m = m.borrow_mut();
        // Older runs' entries go past 64 (the page asks only of the runs it shows); this
        // run's stays, or a later note would take the place of the one that ended it.
        if m.len() > 64 {
            m.retain(|(r, _)| *r == run);
        }
        match m.iter_mut().find(|(r, _)| *r == run) {
            Some((_, entry)) if ended && !entry.ended => *entry = at,
            Some(_) => {}
            None => m.push((run, at)),
        }
    });
}

/// Where `run`'s exception was raised.
fn error_of(run: u32) -> Option<ErrorAt> {
    ERROR_LINES.with(|e| e.borrow().iter().find(|(r, _)| *r == run).map(|(_, e)| *e))
}

/// The line a live script task is at (0: unknown).
pub fn task_line(task: u32) -> u32 {
    TASK_LINES.with(|t| {
        let t = t.borrow();
        let at = t.binary_search_by_key(&task, |(id, _)| *id).ok();
        at.and_then(|at| t[at].1.upgrade()).map_or(0, |t| t.line.get())
    })
}

/// Whether a list of weak or finished entries that has grown to `len` should let its dead go
/// now: from `floor` on, each time it doubles, so that a run with many live entries (a
/// script's 60,000 tasks or timers) never walks them all at every addition.
pub fn prune_now(len: usize, floor: usize) -> bool {
    len >= floor && len.is_power_of_two()
}

/// Remembers a task's runtime id, for [`task_line`].
pub fn register_task(id: u32, task: &Rc<PyTask>) {
    TASK_LINES.with(|t| {
        let mut t = t.borrow_mut();
        if prune_now(t.len(), 4096) {
            t.retain(|(_, w)| w.strong_count() > 0);
        }
        // Ids mostly come in order: the place is nearly always the end.
        match t.binary_search_by_key(&id, |(id, _)| *id) {
            Ok(at) => t[at].1 = Rc::downgrade(task),
            Err(at) => t.insert(at, (id, Rc::downgrade(task))),
        }
    });
}

/// How a traceback is written.
#[derive(Clone, Copy)]
pub struct How {
    /// As CPython's own printer writes the one that ended the program (else as the
    /// `traceback` module does).
    pub uncaught: bool,
    /// `limit=n`: the first n frames, or the last -n.
    pub limit: Option<i64>,
    /// The exceptions it was raised from or while handling, before it (`chain=False`: not).
    pub chain: bool,
}

impl Default for How {
    fn default() -> How {
        How { uncaught: false, limit: None, chain: true }
    }
}

/// The run's output: lines, and the parts of lines as they are written, go into the trace as
/// `Print` records (`b` = 1 for standard error), as text, never markup.
pub struct Output {
    /// The run it prints in.
    pub run: Cell<u32>,
    /// The lines of standard output and of standard error being written (see [`Partial`]).
    partial: [RefCell<Partial>; 2],
    /// Parts of lines recorded unfinished so far.
    parts: Cell<u32>,
    lines: Cell<u32>,
    /// main.py's lines, for tracebacks.
    pub source: Vec<String>,
    /// What CPython writes as it exits (see [`Output::at_exit`]).
    exit_lines: RefCell<Vec<String>>,
    /// The never-awaited warnings written, by coroutine name and line: each once, as CPython's
    /// default warning filter shows a warning once per place.
    warned: RefCell<Vec<(String, u32)>>,
    /// The program has ended: what is freed now is freed by CPython's exit (`sys:1`).
    pub exiting: Cell<bool>,
    /// Which event loop runs (or is current), counted from 1: each `asyncio.run` and
    /// `new_event_loop()` makes a new one, which a task is made for and a queue, a lock or an
    /// event is bound to once a task first waits on it (see `Line`); `run_until_complete` of
    /// a task runs that task's.
    pub event_loop: Cell<u32>,
}

/// A stream's line being written: each part is recorded as it is written, unfinished until its
/// newline, so that the page shows progress dots as they come and the line's time is when its
/// first part was written, as CPython's output shows them. Standard output and standard error
/// each have their own (a line on one is not ended by the other). Past [`MAX_PARTS`] parts in
/// a run, the rest of a line waits for its newline, so that a loop printing with `end=" "`
/// cannot flood the trace.
#[derive(Default)]
struct Partial {
    /// The `Print` stream of its parts (standard error's or `logging`'s, on standard error).
    stream: u32,
    /// A part of it has been recorded, unfinished: what comes next goes on with it.
    open: bool,
    /// What was written of it and not yet recorded (past [`MAX_PARTS`]).
    held: String,
}

/// Most parts of lines a run records as they are written (see [`Partial`]).
const MAX_PARTS: u32 = 10_000;

impl Output {
    /// Records `text` as a line of `stream`, or as the rest of the line recorded `open`
    /// (unfinished) before; `unfinished`: more of it will follow. True if it was recorded
    /// unfinished: past [`MAX_LINES`] lines nothing is, and the note that says so is a line.
    fn record(&self, text: &str, stream: u32, open: bool, unfinished: bool) -> bool {
        let n = self.lines.get();
        if n > MAX_LINES {
            return false; // past the cap: the note ended the output (and any line it cut)
        }
        let (text, unfinished) = if open {
            (text, unfinished)
        } else {
            self.lines.set(n + 1);
            if n == MAX_LINES {
                ("… (Loopscope stops showing output after 10,000 lines)", false)
            } else {
                (text, unfinished)
            }
        };
        let task = runtime::current().map_or(0, |(t, _)| t);
        if !open {
            super::lines::keep_print(self.run.get(), task, super::aio::LINE.with(Cell::get));
        }
        let b = if unfinished { stream | PRINT_UNFINISHED } else { stream };
        trace::record(Kind::Print, self.run.get(), task, trace::text(text), b);
        unfinished
    }

    fn line(&self, text: &str, stream: u32) {
        self.record(text, stream, false, false);
    }

    /// Ends `p`'s line with what it holds (a newline, another stream, the run's end).
    fn end_line(&self, p: &mut Partial) {
        if p.open || !p.held.is_empty() {
            let held = std::mem::take(&mut p.held);
            self.record(&held, p.stream, std::mem::take(&mut p.open), false);
        }
    }

    /// Writes `text` to stdout or stderr: each line, or part of one, is recorded as it comes
    /// (see [`Partial`]).
    pub fn write(&self, text: &str, stderr: bool) {
        self.write_to(text, if stderr { PRINT_STDERR } else { 0 });
    }

    /// One of asyncio's error reports: a record of its logger once the script configured
    /// logging (see `logging::asyncio_error`), else written to stderr as it stands.
    /// `context`: its message and exception, for a handler the script set
    /// (`loop.set_exception_handler`), which is called at once instead.
    pub fn asyncio_error(&self, text: &str, context: Option<(&str, &Value)>) {
        if context.is_some_and(|(message, e)| crate::aio::handle_exception(message, e)) {
            return;
        }
        if !crate::logging::asyncio_log(text, 40) {
            self.write(text, true);
        }
    }

    /// A warning of asyncio's (its debug mode's slow step), logged as [`Output::asyncio_error`].
    pub fn asyncio_warning(&self, text: &str) {
        if !crate::logging::asyncio_log(text, 30) {
            self.write(&format!("{text}\n"), true);
        }
    }

    /// [`Output::write`] to a `Print` record's stream (`PRINT_LOG`: stderr, from `logging`).
    pub fn write_to(&self, text: &str, stream: u32) {
        let mut partial = self.partial[usize::from(stream != 0)].borrow_mut();
        let p = &mut *partial;
        if p.stream != stream {
            self.end_line(p); // `logging` after a part of a line
        }
        p.stream = stream;
        let mut rest = text;
        while let Some(at) = rest.find('\n') {
            let segment = &rest[..at];
            if p.open || !p.held.is_empty() || !segment.is_empty() {
                p.held.push_str(segment);
                self.end_line(p);
            } else {
                self.line("", stream); // an empty line of its own
            }
            rest = &rest[at + 1..];
        }
        if rest.is_empty() {
            return;
        }
        if self.parts.get() < MAX_PARTS {
            self.parts.set(self.parts.get() + 1);
            let part = if p.held.is_empty() { rest.to_string() } else { std::mem::take(&mut p.held) + rest };
            p.open = self.record(&part, stream, p.open, true);
        } else {
            p.held.push_str(rest);
        }
    }

    /// A line CPython writes to standard error as it exits, once however often it is given.
    pub fn at_exit(&self, line: String) {
        let mut lines = self.exit_lines.borrow_mut();
        if !lines.contains(&line) {
            lines.push(line);
        }
    }

    /// Ends the lines left without a newline, then records the exit's lines (at the run's end).
    pub fn flush(&self) {
        for cell in &self.partial {
            self.end_line(&mut cell.borrow_mut()); // a line left without its newline ends
        }
        let exit_lines = std::mem::take(&mut *self.exit_lines.borrow_mut());
        for line in exit_lines.iter().flat_map(|l| l.split('\n')) {
            self.line(line, PRINT_STDERR);
        }
    }

    /// The traceback of `e`, as Python's `traceback` module writes it (a task's exception
    /// nobody retrieved, `logging`): frames of main.py, each with its line, stripped.
    pub fn traceback(&self, e: &Value) -> String {
        self.traceback_as(e, How::default())
    }

    /// [`Output::traceback`] as the `traceback` module's `limit=` and `chain=` ask for it.
    pub fn traceback_as(&self, e: &Value, how: How) -> String {
        let mut out = String::new();
        self.chain(e, &mut out, 0, 0, &mut Vec::new(), how);
        out
    }

    /// The traceback of `e` that ended the program, as CPython's own printer writes it: a
    /// line keeps the spaces after its text, and the carets show where they do not span it.
    pub fn uncaught(&self, e: &Value) -> String {
        let mut out = String::new();
        self.chain(e, &mut out, 0, 0, &mut Vec::new(), How { uncaught: true, ..How::default() });
        out
    }

    /// `e`'s traceback after those it was raised from or while handling; inside an exception
    /// group (`group` deep), each line behind the group's margin, as CPython draws it. `seen`:
    /// the exceptions already printed, as CPython keeps them (an exception re-raised from a
    /// group's handler has the group as its context, and the group holds it).
    fn chain(
        &self,
        e: &Value,
        out: &mut String,
        depth: usize,
        group: usize,
        seen: &mut Vec<*const Instance>,
        how: How,
    ) {
        let c = how.uncaught;
        let Value::Instance(i) = e else { return };
        seen.push(Rc::as_ptr(i));
        let unseen = |v: Option<Value>| v.filter(|v| !matches!(v, Value::Instance(x) if seen.contains(&Rc::as_ptr(x))));
        if depth < 10 && how.chain {
            if let Some(cause) = unseen(i.cause.borrow().clone()) {
                self.chain(&cause, out, depth + 1, group, seen, how);
                emit(out, group, '|', "\nThe above exception was the direct cause of the following exception:\n\n");
            } else if let (Some(ctx), false) = (unseen(i.context.borrow().clone()), i.suppress_context.get()) {
                self.chain(&ctx, out, depth + 1, group, seen, how);
                emit(out, group, '|', "\nDuring handling of the above exception, another exception occurred:\n\n");
            }
        }
        let subs = match i.get(super::ast::intern("exceptions")) {
            Some(Value::Tuple(t)) if i.class.is_group() => Some(t),
            _ => None,
        };
        // A group nested past CPython's `max_group_depth` is one line.
        if subs.is_some() && group > MAX_GROUP_DEPTH {
            emit(out, group, '|', &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"));
            return;
        }
        let mut frames = String::new();
        let all = i.traceback.borrow();
        // `limit=n`: the first n frames, or the last -n.
        let tb = match how.limit {
            Some(n) if n >= 0 => &all[..all.len().min(n as usize)],
            Some(n) => &all[all.len() - all.len().min(n.unsigned_abs() as usize)..],
            // CPython's own printer shows the innermost 1,000 (its `PyTraceBack_LIMIT`).
            None if c => &all[all.len().saturating_sub(1000)..],
            None => &all[..],
        };
        let mut k = 0;
        while k < tb.len() {
            let (line, func, _) = &tb[k];
            // As CPython: a frame repeated in a row (a runaway recursion) is shown three
            // times, then counted.
            let run = tb[k..].iter().take_while(|f| f.0 == *line && f.1 == *func).count();
            // Each with its own carets (`f(n - 1) + f(n - 2)`: a frame per call).
            for (_, _, span) in &tb[k..k + run.min(3)] {
                frames.push_str(&format!("  File \"main.py\", line {line}, in {func}\n"));
                if let Some(src) = self.source.get((*line as usize).wrapping_sub(1)) {
                    if !src.trim().is_empty() {
                        // The C printer takes off spaces, tabs and form feeds only; `traceback`'s
                        // functions strip as `str.strip` does.
                        let shown = if c { src.trim_start_matches([' ', '\t', '\x0c']) } else { src.trim() };
                        frames.push_str(&format!("    {shown}\n"));
                        if let Some(marks) = carets(src, span, c) {
                            frames.push_str(&marks);
                        }
                    }
                }
            }
            if run > 3 {
                let more = run - 3;
                frames.push_str(&format!(
                    "  [Previous line repeated {more} more time{}]\n",
                    if more == 1 { "" } else { "s" }
                ));
            }
            k += run;
        }
        drop(all);
        let g = if subs.is_some() { group.max(1) } else { group };
        if !frames.is_empty() || (i.raised.get() && how.limit != Some(0)) {
            let (margin, title) = match subs {
                Some(_) if group == 0 => ('+', "Exception Group Traceback"),
                Some(_) => ('|', "Exception Group Traceback"),
                None => ('|', "Traceback"),
            };
            emit(out, g, margin, &format!("{title} (most recent call last):\n"));
            if !frames.is_empty() {
                emit(out, g, '|', &frames);
            }
        }
        // The message's first line behind the margin; the rest as they are, as CPython's own
        // printer writes them (the `traceback` module's puts every line behind it).
        let line = exception_line(e, c);
        let (first, rest) = line.split_once('\n').filter(|_| c).unwrap_or((&line, ""));
        emit(out, g, '|', &format!("{first}\n"));
        if !rest.is_empty() || first.len() < line.len() {
            out.push_str(rest);
            out.push('\n');
        }
        // Its notes, each behind the margin: a note that is no str as `str()` gives it, notes
        // that are no list as their items (a str's characters), or as `repr()` gives them.
        match i.get(super::ast::intern("__notes__")) {
            None => {}
            Some(notes @ (Value::List(_) | Value::Tuple(_) | Value::Str(_))) => {
                for note in super::builtins::iterate(&notes).unwrap_or_default() {
                    emit(out, g, '|', &format!("{}\n", note.to_str()));
                }
            }
            Some(other) => emit(out, g, '|', &format!("{}\n", other.repr())),
        }
        if let Some(subs) = subs {
            // As CPython: at most `max_group_width` of them, then how many more there are.
            let shown = subs.len().min(MAX_GROUP_WIDTH + 1);
            for (k, sub) in subs.iter().take(shown).enumerate() {
                let lead = if k == 0 { "+-" } else { "  " };
                let indent = "  ".repeat(g);
                if k < MAX_GROUP_WIDTH {
                    out.push_str(&format!("{indent}{lead}+---------------- {} ----------------\n", k + 1));
                    self.chain(sub, out, depth + 1, g + 1, seen, how);
                } else {
                    out.push_str(&format!("{indent}{lead}+---------------- ... ----------------\n"));
                    let more = subs.len() - MAX_GROUP_WIDTH;
                    emit(out, g + 1, '|', &format!("and {more} more exception{}\n", if more > 1 { "s" } else { "" }));
                }
            }
            // One closing line: a last sub-exception that is a group drawn in full closed it.
            let closed = shown == subs.len()
                && g < MAX_GROUP_DEPTH
                && matches!(subs.last(), Some(Value::Instance(x)) if x.class.is_group());
            if !closed {
                out.push_str(&format!("{}+------------------------------------\n", "  ".repeat(g + 1)));
            }
        }
    }

    /// CPython's warning for a coroutine collected before it ever ran, at the line running then.
    pub fn never_awaited(&self, name: &str, line: u32) {
        let message = format!("RuntimeWarning: coroutine '{name}' was never awaited");
        if self.exiting.get() {
            // At exit CPython names no line (and, its imports failing, seldom suggests tracemalloc).
            return self.at_exit(format!("sys:1: {message}"));
        }
        if self.warn(&message, line) {
            self.write("RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n", true);
        }
    }

    /// A warning (`"DeprecationWarning: …"`) at `line` of main.py, with its source, as
    /// CPython's default filter shows it: once per message and line. False if shown before.
    pub fn warn(&self, message: &str, line: u32) -> bool {
        let key = (message.to_string(), line);
        if self.warned.borrow().contains(&key) {
            return false;
        }
        self.warned.borrow_mut().push(key);
        let src = self.source.get((line as usize).wrapping_sub(1)).map_or("", |s| s.trim());
        self.write(&format!("main.py:{line}: {message}\n  {src}\n"), true);
        true
    }

    /// CPython's "Task exception was never retrieved" log.
    pub fn never_retrieved(&self, name: &str, coro: &str, line: u32, e: &Value) {
        let text = format!(
            "Task exception was never retrieved\nfuture: <Task finished name='{name}' coro=<{coro}() done, defined at main.py:{line}> exception={}>\n{}",
            e.repr(),
            self.traceback(e)
        );
        self.asyncio_error(&text, Some(("Task exception was never retrieved", e)));
    }
}

/// How many sub-exceptions of a group CPython's traceback shows (`max_group_width`).
const MAX_GROUP_WIDTH: usize = 15;
/// How deep it draws groups nested in groups (`max_group_depth`).
const MAX_GROUP_DEPTH: usize = 10;

/// Writes `text`'s lines, `group` deep in exception groups: behind `group` indents and the
/// margin character (CPython's `+` on a group's first line, `|` on the others).
fn emit(out: &mut String, group: usize, margin: char, text: &str) {
    if group == 0 {
        out.push_str(text);
        return;
    }
    for line in text.strip_suffix('\n').unwrap_or(text).split('\n') {
        out.push_str(&"  ".repeat(group));
        out.push(margin);
        out.push(' ');
        out.push_str(line);
        out.push('\n');
    }
}

/// The carets CPython 3.11 draws under a frame's line `src` at `span` (see [`Span`]): `^`
/// under the part that failed, or, for a binary operator or a subscript on one line, `^`
/// under the operator or the brackets and `~` under the rest. None when nothing is known,
/// or when the part is the whole line and has no operator to show.
fn carets(src: &str, span: &Span, spaces_after: bool) -> Option<String> {
    if span.line == 0 {
        return None;
    }
    let chars: Vec<char> = src.chars().collect();
    let indent = chars.iter().take_while(|c| c.is_whitespace()).count();
    let text = chars.len() - chars.iter().rev().take_while(|c| c.is_whitespace()).count();
    let start = span.start as usize;
    let (end, anchors) = if span.end_line == span.line {
        let end = (span.end as usize).min(chars.len());
        let at = |i: usize| chars.get(i).copied().unwrap_or(' ');
        let anchors = match span.kind {
            // As CPython's: from the left operand's end, past spaces and closing brackets, to
            // the operator, one or two characters long.
            1 => {
                let mut i = span.a as usize;
                while i < span.b as usize && (at(i).is_whitespace() || at(i) == ')') {
                    i += 1;
                }
                let two = i + 1 < span.b as usize && !at(i + 1).is_whitespace();
                (i < span.b as usize).then_some((i, i + 1 + usize::from(two)))
            }
            // From the `[` after the value to just past the `]` after the index.
            2 => {
                let (mut l, mut r) = (span.a as usize, span.b as usize);
                while l < end && at(l) != '[' {
                    l += 1;
                }
                while r < end && at(r) != ']' {
                    r += 1;
                }
                Some((l, (r + 1).min(end)))
            }
            _ => None,
        };
        (end, anchors)
    } else if spaces_after {
        (c_line_end(src), None) // to the end of the line's text, as CPython's C printer finds it
    } else {
        (text, None) // to the end of the line's text
    };
    // CPython's own printer keeps the spaces after a line's text, so a span of the whole text
    // leaves them out and gets its carets; Python's `traceback` module strips them.
    let shown = if spaces_after && span.end_line == span.line { chars.len() } else { text };
    if spaces_after && span.end_line != span.line && end <= start && start >= indent {
        // Its end found before the start: a line of the margin alone, no caret.
        return Some(format!("    {}\n", " ".repeat(start - indent)));
    }
    if start < indent || end <= start || (end - start >= shown - indent && anchors.is_none()) {
        return None;
    }
    // Columns, not characters: a wide character (`日`, `🎉`) is two, as CPython counts it.
    let columns = |from: usize, to: usize| chars[from..to].iter().map(|&c| super::width::width(c)).sum::<usize>();
    let mut out = format!("    {}", " ".repeat(columns(indent, start)));
    for i in start..end {
        let under = match anchors {
            Some((l, r)) if i < l || i >= r => '~',
            _ => '^',
        };
        (0..columns(i, i + 1)).for_each(|_| out.push(under));
    }
    out.push('\n');
    Some(out)
}

/// Where CPython 3.11's C printer ends the first line of a span over several lines: it looks
/// back for the last character that is no space from the line's length in characters, but in
/// its UTF-8 bytes, so each `ç` or `ş` on the line moves the end (a caret more, or none).
fn c_line_end(src: &str) -> usize {
    let (bytes, chars) = (src.as_bytes(), src.chars().count());
    let from = chars.min(bytes.len());
    bytes[..from].iter().rposition(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')).map_or(0, |i| i + 1)
}

/// The last line of a traceback: `ValueError: message`; with CPython's "Did you mean" when
/// `suggest` (3.11 adds it in its own printer of an uncaught exception, not in `traceback`'s).
pub fn exception_line(e: &Value, suggest: bool) -> String {
    let Value::Instance(i) = e else { return e.repr() };
    let name = match crate::value::module_of(&i.class) {
        "builtins" => i.class.name.to_string(),
        "__main__" => i.class.qualname().to_string(),
        module => format!("{module}.{}", i.class.name),
    };
    // A script's `__str__` gives the message, run by the interpreter running now or, for a
    // task freed between steps, the one that ran last (none once the run is over: then the
    // message its arguments make).
    let mut msg = match (i.class.lookup(super::ast::intern("__str__")), crate::aio::running_or_last()) {
        (Some(m @ Value::Func(_)), Some(interp)) => match interp.call_sync(m, vec![e.clone()]) {
            Ok(Value::Str(s)) => s.to_string(),
            _ => "<exception str() failed>".into(),
        },
        // Its arguments' own `__str__` and `__repr__` asked (`ValueError(obj)`, `KeyError(obj)`).
        (_, Some(interp)) => crate::value::write_by(Rc::downgrade(&interp), || exception_str(i))
            .unwrap_or_else(|_| "<exception str() failed>".into()),
        _ => exception_str(i),
    };
    if let Some(s) = super::suggest::of(i).filter(|_| suggest) {
        msg.push_str(&format!(". Did you mean: '{}'?", s.to_str()));
    }
    if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }
}

/// The run's host: output, clock, randomness, task bookkeeping.
pub struct Host {
    /// The run's output.
    pub out: Rc<Output>,
    interp: RefCell<Weak<Interp>>,
    tasks: RefCell<Vec<Weak<PyTask>>>,
    /// Gathers not done yet, held as CPython's children's done callbacks hold their gather:
    /// one nobody awaits still takes its children's errors, and reports its own.
    gathers: RefCell<std::collections::BTreeMap<usize, Rc<PyTask>>>,
    next_task: Cell<u32>,
    /// The seeded generator of `random`.
    pub random: RefCell<Random>,
    /// The run's speed (1 in virtual time).
    pub speed: f64,
    started: Cell<f64>,
    /// `asyncio.run` or `run_until_complete` calls in progress (`loop.is_running()`).
    pub loop_running: Cell<u32>,
    /// The frames CPython has under a task's coroutine in the loop running now, which count
    /// against the recursion limit as its do: the script's own, then asyncio's (8 under
    /// `asyncio.run`, 6 under `run_until_complete`).
    pub loop_depth: Cell<u32>,
    /// `loop.close()` was called.
    pub loop_closed: Cell<bool>,
    /// The loop is in asyncio's debug mode (`asyncio.run(…, debug=True)`,
    /// `loop.set_debug(True)`): a task's step of 0.1 s or more is logged, as CPython's
    /// slow-callback warning, the way tutorials find a blocking call.
    pub debug: Cell<bool>,
    /// How long a step must hold the loop for debug mode to log it (`loop.slow_callback_duration`).
    pub slow_callback: Cell<f64>,
    /// When `asyncio.run` started its loop in debug mode: its coroutine's first step, taken
    /// inside the poll that called it, counts from there.
    pub debug_step: Cell<Option<f64>>,
    /// `asyncio.run` ended (or `set_event_loop(None)` was called): no loop is current.
    pub loop_unset: Cell<bool>,
    /// A task or a callback was queued while no loop ran: the next `run_until_complete`
    /// lets it take its step before its own coroutine's.
    pub queued_outside: Cell<bool>,
    /// What `loop.run_forever()` waits for, which `loop.stop()` completes.
    pub stopper: RefCell<Option<Rc<crate::aio::PyTask>>>,
    /// A `SystemExit` or `KeyboardInterrupt` a task raised: as in CPython, it leaves the loop,
    /// which stops, and is raised where the loop was run (`asyncio.run`).
    pub escaped: RefCell<Option<Value>>,
    /// The tasks whose step was due while it left the loop: not taken then (see
    /// `TaskFuture::poll`), woken once it is raised (or asyncio.run cancels them).
    pub held: RefCell<Vec<std::task::Waker>>,
    /// Tasks made for another event loop than the one running, with it: woken when that loop
    /// runs (`run_until_complete` of one of its tasks), if ever.
    pub parked: RefCell<Vec<(u32, std::task::Waker)>>,
    /// The async generators first iterated while a loop ran, with that loop (CPython's
    /// `firstiter` hook): `asyncio.run` closes those still suspended as it ends.
    pub asyncgens: RefCell<Vec<(u32, Weak<crate::interp::Gen>)>>,
    /// The port the next connection's client end takes (`get_extra_info("peername")`).
    next_port: Cell<i64>,
    /// The task that raised it, kept until the program's end as CPython's traceback keeps it:
    /// its "never retrieved" comes after the program's last traceback.
    pub escaped_by: RefCell<Option<Rc<crate::aio::PyTask>>>,
    /// The tasks that failed, for the program's end (`aio::report_failed_in_cycles`).
    pub failed: RefCell<Vec<Weak<crate::aio::PyTask>>>,
    /// `loop.stop()` was called with no `run_forever` running: the next one takes one turn.
    pub stop_asked: Cell<bool>,
    /// The elements of each set display of constants made so far, in its order: CPython's
    /// compiler makes one frozenset constant of all equal ones in a program, which the first
    /// display's order laid out (see `Interp::display`).
    pub constant_sets: RefCell<Vec<Vec<Value>>>,
    /// What `loop.set_exception_handler` set: called, instead of the log, with the loop and
    /// the error's context.
    pub exception_handler: RefCell<Option<Value>>,
    /// The event loop as the script sees it: one object, so `fut.get_loop() is loop`.
    pub event_loop: Value,
    /// The lanes of `call_later`/`call_at` callbacks not yet due: `asyncio.run` drops those
    /// still waiting when it closes its loop, as CPython's loop does.
    pub timers: RefCell<Vec<crate::aio::Job>>,
    /// Servers the script started (`asyncio.start_server`): "host:port" and the callback.
    pub listeners: RefCell<Vec<(String, Value)>>,
    /// The `serve_forever` calls waiting, by server: `close()` ends them.
    pub serving: RefCell<Vec<(Rc<str>, std::task::Waker)>>,
    /// The simulated websocket server and what the script received from it.
    pub websockets: super::websockets::Network,
    /// The modules imported so far (`sys.modules`): a second `import` gives the same module,
    /// and with it the same state (`logging`'s loggers).
    modules: RefCell<Vec<(String, Value)>>,
    /// The default executor's threads (`asyncio_0`, …): how many were made, the idle ones in
    /// the order they went idle (the next call takes the first, as CPython's pool does), and
    /// the calls waiting for one, each a future its thread number is handed to.
    workers: RefCell<(u32, VecDeque<u32>, VecDeque<Rc<PyTask>>)>,
}

/// The default executor's threads at most: CPython's `min(32, os.cpu_count() + 4)` on a
/// machine of 2 CPUs, as the corpus is recorded on (`sys.platform` is that machine's too).
pub const MAX_WORKERS: u32 = 6;

impl Host {
    /// A host for a run of `source`.
    pub fn new(source: &str, seed: i64, speed: f64) -> Host {
        Host {
            out: Rc::new(Output {
                run: Cell::new(0),
                partial: Default::default(),
                parts: Cell::new(0),
                lines: Cell::new(0),
                source: source.lines().map(String::from).collect(),
                exit_lines: RefCell::default(),
                warned: RefCell::default(),
                exiting: Cell::new(false),
                event_loop: Cell::new(1),
            }),
            interp: RefCell::default(),
            tasks: RefCell::default(),
            gathers: RefCell::default(),
            timers: RefCell::default(),
            event_loop: Value::Native(Rc::new(crate::aio::Native::Loop)),
            next_task: Cell::new(0),
            random: RefCell::new(Random::new(seed)),
            speed,
            started: Cell::new(0.0),
            loop_running: Cell::new(0),
            loop_depth: Cell::new(9),
            loop_closed: Cell::new(false),
            debug: Cell::new(false),
            slow_callback: Cell::new(0.1),
            debug_step: Cell::new(None),
            loop_unset: Cell::new(false),
            queued_outside: Cell::new(false),
            stopper: RefCell::default(),
            escaped: RefCell::default(),
            held: RefCell::default(),
            parked: RefCell::default(),
            asyncgens: RefCell::default(),
            next_port: Cell::new(50000),
            escaped_by: RefCell::default(),
            failed: RefCell::default(),
            constant_sets: RefCell::default(),
            stop_asked: Cell::new(false),
            exception_handler: RefCell::new(None),
            listeners: RefCell::default(),
            serving: RefCell::default(),
            websockets: Default::default(),
            modules: RefCell::default(),
            workers: RefCell::default(),
        }
    }

    /// A thread of the default executor for a new call: an idle one, else a new one, else
    /// (all [`MAX_WORKERS`] busy) none: the call waits in line ([`Host::worker_wait`]).
    pub fn worker_take(&self) -> Option<u32> {
        let mut w = self.workers.borrow_mut();
        w.1.pop_front().or_else(|| {
            (w.0 < MAX_WORKERS).then(|| {
                w.0 += 1;
                w.0 - 1
            })
        })
    }

    /// A call waits for a thread: `fut` is given the number of the next one freed.
    pub fn worker_wait(&self, fut: Rc<PyTask>) {
        self.workers.borrow_mut().2.push_back(fut);
    }

    /// Thread `n` of the default executor is done with its call: the first call waiting (one
    /// whose future is still pending) takes it, else it is idle.
    pub fn worker_free(&self, n: u32) -> Option<Rc<PyTask>> {
        let mut w = self.workers.borrow_mut();
        while let Some(fut) = w.2.pop_front() {
            if !fut.done() {
                return Some(fut);
            }
        }
        w.1.push_back(n);
        None
    }

    /// The `SystemExit` or `KeyboardInterrupt` that left the loop, taken where the loop was
    /// run to be raised there: the tasks held meanwhile take their steps again.
    pub fn take_escaped(&self) -> Option<Value> {
        let e = self.escaped.borrow_mut().take();
        for w in self.held.take() {
            w.wake();
        }
        e
    }

    /// The run's module `name`, if the script imported it.
    pub fn imported(&self, name: &str) -> Option<Value> {
        self.modules.borrow().iter().find(|(n, _)| n == name).map(|(_, m)| m.clone())
    }

    /// `import name`: the run's module of that name, made at its first import.
    pub fn import(&self, name: &str) -> PyResult {
        if let Some(m) = self.imported(name) {
            return Ok(m);
        }
        let m = crate::modules::import(name)?;
        self.modules.borrow_mut().push((name.to_string(), m.clone()));
        Ok(m)
    }

    /// Ties the host to its interpreter (which owns it) and its run.
    pub fn attach(&self, interp: &Rc<Interp>, run: u32) {
        *self.interp.borrow_mut() = Rc::downgrade(interp);
        self.out.run.set(run);
        self.started.set(runtime::run_now(run).unwrap_or(0.0));
    }

    /// The interpreter, weakly (a coroutine must not keep a finished run alive).
    pub fn interp(&self) -> Weak<Interp> {
        self.interp.borrow().clone()
    }

    /// A new connection's client port, as an ephemeral port: 50000, 50001, …
    pub fn next_port(&self) -> i64 {
        let port = self.next_port.get();
        self.next_port.set(port + 1);
        port
    }

    /// The interpreter, or an error once the run has ended.
    pub fn rc(&self) -> PyResult<Rc<Interp>> {
        self.interp.borrow().upgrade().ok_or_else(|| exc("RuntimeError", "the run has ended"))
    }

    /// Writes to standard output (or error).
    pub fn write(&self, text: &str, stderr: bool) {
        self.out.write(text, stderr);
    }

    /// An uncaught exception ended the run (`ended`) or a task: its innermost line is the
    /// run's error line.
    pub fn note_error(&self, e: &Value, ended: bool) {
        note_error_line(self.out.run.get(), e, ended);
    }

    /// `Task-N`, as CPython names tasks, in the order they are made (`asyncio.run`'s main is
    /// `Task-1` unless tasks were made before it).
    pub fn next_task_name(&self) -> String {
        let n = self.next_task.get() + 1;
        self.next_task.set(n);
        format!("Task-{n}")
    }

    /// Keeps a weak reference to a task, for `all_tasks` and `asyncio.run`'s clean-up.
    pub fn track(&self, task: &Rc<PyTask>) {
        let mut tasks = self.tasks.borrow_mut();
        if prune_now(tasks.len(), 1024) {
            tasks.retain(|t| t.upgrade().is_some_and(|t| !t.done()));
        }
        tasks.push(Rc::downgrade(task));
    }

    /// A task or a callback was queued: noted if no loop runs (see `queued_outside`).
    pub fn note_queued(&self) {
        if self.loop_running.get() == 0 {
            self.queued_outside.set(true);
        }
    }

    /// Holds a gather until it is done (see `gathers`).
    pub fn hold_gather(&self, gather: &Rc<PyTask>) {
        self.gathers.borrow_mut().insert(Rc::as_ptr(gather) as usize, Rc::clone(gather));
    }

    /// A held gather is done: let go of it.
    pub fn release_gather(&self, gather: &Rc<PyTask>) {
        let released = self.gathers.borrow_mut().remove(&(Rc::as_ptr(gather) as usize));
        drop(released); // out of the borrow: its drop may report its error
    }

    /// The tasks not yet done.
    pub fn live_tasks(&self) -> Vec<Rc<PyTask>> {
        self.tasks.borrow().iter().filter_map(Weak::upgrade).filter(|t| !t.done() && !t.is_loop.get()).collect()
    }

    /// The run's clock (ms, as the runtime reads it) when `secs` of lesson time have passed
    /// since the run started: where a `call_at(when)` is due.
    pub fn clock_at(&self, secs: f64) -> f64 {
        self.started.get() + secs * 1000.0 / self.speed
    }

    /// Seconds of lesson time since the run started (virtual in virtual time).
    pub fn lesson_secs(&self) -> f64 {
        if let Some(i) = self.interp.borrow().upgrade() {
            i.charge_steps();
        }
        // Inside a virtual poll the clock counts what the poll declared so far (a blocking
        // `time.sleep`, the steps): the run's own clock moves on only once the poll is over.
        let now = if clock::in_virtual_poll() {
            clock::now()
        } else {
            runtime::run_now(self.out.run.get()).unwrap_or(self.started.get())
        };
        (now - self.started.get()) * self.speed / 1000.0
    }
}
