// aarch64 and riscv64 booted from their own library's bytes: Debian's 6.12
// source cross-built once per arch with the small test configs (out of tree,
// from one extracted source), the library cross-linked, the payload read back
// through the cross-built probe under qemu-user, and that payload booted under
// qemu-system-<arch> -M virt (TCG) to a static init in an initramfs. A broken
// Image (its first 64 KiB zeroed) must not boot, and the failure shows the console.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOOT_MARKER, BootError, bootStage } from '../../src/pipeline/stages/boot.ts';
import { kernelPayloadFromImage } from '../../src/pipeline/stages/bundle.ts';
import { linkStage } from '../../src/pipeline/stages/link.ts';
import { probeLibrary } from '../../src/pipeline/stages/verify.ts';
import { archFacts, targetTools } from '../../src/target.ts';
import { runChecked } from '../../src/util/run.ts';
import { stageContext } from '../support/context.ts';
import { FIXTURES, extractKernelWithTar } from '../support/kernel-source.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('boot-virt');
let tree: string;

beforeAll(() => {
  tree = extractKernelWithTar(root);
}, 300_000);

describe.each(['aarch64', 'riscv64'] as const)('%s on QEMU virt', (arch) => {
  const facts = archFacts(arch);
  const tools = targetTools(arch);
  const out = path.join(root, `build-${arch}`);
  let handedOut: string;

  beforeAll(async () => {
    const make = (...targets: string[]): Promise<unknown> =>
      runChecked('make', ['-C', tree, `O=${out}`, `ARCH=${facts.kernelArch}`, `CROSS_COMPILE=${facts.triplet}-`, '-j2', ...targets], {
        env: { KCONFIG_ALLCONFIG: path.join(FIXTURES, 'kernel-config', `small-${arch}.config`), KBUILD_BUILD_TIMESTAMP: '@0' },
        logFile: path.join(root, `build-${arch}.log`),
      });
    await make('allnoconfig');
    const config = readFileSync(path.join(out, '.config'), 'utf8');
    for (const option of ['CONFIG_BLK_DEV_INITRD=y', 'CONFIG_BINFMT_ELF=y', 'CONFIG_PRINTK=y', 'CONFIG_TTY=y']) expect(config).toContain(`\n${option}\n`);
    await make('Image');
    // Bundle, link for the target, and read the payload back the way libkrun would, under qemu-user.
    const kp = kernelPayloadFromImage(path.join(out, facts.imagePath), arch);
    const payloadFile = path.join(root, `${arch}-kernel.bin`);
    writeFileSync(payloadFile, kp.payload);
    const ctx = stageContext(path.join(root, `${arch}-link`));
    const lib = await linkStage.run(
      { payloadFile, loadAddr: kp.loadAddr, entryAddr: kp.entryAddr, size: kp.payload.length, variant: 'generic', abiVersion: 5, version: '5.4.0', cc: tools.cc, strip: tools.strip },
      ctx,
    );
    const probed = await probeLibrary(lib.library, path.join(root, `${arch}-probe`), tools);
    expect(probed.bytes.equals(kp.payload)).toBe(true);
    handedOut = path.join(root, `${arch}-payload-from-library.bin`);
    writeFileSync(handedOut, probed.bytes);
  }, 3_600_000);

  it('boots the payload the library hands out to /init, marker on the console', async () => {
    const ctx = stageContext(path.join(root, `${arch}-boot`));
    const booted = await bootStage.run({ payloadFile: handedOut, loadAddr: 0x80000000n, entryAddr: 0x80000000n, arch, timeoutMs: 240_000 }, ctx);
    expect(booted.machine).toBe('virt');
    const consoleText = readFileSync(path.join(root, `${arch}-boot`, 'boot', 'console.log'), 'utf8');
    expect(consoleText).toContain(BOOT_MARKER);
    expect(consoleText).toMatch(/Linux version 6\.12\.\d+/);
    expect(consoleText).toContain(arch === 'aarch64' ? 'Machine model: linux,dummy-virt' : 'riscv: base ISA extensions');
  }, 300_000);

  it('does not boot an Image whose first 64 KiB are zeroed, and shows the console', async () => {
    const broken = readFileSync(handedOut);
    broken.fill(0, 0, 0x10000);
    const file = path.join(root, `${arch}-broken.bin`);
    writeFileSync(file, broken);
    const err = await bootStage
      .run({ payloadFile: file, loadAddr: 0x80000000n, entryAddr: 0x80000000n, arch, timeoutMs: 45_000 }, stageContext(path.join(root, `${arch}-broken`)))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BootError);
    expect((err as BootError).message).toMatch(/(did not reach init within 45s|QEMU exited \(\d+\) before init printed).*; the guest console ended with:/);
    expect((err as BootError).console).not.toContain(BOOT_MARKER);
    expect(readFileSync(path.join(root, `${arch}-broken`, 'boot', 'console.log'), 'utf8')).toBe((err as BootError).console);
  }, 120_000);
});
