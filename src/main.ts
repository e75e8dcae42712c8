// The action's main step: read inputs, run the pipeline, set outputs.
import * as core from '@actions/core';
import { LibkrunfwError } from './errors.ts';
import { setOutputs, writeSummary } from './outputs.ts';
import { githubPlatform } from './platform/github/index.ts';
import { readActionInputs } from './request/from-inputs.ts';
import { plannedWorkDir, runRequest } from './run-request.ts';
import { saveState, State } from './state.ts';

export async function main(): Promise<void> {
  const platform = githubPlatform();
  try {
    const raw = readActionInputs();
    const { workDir, keep } = plannedWorkDir(raw, platform);
    saveState(State.WorkDir, workDir);
    saveState(State.KeepWorkDir, String(keep));
    const result = await runRequest(raw, platform);
    setOutputs(result);
    await writeSummary(result);
    saveState(State.Finished, 'true');
  } catch (e) {
    if (e instanceof LibkrunfwError) {
      for (const where of e.locations) platform.log.error(where.title ?? e.message.split('\n')[0]!, where);
      core.setFailed(`${e.name}: ${e.message}`);
    } else {
      core.setFailed(`unexpected failure: ${(e as Error).stack ?? String(e)}`);
    }
  }
}

await main();
