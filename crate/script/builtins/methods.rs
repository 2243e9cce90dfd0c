//! The list, tuple, dict, set and number methods (`append`, `pop`, `items`, `add`, …).

use super::*;

/// A list's (or a tuple's) method `name` called on `args[0]`: `append`, `extend`, `count`, …
pub fn list_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    list_method_on(interp, name, &args, &kw)
}

fn list_method_on(interp: &Interp, name: &'static str, args: &[Value], kw: &[(Name, Value)]) -> PyResult {
    let this = args[0].clone();
    let a = &args[1..];
    match &this {
        Value::Tuple(t) => return seq_search(interp, name, &t[..], a, true),
        // `range(…).index(x)` and `.count(x)`, computed, not walked.
        Value::Range(r) => {
            let Some(x) = a.first() else { return Err(too_few(name, 0, 1)) };
            let inside = super::ops::contains(interp, &this, x)?;
            return match name {
                "count" => Ok(Value::Int(i64::from(inside))),
                _ if inside => {
                    let at = (i128::from(x.as_int().unwrap_or(0)) - i128::from(r[0])) / i128::from(r[2]);
                    i64::try_from(at).map(Value::Int).map_err(|_| overflow())
                }
                _ => raise("ValueError", format!("{} is not in range", interp.repr(x)?)),
            };
        }
        _ => {}
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
        "extend" => {
            need(1)?;
            // From a generator or an iterator, each item is added as it comes: what came before
            // one fails stays in the list, as in CPython.
            if matches!(&a[0], Value::Gen(_) | Value::Iter(_) | Value::Instance(_)) {
                interp.each(&a[0], &mut |x| {
                    interp.alloc(1)?;
                    l.borrow_mut().push(x);
                    Ok(true)
                })?;
                return Ok(Value::None);
            }
            let items = interp.iterate(&a[0])?;
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
            // The index is checked first, as CPython's argument clinic checks it.
            let i = match a.first() {
                Some(v) => int_arg(v, "")?,
                None => -1,
            };
            let mut l = l.borrow_mut();
            if l.is_empty() {
                return raise("IndexError", "pop from empty list");
            }
            let at = index_of(i, l.len(), "pop")?;
            Ok(l.remove(at))
        }
        "remove" => {
            need(1)?;
            let items = l.borrow().clone();
            for (i, v) in items.iter().enumerate() {
                if interp.is_or_equals(v, &a[0])? {
                    l.borrow_mut().remove(i);
                    return Ok(Value::None);
                }
            }
            raise("ValueError", "list.remove(x): x not in list")
        }
        "index" | "count" => {
            let items = l.borrow().clone();
            seq_search(interp, name, &items, a, false)
        }
        "sort" => {
            no_kwargs_except(kw, &["key", "reverse"])?;
            // The list is empty while it sorts, as CPython's: what a key function adds to it
            // is dropped, and CPython's ValueError raised.
            let mut items = std::mem::take(&mut *l.borrow_mut());
            let r = sort(interp, &mut items, kw);
            let modified = !l.borrow().is_empty();
            *l.borrow_mut() = items;
            r?;
            if modified {
                return raise("ValueError", "list modified during sort");
            }
            Ok(Value::None)
        }
        "reverse" => {
            l.borrow_mut().reverse();
            Ok(Value::None)
        }
        "copy" => Ok(Value::list(l.borrow().clone())),
        "clear" => {
            l.empty();
            Ok(Value::None)
        }
        _ => unsupported_method("list", name),
    }
}

/// `NotImplementedError` for `owner.name()`.
#[inline(never)]
pub fn unsupported_method(owner: &str, name: &str) -> PyResult {
    crate::interp::unsupported(&format!("{owner}.{name}()"))
}

/// The `TypeError` of a list method given `given` arguments of `n`.
#[inline(never)]
pub(super) fn too_few(name: &str, given: usize, n: usize) -> Exc {
    exc("TypeError", format!("{name}() takes exactly {n} argument ({given} given)"))
}

