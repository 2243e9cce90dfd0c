//! The built-in functions: `print`, `len`, `sorted`, `min`, `round` and the rest of the names in `FUNCTIONS`.

use super::*;
use std::fmt::Write as _;

/// A built-in function (a [`BuiltinFn`]): its arguments are dropped here, once, and borrowed below.
pub(crate) fn function(interp: &Interp, name: &'static str, mut args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    // Lazy, as CPython's: `map` and `filter` call their function as items are taken (a list
    // appended to meanwhile gives its new items too); `zip` is, over a generator, or a list or
    // dict that may change as the pairs are taken.
    let lazy = match name {
        "map" | "filter" => args.len() >= 2,
        // (Over tuples and the like, `strict=` reads them whole, then raises where the shortest
        // ends: see below; no one can tell the difference.)
        "zip" => {
            kw.iter().all(|(k, _)| &*text(*k) == "strict")
                && args.iter().any(|a| {
                    matches!(a, Value::Gen(g) if !g.is_async)
                        || matches!(a, Value::List(_) | Value::Dict(_) | Value::Iter(_))
                        || script_iterable(a)
                })
        }
        _ => false,
    };
    if lazy {
        let strict = match kwarg(&kw, "strict") {
            Some(v) => interp.truthy(&v)?,
            None => false,
        };
        return crate::itertools::lazy_builtin(interp, name, args, strict);
    }
    items_of_objects(interp, name, &mut args)?;
    let out = call(interp, name, &args, &kw);
    // A generator its arguments held alone (`next(gen())`) is closed now, as CPython's is.
    drop(args);
    interp.close_freed();
    out
}

/// Whether `v` is a script's object that gives items (its `__iter__` or `__getitem__`).
pub fn script_iterable(v: &Value) -> bool {
    // `__iter__ = None` says it is not, whatever its `__getitem__`.
    !refuses(v, "__iter__") && script_method(v, "__iter__").or_else(|| script_method(v, "__getitem__")).is_some()
}

/// A script's iterable object (its `__iter__` or `__getitem__`) or a generator, given to a
/// built-in that takes items (`list(bag)`, `sum(gen)`, `zip(a, bag)`), becomes the list of its
/// items, so that no built-in needs to call the script.
pub(super) fn items_of_objects(interp: &Interp, name: &str, args: &mut [Value]) -> PyResult<()> {
    let iterated = match name {
        "list" | "tuple" | "set" | "frozenset" | "sorted" | "sum" | "dict" => 0..1,
        "min" | "max" if args.len() == 1 => 0..1,
        "zip" => 0..args.len(),
        "map" | "filter" => 1..args.len(),
        _ => 0..0,
    };
    for a in args.get_mut(iterated).into_iter().flatten() {
        let script_made = match a {
            Value::Instance(_) => script_iterable(a),
            Value::Gen(_) => true,
            _ => false,
        };
        if script_made {
            *a = Value::list(interp.iterate(a)?);
        }
    }
    Ok(())
}

fn call(interp: &Interp, name: &'static str, args: &[Value], kw: &[(Name, Value)]) -> PyResult {
    match name {
        // Decorators of a class's methods: an object of their own class that an attribute
        // lookup turns into what it stands for (see `attrs::bind`).
        "staticmethod" | "classmethod" => {
            arg_count(name, args, 1, 1)?;
            let object = Instance::new(other_class(name));
            object.set(intern("__func__"), args[0].clone());
            // As CPython 3.10's: the function's names and docstring, and it as `__wrapped__`.
            for n in ["__module__", "__name__", "__qualname__", "__doc__"] {
                if let Ok(v) = interp.get_attr(&args[0], intern(n)) {
                    object.set(intern(n), v);
                }
            }
            object.set(intern("__wrapped__"), args[0].clone());
            Ok(Value::Instance(object))
        }
        // `property(fget, fset, fdel, doc)`, and a property's `setter`, `getter` and `deleter`
        // (`@total.setter`): a copy of the property with that one function replaced.
        "property" | "setter" | "getter" | "deleter" => {
            const PARTS: [&str; 4] = ["fget", "fset", "fdel", "__doc__"];
            let object = Instance::new(other_class("property"));
            let mut parts: Vec<Value> = args.to_vec();
            if name != "property" {
                arg_count(name, args, 2, 2)?;
                let Value::Instance(p) = &args[0] else { return raise("TypeError", "descriptor needs a property") };
                let at = ["getter", "setter", "deleter"].iter().position(|n| *n == name).unwrap_or(0);
                parts = PARTS.iter().map(|n| p.get(intern(n)).unwrap_or(Value::None)).collect();
                parts[at] = args[1].clone();
            } else {
                // At most four: its line in `signature.rs` says so before it runs.
                parts.resize(4, Value::None);
                for (at, key) in ["fget", "fset", "fdel", "doc"].into_iter().enumerate() {
                    if let Some(v) = kwarg(kw, key) {
                        parts[at] = v;
                    }
                }
            }
            for (part, v) in PARTS.iter().zip(parts) {
                if !matches!(v, Value::None) {
                    object.set(intern(part), v);
                }
            }
            Ok(Value::Instance(object))
        }
        "print" => {
            let sep = match kwarg(kw, "sep") {
                None | Some(Value::None) => " ".to_string(),
                Some(Value::Str(s)) => s.to_string(),
                Some(v) => return Err(type_error("sep must be None or a string, not ", &v, "")),
            };
            let end = match kwarg(kw, "end") {
                None | Some(Value::None) => "\n".to_string(),
                Some(Value::Str(s)) => s.to_string(),
                Some(v) => return Err(type_error("end must be None or a string, not ", &v, "")),
            };
            // Another file than the console's (`file=` an object, or `sys.stdout` replaced):
            // each part goes to its `write`, as CPython's print writes them.
            let file = match kwarg(kw, "file") {
                None | Some(Value::None) => interp.host.imported("sys").and_then(|sys| match sys {
                    Value::Module(m) => m.attrs.borrow().get(&intern("stdout")).cloned(),
                    _ => None,
                }),
                file => file,
            };
            if let Some(file) = file.clone().filter(|f| !matches!(f, Value::Module(m) if m.name.starts_with("sys.std"))) {
                let write = get_attr(interp, &file, intern("write"))?;
                let put = |text: String| interp.call_sync(write.clone(), vec![Value::string(text)]);
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        put(sep.clone())?;
                    }
                    put(interp.to_str(a)?)?;
                }
                put(end)?;
                if kwarg(kw, "flush").is_some_and(|f| f.truthy()) {
                    let flush = get_attr(interp, &file, intern("flush"))?;
                    interp.call_sync(flush, vec![])?;
                }
                return Ok(Value::None);
            }
            let to_stderr = matches!(&file, Some(Value::Module(m)) if m.name == "sys.stderr");
            let mut out = String::new();
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(&sep);
                }
                match interp.to_str(a) {
                    Ok(s) => out.push_str(&s),
                    Err(e) => {
                        // What came before is written already, as CPython writes each in turn.
                        interp.host.write(&out, to_stderr);
                        return Err(e);
                    }
                }
            }
            out.push_str(&end);
            interp.host.write(&out, to_stderr);
            Ok(Value::None)
        }
        "len" => {
            arg_count(name, args, 1, 1)?;
            // A range's length is an i64 of its own: past the page's 32-bit usize, it stays exact.
            match &args[0] {
                Value::Range(r) => Ok(Value::Int(range_len(r))),
                v => Ok(Value::Int(len(interp, v)? as i64)),
            }
        }
        "repr" | "ascii" => {
            arg_count(name, args, 1, 1)?;
            let r = interp.repr(&args[0])?;
            Ok(Value::string(if name == "repr" { r } else { ascii_of(r) }))
        }
        "isinstance" | "issubclass" => {
            arg_count(name, args, 2, 2)?;
            let class = if name == "isinstance" {
                args[0].class()
            } else {
                match &args[0] {
                    Value::Class(c) => Rc::clone(c),
                    _ => return raise("TypeError", "issubclass() arg 1 must be a class"),
                }
            };
            // An `IntEnum`'s or a `StrEnum`'s member is an int or a str too.
            let value_class = match &args[0] {
                Value::Instance(i) if name == "isinstance" && crate::enums::is_valued_member(i) => {
                    crate::enums::member_value(&args[0]).map(|v| v.class())
                }
                // A namedtuple is a tuple too.
                v if name == "isinstance" && crate::namedtuple::is_namedtuple(v) => Some(Value::tuple(vec![]).class()),
                _ => None,
            };
            // A tuple's entries in order, nested tuples too, up to the first that matches (a
            // non-class after it is never looked at), as CPython's.
            fn check(t: &Value, class: &Rc<Class>, value_class: Option<&Rc<Class>>, name: &str) -> PyResult<bool> {
                match t {
                    Value::Class(c) => Ok(class.is_subclass(c) || value_class.is_some_and(|v| v.is_subclass(c))),
                    // `isinstance(m, map)`: the class the built-in stands for.
                    Value::Builtin(b) if b.is_type => {
                        check(&builtin_type(b).map_or(Value::None, Value::Class), class, value_class, name)
                    }
                    Value::Tuple(ts) => {
                        for t in ts.iter() {
                            if check(t, class, value_class, name)? {
                                return Ok(true);
                            }
                        }
                        Ok(false)
                    }
                    a if crate::hints::is_alias(a) => {
                        raise("TypeError", format!("{name}() argument 2 cannot be a parameterized generic"))
                    }
                    // `int | str`: one of its types.
                    u => match crate::hints::union_args(u) {
                        Some(types) => check(&Value::tuple(types), class, value_class, name),
                        // CPython's two words differ: isinstance's "type", issubclass's "class".
                        None => {
                            let (one, many) = if name == "isinstance" { ("type", "types") } else { ("class", "classes") };
                            raise("TypeError", format!("{name}() arg 2 must be a {one}, a tuple of {many}, or a union"))
                        }
                    },
                }
            }
            Ok(Value::Bool(check(&args[1], &class, value_class.as_ref(), name)?))
        }
        "enumerate" => {
            arg_count(name, args, 1, 2)?;
            let start = match args.get(1).or(kwarg(kw, "start").as_ref()) {
                Some(v) => int_arg(v, "")?,
                None => 0,
            };
            match &args[0] {
                // (An async generator is not iterable: `iterate` below says so.)
                Value::Gen(g) if !g.is_async => return Ok(crate::interp::enumerate_lazily(interp, g, start)),
                // By index, as the loop goes: it sees what the loop changes in the list.
                Value::List(l) => return Ok(Value::Iter(Rc::new(RefCell::new(Iter::of_list(Rc::clone(l)).numbered(start))))),
                // A script's iterator, or a built-in one another name may hold (`it = iter(x)`):
                // asked for an item as each pair is taken, so what is left stays in it.
                v @ Value::Iter(i) if Rc::strong_count(i) > 1 => {
                    return crate::itertools::lazily(interp, "enumerate", v.clone(), start)
                }
                v if script_iterable(v) => return crate::itertools::lazily(interp, "enumerate", v.clone(), start),
                _ => {}
            }
            let items = iterate(&args[0])?;
            let mut out = Vec::with_capacity(items.len());
            let mut n = start;
            for (i, v) in items.into_iter().enumerate() {
                if i > 0 {
                    n = crate::value::count_after(n)?;
                }
                out.push(Value::tuple(vec![Value::Int(n), v]));
            }
            Ok(iter_named("enumerate", out))
        }
        // (Over iterators, lists, dicts and generators `zip` is lazy: see `function`.)
        "zip" => {
            let lists = iterate_all(args)?;
            let n = lists.iter().map(Vec::len).min().unwrap_or(0);
            // `strict=True`: lengths that differ raise once the pairs are taken, as CPython's
            // raises where the shortest ends.
            let mut uneven = None;
            if let Some(strict) = kwarg(kw, "strict") {
                if interp.truthy(&strict)? {
                    uneven = zip_strict(&lists, n).err();
                }
            }
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                out.push(Value::tuple(row(&lists, i)));
            }
            Ok(Value::Iter(Rc::new(RefCell::new(Iter::new(out).named("zip").then_raising(uneven)))))
        }
        "sorted" => {
            if args.is_empty() {
                return raise("TypeError", "sorted expected 1 argument, got 0"); // `sorted(key=len)`
            }
            arg_count(name, args, 1, 1)?;
            let mut items = iterate(&args[0])?;
            sort(interp, &mut items, kw)?;
            Ok(Value::list(items))
        }
        "reversed" => {
            arg_count(name, args, 1, 1)?;
            // A script's object: its `__reversed__`, else its items from the end.
            if let Some(m) = script_method(&args[0], "__reversed__") {
                return interp.call_sync(m, vec![args[0].clone()]);
            }
            // Else its `__len__`, then its `__getitem__` from the end as items are taken.
            if let Value::Instance(_) = &args[0] {
                if script_method(&args[0], "__getitem__").is_none() {
                    return Err(type_error("'", &args[0], "' object is not reversible"));
                }
                let Some(len) = script_method(&args[0], "__len__") else {
                    return Err(type_error("object of type '", &args[0], "' has no len()"));
                };
                let n = interp.call_sync(len, vec![args[0].clone()])?;
                let n = n.as_int().ok_or_else(|| type_error("'", &n, "' object cannot be interpreted as an integer"))?;
                return crate::itertools::lazily(interp, "reversed", args[0].clone(), n);
            }
            // A list's from its end as it is at each step, as CPython's: one that shrank
            // meanwhile ends there.
            if let Value::List(l) = &args[0] {
                return Ok(Value::Iter(Rc::new(RefCell::new(Iter::of_list_reversed(Rc::clone(l))))));
            }
            let mut items = match &args[0] {
                v @ (Value::Tuple(_)
                | Value::Str(_)
                | Value::Bytes(_)
                | Value::Range(_)
                | Value::Dict(_)
                | Value::View(_)) => {
                    iterate(v)?
                }
                // An enum's members, last first.
                v @ Value::Class(c) if crate::enums::members(c).is_some() => iterate(v)?,
                v => return Err(type_error("'", v, "' object is not reversible")),
            };
            items.reverse();
            let kind = match &args[0] {
                Value::Range(_) => "range_iterator",
                Value::Dict(_) => "dict_reversekeyiterator",
                _ => "reversed",
            };
            Ok(iter_named(kind, items))
        }
        "min" | "max" => {
            if args.is_empty() {
                return Err(arg_count_error(name, 0, 1, usize::MAX));
            }
            if args.len() > 1 && kwarg(kw, "default").is_some() {
                let m = format!("Cannot specify a default for {name}() with multiple positional arguments");
                return raise("TypeError", m);
            }
            let items = if args.len() == 1 { iterate(&args[0])? } else { args.to_vec() };
            let key = kwarg(kw, "key").filter(|k| !matches!(k, Value::None));
            let mut best: Option<(Value, Value)> = None;
            for item in items {
                let k = match &key {
                    Some(f) => interp.call_sync(f.clone(), vec![item.clone()])?,
                    None => item.clone(),
                };
                if beats(interp, name, &k, &best)? {
                    best = Some((item, k));
                }
            }
            min_max_end(name, best, kw)
        }
        "sum" => {
            arg_count(name, args, 1, 2)?;
            let mut total = args.get(1).cloned().or(kwarg(kw, "start")).unwrap_or(Value::Int(0));
            match total {
                Value::Str(_) => return raise("TypeError", "sum() can't sum strings [use ''.join(seq) instead]"),
                Value::Bytes(_) => return raise("TypeError", "sum() can't sum bytes [use b''.join(seq) instead]"),
                _ => {}
            }
            for v in iterate(&args[0])? {
                total = interp.binop_sync(BinOp::Add, &total, &v)?;
            }
            Ok(total)
        }
        "abs" => {
            arg_count(name, args, 1, 1)?;
            match &args[0] {
                Value::Int(i) => i.checked_abs().map(Value::Int).ok_or_else(overflow),
                Value::Bool(b) => Ok(Value::Int(*b as i64)),
                Value::Float(f) => Ok(Value::Float(f.abs())),
                v => match script_method(v, "__abs__") {
                    Some(m) => interp.call_sync(m, vec![v.clone()]),
                    None => Err(type_error("bad operand type for abs(): '", v, "'")),
                },
            }
        }
        "round" => {
            arg_count(name, args, 1, 2)?;
            // A script's own `__round__`, given `ndigits` only if it was.
            if let Some(m) = script_method(&args[0], "__round__") {
                let mut call = vec![args[0].clone()];
                call.extend(args.get(1).cloned().or(kwarg(kw, "ndigits")));
                return interp.call_sync(m, call);
            }
            let nd = match args.get(1).or(kwarg(kw, "ndigits").as_ref()) {
                None | Some(Value::None) => None,
                Some(v) => Some(int_arg(v, "")?),
            };
            match (&crate::enums::plain(&args[0]), nd) {
                (Value::Int(i), None) => Ok(Value::Int(*i)),
                (Value::Int(i), Some(n)) if n >= 0 => Ok(Value::Int(*i)),
                (Value::Int(i), Some(n)) => {
                    // In whole numbers, halves to even, as CPython rounds an int: past 10**19
                    // every i64 rounds to 0.
                    let Some(p) = 10i128.checked_pow(n.unsigned_abs().min(19) as u32).filter(|_| n >= -19) else {
                        return Ok(Value::Int(0));
                    };
                    let (x, half) = (i128::from(*i), p / 2);
                    let (q, rest) = (x.div_euclid(p), x.rem_euclid(p));
                    let q = if rest > half || (rest == half && q % 2 != 0) { q + 1 } else { q };
                    match i64::try_from(q * p) {
                        Ok(r) => Ok(Value::Int(r)),
                        Err(_) => raise("OverflowError", "Loopscope's ints are 64-bit: the rounded value does not fit"),
                    }
                }
                (Value::Float(f), None) => {
                    if f.is_nan() {
                        return raise("ValueError", "cannot convert float NaN to integer");
                    }
                    if f.is_infinite() {
                        return raise("OverflowError", "cannot convert float infinity to integer");
                    }
                    format::round_to_int(*f).map(Value::Int).map_err(format_error)
                }
                (Value::Float(f), Some(n)) => format::round_float(*f, n.clamp(-400, 400) as i32)
                    .map(Value::Float)
                    .map_err(format_error),
                (Value::Bool(b), _) => Ok(Value::Int(*b as i64)),
                (v, _) => Err(type_error("type ", v, " doesn't define __round__ method")),
            }
        }
        "any" | "all" => {
            arg_count(name, args, 1, 1)?;
            // Up to the first item that decides, as CPython's: a generator or a script's
            // iterator is asked no further.
            let want = name == "any";
            let mut decided = false;
            interp.each(&args[0], &mut |v| {
                decided = interp.truthy(&v)? == want;
                Ok(!decided)
            })?;
            Ok(Value::Bool(decided == want))
        }
        "map" => {
            if args.len() < 2 {
                return raise("TypeError", "map() must have at least two arguments.");
            }
            let f = args[0].clone();
            let lists = iterate_all(&args[1..])?;
            let n = lists.iter().map(Vec::len).min().unwrap_or(0);
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                out.push(interp.call_sync(f.clone(), row(&lists, i))?);
            }
            Ok(iter_named("map", out))
        }
        "filter" => {
            arg_count(name, args, 2, 2)?;
            let mut out = Vec::new();
            for v in iterate(&args[1])? {
                let keep = match &args[0] {
                    Value::None => interp.truthy(&v)?,
                    f => {
                        let r = interp.call_sync(f.clone(), vec![v.clone()])?;
                        interp.truthy(&r)?
                    }
                };
                if keep {
                    out.push(v);
                }
            }
            Ok(iter_named("filter", out))
        }
        "hasattr" | "getattr" => {
            arg_count(name, args, 2, 3)?;
            let Value::Str(attr) = &args[1] else {
                return Err(type_error("attribute name must be string, not '", &args[1], "'"));
            };
            let r = get_attr(interp, &args[0], intern(attr));
            // Only an AttributeError means "no such attribute": a property's other error (or a
            // refusal) goes on, as CPython's.
            if let Err(e) = &r {
                if !e.class().is_subclass(&exc_class("AttributeError")) {
                    return r;
                }
            }
            match (name, r) {
                ("hasattr", r) => Ok(Value::Bool(r.is_ok() || has_protocol(&args[0], attr))),
                (_, Ok(v)) => Ok(v),
                (_, Err(e)) => args.get(2).cloned().ok_or(e),
            }
        }
        "setattr" => {
            arg_count(name, args, 3, 3)?;
            let Value::Str(attr) = &args[1] else {
                return Err(type_error("attribute name must be string, not '", &args[1], "'"));
            };
            interp.set_attr(&args[0], intern(attr), args[2].clone())?;
            Ok(Value::None)
        }
        "delattr" => {
            arg_count(name, args, 2, 2)?;
            let Value::Str(attr) = &args[1] else {
                return Err(type_error("attribute name must be string, not '", &args[1], "'"));
            };
            del_attr(interp, &args[0], intern(attr)).map(|()| Value::None)
        }
        // `anext(agen[, default])` and `aiter(x)`.
        "anext" => {
            // CPython's older wording for it.
            match args.len() {
                0 => return raise("TypeError", "anext expected at least 1 argument, got 0"),
                n @ 3.. => return raise("TypeError", format!("anext expected at most 2 arguments, got {n}")),
                _ => {}
            }
            let step = match (&args[0], script_method(&args[0], "__anext__")) {
                (Value::Gen(g), _) if g.is_async => g.async_step(interp, "__anext__", None)?,
                (v, Some(m)) => interp.call_sync(m, vec![v.clone()])?,
                (v, None) => return Err(type_error("'", v, "' object is not an async iterator")),
            };
            match args.get(1) {
                None => Ok(step),
                // With a default, its end gives the default instead of StopAsyncIteration.
                Some(default) => {
                    let (default, rc) = (default.clone(), interp.host.rc()?);
                    let fut = async move {
                        match rc.await_value(step).await {
                            Err(e) if e.class().name.as_ref() == "StopAsyncIteration" => Ok(default),
                            out => out,
                        }
                    };
                    Ok(Value::Coro(Rc::new(crate::aio::Coro::new("anext".into(), Box::pin(fut), false, false))))
                }
            }
        }
        "aiter" => {
            if args.len() != 1 {
                return raise("TypeError", format!("aiter() takes exactly one argument ({} given)", args.len()));
            }
            match (&args[0], script_method(&args[0], "__aiter__")) {
                (Value::Gen(g), _) if g.is_async => Ok(args[0].clone()),
                (v, Some(m)) => match interp.call_sync(m, vec![v.clone()])? {
                    Value::Gen(g) if g.is_async => Ok(Value::Gen(g)),
                    it if script_method(&it, "__anext__").is_some() => Ok(it),
                    it => Err(type_error("aiter() returned not an async iterator of type '", &it, "'")),
                },
                (v, None) => Err(type_error("'", v, "' object is not an async iterable")),
            }
        }
        "iter" => {
            arg_count(name, args, 1, 2)?;
            // `iter(f, sentinel)`: `f()` called as items are taken, up to one equal to `sentinel`.
            if let Some(sentinel) = args.get(1) {
                if !is_callable(&args[0]) {
                    return raise("TypeError", "iter(v, w): v must be callable");
                }
                return Ok(crate::itertools::calling(interp, args[0].clone(), sentinel.clone()));
            }
            Ok(match &args[0] {
                Value::Iter(_) => args[0].clone(),
                Value::Gen(g) if !g.is_async => args[0].clone(),
                Value::List(l) => Value::Iter(Rc::new(RefCell::new(Iter::of_list(Rc::clone(l))))),
                Value::Dict(d) => Value::Iter(Rc::new(RefCell::new(Iter::of_dict(Rc::clone(d), ViewKind::Keys)))),
                Value::View(view) => Value::Iter(Rc::new(RefCell::new(Iter::of_dict(Rc::clone(&view.dict), view.kind)))),
                // A script's object: what its `__iter__` gives (checked to be an iterator),
                // else its `__getitem__` asked from 0 as items are taken; nothing is asked now.
                v @ Value::Instance(_) if script_iterable(v) => match script_method(v, "__iter__") {
                    Some(m) => match interp.call_sync(m, vec![v.clone()])? {
                        it @ (Value::Gen(_) | Value::Iter(_)) => it,
                        it if script_method(&it, "__next__").is_some() => it,
                        other => {
                            let name = other.type_name();
                            return raise("TypeError", format!("iter() returned non-iterator of type '{name}'"));
                        }
                    },
                    None => crate::itertools::lazily(interp, "iterator", v.clone(), 0)?,
                },
                v => iter_named(iterator_kind(v), interp.iterate(v)?),
            })
        }
        "next" => {
            arg_count(name, args, 1, 2)?;
            match &args[0] {
                Value::Iter(it) => match it.borrow_mut().next_item()? {
                    Some(v) => Ok(v),
                    None => args.get(1).cloned().ok_or_else(|| new_exception(exc_class("StopIteration"), vec![])),
                },
                Value::Gen(g) if !g.is_async => match g.resume_now(interp)? {
                    Some(v) => Ok(v),
                    None => args.get(1).cloned().ok_or_else(|| g.stop_iteration()),
                },
                v => match v {
                    Value::Instance(i) => i.class.lookup(intern("__next__")),
                    _ => None,
                }
                .map_or_else(
                    || Err(type_error("'", v, "' object is not an iterator")),
                    |next| match (interp.call_sync(next, vec![v.clone()]), args.get(1)) {
                        (Err(e), Some(default)) if e.class().is_subclass(&exc_class("StopIteration")) => Ok(default.clone()),
                        (out, _) => out,
                    },
                ),
            }
        }
        "divmod" => {
            arg_count(name, args, 2, 2)?;
            // A class's own `__divmod__` (or the right operand's `__rdivmod__`), as CPython asks.
            for (own, x, y) in [("__divmod__", &args[0], &args[1]), ("__rdivmod__", &args[1], &args[0])] {
                if let Some(m) = script_method(x, own) {
                    let r = interp.call_sync(m, vec![x.clone(), y.clone()])?;
                    if !is_not_implemented(&r) {
                        return Ok(r);
                    }
                }
            }
            // Else numbers (or a library's objects, a timedelta): never `//` and `%` of a
            // script's class, as CPython's `divmod` asks only those two.
            let refused = |a: &Value| match a {
                Value::Instance(i) => i.class.kind == Kind::Object && crate::enums::plain(a).as_number().is_none(),
                a => a.as_number().is_none(),
            };
            if args.iter().any(refused) {
                let (a, b) = (args[0].type_name(), args[1].type_name());
                return raise("TypeError", format!("unsupported operand type(s) for divmod(): '{a}' and '{b}'"));
            }
            let float = args.iter().any(|a| matches!(a, Value::Float(_)));
            if float && args[1].as_number() == Some(0.0) {
                return raise("ZeroDivisionError", "float divmod()");
            }
            let (a, b) = (crate::enums::plain(&args[0]), crate::enums::plain(&args[1]));
            // Both or neither: one refused is divmod's refusal (`divmod(td, 7)`).
            let unsupported = |e: Exc| match e.to_str().starts_with("unsupported operand") {
                true => exc("TypeError", format!("unsupported operand type(s) for divmod(): '{}' and '{}'", a.type_name(), b.type_name())),
                false => e,
            };
            let q = interp.binop_sync(BinOp::FloorDiv, &a, &b).map_err(unsupported)?;
            let r = interp.binop_sync(BinOp::Mod, &a, &b).map_err(unsupported)?;
            Ok(Value::tuple(vec![q, r]))
        }
        "pow" => {
            arg_count(name, args, 2, 3)?;
            match (&args[0], &args[1], args.get(2)) {
                // `**`, a script's `__pow__` and `__rpow__` included.
                (_, _, None | Some(Value::None)) => interp.binop_sync(BinOp::Pow, &args[0], &args[1]),
                (b, e, Some(m)) if [b, e, m].iter().all(|v| matches!(v, Value::Int(_) | Value::Bool(_))) => {
                    pow_mod(b.as_int().unwrap_or(0), e.as_int().unwrap_or(0), m.as_int().unwrap_or(0)).map(Value::Int)
                }
                // A script's `__pow__(exp, mod)`.
                (base @ Value::Instance(_), exp, Some(m)) => match script_method(base, "__pow__") {
                    Some(f) => interp.call_sync(f, vec![base.clone(), exp.clone(), m.clone()]),
                    None => raise("TypeError", "pow() 3rd argument not allowed unless all arguments are integers"),
                },
                // Not a number at all: `**`'s refusal, naming all three.
                (b, e, Some(m)) if [b, e, m].iter().any(|v| v.as_number().is_none()) => raise(
                    "TypeError",
                    format!(
                        "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
                        b.type_name(),
                        e.type_name(),
                        m.type_name()
                    ),
                ),
                _ => raise("TypeError", "pow() 3rd argument not allowed unless all arguments are integers"),
            }
        }
        "format" => {
            arg_count(name, args, 1, 2)?;
            let spec = match args.get(1) {
                None => "",
                Some(Value::Str(s)) => s,
                Some(v) => return Err(type_error("format() argument 2 must be str, not ", v, "")),
            };
            super::strings::format_field(interp, &args[0], None, spec).map(Value::string)
        }
        "chr" => {
            arg_count(name, args, 1, 1)?;
            let i = int_arg(&args[0], "")?;
            match u32::try_from(i).ok().and_then(char::from_u32) {
                Some(c) => Ok(Value::string(c.to_string())),
                // A str here is UTF-8, which has no place for half a UTF-16 pair.
                None if (0xD800..0xE000).contains(&i) => crate::interp::unsupported("lone surrogates (chr(0xd800))"),
                None => raise("ValueError", "chr() arg not in range(0x110000)"),
            }
        }
        "ord" => {
            arg_count(name, args, 1, 1)?;
            match &args[0] {
                Value::Str(s) if s.chars().count() == 1 => Ok(Value::Int(s.chars().next().map_or(0, |c| c as i64))),
                Value::Str(s) => raise(
                    "TypeError",
                    format!("ord() expected a character, but string of length {} found", s.chars().count()),
                ),
                Value::Bytes(b) if b.len() == 1 => Ok(Value::Int(i64::from(b[0]))),
                Value::Bytes(b) => raise(
                    "TypeError",
                    format!("ord() expected a character, but string of length {} found", b.len()),
                ),
                v => Err(type_error("ord() expected string of length 1, but ", v, " found")),
            }
        }
        "hex" | "bin" | "oct" => {
            arg_count(name, args, 1, 1)?;
            let i = int_arg(&args[0], "")?;
            let (sign, m) = if i < 0 { ("-", i.unsigned_abs()) } else { ("", i as u64) };
            Ok(Value::Str(
                match name {
                    "hex" => format!("{sign}0x{m:x}"),
                    "bin" => format!("{sign}0b{m:b}"),
                    _ => format!("{sign}0o{m:o}"),
                }
                .into(),
            ))
        }
        "id" => {
            arg_count(name, args, 1, 1)?;
            Ok(Value::Int(args[0].identity() as i64))
        }
        "hash" => {
            arg_count(name, args, 1, 1)?;
            Ok(Value::Int(hash_of(&args[0])?))
        }
        "callable" => {
            arg_count(name, args, 1, 1)?;
            Ok(Value::Bool(is_callable(&args[0])))
        }
        "input" => raise("RuntimeError", "input() has no keyboard in Loopscope: give the values in the code"),
        "frozenset" | "bytearray" | "memoryview" => crate::interp::unsupported(name),
        "fromkeys" => {
            // `dict.fromkeys(keys, value=None)`, bound to the class.
            if matches!(&args[0], Value::Class(c) if &*c.name == "Counter") {
                return raise("NotImplementedError", "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.");
            }
            // `OrderedDict.fromkeys(iterable, value=None)` takes them by name too; dict's not.
            let ordered = matches!(&args[0], Value::Class(c) if &*c.name == "OrderedDict");
            let mut args = args.to_vec();
            if let (false, Some(_), Value::Class(c)) = (ordered, kw.first(), &args[0]) {
                return raise("TypeError", format!("{}.fromkeys() takes no keyword arguments", c.name));
            }
            // Keywords in their places, whatever their order.
            for (at, key) in [(1, "iterable"), (2, "value")] {
                if let Some((_, v)) = kw.iter().find(|(k, _)| &*text(*k) == key) {
                    if args.len() != at {
                        return raise("TypeError", format!("argument for fromkeys() given by name ('{key}') and position ({at})"));
                    }
                    args.push(v.clone());
                }
            }
            if let Some((k, _)) = kw.iter().find(|(k, _)| !matches!(&*text(*k), "iterable" | "value")) {
                return raise("TypeError", format!("'{}' is an invalid keyword argument for fromkeys()", text(*k)));
            }
            if !(2..=3).contains(&args.len()) {
                if ordered {
                    return raise("TypeError", match args.len() {
                        1 => "fromkeys() missing required argument 'iterable' (pos 1)".to_string(),
                        n => format!("fromkeys() takes at most 2 arguments ({} given)", n - 1),
                    });
                }
                let (bound, n) = if args.len() < 2 { ("least 1 argument", 0) } else { ("most 2 arguments", args.len() - 1) };
                return raise("TypeError", format!("fromkeys expected at {bound}, got {n}"));
            }
            let value = args.get(2).cloned().unwrap_or(Value::None);
            let mut d = Dict::default();
            // `OrderedDict.fromkeys`, `defaultdict.fromkeys` (no factory): of their kind.
            d.missing = match &args[0] {
                Value::Class(c) if &*c.name == "OrderedDict" => crate::value::Missing::Ordered,
                Value::Class(c) if &*c.name == "defaultdict" => crate::value::Missing::Factory(Value::None),
                _ => crate::value::Missing::KeyError,
            };
            for k in interp.iterate(&args[1])? {
                d.insert(k.key()?, k, value.clone());
            }
            Ok(Value::dict(d))
        }
        // Counted as CPython counts them (`args[0]` is the generator or coroutine itself).
        "send" | "close" if args.len() != if name == "send" { 2 } else { 1 } => {
            let owner = if matches!(args[0], Value::Coro(_)) { "coroutine" } else { "generator" };
            let (given, how) = (args.len() - 1, if name == "send" { "exactly one argument" } else { "no arguments" });
            raise("TypeError", format!("{owner}.{name}() takes {how} ({given} given)"))
        }
        "throw" if !(2..=4).contains(&args.len()) => {
            let (given, bound) = (args.len() - 1, if args.len() < 2 { "least 1 argument" } else { "most 3 arguments" });
            raise("TypeError", format!("throw expected at {bound}, got {given}"))
        }
        "send" | "close" | "throw" => match &args[0] {
            // A coroutine closed before it ran just ends; one that a hand-written event loop
            // drives (see `Gen::drive`) is a generator underneath, as in CPython.
            Value::Coro(c) if name == "close" => {
                let driven = c.driven.borrow().clone();
                match driven {
                    Some(g) => g.close(interp).map(|()| Value::None),
                    None => {
                        drop(c.take());
                        Ok(Value::None)
                    }
                }
            }
            // Refused before it starts: its "never awaited" warning still comes.
            Value::Coro(c) if name == "send" && c.driven.borrow().is_none() && args.get(1).is_some_and(|v| !matches!(v, Value::None)) => {
                raise("TypeError", "can't send non-None value to a just-started coroutine")
            }
            Value::Coro(c) => {
                let mut args = args.to_vec();
                args[0] = Value::Gen(crate::interp::Gen::drive(c, name)?);
                call(interp, name, &args, kw)
            }
            Value::Gen(g) if name == "send" => g.send(interp, args.get(1).cloned().unwrap_or(Value::None)),
            Value::Gen(g) if name == "throw" => g.throw(interp, thrown_arg(interp, name, &args[1..])?),
            Value::Gen(g) => g.close(interp).map(|()| Value::None),
            v => Err(type_error("'", v, "' object has no such method")),
        },
        "dir" if args.len() == 1 => dir_of(interp, &args[0]),
        "dir" if args.is_empty() => crate::interp::unsupported("dir() without an argument"),
        "vars" if args.len() == 1 => get_attr(interp, &args[0], intern("__dict__")).map_err(|e| {
            match e.class().is_subclass(&exc_class("AttributeError")) {
                true => exc("TypeError", "vars() argument must have __dict__ attribute"),
                false => e,
            }
        }),
        "vars" | "dir" if args.len() > 1 => {
            raise("TypeError", format!("{name} expected at most 1 argument, got {}", args.len()))
        }
        // CPython's interactive help: none here (a docstring of the script's own is `__doc__`).
        "help" => crate::interp::unsupported("help()"),
        // `exit()`, `quit()` and `sys.exit()`: the program ends where it stands (`SystemExit`).
        // (CPython's are `site.Quitter` objects: `exit()` is `SystemExit(None)`.)
        "exit" | "quit" => match args {
            [] => Err(new_exception(exc_class("SystemExit"), vec![Value::None])),
            [code] => Err(new_exception(exc_class("SystemExit"), vec![code.clone()])),
            _ => {
                let n = args.len() + 1;
                raise("TypeError", format!("Quitter.__call__() takes from 1 to 2 positional arguments but {n} were given"))
            }
        },
        _ => raise(
            "NameError",
            format!("name '{name}' is not available: Loopscope's Python runs in a sandbox, with no files, no eval and no access to the page"),
        ),
    }
}

