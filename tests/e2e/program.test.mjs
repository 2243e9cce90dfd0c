// Pure tests (Node, no browser) of the learner's program in the address (program.js: base64url
// of UTF-8, its limits and its bad values), of a lesson's Python in the page's language
// (program.js, from the files sources.js fetches), of the address keys of script mode
// (url-state.js) and of the Python colouring (python-syntax.js).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CODE_BYTES, SCRIPT_LESSON, decodeCode, encodeCode, lessonPython, scriptLesson } from '../../www/program.js';
import { pick } from '../../www/i18n.js';
import { buildHash, parseHash, resolveState } from '../../www/url-state.js';
import { TOKEN, tokenize } from '../../www/python-syntax.js';
import {
  failureOf, folderFiles, folderText, loadText, originalFile, prefetchShown, pythonFile, rustCode, rustFile, textOf,
} from '../../www/sources.js';

const LESSONS = [
  { id: 'gather', title: 'Gather', variants: [{ id: 'gather', label: 'g', python: 'print(1)\n' }], params: [] },
  {
    id: 'stress', title: 'Stress', variants: [{ id: 'gather', label: 'g', python: 'print(1)\n' }],
    params: [{ id: 'tasks', default: 200, min: 1, max: 100_000 }, { id: 'seconds', default: 2, min: 1, max: 60 }],
  },
  scriptLesson(),
];

describe('code= in the address', () => {
  test('round-trips any UTF-8 text, with no +, / or = in it', () => {
    for (const text of ['', 'print("çay ve kahve: ğüşıöç İ")\n', '😀 <img src=x onerror=alert(1)>', 'a'.repeat(1000)]) {
      const code = encodeCode(text);
      assert.match(code, /^[A-Za-z0-9_-]*$/);
      assert.deepEqual(decodeCode(code), { text });
    }
  });

  test('a bad value comes back as its reason, never as a throw', () => {
    assert.deepEqual(decodeCode('%%%'), { error: 'base64' });
    assert.deepEqual(decodeCode('abcde'), { error: 'base64' }); // 5 characters hold no whole byte
    assert.deepEqual(decodeCode('_w'), { error: 'utf8' }); // the single byte 0xFF
    assert.deepEqual(decodeCode('A'.repeat(140_000)), { error: 'tooLong' });
    const justOver = encodeCode('x'.repeat(MAX_CODE_BYTES + 1));
    assert.deepEqual(decodeCode(justOver), { error: 'tooLong' });
    assert.deepEqual(decodeCode(encodeCode('x'.repeat(MAX_CODE_BYTES))), { text: 'x'.repeat(MAX_CODE_BYTES) });
  });

  test('resolveState: a code opens the blank lesson in Python, a bad one adds its notice', () => {
    const good = resolveState(parseHash(`#code=${encodeCode('print(2)')}&lang=en`), LESSONS, null, 'en');
    assert.equal(good.lesson, SCRIPT_LESSON);
    assert.equal(good.code, 'print(2)');
    assert.equal(good.engine, 'python');
    assert.deepEqual(good.notices, []);
    const onLesson = resolveState(parseHash(`#lesson=gather&engine=rust&code=${encodeCode('x')}`), LESSONS, null, 'en');
    assert.equal(onLesson.lesson, 'gather');
    assert.equal(onLesson.engine, 'python', 'a program runs as Python');
    const bad = resolveState(parseHash('#code=%%%'), LESSONS, null, 'en');
    assert.equal(bad.code, null);
    assert.deepEqual(bad.notices.map((n) => n.key), ['noticeBadCode_base64']);
    const badEngine = resolveState(parseHash('#lesson=gather&engine=go'), LESSONS, null, 'en');
    assert.equal(badEngine.engine, 'python');
    assert.deepEqual(badEngine.notices.map((n) => n.key), ['noticeBadEngine']);
  });

  test('resolveState: a lesson parameter opens the Rust, which reads it; with the Python it is said', () => {
    const rust = resolveState(parseHash('#lesson=stress&tasks=10000&lang=en'), LESSONS, null, 'en');
    assert.equal(rust.engine, 'rust', 'parameters are the Rust program\'s');
    assert.equal(rust.params.tasks, '10000');
    assert.deepEqual(rust.notices, []);
    const none = resolveState(parseHash('#lesson=stress&lang=en'), LESSONS, null, 'en');
    assert.equal(none.engine, 'python', 'no parameter: the default engine');
    const python = resolveState(parseHash('#lesson=stress&engine=python&seconds=5&tasks=9'), LESSONS, null, 'en');
    assert.equal(python.engine, 'python', 'an engine named in the address wins');
    assert.deepEqual(python.notices, [{ key: 'noticeParamsPython', vars: { keys: 'tasks, seconds' } }]);
    const badEngine = resolveState(parseHash('#lesson=stress&engine=ruby&tasks=9'), LESSONS, null, 'en');
    assert.equal(badEngine.engine, 'rust', 'a bad engine names none');
    assert.deepEqual(badEngine.notices.map((n) => n.key), ['noticeBadEngine']);
    const program = resolveState(parseHash(`#lesson=stress&tasks=9&code=${encodeCode('x')}`), LESSONS, null, 'en');
    assert.equal(program.engine, 'python', 'a program runs as Python');
    assert.deepEqual(program.notices.map((n) => n.key), ['noticeParamsPython']);
  });

  test('buildHash: parameters only with the Rust, which reads them', () => {
    const base = { lesson: 'stress', variant: 'gather', defaultVariant: 'gather', lang: 'en', speed: 1, lessonParams: LESSONS[1].params, params: { tasks: '500', seconds: '2' } };
    assert.equal(buildHash({ ...base, engine: 'rust' }), '#lesson=stress&lang=en&engine=rust&tasks=500');
    assert.equal(buildHash(base), '#lesson=stress&lang=en');
    assert.equal(buildHash({ ...base, paramsRead: true }), '#lesson=stress&lang=en&tasks=500', 'a page with no Python names no engine');
    for (const engine of ['rust', 'python']) {
      const back = resolveState(parseHash(buildHash({ ...base, engine })), LESSONS, null, 'en');
      assert.equal(back.engine, engine, `a ${engine} link opens ${engine}`);
      assert.deepEqual(back.notices, []);
    }
  });

  test('buildHash: engine only when not Python, code only when given', () => {
    const base = { lesson: 'gather', variant: 'gather', defaultVariant: 'gather', lang: 'en', speed: 1 };
    assert.equal(buildHash(base), '#lesson=gather&lang=en');
    assert.equal(buildHash({ ...base, engine: 'rust' }), '#lesson=gather&lang=en&engine=rust');
    assert.equal(buildHash({ ...base, code: 'cHJpbnQ' }), '#lesson=gather&lang=en&code=cHJpbnQ');
  });
});

