// Page state in the URL (`#lesson=<id>&lang=tr|en[&variant=<id>][&speed=<x>][&mode=virtual]
// [&engine=rust][&code=<base64url>][&<paramId>=<value>…]`), its
// validation, and filling the <select> controls. Validation is pure; problems come back as
// notices {key, vars} so they can be shown (and re-shown after a language switch) in any language.

import { isLang, langFromNavigator } from './i18n.js';
import { SCRIPT_LESSON, decodeCode } from './program.js';
import { SPEED_MAX, SPEED_MIN } from './wire.js'; // the runtime's bounds for startRun

export const DEFAULT_SPEED = 1;
export const LANG_STORAGE_KEY = 'loopscope.lang';
/** The speed picker's choices (× real time); a valid speed from the URL outside them is added. */
export const SPEED_CHOICES = [0.1, 0.25, 0.5, 1, 2, 5, 10];
/** Time modes of startRun: real timers, or a per-run virtual clock (same order every run). */
export const MODES = ['real', 'virtual'];
export const DEFAULT_MODE = 'real';
/** Hash keys the page itself uses; a lesson parameter never takes one of these names. */
export const RESERVED_KEYS = ['lesson', 'variant', 'lang', 'speed', 'mode', 'engine', 'code'];
/** What Run runs: the lesson's Python (the learner's, editable) or the crate's Rust. */
export const ENGINES = ['python', 'rust'];
export const DEFAULT_ENGINE = 'python';

/** The text a parameter field starts with: its default, as the crate wrote it. */
export function paramDefaultText(param) {
  return String(param.default);
}

/**
 * Field texts for a lesson's parameters: from the URL when present (raw, unchecked: the
 * crate's checkParams says what is wrong), else the default. Returns {paramId: text}.
 */
export function paramsFromUrl(params, lesson) {
  const values = {};
  for (const p of lesson?.params ?? []) {
    if (RESERVED_KEYS.includes(p.id)) continue;
    const fromUrl = params.get(p.id);
    values[p.id] = fromUrl ?? paramDefaultText(p);
  }
  return values;
}

