//! `collections.deque`: an object of its own class (so it prints as `deque([…])`, and
//! `isinstance` and `type` know it) over a list of its items, with `maxlen` (a full deque
//! drops from the other end) and `rotate`. `len`, `in`, iteration, indexing and truth reach
//! it through its methods, as they reach any script's object.

use std::rc::Rc;

use super::ast::{intern, BinOp, CmpOp, Name};
use super::builtins::{builtin, iter_of, not_implemented};
use super::interp::{Gen, Interp};
use super::value::*;

const METHODS: &[&str] = &[
    "append",
    "appendleft",
    "pop",
    "popleft",
    "extend",
    "extendleft",
    "rotate",
    "clear",
    "copy",
    "count",
    "index",
    "remove",
    "reverse",
    "insert",
    "__len__",
    "__getitem__",
    "__setitem__",
    "__iter__",
    "__reversed__",
    "__contains__",
    "__repr__",
    "__eq__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__delitem__",
    "__add__",
    "__iadd__",
    "__mul__",
    "__rmul__",
    "__imul__",
];

/// The `deque` class.
pub fn class() -> Rc<Class> {
    let class = other_class("deque");
    if class.attrs.borrow().is_empty() {
        let mut attrs: Vec<(Name, Value)> = METHODS.iter().map(|&n| (intern(n), builtin(n, method))).collect();
        attrs.push((intern("__hash__"), Value::None)); // mutable: unhashable, as in CPython
        *class.attrs.borrow_mut() = attrs;
    }
    class
}

/// Whether `c` is the `deque` class (calling it makes one).
pub fn is_deque(c: &Class) -> bool {
    c.kind == Kind::Other && &*c.name == "deque"
}

/// `deque(iterable=(), maxlen=None)`.
pub fn new(interp: &Interp, args: &[Value], kw: &[(Name, Value)]) -> PyResult {
    if args.len() > 2 {
        return raise("TypeError", format!("deque() takes at most 2 arguments ({} given)", args.len()));
    }
    if let Some((k, _)) = kw.iter().find(|(k, _)| !matches!(&*text(*k), "iterable" | "maxlen")) {
        return raise("TypeError", format!("'{}' is an invalid keyword argument for deque()", text(*k)));
    }
    let maxlen = args.get(1).cloned().or_else(|| super::builtins::kwarg(kw, "maxlen")).unwrap_or(Value::None);
    let limit = match &maxlen {
        Value::None => None,
        v => match v.as_int() {
            Some(n) if n < 0 => return raise("ValueError", "maxlen must be non-negative"),
            Some(n) => Some(n as usize), // `maxlen=True` is 1, and prints so
            None => return raise("TypeError", "an integer is required"),
        },
    };
    let items = match args.first().cloned().or_else(|| super::builtins::kwarg(kw, "iterable")) {
        Some(v) => interp.iterate(&v)?,
        None => Vec::new(),
    };
    let d = Instance::new(class());
    d.set(intern("maxlen"), limit.map_or(Value::None, |n| Value::Int(n as i64)));
    let list = Value::list(Vec::new());
    d.set(intern("_items"), list.clone());
    if let Value::List(l) = &list {
        for x in items {
            push(&mut l.borrow_mut(), x, false, limit);
        }
    }
    Ok(Value::Instance(d))
}

/// Adds `x` at the back (or the front), dropping from the other end past `limit`.
fn push(items: &mut Vec<Value>, x: Value, front: bool, limit: Option<usize>) {
    if limit == Some(0) {
        return;
    }
    if front {
        items.insert(0, x);
    } else {
        items.push(x);
    }
    if limit.is_some_and(|n| items.len() > n) {
        if front {
            items.pop();
        } else {
            items.remove(0);
        }
    }
}

fn method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Instance(me)) = args.first() else { return method_of(interp, name, &args, kw) };
    let before = len_of(me);
    let r = method_of(interp, name, &args, kw);
    // What changed its length (even part way through an error), or a rotate of two items or
    // more, counts as a change to its iterators (CPython's `state`): one made before it raises
    // at its next item.
    if len_of(me) != before || (name == "rotate" && r.is_ok() && before > 1) {
        me.set(intern(STATE), Value::Int(state(me) + 1));
    }
    r
}

/// How many items the deque holds.
fn len_of(me: &Instance) -> usize {
    match me.get(intern("_items")) {
        Some(Value::List(l)) => l.borrow().len(),
        _ => 0,
    }
}

/// The attribute counting a deque's changes (not a name a script can write).
const STATE: &str = "<state>";

fn state(me: &Instance) -> i64 {
    me.get(intern(STATE)).and_then(|v| v.as_int()).unwrap_or(0)
}

