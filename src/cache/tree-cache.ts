// The tree cache: with a directory cache (the CLI, or cache-dir on a self-hosted
// runner), the built kernel tree, objects and all, is kept between runs of the
// same tarball. The next run takes it back, reverses the patches the last run
// applied, applies its own, and make recompiles only what changed — instead of
// writing 1.5 GB of source and every object again. A run for another
// architecture takes it after `make mrproper`: the sources without extracting.
//
// A tree is only ever in the cache after a successful build: it is moved into
// the work directory when taken (a rename, so two runs never share one) and
// moved back by the door after success. A failed run leaves it in the work
// directory, which the next run wipes. Reuse is refused (and the tree dropped)
// whenever anything does not match exactly; the fresh extraction is the fallback.
//
// Runs sharing the cache directory take the cache's lock for the renames that
// change what it holds (taking an entry, putting one in, pruning), so no run
// takes a tree another is half-way through replacing or pruning. The lock is
// held for moments: a tree that goes is renamed aside under it and deleted in
// the background after.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LockedError } from '../errors.ts';
import type { Log } from '../platform/types.ts';
import { archFacts, isArch, type Arch } from '../target.ts';
import { asFault } from '../util/faults.ts';
import { lockDirectory, type HeldLock } from '../util/lock.ts';
import { removeInBackground, TRASH_PREFIX } from '../util/remove.ts';
import { run } from '../util/run.ts';

const STATE = 'state.json';
/** Trees kept at most; each is the size of a built kernel tree (2-3 GB). */
export const TREES_KEPT = 2;
/** How long a run waits for another to finish its renames in the cache. */
const LOCK_WAIT_MS = 30_000;

interface TreeState {
  format: 1;
  tarballSha256: string;
  arch: string;
  /** The directory the tree was built in: objects record paths, so it is reused only there. */
  srcDir: string;
  /** The tree's root directory name under srcDir, e.g. linux-6.12.87. */
  root: string;
  /** The patches applied to it, in order, copied into patches/ of the entry. */
  applied: string[];
}

export interface TakenTree {
  tree: string;
  reversed: number;
  /** Set when the tree was built for another architecture and cleaned with mrproper. */
  cleanedArch?: Arch;
}

export interface TreeSaveInfo {
  tarballSha256: string;
  arch: Arch;
  srcDir: string;
  root: string;
  applied: string[];
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One tree per tarball: another architecture takes it after `make mrproper`, cheaper than extracting again. */
const entryKey = (sha256: string): string => sha256.slice(0, 32);

/** Patch arguments shared by the dry run and the real one; reversing uses -R. */
const patchArgs = (tree: string, file: string): string[] => ['-p1', '--batch', '--fuzz=0', '--no-backup-if-mismatch', '-r', '-', '-d', tree, '-i', file];

export class TreeCache {
  constructor(
    readonly root: string,
    private readonly log: Log,
    /** How long to wait for another run's renames in this cache. */
    private readonly lockWaitMs = LOCK_WAIT_MS,
  ) {}

  private entry(sha256: string): string {
    return path.join(this.root, entryKey(sha256));
  }

  /** The cache's lock, waited for; undefined (with a line saying so) when another run holds it too long. */
  private lock(purpose: string): HeldLock | undefined {
    try {
      return lockDirectory(this.root, { purpose, log: this.log, waitMs: this.lockWaitMs, what: `the tree cache ${this.root}` });
    } catch (e) {
      if (!(e instanceof LockedError)) throw e;
      this.log.info(`tree cache: ${e.message}`);
      return undefined;
    }
  }

