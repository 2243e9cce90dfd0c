// Wiring: loads the wasm runtime, keeps the page state, and once per animation frame takes the
// new trace records (one ring read per frame, never one call per record, within a time budget)
// into the model, then renders the timeline, the console, the totals and the instruments from
// it; each of them does work in proportion to what it shows, not to the run's size. Controls call
// back into the runtime. Each instrument lives in its own module (timeline-ui, stats-panel,
// events-table, instruments, shortcuts); this file only connects them.
//
// Run runs the lesson's Python (the learner's, editable: program.js, editor.js, loaded on first
// edit) or the crate's Rust, by the Python/Rust switch. A Python run is an ordinary run of the
// runtime (the same records), so every instrument works on it unchanged; only its syntax
// errors, its error line and its tasks' current lines are the editor's.

import { t as translate, hasText, pick, formatSeconds } from './i18n.js';
import { createModel, currentRun, endTime, lessonRate, lessonSeconds } from './trace.js';
import {
  canRunScripts, loadRuntime, pull as pullInto, sessionNow, startScriptSession, startSession,
} from './runtime.js';
import { drawSwatch, laneColor } from './timeline.js';
import {
  SPEED_CHOICES, buildHash, fillSelect, paramsFromUrl, parseHash, readEngineerOpen, readStoredLang,
  resolveState, speedText, storeEngineerOpen, storeLang,
} from './url-state.js';
import { encodeCode, lessonPython, scriptLesson } from './program.js';
import { createTimelineView, lineList } from './timeline-ui.js';
import { createStatsPanel } from './stats-panel.js';
import { MAX_EVENTS, createEventsTable } from './events-table.js';
import { createInstruments } from './instruments.js';
import { installShortcuts } from './shortcuts.js';
import { createLoopPanel } from './loop-panel.js';
import { createPredict } from './predict.js';
import { installPanelTabs } from './panel-tabs.js';
import { installLessonText } from './lesson-text.js';

const SWATCH_WIDTH = 28; // CSS px, legend swatches (matches style.css)
const SWATCH_HEIGHT = 16; // CSS px
const OVERLAP_RATIO = 0.9; // elapsed below this share of the sleeps' sum counts as "waited together"
const CHECK_DEBOUNCE_MS = 300; // ms of no typing before a parameter field is checked
const MAX_CONSOLE_LINES = 1000; // older printed lines leave the page (a long run prints on and on)
const SYNTAX_CHECK_MS = 500; // ms of no typing in the editor before the program is parsed
const SCRIPT_SEED = 1; // the interpreter's seed: the same program runs the same way every time
const LINE_HEIGHT_GUESS_PX = 19; // a read-only code line, to put the caret near a click before the editor loads
const CHAR_WIDTH_GUESS_PX = 7.9;
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
  canvas: $('timeline'), console: $('console'), consoleLog: $('console-log'), consoleEmpty: $('console-empty'),
  totals: $('totals'), python: $('code-python'), rust: $('code-rust'),
  speed: $('speed'), seed: $('lesson-seed'), params: $('params'), paramFields: $('param-fields'),
  liveControls: $('live-controls'), liveButtons: $('live-control-buttons'),
  loopSummary: $('loop-summary'), loopTasks: $('loop-tasks'), loopRows: $('loop-rows'),
  mode: $('mode'), modeNote: $('mode-note'), timelineHint: $('timeline-hint'), eventsHint: $('events-hint'),
  engine: $('engine'), engineNote: $('engine-note'), editorHost: $('editor'), pythonCol: $('python-col'),
  rustCol: $('rust-col'), mapping: $('mapping'), codeHint: $('code-hint'), codeRestore: $('code-restore'),
  codeEdited: $('code-edited'), problem: $('console-problem'), taskLines: $('task-lines'),
  pythonHeading: $('python-heading'), stepResult: $('step-result'),
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
  runId: null, runLesson: '', runVariant: '', live: false, printed: 0, crashed: false,
  results: new Map(), // "lesson/variant/mode" → {s, params}: lesson s of its last finished run, with what values
  totalsKey: '', totalsShape: '', controlsKey: '', runParams: '',
  params: {}, // paramId → field text of the shown lesson (raw: checked by the crate)
  paramErrors: {}, // paramId → message from checkParams, in state.lang
  fieldsFor: '', // lesson id whose parameter fields are in the DOM
  checkTimer: 0,
  // The Python/Rust switch and the learner's program.
  engine: 'python', hasScript: false, runEngine: 'rust',
  code: '', // the Python in the code pane (the lesson's own, or the learner's edit)
  codeEdited: false, // it differs from the lesson's own
  runEdited: false, // the shown run ran an edited program
  syntax: null, // {type, message, line, col, text} from checkScript / startScript, or null
  focusedPoll: null, // {task, n}: the poll hovered or chosen on the timeline, its lines marked
  focusedPrint: null, // {task, n}: the console line pointed at, the code line that printed it marked
  edits: new Map(), // "lesson/variant" → the learner's edited code, kept while they look elsewhere
  errorLine: null, // {line, error}: where the shown run's uncaught exception was raised
  syntaxTimer: 0,
  editorLoading: null, // Promise of the editor once its module is asked for
};
let editor = null; // editor.js's editor, once loaded
let model = createModel();
// The instruments (set up in "instruments" below, before the first render).
let timeline;
let loopPanel;
let stats;
let events;
let instruments;
let predict;
let refreshLessonText; // lesson-text.js: the story and the note cut to a few lines, with "More"

