// The learner's page speaks asyncio. In Python mode (the default) a task runs, waits at an
// await, is ready, is cancelled, finishes; the runtime's words (poll, future, spawn, drop,
// waker, tick) belong to the Rust pane and to the engineer view only. Checked on every lesson
// in both languages, before a run, after a virtual run (with the timeline's tooltips) and
// while a run is paused after two steps; in Turkish a task is a "görev", never a "task".

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanPage as assertClean, useSite } from './harness.mjs';
import { LANGS, hasText, t } from '../../www/i18n.js';
import { EN } from '../../www/texts-en.js';
import { TR } from '../../www/texts-tr.js';

const site = useSite();
const assertCleanPage = (recorded, what) => assertClean(recorded, site.origin, what);

const RUST_WORDS = /\b(poll\w*|futures?|spawn\w*|drop\w*|waker\w*|ticks?)\b/i;
const TURKISH_TASK = /task/i;
/** Turkish words the page dropped: the seeds are not "Tohum", a poll is not a "yoklama". */
const TURKISH_OLD = /Tohumdaki|Seed['’]in|Ne üzerine|Canlı uç|yoklama/i;
/** Code in a Turkish sentence keeps its names: first_task, create_task, task.cancel(). */
const withoutCode = (text) => text.replace(/\w*_\w*|\btask\.\w+(\(\))?/g, '');

/**
 * Where the page may say the runtime's words: the Rust pane, the engineer view (statistics,
 * loop hogs, events, shortcuts), and the learner's own program and what it prints.
 */
const SKIP = ['#rust-col', '#engineer', '#code-python', '#editor', '#console', '#original'].join(', ');

/** The seeds' own titles are quoted as written: "001 · Birden Fazla Task Çalıştırma". */
const SEED_TITLES = /^Kaynak: \d{3} · .*$/;

/** The visible texts of the page (text nodes, aria-labels, options) with where they are. */
function visibleTexts(page) {
  return page.evaluate((skip) => {
    const found = [];
    const where = (node) => node.closest('[id]')?.id ?? node.tagName.toLowerCase();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.data.trim();
      if (!text || !parent || parent.closest(skip) || parent.closest('select')) continue;
      if (!parent.checkVisibility()) continue;
      found.push({ at: where(parent), text });
    }
    for (const node of document.body.querySelectorAll('[aria-label]')) {
      if (node.closest(skip) || !node.checkVisibility()) continue;
      found.push({ at: `${where(node)}[aria-label]`, text: node.getAttribute('aria-label') });
    }
    // A select's options are all read when it opens.
    for (const select of document.body.querySelectorAll('select')) {
      if (select.closest(skip) || !select.checkVisibility()) continue;
      for (const option of select.options) found.push({ at: `${select.id}/${option.value}`, text: option.text });
    }
    found.push({ at: 'title', text: document.title });
    // Words the timeline draws on its canvas (lane labels, notes), recorded by the init script.
    for (const text of window.__canvasTexts ?? []) found.push({ at: 'timeline[canvas]', text });
    return found;
  }, SKIP);
}

/** Records every text drawn on a canvas, so the timeline's drawn words are checked too. */
function recordCanvasText() {
  window.__canvasTexts = new Set();
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
    window.__canvasTexts.add(String(text));
    return fillText.call(this, text, ...rest);
  };
}

/** Whether `text` breaks the rule for `lang`. */
const breaks = (text, lang) => RUST_WORDS.test(text)
  || (lang === 'tr' && (TURKISH_TASK.test(withoutCode(text)) || TURKISH_OLD.test(text)));

/** The texts of `found` that break the rule for `lang` on `lesson`, as "at: text" lines. */
function offending(found, lang) {
  return found.filter(({ at, text }) => breaks(text, lang)
    && !(at === 'lesson-seed' && SEED_TITLES.test(text) && !RUST_WORDS.test(text)))
    .map(({ at, text }) => `${at}: ${text}`);
}

