// Wiring: loads the wasm runtime, keeps the page state, and once per animation frame takes the
// new trace records (one ring read per frame, never one call per record, within a time budget)
// into the model, then renders the timeline, the console, the totals and the instruments from
// it; each of them does work in proportion to what it shows, not to the run's size. Controls call
// back into the runtime. Each instrument lives in its own module (timeline-ui, stats-panel,
// events-table, instruments, shortcuts); this file only connects them.

import { t as translate, pick, formatSeconds } from './i18n.js';
import { createModel, currentRun, endTime, lessonSeconds } from './trace.js';
import { loadRuntime, pull as pullInto, sessionNow, startSession } from './runtime.js';
import { drawSwatch } from './timeline.js';
import {
  SPEED_CHOICES, buildHash, fillSelect, paramsFromUrl, parseHash, readStoredLang, resolveState,
  speedText, storeLang,
} from './controls.js';
import { createTimelineView } from './timeline-ui.js';
import { createStatsPanel } from './stats-panel.js';
import { MAX_EVENTS, createEventsTable } from './events-table.js';
import { createInstruments } from './instruments.js';
import { installShortcuts } from './shortcuts.js';
import { createLoopPanel } from './loop-panel.js';

const SWATCH_WIDTH = 28; // CSS px, legend swatches (matches style.css)
const SWATCH_HEIGHT = 16; // CSS px
const OVERLAP_RATIO = 0.9; // elapsed below this share of the sleeps' sum counts as "waited together"
const CHECK_DEBOUNCE_MS = 300; // ms of no typing before a parameter field is checked
const MAX_CONSOLE_LINES = 1000; // older printed lines leave the page (a long run prints on and on)
/**
 * ms a frame spends folding new trace records at most; the rest waits in the ring for the next
 * frame (a burst of 30,000 records is spread over a few frames instead of missing one). The
 * further behind the reader is, the more a frame may spend: twice as much past a quarter of the
 * ring, four times past half, no limit past three quarters (an overrun would lose records).
 */
const INGEST_BUDGET_MS = 4;

const $ = (id) => document.getElementById(id);
const el = {
  lang: $('lang'), lesson: $('lesson'), variant: $('variant'), run: $('run'), reset: $('reset'),
  copyLink: $('copy-link'), copyLinkStatus: $('copy-link-status'),
  status: $('status'), notice: $('notice'), crash: $('crash'), crashDetail: $('crash-detail'),
  reload: $('reload'), speedNote: $('speed-note'), title: $('lesson-title'),
  summary: $('lesson-summary'), lessonNote: $('lesson-note'), caption: $('run-caption'),
  canvas: $('timeline'), console: $('console'), consoleEmpty: $('console-empty'),
  totals: $('totals'), python: $('code-python'), rust: $('code-rust'),
  speed: $('speed'), seed: $('lesson-seed'), params: $('params'), paramFields: $('param-fields'),
  liveControls: $('live-controls'), liveButtons: $('live-control-buttons'),
  loopSummary: $('loop-summary'), loopTasks: $('loop-tasks'), loopRows: $('loop-rows'),
  mode: $('mode'), modeNote: $('mode-note'), timelineHint: $('timeline-hint'), eventsHint: $('events-hint'),
  loopPanel: document.querySelector('.loop-state'), statsPanel: document.querySelector('.stats-panel'),
};

const state = {
  rt: null, // the loaded runtime (runtime.js); ls, wasm and ring are its parts
  ls: null, wasm: null, ring: null, // runtime module, its exports, {ptr, capacity}
  lessons: [], lesson: '', variant: '', lang: 'en', speed: 1, speedFromUrl: false, mode: 'real',
  runMode: 'real', // the time mode of the shown run (the picker may have moved on since)
  notices: [], // {key, vars}: shown in #notice, re-translated on a language switch
  status: { name: 'idle', key: 'status_loading', vars: {} },
  runId: null, runLesson: '', runVariant: '', live: false, printed: 0, crashed: false,
  results: new Map(), // "lesson/variant/mode" → {s, params}: lesson s of its last finished run, with what values
  totalsKey: '', totalsShape: '', controlsKey: '', runParams: '',
  params: {}, // paramId → field text of the shown lesson (raw: checked by the crate)
  paramErrors: {}, // paramId → message from checkParams, in state.lang
  fieldsFor: '', // lesson id whose parameter fields are in the DOM
  checkTimer: 0,
};
let model = createModel();
// The instruments (set up in "instruments" below, before the first render).
let timeline;
let loopPanel;
let stats;
let events;
let instruments;

