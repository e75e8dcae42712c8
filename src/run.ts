// A run, the same for every door: resolve the raw inputs into a request (no
// side effect before that has passed), clear what an earlier run left in
// out-dir, take the work directory, run the route, and hand back the result
// and the record the finish (finish.ts) needs. The CLI and the library finish
// right away (runRequest); the action finishes in its post step.
import os from 'node:os';
import path from 'node:path';
import { InputError, InterruptedError } from './errors.ts';
import type { RunRecord } from './finish.ts';
import { finishRun } from './finish.ts';
import { clearOutputs } from './out-dir.ts';
import { runRoute, Runtime } from './pipeline/plan.ts';
import { routeOf } from './pipeline/route.ts';
import type { BuildState } from './pipeline/state.ts';
import type { Log, Platform } from './platform/types.ts';
import { verifySource } from './release/verify-source.ts';
import { BUILD_INPUTS, type RawBuildInputs } from './request/inputs.ts';
import { resolveRequest } from './request/resolve.ts';
import type { Request, RequestEnvironment, VerifySourceRequest } from './request/types.ts';
import { checkResultOf, resultOf, type RunResult } from './result.ts';
import { awaitFreeSpace, checkKbuildPath, checkRelation, checkWritableDir, WORK_DIR_NEED } from './util/dir-checks.ts';
import { withFaults } from './util/faults.ts';
import { throwIfInterrupted } from './util/interrupt.ts';
import type { HeldLock } from './util/lock.ts';
import { takeWorkDir } from './work-dir.ts';

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
    started: false,
  };
  return { request, record, execute: () => executeRequest(request, platform, env, record) };
}

/** What a run holds the work dir for, as a second run's refusal names it. */
function purposeOf(request: Request): string {
  return 'arch' in request ? `${request.mode} ${request.arch} ${request.variant}` : request.mode;
}

/**
 * The directories, checked before any download or extraction, each refusal one
 * line: they must not nest, the kernel's build must be able to run in the
 * work dir (build, check and verify-source configure or compile there).
 */
function checkDirectories(request: Request): void {
  const cacheDir = 'cacheDir' in request ? request.cacheDir : undefined;
  if ('outDir' in request) checkRelation({ outDir: request.outDir, workDir: request.workDir, cacheDir });
  if (request.mode !== 'bundle') checkKbuildPath(request.workDir, 'work-dir');
}

/**
 * Take the work dir (locked, emptied but for the ccache directory), check that
 * out-dir can be written and the work dir's file system has room, then clear
 * what an earlier run wrote to out-dir. Returns the held lock.
 */
async function takeDirectories(request: Request, rt: Runtime, log: Log): Promise<HeldLock> {
  const owner = rt.platform.jobProcess;
  // Held for the job, the message another step of it gets says why and what to do.
  const purpose =
    owner === undefined
      ? purposeOf(request)
      : `${purposeOf(request)}, an earlier step of a job: held until its post step; give each use of the action in one job its own work-dir`;
  const held = takeWorkDir(request.workDir, purpose, { keep: [rt.cacheDir('compiler')], log, owner });
  try {
    if (request.mode !== 'verify-source') checkWritableDir(request.outDir, 'out-dir');
    const need = request.mode === 'bundle' ? WORK_DIR_NEED.bundle : WORK_DIR_NEED.build;
    await awaitFreeSpace(request.workDir, need, 'work-dir', { removals: held.removals, log });
    if (request.mode !== 'verify-source')
      withFaults({ doing: "clearing the last run's files from out-dir", path: request.outDir }, () => clearOutputs(request.outDir));
    return held.lock;
  } catch (e) {
    held.lock.release();
    throw e;
  }
}

/** A signal names the stage it stopped; the route has set `stage` on the error by then. */
function named(e: unknown): unknown {
  if (!(e instanceof InterruptedError)) return e;
  const said = e.during(e.stage ?? 'the preparation of the run');
  said.stages = e.stages;
  return said;
}

/** Run a resolved request: check the directories, take the work dir, run its route. `record` learns the outcome and what is left to save. */
export async function executeRequest(
  request: Request,
  platform: Platform,
  env: RequestEnvironment = requestEnvironment(platform, process.cwd()),
  record: Pick<RunRecord, 'outcome' | 'pending' | 'started'> = { outcome: 'failed', pending: [] },
): Promise<RunResult> {
  checkDirectories(request);
  const store = request.mode === 'build' || request.mode === 'check' ? platform.cacheStore?.(request.cacheDir) : undefined;
  const rt = new Runtime(platform, request.workDir, store, request.mode === 'verify-source' ? undefined : request.outDir);
  const lock = await takeDirectories(request, rt, platform.log);
  record.started = true;
  try {
    if (request.mode === 'verify-source') {
      const { rebuilt } = await verifySource(request, platform, env);
      throwIfInterrupted();
      record.outcome = 'succeeded';
      return { ...rebuilt, workDir: request.workDir };
    }
    return await runLibraryRoute(request, platform, rt, record);
  } catch (e) {
    record.outcome = e instanceof InterruptedError ? 'interrupted' : 'failed';
    throw named(e);
  } finally {
    // The job's lock is the post step's to release, after it saved and cleaned (finish.ts).
    if (platform.jobProcess === undefined) lock.release();
  }
}

/** The route of a build, check or bundle; a failure or a signal leaves none of this run's files in out-dir. */
async function runLibraryRoute(
  request: Exclude<Request, VerifySourceRequest>,
  platform: Platform,
  rt: Runtime,
  record: Pick<RunRecord, 'outcome' | 'pending'>,
): Promise<RunResult> {
  const state: BuildState =
    request.mode === 'bundle' ? { request, compiled: { image: request.image } } : 'settle' in request ? { pending: request } : { request, build: request };
  try {
    await runRoute(routeOf(state), state, rt);
    // A signal during a step that runs no child ends the run here.
    throwIfInterrupted();
    record.outcome = 'succeeded';
  } catch (e) {
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

/** Run to the end and finish (the CLI and library doors): save the caches, clean or keep the work dir. */
export async function runRequest(raw: RawBuildInputs, platform: Platform, cwd = process.cwd()): Promise<RunResult> {
  const run = prepareRun(raw, platform, cwd);
  try {
    return await run.execute();
  } finally {
    await finishRun(run.record, platform);
  }
}
