// Reads a PE32+ image (a 64-bit Windows DLL or EXE) exactly: the COFF header,
// the optional header, the section table with each section's flags, and the
// export directory with its names and ordinals. Every offset is checked against
// the file before it is read, so a truncated or hostile file is refused with the
// place named instead of read past its end.
import { readFile } from 'node:fs/promises';
import { PeError } from '../errors.ts';

export const IMAGE_FILE_MACHINE_AMD64 = 0x8664;
export const IMAGE_FILE_MACHINE_I386 = 0x14c;
export const IMAGE_FILE_MACHINE_ARM64 = 0xaa64;
export const IMAGE_FILE_DLL = 0x2000;
export const PE32_PLUS_MAGIC = 0x20b;

export const IMAGE_DLLCHARACTERISTICS_HIGH_ENTROPY_VA = 0x0020;
export const IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE = 0x0040;
export const IMAGE_DLLCHARACTERISTICS_NX_COMPAT = 0x0100;

export const IMAGE_SCN_CNT_CODE = 0x20;
export const IMAGE_SCN_CNT_INITIALIZED_DATA = 0x40;
export const IMAGE_SCN_CNT_UNINITIALIZED_DATA = 0x80;
export const IMAGE_SCN_MEM_EXECUTE = 0x20000000;
export const IMAGE_SCN_MEM_READ = 0x40000000;
export const IMAGE_SCN_MEM_WRITE = 0x80000000;
/** Bits 20..23: alignment 2^(n-1) in an object file; 0 in an image (SectionAlignment rules there). */
const IMAGE_SCN_ALIGN_MASK = 0x00f00000;

export const IMAGE_DIRECTORY_ENTRY_EXPORT = 0;

const MACHINES: Record<number, string> = {
  [IMAGE_FILE_MACHINE_AMD64]: 'x86-64',
  [IMAGE_FILE_MACHINE_I386]: 'i386',
  [IMAGE_FILE_MACHINE_ARM64]: 'ARM64',
};

export function machineName(machine: number): string {
  return MACHINES[machine] ?? `0x${machine.toString(16)}`;
}

export interface PeSection {
  /** Position in the section table, from 0. */
  index: number;
  name: string;
  virtualSize: number;
  /** RVA of the section's first byte. */
  virtualAddress: number;
  sizeOfRawData: number;
  pointerToRawData: number;
  characteristics: number;
  readable: boolean;
  writable: boolean;
  executable: boolean;
  /** IMAGE_SCN_ALIGN_* in bytes (object files); 0 when not set, as in an image. */
  align: number;
}

export interface PeExport {
  /** Undefined for an export by ordinal only. */
  name?: string;
  ordinal: number;
  rva: number;
  /** "DLL.Function" when the export is forwarded to another DLL. */
  forwarder?: string;
}

export interface PeExports {
  /** The DLL's own name as its export directory records it. */
  dllName: string;
  timeDateStamp: number;
  ordinalBase: number;
  entries: PeExport[];
}

export interface PeFile {
  file: string;
  machine: number;
  machineName: string;
  /** COFF header Characteristics (IMAGE_FILE_DLL, …). */
  characteristics: number;
  isDll: boolean;
  /** 0 when the linker was told not to insert one. */
  timeDateStamp: number;
  imageBase: bigint;
  sectionAlignment: number;
  fileAlignment: number;
  sizeOfImage: number;
  checkSum: number;
  subsystem: number;
  dllCharacteristics: number;
  nxCompat: boolean;
  addressOfEntryPoint: number;
  dataDirectories: { rva: number; size: number }[];
  sections: PeSection[];
  /** Undefined when the image exports nothing. */
  exports?: PeExports;
  data: Buffer;
}

/** Bounds-checked little-endian reads that name the file and the field on failure. */
class Reader {
  constructor(
    readonly data: Buffer,
    readonly file: string,
  ) {}

  check(offset: number, size: number, what: string): void {
    if (!Number.isInteger(offset) || offset < 0 || offset + size > this.data.length) {
      throw new PeError(this.file, `${what} at offset 0x${offset.toString(16)} (${size} bytes) lies outside the file (${this.data.length} bytes)`);
    }
  }

  u16(offset: number, what: string): number {
    this.check(offset, 2, what);
    return this.data.readUInt16LE(offset);
  }

  u32(offset: number, what: string): number {
    this.check(offset, 4, what);
    return this.data.readUInt32LE(offset);
  }

  u64(offset: number, what: string): bigint {
    this.check(offset, 8, what);
    return this.data.readBigUInt64LE(offset);
  }

