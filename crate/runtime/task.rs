//! A task: a boxed future with an id, the run it belongs to (and that run's shared state,
//! so the loop never looks the run up to poll or wake it), and the flags the loop needs.
//! Its waker is the `Rc<Task>` itself, so waking costs no allocation and a waker that
//! outlives its task is harmless: waking a finished task does nothing.

use std::cell::Cell;
use std::mem::ManuallyDrop;
use std::rc::Rc;
use std::task::{RawWaker, RawWakerVTable, Waker};

use futures::future::LocalBoxFuture;

use super::run::RunState;

/// One spawned future and its bookkeeping.
pub struct Task {
    /// Unique for the page's life, never reused, so ids in the trace are unambiguous.
    pub id: u32,
    /// The run that owns the task; cancelling the run drops the task.
    pub run: u32,
    /// The run's state: paused or not, real or virtual time.
    pub(super) state: Rc<RunState>,
    /// Its run is on virtual time (fixed for the run's life): a poll checks this byte, on
    /// the task it already holds, instead of its run's state.
    pub virtual_time: bool,
    /// Its wakes need more than a push on the run queue: its run is on virtual time or is
    /// paused (set and cleared for all the run's tasks by pause and resume). Real runs'
    /// wakes check only this.
    pub slow_wakes: Cell<bool>,
    /// The future; `None` while it is being polled (taken out, so a cancel during the poll
    /// finds nothing to drop under it) and after it finished or was cancelled. A `Cell`:
    /// taken and put back once a poll, with no borrow flag to check.
    pub future: Cell<Option<LocalBoxFuture<'static, ()>>>,
    /// In the run queue now: a second wake before the poll must not queue it twice.
    pub queued: Cell<bool>,
    /// Finished or cancelled: later wakes are ignored and nothing is recorded for them.
    pub done: Cell<bool>,
    /// Polls so far.
    pub polls: Cell<u32>,
    /// Suspended waiting on something outside the loop and not woken since (tracked in
    /// virtual runs only, whose clock stands still while any task waits so).
    pub waits_outside: Cell<bool>,
}

impl Task {
    /// A live task that has not been polled yet.
    pub(super) fn new(id: u32, run: u32, state: Rc<RunState>, future: LocalBoxFuture<'static, ()>) -> Task {
        let virtual_time = state.virt.is_some();
        Task {
            id,
            run,
            slow_wakes: Cell::new(virtual_time || state.paused.get()),
            virtual_time,
            state,
            future: Cell::new(Some(future)),
            queued: Cell::new(false),
            done: Cell::new(false),
            polls: Cell::new(0),
            waits_outside: Cell::new(false),
        }
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
