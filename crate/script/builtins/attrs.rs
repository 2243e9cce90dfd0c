//! Attributes: `obj.name` on instances, classes, modules and built-in values, and the built-in methods' tables.

use super::functions::{EXCEPTION_DIR, OBJECT_DIR};
use super::*;

pub(super) const STR_METHODS: &[&str] = &[
    "upper",
    "lower",
    "strip",
    "lstrip",
    "rstrip",
    "split",
    "rsplit",
    "join",
    "replace",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "rindex",
    "isdecimal",
    "isnumeric",
    "casefold",
    "count",
    "format",
    "removeprefix",
    "removesuffix",
    "center",
    "ljust",
    "rjust",
    "zfill",
    "title",
    "capitalize",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "splitlines",
    "encode",
    "swapcase",
    "partition",
    "istitle",
    "rpartition",
    "isascii",
    "isidentifier",
    "translate",
    "maketrans",
    "expandtabs",
    "format_map",
];
pub(super) const LIST_METHODS: &[&str] =
    &["append", "extend", "insert", "pop", "remove", "index", "count", "sort", "reverse", "copy", "clear"];
pub(super) const DICT_METHODS: &[&str] =
    &["get", "items", "keys", "values", "setdefault", "pop", "update", "copy", "clear", "popitem"];
pub(super) const SET_METHODS: &[&str] = &[
    "add",
    "remove",
    "discard",
    "pop",
    "union",
    "intersection",
    "difference",
    "issubset",
    "issuperset",
    "isdisjoint",
    "symmetric_difference",
    "copy",
    "clear",
    "update",
    "intersection_update",
    "difference_update",
    "symmetric_difference_update",
];
/// The owner of each kind of [`method`]'s, as `signature` knows it (`-`: none it lists).
/// 10 to 15: the unbound methods of `list`, `dict`, `set`, `tuple`, `int` and `float`
/// (`list.append(l, x)`), each kind its own cache slots (see [`method`]); 6 an int's bound
/// methods, 18 a float's.
const OWNERS: [&str; 19] = [
    "-",
    "str",
    "list",
    "dict",
    "set",
    "tuple",
    "-",
    "Counter",
    "range",
    "OrderedDict",
    "list",
    "dict",
    "set",
    "tuple",
    "int",
    "float",
    "object",
    "bytes",
    "-",
];
pub(super) const TUPLE_METHODS: &[&str] = &["index", "count"];
/// An int's methods, and a float's (3.11's int has no `is_integer`).
pub(super) const INT_METHODS: &[&str] = &["bit_length", "bit_count", "as_integer_ratio", "conjugate"];
pub(super) const FLOAT_METHODS: &[&str] = &["is_integer", "as_integer_ratio", "conjugate"];

thread_local! {
    /// The lookup `object.__getattribute__(obj, name)` is making: CPython's generic lookup,
    /// which never asks the class's `__getattr__` (that hook is the type's slot around it).
    static GENERIC_LOOKUP: std::cell::Cell<Option<(usize, Name)>> = const { std::cell::Cell::new(None) };
    /// The built-in methods made so far, by slot: the type's kind × 64 + the method's place in its list.
    static METHODS: RefCell<Vec<Option<Value>>> = const { RefCell::new(Vec::new()) };
}

/// The built-in method `name` of a type whose methods are `list`, made once per (type, name).
pub(super) fn method(kind: u8, list: &[&'static str], name: Name, call: BuiltinFn) -> Option<Value> {
    let t = text(name);
    let i = list.iter().position(|m| **m == *t)?;
    let slot = kind as usize * 64 + i;
    Some(METHODS.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() <= slot {
            m.resize(slot + 1, None);
        }
        m[slot].get_or_insert_with(|| signature::checked(OWNERS[kind as usize], list[i], call, true)).clone()
    }))
}

