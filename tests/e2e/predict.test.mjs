// Predict, then run (issue 13): before a lesson's first run the page asks one question about
// its Python; the run answers it. Checked in both languages: the question is there before the
// first run, an answer then Run gives a reveal whose numbers are the run's own (the Time
// panel's elapsed, the console's lines), the right answer is the one the run shows, Skip works,
// nothing is asked again after a reload (it can be asked again), an edited program, the
// Rust and the embeds ask nothing, and the question keeps the code and the timeline on the
// first screen at 1366×768 and fits a 390×844 phone.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanPage as assertClean, useSite, waitForState } from './harness.mjs';

const RUN_TIMEOUT_MS = 30_000;
const site = useSite();
const assertCleanPage = (recorded, what) => assertClean(recorded, site.origin, what);

const WORDS = {
  en: { label: 'Predict:', ask: 'How long will this run take?', one: 'about 1 s', two: 'about 2 s', skip: 'Skip', again: 'Ask the question again', took: /The run took ([\d.]+) s/, chosen: /Your prediction: about 2 s/ },
  tr: { label: 'Tahmin edin:', ask: 'Bu çalıştırma ne kadar sürecek?', one: 'yaklaşık 1 s', two: 'yaklaşık 2 s', skip: 'Geç', again: 'Soruyu yeniden sor', took: /Çalıştırma ([\d.]+) s sürdü/, chosen: /Tahmininiz: yaklaşık 2 s/ },
};

/** The question box as the learner sees it. */
const box = (page) => page.evaluate(() => {
  const visible = (id) => document.getElementById(id)?.checkVisibility() ?? false;
  return {
    asking: visible('predict-ask'),
    label: document.getElementById('predict-label').textContent,
    question: document.getElementById('predict-question').textContent,
    choices: [...document.querySelectorAll('#predict-choices label')].map((l) => l.textContent.trim()),
    note: visible('predict-note') ? document.getElementById('predict-note').textContent : '',
    reveal: document.getElementById('predict-reveal').textContent,
    again: visible('predict-again'),
  };
});

/** The Time panel's elapsed seconds, as printed there (three decimals). */
const elapsedOfRun = async (page) => Number(/([\d.]+) s/.exec(await page.locator('#totals p.elapsed').textContent())[1]);

const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('loopscope.predict') ?? '{}'));

async function runToEnd(page) {
  await page.locator('#run').click();
  await waitForState(page, 'finished', RUN_TIMEOUT_MS);
}

