// The cache on a developer's machine: one tar file per entry in a directory
// (default $XDG_CACHE_HOME/libkrunfw-action). Same contract as GitHub's:
// immutable entries, prefix matching on restore keys, newest first.
//
// Several runs may share the directory. An entry is written under a temporary
// name while its key's lock is held, and renamed into place only when complete,
// so a restore sees a whole entry or none; a second run saving the same key
// meanwhile skips it. A run that died mid-save leaves a stale lock and a
// partial file, which the next save takes over and removes.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CacheStore } from '../../cache/store.ts';
import { LockedError } from '../../errors.ts';
import { asFault, faultOfRun } from '../../util/faults.ts';
import { lockFile, type HeldLock } from '../../util/lock.ts';
import { run } from '../../util/run.ts';
import type { Log } from '../types.ts';

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'libkrunfw-action');
}

const SUFFIX = '.tar';
const fileOf = (key: string): string => `${encodeURIComponent(key)}${SUFFIX}`;
const keyOf = (file: string): string => decodeURIComponent(file.slice(0, -SUFFIX.length));
/** Beside an entry while it is saved: its lock, and the file it is written to. */
const LOCK = '.lock';
const PARTIAL = '.partial';

/** Takes the entry's lock, or returns undefined when a live run holds it. */
function lockEntry(target: string, purpose: string, log: Pick<Log, 'notice'>): HeldLock | undefined {
  try {
    return lockFile(`${target}${LOCK}`, { purpose, what: `cache entry ${path.basename(target)}`, log });
  } catch (error) {
    if (error instanceof LockedError) return undefined;
    throw error;
  }
}

/** Removes what runs that died mid-save left: a partial entry whose lock is stale (taken over, then released). */
function sweepDeadSaves(dir: string, log: Log): void {
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(`${SUFFIX}${LOCK}`)) continue;
    const target = path.join(dir, name.slice(0, -LOCK.length));
    const lock = lockEntry(target, 'clearing a dead save', { notice: (m) => log.debug(m) });
    if (!lock) continue;
    rmSync(`${target}${PARTIAL}`, { force: true });
    lock.release();
  }
}

export function directoryCacheStore(dir: string, log: Log): CacheStore {
  const entries = (): { key: string; file: string; mtime: number }[] => {
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith(SUFFIX))
      .map((f) => ({ key: keyOf(f), file: path.join(dir, f), mtime: statSync(path.join(dir, f)).mtimeMs }));
  };
  return {
    kind: 'directory',
    dir,
    async restore(paths, primaryKey, restoreKeys = []) {
      try {
        const all = entries();
        const newest = (prefix: string) => all.filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.mtime - a.mtime)[0];
        const hit = all.find((e) => e.key === primaryKey) ?? [primaryKey, ...restoreKeys].map(newest).find(Boolean);
        if (!hit) return undefined;
        for (const p of paths) rmSync(p, { recursive: true, force: true });
        // Entries hold absolute paths (-P), as they were saved.
        const r = await run('tar', ['-xPf', hit.file]);
        if (r.exitCode !== 0) {
          const fault = faultOfRun(r, { doing: `restoring ${hit.key} to`, path: paths.join(', '), tool: 'tar' });
          log.warning(`cache entry ${hit.file} could not be restored: ${fault?.message ?? r.tail.join(' ')}`);
          return undefined;
        }
        return hit.key;
      } catch (e) {
        const fault = asFault(e, { doing: `restoring ${primaryKey} to`, path: paths.join(', ') });
        log.warning(`cache restore of ${primaryKey} failed: ${(fault ?? (e as Error)).message}`);
        return undefined;
      }
    },
    async save(paths, key) {
      const target = path.join(dir, fileOf(key));
      if (existsSync(target)) return false;
      const partial = `${target}${PARTIAL}`;
      let lock: HeldLock | undefined;
      try {
        const present = paths.filter((p) => existsSync(p)).map((p) => path.resolve(p));
        if (present.length === 0) return false;
        mkdirSync(dir, { recursive: true });
        sweepDeadSaves(dir, log);
        lock = lockEntry(target, `saving cache entry ${key}`, log);
        if (!lock) {
          log.info(`cache entry ${key} is being saved by another run; not saving it twice`);
          return false;
        }
        if (existsSync(target)) return false;
        rmSync(partial, { force: true });
        const r = await run('tar', ['-cPf', partial, '--', ...present]);
        if (r.exitCode !== 0) {
          const fault = faultOfRun(r, { doing: `saving ${key} to`, path: dir, tool: 'tar' });
          throw fault ?? new Error(r.tail.join(' '));
        }
        renameSync(partial, target);
        return true;
      } catch (e) {
        const fault = asFault(e, { doing: `saving ${key} to`, path: dir });
        log.warning(`cache save of ${key} to ${dir} failed: ${(fault ?? (e as Error)).message}`);
        return false;
      } finally {
        if (lock) {
          rmSync(partial, { force: true });
          lock.release();
        }
      }
    },
  };
}
