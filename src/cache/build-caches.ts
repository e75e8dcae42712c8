// The three cache levels of one build. The pipeline asks before a stage
// ("is the tarball cached?") and tells after it ("this can be saved"); the
// stages themselves know nothing of caches. Saving is left to the door: the
// CLI saves when the build succeeded, the action's post step does.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BlobName } from '../pipeline/stages/bundle.ts';
import type { Log, TarballShelf } from '../platform/types.ts';
import type { Arch } from '../target.ts';
import { sha256File } from '../util/hash.ts';
import { compilerCacheKeys, outputCacheKey, sourceCacheKey, type CompilerKeyInput, type OutputFingerprint } from './keys.ts';
import type { CacheStore } from './store.ts';
import { TreeCache, type TakenTree, type TreeSaveInfo } from './tree-cache.ts';

export type CacheLevel = 'source' | 'compiler' | 'output' | 'tree';

export interface CacheSettings {
  source: boolean;
  compiler: boolean;
  output: boolean;
  /** Keep the built tree between runs; only with a directory cache. */
  tree: boolean;
  /** ccache's max_size, e.g. 2G. */
  ccacheMaxSize: string;
}

export interface CacheReport {
  level: CacheLevel;
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
  level: CacheLevel;
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
}

function sizeOf(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((n, f) => n + sizeOf(path.join(p, f)), 0);
}

/** What an output entry keeps for the source release besides the library sources. */
export const OUTPUT_EXTRAS = ['final.config', 'GPL-2.0', 'LGPL-2.1'] as const;

export class BuildCaches {
  readonly reports: CacheReport[] = [];
  readonly pending: PendingSave[] = [];
  /** Where restored entries live; fixed paths, since a GitHub cache entry is tied to its paths. */
  readonly dirs: Record<CacheLevel, string>;

  constructor(
    private readonly store: CacheStore | undefined,
    readonly settings: CacheSettings,
    root: string,
    private readonly log: Log,
    private readonly shelf?: TarballShelf,
  ) {
    this.dirs = { source: path.join(root, 'source'), compiler: path.join(root, 'ccache'), output: path.join(root, 'output'), tree: path.join(root, 'tree') };
  }

  enabled(level: CacheLevel): boolean {
    if (level === 'tree') return this.settings.tree && this.store?.kind === 'directory' && this.store.dir !== undefined;
    return this.store !== undefined && this.settings[level];
  }

  /** The last successful build's tree for this tarball and arch, moved to srcDir with its patches reversed. */
  async takeTree(sha256: string, arch: Arch, srcDir: string): Promise<TakenTree | undefined> {
    if (!this.enabled('tree')) return this.off('tree');
    const cache = new TreeCache(treeRoot(this.store!), this.log);
    const taken = await cache.take(sha256, arch, srcDir, this.dirs.tree);
    this.report(
      taken
        ? {
            level: 'tree',
            state: taken.cleanedArch ? 'partial' : 'hit',
            key: `tree of ${sha256.slice(0, 16)}`,
            detail: taken.cleanedArch
              ? `${taken.reversed} patch(es) reversed; built for ${taken.cleanedArch} before, cleaned with make mrproper (sources reused, everything recompiled)`
              : `${taken.reversed} patch(es) reversed; only what changed is recompiled`,
          }
        : { level: 'tree', state: 'miss', key: `tree of ${sha256.slice(0, 16)}` },
    );
    return taken;
  }

  /** After the build: keep the tree for the next run (the door moves it, after success). */
  stageTree(info: TreeSaveInfo): void {
    if (!this.enabled('tree')) return;
    this.pending.push({ level: 'tree', key: `tree of ${info.tarballSha256.slice(0, 16)}`, paths: [path.join(info.srcDir, info.root)], tree: info });
  }

  private report(r: CacheReport): void {
    this.reports.push(r);
    const what = { hit: 'hit', partial: `partial hit (${r.matchedKey})`, miss: 'miss', off: 'off' }[r.state];
    this.log.info(`${r.level} cache: ${what}${r.key ? ` for ${r.key}` : ''}${r.detail ? `; ${r.detail}` : ''}`);
  }

  /** The tarball's path under the source cache, restored when the store has it. */
  async restoreSource(sha256: string, fileName: string): Promise<string> {
    const file = path.join(this.dirs.source, `${sha256}-${fileName}`);
    if (!this.enabled('source')) {
      this.off('source');
      return file;
    }
    mkdirSync(this.dirs.source, { recursive: true });
    const key = sourceCacheKey(sha256);
    const kept = this.shelf?.find(sha256, path.basename(file));
    if (kept && existsSync(kept)) {
      cpSync(kept, file);
      this.report({ level: 'source', state: 'hit', key, matchedKey: kept, bytes: sizeOf(file), detail: 'from the runner\'s tool cache' });
      return file;
    }
    const matched = await this.store!.restore([file], key);
    if (matched && existsSync(file)) {
      this.report({ level: 'source', state: 'hit', key, matchedKey: matched, bytes: sizeOf(file) });
    } else {
      this.report({ level: 'source', state: 'miss', key });
      // Saved only when the whole build succeeds, which includes the sha256 check.
      this.pending.push({ level: 'source', key, paths: [file], sha256 });
    }
    return file;
  }

