//! `itertools`: each iterator is a generator, resumed one item at a time, so that the endless
//! ones (`count`, `cycle`, `repeat`) work in a loop that stops, and `islice`, `takewhile`,
//! `chain`… take from the iterator they wrap only as they are asked. The combinatoric ones
//! (`product`, `permutations`, `combinations`) read their inputs first, as CPython's do.
//! All of them are one [`Lazy`] and its one `next` step (a future per kind would cost the
//! wasm a copy of the generator machinery each).

use std::cell::RefCell;
use std::rc::Rc;

use super::ast::{BinOp, CmpOp, Name};
use super::builtins::{builtin, int_arg, iter_named, kwarg};
use super::interp::{Gen, Interp, Items};
use super::value::*;

/// The module's functions, each also the type of what it makes (`itertools.count`).
pub(crate) const NAMES: &[&str] = &[
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
    NAMES.iter().map(|&n| (n, super::builtins::checked("itertools", n, make, false))).collect()
}

/// `itertools.chain.from_iterable`, the one attribute of an itertools function.
pub fn from_iterable() -> Value {
    builtin("from_iterable", make)
}

/// One lazy iterator's state: `kind` is its function's name.
struct Lazy {
    kind: &'static str,
    /// What it reads from, in order (`chain` moves on to the next when one ends).
    sources: Vec<Items>,
    /// Its function (`map`, `starmap`, `accumulate`), predicate, or `None`.
    f: Value,
    /// `count`'s next number, `repeat`'s object, `accumulate`'s total, `pairwise`'s last
    /// item, `zip_longest`'s fill value.
    value: Option<Value>,
    /// `count`'s step.
    step: Value,
    /// `cycle`'s items seen so far.
    saved: Vec<Value>,
    /// A count: `repeat`'s times left, `islice`'s position; `cycle`'s replay position.
    at: i64,
    /// `islice`'s next wanted position, stop and step.
    wanted: i64,
    stop: Option<i64>,
    stride: i64,
    /// `dropwhile` done dropping; `repeat` endless; `chain` made by `from_iterable`.
    flag: bool,
    /// `zip_longest`'s sources still live.
    live: Vec<bool>,
}

impl Lazy {
    fn new(kind: &'static str) -> Lazy {
        Lazy {
            kind,
            sources: Vec::new(),
            f: Value::None,
            value: None,
            step: Value::None,
            saved: Vec::new(),
            at: 0,
            wanted: 0,
            stop: None,
            stride: 1,
            flag: false,
            live: Vec::new(),
        }
    }

    /// A generator that yields what [`Lazy::next`] gives until it gives nothing.
    fn into_generator(mut self, interp: &Interp) -> Value {
        let weak = interp.host.interp();
        let kind = self.kind;
        let run = async move {
            let interp = weak.upgrade().ok_or_else(|| exc("RuntimeError", "the run has ended"))?;
            loop {
                match self.next(&interp).await {
                    Ok(Some(x)) => drop(interp.yield_value(x).await?),
                    Ok(None) => return Ok(Value::None),
                    // A `StopIteration` of the function it calls ends it, as it ends CPython's
                    // (`map(lambda x: next(iter(x)), lists)` stops at the first empty list),
                    // where a generator's own would become a RuntimeError.
                    Err(e) if e.class().is_subclass(&exc_class("StopIteration")) => return Ok(Value::None),
                    Err(e) => return Err(e),
                }
            }
        };
        Value::Gen(Rc::new(Gen::of_builtin(kind, Box::pin(run))))
    }

    /// Whether `f(x)` (or `x` itself, when there is no `f`) is true.
    async fn holds(&self, interp: &Interp, x: &Value) -> PyResult<bool> {
        // A script's object is true by its `__bool__` or `__len__`, as `if` asks it.
        match &self.f {
            Value::None => interp.truthy(x),
            f => {
                let r = interp.call(f.clone(), vec![x.clone()], vec![]).await?;
                interp.truthy(&r)
            }
        }
    }

