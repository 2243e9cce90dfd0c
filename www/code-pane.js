// The full page's Python pane: the read-only code that becomes the editor (editor.js, loaded
// when the learner reaches for it), the syntax check of what they type, the line a run raised
// at, and the lines marked while a run is looked at (each paused task's current line, what a
// poll ran, which line printed a console line). Run and the program's text stay with app.js.

import { currentRun } from './trace.js';
import { laneColor } from './timeline.js';
import { lineList } from './timeline-ui.js';
import { checkSyntax, errorMark, raisedAt, renderProblem, syntaxProblem } from './script-problems.js';

const SYNTAX_CHECK_MS = 500; // ms of no typing in the editor before the program is parsed
const LINE_HEIGHT_GUESS_PX = 19; // a read-only code line, to put the caret near a click before the editor loads
const CHAR_WIDTH_GUESS_PX = 7.9;

const errorText = (e) => String(e?.message ?? e);

/**
 * els = {python (the read-only <pre>), host (where the editor goes), problem (the syntax error
 * above the console), taskLines (the marked lines in words)}; app = {t(key, vars), ls(),
 * hasScript(), code(), edited(text) (the learner typed: app.js keeps the text), settled() (they
 * paused: before the check), syntaxCleared(), runId(), runEngine(), live(), model(),
 * instruments(), run() (Run, if it may), notice(key, vars)}.
 */
