//! The built-in functions (`print`, `len`, `sorted`, …), the built-in types' constructors and
//! methods (`str.split`, `list.append`, `dict.items`, …) and the operators on built-in values.
//! Each is a plain function from arguments to a value or an exception: they never suspend.
//!
//! Here: the table of built-in names and the argument helpers the others share; [`functions`]: the
//! built-in functions; [`construct`]: the types' constructors; [`ops`]: operators and comparisons;
//! [`items`]: subscripts; [`attrs`]: attributes; [`strings`]: str methods and formatting;
//! [`methods`]: list, dict, set and number methods; [`sort`]: `sorted` and `list.sort`.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

mod attrs;
mod construct;
mod dunders;
mod functions;
pub(crate) use functions::{beats, function, min_max_end};
pub use functions::{
    element_hash, float_hash, hash_of, int_hash, is_callable, iterator_kind, script_iterable, stable_hash, uneven,
};
mod items;
mod methods;
mod ops;
mod signature;
mod sort;
pub use self::sort::sort;
pub(crate) use self::sort::{keys_made, sort_stable};
mod strings;

pub(crate) use attrs::bind;
pub use attrs::{del_attr, function_attr, get_attr, no_method_named, object_method};
pub use construct::construct;
pub use items::{del_item, get_item, set_item};
pub use methods::{dict_method, list_method, unsupported_method};
pub(crate) use ops::order;
pub use ops::{binop, compare, inplace_error, set_op, unary};
pub use signature::{call as call_builtin, check_line, checked};
pub(crate) use strings::str_method;
pub use strings::{format_field, format_map};

use self::{construct::construct_from, functions::*, items::*, methods::*, strings::*};
use super::ast::{intern, BinOp, CmpOp, Name, NameMap, UnaryOp};
use super::format;
use super::interp::Interp;
use super::value::*;

/// The built-in function `name` of the table, for a module that offers it too (`sys.exit`).
pub fn function_named(name: &'static str) -> Value {
    builtin(name, function)
}

thread_local! {
    /// `NotImplemented`: what a script's `__eq__` or `__add__` returns to have the other
    /// operand asked.
    static NOT_IMPLEMENTED: Value = {
        let class = other_class("NotImplementedType");
        class.attrs.borrow_mut().push((intern("__repr__"), builtin("__repr__", |_, _, _, _| Ok(Value::str("NotImplemented")))));
        Value::Instance(Instance::new(class))
    };
    /// `...`: a placeholder body's value, and the name `Ellipsis`.
    static ELLIPSIS: Value = {
        let class = other_class("ellipsis");
        class.attrs.borrow_mut().push((intern("__repr__"), builtin("__repr__", |_, _, _, _| Ok(Value::str("Ellipsis")))));
        Value::Instance(Instance::new(class))
    };
}

/// `...` (`Ellipsis`).
pub fn ellipsis() -> Value {
    ELLIPSIS.with(Value::clone)
}

/// `NotImplemented`, for a built-in method that leaves an operator to the other operand.
pub fn not_implemented() -> Value {
    NOT_IMPLEMENTED.with(Value::clone)
}

/// `name` of `v`'s class, if `v` is a script's object whose class has it (`__abs__`, `__format__`…).
pub fn script_method(v: &Value, name: &str) -> Option<Value> {
    match v {
        // One set to None (`__iter__ = None`) is how a class says it has none.
        Value::Instance(i) => i.class.lookup(intern(name)).filter(|m| !matches!(m, Value::None)),
        _ => None,
    }
}

/// Whether `v`'s class sets `name` to None (`__iter__ = None`): it says it has none, and no
/// fallback (`__getitem__`) stands in for it.
pub fn refuses(v: &Value, name: &str) -> bool {
    matches!(v, Value::Instance(i) if matches!(i.class.lookup(intern(name)), Some(Value::None)))
}

