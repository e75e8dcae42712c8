// One table: raw inputs (as either door reads them) → the request, or the error.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.ts';
import { RECIPE } from '../src/recipe.ts';
import { resolveRequest } from '../src/request/resolve.ts';
import type { BuildRequest, Request, RequestEnvironment } from '../src/request/types.ts';
import { parseArgv } from '../src/request/from-argv.ts';
import { BUILD_INPUTS, type RawBuildInputs } from '../src/request/inputs.ts';

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
  [
    'the recipe by default',
    {},
    {
      arch: 'x86_64',
      variant: 'generic',
      abiVersion: 5,
      version: '5.4.0',
      jobs: 4,
      patches: [],
      kernel: {
        source: { kind: 'url', url: 'https://cdn.kernel.org/pub/linux/kernel/v6.x/linux-6.12.87.tar.xz', version: '6.12.87' },
        sha256: 'cc12a7644b4cef9e06627b29de8753e22b3d076703a9b52be84263e05c8b9830',
      },
      reproducibility: { sourceDateEpoch: RECIPE.sourceDateEpoch, user: 'libkrunfw', host: 'libkrunfw' },
      outDir: path.join(cwd, 'libkrunfw-out'),
      workDir: '/tmp/rt/libkrunfw-work',
      keepWorkDir: false,
    },
  ],
  [
    'a known kernel version',
    { 'kernel-version': '6.12.63' },
    {
      kernel: {
        source: { kind: 'url', url: 'https://cdn.kernel.org/pub/linux/kernel/v6.x/linux-6.12.63.tar.xz', version: '6.12.63' },
        sha256: '9502c5ffe4b894383c97abfccf74430a84732f04ee476b9c0d87635b29df7db3',
      },
    },
  ],
  ['an unknown version without a sha256', { 'kernel-version': '6.12.200' }, /6\.12\.200 has no sha256.*kernel-sha256/],
  [
    'an unknown version pinned',
    { 'kernel-version': '6.12.200', 'kernel-sha256': SHA.toUpperCase() },
    { kernel: { source: { kind: 'url', url: 'https://cdn.kernel.org/pub/linux/kernel/v6.x/linux-6.12.200.tar.xz', version: '6.12.200' }, sha256: SHA } },
  ],
  ['a version that is not one', { 'kernel-version': 'latest' }, /not a version/],
  ['a URL without a sha256', { 'kernel-source': 'https://example.org/linux.tar.xz' }, /must be pinned/],
  [
    'a URL with a sha256',
    { 'kernel-source': 'https://example.org/linux.tar.xz', 'kernel-sha256': SHA },
    { kernel: { source: { kind: 'url', url: 'https://example.org/linux.tar.xz' }, sha256: SHA } },
  ],
  ['an ftp URL', { 'kernel-source': 'ftp://example.org/linux.tar.xz', 'kernel-sha256': SHA }, /only https and http/],
  [
    'a local file, unpinned',
    { 'kernel-source': 'linux.tar.xz' },
    { kernel: { source: { kind: 'file', path: path.join(cwd, 'linux.tar.xz') }, sha256: undefined } },
  ],
  ['a missing local file', { 'kernel-source': 'nope.tar.xz' }, /kernel-source: .*nope\.tar\.xz does not exist/],
  [
    'a device as the kernel tarball',
    { 'kernel-source': '/dev/zero' },
    /^kernel-source: \/dev\/zero is a character device, not a regular file; give a kernel tarball as a file$/,
  ],
  ['version and source together', { 'kernel-version': '6.12.87', 'kernel-source': 'linux.tar.xz' }, /not both/],
  ['a bad sha256', { 'kernel-source': 'linux.tar.xz', 'kernel-sha256': 'abc' }, /64 hex digits/],
  ['one fragment', { 'kernel-config': ['frag.config'] }, { config: { mode: 'fragments', files: [path.join(cwd, 'frag.config')] } }],
  ['a kconfig-written file is full', { 'kernel-config': 'full.config' }, { config: { mode: 'full', files: [path.join(cwd, 'full.config')] } }],
  [
    'full forced to fragments',
    { 'kernel-config': 'full.config', 'kernel-config-mode': 'fragments' },
    { config: { mode: 'fragments', files: [path.join(cwd, 'full.config')] } },
  ],
  [
    'a directory of fragments, in name order',
    { 'kernel-config': 'frags\nfrag.config' },
    { config: { mode: 'fragments', files: [path.join(cwd, 'frags/10-a.config'), path.join(cwd, 'frags/20-b.config'), path.join(cwd, 'frag.config')] } },
  ],
  ['full mode with two files', { 'kernel-config': ['frag.config', 'full.config'], 'kernel-config-mode': 'full' }, /takes one file/],
  ['a missing config', { 'kernel-config': ['gone.config'] }, /kernel-config: .*gone\.config does not exist/],
  ['a bad config mode', { 'kernel-config-mode': 'merge' }, /auto, full or fragments/],
  ['no patches', { patches: 'none' }, { patches: [] }],
  ['missing patches', { patches: 'nowhere' }, /patches: .*nowhere does not exist/],
  ['an unsupported arch', { arch: 'mips' }, /arch 'mips' is not supported/],
  [
    'an arm64 host builds aarch64',
    {},
    {
      arch: 'aarch64',
      config: { mode: 'fragments', files: expect.arrayContaining([expect.stringMatching(/kernel-config\/aarch64\/00-base\.config$/)]) as unknown as string[] },
    },
    { hostArch: 'arm64' },
  ],
  ['a cross build', { arch: 'riscv64' }, { arch: 'riscv64', variant: 'generic' }],
  ['boot-test true on aarch64, booted on QEMU virt', { arch: 'aarch64', 'boot-test': 'true' }, { arch: 'aarch64', bootTest: 'on' }],
  ['host linux by default', {}, { host: 'linux' }],
  [
    "host windows: the project's Hyper-V fragment on top of x86_64's",
    { host: 'windows' },
    {
      host: 'windows',
      config: {
        mode: 'fragments',
        files: expect.arrayContaining([
          expect.stringMatching(/kernel-config\/x86_64\/00-base\.config$/),
          expect.stringMatching(/kernel-config\/x86_64-windows\/70-windows\.config$/),
        ]) as unknown as string[],
      },
    },
  ],
  ['host windows on aarch64', { host: 'windows', arch: 'aarch64' }, /^host windows is built for x86_64 generic only, not aarch64 generic$/],
  [
    'host windows for sev',
    { host: 'windows', variant: 'sev', qboot: 'bios.bin', initrd: 'initrd.gz' },
    /^host windows is built for x86_64 generic only, not x86_64 sev$/,
  ],
  ['an unknown host', { host: 'macos' }, /^host must be one of linux, windows, not 'macos'$/],
  [
    'aarch64 with a version the macOS bundle cannot carry, refused before any work',
    { arch: 'aarch64', 'abi-version': '5', version: '5.300.0' },
    /version "5\.300\.0" is not a Mach-O dylib version: Y is 300, at most 255/,
  ],
  ['an unknown variant', { variant: 'snp' }, /variant must be one of generic, sev, tdx, not 'snp'/],
  ['sev on aarch64', { arch: 'aarch64', variant: 'sev' }, /variant sev is for x86_64 confidential guests; it does not exist for aarch64/],
  ['sev without qboot', { variant: 'sev', initrd: 'initrd.gz' }, /the sev variant needs the qboot firmware \(a 64 KiB bios\.bin\): set qboot/],
  ['tdx without initrd', { variant: 'tdx', qboot: 'bios.bin' }, /the tdx variant needs an initrd/],
  [
    'a qboot of the wrong size',
    { variant: 'sev', qboot: 'small-bios.bin', initrd: 'initrd.gz' },
    /qboot: .*small-bios\.bin is 4096 bytes; libkrun maps qboot as exactly 64 KiB/,
  ],
  ['a missing initrd', { variant: 'sev', qboot: 'bios.bin', initrd: 'gone.gz' }, /initrd: .*gone\.gz does not exist/],
  ['an initrd that is not one', { variant: 'sev', qboot: 'bios.bin', initrd: 'frag.config' }, /initrd: .*frag\.config is neither gzip nor a cpio archive/],
  ['qboot for the generic variant', { qboot: 'bios.bin' }, /qboot only apply to the sev and tdx variants, not generic/],
  [
    "sev with its blobs, the project's TEE config on top",
    { variant: 'sev', qboot: 'bios.bin', initrd: 'initrd.gz' },
    {
      variant: 'sev',
      blobs: {
        qboot: { file: path.join(cwd, 'bios.bin'), origin: 'input qboot: bios.bin' },
        initrd: { file: path.join(cwd, 'initrd.gz'), origin: 'input initrd: initrd.gz' },
      },
      config: {
        mode: 'fragments',
        files: expect.arrayContaining([
          expect.stringMatching(/kernel-config\/x86_64\/00-base\.config$/),
          expect.stringMatching(/kernel-config\/x86_64-sev\/.*\.config$/),
        ]) as unknown as string[],
      },
    },
  ],
  ['abi and version', { 'abi-version': '6', version: '6.0.1' }, { abiVersion: 6, version: '6.0.1' }],
  ['a version of another abi', { 'abi-version': '6', version: '5.4.0' }, /does not belong to abi-version 6/],
  ['a bad version', { version: '5.4' }, /must look like 5\.4\.0/],
  ['jobs', { jobs: '7' }, { jobs: 7 }],
  ['zero jobs', { jobs: '0' }, /jobs must be a positive whole number/],
  [
    'SOURCE_DATE_EPOCH from the environment',
    {},
    { reproducibility: { sourceDateEpoch: 1700000000, user: 'libkrunfw', host: 'libkrunfw' } },
    { sourceDateEpoch: '1700000000' },
  ],
  [
    'source-date-epoch wins over the environment',
    { 'source-date-epoch': '1600000000' },
    { reproducibility: { sourceDateEpoch: 1600000000, user: 'libkrunfw', host: 'libkrunfw' } },
    { sourceDateEpoch: '1700000000' },
  ],
  ['a bad epoch', { 'source-date-epoch': 'yesterday' }, /whole seconds/],
  [
    'keep-work-dir',
    { 'keep-work-dir': 'true', 'work-dir': 'w', 'out-dir': 'o' },
    { keepWorkDir: true, workDir: path.join(cwd, 'w'), outDir: path.join(cwd, 'o') },
  ],
  ['a bad boolean', { 'keep-work-dir': 'maybe' }, /true or false/],
  ['a build input beside vmlinux', { vmlinux: 'vmlinux', patches: 'x' }, /patches does not apply when packaging an existing vmlinux/],
  ['vmlinux and verify-source together', { vmlinux: 'vmlinux', 'verify-source': 'r.tar.gz' }, /give one of vmlinux, verify-source, not several/],
  ['libkrunfw-dir and libkrunfw-ref together', { 'libkrunfw-dir': 'frags', 'libkrunfw-ref': 'v5.4.0' }, /give libkrunfw-dir or libkrunfw-ref, not both/],
  ['a repository without a ref', { 'libkrunfw-repository': 'https://example.org/fork' }, /libkrunfw-repository is set but libkrunfw-ref is not/],
  ['a ref git would read as an option, before any checkout', { 'libkrunfw-ref': '--upload-pack=touch x' }, /starts with '-'/],
  [
    'every default as a runner passes it, in a build',
    Object.fromEntries(BUILD_INPUTS.flatMap((i) => ('default' in i ? [[i.name, i.default]] : []))),
    { arch: 'x86_64', variant: 'generic', bootTest: 'auto', upload: true },
  ],
];

