// The lesson's title is painted by a small classic script (www/first-paint.js, run from the
// page's head) before any module or the wasm has loaded (bench first_paint): checked with every
// module and the wasm held back, in both languages, for a named lesson, an unknown one (the
// first lesson, as the page falls back) and the learner's own program (left to app.js). Then,
// once the page has loaded, app.js's title is the same text: the two never disagree on screen.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './harness.mjs';

const site = useSite();

/** Module scripts and the wasm are never answered: only www/first-paint.js may run. */
const heldBack = (url) => /\.(m?js|wasm)$/.test(url.pathname) && !url.pathname.endsWith('/first-paint.js');

/** The title shown with the page's modules and wasm held back, once first-paint.js has run. */
async function titleWithoutScripts(hash) {
  const context = await site.browser.newContext();
  try {
    const page = await context.newPage();
    await page.route(heldBack, () => {});
    // Module scripts hold DOMContentLoaded and load back: wait for the script's own fetch, then
    // a frame (the script names the title as soon as the parser has inserted it).
    await page.goto(`${site.origin}/index.html${hash}`, { waitUntil: 'commit' });
    await page.waitForFunction(() =>
      performance.getEntriesByType('resource').some((e) => e.name.endsWith('/first-paint.js') && e.responseEnd > 0));
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
    return await page.textContent('#lesson-title');
  } finally {
    await context.close();
  }
}

test('the title is painted before any module or the wasm has loaded, as app.js then paints it', async () => {
  const cases = [
    ['#lesson=gather&lang=en', 'Two tasks at once'],
    ['#lesson=gather&lang=tr', 'Aynı anda iki görev'],
    ['#lesson=blocking&lang=tr', 'Engelleyici kod ve to_thread'],
    ['#lesson=nope&lang=en', 'The doctor and the patients'],
    ['#lang=en&code=cHJpbnQoMSkK', ''],
  ];
  for (const [hash, want] of cases) {
    assert.equal(await titleWithoutScripts(hash), want, hash);
  }
  for (const [hash, want] of cases.slice(0, 3)) {
    const { page } = await site.open(hash); // Run enabled: app.js has drawn the lesson
    assert.equal(await page.textContent('#lesson-title'), want, `${hash} after load`);
    await page.close();
  }
});

test('while the wasm loads, the page keeps the title first-paint.js painted', async () => {
  // The page's modules run; only the wasm is held back, so app.js starts without a lesson
  // catalogue. It must not blank the title meanwhile (it once did, until the runtime was in).
  const context = await site.browser.newContext();
  try {
    const page = await context.newPage();
    await page.route((url) => url.pathname.endsWith('.wasm'), () => {});
    await page.goto(`${site.origin}/index.html#lesson=gather&lang=tr`, { waitUntil: 'commit' });
    await page.waitForFunction(() => document.querySelector('#run')?.disabled === true
      && document.querySelector('#status')?.textContent.trim() !== '');
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
    assert.equal(await page.textContent('#lesson-title'), 'Aynı anda iki görev');
    assert.equal(await page.getAttribute('html', 'lang'), 'tr', 'the page speaks the language of the address already');
  } finally {
    await context.close();
  }
});
