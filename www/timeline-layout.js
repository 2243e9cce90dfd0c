// Where things sit on the timeline canvas: the geometry of a frame (lanes, plot, time axis),
// the whole-pixel runs its slices are drawn as, and what is painted under a point. The painter
// (timeline.js) and the pointer and keyboard (timeline-ui.js) share it, so what is picked is
// exactly what was painted there.

import { currentRun, endOr, endTime, laneWindow, lessonSeconds } from './trace.js';
import { fitSpan } from './viewport.js';

export const LANE_HEIGHT = 28; // CSS px, one task (or the loop)
export const LANE_GAP = 6; // CSS px between lanes
export const BAR_INSET = 5; // CSS px between a lane's edge and its bars
export const AXIS_HEIGHT = 24; // CSS px above the lanes, for the time labels
export const PAD_TOP = 4; // CSS px
export const PAD_BOTTOM = 8; // CSS px
export const PAD_RIGHT = 20; // CSS px, keeps the last label and end marks inside
export const LABEL_WIDTH_MAX = 140; // CSS px for lane names on wide canvases
export const LABEL_WIDTH_SHARE = 0.3; // of the canvas width, on narrow canvases
export const INDENT = 10; // CSS px per spawn-tree level in lane names
export const MIN_POLL_WIDTH = 3; // CSS px: a 50 µs poll still shows
export const MIN_TICK_WIDTH = 2; // CSS px for loop ticks
export const HIT_SLOP = 2; // CSS px of tolerance around thin slices for the pointer
export const MIN_AXIS_STEP_PX = 90; // CSS px between two time labels
const MIN_AXIS_STEP_PX_NARROW = 44; // closest two labels ("2.25 s") may be on a narrow plot
const MIN_AXIS_LABELS = 5; // label gaps a plot aims for: four or more labels however narrow
export const AXIS_STEPS_S = [
  0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5,
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600,
];
export const TURNS_MIN_POLLS = 3; // polls in one drawn run before it can be "took turns"
export const TURNS_MIN_PX = 8; // CSS px: narrower runs stay a plain bar
export const TURNS_BUSY_SHARE = 0.75; // a run busy for less of its width took turns
export const LANE_MARK_WIDTH = 4; // CSS px, the colour bar left of a lane's name

/**
 * Task lanes drawn at once. A run of thousands of tasks shows a window of them (the caller
 * scrolls it): a canvas cannot be 300,000 px tall, and a frame must not draw 10,000 lanes.
 */
export const MAX_LANES = 50;

/** CSS px height the canvas needs for the current run (loop lane + one lane per task shown). */
export function canvasHeight(model) {
  const n = 1 + Math.min(MAX_LANES, currentRun(model)?.order.length ?? 0);
  return PAD_TOP + AXIS_HEIGHT + n * (LANE_HEIGHT + LANE_GAP) + PAD_BOTTOM;
}

/**
 * Axis step (lesson s) so labels are at least MIN_AXIS_STEP_PX apart; on a narrow plot (a
 * phone) closer, so the axis still has about four labels (MIN_AXIS_LABELS).
 */
export function axisStep(spanS, plotWidth) {
  const gap = Math.max(MIN_AXIS_STEP_PX_NARROW, Math.min(MIN_AXIS_STEP_PX, plotWidth / MIN_AXIS_LABELS));
  const minStep = (spanS * gap) / Math.max(plotWidth, 1);
  return AXIS_STEPS_S.find((s) => s >= minStep) ?? AXIS_STEPS_S[AXIS_STEPS_S.length - 1];
}

/** "0 s", "0.5 s", "1 s", "0.25 s"; zoomed in: "12.5 ms", "0.2 ms". */
export function axisLabel(seconds, step = 1) {
  if (step < 0.1 && seconds !== 0) return `${+(seconds * 1000).toFixed(3)} ms`;
  return `${+seconds.toFixed(step < 0.01 ? 4 : 2)} s`;
}

