//! The trace: every thing the loop does, as fixed-size records in a bounded ring in wasm
//! memory, plus interned text. The runtime writes; the page reads the new records once per
//! animation frame through typed-array views (see [`record`] for the layout).
//!
//! Instrumentation never panics the program: the ring is written through `Cell`s (nothing
//! to borrow), the text table is only borrowed inside these functions, never across a poll,
//! and anything odd is counted in [`anomalies`] and skipped.
//!
//! The trace only records: the runtime says which task a record is about, and the time comes
//! from the runtime's clock ([`clock::now`]).

pub mod record;
pub mod ring;
pub mod texts;

use std::cell::{Cell, RefCell};

use crate::runtime::clock;
use record::{Kind, Record, WakeCause, POLL_FINISHED, POLL_WOKE_ITSELF};
use ring::Ring;
use texts::Texts;

/// Records the ring holds: 2 MiB of memory, far more than a lesson's run writes. Under Miri,
/// whose borrow checks cost time in proportion to the memory a reference covers, a small one.
pub const RING_CAPACITY: usize = if cfg!(miri) { 1 << 8 } else { 1 << 16 };

/// The trace's ring.
type TraceRing = Ring<RING_CAPACITY>;

thread_local! {
    static RING: TraceRing = const { Ring::new() };
    /// Index of the first record still waiting for its time, if any.
    static UNSETTLED: Cell<Option<u64>> = const { Cell::new(None) };
    static TEXTS: RefCell<Option<Texts>> = const { RefCell::new(None) };
    /// The last literal [`literal_text`] looked up, as (address, length, id).
    static LAST_LITERAL: Cell<(usize, usize, u32)> = const { Cell::new((0, 0, 0)) };
    static TRACING: Cell<bool> = const { Cell::new(true) };
    static ANOMALIES: Cell<u64> = const { Cell::new(0) };
    static OPEN: OpenPoll = const {
        OpenPoll { state: Cell::new(CLOSED), task: Cell::new((0, 0)), n: Cell::new(0), time: Cell::new(0.0) }
    };
}

/// The poll being run, whose `PollStart` may not be written yet (see [`poll_started`]). The
/// loop sets as little as it can per poll: what it stores here costs every poll of a burst.
struct OpenPoll {
    /// [`CLOSED`], [`OPEN_POLL`] or [`OPEN_WOKE`].
    state: Cell<u8>,
    /// The polled task and its run.
    task: Cell<(u32, u32)>,
    /// The poll's number (its `PollStart`'s `a`).
    n: Cell<u32>,
    /// The loop's clock when the poll started: set when that clock moves ([`poll_time`]), not
    /// per poll, since a burst's polls share their window's time.
    time: Cell<f64>,
}

/// No poll, or its `PollStart` is written.
const CLOSED: u8 = 0;
/// A poll whose `PollStart` is not written yet.
const OPEN_POLL: u8 = 1;
/// The same, and the task woke itself: that `Wake` is not written yet either.
const OPEN_WOKE: u8 = 2;

/// The loop's clock moved to `time` (a tick's start, a timed poll's end): the start time of
/// the polls that follow, until it moves again.
#[inline]
pub fn poll_time(time: f64) {
    OPEN.with(|open| open.time.set(time));
}

/// Writes the open poll's start, and its self-wake, before any other record: so a poll that
/// records something reads exactly as if they had been written when they happened.
#[inline(always)]
fn flush_open(ring: &TraceRing) {
    OPEN.with(|open| {
        if open.state.get() != CLOSED {
            write_open(ring, open);
        }
    });
}

#[inline(never)]
fn write_open(ring: &TraceRing, open: &OpenPoll) {
    let (task, run) = open.task.get();
    let woke = open.state.replace(CLOSED) == OPEN_WOKE;
    ring.push(Record { time: open.time.get(), seq: 0, kind: Kind::PollStart as u32, run, task, a: open.n.get(), b: 0 });
    if woke {
        unsettled_from(ring);
        let wake = WakeCause::SelfWake as u32;
        ring.push(Record { time: f64::NAN, seq: 0, kind: Kind::Wake as u32, run, task, a: wake, b: task });
    }
}

/// Marks the ring's next record as the first one whose time is not known yet, if none is.
#[inline]
fn unsettled_from(ring: &TraceRing) {
    UNSETTLED.with(|u| {
        if u.get().is_none() {
            u.set(Some(ring.head()));
        }
    });
}

/// Runs `f` on the ring.
#[inline]
fn with_ring<T>(f: impl FnOnce(&TraceRing) -> T) -> T {
    RING.with(f)
}

/// Runs `f` on the text table, creating it on first use. Returns `None` (and counts an
/// anomaly) in the one case it cannot: a re-entrant call, which would be a bug.
fn with_texts<T>(f: impl FnOnce(&mut Texts) -> T) -> Option<T> {
    TEXTS.with(|cell| {
        let Ok(mut guard) = cell.try_borrow_mut() else {
            note_anomaly();
            return None;
        };
        Some(f(guard.get_or_insert_with(Texts::default)))
    })
}

