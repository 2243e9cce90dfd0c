//! A task: a boxed future with an id, the run it belongs to, and the flags the loop needs.
//! Its waker is the `Rc<Task>` itself, so waking costs no allocation and a waker that
//! outlives its task is harmless: waking a finished task does nothing.

use std::cell::{Cell, RefCell};
use std::mem::ManuallyDrop;
use std::rc::Rc;
use std::task::{RawWaker, RawWakerVTable, Waker};

use futures::future::LocalBoxFuture;

/// One spawned future and its bookkeeping.
pub struct Task {
    /// Unique for the page's life, never reused, so ids in the trace are unambiguous.
    pub id: u32,
    /// The run that owns the task; cancelling the run drops the task.
    pub run: u32,
    /// The future; `None` while it is being polled (taken out so no borrow is held across
    /// the poll) and after it finished or was cancelled.
    pub future: RefCell<Option<LocalBoxFuture<'static, ()>>>,
    /// In the run queue now: a second wake before the poll must not queue it twice.
    pub queued: Cell<bool>,
    /// Finished or cancelled: later wakes are ignored and nothing is recorded for them.
    pub done: Cell<bool>,
    /// Polls so far.
    pub polls: Cell<u32>,
}

impl Task {
    /// A live task that has not been polled yet.
    pub fn new(id: u32, run: u32, future: LocalBoxFuture<'static, ()>) -> Task {
        Task {
            id,
            run,
            future: RefCell::new(Some(future)),
            queued: Cell::new(false),
            done: Cell::new(false),
            polls: Cell::new(0),
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
