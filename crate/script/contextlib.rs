//! `contextlib`: `suppress` (asyncio's idiom for awaiting a task just cancelled:
//! `with suppress(asyncio.CancelledError): await task`), and `contextmanager` and
//! `asynccontextmanager`, which make a `with` block of a generator: the code before its
//! `yield` is the entry, the code after it the exit, and the block's error is raised at the
//! `yield`. Their exits follow CPython's `contextlib.py` step by step. `nullcontext(x)` enters
//! with `x` and does nothing more; `closing(x)` and `aclosing(x)` enter with `x` and call (or
//! await) its `close()` (`aclose()`) as the block ends. `ExitStack` and `AsyncExitStack` hold
//! exits to run last first (see [`stack_method`]).

use std::rc::Rc;

use super::aio::Coro;
use super::ast::{intern, Name};
use super::builtins::builtin;
use super::interp::{exception_in, Gen, Interp};
use super::value::*;

/// The module's attributes.
pub fn module_attrs() -> Vec<(&'static str, Value)> {
    [
        "suppress",
        "contextmanager",
        "asynccontextmanager",
        "nullcontext",
        "closing",
        "aclosing",
        "ExitStack",
        "AsyncExitStack",
        "redirect_stdout",
        "redirect_stderr",
    ]
    .into_iter()
    .map(|n| (n, builtin(n, module_fn)))
    .collect()
}

/// An `ExitStack`'s methods, and an `AsyncExitStack`'s (which has no `with` of its own).
const EXIT_STACK: &[&str] = &["__enter__", "__exit__", "enter_context", "callback", "push", "pop_all", "close"];
const ASYNC_EXIT_STACK: &[&str] = &[
    "__aenter__",
    "__aexit__",
    "enter_context",
    "enter_async_context",
    "callback",
    "push",
    "push_async_callback",
    "push_async_exit",
    "pop_all",
    "aclose",
];

/// A class of the module, with `methods` run by [`method`].
fn class(name: &'static str, methods: &[&'static str]) -> Rc<Class> {
    other_class_with(name, methods, method)
}

fn module_fn(_: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    match (name, args.as_slice()) {
        ("suppress", _) if kw.is_empty() => {
            let s = Instance::new(class("suppress", &["__enter__", "__exit__"]));
            s.set(intern("_exceptions"), Value::tuple(args));
            Ok(Value::Instance(s))
        }
        ("nullcontext" | "closing" | "aclosing", _) => {
            let thing = args.first().cloned().or_else(|| super::builtins::kwarg(&kw, "enter_result"));
            let thing = match (thing, name) {
                (Some(t), _) => t,
                (None, "nullcontext") => Value::None,
                (None, _) => {
                    return raise("TypeError", format!("{name}() missing 1 required positional argument: 'thing'"))
                }
            };
            let m = Instance::new(class(name, &["__enter__", "__exit__", "__aenter__", "__aexit__"]));
            m.set(intern("_thing"), thing);
            Ok(Value::Instance(m))
        }
        // `sys.stdout` (`sys.stderr`) replaced by the target while the block runs: `print`
        // writes to the target's `write`.
        ("redirect_stdout" | "redirect_stderr", [target]) if kw.is_empty() => {
            let m = Instance::new(class(name, &["__enter__", "__exit__"]));
            m.set(intern("_new_target"), target.clone());
            m.set(intern("_old_targets"), Value::list(Vec::new()));
            Ok(Value::Instance(m))
        }
        ("ExitStack" | "AsyncExitStack", []) if kw.is_empty() => {
            let methods = if name == "ExitStack" { EXIT_STACK } else { ASYNC_EXIT_STACK };
            let m = Instance::new(other_class_with(name, methods, stack_method));
            m.set(intern("_exit_callbacks"), Value::list(Vec::new()));
            Ok(Value::Instance(m))
        }
        // The decorator gives a function bound to the generator function: called, it makes
        // the context manager.
        ("contextmanager" | "asynccontextmanager", [f]) if kw.is_empty() => {
            Ok(Value::Method(Rc::new((f.clone(), builtin(name, make_manager)))))
        }
        // The decorated function's call: the generator, in its context manager.
        _ => raise("TypeError", format!("{name}() takes exactly one argument, a generator function")),
    }
}

