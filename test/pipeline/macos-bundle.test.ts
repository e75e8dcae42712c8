// The macOS bundle's generated assembly and build script, checked with a real
// toolchain: clang assembles and compiles for arm64-apple-macos11, ld64.lld (LLVM's
// Mach-O linker) links a real .dylib, and the LLVM tools read what came out. There
// is no Mac here, so no test runs Apple's ld64 or loads the dylib (see the report).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readlinkSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDylibVersion, MACOS_ASM_FILE, MACOS_SCRIPT_FILE, macosAsm, macosBuildScript, type MacosBlob } from '../../src/pipeline/macos-bundle.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('macos-bundle');
const TARGET = 'arm64-apple-macos11';

const onPath = (tool: string): boolean => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', tool], { stdio: 'ignore' }).status === 0;

// Debian's clang, lld and llvm packages (scripts/setup.sh installs them). Tests are
// skipped only when they are missing.
const HAS_TOOLS = ['clang', 'llvm-nm', 'llvm-objdump', 'llvm-readobj', 'llvm-objcopy'].every(onPath);
/** clang -fuse-ld=lld on a Darwin target runs ld64.lld from its own directory (Debian has no ld64.lld on PATH). */
const HAS_LD64_LLD =
  HAS_TOOLS &&
  (() => {
    const p = execFileSync('clang', ['-target', TARGET, '-print-prog-name=ld64.lld'], { encoding: 'utf8' }).trim();
    return path.isAbsolute(p) && existsSync(p);
  })();
if (!HAS_TOOLS) console.warn('macos-bundle tests: clang/llvm not installed, toolchain tests skipped (run bash scripts/setup.sh)');
else if (!HAS_LD64_LLD) console.warn('macos-bundle tests: ld64.lld not installed (package lld), dylib link tests skipped');

