//! The modules a script may import: `asyncio`, `time`, `random`, `math`, and stand-ins
//! (`typing`, `sys`). Nothing else: a script has no files, no network and no page.

use std::collections::HashMap;
use std::rc::Rc;

use super::ast::{intern, Name};
use super::builtins::builtin;
use super::interp::Interp;
use super::value::*;

/// `import name`.
pub fn import(interp: &Interp, name: &str) -> PyResult {
    let attrs: Vec<(&'static str, Value)> = match name {
        "asyncio" => super::aio::module_attrs(),
        "time" => ["time", "perf_counter", "monotonic", "sleep", "time_ns", "perf_counter_ns"]
            .into_iter()
            .map(|n| (n, builtin(n, time_fn)))
            .collect(),
        "random" => ["seed", "random", "randint", "uniform", "choice", "shuffle", "randrange", "sample"]
            .into_iter()
            .map(|n| (n, builtin(n, random_fn)))
            .collect(),
        "math" => {
            let mut v: Vec<(&'static str, Value)> =
                ["sqrt", "floor", "ceil", "isclose", "fabs"].into_iter().map(|n| (n, builtin(n, math_fn))).collect();
            v.push(("pi", Value::Float(std::f64::consts::PI)));
            v.push(("e", Value::Float(std::f64::consts::E)));
            v.push(("inf", Value::Float(f64::INFINITY)));
            v
        }
        "typing" => ["List", "Dict", "Optional", "Any", "Tuple", "Set", "Callable", "Awaitable", "Coroutine"]
            .into_iter()
            .map(|n| (n, Value::Class(with_types(|t| Rc::clone(&t.object)))))
            .collect(),
        "sys" => vec![
            ("stderr", Value::Module(Rc::new(Module { name: "sys.stderr", attrs: Default::default() }))),
            ("stdout", Value::Module(Rc::new(Module { name: "sys.stdout", attrs: Default::default() }))),
        ],
        _ => {
            let _ = interp;
            return Err(new_exception(
                exc_class("ModuleNotFoundError"),
                vec![Value::Str(
                    format!(
                        "No module named '{name}': Loopscope's Python offers asyncio, time, random, math, sys and typing"
                    )
                    .into(),
                )],
            ));
        }
    };
    let name: &'static str = match name {
        "asyncio" => "asyncio",
        "time" => "time",
        "random" => "random",
        "math" => "math",
        "typing" => "typing",
        _ => "sys",
    };
    let attrs: HashMap<Name, Value> = attrs.into_iter().map(|(k, v)| (intern(k), v)).collect();
    Ok(Value::Module(Rc::new(Module { name, attrs: attrs.into() })))
}

fn num(v: Option<&Value>, what: &str) -> PyResult<f64> {
    v.and_then(Value::as_number).ok_or_else(|| exc("TypeError", format!("{what}: a number is required")))
}

fn time_fn(interp: &Interp, name: &'static str, args: Vec<Value>, _kw: Vec<(Name, Value)>) -> PyResult {
    // A fixed epoch for `time.time()`: a run reads the same clock every time (virtual time).
    const EPOCH: f64 = 1_700_000_000.0;
    let now = interp.host.lesson_secs();
    match name {
        "time" => Ok(Value::Float(EPOCH + now)),
        "perf_counter" | "monotonic" => Ok(Value::Float(now)),
        "time_ns" => Ok(Value::Int(((EPOCH + now) * 1e9) as i64)),
        "perf_counter_ns" => Ok(Value::Int((now * 1e9) as i64)),
        _ => {
            let secs = num(args.first(), "time.sleep()")?;
            if secs < 0.0 {
                return raise("ValueError", "sleep length must be non-negative");
            }
            let thread = super::aio::current().is_some_and(|t| t.is_thread);
            let d = std::time::Duration::from_secs_f64(secs.min(1e9));
            // In a thread it waits like a sleep; on the loop it holds the loop, as CPython's.
            let fut = async move {
                if thread {
                    crate::runtime::sleep(d).await;
                } else {
                    crate::runtime::busy(d);
                }
                Ok(Value::None)
            };
            Ok(Value::Coro(Rc::new(super::aio::Coro::new("sleep".into(), Box::pin(fut), thread, true))))
        }
    }
}

