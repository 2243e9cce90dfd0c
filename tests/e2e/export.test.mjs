// Unit tests of www/export.js: the model as a Chrome Trace Event Format object, and the
// validator the tests use to check it. Synthetic records; no browser.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KIND } from '../../www/trace-records.js';
import { modelFrom } from './model-fixture.mjs';
import { toChromeTrace, validateChromeTrace } from '../../www/export.js';

const RUN = 5;
const names = { 1: 'main', 2: 'child', 3: 'lesson', 4: 'variant', 5: 'hello', 6: 'bye' };
const text = (id) => names[id] ?? '';

/** A model of run 5 that starts at runtime ms `start`, fed with [time, kind, task, a, b]. */
const modelOf = (records, { start = 100, virtual = false } = {}) =>
  modelFrom(records, { run: RUN, text, start, lesson: 3, variant: 4, virtual });

// main spawns child and awaits it; child prints, sleeps 1 s, is paused over, then holds the
// loop for 60 ms and finishes, which wakes main; main prints and finishes.
const LESSON = [
  [100, KIND.SPAWN, 1, 0, 1],
  [100.5, KIND.TICK_START, 0, 1, 1],
  [101, KIND.POLL_START, 1, 1],
  [101.5, KIND.SPAWN, 2, 1, 2],
  [101.5, KIND.WAIT, 1, 2, 2],
  [102, KIND.POLL_END, 1, 0, 1],
  [102, KIND.POLL_START, 2, 1],
  [102.5, KIND.PRINT, 2, 5],
  [102.5, KIND.SLEEP, 2, 1000, 1000],
  [103, KIND.POLL_END, 2, 0, 1],
  [103, KIND.TICK_END, 0, 2, 0],
  [200, KIND.PAUSE, 0, 1],
  [300, KIND.PAUSE, 0, 0],
  [1103, KIND.WAKE, 2, 1, 0],
  [1103.5, KIND.TICK_START, 0, 2, 1],
  [1104, KIND.POLL_START, 2, 2],
  [1163.9, KIND.WAKE, 1, 2, 2],
  [1164, KIND.POLL_END, 2, 1, 1],
  [1164, KIND.FINISH, 2],
  [1165, KIND.POLL_START, 1, 2],
  [1165.5, KIND.PRINT, 1, 6],
  [1166, KIND.POLL_END, 1, 1, 1],
  [1166, KIND.FINISH, 1],
  [1166, KIND.TICK_END, 0, 2, 0],
  [1167, KIND.RUN_END, 0, 1],
];

