// Page tests of the Time panel: it counts only time really slept (a sleep cut short by a
// cancel counts up to the cancel), says when the loop was held, and its verdict follows
// what the run did. In both languages, for the lessons where it used to be wrong.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanPage as assertClean, useSite, waitForState } from './harness.mjs';

const RUN_TIMEOUT_MS = 30_000;
const site = useSite();
const assertCleanPage = (recorded, what) => assertClean(recorded, site.origin, what);

/** The Time panel's numbers and lines, with the timeline's task lanes. */
async function totals(page) {
  const text = async (cls) => (await page.locator(`#totals p.${cls}`).count())
    ? await page.locator(`#totals p.${cls}`).textContent() : null;
  const seconds = (line) => Number(/([\d.]+) s/.exec(line ?? '')?.[1] ?? NaN);
  const elapsed = await text('elapsed');
  const sleeps = await text('sleeps');
  return {
    elapsedS: seconds(elapsed),
    sleptS: seconds(sleeps),
    held: await text('held'),
    verdict: await text('verdict'),
    lanes: Number(await page.locator('canvas#timeline').getAttribute('data-task-lanes')),
  };
}

async function runLesson(hash) {
  const recorded = await site.open(hash);
  await recorded.page.locator('#run').click();
  await waitForState(recorded.page, 'finished', RUN_TIMEOUT_MS);
  return recorded;
}

const WORDS = {
  en: { one: /Only one task slept/, overlap: /slept at the same time/, held: /held for [\d.]+ s by \d+ step/ },
  tr: { one: /Yalnızca bir görev uyudu/, overlap: /aynı anda uyudu/, held: /\d+ adım yüzünden [\d.]+ s boyunca tutuldu/ },
};

describe('the Time panel', { timeout: 240_000 }, () => {
  for (const lang of ['en', 'tr']) {
    for (const engine of ['rust', 'python']) {
      test(`${lang}, ${engine}: cancelled sleeps count only up to the cancel`, async () => {
        for (const variant of ['wait_for', 'race', 'cancel']) {
          const recorded = await runLesson(`#lesson=timeouts&variant=${variant}&lang=${lang}&mode=virtual&engine=${engine}`);
          try {
            const t = await totals(recorded.page);
            assert.ok(t.elapsedS > 0 && t.sleptS > 0, `${variant}: ${JSON.stringify(t)}`);
            // No task can sleep longer than the run: the sum is at most the run's length per task.
            assert.ok(t.sleptS <= t.elapsedS * t.lanes + 0.001, `${variant}: ${t.sleptS} s slept in a ${t.elapsedS} s run of ${t.lanes} tasks`);
            if (t.lanes === 1) assert.match(t.verdict ?? '', WORDS[lang].one, `${variant}: one task`);
            assertCleanPage(recorded, `timeouts/${variant}`);
          } finally {
            await recorded.context.close();
          }
        }
      });
    }

    test(`${lang}: gather overlaps; blocking says the loop was held`, async () => {
      let recorded = await runLesson(`#lesson=gather&lang=${lang}&mode=virtual&engine=rust`);
      try {
        const t = await totals(recorded.page);
        assert.ok(t.sleptS > t.elapsedS, 'two tasks slept at once');
        assert.match(t.verdict ?? '', WORDS[lang].overlap);
        assert.equal(t.held, null, 'nothing held the loop');
      } finally {
        await recorded.context.close();
      }
      recorded = await runLesson(`#lesson=blocking&variant=blocking&lang=${lang}&mode=virtual&engine=rust`);
      try {
        const t = await totals(recorded.page);
        assert.match(t.held ?? '', WORDS[lang].held, 'the frozen loop is said');
        assertCleanPage(recorded, 'blocking');
      } finally {
        await recorded.context.close();
      }
    });
  }
});
