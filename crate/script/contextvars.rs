//! `contextvars`: variables whose value belongs to the task that set it. As in CPython, each
//! task starts with a copy of the context it was made in (its creator's, a callback's
//! scheduler's, a thread's caller's), so a value a task sets is seen by that task and the
//! tasks it makes, never by its siblings or its creator; `asyncio.run` runs its coroutine in
//! a copy too. The values live on the Python task ([`crate::aio::PyTask::vars`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::aio::{current, Native};
use super::ast::{intern, Name};
use super::builtins::{builtin, kwarg};
use super::interp::Interp;
use super::value::*;

/// A context: each variable set in it, with its value, in the order they were first set.
pub type Vars = Vec<(Rc<Native>, Value)>;

/// The module's names.
pub fn module_attrs() -> Vec<(&'static str, Value)> {
    let token = other_class("Token");
    if token.attrs.borrow().is_empty() {
        token.attrs.borrow_mut().push((intern("MISSING"), missing()));
    }
    vec![
        ("ContextVar", Value::Class(other_class("ContextVar"))),
        ("Token", Value::Class(token)),
        ("Context", Value::Class(other_class("Context"))),
        ("copy_context", builtin("copy_context", |_, _, _, _| Ok(context(snapshot())))),
    ]
}

/// The variables of the task running now (a copy).
pub fn snapshot() -> Vars {
    current().map(|t| t.vars.borrow().clone()).unwrap_or_default()
}

/// Puts `vars` back as the running task's (what [`snapshot`] took, after a run in a copy).
pub fn restore(vars: Vars) {
    if let Some(t) = current() {
        *t.vars.borrow_mut() = vars;
    }
}

fn context(vars: Vars) -> Value {
    Value::Native(Rc::new(Native::Context(RefCell::new(vars), Cell::new(false))))
}

/// `ContextVar(name, *, default=…)` and `Context()`, called as classes.
pub fn construct(class: &Class, args: &[Value], kw: &[(Name, Value)]) -> PyResult {
    match &*class.name {
        "Context" if args.is_empty() && kw.is_empty() => Ok(context(Vars::new())),
        "Context" => raise("TypeError", "Context() does not accept any arguments"),
        "ContextVar" => {
            let name = match (args, kwarg(kw, "name").as_ref()) {
                ([Value::Str(s)], None) | ([], Some(Value::Str(s))) => Rc::clone(s),
                ([_], None) | ([], Some(_)) => return raise("TypeError", "context variable name must be a str"),
                ([], None) => {
                    return raise("TypeError", "ContextVar() missing required argument 'name' (pos 1)");
                }
                _ => return raise("TypeError", "ContextVar() takes exactly 1 positional argument"),
            };
            Ok(Value::Native(Rc::new(Native::ContextVar { name, default: kwarg(kw, "default") })))
        }
        _ => raise("TypeError", format!("cannot create '{}' instances", class.name)),
    }
}

/// The `repr` of a variable, a token or a context, as CPython writes them.
pub fn repr(n: &Native, at: usize) -> Option<String> {
    Some(match n {
        Native::ContextVar { .. } if std::ptr::eq(n, MISSING.with(Rc::as_ptr)) => "<Token.MISSING>".into(),
        Native::ContextVar { name, default } => {
            let default = default.as_ref().map_or(String::new(), |d| format!(" default={}", d.repr()));
            format!("<ContextVar name={}{default} at {at:#x}>", Value::str(name).repr())
        }
        Native::Token { var, used, .. } => {
            let used = if used.get() { " used" } else { "" };
            let var = repr(var, Rc::as_ptr(var) as usize).unwrap_or_default();
            format!("<Token{used} var={var} at {at:#x}>")
        }
        Native::Context(..) => format!("<_contextvars.Context object at {at:#x}>"),
        _ => return None,
    })
}

/// An attribute of a variable, a token or a context: their methods and read-only fields.
pub fn get_attr(obj: &Value, n: &Rc<Native>, name: &str) -> PyResult {
    let methods: &[&'static str] = match &**n {
        Native::ContextVar { .. } => &["get", "set", "reset"],
        Native::Context(..) => &["run", "get", "copy", "keys", "values", "items"],
        _ => &[],
    };
    if let Some(m) = methods.iter().copied().find(|m| *m == name) {
        return Ok(Value::Method(Rc::new((obj.clone(), builtin(m, call)))));
    }
    match (&**n, name) {
        (Native::ContextVar { name, .. }, "name") => Ok(Value::Str(Rc::clone(name))),
        (Native::Token { var, .. }, "var") => Ok(Value::Native(Rc::clone(var))),
        (Native::Token { old, .. }, "old_value") => Ok(old.clone().unwrap_or_else(missing)),
        _ => raise("AttributeError", format!("'{}' object has no attribute '{name}'", n.type_name())),
    }
}

/// The variables of `v` if it is a context (`len(ctx)`).
pub fn context_vars(v: &Value) -> Option<&RefCell<Vars>> {
    match v {
        Value::Native(n) => match &**n {
            Native::Context(vars, _) => Some(vars),
            _ => None,
        },
        _ => None,
    }
}

/// `ctx[var]` (`KeyError` if it is not set there), or `var in ctx` (`contains`).
pub fn item(vars: &RefCell<Vars>, key: &Value, contains: bool) -> PyResult {
    let var = var_of(Some(key), "__getitem__")?;
    match (lookup(&vars.borrow(), var), contains) {
        (found, true) => Ok(Value::Bool(found.is_some())),
        (Some(v), false) => Ok(v),
        (None, false) => Err(new_exception(exc_class("KeyError"), vec![key.clone()])),
    }
}

