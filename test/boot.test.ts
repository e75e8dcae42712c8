// The ELF the boot test hands QEMU, made from payload bytes alone: checked with readelf.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPvhNote, pvhElf } from '../src/boot/pvh-elf.ts';
import { ElfError } from '../src/errors.ts';
import { whyNotBoot } from '../src/pipeline/stages/boot.ts';
import { ARCHES, archFacts } from '../src/target.ts';
import { tempDir } from './support/tmp.ts';

const root = tempDir('boot');

/** A payload with a PVH note (Xen, type 18, entry 0x1000000) at 0x2340. */
function payloadWithNote(): Buffer {
  const p = Buffer.alloc(0x10000, 0x90);
  const off = 0x2340;
  p.writeUInt32LE(4, off);
  p.writeUInt32LE(4, off + 4);
  p.writeUInt32LE(18, off + 8);
  p.write('Xen\0', off + 12, 'latin1');
  p.writeUInt32LE(0x1000000, off + 16);
  return p;
}

describe('PVH ELF from payload bytes', () => {
  it('finds the note and wraps the payload as one PT_LOAD at load_addr with a PT_NOTE over the note', () => {
    const payload = payloadWithNote();
    expect(findPvhNote(payload)).toEqual({ offset: 0x2340, size: 20, entry: 0x1000000 });
    const file = path.join(root, 'k.elf');
    writeFileSync(file, pvhElf(payload, 0x1000000n, 0x1000123n));
    const ph = execFileSync('readelf', ['-lW', file], { encoding: 'utf8' });
    expect(ph).toMatch(/Entry point 0x1000123/);
    expect(ph).toMatch(/LOAD\s+0x001000 0x0000000001000000 0x0000000001000000 0x010000 0x010000 RWE 0x1000/);
    expect(ph).toMatch(/NOTE\s+0x003340 0x0000000001002340 0x0000000001002340 0x000014 0x000014 R\s+0x4/);
    expect(execFileSync('readelf', ['-nW', file], { encoding: 'utf8' })).toMatch(/Xen\s+0x00000004\s+Unknown note type: \(0x00000012\)/);
  });

  it('refuses a payload without the note, naming it', () => {
    expect(() => pvhElf(Buffer.alloc(0x10000), 0x1000000n, 0x1000000n, 'lib.bin')).toThrow(ElfError);
    expect(() => pvhElf(Buffer.alloc(0x10000), 0x1000000n, 0x1000000n, 'lib.bin')).toThrow(/lib\.bin: has no PVH entry note/);
  });
});

describe('the emulators that boot each target', () => {
  it('are the full-system QEMUs, and setup installs all three (boot-test: auto boots every arch)', async () => {
    expect(ARCHES.map((a) => archFacts(a).bootEmulator)).toEqual(['qemu-system-x86_64', 'qemu-system-aarch64', 'qemu-system-riscv64']);
    for (const arch of ARCHES) expect(await whyNotBoot({ arch, bootTest: 'auto' } as Parameters<typeof whyNotBoot>[0])).toBeUndefined();
  });
});
