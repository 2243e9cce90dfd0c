// Unit tests of the trace model (www/trace-fold.js, trace-lod.js and trace.js), the pure fold
// of trace records into the page's model: no browser, synthetic records in the layout of
// crate/trace/record.rs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FINISH_RAISED, KIND, RECORD_F64, RECORD_U32 } from '../../www/trace-records.js';
import { createModel, fold, ingest } from '../../www/trace-fold.js';
import { pull } from '../../www/runtime.js';
import { LOD, OPEN, endOr, lastCut } from '../../www/trace-lod.js';
import { taskStates, waitParts, currentRun, endingPart, lessonSeconds, maxConcurrentWaits, modelNow } from '../../www/trace.js';
import { modelFrom } from './model-fixture.mjs';
import { hogPolls } from '../../www/hog.js';
import { waitLabel, waitLabelForms } from '../../www/words.js';
import { t as translate, textKey } from '../../www/i18n.js';

const RUN = 7;
const names = { 1: 'main', 2: 'child', 3: 'lesson', 4: 'variant' };
const text = (id) => names[id] ?? '';

/** A model of run 7 fed with `records` ([time ms, kind, task, a, b]). */
const modelOf = (records, speed = 1, virtual = false) =>
  modelFrom(records, { run: RUN, text, lesson: 3, variant: 4, speed, virtual });

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

/** A ring of 32-byte records as the runtime lays them out, read through `ingest`. */
function ringOf(records) {
  const capacity = 16;
  const buffer = new ArrayBuffer(capacity * 32);
  const f64 = new Float64Array(buffer);
  const u32 = new Uint32Array(buffer);
  records.forEach(([time, kind, run, task, a = 0, b = 0], i) => {
    f64[i * RECORD_F64] = time;
    u32.set([i, kind, run, task, a, b], i * RECORD_U32 + 2);
  });
  return { f64, u32, capacity, head: records.length };
}

