// Page tests of the embeds: <loopscope-lesson> (www/embed.js) on the example docs page and on
// a hostile host page with a strict CSP, and embed.html in an iframe. One browser, two pages.
// The embeds live in open shadow roots: locators pierce them (`#id >> .status`), and
// page.evaluate reads them through element.shadowRoot.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  READY_TIMEOUT_MS,
  assertCleanPage,
  openRecordedPage,
  useSite,
} from './harness.mjs';
import { DEFAULT_HEIGHT, attributesFromParams, readOptions } from '../../www/embed-options.js';

const RUN_TIMEOUT_MS = 20_000; // gather at 10× lasts 0.1 s, fetch-data 0.3 s; the default lesson runs in virtual time
const MIN_INK_PIXELS = 100; // a drawn lane is far more than this; an empty canvas is 0
const IDLE_CHECK_MS = 500; // no embed may keep asking for frames this long once all is still
const TEST_TIMEOUT_MS = 90_000;
const MARKUP = '<img src=x onerror=alert(1)>';

// The lessons' printed lines (crate/lessons/gather.rs, fetch_data.rs), by task.
const GATHER_TR = {
  first_task: ['İlk işlem yapılıyor', 'İlk işlem tamamlandı'],
  second_task: ['İkinci işlem yapılıyor', 'İkinci işlem tamamlandı'],
};
const FETCH_TASKS = new Set(['main', 'fetch_data_1', 'fetch_data_2']);

