// Page tests of every lesson, in both languages, plus the lesson parameters (their checks and
// the URL) and the live controls. One browser for the whole file and one page at a time: the
// CI machine has two cores, and a lesson's timing is part of what it shows.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertCleanPage as assertClean,
  countInkPixels,
  failOnDialog,
  useSite,
  waitForState,
} from './harness.mjs';
import { MAX_LANES } from '../../www/timeline-layout.js';
import { MAX_ROWS as MAX_LOOP_ROWS } from '../../www/loop-panel.js';

const LANGS = ['tr', 'en'];
const FAST_SPEED = 20; // × real time: a lesson's 8 s of sleeps take 0.4 s
const LESSON_TIMEOUT_MS = 30_000; // lessons end on their own; CPU-bound ones do not scale with speed
const MIN_INK_PIXELS = 100; // a drawn lane is far more than this; an empty canvas is 0
const SETTLE_MS = 400; // longer than the page's 300 ms parameter-check debounce
const ALL_LESSONS_TIMEOUT_MS = 10 * 60_000;
const TEST_TIMEOUT_MS = 90_000;

// Values a learner might type that must never run: not a number, empty, out of range, too big
// for a double, and markup that would run script if it ever reached innerHTML.
const MARKUP = '<img src=x onerror=alert(1)>';
const BAD_VALUES = ['abc', '', '-1', '1e400', MARKUP];
const PARAM_LESSON = 'fetch-data';
const PARAM = 'first';

const site = useSite(); // the served site and one browser for this file
// These tests are about the lessons' Rust runs, as the crate wrote them (script.test.mjs drives
// the Python mode, the page's default): every page opens with the switch on Rust.
const openRust = (hash) => site.open(`${hash}&engine=rust`);

const assertCleanPage = (recorded, what) => assertClean(recorded, site.origin, what);

/** Page texts built from i18n templates; a `{name}` left in one is a missing variable. */
async function assertNoPlaceholders(page, what) {
  const texts = await page.evaluate(() => [
    ...['#status', '#notice', '#run-caption', '#loop-summary', '#loop-rows', '#totals', '#lesson-seed', '#params', '#live-controls']
      .map((sel) => document.querySelector(sel)?.textContent ?? ''),
    document.querySelector('#timeline').getAttribute('aria-label'),
  ]);
  for (const text of texts) assert.doesNotMatch(text, /\{[A-Za-z]\w*\}/, `${what}: an unfilled placeholder in ${JSON.stringify(text)}`);
}

/** Records every data-state #status takes from now on, in window.__states. */
function watchStatus(page) {
  return page.evaluate(() => {
    const status = document.querySelector('#status');
    window.__states = [status.dataset.state];
    new MutationObserver(() => window.__states.push(status.dataset.state))
      .observe(status, { attributes: true, attributeFilter: ['data-state'] });
  });
}


async function lessonIds() {
  const recorded = await openRust('#lang=en');
  try {
    return await recorded.page.$$eval('#lesson option', (options) => options.map((o) => o.value));
  } finally {
    await recorded.context.close();
  }
}

describe('every lesson', { timeout: ALL_LESSONS_TIMEOUT_MS }, () => {
  for (const lang of LANGS) {
    test(`every lesson of the picker runs to its end in ${lang}, prints and draws its tasks`, async (t) => {
      const ids = await lessonIds();
      assert.ok(ids.length >= 1, 'the lesson picker lists lessons');
      for (const id of ids) {
        await t.test(`${id} (${lang})`, async () => {
          const recorded = await openRust(`#lesson=${id}&lang=${lang}&speed=${FAST_SPEED}`);
          const { page } = recorded;
          try {
            assert.equal(await page.locator('#lesson').inputValue(), id, 'the picker shows the lesson of the URL');
            assert.equal(await page.locator('#speed').inputValue(), String(FAST_SPEED), 'the speed of the URL is picked');
            await page.locator('#run').click();
            await waitForState(page, 'finished', LESSON_TIMEOUT_MS);

            const lines = await page.locator('#console .line').count();
            assert.ok(lines >= 1, `${id}: at least one printed line, got ${lines}`);
            const lanes = Number(await page.locator('canvas#timeline').getAttribute('data-task-lanes'));
            assert.ok(lanes >= 1, `${id}: the timeline drew task lanes, got ${lanes}`);
            const pixels = await countInkPixels(page, 'canvas#timeline');
            assert.ok(pixels.ink >= MIN_INK_PIXELS, `${id}: the timeline has ink, got ${JSON.stringify(pixels)}`);

            // The event-loop panel lists the same tasks, and after the end none is still live.
            // A run of many tasks shows a window of lanes and the first rows of the panel.
            const total = Number(await page.locator('canvas#timeline').getAttribute('data-total-lanes'));
            assert.equal(lanes, Math.min(total, MAX_LANES), `${id}: the timeline shows at most ${MAX_LANES} lanes`);
            const states = await page.$$eval('#loop-rows tr', (rows) => rows.map((r) => r.dataset.state));
            assert.equal(states.length, Math.min(total, MAX_LOOP_ROWS), `${id}: one loop-panel row per task`);
            assert.ok(
              states.every((s) => s === 'done' || s === 'cancelled'),
              `${id}: every task ended, got ${JSON.stringify(states)}`,
            );
            await assertNoPlaceholders(page, id);
            assertCleanPage(recorded, id);
          } finally {
            await recorded.context.close();
          }
        });
      }
    });
  }
});

