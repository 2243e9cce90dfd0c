//! `functools`: `partial` (the way to hand `run_in_executor` a call with keywords), `wraps`
//! (a decorator's wrapper keeps the wrapped function's name, so its tasks and coroutines are
//! named as in CPython), `reduce`, `cache` / `lru_cache` (the memoised Fibonacci of every
//! tutorial), `total_ordering` and `cmp_to_key` (sorting words in the Turkish alphabet's order).

use std::rc::Rc;

use super::ast::{intern, CmpOp, Name};
use super::builtins::{builtin, is_callable};
use super::interp::{Fut, Interp};
use super::value::*;

/// The module's attributes.
pub fn module_attrs() -> Vec<(&'static str, Value)> {
    let mut v = Vec::new();
    for name in [
        "partial",
        "wraps",
        "update_wrapper",
        "reduce",
        "cache",
        "lru_cache",
        "total_ordering",
        "cmp_to_key",
        "cached_property",
    ] {
        v.push((name, super::builtins::checked("functools", name, module_fn, false)));
    }
    v
}

/// The class `name` with these built-in methods, made on first use.
pub(crate) fn class_with(name: &'static str, methods: &[(&'static str, BuiltinFn)]) -> Rc<Class> {
    let class = other_class(name);
    if class.attrs.borrow().is_empty() {
        class.attrs.borrow_mut().extend(methods.iter().map(|&(n, f)| (intern(n), builtin(n, f))));
    }
    class
}

/// A `partial`'s class: its instances are called by the evaluator (see [`partial_call`]).
fn partial_class() -> Rc<Class> {
    class_with("partial", &[("__repr__", partial_repr)])
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
    i.class.kind == Kind::Other && &*i.class.name == "partial"
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
            // A partial of a partial is one partial, as CPython flattens it.
            let (f, mut args, mut keywords) = match f {
                Value::Instance(inner) if is_partial(inner) => {
                    let part = |n: &str| inner.get(intern(n)).unwrap_or(Value::None);
                    let args = match part("args") {
                        Value::Tuple(t) => t.to_vec(),
                        _ => Vec::new(),
                    };
                    let keywords = match part("keywords") {
                        Value::Dict(d) => d.borrow().clone(),
                        _ => Dict::default(),
                    };
                    (part("func"), args, keywords)
                }
                f => (f.clone(), Vec::new(), Dict::default()),
            };
            args.extend(rest.iter().cloned());
            let p = Instance::new(partial_class());
            p.set(intern("func"), f);
            p.set(intern("args"), Value::tuple(args));
            for (k, v) in kw {
                let k = Value::Str(text(k));
                keywords.insert(k.key()?, k, v);
            }
            p.set(intern("keywords"), Value::dict(keywords));
            Ok(Value::Instance(p))
        }
        ("cache", [f]) => cached(f, Value::None, false),
        // `cmp_to_key(cmp)` gives the key function, bound to `cmp` (see [`key_of`]).
        ("cmp_to_key", [cmp]) => Ok(Value::Method(Rc::new((cmp.clone(), builtin("K", key_of))))),
        // Computed on first reading, then the instance's own attribute (see `attrs::bind`).
        ("cached_property", [f]) => {
            let p = Instance::new(other_class("cached_property"));
            p.set(intern("func"), f.clone());
            Ok(Value::Instance(p))
        }
        ("total_ordering", [Value::Class(c)]) => total_ordering(c).map(|()| args[0].clone()),
        // `@lru_cache` on the function, or `@lru_cache(maxsize=…)` giving the decorator.
        ("lru_cache", [f]) if is_callable(f) && !matches!(f, Value::Int(_)) => cached(f, Value::Int(128), false),
        ("lru_cache", [] | [Value::Int(_) | Value::None] | [Value::Int(_) | Value::None, _]) => {
            let maxsize = match args.first().cloned().or_else(|| super::builtins::kwarg(&kw, "maxsize")) {
                // A negative size is 0 (no cache), as `functools.py` makes it.
                Some(Value::Int(n)) => Some(Value::Int(n.max(0))),
                Some(Value::Bool(b)) => Some(Value::Int(i64::from(b))),
                m @ (None | Some(Value::None)) => m,
                Some(_) => return raise("TypeError", "Expected first argument to be an integer, a callable, or None"),
            };
            let typed = args.get(1).cloned().or_else(|| super::builtins::kwarg(&kw, "typed"));
            let how =
                Value::tuple(vec![maxsize.unwrap_or(Value::Int(128)), Value::Bool(typed.is_some_and(|t| t.truthy()))]);
            Ok(Value::Method(Rc::new((how, builtin("lru_cache", decorate)))))
        }
        ("lru_cache", [_]) => raise("TypeError", "Expected first argument to be an integer, a callable, or None"),
        // `wraps(wrapped)` gives the decorator; applied, it is bound to `wrapped` (below).
        ("wraps", [wrapped]) => Ok(Value::Method(Rc::new((wrapped.clone(), builtin("wraps", wrap))))),
        ("update_wrapper", [wrapper, wrapped]) => wrap(interp, name, vec![wrapped.clone(), wrapper.clone()], kw),
        ("reduce", [f, items, initial @ ..]) if initial.len() <= 1 => {
            let items = match interp.iterate(items) {
                // Not iterable at all (a TypeError from inside a generator or a script's
                // `__iter__` is theirs).
                Err(e)
                    if e.class().is_subclass(&exc_class("TypeError"))
                        && !matches!(items, Value::Gen(_) | Value::Instance(_) | Value::Iter(_)) =>
                {
                    return raise("TypeError", "reduce() arg 2 must support iteration")
                }
                items => items,
            };
            let mut items = items?.into_iter();
            let Some(mut acc) = initial.first().cloned().or_else(|| items.next()) else {
                return raise("TypeError", "reduce() of empty iterable with no initial value");
            };
            for x in items {
                acc = interp.call_sync(f.clone(), vec![acc, x])?;
            }
            Ok(acc)
        }
        ("reduce", _) => {
            let bound = if args.len() < 2 { "least 2" } else { "most 3" };
            raise("TypeError", format!("reduce expected at {bound} arguments, got {}", args.len()))
        }
        ("partial", []) => raise("TypeError", "type 'partial' takes at least one argument"),
        _ => raise("TypeError", format!("{name}() was given the wrong number of arguments")),
    }
}