pub(super) fn bound(obj: &Value, kind: u8, list: &[&'static str], name: Name, call: BuiltinFn) -> Option<Value> {
    method(kind, list, name, call).map(|m| Value::Method(Rc::new((obj.clone(), m))))
}

/// `object`'s own methods, which every class inherits: what `P.__eq__`, `super().__init__()`
/// and `object.__new__(P)` find when no class of the chain defines them.
pub(super) const OBJECT_SLOTS: &[&str] = &[
    "__init__",
    "__new__",
    "__str__",
    "__repr__",
    "__eq__",
    "__ne__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__hash__",
    "__setattr__",
    "__getattribute__",
    "__delattr__",
    "__format__",
    "__init_subclass__",
    "__subclasshook__",
];

/// `object.name` (one of [`OBJECT_SLOTS`]), the same value each time (`P.__eq__ is
/// object.__eq__`); bound to `to` if given, but for `__new__`, a static method.
pub fn object_method(name: Name, to: Option<&Value>) -> Option<Value> {
    let f = method(16, OBJECT_SLOTS, name, object_slot)?;
    Some(match to {
        Some(me) if &*text(name) != "__new__" => Value::Method(Rc::new((me.clone(), f))),
        _ => f,
    })
}

fn object_slot(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(me) = args.first() else {
        return raise("TypeError", format!("descriptor '{name}' of 'object' object needs an argument"));
    };
    let other = || args.get(1).ok_or_else(|| exc("TypeError", format!("expected 1 argument, got {}", args.len() - 1)));
    Ok(match name {
        // `BaseException.__init__` keeps the arguments; `object.__init__` takes none.
        "__init__" => {
            match me {
                Value::Instance(i) if i.class.is_exception() => {
                    if !kw.is_empty() {
                        super::no_keywords(&i.class)?;
                        super::exception_keywords(i, &kw)?;
                    }
                    i.set(intern("args"), Value::tuple(args[1..].to_vec()))
                }
                _ if args.len() > 1 || !kw.is_empty() => {
                    let m = "object.__init__() takes exactly one argument (the instance to initialize)";
                    return raise("TypeError", m);
                }
                _ => {}
            }
            Value::None
        }
        "__new__" => match me {
            Value::Class(c) if c.kind == Kind::Exception => new_exception(Rc::clone(c), args[1..].to_vec()),
            // More than the class, as CPython's `object_new` takes them: an error if the class
            // has its own `__new__` (a singleton passing its arguments on), or no `__init__`.
            Value::Class(c) if c.kind == Kind::Object && (args.len() > 1 || !kw.is_empty()) => {
                if c.lookup(intern("__new__")).is_some() {
                    return raise("TypeError", "object.__new__() takes exactly one argument (the type to instantiate)");
                }
                if c.lookup(intern("__init__")).is_none() {
                    return raise("TypeError", format!("{}() takes no arguments", c.name));
                }
                Value::Instance(Instance::new(Rc::clone(c)))
            }
            Value::Class(c) if c.kind == Kind::Object => Value::Instance(Instance::new(Rc::clone(c))),
            _ => return raise("TypeError", "object.__new__(X): X is not a type object"),
        },
        "__str__" => match me {
            Value::Instance(i) if i.class.is_exception() => Value::str(&crate::value::exception_str(i)),
            _ => Value::str(&interp.repr(me)?),
        },
        "__repr__" => match me {
            Value::Instance(i) => Value::str(&crate::value::base_repr(i)),
            _ => Value::str(&me.repr()),
        },
        "__eq__" => match other()?.is(me) {
            true => Value::Bool(true),
            false => not_implemented(),
        },
        // `__eq__` asked, its answer inverted (unless it is `NotImplemented`), as CPython's.
        "__ne__" => {
            let other = other()?;
            let eq = match script_method(me, "__eq__") {
                Some(eq) => interp.call_sync(eq, vec![me.clone(), other.clone()])?,
                None if other.is(me) => Value::Bool(true),
                None => not_implemented(),
            };
            match eq {
                eq if is_not_implemented(&eq) => eq,
                eq => Value::Bool(!interp.truthy(&eq)?),
            }
        }
        "__lt__" | "__le__" | "__gt__" | "__ge__" | "__subclasshook__" => not_implemented(),
        "__hash__" => Value::Int((me.identity() >> 4) as i64),
        "__init_subclass__" => Value::None,
        // `object.__setattr__(self, name, value)`: sets it as the class's own `__setattr__`
        // would not (how it sets what it lets through), past a frozen dataclass's guard (how
        // its `__post_init__` sets a field); a property's setter still runs.
        "__setattr__" => match args.as_slice() {
            [me @ Value::Instance(i), Value::Str(name), value] => {
                if crate::dataclasses::frozen_error(me, intern(name), false).is_some() {
                    i.set(intern(name), value.clone());
                } else {
                    interp.set_attr_plain(me, intern(name), value.clone())?;
                }
                Value::None
            }
            [_, n, _] if !matches!(n, Value::Str(_)) => {
                return Err(type_error("attribute name must be string, not '", n, "'"))
            }
            _ => return raise("TypeError", "object.__setattr__(obj, name, value) takes an object, a str and a value"),
        },
        "__getattribute__" | "__delattr__" => match other()? {
            Value::Str(n) if name == "__delattr__" => del_attr_plain(interp, me, intern(n)).map(|()| Value::None)?,
            Value::Str(n) => {
                let before = GENERIC_LOOKUP.replace(Some((me.identity(), intern(n))));
                let found = get_attr(interp, me, intern(n));
                GENERIC_LOOKUP.set(before);
                found?
            }
            v => return Err(type_error("attribute name must be string, not '", v, "'")),
        },
        // `format(obj, "")`: its `str()`; any other spec is refused, as `object`'s refuses it.
        _ => match other()? {
            Value::Str(spec) if spec.is_empty() => Value::str(&interp.to_str(me)?),
            _ => return Err(type_error("unsupported format string passed to ", me, ".__format__")),
        },
    })
}

/// `f.name`: one the script set, or one CPython's functions have.
pub fn function_attr(f: &Function, name: Name) -> PyResult {
    if let Some((_, v)) = f.attrs.borrow().iter().find(|(n, _)| *n == name) {
        return Ok(v.clone());
    }
    let t = text(name);
    match &*t {
        // The qualname's last part: `functools.wraps` gives a wrapper the wrapped one's.
        "__name__" => {
            let q = f.qualname();
            Ok(Value::str(q.rsplit('.').next().unwrap_or(&q)))
        }
        "__qualname__" => Ok(Value::Str(f.qualname())),
        "__module__" => Ok(Value::str("__main__")),
        "__annotations__" => Ok(Value::dict(Dict::default())), // it has none (see `make_function`)
        // Its docstring: a string as the body's first statement.
        "__doc__" => Ok(crate::ast::docstring(&f.def.body).map_or(Value::None, Value::Str)),
        // The positional parameters' defaults, as the values they are now (the mutable
        // default a list that grows at each call shows here).
        "__defaults__" => {
            let n = f.def.params.args.len();
            let defaults = f.defaults.borrow();
            let given: Vec<Value> = defaults[..n.min(defaults.len())].iter().flatten().cloned().collect();
            Ok(if given.is_empty() { Value::None } else { Value::tuple(given) })
        }
        // A copy of what was set on it (`f.calls = 0`, `__wrapped__`), not its own slots.
        "__dict__" => {
            let slots = ["__name__", "__qualname__", "__doc__", "__module__", "__annotations__", "__defaults__"];
            let mut d = Dict::default();
            for (n, v) in f.attrs.borrow().iter().filter(|(n, _)| !slots.contains(&&*text(*n))) {
                let k = Value::Str(text(*n));
                d.insert(k.key()?, k, v.clone());
            }
            Ok(Value::dict(d))
        }
        _ => {
            let own: Vec<(Rc<str>, u32)> = f.attrs.borrow().iter().map(|(n, _)| (text(*n), 0)).collect();
            Err(missing("function", &t, FUNCTION_DIR, &own))
        }
    }
}

/// A value's missing attribute, with "Did you mean" among what `dir()` of it lists in CPython:
/// `object`'s special methods and those of functions (`print.__nam__`: '__name__').
pub(super) fn no_attr(obj: &Value, name: Name) -> Exc {
    let extra = match obj {
        Value::Builtin(_) => "__call__ __module__ __name__ __qualname__ __self__ __text_signature__",
        _ => "",
    };
    missing(&obj.type_name(), &text(name), extra, &[])
}

/// "'owner' object has no attribute 'name'", with "Did you mean" among `object`'s special
/// methods, `extra` (names split by spaces) and `own` (names set on the object).
fn missing(owner: &str, name: &str, extra: &str, own: &[(Rc<str>, u32)]) -> Exc {
    let e = exc("AttributeError", format!("'{owner}' object has no attribute '{name}'"));
    let mut ranked = crate::suggest::borrowed(own);
    // (Special names are close only to a name that starts with `_`: see `no_method_named`.)
    if name.starts_with('_') {
        ranked.extend(OBJECT_DIR.iter().filter(|n| **n != "__module__").map(|n| (*n, 0)));
        ranked.extend(extra.split(' ').filter(|n| !n.is_empty()).map(|n| (n, 0)));
    }
    crate::suggest::for_attr(e, name, &ranked)
}

/// What a function adds to `object`'s names in `dir()`, in CPython 3.11.
const FUNCTION_DIR: &str = "__annotations__ __builtins__ __call__ __closure__ __code__ __defaults__ __dict__ __get__ \
__globals__ __kwdefaults__ __module__ __name__ __qualname__";

/// The submodules `import asyncio` brings in CPython, which its module's "Did you mean" names.
const ASYNCIO_SUBMODULES: &str = "base_events base_futures base_subprocess base_tasks constants coroutines events \
exceptions format_helpers futures locks log mixins protocols queues runners selector_events sslproto staggered \
streams subprocess sys taskgroups tasks threads timeouts transports trsock unix_events";

/// `no_attr`, with CPython's "Did you mean" among the type's methods.
#[cold]
#[inline(never)]
fn no_method(obj: &Value, name: Name, methods: &[&str]) -> Exc {
    no_method_named(&obj.type_name(), &text(name), methods)
}

/// [`no_method`] for a type named `owner` as its messages name it (`_asyncio.Task`).
#[cold]
#[inline(never)]
pub fn no_method_named(owner: &str, name: &str, methods: &[&str]) -> Exc {
    let e = exc("AttributeError", format!("'{owner}' object has no attribute '{name}'"));
    let mut ranked: Vec<(&str, u32)> = methods.iter().map(|m| (*m, 0)).collect();
    // A built-in type's candidates are all of `dir(x)`, `object`'s special methods included
    // (`[].__name__`: "Did you mean: '__ne__'?"): close only to a name that starts with `_`,
    // so a miss of another name (`hasattr(x, "quack")`) does not rank them.
    if let Some(extra) = super::functions::type_dir(owner).filter(|_| name.starts_with('_')) {
        ranked.extend(OBJECT_DIR.iter().filter(|n| **n != "__module__").map(|n| (*n, 0)));
        ranked.extend(extra.split(' ').filter(|n| n.starts_with("__")).map(|n| (n, 0)));
    }
    crate::suggest::for_attr(e, name, &ranked)
}

/// An instance's missing attribute, with "Did you mean" among its own and its classes' names.
#[cold]
#[inline(never)]
fn no_instance_attr(i: &Rc<Instance>, name: Name) -> Exc {
    let owner = Value::Instance(Rc::clone(i)).type_name(); // `functools.partial`
    let e = exc("AttributeError", format!("'{owner}' object has no attribute '{}'", text(name)));
    let mut names: Vec<(Rc<str>, u32)> = i.pairs().iter().map(|(n, _)| (text(*n), 0)).collect();
    class_names(&i.class, &mut names);
    // And what `object` (and `BaseException`) give it: CPython's candidates are `dir(obj)`.
    // (`object`'s special names are close only to a name that starts with `_`.)
    if text(name).starts_with('_') {
        names.extend(OBJECT_DIR.iter().map(|n| (Rc::from(*n), 0)));
        names.extend(["__dict__", "__weakref__"].map(|n| (Rc::from(n), 0)));
    }
    if i.class.is_exception() {
        names.extend(EXCEPTION_DIR.iter().map(|n| (Rc::from(*n), 0)));
    }
    crate::suggest::for_attr(e, &text(name), &crate::suggest::borrowed(&names))
}

/// A class's missing attribute (`message`), with "Did you mean" among its and its bases' names.
#[cold]
#[inline(never)]
fn no_class_attr(class: &Rc<Class>, name: Name, message: String) -> Exc {
    let mut names = Vec::new();
    class_names(class, &mut names);
    crate::suggest::for_attr(exc("AttributeError", message), &text(name), &crate::suggest::borrowed(&names))
}

/// The names of `class`'s attributes and its bases', nearest first.
fn class_names(class: &Rc<Class>, names: &mut Vec<(Rc<str>, u32)>) {
    for c in class.chain() {
        names.extend(c.attrs.borrow().iter().map(|(n, _)| (text(*n), 0)));
    }
}

/// What a class's `staticmethod`, `classmethod` or `property` object `d` stands for, looked
/// up on `instance` (`None`: on the class): the function, the function bound to the class,
/// or what the getter returns (on the class: the property itself).
pub(crate) fn bind(interp: &Interp, d: &Rc<Instance>, instance: Option<&Value>, class: &Rc<Class>) -> PyResult {
    let f = |n| d.get(intern(n)).unwrap_or(Value::None);
    match (&*d.class.name, instance) {
        ("staticmethod", _) => Ok(f("__func__")),
        ("classmethod", _) => Ok(Value::Method(Rc::new((Value::Class(Rc::clone(class)), f("__func__"))))),
        ("property", Some(obj)) => match d.get(intern("fget")) {
            Some(getter) => interp.call_sync(getter, vec![obj.clone()]),
            None => Err(no_getter(d, class)),
        },
        // `@cached_property`: its function's result, kept as the instance's own attribute of
        // that name, which later readings find first.
        ("cached_property", Some(obj @ Value::Instance(i))) => {
            let v = interp.call_sync(f("func"), vec![obj.clone()])?;
            if let Some(name) = class_attr_name(class, d) {
                i.set(name, v.clone());
            }
            Ok(v)
        }
        // A cached method (`@lru_cache` on a `def` in the class) is bound like a function.
        ("functools._lru_cache_wrapper", Some(obj)) => {
            Ok(Value::Method(Rc::new((obj.clone(), Value::Instance(Rc::clone(d))))))
        }
        _ => Ok(Value::Instance(Rc::clone(d))),
    }
}

/// The name under which `class` (or a base) holds the object `d`.
fn class_attr_name(class: &Rc<Class>, d: &Rc<Instance>) -> Option<Name> {
    let holds = |c: &Class| {
        c.attrs.borrow().iter().find(|(_, v)| matches!(v, Value::Instance(p) if Rc::ptr_eq(p, d))).map(|(n, _)| *n)
    };
    class.chain().find_map(|c| holds(c))
}

/// `property 'w' of 'A' object has no getter`, the property named as its class has it.
#[cold]
#[inline(never)]
fn no_getter(d: &Rc<Instance>, class: &Rc<Class>) -> Exc {
    let name = class_attr_name(class, d).map_or_else(|| "".into(), text);
    exc("AttributeError", format!("property '{name}' of '{}' object has no getter", class.name))
}

/// `del obj.name` and `delattr(obj, "name")`: a property's deleter, or the attribute.
pub fn del_attr(interp: &Interp, obj: &Value, name: Name) -> PyResult<()> {
    // The class's own `__delattr__`, which deletes it (through `object.__delattr__`) or not.
    if let Some(hook) = crate::value::attr_hook(obj, "__delattr__") {
        return interp.call_sync(hook, vec![obj.clone(), Value::Str(text(name))]).map(drop);
    }
    del_attr_plain(interp, obj, name)
}

/// `del obj.name` as `object.__delattr__` does it: a class's own `__delattr__` is not asked.
fn del_attr_plain(interp: &Interp, obj: &Value, name: Name) -> PyResult<()> {
    // A class's own attribute (`del Sayac.toplam`), a function's (`del f.calls`); what it held
    // goes once their attributes are no longer borrowed.
    let i = match obj {
        Value::Instance(i) => i,
        Value::Class(c) if module_of(c) == "builtins" => {
            let message = format!("cannot set '{}' attribute of immutable type '{}'", text(name), c.name);
            return raise("TypeError", message);
        }
        Value::Class(c) if crate::enums::is_member(c, name) => {
            return raise("AttributeError", format!("'{}' cannot delete member '{}'.", c.name, text(name)));
        }
        Value::Class(c) => {
            let gone = crate::value::take_attr(&mut c.attrs.borrow_mut(), name);
            return match gone {
                Some(_) => Ok(()),
                None => raise("AttributeError", format!("type object '{}' has no attribute '{}'", c.name, text(name))),
            };
        }
        Value::Func(f) => {
            match &*text(name) {
                "__name__" | "__qualname__" => {
                    return raise("TypeError", format!("{} must be set to a string object", text(name)))
                }
                "__defaults__" => return interp.set_attr_plain(obj, name, Value::None),
                _ => {}
            }
            let gone = crate::value::take_attr(&mut f.attrs.borrow_mut(), name);
            return match gone {
                Some(_) => Ok(()),
                None => raise("AttributeError", format!("'function' object has no attribute '{}'", text(name))),
            };
        }
        Value::Task(t) => {
            let gone = crate::value::take_attr(&mut t.attrs.borrow_mut(), name);
            return match gone {
                Some(_) => Ok(()),
                None => {
                    raise("AttributeError", format!("'{}' object has no attribute '{}'", obj.type_name(), text(name)))
                }
            };
        }
        _ => return crate::interp::unsupported("del of this attribute"),
    };
    if let Some(e) = crate::dataclasses::frozen_error(obj, name, true) {
        return Err(e);
    }
    if let Some(Value::Instance(p)) = i.class.lookup(name) {
        if p.class.kind == Kind::Other && &*p.class.name == "property" {
            let Some(deleter) = p.get(intern("fdel")) else {
                let message = format!("property '{}' of '{}' object has no deleter", text(name), i.class.name);
                return raise("AttributeError", message);
            };
            return interp.call_sync(deleter, vec![obj.clone()]).map(drop);
        }
    }
    if !i.remove(name) {
        return raise("AttributeError", format!("'{}' object has no attribute '{}'", i.class.name, text(name)));
    }
    Ok(())
}

/// `obj.name`: an instance's own attribute, then its class's (methods bound to it), then the
/// built-in types' methods.
pub fn get_attr(interp: &Interp, obj: &Value, name: Name) -> PyResult {
    find_attr(interp, obj, name).map_err(|e| with_target(e, obj, name))
}

/// An `AttributeError` from looking `name` up on `obj` names them both (`e.name`, `e.obj`),
/// as CPython's attribute lookup has its errors do, unless they name something already.
#[cold]
#[inline(never)]
fn with_target(e: Exc, obj: &Value, name: Name) -> Exc {
    if let Value::Instance(i) = &e {
        let named = i.get(intern("name")).is_some_and(|n| !matches!(n, Value::None));
        if !named && i.class.is_subclass(&exc_class("AttributeError")) {
            i.set(intern("name"), Value::Str(text(name)));
            i.set(intern("obj"), obj.clone());
        }
    }
    e
}

fn find_attr(interp: &Interp, obj: &Value, name: Name) -> PyResult {
    // The commonest hits (`self.x`, `asyncio.sleep`) before the name's text is looked up.
    match obj {
        Value::Instance(i) => {
            if let Some(v) = i.get(name) {
                return Ok(v);
            }
        }
        Value::Module(m) => {
            if let Some(v) = m.attrs.borrow().get(&name) {
                return Ok(v.clone());
            }
        }
        _ => {}
    }
    let t = text(name);
    // Every value's class (a class's is `type`, a module's `module`).
    if &*t == "__class__" {
        return Ok(Value::Class(obj.class()));
    }
    // A built-in type's special methods (`d.__getitem__`, `str.__len__`).
    if t.starts_with("__") {
        if let Some(m) = super::dunders::dunder(obj, &t) {
            return Ok(m);
        }
    }
    match obj {
        Value::Instance(i) => {
            // A class with `__slots__` all the way up has no `__dict__`.
            if &*t == "__dict__" && crate::interp::refused_by_slots(&i.class, name) {
                return Err(no_instance_attr(i, name));
            }
            // The dict its attributes live in: what the script writes there is the object's.
            if &*t == "__dict__" && !i.class.is_exception() {
                return Ok(Value::Dict(i.dict()));
            }
            if i.class.is_exception() {
                match &*t {
                    "__cause__" => return Ok(i.cause.borrow().clone().unwrap_or(Value::None)),
                    "__context__" => return Ok(i.context.borrow().clone().unwrap_or(Value::None)),
                    "__traceback__" => return Ok(Value::None),
                    // What an `AttributeError` or a `NameError` was about, when nothing said it.
                    "name" | "obj"
                        if i.class.is_subclass(&exc_class("AttributeError"))
                            || (&*t == "name" && i.class.is_subclass(&exc_class("NameError"))) =>
                    {
                        return Ok(Value::None)
                    }
                    // An `ImportError`'s module and path (None when not given) and its message.
                    "name" | "path" if i.class.is_subclass(&exc_class("ImportError")) => return Ok(Value::None),
                    "msg" if i.class.is_subclass(&exc_class("ImportError")) => {
                        return Ok(match crate::value::exception_args(i).as_slice() {
                            [one] => one.clone(),
                            _ => Value::None,
                        })
                    }
                    "__suppress_context__" => return Ok(Value::Bool(i.suppress_context.get())),
                    "add_note" => return Ok(Value::Method(Rc::new((obj.clone(), builtin("add_note", add_note))))),
                    "with_traceback" => {
                        return Ok(Value::Method(Rc::new((obj.clone(), builtin("with_traceback", with_traceback)))))
                    }
                    "split" | "subgroup" | "derive" if i.class.is_group() => {
                        let method = match &*t {
                            "split" => "split",
                            "subgroup" => "subgroup",
                            _ => "derive",
                        };
                        return Ok(Value::Method(Rc::new((obj.clone(), builtin(method, group_method)))));
                    }
                    "value" if i.class.is_subclass(&exc_class("StopIteration")) => return Ok(stop_value(i)),
                    "code" if i.class.is_subclass(&exc_class("SystemExit")) => return Ok(exit_code(i)),
                    _ => {}
                }
            }
            match i.class.lookup(name) {
                Some(f @ (Value::Func(_) | Value::Builtin(_))) => Ok(Value::Method(Rc::new((obj.clone(), f)))),
                // A method decorated with `contextmanager`: a function too, bound to the object.
                Some(Value::Method(f)) if manager_maker(&f) => {
                    Ok(Value::Method(Rc::new((obj.clone(), Value::Method(f)))))
                }
                // A property whose getter raises AttributeError: the class's `__getattr__` is
                // asked then, as CPython asks it whenever the lookup fails.
                Some(Value::Instance(d)) if d.class.kind == Kind::Other => {
                    match bind(interp, &d, Some(obj), &i.class) {
                        Err(e) if e.class().is_subclass(&exc_class("AttributeError")) => {
                            own_getattr(interp, i, obj, t).unwrap_or(Err(e))
                        }
                        bound => bound,
                    }
                }
                Some(v) => Ok(v),
                None if i.class.kind == Kind::Other && &*i.class.name == "property" => match &*t {
                    "setter" | "getter" | "deleter" => {
                        let name = match &*t {
                            "getter" => "getter",
                            "deleter" => "deleter",
                            _ => "setter",
                        };
                        Ok(Value::Method(Rc::new((obj.clone(), builtin(name, function)))))
                    }
                    // Without a doc of its own, a property has its getter's.
                    "__doc__" => match i.get(intern("fget")) {
                        Some(Value::Func(f)) => function_attr(&f, name),
                        _ => Ok(Value::None),
                    },
                    "fget" | "fset" | "fdel" => Ok(Value::None),
                    _ => Err(no_instance_attr(i, name)),
                },
                None if OBJECT_SLOTS.contains(&&*t) => Ok(object_method(name, Some(obj)).unwrap_or(Value::None)),
                // A class's `__getattr__`, asked for what it lacks, as CPython asks it.
                None => match own_getattr(interp, i, obj, Rc::clone(&t)) {
                    Some(r) => r,
                    // An `IntEnum`'s or a `StrEnum`'s member has its value's methods (`.upper()`).
                    None if crate::enums::is_valued_member(i) => match crate::enums::member_value(obj) {
                        Some(v) => get_attr(interp, &v, name).map_err(|_| no_instance_attr(i, name)),
                        None => Err(no_instance_attr(i, name)),
                    },
                    None => Err(no_instance_attr(i, name)),
                },
            }
        }
        Value::Class(c) => {
            // `str.maketrans(x, y)`: a static method, given no str to work on.
            if c.kind == Kind::Str && &*t == "maketrans" {
                return Ok(builtin("maketrans", |_, _, args, _| strings::maketrans(&args)));
            }
            // `str.upper`, `list.append`: the unbound method, the one `"a".upper` binds (a
            // list's, a dict's and a set's check first what they are given to work on).
            let unbound = match c.kind {
                Kind::Str => method(1, STR_METHODS, name, str_method),
                Kind::Bytes => method(17, crate::bytes::METHODS, name, crate::bytes::method),
                Kind::List => method(10, LIST_METHODS, name, unbound_list_method),
                Kind::Dict => method(11, DICT_METHODS, name, unbound_dict_method),
                Kind::Set => method(12, SET_METHODS, name, unbound_set_method),
                Kind::Tuple => method(13, TUPLE_METHODS, name, unbound_tuple_method),
                Kind::Int => method(14, INT_METHODS, name, unbound_int_method),
                Kind::Float => method(15, FLOAT_METHODS, name, unbound_float_method),
                _ => None,
            };
            if let Some(m) = unbound {
                return Ok(m);
            }
            match (c.kind, &*t) {
                (Kind::Int, "to_bytes" | "from_bytes") => return unsupported_method("int", &t),
                (Kind::Float, "hex" | "fromhex") => return unsupported_method("float", &t),
                _ => {}
            }
            match &*t {
                "__name__" => Ok(Value::Str(Rc::clone(&c.name))),
                "__qualname__" => Ok(Value::Str(c.qualname())),
                "__module__" => Ok(Value::str(module_of(c))),
                "__base__" => Ok(c.base.as_ref().map_or(Value::None, |b| Value::Class(Rc::clone(b)))),
                "__bases__" => Ok(Value::tuple(c.bases.iter().map(|b| Value::Class(Rc::clone(b))).collect())),
                // The script's classes made on it that are still alive, in order.
                "__subclasses__" => {
                    let live: Vec<Value> =
                        c.subclasses.borrow().iter().filter_map(|w| w.upgrade()).map(Value::Class).collect();
                    Ok(Value::Method(Rc::new((Value::list(live), builtin("__subclasses__", first_arg)))))
                }
                "__mro__" | "mro" => {
                    let chain: Vec<Value> = c.chain().map(|b| Value::Class(Rc::clone(b))).collect();
                    // `C.mro()`: the same classes, in a list.
                    match &*t {
                        "mro" => Ok(Value::Method(Rc::new((Value::list(chain), builtin("mro", first_arg))))),
                        _ => Ok(Value::tuple(chain)),
                    }
                }
                "fromkeys" if c.kind == Kind::Dict || matches!(&*c.name, "OrderedDict" | "defaultdict" | "Counter") => {
                    Ok(Value::Method(Rc::new((obj.clone(), builtin("fromkeys", function)))))
                }
                _ => match c.lookup(name) {
                    Some(Value::Instance(d)) if d.class.kind == Kind::Other => bind(interp, &d, None, c),
                    Some(v) => Ok(v),
                    // An enum's `__getattr__` names only what was asked (a misspelt member).
                    None if c.lookup(intern("__members__")).is_some() => Err(no_class_attr(c, name, t.to_string())),
                    None => match object_method(name, None) {
                        Some(m) if matches!(c.kind, Kind::Object | Kind::Exception) => Ok(m),
                        _ => {
                            let message =
                                format!("type object '{}' has no attribute '{t}'", crate::value::c_type_name(c));
                            Err(no_class_attr(c, name, message))
                        }
                    },
                },
            }
        }
        Value::Module(m) if &*t == "__name__" && m.attrs.borrow().get(&name).is_none() => Ok(Value::str(m.name)),
        Value::Module(m) => m.attrs.borrow().get(&name).cloned().ok_or_else(|| {
            // What CPython's modules have and these have not yet: say so, not "no attribute".
            const NOT_YET: &[(&str, &str)] = &[
                ("asyncio", "AbstractEventLoop"),
                ("asyncio", "Runner"),
                // Its submodules, as attributes (`asyncio.queues.QueueEmpty`): their names are
                // asyncio's own here.
                ("asyncio", "queues"),
                ("asyncio", "locks"),
                ("asyncio", "tasks"),
                ("asyncio", "futures"),
                ("asyncio", "events"),
                ("asyncio", "runners"),
                ("asyncio", "taskgroups"),
                ("asyncio", "timeouts"),
                ("time", "get_clock_info"),
                ("asyncio", "get_event_loop_policy"),
                ("asyncio", "set_event_loop_policy"),
                ("asyncio", "run_coroutine_threadsafe"),
                ("asyncio", "wrap_future"),
                ("datetime", "date"),
                ("datetime", "time"),
                ("datetime", "timezone"),
                ("enum", "Flag"),
                ("enum", "IntFlag"),
                ("math", "cbrt"),
                ("time", "process_time"),
                ("time", "localtime"),
                ("time", "gmtime"),
                ("typing", "TypedDict"),
                ("enum", "unique"),
                ("heapq", "merge"),
                ("logging", "StreamHandler"),
                ("logging", "FileHandler"),
                ("logging", "addLevelName"),
                ("logging", "Formatter"),
                ("logging", "Handler"),
                ("dataclasses", "InitVar"),
                ("json", "dump"),
                ("json", "load"),
                ("json", "JSONEncoder"),
                ("json", "JSONDecoder"),
                ("logging", "NullHandler"),
                ("logging", "Filter"),
                ("logging", "LogRecord"),
                ("logging", "LoggerAdapter"),
                ("logging", "getLevelNamesMapping"),
                ("dataclasses", "KW_ONLY"),
                ("dataclasses", "make_dataclass"),
                ("traceback", "print_stack"),
                ("traceback", "format_tb"),
                ("traceback", "print_tb"),
                ("traceback", "extract_tb"),
                ("traceback", "extract_stack"),
                ("traceback", "format_stack"),
                ("traceback", "walk_tb"),
                ("traceback", "TracebackException"),
                ("traceback", "StackSummary"),
                ("traceback", "FrameSummary"),
                ("itertools", "tee"),
                ("string", "Template"),
                ("string", "Formatter"),
                ("functools", "singledispatch"),
                ("random", "betavariate"),
                ("random", "gammavariate"),
                ("random", "vonmisesvariate"),
                ("random", "paretovariate"),
                ("random", "weibullvariate"),
                ("random", "randbytes"),
                ("random", "getstate"),
                ("random", "setstate"),
                ("random", "SystemRandom"),
                ("math", "frexp"),
                ("math", "gamma"),
                ("math", "lgamma"),
                ("math", "erf"),
                ("math", "erfc"),
                ("math", "ldexp"),
                ("math", "nextafter"),
                ("math", "ulp"),
                ("collections", "ChainMap"),
                ("collections", "UserDict"),
                ("collections", "UserList"),
                ("collections", "UserString"),
                ("functools", "partialmethod"),
                ("time", "asctime"),
                ("time", "mktime"),
                ("time", "struct_time"),
                ("time", "thread_time"),
                ("sys", "version"),
                ("sys", "float_info"),
                ("sys", "int_info"),
                ("sys", "getsizeof"),
                ("sys", "modules"),
                ("sys", "path"),
                ("sys", "stdin"),
                ("sys", "executable"),
                ("sys", "implementation"),
                ("datetime", "UTC"),
                ("enum", "EnumType"),
                ("enum", "ReprEnum"),
                ("enum", "verify"),
                ("contextlib", "chdir"),
                ("typing", "get_type_hints"),
                ("typing", "get_origin"),
                ("typing", "get_args"),
                ("typing", "assert_never"),
            ];
            if NOT_YET.contains(&(m.name, &*t)) {
                return crate::interp::refusal(&format!("{}.{t}", m.name));
            }
            let e = exc("AttributeError", format!("module '{}' has no attribute '{t}'", m.name));
            // CPython's "Did you mean" looks among all its module has: the names not supported
            // here too, and asyncio's submodules (`asyncio.coroutine`: 'coroutines').
            let mut names: Vec<(Rc<str>, u32)> = m.attrs.borrow().keys().map(|&n| (text(n), 0)).collect();
            names.extend(NOT_YET.iter().filter(|(of, _)| *of == m.name).map(|(_, n)| (Rc::from(*n), 0)));
            if m.name == "asyncio" {
                names.extend(ASYNCIO_SUBMODULES.split(' ').map(|n| (Rc::from(n), 0)));
            }
            crate::suggest::for_attr(e, &t, &crate::suggest::borrowed(&names))
        }),
        Value::Func(f) => function_attr(f, name),
        Value::Builtin(b) if &*t == "__name__" => Ok(Value::str(b.name)),
        Value::Builtin(b) if b.name == "chain" && &*t == "from_iterable" => Ok(crate::itertools::from_iterable()),
        Value::Str(_) => match bound(obj, 1, STR_METHODS, name, str_method) {
            Some(m) => Ok(m),
            // CPython's str has these: missing here, not misspelt.
            None if &*t == "isprintable" => unsupported_method("str", &t),
            None => Err(no_method(obj, name, STR_METHODS)),
        },
        Value::Bytes(_) => bound(obj, 17, crate::bytes::METHODS, name, crate::bytes::method)
            .ok_or_else(|| no_method(obj, name, crate::bytes::METHODS)),
        Value::List(_) => {
            bound(obj, 2, LIST_METHODS, name, list_method).ok_or_else(|| no_method(obj, name, LIST_METHODS))
        }
        // `{}.fromkeys(…)`: the class's, as a classmethod is found through an instance.
        Value::Dict(_) if &*t == "fromkeys" => get_attr(interp, &Value::Class(obj.class()), name),
        Value::Dict(d) => {
            use crate::collections::{counter_method, ordered_method, COUNTER_METHODS, ORDERED_METHODS};
            let own = match &d.borrow().missing {
                Missing::Zero => bound(obj, 7, COUNTER_METHODS, name, counter_method),
                Missing::Ordered => bound(obj, 9, ORDERED_METHODS, name, ordered_method),
                Missing::Factory(f) if &*t == "default_factory" => return Ok(f.clone()),
                _ => None,
            };
            own.or_else(|| bound(obj, 3, DICT_METHODS, name, dict_method))
                .ok_or_else(|| no_method(obj, name, DICT_METHODS))
        }
        Value::Set(_) => bound(obj, 4, SET_METHODS, name, set_method).ok_or_else(|| no_method(obj, name, SET_METHODS)),
        // A dict's keys and items are sets to `isdisjoint`, as CPython's views are.
        Value::View(v) if v.kind != ViewKind::Values && &*t == "isdisjoint" => {
            let set = make_set(v.items())?;
            bound(&set, 4, SET_METHODS, name, set_method).ok_or_else(|| no_method(obj, name, &["isdisjoint"]))
        }
        Value::Tuple(_) => {
            bound(obj, 5, TUPLE_METHODS, name, list_method).ok_or_else(|| no_method(obj, name, TUPLE_METHODS))
        }
        Value::Range(r) => match ["start", "stop", "step"].iter().position(|n| **n == *t) {
            Some(i) => Ok(Value::Int(r[i])),
            None => bound(obj, 8, TUPLE_METHODS, name, list_method).ok_or_else(|| no_method(obj, name, TUPLE_METHODS)),
        },
        Value::Slice(s) => match ["start", "stop", "step"].iter().position(|n| **n == *t) {
            Some(i) => Ok(s[i].clone()),
            // `s.indices(n)`: where the slice starts, stops and steps on `n` items.
            None if &*t == "indices" => Ok(Value::Method(Rc::new((obj.clone(), builtin("indices", slice_indices))))),
            None => Err(no_method(obj, name, &["start", "stop", "step", "indices"])),
        },
        // A bool is an int (`True.bit_count()`, `True.real`: 1).
        Value::Bool(b) => {
            get_attr(interp, &Value::Int(i64::from(*b)), name).map_err(|_| no_method(obj, name, INT_METHODS))
        }
        Value::Int(_) | Value::Float(_) => match &*t {
            "real" => Ok(obj.clone()),
            "imag" if matches!(obj, Value::Float(_)) => Ok(Value::Float(0.0)),
            "imag" => Ok(Value::Int(0)),
            "numerator" if matches!(obj, Value::Int(_)) => Ok(obj.clone()),
            "denominator" if matches!(obj, Value::Int(_)) => Ok(Value::Int(1)),
            // CPython's, missing here: not the learner's misspelling.
            "to_bytes" | "from_bytes" if matches!(obj, Value::Int(_)) => unsupported_method("int", &t),
            "hex" | "fromhex" if matches!(obj, Value::Float(_)) => unsupported_method("float", &t),
            _ if matches!(obj, Value::Int(_)) => {
                bound(obj, 6, INT_METHODS, name, number_method).ok_or_else(|| no_method(obj, name, INT_METHODS))
            }
            _ => bound(obj, 18, FLOAT_METHODS, name, number_method).ok_or_else(|| no_method(obj, name, FLOAT_METHODS)),
        },
        Value::Task(_) | Value::Native(_) | Value::Coro(_) => crate::aio::get_attr(interp, obj, name),
        // A method's own two, and its function's attributes (`__name__`, a counter a
        // decorator keeps on it).
        Value::Method(m) => match &*t {
            // What `contextmanager` made of a function: named and documented as it is (CPython's
            // copies them with `functools.wraps`).
            "__name__" | "__qualname__" | "__doc__" | "__module__" if manager_maker(m) => get_attr(interp, &m.0, name),
            "__wrapped__" if manager_maker(m) => Ok(m.0.clone()),
            "__self__" => Ok(m.0.clone()),
            "__func__" => Ok(m.1.clone()),
            _ => get_attr(interp, &m.1, name),
        },
        // A generator's methods, run by the built-ins of the same name (`__next__`: `next`).
        // Iterating a generator gives the generator itself.
        // A script's generator's names, as a coroutine's (`__name__`: the function's own).
        Value::Gen(g) if g.builtin.is_none() && matches!(&*t, "__name__" | "__qualname__") => Ok(match &*t {
            "__name__" => Value::str(g.name.rsplit('.').next().unwrap_or(&g.name)),
            _ => Value::Str(Rc::clone(&g.name)),
        }),
        Value::Gen(g)
            if g.builtin.is_none() && matches!((&*t, g.is_async), ("gi_running", false) | ("ag_running", true)) =>
        {
            Ok(Value::Bool(g.running()))
        }
        // A built-in iterator's own (`iter(xs).__next__`, the itertools recipes' roundrobin).
        Value::Iter(_) if &*t == "__iter__" => {
            Ok(Value::Method(Rc::new((obj.clone(), builtin("__iter__", first_arg)))))
        }
        Value::Iter(_) if &*t == "__next__" => {
            Ok(Value::Method(Rc::new((obj.clone(), builtin("next", super::functions::function)))))
        }
        Value::Gen(g) if matches!((&*t, g.is_async), ("__iter__", false) | ("__aiter__", true)) => {
            Ok(Value::Method(Rc::new((obj.clone(), builtin("__iter__", first_arg)))))
        }
        Value::Gen(g) if !g.is_async => match &*t {
            "send" => Ok(Value::Method(Rc::new((obj.clone(), builtin("send", function))))),
            "close" => Ok(Value::Method(Rc::new((obj.clone(), builtin("close", function))))),
            "__next__" => Ok(Value::Method(Rc::new((obj.clone(), builtin("next", function))))),
            "throw" => Ok(Value::Method(Rc::new((obj.clone(), builtin("throw", function))))),
            // What CPython's generators have and these lack is said to be missing, not misspelt.
            "gi_frame" | "gi_code" | "gi_yieldfrom" | "gi_suspended" => {
                crate::interp::unsupported(&format!("generator.{t}"))
            }
            _ => Err(no_attr(obj, name)),
        },
        // An async generator's: coroutines that resume it (see `Gen::async_step`).
        Value::Gen(_) => match &*t {
            "__anext__" => Ok(Value::Method(Rc::new((obj.clone(), builtin("__anext__", async_gen_method))))),
            "asend" => Ok(Value::Method(Rc::new((obj.clone(), builtin("asend", async_gen_method))))),
            "athrow" => Ok(Value::Method(Rc::new((obj.clone(), builtin("athrow", async_gen_method))))),
            "aclose" => Ok(Value::Method(Rc::new((obj.clone(), builtin("aclose", async_gen_method))))),
            _ => Err(no_attr(obj, name)),
        },
        _ => Err(no_attr(obj, name)),
    }
}

/// A class's `__getattr__`, asked for `name` (None: the class has none).
fn own_getattr(interp: &Interp, i: &Instance, obj: &Value, name: Rc<str>) -> Option<PyResult> {
    if GENERIC_LOOKUP.get().is_some_and(|(id, n)| id == obj.identity() && text(n) == name) {
        return None;
    }
    match i.class.lookup(intern("__getattr__")) {
        Some(hook @ (Value::Func(_) | Value::Builtin(_))) => {
            Some(interp.call_sync(hook, vec![obj.clone(), Value::Str(name)]))
        }
        _ => None,
    }
}

/// An async generator's `__anext__`, `asend`, `athrow` and `aclose`.
fn async_gen_method(interp: &Interp, name: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    match args.first() {
        Some(Value::Gen(g)) if g.is_async && name == "athrow" => {
            g.async_step(interp, name, Some(thrown_arg(interp, name, &args[1..])?))
        }
        Some(Value::Gen(g)) if g.is_async => g.async_step(interp, name, args.get(1).cloned()),
        _ => raise("TypeError", format!("{name}() needs an async generator")),
    }
}

/// `e.with_traceback(tb)`: `e` itself. A script never holds a traceback object here (its
/// `__traceback__` is None), so anything but None is CPython's TypeError.
fn with_traceback(_: &Interp, _: &str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    match args.as_slice() {
        [e, Value::None] => Ok(e.clone()),
        [_, _] => raise("TypeError", "__traceback__ must be a traceback or None"),
        _ => raise(
            "TypeError",
            format!(
                "BaseException.with_traceback() takes exactly one argument ({} given)",
                args.len().saturating_sub(1)
            ),
        ),
    }
}

/// `exception.add_note(note)` (Python 3.11): appended to its `__notes__`, which its traceback
/// prints after its message.
fn add_note(_: &Interp, _: &str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    let (Some(Value::Instance(e)), Some(note)) = (args.first(), args.get(1)) else {
        return raise(
            "TypeError",
            format!("BaseException.add_note() takes exactly one argument ({} given)", args.len().saturating_sub(1)),
        );
    };
    if !matches!(note, Value::Str(_)) {
        return raise("TypeError", format!("note must be a str, not '{}'", note.type_name()));
    }
    let notes = intern("__notes__");
    match e.get(notes) {
        Some(Value::List(l)) => l.borrow_mut().push(note.clone()),
        Some(_) => return raise("TypeError", "Cannot add note: __notes__ is not a list"),
        None => e.set(notes, Value::list(vec![note.clone()])),
    }
    Ok(Value::None)
}

/// An exception group's `split(condition)`, `subgroup(condition)` and `derive(exceptions)`,
/// as CPython's: a condition is an exception class, a tuple of them, or a function asked of
/// each exception from the group down.
fn group_method(interp: &Interp, name: &str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    let [group, arg] = &args[..] else {
        let given = args.len().saturating_sub(1);
        return raise("TypeError", format!("{name} expected 1 argument, got {given}"));
    };
    if name == "derive" {
        let message = match group {
            Value::Instance(i) => i.get(intern("message")).unwrap_or(Value::str("")),
            _ => Value::str(""),
        };
        return crate::value::new_group(&exc_class("BaseExceptionGroup"), vec![message, arg.clone()]);
    }
    let is_class = |t: &Value| matches!(t, Value::Class(c) if c.is_exception());
    let (matched, rest) = match arg {
        Value::Func(_) => crate::interp::split_by(interp, group, &mut |x| {
            Ok(interp.call_sync(arg.clone(), vec![x.clone()])?.truthy())
        }),
        Value::Tuple(ts) if ts.iter().all(is_class) => crate::interp::split_group(interp, group, arg),
        t if is_class(t) => crate::interp::split_group(interp, group, arg),
        _ => raise("TypeError", "expected a function, exception type or tuple of exception types"),
    }?;
    let none = |x: Option<Value>| x.unwrap_or(Value::None);
    Ok(match name {
        "split" => Value::tuple(vec![none(matched), none(rest)]),
        _ => none(matched),
    })
}

/// `list.append(l, x)`: `l` must be a list, as CPython's method descriptor checks.
fn unbound_list_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    descriptor_applies("list", name, &args, |v| matches!(v, Value::List(_)))?;
    list_method(interp, name, args, kw)
}

