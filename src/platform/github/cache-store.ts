// The cache on GitHub: the unmodified @actions/cache client.
import * as cache from '@actions/cache';
import type { CacheStore } from '../../cache/store.ts';
import { CACHE_TIMEOUT_MS, withTimeout } from '../../cache/store.ts';
import type { Log } from '../types.ts';

export function githubCacheStore(log: Log, timeoutMs = CACHE_TIMEOUT_MS): CacheStore {
  return {
    kind: 'github',
    async restore(paths, primaryKey, restoreKeys = []) {
      if (!cache.isFeatureAvailable()) {
        log.warning('the Actions cache service is not available here; building without cache');
        return undefined;
      }
      try {
        // The client has no timeout of its own: a service that never answers must not hang the build.
        return await withTimeout(cache.restoreCache(paths, primaryKey, restoreKeys, { segmentTimeoutInMs: timeoutMs }), timeoutMs, undefined, () =>
          log.warning(`cache restore of ${primaryKey} took over ${timeoutMs / 1000}s; going on without it`),
        );
      } catch (e) {
        log.warning(`cache restore of ${primaryKey} failed: ${(e as Error).message}`);
        return undefined;
      }
    },
    async save(paths, key) {
      if (!cache.isFeatureAvailable()) return false;
      try {
        const id = await withTimeout(cache.saveCache(paths, key), timeoutMs, -1, () =>
          log.warning(`cache save of ${key} took over ${timeoutMs / 1000}s; going on without it`),
        );
        return id !== -1;
      } catch (e) {
        log.warning(`cache save of ${key} failed: ${(e as Error).message}`);
        return false;
      }
    },
  };
}
