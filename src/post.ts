// The action's post step: save the caches a successful build left, then clean
// up. It runs even when main failed or was cancelled, saves nothing then, and
// never fails the job.
import * as core from '@actions/core';
import { saveCaches, savesAfter, type PendingSave } from './cache/build-caches.ts';
import { removeWorkDir } from './pipeline/build.ts';
import { githubPlatform } from './platform/github/index.ts';
import { getState, State } from './state.ts';

/** The post step, as the runner calls it. */
export async function run(): Promise<void> {
  process.setSourceMapsEnabled(true);
  try {
    const workDir = getState(State.WorkDir);
    if (!workDir) return core.info('main did not start a build; nothing to save or clean up');
    if (getState(State.Finished) === 'true') {
      const pending = savesAfter(JSON.parse(getState(State.PendingSaves) || '[]') as PendingSave[], getState(State.KeepWorkDir) === 'true');
      const platform = githubPlatform();
      const store = pending.length > 0 ? platform.cacheStore?.(getState(State.CacheDir) || undefined) : undefined;
      if (store) await saveCaches(store, pending, platform.log, platform.tarballShelf);
    } else {
      core.info('the build did not finish: no cache is saved from it');
    }
    if (getState(State.KeepWorkDir) === 'true') core.info(`keeping ${workDir} (keep-work-dir)`);
    else removeWorkDir(workDir);
  } catch (e) {
    core.warning(`post: ${(e as Error).message}`);
  }
}
