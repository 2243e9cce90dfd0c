//! The trace's one record type, its binary layout and the codes in its arguments.
//!
//! The page reads records straight out of wasm memory through typed-array views, so the
//! layout is part of the contract with `www/wire.js` (rendered from [`FIELDS`], [`Kind`],
//! [`WakeCause`] and [`CODES`] by [`crate::js`]): 32 bytes, little endian, 8-aligned.
//!
//! | offset | type | field                                   |
//! |-------:|------|-----------------------------------------|
//! | 0      | f64  | `time`, ms on the runtime clock (*)      |
//! | 8      | u32  | `seq`, global event number (low 32 bits)|
//! | 12     | u32  | `kind`, a [`Kind`]                       |
//! | 16     | u32  | `run`, run id (0 for the loop's records) |
//! | 20     | u32  | `task`, task id (0 when not about a task)|
//! | 24     | u32  | `a`, meaning set by the kind             |
//! | 28     | u32  | `b`, meaning set by the kind             |
//!
//! (*) The real clock (`performance.now()`), except for the records of a virtual run
//! (`runtime::Mode::Virtual`): those carry the run's virtual clock, ms from 0.0 at its
//! `RunStart`, which is lesson time. Tick records (run 0) are always on the real clock.
//!
//! Every record is one event and takes one `seq`, except the folded ones: `Poll`, the short
//! poll of a burst (two to four events in one slot), and `Spawned`, a spawn with its first
//! wake (two), so a burst costs the loop one store per poll and per spawn instead of three
//! and two. A reader turns them back into the records they stand for with
//! [`Record::events`], with the `seq`s they would have had: the stream read is the same as
//! if every event had a slot of its own.

use std::mem::{offset_of, size_of};

/// One thing the loop did. `a` and `b` are explained on each [`Kind`].
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Record {
    /// Milliseconds on the runtime clock, or on its run's virtual clock. Coarse: order
    /// records by `seq`, not by time.
    pub time: f64,
    /// Number of the event in the whole stream, from 0: one per record, except that a
    /// [`Kind::Poll`] stands for two to four and a [`Kind::Spawned`] for two (see
    /// [`Record::events`]).
    pub seq: u32,
    /// A [`Kind`] as its number.
    pub kind: u32,
    /// The run the record belongs to; 0 for the loop's own records (ticks).
    pub run: u32,
    /// The task the record is about; 0 when it is about no task.
    pub task: u32,
    /// First argument; see [`Kind`].
    pub a: u32,
    /// Second argument; see [`Kind`].
    pub b: u32,
}

impl Record {
    /// A record of zeros: what an unwritten slot holds.
    pub const ZERO: Record = Record { time: 0.0, seq: 0, kind: 0, run: 0, task: 0, a: 0, b: 0 };
}

/// Size of one record in bytes; the page's typed-array arithmetic depends on it.
pub const RECORD_BYTES: usize = 32;

/// A field's type on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// A little-endian `f64`, read through a `Float64Array`.
    F64,
    /// A little-endian `u32`, read through a `Uint32Array`.
    U32,
}

impl FieldType {
    /// Its size in bytes.
    pub const fn bytes(self) -> usize {
        match self {
            FieldType::F64 => 8,
            FieldType::U32 => 4,
        }
    }
}

/// One field of [`Record`] as the page reads it.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The field's name in [`Record`].
    pub name: &'static str,
    /// Its type.
    pub ty: FieldType,
    /// Its byte offset in the record, taken from [`Record`] itself.
    pub offset: usize,
}

/// [`Record`]'s fields in memory order, their offsets read off the struct (a test checks that
/// they cover it exactly): what `www/wire.js` gives the page as typed-array indexes.
pub const FIELDS: &[Field] = &[
    Field { name: "time", ty: FieldType::F64, offset: offset_of!(Record, time) },
    Field { name: "seq", ty: FieldType::U32, offset: offset_of!(Record, seq) },
    Field { name: "kind", ty: FieldType::U32, offset: offset_of!(Record, kind) },
    Field { name: "run", ty: FieldType::U32, offset: offset_of!(Record, run) },
    Field { name: "task", ty: FieldType::U32, offset: offset_of!(Record, task) },
    Field { name: "a", ty: FieldType::U32, offset: offset_of!(Record, a) },
    Field { name: "b", ty: FieldType::U32, offset: offset_of!(Record, b) },
];

const _: () = assert!(size_of::<Record>() == RECORD_BYTES, "RECORD_BYTES is the size of a Record");