/// What `object` gives every instance and class to `dir()`, in CPython 3.11.
pub(crate) const OBJECT_DIR: &[&str] = &[
    "__class__",
    "__delattr__",
    "__dir__",
    "__doc__",
    "__eq__",
    "__format__",
    "__ge__",
    "__getattribute__",
    "__getstate__",
    "__gt__",
    "__hash__",
    "__init__",
    "__init_subclass__",
    "__le__",
    "__lt__",
    "__module__",
    "__ne__",
    "__new__",
    "__reduce__",
    "__reduce_ex__",
    "__repr__",
    "__setattr__",
    "__sizeof__",
    "__str__",
    "__subclasshook__",
];

/// What the built-in types add to `object`'s names in `dir()`, in CPython 3.11 (`bool` has
/// `int`'s): how a learner lists what a str offers.
const TYPE_DIR: &[(&str, &str)] = &[
    ("object", ""),
    ("str", "__add__ __contains__ __getitem__ __getnewargs__ __iter__ __len__ __mod__ __mul__ __rmod__ __rmul__ capitalize casefold center count encode endswith expandtabs find format format_map index isalnum isalpha isascii isdecimal isdigit isidentifier islower isnumeric isprintable isspace istitle isupper join ljust lower lstrip maketrans partition removeprefix removesuffix replace rfind rindex rjust rpartition rsplit rstrip split splitlines startswith strip swapcase title translate upper zfill"),
    ("list", "__add__ __class_getitem__ __contains__ __delitem__ __getitem__ __iadd__ __imul__ __iter__ __len__ __mul__ __reversed__ __rmul__ __setitem__ append clear copy count extend index insert pop remove reverse sort"),
    ("dict", "__class_getitem__ __contains__ __delitem__ __getitem__ __ior__ __iter__ __len__ __or__ __reversed__ __ror__ __setitem__ clear copy fromkeys get items keys pop popitem setdefault update values"),
    ("tuple", "__add__ __class_getitem__ __contains__ __getitem__ __getnewargs__ __iter__ __len__ __mul__ __rmul__ count index"),
    ("set", "__and__ __class_getitem__ __contains__ __iand__ __ior__ __isub__ __iter__ __ixor__ __len__ __or__ __rand__ __ror__ __rsub__ __rxor__ __sub__ __xor__ add clear copy difference difference_update discard intersection intersection_update isdisjoint issubset issuperset pop remove symmetric_difference symmetric_difference_update union update"),
    ("int", "__abs__ __add__ __and__ __bool__ __ceil__ __divmod__ __float__ __floor__ __floordiv__ __getnewargs__ __index__ __int__ __invert__ __lshift__ __mod__ __mul__ __neg__ __or__ __pos__ __pow__ __radd__ __rand__ __rdivmod__ __rfloordiv__ __rlshift__ __rmod__ __rmul__ __ror__ __round__ __rpow__ __rrshift__ __rshift__ __rsub__ __rtruediv__ __rxor__ __sub__ __truediv__ __trunc__ __xor__ as_integer_ratio bit_count bit_length conjugate denominator from_bytes imag numerator real to_bytes"),
    ("float", "__abs__ __add__ __bool__ __ceil__ __divmod__ __float__ __floor__ __floordiv__ __getformat__ __getnewargs__ __int__ __mod__ __mul__ __neg__ __pos__ __pow__ __radd__ __rdivmod__ __rfloordiv__ __rmod__ __rmul__ __round__ __rpow__ __rsub__ __rtruediv__ __sub__ __truediv__ __trunc__ as_integer_ratio conjugate fromhex hex imag is_integer real"),
    ("bytes", "__add__ __bytes__ __contains__ __getitem__ __getnewargs__ __iter__ __len__ __mod__ __mul__ __rmod__ __rmul__ capitalize center count decode endswith expandtabs find fromhex hex index isalnum isalpha isascii isdigit islower isspace istitle isupper join ljust lower lstrip maketrans partition removeprefix removesuffix replace rfind rindex rjust rpartition rsplit rstrip split splitlines startswith strip swapcase title translate upper zfill"),
];