/**
 * The geometry of one frame. view = {width, now (runtime ms), range?: {startS, spanS}
 * (defaults to the whole run), firstLane?: index of the first task lane shown}. Returns
 * {labelW, plotW, range, stop, elapsedS, rows (the lanes shown), firstLane, totalLanes,
 * x(time) → CSS px, secondsAt(px) → lesson s, timeAt(px) → runtime ms, laneTop(i)}.
 */
export function layout(model, view) {
  const run = currentRun(model);
  const stop = run ? endTime(model, view.now) : model.t0;
  const elapsedS = Math.max(0, lessonSeconds(model, stop));
  const range = view.range ?? { startS: 0, spanS: fitSpan(elapsedS) };
  const labelW = Math.min(LABEL_WIDTH_MAX, Math.round(view.width * LABEL_WIDTH_SHARE));
  const plotW = Math.max(1, view.width - labelW - PAD_RIGHT);
  const scale = plotW / range.spanS;
  const x = (time) => labelW + (Math.max(0, lessonSeconds(model, time)) - range.startS) * scale;
  // x as max(xMin, xA × time + xB): the same line, for loops over thousands of slices a frame.
  const xMin = labelW - range.startS * scale;
  const xA = (model.virtual ? 1 : model.speed) * scale / 1000;
  const xB = xMin - (model.virtual ? 0 : model.t0 * xA);
  const secondsAt = (px) => range.startS + (px - labelW) / scale;
  // The inverse of x for times after the run's start (earlier ones all sit at x(start)).
  const timeAt = (px) => {
    const s = secondsAt(px);
    if (s <= 0) return -Infinity;
    return model.virtual ? s * 1000 : model.t0 + (s * 1000) / model.speed;
  };
  const laneTop = (i) => PAD_TOP + AXIS_HEIGHT + i * (LANE_HEIGHT + LANE_GAP);
  // Depths are kept per task as it spawns: a window of lanes costs O(its size), not O(tasks).
  const totalLanes = run ? run.order.length : 0;
  const firstLane = Math.max(0, Math.min(view.firstLane ?? 0, totalLanes - MAX_LANES));
  const rows = laneWindow(run, firstLane, MAX_LANES);
  return {
    run, labelW, plotW, range, stop, elapsedS, rows, firstLane, totalLanes, x, secondsAt, timeAt, laneTop,
    xMin, xA, xB,
  };
}

/** Whether the loop lane can be drawn: ticks are stamped on the real clock, a virtual run is not. */
export const ticksDrawn = (model) => !model.virtual;

