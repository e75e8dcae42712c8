// The PE32+ reader on DLLs the real mingw builds, checked against what
// mingw's objdump (not our code) says of the same files; and its refusals.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PeError } from '../../src/errors.ts';
import { linkDll, parsePe, readPe, type PeFile } from '../../src/windows/index.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('windows-pe');
let dll: string;
let pe: PeFile;

const objdump = (...args: string[]): string => execFileSync('x86_64-w64-mingw32-objdump', args, { encoding: 'utf8' });

beforeAll(async () => {
  const payloadFile = path.join(root, 'kernel.bin');
  const payload = Buffer.alloc(0x5000);
  for (let i = 0; i < payload.length; i++) payload[i] = (i * 7) & 0xff;
  writeFileSync(payloadFile, payload);
  dll = await linkDll({ payloadFile, loadAddr: 0x1000000n, entryAddr: 0x1000100n, size: payload.length, abiVersion: 5 }, path.join(root, 'dll'));
  pe = await readPe(dll);
}, 60_000);

describe('the PE32+ reader', () => {
  it('reads the headers as objdump does', () => {
    const p = objdump('-p', dll);
    const field = (name: string): number => parseInt(new RegExp(`^${name}\\s+([0-9a-f]+)`, 'm').exec(p)![1]!, 16);
    expect(pe.machine).toBe(0x8664);
    expect(pe.machineName).toBe('x86-64');
    expect(pe.isDll).toBe(true);
    expect(p).toMatch(/^Magic\s+020b\s+\(PE32\+\)/m);
    expect(pe.dllCharacteristics).toBe(field('DllCharacteristics'));
    expect(pe.nxCompat).toBe(true);
    expect(pe.sectionAlignment).toBe(field('SectionAlignment'));
    expect(pe.fileAlignment).toBe(field('FileAlignment'));
    expect(pe.sizeOfImage).toBe(field('SizeOfImage'));
    expect(pe.checkSum).toBe(field('CheckSum'));
    expect(pe.addressOfEntryPoint).toBe(field('AddressOfEntryPoint'));
    expect(pe.imageBase).toBe(BigInt(`0x${/^ImageBase\s+([0-9a-f]+)/m.exec(p)![1]}`));
    expect(pe.timeDateStamp).toBe(0);
    expect(p).toMatch(/^Time\/Date\s+Thu Jan {2}1 00:00:00 1970/m);
  });

  it('reads every section, its place and its flags, as objdump does', () => {
    const rows = objdump('-h', dll)
      .split('\n')
      .map((l) => /^\s*(\d+) (\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)/.exec(l))
      .filter((m) => m !== null)
      .map((m) => ({ name: m[2], size: parseInt(m[3]!, 16), vma: BigInt(`0x${m[4]}`), fileOffset: parseInt(m[5]!, 16) }));
    expect(rows.length).toBeGreaterThan(3);
    expect(pe.sections.map((s) => s.name)).toEqual(rows.map((r) => r.name));
    for (const [i, s] of pe.sections.entries()) {
      expect(pe.imageBase + BigInt(s.virtualAddress)).toBe(rows[i]!.vma);
      expect(s.virtualSize).toBe(rows[i]!.size);
      if (s.sizeOfRawData) expect(s.pointerToRawData).toBe(rows[i]!.fileOffset);
    }
    const flags = (name: string): Pick<(typeof pe.sections)[number], 'readable' | 'writable' | 'executable'> => {
      const s = pe.sections.find((x) => x.name === name)!;
      return { readable: s.readable, writable: s.writable, executable: s.executable };
    };
    expect(flags('.text')).toEqual({ readable: true, writable: false, executable: true });
    expect(flags('.rdata')).toEqual({ readable: true, writable: false, executable: false });
    expect(flags('.krunfw')).toEqual({ readable: true, writable: true, executable: false });
    // An image's sections carry no IMAGE_SCN_ALIGN bits: SectionAlignment places them.
    expect(pe.sections.every((s) => s.align === 0)).toBe(true);
  });

  it('reads the export directory: names, ordinals and addresses, as objdump does', () => {
    const p = objdump('-p', dll);
    const table = p.split('[Ordinal/Name Pointer] Table')[1]!.split('\n\n')[0]!;
    const names = [...table.matchAll(/\[\s*(\d+)\] (\S+)/g)].map((m) => m[2]);
    const rvas = [...p.matchAll(/\[\s*\d+\] \+base\[\s*(\d+)\] ([0-9a-f]+) Export RVA/g)].map((m) => ({ ordinal: Number(m[1]), rva: parseInt(m[2]!, 16) }));
    expect(pe.exports!.dllName).toBe('libkrunfw.dll');
    expect(pe.exports!.timeDateStamp).toBe(0);
    expect(pe.exports!.entries.map((e) => e.name)).toEqual(names);
    expect(pe.exports!.entries.map((e) => ({ ordinal: e.ordinal, rva: e.rva }))).toEqual(rvas);
    expect(pe.exports!.entries.map((e) => e.name)).toEqual(['krunfw_get_kernel', 'krunfw_get_version']);
  });

  it('refuses what is not a PE32+ file, naming the file and the fault', () => {
    const elf = readFileSync('/bin/true');
    expect(() => parsePe(elf, '/bin/true')).toThrow(PeError);
    expect(() => parsePe(elf, '/bin/true')).toThrow("/bin/true: is not a PE file: no 'MZ' DOS header");
    const data = readFileSync(dll);
    const peAt = data.readUInt32LE(0x3c);
    const pe32 = Buffer.from(data);
    pe32.writeUInt16LE(0x10b, peAt + 24);
    expect(() => parsePe(pe32, 'x.dll')).toThrow('x.dll: is not PE32+ (64-bit): optional header magic 0x10b');
    // Cut inside the section table: the reader names what lies outside the file.
    expect(() => parsePe(data.subarray(0, peAt + 24 + 240 + 40), 'cut.dll')).toThrow(
      /^cut\.dll: the section table at offset 0x[0-9a-f]+ \(\d+ bytes\) lies outside the file/,
    );
    // Cut before the export directory's data.
    const exportSection = pe.sections.find((s) => s.name === '.edata')!;
    expect(() => parsePe(data.subarray(0, exportSection.pointerToRawData), 'cut2.dll')).toThrow(/^cut2\.dll: the data of section \.edata/);
  });
});

describe('COFF section alignment, as mingw assembles it', () => {
  it('can ask for 4 KiB but not 64 KiB', () => {
    const dir = path.join(root, 'coff');
    execFileSync('mkdir', ['-p', dir]);
    writeFileSync(path.join(dir, 'a4k.S'), '\t.section .krunfw, "dw"\n\t.balign 4096\n\t.byte 1\n');
    writeFileSync(path.join(dir, 'a64k.S'), '\t.section .krunfw, "dw"\n\t.balign 65536\n\t.byte 1\n');
    execFileSync('x86_64-w64-mingw32-gcc', ['-c', '-o', path.join(dir, 'a4k.o'), path.join(dir, 'a4k.S')]);
    expect(objdump('-h', path.join(dir, 'a4k.o'))).toMatch(/\.krunfw\s+[0-9a-f]+\s.*2\*\*12/);
    let err = '';
    try {
      execFileSync('x86_64-w64-mingw32-gcc', ['-c', '-o', path.join(dir, 'a64k.o'), path.join(dir, 'a64k.S')], { stdio: 'pipe' });
    } catch (e) {
      err = String((e as { stderr: Buffer }).stderr);
    }
    expect(err).toMatch(/alignment 2\*\*16 not representable/);
  });
});
