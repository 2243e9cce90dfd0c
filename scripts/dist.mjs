// Builds the deployable site from the repo root (index.html + www/, with the built www/pkg):
//
//   dist/                 exactly the files index.html needs, found by following its references
//                         and the module graph from its module script, and likewise those of the
//                         embed view (embed.html) and its example (docs/example.html); relative
//                         URLs only, so it works unchanged on any static host, at the root or
//                         under a sub-path. Its modules are bundled into a few chunks
//                         (scripts/bundle.mjs), its other scripts and its styles minified
//                         (scripts/minify.mjs).
//   dist/loopscope.html   the whole site in one file that also works opened from disk (file://):
//                         style and classic script inlined, favicon as a data: URL, and a small
//                         module loader holding every module's text, the worker's text and the
//                         wasm (base64). It turns each into a Blob URL, dependencies first, with
//                         each relative specifier or URL literal swapped for its Blob URL.
//
// A folder the page fetches files from on demand (the lessons' source texts, crate/lessons/) is
// named by one module as new URL('<dir>/', import.meta.url), with a trailing slash; that module
// exports folderFiles(), the names of the files it may fetch there, and may export
// folderText(name, text), what to ship of each (a part of it the page never shows left out);
// the build imports it in Node to ask. dist/ gets those files (and no other of the folder); the
// single file gets one Blob of JSON, { name: text }, in the folder URL's place, which the module
// reads instead.
//
// Usage: node scripts/dist.mjs [--out DIR]   (DIR defaults to dist/ at the repo root)
// `make dist` builds www/pkg first. Every reference is checked: anything absolute, missing or
// of a form the single file cannot rewrite stops the build with a message naming file and
// text, so a refactor cannot silently ship a broken site.
//
// A page's <link rel="modulepreload"> and <link rel="preload"> (index.html fetches its module
// graph and the wasm from its head) must name files that page loads: a preload of anything
// else stops the build (it would be fetched for nothing). A module the page imports statically
// but does not preload only slows its start: the build lists those (`unpreloaded`, and a
// warning on the command line) and tests/e2e/dist.test.mjs requires none for index.html. The
// single file drops the preloads: everything in it is inline already.
//
// As a module: buildDist({ root, out }) → { out, files, singleFile, unpreloaded } (paths
// relative to out; unpreloaded: { page: [module, ...] } for each page that preloads modules).

import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { BundleError, bundleModules } from './bundle.mjs';
import { minifyFiles } from './minify.mjs';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SINGLE_FILE = 'loopscope.html';

const MIME = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
const TEXT_TYPES = new Set(['text/javascript', 'text/css', 'image/svg+xml', 'application/json']);

/**
 * What the single file must still find after any refactor: the wasm glue in the module graph,
 * the wasm it loads through `new URL(…, import.meta.url)`, and the worker script the page
 * points the blocking lesson at. Without these the single file would run but fall back to
 * fetching files that are not there.
 */
const EXPECTED = [
  { kind: 'dynamic', to: 'www/pkg/loopscope.js' },
  { kind: 'url', to: 'www/pkg/loopscope_bg.wasm' },
  { kind: 'url', to: 'www/worker.js' },
  { kind: 'url', to: 'crate/lessons' }, // the lessons' source texts, a folder (www/sources.js)
];

export class DistError extends Error {}
const fail = (msg) => {
  throw new DistError(msg);
};

const mimeOf = (path) => MIME[extname(path).toLowerCase()] ?? fail(`${path}: no known media type for its extension`);
const lineOf = (text, index) => text.slice(0, index).split('\n').length;

// A URL is "relative" here when it names a path beside its referrer: no scheme, no leading
// slash (a root-relative path breaks under a sub-path), no protocol-relative //host.
const hasScheme = (url) => /^[a-z][a-z0-9+.-]*:/i.test(url);
const isRelativePath = (url) => !hasScheme(url) && !url.startsWith('/') && !url.startsWith('#') && url !== '';

