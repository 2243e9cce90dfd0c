//! Calls: binding arguments, a function's body and its coroutine, classes, and `await`.

use super::*;

impl Interp {
    /// A call's arguments. A generator expression given to a built-in that reads it whole
    /// (`sum(x for x in xs)`, `list(…)`, `", ".join(…)`) is run to its end here, and so is a
    /// generator unpacked with `*`: here the run may give the page its turns, where the
    /// built-in could not.
    pub(super) async fn eval_args(
        &self,
        scope: &Rc<Scope>,
        f: &Value,
        args: &[Arg],
    ) -> PyResult<(Vec<Value>, Vec<(Name, Value)>)> {
        let mut pos = Vec::with_capacity(args.len());
        let mut kw = Vec::new();
        for a in args {
            match a {
                Arg::Pos(e) => {
                    let v = self.eval(scope, e).await?;
                    pos.push(match v {
                        Value::Gen(g) if matches!(e.kind, ExprKind::GeneratorExp(_)) && reads_whole(f) => {
                            // `items.extend(int(s) for s in parts)`: each item goes in as it
                            // comes, so those before one that fails stay, as in CPython.
                            if let Value::Method(m) = f {
                                if let (Value::List(l), Value::Builtin(b)) = &**m {
                                    if b.name == "extend" {
                                        while let Some(x) = g.resume(self).await? {
                                            self.item_taken()?;
                                            l.borrow_mut().push(x);
                                        }
                                        pos.push(builtins::iter_of(Vec::new()));
                                        continue;
                                    }
                                }
                            }
                            builtins::iter_of(self.walk(&g).await?)
                        }
                        v => v,
                    });
                }
                Arg::Star(e) => match self.eval(scope, e).await? {
                    Value::Gen(g) => pos.extend(self.walk(&g).await?),
                    v => {
                        let after = || format!("{}() argument after *", callee_name(f));
                        pos.extend(self.iterate(&v).map_err(|e| not_iterable_after(e, &v, after))?)
                    }
                },
                Arg::Kw(n, e) => {
                    let v = self.eval(scope, e).await?;
                    // Two literal keywords of one name are a syntax error: this one clashes
                    // with a `**` before it.
                    if kw.iter().any(|(k, _)| k == n) {
                        return raise("TypeError", repeated_keyword(f, &text(*n)));
                    }
                    kw.push((*n, v));
                }
                Arg::DoubleStar(e) => match self.eval(scope, e).await? {
                    Value::Dict(d) => {
                        for (k, v) in d.borrow().iter() {
                            match k {
                                Value::Str(s) if kw.iter().any(|(n, _)| *text(*n) == **s) => {
                                    return raise("TypeError", repeated_keyword(f, s));
                                }
                                Value::Str(s) => kw.push((intern(s), v.clone())),
                                _ => return raise("TypeError", "keywords must be strings"),
                            }
                        }
                    }
                    other => {
                        return raise(
                            "TypeError",
                            format!(
                                "{}() argument after ** must be a mapping, not {}",
                                callee_name(f),
                                other.type_name()
                            ),
                        )
                    }
                },
            }
        }
        Ok((pos, kw))
    }

    /// A generator's items, resumed to its end from the task (see [`Interp::eval_args`]).
    async fn walk(&self, g: &Rc<Gen>) -> PyResult<Vec<Value>> {
        if g.is_async {
            return Err(builtins::type_error("'", &Value::Gen(Rc::clone(g)), "' object is not iterable"));
        }
        let mut items = Vec::new();
        while let Some(x) = g.resume(self).await? {
            self.item_taken()?;
            items.push(x);
        }
        Ok(items)
    }

    /// Whether the script gives `name` a value of its own, seen from `scope` (a local of it or
    /// of a function around it, or a global), so that it is not the built-in of that name.
    pub(super) fn defines(&self, scope: &Scope, name: Name) -> bool {
        let mut at = Some(scope);
        while let Some(s) = at {
            if !s.info.is_module && s.info.locals.contains(&name) {
                return true;
            }
            at = s.parent.as_deref();
        }
        self.globals.borrow().contains_key(&name)
    }

