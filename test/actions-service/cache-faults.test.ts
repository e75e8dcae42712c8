// How the real @actions/cache client behaves when the service misbehaves.
// Caching is best effort: neither restoreCache nor saveCache may throw.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { restoreCache, saveCache } from '@actions/cache';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureActionsLog, compressTimers, type ActionsLog } from '../support/actions-service/index.ts';
import { useActionsService } from '../support/actions-service/use.ts';
import { readTree, sampleTree, treeDifferences, writeTree } from '../support/actions-service/files.ts';

const service = useActionsService();

let log: ActionsLog;
let restoreTimers: (() => void) | undefined;

beforeEach(() => {
  log = captureActionsLog();
  // The clients wait 3 s and more between retries; these tests do not.
  restoreTimers = compressTimers();
});

afterEach(() => {
  restoreTimers?.();
  log.restore();
});

let counter = 0;
async function savedEntry(key: string): Promise<{ dir: string; tree: ReturnType<typeof sampleTree> }> {
  counter += 1;
  const dir = join(service.workspace, `faults-${counter}`);
  const tree = sampleTree(key, 4096);
  await writeTree(dir, tree);
  expect(await saveCache([dir], key), log.text()).toBeGreaterThan(0);
  await rm(dir, { recursive: true });
  return { dir, tree };
}

function freshDirWithFiles(): Promise<string> {
  counter += 1;
  const dir = join(service.workspace, `faults-${counter}`);
  return writeTree(dir, sampleTree(`fresh-${counter}`, 1024)).then(() => dir);
}

describe('@actions/cache when the service answers 500', () => {
  it('restore retries 5 times, then warns and reports a miss', async () => {
    const { dir } = await savedEntry('restore-500');
    service.faults.fail('GetCacheEntryDownloadURL');

    await expect(restoreCache([dir], 'restore-500')).resolves.toBeUndefined();
    expect(service.calls('GetCacheEntryDownloadURL').map((c) => c.outcome)).toEqual([500, 500, 500, 500, 500]);
    expect(log.warnings().join('\n')).toMatch(
      /Failed to restore: Failed to GetCacheEntryDownloadURL: Failed to make request after 5 attempts: Failed request: \(500\)/,
    );
  });

  it('restore recovers when only the first attempt fails', async () => {
    const { dir, tree } = await savedEntry('restore-500-once');
    service.faults.fail('GetCacheEntryDownloadURL', { times: 1 });

    await expect(restoreCache([dir], 'restore-500-once')).resolves.toBe('restore-500-once');
    expect(
      service
        .calls('GetCacheEntryDownloadURL')
        .slice(-2)
        .map((c) => c.outcome),
    ).toEqual([500, 200]);
    expect(treeDifferences(tree, await readTree(dir))).toEqual([]);
  });

  it('save does not throw when reserving fails; nothing is stored', async () => {
    const dir = await freshDirWithFiles();
    service.faults.fail('CreateCacheEntry');

    await expect(saveCache([dir], 'save-500-reserve')).resolves.toBe(-1);
    // A failed reservation is a ReserveCacheError, which the client reports with core.info, not a warning.
    expect(log.infos().join('\n')).toContain('Failed to save: Unable to reserve cache with key save-500-reserve');
    expect(service.caches().some((e) => e.key === 'save-500-reserve')).toBe(false);
  });

  it('save does not throw when finalizing fails; the entry is never served', async () => {
    const dir = await freshDirWithFiles();
    service.faults.fail('FinalizeCacheEntryUpload');

    await expect(saveCache([dir], 'save-500-finalize')).resolves.toBe(-1);
    expect(log.warnings().join('\n')).toMatch(/Failed to save: Failed to FinalizeCacheEntryUpload: .*\(500\)/);
    expect(service.caches().find((e) => e.key === 'save-500-finalize')?.status).toBe('uploading');

    service.faults.clear();
    await rm(dir, { recursive: true });
    await expect(restoreCache([dir], 'save-500-finalize')).resolves.toBeUndefined();
  });
});

describe('@actions/cache when the service does not answer', () => {
  it('restore gives up in bounded time when the request hangs and the connection dies', async () => {
    const { dir } = await savedEntry('restore-hang');
    service.faults.hang('GetCacheEntryDownloadURL', { ms: 300 });

    const started = Date.now();
    await expect(restoreCache([dir], 'restore-hang')).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5000);
    // A reset connection is a NetworkError: not retried.
    expect(service.calls('GetCacheEntryDownloadURL').at(-1)?.outcome).toBe('hang');
    expect(log.warnings().join('\n')).toMatch(/Failed to restore: .*Unable to make request: ECONNRESET/);
  });

  it('save does not throw when the connection is dropped', async () => {
    const dir = await freshDirWithFiles();
    service.faults.drop('CreateCacheEntry');

    await expect(saveCache([dir], 'save-drop')).resolves.toBe(-1);
    expect(service.calls('CreateCacheEntry').filter((c) => c.outcome === 'drop')).toHaveLength(1);
    expect(service.caches().some((e) => e.key === 'save-drop')).toBe(false);
  });
});

describe('@actions/cache when the service refuses', () => {
  it('a refused entry: the client warns with the message and carries on', async () => {
    const dir = await freshDirWithFiles();
    service.faults.refuseCache('refused-key', 'no room for this one');

    await expect(saveCache([dir], 'refused-key')).resolves.toBe(-1);
    expect(log.warnings()).toContain('Cache reservation failed: no room for this one');
    expect(service.caches().some((e) => e.key === 'refused-key')).toBe(false);

    // Other keys are unaffected.
    await expect(saveCache([dir], 'accepted-key')).resolves.toBeGreaterThan(0);
  });

  it('a write denied by policy surfaces as a single warning', async () => {
    const dir = await freshDirWithFiles();
    service.faults.refuseCache(/^denied-/, 'cache write denied: the token is read-only');

    await expect(saveCache([dir], 'denied-key')).resolves.toBe(-1);
    expect(log.warnings()).toEqual(['Failed to save: Unable to reserve cache with key denied-key. More details: cache write denied: the token is read-only']);
  });

  it('a read denied by policy is a miss with a warning, without retries', async () => {
    const { dir } = await savedEntry('read-denied');
    service.faults.fail('GetCacheEntryDownloadURL', { status: 403, message: 'cache read denied: no readable scopes' });

    await expect(restoreCache([dir], 'read-denied')).resolves.toBeUndefined();
    expect(service.calls('GetCacheEntryDownloadURL').at(-1)?.outcome).toBe(403);
    expect(log.warnings().join('\n')).toContain('cache read denied: no readable scopes');
  });
});
