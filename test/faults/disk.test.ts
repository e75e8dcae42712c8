// The disk's faults, for real: a tmpfs that fills up (ENOSPC), a read-only one
// (EROFS), a directory another user cannot write (EACCES, as nobody: root
// ignores modes), and a mount point given as a directory to clear (EBUSY if
// removed). Each becomes one line naming the condition and the path, exit 2,
// with nothing left half-done.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractTarball } from '../../src/archive/index.ts';
import { FaultError } from '../../src/errors.ts';
import { directoryCacheStore } from '../../src/platform/local/cache-store.ts';
import { MemoryLog } from '../../src/platform/types.ts';
import { awaitFreeSpace, checkFreeSpace, checkOutDir, freeSpace, isMountPoint, WORK_DIR_NEED } from '../../src/util/dir-checks.ts';
import { LOCK_FILE_NAME, lockDirectory } from '../../src/util/lock.ts';
import { clearDirInBackground, removeDir, removeInBackground } from '../../src/util/remove.ts';
import { run } from '../../src/util/run.ts';
import { requireKernelTarball } from '../support/kernel-source.ts';
import { tempDir } from '../support/tmp.ts';
import { runDriver, startDriver } from './support/driver-process.ts';
import { bindMount, cannotMount, fill, mountTmpfs } from './support/mounts.ts';

const root = tempDir('disk');
// The EACCES tests run as nobody, who must reach the directories below.
chmodSync(root, 0o755);
const NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'];

async function fault(work: Promise<unknown> | (() => unknown)): Promise<FaultError> {
  const error = await (typeof work === 'function' ? Promise.resolve().then(work) : work).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaultError);
  expect((error as FaultError).message).not.toContain('\n');
  return error as FaultError;
}

describe.skipIf(cannotMount)(`a full disk (ENOSPC)${cannotMount ? `: skipped, ${cannotMount}` : ''}`, () => {
  it('extracting the kernel into a 64 MiB tmpfs: one line naming it, tar stopped at its first fault, the tmpfs emptied', async () => {
    const dest = mountTmpfs(path.join(root, 'full-extract'), 64);
    const logFile = path.join(root, 'full-extract.log');
    const archive = requireKernelTarball();
    const error = await fault(extractTarball(archive, dest, { logFile }));
    expect(error.code).toBe('ENOSPC');
    expect(error.path).toBe(dest);
    expect(error.message).toMatch(
      new RegExp(
        `^no space left on device \\(ENOSPC\\) while extracting ${archive} into ${dest}: tar reported it for linux-source-6\\.12/\\S+; free space on that file system or choose a directory on another \\(tar's output: ${logFile}\\)$`,
      ),
    );
    // tar's own lines are in the log, and there are few: it was stopped at the first, not left to fail file after file.
    const lines = readFileSync(logFile, 'utf8').trim().split('\n');
    expect(lines.some((l) => /^tar: .*: (No space left on device|Wrote only \d+ of \d+ bytes)$/.test(l))).toBe(true);
    // Left to go on, tar reports each of the tree's ~80,000 files; stopped, only what it had read already.
    expect(lines.length).toBeLessThan(200);
    // Left empty (it is a mount point: emptied, not removed).
    expect(readdirSync(dest)).toEqual([]);
    expect(isMountPoint(dest)).toBe(true);
  });

  it('the same through a door: exit 2 and one line on stderr', async () => {
    const dest = mountTmpfs(path.join(root, 'full-door'), 64);
    const r = await runDriver('extract', [requireKernelTarball(), dest, path.join(root, 'full-door.log')]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/^error: no space left on device \(ENOSPC\) while extracting /);
  });

  it('a work dir without room for a kernel build is refused before anything starts, with the numbers', () => {
    const small = mountTmpfs(path.join(root, 'small'), 64);
    const error = (() => {
      try {
        checkFreeSpace(path.join(small, 'work'), WORK_DIR_NEED.build, 'work-dir');
      } catch (e) {
        return e as FaultError;
      }
    })()!;
    expect(error).toBeInstanceOf(FaultError);
    expect(error.message).toBe(
      `no space left on device (ENOSPC) while checking work-dir ${path.join(small, 'work')}: 64 MiB free, a kernel build needs 4.0 GiB; ` +
        'free space on that file system or choose a directory on another',
    );
    // Measured on the file system it would be on, without making it.
    expect(freeSpace(path.join(small, 'work')).measuredAt).toBe(small);
    expect(existsSync(path.join(small, 'work'))).toBe(false);
  });

  it('waits for a background deletion that frees the room before refusing', async () => {
    const disk = mountTmpfs(path.join(root, 'reclaim'), 64);
    writeFileSync(path.join(disk, 'old-tree'), Buffer.alloc(48 * 2 ** 20));
    expect(() => checkFreeSpace(disk, 32 * 2 ** 20, 'work-dir')).toThrow(FaultError);
    const removal = clearDirInBackground(disk, { log: new MemoryLog() });
    const free = await awaitFreeSpace(disk, 32 * 2 ** 20, 'work-dir', { removals: [removal] });
    expect(free.available).toBeGreaterThanOrEqual(32 * 2 ** 20);
  });

  it("a tool's log on a full disk: the run goes on and says the log was lost", async () => {
    const disk = mountTmpfs(path.join(root, 'full-log'), 1);
    fill(disk);
    const r = await run('sh', ['-c', 'for i in $(seq 1 2000); do echo "line $i of a long build log"; done'], {
      logFile: path.join(disk, 'logs', 'compile.log'),
    });
    expect(r.exitCode).toBe(0);
    expect(r.tail.join('\n')).toMatch(/\(the log .*compile\.log could not be written: ENOSPC: no space left on device/);
  });

  it('a cache save to a full disk: one warning naming it, nothing half-written left, the build not failed', async () => {
    const cache = mountTmpfs(path.join(root, 'full-cache'), 4);
    const files = path.join(root, 'cache-files');
    mkdirSync(files, { recursive: true });
    writeFileSync(path.join(files, 'ccache.bin'), Buffer.alloc(8 * 2 ** 20, 1));
    const log = new MemoryLog();
    expect(await directoryCacheStore(cache, log).save([files], 'kx-full')).toBe(false);
    const warnings = log.lines.filter((l) => l.level === 'warning').map((l) => l.message);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      new RegExp(
        `^cache save of kx-full to ${cache} failed: no space left on device \\(ENOSPC\\) while saving kx-full to ${cache}: tar reported it for .*; free space`,
      ),
    );
    expect(readdirSync(cache)).toEqual([]);
  });
});

