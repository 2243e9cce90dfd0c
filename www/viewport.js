// Which stretch of lesson time the timeline shows: pure state and math, no DOM, so it can be
// tested in Node. A viewport either follows the live edge (the newest time stays in view as
// the run grows) or stays where the learner zoomed or panned to, until they ask to follow
// again. Every change jumps: nothing here animates (reduced motion needs no special case).

export const MIN_SPAN_S = 2.5; // lesson s: the fitted axis never shows less, so 1 s vs 2 s compare
export const SPAN_HEADROOM = 1.08; // the fitted axis runs a bit past the live edge
export const MIN_ZOOM_SPAN_S = 0.0005; // lesson s (0.5 ms): one poll of a busy lesson fills the view
export const EDGE_HEADROOM = 0.05; // share of a zoomed view kept free right of the live edge
export const ZOOM_STEP = 1.5; // one key press or button: ×1.5 closer or farther
export const PAN_STEP = 0.2; // one arrow key: a fifth of the view

/** A fresh viewport: following the live edge, the whole run fitted. */
export function createViewport() {
  return { follow: true, spanS: null, startS: 0 };
}

/** The span that shows the whole run up to `elapsedS` (lesson s). */
export function fitSpan(elapsedS) {
  return Math.max(MIN_SPAN_S, Math.max(0, elapsedS) * SPAN_HEADROOM);
}

/**
 * The shown range {startS, spanS} (lesson s) of viewport `vp` for a run that has reached
 * `elapsedS`. Following a zoomed view keeps the live edge near its right side.
 */
export function viewRange(vp, elapsedS) {
  const fit = fitSpan(elapsedS);
  if (vp.spanS === null || vp.spanS >= fit) {
    return { startS: vp.follow || vp.spanS === null ? 0 : clampStart(vp.startS, fit, elapsedS), spanS: fit };
  }
  if (vp.follow) {
    const end = Math.max(elapsedS, 0) + vp.spanS * EDGE_HEADROOM;
    return { startS: Math.max(0, end - vp.spanS), spanS: vp.spanS };
  }
  return { startS: clampStart(vp.startS, vp.spanS, elapsedS), spanS: vp.spanS };
}

/** Latest start that still keeps the live edge in view (and never before 0). */
function clampStart(startS, spanS, elapsedS) {
  const latest = Math.max(0, Math.max(elapsedS, 0) + spanS * EDGE_HEADROOM - spanS);
  return Math.min(Math.max(0, startS), latest);
}

/**
 * Zooms by `factor` (> 1 closer, < 1 farther) around `anchor` (0..1 across the view; null =
 * the live edge while following, else the middle). Returns the new viewport. Zooming out to
 * the whole run fits and follows again; zooming at a chosen point stops following.
 */
export function zoom(vp, factor, anchor, elapsedS) {
  const fit = fitSpan(elapsedS);
  const range = viewRange(vp, elapsedS);
  const spanS = Math.min(fit, Math.max(MIN_ZOOM_SPAN_S, range.spanS / factor));
  if (spanS >= fit) return createViewport();
  if (anchor === null && vp.follow) return { follow: true, spanS, startS: 0 };
  const at = anchor ?? 0.5;
  const pivot = range.startS + at * range.spanS;
  return { follow: false, spanS, startS: clampStart(pivot - at * spanS, spanS, elapsedS) };
}

/**
 * Moves the view by `deltaS` lesson seconds (negative = back in time). Reaching the live edge
 * while moving forward follows it again, as a scrolled log does when you scroll to its end.
 */
export function pan(vp, deltaS, elapsedS) {
  const range = viewRange(vp, elapsedS);
  if (range.spanS >= fitSpan(elapsedS)) return vp; // everything is in view: nowhere to go
  const startS = clampStart(range.startS + deltaS, range.spanS, elapsedS);
  const latest = clampStart(Infinity, range.spanS, elapsedS);
  if (deltaS > 0 && startS >= latest) return { follow: true, spanS: range.spanS, startS };
  return { follow: false, spanS: range.spanS, startS };
}

/** The view moved so that lesson second `s` is inside it (a keyboard-chosen slice). */
export function reveal(vp, s, elapsedS) {
  const range = viewRange(vp, elapsedS);
  if (s >= range.startS && s <= range.startS + range.spanS) return vp;
  return { follow: false, spanS: range.spanS, startS: clampStart(s - range.spanS / 2, range.spanS, elapsedS) };
}

/** The view at the very start of the run, same zoom. */
export function toStart(vp, elapsedS) {
  const range = viewRange(vp, elapsedS);
  if (range.spanS >= fitSpan(elapsedS)) return vp;
  return { follow: false, spanS: range.spanS, startS: 0 };
}

/** Following the live edge again, at the same zoom. */
export function followLive(vp) {
  return { ...vp, follow: true };
}
