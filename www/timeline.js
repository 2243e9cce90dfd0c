// Pure drawing of the timeline: `draw(ctx, model, view)` paints one frame on the context it is
// given and touches nothing else. The caller sizes the canvas (canvasHeight) and sets the
// transform so that one unit is one CSS px. `layout` and `sliceAt` share draw's geometry, so
// what the pointer or the keyboard picks is exactly what was painted there.
//
// A frame must stay cheap while 10,000 tasks run: only the lanes in the window and on screen are
// painted, each list is entered by binary search at the view's start, slices are snapped to
// whole pixels and merged per lane where they touch (a thousand sub-pixel polls become one bar:
// everything recorded still shows), and each kind of mark is one path with one fill or stroke.

import { currentRun, endTime, laneWindow, lessonSeconds, maxConcurrentWaits, waitParts } from './trace.js';
import { MIN_SPAN_S, SPAN_HEADROOM, fitSpan } from './viewport.js';

export { MIN_SPAN_S, SPAN_HEADROOM };
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
export const HATCH_SPACING = 6; // CSS px between the stripes of a waiting span
export const TURNS_MIN_POLLS = 3; // polls in one drawn run before it can be "took turns"
export const TURNS_MIN_PX = 8; // CSS px: narrower runs stay a plain bar
export const TURNS_BUSY_SHARE = 0.75; // a run busy for less of its width took turns
export const TURNS_STRIPE = 2; // CSS px: stripe and gap of a "took turns" bar
export const HOG_HATCH_SPACING = 5; // CSS px between the stripes over a poll that hogged the loop
export const MARK_RADIUS = 5; // CSS px, finished / cancelled marks
export const WAIT_LABEL_JOIN = ' | '; // between the parts of a wait that races several things
export const HOG_SIGN = '⚠'; // drawn above a hog poll: the shape, not only the colour, warns
export const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const FONT_SMALL = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export const COLORS = Object.freeze({
  laneBg: '#f6f8fb', grid: '#e3e8ef', axisText: '#4a5565', label: '#18202c',
  tick: '#5b6b82', poll: '#2458c6', turnsFill: '#dde6f8',
  waitFill: '#eef2f7', waitStripe: '#a9b6c8', waitEdge: '#c7d1de', waitText: '#334155',
  readyFill: '#fdebbd', readyEdge: '#b7791f',
  finish: '#17803d', cancel: '#b4232a', wake: '#7c3aed', timer: '#0f7490', now: '#94a3b8',
  hog: '#b4232a', hogStripe: 'rgba(255,255,255,0.75)',
  pauseFill: 'rgba(71,85,105,0.13)', pauseEdge: '#475569', focus: '#111827',
});

/**
 * One colour per task lane, by its place in spawn order (cycling), drawn as a bar before the
 * lane's name; the editor marks a paused task's current line in the same colour (laneColor).
 * All dark enough for white text and distinct from the light lane background.
 */
export const LANE_COLORS = Object.freeze([
  '#2458c6', '#c2410c', '#15803d', '#7c3aed', '#be185d', '#0e7490', '#a16207', '#475569',
]);
export const LANE_MARK_WIDTH = 4; // CSS px, the colour bar left of a lane's name

/** The colour of the task lane at `lane` (0-based, spawn order). */
export const laneColor = (lane) => LANE_COLORS[((lane % LANE_COLORS.length) + LANE_COLORS.length) % LANE_COLORS.length];

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

/** Key of a poll in the hog set the caller passes as view.hogs: "<task id>:<poll n>". */
export const hogKey = (taskId, n) => `${taskId}:${n}`;

/** Whether the loop lane can be drawn: ticks are stamped on the real clock, a virtual run is not. */
export const ticksDrawn = (model) => !model.virtual;

// ---- per-frame caches: text widths and fitted names do not change between frames ----

const TEXT_CACHE_MAX = 4000; // entries; past it the cache starts over (names of a huge run)
const widths = new Map(); // font + text → CSS px
const fitted = new Map(); // font + room + text → the text as drawn
function textWidth(ctx, text) {
  const key = `${ctx.font}\n${text}`;
  let w = widths.get(key);
  if (w === undefined) {
    if (widths.size >= TEXT_CACHE_MAX) widths.clear();
    w = ctx.measureText(text).width;
    widths.set(key, w);
  }
  return w;
}

/** view.hogs (a Set of hogKey) as task id → Set of poll numbers, made once per Set. */
const hogIndexes = new WeakMap();
function hogIndex(hogs) {
  if (!hogs || hogs.size === 0) return null;
  let index = hogIndexes.get(hogs);
  if (!index) {
    index = new Map();
    for (const key of hogs) {
      const [task, n] = key.split(':').map(Number);
      if (!index.has(task)) index.set(task, new Set());
      index.get(task).add(n);
    }
    hogIndexes.set(hogs, index);
  }
  return index;
}