// Text vars may be {tr, en} objects from lessons(): pick the current language. While Run runs
// Python, the page speaks asyncio's words: a key's `_py` text, where it has one, replaces it.
const t = (key, vars = {}) => {
  const local = {};
  for (const [k, v] of Object.entries(vars)) local[k] = typeof v === 'object' ? pick(v, state.lang) : v;
  const python = state.hasScript && (state.live || state.runId !== null ? state.runEngine : state.engine) === 'python';
  return translate(state.lang, python && hasText(state.lang, `${key}_py`) ? `${key}_py` : key, local);
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
    modeChosen: s.modeFromUrl, speedFromUrl: s.speedFromUrl, notices: s.notices, params: s.params,
    engine: state.hasScript ? s.engine : 'rust',
  });
  if (!state.hasScript && state.ls && s.code !== null) {
    state.notices = [...state.notices, { key: 'noticeNoScript' }];
  }
  if (lessonChanged && state.runId !== null) clearRun('idle');
  // The program of the address, else the lesson's own Python.
  const own = ownPython();
  state.code = s.code ?? own;
  state.codeEdited = s.code !== null && s.code !== own;
  state.syntax = null;
  state.errorLine = null;
  editor?.setText(state.code);
  if (state.hasScript && (state.codeEdited || findLesson(state.lesson)?.rustless)) ensureEditor();
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
  const hash = buildHash({ ...state, engine, code, defaultVariant, lessonParams: lesson?.params ?? [] });
  // replaceState does not fire hashchange, so this cannot loop.
  if (hash !== location.hash) history.replaceState(null, '', hash);
}

// ---------- runs ----------

/** Starts a run of the shown lesson; `paused`: stopped before its first poll, for stepping. */
async function startRun({ paused = false } = {}) {
  const { ls } = state;
  if (!ls || state.crashed) return;
  state.stepConfirmed = false;
  clearTimeout(state.checkTimer);
  clearTimeout(state.syntaxTimer);
  syncHash();
  if (state.engine === 'python' && state.hasScript) {
    await startScriptRun({ paused });
    return;
  }
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
  Object.assign(state, {
    runId: session.id, runLesson: state.lesson, runVariant: state.variant, live: true,
    runParams: paramsKey(state.params), runMode: mode, runEngine: 'rust', runEdited: false,
  });
  await followRun(session, { paused });
}

/**
 * Step with no live run starts a run paused. In virtual time, unless the learner chose a time
 * mode: in real time a paused task's sleep runs on, and stepping would undo the overlap the
 * lesson shows. A finished run on show is not thrown away at the first press: Step says so,
 * and the second press starts the new run.
 */
function stepFromScratch() {
  if (el.run.disabled) return;
  if (state.runId !== null && !state.live && !state.stepConfirmed) {
    state.stepConfirmed = true;
    el.stepResult.textContent = t('stepConfirm');
    return;
  }
  state.stepConfirmed = false;
  if (!state.modeChosen && state.mode !== 'virtual') {
    state.mode = 'virtual';
    state.notices = [...state.notices.filter((n) => n.key !== 'noticeStepVirtual'), { key: 'noticeStepVirtual' }];
    syncHash();
    renderLesson();
    renderNotices();
  }
  startRun({ paused: true });
}

