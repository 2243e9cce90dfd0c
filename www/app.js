// Wiring: loads the wasm runtime, keeps the page state, and once per animation frame takes the
// new trace records (one ring read per frame, never one call per record, within a time budget)
// into the model, then renders every panel from it; each of them does work in proportion to
// what it shows, not to the run's size. Each part lives in its own module (runs: Run, Step and
// Reset; code-pane: the Python and its editor; param-form, live-controls, lesson-view, console,
// totals, timeline-ui, stats-panel, loop-panel, events-table, instruments, predict, shortcuts);
// this file only connects them and the page's controls.
//
// Run runs the lesson's Python (the learner's, editable: program.js, editor.js, loaded on first
// edit) or the crate's Rust, by the Python/Rust switch. A Python run is an ordinary run of the
// runtime (the same records), so every instrument works on it unchanged; only its syntax
// errors, its error line and its tasks' current lines are the editor's.

import { t as translate, pick, textKey } from './i18n.js';
import { FRAME_INGEST_MS, canRunScripts, loadRuntime } from './runtime.js';
import { drawSwatch } from './timeline.js';
import {
  buildHash, paramsFromUrl, parseHash, readEngineerOpen, readStoredLang, resolveState, storeEngineerOpen, storeLang,
} from './url-state.js';
import { encodeCode, lessonPython, scriptLesson } from './program.js';
import { createTimelineView } from './timeline-ui.js';
import { createStatsPanel } from './stats-panel.js';
import { MAX_EVENTS, createEventsTable } from './events-table.js';
import { createInstruments } from './instruments.js';
import { installShortcuts } from './shortcuts.js';
import { createLoopPanel } from './loop-panel.js';
import { createPredict } from './predict.js';
import { installPanelTabs } from './panel-tabs.js';
import { installLessonText } from './lesson-text.js';
import { fitCanvas } from './dom.js';
import { createConsole } from './console.js';
import { createTotals } from './totals.js';
import { createParamForm, paramsKey } from './param-form.js';
import { createCodePane } from './code-pane.js';
import { createLessonView } from './lesson-view.js';
import { createLiveControls } from './live-controls.js';
import { createRuns } from './runs.js';

const SWATCH_WIDTH = 28; // CSS px, legend swatches (matches style.css)
const SWATCH_HEIGHT = 16; // CSS px
const MAX_CONSOLE_LINES = 1000; // older printed lines leave the page (a long run prints on and on)

const $ = (id) => document.getElementById(id);
const el = {
  lang: $('lang'), lesson: $('lesson'), variant: $('variant'), run: $('run'), reset: $('reset'),
  copyLink: $('copy-link'), copyLinkStatus: $('copy-link-status'),
  status: $('status'), notice: $('notice'), crash: $('crash'), crashDetail: $('crash-detail'),
  reload: $('reload'), speedNote: $('speed-note'), title: $('lesson-title'),
  summary: $('lesson-summary'), lessonNote: $('lesson-note'), caption: $('run-caption'),
  canvas: $('timeline'), console: $('console'), consoleLog: $('console-log'), consoleEmpty: $('console-empty'),
  totals: $('totals'), python: $('code-python'), rust: $('code-rust'),
  speed: $('speed'), seed: $('lesson-seed'), params: $('params'), paramFields: $('param-fields'),
  liveControls: $('live-controls'), liveButtons: $('live-control-buttons'),
  loopSummary: $('loop-summary'), loopTasks: $('loop-tasks'), loopRows: $('loop-rows'),
  threadNote: $('thread-note'), threadNoteShort: $('thread-note-short'), threadNoteMore: $('thread-note-more'),
  mode: $('mode'), modeNote: $('mode-note'), modeNoteShort: $('mode-note-short'), modeNoteMore: $('mode-note-more'),
  timelineHint: $('timeline-hint'), eventsHint: $('events-hint'),
  engine: $('engine'), engineNote: $('engine-note'), editorHost: $('editor'), pythonCol: $('python-col'),
  rustCol: $('rust-col'), mapping: $('mapping'), codeHint: $('code-hint'), codeRestore: $('code-restore'),
  codeEdited: $('code-edited'), problem: $('console-problem'), taskLines: $('task-lines'),
  pythonHeading: $('python-heading'), stepResult: $('step-result'), legendRaise: $('legend-raise'),
  original: $('original'), originalSummary: $('original-summary'), originalWhat: $('original-what'),
  originalCode: $('original-code'),
  loopPanel: document.querySelector('.loop-state'), statsPanel: document.querySelector('.stats-panel'),
  codePanel: document.querySelector('.code-panel'),
};

