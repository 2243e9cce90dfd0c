// Measures of the built site for the benchmark. As a module, none of them prints anything.
//
//   import { siteTransferSize, measureFirstRun, measureInteractive } from './site-size.mjs';
//
//   await siteTransferSize(distDir)            → number
//     Bytes a static host sends for every file under distDir (e.g. dist/ after
//     `node scripts/dist.mjs`), each gzipped at level 9, summed. dist/ holds the site and
//     dist/loopscope.html (the same site in one file), so to measure only one of them pass
//     { exclude: ['loopscope.html'] } (paths relative to distDir, forward slashes).
//     fileTransferSizes(distDir) gives the per-file { path, bytes, gzipBytes } behind it.
//
//   await measureFirstRun(browser, url)        → { interactive, firstPaint, fcp, loads }
//     The first run's figures over 5 cold loads (each in a fresh browser context, so nothing is
//     cached): interactive, firstPaint and fcp are { median, min, max, samples } in ms from
//     navigation start; loads[i].requests is load i's waterfall ({ path, start, end } in ms,
//     by start). `browser` is a playwright-core Browser (tests/e2e/harness.mjs
//     launchBrowser(), or launchBenchBrowser() below); `url` is the page with its hash, e.g.
//     `${origin}/index.html#lesson=gather` from a static server over dist/ (harness.mjs
//     startStaticServer(distDir)), or the single file's file:// URL. Options:
//     { runs = 5, timeoutMs = 30000 }. Throws if the page never becomes interactive or never
//     paints the lesson's title. A first load ({ warmup = 1 }) is made and not counted: just
//     after launch the browser is still starting (headless Chromium loads its omnibox popup's
//     WebUI, a few hundred requests, in another renderer on the same cores), which a
//     learner's browser did long before; every counted load is as cold as the first.
//   await measureInteractive(browser, url)     → number: measureFirstRun's interactive median
//   FLOOR_PAGE, FLOOR_FILE: the anchor of firstPaint: a page of the lesson's title and a Run
//     button alone, no stylesheet, no script file, no wasm (the bench writes it beside the
//     site as FLOOR_FILE and passes { floorUrl } to measureFirstRun, which then loads it after
//     each counted load of the page, so that machine noise hits both alike: { floor } is its
//     firstPaint). What the page takes beyond it is the page's; the floor itself is the
//     browser's own navigation on this machine.
//
// interactive: what www/app.js shows once the wasm runtime is loaded: it disables #run while
//   loading, then enables it and sets #status data-state="idle" in the same task. The HTML's
//   own button starts enabled and idle, so only an enable after a disable counts.
// firstPaint: the first paint of the lesson's text, the title (#lesson-title), as the
//   browser reports it (Element Timing: the renderTime of the element's first text paint; the
//   measure marks the element with elementtiming before the page's scripts run). Not the
//   first contentful paint (fcp, reported beside it): that is the page's static header.
//
// From the command line: node scripts/site-size.mjs [--runs N] [--waterfall] [--against REV]
//   builds dist/ into a temporary folder (scripts/dist.mjs; run `make build` first), serves it
//   on loopback and prints each cold load's figures, with --waterfall each load's requests;
//   with --against REV the page at that git revision too, loaded in turn with this one.

import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
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
// start) the first time #run is enabled with #status idle after having been disabled, marks
// #lesson-title for Element Timing as soon as it is parsed, and keeps the paint entries.
function watchFirstRun() {
  let sawDisabled = false;
  const check = () => {
    const title = document.getElementById('lesson-title');
    if (title && !title.hasAttribute('elementtiming')) title.setAttribute('elementtiming', 'lesson-title');
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
  const paints = {};
  window.__loopscopePaints = paints;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const name = e.entryType === 'element' ? e.identifier : e.name;
      paints[name] ??= e.entryType === 'element' ? e.renderTime || e.loadTime : e.startTime;
    }
  });
  observer.observe({ type: 'paint', buffered: true });
  observer.observe({ type: 'element', buffered: true });
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** { median, min, max, samples } of a list of numbers. */
export const spread = (samples) => ({ median: median(samples), min: Math.min(...samples), max: Math.max(...samples), samples });

