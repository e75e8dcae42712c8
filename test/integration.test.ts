// The whole pipeline on a real kernel: Debian's 6.12 source, the small bootable
// config, a real patch; then the library is loaded by Python's ctypes (not our
// probe) and its bytes compared with the vmlinux as readelf (not our reader) sees it.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BootError, ChecksumError, PatchError, SourceReleaseError } from '../src/errors.ts';
import { finishRun } from '../src/finish.ts';
import type { BuildResult } from '../src/result.ts';
import type { RawBuildInputs } from '../src/request/inputs.ts';
import { MemoryLog } from '../src/platform/types.ts';
import { libraryResult } from '../src/result.ts';
import { prepareRun } from '../src/run.ts';
import { runLibrary } from './support/library-run.ts';
import { BOOT_MARKER, bootStage } from '../src/pipeline/stages/boot.ts';
import { probeLibrary } from '../src/pipeline/stages/verify.ts';
import { sha256File } from '../src/util/hash.ts';
import { buildInitrd, buildQboot } from './support/blobs.ts';
import { readelfFacts } from './support/elf-fixtures.ts';
import { FIXTURES, requireKernelTarball, SMALL_CONFIG } from './support/kernel-source.ts';
import { stageContext, testPlatform } from './support/context.ts';
import { tempDir } from './support/tmp.ts';

const root = tempDir('integration');
const PATCHES = path.join(FIXTURES, 'patches', 'linux-6.12');
const MARKER = '[patched by the libkrunfw-action test series]';

/** Load the library with ctypes, call the ABI, write the payload; print the numbers as JSON. */
const CTYPES_LOADER = `
import ctypes, json, sys
lib = ctypes.CDLL(sys.argv[1])
lib.krunfw_get_kernel.restype = ctypes.c_void_p
lib.krunfw_get_kernel.argtypes = [ctypes.POINTER(ctypes.c_size_t)] * 3
load, entry, size = ctypes.c_size_t(), ctypes.c_size_t(), ctypes.c_size_t()
ptr = lib.krunfw_get_kernel(ctypes.byref(load), ctypes.byref(entry), ctypes.byref(size))
open(sys.argv[2], "wb").write(ctypes.string_at(ptr, size.value))
print(json.dumps({"version": lib.krunfw_get_version(), "load": load.value, "entry": entry.value, "size": size.value, "ptr": ptr}))
`;

