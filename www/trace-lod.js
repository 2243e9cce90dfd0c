// Bounds the trace model's memory by level of detail: the newest slices of each task stay in
// full, older ones merge into coarser ones, so a run of millions of records keeps a bounded
// number of objects and each record is still folded in O(1) amortised.
//
// The exact numbers (sums and counts, kept by trace-fold.js) never depend on the detail kept.
//
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
//   merged tick sums `polls`).

// A task's "no array of SLEEPs yet" in its poll (trace-fold.js), and a merged wait's SLEEPs.
export const NO_SLEEPS = Object.freeze([]);

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

/** Appends a task slice and keeps the global count; past the cap, compacts every task. */
export function pushSlice(model, list, slice) {
  list.push(slice);
  const { lod } = model;
  lod.stored++;
  if (lod.sweep) sweepSome(model);
  else if (lod.stored > lod.limit) startSweep(model);
}

/** Compacts a task once it holds 2 × keep + coarse polls. */
export function boundPolls(model, task) {
  if (task.polls.length >= 2 * model.lod.keep + model.lod.coarse) compactTask(model, task);
}

/** Merges a task's older wakes once it holds 2 × keep + coarse of them. */
export function boundWakes(model, task) {
  if (task.wakes.length >= 2 * model.lod.keep + model.lod.coarse) {
    compactList(task.wakes, model.lod.keep, model.lod.coarse, WAKES, model.lod);
  }
}

/** Merges the loop's older ticks once there are 2 × TICKS_KEEP + TICKS_COARSE of them. */
export function boundTicks(model) {
  if (model.ticks.length >= 2 * LOD.TICKS_KEEP + LOD.TICKS_COARSE) {
    compactList(model.ticks, LOD.TICKS_KEEP, LOD.TICKS_COARSE, TICKS);
  }
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
  if (target !== first) recycle(kind, first, lod);
  for (let i = from + 1; i < to; i++) {
    kind.absorb(target, list[i]);
    recycle(kind, list[i], lod);
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
  while (to < list.length && list[to].end <= cut) to++; // an open span's end, OPEN, is after any cut
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
      recycle(kind, list[j++], lod);
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
        recycle(kind, list[i + 1], lod);
      }
      list[w++] = list[i];
    }
    removeRange(list, w, m - w);
    if (lod) lod.stored -= m - w;
    m = w;
  }
}

/** Calls fn(task) for every task of every run (no array of 100,000 tasks is made for it). */
function eachTask(model, fn) {
  for (const run of model.runs.values()) {
    const { order, tasks } = run;
    for (let i = 0; i < order.length; i++) fn(tasks.get(order[i]));
  }
}

/** A sweep's place: the runs to walk (in model order) and the next task's run and lane. */
function newSweep(model) {
  return { runs: [...model.runs.values()], run: 0, next: 0 };
}

/**
 * Halves keep and coarse (once, or more while a level would merge nothing in any task: such a
 * pass would cost a visit of every task for no slice freed). Returns false at the minimum.
 */
function lowerDetail(model) {
  const { lod } = model;
  if (lod.keep <= LOD.KEEP_MIN && lod.coarse <= LOD.COARSE_MIN) return false;
  let detail = 0; // the most detail slices (polls or wakes) and merged segments any task holds
  let segments = 0;
  eachTask(model, (task) => {
    const pm = mergedPrefix(task.polls);
    const wm = mergedPrefix(task.wakes);
    detail = Math.max(detail, task.polls.length - pm, task.wakes.length - wm);
    segments = Math.max(segments, pm, wm);
  });
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
  if (!lowerDetail(model)) {
    // Only the number of tasks keeps it above: let the cap follow, so sweeps stay rare.
    lod.limit = 2 * lod.stored;
    return;
  }
  lod.sweep = newSweep(model);
  sweepSome(model);
}

/**
 * Compacts the next LOD.SWEEP_STEP tasks of the sweep under way. At the end of a pass: done if
 * half the cap is free, else one level lower and another pass (at the minimum, the cap follows).
 */