/**
 * The wait fill and its hatching as one pattern: one fill per frame instead of a fill and a
 * stroke per stripe per wait.
 */
const hatches = new WeakMap();
function hatchPattern(ctx) {
  const dpr = Math.max(1, ctx.getTransform().a);
  const cached = hatches.get(ctx);
  if (cached && cached.dpr === dpr) return cached.pattern;
  const size = Math.max(1, Math.round(HATCH_SPACING * dpr));
  const tile = document.createElement('canvas');
  tile.width = size;
  tile.height = size;
  const tc = tile.getContext('2d');
  tc.fillStyle = COLORS.waitFill;
  tc.fillRect(0, 0, size, size);
  tc.strokeStyle = COLORS.waitStripe;
  tc.lineWidth = dpr;
  tc.beginPath();
  for (const k of [-size, 0, size]) { // neighbours too, so the stripes meet across tiles
    tc.moveTo(k, size);
    tc.lineTo(k + size, 0);
  }
  tc.stroke();
  const pattern = ctx.createPattern(tile, 'repeat');
  // One tile pixel per device pixel; anchored to the canvas, so stripes stand still as spans grow.
  pattern.setTransform(new DOMMatrix([1 / dpr, 0, 0, 1 / dpr, 0, 0]));
  hatches.set(ctx, { dpr, pattern });
  return pattern;
}

