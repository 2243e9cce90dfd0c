//! `enum`: `Enum` and `auto`. A class derived from `Enum` has its plain class attributes made
//! its members as the class is made ([`make_members`]): instances of it with a `name` and a
//! `value`, kept in order in its `__members__`. Calling the class finds a member by value,
//! subscripting it finds one by name, iterating it gives them in order. An `IntEnum`'s or a
//! `StrEnum`'s members also stand for their values: in comparisons, arithmetic, hashing,
//! `str()` and formatting, as CPython 3.11's.

use std::rc::Rc;

use super::ast::{intern, BinOp, CmpOp, Name, UnaryOp};
use super::builtins::{self, builtin};
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

thread_local! {
    /// `enum.IntEnum` and `enum.StrEnum`: enums whose members are also their values.
    static INT_ENUM: Rc<Class> = valued("IntEnum");
    static STR_ENUM: Rc<Class> = valued("StrEnum");
    /// What `class Color(str, Enum)` and `class Code(int, Enum)` derive from in place of the
    /// built-in type: a valued enum whose members print as an `Enum`'s (`Color.RED`, also in
    /// f-strings), as in CPython 3.11.
    static STR_MIXIN: Rc<Class> = mixin("str", &STR_ENUM);
    static INT_MIXIN: Rc<Class> = mixin("int", &INT_ENUM);
}

/// What a member of a valued enum does as its value would.
const VALUE_OPS: [&str; 44] = [
    "__eq__",
    "__ne__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__hash__",
    "__str__",
    "__format__",
    "__int__",
    "__index__",
    "__float__",
    "__add__",
    "__radd__",
    "__sub__",
    "__rsub__",
    "__mul__",
    "__rmul__",
    "__mod__",
    "__rmod__",
    "__truediv__",
    "__rtruediv__",
    "__floordiv__",
    "__rfloordiv__",
    "__pow__",
    "__rpow__",
    "__lshift__",
    "__rlshift__",
    "__rshift__",
    "__rrshift__",
    "__and__",
    "__rand__",
    "__or__",
    "__ror__",
    "__xor__",
    "__rxor__",
    "__neg__",
    "__pos__",
    "__abs__",
    "__invert__",
    "__len__",
    "__getitem__",
    "__contains__",
    "__bool__",
];

fn valued(name: &str) -> Rc<Class> {
    let class = Class::named(name, Some(&ENUM.with(Rc::clone)), Kind::Object);
    class.attrs.borrow_mut().extend(VALUE_OPS.iter().map(|&n| (intern(n), builtin(n, as_value))));
    class
}

fn mixin(name: &str, base: &'static std::thread::LocalKey<Rc<Class>>) -> Rc<Class> {
    let class = Class::named(name, Some(&base.with(Rc::clone)), Kind::Object);
    for name in ["__str__", "__format__"] {
        class.attrs.borrow_mut().push((intern(name), builtin(name, member_text)));
    }
    class
}

/// The base that stands for built-in `base` in a class deriving from it and from an enum
/// (`class Color(str, Enum)`), if `base` is `str` or `int` and another of `bases` is an enum.
pub fn mixin_for(base: &Class, bases: &[Value]) -> Option<Rc<Class>> {
    let enum_base = ENUM.with(Rc::clone);
    if !bases.iter().any(|b| matches!(b, Value::Class(c) if c.is_subclass(&enum_base))) {
        return None;
    }
    match base.kind {
        Kind::Str => Some(STR_MIXIN.with(Rc::clone)),
        Kind::Int => Some(INT_MIXIN.with(Rc::clone)),
        _ => None,
    }
}

/// Whether `i` is a member of an `IntEnum` or a `StrEnum` (a dict key as its value is).
pub fn is_valued_member(i: &Instance) -> bool {
    i.class.lookup(intern("__members__")).is_some()
        && (INT_ENUM.with(|c| i.class.is_subclass(c)) || STR_ENUM.with(|c| i.class.is_subclass(c)))
}

/// `v`, or its value if it is an `IntEnum`'s or a `StrEnum`'s member (which is its value to
/// the built-ins that take numbers: `round`, `divmod`).
pub fn plain(v: &Value) -> Value {
    match v {
        Value::Instance(i) if is_valued_member(i) => member_value(v).unwrap_or(Value::None),
        v => v.clone(),
    }
}

