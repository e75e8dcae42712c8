import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import elfy from 'elfy';
import { describe, expect, it } from 'vitest';
import { ElfError } from '../../src/errors.ts';
import {
  EM_AARCH64,
  EM_RISCV,
  EM_X86_64,
  ET_EXEC,
  PT_LOAD,
  PT_NOTE,
  loadSegments,
  machineName,
  parseElf64,
  readElf64,
  segmentBytes,
  segmentTypeName,
  type Elf64,
  type ProgramHeader,
} from '../../src/elf/index.ts';
import {
  FIXTURE_NOTE_TYPE,
  KERNEL_PADDR,
  KERNEL_VADDR,
  build32BitElf,
  buildBigEndianElf,
  buildElf,
  buildHugeAddressElf,
  buildKernelLikeElf,
  buildNoLoadElf,
  buildNotElf,
  buildObjectFile,
  buildOutOfOrderElf,
  buildOverlappingElf,
  buildTruncatedElf,
  buildWrongMachineElf,
  readelfFacts,
  toolchainAvailable,
  writeModifiedElf,
  type BuiltElf,
  type ReadelfFacts,
} from '../support/elf-fixtures.ts';

const PHDR = 56;

/** p_flags as readelf prints them: 'R E', 'RW ', ... */
function readelfFlags(flags: number): string {
  return `${flags & 4 ? 'R' : ' '}${flags & 2 ? 'W' : ' '}${flags & 1 ? 'E' : ' '}`;
}

/** Asserts that every header field we read equals what readelf prints. */
function expectSameAsReadelf(elf: Elf64, facts: ReadelfFacts): void {
  expect(facts.class).toBe('ELF64');
  expect(elf.entry).toBe(facts.entry);
  expect(elf.type).toBe(ET_EXEC);
  expect(facts.type).toMatch(/^EXEC /);
  expect(facts.phentsize).toBe(PHDR);
  expect(elf.programs.length).toBe(facts.phnum);
  expect(elf.programs.length).toBe(facts.segments.length);
  for (const [i, ph] of elf.programs.entries()) {
    const seg = facts.segments[i]!;
    expect(ph.index).toBe(i);
    expect(ph.typeName).toBe(`PT_${seg.type}`);
    expect({
      offset: ph.offset,
      vaddr: ph.vaddr,
      paddr: ph.paddr,
      filesz: ph.filesz,
      memsz: ph.memsz,
      align: ph.align,
      flags: readelfFlags(ph.flags),
    }).toEqual({
      offset: seg.offset,
      vaddr: seg.vaddr,
      paddr: seg.paddr,
      filesz: seg.filesz,
      memsz: seg.memsz,
      align: seg.align,
      flags: seg.flags,
    });
  }
}

/** Asserts that the PT_LOADs are the ones the fixture was built with, bytes included. */
function expectBuiltLoads(elf: Elf64, built: BuiltElf): void {
  const loads = loadSegments(elf);
  expect(loads.map((ph) => ph.index)).toEqual(built.loads.map((l) => l.index));
  for (const [i, ph] of loads.entries()) {
    const want = built.loads[i]!;
    expect({ vaddr: ph.vaddr, paddr: ph.paddr, filesz: ph.filesz, memsz: ph.memsz, flags: ph.flags }).toEqual({
      vaddr: want.vaddr,
      paddr: want.paddr,
      filesz: want.filesz,
      memsz: want.memsz,
      flags: want.flags,
    });
    expect(segmentBytes(elf, ph).equals(want.bytes)).toBe(true);
  }
}

/** The ElfError that `fn` throws (fails the test when it throws something else, or nothing). */
function elfErrorOf(fn: () => unknown): ElfError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ElfError);
    return error as ElfError;
  }
  throw new Error('expected an ElfError, nothing was thrown');
}

async function rejectionOf(promise: Promise<unknown>): Promise<ElfError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ElfError);
    return error as ElfError;
  }
  throw new Error('expected an ElfError, the promise resolved');
}

