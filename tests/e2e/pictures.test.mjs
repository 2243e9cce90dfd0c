// Pictures that must not mislead (issue 13), in both languages: tasks that take turns are
// never drawn as two solid bars side by side, a race shows both contenders and the loser's
// cancel, no tooltip or panel says "undefined", the legend keeps its labels, a phone gets a
// full-width timeline whose slices answer a tap, and a language switch mid-run reaches the
// words the page itself wrote into the output.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanPage as assertClean, useSite, waitForState } from './harness.mjs';
import { AXIS_HEIGHT, LANE_GAP, LANE_HEIGHT, PAD_TOP } from '../../www/timeline-layout.js';

const LANGS = ['tr', 'en'];
const ENGINES = ['python', 'rust'];
const RUN_TIMEOUT_MS = 30_000;
const BAD_TEXT = /undefined|NaN|\{[A-Za-z]\w*\}/;

const site = useSite();
const assertCleanPage = (recorded, what) => assertClean(recorded, site.origin, what);
const engineHash = (engine) => (engine === 'rust' ? '&engine=rust' : '');
/** CSS px of the middle of task lane `i` (0 = the loop). */
const laneMiddle = (i) => PAD_TOP + AXIS_HEIGHT + i * (LANE_HEIGHT + LANE_GAP) + LANE_HEIGHT / 2;

async function run(page) {
  if (await page.locator('#predict-skip').isVisible()) await page.locator('#predict-skip').click();
  await page.locator('#run').click();
  await waitForState(page, 'finished', RUN_TIMEOUT_MS);
}

const laneNames = (page) => page.$$eval('#loop-rows tr', (rows) => rows.map((r) => ({
  name: r.querySelector('th').textContent.trim(), state: r.dataset.state,
})));