describe('a lesson’s Python', () => {
  /** Runs `body` with fetch answering from `files` ({url's last part: text}), counting the asks. */
  async function withFetch(files, body) {
    const asked = [];
    const real = globalThis.fetch;
    globalThis.fetch = async (url) => {
      const name = String(url).split('/').pop();
      asked.push(name);
      return name in files ? new Response(files[name]) : new Response('no', { status: 404 });
    };
    try {
      await body(asked);
    } finally {
      globalThis.fetch = real;
    }
  }

  test('the files of each variant in the page’s language, the seed’s own beside its correction, and the Rust', () => {
    assert.equal(pythonFile('gather', 'gather', 'tr'), 'gather.py');
    assert.equal(pythonFile('gather', 'sequential', 'en'), 'gather_sequential.en.py');
    assert.equal(pythonFile('staggered', 'staggered', 'en'), 'staggered_corrected.en.py', 'the correction runs, not the seed’s text');
    assert.equal(originalFile('staggered', 'staggered', 'en'), 'staggered.py');
    assert.equal(originalFile('gather', 'gather', 'en'), null);
    assert.equal(rustFile('gather'), 'gather.rs');
    for (const [lesson, variant] of [['nope', 'gather'], ['gather', 'nope'], [SCRIPT_LESSON, 'main'], ['__proto__', 'x']]) {
      assert.equal(pythonFile(lesson, variant, 'en'), null, `${lesson}/${variant}`);
    }
    const files = folderFiles();
    assert.ok(files.includes('gather.en.py') && files.includes('staggered.py') && files.includes('stress.rs'));
    assert.equal(new Set(files).size, files.length, 'each once');
    const rust = 'async fn a() {}\n\n// ---- catalogue\npub static LESSON: Lesson;\n';
    assert.equal(rustCode(rust), 'async fn a() {}');
    assert.equal(folderText('a.rs', rust), 'async fn a() {}\n', 'dist/ ships the Rust the page shows');
    assert.equal(rustCode(folderText('a.rs', rust)), rustCode(rust));
    assert.equal(folderText('a.py', 'print(1)\n\n'), 'print(1)\n\n', 'and the Python as it is');
  });

  test('the blank lesson’s example is in program.js; a lesson’s file is shown once it is in, fetched once', async () => {
    assert.equal(lessonPython(scriptLesson(), 'main', pick, 'tr'), scriptLesson().variants[0].python.tr);
    const gather = { id: 'gather', variants: [{ id: 'gather' }, { id: 'sequential' }] };
    assert.equal(lessonPython(gather, 'sequential', pick, 'tr'), '', 'not in yet');
    await withFetch({ 'gather_sequential.py': 'print("sırayla")\n' }, async (asked) => {
      const [a, b] = await Promise.all([loadText('gather_sequential.py'), loadText('gather_sequential.py')]);
      assert.equal(a, 'print("sırayla")\n');
      assert.equal(b, a);
      assert.deepEqual(asked, ['gather_sequential.py'], 'one fetch for both');
    });
    assert.equal(lessonPython(gather, 'sequential', pick, 'tr'), 'print("sırayla")\n');
    assert.equal(lessonPython(gather, 'nope', pick, 'en'), '');
  });

  test('a file that cannot be fetched rejects with why, is not kept, and is fetched again when asked again', async () => {
    await withFetch({}, async () => {
      await assert.rejects(loadText('timeouts_race.en.py'), /HTTP 404/);
      assert.match(failureOf('timeouts_race.en.py')?.message ?? '', /HTTP 404/);
      assert.equal(textOf('timeouts_race.en.py'), undefined);
    });
    await withFetch({ 'timeouts_race.en.py': 'race\n' }, async (asked) => {
      assert.equal(await loadText('timeouts_race.en.py'), 'race\n');
      assert.deepEqual(asked, ['timeouts_race.en.py']);
      assert.equal(failureOf('timeouts_race.en.py'), undefined);
    });
  });

  test('the page starts fetching what its address shows first', async () => {
    const cases = [
      ['#lesson=fetch-data&variant=sequential&lang=tr', null, 'en', ['fetch_data_sequential.py']],
      ['#lesson=microtasks&engine=rust', 'tr', 'en-US', ['microtasks.py', 'microtasks.rs']],
      ['', null, 'tr-TR', ['doctor.py']],
      ['#lesson=nope&variant=nope&lang=xx', null, 'de', ['doctor.en.py']],
      ['#lesson=script', null, 'en', []],
      ['#code=cHJpbnQ', null, 'en', []],
    ];
    for (const [hash, stored, nav, want] of cases) {
      await withFetch({}, async (asked) => {
        prefetchShown(hash, stored, nav);
        await new Promise((ok) => setTimeout(ok, 10));
        assert.deepEqual(asked, want, hash);
      });
    }
  });
});