describe('every variant', { timeout: ALL_LESSONS_TIMEOUT_MS }, () => {
  test('every variant of every lesson runs to its end, one after another in one page per lesson', async (t) => {
    for (const id of await lessonIds()) {
      await t.test(id, async () => {
        const recorded = await openRust(`#lesson=${id}&lang=en&speed=${FAST_SPEED}`);
        const { page } = recorded;
        try {
          const variants = await page.$$eval('#variant option', (options) => options.map((o) => o.value));
          assert.ok(variants.length >= 1, `${id} has variants`);
          for (const variant of variants) {
            await page.locator('#variant').selectOption(variant);
            await page.locator('#reset').click(); // back to idle, so "finished" below is this run's
            await waitForState(page, 'idle', 5_000);
            await page.locator('#run').click();
            await waitForState(page, 'finished', LESSON_TIMEOUT_MS);
            const lines = await page.locator('#console .line').count();
            assert.ok(lines >= 1, `${id}/${variant}: at least one printed line, got ${lines}`);
            if (id === 'blocking' && variant === 'worker') {
              // The page points the lesson at its own copy of the worker script.
              assert.ok(
                recorded.requests.some((url) => url === `${site.origin}/www/worker.js`),
                'the worker variant loaded www/worker.js from the site',
              );
              const text = await page.locator('#console').textContent();
              assert.doesNotMatch(text, /worker failed/i, 'the worker answered');
            }
            const states = await page.$$eval('#loop-rows tr', (rows) => rows.map((r) => r.dataset.state));
            assert.ok(states.length >= 1, `${id}/${variant}: the loop panel lists its tasks`);
            assert.ok(
              states.every((s) => s === 'done' || s === 'cancelled'),
              `${id}/${variant}: every task ended, got ${JSON.stringify(states)}`,
            );
          }
          await assertNoPlaceholders(page, id);
          assertCleanPage(recorded, id);
        } finally {
          await recorded.context.close();
        }
      });
    }
  });
});

