//! The operators on built-in values: arithmetic, bitwise and sequence `binop`, `unary`, and the comparisons.

use super::*;

#[cold]
#[inline(never)]
pub(super) fn operand_error(op: BinOp, a: &Value, b: &Value) -> Exc {
    let seq = |v: &Value| matches!(v, Value::Str(_) | Value::List(_) | Value::Tuple(_));
    // CPython's own words for the two mistakes learners make most: `"age: " + 25`, `"-" * 2.5`.
    let text = match op {
        BinOp::Add if seq(a) => {
            let t = a.type_name();
            format!("can only concatenate {t} (not \"{}\") to {t}", b.type_name())
        }
        BinOp::Mul if seq(a) || seq(b) => {
            let other = if seq(a) { b } else { a };
            format!("can't multiply sequence by non-int of type '{}'", other.type_name())
        }
        _ => format!("unsupported operand type(s) for {}: '{}' and '{}'", op_text(op), a.type_name(), b.type_name()),
    };
    exc("TypeError", text)
}

/// `e` raised by `a op b` for `a op= b`: an unsupported operand names `op=`, as CPython's does.
#[cold]
#[inline(never)]
pub fn inplace_error(op: BinOp, e: Exc) -> Exc {
    let Value::Instance(i) = &e else { return e };
    // Only the operand error `binop` itself raised: one from a script's `__add__` has frames.
    let message = match exception_args(i).first() {
        Some(Value::Str(m)) if i.class.name.as_ref() == "TypeError" && i.traceback.borrow().is_empty() => m.to_string(),
        _ => return e,
    };
    match message.strip_prefix("unsupported operand type(s) for ").and_then(|m| m.split_once(": ")) {
        Some((_, types)) => {
            let symbol = op_text(op).trim_end_matches(" or pow()");
            exc("TypeError", format!("unsupported operand type(s) for {symbol}=: {types}"))
        }
        None => e,
    }
}

pub(super) fn op_text(op: BinOp) -> &'static str {
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

/// Whether `v` is a dict's keys or items, which are sets to the set operators and comparisons.
fn set_view(v: &Value) -> bool {
    matches!(v, Value::View(w) if w.kind != crate::value::ViewKind::Values)
}