wire_enum! {
    /// What a record says happened.
    pub enum Kind {
        /// A run began. `a`: lesson id (text id), `b`: variant id (text id).
        RunStart = 1 => "RUN_START",
        /// A run ended. `a`: [`RUN_FINISHED`] or [`RUN_CANCELLED`].
        RunEnd = 2 => "RUN_END",
        /// A task was spawned. `a`: parent task id (0: none), `b`: name (text id).
        Spawn = 3 => "SPAWN",
        /// The loop started polling a task. `a`: poll number, from 1.
        PollStart = 4 => "POLL_START",
        /// The poll returned. `a`: 0 pending (the task suspended), [`POLL_READY`] (it finished).
        /// `b`: [`POLL_TIMED`] if the clock was read at this poll's end; 0 in a burst of short polls timed
        /// per window, where the time is the window's start and the poll took less than
        /// `runtime::queue::SHORT_WINDOW_MS`-ish (the next timed poll says how long the window took).
        PollEnd = 5 => "POLL_END",
        /// A task was woken. `a`: a [`WakeCause`], `b`: the waking task id (0: none).
        Wake = 6 => "WAKE",
        /// A task was dropped before it finished; its pending timers are cleared with it.
        /// `a`: the task that cancelled it (0: its run was cancelled or ended).
        Cancel = 7 => "CANCEL",
        /// A task's future completed. `a`: [`FINISH_RAISED`] if its code ended by raising
        /// an exception (a script's task), else 0.
        Finish = 8 => "FINISH",
        /// A task printed a line, or part of one. `a`: the text (text id), `b`: [`PRINT_STDERR`],
        /// [`PRINT_LOG`] or 0 (stdout), with [`PRINT_UNFINISHED`] for a part the next goes on.
        Print = 9 => "PRINT",
        /// A task started sleeping. `a`: lesson ms asked for, `b`: real ms the timer waits (0
        /// in a virtual run, whose timers wait on its own clock).
        Sleep = 10 => "SLEEP",
        /// The loop began a tick (one drain of the run queue). `a`: tick number, `b`: tasks ready.
        /// A step of a paused run is a tick of its own with exactly one poll in it; `b`: that
        /// run's ready tasks. Ticks belong to the loop, shared by all runs: always on the real clock.
        TickStart = 11 => "TICK_START",
        /// The tick ended. `a`: polls in the tick, `b`: [`TICK_BUDGET_OUT`] if the budget ran out
        /// and the loop continues on a macrotask so the page can render, else 0.
        TickEnd = 12 => "TICK_END",
        /// A task suspended waiting on something. `a`: the [`WakeCause`] that will end the
        /// wait (task, channel, io, external; timer waits are `Sleep`), `b`: the awaited task's
        /// id for a task, else 0.
        Wait = 13 => "WAIT",
        /// The learner paused or resumed a run (`run`; `task` 0). `a`: [`RUN_PAUSED`] or [`RUN_RESUMED`].
        /// While a run is paused its tasks are not polled; their wakes are still recorded.
        Pause = 14 => "PAUSE",
        /// A short poll in a burst that recorded nothing while it ran, in one slot: it stands for
        /// `PollStart` (`a`: poll number), then `Wake` by itself if `b` has [`POLL_WOKE_ITSELF`]
        /// (the task yielded), then `PollEnd` (`a`: 1 if `b` has [`POLL_FINISHED`]; untimed),
        /// then `Finish` if it finished, all at `time`, numbered from `seq` on (one number
        /// each). Never read as such: see [`Record::events`].
        Poll = 15 => "POLL",
        /// A task was spawned and woken for its first poll, in one slot: it stands for `Spawn`
        /// (`a`: parent task id, `b`: name) then `Wake` by its parent (cause `Task`; `External`
        /// with no parent), both at `time` (they are one step of the spawning code: outside a
        /// poll the wake is not stamped apart), numbered `seq` and `seq + 1`. Never read as such:
        /// see [`Record::events`].
        Spawned = 16 => "SPAWNED",
    }
}