describe('trace model', () => {
  test('folded POLL and SPAWNED records read exactly as the records they stand for', () => {
    const start = [[0, KIND.RUN_START, RUN, 0, 3, 4]];
    const spelled = ringOf([
      ...start,
      [0, KIND.SPAWN, RUN, 1, 0, 1], [0, KIND.WAKE, RUN, 1, 6, 0],
      [1, KIND.SPAWN, RUN, 2, 1, 1], [1, KIND.WAKE, RUN, 2, 2, 1],
      [1, KIND.POLL_START, RUN, 1, 1], [1, KIND.WAKE, RUN, 1, 4, 1], [1, KIND.POLL_END, RUN, 1, 0, 0],
      [1, KIND.POLL_START, RUN, 1, 2], [1, KIND.POLL_END, RUN, 1, 1, 0], [1, KIND.FINISH, RUN, 1, 0, 0],
    ]);
    const folded = ringOf([
      ...start,
      [0, KIND.SPAWNED, RUN, 1, 0, 1],
      [1, KIND.SPAWNED, RUN, 2, 1, 1],
      [1, KIND.POLL, RUN, 1, 1, 2], [1, KIND.POLL, RUN, 1, 2, 1],
    ]);
    const a = createModel({ runId: RUN, speed: 1, virtual: false });
    const b = createModel({ runId: RUN, speed: 1, virtual: false });
    assert.equal(ingest(a, spelled, text), 11);
    assert.equal(ingest(b, folded, text), 5, 'one record per folded poll or spawn');
    const ta = taskStates(a, 2);
    const tb = taskStates(b, 2);
    assert.equal(tb[0].state, 'done');
    assert.equal(tb.length, 2, 'both spawned tasks have a lane');
    assert.deepEqual(tb, ta);
    const task = (m, id) => m.runs.get(RUN).tasks.get(id);
    assert.ok(task(a, 1) && task(b, 1) && task(b, 2), 'both models know the tasks');
    assert.deepEqual(task(b, 1), task(a, 1));
    assert.deepEqual(task(b, 2), task(a, 2));
    assert.equal(task(b, 1).sums.polls, 2);
  });


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

  test('loop passes are counted as asyncio makes them, whatever the ticks', () => {
    // main runs (pass 1), child runs (2: spawned during pass 1); the timer wakes child (3), whose
    // end wakes main (4); main yields (sleep(0)) and runs once more (5).
    const run = [
      ...AWAITING,
      [1004, KIND.WAKE, 2, 1, 0],
      [1005, KIND.POLL_START, 2, 2], [1005, KIND.WAKE, 1, 2, 2], [1005, KIND.POLL_END, 2, 1, 1], [1005, KIND.FINISH, 2],
      [1006, KIND.POLL_START, 1, 2], [1006, KIND.WAKE, 1, 4, 1], [1006, KIND.POLL_END, 1, 0, 0],
      [1007, KIND.POLL_START, 1, 3], [1007, KIND.POLL_END, 1, 1, 0], [1007, KIND.FINISH, 1],
    ];
    const tickAt = (time) => [[time, KIND.TICK_START, 0, 1, 1], [time, KIND.TICK_END, 0, 1, 0]];
    const oneTick = modelOf(run);
    const manyTicks = modelOf(run.flatMap((r) => (r[1] === KIND.POLL_START ? [...tickAt(r[0]), r] : [r])));
    assert.equal(currentRun(oneTick).passes, 5);
    assert.equal(currentRun(manyTicks).passes, 5, 'the same passes, however the runtime drained its queue');
    assert.deepEqual([oneTick.tickCount, manyTicks.tickCount], [0, 5], 'while the ticks differ');
  });

  test('a wait that raced a timer and a task names the one that ended it', () => {
    const say = (key, vars) => translate('en', textKey('en', key, true), vars);
    // main: wait_for(child, 1 s): a timer and a wait on child in one poll.
    const raced = [
      [0, KIND.SPAWN, 1, 0, 1],
      [1, KIND.POLL_START, 1, 1],
      [2, KIND.SPAWN, 2, 1, 2],
      [2, KIND.SLEEP, 1, 1000, 1000],
      [2, KIND.WAIT, 1, 2, 2],
      [2, KIND.POLL_END, 1, 0, 1],
    ];
    const formsOf = (ending) => {
      const run = currentRun(modelOf([...raced, ending]));
      const wait = run.tasks.get(1).waits[0];
      const parts = waitParts(run, wait);
      return { ended: endingPart(run, wait, parts), forms: waitLabelForms(run, wait, parts, say) };
    };
    const open = currentRun(modelOf(raced));
    const openWait = open.tasks.get(1).waits[0];
    assert.equal(endingPart(open, openWait, waitParts(open, openWait)), null, 'open: nothing ended it yet');
    const timedOut = formsOf([1002, KIND.WAKE, 1, 1, 0]);
    assert.deepEqual(timedOut.ended, { kind: 'sleep', ms: 1000 });
    assert.equal(timedOut.forms[0], 'timer 1 s | awaits child', 'a timer raced with a task is no sleep');
    assert.ok(timedOut.forms.includes('timer 1 s'));
    const done = formsOf([502, KIND.WAKE, 1, 2, 2]);
    assert.deepEqual(done.ended, { kind: 'task', id: 2, name: 'child' });
    assert.ok(done.forms.includes('awaits child') && !done.forms.some((f) => /^timer 1 s$|sleep/.test(f)),
      `only what the trace says: ${done.forms}`);
  });

  test('a task that holds its run past the slices is one poll, growing, and one long poll', () => {
    // main never awaits: each slice ends with a hold (wake cause 7) and it goes on first at the next.
    const held = [[0, KIND.SPAWN, 1, 0, 1]];
    for (let n = 1; n <= 10; n++) {
      const t = (n - 1) * 10;
      held.push([t, KIND.POLL_START, 1, n], [t + 8, KIND.WAKE, 1, 7, 1], [t + 8, KIND.POLL_END, 1, 0, 1]);
    }
    let model = modelOf(held);
    let main = currentRun(model).tasks.get(1);
    assert.equal(main.polls.length, 1, 'ten slices, one poll');
    assert.equal(main.polls[0].end, OPEN, 'still open: it has not let go');
    assert.equal(main.state, 'busy');
    assert.equal(main.readies.length, 1, 'ready once, when spawned; never in between');
    assert.deepEqual(hogPolls(model, 50).map((h) => [h.n, h.durationMs]), [[1, 98]], 'one hog so far, 98 ms');
    model = modelOf([...held, [100, KIND.POLL_START, 1, 11], [150, KIND.SLEEP, 1, 100, 100], [150, KIND.POLL_END, 1, 0, 1]]);
    main = currentRun(model).tasks.get(1);
    assert.deepEqual([main.polls.length, main.polls[0].start, main.polls[0].end, main.polls[0].nLast], [1, 0, 150, 11]);
    assert.equal(main.state, 'waiting', 'it awaited at last');
    assert.deepEqual(hogPolls(model, 50).map((h) => [h.n, h.durationMs]), [[1, 150]], 'the same hog, grown');
    assert.equal(main.sums.polls, 11, 'the engineer’s count: every poll');
  });

  test('a poll that awaits several tasks at once (a gather) waits on all of them', () => {
    const names3 = { ...names, 5: 'second' };
    const model = modelFrom([
      [0, KIND.SPAWN, 1, 0, 1],
      [1, KIND.POLL_START, 1, 1],
      [2, KIND.SPAWN, 2, 1, 2],
      [2, KIND.SPAWN, 5, 1, 5],
      [2, KIND.WAIT, 1, 2, 2],
      [2, KIND.WAIT, 1, 2, 5],
      [2, KIND.POLL_END, 1, 0, 1],
      [3, KIND.POLL_START, 2, 1],
      [3, KIND.POLL_END, 2, 1, 1],
      [3, KIND.FINISH, 2],
    ], { run: RUN, text: (id) => names3[id] ?? '', lesson: 3, variant: 4 });
    const run = currentRun(model);
    const wait = run.tasks.get(1).waits[0];
    assert.deepEqual(waitParts(run, wait), [{ kind: 'tasks', ids: [2, 5], count: 2, names: ['child', 'second'], done: 1 }]);
  });

  test('a gather of many tasks names the first few, counts them all, and its done count follows their ends', () => {
    const n = 50;
    const ids = Array.from({ length: n }, (_, i) => 10 + i);
    const spawns = ids.map((id) => [2, KIND.SPAWN, id, 1, id]);
    const waits = ids.map((id) => [2, KIND.WAIT, 1, 2, id]);
    const endOf = (id, time) => [[time, KIND.POLL_START, id, 1], [time, KIND.POLL_END, id, 1, 1], [time, KIND.FINISH, id]];
    const head = [[0, KIND.SPAWN, 1, 0, 1], [1, KIND.POLL_START, 1, 1], ...spawns, ...waits, [2, KIND.POLL_END, 1, 0, 1]];
    const text = (id) => (id === 1 ? 'main' : `worker_${id}`);
    const opts = { run: RUN, text, lesson: 3, variant: 4 };
    const model = modelFrom([...head, ...endOf(10, 3), ...endOf(11, 4)], opts);
    const run = currentRun(model);
    let [part] = waitParts(run, run.tasks.get(1).waits[0]);
    assert.equal(part.count, n);
    assert.equal(part.ids.length, n);
    assert.deepEqual(part.names, ['worker_10', 'worker_11', 'worker_12'], 'the first three names only');
    assert.equal(part.done, 2);
    assert.equal(waitLabel([part], (key, vars) => `${vars.count}: ${vars.names} (${vars.done})`), '50: worker_10, worker_11, worker_12, … (2)');
    // The same open wait asked again after one more task ended: the count follows it.
    for (const [time, kind, task, a = 0, b = 0] of endOf(12, 5)) fold(model, { time, kind, run: RUN, task, a, b }, text);
    [part] = waitParts(run, run.tasks.get(1).waits[0]);
    assert.equal(part.done, 3);
  });

  test('a task whose code raised ends raised, and one that returned ends done', () => {
    const ended = (a) => [[1005, KIND.POLL_START, 2, 2], [1005, KIND.POLL_END, 2, 1, 1], [1005, KIND.FINISH, 2, a]];
    for (const [a, state] of [[FINISH_RAISED, 'raised'], [0, 'done']]) {
      const model = modelOf([...AWAITING, ...ended(a)]);
      assert.equal(currentRun(model).tasks.get(2).end.kind, state === 'done' ? 'finished' : 'raised');
      assert.deepEqual(taskStates(model, 1010).map((r) => r.state), ['waiting', state]);
    }
  });

  test('a cancelled run leaves no task live', () => {
    const model = modelOf([...AWAITING, [50, KIND.CANCEL, 2], [50, KIND.RUN_END, 0, 2]]);
    assert.deepEqual(taskStates(model, 60).map((r) => r.state), ['cancelled', 'cancelled']);
  });
});