/// Whether records are being written. Off, the runtime still runs but leaves no trace.
#[inline]
pub fn is_on() -> bool {
    TRACING.with(Cell::get)
}

/// Turns recording on or off (the benchmark compares both).
pub fn set_on(on: bool) {
    TRACING.with(|t| t.set(on));
    OPEN.with(|open| open.state.set(CLOSED)); // a poll opened before is not this setting's to close
}

/// Records an event stamped now (see [`clock::now`]).
#[inline]
pub fn record(kind: Kind, run: u32, task: u32, a: u32, b: u32) {
    if is_on() {
        record_at(clock::now(), kind, run, task, a, b);
    }
}

/// Records an event with a time the caller already read (the loop's own records: a tick's
/// start, a finish stamped with its poll's end).
#[inline]
pub fn record_at(time: f64, kind: Kind, run: u32, task: u32, a: u32, b: u32) {
    if is_on() {
        with_ring(|ring| {
            flush_open(ring);
            ring.push(Record { time, seq: 0, kind: kind as u32, run, task, a, b });
        });
    }
}

/// Records an event whose time is settled by the poll's end ([`poll_ended`]): a wake during a
/// poll is stamped with the end of that poll, the earliest the woken task could run, without
/// a clock read of its own.
#[inline]
pub fn record_unsettled(kind: Kind, run: u32, task: u32, a: u32, b: u32) {
    if is_on() {
        with_ring(|ring| {
            flush_open(ring);
            unsettled_from(ring);
            ring.push(Record { time: f64::NAN, seq: 0, kind: kind as u32, run, task, a, b });
        });
    }
}

/// Opens a real run's poll of `task` (its `n`th), which starts at the loop's clock
/// ([`poll_time`]). Its `PollStart` is
/// written only when the poll records something, or at its end: a short poll of a burst that
/// records nothing but yielding is one folded [`Kind::Poll`] record (see [`poll_ended`]),
/// which is what lets the trace keep up with a burst.
#[inline]
pub fn poll_started(run: u32, task: u32, n: u32) {
    // Untraced, the poll stays closed (`set_on` closed it): nothing is stored per poll.
    if is_on() {
        OPEN.with(|open| {
            open.task.set((task, run));
            open.n.set(n);
            open.state.set(OPEN_POLL);
        });
    }
}

/// Folds a self-wake (a yield) of the task being polled into its poll's record: true if its
/// poll is open (nothing recorded yet) and had no self-wake; the caller records the wake as
/// any other otherwise.
#[inline]
pub fn fold_self_wake() -> bool {
    OPEN.with(|open| {
        let fold = open.state.get() == OPEN_POLL;
        if fold {
            open.state.set(OPEN_WOKE);
        }
        fold
    })
}

/// Ends a poll at `time`: `ready` if the task finished (`raised`: by an exception), `timed`
/// if the clock was read at its end. A poll that recorded nothing in between and was
/// not timed (its end has its start's time) is written as one [`Kind::Poll`], which says
/// the task's `Finish` too if it finished (and did not raise: that `Finish` has its own record); any other writes its `PollStart` if still open,
/// settles the poll's unsettled records to `time`, and writes `PollEnd`. Returns whether
/// the task's `Finish` is written (the caller records it otherwise).
#[inline]
pub fn poll_ended(time: f64, run: u32, task: u32, ready: bool, raised: bool, timed: bool) -> bool {
    let mut finish_written = false;
    if is_on() {
        with_ring(|ring| {
            let folded = !timed
                && !raised
                && OPEN.with(|open| {
                    let state = open.state.get();
                    if state == CLOSED {
                        return false;
                    }
                    open.state.set(CLOSED);
                    let woke = state == OPEN_WOKE;
                    let b = (u32::from(ready) * POLL_FINISHED) | (u32::from(woke) * POLL_WOKE_ITSELF);
                    let record = Record { time, seq: 0, kind: Kind::Poll as u32, run, task, a: open.n.get(), b };
                    ring.push_events(record, 2 + u32::from(woke) + u32::from(ready));
                    true
                });
            if folded {
                finish_written = ready;
            } else {
                close_poll(ring, time, run, task, ready, timed);
            }
        });
    }
    finish_written
}

/// Records a task's spawn by `parent` (0: none) and its first wake, by that parent (from
/// outside the loop for none), in one slot (see [`Kind::Spawned`]). Inside a poll it is
/// settled by the poll's end, as [`record_unsettled`]; outside, stamped now.
#[inline]
pub fn record_spawned(in_poll: bool, run: u32, task: u32, parent: u32, name: u32) {
    if is_on() {
        let time = if in_poll { f64::NAN } else { clock::now() };
        with_ring(|ring| {
            flush_open(ring);
            if in_poll {
                unsettled_from(ring);
            }
            let record = Record { time, seq: 0, kind: Kind::Spawned as u32, run, task, a: parent, b: name };
            ring.push_events(record, 2);
        });
    }
}

