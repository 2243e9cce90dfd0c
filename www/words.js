// Facts of the trace model said in words, shared by the step report, the timeline's tooltip,
// the events table and the task tables, so all of them tell a task's story the same way.

import { waitParts } from './trace.js';
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
    if (r.end === null || r.end >= poll.start) return { cause: r.cause ?? 'other', by: r.by ?? 0 };
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

/**
 * What a wait is on, as one short text: "sleep 1 s", "channel", "task fetch_1", "sleep 1 s | I/O".
 * parts: from trace.waitParts. t(key, vars): the page's i18n lookup.
 */
export function waitLabel(parts, t) {
  return parts.map((p) => {
    switch (p.kind) {
      case 'sleep': return t('sleepLabel', { duration: axisLabel(p.ms / 1000) });
      case 'task': return t('waitOn_task', { name: p.name });
      case 'tasks': {
        const names = p.names.join(', ') + (p.count > p.names.length ? ', …' : '');
        return t('waitOn_tasks', { count: p.count, names, done: p.done });
      }
      default: return t(`waitOn_${p.kind}`);
    }
  }).join(WAIT_LABEL_JOIN);
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