describe('pausing and virtual time', () => {
  test('PAUSE records fold into the run’s pauses; a second pause changes nothing', () => {
    const model = modelOf([
      ...AWAITING,
      [10, KIND.PAUSE, 0, 1],
      [12, KIND.PAUSE, 0, 1],
      [20, KIND.PAUSE, 0, 0],
      [30, KIND.PAUSE, 0, 1],
    ]);
    const run = currentRun(model);
    assert.deepEqual(run.pauses, [{ start: 10, end: 20 }, { start: 30, end: null }]);
    assert.equal(run.paused, true);
    assert.equal(run.pauseCount, 2);
    assert.equal(model.anomalies, 0, 'a pause is about the run, not a task');
    assert.ok(!run.tasks.has(0), 'no lane for task 0');
  });

  test('resuming, or the run ending, closes the open pause', () => {
    const model = modelOf([[10, KIND.PAUSE, 0, 1], [15, KIND.PAUSE, 0, 0]]);
    assert.equal(currentRun(model).paused, false);
    const ended = modelOf([[10, KIND.PAUSE, 0, 1], [40, KIND.RUN_END, 0, 2]]);
    assert.deepEqual(currentRun(ended).pauses, [{ start: 10, end: 40 }]);
    assert.equal(currentRun(ended).paused, false);
  });

  test('a virtual model reads lesson seconds straight from record time, whatever the speed', () => {
    const model = modelOf(AWAITING, 10, true);
    model.t0 = 123; // ignored in a virtual model
    assert.equal(lessonSeconds(model, 2500), 2.5);
    const child = taskStates(model, 54)[1]; // 50 virtual ms after the poll's end
    assert.equal(child.wait.remainingMs, 950, 'speed does not apply to virtual sleeps');
    assert.equal(modelNow(model, 99999), 4, 'a virtual model’s now is its latest record');
    assert.equal(modelNow(modelOf(AWAITING), 99999), 99999);
  });

  test('loop ticks, on the real clock even in a virtual run, do not move a virtual model’s now', () => {
    const model = modelOf(AWAITING, 1, true);
    fold(model, { time: 52_000, kind: KIND.TICK_START, run: 0, task: 0, a: 1, b: 1 }, text);
    fold(model, { time: 52_001, kind: KIND.TICK_END, run: 0, task: 0, a: 1, b: 0 }, text);
    assert.equal(model.lastTime, 4);
    assert.equal(model.tickCount, 1);
  });
});