/** Starts the program of the code pane (Python mode); with a syntax error nothing starts. */
async function startScriptRun({ paused }) {
  const { ls } = state;
  const source = state.code;
  if (checkSyntax(source)) {
    // The previous run (if any) goes on: nothing new started.
    setStatus('invalid', 'status_syntax', { type: state.syntax.type, line: state.syntax.line });
    return;
  }
  if (state.live) ls.cancelRun(state.runId);
  const mode = state.mode;
  let session;
  try {
    session = startScriptSession(state.rt, { source, speed: state.speed, lang: state.lang, mode, seed: SCRIPT_SEED });
  } catch (e) {
    // startScript's own parse said no: its message is CPython's report.
    const text = errorText(e);
    if (!/(SyntaxError|IndentationError|TabError)\b/.test(text)) {
      state.notices = [...state.notices, { key: 'noticeStartFailed', vars: { message: text } }];
      renderNotices();
      return;
    }
    showSyntax({ type: /^\s*(\w*Error)/m.exec(text.split('\n').pop())?.[1] ?? 'SyntaxError', message: text.split('\n').pop(), line: lineOfReport(text), col: 0, text });
    setStatus('invalid', 'status_syntax', { type: state.syntax.type, line: state.syntax.line });
    return;
  }
  Object.assign(state, {
    runId: session.id, runLesson: state.lesson, runVariant: state.variant, live: true,
    runParams: '', runMode: mode, runEngine: 'python', runEdited: state.codeEdited, errorLine: null,
  });
  showEditorError();
  await followRun(session, { paused });
}

/** Shows a started run (its model, console, timeline) until it ends, then says how it ended. */
async function followRun(session, { paused }) {
  const { id } = session;
  model = session.model;
  clearConsole();
  timeline.reset();
  instruments.clear();
  clearCodeMarks();
  predict.runStarted(); // a run of the lesson's own Python answers its question
  setStatus('running', 'status_running');
  // On a phone the timeline is below the controls: a run brings it up to the top of the
  // screen, so the learner sees the run happen (Step stays where its button is).
  if (!paused && panelTabs.isPhone()) $('timeline-heading').scrollIntoView({ block: 'start' });
  // Still inside the click: the runtime has spawned the root task but polled nothing yet.
  if (paused) instruments.pause();

  const result = await session.done; // with the run's last records in its model
  if (state.runId !== id || state.crashed) return; // a newer run or a reset took over
  state.live = false;
  refreshCodeMarks(); // no task is paused now; a poll's lines stay while it is hovered
  const elapsedS = lessonSeconds(model, endTime(model, now()));
  if (state.runEngine === 'python') readErrorLine();
  if (result === 'finished' && state.errorLine) {
    setStatus('error', 'status_scriptError', { line: state.errorLine.line });
  } else if (result === 'finished') {
    // Virtual and real seconds do not compare: each mode (and each engine) keeps its own
    // results; an edited program is no longer the lesson's, so it compares with nothing.
    if (!state.runEdited) {
      state.results.set(resultKey(state.runLesson, state.runVariant, state.runMode, state.runEngine), { s: elapsedS, params: state.runParams });
    }
    setStatus('finished', state.runMode === 'virtual' ? 'status_finishedVirtual' : 'status_finished', {
      elapsed: formatSeconds(elapsedS, 3),
    });
  } else {
    setStatus('cancelled', 'status_cancelled');
  }
  predict.runEnded(model, result === 'finished' && !state.errorLine ? 'finished' : 'unfinished');
  renderFrame(now(), true);
}

/** Key of a finished run's time in state.results: lesson, variant, time mode and engine. */
const resultKey = (lesson, variant, mode, engine) => `${lesson}/${variant}/${mode}/${engine}`;

/** The shown run's "now": the runtime clock, or the virtual clock of a virtual run. */
function now() {
  return sessionNow(state.rt, { live: state.live, id: state.runId }, model);
}

