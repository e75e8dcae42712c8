// Check mode end to end, as a maintainer runs it before a kernel bump: the
// bundled CLI on Debian's 6.12 source, a series with a patch that does not
// apply, and a config with an option that cannot land. One run, every verdict,
// check-report.json in out-dir, exit 1; the second run takes the tree from the
// tree cache instead of extracting it again.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/check/report.ts';
import { FIXTURES, requireKernelTarball, SMALL_CONFIG } from '../support/kernel-source.ts';
import { tempDir } from '../support/tmp.ts';

const exec = promisify(execFile);
const cli = path.resolve(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const root = tempDir('check-mode');

async function check(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec('node', [cli, 'check', ...args], { cwd: root, maxBuffer: 64 << 20 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('libkrunfw-action check', () => {
  it('reports every patch and every option in one run, exits 1, and reuses the tree the second time', async () => {
    const series = path.join(root, 'series');
    mkdirSync(series, { recursive: true });
    // 0001 applies; 0002 expects a line init/version.c does not have; 0003 applies all the same.
    writeFileSync(path.join(series, '0001-mark.patch'), readFileSync(path.join(FIXTURES, 'patches', 'linux-6.12', '0001-init-mark-proc-version.patch')));
    writeFileSync(
      path.join(series, '0002-stale.patch'),
      [
        '--- a/init/version.c',
        '+++ b/init/version.c',
        '@@ -1,3 +1,3 @@',
        '-this line is not in the kernel',
        '+nor is this one',
        ' // SPDX-License-Identifier: GPL-2.0-only',
        '',
      ].join('\n'),
    );
    writeFileSync(
      path.join(series, '0003-readme.patch'),
      ['--- a/README', '+++ b/README', '@@ -1,2 +1,3 @@', ' Linux kernel', '+checked', ' ============', ''].join('\n'),
    );
    const config = path.join(root, 'check.config');
    // The small bootable config, plus an option whose dependency it leaves off.
    writeFileSync(config, `${readFileSync(SMALL_CONFIG, 'utf8')}\nCONFIG_VIRTIO_BALLOON=y\n# CONFIG_VIRTIO_MENU is not set\n`);
    const args = [
      '--kernel-source',
      requireKernelTarball(),
      '--patches',
      series,
      '--kernel-config',
      config,
      '--kernel-config-mode',
      'fragments',
      '--out',
      'out',
      '--work-dir',
      'work',
      '--cache-dir',
      'cache',
    ];

    const first = await check(args);
    expect(first.code, first.stderr).toBe(1);
    const outputs = JSON.parse(first.stdout) as Record<string, string>;
    expect(outputs['check-report']).toBe(path.join(root, 'out', 'check-report.json'));
    const report = JSON.parse(readFileSync(outputs['check-report']!, 'utf8')) as CheckReport;
    expect(report.passed).toBe(false);
    expect(report.patches.map((p) => `${p.name}:${p.result}`)).toEqual(['0001-mark.patch:applies', '0002-stale.patch:fails', '0003-readme.patch:applies']);
    expect(report.patches[1]!.failed[0]).toMatchObject({ file: 'init/version.c', hunks: [expect.objectContaining({ hunk: 1, patchLine: 3 })] });
    expect(report.patches[2]!.triedWithout).toEqual(['0002-stale.patch']);
    const lost = report.config!.verdicts.map((v) => v.option);
    expect(lost).toContain('CONFIG_VIRTIO_BALLOON');
    // The terminal table, and nothing was compiled.
    expect(first.stderr).toMatch(/^ +2 +0002-stale\.patch +FAILS/m);
    expect(first.stderr).not.toMatch(/compile passed/);
    expect(existsSync(path.join(root, 'out', 'libkrunfw.so.5.4.0'))).toBe(false);

    const second = await check(args);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/tree cache: hit/);
    expect(second.stderr).not.toMatch(/extracted \d+ entries/);
    // The patches 0001 and 0003 applied on the reused tree again: the check took them off before keeping it.
    expect((JSON.parse(readFileSync(path.join(root, 'out', 'check-report.json'), 'utf8')) as CheckReport).patches.map((p) => p.result)).toEqual([
      'applies',
      'fails',
      'applies',
    ]);
  }, 900_000);
});
