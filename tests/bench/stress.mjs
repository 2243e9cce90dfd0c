// The stress phase of `make bench` (scripts/bench.mjs calls measureStress): the page itself,
// index.html, drawing a live run of the `stress` lesson with 10,000 tasks, timed by its frames.
//
// 1. Opens index.html#lesson=stress&tasks=10000&… (the page reads lesson parameters from the
//    address) and waits until Run is enabled.
// 2. Idle baseline: requestAnimationFrame deltas for IDLE_MS on the loaded, idle page. They
//    anchor the figure (a headless browser that does not draw at ~60 Hz shows up here).
// 3. Heap before the run: JS heap after a forced garbage collection, through the browser's
//    debugging protocol.
// 4. Clicks Run and records, once per animation frame, the frame's timestamp and the trace
//    head (records the runtime has written), read through the page's own wasm instance: the
//    module the page imported is imported again by its URL, so it is the same instance.
//    Right after the click the page is scrolled so the timeline's canvas starts at the top of
//    the viewport, as a learner watching the run would have it: the page paints only what is
//    on screen, so a timeline left below the fold would not be measured at all.
// 5. Halfway to STRESS_EVENTS records, and again when the run has ended, collects garbage
//    and reads the heap: if the page's model is bounded, the second is about the first,
//    whatever the number of records. Frames that overlap a forced collection are left out.
// 6. The measured window: from WARMUP_MS after the click until the run ends (the status
//    leaves "running"), or RUN_TIMEOUT_MS at most: a page too slow to let the run end is
//    reported with what it managed, not failed. Returns the frame figures of the window and
//    what was read on the way.
// measureStressRuntime runs the same lesson in tests/bench/bench.html (no page drawing it)
// for the anchor: what the runtime alone leaves of each frame.

export const STRESS_TASKS = 10_000;
/** Records the trace must hold during the window; fewer is reported as missing the target. */
export const STRESS_EVENTS = 1_000_000;
/**
 * The run: 10,000 tasks, each sleeping 1..1000 ms (seeded), then yielding 3 times, until its
 * sleeps fill `seconds` of lesson time. About 2 rounds per task per second and some 14
 * records per round: roughly 280,000 records per second for the page to fold and draw, about
 * 2 million by the end of the run (1,000,000 after some 3.5 s when the page keeps up).
 */
export const STRESS_PARAMS = { tasks: STRESS_TASKS, seconds: 6, sleep: 1000, yields: 3, seed: 1 };
/**
 * The large run (`bench frame_missed_100k`): the same lesson with 100,000 tasks, ten times the
 * records per second, to show whether the page still keeps every frame when the runtime alone
 * cannot keep up with lesson time (it is then cut at RUN_TIMEOUT_MS, with what it wrote).
 */
export const STRESS_100K_PARAMS = { ...STRESS_PARAMS, tasks: 100_000 };
/** Frames in the first WARMUP_MS after the click (10,000 spawns, first polls) are not counted. */
export const WARMUP_MS = 1000;
/** ms of idle frames for the baseline. */
export const IDLE_MS = 2000;
/** Longest a run may take before the phase gives up. */
export const RUN_TIMEOUT_MS = 60_000;
/** Longest one step (an evaluate, a click, a collection) may take. */
const STEP_TIMEOUT_MS = 30_000;
/** How often progress is logged while the run is live. */
const LOG_EVERY_MS = 5000;
/** How often node looks at the page while the run is live. */
const POLL_MS = 200;
/** Frames recorded at most (over 10 minutes at 60 Hz). */
const MAX_FRAMES = 40_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The page's address for the stress run. */
export function stressHash(params = STRESS_PARAMS) {
  // engine=rust: the lesson's own Rust, 10,000 tasks (its Python is a 200-task sketch).
  const hash = new URLSearchParams({ lesson: 'stress', lang: 'en', speed: '1', engine: 'rust' });
  for (const [k, v] of Object.entries(params)) hash.set(k, String(v));
  return `#${hash}`;
}

