// The action's main step: read the inputs, run, set the outputs and the
// summary. The post step (post.ts) saves the caches and cleans up.
import * as core from '@actions/core';
import { LibkrunfwError } from './errors.ts';
import { setOutputs, writeSummary } from './outputs.ts';
import { githubPlatform } from './platform/github/index.ts';
import { readActionInputs } from './request/from-inputs.ts';
import { prepareRun, type PreparedRun } from './run.ts';
import { saveRunRecord } from './state.ts';

/** The main step, as the runner (and @github/local-action) calls it. */
export async function run(): Promise<void> {
  const platform = githubPlatform();
  let prepared: PreparedRun | undefined;
  try {
    // Paths in the inputs are relative to the workspace, as in every action.
    prepared = prepareRun(readActionInputs(), platform, process.env.GITHUB_WORKSPACE || process.cwd());
    saveRunRecord({ ...prepared.record, outcome: 'interrupted' });
    const result = await prepared.execute();
    setOutputs(result);
    await writeSummary(result);
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
  } finally {
    if (prepared) saveRunRecord(prepared.record);
  }
}
