// The page's own texts, written from the page state (app.js's): the static texts in the
// language, the lesson's title, story, code and notes, the Python/Rust switch and what it
// shows, the notices, and the caption over the timeline. The code is fetched (sources.js): until
// a text is in, its pane says so, or why it could not be loaded; when the lesson's own Python
// comes, it becomes the code (state.code) unless the learner has edited it, as app.js's
// renderLesson would have made it.

import { pick } from './i18n.js';
import { SPEED_CHOICES, fillSelect, speedText } from './url-state.js';
import { make } from './dom.js';
import { failureOf, loadText, originalFile, pythonFile, rustCode, rustFile, textOf } from './sources.js';

/**
 * el: app.js's elements; app = {state (the page state), t(key, vars), findLesson(id), model(),
 * codePane (code-pane.js), lessonText() (lesson-text.js's refresh), lessonShown() (what else
 * follows the lesson)}. Returns {renderStaticText(), renderLesson(), renderEngine(),
 * renderThreadNote(), renderSpeed(), renderNotices(), renderCaption()}.
 */
/** A program that starts a thread: `asyncio.to_thread(…)` or `loop.run_in_executor(…)`. */
const STARTS_THREAD = /\b(to_thread|run_in_executor)\b/;

export function createLessonView(el, app) {
  const { state, t } = app;
  const asked = new Set(); // files this view is waiting for (one wait each)
  let retryRust = false; // the learner switched to the Rust: a failed fetch of it is tried again
  let retryOriginal = false; // the learner opened the seed's text: likewise
  const measure = document.createElement('canvas').getContext('2d'); // text widths (fitPickers)

  /**
   * Asks for `file` (once while it loads; after a failure only when `retry`), then renders the
   * lesson again with it, or with why it failed.
   */
  function ask(file, retry = false) {
    if (textOf(file) !== undefined || asked.has(file) || (failureOf(file) && !retry)) return;
    asked.add(file);
    loadText(file).then((text) => {
      asked.delete(file);
      arrived(file, text);
    }, () => {
      asked.delete(file);
      renderLesson();
    });
  }

  /** A text came: the lesson's own Python becomes the code unless the learner has their own. */
  function arrived(file, text) {
    if (file === ownFile()) {
      if (!state.codeEdited) state.code = text;
      else if (state.code === text) state.codeEdited = false; // a link carrying the lesson's own code
    }
    renderLesson();
  }

  /** The shown lesson variant's own Python file in the page's language (null: the blank lesson). */
  function ownFile() {
    return pythonFile(state.lesson, state.variant, state.lang);
  }

  /**
   * What a pane shows of `file` while it is not in: that it loads, or why it could not be
   * loaded (`failedKey`: what the learner can do). {text, state} or null once it is in.
   */
  function waiting(file, failedKey) {
    if (textOf(file) !== undefined) return null;
    const failure = failureOf(file);
    if (!failure) return { text: t('codeLoading'), state: 'loading' };
    return { text: t(failedKey, { file, message: failure.message }), state: 'failed' };
  }

  /**
   * Writes a pane's text and marks what it is (data-source): 'in' (the text), 'loading' or
   * 'failed' (a message about it), 'none' (nothing asked for yet).
   */
  function fill(pre, text, sourceState = 'in') {
    if (pre.textContent !== text) pre.textContent = text;
    pre.dataset.source = sourceState;
  }

  // The learner's own actions try a failed fetch again: switching to the Rust, opening the seed's text.
  el.engine.addEventListener('change', () => { retryRust = true; });
  el.original.addEventListener('toggle', () => {
    retryOriginal = el.original.open;
    renderOriginal();
  });

  function renderStaticText() {
    document.documentElement.lang = state.lang;
    document.title = t('pageTitle');
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    el.lang.value = state.lang;
  }

  function renderLesson() {
    const lesson = app.findLesson(state.lesson);
    fillSelect(el.lesson, state.lessons.map((l) => ({ value: l.id, label: pick(l.title, state.lang) })), state.lesson);
    fillSelect(el.variant, (lesson?.variants ?? []).map((v) => ({ value: v.id, label: pick(v.label, state.lang) })), state.variant);
    fitPickers();
    el.title.textContent = pick(lesson?.title, state.lang);
    el.summary.textContent = pick(lesson?.summary, state.lang);
    const note = pick(lesson?.notice, state.lang);
    el.lessonNote.textContent = note;
    el.lessonNote.hidden = !note;
    app.lessonText();
    // Python per variant (each variant is its own seed example), Rust per lesson (renderEngine).
    const variant = lesson?.variants.find((v) => v.id === state.variant);
    renderPython();
    // A seed's program that cannot run as printed: the code above is its corrected version.
    el.original.hidden = !variant?.corrected;
    el.originalSummary.textContent = t('originalSummary');
    el.originalWhat.textContent = pick(variant?.corrected?.what, state.lang);
    renderOriginal();
    renderEngine();
    // Virtual time has no real sleeps to shorten: its own note replaces the speed's.
    el.speedNote.hidden = state.speed === 1 || state.mode === 'virtual';
    // Below 1× sleeps last longer: "0.5 times shorter" would say the opposite.
    const slow = state.speed < 1;
    el.speedNote.textContent = t(slow ? 'speedNoteSlow' : 'speedNote', {
      speed: state.speed, real: +(1 / state.speed).toFixed(3), factor: +(slow ? 1 / state.speed : state.speed).toFixed(3),
    });
    el.modeNote.hidden = state.mode !== 'virtual';
    el.modeNoteShort.textContent = t('modeNoteShort');
    el.modeNoteMore.textContent = t('modeNote');
    el.mode.value = state.mode;
    el.seed.textContent = lesson?.seed ? t('seedLabel', { seed: lesson.seed }) : '';
    el.seed.hidden = !lesson?.seed;
    renderSpeed();
    app.lessonShown(); // the parameters, the live controls and the question follow it too
  }

  /**
   * The lesson and variant pickers share a row (style.css) in proportion to the names chosen in
   * them (--chosen, in px): a long variant name takes the room a short lesson title leaves.
   */
  function fitPickers() {
    for (const select of [el.lesson, el.variant]) {
      const text = select.options[select.selectedIndex]?.text ?? '';
      measure.font = getComputedStyle(select).font;
      select.parentElement.style.setProperty('--chosen', `${Math.ceil(measure.measureText(text).width)}px`);
    }
  }

  /** The speed's choices (the address's own among them): they need no runtime. */
  function renderSpeed() {
    const speeds = [...new Set([...SPEED_CHOICES, state.speed])].sort((a, b) => a - b);
    fillSelect(el.speed, speeds.map((v) => ({ value: String(v), label: speedText(v) })), String(state.speed));
  }

  /**
   * The Python pane: the code (state.code), or, while the lesson's own Python is not in and the
   * learner has no code of their own, that it loads or why it could not be loaded (the editor
   * hidden meanwhile: code-pane.js).
   */
  function renderPython() {
    const file = ownFile();
    const wait = file && !state.codeEdited ? waiting(file, 'codeLoadFailed') : null;
    if (wait?.state === 'loading') ask(file);
    app.codePane.setWaiting(Boolean(wait));
    if (wait) {
      fill(el.python, wait.text, wait.state);
      return;
    }
    fill(el.python, state.code);
    app.codePane.setText(state.code);
  }

  /**
   * A pane of a text fetched only when shown (`shown`): asks for `file` then (again after a
   * failure when `retry`), and writes the text as `view` makes it, or that it loads or failed.
   */
  function renderFetched(pre, file, shown, retry, view = (text) => text) {
    if (!file) {
      fill(pre, '', 'none');
      return;
    }
    if (shown) ask(file, retry);
    const text = textOf(file);
    const wait = shown ? waiting(file, 'sourceLoadFailed') : null;
    fill(pre, wait?.text ?? (text === undefined ? '' : view(text)), wait?.state ?? (text === undefined ? 'none' : 'in'));
  }

  /** The seed's own text beside its correction: fetched when the learner opens it. */
  function renderOriginal() {
    const file = el.original.hidden ? null : originalFile(state.lesson, state.variant, state.lang);
    renderFetched(el.originalCode, file, el.original.open, retryOriginal);
    retryOriginal = false;
  }

  /** The Rust pane, shown in Rust mode only: its text is fetched when the learner switches to it. */
  function renderRust(shown) {
    renderFetched(el.rust, rustFile(state.lesson), shown, retryRust, rustCode);
    retryRust = false;
  }

  /**
   * The Python/Rust switch and what it shows: Python mode shows the (editable) program and no
   * Rust-only parts (parameters, live controls: the Python takes none); Rust mode shows the
   * Python beside the Rust that runs, as the lessons always did.
   */
  function renderEngine() {
    const lesson = app.findLesson(state.lesson);
    const python = state.engine === 'python';
    for (const input of el.engine.querySelectorAll('input')) {
      input.checked = input.value === state.engine;
      // No interpreter in this build: Python cannot run. The blank lesson has no Rust.
      input.disabled = input.value === 'python' ? !state.hasScript : Boolean(lesson?.rustless);
    }
    el.engine.hidden = !state.hasScript;
    el.rustCol.hidden = python;
    renderRust(!python);
    el.mapping.hidden = python;
    el.codePanel.dataset.engine = state.engine;
    el.legendRaise.hidden = !python; // only a Python task can end by raising
    el.pythonHeading.textContent = t(python ? 'codePythonEdit' : 'codePython');
    // Alone, the Python needs no visible heading of its own (the hint above says to edit and
    // run it): a line less above the code. Beside the Rust it names its column.
    el.pythonHeading.classList.toggle('visually-hidden', python);
    el.codeHint.hidden = !state.hasScript;
    el.codeHint.textContent = t(python ? 'codeHintPython' : 'codeHintRust');
    el.codeEdited.hidden = !state.codeEdited;
    el.codeRestore.hidden = !state.codeEdited || Boolean(lesson?.rustless && !state.codeEdited);
    const hasRustParts = (lesson?.params?.length ?? 0) > 0;
    el.engineNote.hidden = !python || !hasRustParts || !state.hasScript;
    el.engineNote.textContent = t('engineNote');
    renderThreadNote();
    app.codePane.render();
  }

  /** Under Python that starts a thread, how this page makes one (it has one thread). */
  function renderThreadNote() {
    el.threadNote.hidden = !(state.engine === 'python' && state.hasScript && STARTS_THREAD.test(state.code ?? ''));
    el.threadNoteShort.textContent = t('threadNoteShort');
    el.threadNoteMore.textContent = t('threadNote');
  }

  function renderNotices() {
    el.notice.replaceChildren(...state.notices.map(({ key, vars }) => {
      const p = make('p');
      p.textContent = t(key, vars);
      return p;
    }));
    el.notice.hidden = state.notices.length === 0;
  }

  function renderCaption() {
    const lesson = app.findLesson(state.runLesson);
    const variant = lesson?.variants.find((v) => v.id === state.runVariant);
    let key = 'runCaption';
    if (state.runEngine === 'python') key = state.runEdited || lesson?.rustless ? 'runCaptionEdited' : 'runCaptionPython';
    let caption = state.runId === null
      ? t('runCaptionNone')
      : t(key, { lesson: lesson?.title ?? state.runLesson, variant: variant?.label ?? state.runVariant });
    if (app.model().skipped > 0) caption += t('runSkipped', { count: app.model().skipped });
    if (el.caption.textContent !== caption) el.caption.textContent = caption;
    // The axis is in the shown run's time: virtual seconds for a virtual run.
    const virtual = state.runId !== null ? app.model().virtual : state.mode === 'virtual';
    const hint = t(virtual ? 'timelineHintVirtual' : 'timelineHint');
    if (el.timelineHint.textContent !== hint) el.timelineHint.textContent = hint;
  }

  return { renderStaticText, renderLesson, renderSpeed, renderEngine, renderThreadNote, renderNotices, renderCaption };
}
