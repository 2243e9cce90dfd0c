// Page tests of the deployable builds (scripts/dist.mjs): the dist folder served under a
// sub-path, the single file opened from disk, and the dist folder under a strict
// Content-Security-Policy. Also checks that the build refuses what would break a deploy.
// Needs www/pkg (`make test` builds it first); builds dist into a temporary folder itself, so
// it runs the same under `make test`, `make test-e2e` or alone, and never touches dist/.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import {
  READY_TIMEOUT_MS,
  REPO_ROOT,
  launchBrowser,
  openRecordedPage,
  requireBuiltPackage,
  waitForState,
} from './harness.mjs';
import { listFiles } from '../../scripts/site-size.mjs';
import { folderFiles, folderText, rustCode } from '../../www/sources.js';

const DIST_SCRIPT = join(REPO_ROOT, 'scripts', 'dist.mjs');
const SUB_PATH = '/some/sub/path/';
const RUN_TIMEOUT_MS = 20_000; // gather lasts ~1 s; blocking at speed 20 a few s
const TEST_TIMEOUT_MS = 120_000;
const BUILD_TIMEOUT_MS = 60_000;
const SINGLE_FILE = 'loopscope.html';
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');
const WORKER_FAILED = /worker failed|worker hata/i; // the blocking lesson's error line, en and tr
/** The lessons' source texts: files the page fetches when it shows them (www/sources.js). */
const TEXTS = 'crate/lessons/';
const lessonText = (name) => readFile(join(REPO_ROOT, TEXTS, name), 'utf8');
/** What dist/ ships of a lesson file: the Python as it is, the Rust up to its catalogue entry. */
const shippedText = async (name) => folderText(name, await lessonText(name));

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

let tmp;
let dist;
let browser;
const servers = [];

/**
 * Serves `root` on 127.0.0.1 under `prefix` (everything else is 404), with `headers` on every
 * answer. Resolves to { origin, base } where base is the site's URL.
 */
async function serveDir(root, { prefix = '/', headers = {} } = {}) {
  const server = createServer(async (req, res) => {
    let status = 404;
    try {
      const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (req.method === 'GET' && pathname.startsWith(prefix)) {
        let rel = pathname.slice(prefix.length);
        if (rel === '' || rel.endsWith('/')) rel += 'index.html';
        const file = normalize(join(root, rel));
        if (file.startsWith(root + sep) && (await stat(file).catch(() => null))?.isFile()) {
          const body = await readFile(file);
          res.writeHead(200, {
            ...headers,
            'Content-Type': MIME_TYPES[extname(file)] || 'application/octet-stream',
            'Cache-Control': 'no-store',
          });
          res.end(body);
          return;
        }
      }
    } catch {
      status = 400;
    }
    res.writeHead(status, { ...headers, 'Content-Type': 'text/plain' }).end(`${status}\n`);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  servers.push(server);
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, base: `${origin}${prefix}` };
}


/** A recorded page (harness) that also keeps CSP violations and failed responses. */
async function openUrl(url) {
  const recorded = await openRecordedPage(browser);
  const { page } = recorded;
  recorded.failedResponses = [];
  recorded.cspMessages = [];
  page.on('response', (res) => {
    if (res.status() >= 400) recorded.failedResponses.push(`${res.status()} ${res.url()}`);
  });
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) recorded.cspMessages.push(`${msg.type()}: ${msg.text()}`);
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push({
        directive: e.effectiveDirective || e.violatedDirective,
        blocked: e.blockedURI,
        source: `${e.sourceFile || ''}:${e.lineNumber || 0}`,
        sample: e.sample,
      });
    });
  });
  await page.goto(url);
  // index.html's Run button starts enabled, before app.js has even run (the single file takes
  // a while to unpack): ready is Run enabled once the lessons are in the picker.
  await page.waitForFunction(
    () => {
      const run = document.querySelector('#run');
      const lessons = document.querySelector('#lesson');
      return run !== null && !run.disabled && lessons !== null && lessons.options.length > 0 &&
        document.querySelector('#status')?.dataset.state === 'idle';
    },
    null,
    { timeout: READY_TIMEOUT_MS },
  );
  return recorded;
}

/** Clicks Run, waits for the end and returns the console's text (at least one line). */
async function runToEnd(page, what) {
  await page.locator('#run').click();
  await waitForState(page, 'finished', RUN_TIMEOUT_MS);
  const lines = await page.locator('#console .line').count();
  assert.ok(lines >= 1, `${what}: the console has lines, got ${lines}`);
  return page.locator('#console').textContent();
}

