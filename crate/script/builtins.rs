//! The built-in functions (`print`, `len`, `sorted`, …), the built-in types' constructors and
//! methods (`str.split`, `list.append`, `dict.items`, …) and the operators on built-in values.
//! Each is a plain function from arguments to a value or an exception: they never suspend.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

use super::ast::{intern, BinOp, CmpOp, Name, NameMap, UnaryOp};
use super::format;
use super::interp::Interp;
use super::value::*;

/// The built-in names a script sees.
pub fn table() -> NameMap<Value> {
    let mut t = NameMap::default();
    for name in FUNCTIONS {
        t.insert(intern(name), builtin(name, function));
    }
    with_types(|ty| {
        for c in [
            &ty.int, &ty.float, &ty.str_, &ty.bool_, &ty.list, &ty.tuple, &ty.dict, &ty.set, &ty.range, &ty.object,
            &ty.type_,
        ] {
            t.insert(intern(&c.name), Value::Class(Rc::clone(c)));
        }
        for ((name, _), class) in EXCEPTIONS.iter().zip(&ty.exceptions) {
            if !matches!(*name, "CancelledError" | "InvalidStateError" | "QueueEmpty" | "QueueFull") {
                t.insert(intern(name), Value::Class(Rc::clone(class)));
            }
        }
    });
    t
}

const FUNCTIONS: &[&str] = &[
    "print",
    "len",
    "repr",
    "isinstance",
    "issubclass",
    "enumerate",
    "zip",
    "sorted",
    "reversed",
    "min",
    "max",
    "sum",
    "abs",
    "round",
    "any",
    "all",
    "map",
    "filter",
    "hasattr",
    "getattr",
    "setattr",
    "iter",
    "next",
    "divmod",
    "pow",
    "chr",
    "ord",
    "hex",
    "bin",
    "oct",
    "id",
    "hash",
    "callable",
    "open",
    "eval",
    "exec",
    "__import__",
    "input",
    "compile",
    "globals",
    "locals",
    "vars",
    "dir",
    "breakpoint",
    "exit",
    "quit",
];

/// A built-in function or method value named `name`.
#[inline(never)]
pub fn builtin(name: &'static str, call: BuiltinFn) -> Value {
    Value::Builtin(Rc::new(Builtin { name, call }))
}

fn arg_count(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    if args.len() < min || args.len() > max {
        let n = args.len();
        let expected = if min == max {
            format!("{min}")
        } else if max == usize::MAX {
            format!("at least {min}")
        } else {
            format!("at most {max}")
        };
        let expected = if n < min && min != max && max != usize::MAX { format!("at least {min}") } else { expected };
        return raise(
            "TypeError",
            format!("{name}() takes {expected} argument{} ({n} given)", if expected == "1" { "" } else { "s" }),
        );
    }
    Ok(())
}

/// The keyword argument `name`, if given.
pub fn kwarg(kw: &[(Name, Value)], name: &str) -> Option<Value> {
    if kw.is_empty() {
        return None; // the usual call: no interning of `name` (a hash of its text) at all
    }
    kwarg_find(kw, name)
}

#[inline(never)]
fn kwarg_find(kw: &[(Name, Value)], name: &str) -> Option<Value> {
    let n = intern(name);
    kw.iter().find(|(k, _)| *k == n).map(|(_, v)| v.clone())
}

/// An exception from the format module's `"Kind: message"` error.
pub fn format_error(m: String) -> Exc {
    match m.split_once(": ") {
        Some(("TypeError", rest)) => exc("TypeError", rest),
        Some(("OverflowError", rest)) => exc("OverflowError", rest),
        Some(("IndexError", rest)) => exc("IndexError", rest),
        Some(("ValueError", rest)) => exc("ValueError", rest),
        _ => exc("ValueError", m),
    }
}

fn int_arg(v: &Value, what: &str) -> PyResult<i64> {
    v.as_int().ok_or_else(|| {
        exc("TypeError", format!("'{}' object cannot be interpreted as an integer{what}", v.type_name()))
    })
}

fn overflow() -> Exc {
    exc("OverflowError", "integer too large: Loopscope's ints are 64-bit (CPython's have no limit)")
}

fn function(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    match name {
        "print" => {
            let sep = match kwarg(&kw, "sep") {
                None | Some(Value::None) => " ".to_string(),
                Some(Value::Str(s)) => s.to_string(),
                Some(v) => return raise("TypeError", format!("sep must be None or a string, not {}", v.type_name())),
            };
            let end = match kwarg(&kw, "end") {
                None | Some(Value::None) => "\n".to_string(),
                Some(Value::Str(s)) => s.to_string(),
                Some(v) => return raise("TypeError", format!("end must be None or a string, not {}", v.type_name())),
            };
            let mut out = String::new();
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(&sep);
                }
                out.push_str(&interp.to_str(a)?);
            }
            out.push_str(&end);
            let to_stderr = matches!(kwarg(&kw, "file"), Some(Value::Module(m)) if m.name == "sys.stderr");
            interp.host.write(&out, to_stderr);
            Ok(Value::None)
        }
        "len" => {
            arg_count(name, &args, 1, 1)?;
            Ok(Value::Int(len(interp, &args[0])? as i64))
        }
        "repr" => {
            arg_count(name, &args, 1, 1)?;
            Ok(Value::string(interp.repr(&args[0])?))
        }
        "isinstance" | "issubclass" => {
            arg_count(name, &args, 2, 2)?;
            let class = if name == "isinstance" {
                args[0].class()
            } else {
                match &args[0] {
                    Value::Class(c) => Rc::clone(c),
                    _ => return raise("TypeError", "issubclass() arg 1 must be a class"),
                }
            };
            let check = |t: &Value| -> PyResult<bool> {
                match t {
                    Value::Class(c) => Ok(class.is_subclass(c)),
                    _ => raise("TypeError", format!("{name}() arg 2 must be a type, a tuple of types, or a union")),
                }
            };
            Ok(Value::Bool(match &args[1] {
                Value::Tuple(ts) => {
                    // Every entry is checked (a non-class raises even after a match), as before.
                    let mut any = false;
                    for t in ts.iter() {
                        any |= check(t)?;
                    }
                    any
                }
                t => check(t)?,
            }))
        }
        "enumerate" => {
            arg_count(name, &args, 1, 2)?;
            let start = match args.get(1).or(kwarg(&kw, "start").as_ref()) {
                Some(v) => int_arg(v, "")?,
                None => 0,
            };
            let items = iterate(&args[0])?;
            let mut out = Vec::with_capacity(items.len());
            for (i, v) in items.into_iter().enumerate() {
                let Some(n) = start.checked_add(i as i64) else {
                    return raise("OverflowError", "Loopscope's ints are 64-bit: the count went past 9223372036854775807");
                };
                out.push(Value::tuple(vec![Value::Int(n), v]));
            }
            Ok(iter_of(out))
        }
        "zip" => {
            let lists = iterate_all(&args)?;
            let n = lists.iter().map(Vec::len).min().unwrap_or(0);
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                out.push(Value::tuple(row(&lists, i)));
            }
            Ok(iter_of(out))
        }
        "sorted" => {
            arg_count(name, &args, 1, 1)?;
            let mut items = iterate(&args[0])?;
            sort(interp, &mut items, &kw)?;
            Ok(Value::list(items))
        }
        "reversed" => {
            arg_count(name, &args, 1, 1)?;
            let mut items = iterate(&args[0])?;
            items.reverse();
            Ok(iter_of(items))
        }
        "min" | "max" => {
            let items = if args.len() == 1 { iterate(&args[0])? } else { args };
            let key = kwarg(&kw, "key").filter(|k| !matches!(k, Value::None));
            let mut best: Option<(Value, Value)> = None;
            for item in items {
                let k = match &key {
                    Some(f) => interp.call_sync(f.clone(), vec![item.clone()])?,
                    None => item.clone(),
                };
                let better = match &best {
                    None => true,
                    Some((_, bk)) => {
                        let op = if name == "min" { CmpOp::Lt } else { CmpOp::Gt };
                        interp.compare(op, &k, bk)?
                    }
                };
                if better {
                    best = Some((item, k));
                }
            }
            match best {
                Some((v, _)) => Ok(v),
                None => match kwarg(&kw, "default") {
                    Some(d) => Ok(d),
                    None => raise("ValueError", format!("{name}() arg is an empty sequence")),
                },
            }
        }
        "sum" => {
            arg_count(name, &args, 1, 2)?;
            let mut total = args.get(1).cloned().or(kwarg(&kw, "start")).unwrap_or(Value::Int(0));
            for v in iterate(&args[0])? {
                total = binop(interp, BinOp::Add, &total, &v)?;
            }
            Ok(total)
        }
        "abs" => {
            arg_count(name, &args, 1, 1)?;
            match &args[0] {
                Value::Int(i) => i.checked_abs().map(Value::Int).ok_or_else(overflow),
                Value::Bool(b) => Ok(Value::Int(*b as i64)),
                Value::Float(f) => Ok(Value::Float(f.abs())),
                v => raise("TypeError", format!("bad operand type for abs(): '{}'", v.type_name())),
            }
        }
        "round" => {
            arg_count(name, &args, 1, 2)?;
            let nd = match args.get(1).or(kwarg(&kw, "ndigits").as_ref()) {
                None | Some(Value::None) => None,
                Some(v) => Some(int_arg(v, "")?),
            };
            match (&args[0], nd) {
                (Value::Int(i), None) => Ok(Value::Int(*i)),
                (Value::Int(i), Some(n)) if n >= 0 => Ok(Value::Int(*i)),
                (Value::Int(i), Some(n)) => {
                    let p = 10i64.checked_pow(n.unsigned_abs().min(18) as u32).unwrap_or(i64::MAX);
                    let r = format::round_to_int(*i as f64 / p as f64).map_err(format_error)?;
                    match r.checked_mul(p) {
                        Some(r) => Ok(Value::Int(r)),
                        None => raise("OverflowError", "Loopscope's ints are 64-bit: the rounded value does not fit"),
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
                (v, _) => raise("TypeError", format!("type {} doesn't define __round__ method", v.type_name())),
            }
        }
        "any" | "all" => {
            arg_count(name, &args, 1, 1)?;
            let want = name == "any";
            for v in iterate(&args[0])? {
                if interp.truthy(&v)? == want {
                    return Ok(Value::Bool(want));
                }
            }
            Ok(Value::Bool(!want))
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
            Ok(iter_of(out))
        }
        "filter" => {
            arg_count(name, &args, 2, 2)?;
            let mut out = Vec::new();
            for v in iterate(&args[1])? {
                let keep = match &args[0] {
                    Value::None => v.truthy(),
                    f => interp.call_sync(f.clone(), vec![v.clone()])?.truthy(),
                };
                if keep {
                    out.push(v);
                }
            }
            Ok(iter_of(out))
        }
        "hasattr" | "getattr" => {
            arg_count(name, &args, 2, 3)?;
            let Value::Str(attr) = &args[1] else {
                return raise("TypeError", "attribute name must be string");
            };
            let r = get_attr(interp, &args[0], intern(attr));
            match (name, r) {
                ("hasattr", r) => Ok(Value::Bool(r.is_ok())),
                (_, Ok(v)) => Ok(v),
                (_, Err(e)) => args.get(2).cloned().ok_or(e),
            }
        }
        "setattr" => {
            arg_count(name, &args, 3, 3)?;
            let Value::Str(attr) = &args[1] else {
                return raise("TypeError", "attribute name must be string");
            };
            interp.set_attr(&args[0], intern(attr), args[2].clone())?;
            Ok(Value::None)
        }
        "iter" => {
            arg_count(name, &args, 1, 1)?;
            Ok(match &args[0] {
                Value::Iter(_) => args[0].clone(),
                v => iter_of(iterate(v)?),
            })
        }
        "next" => {
            arg_count(name, &args, 1, 2)?;
            match &args[0] {
                Value::Iter(it) => match it.borrow_mut().items.next() {
                    Some(v) => Ok(v),
                    None => args.get(1).cloned().ok_or_else(|| new_exception(exc_class("StopIteration"), vec![])),
                },
                v => raise("TypeError", format!("'{}' object is not an iterator", v.type_name())),
            }
        }
        "divmod" => {
            arg_count(name, &args, 2, 2)?;
            let q = binop(interp, BinOp::FloorDiv, &args[0], &args[1])?;
            let r = binop(interp, BinOp::Mod, &args[0], &args[1])?;
            Ok(Value::tuple(vec![q, r]))
        }
        "pow" => {
            arg_count(name, &args, 2, 3)?;
            let p = binop(interp, BinOp::Pow, &args[0], &args[1])?;
            match args.get(2) {
                Some(m) => binop(interp, BinOp::Mod, &p, m),
                None => Ok(p),
            }
        }
        "chr" => {
            arg_count(name, &args, 1, 1)?;
            let i = int_arg(&args[0], "")?;
            match u32::try_from(i).ok().and_then(char::from_u32) {
                Some(c) => Ok(Value::string(c.to_string())),
                None => raise("ValueError", "chr() arg not in range(0x110000)"),
            }
        }
        "ord" => {
            arg_count(name, &args, 1, 1)?;
            match &args[0] {
                Value::Str(s) if s.chars().count() == 1 => Ok(Value::Int(s.chars().next().map_or(0, |c| c as i64))),
                Value::Str(s) => raise(
                    "TypeError",
                    format!("ord() expected a character, but string of length {} found", s.chars().count()),
                ),
                v => raise("TypeError", format!("ord() expected string of length 1, but {} found", v.type_name())),
            }
        }
        "hex" | "bin" | "oct" => {
            arg_count(name, &args, 1, 1)?;
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
            arg_count(name, &args, 1, 1)?;
            Ok(Value::Int(args[0].identity() as i64))
        }
        "hash" => {
            arg_count(name, &args, 1, 1)?;
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            // Equal numbers hash alike, as in Python (`hash(1) == hash(1.0)`).
            Ok(Value::Int(match args[0].key()? {
                Key::Int(i) => i,
                key => {
                    key.hash(&mut h);
                    h.finish() as i64
                }
            }))
        }
        "callable" => {
            arg_count(name, &args, 1, 1)?;
            Ok(Value::Bool(matches!(args[0], Value::Func(_) | Value::Builtin(_) | Value::Method(_) | Value::Class(_))))
        }
        "input" => raise("RuntimeError", "input() has no keyboard in Loopscope: give the values in the code"),
        _ => raise(
            "NameError",
            format!("name '{name}' is not available: Loopscope's Python runs in a sandbox, with no files, no eval and no access to the page"),
        ),
    }
}

