// Pure drawing of the timeline: `draw(ctx, model, view)` paints one frame on the context it is
// given and touches nothing else. The caller sizes the canvas (canvasHeight) and sets the
// transform so that one unit is one CSS px.

import { currentRun, endTime, lanes, lessonSeconds, maxConcurrentWaits, waitParts } from './trace.js';

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
export const MIN_SPAN_S = 2.5; // lesson s: the axis never shows less, so 1 s vs 2 s compare
export const SPAN_HEADROOM = 1.08; // the axis runs a bit past the live edge
export const MIN_POLL_WIDTH = 3; // CSS px: a 50 µs poll still shows
export const MIN_TICK_WIDTH = 2; // CSS px for loop ticks
export const MIN_AXIS_STEP_PX = 90; // CSS px between two time labels
export const AXIS_STEPS_S = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600];
export const HATCH_SPACING = 6; // CSS px between the stripes of a waiting span
export const MARK_RADIUS = 5; // CSS px, finished / cancelled marks
export const WAIT_LABEL_JOIN = ' | '; // between the parts of a wait that races several things
export const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const FONT_SMALL = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export const COLORS = Object.freeze({
  laneBg: '#f6f8fb', grid: '#e3e8ef', axisText: '#4a5565', label: '#18202c',
  tick: '#5b6b82', poll: '#2458c6',
  waitFill: '#eef2f7', waitStripe: '#a9b6c8', waitEdge: '#c7d1de', waitText: '#334155',
  readyFill: '#fdebbd', readyEdge: '#b7791f',
  finish: '#17803d', cancel: '#b4232a', wake: '#7c3aed', timer: '#0f7490', now: '#94a3b8',
});

/** CSS px height the canvas needs for the current run (loop lane + one lane per task). */
export function canvasHeight(model) {
  const n = 1 + (currentRun(model)?.order.length ?? 0);
  return PAD_TOP + AXIS_HEIGHT + n * (LANE_HEIGHT + LANE_GAP) + PAD_BOTTOM;
}

/** Axis step (lesson s) so labels are at least MIN_AXIS_STEP_PX apart. */
export function axisStep(spanS, plotWidth) {
  const minStep = (spanS * MIN_AXIS_STEP_PX) / Math.max(plotWidth, 1);
  return AXIS_STEPS_S.find((s) => s >= minStep) ?? AXIS_STEPS_S[AXIS_STEPS_S.length - 1];
}

/** "0 s", "0.5 s", "1 s", "0.25 s". */
export function axisLabel(seconds) {
  return `${+seconds.toFixed(2)} s`;
}

/**
 * Paints one frame. view = {width, height (CSS px), now (runtime ms), t(key, vars)}.
 * Returns what was drawn: {taskLanes, names, elapsedS, maxWaiting}.
 */