/// Settles the records whose time was left to the end of the work that wrote them (see
/// [`record_unsettled`]) to `time`: for work the loop does that is no task's poll (a
/// callback, see `runtime::call_soon`), which has no `PollEnd` to settle them.
pub fn settle(time: f64) {
    if let Some(from) = UNSETTLED.with(Cell::take) {
        with_ring(|ring| ring.settle_times(from, time));
    }
}

/// [`poll_ended`] for a poll that is not folded.
#[inline(never)]
fn close_poll(ring: &TraceRing, time: f64, run: u32, task: u32, ready: bool, timed: bool) {
    flush_open(ring);
    if let Some(from) = UNSETTLED.with(Cell::take) {
        ring.settle_times(from, time);
    }
    ring.push(Record { time, seq: 0, kind: Kind::PollEnd as u32, run, task, a: ready as u32, b: timed as u32 });
}

/// The id of a text, to put in a record's `a` or `b`.
pub fn text(s: &str) -> u32 {
    if !is_on() {
        return texts::EMPTY;
    }
    with_texts(|t| t.intern(s)).unwrap_or(texts::EMPTY)
}

/// [`text`] for a literal, whose id is kept by its address (a literal never changes): a burst
/// of spawns under one name looks it up once, not once per spawn.
pub fn literal_text(s: &'static str) -> u32 {
    if !is_on() {
        return texts::EMPTY;
    }
    let key = (s.as_ptr() as usize, s.len());
    let (at, len, id) = LAST_LITERAL.with(Cell::get);
    if (at, len) == key {
        return id;
    }
    let id = text(s);
    if id > texts::FULL || s.is_empty() {
        // Kept only when interned: a full table or a failed lookup is counted on each call.
        LAST_LITERAL.with(|last| last.set((key.0, key.1, id)));
    }
    id
}

/// Forgets every text given out (see [`Texts::forget`]) if the table is half full: the loop
/// calls it as a run starts while no other run is live, so that a long session never fills
/// the table, and a reader that resolves a finished run's ids late (the tests do) seldom
/// finds them gone.
pub fn make_room_for_texts() {
    if with_texts(|t| t.held() >= texts::MAX_TEXTS / 2) == Some(true) {
        forget_texts();
    }
}

/// Forgets every text given out (see [`Texts::forget`]).
pub fn forget_texts() {
    with_texts(Texts::forget);
    LAST_LITERAL.with(|last| last.set((0, 0, 0)));
}

/// The text for an id given out by [`text`]; `None` for an unknown id.
pub fn text_of(id: u32) -> Option<String> {
    with_text(id, str::to_owned)
}

/// `f` of the text for an id given out by [`text`], borrowed where it is kept; `None` for an
/// unknown id.
pub fn with_text<T>(id: u32, f: impl FnOnce(&str) -> T) -> Option<T> {
    with_texts(|t| t.get(id).map(f)).flatten()
}

/// Records ever written (slots, the readers' cursor; a folded record is one).
pub fn head() -> u64 {
    with_ring(Ring::head)
}

/// Where the ring's slots start in wasm memory, and how many there are.
pub fn buffer() -> (*const Record, usize) {
    with_ring(|ring| (ring.as_ptr(), ring.capacity()))
}

/// The records written since `cursor` that are still held, and how many were lost.
pub fn since(cursor: u64) -> (Vec<Record>, u64) {
    with_ring(|ring| ring.since(cursor))
}

/// Counts something the instrumentation had to skip instead of panicking.
pub fn note_anomaly() {
    ANOMALIES.with(|a| a.set(a.get() + 1));
}

/// Things skipped so far: odd states, texts that did not fit.
pub fn anomalies() -> u64 {
    ANOMALIES.with(Cell::get) + with_texts(|t| t.dropped()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_gets_the_id_of_its_text_however_often_it_is_looked_up() {
        let worker = literal_text("worker");
        assert_eq!(worker, text("worker"), "the same id as the text's");
        assert_eq!(literal_text("worker"), worker, "kept for the next spawn");
        let patient = literal_text("patient");
        assert_ne!(patient, worker);
        assert_eq!(patient, text("patient"));
        assert_eq!(literal_text("worker"), worker, "after another literal, still its own id");
        set_on(false);
        assert_eq!(literal_text("worker"), texts::EMPTY, "no text while the trace is off");
        set_on(true);
        assert_eq!(literal_text("worker"), worker);
        forget_texts();
        assert_eq!(text_of(worker), None, "forgotten");
        let again = literal_text("worker");
        assert!(again > worker && text_of(again).as_deref() == Some("worker"), "a new id, not the forgotten one");
    }
}
