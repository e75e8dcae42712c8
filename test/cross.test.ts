// aarch64 and riscv64 through the whole pipeline on a real kernel: Debian's 6.12
// source cross-compiled from this x86_64 host with the small test configs, the
// library cross-linked, then loaded under qemu-user with the target's own loader
// and compared byte for byte with the Image that make wrote. The two builds share
// a directory cache: riscv64 gets aarch64's tree from the tree cache, cleaned.
// Each library is then booted under qemu-system-<arch> -M virt from its own bytes,
// and the same bytes with the Image's first 64 KiB zeroed must fail to boot.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishRun } from '../src/finish.ts';
import { libraryResult } from '../src/result.ts';
import { prepareRun } from '../src/run.ts';
import { archFacts } from '../src/target.ts';
import { FIXTURES, requireKernelTarball } from './support/kernel-source.ts';
import { stageContext, testPlatform } from './support/context.ts';
import { BootError } from '../src/errors.ts';
import { BOOT_MARKER, bootStage } from '../src/pipeline/stages/boot.ts';
import { tempDir } from './support/tmp.ts';

const root = tempDir('cross');

describe.each(['aarch64', 'riscv64'] as const)("%s from Debian's kernel source, cross-compiled", (arch) => {
  it('builds a library for the target whose kernel is the raw Image make wrote, verified under qemu-user', async () => {
    const workDir = path.join(root, 'work');
    const cacheDir = path.join(root, 'cache');
    const platform = testPlatform(root, { cacheDir });
    const run = prepareRun(
      {
        arch,
        'kernel-source': requireKernelTarball(),
        'kernel-config': [path.join(FIXTURES, 'kernel-config', `small-${arch}.config`)],
        patches: 'none',
        'out-dir': path.join(root, arch, 'out'),
        'work-dir': workDir,
        'cache-dir': cacheDir,
      },
      platform,
      root,
    );
    const result = libraryResult(await run.execute());
    expect(result.stages.map((s) => `${s.name}:${s.status}`)).toEqual([
      // riscv64's tree comes from the tree cache (aarch64's, cleaned): nothing to extract.
      'source:passed',
      `extract:${arch === 'aarch64' ? 'passed' : 'skipped'}`,
      'patch:passed',
      'configure:passed',
      'compile:passed',
      'bundle:passed',
      'link:passed',
      'verify:passed',
      'measure:skipped',
      'boot:passed',
      'package:passed',
      'release:passed',
      'publish:skipped',
    ]);
    const tree = result.caches.find((c) => c.level === 'tree')!;
    if (arch === 'aarch64') expect(tree.state).toBe('miss');
    else
      expect(tree).toMatchObject({
        state: 'partial',
        detail: expect.stringMatching(/built for aarch64 before, cleaned with make mrproper/) as unknown as string,
      });
    const facts = archFacts(arch);
    const image = readFileSync(path.join(workDir, 'src', 'linux-source-6.12', facts.imagePath));
    // What the probe, cross-compiled and run under qemu-user, got through dlopen.
    const handed = readFileSync(path.join(workDir, 'verify', 'payload-from-library.bin'));
    expect(handed.length).toBe(Math.ceil(image.length / 0x10000) * 0x10000);
    expect(handed.subarray(0, image.length).equals(image)).toBe(true);
    expect(result.stages.find((s) => s.name === 'bundle')!.summary).toMatch(/^load 0x80000000, entry 0x80000000/);

    const header = execFileSync('readelf', ['-hW', result.library], { encoding: 'utf8' });
    expect(header).toMatch(arch === 'aarch64' ? /Machine:\s+AArch64/ : /Machine:\s+RISC-V/);
    expect(path.basename(result.tarball)).toBe(`libkrunfw-${arch}.tgz`);
    expect(existsSync(result.prebuilt?.tarball ?? '')).toBe(arch === 'aarch64');
    // The source release rebuilds with the cross compiler on another machine.
    const buildSh = execFileSync('tar', ['-xOf', result.sourceRelease!.tarball, `libkrunfw-5.4.0-generic-${arch}-source/build.sh`], { encoding: 'utf8' });
    expect(buildSh).toContain(`make ARCH=${facts.kernelArch} CROSS_COMPILE="$CROSS_COMPILE" -j"$(nproc)" vmlinux Image`);
    expect(buildSh).toContain(`CROSS_COMPILE=\${CROSS_COMPILE-${facts.triplet}-}`);
    // Booted under qemu-system-<arch> -M virt from the bytes the library handed out.
    expect(result.stages.find((s) => s.name === 'boot')!.summary).toMatch(/virt/);
    const consoleText = readFileSync(path.join(workDir, 'boot', 'console.log'), 'utf8');
    expect(consoleText).toContain(BOOT_MARKER);
    expect(consoleText).toContain(arch === 'aarch64' ? 'Machine model: linux,dummy-virt' : 'riscv: base ISA extensions');

    // The same bytes with the Image's first 64 KiB zeroed must not boot, and the console is shown.
    const broken = Buffer.from(handed);
    broken.fill(0, 0, 0x10000);
    const file = path.join(root, `${arch}-broken.bin`);
    writeFileSync(file, broken);
    const err = await bootStage
      .run({ payloadFile: file, loadAddr: 0x80000000n, entryAddr: 0x80000000n, arch, timeoutMs: 45_000 }, stageContext(path.join(root, `${arch}-broken`)))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BootError);
    expect((err as BootError).message).toMatch(/(did not reach init within 45s|QEMU exited \(\d+\) before init printed).*; the guest console ended with:/);
    expect((err as BootError).console).not.toContain(BOOT_MARKER);
    await finishRun(run.record, platform);
  }, 1_800_000);
});
