// Bundles a built site's modules (dist/, once scripts/dist.mjs has copied them there) into a
// few files: each page's module scripts are the entries, the modules they share go into common
// chunks (esbuild, code splitting), minified on the way. A first visit then makes a handful of
// module requests instead of one per module (forty when this was written): over HTTP/1.1, six
// connections to a host, they arrived in waves, and the page started its runtime only once the
// last wave was in.
//
// Kept apart, not bundled: the wasm package (pkg/ beside the entries: wasm-bindgen's glue finds
// its .wasm beside itself). Every other module must sit in the entries' folder, so that its
// new URL('…', import.meta.url) resolves from a chunk as it did from the module. A page that preloads its modules (<link rel="modulepreload">) gets its
// preloads rewritten: the files its module scripts now import statically, in place of the
// modules that are gone; each preload left must name a file of the output.
//
// As a module: bundleModules(out, pages, modules) → { written, removed } (paths relative to out):
// pages [{ page, loads }] as scanHtml (scripts/dist.mjs) read them, each load with `rel`, the
// site path it names; modules, a Set of every module of their graphs. The caller minifies the rest. Throws a BundleError for a site it cannot bundle.

import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';

import { esbuild } from './minify.mjs';

export class BundleError extends Error {}

const toRel = (out, abs) => relative(out, abs).split(sep).join('/');
/** A regular expression matching `tag` standing alone on its line, line break included. */
const tagLine = (tag) => new RegExp(`^[ \\t]*${tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*\\r?\\n`, 'm');

export async function bundleModules(out, pages, modules) {
  const scripts = new Set(pages.flatMap(({ loads }) => loads.filter((l) => l.role === 'module').map((l) => l.rel)));
  const entries = [...scripts];
  if (entries.length === 0) return { written: [], removed: [] };
  const folder = posix.dirname(entries[0]);
  const inFolder = (rel) => (folder === '.' ? !rel.includes('/') : posix.dirname(rel) === folder);
  const kept = (rel) => rel.startsWith(folder === '.' ? 'pkg/' : `${folder}/pkg/`);
  for (const rel of modules) {
    if (!kept(rel) && !inFolder(rel)) throw new BundleError(`${rel} is outside ${folder}/, where its code would run from a chunk`);
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
  let result;
  try {
    result = await esbuild().build({
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
      chunkNames: folder === '.' ? 'chunk-[hash]' : `${folder}/chunk-[hash]`,
      allowOverwrite: true,
      metafile: true,
      write: true,
      logLevel: 'silent',
      plugins: [keepApart],
    });
  } catch (err) {
    throw new BundleError(`esbuild: ${err.message}`);
  }
  const outputs = result.metafile.outputs;
  const written = Object.keys(outputs);
  const removed = [...modules].filter((rel) => !kept(rel) && !written.includes(rel));
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
    const wanted = new Set(preloads.map((l) => l.rel).filter((rel) => !removed.includes(rel)));
    const visit = (rel) => {
      for (const dep of imports.get(rel) ?? []) {
        if (!wanted.has(dep)) { wanted.add(dep); visit(dep); }
      }
    };
    for (const load of loads.filter((l) => l.role === 'module')) visit(load.rel);
    // The preloads that still name a file stay where they are; those of bundled modules go, and
    // the chunks come after the last one left.
    let html = await readFile(join(out, page), 'utf8');
    const line = (load) => tagLine(load.text).exec(html) ?? (() => {
      throw new BundleError(`${page}: ${load.text} must stand on a line of its own to be rewritten`);
    })();
    const named = new Set();
    let last = null;
    for (const load of preloads) {
      if (removed.includes(load.rel)) {
        const at = line(load);
        html = html.slice(0, at.index) + html.slice(at.index + at[0].length);
      } else {
        named.add(load.rel);
        last = load;
      }
    }
    const added = [...wanted].filter((rel) => !named.has(rel));
    if (added.length) {
      if (!last) throw new BundleError(`${page}: no preload left to put the chunks' preloads after`);
      const at = line(last);
      const indent = /^[ \t]*/.exec(at[0])[0];
      const base = posix.dirname(page);
      const block = added.map((rel) => `${indent}<link rel="modulepreload" href="${posix.relative(base, rel)}">\n`).join('');
      html = html.slice(0, at.index + at[0].length) + block + html.slice(at.index + at[0].length);
    }
    for (const rel of wanted) {
      if (!existsSync(join(out, rel))) throw new BundleError(`${page}: preloads ${rel}, which the bundled site does not hold`);
    }
    await writeFile(join(out, page), html);
  }
  return { written, removed };
}
