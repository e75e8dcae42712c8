// SIGTERM during compile, through the real CLI: the run stops make and every
// compiler under it, says it stopped compile, exits 143, leaves no library in
// out-dir and no output-cache entry, and keeps the ccache directory. The next
// run on the same work dir says it is deleting the old files in the background
// and succeeds (a check of the same kernel and config). A real kernel build (the small config): run it under
// the kbuild lock.
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireKernelTarball, SMALL_CONFIG } from '../support/kernel-source.ts';
import { tempDir } from '../support/tmp.ts';
import { startCli } from './support/cli-process.ts';

const root = tempDir('interrupt-build');
const work = path.join(root, 'work');
const out = path.join(root, 'out');
const cacheDir = path.join(root, 'cache');
const ccache = path.join(work, 'cache', 'ccache');

const args = (): string[] => [
  'build',
  '--kernel-source',
  requireKernelTarball(),
  '--kernel-config',
  SMALL_CONFIG,
  '--patches',
  'none',
  '--boot-test',
  'false',
  '--jobs',
  '2',
  '--work-dir',
  work,
  '--out',
  out,
  '--cache-dir',
  cacheDir,
];

/** Files under `dir`, recursively (none when it is missing). */
const filesIn = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
    : [];

/** Processes whose working directory is inside the work dir: what a stopped build would leave running. */
function processesIn(dir: string): string[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readlinkSync(`/proc/${p}/cwd`).startsWith(dir);
      } catch {
        return false;
      }
    });
}

async function until(what: string, test: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !test();) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('SIGTERM during compile', () => {
  it(
    'stops everything, says so, exits 143 with no output; the next run cleans up and builds',
    async () => {
      const first = await startCli(args(), root);
      await first.waitFor(/== compile/);
      // Stopped once the compiler cache has entries, so there is something it must keep.
      await until('ccache entries', () => filesIn(ccache).some((f) => !f.endsWith('.conf') && !f.startsWith('stats')), 10 * 60_000);
      first.kill('SIGTERM');
      const r = await first.done;
      expect(r.code, r.stderr).toBe(143);
      expect(r.stderr).toContain('stopping: SIGTERM received\n');
      expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(
        'error: interrupted by SIGTERM during compile: every child process was stopped and no output was kept.',
      );
      expect(r.stdout).toBe('');
      expect(processesIn(work)).toEqual([]);
      expect(filesIn(out).filter((f) => f.startsWith('libkrunfw'))).toEqual([]);
      expect(filesIn(cacheDir).filter((f) => f.includes('output'))).toEqual([]);
      expect(filesIn(ccache).length).toBeGreaterThan(0);

      // The next run takes the same work dir: a check (every mode clears the work dir the same way, and a
      // second kernel build would cost the suite minutes for nothing more), which must succeed after clean-up.
      const next = await startCli(['check', ...args().slice(1, 7), ...args().slice(11)], root);
      const n = await next.done;
      expect(n.code, n.stderr).toBe(0);
      expect(n.stderr).toContain(`deleting the last run's files in ${work}`);
      expect(n.stderr).toContain('in the background');
      expect(readdirSync(out)).toContain('check-report.json');
    },
    40 * 60_000,
  );
});
