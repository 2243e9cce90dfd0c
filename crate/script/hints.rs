//! Type hints' objects: `list[int]` (CPython's `types.GenericAlias`) and `int | None`
//! (`types.UnionType`). Hints are only read, never checked, but a learner prints them
//! (`f.__annotations__`) and hands a union to `isinstance`: they print as CPython prints them,
//! keep their `__origin__` and `__args__`, a union is a second argument `isinstance` takes, and
//! an alias makes its origin's instances (`list[int]()`).

use std::rc::Rc;

use super::ast::{intern, Name};
use super::functools::class_with;
use super::interp::Interp;
use super::value::*;

/// The built-in classes a subscript makes an alias of (`list[int]`); a script's class, or
/// `typing`'s names, give themselves back as before.
const GENERIC: &[&str] = &[
    "list",
    "dict",
    "tuple",
    "set",
    "frozenset",
    "type",
    "deque",
    "defaultdict",
    "OrderedDict",
    "Counter",
    "Queue",
    "PriorityQueue",
    "LifoQueue",
    "Task",
    "Future",
];

/// `types.GenericAlias`: printed, compared, and called as its origin.
fn alias_class() -> Rc<Class> {
    class_with("GenericAlias", &[("__repr__", hint_repr), ("__call__", alias_call), ("__eq__", hint_eq)])
}

/// `types.UnionType`: printed and compared.
fn union_class() -> Rc<Class> {
    class_with("UnionType", &[("__repr__", hint_repr), ("__eq__", hint_eq)])
}

/// `typing.TypeVar`'s (and `ParamSpec`'s) class: a hint's variable, printed `~T`.
fn type_var_class() -> Rc<Class> {
    class_with("TypeVar", &[("__repr__", type_var_repr)])
}

/// `TypeVar("T")` (or `ParamSpec("P")`): a hint that a union takes (`T | None`).
pub fn type_var(name: &Value) -> PyResult {
    if !matches!(name, Value::Str(_)) {
        return raise("TypeError", "TypeVar name must be a string");
    }
    let v = Instance::new(type_var_class());
    v.set(intern("__name__"), name.clone());
    Ok(Value::Instance(v))
}

fn is_type_var(v: &Value) -> bool {
    matches!(v, Value::Instance(i) if Rc::ptr_eq(&i.class, &type_var_class()))
}

fn type_var_repr(_: &Interp, _: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    match args.first() {
        Some(Value::Instance(v)) => {
            Ok(Value::str(&format!("~{}", v.get(intern("__name__")).unwrap_or(Value::None).to_str())))
        }
        _ => raise("TypeError", "__repr__() needs a TypeVar"),
    }
}

/// `origin[key]` for a built-in generic class: its alias; `None` for any other class.
pub fn alias(origin: &Rc<Class>, key: &Value) -> Option<Value> {
    if module_of(origin) == "__main__" || !GENERIC.contains(&&*origin.name) {
        return None;
    }
    let args = match key {
        Value::Tuple(_) => key.clone(),
        k => Value::tuple(vec![k.clone()]),
    };
    let a = Instance::new(alias_class());
    a.set(intern("__origin__"), Value::Class(Rc::clone(origin)));
    a.set(intern("__args__"), args);
    Some(Value::Instance(a))
}

/// `a | b` of two hints (classes, None, aliases, unions): their union, its types in order and
/// each once (one alone is itself); `None` when either side is no hint.
pub fn union(a: &Value, b: &Value) -> Option<Value> {
    let mut types: Vec<Value> = Vec::new();
    for side in [a, b] {
        let parts = match side {
            Value::Class(_) => vec![side.clone()],
            Value::None => vec![Value::Class(Value::None.class())],
            v if is_alias(v) || is_type_var(v) => vec![side.clone()],
            v => union_args(v)?,
        };
        for t in parts {
            if !types.iter().any(|x| x.is(&t)) {
                types.push(t);
            }
        }
    }
    if types.len() == 1 {
        return types.pop();
    }
    let u = Instance::new(union_class());
    u.set(intern("__args__"), Value::tuple(types));
    Some(Value::Instance(u))
}

/// A union's types (`Some` only for a union).
pub fn union_args(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::Instance(i) if Rc::ptr_eq(&i.class, &union_class()) => Some(args_of(i)),
        _ => None,
    }
}

/// A hint's `__args__`.
fn args_of(h: &Instance) -> Vec<Value> {
    match h.get(intern("__args__")) {
        Some(Value::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    }
}

/// Whether `v` is a generic alias (`list[int]`), which `isinstance` refuses.
pub fn is_alias(v: &Value) -> bool {
    matches!(v, Value::Instance(i) if Rc::ptr_eq(&i.class, &alias_class()))
}

/// A hint's part as CPython's `repr` of an alias or a union writes it: a built-in class by
/// its name (`int`), another with its module (`__main__.Hasta`), None's type as `None`.
fn part(interp: &Interp, v: &Value, out: &mut String) -> PyResult<()> {
    match v {
        Value::Class(c) if Rc::ptr_eq(c, &Value::None.class()) => out.push_str("None"),
        Value::Class(c) => match module_of(c) {
            "builtins" => out.push_str(&c.qualname()),
            module => {
                out.push_str(module);
                out.push('.');
                out.push_str(&c.qualname());
            }
        },
        v if v.is(&super::builtins::ellipsis()) => out.push_str("..."),
        v => out.push_str(&interp.repr(v)?),
    }
    Ok(())
}

/// `list[int]`, `dict[str, list[int]]`, `int | None`.
fn hint_repr(interp: &Interp, _: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Instance(h)) = args.first() else { return raise("TypeError", "__repr__() needs a hint") };
    let items = args_of(h);
    let mut out = String::new();
    match h.get(intern("__origin__")) {
        Some(origin) => {
            part(interp, &origin, &mut out)?;
            out.push('[');
            if items.is_empty() {
                out.push_str("()");
            }
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                part(interp, item, &mut out)?;
            }
            out.push(']');
        }
        None => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(" | ");
                }
                part(interp, item, &mut out)?;
            }
        }
    }
    Ok(Value::string(out))
}

/// `a == b`: the same origin and arguments, or for two unions the same types in any order.
fn hint_eq(_: &Interp, _: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    let [Value::Instance(a), Value::Instance(b)] = args.as_slice() else {
        return Ok(super::builtins::not_implemented());
    };
    if !Rc::ptr_eq(&a.class, &b.class) {
        return Ok(super::builtins::not_implemented());
    }
    let (x, y) = (args_of(a), args_of(b));
    let same = match (a.get(intern("__origin__")), b.get(intern("__origin__"))) {
        (Some(o), Some(p)) => o.is(&p) && x.len() == y.len() && x.iter().zip(&y).all(|(s, t)| s.is(t)),
        _ => x.len() == y.len() && x.iter().all(|s| y.iter().any(|t| s.is(t))),
    };
    Ok(Value::Bool(same))
}

/// `list[int](…)`: its origin called.
fn alias_call(interp: &Interp, _: &'static str, mut args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Instance(a)) = (!args.is_empty()).then(|| args.remove(0)) else {
        return raise("TypeError", "__call__() needs an alias");
    };
    interp.call_sync_kw(a.get(intern("__origin__")).unwrap_or(Value::None), args, kw)
}
