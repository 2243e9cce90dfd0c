// The learner's page speaks asyncio. In Python mode (the default) a task runs, waits at an
// await, is ready, is cancelled, finishes; the runtime's words (poll, future, spawn, drop,
// waker, tick) belong to the Rust pane and to the engineer view only. Checked on every lesson
// in both languages, before a run, after a virtual run (with the timeline's tooltips) and
// while a run is paused after two steps; in Turkish a task is a "görev", never a "task".

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanPage as assertClean, useSite } from './harness.mjs';
import { readFileSync } from 'node:fs';
import { LANGS, hasText, t } from '../../www/i18n.js';

const site = useSite();
const assertCleanPage = (recorded, what) => assertClean(recorded, site.origin, what);

const RUST_WORDS = /\b(poll\w*|futures?|spawn\w*|drop\w*|waker\w*|ticks?)\b/i;
const TURKISH_TASK = /task/i;
/** Turkish words the page dropped: the seeds are not "Tohum", a poll is not a "yoklama". */
const TURKISH_OLD = /Tohumdaki|Seed['’]in|Ne üzerine|Canlı uç|yoklama/i;
/** Code in a Turkish sentence keeps its names: first_task, create_task, task.cancel(). */
const withoutCode = (text) => text.replace(/\w*_\w*|\btask\.\w+(\(\))?/g, '');

/**
 * Where the page may say the runtime's words: the Rust pane, the engineer view, and the
 * learner's own program and what it prints. The statistics, loop-hog, events and shortcuts
 * panels are the engineer view's parts (they move into #engineer).
 */
const SKIP = ['#rust-col', '#engineer', '#code-python', '#editor', '#console', '#original',
  '.stats-panel', '#events', '.shortcuts-panel'].join(', ');

/**
 * Lesson texts from the crate that still use a runtime word, or "task" in Turkish: they await
 * the crate's change (crate/lessons/<lesson>.rs; the replacements are proposed in the change
 * that added this test) and are allowed here only as written, where the page shows them:
 * lesson → element id → language → text. A lesson's title also shows in the lesson list and
 * in the run's caption, its variants' labels in the variant list and in the caption.
 */
const AWAITING_CRATE = {
  'async-await': {
    'lesson-summary': {
      en: 'Calling an async function does not run it: it only creates a coroutine (in Rust, a future). await runs it to the end before going on, and while it waits it hands the loop to the other tasks.',
      tr: "async bir fonksiyonu çağırmak onu çalıştırmaz: yalnızca bir coroutine (Rust'ta future) oluşturur. await onu sonuna kadar çalıştırır ve sonra devam eder; beklerken de döngüyü diğer görevlere bırakır.",
    },
    'lesson-note': {
      en: "lazy: the coroutine that is never awaited never shows on the timeline: no lane, no poll, no printed line. sequential: yfonksiyonu starts only after xfonksiyonu's sleep is over, so the waits line up one after the other. yield: while main sleeps, the background lane runs; its steps appear under main's waiting bar.",
      tr: "lazy: await edilmeyen coroutine zaman çizelgesinde hiç görünmez; ne şeridi ne yoklaması ne de yazdığı bir satır vardır. sıralı: xfonksiyonu'nun uykusu bitmeden yfonksiyonu başlamaz, beklemeler art arda dizilir. yield: main uyurken background şeridi çalışır; main'in bekleme çubuğunun altında background'ın adımları görünür.",
    },
  },
  gather: {
    'lesson-title': {
      tr: 'Aynı anda iki task',
    },
    'lesson-note': {
      tr: "gather ile iki task'ın bekleme çubukları üst üste biner ve çalışma yaklaşık 1 sn sürer; sıralı çalışmada çubuklar art arda dizilir ve yaklaşık 2 sn sürer.",
    },
  },
  staggered: {
    'lesson-note': {
      en: "All connect lanes open at once, but each first waits in wrapper's sleep: the connecting lines step to the right like a staircase. When a connection takes longer than the step, connections overlap; none waits for the previous one to finish. In the 'all at once' variant every connection starts on the same tick.",
      tr: "Bütün connect şeritleri aynı anda açılır ama her biri önce wrapper'ın uykusunda bekler: bağlantı satırları bir merdiven gibi adım adım sağa kayar. Bağlantı süresi adımdan uzunsa bağlantılar üst üste biner; hiçbiri öncekinin bitmesini beklemez. 'hepsi birden' çeşidinde bütün bağlantılar aynı tick'te başlar.",
    },
    'lesson-summary': {
      tr: "wrapper, verilen coroutine'i await etmeden önce delay kadar uyur. multiconnect connect task'larını (varsayılan beş) hemen oluşturur, ama i. bağlantı adım · i (0.4 · i) saniye sonra başlar. Seed'in kodunda iki hata var: run_until_complete(multiconnect) fonksiyonu çağırmadan veriyor (multiconnect() olmalı) ve task'lar await edilmediği için döngü hemen biter. Rust hâli bütün task'ları bekler.",
    },
  },
  websocket: {
    'lesson-summary': {
      tr: 'Tohumdaki _connect döngüsü, aynı döngüde çalışan sahte bir sunucuya bağlanır: numaralı mesajları alır, akış susunca ping atar, pong gelmezse SLEEP_TIME uyuyup yeniden bağlanır. İstemci son gördüğü numarayı söyler, sunucu oradan devam eder: hiçbir mesaj kaybolmaz, hiçbiri iki kez gelmez.',
    },
    'lesson-note': {
      en: '_connect spends most of its time waiting (io): each message wakes it with an I/O event from the server. Break things with the buttons: a drop closes the connection at once; a stall lets the quiet time and then PING_TIMEOUT run out; while the server is down every attempt is refused, one SLEEP_TIME apart. Either way the numbers continue where they stopped.',
    },
    'control-drop': {
      en: 'Drop the connection',
    },
  },
  'event-loop': {
    'lesson-summary': {
      tr: "Asenkron çerçeveler, olay döngüsü denen bir görev planlayıcıya (scheduler) ihtiyaç duyar. Döngü çalışan bütün task'ların kaydını tutar; bir task askıya alınınca kontrol döngüye döner, döngü de başlatılacak ya da devam ettirilecek başka bir task bulur: buna işbirlikçi çoklu görev (cooperative multitasking) denir. Burada üç task üç farklı şey bekler: sleeper bir zamanlayıcıyı, consumer producer'ın doldurduğu kuyruğu, server client'ın yazdığı soketi.",
    },
    'lesson-note': {
      tr: 'Aynı anda en fazla bir task meşguldür; ötekiler bekler ve neyi beklediklerini panel gösterir: sleeper zamanlayıcıyı (timer), consumer kuyruğu (channel), server soketi (io). Her bekleyen task ancak beklediği şey onu uyandırınca yeniden çalışır: zamanlayıcı çalınca, producer kuyruğa iş koyunca, client sokete paket yazınca.',
    },
  },
  'fetch-data': {
    'lesson-title': {
      tr: "Sonuç döndüren task'lar",
    },
    'lesson-summary': {
      tr: 'main iki task oluşturur: biri 2, diğeri 3 saniye sonra veri getirir. gather sonuçları verilen sırayla döndürür.',
    },
  },
  blocking: {
    'lesson-summary': {
      en: "heartbeat ticks every 0.2 s while count_primes counts primes for about a second: real, CPU-bound work. Run it in one go, in chunks, or in a Web Worker (the browser's asyncio.to_thread).",
    },
    'lesson-note': {
      en: "In the blocking variant count_primes is one long poll: while it lasts, heartbeat's lane stays empty and the page does not draw; the longest gap between heartbeats is as long as the job. In chunks, heartbeat runs between them, a little late. In the worker, count_primes only waits and heartbeat never misses a beat.",
      tr: "Engelleyici çeşitte count_primes tek bir uzun poll'dur: o sürerken heartbeat'in şeridi boş kalır ve sayfa da çizilmez; en uzun kalp atışı arası işin süresi kadardır. Parçalı çeşitte heartbeat, parçaların arasında biraz gecikerek çalışır. Worker'da count_primes yalnızca bekler ve heartbeat hiç aksamaz.",
    },
  },
  timeouts: {
    'lesson-summary': {
      en: 'wait_for waits for an operation at most a given time and cancels it when the time is up. In a race the first reply is used and the other is cancelled. A task can also be cancelled from outside. In Rust, cancelling means dropping the future: the timer it waited on is cleared with it.',
      tr: "wait_for bir işlemi en çok belirli bir süre bekler; süre dolunca işlemi iptal eder. Yarışta ilk gelen yanıt kullanılır, diğeri iptal edilir. Bir task da dışarıdan iptal edilebilir. Rust'ta iptal etmek future'ı bırakmaktır (drop): beklediği zamanlayıcı da onunla birlikte silinir.",
    },
    'lesson-note': {
      tr: "wait_for: yavaş işlemin bekleyişi, süre sınırında kesilir; 'İşlem tamamlandı' satırı hiç gelmez, hızlı işlem ise zamanında biter. yarış: yalnızca kazananın zamanlayıcısı çalar. task iptali: operation şeridi, main task.cancel() dediği anda, işi bitmeden 'iptal' işaretiyle biter.",
    },
    variant: {
      tr: 'task iptali',
    },
  },
  microtasks: {
    'lesson-note': {
      en: "With the budget, ticks end every 8 ms, heartbeat ticks between them and the page keeps drawing. Without it, heartbeat's lane stays empty while the chain runs, the page freezes and no frame is drawn; the chain stops by itself within 1 s of real time.",
      tr: "Bütçeli çeşitte tick'ler 8 ms'de bir biter, aralarında heartbeat tıklar ve sayfa çizilmeye devam eder. Bütçesiz çeşitte zincir sürerken heartbeat'in şeridi boştur, sayfa donar ve çizilen kare sayısı 0'dır; zincir en geç 1 sn gerçek zamanda kendiliğinden durur.",
    },
    'lesson-title': {
      tr: "Birbirini uyandıran task'lar",
    },
  },
  stress: {
    'lesson-note': {
      en: "The loop lane fills with ticks full of short polls. When a tick has spent its 8 ms budget it hands the browser a turn (the tick ends with a hand-over) and the page keeps drawing: frames go on however many tasks there are. In the task statistics every worker's polls are rounds × (yields + 1) + 1; the ready time (woken but not polled yet: the scheduling delay) grows with the number of tasks, while the busy time stays small.",
      tr: "Döngü şeridi kısa poll'larla dolu tick'lerle dolar. Bir tick 8 ms'lik bütçesini harcayınca sırayı tarayıcıya devreder (tick devirle biter) ve sayfa çizmeye devam eder: task çok olsa da kareler akar. Task istatistiklerinde her işçinin poll sayısı tur × (yield + 1) + 1'dir; hazır bekleme süresi (uyandı ama henüz poll edilmedi, yani zamanlama gecikmesi) task sayısı arttıkça büyür, meşgul süre ise küçük kalır.",
    },
    'lesson-title': {
      tr: 'Yük altında binlerce task',
    },
    'lesson-summary': {
      tr: "Mühendisler için bir yük testi: task sayısı kadar işçi aynı anda başlar. Her biri kısa, rastgele bir süre uyur (tohumlu: aynı tohum aynı uykuları verir), sonra birkaç kez asyncio.sleep(0) gibi sırayı bırakır ve uykuları çalışma süresini doldurana kadar bunu tekrarlar. 10.000 task'a kadar çıkabilir; make bench sayfanın kare süresini bu dersle ölçer.",
    },
  },
};


/** The seeds' own titles are quoted as written: "001 · Birden Fazla Task Çalıştırma". */
const SEED_TITLES = /^Kaynak: \d{3} · .*$/;

/** The visible texts of the page (text nodes, aria-labels, options) with where they are. */
function visibleTexts(page) {
  return page.evaluate((skip) => {
    const found = [];
    const where = (node) => node.closest('[id]')?.id ?? node.tagName.toLowerCase();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.data.trim();
      if (!text || !parent || parent.closest(skip) || parent.closest('select')) continue;
      if (!parent.checkVisibility()) continue;
      found.push({ at: where(parent), text });
    }
    for (const node of document.body.querySelectorAll('[aria-label]')) {
      if (node.closest(skip) || !node.checkVisibility()) continue;
      found.push({ at: `${where(node)}[aria-label]`, text: node.getAttribute('aria-label') });
    }
    // A select's options are all read when it opens.
    for (const select of document.body.querySelectorAll('select')) {
      if (select.closest(skip) || !select.checkVisibility()) continue;
      for (const option of select.options) found.push({ at: `${select.id}/${option.value}`, text: option.text });
    }
    found.push({ at: 'title', text: document.title });
    // Words the timeline draws on its canvas (lane labels, notes), recorded by the init script.
    for (const text of window.__canvasTexts ?? []) found.push({ at: 'timeline[canvas]', text });
    return found;
  }, SKIP);
}

