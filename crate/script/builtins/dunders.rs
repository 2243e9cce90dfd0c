//! The special methods of the built-in types as attributes (`d.__getitem__` as a sort key,
//! `str.__len__("abc")`, `[1].__iter__()`): each does what its operator or built-in does, as
//! CPython's slot wrappers do, and gives `NotImplemented` where the operator would ask the
//! other side.

use super::*;

/// The special methods offered, by the operation each stands for.
const NAMES: &[&str] = &[
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__len__",
    "__contains__",
    "__iter__",
    "__str__",
    "__repr__",
    "__hash__",
    "__bool__",
    "__eq__",
    "__ne__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__add__",
    "__sub__",
    "__mul__",
    "__truediv__",
    "__floordiv__",
    "__mod__",
    "__pow__",
    "__round__",
    "__abs__",
    "__neg__",
    "__int__",
    "__float__",
    "__format__",
];

/// Whether the built-in values of `kind` have the special method `name`.
fn has(kind: Kind, name: &str) -> bool {
    let container =
        matches!(kind, Kind::Str | Kind::Bytes | Kind::List | Kind::Tuple | Kind::Dict | Kind::Set | Kind::Range);
    let number = matches!(kind, Kind::Int | Kind::Float | Kind::Bool);
    match name {
        "__getitem__" => container && kind != Kind::Set,
        "__setitem__" | "__delitem__" => matches!(kind, Kind::List | Kind::Dict),
        "__len__" | "__contains__" | "__iter__" => container,
        "__bool__" | "__round__" | "__abs__" | "__neg__" | "__int__" | "__float__" => number,
        "__add__" | "__mul__" => number || matches!(kind, Kind::Str | Kind::Bytes | Kind::List | Kind::Tuple),
        "__mod__" => number || matches!(kind, Kind::Str | Kind::Bytes),
        "__sub__" | "__truediv__" | "__floordiv__" | "__pow__" => number,
        _ => container || number || kind == Kind::NoneType,
    }
}

/// `v.name` for a built-in value `v` (bound) or type (unbound), if that type has the special
/// method. A script's classes and objects find theirs by their own lookup.
pub fn dunder(v: &Value, name: &str) -> Option<Value> {
    let (kind, bound) = match v {
        Value::Class(c) => (c.kind, false),
        Value::Instance(_) | Value::Module(_) => return None,
        v => (v.class().kind, true),
    };
    let at = NAMES.iter().position(|n| *n == name)?;
    if !has(kind, name) {
        return None;
    }
    let f = builtin(NAMES[at], call);
    Some(if bound { Value::Method(Rc::new((v.clone(), f))) } else { f })
}

/// A special method called: `args[0]` is the value it is a method of.
fn call(interp: &Interp, name: &'static str, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult {
    let wanted = match name {
        "__setitem__" => 3,
        "__len__" | "__iter__" | "__str__" | "__repr__" | "__hash__" | "__bool__" | "__abs__" | "__neg__"
        | "__int__" | "__float__" => 1,
        _ => 2,
    };
    // `round(x)` and `round(x, n)`: `x.__round__()` takes its digits or none.
    if name == "__round__" && (1..=2).contains(&args.len()) {
        return super::functions::function(interp, "round", args, vec![]);
    }
    if args.len() != wanted {
        let given = args.len().saturating_sub(1);
        return raise(
            "TypeError",
            format!("expected {} argument{}, got {given}", wanted - 1, if wanted == 2 { "" } else { "s" }),
        );
    }
    let (me, other) = (&args[0], args.get(1));
    let other = || other.cloned().unwrap_or(Value::None);
    // An int's methods leave a float to the float's (`(1).__eq__(1.0)` is NotImplemented);
    // a float's take ints; other types compare with their own kind only.
    let own_kind = |o: &Value| match (me, o) {
        (Value::Int(_) | Value::Bool(_), Value::Float(_)) => false,
        (Value::Float(_), Value::Int(_) | Value::Bool(_)) => true,
        _ => o.class().is_subclass(&me.class()) || me.class().is_subclass(&o.class()),
    };
    let compared = |op: CmpOp| match own_kind(&other()) {
        true => compare(interp, op, me, &other()).map(Value::Bool),
        false => Ok(not_implemented()),
    };
    match name {
        "__getitem__" => get_item(interp, me, &other()),
        "__setitem__" => set_item(interp, me, &args[1], args[2].clone()).map(|()| Value::None),
        "__delitem__" => del_item(me, &other()).map(|()| Value::None),
        "__len__" => len(interp, me).map(|n| Value::Int(n as i64)),
        "__contains__" => super::ops::contains(interp, me, &other()).map(Value::Bool),
        "__iter__" => super::functions::function(interp, "iter", vec![me.clone()], vec![]),
        // `str.__str__(member)` of a `(str, Enum)`'s member is its value's (a script's own
        // `__str__` calls it so), not the member's `__str__` again.
        "__str__" => interp.to_str(&crate::enums::plain(me)).map(Value::string),
        "__repr__" => Ok(Value::string(interp.repr(&crate::enums::plain(me))?)),
        "__hash__" => hash_of(me).map(Value::Int),
        "__bool__" => Ok(Value::Bool(me.truthy())),
        "__abs__" => super::functions::function(interp, "abs", args, vec![]),
        "__format__" => match &args[1] {
            Value::Str(spec) => format_field(interp, &crate::enums::plain(me), None, spec).map(Value::string),
            other => Err(type_error("__format__() argument must be str, not ", other, "")),
        },
        "__int__" => construct_from(interp, &with_types(|t| Rc::clone(&t.int)), &args, &[]),
        "__float__" => construct_from(interp, &with_types(|t| Rc::clone(&t.float)), &args, &[]),
        "__neg__" => unary(crate::ast::UnaryOp::Neg, me),
        "__eq__" => compared(CmpOp::Eq),
        "__ne__" => compared(CmpOp::NotEq),
        "__lt__" => compared(CmpOp::Lt),
        "__le__" => compared(CmpOp::LtE),
        "__gt__" => compared(CmpOp::Gt),
        _ => {
            let op = match name {
                "__ge__" => return compared(CmpOp::GtE),
                "__add__" => BinOp::Add,
                "__sub__" => BinOp::Sub,
                "__mul__" => BinOp::Mul,
                "__truediv__" => BinOp::Div,
                "__floordiv__" => BinOp::FloorDiv,
                "__mod__" => BinOp::Mod,
                _ => BinOp::Pow,
            };
            // A number's with what it does not take: NotImplemented; a sequence's raises, as
            // CPython's (`"a".__add__(1)`: can only concatenate str).
            match me.as_number() {
                Some(_)
                    if !matches!(other(), Value::Int(_) | Value::Bool(_) | Value::Float(_)) || !own_kind(&other()) =>
                {
                    Ok(not_implemented())
                }
                _ => binop(interp, op, me, &other()),
            }
        }
    }
}