/** Parses a modified copy of the kernel-like fixture; returns the ElfError it raises. */
async function errorForEdit(name: string, edit: (data: Buffer, phoff: number) => void): Promise<ElfError> {
  const built = await buildKernelLikeElf();
  const file = await writeModifiedElf(built.file, name, (data) => edit(data, Number(data.readBigUInt64LE(32))));
  const error = await rejectionOf(readElf64(file, { machine: EM_X86_64 }));
  expect(error.file).toBe(file);
  expect(error.message.startsWith(`${file}: `)).toBe(true);
  return error;
}

describe('a kernel-like x86_64 vmlinux', () => {
  it('reads the ELF header and every program header exactly as readelf does', async () => {
    const built = await buildKernelLikeElf();
    const elf = await readElf64(built.file, { machine: EM_X86_64 });
    const facts = await readelfFacts(built.file);
    expectSameAsReadelf(elf, facts);
    expect(facts.machine).toBe('Advanced Micro Devices X86-64');
    expect(elf.file).toBe(built.file);
    expect(elf.machine).toBe(EM_X86_64);
    expect(elf.machineName).toBe('x86_64');
    expect(elf.entry).toBe(KERNEL_PADDR);
    expect(elf.data.equals(await readFile(built.file))).toBe(true);
    expect(elf.programs.map((ph) => ph.typeName)).toEqual(['PT_LOAD', 'PT_LOAD', 'PT_LOAD', 'PT_NOTE']);
  });

  it('has the PT_LOADs it was built with: high-half vaddr, low paddr, gaps, file bytes', async () => {
    const built = await buildKernelLikeElf();
    const elf = await readElf64(built.file);
    expectBuiltLoads(elf, built);
    const loads = loadSegments(elf);
    expect(loads.map((ph) => ph.vaddr)).toEqual([KERNEL_VADDR, KERNEL_VADDR + 0x200000n, KERNEL_VADDR + 0x400000n]);
    expect(loads.map((ph) => ph.paddr)).toEqual([KERNEL_PADDR, KERNEL_PADDR + 0x200000n, KERNEL_PADDR + 0x400000n]);
    // Gaps between the physical ranges.
    for (let i = 1; i < loads.length; i++) {
      expect(loads[i]!.paddr).toBeGreaterThan(loads[i - 1]!.paddr + loads[i - 1]!.memsz);
    }
  });

  it('reports bss as memsz beyond filesz, and segmentBytes gives only the file bytes', async () => {
    const built = await buildKernelLikeElf();
    const elf = await readElf64(built.file);
    const data = loadSegments(elf)[2]!;
    expect(data.filesz).toBe(0x1000n);
    expect(data.memsz).toBe(0x6000n);
    expect(segmentBytes(elf, data).length).toBe(0x1000);
    expect(loadSegments(elf)[0]!.memsz).toBe(loadSegments(elf)[0]!.filesz);
  });

  it('reads the PT_NOTE, which lies inside the second PT_LOAD', async () => {
    const built = await buildKernelLikeElf();
    const elf = await readElf64(built.file);
    const notes = elf.programs.filter((ph) => ph.type === PT_NOTE);
    expect(notes).toHaveLength(1);
    const note = notes[0]!;
    const want = built.note!;
    expect({ vaddr: note.vaddr, paddr: note.paddr, filesz: note.filesz, memsz: note.memsz }).toEqual({
      vaddr: want.vaddr,
      paddr: want.paddr,
      filesz: want.size,
      memsz: want.size,
    });
    const bytes = segmentBytes(elf, note);
    expect(bytes.equals(want.bytes)).toBe(true);
    expect(bytes.readUInt32LE(8)).toBe(FIXTURE_NOTE_TYPE);
    expect(bytes.subarray(12, 15).toString()).toBe('Xen');
    const holder = loadSegments(elf)[1]!;
    expect(note.offset).toBeGreaterThanOrEqual(holder.offset);
    expect(note.offset + note.filesz).toBe(holder.offset + holder.filesz);
    expect(note.vaddr - holder.vaddr).toBe(note.offset - holder.offset);
  });

  it('parseElf64 on the bytes gives what readElf64 gives on the file', async () => {
    const built = await buildKernelLikeElf();
    const data = await readFile(built.file);
    const parsed = parseElf64(data, 'vmlinux');
    const read = await readElf64(built.file);
    expect(parsed.file).toBe('vmlinux');
    expect(parsed.programs).toEqual(read.programs);
    expect(parsed.entry).toBe(read.entry);
  });

  it('segmentBytes returns a view into the file and refuses bounds the file does not have', async () => {
    const built = await buildKernelLikeElf();
    const elf = await readElf64(built.file);
    const first = loadSegments(elf)[0]!;
    const bytes = segmentBytes(elf, first);
    expect(bytes.buffer).toBe(elf.data.buffer);
    const beyond: ProgramHeader = { ...first, offset: BigInt(elf.data.length) - 0x10n, filesz: 0x11n };
    const error = elfErrorOf(() => segmentBytes(elf, beyond));
    expect(error.message).toMatch(/truncated: segment 0 \(PT_LOAD\) has file bytes .* but the file ends at/);
    expect(segmentBytes(elf, { ...first, offset: 1n << 63n, filesz: 0n }).length).toBe(0);
  });
});