describe('lesson parameters', { timeout: TEST_TIMEOUT_MS }, () => {
  test('a bad value typed into a field shows its message there and nothing runs', async () => {
    const recorded = await openRust(`#lesson=${PARAM_LESSON}&lang=en`);
    const { page } = recorded;
    const dialogs = [];
    failOnDialog(page, dialogs);
    try {
      await watchStatus(page);
      const field = page.locator(`#param-${PARAM}`);
      const error = page.locator(`#param-${PARAM}-error`);
      assert.equal(await field.getAttribute('inputmode'), 'decimal');
      assert.match(await field.getAttribute('aria-describedby'), new RegExp(`param-${PARAM}-error`));
      assert.equal(await field.getAttribute('aria-invalid'), 'false', 'the default value is fine');
      assert.equal((await error.textContent()).trim(), '', 'no message for the default value');

      for (const value of BAD_VALUES) {
        await field.fill(value);
        await page.locator('#run').click();
        assert.notEqual((await error.textContent()).trim(), '', `a message for ${JSON.stringify(value)}`);
        assert.equal(await field.getAttribute('aria-invalid'), 'true', `${JSON.stringify(value)} is marked invalid`);
        assert.equal(await page.locator('#status').getAttribute('data-state'), 'invalid', 'the status says why');
        await page.waitForTimeout(SETTLE_MS); // the debounced check runs too and must agree
        assert.notEqual((await error.textContent()).trim(), '', `still a message for ${JSON.stringify(value)}`);
      }
      // The markup came back as text inside the message, and nothing was made of it.
      assert.ok((await error.textContent()).includes(MARKUP), 'the message quotes the typed text as text');
      assert.equal(await page.locator('img').count(), 0, 'no element was injected');
      assert.deepEqual(dialogs, [], 'no dialog opened');

      const seen = await page.evaluate(() => window.__states);
      assert.ok(!seen.includes('running'), `the run never started, states ${JSON.stringify(seen)}`);
      assert.equal(await page.locator('#console .line').count(), 0, 'nothing was printed');

      // A good value clears the message, and then the run starts.
      await field.fill('0.5');
      await page.waitForTimeout(SETTLE_MS);
      assert.equal((await error.textContent()).trim(), '', 'a good value has no message');
      assert.equal(await field.getAttribute('aria-invalid'), 'false');
      assert.match(await page.evaluate(() => location.hash), new RegExp(`${PARAM}=0\\.5`), 'the value is in the URL');
      await page.locator('#run').click();
      await waitForState(page, 'finished', LESSON_TIMEOUT_MS);
      assertCleanPage(recorded, 'typed values');
    } finally {
      await recorded.context.close();
    }
  });

  test('a bad value in the URL shows its message next to its field and is never run', async () => {
    const hash = `#lesson=${PARAM_LESSON}&lang=tr&${PARAM}=${encodeURIComponent(MARKUP)}&second=-1`;
    const recorded = await openRust(hash);
    const { page } = recorded;
    const dialogs = [];
    failOnDialog(page, dialogs);
    try {
      const field = page.locator(`#param-${PARAM}`);
      assert.equal(await field.inputValue(), MARKUP, 'the field holds the URL text as it is');
      const error = page.locator(`#param-${PARAM}-error`);
      await page.waitForFunction((sel) => document.querySelector(sel).textContent.trim() !== '', `#param-${PARAM}-error`);
      assert.ok((await error.textContent()).includes(MARKUP), 'the message quotes the URL text as text');
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      assert.notEqual((await page.locator('#param-second-error').textContent()).trim(), '', 'the other bad field has its message');

      await watchStatus(page);
      await page.getByRole('button', { name: 'Çalıştır', exact: true }).click();
      await page.waitForTimeout(SETTLE_MS);
      const seen = await page.evaluate(() => window.__states);
      assert.ok(!seen.includes('running'), `the run never started, states ${JSON.stringify(seen)}`);
      assert.equal(await page.locator('#status').getAttribute('data-state'), 'invalid');
      assert.equal(await page.locator('img').count(), 0, 'no element was injected');
      assert.deepEqual(dialogs, [], 'no dialog opened');
      assertCleanPage(recorded, 'URL values');
    } finally {
      await recorded.context.close();
    }
  });

  test('a parameter in the URL opens the Rust, which reads it; asked for the Python, the page says it is not read', async () => {
    let recorded = await site.open(`#lesson=${PARAM_LESSON}&lang=en&${PARAM}=1.5`);
    try {
      assert.equal(await recorded.page.locator('input[name="engine"]:checked').inputValue(), 'rust');
      assert.equal(await recorded.page.locator(`#param-${PARAM}`).inputValue(), '1.5');
      assert.ok(await recorded.page.locator(`#param-${PARAM}`).isVisible(), 'its field is shown');
      assertCleanPage(recorded, 'a parameter in the URL');
    } finally {
      await recorded.context.close();
    }
    recorded = await site.open(`#lesson=${PARAM_LESSON}&lang=tr&engine=python&${PARAM}=1.5`);
    try {
      assert.equal(await recorded.page.locator('input[name="engine"]:checked').inputValue(), 'python');
      const notice = recorded.page.locator('#notice');
      assert.ok(await notice.isVisible(), 'a note says the parameter is not read');
      assert.match(await notice.textContent(), new RegExp(`${PARAM}.*Rust`));
      assert.doesNotMatch(await recorded.page.evaluate(() => location.hash), new RegExp(`${PARAM}=`), 'a Python link does not carry it');
      // Chosen, the Rust reads it: the note goes, the value is kept and the link carries it.
      await recorded.page.locator('input[name="engine"][value="rust"]').check();
      assert.doesNotMatch((await notice.isVisible()) ? await notice.textContent() : '', new RegExp(`${PARAM}.*Rust`));
      assert.equal(await recorded.page.locator(`#param-${PARAM}`).inputValue(), '1.5');
      assert.match(await recorded.page.evaluate(() => location.hash), new RegExp(`${PARAM}=1\\.5`));
      assertCleanPage(recorded, 'a parameter with the Python');
    } finally {
      await recorded.context.close();
    }
  });

  test('changing the lesson resets the parameters to that lesson’s defaults', async () => {
    const recorded = await openRust(`#lesson=${PARAM_LESSON}&lang=en&${PARAM}=abc`);
    const { page } = recorded;
    try {
      await page.locator('#lesson').selectOption('gather');
      await page.locator('#lesson').selectOption(PARAM_LESSON);
      const field = page.locator(`#param-${PARAM}`);
      assert.notEqual(await field.inputValue(), 'abc', 'the old text is gone');
      assert.equal(await field.getAttribute('aria-invalid'), 'false');
      assert.doesNotMatch(await page.evaluate(() => location.hash), new RegExp(`${PARAM}=`), 'defaults stay out of the URL');
      assertCleanPage(recorded, 'lesson change');
    } finally {
      await recorded.context.close();
    }
  });
});

