// Reads the ELF64 headers of a kernel vmlinux: the ELF header and the program
// header table, whose PT_LOAD segments are what gets bundled into libkrunfw.
//
// elfy does the parts it gets right: the identification bytes it names (class,
// data encoding), the ELF header walk, the names of machines and segment types,
// and cutting the program header table into entries. It reads 64-bit fields into
// JS numbers, which are inexact above 2^53 (a kernel's p_vaddr 0xffffffff81000123
// comes back as 0xffffffff81000000), and its whole-file parse needs a section
// name table, so every 64-bit field is read again here as a bigint, and every
// offset and size is checked against the file before anything is sliced.

import { readFile } from 'node:fs/promises';
import elfy from 'elfy';
import { ElfError } from '../errors.ts';

export const EM_X86_64 = 62;
export const EM_AARCH64 = 183;
export const EM_RISCV = 243;

export const PT_LOAD = 1;
export const PT_NOTE = 4;

export const ET_REL = 1;
export const ET_EXEC = 2;
export const ET_DYN = 3;

export interface ProgramHeader {
  /** Position in the program header table, from 0 (as readelf numbers segments). */
  index: number;
  /** p_type */
  type: number;
  /** 'PT_LOAD', 'PT_NOTE', 'PT_GNU_STACK'... or 'PT_0x…' for a type without a name. */
  typeName: string;
  /** p_flags: PF_X 1, PF_W 2, PF_R 4 */
  flags: number;
  offset: bigint;
  vaddr: bigint;
  paddr: bigint;
  filesz: bigint;
  memsz: bigint;
  align: bigint;
}

export interface Elf64 {
  file: string;
  /** e_machine, e.g. EM_X86_64 */
  machine: number;
  /** 'x86_64', 'AArch64', 'RISC-V'... */
  machineName: string;
  /** e_type, e.g. ET_EXEC */
  type: number;
  entry: bigint;
  /** Every program header, in table order. */
  programs: ProgramHeader[];
  /** the whole file */
  data: Buffer;
}

const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
const EI_NIDENT = 16;
const ELFCLASS32 = 1;
const ELFCLASS64 = 2;
const ELFDATA2LSB = 1;
const ELFDATA2MSB = 2;
const EV_CURRENT = 1;
const EHDR64_SIZE = 64;
const PHDR64_SIZE = 56;
const SHDR64_SIZE = 64;
/** e_phnum value meaning "the count is in sh_info of section header 0". */
const PN_XNUM = 0xffff;
const ADDRESS_SPACE_END = 1n << 64n;

// Names as people (and readelf, roughly) say them. elfy's table calls 62 'amd64'
// and has no entry for RISC-V (243), so ours come first.
const MACHINE_NAMES: Record<number, string> = {
  3: 'i386',
  8: 'MIPS',
  20: 'PowerPC',
  21: 'PowerPC64',
  22: 'S/390',
  40: 'ARM',
  62: 'x86_64',
  183: 'AArch64',
  243: 'RISC-V',
  258: 'LoongArch',
};

// elfy names 0x6474e550 'sunw_eh_frame' (same value) and lacks PT_GNU_PROPERTY.
const SEGMENT_TYPE_NAMES: Record<number, string> = {
  0x6474e550: 'PT_GNU_EH_FRAME',
  0x6474e553: 'PT_GNU_PROPERTY',
};

/** A readable name for an e_machine value, e.g. 'x86_64' for 62. */
export function machineName(machine: number): string {
  const ours = MACHINE_NAMES[machine];
  if (ours !== undefined) return ours;
  const theirs = elfy.constants.machine[machine];
  if (theirs !== undefined && !/^(none|num|unknown\d+)$/.test(theirs)) return theirs;
  return 'an unknown machine';
}

/** 'AArch64 (EM 183)' */
function describeMachine(machine: number): string {
  return `${machineName(machine)} (EM ${machine})`;
}

/** A name for a p_type value: 'PT_LOAD', 'PT_NOTE', 'PT_GNU_STACK'..., or 'PT_0x…'. */
export function segmentTypeName(type: number): string {
  const ours = SEGMENT_TYPE_NAMES[type];
  if (ours !== undefined) return ours;
  const theirs = elfy.constants.entryType[type];
  if (theirs !== undefined) return `PT_${theirs.toUpperCase()}`;
  return `PT_0x${type.toString(16)}`;
}

function hex(value: bigint | number): string {
  return `0x${value.toString(16)}`;
}

function hexBytes(bytes: Buffer): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