/** Cancels the live run (if any) and empties the model, console and timeline. */
function clearRun(statusName) {
  if (state.live && state.ls) state.ls.cancelRun(state.runId);
  Object.assign(state, { runId: null, live: false, runEngine: state.engine, runEdited: false });
  clearCodeMarks();
  if (state.errorLine) {
    state.errorLine = null; // the mark belonged to the run
    showEditorError();
  }
  model = createModel({ cursor: state.ls ? state.ls.traceHead() : 0, speed: state.speed });
  clearConsole();
  timeline.reset();
  instruments.clear();
  predict?.cleared();
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
  refreshLessonText?.();
  // The crate gives Python per variant (each variant is its own seed example) and Rust per
  // lesson; either may move, so take the variant's text first.
  const variant = lesson?.variants.find((v) => v.id === state.variant);
  if (!state.codeEdited) state.code = ownPython();
  el.python.textContent = state.code;
  editor?.setText(state.code);
  el.rust.textContent = variant?.rust ?? lesson?.rust ?? '';
  // A seed's program that cannot run as printed: the code above is its corrected version.
  el.original.hidden = !variant?.corrected;
  el.originalSummary.textContent = t('originalSummary');
  el.originalWhat.textContent = pick(variant?.corrected?.what, state.lang);
  el.originalCode.textContent = variant?.corrected ? variant.python : '';
  renderEngine();
  // Virtual time has no real sleeps to shorten: its own note replaces the speed's.
  el.speedNote.hidden = state.speed === 1 || state.mode === 'virtual';
  // Below 1× sleeps last longer: "0.5 times shorter" would say the opposite.
  const slow = state.speed < 1;
  el.speedNote.textContent = t(slow ? 'speedNoteSlow' : 'speedNote', {
    speed: state.speed, real: +(1 / state.speed).toFixed(3), factor: +(slow ? 1 / state.speed : state.speed).toFixed(3),
  });
  el.modeNote.hidden = state.mode !== 'virtual';
  el.modeNote.textContent = t('modeNote');
  el.mode.value = state.mode;
  el.seed.textContent = lesson?.seed ? t('seedLabel', { seed: lesson.seed }) : '';
  el.seed.hidden = !lesson?.seed;
  const speeds = [...new Set([...SPEED_CHOICES, state.speed])].sort((a, b) => a - b);
  fillSelect(el.speed, speeds.map((v) => ({ value: String(v), label: speedText(v) })), String(state.speed));
  renderParamFields();
  renderLiveControls();
  predict?.render(); // its question follows the lesson, the variant, the engine and the language
}

/**
 * The Python/Rust switch and what it shows: Python mode shows the (editable) program and no
 * Rust-only parts (parameters, live controls: the Python takes none); Rust mode shows the
 * Python beside the Rust that runs, as the lessons always did.
 */
function renderEngine() {
  const lesson = findLesson(state.lesson);
  const python = state.engine === 'python';
  for (const input of el.engine.querySelectorAll('input')) {
    input.checked = input.value === state.engine;
    // No interpreter in this build: Python cannot run. The blank lesson has no Rust.
    input.disabled = input.value === 'python' ? !state.hasScript : Boolean(lesson?.rustless);
  }
  el.engine.hidden = !state.hasScript;
  el.rustCol.hidden = python;
  el.mapping.hidden = python;
  el.codePanel.dataset.engine = state.engine;
  el.pythonHeading.textContent = t(python ? 'codePythonEdit' : 'codePython');
  el.codeHint.hidden = !state.hasScript;
  el.codeHint.textContent = t(python ? 'codeHintPython' : 'codeHintRust');
  el.codeEdited.hidden = !state.codeEdited;
  el.codeRestore.hidden = !state.codeEdited || Boolean(lesson?.rustless && !state.codeEdited);
  const hasRustParts = (lesson?.params?.length ?? 0) > 0;
  el.engineNote.hidden = !python || !hasRustParts || !state.hasScript;
  el.engineNote.textContent = t('engineNote');
  editor?.setLabels(t('editorLabel'), t('editorKeys'));
  renderProblem();
  showEditorError();
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
  clearTimeout(state.syntaxTimer);
  const own = ownPython();
  const kept = state.edits.get(editKey());
  Object.assign(state, { codeEdited: kept !== undefined && kept !== own, syntax: null, errorLine: null });
  state.code = state.codeEdited ? kept : own;
  editor?.setText(state.code);
  if (state.codeEdited && state.hasScript) ensureEditor();
}

/** Whether Run runs the Python (the interpreter is there and the switch says so). */
function pythonMode() {
  return state.engine === 'python' && state.hasScript;
}

/** The shown lesson's own Python (its variant's, in the page's language for the blank lesson). */
function ownPython() {
  return lessonPython(findLesson(state.lesson), state.variant, pick, state.lang);
}

// ---------- the learner's program ----------

