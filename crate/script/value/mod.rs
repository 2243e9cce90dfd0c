//! Python values: the one `Value` type the evaluator passes around, the built-in types as
//! class objects (so `type(x).__name__`, `isinstance` and `except ValueError` work alike on
//! built-in and user classes), dicts in insertion order, and how values print and compare.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt::Write;
use std::rc::Rc;

use super::ast::{name_text, FuncDef, Name};
use super::format::{float_repr, str_repr};

mod dict;
mod repr;
mod trash;
mod types;

pub use dict::{Dict, Key, Missing};
pub use repr::{base_repr, exception_args, exception_str, exit_code, repr_or_none, stop_value, write_by};
pub use trash::{trash, Trash};
pub use types::{
    builtin_type, exc, exc_class, exception_group, module_of, new_exception, new_group, other_class, raise, raised,
    raised_from, with_types, Types, EXCEPTIONS,
};

/// A Python exception in flight: an instance of a `BaseException` subclass.
pub type Exc = Value;
/// What a Python operation gives: a value, or the exception it raised.
pub type PyResult<T = Value> = Result<T, Exc>;

/// A Python value. Cheap to clone: everything mutable or large is behind an `Rc`.
#[derive(Clone)]
pub enum Value {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An int (64 bits: an overflow is an `OverflowError`, not a big int).
    Int(i64),
    /// A float.
    Float(f64),
    /// A str.
    Str(Rc<str>),
    /// A bytes object (`b"..."`, `"...".encode()`, what a stream reads).
    Bytes(Rc<[u8]>),
    /// A list.
    List(Rc<List>),
    /// A tuple.
    Tuple(Rc<[Value]>),
    /// A dict.
    Dict(Rc<RefCell<Dict>>),
    /// A set (a dict whose values are unused).
    Set(Rc<RefCell<Dict>>),
    /// `range(start, stop, step)`.
    Range(Rc<[i64; 3]>),
    /// A `slice` (start, stop, step; `None` where left out).
    Slice(Rc<[Value; 3]>),
    /// A Python function (`def`, `async def`, `lambda`).
    Func(Rc<Function>),
    /// A function written in Rust.
    Builtin(Rc<Builtin>),
    /// A function bound to its `self`: (self, function).
    Method(Rc<(Value, Value)>),
    /// A class, built-in or the script's own.
    Class(Rc<Class>),
    /// An instance of a script's class, or an exception.
    Instance(Rc<Instance>),
    /// A module (`asyncio`, `time`, `random`, …).
    Module(Rc<Module>),
    /// A coroutine or another awaitable (a sleep, a gather): awaited once.
    Coro(Rc<super::aio::Coro>),
    /// An asyncio task.
    Task(Rc<super::aio::PyTask>),
    /// An object of the asyncio module (a queue, an event, a lock, …).
    Native(Rc<super::aio::Native>),
    /// An iterator (what `iter`, `enumerate`, `zip`, `reversed`, `dict.items()` give).
    Iter(Rc<RefCell<Iter>>),
    /// A generator or an async generator.
    Gen(Rc<super::interp::Gen>),
    /// `dict.keys()`, `.values()` or `.items()`: a live view of the dict.
    View(Rc<View>),
}

/// A dict view: what it shows of its dict, read at each use (the dict may change meanwhile).
pub struct View {
    /// The dict it shows.
    pub dict: Rc<RefCell<Dict>>,
    /// What of it.
    pub kind: ViewKind,
}

/// Which of a dict's parts a [`View`] shows.
#[derive(Clone, Copy, PartialEq)]
pub enum ViewKind {
    /// `dict.keys()`.
    Keys,
    /// `dict.values()`.
    Values,
    /// `dict.items()`: (key, value) tuples.
    Items,
}

impl View {
    /// `dict_keys`, `dict_values` or `dict_items` (`odict_keys`… for an `OrderedDict`'s).
    pub fn type_name(&self) -> &'static str {
        let ordered = self.dict.try_borrow().is_ok_and(|d| matches!(d.missing, Missing::Ordered));
        match (self.kind, ordered) {
            (ViewKind::Keys, false) => "dict_keys",
            (ViewKind::Values, false) => "dict_values",
            (ViewKind::Items, false) => "dict_items",
            (ViewKind::Keys, true) => "odict_keys",
            (ViewKind::Values, true) => "odict_values",
            (ViewKind::Items, true) => "odict_items",
        }
    }

    /// Its items now, in the dict's order.
    pub fn items(&self) -> Vec<Value> {
        let d = self.dict.borrow();
        match self.kind {
            ViewKind::Keys => d.keys(),
            ViewKind::Values => d.iter().map(|(_, v)| v.clone()).collect(),
            ViewKind::Items => d.iter().map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()])).collect(),
        }
    }
}

/// An iterator's state, walked once: a snapshot of items, or a list's items taken by index as
/// CPython's list iterator takes them (it sees the list change as it goes); with `count`, each
/// item paired with its number (`enumerate`).
pub struct Iter {
    items: std::vec::IntoIter<Value>,
    /// A list walked in place: the next index (from the end, one past it).
    list: Option<(Rc<List>, usize)>,
    backward: bool,
    dict: Option<DictWalk>,
    count: Option<i64>,
    /// Its type's name, as CPython's (`map`, `zip`, `list_iterator`).
    pub kind: &'static str,
    /// Raised once its items run out (`zip(strict=True)` over lengths that differ).
    end: Option<Value>,
}

impl Iter {
    /// An iterator over `items`.
    pub fn new(items: Vec<Value>) -> Iter {
        Iter {
            items: items.into_iter(),
            list: None,
            backward: false,
            dict: None,
            count: None,
            kind: "iterator",
            end: None,
        }
    }

    /// An iterator over `list` as it is at each step.
    pub fn of_list(list: Rc<List>) -> Iter {
        Iter { list: Some((list, 0)), kind: "list_iterator", ..Iter::new(Vec::new()) }
    }

    /// `reversed(list)`: `list` from its end, as it is at each step (one that shrank below the
    /// next index ends, as CPython's).
    pub fn of_list_reversed(list: Rc<List>) -> Iter {
        let at = list.borrow().len();
        Iter { list: Some((list, at)), backward: true, kind: "list_reverseiterator", ..Iter::new(Vec::new()) }
    }

