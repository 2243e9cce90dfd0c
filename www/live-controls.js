// The buttons of a lesson's live controls (e.g. "drop the connection"): built once per lesson
// and language, enabled only while a run of that lesson is live. They act on the simulated
// server, which the Rust lesson and a script's websockets share.

import { pick } from './i18n.js';
import { make } from './dom.js';

/**
 * els = {box (shown only for a lesson with controls), buttons (where they go)}; app = {lesson()
 * (the shown lesson's object), lang(), live() (a run of the shown lesson is live), send(control)}.
 * Returns {render()}.
 */
export function createLiveControls(els, app) {
  let builtFor = ''; // "lesson/lang" of the buttons in the DOM

  function render() {
    const lesson = app.lesson();
    const controls = lesson?.controls ?? [];
    const key = `${lesson?.id ?? ''}/${app.lang()}`;
    if (key !== builtFor) {
      builtFor = key;
      els.buttons.replaceChildren(...controls.map((c) => {
        const button = make('button', '', { type: 'button' });
        button.id = `control-${c.id}`;
        button.dataset.control = c.id;
        button.textContent = pick(c.label, app.lang());
        button.addEventListener('click', () => app.send(c));
        return button;
      }));
    }
    els.box.hidden = controls.length === 0;
    const live = app.live();
    for (const button of els.buttons.querySelectorAll('button')) button.disabled = !live;
  }

  return { render };
}