    /// `Enum(value)` with no member of that value: the class's `_missing_(value)`, as CPython's
    /// asks it; None (or a failed lookup, `not_found`) is the `ValueError`.
    async fn enum_missing(&self, class: &Rc<Class>, value: Value, not_found: Exc) -> PyResult {
        let hook = self.get_attr(&Value::Class(Rc::clone(class)), intern("_missing_"))?;
        match self.call(hook, vec![value], vec![]).await? {
            Value::None => Err(not_found),
            Value::Instance(m) if Rc::ptr_eq(&m.class, class) => Ok(Value::Instance(m)),
            other => {
                let message = format!(
                    "error in {}._missing_: returned {} instead of None or a valid member",
                    class.name,
                    self.repr(&other)?
                );
                let e = exc("TypeError", message);
                // Made, never raised, in CPython's `Enum.__new__`: its report has no header.
                if let Value::Instance(i) = &not_found {
                    i.raised.set(false);
                }
                set_context(&e, &not_found);
                Err(e)
            }
        }
    }

    /// `locals()` in a function: a dict of its local variables that have a value, in CPython's
    /// order (a copy, as CPython's is). At the module's level or in a class body, where
    /// CPython's is the namespace itself, it is refused, as `globals()` is.
    pub(super) fn locals_of(&self, scope: &Scope) -> PyResult {
        if scope.info.is_module || scope.info.is_class || scope.info.is_comp {
            return unsupported("locals() outside a function");
        }
        let slots = scope.slots.borrow();
        let mut d = Dict::default();
        for i in scope.info.freed(true) {
            if let (Some(Some(v)), Some(&n)) = (slots.get(i), scope.info.locals.get(i)) {
                let k = Value::Str(text(n));
                d.insert(k.key()?, k, v.clone());
            }
        }
        Ok(Value::dict(d))
    }

    /// `dir()`: in a function, its local variables that have a value; at the module's level,
    /// the module's names with those CPython's `__main__` has, sorted. In a class body, refused.
    pub(super) fn dir_of_frame(&self, scope: &Scope) -> PyResult {
        let mut names: Vec<Rc<str>> = if scope.info.is_module {
            const MAIN: [&str; 9] = [
                "__annotations__",
                "__builtins__",
                "__cached__",
                "__doc__",
                "__file__",
                "__loader__",
                "__name__",
                "__package__",
                "__spec__",
            ];
            let globals = self.globals.borrow();
            MAIN.iter().map(|&n| Rc::from(n)).chain(globals.keys().map(|&n| text(n))).collect()
        } else if scope.info.is_class || scope.info.is_comp {
            return unsupported("dir() without an argument in a class body or a comprehension");
        } else {
            let Value::Dict(d) = self.locals_of(scope)? else { return unsupported("dir() here") };
            let keys = d.borrow().entries();
            keys.into_iter().map(|(k, _)| Rc::from(k.to_str())).collect()
        };
        names.sort();
        names.dedup();
        Ok(Value::list(names.into_iter().map(Value::Str).collect()))
    }

    pub(super) fn super_object(&self, scope: &Rc<Scope>) -> PyResult {
        let mut s = Some(Rc::clone(scope));
        while let Some(sc) = s {
            if let (Some(class), false) = (&sc.class, sc.info.is_class) {
                let me = sc.slots.borrow().first().cloned().flatten();
                if let (Some(me), true) = (me, class.base.is_some()) {
                    return Ok(Value::Native(Rc::new(aio::Native::Super(me, Rc::clone(class)))));
                }
            }
            s = sc.parent.clone();
            if s.as_ref().is_some_and(|p| p.info.is_module) {
                break;
            }
        }
        raise("RuntimeError", "super(): no arguments")
    }