/// `dict.get(d, k)`: see [`unbound_list_method`].
fn unbound_dict_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    descriptor_applies("dict", name, &args, |v| matches!(v, Value::Dict(_)))?;
    dict_method(interp, name, args, kw)
}

/// `set.add(s, x)`: see [`unbound_list_method`].
fn unbound_set_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    descriptor_applies("set", name, &args, |v| matches!(v, Value::Set(_)))?;
    set_method(interp, name, args, kw)
}

/// `tuple.count(t, x)`: see [`unbound_list_method`].
fn unbound_tuple_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    descriptor_applies("tuple", name, &args, |v| matches!(v, Value::Tuple(_)))?;
    list_method(interp, name, args, kw)
}

/// `int.bit_length(n)`: see [`unbound_list_method`].
fn unbound_int_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    descriptor_applies("int", name, &args, |v| matches!(v, Value::Int(_) | Value::Bool(_)))?;
    let mut args = args;
    if let Value::Bool(b) = args[0] {
        args[0] = Value::Int(i64::from(b)); // a bool is an int
    }
    number_method(interp, name, args, kw)
}

/// `float.is_integer(x)`: see [`unbound_list_method`].
fn unbound_float_method(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    descriptor_applies("float", name, &args, |v| matches!(v, Value::Float(_)))?;
    number_method(interp, name, args, kw)
}

