// The library door: the same pipeline the action and the CLI run.
export { buildLibrary, bundleExisting, finishBuild, type BuildResult } from './pipeline/build.ts';
export { prepareRun, runRequest, type PreparedRun } from './run-request.ts';
export {
  resolveBuildRequest,
  resolveBundleRequest,
  type BuildRequest,
  type BundleRequest,
  type RequestEnvironment,
} from './request/build-request.ts';
export { BUILD_INPUTS, OUTPUTS, type RawBuildInputs } from './request/inputs.ts';
export { kernelPayloadFromElf, PAYLOAD_ALIGN, type KernelPayload } from './pipeline/stages/bundle.ts';
export { localPlatform, consoleLog } from './platform/local/index.ts';
export { MemoryLog, type Log, type Platform } from './platform/types.ts';
export * from './errors.ts';
export type { CacheStore } from './cache/store.ts';
export { directoryCacheStore, defaultCacheDir } from './platform/local/cache-store.ts';
