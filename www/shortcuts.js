// Page-wide keyboard shortcuts: single letters without modifier keys, so Ctrl/Cmd/Alt
// combinations (reload, save, find) and the keys screen readers use stay the browser's. They
// are ignored while the focus is in a field that takes typing (a text field, a select's
// type-ahead, anything editable). The list on the page (index.html) names the same keys.

/** key (as KeyboardEvent.key, lower case) → action. */
export const PAGE_KEYS = Object.freeze({ r: 'run', p: 'pause', s: 'step', x: 'reset' });
/** Actions that may repeat while the key is held: stepping poll after poll. */
const REPEATABLE = new Set(['step']);

/** True when `target` takes typed text, so a letter must reach it and not us. */
export function isTypingTarget(target) {
  if (!target || typeof target !== 'object') return false;
  if (target.isContentEditable) return true;
  const tag = String(target.tagName ?? '').toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag !== 'input') return false;
  const type = String(target.type ?? 'text').toLowerCase();
  // Buttons and boxes take no typing; every other input type does (text, number, search…).
  return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file'].includes(type);
}

/** The page action of a keydown event, or null when the key is not ours to take. */
export function actionFor(event) {
  if (event.defaultPrevented || event.isComposing) return null;
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(event.target)) return null;
  const action = PAGE_KEYS[String(event.key).toLowerCase()] ?? null;
  if (action && event.repeat && !REPEATABLE.has(action)) return null;
  return action;
}

/** Listens on `root` (the document) and calls handlers[action]() for our keys. */
export function installShortcuts(root, handlers) {
  root.addEventListener('keydown', (event) => {
    const action = actionFor(event);
    if (!action || !handlers[action]) return;
    event.preventDefault();
    handlers[action]();
  });
}
