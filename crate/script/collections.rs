//! `collections`: `defaultdict` and `Counter`, dicts whose missing keys give a value (see
//! [`Missing`]), and `deque` (deque.rs).

use std::cell::RefCell;
use std::rc::Rc;

use super::ast::{BinOp, CmpOp, Name};
use super::builtins::{binop, builtin, compare, is_callable, kwarg};
use super::interp::Interp;
use super::value::*;

/// The module's attributes.
pub fn module_attrs() -> Vec<(&'static str, Value)> {
    let mut v = Vec::new();
    for name in ["defaultdict", "Counter", "OrderedDict"] {
        v.push((name, Value::Class(other_class(name))));
    }
    v.push(("deque", Value::Class(super::deque::class())));
    v.push(("namedtuple", super::builtins::checked("collections", "namedtuple", super::namedtuple::namedtuple, false)));
    v
}

/// `Counter(…)`, `defaultdict(…)`, `OrderedDict(…)`: a dict with their way with a missing key.
pub fn construct(interp: &Interp, name: &str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    match name {
        "defaultdict" => {
            let factory = args.first().cloned().unwrap_or(Value::None);
            if !matches!(factory, Value::None) && !is_callable(&factory) {
                return raise("TypeError", "first argument must be callable or None");
            }
            let d = Value::Dict(Rc::new(RefCell::new(Dict::default())));
            if args.len() > 1 || !kw.is_empty() {
                let rest = args.get(1..).unwrap_or_default().to_vec(); // `defaultdict(x=1)`: none
                super::builtins::dict_method(interp, "update", [vec![d.clone()], rest].concat(), kw)?;
            }
            if let Value::Dict(inner) = &d {
                inner.borrow_mut().missing = Missing::Factory(factory);
            }
            Ok(d)
        }
        "OrderedDict" => {
            let d = super::builtins::construct(interp, &with_types(|t| Rc::clone(&t.dict)), args, kw)?;
            if let Value::Dict(inner) = &d {
                inner.borrow_mut().missing = Missing::Ordered;
            }
            Ok(d)
        }
        _ => {
            let d = Rc::new(RefCell::new(Dict::default()));
            d.borrow_mut().missing = Missing::Zero;
            if args.len() > 1 {
                return raise("TypeError", format!("expected at most 1 argument, got {}", args.len()));
            }
            count(interp, &d, args.first(), &kw, false)?;
            Ok(Value::Dict(d))
        }
    }
}

/// `d[key]` for a key `d` lacks: a `defaultdict`'s factory's value (stored), a `Counter`'s 0,
/// a plain dict's `KeyError`.
pub fn missing(interp: &Interp, d: &Rc<RefCell<Dict>>, key: Key, k: &Value) -> PyResult {
    let how = d.borrow().missing.clone();
    match how {
        Missing::Zero => Ok(Value::Int(0)),
        Missing::Factory(f) if !matches!(f, Value::None) => {
            let v = interp.call_sync(f, vec![])?;
            d.borrow_mut().insert(key, k.clone(), v.clone());
            Ok(v)
        }
        _ => Err(new_exception(exc_class("KeyError"), vec![k.clone()])),
    }
}

/// An `OrderedDict`'s own methods (its other methods are a dict's).
pub const ORDERED_METHODS: &[&str] = &["move_to_end", "popitem"];

/// The `OrderedDict` methods of [`ORDERED_METHODS`]: `move_to_end(key, last=True)` and
/// `popitem(last=True)`.
pub fn ordered_method(_: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Dict(d)) = args.first() else { return raise("TypeError", "descriptor needs an OrderedDict") };
    let key_arg = usize::from(name == "move_to_end");
    let last = args.get(1 + key_arg).cloned().or_else(|| kwarg(&kw, "last")).is_none_or(|l| l.truthy());
    if name == "popitem" {
        let popped = if last { d.borrow_mut().pop_last() } else { d.borrow_mut().pop_first() };
        return match popped {
            Some((k, v)) => Ok(Value::tuple(vec![k, v])),
            None => raise("KeyError", "dictionary is empty"),
        };
    }
    let Some(k) = args.get(1) else {
        return raise("TypeError", "move_to_end() missing required argument 'key' (pos 1)");
    };
    if !d.borrow_mut().move_to_end(&k.key()?, last) {
        return Err(new_exception(exc_class("KeyError"), vec![k.clone()]));
    }
    Ok(Value::None)
}

/// A `Counter`'s own methods, `self` first (its other methods are a dict's).
pub const COUNTER_METHODS: &[&str] = &["most_common", "elements", "total", "update", "subtract"];