function sweepSome(model) {
  const { lod } = model;
  const sweep = lod.sweep;
  // Tasks spawned while the sweep runs join it (lanes only grow at the end of a run's order).
  for (let step = 0; step < LOD.SWEEP_STEP && sweep.run < sweep.runs.length;) {
    const { order, tasks } = sweep.runs[sweep.run];
    if (sweep.next >= order.length) {
      sweep.run++;
      sweep.next = 0;
      continue;
    }
    compactTask(model, tasks.get(order[sweep.next++]));
    step++;
  }
  if (sweep.run < sweep.runs.length) return;
  lod.sweep = null;
  if (lod.stored <= lod.limit / 2) return;
  if (lowerDetail(model)) lod.sweep = newSweep(model);
  else lod.limit = 2 * lod.stored;
}

// ---- recycling ----
// A run of 10,000 tasks folds some 250,000 records a second, and nearly every slice lives long
// enough to be promoted out of the young generation before it is merged away: the garbage
// collector then spends whole frames copying and sweeping them. Slices merged away are kept
// and the next slices of their kind reuse them, so a long run allocates little once its detail
// level has settled. A slice is only recycled once no list holds it; the page keeps none across
// frames except a chosen one, which it re-checks.
//
// A pool keeps up to two slices per task (at least POOL_MIN): when the tasks go in step (a
// gather of many that sleep alike), one task's waits are merged away while the others' are
// pushed, a wave of a slice or two per task, and a pool of 8,192 let the rest of each wave of
// 100,000 go to the collector, which then copied each new wave's slices out of the young
// generation (pauses of 25-90 ms, folding such a run in Node). A new model empties the pools
// (emptyPools): what they keep is at most what a model of that many tasks holds anyway.
const POOL_MIN = 8192;

/** Keeps a slice that no list holds any more for reuse by its kind. */
function recycle(kind, s, lod) {
  const pool = s.merged ? kind.mergedPool : kind.pool;
  if (pool.length < POOL_MIN || (lod && pool.length < 2 * lod.tasks)) pool.push(s);
}

/**
 * Lets the collector have the slices kept for reuse: a new model starts, and the old one may
 * go. The pools are the page's, shared by its models (an embed's new model empties them too,
 * which costs only their reuse).
 */
export function emptyPools() {
  for (const kind of [POLLS, WAITS, READIES, WAKES, TICKS]) {
    kind.pool.length = 0;
    kind.mergedPool.length = 0;
  }
}

// ---- slices ----
// Slices are objects of the classes below, never object literals, and a span still open ends
// at OPEN, a number. A time field that ever held null, or that shares its hidden class with an
// object literal {start, end, …} elsewhere in the page that holds a string, is a tagged field
// for V8: every time stored in it is then a new heap number, one or two per record, that lives
// as long as its slice, so young-generation collections copied and promoted them all (about
// 2.5 MB a second at 100,000 tasks). A class's objects share their hidden class with no other
// object.

/** The end of a span still open (a poll running, a wait not woken yet): later than any time. */
export const OPEN = Infinity;

/** A span's end, or `stop` while it is open. */
export const endOr = (s, stop) => (s.end === OPEN ? stop : s.end);

class Poll { start = 0; end = OPEN; n = 0; timed = true; held = false; nLast = 0; long = null; }
class Wait { start = 0; end = OPEN; on = null; sleepMs = null; sleeps = null; waitFor = null; endCause = null; endBy = 0; }
class Ready { start = 0; end = OPEN; cause = ''; by = 0; }
class Wake { time = 0; cause = ''; by = 0; }
class Tick { start = 0; end = OPEN; n = 0; ready = 0; polls = 0; budgetOut = false; }
class MergedPoll { start = 0; end = 0; n = 0; timed = false; merged = 1; sumMs = 0; maxMs = 0; cut = 0; nLast = 0; }
class MergedWait {
  start = 0; end = 0; on = null; sleepMs = null; sleeps = NO_SLEEPS; waitFor = null; endCause = null; endBy = 0;
  merged = 1; sumMs = 0; maxMs = 0; cut = 0;
}
class MergedReady { start = 0; end = 0; cause = ''; by = 0; merged = 1; sumMs = 0; maxMs = 0; cut = 0; }
class MergedWake { time = 0; end = 0; cause = ''; by = 0; merged = 1; cut = null; }
class MergedTick { start = 0; end = 0; n = 0; ready = 0; polls = 0; budgetOut = false; merged = 1; cut = null; }

