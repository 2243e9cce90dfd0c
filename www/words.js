// Facts of the trace model said in words, shared by the step report, the timeline's tooltip,
// the events table and the task tables, so all of them tell a task's story the same way.

import { endingPart, waitParts } from './trace.js';
import { axisLabel } from './timeline-layout.js';

/** Icons of task states: each state has its own shape, never only a colour. */
export const STATE_ICONS = Object.freeze({
  running: '▶', ready: '→', waiting: '◷', done: '✓', raised: '!', cancelled: '✕',
});

/**
 * Why `task` was ready when `poll` started: {cause, by} from the ready span that ended at the
 * poll (spawn, timer, task, self…), else from the task's last WAKE before it; null if neither
 * was kept (older slices may be merged in a long run).
 */
export function readyCause(task, poll) {
  for (let i = task.readies.length - 1; i >= 0; i--) {
    const r = task.readies[i];
    if (r.start > poll.start) continue;
    if (r.end >= poll.start) return { cause: r.cause ?? 'other', by: r.by ?? 0 };
    break; // ready spans are in time order: an earlier one ended before this poll
  }
  for (let i = task.wakes.length - 1; i >= 0; i--) {
    const w = task.wakes[i];
    if (w.time <= poll.start) return { cause: w.cause ?? 'other', by: w.by ?? 0 };
  }
  return null;
}

/** "woken by its timer", "woken by task main", "spawned by main"… (why_* texts). */
export function whyText(why, run, task, t) {
  if (!why) return t('why_unknown');
  const byName = why.by && why.by !== task.id ? run?.tasks.get(why.by)?.name ?? '' : '';
  switch (why.cause) {
    case 'spawn': return byName ? t('why_spawn', { by: byName }) : t('why_spawnRoot');
    case 'task': return byName ? t('why_task', { by: byName }) : t('why_taskAnon');
    case 'timer': case 'channel': case 'self': case 'io': case 'external': return t(`why_${why.cause}`);
    default: return t('why_other');
  }
}

export const WAIT_LABEL_JOIN = ' | '; // between the parts of a wait that races several things

/** A wait on a timer and something else: its timer is a timeout, not a sleep of the task's. */
const isRace = (parts) => parts.some((p) => p.kind === 'sleep') && parts.some((p) => p.kind !== 'sleep');

/** One part of a wait in words; `short`: the form that fits a narrow bar (a gather without names). */
function partLabel(p, t, race, short) {
  switch (p.kind) {
    case 'sleep': return t(race ? 'timerLabel' : 'sleepLabel', { duration: axisLabel(p.ms / 1000) });
    case 'task': return t('waitOn_task', { name: p.name });
    case 'tasks': {
      if (short) return t('waitOn_tasksShort', { count: p.count });
      const names = p.names.join(', ') + (p.count > p.names.length ? ', …' : '');
      return t('waitOn_tasks', { count: p.count, names, done: p.done });
    }
    case 'channel': return t(short ? 'waitOn_channelShort' : 'waitOn_channel');
    default: return t(`waitOn_${p.kind}`);
  }
}

/**
 * What a wait is on, as one short text: "sleep 1 s", "channel", "task fetch_1", "timer 1 s |
 * I/O". parts: from trace.waitParts. t(key, vars): the page's i18n lookup. `short`: each part
 * in its short form.
 */
export function waitLabel(parts, t, short = false) {
  const race = isRace(parts);
  return parts.map((p) => partLabel(p, t, race, short)).join(WAIT_LABEL_JOIN);
}

/**
 * What the timeline may write on a wait's bar, longest first, each true of it: the whole
 * label, its short form, then, for a wait that raced several things and has ended, the part
 * that ended it (the timeout's timer, or the task that finished first), whole and short. An
 * open race has no such part: where its label does not fit, it gets none.
 */
export function waitLabelForms(run, wait, parts, t) {
  const forms = [waitLabel(parts, t), waitLabel(parts, t, true)];
  const ended = parts.length > 1 ? endingPart(run, wait, parts) : null;
  if (ended) {
    const race = isRace(parts);
    forms.push(partLabel(ended, t, race, false), partLabel(ended, t, race, true));
  }
  return forms;
}

/** What a wait is on, in words ("sleep 1 s", "awaits fetch_1"), or the "not recorded" text. */
export function waitText(run, wait, t) {
  const parts = waitParts(run, wait);
  return parts.length ? waitLabel(parts, t) : t('waitUnknown');
}

/**
 * A table row for one task, as the loop panel and the statistics table show it: the name as
 * the row's header, then its state as an icon and a word (never by colour alone). Callers
 * append their own cells after these two and fill them in.
 */
export function taskRow() {
  const tr = document.createElement('tr');
  const nameCell = document.createElement('th');
  nameCell.scope = 'row';
  const stateCell = document.createElement('td');
  stateCell.className = 'state';
  const icon = document.createElement('span');
  icon.className = 'icon';
  icon.setAttribute('aria-hidden', 'true');
  const word = document.createElement('span');
  stateCell.append(icon, word);
  tr.append(nameCell, stateCell);
  return { tr, nameCell, icon, word };
}