codes! {
    /// `RunEnd`'s `a`: the run's root task finished.
    pub const RUN_FINISHED: u32 = 1;
    /// `RunEnd`'s `a`: the run was cancelled (Reset) before it finished.
    pub const RUN_CANCELLED: u32 = 2;
    /// `Pause`'s `a`: the learner paused the run.
    pub const RUN_PAUSED: u32 = 1;
    /// `Pause`'s `a`: the learner resumed the run.
    pub const RUN_RESUMED: u32 = 0;
    /// `PollEnd`'s `a`: the future returned ready (the task finished; 0: pending).
    pub const POLL_READY: u32 = 1;
    /// `PollEnd`'s `b`: the clock was read at the poll's end (0: untimed, in a burst).
    pub const POLL_TIMED: u32 = 1;
    /// `Poll`'s `b` bit: the task finished (its `PollEnd`'s `a` is 1, and a `Finish` follows).
    pub const POLL_FINISHED: u32 = 1;
    /// `Poll`'s `b` bit: the task woke itself during the poll (a `Wake` record comes between).
    pub const POLL_WOKE_ITSELF: u32 = 2;
    /// `TickEnd`'s `b`: the budget ran out; the loop continues on a macrotask (0: it drained).
    pub const TICK_BUDGET_OUT: u32 = 1;
    /// `Finish`'s `a`: the task's code raised an exception that nothing caught (0: it returned).
    pub const FINISH_RAISED: u32 = 1;
    /// `Print`'s `b`: the line went to stderr (0: stdout).
    pub const PRINT_STDERR: u32 = 1;
    /// `Print`'s `b`: the line went to stderr from `logging`: a record, not an error.
    pub const PRINT_LOG: u32 = 2;
    /// `Print`'s `b` bit, beside the stream: the line is not finished. The program wrote part
    /// of it (`print(".", end="")`); the run's next `Print` on the same stream goes on with it,
    /// and the line's time is its first part's.
    pub const PRINT_UNFINISHED: u32 = 4;
}

impl Record {
    /// How many events (`seq` numbers) this record stands for.
    #[inline]
    pub fn span(&self) -> u32 {
        if self.kind == Kind::Poll as u32 {
            2 + u32::from(self.b & POLL_WOKE_ITSELF != 0) + u32::from(self.b & POLL_FINISHED != 0)
        } else if self.kind == Kind::Spawned as u32 {
            2
        } else {
            1
        }
    }

    /// The events this record stands for, as records of one event each: itself, or the
    /// records a [`Kind::Poll`] or a [`Kind::Spawned`] folds together. Readers see the
    /// stream as if nothing were folded.
    pub fn events(self) -> impl Iterator<Item = Record> {
        if self.kind != Kind::Poll as u32 && self.kind != Kind::Spawned as u32 {
            return [Some(self), None, None, None].into_iter().flatten();
        }
        // At most four, in a fixed array: no allocation per record read.
        let mut events = [None; 4];
        let mut n = 0;
        let mut emit = |kind: Kind, a: u32, b: u32| {
            events[n] = Some(Record { seq: self.seq.wrapping_add(n as u32), kind: kind as u32, a, b, ..self });
            n += 1;
        };
        if self.kind == Kind::Poll as u32 {
            let finished = self.b & POLL_FINISHED;
            emit(Kind::PollStart, self.a, 0);
            if self.b & POLL_WOKE_ITSELF != 0 {
                emit(Kind::Wake, WakeCause::SelfWake as u32, self.task);
            }
            emit(Kind::PollEnd, finished, 0);
            if finished != 0 {
                emit(Kind::Finish, 0, 0);
            }
        } else {
            let (cause, by) = spawned_wake(self.a);
            emit(Kind::Spawn, self.a, self.b);
            emit(Kind::Wake, cause as u32, by);
        }
        events.into_iter().flatten()
    }
}

/// The cause and waker of the first wake a [`Kind::Spawned`] by `parent` stands for: the
/// parent, or the outside for a task with none. The loop folds a spawn's wake into its record
/// only when the wake would record exactly this.
pub fn spawned_wake(parent: u32) -> (WakeCause, u32) {
    if parent == 0 {
        (WakeCause::External, 0)
    } else {
        (WakeCause::Task, parent)
    }
}

