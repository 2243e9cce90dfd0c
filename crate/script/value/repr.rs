//! How built-in values print: `repr` and `str`, with CPython's `[...]` for a container inside itself.

use std::rc::Weak;

use super::*;
use crate::ast::intern;
use crate::interp::Interp;

/// Text a `repr` writes before it gives up with "...".
const REPR_MAX_BYTES: usize = 16 << 20;

/// Most `__repr__` calls nested in one another (a linked list of dataclasses): past it,
/// CPython's RecursionError, before the wasm stack runs out.
const MAX_REPR_NESTING: u32 = 200;

thread_local! {
    /// The containers (and tasks, and instances with a built-in `__repr__`) whose `repr` is
    /// being written, innermost last.
    static REPR_ACTIVE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
    /// While [`write_by`] writes: the interpreter that runs a script class's `__repr__` for an
    /// instance met at any depth, the first error such a call raised, and how deep those calls nest.
    static WRITER: RefCell<(Option<Weak<Interp>>, Option<Exc>)> = const { RefCell::new((None, None)) };
    static NESTING: Cell<u32> = const { Cell::new(0) };
}

/// What `write` gives (a value's `repr` or `str`), each instance inside the value (at any
/// depth) written by its class's `__repr__`, which `interp` runs; the first error one raised.
pub fn write_by(interp: Weak<Interp>, write: impl FnOnce() -> String) -> PyResult<String> {
    let outer = WRITER.with(|w| std::mem::replace(&mut *w.borrow_mut(), (Some(interp), None)));
    let text = write();
    let (_, failed) = WRITER.with(|w| std::mem::replace(&mut *w.borrow_mut(), outer));
    failed.map_or(Ok(text), Err)
}

/// `repr(v)` inside a [`write_by`], or None if a script's `__repr__` in it raised (the error
/// is dropped: `reprlib` shows such an instance by its class and address instead).
pub fn repr_or_none(v: &Value) -> Option<String> {
    let outer = WRITER.with(|w| w.borrow_mut().1.take());
    let text = v.repr();
    let failed = WRITER.with(|w| std::mem::replace(&mut w.borrow_mut().1, outer));
    failed.is_none().then_some(text)
}

/// An instance's text by its class's `__repr__`, while [`write_by`] writes; `None` without one.
fn script_repr(v: &Value, class: &Class) -> Option<String> {
    script_text(v, class, "__repr__")
}

/// An instance's text by its class's `method` (`__repr__`, `__str__`), while [`write_by`]
/// writes; `None` without one.
fn script_text(v: &Value, class: &Class, method: &str) -> Option<String> {
    let interp = WRITER.with(|w| w.borrow().0.as_ref().and_then(Weak::upgrade))?;
    let m = class.lookup(intern(method))?;
    let depth = NESTING.with(|n| n.replace(n.get() + 1));
    let result = match &m {
        _ if depth >= MAX_REPR_NESTING => {
            let what = if method == "__str__" { "str" } else { "repr" };
            Err(exc(
                "RecursionError",
                format!("maximum recursion depth exceeded while getting the {what} of an object"),
            ))
        }
        // A built-in one (a dataclass's) is called as it is, not as a script call, so a chain
        // of them is as deep as its data allows, not the 40 nested calls a built-in may make.
        Value::Builtin(b) => (b.call)(&interp, b.name, vec![v.clone()], vec![]),
        _ => interp.call_sync(m, vec![v.clone()]),
    };
    NESTING.with(|n| n.set(depth));
    let failed = match result {
        Ok(Value::Str(s)) => return Some(s.to_string()),
        Ok(other) => exc("TypeError", format!("{method} returned non-string (type {})", other.type_name())),
        Err(e) => e,
    };
    WRITER.with(|w| {
        w.borrow_mut().1.get_or_insert(failed);
    });
    Some("...".into())
}