/** p-th percentile (0..100) by nearest rank. */
export function percentile(xs, p) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1];
}

/**
 * Frame deltas (ms) of a recorded window. `times`: rAF timestamps in order. A delta counts
 * when it starts at or after `from`, ends at or before `to`, and overlaps no `excluded`
 * interval ({start, end}, page ms).
 */
export function frameDeltas(times, from, to, excluded = []) {
  const deltas = [];
  for (let i = 1; i < times.length; i++) {
    const start = times[i - 1];
    const end = times[i];
    if (start < from || end > to) continue;
    if (excluded.some((x) => start < x.end && end > x.start)) continue;
    deltas.push(end - start);
  }
  return deltas;
}

/** A delta longer than this (ms, 1.5 frames at 60 Hz) skipped at least one display frame. */
export const MISSED_FRAME_MS = 25;

/**
 * Summary of frame deltas: n, fps, p50, p95, max, and `missed`: how many skipped a display
 * frame (longer than MISSED_FRAME_MS). Unlike p95 it does not see the ±0.1 ms jitter of rAF
 * timestamps, only frames that were really dropped.
 */
export function frameSummary(deltas) {
  const total = deltas.reduce((sum, d) => sum + d, 0);
  return {
    n: deltas.length,
    fps: total > 0 ? (deltas.length * 1000) / total : NaN,
    p50: percentile(deltas, 50),
    p95: percentile(deltas, 95),
    max: deltas.length ? Math.max(...deltas) : NaN,
    missed: deltas.filter((d) => d > MISSED_FRAME_MS).length,
  };
}

// ---- in the page ----

/** Installs the frame recorder (idle until started); returns the ring's capacity and more. */
async function installRecorder(maxFrames) {
  const ls = await import('/www/pkg/loopscope.js');
  try {
    ls.traceHead(); // throws in a module nobody has initialised: not the page's
  } catch {
    throw new Error('/www/pkg/loopscope.js imported by its URL is not the module the page runs (is it imported under another URL?)');
  }
  const wasm = await ls.default(); // already initialised by the page: returns its instance
  const rec = {
    ls,
    wasm,
    times: new Float64Array(maxFrames), // preallocated: recording makes no garbage
    heads: new Float64Array(maxFrames),
    n: 0,
    on: false,
    longTasks: [],
  };
  window.__stressBench = rec;
  const tick = (t) => {
    if (rec.on && rec.n < rec.times.length) {
      rec.times[rec.n] = t;
      rec.heads[rec.n] = ls.traceHead();
      rec.n++;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) rec.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  } catch {
    // no long-task timing in this browser: the figure does not depend on it
  }
  return { capacity: ls.traceCapacity(), head: ls.traceHead(), liveTasks: ls.liveTasks() };
}

/** Records idle frames for `ms` and returns their timestamps. */
function recordIdle(ms) {
  return new Promise((resolve) => {
    const times = [];
    const until = performance.now() + ms;
    const tick = (t) => {
      times.push(t);
      if (t < until) requestAnimationFrame(tick);
      else resolve(times);
    };
    requestAnimationFrame(tick);
  });
}

/** Scrolls the timeline's canvas to the top of the viewport; returns where it is and its size. */
function showTimeline() {
  const canvas = document.querySelector('#timeline');
  canvas.scrollIntoView({ block: 'start' });
  const box = canvas.getBoundingClientRect();
  return { top: Math.round(box.top), height: Math.round(box.height), screen: window.innerHeight };
}

function startRecording() {
  const rec = window.__stressBench;
  rec.n = 0;
  rec.on = true;
  return { now: performance.now(), head: rec.ls.traceHead() };
}

function look() {
  const rec = window.__stressBench;
  return {
    now: performance.now(),
    head: rec.ls.traceHead(),
    state: document.querySelector('#status')?.dataset.state ?? '',
    liveTasks: rec.ls.liveTasks(),
    frames: rec.n,
    wasmBytes: rec.wasm.memory.buffer.byteLength,
  };
}