function assertNoErrors({ pageErrors, consoleErrors, failedResponses }, what) {
  assert.deepEqual(pageErrors, [], `${what}: the page threw`);
  assert.deepEqual(consoleErrors, [], `${what}: the page logged errors`);
  assert.deepEqual(failedResponses, [], `${what}: some request failed`);
}

before(async () => {
  requireBuiltPackage();
  tmp = await mkdtemp(join(tmpdir(), 'loopscope-dist-'));
  dist = join(tmp, 'dist');
  // The real command line, as `make dist` runs it.
  try {
    await promisify(execFile)(process.execPath, [DIST_SCRIPT, '--out', dist], {
      cwd: REPO_ROOT,
      timeout: BUILD_TIMEOUT_MS,
    });
  } catch (err) {
    throw new Error(`node scripts/dist.mjs failed:\n${err.stderr || err.message}`);
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const server of servers) {
    server.closeAllConnections?.();
    await new Promise((ok) => server.close(() => ok()));
  }
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** What scripts/dist.mjs minifies. */
const MINIFIED = new Set(['.js', '.mjs', '.css']);

describe('the dist build', { timeout: TEST_TIMEOUT_MS }, () => {
  test('ships its scripts bundled and minified and its styles minified: fewer bytes than their sources, no comment left', async () => {
    const files = (await listFiles(dist)).filter((rel) => MINIFIED.has(extname(rel)));
    assert.ok(files.includes('www/app.js') && files.includes('www/style.css'), `minifiable files: ${files.join(', ')}`);
    const sources = (await listFiles(join(REPO_ROOT, 'www'))).filter((rel) => MINIFIED.has(extname(rel))).map((rel) => `www/${rel}`);
    let built = 0;
    let source = 0;
    for (const rel of files) {
      const text = await readFile(join(dist, rel), 'utf8');
      built += text.length;
      assert.ok(!/^\s*\/\//.test(text) && !text.includes('\n//'), `${rel} still has a line comment`);
    }
    for (const rel of sources) source += (await readFile(join(REPO_ROOT, rel), 'utf8')).length;
    assert.ok(built < source * 0.7, `${built} B of scripts and styles built, ${source} B in www/`);
    // The page's forty modules are a handful of files: its module scripts and their chunks.
    const scripts = files.filter((rel) => rel.startsWith('www/') && !rel.startsWith('www/pkg/') && rel.endsWith('.js'));
    assert.ok(scripts.length < 16, `www/ ships ${scripts.length} scripts: ${scripts.join(', ')}`);
    assert.ok(!scripts.includes('www/trace.js') && !scripts.includes('www/timeline.js'), 'a module the entries import is bundled into them');
  });

  test('holds the site and the single file, and nothing of the package that the page does not load', async () => {
    const files = await listFiles(dist);
    for (const want of ['index.html', SINGLE_FILE, 'www/app.js', 'www/style.css', 'www/worker.js',
      'www/pkg/loopscope.js', 'www/pkg/loopscope_bg.wasm']) {
      assert.ok(files.includes(want), `dist has ${want}, got ${JSON.stringify(files)}`);
    }
    const extra = files.filter((f) => /\.d\.ts$|package\.json$|\.md$|\.gitignore$/.test(f));
    assert.deepEqual(extra, [], 'no type declarations, package.json or README in dist');
  });

  test('its wasm names the source files of its panics relative to the project or its crates, never a path of the machine that built it', async () => {
    const wasm = (await readFile(join(dist, 'www/pkg/loopscope_bg.wasm'))).toString('latin1');
    const sources = wasm.match(/[\x21-\x7e]*\.rs\b/g) ?? [];
    assert.ok(sources.some((s) => s.startsWith('crate/')), `the project's own files are named: ${sources.slice(0, 5).join(', ')}`);
    assert.ok(sources.some((s) => /^index\.crates\.io-[^/]+\//.test(s)), `a dependency's files are named from its crate: ${sources.join(', ')}`);
    // The Rust library comes precompiled, its files already named /rustc/<its commit>/library/…
    // and its own dependencies /rust/deps/….
    const absolute = sources.filter((s) => /^[/\\]|^[A-Za-z]:/.test(s) && !/^\/rustc?\/(deps\/|[0-9a-f]{40}\/)/.test(s));
    assert.deepEqual(absolute, [], 'no absolute path of the builder');
    assert.ok(!wasm.includes(homedir()), 'the builder\'s home folder is not named');
  });

  test('holds every lesson text the page may fetch, from crate/lessons/, and nothing else of the crate', async () => {
    const files = await listFiles(dist);
    const texts = files.filter((f) => f.startsWith('crate/'));
    assert.deepEqual(texts, folderFiles().map((f) => `${TEXTS}${f}`).sort(), 'exactly the texts sources.js names');
    assert.ok(texts.includes(`${TEXTS}gather.en.py`) && texts.includes(`${TEXTS}staggered.rs`));
    for (const file of texts) {
      const name = file.slice(TEXTS.length);
      assert.equal(await readFile(join(dist, file), 'utf8'), await shippedText(name), file);
    }
    assert.equal(await readFile(join(dist, TEXTS, 'gather.py'), 'utf8'), await lessonText('gather.py'), 'the Python as it is');
    const rust = await readFile(join(dist, TEXTS, 'gather.rs'), 'utf8');
    assert.ok(rust.includes('async fn') && !rust.includes('pub static LESSON'), 'the Rust without its catalogue entry');
  });

  test('the single file carries every lesson text, in one JSON Blob', async () => {
    const html = await readFile(join(dist, SINGLE_FILE), 'utf8');
    const entries = JSON.parse(/^const ENTRIES = (.*);$/m.exec(html)?.[1] ?? 'null');
    const bundles = (entries ?? []).filter((e) => e.t === 'application/json');
    assert.equal(bundles.length, 1, 'one bundle of texts');
    const texts = JSON.parse(bundles[0].p.join(''));
    assert.deepEqual(Object.keys(texts).sort(), [...folderFiles()].sort());
    for (const [name, text] of Object.entries(texts)) assert.equal(text, await shippedText(name), name);
  });

  test('served under a sub-path: the gather lesson runs to its end, all from that sub-path', async () => {
    const { origin, base } = await serveDir(dist, { prefix: SUB_PATH });
    const recorded = await openUrl(`${base}#lesson=gather&lang=en`);
    const { page, requests } = recorded;
    try {
      await runToEnd(page, 'gather');
      // The worker variant too, so every file of the site gets requested once.
      await page.evaluate(() => { location.hash = '#lesson=blocking&variant=worker&speed=20&lang=en&engine=rust'; });
      await page.waitForFunction(() => document.querySelector('#variant')?.value === 'worker');
      const text = await runToEnd(page, 'blocking/worker');
      assert.doesNotMatch(text, WORKER_FAILED, 'the worker answered');

      // The editor, loaded only when the learner reaches for the code (its modules, once).
      await page.evaluate(() => { location.hash = '#lesson=script&lang=en&mode=virtual'; });
      await page.waitForSelector('#editor textarea', { timeout: RUN_TIMEOUT_MS });
      await runToEnd(page, 'script');

      // The docs example: two embedded lessons and the embed view in an iframe, from dist.
      await page.goto(`${base}docs/example.html`);
      await page.waitForLoadState('networkidle');
      await page.locator('loopscope-lesson').first().locator('button').first().waitFor();

      assertNoErrors(recorded, 'sub-path');
      const outside = requests.filter((url) => !url.startsWith(base) && !url.startsWith('data:'));
      assert.deepEqual(outside, [], `every request stays under ${origin}${SUB_PATH}`);

      // Exactly what the site needs: every file but the single file (and the icon, which
      // a headless browser may not ask for) is loaded by the page or the embed example; the
      // lesson texts are fetched when a lesson shows them (the previous test checks them).
      const loaded = new Set(requests.filter((u) => u.startsWith(base)).map((u) => new URL(u).pathname.slice(SUB_PATH.length)));
      loaded.add('index.html');
      const unused = (await listFiles(dist)).filter((f) => f !== SINGLE_FILE && !/favicon/.test(f) && !f.startsWith(TEXTS) && !loaded.has(f));
      assert.deepEqual(unused, [], 'dist holds no file the page does not load');
      const texts = [...loaded].filter((f) => f.startsWith(TEXTS)).sort();
      assert.deepEqual(texts, [`${TEXTS}blocking.rs`, `${TEXTS}blocking_worker.en.py`, `${TEXTS}gather.en.py`], 'the texts the lessons shown showed, from the sub-path');
    } finally {
      await recorded.context.close();
    }
  });

  test('index.html fetches the wasm and its whole module graph from its head, each once', async () => {
    // The build lists what the page imports statically without preloading it: nothing may be.
    const { buildDist } = await import(pathToFileURL(DIST_SCRIPT).href);
    const { unpreloaded } = await buildDist({ out: join(tmp, 'preloads') });
    assert.deepEqual(unpreloaded['index.html'], [], 'index.html has a <link rel="modulepreload"> for each module app.js imports');
    const html = await readFile(join(dist, 'index.html'), 'utf8');
    assert.match(html, /<link rel="preload" href="www\/pkg\/loopscope_bg\.wasm" as="fetch"[^>]* crossorigin>/, 'the wasm is preloaded');
    // The bundled site's preloads name its chunks, each a file it holds.
    const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
    assert.ok(preloaded.some((href) => /^www\/chunk-/.test(href)), `the chunks are preloaded: ${preloaded.join(', ')}`);
    const files = await listFiles(dist);
    assert.deepEqual(preloaded.filter((href) => !files.includes(href)), [], 'every preload names a file of dist/');

    const { base } = await serveDir(dist);
    const recorded = await openUrl(`${base}index.html#lesson=gather&lang=en`);
    const { page } = recorded;
    try {
      const loads = await page.evaluate(() => performance.getEntriesByType('resource')
        .map((e) => ({ path: new URL(e.name).pathname.slice(1), initiator: e.initiatorType })));
      const count = new Map();
      for (const { path } of loads) count.set(path, (count.get(path) ?? 0) + 1);
      // Served with no-store: a fetch that did not take the preload over would fetch again.
      const twice = [...count].filter(([, n]) => n > 1).map(([path, n]) => `${path} ×${n}`);
      assert.deepEqual(twice.filter((x) => !/favicon/.test(x)), [], 'no file is fetched twice');
      const wasm = loads.find((l) => l.path === 'www/pkg/loopscope_bg.wasm');
      assert.equal(wasm?.initiator, 'link', 'the wasm came from the preload in the head');
      await runToEnd(page, 'gather');
      assertNoErrors(recorded, 'preloaded');
    } finally {
      await recorded.context.close();
    }
  });

  test('the single file, alone in a folder and opened from file://, runs a lesson and the worker variant', async () => {
    const lonely = join(tmp, 'lonely');
    await cp(join(dist, SINGLE_FILE), join(lonely, SINGLE_FILE));
    const fileUrl = pathToFileURL(join(lonely, SINGLE_FILE)).href;

    for (const [hash, what] of [
      ['#lesson=gather&lang=en', 'gather'],
      ['#lesson=blocking&variant=worker&speed=20&lang=en&engine=rust', 'blocking/worker'],
    ]) {
      const recorded = await openUrl(`${fileUrl}${hash}`);
      const { page, requests } = recorded;
      try {
        assert.equal(await page.locator('#lesson').inputValue(), what.split('/')[0], `${what}: the hash chose the lesson`);
        // The lesson's texts, from the file's own Blob of them.
        const [python, rust] = what === 'gather' ? ['gather.en.py', null] : ['blocking_worker.en.py', 'blocking.rs'];
        await page.waitForSelector('#code-python[data-source="in"]', { timeout: READY_TIMEOUT_MS });
        assert.equal(await page.locator('#code-python').textContent(), await lessonText(python), `${what}: its Python`);
        if (rust) {
          await page.waitForSelector('#code-rust[data-source="in"]', { timeout: READY_TIMEOUT_MS });
          assert.equal(await page.locator('#code-rust').textContent(), rustCode(await lessonText(rust)), `${what}: its Rust`);
        }
        const text = await runToEnd(page, what);
        if (what === 'blocking/worker') {
          assert.equal(await page.locator('#variant').inputValue(), 'worker');
          assert.doesNotMatch(text, WORKER_FAILED, 'the worker answered');
        }
        assert.match(await page.evaluate(() => location.hash), /lesson=/, `${what}: hash routing still works`);
        assertNoErrors(recorded, what);
        // Only the file itself from disk; everything else from Blob or data: URLs.
        const fetched = requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'));
        assert.deepEqual(fetched.map((u) => u.split('#')[0]), [fileUrl], `${what}: nothing loaded beside the file`);
      } finally {
        await recorded.context.close();
      }
    }
  });

  test('under a strict Content-Security-Policy the gather lesson and the worker run, with no violation', async () => {
    const { base } = await serveDir(dist, { headers: { 'Content-Security-Policy': CSP } });
    for (const [hash, what] of [
      ['#lesson=gather&lang=en', 'gather'],
      ['#lesson=blocking&variant=worker&speed=20&lang=en&engine=rust', 'blocking/worker'],
    ]) {
      const recorded = await openUrl(`${base}index.html${hash}`);
      const { page } = recorded;
      try {
        const text = await runToEnd(page, what);
        if (what === 'blocking/worker') assert.doesNotMatch(text, WORKER_FAILED, 'the worker answered');
        const violations = await page.evaluate(() => window.__cspViolations);
        assert.deepEqual(
          [...violations, ...recorded.cspMessages],
          [],
          `${what}: the page breaks the CSP (${CSP}). Each entry names the directive and what it ` +
            'blocked (inline = an inline <script>/<style> or a style="" attribute from HTML): ' +
            'fix it in index.html or www/, not in the CSP',
        );
        assertNoErrors(recorded, `${what} under CSP`);
      } finally {
        await recorded.context.close();
      }
    }
  });
});

describe('scripts/dist.mjs refuses what would break a deploy', { timeout: TEST_TIMEOUT_MS }, () => {
  let buildDist;
  let DistError;

  before(async () => {
    ({ buildDist, DistError } = await import(pathToFileURL(DIST_SCRIPT).href));
  });

  /** A copy of the site's sources (what the build reads) with `edit(root)` applied. */
  async function brokenSite(name, edit) {
    const root = join(tmp, 'broken', name);
    for (const rel of ['index.html', 'embed.html', 'docs', 'www', 'crate/lessons']) {
      await cp(join(REPO_ROOT, rel), join(root, rel), { recursive: true });
    }
    await edit(root);
    return root;
  }

  async function replaceIn(file, from, to) {
    const text = await readFile(file, 'utf8');
    assert.ok(text.includes(from), `test setup: ${file} contains ${from}`);
    await writeFile(file, text.replace(from, to));
  }

  const cases = [
    ['the wasm is no longer found through new URL(…, import.meta.url)', async (root) =>
      replaceIn(join(root, 'www/pkg/loopscope.js'), "new URL('loopscope_bg.wasm', import.meta.url)", "'loopscope_bg.wasm'"),
    /loopscope_bg\.wasm/],
    ['import.meta used in a way the single file cannot rewrite', async (root) =>
      replaceIn(join(root, 'www/runtime.js'), "new URL('./worker.js', import.meta.url)", "new URL('./worker.js', import.meta['url'])"),
    /import\.meta/],
    ['a computed dynamic import', async (root) =>
      replaceIn(join(root, 'www/runtime.js'), "import('./pkg/loopscope.js')", "import(['./pkg', 'loopscope.js'].join('/'))"),
    /import\(\) without a string literal/],
    ['a root-relative URL in index.html', async (root) =>
      replaceIn(join(root, 'index.html'), 'href="www/style.css"', 'href="/www/style.css"'),
    /not relative/],
    ['an absolute import in a module', async (root) =>
      replaceIn(join(root, 'www/app.js'), "from './i18n.js'", "from 'https://example.com/i18n.js'"),
    /not relative/],
    ['a module that is missing', async (root) => rm(join(root, 'www/trace.js')),
      /trace\.js, which does not exist/],
    ['a lesson text that is missing', async (root) => rm(join(root, 'crate/lessons/gather.en.py')),
      /crate\/lessons\/gather\.en\.py, which does not exist/],
    ['a preload of a file the page does not load', async (root) =>
      replaceIn(join(root, 'index.html'), '<link rel="modulepreload" href="www/trace.js">', '<link rel="modulepreload" href="www/worker.js">'),
    /fetched for nothing/],
    ['a classic script of the page that loads something', async (root) =>
      replaceIn(join(root, 'www/first-paint.js'), '(() => {', "(() => {\n  fetch('x.json');"),
    /first-paint\.js: a classic script of the page loads something/],
    ['a wasm preload that wasm-bindgen\'s fetch cannot take over', async (root) =>
      replaceIn(join(root, 'index.html'), ' as="fetch" type="application/wasm" crossorigin>', ' as="fetch" type="application/wasm">'),
    /crossorigin/],
  ];

  for (const [name, edit, message] of cases) {
    test(name, async () => {
      const root = await brokenSite(name.replace(/\W+/g, '-'), edit);
      await assert.rejects(buildDist({ root, out: join(root, 'dist') }), (err) => {
        assert.ok(err instanceof DistError, `a DistError, got ${err}`);
        assert.match(err.message, message);
        return true;
      });
    });
  }

  test('the unbroken copy builds', async () => {
    const root = await brokenSite('none', async () => {});
    const result = await buildDist({ root, out: join(root, 'dist') });
    assert.ok(result.files.includes('www/pkg/loopscope_bg.wasm'));
  });
});