wire_enum! {
    /// Why a task was woken: what the page writes beside a wake arrow. The page knows each by
    /// its lowercase name.
    pub enum WakeCause {
        /// A timer fired (`sleep`).
        Timer = 1 => "timer",
        /// Another task, while it was being polled (for example by finishing a joined task).
        Task = 2 => "task",
        /// A channel: a message was sent or the other side closed.
        Channel = 3 => "channel",
        /// The task woke itself while being polled (a yield).
        SelfWake = 4 => "self",
        /// A simulated I/O source (a socket's event).
        Io = 5 => "io",
        /// Anything outside the loop: a JS callback, a promise.
        External = 6 => "external",
        /// The task holds its run past the time slice without awaiting (a script's long
        /// computation, `while True: pass`): it goes on first at the next slice, and its polls
        /// until it awaits are one stretch of work, as in CPython, where it never let go.
        Hold = 7 => "hold",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_thirty_two_bytes_with_time_first() {
        assert_eq!(std::mem::size_of::<Record>(), RECORD_BYTES);
        assert_eq!(std::mem::align_of::<Record>(), 8);
        let r = Record { time: 1.5, seq: 7, kind: Kind::Print as u32, run: 2, task: 3, a: 4, b: 5 };
        // SAFETY: Record is repr(C) plain data with no padding (8 + 6 * 4 = 32 bytes).
        let bytes: [u8; RECORD_BYTES] = unsafe { std::mem::transmute(r) };
        assert_eq!(&bytes[0..8], &1.5f64.to_le_bytes());
        let word = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap());
        assert_eq!([word(8), word(12), word(16), word(20), word(24), word(28)], [7, 9, 2, 3, 4, 5]);
    }

    #[test]
    fn the_field_table_covers_the_record_in_order() {
        let mut end = 0;
        for field in FIELDS {
            assert_eq!(field.offset, end, "{} follows the previous field with no gap", field.name);
            assert_eq!(field.offset % field.ty.bytes(), 0, "{} is aligned", field.name);
            end += field.ty.bytes();
        }
        assert_eq!(end, RECORD_BYTES, "the fields fill the record");
        let names: Vec<_> = FIELDS.iter().map(|f| f.name).collect();
        assert_eq!(names, ["time", "seq", "kind", "run", "task", "a", "b"]);
    }

    #[test]
    fn every_kind_and_cause_has_its_own_number_and_name() {
        for entries in [Kind::ENTRIES, WakeCause::ENTRIES] {
            for (i, e) in entries.iter().enumerate() {
                assert!(e.value != 0, "{}: 0 is an unwritten slot's kind and no cause", e.name);
                assert!(!e.doc.is_empty(), "{} has a doc for the page", e.name);
                for other in &entries[i + 1..] {
                    assert!(e.value != other.value && e.name != other.name, "{} and {}", e.name, other.name);
                }
            }
        }
        assert_eq!(Kind::ENTRIES.len(), 16);
        assert_eq!(Kind::ENTRIES[Kind::Spawned as usize - 1].name, "SPAWNED");
        assert_eq!(WakeCause::ENTRIES[WakeCause::SelfWake as usize - 1].name, "self");
    }

    fn fields(r: &Record) -> (u32, u32, u32, u32, u32) {
        (r.seq, r.kind, r.task, r.a, r.b)
    }

    #[test]
    fn a_folded_poll_reads_as_the_records_it_stands_for() {
        let poll = |b| Record { time: 2.5, seq: 10, kind: Kind::Poll as u32, run: 1, task: 7, a: 3, b };
        let yielded: Vec<Record> = poll(POLL_WOKE_ITSELF).events().collect();
        assert_eq!(
            yielded.iter().map(fields).collect::<Vec<_>>(),
            [(10, 4, 7, 3, 0), (11, 6, 7, WakeCause::SelfWake as u32, 7), (12, 5, 7, 0, 0)]
        );
        assert!(yielded.iter().all(|r| r.time == 2.5 && r.run == 1));
        assert_eq!(poll(POLL_WOKE_ITSELF).span(), 3);
        let finished: Vec<Record> = poll(POLL_FINISHED).events().collect();
        assert_eq!(
            finished.iter().map(fields).collect::<Vec<_>>(),
            [(10, 4, 7, 3, 0), (11, 5, 7, 1, 0), (12, 8, 7, 0, 0)]
        );
        assert_eq!(poll(POLL_FINISHED).span(), 3);
        assert_eq!(poll(POLL_FINISHED | POLL_WOKE_ITSELF).span(), 4);
        assert_eq!(poll(0).span(), 2);
        let spawned =
            |parent| Record { time: 1.5, seq: 20, kind: Kind::Spawned as u32, run: 1, task: 8, a: parent, b: 9 };
        let by_parent: Vec<Record> = spawned(7).events().collect();
        assert_eq!(
            by_parent.iter().map(fields).collect::<Vec<_>>(),
            [(20, 3, 8, 7, 9), (21, 6, 8, WakeCause::Task as u32, 7)]
        );
        assert!(by_parent.iter().all(|r| r.time == 1.5 && r.run == 1));
        let root: Vec<Record> = spawned(0).events().collect();
        assert_eq!(
            root.iter().map(fields).collect::<Vec<_>>(),
            [(20, 3, 8, 0, 9), (21, 6, 8, WakeCause::External as u32, 0)]
        );
        assert_eq!(spawned(7).span(), 2);
        let print = Record { seq: 4, kind: Kind::Print as u32, ..Record::default() };
        assert_eq!(print.events().collect::<Vec<_>>(), [print]);
        assert_eq!(print.span(), 1);
    }
}
