// Tests of the instruments: pause, step and resume, speed and virtual time from the URL, the
// keyboard shortcuts, the per-task statistics and their sorting, loop-hog warnings, the trace
// download, zoom / pan / follow and the tooltip of the timeline, and the events table. The
// first block checks the pure view helpers in Node; the rest drive the real page (one browser
// for the file, one page at a time: the CI machine has two cores).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  assertCleanPage as assertClean,
  failOnDialog,
  useSite,
  waitForState,
} from './harness.mjs';
import { validateChromeTrace } from '../../www/export.js';
import {
  AXIS_HEIGHT, LABEL_WIDTH_MAX, LABEL_WIDTH_SHARE, LANE_GAP, LANE_HEIGHT, MAX_LANES, PAD_RIGHT, PAD_TOP,
  layout, sliceAt,
} from '../../www/timeline-layout.js';
import { KIND } from '../../www/trace-records.js';
import { createModel, fold } from '../../www/trace-fold.js';
import { describeStep } from '../../www/instruments.js';
import { createViewport, fitSpan, followLive, pan, viewRange, zoom } from '../../www/viewport.js';
import { actionFor } from '../../www/shortcuts.js';
import { parseHash, resolveState, buildHash, SPEED_CHOICES } from '../../www/url-state.js';
import { parseThreshold } from '../../www/hog.js';
import { traceFileName } from '../../www/instruments.js';

const RUN_TIMEOUT_MS = 20_000; // gather lasts ~1 s; blocking at speed 2 about 1.5 s
const READY_WHILE_PAUSED_MS = 5_000; // gather's 1 s timers fire while the run is paused
const VIRTUAL_WALL_MAX_MS = 5_000; // a virtual gather run at 0.1× is quick (real time: 10 s)
const TEST_TIMEOUT_MS = 90_000;
const MARKUP = '<img src=x onerror=alert(1)>';

const site = useSite(); // the served site and one browser for this file
// These tests are about the lessons' Rust runs, as the crate wrote them (script.test.mjs drives
// the Python mode, the page's default): every page opens with the switch on Rust.
/** Opens a lesson's Rust run, with the engineer view (statistics, hogs, events) open. */
async function openRust(hash) {
  const recorded = await site.open(`${hash}&engine=rust`);
  await recorded.page.locator('#engineer > summary').click();
  return recorded;
}

const assertCleanPage = (recorded, what) => assertClean(recorded, site.origin, what);


/** Task name → exact number in the statistics table's column `col` (data-value). */
function statsColumn(page, col) {
  return page.$$eval('#stats-rows tr', (rows, c) => Object.fromEntries(rows.map((row) => [
    row.querySelector('th').textContent, Number(row.querySelector(`td[data-col="${c}"]`).dataset.value),
  ])), col);
}

const canvasData = (page) => page.$eval('#timeline', (c) => ({ ...c.dataset }));

