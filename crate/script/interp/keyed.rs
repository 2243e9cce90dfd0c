//! `sorted`, `list.sort`, `min` and `max` given a key written in the script: its calls are made
//! here, in the task, where a long one is held for the page's turns like any loop of the
//! script's; inside the built-in they could not be (and were stopped as stuck).

use super::*;

/// Whether the call of `b` has a key of the script's own (a function or a lambda, or a
/// method), and arguments it can take: then [`Interp::call_keyed`] makes it.
pub(super) fn keyed_by_script(b: &Builtin, args: &[Value], kw: &[(Name, Value)]) -> bool {
    let key = kw.iter().find(|(k, _)| &*text(*k) == "key").map(|(_, v)| v);
    let script_key = match key {
        Some(Value::Func(_)) => true,
        Some(Value::Method(m)) => matches!(m.1, Value::Func(_)),
        _ => false,
    };
    if !script_key {
        return false; // every other call, first
    }
    // Only what the built-in takes (an int `reverse`, `min`'s `default` with one iterable):
    // anything else is the built-in's to refuse, before a key runs.
    let extremum = matches!(b.name, "min" | "max");
    let plain = kw.iter().all(|(k, v)| match &*text(*k) {
        "key" => true,
        "reverse" => !extremum && matches!(v, Value::Int(_) | Value::Bool(_)),
        "default" => extremum && args.len() == 1,
        _ => false,
    });
    let fits = match (b.qualifier, b.name) {
        ("", "sorted") => matches!(args, [a] if !matches!(a, Value::Instance(_) | Value::Gen(_))),
        ("list", "sort") => matches!(args, [Value::List(_)]),
        ("", "min" | "max") => !args.is_empty(),
        _ => false,
    };
    plain && fits
}

impl Interp {
    /// [`keyed_by_script`]'s call: the keys made first, one call per item in order as CPython
    /// makes them (`min`'s and `max`'s each compared as it comes), then the built-in's work.
    pub(super) async fn call_keyed(&self, b: Rc<Builtin>, mut args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
        let key = kw.iter().find(|(k, _)| &*text(*k) == "key").map(|(_, v)| v.clone()).unwrap_or(Value::None);
        if matches!(b.name, "min" | "max") {
            let items = if args.len() == 1 { self.iterate(&args[0])? } else { args };
            let mut best = None;
            for item in items {
                let k = self.call(key.clone(), vec![item.clone()], vec![]).await?;
                if builtins::beats(self, b.name, &k, &best)? {
                    best = Some((item, k));
                }
            }
            return builtins::min_max_end(b.name, best, &kw);
        }
        // `list.sort` empties the list while its keys are made, as CPython's: what a key adds
        // to it is dropped, and the sort then says the list was modified.
        let (items, list) = match &args[0] {
            Value::List(l) if b.name == "sort" => (std::mem::take(&mut *l.borrow_mut()), Some(Rc::clone(l))),
            other => (self.iterate(other)?, None),
        };
        if list.is_none() {
            args[0] = Value::list(items.clone());
        }
        let mut keys = Vec::with_capacity(items.len());
        for item in &items {
            match self.call(key.clone(), vec![item.clone()], vec![]).await {
                Ok(k) => keys.push(k),
                Err(e) => {
                    if let Some(l) = &list {
                        *l.borrow_mut() = items;
                    }
                    return Err(e);
                }
            }
        }
        let modified = list.as_ref().is_some_and(|l| !l.borrow().is_empty());
        if let Some(l) = &list {
            *l.borrow_mut() = items;
        }
        builtins::keys_made(keys);
        let out = builtins::call_builtin(self, &b, args, kw);
        builtins::keys_made(Vec::new()); // unused if the built-in stopped before its sort
        match out {
            Ok(_) if modified => raise("ValueError", "list modified during sort"),
            out => out,
        }
    }
}
