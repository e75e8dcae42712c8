// Putting the stand-in's environment into process.env for the duration of a
// test, and taking it out again.

/**
 * Variables removed while the stand-in's environment is applied.
 *
 * GITHUB_SERVER_URL: both clients call it GHES when its host is anything but
 *   github.com, *.ghe.com or *.localhost. On "GHES" the cache client silently
 *   falls back to the legacy v1 protocol and the artifact client throws
 *   GHESNotSupportedError. Unset, it defaults to https://github.com.
 * ACTIONS_CACHE_URL: the legacy v1 cache endpoint of a real runner.
 * ACTIONS_CACHE_MODE: a runner may export 'read'/'none', which makes
 *   saveCache/restoreCache skip the service entirely.
 */
export const UNSET_BY_ACTIONS_ENV = ['GITHUB_SERVER_URL', 'ACTIONS_CACHE_URL', 'ACTIONS_CACHE_MODE'] as const;

/** Applies `env` (and removes UNSET_BY_ACTIONS_ENV); returns a function that restores the previous values. */
export function applyActionsEnv(env: Record<string, string>): () => void {
  const names = new Set<string>([...UNSET_BY_ACTIONS_ENV, ...Object.keys(env)]);
  const saved = new Map<string, string | undefined>();
  for (const name of names) saved.set(name, process.env[name]);
  for (const name of UNSET_BY_ACTIONS_ENV) delete process.env[name];
  for (const [name, value] of Object.entries(env)) process.env[name] = value;
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/** Runs `fn` with `env` applied, restoring process.env afterwards, even when `fn` throws. */
export async function withActionsEnv<T>(env: Record<string, string>, fn: () => T | Promise<T>): Promise<T> {
  const restore = applyActionsEnv(env);
  try {
    return await fn();
  } finally {
    restore();
  }
}
