// Predict, then run (issue 13). Before a lesson's first run the page asks one question about
// the lesson's own Python ("How long will this run take: about 1 s or about 2 s?"); the learner
// answers or skips, Run runs, and one sentence says what the run did and whether the
// prediction matched, with where on the timeline to look.
//
// The answer is never written down here: each question's `check` reads the finished run's
// model (trace.js) and says what it shows (the run's length, who slept at the same time, what
// the heartbeat printed while count_primes ran…). So a variant, a slower machine, virtual time
// or any speed gives a sentence that is true of the run on the screen.
//
// A question is about the lesson's code as shown: it is asked, and a run answers it, only when
// Run runs the lesson's own Python (not the Rust, not an edited program). Where a lesson has
// nothing determinate to ask (the WebSocket client waits on the learner's presses, the stress
// lesson, the blank program) it asks nothing. What was answered or skipped is remembered in
// localStorage ('loopscope.predict'), so a lesson asks once; nothing leaves the page.
//
// The timeline module offers no way to highlight a time or a lane, so the reveal says in words
// where on the timeline the answer shows.

import { currentRun, endOr, lessonSeconds } from './trace.js';
import { formatSeconds, pick } from './i18n.js';

export const STORE_KEY = 'loopscope.predict';
const DIGITS = 2; // decimals of the seconds a reveal quotes
const MAX_SPANS = 4; // spans a reveal lists before "…"
const TOGETHER_S = 0.1; // starts closer than this count as "at the same time"

/** `{name}` placeholders filled as plain text; a value may be a function of the language. */
const fill = (text, vars, lang) => text.replace(/\{(\w+)\}/g, (m, k) => {
  if (!(k in vars)) return m;
  return String(typeof vars[k] === 'function' ? vars[k](lang) : vars[k]);
});
/** "a and b", "a, b and c" (Turkish "a ile b", "a, b ve c"): lane names in a sentence. */
const names = (list) => (lang) => (list.length < 2 ? list.join('')
  : `${list.slice(0, -1).join(', ')} ${lang === 'tr' ? (list.length === 2 ? 'ile' : 've') : 'and'} ${list[list.length - 1]}`);
const sec = (s) => formatSeconds(Math.max(0, s), DIGITS);
/** "0.00–1.00 s": a span of lesson seconds. */
const span = (a, b) => `${Math.max(0, a).toFixed(DIGITS)}–${sec(b)}`;
/** "once", "4 times" (Turkish "1 kez", "4 kez"). */
const times = (n) => (lang) => (lang === 'tr' ? `${n} kez` : n === 1 ? 'once' : `${n} times`);
/** The choice whose `value` is nearest to `x`. */
const nearest = (choices, x) => choices.reduce((best, c) => (Math.abs(c.value - x) < Math.abs(best.value - x) ? c : best));
/** A checker's sentences in both languages: {en, tr} templates and their values. */
const say = (text, mark, vars) => ({ text: (lang) => fill(pick(text, lang), vars, lang), mark: (lang) => fill(pick(mark, lang), vars, lang) });

// ---------- what a finished run shows (pure: the model in, facts out) ----------

/** The finished run of `model` as the checkers read it, or null while it has not finished. */
export function runFacts(model) {
  const run = currentRun(model);
  if (!run?.end || run.end.kind !== 'finished') return null;
  const s = (time) => lessonSeconds(model, time);
  const tasks = run.order.map((id) => run.tasks.get(id)).filter(Boolean);
  return { run, s, tasks, root: tasks[0], elapsed: s(run.end.time), byId: (id) => run.tasks.get(id) };
}

/** Every wait on a sleep, in lesson seconds: [{task, from, to}], in the order they began. */
function sleepSpans(f) {
  const spans = [];
  for (const task of f.tasks) {
    for (const w of task.waits) {
      if (!(w.sleeps?.length > 0 || w.on === 'sleep') || w.merged) continue;
      spans.push({ task, from: f.s(w.start), to: f.s(endOr(w, task.end?.time ?? f.run.end.time)) });
    }
  }
  return spans.sort((a, b) => a.from - b.from);
}

/**
 * The most tasks asleep at once and the first stretch when they were: {count, from, to,
 * names}. A sleep that ends as another begins does not overlap it.
 */
