// The output cache's fingerprint of a build request: every input that can change
// the library's bytes, read from the files themselves (names do not matter, contents do).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../recipe.ts';
import type { BuildRequest } from '../request/types.ts';
import type { ToolchainIdentity } from '../toolchain.ts';
import { sha256 } from '../util/hash.ts';
import { BUNDLE_FORMAT, type OutputFingerprint } from './keys.ts';

function filesUnder(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p, ext));
    else if (e.name.endsWith(ext)) out.push(p);
  }
  return out.sort();
}

let identity: string | undefined;

/**
 * This action's version and a digest of the code that runs: the dist/ bundle when
 * running from it, src/ otherwise. A change to the code is a change to the output.
 */
export function actionIdentity(): string {
  if (identity) return identity;
  const here = fileURLToPath(import.meta.url);
  const bundled = here.split(path.sep).includes('dist');
  const dir = path.join(PROJECT_ROOT, bundled ? 'dist' : 'src');
  const digest = sha256(
    filesUnder(dir, bundled ? '.js' : '.ts')
      .map((f) => `${path.relative(dir, f)}\0${sha256(readFileSync(f))}`)
      .join('\n'),
  );
  const { version } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  identity = `${version}+${digest.slice(0, 16)}`;
  return identity;
}

const fileEntry = (file: string): { name: string; sha256: string } => ({
  name: path.basename(file),
  sha256: sha256(readFileSync(file)),
});

/** `kernelSha256` is the tarball's, as the source step verified it. */
export function outputFingerprint(request: BuildRequest, toolchain: ToolchainIdentity, kernelSha256: string): OutputFingerprint {
  return {
    format: BUNDLE_FORMAT,
    action: actionIdentity(),
    arch: request.arch,
    variant: request.variant,
    host: request.host,
    kernelSha256,
    patches: request.patches.map(fileEntry),
    config: { mode: request.config.mode, files: request.config.files.map(fileEntry) },
    blobs: request.blobs ? Object.entries(request.blobs).map(([name, b]) => ({ name, sha256: fileEntry(b.file).sha256 })) : undefined,
    toolchain: toolchain.tools,
    abiVersion: request.abiVersion,
    version: request.version,
    reproducibility: request.reproducibility,
  };
}