  /**
   * Move the cached tree for this tarball and arch to `srcDir`/<root> with the
   * last run's patches reversed; undefined (and nothing in srcDir) when there
   * is none or it cannot be reused.
   */
  async take(sha256: string, arch: Arch, srcDir: string, scratch: string): Promise<TakenTree | undefined> {
    const entry = this.entry(sha256);
    if (!existsSync(path.join(entry, STATE))) return undefined;
    const claimed = path.join(scratch, 'tree-cache-entry');
    removeInBackground(claimed, this.log, 'a tree an earlier run left unused');
    mkdirSync(scratch, { recursive: true });
    const lock = this.lock(`taking the kernel tree ${entryKey(sha256)}`);
    if (!lock) return undefined;
    try {
      if (!existsSync(path.join(entry, STATE))) return undefined;
      renameSync(entry, claimed); // atomic: this run owns it now
    } catch (e) {
      this.log.info(
        `tree cache: not reused (${(e as NodeJS.ErrnoException).code === 'EXDEV' ? 'the cache and work directories are on different filesystems' : (e as Error).message})`,
      );
      return undefined;
    } finally {
      lock.release();
    }
    try {
      const state = JSON.parse(readFileSync(path.join(claimed, STATE), 'utf8')) as TreeState;
      const builtFor = state.arch;
      if (state.format !== 1 || state.tarballSha256 !== sha256 || !isArch(builtFor)) return this.drop(claimed, 'its record does not match');
      if (path.resolve(state.srcDir) !== path.resolve(srcDir)) return this.drop(claimed, `it was built in ${state.srcDir}, not ${srcDir}`);
      const tree = path.join(srcDir, state.root);
      removeInBackground(srcDir, this.log, `the old ${srcDir}`);
      mkdirSync(srcDir, { recursive: true });
      renameSync(path.join(claimed, 'src', state.root), tree);
      for (const name of [...state.applied].reverse()) {
        const file = path.join(claimed, 'patches', name);
        const dry = await run('patch', ['-R', '--dry-run', ...patchArgs(tree, file)], { env: { LC_ALL: 'C' } });
        if (dry.exitCode !== 0) {
          removeInBackground(srcDir, this.log, 'the tree that could not be reused');
          return this.drop(claimed, `reversing ${name} failed`);
        }
        await run('patch', ['-R', '--silent', ...patchArgs(tree, file)], { env: { LC_ALL: 'C' } });
      }
      if (builtFor !== arch) {
        // Objects of another architecture: remove every generated file (make needs no compiler for this).
        const clean = await run('make', ['-C', tree, `ARCH=${archFacts(builtFor).kernelArch}`, 'mrproper'], { env: { LC_ALL: 'C' } });
        if (clean.exitCode !== 0) {
          removeInBackground(srcDir, this.log, 'the tree that could not be reused');
          return this.drop(claimed, `make mrproper of its ${builtFor} build failed`);
        }
      }
      rmSync(claimed, { recursive: true, force: true });
      return { tree, reversed: state.applied.length, cleanedArch: builtFor === arch ? undefined : builtFor };
    } catch (e) {
      removeInBackground(srcDir, this.log, 'the tree that could not be reused');
      return this.drop(claimed, (e as Error).message);
    }
  }

  private drop(claimed: string, why: string): undefined {
    this.log.info(`tree cache: not reused, ${why}; extracting afresh`);
    removeInBackground(claimed, this.log, 'the cached tree');
    return undefined;
  }

  /** After a successful build: move the tree into the cache with what was applied to it. */
  give(info: TreeSaveInfo): boolean {
    const tree = path.join(info.srcDir, info.root);
    if (!existsSync(tree)) return false;
    const entry = this.entry(info.tarballSha256);
    const staging = `${entry}.${process.pid}.partial`;
    try {
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(path.join(staging, 'patches'), { recursive: true });
      mkdirSync(path.join(staging, 'src'), { recursive: true });
      const applied = info.applied.map((file, i) => {
        const name = `${String(i + 1).padStart(4, '0')}-${path.basename(file)}`;
        copyFileSync(file, path.join(staging, 'patches', name));
        return name;
      });
      const state: TreeState = { format: 1, tarballSha256: info.tarballSha256, arch: info.arch, srcDir: path.resolve(info.srcDir), root: info.root, applied };
      writeFileSync(path.join(staging, STATE), `${JSON.stringify(state, null, 2)}\n`);
      renameSync(tree, path.join(staging, 'src', info.root));
      const lock = this.lock(`keeping the kernel tree ${entryKey(info.tarballSha256)}`);
      if (!lock) {
        removeInBackground(staging, this.log, 'the tree that was not kept');
        return false;
      }
      try {
        // Another run's tree for this tarball goes: renamed aside under the lock, deleted after.
        removeInBackground(entry, this.log, 'the tree it replaces');
        renameSync(staging, entry);
        this.prune();
      } finally {
        lock.release();
      }
      return true;
    } catch (e) {
      const fault = asFault(e, { doing: 'keeping the kernel tree in', path: this.root });
      this.log.warning(`tree cache: could not keep the tree (${(fault ?? (e as Error)).message})`);
      removeInBackground(staging, this.log, 'the tree that was not kept');
      return false;
    }
  }

  /** Keep the newest TREES_KEPT entries (called with the lock held). */
  private prune(): void {
    const entries = readdirSync(this.root)
      .filter((n) => !n.endsWith('.partial') && !n.startsWith(TRASH_PREFIX) && existsSync(path.join(this.root, n, STATE)))
      .map((n) => ({ dir: path.join(this.root, n), mtime: statSync(path.join(this.root, n, STATE)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const old of entries.slice(TREES_KEPT)) removeInBackground(old.dir, this.log, 'an old cached tree');
    // What a run that died while keeping its tree left: <entry>.<pid>.partial.
    for (const n of readdirSync(this.root)) {
      const pid = /\.(\d+)\.partial$/.exec(n)?.[1];
      if (pid && !processAlive(Number(pid))) removeInBackground(path.join(this.root, n), this.log, 'a tree a dead run was keeping');
    }
  }
}
