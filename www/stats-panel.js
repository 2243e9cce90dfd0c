// The per-task statistics table (what a task console lists: state, polls, wakes, busy, idle,
// ready-but-not-polled, total), sortable by its column headings, and the loop-hog warnings:
// polls that held the loop at least a threshold the learner sets. The numbers come from
// stats.js; this module only shows them. Every text goes in as textContent. A live table is
// refreshed a few times a second on screen and about once a second off it; rows are updated in
// place (a cell is written only when its text changed) and only the rows shown are computed.

import { OPEN, currentRun, lessonSeconds } from './trace.js';
import { taskStats, topStats } from './stats.js';
import { DEFAULT_HOG_MS, hogKey, hogPolls, parseThreshold } from './hog.js';
import { formatMs, formatSeconds } from './i18n.js';
import { STATE_ICONS, taskRow, waitText } from './words.js';
import { watchOnScreen } from './onscreen.js';

const MAX_ROWS = 100; // table rows shown: a run of 10,000 tasks lists the first 100 of its sort
const MAX_HOGS_LISTED = 20; // hog warnings listed; the rest are counted
const REFRESH_MS = 250; // a live table changes at most 4× a second: readable, and cheap
const OFFSCREEN_REFRESH_MS = 1000; // off screen it still follows the run, for screen readers
/** Columns in table order: sort key and how a cell shows its value. */
const COLUMNS = ['name', 'state', 'polls', 'wakes', 'selfWakes', 'busyMs', 'idleMs', 'readyMs', 'totalMs', 'maxPollMs'];
const NUMERIC = new Set(COLUMNS.slice(2));

/** Writes a DOM property only when it changes. */
const setProp = (node, name, value) => {
  if (node[name] !== value) node[name] = value;
};

/**
 * els = {body, note, empty, headers (the <th>s with a button[data-sort]), threshold,
 * thresholdError, hogSummary, hogList}; app = {model(), t(key, vars), lang(), changed()}.
 * Returns {render(now, immediate), hogs() → {keys, threshold, list}, retranslate()}.
 */
