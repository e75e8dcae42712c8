// The zero page, field by field. Offsets are written here from the kernel's
// Documentation/arch/x86/zero-page.rst and boot.rst (struct boot_params and
// struct setup_header in arch/x86/include/uapi/asm/bootparam.h), not taken from
// the code under test; a C program compiled against the system's
// <asm/bootparam.h> then fills the same fields by name, as a second oracle.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildZeroPage, e820Map } from '../../src/measure/zero-page.ts';
import { tempDir } from '../support/tmp.ts';

const OFF = {
  e820_entries: 0x1e8, // u8
  syssize: 0x1f4, // u32, hdr at 0x1f1
  boot_flag: 0x1fe, // u16
  header: 0x202, // u32
  type_of_loader: 0x210, // u8
  ramdisk_image: 0x218, // u32
  ramdisk_size: 0x21c, // u32
  cmd_line_ptr: 0x228, // u32
  kernel_alignment: 0x230, // u32
  cmdline_size: 0x238, // u32
  e820_table: 0x2d0, // 20-byte entries: u64 addr, u64 size, u32 type
};

/** Every byte offset the fields above cover. */
function fieldBytes(entries: number): Set<number> {
  const sizes: Record<string, number> = { e820_entries: 1, type_of_loader: 1, boot_flag: 2 };
  const covered = new Set<number>();
  for (const [name, at] of Object.entries(OFF)) {
    if (name === 'e820_table') continue;
    for (let i = 0; i < (sizes[name] ?? 4); i++) covered.add(at + i);
  }
  for (let i = 0; i < entries * 20; i++) covered.add(OFF.e820_table + i);
  return covered;
}

describe('the zero page libkrun writes at 0x7000', () => {
  const page = buildZeroPage({ vcpus: 3, memoryMiB: 2048, initrdSize: 0x230000 });

  it('is one 4 KiB page', () => {
    expect(page.length).toBe(4096);
  });

  it('has each setup_header field libkrun sets at its offset', () => {
    expect(page.readUInt8(OFF.type_of_loader)).toBe(0xff);
    expect(page.readUInt16LE(OFF.boot_flag)).toBe(0xaa55);
    expect(page.readUInt32LE(OFF.header)).toBe(0x53726448);
    expect(page.subarray(OFF.header, OFF.header + 4).toString('latin1')).toBe('HdrS');
    expect(page.readUInt32LE(OFF.kernel_alignment)).toBe(0x01000000);
    expect(page.readUInt32LE(OFF.cmd_line_ptr)).toBe(0x20000);
    expect(page.readUInt32LE(OFF.cmdline_size)).toBe(0x200);
    expect(page.readUInt32LE(OFF.ramdisk_image)).toBe(0xa00000);
    expect(page.readUInt32LE(OFF.ramdisk_size)).toBe(0x230000);
    expect(page.readUInt32LE(OFF.syssize)).toBe(3);
  });

  it('has two e820 RAM entries when memory ends below the 32-bit gap', () => {
    expect(page.readUInt8(OFF.e820_entries)).toBe(2);
    const entry = (i: number) => [
      page.readBigUInt64LE(OFF.e820_table + i * 20),
      page.readBigUInt64LE(OFF.e820_table + i * 20 + 8),
      page.readUInt32LE(OFF.e820_table + i * 20 + 16),
    ];
    expect(entry(0)).toEqual([0n, 0x9fc00n, 1]);
    expect(entry(1)).toEqual([0x100000n, 2048n * 2n ** 20n - 0x100000n + 1n, 1]);
  });

  it('is zero everywhere else', () => {
    const covered = fieldBytes(2);
    const stray = [...page.entries()].filter(([i, b]) => b !== 0 && !covered.has(i)).map(([i]) => `0x${i.toString(16)}`);
    expect(stray).toEqual([]);
  });

  it('splits RAM around the gap at 0xd0000000 from 3329 MiB on; 3328 MiB still fits below it', () => {
    expect(e820Map(3328)).toEqual([
      { addr: 0n, size: 0x9fc00n, type: 1 },
      { addr: 0x100000n, size: 0xd0000000n - 0x100000n + 1n, type: 1 },
    ]);
    expect(e820Map(4096)).toEqual([
      { addr: 0n, size: 0x9fc00n, type: 1 },
      { addr: 0x100000n, size: 0xd0000000n - 0x100000n, type: 1 },
      { addr: 0x100000000n, size: 4096n * 2n ** 20n - 0xd0000000n + 1n, type: 1 },
    ]);
    const big = buildZeroPage({ vcpus: 1, memoryMiB: 4096, initrdSize: 0x10000 });
    expect(big.readUInt8(OFF.e820_entries)).toBe(3);
    expect(big.readBigUInt64LE(OFF.e820_table + 2 * 20)).toBe(0x100000000n);
    expect(big.readBigUInt64LE(OFF.e820_table + 2 * 20 + 8)).toBe(0x30000001n);
    const covered = fieldBytes(3);
    expect([...big.entries()].filter(([i, b]) => b !== 0 && !covered.has(i))).toEqual([]);
  });
});