/// `cmp_to_key(cmp)(obj)`: a key that compares as `cmp(obj, other's obj)` compares with 0.
fn key_of(_: &Interp, _: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    let [cmp, obj] = args.as_slice() else {
        return raise(
            "TypeError",
            format!("K() takes exactly 1 positional argument ({} given)", args.len().saturating_sub(1)),
        );
    };
    let ops = ["__lt__", "__gt__", "__le__", "__ge__", "__eq__"].map(|op| (op, key_compare as BuiltinFn));
    let class = class_with("functools.KeyWrapper", &ops);
    // Unhashable, as CPython's.
    if class.lookup(intern("__hash__")).is_none() {
        class.attrs.borrow_mut().push((intern("__hash__"), Value::None));
    }
    let k = Instance::new(class);
    k.set(intern("obj"), obj.clone());
    k.set(intern("cmp"), cmp.clone());
    Ok(Value::Instance(k))
}

/// A `cmp_to_key` key's comparison: its `cmp` of the two objects, against 0.
fn key_compare(interp: &Interp, how: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    let obj_of = |v: &Value| match v {
        Value::Instance(i) if &*i.class.name == "functools.KeyWrapper" => i.get(intern("obj")),
        _ => None,
    };
    let (Some(a), Some(b)) = (args.first().and_then(obj_of), args.get(1).and_then(obj_of)) else {
        return raise("TypeError", "other argument must be K instance");
    };
    let Some(Value::Instance(me)) = args.first() else { return Ok(Value::None) };
    let cmp = me.get(intern("cmp")).unwrap_or(Value::None);
    let r = interp.call_sync(cmp, vec![a, b])?;
    let zero = Value::Int(0);
    let op = match how {
        "__lt__" => CmpOp::Lt,
        "__gt__" => CmpOp::Gt,
        "__le__" => CmpOp::LtE,
        "__ge__" => CmpOp::GtE,
        _ => CmpOp::Eq,
    };
    interp.compare(op, &r, &zero).map(Value::Bool)
}

/// The comparisons `total_ordering` knows, in the order CPython picks its root by (`max`).
const ORDERINGS: [&str; 4] = ["__lt__", "__le__", "__gt__", "__ge__"];

