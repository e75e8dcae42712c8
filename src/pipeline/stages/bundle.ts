// bundle: turn the kernel image into the payload libkrun maps into the guest.
// x86_64: the PT_LOAD segments of vmlinux laid out by physical address from the
// first one's, file bytes only (bss is zeroed by the kernel), gaps zero-filled,
// padded to 64 KiB. These are the facts libkrun relies on; keep them exact.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EM_X86_64, PT_LOAD, readElf64, segmentBytes, type Elf64 } from '../../elf/index.ts';
import { ElfError } from '../../errors.ts';
import type { Arch } from '../../request/build-request.ts';
import { sha256 } from '../../util/hash.ts';
import type { Stage } from '../stage.ts';

export const PAYLOAD_ALIGN = 0x10000;

export interface KernelPayload {
  payload: Buffer;
  loadAddr: bigint;
  entryAddr: bigint;
  /** The PT_LOADs used, as [paddr, filesz] pairs, for the log and the manifest. */
  segments: { paddr: bigint; filesz: bigint; memsz: bigint }[];
}

export function padTo(size: number, align: number): number {
  return Math.ceil(size / align) * align;
}

/** The payload of an x86_64 vmlinux, exactly as libkrun expects it. */
export function kernelPayloadFromElf(elf: Elf64): KernelPayload {
  const loads = elf.programs.filter((p) => p.type === PT_LOAD);
  if (loads.length === 0) throw new ElfError(elf.file, 'has no PT_LOAD program headers: nothing to load');
  const loadAddr = loads[0]!.paddr;
  for (let i = 1; i < loads.length; i++) {
    const prev = loads[i - 1]!;
    const cur = loads[i]!;
    if (cur.paddr < prev.paddr) {
      throw new ElfError(
        elf.file,
        `PT_LOAD segments are out of order: program header ${cur.index} (paddr 0x${cur.paddr.toString(16)}) comes after program header ${prev.index} (paddr 0x${prev.paddr.toString(16)})`,
      );
    }
    if (cur.paddr < prev.paddr + prev.filesz) {
      throw new ElfError(
        elf.file,
        `PT_LOAD segments overlap: program header ${cur.index} starts at paddr 0x${cur.paddr.toString(16)}, inside program header ${prev.index} (0x${prev.paddr.toString(16)}..0x${(prev.paddr + prev.filesz).toString(16)})`,
      );
    }
  }
  const last = loads[loads.length - 1]!;
  const end = last.paddr + last.filesz - loadAddr;
  if (end > BigInt(2 ** 31)) {
    throw new ElfError(elf.file, `its PT_LOAD segments span ${end} bytes; a kernel payload over 2 GiB is not plausible`);
  }
  const payload = Buffer.alloc(padTo(Number(end), PAYLOAD_ALIGN));
  for (const ph of loads) segmentBytes(elf, ph).copy(payload, Number(ph.paddr - loadAddr));
  return {
    payload,
    loadAddr,
    entryAddr: elf.entry,
    segments: loads.map((p) => ({ paddr: p.paddr, filesz: p.filesz, memsz: p.memsz })),
  };
}

export interface BundleInput {
  image: string;
  arch: Arch;
}

export interface BundleOutput {
  /** The payload bytes, written for the link stage to include. */
  payloadFile: string;
  loadAddr: bigint;
  entryAddr: bigint;
  size: number;
  sha256: string;
}

export async function bundleKernelImage(input: BundleInput): Promise<KernelPayload> {
  return kernelPayloadFromElf(await readElf64(input.image, { machine: EM_X86_64 }));
}

export const bundleStage: Stage<BundleInput, BundleOutput> = {
  name: 'bundle',
  title: 'take the loadable bytes of the kernel',
  async run(input, ctx) {
    const kp = await bundleKernelImage(input);
    const first = kp.segments[0]!;
    ctx.log.info(
      `${kp.segments.length} PT_LOAD segment(s) from paddr 0x${first.paddr.toString(16)}; entry 0x${kp.entryAddr.toString(16)}; ` +
        `payload ${kp.payload.length} bytes`,
    );
    const dir = path.join(ctx.workDir, 'bundle');
    mkdirSync(dir, { recursive: true });
    const payloadFile = path.join(dir, 'kernel.bin');
    writeFileSync(payloadFile, kp.payload);
    return {
      payloadFile,
      loadAddr: kp.loadAddr,
      entryAddr: kp.entryAddr,
      size: kp.payload.length,
      sha256: sha256(kp.payload),
    };
  },
  produces: (o) => [o.payloadFile],
  summary: (o) => `load 0x${o.loadAddr.toString(16)}, entry 0x${o.entryAddr.toString(16)}, ${o.size} bytes`,
};
