//! The trace: every thing the loop does, as fixed-size records in a bounded ring in wasm
//! memory, plus interned text. The runtime writes; the page reads the new records once per
//! animation frame through typed-array views (see [`record`] for the layout).
//!
//! Instrumentation never panics the program: the ring is written through `Cell`s (nothing
//! to borrow), the text table is only borrowed inside these functions, never across a poll,
//! and anything odd is counted in [`anomalies`] and skipped.

pub mod clock;
pub mod record;
pub mod ring;
pub mod texts;

use std::cell::{Cell, RefCell};

use record::{Kind, Record};
use ring::Ring;
use texts::Texts;

/// Records the ring holds: 2 MiB of memory, far more than a lesson's run writes.
pub const RING_CAPACITY: usize = 1 << 16;

thread_local! {
    /// Created on first use (the first record, or the page asking where it is).
    static RING: Ring = Ring::new(RING_CAPACITY);
    /// Index of the first record still waiting for its time, if any.
    static UNSETTLED: Cell<Option<u64>> = const { Cell::new(None) };
    static TEXTS: RefCell<Option<Texts>> = const { RefCell::new(None) };
    static TRACING: Cell<bool> = const { Cell::new(true) };
    static ANOMALIES: Cell<u64> = const { Cell::new(0) };
}

/// Runs `f` on the ring.
#[inline]
fn with_ring<T>(f: impl FnOnce(&Ring) -> T) -> T {
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
}

/// Records an event stamped now (see [`clock::stamp`]).
#[inline]
pub fn record(kind: Kind, run: u32, task: u32, a: u32, b: u32) {
    if is_on() {
        record_at(clock::stamp(), kind, run, task, a, b);
    }
}

/// Records an event with a time the caller already read (the loop reads the clock once
/// per poll and shares it between the poll's end and the next poll's start).
#[inline]
pub fn record_at(time: f64, kind: Kind, run: u32, task: u32, a: u32, b: u32) {
    if is_on() {
        with_ring(|ring| ring.push(Record { time, seq: 0, kind: kind as u32, run, task, a, b }));
    }
}

/// Records an event whose time is settled by the next [`record_settling`]: a wake during a poll is
/// stamped with the end of that poll, the earliest the woken task could run, without a
/// clock read of its own.
#[inline]
pub fn record_unsettled(kind: Kind, run: u32, task: u32, a: u32, b: u32) {
    if is_on() {
        with_ring(|ring| {
            if UNSETTLED.with(Cell::get).is_none() {
                UNSETTLED.with(|u| u.set(Some(ring.head())));
            }
            ring.push(Record { time: f64::NAN, seq: 0, kind: kind as u32, run, task, a, b });
        });
    }
}

/// Records an event stamped `time` and gives that time to the records left unsettled
/// since the last call (the loop calls it at each poll's end).
#[inline]
pub fn record_settling(time: f64, kind: Kind, run: u32, task: u32, a: u32, b: u32) {
    if is_on() {
        with_ring(|ring| {
            if let Some(from) = UNSETTLED.with(Cell::take) {
                ring.settle_times(from, time);
            }
            ring.push(Record { time, seq: 0, kind: kind as u32, run, task, a, b });
        });
    }
}

/// The id of a text, to put in a record's `a` or `b`.
pub fn text(s: &str) -> u32 {
    if !is_on() {
        return texts::EMPTY;
    }
    with_texts(|t| t.intern(s)).unwrap_or(texts::EMPTY)
}

/// The text for an id given out by [`text`]; `None` for an unknown id.
pub fn text_of(id: u32) -> Option<String> {
    with_texts(|t| t.get(id).map(str::to_owned)).flatten()
}

/// Records ever written.
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