/// An iterator over the deque itself, not a copy: it raises once the deque has changed.
fn live_iterator(interp: &Interp, me: &Rc<Instance>, items: Rc<List>) -> Value {
    let weak = interp.host.interp();
    let (me, at_start) = (Rc::clone(me), state(me));
    let run = async move {
        let interp = weak.upgrade().ok_or_else(|| exc("RuntimeError", "the run has ended"))?;
        let mut i = 0;
        loop {
            if state(&me) != at_start {
                return raise("RuntimeError", "deque mutated during iteration");
            }
            let Some(x) = items.borrow().get(i).cloned() else { break };
            i += 1;
            interp.yield_value(x).await?;
        }
        Ok(Value::None)
    };
    Value::Gen(Rc::new(Gen::of_builtin("_deque_iterator", Box::pin(run))))
}

fn method_of(interp: &Interp, name: &'static str, args: &[Value], _: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Instance(me)) = args.first() else { return raise("TypeError", "descriptor needs a deque") };
    let (Some(Value::List(l)), maxlen) = (me.get(intern("_items")), me.get(intern("maxlen"))) else {
        return raise("TypeError", "descriptor needs a deque");
    };
    let limit = maxlen.as_ref().and_then(Value::as_int).map(|n| n as usize);
    let a = &args[1..];
    let arg = |i: usize| a.get(i).cloned().ok_or_else(|| exc("TypeError", format!("{name}() missing an argument")));
    let index = |i: &Value, len: usize| -> PyResult<usize> {
        let i = i.as_int().ok_or_else(|| exc("TypeError", "sequence index must be integer, not 'slice'"))?;
        let at = if i < 0 { i + len as i64 } else { i };
        if at < 0 || at >= len as i64 {
            return raise("IndexError", "deque index out of range");
        }
        Ok(at as usize)
    };
    match name {
        "append" | "appendleft" => {
            interp.alloc(1)?;
            push(&mut l.borrow_mut(), arg(0)?, name == "appendleft", limit);
            Ok(Value::None)
        }
        // From a generator or an iterator, each item goes in as it comes (those before one that
        // fails stay), as CPython's.
        "extend" | "extendleft" if matches!(a.first(), Some(Value::Gen(_) | Value::Iter(_))) => {
            interp.each(&arg(0)?, &mut |x| {
                interp.alloc(1)?;
                push(&mut l.borrow_mut(), x, name == "extendleft", limit);
                Ok(true)
            })?;
            Ok(Value::None)
        }
        "extend" | "extendleft" => {
            let items = interp.iterate(&arg(0)?)?;
            interp.alloc(items.len())?;
            let mut l = l.borrow_mut();
            for x in items {
                push(&mut l, x, name == "extendleft", limit);
            }
            Ok(Value::None)
        }
        "pop" | "popleft" => {
            let mut l = l.borrow_mut();
            if l.is_empty() {
                return raise("IndexError", "pop from an empty deque");
            }
            Ok(if name == "pop" { l.pop().unwrap_or(Value::None) } else { l.remove(0) })
        }
        "rotate" => {
            let n =
                a.first().map_or(Some(1), Value::as_int).ok_or_else(|| exc("TypeError", "an integer is required"))?;
            let mut l = l.borrow_mut();
            if !l.is_empty() {
                let k = n.rem_euclid(l.len() as i64) as usize;
                l.rotate_right(k);
            }
            Ok(Value::None)
        }
        "clear" => {
            l.borrow_mut().clear();
            Ok(Value::None)
        }
        "reverse" => {
            l.borrow_mut().reverse();
            Ok(Value::None)
        }
        "copy" => new(interp, &[Value::List(Rc::clone(&l)), maxlen.unwrap_or(Value::None)], &[]),
        "count" | "index" | "remove" | "__contains__" => {
            let x = arg(0)?;
            let items = l.borrow().clone();
            // `index(x, start, stop)`: only that part is searched.
            let bound = |i: usize| -> PyResult<usize> {
                let Some(v) = a.get(i).filter(|_| name == "index") else {
                    return Ok(if i == 1 { 0 } else { items.len() });
                };
                let n = v.as_int().ok_or_else(|| exc("TypeError", "slice indices must be integers"))?;
                let len = items.len() as i64;
                Ok((if n < 0 { n + len } else { n }).clamp(0, len) as usize)
            };
            let (from, to) = (bound(1)?, bound(2)?);
            let mut found = Vec::new();
            for (i, y) in items.iter().enumerate().take(to).skip(from) {
                if interp.compare(CmpOp::Eq, y, &x)? {
                    found.push(i);
                }
            }
            match name {
                "count" => Ok(Value::Int(found.len() as i64)),
                "__contains__" => Ok(Value::Bool(!found.is_empty())),
                "index" => match found.first() {
                    Some(&i) => Ok(Value::Int(i as i64)),
                    None => raise("ValueError", format!("{} is not in deque", interp.repr(&x)?)),
                },
                _ => match found.first() {
                    Some(&i) => {
                        l.borrow_mut().remove(i);
                        Ok(Value::None)
                    }
                    None => raise("ValueError", format!("{} is not in deque", interp.repr(&x)?)),
                },
            }
        }
        "insert" => {
            let len = l.borrow().len();
            if limit.is_some_and(|n| len >= n) {
                return raise("IndexError", "deque already at its maximum size");
            }
            let i = arg(0)?.as_int().ok_or_else(|| exc("TypeError", "an integer is required"))?;
            let at = if i < 0 { (i + len as i64).max(0) } else { i.min(len as i64) };
            l.borrow_mut().insert(at as usize, arg(1)?);
            Ok(Value::None)
        }
        "__len__" => Ok(Value::Int(l.borrow().len() as i64)),
        "__getitem__" => {
            let i = index(&arg(0)?, l.borrow().len())?;
            Ok(l.borrow()[i].clone())
        }
        "__setitem__" => {
            let i = index(&arg(0)?, l.borrow().len())?;
            l.borrow_mut()[i] = arg(1)?;
            Ok(Value::None)
        }
        "__delitem__" => {
            let i = index(&arg(0)?, l.borrow().len())?;
            let gone = l.borrow_mut().remove(i);
            drop(gone); // once the items are no longer borrowed
            Ok(Value::None)
        }
        // Ordered as lists of their items are (`deque([1, 2]) < deque([1, 3])`).
        "__lt__" | "__le__" | "__gt__" | "__ge__" => {
            let other = match a.first() {
                Some(Value::Instance(o)) if is_deque(&o.class) => o.get(intern("_items")).unwrap_or(Value::None),
                _ => return Ok(not_implemented()),
            };
            let op = match name {
                "__lt__" => CmpOp::Lt,
                "__le__" => CmpOp::LtE,
                "__gt__" => CmpOp::Gt,
                _ => CmpOp::GtE,
            };
            let mine = Value::list(l.borrow().clone());
            Ok(Value::Bool(interp.compare(op, &mine, &Value::list(super::builtins::iterate(&other)?))?))
        }
        "__iter__" => Ok(live_iterator(interp, me, l)),
        "__reversed__" => Ok(iter_of(l.borrow().iter().rev().cloned().collect())),
        "__repr__" => {
            let items = interp.repr(&Value::List(Rc::clone(&l)))?;
            Ok(Value::string(match maxlen {
                Some(Value::None) | None => format!("deque({items})"),
                Some(n) => format!("deque({items}, maxlen={})", n.repr()),
            }))
        }
        "__add__" => match a.first() {
            Some(Value::Instance(o)) if is_deque(&o.class) => {
                let copy = new(interp, &[Value::List(Rc::clone(&l)), maxlen.unwrap_or(Value::None)], &[])?;
                method(interp, "extend", vec![copy.clone(), Value::Instance(Rc::clone(o))], vec![])?;
                Ok(copy)
            }
            Some(o) => raise("TypeError", format!("can only concatenate deque (not \"{}\") to deque", o.type_name())),
            None => raise("TypeError", "__add__() needs an operand"),
        },
        // `d * 2`: the items repeated, in a deque of the same maxlen (which keeps the last).
        "__mul__" | "__rmul__" | "__imul__" => {
            let n = arg(0)?;
            if !matches!(n, Value::Int(_) | Value::Bool(_)) {
                return raise("TypeError", format!("can't multiply sequence by non-int of type '{}'", n.type_name()));
            }
            let items = super::builtins::binop(interp, BinOp::Mul, &Value::List(Rc::clone(&l)), &n)?;
            let made = new(interp, &[items, maxlen.unwrap_or(Value::None)], &[])?;
            if name != "__imul__" {
                return Ok(made);
            }
            if let Value::Instance(m) = &made {
                if let Some(Value::List(items)) = m.get(intern("_items")) {
                    let items = items.borrow().clone();
                    *l.borrow_mut() = items;
                }
            }
            Ok(args[0].clone())
        }
        "__iadd__" => {
            method(interp, "extend", vec![args[0].clone(), arg(0)?], vec![])?;
            Ok(args[0].clone())
        }
        _ => {
            // `__eq__`: another deque with equal items.
            let other = match a.first() {
                Some(Value::Instance(o)) if is_deque(&o.class) => o.get(intern("_items")),
                _ => return Ok(not_implemented()),
            };
            let (mine, theirs) = (l.borrow().clone(), super::builtins::iterate(&other.unwrap_or(Value::None))?);
            if mine.len() != theirs.len() {
                return Ok(Value::Bool(false));
            }
            for (a, b) in mine.iter().zip(&theirs) {
                if !interp.compare(CmpOp::Eq, a, b)? {
                    return Ok(Value::Bool(false));
                }
            }
            Ok(Value::Bool(true))
        }
    }
}
