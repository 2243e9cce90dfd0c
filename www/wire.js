// The wire contract between the crate and the page: the trace record's layout, its kinds, wake
// causes and argument codes, and the bounds the crate checks a run's inputs against. The docs
// name kinds as the crate does (`PollEnd` is KIND.POLL_END).
//
// Generated from crate/wire/ (crate loopscope-wire); do not edit: change the Rust there and run
// `make build`, which regenerates this file. `cargo test` fails while it differs from the crate.

/** Bytes in one record: little endian, 8-aligned, records back to back in the ring. */
export const RECORD_BYTES = 32;
/** f64 slots per record (a Float64Array view's stride). */
export const RECORD_F64 = 4;
/** u32 slots per record (a Uint32Array view's stride). */
export const RECORD_U32 = 8;

// Each field's index from its record's first slot, in the typed-array view of its type:
//   f64[0] time · u32[2] seq · u32[3] kind · u32[4] run · u32[5] task · u32[6] a · u32[7] b
export const TIME_F64 = 0;
export const SEQ_U32 = 2;
export const KIND_U32 = 3;
export const RUN_U32 = 4;
export const TASK_U32 = 5;
export const A_U32 = 6;
export const B_U32 = 7;

/** What a record says happened: its `kind`. */
export const KIND = Object.freeze({
  /** A run began. `a`: lesson id (text id), `b`: variant id (text id). */
  RUN_START: 1,
  /** A run ended. `a`: `RUN_FINISHED` or `RUN_CANCELLED`. */
  RUN_END: 2,
  /** A task was spawned. `a`: parent task id (0: none), `b`: name (text id). */
  SPAWN: 3,
  /** The loop started polling a task. `a`: poll number, from 1. */
  POLL_START: 4,
  /**
   * The poll returned. `a`: 0 pending (the task suspended), `POLL_READY` (it finished).
   * `b`: `POLL_TIMED` if the clock was read at this poll's end; 0 in a burst of short polls timed
   * per window, where the time is the window's start and the poll took less than
   * `runtime::queue::SHORT_WINDOW_MS`-ish (the next timed poll says how long the window took).
   */
  POLL_END: 5,
  /** A task was woken. `a`: a `WakeCause`, `b`: the waking task id (0: none). */
  WAKE: 6,
  /**
   * A task was dropped before it finished; its pending timers are cleared with it.
   * `a`: the task that cancelled it (0: its run was cancelled or ended).
   */
  CANCEL: 7,
  /**
   * A task's future completed. `a`: `FINISH_RAISED` if its code ended by raising
   * an exception (a script's task), else 0.
   */
  FINISH: 8,
  /**
   * A task printed a line, or part of one. `a`: the text (text id), `b`: `PRINT_STDERR`,
   * `PRINT_LOG` or 0 (stdout), with `PRINT_UNFINISHED` for a part the next goes on.
   */
  PRINT: 9,
  /**
   * A task started sleeping. `a`: lesson ms asked for, `b`: real ms the timer waits (0
   * in a virtual run, whose timers wait on its own clock).
   */
  SLEEP: 10,
  /**
   * The loop began a tick (one drain of the run queue). `a`: tick number, `b`: tasks ready.
   * A step of a paused run is a tick of its own with exactly one poll in it; `b`: that
   * run's ready tasks. Ticks belong to the loop, shared by all runs: always on the real clock.
   */
  TICK_START: 11,
  /**
   * The tick ended. `a`: polls in the tick, `b`: `TICK_BUDGET_OUT` if the budget ran out
   * and the loop continues on a macrotask so the page can render, else 0.
   */
  TICK_END: 12,
  /**
   * A task suspended waiting on something. `a`: the `WakeCause` that will end the
   * wait (task, channel, io, external; timer waits are `Sleep`), `b`: the awaited task's
   * id for a task, else 0.
   */
  WAIT: 13,
  /**
   * The learner paused or resumed a run (`run`; `task` 0). `a`: `RUN_PAUSED` or `RUN_RESUMED`.
   * While a run is paused its tasks are not polled; their wakes are still recorded.
   */
  PAUSE: 14,
  /**
   * A short poll in a burst that recorded nothing while it ran, in one slot: it stands for
   * `PollStart` (`a`: poll number), then `Wake` by itself if `b` has `POLL_WOKE_ITSELF`
   * (the task yielded), then `PollEnd` (`a`: 1 if `b` has `POLL_FINISHED`; untimed),
   * then `Finish` if it finished, all at `time`, numbered from `seq` on (one number
   * each). Never read as such: see `Record::events`.
   */
  POLL: 15,
  /**
   * A task was spawned and woken for its first poll, in one slot: it stands for `Spawn`
   * (`a`: parent task id, `b`: name) then `Wake` by its parent (cause `Task`; `External`
   * with no parent), both at `time` (they are one step of the spawning code: outside a
   * poll the wake is not stamped apart), numbered `seq` and `seq + 1`. Never read as such:
   * see `Record::events`.
   */
  SPAWNED: 16,
});