/** Loads the editor (once) and puts it where the read-only code was. Resolves to the editor. */
function ensureEditor() {
  state.editorLoading ??= import('./editor.js').then(({ createEditor }) => {
    editor = createEditor(el.editorHost, {
      text: state.code,
      label: t('editorLabel'),
      hint: t('editorKeys'),
      onChange: codeChanged,
      onRun: () => { if (!el.run.disabled) startRun(); },
    });
    el.editorHost.hidden = false;
    el.python.hidden = true;
    showEditorError();
    refreshCodeMarks();
    return editor;
  }).catch((e) => {
    state.editorLoading = null; // the module did not load: try again on the next edit
    view.notice('noticeEditorFailed', { message: errorText(e) });
    return null;
  });
  return state.editorLoading;
}

/** The learner typed: the program is theirs now; parse it once they pause. */
function codeChanged(text) {
  state.code = text;
  state.codeEdited = text !== ownPython();
  el.codeEdited.hidden = !state.codeEdited;
  el.codeRestore.hidden = !state.codeEdited;
  predict.render(); // an edited program is no longer the one the question is about
  // A marked line belonged to the text before this edit.
  if (state.errorLine) {
    state.errorLine = null;
    showEditorError();
  }
  if (state.runEngine === 'python') clearCodeMarks(); // the marks were of the code before the edit
  clearTimeout(state.syntaxTimer);
  state.syntaxTimer = setTimeout(() => {
    syncHash();
    checkSyntax(state.code);
  }, SYNTAX_CHECK_MS);
}

/**
 * Parses `source` with the crate's checkScript: shows the error (console and editor) and
 * returns it, or clears a shown one and returns null.
 */
function checkSyntax(source) {
  if (!state.hasScript) return null;
  let problem;
  try {
    problem = state.ls.checkScript(source) ?? null;
  } catch (e) {
    problem = { type: 'SyntaxError', message: errorText(e), line: lineOfReport(errorText(e)), col: 0, text: errorText(e) };
  }
  if (problem) showSyntax(problem);
  else if (state.syntax) {
    state.syntax = null;
    renderProblem();
    showEditorError();
    if (state.status.name === 'invalid') {
      setStatus(state.live ? 'running' : 'idle', state.live ? 'status_running' : 'status_idle');
    }
  }
  return problem;
}

function showSyntax(problem) {
  state.syntax = {
    type: String(problem.type ?? 'SyntaxError'), message: String(problem.message ?? ''),
    line: Number(problem.line) || 0, col: Number(problem.col) || 0, text: String(problem.text ?? problem.message ?? ''),
  };
  renderProblem();
  showEditorError();
}

/** The line a CPython report names ("File "main.py", line 3"), or 0. */
function lineOfReport(text) {
  return Number(/line (\d+)/.exec(text)?.[1] ?? 0);
}

/** The syntax error above the console: a heading with a sign, then CPython's report as text. */
function renderProblem() {
  const problem = state.syntax;
  el.problem.hidden = !problem;
  if (!problem) {
    el.problem.replaceChildren();
    return;
  }
  const head = document.createElement('p');
  head.className = 'problem-title';
  head.textContent = `✖ ${t('problemSyntax', { type: problem.type, line: problem.line })}`;
  const report = document.createElement('pre');
  report.className = 'problem-report';
  report.textContent = problem.text;
  el.problem.replaceChildren(head, report);
}

/** Marks the editor's error line: a syntax error first, else the shown run's exception. */
function showEditorError() {
  const { syntax, errorLine } = state;
  if ((syntax?.line || errorLine) && !editor) {
    if (state.hasScript) ensureEditor(); // it marks the line once loaded
    return;
  }
  if (!editor) return;
  if (syntax) {
    editor.setError({
      line: syntax.line,
      message: t('editorSyntax', { line: syntax.line, type: syntax.type, message: syntax.message }),
    });
  } else if (errorLine) {
    editor.setError({
      line: errorLine.line,
      message: errorLine.error
        ? t('editorRaised', { line: errorLine.line, error: errorLine.error })
        : t('editorRaisedPlain', { line: errorLine.line }),
    });
  } else {
    editor.setError(null);
  }
}

/** Where the shown Python run's uncaught exception was raised (scriptErrorLine), with its last stderr line. */
function readErrorLine() {
  if (typeof state.ls?.scriptErrorLine !== 'function' || state.runId === null) return;
  let line = 0;
  try { line = Number(state.ls.scriptErrorLine(state.runId)) || 0; } catch { line = 0; }
  if (line <= 0) {
    if (state.errorLine) { state.errorLine = null; showEditorError(); }
    return;
  }
  const errors = (currentRun(model)?.prints ?? []).filter((p) => p.stream === 1);
  const last = errors.length ? errors[errors.length - 1].text.trim().split('\n').pop() : '';
  if (state.errorLine?.line === line && state.errorLine.error === last) return;
  state.errorLine = { line, error: last };
  showEditorError();
}