describe('view helpers (no browser)', () => {
  test('zooming in while following keeps the live edge in view, and zooming out fits the run', () => {
    const elapsed = 4;
    const zoomed = zoom(createViewport(), 2, null, elapsed);
    assert.equal(zoomed.follow, true);
    const range = viewRange(zoomed, elapsed);
    assert.ok(Math.abs(range.spanS - fitSpan(elapsed) / 2) < 1e-9);
    assert.ok(range.startS + range.spanS > elapsed, 'the live edge is inside the view');
    assert.deepEqual(zoom(zoomed, 1 / 100, null, elapsed), createViewport());
  });

  test('panning back stops following, panning to the edge follows again, and follow returns', () => {
    const elapsed = 10;
    const zoomed = zoom(createViewport(), 4, null, elapsed);
    const back = pan(zoomed, -3, elapsed);
    assert.equal(back.follow, false);
    assert.ok(viewRange(back, elapsed).startS < viewRange(zoomed, elapsed).startS);
    assert.equal(pan(back, 100, elapsed).follow, true);
    assert.equal(followLive(back).follow, true);
    assert.ok(pan(back, -100, elapsed).startS >= 0, 'never before the run started');
  });

  test('a run of many tasks shows a window of lanes, and the pointer finds the poll drawn under it', () => {
    const RUN = 3;
    const model = createModel({ runId: RUN });
    const text = (id) => (id ? `t${id}` : '');
    const rec = (time, kind, task, a = 0, b = 0) => fold(model, { time, kind, run: RUN, task, a, b }, text);
    rec(0, KIND.RUN_START, 0);
    for (let id = 1; id <= MAX_LANES + 10; id++) rec(0, KIND.SPAWN, id, 0, id);
    rec(100, KIND.POLL_START, 2, 1);
    rec(600, KIND.POLL_END, 2, 0, 1);
    const view = { width: 800, now: 1000, range: { startS: 0, spanS: 1 } };
    const geo = layout(model, view);
    assert.equal(geo.rows.length, MAX_LANES);
    assert.equal(geo.totalLanes, MAX_LANES + 10);
    assert.equal(layout(model, { ...view, firstLane: 1000 }).firstLane, 10, 'the window stops at the last lane');
    const y = geo.laneTop(2) + LANE_HEIGHT / 2; // lane 0 is the loop; task 2 is the second task lane
    const hit = sliceAt(model, view, geo.x(350), y);
    assert.equal(hit?.kind, 'poll');
    assert.equal(hit.task.name, 't2');
    assert.equal(hit.item.n, 1);
    const step = describeStep(model, 2);
    assert.equal(step.outcome, 'suspended');
    assert.equal(step.why.cause, 'spawn');
    assert.equal(sliceAt(model, view, geo.x(350), geo.laneTop(3) + LANE_HEIGHT / 2)?.kind, 'ready', 't3 is still ready');
  });

  test('shortcut keys are ignored with modifiers and while typing in a field', () => {
    const key = (k, extra = {}) => ({ key: k, target: { tagName: 'BODY' }, ...extra });
    assert.equal(actionFor(key('r')), 'run');
    assert.equal(actionFor(key('P')), 'pause');
    assert.equal(actionFor(key('s', { repeat: true })), 'step');
    assert.equal(actionFor(key('x', { repeat: true })), null);
    assert.equal(actionFor(key('r', { ctrlKey: true })), null);
    assert.equal(actionFor(key('r', { target: { tagName: 'INPUT', type: 'text' } })), null);
    assert.equal(actionFor(key('r', { target: { tagName: 'SELECT' } })), null);
    assert.equal(actionFor(key('r', { target: { tagName: 'BUTTON' } })), 'run');
  });

  test('mode and speed from the URL are checked, and the hash keeps only what differs', () => {
    const lessons = [{ id: 'gather', title: 'g', variants: [{ id: 'a', label: 'a' }], params: [] }];
    const good = resolveState(parseHash('#lesson=gather&mode=virtual&speed=0.1'), lessons, null, 'en');
    assert.equal(good.mode, 'virtual');
    assert.equal(good.speed, 0.1);
    assert.deepEqual(good.notices, []);
    const bad = resolveState(parseHash(`#lesson=gather&mode=${encodeURIComponent(MARKUP)}&speed=abc`), lessons, null, 'en');
    assert.equal(bad.mode, 'real');
    assert.deepEqual(bad.notices.map((n) => n.key).sort(), ['noticeBadMode', 'noticeBadSpeed']);
    assert.match(buildHash({ ...good, defaultVariant: 'a' }), /mode=virtual/);
    assert.doesNotMatch(buildHash({ ...bad, defaultVariant: 'a' }), /mode=/);
    assert.ok(SPEED_CHOICES.includes(0.1) && SPEED_CHOICES.includes(10));
  });

  test('the hog threshold takes a number of ms in range and the file name only safe characters', () => {
    assert.equal(parseThreshold('50'), 50);
    assert.equal(parseThreshold(' 12.5 '), 12.5);
    for (const bad of ['', 'abc', '0', '-5', '1e9', '10001', MARKUP]) assert.equal(parseThreshold(bad), null, bad);
    assert.equal(traceFileName('gather', 'sequential'), 'loopscope-gather-sequential.json');
    assert.equal(traceFileName('../x', '<b>'), 'loopscope-x-b.json');
  });
});

