#!/usr/bin/env node
// `make bench`: measures the Loopscope runtime against wasm_bindgen_futures::spawn_local and
// plain JavaScript `await`, in headless Chromium, and the gzipped size of the site's wasm.
//
//   node scripts/bench.mjs        (no arguments; run `make setup` first)
//
// 1. Builds the bench package (`--features bench`) into target/bench-pkg/, and the site's
//    package into www/pkg/ (the size it reports is that of the site's wasm).
// 2. Serves the repo root on 127.0.0.1 and opens tests/bench/bench.html in headless Chromium
//    (the static server and browser launch of tests/e2e/harness.mjs). In one page session, for
//    each workload (N tasks × M yields): one warm-up round, then ROUNDS measured rounds, each
//    round running the four variants in turn (traced, untraced, spawn_local, js_await) so
//    machine noise hits them alike. Each figure is the median of its rounds, in ns per poll
//    (elapsed / (N × (M + 1))).
// 3. Prints a table, the ratios against the targets, the gzipped wasm size, and finally one
//    machine-readable line per figure: `bench <name> <value> <unit>`.
//
// Exits non-zero when a build fails, the page throws or logs an error, or a figure is not a
// finite positive number. Missing a target is reported, not an error.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync, constants as zlib } from 'node:zlib';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

const WORKLOADS = [
  { tasks: 1_000, yields: 1_000 },
  { tasks: 100_000, yields: 10 },
];
const VARIANTS = ['traced', 'untraced', 'spawn_local', 'js_await'];
const WARMUP_ROUNDS = 1;
const ROUNDS = 5;
const MEASURE_TIMEOUT_MS = 30_000;

const TARGET_TRACED_VS_SPAWN_LOCAL = 1.5; // traced / spawn_local must be at most this
const TARGET_TRACED_VS_JS_AWAIT = 1.0; // traced / js_await must be below this (traced faster)
const TARGET_WASM_GZ_BYTES = 150 * 1024; // 150 KiB

const SITE_WASM = join(REPO_ROOT, 'www', 'pkg', 'loopscope_bg.wasm');
const BENCH_PKG_JS = join(REPO_ROOT, 'target', 'bench-pkg', 'loopscope.js');

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

const log = (message) => console.error(`bench: ${message}`);

/** Runs wasm-pack from the repo root with ~/.cargo/bin on PATH; its output goes to stderr. */
function wasmPackBuild(outDir, extraCargoArgs) {
  const cargoBin = join(process.env.CARGO_HOME || join(process.env.HOME || '', '.cargo'), 'bin');
  const args = ['build', '--release', '--target', 'web', '--out-dir', outDir, '--out-name', 'loopscope'];
  // wasm-pack 0.15 has no --features flag of its own: cargo options go after `--`.
  if (extraCargoArgs.length) args.push('--', ...extraCargoArgs);
  log(`wasm-pack ${args.join(' ')}`);
  const result = spawnSync('wasm-pack', args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 2, 2],
    env: { ...process.env, PATH: `${cargoBin}:${process.env.PATH || ''}` },
  });
  if (result.error) fail(`could not run wasm-pack (${result.error.message}); run \`make setup\``);
  if (result.status !== 0) fail(`wasm-pack build into ${outDir} failed (exit ${result.status})`);
}

