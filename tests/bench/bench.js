// The in-page half of `make bench`. scripts/bench.mjs orchestrates the rounds and calls
//   await window.loopscopeBench.ready          (the wasm module is instantiated)
//   await window.loopscopeBench.measure(variant, tasks, yields)   -> ns per poll
// once per measurement, so the order of measurements and the statistics stay on the node side.
//
// Workload (the same for all four variants): `tasks` tasks, each yielding `yields` times, so
// every task is polled yields + 1 times; result = elapsed ns / (tasks × (yields + 1)).
//
// The script phase calls
//   await window.loopscopeBench.script(source)   -> ms from startScript to the run's end
// The stress phase also calls
//   await window.loopscopeBench.stress(params)   -> {times, heads, head, started, elapsedMs, records}
// once: the `stress` lesson's run with no page drawing it, timed by this page's frames, the
// anchor that says how much of a frame the runtime alone takes.

import init, {
  benchRuntime, benchSpawnLocal, runFinished, startRun, startScript, traceHead,
} from '../../target/bench-pkg/loopscope.js';

const status = document.getElementById('status');

/** Plain JavaScript: `tasks` async functions each awaiting null `yields` times, gathered. */
async function jsAwait(tasks, yields) {
  async function worker() {
    for (let i = 0; i < yields; i++) await null;
  }
  const started = performance.now();
  const all = new Array(tasks);
  for (let t = 0; t < tasks; t++) all[t] = worker();
  await Promise.all(all);
  return ((performance.now() - started) * 1e6) / (tasks * (yields + 1));
}

const VARIANTS = {
  traced: (n, m) => benchRuntime(n, m, true),
  untraced: (n, m) => benchRuntime(n, m, false),
  spawn_local: (n, m) => benchSpawnLocal(n, m),
  js_await: jsAwait,
};

/** Lets the browser run its macrotasks (and anything left over) before a measurement. */
const yieldToBrowser = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Lets the browser render what this page changed (the status line), then run its macrotasks:
 * a measurement starts with nothing left to paint. Otherwise that paint would land inside the
 * first variant that hands the browser a turn (this runtime's drain does, every 8 ms;
 * `spawn_local` and a chain of `await`s never do) and be charged to it alone.
 */
const settlePage = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function measure(variant, tasks, yields) {
  const run = VARIANTS[variant];
  if (!run) throw new Error(`unknown variant ${JSON.stringify(variant)}`);
  if (!Number.isInteger(tasks) || !Number.isInteger(yields) || tasks < 1 || yields < 0) {
    throw new Error(`bad workload ${tasks}×${yields}`);
  }
  status.textContent = `running ${variant} ${tasks}×${yields}`;
  await settlePage();
  const ns = await run(tasks, yields);
  status.textContent = `${variant} ${tasks}×${yields}: ${ns} ns/poll`;
  return ns;
}

/**
 * Runs the stress lesson with `params` (at speed 1, no drawing) and records every animation
 * frame's timestamp and the trace head while it is live. Returns them with the run's start.
 */
async function stress(params) {
  await yieldToBrowser();
  status.textContent = `running stress ${JSON.stringify(params)}`;
  const times = [];
  const heads = [];
  let live = true;
  const tick = (t) => {
    if (!live) return;
    times.push(t);
    heads.push(traceHead());
    requestAnimationFrame(tick);
  };
  const head = traceHead();
  const started = performance.now();
  const run = startRun('stress', 'gather', 1, 'en', params);
  requestAnimationFrame(tick);
  await runFinished(run);
  live = false;
  const elapsedMs = performance.now() - started;
  status.textContent = `stress: ${traceHead() - head} records in ${elapsedMs.toFixed(0)} ms`;
  return { times, heads, head, started, elapsedMs, records: traceHead() - head };
}

/** Runs a Python program in the interpreter (real time, speed 1, trace on); ms to its end. */
async function script(source) {
  await yieldToBrowser();
  status.textContent = 'running a script';
  const started = performance.now();
  const run = startScript(source, 'en', 'real', 1, 0);
  const outcome = await runFinished(run);
  const ms = performance.now() - started;
  if (outcome !== 'finished') throw new Error(`the script run ended ${outcome}`);
  status.textContent = `script: ${ms.toFixed(0)} ms`;
  return ms;
}

const ready = init().then(() => {
  status.textContent = 'ready';
  return true;
});
ready.catch((err) => {
  status.textContent = `failed to load the bench wasm: ${err}`;
});

window.loopscopeBench = { ready, measure, stress, script, variants: Object.keys(VARIANTS) };