/** Why a task was woken: a WAKE's `a` (and a WAIT's), by the cause's name. */
export const WAKE_CODE = Object.freeze({
  /** A timer fired (`sleep`). */
  timer: 1,
  /** Another task, while it was being polled (for example by finishing a joined task). */
  task: 2,
  /** A channel: a message was sent or the other side closed. */
  channel: 3,
  /** The task woke itself while being polled (a yield). */
  self: 4,
  /** A simulated I/O source (a socket's event). */
  io: 5,
  /** Anything outside the loop: a JS callback, a promise. */
  external: 6,
  /**
   * The task holds its run past the time slice without awaiting (a script's long
   * computation, `while True: pass`): it goes on first at the next slice, and its polls
   * until it awaits are one stretch of work, as in CPython, where it never let go.
   */
  hold: 7,
});

/** WAKE_CODE turned around: a WAKE's or a WAIT's `a` → the cause's name. */
export const WAKE_CAUSE = Object.freeze({
  1: 'timer', 2: 'task', 3: 'channel', 4: 'self', 5: 'io', 6: 'external', 7: 'hold',
});

// What the codes in a record's `a` and `b` mean, by kind.
/** `RunEnd`'s `a`: the run's root task finished. */
export const RUN_FINISHED = 1;
/** `RunEnd`'s `a`: the run was cancelled (Reset) before it finished. */
export const RUN_CANCELLED = 2;
/** `Pause`'s `a`: the learner paused the run. */
export const RUN_PAUSED = 1;
/** `Pause`'s `a`: the learner resumed the run. */
export const RUN_RESUMED = 0;
/** `PollEnd`'s `a`: the future returned ready (the task finished; 0: pending). */
export const POLL_READY = 1;
/** `PollEnd`'s `b`: the clock was read at the poll's end (0: untimed, in a burst). */
export const POLL_TIMED = 1;
/** `Poll`'s `b` bit: the task finished (its `PollEnd`'s `a` is 1, and a `Finish` follows). */
export const POLL_FINISHED = 1;
/** `Poll`'s `b` bit: the task woke itself during the poll (a `Wake` record comes between). */
export const POLL_WOKE_ITSELF = 2;
/** `TickEnd`'s `b`: the budget ran out; the loop continues on a macrotask (0: it drained). */
export const TICK_BUDGET_OUT = 1;
/** `Finish`'s `a`: the task's code raised an exception that nothing caught (0: it returned). */
export const FINISH_RAISED = 1;
/** `Print`'s `b`: the line went to stderr (0: stdout). */
export const PRINT_STDERR = 1;
/** `Print`'s `b`: the line went to stderr from `logging`: a record, not an error. */
export const PRINT_LOG = 2;
/**
 * `Print`'s `b` bit, beside the stream: the line is not finished. The program wrote part
 * of it (`print(".", end="")`); the run's next `Print` on the same stream goes on with it,
 * and the line's time is its first part's.
 */
export const PRINT_UNFINISHED = 4;

// The bounds the crate checks a run's inputs against.
/** Slowest speed a run accepts (1 = real time). */
export const SPEED_MIN = 0.1;
/** Fastest speed a run accepts. */
export const SPEED_MAX = 1000;
/** Longest script (the learner's Python) the crate runs, in bytes of UTF-8. */
export const MAX_SCRIPT_BYTES = 100000;
