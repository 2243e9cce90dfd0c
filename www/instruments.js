// Run control: Pause, Resume and Step (one poll at a time, then the step is told in words:
// which task, which poll, why it was ready, whether it finished; with no run live, Step
// starts one paused before its first poll), and "Download trace" (the
// run as a Chrome trace JSON file). What a step did is read from the trace model, the same
// source the timeline draws from, never guessed on the page.

import { currentRun } from './trace.js';
import { toChromeTrace } from './export.js';
import { readyCause, whyText } from './words.js';

const REVOKE_AFTER_MS = 60_000; // the download's Blob URL lives this long: enough to save it

/**
 * What the step that polled `taskId` did: {task, poll, why, outcome: 'finished' | 'raised' | 'cancelled' |
 * 'yielded' | 'suspended'}, or null when the model has no poll of that task.
 */
export function describeStep(model, taskId) {
  const run = currentRun(model);
  const task = run?.tasks.get(taskId);
  const poll = task?.polls[task.polls.length - 1];
  if (!poll) return null;
  let outcome = 'suspended';
  if (task.end && task.end.time >= poll.start) outcome = task.end.kind;
  else if (task.state === 'done') outcome = 'finished'; // POLL_END said so; FINISH (and how) comes next
  else if (task.state === 'ready') outcome = 'yielded'; // woken during its own poll
  return { run, task, poll, why: readyCause(task, poll), outcome };
}

const OUTCOME_KEYS = { finished: 'stepFinished', raised: 'stepRaised', cancelled: 'stepCancelled', yielded: 'stepYielded', suspended: 'stepSuspended' };

/** The step report in words (stepPolled / stepNothing). */
export function stepText(step, t) {
  if (!step) return t('stepNothing');
  return t('stepPolled', {
    task: step.task.name, n: step.poll.n, why: whyText(step.why, step.run, step.task, t),
    outcome: t(OUTCOME_KEYS[step.outcome]),
  });
}

/** "loopscope-gather-concurrent.json": only letters, digits, - and _ from the ids. */
export function traceFileName(lesson, variant) {
  const clean = (s) => String(s || 'run').toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
  return `loopscope-${clean(lesson)}-${clean(variant)}.json`;
}

/**
 * els = {pause, resume, step, stepResult, download}; app = {ls(), model(), run() → {id, live,
 * lesson, variant} | null, t, pull(), setPaused(paused), changed(), notice(key, vars), hogMs(),
 * startPaused(), canStart()}.
 * Returns {render(), pause(), resume(), toggle(), step(), download(), paused(), clear(), stepped()}.
 */
export function createInstruments(els, app) {
  let paused = false;
  let lastStep = null; // {runId, taskId}: re-told after a language switch

  const live = () => Boolean(app.run()?.live);
  const fail = (action, e) => app.notice('noticeInstrumentFailed', { action: app.t(action), message: String(e?.message ?? e) });

  /** Moves the focus to `to` when it was on `from`, which is about to be disabled. */
  function handOver(from, to) {
    if (document.activeElement === from) to.focus();
  }

  function pause() {
    if (!live() || paused) return;
    try {
      app.ls().pauseRun(app.run().id);
    } catch (e) {
      fail('pause', e);
      return;
    }
    paused = true;
    app.setPaused(true);
    render();
    handOver(els.pause, els.resume);
  }

  function resume() {
    if (!live() || !paused) return;
    try {
      app.ls().resumeRun(app.run().id);
    } catch (e) {
      fail('resume', e);
      return;
    }
    paused = false;
    app.setPaused(false);
    render();
    handOver(els.resume, els.pause);
    if (document.activeElement === els.step) els.pause.focus();
  }

  function step() {
    if (!live()) app.startPaused();
    if (!live() || !paused) return;
    const runId = app.run().id;
    let taskId;
    try {
      taskId = app.ls().stepRun(runId);
    } catch (e) {
      fail('step', e);
      return;
    }
    app.pull(); // the step's records are in the ring now: read them before telling them
    lastStep = { runId, taskId };
    tell();
    app.changed();
  }

  function tell() {
    if (!lastStep) {
      els.stepResult.textContent = '';
      return;
    }
    const model = app.model();
    const step = lastStep.taskId && model.runId === lastStep.runId ? describeStep(model, lastStep.taskId) : null;
    const text = stepText(step, app.t);
    els.stepResult.textContent = text;
    els.stepResult.dataset.task = step ? step.task.name : '';
  }

  function download() {
    const run = app.run();
    const model = app.model();
    if (!run || !currentRun(model)) return;
    app.pull();
    let json;
    try {
      json = JSON.stringify(toChromeTrace(model, { hogMs: app.hogMs() }));
    } catch (e) {
      fail('download', e);
      return;
    }
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = traceFileName(run.lesson, run.variant);
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }

  /** Buttons follow the run: Pause while it runs, Resume and Step while it is paused. */
  function render() {
    const isLive = live();
    if (!isLive && paused) {
      paused = false; // the run ended (or was reset) while paused
      app.setPaused(false);
    }
    els.pause.disabled = !isLive || paused;
    els.resume.disabled = !isLive || !paused;
    // Before a run (or after one) Step starts a new run paused; while it runs, pause first.
    els.step.disabled = (isLive && !paused) || !app.canStart();
    els.download.disabled = !app.run() || !currentRun(app.model());
  }

  /** A new run, or none: nothing stepped yet. */
  function clear() {
    paused = false;
    lastStep = null;
    tell();
    render();
  }

  /** The poll the last step ran, as describeStep tells it, or null. */
  function stepped() {
    const model = app.model();
    return lastStep?.taskId && model.runId === lastStep.runId ? describeStep(model, lastStep.taskId) : null;
  }

  return {
    render, pause, resume, step, download, clear, tell, stepped,
    toggle: () => (paused ? resume() : pause()),
    paused: () => paused,
  };
}
