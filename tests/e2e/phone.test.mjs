// Page tests of the phone layout (issue 13): at 390×844 the code, the output and the event
// loop are tabs under the timeline (an ARIA tablist: click and arrow keys switch, one panel
// shown, the choice kept for the session), and Run brings the timeline into view; at 1366×900
// every panel shows and the tabs are hidden. In both languages.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT, assertCleanPage as assertClean, useSite, waitForState } from './harness.mjs';

const AXE = join(REPO_ROOT, 'tests', 'e2e', 'node_modules', 'axe-core', 'axe.min.js');
const site = useSite();
const assertCleanPage = (recorded, what) => assertClean(recorded, site.origin, what);

const NAMES = {
  en: { list: 'Panels', tabs: ['Code', 'Output', 'Event loop'] },
  tr: { list: 'Paneller', tabs: ['Kod', 'Çıktı', 'Olay döngüsü'] },
};
// What gather's Python prints, in the page's language (crate/lessons/gather.py, gather.en.py).
const GATHER_LINES = {
  en: ['First task is running', 'Second task is running', 'First task is done', 'Second task is done'],
  tr: ['İlk işlem yapılıyor', 'İkinci işlem yapılıyor', 'İlk işlem tamamlandı', 'İkinci işlem tamamlandı'],
};
const PANELS = ['#code-panel', '#output-panel', '#loop-panel'];

/** Which of the three panels are visible, and which tab says it is selected. */
async function shown(page) {
  const visible = [];
  for (const sel of PANELS) visible.push(await page.locator(sel).isVisible());
  const selected = await page.$$eval('#panel-tabs [role="tab"]', (tabs) => tabs.map((t) => t.getAttribute('aria-selected') === 'true'));
  return { visible, selected };
}

/** Serious and critical axe-core violations (WCAG 2.1 AA) on the page now. */
async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

