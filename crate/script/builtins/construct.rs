//! The built-in types' constructors: `int("3")`, `list(x)`, `dict(a=1)`, `range(3)`, `type(x)`, …

use super::*;

/// 2**63, exactly: where a float stops fitting an int of 64 bits.
const TWO_63: f64 = (1u64 << 63) as f64;

/// Constructs a built-in type: `int("3")`, `list(x)`, `type(x)`, …
pub fn construct(interp: &Interp, class: &Rc<Class>, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    // `str(x)` and `int(x)` check the recursion limit, as their C calls do in CPython 3.11.
    let suffix = match class.kind {
        Kind::Str => " while getting the str of an object",
        Kind::Int => " while calling a Python object",
        _ => "",
    };
    if !suffix.is_empty() && crate::aio::current().is_some_and(|t| t.depth.get() + 1 > interp.recursion_limit.get()) {
        return raise("RecursionError", format!("maximum recursion depth exceeded{suffix}"));
    }
    let (mut args, kw) = super::signature::check_type(&class.name, args, kw)?;
    items_of_objects(interp, &class.name, &mut args)?;
    construct_from(interp, class, &args, &kw)
}

/// [`construct`] from borrowed arguments.
pub(super) fn construct_from(interp: &Interp, class: &Rc<Class>, args: &[Value], kw: &[(Name, Value)]) -> PyResult {
    let name: &str = &class.name;
    let one = |args: &[Value]| args.first().cloned();
    // A script's object converts itself: `int(x)` by its `__int__` (or `__index__`), `float(x)`
    // by its `__float__` (or `__index__`).
    if let (Kind::Int | Kind::Float, [v @ Value::Instance(_)]) = (class.kind, args) {
        let (own, want) = if class.kind == Kind::Int { ("__int__", "int") } else { ("__float__", "float") };
        let found = [own, "__index__"].into_iter().find_map(|n| script_method(v, n).map(|m| (n, m)));
        if let Some((name, m)) = found {
            let out = interp.call_sync(m, vec![v.clone()])?;
            // `__float__` gives a float, the others an int (CPython names the class for the
            // first).
            let fits = match name {
                "__float__" => matches!(out, Value::Float(_)),
                _ => out.as_int().is_some() && !matches!(out, Value::Float(_)),
            };
            if !fits {
                let owner = if name == "__float__" { format!("{}.", v.class().name) } else { String::new() };
                let want = if name == "__index__" { "int" } else { want };
                return Err(type_error(&format!("{owner}{name} returned non-{want} (type "), &out, ")"));
            }
            return construct_from(interp, class, &[out], kw);
        }
    }
    match class.kind {
        Kind::Other if crate::deque::is_deque(class) => crate::deque::new(interp, args, kw),
        Kind::Other if matches!(name, "Counter" | "defaultdict" | "OrderedDict") => {
            crate::collections::construct(interp, name, args.to_vec(), kw.to_vec())
        }
        Kind::Other if crate::datetime::is_own(class) => crate::datetime::construct(class, args, kw),
        Kind::Other if matches!(name, "Future" | "Task") || crate::aio::CLASSES.contains(&name) => {
            crate::aio::construct(interp, class, args, kw)
        }
        Kind::Other if name == "Random" => crate::modules::construct_random(args),
        Kind::Other if matches!(name, "ContextVar" | "Context" | "Token") => {
            crate::contextvars::construct(class, args, kw)
        }
        Kind::Other if name == "slice" => match args {
            [stop] => Ok(Value::Slice(Rc::new([Value::None, stop.clone(), Value::None]))),
            [a, b] => Ok(Value::Slice(Rc::new([a.clone(), b.clone(), Value::None]))),
            [a, b, c] => Ok(Value::Slice(Rc::new([a.clone(), b.clone(), c.clone()]))),
            [] => raise("TypeError", "slice expected at least 1 argument, got 0"),
            _ => raise("TypeError", format!("slice expected at most 3 arguments, got {}", args.len())),
        },
        // `int(b"42")`, `float(b"1.5")`: the bytes' text, and its error names the bytes.
        Kind::Int | Kind::Float if matches!(args.first(), Some(Value::Bytes(_))) => {
            let Some(Value::Bytes(b)) = args.first() else { return Ok(Value::None) };
            let text = Value::string(b.iter().map(|&c| c as char).collect());
            let mut with_text = args.to_vec();
            with_text[0] = text.clone();
            construct_from(interp, class, &with_text, kw).map_err(|e| {
                let Value::Instance(i) = &e else { return e };
                let message = crate::value::exception_str(i).replace(&text.repr(), &args[0].repr());
                new_exception(Rc::clone(&i.class), vec![Value::string(message)])
            })
        }
        Kind::Int => {
            arg_count("int", args, 0, 2)?;
            let base = args.get(1).cloned().or_else(|| kwarg(kw, "base"));
            match (one(args), base.as_ref()) {
                (None, None) => Ok(Value::Int(0)),
                (None, Some(_)) => raise("TypeError", "int() missing string argument"),
                (Some(Value::Str(s)), base) => {
                    let base = match base {
                        // Out of u32, it is out of 2..=36 too: parse_int says so.
                        Some(b) => u32::try_from(int_arg(b, "")?).unwrap_or(u32::MAX),
                        None => 10,
                    };
                    format::parse_int(&s, base).map(Value::Int).map_err(format_error)
                }
                (Some(Value::Float(f)), None) => {
                    if f.is_nan() {
                        raise("ValueError", "cannot convert float NaN to integer")
                    } else if f.is_infinite() {
                        raise("OverflowError", "cannot convert float infinity to integer")
                    } else if !(-TWO_63..TWO_63).contains(&f) {
                        Err(overflow()) // past the 64 bits: -2**63 ≤ int < 2**63
                    } else {
                        Ok(Value::Int(f.trunc() as i64))
                    }
                }
                (Some(v), None) if v.as_int().is_some() => Ok(Value::Int(v.as_int().unwrap_or(0))),
                (Some(_), Some(_)) => raise("TypeError", "int() can't convert non-string with explicit base"),
                (Some(v), _) => raise(
                    "TypeError",
                    format!(
                        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                        v.type_name()
                    ),
                ),
            }
        }
        Kind::Float => match one(args) {
            None => Ok(Value::Float(0.0)),
            Some(Value::Str(s)) => format::parse_float(&s).map(Value::Float).map_err(format_error),
            Some(v) => v
                .as_number()
                .map(Value::Float)
                .ok_or_else(|| type_error("float() argument must be a string or a real number, not '", &v, "'")),
        },
        Kind::Bytes => crate::bytes::construct(interp, args, kw),
        // `str(b, "utf-8")`: decoded.
        Kind::Str if matches!(args.first(), Some(Value::Bytes(_))) && (args.len() > 1 || !kw.is_empty()) => {
            crate::bytes::method(interp, "decode", args.to_vec(), kw.to_vec())
        }
        // An encoding given for anything but bytes: CPython's decoding error.
        Kind::Str if args.len() > 1 || kwarg(kw, "encoding").is_some() || kwarg(kw, "errors").is_some() => {
            let what = args.first().or(kwarg(kw, "object").as_ref()).map_or_else(|| Value::str(""), Clone::clone);
            Err(type_error("decoding to str: need a bytes-like object, ", &what, " found"))
        }
        Kind::Str => match one(args) {
            None => Ok(Value::str("")),
            Some(v) => Ok(Value::string(interp.to_str(&v)?)),
        },
        Kind::Bool => match one(args) {
            None => Ok(Value::Bool(false)),
            Some(v) => Ok(Value::Bool(interp.truthy(&v)?)),
        },
        Kind::List => Ok(Value::list(match one(args) {
            None => vec![],
            Some(v) => iterate(&v)?,
        })),
        Kind::Tuple => Ok(Value::tuple(match one(args) {
            None => vec![],
            Some(v) => iterate(&v)?,
        })),
        Kind::Set => {
            let from = one(args);
            let made = match &from {
                // A plain dict's keys go into a table sized for them first (see presize_for_dict).
                Some(Value::Dict(d)) if matches!(d.borrow().missing, Missing::KeyError) => {
                    let keys = d.borrow().keys(); // out of the borrow: a key's `__hash__` may read `d`
                    let mut set = Dict::default();
                    set.presize_for_dict(keys.len());
                    for k in keys {
                        set.insert(k.key()?, k, Value::None);
                    }
                    Value::Set(Rc::new(RefCell::new(set)))
                }
                None => make_set(vec![])?,
                Some(v) => make_set(iterate(v)?)?,
            };
            // `set(s)` of a set is its copy, laid out as CPython's `set_merge` copies.
            if let (Some(Value::Set(o)), Value::Set(n)) = (&from, &made) {
                n.borrow_mut().lay_out_set_op('|', &crate::value::Dict::default(), &o.borrow(), false, true);
            }
            Ok(made)
        }
        Kind::Dict => {
            let mut d = Dict::default();
            if let Some(v) = one(args) {
                match v {
                    Value::Dict(o) => {
                        d = o.borrow().clone();
                        d.missing = Missing::KeyError; // `dict(counter)` is a plain dict
                    }
                    v => {
                        let filled = RefCell::new(d);
                        add_pairs(interp, &filled, &v)?;
                        d = filled.into_inner();
                    }
                }
            }
            for (k, v) in kw {
                d.insert(Key::Str(text(*k)), Value::Str(text(*k)), v.clone());
            }
            Ok(Value::dict(d))
        }
        Kind::Range => {
            let mut ints = Vec::with_capacity(args.len());
            for a in args {
                ints.push(int_arg(a, "")?);
            }
            let r = match ints.as_slice() {
                [stop] => [0, *stop, 1],
                [start, stop] => [*start, *stop, 1],
                [start, stop, step] => [*start, *stop, *step],
                [] => return raise("TypeError", "range expected at least 1 argument, got 0"),
                _ => return raise("TypeError", format!("range expected at most 3 arguments, got {}", ints.len())),
            };
            if r[2] == 0 {
                return raise("ValueError", "range() arg 3 must not be zero");
            }
            Ok(Value::Range(Rc::new(r)))
        }
        Kind::Type => match args {
            [v] => Ok(Value::Class(v.class())),
            [_, _, _] => crate::interp::unsupported("type() with three arguments"),
            _ => raise("TypeError", "type() takes 1 or 3 arguments"),
        },
        Kind::NoneType => Ok(Value::None),
        Kind::Object => Ok(Value::Instance(Instance::new(Rc::clone(class)))),
        _ => raise("TypeError", format!("cannot create '{name}' instances")),
    }
}

/// Puts the (key, value) pairs of `v` in `d` one at a time, as CPython's `dict.update` does:
/// the pairs before a bad one (or before the iterable raised) stay.
pub(crate) fn add_pairs(interp: &Interp, d: &RefCell<Dict>, v: &Value) -> PyResult<()> {
    let mut n = 0;
    interp.each(v, &mut |pair| {
        let kv = interp.iterate(&pair).map_err(|_| {
            exc("TypeError", format!("cannot convert dictionary update sequence element #{n} to a sequence"))
        })?;
        if kv.len() != 2 {
            let m = format!("dictionary update sequence element #{n} has length {}; 2 is required", kv.len());
            return raise("ValueError", m);
        }
        let key = kv[0].key()?;
        d.borrow_mut().insert(key, kv[0].clone(), kv[1].clone());
        n += 1;
        Ok(true)
    })
}
