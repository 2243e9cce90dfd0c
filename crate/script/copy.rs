//! `copy`: `copy(x)` and `deepcopy(x)`, as CPython's module makes them for the values learners
//! copy (the "shallow or deep" lesson with nested lists and dicts): lists, dicts (a
//! `defaultdict`, `Counter` or `OrderedDict` stays one), sets, tuples, deques and a script's
//! objects (a new object of its class with its attributes, `__init__` not called, or its own
//! `__copy__`/`__deepcopy__`). What cannot change (numbers, strings, functions, classes, enum
//! members, dates) is itself. A deep copy keeps what is shared shared, and cycles cycles.

use std::collections::HashMap;
use std::rc::Rc;

use super::ast::{intern, Name};
use super::builtins::{self, kwarg};
use super::interp::Interp;
use super::value::*;

/// The module's names.
pub fn module_attrs() -> Vec<(&'static str, Value)> {
    vec![
        ("copy", builtins::checked("copy", "copy", call, false)),
        ("deepcopy", builtins::checked("copy", "deepcopy", call, false)),
    ]
}

fn call(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(x) = args.first().cloned().or_else(|| kwarg(&kw, "x")) else {
        return raise("TypeError", format!("{name}() missing 1 required positional argument: 'x'"));
    };
    match name {
        "copy" => shallow(interp, &x),
        _ => Deep { interp, memo: HashMap::new(), depth: 0 }.copy(&x),
    }
}

/// Whether a copy of `v` is `v` itself (it cannot change, or CPython's copy gives it back).
fn is_atomic(v: &Value) -> bool {
    match v {
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Tuple(_) => false,
        Value::Instance(i) => {
            crate::enums::is_enum_class(&i.class)
                || matches!(&*i.class.name, "datetime" | "date" | "timedelta" | "time") && i.class.kind == Kind::Other
        }
        _ => true,
    }
}

/// `copy.copy(x)`.
fn shallow(interp: &Interp, x: &Value) -> PyResult {
    if is_atomic(x) {
        return Ok(x.clone());
    }
    Ok(match x {
        Value::List(l) => Value::list(l.borrow().clone()),
        Value::Dict(d) => Value::Dict(Rc::new(std::cell::RefCell::new(d.borrow().clone()))),
        Value::Set(s) => Value::Set(Rc::new(std::cell::RefCell::new(s.borrow().clone()))),
        Value::Instance(i) => {
            if let Some(f) = builtins::script_method(x, "__copy__") {
                return interp.call_sync(f, vec![x.clone()]);
            }
            if crate::deque::is_deque(&i.class) {
                let copy = interp.get_attr(x, intern("copy"))?;
                return interp.call_sync(copy, vec![]);
            }
            let fresh = fresh_object(i)?;
            for (n, v) in i.pairs() {
                fresh.set(n, v);
            }
            Value::Instance(fresh)
        }
        v => v.clone(), // a tuple's copy is itself
    })
}

/// A new object of a script's class, with no attributes yet and `__init__` not called (what
/// CPython's `copyreg.__newobj__` makes); other objects are refused by name.
fn fresh_object(i: &Instance) -> PyResult<Rc<Instance>> {
    if module_of(&i.class) != "__main__" || i.class.is_exception() {
        return crate::interp::unsupported(&format!("copying a {} object", i.class.name));
    }
    Ok(Instance::new(Rc::clone(&i.class)))
}

/// One `deepcopy`: what it copied so far, by the original's identity, with the original kept
/// alive (as CPython's memo keeps it), so that no address is used twice while it runs.
struct Deep<'a> {
    interp: &'a Interp,
    memo: HashMap<usize, (Value, Value)>,
    depth: usize,
}

impl Deep<'_> {
    fn remember(&mut self, original: &Value, copy: Value) {
        self.memo.insert(original.identity(), (original.clone(), copy));
    }

    fn copy(&mut self, x: &Value) -> PyResult {
        if is_atomic(x) {
            return Ok(x.clone());
        }
        if let Some((_, done)) = self.memo.get(&x.identity()) {
            return Ok(done.clone());
        }
        // Bounded, as CPython's recursion limit bounds its `deepcopy` (which fails somewhat
        // sooner: it takes several frames a level).
        if self.depth >= 900 {
            return raise("RecursionError", "maximum recursion depth exceeded while calling a Python object");
        }
        self.depth += 1;
        let out = self.copy_new(x);
        self.depth -= 1;
        out
    }

    fn copy_new(&mut self, x: &Value) -> PyResult {
        self.interp.alloc(1)?;
        match x {
            Value::List(l) => {
                let copy = Value::list(Vec::new());
                self.remember(x, copy.clone());
                let Value::List(into) = &copy else { unreachable!("made a list above") };
                let items = l.borrow().clone();
                for v in items {
                    let v = self.copy(&v)?;
                    into.borrow_mut().push(v);
                }
                Ok(copy)
            }
            Value::Dict(d) => {
                let mut empty = Dict::default();
                empty.missing = d.borrow().missing.clone();
                let copy = Rc::new(std::cell::RefCell::new(empty));
                self.remember(x, Value::Dict(Rc::clone(&copy)));
                let entries = d.borrow().entries();
                for (k, v) in entries {
                    let (k, v) = (self.copy(&k)?, self.copy(&v)?);
                    let key = k.key()?;
                    copy.borrow_mut().insert(key, k, v);
                }
                Ok(Value::Dict(copy))
            }
            // A new set of its items' copies (an object in it is copied as it is elsewhere).
            Value::Set(s) => {
                // Made as CPython's is, by adding the items in the set's own order.
                let mut copy = Dict::default();
                let items = s.borrow().set_order();
                for k in items {
                    let k = self.copy(&k)?;
                    let key = k.key()?;
                    copy.insert(key, k, Value::None);
                }
                let copy = Value::Set(Rc::new(std::cell::RefCell::new(copy)));
                self.remember(x, copy.clone());
                Ok(copy)
            }
            // A tuple of what cannot change is itself; else a new one of the copies.
            Value::Tuple(t) => {
                let items = t.iter().map(|v| self.copy(v)).collect::<PyResult<Vec<_>>>()?;
                if let Some((_, done)) = self.memo.get(&x.identity()) {
                    return Ok(done.clone()); // a cycle through it made it meanwhile
                }
                let same = items.iter().zip(t.iter()).all(|(a, b)| a.is(b));
                let copy = if same { x.clone() } else { Value::tuple(items) };
                self.remember(x, copy.clone());
                Ok(copy)
            }
            Value::Instance(i) => {
                if let Some(f) = builtins::script_method(x, "__deepcopy__") {
                    let memo = Value::dict(Dict::default());
                    let copy = self.interp.call_sync(f, vec![x.clone(), memo])?;
                    self.remember(x, copy.clone()); // shared, it stays shared
                    return Ok(copy);
                }
                if crate::deque::is_deque(&i.class) {
                    // Its items copied one by one.
                    let items = self.interp.iterate(x)?.iter().map(|v| self.copy(v)).collect::<PyResult<Vec<_>>>()?;
                    let maxlen = self.interp.get_attr(x, intern("maxlen"))?;
                    let copy = crate::deque::new(self.interp, &[Value::list(items), maxlen], &[])?;
                    self.remember(x, copy.clone());
                    return Ok(copy);
                }
                let fresh = fresh_object(i)?;
                self.remember(x, Value::Instance(Rc::clone(&fresh)));
                for (n, v) in i.pairs() {
                    let v = self.copy(&v)?;
                    fresh.set(n, v);
                }
                Ok(Value::Instance(fresh))
            }
            v => Ok(v.clone()),
        }
    }
}