    /// Calls a callable: a script's function (its body runs inline, or, for an `async def`,
    /// a coroutine is made), a class (an instance, `__init__` run), a built-in, an instance
    /// whose class has `__call__`.
    pub fn call(&self, f: Value, mut args: Vec<Value>, mut kw: Vec<(Name, Value)>) -> Fut<'_, PyResult> {
        Box::pin(async move {
            if let Some(inner) = crate::functools::partial_call(&f, &mut args, &mut kw) {
                return self.call(inner, args, kw).await;
            }
            if let Some(cache) = crate::functools::cache_of(&f) {
                return crate::functools::call_cached(self, cache, args, kw).await;
            }
            match f {
                Value::Func(func) => self.call_function(func, args, kw).await,
                Value::Method(m) => {
                    args.insert(0, m.0.clone());
                    self.call(m.1.clone(), args, kw).await
                }
                Value::Builtin(b) if keyed::keyed_by_script(&b, &args, &kw) => self.call_keyed(b, args, kw).await,
                Value::Builtin(b) => {
                    // Objects its arguments' evaluation freed are finalized first (`print(K().x)`:
                    // the `K`'s `__del__` prints before `print` does, as in CPython).
                    self.finalize_freed();
                    let out = builtins::call_builtin(self, &b, args, kw)?;
                    // A built-in that blocks (`time.sleep`, `asyncio.run`) hands back what
                    // the calling task must wait for before it goes on.
                    match out {
                        Value::Coro(c) if c.blocking => self.await_value(Value::Coro(c)).await,
                        out => Ok(out),
                    }
                }
                Value::Class(c) => self.instantiate(c, args, kw).await,
                // `__call__` as a function (given the instance) or a built-in (not bound, as in
                // CPython); anything else is refused, never called in turn (an instance as its
                // own `__call__` would recurse past the stack).
                // A staticmethod is called as its function (CPython 3.10).
                Value::Instance(i) if Rc::ptr_eq(&i.class, &crate::value::other_class("staticmethod")) => {
                    self.call(i.get(intern("__func__")).unwrap_or(Value::None), args, kw).await
                }
                Value::Instance(i) => match i.class.lookup(intern("__call__")) {
                    Some(call @ Value::Func(_)) => {
                        args.insert(0, Value::Instance(i));
                        self.call(call, args, kw).await
                    }
                    // A library object's own method (a context manager as a decorator) is bound.
                    Some(call @ Value::Builtin(_)) if i.class.kind == Kind::Other => {
                        args.insert(0, Value::Instance(i));
                        self.call(call, args, kw).await
                    }
                    Some(call @ Value::Builtin(_)) => self.call(call, args, kw).await,
                    _ => raise("TypeError", format!("'{}' object is not callable", i.class.name)),
                },
                other => raise("TypeError", format!("'{}' object is not callable", other.type_name())),
            }
        })
    }

    pub(super) async fn instantiate(&self, class: Rc<Class>, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
        if let Some(members) = crate::enums::members(&class) {
            // `Color(1)`: a member, else what the class's own `_missing_` finds.
            let found = crate::enums::by_value(self, &class, members, &args);
            return match (found, class.lookup(intern("_missing_"))) {
                (Err(e), Some(_)) if args.len() == 1 => self.enum_missing(&class, args[0].clone(), e).await,
                (found, _) => found,
            };
        }
        if crate::enums::is_base(&class) {
            return crate::interp::unsupported("the functional Enum API (Enum(\"Renk\", \"A B\"))");
        }
        match class.kind {
            Kind::Object | Kind::Exception => {
                // `object.__new__` refuses arguments it has no `__init__` for first, before
                // an abstract class is refused, as CPython checks them.
                let no_init = class.lookup(intern("__init__")).is_none() && class.lookup(intern("__new__")).is_none();
                if class.kind == Kind::Object && no_init && (!args.is_empty() || !kw.is_empty()) {
                    return raise("TypeError", format!("{}() takes no arguments", class.name));
                }
                // `BaseException.__init__` takes no keywords (an `ImportError`'s `name` and
                // `path` aside); a class's own `__init__` may.
                if class.kind == Kind::Exception && class.lookup(intern("__init__")).is_none() && !kw.is_empty() {
                    builtins::no_keywords(&class)?;
                }
                crate::abc::check_instantiable(&class)?;
                let me = match class.lookup(intern("__new__")) {
                    // A class's own `__new__` (a singleton's), given the class: `__init__` runs
                    // on what it returns only if that is an instance of the class, as in CPython.
                    Some(new @ Value::Func(_)) => {
                        let mut all = vec![Value::Class(Rc::clone(&class))];
                        all.extend(args.iter().cloned());
                        let me = self.call(new, all, kw.clone()).await?;
                        if !matches!(&me, Value::Instance(i) if i.class.is_subclass(&class)) {
                            return Ok(me);
                        }
                        me
                    }
                    _ if class.kind == Kind::Exception && class.is_group() => {
                        crate::value::new_group(&class, args.clone())?
                    }
                    _ if class.kind == Kind::Exception => new_exception(Rc::clone(&class), args.clone()),
                    _ => Value::Instance(Instance::new(Rc::clone(&class))),
                };
                if let Some(init) = class.lookup(intern("__init__")) {
                    let mut all = vec![me.clone()];
                    all.extend(args);
                    let r = self.call(init, all, kw).await?;
                    if !matches!(r, Value::None) {
                        return Err(builtins::type_error("__init__() should return None, not '", &r, "'"));
                    }
                } else if let (Kind::Exception, false, Value::Instance(i)) = (class.kind, kw.is_empty(), &me) {
                    builtins::exception_keywords(i, &kw)?; // those that take any
                } else if let (Kind::Exception, Some(Value::Func(_)), Value::Instance(i)) =
                    (class.kind, class.lookup(intern("__new__")), &me)
                {
                    // A class's own `__new__` that passed on fewer: `BaseException.__init__` then
                    // keeps all the call's arguments as `args`, as CPython's does.
                    i.set(intern("args"), Value::tuple(args));
                }
                Ok(me)
            }
            _ => builtins::construct(self, &class, args, kw),
        }
    }

    /// Runs a script function synchronously, for built-ins that call back into the script
    /// (`sorted(key=…)`, `__str__`): it cannot suspend, so an `await` in it is an error.
    pub fn call_sync(&self, f: Value, args: Vec<Value>) -> PyResult {
        self.call_sync_kw(f, args, vec![])
    }

    /// [`Interp::call_sync`] with keyword arguments.
    pub fn call_sync_kw(&self, f: Value, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
        // Each is a poll inside a poll on the browser's own small stack: a recursion through
        // them (a property's getter reading itself) is stopped before the stack is spent,
        // with the message of CPython 3.11, whose C code calls a script's method as it calls
        // any Python function (the frame's check, not "while calling a Python object").
        if self.no_suspend.get() >= MAX_SYNC_CALLS {
            return raise("RecursionError", "maximum recursion depth exceeded");
        }
        self.run_now(self.call(f, args, kw))
    }

    /// Runs `fut`, the script's code called by a built-in, to its end in one poll: it cannot
    /// wait (nor be preempted: see `no_suspend`).
    pub fn run_now<T>(&self, fut: impl Future<Output = PyResult<T>>) -> PyResult<T> {
        self.no_suspend.set(self.no_suspend.get() + 1);
        let mut fut = std::pin::pin!(fut);
        let waker = futures::task::noop_waker();
        let mut cx = std::task::Context::from_waker(&waker);
        let out = match fut.as_mut().poll(&mut cx) {
            std::task::Poll::Ready(r) => r,
            std::task::Poll::Pending => {
                raise("RuntimeError", "this function cannot wait here (it was called by a built-in)")
            }
        };
        self.no_suspend.set(self.no_suspend.get() - 1);
        out
    }

    /// Calls a script function: binds the arguments, then runs the body inline (a plain
    /// function) or makes a coroutine that runs it when awaited (`async def`).
    pub async fn call_function(&self, func: Rc<Function>, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
        let scope = self.bind(&func, args, kw)?;
        if func.def.has_yield {
            return Ok(self.generator(&func, scope));
        }
        if func.def.is_async {
            return Ok(self.coroutine(&func, scope));
        }
        let out = self.run_body(&func, &scope).await;
        drop(scope); // the generators its locals alone held are closed before the caller goes on
        self.close_freed();
        out
    }

    /// The coroutine an `async def`'s call makes: its body, bound to `scope`, runs when it is
    /// awaited or becomes a task.
    pub(super) fn coroutine(&self, func: &Rc<Function>, scope: Rc<Scope>) -> Value {
        let interp = self.host.interp();
        let f = Rc::clone(func);
        let call = (Rc::downgrade(&scope), func.def.params.args.len());
        let fut = async move {
            let interp = interp.upgrade().ok_or_else(|| exc("RuntimeError", "the run has ended"))?;
            let out = interp.run_body(&f, &scope).await;
            drop(scope);
            interp.close_freed();
            out.map_err(|e| super::generator::stop_escaped(e, "coroutine"))
        };
        let mut coro = Coro::new(func.qualname(), Box::pin(fut), false, false);
        coro.line = func.def.first_line();
        coro.call = Some(call);
        Value::Coro(Rc::new(coro))
    }

    /// Runs a function's body in its new scope, counting the call against the recursion
    /// limit and adding its frame to the traceback of an exception that leaves it.
    pub async fn run_body(&self, func: &Function, scope: &Rc<Scope>) -> PyResult {
        // Calls in progress are counted per task (a script's code always runs in one): a
        // thousand suspended coroutines are not a recursion.
        let task = aio::current();
        let depth = task.as_ref().map_or(0, |t| t.depth.get()) + 1;
        if depth > self.recursion_limit.get() || crate::host::stack_low() {
            return raise("RecursionError", "maximum recursion depth exceeded");
        }
        let count = |d| task.iter().for_each(|t| t.depth.set(d));
        count(depth);
        // Back to the caller's line once the body is done: what the callee's locals hold goes
        // when its scope does, after this, and CPython reports that (a coroutine never
        // awaited) at the caller's line, its frame being gone.
        let caller_line = aio::LINE.with(Cell::get);
        let frame = aio::InFrame::needed(&task, self.no_suspend.get() > 0)
            .and_then(|t| Some((t, self.host.interp().upgrade()?)));
        let out = match frame {
            Some((task, interp)) => {
                let (def, scope) = (Rc::clone(&func.def), Rc::clone(scope));
                aio::InFrame::new(task, Box::pin(async move { interp.exec_inline(&scope, &def.body).await })).await
            }
            _ => self.exec_inline(scope, &func.def.body).await,
        };
        aio::LINE.with(|l| l.set(caller_line));
        count(depth - 1);
        self.frame_ended(scope, out.is_err());
        match out {
            Ok(Flow::Return(v)) => Ok(v),
            Ok(_) => Ok(Value::None),
            Err(e) => Err(e),
        }
    }

    /// A new scope for a call of `func`, its parameters bound as Python binds them.
    pub(super) fn bind(&self, func: &Function, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult<Rc<Scope>> {
        let def = &func.def;
        let p = &def.params;
        let name = text(def.name);
        let class = func.closure.as_ref().and_then(|c| c.class.clone());
        let scope = Scope::of(Rc::clone(&func.info), func.closure.clone(), name, Rc::clone(&func.defined_as), class);
        {
            let mut slots = scope.slots.borrow_mut();
            let npos = p.args.len();
            let given = args.len();
            let mut extra = Vec::new();
            for (i, a) in args.into_iter().enumerate() {
                if i < npos {
                    slots[i] = Some(a);
                } else {
                    extra.push(a);
                }
            }
            let vararg_slot = p.vararg.map(|n| func.info.slot(n).unwrap_or(0));
            // Too many positional arguments: said after the keywords' errors, as CPython checks.
            let mut too_many = None;
            match vararg_slot {
                Some(s) => slots[s] = Some(Value::tuple(extra)),
                None if !extra.is_empty() => {
                    let required = p.args.iter().filter(|a| a.default.is_none()).count();
                    let takes = if required == npos {
                        format!("{npos} positional argument{}", if npos == 1 { "" } else { "s" })
                    } else {
                        format!("from {required} to {npos} positional arguments")
                    };
                    // Keyword-only arguments given by name are counted too, as CPython words it.
                    let kwonly = kw.iter().filter(|(k, _)| p.kwonly.iter().any(|a| a.name == *k)).count();
                    let s = |n: usize| if n == 1 { "" } else { "s" };
                    let given = match kwonly {
                        0 => format!("{given} {}", if given == 1 { "was" } else { "were" }),
                        k => format!(
                            "{given} positional argument{} (and {k} keyword-only argument{}) were",
                            s(given),
                            s(k)
                        ),
                    };
                    too_many = Some(format!("{}() takes {takes} but {given} given", func.qualname()));
                }
                None => {}
            }
            let mut kwargs = Dict::default();
            let mut posonly_by_keyword = Vec::new();
            for (k, v) in kw {
                // A positional-only parameter's name is free for `**kwargs`.
                let slot = p.args.iter().chain(&p.kwonly).position(|a| a.name == k).filter(|&i| i >= p.posonly);
                if slot.is_none() && p.kwarg.is_none() && p.args[..p.posonly].iter().any(|a| a.name == k) {
                    posonly_by_keyword.push(text(k));
                    continue;
                }
                match slot.and_then(|_| func.info.slot(k)) {
                    Some(s) => {
                        if slots[s].is_some() {
                            return raise(
                                "TypeError",
                                format!("{}() got multiple values for argument '{}'", func.qualname(), text(k)),
                            );
                        }
                        slots[s] = Some(v);
                    }
                    None if p.kwarg.is_some() => kwargs.insert(Key::Str(text(k)), Value::Str(text(k)), v),
                    None => {
                        return raise(
                            "TypeError",
                            format!("{}() got an unexpected keyword argument '{}'", func.qualname(), text(k)),
                        )
                    }
                }
            }
            if !posonly_by_keyword.is_empty() {
                let names = posonly_by_keyword.join(", ");
                let m = format!(
                    "{}() got some positional-only arguments passed as keyword arguments: '{names}'",
                    func.qualname()
                );
                return raise("TypeError", m);
            }
            if let Some(m) = too_many {
                return raise("TypeError", m);
            }
            if let Some(kn) = p.kwarg {
                if let Some(s) = func.info.slot(kn) {
                    slots[s] = Some(Value::Dict(Rc::new(RefCell::new(kwargs))));
                }
            }
            // CPython names the missing positional parameters first, and the keyword-only
            // ones only when no positional one is missing.
            let (mut missing, mut missing_kw) = (Vec::new(), Vec::new());
            for (i, param) in p.args.iter().chain(&p.kwonly).enumerate() {
                let s = func.info.slot(param.name).unwrap_or(i);
                if slots[s].is_none() {
                    match func.defaults.borrow().get(i).cloned().flatten() {
                        Some(d) => slots[s] = Some(d),
                        None if i < p.args.len() => missing.push(format!("'{}'", text(param.name))),
                        None => missing_kw.push(format!("'{}'", text(param.name))),
                    }
                }
            }
            if !missing.is_empty() {
                return Err(missing_arguments(&func.qualname(), "positional", &missing));
            }
            if !missing_kw.is_empty() {
                return Err(missing_arguments(&func.qualname(), "keyword-only", &missing_kw));
            }
        }
        Ok(scope)
    }

    /// `await v`: a coroutine runs inline; a task, a sleep, a gather… suspends this task
    /// until it is done (and a `cancel()` of this task raises `CancelledError` there).
    /// `await v`. A plain function, not an `async` one: the commonest awaits (a sleep, a
    /// coroutine) are polled directly by the awaiting statement, with no future between.
    pub fn await_value(&self, v: Value) -> Awaiting<'_> {
        match v {
            Value::Coro(c) => {
                let Some(fut) = c.take() else {
                    return Awaiting::Failed(Some(c.reused()));
                };
                if !c.leaf {
                    Awaiting::Coro(fut)
                } else if self.driven_now() {
                    self.await_driven(fut, &c.name)
                } else {
                    Awaiting::Leaf(aio::Leaf::new(fut))
                }
            }
            Value::Task(_) if self.driven_now() => {
                Awaiting::Failed(Some(refusal("awaiting a task in a coroutine driven by send()")))
            }
            Value::Task(t) if aio::current().is_some_and(|me| Rc::ptr_eq(&me, &t)) => {
                Awaiting::Failed(Some(exc("RuntimeError", format!("Task cannot await on itself: {}", t.repr()))))
            }
            // A pending future of another event loop (made before `asyncio.run` made its own).
            Value::Task(t) if !t.done() && !t.same_loop() && !t.is_root.get() => {
                let me = aio::current().map_or_else(String::new, |me| me.repr());
                let m = format!("Task {me} got Future {} attached to a different loop", t.repr());
                Awaiting::Failed(Some(exc("RuntimeError", m)))
            }
            Value::Task(t) => Awaiting::Leaf(aio::Leaf::passing_to(
                aio::CoroFut::Boxed(Box::pin(aio::wait_task(Rc::clone(&t)))),
                vec![t],
                true,
            )),
            Value::Native(n) if matches!(*n, aio::Native::WebSocket(_)) => {
                match crate::websockets::method("__aenter__", &n, &[]) {
                    Ok(aw) => Awaiting::Boxed(Box::pin(self.await_value(aw))),
                    Err(e) => Awaiting::Failed(Some(e)),
                }
            }
            Value::Instance(ref i)
                if i.class.lookup(intern("__await__")).is_some() || i.class.lookup(intern("__getattr__")).is_some() =>
            {
                Awaiting::Boxed(Box::pin(async move {
                    match self.call_method(&v, "__await__", vec![]).await? {
                        // A generator, as CPython's `__await__` returns: run in the awaiting
                        // task; a bare `yield` gives the loop one round, as a task's does.
                        Value::Gen(g) if !g.is_async => loop {
                            match g.resume(self).await? {
                                None => break Ok(g.returned.replace(Value::None)),
                                Some(v) => match self.yield_to_sender(v) {
                                    Ok(sent) => g.answer(sent.await),
                                    Err(Value::None) => loopscope_core::runtime::yield_now().await,
                                    Err(bad) => {
                                        let bad = self.repr(&bad)?;
                                        break raise("RuntimeError", format!("Task got bad yield: {bad}"));
                                    }
                                },
                            }
                        },
                        // A coroutine's, a task's or a future's own `__await__`, which gives the
                        // object itself here (so a coroutine returned without `.__await__()`,
                        // CPython's TypeError, is awaited too).
                        aw @ (Value::Coro(_) | Value::Task(_) | Value::Native(_)) => self.await_value(aw).await,
                        other => raise(
                            "TypeError",
                            format!("__await__() returned non-iterator of type '{}'", other.type_name()),
                        ),
                    }
                }))
            }
            other => Awaiting::NotAwaitable(Some(exc(
                "TypeError",
                format!("object {} can't be used in 'await' expression", other.type_name()),
            ))),
        }
    }

    /// `await` of asyncio's own awaitable `fut` (named `name`) in a coroutine that `send`
    /// drives: a `sleep(0)` yields `None` to `send`'s caller, as CPython's bare `yield` does;
    /// a longer sleep outside a loop has no loop to ask; the others are not supported there.
    fn await_driven(&self, fut: aio::CoroFut, name: &str) -> Awaiting<'_> {
        match (fut, self.yield_to_sender(Value::None)) {
            (aio::CoroFut::Yield(_, result), Ok(out)) => Awaiting::Boxed(Box::pin(async move {
                out.await?;
                Ok(result.unwrap_or(Value::None))
            })),
            // CPython's sleep asks for the running loop first.
            _ if name == "sleep" && self.host.loop_running.get() == 0 => {
                Awaiting::Failed(Some(exc("RuntimeError", "no running event loop")))
            }
            _ => Awaiting::Failed(Some(refusal(&format!("awaiting {name}() in a coroutine driven by send()")))),
        }
    }
}

