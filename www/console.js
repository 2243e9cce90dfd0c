// The output of a run: the lines its tasks printed, newest last, for the full page and the
// embed alike. Only the page's own words (the error-output sign and its spoken label) follow a
// language switch; what the program printed stays as printed.
//
// Lines are appended as they come (never the whole list again), and only the newest `max`
// stay: a long run prints on and on. The lines of one error write (a traceback: a record per
// line, one task, one moment) carry its time, task and sign once. The log keeps to its end unless
// the learner scrolled up, also when it was hidden as lines came (a phone's tab): a hidden
// box does not scroll, so it goes to its end when it shows again. A line the program writes in
// parts (`print(".", end="", flush=True)`) shows as it grows, drawn again at each new part, and a
// carriage return in it writes over its start, as a terminal does (a spinner).

import { ansiRuns, ansiState } from './ansi.js';
import { currentRun, lessonSeconds } from './trace.js';
import { formatSeconds } from './i18n.js';
import { make } from './dom.js';

const END_SLACK_PX = 8; // this close to the end, the log counts as at its end
const WRITE_MS = 1; // error lines this close in runtime ms, from one task, are one write

/**
 * els = {list (the lines' parent: an <ol>/<ul> gets <li>s, anything else <div>s), scroller
 * (what scrolls; default list), empty (the "nothing printed yet" text)}; opts = {max (lines
 * kept), t(key, vars)}. Returns {clear(), render(model) → {stderr: whether a new line is error
 * output}, retranslate()}.
 */
export function createConsole(els, { max, t }) {
  const { list, empty } = els;
  const scroller = els.scroller ?? list;
  const tag = list.localName === 'ol' || list.localName === 'ul' ? 'li' : 'div';
  let printed = 0; // prints of the shown run already in the list
  let parts = 0; // parts added to its lines already shown (the run's printParts)
  let growing = []; // lines still being written: {print, node, length shown, colours and lastError before}
  let colours = ansiState(); // the program's terminal colour, carried from line to line
  let lastError = null; // the last line when it was error output: {task, time} (null if not)
  let atEnd = true; // the log follows its end: false once the learner scrolled up
  let shown = false; // the box is laid out (not hidden): only then does its scrolling say anything

  const toEnd = () => { scroller.scrollTop = scroller.scrollHeight; }; // instant, never smooth (reduced motion)
  scroller.addEventListener('scroll', () => {
    if (shown) atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - END_SLACK_PX;
  });
  // Shown again (a tab chosen, the page widened): at its end, unless the learner had left it.
  new ResizeObserver(() => {
    const now = scroller.clientHeight > 0;
    if (now && !shown && atEnd) toEnd();
    shown = now;
  }).observe(scroller);

  function clear() {
    printed = 0;
    parts = 0;
    growing = [];
    colours = ansiState();
    lastError = null;
    atEnd = true;
    list.replaceChildren();
    empty.hidden = false;
  }

  function line(model, print) {
    const stderr = print.stream === 1;
    const log = print.stream === 2; // a `logging` record: on stderr, but no error
    const node = make(tag, stderr ? 'line stderr' : log ? 'line log' : 'line');
    node.dataset.task = print.name;
    node.dataset.taskId = String(print.task);
    node.dataset.n = String(print.n);
    node.dataset.stream = stderr ? 'stderr' : log ? 'log' : 'stdout';
    // The next line of the same error write (same task, within a runtime ms: a write's lines are
    // recorded one after another): its time, task and sign are the first line's.
    const more = stderr && lastError?.task === print.task && print.time - lastError.time < WRITE_MS;
    lastError = stderr ? { task: print.task, time: print.time } : null;
    // A traceback's source line and the carets under it (both indented 4 or more, behind an
    // exception group's margin if any) keep their columns: they never wrap, and the output
    // scrolls sideways instead.
    const body = make('span', stderr && /^(?:(?: {2})*[|+] )? {4}/.test(print.text) ? 'text verbatim' : 'text');
    for (const run of ansiRuns(overstrike(print.text), colours)) {
      if (!run.className) body.append(run.text);
      else body.append(Object.assign(make('span', run.className), { textContent: run.text }));
    }
    if (more) {
      node.classList.add('more');
      node.append(body);
      return node;
    }
    const time = make('span', 'time');
    time.textContent = formatSeconds(lessonSeconds(model, print.time), 3);
    const task = make('span', 'task');
    task.textContent = print.name;
    node.append(time, task, body);
    if (stderr) {
      // Standard error (a traceback): a sign and words, not only a colour.
      const sign = make('span', 'stream');
      sign.textContent = '✖';
      sign.title = t('consoleStderr');
      const words = make('span', 'visually-hidden');
      words.textContent = `${t('consoleStderr')}: `;
      body.prepend(words);
      node.insertBefore(sign, body);
    }
    return node;
  }

  /** Draws `g`'s line again, as it was first drawn but with the text it has now. */
  function redraw(model, g) {
    const last = g.node === list.lastElementChild;
    const after = { colours, lastError };
    ({ colours, lastError } = { colours: { ...g.colours }, lastError: g.lastError });
    const node = line(model, g.print);
    if (!last) ({ colours, lastError } = after); // the lines after it keep the state they had
    g.node.replaceWith(node);
    g.node = node;
    g.length = g.print.text.length;
  }

  /** Appends what the shown run printed since the last call, and redraws the lines that grew. */
  function render(model) {
    const run = currentRun(model);
    // printCount counts every print; the model keeps only the newest ones (bounded memory).
    const total = run ? run.printCount : 0;
    if (!run || (total === printed && run.printParts === parts)) return { stderr: false };
    parts = run.printParts;
    for (const g of growing) if (g.node.isConnected && g.print.text.length !== g.length) redraw(model, g);
    growing = growing.filter((g) => g.node.isConnected && run.openLines.includes(g.print));
    const fresh = Math.min(total - printed, run.prints.length, max);
    const prints = run.prints.slice(run.prints.length - fresh);
    const nodes = prints.map((print) => {
      const before = { colours: { ...colours }, lastError };
      const node = line(model, print);
      if (run.openLines.includes(print)) growing.push({ print, node, length: print.text.length, ...before });
      return node;
    });
    printed = total;
    list.append(...nodes);
    const extra = list.childElementCount - max;
    for (let i = 0; i < extra; i++) list.firstElementChild.remove();
    empty.hidden = true;
    if (atEnd) toEnd();
    return { stderr: prints.some((print) => print.stream === 1) };
  }

  /** The page's words in the lines (the error-output sign's title and label) in the current language. */
  function retranslate() {
    const label = t('consoleStderr');
    for (const node of list.querySelectorAll('.line.stderr')) {
      const sign = node.querySelector('.stream');
      if (sign) sign.title = label;
      const words = node.querySelector('.text > .visually-hidden');
      if (words) words.textContent = `${label}: `;
    }
  }

  return { clear, render, retranslate };
}

/** What a terminal shows of `text`: each carriage return goes back to the line's start, and
 * what follows writes over what was there. Colour codes take no column: they stay where they
 * were written, so the colour state they leave is kept. */
function overstrike(text) {
  if (!text.includes('\r')) return text;
  const shown = []; // per column: [codes written before the character, the character]
  let codes = '';
  let column = 0;
  for (const token of text.match(/\x1b\[[0-9;]*m|[^]/gu)) {
    if (token === '\r') column = 0;
    else if (token.startsWith('\x1b')) codes += token;
    else {
      shown[column] = [(shown[column]?.[0] ?? '') + codes, token];
      codes = '';
      column++;
    }
  }
  return shown.map(([c, ch]) => c + ch).join('') + codes;
}
