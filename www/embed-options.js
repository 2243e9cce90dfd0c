// What an embedded lesson accepts: the attributes of <loopscope-lesson> and the keys of
// embed.html's URL, checked into one options object. Pure (no DOM, no wasm), so it can be
// tested in Node. A bad value never throws: it falls back to a default and comes back as a
// notice {key, vars} that the element shows, as text, in its language.
//
// Script mode: a program instead of a lesson, from `code` (base64url of the UTF-8 source, as
// the page's `#code=`) or, with neither `code` nor `lesson`, from the element's own text.

import { isLang, langFromNavigator } from './i18n.js';
import { DEFAULT_MODE, DEFAULT_SPEED, MODES } from './url-state.js';
import { MAX_CODE_BYTES, decodeCode } from './program.js';

/** The attributes the element reads (and re-renders on). */
export const ATTRIBUTES = ['lesson', 'lang', 'variant', 'speed', 'mode', 'autorun', 'height', 'compact', 'code'];
/** Boolean attributes: present = on, whatever their value (HTML's rule). */
export const FLAGS = ['autorun', 'compact'];
/**
 * An embed's speeds: narrower than the full page's (up to 1000×), since an embed has no
 * zoom to see a run that ends in a blink.
 */
export const EMBED_SPEED_MIN = 0.1;
export const EMBED_SPEED_MAX = 10;
/** CSS px of the timeline box (the canvas scrolls inside it when the lanes need more). */
export const HEIGHT_MIN = 120;
export const HEIGHT_MAX = 2000;
export const DEFAULT_HEIGHT = 230;
/** Px a timeline with no `height` grows to, so every lane of a lesson shows; beyond, it scrolls. */
export const AUTO_HEIGHT_MAX = 480;

const HEIGHT_RE = /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/i;

/**
 * A program written inside the element → its source: the blank lines around it dropped and
 * the indentation all its lines share removed (as Python's textwrap.dedent), so it may be
 * indented with the page's HTML. Lines of only spaces become empty; line ends become \n.
 */
export function dedentProgram(text) {
  const lines = String(text).replace(/\r\n?/g, '\n').split('\n');
  const blank = (line) => line.trim() === '';
  while (lines.length > 0 && blank(lines[0])) lines.shift();
  while (lines.length > 0 && blank(lines[lines.length - 1])) lines.pop();
  if (lines.length === 0) return '';
  let prefix = null;
  for (const line of lines) {
    if (blank(line)) continue;
    const lead = /^[ \t]*/.exec(line)[0];
    if (prefix === null) { prefix = lead; continue; }
    let i = 0;
    while (i < prefix.length && i < lead.length && prefix[i] === lead[i]) i++;
    prefix = prefix.slice(0, i);
  }
  const cut = prefix.length;
  return `${lines.map((line) => (blank(line) ? '' : line.slice(cut))).join('\n')}\n`;
}

/**
 * The program an element runs, if any: `code` first, then (with no `lesson` either) the
 * element's text. inline = {text, markup} from the element (markup: the name of an element
 * the HTML parser made inside it, '' if none), or null. Returns null (a lesson) or
 * {source, from: 'code' | 'text', error: '' | 'base64' | 'utf8' | 'tooLong' | 'markup'}.
 */
function readScript(get, inline, notices) {
  const code = get('code');
  if (code !== null) {
    const lesson = get('lesson');
    if (lesson !== null) notices.push({ key: 'embedCodeAndLesson', vars: { value: lesson } });
    const decoded = decodeCode(code);
    if (decoded.error) {
      notices.push({ key: `embedBadCode_${decoded.error}` });
      return { source: '', from: 'code', error: decoded.error };
    }
    return { source: decoded.text, from: 'code', error: '' };
  }
  if (get('lesson') !== null || !inline) return null;
  if (inline.markup) {
    // The parser already turned part of the program into elements: what is left is not it.
    notices.push({ key: 'embedTextMarkup', vars: { tag: inline.markup } });
    return { source: '', from: 'text', error: 'markup' };
  }
  const source = dedentProgram(inline.text ?? '');
  if (source === '') return null; // an empty element: the default lesson, as before
  if (new TextEncoder().encode(source).length > MAX_CODE_BYTES) {
    notices.push({ key: 'embedTextTooLong' });
    return { source: '', from: 'text', error: 'tooLong' };
  }
  return { source, from: 'text', error: '' };
}