const state = {
  rt: null, // the loaded runtime (runtime.js); ls, wasm and ring are its parts
  ls: null, wasm: null, ring: null, // runtime module, its exports, {ptr, capacity}
  lessons: [], lesson: '', variant: '', lang: 'en', speed: 1, speedFromUrl: false, mode: 'real',
  runMode: 'real', // the time mode of the shown run (the picker may have moved on since)
  notices: [], // {key, vars}: shown in #notice, re-translated on a language switch
  status: { name: 'idle', key: 'status_loading', vars: {} },
  runId: null, runLesson: '', runVariant: '', live: false, crashed: false,
  runParams: '',
  params: {}, // paramId → field text of the shown lesson (raw: checked by the crate)
  // The Python/Rust switch and the learner's program.
  engine: 'python', hasScript: false, runEngine: 'rust',
  code: '', // the Python in the code pane (the lesson's own, or the learner's edit)
  codeEdited: false, // it differs from the lesson's own
  runEdited: false, // the shown run ran an edited program
  edits: new Map(), // "lesson/variant" → the learner's edited code, kept while they look elsewhere
};
// The instruments (set up in "instruments" below, before the first render).
let timeline;
let loopPanel;
let stats;
let events;
let instruments;
let predict;
let outputLines; // console.js
let totals; // totals.js
let paramForm; // param-form.js
let codePane; // code-pane.js
let lessonView; // lesson-view.js
let liveControls; // live-controls.js
let refreshLessonText; // lesson-text.js: the story and the note cut to a few lines, with "More"

/**
 * Whether the page may speak of Python: the runtime has the interpreter, or is not in yet (the
 * page then speaks as the usual build will, so its words do not switch to the Rust's and back
 * while the wasm loads).
 */
const pythonBuild = () => !state.ls || state.hasScript;

// Text vars may be {tr, en} objects from lessons(): pick the current language. While Run runs
// Python, the page speaks asyncio's words (textKey).
const t = (key, vars = {}) => {
  const local = {};
  for (const [k, v] of Object.entries(vars)) local[k] = typeof v === 'object' ? pick(v, state.lang) : v;
  const python = pythonBuild() && (state.live || state.runId !== null ? state.runEngine : state.engine) === 'python';
  return translate(state.lang, textKey(state.lang, key, python), local);
};
const errorText = (e) => String(e?.message ?? e);
const findLesson = (id) => state.lessons.find((l) => l.id === id);

// Run, Step from scratch and Reset (runs.js); it owns the shown run's model.
const runs = createRuns({
  state, t: (key, vars) => t(key, vars), runButton: el.run, stepResult: el.stepResult,
  setStatus, renderNotices: () => lessonView.renderNotices(), renderLesson, syncHash, checkParams,
  renderFrame: (at, force) => renderFrame(at, force),
  // On a phone the timeline is below the controls: a run brings it up to the top of the
  // screen, so the learner sees the run happen (Step stays where its button is).
  bringUp: () => { if (panelTabs.isPhone()) $('timeline-heading').scrollIntoView({ block: 'start' }); },
  parts: () => ({ paramForm, codePane, outputLines, timeline, instruments, predict, totals }),
});

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
  const s = resolveState(parseHash(location.hash), state.lessons, readStoredLang(), navigator.language, { python: pythonBuild() });
  const lessonChanged = s.lesson !== state.lesson;
  Object.assign(state, {
    lang: s.lang, lesson: s.lesson, variant: s.variant, speed: s.speed, mode: s.mode,
    modeChosen: s.modeFromUrl, speedFromUrl: s.speedFromUrl, notices: s.notices, params: s.params,
    engine: s.engine,
  });
  if (!state.hasScript && state.ls && s.code !== null) {
    state.notices = [...state.notices, { key: 'noticeNoScript' }];
  }
  if (lessonChanged && state.runId !== null) runs.clear('idle');
  // The program of the address, else the lesson's own Python.
  const own = ownPython();
  state.code = s.code ?? own;
  state.codeEdited = s.code !== null && s.code !== own;
  codePane.reset(state.code);
  if (state.hasScript && (state.codeEdited || findLesson(state.lesson)?.rustless)) codePane.ensure();
  syncHash();
  renderAll();
  // Values from the URL are only checked, never run: a bad one shows its message at once.
  checkParams();
}