describe('Python colouring', () => {
  const kinds = (src) => tokenize(src).filter((t) => t.type !== TOKEN.PLAIN).map((t) => [t.type, t.text]);

  test('covers the text exactly', () => {
    const src = '@dec\nasync def f(x=0x1F):\n    s = f"a {x!r:>{w}} {{b}}"  # c\n    t = """1\n2"""\n    u = rb\'\\\'\'\n';
    assert.equal(tokenize(src).map((t) => t.text).join(''), src);
  });

  test('keywords, definitions, builtins, constants, numbers, decorators, comments', () => {
    assert.deepEqual(kinds('@app.route\nasync def main(): return print(None, 1.5e3)  # done'), [
      ['decorator', '@app.route'], ['keyword', 'async'], ['keyword', 'def'], ['definition', 'main'],
      ['keyword', 'return'], ['builtin', 'print'], ['constant', 'None'], ['number', '1.5e3'], ['comment', '# done'],
    ]);
  });

  test('strings: prefixes, triple quotes across lines, f-string fields coloured as code', () => {
    assert.deepEqual(kinds('"""a\n# not a comment\n"""'), [['string', '"""a\n# not a comment\n"""']]);
    assert.deepEqual(kinds("b'x' r'\\d'"), [['string', "b'x'"], ['string', "r'\\d'"]]);
    assert.deepEqual(kinds('f"n={len(x)}!"'), [['string', 'f"n={'], ['builtin', 'len'], ['string', '}!"']]);
    assert.deepEqual(kinds('"open\nprint'), [['string', '"open'], ['builtin', 'print']], 'an unclosed string stops at its line');
  });
});
