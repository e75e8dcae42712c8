// The action's main step: read inputs, restore caches and build, set outputs.
// The post step saves the caches (only after a verified build) and cleans up.
import * as core from '@actions/core';
import { LibkrunfwError } from './errors.ts';
import { setOutputs, writeSummary } from './outputs.ts';
import { githubPlatform } from './platform/github/index.ts';
import { readActionInputs } from './request/from-inputs.ts';
import { prepareRun } from './run-request.ts';
import { saveState, State } from './state.ts';

/** The main step, as the runner (and @github/local-action) calls it. */
export async function run(): Promise<void> {
  const platform = githubPlatform();
  try {
    const run = await prepareRun(readActionInputs(), platform);
    saveState(State.WorkDir, run.workDir);
    saveState(State.KeepWorkDir, String(run.keepWorkDir));
    saveState(State.CacheDir, run.cacheDir ?? '');
    const result = await run.execute();
    saveState(State.PendingSaves, JSON.stringify(result.pendingSaves));
    setOutputs(result);
    await writeSummary(result);
    saveState(State.Finished, 'true');
  } catch (e) {
    if (e instanceof LibkrunfwError) {
      // One place: the whole message there. Several (hunks, options): each its own line.
      for (const where of e.locations) {
        platform.log.error(e.locations.length === 1 ? e.message : (where.title ?? e.message), where);
      }
      core.setFailed(`${e.name}: ${e.message}`);
    } else {
      core.setFailed(`unexpected failure: ${(e as Error).stack ?? String(e)}`);
    }
  }
}