/// `a op b` on built-in values.
pub fn binop(interp: &Interp, op: BinOp, a: &Value, b: &Value) -> PyResult {
    use Value::*;
    // A dict's keys or items are a set to `&`, `|`, `-` and `^`, with any iterable beside them.
    if matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::Sub | BinOp::BitXor) && (set_view(a) || set_view(b)) {
        let as_set = |v: &Value| match v {
            Set(_) => Ok(v.clone()),
            v => make_set(iterate(v)?),
        };
        return binop(interp, op, &as_set(a)?, &as_set(b)?);
    }
    // A sequence repeated by a script's object with `__index__` (`"ab" * n`).
    if op == BinOp::Mul {
        let seq = |v: &Value| matches!(v, Str(_) | List(_) | Tuple(_) | Bytes(_));
        let count = |v: &Value| matches!(v, Instance(_)) && script_method(v, "__index__").is_some();
        if seq(a) && count(b) {
            return binop(interp, op, a, &index_of_object(b)?.map_or(Value::None, Int));
        }
        if count(a) && seq(b) {
            return binop(interp, op, &index_of_object(a)?.map_or(Value::None, Int), b);
        }
    }
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
            float_op(op, x, y).unwrap_or_else(|| Err(operand_error(op, a, b)))
        }
        (Str(x), Str(y)) if op == BinOp::Add => {
            interp.alloc((x.len() + y.len()) / 16)?;
            let mut s = String::with_capacity(x.len() + y.len());
            s.push_str(x);
            s.push_str(y);
            Ok(Str(s.into()))
        }
        (Str(s), n @ (Int(_) | Bool(_))) | (n @ (Int(_) | Bool(_)), Str(s)) if op == BinOp::Mul => {
            let n = repeats(n);
            interp.alloc(s.len().saturating_mul(n) / 16)?;
            Ok(Str(s.repeat(n).into()))
        }
        (Str(fmt), args) if op == BinOp::Mod => percent(interp, fmt, args),
        (Bytes(_), _) if op == BinOp::Mod => crate::interp::unsupported("bytes % formatting"),
        (Bytes(x), Bytes(y)) if op == BinOp::Add => {
            interp.alloc((x.len() + y.len()) / 16)?;
            Ok(Bytes([&x[..], &y[..]].concat().into()))
        }
        (Bytes(_), y) if op == BinOp::Add => Err(type_error("can't concat ", y, " to bytes")),
        (Bytes(_), y @ Float(_)) | (y @ Float(_), Bytes(_)) if op == BinOp::Mul => {
            Err(type_error("can't multiply sequence by non-int of type '", y, "'"))
        }
        (Bytes(s), n @ (Int(_) | Bool(_))) | (n @ (Int(_) | Bool(_)), Bytes(s)) if op == BinOp::Mul => {
            let n = repeats(n);
            interp.alloc(s.len().saturating_mul(n) / 16)?;
            Ok(Bytes(s.repeat(n).into()))
        }
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
            let n = if items.is_empty() { 0 } else { repeats(n) };
            interp.alloc(items.len().saturating_mul(n))?;
            let mut out = Vec::with_capacity(items.len() * n);
            for _ in 0..n {
                out.extend_from_slice(&items);
            }
            Ok(if matches!(seq, List(_)) { Value::list(out) } else { Value::tuple(out) })
        }
        (Set(x), Set(y)) => {
            // By the keys as stored: none is made again (a script's `__hash__` would run).
            let (x, y) = (x.borrow(), y.borrow());
            // Which of x's keys stay (all, or those y has or lacks), and whether y's keys x lacks follow.
            let (keep, rest) = match op {
                BinOp::BitOr => (Option::None, true),
                BinOp::BitAnd => (Some(true), false),
                BinOp::Sub => (Some(false), false),
                BinOp::BitXor => (Some(false), true),
                _ => return Err(operand_error(op, a, b)),
            };
            let mut out = crate::value::Dict::default();
            // `&` keeps the elements of the set it walks, the smaller (`{0} & {False}` is
            // `{False}`), as CPython's.
            let (walked, other) = if op == BinOp::BitAnd && y.len() <= x.len() { (&y, &x) } else { (&x, &y) };
            for (key, k, _) in walked.keyed() {
                if keep.is_none_or(|want| other.has(&key) == want) {
                    out.insert(key, k, Value::None);
                }
            }
            if rest {
                for (key, k, _) in y.keyed() {
                    if !x.has(&key) {
                        out.insert(key, k, Value::None);
                    }
                }
            }
            out.lay_out_set_op(set_op(op), &x, &y, false, true);
            Ok(Value::Set(Rc::new(RefCell::new(out))))
        }
        // `Counter + Counter` and the others: counts added, subtracted, maxed or mined.
        (Dict(x), Dict(y)) if x.borrow().is_counter() && y.borrow().is_counter() => {
            crate::collections::counter_op(interp, op, x, y).unwrap_or_else(|| Err(operand_error(op, a, b)))
        }
        (Dict(x), Dict(y)) if op == BinOp::BitOr => {
            let mut d = x.borrow().clone();
            for (key, k, v) in y.borrow().keyed() {
                d.insert(key, k, v);
            }
            // A plain dict's `|` with a `defaultdict` or an `OrderedDict`: the subclass's
            // `__ror__` answers, so the result is of its kind.
            let theirs = y.borrow().missing.clone();
            if let (
                crate::value::Missing::KeyError,
                crate::value::Missing::Factory(_) | crate::value::Missing::Ordered,
            ) = (&d.missing, &theirs)
            {
                d.missing = theirs;
            }
            Ok(Value::dict(d))
        }
        // A type union, `int | None` (a hint, or `isinstance`'s second argument).
        (Class(_) | None | Instance(_), Class(_) | None | Instance(_))
            if op == BinOp::BitOr && !(matches!(a, None) && matches!(b, None)) =>
        {
            crate::hints::union(a, b).ok_or_else(|| operand_error(op, a, b))
        }
        _ => Err(operand_error(op, a, b)),
    }
}

