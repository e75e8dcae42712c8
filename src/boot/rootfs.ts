// The guest's root for every boot test: a small ext2 image holding the static
// test init (built for the target) and an empty /dev for devtmpfs, given as a
// virtio-blk disk on the virtio-mmio transport. That is how libkrun gives its
// guests their root (a disk or virtio-fs, never an initramfs), so the boot
// needs only what the project's configs have: the project's arm64 and riscv64
// configs leave initramfs support out, and an initramfs boot of them found
// no root at all.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { missingToolHint, targetTools, type Arch } from '../target.ts';
import { runChecked } from '../util/run.ts';
import { buildTestInit } from './test-init.ts';

/** Builds the root disk in `dir` for `arch`; returns the image's path. */
export async function makeRootfs(dir: string, arch: Arch = 'x86_64'): Promise<string> {
  const root = path.join(dir, `root-${arch}`);
  mkdirSync(path.join(root, 'dev'), { recursive: true });
  const tools = targetTools(arch);
  await buildTestInit(path.join(root, 'init'), tools.cc, tools.crossCompile ? missingToolHint(arch) : undefined);
  const image = path.join(dir, `rootfs-${arch}.ext2`);
  await runChecked('mke2fs', ['-q', '-F', '-t', 'ext2', '-d', root, image, '8M'], { env: { E2FSPROGS_FAKE_TIME: '0' } });
  return image;
}

/** QEMU's arguments for the root disk: virtio-blk on the machine's virtio-mmio transport. */
export function rootDiskArgs(rootfs: string): string[] {
  return ['-drive', `id=root,file=${rootfs},format=raw,if=none`, '-device', 'virtio-blk-device,drive=root'];
}

/** The kernel command line's part that finds the disk and runs the init. */
export const ROOT_CMDLINE = 'root=/dev/vda rw init=/init panic=-1';
