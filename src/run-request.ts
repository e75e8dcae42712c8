// The one route from raw inputs to a result, shared by the action and the CLI.
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkoutLibkrunfw } from './recipe/checkout.ts';
import { verifySource } from './release/verify-source.ts';
import type { CacheStore } from './cache/store.ts';
import { bundleExisting, buildLibrary, finishBuild, type BuildResult } from './pipeline/build.ts';
import type { Platform } from './platform/types.ts';
import {
  isBundleOnly,
  isVerifySource,
  resolveBuildRequest,
  resolveBundleRequest,
  resolveVerifySourceRequest,
  type CheckedOutTree,
  type RequestEnvironment,
} from './request/build-request.ts';
import type { RawBuildInputs } from './request/inputs.ts';

export function requestEnvironment(platform: Platform): RequestEnvironment {
  return {
    cwd: process.env.GITHUB_WORKSPACE || process.cwd(),
    tempDir: platform.tempDir,
    cpuCount: os.availableParallelism(),
    hostArch: process.arch,
    sourceDateEpoch: process.env.SOURCE_DATE_EPOCH,
  };
}

/** A validated run, not started yet: what the action records before it begins. */
export interface PreparedRun {
  workDir: string;
  keepWorkDir: boolean;
  /** The directory cache asked for, if any (else the platform's own service). */
  cacheDir?: string;
  store?: CacheStore;
  execute(): Promise<BuildResult>;
}

/** libkrunfw-ref: fetch that commit of the libkrunfw repository, outside the work dir (which is wiped). */
async function checkoutRecipe(raw: RawBuildInputs, env: RequestEnvironment, platform: Platform): Promise<CheckedOutTree | undefined> {
  const ref = typeof raw['libkrunfw-ref'] === 'string' ? raw['libkrunfw-ref'].trim() : '';
  if (!ref) return undefined;
  const given = raw['libkrunfw-repository'];
  const repository = (typeof given === 'string' && given.trim()) || 'https://github.com/containers/libkrunfw';
  const dest = path.join(env.tempDir, 'libkrunfw-recipe');
  rmSync(dest, { recursive: true, force: true });
  platform.log.info(`checking out libkrunfw ${ref} from ${repository}`);
  const { dir, commit } = await checkoutLibkrunfw({ repository, ref, dest });
  platform.log.info(`libkrunfw ${ref} is commit ${commit}`);
  return { dir, repository, ref, commit };
}

export async function prepareRun(raw: RawBuildInputs, platform: Platform): Promise<PreparedRun> {
  const env = requestEnvironment(platform);
  if (isVerifySource(raw)) {
    const v = resolveVerifySourceRequest(raw, env);
    return {
      workDir: v.workDir,
      keepWorkDir: v.keepWorkDir,
      // The door cleans up the whole work dir (the extracted release too), not only the rebuild.
      execute: async () => ({ ...(await verifySource(v.release, platform, v)).rebuilt, workDir: v.workDir }),
    };
  }
  if (isBundleOnly(raw)) {
    const request = resolveBundleRequest(raw, env);
    return { workDir: request.workDir, keepWorkDir: request.keepWorkDir, execute: () => bundleExisting(request, platform) };
  }
  const request = resolveBuildRequest(raw, env, await checkoutRecipe(raw, env, platform));
  const anyCache = request.cache.source || request.cache.compiler || request.cache.output;
  const store = anyCache ? platform.cacheStore?.(request.cacheDir) : undefined;
  return {
    workDir: request.workDir,
    keepWorkDir: request.keepWorkDir,
    cacheDir: request.cacheDir,
    store,
    execute: () => buildLibrary(request, platform, store),
  };
}

/** Run to the end: build, then save the caches and clean up (the CLI and library doors). */
export async function runRequest(raw: RawBuildInputs, platform: Platform): Promise<BuildResult> {
  const run = await prepareRun(raw, platform);
  let result: BuildResult;
  try {
    result = await run.execute();
  } catch (e) {
    platform.log.info(`the work directory is kept for inspection: ${run.workDir}`);
    throw e;
  }
  await finishBuild(result, run.store, run.keepWorkDir, platform);
  return result;
}
