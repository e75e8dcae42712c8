// What a SEV library hands out for libkrun to put in guest memory, and the
// checks that it can be laid out as libkrun does: sizes in whole pages, no two
// pieces on the same page, everything in RAM. A digest of a layout libkrun
// cannot launch would be a number nobody can ever attest.
import { InputError } from '../errors.ts';
import {
  INITRD_ADDR,
  MMIO_MEM_START,
  PAGE_SIZE,
  QBOOT_ADDR,
  QBOOT_SIZE,
  SNP_CPUID_ADDR,
  SNP_FWDATA_ADDR,
  SNP_FWDATA_PAGES,
  SNP_LIDT_ADDR,
  SNP_SECRETS_ADDR,
  ZERO_PAGE_ADDR,
} from './layout.ts';

export interface GuestImage {
  /** krunfw_get_qboot()'s bytes. */
  qboot: Buffer;
  /** krunfw_get_kernel()'s bytes, loaded at `kernelLoadAddr`. */
  kernel: Buffer;
  kernelLoadAddr: bigint;
  /** krunfw_get_initrd()'s bytes. */
  initrd: Buffer;
  /** The size krunfw_get_initrd() reports: the zero page tells the kernel this one. */
  initrdSize: number;
}

interface Region {
  what: string;
  start: bigint;
  end: bigint;
}

const hex = (v: bigint): string => `0x${v.toString(16)}`;
const page = BigInt(PAGE_SIZE);

/** The pages libkrun fills, SNP's included. */
export function guestRegions(image: GuestImage): Region[] {
  const at = (what: string, start: bigint, size: bigint | number): Region => ({ what, start, end: start + BigInt(size) });
  return [
    at('the SNP LIDT page', SNP_LIDT_ADDR, page),
    at('the SNP secrets page', SNP_SECRETS_ADDR, page),
    at('the SNP CPUID page', SNP_CPUID_ADDR, page),
    at('the zero page', ZERO_PAGE_ADDR, page),
    at('the SNP firmware pages', SNP_FWDATA_ADDR, page * BigInt(SNP_FWDATA_PAGES)),
    at('the initrd', INITRD_ADDR, image.initrd.length),
    at('the kernel', image.kernelLoadAddr, image.kernel.length),
    at('qboot', QBOOT_ADDR, image.qboot.length),
  ];
}

/** Refuse what libkrun could not lay out; `source` names the library in the message. */
export function checkGuestImage(image: GuestImage, source: string): void {
  const bad = (why: string): never => {
    throw new InputError(`${source}: ${why}`);
  };
  if (image.qboot.length !== QBOOT_SIZE) bad(`krunfw_get_qboot() hands out ${image.qboot.length} bytes; libkrun maps qboot as exactly ${QBOOT_SIZE}`);
  if (image.initrd.length !== image.initrdSize) bad(`krunfw_get_initrd() reports ${image.initrdSize} bytes but handed out ${image.initrd.length}`);
  if (image.initrdSize > 0xffffffff) bad(`the initrd is ${image.initrdSize} bytes; the zero page's ramdisk_size holds 32 bits`);
  for (const [what, bytes] of [
    ['kernel', image.kernel],
    ['initrd', image.initrd],
  ] as const) {
    if (bytes.length === 0 || bytes.length % PAGE_SIZE !== 0) bad(`the ${what} is ${bytes.length} bytes, not whole 4 KiB pages (SNP measures pages)`);
  }
  if (image.kernelLoadAddr % page !== 0n) bad(`the kernel's load_addr ${hex(image.kernelLoadAddr)} is not 4 KiB aligned`);
  const regions = guestRegions(image);
  for (let i = 0; i < regions.length; i++) {
    for (let j = i + 1; j < regions.length; j++) {
      const a = regions[i]!;
      const b = regions[j]!;
      if (a.start < b.end && b.start < a.end) {
        bad(`${b.what} (${hex(b.start)}..${hex(b.end)}) overlaps ${a.what} (${hex(a.start)}..${hex(a.end)}) in libkrun's SEV layout`);
      }
    }
  }
}

/** Refuse a memory size whose RAM below the 32-bit gap does not hold the kernel and the initrd. */
export function checkFitsMemory(image: GuestImage, memoryMiB: number, source: string): void {
  const ramBelowGap = BigInt(memoryMiB) * 0x100000n < MMIO_MEM_START ? BigInt(memoryMiB) * 0x100000n : MMIO_MEM_START;
  for (const r of guestRegions(image).filter((r) => r.what === 'the kernel' || r.what === 'the initrd')) {
    if (r.end > ramBelowGap) {
      throw new InputError(`memory ${memoryMiB} MiB: ${r.what} of ${source} ends at ${hex(r.end)}, beyond the guest's RAM (${hex(ramBelowGap)})`);
    }
  }
}