export function draw(ctx, model, view) {
  const { width, height, t } = view;
  const run = currentRun(model);
  const stop = run ? endTime(model, view.now) : model.t0;
  const elapsedS = Math.max(0, lessonSeconds(model, stop));
  const spanS = Math.max(MIN_SPAN_S, elapsedS * SPAN_HEADROOM);
  const labelW = Math.min(LABEL_WIDTH_MAX, Math.round(width * LABEL_WIDTH_SHARE));
  const plotW = Math.max(1, width - labelW - PAD_RIGHT);
  const x = (time) => labelW + (Math.max(0, lessonSeconds(model, time)) / spanS) * plotW;
  const laneTop = (i) => PAD_TOP + AXIS_HEIGHT + i * (LANE_HEIGHT + LANE_GAP);
  const rows = lanes(run);

  ctx.clearRect(0, 0, width, height);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';

  for (let i = 0; i <= rows.length; i++) {
    ctx.fillStyle = COLORS.laneBg;
    ctx.fillRect(labelW, laneTop(i), plotW, LANE_HEIGHT);
  }
  drawAxis(ctx, { labelW, plotW, spanS, bottom: laneTop(rows.length) + LANE_HEIGHT });

  // Lane 0: the loop itself, one slice per tick (one drain of the run queue).
  drawLabel(ctx, t('laneLoop'), 0, laneTop(0), labelW, true);
  ctx.fillStyle = COLORS.tick;
  for (const tick of model.ticks) {
    if (run && tick.start < (run.start ?? model.t0)) continue;
    const x0 = x(tick.start);
    const x1 = x(tick.end ?? stop);
    ctx.fillRect(x0, laneTop(0) + BAR_INSET, Math.max(MIN_TICK_WIDTH, x1 - x0), LANE_HEIGHT - 2 * BAR_INSET);
  }

  const rowOf = new Map(rows.map((row, i) => [row.task.id, i + 1]));
  rows.forEach(({ task, depth }, i) => {
    const top = laneTop(i + 1);
    drawLabel(ctx, task.name, depth, top, labelW, false);
    drawTask(ctx, task, { x, top, stop, t, run });
  });
  // Wake arrows last, so they cross over the bars they connect.
  rows.forEach(({ task }, i) => drawWakes(ctx, task, { x, top: laneTop(i + 1), rowOf, laneTop }));

  return {
    taskLanes: rows.length,
    names: rows.map((row) => row.task.name),
    elapsedS,
    maxWaiting: maxConcurrentWaits(run, stop),
  };
}

function drawAxis(ctx, { labelW, plotW, spanS, bottom }) {
  const step = axisStep(spanS, plotW);
  ctx.save();
  ctx.font = FONT_SMALL;
  ctx.textAlign = 'center';
  for (let k = 0; k * step <= spanS + 1e-9; k++) {
    const s = k * step;
    const gx = Math.round(labelW + (s / spanS) * plotW) + 0.5;
    ctx.strokeStyle = COLORS.grid;
    ctx.beginPath();
    ctx.moveTo(gx, PAD_TOP + AXIS_HEIGHT - 4);
    ctx.lineTo(gx, bottom);
    ctx.stroke();
    ctx.fillStyle = COLORS.axisText;
    ctx.fillText(axisLabel(s), gx, PAD_TOP + AXIS_HEIGHT / 2 - 2);
  }
  ctx.restore();
}

function drawLabel(ctx, name, depth, top, labelW, isLoop) {
  const left = 4 + depth * INDENT;
  const room = labelW - left - 8;
  ctx.save();
  ctx.fillStyle = isLoop ? COLORS.axisText : COLORS.label;
  ctx.font = isLoop ? `italic ${FONT}` : FONT;
  ctx.textAlign = 'left';
  ctx.fillText(fit(ctx, name, room), left, top + LANE_HEIGHT / 2);
  ctx.restore();
}

function fit(ctx, text, room) {
  if (ctx.measureText(text).width <= room) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > room) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function drawTask(ctx, task, { x, top, stop, t, run }) {
  const barTop = top + BAR_INSET;
  const barH = LANE_HEIGHT - 2 * BAR_INSET;
  for (const r of task.readies) {
    const x0 = x(r.start);
    const w = x(r.end ?? stop) - x0;
    if (w >= 0.5) readyBar(ctx, x0, barTop, w, barH);
  }
  for (const wait of task.waits) {
    const x0 = x(wait.start);
    const w = x(wait.end ?? stop) - x0;
    if (w <= 0) continue;
    waitBar(ctx, x0, barTop, w, barH);
    const parts = waitParts(run, wait);
    if (parts.length > 0) {
      // The full label if it fits, else only what ends the wait first.
      pillText(ctx, [waitLabel(parts, t), waitLabel(parts.slice(0, 1), t)], x0, w, top + LANE_HEIGHT / 2);
    }
  }
  ctx.fillStyle = COLORS.poll;
  for (const p of task.polls) {
    const x0 = x(p.start);
    ctx.fillRect(x0, barTop - 2, Math.max(MIN_POLL_WIDTH, x(p.end ?? stop) - x0), barH + 4);
  }
  if (task.end) {
    const mx = x(task.end.time) + MIN_POLL_WIDTH + MARK_RADIUS;
    (task.end.kind === 'finished' ? finishMark : cancelMark)(ctx, mx, top + LANE_HEIGHT / 2);
  }
}