    /// An iterator over a dict's keys, values or items as they are at each step (a value
    /// changed meanwhile is read changed), which fails as CPython's does once the dict
    /// changed size, or keys came and went.
    pub fn of_dict(dict: Rc<RefCell<Dict>>, part: ViewKind) -> Iter {
        let kind = match part {
            ViewKind::Keys => "dict_keyiterator",
            ViewKind::Values => "dict_valueiterator",
            ViewKind::Items => "dict_itemiterator",
        };
        let len = dict.borrow().len();
        Iter { dict: Some(DictWalk { dict, part, at: 0, len, left: len }), kind, ..Iter::new(Vec::new()) }
    }

    /// Its items numbered from `start` (`enumerate`).
    pub fn numbered(self, start: i64) -> Iter {
        Iter { count: Some(start), kind: "enumerate", ..self }
    }

    /// The same, of the type `kind`.
    pub fn named(self, kind: &'static str) -> Iter {
        Iter { kind, ..self }
    }

    /// The same, raising `error` (if any) once its items run out.
    pub fn then_raising(self, error: Option<Value>) -> Iter {
        Iter { end: error, ..self }
    }

    /// The next item.
    pub fn next_item(&mut self) -> PyResult<Option<Value>> {
        if let Some(walk) = &mut self.dict {
            let next = walk.next();
            if !matches!(next, Ok(Some(_))) {
                self.dict = None; // ended, or failed: it stays ended, as CPython's
            }
            return next;
        }
        let item = match &mut self.list {
            Some((list, at)) if self.backward => {
                let item = at.checked_sub(1).and_then(|i| list.borrow().get(i).cloned());
                *at = at.saturating_sub(1);
                if item.is_none() {
                    self.list = None;
                }
                item
            }
            Some((list, at)) => {
                let item = list.borrow().get(*at).cloned();
                *at += 1;
                if item.is_none() {
                    self.list = None; // exhausted for good, as CPython's list iterator
                }
                item
            }
            None => self.items.next(),
        };
        if item.is_none() {
            if let Some(e) = self.end.take() {
                return Err(e);
            }
        }
        let (Some(item), Some(n)) = (&item, self.count) else { return Ok(item) };
        self.count = Some(count_after(n)?);
        Ok(Some(Value::tuple(vec![Value::Int(n), item.clone()])))
    }
}

/// A walk over a dict's entries in place (see [`Iter::of_dict`]): the next entry from `at`,
/// `left` of the `len` it had at the start still to come.
struct DictWalk {
    dict: Rc<RefCell<Dict>>,
    part: ViewKind,
    at: usize,
    len: usize,
    left: usize,
}

impl DictWalk {
    fn next(&mut self) -> PyResult<Option<Value>> {
        // Borrowed elsewhere only while it is being changed: a change of size, as CPython says.
        let Ok(d) = self.dict.try_borrow() else {
            return raise("RuntimeError", "dictionary changed size during iteration");
        };
        if d.len() != self.len {
            return raise("RuntimeError", "dictionary changed size during iteration");
        }
        let Some((i, k, v)) = d.entry_from(self.at) else { return Ok(None) };
        // One more entry than it had: a key went and another came.
        if self.left == 0 {
            return raise("RuntimeError", "dictionary keys changed during iteration");
        }
        self.left -= 1;
        self.at = i + 1;
        Ok(Some(match self.part {
            ViewKind::Keys => k,
            ViewKind::Values => v,
            ViewKind::Items => Value::tuple(vec![k, v]),
        }))
    }
}

/// `enumerate`'s number after `n`: past 64 bits, Loopscope's `OverflowError`.
pub fn count_after(n: i64) -> PyResult<i64> {
    n.checked_add(1)
        .ok_or_else(|| exc("OverflowError", "Loopscope's ints are 64-bit: the count went past 9223372036854775807"))
}

/// A function made by `def`, `async def` or `lambda`.
#[derive(Clone)]
pub struct Function {
    /// Its definition.
    pub def: Rc<FuncDef>,
    /// The values of its parameters' defaults, evaluated when it was defined (positional, then
    /// keyword-only; `None` where a parameter has no default); `__defaults__` set replaces the
    /// positional ones.
    pub defaults: RefCell<Vec<Option<Value>>>,
    /// The scope it was defined in (its free variables live there), `None` at module level.
    pub closure: Option<Rc<super::interp::Scope>>,
    /// Which names are its locals, worked out once when it is defined.
    pub info: Rc<super::interp::ScopeInfo>,
    /// `Class.method` for a method, else its name, as defined: the functions defined in its body
    /// are named after it whatever it is renamed to.
    pub defined_as: Rc<str>,
    /// The `__qualname__` a script or `functools.update_wrapper` gave it, if any.
    pub renamed: RefCell<Option<Rc<str>>>,
    /// Attributes a script set on it (`wrapper.calls = 0`), and `__name__` if it or
    /// `functools.wraps` set that (shared with the copy a class body's method may be).
    pub attrs: Rc<RefCell<Vec<(Name, Value)>>>,
}

impl Function {
    /// Its `__qualname__`, which its repr and its call errors name.
    pub fn qualname(&self) -> Rc<str> {
        self.renamed.borrow().as_ref().map_or_else(|| Rc::clone(&self.defined_as), Rc::clone)
    }
}

impl Drop for Function {
    /// It may have been the last thing but cycles to hold the finished scope it was defined in.
    /// Its defaults go one at a time (a chain of `lambda prev=f: prev` 100,000 long).
    fn drop(&mut self) {
        if let Some(closure) = self.closure.take() {
            super::interp::cycles::free_if_unreachable(&closure, 1);
        }
        let defaults = std::mem::take(self.defaults.get_mut());
        if !defaults.is_empty() {
            trash(defaults.into_iter().flatten().map(Trash::Value));
        }
    }
}

/// A built-in function: its name and its Rust body.
pub struct Builtin {
    /// Its name, as errors and `repr` show it.
    pub name: &'static str,
    /// Its body.
    pub call: BuiltinFn,
    /// What it accepts, checked before it runs (see `builtins::signature`): `""`, not checked.
    pub sig: &'static str,
    /// Its owner as CPython's messages name it (`str`, `Random`), `""` for none.
    pub qualifier: &'static str,
    /// It is a method: given its object first.
    pub method: bool,
    /// CPython writes it in Python (asyncio's `sleep`, `gather`…): its type is `function`, as
    /// a forgotten `()` in `await asyncio.sleep` says.
    pub python: bool,
    /// CPython's is a class (`map`, `itertools.count`, `functools.partial`): see
    /// [`builtin_type`].
    pub is_type: bool,
}