pub(super) fn no_kwargs_except(kw: &[(Name, Value)], allowed: &[&str]) -> PyResult<()> {
    for (k, _) in kw {
        if !allowed.contains(&&*text(*k)) {
            return raise("TypeError", format!("'{}' is an invalid keyword argument", text(*k)));
        }
    }
    Ok(())
}

/// `count` and `index` of a list or (`is_tuple`) a tuple.
pub(super) fn seq_search(interp: &Interp, name: &str, items: &[Value], a: &[Value], is_tuple: bool) -> PyResult {
    // CPython's words: `count` is a plain method, `index` takes its bounds as a slice does.
    let kind = if is_tuple { "tuple" } else { "list" };
    match (name, a.len()) {
        ("count", 1) | ("index", 1..=3) => {}
        ("count", given) => {
            return raise("TypeError", format!("{kind}.count() takes exactly one argument ({given} given)"))
        }
        (_, 0) => return raise("TypeError", "index expected at least 1 argument, got 0"),
        (_, given) => return raise("TypeError", format!("index expected at most 3 arguments, got {given}")),
    }
    let x = &a[0];
    if name == "count" {
        let mut n = 0;
        for v in items {
            if interp.is_or_equals(v, x)? {
                n += 1;
            }
        }
        return Ok(Value::Int(n));
    }
    // `index(x, start, stop)`: bounds as a slice takes them.
    let n = items.len() as i64;
    let bound = |v, default| bound_arg(v, default, n, false).map(|i| i.min(n) as usize);
    let (from, to) = (bound(a.get(1), 0)?, bound(a.get(2), n)?);
    for (i, v) in items.iter().enumerate().take(to).skip(from) {
        if interp.is_or_equals(v, x)? {
            return Ok(Value::Int(i as i64));
        }
    }
    if is_tuple {
        return raise("ValueError", "tuple.index(x): x not in tuple");
    }
    raise("ValueError", format!("{} is not in list", interp.repr(x)?))
}

/// The methods of a dict, `self` first.
pub fn dict_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    dict_method_on(interp, name, &args, &kw)
}

