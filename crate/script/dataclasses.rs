//! `dataclasses`: `@dataclass` gives a class the `__init__`, `__repr__` and `__eq__` (and with
//! `order=True` the comparisons, with `frozen=True` or `unsafe_hash=True` a `__hash__`) that
//! CPython's writes from its annotated fields; a frozen one's fields cannot be assigned; `field()`,
//! `fields()`, `asdict()` and `astuple()`. CPython writes those methods as Python source; here
//! each is one built-in that reads the class's `__dataclass_fields__`, as theirs read their
//! closure, so a subclass that is no dataclass inherits them whole.

use std::rc::Rc;

use super::ast::{intern, CmpOp, Name};
use super::builtins::builtin;
use super::interp::{missing_arguments, unsupported, Interp};
use super::value::*;

/// The module's attributes.
pub fn module_attrs() -> Vec<(&'static str, Value)> {
    let mut v = Vec::new();
    for name in ["dataclass", "field", "fields", "asdict", "astuple", "replace", "is_dataclass"] {
        v.push((name, builtin(name, module_fn)));
    }
    v.push(("FrozenInstanceError", Value::Class(FROZEN_ERROR.with(Rc::clone))));
    v
}

thread_local! {
    /// `dataclasses.FrozenInstanceError`, an `AttributeError`.
    static FROZEN_ERROR: Rc<Class> = Class::named("FrozenInstanceError", Some(&exc_class("AttributeError")), Kind::Exception);
}

/// Whether `c` is `dataclasses.FrozenInstanceError` (its module is `dataclasses`).
pub(crate) fn is_frozen_error(c: &Rc<Class>) -> bool {
    FROZEN_ERROR.with(|f| Rc::ptr_eq(f, c))
}

/// The `FrozenInstanceError` of assigning (or with `delete`, deleting) `name` on `obj`, if it
/// is an instance of a frozen dataclass.
pub fn frozen_error(obj: &Value, name: Name, delete: bool) -> Option<Exc> {
    let Value::Instance(i) = obj else { return None };
    let params = i.class.lookup(intern("__dataclass_params__"))?;
    if crate::namedtuple::is_namedtuple(obj) {
        // A namedtuple is a tuple: its fields are read-only attributes.
        let what = if delete { "can't delete attribute" } else { "can't set attribute" };
        return Some(exc("AttributeError", what));
    }
    if !field_attr(&params, "frozen")?.truthy() {
        return None;
    }
    // As CPython's guard: any name on the frozen class's own instances; on a subclass's that
    // is no dataclass, only its fields.
    let own = i.class.attrs.borrow().iter().any(|(n, _)| *n == intern("__dataclass_params__"));
    if !own && !fields_of(obj).unwrap_or_default().iter().any(|(n, _)| matches!(n, Value::Str(s) if **s == *text(name)))
    {
        return None;
    }
    let what = if delete { "delete" } else { "assign to" };
    let message = format!("cannot {what} field {}", Value::Str(text(name)).repr());
    Some(new_exception(FROZEN_ERROR.with(Rc::clone), vec![Value::string(message)]))
}

/// A field's options, as `field()` takes them (a default or a factory only when given).
fn field_class() -> Rc<Class> {
    other_class("Field")
}

