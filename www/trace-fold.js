// Reads the runtime's trace records from the ring and folds them into a plain JS model. Pure:
// no DOM, no wasm calls (the caller passes typed-array views and a text lookup), so it can be
// tested in Node. The records' layout is in trace-records.js; what the model keeps of old
// detail is bounded by trace-lod.js.
//
// Each record is folded in O(1) amortised, and exact numbers never depend on the detail kept:
// each task keeps running counts and sums (`task.sums`: polls, wakes, self-wakes, busy / idle /
// ready ms, longest poll), the model counts every tick (`tickCount`), each run every print,
// sleep and pause (`printCount`, `sleepCount`, `pauseCount`) and its loop passes (`passes`,
// see countPass), and the wait counter behind maxConcurrentWaits is kept as records arrive.
// Prints, sleeps and pauses keep the newest LOD.PRINTS_KEEP / SLEEPS_KEEP / PAUSES_KEEP (older
// ones are dropped; their counts stay exact).
//
// Long polls (timed, at least LONG_POLL_BOUNDS_MS[0]) are also kept in a side list per run, one
// bucket per duration band (1-2-5 ms series), the newest LONG_POLLS_KEEP per bucket, so a flood
// of 2 ms polls never pushes a 60 ms hog out, and merging never hides one.

import {
  A_U32, B_U32, FINISH_RAISED, KIND, KIND_U32, POLL_FINISHED, POLL_READY, POLL_TIMED, POLL_WOKE_ITSELF, PRINT_LOG, PRINT_STDERR, PRINT_UNFINISHED, RECORD_F64,
  RECORD_U32, RUN_CANCELLED, RUN_PAUSED, RUN_U32, TASK_U32, TICK_BUDGET_OUT, TIME_F64, WAKE_CODE, causeOf,
} from './trace-records.js';
import {
  LOD, NO_SLEEPS, OPEN, boundPolls, boundTicks, boundWakes, emptyPools, newPoll, newReady, newTick, newWait, newWake, pushSlice,
} from './trace-lod.js';

/** Lower bounds (ms) of the long-poll bands; a timed poll shorter than the first is not kept. */
export const LONG_POLL_BOUNDS_MS = Object.freeze([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]);

/**
 * An empty model. `cursor` is the global index of the next record to read: the page sets it to
 * traceHead() just before starting a run, so older runs' records are never folded in.
 * `t0` (runtime ms) is the origin of lesson time until the run's RUN_START replaces it.
 * `virtual`: the run uses virtual time, its records are stamped in virtual ms from 0 and lesson
 * time is record time (no t0, no speed).
 */
export function createModel({ runId = null, cursor = 0, speed = 1, t0 = 0, virtual = false } = {}) {
  emptyPools();
  return {
    runId, cursor, speed, t0, virtual: Boolean(virtual),
    skipped: 0, // records lost to ring overrun (the reader fell behind)
    anomalies: 0, // records that did not fit the task life cycle; counted, never thrown
    runs: new Map(), // run id → run (see newRun)
    ticks: [], // loop lane: {start, end, n, ready, polls, budgetOut} (+ merged fields, see trace-lod.js)
    tickCount: 0, // every TICK_START folded, merged or not
    // Time of the shown run's latest record (of any run's while none is shown): a virtual run's
    // "now". Ticks do not count: they are on the real clock even in a virtual run.
    lastTime: null,
    lod: {
      keep: LOD.KEEP_START, coarse: LOD.COARSE_START,
      stored: 0, // slices held by all tasks
      tasks: 0, // tasks of all runs (what the slice pools are sized by)
      limit: LOD.STORED_MAX,
      sweeps: 0, // global compactions so far
      sweep: null, // the compaction under way: {runs, run, next} (see trace-lod.js)
    },
  };
}