export function mostAsleep(f) {
  const spans = sleepSpans(f).filter((x) => x.to > x.from);
  const edges = spans.flatMap((x) => [{ at: x.from, d: 1, x }, { at: x.to, d: -1, x }])
    .sort((a, b) => a.at - b.at || a.d - b.d); // ends before starts at the same instant
  const asleep = new Set();
  let best = { count: 0, from: 0, to: 0, names: [] };
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i];
    if (e.d > 0) asleep.add(e.x); else asleep.delete(e.x);
    if (asleep.size > best.count && e.d > 0) {
      const to = Math.min(...[...asleep].map((x) => x.to));
      best = { count: asleep.size, from: e.at, to, names: [...new Set([...asleep].map((x) => x.task.name))] };
    }
  }
  return { ...best, spans };
}

/** "first_task 0.00–1.00 s, second_task 1.00–2.00 s": the sleeps one after another. */
const spanList = (spans) => spans.slice(0, MAX_SPANS).map((x) => `${x.task.name} ${span(x.from, x.to)}`).join(', ')
  + (spans.length > MAX_SPANS ? ', …' : '');

/** Lines printed on standard output by task `task`. */
const printsOf = (f, task) => f.run.prints.filter((p) => p.task === task.id && p.stream === 0);

/**
 * The run's length, and whether its sleeps overlapped: the answer is the choice nearest to
 * the length measured. For questions whose choices are "about N s".
 */
function lengthCheck(choices, texts) {
  return (f) => {
    const most = mostAsleep(f);
    const overlapped = most.count >= 2;
    const vars = {
      elapsed: sec(f.elapsed), from: sec(most.from), to: sec(most.to), names: names(most.names),
      spans: spanList(most.spans), count: most.count, sleeps: most.spans.length,
    };
    const [text, mark] = overlapped ? texts.together : texts.apart;
    return { answer: nearest(choices, f.elapsed).id, ...say(text, mark, vars) };
  };
}

const MARK_TOGETHER = {
  en: 'On the timeline: the waiting bars of {count} lanes ({names}) overlap from {from} to {to}.',
  tr: 'Zaman çizelgesinde: {count} şeridin ({names}) bekleme çubukları {from} ile {to} arasında üst üste biner.',
};
const MARK_APART = {
  en: 'On the timeline: the waiting bars follow one another ({spans}).',
  tr: 'Zaman çizelgesinde: bekleme çubukları art arda dizilir ({spans}).',
};

/**
 * What the heartbeat printed between the root task's second and third lines (the span of the
 * CPU-bound job or of the ping-pong), and its longest silence.
 */
function heartbeatCheck(texts) {
  return (f) => {
    const heart = f.tasks.find((t) => t.name === 'heartbeat');
    const own = printsOf(f, f.root);
    if (!heart || own.length < 3) return null;
    const from = own[1].time;
    const to = own[2].time;
    const beats = printsOf(f, heart);
    const during = beats.filter((p) => p.time > from && p.time < to);
    let gap = 0;
    for (let i = 1; i < beats.length; i++) gap = Math.max(gap, f.s(beats[i].time) - f.s(beats[i - 1].time));
    const vars = { from: sec(f.s(from)), to: sec(f.s(to)), count: times(during.length), gap: sec(gap) };
    const kept = during.length > 0;
    const [text, mark] = kept ? texts.kept : texts.stopped;
    return { answer: kept ? 'yes' : 'no', ...say(text, mark, vars) };
  };
}

const HEARTBEAT_MARK = {
  en: 'On the timeline: the heartbeat lane between {from} and {to}.',
  tr: 'Zaman çizelgesinde: heartbeat şeridinin {from} ile {to} arası.',
};

const YES_NO = (en, tr) => [
  { id: 'yes', en: en[0], tr: tr[0] },
  { id: 'no', en: en[1], tr: tr[1] },
];

const seconds = (...values) => values.map((v) => ({ id: String(v), value: v, en: `about ${v} s`, tr: `yaklaşık ${v} s` }));

// ---------- the questions ----------

