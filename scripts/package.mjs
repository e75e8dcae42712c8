// Bundles src/ into dist/ (committed: GitHub runs the action from it), with a
// source map beside each file and dist/licenses.txt, the licences of every
// package the bundle holds, read from the installed packages.
//   node scripts/package.mjs          rebuild dist/
//   node scripts/package.mjs --check  fail when dist/ differs from a fresh bundle
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { bundledPackages, thirdPartyLicences } from './third-party-licences.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
// dist/<out>.js from src/<in>.ts: the action's two steps and the CLI run themselves; the library does not.
const entries = [
  { out: 'main', in: 'src/entry/main.ts' },
  { out: 'post', in: 'src/entry/post.ts' },
  { out: 'cli', in: 'src/entry/cli.ts' },
  { out: 'index', in: 'src/index.ts' },
];
const LICENSES = 'licenses.txt';
/** What dist/ holds besides the generated types (made by `npm pack`, not committed). */
const isDistFile = (f) => f.endsWith('.js') || f.endsWith('.js.map') || f === LICENSES;

/** dist/'s files, built in memory: name -> contents. */
async function bundle() {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: entries,
    // Written by us below; esbuild lays out the files and source maps for dist/ itself.
    outdir: path.join(root, 'dist'),
    write: false,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    // Runs on node20 locally and node24 on GitHub.
    target: 'node20',
    // Chunks sit beside the entries, so import.meta.url finds the repository root the same way.
    chunkNames: 'chunk-[hash]',
    // CommonJS dependencies call require(); give ESM output a real one.
    banner: { js: "import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);" },
    // The licences go in one file beside the bundle (below), from the packages themselves.
    legalComments: 'none',
    // Stack traces name src/ lines (main and post turn source maps on); the sources stay in the repository.
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    metafile: true,
  });
  const out = new Map(result.outputFiles.map((f) => [path.basename(f.path), Buffer.from(f.contents)]));
  out.set(LICENSES, Buffer.from(thirdPartyLicences(bundledPackages(root, result.metafile))));
  return out;
}

function files(dir) {
  return existsSync(dir) ? readdirSync(dir).filter(isDistFile).sort() : [];
}

const dist = path.join(root, 'dist');
const fresh = await bundle();
if (check) {
  const have = files(dist);
  const stale = [
    ...[...fresh.keys()].filter((f) => !have.includes(f) || !fresh.get(f).equals(readFileSync(path.join(dist, f)))),
    ...have.filter((f) => !fresh.has(f)),
  ].sort();
  if (stale.length > 0) {
    console.error(`dist/ is stale (${stale.join(', ')}): run 'npm run package' and commit dist/.`);
    process.exit(1);
  }
  console.log(`dist/ is up to date (${fresh.size} files)`);
} else {
  mkdirSync(dist, { recursive: true });
  for (const f of files(dist)) rmSync(path.join(dist, f));
  for (const [f, contents] of fresh) writeFileSync(path.join(dist, f), contents, { mode: f === 'cli.js' ? 0o755 : 0o644 });
  console.log(`dist/: ${[...fresh.keys()].sort().join(', ')}`);
}