    /// The next item, or `None` at the end.
    async fn next(&mut self, interp: &Interp) -> PyResult<Option<Value>> {
        loop {
            match self.kind {
                "count" => {
                    let n = self.value.take().unwrap_or(Value::Int(0));
                    self.value = Some(interp.binop_sync(BinOp::Add, &n, &self.step)?);
                    return Ok(Some(n));
                }
                "repeat" => {
                    if !self.flag && self.at <= 0 {
                        return Ok(None);
                    }
                    self.at -= 1;
                    return Ok(self.value.clone());
                }
                "cycle" => {
                    if let Some(x) = self.sources[0].next(interp).await? {
                        interp.alloc(1)?;
                        self.saved.push(x.clone());
                        return Ok(Some(x));
                    }
                    if self.saved.is_empty() {
                        return Ok(None);
                    }
                    let x = self.saved[self.at as usize % self.saved.len()].clone();
                    self.at += 1;
                    return Ok(Some(x));
                }
                "callable_iterator" => {
                    if self.flag {
                        return Ok(None);
                    }
                    let sentinel = self.value.clone().unwrap_or(Value::None);
                    match interp.call(self.f.clone(), vec![], vec![]).await {
                        Ok(x) if !interp.compare(CmpOp::Eq, &x, &sentinel)? => return Ok(Some(x)),
                        Err(e) if !e.class().is_subclass(&exc_class("StopIteration")) => return Err(e),
                        _ => {
                            self.flag = true;
                            return Ok(None);
                        }
                    }
                }
                "reversed" => {
                    if self.at <= 0 {
                        return Ok(None);
                    }
                    self.at -= 1;
                    let seq = self.value.clone().unwrap_or(Value::None);
                    return match interp.call_method(&seq, "__getitem__", vec![Value::Int(self.at)]).await {
                        Ok(x) => Ok(Some(x)),
                        Err(e) if crate::builtins::ends_sequence(&e) => {
                            self.at = 0;
                            Ok(None)
                        }
                        Err(e) => Err(e),
                    };
                }
                // As CPython's: it first reads up to the item it wants, then stops if that is
                // the stop (`next(islice(it, n, n), None)` skips n items: the docs' `consume`).
                "islice" => {
                    while self.at < self.wanted {
                        if self.sources[0].next(interp).await?.is_none() {
                            return Ok(None);
                        }
                        self.at += 1;
                    }
                    if self.stop.is_some_and(|s| self.at >= s) {
                        return Ok(None);
                    }
                    let Some(x) = self.sources[0].next(interp).await? else { return Ok(None) };
                    self.at += 1;
                    let next = self.wanted.saturating_add(self.stride);
                    self.wanted = match self.stop {
                        Some(s) if next > s => s,
                        _ => next,
                    };
                    return Ok(Some(x));
                }
                // `from_iterable`'s: its iterables come from the first source, one at a time.
                "chain" if self.flag => {
                    if let Some(inner) = self.sources.get_mut(1) {
                        match inner.next(interp).await? {
                            Some(x) => return Ok(Some(x)),
                            None => drop(self.sources.pop()),
                        }
                    }
                    match self.sources[0].next(interp).await? {
                        Some(iterable) => self.sources.push(interp.items_for(iterable, false)?),
                        None => return Ok(None),
                    }
                }
                "chain" => {
                    let Some(first) = self.sources.first_mut() else { return Ok(None) };
                    match first.next(interp).await? {
                        Some(x) => return Ok(Some(x)),
                        None => drop(self.sources.remove(0)),
                    }
                }
                "zip_longest" => {
                    let fill = self.value.clone().unwrap_or(Value::None);
                    let mut row = Vec::with_capacity(self.sources.len());
                    for (s, alive) in self.sources.iter_mut().zip(self.live.iter_mut()) {
                        let x = if *alive { s.next(interp).await? } else { None };
                        *alive = x.is_some();
                        row.push(x.unwrap_or_else(|| fill.clone()));
                    }
                    return Ok(self.live.contains(&true).then(|| Value::tuple(row)));
                }
                // The rest read one row: an item from each source.
                kind => {
                    let mut row = Vec::with_capacity(self.sources.len());
                    for k in 0..self.sources.len() {
                        match self.sources[k].next(interp).await? {
                            Some(x) => row.push(x),
                            // `zip(strict=True)`: the first to end must end them all, as
                            // CPython's asks each of the others for one more.
                            None if kind == "zip" && self.flag => {
                                if k > 0 {
                                    return Err(crate::builtins::uneven(k, "shorter"));
                                }
                                for j in 1..self.sources.len() {
                                    if self.sources[j].next(interp).await?.is_some() {
                                        return Err(crate::builtins::uneven(j, "longer"));
                                    }
                                }
                                return Ok(None);
                            }
                            None => return Ok(None),
                        }
                    }
                    match kind {
                        "zip" => return Ok(Some(Value::tuple(row))),
                        "iterator" => return Ok(Some(row.swap_remove(0))),
                        "enumerate" => {
                            let n = self.at;
                            self.at = crate::value::count_after(n)?;
                            return Ok(Some(Value::tuple(vec![Value::Int(n), row.swap_remove(0)])));
                        }
                        "map" => return Ok(Some(interp.call(self.f.clone(), row, vec![]).await?)),
                        "starmap" => {
                            let args = interp.iterate(&row[0])?;
                            return Ok(Some(interp.call(self.f.clone(), args, vec![]).await?));
                        }
                        "compress" => {
                            if interp.truthy(&row[1])? {
                                return Ok(Some(row.swap_remove(0)));
                            }
                        }
                        "accumulate" => {
                            let x = row.swap_remove(0);
                            let next = match (self.value.take(), &self.f) {
                                (None, _) => x,
                                (Some(t), Value::None) => interp.binop_sync(BinOp::Add, &t, &x)?,
                                (Some(t), f) => interp.call(f.clone(), vec![t, x], vec![]).await?,
                            };
                            self.value = Some(next.clone());
                            return Ok(Some(next));
                        }
                        "pairwise" => {
                            let x = row.swap_remove(0);
                            if let Some(last) = self.value.replace(x.clone()) {
                                return Ok(Some(Value::tuple(vec![last, x])));
                            }
                        }
                        _ => {
                            // filter, filterfalse, takewhile, dropwhile.
                            let x = row.swap_remove(0);
                            if kind == "dropwhile" && self.flag {
                                return Ok(Some(x)); // done dropping
                            }
                            let holds = self.holds(interp, &x).await?;
                            match kind {
                                "takewhile" => return Ok(holds.then_some(x)),
                                "dropwhile" if !holds => {
                                    self.flag = true;
                                    return Ok(Some(x));
                                }
                                "filter" if holds => return Ok(Some(x)),
                                "filterfalse" if !holds => return Ok(Some(x)),
                                _ => {}
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `enumerate(obj)`, `iter(obj)` (`"iterator"`, a sequence's `__getitem__` from 0) and
/// `reversed(obj)` (its `__getitem__` from `at - 1` down) of a script's object: each item is
/// asked for as it is taken, as CPython's are, so what the object prints comes between the
/// loop's own lines and an iterator is left where the taking stopped.
pub fn lazily(interp: &Interp, kind: &'static str, obj: Value, at: i64) -> PyResult {
    let mut it = Lazy::new(kind);
    it.at = at;
    if kind == "reversed" {
        it.value = Some(obj);
    } else {
        it.sources.push(interp.items_for(obj, false)?);
    }
    Ok(it.into_generator(interp))
}

/// `iter(f, sentinel)`: `f()`'s results, up to the first equal to `sentinel` (or a
/// `StopIteration` of `f`'s), each asked for as it is taken.
pub fn calling(interp: &Interp, f: Value, sentinel: Value) -> Value {
    let mut it = Lazy::new("callable_iterator");
    it.f = f;
    it.value = Some(sentinel);
    it.into_generator(interp)
}

/// `zip`, `map` and `filter` given a generator: they take its items one at a time as they
/// are asked (as CPython's do), so `zip(count(), names)` stops with `names`.
pub fn lazy_builtin(interp: &Interp, name: &'static str, args: Vec<Value>, strict: bool) -> PyResult {
    let skip = usize::from(name != "zip"); // `map` and `filter` take a function first
    let mut it = Lazy::new(name);
    it.flag = strict;
    it.f = args.first().cloned().filter(|_| skip == 1).unwrap_or(Value::None);
    it.sources = args.into_iter().skip(skip).map(|a| interp.items_for(a, false)).collect::<PyResult<_>>()?;
    if it.sources.is_empty() && name != "zip" {
        return raise("TypeError", format!("{name}() must have at least two arguments."));
    }
    Ok(it.into_generator(interp))
}

/// An optional count argument (`None`: absent); a negative one is `what`'s ValueError.
fn count_arg(v: Option<&Value>, what: &str) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => match v.as_int() {
            Some(n) if n >= 0 => Ok(Some(n)),
            _ => raise("ValueError", what.to_string()),
        },
    }
}

/// Every choice of indexes into the pools, in CPython's (lexicographic) order: `product` (one
/// index per pool, any), and for `r` positions over one pool: `permutations` (distinct),
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

fn make(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let arg = |i: usize, key: &str| args.get(i).cloned().or_else(|| kwarg(&kw, key));
    let source = |i: usize| interp.items_for(args.get(i).cloned().unwrap_or(Value::None), false);
    let mut it = Lazy::new(name);
    match name {
        "count" => {
            let number = |v: Value| match v {
                Value::Int(_) | Value::Bool(_) | Value::Float(_) | Value::Instance(_) => Ok(v),
                _ => raise("TypeError", "a number is required"),
            };
            it.value = Some(number(arg(0, "start").unwrap_or(Value::Int(0)))?);
            it.step = number(arg(1, "step").unwrap_or(Value::Int(1)))?;
            // With a step of 1, CPython counts from an exact int (`count(True)`: 1, 2, …).
            if let (Some(Value::Bool(b)), Value::Int(1)) = (&it.value, &it.step) {
                it.value = Some(Value::Int(i64::from(*b)));
            }
        }
        "repeat" => {
            it.value = Some(arg(0, "object").unwrap_or(Value::None));
            // A negative number of times is none, as CPython's.
            match arg(1, "times") {
                Some(n) => it.at = int_arg(&n, "")?.max(0),
                None => it.flag = true,
            }
        }
        "islice" => {
            let message = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
            let stop_message = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
            match args.len() {
                n @ (0 | 1) => return raise("TypeError", format!("islice expected at least 2 arguments, got {n}")),
                2 => it.stop = count_arg(args.get(1), stop_message)?,
                _ => {
                    it.wanted = count_arg(args.get(1), message)?.unwrap_or(0);
                    it.stop = count_arg(args.get(2), stop_message)?;
                    it.stride = match args.get(3) {
                        None | Some(Value::None) => 1,
                        Some(v) => v.as_int().filter(|&s| s > 0).ok_or_else(|| {
                            exc("ValueError", "Step for islice() must be a positive integer or None.")
                        })?,
                    };
                }
            }
            it.sources = vec![source(0)?];
        }
        "cycle" | "pairwise" => it.sources = vec![source(0)?],
        // `chain.from_iterable(iterables)`: a chain that takes each iterable as it reaches it.
        // `chain(*its)` is `chain.from_iterable(its)`: each is iterated only once reached.
        "from_iterable" | "chain" => {
            if name == "from_iterable" && args.len() != 1 {
                let n = args.len();
                return raise("TypeError", format!("chain.from_iterable() takes exactly one argument ({n} given)"));
            }
            let mut chained = Lazy::new("chain");
            chained.sources = match name {
                "chain" => vec![interp.items_for(Value::tuple(args), false)?],
                _ => vec![source(0)?],
            };
            chained.flag = true;
            return Ok(chained.into_generator(interp));
        }
        "zip_longest" => {
            // CPython 3.11's words, which name no keyword.
            if kw.iter().any(|(k, _)| &*text(*k) != "fillvalue") {
                return raise("TypeError", "zip_longest() got an unexpected keyword argument");
            }
            it.sources = (0..args.len()).map(source).collect::<PyResult<_>>()?;
            it.live = vec![true; it.sources.len()];
            it.value = kwarg(&kw, "fillvalue");
        }
        "compress" => it.sources = vec![source(0)?, source(1)?],
        "accumulate" => {
            it.sources = vec![source(0)?];
            it.f = arg(1, "func").unwrap_or(Value::None);
            it.value = kwarg(&kw, "initial").filter(|v| !matches!(v, Value::None));
            // An initial value comes first, then the running totals.
            if let Some(first) = it.value.clone() {
                let rest = it.into_generator(interp);
                let mut chained = Lazy::new("chain");
                chained.sources =
                    vec![interp.items_for(Value::tuple(vec![first]), false)?, interp.items_for(rest, false)?];
                return Ok(chained.into_generator(interp));
            }
        }
        "takewhile" | "dropwhile" | "filterfalse" | "starmap" => {
            it.f = arg(0, "predicate").unwrap_or(Value::None);
            it.sources = vec![source(1)?];
        }
        "groupby" => {
            let key = arg(1, "key").filter(|k| !matches!(k, Value::None));
            let state = Rc::new(RefCell::new(GroupBy { source: Some(source(0)?), key, ..GroupBy::default() }));
            return Ok(groupby(interp, state));
        }
        _ => {
            // product, permutations, combinations, combinations_with_replacement.
            let pools = if name == "product" {
                let times = match kwarg(&kw, "repeat") {
                    Some(n) => match int_arg(&n, "")? {
                        n if n < 0 => return raise("ValueError", "repeat argument cannot be negative"),
                        n => n,
                    },
                    None => 1,
                };
                let once = args.iter().map(|a| interp.iterate(a)).collect::<PyResult<Vec<_>>>()?;
                // Nothing to choose from makes nothing, however many times (CPython's is lazy).
                if times > 0 && once.iter().any(Vec::is_empty) {
                    return Ok(iter_named(name, Vec::new()));
                }
                interp.alloc(usize::try_from(times).unwrap_or(usize::MAX).saturating_mul(once.len()))?;
                (0..times).flat_map(|_| once.clone()).collect::<Vec<_>>()
            } else {
                let pool = interp.iterate(args.first().unwrap_or(&Value::None))?;
                let r = match arg(1, "r") {
                    None | Some(Value::None) if name == "permutations" => pool.len(),
                    None | Some(Value::None) => {
                        return raise("TypeError", format!("{name}() missing required argument 'r' (pos 2)"))
                    }
                    Some(v) => {
                        let r = match v {
                            Value::Int(_) | Value::Bool(_) => v.as_int().unwrap_or(0),
                            _ if name == "permutations" => return raise("TypeError", "Expected int as r"),
                            _ => int_arg(&v, "")?,
                        };
                        usize::try_from(r).or_else(|_| raise("ValueError", "r must be non-negative"))?
                    }
                };
                // More positions than items: none (`combinations('abc', 10**9)`), as CPython's.
                if r > pool.len() && name != "combinations_with_replacement" {
                    return Ok(iter_named(name, Vec::new()));
                }
                if pool.is_empty() && r > 0 {
                    return Ok(iter_named(name, Vec::new()));
                }
                interp.alloc(r)?;
                vec![pool; r]
            };
            let sizes: Vec<usize> = pools.iter().map(Vec::len).collect();
            let rows = choices(name, &sizes, interp)?
                .into_iter()
                .map(|idx| Value::tuple(idx.iter().enumerate().map(|(i, &j)| pools[i][j].clone()).collect()))
                .collect();
            return Ok(iter_named(name, rows)); // of its own type, as CPython's (`product`)
        }
    }
    Ok(it.into_generator(interp))
}

/// What a `groupby` and its groups share, as CPython's `groupby` object and its `_grouper`s:
/// the source, the key function, the current group's key, and the item read last with its key.
#[derive(Default)]
struct GroupBy {
    /// Out while an item is read (a group read from inside its own key function finds none).
    source: Option<Items>,
    key: Option<Value>,
    target: Option<Value>,
    item: Option<Value>,
    item_key: Option<Value>,
    /// The current group's number: an older group ends when the outer iterator moves on.
    group: u64,
}

/// Reads the next item and its key into `state`; false at the end.
async fn step(interp: &Interp, state: &RefCell<GroupBy>) -> PyResult<bool> {
    let mut source =
        state.borrow_mut().source.take().ok_or_else(|| exc("ValueError", "generator already executing"))?;
    let next = source.next(interp).await;
    state.borrow_mut().source = Some(source);
    let Some(x) = next? else { return Ok(false) };
    let key = state.borrow().key.clone();
    let k = match key {
        Some(f) => interp.call(f, vec![x.clone()], vec![]).await?,
        None => x.clone(),
    };
    let mut s = state.borrow_mut();
    (s.item, s.item_key) = (Some(x), Some(k));
    Ok(true)
}

/// `groupby(…)`: each step skips what is left of the current group, then gives the next
/// group's key and its `_grouper`, which reads the shared source as it is walked (CPython's
/// algorithm, so that key calls and prints interleave as there).
fn groupby(interp: &Interp, state: Rc<RefCell<GroupBy>>) -> Value {
    let weak = interp.host.interp();
    let run = async move {
        let interp = weak.upgrade().ok_or_else(|| exc("RuntimeError", "the run has ended"))?;
        loop {
            state.borrow_mut().group += 1; // the group given last ends here, even at the end
            loop {
                let (current, target) = {
                    let s = state.borrow();
                    (s.item_key.clone(), s.target.clone())
                };
                match (current, target) {
                    (Some(_), None) => break,
                    (Some(c), Some(t)) if !interp.compare(CmpOp::Eq, &t, &c)? => break,
                    _ => {}
                }
                if !step(&interp, &state).await? {
                    return Ok(Value::None);
                }
            }
            let (k, group) = {
                let mut s = state.borrow_mut();
                s.target = s.item_key.clone();
                s.group += 1;
                (s.item_key.clone().unwrap_or(Value::None), s.group)
            };
            let grouper = grouper(&interp, Rc::clone(&state), k.clone(), group);
            interp.yield_value(Value::tuple(vec![k, grouper])).await?;
        }
    };
    Value::Gen(Rc::new(Gen::of_builtin("groupby", Box::pin(run))))
}

/// One group of a `groupby`: the items whose key equals `target`, read as it is walked; it
/// ends at the first other key, or once the `groupby` has moved on to group `group + 1`.
fn grouper(interp: &Interp, state: Rc<RefCell<GroupBy>>, target: Value, group: u64) -> Value {
    let weak = interp.host.interp();
    let run = async move {
        let interp = weak.upgrade().ok_or_else(|| exc("RuntimeError", "the run has ended"))?;
        loop {
            if state.borrow().group != group {
                return Ok(Value::None);
            }
            if state.borrow().item.is_none() && !step(&interp, &state).await? {
                return Ok(Value::None);
            }
            let current = state.borrow().item_key.clone().unwrap_or(Value::None);
            if !interp.compare(CmpOp::Eq, &target, &current)? {
                return Ok(Value::None);
            }
            let item = state.borrow_mut().item.take().unwrap_or(Value::None);
            interp.yield_value(item).await?;
        }
    };
    Value::Gen(Rc::new(Gen::of_builtin("_grouper", Box::pin(run))))
}