function syncHash() {
  if (!state.lesson) return;
  const lesson = findLesson(state.lesson);
  const defaultVariant = lesson?.variants[0]?.id;
  const code = state.codeEdited && state.hasScript ? encodeCode(state.code) : '';
  // Without an interpreter there is no switch: the address keeps its default.
  const engine = state.hasScript ? state.engine : undefined;
  const hash = buildHash({
    ...state, engine, code, defaultVariant, lessonParams: lesson?.params ?? [], paramsRead: state.engine === 'rust',
  });
  // replaceState does not fire hashchange, so this cannot loop.
  if (hash !== location.hash) history.replaceState(null, '', hash);
}

// ---------- frames ----------

function frame() {
  if (state.crashed) return;
  const fresh = runs.pull(FRAME_INGEST_MS);
  renderFrame(runs.now(), fresh > 0 || state.live);
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
  liveControls?.render(); // a run starts or ends with a status change
  instruments?.render();
}

/** The shown lesson variant, as the key of its kept edits. */
const editKey = () => `${state.lesson}/${state.variant}`;

/** Before another lesson or variant is shown: the learner's edits of this one are kept. */
function keepEdits() {
  if (state.codeEdited) state.edits.set(editKey(), state.code);
  else state.edits.delete(editKey());
}

/**
 * The code of the lesson variant now shown (a new lesson or variant): the learner's edits of
 * it if they made some earlier in this visit (nothing typed is lost), else its own Python.
 */
function showLessonCode() {
  codePane.cancelCheck();
  const own = ownPython();
  const kept = state.edits.get(editKey());
  state.codeEdited = kept !== undefined && kept !== own;
  state.code = state.codeEdited ? kept : own;
  codePane.reset(state.code);
  if (state.codeEdited && state.hasScript) codePane.ensure();
}

/** Whether Run runs the Python (the interpreter is there and the switch says so). */
function pythonMode() {
  return state.engine === 'python' && state.hasScript;
}

/** The shown lesson's own Python (its variant's, in the page's language for the blank lesson). */
function ownPython() {
  return lessonPython(findLesson(state.lesson), state.variant, pick, state.lang);
}

function renderLesson() {
  // Until the runtime is in, no lesson is known (the catalogue is the crate's): the title stays
  // the one first-paint.js painted, and the rest waits rather than hold up the runtime's start.
  if (!state.ls) return;
  if (!state.codeEdited) state.code = ownPython();
  lessonView.renderLesson();
}

// ---------- the learner's program ----------

/** The learner typed (code-pane.js): the program is theirs now. */
function codeEdited(text) {
  state.code = text;
  state.codeEdited = text !== ownPython();
  el.codeEdited.hidden = !state.codeEdited;
  el.codeRestore.hidden = !state.codeEdited;
  lessonView.renderThreadNote();
  predict.render(); // an edited program is no longer the one the question is about
}

function renderAll() {
  lessonView.renderStaticText();
  el.eventsHint.textContent = t('eventsHint', { max: MAX_EVENTS });
  if (state.ls) { // the lesson and its panels wait for the runtime (see renderLesson)
    outputLines.retranslate();
    renderLesson();
    stats.retranslate();
    instruments.tell();
  }
  lessonView.renderNotices();
  renderStatus();
  if (state.ls) {
    renderFrame(runs.now(), true);
  } else {
    lessonView.renderCaption(); // the timeline's texts, in the page's language, without its drawing
    lessonView.renderSpeed(); // the speeds need no runtime
  }
}

/**
 * One frame; `immediate` also refreshes the throttled panels now (a step, a run's end). The
 * timeline goes first: it reads layout, which is free before anything of this frame is written.
 * The console goes last: scrolling it to its end reads layout after all the writes, once.
 */
function renderFrame(at, force, immediate = force && !state.live) {
  timeline.render(at, force);
  lessonView.renderCaption();
  renderTotals(at);
  loopPanel.render(at, immediate);
  stats.render(at, immediate);
  events.render(immediate);
  instruments.render();
  // A traceback arrived: the exception's line is known now (scriptErrorLine).
  if (outputLines.render(runs.model()).stderr && state.runEngine === 'python') codePane.readErrorLine();
}

