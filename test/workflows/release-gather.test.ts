// release.yml's gather job: the release set from builds made by the product's
// own stages, with the kernel tarball the kernel job kept.
import { spawnSync } from 'node:child_process';
import { cpSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRelease, readManifest } from '../../src/release/manifest.ts';
import { sha256 } from '../../src/util/hash.ts';
import { gatherRelease, type RawGatherInputs } from '../../src/workflows/release-gather.ts';
import { tempDir } from '../support/tmp.ts';
import { editManifest, KERNEL, uploadedBuild } from './builds.ts';
import { commandLines, runStep } from './step.ts';

const scratch = tempDir('release-gather');

/** A job's working directory with the kernel job's kernel-source/ in it. */
function fresh(kernel = 'kernel bytes'): string {
  const cwd = mkdtempSync(path.join(scratch, 'job-'));
  mkdirSync(path.join(cwd, 'kernel-source'));
  writeFileSync(path.join(cwd, 'kernel-source', KERNEL), kernel);
  return cwd;
}
const inputs = (cwd: string, artifacts: string[]): RawGatherInputs => ({
  artifacts: JSON.stringify(artifacts),
  'builds-dir': path.join(cwd, 'builds'),
  'kernel-source-dir': path.join(cwd, 'kernel-source'),
  'release-dir': path.join(cwd, 'release'),
  'work-dir': path.join(cwd, 'gather-work'),
});
const gather = (cwd: string, artifacts: string[]) => gatherRelease(inputs(cwd, artifacts));
const errors = async (cwd: string, artifacts: string[]): Promise<string[]> =>
  (await gather(cwd, artifacts)).messages.filter((m) => m.level === 'error').map((m) => m.text);
const assets = (cwd: string): string[] => readdirSync(path.join(cwd, 'release')).sort();
const build = (cwd: string, artifact: string, variant: 'generic' | 'sev' | 'tdx', arch: 'x86_64' | 'aarch64', o: Parameters<typeof uploadedBuild>[5] = {}) =>
  uploadedBuild(scratch, path.join(cwd, 'builds'), artifact, variant, arch, o);

