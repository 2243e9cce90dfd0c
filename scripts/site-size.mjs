// Two measures of the built site for the benchmark. Neither prints anything.
//
//   import { siteTransferSize, measureInteractive } from './site-size.mjs';
//
//   await siteTransferSize(distDir)            → number
//     Bytes a static host sends for every file under distDir (e.g. dist/ after
//     `node scripts/dist.mjs`), each gzipped at level 9, summed. dist/ holds the site and
//     dist/loopscope.html (the same site in one file), so to measure only one of them pass
//     { exclude: ['loopscope.html'] } (paths relative to distDir, forward slashes).
//     fileTransferSizes(distDir) gives the per-file { path, bytes, gzipBytes } behind it.
//
//   await measureInteractive(browser, url)     → number
//     ms from navigation start until the lesson is interactive, median of 5 cold loads (each in
//     a fresh browser context, so nothing is cached). `browser` is a playwright-core Browser
//     (tests/e2e/harness.mjs launchBrowser()); `url` is the page with its hash, e.g.
//     `${origin}/index.html#lesson=gather` from a static server over dist/ (harness.mjs
//     startStaticServer(distDir)), or the single file's file:// URL. Options:
//     { runs = 5, timeoutMs = 30000 }. Throws if the page never becomes interactive.
//
// "Interactive" is what www/app.js shows once the wasm runtime is loaded: it disables #run
// while loading, then enables it and sets #status data-state="idle" in the same task. The
// HTML's own button starts enabled and idle, so only an enable after a disable counts.

import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

/** Every file under `dir`, as paths relative to it with forward slashes, sorted. */
export async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)).split(sep).join('/'))
    .sort();
}

/** [{ path, bytes, gzipBytes }] for every file under distDir (gzip level 9). */
export async function fileTransferSizes(distDir, { exclude = [] } = {}) {
  const skip = new Set(exclude);
  const sizes = [];
  for (const path of await listFiles(distDir)) {
    if (skip.has(path)) continue;
    const body = await readFile(join(distDir, path));
    const gzipBytes = gzipSync(body, { level: constants.Z_BEST_COMPRESSION }).length;
    sizes.push({ path, bytes: body.length, gzipBytes });
  }
  return sizes;
}

/** Gzipped bytes (level 9) of every file under distDir, summed. */
export async function siteTransferSize(distDir, options = {}) {
  let total = 0;
  for (const { gzipBytes } of await fileTransferSizes(distDir, options)) total += gzipBytes;
  return total;
}

// Runs in the page before its own scripts: notes performance.now() (ms since navigation
// start) the first time #run is enabled with #status idle after having been disabled.
function watchReadiness() {
  let sawDisabled = false;
  const check = () => {
    if (window.__loopscopeInteractiveAt !== undefined) return;
    const run = document.getElementById('run');
    const status = document.getElementById('status');
    if (!run || !status) return;
    if (run.disabled) sawDisabled = true;
    else if (sawDisabled && status.dataset.state === 'idle') window.__loopscopeInteractiveAt = performance.now();
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'data-state'],
  });
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** ms from navigation start until the lesson is interactive: median of `runs` cold loads. */
export async function measureInteractive(browser, url, { runs = 5, timeoutMs = 30_000 } = {}) {
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.addInitScript(watchReadiness);
      await page.goto(url);
      const handle = await page.waitForFunction(() => window.__loopscopeInteractiveAt, null, {
        timeout: timeoutMs,
        polling: 50,
      });
      samples.push(await handle.jsonValue());
    } finally {
      await context.close();
    }
  }
  return median(samples);
}