/// `@total_ordering`: the comparisons a class lacks, made from the one it defines (the last of
/// `__lt__`, `__le__`, `__gt__`, `__ge__` by name, as CPython's `max(roots)`) and `==`.
fn total_ordering(class: &Rc<Class>) -> PyResult<()> {
    let own = |op: &str| matches!(class.lookup(intern(op)), Some(Value::Func(_)));
    let Some(root) = ORDERINGS.into_iter().filter(|op| own(op)).max() else {
        return raise("ValueError", "must define at least one ordering operation: < > <= >=");
    };
    for op in ORDERINGS.into_iter().filter(|op| !own(op)) {
        let derived: &'static str = match (op, root) {
            ("__gt__", "__lt__") | ("__lt__", "__gt__") => "not_and_ne",
            ("__le__", "__lt__") | ("__ge__", "__gt__") => "or_eq",
            ("__lt__", "__le__") | ("__gt__", "__ge__") => "and_ne",
            ("__ge__", "__le__") | ("__le__", "__ge__") => "not_or_eq",
            _ => "not",
        };
        class.attrs.borrow_mut().push((intern(op), builtin(derived, ordered)));
    }
    Ok(())
}

/// A comparison `total_ordering` made: the root's result, combined with `==` as CPython's
/// `_gt_from_lt` and the rest combine them.
fn ordered(interp: &Interp, how: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    let [me, other] = args.as_slice() else { return raise("TypeError", "expected 1 argument") };
    let Value::Instance(i) = me else { return raise("TypeError", "expected an object") };
    let root = ORDERINGS.into_iter().filter(|op| matches!(i.class.lookup(intern(op)), Some(Value::Func(_)))).max();
    let Some(root_fn) = root.and_then(|op| i.class.lookup(intern(op))) else {
        return Ok(super::builtins::not_implemented());
    };
    let r = interp.call_sync(root_fn, vec![me.clone(), other.clone()])?;
    if super::builtins::is_not_implemented(&r) {
        return Ok(r);
    }
    let r = interp.truthy(&r)?;
    let eq = || interp.compare(super::ast::CmpOp::Eq, me, other);
    Ok(Value::Bool(match how {
        "not_and_ne" => !r && !eq()?,
        "or_eq" => r || eq()?,
        "and_ne" => r && !eq()?,
        "not_or_eq" => !r || eq()?,
        _ => !r,
    }))
}

/// `wraps(wrapped)(wrapper)`: the wrapper under the wrapped function's name and qualname.
fn wrap(interp: &Interp, _: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    match args.as_slice() {
        [Value::Func(wrapped), Value::Func(wrapper)] => {
            // As `update_wrapper`: the wrapped one's docstring and attributes, and itself as
            // `__wrapped__`, on the wrapper (its attributes are the wrapper's own, shared).
            let doc = crate::builtins::function_attr(wrapped, intern("__doc__")).unwrap_or(Value::None);
            let name = crate::builtins::function_attr(wrapped, intern("__name__")).unwrap_or(Value::None);
            let mut copied = wrapped.attrs.borrow().clone();
            copied.extend([
                (intern("__name__"), name),
                (intern("__doc__"), doc),
                (intern("__wrapped__"), args[0].clone()),
            ]);
            renamed(wrapper, copied, wrapped.qualname());
            Ok(args[1].clone())
        }
        // A class's instance that wraps (`update_wrapper(self, func)` in its `__init__`): the
        // names, the docstring, the attributes and `__wrapped__` set on it.
        [Value::Func(wrapped), Value::Instance(wrapper)] => {
            for (n, v) in wrapped.attrs.borrow().iter() {
                wrapper.set(*n, v.clone());
            }
            for n in ASSIGNED {
                wrapper.set(intern(n), crate::builtins::function_attr(wrapped, intern(n)).unwrap_or(Value::None));
            }
            wrapper.set(intern("__wrapped__"), args[0].clone());
            Ok(args[1].clone())
        }
        // Anything else wrapped (a class, a callable object, a built-in, a cache): what it has
        // of the names `update_wrapper` copies (one it lacks, an AttributeError, is skipped),
        // read before the wrapper is touched (a `__getattr__` may run), and `__wrapped__`.
        [wrapped, Value::Func(wrapper)] => {
            let mut copied = Vec::new();
            for n in ASSIGNED {
                match interp.get_attr(wrapped, intern(n)) {
                    Ok(v) => copied.push((intern(n), v)),
                    Err(e) if e.class().is_subclass(&exc_class("AttributeError")) => {}
                    Err(e) => return Err(e),
                }
            }
            let qualname = copied.iter().find(|(n, _)| *n == intern("__qualname__")).map(|(_, v)| v.clone());
            let qualname = match qualname {
                Some(Value::Str(q)) => q,
                _ => wrapper.qualname(),
            };
            copied.retain(|(n, _)| *n != intern("__qualname__")); // carried by `renamed`
            copied.push((intern("__wrapped__"), wrapped.clone()));
            renamed(wrapper, copied, qualname);
            Ok(args[1].clone())
        }
        [_, wrapper] => Ok(wrapper.clone()),
        _ => raise("TypeError", "wraps() takes the wrapped function, then the wrapper"),
    }
}