/// `len(v)`.
pub fn len(interp: &Interp, v: &Value) -> PyResult<usize> {
    Ok(match v {
        Value::Str(s) => s.chars().count(),
        Value::List(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        Value::Dict(d) | Value::Set(d) => d.borrow().len(),
        Value::Range(r) => usize::try_from(range_len(r)).unwrap_or(usize::MAX),
        Value::Instance(i) if i.class.lookup(intern("__len__")).is_some() => {
            let m = i.class.lookup(intern("__len__")).unwrap_or(Value::None);
            int_arg(&interp.call_sync(m, vec![v.clone()])?, "")? as usize
        }
        _ => return raise("TypeError", format!("object of type '{}' has no len()", v.type_name())),
    })
}

/// A one-character str (no `String` on the way).
fn char_value(c: char) -> Value {
    Value::str(c.encode_utf8(&mut [0; 4]))
}

fn iter_of(items: Vec<Value>) -> Value {
    Value::Iter(Rc::new(RefCell::new(Iter { items: items.into_iter() })))
}

/// The items of an iterable.
pub fn iterate(v: &Value) -> PyResult<Vec<Value>> {
    Ok(match v {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        Value::Str(s) => s.chars().map(char_value).collect(),
        Value::Dict(d) | Value::Set(d) => d.borrow().keys(),
        Value::Range(r) => {
            let n = range_len(r);
            if n > super::interp::MEMORY_LIMIT as i64 {
                return raise("MemoryError", "Loopscope iterates over at most 10,000,000 elements at once");
            }
            (0..n).map(|i| Value::Int((i128::from(r[0]) + i128::from(i) * i128::from(r[2])) as i64)).collect()
        }
        Value::Iter(it) => it.borrow_mut().items.by_ref().collect(),
        _ => return raise("TypeError", format!("'{}' object is not iterable", v.type_name())),
    })
}

/// The items of each iterable (for `zip` and `map`).
fn iterate_all(args: &[Value]) -> PyResult<Vec<Vec<Value>>> {
    let mut lists = Vec::with_capacity(args.len());
    for a in args {
        lists.push(iterate(a)?);
    }
    Ok(lists)
}

/// Item `i` of each list (a row of `zip` and `map`).
fn row(lists: &[Vec<Value>], i: usize) -> Vec<Value> {
    let mut out = Vec::with_capacity(lists.len());
    for l in lists {
        out.push(l[i].clone());
    }
    out
}

/// A set of these values.
pub fn make_set(values: Vec<Value>) -> PyResult {
    let mut d = Dict::default();
    for v in values {
        d.insert(v.key()?, v, Value::None);
    }
    Ok(Value::Set(Rc::new(RefCell::new(d))))
}

fn sort(interp: &Interp, items: &mut [Value], kw: &[(Name, Value)]) -> PyResult<()> {
    let key = kwarg(kw, "key").filter(|k| !matches!(k, Value::None));
    let reverse = kwarg(kw, "reverse").is_some_and(|r| r.truthy());
    let keys: Vec<Value> = match &key {
        Some(f) => {
            let mut keys = Vec::with_capacity(items.len());
            for v in items.iter() {
                keys.push(interp.call_sync(f.clone(), vec![v.clone()])?);
            }
            keys
        }
        None => items.to_vec(),
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    let mut error = None;
    // A stable sort, as Python's; `reverse` keeps equal items in their order, as Python does.
    sort_stable(&mut order, &mut |a, b| {
        let (x, y) = if reverse { (&keys[b], &keys[a]) } else { (&keys[a], &keys[b]) };
        match interp.compare(CmpOp::Lt, x, y) {
            Ok(true) => true,
            Ok(false) => {
                // The reverse comparison too, as when this asked for an `Ordering`: its error is raised.
                if let Err(e) = interp.compare(CmpOp::Lt, y, x) {
                    error.get_or_insert(e);
                }
                false
            }
            Err(e) => {
                error.get_or_insert(e);
                false
            }
        }
    });
    if let Some(e) = error {
        return Err(e);
    }
    let mut sorted = Vec::with_capacity(order.len());
    for i in order {
        sorted.push(items[i].clone());
    }
    items.clone_from_slice(&sorted);
    Ok(())
}

/// Sorts `v` stably by `less`. Up to 20 items it is std's `sort_by` step for step (an insertion sort that makes the
/// same comparisons, so which of a mixed list's errors comes first, or what a script's `__lt__` prints, stays as it
/// was), beyond that a merge sort of the halves; std's own sort added 4 KB to the gzipped wasm.
fn sort_stable(v: &mut [usize], less: &mut dyn FnMut(usize, usize) -> bool) {
    let n = v.len();
    if n <= 20 {
        for i in 1..n {
            let tail = v[i];
            let mut j = i;
            while j > 0 && less(tail, v[j - 1]) {
                v[j] = v[j - 1];
                j -= 1;
            }
            v[j] = tail;
        }
        return;
    }
    let mid = n / 2;
    sort_stable(&mut v[..mid], less);
    sort_stable(&mut v[mid..], less);
    // Halves already in order (a sorted list) need no merge: n comparisons in all, as driftsort's.
    if !less(v[mid], v[mid - 1]) {
        return;
    }
    let left = v[..mid].to_vec();
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < left.len() && j < n {
        // An equal right item stays after the left one.
        if less(v[j], left[i]) {
            v[k] = v[j];
            j += 1;
        } else {
            v[k] = left[i];
            i += 1;
        }
        k += 1;
    }
    v[k..k + left.len() - i].copy_from_slice(&left[i..]);
}

/// Constructs a built-in type: `int("3")`, `list(x)`, `type(x)`, …
pub fn construct(interp: &Interp, class: &Rc<Class>, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let name: &str = &class.name;
    let one = |args: &[Value]| args.first().cloned();
    match class.kind {
        Kind::Int => {
            arg_count("int", &args, 0, 2)?;
            match (one(&args), args.get(1)) {
                (None, _) => Ok(Value::Int(0)),
                (Some(Value::Str(s)), base) => {
                    let base = match base {
                        Some(b) => int_arg(b, "")? as u32,
                        None => 10,
                    };
                    format::parse_int(&s, base).map(Value::Int).map_err(format_error)
                }
                (Some(Value::Float(f)), None) => {
                    if f.is_nan() {
                        raise("ValueError", "cannot convert float NaN to integer")
                    } else if f.is_infinite() {
                        raise("OverflowError", "cannot convert float infinity to integer")
                    } else if f.abs() >= 9.2e18 {
                        Err(overflow())
                    } else {
                        Ok(Value::Int(f.trunc() as i64))
                    }
                }
                (Some(v), None) if v.as_int().is_some() => Ok(Value::Int(v.as_int().unwrap_or(0))),
                (Some(v), _) => raise(
                    "TypeError",
                    format!(
                        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                        v.type_name()
                    ),
                ),
            }
        }
        Kind::Float => match one(&args) {
            None => Ok(Value::Float(0.0)),
            Some(Value::Str(s)) => format::parse_float(&s).map(Value::Float).map_err(format_error),
            Some(v) => v.as_number().map(Value::Float).ok_or_else(|| {
                exc("TypeError", format!("float() argument must be a string or a real number, not '{}'", v.type_name()))
            }),
        },
        Kind::Str => match one(&args) {
            None => Ok(Value::str("")),
            Some(v) => Ok(Value::string(interp.to_str(&v)?)),
        },
        Kind::Bool => match one(&args) {
            None => Ok(Value::Bool(false)),
            Some(v) => Ok(Value::Bool(interp.truthy(&v)?)),
        },
        Kind::List => Ok(Value::list(match one(&args) {
            None => vec![],
            Some(v) => iterate(&v)?,
        })),
        Kind::Tuple => Ok(Value::tuple(match one(&args) {
            None => vec![],
            Some(v) => iterate(&v)?,
        })),
        Kind::Set => make_set(match one(&args) {
            None => vec![],
            Some(v) => iterate(&v)?,
        }),
        Kind::Dict => {
            let mut d = Dict::default();
            if let Some(v) = one(&args) {
                match v {
                    Value::Dict(o) => d = o.borrow().clone(),
                    v => {
                        for pair in iterate(&v)? {
                            let kv = iterate(&pair)?;
                            if kv.len() != 2 {
                                return raise(
                                    "ValueError",
                                    format!(
                                        "dictionary update sequence element has length {}; 2 is required",
                                        kv.len()
                                    ),
                                );
                            }
                            d.insert(kv[0].key()?, kv[0].clone(), kv[1].clone());
                        }
                    }
                }
            }
            for (k, v) in kw {
                d.insert(Key::Str(text(k)), Value::Str(text(k)), v);
            }
            Ok(Value::dict(d))
        }
        Kind::Range => {
            let mut ints = Vec::with_capacity(args.len());
            for a in &args {
                ints.push(int_arg(a, "")?);
            }
            let r = match ints.as_slice() {
                [stop] => [0, *stop, 1],
                [start, stop] => [*start, *stop, 1],
                [start, stop, step] => [*start, *stop, *step],
                _ => return raise("TypeError", format!("range expected at most 3 arguments, got {}", ints.len())),
            };
            if r[2] == 0 {
                return raise("ValueError", "range() arg 3 must not be zero");
            }
            Ok(Value::Range(Rc::new(r)))
        }
        Kind::Type => match args.as_slice() {
            [v] => Ok(Value::Class(v.class())),
            _ => super::interp::unsupported("type() with three arguments"),
        },
        Kind::NoneType => Ok(Value::None),
        Kind::Object => Ok(Value::Instance(Instance::new(Rc::clone(class)))),
        _ => raise("TypeError", format!("cannot create '{name}' instances")),
    }
}

// ---- operators ----

fn type_error(op: &str, a: &Value, b: &Value) -> Exc {
    exc("TypeError", format!("unsupported operand type(s) for {op}: '{}' and '{}'", a.type_name(), b.type_name()))
}

fn op_text(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "** or pow()",
        BinOp::MatMul => "@",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::BitAnd => "&",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
    }
}

/// `a op b` on built-in values.
pub fn binop(interp: &Interp, op: BinOp, a: &Value, b: &Value) -> PyResult {
    use Value::*;
    match (a, b) {
        (Int(_) | Bool(_), Int(_) | Bool(_)) => {
            let (x, y) = (a.as_int().unwrap_or(0), b.as_int().unwrap_or(0));
            if let (Bool(p), Bool(q), BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor) = (a, b, op) {
                return Ok(Bool(match op {
                    BinOp::BitAnd => p & q,
                    BinOp::BitOr => p | q,
                    _ => p ^ q,
                }));
            }
            int_op(op, x, y)
        }
        (Int(_) | Bool(_) | Float(_), Int(_) | Bool(_) | Float(_)) => {
            let (x, y) = (a.as_number().unwrap_or(0.0), b.as_number().unwrap_or(0.0));
            float_op(op, x, y).unwrap_or_else(|| Err(type_error(op_text(op), a, b)))
        }
        (Str(x), Str(y)) if op == BinOp::Add => {
            interp.alloc((x.len() + y.len()) / 16)?;
            let mut s = String::with_capacity(x.len() + y.len());
            s.push_str(x);
            s.push_str(y);
            Ok(Str(s.into()))
        }
        (Str(s), n @ (Int(_) | Bool(_))) | (n @ (Int(_) | Bool(_)), Str(s)) if op == BinOp::Mul => {
            let n = n.as_int().unwrap_or(0).max(0) as usize;
            interp.alloc(s.len().saturating_mul(n) / 16)?;
            Ok(Str(s.repeat(n).into()))
        }
        (Str(fmt), args) if op == BinOp::Mod => percent(interp, fmt, args),
        (List(x), List(y)) if op == BinOp::Add => {
            let mut v = x.borrow().clone();
            v.extend(y.borrow().iter().cloned());
            interp.alloc(v.len())?;
            Ok(Value::list(v))
        }
        (Tuple(x), Tuple(y)) if op == BinOp::Add => {
            let mut v = Vec::with_capacity(x.len() + y.len());
            v.extend_from_slice(x);
            v.extend_from_slice(y);
            Ok(Value::tuple(v))
        }
        (List(_) | Tuple(_), n @ (Int(_) | Bool(_))) | (n @ (Int(_) | Bool(_)), List(_) | Tuple(_))
            if op == BinOp::Mul =>
        {
            let seq = if matches!(a, List(_) | Tuple(_)) { a } else { b };
            let items = iterate(seq)?;
            let n = n.as_int().unwrap_or(0).max(0) as usize;
            interp.alloc(items.len().saturating_mul(n))?;
            let mut out = Vec::with_capacity(items.len() * n);
            for _ in 0..n {
                out.extend_from_slice(&items);
            }
            Ok(if matches!(seq, List(_)) { Value::list(out) } else { Value::tuple(out) })
        }
        (Set(x), Set(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            let has = |d: &super::value::Dict, k: &Value| k.key().ok().is_some_and(|key| d.get(&key).is_some());
            // Which of x's keys stay (all, or those y has or lacks), and whether y's keys x lacks follow.
            let (keep, rest) = match op {
                BinOp::BitOr => (Option::None, true),
                BinOp::BitAnd => (Some(true), false),
                BinOp::Sub => (Some(false), false),
                BinOp::BitXor => (Some(false), true),
                _ => return Err(type_error(op_text(op), a, b)),
            };
            let mut out = x.keys();
            out.retain(|k| keep.is_none_or(|want| has(&y, k) == want));
            if rest {
                out.extend(y.keys().into_iter().filter(|k| !has(&x, k)));
            }
            make_set(out)
        }
        (Dict(x), Dict(y)) if op == BinOp::BitOr => {
            let mut d = x.borrow().clone();
            for (k, v) in y.borrow().iter() {
                d.insert(k.key()?, k.clone(), v.clone());
            }
            Ok(Value::dict(d))
        }
        _ => Err(type_error(op_text(op), a, b)),
    }
}

fn int_op(op: BinOp, x: i64, y: i64) -> PyResult {
    let zero = || {
        exc(
            "ZeroDivisionError",
            if op == BinOp::Mod { "integer modulo by zero" } else { "integer division or modulo by zero" },
        )
    };
    let r = match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mul => x.checked_mul(y),
        BinOp::Div => {
            if y == 0 {
                return raise("ZeroDivisionError", "division by zero");
            }
            return Ok(Value::Float(x as f64 / y as f64));
        }
        BinOp::FloorDiv => {
            if y == 0 {
                return Err(zero());
            }
            format::int_floordiv(x, y)
        }
        BinOp::Mod => {
            if y == 0 {
                return Err(zero());
            }
            format::int_mod(x, y)
        }
        BinOp::Pow => {
            if y < 0 {
                return Ok(Value::Float((x as f64).powf(y as f64)));
            }
            u32::try_from(y).ok().and_then(|e| x.checked_pow(e))
        }
        BinOp::LShift => {
            if y < 0 {
                return raise("ValueError", "negative shift count");
            }
            u32::try_from(y).ok().filter(|&s| s < 63).and_then(|s| x.checked_mul(1 << s))
        }
        BinOp::RShift => {
            if y < 0 {
                return raise("ValueError", "negative shift count");
            }
            Some(x >> y.min(63))
        }
        BinOp::BitAnd => Some(x & y),
        BinOp::BitOr => Some(x | y),
        BinOp::BitXor => Some(x ^ y),
        BinOp::MatMul => return raise("TypeError", "unsupported operand type(s) for @: 'int' and 'int'"),
    };
    r.map(Value::Int).ok_or_else(overflow)
}

fn float_op(op: BinOp, x: f64, y: f64) -> Option<PyResult> {
    let zero = |m: &str| Some(raise("ZeroDivisionError", m.to_string()));
    Some(Ok(Value::Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div if y == 0.0 => return zero("float division by zero"),
        BinOp::Div => x / y,
        BinOp::FloorDiv if y == 0.0 => return zero("float floor division by zero"),
        BinOp::FloorDiv => format::float_floordiv(x, y),
        BinOp::Mod if y == 0.0 => return zero("float modulo"),
        BinOp::Mod => format::float_mod(x, y),
        BinOp::Pow if x == 0.0 && y < 0.0 => return zero("0.0 cannot be raised to a negative power"),
        BinOp::Pow => {
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return Some(raise("OverflowError", "(34, 'Numerical result out of range')"));
            }
            r
        }
        _ => return None,
    })))
}