// Text vars may be {tr, en} objects from lessons(): pick the current language.
const t = (key, vars = {}) => {
  const local = {};
  for (const [k, v] of Object.entries(vars)) local[k] = typeof v === 'object' ? pick(v, state.lang) : v;
  return translate(state.lang, key, local);
};
const errorText = (e) => String(e?.message ?? e);
/** Field texts as one comparable string (same values → same key, whatever the typing order). */
const paramsKey = (params) => JSON.stringify(Object.entries(params).map(([k, v]) => [k, String(v).trim()]).sort());
const findLesson = (id) => state.lessons.find((l) => l.id === id);

// ---------- crash ----------

function crash(detail) {
  if (state.crashed) return;
  state.crashed = true;
  state.live = false;
  let panic;
  try { panic = state.ls?.lastPanic?.(); } catch { /* the runtime may be unusable now */ }
  el.crashDetail.textContent = panic || detail || '';
  el.crash.hidden = false;
  el.run.disabled = true;
  el.reset.disabled = true;
  setStatus('crashed', 'status_crashed');
  for (const button of [$('pause'), $('resume'), $('step')]) button.disabled = true;
}

window.addEventListener('error', (e) => crash(e.message || errorText(e.error)));
window.addEventListener('unhandledrejection', (e) => crash(errorText(e.reason)));
el.reload.addEventListener('click', () => location.reload());

// ---------- state from the URL ----------

function applyHash() {
  const s = resolveState(parseHash(location.hash), state.lessons, readStoredLang(), navigator.language);
  const lessonChanged = s.lesson !== state.lesson;
  Object.assign(state, {
    lang: s.lang, lesson: s.lesson, variant: s.variant, speed: s.speed, mode: s.mode,
    speedFromUrl: s.speedFromUrl, notices: s.notices, params: s.params,
  });
  if (lessonChanged && state.runId !== null) clearRun('idle');
  syncHash();
  renderAll();
  // Values from the URL are only checked, never run: a bad one shows its message at once.
  checkParams();
}

function syncHash() {
  if (!state.lesson) return;
  const lesson = findLesson(state.lesson);
  const defaultVariant = lesson?.variants[0]?.id;
  const hash = buildHash({ ...state, defaultVariant, lessonParams: lesson?.params ?? [] });
  // replaceState does not fire hashchange, so this cannot loop.
  if (hash !== location.hash) history.replaceState(null, '', hash);
}

// ---------- runs ----------

/** Starts a run of the shown lesson; `paused`: stopped before its first poll, for stepping. */
async function startRun({ paused = false } = {}) {
  const { ls } = state;
  if (!ls || state.crashed) return;
  clearTimeout(state.checkTimer);
  syncHash();
  const bad = checkParams();
  if (bad > 0) {
    // Nothing runs with a bad value; a live run (started with good ones) goes on.
    setStatus('invalid', 'status_invalid', { count: bad });
    el.paramFields.querySelector('input[aria-invalid="true"]')?.focus();
    return;
  }
  if (state.live) ls.cancelRun(state.runId);
  const mode = state.mode;
  let session;
  try {
    session = startSession(state.rt, {
      lesson: state.lesson, variant: state.variant, speed: state.speed, lang: state.lang, mode, params: { ...state.params },
    });
  } catch (e) {
    state.notices = [...state.notices, { key: 'noticeStartFailed', vars: { message: errorText(e) } }];
    clearRun('idle');
    renderNotices();
    return;
  }
  const { id } = session;
  model = session.model;
  Object.assign(state, {
    runId: id, runLesson: state.lesson, runVariant: state.variant, live: true,
    runParams: paramsKey(state.params), runMode: mode,
  });
  clearConsole();
  timeline.reset();
  instruments.clear();
  setStatus('running', 'status_running');
  // Still inside the click: the runtime has spawned the root task but polled nothing yet.
  if (paused) instruments.pause();

  const result = await session.done; // with the run's last records in its model
  if (state.runId !== id || state.crashed) return; // a newer run or a reset took over
  state.live = false;
  const elapsedS = lessonSeconds(model, endTime(model, now()));
  if (result === 'finished') {
    // Virtual and real seconds do not compare: each mode keeps its own results.
    state.results.set(`${state.runLesson}/${state.runVariant}/${state.runMode}`, { s: elapsedS, params: state.runParams });
    setStatus('finished', state.runMode === 'virtual' ? 'status_finishedVirtual' : 'status_finished', {
      elapsed: formatSeconds(elapsedS, 3),
    });
  } else {
    setStatus('cancelled', 'status_cancelled');
  }
  renderFrame(now(), true);
}

