// The source release on small real files: contents, manifest, SBOM, reproducible
// bytes from two different directories, and tampering caught by the manifest.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRelease, readManifest } from '../src/release/manifest.ts';
import { releaseStage, type ReleaseInput } from '../src/pipeline/stages/release.ts';
import { sha256 } from '../src/util/hash.ts';
import { stageContext } from './support/context.ts';
import { tempDir } from './support/tmp.ts';

const root = tempDir('release');

function inputs(): ReleaseInput {
  const src = path.join(root, 'inputs');
  mkdirSync(path.join(src, 'patches'), { recursive: true });
  mkdirSync(path.join(src, 'lib'), { recursive: true });
  writeFileSync(path.join(src, 'linux-6.12.87.tar.xz'), 'pretend tarball bytes');
  writeFileSync(path.join(src, 'patches', '0002-b.patch'), 'second\n');
  writeFileSync(path.join(src, 'patches', '0001-a.patch'), 'first\n');
  writeFileSync(path.join(src, 'base.config'), 'CONFIG_PVH=y\n');
  writeFileSync(path.join(src, 'extra.config'), 'CONFIG_EXT2_FS=y\n');
  writeFileSync(path.join(src, 'final.config'), 'CONFIG_PVH=y\nCONFIG_EXT2_FS=y\n');
  for (const f of ['krunfw.c', 'kernel.S', 'Makefile']) writeFileSync(path.join(src, 'lib', f), `${f}\n`);
  writeFileSync(path.join(src, 'GPL-2.0'), 'GPL text\n');
  writeFileSync(path.join(src, 'LGPL-2.1'), 'LGPL text\n');
  return {
    outDir: path.join(root, 'out'),
    arch: 'x86_64',
    variant: 'generic',
    abiVersion: 5,
    version: '5.4.0',
    library: { file: 'libkrunfw.so.5.4.0', soname: 'libkrunfw.so.5', sha256: 'a'.repeat(64), payloadSha256: 'b'.repeat(64) },
    kernel: {
      version: '6.12.87',
      tarball: path.join(src, 'linux-6.12.87.tar.xz'),
      sha256: sha256('pretend tarball bytes'),
      origin: 'https://cdn.kernel.org/pub/linux/kernel/v6.x/linux-6.12.87.tar.xz',
    },
    patches: [path.join(src, 'patches', '0001-a.patch'), path.join(src, 'patches', '0002-b.patch')],
    config: { mode: 'fragments', files: [path.join(src, 'base.config'), path.join(src, 'extra.config')] },
    finalConfig: path.join(src, 'final.config'),
    librarySources: path.join(src, 'lib'),
    licenses: { gpl: path.join(src, 'GPL-2.0'), lgpl: path.join(src, 'LGPL-2.1') },
    blobs: [],
    toolchain: { gcc: 'gcc (Debian 12.2.0-14) 12.2.0' },
    reproducibility: { sourceDateEpoch: 1767225600, user: 'libkrunfw', host: 'libkrunfw' },
  };
}

function unpack(tarball: string, name: string): string {
  const dir = path.join(root, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  execFileSync('tar', ['-xf', tarball, '-C', dir]);
  return path.join(dir, 'libkrunfw-5.4.0-generic-x86_64-source');
}

describe('source release', () => {
  it('holds the tarball as given, the series in order, both configs, the library sources, licences, manifest and SBOM', async () => {
    const input = inputs();
    const out = await releaseStage.run(input, stageContext(path.join(root, 'w1')));
    expect(path.basename(out.tarball)).toBe('libkrunfw-5.4.0-generic-x86_64-source.tar');
    const dir = unpack(out.tarball, 'u1');
    expect(readFileSync(path.join(dir, 'linux', 'linux-6.12.87.tar.xz'), 'utf8')).toBe('pretend tarball bytes');
    expect(readFileSync(path.join(dir, 'patches', 'series'), 'utf8')).toBe('0001-a.patch\n0002-b.patch\n');
    expect(readFileSync(path.join(dir, 'config', 'given', '02-extra.config'), 'utf8')).toBe('CONFIG_EXT2_FS=y\n');
    expect(readFileSync(path.join(dir, 'config', 'final.config'), 'utf8')).toContain('CONFIG_PVH=y');
    expect(readFileSync(path.join(dir, 'LICENSES', 'GPL-2.0-only.txt'), 'utf8')).toBe('GPL text\n');
    expect(readFileSync(path.join(dir, 'libkrunfw', 'payload.py'), 'utf8')).toMatch(/^#!\/usr\/bin\/env python3/);

    const m = readManifest(dir);
    expect(m.library.sha256).toBe('a'.repeat(64));
    expect(m.kernel).toMatchObject({ version: '6.12.87', tarball: 'linux/linux-6.12.87.tar.xz' });
    expect(m.patches).toEqual(['patches/0001-a.patch', 'patches/0002-b.patch']);
    expect(m.files.map((f) => f.path)).toContain('sbom.spdx.json');
    expect(m.files.find((f) => f.path === 'patches/0001-a.patch')!.sha256).toBe(sha256('first\n'));
    expect(await checkRelease(dir, m)).toEqual([]);

    const sbom = JSON.parse(readFileSync(path.join(dir, 'sbom.spdx.json'), 'utf8'));
    expect(sbom.spdxVersion).toBe('SPDX-2.3');
    expect(
      sbom.packages.map((p: { name: string; versionInfo: string; licenseConcluded: string }) => `${p.name} ${p.versionInfo} ${p.licenseConcluded}`),
    ).toEqual(['libkrunfw 5.4.0 LGPL-2.1-only AND GPL-2.0-only', 'linux 6.12.87 GPL-2.0-only']);
    expect(sbom.files.map((f: { fileName: string }) => f.fileName)).toEqual(['./patches/0001-a.patch', './patches/0002-b.patch']);
    expect(sbom.creationInfo.created).toBe('2026-01-01T00:00:00Z');
  });

  it('is the same bytes when written from another directory at another time', async () => {
    const a = await releaseStage.run(inputs(), stageContext(path.join(root, 'wa')));
    const bytesA = readFileSync(a.tarball);
    await new Promise((r) => setTimeout(r, 1100));
    const b = await releaseStage.run({ ...inputs(), outDir: path.join(root, 'out-b') }, stageContext(path.join(root, 'elsewhere', 'wb')));
    expect(b.sha256).toBe(a.sha256);
    expect(readFileSync(b.tarball).equals(bytesA)).toBe(true);
  });

  it('names each file that was changed, removed or added against the manifest', async () => {
    const out = await releaseStage.run(inputs(), stageContext(path.join(root, 'w3')));
    const dir = unpack(out.tarball, 'u3');
    const m = readManifest(dir);
    writeFileSync(path.join(dir, 'patches', '0002-b.patch'), 'second, edited\n');
    rmSync(path.join(dir, 'LICENSES', 'LGPL-2.1-only.txt'));
    writeFileSync(path.join(dir, 'patches', '0003-sneaky.patch'), 'x\n');
    expect(await checkRelease(dir, m)).toEqual([
      'LICENSES/LGPL-2.1-only.txt: missing (the manifest lists it)',
      `patches/0002-b.patch: changed (its sha256 is not the manifest's ${sha256('second\n')})`,
      'patches/0003-sneaky.patch: not in the manifest',
    ]);
  });
});