function newRun(id) {
  return {
    id, lesson: '', variant: '', start: null,
    end: null, // {time, kind: 'finished' | 'cancelled'}
    lastTime: null, // time of its latest record
    tasks: new Map(), // task id → task (see newTask)
    order: [], // task ids in spawn order: the lane order
    prints: [], // {time, task, name, text, stream}: the newest PRINTS_KEEP (stream 0 stdout, 1 stderr, 2 a log record on stderr)
    printCount: 0, // every print; prints[i] is print number printCount - prints.length + i
    // The line of standard output and of standard error the program is writing: the print
    // whose text the next part goes on (see PRINT_UNFINISHED), or null; and how many parts
    // were added to printed lines so far (a view redraws the line that grew).
    openLines: [null, null], printParts: 0,
    sleeps: [], // {time, task, lessonMs, realMs}: the newest SLEEPS_KEEP
    sleepCount: 0,
    // Runtime ms the run's tasks spent in plain sleeps, added up: only time really waited (a
    // cancelled sleep counts up to its cancel; a race with a task is a wait on that task), and
    // how many tasks slept.
    sleptMs: 0, sleepers: 0,
    readied: 0, // times a task joined the ready queue (see task.readyOrder)
    // Passes of asyncio's loop that ran tasks (see countPass), and `readied` when the current
    // pass began: a task queued after that runs in the next pass.
    passes: 0, passEnd: 0,
    pauses: [], // {start, end}: end null while paused; the newest PAUSES_KEEP
    pauseCount: 0,
    paused: false,
    // Open waits now, and the most open at once before `waitingAt` (see maxConcurrentWaits).
    waiting: 0, waitingMax: 0, waitingAt: -Infinity,
    // Timed polls of at least LONG_POLL_BOUNDS_MS[0]: {min, count, polls: [{task, name, n,
    // start, durationMs}]} per band, the newest LONG_POLLS_KEEP of each.
    longPolls: LONG_POLL_BOUNDS_MS.map((min) => ({ min, count: 0, polls: [] })),
    longPollCount: 0, // every long poll kept so far: a cheap "did the list change" for views
    // Tasks per life-cycle class (see lifeClass), kept as records arrive, so a view of
    // 10,000 tasks reads its totals in O(1) instead of scanning them every frame.
    counts: { busy: 0, ready: 0, waiting: 0, ended: 0 },
    endMarks: 0, // tasks given their end mark so far: a cheap "did any task end" for views
  };
}

function newTask(id, name, parent, time, depth = 0) {
  return {
    id, name, parent, spawned: time,
    depth, // in the spawn tree (0: a root), fixed at spawn: lanes never walk the tree again
    // Slices (trace-lod.js), in time order; a span's end is OPEN while it is open.
    polls: [], // {start, end, n, timed}: timed = false inside a burst (end = window start)
    // {start, end, on, sleepMs, sleeps, waitFor, endCause, endBy}: `sleeps` = lesson ms of
    // every SLEEP made in the poll before the wait when it made two or more (a race may arm
    // several timers), else null (a merged wait: NO_SLEEPS, with sleepMs null); sleepMs = the
    // shortest, the one that fires first (null: no SLEEP); `waitFor` = {cause, task} from the
    // WAIT record (13), or null; `on` = 'sleep' | wake cause | null (unknown until a wake says
    // what ended it);
    // endCause, endBy: the cause and waker of the wake that ended it (null, 0: none, or open).
    waits: [],
    readies: [], // {start, end, cause, by}: woken (or spawned) but not polled yet
    wakes: [], // {time, cause, by}
    end: null, // {time, kind: 'finished' | 'cancelled'}
    state: 'ready', // a spawned task sits in the run queue until its first poll
    // The SLEEPs made during the current poll: the first one's lesson ms (null: none), and an
    // array of them all only once there is a second (a poll that sleeps once, the usual case,
    // makes no array: at 100,000 tasks every object kept per record is work for the collector).
    pollSleepMs: null,
    pollSleeps: NO_SLEEPS,
    pollWait: null, // {cause, task} of a WAIT made during the current poll
    // A wake during its own poll (it goes back to ready): its cause (null: none) and waker, two
    // fields rather than an object per wake.
    wokenCause: null,
    wokenBy: 0,
    // Exact whatever the level of detail; spans are summed when they close.
    sums: { polls: 0, wakes: 0, selfWakes: 0, busyMs: 0, idleMs: 0, readyMs: 0, maxPollMs: 0 },
    slept: false, // it has slept (counted in run.sleepers)
    printed: 0, // lines of output it printed
    readyOrder: 0, // when it last joined the ready queue (run.readied then): the queue is first in, first out
  };
}

