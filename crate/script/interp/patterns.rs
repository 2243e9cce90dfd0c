//! `match` statements: each `case` pattern tried against the subject, as CPython tries them
//! (the parser checked that each is a pattern; see `ast::MatchCase`).

use super::*;

/// The built-in classes whose one positional sub-pattern matches the subject itself
/// (`case int(n):`), as CPython's.
const SELF_MATCHING: &[&str] =
    &["bool", "bytearray", "bytes", "dict", "float", "frozenset", "int", "list", "set", "str", "tuple"];

/// The captures a pattern noted so far, bound once it has matched whole.
type Binds = RefCell<Vec<(Name, Value)>>;

impl Interp {
    /// Runs the first case whose pattern matches (binding its names) and whose guard holds.
    pub(super) async fn exec_match(&self, scope: &Rc<Scope>, subject: &Expr, cases: &[MatchCase]) -> PyResult<Flow> {
        let v = self.eval(scope, subject).await?;
        for case in cases {
            // Its captures are bound once the whole pattern matched, as in CPython: a case
            // that fails part way leaves the names as they were.
            let binds = Binds::default();
            if !self.matches(scope, &case.pattern, &v, &binds).await? {
                continue;
            }
            for (n, x) in binds.take() {
                self.store(scope, n, x);
            }
            if let Some(n) = case.name {
                self.store(scope, n, v.clone());
            }
            if let Some(guard) = &case.guard {
                let holds = self.eval(scope, guard).await?;
                if !self.truthy(&holds)? {
                    continue; // what the pattern bound stays bound, as in CPython
                }
            }
            return self.exec_block(scope, &case.body).await;
        }
        Ok(Flow::Next)
    }