/**
 * The page's texts the walk above may not meet (tooltips of waits and loop passes, rare
 * notices): every key of the text tables (www/texts-en.js, texts-tr.js) as Python mode says it,
 * but the engineer view's (the statistics, loop hogs, events and shortcuts) and the Rust-only
 * asyncio ↔ Rust map.
 */
const ENGINEER_OR_RUST_KEY = /^(stats|col_|stateWaitingOn|hog|events|evCol_|ev_|evPoll|shortcuts|key_|map_)/;

const settled = (page) => page.waitForSelector(
  '#status[data-state="finished"], #status[data-state="error"], #status[data-state="cancelled"]',
  { state: 'attached', timeout: 30_000 },
);

describe('a learner-mode page speaks asyncio', { timeout: 120_000 }, () => {
  test('every page text of Python mode, both languages (placeholders are code)', () => {
    const keys = new Set([...Object.keys(EN), ...Object.keys(TR)]);
    const problems = [];
    for (const lang of LANGS) {
      for (const key of keys) {
        if (key.endsWith('_py') || ENGINEER_OR_RUST_KEY.test(key)) continue;
        const text = t(lang, hasText(lang, `${key}_py`) ? `${key}_py` : key).replace(/\{\w+\}/g, '');
        if (breaks(text, lang)) problems.push(`${lang} ${key}: ${text}`);
      }
    }
    assert.ok(keys.size > 200, `keys of the text tables: ${keys.size}`);
    assert.deepEqual(problems, [], `runtime words in Python mode's texts:\n${problems.join('\n')}`);
  });

  test('every lesson, both languages: no runtime words outside the Rust pane and the engineer view', async () => {
    const context = await site.browser.newContext();
    await context.addInitScript(recordCanvasText);
    const page = await context.newPage();
    const recorded = { pageErrors: [], consoleErrors: [], requests: [] };
    page.on('pageerror', (err) => recorded.pageErrors.push(String(err?.stack ?? err)));
    page.on('console', (msg) => msg.type() === 'error' && recorded.consoleErrors.push(msg.text()));
    page.on('request', (req) => recorded.requests.push(req.url()));
    const open = async (hash) => {
      await page.goto('about:blank');
      await page.goto(`${site.origin}/index.html${hash}`);
      await page.waitForFunction(() => !document.querySelector('#run')?.disabled, null, { timeout: 20_000 });
    };
    const problems = [];
    try {
      await open('#lang=en');
      const lessons = await page.$$eval('#lesson option', (options) => options.map((o) => o.value));
      assert.ok(lessons.includes('script') && lessons.length > 5, `the lesson list: ${lessons}`);
      for (const lang of LANGS) {
        for (const lesson of lessons) {
          const check = async (when) => {
            for (const line of offending(await visibleTexts(page), lang)) {
              problems.push(`${lang} ${lesson} (${when}) ${line}`);
            }
          };
          await open(`#lesson=${lesson}&lang=${lang}&mode=virtual`);
          await check('before a run');
          await page.locator('#run').click();
          await settled(page);
          await check('after a run');
          // The tooltip of the first polls, chosen with the keyboard as a learner would.
          await page.locator('#timeline').focus();
          for (let i = 0; i < 3; i++) {
            await page.keyboard.press(']');
            await check(`tooltip ${i + 1}`);
          }
          // A paused run: the loop panel's rows, the step report and the paused status. The
          // first Step only says it will replace the finished run (words checked too).
          await page.locator('#step').click();
          await check('step over a finished run');
          await page.locator('#step').click();
          await page.waitForSelector('#status[data-state="paused"]', { state: 'attached', timeout: 5_000 });
          await page.locator('#step').click();
          await page.waitForFunction(() => document.querySelector('#step-result').textContent !== '');
          await check('paused, two steps');
        }
      }
      assert.deepEqual(problems, [], `runtime words on the learner's page:\n${problems.join('\n')}`);
      assertCleanPage(recorded, 'words');
    } finally {
      await context.close();
    }
  });
});
