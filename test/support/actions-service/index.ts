// A local stand-in for GitHub's Actions results service, so tests can run the
// real, unmodified @actions/cache (cache service v2) and @actions/artifact
// (artifacts v4) clients against 127.0.0.1:
//
//   - control plane: twirp JSON over HTTP (CacheService, ArtifactService),
//   - data plane: Azurite's blob service in a child process; the clients
//     upload and download directly through SAS URLs signed with Azurite's
//     well-known development account.
//
//   const service = await startActionsService();
//   const restoreEnv = applyActionsEnv(service.env);
//   ... saveCache / restoreCache / new DefaultArtifactClient() ...
//   restoreEnv();
//   await service.stop();
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACT_CONTAINER, installArtifactService, type ArtifactRecord } from './artifact-service.ts';
import { startAzurite, type BlobStore } from './azurite.ts';
import { CACHE_CONTAINER, installCacheService, type CacheEntry, type DuplicateCacheEntryReply } from './cache-service.ts';
import { createRuntimeToken, type RuntimeIdentity } from './runtime-token.ts';
import { startTwirpServer, type RpcCall, type RpcName, type TwirpServer } from './twirp.ts';

export { applyActionsEnv, withActionsEnv, UNSET_BY_ACTIONS_ENV } from './env.ts';
export { captureActionsLog, type ActionsLog } from './log.ts';
export { compressTimers, type CompressTimersOptions } from './timers.ts';
export { DUPLICATE_CACHE_ENTRY_MESSAGE, type CacheEntry, type DuplicateCacheEntryReply } from './cache-service.ts';
export { DUPLICATE_ARTIFACT_MESSAGE, type ArtifactRecord } from './artifact-service.ts';
export type { RpcCall, RpcName, CacheRpc, ArtifactRpc } from './twirp.ts';
export type { RuntimeIdentity } from './runtime-token.ts';

export interface ActionsServiceOptions {
  /** Workflow run id put in the runtime token. Default: a random UUID. */
  runId?: string;
  /** Workflow job id put in the runtime token. Default: a random UUID. */
  jobId?: string;
  /** How CreateCacheEntry refuses an existing key+version. Default 'conflict' (HTTP 409, as github.com). */
  duplicateCacheEntry?: DuplicateCacheEntryReply;
  /** GITHUB_WORKSPACE for the clients. Default: a fresh directory removed by stop(). */
  workspace?: string;
  /** Where the service's temporary directory is created. Default: os.tmpdir(). */
  tmpRoot?: string;
  /** Default 20000. */
  azuriteStartTimeoutMs?: number;
}

export interface Faults {
  /** Answer `rpc` with a twirp error of HTTP `status` (default 500), `times` times (default: until cleared). */
  fail(rpc: RpcName, options?: { status?: number; message?: string; times?: number }): void;
  /**
   * Read the request and never answer; after `ms` (default 250) the connection
   * is destroyed, which the clients see as ECONNRESET. `ms: Infinity` holds the
   * request until stop(); the clients set no timeout of their own, so they wait as long.
   */
  hang(rpc: RpcName, options?: { ms?: number; times?: number }): void;
  /** Read the request and close the connection at once without an HTTP response. */
  drop(rpc: RpcName, options?: { times?: number }): void;
  /** CreateCacheEntry answers ok:false with `message` for matching keys. */
  refuseCache(key: string | RegExp, message?: string): void;
  /** CreateArtifact answers ok:false for matching names. */
  refuseArtifact(name: string | RegExp): void;
  /** Disarms every fault and refusal. */
  clear(): void;
}

export interface ActionsService {
  /** What to put in process.env (see applyActionsEnv, which also unsets UNSET_BY_ACTIONS_ENV). */
  readonly env: Record<string, string>;
  /** Twirp base URL, http://127.0.0.1:<port>/ (ACTIONS_RESULTS_URL). */
  readonly url: string;
  /** Azurite account URL, http://127.0.0.1:<port>/devstoreaccount1. */
  readonly blobUrl: string;
  /** Process id of the Azurite child. */
  readonly azuritePid: number | undefined;
  readonly runId: string;
  readonly jobId: string;
  /** GITHUB_WORKSPACE in `env`. */
  readonly workspace: string;
  /** RUNNER_TEMP in `env`. */
  readonly runnerTemp: string;
  readonly faults: Faults;
  /** Cache entries, oldest first (copies). */
  caches(): CacheEntry[];
  /** Artifacts, pending and finalized, oldest first (copies). */
  artifacts(): ArtifactRecord[];
  /** Requests received, optionally only those of one RPC, including faulted ones. */
  calls(rpc?: RpcName): RpcCall[];
  /** `env` with a runtime token for another job (and optionally another run). */
  envFor(identity: Partial<RuntimeIdentity>): Record<string, string>;
  /** Forgets all entries, artifacts, faults and recorded calls. */
  reset(): void;
  /** Stops the twirp server and Azurite and removes the temporary directory; idempotent. */
  stop(): Promise<void>;
}