/// A built-in function's body: positional arguments (with `self` first for a method) and
/// keyword arguments.
pub type BuiltinFn = fn(&super::interp::Interp, &'static str, Vec<Value>, Vec<(Name, Value)>) -> PyResult;

/// Whether a built-in bound to `m.0` is a method CPython writes in Python, a `method` there:
/// those of asyncio's classes and `Counter`'s own (`c.most_common` without its `()`).
pub fn python_method(m: &(Value, Value)) -> bool {
    match m {
        (Value::Native(n), _) => !n.is_c_type(),
        (Value::Dict(d), Value::Builtin(b)) => {
            d.try_borrow().is_ok_and(|d| d.is_counter())
                && matches!(b.name, "most_common" | "elements" | "update" | "subtract" | "total" | "copy")
        }
        _ => false,
    }
}

/// Whether `m` is what `contextmanager` or `asynccontextmanager` made of the generator
/// function `m.0`: a function in CPython, named as `m.0` (see `functools.wraps`).
pub fn manager_maker(m: &(Value, Value)) -> bool {
    matches!(&m.1, Value::Builtin(b) if matches!(b.name, "contextmanager" | "asynccontextmanager"))
}

/// A module: its name and attributes.
pub struct Module {
    /// `asyncio`, `time`, …
    pub name: &'static str,
    /// Its attributes.
    pub attrs: RefCell<super::ast::NameMap<Value>>,
}

/// What a built-in class constructs (a script's class is `Object`, an exception class `Exception`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// `object` and the script's classes.
    Object,
    /// `BaseException` and every exception class.
    Exception,
    /// `type`
    Type,
    /// `NoneType`
    NoneType,
    /// `bool`
    Bool,
    /// `int`
    Int,
    /// `float`
    Float,
    /// `str`
    Str,
    /// `bytes`
    Bytes,
    /// `list`
    List,
    /// `tuple`
    Tuple,
    /// `dict`
    Dict,
    /// `set`
    Set,
    /// `range`
    Range,
    /// Functions, methods, modules, coroutines, tasks and the asyncio objects: not callable
    /// as constructors.
    Other,
}

/// A class.
pub struct Class {
    /// Its name.
    pub name: Rc<str>,
    /// Its first base class (`__base__`), `None` for `object`.
    pub base: Option<Rc<Class>>,
    /// All its base classes, in the order the class statement names them (`__bases__`).
    pub bases: Vec<Rc<Class>>,
    /// The classes its attributes are looked up in after its own, in order: its method
    /// resolution order without itself (`__mro__[1:]`), CPython's C3 linearization.
    pub mro: Vec<Rc<Class>>,
    /// Its attributes (methods, class variables).
    pub attrs: RefCell<Vec<(Name, Value)>>,
    /// What constructing it makes.
    pub kind: Kind,
    /// The script's classes made with it as a direct base, in order (`__subclasses__()`),
    /// held weakly, as CPython's.
    pub subclasses: RefCell<Vec<std::rc::Weak<Class>>>,
}

impl Class {
    /// A class of the script: `name(base)`.
    #[inline(never)]
    pub fn new(name: Rc<str>, base: Option<Rc<Class>>, kind: Kind) -> Rc<Class> {
        let mro = base.iter().flat_map(|b| std::iter::once(b).chain(&b.mro)).cloned().collect();
        let bases = base.iter().cloned().collect();
        Rc::new(Class { name, base, bases, mro, attrs: RefCell::default(), kind, subclasses: RefCell::default() })
    }

    /// A class of the script with several bases (`class Error(AppError, LookupError)`): its
    /// method resolution order by C3, as CPython's, or CPython's `TypeError` message when the
    /// bases allow none.
    pub fn with_bases(name: Rc<str>, bases: Vec<Rc<Class>>, kind: Kind) -> Result<Rc<Class>, String> {
        for (i, b) in bases.iter().enumerate() {
            if bases[..i].iter().any(|o| Rc::ptr_eq(o, b)) {
                return Err(format!("duplicate base class {}", b.name));
            }
        }
        // C3: repeatedly take the first head of a list that is in no list's tail.
        let mut lists: Vec<Vec<Rc<Class>>> =
            bases.iter().map(|b| std::iter::once(b).chain(&b.mro).cloned().collect()).collect();
        lists.push(bases.clone());
        let mut mro = Vec::new();
        loop {
            lists.retain(|l| !l.is_empty());
            if lists.is_empty() {
                break;
            }
            let in_a_tail = |c: &Rc<Class>| lists.iter().any(|l| l[1..].iter().any(|t| Rc::ptr_eq(t, c)));
            let Some(next) = lists.iter().map(|l| &l[0]).find(|c| !in_a_tail(c)).cloned() else {
                // The classes it was stuck on, as CPython names them: each list's head, once.
                let mut names: Vec<&str> = Vec::new();
                for l in &lists {
                    if !names.contains(&&*l[0].name) {
                        names.push(&l[0].name);
                    }
                }
                return Err(format!(
                    "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                    names.join(", ")
                ));
            };
            for l in &mut lists {
                if Rc::ptr_eq(&l[0], &next) {
                    l.remove(0);
                }
            }
            mro.push(next);
        }
        let base = bases.first().cloned();
        Ok(Rc::new(Class { name, base, bases, mro, attrs: RefCell::default(), kind, subclasses: RefCell::default() }))
    }

