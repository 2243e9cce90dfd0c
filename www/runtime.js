// The wasm runtime as a page loads it, once: the full page and every embedded lesson share
// one instance (one event loop: their runs interleave on it, which is itself worth seeing).
// Also the runs the embeds start on it, and the reading of the trace ring into a model, the
// same for the page and the embeds: each model is filtered by its run id, so each draws only
// its own tasks.

import { createModel, currentRun, ingest, modelNow } from './trace.js';
import { prefetchShown } from './sources.js';
import { createBacklog, keepRecords } from './trace-backlog.js';

let loading = null; // Promise of the runtime: the first embed loads it, the others wait on it
let compiling = null; // Promise of the compiled wasm (or undefined if that failed), started below

/**
 * Loads the wasm package once per page. Resolves to {ls, wasm, ring, lessons, texts, crashed}.
 * A page that also runs the full app shares the same instance (same module, same memory).
 */
export function loadRuntime() {
  loading ??= (async () => {
    // A dynamic import: a missing package becomes a message in the element, not a dead page.
    const ls = await import('./pkg/loopscope.js');
    // An early compile that failed (a host that sends the wasm with another media type) is
    // left to wasm-bindgen's own load, which fetches the file again and falls back or says
    // what went wrong.
    const module = await compiling;
    const wasm = await ls.default(module ? { module_or_path: module } : undefined);
    // The blocking lesson's worker, served beside this module (a Blob URL may break a CSP).
    ls.setWorkerUrl(new URL('./worker.js', import.meta.url).href);
    return {
      ls, wasm,
      ring: { ptr: ls.traceBuffer(), capacity: ls.traceCapacity() },
      lessons: Array.from(ls.lessons() ?? []),
      texts: new Map(), // trace text id → string; an id is never reused, so cached until a run starts
      crashed: '', // the panic message once the runtime has crashed: every embed then stops
    };
  })();
  return loading;
}

// A page that preloads the wasm from its head (index.html) wants the runtime at once: the wasm
// it preloads starts compiling as soon as this module is evaluated (the fetch takes the preload
// over), on other threads, while the page's own modules run their start-up and the package's
// glue is imported. Who awaits loadRuntime() gets its result or its error; this start only
// keeps an early failure from being reported as unhandled before they do. The lesson's Python
// (a file: sources.js) is fetched at the same time, so it is in when the page shows it.
const wasmPreload = typeof document === 'undefined' ? null : document.querySelector('link[rel~="preload"][href$="loopscope_bg.wasm"]');
if (wasmPreload) {
  compiling = WebAssembly.compileStreaming(fetch(wasmPreload.href)).catch(() => undefined);
  loadRuntime().catch(() => {});
  let storedLang = null;
  try { storedLang = localStorage.getItem('loopscope.lang'); } catch { /* nothing stored */ } // url-state.js's LANG_STORAGE_KEY
  prefetchShown(location.hash, storedLang, navigator.language);
}

/** The panic message if the shared runtime has crashed (checked by each live embed). */
export function crashText(rt) {
  if (rt.crashed) return rt.crashed;
  let panic;
  try { panic = rt.ls.lastPanic(); } catch (e) { panic = String(e?.message ?? e); }
  if (panic) rt.crashed = String(panic);
  return rt.crashed;
}

function text(rt, id) {
  if (id === 0) return '';
  let s = rt.texts.get(id);
  if (s === undefined) {
    s = String(rt.ls.traceText(id) ?? '');
    rt.texts.set(id, s);
  }
  return s;
}

/** An empty model (nothing drawn): the state of an embed with no run. */
export function emptyModel(rt) {
  return createModel({ cursor: rt ? rt.ls.traceHead() : 0 });
}

/**
 * Starts a run (`params`: the lesson's parameters, default all at their defaults) and returns
 * its session {id, model, live, done}; `done` resolves to 'finished'
 * or 'cancelled' once the run has ended and its last records are in the model. Throws what
 * startRun throws (the caller shows it).
 */
export function startSession(rt, { lesson, variant, speed, lang, mode, params = {} }) {
  return openSession(rt, { speed, mode }, () => rt.ls.startRun(lesson, variant, speed, lang, params, mode));
}

/** Whether the loaded crate can run the learner's Python (its script exports exist). */
export function canRunScripts(rt) {
  return typeof rt?.ls?.startScript === 'function' && typeof rt.ls.checkScript === 'function';
}

