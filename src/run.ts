// A run, the same for every door: resolve the raw inputs into a request (no
// side effect before that has passed), clear what an earlier run left in
// out-dir, take the work directory, run the route, and hand back the result
// and the record the finish (finish.ts) needs. The CLI and the library finish
// right away (runRequest); the action finishes in its post step.
import os from 'node:os';
import path from 'node:path';
import { InputError, LibkrunfwError } from './errors.ts';
import type { Outcome, RunRecord } from './finish.ts';
import { finishRun } from './finish.ts';
import { clearOutputs } from './out-dir.ts';
import { runRoute, Runtime } from './pipeline/plan.ts';
import { routeOf } from './pipeline/route.ts';
import type { BuildState } from './pipeline/state.ts';
import type { Platform } from './platform/types.ts';
import { verifySource } from './release/verify-source.ts';
import { BUILD_INPUTS, type RawBuildInputs } from './request/inputs.ts';
import { resolveRequest } from './request/resolve.ts';
import type { Request, RequestEnvironment } from './request/types.ts';
import { checkResultOf, resultOf, type RunResult } from './result.ts';
import { prepareWorkDir } from './work-dir.ts';

/** The machine's facts for the resolver; relative paths resolve against `cwd` (the workspace in the action, the shell's directory in the CLI). */
export function requestEnvironment(platform: Platform, cwd: string): RequestEnvironment {
  return { cwd, tempDir: platform.tempDir, cpuCount: os.availableParallelism(), hostArch: process.arch, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH };
}

/** A resolved run, not started: what the action records before it begins. */
export interface PreparedRun {
  request: Request;
  /** What the finish needs; `pending` and `outcome` are filled as the run goes. */
  record: RunRecord;
  execute(): Promise<RunResult>;
}

/** Where out-dir is, even when the rest of the request was refused: a refused run clears our earlier files too. */
function outDirOf(raw: RawBuildInputs, env: RequestEnvironment): string | undefined {
  const given = raw['out-dir'];
  const dir = typeof given === 'string' && given.trim() ? given.trim() : BUILD_INPUTS.find((s) => s.name === 'out-dir')?.default;
  return dir === undefined ? undefined : path.resolve(env.cwd, dir);
}

export function prepareRun(raw: RawBuildInputs, platform: Platform, cwd: string): PreparedRun {
  const env = requestEnvironment(platform, cwd);
  let request: Request;
  try {
    request = resolveRequest(raw, env);
  } catch (e) {
    const outDir = e instanceof InputError ? outDirOf(raw, env) : undefined;
    if (outDir) clearOutputs(outDir);
    throw e;
  }
  const record: RunRecord = {
    workDir: request.workDir,
    keepWorkDir: request.keepWorkDir,
    cacheDir: request.mode === 'build' || request.mode === 'check' ? request.cacheDir : undefined,
    pending: [],
    outcome: 'failed',
  };
  return { request, record, execute: () => executeRequest(request, platform, env, record) };
}

/** Run a resolved request: clear out-dir, take the work dir, run its route. `record` learns the outcome and what is left to save. */
export async function executeRequest(
  request: Request,
  platform: Platform,
  env: RequestEnvironment = requestEnvironment(platform, process.cwd()),
  record: Pick<RunRecord, 'outcome' | 'pending'> = { outcome: 'failed', pending: [] },
): Promise<RunResult> {
  if (request.mode !== 'verify-source') clearOutputs(request.outDir);
  prepareWorkDir(request.workDir);
  if (request.mode === 'verify-source') {
    const { rebuilt } = await verifySource(request, platform, env);
    record.outcome = 'succeeded';
    return { ...rebuilt, workDir: request.workDir };
  }
  const store = request.mode === 'build' || request.mode === 'check' ? platform.cacheStore?.(request.cacheDir) : undefined;
  const rt = new Runtime(platform, request.workDir, store, request.outDir);
  const state: BuildState = request.mode === 'bundle' ? { request, compiled: { image: request.image } } : 'settle' in request ? { pending: request } : { request, build: request };
  try {
    await runRoute(routeOf(state), state, rt);
    record.outcome = 'succeeded';
  } catch (e) {
    record.outcome = outcomeOf(e);
    clearOutputs(request.outDir);
    throw e;
  } finally {
    record.pending = rt.pending;
  }
  if (request.mode === 'bundle' && request.upload && platform.publisher) {
    platform.log.warning('nothing uploaded: a bundled vmlinux has no source release, and a library is never published without one');
  }
  const facts = { stages: rt.records, caches: rt.caches, pendingSaves: rt.pending, workDir: request.workDir };
  return request.mode === 'check' ? checkResultOf(state, facts) : resultOf(state, facts);
}

function outcomeOf(e: unknown): Outcome {
  return e instanceof LibkrunfwError && e.name === 'InterruptedError' ? 'interrupted' : 'failed';
}

/** Run to the end and finish (the CLI and library doors): save the caches, clean or keep the work dir. */
export async function runRequest(raw: RawBuildInputs, platform: Platform, cwd = process.cwd()): Promise<RunResult> {
  const run = prepareRun(raw, platform, cwd);
  try {
    return await run.execute();
  } finally {
    await finishRun(run.record, platform);
  }
}