    /// Its attribute `name` if it has one of its own (not a base's).
    pub fn own(&self, name: Name) -> Option<Value> {
        self.attrs.borrow().iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone())
    }

    /// Itself, then the classes its attributes are looked up in after it (`__mro__`).
    pub fn chain(self: &Rc<Class>) -> impl Iterator<Item = &Rc<Class>> {
        std::iter::once(self).chain(&self.mro)
    }

    /// `name` as `super()` in a method of `after` finds it for an object of this class (or
    /// this class itself): in this class's resolution order, past `after`.
    pub fn lookup_after(self: &Rc<Class>, after: &Rc<Class>, name: Name) -> Option<Value> {
        let mut past = self.chain().skip_while(|c| !Rc::ptr_eq(c, after)).skip(1).peekable();
        if past.peek().is_none() && !self.chain().any(|c| Rc::ptr_eq(c, after)) {
            return after.base.as_ref().and_then(|b| b.lookup(name));
        }
        past.find_map(|c| c.own(name))
    }

    /// A built-in class: [`Class::new`] with the name's copy made here, not at each caller.
    #[inline(never)]
    pub fn named(name: &str, base: Option<&Rc<Class>>, kind: Kind) -> Rc<Class> {
        Class::new(name.into(), base.cloned(), kind)
    }

    /// Its `__qualname__` (`Outer.Inner`, `factory.<locals>.Local`): its name, unless it was
    /// defined in a class or a function (then its own attributes hold it).
    pub fn qualname(&self) -> Rc<str> {
        let key = super::ast::intern("__qualname__");
        match self.attrs.borrow().iter().find(|(n, _)| *n == key) {
            Some((_, Value::Str(s))) => Rc::clone(s),
            _ => Rc::clone(&self.name),
        }
    }

    /// Whether it is `BaseExceptionGroup` or a subclass (`ExceptionGroup` among them).
    pub fn is_group(self: &Rc<Class>) -> bool {
        self.is_subclass(&exc_class("BaseExceptionGroup"))
    }

    /// An attribute of the class or of a base, in its resolution order.
    pub fn lookup(&self, name: Name) -> Option<Value> {
        self.own(name).or_else(|| self.mro.iter().find_map(|c| c.own(name)))
    }

    /// Whether this class is `other` or derives from it.
    pub fn is_subclass(self: &Rc<Class>, other: &Rc<Class>) -> bool {
        self.chain().any(|c| Rc::ptr_eq(c, other))
    }

    /// Whether instances are exceptions.
    pub fn is_exception(&self) -> bool {
        self.kind == Kind::Exception
    }
}

/// A list's items. Dereferences to them (`list.borrow()`); its drop hands them to [`trash`].
pub struct List(RefCell<Vec<Value>>);

