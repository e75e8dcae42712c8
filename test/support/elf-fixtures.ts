// Real ELF files for tests, built with the assembler and ld from a linker script
// with PHDRS, so that every segment's addresses, sizes and bytes are known in
// advance. The default layout resembles an x86_64 vmlinux: an ET_EXEC ELF64 whose
// PT_LOADs sit in the high half (p_vaddr 0xffffffff81000000 and up) and load at
// low physical addresses (p_paddr 0x1000000 and up, via AT()), with gaps between
// them, a segment with bss (p_memsz > p_filesz) and a PT_NOTE inside a PT_LOAD.
//
// Also builders for inputs the ELF reader must refuse (cut files, a text file,
// 32-bit, big-endian, another machine, no PT_LOAD, no program headers) and ones
// the bundle stage must judge (overlapping or out-of-physical-order PT_LOADs),
// and `readelfFacts`, which parses `readelf -hlW` as an independent oracle.
//
// Each built file is kept in one temporary directory per process (per test file
// under vitest's forks pool) and built once per spec; the directory is removed
// after the test file (or when the process exits), unless KEEP_ELF_FIXTURES is set.

import { execFile as execFileCallback, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll } from 'vitest';

const execFile = promisify(execFileCallback);

export type FixtureMachine = 'x86_64' | 'aarch64' | 'riscv64' | 'i386';
/** Segment permissions, as p_flags: r = PF_R 4, w = PF_W 2, x = PF_X 1. */
export type SegmentFlags = 'r' | 'rw' | 'rx' | 'rwx';

export const KERNEL_VADDR = 0xffffffff81000000n;
export const KERNEL_PADDR = 0x1000000n;

export interface SegmentSpec {
  /** p_vaddr: where the segment's first byte is in memory. */
  vaddr: bigint;
  /** p_paddr, the load address given with AT(); default: vaddr. */
  paddr?: bigint;
  /**
   * The segment's file bytes: a Buffer, or a byte value repeated `size` times.
   * Default: `size` bytes of a pseudo-random pattern that differs per segment.
   */
  contents?: Buffer | number;
  /** Number of file bytes; needed unless contents is a Buffer. */
  size?: number;
  /** Zero bytes after the file bytes in memory (p_memsz - p_filesz). Default 0. */
  bss?: number;
  /** Default 'rx'. */
  flags?: SegmentFlags;
}

export interface NoteSpec {
  /** Note owner, e.g. 'Linux' or 'Xen' (namesz counts a NUL after it). */
  name: string;
  /** n_type */
  type: number;
  desc: Buffer;
  /**
   * Index in `segments` of the PT_LOAD that holds the note, after that segment's
   * file bytes (padded with zeros to 4 bytes; they then count in its filesz), as
   * a kernel's .notes are. Leave it out to place the note in no PT_LOAD, at
   * `vaddr`/`paddr`.
   */
  segment?: number;
  vaddr?: bigint;
  paddr?: bigint;
}

export interface ElfSpec {
  /** Default 'x86_64'. */
  machine?: FixtureMachine;
  /** Default 'little'; 'big' is built for aarch64 only. */
  endian?: 'little' | 'big';
  /** e_entry. Default: the first segment's vaddr (or 0 without segments). */
  entry?: bigint;
  /** Each becomes one PT_LOAD, in this order in the program header table. */
  segments: SegmentSpec[];
  /** One PT_NOTE, after the PT_LOADs in the table. */
  note?: NoteSpec;
}

/** What a PT_LOAD of a built file must read as. */
export interface ExpectedLoad {
  /** Index in the program header table. */
  index: number;
  vaddr: bigint;
  paddr: bigint;
  filesz: bigint;
  memsz: bigint;
  /** p_flags */
  flags: number;
  /** The file bytes (filesz of them), note included when the segment holds it. */
  bytes: Buffer;
}

