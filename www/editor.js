// The Python editor: a plain <textarea> (native editing, undo, IME, mobile keyboards, screen
// readers) laid exactly over a <pre> that draws the colouring, with a gutter of line numbers and
// a layer under both for marked lines (the error line, each paused task's current line). No
// dependency. The page imports this module only when the learner starts editing (app.js), so
// a lesson that is only watched never loads it.
//
// Both the textarea and the <pre> are as large as the text (no scrolling of their own); the
// box around them scrolls, so the gutter, the colouring and the marks can never drift apart.
// Every text it shows goes in as textContent; colours come from the caller (the timeline's
// lane colours) and are set through the CSSOM, which a strict CSP allows.

import { tokenize } from './python-syntax.js';

export const INDENT = 4; // spaces per indentation level (PEP 8)
const INDENT_TEXT = ' '.repeat(INDENT);
const BLOCK_OPENER = /:\s*(#.*)?$/; // a line ending in ":" (a comment may follow) opens a block

/**
 * Builds the editor inside `host` (emptied first). options = {text, label (the textarea's
 * accessible name), hint (what Escape does, for screen readers), onChange(text), onRun(),
 * readOnly (a code view: the same lines, colours and marks, but no key edits and no Tab trap)}.
 * Returns {textarea, getText(), setText(text), focus(), setLabels(label, hint), setCaret(line, col),
 * setError(error), setHighlights(marks)}: error = {line, message, from, to} (from–to: the characters of
 * the line that failed, marked within it; optional) or null; marks = [{line, color, label}].
 */
export function createEditor(host, {
  text = '', label = '', hint = '', onChange = () => {}, onRun = () => {}, readOnly = false,
} = {}) {
  const doc = host.ownerDocument;
  const make = (tag, cls) => {
    const node = doc.createElement(tag);
    if (cls) node.className = cls;
    return node;
  };
  const scroll = make('div', 'editor-scroll');
  const body = make('div', 'editor-body');
  const gutter = make('div', 'editor-gutter');
  gutter.setAttribute('aria-hidden', 'true');
  const code = make('div', 'editor-code');
  const marks = make('div', 'editor-marks');
  marks.setAttribute('aria-hidden', 'true');
  const view = make('pre', 'editor-view');
  view.setAttribute('aria-hidden', 'true');
  const textarea = make('textarea', 'editor-input');
  Object.assign(textarea, { spellcheck: false, autocomplete: 'off', wrap: 'off' });
  textarea.setAttribute('autocapitalize', 'off');
  textarea.setAttribute('autocorrect', 'off');
  textarea.setAttribute('aria-label', label);
  textarea.readOnly = readOnly;
  const hintNode = make('p', 'visually-hidden');
  hintNode.id = `${host.id || 'editor'}-keys`;
  hintNode.textContent = hint;
  textarea.setAttribute('aria-describedby', hintNode.id);
  const message = make('p', 'editor-message');
  message.setAttribute('role', 'status');
  message.hidden = true;
  code.append(marks, view, textarea);
  body.append(gutter, code);
  scroll.append(body);
  host.replaceChildren(scroll, message, hintNode);
  host.classList.add('editor');

  let error = null; // {line, message}
  let highlights = []; // [{line, color, label, ran}]: a task's line (labelled), or a line a poll ran
  let lineCount = 0;
  let escaped = false; // Escape was pressed: the next Tab leaves the editor (no keyboard trap)

  textarea.value = text;
  render();

  textarea.addEventListener('input', () => {
    render();
    onChange(textarea.value);
  });
  textarea.addEventListener('keydown', keydown);

  // ---------- drawing ----------

  function render() {
    const value = textarea.value;
    const lines = value.split('\n');
    // The colouring: one span per token, text only.
    const nodes = tokenize(value).map(({ type, text: part }) => {
      if (type === 'plain') return doc.createTextNode(part);
      const span = make('span', `tok-${type}`);
      span.textContent = part;
      return span;
    });
    // A <pre> draws no line after a final newline; the textarea does. One space keeps them equal.
    if (value.endsWith('\n') || value === '') nodes.push(doc.createTextNode(' '));
    view.replaceChildren(...nodes);
    const longest = lines.reduce((max, line) => Math.max(max, line.length), 0);
    code.style.setProperty('--cols', String(longest + 1));
    code.style.setProperty('--lines', String(lines.length));
    if (lines.length !== lineCount) {
      lineCount = lines.length;
      renderGutter();
    }
    renderMarks();
  }

  function renderGutter() {
    const rows = [];
    for (let n = 1; n <= lineCount; n++) {
      const row = make('div', 'editor-lineno');
      row.textContent = String(n);
      rows.push(row);
    }
    gutter.replaceChildren(...rows);
    renderGutterMarks();
  }

  function renderGutterMarks() {
    const marked = new Map(); // line → the mark shown in the gutter: a task's line first
    for (const h of highlights) if (!marked.has(h.line) || !h.ran) marked.set(h.line, h);
    gutter.childNodes.forEach((row, i) => {
      const n = i + 1;
      const isError = error?.line === n;
      const mark = marked.get(n);
      row.classList.toggle('error', isError);
      row.classList.toggle('task', Boolean(mark && !mark.ran));
      row.classList.toggle('ran', Boolean(mark?.ran));
      if (mark) row.style.setProperty('--mark', mark.color);
      else row.style.removeProperty('--mark');
      // A sign, not only a colour: ✖ for the error line, ▶ for a task's line, • for a line a poll ran.
      row.textContent = isError ? `✖ ${n}` : !mark ? String(n) : mark.ran ? `• ${n}` : `▶ ${n}`;
    });
  }

  function renderMarks() {
    const lines = textarea.value.split('\n');
    const width = (line) => (lines[line - 1] ?? '').length;
    const nodes = [];
    const byLine = new Map();
    for (const h of highlights) {
      if (h.line < 1 || h.line > lines.length) continue;
      if (!byLine.has(h.line)) byLine.set(h.line, []);
      byLine.get(h.line).push(h);
    }
    for (const [line, list] of byLine) {
      // A task's current line (labelled) outranks a line a poll ran (unlabelled, lighter).
      const ranOnly = list.every((h) => h.ran);
      const row = make('div', ranOnly ? 'editor-mark ran' : 'editor-mark task');
      row.dataset.line = String(line);
      row.style.setProperty('--line', String(line - 1));
      row.style.setProperty('--mark', (list.find((h) => !h.ran) ?? list[0]).color);
      const tags = make('span', 'editor-mark-labels');
      tags.style.setProperty('--at', String(width(line) + 2));
      for (const h of list.filter((x) => x.label)) {
        const tag = make('span', 'editor-mark-label');
        tag.style.setProperty('--mark', h.color);
        tag.textContent = `◀ ${h.label}`;
        tags.append(tag);
      }
      row.append(tags);
      nodes.push(row);
    }
    if (error && error.line >= 1 && error.line <= lines.length) {
      const row = make('div', 'editor-mark error');
      row.dataset.line = String(error.line);
      row.style.setProperty('--line', String(error.line - 1));
      nodes.push(row);
      const text = [...lines[error.line - 1].trimEnd()]; // characters, as Python counts them
      const from = Number(error.from) || 0;
      const to = Math.min(Number(error.to) || 0, text.length); // a part going on past the line: to its end
      if (to > from) {
        // The part that failed, as the traceback's carets mark it; tabs are 4 columns wide.
        const column = (i) => text.slice(0, i).reduce((c, ch) => (ch === '\t' ? c + 4 - (c % 4) : c + 1), 0);
        const part = make('div', 'editor-mark error-part');
        part.style.setProperty('--line', String(error.line - 1));
        part.style.setProperty('--at', String(column(from)));
        part.style.setProperty('--len', String(column(to) - column(from)));
        nodes.push(part);
      }
    }
    marks.replaceChildren(...nodes);
    message.textContent = error ? error.message : '';
    message.hidden = !error;
    host.dataset.errorLine = error ? String(error.line) : '';
    renderGutterMarks();
  }

  // ---------- editing ----------

  const lineStart = (value, at) => value.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = (value, at) => {
    const end = value.indexOf('\n', at);
    return end === -1 ? value.length : end;
  };

  /** Replaces [start, end) with `text` as one undoable edit, then selects [selStart, selEnd). */
  function replace(start, end, text, selStart, selEnd) {
    textarea.focus();
    textarea.setSelectionRange(start, end);
    // execCommand keeps the browser's own undo stack; setRangeText is the fallback without it.
    const done = text === ''
      ? (start === end || doc.execCommand('delete', false))
      : doc.execCommand('insertText', false, text);
    if (!done || textarea.value.slice(start, start + text.length) !== text) {
      textarea.setRangeText(text, start, end, 'end');
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    }
    textarea.setSelectionRange(selStart, selEnd);
  }

  /** The whole lines the selection touches: [from, to) (a selection ending at a line's start leaves that line out). */
  function selectedLines() {
    const { value, selectionStart: s, selectionEnd: e } = textarea;
    const last = e > s && value[e - 1] === '\n' ? e - 1 : e;
    return { from: lineStart(value, s), to: lineEnd(value, last) };
  }

  function indent() {
    const { value, selectionStart: s, selectionEnd: e } = textarea;
    if (!value.slice(s, e).includes('\n')) {
      const col = s - lineStart(value, s);
      const spaces = ' '.repeat(INDENT - (col % INDENT));
      replace(s, e, spaces, s + spaces.length, s + spaces.length);
      return;
    }
    const { from, to } = selectedLines();
    const block = value.slice(from, to).split('\n').map((line) => (line.trim() === '' ? line : INDENT_TEXT + line)).join('\n');
    replace(from, to, block, from, from + block.length);
  }

  function dedent() {
    const { value, selectionStart: s, selectionEnd: e } = textarea;
    const { from, to } = selectedLines();
    let removedFirst = 0;
    const block = value.slice(from, to).split('\n').map((line, i) => {
      const lead = /^ {1,4}|^\t/.exec(line)?.[0] ?? '';
      if (i === 0) removedFirst = lead.length;
      return line.slice(lead.length);
    }).join('\n');
    if (block.length === to - from) return;
    if (s === e) {
      const at = Math.max(from, s - removedFirst);
      replace(from, to, block, at, at);
    } else {
      replace(from, to, block, from, from + block.length);
    }
  }

  function newline() {
    const { value, selectionStart: s, selectionEnd: e } = textarea;
    const before = value.slice(lineStart(value, s), s);
    let lead = /^[ \t]*/.exec(before)[0];
    if (BLOCK_OPENER.test(before)) lead += INDENT_TEXT;
    const text = `\n${lead}`;
    replace(s, e, text, s + text.length, s + text.length);
  }

  /** Backspace in the indentation goes back to the previous indentation stop. */
  function backspace(event) {
    const { value, selectionStart: s, selectionEnd: e } = textarea;
    if (s !== e) return;
    const before = value.slice(lineStart(value, s), s);
    if (before === '' || /[^ ]/.test(before)) return;
    const n = before.length % INDENT || INDENT;
    event.preventDefault();
    replace(s - n, s, '', s - n, s - n);
  }

  function keydown(event) {
    if (event.isComposing || event.keyCode === 229) return; // an IME is composing: its keys
    const mod = event.ctrlKey || event.metaKey;
    if (event.key === 'Enter' && mod) {
      event.preventDefault();
      onRun();
      return;
    }
    if (textarea.readOnly) return; // a code view: the keys select and move, Tab leaves
    if (event.key === 'Escape') {
      escaped = true;
      return;
    }
    if (event.key === 'Tab' && !mod && !event.altKey) {
      if (escaped) { escaped = false; return; } // let the focus move on
      event.preventDefault();
      if (event.shiftKey) dedent();
      else indent();
      return;
    }
    escaped = false;
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      newline();
    } else if (event.key === 'Backspace' && !mod && !event.altKey) {
      backspace(event);
    }
  }

  return {
    textarea,
    getText: () => textarea.value,
    /** Replaces the whole text (a new lesson or language): not an edit, so no onChange. */
    setText(next) {
      if (textarea.value === next) return;
      textarea.value = next;
      error = null;
      highlights = [];
      render();
    },
    focus: () => textarea.focus(),
    /** New words for the textarea's name and its keys hint (a language switch). */
    setLabels(nextLabel, nextHint) {
      textarea.setAttribute('aria-label', nextLabel);
      hintNode.textContent = nextHint;
    },
    /** Puts the caret at 1-based `line`, 0-based `col` (clamped to the text). */
    setCaret(line, col = 0) {
      const lines = textarea.value.split('\n');
      const l = Math.max(1, Math.min(lines.length, line));
      let at = 0;
      for (let i = 0; i < l - 1; i++) at += lines[i].length + 1;
      at += Math.max(0, Math.min(lines[l - 1].length, col));
      textarea.setSelectionRange(at, at);
    },
    setError(next) {
      error = next && next.line > 0
        ? { line: next.line, message: String(next.message ?? ''), from: Number(next.from) || 0, to: Number(next.to) || 0 }
        : null;
      if (next && !(next.line > 0) && next.message) error = { line: 0, message: String(next.message) };
      renderMarks();
    },
    setHighlights(next) {
      highlights = (next ?? []).filter((h) => Number.isInteger(h.line) && h.line > 0)
        .map((h) => ({ line: h.line, color: String(h.color), label: String(h.label ?? ''), ran: Boolean(h.ran) }));
      renderMarks();
    },
  };
}
