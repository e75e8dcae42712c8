// Removing trees of tens of thousands of files without making the run wait:
// what is to go is first renamed aside (instant, on the same file system), then
// a detached `rm -rf` deletes it while the run goes on, and goes on deleting if
// the run ends first. A mount point (a volume, a tmpfs given as work dir)
// cannot be removed or renamed: it is emptied, never removed.
import { spawn } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Log } from '../platform/types.ts';
import { isMountPoint } from './dir-checks.ts';
import { rethrowAsFault } from './faults.ts';

/** Names of what waits for deletion; a later clean-up of the same directory deletes these too. */
export const TRASH_PREFIX = '.libkrunfw-action-trash-';

export interface BackgroundRemoval {
  /** What was moved aside and is being deleted. */
  trash: string[];
  /** The detached rm's pid (undefined when there was nothing to remove). */
  pid?: number;
  /** Whether the deletion has ended. */
  done(): boolean;
  /** Resolves true once the deletion ended, false when `timeoutMs` passed first. */
  wait(timeoutMs: number): Promise<boolean>;
}

const nothing: BackgroundRemoval = { trash: [], done: () => true, wait: async () => true };

let serial = 0;
const trashName = (what: string): string => `${TRASH_PREFIX}${what}-${process.pid}-${Date.now()}-${serial++}`;

/** Empties `dir` now, but for the names in `keep`; the directory stays (it may be a mount point). */
export function emptyDir(dir: string, options: { keep?: string[] } = {}): void {
  const keep = new Set(options.keep ?? []);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    rethrowAsFault(error, { doing: 'emptying', path: dir });
  }
  for (const name of names) {
    if (keep.has(name)) continue;
    try {
      rmSync(path.join(dir, name), { recursive: true, force: true, maxRetries: 2 });
    } catch (error) {
      rethrowAsFault(error, { doing: 'emptying', path: dir });
    }
  }
}

/** Removes `dir` now: the directory too, unless it is a mount point, which is emptied. */
export function removeDir(dir: string): void {
  emptyDir(dir);
  if (isMountPoint(dir)) return;
  try {
    rmdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    rethrowAsFault(error, { doing: 'removing', path: dir });
  }
}

/** Starts a detached `rm -rf` of `paths` that outlives this process. */
function deleteDetached(paths: string[], log: Log | undefined, what: string): BackgroundRemoval {
  if (paths.length === 0) return nothing;
  const rm = spawn('rm', ['-rf', '--', ...paths], { detached: true, stdio: 'ignore' });
  let ended = false;
  const waiters: (() => void)[] = [];
  const end = (): void => {
    ended = true;
    for (const w of waiters.splice(0)) w();
  };
  rm.once('exit', end);
  rm.once('error', (error) => {
    log?.warning(`could not start rm to delete ${what}: ${error.message}; delete ${paths.join(', ')} by hand`);
    end();
  });
  rm.unref();
  log?.info(`deleting ${what} in the background (rm, pid ${rm.pid ?? '?'}): the run goes on meanwhile`);
  return {
    trash: paths,
    pid: rm.pid,
    done: () => ended,
    wait: (timeoutMs) =>
      new Promise<boolean>((resolve) => {
        if (ended) return resolve(true);
        const timer = setTimeout(() => resolve(false), timeoutMs);
        timer.unref();
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      }),
  };
}

/**
 * Empties `dir` at once but for `keep` (its entries are renamed into a trash
 * directory inside it, on the same file system even when `dir` is a mount
 * point) and deletes them in the background, with earlier runs' trash.
 */
export function clearDirInBackground(dir: string, options: { keep?: string[]; log?: Log; what?: string } = {}): BackgroundRemoval {
  const keep = new Set(options.keep ?? []);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return nothing;
    rethrowAsFault(error, { doing: 'clearing', path: dir });
  }
  const earlier = names.filter((n) => n.startsWith(TRASH_PREFIX)).map((n) => path.join(dir, n));
  const moving = names.filter((n) => !keep.has(n) && !n.startsWith(TRASH_PREFIX)).sort();
  let trash: string | undefined;
  if (moving.length > 0) {
    trash = path.join(dir, trashName('contents'));
    try {
      mkdirSync(trash);
      for (const name of moving) renameSync(path.join(dir, name), path.join(trash, name));
    } catch (error) {
      rethrowAsFault(error, { doing: 'clearing', path: dir });
    }
  }
  const what = options.what ?? `the old contents of ${dir}`;
  const listed = moving.length > 0 ? `${what} (${moving.slice(0, 4).join(', ')}${moving.length > 4 ? ', ...' : ''})` : `${what}: what earlier runs left`;
  return deleteDetached([...(trash ? [trash] : []), ...earlier], options.log, listed);
}

/**
 * Removes `target` (a directory or a file) in the background: renamed aside
 * beside itself, then deleted by a detached rm. A mount point, or a directory
 * whose parent cannot be written, is emptied instead (see clearDirInBackground).
 */
export function removeInBackground(target: string, log?: Log, what = target): BackgroundRemoval {
  const st = lstatSync(target, { throwIfNoEntry: false });
  if (!st) return nothing;
  if (st.isDirectory() && isMountPoint(target)) return clearDirInBackground(target, { log, what });
  const aside = path.join(path.dirname(target), trashName(path.basename(target)));
  try {
    renameSync(target, aside);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (st.isDirectory() && (code === 'EBUSY' || code === 'EACCES' || code === 'EPERM' || code === 'EXDEV' || code === 'EROFS')) {
      return clearDirInBackground(target, { log, what });
    }
    rethrowAsFault(error, { doing: 'removing', path: target });
  }
  return deleteDetached([aside], log, what);
}
