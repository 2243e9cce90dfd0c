// Whether a part of the page is on screen (or close to it), so panels can refresh what can be
// seen often and what cannot be seen seldom. Without IntersectionObserver (an old browser, or
// Node in the tests) everything counts as on screen, which is only slower, never wrong.

/** CSS px around the screen that count as on it: a panel scrolled into view is fresh at once. */
export const NEAR_PX = 300;

/**
 * Watches `element`; returns isOn() → boolean. `onShow()` is called when it comes on screen,
 * so the caller can refresh it right away instead of at its next slow turn.
 */
export function watchOnScreen(element, onShow = () => {}) {
  let on = true;
  if (typeof IntersectionObserver === 'function' && element) {
    const observer = new IntersectionObserver((entries) => {
      const now = entries[entries.length - 1].isIntersecting;
      if (now && !on) onShow();
      on = now;
    }, { rootMargin: `${NEAR_PX}px 0px` });
    observer.observe(element);
  }
  return () => on;
}
