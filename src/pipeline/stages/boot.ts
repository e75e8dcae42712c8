// boot: start the kernel from the bytes the library hands out, under QEMU's
// microvm (TCG: nested KVM is not to be relied on), with a tiny static init on
// an ext2 root given as a virtio-mmio block device. The init prints a marker;
// seeing it is the proof, and the test stops QEMU itself once it is out.
// A kernel without ACPI (libkrun's kind) gets microvm with acpi=off, which
// lists the virtio-mmio devices on the command line as libkrun does; a kernel
// with ACPI finds them in microvm's ACPI tables.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pvhElf } from '../../boot/pvh-elf.ts';
import { BootError } from '../../errors.ts';
import type { LibraryRequest } from '../../request/types.ts';
import { archFacts } from '../../target.ts';
import { run, runChecked } from '../../util/run.ts';
import type { Stage } from '../stage.ts';

export const BOOT_MARKER = 'LIBKRUNFW-ACTION-BOOT-OK';

const INIT_C = `/* PID 1 of the boot test: say so, then power off (or halt, without ACPI). */
#include <fcntl.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(void)
{
	static const char msg[] = "\\n${BOOT_MARKER}\\n";
	int fd = open("/dev/console", O_WRONLY);
	if (fd < 0)
		fd = 1;
	write(fd, msg, sizeof(msg) - 1);
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}
`;

/** A small ext2 image holding /init (static) and an empty /dev for devtmpfs. */
export async function makeRootfs(dir: string): Promise<string> {
  const root = path.join(dir, 'root');
  mkdirSync(path.join(root, 'dev'), { recursive: true });
  writeFileSync(path.join(dir, 'init.c'), INIT_C);
  await runChecked('gcc', ['-static', '-O2', '-o', path.join(root, 'init'), path.join(dir, 'init.c')]);
  const image = path.join(dir, 'rootfs.ext2');
  await runChecked('mke2fs', ['-q', '-F', '-t', 'ext2', '-d', root, image, '8M'], { env: { E2FSPROGS_FAKE_TIME: '0' } });
  return image;
}

export interface BootOptions {
  elf: string;
  rootfs: string;
  timeoutMs: number;
  /** Give the guest ACPI tables (else acpi=off and devices on the command line). */
  acpi: boolean;
  /** kvm when /dev/kvm works; tcg (with icount) anywhere. */
  accel?: 'kvm' | 'tcg';
  qemu?: string;
}