describe('gatherRelease', () => {
  it("attaches each install tarball under libkrunfw's name, its source release less the kernel, the kernel once, and SHA256SUMS", async () => {
    const cwd = fresh();
    await build(cwd, 'libkrunfw-generic-x86_64', 'generic', 'x86_64');
    const sev = await build(cwd, 'libkrunfw-sev-x86_64', 'sev', 'x86_64');
    // The asset's name is libkrunfw's, whatever the file is called in the artifact.
    renameSync(path.join(sev.folder, 'libkrunfw-sev-x86_64.tgz'), path.join(sev.folder, 'whatever.tgz'));
    editManifest(sev.folder, 'libkrunfw-sev-x86_64', (m) => ({ ...m, tarball: 'whatever.tgz' }));
    const arm = await build(cwd, 'libkrunfw-generic-aarch64', 'generic', 'aarch64', { prebuilt: true });
    const r = await gather(cwd, ['libkrunfw-generic-x86_64', 'libkrunfw-sev-x86_64', 'libkrunfw-generic-aarch64']);
    expect(r.messages).toEqual([]);
    expect(assets(cwd)).toEqual([
      'SHA256SUMS',
      'libkrunfw-5.4.0-generic-aarch64-source.tar',
      'libkrunfw-5.4.0-generic-x86_64-source.tar',
      'libkrunfw-5.4.0-sev-x86_64-source.tar',
      'libkrunfw-aarch64.tgz',
      'libkrunfw-prebuilt-aarch64.tgz',
      'libkrunfw-sev-x86_64-measurements.json',
      'libkrunfw-sev-x86_64.tgz',
      'libkrunfw-x86_64.tgz',
      KERNEL,
    ]);
    const release = path.join(cwd, 'release');
    // The sev library's launch digests, beside it under a name of its own, the bytes its build wrote.
    expect(readFileSync(path.join(release, 'libkrunfw-sev-x86_64-measurements.json')).equals(readFileSync(path.join(sev.folder, 'measurements.json')))).toBe(
      true,
    );
    const sums = readFileSync(path.join(release, 'SHA256SUMS'), 'utf8');
    expect(sums).toContain(`${sha256(readFileSync(path.join(sev.folder, 'whatever.tgz')))}  libkrunfw-sev-x86_64.tgz\n`);
    expect(sums).toContain(`${arm.manifest['prebuilt-sha256']}  libkrunfw-prebuilt-aarch64.tgz\n`);
    expect(sums).toContain(`${sha256('kernel bytes')}  ${KERNEL}\n`);
    // The format sha256sum --check reads, naming every asset.
    const check = spawnSync('sha256sum', ['--check', '--strict', 'SHA256SUMS'], { cwd: release, encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout.trim().split('\n')).toHaveLength(9);
    expect(readdirSync(path.join(cwd, 'gather-work'))).toEqual([]);
  });

  it('attaches the Windows DLL beside the Linux library of the same variant and arch, under its own names', async () => {
    const cwd = fresh();
    await build(cwd, 'libkrunfw-generic-x86_64', 'generic', 'x86_64');
    await build(cwd, 'libkrunfw-generic-windows-x86_64', 'generic', 'x86_64', { host: 'windows', library: 'a dll' });
    const r = await gather(cwd, ['libkrunfw-generic-x86_64', 'libkrunfw-generic-windows-x86_64']);
    expect(r.messages).toEqual([]);
    expect(assets(cwd)).toEqual([
      'SHA256SUMS',
      'libkrunfw-5.4.0-generic-windows-x86_64-source.tar',
      'libkrunfw-5.4.0-generic-x86_64-source.tar',
      'libkrunfw-windows-x86_64.tgz',
      'libkrunfw-x86_64.tgz',
      KERNEL,
    ]);
  });

  it('leaves out only the kernel tarball: put back, the source release is the one its manifest lists, and the same bytes every run', async () => {
    const cwd = fresh();
    await build(cwd, 'libkrunfw-tdx-x86_64', 'tdx', 'x86_64');
    expect(await errors(cwd, ['libkrunfw-tdx-x86_64'])).toEqual([]);
    const name = 'libkrunfw-5.4.0-tdx-x86_64-source.tar';
    const unpacked = path.join(cwd, 'unpacked');
    mkdirSync(unpacked);
    spawnSync('tar', ['-xf', path.join(cwd, 'release', name), '-C', unpacked]);
    const dir = path.join(unpacked, name.replace(/\.tar$/, ''));
    expect(existsSync(path.join(dir, 'linux', KERNEL))).toBe(false);
    copyFileSync(path.join(cwd, 'release', KERNEL), path.join(dir, 'linux', KERNEL));
    expect(await checkRelease(dir, readManifest(dir))).toEqual([]);
    const again = fresh();
    cpSync(path.join(cwd, 'builds'), path.join(again, 'builds'), { recursive: true });
    expect(await errors(again, ['libkrunfw-tdx-x86_64'])).toEqual([]);
    expect(readFileSync(path.join(again, 'release', name)).equals(readFileSync(path.join(cwd, 'release', name)))).toBe(true);
  });

  it('finds a lone build where download-artifact puts it: in builds/ itself, not in builds/<name>/', async () => {
    const cwd = fresh();
    await build(cwd, 'libkrunfw-generic-x86_64', 'generic', 'x86_64', { folder: path.join(cwd, 'builds') });
    const r = await gather(cwd, ['libkrunfw-generic-x86_64']);
    expect(r.messages).toEqual([]);
    expect(assets(cwd)).toEqual(['SHA256SUMS', 'libkrunfw-5.4.0-generic-x86_64-source.tar', 'libkrunfw-x86_64.tgz', KERNEL]);
  });

  it('refuses a source release whose kernel tarball is not the one attached, and writes no release', async () => {
    const cwd = fresh('the kernel the kernel job kept');
    await build(cwd, 'libkrunfw-generic-x86_64', 'generic', 'x86_64', { kernel: 'another kernel' });
    expect(await errors(cwd, ['libkrunfw-generic-x86_64'])).toEqual([
      `libkrunfw-generic-x86_64: libkrunfw-5.4.0-generic-x86_64-source.tar holds linux/${KERNEL} with sha256 ${sha256('another kernel')}; the one attached has ${sha256('the kernel the kernel job kept')}`,
    ]);
    expect(readdirSync(cwd)).not.toContain('release');
  });

  it('refuses a source release without the kernel tarball, or whose manifest names another', async () => {
    const cwd = fresh();
    await build(cwd, 'a', 'generic', 'x86_64', { kernelName: 'linux-6.12.88.tar.xz' });
    await build(cwd, 'b', 'generic', 'aarch64', { kernelSha256: sha256('something else') });
    expect(await errors(cwd, ['a', 'b'])).toEqual([
      `a: libkrunfw-5.4.0-generic-x86_64-source.tar holds no linux/${KERNEL}, the kernel tarball this release attaches`,
      `b: libkrunfw-5.4.0-generic-aarch64-source.tar's manifest.json does not name ${KERNEL} by its sha256 ${sha256('kernel bytes')}`,
    ]);
  });

  it('refuses to attach anything without the one kernel tarball', async () => {
    const cwd = fresh();
    rmSync(path.join(cwd, 'kernel-source'), { recursive: true });
    await build(cwd, 'libkrunfw-generic-x86_64', 'generic', 'x86_64');
    expect(await errors(cwd, ['libkrunfw-generic-x86_64'])).toEqual([
      `${path.join(cwd, 'kernel-source')}/ holds 0 files; want the one kernel tarball the 'kernel' job kept`,
    ]);
  });

  it("checks a source release against its build's manifest, and attaches no binary without one", async () => {
    const cwd = fresh();
    const x86 = await build(cwd, 'libkrunfw-generic-x86_64', 'generic', 'x86_64');
    writeFileSync(path.join(x86.folder, 'libkrunfw-5.4.0-generic-x86_64-source.tar'), 'tampered');
    const arm = await build(cwd, 'libkrunfw-generic-aarch64', 'generic', 'aarch64');
    editManifest(arm.folder, 'libkrunfw-generic-aarch64', ({ 'source-release': _, ...m }) => m);
    expect(await errors(cwd, ['libkrunfw-generic-x86_64', 'libkrunfw-generic-aarch64'])).toEqual([
      expect.stringMatching(/^libkrunfw-generic-x86_64: libkrunfw-5\.4\.0-generic-x86_64-source\.tar has sha256 [0-9a-f]{64}, its manifest says [0-9a-f]{64}$/),
      'libkrunfw-generic-aarch64: its manifest names no source release, so its binaries are not attached',
    ]);
  });

  it("checks a sev build's measurements.json against its manifest, and attaches it only with the source release", async () => {
    const cwd = fresh();
    const tampered = await build(cwd, 'libkrunfw-sev-x86_64', 'sev', 'x86_64');
    writeFileSync(path.join(tampered.folder, 'measurements.json'), '{}');
    expect(await errors(cwd, ['libkrunfw-sev-x86_64'])).toEqual([
      expect.stringMatching(/^libkrunfw-sev-x86_64: measurements\.json has sha256 [0-9a-f]{64}, its manifest says [0-9a-f]{64}$/),
    ]);
    const unsourced = fresh();
    const sev = await build(unsourced, 'libkrunfw-sev-x86_64', 'sev', 'x86_64');
    await build(unsourced, 'libkrunfw-generic-x86_64', 'generic', 'x86_64');
    editManifest(sev.folder, 'libkrunfw-sev-x86_64', ({ 'source-release': _, ...m }) => m);
    const r = await gather(unsourced, ['libkrunfw-sev-x86_64', 'libkrunfw-generic-x86_64']);
    expect(r.messages).toEqual([{ level: 'error', text: 'libkrunfw-sev-x86_64: its manifest names no source release, so its binaries are not attached' }]);
    expect(readdirSync(unsourced)).not.toContain('release');
  });

  it('refuses a sev build whose manifest names no measurements.json, and one naming it for another variant', async () => {
    const cwd = fresh();
    const sev = await build(cwd, 'libkrunfw-sev-x86_64', 'sev', 'x86_64');
    editManifest(sev.folder, 'libkrunfw-sev-x86_64', ({ measurements: _, 'measurements-sha256': __, ...m }) => m);
    const tdx = await build(cwd, 'libkrunfw-tdx-x86_64', 'tdx', 'x86_64');
    copyFileSync(path.join(sev.folder, 'measurements.json'), path.join(tdx.folder, 'measurements.json'));
    editManifest(tdx.folder, 'libkrunfw-tdx-x86_64', (m) => ({
      ...m,
      measurements: 'measurements.json',
      'measurements-sha256': sha256(readFileSync(path.join(sev.folder, 'measurements.json'))),
    }));
    expect(await errors(cwd, ['libkrunfw-sev-x86_64', 'libkrunfw-tdx-x86_64'])).toEqual([
      'libkrunfw-sev-x86_64: its manifest names no measurements.json: every sev library is released with its launch digests',
      "libkrunfw-tdx-x86_64: its manifest names a measurements.json for a 'tdx' build: only sev libraries are measured",
    ]);
  });

  it('refuses two different files under one asset name', async () => {
    const cwd = fresh();
    await build(cwd, 'a', 'generic', 'x86_64', { library: 'one' });
    await build(cwd, 'b', 'generic', 'x86_64', { library: 'two' });
    const e = await errors(cwd, ['a', 'b']);
    expect(e).toContain(
      `two different files would be attached as libkrunfw-x86_64.tgz: ${path.join(cwd, 'builds', 'a', 'libkrunfw-x86_64.tgz')} and ${path.join(cwd, 'builds', 'b', 'libkrunfw-x86_64.tgz')}`,
    );
    expect(readdirSync(cwd)).not.toContain('release');
  });

  it("refuses a tarball whose sha256 is not its manifest's, a macOS bundle under another name, and a missing build", async () => {
    const cwd = fresh();
    const x86 = await build(cwd, 'libkrunfw-generic-x86_64', 'generic', 'x86_64');
    writeFileSync(path.join(x86.folder, 'libkrunfw-x86_64.tgz'), 'tampered');
    const arm = await build(cwd, 'libkrunfw-generic-aarch64', 'generic', 'aarch64', { prebuilt: true });
    renameSync(path.join(arm.folder, 'libkrunfw-prebuilt-aarch64.tgz'), path.join(arm.folder, 'SHA256SUMS'));
    editManifest(arm.folder, 'libkrunfw-generic-aarch64', (m) => ({ ...m, prebuilt: 'SHA256SUMS' }));
    expect(await errors(cwd, ['libkrunfw-generic-x86_64', 'libkrunfw-generic-aarch64', 'libkrunfw-generic-riscv64'])).toEqual([
      expect.stringMatching(/^libkrunfw-generic-x86_64: libkrunfw-x86_64\.tgz has sha256 [0-9a-f]{64}, its manifest says [0-9a-f]{64}$/),
      'libkrunfw-generic-aarch64: its manifest names SHA256SUMS as its macOS bundle, not libkrunfw-prebuilt-aarch64.tgz',
      'libkrunfw-generic-riscv64: missing (no libkrunfw-generic-riscv64.json)',
    ]);
  });

  it('refuses a kernel tarball named like the checksum list, and a release directory that is not empty', async () => {
    const cwd = fresh();
    renameSync(path.join(cwd, 'kernel-source', KERNEL), path.join(cwd, 'kernel-source', 'SHA256SUMS'));
    mkdirSync(path.join(cwd, 'release'));
    writeFileSync(path.join(cwd, 'release', 'old'), '');
    await build(cwd, 'libkrunfw-generic-x86_64', 'generic', 'x86_64');
    const e = await errors(cwd, ['libkrunfw-generic-x86_64']);
    expect(e).toContain("an artifact holds a file named SHA256SUMS; that name is the checksum list's");
    expect(e).toContain(`${path.join(cwd, 'release')}/ exists and is not empty; the release set goes into a new directory`);
    expect(readdirSync(path.join(cwd, 'release'))).toEqual(['old']);
  });

  it('refuses an empty build, and ignores (with a warning) an artifact build.yml did not name', async () => {
    expect(await errors(fresh(), [])).toEqual(["build.yml uploaded nothing (its 'artifacts' output is empty)"]);
    const cwd = fresh();
    await build(cwd, 'libkrunfw-generic-x86_64', 'generic', 'x86_64');
    await build(cwd, 'libkrunfw-stray', 'generic', 'aarch64');
    const r = await gather(cwd, ['libkrunfw-generic-x86_64']);
    expect(r.messages).toEqual([{ level: 'warning', text: 'ignoring artifact libkrunfw-stray: build.yml did not name it' }]);
    expect(assets(cwd)).toEqual(['SHA256SUMS', 'libkrunfw-5.4.0-generic-x86_64-source.tar', 'libkrunfw-x86_64.tgz', KERNEL]);
  });
});

describe('the release-gather command, as the gather job runs it', () => {
  const env = (cwd: string, artifacts: string[]): Record<string, string> => ({
    ARTIFACTS: JSON.stringify(artifacts),
    BUILDS_DIR: path.join(cwd, 'builds'),
    KERNEL_SOURCE_DIR: path.join(cwd, 'kernel-source'),
    RELEASE_DIR: path.join(cwd, 'release'),
    WORK_DIR: path.join(cwd, 'gather-work'),
  });

  it('writes the release set, a summary table of every asset, and lists them', async () => {
    const cwd = fresh();
    await build(cwd, 'libkrunfw-generic-x86_64', 'generic', 'x86_64');
    const r = await runStep(scratch, 'release-gather', env(cwd, ['libkrunfw-generic-x86_64']));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toBe(['libkrunfw-5.4.0-generic-x86_64-source.tar', 'libkrunfw-x86_64.tgz', KERNEL, ''].join('\n'));
    expect(r.summary).toMatch(/^\| asset \| sha256 \|\n\| --- \| --- \|\n\| libkrunfw-5\.4\.0-generic-x86_64-source\.tar \| `[0-9a-f]{64}` \|\n/);
    expect(r.summary).toContain(`| ${KERNEL} | \`${sha256('kernel bytes')}\` |\n`);
    expect(r.summary).toContain(`The source releases leave out linux/${KERNEL}, attached once; their manifest.json names it by sha256.`);
    expect(r.outputs).toEqual({});
  });

  it('refuses with exit 1 and an annotation per problem; a warning keeps its own level', async () => {
    const cwd = fresh();
    await build(cwd, 'libkrunfw-stray', 'generic', 'aarch64');
    const r = await runStep(scratch, 'release-gather', env(cwd, ['libkrunfw-generic-x86_64']));
    expect(r.status).toBe(1);
    expect(commandLines(r, 'warning')).toEqual(['::warning title=release set::ignoring artifact libkrunfw-stray: build.yml did not name it']);
    expect(commandLines(r, 'error')).toEqual(['::error title=release set::libkrunfw-generic-x86_64: missing (no libkrunfw-generic-x86_64.json)']);
    expect(existsSync(path.join(cwd, 'release'))).toBe(false);
  });
});