/** Records folded between two looks at the clock when ingest has a deadline. */
const DEADLINE_STRIDE = 32;

/**
 * Reads records [model.cursor, head) from the ring and folds them in. `mem` = {f64, u32,
 * capacity, head, deadline?}: views made by the caller this frame, and optionally a
 * performance.now() time to stop at (the rest stays in the ring for the next call: a burst is
 * spread over a few frames instead of stalling one). `text(id)` resolves text ids (cached by
 * the caller). Returns the number of records folded.
 */
export function ingest(model, mem, text) {
  const { f64, u32, capacity } = mem;
  let { head } = mem;
  let i = model.cursor;
  if (head < i) i = head; // the runtime was reset under us: start over from its head
  if (head - i > capacity) {
    // Overrun: slots older than head - capacity were overwritten before we read them.
    model.skipped += head - capacity - i;
    i = head - capacity;
    // A line's last part may be among them: what comes next starts lines of its own.
    for (const run of model.runs.values()) run.openLines = [null, null];
  }
  const deadline = mem.deadline ?? Infinity;
  let folded = 0;
  // One record object for the whole read, refilled per record: fold never keeps it, and a
  // million records should not make a million short-lived objects.
  const r = { time: 0, kind: 0, run: 0, task: 0, a: 0, b: 0 };
  for (; i < head; i++) {
    const s = i % capacity;
    const w = s * RECORD_U32;
    r.time = f64[s * RECORD_F64 + TIME_F64];
    r.kind = u32[w + KIND_U32];
    r.run = u32[w + RUN_U32];
    r.task = u32[w + TASK_U32];
    r.a = u32[w + A_U32];
    r.b = u32[w + B_U32];
    if (r.kind === KIND.POLL) foldPoll(model, r, text);
    else if (r.kind === KIND.SPAWNED) foldSpawned(model, r, text);
    else fold(model, r, text);
    folded++;
    if (folded % DEADLINE_STRIDE === 0 && deadline !== Infinity && performance.now() >= deadline) {
      head = i + 1;
      break;
    }
  }
  model.cursor = head;
  return folded;
}

/**
 * Folds a POLL record, the short poll of a burst that the runtime writes in one slot, as the
 * records it stands for: POLL_START, a WAKE by itself if it yielded, POLL_END (untimed), and
 * FINISH if it finished, all at its time. `r` is refilled in place.
 */
function foldPoll(model, r, text) {
  const { a: n, b: flags } = r;
  r.kind = KIND.POLL_START; r.a = n; r.b = 0;
  fold(model, r, text);
  if (flags & POLL_WOKE_ITSELF) {
    r.kind = KIND.WAKE; r.a = WAKE_CODE.self; r.b = r.task;
    fold(model, r, text);
  }
  r.kind = KIND.POLL_END; r.a = flags & POLL_FINISHED; r.b = 0;
  fold(model, r, text);
  if (flags & POLL_FINISHED) {
    r.kind = KIND.FINISH; r.a = 0; r.b = 0;
    fold(model, r, text);
  }
}

/**
 * Folds a SPAWNED record, a spawn and its first wake in one slot, as the records it stands
 * for: SPAWN (`a` parent, `b` name), then a WAKE by the parent (from outside with none).
 * `r` is refilled in place.
 */
function foldSpawned(model, r, text) {
  const parent = r.a;
  r.kind = KIND.SPAWN;
  fold(model, r, text);
  r.kind = KIND.WAKE; r.a = parent === 0 ? WAKE_CODE.external : WAKE_CODE.task; r.b = parent;
  fold(model, r, text);
}

