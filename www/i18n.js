// What the page says and how: the text of a key in the page's language, language choice, and
// how seconds and lesson texts are shown. The texts are in texts-en.js and texts-tr.js; lesson
// texts (titles, summaries, code, printed lines) come from the wasm crate.

import { EN } from './texts-en.js';
import { TR } from './texts-tr.js';

export const LANGS = ['tr', 'en'];
export const DEFAULT_LANG = 'en';

const TABLE = { en: EN, tr: TR };

/** Text for `key` in `lang`, with `{name}` placeholders filled from `vars` (as plain text). */
export function t(lang, key, vars = {}) {
  const text = TABLE[lang]?.[key] ?? TABLE[DEFAULT_LANG][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** Whether `key` has a text of its own (in `lang` or the default language). */
export function hasText(lang, key) {
  return Boolean(TABLE[lang]?.[key] ?? TABLE[DEFAULT_LANG][key]);
}

/**
 * The key to look a text up by: in Python mode (`python`), a key's `_py` twin where it has one,
 * so the page and the embed speak asyncio's words (a task *runs*, *waits*) for a program's run.
 */
export function textKey(lang, key, python) {
  return python && hasText(lang, `${key}_py`) ? `${key}_py` : key;
}

/** True for the language codes the page speaks. */
export function isLang(value) {
  return LANGS.includes(value);
}

/** Language from the browser's preference: Turkish for any tr-*, English otherwise. */
export function langFromNavigator(navLang) {
  return typeof navLang === 'string' && navLang.toLowerCase().startsWith('tr') ? 'tr' : 'en';
}

/** Lesson seconds as shown on the page: "0.5 s", "1 s" (axis) or fixed digits ("0.000 s"). */
export function formatSeconds(seconds, digits) {
  const text = digits === undefined ? String(+seconds.toFixed(3)) : seconds.toFixed(digits);
  return `${text} s`;
}

/**
 * A duration in ms as the instruments show it: "0.042 ms", "12.5 ms", "1.234 s". Poll lengths
 * are runtime-clock ms (CPU time is never scaled by the speed).
 */
export function formatMs(ms) {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(3)} s`;
  if (ms >= 10) return `${+ms.toFixed(1)} ms`;
  return `${+ms.toFixed(3)} ms`;
}

/** A lesson-text object {tr, en} in `lang`, falling back to the other language. */
export function pick(texts, lang) {
  if (texts == null) return '';
  if (typeof texts === 'string') return texts;
  return texts[lang] ?? texts[DEFAULT_LANG] ?? Object.values(texts)[0] ?? '';
}