/**
 * get(name) → the attribute's value or null. lessons: ls.lessons() (empty while the runtime
 * loads: the lesson is then taken as asked and checked once the list is known). inline: the
 * element's own text (see readScript), or null.
 * Returns {lesson, variant, lang, speed, mode, height, autorun, compact, script, notices}
 * (script: null for a lesson; lesson and variant are then unused).
 */
export function readOptions(get, lessons, navLang, inline = null) {
  const notices = [];

  const askedLang = get('lang');
  let lang;
  if (askedLang !== null && isLang(askedLang)) lang = askedLang;
  else {
    if (askedLang !== null) notices.push({ key: 'noticeBadLang', vars: { value: askedLang } });
    lang = langFromNavigator(navLang);
  }

  let speed = DEFAULT_SPEED;
  const askedSpeed = get('speed');
  if (askedSpeed !== null) {
    const value = Number(askedSpeed);
    if (askedSpeed.trim() !== '' && Number.isFinite(value) && value >= EMBED_SPEED_MIN && value <= EMBED_SPEED_MAX) {
      speed = value;
    } else {
      notices.push({ key: 'embedBadSpeed', vars: { value: askedSpeed, min: EMBED_SPEED_MIN, max: EMBED_SPEED_MAX, speed } });
    }
  }

  let mode = DEFAULT_MODE;
  const askedMode = get('mode');
  if (askedMode !== null) {
    if (MODES.includes(askedMode)) mode = askedMode;
    else notices.push({ key: 'noticeBadMode', vars: { value: askedMode } });
  }

  let height = DEFAULT_HEIGHT;
  let heightSet = false; // unset: the timeline grows with its lanes (up to AUTO_HEIGHT_MAX)
  const askedHeight = get('height');
  if (askedHeight !== null) {
    const m = HEIGHT_RE.exec(askedHeight);
    const value = m ? Number(m[1]) : NaN;
    if (value >= HEIGHT_MIN && value <= HEIGHT_MAX) {
      height = Math.round(value);
      heightSet = true;
    }
    else notices.push({ key: 'embedBadHeight', vars: { value: askedHeight, min: HEIGHT_MIN, max: HEIGHT_MAX, height } });
  }

  const script = readScript(get, inline, notices);
  const askedLesson = get('lesson');
  let lesson = askedLesson ?? '';
  let variant = get('variant') ?? '';
  if (script) {
    lesson = '';
    variant = '';
  } else if (lessons.length > 0) {
    let found = lessons.find((l) => l.id === askedLesson);
    if (!found) {
      found = lessons[0];
      if (askedLesson !== null) notices.push({ key: 'noticeUnknownLesson', vars: { value: askedLesson, fallback: found.title } });
    }
    lesson = found.id;
    const askedVariant = get('variant');
    const known = found.variants.find((v) => v.id === askedVariant);
    variant = known?.id ?? found.variants[0]?.id ?? '';
    if (askedVariant !== null && !known) {
      notices.push({ key: 'noticeUnknownVariant', vars: { value: askedVariant, fallback: found.variants[0]?.label ?? variant } });
    }
  }

  return {
    lesson, variant, lang, speed, mode, height, heightSet,
    autorun: get('autorun') !== null,
    compact: get('compact') !== null,
    script,
    notices,
  };
}

const OFF = ['0', 'false', 'no', 'off'];

/**
 * embed.html's URL (query and hash, the hash winning) → the element's attributes.
 * Returns {attributes: [[name, value]], unknown: [key]} (unknown keys are ignored, and named).
 */
export function attributesFromParams(...sources) {
  const values = new Map();
  const unknown = [];
  for (const params of sources) {
    for (const [key, value] of params) {
      if (!ATTRIBUTES.includes(key)) {
        if (!unknown.includes(key)) unknown.push(key);
        continue;
      }
      values.set(key, value);
    }
  }
  const attributes = [];
  for (const [key, value] of values) {
    if (FLAGS.includes(key)) {
      if (!OFF.includes(value.trim().toLowerCase())) attributes.push([key, '']);
    } else {
      attributes.push([key, value]);
    }
  }
  return { attributes, unknown };
}