/** Repo-relative path (forward slashes) of `url` resolved against the file `fromRel`. */
function resolveRel(fromRel, url, root) {
  const clean = url.split(/[?#]/)[0];
  const abs = resolve(root, dirname(fromRel), clean);
  if (abs !== root && !abs.startsWith(root + sep)) fail(`${fromRel}: '${url}' points outside the site`);
  return relative(root, abs).split(sep).join('/');
}

function requireFile(root, rel, referrer, literal) {
  const abs = join(root, rel);
  if (!existsSync(abs) || !statSync(abs).isFile()) {
    const hint = rel.startsWith('www/pkg/') ? ' (run `make build` first: www/pkg is the built wasm package)' : '';
    fail(`${referrer}: '${literal}' names ${rel}, which does not exist${hint}`);
  }
}

// ---------- modules ----------

// Patterns the loader can rewrite. Static imports/re-exports are matched from a statement start
// so a comment mentioning one is not taken for one; the quoted literal is group 2 in each.
const STATIC_RE = /^[ \t]*(?:import|export)\b[^;'"`]*?\bfrom\s*(['"])([^'"\n]+)\1/gm;
const BARE_IMPORT_RE = /^[ \t]*import\s*(['"])([^'"\n]+)\1/gm;
const DYNAMIC_RE = /\bimport\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;
const URL_RE = /\bnew\s+URL\s*\(\s*(['"])([^'"\n]+)\1\s*,\s*import\.meta\.url\s*\)/g;

/**
 * The module-relative references of one ES module's source: [{ kind, literal, spec, start, end }]
 * where start/end delimit the quoted literal (quotes included), sorted by position. Throws on
 * any form it cannot rewrite: a computed import(), another use of import.meta, a bare or an
 * absolute specifier (blob: ones only with allowBlob, for the check after rewriting).
 */
export function scanModule(source, name, { allowBlob = false } = {}) {
  const refs = [];
  const collect = (re, kind) => {
    for (const m of source.matchAll(re)) {
      const quoted = `${m[1]}${m[2]}${m[1]}`;
      const start = m.index + m[0].lastIndexOf(quoted);
      refs.push({
        kind, literal: quoted, spec: m[2], start, end: start + quoted.length,
        matchStart: m.index, matchEnd: m.index + m[0].length,
      });
    }
  };
  collect(STATIC_RE, 'static');
  collect(BARE_IMPORT_RE, 'static');
  collect(DYNAMIC_RE, 'dynamic');
  collect(URL_RE, 'url');
  refs.sort((a, b) => a.start - b.start);

  const within = (kind, index) => refs.some((r) => r.kind === kind && index >= r.matchStart && index < r.matchEnd);
  for (const m of source.matchAll(/\bimport\s*\(/g)) {
    if (!within('dynamic', m.index)) {
      fail(`${name}:${lineOf(source, m.index)}: import() without a string literal cannot be bundled into the single file`);
    }
  }
  for (const m of source.matchAll(/\bimport\.meta\b/g)) {
    if (!within('url', m.index)) {
      fail(`${name}:${lineOf(source, m.index)}: import.meta is used other than as new URL('<file>', import.meta.url)`);
    }
  }
  for (const r of refs) {
    if (allowBlob && r.spec.startsWith('blob:')) continue;
    if (hasScheme(r.spec) || r.spec.startsWith('/')) {
      fail(`${name}:${lineOf(source, r.start)}: ${r.literal} is not relative; the site must work under any sub-path`);
    }
    if (r.kind !== 'url' && !/^\.\.?\//.test(r.spec)) {
      fail(`${name}:${lineOf(source, r.start)}: bare specifier ${r.literal} (no import map on a static host)`);
    }
  }
  return refs;
}

/**
 * The files a folder reference of module `rel` names (see the top of this file): { name: text
 * to ship } for each of the module's folderFiles(), a plain name of a file in the folder.
 */
async function folderFiles(root, rel, folder) {
  let names;
  let shape = (name, text) => text;
  try {
    const mod = await import(pathToFileURL(join(root, rel)).href);
    names = mod.folderFiles?.();
    if (typeof mod.folderText === 'function') shape = mod.folderText;
  } catch (err) {
    fail(`${rel}: names the folder ${folder}/ but could not be imported in Node to list its files: ${err.message}`);
  }
  if (!Array.isArray(names) || names.length === 0) fail(`${rel}: names the folder ${folder}/ but exports no folderFiles() listing its files`);
  for (const name of names) {
    if (typeof name !== 'string' || !/^[\w.-]+$/.test(name) || name.startsWith('.')) fail(`${rel}: folderFiles() gives ${JSON.stringify(name)}, not a plain file name`);
    requireFile(root, `${folder}/${name}`, rel, `${folder}/${name}`);
  }
  const texts = {};
  for (const name of [...new Set(names)].sort()) {
    const text = shape(name, await readFile(join(root, folder, name), 'utf8'));
    if (typeof text !== 'string') fail(`${rel}: folderText('${name}', …) gives no text`);
    texts[name] = text;
  }
  return texts;
}

/**
 * Walks the module graph from `entry` (repo-relative). Returns { order, info } where order lists
 * every module, URL asset and folder, each after what it references, and info maps a path to
 * { kind: 'module' | 'asset' | 'folder', source?, texts? (a folder's: { name: text }), refs: [{ ..., target }] }.
 */
async function walkGraph(root, entry) {
  const info = new Map();
  const order = [];
  const visiting = new Set();

  async function visit(rel, kind, chain) {
    if (info.has(rel)) {
      if (info.get(rel).kind !== kind) fail(`${rel} is used both as a module and as a URL asset`);
      return;
    }
    if (visiting.has(rel)) {
      // A Blob URL exists only once its text is final, so a cycle has no order to build in.
      fail(`import cycle ${[...chain, rel].join(' → ')}: the single file cannot build cyclic imports`);
    }
    visiting.add(rel);
    const node = { kind, refs: [] };
    if (kind === 'module') {
      node.source = await readFile(join(root, rel), 'utf8');
      for (const ref of scanModule(node.source, rel)) {
        const target = resolveRel(rel, ref.spec, root);
        const folder = ref.kind === 'url' && ref.spec.endsWith('/');
        if (folder) {
          if (!existsSync(join(root, target)) || !statSync(join(root, target)).isDirectory()) fail(`${rel}: '${ref.spec}' names ${target}/, which is not a folder`);
        } else {
          requireFile(root, target, rel, ref.spec);
        }
        const targetKind = folder ? 'folder' : ref.kind === 'url' ? 'asset' : 'module';
        if (targetKind === 'module' && mimeOf(target) !== 'text/javascript') {
          fail(`${rel}: imports ${ref.literal}, not a JavaScript module (JSON/CSS modules are not bundled)`);
        }
        node.refs.push({ ...ref, target });
        if (folder && !info.has(target)) {
          info.set(target, { kind: 'folder', texts: await folderFiles(root, rel, target), refs: [] });
          order.push(target);
        } else if (folder && info.get(target).kind !== 'folder') {
          fail(`${target} is used both as a folder and as a file`);
        } else if (!folder) {
          await visit(target, targetKind, [...chain, rel]);
        }
      }
    } else if (mimeOf(rel) === 'text/javascript') {
      // A worker script loaded from a Blob URL has no base to resolve its own imports from.
      const text = await readFile(join(root, rel), 'utf8');
      if (/\bimportScripts\s*\(|^[ \t]*import\b|\bimport\s*\(/m.test(text)) {
        fail(`${rel}: a script loaded by URL imports other files; the single file cannot rewrite those`);
      }
    }
    visiting.delete(rel);
    info.set(rel, node);
    order.push(rel);
  }

  await visit(entry, 'module', []);
  return { order, info };
}

// ---------- index.html ----------

/**
 * The tags of index.html that load something: [{ tag, text, start, attrs, url, role }], role
 * one of stylesheet | icon | module | modulepreload | preload | classic-script | asset. Checks
 * that every URL is relative.
 */
export function scanHtml(html, name = 'index.html') {
  const loads = [];
  if (/<base\b/i.test(html)) fail(`${name}: a <base> element changes how every relative URL resolves`);
  for (const m of html.matchAll(/<([a-z][a-z0-9-]*)\b([^>]*)>/gi)) {
    const tag = m[1].toLowerCase();
    const attrs = {};
    for (const a of m[2].matchAll(/([a-z][a-z0-9-:]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/gi)) {
      attrs[a[1].toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    }
    for (const key of ['src', 'href', 'srcset', 'poster', 'data']) {
      if (!(key in attrs)) continue;
      const url = attrs[key].trim();
      const where = `${name}:${lineOf(html, m.index)}: <${tag} ${key}="${url}">`;
      if (key === 'srcset') fail(`${where}: srcset is not supported by the build`);
      if (url.startsWith('#') || url.startsWith('data:')) continue;
      // A link the user follows is not a load; anything the page fetches must stay on the site.
      if (tag === 'a' && hasScheme(url)) continue;
      if (hasScheme(url) || url.startsWith('/')) fail(`${where}: not relative; the site must work under any sub-path`);
      if (tag === 'a') fail(`${where}: a link to another file of the site is not part of the build`);
      let role = 'asset';
      const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
      if (tag === 'link' && rel.includes('stylesheet')) role = 'stylesheet';
      else if (tag === 'link' && rel.includes('icon')) role = 'icon';
      else if (tag === 'link' && rel.includes('modulepreload')) role = 'modulepreload';
      else if (tag === 'link' && rel.includes('preload')) role = 'preload';
      else if (tag === 'script' && attrs.type === 'module') role = 'module';
      else if (tag === 'script') role = 'classic-script';
      loads.push({ tag, text: m[0], start: m.index, attrs, url, role });
    }
  }
  return loads;
}

// ---------- CSS ----------

const CSS_URL_RE = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g;

function scanCss(css, name) {
  if (/@import\b/.test(css)) fail(`${name}: @import is not supported by the build`);
  const urls = [];
  for (const m of css.matchAll(CSS_URL_RE)) {
    const url = m[2].trim();
    if (url.startsWith('data:') || url.startsWith('#')) continue;
    if (!isRelativePath(url)) fail(`${name}:${lineOf(css, m.index)}: url(${url}) is not relative`);
    urls.push({ match: m[0], url, start: m.index });
  }
  return urls;
}

// ---------- the single file ----------

const dataUrl = (type, bytes) => `data:${type};base64,${bytes.toString('base64')}`;

// Runs in the page. ENTRIES: [{ t: type, p: [text | index of an earlier entry, ...] } |
// { t: type, b: base64 }], each after what it references; the last one is the entry module.
// An index becomes that entry's Blob URL as a JS string literal. URLs are never revoked: the
// worker is started, and the wasm fetched, long after start.
const LOADER = `const urls = [];
for (const e of ENTRIES) {
  let body;
  if (e.b !== undefined) {
    const s = atob(e.b);
    body = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i += 1) body[i] = s.charCodeAt(i);
  } else {
    body = e.p.map((x) => (typeof x === 'number' ? JSON.stringify(urls[x]) : x)).join('');
  }
  urls.push(URL.createObjectURL(new Blob([body], { type: e.t })));
}
await import(urls[urls.length - 1]);`;

/** The entries of the loader for the graph: module texts split at every rewritten literal. */
async function loaderEntries(root, graph) {
  const index = new Map(graph.order.map((rel, i) => [rel, i]));
  const entries = [];
  for (const rel of graph.order) {
    const node = graph.info.get(rel);
    if (node.kind === 'folder') {
      entries.push({ t: 'application/json', p: [JSON.stringify(node.texts)] });
      continue;
    }
    const type = mimeOf(rel);
    if (node.kind === 'asset') {
      const bytes = await readFile(join(root, rel));
      entries.push(TEXT_TYPES.has(type) ? { t: type, p: [bytes.toString('utf8')] } : { t: type, b: bytes.toString('base64') });
      continue;
    }
    const { source, refs } = node;
    const parts = [];
    let at = 0;
    for (const ref of refs) {
      if (source.slice(ref.start, ref.end) !== ref.literal) fail(`${rel}: internal error, ${ref.literal} moved`);
      parts.push(source.slice(at, ref.start), index.get(ref.target));
      at = ref.end;
    }
    parts.push(source.slice(at));
    // Checked: with every literal replaced, no module-relative reference may be left.
    const rewritten = parts.map((x) => (typeof x === 'number' ? JSON.stringify(`blob:x/${x}`) : x)).join('');
    const left = scanModule(rewritten, `${rel} (rewritten)`, { allowBlob: true }).filter((r) => !r.spec.startsWith('blob:'));
    if (left.length) fail(`${rel}: references left after rewriting: ${left.map((r) => r.literal).join(', ')}`);
    entries.push({ t: type, p: parts });
  }
  return entries;
}

/** Text inside <script> or <style> must not close the element early. */
const scriptSafe = (json) => json.replace(/</g, '\\u003c');

async function singleFileHtml(root, html, loads, graph) {
  let out = html;
  const replaceOnce = (text, by, what) => {
    const first = out.indexOf(text);
    if (first < 0 || out.indexOf(text, first + 1) >= 0) fail(`index.html: ${what} must appear exactly once`);
    out = out.slice(0, first) + by + out.slice(first + text.length);
  };
  // Removes `text` and the line it stands on (its indentation and line break included).
  const dropLine = (text) => {
    const at = out.indexOf(text);
    if (at < 0 || out.indexOf(text, at + 1) >= 0) fail(`index.html: ${text} must appear exactly once`);
    const from = out.lastIndexOf('\n', at);
    const end = out.indexOf('\n', at);
    if (from < 0 || end < 0 || out.slice(from + 1, at).trim() || out.slice(at + text.length, end).trim()) {
      fail(`index.html: ${text} must stand on a line of its own`);
    }
    out = out.slice(0, from) + out.slice(end);
  };
  const modules = loads.filter((l) => l.role === 'module' && !('async' in l.attrs));
  if (modules.length !== 1) fail(`index.html: the single file needs exactly one <script type="module" src> (not async), found ${modules.length}`);

  for (const load of loads) {
    const rel = resolveRel('index.html', load.url, root);
    if (load.role === 'stylesheet') {
      let css = await readFile(join(root, rel), 'utf8');
      for (const u of scanCss(css, rel).reverse()) {
        const target = resolveRel(rel, u.url, root);
        const inline = `url("${dataUrl(mimeOf(target), await readFile(join(root, target)))}")`;
        css = css.slice(0, u.start) + inline + css.slice(u.start + u.match.length);
      }
      if (/<\/style/i.test(css)) fail(`${rel}: contains "</style", which would end the inline <style>`);
      replaceOnce(load.text, `<style>\n${css}</style>`, load.text);
    } else if (load.role === 'icon') {
      const url = dataUrl(mimeOf(rel), await readFile(join(root, rel)));
      replaceOnce(load.text, load.text.replace(`"${load.url}"`, `"${url}"`), load.text);
    } else if (load.role === 'classic-script') {
      const closing = `${load.text}</script>`;
      replaceOnce(closing, `<script>\n${await readFile(join(root, rel), 'utf8')}</script>`, `${closing} (with its </script> right after it)`);
    } else if (load.role === 'modulepreload' || load.role === 'preload') {
      dropLine(load.text); // everything is inline in the single file
    } else if (load.role === 'module' && 'async' in load.attrs) {
      // An async module script that starts part of the page early (index.html: runtime.js) runs
      // in the single file as part of the entry's graph: it must be one of its modules.
      if (graph.info.get(rel)?.kind !== 'module') {
        fail(`index.html: ${load.text} loads ${rel}, which the entry module does not import; the single file carries one module graph`);
      }
      dropLine(`${load.text}</script>`);
    } else if (load.role === 'module') {
      const closing = `${load.text}</script>`;
      const entries = await loaderEntries(root, graph);
      const script = `<script type="module">\nconst ENTRIES = ${scriptSafe(JSON.stringify(entries))};\n${LOADER}\n</script>`;
      replaceOnce(closing, script, `${closing} (the module script, with its </script> right after it)`);
    } else {
      fail(`index.html: ${load.text} loads ${load.url}; the single file inlines only the stylesheet, the icon and the scripts`);
    }
  }
  // Checked: nothing in the single file may still point at a file beside it.
  const left = scanHtml(out, SINGLE_FILE);
  if (left.length) fail(`${SINGLE_FILE}: still loads ${left.map((l) => l.url).join(', ')}`);
  return out;
}

// ---------- dist ----------

/** Refuses an output folder whose removal would delete sources. */
function checkOut(root, out) {
  const inside = (dir, parent) => dir === parent || dir.startsWith(parent + sep);
  if (inside(root, out)) fail(`--out ${out} contains the sources`);
  if (inside(out, root) && !inside(out, join(root, 'dist'))) fail(`--out ${out}: inside the repo, only dist/ is allowed`);
}

/** Pages copied beside index.html (not into the single file): the embed view and its example. */
export const EXTRA_PAGES = ['embed.html', 'docs/example.html'];

/** The modules `entry` imports statically, directly or not (itself included), from a walked graph. */
function staticModules(graph, entry) {
  const seen = new Set();
  const visit = (rel) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    for (const ref of graph.info.get(rel).refs) if (ref.kind === 'static') visit(ref.target);
  };
  visit(entry);
  return seen;
}

/**
 * Checks a page's preloads against what its module scripts load: each modulepreload must be a
 * module of their graphs and each preload an asset of them (else it is fetched for nothing).
 * Returns the modules the scripts import statically that no modulepreload names, sorted
 * (empty for a page without modulepreloads: it has not chosen to preload).
 */
function checkPreloads(root, page, loads, graphs) {
  const preloads = loads.filter((l) => l.role === 'modulepreload' || l.role === 'preload');
  const named = new Set();
  for (const load of preloads) {
    const rel = resolveRel(page, load.url, root);
    const want = load.role === 'modulepreload' ? 'module' : 'asset';
    const node = graphs.map((g) => g.info.get(rel)).find((n) => n !== undefined);
    if (node?.kind !== want) {
      const as = want === 'module' ? 'a module' : 'a file loaded through new URL(…, import.meta.url)';
      fail(`${page}: ${load.text} preloads ${rel}, which is not ${as} of the page: it would be fetched for nothing`);
    }
    if (load.role === 'preload' && /\.wasm$/.test(rel) && !(load.attrs.as === 'fetch' && 'crossorigin' in load.attrs)) {
      fail(`${page}: ${load.text}: a wasm preload needs as="fetch" and crossorigin, or wasm-bindgen's fetch cannot use it`);
    }
    named.add(rel);
  }
  if (!preloads.some((l) => l.role === 'modulepreload')) return [];
  const entries = loads.filter((l) => l.role === 'module').map((l) => resolveRel(page, l.url, root));
  const wanted = new Set();
  graphs.forEach((g, i) => { for (const rel of staticModules(g, entries[i])) wanted.add(rel); });
  for (const entry of entries) wanted.delete(entry); // its own <script> tag names it already
  return [...wanted].filter((rel) => !named.has(rel)).sort();
}

/**
 * A page's classic script (index.html: first-paint.js, which paints the title as the page is
 * parsed) is shipped as it is, minified, and inlined in the single file: it may load nothing
 * (the build follows no reference from it) and must not close its inline <script> early.
 */
function checkClassicScript(text, rel) {
  const load = text.match(/\bimport\s*\(|\bimport\s*\.\s*meta\b|\bnew\s+URL\s*\(|\bfetch\s*\(|\bimportScripts\s*\(/);
  if (load) fail(`${rel}: a classic script of the page loads something (${load[0]}); the build follows only module scripts`);
  if (/<\/script/i.test(text)) fail(`${rel}: contains "</script", which would end the single file's inline <script>`);
}

/**
 * Adds to `files` the page `page` and everything it loads: stylesheets (and what they
 * reference), icons, the module graph of each module script, and what it preloads; and to
 * `shipped` the text dist/ gets of each folder file (see the top of this file). Returns its
 * html, its loads (each with `rel`, the site path it names), the graph of its first module script (null if it has none), the modules
 * it imports statically but does not preload (checkPreloads) and every module it loads.
 */
async function collectPage(root, page, files, shipped) {
  const html = await readFile(join(root, page), 'utf8');
  const loads = scanHtml(html, page);
  files.add(page);
  let graph = null;
  const graphs = [];
  for (const load of loads) {
    const rel = resolveRel(page, load.url, root);
    load.rel = rel; // the site path it names, for the bundler
    requireFile(root, rel, page, load.url);
    files.add(rel);
    if (load.role === 'classic-script') {
      checkClassicScript(await readFile(join(root, rel), 'utf8'), rel);
    } else if (load.role === 'stylesheet') {
      const css = await readFile(join(root, rel), 'utf8');
      for (const u of scanCss(css, rel)) {
        const target = resolveRel(rel, u.url, root);
        requireFile(root, target, rel, u.url);
        files.add(target);
      }
    } else if (load.role === 'module') {
      const pageGraph = await walkGraph(root, rel);
      for (const f of pageGraph.order) {
        const node = pageGraph.info.get(f);
        if (node.kind !== 'folder') files.add(f); // modules and the assets they load by URL
        for (const [name, text] of Object.entries(node.texts ?? {})) { // fetched on demand
          files.add(`${f}/${name}`);
          shipped.set(`${f}/${name}`, text);
        }
      }
      if (!('async' in load.attrs)) graph ??= pageGraph; // the entry: an async script starts a part early
      graphs.push(pageGraph);
    }
  }
  graph ??= graphs[0] ?? null;
  const unpreloaded = checkPreloads(root, page, loads, graphs);
  const modules = new Set(); // every module the page loads
  for (const g of graphs) {
    for (const [rel, node] of g.info) if (node.kind === 'module') modules.add(rel);
  }
  return { html, loads, graph, unpreloaded, modules };
}

export async function buildDist({ root = REPO_ROOT, out } = {}) {
  root = resolve(root);
  out = resolve(out ?? join(root, 'dist'));
  checkOut(root, out);

  const files = new Set();
  const shipped = new Map(); // folder file → the text dist/ gets of it
  const { html, loads, graph, unpreloaded: indexUnpreloaded, modules } = await collectPage(root, 'index.html', files, shipped);
  const pages = [{ page: 'index.html', loads }];
  const unpreloaded = { 'index.html': indexUnpreloaded };
  if (!graph) fail('index.html: no <script type="module" src>; nothing to build');
  for (const want of EXPECTED) {
    const found = [...graph.info.values()].some((n) => n.refs.some((r) => r.kind === want.kind && r.target === want.to));
    if (!found) {
      const form = want.kind === 'url' ? `new URL('…', import.meta.url)` : `import('…')`;
      fail(`no module references ${want.to} as ${form}; the single file would fetch it from disk (update EXPECTED in scripts/dist.mjs if it moved on purpose)`);
    }
  }

  const single = await singleFileHtml(root, html, loads, graph);
  for (const page of EXTRA_PAGES) {
    if (!existsSync(join(root, page))) continue;
    const collected = await collectPage(root, page, files, shipped);
    unpreloaded[page] = collected.unpreloaded;
    pages.push({ page, loads: collected.loads });
    for (const rel of collected.modules) modules.add(rel);
  }

  await rm(out, { recursive: true, force: true });
  for (const rel of [...files].sort()) {
    await mkdir(dirname(join(out, rel)), { recursive: true });
    await writeFile(join(out, rel), shipped.get(rel) ?? await readFile(join(root, rel)));
  }
  // Once written, the modules are bundled into a few files (scripts/bundle.mjs) and the rest
  // is minified (scripts/minify.mjs). The single file keeps the sources' text as read above.
  let bundled;
  try {
    bundled = await bundleModules(out, pages, modules);
  } catch (err) {
    if (err instanceof BundleError) fail(`bundle: ${err.message}`);
    throw err;
  }
  for (const rel of bundled.removed) files.delete(rel);
  for (const rel of bundled.written) files.add(rel);
  await minifyFiles(out, [...files].filter((rel) => !bundled.written.includes(rel)));
  await writeFile(join(out, SINGLE_FILE), single);
  return { out, files: [...files].sort(), singleFile: SINGLE_FILE, unpreloaded };
}

// ---------- command line ----------

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const args = process.argv.slice(2);
  let out;
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--out' && args[i + 1]) out = args[(i += 1)];
    else if (args[i].startsWith('--out=')) out = args[i].slice('--out='.length);
    else {
      console.error('usage: node scripts/dist.mjs [--out DIR]');
      process.exit(2);
    }
  }
  try {
    const result = await buildDist({ out: out && (isAbsolute(out) ? out : resolve(process.cwd(), out)) });
    const size = (rel) => statSync(join(result.out, rel)).size;
    const rel = relative(process.cwd(), result.out);
    const shown = rel === '' ? '.' : rel.startsWith('..') ? result.out : rel;
    for (const rel of result.files) console.log(`  ${rel.padEnd(32)} ${String(size(rel)).padStart(9)} B`);
    console.log(`dist: ${result.files.length} files in ${shown}/, single file ${shown}/${SINGLE_FILE} (${size(SINGLE_FILE)} B)`);
    for (const [page, modules] of Object.entries(result.unpreloaded)) {
      if (modules.length) console.warn(`dist: warning: ${page} imports ${modules.join(', ')} but does not preload it (add a <link rel="modulepreload">)`);
    }
  } catch (err) {
    if (!(err instanceof DistError)) throw err;
    console.error(`dist: error: ${err.message}`);
    process.exit(1);
  }
}
