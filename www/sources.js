// The lessons' source texts: each variant's Python in the page's two languages and each
// lesson's Rust, files in crate/lessons/ beside www/ (at the repo root, or in dist/). The wasm
// carries only the catalogue, so the page fetches a text when it shows it (the opened lesson's
// Python as soon as the address is read, its Rust when the learner switches to it) and keeps
// it. In the single file (scripts/dist.mjs) the folder is one Blob of JSON, { file: text }.
// No DOM: scripts/dist.mjs imports it in Node for folderFiles() and folderText().

/**
 * Lesson id → [its Rust file, { variant id → [tr, en]: the files of the Python it shows and
 * runs, then, where that is a corrected version, [tr, en] of the seed's own text }], in the
 * catalogue's order: the crate's catalogue, kept equal by a test (tests/sources_table.rs).
 */
const FILES = {"doctor":["doctor.rs",{"async":["doctor.py","doctor.en.py"],"sync":["doctor_sync.py","doctor_sync.en.py"]}],"async-await":["async_await.rs",{"lazy":["async_await_lazy.py","async_await_lazy.en.py"],"sequential":["async_await_sequential.py","async_await_sequential.en.py"],"yield":["async_await_yield.py","async_await_yield.en.py"]}],"gather":["gather.rs",{"gather":["gather.py","gather.en.py"],"sequential":["gather_sequential.py","gather_sequential.en.py"]}],"staggered":["staggered.rs",{"staggered":["staggered_corrected.py","staggered_corrected.en.py","staggered.py","staggered.py"],"at-once":["staggered_at_once.py","staggered_at_once.en.py"]}],"websocket":["websocket.rs",{"reconnect":["websocket_corrected.py","websocket_corrected.en.py","websocket.py","websocket.py"]}],"event-loop":["event_loop.rs",{"loop":["event_loop.py","event_loop.en.py"]}],"fetch-data":["fetch_data.rs",{"gather":["fetch_data.py","fetch_data.en.py"],"sequential":["fetch_data_sequential.py","fetch_data_sequential.en.py"]}],"blocking":["blocking.rs",{"blocking":["blocking.py","blocking.en.py"],"chunked":["blocking_chunked.py","blocking_chunked.en.py"],"worker":["blocking_worker.py","blocking_worker.en.py"]}],"timeouts":["timeouts.rs",{"wait_for":["timeouts_wait_for.py","timeouts_wait_for.en.py"],"race":["timeouts_race.py","timeouts_race.en.py"],"cancel":["timeouts_cancel.py","timeouts_cancel.en.py"]}],"microtasks":["microtasks.rs",{"budget":["microtasks.py","microtasks.en.py"],"no-budget":["microtasks_no_budget.py","microtasks_no_budget.en.py"]}],"stress":["stress.rs",{"gather":["stress.py","stress.en.py"]}]};

/** The folder of the files (in the single file, the Blob of all their texts). */
const FOLDER = new URL('../crate/lessons/', import.meta.url);
/** Where a lesson file's catalogue entry starts (crate/lessons/mod.rs's CATALOGUE_MARKER): the page shows the Rust above it. */
const CATALOGUE_MARKER = '// ---- catalogue';
/** ms a fetch may take before it counts as failed: a text is a few KB, and a stalled one must not leave the page waiting. */
const FETCH_TIMEOUT_MS = 20_000;

const texts = new Map(); // file → its text, once in
const loading = new Map(); // file → Promise of its text
const failures = new Map(); // file → the Error of its last attempt (a new loadText tries again)
let bundle = null; // the single file: Promise of { file: text }

const entry = (lessonId) => (Object.hasOwn(FILES, lessonId ?? '') ? FILES[lessonId] : null);
const variantFiles = (lessonId, variantId) => {
  const variants = entry(lessonId)?.[1];
  return variants && Object.hasOwn(variants, variantId ?? '') ? variants[variantId] : null;
};
const byLang = (pair, lang) => (pair ? pair[lang === 'tr' ? 0 : 1] : null);

/** The file of the Python a lesson variant shows and runs in `lang` ('tr' or 'en'); null for none (the blank lesson). */
export function pythonFile(lessonId, variantId, lang) {
  return byLang(variantFiles(lessonId, variantId)?.slice(0, 2), lang);
}