/** KVM is tried when the device is there and ours to open; nested KVM can still fail, so TCG backs it up. */
export function kvmUsable(): boolean {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A KVM boot takes a second or two; this long means it is not going to work. */
const KVM_TRY_MS = 20_000;

/** Whether a kernel payload was built with ACPI: its ACPI core announces itself with this line. */
export function hasAcpi(payload: Buffer): boolean {
  return payload.includes('ACPI: Core revision');
}

/** Boots; resolves with the console once the marker appears, rejects with it otherwise. */
export function bootKernel(o: BootOptions): Promise<string> {
  const args = [
    '-M', `microvm,x-option-roms=off,rtc=off,acpi=${o.acpi ? 'on' : 'off'}`,
    // Instruction counting makes TCG's clocks steady, so the kernel's PIT
    // calibration of the TSC succeeds even on a loaded host; without it the
    // boot hangs now and then.
    ...(o.accel === 'kvm' ? ['-accel', 'kvm', '-cpu', 'host'] : ['-accel', 'tcg', '-icount', 'shift=auto']),
    '-m', '512', '-smp', '1',
    '-nodefaults', '-no-user-config', '-nographic', '-no-reboot',
    '-serial', 'stdio',
    '-kernel', o.elf,
    '-append', `console=ttyS0 root=/dev/vda rw init=/init panic=-1${o.acpi ? '' : ' acpi=off'}`,
    '-drive', `id=root,file=${o.rootfs},format=raw,if=none`,
    '-device', 'virtio-blk-device,drive=root',
  ];
  return new Promise((resolve, reject) => {
    const qemu = spawn(o.qemu ?? 'qemu-system-x86_64', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let settled = false;
    const finish = (ok: boolean, why: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      qemu.kill('SIGKILL');
      if (ok) resolve(out);
      else reject(new BootError(`${why}; the guest console ended with:\n${out.split('\n').slice(-25).join('\n')}`, out));
    };
    const timer = setTimeout(() => finish(false, `the kernel did not reach init within ${o.timeoutMs / 1000}s`), o.timeoutMs);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString('utf8');
      if (out.includes(BOOT_MARKER)) finish(true, '');
      // Nested KVM can stop the guest with this and hang: no need to wait out the limit.
      else if (o.accel === 'kvm' && out.includes('KVM internal error')) finish(false, 'KVM stopped the guest (KVM internal error)');
    };
    qemu.stdout.on('data', onData);
    qemu.stderr.on('data', onData);
    qemu.on('error', (e) => finish(false, `QEMU could not start: ${e.message}`));
    qemu.on('exit', (code) => finish(false, `QEMU exited (${code}) before init printed ${BOOT_MARKER}`));
  });
}

/** Whether a library's kernel is booted (the one place that decides): why not, or undefined to boot it. */
export async function whyNotBoot(r: LibraryRequest): Promise<string | undefined> {
  if (r.bootTest === 'off') return 'boot-test is false';
  const emulator = archFacts(r.arch).bootEmulator;
  if (!emulator) return `there is no boot test for ${r.arch} yet; verify checked its bytes`;
  if (r.bootTest === 'on') return undefined;
  const found = (await run(emulator, ['--version']).catch(() => undefined))?.exitCode === 0;
  return found ? undefined : `${emulator} is not installed (boot-test: auto)`;
}

export interface BootInput {
  /** The payload as the library handed it out (dumped by verify). */
  payloadFile: string;
  loadAddr: bigint;
  entryAddr: bigint;
  timeoutMs?: number;
}

export interface BootOutput {
  elf: string;
  seconds: number;
  accel: 'kvm' | 'tcg';
}

export const bootStage: Stage<BootInput, BootOutput> = {
  name: 'boot',
  title: "boot the kernel from the library's own bytes under QEMU",
  async run(input, ctx) {
    const dir = path.join(ctx.workDir, 'boot');
    mkdirSync(dir, { recursive: true });
    const elf = path.join(dir, 'kernel-from-library.elf');
    const payload = readFileSync(input.payloadFile);
    writeFileSync(elf, pvhElf(payload, input.loadAddr, input.entryAddr, input.payloadFile));
    const rootfs = await makeRootfs(dir);
    const acpi = hasAcpi(payload);
    ctx.log.info(`booting with microvm, ${acpi ? 'ACPI on (the kernel has ACPI)' : 'acpi=off, virtio-mmio devices on the command line'}`);
    const started = performance.now();
    const consoleLog = path.join(dir, 'console.log');
    let consoleText: string | undefined;
    let accel: 'kvm' | 'tcg' = 'tcg';
    if (kvmUsable()) {
      try {
        consoleText = await bootKernel({ elf, rootfs, timeoutMs: KVM_TRY_MS, acpi, accel: 'kvm' });
        accel = 'kvm';
      } catch (e) {
        if (!(e instanceof BootError)) throw e;
        ctx.log.info(`the boot under KVM did not reach init (${e.message.split(';')[0]}); booting under TCG instead`);
      }
    }
    try {
      consoleText ??= await bootKernel({ elf, rootfs, timeoutMs: input.timeoutMs ?? 180_000, acpi, accel: 'tcg' });
    } catch (e) {
      if (e instanceof BootError) writeFileSync(consoleLog, e.console);
      throw e;
    }
    writeFileSync(consoleLog, consoleText);
    const seconds = (performance.now() - started) / 1000;
    ctx.log.info(`the guest ran /init and printed ${BOOT_MARKER} after ${seconds.toFixed(1)}s (${accel})`);
    return { elf, seconds, accel };
  },
  summary: (o) => `reached init in ${o.seconds.toFixed(1)}s (${o.accel})`,
};
