//! Dropping deep values without deep recursion: a linked list of 100,000 script objects, or a
//! list nested in itself as deep, would drop each level inside the last one's drop, and spend
//! the native stack (in the browser's 1 MB, a few thousand levels: an abort that ends the
//! page's runtime). A list's, a dict's, an object's and a generator's drop hands what it holds
//! to [`trash`] instead; the outermost drop then drops those one after another.

use std::cell::{Cell, RefCell};

use super::Value;

/// What waits to be dropped: values, and generators' bodies.
pub enum Trash {
    /// A value a container held.
    Value(Value),
    /// A generator's suspended body (its locals, what it iterates).
    Body(futures::future::LocalBoxFuture<'static, super::PyResult>),
}

thread_local! {
    static WAITING: RefCell<Vec<Trash>> = const { RefCell::new(Vec::new()) };
    static EMPTYING: Cell<bool> = const { Cell::new(false) };
}

/// Drops `items` after whatever drop is running now ends, or, outside one, now, one at a time:
/// what each holds joins the list instead of being dropped inside it.
pub fn trash(items: impl IntoIterator<Item = Trash>) {
    // Ints, strs and the like hold nothing: they go at once.
    WAITING.with(|w| w.borrow_mut().extend(items.into_iter().filter(holds_values)));
    if EMPTYING.with(|e| e.replace(true)) {
        return;
    }
    while let Some(item) = WAITING.with(|w| w.borrow_mut().pop()) {
        drop(item);
    }
    EMPTYING.with(|e| e.set(false));
}

/// Whether dropping it may drop further values.
fn holds_values(item: &Trash) -> bool {
    !matches!(
        item,
        Trash::Value(Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Str(_) | Value::Range(_))
    )
}
