// The package step: the install tarball is made reproducibly, or taken from an
// output cache entry that kept the one made of the same bytes with the same epoch.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageStage, type PackageInput } from '../../src/pipeline/stages/package.ts';
import { sha256 } from '../../src/util/hash.ts';
import { stageContext } from '../support/context.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('package');
const library = path.join(root, 'libkrunfw.so.5.4.0');
writeFileSync(library, Buffer.alloc(256 * 1024, 0x5a));

const input = (name: string, extra: Partial<PackageInput> = {}): PackageInput => ({
  library,
  fileName: 'libkrunfw.so.5.4.0',
  soname: 'libkrunfw.so.5',
  variant: 'generic',
  abiVersion: 5,
  version: '5.4.0',
  arch: 'x86_64',
  outDir: path.join(root, name, 'out'),
  sourceDateEpoch: 1_700_000_000,
  ...extra,
});

const run = (name: string, extra?: Partial<PackageInput>) => {
  const ctx = stageContext(path.join(root, name, 'work'));
  return packageStage.run(input(name, extra), ctx).then((o) => ({ o, log: ctx.log.text() }));
};

describe('package', () => {
  it('makes the same install tarball twice, holding lib64/ with the soname links', async () => {
    const [a, b] = [await run('a'), await run('b')];
    expect(a.o.tarballSha256).toBe(b.o.tarballSha256);
    expect(sha256(readFileSync(a.o.tarball))).toBe(a.o.tarballSha256);
    const listing = execFileSync('tar', ['-tvzf', a.o.tarball], { encoding: 'utf8' });
    expect(listing).toMatch(/lib64\/libkrunfw\.so\.5 -> libkrunfw\.so\.5\.4\.0/);
    expect(listing).toMatch(/lib64\/libkrunfw\.so -> libkrunfw\.so\.5/);
  });

  it("reuses the output entry's tarball made with the same epoch, and makes its own when the entry's had another", async () => {
    const made = await run('made');
    // A kept file with bytes of its own: only a copy of it can give these bytes.
    const kept = path.join(root, 'kept');
    mkdirSync(kept, { recursive: true });
    const marker = Buffer.from('kept install tarball');
    writeFileSync(path.join(kept, 'libkrunfw-x86_64.tgz'), marker);
    const files = [{ name: 'libkrunfw-x86_64.tgz', sha256: sha256(marker) }];

    const reused = await run('reused', { kept: { dir: kept, sourceDateEpoch: 1_700_000_000, files } });
    expect(readFileSync(reused.o.tarball)).toEqual(marker);
    expect(reused.o.tarballSha256).toBe(sha256(marker));
    expect(reused.log).toMatch(/libkrunfw-x86_64\.tgz: the output cache entry's/);

    const other = await run('other-epoch', { kept: { dir: kept, sourceDateEpoch: 1, files } });
    expect(other.o.tarballSha256).not.toBe(sha256(marker));
    expect(other.log).not.toMatch(/output cache entry/);
    expect(other.o.tarballSha256).toBe(made.o.tarballSha256);
  });

  it('leaves no .partial file in out-dir', async () => {
    const { o } = await run('clean');
    expect(readdirSync(path.dirname(o.tarball)).sort()).toEqual(['libkrunfw-x86_64.tgz', 'libkrunfw.so.5.4.0']);
  });
});