function renderTotals(at) {
  totals.render(at, {
    model: runs.model(), lesson: findLesson(state.lesson), mode: state.mode, engine: state.engine,
    params: state.engine === 'python' ? '' : paramsKey(state.params), // Python takes no parameters
    hogs: stats?.hogs().list ?? [],
  });
}

// ---------- parameters ----------

/**
 * Asks the crate which field texts are bad (param-form.js shows each message next to its
 * field). Returns the number of bad fields.
 */
function checkParams() {
  const checked = paramForm.check(state.ls);
  if (!checked) return 0; // the blank lesson has no parameters
  state.notices = state.notices.filter((n) => n.key !== 'noticeCheckFailed');
  if (checked.failed !== null) state.notices = [...state.notices, { key: 'noticeCheckFailed', vars: { message: checked.failed } }];
  lessonView.renderNotices();
  paramForm.showErrors();
  if (checked.count === 0 && state.status.name === 'invalid') {
    setStatus(state.live ? 'running' : 'idle', state.live ? 'status_running' : 'status_idle');
  }
  return checked.count;
}

// ---------- live controls ----------

function sendControl(control) {
  state.notices = state.notices.filter((n) => n.key !== 'noticeControlFailed');
  try {
    state.ls.sendControl(state.runId, control.id);
  } catch (e) {
    state.notices = [...state.notices, { key: 'noticeControlFailed', vars: { control: control.label, message: errorText(e) } }];
  }
  lessonView.renderNotices();
}

function drawLegend() {
  for (const canvas of document.querySelectorAll('canvas.swatch')) {
    drawSwatch(fitCanvas(canvas, SWATCH_WIDTH, SWATCH_HEIGHT).ctx, canvas.dataset.swatch, SWATCH_WIDTH, SWATCH_HEIGHT);
  }
}

// ---------- instruments ----------

/** What the instrument modules may ask of the page: read-only views and a few callbacks. */
const view = {
  model: () => runs.model(),
  t: (key, vars) => t(key, vars),
  lang: () => state.lang,
  ls: () => state.ls,
  run: () => (state.runId === null ? null : {
    id: state.runId, live: state.live, lesson: state.runLesson, variant: state.runVariant,
  }),
  pull: () => (state.ls ? runs.pull() : 0),
  // Step with no live run: start one paused (its first step polls the root task).
  startPaused: () => runs.stepFromScratch(),
  canStart: () => Boolean(state.ls) && !state.crashed && !el.run.disabled,
  changed: () => {
    renderFrame(runs.now(), true, true);
    codePane.refreshMarks(); // a step moved a task: its line too
  },
  notice: (key, vars) => {
    state.notices = [...state.notices.filter((n) => n.key !== key), { key, vars }];
    lessonView.renderNotices();
  },
  // The status line says "paused" while the instruments hold the run.
  setPaused: (paused) => {
    if (state.live) setStatus(paused ? 'paused' : 'running', paused ? 'status_paused' : 'status_running');
    // After the instruments have taken the new state: show (or clear) each task's line.
    queueMicrotask(() => codePane.refreshMarks());
  },
};