/// `Token.MISSING`: what `old_value` is when the variable had no value.
fn missing() -> Value {
    Value::Native(MISSING.with(Rc::clone))
}

thread_local! {
    static MISSING: Rc<Native> = Rc::new(Native::ContextVar { name: "MISSING".into(), default: None });
}

/// The value `var` has in `vars`.
fn lookup(vars: &Vars, var: &Rc<Native>) -> Option<Value> {
    vars.iter().find(|(v, _)| Rc::ptr_eq(v, var)).map(|(_, x)| x.clone())
}

/// Sets `var` in `vars` (`None`: takes it out).
fn assign(vars: &mut Vars, var: &Rc<Native>, value: Option<Value>) {
    let at = vars.iter().position(|(v, _)| Rc::ptr_eq(v, var));
    match (at, value) {
        (Some(i), Some(x)) => vars[i].1 = x,
        (None, Some(x)) => vars.push((Rc::clone(var), x)),
        (Some(i), None) => drop(vars.remove(i)),
        (None, None) => {}
    }
}

fn var_of<'a>(v: Option<&'a Value>, what: &str) -> PyResult<&'a Rc<Native>> {
    match v {
        Some(Value::Native(n)) if matches!(&**n, Native::ContextVar { .. }) => Ok(n),
        Some(v) => raise("TypeError", format!("a ContextVar key was expected, got {}", v.repr())),
        None => raise("TypeError", format!("{what} expected 1 argument, got 0")),
    }
}

fn call(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Native(me)) = args.first() else { return raise("TypeError", "descriptor needs an object") };
    let rest = &args[1..];
    match (&**me, name) {
        (Native::ContextVar { default, .. }, "get") => {
            let value = current().and_then(|t| lookup(&t.vars.borrow(), me));
            match value.or_else(|| rest.first().cloned()).or_else(|| default.clone()) {
                Some(v) => Ok(v),
                None => Err(new_exception(exc_class("LookupError"), vec![Value::Native(Rc::clone(me))])),
            }
        }
        (Native::ContextVar { .. }, "set") => {
            let [value] = rest else {
                return raise(
                    "TypeError",
                    format!("ContextVar.set() takes exactly one argument ({} given)", rest.len()),
                );
            };
            let Some(task) = current() else { return raise("RuntimeError", "no task runs to set it in") };
            let old = lookup(&task.vars.borrow(), me);
            assign(&mut task.vars.borrow_mut(), me, Some(value.clone()));
            Ok(Value::Native(Rc::new(Native::Token { var: Rc::clone(me), old, used: Cell::new(false) })))
        }
        (Native::ContextVar { .. }, "reset") => {
            let token = match rest.first() {
                Some(Value::Native(t)) if matches!(&**t, Native::Token { .. }) => t,
                Some(v) => return raise("TypeError", format!("expected an instance of Token, got {}", v.repr())),
                None => return raise("TypeError", "ContextVar.reset() takes exactly one argument (0 given)"),
            };
            let Native::Token { var, old, used } = &**token else { unreachable!() };
            let shown = repr(token, Rc::as_ptr(token) as usize).unwrap_or_default();
            if used.get() {
                return raise("RuntimeError", format!("{shown} has already been used once"));
            }
            if !Rc::ptr_eq(var, me) {
                return raise("ValueError", format!("{shown} was created by a different ContextVar"));
            }
            used.set(true);
            if let Some(task) = current() {
                assign(&mut task.vars.borrow_mut(), me, old.clone());
            }
            Ok(Value::None)
        }
        (Native::Context(vars, entered), "run") => {
            let Some(f) = rest.first().cloned() else {
                return raise("TypeError", "run() missing 1 required positional argument");
            };
            if entered.replace(true) {
                let shown = repr(me, Rc::as_ptr(me) as usize).unwrap_or_default();
                return raise("RuntimeError", format!("cannot enter context: {shown} is already entered"));
            }
            // The call runs in this context: what it sets stays here, not in the caller's.
            let outer = snapshot();
            restore(vars.borrow().clone());
            let out = interp.call_sync_kw(f, rest[1..].to_vec(), kw);
            *vars.borrow_mut() = snapshot();
            restore(outer);
            entered.set(false);
            out
        }
        (Native::Context(vars, _), "get") => {
            let found = lookup(&vars.borrow(), var_of(rest.first(), name)?);
            Ok(found.or_else(|| rest.get(1).cloned()).unwrap_or(Value::None))
        }
        (Native::Context(vars, _), "copy") => Ok(context(vars.borrow().clone())),
        (Native::Context(..), "keys") => Ok(keys(me)),
        (Native::Context(vars, _), "values" | "items") => {
            let items = vars
                .borrow()
                .iter()
                .map(|(k, v)| match name {
                    "values" => v.clone(),
                    "items" => Value::tuple(vec![Value::Native(Rc::clone(k)), v.clone()]),
                    _ => Value::Native(Rc::clone(k)),
                })
                .collect();
            Ok(Value::list(items))
        }
        _ => raise("TypeError", format!("{name}() is not a method of {}", me.type_name())),
    }
}

/// A context's variables, as `ctx.keys()` lists them (and iterating it gives them).
pub fn keys(ctx: &Native) -> Value {
    match ctx {
        Native::Context(vars, _) => {
            Value::list(vars.borrow().iter().map(|(k, _)| Value::Native(Rc::clone(k))).collect())
        }
        _ => Value::list(Vec::new()),
    }
}