/// What a built-in type named `name` adds to `object`'s names in `dir()` (`None`: not one of
/// those listed): the candidates of "Did you mean" for its values, as CPython's are `dir(x)`.
pub(crate) fn type_dir(name: &str) -> Option<&'static str> {
    let name = if name == "bool" { "int" } else { name };
    TYPE_DIR.iter().find(|(t, _)| *t == name).map(|(_, extra)| *extra)
}

/// `dir()` of a built-in type or of one of its values, or `None` for another.
fn builtin_dir(v: &Value) -> Option<Value> {
    let name = match v {
        Value::Class(c) if module_of(c) == "builtins" => &*c.name,
        Value::Class(_) | Value::Instance(_) => return None,
        v => match v.type_name() {
            n if TYPE_DIR.iter().any(|(t, _)| *t == &*n) || &*n == "bool" => {
                return builtin_dir(&Value::Class(v.class()))
            }
            _ => return None,
        },
    };
    let extra = type_dir(name)?;
    let mut names: Vec<&str> = OBJECT_DIR.iter().copied().filter(|n| *n != "__module__").collect();
    names.extend(extra.split(' ').filter(|n| !n.is_empty()));
    names.sort_unstable();
    Some(Value::list(names.into_iter().map(Value::str).collect()))
}

/// What `BaseException` adds.
pub(crate) const EXCEPTION_DIR: &[&str] = &[
    "__cause__",
    "__context__",
    "__setstate__",
    "__suppress_context__",
    "__traceback__",
    "add_note",
    "args",
    "with_traceback",
];

