// What the cache levels (levels.ts) report and leave to save, and the saving
// itself, which the finish does (src/finish.ts) for the CLI and the action's
// post step alike. The stages know nothing of caches.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { BlobName } from '../request/types.ts';
import type { Log, TarballShelf } from '../platform/types.ts';
import type { CacheStore } from './store.ts';
import { TreeCache, type TreeSaveInfo } from './tree-cache.ts';

export type CacheLevelName = 'source' | 'compiler' | 'output' | 'tree';

export interface CacheReport {
  level: CacheLevelName;
  /** hit: the exact entry; partial: a restore key matched; miss; off: not used. */
  state: 'hit' | 'partial' | 'miss' | 'off';
  key?: string;
  matchedKey?: string;
  /** Size of what was restored. */
  bytes?: number;
  /** Time the hit saved, as recorded by the build that made the entry. */
  savedMs?: number;
  detail?: string;
}

export interface PendingSave {
  level: CacheLevelName;
  key: string;
  paths: string[];
  /** The source level's tarball sha256, for the tarball shelf. */
  sha256?: string;
  /** The tree level: what to record with the tree. */
  tree?: TreeSaveInfo;
}

/** What an output cache entry records beside the library. */
export interface OutputMeta {
  format: 1;
  kernelVersion: string;
  fileName: string;
  soname: string;
  loadAddr: string;
  entryAddr: string;
  size: number;
  payloadSha256: string;
  librarySha256: string;
  /** SEV/TDX: the blobs bundled (libkrunfw/<name>.bin), and the files they came from. */
  blobs: { name: BlobName; size: number; sha256: string; source: { size: number; sha256: string; origin: string } }[];
  /** Milliseconds the skipped stages took when this entry was built. */
  buildMs: number;
  /**
   * The install tarballs the package step made of this library (package/<file>), reused by a
   * hit with the same source date epoch instead of compressing the library again.
   */
  packaged?: KeptPackage;
}

/** Install tarballs kept in an output cache entry: each file's name and sha256, and the mtime they were made with. */
export interface KeptPackage {
  sourceDateEpoch: number;
  files: { name: string; sha256: string }[];
}

export function sizeOf(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((n, f) => n + sizeOf(path.join(p, f)), 0);
}

/** What an output entry keeps for the source release besides the library sources. */
export const OUTPUT_EXTRAS = ['final.config', 'GPL-2.0', 'LGPL-2.1'] as const;

export function treeRoot(store: CacheStore): string {
  return path.join(store.dir!, 'trees');
}

/** Save what a successful build left to save. Never throws; returns what was saved. */
export async function saveCaches(store: CacheStore, pending: PendingSave[], log: Log, shelf?: TarballShelf): Promise<PendingSave[]> {
  const saved: PendingSave[] = [];
  for (const p of pending) {
    if (p.level === 'tree') {
      if (p.tree && store.dir && new TreeCache(treeRoot(store), log).give(p.tree)) {
        saved.push(p);
        log.info(`tree cache: kept the ${p.tree.arch} kernel tree for the next run`);
      }
      continue;
    }
    if (!p.paths.every((f) => existsSync(f))) {
      log.info(`${p.level} cache: nothing to save (${p.paths.join(', ')} missing)`);
      continue;
    }
    if (shelf && p.sha256) {
      await shelf.keep(p.paths[0]!, p.sha256).catch((e: Error) => log.warning(`keeping the tarball in the tool cache failed: ${e.message}`));
    }
    if (await store.save(p.paths, p.key)) {
      saved.push(p);
      log.info(`${p.level} cache: saved ${p.key} (${(sizeOf(p.paths[0]!) / 2 ** 20).toFixed(1)} MiB)`);
    } else {
      log.info(`${p.level} cache: ${p.key} not saved (it exists, or the cache refused it)`);
    }
  }
  return saved;
}
