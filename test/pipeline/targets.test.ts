// Every target through bundle → link → verify → package, on inputs the real
// toolchains make: arm64 and riscv64 Images assembled by the cross binutils (the
// libraries are cross-linked and verified under qemu-user), and SEV/TDX
// libraries with a qboot image assembled by `as` and an initrd made by cpio.
// Python's ctypes (not our probe) reads the blobs back for an independent check.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ElfError, VerifyError } from '../../src/errors.ts';
import { executeLibrary } from '../support/library-run.ts';
import { QBOOT_SIZE } from '../../src/request/blobs.ts';
import { verifyStage } from '../../src/pipeline/stages/verify.ts';
import type { BundleRequest } from '../../src/request/types.ts';
import { archFacts, targetTools, type Arch, type Variant } from '../../src/target.ts';
import { buildInitrd, buildQboot } from '../support/blobs.ts';
import { buildKernelLikeElf } from '../support/elf-fixtures.ts';
import { bundleRequest, stageContext, testPlatform } from '../support/context.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('targets');
const hasClang = spawnSync('clang', ['--version']).status === 0 && spawnSync('llvm-nm', ['--version']).status === 0;

/** Keeps the work dir: the tests read what verify and bundle left there. */
const request = (image: string, name: string, extra: Partial<BundleRequest> = {}): BundleRequest =>
  bundleRequest(root, image, name, { keepWorkDir: true, ...extra });

/** The header fields a raw Image starts with, in the target's assembler syntax. */
const IMAGE_HEADERS: Record<'aarch64' | 'riscv64', string> = {
  // code0/code1, text_offset, image_size, flags, res2-4, then "ARM\x64" at 0x38.
  aarch64: `.org 0x38\n\t.ascii "ARM\\x64"\n\t.long 0\n`,
  // code0/code1, text_offset, image_size, flags, version, res1, res2, "RISCV\0\0\0" at 0x30, "RSC\x05" at 0x38.
  riscv64: `.org 0x30\n\t.ascii "RISCV\\0\\0\\0"\n\t.ascii "RSC\\x05"\n\t.long 0\n`,
};

/** A raw Image made the way the kernel makes one: assembled, linked at 0, objcopy -O binary. */
function buildImage(arch: 'aarch64' | 'riscv64', name: string, bodyBytes = 200_000, withMagic = true): { file: string; bytes: Buffer } {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  const t = archFacts(arch).triplet;
  const src = path.join(dir, 'head.S');
  // A recognisable body: bytes counting up, so a shifted or truncated copy shows.
  writeFileSync(
    src,
    `\t.text\n_head:\n${withMagic ? IMAGE_HEADERS[arch] : '.org 0x40\n'}\t.rept ${bodyBytes / 4}\n\t.long 0x6b72756e + (. - _head)\n\t.endr\n`,
  );
  execFileSync(`${t}-as`, ['-o', path.join(dir, 'head.o'), src]);
  execFileSync(`${t}-ld`, ['-Ttext=0', '-e', '0', '-o', path.join(dir, 'head.elf'), path.join(dir, 'head.o')]);
  const file = path.join(dir, 'Image');
  execFileSync(`${t}-objcopy`, ['-O', 'binary', path.join(dir, 'head.elf'), file]);
  return { file, bytes: readFileSync(file) };
}

