//! Expressions: the synchronous path (`simple`, plain ints in place), the async one, comprehensions.

use super::*;

impl Interp {
    /// Evaluates an expression: synchronously when it has no call and no await, else async.
    pub fn eval<'a>(&'a self, scope: &'a Rc<Scope>, mut e: &'a Expr) -> Evaluated<'a> {
        // A conditional expression whose test is simple: the branch taken is evaluated in its
        // place, not one nested evaluation deeper (`return 0 if n == 0 else n + f(n - 1)`
        // recurses as deep as the `if` statement does).
        while let ExprKind::IfExp(test, body, orelse) = &e.kind {
            let taken = match self.simple(scope, test) {
                Some(Ok(t)) => self.truthy(&t),
                Some(Err(err)) => Err(err),
                None => break,
            };
            match taken {
                Ok(true) => e = body,
                Ok(false) => e = orelse,
                Err(err) => return futures::future::Either::Left(std::future::ready(Err(err))),
            }
        }
        match self.simple(scope, e) {
            Some(r) => futures::future::Either::Left(std::future::ready(r)),
            None => futures::future::Either::Right(self.eval_full(scope, e)),
        }
    }

    /// The synchronous path: `None` if the expression calls or awaits (then nothing with an
    /// effect has happened yet, and the async path starts over). An error says where it
    /// failed (see [`note_at`]).
    #[inline]
    pub(super) fn simple(&self, scope: &Rc<Scope>, e: &Expr) -> Option<PyResult> {
        let r = self.simple_in(scope, e);
        if let Some(Err(err)) = &r {
            note_at(err, e);
        }
        r
    }

    fn simple_in(&self, scope: &Rc<Scope>, e: &Expr) -> Option<PyResult> {
        macro_rules! sub {
            ($e:expr) => {
                match self.simple(scope, $e)? {
                    Ok(v) => v,
                    Err(err) => return Some(Err(err)),
                }
            };
        }
        Some(match &e.kind {
            ExprKind::Const(c) => Ok(const_value(c)),
            ExprKind::Name(n) => self.load(scope, *n),
            ExprKind::Attribute(obj, attr) => {
                let o = sub!(obj);
                if matches!(o, Value::Instance(_)) {
                    return None; // may reach a script's method that is then called
                }
                self.get_attr(&o, *attr)
            }
            ExprKind::Subscript(obj, index) => {
                let o = sub!(obj);
                if matches!(o, Value::Instance(_)) {
                    return None;
                }
                let i = sub!(index);
                builtins::get_item(self, &o, &i)
            }
            ExprKind::Slice(a, b, c) => {
                let part = |x: &Option<Box<Expr>>| -> Option<PyResult> {
                    Some(match x {
                        Some(x) => self.simple(scope, x)?,
                        None => Ok(Value::None),
                    })
                };
                let (a, b, c) = (part(a)?, part(b)?, part(c)?);
                match (a, b, c) {
                    (Ok(a), Ok(b), Ok(c)) => Ok(Value::Slice(Rc::new([a, b, c]))),
                    (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => Err(e),
                }
            }
            ExprKind::BinOp(a, op, b) => {
                if let Some(i) = self.int_expr(scope, e) {
                    return Some(Ok(Value::Int(i)));
                }
                let x = sub!(a);
                let y = sub!(b);
                if let Some(v) = quick_int(*op, &x, &y) {
                    return Some(Ok(v));
                }
                if matches!(x, Value::Instance(_)) || matches!(y, Value::Instance(_)) {
                    return None;
                }
                builtins::binop(self, *op, &x, &y)
            }
            ExprKind::Unary(op, a) => {
                let x = sub!(a);
                if matches!(x, Value::Instance(_)) || matches!(&x, Value::Dict(d) if crate::collections::is_counter(d))
                {
                    return None; // its __bool__, __len__ or __neg__, or a Counter's
                }
                builtins::unary(*op, &x)
            }
            ExprKind::BoolOp(is_and, items) => {
                let mut last = Value::None;
                for (i, item) in items.iter().enumerate() {
                    last = sub!(item);
                    if i + 1 == items.len() {
                        break; // the last is the value, untested
                    }
                    if matches!(last, Value::Instance(_)) {
                        return None;
                    }
                    if last.truthy() != *is_and {
                        break;
                    }
                }
                Ok(last)
            }
            ExprKind::Compare(first, rest) => {
                if let Some(b) = self.int_test(scope, e) {
                    return Some(Ok(Value::Bool(b)));
                }
                let mut left = sub!(first);
                for (op, right) in rest {
                    let r = sub!(right);
                    if let (Value::Int(p), Value::Int(q)) = (&left, &r) {
                        let holds = match op {
                            CmpOp::Lt => p < q,
                            CmpOp::LtE => p <= q,
                            CmpOp::Gt => p > q,
                            CmpOp::GtE => p >= q,
                            CmpOp::Eq | CmpOp::Is => p == q,
                            CmpOp::NotEq | CmpOp::IsNot => p != q,
                            CmpOp::In | CmpOp::NotIn => {
                                return Some(raise("TypeError", "argument of type 'int' is not iterable"))
                            }
                        };
                        if !holds {
                            return Some(Ok(Value::Bool(false)));
                        }
                        left = r;
                        continue;
                    }
                    if matches!(left, Value::Instance(_)) || matches!(r, Value::Instance(_)) {
                        return None;
                    }
                    // `x in it` takes items from an iterator: not here, where a later part
                    // may send the whole expression to the async path, which would take them
                    // again.
                    if matches!(op, CmpOp::In | CmpOp::NotIn) && matches!(r, Value::Iter(_) | Value::Gen(_)) {
                        return None;
                    }
                    match builtins::compare(self, *op, &left, &r) {
                        Ok(true) => left = r,
                        Ok(false) => return Some(Ok(Value::Bool(false))),
                        Err(e) => return Some(Err(e)),
                    }
                }
                Ok(Value::Bool(true))
            }
            ExprKind::IfExp(test, body, orelse) => {
                let t = sub!(test);
                if matches!(t, Value::Instance(_)) {
                    return None;
                }
                if t.truthy() {
                    self.simple(scope, body)?
                } else {
                    self.simple(scope, orelse)?
                }
            }
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
                    return None;
                }
                let mut values = Vec::with_capacity(items.len());
                for item in items {
                    values.push(sub!(item));
                }
                self.display(&e.kind, values)
            }
            ExprKind::FString(parts) => {
                let mut out = String::new();
                for part in parts {
                    match part {
                        FPart::Lit(s) => out.push_str(s),
                        FPart::Field { expr, conv, spec, debug } => {
                            let v = sub!(expr);
                            if matches!(v, Value::Instance(_)) {
                                return None;
                            }
                            let mut spec_text = String::new();
                            for s in spec {
                                match s {
                                    FPart::Lit(l) => spec_text.push_str(l),
                                    FPart::Field { expr, .. } => {
                                        let sv = sub!(expr);
                                        spec_text.push_str(&sv.to_str());
                                    }
                                }
                            }
                            if let Some(d) = debug {
                                out.push_str(d);
                            }
                            match builtins::format_field(self, &v, *conv, &spec_text) {
                                Ok(s) => out.push_str(&s),
                                Err(e) => return Some(Err(e)),
                            }
                        }
                    }
                }
                if let Err(err) = self.alloc(out.len() / 16) {
                    return Some(Err(err));
                }
                Ok(Value::Str(out.into()))
            }
            ExprKind::Lambda(def) => {
                let closure = (!scope.info.is_module).then(|| Rc::clone(scope));
                if def.params.args.iter().chain(&def.params.kwonly).any(|p| p.default.is_some()) {
                    return None;
                }
                let defaults = vec![None; def.params.args.len() + def.params.kwonly.len()];
                Ok(Value::Func(Rc::new(Function {
                    def: Rc::clone(def),
                    defaults: RefCell::new(defaults),
                    closure,
                    info: self.scope_info(def),
                    defined_as: scope.qualname_of("<lambda>".into()),
                    renamed: RefCell::default(),
                    attrs: Rc::default(),
                })))
            }
            _ => return None,
        })
    }

    /// An expression on plain ints (int literals, names bound to ints, `+ - * // %` and bit
    /// operators), computed in place: no value is cloned or dropped. `None` when any part is
    /// something else or the result needs the general path (an overflow, a division by zero:
    /// it raises there); reading has no effect, so the general path may start over.
    pub(super) fn int_expr(&self, scope: &Scope, e: &Expr) -> Option<i64> {
        match &e.kind {
            ExprKind::Const(Const::Int(i)) => Some(*i),
            ExprKind::Name(n) => self.peek_int(scope, *n),
            ExprKind::BinOp(a, op, b) => int_op(*op, self.int_expr(scope, a)?, self.int_expr(scope, b)?),
            _ => None,
        }
    }

    /// A local (or, in the module, a global) variable's value when it is an int.
    #[inline]
    pub(super) fn peek_int(&self, scope: &Scope, name: Name) -> Option<i64> {
        let read = |v: Option<&Value>| match v {
            Some(Value::Int(i)) => Some(*i),
            _ => None,
        };
        if scope.info.is_module {
            return read(self.globals.borrow().get(&name));
        }
        let i = scope.info.slot(name)?;
        read(scope.slots.borrow()[i].as_ref())
    }

    /// A comparison chain of int expressions (`i * i <= n`, `0 <= x < 10`), decided in place;
    /// `None` as for [`Interp::int_expr`].
    pub(super) fn int_test(&self, scope: &Scope, e: &Expr) -> Option<bool> {
        let ExprKind::Compare(first, rest) = &e.kind else { return None };
        let mut left = self.int_expr(scope, first)?;
        for (op, right) in rest {
            let r = self.int_expr(scope, right)?;
            let holds = match op {
                CmpOp::Lt => left < r,
                CmpOp::LtE => left <= r,
                CmpOp::Gt => left > r,
                CmpOp::GtE => left >= r,
                CmpOp::Eq => left == r,
                CmpOp::NotEq => left != r,
                _ => return None,
            };
            if !holds {
                return Some(false);
            }
            left = r;
        }
        Some(true)
    }

    /// A call that finishes at once, made without a future: the callee is a built-in (or a
    /// built-in value's method) or an `async def` (the call only makes its coroutine), and it
    /// and the arguments (positional or keyword) evaluate on the synchronous path. `None` when
    /// the call is not such a call; then nothing has run. Most calls a coroutine awaits
    /// (`asyncio.sleep(…)`, `queue.get()`, `fetch(i)`) and most a loop makes (`print`, `len`)
    /// are of this kind.
    pub(super) fn quick_call(&self, scope: &Rc<Scope>, e: &Expr) -> Option<PyResult> {
        let r = self.quick_call_in(scope, e);
        if let Some(Err(err)) = &r {
            note_at(err, e);
        }
        r
    }

    fn quick_call_in(&self, scope: &Rc<Scope>, e: &Expr) -> Option<PyResult> {
        let ExprKind::Call(func, args) = &e.kind else { return None };
        if matches!(func.kind, ExprKind::Name(n) if n == SUPER.with(|s| *s) || is_yield(n)) {
            return None; // `super()` reads the caller's frame, a `yield` stops it: the async path
        }
        let f = match self.simple(scope, func)? {
            Ok(f) => f,
            Err(err) => return Some(Err(err)),
        };
        let quick = match &f {
            Value::Builtin(_) => true,
            Value::Func(func) => func.def.is_async || func.def.has_yield,
            Value::Method(m) => matches!(m.1, Value::Builtin(_)),
            _ => false,
        };
        if !quick {
            return None;
        }
        let mut pos = Vec::with_capacity(args.len() + usize::from(matches!(f, Value::Method(_))));
        let mut kw = Vec::new();
        if let Value::Method(m) = &f {
            pos.push(m.0.clone());
        }
        for a in args {
            let (key, e) = match a {
                Arg::Pos(e) => (None, e),
                Arg::Kw(n, e) => (Some(*n), e),
                _ => return None,
            };
            let v = match self.simple(scope, e)? {
                Ok(v) => v,
                Err(err) => return Some(Err(err)),
            };
            match key {
                None => pos.push(v),
                Some(n) => kw.push((n, v)),
            }
        }
        Some(match f {
            Value::Builtin(b) => builtins::call_builtin(self, &b, pos, kw),
            Value::Method(m) => match &m.1 {
                Value::Builtin(b) => builtins::call_builtin(self, b, pos, kw),
                _ => unreachable!("checked above"),
            },
            Value::Func(func) if func.def.has_yield => {
                self.bind(&func, pos, kw).map(|scope| self.generator(&func, scope))
            }
            Value::Func(func) => self.bind(&func, pos, kw).map(|scope| self.coroutine(&func, scope)),
            _ => unreachable!("checked above"),
        })
    }

    /// A set display's values in the order of the first display of equal constants, of the
    /// same types (`{1, 2, 3}` and `{3, 2, 1}` share one frozenset constant in CPython, laid
    /// out from the first one's order; `{1.0, 2, 3}` has its own).
    fn constant_order(&self, items: &[Expr], values: Vec<Value>) -> Vec<Value> {
        if !constant_display(items) {
            return values;
        }
        let same = |a: &Value, b: &Value| a.type_name() == b.type_name() && a.equals(b);
        let mut seen = self.host.constant_sets.borrow_mut();
        let unique: Vec<&Value> = values
            .iter()
            .enumerate()
            .filter(|(i, v)| !values[..*i].iter().any(|w| same(v, w)))
            .map(|(_, v)| v)
            .collect();
        for earlier in seen.iter() {
            if earlier.len() == unique.len() && unique.iter().all(|v| earlier.iter().any(|w| same(v, w))) {
                return earlier.clone();
            }
        }
        seen.push(unique.into_iter().cloned().collect());
        values
    }

    /// A list, tuple or set display's value, from its items.
    pub(super) fn display(&self, kind: &ExprKind, values: Vec<Value>) -> PyResult {
        self.alloc(values.len())?;
        match kind {
            ExprKind::List(_) => Ok(Value::list(values)),
            ExprKind::Tuple(_) => Ok(Value::tuple(values)),
            ExprKind::Set(items) => {
                let values = self.constant_order(items, values);
                let set = builtins::make_set(values)?;
                // CPython makes a display of 3+ constants a constant of its own first.
                if let (Value::Set(d), true) = (&set, constant_display(items)) {
                    let mut d = d.borrow_mut();
                    d.display = d.len();
                }
                Ok(set)
            }
            _ => builtins::make_set(values),
        }
    }

    /// The async path: calls, awaits, comprehensions, and anything that met a script's object.
    pub(super) fn eval_full<'a>(&'a self, scope: &'a Rc<Scope>, e: &'a Expr) -> Fut<'a, PyResult> {
        Box::pin(async move {
            let r = self.eval_in(scope, e).await;
            if let Err(err) = &r {
                note_at(err, e);
            }
            r
        })
    }

    async fn eval_in(&self, scope: &Rc<Scope>, e: &Expr) -> PyResult {
        let _nested = aio::Nested::enter()?;
        match &e.kind {
            ExprKind::Call(func, args) => {
                if let ExprKind::Name(n) = func.kind {
                    if &*text(n) == "super" {
                        if let [Arg::Pos(c), Arg::Pos(o)] = args.as_slice() {
                            // `super(Class, self)`, the older spelling.
                            let (c, o) = (self.eval(scope, c).await?, self.eval(scope, o).await?);
                            // The second, an instance of the class or a class derived from it
                            // (`super(Cls, cls)` in a classmethod).
                            let derives = |c: &Rc<Class>| match &o {
                                Value::Class(oc) => oc.is_subclass(c),
                                o => o.class().is_subclass(c),
                            };
                            return match &c {
                                Value::Class(c) if derives(c) && c.base.is_some() => {
                                    Ok(Value::Native(Rc::new(aio::Native::Super(o, Rc::clone(c)))))
                                }
                                Value::Class(_) => {
                                    raise("TypeError", "super(type, obj): obj must be an instance or subtype of type")
                                }
                                c => Err(builtins::type_error("super() argument 1 must be a type, not ", c, "")),
                            };
                        }
                        if args.is_empty() {
                            return self.super_object(scope);
                        }
                    }
                    // `locals()` or `vars()` in a function, unless the name is the script's own.
                    if args.is_empty() && LOCALS.with(|l| l.contains(&n)) && !self.defines(scope, n) {
                        return self.locals_of(scope);
                    }
                    // `dir()`: the names of the frame.
                    if args.is_empty() && n == DIR.with(|d| *d) && !self.defines(scope, n) {
                        return self.dir_of_frame(scope);
                    }
                    if is_yield(n) {
                        let v = match args.first() {
                            Some(Arg::Pos(e)) => self.eval(scope, e).await?,
                            _ => Value::None,
                        };
                        return match n == YIELD.with(|y| *y) {
                            true => self.yield_value(v).await,
                            false => self.yield_from(v).await,
                        };
                    }
                }
                // `obj.method(args)`: no bound method is made for a built-in value's method.
                let f = self.eval(scope, func).await?;
                let (pos, kw) = self.eval_args(scope, &f, args).await?;
                self.call(f, pos, kw).await
            }
            ExprKind::Await(inner) => {
                let v = self.eval(scope, inner).await?;
                self.await_value(v).await
            }
            ExprKind::Attribute(obj, attr) => {
                let o = self.eval(scope, obj).await?;
                self.get_attr(&o, *attr)
            }
            ExprKind::Subscript(obj, index) => {
                let o = self.eval(scope, obj).await?;
                let i = self.eval(scope, index).await?;
                self.get_item(&o, i).await
            }
            ExprKind::Slice(a, b, c) => {
                // A bound that calls (`a[:len(a) // 2]`): each is evaluated in turn.
                let mut parts = [Value::None, Value::None, Value::None];
                for (part, x) in parts.iter_mut().zip([a, b, c]) {
                    if let Some(x) = x {
                        *part = self.eval(scope, x).await?;
                    }
                }
                Ok(Value::Slice(Rc::new(parts)))
            }
            ExprKind::BinOp(a, op, b) => {
                let x = self.eval(scope, a).await?;
                let y = self.eval(scope, b).await?;
                self.binop(*op, x, y).await
            }
            ExprKind::Unary(op, a) => {
                let x = self.eval(scope, a).await?;
                match (op, &x) {
                    (UnaryOp::Not, _) => Ok(Value::Bool(!self.truthy(&x)?)),
                    (UnaryOp::Neg | UnaryOp::Pos | UnaryOp::Invert, Value::Instance(_)) => {
                        let (method, sign) = match op {
                            UnaryOp::Neg => ("__neg__", '-'),
                            UnaryOp::Pos => ("__pos__", '+'),
                            _ => ("__invert__", '~'),
                        };
                        match builtins::script_method(&x, method) {
                            Some(_) => self.call_method(&x, method, vec![]).await,
                            None => {
                                raise("TypeError", format!("bad operand type for unary {sign}: '{}'", x.type_name()))
                            }
                        }
                    }
                    // A `Counter`'s `+c` and `-c`: its positive counts, or its negative ones negated.
                    (UnaryOp::Neg | UnaryOp::Pos, Value::Dict(d)) if crate::collections::is_counter(d) => {
                        let empty = crate::collections::counter();
                        let op = if *op == UnaryOp::Pos { BinOp::Add } else { BinOp::Sub };
                        crate::collections::counter_op(self, op, &empty, d).unwrap_or(Ok(Value::None))
                    }
                    _ => builtins::unary(*op, &x),
                }
            }
            ExprKind::BoolOp(is_and, items) => self.bool_op(scope, *is_and, items).await.map(|(v, _)| v),
            // What the last comparison gave (a script's `__lt__` may give any value), or the
            // first one that is false; only a chain asks whether one is true.
            ExprKind::Compare(first, rest) => {
                let mut left = self.eval(scope, first).await?;
                let mut last = Value::Bool(true);
                for (i, (op, right)) in rest.iter().enumerate() {
                    let r = self.eval(scope, right).await?;
                    last = self.compare_value(*op, &left, &r)?;
                    if i + 1 < rest.len() && !self.truthy(&last)? {
                        return Ok(last);
                    }
                    left = r;
                }
                Ok(last)
            }
            ExprKind::IfExp(test, body, orelse) => {
                if self.holds(scope, test).await? {
                    self.eval(scope, body).await
                } else {
                    self.eval(scope, orelse).await
                }
            }
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                let mut values = Vec::with_capacity(items.len());
                // `{*d, …}`: the empty set took a plain dict's keys first (see presize_for_dict).
                let mut from_dict = None;
                for item in items {
                    if let ExprKind::Starred(inner) = &item.kind {
                        let v = self.eval(scope, inner).await?;
                        if let (ExprKind::Set(_), Value::Dict(d), true) = (&e.kind, &v, values.is_empty()) {
                            if matches!(d.borrow().missing, crate::value::Missing::KeyError) {
                                from_dict = Some(d.borrow().len());
                            }
                        }
                        // A list's or a tuple's in CPython's words (a set's keeps the plain one).
                        let items = match e.kind {
                            ExprKind::Set(_) => self.iterate(&v),
                            _ => {
                                self.iterate(&v).map_err(|e| call::not_iterable_after(e, &v, || "Value after *".into()))
                            }
                        };
                        values.extend(items?);
                    } else {
                        values.push(self.eval(scope, item).await?);
                    }
                }
                let made = self.display(&e.kind, values)?;
                if let (Value::Set(set), Some(n)) = (&made, from_dict) {
                    set.borrow_mut().presize_for_dict(n);
                }
                Ok(made)
            }
            ExprKind::Dict(items) => {
                let mut d = Dict::default();
                for (k, v) in items {
                    match k {
                        Some(k) => {
                            let k = self.eval(scope, k).await?;
                            let v = self.eval(scope, v).await?;
                            d.insert(k.key()?, k, v);
                        }
                        None => match self.eval(scope, v).await? {
                            Value::Dict(other) => {
                                for (key, k, v) in other.borrow().keyed() {
                                    d.insert(key, k, v);
                                }
                            }
                            other => {
                                return raise("TypeError", format!("'{}' object is not a mapping", other.type_name()));
                            }
                        },
                    }
                }
                self.alloc(d.len())?;
                Ok(Value::Dict(Rc::new(RefCell::new(d))))
            }
            ExprKind::FString(parts) => {
                let mut out = String::new();
                for part in parts {
                    match part {
                        FPart::Lit(s) => out.push_str(s),
                        FPart::Field { expr, conv, spec, debug } => {
                            let v = self.eval(scope, expr).await?;
                            let mut spec_text = String::new();
                            for s in spec {
                                match s {
                                    FPart::Lit(l) => spec_text.push_str(l),
                                    FPart::Field { expr, .. } => {
                                        let sv = self.eval(scope, expr).await?;
                                        spec_text.push_str(&self.to_str(&sv)?);
                                    }
                                }
                            }
                            if let Some(d) = debug {
                                out.push_str(d);
                            }
                            out.push_str(&builtins::format_field(self, &v, *conv, &spec_text)?);
                        }
                    }
                }
                Ok(Value::Str(out.into()))
            }
            ExprKind::Lambda(def) => self.make_function(scope, def, scope).await,
            ExprKind::ListComp(elt, gens) => {
                Ok(Value::list(self.comprehension(scope, e, gens, elt, None, "<listcomp>").await?))
            }
            ExprKind::SetComp(elt, gens) => {
                builtins::make_set(self.comprehension(scope, e, gens, elt, None, "<setcomp>").await?)
            }
            ExprKind::GeneratorExp(gx) => {
                // Its first iterable is taken here, as CPython does; the rest runs as the
                // generator is resumed.
                let Some(first) = gx.gens.first() else { return unsupported("this expression") };
                let src = self.eval(scope, &first.iter).await?;
                let items = self.items_for(src, first.is_async)?;
                let inner = comp_scope(scope, &gx.gens, "<genexpr>");
                Ok(self.generator_exp(Rc::clone(gx), inner, items, Span::of(e)))
            }
            ExprKind::DictComp(key, value, gens) => {
                let out = self.comprehension(scope, e, gens, key, Some(value), "<dictcomp>").await?;
                let mut d = Dict::default();
                let mut it = out.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    d.insert(k.key()?, k, v);
                }
                Ok(Value::Dict(Rc::new(RefCell::new(d))))
            }
            ExprKind::NamedExpr(n, value) => {
                let v = self.eval(scope, value).await?;
                self.store(scope, *n, v.clone());
                Ok(v)
            }
            ExprKind::Starred(_) => raise("SyntaxError", "can't use starred expression here"),
            _ => match self.simple(scope, e) {
                Some(r) => r,
                None => unsupported("this expression"),
            },
        }
    }

    /// An `and` or an `or`, as CPython's jumps make it: each operand but the last is tested
    /// once (an inner `and`/`or` that tested its own value says so), and the last is the value,
    /// untested. Gives the value and its truth when it is known.
    fn bool_op<'a>(
        &'a self,
        scope: &'a Rc<Scope>,
        is_and: bool,
        items: &'a [Expr],
    ) -> Fut<'a, PyResult<(Value, Option<bool>)>> {
        Box::pin(async move {
            let mut last = (Value::None, None);
            for (i, item) in items.iter().enumerate() {
                last = match &item.kind {
                    ExprKind::BoolOp(inner_and, inner) => self.bool_op(scope, *inner_and, inner).await?,
                    _ => (self.eval(scope, item).await?, None),
                };
                if i + 1 == items.len() {
                    break;
                }
                let truth = match last.1 {
                    Some(t) => t,
                    None => self.truthy(&last.0)?,
                };
                if truth != is_and {
                    return Ok((last.0, Some(truth)));
                }
            }
            Ok(last)
        })
    }

    /// Whether a condition (`if`, `while`, `assert`, a comprehension's `if`, `x if c else y`)
    /// holds. An `and`, an `or` or a `not` tests each operand once, as CPython's jumps do: no
    /// `__bool__` runs twice.
    pub(super) async fn holds(&self, scope: &Rc<Scope>, test: &Expr) -> PyResult<bool> {
        match &test.kind {
            ExprKind::BoolOp(is_and, items) => {
                for item in items {
                    if self.holds_nested(scope, item).await? != *is_and {
                        return Ok(!*is_and);
                    }
                }
                Ok(*is_and)
            }
            ExprKind::Unary(UnaryOp::Not, inner) => Ok(!self.holds_nested(scope, inner).await?),
            _ => {
                let t = self.eval(scope, test).await?;
                self.truthy(&t)
            }
        }
    }

    /// [`Interp::holds`] of an operand: boxed only where it nests an `and`, an `or` or a `not`.
    async fn holds_nested(&self, scope: &Rc<Scope>, e: &Expr) -> PyResult<bool> {
        match &e.kind {
            ExprKind::BoolOp(..) | ExprKind::Unary(UnaryOp::Not, _) => {
                let nested: Fut<'_, PyResult<bool>> = Box::pin(self.holds(scope, e));
                nested.await
            }
            _ => {
                let t = self.eval(scope, e).await?;
                self.truthy(&t)
            }
        }
    }

    /// A list, set or dict comprehension's items, as CPython 3.11 makes them: its first
    /// iterable taken in the scope around it, the rest in a frame of its own (`frame`,
    /// `<listcomp>`), which the traceback of an error inside shows: where it failed, or, when
    /// what it iterates failed (a generator that raised), the whole comprehension (`whole`).
    async fn comprehension(
        &self,
        scope: &Rc<Scope>,
        whole: &Expr,
        gens: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
        frame: &str,
    ) -> PyResult<Vec<Value>> {
        let Some((first, rest)) = gens.split_first() else { return unsupported("this expression") };
        let src = self.eval(scope, &first.iter).await?;
        let items = self.items_for(src, first.is_async)?;
        let inner = comp_scope(scope, gens, frame);
        let mut out = Vec::new();
        // Its frame counts against the recursion limit, as CPython 3.11's does: a function
        // that recurses inside a comprehension fails at half the depth.
        let task = aio::current();
        let depth = task.as_ref().map_or(0, |t| t.depth.get());
        if depth >= self.recursion_limit.get() {
            return raise("RecursionError", "maximum recursion depth exceeded");
        }
        task.iter().for_each(|t| t.depth.set(depth + 1));
        let done = self.comprehend_items(&inner, first, items, rest, elt, value, Some(&mut out)).await;
        task.iter().for_each(|t| t.depth.set(depth));
        if let Err(e) = &done {
            note_at(e, whole);
            add_frame(e, &inner);
        }
        done.map(|()| out)
    }

    /// Runs a comprehension's loops, pushing `elt` (and `value`, for a dict) for each item kept
    /// to `out`, or, with none, yielding it (a generator expression's body).
    pub(super) fn comprehend<'a>(
        &'a self,
        scope: &'a Rc<Scope>,
        gens: &'a [Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
        out: Option<&'a mut Vec<Value>>,
    ) -> Fut<'a, PyResult<()>> {
        Box::pin(async move {
            let Some((g, rest)) = gens.split_first() else {
                scope.line.set(elt.line); // its frame's line in a traceback, as CPython's
                let item = self.eval(scope, elt).await?;
                let Some(out) = out else { return self.yield_value(item).await.map(drop) };
                let value = match value {
                    Some(v) => {
                        scope.line.set(v.line);
                        Some(self.eval(scope, v).await?)
                    }
                    None => None,
                };
                // A set's or a dict's item is stored as it is made, in the comprehension's frame
                // (CPython's SET_ADD, MAP_ADD): a list as a key fails there, before the next item.
                if matches!(&*scope.name, "<setcomp>" | "<dictcomp>") && builtin_unhashable(&item) {
                    item.key()?;
                }
                out.push(item);
                out.extend(value);
                return self.alloc(1);
            };
            let src = self.eval(scope, &g.iter).await?;
            let items = self.items_for(src, g.is_async)?;
            self.comprehend_items(scope, g, items, rest, elt, value, out).await
        })
    }

    /// One clause of [`Interp::comprehend`] over its `items`: for each kept, the clauses after it.
    #[allow(clippy::too_many_arguments)]
    async fn comprehend_items<'a>(
        &'a self,
        scope: &'a Rc<Scope>,
        g: &'a Comprehension,
        mut items: Items,
        rest: &'a [Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
        mut out: Option<&'a mut Vec<Value>>,
    ) -> PyResult<()> {
        while let Some(item) = items.next(self).await? {
            if self.step(scope, g.iter.line) {
                self.preempt().await?;
            }
            self.assign(scope, &g.target, item).await?;
            let mut keep = true;
            for cond in &g.ifs {
                if !self.holds(scope, cond).await? {
                    keep = false;
                    break;
                }
            }
            if keep {
                self.comprehend(scope, rest, elt, value, out.as_deref_mut()).await?;
            }
        }
        Ok(())
    }

    /// A generator expression's generator, over the items of its first iterable (taken where
    /// it was made): each step runs its loops to the next item, as CPython's `<genexpr>` does.
    /// An error from what it iterates shows it whole (`whole`) in its frame.
    fn generator_exp(&self, gx: Rc<GenExp>, scope: Rc<Scope>, items: Items, whole: Span) -> Value {
        let interp = self.host.interp();
        let name: Rc<str> = if scope.info.is_module || scope.parent.as_ref().is_some_and(|p| p.info.is_module) {
            "<genexpr>".into()
        } else {
            format!("{}.<locals>.<genexpr>", scope.qualname).into()
        };
        let is_async = gx.is_async;
        let body = async move {
            let interp = interp.upgrade().ok_or_else(|| exc("RuntimeError", "the run has ended"))?;
            let first = &gx.gens[0];
            let done = interp.comprehend_items(&scope, first, items, &gx.gens[1..], &gx.elt, None, None).await;
            if let Err(e) = &done {
                note_span(e, whole);
                add_frame(e, &scope);
            }
            done.map(|()| Value::None)
        };
        Value::Gen(Rc::new(Gen::new(name, is_async, Box::pin(body))))
    }
}