function stopRecording() {
  const rec = window.__stressBench;
  rec.on = false;
  return {
    times: Array.from(rec.times.subarray(0, rec.n)),
    heads: Array.from(rec.heads.subarray(0, rec.n)),
    longTasks: rec.longTasks,
    now: performance.now(),
  };
}

// ---- from node ----

/** JS heap in use after a full garbage collection, in bytes, with the page-time interval it took. */
async function collectedHeap(page, cdp) {
  const start = await page.evaluate(() => performance.now());
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const end = await page.evaluate(() => performance.now());
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize');
  return { bytes: used ? used.value : NaN, start, end };
}

/** Rejects after `ms` with a message naming `what`. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `inPage(what, promise, ms)` for `page`: races the promise against the page's first error (a
 * wasm trap leaves a promise pending forever, so fail at once) and a timeout of `ms`.
 */
export function guardPage(page) {
  let rejectOnPageError;
  const pageErrorSeen = new Promise((_, reject) => (rejectOnPageError = reject));
  pageErrorSeen.catch(() => {});
  page.on('pageerror', (err) => rejectOnPageError(new Error(`the page threw: ${err && err.stack ? err.stack : err}`)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') rejectOnPageError(new Error(`the page logged an error: ${msg.text()}`));
  });
  return (what, promise, ms = STEP_TIMEOUT_MS) => withTimeout(Promise.race([promise, pageErrorSeen]), ms, what);
}

/**
 * Runs the phase in a fresh page of `browser` on the server at `origin`. `harness`:
 * tests/e2e/harness.mjs; `log` prints progress. Returns everything the report needs; throws
 * when the page throws, logs an error or does not finish.
 */