fn dict_method_on(interp: &Interp, name: &'static str, args: &[Value], kw: &[(Name, Value)]) -> PyResult {
    let Value::Dict(d) = &args[0] else { return raise("TypeError", "descriptor needs a dict") };
    let a = &args[1..];
    match name {
        "get" => {
            let Some(k) = a.first() else { return raise("TypeError", "get expected at least 1 argument, got 0") };
            let key = k.key()?; // first: a script's `__hash__` may read the dict
            Ok(d.borrow().get(&key).unwrap_or_else(|| a.get(1).cloned().unwrap_or(Value::None)))
        }
        "keys" | "values" | "items" => {
            let kind = match name {
                "keys" => ViewKind::Keys,
                "values" => ViewKind::Values,
                _ => ViewKind::Items,
            };
            Ok(Value::View(Rc::new(View { dict: Rc::clone(d), kind })))
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
            let key = k.key()?;
            match d.borrow_mut().remove(&key) {
                Some(v) => Ok(v),
                None => a.get(1).cloned().ok_or_else(|| key_error(k)),
            }
        }
        "popitem" => match d.borrow_mut().pop_last() {
            Some((k, v)) => Ok(Value::tuple(vec![k, v])),
            None => raise("KeyError", "popitem(): dictionary is empty"),
        },
        // Pairs go in one at a time (those before a bad one stay), as CPython's.
        "update" if a.len() == 1 && !matches!(a[0], Value::Dict(_)) && script_method(&a[0], "keys").is_none() => {
            super::construct::add_pairs(interp, d, &a[0])?;
            for (k, v) in kw {
                d.borrow_mut().insert(Key::Str(text(*k)), Value::Str(text(*k)), v.clone());
            }
            Ok(Value::None)
        }
        "update" => {
            let other = construct_from(interp, &with_types(|t| Rc::clone(&t.dict)), a, kw)?;
            if let Value::Dict(o) = other {
                let items = o.borrow().entries();
                for (k, v) in items {
                    let key = k.key()?;
                    d.borrow_mut().insert(key, k, v);
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

pub(super) fn set_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    set_method_on(interp, name, &args, &kw)
}

fn set_method_on(interp: &Interp, name: &'static str, args: &[Value], _kw: &[(Name, Value)]) -> PyResult {
    let Value::Set(d) = &args[0] else { return raise("TypeError", "descriptor needs a set") };
    let a = &args[1..];
    let other = |i: usize| set_arg(interp, a, i);
    let this = args[0].clone();
    match name {
        "add" => {
            let Some(v) = a.first() else { return raise("TypeError", "add() takes exactly one argument (0 given)") };
            let key = v.key()?; // first: a script's `__hash__` may read the set
            d.borrow_mut().insert(key, v.clone(), Value::None);
            Ok(Value::None)
        }
        "remove" | "discard" => {
            let Some(v) = a.first() else {
                return raise("TypeError", format!("{name}() takes exactly one argument (0 given)"));
            };
            let key = v.key()?;
            if d.borrow_mut().remove_from_set(&key).is_none() && name == "remove" {
                return Err(key_error(v));
            }
            Ok(Value::None)
        }
        // Where CPython's set.pop takes it (sets of ints: see set_order).
        "pop" => {
            let popped = d.borrow_mut().pop_from_set();
            popped.map_or_else(|| raise("KeyError", "pop from an empty set"), Ok)
        }
        // With any number of others (`a.union(b, c)`); `…_update` changes the set itself.
        "union"
        | "update"
        | "intersection"
        | "intersection_update"
        | "difference"
        | "difference_update"
        | "symmetric_difference"
        | "symmetric_difference_update" => {
            let op = match name.split('_').next() {
                Some("union" | "update") => BinOp::BitOr,
                Some("intersection") => BinOp::BitAnd,
                Some("difference") => BinOp::Sub,
                _ => BinOp::BitXor,
            };
            if op == BinOp::BitXor && a.len() != 1 {
                return raise("TypeError", format!("set.{name}() takes exactly one argument ({} given)", a.len()));
            }
            let update = name == "update" || name.ends_with("_update");
            // From a generator or an iterator, `update` adds each element as it comes: those
            // before one that fails stay in the set, as in CPython.
            if name == "update" && a.iter().any(|x| matches!(x, Value::Gen(_) | Value::Iter(_))) {
                for arg in a {
                    match arg {
                        Value::Gen(_) | Value::Iter(_) => interp.each(arg, &mut |x| {
                            let key = x.key()?;
                            d.borrow_mut().insert(key, x, Value::None);
                            Ok(true)
                        })?,
                        arg => drop(set_method_on(interp, "update", &[this.clone(), arg.clone()], _kw)?),
                    }
                }
                return Ok(Value::None);
            }
            let mut r = Value::Set(Rc::new(RefCell::new(d.borrow().clone())));
            for (i, arg) in a.iter().enumerate() {
                let (before, o) = (r.clone(), other(i)?);
                r = binop(interp, op, &r, &o)?;
                // Each step laid out as CPython's: `update` and a union's or a difference's
                // later steps change the set made so far; an iterable's elements go one by one.
                let in_place = update || (i > 0 && matches!(op, BinOp::BitOr | BinOp::Sub));
                if let (Value::Set(n), Value::Set(p), Value::Set(o)) = (&r, &before, &o) {
                    let (p, o) = (p.borrow().clone(), o.borrow());
                    n.borrow_mut().lay_out_set_op(super::set_op(op), &p, &o, in_place, matches!(arg, Value::Set(_)));
                }
            }
            if update {
                if let Value::Set(n) = r {
                    let fresh = n.borrow().clone();
                    *d.borrow_mut() = fresh;
                }
                return Ok(Value::None);
            }
            Ok(r)
        }
        "issubset" => Ok(Value::Bool(compare(interp, CmpOp::LtE, &this, &other(0)?)?)),
        "issuperset" => Ok(Value::Bool(compare(interp, CmpOp::GtE, &this, &other(0)?)?)),
        "isdisjoint" => Ok(Value::Bool(!binop(interp, BinOp::BitAnd, &this, &other(0)?)?.truthy())),
        "copy" => {
            let mut copy = d.borrow().clone();
            copy.lay_out_set_op('|', &Dict::default(), &d.borrow(), false, true);
            Ok(Value::Set(Rc::new(RefCell::new(copy))))
        }
        "clear" => {
            d.borrow_mut().clear();
            Ok(Value::None)
        }
        _ => unsupported_method("set", name),
    }
}

/// `f.as_integer_ratio()`: the exact fraction a float holds, in lowest terms.
fn float_ratio(f: f64) -> PyResult {
    if f.is_nan() {
        return raise("ValueError", "cannot convert NaN to integer ratio");
    }
    if f.is_infinite() {
        return raise("OverflowError", "cannot convert Infinity to integer ratio");
    }
    // f = ±mantissa × 2^exponent, with the mantissa's factors of two moved into the exponent.
    let bits = f.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mut mantissa, mut exponent) = match biased {
        0 => (fraction, -1074),
        _ => (fraction | (1 << 52), biased - 1075),
    };
    if mantissa == 0 {
        return Ok(Value::tuple(vec![Value::Int(0), Value::Int(1)]));
    }
    let shift = mantissa.trailing_zeros().min(exponent.unsigned_abs()) as i32;
    if exponent < 0 {
        mantissa >>= shift;
        exponent += shift;
    }
    let sign = if f < 0.0 { -1 } else { 1 };
    // The mantissa has at most 53 bits; a power of two past 2^62 is past Loopscope's ints.
    let power = |e: i32| 1i64.checked_shl(e.unsigned_abs()).filter(|p| *p > 0);
    let ratio = match exponent {
        e if e >= 0 => power(e).and_then(|p| (mantissa as i64).checked_mul(p)).map(|n| (n, 1)),
        e => power(e).map(|d| (mantissa as i64, d)),
    };
    let (numerator, denominator) = ratio.ok_or_else(overflow)?;
    Ok(Value::tuple(vec![Value::Int(sign * numerator), Value::Int(denominator)]))
}

/// A set method's argument `i` as a set (none: an empty one).
#[inline(never)]
pub(super) fn set_arg(interp: &Interp, a: &[Value], i: usize) -> PyResult {
    match a.get(i) {
        Some(set @ Value::Set(_)) => Ok(set.clone()), // itself: its table's layout counts
        arg => make_set(interp.iterate(arg.unwrap_or(&Value::tuple(vec![])))?),
    }
}

pub(super) fn number_method(
    _interp: &Interp,
    name: &'static str,
    args: Vec<Value>,
    _kw: Vec<(Name, Value)>,
) -> PyResult {
    match (name, &args[0]) {
        ("is_integer", Value::Float(f)) => Ok(Value::Bool(f.fract() == 0.0)),
        ("conjugate", v @ (Value::Int(_) | Value::Float(_))) => Ok(v.clone()),
        ("bit_length", Value::Int(i)) => Ok(Value::Int(64 - i.unsigned_abs().leading_zeros() as i64)),
        ("bit_count", Value::Int(i)) => Ok(Value::Int(i.unsigned_abs().count_ones().into())),
        ("as_integer_ratio", Value::Int(i)) => Ok(Value::tuple(vec![Value::Int(*i), Value::Int(1)])),
        ("as_integer_ratio", Value::Float(f)) => float_ratio(*f),
        _ => raise("AttributeError", format!("'{}' object has no attribute '{name}'", args[0].type_name())),
    }
}
