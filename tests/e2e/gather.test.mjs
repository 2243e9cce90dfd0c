// Page tests of the first lesson, "gather": two tasks that each print, sleep one second and
// print again, run concurrently. Drives the real page (index.html + www/pkg) in Debian's
// Chromium; builds nothing (`make test` builds www/pkg first).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertCleanPage as assertClean,
  countInkPixels,
  useSite,
  waitForState as waitForStatus,
} from './harness.mjs';

const READY_TIMEOUT_MS = 20_000; // wasm compile + first lesson load on a slow CI machine
const RUN_TIMEOUT_MS = 20_000; // the gather lesson lasts ~1 s at speed 1
const DEFAULT_LESSON_TIMEOUT_MS = 30_000; // the first lesson at speed 1 lasts a few seconds
const QUIET_AFTER_RESET_MS = 1_500; // longer than the lesson's 1 s sleep
const MIN_INK_PIXELS = 100; // a drawn lane is far more than this; an empty canvas is 0
const TEST_TIMEOUT_MS = 90_000;

const site = useSite(); // the served site and one browser for this file

/** Opens index.html with `hash` (on the Rust switch) and waits until the Run button is enabled. */
// The lesson's Rust run, as the crate wrote it (script.test.mjs drives the Python mode, the default).
const openLesson = (hash) => site.open(`${hash}&engine=rust`);
const waitForState = (page, state, timeout = RUN_TIMEOUT_MS) => waitForStatus(page, state, timeout);

/** The console's lines as { text, task } in order. */
function consoleLines(page) {
  return page.$$eval('#console .line', (lines) =>
    lines.map((line) => ({ text: line.textContent, task: line.getAttribute('data-task') })),
  );
}

function assertCleanPage(recorded) {
  assert.ok(recorded.requests.length > 0, 'no request was recorded at all');
  assertClean(recorded, site.origin, 'gather page');
}

