// Answers the page's questions about the trace model: which run is shown, its time scale, its
// lanes, how many tasks are in each state, and what a wait is on. The model is made and fed by
// trace-fold.js (records → model), whose old detail trace-lod.js bounds.

import { OPEN, endOr } from './trace-lod.js';

// The page's wiring (app.js, runtime.js) makes and feeds its model through this module.
export { createModel, ingest } from './trace-fold.js';
// A slice's end while it is open, and its end or a stand-in: what the views read slices by.
export { OPEN, endOr };

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
 * How many tasks of `run` are running, ready, waiting and ended (done, raised or cancelled), as
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

/** Names a wait on several tasks (a gather) carries at most: the label says how many in all. */
export const GATHER_NAMES_SHOWN = 3;

/** Per wait on several tasks: how many had ended, and the run's end marks it was taken at. */
const gatherDone = new WeakMap();

/**
 * How many of `ids` had ended by the wait's end (or by now, while it is open). A gather of
 * 100,000 tasks is asked every frame: the count is kept per wait and taken again only when a
 * task of the run has ended since (an open wait) or once more when the wait closes.
 */
function endedOf(run, wait, ids) {
  const key = wait.end !== OPEN ? 'closed' : run?.endMarks;
  const kept = gatherDone.get(wait);
  if (kept && kept.key === key) return kept.done;
  let done = 0;
  for (const id of ids) {
    const end = run?.tasks.get(id)?.end;
    if (end && end.time <= wait.end) done += 1; // an open wait's end, OPEN, is after any
  }
  gatherDone.set(wait, { key, done });
  return done;
}

/**
 * What an open or closed wait is on, as a list of parts (a race can wait on several things):
 * {kind: 'sleep', ms} for each distinct timer (lesson ms), then {kind: 'task', id, name} |
 * {kind: 'tasks', ids, count, names, done} (several at once, a gather: all their ids, how many,
 * the names of the first GATHER_NAMES_SHOWN; done: how many had ended by the wait's end, or by
 * now) | {kind: 'channel' | 'io' | 'external' | 'other'} from the
 * WAIT record, or — when neither was recorded — from the cause of the wake that ended it (if
 * it ended): {kind: 'taskAnon'} (another task, not named) | 'timer' | 'channel' | 'io' |
 * 'external' | 'other'.
 */
export function waitParts(run, wait) {
  const parts = [];
  // Two SLEEPs or more: their array; one: sleepMs (trace-fold.js makes no array for it).
  if (wait.sleeps?.length > 0) {
    for (const ms of [...new Set(wait.sleeps)].sort((a, b) => a - b)) parts.push({ kind: 'sleep', ms });
  } else if (wait.sleepMs !== null) {
    parts.push({ kind: 'sleep', ms: wait.sleepMs });
  }
  const on = wait.waitFor;
  const nameOf = (id) => run?.tasks.get(id)?.name ?? `task ${id}`;
  if (on) {
    if (on.cause === 'task' && on.tasks?.length > 1) {
      // All of them: a gather waits on each, not on the last one it names.
      const names = on.tasks.slice(0, GATHER_NAMES_SHOWN).map(nameOf);
      parts.push({ kind: 'tasks', ids: on.tasks, count: on.tasks.length, names, done: endedOf(run, wait, on.tasks) });
    } else if (on.cause === 'task') parts.push({ kind: 'task', id: on.task, name: nameOf(on.task) });
    else parts.push({ kind: WAIT_KINDS.has(on.cause) ? on.cause : 'other' });
  } else if (parts.length === 0 && wait.on !== null && wait.on !== 'sleep' && wait.on !== 'self') {
    // Known only from what woke it (no WAIT record named what it awaited): a task, unnamed.
    parts.push({ kind: wait.on === 'task' ? 'taskAnon' : WAIT_KINDS.has(wait.on) ? wait.on : 'other' });
  }
  return parts;
}

/**
 * Of the parts of a wait (waitParts), the one whose wake ended it: the shortest timer for a
 * timer's wake, the task (or the gather) the waking task was awaited as, the channel, I/O or
 * external event; null while it is open, or when what woke it was none of them (a cancel).
 */
export function endingPart(run, wait, parts) {
  if (wait.end === OPEN || !wait.endCause) return null;
  const by = wait.endBy;
  switch (wait.endCause) {
    case 'timer': return parts.find((p) => p.kind === 'sleep') ?? null; // sorted: the shortest first
    case 'task':
      return parts.find((p) => (p.kind === 'task' && p.id === by) || (p.kind === 'tasks' && p.ids.includes(by))) ?? null;
    default: return parts.find((p) => p.kind === wait.endCause) ?? null;
  }
}

export const TASK_STATES = Object.freeze(['running', 'ready', 'waiting', 'done', 'raised', 'cancelled']);

/** A task's state as the page names it: one of TASK_STATES. */
export function taskState(run, task) {
  if (task.end) return task.end.kind === 'finished' ? 'done' : task.end.kind;
  if (run.end) return run.end.kind === 'cancelled' ? 'cancelled' : 'done';
  if (task.state === 'busy') return 'running';
  if (task.state === 'ready' || task.state === 'waiting') return task.state;
  return 'done';
}

/**
 * Each task of the shown run (the first `limit` of them) and its state at runtime ms `now`,
 * in lane order:
 * {id, name, depth, state: 'running' | 'ready' | 'waiting' | 'done' | 'raised' | 'cancelled',
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
