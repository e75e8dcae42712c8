// bundle → link → verify → package on ELF files that gcc and ld build with known
// layouts: the payload is checked against one computed here from the fixture's
// own description, and the library is really dlopen()ed by the verify stage.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ElfError, VerifyError } from '../../src/errors.ts';
import { readElf64 } from '../../src/elf/index.ts';
import { finishRun } from '../../src/finish.ts';
import { executeLibrary } from '../support/library-run.ts';
import { kernelPayloadFromElf, PAYLOAD_ALIGN } from '../../src/pipeline/stages/bundle.ts';
import { verifyStage } from '../../src/pipeline/stages/verify.ts';
import type { BundleRequest } from '../../src/request/types.ts';
import {
  build32BitElf,
  buildKernelLikeElf,
  buildNoLoadElf,
  buildNotElf,
  buildOutOfOrderElf,
  buildOverlappingElf,
  buildTruncatedElf,
  buildWrongMachineElf,
  type BuiltElf,
} from '../support/elf-fixtures.ts';
import { bundleRequest, stageContext, testPlatform } from '../support/context.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('library');

/** The payload as the layout rules define it, computed from the fixture's spec alone. */
function expectedPayload(elf: BuiltElf): Buffer {
  const base = elf.loads[0]!.paddr;
  const last = elf.loads[elf.loads.length - 1]!;
  const end = Number(last.paddr + last.filesz - base);
  const out = Buffer.alloc(Math.ceil(end / 0x10000) * 0x10000);
  for (const l of elf.loads) l.bytes.copy(out, Number(l.paddr - base));
  return out;
}

const request = (image: string, name: string, extra: Partial<BundleRequest> = {}): BundleRequest => bundleRequest(root, image, name, extra);