    /// Whether `v` matches the pattern `p`, noting its captures in `binds` as it goes.
    fn matches<'a>(
        &'a self,
        scope: &'a Rc<Scope>,
        p: &'a Expr,
        v: &'a Value,
        binds: &'a Binds,
    ) -> Fut<'a, PyResult<bool>> {
        Box::pin(async move {
            match &p.kind {
                ExprKind::Name(n) => {
                    if &*text(*n) != "_" {
                        binds.borrow_mut().push((*n, v.clone()));
                    }
                    Ok(true)
                }
                // `None`, `True` and `False` are compared by identity, other values with `==`.
                ExprKind::Const(Const::None | Const::Bool(_)) => Ok(self.eval(scope, p).await?.is(v)),
                ExprKind::Const(_) | ExprKind::Unary(..) | ExprKind::Attribute(..) => {
                    // `subject == value` as the expression asks it: the value's own `__eq__`
                    // first when its class derives from the subject's (a `StrEnum` member).
                    let want = self.eval(scope, p).await?;
                    self.compare(CmpOp::Eq, v, &want)
                }
                ExprKind::NamedExpr(n, inner) => {
                    let ok = self.matches(scope, inner, v, binds).await?;
                    if ok {
                        binds.borrow_mut().push((*n, v.clone()));
                    }
                    Ok(ok)
                }
                // `a | b`: what a failed alternative noted is dropped before the next is tried.
                ExprKind::BinOp(a, _, b) => {
                    let before = binds.borrow().len();
                    if self.matches(scope, a, v, binds).await? {
                        return Ok(true);
                    }
                    binds.borrow_mut().truncate(before);
                    self.matches(scope, b, v, binds).await
                }
                ExprKind::List(items) | ExprKind::Tuple(items) => self.match_sequence(scope, items, v, binds).await,
                ExprKind::Dict(entries) => self.match_mapping(scope, entries, v, binds).await,
                // Its errors (a class with too few `__match_args__`) are the pattern's, on its line.
                ExprKind::Call(class, args) => {
                    self.match_class(scope, class, args, v, binds).await.map_err(|e| failed_at(e, p))
                }
                _ => Ok(false),
            }
        })
    }

    /// `[a, *rest, z]`: a list or a tuple (not a str) of the right length, item by item.
    async fn match_sequence(&self, scope: &Rc<Scope>, pats: &[Expr], v: &Value, binds: &Binds) -> PyResult<bool> {
        // A sequence, as CPython's pattern takes it: no str, bytes or dict, but a range, a
        // deque and a named tuple are.
        let items: Vec<Value> = match v {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => t.to_vec(),
            Value::Range(_) => builtins::iterate(v)?,
            Value::Instance(i) if crate::deque::is_deque(&i.class) => self.iterate(v)?,
            v if crate::namedtuple::is_namedtuple(v) => crate::namedtuple::fields_of(v).unwrap_or_default(),
            _ => return Ok(false),
        };
        let star = pats.iter().position(|p| matches!(p.kind, ExprKind::Starred(_)));
        let fixed = pats.len() - usize::from(star.is_some());
        if items.len() < fixed || (star.is_none() && items.len() != fixed) {
            return Ok(false);
        }
        let after = star.map_or(0, |i| pats.len() - i - 1);
        for (i, p) in pats.iter().enumerate() {
            let ok = match (&p.kind, star) {
                (ExprKind::Starred(name), _) => {
                    let rest = items[i..items.len() - after].to_vec();
                    self.matches(scope, name, &Value::list(rest), binds).await?
                }
                (_, Some(s)) if i > s => self.matches(scope, p, &items[items.len() - (pats.len() - i)], binds).await?,
                _ => self.matches(scope, p, &items[i], binds).await?,
            };
            if !ok {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `{"type": kind, **rest}`: a dict with each key, each value matching.
    async fn match_mapping(
        &self,
        scope: &Rc<Scope>,
        entries: &[(Option<Expr>, Expr)],
        v: &Value,
        binds: &Binds,
    ) -> PyResult<bool> {
        let Value::Dict(d) = v else { return Ok(false) };
        let mut seen = Vec::new();
        for (key, p) in entries {
            let Some(key) = key else { continue };
            let k = self.eval(scope, key).await?;
            let found = d.borrow().get(&k.key()?);
            let Some(found) = found else { return Ok(false) };
            if !self.matches(scope, p, &found, binds).await? {
                return Ok(false);
            }
            seen.push(k);
        }
        if let Some((None, rest)) = entries.last() {
            let mut left = Dict::default();
            for (k, x) in d.borrow().entries() {
                if !seen.iter().any(|s| s.is(&k) || builtins::compare(self, CmpOp::Eq, s, &k).unwrap_or(false)) {
                    left.insert(k.key()?, k, x);
                }
            }
            return self.matches(scope, rest, &Value::dict(left), binds).await;
        }
        Ok(true)
    }

    /// `Point(x, y=0)`: an instance of the class, its attributes (the positional ones named by
    /// the class's `__match_args__`) matching.
    async fn match_class(
        &self,
        scope: &Rc<Scope>,
        class: &Expr,
        args: &[Arg],
        v: &Value,
        binds: &Binds,
    ) -> PyResult<bool> {
        let Value::Class(c) = self.eval(scope, class).await? else {
            return raise("TypeError", "called match pattern must be a type");
        };
        if !v.class().is_subclass(&c) {
            return Ok(false);
        }
        let positional: Vec<&Expr> =
            args.iter().filter_map(|a| if let Arg::Pos(x) = a { Some(x) } else { None }).collect();
        let names: Vec<Value> = match c.lookup(intern("__match_args__")) {
            _ if positional.is_empty() => Vec::new(),
            _ if positional.len() == 1 && c.kind != Kind::Object && SELF_MATCHING.contains(&&*c.name) => {
                return self.matches(scope, positional[0], v, binds).await;
            }
            Some(Value::Tuple(t)) => t.to_vec(),
            Some(other) => {
                return raise(
                    "TypeError",
                    format!("{}.__match_args__ must be a tuple (got {})", c.name, other.type_name()),
                );
            }
            None => Vec::new(),
        };
        if positional.len() > names.len() {
            // A self-matching built-in takes one (`int(n)`); others what `__match_args__` names.
            let takes = if c.kind != Kind::Object && SELF_MATCHING.contains(&&*c.name) { 1 } else { names.len() };
            let s = if takes == 1 { "" } else { "s" };
            return raise(
                "TypeError",
                format!("{}() accepts {takes} positional sub-pattern{s} ({} given)", c.name, positional.len()),
            );
        }
        let keyed = args.iter().filter_map(|a| if let Arg::Kw(n, x) = a { Some((*n, x)) } else { None });
        let named = names.iter().zip(positional).map(|(n, x)| (intern(&n.to_str()), x));
        for (name, p) in named.chain(keyed) {
            let attr = match self.get_attr(v, name) {
                Ok(a) => a,
                Err(Value::Instance(e)) if &*e.class.name == "AttributeError" => return Ok(false),
                Err(e) => return Err(e),
            };
            if !self.matches(scope, p, &attr, binds).await? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}