/** One cold load of `url` in a fresh context: { interactive, firstPaint, fcp, requests }. */
export async function measureLoad(browser, url, { timeoutMs = 30_000 } = {}) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(watchFirstRun);
    await page.goto(url);
    await page.waitForFunction(
      () => window.__loopscopeInteractiveAt !== undefined && window.__loopscopePaints['lesson-title'] !== undefined,
      null,
      { timeout: timeoutMs, polling: 50 },
    );
    return await page.evaluate(() => ({
      interactive: window.__loopscopeInteractiveAt,
      firstPaint: window.__loopscopePaints['lesson-title'],
      fcp: window.__loopscopePaints['first-contentful-paint'] ?? NaN,
      requests: performance.getEntriesByType('resource')
        .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd }))
        .sort((a, b) => a.start - b.start),
    }));
  } finally {
    await context.close();
  }
}

/** The figures of a list of loads (measureLoad): { interactive, firstPaint, fcp, loads }. */
export function summarize(loads) {
  const of = (key) => spread(loads.map((l) => l[key]));
  return { interactive: of('interactive'), firstPaint: of('firstPaint'), fcp: of('fcp'), loads };
}

/** The first run's figures over `runs` cold loads of `url` (see the top of this file). */
export async function measureFirstRun(browser, url, { runs = 5, warmup = 1, timeoutMs = 30_000, floorUrl = null } = {}) {
  const loads = [];
  const floors = [];
  for (let i = 0; i < warmup + runs; i += 1) {
    const load = await measureLoad(browser, url, { timeoutMs });
    if (i < warmup) continue;
    loads.push(load);
    if (floorUrl) floors.push((await measureLoad(browser, floorUrl, { timeoutMs })).firstPaint);
  }
  const figures = summarize(loads);
  return floorUrl ? { ...figures, floor: spread(floors) } : figures;
}

/** The file name the bench gives FLOOR_PAGE beside the site it measures. */
export const FLOOR_FILE = 'first-paint-floor.html';

/**
 * The anchor of firstPaint (see the top of this file): the lesson's title, marked for Element
 * Timing as the page's is, and a Run button enabled in the next frame, as the page enables its
 * own once loaded (measureLoad waits for both).
 */