timeline = createTimelineView({
  canvas: el.canvas, tip: $('timeline-tip'), live: $('timeline-live'), follow: $('follow-live'),
  zoomIn: $('zoom-in'), zoomOut: $('zoom-out'), fit: $('zoom-fit'), range: $('view-range'),
  lanesUp: $('lanes-up'), lanesDown: $('lanes-down'),
}, {
  ...view,
  hogs: () => stats.hogs(),
  pollLines: (taskId, n) => codePane.pollLines(taskId, n),
  focused: (slice) => codePane.focusPoll(slice),
});
stats = createStatsPanel({
  table: $('stats'), body: $('stats-rows'), note: $('stats-note'), empty: $('stats-empty'),
  headers: [...document.querySelectorAll('#stats thead th')],
  threshold: $('hog-threshold'), thresholdError: $('hog-threshold-error'),
  hogSummary: $('hog-summary'), hogList: $('hog-list'), panel: el.statsPanel,
}, view);
loopPanel = createLoopPanel({
  summary: el.loopSummary, queue: $('ready-queue'), table: el.loopTasks, body: el.loopRows, note: $('loop-note'), panel: el.loopPanel,
}, view);
events = createEventsTable({ details: $('events'), body: $('events-rows'), count: $('events-count') }, view);
instruments = createInstruments({
  pause: $('pause'), resume: $('resume'), step: $('step'), stepResult: $('step-result'), download: $('download'),
}, { ...view, hogMs: () => stats.hogs().threshold });
refreshLessonText = installLessonText({
  section: $('lesson-title').parentElement, parts: [el.summary, el.lessonNote], button: $('lesson-more'),
  t: (key) => t(key),
});
// Predict, then run: a question before a lesson's first run, answered by the run (predict.js).
predict = createPredict({
  box: $('predict'), ask: $('predict-ask'), label: $('predict-label'), question: $('predict-question'),
  choices: $('predict-choices'), skip: $('predict-skip'), note: $('predict-note'), again: $('predict-again'),
  reveal: $('predict-reveal'),
}, {
  t: (key, vars) => t(key, vars),
  lang: () => state.lang,
  // Only the lesson's own Python: the question is about the code as the lesson shows it.
  shown: () => (pythonMode() && !state.codeEdited ? { lesson: state.lesson, variant: state.variant } : null),
  ran: () => (state.runEngine === 'python' && !state.runEdited ? { lesson: state.runLesson, variant: state.runVariant } : null),
  storage: (() => { try { return window.localStorage; } catch { return null; } })(),
});
outputLines = createConsole({ list: el.console, scroller: el.consoleLog, empty: el.consoleEmpty }, {
  max: MAX_CONSOLE_LINES, t: (key, vars) => t(key, vars),
});
totals = createTotals(el.totals, { t: (key, vars) => t(key, vars), lang: () => state.lang });
paramForm = createParamForm({ params: el.params, fields: el.paramFields }, {
  t: (key, vars) => t(key, vars),
  lang: () => state.lang,
  lesson: () => findLesson(state.lesson),
  values: () => state.params,
  hidden: () => pythonMode(),
  typed: () => { syncHash(); checkParams(); },
  enter: () => runs.start(),
});
codePane = createCodePane({ python: el.python, host: el.editorHost, problem: el.problem, taskLines: el.taskLines }, {
  t: (key, vars) => t(key, vars),
  ls: () => state.ls,
  hasScript: () => state.hasScript,
  code: () => state.code,
  edited: codeEdited,
  settled: () => syncHash(),
  syntaxCleared: () => {
    if (state.status.name === 'invalid') setStatus(state.live ? 'running' : 'idle', state.live ? 'status_running' : 'status_idle');
  },
  runId: () => state.runId,
  runEngine: () => state.runEngine,
  live: () => state.live,
  model: () => runs.model(),
  instruments: () => instruments,
  run: () => { if (!el.run.disabled) runs.start(); },
  notice: (key, vars) => view.notice(key, vars),
});
liveControls = createLiveControls({ box: el.liveControls, buttons: el.liveButtons }, {
  lesson: () => findLesson(state.lesson),
  lang: () => state.lang,
  live: () => state.live && state.runLesson === state.lesson,
  send: sendControl,
});
lessonView = createLessonView(el, {
  state, t: (key, vars) => t(key, vars), findLesson, model: () => runs.model(), codePane,
  lessonText: () => refreshLessonText?.(),
  lessonShown: () => {
    paramForm.render();
    liveControls?.render();
    predict?.render(); // its question follows the lesson, the variant, the engine and the language
  },
});
for (const name of ['pause', 'resume', 'step', 'download']) {
  $(name).addEventListener('click', () => instruments[name]());
}
// A console line pointed at marks the line of code that printed it (a Python run).
el.console.addEventListener('pointerover', (event) => {
  const li = event.target.closest?.('li.line');
  codePane.focusPrint(li ? { task: Number(li.dataset.taskId), n: Number(li.dataset.n) } : null);
});
el.console.addEventListener('pointerleave', () => codePane.focusPrint(null, true));

// On a phone the code, the output and the event loop are tabs under the timeline (panel-tabs.js).
const panelTabs = installPanelTabs($('panel-tabs'));

// The engineer view (statistics, hogs, events, shortcuts): closed unless left open before.
const engineerView = $('engineer');
engineerView.open = readEngineerOpen();
engineerView.addEventListener('toggle', () => storeEngineerOpen(engineerView.open));

