// The lock file: one holder at a time, stale holders (dead, reused pid, from
// before a reboot, a crashed creation) taken over with a note, a live or
// unverifiable holder named in the refusal.
import { readFileSync, utimesSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LockedError } from '../../src/errors.ts';
import { MemoryLog } from '../../src/platform/types.ts';
import { LOCK_FILE_NAME, describeHolder, lockDirectory, lockFile, lockHolder, type LockHolder } from '../../src/util/lock.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('lock');
let n = 0;
const fresh = (): string => path.join(root, `dir-${++n}`);

/** A pid that was just used and is now free (a process that ran and exited). */
function deadPid(): number {
  const r = spawnSync('sh', ['-c', 'echo $$']);
  return Number(r.stdout.toString().trim());
}

function plant(dir: string, holder: Partial<LockHolder>): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE_NAME);
  writeFileSync(
    file,
    JSON.stringify({ host: os.hostname(), started: '2026-01-01T00:00:00.000Z', purpose: 'build x86_64 generic', token: 'planted', ...holder }),
  );
  return file;
}

describe('lockDirectory', () => {
  it('makes the directory, holds the lock with who holds it, and refuses a second taker naming the first', () => {
    const dir = fresh();
    const lock = lockDirectory(dir, { purpose: 'build x86_64 generic' });
    expect(lock.file).toBe(path.join(dir, LOCK_FILE_NAME));
    const holder = lockHolder(lock.file)!;
    expect(holder).toMatchObject({ pid: process.pid, host: os.hostname(), purpose: 'build x86_64 generic' });
    const error = (() => {
      try {
        return lockDirectory(dir, { purpose: 'another build' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LockedError);
    expect((error as LockedError).message).toBe(`${dir} is in use by ${describeHolder(holder)}; wait for that run to end, or give this run another directory.`);
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
    lockDirectory(dir, { purpose: 'again' }).release();
  });

  it('takes over the lock of a process that is gone, with a note naming it', () => {
    const dir = fresh();
    const pid = deadPid();
    plant(dir, { pid });
    const log = new MemoryLog();
    const lock = lockDirectory(dir, { purpose: 'build', log });
    expect(log.lines).toEqual([
      {
        level: 'notice',
        message: `took over the lock on ${dir}: pid ${pid} on ${os.hostname()} (build x86_64 generic, since 2026-01-01T00:00:00.000Z) is no longer running`,
        where: undefined,
      },
    ]);
    expect(lockHolder(lock.file)!.pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock whose pid is alive but is another process now (its start time differs)', () => {
    const dir = fresh();
    plant(dir, { pid: process.pid, startTicks: 1 });
    const log = new MemoryLog();
    lockDirectory(dir, { purpose: 'build', log }).release();
    expect(log.text()).toContain('is no longer running');
  });

  it('takes over a lock from before the last boot', () => {
    const dir = fresh();
    plant(dir, { pid: process.pid, bootId: '00000000-0000-0000-0000-000000000000' });
    const log = new MemoryLog();
    lockDirectory(dir, { purpose: 'build', log }).release();
    expect(log.text()).toContain('is no longer running');
  });

  it('refuses a lock from another host, which it cannot check, saying how to clear it', () => {
    const dir = fresh();
    const file = plant(dir, { pid: 1, host: 'elsewhere' });
    expect(() => lockDirectory(dir, { purpose: 'build' })).toThrow(
      `${dir} is in use by pid 1 on elsewhere (build x86_64 generic, since 2026-01-01T00:00:00.000Z) ` +
        `(a lock from another host cannot be checked from here: if no run is going on there, delete ${file}); wait for that run to end, or give this run another directory.`,
    );
  });

  it('takes over a lock file left unreadable by a run that died while writing it, once it is old', () => {
    const dir = fresh();
    mkdirSync(dir);
    const file = path.join(dir, LOCK_FILE_NAME);
    writeFileSync(file, '');
    // Fresh: it may be being written right now.
    expect(() => lockDirectory(dir, { purpose: 'build' })).toThrow(LockedError);
    utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const log = new MemoryLog();
    lockDirectory(dir, { purpose: 'build', log }).release();
    expect(log.text()).toContain('left unreadable by a run that died');
  });

  it('waits for a holder that lets go within waitMs', async () => {
    const dir = fresh();
    mkdirSync(dir);
    const file = path.join(dir, 'entry.lock');
    // Another process holds it for half a second: a sleeper that then removes the lock file.
    const holder = spawnSync('sh', ['-c', `(sleep 0.5; rm -f '${file}') >/dev/null 2>&1 & echo $!`]);
    const sleeper = Number(holder.stdout.toString().trim());
    writeFileSync(file, JSON.stringify({ pid: sleeper, host: os.hostname(), started: 'now', purpose: 'save', token: 't' }));
    expect(() => lockFile(file, { purpose: 'save', what: 'the entry' })).toThrow(LockedError);
    const lock = lockFile(file, { purpose: 'save', waitMs: 10_000 });
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });
});
