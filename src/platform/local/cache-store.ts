// The cache on a developer's machine: one tar file per entry in a directory
// (default $XDG_CACHE_HOME/libkrunfw-action). Same contract as GitHub's:
// immutable entries, prefix matching on restore keys, newest first.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CacheStore } from '../../cache/store.ts';
import { run } from '../../util/run.ts';
import type { Log } from '../types.ts';

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'libkrunfw-action');
}

const SUFFIX = '.tar';
const fileOf = (key: string): string => `${encodeURIComponent(key)}${SUFFIX}`;
const keyOf = (file: string): string => decodeURIComponent(file.slice(0, -SUFFIX.length));

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
        const newest = (prefix: string) =>
          all.filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.mtime - a.mtime)[0];
        const hit = all.find((e) => e.key === primaryKey) ?? [primaryKey, ...restoreKeys].map(newest).find(Boolean);
        if (!hit) return undefined;
        for (const p of paths) rmSync(p, { recursive: true, force: true });
        // Entries hold absolute paths (-P), as they were saved.
        const r = await run('tar', ['-xPf', hit.file]);
        if (r.exitCode !== 0) {
          log.warning(`cache entry ${hit.file} could not be restored: ${r.tail.join(' ')}`);
          return undefined;
        }
        return hit.key;
      } catch (e) {
        log.warning(`cache restore of ${primaryKey} failed: ${(e as Error).message}`);
        return undefined;
      }
    },
    async save(paths, key) {
      const target = path.join(dir, fileOf(key));
      if (existsSync(target)) return false;
      const partial = `${target}.${process.pid}.partial`;
      try {
        mkdirSync(dir, { recursive: true });
        const present = paths.filter((p) => existsSync(p)).map((p) => path.resolve(p));
        if (present.length === 0) return false;
        const r = await run('tar', ['-cPf', partial, '--', ...present]);
        if (r.exitCode !== 0) throw new Error(r.tail.join(' '));
        renameSync(partial, target);
        return true;
      } catch (e) {
        rmSync(partial, { force: true });
        log.warning(`cache save of ${key} to ${dir} failed: ${(e as Error).message}`);
        return false;
      }
    },
  };
}
