// embed.html: one <loopscope-lesson> whose attributes come from the page's address, so an
// <iframe src="embed.html#lesson=gather&lang=tr"> shows one lesson with no page around it
// (and embed.html#code=<base64url> one program, as the full page's #code=).
// Keys the element does not know are ignored and named in a note (as text).

import { ATTRIBUTES, attributesFromParams } from './embed-options.js';
import { say } from './embed-texts.js';
import { isLang, langFromNavigator } from './i18n.js';

const lesson = document.getElementById('embed-lesson');
const note = document.getElementById('embed-note');

function apply() {
  const query = new URLSearchParams(location.search);
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const { attributes, unknown } = attributesFromParams(query, hash);
  const wanted = new Map(attributes);
  for (const name of ATTRIBUTES) {
    if (!wanted.has(name)) lesson.removeAttribute(name);
    else if (lesson.getAttribute(name) !== wanted.get(name)) lesson.setAttribute(name, wanted.get(name));
  }
  const asked = wanted.get('lang');
  const lang = isLang(asked) ? asked : langFromNavigator(navigator.language);
  document.documentElement.lang = lang;
  note.textContent = unknown.length > 0
    ? say(lang, 'embedUnknownKeys', { keys: unknown.join(', '), known: ATTRIBUTES.join(', ') })
    : '';
  note.hidden = unknown.length === 0;
}

apply();
window.addEventListener('hashchange', apply);