/** The old definition of maxConcurrentWaits: sort every wait's edges, ends first at a tie. */
function bruteMaxWaits(run, until) {
  const edges = [];
  for (const task of run.tasks.values()) {
    for (const w of task.waits) {
      const end = endOr(w, until);
      if (end > w.start) edges.push([w.start, 1], [end, -1]);
    }
  }
  edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let now = 0;
  let max = 0;
  for (const [, d] of edges) { now += d; max = Math.max(max, now); }
  return max;
}

/** A seeded random stream of tasks that sleep, get woken and finish, with ties in time. */
function randomStream(seed, tasks, steps) {
  let x = seed;
  const rand = (n) => { x = (x * 1103515245 + 12345) % 2 ** 31; return x % n; };
  const records = [];
  const state = new Map();
  let t = 0;
  for (let id = 1; id <= tasks; id++) { records.push([t, KIND.SPAWN, id, 0, 1]); state.set(id, 'ready'); }
  let n = 0;
  for (let i = 0; i < steps; i++) {
    t += rand(3); // 0 often: several records in the same ms
    const id = 1 + rand(tasks);
    const s = state.get(id);
    if (s === 'ready') {
      records.push([t, KIND.POLL_START, id, ++n]);
      t += rand(2);
      if (rand(20) === 0) {
        records.push([t, KIND.POLL_END, id, 1, 1], [t, KIND.FINISH, id]);
        state.set(id, 'done');
      } else {
        records.push([t, KIND.SLEEP, id, 5, 5], [t, KIND.POLL_END, id, 0, 1]);
        state.set(id, 'waiting');
      }
    } else if (s === 'waiting') {
      records.push([t, KIND.WAKE, id, 1, 0]);
      state.set(id, 'ready');
    }
  }
  return records;
}

