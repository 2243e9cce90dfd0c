// <loopscope-lesson>: one lesson of Loopscope inside any page, enabled by one module script.
//
//   <script type="module" src="…/www/embed.js"></script>
//   <loopscope-lesson lesson="gather" lang="tr" speed="2" mode="virtual" autorun height="320" compact>
//
// Or a Python program of the page's author (script mode): `code="<base64url>"` (as the full
// page's `#code=`), or, with neither `code` nor `lesson`, the program written inside the
// element (read as text, dedented; a <script type="text/python"> child keeps < and & as they
// are). The code shows read-only (editor.js), checked by the crate's parser before it runs.
//
// Everything lives in an open shadow root, styled by embed.css through a <link> (no inline
// style, so a strict CSP with style-src 'self' works), and every text goes in as textContent.
// All elements of a page share one runtime (runtime.js); each draws only its own run. The
// attributes are checked by embed-options.js: a bad one shows a message and a default is used.

import { ATTRIBUTES, AUTO_HEIGHT_MAX, readOptions } from './embed-options.js';
import { say } from './embed-texts.js';
import {
  FRAME_INGEST_MS, canRunScripts, cancelSession, crashText, emptyModel, loadRuntime, pull, sessionNow, startScriptSession,
  startSession,
} from './runtime.js';
import { draw } from './timeline.js';
import { canvasHeight } from './timeline-layout.js';
import { currentRun, endTime, lessonSeconds } from './trace.js';
import { formatSeconds, pick, textKey } from './i18n.js';
import { buildHash } from './url-state.js';
import { SCRIPT_LESSON, encodeCode } from './program.js';
import { fitCanvas, make } from './dom.js';
import { createConsole } from './console.js';
import { checkSyntax, errorMark, raisedAt, renderProblem } from './script-problems.js';

export const TAG = 'loopscope-lesson';
const CSS_URL = new URL('./embed.css', import.meta.url).href;
/** The full page, beside the folder of this module (resolved against CSS_URL, its neighbour). */
const FULL_PAGE = '../index.html';
const MAX_CONSOLE_LINES = 500; // older printed lines leave the element
/** CSS px painted beyond the visible part of the timeline box while a run is live. */
const OVERSCAN_PX = 240;
/** The interpreter's seed, as on the full page: a program runs the same way in both. */
const SCRIPT_SEED = 1;

/** Status name → text key (finished depends on the run's time mode). */
const STATUS_KEYS = {
  loading: 'status_loading', idle: 'embedStatusIdle', running: 'status_running',
  cancelled: 'status_cancelled', crashed: 'crashed', failed: 'noticeLoadFailed',
  invalid: 'embedNothingToRun', error: 'status_scriptError',
};

const errorText = (e) => String(e?.message ?? e);
/** What the element shows: a lesson and variant, or a program (a new one clears the old run). */
const showKey = (opts) => (opts.script ? `code:${opts.script.source}` : `lesson:${opts.lesson}/${opts.variant}`);

export class LoopscopeLesson extends HTMLElement {
  static get observedAttributes() { return ATTRIBUTES; }

