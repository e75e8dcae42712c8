// Full-system boot of an arm64 or riscv64 kernel: the raw Image the library
// hands out, under QEMU's `virt` machine (TCG), with a device tree QEMU
// generates and an initramfs holding a static init built by the cross
// compiler. riscv64's virt needs SBI firmware: QEMU's own OpenSBI
// (`-bios default`, shipped in Debian's qemu-system-data), so no network.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { archFacts, missingToolHint, type Arch } from '../target.ts';
import { newcArchive } from './cpio.ts';
import { QEMU_GUEST_ARGS, runUntilMarker } from './qemu-console.ts';
import { buildTestInit } from './test-init.ts';

export type VirtArch = Exclude<Arch, 'x86_64'>;

interface VirtMachine {
  machine: string[];
  console: string;
}

const MACHINES: Record<VirtArch, VirtMachine> = {
  aarch64: { machine: ['-M', 'virt', '-cpu', 'cortex-a57'], console: 'ttyAMA0' },
  riscv64: { machine: ['-M', 'virt', '-bios', 'default'], console: 'ttyS0' },
};

/**
 * An initramfs with /init (static, for `arch`) and /dev/console, so that the
 * init has a console before anything mounts devtmpfs. Returns the cpio's path.
 */
export async function makeInitramfs(dir: string, arch: Arch, cc: string): Promise<string> {
  const init = await buildTestInit(path.join(dir, `init-${arch}`), cc, missingToolHint(arch));
  const cpio = newcArchive([
    { type: 'dir', name: 'dev' },
    { type: 'char', name: 'dev/console', major: 5, minor: 1 },
    { type: 'file', name: 'init', data: readFileSync(init), mode: 0o755 },
  ]);
  const file = path.join(dir, `initramfs-${arch}.cpio`);
  writeFileSync(file, cpio);
  return file;
}

export interface VirtBootOptions {
  arch: VirtArch;
  /** The raw Image (the library's payload: an Image padded with zeros). */
  image: string;
  initramfs: string;
  timeoutMs: number;
  qemu?: string;
}

/** The QEMU command line of a virt boot. */
export function virtArgs(o: Omit<VirtBootOptions, 'timeoutMs' | 'qemu'>): string[] {
  const m = MACHINES[o.arch];
  return [
    ...m.machine,
    '-accel',
    'tcg',
    ...QEMU_GUEST_ARGS,
    '-kernel',
    o.image,
    '-initrd',
    o.initramfs,
    '-append',
    `console=${m.console} rdinit=/init panic=-1`,
  ];
}

/** Boots; resolves with the console once the marker appears, rejects with a BootError showing it otherwise. */
export function bootVirt(o: VirtBootOptions): Promise<string> {
  return runUntilMarker({ qemu: o.qemu ?? archFacts(o.arch).bootEmulator!, args: virtArgs(o), timeoutMs: o.timeoutMs });
}
