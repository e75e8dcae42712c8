// bundle: turn the kernel image into the payload libkrun maps into the guest.
// x86_64: the PT_LOAD segments of vmlinux laid out by physical address from the
// first one's, file bytes only (bss is zeroed by the kernel), gaps zero-filled,
// padded to 64 KiB. aarch64 and riscv64: the raw Image, padded to 64 KiB, loaded
// and entered at 0x80000000. SEV/TDX also carry the qboot firmware and an
// initrd, each padded to 64 KiB. These are the facts libkrun relies on; keep them exact.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EM_X86_64, PT_LOAD, readElf64, segmentBytes, type Elf64 } from '../../elf/index.ts';
import { ElfError } from '../../errors.ts';
import { checkBlob } from '../../request/blobs.ts';
import type { BlobName, BlobSource } from '../../request/types.ts';
import type { Arch, Host } from '../../target.ts';
import { dllPayload } from '../../windows/payload.ts';
import { sha256 } from '../../util/hash.ts';
import type { Stage } from '../stage.ts';

export const PAYLOAD_ALIGN = 0x10000;
/** Where libkrun loads and enters an arm64 or riscv64 Image. */
export const IMAGE_LOAD_ADDR = 0x80000000n;

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

/** The header magic of a raw Image, which a vmlinux or a compressed image lacks. */
const IMAGE_MAGIC: Partial<Record<Arch, { offset: number; bytes: Buffer; name: string }[]>> = {
  aarch64: [{ offset: 0x38, bytes: Buffer.from('ARM\x64', 'latin1'), name: "'ARM\\x64' at 0x38" }],
  riscv64: [
    { offset: 0x30, bytes: Buffer.from('RISCV\0\0\0', 'latin1'), name: "'RISCV' at 0x30" },
    { offset: 0x38, bytes: Buffer.from('RSC\x05', 'latin1'), name: "'RSC\\x05' at 0x38" },
  ],
};

/** The payload of an arm64 or riscv64 Image: its bytes, padded, at 0x80000000. */
export function kernelPayloadFromImage(file: string, arch: Arch, image: Buffer = readFileSync(file)): KernelPayload {
  const head = image.subarray(0, 0x40);
  if (head.subarray(0, 4).equals(Buffer.from('\x7fELF', 'latin1'))) {
    throw new ElfError(file, `is an ELF file (a vmlinux?); ${arch} takes the raw Image (arch/*/boot/Image)`);
  }
  for (const m of IMAGE_MAGIC[arch] ?? []) {
    if (!head.subarray(m.offset, m.offset + m.bytes.length).equals(m.bytes)) {
      throw new ElfError(file, `is not a ${arch} kernel Image: the header lacks the magic ${m.name}`);
    }
  }
  const payload = Buffer.alloc(padTo(image.length, PAYLOAD_ALIGN));
  image.copy(payload);
  return {
    payload,
    loadAddr: IMAGE_LOAD_ADDR,
    entryAddr: IMAGE_LOAD_ADDR,
    segments: [{ paddr: IMAGE_LOAD_ADDR, filesz: BigInt(image.length), memsz: BigInt(image.length) }],
  };
}

export interface BundledBlob {
  name: BlobName;
  /** The bytes as bundled: the file zero-padded to 64 KiB. */
  payloadFile: string;
  size: number;
  sha256: string;
  /** The file as given. */
  source: { size: number; sha256: string; origin: string };
}

export interface BundleInput {
  image: string;
  arch: Arch;
  /** windows: the same bytes padded to 4 KiB (WHP's pages), not 64 KiB. */
  host?: Host;
  /** SEV/TDX: the qboot firmware and the initrd. */
  blobs?: Partial<Record<BlobName, BlobSource>>;
}

export interface BundleOutput {
  /** The payload bytes, written for the link stage to include. */
  payloadFile: string;
  loadAddr: bigint;
  entryAddr: bigint;
  size: number;
  sha256: string;
  blobs: BundledBlob[];
}

export async function bundleKernelImage(input: BundleInput): Promise<KernelPayload> {
  if (input.arch !== 'x86_64') return kernelPayloadFromImage(input.image, input.arch);
  const kp = kernelPayloadFromElf(await readElf64(input.image, { machine: EM_X86_64 }));
  return input.host === 'windows' ? dllPayload(kp) : kp;
}

function bundleBlob(name: BlobName, src: BlobSource, dir: string): BundledBlob {
  checkBlob(name, src.file, name);
  const bytes = readFileSync(src.file);
  const padded = Buffer.alloc(padTo(bytes.length, PAYLOAD_ALIGN));
  bytes.copy(padded);
  const payloadFile = path.join(dir, `${name}.bin`);
  writeFileSync(payloadFile, padded);
  return { name, payloadFile, size: padded.length, sha256: sha256(padded), source: { size: bytes.length, sha256: sha256(bytes), origin: src.origin } };
}

export const bundleStage: Stage<BundleInput, BundleOutput> = {
  name: 'bundle',
  title: 'take the loadable bytes of the kernel',
  async run(input, ctx) {
    const kp = await bundleKernelImage(input);
    const first = kp.segments[0]!;
    ctx.log.info(
      input.arch === 'x86_64'
        ? `${kp.segments.length} PT_LOAD segment(s) from paddr 0x${first.paddr.toString(16)}; entry 0x${kp.entryAddr.toString(16)}; payload ${kp.payload.length} bytes`
        : `raw Image of ${first.filesz} bytes at 0x${kp.loadAddr.toString(16)}; payload ${kp.payload.length} bytes`,
    );
    const dir = path.join(ctx.workDir, 'bundle');
    mkdirSync(dir, { recursive: true });
    const payloadFile = path.join(dir, 'kernel.bin');
    writeFileSync(payloadFile, kp.payload);
    const blobs = (['qboot', 'initrd'] as const).flatMap((n) => (input.blobs?.[n] ? [bundleBlob(n, input.blobs[n], dir)] : []));
    for (const b of blobs) ctx.log.info(`${b.name}: ${b.source.size} bytes from ${b.source.origin}, bundled as ${b.size}`);
    return {
      payloadFile,
      loadAddr: kp.loadAddr,
      entryAddr: kp.entryAddr,
      size: kp.payload.length,
      sha256: sha256(kp.payload),
      blobs,
    };
  },
  produces: (o) => [o.payloadFile, ...o.blobs.map((b) => b.payloadFile)],
  summary: (o) =>
    `load 0x${o.loadAddr.toString(16)}, entry 0x${o.entryAddr.toString(16)}, ${o.size} bytes` + o.blobs.map((b) => `; ${b.name} ${b.size} bytes`).join(''),
};
