// Folds the runtime's binary trace records into a plain JS model. Pure: no DOM, no wasm calls
// (the caller passes typed-array views and a text lookup), so it can be tested in Node.
//
// Record layout (crate/trace/record.rs): 32 bytes = 4 f64 slots = 8 u32 slots.
//   f64[0] time ms · u32[2] seq · u32[3] kind · u32[4] run · u32[5] task · u32[6] a · u32[7] b
//
// Bounded memory (level of detail). A run may write millions of records; the model keeps a
// bounded number of objects however long it runs, and folds each record in O(1) amortised:
//
// - Exact numbers never depend on detail: each task keeps running counts and sums (`task.sums`:
//   polls, wakes, self-wakes, busy / idle / ready ms, longest poll), the model counts every tick
//   (`tickCount`), each run every print, sleep and pause (`printCount`, `sleepCount`,
//   `pauseCount`), and the wait counter behind maxConcurrentWaits is kept as records arrive.
// - Slices are per task, in time order: `polls`, `waits`, `readies` (spans) and `wakes` (points).
//   The newest `lod.keep` polls stay in full detail. When a task holds 2 × keep + lod.coarse
//   polls, its older detail is cut at the start of the oldest poll it keeps: the polls before the
//   cut, and the closed waits and readies that ended by it, each become ONE merged slice per list.
//   The merged slices of one cut form a segment [previous cut (or spawn), cut) that no detail
//   slice crosses, so a segment can be drawn or exported as a whole. A task holds at most
//   lod.coarse segments: past that, neighbouring segments pair up (older history gets coarser).
//   Wakes are points and merge on their own: the newest `keep` stay, older ones merge.
// - A merged slice keeps the shape of a detail one (so it draws as one) and says what it holds:
//   `merged` (how many slices), `sumMs` (their summed duration), `maxMs` (the longest one),
//   `cut` (its segment's end). Merged polls: n = first poll number, nLast = last, timed false.
//   Merged waits: on = the common cause or null, no sleeps. Merged readies / wakes: cause and by
//   when all agree, else cause 'mixed' and by 0. The open (newest) slice is never merged.
// - Global cap: `lod.stored` counts every slice held by all tasks. Past `lod.limit`
//   (LOD.STORED_MAX), keep and coarse halve (down to LOD.KEEP_MIN, LOD.COARSE_MIN; levels that
//   would merge nothing are skipped) and every task is compacted, until at most half the limit
//   is held. The compaction is spread over the next slices stored, LOD.SWEEP_STEP tasks per slice,
//   so a sweep of 10,000 tasks never stalls one frame (the page folds records against a
//   deadline). A sweep costs O(slices held) and leaves half the limit free, so it stays O(1)
//   amortised; while it runs the count may pass the limit by a pass's worth (tasks /
//   SWEEP_STEP slices). Tasks themselves are never dropped:
//   if the minimal detail of very many tasks (about 16 slices each) still holds more than half
//   the limit, the limit grows to twice that, so memory stays O(tasks) whatever the run's length.
// - Loop ticks keep the newest LOD.TICKS_KEEP in detail and merge older ones the same way (a
//   merged tick sums `polls`). Prints, sleeps and pauses keep the newest PRINTS_KEEP /
//   SLEEPS_KEEP / PAUSES_KEEP (older ones are dropped; their counts stay exact).
// - Long polls (timed, at least LONG_POLL_BOUNDS_MS[0]) are also kept in a side list per run,
//   one bucket per duration band (1-2-5 ms series), the newest LONG_POLLS_KEEP per bucket, so
//   a flood of 2 ms polls never pushes a 60 ms hog out, and merging never hides one.

export const RECORD_F64 = 4; // f64 slots per record
export const RECORD_U32 = 8; // u32 slots per record
const NO_SLEEPS = Object.freeze([]); // shared by the polls that made no SLEEP

export const KIND = Object.freeze({
  RUN_START: 1, RUN_END: 2, SPAWN: 3, POLL_START: 4, POLL_END: 5, WAKE: 6,
  CANCEL: 7, FINISH: 8, PRINT: 9, SLEEP: 10, TICK_START: 11, TICK_END: 12, WAIT: 13,
  PAUSE: 14, POLL: 15, SPAWNED: 16,
});

/** POLL record `b` bits: the task finished (a FINISH follows); it woke itself (a WAKE comes between). */
const POLL_FINISHED = 1;
const POLL_WOKE_ITSELF = 2;

/** WAKE record `a` → cause name. */
export const WAKE_CAUSE = Object.freeze({
  1: 'timer', 2: 'task', 3: 'channel', 4: 'self', 5: 'io', 6: 'external', 7: 'hold',
});

