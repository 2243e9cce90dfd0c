//! `logging`, as asyncio programs use it: `basicConfig` (`level`, `format`, `datefmt`,
//! `stream`, `force`), `getLogger`, the loggers' `debug` … `critical`, `exception` and `log`,
//! `setLevel`, and the module's own functions, which configure the root logger first as
//! CPython's do. Before that, a record of WARNING or more prints its message alone, to
//! stderr (CPython's last-resort handler). Records go to the root logger's one handler: a
//! logger's level is its own, else its nearest dotted parent's, else the root's.
//!
//! The root logger (an instance, as every logger is) holds the module's state: its format,
//! its stream, and the loggers by name. Each module function is one of its methods.

use std::rc::Rc;

use super::ast::{intern, BinOp, Name};
use super::builtins::{binop, builtin, kwarg};
use super::interp::{unsupported, Interp};
use super::value::*;
use loopscope_core::trace::record::PRINT_LOG;

const LEVELS: [(&str, i64); 6] =
    [("CRITICAL", 50), ("ERROR", 40), ("WARNING", 30), ("INFO", 20), ("DEBUG", 10), ("NOTSET", 0)];

/// A level's name (`INFO`), if it has one.
fn name_of(level: i64) -> Option<&'static str> {
    LEVELS.iter().find(|(_, l)| *l == level).map(|(n, _)| *n)
}

/// The level named `name` (`"INFO"`, or the aliases `"WARN"` and `"FATAL"`), if there is one.
fn level_named(name: &str) -> Option<i64> {
    match name {
        "WARN" => Some(30),
        "FATAL" => Some(50),
        _ => LEVELS.iter().find(|(n, _)| *n == name).map(|(_, l)| *l),
    }
}

/// What a logger can be asked (the methods of every logger, the root's too); the first nine
/// log, and are the module's functions too.
const LOGGER_METHODS: [&str; 17] = [
    "debug",
    "info",
    "warning",
    "warn",
    "error",
    "critical",
    "fatal",
    "exception",
    "log",
    "setLevel",
    "isEnabledFor",
    "getEffectiveLevel",
    "__repr__",
    "addHandler",
    "removeHandler",
    "hasHandlers",
    "addFilter",
];

