//! A fixed-size ring of records: the trace's memory never grows, however long a run lasts.
//!
//! Readers (the page, tests) keep their own cursor, the count of records they have seen,
//! and read `cursor..head`. A reader that fell more than `capacity` records behind has lost
//! the oldest ones; [`Ring::since`] tells it how many, so it can say so instead of guessing.

use std::cell::Cell;

use super::record::Record;

/// Records in a ring of `N` slots (a power of two), overwritten oldest first.
///
/// Slots and head are `Cell`s, so the loop writes through a shared reference: a record
/// costs a store, with no borrow to take and give back (it is written at least once a poll).
///
/// A slot is a record; `seq` counts events, which a folded record has several of (see
/// [`Record::span`]): the ring numbers them as it stores them.
///
/// The slots are an array, not a heap allocation: the trace's ring is a static whose address
/// the compiler knows, so a record's store needs no pointer loaded first, and nothing is set
/// up on first use.
pub struct Ring<const N: usize> {
    slots: [Cell<Record>; N],
    head: Cell<u64>,
    seq: Cell<u32>,
}

impl<const N: usize> Default for Ring<N> {
    fn default() -> Self {
        Ring::new()
    }
}

impl<const N: usize> Ring<N> {
    /// An empty ring (const: it can be a static). `N` must be a power of two, at least 2.
    pub const fn new() -> Ring<N> {
        assert!(N >= 2 && N.is_power_of_two(), "a ring's size is a power of two");
        Ring { slots: [const { Cell::new(Record::ZERO) }; N], head: Cell::new(0), seq: Cell::new(0) }
    }

    /// The slot of record number `i`.
    #[inline]
    fn slot(&self, i: u64) -> &Cell<Record> {
        // In bounds: N is a power of two, so masking with N - 1 gives an index below N.
        &self.slots[(i as usize) & (N - 1)]
    }

    /// Appends a record of one event, stamping its `seq`; overwrites the oldest record when
    /// full.
    #[inline]
    pub fn push(&self, record: Record) {
        self.push_events(record, 1);
    }

    /// Appends a record that stands for `events` events (its [`Record::span`]): the next
    /// record's `seq` is that many further on.
    #[inline]
    pub fn push_events(&self, mut record: Record, events: u32) {
        let (head, seq) = (self.head.get(), self.seq.get());
        record.seq = seq;
        self.slot(head).set(record);
        self.head.set(head + 1);
        self.seq.set(seq.wrapping_add(events));
    }

    /// Sets the time of the records from `from` on whose time is NaN (not yet known).
    #[inline]
    pub fn settle_times(&self, from: u64, time: f64) {
        let head = self.head.get();
        for i in from.max(head.saturating_sub(N as u64))..head {
            let slot = self.slot(i);
            if slot.get().time.is_nan() {
                slot.set(Record { time, ..slot.get() });
            }
        }
    }

    /// Records ever written.
    pub fn head(&self) -> u64 {
        self.head.get()
    }

    /// Number of slots.
    pub fn capacity(&self) -> usize {
        N
    }

    /// Where the slots start in memory; stable for the ring's life (it never reallocates).
    pub fn as_ptr(&self) -> *const Record {
        // `Cell<Record>` has the layout of `Record`.
        self.slots.as_ptr().cast()
    }

    /// The records written since `cursor` (a count of records, as [`Ring::head`]) that are
    /// still held, each folded record read as the events it stands for, and how many records
    /// were lost because they had already been overwritten.
    pub fn since(&self, cursor: u64) -> (Vec<Record>, u64) {
        let head = self.head.get();
        let oldest = head.saturating_sub(N as u64);
        let start = cursor.clamp(oldest, head);
        let records = (start..head).flat_map(|i| self.slot(i).get().events()).collect();
        (records, start - cursor.min(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(task: u32) -> Record {
        Record { task, ..Record::default() }
    }

    #[test]
    fn records_written_without_a_time_get_the_time_settled_later() {
        let ring = Ring::<4>::new();
        ring.push(Record { time: 1.0, ..rec(1) });
        ring.push(Record { time: f64::NAN, ..rec(2) });
        ring.settle_times(0, 5.0);
        let times: Vec<f64> = ring.since(0).0.iter().map(|r| r.time).collect();
        assert_eq!(times, [1.0, 5.0]);
    }

    #[test]
    fn a_folded_record_takes_the_seqs_of_its_events_and_is_read_as_them() {
        use crate::trace::record::{Kind, POLL_WOKE_ITSELF};
        let ring = Ring::<4>::new();
        ring.push(rec(1));
        ring.push_events(Record { kind: Kind::Poll as u32, b: POLL_WOKE_ITSELF, ..rec(2) }, 3);
        ring.push(rec(3));
        assert_eq!(ring.head(), 3, "three slots");
        let (got, _) = ring.since(0);
        let seen: Vec<(u32, u32)> = got.iter().map(|r| (r.seq, r.task)).collect();
        assert_eq!(seen, [(0, 1), (1, 2), (2, 2), (3, 2), (4, 3)]);
    }

    #[test]
    fn a_reader_gets_every_record_in_order_while_it_keeps_up() {
        let ring = Ring::<4>::new();
        for t in 1..=3 {
            ring.push(rec(t));
        }
        let (got, lost) = ring.since(0);
        assert_eq!(got.iter().map(|r| (r.seq, r.task)).collect::<Vec<_>>(), [(0, 1), (1, 2), (2, 3)]);
        assert_eq!(lost, 0);
        assert!(ring.since(3).0.is_empty());
    }

    #[test]
    fn a_reader_that_fell_behind_is_told_how_many_records_it_lost() {
        let ring = Ring::<4>::new();
        for t in 0..10 {
            ring.push(rec(t));
        }
        let (got, lost) = ring.since(1);
        assert_eq!(got.iter().map(|r| r.task).collect::<Vec<_>>(), [6, 7, 8, 9]);
        assert_eq!(lost, 5);
        assert_eq!(ring.head(), 10);
    }
}
