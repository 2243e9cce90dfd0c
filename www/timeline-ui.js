// The timeline canvas as an instrument: sizing and redrawing it, zoom (wheel, + and −) and pan
// (drag, arrow keys) while it has focus, following the live edge until the learner moves away
// (the "Follow live" button returns), and a tooltip for the slice under the pointer or chosen
// with [ and ]; a run of more than MAX_LANES tasks shows a window of lanes (↑ ↓ Page Up/Down
// scroll it). The view math is in viewport.js, the painting in timeline.js; this module only
// connects them to the DOM. Nothing animates: every change jumps (reduced motion for free).

import { OPEN, currentRun, endTime, lessonSeconds } from './trace.js';
import { draw } from './timeline.js';
import { isHogSlice } from './hog.js';
import { fitCanvas } from './dom.js';
import { MAX_LANES, canvasHeight, layout, sliceAt, sliceBox } from './timeline-layout.js';
import {
  PAN_STEP, ZOOM_STEP, createViewport, followLive, pan, reveal, toStart, viewRange, zoom,
} from './viewport.js';
import { formatMs, formatSeconds } from './i18n.js';
import { readyCause, waitText, whyText } from './words.js';

const WHEEL_ZOOM_RATE = 0.0015; // zoom factor per wheel delta px: one notch (~100 px) ≈ ×1.16
const DRAG_THRESHOLD_PX = 3; // a press that moves less is not a drag
const TIP_GAP_PX = 8; // between a slice (or the pointer) and its tooltip
const RANGE_DIGITS = 3; // decimals of the shown range in the caption and data attributes
/**
 * CSS px painted above and below the part of the canvas on screen while a run is live: the
 * browser scrolls before the next frame is painted, so a margin keeps fresh pixels ready.
 */
const OVERSCAN_PX = 240;

/** The model's list that holds a slice from sliceAt (or the keyboard). */
const sliceList = (model, slice) => (slice.kind === 'tick'
  ? model.ticks
  : slice.task?.[{ poll: 'polls', ready: 'readies', wait: 'waits' }[slice.kind]]);

/** Writes a DOM property only when it changes (a frame writes nothing that did not change). */
const setProp = (node, name, value) => {
  if (node[name] !== value) node[name] = value;
};

/** "3, 5–7, 9": code lines as runs of consecutive numbers. */
export function lineList(lines) {
  const parts = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    parts.push(j > i ? `${lines[i]}–${lines[j]}` : String(lines[i]));
    i = j;
  }
  return parts.join(', ');
}

/**
 * els = {canvas, tip, live, follow, zoomIn, zoomOut, fit, range, lanesUp, lanesDown}; app = {model(), t(key, vars),
 * hogs() → {keys: Set of hogKey, threshold}, pollLines(taskId, n) → lines of code the poll ran ([] unknown),
 * focused(slice | null): the slice hovered or chosen changed}. Returns {render(now, force), reset()}.
 */