/// The module's attributes: a fresh root logger's.
pub fn module_attrs() -> Vec<(&'static str, Value)> {
    let class = other_class("Logger");
    if class.attrs.borrow().is_empty() {
        let methods = LOGGER_METHODS.iter().map(|&n| (intern(n), builtin(n, logger_method))).collect();
        *class.attrs.borrow_mut() = methods;
    }
    let root = Instance::new(other_class("RootLogger"));
    root.set(intern("name"), Value::str("root"));
    root.set(intern("parent"), Value::None);
    root.set(intern("handlers"), Value::list(Vec::new()));
    root.set(intern("filters"), Value::list(Vec::new()));
    root.set(intern("level"), Value::Int(30));
    root.set(intern("_loggers"), Value::dict(Dict::default()));
    root.set(intern("propagate"), Value::Bool(true));
    root.set(intern("disabled"), Value::Bool(false));
    let root = Value::Instance(root);
    let mut v: Vec<(&'static str, Value)> = LEVELS.iter().map(|&(n, l)| (n, Value::Int(l))).collect();
    v.push(("WARN", Value::Int(30)));
    v.push(("FATAL", Value::Int(50)));
    v.push(("root", root.clone()));
    v.push(("Logger", Value::Class(other_class("Logger"))));
    v.push(("RootLogger", Value::Class(other_class("RootLogger"))));
    v.push(("getLevelName", builtin("getLevelName", level_name)));
    // The module's own functions, then those that log through the root (a logger's first nine
    // methods, from `debug` to `log`).
    for &name in ["basicConfig", "getLogger", "disable"].iter().chain(&LOGGER_METHODS[..9]) {
        v.push((name, Value::Method(Rc::new((root.clone(), builtin(name, module_fn))))));
    }
    v
}

/// `logging.getLevelName(level)`: a level's name, or a name's level.
fn level_name(_: &Interp, _: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    Ok(match args.first() {
        Some(Value::Str(s)) => level_named(s).map_or_else(|| Value::string(format!("Level {s}")), Value::Int),
        Some(v) => match v.as_int().and_then(name_of) {
            Some(n) => Value::str(n),
            None => Value::string(format!("Level {}", v.repr())),
        },
        None => return raise("TypeError", "getLevelName() missing 1 required positional argument: 'level'"),
    })
}

/// A level given as a number or as a name (`"INFO"`).
fn level_of(v: &Value) -> PyResult<i64> {
    match v {
        Value::Str(s) => level_named(s).ok_or_else(|| exc("ValueError", format!("Unknown level: {}", v.repr()))),
        v => {
            v.as_int().ok_or_else(|| exc("TypeError", format!("Level not an integer or a valid string: {}", v.repr())))
        }
    }
}

fn attr(logger: &Value, name: &str) -> Option<Value> {
    match logger {
        Value::Instance(i) => i.get(intern(name)),
        _ => None,
    }
}

fn set(logger: &Value, name: &str, v: Value) {
    if let Value::Instance(i) = logger {
        i.set(intern(name), v);
    }
}

/// The module's functions, the root logger first.
fn module_fn(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(root) = args.first().cloned() else { return raise("TypeError", "the root logger is missing") };
    match name {
        "basicConfig" => {
            if attr(&root, "_configured").is_some() && !kwarg(&kw, "force").is_some_and(|f| f.truthy()) {
                return Ok(Value::None);
            }
            set(&root, "_configured", Value::Bool(true));
            // A keyword basicConfig does not know is CPython's ValueError (a typo: `lvl=`).
            const KNOWN: [&str; 11] = [
                "filename", "filemode", "format", "datefmt", "style", "level", "stream", "handlers", "force",
                "encoding", "errors",
            ];
            let unknown: Vec<Rc<str>> = kw.iter().map(|(k, _)| text(*k)).filter(|k| !KNOWN.contains(&&**k)).collect();
            if !unknown.is_empty() {
                return raise("ValueError", format!("Unrecognised argument(s): {}", unknown.join(", ")));
            }
            set(&root, "_style", Value::str("%")); // a forced call starts from the defaults
            for (k, v) in kw {
                match &*text(k) {
                    "level" => set(&root, "level", Value::Int(level_of(&v)?)),
                    "format" => {
                        // Refused where it is set, not at each record (as a logging error).
                        const NOT_YET: [&str; 4] = ["funcName", "process", "thread", "stack_info"];
                        let f = v.to_str();
                        if let Some(field) =
                            NOT_YET.iter().find(|n| f.contains(&format!("({n})")) || f.contains(&format!("{{{n}")))
                        {
                            return unsupported(&format!("the logging format field {field}"));
                        }
                        set(&root, "_format", v)
                    }
                    "datefmt" => set(&root, "_datefmt", v),
                    "stream" => {
                        let stdout = matches!(&v, Value::Module(m) if m.name == "sys.stdout");
                        set(&root, "_stdout", Value::Bool(stdout));
                    }
                    "force" => {}
                    "style" if matches!(&v, Value::Str(s) if &**s == "%" || &**s == "{") => set(&root, "_style", v),
                    other => return unsupported(&format!("logging.basicConfig({other}=…)")),
                }
            }
            Ok(Value::None)
        }
        // `logging.disable(level)`: no record at that level or below, from any logger.
        "disable" => {
            let level = level_of(args.get(1).unwrap_or(&Value::Int(50)))?;
            set(&root, "_disabled", Value::Int(level));
            Ok(Value::None)
        }
        "getLogger" => match args.get(1) {
            None | Some(Value::None) => Ok(root),
            Some(Value::Str(n)) if n.is_empty() || &**n == "root" => Ok(root),
            Some(Value::Str(n)) => {
                let Some(Value::Dict(loggers)) = attr(&root, "_loggers") else { return Ok(root) };
                let key = Key::Str(Rc::clone(n));
                if let Some(l) = loggers.borrow().get(&key) {
                    return Ok(l);
                }
                // Its parent: the nearest logger made so far above it (`a` for `a.b`), else root.
                let parent = n
                    .match_indices('.')
                    .rev()
                    .find_map(|(at, _)| loggers.borrow().get(&Key::Str(n[..at].into())))
                    .unwrap_or_else(|| root.clone());
                let logger = Instance::new(other_class("Logger"));
                logger.set(intern("name"), Value::Str(Rc::clone(n)));
                logger.set(intern("parent"), parent);
                logger.set(intern("handlers"), Value::list(Vec::new()));
                logger.set(intern("filters"), Value::list(Vec::new()));
                logger.set(intern("level"), Value::Int(0));
                logger.set(intern("root"), root.clone());
                logger.set(intern("propagate"), Value::Bool(true));
                logger.set(intern("disabled"), Value::Bool(false));
                let logger = Value::Instance(logger);
                // Loggers made before it below it (`a.b` before `a`) take it as their parent
                // where theirs was above it, as CPython's `_fixupChildren` does.
                let below = format!("{n}.");
                for (k, child) in loggers.borrow().entries() {
                    let above = attr(&child, "parent").and_then(|p| attr(&p, "name")).map(|p| p.to_str());
                    if k.to_str().starts_with(&below) && !above.is_some_and(|p| p.starts_with(&**n)) {
                        set(&child, "parent", logger.clone());
                    }
                }
                loggers.borrow_mut().insert(key, Value::Str(Rc::clone(n)), logger.clone());
                Ok(logger)
            }
            Some(other) => Err(super::builtins::type_error("A logger name must be a string, not '", other, "'")),
        },
        _ => {
            if args.len() < 2 && name != "log" {
                return raise("TypeError", format!("{name}() missing 1 required positional argument: 'msg'"));
            }
            if attr(&root, "_configured").is_none() {
                module_fn(interp, "basicConfig", vec![root.clone()], vec![])?;
            }
            if name == "warn" {
                deprecated(interp, "function");
                return logger_method(interp, "warning", args, kw);
            }
            logger_method(interp, name, args, kw)
        }
    }
}

/// Python 3.11's DeprecationWarning for `logging.warn` (`what`: "function") and `Logger.warn`
/// ("method"), shown once per line of the program as `__main__`'s warnings are.
fn deprecated(interp: &Interp, what: &str) {
    let message = format!("DeprecationWarning: The 'warn' {what} is deprecated, use 'warning' instead");
    interp.host.out.warn(&message, super::aio::LINE.with(std::cell::Cell::get));
}

/// A logger's methods, the logger first.
fn logger_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(logger) = args.first().cloned() else {
        return raise("TypeError", format!("{name}() missing 1 required positional argument: 'self'"));
    };
    let root = attr(&logger, "root").unwrap_or_else(|| logger.clone());
    let effective = || effective_level(&logger, &root);
    let rest = &args[1..];
    let level = match name {
        "setLevel" => {
            let l = level_of(rest.first().unwrap_or(&Value::None))?;
            set(&logger, "level", Value::Int(l));
            return Ok(Value::None);
        }
        "getEffectiveLevel" => return Ok(Value::Int(effective())),
        "isEnabledFor" => {
            let l = level_of(rest.first().unwrap_or(&Value::None))?;
            return Ok(Value::Bool(l >= effective()));
        }
        "__repr__" => {
            let kind = if attr(&logger, "root").is_some() { "Logger" } else { "RootLogger" };
            let n = attr(&logger, "name").map(|n| n.to_str()).unwrap_or_default();
            let level = name_of(effective()).unwrap_or("NOTSET");
            return Ok(Value::string(format!("<{kind} {n} ({level})>")));
        }
        "addHandler" | "removeHandler" | "hasHandlers" | "addFilter" => {
            return unsupported(&format!("logging's handlers and filters (Logger.{name})"))
        }
        "debug" | "info" | "warning" | "warn" | "error" | "exception" | "critical" | "fatal" if rest.is_empty() => {
            return raise("TypeError", format!("Logger.{name}() missing 1 required positional argument: 'msg'"));
        }
        "debug" => 10,
        "info" => 20,
        "warn" => {
            deprecated(interp, "method");
            30
        }
        "warning" => 30,
        "error" | "exception" => 40,
        "critical" | "fatal" => 50,
        _ => {
            let l = rest
                .first()
                .ok_or_else(|| exc("TypeError", "log() missing 2 required positional arguments: 'level' and 'msg'"))?;
            let l = l.as_int().ok_or_else(|| exc("TypeError", "level must be an integer"))?;
            return emit(interp, &logger, &root, Record::of(l, &rest[1..], &kw, false)?);
        }
    };
    emit(interp, &logger, &root, Record::of(level, rest, &kw, name == "exception")?)
}

