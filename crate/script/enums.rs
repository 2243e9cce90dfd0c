//! `enum`: `Enum` and `auto`. A class derived from `Enum` has its plain class attributes made
//! its members as the class is made ([`make_members`]): instances of it with a `name` and a
//! `value`, kept in order in its `__members__`. Calling the class finds a member by value,
//! subscripting it finds one by name, iterating it gives them in order.

use std::rc::Rc;

use super::ast::{intern, Name};
use super::builtins::builtin;
use super::interp::Interp;
use super::value::*;

thread_local! {
    /// `enum.Enum`, made once: what a class derives from to have members.
    static ENUM: Rc<Class> = {
        let class = Class::named("Enum", Some(&with_types(|t| Rc::clone(&t.object))), Kind::Object);
        for name in ["__str__", "__repr__"] {
            class.attrs.borrow_mut().push((intern(name), builtin(name, member_text)));
        }
        class
    };
}

/// The module's attributes.
pub fn module_attrs() -> Vec<(&'static str, Value)> {
    vec![("Enum", Value::Class(ENUM.with(Rc::clone))), ("auto", builtin("auto", auto))]
}

/// `auto()`: a value to be numbered when the class is made (the one before it, plus 1).
fn auto(_: &Interp, _: &'static str, _: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    Ok(Value::Instance(Instance::new(other_class("enum.auto"))))
}

/// `str(member)` (`Color.RED`) and `repr(member)` (`<Color.RED: 1>`).
fn member_text(interp: &Interp, name: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Instance(m)) = args.first() else { return raise("TypeError", "needs an enum member") };
    let label = m.get(intern("name")).map(|n| n.to_str()).unwrap_or_default();
    Ok(Value::string(match name {
        "__str__" => format!("{}.{label}", m.class.name),
        _ => format!("<{}.{label}: {}>", m.class.name, interp.repr(&m.get(intern("value")).unwrap_or(Value::None))?),
    }))
}

/// A class just made: if it derives from `Enum`, its plain attributes become its members,
/// each given to the class's `__init__`, if it has one (a tuple as its arguments, as
/// `MARS = (6.4e23, 3.4e6)` for `__init__(self, mass, radius)`).
pub fn make_members(interp: &Interp, class: &Rc<Class>) -> PyResult<()> {
    let base = ENUM.with(Rc::clone);
    if Rc::ptr_eq(class, &base) || !class.is_subclass(&base) {
        return Ok(());
    }
    let mut members = Dict::default();
    let mut last = 0;
    let attrs = class.attrs.borrow().clone();
    for (name, value) in attrs {
        let label = text(name);
        let is_member = !label.starts_with('_')
            && !matches!(value, Value::Func(_) | Value::Builtin(_) | Value::Class(_))
            && !matches!(&value, Value::Instance(i) if i.class.kind == Kind::Other && &*i.class.name != "enum.auto");
        if !is_member {
            continue;
        }
        let value = match value {
            Value::Instance(i) if &*i.class.name == "enum.auto" => Value::Int(last + 1),
            v => v,
        };
        last = value.as_int().unwrap_or(last);
        // A value met before names the same member (an alias), as in CPython.
        let member = match members.iter().find(|(_, m)| member_value(m).is_some_and(|v| v.equals(&value))) {
            Some((_, m)) => m.clone(),
            None => {
                let m = Instance::new(Rc::clone(class));
                m.set(intern("name"), Value::Str(Rc::clone(&label)));
                m.set(intern("value"), value.clone());
                if let Some(init @ Value::Func(_)) = class.lookup(intern("__init__")) {
                    let mut args = vec![Value::Instance(Rc::clone(&m))];
                    match &value {
                        Value::Tuple(items) => args.extend(items.iter().cloned()),
                        v => args.push(v.clone()),
                    }
                    interp.call_sync(init, args)?;
                }
                Value::Instance(m)
            }
        };
        let key = Value::Str(Rc::clone(&label));
        members.insert(key.key()?, key, member.clone());
        if let Some(slot) = class.attrs.borrow_mut().iter_mut().find(|(n, _)| *n == name) {
            slot.1 = member;
        }
    }
    class.attrs.borrow_mut().push((intern("__members__"), Value::dict(members)));
    Ok(())
}

/// Whether `name` is a member of enum class `class` (which cannot be reassigned).
pub fn is_member(class: &Class, name: Name) -> bool {
    let own = class.attrs.borrow();
    let member = own.iter().find(|(n, _)| *n == name).map(|(_, v)| v);
    matches!(member, Some(Value::Instance(m)) if std::ptr::eq(&*m.class, class))
        && own.iter().any(|(n, _)| *n == intern("__members__"))
}

fn member_value(m: &Value) -> Option<Value> {
    match m {
        Value::Instance(i) => i.get(intern("value")),
        _ => None,
    }
}

/// An enum class's members in order (aliases once); `None` for any other class.
pub fn members(class: &Class) -> Option<Vec<Value>> {
    let Some(Value::Dict(members)) = class.lookup(intern("__members__")) else { return None };
    let mut out: Vec<Value> = Vec::new();
    for (_, m) in members.borrow().entries() {
        if !out.iter().any(|o| o.is(&m)) {
            out.push(m);
        }
    }
    Some(out)
}

/// `Color(1)`: the member of that value, or CPython's ValueError.
pub fn by_value(class: &Class, members: Vec<Value>, args: &[Value]) -> PyResult {
    let [value] = args else {
        return raise("TypeError", format!("{}() takes exactly one argument ({} given)", class.name, args.len()));
    };
    members
        .into_iter()
        .find(|m| member_value(m).is_some_and(|v| v.equals(value)))
        .ok_or_else(|| exc("ValueError", format!("{} is not a valid {}", value.repr(), class.name)))
}

/// `Color["RED"]`: the member of that name, or a KeyError; `None` for a class with no members.
pub fn by_name(class: &Class, name: &Value) -> Option<PyResult> {
    let Some(Value::Dict(members)) = class.lookup(intern("__members__")) else { return None };
    let found = name.key().ok().and_then(|k| members.borrow().get(&k));
    Some(found.ok_or_else(|| new_exception(exc_class("KeyError"), vec![name.clone()])))
}
