// Cache keys, computed from inputs alone (no I/O here but what is passed in).
//   source:   the tarball, by its sha256
//   compiler: ccache, by arch, kernel version, toolchain and variant; a timestamp
//             makes every run's entry new, and restore keys fall back to the newest
//             of the same variant, then of any variant, then of any kernel
//   output:   the finished library, by a hash of every input that can change its bytes
import type { Arch, Host, Variant } from '../target.ts';
import { sha256 } from '../util/hash.ts';

/** Bump when the bundle layout or the cached entry's contents change. */
export const BUNDLE_FORMAT = 3;

export function sourceCacheKey(tarballSha256: string): string {
  return `libkrunfw-source-${tarballSha256}`;
}

export interface CompilerKeyInput {
  arch: Arch;
  variant: Variant;
  kernelVersion: string;
  toolchainId: string;
}

export function compilerCacheKeys(k: CompilerKeyInput, now: Date): { primary: string; restore: string[] } {
  // The variant comes last so that a prefix without it exists: a matrix's sev
  // or tdx cell with no entry of its own starts from generic's (host programs
  // and every unit whose headers match hit; see the README on caching).
  const sameKernel = `libkrunfw-ccache-${k.arch}-${k.kernelVersion}-${k.toolchainId}-`;
  const exact = `${sameKernel}${k.variant}-`;
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  // Older kernel versions of the same architecture still share most objects.
  return { primary: `${exact}${stamp}`, restore: [exact, sameKernel, `libkrunfw-ccache-${k.arch}-`] };
}

/** Everything that can change the library's bytes. */
export interface OutputFingerprint {
  format: number;
  /** This action's version and a digest of its code. */
  action: string;
  arch: Arch;
  variant: Variant;
  /** linux or windows: another config, payload layout and library. */
  host: Host;
  kernelSha256: string;
  /** In applied order. */
  patches: { name: string; sha256: string }[];
  config: { mode: string; files: { name: string; sha256: string }[] };
  /** SEV/TDX: qboot and initrd, by content. */
  blobs?: { name: string; sha256: string }[];
  toolchain: Record<string, string>;
  abiVersion: number;
  version: string;
  reproducibility: { sourceDateEpoch: number; user: string; host: string };
}

/** JSON with object keys sorted at every depth, so equal values always hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function outputCacheKey(f: OutputFingerprint): string {
  return `libkrunfw-output-${f.arch}-${f.variant}-${sha256(canonicalJson(f)).slice(0, 32)}`;
}