/** What the PT_NOTE of a built file must read as. */
export interface ExpectedNote {
  index: number;
  vaddr: bigint;
  paddr: bigint;
  /** p_filesz and p_memsz */
  size: bigint;
  name: string;
  type: number;
  desc: Buffer;
  /** The whole note entry: namesz, descsz, type, name and desc, padded to 4. */
  bytes: Buffer;
}

export interface BuiltElf {
  file: string;
  spec: ElfSpec;
  /** e_machine: 62 x86_64, 183 AArch64, 243 RISC-V, 3 i386. */
  machine: number;
  /** ELFCLASS: 64, or 32 for i386. */
  bits: 32 | 64;
  entry: bigint;
  /** The PT_LOADs, in table order (= spec.segments order). */
  loads: ExpectedLoad[];
  note?: ExpectedNote;
  /** Number of program headers. */
  phnum: number;
}

export interface TruncatedElf {
  file: string;
  /** Bytes kept. */
  size: number;
  /** The complete file it was cut from. */
  from: BuiltElf;
}

/** Where buildTruncatedElf cuts a kernel-like ELF. */
export type TruncateAt =
  | 'ident' // 10 bytes: inside the 16-byte e_ident, magic intact
  | 'header' // 40 bytes: inside the 64-byte ELF header
  | 'program-headers' // in the middle of the second program header
  | 'segment'; // in the middle of the last PT_LOAD's file bytes

interface Toolchain {
  em: number;
  bits: 32 | 64;
  /** Candidate assemblers, first found on PATH wins: argv before `-o out.o in.s`. */
  assemblers: string[][];
  ld: string[];
  bigEndian?: { as: Record<string, string[]>; ld: string[] };
}

const TOOLCHAINS: Record<FixtureMachine, Toolchain> = {
  x86_64: {
    em: 62,
    bits: 64,
    assemblers: [
      ['gcc', '-c'],
      ['as', '--64'],
    ],
    ld: ['ld', '-m', 'elf_x86_64'],
  },
  i386: {
    em: 3,
    bits: 32,
    assemblers: [
      ['as', '--32'],
      ['gcc', '-m32', '-c'],
    ],
    ld: ['ld', '-m', 'elf_i386'],
  },
  aarch64: {
    em: 183,
    bits: 64,
    assemblers: [['aarch64-linux-gnu-gcc', '-c'], ['aarch64-linux-gnu-as']],
    ld: ['aarch64-linux-gnu-ld'],
    bigEndian: {
      as: { 'aarch64-linux-gnu-gcc': ['-mbig-endian'], 'aarch64-linux-gnu-as': ['-EB'] },
      ld: ['-EB'],
    },
  },
  riscv64: {
    em: 243,
    bits: 64,
    assemblers: [['riscv64-linux-gnu-gcc', '-c'], ['riscv64-linux-gnu-as']],
    ld: ['riscv64-linux-gnu-ld'],
  },
};

const onPath = new Map<string, boolean>();
function hasTool(tool: string): boolean {
  let found = onPath.get(tool);
  if (found === undefined) {
    try {
      execFileSync('sh', ['-c', 'command -v "$1"', 'sh', tool], { stdio: 'ignore' });
      found = true;
    } catch {
      found = false;
    }
    onPath.set(tool, found);
  }
  return found;
}

function assemblerFor(machine: FixtureMachine): string[] | undefined {
  return TOOLCHAINS[machine].assemblers.find((argv) => hasTool(argv[0]!));
}

/** Whether the assembler and ld that build `machine` files are on PATH. */
export function toolchainAvailable(machine: FixtureMachine): boolean {
  return assemblerFor(machine) !== undefined && hasTool(TOOLCHAINS[machine].ld[0]!);
}

let root: string | undefined;

/** The directory fixtures are built in (made on first use, one per process). */
export function fixtureDir(): string {
  if (root === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'libkrunfw-elf-fixtures-'));
    root = dir;
    process.once('exit', () => removeDir(dir));
  }
  return root;
}