fn module_fn(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    match name {
        "dataclass" => dataclass(args, kw),
        "field" => {
            if !args.is_empty() {
                return raise(
                    "TypeError",
                    format!("field() takes 0 positional arguments but {} were given", args.len()),
                );
            }
            let f = Instance::new(field_class());
            for (k, v) in kw {
                match &*text(k) {
                    "default" | "default_factory" | "init" | "repr" | "compare" | "kw_only" => f.set(k, v),
                    other => return unsupported(&format!("field({other}=…)")),
                }
            }
            if f.get(intern("default")).is_some() && f.get(intern("default_factory")).is_some() {
                return raise("ValueError", "cannot specify both default and default_factory");
            }
            Ok(Value::Instance(f))
        }
        _ => {
            let Some(obj) = args.first() else {
                return raise("TypeError", format!("{name}() missing 1 required positional argument: 'obj'"));
            };
            // A dataclass or an instance of one (CPython's `is_dataclass`).
            if name == "is_dataclass" {
                return Ok(Value::Bool(fields_of(obj).is_some()));
            }
            let fields = fields_of(obj).filter(|_| name == "fields" || matches!(obj, Value::Instance(_)));
            let Some(fields) = fields else {
                let what = if name == "fields" { "dataclass type or instance" } else { "dataclass instances" };
                return raise("TypeError", format!("{name}() should be called on {what}"));
            };
            match name {
                "fields" => Ok(Value::tuple(fields.into_iter().map(|(_, f)| f).collect())),
                "replace" if args.len() > 1 => {
                    raise("TypeError", format!("replace() takes 1 positional argument but {} were given", args.len()))
                }
                "replace" => replace(interp, obj, fields, kw),
                _ => copy_out(interp, obj, name == "asdict"),
            }
        }
    }
}

/// `@dataclass` or `@dataclass(order=True, …)`: the second gives a decorator, the options
/// bound as its first argument (a method of the options).
fn dataclass(args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let mut options = [true, true, true, false, false, false, false, false]; // as OPTIONS names them
    let class = match args.as_slice() {
        [Value::Tuple(o), Value::Class(c)] if o.len() == options.len() => {
            options.iter_mut().zip(o.iter()).for_each(|(option, given)| *option = given.truthy());
            Some(c)
        }
        [Value::Class(c)] => Some(c),
        [] => None,
        [other, ..] => {
            return Err(super::builtins::type_error("dataclass() should be called on a class, not '", other, "'"))
        }
    };
    for (k, v) in &kw {
        match OPTIONS.iter().position(|n| *n == &*text(*k)) {
            Some(i) => options[i] = v.truthy(),
            None => return unsupported(&format!("dataclass({}=…)", text(*k))),
        }
    }
    let Some(class) = class else {
        let options = Value::tuple(options.iter().map(|&o| Value::Bool(o)).collect());
        return Ok(Value::Method(Rc::new((options, builtin("dataclass", module_fn)))));
    };
    if options[3] && !options[2] {
        return raise("ValueError", "eq must be true if order is true");
    }
    make_dataclass(class, options, false)?;
    Ok(Value::Class(Rc::clone(class)))
}

/// Makes `class` a frozen, ordered dataclass of its annotations: what a namedtuple is built on
/// (see [`crate::namedtuple`]).
pub fn make_record(class: &Rc<Class>) -> PyResult<()> {
    make_dataclass(class, [true, true, true, true, false, true, false, false], true)
}

/// The options `@dataclass(…)` takes (the first six are Python 3.11's `__dataclass_params__`).
const OPTIONS: [&str; 8] = ["init", "repr", "eq", "order", "unsafe_hash", "frozen", "kw_only", "slots"];

/// `typing.ClassVar`, which a subscript (`ClassVar[int]`) gives back.
pub fn class_var() -> Rc<Class> {
    other_class("ClassVar")
}

/// Whether a hint says a class attribute: `ClassVar[…]`, or its text after
/// `from __future__ import annotations`, as CPython's `dataclasses` reads it.
fn is_class_var(hint: &Value) -> bool {
    match hint {
        Value::Class(c) => Rc::ptr_eq(c, &class_var()),
        Value::Str(s) => ["ClassVar", "typing.ClassVar"]
            .iter()
            .any(|p| s.strip_prefix(p).is_some_and(|r| r.is_empty() || r.starts_with('['))),
        _ => false,
    }
}