/// `dir(obj)` of a script's object or class: its attributes, its classes' and `object`'s,
/// sorted, as CPython lists them (the way learners look at what a class offers). Other values
/// (modules, the library's classes) are refused; the built-in types list CPython 3.11's names.
fn dir_of(interp: &Interp, v: &Value) -> PyResult {
    let scripts = |c: &Rc<Class>| module_of(c) == "__main__";
    let (class, own) = match v {
        Value::Instance(i) if scripts(&i.class) => {
            (Rc::clone(&i.class), i.pairs().iter().map(|(n, _)| text(*n)).collect::<Vec<_>>())
        }
        Value::Class(c) if scripts(c) => (Rc::clone(c), Vec::new()),
        v => {
            return builtin_dir(v)
                .map_or_else(|| crate::interp::unsupported(&format!("dir() of a {} object", v.type_name())), Ok)
        }
    };
    let mut names: Vec<Rc<str>> = OBJECT_DIR.iter().map(|&n| Rc::from(n)).collect();
    if class.is_exception() {
        names.extend(EXCEPTION_DIR.iter().map(|&n| Rc::from(n)));
    }
    // No `__dict__` only when every class of the script's in the chain has `__slots__`.
    let mut slotted = true;
    for c in class.chain().filter(|c| scripts(c)) {
        slotted &= c.attrs.borrow().iter().any(|(n, _)| &*text(*n) == "__slots__");
        for (n, value) in c.attrs.borrow().iter() {
            let n = text(*n);
            if &*n == "__slots__" {
                let slots = match value {
                    Value::Str(s) => vec![Value::Str(Rc::clone(s))],
                    v => iterate(v).unwrap_or_default(),
                };
                names
                    .extend(slots.iter().filter_map(|s| if let Value::Str(s) = s { Some(Rc::clone(s)) } else { None }));
            }
            if &*n != "__qualname__" {
                names.push(n);
            }
        }
    }
    if !slotted || class.is_exception() {
        names.extend(["__dict__", "__weakref__"].map(Rc::from));
    }
    names.extend(own);
    let mut items: Vec<Value> = names.into_iter().map(Value::Str).collect();
    super::sort::sort(interp, &mut items, &[])?;
    items.dedup_by(|a, b| matches!((&*a, &*b), (Value::Str(x), Value::Str(y)) if x == y));
    Ok(Value::list(items))
}

