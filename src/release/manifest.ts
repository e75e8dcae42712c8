// The source release's manifest: what it holds (every file with its sha256) and
// which binary it corresponds to. `verify-source` trusts nothing else.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Arch, Variant } from '../target.ts';
import { sha256File } from '../util/hash.ts';

export const MANIFEST = 'manifest.json';
export const SBOM = 'sbom.spdx.json';

export interface ReleaseManifest {
  format: 1;
  name: string;
  arch: Arch;
  variant: Variant;
  abiVersion: number;
  version: string;
  library: { file: string; soname: string; sha256: string; payloadSha256: string };
  kernel: { version: string; tarball: string; sha256: string; origin: string };
  /** Release paths, in applied order. */
  patches: string[];
  config: { mode: 'full' | 'fragments'; given: string[]; final: string };
  /** A libkrunfw tree the build followed (no local path: the release is the same from any directory). */
  recipe?: { kind: 'libkrunfw-tree'; repository?: string; ref?: string; commit?: string };
  /** SEV/TDX: the qboot firmware and initrd as bundled, and the file each came from (size, sha256, origin). */
  blobs: { name: 'qboot' | 'initrd'; path: string; source: { size: number; sha256: string; origin: string } }[];
  toolchain: Record<string, string>;
  reproducibility: { sourceDateEpoch: number; user: string; host: string };
  /** Every file of the release but this manifest. */
  files: { path: string; sha256: string; size: number }[];
}

function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p, base) : [path.relative(base, p)];
  });
}

/**
 * Every file under `dir` (but the manifest) with its sha256, sorted. `known`
 * gives hashes already proven (the kernel tarball's, checked by the source
 * stage), so 150 MB are not read again.
 */
export async function listFiles(dir: string, known: Record<string, string> = {}): Promise<ReleaseManifest['files']> {
  const files = walk(dir).filter((f) => f !== MANIFEST).sort();
  return Promise.all(
    files.map(async (f) => ({ path: f, sha256: known[f] ?? (await sha256File(path.join(dir, f))), size: statSync(path.join(dir, f)).size })),
  );
}

/** What in `dir` disagrees with its manifest: missing, changed or unlisted files. */
export async function checkRelease(dir: string, manifest: ReleaseManifest): Promise<string[]> {
  const problems: string[] = [];
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    const p = path.join(dir, f.path);
    if (!existsSync(p)) problems.push(`${f.path}: missing (the manifest lists it)`);
    else if ((await sha256File(p)) !== f.sha256) problems.push(`${f.path}: changed (its sha256 is not the manifest's ${f.sha256})`);
  }
  for (const f of walk(dir)) {
    if (f !== MANIFEST && !listed.has(f)) problems.push(`${f}: not in the manifest`);
  }
  return problems;
}

export function readManifest(dir: string): ReleaseManifest {
  return JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8')) as ReleaseManifest;
}
