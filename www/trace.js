// Folds the runtime's binary trace records into a plain JS model. Pure: no DOM, no wasm calls
// (the caller passes typed-array views and a text lookup), so it can be tested in Node.
//
// Record layout (crate/trace/record.rs): 32 bytes = 4 f64 slots = 8 u32 slots.
//   f64[0] time ms · u32[2] seq · u32[3] kind · u32[4] run · u32[5] task · u32[6] a · u32[7] b

export const RECORD_F64 = 4; // f64 slots per record
export const RECORD_U32 = 8; // u32 slots per record
const SEQ_MODULUS = 2 ** 32; // seq holds the low 32 bits of the global index

export const KIND = Object.freeze({
  RUN_START: 1, RUN_END: 2, SPAWN: 3, POLL_START: 4, POLL_END: 5, WAKE: 6,
  CANCEL: 7, FINISH: 8, PRINT: 9, SLEEP: 10, TICK_START: 11, TICK_END: 12, WAIT: 13,
});

/** WAKE record `a` → cause name. */
export const WAKE_CAUSE = Object.freeze({
  1: 'timer', 2: 'task', 3: 'channel', 4: 'self', 5: 'io', 6: 'external',
});

/**
 * An empty model. `cursor` is the global index of the next record to read: the page sets it to
 * traceHead() just before starting a run, so older runs' records are never folded in.
 * `t0` (runtime ms) is the origin of lesson time until the run's RUN_START replaces it.
 */
export function createModel({ runId = null, cursor = 0, speed = 1, t0 = 0 } = {}) {
  return {
    runId, cursor, speed, t0,
    skipped: 0, // records lost to ring overrun (the reader fell behind)
    anomalies: 0, // records that did not fit the task life cycle; counted, never thrown
    runs: new Map(), // run id → run (see newRun)
    ticks: [], // loop lane: {start, end, n, ready, polls, budgetOut}
  };
}

function newRun(id) {
  return {
    id, lesson: '', variant: '', start: null,
    end: null, // {time, kind: 'finished' | 'cancelled'}
    tasks: new Map(), // task id → task (see newTask)
    order: [], // task ids in spawn order: the lane order
    prints: [], // {time, task, name, text}
    sleeps: [], // {time, task, lessonMs, realMs}
    sleepSumMs: 0, // lesson ms, sum of every SLEEP's request
  };
}

function newTask(id, name, parent, time) {
  return {
    id, name, parent, spawned: time,
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
    pollSleeps: [], // lesson ms of the SLEEPs made during the current poll
    pollWait: null, // {cause, task} of a WAIT made during the current poll
    wokenInPoll: null, // {cause, by} of a wake during its own poll: it goes back to ready
  };
}

/** The run the page is showing, or undefined. */
export function currentRun(model) {
  return model.runId == null ? undefined : model.runs.get(model.runId);
}

/** Runtime ms → lesson seconds since the run started (sleeps are scaled by speed). */
export function lessonSeconds(model, time) {
  return ((time - model.t0) * model.speed) / 1000;
}

/** Runtime ms where the drawing stops: the run's end, or `now` while it is live. */
export function endTime(model, now) {
  const run = currentRun(model);
  return run?.end ? run.end.time : now;
}

/**
 * Reads records [model.cursor, head) from the ring and folds them in. `mem` = {f64, u32,
 * capacity, head}: views made by the caller this frame. `text(id)` resolves text ids (cached by
 * the caller). Returns the number of records folded.
 */
export function ingest(model, mem, text) {
  const { f64, u32, capacity, head } = mem;
  let i = model.cursor;
  if (head < i) i = head; // the runtime was reset under us: start over from its head
  if (head - i > capacity) {
    // Overrun: slots older than head - capacity were overwritten before we read them.
    model.skipped += head - capacity - i;
    i = head - capacity;
  }
  let folded = 0;
  for (; i < head; i++) {
    const s = i % capacity;
    const w = s * RECORD_U32;
    if (u32[w + 2] !== i % SEQ_MODULUS) {
      model.skipped++; // the slot does not hold the record we expect
      continue;
    }
    fold(model, {
      time: f64[s * RECORD_F64], kind: u32[w + 3], run: u32[w + 4], task: u32[w + 5],
      a: u32[w + 6], b: u32[w + 7],
    }, text);
    folded++;
  }
  model.cursor = head;
  return folded;
}

