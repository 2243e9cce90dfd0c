// "Events as a table": the timeline's content in words, for screen readers and for anyone
// who prefers reading to looking. It lists the last MAX_EVENTS events of the shown run (spawns,
// wakes, polls, suspensions, prints, ends, pauses), newest last. It is built from the model
// only while its <details> is open, and at most a few times a second, so it never slows a run:
// only the tasks that can hold one of the last events are read, and rows are updated in place.

import { stripAnsi } from './ansi.js';
import { OPEN, currentRun, lanes, lessonSeconds } from './trace.js';
import { formatMs, formatSeconds } from './i18n.js';
import { readyCause, waitText, whyText } from './words.js';

export const MAX_EVENTS = 200;
const REFRESH_MS = 500;
/** Icons per event kind, beside the word: a kind is never told by colour alone. */
const ICONS = Object.freeze({
  spawn: '+', wake: '↑', poll: '▶', wait: '◷', print: '✎', finish: '✓', raise: '!', cancel: '✕', pause: '‖', resume: '▷',
});
/** The event a task's end is listed as, by its end's kind. */
const END_EVENTS = Object.freeze({ finished: 'finish', raised: 'raise', cancelled: 'cancel' });
/** Order of events stamped with the same time: how they happen inside the loop. */
const RANK = Object.freeze({ pause: 0, resume: 0, spawn: 1, wake: 2, poll: 3, print: 4, wait: 5, finish: 6, raise: 6, cancel: 6 });

/** Time of a task's newest event (its lists are in time order: the last of each). */
function newestTime(task) {
  const last = (list, key) => (list.length ? list[list.length - 1][key] : -Infinity);
  return Math.max(task.spawned, last(task.polls, 'start'), last(task.wakes, 'time'), last(task.waits, 'start'),
    task.end ? task.end.time : -Infinity);
}

/**
 * The newest `max` times seen, newest first (insertion into a short sorted list): how recent an
 * event must be to make the last `max`.
 */
function newestTimes(max) {
  const times = [];
  return {
    add(time) {
      if (times.length === max && time <= times[max - 1]) return;
      let i = times.length;
      while (i > 0 && times[i - 1] < time) i--;
      times.splice(i, 0, time);
      if (times.length > max) times.pop();
    },
    /** Whether `max` events newer than `time` are already known. */
    full: (time) => times.length === max && times[max - 1] > time,
  };
}

/**
 * The last `max` events of the shown run as {time, kind, task (name or ''), detail}, oldest
 * first. Each task's lists are in time order, so only the tail of each can be among the last;
 * tasks are read newest first, and reading stops once `max` events are newer than anything the
 * tasks left could hold, so a run of 10,000 tasks reads a handful of them.
 */
export function recentEvents(model, t, max = MAX_EVENTS) {
  const run = currentRun(model);
  if (!run) return [];
  const events = [];
  const seen = newestTimes(max);
  // Events of the same time and kind keep lane order (then the order they were read in).
  let group = 0;
  const add = (event) => {
    event.order = group + events.length;
    events.push(event);
    seen.add(event.time);
  };
  const LANE_STRIDE = 1e7; // more than the events any one lane or list can add
  const tail = (list) => (list.length > max ? list.slice(list.length - max) : list);
  group = run.order.length * LANE_STRIDE;
  for (const p of tail(run.prints)) add({ time: p.time, kind: 'print', task: p.name, detail: stripAnsi(p.text) });
  group = (run.order.length + 1) * LANE_STRIDE;
  for (const p of tail(run.pauses ?? [])) {
    add({ time: p.start, kind: 'pause', task: '', detail: '' });
    if (p.end !== null) add({ time: p.end, kind: 'resume', task: '', detail: '' });
  }
  const byNewest = lanes(run).map(({ task }, lane) => ({ task, lane, newest: newestTime(task) }))
    .sort((a, b) => b.newest - a.newest);
  for (let k = 0; k < byNewest.length; k++) {
    if (seen.full(byNewest[k].newest)) break; // nothing of this task or older ones can make it
    const { task, lane } = byNewest[k];
    group = lane * LANE_STRIDE - events.length;
    const name = task.name;
    add({ time: task.spawned, kind: 'spawn', task: name, detail: whyText({ cause: 'spawn', by: task.parent }, run, task, t) });
    for (const w of tail(task.wakes)) {
      add({ time: w.time, kind: 'wake', task: name, detail: whyText(w, run, task, t) });
    }
    for (const p of tail(task.polls)) {
      const duration = p.end === OPEN ? t('tipStillRunning') : formatMs(p.sumMs ?? p.end - p.start);
      add({
        time: p.start, kind: 'poll', task: name,
        detail: p.merged
          ? t('evPollMerged', { count: p.merged, duration })
          : `${t('evPoll', { n: p.n, duration })} · ${whyText(readyCause(task, p), run, task, t)}`,
      });
    }
    for (const w of tail(task.waits)) {
      add({ time: w.start, kind: 'wait', task: name, detail: waitText(run, w, t) });
    }
    if (task.end) add({ time: task.end.time, kind: END_EVENTS[task.end.kind], task: name, detail: '' });
  }
  events.sort((a, b) => a.time - b.time || RANK[a.kind] - RANK[b.kind] || a.order - b.order);
  return events.length > max ? events.slice(events.length - max) : events;
}

/** els = {details, body, count}; app = {model(), t, lang()}. Returns {render(immediate)}. */
export function createEventsTable(els, app) {
  let lastRender = -Infinity;
  const shown = []; // per row: its cells and the values they show

  function rowAt(i) {
    if (shown[i]) return shown[i];
    const tr = document.createElement('tr');
    const timeCell = document.createElement('td');
    timeCell.className = 'num';
    const taskCell = document.createElement('td');
    const whatCell = document.createElement('td');
    const icon = document.createElement('span');
    icon.className = 'icon';
    icon.setAttribute('aria-hidden', 'true');
    const word = document.createElement('span');
    whatCell.append(icon, word);
    const detailCell = document.createElement('td');
    tr.append(timeCell, taskCell, whatCell, detailCell);
    els.body.append(tr);
    shown[i] = { tr, cells: [timeCell, taskCell, word, detailCell], icon, kind: '', texts: [] };
    return shown[i];
  }

  function render(immediate = false) {
    if (!els.details.open) return;
    const wall = performance.now();
    if (!immediate && wall - lastRender < REFRESH_MS) return;
    lastRender = wall;
    const model = app.model();
    const { t } = app;
    const events = recentEvents(model, t);
    // Rows are reused: a refresh writes only the cells whose text changed.
    events.forEach((e, i) => {
      const row = rowAt(i);
      if (row.kind !== e.kind) {
        row.kind = e.kind;
        row.tr.dataset.kind = e.kind;
        row.icon.textContent = ICONS[e.kind] ?? '';
      }
      const texts = [formatSeconds(Math.max(0, lessonSeconds(model, e.time)), 3), e.task, t(`ev_${e.kind}`), e.detail];
      texts.forEach((text, k) => {
        if (row.texts[k] !== text) row.cells[k].textContent = text;
      });
      row.texts = texts;
    });
    while (shown.length > events.length) shown.pop().tr.remove();
    const count = events.length ? t('eventsCount', { shown: events.length }) : t('eventsNone');
    if (els.count.textContent !== count) els.count.textContent = count;
  }

  els.details.addEventListener('toggle', () => render(true));
  return { render };
}
