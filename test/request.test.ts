// One table: raw inputs (as either door reads them) → the request, or the error.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.ts';
import { RECIPE } from '../src/recipe.ts';
import { resolveBuildRequest, resolveBundleRequest, resolveVerifySourceRequest, type BuildRequest, type RequestEnvironment } from '../src/request/build-request.ts';
import { parseArgv } from '../src/request/from-argv.ts';
import type { RawBuildInputs } from '../src/request/inputs.ts';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'libkrunfw-request-'));
writeFileSync(path.join(cwd, 'linux.tar.xz'), 'not really');
writeFileSync(path.join(cwd, 'frag.config'), 'CONFIG_PVH=y\n');
writeFileSync(path.join(cwd, 'full.config'), '#\n# Automatically generated file; DO NOT EDIT.\n# Linux/x86 6.12 Kernel Configuration\n#\nCONFIG_PVH=y\n');
mkdirSync(path.join(cwd, 'frags'));
writeFileSync(path.join(cwd, 'frags', '20-b.config'), '');
writeFileSync(path.join(cwd, 'frags', '10-a.config'), '');
writeFileSync(path.join(cwd, 'frags', 'README'), '');
writeFileSync(path.join(cwd, 'vmlinux'), '');
writeFileSync(path.join(cwd, 'bios.bin'), Buffer.alloc(65536));
writeFileSync(path.join(cwd, 'small-bios.bin'), Buffer.alloc(4096));
writeFileSync(path.join(cwd, 'initrd.gz'), gzipSync('070701'));

const env: RequestEnvironment = { cwd, tempDir: '/tmp/rt', cpuCount: 4, hostArch: 'x64' };
const SHA = 'a'.repeat(64);

type Row = [string, RawBuildInputs, Partial<BuildRequest> | RegExp, Partial<RequestEnvironment>?];