describe('a real kernel, end to end, then again from the caches', () => {
  let cold: BuildResult;
  const outDir = path.join(root, 'out');
  const workDir = path.join(root, 'work');
  const cacheDir = path.join(root, 'cache');
  const patches = path.join(root, 'patches');
  const log = new MemoryLog();
  const inputs = (extra: RawBuildInputs = {}): RawBuildInputs => ({
    'kernel-source': requireKernelTarball(),
    'kernel-config': [SMALL_CONFIG],
    patches,
    'out-dir': outDir,
    'work-dir': workDir,
    'cache-dir': cacheDir,
    ...extra,
  });

  // Kept from the cold build before the door cleans up (its tree goes to the tree cache).
  const coldVmlinux = path.join(root, 'cold-vmlinux');
  const coldPayload = path.join(root, 'cold-kernel.bin');

  beforeAll(async () => {
    cpSync(PATCHES, patches, { recursive: true });
    const platform = testPlatform(root, { cacheDir, log });
    const run = prepareRun(inputs(), platform, root);
    cold = libraryResult(await run.execute());
    cpSync(path.join(workDir, 'src', 'linux-source-6.12', 'vmlinux'), coldVmlinux);
    cpSync(path.join(workDir, 'libkrunfw', 'kernel.bin'), coldPayload);
    await finishRun(run.record, platform);
  }, 1_200_000);

  it('runs every stage and reports the kernel it built', async () => {
    expect(cold.stages.map((s) => `${s.name}:${s.status}`)).toEqual(
      ['source', 'extract', 'patch', 'configure', 'compile', 'bundle', 'link', 'verify', 'measure', 'boot', 'package', 'release']
        .map((s) => `${s}:${s === 'measure' ? 'skipped' : 'passed'}`)
        .concat('publish:skipped'),
    );
    const makefile = execFileSync('tar', ['-xJOf', requireKernelTarball(), 'linux-source-6.12/Makefile'], { encoding: 'utf8' });
    const field = (n: string): string => new RegExp(`^${n} = (\\S*)`, 'm').exec(makefile)![1]!;
    expect(cold.kernelVersion).toBe(`${field('VERSION')}.${field('PATCHLEVEL')}.${field('SUBLEVEL')}`);
    expect(cold.library).toBe(path.join(outDir, 'libkrunfw.so.5.4.0'));
    expect(cold.sha256).toBe(await sha256File(cold.library));
    expect(cold.tarballSha256).toBe(await sha256File(cold.tarball));
    expect(cold.caches.map((c) => `${c.level}:${c.state}`)).toEqual(['source:off', 'output:miss', 'tree:miss', 'compiler:miss']);
    // The door moved the built tree into the tree cache and removed the work dir.
    expect(existsSync(workDir)).toBe(false);
    // The source was not pinned: the run says so, with the value to pin.
    expect(log.lines.some((l) => l.level === 'warning' && /not pinned: its sha256 is [0-9a-f]{64}/.test(l.message))).toBe(true);
  });

  it('hands out, through dlopen, exactly the PT_LOAD bytes of the vmlinux it built, patch included', async () => {
    const vmlinux = coldVmlinux;
    const facts = await readelfFacts(vmlinux);
    const loads = facts.segments.filter((s) => s.type === 'LOAD');
    const elf = readFileSync(vmlinux);
    const base = loads[0]!.paddr;
    const last = loads[loads.length - 1]!;
    const expected = Buffer.alloc(Math.ceil(Number(last.paddr + last.filesz - base) / 0x10000) * 0x10000);
    for (const s of loads) elf.copy(expected, Number(s.paddr - base), Number(s.offset), Number(s.offset + s.filesz));

    const out = path.join(root, 'ctypes-payload.bin');
    const report = JSON.parse(execFileSync('python3', ['-c', CTYPES_LOADER, cold.library, out], { encoding: 'utf8' })) as Record<string, number>;
    expect(report.version).toBe(5);
    expect(BigInt(report.load!)).toBe(base);
    expect(BigInt(report.entry!)).toBe(facts.entry);
    expect(report.size).toBe(expected.length);
    expect(report.ptr! % 0x10000).toBe(0);
    expect(readFileSync(out).equals(expected)).toBe(true);
    expect(expected.includes(Buffer.from(MARKER))).toBe(true);
    // The PVH entry note (XEN_ELFNOTE_PHYS32_ENTRY, type 18) that QEMU and libkrun boot from.
    expect(execFileSync('readelf', ['-nW', vmlinux], { encoding: 'utf8' })).toMatch(/Xen\s+0x[0-9a-f]+\s+(?:Unknown note type: \(0x00000012\)|.*PHYS32)/);
  });

  it('packages lib64/ as libkrunfw releases do', () => {
    const listing = execFileSync('tar', ['-tzf', cold.tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(listing).toEqual(['lib64/', 'lib64/libkrunfw.so', 'lib64/libkrunfw.so.5', 'lib64/libkrunfw.so.5.4.0']);
  });

  it('does not boot a library whose kernel bytes were corrupted, and shows the guest console', async () => {
    // The payload starts with the PVH entry code; zero its first 64 KiB in a copy of the library.
    const lib = readFileSync(cold.library);
    const payload = readFileSync(coldPayload);
    const at = lib.indexOf(payload.subarray(0, 4096));
    expect(at).toBeGreaterThan(0);
    lib.fill(0, at, at + 0x10000);
    const bad = path.join(root, 'corrupt', 'libkrunfw.so.5.4.0');
    mkdirSync(path.dirname(bad), { recursive: true });
    writeFileSync(bad, lib);
    const probed = await probeLibrary(bad, path.join(root, 'corrupt', 'probe'));
    const payloadFile = path.join(root, 'corrupt', 'payload.bin');
    writeFileSync(payloadFile, probed.bytes);
    const err = await bootStage
      .run({ payloadFile, loadAddr: probed.loadAddr, entryAddr: probed.entryAddr, timeoutMs: 60_000 }, stageContext(path.join(root, 'corrupt', 'w')))
      .catch((e) => e);
    expect(err).toBeInstanceOf(BootError);
    expect((err as BootError).message).toMatch(/QEMU exited|did not reach init/);
    expect((err as BootError).console).not.toContain(BOOT_MARKER);
  }, 120_000);

  it('builds nothing when no input changed: the output cache hit is still verified and packaged', async () => {
    rmSync(workDir, { recursive: true, force: true });
    const log = new MemoryLog();
    const again = await runLibrary(inputs(), testPlatform(root, { cacheDir, log }), root);
    // The source stage only gets and checks the tarball, for the source release.
    expect(again.stages.map((s) => `${s.name}:${s.status}`)).toEqual([
      'source:passed',
      'extract:skipped',
      'patch:skipped',
      'configure:skipped',
      'compile:skipped',
      'bundle:skipped',
      'link:skipped',
      'verify:passed',
      'measure:skipped',
      'boot:passed',
      'package:passed',
      'release:passed',
      'publish:skipped',
    ]);
    expect(again.stages.find((s) => s.name === 'compile')!.summary).toMatch(/the output cache provided/);
    expect(again.sourceRelease!.sha256).toBe(cold.sourceRelease!.sha256);
    const output = again.caches.find((c) => c.level === 'output')!;
    expect(output).toMatchObject({ state: 'hit' });
    expect(output.savedMs).toBeGreaterThan(0);
    expect(again.kernelVersion).toBe(cold.kernelVersion);
    expect(again.sha256).toBe(cold.sha256);
    expect(again.tarballSha256).toBe(cold.tarballSha256);
    // The install tarball came with the output entry: not compressed again.
    expect(log.text()).toMatch(/libkrunfw-x86_64\.tgz: the output cache entry's, made of the same library bytes/);
    expect(await sha256File(again.tarball)).toBe(cold.tarballSha256);
  }, 300_000);

  it('after a one-patch change, reuses the tree and recompiles only what the patch touches', async () => {
    const patch = path.join(patches, '0001-init-mark-proc-version.patch');
    writeFileSync(patch, readFileSync(patch, 'utf8').replace('test series]', 'test series, changed]'));
    const changed = await runLibrary(inputs({ 'out-dir': path.join(root, 'out-changed') }), testPlatform(root, { cacheDir }), root);
    expect(changed.caches.map((c) => `${c.level}:${c.state}`)).toEqual(['source:off', 'output:miss', 'tree:hit', 'compiler:partial']);
    expect(changed.caches.find((c) => c.level === 'tree')!.detail).toMatch(/^1 patch\(es\) reversed/);
    const detail = changed.caches.find((c) => c.level === 'compiler')!.detail!;
    const [, , misses] = /ccache: (\d+) hits, (\d+) misses/.exec(detail)!.map(Number);
    expect(misses).toBeLessThanOrEqual(3);
    expect(changed.sha256).not.toBe(cold.sha256);
    expect(readFileSync(changed.library).includes(Buffer.from('test series, changed]'))).toBe(true);
    writeFileSync(patch, readFileSync(patch, 'utf8').replace('test series, changed]', 'test series]'));
  }, 600_000);

  it("an incremental build of the original inputs in the reused tree gives the cold build's bytes, the other caches all off", async () => {
    // The tree cache decides alone whether it is on: turning the other three off once turned it off too.
    const off = { 'cache-output': false, 'cache-compiler': false, 'cache-source': false };
    const back = await runLibrary(inputs({ 'out-dir': path.join(root, 'out-back'), ...off }), testPlatform(root, { cacheDir }), root);
    expect(back.caches.map((c) => `${c.level}:${c.state}`)).toEqual(['source:off', 'output:off', 'tree:hit', 'compiler:off']);
    expect(back.sha256).toBe(cold.sha256);
    expect(back.tarballSha256).toBe(cold.tarballSha256);
  }, 600_000);

  it.each(['sev', 'tdx'])(
    "builds the %s variant: qboot and initrd bundled, verified, booted from the library's bytes",
    async (variant) => {
      const blobs = path.join(root, `${variant}-blobs`);
      const qboot = buildQboot(blobs);
      const initrd = buildInitrd(blobs);
      const r = await runLibrary(
        inputs({ variant, qboot, initrd, 'out-dir': path.join(root, `out-${variant}`), 'cache-output': false }),
        testPlatform(root, { cacheDir }),
        root,
      );
      // The tree comes from the tree cache (the last build's, patches reversed); only sev libraries are measured.
      expect(r.stages.map((s) => `${s.name}:${s.status}`)).toEqual(
        ['source', 'extract', 'patch', 'configure', 'compile', 'bundle', 'link', 'verify', 'measure', 'boot', 'package', 'release']
          .map((s) => `${s}:${s === 'extract' || (s === 'measure' && variant !== 'sev') ? 'skipped' : 'passed'}`)
          .concat('publish:skipped'),
      );
      expect(path.basename(r.library)).toBe(`libkrunfw-${variant}.so.5.4.0`);
      expect(path.basename(r.tarball)).toBe(`libkrunfw-${variant}-x86_64.tgz`);
      expect(r.stages.find((s) => s.name === 'verify')!.summary).toMatch(/checks passed/);
      // The kernel is the cold build's (same config, same patches): only the library around it differs.
      const payload = readFileSync(coldPayload);
      const lib = readFileSync(r.library);
      expect(lib.includes(payload.subarray(0, 1 << 20))).toBe(true);
      expect(lib.includes(readFileSync(qboot))).toBe(true);
      expect(lib.includes(readFileSync(initrd))).toBe(true);
      // The source release records where each blob came from.
      const manifest = JSON.parse(
        execFileSync('tar', ['-xOf', r.sourceRelease!.tarball, `libkrunfw-5.4.0-${variant}-x86_64-source/manifest.json`], { encoding: 'utf8' }),
      ) as { blobs: { name: string; path: string; source: { origin: string; size: number } }[] };
      expect(manifest.blobs.map((b) => [b.name, b.path, b.source.origin])).toEqual([
        ['qboot', 'libkrunfw/qboot.bin', 'input qboot: bios.bin'],
        ['initrd', 'libkrunfw/initrd.bin', 'input initrd: initrd.gz'],
      ]);
    },
    600_000,
  );

  describe('a libkrunfw-shaped source tree as the recipe', () => {
    /** A tree laid out as libkrunfw's: Makefile, patches/, config-libkrunfw_x86_64 (a full config). */
    function libkrunfwTree(name: string, extraPatch?: string): string {
      const dir = path.join(root, name);
      mkdirSync(path.join(dir, 'patches'), { recursive: true });
      const makefile = execFileSync('tar', ['-xJOf', requireKernelTarball(), 'linux-source-6.12/Makefile'], { encoding: 'utf8' });
      const sub = /^SUBLEVEL = (\d+)/m.exec(makefile)![1];
      writeFileSync(
        path.join(dir, 'Makefile'),
        `# A test-made tree in libkrunfw's layout\nABI_VERSION = 5\nFULL_VERSION = 5.9.1\nKERNEL_VERSION = linux-6.12.${sub}\n\nall:\n\t@echo build\n`,
      );
      cpSync(path.join(patches, '0001-init-mark-proc-version.patch'), path.join(dir, 'patches', '0001-init-mark-proc-version.patch'));
      if (extraPatch) writeFileSync(path.join(dir, 'patches', '0002-does-not-apply.patch'), extraPatch);
      // The cold build's final config, as libkrunfw keeps full configs.
      execFileSync('tar', ['-xf', cold.sourceRelease!.tarball, '-C', dir, '--strip-components=2', 'libkrunfw-5.4.0-generic-x86_64-source/config/final.config']);
      cpSync(path.join(dir, 'final.config'), path.join(dir, 'config-libkrunfw_x86_64'));
      rmSync(path.join(dir, 'final.config'));
      return dir;
    }
    const treeInputs = (dir: string, out: string): RawBuildInputs => ({
      'libkrunfw-dir': dir,
      'kernel-source': requireKernelTarball(),
      'out-dir': path.join(root, out),
      'work-dir': workDir,
      'cache-dir': cacheDir,
    });

    it("builds with the tree's versions, patches and config", async () => {
      const dir = libkrunfwTree('libkrunfw-good');
      const r = await runLibrary(treeInputs(dir, 'out-tree'), testPlatform(root, { cacheDir }), root);
      expect(path.basename(r.library)).toBe('libkrunfw.so.5.9.1');
      expect(r.soname).toBe('libkrunfw.so.5');
      expect(r.kernelVersion).toBe(cold.kernelVersion);
      expect(readFileSync(r.library).includes(Buffer.from(MARKER))).toBe(true);
      const unpacked = path.join(root, 'tree-release');
      mkdirSync(unpacked, { recursive: true });
      execFileSync('tar', ['-xf', r.sourceRelease!.tarball, '-C', unpacked]);
      const manifest = JSON.parse(readFileSync(path.join(unpacked, 'libkrunfw-5.9.1-generic-x86_64-source', 'manifest.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(manifest.recipe).toEqual({ kind: 'libkrunfw-tree' });
      expect(manifest.config).toMatchObject({ mode: 'full', given: ['config/given/01-config-libkrunfw_x86_64'] });
      expect(manifest.patches).toEqual(['patches/0001-init-mark-proc-version.patch']);
    }, 600_000);

    it('reports a tree patch that does not apply by name, file and hunk', async () => {
      const bad = [
        '--- a/init/version.c',
        '+++ b/init/version.c',
        '@@ -1,3 +1,3 @@',
        '-this line is not in the kernel',
        '+nor is this one',
        ' // SPDX-License-Identifier: GPL-2.0-only',
        '',
      ].join('\n');
      const dir = libkrunfwTree('libkrunfw-bad', bad);
      const err = await runLibrary(treeInputs(dir, 'out-tree-bad'), testPlatform(root, { cacheDir }), root).catch((e) => e);
      expect(err).toBeInstanceOf(PatchError);
      const message = (err as PatchError).message;
      expect(message).toContain(path.join(dir, 'patches', '0002-does-not-apply.patch'));
      expect(message).toMatch(/init\/version\.c/);
      expect(message).toMatch(/hunk #1/i);
      expect(existsSync(path.join(root, 'out-tree-bad')) ? readdirSync(path.join(root, 'out-tree-bad')) : []).toEqual([]);
    }, 600_000);
  });

  it('verify-source rebuilds the same library from the source release alone: no cache, another directory', async () => {
    const release = cold.sourceRelease!.tarball;
    expect(path.basename(release)).toBe('libkrunfw-5.4.0-generic-x86_64-source.tar');
    const verifyDir = path.join(root, 'elsewhere', 'verify');
    const rebuilt = await runLibrary({ 'verify-source': release, 'work-dir': verifyDir, jobs: '2' }, testPlatform(root), path.join(root, 'elsewhere'));
    expect(rebuilt.caches.map((c) => `${c.level}:${c.state}`)).toEqual(['source:off', 'output:off', 'tree:off', 'compiler:off']);
    expect(rebuilt.sha256).toBe(cold.sha256);
    expect(rebuilt.tarballSha256).toBe(cold.tarballSha256);
    // (Its own source release differs by design: its inputs are the release's numbered config copies.)
    // The door removes the whole work dir, the unpacked release with it.
    expect(existsSync(verifyDir)).toBe(false);
  }, 900_000);

  it.each([
    [
      'a patch changed',
      (dir: string) => {
        const p = path.join(dir, 'patches', '0001-init-mark-proc-version.patch');
        writeFileSync(p, readFileSync(p, 'utf8').replace('test series]', 'tampered]'));
      },
      /patches\/0001-init-mark-proc-version\.patch: changed/,
    ],
    ['a file missing', (dir: string) => rmSync(path.join(dir, 'config', 'final.config')), /config\/final\.config: missing/],
  ])(
    'verify-source refuses a release with %s, before building anything',
    async (name, tamper, why) => {
      const unpacked = path.join(root, `tamper-${name.replace(/\W+/g, '-')}`);
      mkdirSync(unpacked, { recursive: true });
      execFileSync('tar', ['-xf', cold.sourceRelease!.tarball, '-C', unpacked]);
      tamper(path.join(unpacked, 'libkrunfw-5.4.0-generic-x86_64-source'));
      const tampered = path.join(unpacked, 'tampered.tar');
      execFileSync('tar', ['-cf', tampered, '-C', unpacked, 'libkrunfw-5.4.0-generic-x86_64-source']);
      const err = await runLibrary({ 'verify-source': tampered, 'work-dir': path.join(unpacked, 'work'), jobs: '2' }, testPlatform(root), unpacked).catch(
        (e) => e,
      );
      expect(err).toBeInstanceOf(SourceReleaseError);
      expect((err as SourceReleaseError).message).toMatch(why);
      expect(existsSync(path.join(unpacked, 'work', 'build'))).toBe(false);
    },
    300_000,
  );
});

describe('a tarball that is not the one pinned', () => {
  it('stops before extracting anything, and leaves no library', async () => {
    const outDir = path.join(root, 'bad-out');
    const workDir = path.join(root, 'bad-work');
    const err = await runLibrary(
      { 'kernel-source': requireKernelTarball(), 'kernel-sha256': '0'.repeat(64), 'kernel-config': [SMALL_CONFIG], 'out-dir': outDir, 'work-dir': workDir },
      testPlatform(root),
      root,
    ).catch((e) => e);
    expect(err).toBeInstanceOf(ChecksumError);
    expect((err as ChecksumError).message).toContain(requireKernelTarball());
    expect((err as ChecksumError).message).toMatch(/expected 0{64}, got [0-9a-f]{64}/);
    expect(existsSync(path.join(workDir, 'src'))).toBe(false);
    expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]);
  }, 120_000);
});