/** Folds one decoded record into the model. */
export function fold(model, r, text) {
  if (r.kind === KIND.TICK_START) {
    model.ticks.push(newTick(r.time, r.a, r.b));
    model.tickCount++;
    boundTicks(model);
    return;
  }
  if (r.kind === KIND.TICK_END) {
    const tick = model.ticks[model.ticks.length - 1];
    if (!tick || tick.end !== OPEN) { model.anomalies++; return; }
    tick.end = r.time;
    tick.polls = r.a;
    tick.budgetOut = r.b === TICK_BUDGET_OUT;
    return;
  }
  if (r.run === 0) { model.anomalies++; return; }
  let run = model.runs.get(r.run);
  if (!run) { run = newRun(r.run); model.runs.set(r.run, run); }
  if (run.lastTime === null || r.time > run.lastTime) run.lastTime = r.time;
  if ((model.runId == null || r.run === model.runId) && (model.lastTime === null || r.time > model.lastTime)) {
    model.lastTime = r.time;
  }

  switch (r.kind) {
    case KIND.RUN_START:
      run.start = r.time;
      run.lesson = text(r.a);
      run.variant = text(r.b);
      if (r.run === model.runId) model.t0 = r.time;
      return;
    case KIND.RUN_END:
      run.end = { time: r.time, kind: r.a === RUN_CANCELLED ? 'cancelled' : 'finished' };
      if (run.paused) resume(run, r.time);
      return;
    case KIND.PAUSE:
      if (r.a === RUN_PAUSED) pause(run, r.time);
      else if (run.paused) resume(run, r.time);
      return;
    case KIND.SPAWN: {
      // A parent is always spawned (or met) before its children, so its depth is known.
      const parent = run.tasks.get(r.a);
      const task = newTask(r.task, text(r.b) || `task ${r.task}`, r.a, r.time, parent ? parent.depth + 1 : 0);
      run.tasks.set(r.task, task);
      run.order.push(r.task);
      model.lod.tasks++;
      run.counts.ready++;
      task.readyOrder = ++run.readied;
      pushSlice(model, task.readies, newReady(r.time, 'spawn', r.a));
      return;
    }
    default:
      foldTaskRecord(model, run, r, text);
  }
}

/**
 * Counts a run's loop passes as asyncio makes them: a pass (`_run_once`) runs every task that
 * was ready when it began; a task woken meanwhile (by a task, a yield, a spawn) waits for the
 * next one. The runtime's queue is first in, first out, so a poll starts a new pass when its
 * task joined the queue after the current pass began. A held task going on after the page's
 * time slice is still the same pass. Ticks are no passes: a tick drains the queue for as long
 * as the page's time slice lasts, so their count depends on the machine.
 */
function countPass(run, task) {
  if (task.readyOrder <= run.passEnd) return;
  run.passes++;
  run.passEnd = run.readied;
}

function pause(run, time) {
  if (run.paused) return; // pausing a paused run changes nothing
  run.paused = true;
  run.pauseCount++;
  pushCapped(run.pauses, { start: time, end: null }, LOD.PAUSES_KEEP);
}

function resume(run, time) {
  run.paused = false;
  const last = run.pauses[run.pauses.length - 1];
  if (last && last.end === null) last.end = time;
}

/** Appends to a list that keeps its newest `keep` items; trims in chunks (O(1) amortised). */
function pushCapped(list, item, keep) {
  list.push(item);
  if (list.length >= 2 * keep) list.splice(0, list.length - keep);
}

function taskOf(model, run, r) {
  let task = run.tasks.get(r.task);
  if (!task) {
    // Its SPAWN was lost (overrun): keep a lane anyway rather than dropping its events.
    model.anomalies++;
    task = newTask(r.task, `task ${r.task}`, 0, r.time);
    task.state = 'waiting';
    run.tasks.set(r.task, task);
    run.order.push(r.task);
    model.lod.tasks++;
    run.counts.waiting++;
  }
  return task;
}

function lastOpen(spans) {
  const last = spans[spans.length - 1];
  return last && last.end === OPEN ? last : null;
}

// Closing a span is where its time is summed, so the sums never depend on the level of detail.

function closePoll(run, task, time, timed) {
  const poll = lastOpen(task.polls);
  if (!poll) return null;
  poll.end = time;
  poll.timed = timed;
  const ms = time - poll.start;
  task.sums.busyMs += ms;
  if (timed) {
    if (ms > task.sums.maxPollMs) task.sums.maxPollMs = ms;
    if (ms >= LONG_POLL_BOUNDS_MS[0]) keepLongPoll(run, task, poll, ms);
  }
  return poll;
}

