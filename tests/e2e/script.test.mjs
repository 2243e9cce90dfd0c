// Page tests of script mode: the learner's own Python, edited in the page's editor and run on
// the runtime (startScript). The blank lesson, editing and running, "Copy link" with the code
// in the address, syntax and runtime errors marked in the editor, an endless loop that leaves
// the page responsive and stops on Reset, each paused task's current line in its lane's colour,
// bad `code=` values, the editor's keys, and no HTML from a program's output. Asserts on
// structure (order, counts), never on exact times. Also the note under a program that starts
// threads, and the default pool's six threads.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertCleanPage as assertClean,
  failOnDialog,
  useSite,
  waitForState,
} from './harness.mjs';
import {
  AXIS_HEIGHT, LABEL_WIDTH_MAX, LABEL_WIDTH_SHARE, LANE_GAP, LANE_HEIGHT, PAD_RIGHT, PAD_TOP,
} from '../../www/timeline-layout.js';
import { LANE_COLORS } from '../../www/timeline-glyphs.js';
import { encodeCode } from '../../www/program.js';
import { readFileSync } from 'node:fs';

const RUN_TIMEOUT_MS = 20_000;
const EDITOR_TIMEOUT_MS = 10_000; // the editor module loads on demand
const RAF_LIMIT_MS = 1_000; // a frame must come within this while an endless loop runs
const LOOP_RUNS_MS = 500; // how long the endless loop runs before the frame is measured
const MAX_STEPS = 12; // steps tried until both workers are suspended at their sleep
const TEST_TIMEOUT_MS = 90_000;

const site = useSite();

// Two named workers and main; lines 5 (the sleep) and 9 (the gather) are asserted on below.
const PROGRAM = `import asyncio

async def worker(name, delay):
    print(f"{name} start")
    await asyncio.sleep(delay)
    print(f"{name} end")

async def main():
    await asyncio.gather(asyncio.create_task(worker("alpha", 0.2), name="alpha"), asyncio.create_task(worker("beta", 0.1), name="beta"))
    print("main done")

asyncio.run(main())
`;
const SLEEP_LINE = 5;
const GATHER_LINE = 9;
const EXPECTED_LINES = ['alpha start', 'beta start', 'beta end', 'alpha end', 'main done'];

const SYNTAX_ERROR = `import asyncio

async def main()
    print("never")

asyncio.run(main())
`;
const TASKGROUP_ERROR = `import asyncio
async def work(n):
    await asyncio.sleep(n / 10)
    if n == 2:
        raise ValueError(f"bad {n}")
async def main():
    async with asyncio.TaskGroup() as tg:
        for n in (1, 2, 3):
            tg.create_task(work(n))
asyncio.run(main())
`;
const RUNTIME_ERROR = `import asyncio

async def main():
    print("before")
    x = 1 / 0
    print("after", x)

asyncio.run(main())
`;
const ENDLESS = `import asyncio

async def main():
    while True:
        pass

asyncio.run(main())
`;
// Eight blocking calls in threads: the default pool runs six at once (host.rs MAX_WORKERS).
const THREADS = `import asyncio
import time

def job(n, t0):
    print(f"start {n} at {round(time.monotonic() - t0, 1)}")
    time.sleep(0.5)

async def main():
    t0 = time.monotonic()
    await asyncio.gather(*(asyncio.to_thread(job, n, t0) for n in range(8)))

asyncio.run(main())
`;
const MARKUP = '<img src=x onerror=alert(1)>';

const assertCleanPage = (recorded, what) => assertClean(recorded, site.origin, what);

/** Opens the page and waits for the editor (the blank lesson opens in it). */
async function openScript(hash) {
  const recorded = await site.open(hash);
  await recorded.page.waitForSelector('#editor textarea', { timeout: EDITOR_TIMEOUT_MS });
  return recorded;
}

/** Replaces the editor's text as a paste would (one input event). */
async function setCode(page, text) {
  await page.locator('#editor textarea').fill(text);
}

/** Puts the program `lines` in the editor, runs it, and waits for its end. */
async function runLines(page, lines) {
  await setCode(page, [...lines, ''].join('\n'));
  await page.locator('#run').click();
  await waitForState(page, 'finished', RUN_TIMEOUT_MS);
}

function consoleLines(page) {
  return page.$$eval('#console .line', (lines) => lines.map((line) => ({
    text: line.querySelector('.text').textContent,
    task: line.dataset.task,
    stream: line.dataset.stream,
  })));
}