/// Collects `class`'s fields (its bases' dataclass fields first, then its own annotations)
/// and writes its methods.
/// `record`: a named tuple's, whose defaults may be anything (CPython checks none).
fn make_dataclass(class: &Rc<Class>, options: [bool; 8], record: bool) -> PyResult<()> {
    let [init, repr, eq, order, unsafe_hash, frozen, all_kw_only, slots] = options;
    let mut fields: Dict = match class.base.as_ref().and_then(|b| b.lookup(intern("__dataclass_fields__"))) {
        Some(Value::Dict(d)) => d.borrow().clone(),
        _ => Dict::default(),
    };
    let own = class.attrs.borrow().iter().find(|(n, _)| *n == intern("__annotations__")).map(|(_, v)| v.clone());
    if let Some(Value::Dict(hints)) = own {
        for (name, hint) in hints.borrow().iter() {
            let Value::Str(s) = name else { continue };
            if is_class_var(hint) {
                continue; // a class attribute, not a field
            }
            let n = intern(s);
            let f = match class.attrs.borrow().iter().find(|(k, _)| *k == n).map(|(_, v)| v.clone()) {
                Some(Value::Instance(i)) if Rc::ptr_eq(&i.class, &field_class()) => i,
                Some(default) => {
                    let i = Instance::new(field_class());
                    i.set(intern("default"), default);
                    i
                }
                None => Instance::new(field_class()),
            };
            // A default of an unhashable type (`= []`, `= deque()`, `field(default={})`) would
            // be shared: CPython 3.11 asks whether its type's `__hash__` is None.
            let unhashable = |v: &Value| match v {
                Value::List(_) | Value::Dict(_) | Value::Set(_) => true,
                Value::Instance(i) => {
                    crate::deque::is_deque(&i.class) || matches!(i.class.lookup(intern("__hash__")), Some(Value::None))
                }
                _ => false,
            };
            if let Some(default) = f.get(intern("default")).filter(|d| !record && unhashable(d)) {
                let m = format!(
                    "mutable default {} for field {s} is not allowed: use default_factory",
                    Value::Class(default.class()).repr()
                );
                return raise("ValueError", m);
            }
            f.set(intern("name"), name.clone());
            f.set(intern("type"), hint.clone());
            // A field of a `kw_only=True` class is keyword-only unless `field()` says otherwise.
            if f.get(intern("kw_only")).is_none() {
                f.set(intern("kw_only"), Value::Bool(all_kw_only));
            }
            // As CPython: the class keeps a field's default as its attribute, and no `Field`.
            let mut attrs = class.attrs.borrow_mut();
            attrs.retain(|(k, _)| *k != n);
            if let Some(d) = f.get(intern("default")) {
                attrs.push((n, d));
            }
            drop(attrs);
            fields.insert(name.key()?, name.clone(), Value::Instance(f));
        }
    }
    let mut seen_default = false;
    // Keyword-only fields come after the others in `__init__`: a default before them is fine.
    for (name, f) in fields.iter() {
        if !flag(f, "init") || kw_only(f) {
            continue;
        }
        let has_default = field_attr(f, "default").is_some() || field_attr(f, "default_factory").is_some();
        if seen_default && !has_default {
            return raise("TypeError", format!("non-default argument {} follows default argument", name.repr()));
        }
        seen_default |= has_default;
    }
    let params = Instance::new(other_class("_DataclassParams"));
    OPTIONS.iter().zip(options).take(6).for_each(|(name, on)| params.set(intern(name), Value::Bool(on)));
    // What a class pattern's positional sub-patterns match (`case Point(x, y):`): the fields
    // `__init__` takes, as CPython's `match_args=True` gives.
    let match_args = fields.iter().filter(|(_, f)| flag(f, "init") && !kw_only(f)).map(|(n, _)| n.clone()).collect();
    let mut attrs = class.attrs.borrow_mut();
    // `slots=True`: its fields are its `__slots__`, so it takes no other attribute.
    if slots {
        let names = fields.iter().map(|(n, _)| n.clone()).collect();
        attrs.push((intern("__slots__"), Value::tuple(names)));
    }
    attrs.push((intern("__match_args__"), Value::tuple(match_args)));
    attrs.push((intern("__dataclass_fields__"), Value::dict(fields)));
    attrs.push((intern("__dataclass_params__"), Value::Instance(params)));
    let mut methods = Vec::new();
    if init {
        methods.push("__init__");
    }
    if repr {
        methods.push("__repr__");
    }
    if eq {
        methods.push("__eq__");
    }
    if order {
        methods.extend(["__lt__", "__le__", "__gt__", "__ge__"]);
    }
    let defines = |attrs: &[(Name, Value)], m: &str| attrs.iter().any(|(k, _)| *k == intern(m));
    for m in methods {
        // A method the class defines itself stays (CPython's `_set_new_attribute`).
        if !defines(&attrs, m) {
            attrs.push((intern(m), builtin(m, method)));
        }
    }
    // CPython's table (`_hash_action`): a hash of the fields when asked for, or when compared
    // by value and frozen; compared by value and not frozen, unhashable.
    let explicit = attrs.iter().any(|(k, v)| *k == intern("__hash__") && !matches!(v, Value::None));
    if unsafe_hash && explicit {
        return raise("TypeError", format!("Cannot overwrite attribute __hash__ in class {}", class.name));
    }
    if eq && !explicit || unsafe_hash {
        attrs.retain(|(k, _)| *k != intern("__hash__"));
        let hash = if unsafe_hash || frozen { builtin("__hash__", method) } else { Value::None };
        attrs.push((intern("__hash__"), hash));
    }
    Ok(())
}