impl Value {
    /// `repr(x)`: a script's `__repr__` is asked only inside [`write_by`] (the evaluator's).
    pub fn repr(&self) -> String {
        let mut out = String::new();
        self.write_repr(&mut out, 0);
        out
    }

    /// `str(x)` for built-in values.
    pub fn to_str(&self) -> String {
        match self {
            Value::Str(s) => s.to_string(),
            // An exception's own `__str__` (one inside another's arguments), else its arguments.
            Value::Instance(i) if i.class.is_exception() => match i.class.lookup(intern("__str__")) {
                Some(Value::Func(_)) => script_text(self, &i.class, "__str__").unwrap_or_else(|| exception_str(i)),
                _ => exception_str(i),
            },
            // A script's object inside an exception's message (`ValueError(obj)`): its `__str__`.
            Value::Instance(i) => script_text(self, &i.class, "__str__").unwrap_or_else(|| self.repr()),
            // A queue's `str` leaves its address out.
            Value::Native(n) => n.queue_text(false).unwrap_or_else(|| self.repr()),
            _ => self.repr(),
        }
    }

    fn write_repr(&self, out: &mut String, depth: usize) {
        // Past 16 MiB of text (a list holding itself twice would double it 50 times) or 50
        // levels, the rest is "...".
        if depth > 50 || out.len() > REPR_MAX_BYTES {
            out.push_str("...");
            return;
        }
        // A container already being written is "[...]" / "{...}", as in CPython.
        let ptr = match self {
            Value::List(l) => Some((Rc::as_ptr(l) as *const u8 as usize, "[...]")),
            Value::Dict(d) => Some((Rc::as_ptr(d) as *const u8 as usize, "{...}")),
            // A tuple too (an exception's `args` that hold the exception itself, made by
            // `super().__init__(self, mesaj)`: `E(E(...), 'mesaj')`).
            Value::Tuple(t) if !t.is_empty() => Some((Rc::as_ptr(t) as *const u8 as usize, "(...)")),
            Value::Task(t) => Some((Rc::as_ptr(t) as *const u8 as usize, "<Task ...>")),
            // A dataclass that holds itself: `Node(val=1, next=...)`, as CPython's; a deque
            // shows its list.
            Value::Instance(i) if matches!(i.class.lookup(intern("__repr__")), Some(Value::Builtin(_))) => {
                let seen = if crate::deque::is_deque(&i.class) { "[...]" } else { "..." };
                Some((Rc::as_ptr(i) as *const u8 as usize, seen))
            }
            _ => None,
        };
        if let Some((p, seen)) = ptr {
            if REPR_ACTIVE.with(|a| a.borrow().contains(&p)) {
                match self {
                    Value::Dict(d) => match d.try_borrow() {
                        Ok(d) => write_dict_seen(out, &d.missing.clone(), depth),
                        Err(_) => out.push_str(seen),
                    },
                    _ => out.push_str(seen),
                }
                return;
            }
            REPR_ACTIVE.with(|a| a.borrow_mut().push(p));
            self.write_repr_of(out, depth);
            REPR_ACTIVE.with(|a| a.borrow_mut().pop());
        } else {
            self.write_repr_of(out, depth);
        }
    }