async function loadHarness() {
  const harness = join(REPO_ROOT, 'tests', 'e2e', 'harness.mjs');
  if (!existsSync(harness)) fail(`${harness} is missing (it provides the static server and browser launch)`);
  try {
    return await import(pathToFileURL(harness).href);
  } catch (err) {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && /playwright-core/.test(String(err.message))) {
      fail('playwright-core is not installed in tests/e2e/node_modules: run `make setup` (npm ci in tests/e2e)');
    }
    throw err;
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const geomean = (xs) => Math.exp(xs.reduce((sum, x) => sum + Math.log(x), 0) / xs.length);
const workloadName = ({ tasks, yields }) => `${tasks}x${yields}`;
const workloadLabel = ({ tasks, yields }) => `${tasks.toLocaleString('en')} × ${yields.toLocaleString('en')}`;
const fmtNs = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function measureAll(harness) {
  const server = await harness.startStaticServer(REPO_ROOT);
  let browser;
  try {
    browser = await harness.launchBrowser();
    const { page, pageErrors, consoleErrors } = await harness.openRecordedPage(browser);
    // A wasm trap inside a microtask leaves the awaited promise pending forever: race every
    // evaluate against the first page error so it fails at once instead of timing out.
    let rejectOnPageError;
    const pageErrorSeen = new Promise((_, reject) => (rejectOnPageError = reject));
    pageErrorSeen.catch(() => {});
    page.on('pageerror', (err) => rejectOnPageError(new Error(`the page threw: ${err && err.stack ? err.stack : err}`)));
    page.on('console', (msg) => {
      if (msg.type() === 'error') rejectOnPageError(new Error(`the page logged an error: ${msg.text()}`));
    });
    const inPage = (what, fn, arg) =>
      withTimeout(Promise.race([page.evaluate(fn, arg), pageErrorSeen]), MEASURE_TIMEOUT_MS, what);

    const url = `${server.origin}/tests/bench/bench.html`;
    const response = await page.goto(url);
    if (!response || !response.ok()) throw new Error(`${url}: HTTP ${response && response.status()}`);
    await withTimeout(
      Promise.race([page.waitForFunction(() => window.loopscopeBench !== undefined), pageErrorSeen]),
      MEASURE_TIMEOUT_MS,
      'loading tests/bench/bench.js',
    ).catch((err) => {
      const extra = [...pageErrors, ...consoleErrors].join('\n  ');
      throw new Error(`${err.message}${extra ? `\n  ${extra}` : ''}`);
    });
    await inPage('instantiating the bench wasm', () => window.loopscopeBench.ready);

    const samples = {}; // name -> [ns per poll, ...]
    for (const workload of WORKLOADS) {
      const wname = workloadName(workload);
      for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
        const warmup = round < WARMUP_ROUNDS;
        for (const variant of VARIANTS) {
          const name = `${variant}_${wname}`;
          const what = `${name} (${warmup ? 'warm-up' : `round ${round - WARMUP_ROUNDS + 1}`})`;
          const ns = await inPage(
            what,
            ([v, n, m]) => window.loopscopeBench.measure(v, n, m),
            [variant, workload.tasks, workload.yields],
          );
          if (typeof ns !== 'number' || !Number.isFinite(ns) || ns <= 0) {
            throw new Error(`${what} gave ${JSON.stringify(ns)}, not a finite positive number of ns per poll`);
          }
          if (!warmup) (samples[name] ||= []).push(ns);
        }
      }
      log(`${wname} done`);
    }
    return samples;
  } finally {
    await browser?.close().catch(() => {});
    await server.close();
  }
}