/** The shown run's "now": the runtime clock, or the virtual clock of a virtual run. */
function now() {
  return sessionNow(state.rt, { live: state.live, id: state.runId }, model);
}

/** Cancels the live run (if any) and empties the model, console and timeline. */
function clearRun(statusName) {
  if (state.live && state.ls) state.ls.cancelRun(state.runId);
  Object.assign(state, { runId: null, live: false });
  model = createModel({ cursor: state.ls ? state.ls.traceHead() : 0, speed: state.speed });
  clearConsole();
  timeline.reset();
  instruments.clear();
  setStatus(statusName, `status_${statusName}`);
  renderFrame(now(), true);
}

/** Folds what the runtime recorded since the last frame, in about `budgetMs` (runtime.js). */
function pull(budgetMs = Infinity) {
  return pullInto(state.rt, model, budgetMs);
}

function frame() {
  if (state.crashed) return;
  const fresh = pull(INGEST_BUDGET_MS);
  renderFrame(now(), fresh > 0 || state.live);
  requestAnimationFrame(frame);
}

// ---------- rendering ----------

function setStatus(name, key, vars = {}) {
  state.status = { name, key, vars };
  renderStatus();
}

function renderStatus() {
  el.status.dataset.state = state.status.name;
  el.status.textContent = t(state.status.key, state.status.vars);
  renderLiveControls(); // a run starts or ends with a status change
  instruments?.render();
}

function renderStaticText() {
  document.documentElement.lang = state.lang;
  document.title = t('pageTitle');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  el.lang.value = state.lang;
}

function renderLesson() {
  const lesson = findLesson(state.lesson);
  fillSelect(el.lesson, state.lessons.map((l) => ({ value: l.id, label: pick(l.title, state.lang) })), state.lesson);
  fillSelect(el.variant, (lesson?.variants ?? []).map((v) => ({ value: v.id, label: pick(v.label, state.lang) })), state.variant);
  el.title.textContent = pick(lesson?.title, state.lang);
  el.summary.textContent = pick(lesson?.summary, state.lang);
  const note = pick(lesson?.notice, state.lang);
  el.lessonNote.textContent = note;
  el.lessonNote.hidden = !note;
  // The crate gives Python per variant (each variant is its own seed example) and Rust per
  // lesson; either may move, so take the variant's text first.
  const variant = lesson?.variants.find((v) => v.id === state.variant);
  el.python.textContent = variant?.python ?? lesson?.python ?? '';
  el.rust.textContent = variant?.rust ?? lesson?.rust ?? '';
  // Virtual time has no real sleeps to shorten: its own note replaces the speed's.
  el.speedNote.hidden = state.speed === 1 || state.mode === 'virtual';
  el.speedNote.textContent = t('speedNote', { speed: state.speed });
  el.modeNote.hidden = state.mode !== 'virtual';
  el.modeNote.textContent = t('modeNote');
  el.mode.value = state.mode;
  el.seed.textContent = lesson?.seed ? t('seedLabel', { seed: lesson.seed }) : '';
  el.seed.hidden = !lesson?.seed;
  const speeds = [...new Set([...SPEED_CHOICES, state.speed])].sort((a, b) => a - b);
  fillSelect(el.speed, speeds.map((v) => ({ value: String(v), label: speedText(v) })), String(state.speed));
  renderParamFields();
  renderLiveControls();
}

function renderNotices() {
  el.notice.replaceChildren(...state.notices.map(({ key, vars }) => {
    const p = document.createElement('p');
    p.textContent = t(key, vars);
    return p;
  }));
  el.notice.hidden = state.notices.length === 0;
}

function renderAll() {
  renderStaticText();
  renderLesson();
  renderNotices();
  renderStatus();
  el.eventsHint.textContent = t('eventsHint', { max: MAX_EVENTS });
  stats.retranslate();
  instruments.tell();
  renderFrame(now(), true);
}

function clearConsole() {
  state.printed = 0;
  el.console.replaceChildren();
  el.consoleEmpty.hidden = false;
}