/// `op x`.
pub fn unary(op: UnaryOp, x: &Value) -> PyResult {
    match (op, x) {
        (UnaryOp::Not, v) => Ok(Value::Bool(!v.truthy())),
        (UnaryOp::Neg, Value::Int(i)) => i.checked_neg().map(Value::Int).ok_or_else(overflow),
        (UnaryOp::Neg, Value::Bool(b)) => Ok(Value::Int(-(*b as i64))),
        (UnaryOp::Neg, Value::Float(f)) => Ok(Value::Float(-f)),
        (UnaryOp::Pos, Value::Int(_) | Value::Float(_)) => Ok(x.clone()),
        (UnaryOp::Pos, Value::Bool(b)) => Ok(Value::Int(*b as i64)),
        (UnaryOp::Invert, v) if v.as_int().is_some() => Ok(Value::Int(!v.as_int().unwrap_or(0))),
        (op, v) => {
            let s = match op {
                UnaryOp::Neg => "-",
                UnaryOp::Pos => "+",
                _ => "~",
            };
            raise("TypeError", format!("bad operand type for unary {s}: '{}'", v.type_name()))
        }
    }
}

/// `a op b` for the comparison operators, on built-in values.
pub fn compare(interp: &Interp, op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
    Ok(match op {
        CmpOp::Eq => a.equals(b),
        CmpOp::NotEq => !a.equals(b),
        CmpOp::Is => a.is(b),
        CmpOp::IsNot => !a.is(b),
        CmpOp::In | CmpOp::NotIn => {
            let found = contains(interp, b, a)?;
            found == (op == CmpOp::In)
        }
        _ => {
            let ord = order(interp, a, b).ok_or_else(|| {
                let s = match op {
                    CmpOp::Lt => "<",
                    CmpOp::LtE => "<=",
                    CmpOp::Gt => ">",
                    _ => ">=",
                };
                exc(
                    "TypeError",
                    format!("'{s}' not supported between instances of '{}' and '{}'", a.type_name(), b.type_name()),
                )
            })?;
            match op {
                CmpOp::Lt => ord == Some(Ordering::Less),
                CmpOp::LtE => matches!(ord, Some(Ordering::Less | Ordering::Equal)),
                CmpOp::Gt => ord == Some(Ordering::Greater),
                _ => matches!(ord, Some(Ordering::Greater | Ordering::Equal)),
            }
        }
    })
}

