// Shared harness of the page tests: a static file server over the repo root, Debian's
// Chromium driven by playwright-core, and a page that records everything a test checks
// afterwards (page errors, console errors, every request).
//
// The tests build nothing: `make test` builds www/pkg first. `requireBuiltPackage()`
// fails with a clear message when that build is missing.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

/** The repository root (this file is tests/e2e/harness.mjs). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** What the server serves: the repo root, or LOOPSCOPE_SITE_ROOT (to try the harness on a stub site). */
export const SITE_ROOT = process.env.LOOPSCOPE_SITE_ROOT
  ? resolve(process.env.LOOPSCOPE_SITE_ROOT)
  : REPO_ROOT;

/** Debian's Chromium; playwright-core never downloads a browser of its own here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox', // root in CI: Chromium refuses to start sandboxed as root
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Throws a readable error when the wasm package has not been built. */
export function requireBuiltPackage() {
  const entry = join(SITE_ROOT, 'www', 'pkg', 'loopscope.js');
  if (!existsSync(entry)) {
    throw new Error(
      `${entry} is missing: the page tests need the built wasm package. ` +
        'Run `make build` (or `make test`, which builds it) first.',
    );
  }
}

/**
 * Serves `root` on 127.0.0.1 at a free port. Resolves to { origin, close() }.
 * GET and HEAD only; paths outside root and missing files are 404.
 */
export async function startStaticServer(root = SITE_ROOT) {
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      let pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (pathname.endsWith('/')) pathname += 'index.html';
      const file = normalize(join(root, pathname));
      if (file !== root && !file.startsWith(root + sep)) throw notFound();
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) throw notFound();
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': MIME_TYPES[extname(file).toLowerCase()] || 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      // A malformed %-escape is the client's fault; anything else unexpected is ours.
      const status = err.status || (err instanceof URIError ? 400 : 500);
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${status}\n`);
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

function notFound() {
  return Object.assign(new Error('not found'), { status: 404 });
}

/** Launches Debian's Chromium headless through playwright-core. */
export function launchBrowser() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: run scripts/setup.sh (apt-get install chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Opens a fresh page (own context) that records page errors, console errors and the URL of
 * every request it makes. Returns { page, pageErrors, consoleErrors, requests }.
 */
export async function openRecordedPage(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors = [];
  const consoleErrors = [];
  const requests = [];
  page.on('pageerror', (err) => pageErrors.push(String(err && err.stack ? err.stack : err)));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // For "Failed to load resource" the location is the resource that failed.
    const where = msg.location()?.url;
    consoleErrors.push(where ? `${msg.text()} (${where})` : msg.text());
  });
  page.on('request', (req) => requests.push(req.url()));
  return { page, context, pageErrors, consoleErrors, requests };
}

/**
 * The request URLs that left `origin`. data: URLs are not network requests and are
 * allowed; a blob: URL counts by the origin it was created in.
 */
export function foreignRequests(requests, origin) {
  return requests.filter((url) => {
    if (url.startsWith('data:')) return false;
    try {
      return new URL(url).origin !== origin;
    } catch {
      return true;
    }
  });
}

/** Asserts a page threw nothing, logged no error and fetched nothing outside `origin`. */
export function assertCleanPage({ pageErrors, consoleErrors, requests }, origin, what) {
  assert.deepEqual(foreignRequests(requests, origin), [], `${what}: the page fetched from another origin`);
  assert.deepEqual(pageErrors, [], `${what}: the page threw`);
  assert.deepEqual(consoleErrors, [], `${what}: the page logged errors`);
}

/** Records and dismisses any alert/confirm/prompt: a value from a user must never become script. */
export function failOnDialog(page, dialogs) {
  page.on('dialog', async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss().catch(() => {});
  });
}

/**
 * Counts the pixels of a canvas that differ from its most common colour (the background).
 * Works for 2D and WebGL canvases: the canvas is first copied onto a scratch 2D canvas.
 */
export function countInkPixels(page, selector) {
  return page.evaluate((sel) => {
    const source = document.querySelector(sel);
    if (!source) throw new Error(`no element ${sel}`);
    const { width, height } = source;
    if (!width || !height) return { width, height, ink: 0, total: 0 };
    const scratch = document.createElement('canvas');
    scratch.width = width;
    scratch.height = height;
    const ctx = scratch.getContext('2d');
    ctx.drawImage(source, 0, 0);
    const data = ctx.getImageData(0, 0, width, height).data;
    const counts = new Map();
    for (let i = 0; i < data.length; i += 4) {
      const rgba = ((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]) >>> 0;
      counts.set(rgba, (counts.get(rgba) || 0) + 1);
    }
    let background = 0;
    for (const n of counts.values()) background = Math.max(background, n);
    const total = width * height;
    return { width, height, ink: total - background, total, colours: counts.size };
  }, selector);
}

/** ms the page may take to compile the wasm package and enable Run on a slow CI machine. */
export const READY_TIMEOUT_MS = 20_000;

/**
 * Opens a recorded page (openRecordedPage) at `${origin}/index.html${hash}` and waits until
 * the runtime is loaded (the Run button is enabled) and the lesson's code is in (a file the
 * page fetches: www/sources.js), or has failed to come.
 */
export async function openPage(browser, origin, hash) {
  const recorded = await openRecordedPage(browser);
  await recorded.page.goto(`${origin}/index.html${hash}`);
  await recorded.page.waitForFunction(
    () => {
      const run = document.querySelector('#run');
      return run !== null && !run.disabled && document.querySelector('#code-python')?.dataset.source !== 'loading';
    },
    null,
    { timeout: READY_TIMEOUT_MS },
  );
  return recorded;
}

/**
 * The site served and one browser, shared by every test of the calling file: registers the
 * file's `before` (checks the built package, starts both) and `after` (closes both). Returns
 * { browser, origin, open(hash) }, filled in once `before` has run; `open` is openPage on it.
 */
export function useSite() {
  let server;
  const site = {
    browser: undefined,
    get origin() {
      return server.origin;
    },
    open: (hash) => openPage(site.browser, server.origin, hash),
  };
  before(async () => {
    requireBuiltPackage();
    server = await startStaticServer();
    site.browser = await launchBrowser();
  });
  after(async () => {
    await site.browser?.close();
    await server?.close();
  });
  return site;
}

/** Waits until #status has data-state="<state>". */
export function waitForState(page, state, timeout) {
  return page.waitForSelector(`#status[data-state="${state}"]`, { state: 'attached', timeout });
}
