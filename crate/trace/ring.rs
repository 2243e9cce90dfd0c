//! A fixed-size ring of records: the trace's memory never grows, however long a run lasts.
//!
//! Readers (the page, tests) keep their own cursor, the count of records they have seen,
//! and read `cursor..head`. A reader that fell more than `capacity` records behind has lost
//! the oldest ones; [`Ring::since`] tells it how many, so it can say so instead of guessing.

use super::record::Record;

/// Records in a ring: fixed capacity, a power of two, overwritten oldest first.
pub struct Ring {
    slots: Vec<Record>,
    head: u64,
}

impl Ring {
    /// A ring of `capacity` slots, rounded up to a power of two (at least 2).
    pub fn new(capacity: usize) -> Ring {
        let capacity = capacity.max(2).next_power_of_two();
        Ring { slots: vec![Record::default(); capacity], head: 0 }
    }

    /// Appends a record, stamping its `seq`; overwrites the oldest record when full.
    #[inline]
    pub fn push(&mut self, mut record: Record) {
        record.seq = self.head as u32;
        let mask = self.slots.len() - 1;
        self.slots[(self.head as usize) & mask] = record;
        self.head += 1;
    }

    /// Sets the time of the records from `from` on whose time is NaN (not yet known).
    pub fn settle_times(&mut self, from: u64, time: f64) {
        let mask = self.slots.len() - 1;
        for i in from.max(self.head.saturating_sub(self.slots.len() as u64))..self.head {
            let slot = &mut self.slots[(i as usize) & mask];
            if slot.time.is_nan() {
                slot.time = time;
            }
        }
    }

    /// Records ever written.
    pub fn head(&self) -> u64 {
        self.head
    }

    /// Number of slots.
    pub fn capacity(&self) -> usize {
        self.slots.len()
    }

    /// Where the slots start in memory; stable for the ring's life (it never reallocates).
    pub fn as_ptr(&self) -> *const Record {
        self.slots.as_ptr()
    }

    /// The records written since `cursor` that are still held, and how many were lost
    /// because they had already been overwritten.
    pub fn since(&self, cursor: u64) -> (Vec<Record>, u64) {
        let oldest = self.head.saturating_sub(self.slots.len() as u64);
        let start = cursor.clamp(oldest, self.head);
        let mask = self.slots.len() - 1;
        let records = (start..self.head).map(|i| self.slots[(i as usize) & mask]).collect();
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
        let mut ring = Ring::new(4);
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
        let mut ring = Ring::new(4);
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
        let mut ring = Ring::new(4);
        for t in 0..10 {
            ring.push(rec(t));
        }
        let (got, lost) = ring.since(1);
        assert_eq!(got.iter().map(|r| r.task).collect::<Vec<_>>(), [6, 7, 8, 9]);
        assert_eq!(lost, 5);
        assert_eq!(ring.head(), 10);
    }
}
