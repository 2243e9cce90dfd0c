//! Script mode: the learner's own asyncio Python, run by a small interpreter whose every
//! Python task is a task of the runtime, traced like the lessons' tasks.
//!
//! - [`ast`]: the syntax tree; [`lexer`] and [`parser`] make it from source, with
//!   CPython's syntax error messages.
//! - [`interp`]: the evaluator (async, so an `await` suspends the runtime task running it).
//! - [`value`]: Python values and the built-in classes; [`builtins`]: built-in functions,
//!   methods and operators; [`format`]: how values print; [`mt`]: CPython's `random`.
//! - [`lines`]: which lines each poll ran, for the page's code marks.
//! - [`aio`]: asyncio on the runtime (tasks, sleep, gather, wait_for, queues, locks…);
//!   [`modules`]: what `import` may give; [`websockets`]: the stand-in bound to the page's
//!   simulated server; [`host`]: output, tracebacks and the run's clock.
//!
//! A crate of its own, built for size (see the profile overrides in the root Cargo.toml): it
//! is most of the wasm's code, while the loop it runs on (`loopscope-core`) stays at
//! opt-level 3. The root crate re-exports it as `loopscope::script`.
#![deny(missing_docs)]
#![warn(clippy::undocumented_unsafe_blocks, clippy::missing_safety_doc, unsafe_op_in_unsafe_fn)]

pub mod abc;
pub mod aio;
pub mod ast;
pub mod builtins;
pub mod bytes;
pub mod collections;
pub mod contextlib;
pub mod contextvars;
pub mod copy;
pub mod dataclasses;
pub mod datetime;
pub mod deque;
pub mod enums;
pub mod format;
pub mod functools;
pub mod heapq;
pub mod hints;
pub mod host;
pub mod interp;
pub mod itertools;
pub mod lexer;
pub mod lines;
pub mod logging;
pub mod math;
pub mod modules;
pub mod mt;
pub mod namedtuple;
pub mod parser;
pub mod suggest;
pub mod value;
pub mod websockets;
pub mod width;

use std::rc::Rc;

use loopscope_core::runtime::{self, Mode, RunConfig};

/// A syntax error as CPython prints it: the place, the line, a caret, the message.
pub fn syntax_report(source: &str, e: &parser::SyntaxError) -> String {
    let mut out = format!("  File \"main.py\", line {}\n", e.line);
    if let Some((text, at)) = &e.shown {
        let (pad, width) = ((*at as usize).saturating_sub(1), e.end_col.saturating_sub(e.col).max(1) as usize);
        out.push_str(&format!(
            "    {text}\n    {}{}\n{}: {}",
            " ".repeat(pad),
            "^".repeat(width),
            e.type_name(),
            e.message
        ));
        return out;
    }
    if let Some(line) = source.lines().nth((e.line as usize).wrapping_sub(1)) {
        // CPython's printer takes off the leading spaces, tabs and form feeds only (a
        // no-break space stays, and so do the spaces at the end); a blank line is shown.
        let text = line.trim_start_matches([' ', '\t', '\x0c']);
        let indent = line.chars().count() - text.chars().count();
        out.push_str(&format!("    {text}\n"));
        if e.message == "unexpected indent" || e.type_name() == "TabError" {
            // CPython marks no column for it: the whole line is the mistake.
            out.push_str(&format!("{}: {}", e.type_name(), e.message));
            return out;
        }
        let (start, width) = e.caret(text, indent);
        out.push_str(&format!("    {}{}\n", " ".repeat(start), "^".repeat(width)));
    }
    out.push_str(&format!("{}: {}", e.type_name(), e.message));
    out
}

