//! `collections.namedtuple` and `typing.NamedTuple`: a record of named fields that reads as a
//! tuple. Each is a frozen, ordered dataclass (`__init__`, `repr`, `==`, `<`, `hash` by its
//! fields, as a tuple's) with a tuple's ways on top: indexing, unpacking, `len`, and the
//! namedtuple's own `_fields`, `_asdict`, `_replace` and `_make`; it equals, orders against and
//! adds to a tuple as a tuple of its items does, and is one to `isinstance` and `json`.

use std::rc::Rc;

use super::ast::{intern, BinOp, CmpOp, Name};
use super::builtins::{self, builtin, kwarg};
use super::interp::Interp;
use super::value::*;

thread_local! {
    /// `typing.NamedTuple`, the base a class statement names (`class Result(NamedTuple):`).
    static BASE: Rc<Class> = Class::named("NamedTuple", Some(&with_types(|t| Rc::clone(&t.object))), Kind::Object);
}

/// `typing.NamedTuple`.
pub fn base() -> Value {
    Value::Class(BASE.with(Rc::clone))
}

/// A class statement made `class` (its body run): if its base is `NamedTuple`, it becomes a
/// namedtuple of its annotated fields (their defaults the class's values).
pub fn from_class(class: &Rc<Class>) -> PyResult<()> {
    if !class.base.as_ref().is_some_and(|b| BASE.with(|n| Rc::ptr_eq(b, n))) {
        return Ok(());
    }
    let names: Vec<Value> = match class.attrs.borrow().iter().find(|(n, _)| *n == intern("__annotations__")) {
        Some((_, Value::Dict(hints))) => hints.borrow().keys(),
        _ => Vec::new(),
    };
    let mut field_defaults = Dict::default();
    for n in &names {
        if let Some(d) = class.attrs.borrow().iter().find(|(a, _)| *a == intern(&n.to_str())).map(|(_, d)| d.clone()) {
            field_defaults.insert(n.key()?, n.clone(), d);
        }
    }
    class.attrs.borrow_mut().push((intern("_field_defaults"), Value::dict(field_defaults)));
    finish(class, names)
}

/// `namedtuple(typename, field_names, *, defaults=None)`.
pub fn namedtuple(interp: &Interp, _: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let arg = |i: usize, key: &str| args.get(i).cloned().or_else(|| kwarg(&kw, key));
    let Some(Value::Str(typename)) = arg(0, "typename") else {
        return raise("TypeError", "namedtuple() missing required argument 'typename' (a str)");
    };
    let mut names: Vec<Value> = match arg(1, "field_names") {
        Some(Value::Str(s)) => s.replace(',', " ").split_whitespace().map(Value::str).collect(),
        Some(v) => interp.iterate(&v)?,
        None => return raise("TypeError", "namedtuple() missing required argument 'field_names'"),
    };
    let identifier = |s: &str| {
        s.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
            && s.chars().all(|c| c.is_alphanumeric() || c == '_')
    };
    let keyword = |s: &str| crate::lexer::KEYWORDS.contains(&s);
    // CPython's checks, in its order: `rename=True` first names each bad field `_<index>`.
    let rename = kwarg(&kw, "rename").is_some_and(|r| r.truthy());
    if rename {
        let mut seen: Vec<Rc<str>> = Vec::new();
        for (i, n) in names.iter_mut().enumerate() {
            let Value::Str(s) = n.clone() else { continue };
            if !identifier(&s) || keyword(&s) || s.starts_with('_') || seen.contains(&s) {
                *n = Value::str(&format!("_{i}"));
            }
            seen.push(s);
        }
    }
    for n in std::iter::once(&Value::Str(Rc::clone(&typename))).chain(&names) {
        let Value::Str(s) = n else { return raise("TypeError", "Type names and field names must be strings") };
        if !identifier(s) {
            return raise("ValueError", format!("Type names and field names must be valid identifiers: {}", n.repr()));
        }
        if keyword(s) {
            return raise("ValueError", format!("Type names and field names cannot be a keyword: {}", n.repr()));
        }
    }
    for (i, n) in names.iter().enumerate() {
        if n.to_str().starts_with('_') && !rename {
            return raise("ValueError", format!("Field names cannot start with an underscore: {}", n.repr()));
        }
        if names[..i].iter().any(|m| m.to_str() == n.to_str()) {
            return raise("ValueError", format!("Encountered duplicate field name: {}", n.repr()));
        }
    }
    let object = with_types(|t| Rc::clone(&t.object));
    let class = Class::named(&typename, Some(&object), Kind::Object);
    // The defaults go to the last fields, as CPython's `defaults=` does.
    let defaults = match kwarg(&kw, "defaults") {
        None | Some(Value::None) => Vec::new(),
        Some(d) => builtins::iterate(&d)?,
    };
    if defaults.len() > names.len() {
        return raise("TypeError", "Got more default values than field names");
    }
    let first_default = names.len() - defaults.len();
    let mut field_defaults = Dict::default();
    for (n, d) in names[first_default..].iter().zip(defaults) {
        field_defaults.insert(n.key()?, n.clone(), d.clone());
        class.attrs.borrow_mut().push((intern(&n.to_str()), d));
    }
    class.attrs.borrow_mut().push((intern("_field_defaults"), Value::dict(field_defaults)));
    let mut hints = Dict::default();
    for n in &names {
        hints.insert(n.key()?, n.clone(), Value::None);
    }
    class.attrs.borrow_mut().push((intern("__annotations__"), Value::dict(hints)));
    finish(&class, names)?;
    Ok(Value::Class(class))
}

