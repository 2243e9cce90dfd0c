//! The built-in classes and exception classes, made once per thread, and the constructors of built-in exceptions.

use super::*;

thread_local! {
    static TYPES: Types = Types::new();
}

/// The built-in classes, made once.
pub struct Types {
    /// `object`
    pub object: Rc<Class>,
    /// `type`
    pub type_: Rc<Class>,
    /// `NoneType`
    pub none: Rc<Class>,
    /// `bool`
    pub bool_: Rc<Class>,
    /// `int`
    pub int: Rc<Class>,
    /// `float`
    pub float: Rc<Class>,
    /// `str`
    pub str_: Rc<Class>,
    /// `bytes`
    pub bytes: Rc<Class>,
    /// `list`
    pub list: Rc<Class>,
    /// `tuple`
    pub tuple: Rc<Class>,
    /// `dict`
    pub dict: Rc<Class>,
    /// `set`
    pub set: Rc<Class>,
    /// `range`
    pub range: Rc<Class>,
    /// `function`, `builtin_function_or_method`, `method`, `module`, `coroutine`, `Task`, …
    /// (a few, found by a scan: a map of its own type cost more code than it saved time).
    pub others: RefCell<Vec<(&'static str, Rc<Class>)>>,
    /// The exception classes, in the order of [`EXCEPTIONS`].
    pub exceptions: Vec<Rc<Class>>,
}

/// The built-in exception classes, each after its base.
pub const EXCEPTIONS: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("Exception", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("SystemExit", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("CancelledError", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("LookupError", "Exception"),
    ("KeyError", "LookupError"),
    ("IndexError", "LookupError"),
    ("ValueError", "Exception"),
    ("TypeError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("AttributeError", "Exception"),
    ("AssertionError", "Exception"),
    ("RuntimeError", "Exception"),
    ("RecursionError", "RuntimeError"),
    ("NotImplementedError", "RuntimeError"),
    ("MemoryError", "Exception"),
    ("StopIteration", "Exception"),
    ("StopAsyncIteration", "Exception"),
    ("OSError", "Exception"),
    ("TimeoutError", "OSError"),
    ("ConnectionError", "OSError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("ConnectionAbortedError", "ConnectionError"),
    ("BrokenPipeError", "ConnectionError"),
    ("FileNotFoundError", "OSError"),
    ("FileExistsError", "OSError"),
    ("PermissionError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("InterruptedError", "OSError"),
    ("BlockingIOError", "OSError"),
    ("EOFError", "Exception"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("FloatingPointError", "ArithmeticError"),
    ("BufferError", "Exception"),
    ("ReferenceError", "Exception"),
    ("SystemError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("InvalidStateError", "Exception"),
    ("QueueEmpty", "Exception"),
    ("QueueFull", "Exception"),
    ("BrokenBarrierError", "RuntimeError"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("Warning", "Exception"),
    ("DeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("UserWarning", "Warning"),
    ("FutureWarning", "Warning"),
    ("SyntaxWarning", "Warning"),
    ("PendingDeprecationWarning", "Warning"),
    ("ResourceWarning", "Warning"),
    ("BaseExceptionGroup", "BaseException"),
    ("ExceptionGroup", "Exception"),
    ("IncompleteReadError", "EOFError"),
    ("LimitOverrunError", "Exception"),
    ("gaierror", "OSError"),
];

impl Types {
    fn new() -> Types {
        let object = Class::named("object", None, Kind::Object);
        let make = |name: &str, kind| Class::named(name, Some(&object), kind);
        let int = make("int", Kind::Int);
        let mut types = Types {
            type_: make("type", Kind::Type),
            none: make("NoneType", Kind::NoneType),
            bool_: Class::named("bool", Some(&int), Kind::Bool),
            int,
            float: make("float", Kind::Float),
            str_: make("str", Kind::Str),
            bytes: make("bytes", Kind::Bytes),
            list: make("list", Kind::List),
            tuple: make("tuple", Kind::Tuple),
            dict: make("dict", Kind::Dict),
            set: make("set", Kind::Set),
            range: make("range", Kind::Range),
            others: RefCell::default(),
            exceptions: Vec::with_capacity(EXCEPTIONS.len()),
            object,
        };
        for (name, base) in EXCEPTIONS {
            let base = match exc_index(base) {
                Some(i) => Rc::clone(&types.exceptions[i]),
                None => Rc::clone(&types.object),
            };
            let class = match *name {
                // CPython's `ExceptionGroup(BaseExceptionGroup, Exception)`: a handler of either catches it.
                "ExceptionGroup" => {
                    let group = Rc::clone(&types.exceptions[exc_index("BaseExceptionGroup").unwrap_or(0)]);
                    Class::with_bases((*name).into(), vec![group, Rc::clone(&base)], Kind::Exception)
                        .unwrap_or_else(|_| Class::named(name, Some(&base), Kind::Exception))
                }
                _ => Class::named(name, Some(&base), Kind::Exception),
            };
            types.exceptions.push(class);
        }
        types
    }
}

/// Runs `f` on the built-in classes.
pub fn with_types<T>(f: impl FnOnce(&Types) -> T) -> T {
    TYPES.with(f)
}

/// The module of a class, as its `__module__`, its repr and a traceback's last line name it:
/// a script's own are `__main__`'s, asyncio's are in its submodules, the rest `builtins`.
pub fn module_of(c: &Rc<Class>) -> &'static str {
    if crate::modules::is_json_error(c) {
        return "json.decoder";
    }
    if crate::abc::is_abc(c) {
        return "abc";
    }
    if crate::dataclasses::is_frozen_error(c) {
        return "dataclasses";
    }
    let own = match c.kind {
        Kind::Object => c.base.is_some(),
        Kind::Exception => !exc_index(&c.name).is_some_and(|i| with_types(|t| Rc::ptr_eq(&t.exceptions[i], c))),
        _ => false,
    };
    if own {
        return "__main__";
    }
    match &*c.name {
        "CancelledError" | "InvalidStateError" | "BrokenBarrierError" | "IncompleteReadError" | "LimitOverrunError" => {
            "asyncio.exceptions"
        }
        "gaierror" if c.kind == Kind::Exception => "socket",
        "QueueEmpty" | "QueueFull" | "Queue" | "PriorityQueue" | "LifoQueue" => "asyncio.queues",
        "Lock" | "Event" | "Semaphore" | "BoundedSemaphore" | "Condition" | "Barrier" => "asyncio.locks",
        "Task" | "Future" => "_asyncio",
        "_GatheringFuture" => "asyncio.tasks",
        "TaskGroup" => "asyncio.taskgroups",
        "Timeout" => "asyncio.timeouts",
        "Handle" | "TimerHandle" => "asyncio.events",
        "ContextVar" | "Context" | "Token" => "_contextvars",
        "datetime" | "timedelta" => "datetime",
        "partial" | "cached_property" => "functools",
        "GenericAlias" | "UnionType" => "types",
        "Logger" | "RootLogger" => "logging",
        "Random" => "random",
        "_UnixSelectorEventLoop" => "asyncio.unix_events",
        "BaseSelectorEventLoop" => "asyncio.selector_events",
        "BaseEventLoop" => "asyncio.base_events",
        "AbstractEventLoop" => "asyncio.events",
        "StreamReader" | "StreamWriter" => "asyncio.streams",
        "deque" | "Counter" | "defaultdict" | "OrderedDict" => "collections",
        n if crate::itertools::NAMES.contains(&n) => "itertools",
        _ => "builtins",
    }
}

/// The built-in exception class `name` (one of [`EXCEPTIONS`]).
#[cold]
#[inline(never)]
pub fn exc_class(name: &'static str) -> Rc<Class> {
    with_types(|t| Rc::clone(exc_index(name).map_or(&t.object, |i| &t.exceptions[i])))
}

pub(super) fn exc_index(name: &str) -> Option<usize> {
    EXCEPTIONS.iter().position(|(n, _)| *n == name)
}

/// A new exception of the built-in class `name` with `message` as its one argument.
#[cold]
#[inline(never)]
pub fn exc(name: &'static str, message: impl Into<String>) -> Exc {
    raised(new_exception(exc_class(name), vec![Value::string(message.into())]))
}

/// `e`, marked as raised by the runtime (see `Instance::raised`).
pub fn raised(e: Exc) -> Exc {
    if let Value::Instance(i) = &e {
        i.raised.set(true);
    }
    e
}

/// A new exception of `class` with these `args`.
#[cold]
#[inline(never)]
pub fn new_exception(class: Rc<Class>, args: Vec<Value>) -> Exc {
    let group = match &args[..] {
        [message @ Value::Str(_), Value::List(l)] if class.is_group() => {
            Some((message.clone(), Value::tuple(l.borrow().clone())))
        }
        [message @ Value::Str(_), exceptions @ Value::Tuple(_)] if class.is_group() => {
            Some((message.clone(), exceptions.clone()))
        }
        _ => None,
    };
    let (class, mut args, os_attrs) =
        if class.is_subclass(&exc_class("OSError")) { os_error(class, args) } else { (class, args, None) };
    let inst = Instance::new(class);
    // asyncio's stream errors, as their `__init__` makes them: `IncompleteReadError(partial,
    // expected)` says how much came, `LimitOverrunError(message, consumed)` keeps the count.
    // (A subclass's own `__init__` is not followed into theirs: its arguments are its own.)
    if let [first, second] = &args[..] {
        let (partial, expected) = (first.clone(), second.clone());
        if Rc::ptr_eq(&inst.class, &exc_class("IncompleteReadError")) {
            let n = match &partial {
                Value::Bytes(b) => b.len(),
                Value::Str(s) => s.chars().count(),
                Value::List(l) => l.borrow().len(),
                Value::Tuple(t) => t.len(),
                _ => 0,
            };
            let total = if matches!(expected, Value::None) { "undefined".into() } else { expected.repr() };
            args = vec![Value::string(format!("{n} bytes read on a total of {total} expected bytes"))];
            inst.set(crate::ast::intern("partial"), partial);
            inst.set(crate::ast::intern("expected"), expected);
        } else if Rc::ptr_eq(&inst.class, &exc_class("LimitOverrunError")) {
            args = vec![partial];
            inst.set(crate::ast::intern("consumed"), expected);
        }
    }
    for (name, value) in ["errno", "strerror", "filename", "filename2"].into_iter().zip(os_attrs.into_iter().flatten())
    {
        inst.set(crate::ast::intern(name), value);
    }
    if let [encoding, object, start, end, reason] = &args[..] {
        if inst.class.is_subclass(&exc_class("UnicodeError")) {
            for (name, v) in
                ["encoding", "object", "start", "end", "reason"].into_iter().zip([encoding, object, start, end, reason])
            {
                inst.set(crate::ast::intern(name), v.clone());
            }
        }
    }
    inst.set(crate::ast::intern("args"), Value::tuple(args));
    if let Some((message, exceptions)) = group {
        // `ExceptionGroup(message, [errors])`: what `except*` and the traceback read.
        inst.set(crate::ast::intern("message"), message);
        inst.set(crate::ast::intern("exceptions"), exceptions);
    }
    Value::Instance(inst)
}

/// `OSError(errno, strerror[, filename[, winerror[, filename2]]])`, as CPython makes it: an
/// `OSError` whose errno has a class of its own is one of that class (111 a
/// `ConnectionRefusedError`), its `args` keep the first two, and its attributes are set
/// (None for other arguments). Its `str()` is "[Errno 111] Connection refused".
#[cold]
fn os_error(mut class: Rc<Class>, mut args: Vec<Value>) -> (Rc<Class>, Vec<Value>, Option<[Value; 4]>) {
    const BY_ERRNO: &[(i64, &str)] = &[
        (1, "PermissionError"),
        (2, "FileNotFoundError"),
        (4, "InterruptedError"),
        (11, "BlockingIOError"),
        (13, "PermissionError"),
        (17, "FileExistsError"),
        (20, "NotADirectoryError"),
        (21, "IsADirectoryError"),
        (32, "BrokenPipeError"),
        (103, "ConnectionAbortedError"),
        (104, "ConnectionResetError"),
        (108, "BrokenPipeError"),
        (110, "TimeoutError"),
        (111, "ConnectionRefusedError"),
        (114, "BlockingIOError"),
        (115, "BlockingIOError"),
    ];
    // Any two to five arguments: the first is the errno, whatever it is (`ConnectionError(url,
    // "timed out")` prints "[Errno http://…] timed out").
    let errno = match &args[..] {
        [errno, _, rest @ ..] if rest.len() <= 3 => errno.as_int(),
        _ => return (class, args, Some([Value::None, Value::None, Value::None, Value::None])),
    };
    if let (Some(errno), "OSError") = (errno, &*class.name) {
        if let Some((_, name)) = BY_ERRNO.iter().find(|(n, _)| *n == errno) {
            class = exc_class(name);
        }
    }
    let file2 = if args.len() == 5 { args.pop() } else { None };
    let file = if args.len() > 2 { Some(args.swap_remove(2)) } else { None };
    args.truncate(2);
    let attrs = [args[0].clone(), args[1].clone(), file.unwrap_or(Value::None), file2.unwrap_or(Value::None)];
    (class, args, Some(attrs))
}

/// `err` raised from `cause`, as `raise err from cause` raises it in an `except` block
/// that caught `cause`: its cause and its context, the context hidden.
pub fn raised_from(err: Exc, cause: Exc) -> Exc {
    if let Value::Instance(i) = &err {
        *i.cause.borrow_mut() = Some(cause.clone());
        *i.context.borrow_mut() = Some(cause);
        i.suppress_context.set(true);
    }
    err
}

/// An `ExceptionGroup` of `errors` (a `BaseExceptionGroup` if one of them is not an
/// `Exception`, as CPython makes it).
pub fn exception_group(message: &str, errors: Vec<Value>) -> Exc {
    let base = errors.iter().any(|e| !e.class().is_subclass(&exc_class("Exception")));
    let class = exc_class(if base { "BaseExceptionGroup" } else { "ExceptionGroup" });
    new_exception(class, vec![Value::str(message), Value::list(errors)])
}

/// `ExceptionGroup(message, exceptions)` as a script calls it, checked as CPython's
/// `BaseExceptionGroup.__new__` checks it: a non-empty sequence of exceptions; a
/// `BaseExceptionGroup` of `Exception`s alone is an `ExceptionGroup`, which holds no other.
pub fn new_group(class: &Rc<Class>, args: Vec<Value>) -> PyResult {
    let [message, exceptions] = &args[..] else {
        let given = args.len();
        return raise("TypeError", format!("BaseExceptionGroup.__new__() takes exactly 2 arguments ({given} given)"));
    };
    if !matches!(message, Value::Str(_)) {
        let what = format!("BaseExceptionGroup.__new__() argument 1 must be str, not {}", message.type_name());
        return raise("TypeError", what);
    }
    let items = match exceptions {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        _ => return raise("TypeError", "second argument (exceptions) must be a sequence"),
    };
    if items.is_empty() {
        return raise("ValueError", "second argument (exceptions) must be a non-empty sequence");
    }
    if let Some(n) = items.iter().position(|e| !matches!(e, Value::Instance(i) if i.class.is_exception())) {
        return raise("ValueError", format!("Item {n} of second argument (exceptions) is not an exception"));
    }
    let exception = exc_class("Exception");
    let plain = items.iter().all(|e| e.class().is_subclass(&exception));
    let class = match plain && Rc::ptr_eq(class, &exc_class("BaseExceptionGroup")) {
        true => exc_class("ExceptionGroup"),
        false => Rc::clone(class),
    };
    if !plain && class.is_subclass(&exception) {
        return raise("TypeError", "Cannot nest BaseExceptions in an ExceptionGroup");
    }
    Ok(new_exception(class, args))
}

/// `Err` of a new built-in exception: `return raise("ValueError", "…")`.
pub fn raise<T>(name: &'static str, message: impl Into<String>) -> PyResult<T> {
    Err(exc(name, message))
}

/// The class a built-in function stands for where CPython's is a class (`map`, `zip`,
/// `property`, `itertools.count`): what `isinstance` checks against, what `type()` of it
/// and its repr say. (The name stays bound to the function that makes one.)
pub fn builtin_type(b: &Builtin) -> Option<Rc<Class>> {
    b.is_type.then(|| other_class(b.name))
}

/// A built-in class named `name` that scripts do not subclass (functions, modules, tasks,
/// `deque`…), made once; calling one is `construct`'s to say (most are not callable).
pub fn other_class(name: &'static str) -> Rc<Class> {
    with_types(|t| {
        let others = t.others.borrow_mut();
        if let Some((_, c)) = others.iter().find(|(n, _)| *n == name) {
            return Rc::clone(c);
        }
        // asyncio's tasks and gathers are futures, and a timer's handle a handle, as in CPython.
        let base = match name {
            "Task" | "_GatheringFuture" => Some("Future"),
            "TimerHandle" => Some("Handle"),
            "LifoQueue" | "PriorityQueue" => Some("Queue"),
            "BoundedSemaphore" => Some("Semaphore"),
            "RootLogger" => Some("Logger"),
            // The loop's classes, as CPython's (`def f(loop: asyncio.AbstractEventLoop)`).
            "_UnixSelectorEventLoop" => Some("BaseSelectorEventLoop"),
            "BaseSelectorEventLoop" => Some("BaseEventLoop"),
            "BaseEventLoop" => Some("AbstractEventLoop"),
            _ => None,
        };
        drop(others);
        // `collections`' dicts are dicts.
        let base = match name {
            "Counter" | "defaultdict" | "OrderedDict" => Rc::clone(&t.dict),
            _ => base.map_or_else(|| Rc::clone(&t.object), other_class),
        };
        let c = Class::named(name, Some(&base), Kind::Other);
        t.others.borrow_mut().push((name, Rc::clone(&c)));
        c
    })
}
