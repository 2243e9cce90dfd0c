//! `JoinHandle`: awaiting a spawned task's result, like awaiting an asyncio `Task`.
//! A task dropped before it finished (its run was cancelled) yields `Err(Cancelled)`,
//! as awaiting a cancelled asyncio task raises `CancelledError`.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use super::registry::Key;
use crate::trace::record::WakeCause;

/// The task was dropped before it finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancelled;

struct Slot<T> {
    result: Option<Result<T, Cancelled>>,
    waiter: Option<Waker>,
}

/// Awaits the output of a task started with [`spawn`](super::spawn). Dropping the handle
/// does not cancel the task (it runs on, detached); [`JoinHandle::abort`] does.
pub struct JoinHandle<T> {
    slot: Rc<RefCell<Slot<T>>>,
    /// The task's key: its id, recorded when a task waits on it, and its registry slot.
    pub(super) task: Key,
}

/// The task's side: fills the slot when the future completes, or with `Cancelled` if it
/// is dropped first.
pub(super) struct Completer<T> {
    slot: Option<Rc<RefCell<Slot<T>>>>,
}

pub(super) fn pair<T>() -> (JoinHandle<T>, Completer<T>) {
    let slot = Rc::new(RefCell::new(Slot { result: None, waiter: None }));
    (JoinHandle { slot: Rc::clone(&slot), task: Key::default() }, Completer { slot: Some(slot) })
}

impl<T> Completer<T> {
    /// Out of line, like `fill`: this code is part of every task's future, and the browser
    /// inlines a future's poll into the loop only while it is small.
    #[inline(never)]
    pub(super) fn complete(mut self, value: T) {
        self.fill(Ok(value));
    }

    #[inline(never)]
    fn fill(&mut self, result: Result<T, Cancelled>) {
        let Some(slot) = self.slot.take() else { return };
        let waiter = {
            let mut slot = slot.borrow_mut();
            slot.result = Some(result);
            slot.waiter.take()
        };
        if let Some(waiter) = waiter {
            waiter.wake();
        }
    }
}

impl<T> Drop for Completer<T> {
    fn drop(&mut self) {
        self.fill(Err(Cancelled));
    }
}

impl<T> JoinHandle<T> {
    /// Cancels the task, like asyncio's `task.cancel()`: its future is dropped where it
    /// waits, and awaiting this handle then gives `Err(Cancelled)`. A task that already
    /// finished keeps its result.
    pub fn abort(&self) {
        super::executor::cancel_task(self.task);
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = Result<T, Cancelled>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut slot = self.slot.borrow_mut();
        match slot.result.take() {
            Some(result) => Poll::Ready(result),
            None => {
                slot.waiter = Some(cx.waker().clone());
                drop(slot);
                super::executor::waiting_on(WakeCause::Task, self.task.id);
                Poll::Pending
            }
        }
    }
}
