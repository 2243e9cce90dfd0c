// Unit tests of www/stats.js: per-task statistics, sorting and loop hogs, from synthetic
// records in the layout of crate/trace/record.rs. No browser.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KIND } from '../../www/trace-records.js';
import { fold } from '../../www/trace-fold.js';
import { currentRun } from '../../www/trace.js';
import { modelFrom } from './model-fixture.mjs';
import { hogPolls } from '../../www/hog.js';
import { sortStats, taskStats } from '../../www/stats.js';

const RUN = 4;
const names = { 1: 'main', 2: 'task 10', 3: 'task 2', 8: 'lesson', 9: 'variant' };
const text = (id) => names[id] ?? '';

/** A model of run 4 fed with `records` ([time ms, kind, task, a, b]). */
const modelOf = (records) => modelFrom(records, { run: RUN, text, lesson: 8, variant: 9 });

// main: spawned at 0, ready 1 ms; poll 1 takes 2 ms and sleeps; the timer wakes it at 10; ready
// 2 ms; poll 2 wakes itself (a yield) and goes back to ready for 2 ms; poll 3 finishes at 16.
const LIFE = [
  [0, KIND.SPAWN, 1, 0, 1],
  [1, KIND.POLL_START, 1, 1],
  [1, KIND.SLEEP, 1, 7, 7],
  [3, KIND.POLL_END, 1, 0, 1],
  [10, KIND.WAKE, 1, 1, 0],
  [12, KIND.POLL_START, 1, 2],
  [12.5, KIND.WAKE, 1, 4, 1],
  [13, KIND.POLL_END, 1, 0, 1],
  [15, KIND.POLL_START, 1, 3],
  [16, KIND.POLL_END, 1, 1, 1],
  [16, KIND.FINISH, 1],
];

describe('task statistics', () => {
  test('a task’s polls, wakes and busy, idle and ready time add up to its life', () => {
    const [row] = taskStats(modelOf(LIFE), 100);
    assert.deepEqual(row, {
      id: 1, name: 'main', state: 'done',
      polls: 3, wakes: 2, selfWakes: 1,
      busyMs: 4, idleMs: 7, readyMs: 5, totalMs: 16, maxPollMs: 2,
    });
    assert.equal(row.busyMs + row.idleMs + row.readyMs, row.totalMs);
  });

  test('a live task’s open wait, poll or ready span counts up to now', () => {
    const model = modelOf([
      [0, KIND.SPAWN, 1, 0, 1],
      [1, KIND.POLL_START, 1, 1],
      [3, KIND.POLL_END, 1, 0, 1],
      [0, KIND.SPAWN, 2, 0, 2],
    ]);
    const [waiting, ready] = taskStats(model, 50);
    assert.equal(waiting.state, 'waiting');
    assert.equal(waiting.idleMs, 47);
    assert.equal(waiting.totalMs, 50);
    assert.equal(ready.state, 'ready');
    assert.equal(ready.readyMs, 50, 'spawned and never polled: ready all along');
  });

  test('a cancelled run stops the clocks of the tasks it left at its end', () => {
    const model = modelOf([
      [0, KIND.SPAWN, 1, 0, 1],
      [1, KIND.POLL_START, 1, 1],
      [3, KIND.POLL_END, 1, 0, 1],
      [20, KIND.RUN_END, 0, 2],
    ]);
    const [row] = taskStats(model, 999);
    assert.equal(row.state, 'cancelled');
    assert.equal(row.totalMs, 20);
    assert.equal(row.idleMs, 17);
  });

  test('statistics stay exact when old slices are merged away', () => {
    const model = modelOf([[0, KIND.SPAWN, 1, 0, 1]]);
    const POLLS = 20_000;
    let t = 0;
    let busy = 0;
    let idle = 0;
    let ready = 0;
    let maxPoll = 0;
    const emit = (kind, a = 0, b = 0) => fold(model, { time: t, kind, run: RUN, task: 1, a, b }, text);
    for (let n = 1; n <= POLLS; n++) {
      const readyMs = n % 3; // spawn → first poll is ready time too
      t += readyMs; ready += readyMs;
      emit(KIND.POLL_START, n);
      const pollMs = (n % 7) + 0.5;
      t += pollMs; busy += pollMs; maxPoll = Math.max(maxPoll, pollMs);
      if (n % 5 === 0) {
        emit(KIND.WAKE, 4, 1); // a yield: straight back to ready
        emit(KIND.POLL_END, 0, 1);
      } else {
        emit(KIND.POLL_END, 0, 1);
        const idleMs = n % 11;
        t += idleMs; idle += idleMs;
        emit(KIND.WAKE, 3, 0);
      }
    }
    const task = currentRun(model).tasks.get(1);
    assert.ok(task.polls.some((p) => p.merged), 'old polls were merged');
    const [row] = taskStats(model, t);
    assert.equal(row.polls, POLLS);
    assert.equal(row.wakes, POLLS);
    assert.equal(row.selfWakes, POLLS / 5);
    assert.ok(Math.abs(row.busyMs - busy) < 1e-6);
    assert.ok(Math.abs(row.idleMs - idle) < 1e-6);
    assert.ok(Math.abs(row.readyMs - ready) < 1e-6);
    assert.equal(row.maxPollMs, maxPoll);
    assert.ok(Math.abs(row.busyMs + row.idleMs + row.readyMs - row.totalMs) < 1e-6);
  });
});