/**
 * Starts a run of the learner's Python (`source`, main.py) and returns its session, as
 * startSession does. Throws what startScript throws: an Error whose message is CPython's
 * report when the source does not parse.
 */
export function startScriptSession(rt, { source, speed, lang, mode, seed = 0 }) {
  return openSession(rt, { speed, mode }, () => rt.ls.startScript(source, lang, mode, speed, seed));
}

function openSession(rt, { speed, mode }, start) {
  const { ls } = rt;
  const cursor = ls.traceHead(); // records before this belong to other runs, or earlier ones
  // The runtime may forget its texts when a run starts with none live, and never gives an id
  // twice: what this cache holds stays true but would only grow.
  rt.texts.clear();
  const t0 = ls.clockNow();
  const id = start();
  const model = createModel({ runId: id, cursor, speed, t0, virtual: mode === 'virtual' });
  const session = { id, model, live: true, done: null };
  session.done = ls.runFinished(id)
    .catch(() => null) // it rejects when the run already ended: the trace's RUN_END says how
    .then((result) => {
      session.live = false;
      if (!rt.crashed) pull(rt, model);
      return result ?? currentRun(model)?.end?.kind ?? 'finished';
    });
  return session;
}

/** Cancels a live session's run (no-op once it ended). */
export function cancelSession(rt, session) {
  if (!session?.live || rt.crashed) return;
  try { rt.ls.cancelRun(session.id); } catch { /* the run may have just ended */ }
}

/**
 * ms a frame spends folding new trace records at most (the page's and each embed's), the
 * `budgetMs` they pass to pull; the rest is copied out of the ring (trace-backlog.js) and folded
 * in the next frames (a burst of 30,000 records is spread over a few frames instead of missing
 * one).
 */
export const FRAME_INGEST_MS = 4;

/** Each model's records copied out of the ring and not folded yet (trace-backlog.js). */
const backlogs = new WeakMap();

/**
 * Folds the records written since the model's cursor, within about `budgetMs` of work: the
 * oldest first (those copied out earlier), then the ring's; what is left is copied out of the
 * ring, so no frame folds more than its budget to stay ahead of the runtime's writes. A reader
 * more than a ring behind gets twice the budget, so its lag shrinks. Views are made each time:
 * memory growth replaces memory.buffer and detaches old ones. Returns the records folded.
 */
export function pull(rt, model, budgetMs = Infinity) {
  const { ls, wasm, ring } = rt;
  const head = ls.traceHead();
  if (head === model.cursor) return 0;
  // Nothing a fold calls in the wasm allocates there (traceText makes its string in JS), so
  // the memory cannot grow, and detach these views, before the copy below.
  const buffer = wasm.memory.buffer;
  const mem = {
    f64: new Float64Array(buffer, ring.ptr, ring.capacity * 4),
    u32: new Uint32Array(buffer, ring.ptr, ring.capacity * 8),
    capacity: ring.capacity,
    head,
  };
  const deadline = performance.now() + (head - model.cursor > ring.capacity ? 2 * budgetMs : budgetMs);
  const textOf = (id) => text(rt, id);
  let folded = 0;
  let backlog = backlogs.get(model);
  if (backlog && model.cursor < backlog.head) {
    // Records the ring no longer holds (it was overrun since, or reset): the backlog goes
    // whole, and the ring's own read below counts what was lost.
    const whole = head < backlog.head || head - backlog.head > ring.capacity;
    const { f64, u32, capacity } = backlog;
    folded += ingest(model, { f64, u32, capacity, head: backlog.head, deadline: whole ? Infinity : deadline }, textOf);
  }
  if (!backlog || model.cursor >= backlog.head) folded += ingest(model, { ...mem, deadline }, textOf);
  if (model.cursor < head) {
    if (!backlog) backlogs.set(model, (backlog = createBacklog(ring.capacity)));
    keepRecords(backlog, mem, model.cursor, head);
  }
  return folded;
}

/** The session's "now" (runtime ms): the clock, or the run's virtual clock while it is live. */
export function sessionNow(rt, session, model) {
  if (!rt || rt.crashed) return model.lastTime ?? 0;
  if (session?.live && model.virtual) {
    const virtualNow = rt.ls.runNow(session.id); // undefined once the run has ended
    if (virtualNow !== undefined) return Math.max(virtualNow, model.lastTime ?? 0);
  }
  return modelNow(model, rt.ls.clockNow());
}
