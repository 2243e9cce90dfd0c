//! Frees what a finished frame leaves in a cycle of counted references.
//!
//! A function defined in a function holds the scope it was defined in (its free variables
//! live there), and that scope holds the function: a cycle of `Rc`s that nothing frees. In
//! CPython an inner function holds only the cells it reads, and the collector frees the
//! rest. Kept alive here, such a scope kept its tasks too, so "Task exception was never
//! retrieved" never came for a task made beside a nested `def`, a lesson's `main` at its
//! most common.
//!
//! So when a frame ends, and again when something that held its scope lets go of it (a
//! function, a scope inside it), the scope and what it reaches through functions, bound
//! methods, classes, instances, lists and tuples are checked by trial deletion: a node held
//! more times than the graph's own references to it explain is held from outside, and so is
//! everything it reaches. If the scope is not, nothing can reach it any more: its slots, and
//! those of the other unreachable scopes met, are emptied in their order, which frees the
//! cycle as CPython frees a frame's locals. A reference the walk does not see (a dict, a
//! generator, a task's coroutine) only makes it keep more; it never frees what is used.

use super::*;

/// Most objects one check looks at: past them it gives up and keeps everything.
const MOST_NODES: usize = 512;

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
    /// The node for a value that can lead back to a scope; `None` for the rest.
    fn of(v: &Value) -> Option<Node> {
        Some(match v {
            Value::Func(f) => Node::Func(Rc::clone(f)),
            Value::Method(m) => Node::Method(Rc::clone(m)),
            Value::Class(c) => Node::Class(Rc::clone(c)),
            Value::Instance(i) => Node::Instance(Rc::clone(i)),
            Value::List(l) => Node::List(Rc::clone(l)),
            Value::Tuple(t) => Node::Tuple(Rc::clone(t)),
            _ => return None,
        })
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
                // Its `attrs` may be shared with a copy (`functools.wraps`): not counted.
                values(&mut func.defaults.iter().flatten());
                if let Some(c) = &func.closure {
                    f(Node::Scope(Rc::clone(c)));
                }
            }
            Node::Method(m) => values(&mut [&m.0, &m.1].into_iter()),
            Node::Class(c) => {
                values(&mut c.attrs.try_borrow().ok()?.iter().map(|(_, v)| v));
                if let Some(b) = &c.base {
                    f(Node::Class(Rc::clone(b)));
                }
            }
            Node::Instance(i) => {
                values(&mut i.attrs.try_borrow().ok()?.iter().map(|(_, v)| v));
                f(Node::Class(Rc::clone(&i.class)));
            }
            Node::List(l) => values(&mut l.try_borrow().ok()?.iter()),
            Node::Tuple(t) => values(&mut t.iter()),
        }
        Some(())
    }
}

/// Empties `scope`'s slots if its frame has ended and nothing but cycles through it holds it
/// any more. `handles`: the counts of it that the caller holds and is about to let go.
pub fn free_if_unreachable(scope: &Rc<Scope>, handles: usize) {
    if !scope.ended.get() || Rc::strong_count(scope) <= handles {
        return;
    }
    let Some(taken) = unreachable_slots(scope, handles) else { return };
    // The graph's counts are gone by now: what these free may free more (checked again).
    drop(taken);
}

/// Walks the graph from `scope`; if nothing outside it reaches `scope`, takes the values out of
/// every unreachable scope in it and returns them.
fn unreachable_slots(scope: &Rc<Scope>, handles: usize) -> Option<Vec<Option<Value>>> {
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
            nodes[k].count() != own
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
            taken.extend(s.slots.borrow_mut().iter_mut().map(Option::take));
        }
    }
    Some(taken)
}