const rows: Row[] = [
  ['the recipe by default', {}, {
    arch: 'x86_64', variant: 'generic', abiVersion: 5, version: '5.4.0', jobs: 4, patches: [],
    kernel: { source: { kind: 'url', url: 'https://cdn.kernel.org/pub/linux/kernel/v6.x/linux-6.12.87.tar.xz', version: '6.12.87' }, sha256: 'cc12a7644b4cef9e06627b29de8753e22b3d076703a9b52be84263e05c8b9830' },
    reproducibility: { sourceDateEpoch: RECIPE.sourceDateEpoch, user: 'libkrunfw', host: 'libkrunfw' },
    outDir: path.join(cwd, 'libkrunfw-out'), workDir: '/tmp/rt/libkrunfw-work', keepWorkDir: false,
  }],
  ['a known kernel version', { 'kernel-version': '6.12.63' }, { kernel: { source: { kind: 'url', url: 'https://cdn.kernel.org/pub/linux/kernel/v6.x/linux-6.12.63.tar.xz', version: '6.12.63' }, sha256: '9502c5ffe4b894383c97abfccf74430a84732f04ee476b9c0d87635b29df7db3' } }],
  ['an unknown version without a sha256', { 'kernel-version': '6.12.200' }, /6\.12\.200 has no sha256.*kernel-sha256/],
  ['an unknown version pinned', { 'kernel-version': '6.12.200', 'kernel-sha256': SHA.toUpperCase() }, { kernel: { source: { kind: 'url', url: 'https://cdn.kernel.org/pub/linux/kernel/v6.x/linux-6.12.200.tar.xz', version: '6.12.200' }, sha256: SHA } }],
  ['a version that is not one', { 'kernel-version': 'latest' }, /not a version/],
  ['a URL without a sha256', { 'kernel-source': 'https://example.org/linux.tar.xz' }, /must be pinned/],
  ['a URL with a sha256', { 'kernel-source': 'https://example.org/linux.tar.xz', 'kernel-sha256': SHA }, { kernel: { source: { kind: 'url', url: 'https://example.org/linux.tar.xz' }, sha256: SHA } }],
  ['an ftp URL', { 'kernel-source': 'ftp://example.org/linux.tar.xz', 'kernel-sha256': SHA }, /only https and http/],
  ['a local file, unpinned', { 'kernel-source': 'linux.tar.xz' }, { kernel: { source: { kind: 'file', path: path.join(cwd, 'linux.tar.xz') }, sha256: undefined } }],
  ['a missing local file', { 'kernel-source': 'nope.tar.xz' }, /nope\.tar\.xz is not a file/],
  ['version and source together', { 'kernel-version': '6.12.87', 'kernel-source': 'linux.tar.xz' }, /not both/],
  ['a bad sha256', { 'kernel-source': 'linux.tar.xz', 'kernel-sha256': 'abc' }, /64 hex digits/],
  ['one fragment', { 'kernel-config': ['frag.config'] }, { config: { mode: 'fragments', files: [path.join(cwd, 'frag.config')] } }],
  ['a kconfig-written file is full', { 'kernel-config': 'full.config' }, { config: { mode: 'full', files: [path.join(cwd, 'full.config')] } }],
  ['full forced to fragments', { 'kernel-config': 'full.config', 'kernel-config-mode': 'fragments' }, { config: { mode: 'fragments', files: [path.join(cwd, 'full.config')] } }],
  ['a directory of fragments, in name order', { 'kernel-config': 'frags\nfrag.config' }, { config: { mode: 'fragments', files: [path.join(cwd, 'frags/10-a.config'), path.join(cwd, 'frags/20-b.config'), path.join(cwd, 'frag.config')] } }],
  ['full mode with two files', { 'kernel-config': ['frag.config', 'full.config'], 'kernel-config-mode': 'full' }, /takes one file/],
  ['a missing config', { 'kernel-config': ['gone.config'] }, /kernel-config: .*gone\.config does not exist/],
  ['a bad config mode', { 'kernel-config-mode': 'merge' }, /auto, full or fragments/],
  ['no patches', { patches: 'none' }, { patches: [] }],
  ['missing patches', { patches: 'nowhere' }, /patches: .*nowhere does not exist/],
  ['an unsupported arch', { arch: 'mips' }, /arch 'mips' is not supported/],
  ['an arm64 host builds aarch64', {}, { arch: 'aarch64', config: { mode: 'fragments', files: expect.arrayContaining([expect.stringMatching(/kernel-config\/aarch64\/00-base\.config$/)]) as unknown as string[] } }, { hostArch: 'arm64' }],
  ['a cross build', { arch: 'riscv64' }, { arch: 'riscv64', variant: 'generic' }],
  ['boot-test true off x86_64', { arch: 'aarch64', 'boot-test': 'true' }, /boot-test: true is for x86_64/],
  ['an unknown variant', { variant: 'snp' }, /variant must be one of generic, sev, tdx, not 'snp'/],
  ['sev on aarch64', { arch: 'aarch64', variant: 'sev' }, /variant sev is for x86_64 confidential guests; it does not exist for aarch64/],
  ['sev without qboot', { variant: 'sev', initrd: 'initrd.gz' }, /the sev variant needs the qboot firmware \(a 64 KiB bios\.bin\): set qboot/],
  ['tdx without initrd', { variant: 'tdx', qboot: 'bios.bin' }, /the tdx variant needs an initrd/],
  ['a qboot of the wrong size', { variant: 'sev', qboot: 'small-bios.bin', initrd: 'initrd.gz' }, /qboot: .*small-bios\.bin is 4096 bytes; libkrun maps qboot as exactly 64 KiB/],
  ['a missing initrd', { variant: 'sev', qboot: 'bios.bin', initrd: 'gone.gz' }, /initrd: .*gone\.gz does not exist/],
  ['an initrd that is not one', { variant: 'sev', qboot: 'bios.bin', initrd: 'frag.config' }, /initrd: .*frag\.config is neither gzip nor a cpio archive/],
  ['qboot for the generic variant', { qboot: 'bios.bin' }, /qboot only apply to the sev and tdx variants, not generic/],
  ['sev with its blobs, the project\'s TEE config on top', { variant: 'sev', qboot: 'bios.bin', initrd: 'initrd.gz' }, {
    variant: 'sev',
    blobs: { qboot: { file: path.join(cwd, 'bios.bin'), origin: 'input qboot: bios.bin' }, initrd: { file: path.join(cwd, 'initrd.gz'), origin: 'input initrd: initrd.gz' } },
    config: { mode: 'fragments', files: expect.arrayContaining([expect.stringMatching(/kernel-config\/x86_64\/00-base\.config$/), expect.stringMatching(/kernel-config\/x86_64-sev\/.*\.config$/)]) as unknown as string[] },
  }],
  ['abi and version', { 'abi-version': '6', version: '6.0.1' }, { abiVersion: 6, version: '6.0.1' }],
  ['a version of another abi', { 'abi-version': '6', version: '5.4.0' }, /does not belong to abi-version 6/],
  ['a bad version', { version: '5.4' }, /must look like 5\.4\.0/],
  ['jobs', { jobs: '7' }, { jobs: 7 }],
  ['zero jobs', { jobs: '0' }, /jobs must be a positive whole number/],
  ['SOURCE_DATE_EPOCH from the environment', {}, { reproducibility: { sourceDateEpoch: 1700000000, user: 'libkrunfw', host: 'libkrunfw' } }, { sourceDateEpoch: '1700000000' }],
  ['source-date-epoch wins over the environment', { 'source-date-epoch': '1600000000' }, { reproducibility: { sourceDateEpoch: 1600000000, user: 'libkrunfw', host: 'libkrunfw' } }, { sourceDateEpoch: '1700000000' }],
  ['a bad epoch', { 'source-date-epoch': 'yesterday' }, /whole seconds/],
  ['keep-work-dir', { 'keep-work-dir': 'true', 'work-dir': 'w', 'out-dir': 'o' }, { keepWorkDir: true, workDir: path.join(cwd, 'w'), outDir: path.join(cwd, 'o') }],
  ['a bad boolean', { 'keep-work-dir': 'maybe' }, /true or false/],
  ['vmlinux in a build', { vmlinux: 'vmlinux' }, /vmlinux is for bundling/],
];

