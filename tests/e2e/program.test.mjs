// Pure tests (Node, no browser) of the learner's program in the address (program.js: base64url
// of UTF-8, its limits and its bad values), of a lesson's Python in the page's language
// (program.js), of the address keys of script mode (url-state.js) and of the Python colouring
// (python-syntax.js).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CODE_BYTES, SCRIPT_LESSON, decodeCode, encodeCode, lessonPython, scriptLesson } from '../../www/program.js';
import { pick } from '../../www/i18n.js';
import { buildHash, parseHash, resolveState } from '../../www/url-state.js';
import { TOKEN, tokenize } from '../../www/python-syntax.js';

const LESSONS = [
  { id: 'gather', title: 'Gather', variants: [{ id: 'gather', label: 'g', python: 'print(1)\n' }], params: [] },
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

  test('buildHash: engine only when not Python, code only when given', () => {
    const base = { lesson: 'gather', variant: 'gather', defaultVariant: 'gather', lang: 'en', speed: 1 };
    assert.equal(buildHash(base), '#lesson=gather&lang=en');
    assert.equal(buildHash({ ...base, engine: 'rust' }), '#lesson=gather&lang=en&engine=rust');
    assert.equal(buildHash({ ...base, code: 'cHJpbnQ' }), '#lesson=gather&lang=en&code=cHJpbnQ');
  });
});

describe('a lesson’s Python', () => {
  test('in the page’s language: a variant’s {tr, en}, its correction’s, or one string for both', () => {
    const lesson = {
      id: 'l',
      variants: [
        { id: 'both', python: { tr: 'print("merhaba")\n', en: 'print("hello")\n' } },
        { id: 'seed', python: 'seed text\n', corrected: { python: { tr: 'düzeltilmiş\n', en: 'corrected\n' }, what: { tr: 'x', en: 'x' } } },
        { id: 'one', python: 'print(1)\n' },
      ],
    };
    assert.equal(lessonPython(lesson, 'both', pick, 'en'), 'print("hello")\n');
    assert.equal(lessonPython(lesson, 'both', pick, 'tr'), 'print("merhaba")\n');
    assert.equal(lessonPython(lesson, 'seed', pick, 'en'), 'corrected\n', 'the correction runs, not the seed’s text');
    assert.equal(lessonPython(lesson, 'seed', pick, 'tr'), 'düzeltilmiş\n');
    for (const lang of ['en', 'tr']) assert.equal(lessonPython(lesson, 'one', pick, lang), 'print(1)\n');
    assert.equal(lessonPython(lesson, 'nope', pick, 'en'), '');
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