const GATHER_CHOICES = seconds(1, 2);
const FETCH_CHOICES = seconds(3, 5);
const LAZY_CHOICES = seconds(4, 8);
const SEQUENTIAL_CHOICES = seconds(3, 4);
const STAGGER_CHOICES = [
  { id: 'together', value: 0, en: 'with the first', tr: 'ilkiyle birlikte' },
  { id: 'later', value: 1.6, en: 'about 1.6 s later', tr: 'yaklaşık 1.6 s sonra' },
];

/**
 * One question per lesson (or per variant, where the variants teach different things):
 * `variants` lists the variants it fits (all when absent); `check(facts)` → {answer, text(lang),
 * mark(lang)} or null when the run does not show it.
 */
export const QUESTIONS = [
  {
    id: 'gather',
    lesson: 'gather',
    ask: { en: 'How long will this run take?', tr: 'Bu çalıştırma ne kadar sürecek?' },
    choices: GATHER_CHOICES,
    check: lengthCheck(GATHER_CHOICES, {
      together: [{ en: 'The run took {elapsed}: both sleeps ran at the same time.', tr: 'Çalıştırma {elapsed} sürdü: iki uyku aynı anda geçti.' }, MARK_TOGETHER],
      apart: [{ en: 'The run took {elapsed}: one sleep ran after the other.', tr: 'Çalıştırma {elapsed} sürdü: uykular art arda geçti.' }, MARK_APART],
    }),
  },
  {
    id: 'fetch-data',
    lesson: 'fetch-data',
    ask: { en: 'How long will the program take?', tr: 'Program ne kadar sürecek?' },
    choices: FETCH_CHOICES,
    check: lengthCheck(FETCH_CHOICES, {
      together: [{ en: 'The program took {elapsed}: the two waits overlapped, so it lasted as long as the longer one.', tr: 'Program {elapsed} sürdü: iki bekleme üst üste bindi, en uzunu kadar sürdü.' }, MARK_TOGETHER],
      apart: [{ en: 'The program took {elapsed}: the waits came one after the other and added up.', tr: 'Program {elapsed} sürdü: beklemeler art arda geldi ve toplandı.' }, MARK_APART],
    }),
  },
  {
    id: 'doctor',
    lesson: 'doctor',
    ask: { en: 'While a patient waits for the medicine, does the doctor see another?', tr: 'Hasta ilacını beklerken doktor başka bir hastaya bakar mı?' },
    choices: YES_NO(['yes', 'no'], ['evet', 'hayır']),
    check: (f) => {
      const most = mostAsleep(f);
      const vars = { elapsed: sec(f.elapsed), count: most.count, from: sec(most.from), to: sec(most.to), names: names(most.names), spans: spanList(most.spans) };
      return most.count >= 2
        ? { answer: 'yes', ...say({ en: 'Yes: up to {count} patients waited for their medicine at the same time, and the doctor saw the others meanwhile. The run took {elapsed}.', tr: 'Evet: {count} hastaya kadar aynı anda ilacını bekledi; doktor bu arada ötekilere baktı. Çalıştırma {elapsed} sürdü.' }, { en: 'On the timeline: {count} lanes wait at once from {from} to {to}.', tr: 'Zaman çizelgesinde: {from} ile {to} arasında {count} şerit aynı anda bekler.' }, vars) }
        : { answer: 'no', ...say({ en: 'No: only one patient waited at a time; the doctor saw no one else meanwhile. The run took {elapsed}.', tr: 'Hayır: her seferinde yalnızca bir hasta bekledi; doktor bu arada kimseye bakmadı. Çalıştırma {elapsed} sürdü.' }, MARK_APART, vars) };
    },
  },
  {
    id: 'staggered',
    lesson: 'staggered',
    ask: { en: 'When does the last of the five connections start?', tr: 'Beş bağlantının sonuncusu ne zaman başlar?' },
    choices: STAGGER_CHOICES,
    check: (f) => {
      const starts = f.tasks.slice(1).map((t) => printsOf(f, t)[0]).filter(Boolean).map((p) => f.s(p.time)).sort((a, b) => a - b);
      if (starts.length < 2) return null;
      const spread = starts[starts.length - 1] - starts[0];
      const vars = { count: starts.length, starts: starts.map((s) => s.toFixed(DIGITS)).join(', '), first: sec(starts[0]), last: sec(starts[starts.length - 1]) };
      const answer = spread < TOGETHER_S ? 'together' : nearest(STAGGER_CHOICES, spread).id;
      return spread < TOGETHER_S
        ? { answer, ...say({ en: 'All {count} connections started at {first}, together.', tr: '{count} bağlantının hepsi {first} anında, birlikte başladı.' }, { en: 'On the timeline: every lane starts at {first}.', tr: 'Zaman çizelgesinde: her şerit {first} anında başlar.' }, vars) }
        : { answer, ...say({ en: 'The connections started at {starts} s: each waited its delay first, the last {last} after the start.', tr: 'Bağlantılar {starts} s anlarında başladı: her biri önce kendi gecikmesini bekledi, sonuncusu {last} anında.' }, { en: 'On the timeline: the lanes’ first lines form a staircase from {first} to {last}.', tr: 'Zaman çizelgesinde: şeritlerin ilk satırları {first} ile {last} arasında bir merdiven çizer.' }, vars) };
    },
  },
  {
    id: 'event-loop',
    lesson: 'event-loop',
    ask: { en: 'What wakes the server when a packet arrives?', tr: 'Bir paket geldiğinde server’ı ne uyandırır?' },
    choices: [
      { id: 'timer', en: 'a timer', tr: 'bir zamanlayıcı' },
      { id: 'io', en: 'data on its socket (I/O)', tr: 'soketindeki veri (I/O)' },
      { id: 'task', en: 'the client task', tr: 'client görevi' },
    ],
    check: (f) => {
      const server = f.tasks.find((t) => t.name === 'server') ?? f.tasks.find((t) => t.wakes.some((w) => w.cause === 'io'));
      if (!server) return null;
      const io = server.wakes.filter((w) => w.cause === 'io' && !w.merged);
      const by = (cause) => server.wakes.filter((w) => w.cause === cause).length;
      const counts = { io: io.length, timer: by('timer'), task: by('task') };
      const answer = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
      const vars = { name: server.name, io: times(counts.io), timer: times(counts.timer), task: times(counts.task), times: io.slice(0, 6).map((w) => f.s(w.time).toFixed(DIGITS)).join(', ') + (io.length > 6 ? ', …' : '') };
      return { answer, ...say(
        { en: '{name} was woken {io} by I/O (data on its socket), {timer} by a timer and {task} by another task.', tr: '{name} {io} I/O ile (soketinde veri), {timer} bir zamanlayıcıyla, {task} başka bir görevle uyandı.' },
        { en: 'On the timeline: the wakes of the {name} lane at {times} s.', tr: 'Zaman çizelgesinde: {name} şeridinin {times} s anlarındaki uyanışları.' },
        vars) };
    },
  },
  {
    id: 'blocking',
    lesson: 'blocking',
    ask: { en: 'Does the heartbeat keep printing while count_primes runs?', tr: 'count_primes çalışırken heartbeat yazdırmayı sürdürür mü?' },
    choices: YES_NO(['yes', 'no'], ['evet', 'hayır']),
    check: heartbeatCheck({
      kept: [{ en: 'Yes: while count_primes ran ({from} to {to}) the heartbeat printed {count}; the loop kept running it.', tr: 'Evet: count_primes çalışırken ({from} ile {to} arası) heartbeat {count} yazdırdı; döngü onu çalıştırmayı sürdürdü.' }, HEARTBEAT_MARK],
      stopped: [{ en: 'No: while count_primes ran ({from} to {to}) the heartbeat printed nothing. Its longest silence: {gap}.', tr: 'Hayır: count_primes çalışırken ({from} ile {to} arası) heartbeat hiçbir şey yazdırmadı. En uzun sessizliği: {gap}.' }, HEARTBEAT_MARK],
    }),
  },
  {
    id: 'microtasks',
    lesson: 'microtasks',
    ask: { en: 'Does the heartbeat keep printing during the 1 s ping-pong?', tr: '1 s’lik ping-pong sırasında heartbeat yazdırmayı sürdürür mü?' },
    choices: YES_NO(['yes', 'no'], ['evet', 'hayır']),
    check: heartbeatCheck({
      kept: [{ en: 'Yes: during the ping-pong ({from} to {to}) the heartbeat printed {count}; the loop still got to its timers.', tr: 'Evet: ping-pong sırasında ({from} ile {to} arası) heartbeat {count} yazdırdı; döngü zamanlayıcılarına yine baktı.' }, HEARTBEAT_MARK],
      stopped: [{ en: 'No: during the ping-pong ({from} to {to}) the heartbeat printed nothing. Its longest silence: {gap}.', tr: 'Hayır: ping-pong sırasında ({from} ile {to} arası) heartbeat hiçbir şey yazdırmadı. En uzun sessizliği: {gap}.' }, HEARTBEAT_MARK],
    }),
  },
  {
    id: 'timeouts',
    lesson: 'timeouts',
    ask: { en: 'Does the 3-second operation get to finish?', tr: '3 saniyelik işlem bitebilir mi?' },
    choices: YES_NO(['yes, after 3 s', 'no, it is cancelled'], ['evet, 3 s sonra', 'hayır, iptal edilir']),
    check: (f) => {
      const sleep = f.run.sleeps.find((x) => Math.abs(x.lessonMs - 3000) < 1);
      const task = sleep && f.byId(sleep.task);
      if (!task?.end) return null;
      const vars = { name: task.name, at: sec(f.s(task.end.time)) };
      return task.end.kind === 'cancelled'
        ? { answer: 'no', ...say({ en: 'No: {name} was cancelled at {at}, in the middle of its 3 s sleep.', tr: 'Hayır: {name}, 3 s’lik uykusunun ortasında, {at} anında iptal edildi.' }, { en: 'On the timeline: the {name} lane ends with ✕ at {at}.', tr: 'Zaman çizelgesinde: {name} şeridi {at} anında ✕ ile biter.' }, vars) }
        : { answer: 'yes', ...say({ en: 'Yes: {name} finished at {at}.', tr: 'Evet: {name} {at} anında bitti.' }, { en: 'On the timeline: the {name} lane ends with its finish mark at {at}.', tr: 'Zaman çizelgesinde: {name} şeridi {at} anında bitiş işaretiyle biter.' }, vars) };
    },
  },
  {
    id: 'async-await/lazy',
    lesson: 'async-await',
    variants: ['lazy'],
    ask: { en: 'One call is never awaited. How long will the run take?', tr: 'Bir çağrı hiç await edilmiyor. Çalıştırma ne kadar sürecek?' },
    choices: LAZY_CHOICES,
    check: (f) => {
      const spans = sleepSpans(f);
      const vars = { elapsed: sec(f.elapsed), sleeps: spans.length, spans: spanList(spans) };
      return { answer: nearest(LAZY_CHOICES, f.elapsed).id, ...say(
        { en: 'The run took {elapsed}, with {sleeps} sleeps: the coroutine that was never awaited ran nothing at all.', tr: 'Çalıştırma {elapsed} sürdü, {sleeps} uykuyla: hiç await edilmeyen coroutine hiçbir şey çalıştırmadı.' },
        { en: 'On the timeline: the only waits are those of the awaited call ({spans}).', tr: 'Zaman çizelgesinde: tek beklemeler await edilen çağrınınkiler ({spans}).' },
        vars) };
    },
  },
  {
    id: 'async-await/sequential',
    lesson: 'async-await',
    variants: ['sequential'],
    ask: { en: 'How long will this run take?', tr: 'Bu çalıştırma ne kadar sürecek?' },
    choices: SEQUENTIAL_CHOICES,
    check: lengthCheck(SEQUENTIAL_CHOICES, {
      together: [{ en: 'The run took {elapsed}: the sleeps overlapped.', tr: 'Çalıştırma {elapsed} sürdü: uykular üst üste bindi.' }, MARK_TOGETHER],
      apart: [{ en: 'The run took {elapsed}: each await waited for the one before it, so the sleeps added up.', tr: 'Çalıştırma {elapsed} sürdü: her await bir öncekini bekledi, uykular toplandı.' }, MARK_APART],
    }),
  },
  {
    id: 'async-await/yield',
    lesson: 'async-await',
    variants: ['yield'],
    ask: { en: 'While main sleeps for 3 s, does background print its steps?', tr: 'main 3 s uyurken background adımlarını yazdırır mı?' },
    choices: YES_NO(['yes', 'no, only after main wakes'], ['evet', 'hayır, main uyandıktan sonra']),
    check: (f) => {
      const nap = sleepSpans(f).find((x) => x.task === f.root && x.to - x.from >= 1);
      if (!nap) return null;
      const others = f.run.prints.filter((p) => p.task !== f.root.id && p.stream === 0);
      const during = others.filter((p) => f.s(p.time) >= nap.from && f.s(p.time) <= nap.to);
      const vars = { count: during.length, from: sec(nap.from), to: sec(nap.to), times: during.map((p) => f.s(p.time).toFixed(DIGITS)).join(', '), name: others[0]?.name ?? '' };
      return during.length > 0
        ? { answer: 'yes', ...say({ en: 'Yes: {name} printed {count} lines while main slept ({from} to {to}), at {times} s: await handed the loop over.', tr: 'Evet: {name}, main uyurken ({from} ile {to} arası) {count} satır yazdırdı ({times} s): await döngüyü devretti.' }, { en: 'On the timeline: the {name} lane runs while main’s lane waits, {from} to {to}.', tr: 'Zaman çizelgesinde: main’in şeridi beklerken ({from}–{to}) {name} şeridi çalışır.' }, vars) }
        : { answer: 'no', ...say({ en: 'No: nothing else printed while main slept ({from} to {to}).', tr: 'Hayır: main uyurken ({from} ile {to} arası) başka hiçbir şey yazdırılmadı.' }, { en: 'On the timeline: main’s lane waits alone from {from} to {to}.', tr: 'Zaman çizelgesinde: {from} ile {to} arasında main’in şeridi tek başına bekler.' }, vars) };
    },
  },
];