/// `f(*args, **kw)` for a function decorated with `contextmanager` (`name`) or
/// `asynccontextmanager`: a context manager over the generator it makes.
fn make_manager(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some((f, args)) = args.split_first() else { return raise("TypeError", "missing the generator function") };
    let is_async = name == "asynccontextmanager";
    // Whatever it returns: one that is no generator of the right kind fails as it is entered.
    let gen = interp.call_sync_kw(f.clone(), args.to_vec(), kw.clone())?;
    let m = Instance::new(if is_async {
        class("_AsyncGeneratorContextManager", &["__aenter__", "__aexit__", "__call__"])
    } else {
        class("_GeneratorContextManager", &["__enter__", "__exit__", "__call__"])
    });
    m.set(intern("gen"), gen);
    // What made it, to make another for each call of a function it decorates.
    m.set(intern("func"), f.clone());
    m.set(intern("args"), Value::tuple(args.to_vec()));
    let mut kwds = Dict::default();
    for (k, v) in kw {
        let k = Value::Str(text(k));
        kwds.insert(k.key()?, k, v);
    }
    m.set(intern("kwds"), Value::dict(kwds));
    Ok(Value::Instance(m))
}

/// The keywords the manager `m` was made with.
fn kw_of(m: &Instance) -> Vec<(Name, Value)> {
    match m.get(intern("kwds")) {
        Some(Value::Dict(d)) => d.borrow().entries().into_iter().map(|(k, v)| (intern(&k.to_str()), v)).collect(),
        _ => Vec::new(),
    }
}

/// `@manager` on a function (CPython's `ContextDecorator`): each call of it runs inside a
/// fresh manager made as this one was; an async one's calls are coroutines.
fn decorated(interp: &Interp, _: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some((Value::Tuple(bound), args)) = args.split_first() else {
        return raise("TypeError", "not a decorated call");
    };
    let (Value::Instance(me), func) = (&bound[0], bound[1].clone()) else { return raise("TypeError", "not a manager") };
    let is_async = me.class.name.starts_with("_Async");
    let mut made = vec![me.get(intern("func")).unwrap_or(Value::None)];
    if let Some(Value::Tuple(a)) = me.get(intern("args")) {
        made.extend(a.iter().cloned());
    }
    let maker = if is_async { "asynccontextmanager" } else { "contextmanager" };
    let fresh = make_manager(interp, maker, made, kw_of(me))?;
    if !is_async {
        method(interp, "__enter__", vec![fresh.clone()], vec![])?;
        let r = interp.call_sync_kw(func, args.to_vec(), kw);
        let suppressed = method(interp, "__exit__", exit_args(&fresh, &r), vec![])?;
        return ended(r, suppressed);
    }
    let (rc, args) = (interp.host.rc()?, args.to_vec());
    let fut = async move {
        let enter = method(&rc, "__aenter__", vec![fresh.clone()], vec![])?;
        rc.await_value(enter).await?;
        let r = match rc.call(func, args, kw).await {
            Ok(coro) => rc.await_value(coro).await,
            Err(e) => Err(e),
        };
        let exit = method(&rc, "__aexit__", exit_args(&fresh, &r), vec![])?;
        let suppressed = rc.await_value(exit).await?;
        ended(r, suppressed)
    };
    Ok(Value::Coro(Rc::new(Coro::new(Rc::from("inner"), Box::pin(fut), false, false))))
}

/// What a decorated call's manager exits with: the call's error, if it raised.
fn exit_args(m: &Value, r: &PyResult) -> Vec<Value> {
    match r {
        Ok(_) => vec![m.clone(), Value::None, Value::None, Value::None],
        Err(e) => vec![m.clone(), Value::Class(e.class()), e.clone(), Value::None],
    }
}

/// The call's outcome after its manager's exit: an error it suppressed is `None` returned.
fn ended(r: PyResult, suppressed: Value) -> PyResult {
    match r {
        Err(_) if suppressed.truthy() => Ok(Value::None),
        r => r,
    }
}

