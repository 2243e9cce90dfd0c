//! `itertools`: each iterator is a generator of its own, resumed one item at a time, so that
//! the endless ones (`count`, `cycle`, `repeat`) work in a loop that stops, and `islice`,
//! `takewhile`, `chain`… take from the iterator they wrap only as they are asked. The
//! combinatoric ones (`product`, `permutations`, `combinations`) read their inputs first, as
//! CPython's do.

use std::future::Future;
use std::rc::Rc;

use super::ast::{BinOp, Name};
use super::builtins::{builtin, kwarg};
use super::interp::{Gen, Interp, Items};
use super::value::*;

const NAMES: &[&str] = &[
    "count",
    "cycle",
    "repeat",
    "islice",
    "chain",
    "takewhile",
    "dropwhile",
    "filterfalse",
    "starmap",
    "compress",
    "accumulate",
    "pairwise",
    "zip_longest",
    "groupby",
    "product",
    "permutations",
    "combinations",
    "combinations_with_replacement",
];

/// The module's attributes.
pub fn module_attrs() -> Vec<(&'static str, Value)> {
    NAMES.iter().map(|&n| (n, builtin(n, make))).collect()
}

/// A generator named `name` whose body `body` runs with the interpreter as it is resumed.
fn generator<F: Future<Output = PyResult> + 'static>(
    interp: &Interp,
    name: &'static str,
    body: impl FnOnce(Rc<Interp>) -> F + 'static,
) -> Value {
    let weak = interp.host.interp();
    let run = async move {
        let interp = weak.upgrade().ok_or_else(|| exc("RuntimeError", "the run has ended"))?;
        body(interp).await
    };
    Value::Gen(Rc::new(Gen::new(name.into(), false, Box::pin(run))))
}

/// An optional int argument (`None`: absent).
fn count_arg(v: Option<&Value>, what: &str) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => match v.as_int() {
            Some(n) if n >= 0 => Ok(Some(n)),
            _ => raise("ValueError", what.to_string()),
        },
    }
}

/// The items of `v`, all at once (a combinatoric function's pool).
fn pool(interp: &Interp, v: Option<&Value>) -> PyResult<Vec<Value>> {
    interp.iterate(v.unwrap_or(&Value::None))
}