fn random_fn(interp: &Interp, name: &'static str, args: Vec<Value>, _kw: Vec<(Name, Value)>) -> PyResult {
    let mut r = interp.host.random.borrow_mut();
    let int = |i: usize| -> PyResult<i64> {
        args.get(i).and_then(Value::as_int).ok_or_else(|| exc("TypeError", format!("{name}() needs integers")))
    };
    let err = super::builtins::format_error;
    match name {
        "seed" => {
            *r = match args.first() {
                Some(v) if v.as_int().is_some() => super::mt::Random::new(v.as_int().unwrap_or(0)),
                Some(Value::Float(f)) => super::mt::Random::new(*f as i64),
                _ => super::mt::Random::new(0),
            };
            Ok(Value::None)
        }
        "random" => Ok(Value::Float(r.random())),
        "randint" => Ok(Value::Int(r.randint(int(0)?, int(1)?).map_err(err)?)),
        "randrange" => {
            let (start, stop, step) = match args.len() {
                1 => (int(0)?, None, 1),
                2 => (int(0)?, Some(int(1)?), 1),
                _ => (int(0)?, Some(int(1)?), int(2)?),
            };
            Ok(Value::Int(r.randrange(start, stop, step).map_err(err)?))
        }
        "uniform" => Ok(Value::Float(r.uniform(num(args.first(), "uniform")?, num(args.get(1), "uniform")?))),
        "choice" => {
            let items = super::builtins::iterate(args.first().unwrap_or(&Value::None))?;
            let i = r.choice_index(items.len()).map_err(super::builtins::format_error)?;
            Ok(items[i].clone())
        }
        "sample" => {
            let mut items = super::builtins::iterate(args.first().unwrap_or(&Value::None))?;
            let k = int(1)?;
            if k < 0 || k as usize > items.len() {
                return raise("ValueError", "Sample larger than population or is negative");
            }
            // CPython's sample for a small k: picks by randbelow from the shrinking pool.
            let n = items.len();
            let mut out = Vec::with_capacity(k as usize);
            for i in 0..k as usize {
                let j = r.randbelow((n - i) as u64) as usize;
                out.push(items[j].clone());
                items[j] = items[n - i - 1].clone();
            }
            Ok(Value::list(out))
        }
        "shuffle" => match args.first() {
            Some(Value::List(l)) => {
                r.shuffle(&mut l.borrow_mut());
                Ok(Value::None)
            }
            _ => raise("TypeError", "shuffle() needs a list"),
        },
        _ => super::interp::unsupported(&format!("random.{name}()")),
    }
}

fn math_fn(_interp: &Interp, name: &'static str, args: Vec<Value>, _kw: Vec<(Name, Value)>) -> PyResult {
    let x = num(args.first(), name)?;
    match name {
        "sqrt" if x < 0.0 => raise("ValueError", "math domain error"),
        "sqrt" => Ok(Value::Float(x.sqrt())),
        "fabs" => Ok(Value::Float(x.abs())),
        "floor" | "ceil" => {
            let r = if name == "floor" { x.floor() } else { x.ceil() };
            if !r.is_finite() || r.abs() >= 9.2e18 {
                return raise("OverflowError", "cannot convert float infinity to integer");
            }
            Ok(match args[0] {
                Value::Int(i) => Value::Int(i),
                _ => Value::Int(r as i64),
            })
        }
        _ => {
            let y = num(args.get(1), name)?;
            Ok(Value::Bool((x - y).abs() <= 1e-9 * x.abs().max(y.abs())))
        }
    }
}