describe('resolveBuildRequest', () => {
  it.each(rows)('%s', (_name, raw, expected, envOverride) => {
    const resolve = (): BuildRequest => resolveBuildRequest(raw, { ...env, ...envOverride });
    if (expected instanceof RegExp) {
      expect(resolve).toThrow(InputError);
      expect(resolve).toThrow(expected);
    } else {
      expect(resolve()).toMatchObject(expected);
    }
  });
});

describe('resolveBundleRequest', () => {
  it('takes a vmlinux and the common inputs', () => {
    expect(resolveBundleRequest({ vmlinux: 'vmlinux', 'out-dir': 'o' }, env)).toMatchObject({ image: path.join(cwd, 'vmlinux'), outDir: path.join(cwd, 'o'), abiVersion: 5 });
  });
  it('refuses build-only inputs and a missing file', () => {
    expect(() => resolveBundleRequest({ vmlinux: 'vmlinux', patches: 'x' }, env)).toThrow(/patches do not apply/);
    expect(() => resolveBundleRequest({ vmlinux: 'nope' }, env)).toThrow(/nope is not a file/);
  });
});

describe('resolveVerifySourceRequest', () => {
  it('takes the release, and the work dir and jobs like a build', () => {
    expect(resolveVerifySourceRequest({ 'verify-source': 'linux.tar.xz' }, env)).toEqual({
      release: path.join(cwd, 'linux.tar.xz'),
      workDir: '/tmp/rt/libkrunfw-verify-source',
      keepWorkDir: false,
      jobs: 4,
    });
    expect(resolveVerifySourceRequest({ 'verify-source': 'r.tar.gz', 'work-dir': 'w', jobs: '3', 'keep-work-dir': true }, env)).toMatchObject({ workDir: path.join(cwd, 'w'), jobs: 3, keepWorkDir: true });
    expect(() => resolveVerifySourceRequest({ 'verify-source': 'r.tar.gz', jobs: '0' }, env)).toThrow(/jobs must be a positive whole number/);
  });
});

describe('parseArgv', () => {
  it('maps flags to input names, repeatable ones to lists, --out to out-dir', () => {
    const p = parseArgv(['build', '--kernel-source', 'a.tar.xz', '--kernel-config', 'x.config', '--kernel-config', 'y.config', '--out', 'dist', '--keep-work-dir']);
    expect(p.command).toBe('build');
    expect(p.raw).toEqual({ 'kernel-source': 'a.tar.xz', 'kernel-config': ['x.config', 'y.config'], 'out-dir': 'dist', 'keep-work-dir': true });
  });
  it('rejects unknown commands and flags, and bundle without --vmlinux', () => {
    expect(() => parseArgv(['compile'])).toThrow(/unknown command 'compile'/);
    expect(() => parseArgv(['build', '--kernel-sauce', 'x'])).toThrow(InputError);
    expect(() => parseArgv(['bundle', '--out', 'x'])).toThrow(/needs --vmlinux/);
  });
  it('gives help with no command', () => {
    expect(parseArgv([]).command).toBe('help');
  });
});