// A host page that tries to break the element: every rule here matches the page's own nodes,
// and inherited values reach the host element.
const HOSTILE_CSS = `
* { color: red !important; font-size: 40px; letter-spacing: 3px; text-transform: uppercase; }
button { display: none !important; }
canvas, .timeline, .console { display: none; }
.run, .title, .notice, .status { border: 7px dotted lime; }
`;
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";
const HOST_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>host</title>
<link rel="icon" href="/www/favicon.svg">
<link rel="stylesheet" href="/__embed-test/hostile.css">
</head><body>
<button id="probe-button" class="run">host button</button>
<p id="probe-p" class="title notice status">host text</p>
<div id="probe-div" class="console timeline">host box</div>
<loopscope-lesson id="bad" lesson="nope" speed="abc" mode="virtual" autorun></loopscope-lesson>
<loopscope-lesson id="worse" lesson="gather" lang="xx" mode="later" height="5" variant="zzz" compact></loopscope-lesson>
<loopscope-lesson id="markup" lesson="${MARKUP.replace(/</g, '&lt;')}" speed="1e400"></loopscope-lesson>
<iframe id="frame" src="/embed.html#lesson=gather&amp;lang=tr&amp;speed=10&amp;autorun&amp;foo=%3Cb%3Ex%3C%2Fb%3E"></iframe>
</body></html>`;

const site = useSite(); // the served site and one browser for this file

/**
 * A recorded page (harness) that also keeps which frame asked for the wasm, counts the
 * animation frames each window requests, and fails on any dialog (markup must stay text).
 */
async function openEmbedPage(url, setup = async () => {}) {
  const recorded = await openRecordedPage(site.browser);
  const { page } = recorded;
  recorded.wasm = { main: 0, other: 0 };
  recorded.dialogs = [];
  page.on('request', (req) => {
    if (!req.url().endsWith('/loopscope_bg.wasm')) return;
    let main = false;
    try { main = req.frame() === page.mainFrame(); } catch { /* not from a frame */ }
    recorded.wasm[main ? 'main' : 'other']++;
  });
  page.on('dialog', async (dialog) => {
    recorded.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss().catch(() => {});
  });
  await page.addInitScript(() => {
    window.__frames = 0;
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (fn) => { window.__frames++; return raf(fn); };
  });
  await setup(page);
  await page.goto(url);
  return recorded;
}

function assertClean(recorded, what) {
  assertCleanPage(recorded, site.origin, what); // a CSP violation is a logged error
  assert.deepEqual(recorded.dialogs, [], `${what}: a dialog opened`);
}

/** Waits until the element `id` (in `frame`) has its status in one of `states`. */
function waitForEmbed(frame, id, states, timeout = READY_TIMEOUT_MS) {
  return frame.waitForFunction(({ id, states }) => {
    const status = document.getElementById(id)?.shadowRoot?.querySelector('.status');
    return Boolean(status) && states.includes(status.dataset.state);
  }, { id, states }, { timeout });
}

/** What an element shows: status, notices, console lines, what is hidden, its canvas ink. */
function readEmbed(frame, id) {
  return frame.evaluate((id) => {
    const root = document.getElementById(id).shadowRoot;
    const q = (sel) => root.querySelector(sel);
    const canvas = q('canvas');
    let ink = 0;
    if (canvas.width && canvas.height) {
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      const counts = new Map();
      for (let i = 0; i < data.length; i += 4) {
        const rgba = ((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]) >>> 0;
        counts.set(rgba, (counts.get(rgba) || 0) + 1);
      }
      ink = canvas.width * canvas.height - Math.max(...counts.values());
    }
    return {
      state: q('.status').dataset.state,
      status: q('.status').textContent,
      notices: [...root.querySelectorAll('.notice p')].map((p) => p.textContent),
      lines: [...root.querySelectorAll('.console .line')].map((line) => ({
        task: line.dataset.task, text: line.querySelector('.text').textContent,
      })),
      title: q('.title').textContent,
      run: q('button.run').textContent,
      hidden: Object.fromEntries(['.head', '.output', '.foot', '.notice'].map((s) => [s, q(s).hidden])),
      open: q('a.open').href,
      timelineHeight: q('.timeline').getBoundingClientRect().height,
      canvasWidth: canvas.width,
      ink,
      log: q('.console').getAttribute('role'),
      stylesheet: q('link[rel="stylesheet"]')?.getAttribute('href') ?? '',
      inlineStyles: root.querySelectorAll('style').length,
      images: root.querySelectorAll('img').length,
    };
  }, id);
}

describe('embedded lessons', { timeout: TEST_TIMEOUT_MS }, () => {
  test('the example docs page: two elements and an iframe, one runtime, each its own run', async () => {
    const recorded = await openEmbedPage(`${site.origin}/docs/example.html`);
    const { page } = recorded;
    try {
      // The gather element autoruns (speed 2: about 0.5 s); the compact one waits for Run.
      await waitForEmbed(page, 'gather-demo', ['finished'], RUN_TIMEOUT_MS);
      await waitForEmbed(page, 'fetch-demo', ['idle']);
      const frame = page.frame({ url: /\/embed\.html#/ });
      assert.ok(frame, 'the iframe loaded embed.html');
      await waitForEmbed(frame, 'embed-lesson', ['idle']);

      // Both at 10×, run at the same time: their records interleave in the one shared ring.
      await page.evaluate(() => {
        for (const id of ['gather-demo', 'fetch-demo']) document.getElementById(id).setAttribute('speed', '10');
      });
      await page.locator('#gather-demo >> button.run').click();
      await page.locator('#fetch-demo >> button.run').click();
      await waitForEmbed(page, 'gather-demo', ['finished'], RUN_TIMEOUT_MS);
      await waitForEmbed(page, 'fetch-demo', ['finished'], RUN_TIMEOUT_MS);

      const gather = await readEmbed(page, 'gather-demo');
      assert.equal(gather.title, 'Aynı anda iki görev');
      assert.equal(gather.run, 'Çalıştır');
      assert.equal(gather.lines.length, 4, `gather printed its 4 lines: ${JSON.stringify(gather.lines)}`);
      for (const { task, text } of gather.lines) {
        assert.ok(GATHER_TR[task]?.includes(text), `a gather line, in Turkish: ${task} ${text}`);
      }
      assert.equal(gather.log, 'log');
      assert.deepEqual(gather.notices, []);
      assert.ok(gather.ink >= MIN_INK_PIXELS, `the gather timeline has ink: ${gather.ink}`);
      assert.equal(gather.open, `${site.origin}/index.html#lesson=gather&lang=tr&speed=10`);
      assert.equal(gather.stylesheet, `${site.origin}/www/embed.css`, 'the stylesheet is resolved from the script');
      assert.equal(gather.inlineStyles, 0, 'no inline <style>');

      const fetch = await readEmbed(page, 'fetch-demo');
      assert.equal(fetch.run, 'Run');
      assert.ok(fetch.lines.length >= 5, `fetch-data printed: ${JSON.stringify(fetch.lines)}`);
      for (const { task, text } of fetch.lines) {
        assert.ok(FETCH_TASKS.has(task), `a fetch-data line only: ${task} ${text}`);
        assert.doesNotMatch(text, /işlem/, 'no gather line in the fetch-data console');
      }
      assert.ok(fetch.lines.some((l) => l.text === 'Main program done'), 'fetch-data ran to its end');
      assert.deepEqual(fetch.hidden, { '.head': true, '.output': true, '.foot': true, '.notice': true }, 'compact: timeline and controls only');
      assert.ok(fetch.ink >= MIN_INK_PIXELS, `the fetch-data timeline has ink: ${fetch.ink}`);
      assert.ok(Math.abs(fetch.timelineHeight - 200) <= 1, `height="200" sizes the timeline: ${fetch.timelineHeight}`);

      const framed = await readEmbed(frame, 'embed-lesson');
      assert.equal(framed.title, 'Staggered starts');
      assert.ok(framed.canvasWidth > 0, 'the iframe drew its timeline');
      assert.equal(await frame.locator('#embed-note').isHidden(), true, 'no ignored keys');

      // Another lesson on an autorun element: the old drawing goes, the new lesson runs.
      await page.evaluate(() => document.getElementById('gather-demo').setAttribute('lesson', 'fetch-data'));
      await page.waitForFunction(() => {
        const root = document.getElementById('gather-demo').shadowRoot;
        return root.querySelector('.title').textContent !== 'Aynı anda iki görev'
          && root.querySelector('.status').dataset.state === 'finished';
      }, null, { timeout: RUN_TIMEOUT_MS });
      const switched = await readEmbed(page, 'gather-demo');
      assert.ok(switched.lines.length >= 5 && switched.lines.every(({ task }) => FETCH_TASKS.has(task)),
        `only fetch-data lines after the switch: ${JSON.stringify(switched.lines)}`);
      assert.equal(switched.open, `${site.origin}/index.html#lesson=fetch-data&lang=tr&speed=10`);

      assert.equal(recorded.wasm.main, 1, 'the page loaded the wasm once for both elements');
      assert.equal(recorded.wasm.other, 1, 'the iframe, a page of its own, loaded its own');
      assertClean(recorded, 'docs/example.html');
    } finally {
      await recorded.context.close();
    }
  });

  test('bad attributes, a hostile host page under a strict CSP, attribute changes and clean-up', async () => {
    const recorded = await openEmbedPage(`${site.origin}/__embed-test/host.html`, async (page) => {
      await page.route(`${site.origin}/__embed-test/**`, (route) => {
        const css = route.request().url().endsWith('.css');
        return route.fulfill({
          status: 200,
          contentType: css ? 'text/css; charset=utf-8' : 'text/html; charset=utf-8',
          body: css ? HOSTILE_CSS : HOST_HTML,
        });
      });
    });
    const { page } = recorded;
    try {
      await page.waitForLoadState('load');
      const probes = () => page.evaluate(() => Object.fromEntries(['probe-button', 'probe-p', 'probe-div'].map((id) => {
        const s = getComputedStyle(document.getElementById(id));
        return [id, [s.display, s.color, s.fontSize, s.borderTopStyle, s.fontWeight, s.padding, s.margin, s.background]];
      })));
      const before = await probes();
      await page.addScriptTag({ url: '/www/embed.js', type: 'module' });

      // lesson="nope" speed="abc": messages, and the default lesson runs (virtual time: fast).
      await waitForEmbed(page, 'bad', ['finished'], RUN_TIMEOUT_MS);
      const bad = await readEmbed(page, 'bad');
      assert.equal(bad.notices.length, 2, `two messages: ${JSON.stringify(bad.notices)}`);
      assert.match(bad.notices.join(' '), /“abc”/);
      assert.match(bad.notices.join(' '), /“nope”/);
      assert.ok(bad.lines.length >= 1, 'the default lesson printed');
      assert.ok(bad.ink >= MIN_INK_PIXELS, 'the default lesson is drawn');

      await waitForEmbed(page, 'worse', ['idle']);
      const worse = await readEmbed(page, 'worse');
      const said = worse.notices.join(' ');
      for (const value of ['xx', 'later', '5', 'zzz']) assert.match(said, new RegExp(`“${value}”`), `a message names ${value}`);
      assert.ok(Math.abs(worse.timelineHeight - DEFAULT_HEIGHT) <= 1, `a bad height falls back: ${worse.timelineHeight}`);
      assert.equal(worse.hidden['.notice'], false, 'messages show even when compact');

      await waitForEmbed(page, 'markup', ['idle']);
      const markup = await readEmbed(page, 'markup');
      assert.equal(markup.images, 0, 'markup in an attribute never becomes an element');
      assert.ok(markup.notices.some((n) => n.includes(MARKUP)), `the markup is shown as text: ${JSON.stringify(markup.notices)}`);
      assert.ok(markup.notices.some((n) => n.includes('1e400')), 'the bad speed is named');

      // The host's rules do not reach inside: buttons show, in the embed's own type and colour.
      const look = await page.evaluate(() => {
        const root = document.getElementById('worse').shadowRoot;
        const button = root.querySelector('button.reset');
        const s = getComputedStyle(button);
        const box = button.getBoundingClientRect();
        const canvas = getComputedStyle(root.querySelector('canvas'));
        return { display: s.display, color: s.color, fontSize: s.fontSize, letterSpacing: s.letterSpacing,
          transform: s.textTransform, width: box.width, height: box.height, canvas: canvas.display };
      });
      assert.notEqual(look.display, 'none');
      assert.notEqual(look.color, 'rgb(255, 0, 0)');
      assert.equal(look.fontSize, '14px');
      assert.equal(look.transform, 'none');
      assert.ok(look.width > 20 && look.height > 10 && look.height < 60, `a normal-sized button: ${JSON.stringify(look)}`);
      assert.equal(look.canvas, 'block');
      await page.locator('#worse >> button.run').click(); // clickable, so really there

      // And the embed's rules do not reach out: the host's look is the same as before the script.
      assert.deepEqual(await probes(), before, 'the host page looks the same with the embeds');

      // attributeChangedCallback: a good language replaces the bad one, texts follow.
      await page.evaluate(() => document.getElementById('worse').setAttribute('lang', 'tr'));
      await page.waitForFunction(() => document.getElementById('worse').shadowRoot.querySelector('button.run').textContent === 'Çalıştır');
      const retold = await readEmbed(page, 'worse');
      assert.ok(!retold.notices.some((n) => n.includes('“xx”')), 'the language message is gone');

      // Resizing the host redraws at the new width (ResizeObserver).
      const wide = (await readEmbed(page, 'worse')).canvasWidth;
      await page.evaluate(() => { document.getElementById('worse').style.width = '400px'; });
      await page.waitForFunction((w) => document.getElementById('worse').shadowRoot.querySelector('canvas').width !== w, wide);

      // Removing an element mid-run cancels its run and stops its frames.
      const ls = () => page.evaluate(async () => (await import('/www/pkg/loopscope.js')).liveTasks());
      await page.locator('#worse >> button.run').click();
      await page.waitForFunction(async () => (await import('/www/pkg/loopscope.js')).liveTasks() > 0);
      await page.evaluate(() => document.getElementById('worse').remove());
      await page.waitForFunction(async () => (await import('/www/pkg/loopscope.js')).liveTasks() === 0, null, { timeout: 5_000 });
      assert.equal(await ls(), 0, 'no task of the removed element is left');
      const frames = await page.evaluate(() => window.__frames);
      await page.waitForTimeout(IDLE_CHECK_MS);
      assert.equal(await page.evaluate(() => window.__frames), frames, 'no embed asks for frames once all is still');

      // embed.html in an iframe: attributes from the hash, an unknown key named (as text).
      const frame = page.frame({ url: /\/embed\.html#/ });
      await waitForEmbed(frame, 'embed-lesson', ['finished'], RUN_TIMEOUT_MS);
      const framed = await readEmbed(frame, 'embed-lesson');
      assert.equal(framed.lines.length, 4);
      assert.ok(framed.lines.every(({ task, text }) => GATHER_TR[task]?.includes(text)), 'the frame ran gather in Turkish');
      const note = await frame.locator('#embed-note').textContent();
      assert.match(note, /foo/);
      assert.equal(await frame.locator('#embed-note b').count(), 0, 'the key is text, not markup');
      assert.equal(await frame.evaluate(() => document.documentElement.lang), 'tr');

      assert.equal(recorded.wasm.main, 1, 'one wasm for the three elements of the page');
      assertClean(recorded, 'the hostile host page');
    } finally {
      await recorded.context.close();
    }
  });
});

