// The words only an embedded lesson says, in both languages. Everything else (statuses,
// notices, the timeline's labels) comes from the page's own tables through i18n.js, so the
// two never drift apart.

import { t as pageText, pick } from './i18n.js';

const TABLE = {
  en: {
    embedStatusIdle: 'Ready: press Run.',
    embedSharedLoop: 'Every lesson and program on this page shares one event loop: its row shows the loop passes of all of them.',
    embedOpenFull: 'Open in Loopscope',
    embedConsole: 'Output',
    embedTimeline: 'Timeline',
    embedBadSpeed: 'Speed “{value}” ignored: use a number from {min} to {max}; running at {speed}×.',
    embedBadHeight: 'Height “{value}” ignored: use a number of pixels from {min} to {max}; using {height}.',
    embedUnknownKeys: 'Ignored in the address: {keys} (known: {known}).',
    embedCrashed: 'The runtime stopped: {message}',
    embedScriptTitle: 'Python program (asyncio)',
    embedScriptNote: 'Each task of this program gets its own lane on the timeline.',
    embedCode: 'The program, main.py (read-only)',
    embedBadCode_base64: 'The program in “code” could not be read: it is not base64url text. Nothing runs.',
    embedBadCode_utf8: 'The program in “code” could not be read: its bytes are not UTF-8 text. Nothing runs.',
    embedBadCode_tooLong: 'The program in “code” is too long: over 100,000 bytes. Nothing runs.',
    embedTextTooLong: 'The program inside the element is too long: over 100,000 bytes of UTF-8. Nothing runs.',
    embedTextMarkup: 'The program inside the element contains HTML (a <{tag}> element), so the browser did not keep it as text. Write < as &lt; and & as &amp;, or put the program in a <script type="text/python"> inside the element. Nothing runs.',
    embedCodeAndLesson: 'Both “code” and “lesson” are given: the program in “code” runs and the lesson “{value}” is ignored.',
    embedNoScript: 'This build of Loopscope cannot run Python (its runtime has no interpreter). Nothing runs.',
    embedNothingToRun: 'Nothing to run: see the message above.',
  },
  tr: {
    embedStatusIdle: 'Hazır: Çalıştır’a basın.',
    embedSharedLoop: 'Bu sayfadaki tüm dersler ve programlar tek bir olay döngüsünü paylaşır: döngü satırı hepsinin döngü turlarını gösterir.',
    embedOpenFull: 'Loopscope’ta aç',
    embedConsole: 'Çıktı',
    embedTimeline: 'Zaman çizelgesi',
    embedBadSpeed: '“{value}” hızı yok sayıldı: {min} ile {max} arasında bir sayı kullanın; hız {speed}×.',
    embedBadHeight: '“{value}” yüksekliği yok sayıldı: {min} ile {max} arasında bir piksel sayısı kullanın; {height} kullanılıyor.',
    embedUnknownKeys: 'Adreste yok sayıldı: {keys} (bilinenler: {known}).',
    embedCrashed: 'Çalışma ortamı durdu: {message}',
    embedScriptTitle: 'Python programı (asyncio)',
    embedScriptNote: 'Bu programın her görevi zaman çizelgesinde kendi satırını alır.',
    embedCode: 'Program, main.py (salt okunur)',
    embedBadCode_base64: '“code” içindeki program okunamadı: base64url metni değil. Hiçbir şey çalıştırılmıyor.',
    embedBadCode_utf8: '“code” içindeki program okunamadı: baytları UTF-8 metin değil. Hiçbir şey çalıştırılmıyor.',
    embedBadCode_tooLong: '“code” içindeki program çok uzun: 100.000 bayttan fazla. Hiçbir şey çalıştırılmıyor.',
    embedTextTooLong: 'Öğenin içindeki program çok uzun: 100.000 bayttan fazla UTF-8. Hiçbir şey çalıştırılmıyor.',
    embedTextMarkup: 'Öğenin içindeki program HTML içeriyor (bir <{tag}> öğesi), bu yüzden tarayıcı onu metin olarak tutmadı. < yerine &lt;, & yerine &amp; yazın ya da programı öğenin içinde bir <script type="text/python"> içine koyun. Hiçbir şey çalıştırılmıyor.',
    embedCodeAndLesson: 'Hem “code” hem “lesson” verilmiş: “code” içindeki program çalışır, “{value}” dersi yok sayılır.',
    embedNoScript: 'Loopscope’un bu derlemesi Python çalıştıramaz (çalışma ortamında yorumlayıcı yok). Hiçbir şey çalıştırılmıyor.',
    embedNothingToRun: 'Çalıştırılacak bir şey yok: yukarıdaki mesaja bakın.',
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