/// `zip(…, strict=True)`'s check of the lengths, in CPython's words.
#[cold]
fn zip_strict(lists: &[Vec<Value>], n: usize) -> PyResult<()> {
    let Some(i) = lists.iter().position(|l| l.len() == n) else { return Ok(()) };
    let (j, how) = match i {
        0 => match lists.iter().position(|l| l.len() > n) {
            Some(j) => (j, "longer"),
            None => return Ok(()),
        },
        i => (i, "shorter"),
    };
    Err(uneven(j, how))
}

/// `zip(strict=True)`'s error: argument `j` (from 0) is `how` ("longer", "shorter") than those before it.
pub fn uneven(j: usize, how: &str) -> Exc {
    let others = if j == 1 { " 1".to_string() } else { format!("s 1-{j}") };
    exc("ValueError", format!("zip() argument {} is {how} than argument{others}", j + 1))
}

/// `pow(base, exp, m)`: `base ** exp % m` without the power itself (it would pass 64 bits),
/// a negative `exp` through the inverse of `base` mod `m`, as CPython 3.8+ computes it.
fn pow_mod(base: i64, exp: i64, m: i64) -> PyResult<i64> {
    if m == 0 {
        return raise("ValueError", "pow() 3rd argument cannot be 0");
    }
    let n = i128::from(m).abs();
    let mut b = i128::from(base).rem_euclid(n);
    if exp < 0 {
        b = inverse_mod(b, n).ok_or_else(|| exc("ValueError", "base is not invertible for the given modulus"))?;
    }
    let (mut e, mut r) = (exp.unsigned_abs(), 1 % n);
    while e > 0 {
        if e & 1 == 1 {
            r = r * b % n;
        }
        b = b * b % n;
        e >>= 1;
    }
    // `r` is below |m|; Python's `%` gives it the modulus's sign.
    Ok(format::int_mod(r as i64, m).unwrap_or(0))
}