const METHODS: [&str; 16] = [
    "__iter__",
    "__getitem__",
    "__len__",
    "__eq__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__add__",
    "__radd__",
    "__mul__",
    "__rmul__",
    "count",
    "index",
    "_asdict",
    "_replace",
];

/// The dataclass's methods a tuple's replace: its `==` and order are by class, a tuple's by items.
const TUPLE_WAYS: [&str; 5] = ["__eq__", "__lt__", "__le__", "__gt__", "__ge__"];

/// Makes `class` a namedtuple of `names`: the dataclass, then the tuple's ways.
fn finish(class: &Rc<Class>, names: Vec<Value>) -> PyResult<()> {
    crate::dataclasses::make_record(class)?;
    let mut attrs = class.attrs.borrow_mut();
    attrs.retain(|(n, _)| !TUPLE_WAYS.iter().any(|w| *n == intern(w))); // the tuple's, below
    attrs.push((intern("_fields"), Value::tuple(names)));
    attrs.extend(METHODS.iter().map(|&m| (intern(m), builtin(m, method))));
    // Called on the class: `Point._make([1, 2])`, bound to it.
    attrs.push((intern("_make"), Value::Method(Rc::new((Value::Class(Rc::clone(class)), builtin("_make", make))))));
    Ok(())
}

/// Whether `obj` is a namedtuple (its assignments fail as a tuple's do).
pub fn is_namedtuple(obj: &Value) -> bool {
    matches!(obj, Value::Instance(i) if i.class.lookup(intern("_make")).is_some() && i.class.lookup(intern("_fields")).is_some())
}

/// A namedtuple's field values, in order, as its instance holds them (`json.dumps` writes
/// them as a list, as it writes a tuple); `None` for any other value.
pub fn fields_of(obj: &Value) -> Option<Vec<Value>> {
    let Value::Instance(i) = obj else { return None };
    let Some(Value::Tuple(names)) = is_namedtuple(obj).then(|| i.class.lookup(intern("_fields"))).flatten() else {
        return None;
    };
    Some(names.iter().map(|n| i.get(intern(&n.to_str())).unwrap_or(Value::None)).collect())
}