impl std::ops::Deref for List {
    type Target = RefCell<Vec<Value>>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl List {
    /// Empties it, its items freed last first (as CPython's `list.clear` frees them: the order
    /// of what their ends report, tasks whose exception nobody retrieved).
    pub fn empty(&self) {
        let items = std::mem::take(&mut *self.0.borrow_mut());
        trash(items.into_iter().map(Trash::Value));
    }
}

impl Drop for List {
    fn drop(&mut self) {
        let items = std::mem::take(self.0.get_mut());
        if !items.is_empty() {
            trash(items.into_iter().map(Trash::Value));
        }
    }
}

/// The part of its line a traceback's frame failed at, which CPython 3.11 underlines with
/// carets (see `host`). Offsets are 0-based, in characters.
#[derive(Clone, Copy, Default)]
pub struct Span {
    /// The line it starts on (0: not known).
    pub line: u32,
    /// Where it starts on `line`.
    pub start: u32,
    /// The line it ends on.
    pub end_line: u32,
    /// Where it ends on `end_line` (just after its last character).
    pub end: u32,
    /// 1: a binary operator, whose left operand ends at `a` and right one starts at `b`;
    /// 2: a subscript, whose value ends at `a` and index at `b`; 0: anything else.
    pub kind: u8,
    /// See `kind`.
    pub a: u32,
    /// See `kind`.
    pub b: u32,
}

impl Span {
    /// All of `e`, as a frame that failed in it underlines it.
    pub fn of(e: &crate::ast::Expr) -> Span {
        let off = |col: u32| col.saturating_sub(1);
        Span { line: e.line, start: off(e.col), end_line: e.end_line, end: off(e.end_col), kind: 0, a: 0, b: 0 }
    }
}

/// An instance of a script's class or of an exception class.
pub struct Instance {
    /// Its class.
    pub class: Rc<Class>,
    /// Its attributes (see [`Attrs`]).
    attrs: RefCell<Attrs>,
    /// For an exception: where it went, innermost call last, as (line, function name, the
    /// part of the line that failed).
    pub traceback: RefCell<Vec<(u32, Rc<str>, Span)>>,
    /// For an exception: its `__cause__` (`raise … from …`) and `__context__`.
    pub cause: RefCell<Option<Value>>,
    /// For an exception: the exception being handled when it was raised.
    pub context: RefCell<Option<Value>>,
    /// For an exception: whether the raise said `from None`.
    pub suppress_context: Cell<bool>,
    /// For an exception: the scope whose frame its traceback gained last.
    pub tb_scope: Cell<usize>,
    /// For an exception: the frames it left, kept alive as CPython's traceback keeps them, so
    /// their locals go when it does (a coroutine never awaited there is warned about then).
    pub frames: RefCell<Vec<Rc<super::interp::Scope>>>,
    /// For an exception: it was raised (by a `raise`, or by the runtime), so its traceback
    /// has a header even with no frame of main.py in it (CPython's has the library's frames).
    pub raised: Cell<bool>,
    /// Its class's `__del__` has been called on it (once only, as CPython's).
    finalized: Cell<bool>,
}

thread_local! {
    /// Whether a class of a run so far defined `__del__`: until one does, an object's drop
    /// looks for none (a fast path only: the lookup decides).
    static FINALIZERS: Cell<bool> = const { Cell::new(false) };
    /// Objects whose last reference went and whose class has a `__del__`, with the run they
    /// went in, to be called at its next safe point (see `Interp::close_freed`): not inside
    /// the drop, where the evaluator may hold borrows.
    static FINALIZE: RefCell<Vec<(std::rc::Weak<super::interp::Interp>, Rc<Instance>)>> = const { RefCell::new(Vec::new()) };
    /// Whether a class of a run so far defined `__setattr__` or `__delattr__`: until one does,
    /// setting an attribute looks for neither (a fast path only: the lookup decides).
    static ATTR_HOOKS: Cell<bool> = const { Cell::new(false) };
}

/// A class of the script defines `__setattr__` or `__delattr__`.
pub fn attr_hooks_defined() {
    ATTR_HOOKS.with(|h| h.set(true));
}

/// The class's own `__setattr__` or `__delattr__` (`hook`), a function of the script's, if
/// `obj` is an object whose class has one.
pub fn attr_hook(obj: &Value, hook: &str) -> Option<Value> {
    if !ATTR_HOOKS.with(Cell::get) {
        return None;
    }
    match obj {
        Value::Instance(i) => i.class.lookup(crate::ast::intern(hook)).filter(|f| matches!(f, Value::Func(_))),
        _ => None,
    }
}

/// A class of the script defines `__del__`.
pub fn finalizers_defined() {
    FINALIZERS.with(|f| f.set(true));
}

/// Whether a class has defined `__del__`.
fn finalizers_due() -> bool {
    FINALIZERS.with(Cell::get)
}

/// Whether an object of `class` may have a `__del__` to call: asked in its drop, where one of
/// its classes may be borrowed (its attribute being replaced): such a class counts as having
/// one, and `Interp::finalize_freed` looks again.
fn may_finalize(class: &Rc<Class>) -> bool {
    let del = crate::ast::intern("__del__");
    class.chain().any(|c| c.attrs.try_borrow().map_or(true, |attrs| attrs.iter().any(|(n, _)| *n == del)))
}

/// The objects `interp`'s run freed since the last call whose `__del__` is due, in the order
/// they went. Those of a run that has ended go uncalled.
pub fn take_finalized(interp: &super::interp::Interp) -> Vec<Rc<Instance>> {
    if !finalizers_due() {
        return Vec::new();
    }
    let (mine, ended) = FINALIZE.with(|f| {
        let mut f = f.borrow_mut();
        let (mut mine, mut ended) = (Vec::new(), Vec::new());
        for (of, obj) in std::mem::take(&mut *f) {
            match of.strong_count() {
                _ if std::ptr::eq(of.as_ptr(), interp) => mine.push(obj),
                0 => ended.push(obj),
                _ => f.push((of, obj)),
            }
        }
        (mine, ended)
    });
    drop(ended); // not while FINALIZE is borrowed: their attributes may free more
    mine
}

/// A traceback lets go of the frames it kept: the last to keep a finished frame ends it.
fn let_go(frames: Vec<Rc<super::interp::Scope>>) {
    for frame in frames {
        frame.tracebacks.set(frame.tracebacks.get().saturating_sub(1));
        if frame.tracebacks.get() == 0 && frame.ended.get() {
            super::interp::cycles::free_ended_frame(&frame, false);
        }
    }
}

/// An object's attributes: a list, in the order they were set, until the script asks for its
/// `__dict__`; from then on that dict itself, so that what the script writes there (`update`,
/// `d[k] = v`, `del d[k]`) is the object's, as in CPython.
enum Attrs {
    List(Vec<(Name, Value)>),
    Dict(Rc<RefCell<Dict>>),
}

impl Default for Attrs {
    fn default() -> Attrs {
        Attrs::List(Vec::new())
    }
}

/// The key an attribute's name has in an object's `__dict__`.
fn attr_key(name: Name) -> (Value, Option<Key>) {
    let k = Value::Str(name_text(name));
    let key = k.key().ok();
    (k, key)
}

impl Drop for Instance {
    fn drop(&mut self) {
        let_go(std::mem::take(self.frames.get_mut()));
        // Its class's `__del__` is called on it soon: its attributes go on in an object of
        // their own (the same class, already finalized), as CPython's object outlives the call.
        if FINALIZERS.with(Cell::get) && !self.finalized.get() && may_finalize(&self.class) {
            if let Some(interp) = crate::aio::running_or_last() {
                let again = Instance::new(Rc::clone(&self.class));
                again.finalized.set(true);
                *again.attrs.borrow_mut() = std::mem::take(self.attrs.get_mut());
                FINALIZE.with(|f| f.borrow_mut().push((Rc::downgrade(&interp), again)));
            }
        }
        // Its attributes are freed first to last, as CPython frees an object's dict (`trash`
        // takes the last it was given first).
        let attrs = match std::mem::take(self.attrs.get_mut()) {
            Attrs::List(list) => list.into_iter().rev().map(|(_, v)| v).collect(),
            Attrs::Dict(d) => vec![Value::Dict(d)],
        };
        let (cause, context) = (self.cause.get_mut().take(), self.context.get_mut().take());
        if !attrs.is_empty() || cause.is_some() || context.is_some() {
            trash(context.into_iter().chain(cause).chain(attrs).map(Trash::Value));
        }
    }
}

impl Instance {
    /// An exception raised again with a traceback of its own, from where it is raised (a
    /// task's from its second `result()`, as CPython's future gives its traceback once): the
    /// frames it kept go, as CPython's replaced traceback lets them go.
    pub fn restart_traceback(&self) {
        self.traceback.borrow_mut().clear();
        self.tb_scope.set(0);
        let frames = std::mem::take(&mut *self.frames.borrow_mut());
        let_go(frames);
    }

    /// A fresh instance of `class` with no attributes.
    #[inline(never)]
    pub fn new(class: Rc<Class>) -> Rc<Instance> {
        Rc::new(Instance {
            class,
            attrs: RefCell::default(),
            traceback: RefCell::default(),
            cause: RefCell::default(),
            context: RefCell::default(),
            suppress_context: Cell::new(false),
            tb_scope: Cell::new(0),
            frames: RefCell::default(),
            raised: Cell::new(false),
            finalized: Cell::new(false),
        })
    }

    /// Its own attribute `name`.
    pub fn get(&self, name: Name) -> Option<Value> {
        match &*self.attrs.borrow() {
            Attrs::List(list) => list.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()),
            Attrs::Dict(d) => d.try_borrow().ok()?.get(&attr_key(name).1?),
        }
    }

    /// Sets its attribute `name`. What it replaces goes once its attributes are no longer
    /// borrowed (its drop may run code that reads them).
    pub fn set(&self, name: Name, value: Value) {
        let replaced = match &mut *self.attrs.borrow_mut() {
            Attrs::List(list) => put_attr(list, name, value),
            Attrs::Dict(d) => match (d.try_borrow_mut(), attr_key(name)) {
                (Ok(mut d), (k, Some(key))) => {
                    let old = d.get(&key); // a count kept: the value goes below, not in the insert
                    d.insert(key, k, value);
                    old
                }
                _ => None,
            },
        };
        drop(replaced);
    }