describe('the phone layout', { timeout: 180_000 }, () => {
  for (const lang of ['en', 'tr']) {
    test(`on a phone the panels are tabs under the timeline, and Run shows the timeline (${lang})`, async () => {
      const recorded = await site.open(`#lesson=gather&lang=${lang}&mode=virtual`);
      const { page } = recorded;
      try {
        await page.setViewportSize({ width: 390, height: 844 });
        const list = page.getByRole('tablist', { name: NAMES[lang].list });
        assert.ok(await list.isVisible(), 'the tablist shows, named');
        const tabs = list.getByRole('tab');
        assert.deepEqual(await tabs.allTextContents(), NAMES[lang].tabs, 'three tabs, in the language');
        for (const [i, sel] of PANELS.entries()) {
          const tab = tabs.nth(i);
          assert.equal(await tab.getAttribute('aria-controls'), sel.slice(1));
          assert.equal(await page.locator(sel).getAttribute('role'), 'tabpanel');
          assert.equal(await page.locator(sel).getAttribute('aria-labelledby'), await tab.getAttribute('id'));
        }
        // The code first; the tabs come after the Run controls and the timeline before the panels.
        assert.deepEqual(await shown(page), { visible: [true, false, false], selected: [true, false, false] });
        const top = (sel) => page.locator(sel).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
        assert.ok(await top('#run') < await top('#timeline'), 'Run above the timeline');
        assert.ok(await top('#timeline') < await top('#panel-tabs'), 'the timeline above the tabs');
        assert.ok(await top('#panel-tabs') < await top('#code-panel'), 'the tabs above their panel');

        // A click switches; one panel at a time.
        await tabs.nth(2).click();
        assert.deepEqual(await shown(page), { visible: [false, false, true], selected: [false, false, true] });
        // Arrow keys move between the tabs (wrapping), with the focus; Home and End to the ends.
        await page.keyboard.press('ArrowRight');
        assert.deepEqual(await shown(page), { visible: [true, false, false], selected: [true, false, false] });
        assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-code', 'the focus follows');
        await page.keyboard.press('ArrowRight');
        assert.deepEqual(await shown(page), { visible: [false, true, false], selected: [false, true, false] });
        await page.keyboard.press('ArrowLeft');
        await page.keyboard.press('ArrowLeft');
        assert.deepEqual(await shown(page), { visible: [false, false, true], selected: [false, false, true] });
        await page.keyboard.press('Home');
        assert.deepEqual(await shown(page), { visible: [true, false, false], selected: [true, false, false] });
        await page.keyboard.press('End');
        assert.deepEqual(await shown(page), { visible: [false, false, true], selected: [false, false, true] });
        assert.deepEqual(await tabs.evaluateAll((all) => all.map((t) => t.tabIndex)), [-1, -1, 0], 'one tab in the Tab order');
        assert.deepEqual(await violations(page), [], 'axe-core on the phone layout');

        // Run: the timeline comes to the top of the screen, its canvas in view.
        await page.locator('#run').click();
        await waitForState(page, 'finished', 30_000);
        const heading = await page.locator('#timeline-heading').evaluate((el) => el.getBoundingClientRect().top);
        assert.ok(heading >= -1 && heading < 40, `the timeline's heading at the top of the screen: ${heading}`);
        const box = await page.locator('#timeline').evaluate((el) => el.getBoundingClientRect().toJSON());
        assert.ok(box.height > 50 && box.top >= 0 && box.bottom <= 844, `the timeline's canvas within the screen: ${JSON.stringify(box)}`);

        // The output tab shows the run's lines.
        await page.getByRole('tab', { name: NAMES[lang].tabs[1] }).click();
        assert.deepEqual(await shown(page), { visible: [false, true, false], selected: [false, true, false] });
        const lines = await page.locator('#console li .text').allTextContents();
        assert.deepEqual(lines, GATHER_LINES[lang]);
        assert.ok(await page.locator('#console li').first().isVisible(), 'the lines are on show');
        assert.deepEqual(await violations(page), [], 'axe-core after the run');

        // The choice is kept for the session (a reload), not beyond it.
        await page.reload();
        await page.waitForFunction(() => !document.getElementById('run').disabled);
        assert.deepEqual(await shown(page), { visible: [false, true, false], selected: [false, true, false] }, 'kept after a reload');
        assert.equal(await page.evaluate(() => localStorage.getItem('loopscope.tab')), null, 'only for the session');
        assertCleanPage(recorded, `phone ${lang}`);
      } finally {
        await recorded.context.close();
      }
    });

    test(`an error's output tab opens at its end, its traceback under one time and task (${lang})`, async () => {
      const program = ['import asyncio', '', 'async def worker(n):', '    await asyncio.sleep(1)',
        '    print("worker", n)', '    return totl * n + len("a line longer than a phone is wide")', '', 'async def main():',
        ...Array.from({ length: 8 }, (_, i) => `    print("line ${i}")`),
        '    await asyncio.gather(worker(1), worker(2))', '', 'asyncio.run(main())', ''].join('\n');
      const code = Buffer.from(program, 'utf8').toString('base64url');
      const recorded = await site.open(`#lang=${lang}&mode=virtual&code=${code}`);
      const { page } = recorded;
      try {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.locator('#tab-code').click(); // the lines come while the output is hidden
        await page.locator('#run').click();
        await waitForState(page, 'error', 30_000);
        await page.locator('#tab-output').click();
        const log = page.locator('#console-log');
        await page.waitForFunction(() => {
          const el = document.getElementById('console-log');
          return el.scrollHeight > el.clientHeight && el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
        }, null, { timeout: 5_000 });
        const last = await page.locator('#console li').last().boundingBox();
        const box = await log.boundingBox();
        assert.ok(last.y + last.height <= box.y + box.height + 1, 'the error line is in view');
        assert.match(await page.locator('#console li').last().textContent(), /NameError/);
        const errors = await page.$$eval('#console li.stderr', (items) => items.map((li) => li.querySelectorAll('.time').length));
        assert.ok(errors.length > 2 && errors[0] === 1 && errors.slice(1).every((n) => n === 0),
          `one time stamp for the traceback: ${errors}`);
        // The carets under the failing name keep their column: neither line wraps, and the
        // first ^ is under the name's first letter (the output scrolls sideways instead).
        const carets = await page.$$eval('#console li.stderr', (items) => {
          const at = (li, i) => {
            const node = li.querySelector('.text').lastChild;
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            return range.getBoundingClientRect();
          };
          const k = items.findIndex((li) => /^\s*\^+\s*$/.test(li.textContent));
          if (k < 1) return null;
          const source = items[k - 1].querySelector('.text').lastChild.textContent;
          const mark = items[k].querySelector('.text').lastChild.textContent;
          const name = at(items[k - 1], source.indexOf('totl'));
          const first = at(items[k], mark.indexOf('^'));
          const lineHeight = (li) => li.querySelector('.text').getClientRects().length;
          const log = document.getElementById('console-log');
          return {
            mark: mark.trim(), dx: Math.abs(name.left - first.left),
            boxes: [lineHeight(items[k - 1]), lineHeight(items[k])], sideways: log.scrollWidth > log.clientWidth,
          };
        });
        assert.ok(carets, 'a caret line under the failing line');
        assert.equal(carets.mark, '^^^^', 'carets under the name');
        assert.ok(carets.dx < 1, `the carets start under the name: ${carets.dx} px apart`);
        assert.deepEqual(carets.boxes, [1, 1], 'neither line wraps');
        assert.ok(carets.sideways, 'the output scrolls sideways');
        assertCleanPage(recorded, `error output ${lang}`);
      } finally {
        await recorded.context.close();
      }
    });

    test(`on a wide screen every panel shows and the tabs are hidden (${lang})`, async () => {
      const recorded = await site.open(`#lesson=gather&lang=${lang}&mode=virtual`);
      const { page } = recorded;
      try {
        // A tab chosen on a phone does not hide anything once the screen is wide.
        await page.setViewportSize({ width: 390, height: 844 });
        await page.locator('#tab-loop').click();
        await page.setViewportSize({ width: 1366, height: 900 });
        // The page lays out again on the resize's media-query change, a task later: wait for
        // it (a loaded machine took longer than the first check) before checking each panel.
        await page.locator('#panel-tabs').waitFor({ state: 'hidden' });
        await page.locator(PANELS[0]).waitFor({ state: 'visible' });
        const check = async (when) => {
          assert.equal(await page.locator('#panel-tabs').isVisible(), false, `${when}: no tabs`);
          for (const sel of PANELS) {
            assert.ok(await page.locator(sel).isVisible(), `${when}: ${sel} shows`);
            assert.equal(await page.locator(sel).getAttribute('role'), null, `${when}: ${sel} is no tab panel`);
          }
          for (const sel of ['#code-python', '#console-heading', '#loop-heading', '#timeline']) {
            assert.ok(await page.locator(sel).isVisible(), `${when}: ${sel} shows`);
          }
        };
        await check('before the run');
        const y = await page.evaluate(() => window.scrollY);
        await page.locator('#run').click();
        await waitForState(page, 'finished', 30_000);
        assert.equal(await page.evaluate(() => window.scrollY), y, 'Run does not scroll a wide page');
        await check('after the run');
        assert.equal(await page.locator('#console li').count(), 4, 'the output has the run’s lines');
        assert.equal(await page.locator('#code-panel').getAttribute('aria-labelledby'), 'code-heading', 'the code panel keeps its own name');
        assertCleanPage(recorded, `wide ${lang}`);
      } finally {
        await recorded.context.close();
      }
    });
  }
});