describe.skipIf(cannotMount)(`a read-only file system (EROFS)${cannotMount ? `: skipped, ${cannotMount}` : ''}`, () => {
  it('an out-dir on it is refused before any work, naming it; nothing is created', async () => {
    const ro = mountTmpfs(path.join(root, 'ro'), 1, { readOnly: true });
    const error = await fault(() => checkOutDir(ro, { workDir: path.join(root, 'ro-work') }));
    expect(error.code).toBe('EROFS');
    expect(error.message).toBe(`read-only file system (EROFS) while writing to out-dir ${ro}; choose a directory on a writable file system`);
    const below = await fault(() => checkOutDir(path.join(ro, 'out', 'deeper'), { workDir: path.join(root, 'ro-work') }));
    expect(below.code).toBe('EROFS');
    expect(readdirSync(ro)).toEqual([]);
  });

  it('extracting into it: one line, EROFS, whether the destination is the mount or below it', async () => {
    const ro = mountTmpfs(path.join(root, 'ro-extract'), 1, { readOnly: true });
    const error = await fault(extractTarball(requireKernelTarball(), ro));
    expect(error.code).toBe('EROFS');
    expect(error.message).toMatch(/^read-only file system \(EROFS\) while extracting .* into .*ro-extract: tar reported it for linux-source-6\.12; /);
    const below = await fault(extractTarball(requireKernelTarball(), path.join(ro, 'work', 'src')));
    expect(below.message).toBe(
      `read-only file system (EROFS) while creating the extraction directory ${path.join(ro, 'work', 'src')}: ${path.join(ro, 'work')}; choose a directory on a writable file system`,
    );
  });
});

describe('a directory this user cannot write (EACCES), as nobody', () => {
  it('out-dir: exit 2 and one line naming it; nothing created', async () => {
    const locked = path.join(root, 'root-only');
    mkdirSync(locked, { recursive: true });
    chmodSync(locked, 0o755);
    const r = await runDriver('check-out-dir', [path.join(locked, 'out'), path.join(root, 'eacces-work')], { prefix: NOBODY });
    expect(r.stderr).toBe(
      `error: permission denied (EACCES) while writing to out-dir ${path.join(locked, 'out')}; choose a directory this user can write, or fix its permissions\n`,
    );
    expect(r.code).toBe(2);
    expect(readdirSync(locked)).toEqual([]);
  });

  it('extraction: exit 2 and one line', async () => {
    const locked = path.join(root, 'root-only-extract');
    mkdirSync(locked, { recursive: true });
    const r = await runDriver('extract', [requireKernelTarball(), path.join(locked, 'src'), path.join(root, 'eacces.log')], { prefix: NOBODY });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: permission denied \(EACCES\) while creating the extraction directory .*root-only-extract\/src; /);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });
});

