// The model of www/trace.js as a Chrome Trace Event Format object (JSON object form), so a run
// can be opened in a trace viewer. Pure: no DOM; the caller serialises and downloads it.
//
// pid = run id, tid = task id; the loop's ticks (and wakes from outside any task, e.g. timers)
// are on tid 0, "event loop". Timestamps are µs since the first exported run's start: runtime
// time in a real run (the CPU's time, not lesson time), virtual ms × 1000 in a virtual run
// (whose export has no ticks: they stay on the real clock).
// Where old slices were merged to bound memory (see trace-lod.js), each merged segment is one
// "merged" slice carrying the segment's counts and sums, with its hog polls nested inside.

import { OPEN, currentRun, endOr, lanes, waitParts } from './trace.js';
import { lastCut } from './trace-lod.js';
import { DEFAULT_HOG_MS, hogsByTask, isHogPoll } from './hog.js';

/** The loop's lane in the export: ticks, and the waker of wakes from outside the tasks. */
export const LOOP_TID = 0;

// A flow's end sits this far (µs) inside the poll it points at, so a viewer that binds to the
// enclosing slice finds the poll open there, whatever order it reads events of one instant.
const FLOW_INSET_US = 0.5;

const round3 = (x) => Math.round(x * 1000) / 1000;

/**
 * The whole model as {traceEvents, displayTimeUnit: 'ms', otherData: {lesson, variant, mode,
 * exportedFrom: 'Loopscope', speed, skipped, anomalies}}. Polls of at least `hogMs` (measured
 * ones) carry args.hog and cname 'terrible'.
 */
export function toChromeTrace(model, { hogMs = DEFAULT_HOG_MS } = {}) {
  const shown = currentRun(model);
  const runs = [...model.runs.values()];
  const starts = runs.map((r) => r.start).filter((t) => t !== null);
  const origin = starts.length > 0 ? Math.min(...starts) : model.t0;
  const us = (t) => round3((t - origin) * 1000);
  const meta = [];
  const events = [];
  let flowId = 0; // unique in the whole trace: viewers match flows by cat, name and id

  for (const run of runs) {
    const pid = run.id;
    const stop = run.end?.time ?? run.lastTime ?? origin;
    const label = run.lesson ? `${run.lesson}/${run.variant}` : `run ${run.id}`;
    meta.push(metaEvent('process_name', pid, LOOP_TID, { name: label }));
    meta.push(metaEvent('thread_name', pid, LOOP_TID, { name: 'event loop' }));
    meta.push(metaEvent('thread_sort_index', pid, LOOP_TID, { sort_index: 0 }));
    const hogsBefore = mergedHogs(run, hogMs);
    lanes(run).forEach(({ task }, i) => {
      const tid = task.id;
      meta.push(metaEvent('thread_name', pid, tid, { name: task.name }));
      meta.push(metaEvent('thread_sort_index', pid, tid, { sort_index: i + 1 }));
      const span = (name, cat, start, end, args) => {
        const ts = us(start);
        return { name, cat, ph: 'X', ts, dur: Math.max(0, round3(us(end === OPEN ? stop : end) - ts)), pid, tid, args };
      };
      exportSegments(task, span, events);
      for (const hog of hogsBefore.get(tid) ?? []) {
        events.push({
          ...span(`poll ${hog.n}`, 'poll', hog.start, hog.start + hog.durationMs, { poll: hog.n, hog: true }),
          cname: 'terrible',
        });
      }
      const detailPolls = [];
      for (const p of task.polls) {
        if (p.merged) continue;
        const args = { poll: p.n };
        if (!p.timed) args.timed = false;
        const event = span(`poll ${p.n}`, 'poll', p.start, p.end, args);
        if (isHogPoll(p, hogMs)) {
          args.hog = true;
          event.cname = 'terrible';
        }
        events.push(event);
        detailPolls.push(event);
      }
      for (const w of task.waits) {
        if (w.merged) continue;
        const on = waitLabel(run, w);
        events.push(span(`wait: ${on}`, 'wait', w.start, w.end, { on }));
      }
      for (const r of task.readies) {
        if (r.merged) continue;
        const by = r.by ? run.tasks.get(r.by)?.name ?? `task ${r.by}` : '';
        events.push(span(`ready: ${r.cause}`, 'ready', r.start, r.end, { cause: r.cause, by }));
      }
      // Each wake is an arrow from the waker (the loop for timers and outside sources) to the
      // poll it led to: the task's first poll that starts at or after it.
      let next = 0;
      for (const wake of task.wakes) {
        if (wake.merged) continue;
        const ts = us(wake.time);
        while (next < detailPolls.length && detailPolls[next].ts < ts) next++;
        const poll = detailPolls[next];
        if (!poll) break;
        const id = ++flowId;
        const from = wake.by && run.tasks.has(wake.by) ? wake.by : LOOP_TID;
        events.push({ name: 'wake', cat: 'wake', ph: 's', id, ts, pid, tid: from, args: { cause: wake.cause } });
        events.push({
          name: 'wake', cat: 'wake', ph: 'f', bp: 'e', id,
          ts: round3(poll.ts + Math.min(FLOW_INSET_US, poll.dur / 2)), pid, tid,
        });
      }
      if (task.end) {
        events.push({ name: task.end.kind, cat: 'task', ph: 'i', s: 't', ts: us(task.end.time), pid, tid });
      }
    });
    for (const p of run.prints) {
      events.push({ name: p.text || '(empty line)', cat: 'print', ph: 'i', s: 't', ts: us(p.time), pid, tid: p.task, args: { text: p.text } });
    }
    for (const p of run.pauses) {
      events.push({ name: 'paused', cat: 'pause', ph: 'i', s: 'p', ts: us(p.start), pid, tid: LOOP_TID });
      if (p.end !== null) events.push({ name: 'resumed', cat: 'pause', ph: 'i', s: 'p', ts: us(p.end), pid, tid: LOOP_TID });
    }
  }

  // Ticks belong to no run: show those since the shown run started, on its process. They are
  // on the real clock, which a virtual run's time does not follow: a virtual export has none.
  const loopRun = shown ?? runs[0];
  if (loopRun && !model.virtual) {
    const since = loopRun.start ?? model.t0;
    const stop = loopRun.end?.time ?? loopRun.lastTime ?? since;
    for (const tick of model.ticks) {
      if (tick.start < since) continue;
      const ts = us(tick.start);
      const dur = Math.max(0, round3(us(endOr(tick, stop)) - ts));
      const args = tick.merged
        ? { ticks: tick.merged, firstTick: tick.n, polls: tick.polls, budgetOut: tick.budgetOut }
        : { tick: tick.n, ready: tick.ready, polls: tick.polls, budgetOut: tick.budgetOut };
      const name = tick.merged ? `${tick.merged} ticks (merged)` : `tick ${tick.n}`;
      events.push({ name, cat: tick.merged ? 'merged' : 'tick', ph: 'X', ts, dur, pid: loopRun.id, tid: LOOP_TID, args });
    }
  }

  events.sort((a, b) => a.ts - b.ts); // stable: a slice stays before the flow ends inside it
  return {
    traceEvents: [...meta, ...events],
    displayTimeUnit: 'ms',
    otherData: {
      lesson: shown?.lesson ?? '', variant: shown?.variant ?? '',
      mode: model.virtual ? 'virtual' : 'real',
      exportedFrom: 'Loopscope',
      speed: model.virtual ? 1 : model.speed,
      skipped: model.skipped, anomalies: model.anomalies,
    },
  };
}