/// What [`Interp::await_value`] waits on.
pub enum Awaiting<'a> {
    /// A script's coroutine, run inline.
    Coro(aio::CoroFut),
    /// A native awaitable: where the task suspends, and where a cancel lands.
    Leaf(aio::Leaf),
    /// An object's `__await__`, or a connection's `__aenter__`.
    Boxed(Fut<'a, PyResult>),
    /// It cannot be awaited as it is (a coroutine awaited twice): the error, given once.
    Failed(Option<Exc>),
    /// No awaitable at all: the generic error, given once, which `async for` and `async with`
    /// replace with their own.
    NotAwaitable(Option<Exc>),
}

impl Future for Awaiting<'_> {
    type Output = PyResult;
    fn poll(mut self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<PyResult> {
        match &mut *self {
            Awaiting::Coro(f) => Pin::new(f).poll(cx),
            Awaiting::Leaf(f) => Pin::new(f).poll(cx),
            Awaiting::Boxed(f) => f.as_mut().poll(cx),
            Awaiting::Failed(e) | Awaiting::NotAwaitable(e) => {
                std::task::Poll::Ready(Err(e.take().unwrap_or(Value::None)))
            }
        }
    }
}

/// CPython's `f() missing 3 required positional arguments: 'a', 'b', and 'c'`; `names` are
/// already quoted.
pub(crate) fn missing_arguments(func: &str, kind: &str, names: &[String]) -> Exc {
    let n = names.len();
    let list = match names {
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        _ => format!("{}, and {}", names[..n - 1].join(", "), names[n - 1]),
    };
    let s = if n == 1 { "" } else { "s" };
    exc("TypeError", format!("{func}() missing {n} required {kind} argument{s}: {list}"))
}

