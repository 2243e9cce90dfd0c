//! Items: `obj[i]`, slices, `obj[i] = v` and `del obj[i]` on lists, tuples, strs, ranges and dicts.

use super::*;

pub(super) fn index_of(i: i64, len: usize, what: &str) -> PyResult<usize> {
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error(what));
    }
    Ok(j as usize)
}

/// `index_of`'s error, out of line: inlined, it took 724 B in its seven callers.
#[inline(never)]
pub(super) fn index_error(what: &str) -> Exc {
    exc("IndexError", format!("{what} index out of range"))
}

/// A start or end argument (`str.find`, `list.index`) as a slice takes it over `n` items: a
/// negative one counts from the end (down to 0), one past the end is left for the caller; absent
/// (or `None`, where `none_ok`: strs take it, lists do not) it is `default`.
pub(super) fn bound_arg(v: Option<&Value>, default: i64, n: i64, none_ok: bool) -> PyResult<i64> {
    let i = match v {
        None => return Ok(default),
        Some(Value::None) if none_ok => return Ok(default),
        // A script's object with `__index__` (`lst[Idx():]`).
        Some(v @ Value::Instance(_)) => super::index_of_object(v)?,
        Some(v) => v.as_int(),
    };
    match i {
        Some(i) if i < 0 => Ok(i.saturating_add(n).max(0)),
        Some(i) => Ok(i),
        None if none_ok => raise("TypeError", "slice indices must be integers or None or have an __index__ method"),
        None => raise("TypeError", "slice indices must be integers or have an __index__ method"),
    }
}

/// The indexes a slice picks from a sequence of `len` items.
pub(super) fn slice_indexes(s: &[Value; 3], len: usize) -> PyResult<Vec<usize>> {
    let (start, stop, step) = slice_bounds(s, len as i64)?;
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        let Some(next) = i.checked_add(step) else { break }; // a step past the ints ends it
        i = next;
    }
    Ok(out)
}

