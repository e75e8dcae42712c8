// SEV libraries for the measurement tests, linked by the real bundle and link
// stages (no kernel build) from inputs whose bytes are the same on every run,
// so that digests recorded once from libkrunfw's reference tool stay valid:
//   kernel  a kernel-like ELF built by as/ld from the fixed spec below;
//   qboot   blobs.ts's 64 KiB stand-in, assembled by as;
//   initrd  an uncompressed newc cpio archive of one file with fixed mode,
//           owner and mtime, made by `cpio --reproducible`.
// One byte of what the library hands out can be flipped before linking, to
// show that every byte is measured.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleStage } from '../../src/pipeline/stages/bundle.ts';
import { linkStage } from '../../src/pipeline/stages/link.ts';
import type { Variant } from '../../src/target.ts';
import { buildQboot } from './blobs.ts';
import { stageContext } from './context.ts';
import { buildElf, KERNEL_PADDR, KERNEL_VADDR, type ElfSpec } from './elf-fixtures.ts';

/** Three PT_LOADs from 0x1000000 with gaps, bss after the last: a 0x410000-byte payload. */
export const SEV_KERNEL_SPEC: ElfSpec = {
  machine: 'x86_64',
  entry: KERNEL_PADDR,
  segments: [
    { vaddr: KERNEL_VADDR, paddr: KERNEL_PADDR, size: 0x5000, flags: 'rx' },
    { vaddr: KERNEL_VADDR + 0x200000n, paddr: KERNEL_PADDR + 0x200000n, size: 0x2345, flags: 'r' },
    { vaddr: KERNEL_VADDR + 0x400000n, paddr: KERNEL_PADDR + 0x400000n, size: 0x1000, bss: 0x3000, flags: 'rw' },
  ],
};

/** An initrd whose bytes depend on nothing but `text`. */
export function buildReproducibleInitrd(dir: string, text = '#!/bin/sh\necho measured initrd\n'): string {
  const tree = path.join(dir, 'initrd-tree');
  mkdirSync(tree, { recursive: true });
  const init = path.join(tree, 'init');
  writeFileSync(init, text);
  chmodSync(init, 0o755);
  utimesSync(init, 1767225600, 1767225600);
  const file = path.join(dir, 'initrd.cpio');
  const cpio = execFileSync('cpio', ['-o', '-H', 'newc', '--reproducible', '--owner=0:0', '--quiet'], { cwd: tree, input: 'init\n' });
  writeFileSync(file, cpio);
  return file;
}

export type Part = 'qboot' | 'kernel' | 'initrd';

export interface SevLibraryOptions {
  /** Flip (xor 0xff) the byte at `offset` of what the library will hand out as `part`. */
  flip?: { part: Part; offset: number };
  /** Which of qboot and the initrd to bundle: both by default; none makes a generic library. */
  blobs?: ('qboot' | 'initrd')[];
}

export interface SevLibrary {
  library: string;
  /** The bytes it hands out, as bundled (after any flip). */
  handedOut: Partial<Record<Part, Buffer>>;
  loadAddr: bigint;
}

/** Bundle and link a library under `dir`. */
export async function buildSevLibrary(dir: string, options: SevLibraryOptions = {}): Promise<SevLibrary> {
  const blobNames = options.blobs ?? ['qboot', 'initrd'];
  const inputs = path.join(dir, 'inputs');
  const kernel = await buildElf(SEV_KERNEL_SPEC);
  const files = { qboot: buildQboot(inputs), initrd: buildReproducibleInitrd(inputs) };
  const ctx = stageContext(path.join(dir, 'work'));
  const bundled = await bundleStage.run(
    {
      image: kernel.file,
      arch: 'x86_64',
      blobs: Object.fromEntries(blobNames.map((n) => [n, { file: files[n], origin: `test ${n}` }])),
    },
    ctx,
  );
  const payloadFiles: Partial<Record<Part, string>> = { kernel: bundled.payloadFile };
  for (const b of bundled.blobs) payloadFiles[b.name] = b.payloadFile;
  if (options.flip) {
    const file = payloadFiles[options.flip.part]!;
    const bytes = readFileSync(file);
    bytes[options.flip.offset] = bytes[options.flip.offset]! ^ 0xff;
    writeFileSync(file, bytes);
  }
  const variant: Variant = blobNames.length > 0 ? 'sev' : 'generic';
  const linked = await linkStage.run(
    {
      payloadFile: bundled.payloadFile,
      loadAddr: bundled.loadAddr,
      entryAddr: bundled.entryAddr,
      size: bundled.size,
      blobs: bundled.blobs,
      variant,
      abiVersion: 5,
      version: '5.4.0',
    },
    ctx,
  );
  const handedOut = Object.fromEntries(Object.entries(payloadFiles).map(([part, file]) => [part, readFileSync(file)]));
  return { library: linked.library, handedOut, loadAddr: bundled.loadAddr };
}