/// The keywords the exceptions that take any take (`ImportError(msg, name=…, path=…)`,
/// `AttributeError(msg, name=…, obj=…)`, `NameError(msg, name=…)`), and the class CPython's
/// error names; `None` for the others.
fn keywords_taken(class: &Rc<Class>) -> Option<(&'static str, &'static [&'static str])> {
    [("ImportError", &["name", "path"][..]), ("AttributeError", &["name", "obj"]), ("NameError", &["name"])]
        .into_iter()
        .find(|(c, _)| class.is_subclass(&exc_class(c)))
}

/// An exception's keywords (see [`keywords_taken`]), kept as its attributes.
pub fn exception_keywords(i: &Instance, kw: &[(Name, Value)]) -> PyResult<()> {
    let Some((owner, taken)) = keywords_taken(&i.class) else { return Ok(()) };
    for (k, v) in kw {
        match &*text(*k) {
            k if taken.contains(&k) => i.set(intern(k), v.clone()),
            k => return raise("TypeError", format!("'{k}' is an invalid keyword argument for {owner}()")),
        }
    }
    Ok(())
}

/// `BaseException.__init__` given keywords: CPython's TypeError, named by the object's class
/// (those that take keywords are let through: see [`exception_keywords`]).
pub fn no_keywords(class: &Rc<Class>) -> PyResult<()> {
    if keywords_taken(class).is_some() {
        return Ok(());
    }
    raise("TypeError", format!("{}() takes no keyword arguments", class.name))
}

/// Whether `v` is `NotImplemented`.
pub fn is_not_implemented(v: &Value) -> bool {
    matches!(v, Value::Instance(i) if i.class.kind == Kind::Other) && NOT_IMPLEMENTED.with(|n| n.is(v))
}

/// The built-in names a script sees.
pub fn table() -> NameMap<Value> {
    let mut t = NameMap::default();
    t.insert(intern("NotImplemented"), not_implemented());
    t.insert(intern("Ellipsis"), ellipsis());
    t.insert(intern("__debug__"), Value::Bool(true)); // no `-O` here: asserts always run
    for name in FUNCTIONS {
        t.insert(intern(name), signature::checked("", name, function, false));
    }
    with_types(|ty| {
        for c in [
            &ty.int, &ty.float, &ty.str_, &ty.bytes, &ty.bool_, &ty.list, &ty.tuple, &ty.dict, &ty.set, &ty.range,
            &ty.object, &ty.type_,
        ] {
            t.insert(intern(&c.name), Value::Class(Rc::clone(c)));
        }
        t.insert(intern("slice"), Value::Class(other_class("slice")));
        t.insert(intern("super"), Value::Class(super_class()));
        for ((name, _), class) in EXCEPTIONS.iter().zip(&ty.exceptions) {
            if !matches!(
                *name,
                "CancelledError"
                    | "InvalidStateError"
                    | "QueueEmpty"
                    | "QueueFull"
                    | "BrokenBarrierError"
                    | "IncompleteReadError"
                    | "LimitOverrunError"
                    | "gaierror"
            ) {
                t.insert(intern(name), Value::Class(Rc::clone(class)));
            }
            if *name == "OSError" {
                // Its old names: the same class.
                for alias in ["IOError", "EnvironmentError"] {
                    t.insert(intern(alias), Value::Class(Rc::clone(class)));
                }
            }
        }
    });
    t
}

/// `super` as a name (`super()` itself is the evaluator's): its `__init__` is what the common
/// slip `super.__init__(…)` reaches, with CPython's error.
fn super_class() -> Rc<Class> {
    let class = other_class("super");
    if class.attrs.borrow().is_empty() {
        class.attrs.borrow_mut().push((intern("__init__"), builtin("__init__", super_init)));
    }
    class
}

fn super_init(_: &Interp, _: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    match args.first() {
        None => raise("TypeError", "descriptor '__init__' of 'super' object needs an argument"),
        Some(v) => raise(
            "TypeError",
            format!("descriptor '__init__' requires a 'super' object but received a '{}'", v.type_name()),
        ),
    }
}

const FUNCTIONS: &[&str] = &[
    "print",
    "len",
    "repr",
    "ascii",
    "format",
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
    "delattr",
    "iter",
    "next",
    "anext",
    "aiter",
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
    "frozenset",
    "bytearray",
    "memoryview",
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
    "help",
    "exit",
    "quit",
    "staticmethod",
    "classmethod",
    "property",
];

/// A built-in function or method value named `name`.
#[inline(never)]
pub fn builtin(name: &'static str, call: BuiltinFn) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name,
        call,
        sig: "",
        qualifier: "",
        method: false,
        python: false,
        is_type: false,
    }))
}