/// How two built-in values order: `None` if they cannot be ordered; `Some(None)` for a NaN.
fn order(interp: &Interp, a: &Value, b: &Value) -> Option<Option<Ordering>> {
    use Value::*;
    Some(match (a, b) {
        (Int(_) | Bool(_), Int(_) | Bool(_)) => a.as_int()?.partial_cmp(&b.as_int()?),
        (Int(_) | Bool(_) | Float(_), Int(_) | Bool(_) | Float(_)) => a.as_number()?.partial_cmp(&b.as_number()?),
        (Str(x), Str(y)) => x.partial_cmp(y),
        (List(_), List(_)) | (Tuple(_), Tuple(_)) => {
            let (x, y) = (iterate(a).ok()?, iterate(b).ok()?);
            for (p, q) in x.iter().zip(&y) {
                if !interp.compare(CmpOp::Eq, p, q).ok()? {
                    return order(interp, p, q);
                }
            }
            x.len().partial_cmp(&y.len())
        }
        (Set(x), Set(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            let sub = |p: &super::value::Dict, q: &super::value::Dict| {
                p.iter().all(|(k, _)| k.key().ok().is_some_and(|kk| q.get(&kk).is_some()))
            };
            match (sub(&x, &y), sub(&y, &x)) {
                (true, true) => Some(Ordering::Equal),
                (true, false) => Some(Ordering::Less),
                (false, true) => Some(Ordering::Greater),
                _ => Option::None,
            }
        }
        _ => return Option::None,
    })
}

fn contains(interp: &Interp, container: &Value, item: &Value) -> PyResult<bool> {
    Ok(match container {
        Value::Str(s) => match item {
            Value::Str(sub) => s.contains(&**sub),
            v => {
                return raise(
                    "TypeError",
                    format!("'in <string>' requires string as left operand, not {}", v.type_name()),
                )
            }
        },
        Value::Dict(d) | Value::Set(d) => d.borrow().get(&item.key()?).is_some(),
        Value::Range(r) => match item.as_int() {
            Some(i) => {
                let [start, stop, step] = **r;
                let inside = if step > 0 { start <= i && i < stop } else { stop < i && i <= start };
                inside && (i - start) % step == 0
            }
            None => false,
        },
        other => {
            for v in iterate(other)? {
                if interp.compare(CmpOp::Eq, &v, item)? {
                    return Ok(true);
                }
            }
            false
        }
    })
}

// ---- items ----

fn index_of(i: i64, len: usize, what: &str) -> PyResult<usize> {
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error(what));
    }
    Ok(j as usize)
}

/// `index_of`'s error, out of line: inlined, it took 724 B in its seven callers.
#[inline(never)]
fn index_error(what: &str) -> Exc {
    exc("IndexError", format!("{what} index out of range"))
}

/// The indexes a slice picks from a sequence of `len` items.
fn slice_indexes(s: &[Value; 3], len: usize) -> PyResult<Vec<usize>> {
    let n = len as i64;
    let step = match &s[2] {
        Value::None => 1,
        v => int_arg(v, " or have an __index__ method")?,
    };
    if step == 0 {
        return raise("ValueError", "slice step cannot be zero");
    }
    let clamp = |v: &Value, default: i64| -> PyResult<i64> {
        Ok(match v {
            Value::None => default,
            v => {
                let i = int_arg(v, " or have an __index__ method")?;
                let i = if i < 0 { i + n } else { i };
                if step > 0 {
                    i.clamp(0, n)
                } else {
                    i.clamp(-1, n - 1)
                }
            }
        })
    };
    let (start, stop) =
        if step > 0 { (clamp(&s[0], 0)?, clamp(&s[1], n)?) } else { (clamp(&s[0], n - 1)?, clamp(&s[1], -1)?) };
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        let Some(next) = i.checked_add(step) else { break }; // a step past the ints ends it
        i = next;
    }
    Ok(out)
}

