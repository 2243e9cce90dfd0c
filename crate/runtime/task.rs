//! A task: its bookkeeping ([`Head`]: an id, the run it belongs to and that run's shared
//! state, so the loop never looks the run up to poll or wake it, and the flags the loop
//! needs) and its future, in one allocation, held through counted [`TaskRef`]s.
//!
//! One allocation, not a task and a boxed future: a spawn's second allocation was a tenth of
//! a short task's cost. And a thin pointer, not an `Rc<dyn …>`: a fat one reaches the
//! task's fields only through the future type's alignment, read from its vtable, and that
//! chain of loads cost every poll more than the allocation saved. So the count is the
//! task's own, as `Rc`'s is, and the future's type is known only to the functions in its
//! [`TaskVTable`], made for that type when the task is.
//!
//! Its waker is the task itself (a [`TaskRef`] in the waker's pointer, with the loop's
//! vtable, `executor::WAKER`), so waking costs no allocation and a waker that outlives its
//! task is harmless: waking a finished task does nothing.
//!
//! **A task's states and its flags** ([`Head`]; checked by [`Head::check_flags`] in debug
//! builds, at every poll):
//!
//! | state                   | `done` | `has_future` | `queued` | `slow_wakes`            |
//! |-------------------------|--------|--------------|----------|-------------------------|
//! | ready (in line)         | no     | yes          | yes      | if virtual or paused    |
//! | running (being polled)  | no     | yes          | no       | if virtual or paused    |
//! | waiting (at an await)   | no     | yes          | no       | if virtual or paused    |
//! | cancelled in its poll   | yes    | yes, until the poll returns | no | yes          |
//! | finished or cancelled   | yes    | no           | either (a stale entry is skipped) | yes |
//!
//! So: an ended task wakes the slow way (which ignores it); a live task has its future; a
//! virtual run's task always wakes the slow way; only a live task of a virtual run can wait
//! on the outside (`waits_outside`).

use std::any::Any;
use std::cell::{Cell, UnsafeCell};
use std::future::Future;
use std::mem::{ManuallyDrop, MaybeUninit};
use std::ops::Deref;
use std::pin::Pin;
use std::ptr::NonNull;
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

use super::context::Current;
use super::registry::Key;
use super::run::RunState;

/// The id of a callback's task (`lifecycle::call_soon`), which the trace never names: it is
/// never registered and records nothing; while it runs, what it does is the asking task's
/// (`context::acting`).
pub(super) const QUIET: u32 = u32::MAX;

/// A task, at the start of its allocation; its future follows (see [`Alloc`]).
pub struct Task {
    head: Head,
    /// The counted references ([`TaskRef`], wakers): at 0 the allocation is freed.
    refs: Cell<usize>,
    /// The whole allocation, as `Task::allocate` got it: every pointer to the task handed out
    /// (references, wakers) is this one, whose provenance covers the future too and the
    /// freeing, which a pointer made from a `&Task` would not.
    this: NonNull<Task>,
    /// The functions that know the future's type.
    vtable: &'static TaskVTable,
    /// The waker its polls get: it borrows the loop's count (never dropped), and kept here
    /// rather than made per poll, so a poll's context points at it and stores nothing more.
    waker: ManuallyDrop<Waker>,
}

/// A task's bookkeeping, the same for every future type.
pub struct Head {
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
    /// ended (its wakes are ignored). Real runs' wakes check only this, and a poll first: an
    /// ended task always has it set (`end` sets both, and an ended task is out of the
    /// registry that pause and resume walk).
    pub slow_wakes: Cell<bool>,
    /// In the run queue now: a second wake before the poll must not queue it twice.
    pub queued: Cell<bool>,
    /// Finished or cancelled: later wakes are ignored and nothing is recorded for them.
    pub done: Cell<bool>,
    /// Polls so far.
    pub polls: Cell<u32>,
    /// A thread (a script's `to_thread`): a task holding the loop does not stop it (see
    /// `executor::hold`).
    pub beside_loop: Cell<bool>,
    /// Between the task and its `JoinHandle` (see `join.rs`).
    pub(super) handoff: Cell<Handoff>,
    /// Its `JoinHandle` is gone: nobody can take its output, which is not kept.
    pub(super) detached: Cell<bool>,
    /// The future is there: not yet finished or dropped. Cleared before the future is
    /// dropped, so anything its drop reaches finds it gone. (Here, in the padding after the
    /// other flags, not in `Task`, where it would take a word of its own.)
    has_future: Cell<bool>,
    /// Suspended waiting on something outside the loop and not woken since (tracked in
    /// virtual runs only, whose clock stands still while any task waits so).
    pub waits_outside: Cell<bool>,
}

/// What a task and its `JoinHandle` pass each other, in one slot (one word less per task
/// than a slot for each): first the waker of the task awaiting the handle, if one does, then
/// the task's output once it finished, until the handle takes it.
#[derive(Default)]
pub(super) enum Handoff {
    /// Nothing: not awaited, or the output was taken, or there is none (a detached task).
    #[default]
    Empty,
    /// The waker of the task awaiting the handle.
    Awaited(Waker),
    /// What the task's future returned.
    Output(Box<dyn Any>),
}