/** Records every text drawn on a canvas, so the timeline's drawn words are checked too. */
function recordCanvasText() {
  window.__canvasTexts = new Set();
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
    window.__canvasTexts.add(String(text));
    return fillText.call(this, text, ...rest);
  };
}

/** The crate's texts allowed at `ids` of `lesson` in `lang` (AWAITING_CRATE). */
const allowedTexts = (lesson, ids, lang) =>
  ids.flatMap((id) => [AWAITING_CRATE[lesson]?.[id]?.[lang] ?? []].flat());

/** Whether `text` breaks the rule for `lang`. */
const breaks = (text, lang) => RUST_WORDS.test(text)
  || (lang === 'tr' && (TURKISH_TASK.test(withoutCode(text)) || TURKISH_OLD.test(text)));

/** The texts of `found` that break the rule for `lang` on `lesson`, as "at: text" lines. */
function offending(found, lang, lesson) {
  return found.filter(({ at, text }) => {
    if (!breaks(text, lang)) return false;
    if (at === 'lesson-seed' && SEED_TITLES.test(text) && !RUST_WORDS.test(text)) return false;
    // Where the crate's text shows: its own element, or quoted in a list or the caption.
    let allowed;
    if (at.startsWith('lesson/')) allowed = allowedTexts(at.slice('lesson/'.length), ['lesson-title'], lang);
    else if (at.startsWith('variant/')) allowed = allowedTexts(lesson, ['variant'], lang);
    else if (at === 'run-caption') allowed = allowedTexts(lesson, ['lesson-title', 'variant'], lang);
    else allowed = allowedTexts(lesson, [at], lang);
    let rest = text;
    for (const crateText of allowed) rest = rest.split(crateText).join('');
    return breaks(rest, lang);
  }).map(({ at, text }) => `${at}: ${text}`);
}