/// `obj[index]`.
pub fn get_item(interp: &Interp, obj: &Value, index: &Value) -> PyResult {
    match (obj, index) {
        (Value::List(l), Value::Slice(s)) => {
            let l = l.borrow();
            interp.alloc(l.len())?; // a copy: bulk work, counted as steps
            Ok(Value::list(slice_indexes(s, l.len())?.into_iter().map(|i| l[i].clone()).collect()))
        }
        (Value::Tuple(t), Value::Slice(s)) => {
            Ok(Value::tuple(slice_indexes(s, t.len())?.into_iter().map(|i| t[i].clone()).collect()))
        }
        (Value::Str(st), Value::Slice(s)) => {
            let chars: Vec<char> = st.chars().collect();
            Ok(Value::Str(slice_indexes(s, chars.len())?.into_iter().map(|i| chars[i]).collect::<String>().into()))
        }
        (Value::List(l), i) if i.as_int().is_some() => {
            let l = l.borrow();
            Ok(l[index_of(i.as_int().unwrap_or(0), l.len(), "list")?].clone())
        }
        (Value::Tuple(t), i) if i.as_int().is_some() => {
            Ok(t[index_of(i.as_int().unwrap_or(0), t.len(), "tuple")?].clone())
        }
        (Value::Str(s), i) if i.as_int().is_some() => {
            let n = s.chars().count();
            let at = index_of(i.as_int().unwrap_or(0), n, "string")?;
            Ok(s.chars().nth(at).map_or_else(|| Value::str(""), char_value))
        }
        (Value::Range(r), i) if i.as_int().is_some() => {
            let n = usize::try_from(range_len(r)).unwrap_or(usize::MAX);
            let at = index_of(i.as_int().unwrap_or(0), n, "range object")?;
            // Within the range, so it fits in an i64; the product on the way may not.
            Ok(Value::Int((i128::from(r[0]) + at as i128 * i128::from(r[2])) as i64))
        }
        (Value::Dict(d), k) => {
            d.borrow().get(&k.key()?).ok_or_else(|| new_exception(exc_class("KeyError"), vec![k.clone()]))
        }
        (Value::List(_) | Value::Tuple(_) | Value::Str(_), i) => {
            let what = match obj {
                Value::List(_) => "list",
                Value::Tuple(_) => "tuple",
                _ => "string",
            };
            raise("TypeError", format!("{what} indices must be integers or slices, not {}", i.type_name()))
        }
        // `list[int]`, `Callable[[dict], None]`: a type hint's subscript gives the type back.
        (Value::Class(_), _) => Ok(obj.clone()),
        _ => raise("TypeError", format!("'{}' object is not subscriptable", obj.type_name())),
    }
}

/// `obj[index] = value`.
pub fn set_item(_interp: &Interp, obj: &Value, index: &Value, value: Value) -> PyResult<()> {
    match (obj, index) {
        (Value::List(l), Value::Slice(s)) => {
            let new = iterate(&value)?;
            let mut l = l.borrow_mut();
            let idx = slice_indexes(s, l.len())?;
            if matches!(s[2], Value::None) || s[2].as_int() == Some(1) {
                let start = idx.first().copied().unwrap_or_else(|| match &s[0] {
                    Value::None => 0,
                    v => {
                        let i = v.as_int().unwrap_or(0);
                        let n = l.len() as i64;
                        (if i < 0 { i + n } else { i }).clamp(0, n) as usize
                    }
                });
                let end = start + idx.len();
                l.splice(start..end, new);
            } else {
                if idx.len() != new.len() {
                    return raise(
                        "ValueError",
                        format!(
                            "attempt to assign sequence of size {} to extended slice of size {}",
                            new.len(),
                            idx.len()
                        ),
                    );
                }
                for (i, v) in idx.into_iter().zip(new) {
                    l[i] = v;
                }
            }
            Ok(())
        }
        (Value::List(l), i) if i.as_int().is_some() => {
            let mut l = l.borrow_mut();
            let at = index_of(i.as_int().unwrap_or(0), l.len(), "list assignment")?;
            l[at] = value;
            Ok(())
        }
        (Value::Dict(d), k) => {
            let key = k.key()?;
            d.borrow_mut().insert(key, k.clone(), value);
            Ok(())
        }
        _ => raise("TypeError", format!("'{}' object does not support item assignment", obj.type_name())),
    }
}

/// `del obj[index]`.
pub fn del_item(obj: &Value, index: &Value) -> PyResult<()> {
    match (obj, index) {
        (Value::List(l), Value::Slice(s)) => {
            let mut l = l.borrow_mut();
            let mut idx = slice_indexes(s, l.len())?;
            // A slice's indexes run one way: removed from the highest down.
            if idx.first() < idx.last() {
                idx.reverse();
            }
            for i in idx {
                l.remove(i);
            }
            Ok(())
        }
        (Value::List(l), i) if i.as_int().is_some() => {
            let mut l = l.borrow_mut();
            let at = index_of(i.as_int().unwrap_or(0), l.len(), "list assignment")?;
            l.remove(at);
            Ok(())
        }
        (Value::Dict(d), k) => d
            .borrow_mut()
            .remove(&k.key()?)
            .map(|_| ())
            .ok_or_else(|| new_exception(exc_class("KeyError"), vec![k.clone()])),
        _ => raise("TypeError", format!("'{}' object doesn't support item deletion", obj.type_name())),
    }
}

// ---- formatting ----

/// One f-string field or `format()`: the value converted (`!r`, `!s`) and formatted by `spec`.
pub fn format_field(interp: &Interp, v: &Value, conv: Option<char>, spec: &str) -> PyResult<String> {
    let err = format_error;
    let as_text = match conv {
        Some('r') | Some('a') => Some(interp.repr(v)?),
        Some(_) => Some(interp.to_str(v)?),
        None => None,
    };
    if let Some(t) = as_text {
        return format::format_str(&t, spec).map_err(err);
    }
    match v {
        Value::Bool(b) if spec.is_empty() => Ok(if *b { "True" } else { "False" }.into()),
        Value::Bool(b) => format::format_int(*b as i64, spec).map_err(err),
        Value::Int(i) => format::format_int(*i, spec).map_err(err),
        Value::Float(f) => format::format_float(*f, spec).map_err(err),
        Value::Str(s) => format::format_str(s, spec).map_err(err),
        other if spec.is_empty() => interp.to_str(other),
        other => raise("TypeError", format!("unsupported format string passed to {}.__format__", other.type_name())),
    }
}

/// `fmt % args`: printf-style formatting.
fn percent(interp: &Interp, fmt: &str, args: &Value) -> PyResult {
    let mut values: Vec<Value> = match args {
        Value::Tuple(t) => t.to_vec(),
        v => vec![v.clone()],
    };
    values.reverse();
    let mapping = if let Value::Dict(d) = args { Some(d.borrow().clone()) } else { None };
    let mut out = String::new();
    let next = |values: &mut Vec<Value>| {
        values.pop().ok_or_else(|| exc("TypeError", "not enough arguments for format string"))
    };
    let err = format_error;
    for piece in format::parse_percent(fmt) {
        match piece {
            format::PercentPiece::Lit(s) => out.push_str(&s),
            format::PercentPiece::Error(m) => return Err(err(m)),
            format::PercentPiece::Conv { key, width_star, precision_star, mut spec } => {
                if width_star {
                    spec.star_width(int_arg(&next(&mut values)?, "")?).map_err(err)?;
                }
                if precision_star {
                    spec.star_precision(int_arg(&next(&mut values)?, "")?).map_err(err)?;
                }
                let v = match (&key, &mapping) {
                    (Some(k), Some(m)) => m
                        .get(&Key::Str(k.as_str().into()))
                        .ok_or_else(|| new_exception(exc_class("KeyError"), vec![Value::str(k)]))?,
                    (Some(_), None) => return raise("TypeError", "format requires a mapping"),
                    (None, _) => next(&mut values)?,
                };
                let s = match spec.conv {
                    's' => format::percent_str(&interp.to_str(&v)?, &spec),
                    'r' | 'a' => format::percent_str(&interp.repr(&v)?, &spec),
                    'c' => match &v {
                        Value::Str(c) if c.chars().count() == 1 => format::percent_str(c, &spec),
                        v if v.as_int().is_some() => {
                            format::percent_int(v.as_int().unwrap_or(0), &spec).map_err(err)?
                        }
                        v => return Err(err(spec.mismatch(&v.type_name()))),
                    },
                    'd' | 'i' | 'u' | 'x' | 'X' | 'o' => match &v {
                        Value::Float(f) if matches!(spec.conv, 'd' | 'i' | 'u') => {
                            format::percent_int(format::float_to_int(*f).map_err(err)?, &spec).map_err(err)?
                        }
                        v if v.as_int().is_some() => {
                            format::percent_int(v.as_int().unwrap_or(0), &spec).map_err(err)?
                        }
                        v => return Err(err(spec.mismatch(&v.type_name()))),
                    },
                    'e' | 'E' | 'f' | 'F' | 'g' | 'G' => match v.as_number() {
                        Some(f) => format::percent_float(f, &spec).map_err(err)?,
                        None => return Err(err(spec.mismatch(&v.type_name()))),
                    },
                    _ => return Err(err(spec.mismatch(&v.type_name()))),
                };
                out.push_str(&s);
            }
        }
    }
    if !values.is_empty() && mapping.is_none() {
        return raise("TypeError", "not all arguments converted during string formatting");
    }
    Ok(Value::string(out))
}

// ---- attributes and methods ----