/** Hash → URLSearchParams ("#a=1&b=2" → a, b). */
export function parseHash(hash) {
  return new URLSearchParams(String(hash).replace(/^#/, ''));
}

/**
 * Resolves the page state from URL params, the stored language and the browser's language.
 * lessons: the array from ls.lessons() (may be empty while loading).
 * Returns {lesson, variant, lang, speed, speedFromUrl, mode, engine, code, notices, params}
 * (params: field texts; code: the program of `code=` as text, or null when there is none or it
 * could not be read, which adds a notice). A `code=` without a `lesson=` opens the blank lesson.
 * `python`: the runtime can run Python (false: a build without the interpreter), else the
 * engine is always the Rust.
 */
export function resolveState(params, lessons, storedLang, navLang, { python = true } = {}) {
  const notices = [];

  let lang;
  const urlLang = params.get('lang');
  if (urlLang !== null && isLang(urlLang)) lang = urlLang;
  else {
    if (urlLang !== null) notices.push({ key: 'noticeBadLang', vars: { value: urlLang } });
    lang = isLang(storedLang) ? storedLang : langFromNavigator(navLang);
  }

  let speed = DEFAULT_SPEED;
  let speedFromUrl = false;
  const urlSpeed = params.get('speed');
  if (urlSpeed !== null) {
    const value = Number(urlSpeed);
    if (urlSpeed.trim() !== '' && Number.isFinite(value) && value >= SPEED_MIN && value <= SPEED_MAX) {
      speed = value;
      speedFromUrl = true;
    } else {
      notices.push({ key: 'noticeBadSpeed', vars: { value: urlSpeed } });
    }
  }

  let mode = DEFAULT_MODE;
  const urlMode = params.get('mode');
  if (urlMode !== null) {
    if (MODES.includes(urlMode)) mode = urlMode;
    else notices.push({ key: 'noticeBadMode', vars: { value: urlMode } });
  }

  let engine = DEFAULT_ENGINE;
  const urlEngine = params.get('engine');
  if (urlEngine !== null) {
    if (ENGINES.includes(urlEngine)) engine = urlEngine;
    else notices.push({ key: 'noticeBadEngine', vars: { value: urlEngine } });
  }

  let code = null;
  const urlCode = params.get('code');
  if (urlCode !== null) {
    const decoded = decodeCode(urlCode);
    if (decoded.error) notices.push({ key: `noticeBadCode_${decoded.error}` });
    else code = decoded.text;
  }

  const fallback = lessons[0];
  const urlLesson = params.get('lesson') ?? (urlCode !== null ? SCRIPT_LESSON : null);
  let lesson = lessons.find((l) => l.id === urlLesson);
  if (!lesson && fallback) {
    if (urlLesson !== null) {
      notices.push({ key: 'noticeUnknownLesson', vars: { value: urlLesson, fallback: fallback.title } });
    }
    lesson = fallback;
  }

  let variant = lesson?.variants?.[0]?.id ?? '';
  const urlVariant = params.get('variant');
  if (urlVariant !== null && lesson) {
    const found = lesson.variants.find((v) => v.id === urlVariant);
    if (found) variant = found.id;
    else {
      notices.push({
        key: 'noticeUnknownVariant',
        vars: { value: urlVariant, fallback: lesson.variants[0]?.label ?? variant },
      });
    }
  }

  // A key the page does not read (a typo, a parameter of another lesson) is said, not dropped.
  const known = new Set([...RESERVED_KEYS, ...(lesson?.params ?? []).map((p) => p.id)]);
  for (const key of new Set(params.keys())) {
    if (!known.has(key)) notices.push({ key: 'noticeUnknownKey', vars: { key } });
  }

  // A lesson's parameters are its Rust program's (its Python is the program as written): an
  // address that sets one and names no engine opens the Rust; one that runs the Python says so.
  const paramKeys = (lesson?.params ?? []).map((p) => p.id).filter((id) => params.has(id) && !RESERVED_KEYS.includes(id));
  // Without an interpreter only the Rust runs; a program runs as Python; the blank lesson has no Rust.
  if (!python) engine = 'rust';
  else if (code !== null || lesson?.rustless) engine = 'python';
  else if (!ENGINES.includes(urlEngine) && paramKeys.length > 0) engine = 'rust'; // none named, or a bad one
  if (engine === 'python' && paramKeys.length > 0) notices.push({ key: 'noticeParamsPython', vars: { keys: paramKeys.join(', ') } });

  return {
    lesson: lesson?.id ?? '', variant, lang, speed, speedFromUrl, mode, notices,
    modeFromUrl: urlMode !== null && MODES.includes(urlMode),
    params: paramsFromUrl(params, lesson),
    engine,
    code,
  };
}

/**
 * The canonical hash for a state; speed, mode, variant and parameters only when they differ from
 * the defaults, and parameters only where they are read (`paramsRead`: with the Rust engine).
 * `lessonParams` = the lesson's params (for their defaults), `params` = field texts, `code` =
 * the edited program, already base64url (encodeCode), or '' when it is the lesson's own.
 */
export function buildHash({
  lesson, variant, defaultVariant, lang, speed, mode = DEFAULT_MODE, engine = DEFAULT_ENGINE, code = '',
  params = {}, lessonParams = [], paramsRead = engine === 'rust',
}) {
  const hash = new URLSearchParams();
  hash.set('lesson', lesson);
  if (variant && variant !== defaultVariant) hash.set('variant', variant);
  hash.set('lang', lang);
  if (speed !== DEFAULT_SPEED) hash.set('speed', String(speed));
  if (mode !== DEFAULT_MODE) hash.set('mode', mode);
  if (engine !== DEFAULT_ENGINE) hash.set('engine', engine);
  if (code) hash.set('code', code);
  // The parameters only where they are read (the Rust: an address with them opens the Rust).
  for (const p of paramsRead ? lessonParams : []) {
    const value = params[p.id];
    if (value !== undefined && value !== paramDefaultText(p)) hash.set(p.id, value);
  }
  return `#${hash.toString()}`;
}

/** "0.25×", "10×": a speed as the picker shows it. */
export function speedText(speed) {
  return `${speed}×`;
}

/** Replaces a <select>'s options: items = [{value, label}]; labels go in as text. */
export function fillSelect(select, items, selected) {
  const options = items.map(({ value, label }) => {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = label;
    option.selected = value === selected;
    return option;
  });
  select.replaceChildren(...options);
  if (items.some((item) => item.value === selected)) select.value = selected;
}

/** localStorage can throw (privacy modes, sandboxed frames): treat that as "nothing stored". */
export function readStoredLang() {
  try { return globalThis.localStorage?.getItem(LANG_STORAGE_KEY) ?? null; } catch { return null; }
}

export function storeLang(lang) {
  try { globalThis.localStorage?.setItem(LANG_STORAGE_KEY, lang); } catch { /* not remembered */ }
}

const ENGINEER_STORAGE_KEY = 'loopscope.engineer';

/** Whether the engineer view was left open (closed unless remembered open). */
export function readEngineerOpen() {
  try { return globalThis.localStorage?.getItem(ENGINEER_STORAGE_KEY) === 'open'; } catch { return false; }
}

export function storeEngineerOpen(open) {
  try { globalThis.localStorage?.setItem(ENGINEER_STORAGE_KEY, open ? 'open' : 'closed'); } catch { /* not remembered */ }
}