export async function measureStress({ harness, browser, origin, log, params = STRESS_PARAMS }) {
  const recorded = await harness.openPage(browser, origin, stressHash(params));
  const { page } = recorded;
  const inPage = guardPage(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  const viewport = page.viewportSize();
  const ring = await inPage('installing the frame recorder', page.evaluate(installRecorder, MAX_FRAMES));
  if (!(ring.capacity > 0)) throw new Error(`the page's trace ring reports capacity ${ring.capacity}`);

  log(`stress: idle baseline (${IDLE_MS / 1000} s of frames)`);
  const idleTimes = await inPage('recording idle frames', page.evaluate(recordIdle, IDLE_MS));
  const idle = frameSummary(frameDeltas(idleTimes, -Infinity, Infinity));

  const heapBefore = await inPage('reading the heap before the run', collectedHeap(page, cdp));
  const started = await inPage('starting the frame recorder', page.evaluate(startRecording));
  await inPage('clicking Run', page.locator('#run').click());
  const timelineView = await inPage('scrolling the timeline into view', page.evaluate(showTimeline));
  log(`stress: run of ${params.tasks.toLocaleString('en')} tasks started; the timeline's canvas is at the top of the viewport`);

  const excluded = [];
  let heapMid = null;
  let last = null;
  let sawRunning = false;
  let cut = false;
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  let nextLog = Date.now() + LOG_EVERY_MS;
  const progress = (l) =>
    `${(l.head - started.head).toLocaleString('en')} records, ${l.liveTasks.toLocaleString('en')} live tasks, ` +
    `${l.frames} frames in ${((l.now - started.now) / 1000).toFixed(1)} s, status "${l.state}"`;
  for (;;) {
    last = await inPage('watching the run', page.evaluate(look));
    if (last.state === 'running') sawRunning = true;
    const written = last.head - started.head;
    if (Date.now() >= nextLog) {
      log(`stress: ${progress(last)}`);
      nextLog += LOG_EVERY_MS;
    }
    if (!heapMid && written >= STRESS_EVENTS / 2 && last.state === 'running') {
      heapMid = { ...(await inPage('reading the heap halfway', collectedHeap(page, cdp))), records: written };
      excluded.push(heapMid);
      log(`stress: ${written.toLocaleString('en')} records, heap ${(heapMid.bytes / 2 ** 20).toFixed(1)} MB`);
    }
    if (last.state !== 'running' && (sawRunning || written > 0)) break;
    if (Date.now() > deadline || last.frames >= MAX_FRAMES) {
      // Reported, not thrown: a page too slow to finish the run is a figure, not a crash.
      cut = true;
      log(`stress: cut after ${RUN_TIMEOUT_MS / 1000} s, the run still live: ${progress(last)}`);
      break;
    }
    await sleep(POLL_MS);
  }
  const frames = await inPage('reading the recorded frames', page.evaluate(stopRecording));
  const endState = last.state;
  const heapAfter = { ...(await inPage('reading the heap after the run', collectedHeap(page, cdp))), records: last.head - started.head };
  const wasmBytes = (await inPage('reading wasm memory', page.evaluate(look))).wasmBytes;

  // The window: from the end of the warm-up to the last frame recorded while the run was live.
  const from = started.now + WARMUP_MS;
  const to = frames.times.length ? frames.times[frames.times.length - 1] : from;
  const deltas = frameDeltas(frames.times, from, to, excluded);
  const live = frameSummary(deltas);
  // The strict reading of the target: frames once the trace holds STRESS_EVENTS records.
  const full = frames.heads.findIndex((h) => h - started.head >= STRESS_EVENTS);
  const full1m = full >= 0 ? frameSummary(frameDeltas(frames.times, Math.max(from, frames.times[full]), to, excluded)) : null;
  const firstIn = frames.times.findIndex((t) => t >= from);
  const headAt = (i) => (i >= 0 && i < frames.heads.length ? frames.heads[i] : NaN);
  const windowRecords = headAt(frames.heads.length - 1) - headAt(firstIn);
  const totalRecords = headAt(frames.heads.length - 1) - started.head;
  let maxPerFrame = 0;
  let framesOverRing = 0;
  for (let i = 1; i < frames.heads.length; i++) {
    const d = frames.heads[i] - frames.heads[i - 1];
    maxPerFrame = Math.max(maxPerFrame, d);
    if (d > ring.capacity) framesOverRing++;
  }
  const longTasks = frames.longTasks.filter((x) => x.start >= from && x.start <= to);

  await recorded.context.close();
  return {
    params,
    viewport,
    timelineView,
    endState,
    cut,
    idle,
    live,
    full: full1m,
    windowMs: to - from,
    windowRecords,
    totalRecords,
    ringCapacity: ring.capacity,
    maxPerFrame,
    framesOverRing,
    longTasks: { n: longTasks.length, longest: longTasks.reduce((m, x) => Math.max(m, x.duration), 0) },
    heapBefore: heapBefore.bytes,
    heapMid,
    heapAfter,
    wasmBytes,
    pageErrors: recorded.pageErrors,
    consoleErrors: recorded.consoleErrors,
  };
}

/**
 * The anchor: the same run in tests/bench/bench.html, where nothing draws the trace, timed by
 * that page's frames. What is left of a frame there is what the page has for drawing.
 */
export async function measureStressRuntime({ harness, browser, origin, log, params = STRESS_PARAMS }) {
  const recorded = await harness.openRecordedPage(browser);
  const { page } = recorded;
  const inPage = guardPage(page);
  const url = `${origin}/tests/bench/bench.html`;
  const response = await page.goto(url);
  if (!response || !response.ok()) throw new Error(`${url}: HTTP ${response && response.status()}`);
  await inPage('loading tests/bench/bench.js', page.waitForFunction(() => window.loopscopeBench !== undefined));
  await inPage('instantiating the bench wasm', page.evaluate(() => window.loopscopeBench.ready));
  log(`stress: the same run with nothing drawing it (tests/bench/bench.html)`);
  const r = await inPage(
    'the stress run in tests/bench/bench.html',
    page.evaluate((p) => window.loopscopeBench.stress(p), params),
    RUN_TIMEOUT_MS,
  );
  await recorded.context.close();
  const from = r.started + WARMUP_MS;
  const live = frameSummary(frameDeltas(r.times, from, Infinity));
  return { live, elapsedMs: r.elapsedMs, records: r.records };
}

