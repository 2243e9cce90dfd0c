//! A fixed-size ring of records: the trace's memory never grows, however long a run lasts.
//!
//! Readers (the page, tests) keep their own cursor, the count of records they have seen,
//! and read `cursor..head`. A reader that fell more than `capacity` records behind has lost
//! the oldest ones; [`Ring::since`] tells it how many, so it can say so instead of guessing.

use std::cell::Cell;

use super::record::Record;

/// Records in a ring: fixed capacity, a power of two, overwritten oldest first.
///
/// Slots and head are `Cell`s, so the loop writes through a shared reference: a record
/// costs a store, with no borrow to take and give back (it is written three times a poll).
pub struct Ring {
    slots: Box<[Cell<Record>]>,
    head: Cell<u64>,
}

impl Ring {
    /// A ring of `capacity` slots, rounded up to a power of two (at least 2).
    pub fn new(capacity: usize) -> Ring {
        let capacity = capacity.max(2).next_power_of_two();
        Ring { slots: vec![Cell::new(Record::default()); capacity].into_boxed_slice(), head: Cell::new(0) }
    }

    /// The slot of record number `i`.
    #[inline]
    fn slot(&self, i: u64) -> &Cell<Record> {
        let index = (i as usize) & (self.slots.len() - 1);
        // SAFETY: `slots.len()` is a power of two (at least 2, fixed by `new`, never resized),
        // so masking with `len - 1` gives an index below `len`.
        unsafe { self.slots.get_unchecked(index) }
    }

    /// Appends a record, stamping its `seq`; overwrites the oldest record when full.
    #[inline]
    pub fn push(&self, mut record: Record) {
        let head = self.head.get();
        record.seq = head as u32;
        self.slot(head).set(record);
        self.head.set(head + 1);
    }

    /// Sets the time of the records from `from` on whose time is NaN (not yet known).
    #[inline]
    pub fn settle_times(&self, from: u64, time: f64) {
        let head = self.head.get();
        for i in from.max(head.saturating_sub(self.slots.len() as u64))..head {
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
        self.slots.len()
    }

    /// Where the slots start in memory; stable for the ring's life (it never reallocates).
    pub fn as_ptr(&self) -> *const Record {
        // `Cell<Record>` has the layout of `Record`.
        self.slots.as_ptr().cast()
    }

    /// The records written since `cursor` that are still held, and how many were lost
    /// because they had already been overwritten.
    pub fn since(&self, cursor: u64) -> (Vec<Record>, u64) {
        let head = self.head.get();
        let oldest = head.saturating_sub(self.slots.len() as u64);
        let start = cursor.clamp(oldest, head);
        let records = (start..head).map(|i| self.slot(i).get()).collect();
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
        let ring = Ring::new(4);
        ring.push(Record { time: 1.0, ..rec(1) });
        ring.push(Record { time: f64::NAN, ..rec(2) });
        ring.settle_times(0, 5.0);
        let times: Vec<f64> = ring.since(0).0.iter().map(|r| r.time).collect();
        assert_eq!(times, [1.0, 5.0]);
    }

    #[test]
    fn capacity_is_rounded_up_to_a_power_of_two() {
        assert_eq!(Ring::new(1000).capacity(), 1024);
        assert_eq!(Ring::new(0).capacity(), 2);
    }

    #[test]
    fn a_reader_gets_every_record_in_order_while_it_keeps_up() {
        let ring = Ring::new(4);
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
        let ring = Ring::new(4);
        for t in 0..10 {
            ring.push(rec(t));
        }
        let (got, lost) = ring.since(1);
        assert_eq!(got.iter().map(|r| r.task).collect::<Vec<_>>(), [6, 7, 8, 9]);
        assert_eq!(lost, 5);
        assert_eq!(ring.head(), 10);
    }
}