describe('64-bit fields are exact', () => {
  it('keeps addresses above 2^53 that a JS number cannot hold, as readelf prints them', async () => {
    const built = await buildHugeAddressElf();
    const elf = await readElf64(built.file, { machine: EM_X86_64 });
    expectSameAsReadelf(elf, await readelfFacts(built.file));
    expectBuiltLoads(elf, built);
    expect(elf.entry).toBe(0xffffffff81000125n);
    const [a, b] = loadSegments(elf);
    expect(a!.vaddr).toBe(0xffffffff81000123n);
    expect(a!.paddr).toBe(0x20000000000001n);
    expect(b!.vaddr).toBe(0xfffffffffffff001n);
    expect(b!.paddr).toBe(0x7ffffffffffff003n);
    // Each of these would change on a trip through a JS number.
    for (const value of [elf.entry, a!.vaddr, a!.paddr, b!.vaddr, b!.paddr]) {
      expect(BigInt(Number(value))).not.toBe(value);
    }
  });

  it('is needed: elfy alone rounds the same fields', async () => {
    const built = await buildHugeAddressElf();
    const data = await readFile(built.file);
    const header = new elfy.Parser().parseHeader(data);
    expect(header.entry).toBe(Number(0xffffffff81000125n));
    expect(BigInt(header.entry)).toBe(0xffffffff81000000n);
  });
});

describe('segments as the bundle stage may meet them', () => {
  it('reports PT_LOADs in table order even when their physical addresses decrease', async () => {
    const built = await buildOutOfOrderElf();
    const elf = await readElf64(built.file, { machine: EM_X86_64 });
    expectSameAsReadelf(elf, await readelfFacts(built.file));
    expectBuiltLoads(elf, built);
    expect(loadSegments(elf).map((ph) => ph.paddr)).toEqual([KERNEL_PADDR + 0x200000n, KERNEL_PADDR]);
  });

  it('reports PT_LOADs whose physical ranges overlap as they are', async () => {
    const built = await buildOverlappingElf();
    const elf = await readElf64(built.file, { machine: EM_X86_64 });
    expectSameAsReadelf(elf, await readelfFacts(built.file));
    expectBuiltLoads(elf, built);
    const [a, b] = loadSegments(elf);
    expect(b!.paddr).toBeLessThan(a!.paddr + a!.memsz);
  });

  it('reads a file whose only program header is a PT_NOTE, with no PT_LOAD', async () => {
    const built = await buildNoLoadElf();
    const elf = await readElf64(built.file, { machine: EM_X86_64 });
    expectSameAsReadelf(elf, await readelfFacts(built.file));
    expect(elf.programs.map((ph) => ph.type)).toEqual([PT_NOTE]);
    expect(loadSegments(elf)).toEqual([]);
    expect(segmentBytes(elf, elf.programs[0]!).equals(built.note!.bytes)).toBe(true);
  });

  it('builds any layout given: a bss-only segment, fill bytes, rwx', async () => {
    const built = await buildElf({
      segments: [
        { vaddr: KERNEL_VADDR, paddr: KERNEL_PADDR, contents: 0xcc, size: 0x40, flags: 'rwx' },
        { vaddr: KERNEL_VADDR + 0x10000n, paddr: KERNEL_PADDR + 0x10000n, bss: 0x2000, flags: 'rw' },
        { vaddr: KERNEL_VADDR + 0x20000n, contents: Buffer.from('hello'), flags: 'r' },
      ],
    });
    const elf = await readElf64(built.file);
    expectSameAsReadelf(elf, await readelfFacts(built.file));
    expectBuiltLoads(elf, built);
    expect(elf.entry).toBe(KERNEL_VADDR);
    expect(loadSegments(elf)[1]!.filesz).toBe(0n);
    expect(loadSegments(elf)[2]!.paddr).toBe(KERNEL_VADDR + 0x20000n);
  });
});