// ---------- code lines: each task's current line, and what a poll ran ----------

/** Takes every mark off the code (a new run, or an edit that moved the lines). */
function clearCodeMarks() {
  state.focusedPoll = null;
  state.focusedPrint = null;
  editor?.setHighlights([]);
  el.taskLines.hidden = true;
  el.taskLines.textContent = '';
}

/** The lines of main.py that poll `n` of task `taskId` ran, in the shown Python run ([] unknown). */
function pollLines(taskId, n) {
  if (state.runEngine !== 'python' || state.runId === null || typeof state.ls?.pollLines !== 'function') return [];
  try {
    return Array.from(state.ls.pollLines(state.runId, taskId, n));
  } catch {
    return [];
  }
}

/**
 * Marks code lines in the editor, in lane colours, and says them in words under it: the lines
 * of the poll hovered (or chosen) on the timeline, or else of the poll just stepped; and while
 * a Python run is paused, each live task's current line (taskLine), named.
 */
function refreshCodeMarks() {
  const run = currentRun(model);
  const python = run && state.runEngine === 'python';
  const lane = (taskId) => laneColor(Math.max(0, run.order.indexOf(taskId)));
  const marks = [];
  let ranText = '';
  const stepped = instruments?.paused() ? instruments.stepped() : null;
  const poll = state.focusedPoll ?? (stepped ? { task: stepped.task, n: stepped.poll.n } : null);
  const printed = state.focusedPrint;
  if (python && printed && typeof state.ls?.printLine === 'function') {
    // A console line pointed at: the line of code that printed it.
    let line = 0;
    try { line = Number(state.ls.printLine(state.runId, printed.task, printed.n)) || 0; } catch { line = 0; }
    const task = run.tasks.get(printed.task);
    if (line > 0 && task) {
      marks.push({ line, color: lane(printed.task), label: '', ran: true });
      ranText = t('printedAt', { task: task.name, line });
    }
  } else if (python && poll) {
    const lines = pollLines(poll.task.id, poll.n);
    for (const line of lines) marks.push({ line, color: lane(poll.task.id), label: '', ran: true });
    if (lines.length > 0) ranText = t('ranLines', { task: poll.task.name, n: poll.n, lines: lineList(lines) });
  }
  const taskMarks = [];
  if (python && state.live && instruments?.paused() && typeof state.ls?.taskLine === 'function') {
    for (const taskId of run.order) {
      const task = run.tasks.get(taskId);
      if (!task || task.end) continue;
      let line = 0;
      try { line = Number(state.ls.taskLine(taskId)) || 0; } catch { line = 0; }
      if (line > 0) taskMarks.push({ line, color: lane(taskId), label: task.name });
    }
  }
  if ((marks.length > 0 || taskMarks.length > 0) && !editor) {
    ensureEditor(); // it calls back here once loaded
    return;
  }
  editor?.setHighlights([...taskMarks, ...marks]);
  const words = [
    ranText,
    taskMarks.length === 0 ? ''
      : `${t('taskLinesHeading')} ${taskMarks.map((m) => t('taskLineItem', { task: m.label, line: m.line })).join(' · ')}`,
  ].filter(Boolean).join(' ');
  el.taskLines.hidden = words === '';
  el.taskLines.textContent = words;
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
  retranslateConsole();
  renderLesson();
  renderNotices();
  renderStatus();
  el.eventsHint.textContent = t('eventsHint', { max: MAX_EVENTS });
  stats.retranslate();
  instruments.tell();
  renderFrame(now(), true);
}

/**
 * The words the page itself wrote into the output (the error-output sign's title and its
 * spoken label) in the current language; what the program printed stays as printed.
 */
