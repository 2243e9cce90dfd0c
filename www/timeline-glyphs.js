// How the timeline's marks look: colours, fonts and the shapes of bars, hatching, turns, end
// marks and wake arrows, drawn alike on the timeline (timeline.js) and in the legend's swatches.
// Text widths and fitted names are cached here: they do not change between frames.

export const HATCH_SPACING = 6; // CSS px between the stripes of a waiting span
export const TURNS_STRIPE = 2; // CSS px: stripe and gap of a "took turns" bar
export const HOG_HATCH_SPACING = 5; // CSS px between the stripes over a poll that hogged the loop
export const MARK_RADIUS = 5; // CSS px, finished / cancelled marks
export const HOG_SIGN = '⚠'; // drawn above a hog poll: the shape, not only the colour, warns
export const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const FONT_SMALL = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export const COLORS = Object.freeze({
  laneBg: '#f6f8fb', grid: '#e3e8ef', axisText: '#4a5565', label: '#18202c',
  tick: '#5b6b82', poll: '#2458c6', turnsFill: '#dde6f8',
  waitFill: '#eef2f7', waitStripe: '#a9b6c8', waitEdge: '#c7d1de', waitText: '#334155',
  readyFill: '#fdebbd', readyEdge: '#b7791f',
  finish: '#17803d', raise: '#b45309', cancel: '#b4232a', wake: '#7c3aed', timer: '#0f7490', now: '#94a3b8',
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

/** The colour of the task lane at `lane` (0-based, spawn order). */
export const laneColor = (lane) => LANE_COLORS[((lane % LANE_COLORS.length) + LANE_COLORS.length) % LANE_COLORS.length];

// ---- per-frame caches: text widths and fitted names do not change between frames ----

const TEXT_CACHE_MAX = 4000; // entries; past it the cache starts over (names of a huge run)
const widths = new Map(); // font + text → CSS px
const fitted = new Map(); // font + room + text → the text as drawn
export function textWidth(ctx, text) {
  const key = `${ctx.font}\n${text}`;
  let w = widths.get(key);
  if (w === undefined) {
    if (widths.size >= TEXT_CACHE_MAX) widths.clear();
    w = ctx.measureText(text).width;
    widths.set(key, w);
  }
  return w;
}

/** `text` cut with an ellipsis to fit `room` CSS px in the current font. */
export function fit(ctx, text, room) {
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

/**
 * The wait fill and its hatching as one pattern: one fill per frame instead of a fill and a
 * stroke per stripe per wait.
 */
const hatches = new WeakMap();
export function hatchPattern(ctx) {
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

/**
 * Runs of polls that took turns: a light bar with upright stripes of the poll colour, shifted
 * by half a period on every other lane, so neighbours that alternate read as a zip, not as two
 * solid bars side by side; and "took turns N times" where it fits.
 */
export function drawTurns(ctx, turns, h, t) {
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

// ---- primitives, shared with the legend swatches ----

export function readyBar(ctx, x0, y, w, h) {
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

export function hogBar(ctx, x0, y, w, h) {
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

export function pauseBand(ctx, x0, y, w, h) {
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

export function finishMark(ctx, cx, cy) {
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

/** A task whose exception nothing caught: a warning triangle with "!", unlike the check's disc. */
export function raiseMark(ctx, cx, cy) {
  const r = MARK_RADIUS + 1;
  ctx.save();
  ctx.fillStyle = COLORS.raise;
  ctx.beginPath();
  ctx.moveTo(cx, cy - r);
  ctx.lineTo(cx + r, cy + r - 1);
  ctx.lineTo(cx - r, cy + r - 1);
  ctx.closePath();
  ctx.fill();
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(cx, cy - r + 3.5);
  ctx.lineTo(cx, cy + 1);
  ctx.moveTo(cx, cy + 2.5);
  ctx.lineTo(cx, cy + 3.5);
  ctx.stroke();
  ctx.restore();
}

export function cancelMark(ctx, cx, cy) {
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

export function wakeArrow(ctx, wx, fromY, toY) {
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

export function timerMark(ctx, wx, top) {
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

export function otherWakeMark(ctx, wx, top) {
  ctx.save();
  ctx.strokeStyle = COLORS.wake;
  ctx.lineWidth = 1.25;
  ctx.beginPath();
  ctx.arc(wx, top + 2, 2.5, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.restore();
}

/** Legend swatches drawn with the same primitives as the timeline. w, h in CSS px. */
export const SWATCHES = ['tick', 'poll', 'turns', 'wait', 'ready', 'finish', 'raise', 'cancel', 'wakeTask', 'wakeTimer', 'hog', 'paused'];

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
    case 'raise': raiseMark(ctx, w / 2, h / 2); break;
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