    /// Removes its attribute `name`: false if it had none.
    pub fn remove(&self, name: Name) -> bool {
        let removed = match &mut *self.attrs.borrow_mut() {
            Attrs::List(list) => take_attr(list, name),
            Attrs::Dict(d) => match (d.try_borrow_mut(), attr_key(name).1) {
                (Ok(mut d), Some(key)) => d.remove(&key),
                _ => None,
            },
        };
        removed.is_some() // and it goes once its attributes are no longer borrowed
    }

    /// Its attributes, in order (those its `__dict__` holds under str keys).
    pub fn pairs(&self) -> Vec<(Name, Value)> {
        match &*self.attrs.borrow() {
            Attrs::List(list) => list.clone(),
            Attrs::Dict(d) => d.try_borrow().map_or_else(
                |_| Vec::new(),
                |d| d.iter().filter_map(|(k, v)| Some((intern_text(k)?, v.clone()))).collect(),
            ),
        }
    }

    /// What its attributes hold, for a walk of what reaches what (see `interp::cycles`).
    pub fn held(&self, visit: &mut dyn FnMut(&Value)) {
        let Ok(attrs) = self.attrs.try_borrow() else { return };
        match &*attrs {
            Attrs::List(list) => list.iter().for_each(|(_, v)| visit(v)),
            Attrs::Dict(d) => visit(&Value::Dict(Rc::clone(d))),
        }
    }

    /// Its `__dict__`: the dict its attributes live in from now on (see [`Attrs`]).
    pub fn dict(&self) -> Rc<RefCell<Dict>> {
        let mut attrs = self.attrs.borrow_mut();
        if let Attrs::Dict(d) = &*attrs {
            return Rc::clone(d);
        }
        let Attrs::List(list) = std::mem::take(&mut *attrs) else { return Rc::default() };
        let mut d = Dict::default();
        for (n, v) in list {
            if let (k, Some(key)) = attr_key(n) {
                d.insert(key, k, v);
            }
        }
        let d = Rc::new(RefCell::new(d));
        *attrs = Attrs::Dict(Rc::clone(&d));
        d
    }

    /// `obj.__dict__ = d`: its attributes are `d`'s from now on.
    pub fn set_dict(&self, d: Rc<RefCell<Dict>>) {
        *self.attrs.borrow_mut() = Attrs::Dict(d);
    }
}

/// Sets `name` among `attrs` (an object's, a class's or a function's), giving back the value it
/// replaced. The caller drops that once `attrs` is no longer borrowed: its drop may read them
/// (an object's `__del__` is looked up on its class).
pub fn put_attr(attrs: &mut Vec<(Name, Value)>, name: Name, value: Value) -> Option<Value> {
    match attrs.iter_mut().find(|(n, _)| *n == name) {
        Some(slot) => Some(std::mem::replace(&mut slot.1, value)),
        None => {
            attrs.push((name, value));
            None
        }
    }
}

/// Takes `name` out of `attrs`, giving back its value, to be dropped as [`put_attr`]'s is.
pub fn take_attr(attrs: &mut Vec<(Name, Value)>, name: Name) -> Option<Value> {
    let at = attrs.iter().position(|(n, _)| *n == name)?;
    Some(attrs.remove(at).1)
}

/// The name a `__dict__` key stands for (a str key).
fn intern_text(k: &Value) -> Option<Name> {
    match k {
        Value::Str(s) => Some(crate::ast::intern(s)),
        _ => None,
    }
}

/// What a script's `__hash__` gives for `v`, called by the interpreter running now (none runs
/// outside a task's step: then its identity).
fn script_hash(v: &Value, hash: Value) -> PyResult<i64> {
    let Some(interp) = crate::aio::running() else { return Ok(v.identity() as i64) };
    match interp.call_sync(hash, vec![v.clone()])? {
        Value::Int(-1) => Ok(-2), // -1 is an error code in C: CPython's `hash()` gives -2
        Value::Int(h) => Ok(h),
        Value::Bool(b) => Ok(b as i64),
        _ => raise("TypeError", "__hash__ method should return an integer"),
    }
}

impl Value {
    /// A str value.
    #[inline(never)]
    pub fn str(s: &str) -> Value {
        Value::Str(s.into())
    }

    /// A str value made from a `String` (out of line: the copy into an `Rc` is not small).
    #[inline(never)]
    pub fn string(s: String) -> Value {
        Value::Str(s.into())
    }