export const FLOOR_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Loopscope</title></head>
<body><h2 id="lesson-title">Two tasks at once</h2><p id="status" data-state="loading"></p><button id="run" disabled>Run</button>
<script>requestAnimationFrame(() => { document.getElementById('run').disabled = false; document.getElementById('status').dataset.state = 'idle'; });</script>
</body></html>
`;

/** ms from navigation start until the lesson is interactive: median of `runs` cold loads. */
export async function measureInteractive(browser, url, options = {}) {
  return (await measureFirstRun(browser, url, options)).interactive.median;
}

// ---------- command line ----------

// The page's own files, as --against takes them from another revision (the wasm package is
// built, not committed: both sides load the same www/pkg), with the lessons' source texts the
// page fetches (crate/lessons/).
const PAGE_FILES = ['index.html', 'embed.html', 'docs', 'www', 'scripts', 'crate/lessons'];

/** A folder holding the page's files at git revision `rev`, with this checkout's www/pkg. */
async function checkoutPage(repoDir, rev, into) {
  const { execFileSync } = await import('node:child_process');
  const { cp, mkdir, symlink } = await import('node:fs/promises');
  await mkdir(into, { recursive: true });
  const tar = execFileSync('git', ['-C', repoDir, 'archive', '--format=tar', rev, '--', ...PAGE_FILES], { maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', into], { input: tar });
  await cp(join(repoDir, 'www', 'pkg'), join(into, 'www', 'pkg'), { recursive: true });
  // Its dist build minifies with this checkout's esbuild (tests/e2e's npm packages).
  await mkdir(join(into, 'tests', 'e2e'), { recursive: true });
  await symlink(join(repoDir, 'tests', 'e2e', 'node_modules'), join(into, 'tests', 'e2e', 'node_modules'));
  await cp(join(repoDir, 'tests', 'e2e', 'package.json'), join(into, 'tests', 'e2e', 'package.json'));
}

async function main(args) {
  let runs = 5;
  let waterfall = false;
  let against = null;
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--waterfall') waterfall = true;
    else if (args[i] === '--runs' && /^[1-9][0-9]?$/.test(args[i + 1] ?? '')) runs = Number(args[(i += 1)]);
    else if (args[i] === '--against' && args[i + 1]) against = args[(i += 1)];
    else {
      console.error('usage: node scripts/site-size.mjs [--runs N] [--waterfall] [--against REV]\n' +
        '  N cold loads (1–99, default 5) after one uncounted; run `make build` first.\n' +
        '  --against REV: the page at git revision REV (its index.html, embed.html, docs/, www/,\n' +
        '  scripts/ and crate/lessons/, with this checkout\'s www/pkg) loaded in turn with this one,\n' +
        '  load for load, so that a busy machine slows both alike.');
      process.exit(2);
    }
  }
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const repoDir = resolve(new URL('..', import.meta.url).pathname);
  const harness = await import(pathToFileURL(join(repoDir, 'tests', 'e2e', 'harness.mjs')).href);
  const tmp = await mkdtemp(join(tmpdir(), 'loopscope-site-'));
  const sites = [{ label: 'this checkout', root: repoDir }];
  if (against) {
    sites.unshift({ label: against, root: join(tmp, 'against') });
    await checkoutPage(repoDir, against, sites[0].root);
  }
  let browser;
  try {
    for (const [i, site] of sites.entries()) {
      const { buildDist, SINGLE_FILE } = await import(pathToFileURL(join(site.root, 'scripts', 'dist.mjs')).href);
      site.out = join(tmp, `dist-${i}`);
      await buildDist({ root: site.root, out: site.out });
      site.gz = await siteTransferSize(site.out, { exclude: [SINGLE_FILE] });
      site.server = await harness.startStaticServer(site.out);
      site.loads = [];
    }
    browser = await harness.launchBrowser();
    const url = (site) => `${site.server.origin}/index.html#lesson=gather`;
    for (const site of sites) await measureLoad(browser, url(site)); // uncounted: the browser is still starting
    for (let i = 0; i < runs; i += 1) {
      for (const site of sites) site.loads.push(await measureLoad(browser, url(site)));
    }
    const ms = (x) => x.toFixed(0).padStart(5);
    for (const site of sites) {
      console.log(`${site.label}: site gzipped (without the single file) ${site.gz} B`);
      site.loads.forEach((load, i) => {
        console.log(`  load ${i + 1}: fcp ${ms(load.fcp)}  first_paint ${ms(load.firstPaint)}  interactive ${ms(load.interactive)} ms`);
        if (!waterfall) return;
        for (const r of load.requests) console.log(`    ${ms(r.start)} ${ms(r.end)}  ${r.path}`);
      });
    }
    const f = (x) => `${x.median.toFixed(0)} ms (${x.min.toFixed(0)}–${x.max.toFixed(0)})`;
    console.log(`median of ${runs} cold loads${sites.length > 1 ? ', taken in turn' : ''} (min–max):`);
    for (const site of sites) {
      const r = summarize(site.loads);
      console.log(`  ${site.label}: interactive ${f(r.interactive)}, first_paint ${f(r.firstPaint)}, fcp ${f(r.fcp)}`);
    }
  } finally {
    await browser?.close();
    for (const site of sites) await site.server?.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main(process.argv.slice(2));
}
