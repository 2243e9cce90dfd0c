//! `with` and `try` blocks, `def` and `class`, and assignment to any target.

use super::*;

impl Interp {
    pub(super) fn exec_with<'a>(
        &'a self,
        scope: &'a Rc<Scope>,
        items: &'a [WithItem],
        body: &'a [Stmt],
        is_async: bool,
    ) -> Fut<'a, PyResult<Flow>> {
        Box::pin(async move {
            let Some((first, rest)) = items.split_first() else {
                return self.exec_block(scope, body).await;
            };
            let cm = self.eval(scope, &first.context).await?;
            let (enter, exit) = if is_async { ("__aenter__", "__aexit__") } else { ("__enter__", "__exit__") };
            let has_enter = self.get_attr(&cm, intern(enter)).is_ok();
            if !has_enter || self.get_attr(&cm, intern(exit)).is_err() {
                let kind = if is_async { "asynchronous " } else { "" };
                // As CPython 3.11: an `__enter__` without its `__exit__` is named.
                let missed = if has_enter { format!(" (missed {exit} method)") } else { String::new() };
                let after = format!("' object does not support the {kind}context manager protocol{missed}");
                return Err(builtins::type_error("'", &cm, &after));
            }
            let entered = self.call_method(&cm, enter, vec![]).await?;
            let entered = if is_async { self.await_in_with(entered, enter).await? } else { entered };
            // With no `as`, what `__enter__` gave goes at once, as CPython drops it.
            match &first.target {
                Some(t) => self.assign(scope, t, entered).await?,
                None => drop(entered),
            }
            let out = if rest.is_empty() {
                self.exec_block(scope, body).await
            } else {
                self.exec_with(scope, rest, body, is_async).await
            };
            let args = match &out {
                Err(e) => vec![Value::Class(e.class()), e.clone(), Value::None],
                Ok(_) => vec![Value::None, Value::None, Value::None],
            };
            // The exit runs on the `with` line, as in CPython's tracebacks (an error it raises
            // points there); the body's own error keeps pointing where it was raised.
            let body_line = scope.line.replace(first.context.line);
            let exited = async {
                let r = self.call_method(&cm, exit, args).await?;
                if is_async {
                    self.await_in_with(r, exit).await
                } else {
                    Ok(r)
                }
            };
            let r = match &out {
                // The exit handles the body's error: one it raises has that as its context.
                Err(e) => aio::while_handling(e.clone(), exited).await.inspect_err(|new| set_context(new, e))?,
                Ok(_) => exited.await?,
            };
            scope.line.set(body_line);
            match out {
                Err(_) if r.truthy() => Ok(Flow::Next),
                out => out,
            }
        })
    }

    /// `async with`'s wait on what its `__aenter__` or `__aexit__` (`method`) gave: CPython
    /// names the method when that is nothing to await (one written without `async`).
    async fn await_in_with(&self, v: Value, method: &str) -> PyResult {
        let kind = v.type_name();
        match self.await_value(v) {
            super::call::Awaiting::NotAwaitable(_) => raise(
                "TypeError",
                format!("'async with' received an object from {method} that does not implement __await__: {kind}"),
            ),
            awaiting => awaiting.await,
        }
    }

    pub(super) async fn exec_try(
        &self,
        scope: &Rc<Scope>,
        body: &[Stmt],
        handlers: &[Handler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> PyResult<Flow> {
        let mut out = self.exec_block(scope, body).await;
        if let (Err(e), true) = (&out, handlers.first().is_some_and(|h| h.star)) {
            out = self.except_star(scope, e.clone(), handlers).await;
        } else if let Err(e) = &out {
            let e = e.clone();
            for h in handlers {
                let matched = match &h.typ {
                    _ if is_refusal(&e) => false,
                    None => true,
                    Some(t) => {
                        let checked = match self.eval(scope, t).await {
                            Ok(t) => exception_matches(&e, &t),
                            Err(x) => Err(x),
                        };
                        // An error in the clause itself (`except "ValueError":`) is raised at its
                        // line while `e` is handled.
                        checked.inspect_err(|new| {
                            set_context(new, &e);
                            scope.line.set(h.line);
                        })?
                    }
                };
                if matched {
                    // Raised (by the interpreter: `{}["k"]`) while another was being handled,
                    // as CPython sets it at the raise: caught here, it shows that context.
                    if let Some(outer) = aio::handling() {
                        set_context(&e, &outer);
                    }
                    if let Some(n) = h.name {
                        self.store(scope, n, e.clone());
                    }
                    scope.line.set(h.line);
                    out = aio::while_handling(e.clone(), self.exec_block(scope, &h.body)).await;
                    if let Err(new) = &out {
                        set_context(new, &e);
                    }
                    if let Some(n) = h.name {
                        let _ = self.delete(scope, n);
                    }
                    break;
                }
            }
        } else if !orelse.is_empty() && matches!(out, Ok(Flow::Next)) {
            // Only when the body ran to its end: not after its `return`, `break` or `continue`.
            out = self.exec_block(scope, orelse).await;
        }
        if !finalbody.is_empty() {
            let fin = match &out {
                Err(e) => {
                    let fin = aio::while_handling(e.clone(), self.exec_block(scope, finalbody)).await;
                    if let Err(new) = &fin {
                        set_context(new, e); // raised while the first was on its way out
                    }
                    fin
                }
                Ok(_) => self.exec_block(scope, finalbody).await,
            };
            match fin {
                Ok(Flow::Next) => {}
                other => return other,
            }
        }
        out
    }

    /// `except*` handlers for `e`: each takes, as a group, the exceptions of `e` (a group, or
    /// one exception) that match its types and are still unhandled, nested as they were. Then,
    /// as CPython 3.11's `PREP_RERAISE_STAR`: what none took and what a handler raised again
    /// (its group, by a bare `raise`) go back in `e`'s shape, after what the handlers raised
    /// anew; one exception alone is raised as itself, more in a new group.
    async fn except_star(&self, scope: &Rc<Scope>, e: Exc, handlers: &[Handler]) -> PyResult<Flow> {
        let naked = group_parts(&e).is_none();
        let orig = e.clone();
        let (mut rest, mut raised, mut again) = (Some(e), Vec::new(), Vec::new());
        for h in handlers {
            let Some(typ) = &h.typ else { continue };
            // An error in the clause itself is raised at the handler's line, while `e` is handled.
            let refused = |new: Exc| {
                set_context(&new, &orig);
                scope.line.set(h.line);
                Err(new)
            };
            let t = match self.eval(scope, typ).await {
                Ok(t) => t,
                Err(new) => return refused(new),
            };
            let types = match &t {
                Value::Tuple(ts) => ts.to_vec(),
                t => vec![t.clone()],
            };
            if types.iter().any(|t| !matches!(t, Value::Class(c) if c.is_exception())) {
                return refused(exc(
                    "TypeError",
                    "catching classes that do not inherit from BaseException is not allowed",
                ));
            }
            if types.iter().any(|t| matches!(t, Value::Class(c) if c.is_group())) {
                let m = "catching ExceptionGroup with except* is not allowed. Use except instead.";
                return refused(exc("TypeError", m));
            }
            let Some(left) = rest.take() else { break };
            // A lone exception is handed to a handler in a group of its own, as CPython's,
            // whose exceptions are a tuple.
            let (matched, left) = match naked {
                true if exception_matches(&left, &t)? => {
                    // A `BaseExceptionGroup` for what is not an `Exception` (a cancel, an exit).
                    let kind = match left.class().is_subclass(&exc_class("Exception")) {
                        true => "ExceptionGroup",
                        false => "BaseExceptionGroup",
                    };
                    (Some(new_exception(exc_class(kind), vec![Value::str(""), Value::tuple(vec![left])])), None)
                }
                true => (None, Some(left)),
                false => split_group(self, &left, &t)?,
            };
            rest = left;
            let Some(group) = matched else { continue };
            if let Some(n) = h.name {
                self.store(scope, n, group.clone());
            }
            scope.line.set(h.line);
            // A bare `raise` gives the group back as it was; `raise eg` adds this frame to its
            // traceback, and CPython counts it as raised anew.
            let frames = |g: &Exc| if let Value::Instance(i) = g { i.traceback.borrow().len() } else { 0 };
            let before = frames(&group);
            match aio::while_handling(group.clone(), self.exec_block(scope, &h.body)).await {
                Err(new) if new.is(&group) && !naked && frames(&new) == before => again.push(new),
                Err(new) => {
                    set_context(&new, &group);
                    raised.push(new);
                }
                Ok(_) => {}
            }
            if let Some(n) = h.name {
                let _ = self.delete(scope, n);
            }
        }
        if raised.is_empty() && again.is_empty() {
            return rest.map_or(Ok(Flow::Next), Err);
        }
        // The leaves kept: those of the groups raised again and of the rest, in `e`'s shape.
        let mut kept = Vec::new();
        again.iter().chain(&rest).for_each(|g| leaves(g, &mut kept));
        if !kept.is_empty() {
            let (projection, _) = split_by(self, &orig, &mut |x| Ok(kept.iter().any(|k| k.is(x))))?;
            raised.extend(projection);
        }
        if raised.len() == 1 {
            return Err(raised.remove(0));
        }
        // Raised again where it stands, not from this line: no frame of this scope.
        let all = exception_group("", raised);
        if let Value::Instance(i) = &all {
            i.tb_scope.set(Rc::as_ptr(scope) as usize);
        }
        Err(all)
    }

    /// A value raised: an exception instance, or an exception class (instantiated).
    pub(super) fn make_exception(&self, v: Value) -> PyResult {
        match &v {
            Value::Instance(i) if i.class.is_exception() => Ok(v),
            Value::Class(c) if c.is_exception() => self.exception_of_class(c),
            _ => raise("TypeError", "exceptions must derive from BaseException"),
        }
    }

    /// The instance CPython makes of an exception class raised or thrown as it is (`raise
    /// Yetersiz`): the class called with no arguments, so its own `__init__` (a default
    /// message) or `__new__` runs.
    pub(crate) fn exception_of_class(&self, c: &Rc<Class>) -> PyResult {
        let scripted = |name| matches!(c.lookup(intern(name)), Some(Value::Func(_)));
        if !scripted("__init__") && !scripted("__new__") {
            return Ok(new_exception(Rc::clone(c), vec![]));
        }
        match self.call_sync(Value::Class(Rc::clone(c)), vec![])? {
            e @ Value::Instance(_) if e.class().is_exception() => Ok(e),
            other => raise(
                "TypeError",
                format!(
                    "calling {} should have returned an instance of BaseException, not {}",
                    Value::Class(Rc::clone(c)).repr(),
                    other.type_name()
                ),
            ),
        }
    }

    /// A function of `def`, its defaults evaluated in `scope` (its closure), named as defined in
    /// `named_in` (a method's class body, else `scope`).
    pub(super) async fn make_function(&self, scope: &Rc<Scope>, def: &Rc<FuncDef>, named_in: &Scope) -> PyResult {
        let mut defaults = Vec::new();
        for p in def.params.args.iter().chain(&def.params.kwonly) {
            defaults.push(match &p.default {
                Some(d) => Some(self.eval(scope, d).await?),
                None => None,
            });
        }
        // Its annotations, evaluated here after the defaults, as CPython does (an unknown name
        // in one is a NameError now), or kept as text after `from __future__ import annotations`.
        let mut attrs = Vec::new();
        if !def.params.annotations.is_empty() {
            let mut annotations = Dict::default();
            for (n, e) in &def.params.annotations {
                let hint = self.hint(scope, e, (e.end_line, e.end_col)).await?;
                let name = Value::Str(text(*n));
                annotations.insert(name.key()?, name, hint);
            }
            attrs.push((intern("__annotations__"), Value::dict(annotations)));
        }
        let closure = (!scope.info.is_module).then(|| Rc::clone(scope));
        Ok(Value::Func(Rc::new(Function {
            def: Rc::clone(def),
            defaults: RefCell::new(defaults),
            closure,
            info: self.scope_info(def),
            defined_as: named_in.qualname_of(text(def.name)),
            renamed: RefCell::default(),
            attrs: Rc::new(RefCell::new(attrs)),
        })))
    }

    pub(super) async fn make_class(&self, scope: &Rc<Scope>, name: Name, bases: &[Expr], body: &[Stmt]) -> PyResult {
        let mut values = Vec::with_capacity(bases.len());
        for b in bases {
            values.push(self.eval(scope, b).await?);
        }
        let mut classes = Vec::with_capacity(bases.len());
        for b in &values {
            match b {
                Value::Class(c) if matches!(c.kind, Kind::Object | Kind::Exception) => classes.push(Rc::clone(c)),
                Value::Class(c) => match crate::enums::mixin_for(c, &values) {
                    Some(mixin) => classes.push(mixin),
                    None => return unsupported(&format!("subclassing the built-in type '{}'", c.name)),
                },
                other => return raise("TypeError", format!("bases must be types, not {}", other.type_name())),
            }
        }
        let kind = if classes.iter().any(|b| b.is_exception()) { Kind::Exception } else { Kind::Object };
        let class = match classes.len() {
            0 => Class::new(text(name), Some(with_types(|t| Rc::clone(&t.object))), kind),
            1 => Class::new(text(name), classes.pop(), kind),
            _ => Class::with_bases(text(name), classes, kind).or_else(|m| raise("TypeError", m))?,
        };
        for b in &class.bases {
            let mut subclasses = b.subclasses.borrow_mut();
            subclasses.retain(|w| w.strong_count() > 0); // a built-in base outlives runs: no dead ones kept
            subclasses.push(Rc::downgrade(&class));
        }
        let mut info = ScopeInfo { is_class: true, ..ScopeInfo::default() };
        let mut nonlocals = Vec::new();
        collect_locals(body, &mut info.locals, &mut info.globals, &mut nonlocals);
        // `global sayac` (`nonlocal x`) in a class body: assigned there, it is the module's
        // (the function's), not the class's.
        info.locals.retain(|n| !info.globals.contains(n) && !nonlocals.contains(n));
        let qualname = scope.qualname_of(text(name));
        if *qualname != *class.name {
            class.attrs.borrow_mut().push((intern("__qualname__"), Value::Str(Rc::clone(&qualname))));
        }
        let cscope = Scope::of(Rc::new(info), Some(Rc::clone(scope)), text(name), qualname, Some(Rc::clone(&class)));
        let mut annotations = Dict::default();
        // Methods are made with the class known (for their qualname and `super()`), and see
        // the scope around the class, not the class body.
        for stmt in body {
            self.step(&cscope, stmt.line);
            match &stmt.kind {
                StmtKind::FunctionDef(def) if def.decorators.is_empty() => {
                    let mut f = self.make_function(scope, def, &cscope).await?;
                    if let Value::Func(func) = &f {
                        let mut method = (**func).clone();
                        // It never runs: it only carries the class, and the scope around it.
                        let carrier = Scope::new(
                            Rc::new(ScopeInfo::default()),
                            (!scope.info.is_module).then(|| Rc::clone(scope)),
                            text(name),
                            Some(Rc::clone(&class)),
                        );
                        carrier.ended.set(true);
                        method.closure = Some(carrier);
                        f = Value::Func(Rc::new(method));
                    }
                    self.store(&cscope, def.bound, f);
                }
                _ => {
                    if let Flow::Return(_) = self.exec_block(&cscope, std::slice::from_ref(stmt)).await? {
                        return raise("SyntaxError", "'return' outside function");
                    }
                    // `x: int` names a field (`__annotations__`, in order), after its value.
                    if let StmtKind::AnnAssign {
                        target: Expr { kind: ExprKind::Name(n), .. },
                        annotation,
                        annotation_end,
                        ..
                    } = &stmt.kind
                    {
                        let hint = self.hint(&cscope, annotation, *annotation_end).await?;
                        let name = Value::Str(text(*n));
                        annotations.insert(name.key()?, name, hint);
                    }
                }
            }
        }
        let names = cscope.info.locals.clone();
        for (n, v) in names.into_iter().zip(cscope.slots.borrow().iter()) {
            if let Some(v) = v {
                class.attrs.borrow_mut().push((n, v.clone()));
            }
        }
        if !annotations.is_empty() {
            class.attrs.borrow_mut().push((intern("__annotations__"), Value::dict(annotations)));
        }
        // A class that defines `__eq__` and not `__hash__` is unhashable, as CPython makes it.
        let defines = |name: &str| class.attrs.borrow().iter().any(|(n, _)| *n == intern(name));
        // Its docstring (`None` without one: a class's `__doc__` is never its base's).
        if !defines("__doc__") {
            let doc = crate::ast::docstring(body).map_or(Value::None, Value::Str);
            class.attrs.borrow_mut().push((intern("__doc__"), doc));
        }
        // Hooks this interpreter never calls: a class defining one is refused, not run wrong.
        const NOT_CALLED: [&str; 7] = [
            "__getattribute__",
            "__get__",
            "__set__",
            "__delete__",
            "__init_subclass__",
            "__set_name__",
            "__class_getitem__",
        ];
        if let Some(hook) = NOT_CALLED.into_iter().find(|h| defines(h)) {
            return unsupported(&format!("a class's own {hook}"));
        }
        if defines("__del__") {
            crate::value::finalizers_defined();
            self.finalizes.set(true);
        }
        if defines("__setattr__") || defines("__delattr__") {
            crate::value::attr_hooks_defined();
        }
        if defines("__eq__") && !defines("__hash__") {
            class.attrs.borrow_mut().push((intern("__hash__"), Value::None));
        }
        crate::enums::make_members(self, &class)?;
        crate::namedtuple::from_class(&class)?;
        Ok(Value::Class(class))
    }

    /// A hint's value: evaluated, or its text after `from __future__ import annotations`.
    pub(super) async fn hint(&self, scope: &Rc<Scope>, annotation: &Expr, end: (u32, u32)) -> PyResult {
        match self.hints_as_text.get() {
            true => Ok(Value::Str(self.annotation_text(annotation, end))),
            false => self.eval(scope, annotation).await,
        }
    }

    /// A hint as written, for `from __future__ import annotations`: its source text, from its
    /// start to `end` (line, column just after), a hint over several lines joined as CPython
    /// writes it back (`dict[str,\n int]`: `dict[str, int]`).
    fn annotation_text(&self, annotation: &Expr, (end_line, end_col): (u32, u32)) -> Rc<str> {
        let mut text = String::new();
        for (n, line) in self.host.out.source.iter().enumerate() {
            let n = n as u32 + 1;
            if n < annotation.line || n > end_line {
                continue;
            }
            let chars: Vec<char> = line.chars().collect();
            let from = if n == annotation.line { (annotation.col as usize).saturating_sub(1) } else { 0 };
            let to = if n == end_line { (end_col as usize).saturating_sub(1).min(chars.len()) } else { chars.len() };
            let part: String = chars[from.min(to)..to].iter().collect();
            let part = if n == annotation.line { part.as_str() } else { part.trim_start() };
            if !text.is_empty() && text.ends_with(',') {
                text.push(' ');
            }
            text.push_str(if n == end_line { part } else { part.trim_end() });
        }
        text.into()
    }

    /// Assigns `value` to a target: a name, attribute, subscript, or a tuple/list to unpack.
    /// What fails fails at the target, as CPython's store.
    pub fn assign<'a>(&'a self, scope: &'a Rc<Scope>, target: &'a Expr, value: Value) -> Fut<'a, PyResult<()>> {
        Box::pin(async move { self.assign_in(scope, target, value).await.map_err(|e| failed_at(e, target)) })
    }

    async fn assign_in(&self, scope: &Rc<Scope>, target: &Expr, value: Value) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(n) => self.store(scope, *n, value),
            ExprKind::Attribute(obj, attr) => {
                let o = self.eval(scope, obj).await?;
                self.set_attr(&o, *attr, value)?;
            }
            ExprKind::Subscript(obj, index) => {
                let o = self.eval(scope, obj).await?;
                let i = self.eval(scope, index).await?;
                self.set_item(&o, i, value).await?;
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                // From an iterator, one more item than the targets at most, as CPython takes
                // them: `a, b = count()` fails at once, and a generator stops where it failed.
                let lazy = matches!(&value, Value::Gen(g) if !g.is_async)
                    || matches!(value, Value::Iter(_))
                    || (matches!(value, Value::Instance(_)) && builtins::script_iterable(&value));
                if lazy && !items.iter().any(|t| matches!(t.kind, ExprKind::Starred(_))) {
                    let mut source = self.items_for(value, false)?;
                    let mut values = Vec::with_capacity(items.len());
                    while values.len() <= items.len() {
                        match source.next(self).await? {
                            Some(v) => values.push(v),
                            None => break,
                        }
                    }
                    if values.len() != items.len() {
                        return Err(unpack_error(items.len(), values.len()));
                    }
                    for (t, v) in items.iter().zip(values) {
                        self.assign(scope, t, v).await?;
                    }
                    return Ok(());
                }
                let values = match self.iterate(&value) {
                    // `a, b = None` (a function that forgot its `return`), `a, b = f()` (a
                    // forgotten `await`): CPython's words for a value that is not iterable.
                    Err(Value::Instance(e))
                        if e.class.name.as_ref() == "TypeError"
                            && crate::value::exception_str(&e)
                                == format!("'{}' object is not iterable", value.type_name()) =>
                    {
                        return Err(builtins::type_error("cannot unpack non-iterable ", &value, " object"));
                    }
                    other => other?,
                };
                let star = items.iter().position(|t| matches!(t.kind, ExprKind::Starred(_)));
                match star {
                    None => {
                        if values.len() != items.len() {
                            return Err(unpack_error(items.len(), values.len()));
                        }
                        for (t, v) in items.iter().zip(values) {
                            self.assign(scope, t, v).await?;
                        }
                    }
                    Some(s) => {
                        let after = items.len() - s - 1;
                        if values.len() < items.len() - 1 {
                            return raise(
                                "ValueError",
                                format!(
                                    "not enough values to unpack (expected at least {}, got {})",
                                    items.len() - 1,
                                    values.len()
                                ),
                            );
                        }
                        let mut values = values;
                        let tail = values.split_off(values.len() - after);
                        let middle = values.split_off(s);
                        for (t, v) in items[..s].iter().zip(values) {
                            self.assign(scope, t, v).await?;
                        }
                        if let ExprKind::Starred(t) = &items[s].kind {
                            self.assign(scope, t, Value::list(middle)).await?;
                        }
                        for (t, v) in items[s + 1..].iter().zip(tail) {
                            self.assign(scope, t, v).await?;
                        }
                    }
                }
            }
            _ => return raise("SyntaxError", "cannot assign to expression"),
        }
        Ok(())
    }

    /// `a op= b`. Reading and storing the target fail at the target, as CPython's; the
    /// operation, at the whole statement (no carets under it).
    pub(super) async fn aug_assign(&self, scope: &Rc<Scope>, target: &Expr, op: BinOp, value: &Expr) -> PyResult<()> {
        let at = |e| failed_at(e, target);
        match &target.kind {
            ExprKind::Name(n) => {
                let old = self.load(scope, *n).map_err(at)?;
                let v = self.eval(scope, value).await?;
                let new = self.binop_inplace(op, old, v).await?;
                self.store(scope, *n, new);
            }
            ExprKind::Attribute(obj, attr) => {
                let o = self.eval(scope, obj).await?;
                let old = self.get_attr(&o, *attr).map_err(at)?;
                let v = self.eval(scope, value).await?;
                let new = self.binop_inplace(op, old, v).await?;
                self.set_attr(&o, *attr, new).map_err(at)?;
            }
            ExprKind::Subscript(obj, index) => {
                let o = self.eval(scope, obj).await?;
                let i = self.eval(scope, index).await?;
                let old = self.get_item(&o, i.clone()).await.map_err(at)?;
                let v = self.eval(scope, value).await?;
                let new = self.binop_inplace(op, old, v).await?;
                self.set_item(&o, i, new).await.map_err(at)?;
            }
            _ => return raise("SyntaxError", "'expression' is an illegal expression for augmented assignment"),
        }
        Ok(())
    }

    /// `a op= b`: lists extend in place (`+=`), a script's object asks its `__iadd__` (and
    /// friends), dicts, sets and lists change in place (`d |= e`, `s &= t`, `l *= 2`: every
    /// name for them sees it), everything else is `a op b`.
    pub(super) async fn binop_inplace(&self, op: BinOp, a: Value, b: Value) -> PyResult {
        // A list's `+=` is its `extend` (a generator's items going in as they come), as CPython's.
        if let (BinOp::Add, Value::List(_)) = (op, &a) {
            builtins::list_method(self, "extend", vec![a.clone(), b], vec![])?;
            return Ok(a);
        }
        let in_place = match (op, &a) {
            // `d |= pairs` is `d.update(pairs)`: any mapping or iterable of pairs.
            (BinOp::BitOr, Value::Dict(_)) if !matches!(b, Value::Dict(_)) => {
                builtins::dict_method(self, "update", vec![a.clone(), b], vec![])?;
                return Ok(a);
            }
            (BinOp::BitOr, Value::Dict(_)) | (BinOp::Mul, Value::List(_)) => true,
            (BinOp::BitOr | BinOp::BitAnd | BinOp::BitXor | BinOp::Sub, Value::Set(_)) => true,
            (BinOp::Add | BinOp::Sub | BinOp::BitAnd, Value::Dict(d)) => d.borrow().is_counter(),
            _ => false,
        };
        if in_place {
            // What `a op b` makes, put in `a` itself (a `defaultdict` keeps its factory; a set,
            // the layout CPython's in-place operator gives its table).
            let new = self.binop(op, a.clone(), b.clone()).await.map_err(|e| builtins::inplace_error(op, e))?;
            match (&a, &new) {
                (Value::Dict(d) | Value::Set(d), Value::Dict(n) | Value::Set(n)) if !Rc::ptr_eq(d, n) => {
                    let mut fresh = n.borrow().clone();
                    fresh.missing = d.borrow().missing.clone();
                    if let (Value::Set(_), Value::Set(other)) = (&a, &b) {
                        fresh.lay_out_set_op(builtins::set_op(op), &d.borrow(), &other.borrow(), true, true);
                    }
                    let old = std::mem::replace(&mut *d.borrow_mut(), fresh);
                    drop(old); // out of the borrow
                }
                (Value::List(l), Value::List(n)) if !Rc::ptr_eq(l, n) => {
                    let items = n.borrow().clone();
                    let old = std::mem::replace(&mut *l.borrow_mut(), items);
                    drop(old);
                }
                _ => return Ok(new),
            }
            return Ok(a);
        }
        // A script's `__iadd__` (and friends) first, as CPython asks it.
        let own = match &a {
            Value::Instance(_) => builtins::script_method(&a, &format!("__i{}", &operator_methods(op).0[2..])),
            _ => None,
        };
        if let Some(m) = own {
            let r = self.call(m, vec![a.clone(), b.clone()], vec![]).await?;
            if !builtins::is_not_implemented(&r) {
                return Ok(r);
            }
        }
        self.binop(op, a, b).await.map_err(|e| builtins::inplace_error(op, e))
    }
}

