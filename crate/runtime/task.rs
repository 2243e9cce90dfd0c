//! A task: a boxed future with an id, the run it belongs to (and that run's shared state,
//! so the loop never looks the run up to poll or wake it), and the flags the loop needs.
//! Its waker is the `Rc<Task>` itself, so waking costs no allocation and a waker that
//! outlives its task is harmless: waking a finished task does nothing.

use std::any::Any;
use std::cell::{Cell, UnsafeCell};
use std::mem::ManuallyDrop;
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

use futures::future::LocalBoxFuture;

use super::registry::Key;
use super::run::RunState;
use crate::trace;

/// One spawned future and its bookkeeping.
pub struct Task {
    /// Unique for the page's life, never reused, so ids in the trace are unambiguous.
    pub id: u32,
    /// Its slot in the loop's registry of live tasks (reused once it ends).
    pub slot: u32,
    /// The run that owns the task; cancelling the run drops the task.
    pub run: u32,
    /// The run's root task: when it finishes, the run ends.
    pub root: bool,
    /// The run's state: paused or not, real or virtual time.
    pub(super) state: Rc<RunState>,
    /// Its run is on virtual time (fixed for the run's life): a poll checks this byte, on
    /// the task it already holds, instead of its run's state.
    pub virtual_time: bool,
    /// Its wakes need more than a push on the run queue: its run is on virtual time or is
    /// paused (set and cleared for all the run's tasks by pause and resume), or the task has
    /// ended (its wakes are ignored). Real runs' wakes check only this.
    pub slow_wakes: Cell<bool>,
    /// The future; `None` after it finished or was cancelled. Polled where it lies (moving
    /// it out and back each poll cost more than the poll of a short task); reached only
    /// through [`Task::poll_future`] and [`Task::take_future`], which leaves it alone while
    /// the task is the one being polled (`trace::polling`): a cancel from inside that poll
    /// (the task cancelling itself or its run) marks the task done, and the loop drops the
    /// future when the poll returns.
    future: UnsafeCell<Option<LocalBoxFuture<'static, ()>>>,
    /// In the run queue now: a second wake before the poll must not queue it twice.
    pub queued: Cell<bool>,
    /// Finished or cancelled: later wakes are ignored and nothing is recorded for them.
    pub done: Cell<bool>,
    /// Polls so far.
    pub polls: Cell<u32>,
    /// What its future returned, until its `JoinHandle` takes it (see `join.rs`).
    pub(super) output: Cell<Option<Box<dyn Any>>>,
    /// The task awaiting its `JoinHandle`, woken when it ends.
    pub(super) joiner: Cell<Option<Waker>>,
    /// Suspended waiting on something outside the loop and not woken since (tracked in
    /// virtual runs only, whose clock stands still while any task waits so).
    pub waits_outside: Cell<bool>,
}

impl Task {
    /// A live task that has not been polled yet; its future is set next ([`Task::set_future`]).
    pub(super) fn new(key: Key, run: u32, root: bool, state: Rc<RunState>) -> Task {
        let virtual_time = state.virt.is_some();
        Task {
            id: key.id,
            slot: key.slot,
            run,
            root,
            slow_wakes: Cell::new(virtual_time || state.paused.get()),
            virtual_time,
            state,
            future: UnsafeCell::new(None),
            queued: Cell::new(false),
            done: Cell::new(false),
            polls: Cell::new(0),
            output: Cell::new(None),
            joiner: Cell::new(None),
            waits_outside: Cell::new(false),
        }
    }

    /// Gives a new task its future (made after the task, so that it can refer to it).
    pub(super) fn set_future(&self, future: LocalBoxFuture<'static, ()>) {
        // SAFETY: called once, right after `new`, before any poll or take.
        unsafe { *self.future.get() = Some(future) };
    }

    /// Where the registry keeps it.
    pub fn key(&self) -> Key {
        Key { id: self.id, slot: self.slot }
    }

    /// Marks the task finished or cancelled: later wakes take the slow way, which ignores them.
    pub(super) fn end(&self) {
        self.done.set(true);
        self.slow_wakes.set(true);
    }

    /// Polls the future where it lies. The caller has made this task the one being polled
    /// (`trace::polling`) and checked that it has not ended, so its future is there; were it
    /// not, the poll reads as pending (the task is never woken again) rather than a panic.
    #[inline(always)]
    pub(super) fn poll_future(&self, cx: &mut Context<'_>) -> Poll<()> {
        debug_assert_eq!(trace::polling().0, self.id, "a task is polled as the current task");
        // SAFETY: the slot is touched only here and in `take_future`, which leaves it alone
        // while this task is the one being polled; and a task is never polled inside its own
        // poll (the loop is not re-entrant: a drain starts from a browser callback, a step
        // refuses to start inside a poll), so this is the only reference to the future.
        match unsafe { &mut *self.future.get() } {
            Some(future) => future.as_mut().poll(cx),
            None => {
                debug_assert!(false, "task {} polled with no future", self.id);
                Poll::Pending
            }
        }
    }

    /// Takes the future out, for the caller to drop (outside any borrow: dropping it can wake
    /// or cancel others). `None` if it is gone, or while this task is being polled.
    pub(super) fn take_future(&self) -> Option<LocalBoxFuture<'static, ()>> {
        if trace::polling().0 == self.id {
            return None;
        }
        // SAFETY: not being polled (checked above), so nothing else refers to the slot.
        unsafe { &mut *self.future.get() }.take()
    }

    /// A waker that borrows `this` instead of owning a count: valid while `this` lives,
    /// which the loop guarantees by holding the task across the poll. Clones own a count.
    pub fn borrowed_waker(this: &Rc<Task>) -> ManuallyDrop<Waker> {
        let raw = RawWaker::new(Rc::as_ptr(this).cast(), &VTABLE);
        // SAFETY: the vtable below treats the pointer as an `Rc<Task>`; ManuallyDrop keeps
        // this waker from releasing a count it never took.
        ManuallyDrop::new(unsafe { Waker::from_raw(raw) })
    }
}

static VTABLE: RawWakerVTable = RawWakerVTable::new(clone_raw, wake_raw, wake_by_ref_raw, drop_raw);

unsafe fn clone_raw(ptr: *const ()) -> RawWaker {
    // SAFETY: `ptr` came from `Rc::as_ptr`/`Rc::into_raw` of a live `Rc<Task>`.
    unsafe { Rc::increment_strong_count(ptr.cast::<Task>()) };
    RawWaker::new(ptr, &VTABLE)
}

unsafe fn wake_raw(ptr: *const ()) {
    // SAFETY: an owned waker holds one count, handed back here.
    let task = unsafe { Rc::from_raw(ptr.cast::<Task>()) };
    super::executor::wake(&task);
}

unsafe fn wake_by_ref_raw(ptr: *const ()) {
    // SAFETY: the waker keeps the task alive for this call; ManuallyDrop keeps its count.
    let task = ManuallyDrop::new(unsafe { Rc::from_raw(ptr.cast::<Task>()) });
    super::executor::wake(&task);
}

unsafe fn drop_raw(ptr: *const ()) {
    // SAFETY: an owned waker holds one count, released here.
    drop(unsafe { Rc::from_raw(ptr.cast::<Task>()) });
}