/// CPython's errors for an unbound method given nothing, or the wrong type, to work on.
fn descriptor_applies(owner: &str, name: &str, args: &[Value], fits: fn(&Value) -> bool) -> PyResult<()> {
    match args.first() {
        None => raise("TypeError", format!("unbound method {owner}.{name}() needs an argument")),
        Some(v) if !fits(v) => {
            Err(type_error(&format!("descriptor '{name}' for '{owner}' objects doesn't apply to a '"), v, "' object"))
        }
        Some(_) => Ok(()),
    }
}

/// A bound built-in that gives back what it is bound to (`gen.__iter__()`, `C.mro()`); called
/// bare (through `__func__`), `None`.
fn first_arg(_: &Interp, _: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    Ok(args.into_iter().next().unwrap_or(Value::None))
}

/// `slice.indices(length)`, as CPython's: the bounds clamped to `length` items.
fn slice_indices(_: &Interp, _: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    let [Value::Slice(s), length] = &args[..] else {
        let given = args.len().saturating_sub(1);
        return raise("TypeError", format!("slice.indices() takes exactly one argument ({given} given)"));
    };
    let n = length.as_int().ok_or_else(|| type_error("'", length, "' object cannot be interpreted as an integer"))?;
    if n < 0 {
        return raise("ValueError", "length should not be negative");
    }
    let (start, stop, step) = super::items::slice_bounds(s, n)?;
    Ok(Value::tuple(vec![Value::Int(start), Value::Int(stop), Value::Int(step)]))
}
