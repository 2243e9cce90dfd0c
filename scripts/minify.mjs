// Minifies a built site's scripts and styles in place (esbuild's transform, one file at a time,
// no bundling), so dist/ ships the same modules with the same names and the same imports, only
// without comments and spaces and with short local names: about 40 % fewer gzipped bytes for
// the page's JavaScript and CSS. The sources in www/ stay as they are, for reading and for
// `make serve`.
//
//   node scripts/minify.mjs DIR      (every .js, .mjs and .css file under DIR)
//
// As a module: minifyFiles(dir, files) → { before, after } (bytes), files relative to dir.
// esbuild comes from the page tests' npm packages (tests/e2e: `make setup` installs them).

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const MINIFIABLE = new Set(['.js', '.mjs', '.css']);

/** esbuild, from tests/e2e's packages; a clear message when they are not installed. */
export function esbuild() {
  const require = createRequire(join(REPO_ROOT, 'tests/e2e/package.json'));
  try {
    return require('esbuild');
  } catch {
    throw new Error('minify: esbuild is missing; run `make setup` (it installs tests/e2e\'s npm packages)');
  }
}

/**
 * Minifies `files` (paths relative to `dir`) in place. Module syntax is kept as written
 * (no `format`), so a classic script (the worker) stays classic and a module keeps its
 * imports and exports; `import.meta.url` and dynamic imports pass through untouched.
 */
export async function minifyFiles(dir, files) {
  const { transform } = esbuild();
  let before = 0;
  let after = 0;
  for (const file of files) {
    const ext = extname(file);
    if (!MINIFIABLE.has(ext)) continue;
    const path = join(dir, file);
    const source = await readFile(path, 'utf8');
    const { code } = await transform(source, {
      loader: ext === '.css' ? 'css' : 'js',
      minify: true,
      target: 'es2022',
      legalComments: 'none',
      charset: 'utf8', // Turkish letters as they are, not \u escapes
      sourcefile: file,
    });
    await writeFile(path, code);
    before += Buffer.byteLength(source);
    after += Buffer.byteLength(code);
  }
  return { before, after };
}

async function listFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath ?? entry.path, entry.name)));
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/minify.mjs DIR');
    process.exit(2);
  }
  const { before, after } = await minifyFiles(dir, await listFiles(dir));
  console.log(`minify: ${before} → ${after} bytes`);
}