describe('resolveRequest: a build', () => {
  it.each(rows)('%s', (_name, raw, expected, envOverride) => {
    const resolve = (): Request => resolveRequest(raw, { ...env, ...envOverride });
    if (expected instanceof RegExp) {
      expect(resolve).toThrow(InputError);
      expect(resolve).toThrow(expected);
    } else {
      expect(resolve()).toMatchObject(expected);
    }
  });
});

/** Every input with a default, as a runner passes them: given or not. */
const RUNNER_DEFAULTS: RawBuildInputs = Object.fromEntries(BUILD_INPUTS.flatMap((i) => ('default' in i ? [[i.name, i.default]] : [])));

describe('resolveRequest: packaging an existing vmlinux', () => {
  it('takes a vmlinux and the common inputs', () => {
    expect(resolveRequest({ vmlinux: 'vmlinux', 'out-dir': 'o' }, env)).toMatchObject({
      mode: 'bundle',
      image: path.join(cwd, 'vmlinux'),
      outDir: path.join(cwd, 'o'),
      abiVersion: 5,
    });
  });
  it('refuses build-only inputs the caller chose, and a missing file', () => {
    expect(() => resolveRequest({ vmlinux: 'vmlinux', patches: 'x' }, env)).toThrow(/patches does not apply when packaging an existing vmlinux/);
    expect(() => resolveRequest({ vmlinux: 'vmlinux', 'ccache-max-size': '500M', 'cache-output': 'false' }, env)).toThrow(
      /cache-output, ccache-max-size do not apply/,
    );
    expect(() => resolveRequest({ vmlinux: 'nope' }, env)).toThrow(/^vmlinux: .*nope does not exist$/);
    expect(() => resolveRequest({ vmlinux: '/dev/zero' }, env)).toThrow(
      /^vmlinux: \/dev\/zero is a character device, not a regular file; give a kernel image as a file$/,
    );
  });
  it('takes every default a runner passes without mistaking it for a choice', () => {
    expect(resolveRequest({ ...RUNNER_DEFAULTS, vmlinux: 'vmlinux', upload: 'false', 'boot-test': 'false' }, env)).toMatchObject({
      mode: 'bundle',
      bootTest: 'off',
    });
  });
});

