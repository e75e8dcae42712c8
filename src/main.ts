// The action's main step: read the inputs, run, set the outputs and the
// summary. The post step (post.ts) saves the caches and cleans up.
import * as core from '@actions/core';
import { existsSync } from 'node:fs';
import { LibkrunfwError, UserError } from './errors.ts';
import { setOutputs } from './outputs.ts';
import { annotateFailure, githubPlatform } from './platform/github/index.ts';
import { readActionInputs } from './request/from-inputs.ts';
import { prepareRun, type PreparedRun } from './run.ts';
import { saveRunRecord } from './state.ts';
import { summaryLine } from './check/describe.ts';
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
    // Paths in the inputs are relative to the workspace, as in every action.
    prepared = prepareRun(readActionInputs(), platform, process.env.GITHUB_WORKSPACE || process.cwd());
    // Saved before anything runs, so post finds it even if this step is cancelled.
    saveRunRecord({ ...prepared.record, outcome: 'interrupted' });
    const result = await prepared.execute();
    setOutputs(result);
    await writeSummary(result.kind === 'check' ? { check: result } : { result, sizes: fileSizes(result) });
    // The findings are annotated on their lines already; this is the step's verdict.
    if (result.kind === 'check' && !result.passed) core.setFailed(`check: ${summaryLine(result.report)}`);
  } catch (e) {
    // One annotation for the error; the summary says which stage failed and what is left.
    annotateFailure(e);
    process.exitCode = e instanceof UserError ? 1 : 2;
    // A failed run keeps its work dir for inspection (finish.ts), when it got as far as making one.
    const kept = prepared && existsSync(prepared.record.workDir) ? [prepared.record.workDir] : [];
    await writeSummary({ error: e, stages: e instanceof LibkrunfwError ? e.stages : undefined, kept });
  } finally {
    if (prepared) saveRunRecord(prepared.record);
  }
}
