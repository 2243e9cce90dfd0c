// Wiring: loads the wasm runtime, keeps the page state, and once per animation frame takes the
// new trace records (one ring read per frame, never one call per record) into the model, then
// renders the timeline, the console and the totals from it. Controls call back into the runtime.

import { t as translate, pick, formatSeconds } from './i18n.js';
import { createModel, currentRun, endTime, ingest, lessonSeconds, taskStates } from './trace.js';
import { canvasHeight, draw, drawSwatch, waitLabel } from './timeline.js';
import {
  SPEED_CHOICES, buildHash, fillSelect, paramsFromUrl, parseHash, readStoredLang, resolveState,
  speedText, storeLang,
} from './controls.js';

const SWATCH_WIDTH = 28; // CSS px, legend swatches (matches style.css)
const SWATCH_HEIGHT = 16; // CSS px
const OVERLAP_RATIO = 0.9; // elapsed below this share of the sleeps' sum counts as "waited together"
const CHECK_DEBOUNCE_MS = 300; // ms of no typing before a parameter field is checked
const REMAINING_DIGITS = 1; // decimals of "0.6 s left" in the loop panel: it changes ~10×/lesson s
/** Icons of the loop panel's states: each state has its own shape, never only a colour. */
const STATE_ICONS = Object.freeze({
  running: '▶', ready: '→', waiting: '◷', done: '✓', cancelled: '✕',
});

const $ = (id) => document.getElementById(id);
const el = {
  lang: $('lang'), lesson: $('lesson'), variant: $('variant'), run: $('run'), reset: $('reset'),
  status: $('status'), notice: $('notice'), crash: $('crash'), crashDetail: $('crash-detail'),
  reload: $('reload'), speedNote: $('speed-note'), title: $('lesson-title'),
  summary: $('lesson-summary'), lessonNote: $('lesson-note'), caption: $('run-caption'),
  canvas: $('timeline'), console: $('console'), consoleEmpty: $('console-empty'),
  totals: $('totals'), python: $('code-python'), rust: $('code-rust'),
  speed: $('speed'), seed: $('lesson-seed'), params: $('params'), paramFields: $('param-fields'),
  liveControls: $('live-controls'), liveButtons: $('live-control-buttons'),
  loopSummary: $('loop-summary'), loopTasks: $('loop-tasks'), loopRows: $('loop-rows'),
};

const state = {
  ls: null, wasm: null, ring: null, // runtime module, its exports, {ptr, capacity}
  lessons: [], lesson: '', variant: '', lang: 'en', speed: 1, speedFromUrl: false,
  notices: [], // {key, vars}: shown in #notice, re-translated on a language switch
  status: { name: 'idle', key: 'status_loading', vars: {} },
  runId: null, runLesson: '', runVariant: '', live: false, printed: 0, crashed: false,
  results: new Map(), // "lesson/variant" → {s, params}: lesson s of its last finished run, with what values
  drawnKey: '', totalsKey: '', loopKey: '', controlsKey: '', runParams: '',
  params: {}, // paramId → field text of the shown lesson (raw: checked by the crate)
  paramErrors: {}, // paramId → message from checkParams, in state.lang
  fieldsFor: '', // lesson id whose parameter fields are in the DOM
  checkTimer: 0,
};
let model = createModel();
const texts = new Map(); // trace text id → string; ids are interned, so cached for good

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

function text(id) {
  if (id === 0) return '';
  let s = texts.get(id);
  if (s === undefined) {
    s = String(state.ls.traceText(id) ?? '');
    texts.set(id, s);
  }
  return s;
}

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
}

window.addEventListener('error', (e) => crash(e.message || errorText(e.error)));
window.addEventListener('unhandledrejection', (e) => crash(errorText(e.reason)));
el.reload.addEventListener('click', () => location.reload());

// ---------- state from the URL ----------

