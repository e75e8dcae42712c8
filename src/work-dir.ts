// The work directory: locked for the run, marked as ours, emptied for it, and
// removed only when the mark says we made it. Emptying is instant: the old
// contents are renamed aside and deleted in the background with a line saying
// so, so a re-run after a cancelled build does not spend minutes in silence.
// What is safe to keep (the ccache directory) stays. A work dir that is a mount
// point is emptied, never removed.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from './errors.ts';
import type { Log } from './platform/types.ts';
import { makeDirs } from './util/dir-checks.ts';
import { withFaults } from './util/faults.ts';
import { LOCK_FILE_NAME, lockDirectory, type HeldLock } from './util/lock.ts';
import { clearDirInBackground, removeDir, type BackgroundRemoval } from './util/remove.ts';

/** Marks a work directory as ours, so we only ever delete what we made. */
const WORK_MARK = '.libkrunfw-action-work';

/** Refuse a non-empty directory we did not make: it may be the caller's files. */
function refuseForeign(dir: string): void {
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => n !== LOCK_FILE_NAME) : [];
  if (names.length > 0 && !existsSync(path.join(dir, WORK_MARK))) {
    throw new InputError(`work-dir ${dir} is not empty and was not made by libkrunfw-action; choose an empty or new directory`);
  }
}

/**
 * Empty `dir` but for `keep` (paths inside it, kept with the directories
 * leading to them): what goes is moved aside and deleted in the background.
 */
function clearKeeping(dir: string, keep: readonly string[], log?: Log): BackgroundRemoval[] {
  const rel = keep.map((k) => path.relative(dir, k)).filter((r) => r && !r.startsWith('..') && !path.isAbsolute(r));
  const top = new Map<string, string[]>();
  for (const r of rel) {
    const [first, ...rest] = r.split(path.sep);
    top.set(first!, [...(top.get(first!) ?? []), ...(rest.length > 0 ? [path.join(dir, ...[first!, ...rest])] : [])]);
  }
  const here = clearDirInBackground(dir, { keep: [LOCK_FILE_NAME, WORK_MARK, ...top.keys()], log, what: `the last run's files in ${dir}` });
  // A kept name with something kept below it is itself cleared around that.
  const below = [...top].filter(([, inner]) => inner.length > 0).flatMap(([name, inner]) => clearKeeping(path.join(dir, name), inner, log));
  return [here, ...below];
}

/** Make `dir` an empty work directory but for `keep`, refusing to wipe one we did not make. Returns the deletions it started. */
export function prepareWorkDir(dir: string, options: { keep?: readonly string[]; log?: Log } = {}): BackgroundRemoval[] {
  refuseForeign(dir);
  return withFaults({ doing: 'preparing work-dir', path: dir }, () => {
    const started = existsSync(dir) ? clearKeeping(dir, options.keep ?? [], options.log) : [];
    makeDirs(dir);
    writeFileSync(path.join(dir, WORK_MARK), '');
    return started;
  });
}

/** A work dir held by this run: its lock, and the deletions of what the last run left. */
export interface HeldWorkDir {
  lock: HeldLock;
  removals: BackgroundRemoval[];
}

/**
 * Take `dir` for a run: refuse it if it is someone else's, lock it (a second
 * run refuses at once, naming this one; a dead run's lock is taken over with a
 * note), then empty it but for `keep`.
 */
export function takeWorkDir(dir: string, purpose: string, options: { keep?: readonly string[]; log?: Log; owner?: number } = {}): HeldWorkDir {
  refuseForeign(dir);
  const lock = lockDirectory(dir, { purpose, log: options.log, what: `work-dir ${dir}`, owner: options.owner });
  try {
    return { lock, removals: prepareWorkDir(dir, options) };
  } catch (e) {
    lock.release();
    throw e;
  }
}

/** Remove a work directory, if it is ours (a mount point is emptied instead). */
export function removeWorkDir(dir: string): void {
  if (existsSync(path.join(dir, WORK_MARK))) removeDir(dir);
}
