// Every mode of the action run as a runner runs it, with only the inputs a
// caller would write: the runner adds every action.yml default (support/
// runner.ts), and no default may turn a valid combination into an InputError.
//
// What each case proves, cheaply:
//   - a mode that packages an existing image runs to the end (outputs, summary);
//   - a mode that builds a kernel gets past resolving its inputs, restoring the
//     caches and into the source stage, where it stops at a named, later point:
//     the source cache holds a poisoned tarball under the pinned kernel's key,
//     and the sha256 check refuses it (ChecksumError, not InputError). That is
//     also the proof that a poisoned cache entry never reaches a build.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { saveCache } from '@actions/cache';
import { describe, expect, it } from 'vitest';
import { sourceCacheKey } from '../src/cache/keys.ts';
import { kernelOrgUrl, knownKernelSha256 } from '../src/kernel-versions.ts';
import { RECIPE } from '../src/recipe.ts';
import { archFacts } from '../src/target.ts';
import { captureActionsLog } from './support/actions-service/index.ts';
import { useActionsService } from './support/actions-service/use.ts';
import { buildInitrd, buildQboot } from './support/blobs.ts';
import { toolchainAvailable } from './support/elf-fixtures.ts';
import { parseSummary } from './support/job-summary.ts';
import { runAction, type ActionRun } from './support/runner.ts';