function applyHash() {
  const s = resolveState(parseHash(location.hash), state.lessons, readStoredLang(), navigator.language);
  const lessonChanged = s.lesson !== state.lesson;
  Object.assign(state, {
    lang: s.lang, lesson: s.lesson, variant: s.variant, speed: s.speed,
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

async function startRun() {
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
  const cursor = ls.traceHead(); // records before this belong to earlier runs
  const t0 = ls.clockNow();
  let id;
  try {
    id = ls.startRun(state.lesson, state.variant, state.speed, state.lang, { ...state.params });
  } catch (e) {
    state.notices = [...state.notices, { key: 'noticeStartFailed', vars: { message: errorText(e) } }];
    clearRun('idle');
    renderNotices();
    return;
  }
  model = createModel({ runId: id, cursor, speed: state.speed, t0 });
  Object.assign(state, {
    runId: id, runLesson: state.lesson, runVariant: state.variant, live: true,
    runParams: paramsKey(state.params),
  });
  clearConsole();
  setStatus('running', 'status_running');

  let result;
  try {
    result = await ls.runFinished(id);
  } catch {
    result = null; // it rejects when the run already ended: the trace's RUN_END says how
  }
  if (state.runId !== id || state.crashed) return; // a newer run or a reset took over
  state.live = false;
  pull(); // take the RUN_END now, so the elapsed time is final
  result ??= currentRun(model)?.end?.kind ?? 'finished';
  const elapsedS = lessonSeconds(model, endTime(model, ls.clockNow()));
  if (result === 'finished') {
    state.results.set(`${state.runLesson}/${state.runVariant}`, { s: elapsedS, params: state.runParams });
    setStatus('finished', 'status_finished', { elapsed: formatSeconds(elapsedS, 3) });
  } else {
    setStatus('cancelled', 'status_cancelled');
  }
  renderFrame(ls.clockNow(), true);
}

/** Cancels the live run (if any) and empties the model, console and timeline. */
function clearRun(statusName) {
  if (state.live && state.ls) state.ls.cancelRun(state.runId);
  Object.assign(state, { runId: null, live: false });
  model = createModel({ cursor: state.ls ? state.ls.traceHead() : 0, speed: state.speed });
  clearConsole();
  setStatus(statusName, `status_${statusName}`);
  renderFrame(state.ls ? state.ls.clockNow() : 0, true);
}

/** Folds the records written since the last frame. Views are rebuilt each time: memory growth
 *  replaces memory.buffer and detaches old views. */
function pull() {
  const { ls, wasm, ring } = state;
  const head = ls.traceHead();
  if (head === model.cursor) return 0;
  const buffer = wasm.memory.buffer;
  return ingest(model, {
    f64: new Float64Array(buffer, ring.ptr, ring.capacity * 4),
    u32: new Uint32Array(buffer, ring.ptr, ring.capacity * 8),
    capacity: ring.capacity,
    head,
  }, text);
}

function frame() {
  if (state.crashed) return;
  const fresh = pull();
  renderFrame(state.ls.clockNow(), fresh > 0 || state.live);
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
  el.speedNote.hidden = state.speed === 1;
  el.speedNote.textContent = t('speedNote', { speed: state.speed });
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
  renderFrame(state.ls ? state.ls.clockNow() : 0, true);
}

function clearConsole() {
  state.printed = 0;
  el.console.replaceChildren();
  el.consoleEmpty.hidden = false;
}

function renderConsole() {
  const run = currentRun(model);
  if (!run || run.prints.length === state.printed) return;
  const items = run.prints.slice(state.printed).map((print) => {
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
  state.printed = run.prints.length;
  el.console.append(...items);
  el.consoleEmpty.hidden = true;
  el.console.scrollTop = el.console.scrollHeight; // instant, never smooth (reduced motion)
}

function renderTotals(now) {
  const run = currentRun(model);
  const lesson = findLesson(state.lesson);
  const rows = [];
  if (run) {
    const elapsedS = Math.max(0, lessonSeconds(model, endTime(model, now)));
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
    .map((v) => ({ label: pick(v.label, state.lang), result: state.results.get(`${state.lesson}/${v.id}`) }))
    .filter((r) => r.result !== undefined && r.result.params === current)
    .map((r) => ({ label: r.label, s: r.result.s }));
  const key = JSON.stringify([rows, done, state.lang]);
  if (key === state.totalsKey) return;
  state.totalsKey = key;

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
}

function renderTimeline(now, force) {
  const canvas = el.canvas;
  const cssW = Math.max(1, canvas.clientWidth);
  const cssH = canvasHeight(model);
  const dpr = window.devicePixelRatio || 1;
  const sizeKey = `${cssW}x${cssH}@${dpr}/${state.lang}`;
  if (!force && sizeKey === state.drawnKey) return;
  state.drawnKey = sizeKey;
  // The canvas's CSS is width:100%; height:auto, so its bitmap size also sets its shown height.
  const w = Math.round(cssW * dpr);
  const h = Math.round(cssH * dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  ctx.setTransform(w / cssW, 0, 0, h / cssH, 0, 0);
  const drawn = draw(ctx, model, { width: cssW, height: cssH, now, t });

  canvas.dataset.taskLanes = String(drawn.taskLanes);
  let label = t('timelineEmpty');
  if (currentRun(model)) {
    label = t('timelineSummary', {
      lanes: drawn.taskLanes, names: drawn.names.join(', '), elapsed: formatSeconds(drawn.elapsedS, 1),
    });
    if (drawn.maxWaiting >= 2) label += t('timelineOverlap', { count: drawn.maxWaiting });
  }
  if (canvas.getAttribute('aria-label') !== label) canvas.setAttribute('aria-label', label);
}

function renderFrame(now, force) {
  renderConsole();
  renderTotals(now);
  renderCaption();
  renderTimeline(now, force);
  renderLoop(now);
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

// ---------- the event loop now ----------

/** Display rows of the loop panel: plain strings, so a frame can tell whether anything changed. */
function loopRows(now) {
  return taskStates(model, now).map((row) => {
    let detail;
    switch (row.state) {
      case 'running': detail = t('detail_running'); break;
      case 'ready': {
        const { cause, by } = row.ready;
        if (cause === 'spawn') detail = t(by ? 'readyBy_spawn' : 'readyBy_spawnRoot', { by });
        else if (cause === 'task') detail = t(by ? 'readyBy_task' : 'readyBy_taskAnon', { by });
        else detail = t(`readyBy_${cause}`);
        break;
      }
      case 'waiting': {
        const { parts, remainingMs } = row.wait;
        detail = parts.length ? waitLabel(parts, t) : t('waitUnknown');
        if (remainingMs !== null) {
          detail += ` · ${t('waitRemaining', { left: formatSeconds(remainingMs / 1000, REMAINING_DIGITS) })}`;
        }
        break;
      }
      default: detail = t(`detail_${row.state}`);
    }
    return [row.id, row.name, row.depth, row.state, detail];
  });
}

function renderLoop(now) {
  const run = currentRun(model);
  const rows = run ? loopRows(endTime(model, now)) : [];
  const count = (s) => rows.filter((r) => r[3] === s).length;
  const summary = run
    ? t('loopSummary', {
      // The model holds only the ticks since this run started.
      ticks: model.ticks.length, running: count('running'), ready: count('ready'),
      waiting: count('waiting'), ended: count('done') + count('cancelled'),
    })
    : t('loopEmpty');
  // The tick number moves every frame of a busy run; the rows only when a task's state does.
  if (el.loopSummary.textContent !== summary) el.loopSummary.textContent = summary;
  const key = JSON.stringify(rows);
  if (key === state.loopKey) return;
  state.loopKey = key;
  el.loopTasks.hidden = rows.length === 0;
  el.loopRows.replaceChildren(...rows.map(([id, name, depth, taskState, detail]) => {
    const tr = document.createElement('tr');
    tr.dataset.taskId = String(id);
    tr.dataset.state = taskState;
    const nameCell = document.createElement('th');
    nameCell.scope = 'row';
    nameCell.dataset.depth = String(Math.min(depth, 4));
    nameCell.textContent = name;
    const stateCell = document.createElement('td');
    stateCell.className = 'state';
    const icon = document.createElement('span');
    icon.className = 'icon';
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = STATE_ICONS[taskState] ?? '';
    const word = document.createElement('span');
    word.textContent = t(`state_${taskState}`);
    stateCell.append(icon, word);
    const detailCell = document.createElement('td');
    detailCell.className = 'detail';
    detailCell.textContent = detail;
    tr.append(nameCell, stateCell, detailCell);
    return tr;
  }));
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
el.run.addEventListener('click', () => { startRun(); });
el.reset.addEventListener('click', () => clearRun(state.live ? 'cancelled' : 'idle'));
window.addEventListener('hashchange', applyHash);

// ---------- start ----------

el.run.disabled = true;
el.reset.disabled = true;
applyHash(); // language and notices are known before the runtime loads
drawLegend();
setStatus('idle', 'status_loading');

try {
  // A dynamic import, so a missing or broken package shows the crash panel instead of a
  // page that silently never starts.
  const ls = await import('./pkg/loopscope.js');
  state.wasm = await ls.default();
  state.ls = ls;
  // The blocking lesson's Web Worker, served beside this module (no Blob URL needed).
  ls.setWorkerUrl(new URL('./worker.js', import.meta.url).href);
  state.ring = { ptr: ls.traceBuffer(), capacity: ls.traceCapacity() };
  state.lessons = Array.from(ls.lessons() ?? []);
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