/**
 * The page's texts the walk above may not meet (tooltips of waits and loop passes, rare
 * notices): every key of www/i18n.js as Python mode says it, but the engineer view's (the
 * statistics, loop hogs, events and shortcuts) and the Rust-only asyncio ↔ Rust map.
 */
const ENGINEER_OR_RUST_KEY = /^(stats|col_|stateWaitingOn|hog|events|evCol_|ev_|evPoll|shortcuts|key_|map_)/;

const settled = (page) => page.waitForSelector(
  '#status[data-state="finished"], #status[data-state="error"], #status[data-state="cancelled"]',
  { state: 'attached', timeout: 30_000 },
);

describe('a learner-mode page speaks asyncio', { timeout: 120_000 }, () => {
  test('every page text of Python mode, both languages (placeholders are code)', () => {
    const source = readFileSync(new URL('../../www/i18n.js', import.meta.url), 'utf8');
    const keys = new Set([...source.matchAll(/^ {4}(\w+): /gm)].map((m) => m[1]));
    const problems = [];
    for (const lang of LANGS) {
      for (const key of keys) {
        if (key.endsWith('_py') || ENGINEER_OR_RUST_KEY.test(key)) continue;
        const text = t(lang, hasText(lang, `${key}_py`) ? `${key}_py` : key).replace(/\{\w+\}/g, '');
        if (breaks(text, lang)) problems.push(`${lang} ${key}: ${text}`);
      }
    }
    assert.ok(keys.size > 200, `keys read from www/i18n.js: ${keys.size}`);
    assert.deepEqual(problems, [], `runtime words in Python mode's texts:\n${problems.join('\n')}`);
  });

  test('every lesson, both languages: no runtime words outside the Rust pane and the engineer view', async () => {
    const context = await site.browser.newContext();
    await context.addInitScript(recordCanvasText);
    const page = await context.newPage();
    const recorded = { pageErrors: [], consoleErrors: [], requests: [] };
    page.on('pageerror', (err) => recorded.pageErrors.push(String(err?.stack ?? err)));
    page.on('console', (msg) => msg.type() === 'error' && recorded.consoleErrors.push(msg.text()));
    page.on('request', (req) => recorded.requests.push(req.url()));
    const open = async (hash) => {
      await page.goto('about:blank');
      await page.goto(`${site.origin}/index.html${hash}`);
      await page.waitForFunction(() => !document.querySelector('#run')?.disabled, null, { timeout: 20_000 });
    };
    const problems = [];
    try {
      await open('#lang=en');
      const lessons = await page.$$eval('#lesson option', (options) => options.map((o) => o.value));
      assert.ok(lessons.includes('script') && lessons.length > 5, `the lesson list: ${lessons}`);
      for (const lang of LANGS) {
        for (const lesson of lessons) {
          const check = async (when) => {
            for (const line of offending(await visibleTexts(page), lang, lesson)) {
              problems.push(`${lang} ${lesson} (${when}) ${line}`);
            }
          };
          await open(`#lesson=${lesson}&lang=${lang}&mode=virtual`);
          await check('before a run');
          await page.locator('#run').click();
          await settled(page);
          await check('after a run');
          // The tooltip of the first polls, chosen with the keyboard as a learner would.
          await page.locator('#timeline').focus();
          for (let i = 0; i < 3; i++) {
            await page.keyboard.press(']');
            await check(`tooltip ${i + 1}`);
          }
          // A paused run: the loop panel's rows, the step report and the paused status.
          await page.locator('#step').click();
          await page.waitForSelector('#status[data-state="paused"]', { state: 'attached', timeout: 5_000 });
          await page.locator('#step').click();
          await page.waitForFunction(() => document.querySelector('#step-result').textContent !== '');
          await check('paused, two steps');
        }
      }
      assert.deepEqual(problems, [], `runtime words on the learner's page:\n${problems.join('\n')}`);
      assertCleanPage(recorded, 'words');
    } finally {
      await context.close();
    }
  });
});
