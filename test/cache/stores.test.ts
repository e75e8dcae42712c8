// One suite, both backends: the GitHub store (the real @actions/cache client
// against the local results service and Azurite) and the directory store.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheStore } from '../../src/cache/store.ts';
import { githubCacheStore } from '../../src/platform/github/cache-store.ts';
import { directoryCacheStore } from '../../src/platform/local/cache-store.ts';
import { MemoryLog } from '../../src/platform/types.ts';
import { applyActionsEnv, captureActionsLog, compressTimers, startActionsService, type ActionsService } from '../support/actions-service/index.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('stores');

interface Backend {
  name: string;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  store(log: MemoryLog, timeoutMs?: number): CacheStore;
  /** Where entries' files live: GitHub's client wants them in the workspace. */
  base(): string;
  /** Make the next calls fail, or hang; undefined when the backend has no service to fail. */
  faults?: { fail(): void; hang(): void; refuse(key: string): void; clear(): void };
}

let service: ActionsService;
let restoreEnv: (() => void) | undefined;

const github: Backend = {
  name: 'github (@actions/cache + local results service)',
  async setup() {
    service = await startActionsService();
    restoreEnv = applyActionsEnv(service.env);
  },
  async teardown() {
    restoreEnv?.();
    await service?.stop();
  },
  store: (log, timeoutMs) => githubCacheStore(log, timeoutMs),
  base: () => service.workspace,
  faults: {
    fail() {
      service.faults.fail('GetCacheEntryDownloadURL');
      service.faults.fail('CreateCacheEntry');
    },
    hang() {
      service.faults.hang('GetCacheEntryDownloadURL', { ms: Infinity });
      service.faults.hang('CreateCacheEntry', { ms: Infinity });
    },
    refuse: (key) => service.faults.refuseCache(key),
    clear: () => service.faults.clear(),
  },
};

const directory: Backend = {
  name: 'directory',
  async setup() {},
  async teardown() {},
  store: (log) => directoryCacheStore(path.join(root, 'dir-store'), log),
  base: () => path.join(root, 'dir-files'),
};

let n = 0;
/** A directory with a file of known bytes; returns its path and contents. */
function entryFiles(base: string, text: string): { dir: string; content: string } {
  const dir = path.join(base, `entry-${++n}`);
  mkdirSync(path.join(dir, 'sub'), { recursive: true });
  writeFileSync(path.join(dir, 'sub', 'data.bin'), text);
  return { dir, content: text };
}

describe.each([github, directory])('cache store: $name', (backend) => {
  beforeAll(() => backend.setup(), 60_000);
  afterAll(() => backend.teardown());

  it('misses, then hits the exact key after a save, restoring the same bytes', async () => {
    const log = new MemoryLog();
    const store = backend.store(log);
    const { dir, content } = entryFiles(backend.base(), 'exact contents');
    expect(await store.restore([dir], 'kx-exact-1')).toBeUndefined();
    expect(await store.save([dir], 'kx-exact-1')).toBe(true);
    rmSync(dir, { recursive: true });
    expect(await store.restore([dir], 'kx-exact-1')).toBe('kx-exact-1');
    expect(readFileSync(path.join(dir, 'sub', 'data.bin'), 'utf8')).toBe(content);
    expect(log.lines.filter((l) => l.level === 'warning')).toEqual([]);
  }, 60_000);

  it('falls back to the newest entry under a restore-key prefix', async () => {
    const store = backend.store(new MemoryLog());
    const { dir } = entryFiles(backend.base(), 'older');
    expect(await store.save([dir], 'kx-prefix-a-20260101')).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(path.join(dir, 'sub', 'data.bin'), 'newer');
    expect(await store.save([dir], 'kx-prefix-a-20260102')).toBe(true);
    rmSync(dir, { recursive: true });
    expect(await store.restore([dir], 'kx-prefix-a-20260103', ['kx-prefix-a-'])).toBe('kx-prefix-a-20260102');
    expect(readFileSync(path.join(dir, 'sub', 'data.bin'), 'utf8')).toBe('newer');
  }, 60_000);

  it('keeps entries immutable: a second save of a key returns false and does not throw', async () => {
    const log = new MemoryLog();
    const store = backend.store(log);
    const { dir } = entryFiles(backend.base(), 'first');
    expect(await store.save([dir], 'kx-twice')).toBe(true);
    writeFileSync(path.join(dir, 'sub', 'data.bin'), 'second');
    const actions = captureActionsLog();
    try {
      expect(await store.save([dir], 'kx-twice')).toBe(false);
    } finally {
      actions.restore();
    }
    rmSync(dir, { recursive: true });
    await store.restore([dir], 'kx-twice');
    expect(readFileSync(path.join(dir, 'sub', 'data.bin'), 'utf8')).toBe('first');
  }, 60_000);

  it.runIf(backend.faults)(
    'goes on with a warning when the service answers 500',
    async () => {
      const log = new MemoryLog();
      const store = backend.store(log);
      const { dir } = entryFiles(backend.base(), 'x');
      const actions = captureActionsLog();
      const restoreTimers = compressTimers(); // the client retries for ~30 s; not here
      backend.faults!.fail();
      try {
        expect(await store.restore([dir], 'kx-500')).toBeUndefined();
        expect(await store.save([dir], 'kx-500')).toBe(false);
      } finally {
        backend.faults!.clear();
        restoreTimers();
        actions.restore();
      }
      // The client warns through @actions/core; nothing threw.
      expect(actions.warnings().length + log.lines.filter((l) => l.level === 'warning').length).toBeGreaterThan(0);
    },
    60_000,
  );

  it.runIf(backend.faults)(
    'gives up on a service that never answers, with a warning',
    async () => {
      const log = new MemoryLog();
      const store = backend.store(log, 1500);
      const { dir } = entryFiles(backend.base(), 'y');
      backend.faults!.hang();
      try {
        expect(await store.restore([dir], 'kx-hang')).toBeUndefined();
        expect(await store.save([dir], 'kx-hang')).toBe(false);
      } finally {
        backend.faults!.clear();
      }
      const warnings = log.lines.filter((l) => l.level === 'warning').map((l) => l.message);
      expect(warnings.some((w) => /kx-hang took over 1.5s/.test(w))).toBe(true);
    },
    60_000,
  );

  it.runIf(backend.faults)(
    'does not save an entry the server refuses',
    async () => {
      const store = backend.store(new MemoryLog());
      const { dir } = entryFiles(backend.base(), 'z');
      backend.faults!.refuse('kx-refused');
      const actions = captureActionsLog();
      try {
        expect(await store.save([dir], 'kx-refused')).toBe(false);
      } finally {
        actions.restore();
        backend.faults!.clear();
      }
      expect(await store.restore([dir], 'kx-refused')).toBeUndefined();
    },
    60_000,
  );
});