/// `slice.indices(n)`: the start, stop and step a slice takes on a sequence of `n` items.
pub(super) fn slice_bounds(s: &[Value; 3], n: i64) -> PyResult<(i64, i64, i64)> {
    let index = |v: &Value| v.as_int().map_or_else(|| bound_arg(Some(v), 0, n, true), Ok);
    let step = match &s[2] {
        Value::None => 1,
        v => index(v)?,
    };
    if step == 0 {
        return raise("ValueError", "slice step cannot be zero");
    }
    let clamp = |v: &Value, default: i64| -> PyResult<i64> {
        Ok(match v {
            Value::None => default,
            v => {
                let i = index(v)?;
                let i = if i < 0 { i.saturating_add(n) } else { i };
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
    Ok((start, stop, step))
}

/// `range(…)[a:b:c]`: a range again, as CPython gives (`range(10)[::-1]` is `range(9, -1, -1)`).
fn range_slice(r: &[i64; 3], s: &[Value; 3]) -> PyResult {
    let (start, stop, step) = slice_bounds(s, range_len(r))?;
    let at = |i: i64| i64::try_from(i128::from(r[0]) + i128::from(i) * i128::from(r[2]));
    match (at(start), at(stop), r[2].checked_mul(step)) {
        (Ok(a), Ok(b), Some(c)) => Ok(Value::Range(Rc::new([a, b, c]))),
        _ => Err(overflow()),
    }
}

/// `obj[index]`.
pub fn get_item(interp: &Interp, obj: &Value, index: &Value) -> PyResult {
    match (obj, index) {
        // A sequence indexed by a script's object with `__index__`.
        (Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(_) | Value::Bytes(_), Value::Instance(_))
            if script_method(index, "__index__").is_some() =>
        {
            let at = index_of_object(index)?.map_or(Value::None, Value::Int);
            get_item(interp, obj, &at)
        }
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
        (Value::Bytes(b), Value::Slice(s)) => {
            Ok(Value::Bytes(slice_indexes(s, b.len())?.into_iter().map(|i| b[i]).collect()))
        }
        (Value::Bytes(b), i) if i.as_int().is_some() => match index_of(i.as_int().unwrap_or(0), b.len(), "") {
            Ok(at) => Ok(Value::Int(b[at].into())),
            Err(_) => raise("IndexError", "index out of range"),
        },
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
        (Value::Range(r), Value::Slice(s)) => range_slice(r, s),
        (Value::Range(r), i) if i.as_int().is_some() => {
            // In i64 throughout: a range may be longer than the page's 32-bit usize.
            let (n, i) = (range_len(r), i.as_int().unwrap_or(0));
            let at = if i < 0 { i.saturating_add(n) } else { i };
            if at < 0 || at >= n {
                return raise("IndexError", "range object index out of range");
            }
            // Within the range, so it fits in an i64; the product on the way may not.
            Ok(Value::Int((i128::from(r[0]) + i128::from(at) * i128::from(r[2])) as i64))
        }
        (Value::Dict(d), k) => {
            let key = k.key()?;
            let found = d.borrow().get(&key);
            match found {
                Some(v) => Ok(v),
                None => crate::collections::missing(interp, d, key, k),
            }
        }
        (Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(_) | Value::Bytes(_), i) => {
            let what = match obj {
                Value::List(_) => "list",
                Value::Tuple(_) => "tuple",
                Value::Range(_) => "range",
                Value::Bytes(_) => "byte",
                _ => return raise("TypeError", format!("string indices must be integers, not '{}'", i.type_name())),
            };
            raise("TypeError", format!("{what} indices must be integers or slices, not {}", i.type_name()))
        }
        // `Union[int, str]`, `Optional[int]`: the union of their types, which `isinstance`
        // takes (printed as `int | str`, where CPython's `typing` writes `typing.Union[…]`).
        (Value::Class(c), k) if c.kind == Kind::Other && matches!(&*c.name, "Union" | "Optional") => {
            let mut types = match k {
                Value::Tuple(t) => t.to_vec(),
                k => vec![k.clone()],
            };
            if &*c.name == "Optional" {
                types.push(Value::None);
            }
            let Some((first, rest)) = types.split_first() else {
                return raise("TypeError", "Cannot take a Union of no types.");
            };
            let mut union = first.clone();
            for t in rest {
                union = crate::hints::union(&union, t).unwrap_or(union);
            }
            Ok(union)
        }
        // `list[int]`: an alias of a built-in class; `Color["RED"]`: an enum's member; a script's
        // class and `typing`'s names (`Callable[[dict], None]`) give themselves back.
        (Value::Class(c), k) => match crate::hints::alias(c, k) {
            Some(alias) => Ok(alias),
            None => crate::enums::by_name(c, k).unwrap_or_else(|| Ok(obj.clone())),
        },
        _ => match crate::contextvars::context_vars(obj) {
            Some(vars) => crate::contextvars::item(vars, index, false),
            None => Err(type_error("'", obj, "' object is not subscriptable")),
        },
    }
}

/// `obj[index] = value`.
pub fn set_item(_interp: &Interp, obj: &Value, index: &Value, value: Value) -> PyResult<()> {
    match (obj, index) {
        (Value::List(l), Value::Slice(s)) => {
            let step_one = matches!(s[2], Value::None) || s[2].as_int() == Some(1);
            let new = iterate(&value).map_err(|e| match &value {
                // A value that is no iterable, in CPython's words.
                Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None => match step_one {
                    true => exc("TypeError", "can only assign an iterable"),
                    false => exc("TypeError", "must assign iterable to extended slice"),
                },
                _ => e,
            })?;
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
                // What the slice held goes last first, as CPython frees it (`trash` takes the
                // last it was given first), once the list is no longer borrowed.
                let removed: Vec<Value> = l.splice(start..end, new).collect();
                drop(l);
                crate::value::trash(removed.into_iter().map(crate::value::Trash::Value));
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
        _ => Err(type_error("'", obj, "' object does not support item assignment")),
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
        (Value::Dict(d), k) => {
            let key = k.key()?;
            let removed = d.borrow_mut().remove(&key);
            // A `Counter` forgets a count it does not have without a word.
            match removed.is_some() || d.borrow().is_counter() {
                true => Ok(()),
                false => Err(key_error(k)),
            }
        }
        _ => Err(type_error("'", obj, "' object doesn't support item deletion")),
    }
}