/** Folds one decoded record into the model. */
export function fold(model, r, text) {
  if (r.kind === KIND.TICK_START) {
    model.ticks.push({ start: r.time, end: null, n: r.a, ready: r.b, polls: 0, budgetOut: false });
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

  switch (r.kind) {
    case KIND.RUN_START:
      run.start = r.time;
      run.lesson = text(r.a);
      run.variant = text(r.b);
      if (r.run === model.runId) model.t0 = r.time;
      return;
    case KIND.RUN_END:
      run.end = { time: r.time, kind: r.a === 2 ? 'cancelled' : 'finished' };
      return;
    case KIND.SPAWN: {
      const task = newTask(r.task, text(r.b) || `task ${r.task}`, r.a, r.time);
      task.readies.push({ start: r.time, end: null, cause: 'spawn', by: r.a });
      run.tasks.set(r.task, task);
      run.order.push(r.task);
      return;
    }
    default:
      foldTaskRecord(model, run, r, text);
  }
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
  }
  return task;
}

function closeLast(spans, time) {
  const last = spans[spans.length - 1];
  if (last && last.end === null) last.end = time;
}

function foldTaskRecord(model, run, r, text) {
  const task = taskOf(model, run, r);
  const t = r.time;
  switch (r.kind) {
    case KIND.POLL_START:
      if (task.state === 'waiting') { model.anomalies++; closeLast(task.waits, t); }
      closeLast(task.readies, t);
      task.polls.push({ start: t, end: null, n: r.a, timed: true });
      task.state = 'busy';
      task.wokenInPoll = null;
      task.pollSleeps = [];
      task.pollWait = null;
      return;
    case KIND.POLL_END: {
      const poll = task.polls[task.polls.length - 1];
      closeLast(task.polls, t);
      if (poll) poll.timed = r.b !== 0;
      if (r.a === 1) {
        task.state = 'done'; // FINISH follows and sets the end mark
      } else if (task.wokenInPoll) {
        task.state = 'ready';
        task.readies.push({ start: t, end: null, ...task.wokenInPoll });
      } else {
        task.state = 'waiting';
        const sleeps = task.pollSleeps;
        const sleepMs = sleeps.length > 0 ? Math.min(...sleeps) : null;
        const waitFor = task.pollWait;
        const on = sleepMs !== null ? 'sleep' : (waitFor ? waitFor.cause : null);
        task.waits.push({ start: t, end: null, on, sleepMs, sleeps, waitFor });
      }
      return;
    }
    case KIND.WAKE: {
      const cause = WAKE_CAUSE[r.a] ?? 'other';
      task.wakes.push({ time: t, cause, by: r.b });
      if (task.state === 'waiting') {
        const wait = task.waits[task.waits.length - 1];
        if (wait && wait.end === null) {
          wait.end = t;
          if (wait.on === null) wait.on = cause;
        }
        task.state = 'ready';
        task.readies.push({ start: t, end: null, cause, by: r.b });
      } else if (task.state === 'busy') {
        task.wokenInPoll = { cause, by: r.b };
      }
      // Already ready: a second wake changes nothing. Done: wakes after completion are ignored.
      return;
    }
    case KIND.CANCEL:
    case KIND.FINISH:
      closeLast(task.polls, t);
      closeLast(task.waits, t);
      closeLast(task.readies, t);
      task.state = 'done';
      task.end = { time: t, kind: r.kind === KIND.FINISH ? 'finished' : 'cancelled' };
      return;
    case KIND.PRINT:
      run.prints.push({ time: t, task: task.id, name: task.name, text: text(r.a) });
      return;
    case KIND.WAIT:
      task.pollWait = { cause: WAKE_CAUSE[r.a] ?? 'other', task: r.a === 2 ? r.b : 0 };
      return;
    case KIND.SLEEP:
      task.pollSleeps.push(r.a);
      run.sleeps.push({ time: t, task: task.id, lessonMs: r.a, realMs: r.b });
      run.sleepSumMs += r.a;
      return;
    default:
      model.anomalies++;
  }
}

