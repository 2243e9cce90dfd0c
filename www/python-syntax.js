// Python source → coloured tokens, for the editor (editor.js) to draw. Pure (no DOM), so it can
// be tested in Node. It only colours: it never decides whether a program is valid (the crate's
// checkScript does, with CPython's messages). One pass over the whole text, so a triple-quoted
// string that spans lines is one token; whatever it does not know is plain text.

/** Token types, also the CSS class suffix the editor gives each one (`tok-<type>`). */
export const TOKEN = Object.freeze({
  PLAIN: 'plain', KEYWORD: 'keyword', BUILTIN: 'builtin', STRING: 'string', COMMENT: 'comment',
  NUMBER: 'number', DECORATOR: 'decorator', DEFINITION: 'definition', CONSTANT: 'constant',
});

const KEYWORDS = new Set([
  'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case',
]);
const CONSTANTS = new Set(['True', 'False', 'None']);
const BUILTINS = new Set([
  'print', 'len', 'range', 'str', 'int', 'float', 'bool', 'list', 'dict', 'set', 'tuple', 'type',
  'isinstance', 'enumerate', 'zip', 'map', 'filter', 'sum', 'min', 'max', 'abs', 'round', 'sorted',
  'reversed', 'repr', 'input', 'open', 'iter', 'next', 'any', 'all', 'hasattr', 'getattr', 'setattr',
  'super', 'object', 'Exception', 'ValueError', 'TypeError', 'KeyError', 'IndexError',
  'RuntimeError', 'ZeroDivisionError', 'StopIteration', 'NameError', 'AttributeError',
  'TimeoutError', 'BaseException', 'KeyboardInterrupt', 'asyncio', 'self',
]);

const IDENT_START = /[A-Za-z_\u00C0-\uFFFF]/;
const IDENT_PART = /[A-Za-z0-9_\u00C0-\uFFFF]/;
const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;
const NUMBER_RE = /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?[jJ]?)/;

/**
 * The tokens of `source`, in order, covering every character exactly once:
 * [{type: TOKEN.*, text}]. Neighbouring plain tokens are joined (fewer nodes to draw).
 */
export function tokenize(source) {
  const out = [];
  const push = (type, text) => {
    if (text === '') return;
    const last = out[out.length - 1];
    if (last && last.type === type && type === TOKEN.PLAIN) last.text += text;
    else out.push({ type, text });
  };
  const s = String(source);
  let i = 0;
  let afterDef = false; // the name after `def` / `class` is a definition
  let lineStart = true; // only spaces since the last newline: `@` starts a decorator
  while (i < s.length) {
    const c = s[i];
    if (c === '\n') { push(TOKEN.PLAIN, c); i++; lineStart = true; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { push(TOKEN.PLAIN, c); i++; continue; }
    if (c === '#') {
      const end = s.indexOf('\n', i);
      const stop = end === -1 ? s.length : end;
      push(TOKEN.COMMENT, s.slice(i, stop));
      i = stop;
      continue;
    }
    if (c === '@' && lineStart) {
      let j = i + 1;
      while (j < s.length && (IDENT_PART.test(s[j]) || s[j] === '.')) j++;
      push(TOKEN.DECORATOR, s.slice(i, j));
      i = j;
      lineStart = false;
      continue;
    }
    lineStart = false;
    if (c === '"' || c === "'") {
      i = string(s, i, '', push);
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < s.length && IDENT_PART.test(s[j])) j++;
      const word = s.slice(i, j);
      if ((s[j] === '"' || s[j] === "'") && STRING_PREFIX.test(word)) {
        i = string(s, j, word, push);
        continue;
      }
      if (afterDef) { push(TOKEN.DEFINITION, word); afterDef = false; }
      else if (KEYWORDS.has(word)) { push(TOKEN.KEYWORD, word); afterDef = word === 'def' || word === 'class'; }
      else if (CONSTANTS.has(word)) push(TOKEN.CONSTANT, word);
      else if (BUILTINS.has(word)) push(TOKEN.BUILTIN, word);
      else push(TOKEN.PLAIN, word);
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(s[i + 1] ?? ''))) {
      const m = NUMBER_RE.exec(s.slice(i, i + 80));
      const text = m ? m[0] : c;
      push(TOKEN.NUMBER, text);
      i += text.length;
      continue;
    }
    push(TOKEN.PLAIN, c);
    i++;
  }
  return out;
}

/**
 * One string literal starting at the quote `s[q]` with `prefix` (already read); pushes its
 * tokens and returns the index after it. An unclosed one-line string stops at the line's end;
 * an unclosed triple-quoted one runs to the end of the text. In an f-string the `{…}` parts
 * are code and are coloured as code.
 */
function string(s, q, prefix, push) {
  const quote = s[q];
  const triple = s.startsWith(quote.repeat(3), q);
  const delim = triple ? quote.repeat(3) : quote;
  const raw = /[rR]/.test(prefix);
  const fmt = /[fF]/.test(prefix);
  let j = q + delim.length;
  let chunkStart = q - prefix.length; // the string's text not pushed yet
  const flush = (end) => { push(TOKEN.STRING, s.slice(chunkStart, end)); chunkStart = end; };
  while (j < s.length) {
    const c = s[j];
    if (c === '\\') { j += 2; continue; } // an escape (a raw string cannot end on \" either)
    if (!triple && c === '\n') break;
    if (s.startsWith(delim, j)) { j += delim.length; break; }
    if (fmt && c === '{') {
      if (s[j + 1] === '{') { j += 2; continue; }
      const end = fieldEnd(s, j + 1, delim);
      flush(j + 1); // the `{` goes with the string
      for (const token of tokenize(s.slice(j + 1, end))) push(token.type, token.text);
      chunkStart = end;
      j = end;
      continue;
    }
    j++;
  }
  flush(Math.min(j, s.length));
  return Math.min(j, s.length);
}

/** The index of the `}` closing an f-string field opened just before `from` (or where it stops). */
function fieldEnd(s, from, delim) {
  let depth = 0;
  for (let k = from; k < s.length; k++) {
    const c = s[k];
    if (s.startsWith(delim, k) || (delim.length === 1 && c === '\n')) return k;
    if (c === '{' || c === '[' || c === '(') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === '}') {
      if (depth === 0) return k;
      depth--;
    }
  }
  return s.length;
}