describe('the event-loop panel', { timeout: TEST_TIMEOUT_MS }, () => {
  test('while a run is live it says what each waiting task waits on: a channel, I/O, another task', async () => {
    const recorded = await openRust('#lesson=event-loop&lang=en');
    const { page } = recorded;
    try {
      await page.locator('#run').click();
      // Each of these holds for most of the run; wait until a frame has shown them all at once.
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('#loop-rows tr[data-state="waiting"]')];
        const details = rows.map((r) => r.querySelector('.detail').textContent);
        return ['channel', 'I/O', 'awaits '].every((what) => details.some((d) => d.includes(what)));
      }, null, { timeout: LESSON_TIMEOUT_MS });
      await assertNoPlaceholders(page, 'live loop panel');
      const waiting = page.locator('#loop-rows tr[data-state="waiting"]').first();
      assert.match(await waiting.locator('.state').textContent(), /waiting/, 'the state is said in words');
      assert.notEqual((await waiting.locator('.icon').textContent()).trim(), '', 'and shown by an icon');
      await waitForState(page, 'finished', LESSON_TIMEOUT_MS);
      assertCleanPage(recorded, 'loop panel');
    } finally {
      await recorded.context.close();
    }
  });
});

describe('speed and live controls', { timeout: TEST_TIMEOUT_MS }, () => {
  test('the speed picker offers 0.1× to 10×, starts at 1× and writes the URL', async () => {
    const recorded = await openRust('#lesson=gather&lang=en');
    const { page } = recorded;
    try {
      const values = await page.$$eval('#speed option', (options) => options.map((o) => o.value));
      assert.deepEqual(values, ['0.1', '0.25', '0.5', '1', '2', '5', '10']);
      assert.equal(await page.locator('#speed').inputValue(), '1');
      await page.locator('#speed').selectOption('10');
      assert.match(await page.evaluate(() => location.hash), /speed=10(&|$)/);
      await page.locator('#run').click();
      await waitForState(page, 'finished', LESSON_TIMEOUT_MS);
      assertCleanPage(recorded, 'speed');
    } finally {
      await recorded.context.close();
    }
  });

  test('a lesson’s control buttons work only while its run is live', async () => {
    const recorded = await openRust('#lesson=websocket&lang=en');
    const { page } = recorded;
    try {
      const buttons = page.locator('#live-control-buttons button');
      assert.ok((await buttons.count()) >= 1, 'the websocket lesson has controls');
      assert.ok(await buttons.first().isDisabled(), 'disabled before a run');

      await page.locator('#run').click();
      await page.waitForFunction(() => document.querySelectorAll('#console .line').length >= 3, null, {
        timeout: LESSON_TIMEOUT_MS,
      });
      assert.ok(await buttons.first().isEnabled(), 'enabled while the run is live');
      await buttons.first().click();
      assert.ok(await page.locator('#notice').isHidden(), 'the control was accepted (no notice)');

      await page.locator('#reset').click();
      await waitForState(page, 'cancelled', 5_000);
      assert.ok(await buttons.first().isDisabled(), 'disabled again after the run');
      assertCleanPage(recorded, 'controls');
    } finally {
      await recorded.context.close();
    }
  });
});