/** The question for a lesson variant, or null (no question, or none fits the variant). */
export function questionFor(lesson, variant) {
  return QUESTIONS.find((q) => q.lesson === lesson && (!q.variants || q.variants.includes(variant))) ?? null;
}

/**
 * What the finished run in `model` answers to `question`: {answer, text, mark} in `lang`, or
 * null when the run did not finish or does not show it.
 */
export function reveal(question, model, lang) {
  const facts = runFacts(model);
  const found = facts && question.check(facts);
  return found ? { answer: found.answer, text: found.text(lang), mark: found.mark(lang) } : null;
}

// ---------- remembered: which questions were answered or skipped ----------

/** {questionId: {state: 'answered' | 'skipped', choice}} from `storage`; {} when unreadable. */
export function readAnswers(storage) {
  try {
    const value = JSON.parse(storage?.getItem(STORE_KEY) ?? '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

function writeAnswers(storage, answers) {
  try {
    storage?.setItem(STORE_KEY, JSON.stringify(answers));
  } catch { /* private mode or full: the question may be asked again, nothing worse */ }
}

// ---------- the panel ----------

/**
 * els = {box, ask, label, question, choices, skip, note, again, reveal}; app = {t(key, vars), lang(),
 * shown() → {lesson, variant} of the lesson's own Python on show, or null (Rust, edited code),
 * ran() → the same for the run just started or ended, storage}.
 * Returns {render(), runStarted(), runEnded(model, result), cleared()}.
 */
export function createPredict(els, app) {
  let answers = readAnswers(app.storage);
  const chosen = new Map(); // question id → choice id picked before the run
  let pending = null; // {question, choice}: the live run answers it
  let revealed = null; // {question, choice, model}: the run that answered it, on show
  let builtFor = ''; // "question id/lang" of the radios in the DOM

  const choiceText = (question, id) => pick(question.choices.find((c) => c.id === id), app.lang());
  const remember = (question, entry) => {
    answers = { ...readAnswers(app.storage), [question.id]: entry };
    writeAnswers(app.storage, answers);
  };

  function buildChoices(question) {
    const key = `${question.id}/${app.lang()}`;
    if (key === builtFor) return;
    builtFor = key;
    els.choices.replaceChildren(...question.choices.map((c) => {
      const label = document.createElement('label');
      const input = document.createElement('input');
      Object.assign(input, { type: 'radio', name: 'predict', value: c.id });
      input.addEventListener('change', () => {
        chosen.set(question.id, c.id);
        render();
      });
      const text = document.createElement('span');
      text.textContent = pick(c, app.lang());
      label.append(input, text);
      return label;
    }));
  }

  /**
   * The question (with the choice said back) while it is to be asked; "Ask again" once it was
   * answered or skipped. Above the timeline: the prediction while its run goes, then what the
   * run showed.
   */
  function render() {
    const shown = app.shown();
    const question = shown && questionFor(shown.lesson, shown.variant);
    const lang = app.lang();
    const asking = Boolean(question) && !answers[question.id] && !(pending && pending.question === question);
    let note = '';
    if (asking) {
      buildChoices(question);
      els.question.textContent = pick(question.ask, lang);
      const choice = chosen.get(question.id);
      for (const input of els.choices.querySelectorAll('input')) input.checked = input.value === choice;
      note = choice ? app.t('predictChosen', { choice: choiceText(question, choice) }) : '';
    }
    const again = Boolean(question) && !asking && !pending;
    els.ask.hidden = !asking;
    if (els.note.textContent !== note) els.note.textContent = note;
    els.note.hidden = note === '';
    els.again.hidden = !again;
    els.again.textContent = app.t('predictAgain');
    els.skip.textContent = app.t('predictSkip');
    els.label.textContent = app.t('predictLabel');
    els.box.hidden = !asking && !again;
    els.box.dataset.state = asking ? 'asking' : 'again';

    let said = '';
    let state = '';
    let verdict = ''; // 'right' | 'wrong' | '' (no prediction, or no answer): the box's look follows
    if (revealed) {
      const found = reveal(revealed.question, revealed.model, lang);
      const guess = revealed.choice ? choiceText(revealed.question, revealed.choice) : '';
      if (guess && found) verdict = found.answer === revealed.choice ? 'right' : 'wrong';
      const words = !guess ? '' : app.t(verdict === 'right' ? 'predictRight' : 'predictWrong', { choice: guess });
      said = found ? [found.text, words, found.mark].filter(Boolean).join(' ') : app.t('predictNoAnswer');
      state = 'revealed';
    } else if (pending?.choice) {
      said = app.t('predictWatch', { choice: choiceText(pending.question, pending.choice) });
      state = 'watching';
    }
    if (els.reveal.textContent !== said) els.reveal.textContent = said;
    els.reveal.dataset.state = state;
    els.reveal.dataset.verdict = verdict;
  }

  els.skip.addEventListener('click', () => {
    const shown = app.shown();
    const question = shown && questionFor(shown.lesson, shown.variant);
    if (!question) return;
    remember(question, { state: 'skipped' });
    chosen.delete(question.id);
    render();
    els.again.focus(); // the focus stays in the box: the skipped question can come back
  });
  els.again.addEventListener('click', () => {
    const shown = app.shown();
    const question = shown && questionFor(shown.lesson, shown.variant);
    if (!question) return;
    const { [question.id]: _, ...rest } = readAnswers(app.storage);
    answers = rest;
    writeAnswers(app.storage, answers);
    chosen.delete(question.id);
    revealed = null;
    render();
    els.choices.querySelector('input')?.focus();
  });

  return {
    render,
    /** A run started: if it runs the lesson's own Python and its question is asked, it answers it. */
    runStarted() {
      revealed = null;
      pending = null;
      const ran = app.ran();
      const question = ran && questionFor(ran.lesson, ran.variant);
      if (question && !answers[question.id]) pending = { question, choice: chosen.get(question.id) ?? null };
      render();
    },
    /** The run ended: a finished one reveals; a cancelled one leaves the question for the next run. */
    runEnded(model, result) {
      if (!pending) return;
      const { question, choice } = pending;
      pending = null;
      if (result === 'finished' && runFacts(model)) {
        remember(question, choice ? { state: 'answered', choice } : { state: 'skipped' });
        revealed = { question, choice, model };
      }
      render();
    },
    /** The shown run went away (Reset, another lesson): so does what it revealed. */
    cleared() {
      pending = null;
      revealed = null;
      render();
    },
  };
}
