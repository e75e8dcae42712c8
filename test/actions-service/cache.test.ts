// The real @actions/cache client (cache service v2) against the stand-in.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { restoreCache, saveCache } from '@actions/cache';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DUPLICATE_CACHE_ENTRY_MESSAGE, captureActionsLog, startActionsService, withActionsEnv, type ActionsLog } from '../support/actions-service/index.ts';
import { useActionsService } from '../support/actions-service/use.ts';
import { readTree, sampleTree, treeDifferences, writeTree } from '../support/actions-service/files.ts';

const service = useActionsService();

let log: ActionsLog;

beforeEach(() => {
  log = captureActionsLog();
});

afterEach(() => {
  log.restore();
});

let counter = 0;
function freshDir(): string {
  counter += 1;
  return join(service.workspace, `cache-${counter}`);
}

describe('@actions/cache against the stand-in', () => {
  it('reports a miss for a key that was never saved', async () => {
    const dir = freshDir();
    const hit = await restoreCache([dir], 'never-saved', ['never-']);
    expect(hit).toBeUndefined();
    expect(log.warnings()).toEqual([]);
    expect(service.calls('GetCacheEntryDownloadURL').map((c) => c.outcome)).toContain(200);
  });

  it('saves, then restores the exact key byte for byte', async () => {
    const dir = freshDir();
    const tree = sampleTree('exact');
    await writeTree(dir, tree);

    const id = await saveCache([dir], 'exact-key');
    expect(id, log.text()).toBeGreaterThan(0);
    const entry = service.caches().find((e) => e.key === 'exact-key');
    expect(entry).toMatchObject({ id, status: 'finalized' });
    expect(entry?.sizeBytes).toBeGreaterThan(0);

    await rm(dir, { recursive: true });
    const hit = await restoreCache([dir], 'exact-key', ['exact-']);
    expect(hit, log.text()).toBe('exact-key');
    expect(treeDifferences(tree, await readTree(dir))).toEqual([]);
    expect(log.warnings()).toEqual([]);
  });

  it('matches restore keys as prefixes and picks the newest entry', async () => {
    const dir = freshDir();
    const older = sampleTree('older', 1024);
    const newer = sampleTree('newer', 1024);
    await writeTree(dir, older);
    expect(await saveCache([dir], 'deps-linux-aaa')).toBeGreaterThan(0);
    await rm(dir, { recursive: true });
    await writeTree(dir, newer);
    expect(await saveCache([dir], 'deps-linux-bbb')).toBeGreaterThan(0);
    await rm(dir, { recursive: true });

    const hit = await restoreCache([dir], 'deps-linux-ccc', ['nothing-', 'deps-linux-', 'deps-']);
    expect(hit).toBe('deps-linux-bbb');
    expect(treeDifferences(newer, await readTree(dir))).toEqual([]);
    expect(log.infos()).toContain('Cache hit for restore-key: deps-linux-bbb');

    // An exact restore key wins over a newer entry it is merely a prefix of.
    await rm(dir, { recursive: true });
    expect(await restoreCache([dir], 'deps-linux-ccc', ['deps-linux-aaa'])).toBe('deps-linux-aaa');
    expect(treeDifferences(older, await readTree(dir))).toEqual([]);

    // As documented for actions/cache, the primary key also matches as a prefix.
    await rm(dir, { recursive: true });
    expect(await restoreCache([dir], 'deps-linux-')).toBe('deps-linux-bbb');
  });

  it('scopes entries by version: other paths do not see the entry', async () => {
    const dir = freshDir();
    await writeTree(dir, sampleTree('scoped', 1024));
    expect(await saveCache([dir], 'scoped-key')).toBeGreaterThan(0);

    const otherPaths = [dir, join(dir, 'nested')];
    expect(await restoreCache(otherPaths, 'scoped-key', ['scoped-'])).toBeUndefined();
    const versions = new Set(
      service
        .caches()
        .filter((e) => e.key === 'scoped-key')
        .map((e) => e.version),
    );
    expect(versions.size).toBe(1);
  });

  it('refuses a second save of the same key and version; the client logs it and returns -1', async () => {
    const dir = freshDir();
    const first = sampleTree('first', 1024);
    await writeTree(dir, first);
    const id = await saveCache([dir], 'twice-key');
    expect(id).toBeGreaterThan(0);

    await writeTree(dir, { 'README.txt': Buffer.from('changed') });
    // Does not throw: a ReserveCacheError is caught and reported with core.info.
    const second = await saveCache([dir], 'twice-key');
    expect(second).toBe(-1);
    expect(log.infos().join('\n')).toContain('Failed to save: Unable to reserve cache with key twice-key, another job may be creating this cache.');
    expect(service.calls('CreateCacheEntry').at(-1)?.outcome).toBe(409);
    expect(service.caches().filter((e) => e.key === 'twice-key')).toHaveLength(1);

    await rm(dir, { recursive: true });
    expect(await restoreCache([dir], 'twice-key')).toBe('twice-key');
    expect(treeDifferences(first, await readTree(dir))).toEqual([]);
  });
});

describe('a service configured to refuse duplicates with ok:false', () => {
  it('makes the client warn with the server message instead of logging a 409', async () => {
    const own = await startActionsService({ duplicateCacheEntry: 'not-ok' });
    const ownLog = captureActionsLog();
    try {
      await withActionsEnv(own.env, async () => {
        const dir = join(own.workspace, 'dup');
        await writeTree(dir, sampleTree('dup', 1024));
        expect(await saveCache([dir], 'dup-key')).toBeGreaterThan(0);
        expect(await saveCache([dir], 'dup-key')).toBe(-1);
      });
      expect(ownLog.warnings()).toEqual([`Cache reservation failed: ${DUPLICATE_CACHE_ENTRY_MESSAGE}`]);
      expect(own.calls('CreateCacheEntry').map((c) => c.outcome)).toEqual([200, 200]);
    } finally {
      ownLog.restore();
      await own.stop();
    }
  });
});