/** First index of a time-ordered slice list whose slice ends at or after `from` (runtime ms). */
function firstEnding(list, from, stop) {
  if (from === -Infinity) return 0;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid];
    if ((s.end ?? stop) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index of a time-ordered point list (wakes) at or after `from`. */
function firstPoint(list, from) {
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
function eachRun(list, geo, from, to, minW, skipBelow, run, minIndex = 0) {
  const { xMin, xA, xB, stop } = geo;
  let r0 = 0;
  let r1 = -Infinity;
  let n = 0; // slices in the run (a merged slice counts what it stands for)
  let busy = 0; // CSS px they cover unwidened: a merged slice by its summed length
  for (let i = Math.max(minIndex, firstEnding(list, from, stop)); i < list.length; i++) {
    const s = list[i];
    if (s.start > to) break;
    const fx0 = Math.max(xMin, xA * s.start + xB);
    const fx1 = Math.max(xMin, xA * (s.end ?? stop) + xB);
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

/**
 * Paints one frame. view = {width, height (CSS px), now (runtime ms), t(key, vars),
 * range?: {startS, spanS} (lesson s shown), firstLane?, hogs?: Set of hogKey, hogMs?: the hog
 * threshold (for merged slices), focus?: a slice from sliceAt, band?: {top, bottom} CSS px rows
 * of the canvas worth painting (the part on screen; default all, none when top >= bottom),
 * background?: the colour an opaque canvas is filled with (default: cleared to transparent)}.
 * Only lanes that meet the band are painted; the rest of the bitmap is left as it was.
 * Returns what is shown: {taskLanes (shown), firstLane, totalLanes, names, elapsedS, maxWaiting,
 * range, hogs, pauses, painted, turnLanes} (hogs and pauses: how many are in view, painted or
 * not; turnLanes: names of the lanes painted with runs of polls that took turns).
 */
export function draw(ctx, model, view) {
  const { width, height } = view;
  const geo = layout(model, view);
  const { run, labelW, plotW, range, elapsedS, rows, firstLane, totalLanes } = geo;
  geo.axis = axisTimes(range, plotW); // once a frame: drawn, and counted for data-axis-labels
  const band = {
    top: Math.max(0, view.band?.top ?? 0),
    bottom: Math.min(height, view.band?.bottom ?? height),
  };
  const left = labelW - MIN_POLL_WIDTH - 2 * MARK_RADIUS;
  const right = labelW + plotW + PAD_RIGHT;
  const win = { left, right, from: geo.timeAt(left), to: geo.timeAt(right) };
  const hogs = { index: hogIndex(view.hogs), ms: view.hogMs ?? Infinity };

  const painted = band.bottom > band.top;
  const turns = painted ? paint(ctx, model, view, geo, band, win, hogs) : [];

  return {
    taskLanes: rows.length,
    firstLane,
    totalLanes,
    names: rows.map((row) => row.task.name),
    elapsedS,
    maxWaiting: maxConcurrentWaits(run, geo.stop),
    range,
    hogs: countHogs(geo, win, hogs),
    axisLabels: geo.axis.length,
    turnLanes: [...new Set(turns.map((r) => r.name))],
    pauses: (run?.pauses ?? []).filter((p) => geo.x(p.end ?? geo.stop) >= left && geo.x(p.start) <= right).length,
    painted,
  };
}

const isHog = (task, p, hogs) => Boolean(hogs.index?.get(task.id)?.has(p.n)) || Boolean(p.merged && p.maxMs >= hogs.ms);

/** Hog polls in the time window of the lanes shown (what data-hogs reports). */
function countHogs(geo, win, hogs) {
  if (!hogs.index && hogs.ms === Infinity) return 0;
  let n = 0;
  for (const { task } of geo.rows) {
    if (!hogs.index?.has(task.id) && !(task.polls[0]?.merged)) continue;
    const { polls } = task;
    for (let i = firstEnding(polls, win.from, geo.stop); i < polls.length && polls[i].start <= win.to; i++) {
      if (isHog(task, polls[i], hogs)) n++;
    }
  }
  return n;
}

function paint(ctx, model, view, geo, band, win, hogs) {
  const { width, t } = view;
  const { run, labelW, plotW, range, rows, laneTop, x, stop, firstLane } = geo;
  // Lanes (0 = the loop) that meet the band; a little slack for marks above a lane's edge.
  const SLACK = MARK_RADIUS + 2;
  const meets = (i) => laneTop(i) + LANE_HEIGHT + SLACK > band.top && laneTop(i) - SLACK < band.bottom;
  const shown = [];
  for (let i = 0; i < rows.length; i++) if (meets(i + 1)) shown.push(i);

  ctx.save();
  ctx.beginPath();
  ctx.rect(0, band.top, width, band.bottom - band.top);
  ctx.clip();
  if (view.background) {
    ctx.fillStyle = view.background; // an opaque canvas has no transparent pixels to clear to
    ctx.fillRect(0, band.top, width, band.bottom - band.top);
  } else {
    ctx.clearRect(0, band.top, width, band.bottom - band.top);
  }
  ctx.textBaseline = 'middle';

  ctx.fillStyle = COLORS.laneBg;
  ctx.beginPath();
  if (meets(0)) ctx.rect(labelW, laneTop(0), plotW, LANE_HEIGHT);
  for (const i of shown) ctx.rect(labelW, laneTop(i + 1), plotW, LANE_HEIGHT);
  ctx.fill();
  const bottom = laneTop(rows.length) + LANE_HEIGHT;
  drawAxis(ctx, { labelW, plotW, range, bottom, times: geo.axis });

  ctx.textAlign = 'left';
  if (meets(0)) {
    ctx.font = `italic ${FONT}`;
    ctx.fillStyle = COLORS.axisText;
    drawLabel(ctx, t('laneLoop'), 0, laneTop(0), labelW);
  }
  ctx.font = FONT;
  ctx.fillStyle = COLORS.label;
  for (const i of shown) drawLabel(ctx, rows[i].task.name, rows[i].depth, laneTop(i + 1), labelW);
  for (const i of shown) {
    ctx.fillStyle = laneColor(rows[i].lane ?? i);
    ctx.fillRect(0, laneTop(i + 1) + BAR_INSET, LANE_MARK_WIDTH, LANE_HEIGHT - 2 * BAR_INSET);
  }

  // Everything in time goes through a clip: zoomed in, slices must not spill over the names.
  ctx.beginPath();
  ctx.rect(labelW, 0, width - labelW, view.height);
  ctx.clip();

  if (meets(0)) drawLoopLane(ctx, model, geo, win, t);

  const barH = LANE_HEIGHT - 2 * BAR_INSET;
  const lanesShown = shown.map((i) => ({ task: rows[i].task, top: laneTop(i + 1) }));

  // Ready spans: a fill, then a dashed edge, each one path for every lane.
  const readies = [];
  for (const { task, top } of lanesShown) {
    eachRun(task.readies, geo, win.from, win.to, 1, 0.5, (x0, x1) => readies.push(x0, top + BAR_INSET, x1 - x0));
  }
  if (readies.length) {
    ctx.fillStyle = COLORS.readyFill;
    ctx.beginPath();
    for (let k = 0; k < readies.length; k += 3) ctx.rect(readies[k], readies[k + 1] + 3, readies[k + 2], barH - 6);
    ctx.fill();
    ctx.strokeStyle = COLORS.readyEdge;
    ctx.lineWidth = 1;
    ctx.setLineDash([3, 2]);
    ctx.beginPath();
    for (let k = 0; k < readies.length; k += 3) {
      ctx.rect(readies[k] + 0.5, readies[k + 1] + 3.5, Math.max(0, readies[k + 2] - 1), barH - 7);
    }
    ctx.stroke();
    ctx.setLineDash([]);
  }

  // Waits: fill with hatching (one pattern), then the edges, one path each; then the labels that fit.
  const waits = [];
  for (const { task, top } of lanesShown) {
    eachRun(task.waits, geo, win.from, win.to, 1, Number.MIN_VALUE, (x0, x1) => waits.push(x0, top + BAR_INSET, x1 - x0));
  }
  if (waits.length) {
    ctx.beginPath();
    for (let k = 0; k < waits.length; k += 3) ctx.rect(waits[k], waits[k + 1], waits[k + 2], barH);
    ctx.fillStyle = hatchPattern(ctx);
    ctx.fill();
    ctx.strokeStyle = COLORS.waitEdge;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let k = 0; k < waits.length; k += 3) ctx.rect(waits[k] + 0.5, waits[k + 1] + 0.5, Math.max(0, waits[k + 2] - 1), barH - 1);
    ctx.stroke();
    drawWaitLabels(ctx, run, lanesShown, geo, win, t);
  }

  // Polls: one path for every lane; runs of many short polls with gaps as "took turns";
  // hog marks over them; then end marks.
  let hogMarks = [];
  const turns = [];
  ctx.fillStyle = COLORS.poll;
  ctx.beginPath();
  lanesShown.forEach(({ task, top }, k) => {
    eachRun(task.polls, geo, win.from, win.to, MIN_POLL_WIDTH, -Infinity, (x0, x1, n, busy) => {
      if (tookTurns(x1 - x0, n, busy)) turns.push({ x0, x1, y: top + BAR_INSET - 2, n, odd: (firstLane + shown[k]) % 2, name: task.name });
      else ctx.rect(x0, top + BAR_INSET - 2, x1 - x0, barH + 4);
    });
    if (hogs.index?.has(task.id) || task.polls[0]?.merged) hogMarks = hogMarks.concat(hogBoxes(task, top, geo, win, hogs));
  });
  ctx.fill();
  if (turns.length) drawTurns(ctx, turns, barH + 4, t);
  for (const [x0, y, w, h] of hogMarks) hogBar(ctx, x0, y, w, h);
  drawEndMarks(ctx, lanesShown, geo, win);

  // Wake arrows after the bars, so they cross over the bars they connect.
  drawWakes(ctx, rows, geo, win, band);
  drawPauses(ctx, run, { x, stop, top: PAD_TOP + AXIS_HEIGHT - 4, bottom, win, t });
  if (view.focus) drawFocus(ctx, geo, view.focus);
  ctx.restore();
  return turns;
}

/** Lane 0: the loop itself, one slice per tick (one drain of the run queue), merged per pixel. */
function drawLoopLane(ctx, model, geo, win, t) {
  const top = geo.laneTop(0);
  if (!ticksDrawn(model)) {
    // Ticks are stamped on the real clock: on a virtual axis they would sit at made-up places.
    ctx.save();
    ctx.font = `italic ${FONT_SMALL}`;
    ctx.fillStyle = COLORS.axisText;
    ctx.textAlign = 'left';
    ctx.fillText(fit(ctx, t('loopLaneVirtual'), geo.plotW - 12), geo.labelW + 6, top + LANE_HEIGHT / 2);
    ctx.restore();
    return;
  }
  const { ticks } = model;
  const start = geo.run?.start ?? model.t0;
  const from = Math.max(win.from, start);
  // A tick still open at the run's start belongs to the loop before it: skip by start time.
  let first = firstEnding(ticks, from, geo.stop);
  while (first < ticks.length && ticks[first].start < start) first++;
  ctx.fillStyle = COLORS.tick;
  ctx.beginPath();
  eachRun(ticks, geo, from, win.to, MIN_TICK_WIDTH, -Infinity,
    (x0, x1) => ctx.rect(x0, top + BAR_INSET, x1 - x0, LANE_HEIGHT - 2 * BAR_INSET), first);
  ctx.fill();
}

/** The label of each wait wide enough to hold one: the full one, else what ends it first. */
function drawWaitLabels(ctx, run, lanesShown, geo, win, t) {
  const MIN_LABEL_PX = 24; // narrower waits hold no label: skip them before asking their parts
  const { x, stop } = geo;
  const pills = [];
  ctx.font = FONT_SMALL;
  for (const { task, top } of lanesShown) {
    const { waits } = task;
    for (let i = firstEnding(waits, win.from, stop); i < waits.length && waits[i].start <= win.to; i++) {
      const wait = waits[i];
      const x0 = x(wait.start);
      const w = x(wait.end ?? stop) - x0;
      if (w < MIN_LABEL_PX) continue;
      const parts = waitParts(run, wait);
      if (parts.length === 0) continue;
      const text = [waitLabel(parts, t), waitLabel(parts.slice(0, 1), t)].find((s) => textWidth(ctx, s) + 12 <= w);
      if (text === undefined) continue;
      pills.push({ text, tw: textWidth(ctx, text), cx: x0 + w / 2, cy: top + LANE_HEIGHT / 2 });
    }
  }
  if (pills.length === 0) return;
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.beginPath();
  for (const p of pills) ctx.rect(p.cx - p.tw / 2 - 4, p.cy - 7, p.tw + 8, 14);
  ctx.fill();
  ctx.fillStyle = COLORS.waitText;
  ctx.textAlign = 'center';
  for (const p of pills) ctx.fillText(p.text, p.cx, p.cy);
  ctx.textAlign = 'left';
}

/**
 * Runs of polls that took turns: a light bar with upright stripes of the poll colour, shifted
 * by half a period on every other lane, so neighbours that alternate read as a zip, not as two
 * solid bars side by side; and "took turns N times" where it fits.
 */
function drawTurns(ctx, turns, h, t) {
  ctx.save();
  ctx.fillStyle = COLORS.turnsFill;
  ctx.beginPath();
  for (const r of turns) ctx.rect(r.x0, r.y, r.x1 - r.x0, h);
  ctx.fill();
  ctx.fillStyle = COLORS.poll;
  ctx.beginPath();
  const period = 2 * TURNS_STRIPE;
  for (const r of turns) {
    const shift = r.odd ? TURNS_STRIPE : 0;
    for (let sx = Math.floor((r.x0 - shift) / period) * period + shift; sx < r.x1; sx += period) {
      const a = Math.max(sx, r.x0);
      const b = Math.min(sx + TURNS_STRIPE, r.x1);
      if (b > a) ctx.rect(a, r.y, b - a, h);
    }
  }
  ctx.fill();
  ctx.strokeStyle = COLORS.poll;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const r of turns) ctx.rect(r.x0 + 0.5, r.y + 0.5, r.x1 - r.x0 - 1, h - 1);
  ctx.stroke();
  ctx.font = FONT_SMALL;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const r of turns) {
    const text = r.n ? t('turnsLabel', { count: r.n }) : '';
    if (!text) continue;
    const tw = textWidth(ctx, text);
    if (tw + 12 > r.x1 - r.x0) continue;
    const cx = (r.x0 + r.x1) / 2;
    ctx.fillStyle = 'rgba(255,255,255,0.92)';
    ctx.fillRect(cx - tw / 2 - 4, r.y + h / 2 - 7, tw + 8, 14);
    ctx.fillStyle = COLORS.label;
    ctx.fillText(text, cx, r.y + h / 2);
  }
  ctx.restore();
}

/** Boxes of a lane's hog polls in view, one per pixel column (a thousand hogs in one pixel are one mark). */
function hogBoxes(task, top, geo, win, hogs) {
  const { x, stop } = geo;
  const out = [];
  const { polls } = task;
  let lastX = -Infinity;
  for (let i = firstEnding(polls, win.from, stop); i < polls.length && polls[i].start <= win.to; i++) {
    const p = polls[i];
    if (!isHog(task, p, hogs)) continue;
    const x0 = Math.round(x(p.start));
    if (x0 === lastX) continue;
    lastX = x0;
    const w = Math.max(MIN_POLL_WIDTH, Math.round(x(p.end ?? stop)) - x0);
    out.push([x0, top + BAR_INSET - 2, w, LANE_HEIGHT - 2 * BAR_INSET + 4]);
  }
  return out;
}

function drawEndMarks(ctx, lanesShown, geo, win) {
  const finished = [];
  const cancelled = [];
  for (const { task, top } of lanesShown) {
    if (!task.end) continue;
    const mx = geo.x(task.end.time) + MIN_POLL_WIDTH + MARK_RADIUS;
    if (mx < win.left || mx > win.right) continue;
    (task.end.kind === 'finished' ? finished : cancelled).push([mx, top + LANE_HEIGHT / 2]);
  }
  for (const [cx, cy] of finished) finishMark(ctx, cx, cy);
  for (const [cx, cy] of cancelled) cancelMark(ctx, cx, cy);
}

function drawWakes(ctx, rows, geo, win, band) {
  const { x, laneTop } = geo;
  const rowOf = new Map();
  rows.forEach((row, i) => rowOf.set(row.task.id, i + 1));
  rows.forEach(({ task }, i) => {
    const top = laneTop(i + 1);
    const { wakes } = task;
    let lastX = NaN;
    let lastCause = '';
    let lastFrom;
    for (let k = firstPoint(wakes, win.from); k < wakes.length && wakes[k].time <= win.to; k++) {
      const wake = wakes[k];
      if (wake.cause === 'hold') continue; // a held poll goes on: it is drawn as one stretch
      const wx = Math.round(x(wake.time)) + 0.5;
      if (wx < win.left || wx > win.right) continue;
      const from = wake.cause === 'task' && wake.by !== task.id ? rowOf.get(wake.by) : undefined;
      // One mark per pixel column and kind: more would paint the same pixels again.
      if (wx === lastX && wake.cause === lastCause && from === lastFrom) continue;
      lastX = wx;
      lastCause = wake.cause;
      lastFrom = from;
      if (from !== undefined) {
        const fromY = laneTop(from) + LANE_HEIGHT / 2;
        const down = fromY < top;
        const toY = down ? top + 1 : top + LANE_HEIGHT - 1;
        if (Math.max(fromY, toY) >= band.top && Math.min(fromY, toY) <= band.bottom) wakeArrow(ctx, wx, fromY, toY);
      } else if (top + LANE_HEIGHT >= band.top && top - 2 * MARK_RADIUS <= band.bottom) {
        if (wake.cause === 'timer') timerMark(ctx, wx, top);
        else if (wake.cause !== 'self') otherWakeMark(ctx, wx, top);
      }
    }
  });
}

/** The lesson times the axis labels, for `range` across `plotW` px, and its step. */
function axisTimes({ startS, spanS }, plotW) {
  const step = axisStep(spanS, plotW);
  const times = [];
  for (let k = Math.ceil(startS / step - 1e-9); k * step <= startS + spanS + 1e-9; k++) times.push(k * step);
  times.step = step;
  return times;
}

function drawAxis(ctx, { labelW, plotW, range, bottom, times }) {
  const { startS, spanS } = range;
  const { step } = times;
  ctx.save();
  ctx.font = FONT_SMALL;
  ctx.textAlign = 'center';
  ctx.strokeStyle = COLORS.grid;
  ctx.fillStyle = COLORS.axisText;
  ctx.beginPath();
  const labels = [];
  for (const s of times) {
    const gx = Math.round(labelW + ((s - startS) / spanS) * plotW) + 0.5;
    ctx.moveTo(gx, PAD_TOP + AXIS_HEIGHT - 4);
    ctx.lineTo(gx, bottom);
    labels.push([axisLabel(s, step), gx]);
  }
  ctx.stroke();
  for (const [label, gx] of labels) ctx.fillText(label, gx, PAD_TOP + AXIS_HEIGHT / 2 - 2);
  ctx.restore();
}

/** A lane's name, cut to its room; the caller sets font and colour. */
function drawLabel(ctx, name, depth, top, labelW) {
  const left = LANE_MARK_WIDTH + 4 + depth * INDENT;
  const room = labelW - left - 8;
  ctx.fillText(fit(ctx, name, room), left, top + LANE_HEIGHT / 2);
}

function fit(ctx, text, room) {
  const key = `${ctx.font}\n${room}\n${text}`;
  let out = fitted.get(key);
  if (out !== undefined) return out;
  out = text;
  if (textWidth(ctx, text) > room) {
    let cut = text;
    while (cut.length > 1 && ctx.measureText(`${cut}…`).width > room) cut = cut.slice(0, -1);
    out = `${cut}…`;
  }
  if (fitted.size >= TEXT_CACHE_MAX) fitted.clear();
  fitted.set(key, out);
  return out;
}

/** Spans while the run was paused: a shaded band over every lane, edged, with a pause sign. */
function drawPauses(ctx, run, { x, stop, top, bottom, win, t }) {
  for (const pause of run?.pauses ?? []) {
    const x0 = x(pause.start);
    const x1 = x(pause.end ?? stop);
    if (x1 < win.left || x0 > win.right) continue;
    pauseBand(ctx, x0, top, Math.max(1, x1 - x0), bottom - top);
    // Two bars (drawn, so no font needs a pause glyph) and the word when it fits.
    ctx.save();
    ctx.fillStyle = COLORS.pauseEdge;
    ctx.fillRect(x0 + 3, top + 4, 2, 8);
    ctx.fillRect(x0 + 7, top + 4, 2, 8);
    ctx.font = FONT_SMALL;
    ctx.textAlign = 'left';
    const label = t('pausedLabel');
    if (x1 - x0 > textWidth(ctx, label) + 18) ctx.fillText(label, x0 + 12, top + 8);
    ctx.restore();
  }
}

/** A dark outline around the slice the keyboard or the pointer is on. */
function drawFocus(ctx, geo, focus) {
  const box = sliceBox(geo, focus);
  if (!box) return;
  ctx.save();
  ctx.strokeStyle = COLORS.focus;
  ctx.lineWidth = 2;
  ctx.setLineDash([]);
  ctx.strokeRect(box.x0 - 2, box.y0 - 2, box.x1 - box.x0 + 4, box.y1 - box.y0 + 4);
  ctx.restore();
}

/** The CSS px box of a slice picked by sliceAt (or by keyboard), or null. */
export function sliceBox(geo, slice) {
  const { x, laneTop, stop } = geo;
  const top = laneTop(slice.lane);
  const x0 = x(slice.item.start);
  const x1 = x(slice.item.end ?? stop);
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
      if ((item.end ?? stop) < from) break;
      if (item.start > to) continue;
      const x0 = x(item.start);
      const x1 = x0 + Math.max(minW, x(item.end ?? stop) - x0);
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

// ---- primitives, shared with the legend swatches ----

function readyBar(ctx, x0, y, w, h) {
  ctx.save();
  ctx.fillStyle = COLORS.readyFill;
  ctx.fillRect(x0, y + 3, w, h - 6);
  ctx.strokeStyle = COLORS.readyEdge;
  ctx.setLineDash([3, 2]);
  ctx.strokeRect(x0 + 0.5, y + 3.5, Math.max(0, w - 1), h - 7);
  ctx.restore();
}

/**
 * Diagonal stripes clipped to the box (x0, y, w, h), `spacing` px apart, rising to the right or
 * falling. Anchored to absolute x, so they stand still while a live span grows. Leaves the clip
 * set: callers draw it between their own save() and restore().
 */
function hatch(ctx, x0, y, w, h, color, lineWidth, spacing, rising) {
  ctx.beginPath();
  ctx.rect(x0, y, w, h);
  ctx.clip();
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth;
  ctx.beginPath();
  const first = Math.floor((x0 - h) / spacing) * spacing;
  for (let k = first; k < x0 + w; k += spacing) {
    ctx.moveTo(k, rising ? y + h : y);
    ctx.lineTo(k + h, rising ? y : y + h);
  }
  ctx.stroke();
}

function waitBar(ctx, x0, y, w, h) {
  ctx.save();
  ctx.fillStyle = COLORS.waitFill;
  ctx.fillRect(x0, y, w, h);
  hatch(ctx, x0, y, w, h, COLORS.waitStripe, 1, HATCH_SPACING, true);
  ctx.strokeStyle = COLORS.waitEdge;
  ctx.strokeRect(x0 + 0.5, y + 0.5, Math.max(0, w - 1), h - 1);
  ctx.restore();
}

function hogBar(ctx, x0, y, w, h) {
  // Stripes over the poll and a thick edge: marked by shape, not only by colour.
  ctx.save();
  hatch(ctx, x0, y, w, h, COLORS.hogStripe, 1.5, HOG_HATCH_SPACING, false);
  ctx.restore();
  ctx.save();
  ctx.strokeStyle = COLORS.hog;
  ctx.lineWidth = 2;
  ctx.strokeRect(x0 - 1, y - 1, w + 2, h + 2);
  // The sign on a white chip, inside a wide poll or just after a narrow one.
  ctx.font = FONT_SMALL;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const size = Math.min(h, 14);
  const cx = w >= size + 4 ? x0 + 2 + size / 2 : x0 + w + 2 + size / 2;
  ctx.fillStyle = '#fff';
  ctx.fillRect(cx - size / 2, y + (h - size) / 2, size, size);
  ctx.fillStyle = COLORS.hog;
  ctx.fillText(HOG_SIGN, cx, y + h / 2 + 0.5);
  ctx.restore();
}

function pauseBand(ctx, x0, y, w, h) {
  ctx.save();
  ctx.fillStyle = COLORS.pauseFill;
  ctx.fillRect(x0, y, w, h);
  ctx.strokeStyle = COLORS.pauseEdge;
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(Math.round(x0) + 0.5, y);
  ctx.lineTo(Math.round(x0) + 0.5, y + h);
  if (w > 2) {
    ctx.moveTo(Math.round(x0 + w) - 0.5, y);
    ctx.lineTo(Math.round(x0 + w) - 0.5, y + h);
  }
  ctx.stroke();
  ctx.restore();
}

/**
 * What a wait is on, as one short text: "sleep 1 s", "channel", "task fetch_1", "sleep 1 s | I/O".
 * parts: from trace.waitParts. t(key, vars): the page's i18n lookup.
 */
export function waitLabel(parts, t) {
  return parts.map((p) => {
    switch (p.kind) {
      case 'sleep': return t('sleepLabel', { duration: axisLabel(p.ms / 1000) });
      case 'task': return t('waitOn_task', { name: p.name });
      case 'tasks': return t('waitOn_tasks', { count: p.names.length, names: p.names.join(', '), done: p.done });
      default: return t(`waitOn_${p.kind}`);
    }
  }).join(WAIT_LABEL_JOIN);
}

function finishMark(ctx, cx, cy) {
  ctx.save();
  ctx.fillStyle = COLORS.finish;
  ctx.beginPath();
  ctx.arc(cx, cy, MARK_RADIUS, 0, 2 * Math.PI);
  ctx.fill();
  ctx.strokeStyle = '#fff'; // a check inside the disc: the shape says "done", not only the colour
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(cx - 2.5, cy);
  ctx.lineTo(cx - 0.5, cy + 2);
  ctx.lineTo(cx + 2.5, cy - 2);
  ctx.stroke();
  ctx.restore();
}

function cancelMark(ctx, cx, cy) {
  const r = MARK_RADIUS;
  ctx.save();
  ctx.strokeStyle = COLORS.cancel;
  ctx.lineWidth = 2.5;
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(cx - r, cy - r);
  ctx.lineTo(cx + r, cy + r);
  ctx.moveTo(cx + r, cy - r);
  ctx.lineTo(cx - r, cy + r);
  ctx.stroke();
  ctx.restore();
}

function wakeArrow(ctx, wx, fromY, toY) {
  const dir = Math.sign(toY - fromY) || 1;
  ctx.save();
  ctx.strokeStyle = COLORS.wake;
  ctx.fillStyle = COLORS.wake;
  ctx.lineWidth = 1.25;
  ctx.beginPath();
  ctx.moveTo(wx, fromY);
  ctx.lineTo(wx, toY - dir * 4);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(wx, toY);
  ctx.lineTo(wx - 3.5, toY - dir * 5);
  ctx.lineTo(wx + 3.5, toY - dir * 5);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}

function timerMark(ctx, wx, top) {
  // A small downward triangle on the lane's top edge: "the timer fired here".
  ctx.save();
  ctx.fillStyle = COLORS.timer;
  ctx.beginPath();
  ctx.moveTo(wx - 4, top - 1);
  ctx.lineTo(wx + 4, top - 1);
  ctx.lineTo(wx, top + 5);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}

function otherWakeMark(ctx, wx, top) {
  ctx.save();
  ctx.strokeStyle = COLORS.wake;
  ctx.lineWidth = 1.25;
  ctx.beginPath();
  ctx.arc(wx, top + 2, 2.5, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.restore();
}

/** Legend swatches drawn with the same primitives as the timeline. w, h in CSS px. */
export const SWATCHES = ['tick', 'poll', 'turns', 'wait', 'ready', 'finish', 'cancel', 'wakeTask', 'wakeTimer', 'hog', 'paused'];

export function drawSwatch(ctx, kind, w, h) {
  ctx.clearRect(0, 0, w, h);
  const barH = h - 6;
  const y = 3;
  switch (kind) {
    case 'tick': ctx.fillStyle = COLORS.tick; ctx.fillRect(w / 2 - 3, y, 6, barH); break;
    case 'poll': ctx.fillStyle = COLORS.poll; ctx.fillRect(w / 2 - 4, y - 2, 8, barH + 4); break;
    case 'turns': drawTurns(ctx, [{ x0: 1, x1: w - 1, y: y - 2, n: 0, odd: 0 }], barH + 4, () => ''); break;
    case 'wait': waitBar(ctx, 1, y, w - 2, barH); break;
    case 'ready': readyBar(ctx, 1, y, w - 2, barH); break;
    case 'finish': finishMark(ctx, w / 2, h / 2); break;
    case 'cancel': cancelMark(ctx, w / 2, h / 2); break;
    case 'wakeTask': wakeArrow(ctx, w / 2 + 0.5, 1, h - 1); break;
    case 'wakeTimer': timerMark(ctx, w / 2, 3); break;
    case 'hog':
      ctx.fillStyle = COLORS.poll;
      ctx.fillRect(2, y - 1, w - 4, barH + 2);
      hogBar(ctx, 2, y - 1, w - 4, barH + 2);
      break;
    case 'paused': pauseBand(ctx, 1, 0, w - 2, h); break;
    default: break;
  }
}