/** Fills struct boot_params by field name, as the compiler lays it out from the kernel's uapi header. */
const BOOTPARAM_C = `#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <asm/bootparam.h>

int main(int argc, char **argv)
{
	struct boot_params bp;
	unsigned long long mem = strtoull(argv[2], NULL, 0) << 20;
	int n = 0;

	memset(&bp, 0, sizeof(bp));
	bp.hdr.type_of_loader = 0xff;
	bp.hdr.boot_flag = 0xaa55;
	bp.hdr.header = 0x53726448;
	bp.hdr.kernel_alignment = 0x01000000;
	bp.hdr.cmd_line_ptr = 0x20000;
	bp.hdr.cmdline_size = 0x200;
	bp.hdr.ramdisk_image = 0xa00000;
	bp.hdr.ramdisk_size = strtoul(argv[3], NULL, 0);
	bp.hdr.syssize = strtoul(argv[1], NULL, 0);
	bp.e820_table[n].addr = 0; bp.e820_table[n].size = 0x9fc00; bp.e820_table[n++].type = 1;
	if (mem <= 0xd0000000ULL) {
		bp.e820_table[n].addr = 0x100000; bp.e820_table[n].size = mem - 0x100000 + 1; bp.e820_table[n++].type = 1;
	} else {
		bp.e820_table[n].addr = 0x100000; bp.e820_table[n].size = 0xd0000000ULL - 0x100000; bp.e820_table[n++].type = 1;
		bp.e820_table[n].addr = 0x100000000ULL; bp.e820_table[n].size = mem - 0xd0000000ULL + 1; bp.e820_table[n++].type = 1;
	}
	bp.e820_entries = n;
	if (sizeof(bp) != 4096 || fwrite(&bp, sizeof(bp), 1, stdout) != 1)
		return 1;
	return 0;
}
`;

describe('against struct boot_params as gcc lays it out from <asm/bootparam.h>', () => {
  const dir = tempDir('zero-page');
  const src = path.join(dir, 'bootparam.c');
  const exe = path.join(dir, 'bootparam');
  beforeAll(() => {
    writeFileSync(src, BOOTPARAM_C);
    execFileSync('gcc', ['-O1', '-Wall', '-o', exe, src]);
  });

  it.each([
    [1, 2048, 0x10000],
    [8, 3328, 0x230000],
    [4, 3329, 0x1f0000],
    [255, 65536, 0xfff0000],
  ])('%i vCPUs, %i MiB, initrd of %i bytes', (vcpus, memoryMiB, initrdSize) => {
    const expected = execFileSync(exe, [String(vcpus), String(memoryMiB), String(initrdSize)]);
    expect(buildZeroPage({ vcpus, memoryMiB, initrdSize }).equals(expected)).toBe(true);
  });
});
