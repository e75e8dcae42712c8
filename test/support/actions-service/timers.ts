// The toolkit clients sleep between retries with the global setTimeout and
// take no retry options from their public API: a twirp call answered 500
// is tried 5 times with 3 s, ~4.5-6.75 s, ~6.75-10 s and ~10-15 s pauses
// (25-35 s in all). Tests about persistent failures shorten those pauses by
// scaling long global setTimeout delays down while a test runs. The clients
// still run their own retry loop unchanged; only the wait gets shorter.
// The stand-in's own timers come from node:timers and are not affected.

export interface CompressTimersOptions {
  /** Delays of at least this many ms are scaled; shorter ones are left alone. Default 1000. */
  minMs?: number;
  /** Divisor for those delays. Default 100 (3 s becomes 30 ms). */
  factor?: number;
}

/** Scales long global setTimeout delays down; returns a function that undoes it. */
export function compressTimers(options: CompressTimersOptions = {}): () => void {
  const minMs = options.minMs ?? 1000;
  const factor = options.factor ?? 100;
  const original = globalThis.setTimeout;
  const compressed = function (handler: unknown, delay?: unknown, ...args: unknown[]) {
    const scaled = typeof delay === 'number' && delay >= minMs ? Math.max(1, Math.round(delay / factor)) : delay;
    return (original as (...a: unknown[]) => ReturnType<typeof setTimeout>)(handler, scaled, ...args);
  };
  globalThis.setTimeout = Object.assign(compressed, original) as typeof setTimeout;
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    globalThis.setTimeout = original;
  };
}