const STR_METHODS: &[&str] = &[
    "upper",
    "lower",
    "strip",
    "lstrip",
    "rstrip",
    "split",
    "rsplit",
    "join",
    "replace",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "count",
    "format",
    "removeprefix",
    "removesuffix",
    "center",
    "ljust",
    "rjust",
    "zfill",
    "title",
    "capitalize",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "splitlines",
    "encode",
    "decode",
    "swapcase",
    "partition",
];
const LIST_METHODS: &[&str] = &[
    "append",
    "extend",
    "insert",
    "pop",
    "remove",
    "index",
    "count",
    "sort",
    "reverse",
    "copy",
    "clear",
    "popleft",
    "appendleft",
];
const DICT_METHODS: &[&str] =
    &["get", "items", "keys", "values", "setdefault", "pop", "update", "copy", "clear", "popitem"];
const SET_METHODS: &[&str] = &[
    "add",
    "remove",
    "discard",
    "pop",
    "union",
    "intersection",
    "difference",
    "issubset",
    "issuperset",
    "copy",
    "clear",
    "update",
];
const TUPLE_METHODS: &[&str] = &["index", "count"];
const NUMBER_METHODS: &[&str] = &["is_integer", "bit_length"];

thread_local! {
    /// The built-in methods made so far, by slot: the type's kind × 64 + the method's place in its list.
    static METHODS: RefCell<Vec<Option<Value>>> = const { RefCell::new(Vec::new()) };
}

/// The built-in method `name` of a type whose methods are `list`, made once per (type, name).
fn method(kind: u8, list: &[&'static str], name: Name, call: BuiltinFn) -> Option<Value> {
    let t = text(name);
    let i = list.iter().position(|m| **m == *t)?;
    let slot = kind as usize * 64 + i;
    Some(METHODS.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() <= slot {
            m.resize(slot + 1, None);
        }
        m[slot].get_or_insert_with(|| builtin(list[i], call)).clone()
    }))
}

fn bound(obj: &Value, kind: u8, list: &[&'static str], name: Name, call: BuiltinFn) -> Option<Value> {
    method(kind, list, name, call).map(|m| Value::Method(Rc::new((obj.clone(), m))))
}

fn no_attr(obj: &Value, name: Name) -> Exc {
    exc("AttributeError", format!("'{}' object has no attribute '{}'", obj.type_name(), text(name)))
}

/// `obj.name`: an instance's own attribute, then its class's (methods bound to it), then the
/// built-in types' methods.
pub fn get_attr(interp: &Interp, obj: &Value, name: Name) -> PyResult {
    let t = text(name);
    match obj {
        Value::Instance(i) => {
            if let Some(v) = i.get(name) {
                return Ok(v);
            }
            if &*t == "__class__" {
                return Ok(Value::Class(Rc::clone(&i.class)));
            }
            if i.class.is_exception() {
                match &*t {
                    "__cause__" => return Ok(i.cause.borrow().clone().unwrap_or(Value::None)),
                    "__context__" => return Ok(i.context.borrow().clone().unwrap_or(Value::None)),
                    "__traceback__" => return Ok(Value::None),
                    _ => {}
                }
            }
            match i.class.lookup(name) {
                Some(f @ (Value::Func(_) | Value::Builtin(_))) => Ok(Value::Method(Rc::new((obj.clone(), f)))),
                Some(v) => Ok(v),
                None => Err(exc("AttributeError", format!("'{}' object has no attribute '{t}'", i.class.name))),
            }
        }
        Value::Class(c) => {
            // `str.upper`: the unbound method, the one `"a".upper` binds.
            if c.kind == Kind::Str {
                if let Some(m) = method(1, STR_METHODS, name, str_method) {
                    return Ok(m);
                }
            }
            match &*t {
                "__name__" | "__qualname__" => Ok(Value::Str(Rc::clone(&c.name))),
                "__bases__" => Ok(Value::tuple(c.base.iter().map(|b| Value::Class(Rc::clone(b))).collect())),
                _ => c
                    .lookup(name)
                    .ok_or_else(|| exc("AttributeError", format!("type object '{}' has no attribute '{t}'", c.name))),
            }
        }
        Value::Module(m) => m
            .attrs
            .borrow()
            .get(&name)
            .cloned()
            .ok_or_else(|| exc("AttributeError", format!("module '{}' has no attribute '{t}'", m.name))),
        Value::Func(f) if &*t == "__name__" => Ok(Value::Str(text(f.def.name))),
        Value::Func(f) if &*t == "__qualname__" => Ok(Value::Str(Rc::clone(&f.qualname))),
        Value::Builtin(b) if &*t == "__name__" => Ok(Value::str(b.name)),
        Value::Str(_) => bound(obj, 1, STR_METHODS, name, str_method).ok_or_else(|| no_attr(obj, name)),
        Value::List(_) => bound(obj, 2, LIST_METHODS, name, list_method).ok_or_else(|| no_attr(obj, name)),
        Value::Dict(_) => bound(obj, 3, DICT_METHODS, name, dict_method).ok_or_else(|| no_attr(obj, name)),
        Value::Set(_) => bound(obj, 4, SET_METHODS, name, set_method).ok_or_else(|| no_attr(obj, name)),
        Value::Tuple(_) => bound(obj, 5, TUPLE_METHODS, name, list_method).ok_or_else(|| no_attr(obj, name)),
        Value::Int(_) | Value::Float(_) => match &*t {
            "real" => Ok(obj.clone()),
            "imag" => Ok(Value::Int(0)),
            _ => bound(obj, 6, NUMBER_METHODS, name, number_method).ok_or_else(|| no_attr(obj, name)),
        },
        Value::Task(_) | Value::Native(_) | Value::Coro(_) => super::aio::get_attr(interp, obj, name),
        Value::Method(m) if &*t == "__name__" => get_attr(interp, &m.1, name),
        _ => Err(no_attr(obj, name)),
    }
}

fn str_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Str(s)) = args.first() else { return raise("TypeError", "descriptor needs a str") };
    let s = Rc::clone(s);
    let a = &args[1..];
    let str_arg = |i: usize| str_arg(a, i);
    let new = |x: String| Ok(Value::string(x));
    let strip_chars = |i| -> PyResult<Vec<char>> { Ok(str_arg(i)?.map(|c| c.chars().collect()).unwrap_or_default()) };
    match name {
        // Bytes are strs here: `encode` and `decode` give the text back.
        "encode" | "decode" => Ok(Value::Str(s)),
        "upper" => new(format::upper(&s)),
        "lower" => new(format::lower(&s)),
        "swapcase" => {
            let mut out = String::with_capacity(s.len());
            for c in s.chars() {
                if c.is_uppercase() {
                    format::push_lower(&mut out, c);
                } else {
                    format::push_upper(&mut out, c);
                }
            }
            new(out)
        }
        "strip" | "lstrip" | "rstrip" => {
            let chars = strip_chars(0)?;
            let pred = |c: char| if chars.is_empty() { c.is_whitespace() } else { chars.contains(&c) };
            new(match name {
                "strip" => s.trim_matches(pred),
                "lstrip" => s.trim_start_matches(pred),
                _ => s.trim_end_matches(pred),
            }
            .to_string())
        }
        "split" | "rsplit" => {
            let sep = match a.first().cloned().or(kwarg(&kw, "sep")) {
                None | Some(Value::None) => None,
                Some(Value::Str(x)) => Some(x),
                Some(v) => return raise("TypeError", format!("must be str or None, not {}", v.type_name())),
            };
            let max = match a.get(1).cloned().or(kwarg(&kw, "maxsplit")) {
                Some(v) => int_arg(&v, "")?,
                None => -1,
            };
            let parts: Vec<&str> = match (&sep, max) {
                (Some(sep), _) if sep.is_empty() => return raise("ValueError", "empty separator"),
                (Some(sep), m) if m < 0 => s.split(&**sep).collect(),
                // A maxsplit past what a usize holds splits as often as it can.
                (Some(sep), m) if name == "split" => {
                    s.splitn(usize::try_from(m).map_or(usize::MAX, |m| m.saturating_add(1)), &**sep).collect()
                }
                (Some(sep), m) => {
                    let n = usize::try_from(m).map_or(usize::MAX, |m| m.saturating_add(1));
                    let mut v: Vec<&str> = s.rsplitn(n, &**sep).collect();
                    v.reverse();
                    v
                }
                (None, m) if m < 0 => s.split_whitespace().collect(),
                (None, m) => {
                    let mut out = Vec::new();
                    let mut rest = s.trim_start();
                    while !rest.is_empty() && (out.len() as i64) < m {
                        match rest.find(char::is_whitespace) {
                            Some(at) => {
                                out.push(&rest[..at]);
                                rest = rest[at..].trim_start();
                            }
                            None => {
                                out.push(rest);
                                rest = "";
                            }
                        }
                    }
                    if !rest.is_empty() {
                        out.push(rest);
                    }
                    out
                }
            };
            interp.alloc(parts.len())?;
            Ok(str_list(parts))
        }
        "splitlines" => Ok(str_list(s.lines().collect())),
        "join" => {
            let items = iterate(a.first().unwrap_or(&Value::None))?;
            let mut out = String::new();
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(&s);
                }
                match item {
                    Value::Str(x) => out.push_str(x),
                    v => {
                        return raise(
                            "TypeError",
                            format!("sequence item {i}: expected str instance, {} found", v.type_name()),
                        )
                    }
                }
            }
            interp.alloc(out.len() / 16)?;
            new(out)
        }
        "replace" => {
            let (Some(old), Some(newer)) = (str_arg(0)?, str_arg(1)?) else {
                return raise("TypeError", "replace expected at least 2 arguments");
            };
            let count = match a.get(2) {
                Some(v) => int_arg(v, "")?,
                None => -1,
            };
            if count < 0 {
                interp.alloc(s.len() / 16)?;
                new(s.replace(&*old, &newer))
            } else {
                new(s.replacen(&*old, &newer, count as usize))
            }
        }
        "startswith" | "endswith" => {
            let test = |p: &str| if name == "startswith" { s.starts_with(p) } else { s.ends_with(p) };
            Ok(Value::Bool(match a.first() {
                Some(Value::Str(p)) => test(p),
                Some(Value::Tuple(ps)) => ps.iter().any(|p| matches!(p, Value::Str(p) if test(p))),
                _ => return raise("TypeError", format!("{name} first arg must be str or a tuple of str")),
            }))
        }
        "removeprefix" | "removesuffix" => {
            let Some(x) = str_arg(0)? else {
                return raise("TypeError", format!("{name}() takes exactly one argument"));
            };
            let out = if name == "removeprefix" { s.strip_prefix(&*x) } else { s.strip_suffix(&*x) };
            new(out.unwrap_or(&s).to_string())
        }
        "find" | "rfind" | "index" => {
            let Some(sub) = str_arg(0)? else {
                return raise("TypeError", format!("{name}() takes at least 1 argument"));
            };
            // An optional start, in characters: the search begins there.
            let start = match a.get(1) {
                Some(v) => {
                    let n = s.chars().count() as i64;
                    let i = int_arg(v, "")?;
                    (if i < 0 { i + n } else { i }).clamp(0, n) as usize
                }
                None => 0,
            };
            let offset = s.char_indices().nth(start).map_or(s.len(), |(b, _)| b);
            let tail = &s[offset..];
            let at = if name == "rfind" { tail.rfind(&*sub) } else { tail.find(&*sub) };
            match at.map(|b| b + offset) {
                Some(b) => Ok(Value::Int(s[..b].chars().count() as i64)),
                None if name == "index" => raise("ValueError", "substring not found"),
                None => Ok(Value::Int(-1)),
            }
        }
        "count" => {
            let Some(sub) = str_arg(0)? else { return raise("TypeError", "count() takes at least 1 argument") };
            Ok(Value::Int(if sub.is_empty() { s.chars().count() as i64 + 1 } else { s.matches(&*sub).count() as i64 }))
        }
        "format" => str_format(interp, &s, a, &kw),
        "center" | "ljust" | "rjust" => {
            let width = int_arg(a.first().unwrap_or(&Value::Int(0)), "")?.clamp(0, 100_000) as usize;
            let fill = match str_arg(1)? {
                Some(f) if f.chars().count() == 1 => f.chars().next().unwrap_or(' '),
                Some(_) => return raise("TypeError", "The fill character must be exactly one character long"),
                None => ' ',
            };
            let n = s.chars().count();
            if n >= width {
                return Ok(Value::Str(s));
            }
            let pad = width - n;
            let (left, right) = match name {
                "ljust" => (0, pad),
                "rjust" => (pad, 0),
                _ => {
                    // CPython's centring: the extra space goes left when the width is odd.
                    let left = pad / 2 + (pad & width & 1);
                    (left, pad - left)
                }
            };
            let f = |k: usize| fill.to_string().repeat(k);
            new(format!("{}{s}{}", f(left), f(right)))
        }
        "zfill" => {
            let width = int_arg(a.first().unwrap_or(&Value::Int(0)), "")?.clamp(0, 100_000) as usize;
            let n = s.chars().count();
            if n >= width {
                return Ok(Value::Str(s));
            }
            let (sign, rest) = match s.chars().next() {
                Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
                _ => (String::new(), &s[..]),
            };
            new(format!("{sign}{}{rest}", "0".repeat(width - n)))
        }
        "title" | "capitalize" => {
            let mut out = String::new();
            let mut start = true;
            for (i, c) in s.chars().enumerate() {
                if (name == "title" && start) || (name == "capitalize" && i == 0) {
                    format::push_upper(&mut out, c);
                } else {
                    format::push_lower(&mut out, c);
                }
                start = !c.is_alphabetic();
            }
            new(out)
        }
        "partition" => {
            let Some(sep) = str_arg(0)? else { return raise("TypeError", "must be str") };
            Ok(match s.split_once(&*sep) {
                Some((x, y)) => Value::tuple(vec![Value::str(x), Value::Str(sep), Value::str(y)]),
                None => Value::tuple(vec![Value::Str(s.clone()), Value::str(""), Value::str("")]),
            })
        }
        "isdigit" => Ok(Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))),
        "isalpha" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_alphabetic))),
        "isalnum" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_alphanumeric))),
        "isspace" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_whitespace))),
        "isupper" => Ok(Value::Bool(s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase))),
        "islower" => Ok(Value::Bool(s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase))),
        _ => unsupported_method("str", name),
    }
}