// New detail slices, reused from the pools when they hold one.

export function newPoll(start, n) {
  const p = POLLS.pool.pop() ?? new Poll();
  // held: it held its run past a slice and goes on (nLast: its last poll so far); long: its
  // entry in run.longPolls, once it is one.
  p.start = start; p.end = OPEN; p.n = n; p.timed = true; p.held = false; p.nLast = n; p.long = null;
  return p;
}

export function newWait(start, on, sleepMs, sleeps, waitFor) {
  const w = WAITS.pool.pop() ?? new Wait();
  w.start = start; w.end = OPEN; w.on = on; w.sleepMs = sleepMs; w.sleeps = sleeps; w.waitFor = waitFor;
  w.endCause = null; w.endBy = 0;
  return w;
}

export function newReady(start, cause, by) {
  const r = READIES.pool.pop() ?? new Ready();
  r.start = start; r.end = OPEN; r.cause = cause; r.by = by;
  return r;
}

export function newWake(time, cause, by) {
  const w = WAKES.pool.pop() ?? new Wake();
  w.time = time; w.cause = cause; w.by = by;
  return w;
}

export function newTick(start, n, ready) {
  const t = TICKS.pool.pop() ?? new Tick();
  t.start = start; t.end = OPEN; t.n = n; t.ready = ready; t.polls = 0; t.budgetOut = false;
  return t;
}

// How each kind of slice starts a merged one (`fresh`) and takes in the next (`absorb`, which
// also takes merged ones). Merged slices count `merged` slices of `sumMs` together, the longest
// `maxMs`; fields the slices disagree on become null / 'mixed' / 0. mergeRange sets their `cut`.

const spanMs = (s) => endOr(s, s.start) - s.start;

function absorbSpan(target, s) {
  if (s.end !== OPEN && s.end > target.end) target.end = s.end;
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
    const m = POLLS.mergedPool.pop() ?? new MergedPoll();
    const ms = spanMs(p);
    m.start = p.start; m.end = endOr(p, p.start); m.n = p.n; m.timed = false;
    m.merged = 1; m.sumMs = ms; m.maxMs = p.timed ? ms : 0; m.nLast = p.n;
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
    const m = WAITS.mergedPool.pop() ?? new MergedWait();
    const ms = spanMs(w);
    m.start = w.start; m.end = endOr(w, w.start); m.on = w.on; m.merged = 1; m.sumMs = ms; m.maxMs = ms;
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
    const m = READIES.mergedPool.pop() ?? new MergedReady();
    const ms = spanMs(r);
    m.start = r.start; m.end = endOr(r, r.start); m.cause = r.cause; m.by = r.by; m.merged = 1; m.sumMs = ms; m.maxMs = ms;
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
    const m = WAKES.mergedPool.pop() ?? new MergedWake();
    m.time = w.time; m.end = w.time; m.cause = w.cause; m.by = w.by; m.merged = 1;
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
    const m = TICKS.mergedPool.pop() ?? new MergedTick();
    m.start = t.start; m.end = endOr(t, t.start); m.n = t.n; m.ready = t.ready; m.polls = t.polls;
    m.budgetOut = t.budgetOut; m.merged = 1;
    return m;
  },
  absorb(target, t) {
    if (t.end !== OPEN && t.end > target.end) target.end = t.end;
    target.ready = Math.max(target.ready, t.ready);
    target.polls += t.polls;
    target.budgetOut ||= t.budgetOut;
    target.merged += t.merged ?? 1;
  },
};