/// Whether `i` is a member of an enum (its class has `__members__` and derives from `Enum`).
pub fn is_any_member(i: &Instance) -> bool {
    i.class.lookup(intern("__members__")).is_some() && ENUM.with(|c| i.class.is_subclass(c))
}

/// The module's attributes.
pub fn module_attrs() -> Vec<(&'static str, Value)> {
    vec![
        ("Enum", Value::Class(ENUM.with(Rc::clone))),
        ("IntEnum", Value::Class(INT_ENUM.with(Rc::clone))),
        ("StrEnum", Value::Class(STR_ENUM.with(Rc::clone))),
        ("auto", builtin("auto", auto)),
    ]
}

/// A valued enum's member as its value: the operation on the values (the other operand's
/// value too, if it is such a member).
fn as_value(interp: &Interp, name: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    // (A plain `Enum`'s member is no number: `Level.LOW == Color.RED` is False.)
    let value_of = |v: &Value| match v {
        Value::Instance(i) if is_valued_member(i) => member_value(v).unwrap_or(Value::None),
        v => v.clone(),
    };
    // An operation the value refuses is the member's to refuse: the evaluator then words it
    // with the member's class (`'Level' and 'str'`), as CPython does.
    let refused = |r: PyResult<Value>, words: &str| match r {
        Err(e) if e.class().is_subclass(&exc_class("TypeError")) && e.to_str().contains(words) => {
            Ok(builtins::not_implemented())
        }
        r => r,
    };
    // `"%s" % member` is the str's formatting, of the member as it prints.
    if let (Some(member), Some(fmt @ Value::Str(_)), "__rmod__") = (args.first(), args.get(1), name) {
        return builtins::binop(interp, BinOp::Mod, fmt, member);
    }
    let me = value_of(args.first().unwrap_or(&Value::None));
    let other = args.get(1).map(value_of).unwrap_or(Value::None);
    let cmp = |op| refused(builtins::compare(interp, op, &me, &other).map(Value::Bool), "not supported between");
    match name {
        "__str__" => Ok(Value::string(interp.to_str(&me)?)),
        // An empty spec is the member's `str()`, a class's own `__str__` too (int's and str's
        // `__format__` give `str(self)` then), any other formats its value.
        "__format__" if matches!(&other, Value::Str(s) if s.is_empty()) => {
            Ok(Value::string(interp.to_str(args.first().unwrap_or(&Value::None))?))
        }
        "__format__" => Ok(Value::string(builtins::format_field(interp, &me, None, &other.to_str())?)),
        "__hash__" => Ok(Value::Int(builtins::hash_of(&me)?)),
        "__int__" | "__index__" => Ok(me),
        "__float__" => match me {
            Value::Int(i) => Ok(Value::Float(i as f64)), // `float(IntEnum member)`
            v => Ok(v),
        },
        "__eq__" | "__ne__" if matches!(&other, Value::Instance(_)) => Ok(builtins::not_implemented()),
        "__eq__" => cmp(CmpOp::Eq),
        "__ne__" => cmp(CmpOp::NotEq),
        "__lt__" => cmp(CmpOp::Lt),
        "__le__" => cmp(CmpOp::LtE),
        "__gt__" => cmp(CmpOp::Gt),
        "__ge__" => cmp(CmpOp::GtE),
        "__neg__" => builtins::unary(UnaryOp::Neg, &me),
        "__pos__" => builtins::unary(UnaryOp::Pos, &me),
        "__invert__" => builtins::unary(UnaryOp::Invert, &me),
        "__abs__" => match me {
            Value::Int(i) => i.checked_abs().map(Value::Int).ok_or_else(|| exc("OverflowError", "integer too large")),
            Value::Float(f) => Ok(Value::Float(f.abs())),
            v => Err(builtins::type_error("bad operand type for abs(): '", &v, "'")),
        },
        "__len__" => Ok(Value::Int(builtins::len(interp, &me)? as i64)),
        "__bool__" => Ok(Value::Bool(me.truthy())),
        "__getitem__" => builtins::get_item(interp, &me, &other),
        "__contains__" => builtins::compare(interp, CmpOp::In, &other, &me).map(Value::Bool),
        _ => {
            use BinOp::*;
            for op in [Add, Sub, Mul, Div, FloorDiv, Mod, Pow, LShift, RShift, BitAnd, BitOr, BitXor] {
                let (own, reflected) = crate::interp::operator_methods(op);
                if name == own {
                    return refused(builtins::binop(interp, op, &me, &other), "unsupported operand");
                }
                if name == reflected {
                    return refused(builtins::binop(interp, op, &other, &me), "unsupported operand");
                }
            }
            Ok(builtins::not_implemented())
        }
    }
}