/// The inverse of `a` modulo `m` (> 0), if `a` and `m` are coprime (extended Euclid).
fn inverse_mod(a: i128, m: i128) -> Option<i128> {
    let (mut old_r, mut r, mut old_s, mut s) = (a, m, 1i128, 0i128);
    while r != 0 {
        let q = old_r / r;
        (old_r, r) = (r, old_r - q * r);
        (old_s, s) = (s, old_s - q * s);
    }
    (old_r == 1).then(|| old_s.rem_euclid(m))
}

/// `hash(v)`. Equal numbers hash alike, as in Python (`hash(1) == hash(1.0)`).
pub fn hash_of(v: &Value) -> PyResult<i64> {
    use std::hash::{Hash, Hasher};
    // An `IntEnum`'s or a `StrEnum`'s member hashes as its value.
    let v = &crate::enums::plain(v);
    // (An `Enum` member hashes as its name.)
    if let Some(h) = element_hash(v, None) {
        return Ok(h);
    }
    Ok(match v.key()? {
        Key::Int(i) => int_hash(i),
        Key::Float(bits) => float_hash(f64::from_bits(bits)),
        Key::Hashed(_, h) => h, // a script's `__hash__`, as it returned it
        key => {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            key.hash(&mut h);
            h.finish() as i64
        }
    })
}