function metaEvent(name, pid, tid, args) {
  return { name, ph: 'M', ts: 0, pid, tid, args };
}

/** One slice per merged segment of a task: what its polls, waits and readies added up to. */
function exportSegments(task, span, events) {
  const byCut = (list) => new Map(list.filter((s) => s.merged).map((s) => [s.cut, s]));
  const waits = byCut(task.waits);
  const readies = byCut(task.readies);
  let start = task.spawned;
  for (const p of task.polls) {
    if (!p.merged) break;
    const w = waits.get(p.cut);
    const r = readies.get(p.cut);
    events.push(span(`${p.merged} polls (merged)`, 'merged', start, p.cut, {
      polls: p.merged, firstPoll: p.n, lastPoll: p.nLast,
      busyMs: round3(p.sumMs), maxPollMs: round3(p.maxMs),
      waits: w?.merged ?? 0, idleMs: round3(w?.sumMs ?? 0),
      readies: r?.merged ?? 0, readyMs: round3(r?.sumMs ?? 0),
    }));
    start = p.cut;
  }
}

/** The run's kept hog polls that lie in merged segments (detail polls are exported as such). */
function mergedHogs(run, hogMs) {
  const out = new Map();
  for (const [taskId, hogs] of hogsByTask(run, hogMs)) {
    const cut = lastCut(run.tasks.get(taskId) ?? { polls: [] });
    const before = cut === null ? [] : hogs.filter((hog) => hog.start < cut);
    if (before.length > 0) out.set(taskId, before);
  }
  return out;
}

/** What a wait was on, in plain words: "sleep 1000 ms | channel", "task fetch", "timer". */
function waitLabel(run, wait) {
  const parts = waitParts(run, wait).map((p) => {
    switch (p.kind) {
      case 'sleep': return `sleep ${p.ms} ms`;
      case 'task': return `task ${p.name}`;
      default: return p.kind;
    }
  });
  if (parts.length > 0) return parts.join(' | ');
  return wait.on ?? 'unknown';
}

