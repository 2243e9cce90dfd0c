// Page tests of what a learner reads about a run: each checks a finding of a new user's
// review (issue 13) that the page used to get wrong, in both languages.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanPage as assertClean, useSite, waitForState } from './harness.mjs';

const site = useSite();
const assertCleanPage = (recorded, what) => assertClean(recorded, site.origin, what);

/** The loop panel's rows: {name, text}. */
const loopRows = (page) => page.$$eval('#loop-rows tr', (rows) => rows.map((r) => ({
  name: r.querySelector('th').textContent, text: r.textContent.replace(/\s+/g, ' '),
})));

describe('what the page says about a run', { timeout: 120_000 }, () => {
  const GATHER_WAIT = {
    en: /awaits 2 tasks: first_task, second_task \(0 done\)/,
    tr: /2 görev bekleniyor: first_task, second_task \(0 tanesi bitti\)/,
  };
  for (const lang of ['en', 'tr']) {
    for (const engine of ['python', 'rust']) {
      test(`${lang}, ${engine}: a gather waits on all its tasks, not on the last one named`, async () => {
        const recorded = await site.open(`#lesson=gather&lang=${lang}&mode=virtual&engine=${engine}`);
        const { page } = recorded;
        try {
          // Step until both tasks sleep: the gathering task waits on the two of them.
          let rows = [];
          for (let i = 0; i < 6 && !rows.some((r) => GATHER_WAIT[lang].test(r.text)); i++) {
            await page.locator('#step').click();
            await page.waitForTimeout(100);
            rows = await loopRows(page);
          }
          const gathering = rows.find((r) => GATHER_WAIT[lang].test(r.text));
          assert.ok(gathering, `one row says the gather waits on both: ${JSON.stringify(rows)}`);
          assert.equal(gathering.name, engine === 'python' ? 'main' : 'run_tasks');
          await waitForState(page, 'paused', 5_000);
          assertCleanPage(recorded, 'gather wait');
        } finally {
          await recorded.context.close();
        }
      });
    }
  }

  test('the engineer view is closed by default, and remembered open', async () => {
    const recorded = await site.open('#lesson=gather&lang=tr');
    const { page } = recorded;
    try {
      const engineer = page.locator('#engineer');
      assert.equal(await engineer.evaluate((d) => d.open), false, 'closed for a learner');
      assert.ok(await page.locator('#stats-heading').isHidden(), 'the statistics are inside it');
      assert.match(await page.locator('#engineer > summary').textContent(), /Mühendis görünümü/);
      await page.locator('#engineer > summary').click();
      assert.ok(await page.locator('#stats-heading').isVisible());
      // Remembered on the details' toggle event, which comes a moment after the click.
      await page.waitForFunction(() => localStorage.getItem('loopscope.engineer') === 'open');
      await page.reload();
      await page.waitForFunction(() => !document.getElementById('run').disabled);
      assert.equal(await engineer.evaluate((d) => d.open), true, 'open again after a reload');
      assertCleanPage(recorded, 'engineer view');
    } finally {
      await recorded.context.close();
    }
  });

  const STEP_VIRTUAL = { en: /Stepping runs in virtual time/, tr: /Adım adım çalıştırma sanal zamanda olur/ };
  const UNKNOWN_KEY = { en: /“duration”, which this page does not read/, tr: /okumadığı “duration” var/ };
  for (const lang of ['en', 'tr']) {
    test(`${lang}: Step runs in virtual time unless a mode was chosen, and says so`, async () => {
      let recorded = await site.open(`#lesson=gather&lang=${lang}`);
      try {
        const { page } = recorded;
        assert.equal(await page.locator('#mode').inputValue(), 'real');
        await page.locator('#step').click();
        await waitForState(page, 'paused', 5_000);
        assert.equal(await page.locator('#mode').inputValue(), 'virtual', 'the step switched to virtual time');
        assert.match(await page.locator('#notice').textContent(), STEP_VIRTUAL[lang]);
        assert.match(await page.evaluate(() => location.hash), /mode=virtual/);
      } finally {
        await recorded.context.close();
      }
      recorded = await site.open(`#lesson=gather&lang=${lang}&mode=real`);
      try {
        const { page } = recorded;
        await page.locator('#step').click();
        await waitForState(page, 'paused', 5_000);
        assert.equal(await page.locator('#mode').inputValue(), 'real', 'a chosen mode is kept');
        assert.doesNotMatch(await page.locator('#notice').textContent(), STEP_VIRTUAL[lang]);
        assertCleanPage(recorded, 'step mode');
      } finally {
        await recorded.context.close();
      }
    });

    test(`${lang}: a key the page does not read is named in a note`, async () => {
      const recorded = await site.open(`#lesson=gather&duration=14&lang=${lang}`);
      try {
        const notice = recorded.page.locator('#notice');
        assert.ok(await notice.isVisible());
        assert.match(await notice.textContent(), UNKNOWN_KEY[lang]);
        assertCleanPage(recorded, 'unknown key');
      } finally {
        await recorded.context.close();
      }
    });
  }

  test('the speed note says slower speeds make sleeps longer, in both languages', async () => {
    const cases = [
      ['en', '0.5', /Speed ×0\.5: 1 s of lesson time lasts 2 s of real time \(sleeps are 2 times longer\)/],
      ['en', '2', /Speed ×2: 1 s of lesson time lasts 0\.5 s of real time \(sleeps are 2 times shorter\)/],
      ['tr', '0.25', /Hız ×0\.25: dersin 1 sn’si gerçekte 4 sn sürer \(uykular 4 kat uzun\)/],
    ];
    for (const [lang, speed, said] of cases) {
      const recorded = await site.open(`#lesson=gather&lang=${lang}&speed=${speed}`);
      try {
        assert.match(await recorded.page.locator('#speed-note').textContent(), said);
        assertCleanPage(recorded, `speed ${speed}`);
      } finally {
        await recorded.context.close();
      }
    }
  });

  for (const lang of ['en', 'tr']) {
    for (const engine of ['python', 'rust']) {
      test(`${lang}, ${engine}: the recommended doctor flags no examination as a loop hog`, async () => {
        const recorded = await site.open(`#lesson=doctor&variant=async&lang=${lang}&mode=virtual&engine=${engine}`);
        const { page } = recorded;
        try {
          await page.locator('#run').click();
          await waitForState(page, 'finished', 30_000);
          const canvas = page.locator('canvas#timeline');
          assert.ok(Number(await canvas.getAttribute('data-task-lanes')) >= 5, 'the doctor and four patients');
          assert.equal(await canvas.getAttribute('data-hogs'), '0', 'quick examinations hold the loop, but no one is a hog');
          assert.equal(await page.locator('#totals p.held').count(), 0, 'and the Time panel does not say the loop was held');
          assertCleanPage(recorded, 'doctor');
        } finally {
          await recorded.context.close();
        }
      });
    }
  }

  const QUEUE = {
    en: (names) => `Ready queue, in the order the loop runs it: ${names.join(' → ')}`,
    tr: (names) => `Hazır kuyruğu, döngünün çalıştıracağı sırayla: ${names.join(' → ')}`,
  };
  for (const lang of ['en', 'tr']) {
    test(`${lang}: the ready queue is shown in order and changes with every step`, async () => {
      const recorded = await site.open(`#lesson=gather&lang=${lang}&mode=virtual`);
      const { page } = recorded;
      const queue = () => page.locator('#ready-queue').textContent();
      try {
        await page.locator('#step').click(); // main runs: it creates both tasks and waits on them
        await waitForState(page, 'paused', 5_000);
        assert.equal(await queue(), QUEUE[lang](['first_task', 'second_task']), 'created in this order, run in this order');
        await page.locator('#step').click();
        await page.waitForFunction((text) => document.getElementById('ready-queue').textContent === text, QUEUE[lang](['second_task']));
        await page.locator('#step').click();
        await page.waitForFunction((was) => document.getElementById('ready-queue').textContent !== was, QUEUE[lang](['second_task']));
        assert.doesNotMatch(await queue(), /first_task|second_task/, 'both sleep: nobody is ready');
        assertCleanPage(recorded, 'ready queue');
      } finally {
        await recorded.context.close();
      }
    });
  }

  test('on a phone the timeline comes right after Run and its axis has four labels or more', async () => {
    for (const lang of ['en', 'tr']) {
      const recorded = await site.open(`#lesson=gather&lang=${lang}&mode=virtual`);
      const { page } = recorded;
      try {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.locator('#run').click();
        await waitForState(page, 'finished', 30_000);
        const top = (sel) => page.locator(sel).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
        assert.ok(await top('#timeline') < await top('#code-python'), 'the timeline comes before the code');
        // The output is a tab there (phone.test.mjs): its tab sits between the timeline and the code.
        assert.ok(await page.locator('#tab-output').isVisible(), 'the output has a tab');
        assert.ok(await top('#timeline') < await top('#tab-output'), 'the tabs come after the timeline');
        assert.ok(await top('#tab-output') < await top('#code-python'), 'and before the code');
        assert.ok(Number(await page.locator('canvas#timeline').getAttribute('data-axis-labels')) >= 4, 'four axis labels at least');
        assertCleanPage(recorded, `phone ${lang}`);
      } finally {
        await recorded.context.close();
      }
    }
  });

  test('edited code is kept when the learner looks at another lesson and comes back', async () => {
    for (const lang of ['en', 'tr']) {
      const recorded = await site.open(`#lesson=gather&lang=${lang}&mode=virtual`);
      const { page } = recorded;
      try {
        await page.locator('#code-python').click(); // the editor loads on a click
        const textarea = page.locator('#editor textarea');
        await textarea.waitFor({ timeout: 10_000 });
        const edited = (await textarea.inputValue()).replace('asyncio.sleep(1)', 'asyncio.sleep(2)');
        await textarea.fill(edited);
        await page.locator('#lesson').selectOption('doctor');
        assert.doesNotMatch(await page.locator('#editor textarea').inputValue(), /sleep\(2\)/, 'the doctor shows its own code');
        await page.locator('#lesson').selectOption('gather');
        assert.equal(await page.locator('#editor textarea').inputValue(), edited, 'the edit is back');
        assert.ok(await page.locator('#code-edited').isVisible(), 'marked as edited, with Restore beside it');
        assertCleanPage(recorded, `kept edits ${lang}`);
      } finally {
        await recorded.context.close();
      }
    }
  });

  test('at 1366×768 every lesson’s code starts on the first screen; More shows the whole story', async () => {
    for (const lang of ['en', 'tr']) {
      const recorded = await site.open(`#lesson=doctor&lang=${lang}`);
      const { page } = recorded;
      try {
        await page.setViewportSize({ width: 1366, height: 768 });
        const lessons = await page.$$eval('#lesson option', (options) => options.map((o) => o.value));
        assert.ok(lessons.length >= 10, `every lesson is listed: ${lessons}`);
        // The code as shown: the read-only listing, or the editor once it has loaded.
        const codeTop = () => page.evaluate(() => {
          const shown = ['code-python', 'editor'].map((id) => document.getElementById(id)).find((el) => el.checkVisibility());
          return shown.getBoundingClientRect().top;
        });
        for (const lesson of lessons) {
          await page.locator('#lesson').selectOption(lesson);
          // The code's first line (about 20 px) is on the first screen.
          const top = await codeTop();
          assert.ok(top + 20 <= 768, `${lang} ${lesson}: the code starts at ${top} px`);
        }
        // In virtual time too: its note is one line (the rest on demand), and the code's first
        // two lines are on the first screen.
        await page.locator('#mode').selectOption('virtual');
        const modeNote = page.locator('#mode-note');
        assert.ok(await modeNote.isVisible(), 'the virtual-time note is there');
        assert.ok((await modeNote.boundingBox()).height < 30, 'in one line');
        for (const lesson of lessons) {
          await page.locator('#lesson').selectOption(lesson);
          const top = await codeTop();
          assert.ok(top + 40 <= 768, `${lang} ${lesson}, virtual time: the code starts at ${top} px`);
        }
        await page.locator('#mode').selectOption('real');
        // The doctor's story is cut to a few lines; More opens all of it and Less closes it again.
        await page.locator('#lesson').selectOption('doctor');
        const more = page.locator('#lesson-more');
        const note = page.locator('#lesson-note');
        const cut = () => note.evaluate((el) => el.scrollHeight > el.clientHeight + 1);
        assert.equal(await more.getAttribute('aria-expanded'), 'false');
        assert.ok(await cut(), 'the long note is cut');
        const closedTop = await codeTop();
        await more.click();
        assert.equal(await more.getAttribute('aria-expanded'), 'true');
        assert.equal(await cut(), false, 'More shows the whole note');
        const openTop = await codeTop();
        assert.ok(openTop > closedTop + 40, `and the code moves down to make room: ${closedTop} → ${openTop}`);
        await more.click();
        assert.ok(await cut(), 'Less cuts it again');
        // A short story has nothing to open: no button.
        await page.locator('#lesson').selectOption('gather');
        if (!(await note.evaluate((el) => el.scrollHeight > el.clientHeight + 1))) {
          assert.equal(await more.isVisible(), false, 'nothing cut, no More');
        }
        assertCleanPage(recorded, `first screen ${lang}`);
      } finally {
        await recorded.context.close();
      }
    }
  });
});