fn method(interp: &Interp, name: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Instance(me)) = args.first() else {
        return raise("TypeError", format!("{name}() needs its object"));
    };
    // `__exit__(type, value, traceback)`: the `with` block's error, if any.
    let error = args.get(2).filter(|e| !matches!(e, Value::None)).cloned();
    // A `suppress`: it enters with nothing, and its exit swallows the errors of its kinds.
    if let Some(kinds) = me.get(intern("_exceptions")) {
        return Ok(match (name, &error) {
            ("__exit__", Some(e)) => Value::Bool(exception_in(e, &kinds)?),
            ("__exit__", None) => Value::Bool(false),
            _ => Value::None,
        });
    }
    // `nullcontext`, `closing`, `aclosing`: they enter with their thing; `closing`'s exit calls
    // its `close()`, `aclosing`'s gives the coroutine of its `aclose()` to be awaited.
    if let Some(thing) = me.get(intern("_thing")) {
        let kind = &*me.class.name;
        return match name {
            "__enter__" => Ok(thing),
            "__exit__" if kind == "closing" => {
                let close = interp.get_attr(&thing, intern("close"))?;
                interp.call_sync(close, vec![]).map(|_| Value::Bool(false))
            }
            "__aexit__" if kind == "aclosing" => {
                let close = interp.get_attr(&thing, intern("aclose"))?;
                interp.call_sync(close, vec![])
            }
            "__exit__" => Ok(Value::Bool(false)),
            _ => {
                let out = if name == "__aenter__" { thing } else { Value::Bool(false) };
                Ok(Value::Coro(Rc::new(Coro::new(Rc::from(name), Box::pin(async move { Ok(out) }), false, false))))
            }
        };
    }
    if let (Some(target), Some(Value::List(olds))) = (me.get(intern("_new_target")), me.get(intern("_old_targets"))) {
        let Value::Module(sys) = interp.host.import("sys")? else { return raise("TypeError", "no sys module") };
        let stream = intern(if &*me.class.name == "redirect_stdout" { "stdout" } else { "stderr" });
        let mut attrs = sys.attrs.borrow_mut();
        return Ok(match name {
            "__enter__" => {
                olds.borrow_mut().push(attrs.get(&stream).cloned().unwrap_or(Value::None));
                attrs.insert(stream, target.clone());
                target
            }
            _ => {
                if let Some(old) = olds.borrow_mut().pop() {
                    attrs.insert(stream, old);
                }
                Value::Bool(false)
            }
        });
    }
    if name == "__call__" {
        let Some(func) = args.get(1).cloned() else { return raise("TypeError", "__call__() needs a function") };
        return Ok(Value::Method(Rc::new((Value::tuple(vec![args[0].clone(), func]), builtin("inner", decorated)))));
    }
    let is_async = me.class.name.starts_with("_Async");
    let gen = match me.get(intern("gen")) {
        Some(Value::Gen(gen)) if gen.is_async == is_async => gen,
        // The decorated function made no generator of the kind: CPython's `next()` (or
        // `anext()`) of it fails, when the `with` enters.
        Some(other) => {
            let kind = if is_async { "an async iterator" } else { "an iterator" };
            let e = exc("TypeError", format!("'{}' object is not {kind}", other.type_name()));
            return match name {
                "__enter__" | "__exit__" => Err(e),
                _ => Ok(Value::Coro(Rc::new(Coro::new(Rc::from(name), Box::pin(async move { Err(e) }), false, false)))),
            };
        }
        None => return raise("TypeError", "not a generator's context manager"),
    };
    match name {
        "__enter__" => entered(gen.resume_now(interp)),
        "__exit__" => {
            let kept = traceback_of(&error);
            let resumed = gen_error(&gen, error.clone()).and_then(|()| gen.resume_now(interp));
            exited(error, kept, resumed, "generator didn't stop after throw()")
        }
        // The async ones return a coroutine, which the `async with` awaits where it stands.
        _ => {
            let interp = interp.host.rc()?;
            let fut = async move {
                if name == "__aenter__" {
                    return entered(gen.resume(&interp).await);
                }
                let kept = traceback_of(&error);
                let resumed = match gen_error(&gen, error.clone()) {
                    Ok(()) => gen.resume(&interp).await,
                    Err(e) => Err(e),
                };
                exited(error, kept, resumed, "generator didn't stop after athrow()")
            };
            Ok(Value::Coro(Rc::new(Coro::new(Rc::from(name), Box::pin(fut), false, false))))
        }
    }
}

/// The entry's value: what the generator yielded first.
fn entered(resumed: PyResult<Option<Value>>) -> PyResult {
    resumed?.ok_or_else(|| exc("RuntimeError", "generator didn't yield"))
}

/// Hands the `with` block's error (if any) to the generator's `yield`.
fn gen_error(gen: &Gen, error: Option<Value>) -> PyResult<()> {
    match error {
        Some(e) => gen.throw_in(e),
        None => Ok(()),
    }
}

/// An error's traceback as it is, to put back if it comes out of the generator again.
type Kept = Option<(Vec<(u32, Rc<str>, crate::value::Span)>, usize)>;

fn traceback_of(error: &Option<Value>) -> Kept {
    match error {
        Some(Value::Instance(i)) => Some((i.traceback.borrow().clone(), i.tb_scope.get())),
        _ => None,
    }
}