/** Cause name → WAKE record `a` (for the WAKEs a folded record stands for). */
const WAKE_CODE = Object.freeze(
  Object.fromEntries(Object.entries(WAKE_CAUSE).map(([code, name]) => [name, Number(code)])),
);

// WAKE_CAUSE as an array: read for every WAKE and WAIT record, an index beats a key lookup.
const CAUSE_BY_CODE = Array.from({ length: 8 }, (_, code) => WAKE_CAUSE[code] ?? 'other');
const causeOf = (code) => (code < CAUSE_BY_CODE.length ? CAUSE_BY_CODE[code] : 'other');

/** The level-of-detail policy's caps (see the top of this file). */
export const LOD = Object.freeze({
  KEEP_START: 256, // detail polls per task while few slices are held
  KEEP_MIN: 2,
  COARSE_START: 32, // merged segments per task
  COARSE_MIN: 1,
  STORED_MAX: 200_000, // slices (polls + waits + readies + wakes) of all tasks together
  SWEEP_STEP: 4, // tasks compacted per slice stored while a sweep runs
  TICKS_KEEP: 2048, // detail loop ticks
  TICKS_COARSE: 256, // merged loop ticks
  PRINTS_KEEP: 5000,
  SLEEPS_KEEP: 2000,
  PAUSES_KEEP: 1000,
  LONG_POLLS_KEEP: 500, // per duration band
});

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
  return {
    runId, cursor, speed, t0, virtual: Boolean(virtual),
    skipped: 0, // records lost to ring overrun (the reader fell behind)
    anomalies: 0, // records that did not fit the task life cycle; counted, never thrown
    runs: new Map(), // run id → run (see newRun)
    ticks: [], // loop lane: {start, end, n, ready, polls, budgetOut} (+ merged fields, see top)
    tickCount: 0, // every TICK_START folded, merged or not
    // Time of the shown run's latest record (of any run's while none is shown): a virtual run's
    // "now". Ticks do not count: they are on the real clock even in a virtual run.
    lastTime: null,
    lod: {
      keep: LOD.KEEP_START, coarse: LOD.COARSE_START,
      stored: 0, // slices held by all tasks
      limit: LOD.STORED_MAX,
      sweeps: 0, // global compactions so far
      sweep: null, // the compaction under way: {tasks, next} (see sweepSome)
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
    prints: [], // {time, task, name, text, stream}: the newest PRINTS_KEEP (stream 0 stdout, 1 stderr)
    printCount: 0, // every print; prints[i] is print number printCount - prints.length + i
    sleeps: [], // {time, task, lessonMs, realMs}: the newest SLEEPS_KEEP
    sleepCount: 0,
    // Runtime ms the run's tasks spent in plain sleeps, added up: only time really waited (a
    // cancelled sleep counts up to its cancel; a race with a task is a wait on that task), and
    // how many tasks slept.
    sleptMs: 0, sleepers: 0,
    readied: 0, // times a task joined the ready queue (see task.readyOrder)
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
  };
}

function newTask(id, name, parent, time, depth = 0) {
  return {
    id, name, parent, spawned: time,
    depth, // in the spawn tree (0: a root), fixed at spawn: lanes never walk the tree again
    polls: [], // {start, end, n, timed}: timed = false inside a burst (end = window start)
    // {start, end, on, sleepMs, sleeps, waitFor}: `sleeps` = lesson ms of every SLEEP made in
    // the poll before the wait (a race may arm several timers; sleepMs = the shortest, the one
    // that fires first); `waitFor` = {cause, task} from the WAIT record (13), or null;
    // `on` = 'sleep' | wake cause | null (unknown until a wake says what ended it).
    waits: [],
    readies: [], // {start, end, cause, by}: woken (or spawned) but not polled yet
    wakes: [], // {time, cause, by}
    end: null, // {time, kind: 'finished' | 'cancelled'}
    state: 'ready', // a spawned task sits in the run queue until its first poll
    pollSleeps: NO_SLEEPS, // lesson ms of the SLEEPs made during the current poll
    pollWait: null, // {cause, task} of a WAIT made during the current poll
    wokenInPoll: null, // {cause, by} of a wake during its own poll: it goes back to ready
    // Exact whatever the level of detail; spans are summed when they close.
    sums: { polls: 0, wakes: 0, selfWakes: 0, busyMs: 0, idleMs: 0, readyMs: 0, maxPollMs: 0 },
    slept: false, // it has slept (counted in run.sleepers)
    printed: 0, // lines of output it printed
    readyOrder: 0, // when it last joined the ready queue (run.readied then): the queue is first in, first out
  };
}

