// Page tests of script mode in the embed: <loopscope-lesson> running a Python program given
// as `code=` (base64url, as the page's `#code=`), as the element's own text, as a
// <script type="text/python"> child, and through embed.html#code=. Output lines, error output,
// the timeline's task lanes (structure, never exact times), the read-only code view, and bad
// input (not base64url, not UTF-8, too long, markup, a syntax error) in both languages: a
// message as text, nothing run, the other embeds of the page unharmed.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  READY_TIMEOUT_MS,
  assertCleanPage,
  openRecordedPage,
  useSite,
} from './harness.mjs';
import { ATTRIBUTES, attributesFromParams, dedentProgram, readOptions } from '../../www/embed-options.js';
import { encodeCode } from '../../www/program.js';

const RUN_TIMEOUT_MS = 20_000;
const MIN_INK_PIXELS = 100; // a drawn lane is far more than this; an empty canvas is 0
const TEST_TIMEOUT_MS = 90_000;

const site = useSite();

// Two named workers and main (as in script.test.mjs): five lines in asyncio's order.
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
const EXPECTED_LINES = ['alpha start', 'beta start', 'beta end', 'alpha end', 'main done'];

// The same shape in Turkish, written inside the element and indented with the page's HTML.
const TURKISH = `import asyncio

async def hazirla(icecek, saniye):
    print(f"{icecek}: hazırlanıyor")
    await asyncio.sleep(saniye)
    print(f"{icecek}: hazır")

async def main():
    cay = asyncio.create_task(hazirla("çay", 0.1), name="çay")
    kahve = asyncio.create_task(hazirla("kahve", 0.2), name="kahve")
    await asyncio.gather(cay, kahve)
    print("ikisi de hazır")

asyncio.run(main())
`;
const TURKISH_LINES = ['çay: hazırlanıyor', 'kahve: hazırlanıyor', 'çay: hazır', 'kahve: hazır', 'ikisi de hazır'];
const indent = (text, by) => text.split('\n').map((line) => (line ? `${by}${line}` : line)).join('\n');

