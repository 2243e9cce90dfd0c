//! Frees what a finished frame leaves behind, as CPython frees a frame's locals.
//!
//! A function defined in a function holds the scope it was defined in (its free variables
//! live there), and that scope may hold the function: a cycle of `Rc`s that nothing freed. In
//! CPython an inner function holds only the cells it reads, the frame's other locals go when
//! the frame does, and the collector frees the cycles left. Kept alive here, such a scope kept
//! its tasks too, so "Task exception was never retrieved" never came for a task made beside a
//! nested `def`, a lesson's `main` at its most common.
//!
//! So when a frame ends while something else still holds its scope, the locals no nested scope
//! mentions are freed at once, in slot order (`ScopeInfo::cells`). Then, and again when
//! something that held the scope lets go of it (a function, a scope inside it), the scope and
//! what it reaches through functions, bound methods, classes, instances, lists and tuples are
//! checked by trial deletion: a node held more times than the graph's own references to it
//! explain is held from outside, and so is everything it reaches; so is a frame still running.
//! If the scope is not, nothing can reach it any more: its slots, and those of the other
//! unreachable scopes met, are emptied in their order. A reference the walk does not see (a
//! dict, a generator, a task's coroutine) only makes it keep more; it never frees what is used.

use super::*;

/// Most objects one check looks at: past them it gives up and keeps everything.
const MOST_NODES: usize = 256;

/// An object of the graph, held (one count) while the check runs.
enum Node {
    Scope(Rc<Scope>),
    Func(Rc<Function>),
    Method(Rc<(Value, Value)>),
    Class(Rc<Class>),
    Instance(Rc<Instance>),
    List(Rc<List>),
    Tuple(Rc<[Value]>),
}

impl Node {
    /// The node for a value that can lead back to a scope; `None` for the rest (and for a list
    /// or tuple of values that cannot).
    fn of(v: &Value) -> Option<Node> {
        let leads = |items: &[Value]| items.iter().any(Node::kind_of);
        Some(match v {
            Value::Func(f) => Node::Func(Rc::clone(f)),
            Value::Method(m) => Node::Method(Rc::clone(m)),
            Value::Class(c) => Node::Class(Rc::clone(c)),
            Value::Instance(i) => Node::Instance(Rc::clone(i)),
            Value::List(l) if leads(&l.try_borrow().ok()?) => Node::List(Rc::clone(l)),
            Value::Tuple(t) if leads(t) => Node::Tuple(Rc::clone(t)),
            _ => return None,
        })
    }

    /// Whether `v` is of a kind that can lead back to a scope.
    fn kind_of(v: &Value) -> bool {
        matches!(
            v,
            Value::Func(_) | Value::Method(_) | Value::Class(_) | Value::Instance(_) | Value::List(_) | Value::Tuple(_)
        )
    }

    fn ptr(&self) -> *const u8 {
        match self {
            Node::Scope(r) => Rc::as_ptr(r).cast(),
            Node::Func(r) => Rc::as_ptr(r).cast(),
            Node::Method(r) => Rc::as_ptr(r).cast(),
            Node::Class(r) => Rc::as_ptr(r).cast(),
            Node::Instance(r) => Rc::as_ptr(r).cast(),
            Node::List(r) => Rc::as_ptr(r).cast(),
            Node::Tuple(r) => Rc::as_ptr(r).cast(),
        }
    }

    fn count(&self) -> usize {
        match self {
            Node::Scope(r) => Rc::strong_count(r),
            Node::Func(r) => Rc::strong_count(r),
            Node::Method(r) => Rc::strong_count(r),
            Node::Class(r) => Rc::strong_count(r),
            Node::Instance(r) => Rc::strong_count(r),
            Node::List(r) => Rc::strong_count(r),
            Node::Tuple(r) => Rc::strong_count(r),
        }
    }

    /// Calls `f` with each node this one holds a count of, once per count; `None` if a part
    /// of it is being changed now (then the check keeps everything). Leaving one out is safe.
    fn children(&self, f: &mut dyn FnMut(Node)) -> Option<()> {
        let mut values = |vs: &mut dyn Iterator<Item = &Value>| vs.filter_map(Node::of).for_each(&mut *f);
        match self {
            // A frame still running is held from outside: not walked into.
            Node::Scope(s) if !s.ended.get() => {}
            Node::Scope(s) => {
                values(&mut s.slots.try_borrow().ok()?.iter().flatten());
                if let Some(p) = &s.parent {
                    f(Node::Scope(Rc::clone(p)));
                }
                if let Some(c) = &s.class {
                    f(Node::Class(Rc::clone(c)));
                }
            }
            Node::Func(func) => {
                // Its `attrs` may be shared with a copy (a class body's method): not counted.
                values(&mut func.defaults.try_borrow().ok()?.iter().flatten());
                if let Some(c) = &func.closure {
                    f(Node::Scope(Rc::clone(c)));
                }
            }
            Node::Method(m) => values(&mut [&m.0, &m.1].into_iter()),
            Node::Class(c) => {
                values(&mut c.attrs.try_borrow().ok()?.iter().map(|(_, v)| v));
                for b in &c.bases {
                    f(Node::Class(Rc::clone(b)));
                }
            }
            Node::Instance(i) => {
                let mut held = Vec::new();
                i.held(&mut |v| held.push(v.clone()));
                values(&mut held.iter());
                f(Node::Class(Rc::clone(&i.class)));
                i.frames.try_borrow().ok()?.iter().for_each(|s| f(Node::Scope(Rc::clone(s))));
            }
            Node::List(l) => values(&mut l.try_borrow().ok()?.iter()),
            Node::Tuple(t) => values(&mut t.iter()),
        }
        Some(())
    }
}