function checkIdent(data: Buffer, file: string): void {
  if (data.length === 0) throw new ElfError(file, 'is empty, not an ELF file');
  const head = data.subarray(0, Math.min(ELF_MAGIC.length, data.length));
  if (!head.equals(ELF_MAGIC.subarray(0, head.length))) {
    throw new ElfError(file, `is not an ELF file (bad magic: starts with ${hexBytes(head)}, an ELF file starts with 7f 45 4c 46 "\\x7fELF")`);
  }
  if (data.length < EI_NIDENT) {
    throw new ElfError(file, `is truncated: ${data.length} bytes, shorter than the ${EI_NIDENT}-byte ELF identification`);
  }
  const elfClass = data[4];
  if (elfClass === ELFCLASS32) {
    throw new ElfError(file, 'is a 32-bit ELF file (ELFCLASS32); a 64-bit kernel image (ELFCLASS64) is needed');
  }
  if (elfClass !== ELFCLASS64) {
    throw new ElfError(file, `has an invalid ELF class ${elfClass} (EI_CLASS); expected 2 (ELFCLASS64)`);
  }
  const encoding = data[5];
  if (encoding === ELFDATA2MSB) {
    throw new ElfError(file, 'is a big-endian ELF file (ELFDATA2MSB); only little-endian images (ELFDATA2LSB) are supported');
  }
  if (encoding !== ELFDATA2LSB) {
    throw new ElfError(file, `has an invalid data encoding ${encoding} (EI_DATA); expected 1 (ELFDATA2LSB)`);
  }
  if (data[6] !== EV_CURRENT) {
    throw new ElfError(file, `has ELF identification version ${data[6]} (EI_VERSION); expected 1 (EV_CURRENT)`);
  }
  if (data.length < EHDR64_SIZE) {
    throw new ElfError(file, `is truncated: ${data.length} bytes, shorter than the ${EHDR64_SIZE}-byte ELF64 header`);
  }
}

/**
 * The number of program headers: e_phnum, or, when e_phnum is PN_XNUM (0xffff),
 * sh_info of section header 0 (extended numbering, for 65535 or more).
 */
function programHeaderCount(data: Buffer, file: string, phnum: number): number {
  if (phnum !== PN_XNUM) return phnum;
  const shoff = data.readBigUInt64LE(40);
  if (shoff === 0n) {
    throw new ElfError(file, 'has e_phnum 0xffff (PN_XNUM: the count is in section header 0) but no section header table (e_shoff is 0)');
  }
  if (shoff + BigInt(SHDR64_SIZE) > BigInt(data.length)) {
    throw new ElfError(
      file,
      `is truncated: section header 0 at ${hex(shoff)}, which holds the program header count (e_phnum is PN_XNUM), ` +
        `extends past the end of the file (${data.length} bytes)`,
    );
  }
  return data.readUInt32LE(Number(shoff) + 44);
}

function readProgramHeader(entry: Buffer, index: number): ProgramHeader {
  const type = entry.readUInt32LE(0);
  return {
    index,
    type,
    typeName: segmentTypeName(type),
    flags: entry.readUInt32LE(4),
    offset: entry.readBigUInt64LE(8),
    vaddr: entry.readBigUInt64LE(16),
    paddr: entry.readBigUInt64LE(24),
    filesz: entry.readBigUInt64LE(32),
    memsz: entry.readBigUInt64LE(40),
    align: entry.readBigUInt64LE(48),
  };
}

function checkProgramHeader(ph: ProgramHeader, fileSize: number, file: string): void {
  const what = `segment ${ph.index} (${ph.typeName})`;
  if (ph.filesz > 0n && ph.offset + ph.filesz > BigInt(fileSize)) {
    throw new ElfError(
      file,
      `is truncated: ${what} has file bytes ${hex(ph.offset)}..${hex(ph.offset + ph.filesz)} ` +
        `(p_offset ${hex(ph.offset)} + p_filesz ${hex(ph.filesz)}) but the file ends at ${hex(fileSize)} (${fileSize} bytes)`,
    );
  }
  if (ph.type !== PT_LOAD) return;
  if (ph.memsz < ph.filesz) {
    throw new ElfError(file, `${what} has p_memsz ${hex(ph.memsz)} smaller than p_filesz ${hex(ph.filesz)}`);
  }
  for (const [field, address] of [
    ['p_vaddr', ph.vaddr],
    ['p_paddr', ph.paddr],
  ] as const) {
    if (address + ph.memsz > ADDRESS_SPACE_END) {
      throw new ElfError(file, `${what} wraps past the end of the 64-bit address space (${field} ${hex(address)} + p_memsz ${hex(ph.memsz)})`);
    }
  }
}