function retranslateConsole() {
  const label = t('consoleStderr');
  for (const li of el.console.querySelectorAll('li.stderr')) {
    const sign = li.querySelector('.stream');
    if (sign) sign.title = label;
    const words = li.querySelector('.text > .visually-hidden');
    if (words) words.textContent = `${label}: `;
  }
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
    li.className = print.stream === 1 ? 'line stderr' : 'line';
    li.dataset.task = print.name;
    li.dataset.taskId = String(print.task);
    li.dataset.n = String(print.n);
    li.dataset.stream = print.stream === 1 ? 'stderr' : 'stdout';
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
    if (print.stream === 1) {
      // Standard error (a traceback): a sign and words, not only a colour.
      const sign = document.createElement('span');
      sign.className = 'stream';
      sign.textContent = '✖';
      sign.title = t('consoleStderr');
      const words = document.createElement('span');
      words.className = 'visually-hidden';
      words.textContent = `${t('consoleStderr')}: `;
      body.prepend(words);
      li.insertBefore(sign, body);
    }
    return li;
  });
  // A traceback arrived: the exception's line is known now (scriptErrorLine).
  if (state.runEngine === 'python' && items.some((li) => li.dataset.stream === 'stderr')) readErrorLine();
  state.printed = total;
  el.console.append(...items);
  const extra = el.console.childElementCount - MAX_CONSOLE_LINES;
  for (let i = 0; i < extra; i++) el.console.firstElementChild.remove();
  el.consoleEmpty.hidden = true;
  el.consoleLog.scrollTop = el.consoleLog.scrollHeight; // instant, never smooth (reduced motion)
}

function renderTotals(at) {
  const run = currentRun(model);
  const lesson = findLesson(state.lesson);
  const rows = [];
  if (run) {
    const elapsedS = Math.max(0, lessonSeconds(model, endTime(model, at)));
    // Only time really waited: a sleep cut short by a cancel counts up to the cancel.
    const sleptS = (run.sleptMs * lessonRate(model)) / 1000;
    rows.push(['elapsed', t('totalsElapsed', { elapsed: formatSeconds(elapsedS, 3) })]);
    rows.push(['sleeps', t('totalsSleeps', { sum: formatSeconds(sleptS, 3) })]);
    const hogs = stats?.hogs().list ?? [];
    if (hogs.length > 0) {
      const heldS = (hogs.reduce((sum, h) => sum + h.durationMs, 0) * lessonRate(model)) / 1000;
      rows.push(['held', t('totalsHeld', { held: formatSeconds(heldS, 3), count: hogs.length })]);
    }
    if (run.end?.kind === 'finished' && run.sleepers === 1) rows.push(['verdict', t('totalsOneSleeper')]);
    else if (run.end?.kind === 'finished' && sleptS > 0) {
      rows.push(['verdict', t(elapsedS < sleptS * OVERLAP_RATIO ? 'totalsOverlap' : 'totalsSerial')]);
    }
  }
  // Only runs made with the values now in the fields compare: other values, other times.
  const current = state.engine === 'python' ? '' : paramsKey(state.params); // Python takes no parameters
  const done = (lesson?.variants ?? [])
    .map((v) => ({ label: pick(v.label, state.lang), result: state.results.get(resultKey(state.lesson, v.id, state.mode, state.engine)) }))
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
  let key = 'runCaption';
  if (state.runEngine === 'python') key = state.runEdited || lesson?.rustless ? 'runCaptionEdited' : 'runCaptionPython';
  let caption = state.runId === null
    ? t('runCaptionNone')
    : t(key, { lesson: lesson?.title ?? state.runLesson, variant: variant?.label ?? state.runVariant });
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
  el.params.hidden = params.length === 0 || pythonMode(); // the Python takes no parameters
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
  if (!state.ls || !lesson || lesson.rustless) return 0; // the blank lesson has no parameters
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
  // They act on the simulated server, which the Rust lesson and a script's websockets share.
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
  startPaused: () => stepFromScratch(),
  canStart: () => Boolean(state.ls) && !state.crashed && !el.run.disabled,
  changed: () => {
    renderFrame(now(), true, true);
    refreshCodeMarks(); // a step moved a task: its line too
  },
  notice: (key, vars) => {
    state.notices = [...state.notices.filter((n) => n.key !== key), { key, vars }];
    renderNotices();
  },
  // The status line says "paused" while the instruments hold the run.
  setPaused: (paused) => {
    if (state.live) setStatus(paused ? 'paused' : 'running', paused ? 'status_paused' : 'status_running');
    // After the instruments have taken the new state: show (or clear) each task's line.
    queueMicrotask(refreshCodeMarks);
  },
};