describe('pause, step and resume', { timeout: TEST_TIMEOUT_MS }, () => {
  test('a paused run shows its ready tasks; a step polls exactly one and says which, why and how it ended', async () => {
    const recorded = await openRust('#lesson=gather&lang=en');
    const { page } = recorded;
    try {
      const pause = page.getByRole('button', { name: 'Pause', exact: true });
      const resume = page.getByRole('button', { name: 'Resume', exact: true });
      const step = page.getByRole('button', { name: 'Step', exact: true });
      for (const button of [pause, resume]) assert.ok(await button.isDisabled(), 'disabled before a run');
      assert.ok(await step.isEnabled(), 'Step can start a run paused');

      await page.locator('#run').click();
      assert.ok(await step.isDisabled(), 'no stepping while the run runs');
      await pause.click();
      await waitForState(page, 'paused', 5_000);
      assert.ok(await pause.isDisabled(), 'Pause is off while paused');
      assert.ok(await resume.isEnabled() && await step.isEnabled(), 'Resume and Step work while paused');

      // Both tasks sleep 1 s; their timers fire while paused, so they turn ready, unpolled.
      await page.waitForFunction(() => document.querySelectorAll('#loop-rows tr[data-state="ready"]').length >= 1,
        null, { timeout: READY_WHILE_PAUSED_MS });
      await page.waitForFunction(() => document.querySelector('#timeline').dataset.pauses === '1');
      await page.waitForTimeout(300); // the statistics refresh a few times a second
      const before = await statsColumn(page, 'polls');

      await step.click();
      const said = page.locator('#step-result');
      await page.waitForFunction(() => document.querySelector('#step-result').textContent !== '');
      const text = await said.textContent();
      const task = await said.getAttribute('data-task');
      assert.match(text, /^Stepped: polled (first_task|second_task) \(poll 2\); woken by its timer; it finished\.$/, text);
      assert.ok(text.includes(task), 'the text names the task it polled');
      await page.waitForFunction(
        ([name, n]) => {
          const row = [...document.querySelectorAll('#stats-rows tr')].find((r) => r.querySelector('th').textContent === name);
          return Number(row?.querySelector('td[data-col="polls"]').dataset.value) === n;
        },
        [task, before[task] + 1],
      );
      const afterStep = await statsColumn(page, 'polls');
      const total = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
      assert.equal(total(afterStep), total(before) + 1, `exactly one more poll: ${JSON.stringify([before, afterStep])}`);
      assert.equal(await page.locator('#status').getAttribute('data-state'), 'paused', 'still paused after a step');

      await resume.click();
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      assert.ok(await pause.isDisabled() && await resume.isDisabled(), 'nothing to pause once finished');
      const lines = await page.locator('#console .line').count();
      assert.equal(lines, 4, 'the run printed all its lines');
      assertCleanPage(recorded, 'pause and step');
    } finally {
      await recorded.context.close();
    }
  });

  test('keyboard shortcuts run, pause, step, resume and reset, but not while typing in a field', async () => {
    const recorded = await openRust('#lesson=gather&lang=tr');
    const { page } = recorded;
    try {
      for (const name of ['Duraklat', 'Devam', 'Adım', 'İzi indir']) {
        assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, `a “${name}” button`);
      }
      const keys = await page.$$eval('#shortcuts kbd', (list) => list.map((k) => k.textContent));
      for (const key of ['R', 'P', 'S', 'X']) assert.ok(keys.includes(key), `the list names ${key}`);
      assert.ok(await page.locator('#shortcuts').isVisible(), 'the list is on the page');

      await page.evaluate(() => document.activeElement?.blur());
      await page.keyboard.press('r');
      await waitForState(page, 'running', 5_000);
      await page.keyboard.press('p');
      await waitForState(page, 'paused', 5_000);
      await page.waitForFunction(() => document.querySelectorAll('#loop-rows tr[data-state="ready"]').length >= 1,
        null, { timeout: READY_WHILE_PAUSED_MS });
      await page.keyboard.press('s');
      await page.waitForFunction(() => /^Adım: /.test(document.querySelector('#step-result').textContent));
      await page.keyboard.press('p');
      await page.waitForFunction(() => ['running', 'finished'].includes(document.querySelector('#status').dataset.state));
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);

      // Typing a shortcut's letter into a field types it there: no run starts.
      const field = page.locator('#hog-threshold');
      await field.fill('');
      await field.press('r');
      assert.equal(await field.inputValue(), 'r');
      assert.equal(await page.locator('#status').getAttribute('data-state'), 'finished', 'r in a field did not run');
      assert.equal(await field.getAttribute('aria-invalid'), 'true', 'and the field says r is no threshold');
      assert.notEqual((await page.locator('#hog-threshold-error').textContent()).trim(), '');
      await field.fill('50');
      assert.equal(await field.getAttribute('aria-invalid'), 'false');

      await page.evaluate(() => document.activeElement?.blur());
      await page.keyboard.press('r');
      await waitForState(page, 'running', 5_000);
      await page.keyboard.press('x');
      await waitForState(page, 'cancelled', 5_000);
      assertCleanPage(recorded, 'shortcuts');
    } finally {
      await recorded.context.close();
    }
  });
});