async function main() {
  const started = Date.now();

  wasmPackBuild('target/bench-pkg', ['--features', 'bench']);
  if (!existsSync(BENCH_PKG_JS)) fail(`${BENCH_PKG_JS} is missing after the build`);
  // Always rebuilt (quick when nothing changed): a stale package would report a stale size.
  wasmPackBuild('www/pkg', []);
  if (!existsSync(SITE_WASM)) fail(`${SITE_WASM} is missing after the build`);

  const harness = await loadHarness();
  let samples;
  try {
    samples = await measureAll(harness);
  } catch (err) {
    fail(err && err.message ? err.message : String(err));
  }

  const wasmBytes = readFileSync(SITE_WASM);
  const wasmGz = gzipSync(wasmBytes, { level: zlib.Z_BEST_COMPRESSION }).length;

  // Figures.
  const figures = []; // { name, workload, variant, median, min, max }
  for (const workload of WORKLOADS) {
    for (const variant of VARIANTS) {
      const name = `${variant}_${workloadName(workload)}`;
      const xs = samples[name];
      if (!xs || xs.length !== ROUNDS) fail(`${name}: expected ${ROUNDS} samples, got ${xs ? xs.length : 0}`);
      figures.push({ name, workload, variant, median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
    }
  }
  for (const f of figures) {
    if (!Number.isFinite(f.median) || f.median <= 0) fail(`${f.name}: median ${f.median} is not a finite positive number`);
  }
  const fig = (variant, workload) => figures.find((f) => f.variant === variant && f.workload === workload).median;

  // Table.
  const out = [];
  out.push('');
  out.push(`Loopscope benchmark — headless Chromium, median of ${ROUNDS} rounds after ${WARMUP_ROUNDS} warm-up, ns per poll`);
  out.push('');
  const header = ['figure', 'workload (tasks × yields)', 'median ns/poll', 'min–max'];
  const rows = figures.map((f) => [f.variant, workloadLabel(f.workload), fmtNs(f.median), `${fmtNs(f.min)}–${fmtNs(f.max)}`]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  out.push(line(header));
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) out.push(line(r));
  out.push('');

  // Ratios.
  const vsSpawn = WORKLOADS.map((w) => fig('traced', w) / fig('spawn_local', w));
  const vsJs = WORKLOADS.map((w) => fig('traced', w) / fig('js_await', w));
  const vsUntraced = WORKLOADS.map((w) => fig('traced', w) / fig('untraced', w));
  out.push('ratios (median / median)       ' + WORKLOADS.map((w) => workloadLabel(w).padStart(16)).join('') + '   geomean');
  const ratioLine = (label, xs) =>
    `${label.padEnd(31)}${xs.map((x) => x.toFixed(2).padStart(16)).join('')}${geomean(xs).toFixed(2).padStart(10)}`;
  out.push(ratioLine('traced / spawn_local', vsSpawn));
  out.push(ratioLine('traced / js_await', vsJs));
  out.push(ratioLine('traced / untraced', vsUntraced));
  out.push('');

  const gmSpawn = Number(geomean(vsSpawn).toFixed(2));
  const gmJs = Number(geomean(vsJs).toFixed(2));
  const verdict = (ok) => (ok ? 'MET' : 'MISSED');
  out.push('targets');
  out.push(
    `  traced / spawn_local <= ${TARGET_TRACED_VS_SPAWN_LOCAL.toFixed(2)}   geomean ${gmSpawn.toFixed(2)}  ` +
      `[${verdict(gmSpawn <= TARGET_TRACED_VS_SPAWN_LOCAL)}; per workload: ` +
      vsSpawn.map((x, i) => `${workloadName(WORKLOADS[i])} ${verdict(x <= TARGET_TRACED_VS_SPAWN_LOCAL)}`).join(', ') +
      ']',
  );
  out.push(
    `  traced / js_await    <  ${TARGET_TRACED_VS_JS_AWAIT.toFixed(2)}   geomean ${gmJs.toFixed(2)}  ` +
      `[${verdict(gmJs < TARGET_TRACED_VS_JS_AWAIT)}; per workload: ` +
      vsJs.map((x, i) => `${workloadName(WORKLOADS[i])} ${verdict(x < TARGET_TRACED_VS_JS_AWAIT)}`).join(', ') +
      ']',
  );
  out.push(
    `  www/pkg/loopscope_bg.wasm gzipped (level 9) <= ${TARGET_WASM_GZ_BYTES} B (150 KiB = 150 × 1024 B)   ` +
      `${wasmGz} B = ${(wasmGz / 1024).toFixed(1)} KiB (raw ${wasmBytes.length} B)  [${verdict(wasmGz <= TARGET_WASM_GZ_BYTES)}]`,
  );
  out.push('');
  out.push(`total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  out.push('');

  // Machine-readable lines, last.
  for (const f of figures) out.push(`bench ${f.name} ${f.median.toFixed(1)} ns`);
  out.push(`bench traced/spawn_local ${gmSpawn.toFixed(2)} x`);
  out.push(`bench traced/js_await ${gmJs.toFixed(2)} x`);
  out.push(`bench wasm_gz ${wasmGz} B`);
  console.log(out.join('\n'));
}

main().catch((err) => fail(err && err.stack ? err.stack : String(err)));