describe('the gather lesson', { timeout: TEST_TIMEOUT_MS }, () => {
  test('runs both tasks concurrently: both start lines come before both completion lines', async () => {
    const recorded = await openLesson('#lesson=gather&lang=tr');
    const { page } = recorded;
    try {
      const run = page.getByRole('button', { name: 'Çalıştır', exact: true });
      assert.equal(await run.getAttribute('id'), 'run', 'the Turkish Run button is #run');
      assert.equal(await page.locator('#console-log').getAttribute('role'), 'log');

      await run.click();
      await waitForState(page, 'finished');

      const lines = await consoleLines(page);
      assert.equal(lines.length, 4, `expected 4 console lines, got ${JSON.stringify(lines)}`);
      assert.match(lines[0].text, /İlk işlem yapılıyor/);
      assert.match(lines[1].text, /İkinci işlem yapılıyor/);
      const completions = lines.slice(2).map((line) => line.text);
      assert.ok(
        completions.some((text) => /İlk işlem tamamlandı/.test(text)) &&
          completions.some((text) => /İkinci işlem tamamlandı/.test(text)),
        `the last two lines are the two completions, got ${JSON.stringify(completions)}`,
      );

      const tasks = new Set(lines.map((line) => line.task));
      assert.ok(
        [...tasks].some((task) => /first_task/.test(task ?? '')),
        `a line of first_task, got data-task ${JSON.stringify([...tasks])}`,
      );
      assert.ok(
        [...tasks].some((task) => /second_task/.test(task ?? '')),
        `a line of second_task, got data-task ${JSON.stringify([...tasks])}`,
      );

      const lanes = Number(await page.locator('canvas#timeline').getAttribute('data-task-lanes'));
      assert.ok(lanes >= 2, `canvas#timeline data-task-lanes >= 2, got ${lanes}`);

      const pixels = await countInkPixels(page, 'canvas#timeline');
      assert.ok(
        pixels.ink >= MIN_INK_PIXELS,
        `the timeline has drawn lanes, got ${JSON.stringify(pixels)}`,
      );

      assertCleanPage(recorded);
    } finally {
      await recorded.context.close();
    }
  });

  test('Reset during a run cancels it and no line is printed afterwards', async () => {
    const recorded = await openLesson('#lesson=gather&lang=tr');
    const { page } = recorded;
    try {
      await page.getByRole('button', { name: 'Çalıştır', exact: true }).click();
      // Both tasks print before their first sleep: the run is now inside its 1 s wait.
      await page.waitForFunction(() => document.querySelectorAll('#console .line').length >= 1, null, {
        timeout: RUN_TIMEOUT_MS,
      });

      const reset = page.getByRole('button', { name: 'Sıfırla', exact: true });
      assert.equal(await reset.getAttribute('id'), 'reset', 'the Turkish Reset button is #reset');
      await reset.click();
      await waitForState(page, 'cancelled', 5_000);

      const atReset = await consoleLines(page);
      await page.waitForTimeout(QUIET_AFTER_RESET_MS);
      const later = await consoleLines(page);
      assert.deepEqual(later, atReset, 'no console line appeared after Reset');
      assert.ok(
        later.every((line) => !/tamamlandı/.test(line.text)),
        `a cancelled task never completes, got ${JSON.stringify(later)}`,
      );
      assert.equal(
        await page.locator('#status').getAttribute('data-state'),
        'cancelled',
        'the run stays cancelled',
      );

      assertCleanPage(recorded);
    } finally {
      await recorded.context.close();
    }
  });

  test('an unknown lesson in the address shows a notice and loads the default lesson', async () => {
    const recorded = await openLesson('#lesson=nope&lang=tr');
    const { page } = recorded;
    try {
      const notice = page.locator('#notice');
      await notice.waitFor({ state: 'visible', timeout: READY_TIMEOUT_MS });
      assert.notEqual((await notice.textContent()).trim(), '', 'the notice says something');

      // The default lesson is the first one of the picker (lessons() order); it runs to its end.
      const first = await page.$eval('#lesson option', (option) => option.value);
      assert.equal(await page.locator('#lesson').inputValue(), first, 'the picker shows the first lesson');
      assert.match(await page.evaluate(() => location.hash), new RegExp(`lesson=${first}(&|$)`));
      await page.getByRole('button', { name: 'Çalıştır', exact: true }).click();
      await waitForState(page, 'finished', DEFAULT_LESSON_TIMEOUT_MS);
      const lines = await consoleLines(page);
      assert.ok(lines.length >= 1, `the default lesson printed, got ${JSON.stringify(lines)}`);

      assertCleanPage(recorded);
    } finally {
      await recorded.context.close();
    }
  });
  test('"Copy link" copies an address that reopens the same lesson, values, speed and time', async () => {
    const recorded = await openLesson('#lesson=fetch-data&lang=en&speed=5&mode=virtual&first=1.5');
    const { page } = recorded;
    try {
      await recorded.context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.getByRole('button', { name: 'Copy link', exact: true }).click();
      await page.locator('#copy-link-status').filter({ hasText: /copied/ }).waitFor({ timeout: READY_TIMEOUT_MS });
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      const hash = new URLSearchParams(new URL(copied).hash.slice(1));
      assert.deepEqual(
        ['lesson', 'lang', 'speed', 'mode', 'first'].map((k) => hash.get(k)),
        ['fetch-data', 'en', '5', 'virtual', '1.5'],
        `the copied link ${copied} holds the run's settings`,
      );
      // Opened again, it shows what was copied.
      const again = await openLesson(new URL(copied).hash);
      try {
        assert.equal(await again.page.locator('#lesson').inputValue(), 'fetch-data');
        assert.equal(await again.page.locator('#param-first').inputValue(), '1.5');
        assert.equal(await again.page.locator('#mode').inputValue(), 'virtual');
        assertCleanPage(again);
      } finally {
        await again.context.close();
      }
      assertCleanPage(recorded);
    } finally {
      await recorded.context.close();
    }
  });
});
