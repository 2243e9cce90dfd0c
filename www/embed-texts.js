// The words only an embedded lesson says, in both languages. Everything else (statuses,
// notices, the timeline's labels) comes from the page's own table in i18n.js, so the two
// never drift apart.

import { t as pageText, pick } from './i18n.js';

const TABLE = {
  en: {
    embedStatusIdle: 'Ready: press Run.',
    embedSharedLoop: 'Every lesson on this page shares one wasm runtime and one event loop: the loop row shows the ticks of all of them.',
    embedOpenFull: 'Open in Loopscope',
    embedConsole: 'Output',
    embedTimeline: 'Timeline',
    embedBadSpeed: 'Speed “{value}” ignored: use a number from {min} to {max}; running at {speed}×.',
    embedBadHeight: 'Height “{value}” ignored: use a number of pixels from {min} to {max}; using {height}.',
    embedUnknownKeys: 'Ignored in the address: {keys} (known: {known}).',
    embedCrashed: 'The runtime stopped: {message}',
  },
  tr: {
    embedStatusIdle: 'Hazır: Çalıştır’a basın.',
    embedSharedLoop: 'Bu sayfadaki tüm dersler tek bir wasm çalışma ortamını ve tek bir olay döngüsünü paylaşır: döngü satırı hepsinin tick’lerini gösterir.',
    embedOpenFull: 'Loopscope’ta aç',
    embedConsole: 'Çıktı',
    embedTimeline: 'Zaman çizelgesi',
    embedBadSpeed: '“{value}” hızı yok sayıldı: {min} ile {max} arasında bir sayı kullanın; hız {speed}×.',
    embedBadHeight: '“{value}” yüksekliği yok sayıldı: {min} ile {max} arasında bir piksel sayısı kullanın; {height} kullanılıyor.',
    embedUnknownKeys: 'Adreste yok sayıldı: {keys} (bilinenler: {known}).',
    embedCrashed: 'Çalışma ortamı durdu: {message}',
  },
};

/**
 * Text for `key` in `lang`: the embed's own table first, then the page's. Vars may be lesson
 * texts {tr, en}; they are picked in `lang`. Always plain text (callers use textContent).
 */
export function say(lang, key, vars = {}) {
  const local = {};
  for (const [k, v] of Object.entries(vars)) local[k] = v !== null && typeof v === 'object' ? pick(v, lang) : v;
  const own = TABLE[lang]?.[key] ?? TABLE.en[key];
  if (own === undefined) return pageText(lang, key, local);
  return own.replace(/\{(\w+)\}/g, (m, name) => (name in local ? String(local[name]) : m));
}
