// The directory cache shared by runs at once: one save per key, restores see a
// whole entry or none, and what a run that died mid-save left is cleared.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { directoryCacheStore } from '../../src/platform/local/cache-store.ts';
import { MemoryLog } from '../../src/platform/types.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('directory-store');

/** A directory of `mb` MiB of known bytes: big enough that tar takes a moment. */
function payload(name: string, mb: number): { dir: string; bytes: Buffer } {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  const bytes = Buffer.alloc(mb * 2 ** 20, name);
  writeFileSync(path.join(dir, 'data.bin'), bytes);
  return { dir, bytes };
}

describe('directory cache store, shared', () => {
  it('two saves of one key at once: one writes it, the other says so and does not; a restore gets it whole', async () => {
    const cache = path.join(root, 'cache-a');
    const log = new MemoryLog();
    const a = directoryCacheStore(cache, log);
    const b = directoryCacheStore(cache, log);
    const { dir, bytes } = payload('together', 64);
    const results = await Promise.all([a.save([dir], 'kx-together'), b.save([dir], 'kx-together')]);
    expect(results.sort()).toEqual([false, true]);
    expect(log.lines.filter((l) => l.level === 'info').map((l) => l.message)).toEqual([
      'cache entry kx-together is being saved by another run; not saving it twice',
    ]);
    expect(readdirSync(cache)).toEqual(['kx-together.tar']);
    rmSync(dir, { recursive: true });
    expect(await a.restore([dir], 'kx-together')).toBe('kx-together');
    expect(readFileSync(path.join(dir, 'data.bin')).equals(bytes)).toBe(true);
  });

  it('a restore while a save is writing finds no entry, never a partial one', async () => {
    const cache = path.join(root, 'cache-b');
    const log = new MemoryLog();
    const store = directoryCacheStore(cache, log);
    const { dir } = payload('during', 64);
    const saving = store.save([dir], 'kx-during');
    // Restore repeatedly while tar writes: each sees nothing, until the whole entry is there.
    const other = path.join(root, 'during-restored');
    let seen: string | undefined;
    while (!seen) {
      seen = await store.restore([other], 'kx-during');
      if (!seen) await new Promise((r) => setTimeout(r, 20));
    }
    expect(await saving).toBe(true);
    expect(log.lines.filter((l) => l.level === 'warning')).toEqual([]);
  });

  it('clears what a save that died left (its stale lock and partial file) and saves the key', async () => {
    const cache = path.join(root, 'cache-c');
    mkdirSync(cache, { recursive: true });
    const dead = Number(spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim());
    const holder = { pid: dead, host: os.hostname(), started: '2026-01-01T00:00:00.000Z', purpose: 'saving cache entry kx-died', token: 'x' };
    writeFileSync(path.join(cache, 'kx-died.tar.lock'), JSON.stringify(holder));
    writeFileSync(path.join(cache, 'kx-died.tar.partial'), 'half an entry');
    writeFileSync(path.join(cache, 'kx-other.tar.lock'), JSON.stringify({ ...holder, purpose: 'saving cache entry kx-other' }));
    writeFileSync(path.join(cache, 'kx-other.tar.partial'), 'half another');
    const log = new MemoryLog();
    const store = directoryCacheStore(cache, log);
    const { dir } = payload('died', 1);
    expect(await store.save([dir], 'kx-died')).toBe(true);
    expect(readdirSync(cache).sort()).toEqual(['kx-died.tar']);
    expect(existsSync(path.join(cache, 'kx-other.tar.partial'))).toBe(false);
    expect(log.lines.filter((l) => l.level === 'warning')).toEqual([]);
  });
});
