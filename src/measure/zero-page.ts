// The Linux zero page (struct boot_params) libkrun writes at 0x7000 for a SEV
// guest. It is measured, so every byte counts: the fields libkrun sets, at the
// offsets of the kernel's arch/x86/include/uapi/asm/bootparam.h (and
// Documentation/arch/x86/zero-page.rst), everything else zero.
import { CMDLINE_ADDR, CMDLINE_SIZE, EBDA_START, FIRST_ADDR_PAST_32BITS, HIMEM_START, INITRD_ADDR, MMIO_MEM_START, PAGE_SIZE } from './layout.ts';

/** Byte offsets in struct boot_params (setup_header `hdr` starts at 0x1f1). */
export const BOOT_PARAMS = {
  e820Entries: 0x1e8, // u8
  hdrSyssize: 0x1f4, // u32
  hdrBootFlag: 0x1fe, // u16
  hdrHeader: 0x202, // u32
  hdrTypeOfLoader: 0x210, // u8
  hdrRamdiskImage: 0x218, // u32
  hdrRamdiskSize: 0x21c, // u32
  hdrCmdLinePtr: 0x228, // u32
  hdrKernelAlignment: 0x230, // u32
  hdrCmdlineSize: 0x238, // u32
  /** struct boot_e820_entry[128]: u64 addr, u64 size, u32 type; packed, 20 bytes each. */
  e820Table: 0x2d0,
} as const;
export const E820_ENTRY_SIZE = 20;
export const E820_RAM = 1;

/** "Undefined" boot loader: libkrun has no registered loader id. */
export const LOADER_TYPE_UNDEFINED = 0xff;
export const BOOT_FLAG_MAGIC = 0xaa55;
/** "HdrS" */
export const HDR_MAGIC = 0x53726448;
export const KERNEL_ALIGNMENT = 0x01000000;

export interface ZeroPageParams {
  vcpus: number;
  memoryMiB: number;
  /** The initrd's size as the library reports it (padded). */
  initrdSize: number;
}

export interface E820Entry {
  addr: bigint;
  size: bigint;
  type: number;
}

/**
 * libkrun's e820 map: low RAM below the EBDA, then RAM from 1 MiB to the end of
 * memory, split around the 32-bit MMIO gap when memory reaches it. The `+ 1` is
 * libkrun's (its last address is the memory size, counted inclusively).
 */
export function e820Map(memoryMiB: number): E820Entry[] {
  const mem = BigInt(memoryMiB) * 0x100000n;
  const low = { addr: 0n, size: EBDA_START, type: E820_RAM };
  if (mem <= MMIO_MEM_START) return [low, { addr: HIMEM_START, size: mem - HIMEM_START + 1n, type: E820_RAM }];
  return [
    low,
    { addr: HIMEM_START, size: MMIO_MEM_START - HIMEM_START, type: E820_RAM },
    { addr: FIRST_ADDR_PAST_32BITS, size: mem - MMIO_MEM_START + 1n, type: E820_RAM },
  ];
}

export function buildZeroPage(p: ZeroPageParams): Buffer {
  const page = Buffer.alloc(PAGE_SIZE);
  const f = BOOT_PARAMS;
  page.writeUInt8(LOADER_TYPE_UNDEFINED, f.hdrTypeOfLoader);
  page.writeUInt16LE(BOOT_FLAG_MAGIC, f.hdrBootFlag);
  page.writeUInt32LE(HDR_MAGIC, f.hdrHeader);
  page.writeUInt32LE(KERNEL_ALIGNMENT, f.hdrKernelAlignment);
  page.writeUInt32LE(Number(CMDLINE_ADDR), f.hdrCmdLinePtr);
  page.writeUInt32LE(CMDLINE_SIZE, f.hdrCmdlineSize);
  page.writeUInt32LE(Number(INITRD_ADDR), f.hdrRamdiskImage);
  page.writeUInt32LE(p.initrdSize, f.hdrRamdiskSize);
  // libkrun stores the vCPU count in syssize (a bzImage field, free without one): so it is measured too.
  page.writeUInt32LE(p.vcpus, f.hdrSyssize);
  const map = e820Map(p.memoryMiB);
  page.writeUInt8(map.length, f.e820Entries);
  map.forEach((e, i) => {
    const at = f.e820Table + i * E820_ENTRY_SIZE;
    page.writeBigUInt64LE(e.addr, at);
    page.writeBigUInt64LE(e.size, at + 8);
    page.writeUInt32LE(e.type, at + 16);
  });
  return page;
}