function renderConsole() {
  const run = currentRun(model);
  // printCount counts every print; the model keeps only the newest ones (bounded memory).
  const total = run ? run.printCount : 0;
  if (!run || total === state.printed) return;
  const fresh = Math.min(total - state.printed, run.prints.length, MAX_CONSOLE_LINES);
  const items = run.prints.slice(run.prints.length - fresh).map((print) => {
    const li = document.createElement('li');
    li.className = 'line';
    li.dataset.task = print.name;
    const time = document.createElement('span');
    time.className = 'time';
    time.textContent = formatSeconds(lessonSeconds(model, print.time), 3);
    const task = document.createElement('span');
    task.className = 'task';
    task.textContent = print.name;
    const body = document.createElement('span');
    body.className = 'text';
    body.textContent = print.text;
    li.append(time, task, body);
    return li;
  });
  state.printed = total;
  el.console.append(...items);
  const extra = el.console.childElementCount - MAX_CONSOLE_LINES;
  for (let i = 0; i < extra; i++) el.console.firstElementChild.remove();
  el.consoleEmpty.hidden = true;
  el.console.scrollTop = el.console.scrollHeight; // instant, never smooth (reduced motion)
}

function renderTotals(at) {
  const run = currentRun(model);
  const lesson = findLesson(state.lesson);
  const rows = [];
  if (run) {
    const elapsedS = Math.max(0, lessonSeconds(model, endTime(model, at)));
    const sleepS = run.sleepSumMs / 1000;
    rows.push(['elapsed', t('totalsElapsed', { elapsed: formatSeconds(elapsedS, 3) })]);
    rows.push(['sleeps', t('totalsSleeps', { sum: formatSeconds(sleepS, 3) })]);
    if (run.end?.kind === 'finished' && sleepS > 0) {
      rows.push(['verdict', t(elapsedS < sleepS * OVERLAP_RATIO ? 'totalsOverlap' : 'totalsSerial')]);
    }
  }
  // Only runs made with the values now in the fields compare: other values, other times.
  const current = paramsKey(state.params);
  const done = (lesson?.variants ?? [])
    .map((v) => ({ label: pick(v.label, state.lang), result: state.results.get(`${state.lesson}/${v.id}/${state.mode}`) }))
    .filter((r) => r.result !== undefined && r.result.params === current)
    .map((r) => ({ label: r.label, s: r.result.s }));
  const key = JSON.stringify([rows, done, state.lang]);
  if (key === state.totalsKey) return;
  // The elapsed time changes every frame of a live run: same lines, new words, so the <p>s
  // stay and only their text changes.
  const shape = JSON.stringify([rows.map(([cls]) => cls), done, state.lang]);
  const shapeKept = shape === state.totalsShape;
  state.totalsKey = key;
  state.totalsShape = shape;
  if (shapeKept) {
    rows.forEach(([, line], i) => {
      const p = el.totals.children[i];
      if (p.textContent !== line) p.textContent = line;
    });
    return;
  }

  const nodes = rows.map(([cls, line]) => {
    const p = document.createElement('p');
    p.className = cls;
    p.textContent = line;
    return p;
  });
  if (done.length >= 2) nodes.push(comparison(done));
  else if (done.length === 1 && (lesson?.variants.length ?? 0) > 1) {
    const hint = document.createElement('p');
    hint.className = 'hint';
    hint.textContent = t('totalsCompareHint');
    nodes.push(hint);
  }
  el.totals.replaceChildren(...nodes);
}

/** One row per variant: label, a <meter> as a bar, and the seconds (no inline styles needed). */
function comparison(done) {
  const max = Math.max(...done.map((r) => r.s), 0.001);
  const table = document.createElement('table');
  table.className = 'compare';
  const caption = document.createElement('caption');
  caption.textContent = t('totalsCompare');
  table.append(caption);
  for (const r of done) {
    const tr = document.createElement('tr');
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = r.label;
    const barCell = document.createElement('td');
    const meter = document.createElement('meter');
    meter.min = 0;
    meter.max = max;
    meter.value = r.s;
    meter.textContent = formatSeconds(r.s, 2);
    barCell.append(meter);
    const value = document.createElement('td');
    value.className = 'value';
    value.textContent = formatSeconds(r.s, 3);
    tr.append(name, barCell, value);
    table.append(tr);
  }
  return table;
}