fn method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(me) = args.first() else { return raise("TypeError", format!("{name}() needs a namedtuple")) };
    let items = fields_of(me).unwrap_or_default();
    match name {
        "__iter__" => Ok(Value::Iter(Rc::new(std::cell::RefCell::new(Iter::new(items).named("tuple_iterator"))))),
        "__len__" => Ok(Value::Int(items.len() as i64)),
        // Compared with and added to a tuple (or another namedtuple) as the tuple of its items.
        "__eq__" | "__lt__" | "__le__" | "__gt__" | "__ge__" | "__add__" | "__radd__" => {
            let other = match args.get(1) {
                Some(Value::Tuple(t)) => t.to_vec(),
                Some(v) => match fields_of(v) {
                    Some(f) => f,
                    None if name == "__add__" => {
                        let kind = v.type_name();
                        return raise("TypeError", format!("can only concatenate tuple (not \"{kind}\") to tuple"));
                    }
                    None => return Ok(builtins::not_implemented()),
                },
                None => return raise("TypeError", format!("{name}() needs an argument")),
            };
            let (me, other) = (Value::tuple(items), Value::tuple(other));
            let op = match name {
                "__add__" => return builtins::binop(interp, BinOp::Add, &me, &other),
                "__radd__" => return builtins::binop(interp, BinOp::Add, &other, &me),
                "__eq__" => CmpOp::Eq,
                "__lt__" => CmpOp::Lt,
                "__le__" => CmpOp::LtE,
                "__gt__" => CmpOp::Gt,
                _ => CmpOp::GtE,
            };
            Ok(Value::Bool(builtins::compare(interp, op, &me, &other)?))
        }
        "__mul__" | "__rmul__" => {
            builtins::binop(interp, BinOp::Mul, &Value::tuple(items), args.get(1).unwrap_or(&Value::None))
        }
        "count" | "index" => {
            let Some(x) = args.get(1) else {
                return raise("TypeError", format!("{name}() takes exactly one argument (0 given)"));
            };
            let at = items.iter().position(|v| v.equals(x));
            match (name, at) {
                ("count", _) => Ok(Value::Int(items.iter().filter(|v| v.equals(x)).count() as i64)),
                (_, Some(i)) => Ok(Value::Int(i as i64)),
                _ => raise("ValueError", "tuple.index(x): x not in tuple"),
            }
        }
        "__getitem__" => builtins::get_item(interp, &Value::tuple(items), args.get(1).unwrap_or(&Value::None)),
        "_asdict" => {
            let Some(Value::Tuple(names)) = me.class().lookup(intern("_fields")) else { return Ok(Value::None) };
            let mut d = Dict::default();
            for (n, v) in names.iter().zip(items) {
                d.insert(n.key()?, n.clone(), v);
            }
            Ok(Value::dict(d))
        }
        _ => {
            // `_replace(**changes)`: a field it lacks is an error, as in CPython.
            let Some(Value::Tuple(names)) = me.class().lookup(intern("_fields")) else { return Ok(Value::None) };
            let mut given = Vec::new();
            for (n, v) in names.iter().zip(items) {
                let key = intern(&n.to_str());
                given.push(kw.iter().find(|(k, _)| *k == key).map_or(v, |(_, x)| x.clone()));
            }
            if let Some((k, _)) = kw.iter().find(|(k, _)| !names.iter().any(|n| n.to_str() == *crate::value::text(*k)))
            {
                return raise("ValueError", format!("Got unexpected field names: ['{}']", crate::value::text(*k)));
            }
            interp.call_sync(Value::Class(me.class()), given)
        }
    }
}

/// `Point._make(iterable)`.
fn make(interp: &Interp, _: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    let (Some(class), Some(items)) = (args.first(), args.get(1)) else {
        return raise("TypeError", "_make() missing 1 required positional argument: 'iterable'");
    };
    let items = interp.iterate(items)?;
    // CPython's `tuple.__new__(cls, iterable)` and a count: no defaults fill a short one.
    let fields = match class {
        Value::Class(c) => match c.lookup(intern("_fields")) {
            Some(Value::Tuple(f)) => f.len(),
            _ => items.len(),
        },
        _ => items.len(),
    };
    if items.len() != fields {
        return raise("TypeError", format!("Expected {fields} arguments, got {}", items.len()));
    }
    interp.call_sync(class.clone(), items)
}