describe.skipIf(cannotMount)(`a mount point as work dir (EBUSY when removed)${cannotMount ? `: skipped, ${cannotMount}` : ''}`, () => {
  it('removing it the plain way fails with EBUSY; removeDir empties it and leaves the mount', () => {
    const work = mountTmpfs(path.join(root, 'mounted-work'), 8);
    mkdirSync(path.join(work, 'src', 'linux'), { recursive: true });
    writeFileSync(path.join(work, 'src', 'linux', 'Makefile'), 'x');
    expect(() => rmSync(work, { recursive: true, force: true })).toThrow(/EBUSY/);
    removeDir(work);
    expect(readdirSync(work)).toEqual([]);
    expect(isMountPoint(work)).toBe(true);
  });

  it('clearing it for a new run: emptied at once but for the lock, deleted in the background', async () => {
    const work = mountTmpfs(path.join(root, 'mounted-clear'), 8);
    const lock = lockDirectory(work, { purpose: 'build' });
    mkdirSync(path.join(work, 'src', 'linux'), { recursive: true });
    writeFileSync(path.join(work, 'cache.bin'), 'x');
    const log = new MemoryLog();
    const removal = clearDirInBackground(work, { keep: [LOCK_FILE_NAME], log, what: 'the last run' });
    // What is left at once: the lock and the trash being deleted.
    expect(
      readdirSync(work)
        .filter((n) => n !== LOCK_FILE_NAME)
        .every((n) => n.startsWith('.libkrunfw-action-trash-')),
    ).toBe(true);
    expect(log.lines.map((l) => l.message)).toEqual([
      expect.stringMatching(/^deleting the last run \(cache\.bin, src\) in the background \(rm, pid \d+\): the run goes on meanwhile$/),
    ]);
    expect(await removal.wait(30_000)).toBe(true);
    expect(readdirSync(work)).toEqual([LOCK_FILE_NAME]);
    lock.release();
  });

  it('removeInBackground of a mount point empties it', async () => {
    const work = mountTmpfs(path.join(root, 'mounted-bg'), 8);
    writeFileSync(path.join(work, 'a'), 'x');
    expect(await removeInBackground(work).wait(30_000)).toBe(true);
    expect(readdirSync(work)).toEqual([]);
    expect(isMountPoint(work)).toBe(true);
  });

  it('tells mount points from plain directories, bind mounts and names with spaces included', () => {
    const plain = path.join(root, 'plain dir');
    mkdirSync(plain, { recursive: true });
    expect(isMountPoint(plain)).toBe(false);
    expect(isMountPoint(mountTmpfs(path.join(root, 'a tmpfs'), 1))).toBe(true);
    expect(isMountPoint(bindMount(plain, path.join(root, 'a bind mount')))).toBe(true);
  });
});

describe('memory exhausted (ENOMEM)', () => {
  it('xz under a 20 MB address-space limit: exit 2, one line naming it, nothing extracted', async () => {
    // The real xz, started through a wrapper that limits its memory: it fails as on a machine that ran out.
    const bin = path.join(root, 'limited-bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, 'xz'), '#!/bin/sh\nexec prlimit --as=20000000 /usr/bin/xz "$@"\n');
    chmodSync(path.join(bin, 'xz'), 0o755);
    const dest = path.join(root, 'nomem', 'src');
    const logFile = path.join(root, 'nomem.log');
    const archive = requireKernelTarball();
    const driver = await startDriver('extract', [archive, dest, logFile], { spawn: { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } } });
    const r = await driver.done;
    expect(r.stderr).toBe(`error: out of memory (ENOMEM) while decompressing ${archive} into ${dest}; give the machine more memory or run fewer jobs (jobs)\n`);
    expect(r.code).toBe(2);
    expect(readFileSync(logFile, 'utf8')).toContain('Cannot allocate memory');
    expect(existsSync(dest)).toBe(false);
  });
});