/// The names `update_wrapper` copies (CPython's `WRAPPER_ASSIGNMENTS`, less `__annotations__`).
const ASSIGNED: [&str; 4] = ["__module__", "__name__", "__qualname__", "__doc__"];

/// Sets `attrs` on `wrapper` and renames it `qualname`, in place, as CPython's
/// `update_wrapper` does (`update_wrapper(wrapper, f)` without using what it returns).
fn renamed(wrapper: &Rc<Function>, attrs: Vec<(Name, Value)>, qualname: Rc<str>) {
    let mut replaced = Vec::new();
    let mut own = wrapper.attrs.borrow_mut();
    for (n, v) in attrs {
        match own.iter_mut().find(|(m, _)| *m == n) {
            Some(slot) => replaced.push(std::mem::replace(&mut slot.1, v)),
            None => own.push((n, v)),
        }
    }
    drop(own);
    drop(replaced); // once the attributes are no longer borrowed (a `__del__` may run)
    *wrapper.renamed.borrow_mut() = Some(qualname);
}

/// The attribute a cache keeps the function it calls in (not a name a script can write).
const CALLS: &str = "<calls>";

/// `lru_cache(maxsize, typed)` applied to a function: `[(maxsize, typed), f]`.
fn decorate(_: &Interp, _: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    match args.as_slice() {
        [Value::Tuple(how), f] if is_callable(f) && how.len() == 2 => cached(f, how[0].clone(), how[1].truthy()),
        _ => raise("TypeError", "the first argument must be callable"),
    }
}

/// The cache's class: its instances are called by the evaluator (see [`call_cached`]).
fn cache_class() -> Rc<Class> {
    class_with(
        "functools._lru_cache_wrapper",
        &[("cache_info", cache_method), ("cache_clear", cache_method), ("cache_parameters", cache_method)],
    )
}

/// `f` behind a cache of its results by arguments, of at most `maxsize` (`None`: no limit);
/// `typed`: arguments of different types are kept apart (`f(1)` and `f(1.0)`).
fn cached(f: &Value, maxsize: Value, typed: bool) -> PyResult {
    let w = Instance::new(cache_class());
    w.set(intern("__wrapped__"), f.clone());
    // What it calls, apart from `__wrapped__`, which a script may set (to the cache itself).
    w.set(intern(CALLS), f.clone());
    // As `update_wrapper` makes it: the function's names, module and docstring.
    if let Value::Func(func) = f {
        for n in ["__name__", "__qualname__", "__module__", "__doc__"] {
            if let Ok(v) = crate::builtins::function_attr(func, intern(n)) {
                w.set(intern(n), v);
            }
        }
    }
    w.set(intern("maxsize"), maxsize);
    w.set(intern("typed"), Value::Bool(typed));
    w.set(intern("results"), Value::dict(Dict::default()));
    w.set(intern("hits"), Value::Int(0));
    w.set(intern("misses"), Value::Int(0));
    Ok(Value::Instance(w))
}

/// Whether `f` is a cache made by `cache` or `lru_cache` (the evaluator calls it).
pub fn cache_of(f: &Value) -> Option<Rc<Instance>> {
    match f {
        Value::Instance(i) if i.class.kind == Kind::Other && &*i.class.name == "functools._lru_cache_wrapper" => {
            Some(Rc::clone(i))
        }
        _ => None,
    }
}

fn count(w: &Instance, what: &str) {
    let n = w.get(intern(what)).and_then(|v| v.as_int()).unwrap_or(0);
    w.set(intern(what), Value::Int(n + 1));
}