function removeDir(dir: string): void {
  if (!process.env.KEEP_ELF_FIXTURES) rmSync(dir, { recursive: true, force: true });
}

/**
 * Removes the fixture directory and forgets what was built; the next build
 * starts a new directory. Under vitest this runs after each test file that
 * imports this module, because vitest ends its fork workers with SIGTERM, which
 * skips 'exit' handlers. Set KEEP_ELF_FIXTURES=1 to keep the files to look at.
 */
export function removeFixtureDir(): void {
  if (root !== undefined) removeDir(root);
  root = undefined;
  cache.clear();
}

// Registered while vitest collects the test file that imports this module: a
// top-level hook applies to that whole file.
if (process.env.VITEST) afterAll(removeFixtureDir);

async function run(argv: string[], cwd: string): Promise<void> {
  const [command, ...args] = argv;
  try {
    await execFile(command!, args, { cwd, env: { ...process.env, LC_ALL: 'C' } });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`fixture build failed: ${argv.join(' ')} (in ${cwd})\n${e.stderr || e.message}`);
  }
}

/** A stable text of a spec (bigints and Buffers included) for cache keys. */
function specKey(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return `bigint:${v.toString(16)}`;
    if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer') {
      return `buffer:${Buffer.from((v as { data: number[] }).data).toString('hex')}`;
    }
    return v;
  });
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

const cache = new Map<string, Promise<unknown>>();
function cached<T>(key: string, build: () => Promise<T>): Promise<T> {
  let result = cache.get(key) as Promise<T> | undefined;
  if (result === undefined) {
    result = build();
    cache.set(key, result);
    // A failed build is not kept, so that a later call reports its own error.
    result.catch(() => cache.delete(key));
  }
  return result;
}

