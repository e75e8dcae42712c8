// The action's main step: read inputs, restore caches and build, set outputs.
// The post step saves the caches (only after a verified build) and cleans up.
import * as core from '@actions/core';
import { UserError } from './errors.ts';
import { setOutputs } from './outputs.ts';
import type { StageRecord } from './pipeline/stage.ts';
import { annotateFailure, githubPlatform } from './platform/github/index.ts';
import { readActionInputs } from './request/from-inputs.ts';
import { prepareRun, type PreparedRun } from './run-request.ts';
import { saveState, State } from './state.ts';
import { fileSizes, renderSummary, type SummaryInput } from './summary.ts';

/** A summary that cannot be written (no GITHUB_STEP_SUMMARY) is a warning, never the run's failure. */
async function writeSummary(input: SummaryInput): Promise<void> {
  try {
    await core.summary.addRaw(renderSummary({ ...input, workspace: process.env.GITHUB_WORKSPACE || process.cwd() }), true).write();
  } catch (e) {
    core.warning(`the job summary was not written: ${(e as Error).message}`);
  }
}

/** The main step, as the runner (and @github/local-action) calls it. */
export async function run(): Promise<void> {
  process.setSourceMapsEnabled(true);
  const platform = githubPlatform();
  let prepared: PreparedRun | undefined;
  try {
    prepared = await prepareRun(readActionInputs(), platform);
    saveState(State.WorkDir, prepared.workDir);
    saveState(State.KeepWorkDir, String(prepared.keepWorkDir));
    saveState(State.CacheDir, prepared.cacheDir ?? '');
    const result = await prepared.execute();
    saveState(State.PendingSaves, JSON.stringify(result.pendingSaves));
    setOutputs(result);
    await writeSummary({ result, sizes: fileSizes(result) });
    saveState(State.Finished, 'true');
  } catch (e) {
    // One annotation for the error; the summary says which stage failed and what is left.
    annotateFailure(e);
    process.exitCode = e instanceof UserError ? 1 : 2;
    const carried = e as { stages?: StageRecord[]; kept?: string[] };
    const kept = carried.kept ?? (prepared?.keepWorkDir ? [prepared.workDir] : []);
    await writeSummary({ error: e, stages: carried.stages, kept });
  }
}
