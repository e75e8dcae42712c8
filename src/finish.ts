// The one finish, for the CLI and library (right after the run) and for the
// action (in its post step, from the record main saved): save what the run
// left to cache, then remove or keep the work directory. The same rules for all:
//   - after success, every pending save; a kept work dir keeps its tree where it is
//   - after a failure or an interruption, only the compiler cache: ccache's
//     entries are content-addressed, so a broken build cannot poison them, and
//     the next attempt starts warm; nothing else (no output, tree or tarball)
//   - the work dir goes after success unless keep-work-dir; after a failure it
//     is kept for inspection (the next run clears it)
// Caching never fails a run: a store that refuses is a warning.
import { saveCaches, type PendingSave } from './cache/saves.ts';
import type { Platform } from './platform/types.ts';
import { removeWorkDir } from './work-dir.ts';

export type Outcome = 'succeeded' | 'failed' | 'interrupted';

/** What the finish needs to know of a run; the action carries it from main to post in its state. */
export interface RunRecord {
  workDir: string;
  keepWorkDir: boolean;
  cacheDir?: string;
  pending: PendingSave[];
  outcome: Outcome;
}

export function savesFor(record: Pick<RunRecord, 'pending' | 'outcome' | 'keepWorkDir'>): PendingSave[] {
  if (record.outcome !== 'succeeded') return record.pending.filter((p) => p.level === 'compiler');
  return record.keepWorkDir ? record.pending.filter((p) => p.level !== 'tree') : record.pending;
}

export async function finishRun(record: RunRecord, platform: Platform): Promise<void> {
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