/** Complete events of one thread either nest or follow each other: none straddles another. */
function assertNested(events) {
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X') continue;
    const key = `${e.pid}/${e.tid}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const open = [];
    for (const e of list) {
      while (open.length > 0 && open[open.length - 1] <= e.ts + 1e-6) open.pop();
      const end = e.ts + e.dur;
      if (open.length > 0) assert.ok(end <= open[open.length - 1] + 1e-6, `${key}: "${e.name}" straddles the slice it starts in`);
      open.push(end);
    }
  }
}

describe('Chrome trace export', () => {
  const trace = toChromeTrace(modelOf(LESSON));
  const events = trace.traceEvents;
  const find = (pred) => events.filter(pred);

  test('a realistic run exports as a valid trace that survives JSON', () => {
    assert.deepEqual(validateChromeTrace(trace), []);
    assert.deepEqual(JSON.parse(JSON.stringify(trace)), trace);
    assert.equal(trace.displayTimeUnit, 'ms');
    assert.deepEqual(trace.otherData, {
      lesson: 'lesson', variant: 'variant', mode: 'real', exportedFrom: 'Loopscope', speed: 1, skipped: 0, anomalies: 0,
    });
    assertNested(events);
  });

  test('the run is a process and each task a thread, the loop first', () => {
    const meta = (name, tid) => find((e) => e.ph === 'M' && e.name === name && e.tid === tid && e.pid === RUN);
    assert.equal(meta('process_name', 0)[0].args.name, 'lesson/variant');
    assert.equal(meta('thread_name', 0)[0].args.name, 'event loop');
    assert.equal(meta('thread_name', 1)[0].args.name, 'main');
    assert.equal(meta('thread_name', 2)[0].args.name, 'child');
    assert.deepEqual([0, 1, 2].map((tid) => meta('thread_sort_index', tid)[0].args.sort_index), [0, 1, 2]);
  });

  test('polls are complete events in µs since the run’s start; the 60 ms one is flagged', () => {
    const polls = find((e) => e.cat === 'poll');
    assert.deepEqual(polls.map((e) => [e.tid, e.args.poll, e.ts, e.dur]), [
      [1, 1, 1000, 1000], [2, 1, 2000, 1000], [2, 2, 1_004_000, 60_000], [1, 2, 1_065_000, 1000],
    ]);
    const hog = polls.find((e) => e.args.hog);
    assert.deepEqual([hog.tid, hog.args.poll, hog.cname], [2, 2, 'terrible']);
    assert.equal(polls.filter((e) => e.args.hog).length, 1);
  });

  test('waits say what they wait on, readies why the task was ready', () => {
    assert.deepEqual(find((e) => e.cat === 'wait').map((e) => [e.tid, e.name]), [[1, 'wait: task child'], [2, 'wait: sleep 1000 ms']]);
    const readies = find((e) => e.cat === 'ready');
    assert.ok(readies.some((e) => e.tid === 2 && e.name === 'ready: timer' && e.ts === 1_003_000 && e.dur === 1000));
    assert.ok(readies.some((e) => e.tid === 1 && e.name === 'ready: task' && e.args.by === 'child'));
  });

  test('each wake is a flow from its waker to the poll it led to', () => {
    const starts = find((e) => e.ph === 's');
    const ends = find((e) => e.ph === 'f');
    assert.equal(starts.length, 2);
    assert.equal(ends.length, 2);
    const timer = starts.find((e) => e.args.cause === 'timer');
    assert.deepEqual([timer.tid, timer.ts], [0, 1_003_000], 'a timer’s wake comes from the loop');
    const byChild = starts.find((e) => e.args.cause === 'task');
    assert.deepEqual([byChild.tid, byChild.ts], [2, 1_063_900], 'a task’s wake comes from its waker');
    for (const s of starts) {
      const f = ends.find((e) => e.id === s.id);
      assert.equal(f.bp, 'e');
      assert.equal(f.cat, 'wake');
      const poll = find((e) => e.cat === 'poll' && e.tid === f.tid && e.ts <= f.ts && f.ts <= e.ts + e.dur);
      assert.equal(poll.length, 1, 'the flow ends inside the woken task’s next poll');
    }
  });

  test('prints, ends and pauses are instants; loop ticks are on the loop’s thread', () => {
    assert.deepEqual(find((e) => e.cat === 'print').map((e) => [e.ph, e.s, e.tid, e.name]), [['i', 't', 2, 'hello'], ['i', 't', 1, 'bye']]);
    assert.deepEqual(find((e) => e.cat === 'pause').map((e) => [e.name, e.s, e.ts]), [['paused', 'p', 100_000], ['resumed', 'p', 200_000]]);
    assert.deepEqual(find((e) => e.cat === 'task').map((e) => [e.tid, e.name]), [[2, 'finished'], [1, 'finished']]);
    assert.deepEqual(find((e) => e.cat === 'tick').map((e) => [e.tid, e.ts, e.dur]), [[0, 500, 2500], [0, 1_003_500, 62_500]]);
  });

  test('a virtual run exports virtual ms as its µs, and leaves out the real-clock ticks', () => {
    const virtual = toChromeTrace(modelOf([
      [0, KIND.SPAWN, 1, 0, 1],
      [73_000, KIND.TICK_START, 0, 1, 1],
      [0, KIND.POLL_START, 1, 1],
      [0, KIND.SLEEP, 1, 2000, 0],
      [0.25, KIND.POLL_END, 1, 0, 1],
      [2000.25, KIND.WAKE, 1, 1, 0],
      [2000.25, KIND.POLL_START, 1, 2],
      [2000.5, KIND.POLL_END, 1, 1, 1],
      [2000.5, KIND.FINISH, 1],
      [73_001, KIND.TICK_END, 0, 2, 0],
    ], { start: 0, virtual: true }));
    assert.deepEqual(validateChromeTrace(virtual), []);
    assert.equal(virtual.otherData.mode, 'virtual');
    const second = virtual.traceEvents.find((e) => e.cat === 'poll' && e.args.poll === 2);
    assert.deepEqual([second.ts, second.dur], [2_000_250, 250]);
    assert.equal(virtual.traceEvents.filter((e) => e.cat === 'tick').length, 0);
    assert.ok(virtual.traceEvents.every((e) => e.ts <= 2_000_500), 'nothing on the real clock');
  });

  test('a long run exports its merged history as segments, with its hog nested inside', () => {
    const records = [[100, KIND.SPAWN, 1, 0, 1]];
    let t = 100;
    const POLLS = 20_000;
    for (let n = 1; n <= POLLS; n++) {
      records.push([t += 1, KIND.POLL_START, 1, n]);
      records.push([t += n === 3 ? 70 : 1, KIND.POLL_END, 1, 0, 1]);
      records.push([t += 1, KIND.WAKE, 1, 1, 0]);
    }
    const long = toChromeTrace(modelOf(records));
    assert.deepEqual(validateChromeTrace(long), []);
    const all = long.traceEvents;
    assertNested(all);
    const segments = all.filter((e) => e.cat === 'merged');
    assert.ok(segments.length > 0);
    const detail = all.filter((e) => e.cat === 'poll' && !e.args.hog);
    assert.equal(segments.reduce((n, e) => n + e.args.polls, 0) + detail.length, POLLS, 'every poll is in a segment or in detail');
    const hog = all.find((e) => e.cat === 'poll' && e.args.poll === 3);
    assert.ok(hog.args.hog);
    assert.ok(segments.some((s) => s.ts <= hog.ts && hog.ts + hog.dur <= s.ts + s.dur), 'the hog lies inside its segment');
  });
});

describe('Chrome trace validator', () => {
  const ok = { name: 'poll 1', cat: 'poll', ph: 'X', ts: 0, dur: 5, pid: 1, tid: 1 };
  const broken = [
    ['a missing name', { ...ok, name: undefined }, 'name'],
    ['a missing ts', { ...ok, ts: undefined }, 'ts'],
    ['a ts that is not a number', { ...ok, ts: Number.NaN }, 'ts'],
    ['a missing pid', { ...ok, pid: undefined }, 'pid'],
    ['a missing tid', { ...ok, tid: 'main' }, 'tid'],
    ['an unknown phase', { ...ok, ph: 'Z' }, 'ph'],
    ['a complete event without dur', { ...ok, dur: undefined }, 'dur'],
    ['a flow start without id', { name: 'wake', cat: 'wake', ph: 's', ts: 0, pid: 1, tid: 1 }, 'id'],
    ['an instant without scope', { name: 'hi', ph: 'i', ts: 0, pid: 1, tid: 1 }, 'scope'],
    ['a thread name without args.name', { name: 'thread_name', ph: 'M', ts: 0, pid: 1, tid: 1, args: {} }, 'args.name'],
    ['an unknown metadata event', { name: 'thread_colour', ph: 'M', ts: 0, pid: 1, tid: 1, args: { name: 'x' } }, 'metadata'],
    ['a flow end with no start', { name: 'wake', cat: 'wake', ph: 'f', bp: 'e', id: 9, ts: 0, pid: 1, tid: 1 }, 'flow start'],
  ];

  test('a well-formed trace has no errors', () => {
    assert.deepEqual(validateChromeTrace({ traceEvents: [ok], displayTimeUnit: 'ms' }), []);
  });

  for (const [what, event, word] of broken) {
    test(`an event with ${what} is an error`, () => {
      const errors = validateChromeTrace({ traceEvents: [ok, event] });
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0], /^event 1 /);
      assert.ok(errors[0].includes(word), errors[0]);
    });
  }

  test('a trace that is not the JSON object form is an error', () => {
    assert.equal(validateChromeTrace([ok]).length, 1);
    assert.equal(validateChromeTrace({ events: [ok] }).length, 1);
    assert.equal(validateChromeTrace({ traceEvents: [ok], displayTimeUnit: 's' }).length, 1);
  });
});