/// The exit, once the generator has been resumed (with the block's error, if any, raised
/// at its `yield`): whether that error is suppressed. As CPython's: a generator that yields
/// again is an error; one that ends suppresses the block's error; one that raises that same
/// error lets it go on with the traceback it had.
fn exited(error: Option<Value>, kept: Kept, resumed: PyResult<Option<Value>>, again: &str) -> PyResult {
    match (resumed, error) {
        (Ok(Some(_)), Some(_)) => raise("RuntimeError", again),
        (Ok(Some(_)), None) => raise("RuntimeError", "generator didn't stop"),
        (Ok(None), error) => Ok(Value::Bool(error.is_some())),
        // The block's `StopIteration` comes out of the generator as the RuntimeError it
        // caused: the block's own error goes on, as in CPython.
        (Err(e), Some(block)) if e.is(&block) || caused_by(&e, &block) => {
            if let (Value::Instance(i), Some((tb, at))) = (&block, kept) {
                *i.traceback.borrow_mut() = tb;
                i.tb_scope.set(at);
            }
            Ok(Value::Bool(false))
        }
        (Err(e), _) => Err(e),
    }
}

/// Whether `e` is the RuntimeError a generator made of `block`, a `StopIteration` or a
/// `StopAsyncIteration` raised at its `yield`.
fn caused_by(e: &Value, block: &Value) -> bool {
    let stops = ["StopIteration", "StopAsyncIteration"].iter().any(|k| block.class().is_subclass(&exc_class(k)));
    stops
        && e.class().is_subclass(&exc_class("RuntimeError"))
        && matches!(e, Value::Instance(i) if i.cause.borrow().as_ref().is_some_and(|c| c.is(block)))
}

/// A class of the module whose methods `f` runs.
fn other_class_with(name: &'static str, methods: &[&'static str], f: BuiltinFn) -> Rc<Class> {
    let class = other_class(name);
    if class.attrs.borrow().is_empty() {
        *class.attrs.borrow_mut() = methods.iter().map(|&n| (intern(n), builtin(n, f))).collect();
    }
    class
}

