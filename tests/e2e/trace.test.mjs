// Unit tests of www/trace.js, the pure fold of trace records into the page's model: no
// browser, synthetic records in the layout of crate/trace/record.rs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KIND, createModel, fold, taskStates, waitParts, currentRun } from '../../www/trace.js';

const RUN = 7;
const names = { 1: 'main', 2: 'child', 3: 'lesson', 4: 'variant' };
const text = (id) => names[id] ?? '';

/** A model of run 7 fed with `records` ([time ms, kind, task, a, b]). */
function modelOf(records, speed = 1) {
  const model = createModel({ runId: RUN, speed });
  fold(model, { time: 0, kind: KIND.RUN_START, run: RUN, task: 0, a: 3, b: 4 }, text);
  for (const [time, kind, task, a = 0, b = 0] of records) fold(model, { time, kind, run: RUN, task, a, b }, text);
  return model;
}

// main spawns child and awaits it; child sleeps 1 s (lesson time).
const AWAITING = [
  [0, KIND.SPAWN, 1, 0, 1],
  [1, KIND.POLL_START, 1, 1],
  [2, KIND.SPAWN, 2, 1, 2],
  [2, KIND.WAIT, 1, 2, 2],
  [2, KIND.POLL_END, 1, 0, 1],
  [3, KIND.POLL_START, 2, 1],
  [4, KIND.SLEEP, 2, 1000, 1000],
  [4, KIND.POLL_END, 2, 0, 1],
];

describe('trace model', () => {
  test('a task awaiting another waits on it by name, and a sleeping task shows its time left', () => {
    const model = modelOf(AWAITING);
    const [main, child] = taskStates(model, 404);
    assert.equal(main.state, 'waiting');
    assert.deepEqual(main.wait.parts, [{ kind: 'task', id: 2, name: 'child' }]);
    assert.equal(main.wait.remainingMs, null);
    assert.equal(child.state, 'waiting');
    assert.deepEqual(child.wait.parts, [{ kind: 'sleep', ms: 1000 }]);
    assert.equal(child.wait.remainingMs, 600);
    assert.equal(child.depth, 1, 'child is indented under main');
  });

  test('remaining lesson time scales with the speed', () => {
    const model = modelOf(AWAITING, 10);
    const child = taskStates(model, 54)[1]; // 50 ms real = 500 ms lesson after the poll's end
    assert.equal(child.wait.remainingMs, 500);
  });

  test('a woken task is ready and says who woke it; a finished one is done', () => {
    const model = modelOf([
      ...AWAITING,
      [1004, KIND.WAKE, 2, 1, 0],
      [1005, KIND.POLL_START, 2, 2],
      [1005, KIND.POLL_END, 2, 1, 1],
      [1005, KIND.FINISH, 2],
      [1005, KIND.WAKE, 1, 2, 2],
    ]);
    const [main, child] = taskStates(model, 1006);
    assert.equal(child.state, 'done');
    assert.equal(main.state, 'ready');
    assert.deepEqual(main.ready, { cause: 'task', by: 'child' });
    const wait = currentRun(model).tasks.get(2).waits[0];
    assert.deepEqual([wait.start, wait.end], [4, 1004], 'the wait span runs from the poll’s end to the wake');
  });

  test('a wait on a channel or on I/O is named from its WAIT record, with every timer of a race', () => {
    const model = modelOf([
      [0, KIND.SPAWN, 1, 0, 1],
      [1, KIND.POLL_START, 1, 1],
      [1, KIND.SLEEP, 1, 3000, 3000],
      [1, KIND.SLEEP, 1, 1000, 1000],
      [1, KIND.WAIT, 1, 3, 0],
      [1, KIND.POLL_END, 1, 0, 1],
    ]);
    const run = currentRun(model);
    const wait = run.tasks.get(1).waits[0];
    assert.deepEqual(waitParts(run, wait), [{ kind: 'sleep', ms: 1000 }, { kind: 'sleep', ms: 3000 }, { kind: 'channel' }]);
    assert.equal(taskStates(model, 101)[0].wait.remainingMs, 900, 'the first timer to fire sets the time left');
  });

  test('a cancelled run leaves no task live', () => {
    const model = modelOf([...AWAITING, [50, KIND.CANCEL, 2], [50, KIND.RUN_END, 0, 2]]);
    assert.deepEqual(taskStates(model, 60).map((r) => r.state), ['cancelled', 'cancelled']);
  });
});