/// A group's exceptions and message; `None` for an exception that is no group.
fn group_parts(e: &Exc) -> Option<(Vec<Value>, Rc<str>)> {
    let Value::Instance(i) = e else { return None };
    match (i.get(intern("exceptions")), i.get(intern("message"))) {
        (Some(Value::Tuple(all)), Some(Value::Str(m))) => Some((all.to_vec(), m)),
        _ => None,
    }
}

/// `e.split(t)`, as CPython's: the part of the group `e` whose exceptions match `t` and the
/// rest (`None`: nothing), each a group nested as `e` was, made by the group's `derive` (a
/// subclass's own, if it has one) with `e`'s traceback, cause, context and notes.
pub(crate) fn split_group(interp: &Interp, e: &Exc, t: &Value) -> PyResult<(Option<Exc>, Option<Exc>)> {
    split_by(interp, e, &mut |x| exception_matches(x, t))
}

/// [`split_group`] by `matches`, asked of each exception from the group down.
pub(crate) fn split_by(
    interp: &Interp,
    e: &Exc,
    matches: &mut dyn FnMut(&Exc) -> PyResult<bool>,
) -> PyResult<(Option<Exc>, Option<Exc>)> {
    if matches(e)? {
        return Ok((Some(e.clone()), None));
    }
    let Some((items, message)) = group_parts(e) else { return Ok((None, Some(e.clone()))) };
    let (mut matched, mut rest) = (Vec::new(), Vec::new());
    for x in &items {
        let (m, r) = split_by(interp, x, matches)?;
        matched.extend(m);
        rest.extend(r);
    }
    let derive = |part: Vec<Value>| -> PyResult<Option<Exc>> {
        if part.is_empty() {
            return Ok(None);
        }
        let to = match builtins::script_method(e, "derive") {
            Some(f @ Value::Func(_)) => interp.call_sync(f, vec![e.clone(), Value::list(part)])?,
            _ => exception_group(&message, part),
        };
        let (Value::Instance(from), Value::Instance(to_i)) = (e, &to) else {
            return raise("TypeError", "derive must return an instance of BaseExceptionGroup");
        };
        if !to_i.class.is_group() {
            return raise("TypeError", "derive must return an instance of BaseExceptionGroup");
        }
        to_i.traceback.borrow_mut().clone_from(&from.traceback.borrow());
        to_i.tb_scope.set(from.tb_scope.get());
        to_i.cause.borrow_mut().clone_from(&from.cause.borrow());
        to_i.context.borrow_mut().clone_from(&from.context.borrow());
        // CPython sets the cause through `PyException_SetCause`, which hides the context.
        to_i.suppress_context.set(true);
        let notes = intern("__notes__");
        if let Some(Value::List(l)) = from.get(notes) {
            to_i.set(notes, Value::list(l.borrow().clone())); // each part its own list
        }
        Ok(Some(to))
    };
    Ok((derive(matched)?, derive(rest)?))
}

/// The exceptions of `e` that are no group, however deep (`e` itself if it is none).
fn leaves(e: &Exc, out: &mut Vec<Exc>) {
    match group_parts(e) {
        Some((items, _)) => items.iter().for_each(|x| leaves(x, out)),
        None => out.push(e.clone()),
    }
}