/// A field's option `name` (`init`, `repr`, `compare`: true unless given false).
fn flag(field: &Value, name: &str) -> bool {
    field_attr(field, name).is_none_or(|v| v.truthy())
}

/// Whether `__init__` takes the field by keyword only (`field(kw_only=True)`, or its class's).
fn kw_only(field: &Value) -> bool {
    field_attr(field, "kw_only").is_some_and(|v| v.truthy())
}

fn field_attr(field: &Value, name: &str) -> Option<Value> {
    match field {
        Value::Instance(i) => i.get(intern(name)),
        _ => None,
    }
}

/// The fields of a dataclass or of its instance, `(name, Field)` in order.
fn fields_of(obj: &Value) -> Option<Vec<(Value, Value)>> {
    let class = match obj {
        Value::Class(c) => Rc::clone(c),
        Value::Instance(i) => Rc::clone(&i.class),
        _ => return None,
    };
    match class.lookup(intern("__dataclass_fields__")) {
        Some(Value::Dict(d)) => Some(d.borrow().entries()),
        _ => None,
    }
}

/// The dataclass methods, `self` first.
fn method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(me) = args.first().cloned() else {
        return raise("TypeError", format!("{name}() missing 1 required positional argument: 'self'"));
    };
    let fields = fields_of(&me).unwrap_or_default();
    let class = me.class();
    match name {
        "__init__" => init(interp, &class, &me, fields, args, kw),
        "__hash__" => {
            let mut items = Vec::new();
            for (n, f) in &fields {
                if let (true, Value::Str(n)) = (flag(f, "compare"), n) {
                    items.push(interp.get_attr(&me, intern(n))?);
                }
            }
            Ok(Value::Int(super::builtins::hash_of(&Value::tuple(items))?))
        }
        "__repr__" => {
            let mut out = format!("{}(", class.qualname());
            let mut first = true;
            for (n, f) in &fields {
                if flag(f, "repr") {
                    let Value::Str(n) = n else { continue };
                    let v = interp.get_attr(&me, intern(n))?;
                    out.push_str(if first { "" } else { ", " });
                    out.push_str(&format!("{n}={}", interp.repr(&v)?));
                    first = false;
                }
            }
            out.push(')');
            Ok(Value::string(out))
        }
        _ => {
            let other = args.get(1).cloned().unwrap_or(Value::None);
            let same = matches!(&other, Value::Instance(o) if Rc::ptr_eq(&o.class, &class));
            let op = match name {
                "__eq__" => CmpOp::Eq,
                "__lt__" => CmpOp::Lt,
                "__le__" => CmpOp::LtE,
                "__gt__" => CmpOp::Gt,
                _ => CmpOp::GtE,
            };
            if !same {
                // Another class's object: `NotImplemented`, as CPython's generated methods
                // give, so the comparison asks the other side (`==` then compares identities).
                return Ok(crate::builtins::not_implemented());
            }
            let compared = |v: &Value| -> PyResult<Value> {
                let mut items = Vec::new();
                for (n, f) in &fields {
                    if let (true, Value::Str(n)) = (flag(f, "compare"), n) {
                        items.push(interp.get_attr(v, intern(n))?);
                    }
                }
                Ok(Value::tuple(items))
            };
            Ok(Value::Bool(interp.compare(op, &compared(&me)?, &compared(&other)?)?))
        }
    }
}

