// Changing any input that can change the library's bytes must miss the output cache.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionIdentity, outputFingerprint } from '../../src/cache/fingerprint.ts';
import { canonicalJson, compilerCacheKeys, outputCacheKey, sourceCacheKey, type OutputFingerprint } from '../../src/cache/keys.ts';
import type { BuildRequest } from '../../src/request/types.ts';
import { readSeries } from '../../src/request/series.ts';
import type { ToolchainIdentity } from '../../src/toolchain.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('keys');
const SHA = 'c'.repeat(64);
const toolchain: ToolchainIdentity = { tools: { gcc: 'gcc (Debian 12.2.0-14) 12.2.0', ld: 'GNU ld 2.40' }, id: 'x' };

/** A request over real files, with each piece in its own directory so a variant can change one. */
function setup(name: string, edit: (dir: string) => void = () => {}): BuildRequest {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, 'patches'), { recursive: true });
  writeFileSync(path.join(dir, 'patches', 'a.patch'), 'patch a\n');
  writeFileSync(path.join(dir, 'patches', 'b.patch'), 'patch b\n');
  writeFileSync(path.join(dir, 'patches', 'series'), 'a.patch\nb.patch\n');
  writeFileSync(path.join(dir, 'one.config'), 'CONFIG_PVH=y\n');
  edit(dir);
  return {
    mode: 'build',
    recipe: { kind: 'project' },
    arch: 'x86_64',
    variant: 'generic',
    host: 'linux',
    kernel: { source: { kind: 'url', url: 'https://cdn.kernel.org/x.tar.xz' }, sha256: SHA },
    patches: readSeries(path.join(dir, 'patches')),
    config: { mode: 'fragments', files: [path.join(dir, 'one.config')] },
    abiVersion: 5,
    version: '5.4.0',
    reproducibility: { sourceDateEpoch: 1767225600, user: 'libkrunfw', host: 'libkrunfw' },
    jobs: 2,
    outDir: path.join(dir, 'out'),
    workDir: path.join(dir, 'work'),
    keepWorkDir: false,
    cache: { source: true, compiler: true, output: true, tree: true, ccacheMaxSize: '2G' },
    upload: false,
    retentionDays: 0,
    bootTest: 'off',
  };
}

/** An SEV request over the blobs in the request's directory (written by setup unless changed). */
function withBlobs(r: BuildRequest): BuildRequest {
  const dir = path.dirname(r.outDir);
  const file = (name: string, bytes: Buffer | string): string => {
    const p = path.join(dir, name);
    if (!existsSync(p)) writeFileSync(p, bytes);
    return p;
  };
  return {
    ...r,
    variant: 'sev',
    blobs: {
      qboot: { file: file('bios.bin', Buffer.alloc(65536)), origin: 'test' },
      initrd: { file: file('initrd.gz', 'initrd v1'), origin: 'test' },
    },
  };
}

const keyOf = async (r: BuildRequest, tc = toolchain): Promise<string> => outputCacheKey(outputFingerprint(r, tc, r.kernel.sha256!));