// Inside a <script type="text/python">, < and & stay as written; its output is text.
const COMPARES = `import asyncio

async def main():
    a, b = 1, 2
    if a < b and b > a:
        print("<b>bold?</b> & more")

asyncio.run(main())
`;
const RUNTIME_ERROR = `import asyncio

async def main():
    print("before")
    x = 1 / 0
    print("after", x)

asyncio.run(main())
`;
const SYNTAX_ERROR = `import asyncio

async def main()
    print("never")

asyncio.run(main())
`;
const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";
const page = (body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>host</title>
<link rel="icon" href="/www/favicon.svg">
<script type="module" src="/www/embed.js"></script>
</head><body>
${body}
</body></html>`;

const GOOD_PAGE = page(`
<loopscope-lesson id="by-code" lang="en" mode="virtual" code="${encodeCode(PROGRAM)}"></loopscope-lesson>
<section>
  <loopscope-lesson id="by-text" lang="tr" speed="10">
${indent(TURKISH, '    ')}
  </loopscope-lesson>
</section>
<loopscope-lesson id="by-script" lang="en" mode="virtual" autorun>
  <script type="text/python">
${indent(COMPARES, '    ')}
  </script>
</loopscope-lesson>
<loopscope-lesson id="raises" lang="en" mode="virtual" code="${encodeCode(RUNTIME_ERROR)}"></loopscope-lesson>
<loopscope-lesson id="a-lesson" lesson="gather" lang="en" mode="virtual"></loopscope-lesson>
<iframe id="frame" src="/embed.html#code=${encodeCode(PROGRAM)}&amp;lang=tr&amp;mode=virtual&amp;autorun"></iframe>
`);

// Each bad input in both languages, and what its message says in each.
const TOO_LONG = `${'#'.repeat(100_001)}\n`; // one comment line: over 100,000 bytes
const BAD = {
  base64: { attrs: `code="${escapeHtml('%%%<img src=x>')}"`, en: /not base64url/, tr: /base64url metni değil/ },
  utf8: { attrs: 'code="_w"', en: /not UTF-8/, tr: /UTF-8 metin değil/ }, // the single byte 0xFF
  codeTooLong: { attrs: `code="${encodeCode(TOO_LONG)}"`, en: /too long: over 100,000 bytes/, tr: /çok uzun: 100\.000 bayttan fazla/ },
  textTooLong: { text: TOO_LONG, en: /inside the element is too long/, tr: /içindeki program çok uzun/ },
  markup: { html: 'print("<b>hi</b>")', en: /contains HTML \(a <b> element\)/, tr: /HTML içeriyor \(bir <b> öğesi\)/ },
  syntaxText: { text: SYNTAX_ERROR, attrs: 'autorun mode="virtual"', syntax: true },
  syntaxCode: { attrs: `code="${encodeCode(SYNTAX_ERROR)}" autorun mode="virtual"`, syntax: true },
};
const SYNTAX = {
  en: { problem: /^✖ SyntaxError on line 3: the program did not run\.$/, status: /^Not run: SyntaxError on line 3/ },
  tr: { problem: /^✖ 3\. satırda SyntaxError: program çalışmadı\.$/, status: /^Çalıştırılmadı: 3\. satırda SyntaxError/ },
};
const NOTHING = { en: 'Nothing to run: see the message above.', tr: 'Çalıştırılacak bir şey yok: yukarıdaki mesaja bakın.' };
const EMPTY_TIMELINE = { en: 'Timeline: nothing has run yet.', tr: 'Zaman çizelgesi: henüz bir şey çalışmadı.' };
const LANGS = ['en', 'tr'];
const badId = (kind, lang) => `${kind}-${lang}`;

const BAD_PAGE = page(`
${LANGS.map((lang) => Object.entries(BAD).map(([kind, { attrs = '', text, html }]) => {
    const inside = html ?? (text ? escapeHtml(indent(text, '  ')) : '');
    return `<loopscope-lesson id="${badId(kind, lang)}" lang="${lang}" ${attrs}>${inside}</loopscope-lesson>`;
  }).join('\n')).join('\n')}
<loopscope-lesson id="good" lang="tr" mode="virtual" autorun code="${encodeCode(PROGRAM)}"></loopscope-lesson>
<iframe id="frame" src="/embed.html#code=%25%25%25&amp;lang=tr"></iframe>
`);

/** A recorded page (harness) serving `html` as /__embed-script/host.html; fails on any dialog. */
async function openHost(html) {
  const recorded = await openRecordedPage(site.browser);
  recorded.dialogs = [];
  recorded.page.on('dialog', async (dialog) => {
    recorded.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss().catch(() => {});
  });
  await recorded.page.route(`${site.origin}/__embed-script/**`, (route) => route.fulfill({
    status: 200, contentType: 'text/html; charset=utf-8', body: html,
  }));
  await recorded.page.goto(`${site.origin}/__embed-script/host.html`);
  return recorded;
}

function assertClean(recorded, what) {
  assertCleanPage(recorded, site.origin, what);
  assert.deepEqual(recorded.dialogs, [], `${what}: a dialog opened`);
}

/**
 * Waits until the element `id` has its status in one of `states`, then two animation frames:
 * the element prints and draws a run's last records in the frame after its status.
 */
async function waitForEmbed(frame, id, states, timeout = READY_TIMEOUT_MS) {
  await frame.waitForFunction(({ id, states }) => {
    const status = document.getElementById(id)?.shadowRoot?.querySelector('.status');
    return Boolean(status) && states.includes(status.dataset.state);
  }, { id, states }, { timeout });
  await frame.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** Waits until the element's code view is loaded and shows a program (editor.js loads on demand). */
function waitForCode(frame, id) {
  return frame.waitForFunction((id) => Boolean(document.getElementById(id)?.shadowRoot?.querySelector('.code textarea')?.value), id);
}

/** What an element shows, read through its open shadow root. */
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
    const textarea = q('.code textarea');
    return {
      state: q('.status').dataset.state,
      status: q('.status').textContent,
      runDisabled: q('button.run').disabled,
      title: q('.title').textContent,
      note: q('.note').textContent,
      notices: [...root.querySelectorAll('.notice p')].map((p) => p.textContent),
      problem: q('.problem').hidden ? null : { title: q('.problem-title').textContent, report: q('.problem-report').textContent },
      lines: [...root.querySelectorAll('.console .line')].map((line) => ({
        task: line.dataset.task,
        stream: line.dataset.stream,
        sign: Boolean(line.querySelector('.stream')),
        text: line.querySelector('.text').lastChild?.textContent ?? '',
      })),
      codeShown: !q('.code').hidden,
      code: textarea?.value ?? null,
      codeReadOnly: textarea?.readOnly ?? null,
      errorLine: q('.code').dataset.errorLine ?? '',
      editorMessage: q('.editor-message')?.hidden === false ? q('.editor-message').textContent : '',
      open: q('a.open').href,
      footHidden: q('.foot').hidden,
      lanes: Number(canvas.dataset.taskLanes ?? 0),
      label: canvas.getAttribute('aria-label') ?? '',
      ink,
      // Anything a value could have smuggled in as markup.
      elements: root.querySelectorAll('img, b, script, iframe').length,
    };
  }, id);
}