describe('sorting statistics', () => {
  const rows = [
    { id: 1, name: 'main', state: 'waiting', busyMs: 4, polls: 3 },
    { id: 2, name: 'task 10', state: 'running', busyMs: 9, polls: 3 },
    { id: 3, name: 'task 2', state: 'done', busyMs: 1, polls: 3 },
  ];

  test('numbers sort by value, either way', () => {
    assert.deepEqual(sortStats(rows, 'busyMs', 'desc').map((r) => r.id), [2, 1, 3]);
    assert.deepEqual(sortStats(rows, 'busyMs', 'asc').map((r) => r.id), [3, 1, 2]);
    assert.deepEqual(sortStats(rows, 'busyMs', 'descending').map((r) => r.id), [2, 1, 3], 'aria-sort words work too');
  });

  test('names sort as text with numbers by value, states in life-cycle order', () => {
    assert.deepEqual(sortStats(rows, 'name', 'asc').map((r) => r.name), ['main', 'task 2', 'task 10']);
    assert.deepEqual(sortStats(rows, 'state', 'asc').map((r) => r.state), ['running', 'waiting', 'done']);
  });

  test('ties keep lane order, and the rows given are not reordered', () => {
    const before = rows.map((r) => r.id);
    assert.deepEqual(sortStats(rows, 'polls', 'desc').map((r) => r.id), [1, 2, 3]);
    assert.deepEqual(rows.map((r) => r.id), before);
  });
});

describe('hog polls', () => {
  const HOGS = [
    [0, KIND.SPAWN, 1, 0, 1],
    [0, KIND.SPAWN, 2, 0, 2],
    [1, KIND.POLL_START, 1, 1],
    [61, KIND.POLL_END, 1, 0, 1], // 60 ms: a hog
    [61, KIND.POLL_START, 2, 1],
    [71, KIND.POLL_END, 2, 0, 1], // 10 ms: not at 50 ms
    [71, KIND.POLL_START, 2, 2],
    [151, KIND.POLL_END, 2, 0, 0], // 80 ms but untimed (a burst's window): never a hog
  ];

  test('a 60 ms poll is a hog at the default 50 ms, a 10 ms one is not, an untimed one never', () => {
    assert.deepEqual(hogPolls(modelOf(HOGS)), [{ task: 1, name: 'main', n: 1, start: 1, durationMs: 60 }]);
  });

  test('the threshold is the caller’s', () => {
    const hogs = hogPolls(modelOf(HOGS), 5);
    assert.deepEqual(hogs.map((h) => [h.task, h.n, h.durationMs]), [[1, 1, 60], [2, 1, 10]]);
    assert.deepEqual(hogPolls(modelOf(HOGS), 61), []);
  });

  test('a hog poll is still listed after its slice was merged away', () => {
    const model = modelOf([...HOGS, [199, KIND.WAKE, 1, 1, 0]]);
    let t = 200;
    for (let n = 2; n <= 5000; n++) {
      fold(model, { time: t, kind: KIND.POLL_START, run: RUN, task: 1, a: n, b: 0 }, text);
      t += 1;
      fold(model, { time: t, kind: KIND.POLL_END, run: RUN, task: 1, a: 0, b: 1 }, text);
      fold(model, { time: t, kind: KIND.WAKE, run: RUN, task: 1, a: 1, b: 0 }, text);
    }
    const task = currentRun(model).tasks.get(1);
    assert.ok(!task.polls.some((p) => !p.merged && p.n === 1), 'poll 1 is no longer a slice of its own');
    assert.ok(task.polls[0].maxMs >= 60, 'its merged slice knows it held a long poll');
    assert.deepEqual(hogPolls(model), [{ task: 1, name: 'main', n: 1, start: 1, durationMs: 60 }]);
  });
});
