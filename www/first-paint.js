// First paint: the lesson's title, before any module or the wasm has loaded (app.js sets it
// again, with the rest of the lesson). A classic script that loads nothing, run by index.html
// from its head, before the title's element is parsed. Resolved as url-state.js's
// resolveState does (the hash, then the stored language, then the browser's); the table is the
// crate's lesson catalogue, kept equal by a test (tests/first_paint.rs).
(() => {
  const TITLES = {"doctor":["Doktor ve hastalar","The doctor and the patients"],"async-await":["async ve await","async and await"],"gather":["Aynı anda iki görev","Two tasks at once"],"staggered":["Sırayla başlayan işlemler","Staggered starts"],"websocket":["Kopan bağlantıyı yeniden kurmak","Reconnecting a websocket"],"event-loop":["Olay döngüsü","The event loop"],"fetch-data":["Sonuç döndüren görevler","Tasks with results"],"blocking":["Engelleyici kod ve to_thread","Blocking code and to_thread"],"timeouts":["Zaman aşımı, yarış ve iptal","Timeouts, races and cancellation"],"microtasks":["Birbirini uyandıran görevler","Tasks that wake each other"],"stress":["Yük altında binlerce görev","Thousands of tasks under load"]};
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  let lang = hash.get('lang');
  if (lang !== 'tr' && lang !== 'en') {
    try { lang = localStorage.getItem('loopscope.lang'); } catch { lang = null; }
  }
  if (lang !== 'tr' && lang !== 'en') lang = /^tr/i.test(navigator.language ?? '') ? 'tr' : 'en';
  const id = hash.get('lesson') ?? (hash.has('code') ? 'script' : null);
  if (id === 'script') return; // the learner's own program: app.js names it
  const title = Object.hasOwn(TITLES, id ?? '') ? TITLES[id] : Object.values(TITLES)[0];
  const text = title[lang === 'tr' ? 0 : 1];
  const named = () => {
    const heading = document.getElementById('lesson-title');
    if (heading) heading.textContent = text;
    return heading !== null;
  };
  if (named()) return;
  // Run from the head, before the title is parsed: a mutation's callback runs at the end of the
  // parser's task, before the browser paints, so the title's first paint has its text.
  const watch = new MutationObserver(() => named() && watch.disconnect());
  watch.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', () => watch.disconnect(), { once: true });
})();