/// A list of these strs.
fn str_list(parts: Vec<&str>) -> Value {
    let mut out = Vec::with_capacity(parts.len());
    for p in parts {
        out.push(Value::str(p));
    }
    Value::list(out)
}

/// A str method's argument `i` that is a str or None (out of line: a closure was inlined eight times).
#[inline(never)]
fn str_arg(a: &[Value], i: usize) -> PyResult<Option<Rc<str>>> {
    match a.get(i) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(x)) => Ok(Some(Rc::clone(x))),
        Some(v) => raise("TypeError", format!("must be str or None, not {}", v.type_name())),
    }
}

/// `"…".format(*args, **kw)`.
fn str_format(interp: &Interp, fmt: &str, args: &[Value], kw: &[(Name, Value)]) -> PyResult {
    let mut out = String::new();
    let mut chars = fmt.chars().peekable();
    let mut auto = 0;
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '}' => return raise("ValueError", "Single '}' encountered in format string"),
            '{' => {
                let mut field = String::new();
                let mut depth = 1;
                for c in chars.by_ref() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    field.push(c);
                }
                if depth != 0 {
                    return raise("ValueError", "expected '}' before end of string");
                }
                let (head, spec) = field.split_once(':').unwrap_or((&field, ""));
                let (name, conv) = match head.split_once('!') {
                    Some((n, c)) => (n, c.chars().next()),
                    None => (head, None),
                };
                // `0`, `name`, then any `.attr` and `[key]` after it.
                let cut = name.find(['.', '[']).unwrap_or(name.len());
                let (base, mut rest) = name.split_at(cut);
                let mut v = if base.is_empty() {
                    let v = args.get(auto).cloned();
                    auto += 1;
                    v.ok_or_else(|| {
                        exc(
                            "IndexError",
                            format!("Replacement index {} out of range for positional args tuple", auto - 1),
                        )
                    })?
                } else if let Ok(i) = base.parse::<usize>() {
                    args.get(i).cloned().ok_or_else(|| {
                        exc("IndexError", format!("Replacement index {i} out of range for positional args tuple"))
                    })?
                } else {
                    kwarg(kw, base).ok_or_else(|| new_exception(exc_class("KeyError"), vec![Value::str(base)]))?
                };
                while !rest.is_empty() {
                    if let Some(after) = rest.strip_prefix('.') {
                        let end = after.find(['.', '[']).unwrap_or(after.len());
                        v = get_attr(interp, &v, intern(&after[..end]))?;
                        rest = &after[end..];
                    } else if let Some((key, after)) = rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
                        let k = key.parse::<i64>().map(Value::Int).unwrap_or_else(|_| Value::str(key));
                        v = get_item(interp, &v, &k)?;
                        rest = after;
                    } else {
                        return raise("ValueError", "Only '.' or '[' may follow ']' in format field specifier");
                    }
                }
                out.push_str(&format_field(interp, &v, conv, spec)?);
            }
            c => out.push(c),
        }
    }
    Ok(Value::string(out))
}

fn list_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let this = args[0].clone();
    let a = &args[1..];
    if let Value::Tuple(t) = &this {
        return seq_search(interp, name, &t[..], a);
    }
    let Value::List(l) = &this else { return raise("TypeError", "descriptor needs a list") };
    let need = |n: usize| if a.len() < n { Err(too_few(name, a.len(), n)) } else { Ok(()) };
    match name {
        "append" => {
            need(1)?;
            interp.alloc(1)?;
            l.borrow_mut().push(a[0].clone());
            Ok(Value::None)
        }
        // `collections.deque` is a list here, with a deque's two extra methods.
        "appendleft" => {
            need(1)?;
            interp.alloc(1)?;
            l.borrow_mut().insert(0, a[0].clone());
            Ok(Value::None)
        }
        "popleft" => {
            let mut l = l.borrow_mut();
            if l.is_empty() {
                return raise("IndexError", "pop from an empty deque");
            }
            Ok(l.remove(0))
        }
        "extend" => {
            need(1)?;
            let items = iterate(&a[0])?;
            interp.alloc(items.len())?;
            l.borrow_mut().extend(items);
            Ok(Value::None)
        }
        "insert" => {
            need(2)?;
            let mut l = l.borrow_mut();
            let n = l.len() as i64;
            let i = int_arg(&a[0], "")?;
            let at = (if i < 0 { i + n } else { i }).clamp(0, n) as usize;
            l.insert(at, a[1].clone());
            Ok(Value::None)
        }
        "pop" => {
            let mut l = l.borrow_mut();
            if l.is_empty() {
                return raise("IndexError", "pop from empty list");
            }
            let i = match a.first() {
                Some(v) => int_arg(v, "")?,
                None => -1,
            };
            let at = index_of(i, l.len(), "pop")?;
            Ok(l.remove(at))
        }
        "remove" => {
            need(1)?;
            let items = l.borrow().clone();
            for (i, v) in items.iter().enumerate() {
                if interp.compare(CmpOp::Eq, v, &a[0])? {
                    l.borrow_mut().remove(i);
                    return Ok(Value::None);
                }
            }
            raise("ValueError", "list.remove(x): x not in list")
        }
        "index" | "count" => {
            let items = l.borrow().clone();
            seq_search(interp, name, &items, a)
        }
        "sort" => {
            no_kwargs_except(&kw, &["key", "reverse"])?;
            let mut items = std::mem::take(&mut *l.borrow_mut());
            let r = sort(interp, &mut items, &kw);
            *l.borrow_mut() = items;
            r.map(|_| Value::None)
        }
        "reverse" => {
            l.borrow_mut().reverse();
            Ok(Value::None)
        }
        "copy" => Ok(Value::list(l.borrow().clone())),
        "clear" => {
            l.borrow_mut().clear();
            Ok(Value::None)
        }
        _ => unsupported_method("list", name),
    }
}