timeline = createTimelineView({
  canvas: el.canvas, tip: $('timeline-tip'), live: $('timeline-live'), follow: $('follow-live'),
  zoomIn: $('zoom-in'), zoomOut: $('zoom-out'), fit: $('zoom-fit'), range: $('view-range'),
  lanesUp: $('lanes-up'), lanesDown: $('lanes-down'),
}, {
  ...view,
  hogs: () => stats.hogs(),
  pollLines,
  focused: (slice) => {
    state.focusedPoll = slice?.kind === 'poll' && !slice.item.merged ? { task: slice.task, n: slice.item.n } : null;
    refreshCodeMarks();
  },
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
for (const name of ['pause', 'resume', 'step', 'download']) {
  $(name).addEventListener('click', () => instruments[name]());
}
// A console line pointed at marks the line of code that printed it (a Python run).
el.console.addEventListener('pointerover', (event) => {
  const li = event.target.closest?.('li.line');
  const next = li ? { task: Number(li.dataset.taskId), n: Number(li.dataset.n) } : null;
  if (next?.task === state.focusedPrint?.task && next?.n === state.focusedPrint?.n) return;
  state.focusedPrint = next;
  refreshCodeMarks();
});
el.console.addEventListener('pointerleave', () => {
  state.focusedPrint = null;
  refreshCodeMarks();
});

// On a phone the code, the output and the event loop are tabs under the timeline (panel-tabs.js).
const panelTabs = installPanelTabs($('panel-tabs'));

// The engineer view (statistics, hogs, events, shortcuts): closed unless left open before.
const engineerView = $('engineer');
engineerView.open = readEngineerOpen();
engineerView.addEventListener('toggle', () => storeEngineerOpen(engineerView.open));

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
  keepEdits();
  state.lesson = el.lesson.value;
  state.variant = findLesson(state.lesson)?.variants[0]?.id ?? '';
  if (findLesson(state.lesson)?.rustless) state.engine = 'python'; // the blank lesson has no Rust
  showLessonCode(); // another lesson's code (or the learner's edits of it)
  if (state.hasScript && findLesson(state.lesson)?.rustless) ensureEditor();
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
  keepEdits();
  state.variant = el.variant.value;
  showLessonCode(); // the variant's own Python (or the learner's edits of it)
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
  state.modeChosen = true; // Step keeps it (see stepFromScratch)
  state.notices = state.notices.filter((n) => n.key !== 'noticeBadMode');
  syncHash();
  renderLesson();
  renderNotices();
  renderTotals(now()); // each mode compares its own finished runs
});
el.run.addEventListener('click', () => { startRun(); });
el.engine.addEventListener('change', (e) => {
  const value = e.target?.value;
  if (value !== 'python' && value !== 'rust') return;
  state.engine = value; // the next run uses it; a live run goes on
  state.notices = state.notices.filter((n) => n.key !== 'noticeBadEngine');
  syncHash();
  renderAll(); // the words follow the engine (asyncio's for Python)
  renderTotals(now()); // each engine compares its own finished runs
  if (value === 'rust' && Object.keys(state.params).length > 0) checkParams();
});
el.codeRestore.addEventListener('click', () => {
  state.edits.delete(editKey());
  showLessonCode();
  syncHash();
  renderLesson();
  editor?.focus();
});
// The read-only code becomes the editor when the learner reaches for it: the module loads then.
function openEditor(event) {
  if (!state.hasScript) return;
  let caret = null;
  if (event.type === 'pointerdown') {
    const box = el.python.getBoundingClientRect();
    const style = getComputedStyle(el.python);
    const line = Math.floor((event.clientY - box.top - parseFloat(style.paddingTop) + el.python.scrollTop) / (parseFloat(style.lineHeight) || LINE_HEIGHT_GUESS_PX)) + 1;
    const col = Math.round((event.clientX - box.left - parseFloat(style.paddingLeft) + el.python.scrollLeft) / CHAR_WIDTH_GUESS_PX);
    caret = { line, col };
  }
  ensureEditor().then((ed) => {
    if (!ed) return;
    ed.focus();
    if (caret) ed.setCaret(caret.line, caret.col);
  });
}
for (const type of ['focus', 'pointerdown', 'keydown']) el.python.addEventListener(type, openEditor);
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
  const hasScript = canRunScripts(rt);
  // The blank lesson only where the learner's Python can run (the crate has its interpreter).
  const lessons = hasScript && !rt.lessons.some((l) => l.id === scriptLesson().id) ? [...rt.lessons, scriptLesson()] : rt.lessons;
  Object.assign(state, { rt, ls: rt.ls, wasm: rt.wasm, ring: rt.ring, lessons, hasScript });
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
