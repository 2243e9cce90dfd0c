//! `JoinHandle`: awaiting a spawned task's result, like awaiting an asyncio `Task`.
//! A task dropped before it finished (its run was cancelled) yields `Err(Cancelled)`,
//! as awaiting a cancelled asyncio task raises `CancelledError`.
//!
//! The result waits in the task itself, type-erased, and the handle holds the task: a spawn
//! allocates no slot of its own for it (a `()` result, the usual one, allocates nothing).

use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::ptr::NonNull;
use std::task::{Context, Poll};

use super::task::{Handoff, Task, TaskRef};
use crate::trace::record::WakeCause;

/// The task was dropped before it finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancelled;

/// Awaits the output of a task started with [`spawn`](super::spawn). Dropping the handle
/// does not cancel the task (it runs on, detached); [`JoinHandle::abort`] does.
pub struct JoinHandle<T> {
    /// The task, kept while the handle lives. Its future is dropped when the task ends; the
    /// allocation they share is freed when its last reference (this, a waker) goes.
    pub(super) task: TaskRef,
    output: PhantomData<T>,
}

/// The body of every spawned task: runs `future`, leaves its output in the task for the
/// handle, and wakes whoever awaits the handle, also when the task is dropped unfinished,
/// even before its first poll (the guard is part of the body from the start; the task is
/// then marked ended, and the handle reads `Cancelled`).
///
/// A struct rather than an `async fn`: an async fn's state keeps its arguments and the
/// locals they are moved into side by side, so it was twice the size of `future` and the
/// guard, and each poll went through two state machines instead of one (together ~6 % of a
/// poll's time with 100,000 short tasks alive).
pub(super) struct Body<F> {
    /// Declared first, so dropped first: what the future's drop wakes (a receiver whose last
    /// sender it held) is woken before whoever awaits the handle, as it was with the `async fn`.
    future: F,
    guard: WakeJoiner,
}

impl<F> Body<F> {
    /// The body of `task`, running `future`.
    pub(super) fn new(task: NonNull<Task>, future: F) -> Body<F> {
        Body { future, guard: WakeJoiner(task) }
    }
}

impl<F> Future for Body<F>
where
    F: Future,
    F::Output: 'static,
{
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // SAFETY: `future` is pinned with the body (never moved out of it); `guard` is not
        // pinned and only read through.
        let this = unsafe { self.get_unchecked_mut() };
        // SAFETY: `this` came from a pinned `self` and `future` is never moved out of it
        // (structural pinning of that one field).
        let future = unsafe { Pin::new_unchecked(&mut this.future) };
        let output = std::task::ready!(future.poll(cx));
        let task = this.guard.task();
        // Kept only for a handle that can take it: not for a detached task (nobody can), nor
        // for a task cancelled during this very poll (it ended cancelled: its handle reads
        // `Cancelled`). Otherwise dropped here, not kept as long as a waker keeps the task.
        if !task.detached.get() && !task.done.get() {
            this.guard.keep(Box::new(output));
        }
        Poll::Ready(())
    }
}

/// Leaves a task's output for its handle and wakes whoever awaits the handle, or only wakes
/// them if the body is dropped unfinished. It lives inside its task's future, which its task
/// always outlives (a task drops its future before it is freed), so it holds a plain pointer
/// to the task, not a count.
struct WakeJoiner(NonNull<Task>);

impl WakeJoiner {
    /// Its task.
    fn task(&self) -> &Task {
        // SAFETY: the guard is part of its task's future, which the task outlives (above).
        unsafe { self.0.as_ref() }
    }

    /// Leaves the task's output for its handle and wakes whoever awaits the handle. Out of
    /// line, like the drop: this code is part of every task's future, and the browser inlines
    /// a future's poll into the loop only while it is small.
    #[inline(never)]
    fn keep(&self, output: Box<dyn Any>) {
        if let Handoff::Awaited(waker) = self.task().handoff.replace(Handoff::Output(output)) {
            waker.wake();
        }
    }
}

impl Drop for WakeJoiner {
    /// Wakes whoever awaits the handle of a task dropped unfinished (after `keep` there is
    /// nobody: the output is left where it is).
    #[inline(never)]
    fn drop(&mut self) {
        let handoff = &self.task().handoff;
        match handoff.take() {
            Handoff::Awaited(waker) => waker.wake(),
            other => handoff.set(other),
        }
    }
}

impl<T> JoinHandle<T> {
    /// The handle of `task`, whose [`Body`] returns a `T`.
    pub(super) fn new(task: TaskRef) -> JoinHandle<T> {
        JoinHandle { task, output: PhantomData }
    }

    /// Cancels the task, like asyncio's `task.cancel()`: its future is dropped where it
    /// waits, and awaiting this handle then gives `Err(Cancelled)`. A task that already
    /// finished keeps its result.
    pub fn abort(&self) {
        super::lifecycle::cancel_task(self.task.key());
    }

    /// Makes the task a thread, as a script's `to_thread` runs one: while another task of its
    /// run holds the loop (`time.sleep` on the loop, a long computation), it still takes its
    /// turns, between the holder's slices, as a thread runs beside a blocked loop.
    pub fn beside_loop(&self) {
        self.task.beside_loop.set(true);
    }

    /// The task's id, as the trace names it.
    pub fn id(&self) -> u32 {
        self.task.key().id
    }
}

impl<T> Drop for JoinHandle<T> {
    /// Detaches the task: it runs on, its output is dropped when it finishes instead of kept,
    /// and a waker the handle left (it was awaited, then given up) is not woken then.
    fn drop(&mut self) {
        self.task.detached.set(true);
        drop(self.task.handoff.take());
    }
}

impl<T: 'static> Future for JoinHandle<T> {
    type Output = Result<T, Cancelled>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Always a `T`: `spawn` makes the handle and the body from the same future type.
        poll_output(&self.task, cx).map(|output| output?.downcast::<T>().map(|output| *output).map_err(|_| Cancelled))
    }
}

/// The type-free part of a handle's poll, shared by every output type: the task's output,
/// `Err(Cancelled)` if it ended without one, or pending (the handle's task waits on it).
#[inline(never)]
fn poll_output(task: &Task, cx: &mut Context<'_>) -> Poll<Result<Box<dyn Any>, Cancelled>> {
    if let Handoff::Output(output) = task.handoff.take() {
        return Poll::Ready(Ok(output));
    }
    if task.done.get() {
        return Poll::Ready(Err(Cancelled)); // ended with no output: dropped unfinished
    }
    task.handoff.set(Handoff::Awaited(cx.waker().clone()));
    super::context::waiting_on(WakeCause::Task, task.id);
    Poll::Pending
}