impl Head {
    /// The bookkeeping of a live task that has not been polled yet.
    pub(super) fn new(key: Key, run: u32, root: bool, state: Rc<RunState>) -> Head {
        let virtual_time = state.virt.is_some();
        Head {
            id: key.id,
            slot: key.slot,
            run,
            root,
            slow_wakes: Cell::new(virtual_time || state.paused.get()),
            virtual_time,
            state,
            queued: Cell::new(false),
            done: Cell::new(false),
            polls: Cell::new(0),
            beside_loop: Cell::new(false),
            handoff: Cell::new(Handoff::Empty),
            detached: Cell::new(false),
            has_future: Cell::new(true),
            waits_outside: Cell::new(false),
        }
    }

    /// Where the registry keeps it.
    pub fn key(&self) -> Key {
        Key { id: self.id, slot: self.slot }
    }

    /// Asserts, in debug builds, that the flags make one of the states in the module's table.
    #[inline(always)]
    pub(super) fn check_flags(&self) {
        let (done, slow) = (self.done.get(), self.slow_wakes.get());
        debug_assert!(!done || slow, "task {}: ended, yet its wakes take the fast way", self.id);
        debug_assert!(done || self.has_future.get(), "task {}: live without its future", self.id);
        debug_assert!(!self.virtual_time || slow, "task {}: a virtual run's wakes take the fast way", self.id);
        debug_assert!(
            !self.waits_outside.get() || (self.virtual_time && !done),
            "task {}: waits on the outside, yet ended or not in a virtual run",
            self.id
        );
    }

    /// Marks the task finished or cancelled: later wakes take the slow way, which ignores them.
    pub(super) fn end(&self) {
        self.done.set(true);
        self.slow_wakes.set(true);
    }
}

impl Deref for Task {
    type Target = Head;
    #[inline(always)]
    fn deref(&self) -> &Head {
        &self.head
    }
}

/// What the loop calls on a task's future, whose type only these functions know.
struct TaskVTable {
    /// Polls the future. Safety: the task's own pointer (see `Task::this`), its future is
    /// there, and nothing else refers to it.
    poll: unsafe fn(NonNull<Task>, &mut Context<'_>) -> Poll<()>,
    /// Drops the future where it lies. Safety: the task's own pointer, its future is there,
    /// nothing else refers to it, and it is never used again.
    drop_future: unsafe fn(NonNull<Task>),
    /// Frees the allocation. Safety: no reference to the task is left.
    free: unsafe fn(NonNull<Task>),
}

/// A task's allocation: the task first (so a pointer to one is a pointer to the other),
/// then its future, polled and dropped where it lies (it is pinned there).
#[repr(C)]
struct Alloc<F> {
    task: Task,
    future: UnsafeCell<MaybeUninit<F>>,
}

impl<F: Future<Output = ()> + 'static> Alloc<F> {
    const VTABLE: TaskVTable = TaskVTable { poll: Self::poll, drop_future: Self::drop_future, free: Self::free };

    /// The future of the allocation `task` starts.
    ///
    /// # Safety
    /// `task` is the allocation's own pointer (`Task::this`), and its vtable this type's.
    #[inline(always)]
    unsafe fn future(task: NonNull<Task>) -> *mut MaybeUninit<F> {
        // SAFETY: the caller's word; `Task` is the allocation's first field.
        unsafe { (*task.as_ptr().cast::<Alloc<F>>()).future.get() }
    }

    #[inline(always)]
    unsafe fn poll(task: NonNull<Task>, cx: &mut Context<'_>) -> Poll<()> {
        // SAFETY: the future is there and not referred to elsewhere (the caller's word);
        // pinned, since an allocation never moves.
        unsafe { Pin::new_unchecked((*Self::future(task)).assume_init_mut()) }.poll(cx)
    }

    unsafe fn drop_future(task: NonNull<Task>) {
        // SAFETY: there, not referred to elsewhere, never used again (the caller's word).
        unsafe { (*Self::future(task)).assume_init_drop() }
    }

    unsafe fn free(task: NonNull<Task>) {
        // SAFETY: made by `Box::new` in `Task::allocate`, and no reference is left.
        let mut alloc = unsafe { Box::from_raw(task.as_ptr().cast::<Alloc<F>>()) };
        if alloc.task.head.has_future.replace(false) {
            // SAFETY: it was there (a task that never ended), and this is the last reference.
            unsafe { alloc.future.get_mut().assume_init_drop() }
        }
    }
}

