// The lesson's story and its "what to look at" note, kept short above the code: each is cut
// to a few lines (style.css, .lesson.clamped) with one "More" button that opens both. A long
// lesson (the doctor, staggered) otherwise pushed its code below the first screen. The cut is
// visual only: a screen reader reads the whole text. The button shows only when something was
// cut, checked again whenever the texts or the column's width change.

/**
 * Wires the button of `section` (its texts `parts`, the elements that may be cut). Returns
 * `refresh()`, to call after the texts change.
 */
export function installLessonText({ section, parts, button, t }) {
  let open = false;
  const cut = () => parts.some((p) => !p.hidden && p.scrollHeight > p.clientHeight + 1);

  function refresh() {
    section.classList.toggle('clamped', !open);
    button.textContent = t(open ? 'lessonLess' : 'lessonMore');
    button.setAttribute('aria-expanded', String(open));
    // Open, the button stays so that the learner can close it again.
    button.hidden = !open && !cut();
  }

  button.addEventListener('click', () => {
    open = !open;
    refresh();
  });
  // Checked in the next frame, not inside the observer's callback: showing the button resizes
  // the section, which inside the callback would be a resize loop (an error event).
  let queued = false;
  new ResizeObserver(() => {
    if (open || queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      refresh();
    });
  }).observe(section);
  refresh();
  return refresh;
}
