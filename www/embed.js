// <loopscope-lesson>: one lesson of Loopscope inside any page, enabled by one module script.
//
//   <script type="module" src="…/www/embed.js"></script>
//   <loopscope-lesson lesson="gather" lang="tr" speed="2" mode="virtual" autorun height="320" compact>
//
// Everything lives in an open shadow root, styled by embed.css through a <link> (no inline
// style, so a strict CSP with style-src 'self' works), and every text goes in as textContent.
// All elements of a page share one runtime (runtime.js); each draws only its own run. The
// attributes are checked by embed-options.js: a bad one shows a message and a default is used.

import { ATTRIBUTES, readOptions } from './embed-options.js';
import { say } from './embed-texts.js';
import {
  cancelSession, crashText, emptyModel, loadRuntime, pull, sessionNow, startSession,
} from './runtime.js';
import { canvasHeight, draw } from './timeline.js';
import { currentRun, endTime, lessonSeconds } from './trace.js';
import { formatSeconds, pick } from './i18n.js';
import { buildHash } from './controls.js';

export const TAG = 'loopscope-lesson';
const CSS_URL = new URL('./embed.css', import.meta.url).href;
/** The full page, beside the folder of this module (resolved against CSS_URL, its neighbour). */
const FULL_PAGE = '../index.html';
const INGEST_BUDGET_MS = 4; // per frame and embed; the rest waits in the ring (see app.js)
const MAX_CONSOLE_LINES = 500; // older printed lines leave the element
/** CSS px painted beyond the visible part of the timeline box while a run is live. */
const OVERSCAN_PX = 240;

/** Status name → text key (finished depends on the run's time mode). */
const STATUS_KEYS = {
  loading: 'status_loading', idle: 'embedStatusIdle', running: 'status_running',
  cancelled: 'status_cancelled', crashed: 'crashed', failed: 'noticeLoadFailed',
};

const errorText = (e) => String(e?.message ?? e);

