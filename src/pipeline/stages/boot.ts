// boot: start the kernel from the bytes the library hands out, under QEMU
// (TCG: nested KVM is not to be relied on), to a tiny static init that prints
// a marker; seeing it is the proof, and QEMU is stopped once it is out.
// x86_64: the payload wrapped as a PVH ELF on QEMU's microvm, the init on an
// ext2 root given as a virtio-mmio block device. A kernel gets microvm's ACPI
// tables only when it can load them: ACPI's interpreter needs PCI's config
// space handler, and without it fails (AE_BAD_PARAMETER during region
// initialization) and finds no disk. Every other kernel boots as libkrun runs
// it: acpi=off, the virtio-mmio devices on the command line. So the project's
// SEV and TDX configs (ACPI for EFI, no PCI) boot without tables, and the
// tests' small config (ACPI and PCI, for power-off) with them.
// aarch64 and riscv64: the payload is the raw Image, booted on QEMU's virt
// machine from the same kind of disk (src/boot/virt.ts, src/boot/rootfs.ts).
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pvhElf } from '../../boot/pvh-elf.ts';
import { QEMU_GUEST_ARGS, runUntilMarker } from '../../boot/qemu-console.ts';
import { makeRootfs, rootDiskArgs, ROOT_CMDLINE } from '../../boot/rootfs.ts';
import { BOOT_MARKER } from '../../boot/test-init.ts';
import { bootVirt, type VirtArch } from '../../boot/virt.ts';
import { BootError } from '../../errors.ts';
import type { LibraryRequest } from '../../request/types.ts';
import { archFacts, type Arch } from '../../target.ts';
import { run } from '../../util/run.ts';
import type { Stage } from '../stage.ts';

export { BOOT_MARKER, BootError };

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

/**
 * Whether a kernel payload can load microvm's ACPI tables: built with ACPI (its
 * core announces itself with the first line) and with PCI (x86's PCI setup
 * has the second), whose config space handler the interpreter needs.
 */
export function loadsAcpiTables(payload: Buffer): boolean {
  return payload.includes('ACPI: Core revision') && payload.includes('PCI: Fatal: No config space access function found');
}

/** Boots; resolves with the console once the marker appears, rejects with it otherwise. */
export function bootKernel(o: BootOptions): Promise<string> {
  const args = [
    '-M',
    `microvm,x-option-roms=off,rtc=off,acpi=${o.acpi ? 'on' : 'off'}`,
    // Instruction counting makes TCG's clocks steady, so the kernel's PIT
    // calibration of the TSC succeeds even on a loaded host; without it the
    // boot hangs now and then.
    ...(o.accel === 'kvm' ? ['-accel', 'kvm', '-cpu', 'host'] : ['-accel', 'tcg', '-icount', 'shift=auto']),
    ...QEMU_GUEST_ARGS,
    '-kernel',
    o.elf,
    '-append',
    `console=ttyS0 ${ROOT_CMDLINE}${o.acpi ? '' : ' acpi=off'}`,
    ...rootDiskArgs(o.rootfs),
  ];
  return runUntilMarker({
    qemu: o.qemu ?? 'qemu-system-x86_64',
    args,
    timeoutMs: o.timeoutMs,
    // Nested KVM can stop the guest with this and hang: no need to wait out the limit.
    giveUpOn: o.accel === 'kvm' ? { text: 'KVM internal error', why: 'KVM stopped the guest (KVM internal error)' } : undefined,
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
  /** Default x86_64 (microvm, PVH); aarch64 and riscv64 boot the raw Image on QEMU's virt. */
  arch?: Arch;
  timeoutMs?: number;
}

export interface BootOutput {
  /** What QEMU was given as -kernel: the PVH ELF (x86_64) or the Image (virt). */
  elf: string;
  seconds: number;
  accel: 'kvm' | 'tcg';
  /** microvm (acpi on or off) or virt. */
  machine: string;
}

/** x86_64: the payload wrapped as a PVH ELF, booted under microvm from an ext2 disk. */
async function bootX86(
  input: BootInput,
  dir: string,
  log: (line: string) => void,
): Promise<{ elf: string; consoleText: string; accel: 'kvm' | 'tcg'; machine: string }> {
  const elf = path.join(dir, 'kernel-from-library.elf');
  const payload = readFileSync(input.payloadFile);
  writeFileSync(elf, pvhElf(payload, input.loadAddr, input.entryAddr, input.payloadFile));
  const rootfs = await makeRootfs(dir);
  const acpi = loadsAcpiTables(payload);
  const machine = `microvm, acpi=${acpi ? 'on' : 'off'}`;
  log(`booting with microvm, ${acpi ? 'ACPI on (the kernel has ACPI and PCI)' : 'acpi=off, virtio-mmio devices on the command line (as libkrun boots it)'}`);
  if (kvmUsable()) {
    try {
      return { elf, consoleText: await bootKernel({ elf, rootfs, timeoutMs: KVM_TRY_MS, acpi, accel: 'kvm' }), accel: 'kvm', machine };
    } catch (e) {
      if (!(e instanceof BootError)) throw e;
      log(`the boot under KVM did not reach init (${e.message.split(';')[0]}); booting under TCG instead`);
    }
  }
  return { elf, consoleText: await bootKernel({ elf, rootfs, timeoutMs: input.timeoutMs ?? 180_000, acpi, accel: 'tcg' }), accel: 'tcg', machine };
}

/** aarch64/riscv64: the payload is the raw Image (zero-padded); QEMU's virt takes it with -kernel. */
async function bootOnVirt(
  arch: VirtArch,
  input: BootInput,
  dir: string,
  log: (line: string) => void,
): Promise<{ elf: string; consoleText: string; accel: 'tcg'; machine: string }> {
  const image = path.join(dir, `Image-from-library-${arch}`);
  writeFileSync(image, readFileSync(input.payloadFile));
  const rootfs = await makeRootfs(dir, arch);
  log(`booting the raw Image on QEMU's virt (${archFacts(arch).bootEmulator}, TCG) from a virtio-mmio disk`);
  const consoleText = await bootVirt({ arch, image, rootfs, timeoutMs: input.timeoutMs ?? 180_000 });
  return { elf: image, consoleText, accel: 'tcg', machine: 'virt' };
}

export const bootStage: Stage<BootInput, BootOutput> = {
  name: 'boot',
  title: "boot the kernel from the library's own bytes under QEMU",
  async run(input, ctx) {
    const dir = path.join(ctx.workDir, 'boot');
    mkdirSync(dir, { recursive: true });
    const consoleLog = path.join(dir, 'console.log');
    const arch = input.arch ?? 'x86_64';
    const log = (line: string): void => ctx.log.info(line);
    const started = performance.now();
    let booted: Awaited<ReturnType<typeof bootX86>>;
    try {
      booted = arch === 'x86_64' ? await bootX86(input, dir, log) : await bootOnVirt(arch, input, dir, log);
    } catch (e) {
      if (e instanceof BootError) writeFileSync(consoleLog, e.console);
      throw e;
    }
    writeFileSync(consoleLog, booted.consoleText);
    const seconds = (performance.now() - started) / 1000;
    ctx.log.info(`the guest ran /init and printed ${BOOT_MARKER} after ${seconds.toFixed(1)}s (${booted.machine}, ${booted.accel})`);
    return { elf: booted.elf, seconds, accel: booted.accel, machine: booted.machine };
  },
  summary: (o) => `reached init in ${o.seconds.toFixed(1)}s (${o.machine}, ${o.accel})`,
};
