// A Python program's errors in words, for the full page and the embed alike: a syntax error
// (CPython's report above the output, its line marked in the code) and the line an uncaught
// exception was raised at. Every text goes in as textContent.

import { currentRun } from './trace.js';
import { make } from './dom.js';

/** checkScript's (or startScript's) report as {type, message, line, col, text}, whatever was missing. */
export function syntaxProblem(problem) {
  return {
    type: String(problem.type ?? 'SyntaxError'), message: String(problem.message ?? ''),
    line: Number(problem.line) || 0, col: Number(problem.col) || 0, text: String(problem.text ?? problem.message ?? ''),
  };
}

/** The line a CPython report names ("File "main.py", line 3"), or 0. */
export function lineOfReport(text) {
  return Number(/line (\d+)/.exec(text)?.[1] ?? 0);
}

/**
 * Parses `source` with the crate's checkScript (`ls`: the wasm module): its syntax error as
 * syntaxProblem gives it, or null when it parses. A throw is read as a SyntaxError whose report
 * is the thrown message (the caller checks whether the runtime crashed).
 */
export function checkSyntax(ls, source) {
  let problem;
  try {
    problem = ls.checkScript(source) ?? null;
  } catch (e) {
    const text = String(e?.message ?? e);
    problem = { type: 'SyntaxError', message: text, line: lineOfReport(text), col: 0, text };
  }
  return problem && syntaxProblem(problem);
}

/**
 * Where run `runId`'s uncaught exception was raised, read from the crate (`ls`): {line, from,
 * to, error, ended} (from–to: the characters of the line that failed, which the traceback's
 * carets mark, or both 0; error: the last line of `model`'s traceback; ended: it ended the run,
 * rather than a task's exception nobody retrieved), or null when none was.
 */
export function raisedAt(ls, runId, model) {
  let line = 0;
  let cols = [];
  let ended = true;
  try {
    line = Number(ls?.scriptErrorLine?.(runId)) || 0;
    cols = Array.from(ls?.scriptErrorColumns?.(runId) ?? []);
    ended = ls?.scriptFailed?.(runId) ?? true;
  } catch {
    line = 0;
  }
  if (line <= 0) return null;
  const [from = 0, to = 0] = cols.map(Number);
  return { line, from, to, error: raisedError(model), ended: Boolean(ended) };
}

/**
 * The mark the code view shows ({line, from, to, message} for editor.js's setError, or null):
 * the syntax error first, else `raised` (see raisedAt).
 */
export function errorMark(syntax, raised, t) {
  if (syntax) {
    return { line: syntax.line, message: t('editorSyntax', { line: syntax.line, type: syntax.type, message: syntax.message }) };
  }
  if (raised) {
    return {
      line: raised.line,
      from: raised.from,
      to: raised.to,
      message: raised.error
        ? t('editorRaised', { line: raised.line, error: raised.error })
        : t('editorRaisedPlain', { line: raised.line }),
    };
  }
  return null;
}

/** The syntax error in `node`: a heading with a sign, then CPython's report as text (hidden without one). */
export function renderProblem(node, syntax, t) {
  node.hidden = !syntax;
  if (!syntax) {
    node.replaceChildren();
    return;
  }
  const head = make('p', 'problem-title');
  head.textContent = `✖ ${t('problemSyntax', { type: syntax.type, line: syntax.line })}`;
  const report = make('pre', 'problem-report');
  report.textContent = syntax.text;
  node.replaceChildren(head, report);
}

/** The exception's line in the shown run's error output (the one its traceback ends with), or ''. */
export function raisedError(model) {
  const lines = (currentRun(model)?.prints ?? []).filter((p) => p.stream === 1).flatMap((p) => p.text.split('\n'));
  // The traceback's last line; for an exception group, its own line: past the warnings
  // written after it (`sys:1: ...` at exit; a coroutine never awaited, freed with the task's
  // frame: its `main.py:N: RuntimeWarning`, source line and tracemalloc hint), the group's
  // dividers and its sub-exceptions' lines (behind a deeper margin).
  const warning = (line) => /^(sys|main\.py):\d+: \w*Warning: /.test(line);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (warning(line) || (i > 0 && warning(lines[i - 1])) || /^RuntimeWarning: Enable tracemalloc/.test(line)) continue;
    if (/^\s*\+-/.test(line) || /^ {4,}\| /.test(line) || !line.trim()) continue;
    return line.replace(/^ {2}\| /, '').trim();
  }
  return '';
}
