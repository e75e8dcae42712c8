// The Windows library with a real kernel: Debian's 6.12 built with the small
// x86_64 config plus the project's Hyper-V fragment (every option of which
// must land), bundled at 4 KiB into libkrunfw.dll by mingw, loaded under wine
// through LoadLibrary, and the payload the DLL handed out booted under QEMU.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOOT_MARKER, bootStage } from '../../src/pipeline/stages/boot.ts';
import { runChecked } from '../../src/util/run.ts';
import { dllPayloadFromVmlinux, dllVerifyStage, linkDll } from '../../src/windows/index.ts';
import { stageContext } from '../support/context.ts';
import { FIXTURES, SMALL_CONFIG, extractKernelWithTar } from '../support/kernel-source.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('windows-kernel');
const WINDOWS_FRAGMENT = path.join(FIXTURES, '..', '..', 'kernel-config', 'x86_64-windows', '70-windows.config');

/** CONFIG_X=y lines of a fragment. */
function asked(fragment: string): string[] {
  return readFileSync(fragment, 'utf8').split('\n').filter((l) => /^CONFIG_\w+=/.test(l));
}

describe('libkrunfw.dll from a real kernel', () => {
  it('keeps every Hyper-V option, loads under wine with exactly the payload, and boots from it', async () => {
    const tree = extractKernelWithTar(root);
    const out = path.join(root, 'build');
    const allconfig = path.join(root, 'allconfig');
    writeFileSync(allconfig, [SMALL_CONFIG, WINDOWS_FRAGMENT, path.join(FIXTURES, 'kernel-config', 'small-x86_64-windows.config')].map((f) => readFileSync(f, 'utf8')).join('\n'));
    const make = (...targets: string[]): Promise<unknown> =>
      runChecked('make', ['-C', tree, `O=${out}`, 'ARCH=x86_64', '-j2', ...targets], {
        env: { KCONFIG_ALLCONFIG: allconfig, KBUILD_BUILD_TIMESTAMP: '@0' },
        logFile: path.join(root, 'build.log'),
      });
    await make('allnoconfig');
    const config = readFileSync(path.join(out, '.config'), 'utf8');
    const wanted = asked(WINDOWS_FRAGMENT);
    expect(wanted).toEqual(['CONFIG_HYPERV=y', 'CONFIG_HYPERV_TIMER=y', 'CONFIG_HYPERV_UTILS=y', 'CONFIG_CONNECTOR=y', 'CONFIG_NLS=y']);
    for (const option of wanted) expect(config).toContain(`\n${option}\n`);
    await make('vmlinux');

    const kp = await dllPayloadFromVmlinux(path.join(out, 'vmlinux'));
    expect(kp.payload.length % 0x1000).toBe(0);
    const payloadFile = path.join(root, 'kernel.bin');
    writeFileSync(payloadFile, kp.payload);
    const dll = await linkDll({ payloadFile, loadAddr: kp.loadAddr, entryAddr: kp.entryAddr, size: kp.payload.length, abiVersion: 5 }, path.join(root, 'dll'));
    const verified = await dllVerifyStage.run({ library: dll, abiVersion: 5, loadAddr: kp.loadAddr, entryAddr: kp.entryAddr, payloadFile }, stageContext(path.join(root, 'verify')));
    expect(readFileSync(verified.payloadFromLibrary).equals(kp.payload)).toBe(true);

    const booted = await bootStage.run(
      { payloadFile: verified.payloadFromLibrary, loadAddr: kp.loadAddr, entryAddr: kp.entryAddr, timeoutMs: 300_000 },
      stageContext(path.join(root, 'boot')),
    );
    expect(booted.machine).toMatch(/^microvm/);
    const consoleText = readFileSync(path.join(root, 'boot', 'boot', 'console.log'), 'utf8');
    expect(consoleText).toContain(BOOT_MARKER);
    expect(consoleText).toMatch(/Linux version 6\.12\.\d+/);
  }, 3_600_000);
});