/// A function's frame has run to its end; its caller holds `scope` once (the call, or the
/// coroutine being run). If anything else holds it (a function defined in it, a task's frame
/// inside it), what no nested scope can read goes now, then the rest if only cycles hold it.
/// A frame an exception's traceback holds (`kept`) is kept whole while the exception is.
pub fn free_ended_frame(scope: &Rc<Scope>, kept: bool) {
    scope.ended.set(true);
    if Rc::strong_count(scope) == 1 {
        return; // freed whole by its caller, in CPython's order
    }
    if !kept {
        drop_in_order(scope.take_values(false).unwrap_or_default());
    }
    free_if_unreachable(scope, 1);
}

/// Empties `scope`'s slots if its frame has ended and nothing but cycles through it holds it
/// any more. `handles`: the counts of it that the caller holds and is about to let go.
pub fn free_if_unreachable(scope: &Rc<Scope>, handles: usize) {
    let count = Rc::strong_count(scope);
    if !scope.ended.get() || count <= handles || count - handles > held_by_own_values(scope) {
        return;
    }
    let Some(taken) = unreachable_slots(scope, handles) else { return };
    // The graph's counts are gone by now: what these free may free more (checked again).
    drop_in_order(taken);
}

/// The counts of `scope` that its own slots hold directly (its functions, its classes'
/// methods): more counts than these, and it is surely held from outside (or through more than
/// a step, which the walk would follow and this lets go), which spares a walk at each call of
/// a closure whose frame has ended. It looks at each slot once, never into a list.
fn held_by_own_values(scope: &Rc<Scope>) -> usize {
    let Ok(slots) = scope.slots.try_borrow() else { return 0 };
    let is_scope = |s: Option<&Rc<Scope>>| s.is_some_and(|s| Rc::ptr_eq(s, scope));
    let method =
        |v: &Value| matches!(v, Value::Func(f) if is_scope(f.closure.as_ref().and_then(|c| c.parent.as_ref())));
    let held = |v: &Value| match v {
        Value::Func(f) => usize::from(is_scope(f.closure.as_ref())),
        Value::Class(c) => c.attrs.try_borrow().map_or(0, |a| a.iter().filter(|(_, v)| method(v)).count()),
        _ => 0,
    };
    slots.iter().flatten().map(held).sum()
}

/// Drops `values` one at a time, first to last, none inside another's drop (see `trash`).
pub(super) fn drop_in_order(values: Vec<Value>) {
    if !values.is_empty() {
        crate::value::trash(values.into_iter().rev().map(crate::value::Trash::Value));
    }
}

/// Walks the graph from `scope`; if nothing outside it reaches `scope`, takes the values out of
/// every unreachable scope in it and returns them.
fn unreachable_slots(scope: &Rc<Scope>, handles: usize) -> Option<Vec<Value>> {
    let mut nodes = vec![Node::Scope(Rc::clone(scope))];
    // Counts of each node held by the others, and each node's first edge in `edges` (edges
    // are found node by node, in order).
    let mut inner = vec![0usize];
    let mut first = Vec::new();
    let mut edges: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < nodes.len() {
        first.push(edges.len());
        let mut found = Vec::new();
        nodes[i].children(&mut |n| found.push(n))?;
        for n in found {
            let j = match nodes.iter().position(|m| m.ptr() == n.ptr()) {
                Some(j) => j,
                None if nodes.len() < MOST_NODES => {
                    nodes.push(n);
                    inner.push(0);
                    nodes.len() - 1
                }
                None => return None,
            };
            inner[j] += 1;
            edges.push(j);
        }
        i += 1;
    }
    first.push(edges.len());
    // Held from outside: more counts than the graph's own (and ours: one per node, and the
    // caller's handles of the scope) explain. Those, and all they reach, are live.
    let mut live = vec![false; nodes.len()];
    let mut stack: Vec<usize> = (0..nodes.len())
        .filter(|&k| {
            let own = inner[k] + 1 + if k == 0 { handles } else { 0 };
            nodes[k].count() != own || matches!(&nodes[k], Node::Scope(s) if !s.ended.get())
        })
        .collect();
    while let Some(k) = stack.pop() {
        if !std::mem::replace(&mut live[k], true) {
            stack.extend(&edges[first[k]..first[k + 1]]);
        }
    }
    if live[0] {
        return None;
    }
    let mut taken = Vec::new();
    for (k, node) in nodes.iter().enumerate() {
        if let (Node::Scope(s), false) = (node, live[k]) {
            taken.extend(s.take_values(true)?);
        }
    }
    Some(taken)
}