describe('pictures that mislead', { timeout: 300_000 }, () => {
  for (const lang of LANGS) {
    test(`ping and pong are drawn taking turns, never as two solid bars at once (${lang})`, async () => {
      for (const engine of ENGINES) {
        const recorded = await site.open(`#lesson=microtasks&lang=${lang}${engineHash(engine)}`);
        const { page } = recorded;
        try {
          await run(page);
          const turns = (await page.locator('canvas#timeline').getAttribute('data-turn-lanes') ?? '').split('\n');
          for (const name of ['ping', 'pong']) {
            assert.ok(turns.includes(name), `${engine}: ${name}'s lane is drawn as taking turns, got ${JSON.stringify(turns)}`);
          }
          const legend = await page.locator('#legend li:has(canvas[data-swatch="turns"]) span').textContent();
          assert.match(legend, lang === 'tr' ? /sırayla/ : /took turns/, `${engine}: the legend says what the stripes mean`);
          assertCleanPage(recorded, `microtasks ${engine} ${lang}`);
        } finally {
          await recorded.context.close();
        }
      }
    });

    test(`a race shows both requests and the loser cancelled (${lang})`, async () => {
      for (const engine of ENGINES) {
        const recorded = await site.open(`#lesson=timeouts&variant=race&lang=${lang}&speed=5${engineHash(engine)}`);
        const { page } = recorded;
        try {
          await run(page);
          const lanes = await laneNames(page);
          assert.deepEqual(
            lanes.filter((l) => l.name.startsWith('fetch')).map((l) => [l.name, l.state]).sort(),
            [['fetch A', 'cancelled'], ['fetch B', 'done']],
            `${engine}: both contenders have a lane; the slow one ends cancelled`,
          );
          assert.equal(await page.locator('canvas#timeline').getAttribute('data-task-lanes'), String(lanes.length));
          assertCleanPage(recorded, `race ${engine} ${lang}`);
        } finally {
          await recorded.context.close();
        }
      }
    });

    test(`no tooltip or panel says "undefined" or "NaN" (${lang})`, async () => {
      const lessons = ['timeouts&variant=race', 'stress', 'microtasks', 'gather', 'timeouts&variant=cancel'];
      for (const engine of ENGINES) {
        for (const lesson of lessons) {
          const recorded = await site.open(`#lesson=${lesson}&lang=${lang}&speed=5${engineHash(engine)}`);
          const { page } = recorded;
          try {
            await run(page);
            const canvas = page.locator('canvas#timeline');
            const box = await canvas.boundingBox();
            const lanes = Math.min(6, Number(await canvas.getAttribute('data-task-lanes')));
            const tips = new Set();
            for (let lane = 1; lane <= lanes; lane++) {
              for (let k = 0; k < 24; k++) {
                const x = box.width * (0.3 + (0.68 * k) / 23);
                await page.mouse.move(box.x + x, box.y + laneMiddle(lane));
                await page.waitForTimeout(20);
                const tip = page.locator('#timeline-tip');
                if (await tip.isVisible()) tips.add(await tip.textContent());
              }
            }
            assert.ok(tips.size >= 2, `${engine} ${lesson}: pointing at slices showed tooltips (${tips.size})`);
            for (const text of tips) assert.doesNotMatch(text, BAD_TEXT, `${engine} ${lesson}: tooltip ${JSON.stringify(text)}`);
            await page.evaluate(() => { document.querySelector('#engineer').open = true; document.querySelector('#events').open = true; });
            await page.waitForTimeout(200);
            const panels = await page.evaluate(() => ['#loop-panel', '.loop-panel', '.stats-panel', '#events', '#totals', '#status']
              .map((sel) => document.querySelector(sel)?.innerText ?? '').join('\n'));
            const bad = panels.split('\n').filter((line) => BAD_TEXT.test(line));
            assert.deepEqual(bad, [], `${engine} ${lesson}: panel lines`);
            assertCleanPage(recorded, `tooltips ${engine} ${lesson} ${lang}`);
          } finally {
            await recorded.context.close();
          }
        }
      }
    });

    test(`the legend and the lane names stay after websocket, another lesson, websocket (${lang})`, async () => {
      const recorded = await site.open(`#lesson=websocket&lang=${lang}&speed=20`);
      const { page } = recorded;
      try {
        const legendCount = await page.locator('#legend li').count();
        for (const lesson of ['websocket', 'gather', 'websocket']) {
          if ((await page.locator('#lesson').inputValue()) !== lesson) await page.locator('#lesson').selectOption(lesson);
          await page.locator('#reset').click();
          await waitForState(page, 'idle', 5_000);
          await run(page);
          const labels = await page.$$eval('#legend li', (items) => items.map((li) => li.querySelector('span').textContent.trim()));
          assert.equal(labels.length, legendCount, `${lesson}: every legend entry is there`);
          assert.ok(labels.every((text) => text.length > 3), `${lesson}: every legend entry has its words: ${JSON.stringify(labels)}`);
          const names = (await laneNames(page)).map((l) => l.name);
          const label = await page.locator('canvas#timeline').getAttribute('aria-label');
          for (const name of names) assert.ok(label.includes(name), `${lesson}: the timeline names lane ${name}`);
          assert.equal(await page.locator('canvas#timeline').getAttribute('data-task-lanes'), String(names.length));
        }
        assertCleanPage(recorded, `legend ${lang}`);
      } finally {
        await recorded.context.close();
      }
    });

    test(`on a touch phone the timeline is full width, answers a tap and shows no mouse or key hints (${lang})`, async () => {
      const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      try {
        await page.goto(`${site.origin}/index.html#lesson=timeouts&variant=race&lang=${lang}&speed=5`);
        await page.waitForFunction(() => !document.querySelector('#run').disabled, null, { timeout: 20_000 });
        await run(page);
        const canvas = page.locator('canvas#timeline');
        const box = await canvas.boundingBox();
        assert.ok(box.x <= 1 && box.width >= 388, `the timeline spans the screen: ${JSON.stringify(box)}`);
        assert.ok(Number(await canvas.getAttribute('data-axis-labels')) >= 4, 'four axis labels at least');
        assert.equal(await page.locator('#timeline-keys').isVisible(), false, 'no hint about Tab, the wheel or pointing');
        assert.equal(await page.locator('#timeline-touch').isVisible(), true, 'a hint about tapping');
        // Tap across the slow request's lane (lane 2) until a slice answers.
        await canvas.scrollIntoViewIfNeeded();
        const at = await canvas.boundingBox();
        let tip = '';
        for (let k = 0; k < 20 && !tip; k++) {
          await page.touchscreen.tap(at.x + at.width * (0.32 + k * 0.02), at.y + laneMiddle(2));
          await page.waitForTimeout(60);
          if (await page.locator('#timeline-tip').isVisible()) tip = await page.locator('#timeline-tip').textContent();
        }
        assert.match(tip, /fetch A/, `a tap shows the slice's tooltip, got ${JSON.stringify(tip)}`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });

    test(`switching the language mid-run reaches the words the page wrote into the output (${lang})`, async () => {
      const other = lang === 'tr' ? 'en' : 'tr';
      const program = 'import asyncio\nimport sys\n\nasync def main():\n    print("çıktı / output", file=sys.stderr)\n    await asyncio.sleep(20)\n\nasyncio.run(main())\n';
      const code = Buffer.from(program).toString('base64url');
      const recorded = await site.open(`#lang=${lang}&code=${code}`);
      const { page } = recorded;
      try {
        await page.locator('#run').click();
        await waitForState(page, 'running', 10_000);
        await page.locator('#console li.stderr').waitFor({ timeout: 10_000 });
        const before = await page.locator('#console li.stderr .text').textContent();
        await page.locator('#lang').selectOption(other);
        const words = { en: 'error output', tr: 'hata çıktısı' };
        const line = page.locator('#console li.stderr');
        assert.equal(await line.locator('.stream').getAttribute('title'), words[other], 'the sign says it in the new language');
        const after = await line.locator('.text').textContent();
        assert.equal(after, before.replace(`${words[lang]}: `, `${words[other]}: `), 'only the page’s words changed');
        assert.match(after, /çıktı \/ output/, 'the program’s own line stays as printed');
        assert.equal(await page.locator('#status').getAttribute('data-state'), 'running', 'still live');
        await page.locator('#reset').click();
        assertCleanPage(recorded, `language switch ${lang}`);
      } finally {
        await recorded.context.close();
      }
    });
  }
});