const service = useActionsService();
/** A download would mean the poisoned entry was missed: fail at once rather than reach the network. */
const offline = { HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9' };

/** A file (copied or written) in the caller's workspace; returns its workspace-relative path. */
function inWorkspace(rel: string, content: string | { from: string }): string {
  const file = path.join(service.workspace, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  if (typeof content === 'string') writeFileSync(file, content);
  else cpSync(content.from, file);
  return rel;
}

/**
 * Saves a tarball that is not the kernel under the source cache key of the
 * recipe's kernel, where the action's default work dir restores it from.
 */
async function poisonSourceCache(version = RECIPE.kernelVersion): Promise<void> {
  const sha = knownKernelSha256(version)!;
  const workDir = path.join(service.runnerTemp, 'libkrunfw-work');
  const file = path.join(workDir, 'cache', 'source', `${sha}-${path.basename(new URL(kernelOrgUrl(version)).pathname)}`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, 'not a kernel tarball\n');
  if (!service.caches().some((c) => c.key === sourceCacheKey(sha))) {
    const log = captureActionsLog();
    try {
      expect(await saveCache([file], sourceCacheKey(sha)), log.text()).toBeGreaterThan(0);
    } finally {
      log.restore();
    }
  }
  rmSync(workDir, { recursive: true, force: true });
}

/** The build got past its inputs and caches and stopped at the source stage's sha256 check. */
function expectStoppedAtTheChecksum(run: ActionRun): void {
  expect(run.main.exitCode, run.main.stdout).toBe(1);
  expect(run.main.stdout).toMatch(/from the cache/);
  const errors = run.main.annotations.filter((a) => a.level === 'error');
  expect(errors).toHaveLength(1);
  expect(errors[0]!.title).toBe('ChecksumError: sha256 mismatch');
  expect(errors[0]!.message).toMatch(
    /^sha256 mismatch for .*: expected [0-9a-f]{64}, got [0-9a-f]{64}\. The tarball is not the one that was pinned; nothing was extracted\.$/,
  );
  expect(parseSummary(run.main.summary).headings).toEqual(['libkrunfw: failed in the source stage']);
  expect(run.post?.exitCode).toBe(0);
}

/** A libkrunfw source tree in the caller's workspace, in the layout its Makefile reads. */
function libkrunfwTree(): string {
  const dir = 'third_party/libkrunfw';
  inWorkspace(`${dir}/Makefile`, `KERNEL_VERSION = linux-${RECIPE.kernelVersion}\nABI_VERSION = 5\nFULL_VERSION = 5.4.0\n`);
  inWorkspace(`${dir}/patches/0001-a.patch`, '--- a/README\n+++ b/README\n@@ -1 +1 @@\n-Linux\n+Linux kernel\n');
  inWorkspace(`${dir}/patches-tee/0001-tee.patch`, '--- a/COPYING\n+++ b/COPYING\n@@ -1 +1 @@\n-x\n+y\n');
  for (const suffix of ['', '-sev', '-tdx']) inWorkspace(`${dir}/config-libkrunfw${suffix}_x86_64`, 'CONFIG_64BIT=y\n');
  const blobs = path.join(service.workspace, '..', 'blobs');
  inWorkspace(`${dir}/qboot/sev/bios.bin`, { from: buildQboot(blobs) });
  inWorkspace(`${dir}/qboot/tdx/bios.bin`, { from: path.join(blobs, 'bios.bin') });
  inWorkspace(`${dir}/initrd/initrd.gz`, { from: buildInitrd(blobs) });
  return dir;
}

/** A raw arm64 Image as the kernel's objcopy makes one: the header's magic at 0x38, then code. */
function arm64Image(): string {
  const dir = path.join(service.workspace, '..', 'image');
  mkdirSync(dir, { recursive: true });
  const t = archFacts('aarch64').triplet;
  writeFileSync(path.join(dir, 'head.S'), '\t.text\n_head:\n\t.org 0x38\n\t.ascii "ARM\\x64"\n\t.long 0\n\t.rept 4096\n\t.long 0x6b72756e\n\t.endr\n');
  execFileSync(`${t}-as`, ['-o', path.join(dir, 'head.o'), path.join(dir, 'head.S')]);
  execFileSync(`${t}-ld`, ['-Ttext=0', '-e', '0', '-o', path.join(dir, 'head.elf'), path.join(dir, 'head.o')]);
  execFileSync(`${t}-objcopy`, ['-O', 'binary', path.join(dir, 'head.elf'), path.join(dir, 'Image')]);
  return inWorkspace('build/Image', { from: path.join(dir, 'Image') });
}

describe('every mode with only the caller’s inputs, the rest from action.yml’s defaults', () => {
  it('the project recipe, no inputs at all', async () => {
    await poisonSourceCache();
    const run = await runAction({ service, env: offline });
    expect(Object.keys(run.inputs).sort()).toEqual(
      [
        'BOOT-TEST',
        'CACHE-COMPILER',
        'CACHE-OUTPUT',
        'CACHE-SOURCE',
        'CACHE-TREE',
        'CCACHE-MAX-SIZE',
        'CHECK',
        'HOST',
        'KEEP-WORK-DIR',
        'KERNEL-CONFIG-MODE',
        'LIBKRUNFW-REPOSITORY',
        'MEASURE-MEMORY',
        'MEASURE-VCPUS',
        'OUT-DIR',
        'RETENTION-DAYS',
        'UPLOAD',
        'VARIANT',
      ].map((n) => `INPUT_${n}`),
    );
    expectStoppedAtTheChecksum(run);
  }, 120_000);

  it('the project recipe for another architecture (cross-compiled), only arch given', async () => {
    if (!toolchainAvailable('riscv64')) return expect.fail('the riscv64 cross toolchain is missing: run scripts/setup.sh');
    await poisonSourceCache();
    expectStoppedAtTheChecksum(await runAction({ service, env: offline, with: { arch: 'riscv64' } }));
  }, 120_000);

  it('a libkrunfw source tree, only libkrunfw-dir given (libkrunfw-repository keeps its default)', async () => {
    await poisonSourceCache();
    expectStoppedAtTheChecksum(await runAction({ service, env: offline, with: { 'libkrunfw-dir': libkrunfwTree() } }));
  }, 120_000);

  it('sev from a libkrunfw tree: libkrunfw-dir and variant given', async () => {
    await poisonSourceCache();
    expectStoppedAtTheChecksum(await runAction({ service, env: offline, with: { 'libkrunfw-dir': libkrunfwTree(), variant: 'sev' } }));
  }, 120_000);

  it('tdx from the project recipe: variant, qboot and initrd given', async () => {
    await poisonSourceCache();
    const blobs = path.join(service.workspace, '..', 'tdx-blobs');
    const qboot = inWorkspace('ci/bios.bin', { from: buildQboot(blobs) });
    const initrd = inWorkspace('ci/initrd.gz', { from: buildInitrd(blobs) });
    expectStoppedAtTheChecksum(await runAction({ service, env: offline, with: { variant: 'tdx', qboot, initrd } }));
  }, 120_000);

  it('verify-source, only the release given: the release is read (and refused), not the inputs', async () => {
    const release = inWorkspace('libkrunfw-5.4.0-generic-x86_64-source.tar.gz', 'plain text, not gzip\n');
    const run = await runAction({ service, env: offline, with: { 'verify-source': release } });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.annotations).toHaveLength(1);
    expect(run.main.annotations[0]!.title).toMatch(/^ArchiveError/);
    expect(run.main.annotations[0]!.message).toContain(release);
    expect(parseSummary(run.main.summary).headings[0]).toMatch(/^libkrunfw: failed/);
  }, 60_000);

  it('vmlinux for another architecture, only arch, the Image and boot-test given: runs to the end', async () => {
    if (!toolchainAvailable('aarch64')) return expect.fail('the aarch64 cross toolchain is missing: run scripts/setup.sh');
    // The made-up Image has a valid header but no kernel: booting it under virt (auto does) must fail, so it is not booted.
    const run = await runAction({ service, env: offline, with: { arch: 'aarch64', vmlinux: arm64Image(), 'boot-test': 'false' } });
    expect(run.main.exitCode, run.main.stdout).toBe(0);
    expect(run.main.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.main.outputs).toMatchObject({ arch: 'aarch64', soname: 'libkrunfw.so.5' });
    expect(run.main.outputs['prebuilt-tarball']).toMatch(/libkrunfw-prebuilt-aarch64\.tgz$/);
    const summary = parseSummary(run.main.summary);
    expect(summary.headings).toEqual(['libkrunfw 5.4.0: generic, aarch64']);
    expect(summary.tables[0]!.rows.map((r) => r[0])).toContain('libkrunfw-out/libkrunfw-prebuilt-aarch64.tgz');
    expect(run.post?.exitCode).toBe(0);
  }, 120_000);
});