function renderCaption() {
  const lesson = findLesson(state.runLesson);
  const variant = lesson?.variants.find((v) => v.id === state.runVariant);
  let caption = state.runId === null
    ? t('runCaptionNone')
    : t('runCaption', { lesson: lesson?.title ?? state.runLesson, variant: variant?.label ?? state.runVariant });
  if (model.skipped > 0) caption += t('runSkipped', { count: model.skipped });
  if (el.caption.textContent !== caption) el.caption.textContent = caption;
  // The axis is in the shown run's time: virtual seconds for a virtual run.
  const virtual = state.runId !== null ? model.virtual : state.mode === 'virtual';
  const hint = t(virtual ? 'timelineHintVirtual' : 'timelineHint');
  if (el.timelineHint.textContent !== hint) el.timelineHint.textContent = hint;
}

/**
 * One frame; `immediate` also refreshes the throttled panels now (a step, a run's end). The
 * timeline goes first: it reads layout, which is free before anything of this frame is written.
 * The console goes last: scrolling it to its end reads layout after all the writes, once.
 */
function renderFrame(at, force, immediate = force && !state.live) {
  timeline.render(at, force);
  renderCaption();
  renderTotals(at);
  loopPanel.render(at, immediate);
  stats.render(at, immediate);
  events.render(immediate);
  instruments.render();
  renderConsole();
}

// ---------- parameters ----------

const fieldId = (paramId) => `param-${paramId}`;

/** Builds the shown lesson's parameter fields (once per lesson), then refreshes their texts. */
function renderParamFields() {
  const lesson = findLesson(state.lesson);
  const params = lesson?.params ?? [];
  if (state.fieldsFor !== state.lesson) {
    state.fieldsFor = state.lesson;
    el.paramFields.replaceChildren(...params.map(paramField));
  }
  el.params.hidden = params.length === 0;
  for (const p of params) {
    const id = fieldId(p.id);
    $(`${id}-label`).textContent = pick(p.label, state.lang);
    const unit = pick(p.unit, state.lang);
    $(`${id}-unit`).textContent = unit;
    $(`${id}-hint`).textContent = `${t('paramRange', { min: p.min, max: p.max })}${unit ? ` ${unit}` : ''}`;
    const input = $(id);
    const value = state.params[p.id] ?? String(p.default);
    if (input.value !== value) input.value = value;
  }
  renderParamErrors();
}