function drawWakes(ctx, task, { x, top, rowOf, laneTop }) {
  for (const wake of task.wakes) {
    const wx = Math.round(x(wake.time)) + 0.5;
    const from = wake.cause === 'task' && wake.by !== task.id ? rowOf.get(wake.by) : undefined;
    if (from !== undefined) {
      const fromY = laneTop(from) + LANE_HEIGHT / 2;
      const down = fromY < top;
      wakeArrow(ctx, wx, fromY, down ? top + 1 : top + LANE_HEIGHT - 1);
    } else if (wake.cause === 'timer') {
      timerMark(ctx, wx, top);
    } else if (wake.cause !== 'self') {
      otherWakeMark(ctx, wx, top);
    }
  }
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

function waitBar(ctx, x0, y, w, h) {
  ctx.save();
  ctx.fillStyle = COLORS.waitFill;
  ctx.fillRect(x0, y, w, h);
  ctx.beginPath();
  ctx.rect(x0, y, w, h);
  ctx.clip();
  ctx.strokeStyle = COLORS.waitStripe;
  ctx.lineWidth = 1;
  ctx.beginPath();
  // Stripes anchored to absolute x, so they stand still while a live span grows.
  const first = Math.floor((x0 - h) / HATCH_SPACING) * HATCH_SPACING;
  for (let k = first; k < x0 + w; k += HATCH_SPACING) {
    ctx.moveTo(k, y + h);
    ctx.lineTo(k + h, y);
  }
  ctx.stroke();
  ctx.strokeStyle = COLORS.waitEdge;
  ctx.strokeRect(x0 + 0.5, y + 0.5, Math.max(0, w - 1), h - 1);
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
      default: return t(`waitOn_${p.kind}`);
    }
  }).join(WAIT_LABEL_JOIN);
}

/** Draws the first of `texts` that fits the span (with padding), or nothing. */
function pillText(ctx, texts, x0, w, cy) {
  ctx.save();
  ctx.font = FONT_SMALL;
  const text = texts.find((s) => ctx.measureText(s).width + 12 <= w);
  if (text !== undefined) {
    const tw = ctx.measureText(text).width;
    const cx = x0 + w / 2;
    ctx.fillStyle = 'rgba(255,255,255,0.9)';
    ctx.fillRect(cx - tw / 2 - 4, cy - 7, tw + 8, 14);
    ctx.fillStyle = COLORS.waitText;
    ctx.textAlign = 'center';
    ctx.fillText(text, cx, cy);
  }
  ctx.restore();
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
export const SWATCHES = ['tick', 'poll', 'wait', 'ready', 'finish', 'cancel', 'wakeTask', 'wakeTimer'];

export function drawSwatch(ctx, kind, w, h) {
  ctx.clearRect(0, 0, w, h);
  const barH = h - 6;
  const y = 3;
  switch (kind) {
    case 'tick': ctx.fillStyle = COLORS.tick; ctx.fillRect(w / 2 - 3, y, 6, barH); break;
    case 'poll': ctx.fillStyle = COLORS.poll; ctx.fillRect(w / 2 - 4, y - 2, 8, barH + 4); break;
    case 'wait': waitBar(ctx, 1, y, w - 2, barH); break;
    case 'ready': readyBar(ctx, 1, y, w - 2, barH); break;
    case 'finish': finishMark(ctx, w / 2, h / 2); break;
    case 'cancel': cancelMark(ctx, w / 2, h / 2); break;
    case 'wakeTask': wakeArrow(ctx, w / 2 + 0.5, 1, h - 1); break;
    case 'wakeTimer': timerMark(ctx, w / 2, 3); break;
    default: break;
  }
}