/// A comprehension's own scope, named `frame` in tracebacks (`<listcomp>`), at the line of
/// the scope around it until its loop runs.
pub(super) fn comp_scope(scope: &Rc<Scope>, gens: &[Comprehension], frame: &str) -> Rc<Scope> {
    let mut locals = Vec::new();
    for g in gens {
        target_names(&g.target, &mut locals);
    }
    let info = ScopeInfo { locals, is_comp: true, ..ScopeInfo::default() };
    let parent = Some(Rc::clone(scope));
    let inner = Scope::of(Rc::new(info), parent, Rc::from(frame), Rc::clone(&scope.qualname), scope.class.clone());
    inner.line.set(scope.line.get());
    inner
}

/// Whether `n` is what the parser makes of `yield` or `yield from` (see [`YIELD`]).
fn is_yield(n: Name) -> bool {
    n == YIELD.with(|y| *y) || n == YIELD_FROM.with(|y| *y)
}

/// Whether a set display is one CPython's compiler makes a frozenset constant of: three or
/// more items, each a constant once folded (`-1`, `2**40`, a tuple of constants).
fn constant_display(items: &[Expr]) -> bool {
    fn constant(e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Const(_) => true,
            ExprKind::Tuple(items) => items.iter().all(constant),
            ExprKind::Unary(_, inner) => constant(inner),
            ExprKind::BinOp(a, _, b) => constant(a) && constant(b),
            _ => false,
        }
    }
    items.len() > 2 && items.iter().all(constant)
}

/// A built-in value no key can be made of (a list, a dict, a set, or a tuple holding one):
/// its error costs no call of a script's `__hash__`.
fn builtin_unhashable(v: &Value) -> bool {
    match v {
        Value::List(_) | Value::Dict(_) | Value::Set(_) => true,
        Value::Tuple(t) => t.iter().any(builtin_unhashable),
        _ => false,
    }
}