describe('output cache key', () => {
  it('is the same for the same inputs in another directory, and ignores jobs and paths', async () => {
    const a = setup('same-a');
    const b = { ...setup('same-b'), jobs: 7, outDir: '/elsewhere' };
    expect(await keyOf(b)).toBe(await keyOf(a));
  });

  const variants: [string, (r: BuildRequest) => BuildRequest | Promise<BuildRequest>][] = [
    ['the tarball sha256', (r) => ({ ...r, kernel: { ...r.kernel, sha256: 'd'.repeat(64) } })],
    ["a patch's contents", () => setup('patch-content', (d) => writeFileSync(path.join(d, 'patches', 'b.patch'), 'patch b, v2\n'))],
    ['the patch order', () => setup('patch-order', (d) => writeFileSync(path.join(d, 'patches', 'series'), 'b.patch\na.patch\n'))],
    [
      'a patch added',
      () =>
        setup('patch-added', (d) => {
          writeFileSync(path.join(d, 'patches', 'c.patch'), 'patch c\n');
          writeFileSync(path.join(d, 'patches', 'series'), 'a.patch\nb.patch\nc.patch\n');
        }),
    ],
    ['no patches', (r) => ({ ...r, patches: [] })],
    ["the config's contents", () => setup('config', (d) => writeFileSync(path.join(d, 'one.config'), 'CONFIG_PVH=n\n'))],
    ['the config mode', (r) => ({ ...r, config: { ...r.config, mode: 'full' } })],
    ['the ABI version', (r) => ({ ...r, abiVersion: 6, version: '6.0.0' })],
    ['the library version', (r) => ({ ...r, version: '5.4.1' })],
    ['SOURCE_DATE_EPOCH', (r) => ({ ...r, reproducibility: { ...r.reproducibility, sourceDateEpoch: 1 } })],
    ['the build user', (r) => ({ ...r, reproducibility: { ...r.reproducibility, user: 'someone' } })],
    ['the build host', (r) => ({ ...r, reproducibility: { ...r.reproducibility, host: 'elsewhere' } })],
    ['the architecture', (r) => ({ ...r, arch: 'aarch64' })],
    ['the variant', (r) => ({ ...r, variant: 'sev' })],
    ["the qboot firmware's contents", () => withBlobs(setup('qboot', (d) => writeFileSync(path.join(d, 'bios.bin'), Buffer.alloc(65536, 1))))],
    ["the initrd's contents", () => withBlobs(setup('initrd', (d) => writeFileSync(path.join(d, 'initrd.gz'), 'initrd v2')))],
  ];

  it.each(variants)('changes with %s', async (_what, change) => {
    const plain = setup(`base-${_what.replace(/\W+/g, '-')}`);
    const base = /qboot|initrd/.test(_what) ? withBlobs(plain) : plain;
    expect(await keyOf(await change(base))).not.toBe(await keyOf(base));
  });

  it('changes with the toolchain', async () => {
    const r = setup('toolchain');
    expect(await keyOf(r, { ...toolchain, tools: { ...toolchain.tools, gcc: 'gcc 13.1.0' } })).not.toBe(await keyOf(r));
  });

  it("changes with the bundle format and with this action's code", async () => {
    const f: OutputFingerprint = outputFingerprint(setup('format'), toolchain, SHA);
    expect(outputCacheKey({ ...f, format: f.format + 1 })).not.toBe(outputCacheKey(f));
    expect(outputCacheKey({ ...f, action: `${f.action}x` })).not.toBe(outputCacheKey(f));
    expect(actionIdentity()).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{16}$/);
  });

  it('hashes canonical JSON: key order does not matter, nested values do', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,2]},"b":1}');
    expect(canonicalJson({ a: [{ y: 1, x: 2 }] })).not.toBe(canonicalJson({ a: [{ y: 2, x: 1 }] }));
  });
});

describe('source and compiler keys', () => {
  it('key the tarball by sha256 alone', () => {
    expect(sourceCacheKey(SHA)).toBe(`libkrunfw-source-${SHA}`);
  });
  it('give every run a new ccache key that falls back to the newest of the same target', () => {
    const k = { arch: 'x86_64', variant: 'generic', kernelVersion: '6.12.87', toolchainId: 'abc' } as const;
    const a = compilerCacheKeys(k, new Date('2026-11-24T10:00:00Z'));
    const b = compilerCacheKeys(k, new Date('2026-11-24T10:00:01Z'));
    expect(a.primary).not.toBe(b.primary);
    expect(a.restore).toEqual(['libkrunfw-ccache-x86_64-6.12.87-abc-generic-', 'libkrunfw-ccache-x86_64-6.12.87-abc-', 'libkrunfw-ccache-x86_64-']);
    expect(a.primary.startsWith(a.restore[0]!)).toBe(true);
  });

  /** The first restore key of `k` that `saved` matches, by prefix as the stores match; -1 for none. */
  const firstMatch = (k: Parameters<typeof compilerCacheKeys>[0], saved: string): number =>
    compilerCacheKeys(k, new Date()).restore.findIndex((p) => saved.startsWith(p));
  const generic = { arch: 'x86_64', variant: 'generic', kernelVersion: '6.12.87', toolchainId: 'abc' } as const;
  const genericEntry = compilerCacheKeys(generic, new Date('2026-11-24T10:00:00Z')).primary;

  it("let a variant's first build restore another variant's entry of the same arch, kernel and toolchain, after its own", () => {
    expect(firstMatch({ ...generic, variant: 'sev' }, genericEntry)).toBe(1);
    expect(firstMatch({ ...generic, variant: 'tdx' }, genericEntry)).toBe(1);
    expect(firstMatch(generic, genericEntry)).toBe(0);
  });

  it('share no entry across architectures, and another kernel or toolchain only through the last, widest key', () => {
    expect(firstMatch({ ...generic, arch: 'aarch64' }, genericEntry)).toBe(-1);
    expect(firstMatch({ ...generic, variant: 'sev', kernelVersion: '6.12.88' }, genericEntry)).toBe(2);
    expect(firstMatch({ ...generic, variant: 'sev', toolchainId: 'abd' }, genericEntry)).toBe(2);
    // 6.12.8 is a prefix of 6.12.87 as text, not as a version.
    expect(firstMatch({ ...generic, kernelVersion: '6.12.8' }, genericEntry)).toBe(2);
  });
});