/// CPython's hash of a set element known by its key `k` (see [`stable_hash`]): the same for
/// numbers, strs, bytes and tuples of them, and a script's own `__hash__` (a dataclass's, a
/// named tuple's) as it returned it, so that a set of those is laid out as CPython's; an enum
/// member `v` hashes as its name. `None`: hashed by its address in CPython.
pub fn element_hash(v: &Value, k: Option<&Key>) -> Option<i64> {
    if let Some(h) = stable_hash(v) {
        return Some(h);
    }
    match (k, v) {
        (Some(Key::Hashed(_, h)), _) => Some(*h),
        // An `IntEnum`'s or a `str` mixin's member hashes as its value; another as its name.
        (_, Value::Instance(i)) if crate::enums::is_valued_member(i) => stable_hash(&crate::enums::plain(v)),
        (_, Value::Instance(i)) if crate::enums::is_enum_class(&i.class) => match i.get(intern("name")) {
            Some(Value::Str(name)) => Some(str_hash(&name)),
            _ => None,
        },
        _ => None,
    }
}

/// CPython's `hash(v)` where it is the same in every run: ints, bools, floats, strs and bytes
/// as CPython hashes them with `PYTHONHASHSEED=0` (the corpus is recorded so; a learner's
/// CPython hashes strs at random, so their sets' order changes from run to run there), and
/// tuples of them; `None` for the others (CPython hashes `None` by its address).
pub fn stable_hash(v: &Value) -> Option<i64> {
    // CPython's tuple hash, after xxHash: each item's hash mixed in turn.
    const PRIME_1: u64 = 11_400_714_785_074_694_791;
    const PRIME_2: u64 = 14_029_467_366_897_019_727;
    const PRIME_5: u64 = 2_870_177_450_012_600_261;
    Some(match v {
        Value::Int(i) => int_hash(*i),
        Value::Bool(b) => *b as i64,
        Value::Float(f) => float_hash(*f),
        Value::Str(s) => str_hash(s),
        Value::Bytes(b) => bytes_hash(b),
        Value::Tuple(items) => {
            let mut acc = PRIME_5;
            for item in items.iter() {
                let lane = stable_hash(item)? as u64;
                acc = acc.wrapping_add(lane.wrapping_mul(PRIME_2)).rotate_left(31).wrapping_mul(PRIME_1);
            }
            acc = acc.wrapping_add(items.len() as u64 ^ (PRIME_5 ^ 3_527_539));
            if acc == u64::MAX {
                1_546_275_796
            } else {
                acc as i64
            }
        }
        _ => return None,
    })
}

/// CPython's `hash(x)` of a float that is not a whole number: its value modulo the Mersenne
/// prime 2**61 - 1, taken 28 bits of mantissa at a time (`_Py_HashDouble`); NaN hashes as 0
/// here (CPython: by identity).
pub fn float_hash(x: f64) -> i64 {
    const BITS: u32 = 61;
    const P: u64 = (1 << BITS) - 1;
    if x.is_nan() {
        return 0;
    }
    if x.is_infinite() {
        return if x > 0.0 { 314_159 } else { -314_159 };
    }
    let (mut m, mut e) = frexp(x.abs());
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & P) | h >> (BITS - 28);
        m *= 268_435_456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= P {
            h -= P;
        }
    }
    let e = e.rem_euclid(BITS as i32) as u32;
    h = ((h << e) & P) | h >> (BITS - e);
    let h = if x < 0.0 { -(h as i64) } else { h as i64 };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// CPython's `hash(n)` of an int: its value modulo 2**61 - 1, with the sign, and -1 as -2
/// (-1 is the C API's error value).
pub fn int_hash(n: i64) -> i64 {
    const P: u64 = (1 << 61) - 1;
    let h = (n.unsigned_abs() % P) as i64;
    match if n < 0 { -h } else { h } {
        -1 => -2,
        h => h,
    }
}