/** One labelled field; every text goes in later as textContent (renderParamFields). */
function paramField(p) {
  const id = fieldId(p.id);
  const wrap = document.createElement('div');
  wrap.className = 'field param';
  wrap.dataset.param = p.id;
  const label = document.createElement('label');
  label.id = `${id}-label`;
  label.htmlFor = id;
  const row = document.createElement('div');
  row.className = 'param-row';
  const input = document.createElement('input');
  Object.assign(input, { id, name: p.id, type: 'text', inputMode: 'decimal', autocomplete: 'off', spellcheck: false });
  input.setAttribute('aria-describedby', `${id}-hint ${id}-error`);
  input.setAttribute('aria-invalid', 'false');
  input.addEventListener('input', () => {
    state.params[p.id] = input.value;
    clearTimeout(state.checkTimer);
    state.checkTimer = setTimeout(() => { syncHash(); checkParams(); }, CHECK_DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') startRun(); });
  const unit = document.createElement('span');
  unit.id = `${id}-unit`;
  unit.className = 'unit';
  unit.setAttribute('aria-hidden', 'true'); // the hint says the unit to screen readers
  row.append(input, unit);
  const hint = document.createElement('p');
  hint.id = `${id}-hint`;
  hint.className = 'param-hint';
  const error = document.createElement('p');
  error.id = `${id}-error`;
  error.className = 'param-error';
  error.setAttribute('aria-live', 'polite');
  wrap.append(label, row, hint, error);
  return wrap;
}

/**
 * Asks the crate which field texts are bad (messages in the page's language) and shows each
 * message next to its field. Returns the number of bad fields.
 */
function checkParams() {
  const lesson = findLesson(state.lesson);
  if (!state.ls || !lesson) return 0;
  let errors = [];
  try {
    errors = Array.from(state.ls.checkParams(lesson.id, { ...state.params }, state.lang) ?? []);
    state.notices = state.notices.filter((n) => n.key !== 'noticeCheckFailed');
  } catch (e) {
    state.notices = [...state.notices.filter((n) => n.key !== 'noticeCheckFailed'),
      { key: 'noticeCheckFailed', vars: { message: errorText(e) } }];
  }
  renderNotices();
  state.paramErrors = {};
  for (const { param, message } of errors) state.paramErrors[param] = String(message);
  renderParamErrors();
  if (errors.length === 0 && state.status.name === 'invalid') {
    setStatus(state.live ? 'running' : 'idle', state.live ? 'status_running' : 'status_idle');
  }
  return errors.length;
}

function renderParamErrors() {
  for (const p of findLesson(state.fieldsFor)?.params ?? []) {
    const message = state.paramErrors[p.id] ?? '';
    const error = $(`${fieldId(p.id)}-error`);
    if (error.textContent !== message) error.textContent = message;
    error.hidden = message === '';
    $(fieldId(p.id)).setAttribute('aria-invalid', message ? 'true' : 'false');
  }
}

// ---------- live controls ----------

/** The lesson's control buttons; enabled only while a run of that lesson is live. */
function renderLiveControls() {
  const lesson = findLesson(state.lesson);
  const controls = lesson?.controls ?? [];
  const key = `${state.lesson}/${state.lang}`;
  if (key !== state.controlsKey) {
    state.controlsKey = key;
    el.liveButtons.replaceChildren(...controls.map((c) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.id = `control-${c.id}`;
      button.dataset.control = c.id;
      button.textContent = pick(c.label, state.lang);
      button.addEventListener('click', () => sendControl(c));
      return button;
    }));
  }
  el.liveControls.hidden = controls.length === 0;
  const live = state.live && state.runLesson === state.lesson;
  for (const button of el.liveButtons.querySelectorAll('button')) button.disabled = !live;
}

function sendControl(control) {
  state.notices = state.notices.filter((n) => n.key !== 'noticeControlFailed');
  try {
    state.ls.sendControl(state.runId, control.id);
  } catch (e) {
    state.notices = [...state.notices, { key: 'noticeControlFailed', vars: { control: control.label, message: errorText(e) } }];
  }
  renderNotices();
}

function drawLegend() {
  const dpr = window.devicePixelRatio || 1;
  for (const canvas of document.querySelectorAll('canvas.swatch')) {
    canvas.width = Math.round(SWATCH_WIDTH * dpr);
    canvas.height = Math.round(SWATCH_HEIGHT * dpr);
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawSwatch(ctx, canvas.dataset.swatch, SWATCH_WIDTH, SWATCH_HEIGHT);
  }
}

// ---------- instruments ----------

/** What the instrument modules may ask of the page: read-only views and a few callbacks. */
const view = {
  model: () => model,
  t: (key, vars) => t(key, vars),
  lang: () => state.lang,
  ls: () => state.ls,
  run: () => (state.runId === null ? null : {
    id: state.runId, live: state.live, lesson: state.runLesson, variant: state.runVariant,
  }),
  pull: () => (state.ls ? pull() : 0),
  // Step with no live run: start one paused (its first step polls the root task).
  startPaused: () => { if (!el.run.disabled) startRun({ paused: true }); },
  canStart: () => Boolean(state.ls) && !state.crashed && !el.run.disabled,
  changed: () => renderFrame(now(), true, true),
  notice: (key, vars) => {
    state.notices = [...state.notices.filter((n) => n.key !== key), { key, vars }];
    renderNotices();
  },
  // The status line says "paused" while the instruments hold the run.
  setPaused: (paused) => {
    if (state.live) setStatus(paused ? 'paused' : 'running', paused ? 'status_paused' : 'status_running');
  },
};

timeline = createTimelineView({
  canvas: el.canvas, tip: $('timeline-tip'), live: $('timeline-live'), follow: $('follow-live'),
  zoomIn: $('zoom-in'), zoomOut: $('zoom-out'), fit: $('zoom-fit'), range: $('view-range'),
  lanesUp: $('lanes-up'), lanesDown: $('lanes-down'),
}, { ...view, hogs: () => stats.hogs() });
stats = createStatsPanel({
  table: $('stats'), body: $('stats-rows'), note: $('stats-note'), empty: $('stats-empty'),
  headers: [...document.querySelectorAll('#stats thead th')],
  threshold: $('hog-threshold'), thresholdError: $('hog-threshold-error'),
  hogSummary: $('hog-summary'), hogList: $('hog-list'), panel: el.statsPanel,
}, view);
loopPanel = createLoopPanel({
  summary: el.loopSummary, table: el.loopTasks, body: el.loopRows, note: $('loop-note'), panel: el.loopPanel,
}, view);
events = createEventsTable({ details: $('events'), body: $('events-rows'), count: $('events-count') }, view);
instruments = createInstruments({
  pause: $('pause'), resume: $('resume'), step: $('step'), stepResult: $('step-result'), download: $('download'),
}, { ...view, hogMs: () => stats.hogs().threshold });
for (const name of ['pause', 'resume', 'step', 'download']) {
  $(name).addEventListener('click', () => instruments[name]());
}
installShortcuts(document, {
  run: () => { if (!el.run.disabled) startRun(); },
  pause: () => instruments.toggle(),
  step: () => instruments.step(),
  reset: () => { if (!el.reset.disabled) el.reset.click(); },
});

// ---------- controls ----------

el.lang.addEventListener('change', () => {
  state.lang = el.lang.value === 'tr' ? 'tr' : 'en';
  storeLang(state.lang);
  state.notices = state.notices.filter((n) => n.key !== 'noticeBadLang');
  syncHash();
  renderAll();
  if (Object.keys(state.paramErrors).length > 0) checkParams(); // messages in the new language
});
el.lesson.addEventListener('change', () => {
  state.lesson = el.lesson.value;
  state.variant = findLesson(state.lesson)?.variants[0]?.id ?? '';
  // Another lesson: its own parameters, at their defaults; the old messages no longer apply.
  clearTimeout(state.checkTimer);
  state.params = paramsFromUrl(new URLSearchParams(), findLesson(state.lesson));
  state.paramErrors = {};
  state.notices = state.notices.filter((n) => !n.key.startsWith('noticeUnknown'));
  clearRun('idle'); // another lesson's code: the old drawing would no longer match it
  syncHash();
  renderAll();
});
el.variant.addEventListener('change', () => {
  state.variant = el.variant.value;
  state.notices = state.notices.filter((n) => n.key !== 'noticeUnknownVariant');
  syncHash();
  renderLesson(); // the Python panel follows the variant
  renderNotices();
});
el.speed.addEventListener('change', () => {
  const speed = Number(el.speed.value);
  if (!Number.isFinite(speed) || speed <= 0) return;
  state.speed = speed; // the next run uses it; a live run keeps the speed it started with
  state.notices = state.notices.filter((n) => n.key !== 'noticeBadSpeed');
  syncHash();
  renderLesson();
  renderNotices();
});
el.mode.addEventListener('change', () => {
  state.mode = el.mode.value === 'virtual' ? 'virtual' : 'real'; // the next run uses it
  state.notices = state.notices.filter((n) => n.key !== 'noticeBadMode');
  syncHash();
  renderLesson();
  renderNotices();
  renderTotals(now()); // each mode compares its own finished runs
});
el.run.addEventListener('click', () => { startRun(); });
el.reset.addEventListener('click', () => clearRun(state.live ? 'cancelled' : 'idle'));
// The address already holds everything a run depends on (syncHash), so sharing it is copying it.
el.copyLink.addEventListener('click', async () => {
  syncHash();
  const url = location.href;
  try {
    await navigator.clipboard.writeText(url);
    el.copyLinkStatus.textContent = t('linkCopied');
  } catch {
    el.copyLinkStatus.textContent = t('linkManual', { url }); // no clipboard access: show it
  }
});
window.addEventListener('hashchange', applyHash);

// ---------- start ----------

el.run.disabled = true;
el.reset.disabled = true;
applyHash(); // language and notices are known before the runtime loads
drawLegend();
setStatus('idle', 'status_loading');

try {
  // loadRuntime imports the package dynamically, so a missing or broken one shows the crash
  // panel instead of a page that silently never starts. It is shared with any
  // <loopscope-lesson> on the same page.
  const rt = await loadRuntime();
  Object.assign(state, { rt, ls: rt.ls, wasm: rt.wasm, ring: rt.ring, lessons: rt.lessons });
} catch (e) {
  crash(errorText(e));
}

if (!state.crashed) {
  model = createModel({ cursor: state.ls.traceHead() });
  el.run.disabled = false;
  el.reset.disabled = false;
  applyHash();
  setStatus('idle', 'status_idle');
  requestAnimationFrame(frame);
}