/// A record to write: its level, its message and arguments, the exception it shows (`Some`
/// of `None`: the one being handled), the line it says it was made at (`None`: the running
/// one), and `extra`.
struct Record<'a> {
    level: i64,
    args: &'a [Value],
    traceback: Option<Option<Value>>,
    line: Option<u32>,
    extra: Option<Value>,
}

impl<'a> Record<'a> {
    /// The record's `args`: what follows the message, a tuple, or one non-empty mapping as it
    /// is (`"%(k)s", {"k": 1}`), as CPython's `LogRecord` keeps them.
    fn args_value(&self) -> Value {
        match &self.args[1..] {
            [d @ Value::Dict(m)] if !m.borrow().is_empty() => d.clone(),
            rest => Value::tuple(rest.to_vec()),
        }
    }

    /// A logging call's record: `exception()` or `exc_info=True` shows the exception being
    /// handled, `exc_info=e` (or a `sys.exc_info()`-style tuple) that one, `exc_info=False` none.
    fn of(level: i64, args: &'a [Value], kw: &[(Name, Value)], exception: bool) -> PyResult<Record<'a>> {
        for (k, v) in kw {
            match &*text(*k) {
                "exc_info" | "extra" | "stacklevel" => {}
                "stack_info" if !v.truthy() => {}
                "stack_info" => return unsupported("logging's stack_info=True"),
                k => return raise("TypeError", format!("Logger._log() got an unexpected keyword argument '{k}'")),
            }
        }
        let traceback = match kwarg(kw, "exc_info") {
            None if exception => Some(None),
            None => None,
            Some(Value::Tuple(t)) if t.len() == 3 => Some(Some(t[1].clone())).filter(|_| !matches!(t[1], Value::None)),
            Some(e @ Value::Instance(_)) if e.class().is_subclass(&exc_class("BaseException")) => Some(Some(e)),
            Some(v) => v.truthy().then_some(None),
        };
        Ok(Record { level, args, traceback, line: None, extra: kwarg(kw, "extra") })
    }
}

/// asyncio's own reports ("Exception in callback", "Task exception was never retrieved"…
/// at ERROR, a slow step at WARNING), a record of its `asyncio` logger at `level` once the
/// script has configured logging, as CPython's asyncio logs them: in the root's format,
/// silenced by that logger's level. False if it is not the script's to write (no logging
/// configured): the caller writes `text` as the last-resort handler would.
pub fn asyncio_log(text: &str, level: i64) -> bool {
    let Some(interp) = super::aio::running_or_last() else { return false };
    let Some(Value::Module(m)) = interp.host.imported("logging") else { return false };
    let get_logger = m.attrs.borrow().get(&intern("getLogger")).cloned();
    let Some(Value::Method(bound)) = get_logger else { return false };
    let root = bound.0.clone();
    let Ok(logger) = module_fn(&interp, "getLogger", vec![root.clone(), Value::str("asyncio")], vec![]) else {
        return false;
    };
    if attr(&root, "_configured").is_none() {
        // The last resort writes it as it stands, unless the logger's level or `disable` hides it.
        let disabled = attr(&root, "_disabled").and_then(|l| l.as_int()).is_some_and(|l| l >= level);
        return disabled || effective_level(&logger, &root) > level;
    }
    let message = [Value::str(text.trim_end())];
    let record = Record { level, args: &message, traceback: None, line: None, extra: None };
    emit(&interp, &logger, &root, record).is_ok()
}

/// A new event loop (`asyncio.run`, `new_event_loop`): CPython's asyncio logs, at DEBUG, the
/// selector it uses, from line 54 of its `selector_events.py`.
pub fn loop_created(interp: &Interp) -> PyResult<()> {
    let Some(Value::Module(m)) = interp.host.imported("logging") else { return Ok(()) };
    let get_logger = m.attrs.borrow().get(&intern("getLogger")).cloned();
    let Some(Value::Method(bound)) = get_logger else { return Ok(()) };
    let root = bound.0.clone();
    let logger = module_fn(interp, "getLogger", vec![root.clone(), Value::str("asyncio")], vec![])?;
    let message = [Value::str("Using selector: EpollSelector")];
    let record = Record { level: 10, args: &message, traceback: None, line: Some(54), extra: None };
    emit(interp, &logger, &root, record)?;
    Ok(())
}

/// Whether `logger`'s records reach the root's handler: no logger on the way up (itself, its
/// dotted parents) says `propagate = False`.
fn propagates(logger: &Value, root: &Value) -> bool {
    let off = |l: &Value| attr(l, "propagate").is_some_and(|p| !p.truthy());
    if attr(logger, "root").is_none() {
        return true; // the root itself
    }
    if off(logger) {
        return false;
    }
    let mut name = attr(logger, "name").map(|n| n.to_str()).unwrap_or_default();
    let Some(Value::Dict(loggers)) = attr(root, "_loggers") else { return true };
    while let Some((parent, _)) = name.rsplit_once('.') {
        name = parent.to_string();
        if loggers.borrow().get(&Key::Str(name.as_str().into())).is_some_and(|l| off(&l)) {
            return false;
        }
    }
    true
}

/// A logger's level if it has one, else its nearest dotted parent's, else the root's.
fn effective_level(logger: &Value, root: &Value) -> i64 {
    let own = attr(logger, "level").and_then(|l| l.as_int()).unwrap_or(0);
    if own != 0 {
        return own;
    }
    let mut name = attr(logger, "name").map(|n| n.to_str()).unwrap_or_default();
    if let Some(Value::Dict(loggers)) = attr(root, "_loggers") {
        while let Some((parent, _)) = name.rsplit_once('.') {
            name = parent.to_string();
            let level = loggers.borrow().get(&Key::Str(name.as_str().into())).and_then(|l| attr(&l, "level"));
            match level.and_then(|l| l.as_int()) {
                Some(l) if l != 0 => return l,
                _ => {}
            }
        }
    }
    attr(root, "level").and_then(|l| l.as_int()).unwrap_or(30)
}

/// A `LogRecord`'s own fields, and the two a formatter adds (`message`, `asctime`).
const RECORD_FIELDS: [&str; 22] = [
    "name",
    "msg",
    "args",
    "levelname",
    "levelno",
    "pathname",
    "filename",
    "module",
    "exc_info",
    "exc_text",
    "stack_info",
    "lineno",
    "funcName",
    "created",
    "msecs",
    "relativeCreated",
    "thread",
    "threadName",
    "processName",
    "process",
    "message",
    "asctime",
];

/// Writes a record if the logger lets it through: formatted by the root's format once
/// configured, else (the last resort) its message alone, and only from WARNING up. A record
/// that cannot be formatted (`log.info("n", 1)`) is reported, as CPython's handler does, and
/// the program goes on.
fn emit(interp: &Interp, logger: &Value, root: &Value, record: Record) -> PyResult {
    // A logger that does not propagate hands its records to no handler: the last resort.
    let configured = attr(root, "_configured").is_some() && propagates(logger, root);
    let disabled = attr(root, "_disabled").and_then(|l| l.as_int()).is_some_and(|l| record.level <= l);
    let off = attr(logger, "disabled").is_some_and(|d| d.truthy());
    if disabled || off || record.level < effective_level(logger, root) {
        return Ok(Value::None);
    }
    // Making the record (before any handler looks at it): an `extra` field may not replace
    // one of its own, a KeyError raised at the call.
    if let Some(Value::Dict(extra)) = &record.extra {
        for k in extra.borrow().keys() {
            if matches!(&k, Value::Str(s) if RECORD_FIELDS.contains(&&**s)) {
                let message = format!("Attempt to overwrite {} in LogRecord", k.repr());
                return Err(new_exception(exc_class("KeyError"), vec![Value::string(message)]));
            }
        }
    }
    if !configured && record.level < 30 {
        return Ok(Value::None); // the last resort takes warnings and up
    }
    let Some(msg) = record.args.first() else {
        return raise("TypeError", "missing 1 required positional argument: 'msg'");
    };
    let line = record.line.unwrap_or_else(|| super::aio::LINE.with(std::cell::Cell::get));
    let mut text = match render(interp, logger, root, &record, configured, line) {
        Ok(text) => text,
        Err(e) if e.class().is_subclass(&exc_class("Exception")) => {
            // CPython's report, its frames inside `logging` left out and its call stack cut
            // to the line that logged.
            let args = record.args_value();
            let code = interp.host.out.source.get((line as usize).wrapping_sub(1)).map_or("", |l| l.trim());
            let tb = interp.host.out.traceback(&e);
            let header = if tb.starts_with("Traceback ") { "" } else { "Traceback (most recent call last):\n" };
            let report = format!(
                "--- Logging error ---\n{header}{}\nCall stack:\n  File \"main.py\", line {line}\n    {code}\nMessage: {}\nArguments: {}\n",
                tb.trim_end(),
                interp.repr(msg)?,
                interp.repr(&args)?
            );
            interp.host.write(&report, true);
            return Ok(Value::None);
        }
        Err(e) => return Err(e),
    };
    if let Some(given) = record.traceback {
        text.push('\n');
        match given.or_else(super::aio::handling) {
            // CPython's `formatException` takes off one last newline, not all of them.
            Some(e) => {
                let tb = interp.host.out.traceback(&e);
                text.push_str(tb.strip_suffix('\n').unwrap_or(&tb));
            }
            None => text.push_str("NoneType: None"),
        }
    }
    text.push('\n');
    let stdout = attr(root, "_stdout").is_some_and(|v| v.truthy());
    interp.host.out.write_to(&text, if stdout { 0 } else { PRINT_LOG });
    Ok(Value::None)
}

/// A record's text: its message with its arguments, in the root's format once configured.
fn render(
    interp: &Interp,
    logger: &Value,
    root: &Value,
    record: &Record,
    configured: bool,
    line: u32,
) -> PyResult<String> {
    let mut message = interp.to_str(&record.args[0])?;
    if record.args.len() > 1 {
        // One non-empty dict is the mapping of `%(key)s`, as in CPython.
        message = binop(interp, BinOp::Mod, &Value::string(message), &record.args_value())?.to_str();
    }
    if !configured {
        return Ok(message);
    }
    format_record(interp, logger, root, record, &message, line)
}

/// A record written by the root's format (`%(levelname)s:%(name)s:%(message)s` unless set).
fn format_record(
    interp: &Interp,
    logger: &Value,
    root: &Value,
    record: &Record,
    message: &str,
    line: u32,
) -> PyResult<String> {
    let level = record.level;
    let brace = matches!(attr(root, "_style"), Some(Value::Str(s)) if &*s == "{");
    let format = match attr(root, "_format") {
        Some(Value::Str(f)) => f,
        _ if brace => "{levelname}:{name}:{message}".into(),
        _ => "%(levelname)s:%(name)s:%(message)s".into(),
    };
    let secs = interp.host.lesson_secs();
    let created = super::modules::EPOCH + secs;
    let msecs = ((created - created.floor()) * 1000.0).floor();
    let asctime = match attr(root, "_datefmt") {
        Some(Value::Str(f)) => super::modules::strftime(&f, created.floor() as i64),
        _ => format!("{},{:03}", super::modules::strftime("%Y-%m-%d %H:%M:%S", created.floor() as i64), msecs as i64),
    };
    let level_name = name_of(level).map_or_else(|| format!("Level {level}"), str::to_string);
    let thread = match super::aio::current() {
        Some(t) if t.is_thread => Value::Str(Rc::clone(&t.name.borrow())),
        _ => Value::str("MainThread"),
    };
    let fields = [
        ("name", attr(logger, "name").unwrap_or(Value::None)),
        ("levelname", Value::string(level_name)),
        ("levelno", Value::Int(level)),
        ("message", Value::str(message)),
        ("msg", record.args[0].clone()),
        ("args", record.args_value()),
        ("asctime", Value::string(asctime)),
        ("msecs", Value::Float(msecs)),
        ("created", Value::Float(created)),
        ("relativeCreated", Value::Float(secs * 1000.0)),
        ("lineno", Value::Int(i64::from(line))),
        ("module", Value::str("main")),
        ("filename", Value::str("main.py")),
        ("pathname", Value::str("main.py")),
        ("threadName", thread),
        ("processName", Value::str("MainProcess")),
    ];
    let mut values = Dict::default();
    for (k, v) in fields {
        values.insert(Key::Str(k.into()), Value::str(k), v);
    }
    // `extra={"user": …}`: more fields for the format (none of the record's own: see emit).
    if let Some(Value::Dict(extra)) = &record.extra {
        for (k, v) in extra.borrow().entries() {
            values.insert(k.key()?, k, v);
        }
    }
    if brace {
        // `style="{"`: the format's fields are `str.format`'s (`{levelname:<8}`).
        return Ok(crate::builtins::format_map(interp, &format, &Value::dict(values))?.to_str());
    }
    Ok(binop(interp, BinOp::Mod, &Value::Str(format), &Value::dict(values))?.to_str())
}
