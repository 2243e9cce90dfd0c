// Accessibility: axe-core's WCAG 2.1 A and AA rules on every lesson, in both languages,
// before and after a run (with the engineer view open after it, so its tables are checked
// too). No serious or critical violation is allowed.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT, assertCleanPage as assertClean, useSite } from './harness.mjs';

const AXE = join(REPO_ROOT, 'tests', 'e2e', 'node_modules', 'axe-core', 'axe.min.js');
const RUN_TIMEOUT_MS = 30_000;
const site = useSite();

/** Serious and critical violations on the page now, one line each. */
async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id} ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

describe('accessibility (axe-core, WCAG 2.1 AA)', { timeout: 600_000 }, () => {
  for (const lang of ['en', 'tr']) {
    test(`every lesson in ${lang}, before and after a run: no serious or critical violation`, async () => {
      const first = await site.open(`#lang=${lang}`);
      const lessons = await first.page.$$eval('#lesson option', (options) => options.map((o) => o.value));
      await first.context.close();
      assert.ok(lessons.length >= 10, `the lessons are listed: ${lessons}`);
      const found = [];
      for (const lesson of lessons) {
        const recorded = await site.open(`#lesson=${lesson}&lang=${lang}&mode=virtual`);
        const { page } = recorded;
        try {
          for (const v of await violations(page)) found.push(`${lesson} before: ${v}`);
          await page.locator('#run').click();
          await page.waitForFunction(() => ['finished', 'error'].includes(document.getElementById('status').dataset.state), null, { timeout: RUN_TIMEOUT_MS });
          await page.locator('#engineer > summary').click();
          for (const v of await violations(page)) found.push(`${lesson} after: ${v}`);
          assertClean(recorded, site.origin, lesson);
        } finally {
          await recorded.context.close();
        }
      }
      assert.deepEqual(found, [], found.join('\n'));
    });
  }
});