describe('maxConcurrentWaits', () => {
  test('kept as records arrive, it agrees with sorting every wait, ties and open waits included', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const model = modelOf(randomStream(seed, 6, 400));
      const run = currentRun(model);
      const last = model.lastTime;
      for (const until of [last, last + 1, last + 100]) {
        assert.equal(maxConcurrentWaits(run, until), bruteMaxWaits(run, until), `seed ${seed}, until ${until}`);
      }
    }
  });
});

/** Every slice a run's tasks hold, per list. */
function slicesOf(run) {
  let n = 0;
  for (const task of run.tasks.values()) n += task.polls.length + task.waits.length + task.readies.length + task.wakes.length;
  return n;
}

/** The spans of a list are drawable: numbers, in time order, start ≤ end; open only at the end. */
function assertDrawable(list, what) {
  list.forEach((s, i) => {
    assert.equal(typeof s.start, 'number', what);
    if (s.end !== OPEN) assert.ok(s.end >= s.start, `${what}: start ≤ end`);
    else assert.equal(i, list.length - 1, `${what}: only the newest span is open`);
    if (i > 0) assert.ok(s.start >= list[i - 1].start, `${what}: in time order`);
  });
}

describe('bounded memory', () => {
  test('2,000,000 records of 10,000 tasks stay under the slice cap while every count stays exact', () => {
    const TASKS = 10_000;
    const ROUNDS = 50; // a wake, a poll and a sleep: 4 records per task per round, 2,000,000 in all
    const model = createModel({ runId: RUN });
    let t = 0;
    let records = 0;
    const emit = (kind, task, a = 0, b = 0) => { fold(model, { time: t, kind, run: RUN, task, a, b }, text); records++; };
    emit(KIND.RUN_START, 0, 3, 4);
    for (let id = 1; id <= TASKS; id++) emit(KIND.SPAWN, id, 0, 1);
    let peak = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      emit(KIND.TICK_START, 0, round, TASKS);
      for (let id = 1; id <= TASKS; id++) {
        if (round > 1) emit(KIND.WAKE, id, 1, 0);
        t += 0.001;
        emit(KIND.POLL_START, id, round);
        emit(KIND.SLEEP, id, 10, 10);
        t += 0.01;
        emit(KIND.POLL_END, id, 0, 1);
      }
      emit(KIND.TICK_END, 0, TASKS, 0);
      peak = Math.max(peak, model.lod.stored);
    }
    assert.ok(records >= 2_000_000);
    const run = currentRun(model);
    assert.equal(slicesOf(run), model.lod.stored, 'the slice count is kept right through every merge');
    assert.ok(peak <= LOD.STORED_MAX, `at most ${LOD.STORED_MAX} slices held (peak ${peak})`);
    assert.ok(model.lod.sweeps > 0, 'the cap was reached and the detail lowered');
    assert.equal(model.tickCount, ROUNDS);
    for (const id of [1, 5000, TASKS]) {
      const task = run.tasks.get(id);
      assert.equal(task.sums.polls, ROUNDS);
      assert.equal(task.sums.wakes, ROUNDS - 1);
      const merged = task.polls.reduce((n, p) => n + (p.merged ?? 1), 0);
      assert.equal(merged, ROUNDS, 'merged polls say how many polls they hold');
      assert.ok(task.polls.some((p) => p.merged), 'old polls were merged');
      assert.equal(task.polls[task.polls.length - 1].n, ROUNDS, 'the newest poll is in full detail');
      assertDrawable(task.polls, 'polls');
      assertDrawable(task.waits, 'waits');
      assertDrawable(task.readies, 'readies');
    }
  });

  test('once its detail has settled, a run of 30,000 tasks in waves reuses the slices it merges away', () => {
    // Each round every task sleeps (a poll and a wait), then every task is woken and yields
    // twice (readies, polls, wakes): a wave of 30,000 slices of one kind is merged away while
    // the other kind is pushed. Slices the model made anew once settled would be work for the
    // page's collector in every frame of a 100,000-task run.
    const TASKS = 30_000;
    const model = createModel({ runId: RUN });
    let t = 0;
    const emit = (kind, task, a = 0, b = 0) => fold(model, { time: t, kind, run: RUN, task, a, b }, text);
    emit(KIND.RUN_START, 0, 3, 4);
    for (let id = 1; id <= TASKS; id++) emit(KIND.SPAWN, id, 0, 1);
    const polls = new Array(TASKS + 1).fill(0);
    const seen = new Set();
    const fresh = [];
    for (let round = 1; round <= 8; round++) {
      for (let id = 1; id <= TASKS; id++) {
        t += 0.001;
        emit(KIND.POLL_START, id, ++polls[id]);
        emit(KIND.SLEEP, id, 100, 100);
        emit(KIND.POLL_END, id, 0, 1);
      }
      for (let id = 1; id <= TASKS; id++) {
        t += 0.001;
        emit(KIND.WAKE, id, 1, 0);
        for (let y = 0; y < 2; y++) {
          emit(KIND.POLL_START, id, ++polls[id]);
          emit(KIND.WAKE, id, 4, id);
          emit(KIND.POLL_END, id, 0, 1);
        }
      }
      let made = 0;
      for (const task of currentRun(model).tasks.values()) {
        for (const list of [task.polls, task.waits, task.readies, task.wakes]) {
          for (const s of list) if (!seen.has(s)) { seen.add(s); made++; }
        }
      }
      fresh.push(made);
    }
    assert.equal(model.lod.keep, LOD.KEEP_MIN, 'the detail went down to its minimum');
    // The first rounds fill the lists up to the minimal detail; after that, at most a few.
    const late = fresh.slice(4);
    assert.ok(late.every((n) => n < TASKS / 100), `new slices per settled round: ${fresh.join(', ')}`);
    assert.ok(fresh[0] > TASKS, 'the first round made slices (the count can fail)');
  });

  test('one endless task keeps its newest polls in detail and older ones in a few merged segments', () => {
    const model = createModel({ runId: RUN });
    let t = 0;
    const emit = (kind, task, a = 0, b = 0) => fold(model, { time: t, kind, run: RUN, task, a, b }, text);
    emit(KIND.RUN_START, 0, 3, 4);
    emit(KIND.SPAWN, 1, 0, 1);
    const POLLS = 100_000;
    for (let n = 1; n <= POLLS; n++) {
      t += 1;
      emit(KIND.POLL_START, 1, n);
      t += 2;
      emit(KIND.SLEEP, 1, 1, 1);
      emit(KIND.POLL_END, 1, 0, 1);
      t += 3;
      emit(KIND.WAKE, 1, 1, 0);
      emit(KIND.PRINT, 1, 1);
    }
    const run = currentRun(model);
    const task = run.tasks.get(1);
    const { keep, coarse } = model.lod;
    assert.ok(task.polls.length < 2 * keep + coarse, 'polls stay bounded');
    assert.ok(task.wakes.length < 2 * keep + coarse, 'wakes stay bounded');
    assert.equal(task.polls.reduce((n, p) => n + (p.merged ?? 1), 0), POLLS);
    assert.equal(task.waits.reduce((n, w) => n + (w.merged ?? 1), 0), POLLS);
    assert.equal(task.wakes.reduce((n, w) => n + (w.merged ?? 1), 0), POLLS);
    assert.equal(task.sums.busyMs, 2 * POLLS);
    assert.equal(task.sums.idleMs, 3 * POLLS);
    const segments = task.polls.filter((p) => p.merged);
    assert.ok(segments.length >= 1 && segments.length <= coarse);
    for (let i = 1; i < segments.length; i++) assert.ok(segments[i].cut > segments[i - 1].cut, 'segments in time order');
    const cut = lastCut(task);
    for (const list of [task.polls, task.waits, task.readies]) {
      for (const s of list) {
        if (s.merged) assert.ok(s.end <= cut, 'a merged slice lies before the last cut');
        else assert.ok(s.start >= cut, 'a detail slice lies after the last cut');
      }
    }
    const merged = segments[0];
    assert.equal(merged.sumMs, merged.merged * 2, 'a merged poll sums the time of the polls it holds');
    assert.equal(merged.nLast - merged.n + 1, merged.merged);
    assert.ok(run.prints.length <= 2 * LOD.PRINTS_KEEP, 'prints are bounded');
    assert.equal(run.printCount, POLLS, 'and counted');
    assert.equal(run.sleepCount, POLLS);
    assert.equal(run.sleptMs, 3 * POLLS, 'the time really slept, summed whatever the detail');
  });

  test('loop ticks are bounded too, and counted exactly', () => {
    const model = createModel({ runId: RUN });
    let t = 0;
    const TICKS = 50_000;
    for (let n = 1; n <= TICKS; n++) {
      fold(model, { time: t, kind: KIND.TICK_START, run: 0, task: 0, a: n, b: 1 }, text);
      t += 1;
      fold(model, { time: t, kind: KIND.TICK_END, run: 0, task: 0, a: 2, b: 0 }, text);
    }
    assert.equal(model.tickCount, TICKS);
    assert.ok(model.ticks.length < 2 * LOD.TICKS_KEEP + LOD.TICKS_COARSE);
    assert.equal(model.ticks.reduce((n, tick) => n + (tick.merged ?? 1), 0), TICKS);
    assert.equal(model.ticks.reduce((n, tick) => n + tick.polls, 0), 2 * TICKS, 'merged ticks sum their polls');
    assertDrawable(model.ticks, 'ticks');
  });
});