/// `math.frexp` for a finite x > 0: (m, e) with x = m * 2**e and 0.5 <= m < 1.
fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    (f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52)), exp - 1022)
}

/// Whether a built-in value's type has the method `name` of a protocol (`hasattr(x,
/// "__iter__")`, a common test of "is it iterable?"), which this interpreter's built-in types
/// do not hold as attributes.
fn has_protocol(v: &Value, name: &str) -> bool {
    use Value::*;
    let deque = matches!(v, Instance(i) if crate::deque::is_deque(&i.class));
    let sized = deque || matches!(v, List(_) | Tuple(_) | Str(_) | Dict(_) | Set(_) | Range(_) | View(_));
    let iterator = matches!(v, Iter(_)) || matches!(v, Gen(g) if !g.is_async);
    match name {
        "__len__" | "__contains__" => sized,
        "__iter__" => sized || iterator,
        "__next__" => iterator,
        "__getitem__" => matches!(v, List(_) | Tuple(_) | Str(_) | Dict(_) | Range(_)) || deque,
        "__aiter__" | "__anext__" => matches!(v, Gen(g) if g.is_async),
        "__call__" => is_callable(v),
        // `object`'s, which every value inherits.
        n if super::attrs::OBJECT_SLOTS.contains(&n) => true,
        "__class__" | "__doc__" | "__sizeof__" | "__dir__" => true,
        "__dict__" => match v {
            Instance(i) => !crate::interp::refused_by_slots(&i.class, intern("__dict__")),
            v => matches!(v, Class(_) | Module(_) | Func(_)),
        },
        _ => false,
    }
}

/// Whether `v` can be called (`callable(v)`): a function, a class, a method, a `partial`, an
/// instance whose class has `__call__`.
pub fn is_callable(v: &Value) -> bool {
    match v {
        Value::Func(_) | Value::Builtin(_) | Value::Method(_) | Value::Class(_) => true,
        Value::Instance(i) => {
            crate::functools::is_partial(i)
                || crate::functools::cache_of(v).is_some()
                || (i.class.kind == Kind::Other && &*i.class.name == "staticmethod") // since 3.10
                || matches!(i.class.lookup(intern("__call__")), Some(Value::Func(_) | Value::Builtin(_)))
        }
        _ => false,
    }
}

/// `ascii()` of a value whose repr is `r`: what is not ASCII escaped as a str literal escapes it
/// (also `!a` and `%a`).
pub(super) fn ascii_of(r: String) -> String {
    if r.is_ascii() {
        return r;
    }
    let mut out = String::with_capacity(r.len());
    for c in r.chars() {
        let _ = match c as u32 {
            0..=0x7f => write!(out, "{c}"),
            n @ 0x80..=0xff => write!(out, "\\x{n:02x}"),
            n @ 0x100..=0xffff => write!(out, "\\u{n:04x}"),
            n => write!(out, "\\U{n:08x}"),
        };
    }
    out
}

/// The type name of `iter(v)` for a built-in sequence or collection, as CPython's.
pub fn iterator_kind(v: &Value) -> &'static str {
    match v {
        Value::List(_) => "list_iterator",
        Value::Tuple(_) => "tuple_iterator",
        Value::Str(s) if s.is_ascii() => "str_ascii_iterator",
        Value::Str(_) => "str_iterator",
        Value::Range(_) => "range_iterator",
        Value::Set(_) => "set_iterator",
        Value::Dict(_) => "dict_keyiterator",
        _ => "iterator",
    }
}

/// A str's hash as CPython's: its characters at the width CPython stores them (1, 2 or 4
/// bytes each, by the widest), hashed by [`bytes_hash`].
fn str_hash(s: &str) -> i64 {
    let widest = s.chars().map(|c| c as u32).max().unwrap_or(0);
    let width = if widest < 0x100 {
        1
    } else if widest < 0x10000 {
        2
    } else {
        4
    };
    let mut data = Vec::with_capacity(s.len() * width);
    for c in s.chars() {
        data.extend_from_slice(&(c as u32).to_le_bytes()[..width]);
    }
    bytes_hash(&data)
}

/// CPython's `_Py_HashBytes` with hash randomisation off (`PYTHONHASHSEED=0`): SipHash-1-3
/// with a zero key; 0 for no bytes, and never -1.
fn bytes_hash(data: &[u8]) -> i64 {
    if data.is_empty() {
        return 0;
    }
    let mut v = [0x736f_6d65_7073_6575_u64, 0x646f_7261_6e64_6f6d, 0x6c79_6765_6e65_7261, 0x7465_6462_7974_6573];
    let round = |v: &mut [u64; 4]| {
        v[0] = v[0].wrapping_add(v[1]);
        v[2] = v[2].wrapping_add(v[3]);
        v[1] = v[1].rotate_left(13) ^ v[0];
        v[3] = v[3].rotate_left(16) ^ v[2];
        v[0] = v[0].rotate_left(32);
        v[2] = v[2].wrapping_add(v[1]);
        v[0] = v[0].wrapping_add(v[3]);
        v[1] = v[1].rotate_left(17) ^ v[2];
        v[3] = v[3].rotate_left(21) ^ v[0];
        v[2] = v[2].rotate_left(32);
    };
    let chunks = data.chunks_exact(8);
    let tail = chunks.remainder();
    for chunk in chunks {
        let m = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        v[3] ^= m;
        round(&mut v);
        v[0] ^= m;
    }
    let mut last = [0u8; 8];
    last[..tail.len()].copy_from_slice(tail);
    let b = ((data.len() as u64) << 56) | u64::from_le_bytes(last);
    v[3] ^= b;
    round(&mut v);
    v[0] ^= b;
    v[2] ^= 0xff;
    for _ in 0..3 {
        round(&mut v);
    }
    match (v[0] ^ v[1] ^ v[2] ^ v[3]) as i64 {
        -1 => -2,
        h => h,
    }
}

/// What `throw(...)` or `athrow(...)` raises, of its `args`: `throw(Type, value)` is the
/// exception made of them, as CPython 3.11 still takes it.
pub(super) fn thrown_arg(interp: &Interp, name: &str, args: &[Value]) -> PyResult {
    arg_count(name, args, 1, 3)?;
    Ok(match (&args[0], args.get(1)) {
        (Value::Class(c), Some(Value::Instance(v))) if v.class.is_subclass(c) => Value::Instance(Rc::clone(v)),
        (Value::Class(_), Some(Value::Tuple(t))) => interp.call_sync(args[0].clone(), t.to_vec())?,
        (Value::Class(_), Some(v)) if !matches!(v, Value::None) => {
            interp.call_sync(args[0].clone(), vec![v.clone()])?
        }
        (e, _) => e.clone(),
    })
}

/// `min`'s or `max`'s test: whether the key `k` beats the best (item, key) so far.
pub(crate) fn beats(interp: &Interp, name: &str, k: &Value, best: &Option<(Value, Value)>) -> PyResult<bool> {
    match best {
        None => Ok(true),
        Some((_, bk)) => interp.compare(if name == "min" { CmpOp::Lt } else { CmpOp::Gt }, k, bk),
    }
}

/// `min`'s or `max`'s answer: the best item, else the `default`, else CPython's error.
pub(crate) fn min_max_end(name: &str, best: Option<(Value, Value)>, kw: &[(Name, Value)]) -> PyResult {
    match best {
        Some((v, _)) => Ok(v),
        None => match kwarg(kw, "default") {
            Some(d) => Ok(d),
            None => raise("ValueError", format!("{name}() arg is an empty sequence")),
        },
    }
}
