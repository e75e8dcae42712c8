// Runs a TypeScript script on Node 20 (which cannot run .ts itself): bundles our
// sources with esbuild into .cache/ (one level below the root, like src/ and
// dist/, so import.meta.url-relative paths find the root), leaving packages
// external, then imports it.   node scripts/run-ts.mjs bench/run.ts [args...]
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node scripts/run-ts.mjs FILE.ts [args...]');
  process.exit(2);
}
const outdir = path.join(root, '.cache');
mkdirSync(outdir, { recursive: true });
const outfile = path.join(outdir, `${path.basename(script, '.ts')}.mjs`);
await esbuild.build({
  entryPoints: [path.resolve(script)],
  outfile,
  bundle: true,
  packages: 'external',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
process.argv = [process.argv[0], path.resolve(script), ...args];
await import(pathToFileURL(outfile).href);
