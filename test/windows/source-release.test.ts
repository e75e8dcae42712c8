// The source release's own rebuild, per host, without a kernel build: a tiny
// tree whose Makefile stands in for kbuild hands build.sh a real vmlinux-shaped
// ELF; build.sh then runs the release's payload.py and the library's Makefile
// (mingw for windows) and must make the very library the pipeline linked.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleStage } from '../../src/pipeline/stages/bundle.ts';
import { linkStage } from '../../src/pipeline/stages/link.ts';
import { releaseStage } from '../../src/pipeline/stages/release.ts';
import { inputsFromRelease } from '../../src/release/verify-source.ts';
import type { Host } from '../../src/target.ts';
import { targetToolchain, toolchainIdentity } from '../../src/toolchain.ts';
import { sha256File } from '../../src/util/hash.ts';
import { stageContext } from '../support/context.ts';
import { buildKernelLikeElf } from '../support/elf-fixtures.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('windows-source-release');

/** A kernel tarball whose Makefile keeps .config and "builds" vmlinux by copying the fixture ELF in. */
function fakeKernelTarball(dir: string, elf: string): string {
  const tree = path.join(dir, 'linux-9.9');
  mkdirSync(tree, { recursive: true });
  copyFileSync(elf, path.join(tree, 'vmlinux.fixture'));
  writeFileSync(path.join(tree, 'Makefile'), 'olddefconfig:\n\t@true\nvmlinux:\n\tcp vmlinux.fixture vmlinux\n');
  const tarball = path.join(dir, 'linux-9.9.tar');
  execFileSync('tar', ['-cf', tarball, '-C', dir, 'linux-9.9']);
  return tarball;
}

describe('the source release rebuilds the library of its host', () => {
  it.each([
    ['linux', 'libkrunfw.so.5.4.0', 'libkrunfw-5.4.0-generic-x86_64-source', 0x10000],
    ['windows', 'libkrunfw.dll', 'libkrunfw-5.4.0-generic-windows-x86_64-source', 0x1000],
  ] as const)(
    "%s: build.sh makes %s with the same sha256, from a payload at the host's alignment",
    async (host: Host, file, name, align) => {
      const dir = path.join(root, host);
      const inputs = path.join(dir, 'inputs');
      mkdirSync(inputs, { recursive: true });
      const elf = (await buildKernelLikeElf()).file;
      const tarball = fakeKernelTarball(inputs, elf);
      for (const f of ['GPL-2.0', 'LGPL-2.1', 'final.config']) writeFileSync(path.join(inputs, f), `${f}\n`);

      const bundled = await bundleStage.run({ image: elf, arch: 'x86_64', host }, stageContext(path.join(dir, 'bundle')));
      // The fixture's last segment ends at 0x401000: 4 KiB padding keeps that, 64 KiB makes it 0x410000.
      expect(bundled.size).toBe(Math.ceil(0x401000 / align) * align);
      const linked = await linkStage.run(
        { ...bundled, variant: 'generic', host, arch: 'x86_64', abiVersion: 5, version: '5.4.0' },
        stageContext(path.join(dir, 'link')),
      );
      expect(linked.fileName).toBe(file);
      const librarySha = await sha256File(linked.library);

      const released = await releaseStage.run(
        {
          outDir: path.join(dir, 'out'),
          arch: 'x86_64',
          variant: 'generic',
          host,
          abiVersion: 5,
          version: '5.4.0',
          library: { file, soname: linked.soname, sha256: librarySha, payloadSha256: bundled.sha256 },
          kernel: { version: '9.9', tarball, sha256: await sha256File(tarball), origin: 'test' },
          patches: [],
          config: { mode: 'full', files: [path.join(inputs, 'final.config')] },
          finalConfig: path.join(inputs, 'final.config'),
          librarySources: linked.sourceDir,
          blobs: [],
          licenses: { gpl: path.join(inputs, 'GPL-2.0'), lgpl: path.join(inputs, 'LGPL-2.1') },
          toolchain: (await targetToolchain('x86_64', host)).tools,
          reproducibility: { sourceDateEpoch: 1767225600, user: 'libkrunfw', host: 'libkrunfw' },
        },
        stageContext(path.join(dir, 'release')),
      );
      expect(path.basename(released.tarball)).toBe(`${name}.tar`);
      expect(released.manifest.host).toBe(host);
      // verify-source asks the resolver for a build of the same host.
      expect(inputsFromRelease('/r', released.manifest, { workDir: '/w', jobs: 2 }).host).toBe(host);

      const unpacked = path.join(dir, 'unpacked');
      mkdirSync(unpacked);
      execFileSync('tar', ['-xf', released.tarball, '-C', unpacked]);
      const build = path.join(dir, 'rebuild');
      mkdirSync(build);
      // A machine that is not x86_64 would reach for a cross prefix: this one is, and the empty one is set.
      const r = spawnSync('sh', [path.join(unpacked, name, 'build.sh')], { cwd: build, encoding: 'utf8', env: { ...process.env, CROSS_COMPILE: '' } });
      expect(r.status, r.stderr).toBe(0);
      expect(readFileSync(path.join(build, 'libkrunfw', 'kernel.bin')).equals(readFileSync(bundled.payloadFile))).toBe(true);
      expect(await sha256File(path.join(build, 'libkrunfw', file))).toBe(librarySha);
    },
    120_000,
  );
});

describe("the toolchain behind a library's cache key and manifest", () => {
  it("holds mingw's gcc and ld for windows, and is unchanged for linux", async () => {
    const linux = await targetToolchain('x86_64', 'linux');
    expect(linux).toEqual(await toolchainIdentity('gcc', ''));
    const windows = await targetToolchain('x86_64', 'windows');
    expect(Object.keys(windows.tools)).toEqual([...Object.keys(linux.tools), 'x86_64-w64-mingw32-gcc', 'x86_64-w64-mingw32-ld']);
    // Debian's mingw gcc names only its major version ("12-win32"): the digest of its cc1 names the build.
    expect(windows.tools['x86_64-w64-mingw32-gcc']).toMatch(/^x86_64-w64-mingw32-gcc .*; cc1 sha256 [0-9a-f]{16}$/);
    expect(windows.tools['x86_64-w64-mingw32-ld']).toMatch(/^GNU ld/);
    expect(windows.id).not.toBe(linux.id);
  });
});
