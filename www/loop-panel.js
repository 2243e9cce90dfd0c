// "The event loop now": each task's state at this moment (running, ready and why, waiting and
// on what, how long is left on its timer), and a one-line summary. Refreshed at most
// REFRESH_MS apart while it is on screen (its finest text, "0.6 s left", changes 10× a lesson s)
// and OFFSCREEN_REFRESH_MS apart when it is not, with at most MAX_ROWS rows, so a run of
// thousands of tasks stays cheap to show: the totals are kept by the model as records arrive,
// only the rows shown are computed, and rows are updated in place (a cell is written only when
// its text changed), never rebuilt.

import { currentRun, endTime, stateCounts, taskStates } from './trace.js';
import { formatSeconds } from './i18n.js';
import { STATE_ICONS, taskRow, waitLabel } from './words.js';
import { watchOnScreen } from './onscreen.js';

const REMAINING_DIGITS = 1; // decimals of "0.6 s left": it changes ~10×/lesson s
const REFRESH_MS = 100;
const OFFSCREEN_REFRESH_MS = 1000; // off screen it still follows the run, for screen readers
export const MAX_ROWS = 200;

/** Display rows: plain values, so a refresh can tell whether anything changed. */
function loopRows(states, t) {
  return states.map((row) => {
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

/** Sets a node's text only when it differs: an unchanged cell costs no layout. */
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * els = {summary, queue (the ready queue in words), table, body, note, panel? (the part of the
 * page watched for being on screen)}; app = {model(), t, lang()}. Returns {render(now, immediate)}.
 */
export function createLoopPanel(els, app) {
  let lastRender = -Infinity;
  const shown = []; // per row: its cells and the values they show
  const onScreen = watchOnScreen(els.panel ?? els.table, () => { lastRender = -Infinity; });

  function rowAt(i) {
    if (shown[i]) return shown[i];
    const { tr, nameCell, icon, word } = taskRow();
    const detailCell = document.createElement('td');
    detailCell.className = 'detail';
    tr.append(detailCell);
    els.body.append(tr);
    shown[i] = { tr, nameCell, icon, word, detailCell, values: [] };
    return shown[i];
  }

  function render(now, immediate = false) {
    const wall = performance.now();
    const every = onScreen() ? REFRESH_MS : OFFSCREEN_REFRESH_MS;
    if (!immediate && wall - lastRender < every) return;
    lastRender = wall;
    const model = app.model();
    const { t } = app;
    const run = currentRun(model);
    const total = run ? run.order.length : 0;
    // Every tick of this run, also the ones merged to bound memory (the Rust's words), or its
    // loop passes (asyncio's: trace-fold.js countPass); O(1) counts of all tasks.
    const counts = stateCounts(run);
    const summary = run
      ? t('loopSummary', {
        ticks: model.tickCount, passes: run.passes, running: counts.running, ready: counts.ready,
        waiting: counts.waiting, ended: counts.ended,
      })
      : t('loopEmpty');
    setText(els.summary, summary);
    const states = run ? taskStates(model, endTime(model, now), MAX_ROWS) : [];
    // The ready queue in the order the loop will run it (first in, first out).
    const queue = states.filter((s) => s.state === 'ready').sort((a, b) => a.readyOrder - b.readyOrder).map((s) => s.name);
    setText(els.queue, !run ? '' : queue.length ? t('readyQueue', { names: queue.join(' → ') }) : t('readyQueueEmpty'));
    if (els.queue.hidden !== !run) els.queue.hidden = !run;
    const rows = loopRows(states, t);
    const note = total > MAX_ROWS ? t('loopCapped', { shown: MAX_ROWS, total }) : '';
    setText(els.note, note);
    if (els.note.hidden !== (note === '')) els.note.hidden = note === '';
    if (els.table.hidden !== (rows.length === 0)) els.table.hidden = rows.length === 0;
    rows.forEach(([id, name, depth, taskState, detail], i) => {
      const row = rowAt(i);
      const word = t(`state_${taskState}`);
      const [oldId, oldName, oldDepth, oldState, oldDetail, oldWord] = row.values;
      if (id !== oldId) row.tr.dataset.taskId = String(id);
      if (taskState !== oldState) {
        row.tr.dataset.state = taskState;
        row.icon.textContent = STATE_ICONS[taskState] ?? '';
      }
      if (name !== oldName) row.nameCell.textContent = name;
      if (depth !== oldDepth) row.nameCell.dataset.depth = String(Math.min(depth, 4));
      if (word !== oldWord) row.word.textContent = word;
      if (detail !== oldDetail) row.detailCell.textContent = detail;
      row.values = [id, name, depth, taskState, detail, word];
    });
    while (shown.length > rows.length) shown.pop().tr.remove();
  }

  return { render };
}