installShortcuts(document, {
  run: () => { if (!el.run.disabled) runs.start(); },
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
  if (paramForm.hasErrors()) checkParams(); // messages in the new language
});
el.lesson.addEventListener('change', () => {
  keepEdits();
  state.lesson = el.lesson.value;
  state.variant = findLesson(state.lesson)?.variants[0]?.id ?? '';
  if (findLesson(state.lesson)?.rustless) state.engine = 'python'; // the blank lesson has no Rust
  showLessonCode(); // another lesson's code (or the learner's edits of it)
  if (state.hasScript && findLesson(state.lesson)?.rustless) codePane.ensure();
  // Another lesson: its own parameters, at their defaults; the old messages no longer apply.
  paramForm.clearErrors();
  state.params = paramsFromUrl(new URLSearchParams(), findLesson(state.lesson));
  state.notices = state.notices.filter((n) => !n.key.startsWith('noticeUnknown') && n.key !== 'noticeParamsPython');
  runs.clear('idle'); // another lesson's code: the old drawing would no longer match it
  syncHash();
  renderAll();
});
el.variant.addEventListener('change', () => {
  keepEdits();
  state.variant = el.variant.value;
  showLessonCode(); // the variant's own Python (or the learner's edits of it)
  state.notices = state.notices.filter((n) => n.key !== 'noticeUnknownVariant');
  syncHash();
  renderLesson(); // the Python panel follows the variant
  lessonView.renderNotices();
});
el.speed.addEventListener('change', () => {
  const speed = Number(el.speed.value);
  if (!Number.isFinite(speed) || speed <= 0) return;
  state.speed = speed; // the next run uses it; a live run keeps the speed it started with
  state.notices = state.notices.filter((n) => n.key !== 'noticeBadSpeed');
  syncHash();
  renderLesson();
  lessonView.renderNotices();
});
el.mode.addEventListener('change', () => {
  state.mode = el.mode.value === 'virtual' ? 'virtual' : 'real'; // the next run uses it
  state.modeChosen = true; // Step keeps it (see stepFromScratch)
  state.notices = state.notices.filter((n) => n.key !== 'noticeBadMode');
  syncHash();
  renderLesson();
  lessonView.renderNotices();
  renderTotals(runs.now()); // each mode compares its own finished runs
});
el.run.addEventListener('click', () => { runs.start(); });
el.engine.addEventListener('change', (e) => {
  const value = e.target?.value;
  if (value !== 'python' && value !== 'rust') return;
  state.engine = value; // the next run uses it; a live run goes on
  // An engine is chosen now; chosen, the Rust reads the address's parameters after all.
  state.notices = state.notices.filter((n) => n.key !== 'noticeBadEngine' && !(value === 'rust' && n.key === 'noticeParamsPython'));
  syncHash();
  renderAll(); // the words follow the engine (asyncio's for Python)
  renderTotals(runs.now()); // each engine compares its own finished runs
  if (value === 'rust' && Object.keys(state.params).length > 0) checkParams();
});
el.codeRestore.addEventListener('click', () => {
  state.edits.delete(editKey());
  showLessonCode();
  syncHash();
  renderLesson();
  codePane.focus();
});
el.reset.addEventListener('click', () => runs.clear(state.live ? 'cancelled' : 'idle'));
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
setStatus('idle', 'status_loading');

try {
  // loadRuntime imports the package dynamically, so a missing or broken one shows the crash
  // panel instead of a page that silently never starts. It is shared with any
  // <loopscope-lesson> on the same page.
  const rt = await loadRuntime();
  const hasScript = canRunScripts(rt);
  // The blank lesson only where the learner's Python can run (the crate has its interpreter).
  const lessons = hasScript && !rt.lessons.some((l) => l.id === scriptLesson().id) ? [...rt.lessons, scriptLesson()] : rt.lessons;
  Object.assign(state, { rt, ls: rt.ls, wasm: rt.wasm, ring: rt.ring, lessons, hasScript });
} catch (e) {
  crash(errorText(e));
}
drawLegend();

if (!state.crashed) {
  runs.ready();
  el.run.disabled = false;
  el.reset.disabled = false;
  applyHash();
  setStatus('idle', 'status_idle');
  requestAnimationFrame(frame);
}
