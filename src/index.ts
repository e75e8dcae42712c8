// The library door: the same run the action and the CLI make.
export { prepareRun, runRequest, requestEnvironment, type PreparedRun } from './run.ts';
export { finishRun, type RunRecord, type Outcome } from './finish.ts';
export type { BuildResult } from './result.ts';
export { resolveRequest } from './request/resolve.ts';
export type { BuildRequest, BundleRequest, PendingBuildRequest, Request, RequestEnvironment, VerifySourceRequest } from './request/types.ts';
export { BUILD_INPUTS, OUTPUTS, type RawBuildInputs } from './request/inputs.ts';
export { kernelPayloadFromElf, PAYLOAD_ALIGN, type KernelPayload } from './pipeline/stages/bundle.ts';
export { localPlatform, consoleLog } from './platform/local/index.ts';
export { MemoryLog, type Log, type Platform } from './platform/types.ts';
export * from './errors.ts';
export type { CacheStore } from './cache/store.ts';
export { directoryCacheStore, defaultCacheDir } from './platform/local/cache-store.ts';
export { ARCHES, VARIANTS, type Arch, type Variant } from './target.ts';