describe('speed and virtual time', { timeout: TEST_TIMEOUT_MS }, () => {
  test('mode=virtual and speed=0.1 from the URL: gather ends after ~1 virtual second, quickly', async () => {
    const recorded = await openRust('#lesson=gather&lang=en&mode=virtual&speed=0.1');
    const { page } = recorded;
    try {
      assert.equal(await page.locator('#mode').inputValue(), 'virtual');
      assert.equal(await page.locator('#speed').inputValue(), '0.1');
      const speeds = await page.$$eval('#speed option', (options) => options.map((o) => o.value));
      assert.deepEqual(speeds, ['0.1', '0.25', '0.5', '1', '2', '5', '10']);
      assert.ok(await page.locator('#mode-note').isVisible(), 'the page says what virtual time means');

      const started = Date.now();
      await page.locator('#run').click();
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      const wall = Date.now() - started;
      assert.ok(wall < VIRTUAL_WALL_MAX_MS, `a virtual run does not wait for real timers (${wall} ms)`);
      const status = await page.locator('#status').textContent();
      const match = /Finished in ([\d.]+) s of virtual time/.exec(status);
      assert.ok(match, status);
      const elapsed = Number(match[1]);
      assert.ok(elapsed >= 1 && elapsed < 1.1, `about 1 virtual second, got ${elapsed}`);
      assert.match(await page.locator('#timeline-hint').textContent(), /virtual seconds/);
      // The console's stamps are virtual seconds too: the completions print at 1 s.
      const stamps = await page.$$eval('#console .line .time', (cells) => cells.map((c) => Number.parseFloat(c.textContent)));
      assert.ok(stamps.at(-1) >= 1 && stamps.at(-1) < 1.1, `last line at ~1 s, got ${stamps}`);

      // Step with no run live: a new virtual run starts paused, and stepping polls one task at
      // a time; with nothing ready, a step moves the virtual clock on to the next timer.
      const step = page.getByRole('button', { name: 'Step', exact: true });
      await step.click();
      // The finished run is not thrown away at the first press: Step says what it will do.
      assert.match(await page.locator('#step-result').textContent(), /press Step again/);
      assert.equal(await page.locator('#status').getAttribute('data-state'), 'finished', 'the finished run is still shown');
      await step.click();
      await waitForState(page, 'paused', 5_000);
      assert.match(await page.locator('#step-result').textContent(), /^Stepped: polled run_tasks \(poll 1\); just spawned; it suspended again\.$/);
      const told = [];
      for (let i = 0; i < 12 && !told.some((s) => /first_task \(poll 2\); woken by its timer/.test(s)); i++) {
        await step.click();
        told.push(await page.locator('#step-result').textContent());
      }
      assert.ok(told.some((s) => /first_task \(poll 2\); woken by its timer; it finished/.test(s)), told.join('\n'));
      await page.getByRole('button', { name: 'Resume', exact: true }).click();
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      assert.match(await page.locator('#status').textContent(), /Finished in 1\.\d+ s of virtual time/);
      assert.equal(await page.locator('#console .line').count(), 4);

      // Back to real time from the picker: the URL follows.
      await page.locator('#mode').selectOption('real');
      assert.doesNotMatch(await page.evaluate(() => location.hash), /mode=/);
      await page.locator('#mode').selectOption('virtual');
      assert.match(await page.evaluate(() => location.hash), /mode=virtual/);
      assertCleanPage(recorded, 'virtual');
    } finally {
      await recorded.context.close();
    }
  });

  test('a bad mode or speed in the URL shows a notice, is never executed, and the run uses the defaults', async () => {
    const hash = `#lesson=gather&lang=en&mode=${encodeURIComponent(MARKUP)}&speed=fast`;
    const recorded = await openRust(hash);
    const { page } = recorded;
    const dialogs = [];
    failOnDialog(page, dialogs);
    try {
      const notice = page.locator('#notice');
      await notice.waitFor({ state: 'visible' });
      const text = await notice.textContent();
      assert.ok(text.includes(MARKUP), 'the notice quotes the bad mode as text');
      assert.match(text, /fast/);
      assert.equal(await page.locator('#mode').inputValue(), 'real');
      assert.equal(await page.locator('#speed').inputValue(), '1');
      assert.equal(await page.locator('img').count(), 0, 'no element was injected');
      assert.doesNotMatch(await page.evaluate(() => location.hash), /mode=|speed=/, 'the URL dropped them');
      assert.deepEqual(dialogs, []);
      assertCleanPage(recorded, 'bad URL values');
    } finally {
      await recorded.context.close();
    }
  });
});