/** The run the page is showing, or undefined. */
export function currentRun(model) {
  return model.runId == null ? undefined : model.runs.get(model.runId);
}

/**
 * Runtime ms → lesson seconds since the run started (sleeps are scaled by speed). In a virtual
 * model records are already in lesson ms from the run's start.
 */
export function lessonSeconds(model, time) {
  if (model.virtual) return time / 1000;
  return ((time - model.t0) * model.speed) / 1000;
}

/** Lesson ms per runtime ms: the speed, or 1 in a virtual model. */
export function lessonRate(model) {
  return model.virtual ? 1 : model.speed;
}

/** Runtime ms where the drawing stops: the run's end, or `now` while it is live. */
export function endTime(model, now) {
  const run = currentRun(model);
  return run?.end ? run.end.time : now;
}

/**
 * The model's "now" for a clock reading: a virtual run has no wall clock, its time is that of
 * the latest record (the virtual clock does not move between records).
 */
export function modelNow(model, clockNow) {
  return model.virtual ? (model.lastTime ?? 0) : clockNow;
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
  }
  const deadline = mem.deadline ?? Infinity;
  let folded = 0;
  // One record object for the whole read, refilled per record: fold never keeps it, and a
  // million records should not make a million short-lived objects.
  const r = { time: 0, kind: 0, run: 0, task: 0, a: 0, b: 0 };
  for (; i < head; i++) {
    const s = i % capacity;
    const w = s * RECORD_U32;
    r.time = f64[s * RECORD_F64];
    r.kind = u32[w + 3];
    r.run = u32[w + 4];
    r.task = u32[w + 5];
    r.a = u32[w + 6];
    r.b = u32[w + 7];
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
    if (model.ticks.length >= 2 * LOD.TICKS_KEEP + LOD.TICKS_COARSE) {
      compactList(model.ticks, LOD.TICKS_KEEP, LOD.TICKS_COARSE, TICKS);
    }
    return;
  }
  if (r.kind === KIND.TICK_END) {
    const tick = model.ticks[model.ticks.length - 1];
    if (!tick || tick.end !== null) { model.anomalies++; return; }
    tick.end = r.time;
    tick.polls = r.a;
    tick.budgetOut = r.b === 1;
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
      run.end = { time: r.time, kind: r.a === 2 ? 'cancelled' : 'finished' };
      if (run.paused) resume(run, r.time);
      return;
    case KIND.PAUSE:
      if (r.a === 1) pause(run, r.time);
      else if (run.paused) resume(run, r.time);
      return;
    case KIND.SPAWN: {
      // A parent is always spawned (or met) before its children, so its depth is known.
      const parent = run.tasks.get(r.a);
      const task = newTask(r.task, text(r.b) || `task ${r.task}`, r.a, r.time, parent ? parent.depth + 1 : 0);
      run.tasks.set(r.task, task);
      run.order.push(r.task);
      run.counts.ready++;
      task.readyOrder = ++run.readied;
      pushSlice(model, task.readies, newReady(r.time, 'spawn', r.a));
      return;
    }
    default:
      foldTaskRecord(model, run, r, text);
  }
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
    run.counts.waiting++;
  }
  return task;
}