  /** A NUL-terminated ASCII string, at most `max` bytes. */
  cstring(offset: number, what: string, max = 4096): string {
    this.check(offset, 1, what);
    const end = this.data.indexOf(0, offset);
    if (end < 0 || end - offset > max) throw new PeError(this.file, `${what} at offset 0x${offset.toString(16)} is not terminated`);
    return this.data.toString('latin1', offset, end);
  }
}

function sectionName(r: Reader, at: number, stringTable: number | undefined): string {
  const raw = r.data.subarray(at, at + 8);
  const nul = raw.indexOf(0);
  const short = raw.toString('latin1', 0, nul < 0 ? 8 : nul);
  // "/123": a long name, kept in the COFF string table at that offset.
  const long = /^\/(\d+)$/.exec(short);
  if (long && stringTable !== undefined) return r.cstring(stringTable + Number(long[1]), `the long name of section ${short}`);
  return short;
}

/** The file offset of an RVA, through the section that holds it. */
export function rvaToOffset(pe: Pick<PeFile, 'file' | 'sections'>, rva: number, what: string): number {
  const s = sectionOfRva(pe, rva);
  if (!s || rva - s.virtualAddress >= s.sizeOfRawData) {
    throw new PeError(pe.file, `${what} (RVA 0x${rva.toString(16)}) is in no section's file data`);
  }
  return s.pointerToRawData + (rva - s.virtualAddress);
}

/** The section whose virtual range holds `rva`. */
export function sectionOfRva(pe: Pick<PeFile, 'sections'>, rva: number): PeSection | undefined {
  return pe.sections.find((s) => rva >= s.virtualAddress && rva < s.virtualAddress + Math.max(s.virtualSize, s.sizeOfRawData));
}

function readExports(r: Reader, pe: Omit<PeFile, 'exports'>): PeExports | undefined {
  const dir = pe.dataDirectories[IMAGE_DIRECTORY_ENTRY_EXPORT];
  if (!dir || dir.rva === 0 || dir.size === 0) return undefined;
  const at = rvaToOffset(pe, dir.rva, 'the export directory');
  const field = (o: number, name: string): number => r.u32(at + o, `export directory ${name}`);
  const timeDateStamp = field(4, 'TimeDateStamp');
  const dllName = r.cstring(rvaToOffset(pe, field(12, 'Name'), 'the export DLL name'), 'the export DLL name');
  const ordinalBase = field(16, 'Base');
  const nFunctions = field(20, 'NumberOfFunctions');
  const nNames = field(24, 'NumberOfNames');
  if (nFunctions > 0x10000 || nNames > nFunctions) {
    throw new PeError(pe.file, `the export directory claims ${nFunctions} functions and ${nNames} names`);
  }
  const functions = nFunctions ? rvaToOffset(pe, field(28, 'AddressOfFunctions'), 'the export address table') : 0;
  const names = nNames ? rvaToOffset(pe, field(32, 'AddressOfNames'), 'the export name table') : 0;
  const ordinals = nNames ? rvaToOffset(pe, field(36, 'AddressOfNameOrdinals'), 'the export ordinal table') : 0;
  const nameOf = new Map<number, string>();
  for (let i = 0; i < nNames; i++) {
    const index = r.u16(ordinals + 2 * i, `export name ordinal ${i}`);
    if (index >= nFunctions) throw new PeError(pe.file, `export name ${i} points at function ${index}, past the ${nFunctions} exported`);
    nameOf.set(index, r.cstring(rvaToOffset(pe, r.u32(names + 4 * i, `export name pointer ${i}`), `export name ${i}`), `export name ${i}`));
  }
  const entries: PeExport[] = [];
  for (let i = 0; i < nFunctions; i++) {
    const rva = r.u32(functions + 4 * i, `export address ${i}`);
    if (rva === 0) continue; // an unused slot in the ordinal range
    const e: PeExport = { ordinal: ordinalBase + i, rva };
    const name = nameOf.get(i);
    if (name !== undefined) e.name = name;
    // An address inside the export directory itself is a forwarder string.
    if (rva >= dir.rva && rva < dir.rva + dir.size) e.forwarder = r.cstring(rvaToOffset(pe, rva, 'a forwarder'), 'a forwarder');
    entries.push(e);
  }
  return { dllName, timeDateStamp, ordinalBase, entries };
}

