// On a phone (≤ 600 CSS px wide) the code, the output and the event-loop panel are tabs under
// the timeline, one shown at a time, so the timeline and the panel chosen share the first
// screens. Wider, every panel shows as before: the tabs are hidden (style.css) and the panels
// lose their tab roles. The chosen tab is remembered for the session.

/** The width at which the panels become tabs (matches style.css). */
export const PHONE_QUERY = '(max-width: 600px)';
const STORAGE_KEY = 'loopscope.tab';

/** sessionStorage can throw (privacy modes, sandboxed frames): then nothing is remembered. */
function readStored() {
  try { return globalThis.sessionStorage?.getItem(STORAGE_KEY) ?? null; } catch { return null; }
}
function store(name) {
  try { globalThis.sessionStorage?.setItem(STORAGE_KEY, name); } catch { /* not remembered */ }
}

/**
 * Wires the tablist `list` (its role="tab" buttons name their panels by aria-controls).
 * Returns { isPhone() }.
 */
export function installPanelTabs(list, win = window) {
  const tabs = [...list.querySelectorAll('[role="tab"]')];
  const panels = new Map(tabs.map((tab) => [tab, document.getElementById(tab.getAttribute('aria-controls'))]));
  // A panel's own name (its heading), given back when it stops being a tab panel.
  const ownLabel = new Map([...panels.values()].map((panel) => [panel, panel.getAttribute('aria-labelledby')]));
  const phone = win.matchMedia(PHONE_QUERY);
  const stored = readStored();
  let chosen = tabs.find((tab) => tab.dataset.tab === stored) ?? tabs[0];

  function render() {
    for (const tab of tabs) {
      const on = tab === chosen;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      const panel = panels.get(tab);
      if (phone.matches) {
        panel.setAttribute('role', 'tabpanel');
        panel.setAttribute('aria-labelledby', tab.id);
        panel.hidden = !on;
      } else {
        panel.removeAttribute('role');
        const own = ownLabel.get(panel);
        if (own) panel.setAttribute('aria-labelledby', own);
        else panel.removeAttribute('aria-labelledby');
        panel.hidden = false;
      }
    }
  }

  function choose(tab, focus) {
    chosen = tab;
    store(tab.dataset.tab);
    render();
    if (focus) tab.focus();
  }

  for (const tab of tabs) tab.addEventListener('click', () => choose(tab, false));
  list.addEventListener('keydown', (event) => {
    const at = tabs.indexOf(event.target);
    if (at < 0) return;
    const next = {
      ArrowRight: (at + 1) % tabs.length,
      ArrowLeft: (at - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    choose(tabs[next], true);
  });
  phone.addEventListener('change', render);
  render();
  return { isPhone: () => phone.matches };
}
