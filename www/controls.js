// Page state in the URL (`#lesson=<id>&lang=tr|en[&variant=<id>][&speed=<x>]`), its
// validation, and filling the <select> controls. Validation is pure; problems come back as
// notices {key, vars} so they can be shown (and re-shown after a language switch) in any language.

import { isLang, langFromNavigator } from './i18n.js';

export const SPEED_MIN = 0.1; // the runtime's bounds for startRun (CONTRACT.md)
export const SPEED_MAX = 1000;
export const DEFAULT_SPEED = 1;
export const LANG_STORAGE_KEY = 'loopscope.lang';

/** Hash → URLSearchParams ("#a=1&b=2" → a, b). */
export function parseHash(hash) {
  return new URLSearchParams(String(hash).replace(/^#/, ''));
}

/**
 * Resolves the page state from URL params, the stored language and the browser's language.
 * lessons: the array from ls.lessons() (may be empty while loading).
 * Returns {lesson, variant, lang, speed, speedFromUrl, notices}.
 */
export function resolveState(params, lessons, storedLang, navLang) {
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

  const fallback = lessons[0];
  const urlLesson = params.get('lesson');
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

  return { lesson: lesson?.id ?? '', variant, lang, speed, speedFromUrl, notices };
}

/** The canonical hash for a state; speed and variant only when they differ from the defaults. */
export function buildHash({ lesson, variant, defaultVariant, lang, speed, speedFromUrl }) {
  const params = new URLSearchParams();
  params.set('lesson', lesson);
  if (variant && variant !== defaultVariant) params.set('variant', variant);
  params.set('lang', lang);
  if (speedFromUrl) params.set('speed', String(speed));
  return `#${params.toString()}`;
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