/** First index of a time-ordered slice list whose slice ends at or after `from` (runtime ms). */
export function firstEnding(list, from, stop) {
  if (from === -Infinity) return 0;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid];
    if (endOr(s, stop) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index of a time-ordered point list (wakes) at or after `from`. */
export function firstPoint(list, from) {
  if (from === -Infinity) return 0;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].time < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The slices of `list` in the time window [from, to], as whole-pixel runs: each slice covers
 * [round(x(start)), round(x(end))), at least `minW` px; slices that touch or overlap on screen
 * merge into one run, so a thousand sub-pixel polls are one bar, never nothing. Slices
 * narrower than `skipBelow` px (before rounding) are left out, and so are those before index
 * `minIndex`. Calls run(x0, x1) per run.
 */
export function eachRun(list, geo, from, to, minW, skipBelow, run, minIndex = 0) {
  const { xMin, xA, xB, stop } = geo;
  let r0 = 0;
  let r1 = -Infinity;
  let n = 0; // slices in the run (a merged slice counts what it stands for)
  let busy = 0; // CSS px they cover unwidened: a merged slice by its summed length
  for (let i = Math.max(minIndex, firstEnding(list, from, stop)); i < list.length; i++) {
    const s = list[i];
    if (s.start > to) break;
    const fx0 = Math.max(xMin, xA * s.start + xB);
    const fx1 = Math.max(xMin, xA * endOr(s, stop) + xB);
    if (fx1 - fx0 < skipBelow) continue;
    const x0 = Math.round(fx0);
    const x1 = Math.max(Math.round(fx1), x0 + minW);
    const own = s.merged ? Math.min(fx1 - fx0, xA * s.sumMs) : fx1 - fx0;
    if (x0 <= r1) {
      if (x1 > r1) r1 = x1;
      n += s.merged || 1;
      busy += own;
    } else {
      if (r1 > r0) run(r0, r1, n, busy);
      r0 = x0;
      r1 = x1;
      n = s.merged || 1;
      busy = own;
    }
  }
  if (r1 > r0) run(r0, r1, n, busy);
}

/**
 * Whether a run of `n` polls drawn `w` px wide, busy for `busy` px of it, is many short polls
 * with gaps between them (the task took turns with others, or with the loop): drawn as such,
 * never as one solid bar, which would read as running all along (beside another lane's, as
 * running in parallel).
 */
export function tookTurns(w, n, busy) {
  return n >= TURNS_MIN_POLLS && w >= TURNS_MIN_PX && busy <= TURNS_BUSY_SHARE * w;
}

/** The lesson times the axis labels, for `range` across `plotW` px, and its step. */
export function axisTimes({ startS, spanS }, plotW) {
  const step = axisStep(spanS, plotW);
  const times = [];
  for (let k = Math.ceil(startS / step - 1e-9); k * step <= startS + spanS + 1e-9; k++) times.push(k * step);
  times.step = step;
  return times;
}

/** The CSS px box of a slice picked by sliceAt (or by keyboard), or null. */
export function sliceBox(geo, slice) {
  const { x, laneTop, stop } = geo;
  const top = laneTop(slice.lane);
  const x0 = x(slice.item.start);
  const x1 = x(endOr(slice.item, stop));
  if (slice.kind === 'poll') return { x0, x1: x0 + Math.max(MIN_POLL_WIDTH, x1 - x0), y0: top + BAR_INSET - 2, y1: top + LANE_HEIGHT - BAR_INSET + 2 };
  if (slice.kind === 'tick') return { x0, x1: x0 + Math.max(MIN_TICK_WIDTH, x1 - x0), y0: top + BAR_INSET, y1: top + LANE_HEIGHT - BAR_INSET };
  return { x0, x1, y0: top + BAR_INSET, y1: top + LANE_HEIGHT - BAR_INSET };
}

/**
 * What is painted at CSS px (px, py): {kind: 'poll' | 'ready' | 'wait' | 'tick', lane, task
 * (null for the loop lane), item (the model's slice)} or null. Polls win over the spans
 * around them, as they are drawn on top.
 */
export function sliceAt(model, view, px, py) {
  const geo = layout(model, view);
  const { rows, laneTop, labelW, plotW, x, stop } = geo;
  if (px < labelW || px > labelW + plotW + PAD_RIGHT) return null;
  const lane = Math.floor((py - PAD_TOP - AXIS_HEIGHT) / (LANE_HEIGHT + LANE_GAP));
  if (lane < 0 || lane > rows.length) return null;
  const inLane = py - laneTop(lane);
  if (inLane < 0 || inLane > LANE_HEIGHT) return null;
  // Only slices near the pointer's time can be under it (lists are in time order).
  const from = geo.timeAt(px - HIT_SLOP - MIN_POLL_WIDTH);
  const to = geo.timeAt(px + HIT_SLOP);
  const hit = (items, minW) => {
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i];
      if (endOr(item, stop) < from) break;
      if (item.start > to) continue;
      const x0 = x(item.start);
      const x1 = x0 + Math.max(minW, x(endOr(item, stop)) - x0);
      if (px >= x0 - HIT_SLOP && px <= x1 + HIT_SLOP) return item;
    }
    return null;
  };
  if (lane === 0) {
    if (!ticksDrawn(model)) return null; // nothing is drawn there in a virtual run
    const start = geo.run?.start ?? model.t0;
    const item = hit(model.ticks.filter((tick) => tick.start >= start), MIN_TICK_WIDTH);
    return item ? { kind: 'tick', lane, task: null, item } : null;
  }
  const { task } = rows[lane - 1];
  for (const [kind, items, minW] of [['poll', task.polls, MIN_POLL_WIDTH], ['ready', task.readies, 0], ['wait', task.waits, 0]]) {
    const item = hit(items, minW);
    if (item) return { kind, lane, task, item };
  }
  return null;
}
