// All user-visible UI text, in both languages. Lesson texts (titles, summaries, code, printed
// lines) come from the wasm crate; everything the page itself says comes from here.

export const LANGS = ['tr', 'en'];
export const DEFAULT_LANG = 'en';

const TABLE = {
  en: {
    pageTitle: 'Loopscope — see async tasks take turns',
    tagline: 'Real Rust futures on the browser’s microtask loop, drawn live.',
    language: 'Language',
    lesson: 'Lesson',
    variant: 'Variant',
    run: 'Run',
    reset: 'Reset',
    speedNote: 'Speed ×{speed} (sleeps are {speed} times shorter in real time)',
    status_loading: 'Loading the runtime…',
    status_idle: 'Ready. Press Run.',
    status_running: 'Running…',
    status_finished: 'Finished in {elapsed}.',
    status_cancelled: 'Cancelled.',
    status_crashed: 'Crashed.',
    crashed: 'The runtime crashed — reload the page.',
    crashDetail: 'Panic message:',
    reload: 'Reload',
    noticeUnknownLesson: 'There is no lesson “{value}”; showing “{fallback}” instead.',
    noticeUnknownVariant: 'The lesson has no variant “{value}”; showing “{fallback}” instead.',
    noticeBadLang: 'Unknown language “{value}”; use tr or en.',
    noticeBadSpeed: 'Speed “{value}” ignored: use a number from 0.1 to 1000.',
    noticeStartFailed: 'The run could not start: {message}',
    noticeLoadFailed: 'The runtime could not be loaded: {message}',
    timelineHeading: 'Timeline',
    timelineHint: 'Time runs left to right in lesson seconds. Each row is a task; the top row is the loop.',
    timelineEmpty: 'Timeline: nothing has run yet.',
    runCaption: 'Showing the run of “{lesson}”, variant “{variant}”.',
    runCaptionNone: 'Press Run to draw a run here.',
    runSkipped: ' {count} trace records were lost while the page was not drawing (e.g. a hidden tab).',
    timelineSummary: 'Timeline of the run: the loop and {lanes} task lanes ({names}), {elapsed} of lesson time.',
    timelineOverlap: ' At most {count} tasks were waiting at the same time.',
    laneLoop: 'loop',
    sleepLabel: 'sleep {duration}',
    legendHeading: 'How to read it',
    legend_tick: 'tick: the loop drains its run queue once',
    legend_poll: 'busy: the task is being polled (its code runs)',
    legend_wait: 'waiting: the task is suspended, e.g. on a sleep timer',
    legend_ready: 'ready: woken, queued, not polled yet',
    legend_finish: 'finished: the task’s future completed',
    legend_cancel: 'cancelled: the task was dropped before finishing',
    legend_wakeTask: 'wake by another task (arrow from the waker)',
    legend_wakeTimer: 'wake by a timer',
    consoleHeading: 'Output',
    consoleEmpty: 'Printed lines appear here while the run goes.',
    totalsHeading: 'Time',
    totalsElapsed: 'Elapsed: {elapsed}',
    totalsSleeps: 'Sum of all sleeps: {sum}',
    totalsOverlap: 'The run took less than its sleeps added up: tasks waited at the same time.',
    totalsSerial: 'The run took as long as its sleeps added up: one wait after another.',
    totalsCompare: 'Last finished runs of this lesson:',
    totalsCompareHint: 'Run every variant to compare them.',
    codeHeading: 'The code',
    codePython: 'Python (asyncio), the original example',
    codeRust: 'Rust, the code that runs here',
    mapHeading: 'asyncio ↔ Rust',
    map_asyncDef: 'async def ↔ async fn',
    map_asyncDefWhy: 'both declare a function whose body can pause at await.',
    map_coroutine: 'coroutine object ↔ lazy future',
    map_coroutineWhy: 'calling it runs nothing yet; it runs when awaited or polled.',
    map_gather: 'asyncio.gather ↔ spawn + join_all',
    map_gatherWhy: 'start several tasks, then wait until all of them finish.',
    map_createTask: 'asyncio.create_task ↔ spawn',
    map_createTaskWhy: 'hand a future to the loop so it runs on its own.',
    footer: 'Loopscope runs entirely in this page; nothing is sent anywhere.',
  },
  tr: {
    pageTitle: 'Loopscope — asenkron task’lerin sırayla çalışmasını görün',
    tagline: 'Tarayıcının mikro görev döngüsünde çalışan gerçek Rust future’ları, canlı çizimle.',
    language: 'Dil',
    lesson: 'Ders',
    variant: 'Çeşit',
    run: 'Çalıştır',
    reset: 'Sıfırla',
    speedNote: 'Hız ×{speed} (beklemeler gerçekte {speed} kat kısa)',
    status_loading: 'Çalışma ortamı yükleniyor…',
    status_idle: 'Hazır. Çalıştır’a basın.',
    status_running: 'Çalışıyor…',
    status_finished: '{elapsed} içinde bitti.',
    status_cancelled: 'İptal edildi.',
    status_crashed: 'Çöktü.',
    crashed: 'Çalışma ortamı çöktü — sayfayı yeniden yükleyin.',
    crashDetail: 'Panic mesajı:',
    reload: 'Yeniden yükle',
    noticeUnknownLesson: '“{value}” adında bir ders yok; onun yerine “{fallback}” gösteriliyor.',
    noticeUnknownVariant: 'Bu dersin “{value}” adında bir çeşidi yok; onun yerine “{fallback}” gösteriliyor.',
    noticeBadLang: '“{value}” bilinmeyen bir dil; tr ya da en kullanın.',
    noticeBadSpeed: '“{value}” hızı yok sayıldı: 0.1 ile 1000 arasında bir sayı kullanın.',
    noticeStartFailed: 'Çalıştırma başlatılamadı: {message}',
    noticeLoadFailed: 'Çalışma ortamı yüklenemedi: {message}',
    timelineHeading: 'Zaman çizelgesi',
    timelineHint: 'Zaman soldan sağa, ders saniyesiyle akar. Her satır bir task; en üstteki satır döngünün kendisi.',
    timelineEmpty: 'Zaman çizelgesi: henüz bir şey çalışmadı.',
    runCaption: '“{lesson}” dersinin “{variant}” çeşidi gösteriliyor.',
    runCaptionNone: 'Bir çalıştırmayı burada görmek için Çalıştır’a basın.',
    runSkipped: ' Sayfa çizim yapmazken (ör. gizli sekmede) {count} iz kaydı kayboldu.',
    timelineSummary: 'Çalıştırmanın zaman çizelgesi: döngü ve {lanes} task satırı ({names}), {elapsed} ders süresi.',
    timelineOverlap: ' Aynı anda en fazla {count} task bekliyordu.',
    laneLoop: 'döngü',
    sleepLabel: '{duration} uyku',
    legendHeading: 'Nasıl okunur',
    legend_tick: 'tick: döngü, çalışma kuyruğunu bir kez boşaltır',
    legend_poll: 'meşgul: task poll ediliyor (kodu çalışıyor)',
    legend_wait: 'bekliyor: task askıda, ör. bir sleep zamanlayıcısında',
    legend_ready: 'hazır: uyandırıldı, kuyrukta, henüz poll edilmedi',
    legend_finish: 'bitti: task’in future’ı tamamlandı',
    legend_cancel: 'iptal: task bitmeden bırakıldı (drop)',
    legend_wakeTask: 'başka bir task uyandırdı (uyandırandan ok)',
    legend_wakeTimer: 'bir zamanlayıcı uyandırdı',
    consoleHeading: 'Çıktı',
    consoleEmpty: 'Yazdırılan satırlar çalıştırma sırasında burada görünür.',
    totalsHeading: 'Süre',
    totalsElapsed: 'Geçen süre: {elapsed}',
    totalsSleeps: 'Tüm uykuların toplamı: {sum}',
    totalsOverlap: 'Çalıştırma, uykuların toplamından kısa sürdü: task’ler aynı anda bekledi.',
    totalsSerial: 'Çalıştırma, uykuların toplamı kadar sürdü: beklemeler art arda.',
    totalsCompare: 'Bu dersin son biten çalıştırmaları:',
    totalsCompareHint: 'Karşılaştırmak için her çeşidi çalıştırın.',
    codeHeading: 'Kod',
    codePython: 'Python (asyncio), asıl örnek',
    codeRust: 'Rust, burada çalışan kod',
    mapHeading: 'asyncio ↔ Rust',
    map_asyncDef: 'async def ↔ async fn',
    map_asyncDefWhy: 'ikisi de gövdesi await noktalarında durabilen bir fonksiyon tanımlar.',
    map_coroutine: 'coroutine nesnesi ↔ tembel (lazy) future',
    map_coroutineWhy: 'çağırmak henüz hiçbir şey çalıştırmaz; await ya da poll edilince çalışır.',
    map_gather: 'asyncio.gather ↔ spawn + join_all',
    map_gatherWhy: 'birkaç task başlatır, hepsi bitene kadar bekler.',
    map_createTask: 'asyncio.create_task ↔ spawn',
    map_createTaskWhy: 'future’ı döngüye verir, kendi başına çalışsın.',
    footer: 'Loopscope tamamen bu sayfada çalışır; hiçbir yere veri gönderilmez.',
  },
};

/** Text for `key` in `lang`, with `{name}` placeholders filled from `vars` (as plain text). */
export function t(lang, key, vars = {}) {
  const text = TABLE[lang]?.[key] ?? TABLE[DEFAULT_LANG][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
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

/** A lesson-text object {tr, en} in `lang`, falling back to the other language. */
export function pick(texts, lang) {
  if (texts == null) return '';
  if (typeof texts === 'string') return texts;
  return texts[lang] ?? texts[DEFAULT_LANG] ?? Object.values(texts)[0] ?? '';
}