function make(tag, className, attrs = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

export class LoopscopeLesson extends HTMLElement {
  static get observedAttributes() { return ATTRIBUTES; }

  #els;
  #rt = null; // the shared runtime, once loaded
  #opts = null; // checked attributes (embed-options.js)
  #session = null; // the shown run: {id, model, live, done, lesson, variant}
  #model = emptyModel(null);
  #printed = 0; // prints of the shown run already in the console
  #status = { name: 'loading', vars: {} };
  #problem = null; // {key, vars}: a failed load or start, shown with the attribute notices
  #connected = false;
  #frameId = 0;
  #updateQueued = false;
  #autoKey = ''; // lesson/variant last started by autorun (once per connection)
  #resize = null;
  #label = '';

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const link = make('link', '', { rel: 'stylesheet', href: CSS_URL });
    const box = make('div', 'root');
    box.hidden = true; // until the stylesheet is in: no flash of unstyled controls
    const reveal = () => { box.hidden = false; this.#requestFrame(); };
    link.addEventListener('load', reveal, { once: true });
    link.addEventListener('error', reveal, { once: true });

    const els = {
      box,
      head: make('div', 'head'),
      title: make('h3', 'title'),
      note: make('p', 'note'),
      notice: make('div', 'notice', { role: 'status' }),
      bar: make('div', 'bar'),
      run: make('button', 'run', { type: 'button', part: 'button run' }),
      reset: make('button', 'reset', { type: 'button', part: 'button reset' }),
      status: make('span', 'status', { role: 'status' }),
      timeline: make('div', 'timeline'),
      canvas: make('canvas', 'canvas', { role: 'img' }),
      output: make('div', 'output'),
      empty: make('p', 'console-empty'),
      console: make('div', 'console', { role: 'log' }),
      foot: make('p', 'foot'),
      open: make('a', 'open', { target: '_blank', rel: 'noopener' }),
    };
    els.run.disabled = true;
    els.reset.disabled = true;
    els.run.addEventListener('click', () => this.run());
    els.reset.addEventListener('click', () => this.reset());
    els.head.append(els.title, els.note);
    els.bar.append(els.run, els.reset, els.status);
    els.timeline.append(els.canvas);
    els.output.append(els.empty, els.console);
    els.foot.append(els.open);
    box.append(els.head, els.notice, els.bar, els.timeline, els.output, els.foot);
    root.append(link, box);
    this.#els = els;
  }

  connectedCallback() {
    this.#connected = true;
    this.#resize ??= new ResizeObserver(() => this.#requestFrame());
    this.#resize.observe(this.#els.timeline);
    this.#queueUpdate();
    if (this.#rt) return;
    loadRuntime().then((rt) => {
      if (this.#rt) return;
      this.#rt = rt;
      this.#model = emptyModel(rt);
      this.#els.run.disabled = false;
      this.#els.reset.disabled = false;
      this.#setStatus('idle');
      this.#queueUpdate();
    }, (e) => {
      this.#setStatus('failed', { message: errorText(e) });
      this.#queueUpdate();
    });
  }

  disconnectedCallback() {
    this.#connected = false;
    if (this.#rt) cancelSession(this.#rt, this.#session);
    if (this.#frameId) cancelAnimationFrame(this.#frameId);
    this.#frameId = 0;
    this.#resize?.disconnect();
    this.#autoKey = ''; // put back on a page, it runs again
  }

  attributeChangedCallback() {
    this.#queueUpdate();
  }

  /** Starts (or restarts) a run of the lesson the attributes name. */
  run() {
    const rt = this.#rt;
    if (!rt || !this.#opts) return;
    if (crashText(rt)) { this.#crash(); return; }
    cancelSession(rt, this.#session);
    const opts = this.#opts;
    let session;
    try {
      session = startSession(rt, opts);
    } catch (e) {
      if (crashText(rt)) { this.#crash(); return; }
      this.#problem = { key: 'noticeStartFailed', vars: { message: errorText(e) } };
      this.#clear('idle');
      this.#renderNotices();
      return;
    }
    this.#problem = null;
    this.#renderNotices();
    Object.assign(session, { lesson: opts.lesson, variant: opts.variant });
    this.#session = session;
    this.#model = session.model;
    this.#clearConsole();
    this.#setStatus('running');
    session.done.then((result) => {
      if (this.#session !== session) return; // a newer run or a reset took over
      if (rt.crashed) { this.#crash(); return; }
      if (result === 'finished') {
        const elapsed = lessonSeconds(session.model, endTime(session.model, sessionNow(rt, session, session.model)));
        this.#setStatus('finished', { elapsed: formatSeconds(Math.max(0, elapsed), 3) });
      } else {
        this.#setStatus('cancelled');
      }
      this.#requestFrame();
    });
    this.#requestFrame();
  }

  /** Cancels the run (if live) and empties the timeline and the console. */
  reset() {
    if (!this.#rt) return;
    this.#clear(this.#session?.live ? 'cancelled' : 'idle');
  }

  #clear(statusName) {
    if (this.#rt) cancelSession(this.#rt, this.#session);
    this.#session = null;
    this.#model = emptyModel(this.#rt);
    this.#clearConsole();
    this.#setStatus(statusName);
    this.#requestFrame();
  }

  #crash() {
    this.#session = this.#session && { ...this.#session, live: false };
    this.#problem = { key: 'embedCrashed', vars: { message: this.#rt?.crashed ?? '' } };
    this.#els.run.disabled = true;
    this.#els.reset.disabled = true;
    this.#setStatus('crashed');
    this.#renderNotices();
  }

  // ---------- attributes ----------

  /** Attribute changes come in bursts (parsing, scripts setting several): one update for all. */
  #queueUpdate() {
    if (this.#updateQueued) return;
    this.#updateQueued = true;
    queueMicrotask(() => this.#update());
  }

  #update() {
    this.#updateQueued = false;
    const opts = readOptions((name) => this.getAttribute(name), this.#rt?.lessons ?? [], navigator.language);
    this.#opts = opts;
    // Another lesson or variant: the drawing would no longer match the title.
    const shown = this.#session;
    if (shown && (shown.lesson !== opts.lesson || shown.variant !== opts.variant)) this.#clear('idle');
    this.#renderText();
    const key = `${opts.lesson}/${opts.variant}`;
    if (opts.autorun && this.#rt && this.#connected && !this.#rt.crashed && key !== this.#autoKey) {
      this.#autoKey = key;
      this.run();
    }
    this.#requestFrame();
  }

  // ---------- rendering ----------

  #say(key, vars) {
    return say(this.#opts?.lang ?? 'en', key, vars);
  }

  /** Everything that changes with the attributes or the language (not per frame). */
  #renderText() {
    const els = this.#els;
    const opts = this.#opts;
    const lesson = this.#rt?.lessons.find((l) => l.id === opts.lesson);
    els.box.lang = opts.lang;
    els.box.classList.toggle('compact', opts.compact);
    els.head.hidden = opts.compact;
    els.output.hidden = opts.compact;
    els.foot.hidden = opts.compact;
    els.title.textContent = lesson ? pick(lesson.title, opts.lang) : opts.lesson;
    els.note.textContent = this.#say('embedSharedLoop');
    els.run.textContent = this.#say('run');
    els.reset.textContent = this.#say('reset');
    els.timeline.setAttribute('aria-label', this.#say('embedTimeline'));
    els.console.setAttribute('aria-label', this.#say('embedConsole'));
    els.empty.textContent = this.#say('consoleEmpty');
    els.open.textContent = this.#say('embedOpenFull');
    const hash = buildHash({
      lesson: opts.lesson, variant: opts.variant, defaultVariant: lesson?.variants[0]?.id,
      lang: opts.lang, speed: opts.speed, mode: opts.mode,
    });
    els.open.href = new URL(`${FULL_PAGE}${hash}`, CSS_URL).href;
    // CSSOM, not a style attribute: allowed under a CSP without 'unsafe-inline'.
    els.timeline.style.height = `${opts.height}px`;
    this.#renderNotices();
    this.#renderStatus();
    this.#label = ''; // the canvas's description is in the language too
  }

  #renderNotices() {
    const list = [...(this.#opts?.notices ?? []), ...(this.#problem ? [this.#problem] : [])];
    this.#els.notice.replaceChildren(...list.map(({ key, vars }) => {
      const p = make('p');
      p.textContent = this.#say(key, vars);
      return p;
    }));
    this.#els.notice.hidden = list.length === 0;
  }

  #setStatus(name, vars = {}) {
    this.#status = { name, vars };
    this.#renderStatus();
  }

  #renderStatus() {
    const { name, vars } = this.#status;
    let key = STATUS_KEYS[name];
    if (name === 'finished') key = this.#model.virtual ? 'status_finishedVirtual' : 'status_finished';
    this.#els.status.dataset.state = name;
    this.#els.status.textContent = this.#say(key, vars);
  }

  #requestFrame() {
    if (this.#frameId || !this.#connected) return;
    this.#frameId = requestAnimationFrame(() => this.#frame());
  }

  /** One frame: fold the new records of a live run, draw, print. Runs only while needed. */
  #frame() {
    this.#frameId = 0;
    const rt = this.#rt;
    const session = this.#session;
    if (rt && session?.live) {
      if (crashText(rt)) this.#crash();
      else pull(rt, session.model, INGEST_BUDGET_MS);
    }
    this.#drawTimeline();
    this.#renderConsole();
    if (this.#session?.live && !rt?.crashed) this.#requestFrame();
  }

  #drawTimeline() {
    const { timeline, canvas } = this.#els;
    const cssW = canvas.clientWidth; // layout is read before anything of this frame is written
    if (cssW <= 0 || !this.#opts) return; // hidden: drawn again once the box has a size
    const model = this.#model;
    const live = Boolean(this.#session?.live);
    const band = live
      ? { top: timeline.scrollTop - OVERSCAN_PX, bottom: timeline.scrollTop + timeline.clientHeight + OVERSCAN_PX }
      : null;
    const cssH = canvasHeight(model);
    const dpr = window.devicePixelRatio || 1;
    // The canvas's CSS is width:100%; height:auto, so its bitmap size also sets its shown height.
    const w = Math.round(cssW * dpr);
    const h = Math.round(cssH * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    const ctx = canvas.getContext('2d');
    ctx.setTransform(w / cssW, 0, 0, h / cssH, 0, 0);
    const now = sessionNow(this.#rt, this.#session, model);
    const drawn = draw(ctx, model, { width: cssW, height: cssH, now, t: (key, vars) => this.#say(key, vars), band });
    const label = currentRun(model)
      ? this.#say('timelineSummary', { lanes: drawn.totalLanes, names: drawn.names.join(', '), elapsed: formatSeconds(drawn.elapsedS, 1) })
      : this.#say('timelineEmpty');
    if (label !== this.#label) {
      this.#label = label;
      canvas.setAttribute('aria-label', label);
    }
  }

  #clearConsole() {
    this.#printed = 0;
    this.#els.console.replaceChildren();
    this.#els.empty.hidden = false;
  }

  #renderConsole() {
    const run = currentRun(this.#model);
    // printCount counts every print; the model keeps only the newest ones (bounded memory).
    const total = run ? run.printCount : 0;
    if (!run || total === this.#printed) return; // filled while compact hides it too: dropping compact shows the lines
    const fresh = Math.min(total - this.#printed, run.prints.length, MAX_CONSOLE_LINES);
    const lines = run.prints.slice(run.prints.length - fresh).map((print) => {
      const line = make('div', 'line');
      line.dataset.task = print.name;
      const time = make('span', 'time');
      time.textContent = formatSeconds(lessonSeconds(this.#model, print.time), 3);
      const task = make('span', 'task');
      task.textContent = print.name;
      const body = make('span', 'text');
      body.textContent = print.text;
      line.append(time, task, body);
      return line;
    });
    this.#printed = total;
    const log = this.#els.console;
    log.append(...lines);
    const extra = log.childElementCount - MAX_CONSOLE_LINES;
    for (let i = 0; i < extra; i++) log.firstElementChild.remove();
    this.#els.empty.hidden = true;
    log.scrollTop = log.scrollHeight; // instant, never smooth (reduced motion)
  }
}

// The script may be included twice (two copies of a snippet): define once.
if (!customElements.get(TAG)) customElements.define(TAG, LoopscopeLesson);