/// `auto()`: a value to be numbered when the class is made (the one before it, plus 1).
fn auto(_: &Interp, _: &'static str, _: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    Ok(Value::Instance(Instance::new(other_class("enum.auto"))))
}

/// `str(member)` (`Color.RED`), `repr(member)` (`<Color.RED: 1>`) and, for a member of a
/// `str` or `int` mixin, `format(member, spec)` (its `str()`, a class's own `__str__` too,
/// formatted as a str, as CPython 3.11's `Enum.__format__`).
fn member_text(interp: &Interp, name: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    let Some(Value::Instance(m)) = args.first() else { return raise("TypeError", "needs an enum member") };
    if name == "__format__" {
        let text = Value::string(interp.to_str(&args[0])?);
        let spec = args.get(1).map(Value::to_str).unwrap_or_default();
        return Ok(Value::string(builtins::format_field(interp, &text, None, &spec)?));
    }
    let label = m.get(intern("name")).map(|n| n.to_str()).unwrap_or_default();
    let text = format!("{}.{label}", m.class.name);
    Ok(Value::string(match name {
        "__str__" => text,
        _ => format!("<{text}: {}>", interp.repr(&m.get(intern("value")).unwrap_or(Value::None))?),
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
    // An enum with members cannot be subclassed (an enum of methods only can).
    if let Some(b) = class.mro.iter().find(|b| members(b).is_some_and(|m| !m.is_empty())) {
        return raise("TypeError", format!("<enum '{}'> cannot extend <enum '{}'>", class.name, b.name));
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
        let str_enum = class.is_subclass(&STR_ENUM.with(Rc::clone));
        let str_mixin = str_enum && class.is_subclass(&STR_MIXIN.with(Rc::clone));
        let value = match value {
            // A `StrEnum`'s `auto()` is its member's name, lower-cased; a `(str, Enum)`'s, its
            // number as a str.
            // (The number goes on counting: `last` is not read back from a str.)
            Value::Instance(i) if &*i.class.name == "enum.auto" && str_mixin => {
                last += 1;
                Value::string(last.to_string())
            }
            Value::Instance(i) if &*i.class.name == "enum.auto" && str_enum => Value::string(label.to_lowercase()),
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

/// A member's `value`.
pub fn member_value(m: &Value) -> Option<Value> {
    match m {
        Value::Instance(i) => i.get(intern("value")),
        _ => None,
    }
}

/// Whether `class` is `Enum`, `IntEnum` or `StrEnum` itself, which the functional API calls.
pub fn is_base(class: &Rc<Class>) -> bool {
    [&ENUM, &INT_ENUM, &STR_ENUM].into_iter().any(|c| c.with(|c| Rc::ptr_eq(c, class)))
}

/// Whether `class` is an enum class (`Enum` itself or one derived from it), which prints as
/// `<enum 'Color'>`.
pub fn is_enum_class(class: &Rc<Class>) -> bool {
    [&ENUM, &INT_ENUM, &STR_ENUM].into_iter().any(|c| c.with(|c| class.is_subclass(c)))
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
pub fn by_value(interp: &Interp, class: &Class, members: Vec<Value>, args: &[Value]) -> PyResult {
    let [value] = args else {
        return raise("TypeError", format!("{}() takes exactly one argument ({} given)", class.name, args.len()));
    };
    // A member of it is itself (`Status(Status.NEW)`).
    if let Value::Instance(i) = value {
        if std::ptr::eq(&*i.class, class) && members.iter().any(|m| m.is(value)) {
            return Ok(value.clone());
        }
    }
    match members.into_iter().find(|m| member_value(m).is_some_and(|v| v.equals(value))) {
        Some(m) => Ok(m),
        None => raise("ValueError", format!("{} is not a valid {}", interp.repr(value)?, class.name)),
    }
}

/// `Color["RED"]`: the member of that name, or a KeyError; `None` for a class with no members.
pub fn by_name(class: &Class, name: &Value) -> Option<PyResult> {
    let Some(Value::Dict(members)) = class.lookup(intern("__members__")) else { return None };
    let found = name.key().ok().and_then(|k| members.borrow().get(&k));
    Some(found.ok_or_else(|| new_exception(exc_class("KeyError"), vec![name.clone()])))
}