/** Parses a PE32+ image; `file` names it in errors. */
export function parsePe(data: Buffer, file: string): PeFile {
  const r = new Reader(data, file);
  if (data.length < 0x40 || data.toString('latin1', 0, 2) !== 'MZ') throw new PeError(file, "is not a PE file: no 'MZ' DOS header");
  const peAt = r.u32(0x3c, 'e_lfanew');
  r.check(peAt, 24, 'the PE signature and COFF header');
  if (data.toString('latin1', peAt, peAt + 4) !== 'PE\0\0') throw new PeError(file, `has no 'PE\\0\\0' signature at 0x${peAt.toString(16)}`);
  const coff = peAt + 4;
  const machine = r.u16(coff, 'Machine');
  const nSections = r.u16(coff + 2, 'NumberOfSections');
  const timeDateStamp = r.u32(coff + 4, 'TimeDateStamp');
  const symbolTable = r.u32(coff + 8, 'PointerToSymbolTable');
  const nSymbols = r.u32(coff + 12, 'NumberOfSymbols');
  const optSize = r.u16(coff + 16, 'SizeOfOptionalHeader');
  const characteristics = r.u16(coff + 18, 'Characteristics');
  const opt = coff + 20;
  const magic = r.u16(opt, 'the optional header Magic');
  if (magic !== PE32_PLUS_MAGIC) throw new PeError(file, `is not PE32+ (64-bit): optional header magic 0x${magic.toString(16)}`);
  if (optSize < 112) throw new PeError(file, `has an optional header of ${optSize} bytes, too small for PE32+`);
  r.check(opt, optSize, 'the optional header');
  const nDirs = Math.min(r.u32(opt + 108, 'NumberOfRvaAndSizes'), (optSize - 112) / 8);
  const dataDirectories = Array.from({ length: nDirs }, (_, i) => ({
    rva: r.u32(opt + 112 + 8 * i, `data directory ${i}`),
    size: r.u32(opt + 116 + 8 * i, `data directory ${i}`),
  }));
  const stringTable = symbolTable ? symbolTable + nSymbols * 18 : undefined;
  const table = opt + optSize;
  r.check(table, nSections * 40, 'the section table');
  const sections: PeSection[] = [];
  for (let i = 0; i < nSections; i++) {
    const s = table + 40 * i;
    const ch = r.u32(s + 36, `section ${i} Characteristics`);
    const alignBits = (ch & IMAGE_SCN_ALIGN_MASK) >>> 20;
    const section: PeSection = {
      index: i,
      name: sectionName(r, s, stringTable),
      virtualSize: r.u32(s + 8, `section ${i} VirtualSize`),
      virtualAddress: r.u32(s + 12, `section ${i} VirtualAddress`),
      sizeOfRawData: r.u32(s + 16, `section ${i} SizeOfRawData`),
      pointerToRawData: r.u32(s + 20, `section ${i} PointerToRawData`),
      characteristics: ch,
      readable: (ch & IMAGE_SCN_MEM_READ) !== 0,
      writable: (ch & IMAGE_SCN_MEM_WRITE) !== 0,
      executable: (ch & IMAGE_SCN_MEM_EXECUTE) !== 0,
      align: alignBits ? 2 ** (alignBits - 1) : 0,
    };
    if (section.sizeOfRawData) r.check(section.pointerToRawData, section.sizeOfRawData, `the data of section ${section.name}`);
    sections.push(section);
  }
  const dllCharacteristics = r.u16(opt + 70, 'DllCharacteristics');
  const pe: Omit<PeFile, 'exports'> = {
    file,
    machine,
    machineName: machineName(machine),
    characteristics,
    isDll: (characteristics & IMAGE_FILE_DLL) !== 0,
    timeDateStamp,
    addressOfEntryPoint: r.u32(opt + 16, 'AddressOfEntryPoint'),
    imageBase: r.u64(opt + 24, 'ImageBase'),
    sectionAlignment: r.u32(opt + 32, 'SectionAlignment'),
    fileAlignment: r.u32(opt + 36, 'FileAlignment'),
    sizeOfImage: r.u32(opt + 56, 'SizeOfImage'),
    checkSum: r.u32(opt + 64, 'CheckSum'),
    subsystem: r.u16(opt + 68, 'Subsystem'),
    dllCharacteristics,
    nxCompat: (dllCharacteristics & IMAGE_DLLCHARACTERISTICS_NX_COMPAT) !== 0,
    dataDirectories,
    sections,
    data,
  };
  return { ...pe, exports: readExports(r, pe) };
}

export async function readPe(file: string): Promise<PeFile> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (e) {
    throw new PeError(file, `cannot be read: ${(e as Error).message}`);
  }
  return parsePe(data, file);
}