/** Runs `fn` with a watchdog: a frozen page would never answer page.evaluate. */
function within(ms, promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, fail) => { timer = setTimeout(() => fail(new Error(`${what}: no answer within ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

const rgb = (hex) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
};

describe('script mode', { timeout: TEST_TIMEOUT_MS }, () => {
  test('the blank lesson: edit the program, run it, see its lines and one lane per task', async () => {
    const recorded = await openScript('#lesson=script&lang=en&mode=virtual');
    const { page } = recorded;
    try {
      assert.equal(await page.locator('#lesson').inputValue(), 'script');
      const example = await page.locator('#editor textarea').inputValue();
      assert.match(example, /asyncio\.gather/, 'the blank lesson starts with an example');
      await setCode(page, PROGRAM);
      await page.locator('#run').click();
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      const lines = await consoleLines(page);
      assert.deepEqual(lines.map((l) => l.text), EXPECTED_LINES, 'the program printed its lines in asyncio order');
      assert.ok(lines.every((l) => l.stream === 'stdout'));
      assert.deepEqual([...new Set(lines.map((l) => l.task))].sort(), ['alpha', 'beta', 'main']);
      const lanes = Number(await page.locator('canvas#timeline').getAttribute('data-task-lanes'));
      assert.equal(lanes, 3, 'main, alpha and beta each have a lane');
      assert.match(await page.locator('#run-caption').textContent(), /your Python/);
      assertCleanPage(recorded, 'blank lesson');
    } finally {
      await recorded.context.close();
    }
  });

  test('a program that starts threads: the page says how a thread is made here; the pool runs six at once', async () => {
    const recorded = await openScript('#lesson=script&lang=en&mode=virtual');
    const { page } = recorded;
    try {
      assert.ok(!(await page.locator('#thread-note').isVisible()), 'no note under a program without threads');
      await setCode(page, THREADS);
      const note = page.locator('#thread-note');
      assert.ok(await note.isVisible(), 'the note shows once the program starts a thread');
      assert.match(await page.locator('#thread-note-short').textContent(), /simulated: the page has one thread/);
      await page.locator('#thread-note-short').click();
      assert.match(await page.locator('#thread-note-more').textContent(), /6 threads/);
      await page.locator('#run').click();
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      const starts = (await consoleLines(page)).map((l) => l.text).filter((t) => t.startsWith('start'));
      assert.equal(starts.length, 8, `eight calls started, got ${JSON.stringify(starts)}`);
      // Virtual time: six begin at once, the other two when the first threads are done.
      const at = starts.map((t) => Number(t.split(' at ')[1]));
      assert.deepEqual(at.filter((s) => s === 0).length, 6, `six at once: ${JSON.stringify(starts)}`);
      assert.ok(at.slice(6).every((s) => s >= 0.5), `the last two waited for a thread: ${JSON.stringify(starts)}`);
      const lanes = Number(await page.locator('canvas#timeline').getAttribute('data-task-lanes'));
      assert.equal(lanes, 17, 'main, the task gather makes of each call, and each call\'s thread');
      await page.selectOption('#lang', 'tr');
      assert.match(await page.locator('#thread-note-short').textContent(), /İş parçacıkları burada benzetilir/);
      assertCleanPage(recorded, 'threads');
    } finally {
      await recorded.context.close();
    }
  });

  test('the example runs in Turkish too, printing in Turkish', async () => {
    const recorded = await openScript('#lesson=script&lang=tr&mode=virtual');
    const { page } = recorded;
    try {
      await page.locator('#run').click();
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      const lines = await consoleLines(page);
      assert.ok(lines.length >= 4, `the example printed, got ${JSON.stringify(lines)}`);
      assert.ok(lines.some((l) => /hazır/.test(l.text)), 'its lines are Turkish');
      assertCleanPage(recorded, 'Turkish example');
    } finally {
      await recorded.context.close();
    }
  });

  test('"Copy link" carries the edited code; the link shows and runs the same program', async () => {
    const recorded = await openScript('#lesson=script&lang=en&mode=virtual&speed=2');
    const { page } = recorded;
    try {
      await recorded.context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await setCode(page, PROGRAM);
      await page.locator('#copy-link').click();
      await page.locator('#copy-link-status').filter({ hasText: /copied/ }).waitFor({ timeout: 5_000 });
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      const hash = new URLSearchParams(new URL(copied).hash.slice(1));
      assert.equal(hash.get('lesson'), 'script');
      assert.equal(hash.get('mode'), 'virtual');
      assert.equal(hash.get('speed'), '2');
      assert.equal(hash.get('lang'), 'en');
      assert.equal(hash.get('code'), encodeCode(PROGRAM), 'the code is the program as base64url');

      const again = await openScript(new URL(copied).hash);
      try {
        assert.equal(await again.page.locator('#editor textarea').inputValue(), PROGRAM, 'the same program is shown');
        await again.page.locator('#run').click();
        await waitForState(again.page, 'finished', RUN_TIMEOUT_MS);
        assert.deepEqual((await consoleLines(again.page)).map((l) => l.text), EXPECTED_LINES);
        assertCleanPage(again, 'reopened link');
      } finally {
        await again.context.close();
      }
      assertCleanPage(recorded, 'copy link');
    } finally {
      await recorded.context.close();
    }
  });

  test('a syntax error is shown in the output and marked on its line; nothing runs', async () => {
    const recorded = await openScript('#lesson=script&lang=en&mode=virtual');
    const { page } = recorded;
    try {
      await setCode(page, SYNTAX_ERROR);
      // Checked after a pause in typing, before any Run.
      await page.waitForSelector('#editor[data-error-line="3"]', { timeout: 5_000 });
      await page.locator('#run').click();
      await waitForState(page, 'invalid', 5_000);
      const problem = page.locator('#console-problem');
      assert.ok(await problem.isVisible(), 'the error shows above the output');
      assert.match(await problem.textContent(), /SyntaxError/);
      assert.match(await problem.textContent(), /line 3/);
      assert.equal(await page.locator('.editor-lineno.error').count(), 1, 'one line is marked in the gutter');
      assert.match(await page.locator('.editor-lineno.error').textContent(), /✖\s*3/);
      assert.equal(await page.locator('.editor-mark.error').getAttribute('data-line'), '3');
      assert.match(await page.locator('.editor-message').textContent(), /Line 3/);
      assert.equal(await page.locator('#console .line').count(), 0, 'nothing ran, nothing printed');
      assert.equal(await page.locator('canvas#timeline').getAttribute('data-task-lanes'), '0', 'no run was drawn');
      // Fixed, the mark goes.
      await setCode(page, SYNTAX_ERROR.replace('main()\n', 'main():\n'));
      await page.waitForSelector('#editor[data-error-line=""]', { timeout: 5_000 });
      assert.ok(!(await problem.isVisible()), 'the error is gone once the code parses');
      assertCleanPage(recorded, 'syntax error');
    } finally {
      await recorded.context.close();
    }
  });

  test('a runtime error: the traceback is error output and the raising line is marked', async () => {
    const recorded = await openScript('#lesson=script&lang=en&mode=virtual');
    const { page } = recorded;
    try {
      await setCode(page, RUNTIME_ERROR);
      await page.locator('#run').click();
      await waitForState(page, 'error', RUN_TIMEOUT_MS);
      const lines = await consoleLines(page);
      assert.equal(lines[0].text, 'before');
      assert.equal(lines[0].stream, 'stdout');
      const errors = lines.filter((l) => l.stream === 'stderr');
      assert.ok(errors.length >= 1, `a traceback on standard error, got ${JSON.stringify(lines)}`);
      const traceback = errors.map((l) => l.text).join('\n');
      assert.match(traceback, /Traceback/);
      assert.match(traceback, /ZeroDivisionError/);
      assert.ok(!lines.some((l) => /after/.test(l.text)), 'nothing after the exception ran');
      assert.ok(await page.locator('#console .line.stderr .stream').count() >= 1, 'error lines carry a sign');
      await page.waitForSelector('#editor[data-error-line="5"]', { timeout: 5_000 });
      assert.match(await page.locator('.editor-message').textContent(), /Line 5/);
      // CPython's carets under the division, and the same part marked in the code: from the
      // 1 to the 0 of `x = 1 / 0`.
      assert.ok(errors.some((l) => l.text.trim() === '~~^~~'), `carets under 1 / 0: ${traceback}`);
      const part = await page.evaluate(() => {
        const mark = document.querySelector('.editor-mark.error-part')?.getBoundingClientRect();
        const view = document.querySelector('.editor-view');
        const source = view.textContent;
        const lineStart = source.split('\n').slice(0, 4).join('\n').length + 1;
        const charBox = (offset) => {
          const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(), at = 0; node; at += node.length, node = walker.nextNode()) {
            if (offset < at + node.length) {
              const range = document.createRange();
              range.setStart(node, offset - at);
              range.setEnd(node, offset - at + 1);
              return range.getBoundingClientRect();
            }
          }
          return null;
        };
        const from = charBox(lineStart + 8);
        const last = charBox(lineStart + 12);
        return mark && { text: source.slice(lineStart + 8, lineStart + 13), dl: mark.left - from.left, dr: mark.right - last.right };
      });
      assert.ok(part, 'the part that failed is marked in the code');
      assert.equal(part.text, '1 / 0');
      assert.ok(Math.abs(part.dl) < 1 && Math.abs(part.dr) < 1, `the mark covers 1 / 0: ${JSON.stringify(part)}`);
      assertCleanPage(recorded, 'runtime error');
    } finally {
      await recorded.context.close();
    }
  });

  test('a recursion as deep as CPython\'s runs in the built page, in real time, and prints CPython\'s lines', async () => {
    // The corpus program that recurses 900 deep, waits 800 coroutines deep, and cancels a task
    // 700 deep: the site's optimised wasm nests its polls differently from the test build's.
    const corpus = new URL('../script/corpus/lang_55_deep_recursion', import.meta.url);
    const want = readFileSync(`${corpus.pathname}.out`, 'utf8').trim().split('\n').map((l) => l.slice(7));
    const recorded = await openScript('#lesson=script&lang=en&mode=real');
    const { page } = recorded;
    try {
      await runLines(page, [readFileSync(`${corpus.pathname}.py`, 'utf8')]);
      assert.deepEqual((await consoleLines(page)).map((l) => l.text), want);
      assertCleanPage(recorded, 'deep recursion');
    } finally {
      await recorded.context.close();
    }
  });

  test('a TaskGroup error: the group traceback is drawn as CPython draws it, and the editor names the group', async () => {
    const recorded = await openScript('#lesson=script&lang=en&mode=virtual');
    const { page } = recorded;
    try {
      await setCode(page, TASKGROUP_ERROR);
      await page.locator('#run').click();
      await waitForState(page, 'error', RUN_TIMEOUT_MS);
      const errors = (await consoleLines(page)).filter((l) => l.stream === 'stderr').map((l) => l.text.replace(/^error output:/, '').trim());
      assert.equal(errors[0], '+ Exception Group Traceback (most recent call last):', JSON.stringify(errors));
      assert.ok(errors.includes('| ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)'), JSON.stringify(errors));
      assert.ok(errors.includes('+-+---------------- 1 ----------------'), JSON.stringify(errors));
      assert.ok(errors.includes('| ValueError: bad 2'), JSON.stringify(errors));
      // A sub-exception's source line keeps its columns behind the group's margin, as a
      // top-level one does (its carets are aligned under it).
      const kept = await page.$$eval('#console li.stderr .text', (texts) => texts
        .filter((t) => /^\s*\| {5}\S/.test(t.textContent)).map((t) => t.classList.contains('verbatim')));
      assert.ok(kept.length > 0 && kept.every(Boolean), `group source lines unwrapped: ${kept}`);
      await page.waitForSelector('#editor[data-error-line="7"]', { timeout: 5_000 });
      assert.match(await page.locator('.editor-message').textContent(), /ExceptionGroup: unhandled errors in a TaskGroup/);
      // Each task's end as the trace says it: work(1) returned, work(2) raised, the group
      // cancelled work(3), and main raised the group. work(2)'s error reached the group by a
      // callback, as CPython's TaskGroup._on_task_done, in a lane of its own.
      const rows = await page.$$eval('#loop-rows tr', (trs) => trs.map((r) => [r.querySelector('th').textContent, r.dataset.state, r.querySelector('.detail').textContent]));
      const tasks = rows.filter(([name]) => !name.startsWith('callback:'));
      const states = tasks.map(([, state]) => state).sort();
      assert.deepEqual(states, ['cancelled', 'done', 'raised', 'raised'], JSON.stringify(rows));
      assert.deepEqual(tasks.filter(([, state]) => state === 'raised').map(([, , detail]) => detail), ['its coroutine raised an exception', 'its coroutine raised an exception']);
      const callbacks = rows.filter(([name]) => name.startsWith('callback:')).map(([name, state]) => [name, state]);
      assert.deepEqual(callbacks, [['callback: TaskGroup._on_task_done', 'done']], JSON.stringify(rows));
      assert.ok(await page.locator('#legend-raise').isVisible(), 'the legend says what the raised mark means');
      assertCleanPage(recorded, 'TaskGroup error');
    } finally {
      await recorded.context.close();
    }
  });

  test('a task that failed unseen: the editor names its exception, not the warning printed after it', async () => {
    const recorded = await openScript('#lesson=script&lang=en&mode=virtual');
    const { page } = recorded;
    try {
      // The task is freed as main's frame ends: its report, then the coroutine never awaited.
      await setCode(page, [
        'import asyncio',
        '',
        'async def main():',
        '    async def worker(n):',
        '        await asyncio.sleep(0.5)',
        '        raise ValueError(f"worker {n} failed")',
        '',
        '    t = asyncio.create_task(worker(1))',
        '    result = asyncio.sleep(1)',
        '    await asyncio.sleep(1)',
        '    print("main done")',
        '',
        'asyncio.run(main())',
        '',
      ].join('\n'));
      await page.locator('#run').click();
      // The run finished (CPython exits with 0): the status says so, and names the task's line.
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      assert.match(await page.locator('#status').textContent(), /^Finished, but a task’s exception went unhandled: it was raised on line 6/);
      const errors = (await consoleLines(page)).filter((l) => l.stream === 'stderr').map((l) => l.text.replace(/^error output:/, '').trim());
      assert.equal(errors[0], 'Task exception was never retrieved', JSON.stringify(errors));
      assert.ok(errors.at(-1).startsWith('RuntimeWarning: Enable tracemalloc'), JSON.stringify(errors));
      await page.waitForSelector('#editor[data-error-line="6"]', { timeout: 5_000 });
      assert.match(await page.locator('.editor-message').textContent(), /ValueError: worker 1 failed/);
      assertCleanPage(recorded, 'task failed unseen');
    } finally {
      await recorded.context.close();
    }
  });

  test('a line written in parts shows as it grows, stamped when it began; a carriage return writes over it', async () => {
    const recorded = await openScript('#lesson=script&lang=en');
    const { page } = recorded;
    try {
      await setCode(page, [
        'import asyncio',
        '',
        'async def main():',
        '    print("Loading", end="", flush=True)',
        '    for _ in range(3):',
        '        await asyncio.sleep(0.4)',
        '        print(".", end="", flush=True)',
        '    print(" done")',
        '    for step in range(1, 4):',
        '        print(f"\\rstep {step} of 3", end="", flush=True)',
        '        await asyncio.sleep(0.05)',
        '    print()',
        '',
        'asyncio.run(main())',
        '',
      ].join('\n'));
      await page.locator('#run').click();
      // Real time: while the run sleeps, the line shows what was written of it so far.
      await page.waitForFunction(() => {
        const texts = [...document.querySelectorAll('#console .line .text')].map((t) => t.textContent);
        return document.getElementById('status').dataset.state === 'running' && texts.length === 1 && /^Loading\.{1,2}$/.test(texts[0]);
      }, null, { timeout: RUN_TIMEOUT_MS });
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      const lines = await consoleLines(page);
      assert.deepEqual(lines.map((l) => l.text), ['Loading... done', 'step 3 of 3'], JSON.stringify(lines));
      assert.deepEqual(lines.map((l) => l.task), ['main', 'main']);
      // One line, stamped when its first part was written (CPython's output shows it then).
      const times = await page.$$eval('#console .line .time', (t) => t.map((x) => Number.parseFloat(x.textContent)));
      assert.ok(times[0] < 0.2, `the first line began at the start, not at ${times[0]} s`);
      assert.ok(times[1] > 1.1, `the second line began after the dots, not at ${times[1]} s`);
      assertCleanPage(recorded, 'line in parts');
    } finally {
      await recorded.context.close();
    }
  });

  test('an endless loop in real time leaves the page responsive, and Reset stops it', async () => {
    const recorded = await openScript('#lesson=script&lang=en');
    const { page } = recorded;
    try {
      await setCode(page, ENDLESS);
      await page.locator('#run').click();
      await waitForState(page, 'running', 5_000);
      await page.waitForTimeout(LOOP_RUNS_MS);
      const frameMs = await within(RAF_LIMIT_MS * 5, page.evaluate(() => new Promise((done) => {
        const t0 = performance.now();
        requestAnimationFrame(() => done(performance.now() - t0));
      })), 'requestAnimationFrame');
      assert.ok(frameMs < RAF_LIMIT_MS, `a frame came in ${frameMs} ms while the loop ran`);
      assert.equal(await page.locator('#status').getAttribute('data-state'), 'running', 'the loop still runs');
      // Drawn as what it is: main runs one stretch of work that never awaits, one growing hog.
      const hogs = () => page.locator('canvas#timeline').getAttribute('data-hogs');
      assert.equal(await hogs(), '1', 'one hog, not one per time slice');
      const mainRow = page.locator('#loop-rows tr').filter({ has: page.locator('th', { hasText: /^main$/ }) });
      assert.match(await mainRow.textContent(), /running/, 'main is running, not ready');
      await page.waitForTimeout(LOOP_RUNS_MS);
      assert.equal(await hogs(), '1', 'still one hog, longer');
      await within(RAF_LIMIT_MS * 5, page.locator('#reset').click(), 'Reset');
      await waitForState(page, 'cancelled', 5_000);
      // Ended for good: the page goes on drawing frames.
      const after = await within(RAF_LIMIT_MS * 5, page.evaluate(() => new Promise((done) => {
        const t0 = performance.now();
        requestAnimationFrame(() => done(performance.now() - t0));
      })), 'requestAnimationFrame after Reset');
      assert.ok(after < RAF_LIMIT_MS);
      assertCleanPage(recorded, 'endless loop');
    } finally {
      await recorded.context.close();
    }
  });

  test('paused and stepped, each live task’s current line is marked in its lane’s colour', async () => {
    const recorded = await openScript('#lesson=script&lang=en&mode=virtual');
    const { page } = recorded;
    try {
      await setCode(page, PROGRAM);
      await page.locator('#step').click(); // starts the run paused and polls main once
      await waitForState(page, 'paused', 5_000);
      let seen = null;
      for (let i = 0; i < MAX_STEPS && !seen; i++) {
        const marks = await page.$$eval('.editor-mark.task', (rows) => rows.map((row) => ({
          line: Number(row.dataset.line),
          labels: [...row.querySelectorAll('.editor-mark-label')].map((l) => ({
            text: l.textContent, color: getComputedStyle(l).backgroundColor,
          })),
        })));
        const labels = marks.flatMap((m) => m.labels.map((l) => ({ ...l, line: m.line })));
        const at = (name) => labels.find((l) => l.text === `◀ ${name}`);
        if (at('alpha')?.line === SLEEP_LINE && at('beta')?.line === SLEEP_LINE) seen = { labels, at };
        else await page.locator('#step').click();
        await page.waitForTimeout(50);
      }
      assert.ok(seen, 'after some steps both workers are marked at their sleep');
      assert.equal(seen.at('main')?.line, GATHER_LINE, 'main is marked at its gather');
      // Lane colours: spawn order main, alpha, beta (timeline-glyphs.js LANE_COLORS).
      assert.equal(seen.at('main').color, rgb(LANE_COLORS[0]));
      assert.equal(seen.at('alpha').color, rgb(LANE_COLORS[1]));
      assert.equal(seen.at('beta').color, rgb(LANE_COLORS[2]));
      assert.match(await page.locator('#task-lines').textContent(), /alpha at line 5/);
      // The poll just stepped: its lines are marked too, and said.
      const stepped = await page.locator('#step-result').getAttribute('data-task');
      assert.match(await page.locator('#task-lines').textContent(), new RegExp(`${stepped}, step \\d+, ran lines \\d`));
      assert.ok(await page.locator('.editor-mark.ran, .editor-mark.task').count() >= 2);
      // Resumed, the marks go; the run ends as usual.
      await page.locator('#resume').click();
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      assert.equal(await page.locator('.editor-mark.task').count(), 0, 'no marks once the run goes on');
      assert.deepEqual((await consoleLines(page)).map((l) => l.text), EXPECTED_LINES);
      assertCleanPage(recorded, 'paused lines');
    } finally {
      await recorded.context.close();
    }
  });

  test('a bad code= value shows a note and the page still works', async () => {
    const bad = [
      ['%%%', /not base64url/],
      ['_w', /not UTF-8/], // the single byte 0xFF
      ['A'.repeat(140_000), /too long/],
    ];
    for (const [value, note] of bad) {
      const recorded = await site.open(`#code=${value}&lang=en&mode=virtual`);
      const { page } = recorded;
      try {
        const notice = page.locator('#notice');
        await notice.waitFor({ state: 'visible', timeout: 5_000 });
        assert.match(await notice.textContent(), note);
        assert.equal(await page.locator('#lesson').inputValue(), 'script', 'a code= opens the blank lesson');
        await page.waitForSelector('#editor textarea', { timeout: EDITOR_TIMEOUT_MS });
        await page.locator('#run').click();
        await waitForState(page, 'finished', RUN_TIMEOUT_MS);
        assertCleanPage(recorded, `code=${value.slice(0, 10)}`);
      } finally {
        await recorded.context.close();
      }
    }
  });

  test('the editor: Tab, Shift+Tab, auto-indent and Ctrl+Enter', async () => {
    const recorded = await openScript('#lesson=script&lang=en&mode=virtual');
    const { page } = recorded;
    const textarea = page.locator('#editor textarea');
    const value = () => textarea.inputValue();
    try {
      await setCode(page, '');
      await textarea.focus();
      await page.keyboard.type('async def main():');
      await page.keyboard.press('Enter');
      assert.equal(await value(), 'async def main():\n    ', 'Enter after ":" indents by 4');
      await page.keyboard.type('x = 1');
      await page.keyboard.press('Enter');
      assert.equal(await value(), 'async def main():\n    x = 1\n    ', 'Enter keeps the indentation');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await value(), 'async def main():\n    x = 1\n', 'Shift+Tab dedents');
      await page.keyboard.press('Tab');
      assert.equal(await value(), 'async def main():\n    x = 1\n    ', 'Tab indents by 4');

      await setCode(page, 'a\nb\nc');
      await textarea.focus();
      await page.keyboard.press('Control+a');
      await page.keyboard.press('Tab');
      assert.equal(await value(), '    a\n    b\n    c', 'Tab indents a selected block');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await value(), 'a\nb\nc', 'Shift+Tab dedents it');
      await page.keyboard.press('Control+z');
      assert.equal(await value(), '    a\n    b\n    c', 'undo takes back the dedent');

      // Escape, then Tab, leaves the editor: no keyboard trap.
      await textarea.focus();
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      assert.notEqual(await page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA');

      await setCode(page, PROGRAM);
      await textarea.focus();
      await page.keyboard.press('Control+Enter');
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      assert.deepEqual((await consoleLines(page)).map((l) => l.text), EXPECTED_LINES, 'Ctrl+Enter ran the program');

      // The colouring: keywords, strings (f-strings too), comments and numbers have their own spans.
      await setCode(page, '@dec\nasync def f():\n    s = f"x {1 + 2}"  # note\n    t = """a\nb"""\n');
      const kinds = await page.$$eval('#editor .editor-view span', (spans) => spans.map((s) => s.className));
      for (const kind of ['tok-decorator', 'tok-keyword', 'tok-definition', 'tok-string', 'tok-number', 'tok-comment']) {
        assert.ok(kinds.includes(kind), `a ${kind} span, got ${JSON.stringify(kinds)}`);
      }
      assert.equal(await page.locator('#editor .editor-lineno').count(), 6, 'one gutter line per line');
      assertCleanPage(recorded, 'editor keys');
    } finally {
      await recorded.context.close();
    }
  });

  test('printed markup is text, never HTML', async () => {
    const recorded = await openScript('#lesson=script&lang=en&mode=virtual');
    const { page } = recorded;
    const dialogs = [];
    failOnDialog(page, dialogs);
    try {
      await setCode(page, `import asyncio\n\nasync def main():\n    print("${MARKUP}")\n\nasyncio.run(main())\n`);
      await page.locator('#run').click();
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      const lines = await consoleLines(page);
      assert.equal(lines[0].text, MARKUP, 'the markup is shown as text');
      assert.equal(await page.locator('#console img, #editor img').count(), 0, 'no element was made from it');
      assert.deepEqual(dialogs, []);
      assertCleanPage(recorded, 'markup');
    } finally {
      await recorded.context.close();
    }
  });

  test('a program\'s terminal colours colour its lines, from line to line until reset; no escape shows', async () => {
    const recorded = await openScript('#lesson=script&lang=en&mode=virtual');
    const { page } = recorded;
    try {
      await runLines(page, [
        'import asyncio',
        'C = ("\\033[0m", "\\033[36m", "\\033[1;91m")',
        '',
        'async def main():',
        '    print(C[1] + "cyan")',
        '    print("still cyan")',
        '    print(C[2] + "bold red" + C[0] + " plain")',
        '    print("\\033[2Kcleared")',
        '',
        'asyncio.run(main())',
      ]);
      const lines = await page.$$eval('#console .line .text', (texts) => texts.map((text) => ({
        text: text.textContent,
        spans: [...text.querySelectorAll('span')].map((span) => [span.className, span.textContent]),
      })));
      assert.deepEqual(lines.map((l) => l.text), ['cyan', 'still cyan', 'bold red plain', 'cleared'], 'the words, no escapes');
      assert.deepEqual(lines[0].spans, [['ansi-6', 'cyan']]);
      assert.deepEqual(lines[1].spans, [['ansi-6', 'still cyan']], 'a colour lasts to the next line, as in a terminal');
      assert.deepEqual(lines[2].spans, [['ansi-1 ansi-bold', 'bold red']], 'reset ends it: " plain" is plain text');
      assert.deepEqual(lines[3].spans, [], 'another escape (erase line) is dropped');
      const colour = await page.locator('#console .ansi-6').first().evaluate((span) => getComputedStyle(span).color);
      assert.equal(colour, rgb('#0e6f85'), 'cyan, darkened to read on the page');
      assertCleanPage(recorded, 'colours');
    } finally {
      await recorded.context.close();
    }
  });

  test('logging records go to stderr as in CPython, shown in a quieter ink, not as error output', async () => {
    const recorded = await openScript('#lesson=script&lang=en&mode=virtual');
    const { page } = recorded;
    try {
      await runLines(page, [
        'import asyncio',
        'import logging',
        '',
        'logging.basicConfig(level=logging.INFO)',
        'log = logging.getLogger("kitchen")',
        '',
        'async def main():',
        '    log.info("cooking %s", "soup")',
        '    await asyncio.sleep(0.1)',
        '    try:',
        '        1 / 0',
        '    except ZeroDivisionError:',
        '        log.exception("burnt")',
        '    print("served")',
        '',
        'asyncio.run(main())',
      ]);
      const lines = await consoleLines(page);
      const texts = lines.map((l) => l.text);
      assert.equal(texts[0], 'INFO:kitchen:cooking soup', `the record as CPython formats it: ${JSON.stringify(texts)}`);
      assert.equal(lines[0].stream, 'log');
      assert.ok(lines.some((l) => l.stream === 'log' && /^ZeroDivisionError: division by zero$/.test(l.text)), 'logger.exception: the traceback is part of the record');
      assert.equal(lines.at(-1).text, 'served');
      assert.equal(lines.at(-1).stream, 'stdout');
      assert.equal(await page.locator('#console .line.log .stream').count(), 0, 'no ✖: a record is no error');
      assert.ok(!(await page.locator('#console-problem').isVisible()), 'a logged, handled exception is no problem of the run');
      assertCleanPage(recorded, 'logging');
    } finally {
      await recorded.context.close();
    }
  });

  test('a lesson opens in Python mode: its Python runs; the switch runs its Rust', async () => {
    const recorded = await site.open('#lesson=gather&lang=en&mode=virtual');
    const { page } = recorded;
    try {
      assert.equal(await page.locator('#engine input[value="python"]').isChecked(), true, 'Python is the default');
      assert.equal(await page.locator('#editor textarea').count(), 0, 'a watched lesson loads no editor');
      assert.ok(!(await page.locator('#rust-col').isVisible()), 'no Rust in Python mode');
      await page.locator('#run').click();
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      assert.ok((await consoleLines(page)).length >= 1, 'the lesson’s Python printed');
      assert.match(await page.locator('#run-caption').textContent(), /Python run/);

      await page.locator('#engine input[value="rust"]').check();
      assert.match(await page.evaluate(() => location.hash), /engine=rust/);
      assert.ok(await page.locator('#rust-col').isVisible(), 'the Rust shows in Rust mode');
      await page.locator('#run').click();
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      const tasks = (await consoleLines(page)).map((l) => l.task);
      assert.ok(tasks.some((task) => /first_task/.test(task)), `the Rust run's tasks, got ${JSON.stringify(tasks)}`);

      // Clicking the read-only code loads the editor.
      await page.locator('#engine input[value="python"]').check();
      await page.locator('#code-python').click();
      await page.waitForSelector('#editor textarea', { timeout: EDITOR_TIMEOUT_MS });
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA', 'the editor has the focus');
      assertCleanPage(recorded, 'gather in Python mode');
    } finally {
      await recorded.context.close();
    }
  });

  test('a seed that does not run as printed: its corrected version runs, the original and what changed are shown', async () => {
    const recorded = await site.open('#lesson=staggered&lang=tr&mode=virtual');
    const { page } = recorded;
    try {
      const original = page.locator('#original');
      assert.ok(await original.isVisible(), 'the original is offered');
      assert.match(await page.locator('#original-summary').textContent(), /Düzeltildi/);
      await page.locator('#original-summary').click(); // the seed's text is fetched when it is opened
      await page.waitForSelector('#original-code[data-source="in"]', { timeout: 5_000 });
      assert.match(await page.locator('#original-code').textContent(), /run_until_complete\(multiconnect\)$/m, 'the seed’s own text');
      assert.match(await page.locator('#original-what').textContent(), /multiconnect\(\)/, 'what changed, in Turkish');
      assert.match(await page.locator('#code-python').textContent(), /run_until_complete\(multiconnect\(\)\)/, 'the code shown runs');
      await page.locator('#run').click();
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      const lines = (await consoleLines(page)).map((l) => l.text);
      assert.equal(lines.filter((l) => /bağlantı kuruldu/.test(l)).length, 5, `five connections: ${JSON.stringify(lines)}`);
      assert.ok(lines.every((l) => !/Error/.test(l)), 'no error');

      await page.evaluate(() => { location.hash = '#lesson=gather&lang=tr&mode=virtual'; });
      await page.waitForFunction(() => document.getElementById('original').hidden, null, { timeout: 5_000 });
      assertCleanPage(recorded, 'staggered corrected');
    } finally {
      await recorded.context.close();
    }
  });

  test('a lesson’s Python is in the page’s language: English on the English page, the seed’s Turkish on the Turkish one', async () => {
    // crate/lessons/gather.en.py and gather.py: the same program, its prints in each language.
    const PRINTS = {
      en: ['First task is running', 'Second task is running', 'First task is done', 'Second task is done'],
      tr: ['İlk işlem yapılıyor', 'İkinci işlem yapılıyor', 'İlk işlem tamamlandı', 'İkinci işlem tamamlandı'],
    };
    const recorded = await site.open('#lesson=gather&lang=en&mode=virtual');
    const { page } = recorded;
    try {
      const runs = {};
      for (const lang of ['en', 'tr']) {
        const other = lang === 'en' ? 'tr' : 'en';
        if (lang === 'tr') await page.locator('#lang').selectOption('tr'); // the language picker swaps the program
        await page.waitForFunction((text) => document.getElementById('code-python').textContent.includes(text), PRINTS[lang][0], { timeout: 5_000 });
        const code = await page.locator('#code-python').textContent();
        for (const line of PRINTS[lang]) assert.ok(code.includes(`print("${line}")`), `${lang}: the code prints "${line}"`);
        for (const line of PRINTS[other]) assert.ok(!code.includes(line), `${lang}: no "${line}" in the code`);
        assert.match(code, /async def first_task\(\):/, `${lang}: the names stay`);
        assert.equal(await page.locator('#code-edited').isVisible(), false, `${lang}: the lesson’s own program, not an edit`);
        await page.locator('#run').click();
        await waitForState(page, 'finished', RUN_TIMEOUT_MS);
        const lines = await consoleLines(page);
        assert.deepEqual(lines.map((l) => l.text), PRINTS[lang], `${lang}: the run printed the program’s lines`);
        runs[lang] = lines.map((l) => l.task);
      }
      assert.deepEqual(runs.en, runs.tr, 'the same tasks printed, in the same order, in both languages');
      assertCleanPage(recorded, 'gather in both languages');
    } finally {
      await recorded.context.close();
    }
  });

  test('the websocket seed runs against the simulated server, and its buttons break the connection', async () => {
    const recorded = await site.open('#lesson=websocket&lang=en&mode=real&speed=2');
    const { page } = recorded;
    try {
      assert.ok(await page.locator('#live-controls').isVisible(), 'the fault buttons are there in Python mode');
      await page.locator('#run').click();
      // The English page runs the English program: its callback prints "message N".
      await page.locator('#console .line .text', { hasText: /^message 2$/ }).waitFor({ timeout: RUN_TIMEOUT_MS });
      await page.locator('#control-drop').click();
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      const lines = (await consoleLines(page)).map((l) => l.text);
      const dropped = lines.indexOf('fault: dropping the connection');
      assert.ok(dropped > 0, `the server obeyed the button: ${JSON.stringify(lines)}`);
      assert.ok(lines.slice(dropped).some((l) => /^client connected: continuing from message/.test(l)), 'the seed’s loop reconnected');
      const numbers = lines.filter((l) => /^message \d+$/.test(l)).map((l) => Number(l.slice(8)));
      assert.ok(numbers.every((n, i) => i === 0 || n === numbers[i - 1] + 1), `no message lost or repeated: ${numbers}`);
      assert.doesNotMatch(await page.locator('#notice').textContent(), /did not work/, 'the press was accepted');
      assertCleanPage(recorded, 'websocket corrected');
    } finally {
      await recorded.context.close();
    }
  });

  test('hovering a task’s step on the timeline marks the lines of code that step ran', async () => {
    const recorded = await openScript('#lesson=script&lang=en&mode=virtual');
    const { page } = recorded;
    try {
      await setCode(page, PROGRAM);
      await page.locator('#run').click();
      await waitForState(page, 'finished', RUN_TIMEOUT_MS);
      const box = await page.locator('#timeline').boundingBox();
      const lane = (await page.$$eval('#loop-rows tr th', (cells) => cells.map((c) => c.textContent))).indexOf('alpha') + 1;
      assert.ok(lane >= 1, 'alpha has a lane');
      const y = PAD_TOP + AXIS_HEIGHT + lane * (LANE_HEIGHT + LANE_GAP) + LANE_HEIGHT / 2;
      const labelW = Math.min(LABEL_WIDTH_MAX, Math.round(box.width * LABEL_WIDTH_SHARE));
      const seen = new Map(); // tooltip's "ran lines" → the lines marked in the editor
      for (let x = labelW + 1; x < box.width - PAD_RIGHT; x += 2) {
        await page.mouse.move(box.x + x, box.y + y);
        const tip = (await page.locator('#timeline-tip').isVisible()) ? await page.locator('#timeline-tip').textContent() : '';
        const ran = /alpha · step \d+.*ran lines ([\d, –]+) of the code/.exec(tip);
        if (!ran || seen.has(ran[1])) continue;
        const marked = await page.$$eval('.editor-mark.ran', (rows) => rows.map((r) => Number(r.dataset.line)));
        seen.set(ran[1], marked);
        const words = await page.locator('#task-lines').textContent();
        assert.match(words, new RegExp(`^alpha, step \\d, ran lines ${ran[1]}\\.$`), 'and in words under the code');
      }
      // alpha's first step runs its print and reaches the sleep (lines 4–5); its second, the print after it (6).
      assert.deepEqual([...seen.entries()], [['4–5', [4, 5]], ['6', [6]]], 'each step’s lines, in the tooltip and in the code');
      await page.mouse.move(box.x + 2, box.y - 20);
      await page.waitForFunction(() => document.querySelectorAll('.editor-mark.ran').length === 0, null, { timeout: 5_000 });
      assertCleanPage(recorded, 'hovered lines');
    } finally {
      await recorded.context.close();
    }
  });

  test('pointing at a console line marks the line of code that printed it', async () => {
    const said = {
      en: /^beta printed this line at line 6 of the code\.$/,
      tr: /^beta bu satırı kodun 6\. satırında yazdırdı\.$/,
    };
    for (const lang of ['en', 'tr']) {
      const recorded = await openScript(`#lesson=script&lang=${lang}&mode=virtual`);
      const { page } = recorded;
      try {
        await setCode(page, PROGRAM);
        await page.locator('#run').click();
        await waitForState(page, 'finished', RUN_TIMEOUT_MS);
        await page.locator('#console .line', { hasText: 'beta end' }).hover();
        await page.waitForSelector('.editor-mark.ran[data-line="6"]', { timeout: 5_000 });
        assert.match(await page.locator('#task-lines').textContent(), said[lang]);
        await page.locator('#console .line', { hasText: 'alpha start' }).hover();
        await page.waitForSelector('.editor-mark.ran[data-line="4"]', { timeout: 5_000 });
        assert.equal(await page.locator('.editor-mark.ran').count(), 1, 'one line at a time');
        await page.mouse.move(0, 0);
        await page.waitForFunction(() => document.querySelectorAll('.editor-mark.ran').length === 0);
        assertCleanPage(recorded, `print line ${lang}`);
      } finally {
        await recorded.context.close();
      }
    }
  });
});