/** Lists a long poll in its duration band; a held poll, listed again as it grows, moves up. */
function keepLongPoll(run, task, poll, ms) {
  let band = 0;
  while (band + 1 < LONG_POLL_BOUNDS_MS.length && ms >= LONG_POLL_BOUNDS_MS[band + 1]) band++;
  run.longPollCount++; // the views' "did the list change"
  const kept = poll.long;
  if (kept) {
    kept.entry.durationMs = ms;
    if (kept.band === band) return;
    const from = run.longPolls[kept.band];
    const at = from.polls.indexOf(kept.entry);
    if (at >= 0) from.polls.splice(at, 1);
    from.count--;
  }
  const entry = kept?.entry ?? { task: task.id, name: task.name, n: poll.n, start: poll.start, durationMs: ms };
  const bucket = run.longPolls[band];
  bucket.count++;
  pushCapped(bucket.polls, entry, LOD.LONG_POLLS_KEEP);
  poll.long = { band, entry };
}

function closeWait(run, task, time) {
  const wait = lastOpen(task.waits);
  if (!wait) return null;
  wait.end = time;
  task.sums.idleMs += time - wait.start;
  if (wait.on === 'sleep' && !wait.waitFor) {
    run.sleptMs += time - wait.start;
    if (!task.slept) {
      task.slept = true;
      run.sleepers++;
    }
  }
  countWaiting(run, time, -1);
  return wait;
}

function closeReady(task, time) {
  const ready = lastOpen(task.readies);
  if (!ready) return;
  ready.end = time;
  task.sums.readyMs += time - ready.start;
}

/** Moves the run's open-wait counter; the count at an instant is settled once time moves on. */
function countWaiting(run, time, delta) {
  if (time !== run.waitingAt) {
    if (run.waiting > run.waitingMax) run.waitingMax = run.waiting;
    run.waitingAt = time;
  }
  run.waiting += delta;
}

/** A task's class in run.counts: ended once it has an end mark or finished its last poll. */
const lifeClass = (task) => (task.end || task.state === 'done' ? 'ended' : task.state);

function foldTaskRecord(model, run, r, text) {
  const task = taskOf(model, run, r);
  const before = lifeClass(task);
  foldTaskEvent(model, run, task, r, text);
  const after = lifeClass(task);
  if (after !== before) {
    run.counts[before]--;
    run.counts[after]++;
  }
}

