//! `heapq`: a list kept as a binary heap by its items' `<`, sifted as CPython's module sifts
//! it (so equal priorities come out in CPython's order); `asyncio.PriorityQueue` keeps its
//! items with the same sifts. `nlargest` and `nsmallest` are their documented equivalents,
//! `sorted(iterable, key=key, reverse=…)[:n]`.

use super::ast::{CmpOp, Name};
use super::builtins::{self, kwarg};
use super::interp::Interp;
use super::value::*;

const FUNCTIONS: &[&str] = &["heappush", "heappop", "heapify", "heappushpop", "heapreplace", "nlargest", "nsmallest"];

/// The module's names.
pub fn module_attrs() -> Vec<(&'static str, Value)> {
    FUNCTIONS.iter().map(|&n| (n, builtins::checked("heapq", n, call, false))).collect()
}

fn call(interp: &Interp, name: &'static str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    // CPython's words for a wrong count (its C functions and its Python ones say it differently).
    let given = args.len();
    match name {
        "heappop" | "heapify" if given != 1 => {
            return raise("TypeError", format!("_heapq.{name}() takes exactly one argument ({given} given)"));
        }
        "nlargest" | "nsmallest" if given < 2 => {
            let missing = ["2 required positional arguments: 'n' and", "1 required positional argument:"][given];
            return raise("TypeError", format!("{name}() missing {missing} 'iterable'"));
        }
        "heappush" | "heappushpop" | "heapreplace" if given != 2 => {
            return raise("TypeError", format!("{name} expected 2 arguments, got {given}"));
        }
        _ => {}
    }
    if let "nlargest" | "nsmallest" = name {
        let size = builtins::len(interp, &args[1]).ok(); // CPython's `try: len(iterable)`
        let mut items = interp.iterate(&args[1])?;
        let n = count(&args[0], size)?;
        let mut order = vec![(super::ast::intern("reverse"), Value::Bool(name == "nlargest"))];
        if given > 3 {
            return raise(
                "TypeError",
                format!("{name}() takes from 2 to 3 positional arguments but {given} were given"),
            );
        }
        if let Some(key) = args.get(2).cloned().or_else(|| kwarg(&kw, "key")).filter(|k| !matches!(k, Value::None)) {
            order.push((super::ast::intern("key"), key));
        }
        builtins::sort(interp, &mut items, &order)?;
        items.truncate(usize::try_from(n).unwrap_or(0));
        return Ok(Value::list(items));
    }
    let Value::List(list) = &args[0] else {
        let what = if matches!(args[0], Value::None) { "None".into() } else { args[0].type_name() };
        let which = if matches!(name, "heapify" | "heappop") { "" } else { " 1" };
        return raise("TypeError", format!("{name}() argument{which} must be list, not {what}"));
    };
    // Out of its cell while a script's `__lt__` runs (it may look at the list).
    let mut heap = std::mem::take(&mut *list.borrow_mut());
    let out = on_heap(interp, name, &mut heap, args.get(1).cloned());
    *list.borrow_mut() = heap;
    out
}

fn on_heap(interp: &Interp, name: &str, heap: &mut Vec<Value>, item: Option<Value>) -> PyResult {
    let item = item.unwrap_or(Value::None);
    match name {
        "heappush" => {
            heap.push(item);
            let last = heap.len() - 1;
            sift_down(interp, heap, 0, last)?;
            Ok(Value::None)
        }
        "heappop" => {
            let Some(last) = heap.pop() else { return raise("IndexError", "index out of range") };
            if heap.is_empty() {
                return Ok(last);
            }
            let first = std::mem::replace(&mut heap[0], last);
            sift_up(interp, heap, 0)?;
            Ok(first)
        }
        "heapify" => {
            for i in (0..heap.len() / 2).rev() {
                sift_up(interp, heap, i)?;
            }
            Ok(Value::None)
        }
        "heappushpop" if heap.is_empty() || !interp.compare(CmpOp::Lt, &heap[0], &item)? => Ok(item),
        _ if heap.is_empty() => raise("IndexError", "index out of range"),
        _ => {
            // `heappushpop` with a smaller top, and `heapreplace`: the top goes, the item sifts.
            let top = std::mem::replace(&mut heap[0], item);
            sift_up(interp, heap, 0)?;
            Ok(top)
        }
    }
}

/// `heapq._siftdown`: the item at `pos` moves up while it is `<` its parent.
pub fn sift_down(interp: &Interp, heap: &mut [Value], start: usize, mut pos: usize) -> PyResult<()> {
    while pos > start {
        let parent = (pos - 1) / 2;
        if !interp.compare(CmpOp::Lt, &heap[pos], &heap[parent])? {
            break;
        }
        heap.swap(pos, parent);
        pos = parent;
    }
    Ok(())
}

/// `heapq._siftup` from `pos`: the smaller child moves up to the bottom, then the item that
/// was at `pos` sifts down to its place.
pub fn sift_up(interp: &Interp, heap: &mut [Value], start: usize) -> PyResult<()> {
    let (end, mut pos) = (heap.len(), start);
    let mut child = 2 * pos + 1;
    while child < end {
        if child + 1 < end && !interp.compare(CmpOp::Lt, &heap[child], &heap[child + 1])? {
            child += 1;
        }
        heap.swap(pos, child);
        pos = child;
        child = 2 * pos + 1;
    }
    sift_down(interp, heap, start, pos)
}

/// The `n` of `nlargest`/`nsmallest` (and `Counter.most_common`) as CPython's Python reads it:
/// `n == 1` first (1.0 will do), then `n >= len(iterable)` when it has a length (a slice of
/// the sorted items), else `range(0, -n, -1)`, each failing in its own words for a float or
/// a str.
pub(crate) fn count(n: &Value, size: Option<usize>) -> PyResult<i64> {
    if let Some(i) = n.as_int() {
        return Ok(i);
    }
    let reached = |f: f64| size.is_some_and(|s| f >= s as f64);
    match n {
        Value::Float(f) if *f == 1.0 => Ok(1),
        Value::Float(f) if reached(*f) => {
            raise("TypeError", "slice indices must be integers or None or have an __index__ method")
        }
        Value::Float(_) => raise("TypeError", "'float' object cannot be interpreted as an integer"),
        other if size.is_some() => {
            raise("TypeError", format!("'>=' not supported between instances of '{}' and 'int'", other.type_name()))
        }
        other => Err(builtins::type_error("'", other, "' object cannot be interpreted as an integer")),
    }
}
