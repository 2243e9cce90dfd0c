//! `functools`: `partial` (the way to hand `run_in_executor` a call with keywords), `wraps`
//! (a decorator's wrapper keeps the wrapped function's name, so its tasks and coroutines are
//! named as in CPython) and `reduce`.

use std::rc::Rc;

use super::ast::{intern, Name};
use super::builtins::{builtin, is_callable};
use super::interp::Interp;
use super::value::*;

/// The module's attributes.
pub fn module_attrs() -> Vec<(&'static str, Value)> {
    let mut v = Vec::new();
    for name in ["partial", "wraps", "reduce"] {
        v.push((name, builtin(name, module_fn)));
    }
    v
}

/// A `partial`'s class: its instances are called by the evaluator (see [`partial_call`]).
fn partial_class() -> Rc<Class> {
    let class = other_class("functools.partial");
    if class.attrs.borrow().is_empty() {
        class.attrs.borrow_mut().push((intern("__repr__"), builtin("__repr__", partial_repr)));
    }
    class
}

/// `functools.partial(<function f>, 1, key=2)`, as CPython writes one.
fn partial_repr(interp: &Interp, _: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Instance(p)) = args.first() else { return raise("TypeError", "__repr__() needs a partial") };
    let mut parts = vec![interp.repr(&p.get(intern("func")).unwrap_or(Value::None))?];
    if let Some(Value::Tuple(given)) = p.get(intern("args")) {
        for a in given.iter() {
            parts.push(interp.repr(a)?);
        }
    }
    if let Some(Value::Dict(given)) = p.get(intern("keywords")) {
        for (k, v) in given.borrow().entries() {
            parts.push(format!("{}={}", k.to_str(), interp.repr(&v)?));
        }
    }
    Ok(Value::string(format!("functools.partial({})", parts.join(", "))))
}

/// Whether `i` is a `partial` (the evaluator calls it, and its parts are read-only).
pub fn is_partial(i: &Instance) -> bool {
    i.class.kind == Kind::Other && &*i.class.name == "functools.partial"
}

/// What calling `f` calls, if `f` is a `partial`: its function, with its arguments before
/// `args` and its keywords overridden by `kw`.
pub fn partial_call(f: &Value, args: &mut Vec<Value>, kw: &mut Vec<(Name, Value)>) -> Option<Value> {
    let Value::Instance(i) = f else { return None };
    if !is_partial(i) {
        return None;
    }
    if let Some(Value::Tuple(given)) = i.get(intern("args")) {
        args.splice(0..0, given.iter().cloned());
    }
    if let Some(Value::Dict(given)) = i.get(intern("keywords")) {
        for (k, v) in given.borrow().entries() {
            let k = intern(&k.to_str());
            if !kw.iter().any(|(n, _)| *n == k) {
                kw.push((k, v));
            }
        }
    }
    i.get(intern("func"))
}

/// The function a `partial` calls in the end (`partial(partial(f, 1), 2)`: `f`), for a lane's name.
pub fn unwrap_partial(f: &Value) -> Value {
    let mut f = f.clone();
    while let Some(inner) = partial_call(&f, &mut Vec::new(), &mut Vec::new()) {
        f = inner;
    }
    f
}

fn module_fn(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    match (name, args.as_slice()) {
        ("partial", [f, rest @ ..]) => {
            if !is_callable(f) {
                return raise("TypeError", "the first argument must be callable");
            }
            let p = Instance::new(partial_class());
            p.set(intern("func"), f.clone());
            p.set(intern("args"), Value::tuple(rest.to_vec()));
            let mut keywords = Dict::default();
            for (k, v) in kw {
                let k = Value::Str(text(k));
                keywords.insert(k.key()?, k, v);
            }
            p.set(intern("keywords"), Value::dict(keywords));
            Ok(Value::Instance(p))
        }
        // `wraps(wrapped)` gives the decorator; applied, it is bound to `wrapped` (below).
        ("wraps", [wrapped]) => Ok(Value::Method(Rc::new((wrapped.clone(), builtin("wraps", wrap))))),
        ("reduce", [f, items, initial @ ..]) if initial.len() <= 1 => {
            let mut items = interp.iterate(items)?.into_iter();
            let Some(mut acc) = initial.first().cloned().or_else(|| items.next()) else {
                return raise("TypeError", "reduce() of empty iterable with no initial value");
            };
            for x in items {
                acc = interp.call_sync(f.clone(), vec![acc, x])?;
            }
            Ok(acc)
        }
        _ => raise("TypeError", format!("{name}() was given the wrong number of arguments")),
    }
}

/// `wraps(wrapped)(wrapper)`: the wrapper under the wrapped function's name and qualname.
fn wrap(_: &Interp, _: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    match args.as_slice() {
        [Value::Func(wrapped), Value::Func(wrapper)] => {
            Ok(Value::Func(Rc::new(Function { qualname: Rc::clone(&wrapped.qualname), ..(**wrapper).clone() })))
        }
        [_, wrapper] => Ok(wrapper.clone()),
        _ => raise("TypeError", "wraps() takes the wrapped function, then the wrapper"),
    }
}