describe.each(['aarch64', 'riscv64'] as const)('%s, cross-built from this host and verified under qemu-user', (arch) => {
  it('bundles the raw Image at 0x80000000 into a library for the target', async () => {
    const image = buildImage(arch, `${arch}-good`);
    // A made-up Image is no kernel: the virt boot has its own tests (test/boot/virt.test.ts).
    const req = request(image.file, `${arch}-good`, { arch, bootTest: 'off' });
    const result = await executeLibrary(req, testPlatform(root));
    expect(result.stages.map((s) => `${s.name}:${s.status}`)).toEqual([
      'bundle:passed',
      'link:passed',
      'verify:passed',
      'measure:skipped',
      'boot:skipped',
      'package:passed',
    ]);
    expect(result.stages.find((s) => s.name === 'boot')!.summary).toMatch(/boot-test is false/);

    // binutils says the library is for the target, with the soname and a writable 64 KiB-aligned LOAD.
    const header = execFileSync('readelf', ['-hW', result.library], { encoding: 'utf8' });
    expect(header).toMatch(arch === 'aarch64' ? /Machine:\s+AArch64/ : /Machine:\s+RISC-V/);
    expect(execFileSync('readelf', ['-dW', result.library], { encoding: 'utf8' })).toContain('Library soname: [libkrunfw.so.5]');
    expect(execFileSync('readelf', ['-lW', result.library], { encoding: 'utf8' })).toMatch(/LOAD .* RW {2}0x10000/);

    // What the verify stage got from the library under qemu-user is the Image, padded.
    const handed = readFileSync(path.join(req.workDir, 'verify', 'payload-from-library.bin'));
    expect(handed.length).toBe(Math.ceil(image.bytes.length / 0x10000) * 0x10000);
    expect(handed.subarray(0, image.bytes.length).equals(image.bytes)).toBe(true);
    expect(handed.subarray(image.bytes.length).every((b) => b === 0)).toBe(true);
    const checks = readFileSync(path.join(req.workDir, 'verify', 'krunfw-probe.c'), 'utf8');
    expect(checks).toContain('dlopen');
    expect(execFileSync('tar', ['-tzf', result.tarball], { encoding: 'utf8' })).toContain(`lib64/libkrunfw.so.5.4.0`);
    expect(path.basename(result.tarball)).toBe(`libkrunfw-${arch}.tgz`);

    if (arch === 'aarch64') {
      // The macOS bundle: the generated krunfw.c and the Mach-O assembly, which clang compiles together.
      expect(path.basename(result.prebuilt!.tarball)).toBe('libkrunfw-prebuilt-aarch64.tgz');
      const files = execFileSync('tar', ['-tzf', result.prebuilt!.tarball], { encoding: 'utf8' }).trim().split('\n').sort();
      expect(files).toEqual([
        'libkrunfw-prebuilt-aarch64/',
        ...['build-macos.sh', 'kernel-macos.S', 'kernel.bin', 'krunfw.c'].map((f) => `libkrunfw-prebuilt-aarch64/${f}`),
      ]);
      const unpacked = path.join(root, `${arch}-good`, 'prebuilt');
      mkdirSync(unpacked, { recursive: true });
      execFileSync('tar', ['-xzf', result.prebuilt!.tarball, '-C', unpacked]);
      const src = path.join(unpacked, 'libkrunfw-prebuilt-aarch64');
      if (hasClang) {
        for (const f of ['krunfw.c', 'kernel-macos.S']) {
          execFileSync('clang', ['-target', 'arm64-apple-macos11', '-c', '-o', path.join(src, `${f}.o`), f], { cwd: src });
        }
        const nm = execFileSync('llvm-nm', [path.join(src, 'krunfw.c.o'), path.join(src, 'kernel-macos.S.o')], { encoding: 'utf8' });
        expect(nm).toMatch(/ T _krunfw_get_kernel/);
        expect(nm).toMatch(/ U _krunfw_kernel_payload/);
        expect(nm).toMatch(/ [DdSs] _krunfw_kernel_payload/);
      }
      const refused = spawnSync('sh', [path.join(src, 'build-macos.sh')], { encoding: 'utf8' });
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toMatch(/must run on macOS/);
    } else {
      expect(result.prebuilt).toBeUndefined();
    }
  });

  it('catches a library whose load address is not the Image convention', async () => {
    const image = buildImage(arch, `${arch}-addr`);
    const req = request(image.file, `${arch}-addr`, { arch });
    const result = await executeLibrary(req, testPlatform(root));
    const err = await verifyStage
      .run(
        {
          library: result.library,
          soname: 'libkrunfw.so.5',
          abiVersion: 5,
          loadAddr: 0x40000000n,
          entryAddr: 0x80000000n,
          payloadFile: path.join(req.workDir, 'bundle', 'kernel.bin'),
          tools: targetTools(arch as Arch),
        },
        stageContext(path.join(root, `${arch}-addr`, 'verify')),
      )
      .catch((e) => e);
    expect(err).toBeInstanceOf(VerifyError);
    expect((err as VerifyError).mismatches).toEqual(['load_addr = 0x80000000, expected 0x40000000']);
  });

  it('refuses a vmlinux or an Image without the header magic, naming the file', async () => {
    const vmlinux = await buildKernelLikeElf(arch);
    const err = await executeLibrary(request(vmlinux.file, `${arch}-elf`, { arch }), testPlatform(root)).catch((e) => e);
    expect(err).toBeInstanceOf(ElfError);
    expect((err as Error).message).toContain(`${vmlinux.file}: is an ELF file (a vmlinux?); ${arch} takes the raw Image`);
    const bare = buildImage(arch, `${arch}-nomagic`, 4096, false);
    const err2 = await executeLibrary(request(bare.file, `${arch}-nomagic`, { arch }), testPlatform(root)).catch((e) => e);
    expect((err2 as Error).message).toMatch(new RegExp(`Image: is not a ${arch} kernel Image: the header lacks the magic`));
  });
});

const CTYPES_BLOBS = `
import ctypes, json, sys
lib = ctypes.CDLL(sys.argv[1])
out = {}
for name in ("qboot", "initrd"):
    fn = getattr(lib, "krunfw_get_" + name)
    fn.restype = ctypes.c_void_p
    fn.argtypes = [ctypes.POINTER(ctypes.c_size_t)]
    size = ctypes.c_size_t()
    ptr = fn(ctypes.byref(size))
    open(sys.argv[2] + "." + name, "wb").write(ctypes.string_at(ptr, size.value))
    out[name] = {"size": size.value, "aligned": ptr % 65536 == 0}
print(json.dumps(out))
`;

