// A program's terminal colours (ANSI SGR escapes, `"\033[36m"`), as tutorials print them to
// tell tasks apart: turned into classes for the console, and stripped where only the words
// belong (the events table). Any other escape sequence is dropped, never shown as garbage.
// A colour lasts until it is reset, across lines, as in a terminal.

// CSI: ESC [ parameters final-byte. An SGR sequence ends in "m".
const CSI = /\x1b\[([0-9;?]*)([@-~])/g;
const COLOURS = [30, 31, 32, 33, 34, 35, 36, 37];

/** `text` without its escape sequences. */
export function stripAnsi(text) {
  return text.replace(CSI, '');
}

/** A terminal's colour state: `{ colour: 0..7 or -1, bold: bool }`, changed by each line. */
export function ansiState() {
  return { colour: -1, bold: false };
}

/**
 * Splits `text` into runs of one style: [{ text, className }] (className '' when plain),
 * starting from `state`, which it leaves as the text's end leaves it.
 */
export function ansiRuns(text, state) {
  const runs = [];
  let at = 0;
  const push = (part) => {
    if (!part) return;
    const classes = [];
    if (state.colour >= 0) classes.push(`ansi-${state.colour}`);
    if (state.bold) classes.push('ansi-bold');
    runs.push({ text: part, className: classes.join(' ') });
  };
  for (const match of text.matchAll(CSI)) {
    push(text.slice(at, match.index));
    at = match.index + match[0].length;
    if (match[2] === 'm') apply(match[1], state);
  }
  push(text.slice(at));
  return runs;
}

/** Applies an SGR sequence's parameters (`"0"`, `"1;36"`, `""`) to `state`. */
function apply(params, state) {
  for (const p of params === '' ? [0] : params.split(';').map(Number)) {
    if (p === 0) Object.assign(state, ansiState());
    else if (p === 1) state.bold = true;
    else if (p === 22) state.bold = false;
    else if (p === 39) state.colour = -1;
    else if (COLOURS.includes(p)) state.colour = p - 30;
    else if (COLOURS.includes(p - 60)) state.colour = p - 90; // bright: drawn as the plain colour
  }
}
