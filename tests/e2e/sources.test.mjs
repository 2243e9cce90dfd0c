// The lessons' source texts are files the page fetches (www/sources.js), not part of the wasm:
// the opened lesson's Python comes with the page, its Rust only once the learner switches to
// it, another lesson's texts only once it is opened; what the page shows is the file as it is
// (the Rust up to its catalogue entry); and a text that cannot be fetched says so where the
// learner is looking, and Run tries again, instead of leaving the page waiting.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { READY_TIMEOUT_MS, REPO_ROOT, assertCleanPage as assertClean, openRecordedPage, useSite, waitForState } from './harness.mjs';
import { rustCode } from '../../www/sources.js';

const site = useSite();
const assertCleanPage = (recorded, what) => assertClean(recorded, site.origin, what);
const RUN_TIMEOUT_MS = 20_000;
const TEXT_TIMEOUT_MS = 5_000;

const lessonFile = (name) => readFile(join(REPO_ROOT, 'crate', 'lessons', name), 'utf8');
/** The lesson files the page asked for, in order. */
const fetched = (requests) => requests.map((u) => new URL(u).pathname).filter((p) => p.startsWith('/crate/lessons/')).map((p) => p.slice('/crate/lessons/'.length));

describe('the lessons’ source texts', { timeout: 90_000 }, () => {
  test('the opened lesson’s Python comes with the page; its Rust when asked for; another lesson’s when opened', async () => {
    const recorded = await site.open('#lesson=gather&lang=en&mode=virtual');
    const { page, requests } = recorded;
    try {
      assert.equal(await page.locator('#code-python').textContent(), await lessonFile('gather.en.py'), 'the file as it is');
      assert.deepEqual(fetched(requests), ['gather.en.py'], 'only the shown Python');

      await page.locator('#engine input[value="rust"]').check();
      await page.waitForSelector('#code-rust[data-source="in"]', { timeout: TEXT_TIMEOUT_MS });
      const rust = await page.locator('#code-rust').textContent();
      assert.equal(rust, rustCode(await lessonFile('gather.rs')), 'the Rust up to its catalogue entry');
      assert.doesNotMatch(rust, /pub static LESSON/);
      assert.deepEqual(fetched(requests), ['gather.en.py', 'gather.rs']);

      await page.locator('#engine input[value="python"]').check();
      await page.locator('#lesson').selectOption('timeouts');
      await page.waitForSelector('#code-python[data-source="in"]', { timeout: TEXT_TIMEOUT_MS });
      await page.waitForFunction(() => document.getElementById('code-python').textContent.includes('wait_for'));
      assert.equal(await page.locator('#code-python').textContent(), await lessonFile('timeouts_wait_for.en.py'));
      await page.locator('#lang').selectOption('tr');
      await page.waitForFunction(() => /[ğış]/.test(document.getElementById('code-python').textContent));
      assert.equal(await page.locator('#code-python').textContent(), await lessonFile('timeouts_wait_for.py'));
      assert.deepEqual(fetched(requests), ['gather.en.py', 'gather.rs', 'timeouts_wait_for.en.py', 'timeouts_wait_for.py'], 'each text once, when shown');

      await page.locator('#run').click();
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      assertCleanPage(recorded, 'gather, then timeouts');
    } finally {
      await recorded.context.close();
    }
  });

  test('a text that cannot be fetched is said where the code would be; Run says it too, and fetches it again', async () => {
    const recorded = await openRecordedPage(site.browser);
    const { page } = recorded;
    let broken = true;
    await page.route('**/crate/lessons/gather.en.py', (route) => (broken ? route.fulfill({ status: 404, body: 'gone' }) : route.fallback()));
    await page.route('**/crate/lessons/gather.rs', (route) => route.abort());
    try {
      await page.goto(`${site.origin}/index.html#lesson=gather&lang=en&mode=virtual`);
      await page.waitForSelector('#code-python[data-source="failed"]', { timeout: READY_TIMEOUT_MS });
      assert.match(await page.locator('#code-python').textContent(), /could not be loaded \(gather\.en\.py: HTTP 404\)/);
      await page.locator('#code-python').click();
      assert.equal(await page.locator('#editor textarea').count(), 0, 'no editor over a text that is not there');

      await page.waitForFunction(() => !document.getElementById('run').disabled, null, { timeout: READY_TIMEOUT_MS });
      await page.locator('#run').click();
      await waitForState(page, 'invalid', TEXT_TIMEOUT_MS);
      assert.match(await page.locator('#status').textContent(), /code could not be loaded \(gather\.en\.py: HTTP 404\)/);
      assert.equal(await page.locator('#console .line').count(), 0, 'nothing ran');

      await page.locator('#engine input[value="rust"]').check();
      await page.waitForSelector('#code-rust[data-source="failed"]', { timeout: TEXT_TIMEOUT_MS });
      assert.match(await page.locator('#code-rust').textContent(), /could not be loaded \(gather\.rs: /);
      await page.locator('#engine input[value="python"]').check();

      broken = false; // the server is back: Run fetches the code again and runs it
      await page.locator('#run').click();
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      assert.equal(await page.locator('#code-python').textContent(), await lessonFile('gather.en.py'));
      assert.equal(await page.locator('#console .line').count(), 4, 'the lesson’s Python ran');
      assert.deepEqual(recorded.pageErrors, [], 'the page threw nothing');
    } finally {
      await recorded.context.close();
    }
  });
});
