// The one finish, for the CLI and library (right after the run) and for the
// action (in its post step, from the record main saved): save what the run
// left to cache, then remove or keep the work directory. The same rules for all:
//   - after success, every pending save; a kept work dir keeps its tree where it is
//   - after a failure or an interruption, only the compiler cache: ccache's
//     entries are content-addressed, so a broken build cannot poison them, and
//     the next attempt starts warm; nothing else (no output, tree or tarball)
//   - the work dir goes after success unless keep-work-dir; after a failure it
//     is kept for inspection (the next run clears it, keeping its ccache)
// The finish holds the work dir's lock while it works (the action's post step
// adopts the one its main step took for the job); a run refused before it
// took the work dir has nothing to finish.
// Caching never fails a run: a store that refuses is a warning.
import { saveCaches, type PendingSave } from './cache/saves.ts';
import { existsSync } from 'node:fs';
import { LockedError } from './errors.ts';
import type { Platform } from './platform/types.ts';
import { resetInterrupt } from './util/interrupt.ts';
import { lockDirectory, type HeldLock } from './util/lock.ts';
import { removeWorkDir } from './work-dir.ts';

export type Outcome = 'succeeded' | 'failed' | 'interrupted';

/** What the finish needs to know of a run; the action carries it from main to post in its state. */
export interface RunRecord {
  workDir: string;
  keepWorkDir: boolean;
  cacheDir?: string;
  pending: PendingSave[];
  outcome: Outcome;
  /** Whether the run took its work dir; a run refused before that has nothing to save or clean (false; absent in older records means true). */
  started?: boolean;
}

export function savesFor(record: Pick<RunRecord, 'pending' | 'outcome' | 'keepWorkDir'>): PendingSave[] {
  if (record.outcome !== 'succeeded') return record.pending.filter((p) => p.level === 'compiler');
  return record.keepWorkDir ? record.pending.filter((p) => p.level !== 'tree') : record.pending;
}

export async function finishRun(record: RunRecord, platform: Platform): Promise<void> {
  const { log } = platform;
  if (record.started === false) return;
  // Gone already (removed by hand, or a run that kept its files elsewhere): nothing to lock or clean, the saves still go.
  if (!existsSync(record.workDir)) return finishHeld(record, platform);
  // The signal that stopped the run must not stop its finish too (saving the ccache runs tar); a second one still does.
  if (record.outcome === 'interrupted') resetInterrupt();
  // Held while finishing, so a run that took the work dir since is never cleaned from under it.
  let lock: HeldLock;
  try {
    // The action's post step adopts the lock its main step took for the job.
    const owner = platform.jobProcess;
    lock = lockDirectory(record.workDir, { purpose: 'finishing a run', log, what: `work-dir ${record.workDir}`, owner, adopt: true });
  } catch (e) {
    if (!(e instanceof LockedError)) throw e;
    return log.warning(`nothing saved or cleaned: ${e.message}`);
  }
  try {
    await finishHeld(record, platform);
  } finally {
    lock.release();
  }
}

async function finishHeld(record: RunRecord, platform: Platform): Promise<void> {
  const { log } = platform;
  const saves = savesFor(record);
  if (record.outcome !== 'succeeded' && record.pending.length > saves.length) {
    log.info(`the run ${record.outcome === 'failed' ? 'failed' : 'was interrupted'}: only the compiler cache is saved from it`);
  }
  const store = saves.length > 0 ? platform.cacheStore?.(record.cacheDir) : undefined;
  if (store) await saveCaches(store, saves, log, platform.tarballShelf);
  if (record.outcome === 'succeeded' && !record.keepWorkDir) removeWorkDir(record.workDir);
  else log.info(`work directory kept${record.keepWorkDir ? ' (keep-work-dir)' : ' for inspection'}: ${record.workDir}`);
}