/// A call of the cache `w`: the result kept for these arguments, or the function's, then kept.
/// The most recently used is kept last; past `maxsize` the least recently used goes.
pub fn call_cached(interp: &Interp, w: Rc<Instance>, args: Vec<Value>, kw: Vec<(Name, Value)>) -> Fut<'_, PyResult> {
    // Boxed: the evaluator's own call future does not carry this one's state.
    Box::pin(async move {
        let Some(Value::Dict(results)) = w.get(intern("results")) else { return raise("TypeError", "not a cache") };
        let mut parts = args.clone();
        for (k, v) in &kw {
            parts.push(Value::Str(text(*k)));
            parts.push(v.clone());
        }
        // Keywords after a marker no argument can be, as CPython's key has them.
        if !kw.is_empty() {
            parts.insert(args.len(), Value::str("\u{0}kwargs"));
        }
        // Typed: each argument's type too (after a marker of its own).
        let typed = w.get(intern("typed")).is_some_and(|t| t.truthy());
        if typed {
            let types: Vec<Value> =
                args.iter().chain(kw.iter().map(|(_, v)| v)).map(|v| Value::Str(v.type_name())).collect();
            parts.push(Value::str("\u{0}types"));
            parts.extend(types);
        }
        // A lone int or str is its own key, as in CPython, where `f(2)` and `f(2.0)` are then
        // two entries (`2 != (2.0,)`) though `2 == 2.0`.
        let k = match args.as_slice() {
            [one @ (Value::Int(_) | Value::Str(_))] if !typed && kw.is_empty() => one.clone(),
            _ => Value::tuple(parts),
        };
        let key = k.key()?;
        let hit = results.borrow().get(&key);
        if let Some(v) = hit {
            count(&w, "hits");
            let mut r = results.borrow_mut();
            r.remove(&key);
            r.insert(key, k, v.clone());
            return Ok(v);
        }
        count(&w, "misses");
        let f = w.get(intern(CALLS)).unwrap_or(Value::None);
        // CPython's cache is written in C, and a C call counts against the recursion limit as
        // a frame does: a cached recursion reaches half as deep.
        let task = crate::aio::current();
        let nest = |by: i32| task.iter().for_each(|t| t.depth.set(t.depth.get().saturating_add_signed(by)));
        nest(1);
        let v = interp.call(f, args, kw).await;
        nest(-1);
        let v = v?;
        let maxsize = w.get(intern("maxsize")).and_then(|m| m.as_int());
        let mut r = results.borrow_mut();
        if maxsize.is_some_and(|m| r.len() as i64 >= m) {
            r.pop_first();
        }
        if maxsize != Some(0) {
            r.insert(key, k, v.clone());
        }
        Ok(v)
    })
}

/// `cache_info()`, `cache_clear()` and `cache_parameters()` of a cache.
fn cache_method(_: &Interp, name: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    let Some(w) = args.first().and_then(cache_of) else { return raise("TypeError", "not a cache") };
    let Some(Value::Dict(results)) = w.get(intern("results")) else { return raise("TypeError", "not a cache") };
    let get = |what: &str| w.get(intern(what)).unwrap_or(Value::None);
    if name == "cache_parameters" {
        let mut d = Dict::default();
        for what in ["maxsize", "typed"] {
            d.insert(Key::Str(what.into()), Value::str(what), get(what));
        }
        return Ok(Value::dict(d));
    }
    if name == "cache_clear" {
        results.borrow_mut().clear();
        w.set(intern("hits"), Value::Int(0));
        w.set(intern("misses"), Value::Int(0));
        return Ok(Value::None);
    }
    let info = Instance::new(info_class());
    for what in ["hits", "misses", "maxsize"] {
        info.set(intern(what), get(what));
    }
    info.set(intern("currsize"), Value::Int(results.borrow().len() as i64));
    Ok(Value::Instance(info))
}

/// `cache_info()`'s class: `CacheInfo(hits=3, misses=5, maxsize=None, currsize=5)`.
fn info_class() -> Rc<Class> {
    class_with("CacheInfo", &[("__repr__", info_repr)])
}

fn info_repr(interp: &Interp, _: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Instance(info)) = args.first() else { return raise("TypeError", "__repr__() needs a CacheInfo") };
    let mut parts = Vec::new();
    for what in ["hits", "misses", "maxsize", "currsize"] {
        parts.push(format!("{what}={}", interp.repr(&info.get(intern(what)).unwrap_or(Value::None))?));
    }
    Ok(Value::string(format!("CacheInfo({})", parts.join(", "))))
}
