// Two DOM helpers the page and the embed share: making an element, and sizing a canvas's
// bitmap to its CSS size times the device pixel ratio (so its drawing stays sharp).

/** A new element with a class (if any) and attributes; every text goes in later as textContent. */
export function make(tag, className = '', attrs = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

/**
 * Gives `canvas` a bitmap of cssW × cssH CSS px at the device pixel ratio (written only when it
 * changed: a resized bitmap is blank) and a 2D context that draws in CSS px. `ctx` is the
 * canvas's context if the caller keeps one. Returns {ctx, resized}.
 */
export function fitCanvas(canvas, cssW, cssH, ctx = null) {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.round(cssW * dpr);
  const h = Math.round(cssH * dpr);
  const resized = canvas.width !== w || canvas.height !== h;
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const context = ctx ?? canvas.getContext('2d');
  context.setTransform(w / cssW, 0, 0, h / cssH, 0, 0);
  return { ctx: context, resized };
}