function foldTaskEvent(model, run, task, r, text) {
  const t = r.time;
  switch (r.kind) {
    case KIND.POLL_START: {
      if (task.state === 'waiting') { model.anomalies++; closeWait(run, task, t); }
      closeReady(task, t);
      task.sums.polls++;
      // A task that held its run goes on with the same stretch of work: one poll, growing.
      const held = lastOpen(task.polls);
      if (held?.held) {
        held.nLast = r.a;
        task.state = 'busy';
        task.wokenCause = null;
        const ms = t - held.start;
        if (ms >= LONG_POLL_BOUNDS_MS[0]) keepLongPoll(run, task, held, ms);
        return;
      }
      countPass(run, task);
      pushSlice(model, task.polls, newPoll(t, r.a));
      boundPolls(model, task);
      task.state = 'busy';
      task.wokenCause = null;
      task.pollSleepMs = null;
      task.pollSleeps = NO_SLEEPS; // an array is made only for a poll that sleeps twice or more
      task.pollWait = null;
      return;
    }
    case KIND.POLL_END: {
      if (task.wokenCause === 'hold' && r.a !== POLL_READY) {
        // Held past the slice: the poll stays open until the task awaits or ends.
        const poll = lastOpen(task.polls);
        if (poll) {
          poll.held = true;
          const ms = t - poll.start;
          if (ms >= LONG_POLL_BOUNDS_MS[0]) keepLongPoll(run, task, poll, ms);
          return;
        }
      }
      closePoll(run, task, t, r.b === POLL_TIMED);
      if (r.a === POLL_READY) {
        task.state = 'done'; // FINISH follows and sets the end mark
      } else if (task.wokenCause !== null) {
        task.state = 'ready';
        pushSlice(model, task.readies, newReady(t, task.wokenCause, task.wokenBy));
      } else {
        task.state = 'waiting';
        // A wait's `sleeps` is null when its poll slept once or not at all (sleepMs says which).
        const sleeps = task.pollSleeps === NO_SLEEPS ? null : task.pollSleeps;
        let sleepMs = task.pollSleepMs;
        if (sleeps) for (const ms of sleeps) if (ms < sleepMs) sleepMs = ms;
        const waitFor = task.pollWait;
        const on = sleepMs !== null ? 'sleep' : (waitFor ? waitFor.cause : null);
        pushSlice(model, task.waits, newWait(t, on, sleepMs, sleeps, waitFor));
        countWaiting(run, t, +1);
      }
      return;
    }
    case KIND.WAKE: {
      const cause = causeOf(r.a);
      task.sums.wakes++;
      if (cause === 'self') task.sums.selfWakes++;
      pushSlice(model, task.wakes, newWake(t, cause, r.b));
      boundWakes(model, task);
      if (task.state === 'waiting') {
        const wait = closeWait(run, task, t);
        if (wait) {
          if (wait.on === null) wait.on = cause;
          // What ended it: a wait on several things (a timeout's timer and a task) names the one.
          wait.endCause = cause;
          wait.endBy = r.b;
        }
        task.state = 'ready';
        task.readyOrder = ++run.readied;
        pushSlice(model, task.readies, newReady(t, cause, r.b));
      } else if (task.state === 'busy') {
        task.wokenCause = cause;
        task.wokenBy = r.b;
        if (cause !== 'hold') task.readyOrder = ++run.readied; // in line from the wake, as the loop queues it
      }
      // Already ready: a second wake changes nothing. Done: wakes after completion are ignored.
      return;
    }
    case KIND.CANCEL:
    case KIND.FINISH:
      closePoll(run, task, t, false); // normally closed by POLL_END already
      closeWait(run, task, t);
      closeReady(task, t);
      task.state = 'done';
      // A script's task whose exception nothing caught did not return: it raised.
      task.end = { time: t, kind: r.kind === KIND.CANCEL ? 'cancelled' : r.a === FINISH_RAISED ? 'raised' : 'finished' };
      run.endMarks++;
      return;
    case KIND.PRINT: {
      // `b`: the stream of a script's print (1 = standard error, 2 = a `logging` record on
      // standard error; a lesson's prints are 0), and PRINT_UNFINISHED when the program wrote
      // part of a line: the run's next print on that stream (from any task) goes on with it,
      // and the line keeps its first part's time and task.
      const stream = r.b & ~PRINT_UNFINISHED;
      const file = stream === 0 ? 0 : 1;
      let print = run.openLines[file];
      if (print) {
        print.text += text(r.a);
        run.printParts++;
      } else {
        run.printCount++;
        task.printed++;
        // n: the task's own count of its lines (a script's printLine finds the code line by it).
        print = { time: t, task: task.id, name: task.name, text: text(r.a), stream: stream === PRINT_STDERR || stream === PRINT_LOG ? stream : 0, n: task.printed };
        pushCapped(run.prints, print, LOD.PRINTS_KEEP);
      }
      run.openLines[file] = r.b & PRINT_UNFINISHED ? print : null;
      return;
    }
    case KIND.WAIT: {
      // A poll that awaits several tasks at once (a gather) records a WAIT for each.
      const cause = causeOf(r.a);
      const on = task.pollWait;
      if (cause === 'task' && on?.cause === 'task') {
        // O(1) per record: a poll names each child once (a big gather names thousands).
        if (on.tasks[on.tasks.length - 1] !== r.b) on.tasks.push(r.b);
      } else {
        task.pollWait = { cause, task: cause === 'task' ? r.b : 0, tasks: cause === 'task' ? [r.b] : [] };
      }
      return;
    }
    case KIND.SLEEP:
      if (task.pollSleepMs === null) task.pollSleepMs = r.a;
      else {
        if (task.pollSleeps === NO_SLEEPS) task.pollSleeps = [task.pollSleepMs];
        task.pollSleeps.push(r.a);
      }
      run.sleepCount++;
      pushCapped(run.sleeps, { time: t, task: task.id, lessonMs: r.a, realMs: r.b }, LOD.SLEEPS_KEEP);
      return;
    default:
      model.anomalies++;
  }
}
