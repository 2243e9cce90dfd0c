// Paints one frame of the timeline: `draw(ctx, model, view)` paints on the context it is given
// and touches nothing else. The caller sizes the canvas (canvasHeight) and sets the transform
// so that one unit is one CSS px; where things sit is timeline-layout.js's, how marks look is
// timeline-glyphs.js's.
//
// A frame must stay cheap while 10,000 tasks run: only the lanes in the window and on screen are
// painted, each list is entered by binary search at the view's start, slices are snapped to
// whole pixels and merged per lane where they touch (a thousand sub-pixel polls become one bar:
// everything recorded still shows), and each kind of mark is one path with one fill or stroke.

import { endOr, maxConcurrentWaits, waitParts } from './trace.js';
import {
  AXIS_HEIGHT, BAR_INSET, INDENT, LANE_HEIGHT, LANE_MARK_WIDTH, MIN_POLL_WIDTH, MIN_TICK_WIDTH, PAD_RIGHT, PAD_TOP,
  axisLabel, axisTimes, eachRun, firstEnding, firstPoint, layout, sliceBox, ticksDrawn, tookTurns,
} from './timeline-layout.js';
import {
  COLORS, FONT, FONT_SMALL, MARK_RADIUS, cancelMark, drawTurns, finishMark, fit, hatchPattern, hogBar, laneColor, raiseMark,
  otherWakeMark, pauseBand, textWidth, timerMark, wakeArrow,
} from './timeline-glyphs.js';
import { waitLabelForms } from './words.js';
import { hogIndex, isHogIn } from './hog.js';

// The legend (app.js) draws its swatches in the timeline's colours through this module.
export { drawSwatch, laneColor } from './timeline-glyphs.js';

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

/** A poll is a hog by hog.js's rule (isHogIn). */
const isHogLaneSlice = (task, p, hogs) => isHogIn(hogs.index, task.id, p, hogs.ms);

/** Hog polls in the time window of the lanes shown (what data-hogs reports). */
function countHogs(geo, win, hogs) {
  if (!hogs.index && hogs.ms === Infinity) return 0;
  let n = 0;
  for (const { task } of geo.rows) {
    if (!hogs.index?.has(task.id) && !(task.polls[0]?.merged)) continue;
    const { polls } = task;
    for (let i = firstEnding(polls, win.from, geo.stop); i < polls.length && polls[i].start <= win.to; i++) {
      if (isHogLaneSlice(task, polls[i], hogs)) n++;
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
  const readies = boxesOf(READY_BOXES, lanesShown, 'readies', geo, win, 1, 0.5);
  const nr = READY_BOXES.n;
  if (nr) {
    ctx.fillStyle = COLORS.readyFill;
    ctx.beginPath();
    for (let k = 0; k < nr; k += 3) ctx.rect(readies[k], readies[k + 1] + 3, readies[k + 2], barH - 6);
    ctx.fill();
    ctx.strokeStyle = COLORS.readyEdge;
    ctx.lineWidth = 1;
    ctx.setLineDash(READY_DASH);
    ctx.beginPath();
    for (let k = 0; k < nr; k += 3) {
      ctx.rect(readies[k] + 0.5, readies[k + 1] + 3.5, Math.max(0, readies[k + 2] - 1), barH - 7);
    }
    ctx.stroke();
    ctx.setLineDash(NO_DASH);
  }

  // Waits: fill with hatching (one pattern), then the edges, one path each; then the labels that fit.
  const waits = boxesOf(WAIT_BOXES, lanesShown, 'waits', geo, win, 1, Number.MIN_VALUE);
  const nw = WAIT_BOXES.n;
  if (nw) {
    ctx.beginPath();
    for (let k = 0; k < nw; k += 3) ctx.rect(waits[k], waits[k + 1], waits[k + 2], barH);
    ctx.fillStyle = hatchPattern(ctx);
    ctx.fill();
    ctx.strokeStyle = COLORS.waitEdge;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let k = 0; k < nw; k += 3) ctx.rect(waits[k] + 0.5, waits[k + 1] + 0.5, Math.max(0, waits[k + 2] - 1), barH - 1);
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

// Scratch boxes (x, y, width per run of slices) reused from frame to frame and grown by
// doubling, so a frame of 50 lanes makes no arrays of numbers for the collector.
const READY_BOXES = { a: new Float64Array(3 * 1024), n: 0 };
const WAIT_BOXES = { a: new Float64Array(3 * 1024), n: 0 };
const READY_DASH = [3, 2];
const NO_DASH = [];

/**
 * The runs of `key` ('readies' or 'waits') of each lane shown, as boxes in `boxes` (boxes.n
 * numbers, three per run: x, top of the bar, width). Returns the boxes' array.
 */
function boxesOf(boxes, lanesShown, key, geo, win, minW, skipBelow) {
  boxes.n = 0;
  let y = 0;
  const put = (x0, x1) => {
    if (boxes.n + 3 > boxes.a.length) {
      const grown = new Float64Array(2 * boxes.a.length);
      grown.set(boxes.a);
      boxes.a = grown;
    }
    const { a } = boxes;
    a[boxes.n++] = x0;
    a[boxes.n++] = y;
    a[boxes.n++] = x1 - x0;
  };
  for (const lane of lanesShown) {
    y = lane.top + BAR_INSET;
    eachRun(lane.task[key], geo, win.from, win.to, minW, skipBelow, put);
  }
  return boxes.a;
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
      const w = x(endOr(wait, stop)) - x0;
      if (w < MIN_LABEL_PX) continue;
      const parts = waitParts(run, wait);
      if (parts.length === 0) continue;
      // Only what the trace recorded: the whole label, a shorter form, or what ended the wait.
      const text = waitLabelForms(run, wait, parts, t).find((s) => textWidth(ctx, s) + 12 <= w);
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

/** Boxes of a lane's hog polls in view, one per pixel column (a thousand hogs in one pixel are one mark). */
function hogBoxes(task, top, geo, win, hogs) {
  const { x, stop } = geo;
  const out = [];
  const { polls } = task;
  let lastX = -Infinity;
  for (let i = firstEnding(polls, win.from, stop); i < polls.length && polls[i].start <= win.to; i++) {
    const p = polls[i];
    if (!isHogLaneSlice(task, p, hogs)) continue;
    const x0 = Math.round(x(p.start));
    if (x0 === lastX) continue;
    lastX = x0;
    const w = Math.max(MIN_POLL_WIDTH, Math.round(x(endOr(p, stop))) - x0);
    out.push([x0, top + BAR_INSET - 2, w, LANE_HEIGHT - 2 * BAR_INSET + 4]);
  }
  return out;
}

function drawEndMarks(ctx, lanesShown, geo, win) {
  const marks = { finished: [], raised: [], cancelled: [] };
  for (const { task, top } of lanesShown) {
    if (!task.end) continue;
    const mx = geo.x(task.end.time) + MIN_POLL_WIDTH + MARK_RADIUS;
    if (mx < win.left || mx > win.right) continue;
    marks[task.end.kind].push([mx, top + LANE_HEIGHT / 2]);
  }
  for (const [cx, cy] of marks.finished) finishMark(ctx, cx, cy);
  for (const [cx, cy] of marks.raised) raiseMark(ctx, cx, cy);
  for (const [cx, cy] of marks.cancelled) cancelMark(ctx, cx, cy);
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
