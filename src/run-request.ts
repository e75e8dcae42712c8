// The one route from raw inputs to a result, shared by the action and the CLI.
import os from 'node:os';
import { bundleExisting, buildLibrary, type BundleResult } from './pipeline/build.ts';
import type { Platform } from './platform/types.ts';
import { isBundleOnly, resolveBuildRequest, resolveBundleRequest, type RequestEnvironment } from './request/build-request.ts';
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

/** Where the run will work, known before it starts (for post's clean-up). */
export function plannedWorkDir(raw: RawBuildInputs, platform: Platform): { workDir: string; keep: boolean } {
  const env = requestEnvironment(platform);
  const r = isBundleOnly(raw) ? resolveBundleRequest(raw, env) : resolveBuildRequest(raw, env);
  return { workDir: r.workDir, keep: r.keepWorkDir };
}

export async function runRequest(raw: RawBuildInputs, platform: Platform): Promise<BundleResult> {
  const env = requestEnvironment(platform);
  if (isBundleOnly(raw)) return bundleExisting(resolveBundleRequest(raw, env), platform);
  return buildLibrary(resolveBuildRequest(raw, env), platform);
}