/// The `Counter` methods of [`COUNTER_METHODS`].
pub fn counter_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Dict(d)) = args.first() else { return raise("TypeError", "descriptor needs a Counter") };
    match name {
        "most_common" => {
            let n = match args.get(1).filter(|v| !matches!(v, Value::None)) {
                // CPython's `heapq.nlargest` reads it.
                Some(n) => Some(crate::heapq::count(n, Some(d.borrow().len()))?),
                None => None,
            };
            let by_count = d.borrow().by_count();
            let mut items: Vec<Value> = match by_count {
                Some(entries) => entries.into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect(),
                None => {
                    // Counts that are no numbers: sorted by Python's comparisons, as CPython's
                    // `sorted(items, key=itemgetter(1), reverse=True)` (a TypeError if they do not compare).
                    let mut items: Vec<Value> =
                        d.borrow().entries().into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect();
                    let kw = [
                        (crate::ast::intern("key"), builtin("itemgetter", count_of)),
                        (crate::ast::intern("reverse"), Value::Bool(true)),
                    ];
                    crate::builtins::sort(interp, &mut items, &kw)?;
                    items
                }
            };
            if let Some(n) = n {
                items.truncate(n.max(0).try_into().unwrap_or(usize::MAX));
            }
            Ok(Value::list(items))
        }
        "elements" => {
            let mut out = Vec::new();
            for (k, v) in d.borrow().entries() {
                let n = v.as_int().ok_or_else(|| exc("TypeError", "elements() needs int counts"))?;
                interp.alloc(n.max(0).try_into().unwrap_or(usize::MAX))?;
                out.extend((0..n).map(|_| k.clone()));
            }
            // CPython's is a `chain` of repeats.
            Ok(Value::Iter(Rc::new(RefCell::new(Iter::new(out).named("chain")))))
        }
        "total" => {
            let mut sum = Value::Int(0);
            let entries = d.borrow().entries();
            for (_, v) in entries {
                sum = binop(interp, BinOp::Add, &sum, &v)?;
            }
            Ok(sum)
        }
        _ => {
            count(interp, d, args.get(1), &kw, name == "subtract")?;
            Ok(Value::None)
        }
    }
}

/// A (key, count) pair's count: `most_common`'s sort key.
fn count_of(_: &Interp, _: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    match args.first() {
        Some(Value::Tuple(t)) if t.len() == 2 => Ok(t[1].clone()),
        _ => Ok(Value::None),
    }
}

/// Adds each element of an iterable (or each count of a mapping, and of `kw`) to the counts
/// of `d`, or takes it away (`subtract`): a `Counter`'s construction, `update` and `subtract`,
/// as CPython's: an iterable's elements counted as they come (those before one that fails
/// stay counted), a mapping's counts added as `count + old` (taken as `old - count`).
fn count(
    interp: &Interp,
    d: &Rc<RefCell<Dict>>,
    from: Option<&Value>,
    kw: &[(Name, Value)],
    subtract: bool,
) -> PyResult<()> {
    let op = if subtract { BinOp::Sub } else { BinOp::Add };
    let add = |k: Value, n: Value, mapping: bool, copied: bool| -> PyResult<()> {
        let key = k.key()?;
        let new = match copied {
            true => n,
            false => {
                let old = d.borrow().get(&key).unwrap_or(Value::Int(0));
                let (x, y) = if mapping && !subtract { (&n, &old) } else { (&old, &n) };
                binop(interp, op, x, y)?
            }
        };
        d.borrow_mut().insert(key, k, new);
        Ok(())
    };
    // An empty Counter takes a mapping as a dict would, counts of any kind (`Counter({"a": "x"})`).
    let copies = || !subtract && d.borrow().is_empty();
    match from {
        None => {}
        Some(Value::Dict(o)) => {
            let (entries, copied) = (o.borrow().entries(), copies());
            for (k, n) in entries {
                add(k, n, true, copied)?;
            }
        }
        Some(v) => interp.each(v, &mut |x| add(x, Value::Int(1), false, false).map(|()| true))?,
    }
    // Then the keywords' (`Counter(a=2)`), as CPython's update takes them.
    let copied = copies();
    for (k, v) in kw {
        add(Value::Str(text(*k)), v.clone(), true, copied)?;
    }
    Ok(())
}

/// Whether `d` is a `Counter`.
pub fn is_counter(d: &Rc<RefCell<Dict>>) -> bool {
    matches!(d.borrow().missing, Missing::Zero)
}

/// A new, empty `Counter`.
pub fn counter() -> Rc<RefCell<Dict>> {
    let mut d = Dict::default();
    d.missing = Missing::Zero;
    Rc::new(RefCell::new(d))
}

/// `a op b` for two `Counter`s (`+`, `-`, `|`, `&`), as CPython's: counts added, subtracted,
/// the larger or the smaller, and only those above zero kept, `a`'s keys first. `None` for
/// another operator.
pub fn counter_op(interp: &Interp, op: BinOp, a: &Rc<RefCell<Dict>>, b: &Rc<RefCell<Dict>>) -> Option<PyResult> {
    if !matches!(op, BinOp::Add | BinOp::Sub | BinOp::BitOr | BinOp::BitAnd) {
        return None;
    }
    Some((|| {
        let (a, b) = (a.borrow().clone(), b.borrow().clone());
        let mut out = Dict::default();
        out.missing = Missing::Zero;
        let zero = Value::Int(0);
        let mut keep = |k: Value, x: &Value, y: &Value| -> PyResult<()> {
            let n = match op {
                BinOp::Add | BinOp::Sub => binop(interp, op, x, y)?,
                BinOp::BitOr if compare(interp, CmpOp::Lt, x, y)? => y.clone(),
                BinOp::BitAnd if compare(interp, CmpOp::Lt, y, x)? => y.clone(),
                _ => x.clone(),
            };
            if compare(interp, CmpOp::Gt, &n, &zero)? {
                out.insert(k.key()?, k, n);
            }
            Ok(())
        };
        for (k, x) in a.entries() {
            let y = b.get(&k.key()?).unwrap_or(Value::Int(0));
            keep(k, &x, &y)?;
        }
        // `b`'s other keys, against a count of 0 (`&` keeps only keys both have).
        for (k, y) in b.entries() {
            if op != BinOp::BitAnd && a.get(&k.key()?).is_none() {
                keep(k, &zero, &y)?;
            }
        }
        Ok(Value::Dict(Rc::new(RefCell::new(out))))
    })())
}