/** A kernel-like ELF bundled as `variant` with a test-made qboot and initrd, under root/name. */
async function bundleWithBlobs(variant: Variant, name: string) {
  const dir = path.join(root, name);
  const qboot = buildQboot(path.join(dir, 'blobs'));
  const initrd = buildInitrd(path.join(dir, 'blobs'));
  const built = await buildKernelLikeElf();
  const req = request(built.file, name, {
    variant,
    blobs: { qboot: { file: qboot, origin: 'test qboot' }, initrd: { file: initrd, origin: 'test initrd' } },
  });
  return { dir, qboot, initrd, built, req, result: await executeLibrary(req, testPlatform(root)) };
}

describe.each(['sev', 'tdx'] as const)('the %s variant', (variant: Variant) => {
  it('links qboot and the initrd beside the kernel, each padded and aligned, under its own names', async () => {
    const { dir, qboot, initrd, result } = await bundleWithBlobs(variant, `${variant}-good`);
    expect(path.basename(result.library)).toBe(`libkrunfw-${variant}.so.5.4.0`);
    expect(result.soname).toBe(`libkrunfw-${variant}.so.5`);
    expect(path.basename(result.tarball)).toBe(`libkrunfw-${variant}-x86_64.tgz`);
    const listing = execFileSync('tar', ['-tvzf', result.tarball], { encoding: 'utf8' });
    expect(listing).toContain(`lib64/libkrunfw-${variant}.so.5 -> libkrunfw-${variant}.so.5.4.0`);
    expect(listing).toContain(`lib64/libkrunfw-${variant}.so -> libkrunfw-${variant}.so.5`);

    const syms = execFileSync('readelf', ['--dyn-syms', '-W', result.library], { encoding: 'utf8' });
    for (const fn of ['krunfw_get_kernel', 'krunfw_get_version', 'krunfw_get_qboot', 'krunfw_get_initrd']) expect(syms).toContain(fn);

    // Read back by ctypes, not by our probe.
    const prefix = path.join(dir, 'ctypes');
    const report = JSON.parse(execFileSync('python3', ['-c', CTYPES_BLOBS, result.library, prefix], { encoding: 'utf8' })) as Record<
      string,
      { size: number; aligned: boolean }
    >;
    expect(report.qboot).toEqual({ size: QBOOT_SIZE, aligned: true });
    expect(readFileSync(`${prefix}.qboot`).equals(readFileSync(qboot))).toBe(true);
    const initrdBytes = readFileSync(initrd);
    expect(report.initrd).toEqual({ size: Math.ceil(initrdBytes.length / 0x10000) * 0x10000, aligned: true });
    const handed = readFileSync(`${prefix}.initrd`);
    expect(handed.subarray(0, initrdBytes.length).equals(initrdBytes)).toBe(true);
    expect(handed.subarray(initrdBytes.length).every((b) => b === 0)).toBe(true);
    // The bytes before the padding are the archive (the kernel skips the zeros after it).
    expect(execFileSync('gzip', ['-dc'], { input: initrdBytes }).includes(Buffer.from('test-made initrd'))).toBe(true);
  });

  it('fails verification when the library hands out other qboot bytes', async () => {
    const { dir, built, req, result } = await bundleWithBlobs(variant, `${variant}-tampered`);
    const lib = readFileSync(result.library);
    const at = lib.indexOf(Buffer.from('test-made qboot stand-in'));
    expect(at).toBeGreaterThan(0);
    lib[at] = lib[at]! ^ 0xff;
    const tampered = path.join(dir, `libkrunfw-${variant}.so.5.4.0`);
    writeFileSync(tampered, lib);
    const bundleDir = path.join(req.workDir, 'bundle');
    const err = await verifyStage
      .run(
        {
          library: tampered,
          soname: `libkrunfw-${variant}.so.5`,
          abiVersion: 5,
          loadAddr: 0x1000000n,
          entryAddr: built.entry,
          payloadFile: path.join(bundleDir, 'kernel.bin'),
          blobs: [
            { name: 'qboot', payloadFile: path.join(bundleDir, 'qboot.bin') },
            { name: 'initrd', payloadFile: path.join(bundleDir, 'initrd.bin') },
          ],
        },
        stageContext(path.join(dir, 'verify')),
      )
      .catch((e) => e);
    expect(err).toBeInstanceOf(VerifyError);
    expect((err as VerifyError).mismatches).toEqual([`the qboot bytes differ from what was bundled, first at offset ${at % 0x10000}`]);
  });
});