function lastOpen(spans) {
  const last = spans[spans.length - 1];
  return last && last.end === null ? last : null;
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
        task.wokenInPoll = null;
        const ms = t - held.start;
        if (ms >= LONG_POLL_BOUNDS_MS[0]) keepLongPoll(run, task, held, ms);
        return;
      }
      pushSlice(model, task.polls, newPoll(t, r.a));
      if (task.polls.length >= 2 * model.lod.keep + model.lod.coarse) compactTask(model, task);
      task.state = 'busy';
      task.wokenInPoll = null;
      task.pollSleeps = NO_SLEEPS; // an array is made only for a poll that sleeps
      task.pollWait = null;
      return;
    }
    case KIND.POLL_END: {
      if (task.wokenInPoll?.cause === 'hold' && r.a !== 1) {
        // Held past the slice: the poll stays open until the task awaits or ends.
        const poll = lastOpen(task.polls);
        if (poll) {
          poll.held = true;
          const ms = t - poll.start;
          if (ms >= LONG_POLL_BOUNDS_MS[0]) keepLongPoll(run, task, poll, ms);
          return;
        }
      }
      closePoll(run, task, t, r.b !== 0);
      if (r.a === 1) {
        task.state = 'done'; // FINISH follows and sets the end mark
      } else if (task.wokenInPoll) {
        task.state = 'ready';
        const { cause, by } = task.wokenInPoll;
        pushSlice(model, task.readies, newReady(t, cause, by));
      } else {
        task.state = 'waiting';
        const sleeps = task.pollSleeps;
        let sleepMs = null;
        for (const ms of sleeps) if (sleepMs === null || ms < sleepMs) sleepMs = ms;
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
      if (task.wakes.length >= 2 * model.lod.keep + model.lod.coarse) {
        compactList(task.wakes, model.lod.keep, model.lod.coarse, WAKES, model.lod);
      }
      if (task.state === 'waiting') {
        const wait = closeWait(run, task, t);
        if (wait && wait.on === null) wait.on = cause;
        task.state = 'ready';
        task.readyOrder = ++run.readied;
        pushSlice(model, task.readies, newReady(t, cause, r.b));
      } else if (task.state === 'busy') {
        task.wokenInPoll = { cause, by: r.b };
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
      task.end = { time: t, kind: r.kind === KIND.FINISH ? 'finished' : 'cancelled' };
      return;
    case KIND.PRINT:
      run.printCount++;
      // `b`: the stream of a script's print (1 = standard error); a lesson's prints are 0.
      task.printed++;
      // n: the task's own count of its lines (a script's printLine finds the code line by it).
      pushCapped(run.prints, { time: t, task: task.id, name: task.name, text: text(r.a), stream: r.b === 1 ? 1 : 0, n: task.printed }, LOD.PRINTS_KEEP);
      return;
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
      if (task.pollSleeps === NO_SLEEPS) task.pollSleeps = [];
      task.pollSleeps.push(r.a);
      run.sleepCount++;
      pushCapped(run.sleeps, { time: t, task: task.id, lessonMs: r.a, realMs: r.b }, LOD.SLEEPS_KEEP);
      return;
    default:
      model.anomalies++;
  }
}

// ---- level of detail (policy at the top of this file) ----

/** Appends a task slice and keeps the global count; past the cap, compacts every task. */
function pushSlice(model, list, slice) {
  list.push(slice);
  const { lod } = model;
  lod.stored++;
  if (lod.sweep) sweepSome(model);
  else if (lod.stored > lod.limit) startSweep(model);
}

/** Removes list[from, from + count) in place (splice would make an array of what it removes). */
function removeRange(list, from, count) {
  if (count <= 0) return;
  const n = list.length;
  for (let i = from; i + count < n; i++) list[i] = list[i + count];
  list.length = n - count;
}

/** Number of merged slices at the front of a list (merged ones always come first). */
function mergedPrefix(list) {
  let i = 0;
  while (i < list.length && list[i].merged) i++;
  return i;
}

/** The slices of a task after its last cut are detail; older ones are merged (see the top). */
export function lastCut(task) {
  const m = mergedPrefix(task.polls);
  return m === 0 ? null : task.polls[m - 1].cut;
}

/**
 * Replaces list[from, to) by one merged slice, made in place (a merged first slice absorbs the
 * others) so compaction makes little garbage. `lod` (if given) tracks the slices held.
 */
function mergeRange(list, from, to, cut, kind, lod) {
  if (to <= from) return;
  const first = list[from];
  const target = first.merged ? first : kind.fresh(first);
  if (target !== first) recycle(kind, first);
  for (let i = from + 1; i < to; i++) {
    kind.absorb(target, list[i]);
    recycle(kind, list[i]);
  }
  target.cut = cut;
  list[from] = target;
  removeRange(list, from + 1, to - from - 1);
  if (lod) lod.stored -= to - from - 1;
}

/**
 * Keeps a task's newest `lod.keep` polls in detail: cuts at the start of the oldest poll kept
 * and merges what lies before into one segment per list; then pairs up segments past
 * `lod.coarse`, and merges old wakes. O(slices of the task).
 */
const CUTS = []; // compactTask's scratch list of segment ends: one array for every compaction

function compactTask(model, task) {
  const { lod } = model;
  const polls = task.polls;
  const pm = mergedPrefix(polls);
  const wm = mergedPrefix(task.wakes);
  // Nothing over the caps: a sweep's pass over 10,000 tasks then costs a few checks per task.
  if (polls.length - pm <= lod.keep && pm <= lod.coarse && task.wakes.length - wm <= lod.keep && wm <= lod.coarse) return;
  const drop = polls.length - pm - lod.keep;
  if (drop > 0) {
    const cut = polls[pm + drop].start;
    mergeRange(polls, pm, pm + drop, cut, POLLS, lod);
    mergeEndedBy(task.waits, cut, WAITS, lod);
    mergeEndedBy(task.readies, cut, READIES, lod);
  }
  let segments = mergedPrefix(polls);
  while (segments > lod.coarse) {
    // Pair neighbours: the new segment ends where the later one of the pair ended.
    const cuts = CUTS;
    cuts.length = 0;
    for (let i = 1; i < segments; i += 2) cuts.push(polls[i].cut);
    if (segments % 2 === 1) cuts.push(polls[segments - 1].cut);
    regroup(polls, cuts, POLLS, lod);
    regroup(task.waits, cuts, WAITS, lod);
    regroup(task.readies, cuts, READIES, lod);
    segments = cuts.length;
  }
  compactList(task.wakes, lod.keep, lod.coarse, WAKES, lod);
}

/** Merges the closed detail spans that ended by `cut` (they all lie before it) into one. */
function mergeEndedBy(list, cut, kind, lod) {
  const from = mergedPrefix(list);
  let to = from;
  while (to < list.length && list[to].end !== null && list[to].end <= cut) to++;
  mergeRange(list, from, to, cut, kind, lod);
}

/** Regroups a list's merged slices into the segments ending at `cuts` (ascending), in place. */
function regroup(list, cuts, kind, lod) {
  const m = mergedPrefix(list);
  let w = 0;
  let c = 0;
  for (let i = 0; i < m;) {
    while (c < cuts.length - 1 && cuts[c] < list[i].cut) c++;
    const target = list[i];
    let j = i + 1;
    while (j < m && list[j].cut <= cuts[c]) {
      kind.absorb(target, list[j]);
      recycle(kind, list[j++]);
    }
    target.cut = cuts[c];
    list[w++] = target;
    i = j;
  }
  if (m > w) {
    removeRange(list, w, m - w);
    if (lod) lod.stored -= m - w;
  }
}

/**
 * A list that merges on its own (wakes, ticks): keeps the newest `keep` in detail, merges the
 * older detail into one, then pairs merged ones up past `coarse`.
 */
function compactList(list, keep, coarse, kind, lod) {
  let m = mergedPrefix(list);
  const drop = list.length - m - keep;
  if (drop > 0) {
    mergeRange(list, m, m + drop, null, kind, lod);
    m++;
  }
  while (m > coarse) {
    let w = 0;
    for (let i = 0; i < m; i += 2) {
      if (i + 1 < m) {
        kind.absorb(list[i], list[i + 1]);
        recycle(kind, list[i + 1]);
      }
      list[w++] = list[i];
    }
    removeRange(list, w, m - w);
    if (lod) lod.stored -= m - w;
    m = w;
  }
}

function allTasks(model) {
  const tasks = [];
  for (const run of model.runs.values()) for (const task of run.tasks.values()) tasks.push(task);
  return tasks;
}

/**
 * Halves keep and coarse (once, or more while a level would merge nothing in any task: such a
 * pass would cost a visit of every task for no slice freed). Returns false at the minimum.
 */
function lowerDetail(model, tasks) {
  const { lod } = model;
  if (lod.keep <= LOD.KEEP_MIN && lod.coarse <= LOD.COARSE_MIN) return false;
  let detail = 0; // the most detail slices (polls or wakes) and merged segments any task holds
  let segments = 0;
  for (const task of tasks) {
    const pm = mergedPrefix(task.polls);
    const wm = mergedPrefix(task.wakes);
    detail = Math.max(detail, task.polls.length - pm, task.wakes.length - wm);
    segments = Math.max(segments, pm, wm);
  }
  do {
    lod.keep = Math.max(LOD.KEEP_MIN, lod.keep >> 1);
    lod.coarse = Math.max(LOD.COARSE_MIN, lod.coarse >> 1);
    lod.sweeps++;
  } while (lod.keep >= detail && lod.coarse >= segments && (lod.keep > LOD.KEEP_MIN || lod.coarse > LOD.COARSE_MIN));
  return true;
}

/** The global cap is passed: lower the detail kept and start compacting every task. */
function startSweep(model) {
  const { lod } = model;
  const tasks = allTasks(model);
  if (!lowerDetail(model, tasks)) {
    // Only the number of tasks keeps it above: let the cap follow, so sweeps stay rare.
    lod.limit = 2 * lod.stored;
    return;
  }
  lod.sweep = { tasks, next: 0 };
  sweepSome(model);
}

/**
 * Compacts the next LOD.SWEEP_STEP tasks of the sweep under way. At the end of a pass: done if
 * half the cap is free, else one level lower and another pass (at the minimum, the cap follows).
 */
function sweepSome(model) {
  const { lod } = model;
  const sweep = lod.sweep;
  const end = Math.min(sweep.tasks.length, sweep.next + LOD.SWEEP_STEP);
  while (sweep.next < end) compactTask(model, sweep.tasks[sweep.next++]);
  if (sweep.next < sweep.tasks.length) return;
  lod.sweep = null;
  if (lod.stored <= lod.limit / 2) return;
  const tasks = allTasks(model);
  if (lowerDetail(model, tasks)) lod.sweep = { tasks, next: 0 };
  else lod.limit = 2 * lod.stored;
}

// ---- recycling ----
// A run of 10,000 tasks folds some 250,000 records a second, and nearly every slice lives long
// enough to be promoted out of the young generation before it is merged away: the garbage
// collector then spends whole frames copying and sweeping them. Slices merged away are kept
// (up to POOL_MAX per kind and shape) and the next slices of their kind reuse them, so a long
// run allocates little once its detail level has settled. A slice is only recycled once no
// list holds it; the page keeps none across frames except a chosen one, which it re-checks.

const POOL_MAX = 8192;

/** Keeps a slice that no list holds any more for reuse by its kind. */
function recycle(kind, s) {
  const pool = s.merged ? kind.mergedPool : kind.pool;
  if (pool.length < POOL_MAX) pool.push(s);
}

function newPoll(start, n) {
  const p = POLLS.pool.pop();
  // held: it held its run past a slice and goes on (nLast: its last poll so far); long: its
  // entry in run.longPolls, once it is one.
  if (!p) return { start, end: null, n, timed: true, held: false, nLast: n, long: null };
  p.start = start; p.end = null; p.n = n; p.timed = true; p.held = false; p.nLast = n; p.long = null;
  return p;
}

function newWait(start, on, sleepMs, sleeps, waitFor) {
  const w = WAITS.pool.pop();
  if (!w) return { start, end: null, on, sleepMs, sleeps, waitFor };
  w.start = start; w.end = null; w.on = on; w.sleepMs = sleepMs; w.sleeps = sleeps; w.waitFor = waitFor;
  return w;
}

function newReady(start, cause, by) {
  const r = READIES.pool.pop();
  if (!r) return { start, end: null, cause, by };
  r.start = start; r.end = null; r.cause = cause; r.by = by;
  return r;
}

function newWake(time, cause, by) {
  const w = WAKES.pool.pop();
  if (!w) return { time, cause, by };
  w.time = time; w.cause = cause; w.by = by;
  return w;
}

function newTick(start, n, ready) {
  const t = TICKS.pool.pop();
  if (!t) return { start, end: null, n, ready, polls: 0, budgetOut: false };
  t.start = start; t.end = null; t.n = n; t.ready = ready; t.polls = 0; t.budgetOut = false;
  return t;
}

// How each kind of slice starts a merged one (`fresh`) and takes in the next (`absorb`, which
// also takes merged ones). Merged slices count `merged` slices of `sumMs` together, the longest
// `maxMs`; fields the slices disagree on become null / 'mixed' / 0.

const spanMs = (s) => (s.end ?? s.start) - s.start;

function absorbSpan(target, s) {
  if (s.end !== null && s.end > target.end) target.end = s.end;
  if (s.merged) {
    target.merged += s.merged;
    target.sumMs += s.sumMs;
    if (s.maxMs > target.maxMs) target.maxMs = s.maxMs;
  } else {
    const ms = spanMs(s);
    target.merged++;
    target.sumMs += ms;
    if (ms > target.maxMs) target.maxMs = ms;
  }
}

const POLLS = {
  pool: [], // detail polls merged away, ready for reuse (see recycle)
  mergedPool: [],
  fresh(p) {
    const m = POLLS.mergedPool.pop();
    if (!m) {
      return {
        start: p.start, end: p.end ?? p.start, n: p.n, timed: false,
        merged: 1, sumMs: spanMs(p), maxMs: p.timed ? spanMs(p) : 0, cut: null, nLast: p.n,
      };
    }
    m.start = p.start; m.end = p.end ?? p.start; m.n = p.n; m.timed = false;
    m.merged = 1; m.sumMs = spanMs(p); m.maxMs = p.timed ? spanMs(p) : 0; m.cut = null; m.nLast = p.n;
    return m;
  },
  absorb(target, p) {
    const maxMs = target.maxMs;
    absorbSpan(target, p);
    // Untimed polls are not measured one by one: they never count as the longest.
    target.maxMs = Math.max(maxMs, p.merged ? p.maxMs : (p.timed ? spanMs(p) : 0));
    target.nLast = p.merged ? p.nLast : p.n;
  },
};

const WAITS = {
  pool: [],
  mergedPool: [],
  fresh(w) {
    const m = WAITS.mergedPool.pop();
    if (!m) {
      return {
        start: w.start, end: w.end ?? w.start, on: w.on, sleepMs: null, sleeps: NO_SLEEPS, waitFor: null,
        merged: 1, sumMs: spanMs(w), maxMs: spanMs(w), cut: null,
      };
    }
    m.start = w.start; m.end = w.end ?? w.start; m.on = w.on; m.sleepMs = null; m.sleeps = NO_SLEEPS;
    m.waitFor = null; m.merged = 1; m.sumMs = spanMs(w); m.maxMs = spanMs(w); m.cut = null;
    return m;
  },
  absorb(target, w) {
    absorbSpan(target, w);
    if (target.on !== w.on) target.on = null;
  },
};

function absorbCause(target, s) {
  if (target.cause !== s.cause) {
    target.cause = 'mixed';
    target.by = 0;
  } else if (target.by !== s.by) {
    target.by = 0;
  }
}

const READIES = {
  pool: [],
  mergedPool: [],
  fresh(r) {
    const m = READIES.mergedPool.pop();
    if (!m) {
      return {
        start: r.start, end: r.end ?? r.start, cause: r.cause, by: r.by,
        merged: 1, sumMs: spanMs(r), maxMs: spanMs(r), cut: null,
      };
    }
    m.start = r.start; m.end = r.end ?? r.start; m.cause = r.cause; m.by = r.by;
    m.merged = 1; m.sumMs = spanMs(r); m.maxMs = spanMs(r); m.cut = null;
    return m;
  },
  absorb(target, r) {
    absorbSpan(target, r);
    absorbCause(target, r);
  },
};

const WAKES = {
  pool: [],
  mergedPool: [],
  fresh(w) {
    const m = WAKES.mergedPool.pop();
    if (!m) return { time: w.time, end: w.time, cause: w.cause, by: w.by, merged: 1, cut: null };
    m.time = w.time; m.end = w.time; m.cause = w.cause; m.by = w.by; m.merged = 1; m.cut = null;
    return m;
  },
  absorb(target, w) {
    target.end = w.merged ? w.end : w.time;
    target.merged += w.merged ?? 1;
    absorbCause(target, w);
  },
};

const TICKS = {
  pool: [],
  mergedPool: [],
  fresh(t) {
    const m = TICKS.mergedPool.pop();
    if (!m) {
      return {
        start: t.start, end: t.end ?? t.start, n: t.n, ready: t.ready, polls: t.polls,
        budgetOut: t.budgetOut, merged: 1, cut: null,
      };
    }
    m.start = t.start; m.end = t.end ?? t.start; m.n = t.n; m.ready = t.ready; m.polls = t.polls;
    m.budgetOut = t.budgetOut; m.merged = 1; m.cut = null;
    return m;
  },
  absorb(target, t) {
    if (t.end !== null && t.end > target.end) target.end = t.end;
    target.ready = Math.max(target.ready, t.ready);
    target.polls += t.polls;
    target.budgetOut ||= t.budgetOut;
    target.merged += t.merged ?? 1;
  },
};

// ---- queries ----

/** Lanes in spawn order, each with its depth in the spawn tree (for indenting labels). */
export function lanes(run) {
  return laneWindow(run, 0, Infinity);
}

/** Lanes [first, first + count) of `run` (as lanes gives them), in O(count). */
export function laneWindow(run, first, count) {
  if (!run) return [];
  const end = Math.min(run.order.length, first + count);
  const rows = [];
  for (let i = Math.max(0, first); i < end; i++) {
    const task = run.tasks.get(run.order[i]);
    rows.push({ task, depth: task.depth, lane: i }); // lane: its place in spawn order (its colour)
  }
  return rows;
}

/**
 * How many tasks of `run` are running, ready, waiting and ended (done or cancelled), as
 * taskState names them, in O(1): {running, ready, waiting, ended}.
 */
export function stateCounts(run) {
  if (!run) return { running: 0, ready: 0, waiting: 0, ended: 0 };
  if (run.end) return { running: 0, ready: 0, waiting: 0, ended: run.order.length };
  const { busy, ready, waiting, ended } = run.counts;
  return { running: busy, ready, waiting, ended };
}

/**
 * The largest number of tasks of `run` waiting at the same moment (open waits end at `until`).
 * Kept as records arrive (O(1) here): a wait that ends at the instant another starts does not
 * overlap it, and a wait of no length counts for nothing.
 */
export function maxConcurrentWaits(run, until) {
  if (!run) return 0;
  return until > run.waitingAt ? Math.max(run.waitingMax, run.waiting) : run.waitingMax;
}

/** Wait kinds a wake's cause can name as they are (the rest are 'other'). */
const WAIT_KINDS = new Set(['timer', 'channel', 'io', 'external']);

/**
 * What an open or closed wait is on, as a list of parts (a race can wait on several things):
 * {kind: 'sleep', ms} for each distinct timer (lesson ms), then {kind: 'task', id, name} |
 * {kind: 'tasks', ids, names, done} (several at once, a gather; done: how many had ended by
 * the wait's end, or by now) | {kind: 'channel' | 'io' | 'external' | 'other'} from the
 * WAIT record, or — when neither was recorded — from the cause of the wake that ended it (if
 * it ended): {kind: 'taskAnon'} (another task, not named) | 'timer' | 'channel' | 'io' |
 * 'external' | 'other'.
 */
export function waitParts(run, wait) {
  const parts = [];
  for (const ms of [...new Set(wait.sleeps ?? (wait.sleepMs !== null ? [wait.sleepMs] : []))].sort((a, b) => a - b)) {
    parts.push({ kind: 'sleep', ms });
  }
  const on = wait.waitFor;
  const nameOf = (id) => run?.tasks.get(id)?.name ?? `task ${id}`;
  if (on) {
    if (on.cause === 'task' && on.tasks?.length > 1) {
      // All of them: a gather waits on each, not on the last one it names.
      const at = wait.end ?? Infinity;
      const done = on.tasks.filter((id) => { const end = run?.tasks.get(id)?.end; return end && end.time <= at; }).length;
      parts.push({ kind: 'tasks', ids: on.tasks, names: on.tasks.map(nameOf), done });
    } else if (on.cause === 'task') parts.push({ kind: 'task', id: on.task, name: nameOf(on.task) });
    else parts.push({ kind: WAIT_KINDS.has(on.cause) ? on.cause : 'other' });
  } else if (parts.length === 0 && wait.on !== null && wait.on !== 'sleep' && wait.on !== 'self') {
    // Known only from what woke it (no WAIT record named what it awaited): a task, unnamed.
    parts.push({ kind: wait.on === 'task' ? 'taskAnon' : WAIT_KINDS.has(wait.on) ? wait.on : 'other' });
  }
  return parts;
}

export const TASK_STATES = Object.freeze(['running', 'ready', 'waiting', 'done', 'cancelled']);

/** A task's state as the page names it: one of TASK_STATES. */
export function taskState(run, task) {
  if (task.end) return task.end.kind === 'cancelled' ? 'cancelled' : 'done';
  if (run.end) return run.end.kind === 'cancelled' ? 'cancelled' : 'done';
  if (task.state === 'busy') return 'running';
  if (task.state === 'ready' || task.state === 'waiting') return task.state;
  return 'done';
}

/**
 * Each task of the shown run (the first `limit` of them) and its state at runtime ms `now`,
 * in lane order:
 * {id, name, depth, state: 'running' | 'ready' | 'waiting' | 'done' | 'cancelled',
 *  ready: {cause, by: name} (state ready), wait: {parts, remainingMs} (state waiting)}.
 * remainingMs is the lesson time left on the shortest timer, or null without a timer.
 */
export function taskStates(model, now, limit = Infinity) {
  const run = currentRun(model);
  if (!run) return [];
  return laneWindow(run, 0, limit).map(({ task, depth }) => {
    const row = { id: task.id, name: task.name, depth, state: taskState(run, task), readyOrder: task.readyOrder };
    if (row.state === 'ready') {
      const r = task.readies[task.readies.length - 1];
      const cause = r?.cause ?? 'other';
      const byId = r?.by ?? 0;
      const by = byId && byId !== task.id ? run.tasks.get(byId)?.name ?? '' : '';
      row.ready = { cause, by };
    } else if (row.state === 'waiting') {
      const w = task.waits[task.waits.length - 1];
      if (w) {
        const remainingMs = w.sleepMs === null
          ? null
          : Math.max(0, w.sleepMs - ((now - w.start) * lessonRate(model)));
        row.wait = { parts: waitParts(run, w), remainingMs };
      } else {
        row.wait = { parts: [], remainingMs: null };
      }
    }
    return row;
  });
}
