// The learner's own program: the blank lesson ("script", a short example in each language) and
// a program carried in the address as `#code=<base64url of its UTF-8 bytes>`, so a copied link
// opens, and runs, the same program; and which Python a lesson shows. Pure (no DOM, no wasm),
// so it can be tested in Node. A bad `code=` value never throws: it comes back as a reason the
// page turns into a note.

import { MAX_SCRIPT_BYTES } from './wire.js';
import { pythonFile, textOf } from './sources.js';

/** The blank lesson's id (`#lesson=script`); the crate records its runs as lesson "script". */
export const SCRIPT_LESSON = 'script';
export const SCRIPT_VARIANT = 'main';
/** bytes of UTF-8 source a link may carry at most: the crate's own bound (wire.js). */
export const MAX_CODE_BYTES = MAX_SCRIPT_BYTES;
/** base64url characters that can hold MAX_CODE_BYTES: anything longer is too long unread. */
const MAX_CODE_CHARS = Math.ceil((MAX_CODE_BYTES * 4) / 3) + 4;

const EXAMPLE = {
  en: `import asyncio

async def make(drink, seconds):
    print(f"{drink}: started")
    await asyncio.sleep(seconds)
    print(f"{drink}: ready after {seconds} s")
    return drink

async def main():
    tea = asyncio.create_task(make("tea", 1), name="tea")
    coffee = asyncio.create_task(make("coffee", 2), name="coffee")
    done = await asyncio.gather(tea, coffee)
    print("both ready:", done)

asyncio.run(main())
`,
  tr: `import asyncio

async def hazirla(icecek, saniye):
    print(f"{icecek}: hazırlanıyor")
    await asyncio.sleep(saniye)
    print(f"{icecek}: {saniye} saniyede hazır")
    return icecek

async def main():
    cay = asyncio.create_task(hazirla("çay", 1), name="çay")
    kahve = asyncio.create_task(hazirla("kahve", 2), name="kahve")
    hazir = await asyncio.gather(cay, kahve)
    print("ikisi de hazır:", hazir)

asyncio.run(main())
`,
};

/**
 * The blank lesson, shaped like an entry of the crate's lessons(): Python only (no Rust, no
 * parameters, no live controls), its example carried here (`python`, one per language) where a
 * lesson's is a file. `rustless` tells the page its Rust switch has nothing to run.
 */
export function scriptLesson() {
  return {
    id: SCRIPT_LESSON,
    title: { tr: 'Kendi programın', en: 'Your own program' },
    summary: {
      tr: 'Python kodunu yaz ve çalıştır: her görev zaman çizelgesinde kendi satırını alır. Örnek iki görevi gather ile aynı anda bekletir.',
      en: 'Write Python and run it: each task gets its own lane on the timeline. The example waits on two tasks at once with gather.',
    },
    seed: '',
    rustless: true,
    params: [],
    controls: [],
    variants: [{ id: SCRIPT_VARIANT, label: { tr: 'main.py', en: 'main.py' }, python: EXAMPLE }],
  };
}

/** UTF-8 text → base64url without padding. */
export function encodeCode(text) {
  const bytes = new TextEncoder().encode(String(text));
  let binary = '';
  const CHUNK = 0x8000; // String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * A `code=` value → {text} or {error: 'base64' | 'utf8' | 'tooLong'}. Padding ('=') is
 * accepted; '+' and '/' are not (a '+' would already have become a space in the address).
 */
export function decodeCode(value) {
  const s = String(value ?? '').trim().replace(/=+$/, '');
  if (s.length > MAX_CODE_CHARS) return { error: 'tooLong' };
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return { error: 'base64' };
  let binary;
  try {
    binary = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return { error: 'base64' };
  }
  if (binary.length > MAX_CODE_BYTES) return { error: 'tooLong' };
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: 'utf8' };
  }
}

/**
 * The Python a lesson variant shows in `lang`: the seed's Turkish program or its English twin,
 * or, where the seed's own program cannot run as printed, its corrected version (a file of
 * crate/lessons/, sources.js); the blank lesson's example, one per language. '' while the file
 * is not in yet (lesson-view.js asks for it and shows it when it comes).
 */
export function lessonPython(lesson, variantId, pickText, lang) {
  const variant = lesson?.variants?.find((v) => v.id === variantId);
  if (variant?.python !== undefined) return pickText(variant.python, lang);
  const file = pythonFile(lesson?.id, variantId, lang);
  return (file && textOf(file)) ?? '';
}