    fn write_repr_of(&self, out: &mut String, depth: usize) {
        let seq =
            |out: &mut String, items: &[Value], open: &str, close: &str| write_seq(out, items, open, close, depth);
        match self {
            Value::None => out.push_str("None"),
            Value::Bool(true) => out.push_str("True"),
            Value::Bool(false) => out.push_str("False"),
            Value::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Value::Float(f) => out.push_str(&float_repr(*f)),
            Value::Str(s) => out.push_str(&str_repr(s)),
            Value::Bytes(b) => out.push_str(&crate::bytes::repr(b)),
            // Each container's items are copied out of its cell before they are written: a
            // script's `__repr__` on the way may change the container.
            Value::List(l) => match l.try_borrow().map(|l| l.clone()) {
                Ok(items) => seq(out, &items, "[", "]"),
                Err(_) => out.push_str("[...]"),
            },
            Value::Tuple(t) if t.len() == 1 => seq(out, t, "(", ",)"),
            Value::Tuple(t) => seq(out, t, "(", ")"),
            Value::Dict(d) => {
                let (missing, entries) = {
                    let d = d.borrow();
                    // A Counter whose counts do not all compare prints in its own order, as
                    // CPython's repr falls back when `most_common` raises.
                    let entries =
                        if d.is_counter() { d.by_count().unwrap_or_else(|| d.entries()) } else { d.entries() };
                    (d.missing.clone(), entries)
                };
                let close = match missing {
                    Missing::KeyError => {
                        out.push('{');
                        "}"
                    }
                    Missing::Factory(f) => {
                        out.push_str("defaultdict(");
                        f.write_repr(out, depth + 1);
                        out.push_str(", {");
                        "})"
                    }
                    Missing::Zero if entries.is_empty() => {
                        out.push_str("Counter()");
                        return;
                    }
                    Missing::Ordered if entries.is_empty() => {
                        out.push_str("OrderedDict()");
                        return;
                    }
                    Missing::Ordered => {
                        // `OrderedDict([('a', 1), ('b', 2)])`: its items as a list of pairs.
                        let pairs: Vec<Value> = entries.into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect();
                        out.push_str("OrderedDict(");
                        Value::list(pairs).write_repr(out, depth + 1);
                        out.push(')');
                        return;
                    }
                    Missing::Zero => {
                        out.push_str("Counter({");
                        "})"
                    }
                };
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    k.write_repr(out, depth + 1);
                    out.push_str(": ");
                    v.write_repr(out, depth + 1);
                }
                out.push_str(close);
            }
            Value::Set(d) if d.borrow().is_empty() => out.push_str("set()"),
            Value::Set(d) => {
                let items = d.borrow().set_order();
                seq(out, &items, "{", "}");
            }
            Value::Range(r) if r[2] == 1 => {
                let _ = write!(out, "range({}, {})", r[0], r[1]);
            }
            Value::Range(r) => {
                let _ = write!(out, "range({}, {}, {})", r[0], r[1], r[2]);
            }
            Value::Slice(s) => seq(out, &s[..], "slice(", ")"),
            Value::Func(f) => {
                let _ = write!(out, "<function {} at {:#x}>", f.qualname(), self.identity());
            }
            Value::Builtin(b) if b.python => {
                let _ = write!(out, "<function {} at {:#x}>", b.name, self.identity());
            }
            // A type's method taken from the type: `str.upper`, `list.append`.
            Value::Builtin(b) if b.method && matches!(b.qualifier, "str" | "list" | "dict" | "set") => {
                let _ = write!(out, "<method '{}' of '{}' objects>", b.name, b.qualifier);
            }
            // `object`'s own, taken from a class: `P.__eq__`.
            Value::Builtin(b) if b.method && b.qualifier.is_empty() && b.name.starts_with("__") => {
                let _ = write!(out, "<slot wrapper '{}' of 'object' objects>", b.name);
            }
            Value::Builtin(b) => {
                let _ = match super::builtin_type(b) {
                    Some(_) if crate::itertools::NAMES.contains(&b.name) => {
                        write!(out, "<class 'itertools.{}'>", b.name)
                    }
                    Some(_) if b.name == "partial" => write!(out, "<class 'functools.partial'>"),
                    Some(_) => write!(out, "<class '{}'>", b.name),
                    None => write!(out, "<built-in function {}>", b.name),
                };
            }
            // `<bound method Dog.bark of <__main__.Dog object at 0x…>>`: a forgotten `()`.
            Value::Method(m) => match &m.1 {
                _ if super::manager_maker(m) => m.0.write_repr(out, depth),
                // asyncio's objects are Python classes in CPython, and `Counter` too:
                // `<bound method Lock.acquire of …>`.
                Value::Builtin(b) if super::python_method(m) => {
                    let _ = write!(out, "<bound method {}.{} of ", m.0.type_name(), b.name);
                    m.0.write_repr(out, depth + 1);
                    out.push('>');
                }
                Value::Builtin(b) => {
                    let _ = write!(
                        out,
                        "<built-in method {} of {} object at {:#x}>",
                        b.name,
                        m.0.type_name(),
                        m.0.identity()
                    );
                }
                f => {
                    let name = match f {
                        Value::Func(f) => f.qualname().to_string(),
                        f => f.type_name().to_string(),
                    };
                    let _ = write!(out, "<bound method {name} of ");
                    m.0.write_repr(out, depth + 1);
                    out.push('>');
                }
            },
            Value::Class(c) if crate::enums::is_enum_class(c) => {
                let _ = write!(out, "<enum '{}'>", c.name);
            }
            Value::Class(c) => {
                let _ = match module_of(c) {
                    "builtins" => write!(out, "<class '{}'>", c.name),
                    module => write!(out, "<class '{module}.{}'>", c.qualname()),
                };
            }
            Value::Instance(i) if i.class.is_exception() => {
                if let Some(text) = script_repr(self, &i.class) {
                    out.push_str(&text);
                    return;
                }
                // Its `args` written as the tuple they are, so that one holding the exception
                // itself stops at "(...)"; a single one without the comma.
                out.push_str(&i.class.name);
                match i.get(crate::ast::intern("args")) {
                    Some(Value::Tuple(t)) if t.len() == 1 => seq(out, &t, "(", ")"),
                    Some(args @ Value::Tuple(_)) => args.write_repr(out, depth + 1),
                    _ => out.push_str("()"),
                }
            }
            Value::Instance(i) => {
                if let Some(text) = script_repr(self, &i.class) {
                    out.push_str(&text);
                    return;
                }
                object_repr(out, i);
            }
            Value::Module(m) => {
                let _ = write!(out, "<module '{}'>", m.name);
            }
            Value::Coro(c) => {
                let _ = match c.type_name() {
                    "coroutine" => write!(out, "<coroutine object {} at {:#x}>", c.qualname(), self.identity()),
                    kind => write!(out, "<{kind} object at {:#x}>", self.identity()),
                };
            }
            Value::Task(t) => out.push_str(&t.repr()),
            Value::Native(n) => match n.repr() {
                Some(r) => out.push_str(&r),
                None => {
                    let _ = write!(out, "<asyncio.{} object at {:#x}>", n.type_name(), self.identity());
                }
            },
            Value::Iter(it) => {
                let kind = it.borrow().kind;
                let module = if crate::itertools::NAMES.contains(&kind) { "itertools." } else { "" };
                let _ = write!(out, "<{module}{kind} object at {:#x}>", self.identity());
            }
            Value::Gen(g) => {
                let _ = match g.builtin {
                    Some(kind @ ("map" | "filter" | "zip" | "enumerate")) => {
                        write!(out, "<{kind} object at {:#x}>", self.identity())
                    }
                    Some(kind) => write!(out, "<itertools.{kind} object at {:#x}>", self.identity()),
                    None => {
                        let kind = if g.is_async { "async_generator" } else { "generator" };
                        write!(out, "<{kind} object {} at {:#x}>", g.name, self.identity())
                    }
                };
            }
            Value::View(v) => {
                // `dict_keys(['a', 'b'])`; a dict that holds its own view shows it as `...`.
                out.push_str(v.type_name());
                if v.dict.try_borrow().is_ok() {
                    let items = v.items();
                    seq(out, &items, "([", "])");
                } else {
                    out.push_str("(...)");
                }
            }
        }
    }
}