/// Every choice of indexes into the pools, in CPython's (lexicographic) order: `product` (one
/// index per pool, any), and for `r` positions over one pool of `n`: `permutations` (distinct),
/// `combinations` (increasing), `combinations_with_replacement` (non-decreasing).
fn choices(kind: &str, sizes: &[usize], interp: &Interp) -> PyResult<Vec<Vec<usize>>> {
    fn walk(
        kind: &str,
        sizes: &[usize],
        cur: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
        interp: &Interp,
    ) -> PyResult<()> {
        let at = cur.len();
        if at == sizes.len() {
            interp.alloc(at.max(1))?;
            out.push(cur.clone());
            return Ok(());
        }
        let from = match (kind, cur.last()) {
            ("combinations", Some(&last)) => last + 1,
            ("combinations_with_replacement", Some(&last)) => last,
            _ => 0,
        };
        for i in from..sizes[at] {
            if kind == "permutations" && cur.contains(&i) {
                continue;
            }
            cur.push(i);
            walk(kind, sizes, cur, out, interp)?;
            cur.pop();
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(kind, sizes, &mut Vec::new(), &mut out, interp)?;
    Ok(out)
}

/// `zip`, `map` and `filter` given a generator: they take its items one at a time as they
/// are asked (as CPython's do), so `zip(count(), names)` stops with `names`.
pub fn lazy_builtin(interp: &Interp, name: &'static str, args: Vec<Value>) -> PyResult {
    let skip = usize::from(name != "zip"); // `map` and `filter` take a function first
    let f = args.first().cloned().filter(|_| skip == 1).unwrap_or(Value::None);
    let mut sources =
        args.into_iter().skip(skip).map(|a| interp.items_for(a, false)).collect::<PyResult<Vec<Items>>>()?;
    if sources.is_empty() && name != "zip" {
        return raise("TypeError", format!("{name}() must have at least two arguments."));
    }
    Ok(generator(interp, name, move |interp| async move {
        loop {
            let mut row = Vec::with_capacity(sources.len());
            for s in sources.iter_mut() {
                match s.next(&interp).await? {
                    Some(x) => row.push(x),
                    None => return Ok(Value::None),
                }
            }
            let out = match name {
                "zip" => Value::tuple(row),
                "map" => interp.call(f.clone(), row, vec![]).await?,
                _ => {
                    let x = row.pop().unwrap_or(Value::None);
                    let keep = match &f {
                        Value::None => x.truthy(),
                        f => interp.call(f.clone(), vec![x.clone()], vec![]).await?.truthy(),
                    };
                    if !keep {
                        continue;
                    }
                    x
                }
            };
            interp.yield_value(out).await?;
        }
    }))
}

fn make(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let arg = |i: usize, key: &str| args.get(i).cloned().or_else(|| kwarg(&kw, key));
    let source = |i: usize| interp.items_for(args.get(i).cloned().unwrap_or(Value::None), false);
    Ok(match name {
        "count" => {
            let (mut n, step) = (arg(0, "start").unwrap_or(Value::Int(0)), arg(1, "step").unwrap_or(Value::Int(1)));
            generator(interp, name, move |interp| async move {
                loop {
                    let next = interp.binop_sync(BinOp::Add, &n, &step)?;
                    interp.yield_value(std::mem::replace(&mut n, next)).await?;
                }
            })
        }
        "repeat" => {
            let x = arg(0, "object").unwrap_or(Value::None);
            let times =
                count_arg(arg(1, "times").as_ref(), "repeat() times must be a non-negative integer").unwrap_or(Some(0));
            generator(interp, name, move |interp| async move {
                let mut left = times;
                while left.is_none_or(|n| n > 0) {
                    left = left.map(|n| n - 1);
                    interp.yield_value(x.clone()).await?;
                }
                Ok(Value::None)
            })
        }
        "cycle" => {
            let mut items = source(0)?;
            generator(interp, name, move |interp| async move {
                let mut saved = Vec::new();
                while let Some(x) = items.next(&interp).await? {
                    interp.alloc(1)?;
                    saved.push(x.clone());
                    interp.yield_value(x).await?;
                }
                while !saved.is_empty() {
                    for x in &saved {
                        interp.yield_value(x.clone()).await?;
                    }
                }
                Ok(Value::None)
            })
        }
        "islice" => {
            let message = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
            let stop_message = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
            let (start, stop, step) = match args.len() {
                0 | 1 => return raise("TypeError", "islice expected at least 2 arguments"),
                2 => (0, count_arg(args.get(1), stop_message)?, 1),
                _ => (
                    count_arg(args.get(1), message)?.unwrap_or(0),
                    count_arg(args.get(2), stop_message)?,
                    match args.get(3) {
                        None | Some(Value::None) => 1,
                        Some(v) => v.as_int().filter(|&s| s > 0).ok_or_else(|| {
                            exc("ValueError", "Step for islice() must be a positive integer or None.")
                        })?,
                    },
                ),
            };
            let mut items = source(0)?;
            generator(interp, name, move |interp| async move {
                let mut i = 0i64;
                let mut next_wanted = start;
                while stop.is_none_or(|s| next_wanted < s) {
                    let Some(x) = items.next(&interp).await? else { break };
                    if i == next_wanted {
                        interp.yield_value(x).await?;
                        next_wanted = next_wanted.saturating_add(step);
                    }
                    i += 1;
                }
                Ok(Value::None)
            })
        }
        "chain" => {
            let sources = args.clone();
            generator(interp, name, move |interp| async move {
                for s in sources {
                    let mut items = interp.items_for(s, false)?;
                    while let Some(x) = items.next(&interp).await? {
                        interp.yield_value(x).await?;
                    }
                }
                Ok(Value::None)
            })
        }
        "takewhile" | "dropwhile" | "filterfalse" | "starmap" => {
            let f = arg(0, "predicate").unwrap_or(Value::None);
            let mut items = source(1)?;
            generator(interp, name, move |interp| async move {
                let mut dropping = true;
                while let Some(x) = items.next(&interp).await? {
                    if name == "starmap" {
                        let args = interp.iterate(&x)?;
                        let y = interp.call(f.clone(), args, vec![]).await?;
                        interp.yield_value(y).await?;
                        continue;
                    }
                    if name == "dropwhile" && !dropping {
                        interp.yield_value(x).await?;
                        continue;
                    }
                    let holds = match &f {
                        Value::None => x.truthy(),
                        f => interp.call(f.clone(), vec![x.clone()], vec![]).await?.truthy(),
                    };
                    match name {
                        "takewhile" if !holds => break,
                        "takewhile" => {
                            interp.yield_value(x).await?;
                        }
                        "dropwhile" if !holds => {
                            dropping = false;
                            interp.yield_value(x).await?;
                        }
                        "filterfalse" if !holds => {
                            interp.yield_value(x).await?;
                        }
                        _ => {}
                    }
                }
                Ok(Value::None)
            })
        }
        "compress" => {
            let (mut data, mut selectors) = (source(0)?, source(1)?);
            generator(interp, name, move |interp| async move {
                while let (Some(x), Some(s)) = (data.next(&interp).await?, selectors.next(&interp).await?) {
                    if s.truthy() {
                        interp.yield_value(x).await?;
                    }
                }
                Ok(Value::None)
            })
        }
        "accumulate" => {
            let f = arg(1, "func").filter(|f| !matches!(f, Value::None));
            let initial = kwarg(&kw, "initial").filter(|v| !matches!(v, Value::None));
            let mut items = source(0)?;
            generator(interp, name, move |interp| async move {
                let mut total = initial;
                if let Some(t) = &total {
                    interp.yield_value(t.clone()).await?;
                }
                while let Some(x) = items.next(&interp).await? {
                    let next = match (&total, &f) {
                        (None, _) => x,
                        (Some(t), None) => interp.binop_sync(BinOp::Add, t, &x)?,
                        (Some(t), Some(f)) => interp.call(f.clone(), vec![t.clone(), x], vec![]).await?,
                    };
                    total = Some(next.clone());
                    interp.yield_value(next).await?;
                }
                Ok(Value::None)
            })
        }
        "pairwise" => {
            let mut items = source(0)?;
            generator(interp, name, move |interp| async move {
                let Some(mut last) = items.next(&interp).await? else { return Ok(Value::None) };
                while let Some(x) = items.next(&interp).await? {
                    interp.yield_value(Value::tuple(vec![last, x.clone()])).await?;
                    last = x;
                }
                Ok(Value::None)
            })
        }
        "zip_longest" => {
            let fill = kwarg(&kw, "fillvalue").unwrap_or(Value::None);
            let mut sources = (0..args.len()).map(source).collect::<PyResult<Vec<Items>>>()?;
            generator(interp, name, move |interp| async move {
                let mut live = vec![true; sources.len()];
                loop {
                    let mut row = Vec::with_capacity(sources.len());
                    for (s, alive) in sources.iter_mut().zip(live.iter_mut()) {
                        let x = if *alive { s.next(&interp).await? } else { None };
                        *alive = x.is_some();
                        row.push(x.unwrap_or_else(|| fill.clone()));
                    }
                    if !live.iter().any(|&a| a) {
                        return Ok(Value::None);
                    }
                    interp.yield_value(Value::tuple(row)).await?;
                }
            })
        }
        "groupby" => {
            let key = arg(1, "key").filter(|k| !matches!(k, Value::None));
            let mut groups: Vec<(Value, Vec<Value>)> = Vec::new();
            for x in pool(interp, args.first())? {
                let k = match &key {
                    Some(f) => interp.call_sync(f.clone(), vec![x.clone()])?,
                    None => x.clone(),
                };
                let same = match groups.last() {
                    Some((last, _)) => interp.compare(super::ast::CmpOp::Eq, last, &k)?,
                    None => false,
                };
                match groups.last_mut() {
                    Some((_, items)) if same => items.push(x),
                    _ => groups.push((k, vec![x])),
                }
            }
            let rows: Vec<Value> =
                groups.into_iter().map(|(k, items)| Value::tuple(vec![k, super::builtins::iter_of(items)])).collect();
            super::builtins::iter_of(rows)
        }
        _ => {
            // product, permutations, combinations, combinations_with_replacement.
            let pools = if name == "product" {
                let times =
                    count_arg(kwarg(&kw, "repeat").as_ref(), "repeat argument cannot be negative")?.unwrap_or(1);
                let once = args.iter().map(|a| pool(interp, Some(a))).collect::<PyResult<Vec<_>>>()?;
                (0..times).flat_map(|_| once.clone()).collect::<Vec<_>>()
            } else {
                let p = pool(interp, args.first())?;
                let r = match arg(1, "r") {
                    None | Some(Value::None) if name == "permutations" => p.len(),
                    None | Some(Value::None) => {
                        return raise("TypeError", format!("{name}() missing required argument 'r' (pos 2)"))
                    }
                    Some(v) => count_arg(Some(&v), "r must be non-negative")?.unwrap_or(0) as usize,
                };
                vec![p; r]
            };
            let sizes: Vec<usize> = pools.iter().map(Vec::len).collect();
            let rows = choices(name, &sizes, interp)?
                .into_iter()
                .map(|idx| Value::tuple(idx.iter().enumerate().map(|(i, &j)| pools[i][j].clone()).collect()))
                .collect();
            super::builtins::iter_of(rows)
        }
    })
}