  #els;
  #rt = null; // the shared runtime, once loaded
  #opts = null; // checked attributes (embed-options.js)
  #session = null; // the shown run: {id, model, live, done, key, script}
  #model = emptyModel(null);
  #console; // the printed lines (console.js)
  #status = { name: 'loading', vars: {} };
  #problem = null; // {key, vars}: a failed load or start, shown with the attribute notices
  #connected = false;
  #frameId = 0;
  #updateQueued = false;
  #autoKey = ''; // lesson/variant last started by autorun (once per connection)
  #resize = null;
  #children = null; // watches the element's own text (a program written inside it)
  #label = '';
  #editor = null; // the read-only code view (editor.js), loaded for the first program
  #editorLoading = null;
  #checked = null; // the program last parsed by checkScript
  #syntax = null; // {type, message, line, text}: its syntax error, or null
  #errorLine = null; // {line, error}: where the shown script run raised, or null

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
      problem: make('div', 'problem', { role: 'alert' }),
      code: make('div', 'code'),
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
    els.problem.hidden = true;
    els.code.hidden = true;
    els.run.addEventListener('click', () => this.run());
    els.reset.addEventListener('click', () => this.reset());
    els.head.append(els.title, els.note);
    els.bar.append(els.run, els.reset, els.status);
    els.timeline.append(els.canvas);
    els.output.append(els.empty, els.console);
    els.foot.append(els.open);
    box.append(els.head, els.notice, els.problem, els.code, els.bar, els.timeline, els.output, els.foot);
    root.append(link, box);
    this.#els = els;
    this.#console = createConsole({ list: els.console, empty: els.empty }, {
      max: MAX_CONSOLE_LINES, t: (key, vars) => this.#say(key, vars),
    });
  }

  connectedCallback() {
    this.#connected = true;
    this.#resize ??= new ResizeObserver(() => this.#requestFrame());
    this.#resize.observe(this.#els.timeline);
    // A program inside the element may still be arriving (parsed after the upgrade) or change.
    this.#children ??= new MutationObserver(() => this.#queueUpdate());
    this.#children.observe(this, { childList: true, characterData: true, subtree: true });
    this.#queueUpdate();
    if (this.#rt) return;
    loadRuntime().then((rt) => {
      if (this.#rt) return;
      this.#rt = rt;
      this.#model = emptyModel(rt);
      this.#els.reset.disabled = false;
      this.#setStatus('idle'); // Run is enabled there, unless the program cannot run
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
    this.#children?.disconnect();
    this.#autoKey = ''; // put back on a page, it runs again
  }

  attributeChangedCallback() {
    this.#queueUpdate();
  }

  /** Starts (or restarts) a run of the lesson the attributes name, or of the program. */
  run() {
    const rt = this.#rt;
    if (!rt || !this.#opts) return;
    if (crashText(rt)) { this.#crash(); return; }
    if (this.#blocked()) { this.#renderStatus(); return; } // a program that cannot run: nothing starts
    cancelSession(rt, this.#session);
    const opts = this.#opts;
    let session;
    try {
      session = opts.script
        ? startScriptSession(rt, { source: opts.script.source, speed: opts.speed, lang: opts.lang, mode: opts.mode, seed: SCRIPT_SEED })
        : startSession(rt, opts);
    } catch (e) {
      if (crashText(rt)) { this.#crash(); return; }
      this.#problem = { key: 'noticeStartFailed', vars: { message: errorText(e) } };
      this.#clear('idle');
      this.#renderNotices();
      return;
    }
    this.#problem = null;
    this.#renderNotices();
    Object.assign(session, { key: showKey(opts), script: Boolean(opts.script) });
    this.#session = session;
    this.#model = session.model;
    this.#setErrorLine(null);
    this.#console.clear();
    this.#setStatus('running');
    session.done.then((result) => {
      if (this.#session !== session) return; // a newer run or a reset took over
      if (rt.crashed) { this.#crash(); return; }
      if (session.script) this.#readErrorLine(session);
      if (result === 'finished' && this.#errorLine?.ended) {
        this.#setStatus('error', { line: this.#errorLine.line });
      } else if (result === 'finished' && this.#errorLine) {
        this.#setStatus('finished', { line: this.#errorLine.line }, 'status_unretrieved');
      } else if (result === 'finished') {
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
    this.#setErrorLine(null);
    this.#console.clear();
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
    const opts = readOptions((name) => this.getAttribute(name), this.#rt?.lessons ?? [], navigator.language, this.#inline());
    this.#opts = opts;
    const key = showKey(opts);
    // Another lesson, variant or program: the drawing would no longer match what is shown.
    const shown = this.#session;
    if (shown && shown.key !== key) this.#clear('idle');
    this.#checkSyntax();
    this.#renderText();
    this.#renderCode();
    if (opts.autorun && this.#rt && this.#connected && !this.#rt.crashed && !this.#blocked() && key !== this.#autoKey) {
      this.#autoKey = key;
      this.run();
    }
    this.#requestFrame();
  }

  // ---------- script mode ----------

  /**
   * The program written inside the element: the text of a <script type="text/python"> child,
   * else the element's whole text. It is only ever read as text; `markup` names an element
   * the HTML parser made of part of it (then what is left is not the program as written).
   */
  #inline() {
    const children = [...this.children];
    const program = children.find((child) => child.localName === 'script' && /python/i.test(child.type));
    if (program) return { text: program.textContent, markup: '' };
    return { text: this.textContent, markup: children[0]?.localName ?? '' };
  }

  /** Parses a new program once the runtime is there (checkScript: CPython's messages). */
  #checkSyntax() {
    const script = this.#opts?.script;
    const rt = this.#rt;
    if (!script || script.error || !rt || !canRunScripts(rt) || rt.crashed) {
      this.#checked = null;
      this.#syntax = null;
      return;
    }
    if (this.#checked === script.source) return;
    this.#checked = script.source;
    const problem = checkSyntax(rt.ls, script.source);
    if (problem && crashText(rt)) { this.#crash(); return; } // it threw: the runtime crashed
    this.#syntax = problem;
  }

  /** Why Run cannot start the shown program (a status {name, key, vars}), or null. */
  #blocked() {
    const script = this.#opts?.script;
    if (!script || !this.#rt) return null;
    if (this.#syntax) return { name: 'invalid', key: 'status_syntax', vars: { type: this.#syntax.type, line: this.#syntax.line } };
    if (script.error || !canRunScripts(this.#rt)) return { name: 'invalid', key: 'embedNothingToRun', vars: {} };
    return null;
  }

  /** Where a finished script run raised its uncaught exception (raisedAt). */
  #readErrorLine(session) {
    this.#setErrorLine(raisedAt(this.#rt.ls, session.id, session.model));
  }

  #setErrorLine(errorLine) {
    this.#errorLine = errorLine;
    this.#markCode();
  }

  /** The read-only code view of a program (editor.js, loaded the first time one is shown). */
  #renderCode() {
    const script = this.#opts?.script;
    const shown = Boolean(script && !script.error);
    this.#els.code.hidden = !shown || this.#opts.compact;
    if (!shown) return;
    if (!this.#editor) {
      this.#editorLoading ??= import('./editor.js').then(({ createEditor }) => {
        this.#editor = createEditor(this.#els.code, { readOnly: true, onRun: () => this.run() }); // Ctrl+Enter runs
        this.#renderCode();
      }, (e) => {
        this.#problem = { key: 'noticeEditorFailed', vars: { message: errorText(e) } };
        this.#renderNotices();
      });
      return;
    }
    this.#editor.setText(script.source);
    this.#editor.setLabels(this.#say('embedCode'), '');
    this.#markCode();
  }

  /** The syntax error, or the line the shown run raised at: marked in the code, and above it. */
  #markCode() {
    const syntax = this.#opts?.script ? this.#syntax : null;
    const say = (key, vars) => this.#say(key, vars);
    this.#editor?.setError(errorMark(syntax, this.#errorLine, say));
    // The syntax error as on the full page: a heading with a sign, then CPython's report.
    renderProblem(this.#els.problem, syntax, say);
  }

  // ---------- rendering ----------

  /** A text in the element's language; a program speaks asyncio's words (textKey). */
  #say(key, vars) {
    const lang = this.#opts?.lang ?? 'en';
    return say(lang, textKey(lang, key, Boolean(this.#opts?.script)), vars);
  }

  /** Everything that changes with the attributes or the language (not per frame). */
  #renderText() {
    const els = this.#els;
    const opts = this.#opts;
    const { script } = opts;
    const lesson = script ? null : this.#rt?.lessons.find((l) => l.id === opts.lesson);
    els.box.lang = opts.lang;
    els.box.classList.toggle('compact', opts.compact);
    els.box.classList.toggle('script', Boolean(script));
    els.head.hidden = opts.compact;
    els.output.hidden = opts.compact;
    els.foot.hidden = opts.compact || Boolean(script?.error);
    if (script) els.title.textContent = this.#say('embedScriptTitle');
    else els.title.textContent = lesson ? pick(lesson.title, opts.lang) : opts.lesson;
    // What to look for: the lesson's own notice; the shared loop only where other embeds share it.
    const shared = document.querySelectorAll('loopscope-lesson').length > 1 ? ` ${this.#say('embedSharedLoop')}` : '';
    els.note.textContent = script ? this.#say('embedScriptNote') + shared : `${pick(lesson?.notice, opts.lang) ?? ''}${shared}`.trim();
    els.run.textContent = this.#say('run');
    els.reset.textContent = this.#say('reset');
    els.timeline.setAttribute('aria-label', this.#say('embedTimeline'));
    els.console.setAttribute('aria-label', this.#say('embedConsole'));
    els.empty.textContent = this.#say('consoleEmpty');
    els.open.textContent = this.#say('embedOpenFull');
    // A program opens as the full page's blank lesson with the same code (its `#code=`).
    const hash = script
      ? buildHash({ lesson: SCRIPT_LESSON, lang: opts.lang, speed: opts.speed, mode: opts.mode, code: script.error ? '' : encodeCode(script.source) })
      : buildHash({
        lesson: opts.lesson, variant: opts.variant, defaultVariant: lesson?.variants[0]?.id,
        lang: opts.lang, speed: opts.speed, mode: opts.mode,
      });
    els.open.href = new URL(`${FULL_PAGE}${hash}`, CSS_URL).href;
    // CSSOM, not a style attribute: allowed under a CSP without 'unsafe-inline'.
    els.timeline.style.height = `${opts.height}px`;
    this.#renderNotices();
    this.#renderStatus();
    this.#markCode(); // its messages are in the language too
    this.#console.retranslate(); // so are the page's words in the output
    this.#label = ''; // the canvas's description is in the language too
  }

  #renderNotices() {
    const noInterpreter = this.#opts?.script && this.#rt && !canRunScripts(this.#rt) ? [{ key: 'embedNoScript' }] : [];
    const list = [...(this.#opts?.notices ?? []), ...noInterpreter, ...(this.#problem ? [this.#problem] : [])];
    this.#els.notice.replaceChildren(...list.map(({ key, vars }) => {
      const p = make('p');
      p.textContent = this.#say(key, vars);
      return p;
    }));
    this.#els.notice.hidden = list.length === 0;
  }

  #setStatus(name, vars = {}, key = undefined) {
    this.#status = { name, vars, key };
    this.#renderStatus();
  }

  #renderStatus() {
    // With no run shown, a program that cannot run says why instead (and Run stays off).
    const blocked = this.#rt && !this.#rt.crashed ? this.#blocked() : null;
    const { name, key: ownKey, vars } = blocked && !this.#session ? blocked : this.#status;
    let key = ownKey ?? STATUS_KEYS[name];
    if (name === 'finished' && !ownKey) key = this.#model.virtual ? 'status_finishedVirtual' : 'status_finished';
    this.#els.status.dataset.state = name;
    this.#els.status.textContent = this.#say(key, vars);
    this.#els.run.disabled = !this.#rt || Boolean(this.#rt.crashed) || Boolean(blocked);
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
      else pull(rt, session.model, FRAME_INGEST_MS);
    }
    this.#drawTimeline();
    // Filled while compact hides it too: dropping compact shows the lines.
    this.#console.render(this.#model);
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
    // With no height asked for, the box grows with the lanes: no lane hides below the fold.
    if (!this.#opts.heightSet) {
      const frame = timeline.offsetHeight - timeline.clientHeight; // its border (and a scrollbar)
      const fit = `${Math.min(AUTO_HEIGHT_MAX, Math.max(this.#opts.height, cssH + frame))}px`;
      if (timeline.style.height !== fit) timeline.style.height = fit;
    }
    // The canvas's CSS is width:100%; height:auto, so its bitmap size also sets its shown height.
    const { ctx } = fitCanvas(canvas, cssW, cssH);
    const now = sessionNow(this.#rt, this.#session, model);
    const drawn = draw(ctx, model, { width: cssW, height: cssH, now, t: (key, vars) => this.#say(key, vars), band });
    const label = currentRun(model)
      ? this.#say('timelineSummary', { lanes: drawn.totalLanes, names: drawn.names.join(', '), elapsed: formatSeconds(drawn.elapsedS, 1) })
      : this.#say('timelineEmpty');
    if (label !== this.#label) {
      this.#label = label;
      canvas.setAttribute('aria-label', label);
    }
    canvas.dataset.taskLanes = String(currentRun(model) ? drawn.taskLanes : 0);
  }
}

// The script may be included twice (two copies of a snippet): define once.
if (!customElements.get(TAG)) customElements.define(TAG, LoopscopeLesson);