describe('statistics, hogs, download and the timeline view', { timeout: 3 * TEST_TIMEOUT_MS }, () => {
  test('the blocking poll is a hog, chunked ones are not; the table sorts; the trace downloads; the view zooms, pans and follows', async () => {
    const recorded = await openRust('#lesson=blocking&variant=blocking&lang=en&job=1&speed=2');
    const { page } = recorded;
    try {
      await page.locator('#run').click();
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);

      // ---- the hog: count_primes held the loop ~0.5 s (1 s job at 2×) ----
      await page.waitForFunction(() => Number(document.querySelector('#hog-summary').dataset.count) >= 1);
      const hogs = await page.$$eval('#hog-list li.hog', (items) => items.map((li) => li.dataset.task));
      assert.deepEqual(hogs, ['count_primes'], 'one hog, the job');
      assert.ok(Number((await canvasData(page)).hogs) >= 1, 'the hog is marked on the timeline');
      const maxPoll = await statsColumn(page, 'maxPollMs');
      assert.ok(maxPoll.count_primes >= 400, `the job's poll was long: ${maxPoll.count_primes} ms`);

      // ---- sorting by a column heading ----
      const pollsHead = page.locator('#stats thead th').filter({ has: page.locator('button[data-sort="polls"]') });
      await pollsHead.locator('button').click();
      assert.equal(await pollsHead.getAttribute('aria-sort'), 'descending');
      let polls = Object.values(await statsColumn(page, 'polls'));
      assert.deepEqual(polls, [...polls].sort((a, b) => b - a), 'high to low');
      await pollsHead.locator('button').click();
      assert.equal(await pollsHead.getAttribute('aria-sort'), 'ascending');
      polls = Object.values(await statsColumn(page, 'polls'));
      assert.deepEqual(polls, [...polls].sort((a, b) => a - b), 'low to high');
      const nameHead = page.locator('#stats thead th').first();
      await nameHead.locator('button').click();
      assert.equal(await nameHead.getAttribute('aria-sort'), 'ascending');
      assert.equal(await pollsHead.getAttribute('aria-sort'), null, 'one sorted column at a time');
      const names = await page.$$eval('#stats-rows th', (cells) => cells.map((c) => c.textContent));
      assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));

      // ---- the download ----
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
      assert.equal(download.suggestedFilename(), 'loopscope-blocking-blocking.json');
      const trace = JSON.parse(await readFile(await download.path(), 'utf8'));
      assert.deepEqual(validateChromeTrace(trace), [], 'a valid Chrome trace');
      const pollEvents = trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'poll');
      assert.ok(pollEvents.length >= 5, 'it holds the polls');
      assert.ok(pollEvents.some((e) => e.args?.hog === true), 'and flags the hog');

      // ---- the tooltip: point along count_primes' lane until its long poll is under the pointer ----
      const box = await page.locator('#timeline').boundingBox();
      const lane = (await page.$$eval('#loop-rows tr th', (cells) => cells.map((c) => c.textContent))).indexOf('count_primes') + 1;
      assert.ok(lane >= 1, 'count_primes has a lane');
      const y = PAD_TOP + AXIS_HEIGHT + lane * (LANE_HEIGHT + LANE_GAP) + LANE_HEIGHT / 2;
      const labelW = Math.min(LABEL_WIDTH_MAX, Math.round(box.width * LABEL_WIDTH_SHARE));
      let tip = '';
      for (let x = labelW + 2; x < box.width - PAD_RIGHT && !/poll/.test(tip); x += 6) {
        await page.mouse.move(box.x + x, box.y + y);
        tip = (await page.locator('#timeline-tip').isVisible()) ? await page.locator('#timeline-tip').textContent() : '';
      }
      assert.match(tip, /count_primes · poll 1/, 'the tooltip names the task and the poll');
      assert.match(tip, /starts at [\d.]+ s/);
      assert.match(tip, /held the loop [\d.]+ (ms|s)/);
      assert.match(tip, /⚠/, 'and says it was a hog');
      await page.mouse.move(box.x + 2, box.y - 20);
      await page.waitForFunction(() => document.querySelector('#timeline-tip').hidden);

      // ---- zoom and pan with the keyboard, the wheel and a drag; "Follow live" returns ----
      await page.locator('#timeline').focus();
      const fitted = await canvasData(page);
      assert.equal(fitted.follow, 'true');
      // The canvas redraws on the next animation frame: wait for what a key changed.
      const viewIs = (test, arg) => page.waitForFunction(test, arg, { timeout: 5_000 });
      await page.keyboard.press('+');
      await viewIs((span) => Number(document.querySelector('#timeline').dataset.viewSpan) < span, Number(fitted.viewSpan));
      assert.equal((await canvasData(page)).follow, 'true', 'zooming from the live edge keeps following');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await viewIs(() => document.querySelector('#timeline').dataset.follow === 'false');
      assert.ok(await page.locator('#follow-live').isVisible(), 'moving back shows the Follow live button');
      const beforeWheel = Number((await canvasData(page)).viewSpan);
      await page.mouse.move(box.x + box.width / 2, box.y + y);
      await page.mouse.wheel(0, -400);
      await viewIs((span) => Number(document.querySelector('#timeline').dataset.viewSpan) < span, beforeWheel);
      const beforeDrag = Number((await canvasData(page)).viewStart);
      await page.mouse.move(box.x + box.width / 2, box.y + y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 - 120, box.y + y, { steps: 4 });
      await page.mouse.up();
      await viewIs((start) => Number(document.querySelector('#timeline').dataset.viewStart) > start, beforeDrag);
      await page.keyboard.press(']');
      await page.waitForFunction(() => !document.querySelector('#timeline-tip').hidden);
      assert.match(await page.locator('#timeline-tip').textContent(), /poll \d+/, '] chooses a poll and tells it');
      await page.locator('#follow-live').click();
      await page.waitForFunction(() => document.querySelector('#timeline').dataset.follow === 'true');
      assert.ok(await page.locator('#follow-live').isHidden(), 'following again: the button goes');
      await page.locator('#timeline').focus();
      await page.keyboard.press('0');
      await viewIs((span) => document.querySelector('#timeline').dataset.viewSpan === span, fitted.viewSpan);

      // ---- the events table ----
      await page.locator('#events summary').click();
      await page.waitForFunction(() => document.querySelectorAll('#events-rows tr').length > 5);
      const kinds = await page.$$eval('#events-rows tr', (rows) => rows.map((r) => r.dataset.kind));
      for (const kind of ['poll', 'print', 'finish']) assert.ok(kinds.includes(kind), `the table lists a ${kind}`);
      assert.match(await page.locator('#events-rows').textContent(), /count_primes/);

      // ---- chunked: the job yields every few ms, so no poll is a hog ----
      await page.locator('#variant').selectOption('chunked');
      await page.locator('#reset').click();
      await waitForState(page, 'idle', 5_000);
      await page.locator('#run').click();
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      await page.waitForFunction(() => document.querySelector('#hog-summary').dataset.count === '0');
      assert.ok(await page.locator('#hog-list').isHidden(), 'no hog listed');
      assert.equal((await canvasData(page)).hogs, '0', 'none marked on the timeline');
      const chunkedPolls = await statsColumn(page, 'polls');
      assert.ok(chunkedPolls.count_primes > 10, `the job ran in many polls: ${chunkedPolls.count_primes}`);
      assertCleanPage(recorded, 'instruments');
    } finally {
      await recorded.context.close();
    }
  });
});