/** `size` bytes of xorshift32 output seeded from `seed`: distinct per seed, same every run. */
export function patternBytes(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let x = (Math.imul(seed + 1, 0x9e3779b9) ^ 0x5bd1e995) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

const FLAG_BITS: Record<SegmentFlags, number> = { r: 4, rw: 6, rx: 5, rwx: 7 };
const SECTION_FLAGS: Record<SegmentFlags, string> = { r: 'a', rw: 'aw', rx: 'ax', rwx: 'awx' };

function segmentContents(segment: SegmentSpec, index: number): Buffer {
  if (Buffer.isBuffer(segment.contents)) return segment.contents;
  const size = segment.size ?? 0;
  if (typeof segment.contents === 'number') return Buffer.alloc(size, segment.contents);
  return patternBytes(size, index);
}

function noteBytes(note: NoteSpec, bigEndian: boolean): Buffer {
  const pad4 = (b: Buffer) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  const name = Buffer.from(`${note.name}\0`, 'latin1');
  const head = Buffer.alloc(12);
  const write = (v: number, at: number) => (bigEndian ? head.writeUInt32BE(v, at) : head.writeUInt32LE(v, at));
  write(name.length, 0);
  write(note.desc.length, 4);
  write(note.type, 8);
  return Buffer.concat([head, pad4(name), pad4(note.desc)]);
}

const hex = (v: bigint) => `0x${v.toString(16)}`;

/**
 * Builds an ELF executable laid out as `spec` says and returns its path with the
 * facts a reader must find in it. Built once per spec per process.
 */
export function buildElf(spec: ElfSpec): Promise<BuiltElf> {
  return cached(`elf:${specKey(spec)}`, () => link(spec));
}

async function link(spec: ElfSpec): Promise<BuiltElf> {
  const machine = spec.machine ?? 'x86_64';
  const toolchain = TOOLCHAINS[machine];
  const bigEndian = spec.endian === 'big';
  if (bigEndian && !toolchain.bigEndian) throw new Error(`big-endian fixtures are built for aarch64 only, not ${machine}`);
  const assembler = assemblerFor(machine);
  if (!assembler || !hasTool(toolchain.ld[0]!)) {
    throw new Error(`cannot build ${machine} ELF fixtures: assembler or ${toolchain.ld[0]} not on PATH`);
  }
  const { note } = spec;
  if (note && note.segment === undefined && note.vaddr === undefined) {
    throw new Error('a note outside the PT_LOADs needs its vaddr');
  }
  if (note?.segment !== undefined) {
    const holder = spec.segments[note.segment];
    if (!holder) throw new Error(`note.segment ${note.segment} is not a segment index`);
    if (holder.vaddr % 4n !== 0n) throw new Error('a segment that holds the note needs a 4-aligned vaddr');
  }

  const dir = join(fixtureDir(), `elf-${shortHash(specKey(spec))}`);
  const work = `${dir}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  mkdirSync(work, { recursive: true });

  const asm: string[] = [];
  const phdrs: string[] = [];
  const sections: string[] = [];
  const loads: ExpectedLoad[] = [];
  const noteData = note ? noteBytes(note, bigEndian) : undefined;

  for (const [i, segment] of spec.segments.entries()) {
    const flags = segment.flags ?? 'rx';
    const holdsNote = note?.segment === i;
    let contents = segmentContents(segment, i);
    if (holdsNote) contents = Buffer.concat([contents, Buffer.alloc((4 - (contents.length % 4)) % 4)]);
    const bss = segment.bss ?? 0;
    if (contents.length === 0 && bss === 0 && !holdsNote) throw new Error(`segment ${i} is empty`);
    const paddr = segment.paddr ?? segment.vaddr;

    phdrs.push(`  load${i} PT_LOAD FLAGS(${FLAG_BITS[flags]});`);
    sections.push(`  . = ${hex(segment.vaddr)};`);
    // The first output section of the segment carries AT(); the others follow it.
    let at = ` AT(${hex(paddr)})`;
    if (contents.length > 0) {
      await writeFile(join(work, `seg${i}.bin`), contents);
      asm.push(`.section .seg${i},"${SECTION_FLAGS[flags]}",%progbits`, `.incbin "seg${i}.bin"`);
      sections.push(`  .seg${i} ${hex(segment.vaddr)} :${at} { KEEP(*(.seg${i})) } :load${i}`);
      at = '';
    }
    if (holdsNote) {
      sections.push(`  .notes :${at} { KEEP(*(.note.fixture)) } :load${i} :note`);
      at = '';
    }
    if (bss > 0) {
      asm.push(`.section .bss${i},"aw",%nobits`, `.zero ${bss}`);
      sections.push(`  .bss${i} :${at} { *(.bss${i}) } :load${i}`);
    }
    const bytes = holdsNote ? Buffer.concat([contents, noteData!]) : contents;
    loads.push({
      index: i,
      vaddr: segment.vaddr,
      paddr,
      filesz: BigInt(bytes.length),
      memsz: BigInt(bytes.length + bss),
      flags: FLAG_BITS[flags],
      bytes,
    });
  }

  let expectedNote: ExpectedNote | undefined;
  if (note && noteData) {
    await writeFile(join(work, 'note.bin'), noteData);
    asm.push('.section .note.fixture,"a",%note', '.balign 4', '.incbin "note.bin"');
    phdrs.push('  note PT_NOTE FLAGS(4);');
    let vaddr: bigint;
    let paddr: bigint;
    if (note.segment !== undefined) {
      const holder = loads[note.segment]!;
      const offsetInSegment = BigInt(holder.bytes.length - noteData.length);
      vaddr = holder.vaddr + offsetInSegment;
      paddr = holder.paddr + offsetInSegment;
    } else {
      vaddr = note.vaddr!;
      paddr = note.paddr ?? vaddr;
      sections.push(`  . = ${hex(vaddr)};`, `  .notes ${hex(vaddr)} : AT(${hex(paddr)}) { KEEP(*(.note.fixture)) } :note`);
    }
    expectedNote = {
      index: spec.segments.length,
      vaddr,
      paddr,
      size: BigInt(noteData.length),
      name: note.name,
      type: note.type,
      desc: note.desc,
      bytes: noteData,
    };
  }

  const entry = spec.entry ?? spec.segments[0]?.vaddr ?? 0n;
  const script = [
    'PHDRS',
    '{',
    ...phdrs,
    '}',
    `__fixture_entry = ${hex(entry)};`,
    'ENTRY(__fixture_entry)',
    'SECTIONS',
    '{',
    ...sections,
    '  /DISCARD/ : { *(*) }',
    '}',
    '',
  ].join('\n');
  await writeFile(join(work, 'fixture.ld'), script);
  await writeFile(join(work, 'fixture.s'), `${asm.join('\n')}\n`);

  const endianAs = bigEndian ? (toolchain.bigEndian!.as[assembler[0]!] ?? []) : [];
  const endianLd = bigEndian ? toolchain.bigEndian!.ld : [];
  await run([...assembler, ...endianAs, '-o', 'fixture.o', 'fixture.s'], work);
  await run(
    [
      ...toolchain.ld,
      ...endianLd,
      '-static',
      '-nostdlib',
      '--build-id=none',
      '-z',
      'max-page-size=0x1000',
      '-z',
      'common-page-size=0x1000',
      '-z',
      'noexecstack',
      // Overlapping fixtures are wanted; ld would refuse them.
      '--no-check-sections',
      '-T',
      'fixture.ld',
      '-o',
      'fixture.elf',
      'fixture.o',
    ],
    work,
  );
  await rm(dir, { recursive: true, force: true });
  await rename(work, dir);

  return {
    file: join(dir, 'fixture.elf'),
    spec,
    machine: toolchain.em,
    bits: toolchain.bits,
    entry,
    loads,
    ...(expectedNote ? { note: expectedNote } : {}),
    phnum: loads.length + (expectedNote ? 1 : 0),
  };
}

/** n_type of the note in kernel-like fixtures (XEN_ELFNOTE_PHYS32_ENTRY, as a vmlinux has). */
export const FIXTURE_NOTE_TYPE = 18;

/**
 * A vmlinux-like layout: three PT_LOADs in the high half with gaps between
 * them (text rx, rodata r with a 'Xen' note inside and the PT_NOTE over it,
 * data rw with 0x5000 bytes of bss), p_paddr from 0x1000000, and e_entry the
 * physical 0x1000000 as an x86_64 vmlinux has it.
 */
export function kernelLikeSpec(machine: FixtureMachine = 'x86_64'): ElfSpec {
  return {
    machine,
    entry: KERNEL_PADDR,
    segments: [
      { vaddr: KERNEL_VADDR, paddr: KERNEL_PADDR, size: 0x3000, flags: 'rx' },
      { vaddr: KERNEL_VADDR + 0x200000n, paddr: KERNEL_PADDR + 0x200000n, size: 0x1822, flags: 'r' },
      { vaddr: KERNEL_VADDR + 0x400000n, paddr: KERNEL_PADDR + 0x400000n, size: 0x1000, bss: 0x5000, flags: 'rw' },
    ],
    note: { name: 'Xen', type: FIXTURE_NOTE_TYPE, desc: Buffer.from([0x00, 0x00, 0x00, 0x01, 0, 0, 0, 0]), segment: 1 },
  };
}

/** buildElf(kernelLikeSpec(machine)). */
export function buildKernelLikeElf(machine: FixtureMachine = 'x86_64'): Promise<BuiltElf> {
  return buildElf(kernelLikeSpec(machine));
}

/** A kernel-like ELF for another machine (AArch64 by default) to test machine checks. */
export function buildWrongMachineElf(machine: 'aarch64' | 'riscv64' = 'aarch64'): Promise<BuiltElf> {
  return buildKernelLikeElf(machine);
}

/**
 * Addresses a JS number cannot hold: p_vaddr 0xffffffff81000123 (Number() gives
 * ...81000000), p_paddr 2^53 + 1, a second segment near the top of the address
 * space (vaddr 0xfffffffffffff001, paddr 0x7ffffffffffff003), e_entry
 * 0xffffffff81000125.
 */
export function buildHugeAddressElf(): Promise<BuiltElf> {
  return buildElf({
    entry: 0xffffffff81000125n,
    segments: [
      { vaddr: 0xffffffff81000123n, paddr: (1n << 53n) + 1n, size: 0x301, bss: 0x11, flags: 'rx' },
      { vaddr: 0xfffffffffffff001n, paddr: 0x7ffffffffffff003n, size: 0x7f, bss: 0x3, flags: 'rw' },
    ],
  });
}

/** Two PT_LOADs whose physical ranges overlap (0x1000000..0x1002000 and 0x1001000..0x1003000). */
export function buildOverlappingElf(): Promise<BuiltElf> {
  return buildElf({
    entry: KERNEL_PADDR,
    segments: [
      { vaddr: KERNEL_VADDR, paddr: KERNEL_PADDR, size: 0x2000, flags: 'rx' },
      { vaddr: KERNEL_VADDR + 0x200000n, paddr: KERNEL_PADDR + 0x1000n, size: 0x2000, flags: 'rw' },
    ],
  });
}

/** Two PT_LOADs in table order whose AT() addresses decrease (0x1200000, then 0x1000000). */
export function buildOutOfOrderElf(): Promise<BuiltElf> {
  return buildElf({
    entry: KERNEL_PADDR,
    segments: [
      { vaddr: KERNEL_VADDR, paddr: KERNEL_PADDR + 0x200000n, size: 0x1000, flags: 'rx' },
      { vaddr: KERNEL_VADDR + 0x200000n, paddr: KERNEL_PADDR, size: 0x1000, flags: 'rw' },
    ],
  });
}

/** An executable whose only program header is a PT_NOTE. */
export function buildNoLoadElf(): Promise<BuiltElf> {
  return buildElf({
    entry: KERNEL_PADDR,
    segments: [],
    note: { name: 'Linux', type: 1, desc: Buffer.from('no loads\0'), vaddr: KERNEL_VADDR, paddr: KERNEL_PADDR },
  });
}

/** A 32-bit (ELFCLASS32, i386) executable with two PT_LOADs. */
export function build32BitElf(): Promise<BuiltElf> {
  return buildElf({
    machine: 'i386',
    entry: 0xc1000000n,
    segments: [
      { vaddr: 0xc1000000n, paddr: KERNEL_PADDR, size: 0x800, flags: 'rx' },
      { vaddr: 0xc1200000n, paddr: KERNEL_PADDR + 0x200000n, size: 0x400, bss: 0x100, flags: 'rw' },
    ],
  });
}

/** A big-endian (ELFDATA2MSB) AArch64 ELF64 with the kernel-like layout. */
export function buildBigEndianElf(): Promise<BuiltElf> {
  return buildElf({ ...kernelLikeSpec('aarch64'), endian: 'big' });
}

/** A relocatable object (ET_REL): an ELF64 x86_64 file with no program headers at all. */
export function buildObjectFile(): Promise<string> {
  return cached('object', async () => {
    const dir = join(fixtureDir(), 'object');
    mkdirSync(dir, { recursive: true });
    await writeFile(join(dir, 'object.s'), '.text\n.globl f\nf:\n  ret\n.data\n.long 1\n');
    await run(['gcc', '-c', '-o', 'object.o', 'object.s'], dir);
    return join(dir, 'object.o');
  });
}

/** A text file (a kernel .config excerpt): not an ELF. */
export function buildNotElf(): Promise<string> {
  return cached('not-elf', async () => {
    const file = join(fixtureDir(), 'not-elf.txt');
    await writeFile(file, '# Linux/x86 6.12 Kernel Configuration\nCONFIG_64BIT=y\nCONFIG_X86_64=y\n');
    return file;
  });
}

/** A kernel-like x86_64 ELF cut short at `at`. */
export function buildTruncatedElf(at: TruncateAt): Promise<TruncatedElf> {
  return cached(`truncated:${at}`, async () => {
    const from = await buildKernelLikeElf();
    const data = await readFile(from.file);
    const phoff = Number(data.readBigUInt64LE(32));
    let size: number;
    switch (at) {
      case 'ident':
        size = 10;
        break;
      case 'header':
        size = 40;
        break;
      case 'program-headers':
        size = phoff + 56 + 20;
        break;
      case 'segment': {
        // The last PT_LOAD's offset, from the file's own program header.
        const last = from.loads[from.loads.length - 1]!;
        const offset = Number(data.readBigUInt64LE(phoff + 56 * last.index + 8));
        size = offset + Number(last.filesz) / 2;
        break;
      }
    }
    const file = join(fixtureDir(), `truncated-${at}.elf`);
    await writeFile(file, data.subarray(0, size));
    return { file, size, from };
  });
}

/**
 * Copies `source` to a new file `name` in the fixture directory after `edit`
 * changed its bytes (e.g. to write a bad e_phentsize), and returns its path.
 */
export async function writeModifiedElf(source: string, name: string, edit: (data: Buffer) => void): Promise<string> {
  const data = await readFile(source);
  edit(data);
  const file = join(fixtureDir(), name);
  await writeFile(file, data);
  return file;
}

/** One line of `readelf -lW`'s program header table. */
export interface ReadelfSegment {
  /** 'LOAD', 'NOTE', 'GNU_STACK'... */
  type: string;
  offset: bigint;
  vaddr: bigint;
  paddr: bigint;
  filesz: bigint;
  memsz: bigint;
  /** 'R E', 'RW ', ... */
  flags: string;
  align: bigint;
}

/** What `readelf -hlW` prints about a file, parsed. */
export interface ReadelfFacts {
  /** 'ELF64' or 'ELF32' */
  class: string;
  /** "2's complement, little endian" */
  data: string;
  /** 'EXEC (Executable file)' */
  type: string;
  /** 'Advanced Micro Devices X86-64', 'AArch64', 'RISC-V' */
  machine: string;
  entry: bigint;
  phoff: bigint;
  phentsize: number;
  phnum: number;
  segments: ReadelfSegment[];
}

/** Runs `readelf -hlW` on `file` and parses its output: an oracle independent of our reader. */
export async function readelfFacts(file: string): Promise<ReadelfFacts> {
  const { stdout } = await execFile('readelf', ['-hlW', file], { env: { ...process.env, LC_ALL: 'C' } });
  const field = (label: string): string => {
    const match = new RegExp(`^\\s*${label}:\\s*(.*?)\\s*$`, 'm').exec(stdout);
    if (!match) throw new Error(`readelf printed no '${label}' for ${file}:\n${stdout}`);
    return match[1]!;
  };
  const number = (label: string): number => Number.parseInt(field(label), 10);
  const segments: ReadelfSegment[] = [];
  const line = /^\s+([A-Z_0-9+a-z]+)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s([RWE ]{3})\s(0x[0-9a-f]+)$/;
  for (const text of stdout.split('\n')) {
    const m = line.exec(text);
    if (!m) continue;
    segments.push({
      type: m[1]!,
      offset: BigInt(m[2]!),
      vaddr: BigInt(m[3]!),
      paddr: BigInt(m[4]!),
      filesz: BigInt(m[5]!),
      memsz: BigInt(m[6]!),
      flags: m[7]!,
      align: BigInt(m[8]!),
    });
  }
  return {
    class: field('Class'),
    data: field('Data'),
    type: field('Type'),
    machine: field('Machine'),
    entry: BigInt(field('Entry point address')),
    phoff: BigInt(field('Start of program headers').split(' ')[0]!),
    phentsize: number('Size of program headers'),
    phnum: number('Number of program headers'),
    segments,
  };
}