impl Task {
    /// A new task made of `head` and the future `make` makes, given a pointer to the task (a
    /// future that must reach its own task, as a `JoinHandle`'s body does: valid as long as
    /// the future, which the task always outlives). `make` only builds the future: it moves
    /// what it captures and calls nothing. Its waker has the vtable `waker`, the loop's
    /// (`executor::WAKER`), which must treat the waker's pointer as a counted [`TaskRef`].
    #[inline]
    pub(super) fn allocate<F>(
        head: Head,
        waker: &'static RawWakerVTable,
        make: impl FnOnce(NonNull<Task>) -> F,
    ) -> TaskRef
    where
        F: Future<Output = ()> + 'static,
    {
        let vtable = &Alloc::<F>::VTABLE;
        let unset = borrowed_waker(NonNull::dangling(), waker); // set below, once the task has its place
        let task = Task { head, refs: Cell::new(1), this: NonNull::dangling(), vtable, waker: unset };
        let alloc = Box::into_raw(Box::new(Alloc::<F> { task, future: UnsafeCell::new(MaybeUninit::uninit()) }));
        let this = NonNull::new(alloc.cast::<Task>()).expect("a Box is never null");
        // SAFETY: just allocated, and nothing else refers to it yet: written through the
        // allocation's own pointer, before any reference to it is made.
        unsafe {
            std::ptr::addr_of_mut!((*alloc).task.this).write(this);
            std::ptr::addr_of_mut!((*alloc).task.waker).write(borrowed_waker(this, waker));
            (*(*alloc).future.get()).write(make(this));
        }
        TaskRef(this)
    }

    /// Drops the future where it lies, if it is there and this task is not being polled (a
    /// task that cancels itself keeps its future until its poll returns). Dropping it can
    /// wake or cancel others: the caller holds no borrow.
    pub(super) fn drop_future(&self) {
        if Current::now().task == self.id || !self.has_future.replace(false) {
            return;
        }
        // SAFETY: it was there, and is marked gone first, so nothing reached from its drop
        // touches it again; not being polled (checked above), so nothing else refers to it.
        unsafe { (self.vtable.drop_future)(self.this) }
    }

    /// Another counted reference to this task (every task lives in its own allocation,
    /// which `self` keeps alive).
    #[inline]
    pub(super) fn to_ref(&self) -> TaskRef {
        let refs = self.refs.get();
        if refs == usize::MAX {
            std::process::abort(); // as `Rc` does: a count that wrapped would free a live task
        }
        self.refs.set(refs + 1);
        TaskRef(self.this)
    }
}

/// A counted reference to a task, as an `Rc` is (single-threaded, not `Send`): the task
/// lives while one does.
pub struct TaskRef(NonNull<Task>);

impl TaskRef {
    /// Polls the future where it lies, through this reference's pointer (the loop holds it in
    /// hand; the task's own `this` would be one more load per poll), with the task's waker.
    /// The caller has made this task the one being polled (`context::set_current`) and checked that
    /// it has not ended, so its future is there; were it not, the poll reads as pending (the
    /// task is never woken again) rather than a panic.
    #[inline(always)]
    pub(super) fn poll_future(&self) -> Poll<()> {
        debug_assert_eq!(Current::now().task, self.id, "a task is polled as the current task");
        if !self.has_future.get() {
            debug_assert!(false, "task {} polled with no future", self.id);
            return Poll::Pending;
        }
        // The waker borrows the count the loop holds across the poll; clones own a count.
        let mut cx = Context::from_waker(&self.waker);
        // SAFETY: the future is there (checked above), and it is touched only here and in
        // `drop_future`, which leaves it alone while this task is the one being polled; a
        // task is never polled inside its own poll (the loop is not re-entrant: a drain starts
        // from a browser callback, a step refuses to start inside a poll), so this is the only
        // reference to the future.
        unsafe { (self.vtable.poll)(self.0, &mut cx) }
    }

    /// Takes over the count a raw pointer from a waker holds.
    ///
    /// # Safety
    /// `ptr` points to a live task, and the caller owns one of its counts.
    pub(super) unsafe fn from_raw(ptr: *const ()) -> TaskRef {
        // SAFETY: a live task's pointer is not null (the caller's word).
        TaskRef(unsafe { NonNull::new_unchecked(ptr.cast_mut().cast::<Task>()) })
    }
}

impl Deref for TaskRef {
    type Target = Task;
    #[inline(always)]
    fn deref(&self) -> &Task {
        // SAFETY: this reference keeps the task alive.
        unsafe { self.0.as_ref() }
    }
}

impl Clone for TaskRef {
    #[inline]
    fn clone(&self) -> TaskRef {
        self.to_ref()
    }
}

impl Drop for TaskRef {
    #[inline]
    fn drop(&mut self) {
        let refs = self.refs.get() - 1;
        self.refs.set(refs);
        if refs == 0 {
            // SAFETY: that was the last reference.
            unsafe { (self.vtable.free)(self.0) }
        }
    }
}

/// A waker for the task at `task` that owns no count: dropping it would release one, so it
/// is kept in a `ManuallyDrop` (the task's own, see `Task::waker`).
fn borrowed_waker(task: NonNull<Task>, vtable: &'static RawWakerVTable) -> ManuallyDrop<Waker> {
    let raw = RawWaker::new(task.as_ptr().cast_const().cast(), vtable);
    // SAFETY: the loop's waker vtable treats the pointer as a `TaskRef` (see `Task::allocate`),
    // and is only used through the task's own waker while the task lives (a `TaskRef` held
    // across the poll).
    ManuallyDrop::new(unsafe { Waker::from_raw(raw) })
}