describe('other machines', () => {
  const machines = [
    { machine: 'aarch64', em: EM_AARCH64, name: 'AArch64', readelf: 'AArch64' },
    { machine: 'riscv64', em: EM_RISCV, name: 'RISC-V', readelf: 'RISC-V' },
  ] as const;

  for (const m of machines) {
    describe.skipIf(!toolchainAvailable(m.machine))(m.name, () => {
      it('is refused when x86_64 is expected, naming both machines', async () => {
        const built = await buildWrongMachineElf(m.machine);
        const error = await rejectionOf(readElf64(built.file, { machine: EM_X86_64 }));
        expect(error.message).toBe(`${built.file}: is ${m.name} (EM ${m.em}), expected x86_64 (EM 62)`);
      });

      it('is read like readelf reads it when that machine is expected', async () => {
        const built = await buildWrongMachineElf(m.machine);
        const elf = await readElf64(built.file, { machine: m.em });
        const facts = await readelfFacts(built.file);
        expect(facts.machine).toBe(m.readelf);
        expect(elf.machine).toBe(m.em);
        expect(elf.machineName).toBe(m.name);
        expectSameAsReadelf(elf, facts);
        expectBuiltLoads(elf, built);
      });
    });
  }

  it('names machines, with elfy as the fallback', () => {
    expect(machineName(EM_X86_64)).toBe('x86_64');
    expect(machineName(EM_AARCH64)).toBe('AArch64');
    expect(machineName(EM_RISCV)).toBe('RISC-V');
    expect(machineName(2)).toBe('sparc');
    expect(machineName(12)).toBe('an unknown machine');
    expect(machineName(0xbeef)).toBe('an unknown machine');
  });

  it('names segment types', () => {
    expect(segmentTypeName(PT_LOAD)).toBe('PT_LOAD');
    expect(segmentTypeName(0x6474e551)).toBe('PT_GNU_STACK');
    expect(segmentTypeName(0x6474e550)).toBe('PT_GNU_EH_FRAME');
    expect(segmentTypeName(0x6474e553)).toBe('PT_GNU_PROPERTY');
    expect(segmentTypeName(0x12345678)).toBe('PT_0x12345678');
  });
});

