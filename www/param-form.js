// The parameter form of a Rust lesson: one labelled text field per parameter the crate declares,
// built once per lesson, its texts in the page's language, and the crate's message beside each
// bad value. The crate checks the texts (checkParams), so the page never judges a value itself.

import { pick } from './i18n.js';
import { make } from './dom.js';

const CHECK_DEBOUNCE_MS = 300; // ms of no typing before a parameter field is checked

const fieldId = (paramId) => `param-${paramId}`;

/** Field texts as one comparable string (same values → same key, whatever the typing order). */
export const paramsKey = (params) => JSON.stringify(Object.entries(params).map(([k, v]) => [k, String(v).trim()]).sort());

/**
 * els = {params (the fieldset), fields (where the fields go)}; app = {t(key, vars), lang(),
 * lesson() (the shown lesson's object), values() (paramId → field text, written as the learner
 * types), hidden() (the fields do not apply: Python mode), typed() (a pause in typing: app.js
 * syncs the address and checks), enter() (Enter in a field: Run)}.
 * Returns {render(), check(ls), showErrors(), hasErrors(), clearErrors(), cancelCheck(), focusBad()}.
 */
export function createParamForm(els, app) {
  let fieldsFor = null; // the lesson whose fields are in the DOM
  let errors = {}; // paramId → message from checkParams, in the page's language
  let checkTimer = 0;
  const byId = (id) => els.fields.querySelector(`#${CSS.escape(id)}`);

  /** One labelled field; every text goes in later as textContent (render). */
  function field(p) {
    const id = fieldId(p.id);
    const wrap = make('div', 'field param');
    wrap.dataset.param = p.id;
    const label = make('label');
    label.id = `${id}-label`;
    label.htmlFor = id;
    const row = make('div', 'param-row');
    const input = make('input');
    Object.assign(input, { id, name: p.id, type: 'text', inputMode: 'decimal', autocomplete: 'off', spellcheck: false });
    input.setAttribute('aria-describedby', `${id}-hint ${id}-error`);
    input.setAttribute('aria-invalid', 'false');
    input.addEventListener('input', () => {
      app.values()[p.id] = input.value;
      clearTimeout(checkTimer);
      checkTimer = setTimeout(app.typed, CHECK_DEBOUNCE_MS);
    });
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') app.enter(); });
    const unit = make('span', 'unit', { 'aria-hidden': 'true' }); // the hint says the unit to screen readers
    unit.id = `${id}-unit`;
    row.append(input, unit);
    const hint = make('p', 'param-hint');
    hint.id = `${id}-hint`;
    const error = make('p', 'param-error', { 'aria-live': 'polite' });
    error.id = `${id}-error`;
    wrap.append(label, row, hint, error);
    return wrap;
  }

  /** Builds the shown lesson's fields (once per lesson), then refreshes their texts. */
  function render() {
    const lesson = app.lesson();
    const lang = app.lang();
    const params = lesson?.params ?? [];
    if (fieldsFor !== (lesson?.id ?? '')) {
      fieldsFor = lesson?.id ?? '';
      els.fields.replaceChildren(...params.map(field));
    }
    els.params.hidden = params.length === 0 || app.hidden(); // the Python takes no parameters
    const values = app.values();
    for (const p of params) {
      const id = fieldId(p.id);
      byId(`${id}-label`).textContent = pick(p.label, lang);
      const unit = pick(p.unit, lang);
      byId(`${id}-unit`).textContent = unit;
      byId(`${id}-hint`).textContent = `${app.t('paramRange', { min: p.min, max: p.max })}${unit ? ` ${unit}` : ''}`;
      const input = byId(id);
      const value = values[p.id] ?? String(p.default);
      if (input.value !== value) input.value = value;
    }
    renderErrors(lesson);
  }

  function renderErrors(lesson) {
    if (lesson?.id !== fieldsFor) return;
    for (const p of lesson?.params ?? []) {
      const message = errors[p.id] ?? '';
      const error = byId(`${fieldId(p.id)}-error`);
      if (error.textContent !== message) error.textContent = message;
      error.hidden = message === '';
      byId(fieldId(p.id)).setAttribute('aria-invalid', message ? 'true' : 'false');
    }
  }

  /**
   * Asks the crate (`ls`) which field texts are bad, messages in the page's language, and shows
   * each beside its field. Returns {count, failed: the call's error message or null}, or null
   * when there is nothing to check (no runtime yet, no lesson, or the blank lesson).
   */
  function check(ls) {
    const lesson = app.lesson();
    if (!ls || !lesson || lesson.rustless) return null;
    let list = [];
    let failed = null;
    try {
      list = Array.from(ls.checkParams(lesson.id, { ...app.values() }, app.lang()) ?? []);
    } catch (e) {
      failed = String(e?.message ?? e);
    }
    errors = {};
    for (const { param, message } of list) errors[param] = String(message);
    return { count: list.length, failed };
  }

  return {
    render,
    check,
    /** Shows the messages of the last check (after check: app.js shows its notices first). */
    showErrors: () => renderErrors(app.lesson()),
    hasErrors: () => Object.keys(errors).length > 0,
    /** Another lesson: the old messages no longer apply, and no check is pending. */
    clearErrors() {
      clearTimeout(checkTimer);
      errors = {};
    },
    cancelCheck: () => clearTimeout(checkTimer),
    focusBad: () => els.fields.querySelector('input[aria-invalid="true"]')?.focus(),
  };
}
