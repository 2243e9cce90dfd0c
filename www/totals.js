// The Time panel: the shown run's elapsed time, the sum of its sleeps, the time hogs held the
// loop and a verdict (the sleeps overlapped, or ran one after another), then the finished runs
// of the lesson's variants side by side. Only runs that compare are compared: the same time
// mode, engine and parameter values, and never an edited program.

import { currentRun, endTime, lessonRate, lessonSeconds } from './trace.js';
import { formatSeconds, pick } from './i18n.js';
import { make } from './dom.js';

const OVERLAP_RATIO = 0.9; // elapsed below this share of the sleeps' sum counts as "waited together"

/** Key of a finished run's time: lesson, variant, time mode and engine. */
const resultKey = (lesson, variant, mode, engine) => `${lesson}/${variant}/${mode}/${engine}`;

/** node: the panel's box; app = {t(key, vars), lang()}. Returns {remember(run, s), render(at, shown)}. */
export function createTotals(node, app) {
  const results = new Map(); // resultKey → {s, params}: lesson s of its last finished run, with what values
  let totalsKey = '';
  let totalsShape = '';

  /** A finished run ({lesson, variant, mode, engine, params: its parameters' key}) took `s` lesson seconds. */
  function remember(run, s) {
    results.set(resultKey(run.lesson, run.variant, run.mode, run.engine), { s, params: run.params });
  }

  /**
   * shown = {model, lesson (the shown lesson's object), mode, engine, params (the key of the
   * values now in the fields), hogs (the shown run's hog polls)}; `at`: the shown run's now.
   */
  function render(at, { model, lesson, mode, engine, params, hogs }) {
    const { t } = app;
    const lang = app.lang();
    const run = currentRun(model);
    const rows = [];
    if (run) {
      const elapsedS = Math.max(0, lessonSeconds(model, endTime(model, at)));
      // Only time really waited: a sleep cut short by a cancel counts up to the cancel.
      const sleptS = (run.sleptMs * lessonRate(model)) / 1000;
      rows.push(['elapsed', t('totalsElapsed', { elapsed: formatSeconds(elapsedS, 3) })]);
      rows.push(['sleeps', t('totalsSleeps', { sum: formatSeconds(sleptS, 3) })]);
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
    const done = (lesson?.variants ?? [])
      .map((v) => ({ label: pick(v.label, lang), result: results.get(resultKey(lesson.id, v.id, mode, engine)) }))
      .filter((r) => r.result !== undefined && r.result.params === params)
      .map((r) => ({ label: r.label, s: r.result.s }));
    const key = JSON.stringify([rows, done, lang]);
    if (key === totalsKey) return;
    // The elapsed time changes every frame of a live run: same lines, new words, so the <p>s
    // stay and only their text changes.
    const shape = JSON.stringify([rows.map(([cls]) => cls), done, lang]);
    const shapeKept = shape === totalsShape;
    totalsKey = key;
    totalsShape = shape;
    if (shapeKept) {
      rows.forEach(([, line], i) => {
        const p = node.children[i];
        if (p.textContent !== line) p.textContent = line;
      });
      return;
    }

    const nodes = rows.map(([cls, line]) => {
      const p = make('p', cls);
      p.textContent = line;
      return p;
    });
    if (done.length >= 2) nodes.push(comparison(done, t));
    else if (done.length === 1 && (lesson?.variants.length ?? 0) > 1) {
      const hint = make('p', 'hint');
      hint.textContent = t('totalsCompareHint');
      nodes.push(hint);
    }
    // No run yet (or a program that did not start): say what the panel will hold, not a blank box.
    if (nodes.length === 0) {
      const empty = make('p', 'hint empty');
      empty.textContent = t('totalsEmpty');
      nodes.push(empty);
    }
    node.replaceChildren(...nodes);
  }

  return { remember, render };
}

/** One row per variant: label, a <meter> as a bar, and the seconds (no inline styles needed). */
function comparison(done, t) {
  const max = Math.max(...done.map((r) => r.s), 0.001);
  const table = make('table', 'compare');
  const caption = make('caption');
  caption.textContent = t('totalsCompare');
  table.append(caption);
  for (const r of done) {
    const tr = make('tr');
    const name = make('th');
    name.scope = 'row';
    name.textContent = r.label;
    const barCell = make('td');
    const meter = make('meter');
    meter.min = 0;
    meter.max = max;
    meter.value = r.s;
    meter.textContent = formatSeconds(r.s, 2);
    barCell.append(meter);
    const value = make('td', 'value');
    value.textContent = formatSeconds(r.s, 3);
    tr.append(name, barCell, value);
    table.append(tr);
  }
  return table;
}
