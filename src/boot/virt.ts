// Full-system boot of an arm64 or riscv64 kernel: the raw Image the library
// hands out, under QEMU's `virt` machine (TCG), with a device tree QEMU
// generates, from a virtio-mmio disk holding a static init built by the cross
// compiler (./rootfs.ts). riscv64's virt needs SBI firmware: QEMU's own OpenSBI
// (`-bios default`, shipped in Debian's qemu-system-data), so no network.
import { archFacts, type Arch } from '../target.ts';
import { QEMU_GUEST_ARGS, runUntilMarker } from './qemu-console.ts';
import { rootDiskArgs, ROOT_CMDLINE } from './rootfs.ts';

export type VirtArch = Exclude<Arch, 'x86_64'>;

interface VirtMachine {
  machine: string[];
  console: string;
}

const MACHINES: Record<VirtArch, VirtMachine> = {
  aarch64: { machine: ['-M', 'virt', '-cpu', 'cortex-a57'], console: 'ttyAMA0' },
  riscv64: { machine: ['-M', 'virt', '-bios', 'default'], console: 'ttyS0' },
};

export interface VirtBootOptions {
  arch: VirtArch;
  /** The raw Image (the library's payload: an Image padded with zeros). */
  image: string;
  /** The root disk (./rootfs.ts). */
  rootfs: string;
  timeoutMs: number;
  qemu?: string;
}

/** The QEMU command line of a virt boot. */
export function virtArgs(o: Omit<VirtBootOptions, 'timeoutMs' | 'qemu'>): string[] {
  const m = MACHINES[o.arch];
  return [...m.machine, '-accel', 'tcg', ...QEMU_GUEST_ARGS, '-kernel', o.image, '-append', `console=${m.console} ${ROOT_CMDLINE}`, ...rootDiskArgs(o.rootfs)];
}

/** Boots; resolves with the console once the marker appears, rejects with a BootError showing it otherwise. */
export function bootVirt(o: VirtBootOptions): Promise<string> {
  return runUntilMarker({ qemu: o.qemu ?? archFacts(o.arch).bootEmulator!, args: virtArgs(o), timeoutMs: o.timeoutMs });
}
