// Runs: Run starts the shown program (the lesson's Rust with the form's values, or the Python
// of the code pane, by the Python/Rust switch), shows it in every panel until it ends, then
// says how it ended; Reset (or another lesson) clears it. It owns the shown run's model and
// writes the run's fields of the page state (runId, live, runLesson, …), which app.js keeps.

import { createModel, endTime, lessonSeconds } from './trace.js';
import { pull as pullInto, sessionNow, startScriptSession, startSession } from './runtime.js';
import { formatSeconds } from './i18n.js';
import { paramsKey } from './param-form.js';
import { lineOfReport } from './script-problems.js';
import { loadText, pythonFile, textOf } from './sources.js';

const SCRIPT_SEED = 1; // the interpreter's seed: the same program runs the same way every time

const errorText = (e) => String(e?.message ?? e);

/**
 * app = {state (the page state), t(key, vars), runButton, stepResult (elements), setStatus(name,
 * key, vars), renderNotices(), renderLesson(), syncHash(), checkParams() → bad fields,
 * renderFrame(at, force), bringUp() (a run began: show the timeline), parts() → {paramForm,
 * codePane, outputLines, timeline, instruments, predict, totals}}.
 * Returns {start({paused}), stepFromScratch(), clear(statusName), now(), pull(budgetMs),
 * model(), ready()}.
 */