/// `ExitStack` and `AsyncExitStack`, as CPython's `contextlib`: each exit pushed (a context
/// manager's `__exit__`/`__aexit__`, a callback) runs last first as the stack closes, with the
/// error on its way (an exit that returns true swallows it; one that raises replaces it,
/// chained to it).
fn stack_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Instance(me)) = args.first() else {
        return raise("TypeError", format!("{name}() needs its stack"));
    };
    let Some(Value::List(exits)) = me.get(intern("_exit_callbacks")) else {
        return raise("TypeError", "not an exit stack");
    };
    let rest = &args[1..];
    let coro = |name: &'static str, fut: futures::future::LocalBoxFuture<'static, PyResult>| {
        Ok(Value::Coro(Rc::new(Coro::new(Rc::from(name), fut, false, false))))
    };
    match name {
        "__enter__" => Ok(args[0].clone()),
        "__aenter__" => {
            let me = args[0].clone();
            coro(name, Box::pin(async move { Ok(me) }))
        }
        // Each entry is `(is_async, is_exit, callable, args, keywords)`: an exit is given the
        // error on its way, a callback its own arguments.
        "callback" | "push_async_callback" => {
            let Some((f, given)) = rest.split_first() else {
                return raise("TypeError", format!("{name}() missing 1 required positional argument: 'callback'"));
            };
            let is_async = name == "push_async_callback";
            exits.borrow_mut().push(entry(is_async, false, f.clone(), given.to_vec(), kw));
            Ok(f.clone())
        }
        // An exit of its own: a context manager's `__exit__` (`__aexit__`), or a function
        // called as one (given the error, returning true to swallow it).
        "push" | "push_async_exit" => {
            let [exit] = rest else {
                return raise("TypeError", format!("{name}() missing 1 required positional argument: 'exit'"));
            };
            let is_async = name == "push_async_exit";
            let method = intern(if is_async { "__aexit__" } else { "__exit__" });
            let f = crate::builtins::get_attr(interp, exit, method).unwrap_or_else(|_| exit.clone());
            exits.borrow_mut().push(entry(is_async, true, f, Vec::new(), Vec::new()));
            Ok(exit.clone())
        }
        // A new stack of the same kind takes every exit: this one closes nothing now.
        "pop_all" => {
            let moved = std::mem::take(&mut *exits.borrow_mut());
            let new = Instance::new(Rc::clone(&me.class));
            new.set(intern("_exit_callbacks"), Value::list(moved));
            Ok(Value::Instance(new))
        }
        "enter_context" => {
            let (enter, exit) = manager(interp, rest, false)?;
            let entered = interp.call_sync(enter, vec![])?;
            exits.borrow_mut().push(entry(false, true, exit, Vec::new(), Vec::new()));
            Ok(entered)
        }
        "enter_async_context" => {
            let (enter, exit) = manager(interp, rest, true)?;
            let rc = interp.host.rc()?;
            coro(
                name,
                Box::pin(async move {
                    let aw = rc.call(enter, vec![], vec![]).await?;
                    let entered = rc.await_value(aw).await?;
                    exits.borrow_mut().push(entry(true, true, exit, Vec::new(), Vec::new()));
                    Ok(entered)
                }),
            )
        }
        "__exit__" | "close" | "__aexit__" | "aclose" => {
            let error = rest.get(1).filter(|e| !matches!(e, Value::None)).cloned();
            let rc = interp.host.rc()?;
            let unwind = async move {
                let received = error.is_some();
                let (mut current, mut suppressed, mut pending) = (error, false, false);
                loop {
                    let Some(Value::Tuple(entry)) = exits.borrow_mut().pop() else { break };
                    let [Value::Bool(is_async), Value::Bool(is_exit), f, Value::Tuple(given), Value::Dict(keywords)] =
                        &entry[..]
                    else {
                        continue;
                    };
                    let keywords: Vec<(Name, Value)> =
                        keywords.borrow().entries().into_iter().map(|(k, v)| (intern(&k.to_str()), v)).collect();
                    let given = match is_exit {
                        true => match &current {
                            Some(e) => vec![Value::Class(e.class()), e.clone(), Value::None],
                            None => vec![Value::None, Value::None, Value::None],
                        },
                        false => given.to_vec(),
                    };
                    let mut out = rc.call(f.clone(), given, keywords).await;
                    if *is_async {
                        out = match out {
                            Ok(aw) => rc.await_value(aw).await,
                            e => e,
                        };
                    }
                    match out {
                        Ok(v) if *is_exit && v.truthy() => {
                            (suppressed, pending, current) = (true, false, None);
                        }
                        Ok(_) => {}
                        Err(e) => {
                            if let (Value::Instance(i), Some(old)) = (&e, &current) {
                                if !e.is(old) && i.context.borrow().is_none() {
                                    *i.context.borrow_mut() = Some(old.clone());
                                }
                            }
                            (pending, current) = (true, Some(e));
                        }
                    }
                }
                match (pending, current) {
                    (true, Some(e)) => Err(e),
                    _ => Ok(Value::Bool(received && suppressed)),
                }
            };
            match name {
                "__aexit__" | "aclose" => coro(
                    name,
                    Box::pin(async move { unwind.await.map(|v| if name == "aclose" { Value::None } else { v }) }),
                ),
                // A plain `ExitStack` runs its exits now: none of them awaits.
                _ => interp.run_now(unwind).map(|v| if name == "close" { Value::None } else { v }),
            }
        }
        _ => raise("AttributeError", format!("'{}' object has no attribute '{name}'", me.class.name)),
    }
}

/// An exit stack's entry: `(is_async, is_exit, callable, args, keywords)`.
fn entry(is_async: bool, is_exit: bool, f: Value, args: Vec<Value>, kw: Vec<(Name, Value)>) -> Value {
    let mut keywords = Dict::default();
    for (k, v) in kw {
        let k = Value::Str(text(k));
        if let Ok(key) = k.key() {
            keywords.insert(key, k, v);
        }
    }
    Value::tuple(vec![Value::Bool(is_async), Value::Bool(is_exit), f, Value::tuple(args), Value::dict(keywords)])
}

/// The entry and exit methods of the context manager first in `args` (the asynchronous ones
/// if `is_async`), or CPython's error for an object that has not both.
fn manager(interp: &Interp, args: &[Value], is_async: bool) -> PyResult<(Value, Value)> {
    let cm = args.first().cloned().unwrap_or(Value::None);
    let (enter, exit, kind) = match is_async {
        true => ("__aenter__", "__aexit__", "asynchronous "),
        false => ("__enter__", "__exit__", ""),
    };
    match (interp.get_attr(&cm, intern(enter)), interp.get_attr(&cm, intern(exit))) {
        (Ok(enter), Ok(exit)) => Ok((enter, exit)),
        // Named with its module, as CPython 3.11's `ExitStack` writes it (`'builtins.int'`).
        _ => {
            let class = cm.class();
            let module = crate::value::module_of(&class);
            raise(
                "TypeError",
                format!("'{module}.{}' object does not support the {kind}context manager protocol", class.qualname()),
            )
        }
    }
}