describe('resolveRequest: verifying a source release', () => {
  it('takes the release, and the work dir and jobs like a build', () => {
    expect(resolveRequest({ 'verify-source': 'linux.tar.xz' }, env)).toEqual({
      mode: 'verify-source',
      release: path.join(cwd, 'linux.tar.xz'),
      workDir: '/tmp/rt/libkrunfw-verify-source',
      keepWorkDir: false,
      jobs: 4,
    });
    expect(resolveRequest({ 'verify-source': 'r.tar.gz', 'work-dir': 'w', jobs: '3', 'keep-work-dir': true }, env)).toMatchObject({
      workDir: path.join(cwd, 'w'),
      jobs: 3,
      keepWorkDir: true,
    });
    expect(() => resolveRequest({ 'verify-source': 'r.tar.gz', jobs: '0' }, env)).toThrow(/jobs must be a positive whole number/);
    expect(resolveRequest({ ...RUNNER_DEFAULTS, 'verify-source': 'r.tar.gz' }, env)).toMatchObject({ mode: 'verify-source' });
    expect(() => resolveRequest({ 'verify-source': 'r.tar.gz', variant: 'sev' }, env)).toThrow(/variant does not apply when verifying a source release/);
  });
});

describe('resolveRequest: a libkrunfw ref', () => {
  it('checks every input first, and leaves the tree to the recipe step', () => {
    const r = resolveRequest({ ...RUNNER_DEFAULTS, 'libkrunfw-ref': 'v5.4.0', 'work-dir': 'w' }, env);
    expect(r).toMatchObject({
      mode: 'build',
      checkout: { repository: 'https://github.com/containers/libkrunfw', ref: 'v5.4.0' },
      workDir: path.join(cwd, 'w'),
    });
    expect(() => resolveRequest({ 'libkrunfw-ref': 'v5.4.0', jobs: 'many' }, env)).toThrow(/jobs must be a positive whole number/);
  });
});

describe('parseArgv', () => {
  it('maps flags to input names, repeatable ones to lists, --out to out-dir', () => {
    const p = parseArgv([
      'build',
      '--kernel-source',
      'a.tar.xz',
      '--kernel-config',
      'x.config',
      '--kernel-config',
      'y.config',
      '--out',
      'dist',
      '--keep-work-dir',
    ]);
    expect(p.command).toBe('build');
    expect(p.raw).toEqual({ 'kernel-source': 'a.tar.xz', 'kernel-config': ['x.config', 'y.config'], 'out-dir': 'dist', 'keep-work-dir': true });
  });
  it('rejects unknown commands and flags, and bundle without --vmlinux', () => {
    expect(() => parseArgv(['compile'])).toThrow(/unknown command 'compile'/);
    expect(() => parseArgv(['build', '--kernel-sauce', 'x'])).toThrow(InputError);
    expect(() => parseArgv(['bundle', '--out', 'x'])).toThrow(/needs --vmlinux/);
  });
  it('takes --host like every input', () => {
    expect(parseArgv(['build', '--host', 'windows']).raw).toEqual({ host: 'windows' });
  });
  it('gives help with no command', () => {
    expect(parseArgv([]).command).toBe('help');
  });
});