export function createStatsPanel(els, app) {
  let sort = null; // {key, dir: 'asc' | 'desc'}; null = spawn order
  let threshold = DEFAULT_HOG_MS;
  let lastRender = -Infinity;
  let hogsKey = '';
  let hogCache = { at: null, keys: new Set(), list: [], threshold };
  const shown = []; // per row: its cells and the values they show
  const onScreen = watchOnScreen(els.panel ?? els.table, () => { lastRender = -Infinity; });

  /** Hog polls of the shown run, recomputed only when a long poll came or the threshold moved. */
  function hogs() {
    const model = app.model();
    const run = currentRun(model);
    const at = `${model.runId}/${run ? run.longPollCount : 0}/${threshold}`;
    if (hogCache.at !== at) {
      const list = currentRun(model) ? hogPolls(model, threshold) : [];
      hogCache = { at, list, threshold, keys: new Set(list.map((h) => hogKey(h.task, h.n))) };
    }
    return hogCache;
  }

  function stateText(row, run, t) {
    const task = run.tasks.get(row.id);
    if (row.state === 'waiting' && task) {
      const wait = task.waits[task.waits.length - 1];
      if (wait && wait.end === OPEN) return t('stateWaitingOn', { on: waitText(run, wait, t) });
    }
    return t(`state_${row.state}`);
  }

  /**
   * Redraws at most every REFRESH_MS (OFFSCREEN_REFRESH_MS off screen) unless `immediate` (a
   * step, a sort, a run's end).
   */
  function render(now, immediate = false) {
    const model = app.model();
    const wall = performance.now();
    const every = onScreen() ? REFRESH_MS : OFFSCREEN_REFRESH_MS;
    if (!immediate && wall - lastRender < every) return;
    lastRender = wall;
    const { t } = app;
    const run = currentRun(model);
    const total = run ? run.order.length : 0;
    // Only the rows shown are made: the first MAX_ROWS in lane order, or the top of the sort.
    const rows = !run ? [] : sort ? topStats(model, now, sort.key, sort.dir, MAX_ROWS) : taskStats(model, now, MAX_ROWS);
    rows.forEach((row, i) => updateRow(rowAt(i), row, stateText(row, run, t)));
    while (shown.length > rows.length) shown.pop().tr.remove();
    setProp(els.empty, 'hidden', total > 0);
    setProp(els.table, 'hidden', total === 0);
    const note = total > MAX_ROWS ? t('statsCapped', { shown: MAX_ROWS, total }) : '';
    setProp(els.note, 'textContent', note);
    setProp(els.note, 'hidden', note === '');
    renderHogs(model, run, t);
  }

  function rowAt(i) {
    if (shown[i]) return shown[i];
    const { tr, nameCell, icon, word } = taskRow();
    const nums = COLUMNS.slice(2).map((col) => {
      const td = document.createElement('td');
      td.className = 'num';
      td.dataset.col = col;
      tr.append(td);
      return td;
    });
    els.body.append(tr);
    shown[i] = { tr, nameCell, icon, word, nums, values: {} };
    return shown[i];
  }

  /** Writes only what changed since the row last showed: a live table costs little layout. */
  function updateRow(row, stat, stateWords) {
    const old = row.values;
    if (stat.id !== old.id) row.tr.dataset.taskId = String(stat.id);
    if (stat.state !== old.state) {
      row.tr.dataset.state = stat.state;
      row.icon.textContent = STATE_ICONS[stat.state] ?? '';
    }
    if (stat.name !== old.name) row.nameCell.textContent = stat.name;
    if (stateWords !== old.stateWords) row.word.textContent = stateWords;
    COLUMNS.slice(2).forEach((key, i) => {
      const value = stat[key];
      if (value === old[key]) return;
      const td = row.nums[i];
      td.dataset.value = String(value); // the exact number, for tests and copy-paste
      const text = key.endsWith('Ms') ? formatMs(value) : String(value);
      if (td.textContent !== text) td.textContent = text;
    });
    row.values = { ...stat, stateWords };
  }

  function renderHogs(model, run, t) {
    const { list } = hogs();
    const key = JSON.stringify([run ? run.id : null, list.map((h) => [h.task, h.n, h.durationMs]), threshold, app.lang?.()]);
    if (key === hogsKey) return;
    hogsKey = key;
    let summary;
    if (!run) summary = t('hogNoRun');
    else if (list.length === 0) summary = t('hogNone', { threshold });
    else summary = t('hogSummary', { count: list.length, threshold });
    els.hogSummary.textContent = summary;
    els.hogSummary.dataset.count = String(list.length);
    const items = list.slice(0, MAX_HOGS_LISTED).map((h) => {
      const li = document.createElement('li');
      li.className = 'hog';
      li.dataset.task = h.name;
      const sign = document.createElement('span');
      sign.className = 'sign';
      sign.setAttribute('aria-hidden', 'true');
      sign.textContent = '⚠';
      const words = document.createElement('span');
      words.textContent = t('hogItem', {
        task: h.name, duration: formatMs(h.durationMs), n: h.n,
        start: formatSeconds(Math.max(0, lessonSeconds(model, h.start)), 3),
      });
      li.append(sign, words);
      return li;
    });
    if (list.length > MAX_HOGS_LISTED) {
      const li = document.createElement('li');
      li.className = 'more';
      li.textContent = t('hogMore', { count: list.length - MAX_HOGS_LISTED });
      items.push(li);
    }
    els.hogList.replaceChildren(...items);
    els.hogList.hidden = items.length === 0;
  }

  /** Heading buttons: first click sorts numbers high → low (the interesting end), names A → Z. */
  for (const th of els.headers) {
    const button = th.querySelector('button[data-sort]');
    button.addEventListener('click', () => {
      const key = button.dataset.sort;
      const first = NUMERIC.has(key) ? 'desc' : 'asc';
      const dir = sort?.key === key ? (sort.dir === 'asc' ? 'desc' : 'asc') : first;
      sort = { key, dir };
      for (const other of els.headers) {
        if (other === th) other.setAttribute('aria-sort', dir === 'asc' ? 'ascending' : 'descending');
        else other.removeAttribute('aria-sort');
      }
      app.changed();
    });
  }

  els.threshold.addEventListener('input', () => {
    const value = parseThreshold(els.threshold.value);
    const bad = value === null;
    els.threshold.setAttribute('aria-invalid', String(bad));
    els.thresholdError.textContent = bad ? app.t('hogThresholdBad', { value: els.threshold.value }) : '';
    els.thresholdError.hidden = !bad;
    if (!bad) threshold = value; // a bad text keeps the last good threshold in force
    app.changed();
  });

  /** Texts of the threshold message in the current language (after a language switch). */
  function retranslate() {
    if (els.threshold.getAttribute('aria-invalid') === 'true') {
      els.thresholdError.textContent = app.t('hogThresholdBad', { value: els.threshold.value });
    }
    for (const row of shown) row.values = {}; // formatted texts follow the language
    hogsKey = '';
  }

  return { render, hogs, retranslate };
}