/// A dict met again while it is being written: `{...}`; an `OrderedDict`'s repr is guarded
/// as a whole (`...`), a `defaultdict`'s only around its dict.
#[inline(never)]
fn write_dict_seen(out: &mut String, missing: &Missing, depth: usize) {
    match missing {
        Missing::Ordered => out.push_str("..."),
        Missing::Factory(f) => {
            out.push_str("defaultdict(");
            f.write_repr(out, depth + 1);
            out.push_str(", {...})");
        }
        _ => out.push_str("{...}"),
    }
}

/// Items' reprs between `open` and `close`, out of line: `write_repr_of` writes six kinds of sequence.
#[inline(never)]
fn write_seq(out: &mut String, items: &[Value], open: &str, close: &str, depth: usize) {
    out.push_str(open);
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        v.write_repr(out, depth + 1);
    }
    out.push_str(close);
}

/// An exception's `args`.
pub fn exception_args(i: &Instance) -> Vec<Value> {
    match i.get(crate::ast::intern("args")) {
        Some(Value::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    }
}

/// A `StopIteration`'s `value`: its first argument, or None.
pub fn stop_value(i: &Instance) -> Value {
    exception_args(i).into_iter().next().unwrap_or(Value::None)
}

/// A `SystemExit`'s `code`: None, its one argument, or all of them as a tuple, as CPython's.
pub fn exit_code(i: &Instance) -> Value {
    let mut args = exception_args(i);
    match args.len() {
        0 => Value::None,
        1 => args.remove(0),
        _ => Value::tuple(args),
    }
}

/// `object.__repr__` (`BaseException.__repr__` for an exception) of `i`, whatever its class
/// defines: what `super().__repr__()` gives.
pub fn base_repr(i: &Instance) -> String {
    let mut out = String::new();
    if i.class.is_exception() {
        out.push_str(&i.class.name);
        write_seq(&mut out, &exception_args(i), "(", ")", 0);
    } else {
        object_repr(&mut out, i);
    }
    out
}

/// `object.__repr__`'s text: `<__main__.Hasta object at 0x…>`, `<property object at 0x…>`.
/// The address is the object's in the interpreter's memory, as `id()` gives it.
fn object_repr(out: &mut String, i: &Instance) {
    let (class, at) = (&i.class, std::ptr::from_ref(i) as usize);
    let _ = match module_of(class) {
        "builtins" => write!(out, "<{} object at {at:#x}>", class.qualname()),
        module => write!(out, "<{module}.{} object at {at:#x}>", class.qualname()),
    };
}

/// `str(exc)`: its one argument's str, the tuple of several, "" for none; a `KeyError` shows
/// its key's repr.
pub fn exception_str(i: &Instance) -> String {
    let args = exception_args(i);
    match args.as_slice() {
        [] => String::new(),
        [one] if i.class.is_subclass(&exc_class("KeyError")) => one.repr(),
        // An exception group: its message and how many it holds.
        _ if i.class.is_group() => {
            let message = i.get(crate::ast::intern("message")).map_or_else(String::new, |m| m.to_str());
            let n = match i.get(crate::ast::intern("exceptions")) {
                Some(Value::Tuple(t)) => t.len(),
                _ => 0,
            };
            format!("{message} ({n} sub-exception{})", if n == 1 { "" } else { "s" })
        }
        [one] => one.to_str(),
        [_, _, _, _, _] if i.class.is_subclass(&exc_class("UnicodeError")) => {
            let decode = i.class.is_subclass(&exc_class("UnicodeDecodeError"));
            crate::bytes::codec_message(decode, &args).unwrap_or_else(|| Value::tuple(args).repr())
        }
        // An `OSError` made with an errno (see `types::os_error`).
        [errno, text] if i.get(crate::ast::intern("errno")).is_some() => {
            let mut out = format!("[Errno {}] {}", errno.to_str(), text.to_str());
            for (attr, before) in [("filename", ": "), ("filename2", " -> ")] {
                match i.get(crate::ast::intern(attr)) {
                    Some(Value::None) | None => break,
                    Some(file) => out = format!("{out}{before}{}", file.repr()),
                }
            }
            out
        }
        _ => i.get(crate::ast::intern("args")).map_or_else(String::new, |args| args.repr()),
    }
}
