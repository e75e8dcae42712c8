// Small file systems for the fault tests: a tmpfs of a few MiB fills up at
// once (ENOSPC), a read-only one refuses every write even to root (EROFS), and
// a mount point cannot be removed (EBUSY). Mounting needs root and
// CAP_SYS_ADMIN; where it is impossible the tests that need it say so and skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** Why mounting is impossible here, or undefined when it works. */
export const cannotMount: string | undefined = (() => {
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'libkrunfw-mount-probe-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmdirSync(dir);
    return `mount -t tmpfs failed here: ${(r.stderr || r.error?.message || '').trim()}`;
  }
  execFileSync('umount', [dir]);
  rmdirSync(dir);
  return undefined;
})();

const mounted: string[] = [];
afterAll(() => {
  // Innermost first; lazily, so a test that left a file open cannot keep a mount behind.
  for (const dir of mounted.reverse()) spawnSync('umount', ['-l', dir]);
});

/** Mounts a tmpfs of `sizeMiB` on `dir` (made if missing), unmounted after the file's tests. */
export function mountTmpfs(dir: string, sizeMiB: number, options: { readOnly?: boolean } = {}): string {
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m${options.readOnly ? ',ro' : ''}`, 'tmpfs', dir]);
  mounted.push(dir);
  return dir;
}

/** Bind-mounts `source` on `dir`: a mount point on the same file system (same st_dev). */
export function bindMount(source: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['--bind', source, dir]);
  mounted.push(dir);
  return dir;
}

/** Fills the file system holding `dir` to the last block. */
export function fill(dir: string): void {
  spawnSync('dd', ['if=/dev/zero', `of=${path.join(dir, 'filler')}`, 'bs=1M'], { stdio: 'ignore' });
}