/// Checks that `min..=max` positional arguments were given (the check inline, the error not).
#[inline]
fn arg_count(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    if args.len() < min || args.len() > max {
        return Err(arg_count_error(name, args.len(), min, max));
    }
    Ok(())
}

#[cold]
#[inline(never)]
fn arg_count_error(name: &str, n: usize, min: usize, max: usize) -> Exc {
    if let Some(message) = (n < min).then(|| signature::too_few_message(name, n, min)).flatten() {
        return exc("TypeError", message);
    }
    let (expected, count) = if min == max {
        (format!("{min}"), min)
    } else if max == usize::MAX || n < min {
        (format!("at least {min}"), min)
    } else {
        (format!("at most {max}"), max)
    };
    exc("TypeError", format!("{name}() takes {expected} argument{} ({n} given)", if count == 1 { "" } else { "s" }))
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
#[cold]
#[inline(never)]
pub fn format_error(m: String) -> Exc {
    match m.split_once(": ") {
        Some(("TypeError", rest)) => exc("TypeError", rest),
        Some(("OverflowError", rest)) => exc("OverflowError", rest),
        Some(("IndexError", rest)) => exc("IndexError", rest),
        Some(("ValueError", rest)) => exc("ValueError", rest),
        _ => exc("ValueError", m),
    }
}

pub(crate) fn int_arg(v: &Value, what: &str) -> PyResult<i64> {
    if let Some(i) = v.as_int() {
        return Ok(i);
    }
    index_of_object(v)?
        .ok_or_else(|| type_error("'", v, &format!("' object cannot be interpreted as an integer{what}")))
}

/// A script's object as an int by its class's `__index__` (`bin(n)`, `items[n]`), as CPython's
/// `operator.index` takes it; `None` for an object without one.
pub fn index_of_object(v: &Value) -> PyResult<Option<i64>> {
    let Some(m) = script_method(v, "__index__") else { return Ok(None) };
    let Some(interp) = crate::aio::running() else { return Ok(None) };
    match interp.call_sync(m, vec![v.clone()])? {
        Value::Int(i) => Ok(Some(i)),
        Value::Bool(b) => Ok(Some(i64::from(b))),
        r => Err(type_error("__index__ returned non-int (type ", &r, ")")),
    }
}

/// A `TypeError` whose message names `v`'s type between `before` and `after`: out of line and cold,
/// as the error paths that call it are.
#[cold]
#[inline(never)]
pub fn type_error(before: &str, v: &Value, after: &str) -> Exc {
    // CPython's checks of a named argument ("replace() argument 1 must be str, not None")
    // name None itself, not its type.
    let t = match v {
        Value::None
            if before.contains("() argument") && before.ends_with(", not ") && !before.starts_with("super(") =>
        {
            "None".into()
        }
        v => v.type_name(),
    };
    let mut m = String::with_capacity(before.len() + t.len() + after.len());
    m.push_str(before);
    m.push_str(&t);
    m.push_str(after);
    exc("TypeError", m)
}

/// `KeyError(key)`.
#[cold]
#[inline(never)]
pub fn key_error(key: &Value) -> Exc {
    new_exception(exc_class("KeyError"), vec![key.clone()])
}

#[cold]
#[inline(never)]
fn overflow() -> Exc {
    exc("OverflowError", "integer too large: Loopscope's ints are 64-bit (CPython's have no limit)")
}

/// `len(v)`.
pub fn len(interp: &Interp, v: &Value) -> PyResult<usize> {
    Ok(match v {
        Value::Str(s) => s.chars().count(),
        Value::Bytes(b) => b.len(),
        Value::List(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        Value::Dict(d) | Value::Set(d) => d.borrow().len(),
        Value::View(view) => view.dict.borrow().len(),
        Value::Range(r) => usize::try_from(range_len(r)).unwrap_or(usize::MAX),
        Value::Class(c) if crate::enums::members(c).is_some() => crate::enums::members(c).map_or(0, |m| m.len()),
        Value::Native(_) if crate::contextvars::context_vars(v).is_some() => {
            crate::contextvars::context_vars(v).map_or(0, |vars| vars.borrow().len())
        }
        Value::Instance(i) if i.class.lookup(intern("__len__")).is_some() => {
            let m = i.class.lookup(intern("__len__")).unwrap_or(Value::None);
            let n = int_arg(&interp.call_sync(m, vec![v.clone()])?, "")?;
            if n < 0 {
                return raise("ValueError", "__len__() should return >= 0");
            }
            usize::try_from(n).unwrap_or(usize::MAX)
        }
        _ => return Err(type_error("object of type '", v, "' has no len()")),
    })
}

/// A one-character str (no `String` on the way).
fn char_value(c: char) -> Value {
    Value::str(c.encode_utf8(&mut [0; 4]))
}

/// An iterator over `items`, walked once.
pub fn iter_of(items: Vec<Value>) -> Value {
    iter_named("iterator", items)
}

/// An iterator over `items` of the type `kind` (`map`, `zip`, `tuple_iterator`).
pub fn iter_named(kind: &'static str, items: Vec<Value>) -> Value {
    Value::Iter(Rc::new(RefCell::new(Iter::new(items).named(kind))))
}

/// The items of an iterable.
pub fn iterate(v: &Value) -> PyResult<Vec<Value>> {
    Ok(match v {
        // A future's `__iter__` is its `__await__`: done, it ends at once (giving its result
        // as the end's value, or raising its exception); pending, it yields itself and then
        // fails, as a forgotten `await` (`a, b = asyncio.gather(…)`) finds out.
        Value::Task(t) if t.done() => {
            t.outcome()?;
            Vec::new()
        }
        Value::Task(_) => return Err(await_not_used()),
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        Value::Str(s) => s.chars().map(char_value).collect(),
        Value::Bytes(b) => b.iter().map(|&c| Value::Int(c.into())).collect(),
        Value::Dict(d) => d.borrow().keys(),
        Value::Set(d) => d.borrow().set_order(),
        Value::Range(r) => {
            let n = range_len(r);
            if n > super::interp::MEMORY_LIMIT as i64 {
                return raise("MemoryError", "Loopscope iterates over at most 10,000,000 elements at once");
            }
            (0..n).map(|i| Value::Int((i128::from(r[0]) + i128::from(i) * i128::from(r[2])) as i64)).collect()
        }
        // A generator (`", ".join(str(x) for x in xs)`): run to its end by the interpreter
        // running now, as the built-in that asked would run it.
        Value::Gen(g) if !g.is_async => match crate::aio::running() {
            Some(interp) => interp.iterate(v)?,
            None => return raise("RuntimeError", "a generator can only be walked while its run runs"),
        },
        Value::Iter(it) => {
            let mut items = Vec::new();
            while let Some(item) = it.borrow_mut().next_item()? {
                items.push(item);
            }
            items
        }
        Value::View(view) => view.items(),
        // A deque's items (a built-in that takes any iterable takes a deque too).
        Value::Instance(i) if crate::deque::is_deque(&i.class) => match i.get(intern("_items")) {
            Some(Value::List(l)) => l.borrow().clone(),
            _ => Vec::new(),
        },
        Value::Class(c) => match crate::enums::members(c) {
            Some(members) => members, // an enum's members, in order
            None => return Err(type_error("'", v, "' object is not iterable")),
        },
        // A `contextvars.Context`: its variables, as a mapping's keys.
        Value::Native(n) if matches!(**n, crate::aio::Native::Context(..)) => match crate::contextvars::keys(n) {
            Value::List(l) => l.borrow().clone(),
            _ => Vec::new(),
        },
        _ => return Err(type_error("'", v, "' object is not iterable")),
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

/// A pending future iterated past itself (see [`iterate`]).
#[cold]
pub fn await_not_used() -> Exc {
    exc("RuntimeError", "await wasn't used with future")
}

/// Whether `e` ends a walk of a sequence by index (`__getitem__`): an `IndexError` or a
/// `StopIteration`, or one of their subclasses, as CPython's sequence iterator takes them.
pub fn ends_sequence(e: &Value) -> bool {
    let class = e.class();
    class.is_subclass(&exc_class("IndexError")) || class.is_subclass(&exc_class("StopIteration"))
}