    /// A list value.
    #[inline(never)]
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(List(RefCell::new(items))))
    }

    /// A dict value.
    #[inline(never)]
    pub fn dict(d: Dict) -> Value {
        Value::Dict(Rc::new(RefCell::new(d)))
    }

    /// A tuple value.
    #[inline(never)]
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(items.into())
    }

    /// The value's class.
    pub fn class(&self) -> Rc<Class> {
        match self {
            Value::Instance(i) => Rc::clone(&i.class),
            Value::Class(_) => with_types(|t| Rc::clone(&t.type_)),
            Value::None => with_types(|t| Rc::clone(&t.none)),
            Value::Bool(_) => with_types(|t| Rc::clone(&t.bool_)),
            Value::Int(_) => with_types(|t| Rc::clone(&t.int)),
            Value::Float(_) => with_types(|t| Rc::clone(&t.float)),
            Value::Str(_) => with_types(|t| Rc::clone(&t.str_)),
            Value::Bytes(_) => with_types(|t| Rc::clone(&t.bytes)),
            Value::List(_) => with_types(|t| Rc::clone(&t.list)),
            Value::Tuple(_) => with_types(|t| Rc::clone(&t.tuple)),
            // `collections`' dicts by what they do with a missing key (a dict borrowed for a
            // change now is named as a dict).
            Value::Dict(d) => match d.try_borrow().map(|d| match d.missing {
                Missing::Zero => "Counter",
                Missing::Factory(_) => "defaultdict",
                Missing::Ordered => "OrderedDict",
                Missing::KeyError => "dict",
            }) {
                Ok(name @ ("Counter" | "defaultdict" | "OrderedDict")) => other_class(name),
                _ => with_types(|t| Rc::clone(&t.dict)),
            },
            Value::Set(_) => with_types(|t| Rc::clone(&t.set)),
            Value::Range(_) => with_types(|t| Rc::clone(&t.range)),
            Value::Slice(_) => other_class("slice"),
            Value::Func(_) => other_class("function"),
            Value::Builtin(b) if b.python => other_class("function"),
            Value::Builtin(b) if b.is_type => with_types(|t| Rc::clone(&t.type_)),
            Value::Builtin(_) => other_class("builtin_function_or_method"),
            Value::Method(m) if manager_maker(m) => other_class("function"),
            Value::Method(m) if matches!(m.1, Value::Builtin(_)) && !python_method(m) => {
                other_class("builtin_function_or_method")
            }
            Value::Method(_) => other_class("method"),
            Value::Module(_) => other_class("module"),
            Value::Coro(c) => other_class(c.type_name()),
            Value::Task(t) => other_class(t.type_name()),
            Value::Native(n) => other_class(n.type_name()),
            Value::Iter(it) => other_class(it.borrow().kind),
            Value::Gen(g) => other_class(g.builtin.unwrap_or(if g.is_async { "async_generator" } else { "generator" })),
            Value::View(v) => other_class(v.type_name()),
        }
    }

    /// `type(x).__name__`, as CPython's messages name it: a task and a future by their C
    /// type's full name (`'_asyncio.Task' object is not callable`).
    pub fn type_name(&self) -> Rc<str> {
        match self {
            Value::Dict(d) if matches!(d.borrow().missing, Missing::Factory(_) | Missing::Ordered) => {
                c_type_name(&self.class())
            }
            Value::Instance(i) => c_type_name(&i.class),
            Value::Task(t) => match t.type_name() {
                "Task" => "_asyncio.Task".into(),
                "Future" => "_asyncio.Future".into(),
                other => other.into(),
            },
            Value::Int(_) => "int".into(),
            Value::Str(_) => "str".into(),
            Value::Float(_) => "float".into(),
            _ => Rc::clone(&self.class().name),
        }
    }

    /// Python's truth value (`__bool__`/`__len__` of a script's class are not consulted).
    pub fn truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) | Value::Set(d) => !d.borrow().is_empty(),
            Value::Range(r) => range_len(r) > 0,
            Value::View(v) => !v.dict.borrow().is_empty(),
            _ => true,
        }
    }

    /// The key this value hashes to, or `TypeError: unhashable type`.
    pub fn key(&self) -> PyResult<Key> {
        Ok(match self {
            Value::None => Key::None,
            Value::Bool(b) => Key::Int(*b as i64),
            Value::Int(i) => Key::Int(*i),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Key::Int(*f as i64),
            Value::Float(f) => Key::Float(f.to_bits()),
            Value::Str(s) => Key::Str(Rc::clone(s)),
            Value::Bytes(b) => Key::Bytes(Rc::clone(b)),
            Value::Tuple(t) => {
                let mut keys = Vec::with_capacity(t.len());
                for v in t.iter() {
                    keys.push(v.key()?);
                }
                Key::Tuple(keys)
            }
            Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Slice(_) => return Err(unhashable(self)),
            // The set-like views (keys, items) compare by value, as sets: unhashable too.
            Value::View(v) if v.kind != ViewKind::Values => return Err(unhashable(self)),
            // A member of an `IntEnum` or a `StrEnum` is the same key as its value.
            Value::Instance(i) if crate::enums::is_valued_member(i) => {
                return i.get(super::ast::intern("value")).unwrap_or(Value::None).key();
            }
            Value::Instance(i) => match i.class.lookup(super::ast::intern("__hash__")) {
                // A class whose `__hash__` is None: it compares by value (a dataclass, a class
                // with its own `__eq__`).
                Some(Value::None) => return Err(unhashable(self)),
                Some(hash) => Key::Hashed(Rc::as_ptr(&i.class) as usize, script_hash(self, hash)?),
                None => Key::Id(self.identity()),
            },
            // Equal when bound to the same object (see `equals`): keyed by both.
            Value::Method(m) => Key::Tuple(vec![Key::Id(m.0.identity()), Key::Id(m.1.identity())]),
            other => Key::Id(other.identity()),
        })
    }

    /// An address standing for the object's identity (`is`, hashing of objects).
    pub fn identity(&self) -> usize {
        match self {
            Value::Str(s) => Rc::as_ptr(s) as *const u8 as usize,
            Value::Bytes(b) => Rc::as_ptr(b) as *const u8 as usize,
            Value::List(l) => Rc::as_ptr(l) as usize,
            Value::Tuple(t) => Rc::as_ptr(t) as *const u8 as usize,
            Value::Dict(d) | Value::Set(d) => Rc::as_ptr(d) as usize,
            Value::Range(r) => Rc::as_ptr(r) as usize,
            Value::Slice(s) => Rc::as_ptr(s) as usize,
            Value::Func(f) => Rc::as_ptr(f) as usize,
            Value::Builtin(b) => Rc::as_ptr(b) as usize,
            Value::Method(m) => Rc::as_ptr(m) as usize,
            Value::Class(c) => Rc::as_ptr(c) as usize,
            Value::Instance(i) => Rc::as_ptr(i) as usize,
            Value::Module(m) => Rc::as_ptr(m) as usize,
            Value::Coro(c) => Rc::as_ptr(c) as usize,
            Value::Task(t) => Rc::as_ptr(t) as usize,
            Value::Native(n) => Rc::as_ptr(n) as *const u8 as usize,
            Value::Iter(i) => Rc::as_ptr(i) as usize,
            Value::Gen(g) => Rc::as_ptr(g) as usize,
            Value::View(v) => Rc::as_ptr(v) as usize,
            Value::None => 1,
            Value::Bool(b) => 2 + *b as usize,
            Value::Int(i) => *i as usize,
            Value::Float(f) => f.to_bits() as usize,
        }
    }

    /// `a is b`.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // Small ints are cached in CPython; equal ints read as the same object here.
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(_), Value::Str(_)) => self.identity() == other.identity(),
            // CPython's empty tuple is one object.
            (Value::Tuple(a), Value::Tuple(b)) if a.is_empty() && b.is_empty() => true,
            // `type(m) is map`: the class the built-in stands for.
            (Value::Class(c), Value::Builtin(b)) | (Value::Builtin(b), Value::Class(c)) => {
                builtin_type(b).is_some_and(|t| Rc::ptr_eq(&t, c))
            }
            (a, b) if std::mem::discriminant(a) == std::mem::discriminant(b) => a.identity() == b.identity(),
            _ => false,
        }
    }

    /// `self == other` for the built-in types (a script's `__eq__` is the evaluator's job).
    pub fn equals(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Bytes(a), Value::Bytes(b)) => a == b,
            (a, b) if a.as_number().is_some() && b.as_number().is_some() => {
                num_cmp(a, b) == Some(std::cmp::Ordering::Equal)
            }
            (Value::List(a), Value::List(b)) => Rc::ptr_eq(a, b) || seq_eq(&a.borrow(), &b.borrow()),
            (Value::Tuple(a), Value::Tuple(b)) => seq_eq(a, b),
            (Value::Slice(a), Value::Slice(b)) => seq_eq(&a[..], &b[..]),
            // The same dict or set: equal, as CPython's comparison of an object with itself
            // (a dict that holds itself compares without end otherwise).
            (Value::Dict(a), Value::Dict(b)) | (Value::Set(a), Value::Set(b)) if Rc::ptr_eq(a, b) => true,
            // A dict's keys or items compare as sets, with each other and with sets.
            (Value::View(v), other) | (other, Value::View(v)) if v.kind != ViewKind::Values => {
                let theirs = match other {
                    Value::View(w) if w.kind == v.kind => w.items(),
                    Value::Set(d) => d.borrow().keys(),
                    _ => return false,
                };
                let mine = v.items();
                let keys: Vec<Key> = theirs.iter().filter_map(|x| x.key().ok()).collect();
                mine.len() == theirs.len() && mine.iter().all(|x| x.key().is_ok_and(|k| keys.contains(&k)))
            }
            // Two `Counter`s: a missing count is 0 (as CPython 3.10's `Counter.__eq__`).
            (Value::Dict(a), Value::Dict(b)) if a.borrow().is_counter() && b.borrow().is_counter() => {
                let (a, b) = (a.borrow(), b.borrow());
                let zero = Value::Int(0);
                let holds = |x: &Dict, y: &Dict| {
                    x.keyed().into_iter().all(|(key, _, v)| v.equals(&y.get(&key).unwrap_or_else(|| zero.clone())))
                };
                holds(&a, &b) && holds(&b, &a)
            }
            (Value::Dict(a), Value::Dict(b)) => {
                let (a, b) = (a.borrow(), b.borrow());
                a.len() == b.len()
                    && !a.order_differs(&b)
                    && a.keyed().into_iter().all(|(key, _, v)| b.get(&key).is_some_and(|w| v.equals(&w)))
            }
            (Value::Set(a), Value::Set(b)) => {
                let (a, b) = (a.borrow(), b.borrow());
                a.len() == b.len() && a.keyed().iter().all(|(key, _, _)| b.has(key))
            }
            // As sequences: the same length, and the same items where there are any.
            (Value::Range(a), Value::Range(b)) => {
                let n = range_len(a);
                n == range_len(b) && (n == 0 || (a[0] == b[0] && (n == 1 || a[2] == b[2])))
            }
            // A method made again by each lookup: the same function bound to the same object.
            (Value::Method(a), Value::Method(b)) => a.0.is(&b.0) && a.1.is(&b.1),
            (a, b) => a.is(b),
        }
    }

    /// The value as an int, for ints and bools.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            Value::Instance(i) if crate::enums::is_valued_member(i) => crate::enums::member_value(self)?.as_int(),
            _ => None,
        }
    }

    /// The value as a float, for ints, bools and floats.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Bool(b) => Some(*b as i64 as f64),
            Value::Float(f) => Some(*f),
            // An `IntEnum`'s member is its value.
            Value::Instance(i) if crate::enums::is_valued_member(i) => crate::enums::member_value(self)?.as_number(),
            _ => None,
        }
    }
}