function tool(file: string, args: string[], cwd?: string): string {
  return execFileSync(file, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Deterministic, non-repeating bytes, so a shifted or truncated copy cannot compare equal. */
function payload(size: number, seed: number): Buffer {
  const b = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

const KERNEL_SIZE = 3 * 0x10000 + 4321;
const KERNEL: MacosBlob = { symbol: 'krunfw_kernel_payload', file: 'kernel.bin', size: KERNEL_SIZE };

/** The libkrunfw ABI as the test writes it: krunfw_get_kernel and krunfw_get_version, plus the SEV extras when asked. */
function krunfwC(blobs: MacosBlob[]): string {
  const size = (sym: string): number => blobs.find((b) => b.symbol === sym)!.size;
  const extra = (what: string, sym: string): string =>
    blobs.some((b) => b.symbol === sym) ? `KRUNFW_EXPORT char *krunfw_get_${what}(size_t *size) { *size = ${size(sym)}UL; return ${sym}; }\n` : '';
  return `#include <stddef.h>
#define KRUNFW_EXPORT __attribute__((visibility("default")))
${blobs.map((b) => `extern char ${b.symbol}[];`).join('\n')}
KRUNFW_EXPORT char *krunfw_get_kernel(size_t *load_addr, size_t *entry_addr, size_t *size)
{
	*load_addr = 0x80000000UL;
	*entry_addr = 0x80000000UL;
	*size = ${size('krunfw_kernel_payload')}UL;
	return krunfw_kernel_payload;
}
KRUNFW_EXPORT int krunfw_get_version(void) { return 5; }
${extra('qboot', 'krunfw_qboot_payload')}${extra('initrd', 'krunfw_initrd_payload')}`;
}

/** A bundle directory: payload files, krunfw.c and kernel-macos.S. */
function writeBundle(name: string, blobs: MacosBlob[]): { dir: string; bytes: Map<string, Buffer> } {
  const dir = path.join(root, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const bytes = new Map<string, Buffer>();
  blobs.forEach((b, i) => {
    const data = payload(b.size, 0x9e3779b9 + i);
    writeFileSync(path.join(dir, b.file), data);
    bytes.set(b.symbol, data);
  });
  writeFileSync(path.join(dir, 'krunfw.c'), krunfwC(blobs));
  writeFileSync(path.join(dir, MACOS_ASM_FILE), macosAsm(blobs));
  return { dir, bytes };
}

interface MachSection {
  name: string;
  segment: string;
  address: number;
  size: number;
  alignment: number;
}

/** Sections as llvm-readobj prints them. */
function sections(file: string): MachSection[] {
  const out = tool('llvm-readobj', ['--sections', file]);
  return out
    .split(/\n\s*Section \{/)
    .slice(1)
    .map((s) => ({
      name: /Name: (\S+)/.exec(s)![1]!,
      segment: /Segment: (\S+)/.exec(s)![1]!,
      address: Number(/Address: (0x[0-9A-Fa-f]+)/.exec(s)![1]),
      size: Number(/Size: (0x[0-9A-Fa-f]+)/.exec(s)![1]),
      alignment: Number(/Alignment: (\d+)/.exec(s)![1]),
    }));
}

/** The bytes of one section, cut out by llvm-objcopy. */
function sectionBytes(file: string, segSect: string): Buffer {
  const out = `${file}.${segSect.replace(',', '.')}.bin`;
  tool('llvm-objcopy', ['--dump-section', `${segSect}=${out}`, file, `${file}.objcopy-scratch`]);
  return readFileSync(out);
}

/** llvm-nm -m lines: "address (segment,section) kind name". */
function nmM(file: string): Map<string, { address: number; where: string; kind: string }> {
  const syms = new Map<string, { address: number; where: string; kind: string }>();
  for (const line of tool('llvm-nm', ['-m', file]).split('\n')) {
    const m = /^([0-9a-f]+) \(([^)]+)\) (.+) (\S+)$/.exec(line);
    if (m) syms.set(m[4]!, { address: parseInt(m[1]!, 16), where: m[2]!, kind: m[3]! });
  }
  return syms;
}

const SEV_BLOBS: MacosBlob[] = [
  KERNEL,
  { symbol: 'krunfw_qboot_payload', file: 'qboot.bin', size: 0x10000 },
  { symbol: 'krunfw_initrd_payload', file: 'initrd.bin', size: 2 * 0x10000 + 77 },
];

describe('macosAsm', () => {
  it('writes Mach-O directives only: underscores, private_extern, 64 KiB alignment, no ELF .type/.size', () => {
    const s = macosAsm(SEV_BLOBS);
    for (const [sym, sect, file] of [
      ['krunfw_kernel_payload', '__krunfw_kernel', 'kernel.bin'],
      ['krunfw_qboot_payload', '__krunfw_qboot', 'qboot.bin'],
      ['krunfw_initrd_payload', '__krunfw_initrd', 'initrd.bin'],
    ]) {
      expect(s).toContain(`\t.section __DATA,${sect},regular\n\t.p2align 16\n\t.globl _${sym}\n\t.private_extern _${sym}\n_${sym}:\n\t.incbin "${file}"\n`);
    }
    expect(s).not.toMatch(/^\s*\.(type|size|hidden)\b/m);
    expect(s).toMatch(/^\t\.subsections_via_symbols$/m);
  });

  it.each([
    ['no blobs', [], /no payload blobs/],
    ['a symbol that is not a C identifier', [{ ...KERNEL, symbol: 'krunfw-kernel' }], /not a C identifier/],
    ['a file name with a quote', [{ ...KERNEL, file: 'ker"nel.bin' }], /must be a relative path/],
    ['a file outside the bundle', [{ ...KERNEL, file: '../kernel.bin' }], /no "\.\."/],
    ['a size of 0', [{ ...KERNEL, size: 0 }], /positive integer/],
    ['a section name over 16 bytes', [{ ...KERNEL, symbol: 'krunfw_kernel_extra_payload' }], /longer than the 16 bytes/],
    ['the same symbol twice', [KERNEL, { ...KERNEL, file: 'other.bin' }], /given twice/],
  ])('refuses %s', (_name, blobs, why) => {
    expect(() => macosAsm(blobs as MacosBlob[])).toThrow(why);
  });
});

describe.skipIf(!HAS_TOOLS)(`assembled by clang for ${TARGET}`, () => {
  it('puts the payload in a writable __DATA section, 2^16 aligned, under a private extern _symbol, byte for byte', () => {
    const { dir, bytes } = writeBundle('asm-kernel', [KERNEL]);
    // .incbin paths are found relative to the current directory, as the script runs it.
    tool('clang', ['-target', TARGET, '-c', MACOS_ASM_FILE, '-o', 'kernel-macos.o'], dir);
    const obj = path.join(dir, 'kernel-macos.o');

    const headers = tool('llvm-readobj', ['--file-headers', obj]);
    expect(headers).toContain('Format: Mach-O arm64');
    expect(headers).toContain('FileType: Relocatable');
    expect(headers).toContain('MH_SUBSECTIONS_VIA_SYMBOLS');

    const sect = sections(obj).find((s) => s.name === '__krunfw_kernel');
    expect(sect).toMatchObject({ segment: '__DATA', alignment: 16 });
    expect(sect!.size).toBeGreaterThanOrEqual(KERNEL_SIZE);

    const sym = nmM(obj).get('_krunfw_kernel_payload');
    expect(sym).toEqual({ address: sect!.address, where: '__DATA,__krunfw_kernel', kind: 'private external' });
    // No unprefixed name: C's krunfw_kernel_payload is _krunfw_kernel_payload in Mach-O.
    expect(nmM(obj).has('krunfw_kernel_payload')).toBe(false);

    expect(sectionBytes(obj, '__DATA,__krunfw_kernel').equals(bytes.get('krunfw_kernel_payload')!)).toBe(true);
  });

  it('gives each SEV/TDX blob its own aligned section, and C code compiled for macOS links against the names', () => {
    const { dir, bytes } = writeBundle('asm-sev', SEV_BLOBS);
    tool('clang', ['-target', TARGET, '-c', MACOS_ASM_FILE, '-o', 'kernel-macos.o'], dir);
    tool('clang', ['-target', TARGET, '-O2', '-fvisibility=hidden', '-c', 'krunfw.c', '-o', 'krunfw.o'], dir);
    const obj = path.join(dir, 'kernel-macos.o');
    const syms = nmM(obj);
    for (const b of SEV_BLOBS) {
      const name = `__${b.symbol.replace(/_payload$/, '')}`;
      const sect = sections(obj).find((s) => s.name === name);
      expect(sect, name).toMatchObject({ segment: '__DATA', alignment: 16 });
      expect(syms.get(`_${b.symbol}`)).toMatchObject({ where: `__DATA,${name}`, kind: 'private external' });
      expect(sectionBytes(obj, `__DATA,${name}`).equals(bytes.get(b.symbol)!), name).toBe(true);
    }
    // krunfw.o refers to exactly these three underscore names, undefined there.
    const undef = tool('llvm-nm', ['-u', path.join(dir, 'krunfw.o')])
      .split('\n')
      .filter(Boolean)
      .sort();
    expect(undef).toEqual(['_krunfw_initrd_payload', '_krunfw_kernel_payload', '_krunfw_qboot_payload']);
  });
});

/** What the dylib has: install name, versions, exported names, payload placement. */
function inspectDylib(lib: string): {
  installName: string;
  current: string;
  compat: string;
  exported: string[];
  data: { initprot: string; maxprot: string };
} {
  const dylibId = tool('llvm-objdump', ['--macho', '--dylib-id', lib]).trim().split('\n');
  const headers = tool('llvm-objdump', ['--macho', '--private-headers', lib]);
  const id = /cmd LC_ID_DYLIB\n[\s\S]*?current version (\S+)\ncompatibility version (\S+)/.exec(headers)!;
  const data = /segname __DATA\n[\s\S]*?maxprot (\S+)\n\s*initprot (\S+)/.exec(headers)!;
  const exported = tool('llvm-nm', ['-g', '--defined-only', '-j', lib]).split('\n').filter(Boolean).sort();
  return {
    installName: dylibId[dylibId.length - 1]!,
    current: id[1]!,
    compat: id[2]!,
    exported,
    data: { maxprot: data[1]!, initprot: data[2]! },
  };
}

/** The address krunfw_get_kernel returns: the adrp page plus the add offset into x0. */
function returnedAddress(lib: string, fn: string): number {
  const dis = tool('llvm-objdump', ['--macho', '-d', lib]);
  const body = dis.split(`\n${fn}:\n`)[1]!.split(/\n_\w+:\n/)[0]!;
  const page = /adrp\s+x0, \d+ ; (0x[0-9a-f]+)/.exec(body);
  const off = /add\s+x0, x0, #(\d+)/.exec(body);
  expect(page, body).not.toBeNull();
  return Number(page![1]) + Number(off?.[1] ?? 0);
}

describe.skipIf(!HAS_LD64_LLD)(`linked by ld64.lld into a ${TARGET} dylib`, () => {
  // There is no macOS SDK here: -nostdlib keeps the link from looking for libSystem
  // (krunfw.c calls nothing, so nothing is left undefined and -undefined
  // dynamic_lookup is not needed). A real Mac links libSystem, which changes the
  // load commands but not the symbols or sections checked below.
  const link = ['-target', TARGET, '-fuse-ld=lld', '-nostdlib'];

  it('exports exactly the ABI functions, with the install name, and the payload at a 64 KiB aligned, writable address', () => {
    const { dir, bytes } = writeBundle('dylib-kernel', [KERNEL]);
    tool(
      'clang',
      [
        ...link,
        '-dynamiclib',
        '-O2',
        '-fvisibility=hidden',
        '-install_name',
        'libkrunfw.5.dylib',
        '-current_version',
        '5.4.0',
        '-compatibility_version',
        '5',
        '-o',
        'libkrunfw.5.dylib',
        'krunfw.c',
        MACOS_ASM_FILE,
      ],
      dir,
    );
    const lib = path.join(dir, 'libkrunfw.5.dylib');
    expect(tool('llvm-readobj', ['--file-headers', lib])).toContain('FileType: DynamicLibrary (0x6)');
    const info = inspectDylib(lib);
    expect(info).toMatchObject({
      installName: 'libkrunfw.5.dylib',
      current: '5.4.0',
      compat: '5.0.0',
      exported: ['_krunfw_get_kernel', '_krunfw_get_version'],
      data: { maxprot: 'rw-', initprot: 'rw-' },
    });
    // The export trie, what dlsym() reads, agrees with the symbol table.
    const trie = tool('llvm-objdump', ['--macho', '--exports-trie', lib]);
    expect([...trie.matchAll(/^0x[0-9A-F]+\s+(\S+)$/gm)].map((m) => m[1]).sort()).toEqual(info.exported);

    const sym = nmM(lib).get('_krunfw_kernel_payload')!;
    expect(sym.kind).toBe('non-external (was a private external)');
    expect(sym.where).toBe('__DATA,__krunfw_kernel');
    expect(sym.address % 0x10000).toBe(0);
    const sect = sections(lib).find((s) => s.name === '__krunfw_kernel')!;
    expect(sect).toMatchObject({ segment: '__DATA', alignment: 16, address: sym.address });
    expect(sectionBytes(lib, '__DATA,__krunfw_kernel').equals(bytes.get('krunfw_kernel_payload')!)).toBe(true);
    // And the code hands out that address.
    expect(returnedAddress(lib, '_krunfw_get_kernel')).toBe(sym.address);
  });

  it('links the SEV/TDX flavour with all blobs 64 KiB aligned and the four functions exported', () => {
    const { dir, bytes } = writeBundle('dylib-sev', SEV_BLOBS);
    tool(
      'clang',
      [
        ...link,
        '-dynamiclib',
        '-O2',
        '-fvisibility=hidden',
        '-install_name',
        'libkrunfw-sev.5.dylib',
        '-o',
        'libkrunfw-sev.5.dylib',
        'krunfw.c',
        MACOS_ASM_FILE,
      ],
      dir,
    );
    const lib = path.join(dir, 'libkrunfw-sev.5.dylib');
    expect(inspectDylib(lib).exported).toEqual(['_krunfw_get_initrd', '_krunfw_get_kernel', '_krunfw_get_qboot', '_krunfw_get_version']);
    const syms = nmM(lib);
    for (const b of SEV_BLOBS) {
      const sym = syms.get(`_${b.symbol}`)!;
      expect(sym.address % 0x10000, b.symbol).toBe(0);
      expect(sectionBytes(lib, sym.where).equals(bytes.get(b.symbol)!), b.symbol).toBe(true);
    }
    expect(returnedAddress(lib, '_krunfw_get_qboot')).toBe(syms.get('_krunfw_qboot_payload')!.address);
    expect(returnedAddress(lib, '_krunfw_get_initrd')).toBe(syms.get('_krunfw_initrd_payload')!.address);
  });
});

describe('macosBuildScript', () => {
  it.each([
    ['5.4.0', true],
    ['5', true],
    ['4.10', true],
    ['65535.255.255', true],
    ['65536', false],
    ['5.256', false],
    ['5.4.256', false],
    ['5.4.0.1', false],
    ['5.4.0-rc1', false],
    ['v5.4.0', false],
    ['5..0', false],
    ['', false],
  ])('version %j is valid for ld64: %s', (version, ok) => {
    const make = () => macosBuildScript({ base: 'krunfw', abiVersion: 5, version });
    if (ok) expect(make()).toContain(`-current_version ${version} -compatibility_version 5 `);
    else expect(make).toThrow(/not a Mach-O dylib version/);
  });

  it('names the checks in its errors', () => {
    expect(() => checkDylibVersion('version', '70000.1')).toThrow('X is 70000, at most 65535');
    expect(() => checkDylibVersion('version', '1.300')).toThrow('Y is 300, at most 255');
    expect(() => macosBuildScript({ base: 'krunfw', abiVersion: 65536, version: '5.4.0' })).toThrow(/0 to 65535/);
    expect(() => macosBuildScript({ base: 'krunfw', abiVersion: 5.5, version: '5.4.0' })).toThrow(/integer/);
    expect(() => macosBuildScript({ base: 'krun fw', abiVersion: 5, version: '5.4.0' })).toThrow(/base name/);
    expect(() => macosBuildScript({ base: '../krunfw', abiVersion: 5, version: '5.4.0' })).toThrow(/base name/);
  });

  it('is valid sh, and names lib<base>.<abi>.dylib and its symlink', () => {
    const dir = path.join(root, 'script-syntax');
    mkdirSync(dir, { recursive: true });
    const script = macosBuildScript({ base: 'krunfw-sev', abiVersion: 5, version: '5.4.0', blobs: SEV_BLOBS });
    const file = path.join(dir, MACOS_SCRIPT_FILE);
    writeFileSync(file, script);
    // Debian's sh is dash, which knows POSIX sh and little more.
    const r = spawnSync('sh', ['-n', file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(script).toMatch(/^set -eu$/m);
    expect(script).toContain('LIB=libkrunfw-sev.5.dylib\n');
    expect(script).toContain('ln -s "$LIB" libkrunfw-sev.dylib\n');
    expect(script).toContain("check_size 'initrd.bin' 131149\n");
  });

  it.runIf(os.type() === 'Linux')('refuses to run on Linux, saying why, and builds nothing', () => {
    const { dir } = writeBundle('script-linux', [KERNEL]);
    writeFileSync(path.join(dir, MACOS_SCRIPT_FILE), macosBuildScript({ base: 'krunfw', abiVersion: 5, version: '5.4.0' }));
    const r = spawnSync('sh', [MACOS_SCRIPT_FILE], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `${MACOS_SCRIPT_FILE}: builds a macOS dylib (libkrunfw.5.dylib) with the macOS toolchain and must run on macOS (Darwin); this host is Linux\n`,
    );
    expect(existsSync(path.join(dir, 'libkrunfw.5.dylib'))).toBe(false);
  });

  describe.skipIf(!HAS_LD64_LLD)('on a pretend Darwin host, with clang and ld64.lld as cc', () => {
    // uname is faked so the script's Darwin check passes; CC is a wrapper that turns
    // the script's plain `cc -dynamiclib ...` into a cross build for the Mac
    // (-target, LLVM's Mach-O linker, and -nostdlib for want of a macOS SDK, as
    // above). The wrapper records its arguments so the test sees what the script asked
    // for. ld64.lld 14 warns that it does not implement -x, so here the hidden payload
    // symbols stay in the symbol table as locals; Apple's ld64 removes them.
    function fakeMac(name: string): { bin: string; env: NodeJS.ProcessEnv; argsFile: string } {
      const bin = path.join(root, name, 'fake-bin');
      mkdirSync(bin, { recursive: true });
      const argsFile = path.join(bin, 'cc-args');
      writeFileSync(path.join(bin, 'uname'), '#!/bin/sh\necho Darwin\n');
      writeFileSync(path.join(bin, 'cc'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nexec clang -target ${TARGET} -fuse-ld=lld -nostdlib "$@"\n`);
      chmodSync(path.join(bin, 'uname'), 0o755);
      chmodSync(path.join(bin, 'cc'), 0o755);
      return { bin, argsFile, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, CC: path.join(bin, 'cc') } };
    }

    it('builds lib<base>.<abi>.dylib and the symlink, from any directory', () => {
      const { dir, bytes } = writeBundle('script-mac', [KERNEL]);
      const script = path.join(dir, MACOS_SCRIPT_FILE);
      writeFileSync(script, macosBuildScript({ base: 'krunfw', abiVersion: 5, version: '5.4.0', blobs: [KERNEL] }));
      const mac = fakeMac('script-mac');
      const r = spawnSync('sh', [script], { cwd: os.tmpdir(), env: mac.env, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe(`${MACOS_SCRIPT_FILE}: built libkrunfw.5.dylib (and libkrunfw.dylib -> libkrunfw.5.dylib)\n`);

      const lib = path.join(dir, 'libkrunfw.5.dylib');
      expect(readlinkSync(path.join(dir, 'libkrunfw.dylib'))).toBe('libkrunfw.5.dylib');
      expect(inspectDylib(lib)).toMatchObject({
        installName: 'libkrunfw.5.dylib',
        current: '5.4.0',
        compat: '5.0.0',
        exported: ['_krunfw_get_kernel', '_krunfw_get_version'],
      });
      const sym = nmM(lib).get('_krunfw_kernel_payload')!;
      expect(sym.address % 0x10000).toBe(0);
      expect(sectionBytes(lib, sym.where).equals(bytes.get('krunfw_kernel_payload')!)).toBe(true);

      const args = readFileSync(mac.argsFile, 'utf8').split('\n');
      for (const a of ['-dynamiclib', '-fvisibility=hidden', '-Wl,-x', '-install_name', 'krunfw.c', MACOS_ASM_FILE]) {
        expect(args).toContain(a);
      }
      // Built twice, the same bytes: the symlink is replaced, not an error.
      const first = readFileSync(lib);
      const again = spawnSync('sh', [script], { cwd: os.tmpdir(), env: mac.env, encoding: 'utf8' });
      expect(again.status, again.stderr).toBe(0);
      expect(readFileSync(lib).equals(first)).toBe(true);
    });

    it('refuses a payload of the wrong size before compiling anything', () => {
      const { dir } = writeBundle('script-short', [KERNEL]);
      truncateSync(path.join(dir, 'kernel.bin'), KERNEL_SIZE - 1);
      const script = path.join(dir, MACOS_SCRIPT_FILE);
      writeFileSync(script, macosBuildScript({ base: 'krunfw', abiVersion: 5, version: '5.4.0', blobs: [KERNEL] }));
      const mac = fakeMac('script-short');
      const r = spawnSync('sh', [script], { env: mac.env, encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(
        `${MACOS_SCRIPT_FILE}: kernel.bin is ${KERNEL_SIZE - 1} bytes, expected ${KERNEL_SIZE}: not the payload these sources were made for\n`,
      );
      expect(existsSync(mac.argsFile)).toBe(false);
      expect(existsSync(path.join(dir, 'libkrunfw.5.dylib'))).toBe(false);
    });
  });
});