/// Whether a block has a hint at its own level (`x: int`), inside its compound statements
/// but not in a function or a class.
fn annotates(block: &[ast::Stmt]) -> bool {
    use ast::StmtKind as S;
    block.iter().any(|s| match &s.kind {
        S::AnnAssign { .. } => true,
        S::If { body, orelse, .. } | S::While { body, orelse, .. } | S::For { body, orelse, .. } => {
            annotates(body) || annotates(orelse)
        }
        S::Try { body, handlers, orelse, finalbody } => {
            annotates(body) || handlers.iter().any(|h| annotates(&h.body)) || annotates(orelse) || annotates(finalbody)
        }
        S::With { body, .. } => annotates(body),
        S::Match { cases, .. } => cases.iter().any(|c| annotates(&c.body)),
        _ => false,
    })
}

/// Starts a run of `source` on the runtime: its module runs as the run's root task, named
/// "main", and each Python task is a task of the run. A virtual run's clock counts only
/// declared time (sleeps, `time.sleep`, and 30 ns per interpreter step), so it is the same on
/// every machine. Errs with the syntax report if the source does not parse.
pub fn start(source: &str, config: RunConfig, seed: i64) -> Result<u32, String> {
    let module = Rc::new(parser::parse(source).map_err(|e| syntax_report(source, &e))?);
    let speed = if config.mode == Mode::Virtual { 1.0 } else { config.speed };
    let interp = interp::Interp::new(host::Host::new(source, seed, speed));
    let root = Rc::clone(&interp);
    let body = async move {
        // The compiler's warnings, before anything runs.
        for (line, message) in &module.warnings {
            let src = root.host.out.source.get((*line as usize).wrapping_sub(1)).map_or("", |s| s.trim());
            root.host.write(&format!("main.py:{line}: SyntaxWarning: {message}\n  {src}\n"), true);
        }
        let scope = Rc::clone(&root.module_scope);
        let doc = ast::docstring(&module.body).map_or(value::Value::None, value::Value::Str);
        root.globals.borrow_mut().insert(ast::intern("__doc__"), doc);
        // A module with hints of its own starts with an empty `__annotations__` (CPython's
        // SETUP_ANNOTATIONS), which its `x: int = 1` lines fill.
        if annotates(&module.body) {
            root.globals.borrow_mut().insert(ast::intern("__annotations__"), value::Value::dict(Default::default()));
        }
        let out = root.exec_block(&scope, &module.body).await;
        if out.is_ok() {
            root.close_freed(); // freed by the last statement
        } else {
            root.finalize_freed(); // what the error's way out freed, before its traceback
        }
        // What is freed from here on, CPython frees as it exits.
        root.host.out.exiting.set(true);
        interp::forget_freed(&root);
        aio::report_abandoned(&root);
        match out {
            // `exit()`: no traceback; a code other than an int or None is printed, as CPython
            // does, and any but 0 or None is a failure (its line marked, its lane raised).
            Err(value::Value::Instance(e)) if e.class.is_subclass(&value::exc_class("SystemExit")) => {
                let code = value::exit_code(&e);
                match &code {
                    value::Value::None | value::Value::Int(_) | value::Value::Bool(_) => {}
                    code => root.host.write(&format!("{}\n", code.to_str()), true),
                }
                if code.truthy() {
                    root.host.note_error(&value::Value::Instance(e), true);
                    let status = match code {
                        value::Value::Int(n) => n.rem_euclid(256) as i32,
                        _ => 1,
                    };
                    host::set_exit_status(root.host.out.run.get(), status);
                    runtime::raised_current();
                }
            }
            Err(e) => {
                root.host.note_error(&e, true);
                if e.class().is_subclass(&value::exc_class("KeyboardInterrupt")) {
                    host::set_exit_status(root.host.out.run.get(), -2);
                }
                let report = root.host.out.uncaught(&e);
                root.host.write(&report, true);
                runtime::raised_current(); // its lane ends raised, not returned
            }
            Ok(_) => {}
        }
        drop(root.host.escaped_by.borrow_mut().take());
        root.exit_frames();
        aio::report_failed_in_cycles(&root.host);
        root.host.out.flush();
        Ok(value::Value::None)
    };
    let future = aio::root(&interp, Box::pin(body));
    let run = runtime::start_run(config, "main", future);
    interp.host.attach(&interp, run);
    Ok(run)
}