  /** Record a level as not used in this build. */
  off(level: CacheLevel): undefined {
    this.report({ level, state: 'off' });
    return undefined;
  }

  /** Restore ccache's directory; returns it, or undefined when the compiler cache is off or ccache is missing. */
  async restoreCompiler(ccacheInstalled: boolean, k: CompilerKeyInput, now = new Date()): Promise<string | undefined> {
    if (!this.enabled('compiler') || !ccacheInstalled) return this.off('compiler');
    const { primary, restore } = compilerCacheKeys(k, now);
    mkdirSync(this.dirs.compiler, { recursive: true });
    const matched = await this.store!.restore([this.dirs.compiler], primary, restore);
    this.report({
      level: 'compiler',
      state: matched ? (matched === primary ? 'hit' : 'partial') : 'miss',
      key: primary,
      matchedKey: matched,
      bytes: matched ? sizeOf(this.dirs.compiler) : undefined,
    });
    // Every run saves a new entry: ccache's contents grow with each build.
    this.pending.push({ level: 'compiler', key: primary, paths: [this.dirs.compiler] });
    return this.dirs.compiler;
  }

  /** Adds ccache's hit/miss statistics to the compiler report. */
  noteCompilerStats(stats: { hits: number; misses: number }): void {
    const r = this.reports.find((x) => x.level === 'compiler');
    if (r) r.detail = `ccache: ${stats.hits} hits, ${stats.misses} misses`;
    this.log.info(`ccache: ${stats.hits} hits, ${stats.misses} misses`);
  }

  /** Look for a finished library made from exactly these inputs. */
  async restoreOutput(fingerprint: OutputFingerprint): Promise<{ dir: string; meta: OutputMeta } | undefined> {
    if (!this.enabled('output')) return this.off('output');
    const key = outputCacheKey(fingerprint);
    rmSync(this.dirs.output, { recursive: true, force: true });
    mkdirSync(this.dirs.output, { recursive: true });
    const matched = await this.store!.restore([this.dirs.output], key);
    const meta = matched ? await this.intactOutput() : undefined;
    if (matched && !meta) {
      this.log.warning(`output cache entry ${key} is incomplete or does not match its record; building instead`);
    }
    if (meta) {
      this.report({ level: 'output', state: 'hit', key, matchedKey: matched, bytes: sizeOf(this.dirs.output), savedMs: meta.buildMs });
      return { dir: this.dirs.output, meta };
    }
    rmSync(this.dirs.output, { recursive: true, force: true });
    this.report({ level: 'output', state: 'miss', key });
    return undefined;
  }

  /** The restored entry's record, if every file in it is what the record says. */
  private async intactOutput(): Promise<OutputMeta | undefined> {
    try {
      const meta = JSON.parse(readFileSync(path.join(this.dirs.output, 'meta.json'), 'utf8')) as OutputMeta;
      const lib = path.join(this.dirs.output, 'libkrunfw', meta.fileName);
      const payload = path.join(this.dirs.output, 'libkrunfw', 'kernel.bin');
      if (meta.format !== 1) return undefined;
      for (const name of OUTPUT_EXTRAS) if (!existsSync(path.join(this.dirs.output, 'extras', name))) return undefined;
      if ((await sha256File(lib)) !== meta.librarySha256) return undefined;
      if ((await sha256File(payload)) !== meta.payloadSha256) return undefined;
      for (const b of meta.blobs) {
        if ((await sha256File(path.join(this.dirs.output, 'libkrunfw', `${b.name}.bin`))) !== b.sha256) return undefined;
      }
      return meta;
    } catch {
      return undefined;
    }
  }

  /**
   * After a verified build: put the library, the files its source release needs
   * (`extras`, by name), and its record where the output entry is saved from.
   */
  stageOutput(fingerprint: OutputFingerprint, libraryDir: string, extras: Record<string, string>, meta: OutputMeta): void {
    if (!this.enabled('output')) return;
    rmSync(this.dirs.output, { recursive: true, force: true });
    mkdirSync(path.join(this.dirs.output, 'extras'), { recursive: true });
    cpSync(libraryDir, path.join(this.dirs.output, 'libkrunfw'), { recursive: true });
    for (const [name, file] of Object.entries(extras)) cpSync(file, path.join(this.dirs.output, 'extras', name));
    writeFileSync(path.join(this.dirs.output, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
    this.pending.push({ level: 'output', key: outputCacheKey(fingerprint), paths: [this.dirs.output] });
  }
}

/** What to save after a run; a kept work dir keeps its tree where it is (the tree cache would take it away). */
export function savesAfter(pending: PendingSave[], keepWorkDir: boolean): PendingSave[] {
  return keepWorkDir ? pending.filter((p) => p.level !== 'tree') : pending;
}

function treeRoot(store: CacheStore): string {
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