pub(super) fn int_op(op: BinOp, x: i64, y: i64) -> PyResult {
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
            return Ok(Value::Float(int_true_div(x, y)));
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
            if y < 0 && x == 0 {
                return raise("ZeroDivisionError", "0.0 cannot be raised to a negative power");
            }
            if y < 0 {
                return Ok(Value::Float((x as f64).powf(y as f64)));
            }
            match x {
                0 | 1 => Some(if y == 0 { 1 } else { x }), // any power of 0 or 1 fits
                -1 => Some(if y % 2 == 0 { 1 } else { -1 }),
                _ => u32::try_from(y).ok().and_then(|e| x.checked_pow(e)),
            }
        }
        BinOp::LShift => {
            if y < 0 {
                return raise("ValueError", "negative shift count");
            }
            if x == 0 {
                return Ok(Value::Int(0));
            }
            u32::try_from(y).ok().filter(|&s| s < 64).and_then(|s| i64::try_from(i128::from(x) << s).ok())
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

pub(super) fn float_op(op: BinOp, x: f64, y: f64) -> Option<PyResult> {
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
            if r.is_nan() && x < 0.0 && y.is_finite() && !x.is_nan() {
                // CPython gives a complex number here: `(-8) ** (1/3)`.
                return Some(crate::interp::unsupported("complex numbers (a negative number to a fractional power)"));
            }
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
        CmpOp::Eq => equal(interp, a, b)?,
        CmpOp::NotEq => !equal(interp, a, b)?,
        CmpOp::Is => a.is(b),
        CmpOp::IsNot => !a.is(b),
        CmpOp::In | CmpOp::NotIn => {
            let found = contains(interp, b, a)?;
            found == (op == CmpOp::In)
        }
        // Two `Counter`s order as multisets (`c <= d`: each count of `c` at most `d`'s).
        _ if is_counter(a) && is_counter(b) => {
            let (Value::Dict(x), Value::Dict(y)) = (a, b) else { return Ok(false) };
            let (p, q) = if matches!(op, CmpOp::Lt | CmpOp::LtE) { (x, y) } else { (y, x) };
            let count = |d: &Dict, key: &Key| d.get(key).unwrap_or(Value::Int(0));
            let (p, q) = (p.borrow().clone(), q.borrow().clone());
            let mut within = true;
            for (key, _, _) in p.keyed().into_iter().chain(q.keyed()) {
                within &= interp.compare(CmpOp::LtE, &count(&p, &key), &count(&q, &key))?;
            }
            within && (matches!(op, CmpOp::LtE | CmpOp::GtE) || !equal(interp, a, b)?)
        }
        // A dict's keys and items order as sets, against a set or another view (`d.keys() <= s`).
        _ if (set_view(a) || set_view(b)) && [a, b].iter().all(|v| set_view(v) || matches!(v, Value::Set(_))) => {
            let as_set = |v: &Value| if let Value::View(w) = v { make_set(w.items()) } else { Ok(v.clone()) };
            return compare(interp, op, &as_set(a)?, &as_set(b)?);
        }
        _ if matches!((a, b), (Value::List(_), Value::List(_)) | (Value::Tuple(_), Value::Tuple(_))) => {
            // As CPython: the first items that differ decide, by `op` itself (a script's
            // `__lt__`, and its error names their types); else the lengths do.
            let (x, y) = (iterate(a)?, iterate(b)?);
            let differ = interp.deeper(|| {
                for (p, q) in x.iter().zip(&y) {
                    if !p.is(q) && !interp.compare(CmpOp::Eq, p, q)? {
                        return interp.compare(op, p, q).map(Some);
                    }
                }
                Ok(None)
            })?;
            if let Some(result) = differ {
                return Ok(result);
            }
            let (m, n) = (x.len(), y.len());
            match op {
                CmpOp::Lt => m < n,
                CmpOp::LtE => m <= n,
                CmpOp::Gt => m > n,
                _ => m >= n,
            }
        }
        _ => {
            let ord = order(a, b).ok_or_else(|| {
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

/// `a == b` for built-in values. A list's or a tuple's items, and a dict's values, are compared
/// as CPython compares them, by identity first and then by `==`, which asks a script's `__eq__`.
fn equal(interp: &Interp, a: &Value, b: &Value) -> PyResult<bool> {
    use Value::*;
    let pairs = match (a, b) {
        (List(x), List(y)) if !Rc::ptr_eq(x, y) => {
            // Copies: an `__eq__` may change either list while they are compared.
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            (x.len() == y.len()).then(|| x.into_iter().zip(y).collect())
        }
        (Tuple(x), Tuple(y)) => (x.len() == y.len()).then(|| x.iter().cloned().zip(y.iter().cloned()).collect()),
        // Two `Counter`s compare with a missing count as 0 (`Value::equals`).
        _ if is_counter(a) && is_counter(b) => return Ok(a.equals(b)),
        (Dict(x), Dict(y)) if !Rc::ptr_eq(x, y) => {
            let (x, y) = (x.borrow(), y.borrow());
            if x.len() != y.len() || x.order_differs(&y) {
                return Ok(false);
            }
            let mut pairs = Vec::with_capacity(x.len());
            for (key, _, v) in x.keyed() {
                match y.get(&key) {
                    Some(w) => pairs.push((v, w)),
                    Option::None => return Ok(false),
                }
            }
            Some(pairs)
        }
        _ => return Ok(a.equals(b)),
    };
    let Some(pairs): Option<Vec<(Value, Value)>> = pairs else { return Ok(false) };
    interp.deeper(|| {
        for (p, q) in &pairs {
            if !p.is(q) && !interp.compare(CmpOp::Eq, p, q)? {
                return Ok(false);
            }
        }
        Ok(true)
    })
}

/// How two built-in values order: `None` if they cannot be ordered; `Some(None)` for a NaN.
pub(crate) fn order(a: &Value, b: &Value) -> Option<Option<Ordering>> {
    use Value::*;
    Some(match (a, b) {
        (Int(_) | Bool(_) | Float(_), Int(_) | Bool(_) | Float(_)) => crate::value::num_cmp(a, b),
        (Str(x), Str(y)) => x.partial_cmp(y),
        (Bytes(x), Bytes(y)) => x.partial_cmp(y),
        (Set(x), Set(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            let sub = |p: &crate::value::Dict, q: &crate::value::Dict| p.keyed().iter().all(|(key, _, _)| q.has(key));
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

pub(super) fn contains(interp: &Interp, container: &Value, item: &Value) -> PyResult<bool> {
    if let Some(vars) = crate::contextvars::context_vars(container) {
        return Ok(crate::contextvars::item(vars, item, true)?.truthy());
    }
    Ok(match container {
        // `"new" in Status`: CPython 3.11's enum takes only members, with a warning of 3.12.
        Value::Class(c) if crate::enums::members(c).is_some() => {
            if let Value::Instance(i) = item {
                if crate::enums::is_any_member(i) {
                    let members = crate::enums::members(c).unwrap_or_default();
                    return Ok(i.class.is_subclass(c) && members.iter().any(|m| m.is(item)));
                }
            }
            let line = crate::aio::LINE.with(std::cell::Cell::get);
            interp.host.out.warn(
                "DeprecationWarning: in 3.12 __contains__ will no longer raise TypeError, but will return True or\nFalse depending on whether the value is a member or the value of a member",
                line,
            );
            let t = match item {
                Value::Instance(i) => Rc::clone(&i.class.name),
                v => v.type_name(),
            };
            return raise("TypeError", format!("unsupported operand type(s) for 'in': '{t}' and 'EnumType'"));
        }
        Value::Str(s) => match item {
            Value::Str(sub) => s.contains(&**sub),
            v => return Err(type_error("'in <string>' requires string as left operand, not ", v, "")),
        },
        Value::Bytes(b) => match item {
            Value::Bytes(sub) => sub.is_empty() || b.windows(sub.len()).any(|w| w == &sub[..]),
            Value::Int(n) if (0..256).contains(n) => b.contains(&(*n as u8)),
            Value::Int(_) => return raise("ValueError", "byte must be in range(0, 256)"),
            v => return Err(type_error("a bytes-like object is required, not '", v, "'")),
        },
        Value::Dict(d) | Value::Set(d) => {
            let key = item.key()?; // first: a script's `__hash__` may change the dict
            d.borrow().get(&key).is_some()
        }
        Value::View(v) if v.kind == ViewKind::Keys => {
            let key = item.key()?;
            v.dict.borrow().get(&key).is_some()
        }
        // A float equal to an int is in the range as that int (CPython compares each item).
        Value::Range(r) => match item.as_int().or_else(|| match item {
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Some(*f as i64),
            _ => None,
        }) {
            Some(i) => {
                let [start, stop, step] = **r;
                let inside = if step > 0 { start <= i && i < stop } else { stop < i && i <= start };
                inside && (i128::from(i) - i128::from(start)) % i128::from(step) == 0
            }
            None => false,
        },
        Value::Int(_)
        | Value::Float(_)
        | Value::Bool(_)
        | Value::None
        | Value::Func(_)
        | Value::Builtin(_)
        | Value::Method(_)
        | Value::Native(_)
        | Value::Coro(_)
        | Value::Module(_)
        | Value::Slice(_) => {
            return Err(type_error("argument of type '", container, "' is not iterable"));
        }
        // An iterator's items are taken one at a time, up to the first equal one, as CPython's
        // `in` takes them: the rest stay in it.
        Value::Iter(it) => loop {
            interp.builtin_step()?;
            let next = it.borrow_mut().next_item()?;
            match next {
                Some(v) if interp.is_or_equals(&v, item)? => return Ok(true),
                Some(_) => {}
                None => return Ok(false),
            }
        },
        Value::Gen(g) if !g.is_async => loop {
            interp.builtin_step()?;
            match g.resume_now(interp)? {
                Some(v) if interp.is_or_equals(&v, item)? => return Ok(true),
                Some(_) => {}
                None => return Ok(false),
            }
        },
        other => {
            for v in iterate(other)? {
                if interp.is_or_equals(&v, item)? {
                    return Ok(true);
                }
            }
            false
        }
    })
}

/// A repeat count (`s * n`): below 0, none; past the page's 32-bit usize, too many for memory
/// (the allocation check then raises MemoryError), never cut down to what fits.
fn repeats(n: &Value) -> usize {
    usize::try_from(n.as_int().unwrap_or(0).max(0)).unwrap_or(usize::MAX)
}

/// Whether `v` is a `Counter` (a dict whose missing keys count 0).
fn is_counter(v: &Value) -> bool {
    matches!(v, Value::Dict(d) if d.try_borrow().is_ok_and(|d| d.is_counter()))
}

/// `x / y` for ints, rounded once from the exact quotient as CPython's is: an int past 2**53
/// turned into a float first would round twice (`3**38 / 10`).
fn int_true_div(x: i64, y: i64) -> f64 {
    const EXACT: u64 = 1 << 53;
    if x == 0 || (x.unsigned_abs() <= EXACT && y.unsigned_abs() <= EXACT) {
        return x as f64 / y as f64;
    }
    let (n, d) = (u128::from(x.unsigned_abs()), u128::from(y.unsigned_abs()));
    // The numerator shifted to bit 127: the quotient then has 64 bits or more, and a remainder
    // left over sets its lowest bit, far below a float's 53, so the one rounding is right.
    let shift = n.leading_zeros();
    let (q, r) = ((n << shift) / d, (n << shift) % d);
    let q = (q | u128::from(r != 0)) as f64 * (-f64::from(shift as i32)).exp2();
    if (x < 0) != (y < 0) {
        -q
    } else {
        q
    }
}

/// The set operator `op` is, as [`crate::value::Dict::lay_out_set_op`] names them.
pub fn set_op(op: BinOp) -> char {
    match op {
        BinOp::BitOr => '|',
        BinOp::BitAnd => '&',
        BinOp::Sub => '-',
        _ => '^',
    }
}