/** The file of the seed's own text where the variant runs a corrected version of it; else null. */
export function originalFile(lessonId, variantId, lang) {
  const files = variantFiles(lessonId, variantId);
  return files?.length === 4 ? byLang(files.slice(2), lang) : null;
}

/** The file of a lesson's Rust; null for none. */
export function rustFile(lessonId) {
  return entry(lessonId)?.[0] ?? null;
}

/** Every file the page may fetch from FOLDER, once each: what dist/ must carry (scripts/dist.mjs asks). */
export function folderFiles() {
  const all = new Set();
  for (const [rust, variants] of Object.values(FILES)) {
    all.add(rust);
    for (const files of Object.values(variants)) for (const file of files) all.add(file);
  }
  return [...all];
}

/**
 * What dist/ ships of a file (scripts/dist.mjs asks): a lesson's Rust only up to its catalogue
 * entry, which the page never shows (rustCode gives it back as it is); the Python as it is.
 */
export function folderText(file, text) {
  return file.endsWith('.rs') ? `${rustCode(text)}\n` : text;
}

/** The text of `file` if it is in; undefined while it is not (yet). */
export function textOf(file) {
  return texts.get(file);
}

/** Why the last attempt to load `file` failed (an Error), unless it is in or loading again. */
export function failureOf(file) {
  return loading.has(file) ? undefined : failures.get(file);
}

/** Whether `file` is being fetched now. */
export function isLoading(file) {
  return loading.has(file);
}

async function fetchText(file) {
  if (FOLDER.protocol === 'blob:') {
    bundle ??= fetch(FOLDER).then((res) => res.json());
    const all = await bundle;
    if (!Object.hasOwn(all, file)) throw new Error(`${file} is not in this page`);
    return all[file];
  }
  let res;
  try {
    res = await fetch(new URL(file, FOLDER), { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (e) {
    throw new Error(e?.name === 'TimeoutError' ? `no answer in ${FETCH_TIMEOUT_MS / 1000} s` : String(e?.message ?? e));
  }
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.text();
}

/**
 * The text of `file`: at once if it is in, else fetched (one fetch however many ask). Rejects
 * with an Error saying why; a later call tries again.
 */
export function loadText(file) {
  if (texts.has(file)) return Promise.resolve(texts.get(file));
  if (!loading.has(file)) {
    loading.set(file, fetchText(file).then((text) => {
      texts.set(file, text);
      failures.delete(file);
      return text;
    }, (e) => {
      failures.set(file, e instanceof Error ? e : new Error(String(e)));
      throw failures.get(file);
    }).finally(() => loading.delete(file)));
  }
  return loading.get(file);
}

/** The Rust a learner reads of a lesson file's text: the code above its catalogue entry. */
export function rustCode(text) {
  const at = text.indexOf(CATALOGUE_MARKER);
  return (at < 0 ? text : text.slice(0, at)).trimEnd();
}

/**
 * Starts fetching what the full page will show first, from its address (`#lesson=…&variant=…
 * &lang=…&engine=…`), the stored language and the browser's, as url-state.js resolves them:
 * the lesson's Python, and its Rust when the address asks for the Rust. Called as the page
 * starts (runtime.js), long before the wasm and the page's modules are in; failures are
 * reported where the text is shown.
 */
export function prefetchShown(hash, storedLang, navLang) {
  const params = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
  let lang = params.get('lang');
  if (lang !== 'tr' && lang !== 'en') lang = storedLang === 'tr' || storedLang === 'en' ? storedLang : /^tr/i.test(navLang ?? '') ? 'tr' : 'en';
  const asked = params.get('lesson') ?? (params.has('code') ? 'script' : null);
  if (asked === 'script') return; // the blank lesson (program.js's SCRIPT_LESSON): its example is in program.js
  const lessonId = entry(asked) ? asked : Object.keys(FILES)[0]; // an unknown lesson shows the first
  const variants = Object.keys(entry(lessonId)[1]);
  const variantId = variants.includes(params.get('variant')) ? params.get('variant') : variants[0];
  const wanted = [pythonFile(lessonId, variantId, lang)];
  if (params.get('engine') === 'rust') wanted.push(rustFile(lessonId));
  for (const file of wanted) loadText(file).catch(() => {});
}