const DEFAULT_HANG_MS = 250;
const DEFAULT_REFUSAL_MESSAGE = 'cache entry refused by the stand-in service';

function withLoopbackNoProxy(existing: string | undefined): string {
  const entries = (existing ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  for (const host of ['127.0.0.1', 'localhost']) if (!entries.includes(host)) entries.push(host);
  return entries.join(',');
}

export async function startActionsService(options: ActionsServiceOptions = {}): Promise<ActionsService> {
  const runId = options.runId ?? randomUUID();
  const jobId = options.jobId ?? randomUUID();
  const root = await mkdtemp(join(options.tmpRoot ?? tmpdir(), 'actions-service-'));
  const workspace = options.workspace ?? join(root, 'workspace');
  const runnerTemp = join(root, 'runner-temp');
  const azuriteDir = join(root, 'azurite');
  await Promise.all([mkdir(workspace, { recursive: true }), mkdir(runnerTemp), mkdir(azuriteDir)]);

  let store: BlobStore | undefined;
  let server: TwirpServer | undefined;
  const teardown = async (): Promise<void> => {
    await Promise.allSettled([server?.stop(), store?.stop()]);
    await rm(root, { recursive: true, force: true });
  };

  try {
    store = await startAzurite({ cwd: azuriteDir, startTimeoutMs: options.azuriteStartTimeoutMs });
    await Promise.all([store.createContainer(CACHE_CONTAINER), store.createContainer(ARTIFACT_CONTAINER)]);
    server = await startTwirpServer();
  } catch (error) {
    await teardown();
    throw error;
  }
  const twirp = server;
  const cache = installCacheService(twirp, store, { duplicateEntry: options.duplicateCacheEntry ?? 'conflict' });
  const artifacts = installArtifactService(twirp, store);

  const envFor = (identity: Partial<RuntimeIdentity>): Record<string, string> => ({
    ACTIONS_RESULTS_URL: twirp.url,
    ACTIONS_RUNTIME_TOKEN: createRuntimeToken({ runId: identity.runId ?? runId, jobId: identity.jobId ?? jobId }),
    ACTIONS_CACHE_SERVICE_V2: 'true',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    // @actions/http-client never proxies loopback; the Azure SDK would.
    NO_PROXY: withLoopbackNoProxy(process.env['NO_PROXY']),
    no_proxy: withLoopbackNoProxy(process.env['no_proxy']),
  });

  const faults: Faults = {
    fail(rpc, { status = 500, message, times = Infinity } = {}) {
      twirp.arm(rpc, { kind: 'status', status, message: message ?? `injected HTTP ${status} for ${rpc}` }, times);
    },
    hang(rpc, { ms = DEFAULT_HANG_MS, times = Infinity } = {}) {
      twirp.arm(rpc, { kind: 'hang', ms }, times);
    },
    drop(rpc, { times = Infinity } = {}) {
      twirp.arm(rpc, { kind: 'drop' }, times);
    },
    refuseCache(key, message = DEFAULT_REFUSAL_MESSAGE) {
      cache.refuse(key, message);
    },
    refuseArtifact(name) {
      artifacts.refuse(name);
    },
    clear() {
      twirp.disarm();
      cache.clearRefusals();
      artifacts.clearRefusals();
    },
  };

  let stopping: Promise<void> | undefined;
  return {
    env: envFor({}),
    url: twirp.url,
    blobUrl: store.accountUrl,
    azuritePid: store.pid,
    runId,
    jobId,
    workspace,
    runnerTemp,
    faults,
    caches: () => cache.entries(),
    artifacts: () => artifacts.artifacts(),
    calls: (rpc) => twirp.calls().filter((call) => rpc === undefined || call.rpc === rpc),
    envFor,
    reset() {
      faults.clear();
      cache.reset();
      artifacts.reset();
      twirp.clearCalls();
    },
    stop() {
      stopping ??= teardown();
      return stopping;
    },
  };
}