fn seq_eq(a: &[Value], b: &[Value]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.equals(y))
}

/// `key`'s error, out of line: it is inlined wherever a dict is used.
#[cold]
#[inline(never)]
fn unhashable(v: &Value) -> Exc {
    exc("TypeError", format!("unhashable type: '{}'", v.type_name()))
}

/// Items in a range.
pub fn range_len(r: &[i64; 3]) -> i64 {
    // In i128: a range from i64::MIN to i64::MAX is wider than an i64 (its length saturates).
    let [start, stop, step] = r.map(i128::from);
    let n = if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The text of a name, as an `Rc<str>`.
pub fn text(name: Name) -> Rc<str> {
    name_text(name)
}

/// Two numbers (ints, bools, floats) compared exactly, as CPython compares them: an int and a
/// float are not compared as two floats (`2**53 + 1 > 2.0**53`); `None` when a NaN is there.
pub fn num_cmp(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match (a.as_int(), b.as_int()) {
        (Some(x), Some(y)) => Some(x.cmp(&y)),
        (Some(x), None) => int_float_cmp(x, b.as_number()?),
        (None, Some(y)) => int_float_cmp(y, a.as_number()?).map(std::cmp::Ordering::reverse),
        _ => a.as_number()?.partial_cmp(&b.as_number()?),
    }
}

fn int_float_cmp(i: i64, f: f64) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering::*;
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if f.is_nan() {
        return None;
    }
    if f >= TWO_63 {
        return Some(Less);
    }
    if f < -TWO_63 {
        return Some(Greater);
    }
    let whole = f.trunc();
    // `whole` is exact as an i64 here; equal whole parts leave the fraction to decide.
    Some(i.cmp(&(whole as i64)).then_with(|| 0.0.partial_cmp(&(f - whole)).unwrap_or(Equal)))
}

/// A class as CPython's messages name it: the library's classes written in C with their module
/// (`'datetime.datetime'`, `'functools.partial'`, `'_asyncio.Task'`), any other by its name.
pub fn c_type_name(c: &Rc<Class>) -> Rc<str> {
    match &*c.name {
        "Task" | "Future" if module_of(c) == "_asyncio" => format!("_asyncio.{}", c.name).into(),
        "datetime" | "timedelta" | "deque" | "partial" | "OrderedDict" | "defaultdict"
            if module_of(c) != "__main__" =>
        {
            format!("{}.{}", module_of(c), c.name).into()
        }
        _ => Rc::clone(&c.name),
    }
}