const PHASES = new Set(['B', 'E', 'X', 'i', 'I', 'C', 'b', 'n', 'e', 's', 't', 'f', 'P', 'O', 'N', 'D', 'M', 'R', 'c', '(', ')']);
const METADATA = new Set(['process_name', 'process_labels', 'process_sort_index', 'thread_name', 'thread_sort_index']);
const INSTANT_SCOPES = new Set(['g', 'p', 't']);
const isId = (v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/**
 * Checks an object against the Trace Event Format's rules for the events it holds: returns one
 * message per problem ([] = valid). Checks: the JSON object form (traceEvents array,
 * displayTimeUnit 'ms' | 'ns'), and per event name, ph, ts (finite, ≥ 0), pid and tid
 * (integers); dur (finite, ≥ 0) for X; id for s / t / f, and bp 'e' if given; scope s of
 * g / p / t for instants; a known name and args.name (or args.sort_index) for M; args an
 * object; every flow end has a start with the same cat, name and id; all of it JSON-safe.
 */
export function validateChromeTrace(obj) {
  const errors = [];
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return ['the trace is not a JSON object'];
  if (!Array.isArray(obj.traceEvents)) return ['traceEvents is not an array'];
  if (obj.displayTimeUnit !== undefined && obj.displayTimeUnit !== 'ms' && obj.displayTimeUnit !== 'ns') {
    errors.push(`displayTimeUnit is ${JSON.stringify(obj.displayTimeUnit)}, not "ms" or "ns"`);
  }
  try {
    JSON.stringify(obj);
  } catch (e) {
    errors.push(`the trace does not serialise to JSON: ${e.message}`);
  }
  const flowStarts = new Set();
  const flowEnds = [];
  obj.traceEvents.forEach((e, i) => {
    const at = `event ${i}`;
    if (e === null || typeof e !== 'object' || Array.isArray(e)) { errors.push(`${at}: not an object`); return; }
    const what = `${at} (${e.ph} ${JSON.stringify(e.name)})`;
    if (typeof e.name !== 'string' || e.name === '') errors.push(`${what}: name is not a non-empty string`);
    if (typeof e.ph !== 'string' || !PHASES.has(e.ph)) errors.push(`${what}: ph is not a known phase`);
    if (typeof e.ts !== 'number' || !Number.isFinite(e.ts) || e.ts < 0) errors.push(`${what}: ts is not a finite number ≥ 0`);
    if (!Number.isInteger(e.pid)) errors.push(`${what}: pid is not an integer`);
    if (!Number.isInteger(e.tid)) errors.push(`${what}: tid is not an integer`);
    if (e.args !== undefined && (e.args === null || typeof e.args !== 'object' || Array.isArray(e.args))) {
      errors.push(`${what}: args is not an object`);
    }
    if (e.cname !== undefined && typeof e.cname !== 'string') errors.push(`${what}: cname is not a string`);
    switch (e.ph) {
      case 'X':
        if (typeof e.dur !== 'number' || !Number.isFinite(e.dur) || e.dur < 0) errors.push(`${what}: dur is not a finite number ≥ 0`);
        break;
      case 's': case 't': case 'f': {
        if (!isId(e.id)) { errors.push(`${what}: flow event without an id`); break; }
        if (e.bp !== undefined && e.bp !== 'e') errors.push(`${what}: bp is ${JSON.stringify(e.bp)}, not "e"`);
        const key = JSON.stringify([e.cat ?? '', e.name, e.id]);
        if (e.ph === 's') flowStarts.add(key);
        else flowEnds.push([key, what]);
        break;
      }
      case 'i': case 'I':
        if (!INSTANT_SCOPES.has(e.s)) errors.push(`${what}: instant scope s is not "g", "p" or "t"`);
        break;
      case 'M':
        if (!METADATA.has(e.name)) { errors.push(`${what}: unknown metadata name`); break; }
        if (e.name.endsWith('_sort_index')) {
          if (!Number.isInteger(e.args?.sort_index)) errors.push(`${what}: args.sort_index is not an integer`);
        } else if (e.name === 'process_labels') {
          if (typeof e.args?.labels !== 'string') errors.push(`${what}: args.labels is not a string`);
        } else if (typeof e.args?.name !== 'string') {
          errors.push(`${what}: args.name is not a string`);
        }
        break;
      default:
        break;
    }
  });
  for (const [key, what] of flowEnds) {
    if (!flowStarts.has(key)) errors.push(`${what}: no flow start with the same cat, name and id`);
  }
  return errors;
}