describe('embed options (pure)', () => {
  const LESSONS = [
    { id: 'doctor', title: { en: 'Doctor' }, variants: [{ id: 'async' }, { id: 'sync' }] },
    { id: 'gather', title: { en: 'Gather' }, variants: [{ id: 'gather' }, { id: 'sequential' }] },
  ];
  const read = (attrs, lessons = LESSONS, nav = 'tr-TR') => readOptions((name) => attrs[name] ?? null, lessons, nav);

  test('good values are taken, defaults fill the rest', () => {
    const o = read({ lesson: 'gather', variant: 'sequential', speed: ' 10 ', height: '320px', mode: 'virtual', autorun: '', compact: 'false' });
    assert.deepEqual(o, {
      lesson: 'gather', variant: 'sequential', lang: 'tr', speed: 10, mode: 'virtual', height: 320, heightSet: true,
      autorun: true, compact: true, script: null, notices: [],
    });
    assert.deepEqual(read({}, LESSONS, 'en-GB').lang, 'en');
    assert.equal(read({}).lesson, 'doctor');
  });

  test('bad values fall back and say so', () => {
    const o = read({ lesson: 'nope', speed: '0.05', height: '119', lang: 'de', mode: 'fast' });
    assert.equal(o.lesson, 'doctor');
    assert.equal(o.speed, 1);
    assert.equal(o.height, DEFAULT_HEIGHT);
    assert.equal(o.heightSet, false, 'a bad height is not a height: the timeline grows with its lanes');
    assert.deepEqual(o.notices.map((n) => n.key).sort(),
      ['embedBadHeight', 'embedBadSpeed', 'noticeBadLang', 'noticeBadMode', 'noticeUnknownLesson']);
    for (const speed of ['', 'abc', '11', 'Infinity', '1e400']) assert.equal(read({ speed }).notices.length, 1, speed);
    // While the lesson list is still loading, the lesson is taken as asked.
    assert.deepEqual([read({ lesson: 'nope' }, []).lesson, read({ lesson: 'nope' }, []).notices], ['nope', []]);
  });

  test('alone in embed.html, a lesson shows its own notice and every lane, with no scroll', async () => {
    for (const [lang, shared] of [['en', /shares one event loop/], ['tr', /tek bir olay döngüsünü paylaşır/]]) {
      const recorded = await openEmbedPage(`${site.origin}/embed.html#lesson=staggered&lang=${lang}&mode=virtual&autorun`);
      try {
        const frame = recorded.page.mainFrame();
        await waitForEmbed(frame, 'embed-lesson', ['finished'], RUN_TIMEOUT_MS);
        // A virtual run can end before the box's next frame: its lanes are drawn on that frame.
        const lanesDrawn = () => {
          const canvas = document.getElementById('embed-lesson').shadowRoot.querySelector('canvas');
          return Number(canvas.dataset.taskLanes) > 0;
        };
        await frame.waitForFunction(lanesDrawn, null, { timeout: 5000 }).catch(() => {}); // asserted below
        const box = await frame.evaluate(() => {
          const root = document.getElementById('embed-lesson').shadowRoot;
          const timeline = root.querySelector('.timeline');
          return {
            note: root.querySelector('.note').textContent,
            lanes: Number(root.querySelector('canvas').dataset.taskLanes),
            hiddenPx: timeline.scrollHeight - timeline.clientHeight,
          };
        });
        assert.ok(box.lanes >= 6, `staggered's tasks each have a lane: ${box.lanes}`);
        assert.ok(box.hiddenPx <= 1, `no lane is cut off below the box (${box.hiddenPx} px hidden)`);
        assert.ok(box.note.length > 20, 'the lesson says what to look for');
        assert.doesNotMatch(box.note, shared, 'alone, it does not speak of other lessons');
        assertClean(recorded, `staggered alone (${lang})`);
      } finally {
        await recorded.context.close();
      }
    }
  });

  test('embed.html: the hash wins over the query, unknown keys are named, flags read 0/false as off', () => {
    const { attributes, unknown } = attributesFromParams(
      new URLSearchParams('lesson=doctor&speed=2&x=1'),
      new URLSearchParams('lesson=gather&autorun&compact=0&y=<b>'),
    );
    assert.deepEqual(attributes, [['lesson', 'gather'], ['speed', '2'], ['autorun', '']]);
    assert.deepEqual(unknown, ['x', 'y']);
  });
});
