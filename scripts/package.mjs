// Bundles src/ into dist/ (committed: GitHub runs the action from it).
//   node scripts/package.mjs          rebuild dist/
//   node scripts/package.mjs --check  fail when dist/ differs from a fresh bundle
import { mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync, cpSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
// dist/<out>.js from src/<in>.ts: the action's two steps and the CLI run themselves; the library does not.
const entries = [
  { out: 'main', in: 'src/entry/main.ts' },
  { out: 'post', in: 'src/entry/post.ts' },
  { out: 'cli', in: 'src/entry/cli.ts' },
  { out: 'index', in: 'src/index.ts' },
];

async function bundle(outdir) {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir,
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
    legalComments: 'none',
    logLevel: 'warning',
    metafile: false,
  });
}

function files(dir) {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.js')).sort() : [];
}

if (check) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'libkrunfw-dist-'));
  try {
    await bundle(tmp);
    const want = files(tmp);
    const have = files(path.join(root, 'dist'));
    const stale = [
      ...want.filter((f) => !have.includes(f) || !readFileSync(path.join(tmp, f)).equals(readFileSync(path.join(root, 'dist', f)))),
      ...have.filter((f) => !want.includes(f)),
    ];
    if (stale.length > 0) {
      console.error(`dist/ is stale (${stale.join(', ')}): run 'npm run package' and commit dist/.`);
      process.exit(1);
    }
    console.log(`dist/ is up to date (${want.length} files)`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
} else {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'libkrunfw-dist-'));
  await bundle(tmp);
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  mkdirSync(path.join(root, 'dist'));
  cpSync(tmp, path.join(root, 'dist'), { recursive: true });
  rmSync(tmp, { recursive: true, force: true });
  console.log(`dist/: ${files(path.join(root, 'dist')).join(', ')}`);
}