export function createCodePane(els, app) {
  let editor = null; // editor.js's editor, once loaded
  let loading = null; // Promise of the editor once its module is asked for
  let syntax = null; // {type, message, line, col, text} from checkScript / startScript, or null
  let errorLine = null; // {line, error}: where the shown run's uncaught exception was raised
  let syntaxTimer = 0;
  let focusedPoll = null; // {task, n}: the poll hovered or chosen on the timeline, its lines marked
  let focusedPrint = null; // {task, n}: the console line pointed at, the code line that printed it marked
  let waiting = false; // the lesson's own code is not in yet: the read-only pane says so, no editor

  /** The editor where the read-only code was, once loaded, unless the code is still awaited. */
  function showEditor() {
    els.host.hidden = waiting;
    els.python.hidden = !waiting;
  }

  /** Loads the editor (once) and puts it where the read-only code was. Resolves to the editor. */
  function ensure() {
    loading ??= import('./editor.js').then(({ createEditor }) => {
      editor = createEditor(els.host, {
        text: app.code(),
        label: app.t('editorLabel'),
        hint: app.t('editorKeys'),
        onChange: changed,
        onRun: () => app.run(),
      });
      showEditor();
      showError();
      refreshMarks();
      return editor;
    }).catch((e) => {
      loading = null; // the module did not load: try again on the next edit
      app.notice('noticeEditorFailed', { message: errorText(e) });
      return null;
    });
    return loading;
  }

  /** The learner typed: the program is theirs now; parse it once they pause. */
  function changed(text) {
    app.edited(text);
    // A marked line belonged to the text before this edit.
    if (errorLine) {
      errorLine = null;
      showError();
    }
    if (app.runEngine() === 'python') clearMarks(); // the marks were of the code before the edit
    clearTimeout(syntaxTimer);
    syntaxTimer = setTimeout(() => {
      app.settled();
      check(app.code());
    }, SYNTAX_CHECK_MS);
  }

  /** The read-only code becomes the editor when the learner reaches for it: the module loads then. */
  function open(event) {
    if (!app.hasScript() || waiting) return; // nothing to edit until the code is in
    let caret = null;
    if (event.type === 'pointerdown') {
      const box = els.python.getBoundingClientRect();
      const style = getComputedStyle(els.python);
      const line = Math.floor((event.clientY - box.top - parseFloat(style.paddingTop) + els.python.scrollTop) / (parseFloat(style.lineHeight) || LINE_HEIGHT_GUESS_PX)) + 1;
      const col = Math.round((event.clientX - box.left - parseFloat(style.paddingLeft) + els.python.scrollLeft) / CHAR_WIDTH_GUESS_PX);
      caret = { line, col };
    }
    ensure().then((ed) => {
      if (!ed) return;
      ed.focus();
      if (caret) ed.setCaret(caret.line, caret.col);
    });
  }
  for (const type of ['focus', 'pointerdown', 'keydown']) els.python.addEventListener(type, open);

  /**
   * Parses `source` with the crate's checkScript (script-problems.js's checkSyntax, as the embed
   * does): shows the error (console and editor) and returns it, or clears a shown one and
   * returns null.
   */
  function check(source) {
    if (!app.hasScript()) return null;
    const problem = checkSyntax(app.ls(), source);
    if (problem) showSyntax(problem);
    else if (syntax) {
      syntax = null;
      renderProblem(els.problem, syntax, app.t);
      showError();
      app.syntaxCleared();
    }
    return problem;
  }

  function showSyntax(problem) {
    syntax = syntaxProblem(problem);
    renderProblem(els.problem, syntax, app.t);
    showError();
  }

  /** Marks the editor's error line: a syntax error first, else the shown run's exception. */
  function showError() {
    if ((syntax?.line || errorLine) && !editor) {
      if (app.hasScript()) ensure(); // it marks the line once loaded
      return;
    }
    editor?.setError(errorMark(syntax, errorLine, app.t));
  }

  function setErrorLine(next) {
    errorLine = next;
    showError();
  }

  /** Where the shown Python run's uncaught exception was raised (raisedAt). */
  function readErrorLine() {
    const ls = app.ls();
    if (typeof ls?.scriptErrorLine !== 'function' || app.runId() === null) return;
    const next = raisedAt(ls, app.runId(), app.model());
    if (!next) {
      if (errorLine) setErrorLine(null);
      return;
    }
    if (errorLine && ['line', 'from', 'to', 'error'].every((k) => errorLine[k] === next[k])) return;
    setErrorLine(next);
  }

  // ---------- code lines: each task's current line, and what a poll ran ----------

  /** Takes every mark off the code (a new run, or an edit that moved the lines). */
  function clearMarks() {
    focusedPoll = null;
    focusedPrint = null;
    editor?.setHighlights([]);
    els.taskLines.hidden = true;
    els.taskLines.textContent = '';
  }

  /** The lines of main.py that poll `n` of task `taskId` ran, in the shown Python run ([] unknown). */
  function pollLines(taskId, n) {
    const ls = app.ls();
    if (app.runEngine() !== 'python' || app.runId() === null || typeof ls?.pollLines !== 'function') return [];
    try {
      return Array.from(ls.pollLines(app.runId(), taskId, n));
    } catch {
      return [];
    }
  }

  /**
   * Marks code lines in the editor, in lane colours, and says them in words under it: the lines
   * of the poll hovered (or chosen) on the timeline, or else of the poll just stepped; and while
   * a Python run is paused, each live task's current line (taskLine), named.
   */
  function refreshMarks() {
    const { t } = app;
    const ls = app.ls();
    const instruments = app.instruments();
    const run = currentRun(app.model());
    const python = run && app.runEngine() === 'python';
    const lane = (taskId) => laneColor(Math.max(0, run.order.indexOf(taskId)));
    const marks = [];
    let ranText = '';
    const stepped = instruments?.paused() ? instruments.stepped() : null;
    const poll = focusedPoll ?? (stepped ? { task: stepped.task, n: stepped.poll.n } : null);
    const printed = focusedPrint;
    if (python && printed && typeof ls?.printLine === 'function') {
      // A console line pointed at: the line of code that printed it.
      let line = 0;
      try { line = Number(ls.printLine(app.runId(), printed.task, printed.n)) || 0; } catch { line = 0; }
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
    if (python && app.live() && instruments?.paused() && typeof ls?.taskLine === 'function') {
      for (const taskId of run.order) {
        const task = run.tasks.get(taskId);
        if (!task || task.end) continue;
        let line = 0;
        try { line = Number(ls.taskLine(taskId)) || 0; } catch { line = 0; }
        if (line > 0) taskMarks.push({ line, color: lane(taskId), label: task.name });
      }
    }
    if ((marks.length > 0 || taskMarks.length > 0) && !editor) {
      ensure(); // it calls back here once loaded
      return;
    }
    editor?.setHighlights([...taskMarks, ...marks]);
    const words = [
      ranText,
      taskMarks.length === 0 ? ''
        : `${t('taskLinesHeading')} ${taskMarks.map((m) => t('taskLineItem', { task: m.label, line: m.line })).join(' · ')}`,
    ].filter(Boolean).join(' ');
    els.taskLines.hidden = words === '';
    els.taskLines.textContent = words;
  }

  return {
    ensure,
    check,
    showSyntax,
    setErrorLine,
    readErrorLine,
    clearMarks,
    refreshMarks,
    pollLines,
    syntax: () => syntax,
    errorLine: () => errorLine,
    /** The shown text changed (another lesson, variant or address): no error of the old one stays. */
    reset(text) {
      syntax = null;
      errorLine = null;
      editor?.setText(text);
    },
    setText: (text) => editor?.setText(text),
    /**
     * Whether the lesson's own code is still awaited (lesson-view.js writes why in the read-only
     * pane): meanwhile that pane shows instead of the editor, and a click opens nothing.
     */
    setWaiting(next) {
      if (next === waiting) return;
      waiting = next;
      if (editor) showEditor();
    },
    focus: () => editor?.focus(),
    cancelCheck: () => clearTimeout(syntaxTimer),
    /** The texts in the current language (labels, the syntax error, the marked line). */
    render() {
      editor?.setLabels(app.t('editorLabel'), app.t('editorKeys'));
      renderProblem(els.problem, syntax, app.t);
      showError();
    },
    /** The timeline's hovered (or chosen) slice: a poll's lines are marked. */
    focusPoll(slice) {
      focusedPoll = slice?.kind === 'poll' && !slice.item.merged ? { task: slice.task, n: slice.item.n } : null;
      refreshMarks();
    },
    /** The console line pointed at ({task, n}, or null): the line that printed it is marked. */
    focusPrint(next, always = false) {
      if (!always && next?.task === focusedPrint?.task && next?.n === focusedPrint?.n) return;
      focusedPrint = next;
      refreshMarks();
    },
  };
}