export function createTimelineView(els, app) {
  const { canvas } = els;
  let vp = createViewport();
  let last = null; // {view, elapsedS} of the last frame drawn: hit tests use its geometry
  let dirty = true; // the view changed since the last frame
  let drawnKey = '';
  let pointer = null; // {x, y} in CSS px while the pointer is over the canvas
  let chosen = null; // slice chosen with the keyboard
  let drag = null; // {x, vp, spanS, plotW, moved}
  let firstLane = 0; // first task lane shown, when a run has more than MAX_LANES
  let focused = null; // the slice last told to app.focused

  const elapsedOf = (model, now) => (currentRun(model) ? Math.max(0, lessonSeconds(model, endTime(model, now))) : 0);
  const setView = (next) => {
    if (next === vp) return;
    vp = next;
    dirty = true;
  };

  const shownData = {}; // data-* values last written: unchanged ones are not written again
  let ctx2d = null;
  let background = '#ffffff';

  /**
   * An opaque 2D context: the compositor then copies the canvas instead of blending it over the
   * page under it, a real saving when the whole timeline changes every frame. Being opaque, the
   * canvas paints its own background: the colour of the panel it sits on.
   */
  function context() {
    if (ctx2d) return ctx2d;
    ctx2d = canvas.getContext('2d', { alpha: false });
    for (let node = canvas.parentElement; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      if (colour && colour !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(colour)) {
        background = colour;
        break;
      }
    }
    return ctx2d;
  }

  function setData(name, value) {
    if (shownData[name] === value) return;
    shownData[name] = value;
    canvas.dataset[name] = value;
  }

  /**
   * Redraws the canvas when `force`d, when the view changed or the canvas was resized. While a
   * run is live only the rows on screen (and OVERSCAN_PX around them) are painted: a frame's
   * cost follows what can be seen, not the canvas's height. Reads layout first, before the
   * frame writes anything, so the read costs no forced layout.
   */
  function render(now, force) {
    const model = app.model();
    const t = app.t;
    const cssW = Math.max(1, canvas.clientWidth);
    const box = canvas.getBoundingClientRect();
    const cssH = canvasHeight(model);
    const dpr = window.devicePixelRatio || 1;
    const sizeKey = `${cssW}x${cssH}@${dpr}`;
    if (!force && !dirty && sizeKey === drawnKey) return;
    drawnKey = sizeKey;
    dirty = false;
    // The canvas's CSS is width:100%; height:auto, so its bitmap size also sets its shown height.
    const { ctx, resized } = fitCanvas(canvas, cssW, cssH, context()); // a resized bitmap is blank
    let band = null; // the whole canvas
    if (app.run()?.live && !resized) {
      const scale = box.height > 0 ? cssH / box.height : 1; // CSS px of the canvas per screen px
      const screenH = window.innerHeight || document.documentElement.clientHeight;
      band = { top: (-box.top - OVERSCAN_PX) * scale, bottom: (screenH - box.top + OVERSCAN_PX) * scale };
    }

    const elapsedS = elapsedOf(model, now);
    const range = viewRange(vp, elapsedS);
    const hogs = app.hogs();
    const view = { width: cssW, height: cssH, now, t, range, firstLane, hogs: hogs.keys, hogMs: hogs.threshold, band, background };
    // A chosen slice merged away since (old detail is merged to bound memory) is gone: let go.
    if (chosen && !sliceList(model, chosen)?.includes(chosen.item)) chosen = null;
    const hovered = pointer && !drag ? sliceAt(model, view, pointer.x, pointer.y) : null;
    view.focus = chosen ?? hovered;
    if (view.focus?.item !== focused?.item) {
      focused = view.focus;
      app.focused?.(focused);
    }
    const drawn = draw(ctx, model, view);
    firstLane = drawn.firstLane;
    view.firstLane = firstLane;
    last = { view, elapsedS, totalLanes: drawn.totalLanes };
    showTip(chosen ?? hovered, chosen ? null : pointer);

    setData('taskLanes', String(drawn.taskLanes));
    setData('totalLanes', String(drawn.totalLanes));
    setData('viewStart', range.startS.toFixed(RANGE_DIGITS + 3));
    setData('viewSpan', range.spanS.toFixed(RANGE_DIGITS + 3));
    setData('follow', String(vp.follow));
    setData('hogs', String(drawn.hogs));
    setData('axisLabels', String(drawn.axisLabels));
    setData('pauses', String(drawn.pauses));
    if (drawn.painted) setData('turnLanes', drawn.turnLanes.join('\n'));
    let label = t('timelineEmpty');
    if (currentRun(model)) {
      label = t('timelineSummary', {
        lanes: drawn.totalLanes, names: drawn.names.join(', '), elapsed: formatSeconds(drawn.elapsedS, 1),
      });
      if (drawn.maxWaiting >= 2) label += t('timelineOverlap', { count: drawn.maxWaiting });
    }
    if (canvas.getAttribute('aria-label') !== label) canvas.setAttribute('aria-label', label);

    // A live edge only while a run is live: before a run, after its end or a syntax error there
    // is none to follow. A finished run seen away from its end says how to get back to it.
    const live = Boolean(app.run()?.live);
    let follow = '';
    if (live) follow = t(vp.follow ? 'viewFollowing' : 'viewNotFollowing');
    else if (currentRun(model) && !vp.follow) follow = t('viewEndAway');
    const caption = t('viewRange', {
      start: formatSeconds(range.startS, RANGE_DIGITS), end: formatSeconds(range.startS + range.spanS, RANGE_DIGITS),
    }) + follow + (drawn.totalLanes > drawn.taskLanes
      ? t('viewLanes', { first: firstLane + 1, last: firstLane + drawn.taskLanes, total: drawn.totalLanes })
      : '');
    if (els.range.textContent !== caption) els.range.textContent = caption;
    const windowed = drawn.totalLanes > drawn.taskLanes;
    setProp(els.follow, 'hidden', vp.follow);
    setProp(els.lanesUp, 'hidden', !windowed);
    setProp(els.lanesDown, 'hidden', !windowed);
    setProp(els.lanesUp, 'disabled', firstLane === 0);
    setProp(els.lanesDown, 'disabled', firstLane + drawn.taskLanes >= drawn.totalLanes);
  }

  // ---- the tooltip ----

  /** Lines that tell a slice: who, which poll, when, how long, why it was ready. */
  function tipLines(slice) {
    const model = app.model();
    const { t } = app;
    const run = currentRun(model);
    const { item, task } = slice;
    const start = formatSeconds(Math.max(0, lessonSeconds(model, item.start)), 3);
    const open = item.end === OPEN || item.end === undefined;
    const lessonLength = () => formatSeconds(
      Math.max(0, lessonSeconds(model, open ? last.view.now : item.end) - lessonSeconds(model, item.start)), 3,
    );
    switch (slice.kind) {
      case 'poll': {
        const merged = Boolean(item.merged);
        const lines = [
          merged ? t('tipMerged', { task: task.name, count: item.merged }) : t('tipPoll', { task: task.name, n: item.n }),
          t('tipStart', { time: start }),
          open ? t('tipStillRunning') : t('tipHeld', { duration: formatMs(item.sumMs ?? item.end - item.start) }),
        ];
        if (!merged) lines.push(whyText(readyCause(task, item), run, task, t));
        const ran = merged ? [] : app.pollLines?.(task.id, item.n) ?? [];
        if (ran.length > 0) lines.push(t('tipRan', { lines: lineList(ran) }));
        const hogs = app.hogs();
        if (isHogSlice(task.id, item, hogs.keys, hogs.threshold)) {
          lines.push(t('tipHog', { threshold: hogs.threshold }));
        }
        return lines;
      }
      case 'ready':
        return [t('tipReady', { task: task.name }), whyText(item, run, task, t), t('tipStart', { time: start }),
          t('tipLasted', { duration: lessonLength() })];
      case 'wait':
        return [t('tipWait', { task: task.name, on: waitText(run, item, t) }), t('tipStart', { time: start }),
          t('tipLasted', { duration: lessonLength() })];
      default: // a loop tick
        return [t('tipTick', { polls: item.polls ?? 0 }), t('tipStart', { time: start }),
          open ? t('tipStillRunning') : t('tipHeld', { duration: formatMs(item.sumMs ?? item.end - item.start) })];
    }
  }

  let tipKey = '';
  function showTip(slice, at) {
    const { tip } = els;
    if (!slice || !last) {
      tip.hidden = true;
      tipKey = '';
      return;
    }
    const lines = tipLines(slice);
    const key = lines.join('\n');
    if (key !== tipKey) {
      tipKey = key;
      tip.replaceChildren(...lines.map((line) => {
        const div = document.createElement('div');
        div.textContent = line;
        return div;
      }));
    }
    tip.hidden = false;
    // Below the slice (or the pointer), kept inside the canvas's width.
    const box = sliceBox(layout(app.model(), last.view), slice);
    const anchorX = at ? at.x : (Math.max(box.x0, 0) + Math.min(box.x1, last.view.width)) / 2;
    const width = tip.offsetWidth;
    const left = Math.min(Math.max(0, anchorX - width / 2), Math.max(0, last.view.width - width));
    tip.style.left = `${Math.round(left)}px`;
    tip.style.top = `${Math.round(box.y1 + TIP_GAP_PX)}px`;
  }

  // ---- choosing polls with the keyboard ----

  /** Every poll of the run in time order, as slices sliceAt would return. */
  function allPolls() {
    const geo = layout(app.model(), last.view);
    const polls = [];
    geo.rows.forEach(({ task }, i) => {
      for (const item of task.polls) polls.push({ kind: 'poll', lane: i + 1, task, item });
    });
    return polls.sort((a, b) => a.item.start - b.item.start || a.lane - b.lane);
  }

  function choose(step) {
    if (!last) return;
    const polls = allPolls();
    if (polls.length === 0) return;
    const model = app.model();
    let index = chosen ? polls.findIndex((p) => p.item === chosen.item) : -1;
    if (index === -1) {
      // Nothing chosen yet: start from the view's edge in the direction of travel.
      const { startS, spanS } = last.view.range;
      if (step > 0) index = polls.findIndex((p) => lessonSeconds(model, p.item.start) >= startS);
      else index = polls.findLastIndex((p) => lessonSeconds(model, p.item.start) <= startS + spanS);
      if (index === -1) index = step > 0 ? polls.length - 1 : 0;
    } else {
      index = Math.min(polls.length - 1, Math.max(0, index + step));
    }
    chosen = polls[index];
    setView(reveal(vp, Math.max(0, lessonSeconds(model, chosen.item.start)), last.elapsedS));
    dirty = true;
    render(last.view.now, true);
    els.live.textContent = tipLines(chosen).join('. ');
  }

  // ---- input ----

  const elapsed = () => last?.elapsedS ?? 0;
  /** Scrolls the lane window; false when there is nowhere to go (the page may scroll then). */
  const scrollLanes = (delta) => {
    const total = last?.totalLanes ?? 0;
    const next = Math.max(0, Math.min(firstLane + delta, total - MAX_LANES));
    if (total <= MAX_LANES || next === firstLane) return false;
    firstLane = next;
    chosen = null;
    dirty = true;
    return true;
  };
  const zoomBy = (factor, anchor = null) => setView(zoom(vp, factor, anchor, elapsed()));
  const panBy = (share) => setView(pan(vp, share * viewRange(vp, elapsed()).spanS, elapsed()));

  canvas.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    switch (e.key) {
      case '+': case '=': zoomBy(ZOOM_STEP); break;
      case '-': case '_': zoomBy(1 / ZOOM_STEP); break;
      case 'ArrowLeft': panBy(-PAN_STEP); break;
      case 'ArrowRight': panBy(PAN_STEP); break;
      case 'Home': setView(toStart(vp, elapsed())); break;
      case 'End': setView(followLive(vp)); break;
      case '0': setView(createViewport()); break;
      case 'ArrowUp': if (!scrollLanes(-1)) return; break;
      case 'ArrowDown': if (!scrollLanes(1)) return; break;
      case 'PageUp': if (!scrollLanes(-MAX_LANES)) return; break;
      case 'PageDown': if (!scrollLanes(MAX_LANES)) return; break;
      case '[': choose(-1); break;
      case ']': choose(1); break;
      case 'Escape':
        if (!chosen) return;
        chosen = null;
        dirty = true;
        break;
      default: return;
    }
    e.preventDefault();
  });

  canvas.addEventListener('wheel', (e) => {
    // Only a focused timeline takes the wheel: otherwise the page scrolls as usual.
    if (document.activeElement !== canvas || !last) return;
    e.preventDefault();
    const rect = canvas.getBoundingClientRect();
    const geo = layout(app.model(), last.view);
    if (Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.shiftKey) {
      const delta = Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.deltaY;
      setView(pan(vp, (delta / geo.plotW) * geo.range.spanS, elapsed()));
      return;
    }
    const anchor = Math.min(1, Math.max(0, (e.clientX - rect.left - geo.labelW) / geo.plotW));
    zoomBy(Math.exp(-e.deltaY * WHEEL_ZOOM_RATE), anchor);
  }, { passive: false });

  const local = (e) => {
    const rect = canvas.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };
  canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || !last) return;
    const geo = layout(app.model(), last.view);
    drag = { x: e.clientX, vp, spanS: geo.range.spanS, plotW: geo.plotW, moved: false };
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', (e) => {
    pointer = local(e);
    if (drag) {
      const dx = e.clientX - drag.x;
      if (Math.abs(dx) >= DRAG_THRESHOLD_PX) drag.moved = true;
      if (drag.moved) {
        setView(pan(drag.vp, (-dx / drag.plotW) * drag.spanS, elapsed()));
        canvas.dataset.dragging = 'true';
      }
    }
    dirty = true;
  });
  const endDrag = (e) => {
    if (!drag) return;
    // A tap (touch or pen, no drag) has no hover: it chooses the slice under it, as [ and ]
    // do, and its tooltip stays until another tap, a key or a tap elsewhere.
    if (e.type === 'pointerup' && e.pointerType !== 'mouse' && !drag.moved && last) {
      const at = local(e);
      chosen = sliceAt(app.model(), last.view, at.x, at.y);
    }
    drag = null;
    delete canvas.dataset.dragging;
    if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
    dirty = true;
  };
  canvas.addEventListener('pointerup', endDrag);
  canvas.addEventListener('pointercancel', endDrag);
  canvas.addEventListener('pointerleave', () => {
    if (drag) return;
    pointer = null;
    dirty = true;
  });
  canvas.addEventListener('blur', () => {
    if (!chosen) return;
    chosen = null;
    dirty = true;
  });

  els.zoomIn.addEventListener('click', () => zoomBy(ZOOM_STEP));
  els.zoomOut.addEventListener('click', () => zoomBy(1 / ZOOM_STEP));
  els.fit.addEventListener('click', () => setView(createViewport()));
  els.lanesUp.addEventListener('click', () => scrollLanes(-MAX_LANES));
  els.lanesDown.addEventListener('click', () => scrollLanes(MAX_LANES));
  els.follow.addEventListener('click', () => {
    setView(followLive(vp));
    canvas.focus(); // the button hides now; keep the focus near where it was
  });

  /** A new run (or none): the whole of it, following, nothing chosen. */
  function reset() {
    vp = createViewport();
    chosen = null;
    firstLane = 0;
    els.live.textContent = '';
    dirty = true;
  }

  return { render, reset };
}
