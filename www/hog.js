// Loop hogs, in one place: the threshold (its default and bounds), the rule (a measured poll
// that held the loop at least the threshold), the key a hog is known by, and the hogs of a run.
// The timeline and its tooltip, the statistics, the Time panel and the export all ask this
// module, so a poll is a hog in every one of them or in none. Pure: no DOM.
//
// Durations are runtime ms (virtual ms in a virtual model): a poll's CPU time does not scale
// with the lesson speed.

import { OPEN, currentRun } from './trace.js';
import { LONG_POLL_BOUNDS_MS } from './trace-fold.js';

/** Polls that held the loop at least this long are hogs, unless the learner sets another threshold. */
export const DEFAULT_HOG_MS = 50;
/** The thresholds the learner may set (ms). */
export const HOG_MIN_MS = 1;
export const HOG_MAX_MS = 10_000;

/** The rule: a poll of `durationMs` is a hog at `thresholdMs`. */
export const isHog = (durationMs, thresholdMs) => durationMs >= thresholdMs;

/** The rule for one poll of the model (not merged): its end was measured (`timed`) and it is a hog. */
export const isHogPoll = (poll, thresholdMs) => Boolean(poll.timed) && poll.end !== OPEN && isHog(poll.end - poll.start, thresholdMs);

/** Key of a poll in a set of hogs: "<task id>:<poll n>". */
export const hogKey = (taskId, n) => `${taskId}:${n}`;

/** The threshold typed in a field: a number of ms in range, or null. */
export function parseThreshold(text) {
  const trimmed = String(text).trim();
  if (trimmed === '' || !/^[0-9]*[.,]?[0-9]+$/.test(trimmed)) return null;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) && value >= HOG_MIN_MS && value <= HOG_MAX_MS ? value : null;
}

/**
 * The run's kept long polls (the model's duration bands) that are hogs at `thresholdMs`, in
 * band order: a band whose every poll is shorter than the threshold is skipped unread.
 */
function* longHogs(run, thresholdMs) {
  for (let i = 0; i < run.longPolls.length; i++) {
    const upper = LONG_POLL_BOUNDS_MS[i + 1] ?? Infinity;
    if (upper <= thresholdMs) continue; // every poll of this band is shorter than the threshold
    for (const p of run.longPolls[i].polls) if (isHog(p.durationMs, thresholdMs)) yield p;
  }
}

/**
 * Polls of the shown run that held the loop at least `thresholdMs`, oldest first:
 * [{task (id), name, n (poll number), start (runtime ms), durationMs}]. Only polls whose end
 * was measured (`timed`) count. Kept apart from the slices, so merging never hides one; each
 * duration band keeps its newest LONG_POLLS_KEEP, and polls under LONG_POLL_BOUNDS_MS[0] are
 * never listed.
 */
export function hogPolls(model, thresholdMs = DEFAULT_HOG_MS) {
  const run = currentRun(model);
  if (!run) return [];
  const min = Number.isFinite(thresholdMs) ? thresholdMs : DEFAULT_HOG_MS;
  const out = [];
  for (const p of longHogs(run, min)) out.push({ ...p });
  return out.sort((a, b) => a.start - b.start || a.task - b.task || a.n - b.n);
}

/** The run's kept hog polls (as the model keeps them, not copied), task id → [poll], in band order. */
export function hogsByTask(run, thresholdMs) {
  const out = new Map();
  for (const hog of longHogs(run, thresholdMs)) {
    if (!out.has(hog.task)) out.set(hog.task, []);
    out.get(hog.task).push(hog);
  }
  return out;
}

/** A set of hogKey as task id → Set of poll numbers (for a lane's quick look), made once per set. */
const indexes = new WeakMap();
export function hogIndex(keys) {
  if (!keys || keys.size === 0) return null;
  let index = indexes.get(keys);
  if (!index) {
    index = new Map();
    for (const key of keys) {
      const [task, n] = key.split(':').map(Number);
      if (!index.has(task)) index.set(task, new Set());
      index.get(task).add(n);
    }
    indexes.set(keys, index);
  }
  return index;
}

/**
 * Whether a timeline slice of task `taskId` is a hog: a poll in `index` (hogIndex of hogPolls'
 * keys), or a merged slice whose longest poll reached the threshold. The timeline asks this for
 * every slice it paints, the tooltip (isHogSlice) for the one pointed at.
 */
export function isHogIn(index, taskId, slice, thresholdMs) {
  return Boolean(index?.get(taskId)?.has(slice.n)) || Boolean(slice.merged && isHog(slice.maxMs, thresholdMs));
}

/** isHogIn for a Set of hogKey (e.g. hogPolls'). */
export function isHogSlice(taskId, slice, keys, thresholdMs) {
  return isHogIn(hogIndex(keys), taskId, slice, thresholdMs);
}