/// `NotImplementedError` for `owner.name()`.
#[inline(never)]
pub fn unsupported_method(owner: &str, name: &str) -> PyResult {
    super::interp::unsupported(&format!("{owner}.{name}()"))
}

/// The `TypeError` of a list method given `given` arguments of `n`.
#[inline(never)]
fn too_few(name: &str, given: usize, n: usize) -> Exc {
    exc("TypeError", format!("{name}() takes exactly {n} argument ({given} given)"))
}

fn no_kwargs_except(kw: &[(Name, Value)], allowed: &[&str]) -> PyResult<()> {
    for (k, _) in kw {
        if !allowed.contains(&&*text(*k)) {
            return raise("TypeError", format!("'{}' is an invalid keyword argument", text(*k)));
        }
    }
    Ok(())
}

fn seq_search(interp: &Interp, name: &str, items: &[Value], a: &[Value]) -> PyResult {
    let Some(x) = a.first() else {
        return raise("TypeError", format!("{name}() takes exactly one argument (0 given)"));
    };
    if name == "count" {
        let mut n = 0;
        for v in items {
            if interp.compare(CmpOp::Eq, v, x)? {
                n += 1;
            }
        }
        return Ok(Value::Int(n));
    }
    for (i, v) in items.iter().enumerate() {
        if interp.compare(CmpOp::Eq, v, x)? {
            return Ok(Value::Int(i as i64));
        }
    }
    raise("ValueError", format!("{} is not in list", interp.repr(x)?))
}

fn dict_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Value::Dict(d) = &args[0] else { return raise("TypeError", "descriptor needs a dict") };
    let a = &args[1..];
    match name {
        "get" => {
            let Some(k) = a.first() else { return raise("TypeError", "get expected at least 1 argument, got 0") };
            Ok(d.borrow().get(&k.key()?).unwrap_or_else(|| a.get(1).cloned().unwrap_or(Value::None)))
        }
        "items" => {
            let mut out = Vec::with_capacity(d.borrow().len());
            for (k, v) in d.borrow().iter() {
                out.push(Value::tuple(vec![k.clone(), v.clone()]));
            }
            Ok(Value::list(out))
        }
        "keys" => Ok(Value::list(d.borrow().keys())),
        "values" => {
            let mut out = Vec::with_capacity(d.borrow().len());
            for (_, v) in d.borrow().iter() {
                out.push(v.clone());
            }
            Ok(Value::list(out))
        }
        "setdefault" => {
            let Some(k) = a.first() else {
                return raise("TypeError", "setdefault expected at least 1 argument, got 0");
            };
            let key = k.key()?;
            if let Some(v) = d.borrow().get(&key) {
                return Ok(v);
            }
            let v = a.get(1).cloned().unwrap_or(Value::None);
            d.borrow_mut().insert(key, k.clone(), v.clone());
            Ok(v)
        }
        "pop" => {
            let Some(k) = a.first() else { return raise("TypeError", "pop expected at least 1 argument, got 0") };
            match d.borrow_mut().remove(&k.key()?) {
                Some(v) => Ok(v),
                None => a.get(1).cloned().ok_or_else(|| new_exception(exc_class("KeyError"), vec![k.clone()])),
            }
        }
        "popitem" => match d.borrow_mut().pop_last() {
            Some((k, v)) => Ok(Value::tuple(vec![k, v])),
            None => raise("KeyError", "popitem(): dictionary is empty"),
        },
        "update" => {
            let other = construct(interp, &with_types(|t| Rc::clone(&t.dict)), a.to_vec(), kw)?;
            if let Value::Dict(o) = other {
                let items = o.borrow().entries();
                for (k, v) in items {
                    d.borrow_mut().insert(k.key()?, k, v);
                }
            }
            Ok(Value::None)
        }
        "copy" => Ok(Value::dict(d.borrow().clone())),
        "clear" => {
            d.borrow_mut().clear();
            Ok(Value::None)
        }
        _ => unsupported_method("dict", name),
    }
}

fn set_method(_interp: &Interp, name: &'static str, args: Vec<Value>, _kw: Vec<(Name, Value)>) -> PyResult {
    let Value::Set(d) = &args[0] else { return raise("TypeError", "descriptor needs a set") };
    let a = &args[1..];
    let other = |i: usize| set_arg(a, i);
    let this = args[0].clone();
    match name {
        "add" => {
            let Some(v) = a.first() else { return raise("TypeError", "add() takes exactly one argument (0 given)") };
            d.borrow_mut().insert(v.key()?, v.clone(), Value::None);
            Ok(Value::None)
        }
        "remove" | "discard" => {
            let Some(v) = a.first() else {
                return raise("TypeError", format!("{name}() takes exactly one argument (0 given)"));
            };
            if d.borrow_mut().remove(&v.key()?).is_none() && name == "remove" {
                return Err(new_exception(exc_class("KeyError"), vec![v.clone()]));
            }
            Ok(Value::None)
        }
        "pop" => match d.borrow_mut().pop_last() {
            Some((k, _)) => Ok(k),
            None => raise("KeyError", "pop from an empty set"),
        },
        "union" | "update" => {
            let r = binop(_interp, BinOp::BitOr, &this, &other(0)?)?;
            if name == "update" {
                if let Value::Set(n) = r {
                    *d.borrow_mut() = n.borrow().clone();
                }
                return Ok(Value::None);
            }
            Ok(r)
        }
        "intersection" => binop(_interp, BinOp::BitAnd, &this, &other(0)?),
        "difference" => binop(_interp, BinOp::Sub, &this, &other(0)?),
        "issubset" => Ok(Value::Bool(compare(_interp, CmpOp::LtE, &this, &other(0)?)?)),
        "issuperset" => Ok(Value::Bool(compare(_interp, CmpOp::GtE, &this, &other(0)?)?)),
        "copy" => Ok(Value::Set(Rc::new(RefCell::new(d.borrow().clone())))),
        "clear" => {
            d.borrow_mut().clear();
            Ok(Value::None)
        }
        _ => unsupported_method("set", name),
    }
}

/// A set method's argument `i` as a set (none: an empty one).
#[inline(never)]
fn set_arg(a: &[Value], i: usize) -> PyResult {
    make_set(iterate(a.get(i).unwrap_or(&Value::tuple(vec![])))?)
}

fn number_method(_interp: &Interp, name: &'static str, args: Vec<Value>, _kw: Vec<(Name, Value)>) -> PyResult {
    match (name, &args[0]) {
        ("is_integer", Value::Float(f)) => Ok(Value::Bool(f.fract() == 0.0)),
        ("is_integer", Value::Int(_)) => Ok(Value::Bool(true)),
        ("bit_length", Value::Int(i)) => Ok(Value::Int(64 - i.unsigned_abs().leading_zeros() as i64)),
        _ => raise("AttributeError", format!("'{}' object has no attribute '{name}'", args[0].type_name())),
    }
}

#[cfg(test)]
mod tests {
    use super::sort_stable;

    #[test]
    fn sort_stable_sorts_as_std_and_asks_what_std_asked_up_to_20_items() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut rnd = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        for round in 0..3000 {
            let n = if round % 3 == 0 { rnd(200) } else { rnd(21) } as usize;
            let m = rnd(9) + 1;
            let keys: Vec<u64> = (0..n).map(|_| rnd(m)).collect();
            let (mut want, mut want_asked) = ((0..n).collect::<Vec<usize>>(), vec![]);
            want.sort_by(|&a, &b| {
                want_asked.push((a, b));
                keys[a].cmp(&keys[b])
            });
            let (mut got, mut asked) = ((0..n).collect::<Vec<usize>>(), vec![]);
            sort_stable(&mut got, &mut |a, b| {
                asked.push((a, b));
                keys[a] < keys[b]
            });
            assert_eq!(got, want, "{keys:?}");
            if n <= 20 {
                assert_eq!(asked, want_asked, "{keys:?}");
            }
        }
        // A sorted list takes about one comparison per item; a reversed one comes out reversed.
        let mut asked = 0;
        let mut v: Vec<usize> = (0..1000).collect();
        sort_stable(&mut v, &mut |a, b| {
            asked += 1;
            a < b
        });
        assert!(v.iter().copied().eq(0..1000) && asked < 1100, "{asked}");
        sort_stable(&mut v, &mut |a, b| a > b);
        assert!(v.iter().copied().eq((0..1000).rev()));
    }
}
