// The source release's manifest: what it holds (every file with its sha256) and
// which binary it corresponds to. `verify-source` trusts nothing else.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Arch, Host, Variant } from '../target.ts';
import { sha256File } from '../util/hash.ts';

export const MANIFEST = 'manifest.json';
export const SBOM = 'sbom.spdx.json';

export interface ReleaseManifest {
  format: 1;
  name: string;
  arch: Arch;
  variant: Variant;
  /** The host the library is for (windows: libkrunfw.dll). Releases made before the Windows host have none: linux. */
  host?: Host;
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
  const files = walk(dir)
    .filter((f) => f !== MANIFEST)
    .sort();
  return Promise.all(files.map(async (f) => ({ path: f, sha256: known[f] ?? (await sha256File(path.join(dir, f))), size: statSync(path.join(dir, f)).size })));
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

/** The kernel tarball a source release holds, as its manifest names it. */
export interface ManifestKernel {
  /** Its path in the release: linux/<file>. */
  path: string;
  file: string;
  sha256: string;
}

/**
 * The kernel tarball a manifest (parsed JSON, not yet trusted) names: at
 * linux/<file>, by a sha256 that its file list gives that path too. A string
 * says what is wrong instead.
 */
export function manifestKernel(manifest: unknown): ManifestKernel | string {
  const m = (typeof manifest === 'object' && manifest !== null ? manifest : {}) as Partial<Record<keyof ReleaseManifest, unknown>>;
  const kernel = (typeof m.kernel === 'object' && m.kernel !== null ? m.kernel : {}) as Partial<Record<string, unknown>>;
  const file = /^linux\/([A-Za-z0-9][A-Za-z0-9._+-]*)$/.exec(String(kernel.tarball ?? ''))?.[1];
  const sha256 = String(kernel.sha256 ?? '');
  if (!file || !/^[0-9a-f]{64}$/.test(sha256)) return 'names no kernel tarball (linux/<file>) with its sha256';
  const path = `linux/${file}`;
  const listed = (Array.isArray(m.files) ? m.files : []).filter((f) => typeof f === 'object' && f !== null && (f as { path?: unknown }).path === path);
  if (listed.length !== 1 || (listed[0] as { sha256?: unknown }).sha256 !== sha256) {
    return `lists ${path} with another sha256 than its kernel.sha256`;
  }
  return { path, file, sha256 };
}