describe('predict, then run', { timeout: 300_000 }, () => {
  for (const lang of ['en', 'tr']) {
    const w = WORDS[lang];

    test(`${lang}: gather asks before its first run; the run answers, with its own numbers`, async () => {
      const recorded = await site.open(`#lesson=gather&lang=${lang}&mode=virtual`);
      const { page } = recorded;
      try {
        let b = await box(page);
        assert.ok(b.asking, 'the question is shown before the first run');
        assert.equal(b.label, w.label);
        assert.equal(b.question, w.ask);
        assert.deepEqual(b.choices, [w.one, w.two]);
        assert.equal(b.again, false);
        // The keyboard reaches the choices: they are radios in a fieldset named by the question.
        assert.equal(await page.locator('#predict-ask').getByRole('radio').count(), 2);
        await page.getByRole('radio', { name: w.two }).check();
        b = await box(page);
        assert.match(b.note, w.chosen, 'the choice is said back');
        await runToEnd(page);
        b = await box(page);
        assert.equal(b.asking, false, 'the question gives way to what the run showed');
        assert.ok(await page.locator('#predict-reveal').isVisible(), 'said above the timeline');
        const elapsed = await elapsedOfRun(page);
        const said = Number(w.took.exec(b.reveal)?.[1]);
        assert.ok(Math.abs(said - elapsed) < 0.006, `the reveal's ${said} s is the run's ${elapsed} s: ${b.reveal}`);
        // The right answer is the one the run shows: gathered, the two 1 s sleeps overlap.
        assert.ok(Math.abs(elapsed - 1) < 0.05, `gather takes about 1 s: ${elapsed}`);
        assert.match(b.reveal, /✗/, 'about 2 s was not right');
        assert.ok(b.reveal.includes(`“${w.two}”`), 'the prediction is quoted');
        assert.match(b.reveal, /first_task/, 'the timeline mark names the lanes');
        assert.match(b.reveal, /0\.00 s/, 'and where they overlap');
        assert.ok(b.again, 'Ask again is offered');
        assert.deepEqual(await stored(page), { gather: { state: 'answered', choice: '2' } });

        // Not asked again after a reload; Ask again brings the question back, focused.
        await page.reload();
        await page.waitForFunction(() => !document.getElementById('run').disabled);
        b = await box(page);
        assert.equal(b.asking, false, 'not asked again');
        assert.ok(b.again, 'but it can be');
        await page.locator('#predict-again').click();
        b = await box(page);
        assert.ok(b.asking, 'Ask again asks');
        assert.equal(await page.evaluate(() => document.activeElement?.name), 'predict', 'the first choice has the focus');
        assert.deepEqual(await stored(page), {});

        // This time the right answer: the mark is ✓.
        await page.getByRole('radio', { name: w.one }).check();
        await runToEnd(page);
        b = await box(page);
        assert.match(b.reveal, /✓/, `about 1 s is right: ${b.reveal}`);
        assertCleanPage(recorded, `gather ${lang}`);
      } finally {
        await recorded.context.close();
      }
    });

    test(`${lang}: sequential gather: the run shows about 2 s, and a real-time run its own length`, async () => {
      let recorded = await site.open(`#lesson=gather&variant=sequential&lang=${lang}&mode=virtual`);
      try {
        await recorded.page.getByRole('radio', { name: w.two }).check();
        await runToEnd(recorded.page);
        const b = await box(recorded.page);
        assert.match(b.reveal, /✓/, `sequential takes about 2 s: ${b.reveal}`);
        assert.equal(Number(w.took.exec(b.reveal)?.[1]), 2);
      } finally {
        await recorded.context.close();
      }
      // Real time at 4×: whatever the machine's delays, the reveal quotes this run's length.
      recorded = await site.open(`#lesson=gather&lang=${lang}&speed=4`);
      const { page } = recorded;
      try {
        await page.getByRole('radio', { name: w.one }).check();
        await runToEnd(page);
        const b = await box(page);
        const elapsed = await elapsedOfRun(page);
        const said = Number(w.took.exec(b.reveal)?.[1]);
        assert.ok(Math.abs(said - elapsed) < 0.006, `${said} s said, ${elapsed} s measured`);
        assertCleanPage(recorded, `gather real ${lang}`);
      } finally {
        await recorded.context.close();
      }
    });

    test(`${lang}: Skip, and Run without an answer`, async () => {
      const recorded = await site.open(`#lesson=gather&lang=${lang}&mode=virtual`);
      const { page } = recorded;
      try {
        assert.equal(await page.locator('#predict-skip').textContent(), w.skip);
        await page.locator('#predict-skip').click();
        let b = await box(page);
        assert.equal(b.asking, false, 'skipped');
        assert.ok(b.again);
        assert.equal(await page.locator('#predict-again').textContent(), w.again);
        assert.deepEqual(await stored(page), { gather: { state: 'skipped' } });
        await runToEnd(page);
        assert.equal((await box(page)).reveal, '', 'a skipped question reveals nothing');
        await page.reload();
        await page.waitForFunction(() => !document.getElementById('run').disabled);
        assert.equal((await box(page)).asking, false, 'not asked after a reload');

        // Another lesson, run without answering: what the run showed, with no verdict.
        await page.locator('#lesson').selectOption('fetch-data');
        assert.ok((await box(page)).asking, 'fetch-data asks its own question');
        await runToEnd(page);
        b = await box(page);
        assert.match(b.reveal, /3\.00 s/, `the program took 3 s: ${b.reveal}`);
        assert.doesNotMatch(b.reveal, /[✓✗]/, 'no prediction, no verdict');
        assert.deepEqual((await stored(page))['fetch-data'], { state: 'skipped' });
        assertCleanPage(recorded, `skip ${lang}`);
      } finally {
        await recorded.context.close();
      }
    });

    test(`${lang}: blocking: the heartbeat's lines during count_primes come from the run`, async () => {
      const recorded = await site.open(`#lesson=blocking&variant=chunked&lang=${lang}&speed=2`);
      const { page } = recorded;
      try {
        await page.locator('#predict-choices input[value="yes"]').check();
        await runToEnd(page);
        const note = (await box(page)).reveal;
        // The console's own lines: the heartbeat's between main's second and third line.
        const lines = await page.$$eval('#console li', (items) => items.map((li) => li.dataset.task));
        const main = lines.map((task, i) => (task === 'main' ? i : -1)).filter((i) => i >= 0);
        const beats = lines.slice(main[1] + 1, main[2]).filter((task) => task === 'heartbeat').length;
        const count = beats === 0 ? null : lang === 'tr' ? `${beats} kez` : beats === 1 ? 'once' : `${beats} times`;
        if (count) assert.ok(note.includes(count) && note.includes('✓'), `${beats} lines during the job: ${note}`);
        else assert.ok(note.includes('✗'), `no line during the job: ${note}`);
        assertCleanPage(recorded, `blocking ${lang}`);
      } finally {
        await recorded.context.close();
      }
    });
  }

  test('an edited program, the Rust, the blank program and the embeds ask nothing', async () => {
    const recorded = await site.open('#lesson=gather&lang=en&engine=rust');
    const { page } = recorded;
    try {
      assert.equal((await box(page)).asking, false, 'the Rust runs: no question about the Python');
      await page.locator('#engine input[value="python"]').check();
      assert.ok((await box(page)).asking, 'the Python: asked');
      await page.locator('#code-python').click();
      const textarea = page.locator('#editor textarea');
      await textarea.waitFor({ timeout: 10_000 });
      await textarea.fill((await textarea.inputValue()).replace('asyncio.sleep(1)', 'asyncio.sleep(2)'));
      assert.equal((await box(page)).asking, false, 'edited code: not the lesson’s code any more');
      await page.locator('#lesson').selectOption('script');
      assert.equal((await box(page)).asking, false, 'the blank program has no question');
      await page.locator('#lesson').selectOption('websocket');
      assert.equal((await box(page)).asking, false, 'the WebSocket client waits on the learner: no question');
      assertCleanPage(recorded, 'no question');
    } finally {
      await recorded.context.close();
    }
    const embed = await site.browser.newPage();
    try {
      await embed.goto(`${site.origin}/embed.html#lesson=gather&lang=en`);
      await embed.waitForTimeout(500);
      assert.equal(await embed.locator('input[name="predict"]').count(), 0, 'an embed does not ask');
    } finally {
      await embed.context().close();
    }
  });

  test('the question keeps the code and the timeline on the first screen; it fits a phone', async () => {
    for (const lang of ['en', 'tr']) {
      // Real time: the page as a learner first sees it (virtual time adds a note of its own).
      const recorded = await site.open(`#lesson=gather&lang=${lang}`);
      const { page } = recorded;
      try {
        await page.setViewportSize({ width: 1366, height: 768 });
        const top = (sel) => page.locator(sel).evaluate((el) => el.getBoundingClientRect().top);
        for (const when of ['asking', 'revealed']) {
          if (when === 'revealed') {
            await page.getByRole('radio', { name: WORDS[lang].one }).check();
            await runToEnd(page);
          }
          // At least three lines of code and the timeline's first lanes are on the first screen.
          assert.ok(await top('#code-python') < 768 - 60, `${when}: the code starts on the first screen (${await top('#code-python')})`);
          assert.ok(await top('#timeline') < 768 - 100, `${when}: so does the timeline (${await top('#timeline')})`);
        }
        await page.setViewportSize({ width: 390, height: 844 });
        const fits = await page.evaluate(() => {
          const box = document.getElementById('predict').getBoundingClientRect();
          return { right: box.right, width: document.documentElement.scrollWidth };
        });
        assert.ok(fits.right <= 390 && fits.width <= 390, `no sideways scroll on a phone: ${JSON.stringify(fits)}`);
        assertCleanPage(recorded, `screen ${lang}`);
      } finally {
        await recorded.context.close();
      }
    }
  });
});