/**
 * Parses and checks the ELF header and program header table of `data` (the
 * whole file, named `file` in errors). Throws ElfError, with the reason, for
 * anything that is not a well-formed little-endian ELF64 file with program
 * headers whose segments lie within the file, and for a machine other than
 * `expect.machine` when that is given.
 */
export function parseElf64(data: Buffer, file: string, expect?: { machine?: number }): Elf64 {
  checkIdent(data, file);

  const parser = new elfy.Parser();
  let header: elfy.Header;
  try {
    header = parser.parseHeader(data);
  } catch (error) {
    // Not expected after checkIdent; kept so that no raw error escapes.
    throw new ElfError(file, `has an unreadable ELF header (${(error as Error).message})`);
  }

  // elfy gives e_type and e_machine as names only (undefined when it has none): read the numbers.
  const type = data.readUInt16LE(16);
  const machine = data.readUInt16LE(18);
  const version = data.readUInt32LE(20);
  const entry = data.readBigUInt64LE(24);
  const phoff = data.readBigUInt64LE(32);

  if (expect?.machine !== undefined && machine !== expect.machine) {
    throw new ElfError(file, `is ${describeMachine(machine)}, expected ${describeMachine(expect.machine)}`);
  }
  if (version !== EV_CURRENT) {
    throw new ElfError(file, `has e_version ${version}; expected 1 (EV_CURRENT)`);
  }

  const count = programHeaderCount(data, file, header.phnum);
  if (count === 0) {
    const why = type === ET_REL ? ': it is a relocatable object file (ET_REL), not a linked image' : '';
    throw new ElfError(file, `has no program headers (e_phnum is 0)${why}`);
  }
  if (header.phentsize !== PHDR64_SIZE) {
    throw new ElfError(file, `has e_phentsize ${header.phentsize}; ELF64 program headers are ${PHDR64_SIZE} bytes`);
  }
  if (phoff === 0n) {
    throw new ElfError(file, `has ${count} program headers but e_phoff is 0`);
  }
  const tableEnd = phoff + BigInt(count) * BigInt(PHDR64_SIZE);
  if (tableEnd > BigInt(data.length)) {
    throw new ElfError(
      file,
      `is truncated: its program header table (${count} entries of ${PHDR64_SIZE} bytes at ${hex(phoff)}..${hex(tableEnd)}) ` +
        `extends past the end of the file (${data.length} bytes)`,
    );
  }

  // phoff and the table end are within the buffer now, so Number() is exact.
  const entries = parser.sliceChunks(data, Number(phoff), count, PHDR64_SIZE);
  const programs = entries.map((entry, index) => readProgramHeader(entry, index));
  for (const ph of programs) checkProgramHeader(ph, data.length, file);

  return { file, machine, machineName: machineName(machine), type, entry, programs, data };
}

/** Reads `file` whole and parses it with parseElf64. */
export async function readElf64(file: string, expect?: { machine?: number }): Promise<Elf64> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ElfError(file, 'does not exist');
    if (code === 'EISDIR') throw new ElfError(file, 'is a directory, not an ELF file');
    if (code === 'ENOTDIR') throw new ElfError(file, 'does not exist (a component of its path is not a directory)');
    throw error;
  }
  return parseElf64(data, file, expect);
}

/** The PT_LOAD program headers, in table order. */
export function loadSegments(elf: Elf64): ProgramHeader[] {
  return elf.programs.filter((ph) => ph.type === PT_LOAD);
}

/**
 * the file bytes of a segment, bounds-checked: p_filesz bytes from p_offset, a
 * view into elf.data (not a copy). The bytes past p_filesz up to p_memsz (bss)
 * are zeros in memory and are not included.
 */
export function segmentBytes(elf: Elf64, ph: ProgramHeader): Buffer {
  if (ph.filesz === 0n) return Buffer.alloc(0);
  const end = ph.offset + ph.filesz;
  if (ph.offset < 0n || ph.filesz < 0n || end > BigInt(elf.data.length)) {
    throw new ElfError(
      elf.file,
      `is truncated: segment ${ph.index} (${ph.typeName}) has file bytes ${hex(ph.offset)}..${hex(end)} ` +
        `but the file ends at ${hex(elf.data.length)} (${elf.data.length} bytes)`,
    );
  }
  return elf.data.subarray(Number(ph.offset), Number(end));
}