/// The `__init__` of a dataclass: binds the arguments to the fields as CPython's generated
/// one does (its errors too), sets them, then calls `__post_init__`.
fn init(
    interp: &Interp,
    class: &Rc<Class>,
    me: &Value,
    fields: Vec<(Value, Value)>,
    args: Vec<Value>,
    kw: Vec<(Name, Value)>,
) -> PyResult {
    // A namedtuple's fields are bound by its `__new__`, as its errors say.
    let own = if crate::namedtuple::is_namedtuple(me) { "__new__" } else { "__init__" };
    let qual = format!("{}.{own}", class.qualname());
    // The positional fields first, then the keyword-only ones, as CPython's `__init__` lists them.
    let (mut params, keyword): (Vec<&(Value, Value)>, Vec<_>) =
        fields.iter().filter(|(_, f)| flag(f, "init")).partition(|(_, f)| !kw_only(f));
    let positional = params.len();
    params.extend(keyword);
    let given = args.len() - 1;
    if given > positional {
        let required = params[..positional]
            .iter()
            .filter(|(_, f)| field_attr(f, "default").is_none() && field_attr(f, "default_factory").is_none())
            .count();
        let (most, least) = (positional + 1, required + 1);
        let takes = if most == least {
            format!("{most} positional argument{}", if most == 1 { "" } else { "s" })
        } else {
            format!("from {least} to {most} positional arguments")
        };
        let were = if given + 1 == 1 { "was" } else { "were" };
        return raise("TypeError", format!("{qual}() takes {takes} but {} {were} given", given + 1));
    }
    let mut values: Vec<Option<Value>> = args.into_iter().skip(1).map(Some).collect();
    values.resize(params.len(), None);
    for (k, v) in kw {
        let name = text(k);
        let Some(at) = params.iter().position(|(n, _)| matches!(n, Value::Str(s) if **s == *name)) else {
            return raise("TypeError", format!("{qual}() got an unexpected keyword argument '{name}'"));
        };
        if values[at].is_some() {
            return raise("TypeError", format!("{qual}() got multiple values for argument '{name}'"));
        }
        values[at] = Some(v);
    }
    let (mut missing, mut missing_kw) = (Vec::new(), Vec::new());
    for (i, ((n, f), v)) in params.iter().zip(&mut values).enumerate() {
        if v.is_none() {
            *v = field_attr(f, "default");
        }
        if v.is_none() {
            match field_attr(f, "default_factory") {
                Some(factory) => *v = Some(interp.call_sync(factory, vec![])?),
                None if i < positional => missing.push(n.repr()),
                None => missing_kw.push(n.repr()),
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_arguments(&qual, "positional", &missing));
    }
    if !missing_kw.is_empty() {
        return Err(missing_arguments(&qual, "keyword-only", &missing_kw));
    }
    for ((n, _), v) in params.iter().zip(values) {
        if let (Value::Str(n), Some(v)) = (n, v) {
            store(interp, me, intern(n), v)?;
        }
    }
    // A field left out of `__init__` still gets its default or its factory's value.
    for (n, f) in fields.iter().filter(|(_, f)| !flag(f, "init")) {
        let v = match (field_attr(f, "default"), field_attr(f, "default_factory")) {
            (Some(d), _) => d,
            (None, Some(factory)) => interp.call_sync(factory, vec![])?,
            _ => continue,
        };
        if let Value::Str(n) = n {
            store(interp, me, intern(n), v)?;
        }
    }
    if let Some(post) = class.lookup(intern("__post_init__")) {
        interp.call_sync(post, vec![me.clone()])?;
    }
    Ok(Value::None)
}

/// `self.name = value` in `__init__`; for a frozen class, `object.__setattr__`, as CPython's.
fn store(interp: &Interp, me: &Value, name: Name, value: Value) -> PyResult<()> {
    match me {
        Value::Instance(i) if frozen_error(me, name, false).is_some() => {
            i.set(name, value);
            Ok(())
        }
        _ => interp.set_attr(me, name, value),
    }
}

/// `replace(obj, **changes)`: a new instance made by the class's `__init__`, with `obj`'s
/// fields but those changed (a field left out of `__init__` cannot be).
fn replace(interp: &Interp, obj: &Value, fields: Vec<(Value, Value)>, mut changes: Vec<(Name, Value)>) -> PyResult {
    for (n, f) in &fields {
        let Value::Str(s) = n else { continue };
        let changed = changes.iter().any(|(k, _)| *text(*k) == **s);
        if !flag(f, "init") {
            if changed {
                let m = format!("field {s} is declared with init=False, it cannot be specified with replace()");
                return raise("ValueError", m);
            }
        } else if !changed {
            changes.push((intern(s), interp.get_attr(obj, intern(s))?));
        }
    }
    let class = obj.class();
    let me = Value::Instance(Instance::new(Rc::clone(&class)));
    match class.lookup(intern("__init__")) {
        Some(Value::Builtin(b)) => (b.call)(interp, b.name, vec![me.clone()], changes)?,
        _ => {
            let class = Value::Class(class).repr();
            return unsupported(&format!("replace() of a dataclass with its own __init__ ({class})"));
        }
    };
    Ok(me)
}

/// `asdict(obj)` (`as_dict`) or `astuple(obj)`: its fields' values, copied all the way down
/// (nested dataclasses, lists, tuples and dicts), as CPython's do.
fn copy_out(interp: &Interp, v: &Value, as_dict: bool) -> PyResult {
    if let Some(fields) = fields_of(v).filter(|_| matches!(v, Value::Instance(_))) {
        let mut d = Dict::default();
        let mut items = Vec::new();
        for (n, _) in fields {
            let Value::Str(s) = &n else { continue };
            let x = copy_out(interp, &interp.get_attr(v, intern(s))?, as_dict)?;
            if as_dict {
                d.insert(n.key()?, n.clone(), x);
            } else {
                items.push(x);
            }
        }
        return Ok(if as_dict { Value::dict(d) } else { Value::tuple(items) });
    }
    Ok(match v {
        Value::List(l) => {
            let items = l.borrow().clone();
            Value::list(items.iter().map(|x| copy_out(interp, x, as_dict)).collect::<PyResult<_>>()?)
        }
        Value::Tuple(t) => Value::tuple(t.iter().map(|x| copy_out(interp, x, as_dict)).collect::<PyResult<_>>()?),
        Value::Dict(src) => {
            let mut d = Dict::default();
            let entries = src.borrow().entries(); // out of the cell: a getter on the way may change it
            for (k, x) in entries {
                let k = copy_out(interp, &k, as_dict)?;
                d.insert(k.key()?, k, copy_out(interp, &x, as_dict)?);
            }
            Value::dict(d)
        }
        other => other.clone(),
    })
}