describe('files that are not a usable ELF64', () => {
  it('refuses a text file: bad magic', async () => {
    const file = await buildNotElf();
    const error = await rejectionOf(readElf64(file));
    expect(error.file).toBe(file);
    expect(error.message).toBe(`${file}: is not an ELF file (bad magic: starts with 23 20 4c 69, an ELF file starts with 7f 45 4c 46 "\\x7fELF")`);
  });

  it('refuses an empty file and a missing one and a directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'elf-test-'));
    try {
      const empty = join(dir, 'empty');
      await writeFile(empty, '');
      expect((await rejectionOf(readElf64(empty))).message).toBe(`${empty}: is empty, not an ELF file`);
      const missing = join(dir, 'vmlinux');
      expect((await rejectionOf(readElf64(missing))).message).toBe(`${missing}: does not exist`);
      expect((await rejectionOf(readElf64(dir))).message).toBe(`${dir}: is a directory, not an ELF file`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file cut inside the identification', async () => {
    const cut = await buildTruncatedElf('ident');
    const error = await rejectionOf(readElf64(cut.file));
    expect(error.message).toBe(`${cut.file}: is truncated: 10 bytes, shorter than the 16-byte ELF identification`);
  });

  it('refuses a file cut inside the ELF header', async () => {
    const cut = await buildTruncatedElf('header');
    const error = await rejectionOf(readElf64(cut.file));
    expect(error.message).toBe(`${cut.file}: is truncated: 40 bytes, shorter than the 64-byte ELF64 header`);
  });

  it('refuses a file cut inside the program header table', async () => {
    const cut = await buildTruncatedElf('program-headers');
    const error = await rejectionOf(readElf64(cut.file));
    expect(error.message).toMatch(
      /is truncated: its program header table \(4 entries of 56 bytes at 0x40\.\.0x120\) extends past the end of the file \(140 bytes\)$/,
    );
  });

  it('refuses a file cut inside a segment', async () => {
    const cut = await buildTruncatedElf('segment');
    const facts = await readelfFacts(cut.from.file);
    const last = facts.segments[2]!;
    const error = await rejectionOf(readElf64(cut.file));
    expect(error.message).toBe(
      `${cut.file}: is truncated: segment 2 (PT_LOAD) has file bytes 0x${last.offset.toString(16)}..0x${(last.offset + last.filesz).toString(16)} ` +
        `(p_offset 0x${last.offset.toString(16)} + p_filesz 0x${last.filesz.toString(16)}) but the file ends at 0x${cut.size.toString(16)} (${cut.size} bytes)`,
    );
  });

  it('refuses a 32-bit ELF', async () => {
    const built = await build32BitElf();
    const facts = await readelfFacts(built.file);
    expect(facts.class).toBe('ELF32');
    expect(facts.machine).toBe('Intel 80386');
    expect(facts.segments.filter((s) => s.type === 'LOAD')).toHaveLength(2);
    const error = await rejectionOf(readElf64(built.file, { machine: EM_X86_64 }));
    expect(error.message).toBe(`${built.file}: is a 32-bit ELF file (ELFCLASS32); a 64-bit kernel image (ELFCLASS64) is needed`);
  });

  it.skipIf(!toolchainAvailable('aarch64'))('refuses a big-endian ELF', async () => {
    const built = await buildBigEndianElf();
    const facts = await readelfFacts(built.file);
    expect(facts.data).toBe("2's complement, big endian");
    expect(facts.class).toBe('ELF64');
    const error = await rejectionOf(readElf64(built.file));
    expect(error.message).toBe(`${built.file}: is a big-endian ELF file (ELFDATA2MSB); only little-endian images (ELFDATA2LSB) are supported`);
  });

  it('refuses a relocatable object, which has no program headers', async () => {
    const file = await buildObjectFile();
    const error = await rejectionOf(readElf64(file, { machine: EM_X86_64 }));
    expect(error.message).toBe(`${file}: has no program headers (e_phnum is 0): it is a relocatable object file (ET_REL), not a linked image`);
  });

  it('refuses an executable with e_phnum 0', async () => {
    const error = await errorForEdit('phnum-0.elf', (data) => data.writeUInt16LE(0, 56));
    expect(error.message).toMatch(/: has no program headers \(e_phnum is 0\)$/);
  });

  it('refuses a wrong e_phentsize', async () => {
    const error = await errorForEdit('phentsize-32.elf', (data) => data.writeUInt16LE(32, 54));
    expect(error.message).toMatch(/: has e_phentsize 32; ELF64 program headers are 56 bytes$/);
  });

  it('refuses e_phoff 0 and an e_phoff beyond the end, with the exact 64-bit value', async () => {
    const zero = await errorForEdit('phoff-0.elf', (data) => data.writeBigUInt64LE(0n, 32));
    expect(zero.message).toMatch(/: has 4 program headers but e_phoff is 0$/);
    const far = await errorForEdit('phoff-far.elf', (data) => data.writeBigUInt64LE(0xffffffffffffff81n, 32));
    expect(far.message).toMatch(/: is truncated: its program header table \(4 entries of 56 bytes at 0xffffffffffffff81\.\.0x10000000000000061\) extends past/);
  });

  it('refuses a segment whose p_offset is far beyond the end of the file', async () => {
    const error = await errorForEdit('offset-far.elf', (data, phoff) => data.writeBigUInt64LE(0x8000000000000001n, phoff + 8));
    expect(error.message).toMatch(/: is truncated: segment 0 \(PT_LOAD\) has file bytes 0x8000000000000001\.\.0x8000000000003001 /);
  });

  it('refuses a PT_LOAD with p_memsz below p_filesz', async () => {
    const error = await errorForEdit('memsz-small.elf', (data, phoff) => data.writeBigUInt64LE(0x10n, phoff + 40));
    expect(error.message).toMatch(/: segment 0 \(PT_LOAD\) has p_memsz 0x10 smaller than p_filesz 0x3000$/);
  });

  it('refuses a PT_LOAD that wraps past the top of the address space', async () => {
    const error = await errorForEdit('wraps.elf', (data, phoff) => data.writeBigUInt64LE(0xfffffffffffff000n, phoff + 2 * PHDR + 16));
    expect(error.message).toMatch(/: segment 2 \(PT_LOAD\) wraps past the end of the 64-bit address space \(p_vaddr 0xfffffffffffff000 \+ p_memsz 0x6000\)$/);
  });

  it('refuses an invalid class, data encoding or version', async () => {
    expect((await errorForEdit('class-3.elf', (data) => (data[4] = 3))).message).toMatch(
      /: has an invalid ELF class 3 \(EI_CLASS\); expected 2 \(ELFCLASS64\)$/,
    );
    expect((await errorForEdit('data-0.elf', (data) => (data[5] = 0))).message).toMatch(
      /: has an invalid data encoding 0 \(EI_DATA\); expected 1 \(ELFDATA2LSB\)$/,
    );
    expect((await errorForEdit('ident-version-2.elf', (data) => (data[6] = 2))).message).toMatch(
      /: has ELF identification version 2 \(EI_VERSION\); expected 1 \(EV_CURRENT\)$/,
    );
    expect((await errorForEdit('version-0.elf', (data) => data.writeUInt32LE(0, 20))).message).toMatch(/: has e_version 0; expected 1 \(EV_CURRENT\)$/);
  });

  it('refuses a file whose bytes only start like an ELF', () => {
    const error = elfErrorOf(() => parseElf64(Buffer.from([0x7f, 0x45]), 'stub'));
    expect(error.message).toBe('stub: is truncated: 2 bytes, shorter than the 16-byte ELF identification');
    expect(elfErrorOf(() => parseElf64(Buffer.from([0x4d, 0x5a, 0x90, 0x00]), 'bzImage')).message).toMatch(
      /^bzImage: is not an ELF file \(bad magic: starts with 4d 5a 90 00,/,
    );
  });
});

describe('extended program header numbering (PN_XNUM)', () => {
  it('takes the count from sh_info of section header 0', async () => {
    const built = await buildKernelLikeElf();
    const file = await writeModifiedElf(built.file, 'pn-xnum.elf', (data) => {
      const shoff = Number(data.readBigUInt64LE(40));
      data.writeUInt16LE(0xffff, 56);
      data.writeUInt32LE(built.phnum, shoff + 44);
    });
    const elf = await readElf64(file, { machine: EM_X86_64 });
    const original = await readElf64(built.file);
    expect(elf.programs).toEqual(original.programs);
  });

  it('refuses PN_XNUM without a section header table', async () => {
    const error = await errorForEdit('pn-xnum-no-sections.elf', (data) => {
      data.writeUInt16LE(0xffff, 56);
      data.writeBigUInt64LE(0n, 40);
    });
    expect(error.message).toMatch(/e_phnum 0xffff \(PN_XNUM: .*\) but no section header table \(e_shoff is 0\)$/);
  });
});