/** Lanes in spawn order, each with its depth in the spawn tree (for indenting labels). */
export function lanes(run) {
  if (!run) return [];
  const depthOf = new Map();
  return run.order.map((id) => {
    const task = run.tasks.get(id);
    const parentDepth = depthOf.get(task.parent);
    const depth = parentDepth === undefined ? 0 : parentDepth + 1;
    depthOf.set(id, depth);
    return { task, depth };
  });
}

/** The largest number of tasks of `run` waiting at the same moment (open waits end at `until`). */
export function maxConcurrentWaits(run, until) {
  if (!run) return 0;
  const edges = [];
  for (const task of run.tasks.values()) {
    for (const w of task.waits) {
      const end = w.end ?? until;
      if (end > w.start) edges.push([w.start, 1], [end, -1]);
    }
  }
  edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]); // ends before starts at the same instant
  let now = 0;
  let max = 0;
  for (const [, d] of edges) { now += d; max = Math.max(max, now); }
  return max;
}

/**
 * What an open or closed wait is on, as a list of parts (a race can wait on several things):
 * {kind: 'sleep', ms} for each distinct timer (lesson ms), then {kind: 'task', id, name} |
 * {kind: 'channel' | 'io' | 'external' | 'other'} from the WAIT record, or — when neither was
 * recorded — the cause of the wake that ended it (if it ended).
 */
export function waitParts(run, wait) {
  const parts = [];
  for (const ms of [...new Set(wait.sleeps ?? (wait.sleepMs !== null ? [wait.sleepMs] : []))].sort((a, b) => a - b)) {
    parts.push({ kind: 'sleep', ms });
  }
  const on = wait.waitFor;
  if (on) {
    if (on.cause === 'task') parts.push({ kind: 'task', id: on.task, name: run?.tasks.get(on.task)?.name ?? `task ${on.task}` });
    else parts.push({ kind: on.cause });
  } else if (parts.length === 0 && wait.on !== null && wait.on !== 'sleep' && wait.on !== 'self') {
    parts.push({ kind: wait.on === 'timer' ? 'timer' : wait.on });
  }
  return parts;
}

export const TASK_STATES = Object.freeze(['running', 'ready', 'waiting', 'done', 'cancelled']);

/**
 * Each task of the shown run and its state at runtime ms `now`, in lane order:
 * {id, name, depth, state: 'running' | 'ready' | 'waiting' | 'done' | 'cancelled',
 *  ready: {cause, by: name} (state ready), wait: {parts, remainingMs} (state waiting)}.
 * remainingMs is the lesson time left on the shortest timer, or null without a timer.
 */
export function taskStates(model, now) {
  const run = currentRun(model);
  if (!run) return [];
  return lanes(run).map(({ task, depth }) => {
    const row = { id: task.id, name: task.name, depth, state: 'done' };
    if (task.end) {
      row.state = task.end.kind === 'cancelled' ? 'cancelled' : 'done';
    } else if (run.end) {
      row.state = run.end.kind === 'cancelled' ? 'cancelled' : 'done';
    } else if (task.state === 'busy') {
      row.state = 'running';
    } else if (task.state === 'ready') {
      row.state = 'ready';
      const r = task.readies[task.readies.length - 1];
      const cause = r?.cause ?? 'other';
      const byId = r?.by ?? 0;
      const by = byId && byId !== task.id ? run.tasks.get(byId)?.name ?? '' : '';
      row.ready = { cause, by };
    } else if (task.state === 'waiting') {
      row.state = 'waiting';
      const w = task.waits[task.waits.length - 1];
      if (w) {
        const remainingMs = w.sleepMs === null
          ? null
          : Math.max(0, w.sleepMs - ((now - w.start) * model.speed));
        row.wait = { parts: waitParts(run, w), remainingMs };
      } else {
        row.wait = { parts: [], remainingMs: null };
      }
    }
    return row;
  });
}