/// Whether the callee reads a generator argument whole at once (see [`Interp::eval_args`]):
/// the built-in types' constructors and the built-ins that reduce or collect their items.
fn reads_whole(f: &Value) -> bool {
    let name = match f {
        // (`type(g)` and `str(g)` look at the generator itself.)
        Value::Class(c) => {
            return c.kind != Kind::Object && c.kind != Kind::Exception && !matches!(&*c.name, "type" | "str" | "repr")
        }
        Value::Builtin(b) => b.name,
        Value::Method(m) => match &m.1 {
            Value::Builtin(b) => b.name,
            _ => return false,
        },
        _ => return false,
    };
    matches!(
        name,
        "sum" | "min" | "max" | "sorted" | "join" | "extend" | "update" | "fsum" | "prod" | "mean" | "median"
    )
}

/// CPython's message for a keyword given twice in a call to `f`, through `**`.
#[cold]
/// `*v` of what is not iterable, in CPython's words: "`what` must be an iterable, not T".
pub(super) fn not_iterable_after(e: Exc, v: &Value, what: impl FnOnce() -> String) -> Exc {
    let plain = matches!(&e, Value::Instance(i) if crate::value::exception_args(i).first()
        .is_some_and(|m| m.to_str().ends_with("object is not iterable")));
    match plain {
        true => exc("TypeError", format!("{} must be an iterable, not {}", what(), v.type_name())),
        false => e,
    }
}

fn repeated_keyword(f: &Value, name: &str) -> String {
    format!("{}() got multiple values for keyword argument '{name}'", callee_name(f))
}

/// A callable as CPython names it where a call's keywords clash: a script's function by its
/// module and qualified name (`__main__.C.m`), a built-in by its name.
fn callee_name(f: &Value) -> String {
    match f {
        Value::Func(func) => format!("__main__.{}", func.qualname()),
        Value::Method(m) => callee_name(&m.1),
        Value::Builtin(b) => b.name.to_string(),
        Value::Class(c) => match crate::value::module_of(c) {
            "builtins" => c.name.to_string(),
            module => format!("{module}.{}", c.qualname()),
        },
        other => other.type_name().to_string(),
    }
}