/** The assertions of a finished run of PROGRAM: its lines in order, one lane per task, drawn. */
function assertProgramRan(shown, what) {
  assert.deepEqual(shown.lines.map((l) => l.text), EXPECTED_LINES, `${what}: the lines in asyncio's order`);
  assert.ok(shown.lines.every((l) => l.stream === 'stdout' && !l.sign), `${what}: all standard output`);
  assert.deepEqual([...new Set(shown.lines.map((l) => l.task))].sort(), ['alpha', 'beta', 'main'], `${what}: printed by its tasks`);
  assert.equal(shown.lanes, 3, `${what}: main, alpha and beta each have a lane`);
  for (const name of ['main', 'alpha', 'beta']) assert.ok(shown.label.includes(name), `${what}: the timeline names ${name}: ${shown.label}`);
  assert.ok(shown.ink >= MIN_INK_PIXELS, `${what}: the timeline has ink: ${shown.ink}`);
}

describe('embedded programs (script mode)', { timeout: TEST_TIMEOUT_MS }, () => {
  test('code=, the element’s text, a python <script> child and embed.html#code= run, with output and a timeline', async () => {
    const recorded = await openHost(GOOD_PAGE);
    const { page } = recorded;
    try {
      // code=: Run, in virtual time.
      await waitForEmbed(page, 'by-code', ['idle']);
      await waitForCode(page, 'by-code');
      const before = await readEmbed(page, 'by-code');
      assert.equal(before.code, PROGRAM, 'the code view shows the decoded program');
      assert.equal(before.codeReadOnly, true, 'read-only');
      assert.equal(before.title, 'Python program (asyncio)');
      assert.equal(before.lanes, 0, 'nothing drawn before Run');
      // Read-only: keys do not edit it, and Tab moves on (to Run), no keyboard trap.
      await page.locator('#by-code >> .code textarea').focus();
      for (const key of ['x', 'Enter', 'Backspace', 'Shift+Tab', 'Tab']) await page.keyboard.press(key);
      await page.locator('#by-code >> .code textarea').focus();
      await page.keyboard.press('Tab');
      assert.equal(await page.locator('#by-code >> .code textarea').inputValue(), PROGRAM, 'the keys did not edit the code');
      assert.equal(await page.evaluate(() => document.getElementById('by-code').shadowRoot.activeElement?.className), 'run', 'Tab left the code for Run');
      assert.equal(before.open, `${site.origin}/index.html#lesson=script&lang=en&mode=virtual&code=${encodeCode(PROGRAM)}`);
      await page.locator('#by-code >> button.run').click();
      await waitForEmbed(page, 'by-code', ['finished'], RUN_TIMEOUT_MS);
      const byCode = await readEmbed(page, 'by-code');
      assertProgramRan(byCode, 'code=');
      assert.match(byCode.status, /virtual/i);
      assert.deepEqual(byCode.notices, []);

      // Reset empties the console and the timeline; Run again gives the same lines.
      await page.locator('#by-code >> button.reset').click();
      await waitForEmbed(page, 'by-code', ['idle']);
      await page.waitForFunction(() => document.getElementById('by-code').shadowRoot.querySelector('canvas').dataset.taskLanes === '0');
      const reset = await readEmbed(page, 'by-code');
      assert.deepEqual([reset.lines.length, reset.lanes], [0, 0], 'Reset cleared the run');
      await page.locator('#by-code >> button.run').click();
      await waitForEmbed(page, 'by-code', ['finished'], RUN_TIMEOUT_MS);
      assertProgramRan(await readEmbed(page, 'by-code'), 'code=, run again');

      // The element's text, in Turkish, real time at 10×: dedented, its tasks named in Turkish.
      await waitForEmbed(page, 'by-text', ['idle']);
      await waitForCode(page, 'by-text');
      assert.equal((await readEmbed(page, 'by-text')).code, TURKISH, 'the text is dedented to the program');
      await page.locator('#by-text >> button.run').click();
      await waitForEmbed(page, 'by-text', ['finished'], RUN_TIMEOUT_MS);
      const byText = await readEmbed(page, 'by-text');
      assert.deepEqual(byText.lines.map((l) => l.text), TURKISH_LINES);
      assert.equal(byText.lanes, 3, 'main, çay and kahve each have a lane');
      for (const name of ['main', 'çay', 'kahve']) assert.ok(byText.label.includes(name), `the timeline names ${name}`);
      assert.ok(byText.ink >= MIN_INK_PIXELS);
      assert.equal(byText.title, 'Python programı (asyncio)');
      assert.match(byText.note, /görev/);
      assert.match(byText.note, /olay döngüsü/);
      assert.doesNotMatch(byText.status, /virtual|sanal/i, 'a real-time run');
      assert.equal(await page.locator('#by-text >> button.run').textContent(), 'Çalıştır');

      // A python <script> child: < and & kept; autorun; printed markup stays text.
      await waitForEmbed(page, 'by-script', ['finished'], RUN_TIMEOUT_MS);
      const byScript = await readEmbed(page, 'by-script');
      assert.equal(byScript.code, COMPARES);
      assert.deepEqual(byScript.lines.map((l) => l.text), ['<b>bold?</b> & more']);
      assert.equal(byScript.elements, 0, 'printed markup never becomes an element');
      assert.equal(byScript.lanes, 1, 'one task, main');

      // An uncaught exception: the traceback is error output (a sign), the line marked in the code.
      await page.locator('#raises >> button.run').click();
      await waitForEmbed(page, 'raises', ['error'], RUN_TIMEOUT_MS);
      const raises = await readEmbed(page, 'raises');
      assert.deepEqual(raises.lines[0], { task: 'main', stream: 'stdout', sign: false, text: 'before' });
      const errors = raises.lines.filter((l) => l.stream === 'stderr');
      // One write, one sign: the traceback's first line carries it (with its time and task), the
      // lines after it only their text.
      assert.ok(errors.length >= 1 && errors[0].sign && errors.slice(1).every((l) => !l.sign),
        `the traceback is marked error output, once: ${JSON.stringify(raises.lines)}`);
      assert.match(errors.map((l) => l.text).join('\n'), /Traceback[\s\S]*ZeroDivisionError/);
      assert.ok(!raises.lines.some((l) => /after/.test(l.text)));
      assert.equal(raises.errorLine, '5', 'the raising line is marked in the code');
      assert.match(raises.editorMessage, /Line 5/);
      assert.match(raises.status, /line 5/);

      // A lesson beside the programs still runs as a lesson.
      await page.locator('#a-lesson >> button.run').click();
      await waitForEmbed(page, 'a-lesson', ['finished'], RUN_TIMEOUT_MS);
      const lesson = await readEmbed(page, 'a-lesson');
      assert.equal(lesson.codeShown, false, 'a lesson shows no code view');
      assert.ok(lesson.lines.length === 4 && lesson.lanes === 3, `gather ran: ${lesson.lanes} lanes, ${JSON.stringify(lesson.lines)}`);

      // embed.html#code=: the iframe's element takes the program from the address.
      const frame = page.frame({ url: /\/embed\.html#/ });
      assert.ok(frame, 'the iframe loaded embed.html');
      await waitForEmbed(frame, 'embed-lesson', ['finished'], RUN_TIMEOUT_MS);
      const framed = await readEmbed(frame, 'embed-lesson');
      assertProgramRan(framed, 'embed.html#code=');
      assert.equal(framed.title, 'Python programı (asyncio)');
      assert.equal(await frame.locator('#embed-note').isHidden(), true, 'code is a known key');

      // Changing the program clears the old run; the new one runs.
      await page.evaluate((code) => document.getElementById('by-code').setAttribute('code', code), encodeCode(COMPARES));
      await page.waitForFunction(() => document.getElementById('by-code').shadowRoot.querySelector('.code textarea').value.includes('a < b'));
      await page.waitForFunction(() => document.getElementById('by-code').shadowRoot.querySelector('canvas').dataset.taskLanes === '0');
      const changed = await readEmbed(page, 'by-code');
      assert.deepEqual([changed.state, changed.lines.length, changed.lanes], ['idle', 0, 0], 'the old run is gone');

      // Text written into the element later is read too (a MutationObserver).
      await page.evaluate(() => {
        const el = document.createElement('loopscope-lesson');
        el.id = 'late';
        el.setAttribute('lang', 'en');
        el.setAttribute('mode', 'virtual');
        document.body.append(el);
        el.textContent = '\n  import asyncio\n  async def main():\n      print("late")\n  asyncio.run(main())\n';
        el.setAttribute('autorun', '');
      });
      await waitForEmbed(page, 'late', ['finished'], RUN_TIMEOUT_MS);
      assert.deepEqual((await readEmbed(page, 'late')).lines.map((l) => l.text), ['late']);

      assertClean(recorded, 'programs');
    } finally {
      await recorded.context.close();
    }
  });

  test('bad input in English and Turkish: a message as text, nothing runs, the other embeds still work', async () => {
    const recorded = await openHost(BAD_PAGE);
    const { page } = recorded;
    try {
      await waitForEmbed(page, 'good', ['finished'], RUN_TIMEOUT_MS);
      assertProgramRan(await readEmbed(page, 'good'), 'the good embed beside the bad ones');

      for (const lang of LANGS) {
        for (const [kind, bad] of Object.entries(BAD)) {
          const id = badId(kind, lang);
          await waitForEmbed(page, id, ['invalid']);
          const shown = await readEmbed(page, id);
          const what = `${id}: ${JSON.stringify({ ...shown, code: shown.code?.slice(0, 40) })}`;
          assert.equal(shown.runDisabled, true, `${what}: Run is off`);
          assert.equal(shown.elements, 0, `${what}: nothing became an element`);
          if (bad.syntax) {
            await waitForCode(page, id);
            const marked = await readEmbed(page, id);
            assert.match(marked.problem?.title ?? '', SYNTAX[lang].problem, what);
            assert.match(marked.problem.report, /SyntaxError/, `${what}: CPython's report`);
            assert.match(marked.status, SYNTAX[lang].status, what);
            assert.equal(marked.errorLine, '3', `${what}: the line is marked in the code`);
          } else {
            assert.equal(shown.notices.length, 1, what);
            assert.match(shown.notices[0], bad[lang], what);
            assert.equal(shown.status, NOTHING[lang], what);
            assert.equal(shown.codeShown, false, `${what}: no code to show`);
            assert.equal(shown.footHidden, true, `${what}: no link to a program that is not there`);
          }
          assert.equal(shown.title, lang === 'tr' ? 'Python programı (asyncio)' : 'Python program (asyncio)', what);
        }
      }
      // Pressing Run anyway (a script may click a disabled button's element) starts nothing.
      await page.evaluate(() => document.getElementById('syntaxText-en').run());
      // autorun on a syntax error started nothing either, and nothing was printed or drawn.
      for (const lang of LANGS) {
        for (const kind of Object.keys(BAD)) {
          const shown = await readEmbed(page, badId(kind, lang));
          assert.deepEqual([shown.state, shown.lines.length, shown.lanes, shown.label], ['invalid', 0, 0, EMPTY_TIMELINE[lang]], `${kind}-${lang} ran nothing`);
        }
      }

      // A bad embed.html#code=: the message in the frame's language, as text.
      const frame = page.frame({ url: /\/embed\.html#/ });
      await waitForEmbed(frame, 'embed-lesson', ['invalid']);
      const framed = await readEmbed(frame, 'embed-lesson');
      assert.match(framed.notices.join(' '), BAD.base64.tr);

      // The same runtime still runs programs after all of that.
      await page.locator('#good >> button.reset').click();
      await waitForEmbed(page, 'good', ['idle']);
      await page.locator('#good >> button.run').click();
      await waitForEmbed(page, 'good', ['finished'], RUN_TIMEOUT_MS);
      assertProgramRan(await readEmbed(page, 'good'), 'the good embed, run again');
      assertClean(recorded, 'bad input');
    } finally {
      await recorded.context.close();
    }
  });
});

describe('embedded programs: options (pure)', () => {
  const read = (attrs, inline = null) => readOptions((name) => attrs[name] ?? null, [], 'en', inline);

  test('code and the element’s text become the program; lesson and code take precedence', () => {
    assert.ok(ATTRIBUTES.includes('code'));
    assert.deepEqual(read({ code: encodeCode(PROGRAM) }).script, { source: PROGRAM, from: 'code', error: '' });
    assert.deepEqual(read({}, { text: indent(`\n${PROGRAM}`, '      '), markup: '' }).script, { source: PROGRAM, from: 'text', error: '' });
    // code wins over the text; a lesson attribute keeps the text unread.
    assert.equal(read({ code: encodeCode('print(1)') }, { text: PROGRAM, markup: '' }).script.source, 'print(1)');
    assert.equal(read({ lesson: 'gather' }, { text: PROGRAM, markup: '' }).script, null);
    // code and lesson both: code runs, and a message says the lesson is ignored.
    const both = read({ code: encodeCode('print(1)'), lesson: 'gather' });
    assert.deepEqual([both.script.source, both.notices.map((n) => n.key)], ['print(1)', ['embedCodeAndLesson']]);
    // An empty element is the default lesson, as before.
    assert.equal(read({}, { text: ' \n\t\n ', markup: '' }).script, null);
    const { attributes } = attributesFromParams(new URLSearchParams(`code=${encodeCode('x')}&lang=tr`));
    assert.deepEqual(attributes, [['code', encodeCode('x')], ['lang', 'tr']]);
  });

  test('bad programs come back as an error and a notice', () => {
    const cases = [
      [{ code: '%%%' }, null, 'base64', 'embedBadCode_base64'],
      [{ code: '_w' }, null, 'utf8', 'embedBadCode_utf8'],
      [{ code: encodeCode('#'.repeat(100_001)) }, null, 'tooLong', 'embedBadCode_tooLong'],
      [{}, { text: '#'.repeat(100_001), markup: '' }, 'tooLong', 'embedTextTooLong'],
      [{}, { text: 'print("hi")', markup: 'b' }, 'markup', 'embedTextMarkup'],
    ];
    for (const [attrs, inline, error, key] of cases) {
      const o = read(attrs, inline);
      assert.equal(o.script.error, error, key);
      assert.equal(o.script.source, '', key);
      assert.deepEqual(o.notices.map((n) => n.key), [key]);
    }
    // 100,000 bytes is still fine (multi-byte characters count as their UTF-8 bytes).
    // (the dedented text ends in one newline: 99,999 + 1 bytes)
    assert.equal(read({}, { text: `${'ç'.repeat(49_999)}x`, markup: '' }).script.error, '');
    assert.equal(read({}, { text: 'ç'.repeat(50_000), markup: '' }).script.error, 'tooLong');
  });

  test('dedentProgram removes the shared indentation only', () => {
    assert.equal(dedentProgram('\n\n    a = 1\n\n    if a:\n        b = 2\n   \n  '), 'a = 1\n\nif a:\n    b = 2\n');
    assert.equal(dedentProgram('\r\n\tx = 1\r\n\ty = 2\r\n'), 'x = 1\ny = 2\n');
    assert.equal(dedentProgram('  a\n b\n'), ' a\nb\n', 'the common part only');
    assert.equal(dedentProgram('\t a\n  b\n'), '\t a\n  b\n', 'tabs and spaces do not match');
    assert.equal(dedentProgram('   \n  '), '');
  });
});
