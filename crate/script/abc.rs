//! `abc`: `ABC` and `abstractmethod`. A class below `ABC` with a method still abstract (its
//! own or inherited, not overridden) cannot be instantiated, with CPython's message.

use std::rc::Rc;

use super::ast::{intern, Name};
use super::builtins::builtin;
use super::interp::Interp;
use super::value::*;

thread_local! {
    /// `abc.ABC`, made when the module is first imported (until then no class is below it).
    static ABC: std::cell::RefCell<Option<Rc<Class>>> = const { std::cell::RefCell::new(None) };
}

/// The module's names.
pub fn module_attrs() -> Vec<(&'static str, Value)> {
    let abc = ABC.with(|a| {
        Rc::clone(a.borrow_mut().get_or_insert_with(|| {
            let object = with_types(|t| Rc::clone(&t.object));
            Class::named("ABC", Some(&object), Kind::Object)
        }))
    });
    vec![("ABC", Value::Class(abc)), ("abstractmethod", builtin("abstractmethod", abstractmethod))]
}

/// Whether `c` is `abc.ABC` itself (its module is `abc`, not the script's).
pub fn is_abc(c: &Rc<Class>) -> bool {
    ABC.with(|a| a.borrow().as_ref().is_some_and(|abc| Rc::ptr_eq(abc, c)))
}

/// `@abstractmethod`: marks the function (`__isabstractmethod__`) and gives it back.
fn abstractmethod(_: &Interp, _: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    let Some(f) = args.into_iter().next() else {
        return raise("TypeError", "abstractmethod() missing 1 required positional argument: 'funcobj'");
    };
    if let Value::Func(func) = &f {
        let mut attrs = func.attrs.borrow_mut();
        let key = intern("__isabstractmethod__");
        attrs.retain(|(n, _)| *n != key);
        attrs.push((key, Value::Bool(true)));
    }
    Ok(f)
}

/// Whether `v` is still abstract: a function marked by `abstractmethod`, or a property, a
/// classmethod or a staticmethod one of whose functions is (`@property` over `@abstractmethod`).
fn is_abstract(v: &Value) -> bool {
    match v {
        Value::Func(f) => f.attrs.borrow().iter().any(|(k, v)| &*text(*k) == "__isabstractmethod__" && v.truthy()),
        Value::Instance(p) if p.class.kind == Kind::Other => {
            let parts: &[&str] = match &*p.class.name {
                "property" => &["fget", "fset", "fdel"],
                "classmethod" | "staticmethod" => &["__func__"],
                _ => &[],
            };
            parts.iter().any(|part| p.get(intern(part)).is_some_and(|f| is_abstract(&f)))
        }
        _ => false,
    }
}

/// Refuses to instantiate `class` if it is below `ABC` and a method is still abstract.
pub fn check_instantiable(class: &Rc<Class>) -> PyResult<()> {
    let Some(abc) = ABC.with(|a| a.borrow().clone()) else { return Ok(()) };
    if !class.is_subclass(&abc) {
        return Ok(());
    }
    let mut names: Vec<Name> = Vec::new();
    for c in class.chain() {
        for (n, _) in c.attrs.borrow().iter() {
            if !names.contains(n) {
                names.push(*n);
            }
        }
    }
    let left: Vec<Rc<str>> =
        names.iter().filter(|n| class.lookup(**n).is_some_and(|v| is_abstract(&v))).map(|n| text(*n)).collect();
    if left.is_empty() {
        return Ok(());
    }
    // By name, placed one by one (they are few; std's sort would add its code to the wasm).
    let mut sorted: Vec<Rc<str>> = Vec::with_capacity(left.len());
    for n in left {
        let at = sorted.iter().position(|s| *s > n).unwrap_or(sorted.len());
        sorted.insert(at, n);
    }
    let left = sorted;
    let s = if left.len() == 1 { "" } else { "s" };
    raise(
        "TypeError",
        format!("Can't instantiate abstract class {} with abstract method{s} {}", class.name, left.join(", ")),
    )
}