export function createRuns(app) {
  const { state, parts } = app;
  let model = createModel();

  /** Starts a run of the shown lesson; `paused`: stopped before its first poll, for stepping. */
  async function start({ paused = false } = {}) {
    const { ls } = state;
    if (!ls || state.crashed) return;
    state.stepConfirmed = false;
    parts().paramForm.cancelCheck();
    parts().codePane.cancelCheck();
    app.syncHash();
    if (state.engine === 'python' && state.hasScript) {
      await startScript({ paused });
      return;
    }
    const bad = app.checkParams();
    if (bad > 0) {
      // Nothing runs with a bad value; a live run (started with good ones) goes on.
      app.setStatus('invalid', 'status_invalid', { count: bad });
      parts().paramForm.focusBad();
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
      clear('idle');
      app.renderNotices();
      return;
    }
    Object.assign(state, {
      runId: session.id, runLesson: state.lesson, runVariant: state.variant, live: true,
      runParams: paramsKey(state.params), runMode: mode, runEngine: 'rust', runEdited: false,
    });
    await follow(session, { paused });
  }

  /**
   * Step with no live run starts a run paused. In virtual time, unless the learner chose a time
   * mode: in real time a paused task's sleep runs on, and stepping would undo the overlap the
   * lesson shows. A finished run on show is not thrown away at the first press: Step says so,
   * and the second press starts the new run.
   */
  function stepFromScratch() {
    if (app.runButton.disabled) return;
    if (state.runId !== null && !state.live && !state.stepConfirmed) {
      state.stepConfirmed = true;
      app.stepResult.textContent = app.t('stepConfirm');
      return;
    }
    state.stepConfirmed = false;
    if (!state.modeChosen && state.mode !== 'virtual') {
      state.mode = 'virtual';
      state.notices = [...state.notices.filter((n) => n.key !== 'noticeStepVirtual'), { key: 'noticeStepVirtual' }];
      app.syncHash();
      app.renderLesson();
      app.renderNotices();
    }
    start({ paused: true });
  }

  /** The file of the lesson's own Python when Run must wait for it (not in yet); else null. */
  function ownCodeAwaited() {
    const file = state.codeEdited ? null : pythonFile(state.lesson, state.variant, state.lang);
    return file && textOf(file) === undefined ? file : null;
  }

  /**
   * The lesson's own Python is fetched (sources.js): if it is not in yet when Run is pressed,
   * the run waits for it (or fetches it again after a failure). Resolves to whether the run may
   * go on: false if it could not be loaded (said in the status line and the code pane) or the
   * learner moved to another lesson, variant or language meanwhile.
   */
  async function ownCodeIn(file) {
    const shown = `${state.lesson}/${state.variant}/${state.lang}`;
    const loaded = loadText(file);
    app.renderLesson(); // the code pane says it loads (again)
    try {
      await loaded;
    } catch (e) {
      app.setStatus('invalid', 'status_codeFailed', { file, message: errorText(e) });
      app.renderLesson(); // the code pane says why too
      return false;
    }
    if (`${state.lesson}/${state.variant}/${state.lang}` !== shown) return false;
    app.renderLesson(); // the code is the lesson's own, now in
    return true;
  }

  /** Starts the program of the code pane (Python mode); with a syntax error nothing starts. */
  async function startScript({ paused }) {
    const awaited = ownCodeAwaited(); // mostly null: the code came with the page, and the run starts in this task
    if (awaited && !(await ownCodeIn(awaited))) return;
    const { ls } = state;
    const source = state.code;
    if (parts().codePane.check(source)) {
      // The previous run (if any) goes on: nothing new started.
      app.setStatus('invalid', 'status_syntax', { type: parts().codePane.syntax().type, line: parts().codePane.syntax().line });
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
        app.renderNotices();
        return;
      }
      parts().codePane.showSyntax({ type: /^\s*(\w*Error)/m.exec(text.split('\n').pop())?.[1] ?? 'SyntaxError', message: text.split('\n').pop(), line: lineOfReport(text), col: 0, text });
      app.setStatus('invalid', 'status_syntax', { type: parts().codePane.syntax().type, line: parts().codePane.syntax().line });
      return;
    }
    Object.assign(state, {
      runId: session.id, runLesson: state.lesson, runVariant: state.variant, live: true,
      runParams: '', runMode: mode, runEngine: 'python', runEdited: state.codeEdited,
    });
    parts().codePane.setErrorLine(null);
    await follow(session, { paused });
  }

  /** Shows a started run (its model, console, timeline) until it ends, then says how it ended. */
  async function follow(session, { paused }) {
    const { id } = session;
    model = session.model;
    parts().outputLines.clear();
    parts().timeline.reset();
    parts().instruments.clear();
    parts().codePane.clearMarks();
    parts().predict.runStarted(); // a run of the lesson's own Python answers its question
    app.setStatus('running', 'status_running');
    if (!paused) app.bringUp(); // the learner sees the run happen (Step stays where its button is)
    // Still inside the click: the runtime has spawned the root task but polled nothing yet.
    if (paused) parts().instruments.pause();

    const result = await session.done; // with the run's last records in its model
    if (state.runId !== id || state.crashed) return; // a newer run or a reset took over
    state.live = false;
    parts().codePane.refreshMarks(); // no task is paused now; a poll's lines stay while it is hovered
    const elapsedS = lessonSeconds(model, endTime(model, now()));
    if (state.runEngine === 'python') parts().codePane.readErrorLine();
    const raised = parts().codePane.errorLine();
    if (result === 'finished' && raised?.ended) {
      app.setStatus('error', 'status_scriptError', { line: raised.line });
    } else if (result === 'finished' && raised) {
      // Only a task's exception that nobody retrieved: the run finished (CPython exits with 0).
      app.setStatus('finished', 'status_unretrieved', { line: raised.line });
    } else if (result === 'finished') {
      // Virtual and real seconds do not compare: each mode (and each engine) keeps its own
      // results; an edited program is no longer the lesson's, so it compares with nothing.
      if (!state.runEdited) {
        parts().totals.remember({
          lesson: state.runLesson, variant: state.runVariant, mode: state.runMode, engine: state.runEngine, params: state.runParams,
        }, elapsedS);
      }
      app.setStatus('finished', state.runMode === 'virtual' ? 'status_finishedVirtual' : 'status_finished', {
        elapsed: formatSeconds(elapsedS, 3),
      });
    } else {
      app.setStatus('cancelled', 'status_cancelled');
    }
    parts().predict.runEnded(model, result === 'finished' && !raised?.ended ? 'finished' : 'unfinished');
    app.renderFrame(now(), true);
  }

  /** The shown run's "now": the runtime clock, or the virtual clock of a virtual run. */
  function now() {
    return sessionNow(state.rt, { live: state.live, id: state.runId }, model);
  }

  /** Cancels the live run (if any) and empties the model, console and timeline. */
  function clear(statusName) {
    if (state.live && state.ls) state.ls.cancelRun(state.runId);
    Object.assign(state, { runId: null, live: false, runEngine: state.engine, runEdited: false });
    parts().codePane.clearMarks();
    if (parts().codePane.errorLine()) parts().codePane.setErrorLine(null); // the mark belonged to the run
    model = createModel({ cursor: state.ls ? state.ls.traceHead() : 0, speed: state.speed });
    parts().outputLines.clear();
    parts().timeline.reset();
    parts().instruments.clear();
    parts().predict?.cleared();
    app.setStatus(statusName, `status_${statusName}`);
    app.renderFrame(now(), true);
  }

  /** Folds what the runtime recorded since the last frame, in about `budgetMs` (runtime.js). */
  function pull(budgetMs = Infinity) {
    return pullInto(state.rt, model, budgetMs);
  }

  return {
    start, stepFromScratch, clear, now, pull,
    model: () => model,
    /** The runtime is loaded: the model reads the ring from where it is now. */
    ready() {
      model = createModel({ cursor: state.ls.traceHead() });
    },
  };
}