describe('kernel payload', () => {
  it('places each PT_LOAD at paddr - load_addr, zero-fills gaps, leaves out bss, pads to 64 KiB', async () => {
    const built = await buildKernelLikeElf();
    const kp = kernelPayloadFromElf(await readElf64(built.file));
    expect(kp.loadAddr).toBe(0x1000000n);
    expect(kp.entryAddr).toBe(built.entry);
    expect(kp.payload.length % PAYLOAD_ALIGN).toBe(0);
    expect(kp.payload.equals(expectedPayload(built))).toBe(true);
    // The gap after the first segment is zero, and bss (0x5000 bytes after the last) is not counted.
    const first = built.loads[0]!;
    expect(kp.payload.subarray(Number(first.filesz), 0x200000).every((b) => b === 0)).toBe(true);
    const last = built.loads[2]!;
    expect(kp.payload.length).toBe(Math.ceil(Number(last.paddr - 0x1000000n + last.filesz) / 0x10000) * 0x10000);
  });

  it.each([
    ['overlapping segments', buildOverlappingElf, /overlap/],
    ['segments out of order', buildOutOfOrderElf, /out of order/],
    ['no PT_LOAD', buildNoLoadElf, /no PT_LOAD/],
  ])('refuses %s with a message naming the file', async (_name, build, why) => {
    const built = await build();
    const err = (() => {
      try {
        return kernelPayloadFromElf(parseSync(built.file));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ElfError);
    expect((err as ElfError).message).toMatch(why);
    expect((err as ElfError).message).toContain(built.file);
  });
});

import { parseElf64 } from '../../src/elf/index.ts';
function parseSync(file: string) {
  return parseElf64(readFileSync(file), file);
}

describe('bundle an existing vmlinux into the library', () => {
  it('links, loads and packages a library that hands out exactly the payload', async () => {
    const built = await buildKernelLikeElf();
    const req = request(built.file, 'good');
    const platform = testPlatform(root);
    const result = await executeLibrary(req, platform);

    expect(result.library).toBe(path.join(req.outDir, 'libkrunfw.so.5.4.0'));
    expect(result.soname).toBe('libkrunfw.so.5');
    expect(result.stages.map((s) => `${s.name}:${s.status}`)).toEqual([
      'bundle:passed',
      'link:passed',
      'verify:passed',
      'measure:skipped',
      'boot:skipped',
      'package:passed',
    ]);
    // Independent checks with binutils, not our own code.
    const dyn = execFileSync('readelf', ['-dW', result.library], { encoding: 'utf8' });
    expect(dyn).toContain('Library soname: [libkrunfw.so.5]');
    const sections = execFileSync('readelf', ['-SW', result.library], { encoding: 'utf8' });
    expect(sections).not.toMatch(/\s\.symtab\s/);
    const phdrs = execFileSync('readelf', ['-lW', result.library], { encoding: 'utf8' });
    expect(phdrs).toMatch(/LOAD .* RW {2}0x10000/);

    // The install tarball: lib64/ with the library and two symlinks.
    const listing = execFileSync('tar', ['-tvzf', result.tarball], { encoding: 'utf8' });
    expect(listing).toMatch(/-rwxr-xr-x 0\/0 .* lib64\/libkrunfw\.so\.5\.4\.0\n/);
    expect(listing).toContain('lib64/libkrunfw.so.5 -> libkrunfw.so.5.4.0');
    expect(listing).toContain('lib64/libkrunfw.so -> libkrunfw.so.5');
    const unpacked = path.join(root, 'good', 'unpacked');
    execFileSync('mkdir', ['-p', unpacked]);
    execFileSync('tar', ['-xzf', result.tarball, '-C', unpacked]);
    expect(readlinkSync(path.join(unpacked, 'lib64/libkrunfw.so'))).toBe('libkrunfw.so.5');
    expect(readFileSync(path.join(unpacked, 'lib64/libkrunfw.so.5.4.0')).equals(readFileSync(result.library))).toBe(true);
    // The door removes the work directory after a good run.
    expect(existsSync(req.workDir)).toBe(true);
    await finishRun({ workDir: result.workDir, keepWorkDir: false, pending: result.pendingSaves, outcome: 'succeeded' }, platform);
    expect(existsSync(req.workDir)).toBe(false);
  });

  it('gives the same library and tarball bytes from another directory', async () => {
    const built = await buildKernelLikeElf();
    const a = await executeLibrary(request(built.file, 'repro-a'), testPlatform(root));
    const b = await executeLibrary(request(built.file, 'repro-b'), testPlatform(root));
    expect(b.sha256).toBe(a.sha256);
    expect(b.tarballSha256).toBe(a.tarballSha256);
  });

  it.each([
    ['not an ELF', async () => buildNotElf(), /not an ELF|magic/i],
    ['a 32-bit ELF', async () => (await build32BitElf()).file, /32-bit|ELFCLASS32/],
    ['an AArch64 ELF', async () => (await buildWrongMachineElf('aarch64')).file, /AArch64.*expected x86_64|x86_64.*AArch64/],
    ['a truncated ELF', async () => (await buildTruncatedElf('segment')).file, /truncated|beyond|end of file/i],
  ])('refuses %s and leaves nothing in out-dir', async (name, make, why) => {
    const file = await make();
    const req = request(file, `bad-${name.replace(/\W+/g, '-')}`);
    const err = await executeLibrary(req, testPlatform(root)).catch((e) => e);
    expect(err).toBeInstanceOf(ElfError);
    expect((err as ElfError).message).toMatch(why);
    expect((err as ElfError).message).toContain(file);
    expect(existsSync(req.outDir) ? readdirSync(req.outDir) : []).toEqual([]);
  });
});

describe('verify', () => {
  it('fails a library whose payload bytes were altered after linking', async () => {
    const built = await buildKernelLikeElf();
    const req = request(built.file, 'tampered', { keepWorkDir: true });
    const result = await executeLibrary(req, testPlatform(root));
    const lib = readFileSync(result.library);
    // Find the payload in the file (its first 64 bytes are unique) and flip a byte inside it.
    const payload = expectedPayload(built);
    const at = lib.indexOf(payload.subarray(0, 64));
    expect(at).toBeGreaterThan(0);
    expect(at % PAYLOAD_ALIGN).toBe(0);
    lib[at + 100] = lib[at + 100]! ^ 0xff;
    const tampered = path.join(root, 'tampered', 'libkrunfw.so.5.4.0');
    writeFileSync(tampered, lib);
    const payloadFile = path.join(req.workDir, 'bundle', 'kernel.bin');
    const err = await verifyStage
      .run(
        { library: tampered, soname: 'libkrunfw.so.5', abiVersion: 5, loadAddr: 0x1000000n, entryAddr: built.entry, payloadFile },
        stageContext(path.join(root, 'tampered', 'verify')),
      )
      .catch((e) => e);
    expect(err).toBeInstanceOf(VerifyError);
    expect((err as VerifyError).message).toContain('first at offset 100');

    // And a wrong ABI expectation is caught too.
    const err2 = await verifyStage
      .run(
        { library: result.library, soname: 'libkrunfw.so.5', abiVersion: 4, loadAddr: 0x1000000n, entryAddr: built.entry, payloadFile },
        stageContext(path.join(root, 'tampered', 'verify2')),
      )
      .catch((e) => e);
    expect((err2 as VerifyError).mismatches).toEqual(['krunfw_get_version() = 5, expected 4']);
  });
});