describe('reading the ring against a budget (runtime.js pull)', () => {
  /** A stand-in for the loaded runtime: a ring of `capacity` records the test writes into. */
  function fakeRuntime(capacity) {
    const buffer = new ArrayBuffer(capacity * 32);
    const f64 = new Float64Array(buffer);
    const u32 = new Uint32Array(buffer);
    let head = 0;
    const rt = {
      ls: { traceHead: () => head, traceText: text },
      wasm: { memory: { buffer } },
      ring: { ptr: 0, capacity },
      texts: new Map(),
    };
    const write = ([time, kind, task, a = 0, b = 0]) => {
      const s = head % capacity;
      f64[s * RECORD_F64] = time;
      u32.set([head, kind, RUN, task, a, b], s * RECORD_U32 + 2);
      head++;
    };
    return { rt, write };
  }

  /** 8 tasks, each woken and polled `rounds` times: 2 + 8 × (1 + 3 × rounds) records. */
  function records(rounds) {
    const out = [[0, KIND.RUN_START, 0, 3, 4]];
    for (let id = 1; id <= 8; id++) out.push([0, KIND.SPAWNED, id, 0, 1]);
    let t = 0;
    for (let round = 1; round <= rounds; round++) {
      for (let id = 1; id <= 8; id++) {
        t += 1;
        out.push([t, KIND.POLL_START, id, round], [t + 0.5, KIND.POLL_END, id, 0, 1], [t + 0.75, KIND.WAKE, id, 1, 0]);
      }
    }
    return out.concat([[t + 1, KIND.RUN_END, 0, 0, 0]]);
  }

  const summary = (model) => {
    const run = currentRun(model);
    return { states: taskStates(model, Infinity), sums: run.order.map((id) => run.tasks.get(id).sums), end: run.end };
  };

  test('what a frame’s budget leaves is copied out of the ring and folded later: no record is lost', () => {
    const all = records(100);
    const whole = createModel({ runId: RUN });
    const direct = fakeRuntime(4096);
    all.forEach(direct.write);
    pull(direct.rt, whole);

    // 200 records written per frame into a ring of 256; with no budget, a frame folds one
    // stride of ingest's (32 records) from the copy, and one from the ring once the copy is read.
    const model = createModel({ runId: RUN });
    const { rt, write } = fakeRuntime(256);
    let frames = 0;
    for (let i = 0; i < all.length; i += 200) {
      all.slice(i, i + 200).forEach(write);
      const folded = pull(rt, model, 0);
      assert.ok(folded <= 64, `a frame folds what its budget allows, not all it is behind (${folded})`);
      frames++;
    }
    assert.ok(model.cursor < all.length, 'the budget left records for later frames');
    while (model.cursor < all.length) pull(rt, model, 0);
    assert.equal(model.skipped, 0, 'nothing was lost, though the ring wrapped many times');
    assert.ok(frames > 1);
    assert.deepEqual(summary(model), summary(whole));
  });

  test('records the ring lost before they were copied are counted as skipped', () => {
    const all = records(10);
    const model = createModel({ runId: RUN });
    const { rt, write } = fakeRuntime(64);
    all.slice(0, 60).forEach(write);
    pull(rt, model, 0); // folds some, copies the rest
    all.slice(60, 200).forEach(write); // 140 records: the ring's oldest 76 are gone unread
    pull(rt, model);
    assert.equal(model.cursor, 200);
    assert.equal(model.skipped, 200 - 64 - 60);
  });
});
