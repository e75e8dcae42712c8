// The action's post step: the same finish the CLI runs after a run (finish.ts),
// from the record main saved. It runs even when main failed or was cancelled,
// and never fails the job.
import * as core from '@actions/core';
import { finishRun } from './finish.ts';
import { githubPlatform } from './platform/github/index.ts';
import { readRunRecord } from './state.ts';

/** The post step, as the runner calls it. */
export async function run(): Promise<void> {
  process.setSourceMapsEnabled(true);
  try {
    const record = readRunRecord();
    if (!record) return core.info('main did not start a run; nothing to save or clean up');
    await finishRun(record, githubPlatform());
  } catch (e) {
    core.warning(`post: ${(e as Error).message}`);
  }
}
