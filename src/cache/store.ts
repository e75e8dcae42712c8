// One cache interface, two backends: @actions/cache on GitHub, a directory for
// the CLI. Neither ever throws for a cache problem: a cache is a speed-up, so
// a failure is a warning and the build goes on.

export interface CacheStore {
  readonly kind: 'github' | 'directory';
  /** A directory store's directory (the tree cache lives beside its entries). */
  readonly dir?: string;
  /**
   * Restores `paths` from the entry `primaryKey`, or else from the newest entry
   * whose key starts with one of `restoreKeys` (tried in order). Returns the key
   * it restored, or undefined.
   */
  restore(paths: string[], primaryKey: string, restoreKeys?: string[]): Promise<string | undefined>;
  /** Saves `paths` as `key`. Entries are immutable: false when it exists or saving failed. */
  save(paths: string[], key: string): Promise<boolean>;
}

/** How long a cache call may take before the build gives up on it and goes on. */
export const CACHE_TIMEOUT_MS = 10 * 60 * 1000;

/** Resolves with the value, or with `fallback` (after calling onTimeout) when `ms` pass first. */
export async function withTimeout<T>(work: Promise<T>, ms: number, fallback: T, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      onTimeout();
      resolve(fallback);
    }, ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
