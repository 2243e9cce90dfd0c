// Per-task statistics (the loop hogs are hog.js's), read from the model of www/trace.js. Pure: no DOM.
//
// Times are runtime ms (virtual ms in a virtual model), not lesson ms: a poll's CPU time does not
// scale with the lesson speed. Every number comes from the running sums the model keeps as
// records arrive, so it is exact even where old slices were merged to bound memory.

import { OPEN, currentRun, TASK_STATES, taskState } from './trace.js';

/** The row keys sortStats knows; `name` and `state` sort as text and by life-cycle order. */
export const STAT_KEYS = Object.freeze([
  'id', 'name', 'state', 'polls', 'wakes', 'selfWakes', 'busyMs', 'idleMs', 'readyMs', 'totalMs', 'maxPollMs',
]);

function openSpan(spans) {
  const last = spans[spans.length - 1];
  return last && last.end === OPEN ? last : null;
}

/**
 * One row per task of the shown run (the first `limit` of them), in lane order, at runtime ms `now`:
 * {id, name, state, polls, wakes, selfWakes, busyMs, idleMs, readyMs, totalMs, maxPollMs}.
 * busy = time inside polls, ready = woken (or spawned) but not yet polled (scheduling delay,
 * paused time included), idle = waiting; busy + ready + idle = total = spawn → end (or `now`,
 * or the run's end). wakes counts every wake, selfWakes those the task made itself (a yield).
 * maxPollMs is the longest measured poll (polls in a burst are not measured one by one).
 */
export function taskStats(model, now, limit = Infinity) {
  const run = currentRun(model);
  if (!run) return [];
  const stop = run.end ? run.end.time : now;
  const n = Math.min(run.order.length, limit);
  const rows = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = statRow(run, run.tasks.get(run.order[i]), stop);
  return rows;
}

function statRow(run, task, stop) {
  const s = task.sums;
  const until = task.end ? task.end.time : stop;
  const openMs = (span) => (span ? Math.max(0, until - span.start) : 0);
  return {
    id: task.id,
    name: task.name,
    state: taskState(run, task),
    polls: s.polls,
    wakes: s.wakes,
    selfWakes: s.selfWakes,
    busyMs: s.busyMs + openMs(openSpan(task.polls)),
    idleMs: s.idleMs + openMs(openSpan(task.waits)),
    readyMs: s.readyMs + openMs(openSpan(task.readies)),
    totalMs: Math.max(0, until - task.spawned),
    maxPollMs: s.maxPollMs,
  };
}

/** One statistic of a task, as its taskStats row holds it (state as its rank in TASK_STATES). */
function statValue(run, task, key, stop) {
  const s = task.sums;
  const until = task.end ? task.end.time : stop;
  const open = (spans) => {
    const span = openSpan(spans);
    return span ? Math.max(0, until - span.start) : 0;
  };
  switch (key) {
    case 'id': return task.id;
    case 'name': return task.name;
    case 'state': return TASK_STATES.indexOf(taskState(run, task));
    case 'busyMs': return s.busyMs + open(task.polls);
    case 'idleMs': return s.idleMs + open(task.waits);
    case 'readyMs': return s.readyMs + open(task.readies);
    case 'totalMs': return Math.max(0, until - task.spawned);
    default: return s[key];
  }
}

// Made on the first sort by name, not when the page loads: a collator loads the browser's
// collation data, some 20 ms on the page's start-up path.
let collator = null;
const collate = (a, b) => (collator ??= new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })).compare(a, b);

/**
 * The first `limit` rows of sortStats(taskStats(model, now), key, dir), without building or
 * sorting a row per task: O(tasks × log limit), so a table of the top 100 of 10,000 tasks stays
 * cheap enough to refresh while the run is live.
 */
export function topStats(model, now, key, dir = 'asc', limit = Infinity) {
  const run = currentRun(model);
  if (!run) return [];
  const stop = run.end ? run.end.time : now;
  const sign = dir === 'desc' || dir === 'descending' ? -1 : 1;
  const n = run.order.length;
  const values = new Array(n);
  for (let i = 0; i < n; i++) values[i] = statValue(run, run.tasks.get(run.order[i]), key, stop);
  const text = typeof values[0] === 'string';
  const before = (i, j) => {
    const c = text ? collate(values[i], values[j]) : compare(values[i], values[j]);
    return sign * c < 0 || (c === 0 && i < j);
  };
  // The best `limit` lane indices, best first; each newcomer is placed by binary search.
  const top = [];
  const cap = Math.min(limit, n);
  for (let i = 0; i < n; i++) {
    if (top.length === cap && !before(i, top[cap - 1])) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(top[mid], i)) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, i);
    if (top.length > cap) top.pop();
  }
  return top.map((i) => statRow(run, run.tasks.get(run.order[i]), stop));
}

/**
 * A sorted copy of `rows` (taskStats rows). dir: 'asc' | 'desc' (or 'ascending' |
 * 'descending', as aria-sort says). Numbers sort by value, names as text (numbers inside names
 * by value: task 2 before task 10), states in life-cycle order; ties keep lane order.
 */
export function sortStats(rows, key, dir = 'asc') {
  const sign = dir === 'desc' || dir === 'descending' ? -1 : 1;
  const rank = (row) => {
    const v = row[key];
    return key === 'state' ? TASK_STATES.indexOf(v) : v;
  };
  return rows
    .map((row, i) => ({ row, i, v: rank(row) }))
    .sort((x, y) => sign * compare(x.v, y.v) || x.i - y.i)
    .map((e) => e.row);
}

function compare(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a == null || b == null) return (a == null) - (b == null); // missing values last
  return collate(String(a), String(b));
}
