// Bundles a built site's modules (dist/, once scripts/dist.mjs has copied them there) into a
// few files: each page's module scripts are the entries, the modules they share go into common
// chunks (esbuild, code splitting), minified on the way. A first visit of index.html then makes
// eight module requests instead of forty. Over HTTP/1.1, six connections to a host, the forty
// arrived in waves, and the page started its runtime only once the last wave was in.
//
// Kept as their own files, not bundled: the wasm package (www/pkg/, wasm-bindgen's glue finds
// its .wasm beside itself) and a page's module script with no imports (index.html's
// first-paint.js, which paints the title the moment it arrives). Every other module must sit in
// the entries' folder, so that its new URL('…', import.meta.url) resolves from a chunk as it did
// from the module. A page that preloads its modules (<link rel="modulepreload">) gets its
// preloads rewritten: the files its module scripts now import statically, in place of the
// modules that are gone.
//
// As a module: bundleModules(out, pages, modules) → { written, removed } (paths relative to out):
// pages [{ page, loads }] as scanHtml (scripts/dist.mjs) read them, modules every module of their
// graphs. The caller minifies the rest.

import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';

import { esbuild } from './minify.mjs';

const toRel = (out, abs) => relative(out, abs).split(sep).join('/');
const hasImports = (source) => /^[ \t]*(?:import|export)\b[^;]*?\bfrom\s*['"]|^[ \t]*import\s*['"(]|\bimport\s*\(/m.test(source);

/**
 * Bundles the module scripts of `pages` in `out`. `modules` lists every module of their graphs
 * (paths relative to out). Throws an Error naming the module if one lives outside the entries'
 * folder (its import.meta.url would change).
 */
export async function bundleModules(out, pages, modules) {
  const scripts = new Map(); // module script → whether it is bundled (it imports something)
  for (const { page, loads } of pages) {
    for (const load of loads.filter((l) => l.role === 'module')) {
      const rel = posix.normalize(posix.join(posix.dirname(page), load.url));
      scripts.set(rel, hasImports(await readFile(join(out, rel), 'utf8')));
    }
  }
  const entries = [...scripts].filter(([, bundled]) => bundled).map(([rel]) => rel);
  if (entries.length === 0) return { written: [], removed: [] };
  const folder = posix.dirname(entries[0]);
  const kept = (rel) => rel.startsWith(`${folder}/pkg/`) || scripts.get(rel) === false;
  for (const rel of modules) {
    if (!kept(rel) && posix.dirname(rel) !== folder) throw new Error(`bundle: ${rel} is outside ${folder}/, where its code would run from a chunk`);
  }

  const keepApart = {
    name: 'keep-apart',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const rel = toRel(out, join(args.resolveDir, args.path));
        return kept(rel) ? { path: args.path, external: true } : undefined;
      });
    },
  };
  const result = await esbuild().build({
    absWorkingDir: out, // the metafile's paths are then relative to out
    entryPoints: entries,
    outbase: '.',
    outdir: '.',
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    legalComments: 'none',
    charset: 'utf8',
    chunkNames: `${folder}/chunk-[hash]`,
    allowOverwrite: true,
    metafile: true,
    write: true,
    logLevel: 'silent',
    plugins: [keepApart],
  });
  const outputs = result.metafile.outputs;
  const written = Object.keys(outputs);
  const removed = modules.filter((rel) => !kept(rel) && !written.includes(rel));
  for (const rel of removed) await rm(join(out, rel));

  // What each output imports statically, for the preloads.
  const imports = new Map();
  for (const [from, meta] of Object.entries(outputs)) {
    imports.set(from, meta.imports.filter((i) => i.kind === 'import-statement')
      .map((i) => (i.external ? posix.normalize(posix.join(posix.dirname(from), i.path)) : i.path)));
  }
  for (const { page, loads } of pages) {
    const preloads = loads.filter((l) => l.role === 'modulepreload');
    if (preloads.length === 0) continue;
    const base = posix.dirname(page);
    const wanted = new Set(preloads.map((l) => posix.normalize(posix.join(base, l.url))).filter((rel) => !removed.includes(rel)));
    const visit = (rel) => {
      for (const dep of imports.get(rel) ?? []) {
        if (!wanted.has(dep)) { wanted.add(dep); visit(dep); }
      }
    };
    for (const load of loads.filter((l) => l.role === 'module')) visit(posix.normalize(posix.join(base, load.url)));
    // The preloads that still name a file stay where they are; those of bundled modules go, and
    // the chunks come after the last one left.
    let html = await readFile(join(out, page), 'utf8');
    const lineOf = (text) => new RegExp(`^[ \\t]*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*\\n`, 'm');
    const named = new Set();
    let last = null;
    for (const load of preloads) {
      const rel = posix.normalize(posix.join(base, load.url));
      if (removed.includes(rel)) html = html.replace(lineOf(load.text), '');
      else { named.add(rel); last = load; }
    }
    const added = [...wanted].filter((rel) => !named.has(rel));
    if (added.length) {
      const at = last ? lineOf(last.text).exec(html) : null;
      if (!at) throw new Error(`bundle: ${page}: no preload left to put the chunks' preloads after`);
      const indent = /^[ \t]*/.exec(at[0])[0];
      const block = added.map((rel) => `${indent}<link rel="modulepreload" href="${posix.relative(base, rel)}">\n`).join('');
      html = html.slice(0, at.index + at[0].length) + block + html.slice(at.index + at[0].length);
    }
    await writeFile(join(out, page), html);
  }
  return { written, removed };
}
