// host: windows through the route (bundle mode, so no kernel is compiled): the
// payload at 4 KiB, libkrunfw.dll from mingw, LoadLibrary under wine, and the
// install tarball with bin/libkrunfw.dll. The real kernel is in kernel-dll.test.ts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPe } from '../../src/windows/index.ts';
import { executeLibrary } from '../support/library-run.ts';
import { buildKernelLikeElf } from '../support/elf-fixtures.ts';
import { bundleRequest, testPlatform } from '../support/context.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('windows-route');

describe('host windows, bundling an x86_64 vmlinux', () => {
  it('makes libkrunfw.dll, verifies it under wine and packages bin/libkrunfw.dll', async () => {
    const elf = await buildKernelLikeElf();
    const result = await executeLibrary(bundleRequest(root, elf.file, 'windows', { host: 'windows' }), testPlatform(root));
    expect(result.stages.map((s) => `${s.name}:${s.status}`)).toEqual([
      'bundle:passed',
      'link:passed',
      'verify:passed',
      'measure:skipped',
      'boot:skipped',
      'package:passed',
    ]);
    expect(result.library).toMatch(/\/libkrunfw\.dll$/);
    expect(result.stages.find((s) => s.name === 'verify')!.summary).toMatch(/checks passed/);
    const pe = await readPe(result.library);
    expect((pe.exports?.entries ?? []).map((e) => e.name).sort()).toEqual(['krunfw_get_kernel', 'krunfw_get_version']);
    expect(result.tarball).toMatch(/\/libkrunfw-windows-x86_64\.tgz$/);
    const listing = execFileSync('tar', ['-tzf', result.tarball!], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual(['bin/', 'bin/libkrunfw.dll']);
    const inTar = execFileSync('tar', ['-xzOf', result.tarball!, 'bin/libkrunfw.dll'], { maxBuffer: 1 << 30 });
    expect(inTar.equals(readFileSync(result.library))).toBe(true);
  }, 600_000);
});
