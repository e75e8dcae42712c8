// release.yml's kernel job: the kernel tarball, once, checked against every
// build's source manifest; builds made by the product's own stages.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/util/hash.ts';
import { takeKernel } from '../../src/workflows/release-kernel.ts';
import { tempDir } from '../support/tmp.ts';
import { editManifest, KERNEL, uploadedBuild } from './builds.ts';
import { commandLines, runStep } from './step.ts';

const scratch = tempDir('release-kernel');
const fresh = (): string => mkdtempSync(path.join(scratch, 'job-'));
const inputs = (cwd: string, artifacts: string[]) => ({
  artifacts: JSON.stringify(artifacts),
  'builds-dir': path.join(cwd, 'builds'),
  'kernel-source-dir': path.join(cwd, 'kernel-source'),
});
const errors = async (cwd: string, artifacts: string[]): Promise<string[]> => (await takeKernel(inputs(cwd, artifacts))).messages.map((m) => m.text);

describe('takeKernel', () => {
  it('takes it from one source release when every source manifest names it by the same sha256', async () => {
    const cwd = fresh();
    const builds = path.join(cwd, 'builds');
    await uploadedBuild(scratch, builds, 'libkrunfw-generic-x86_64', 'generic', 'x86_64', { kernel: 'the kernel' });
    await uploadedBuild(scratch, builds, 'libkrunfw-sev-x86_64', 'sev', 'x86_64', { kernel: 'the kernel' });
    const r = await takeKernel(inputs(cwd, ['libkrunfw-generic-x86_64', 'libkrunfw-sev-x86_64']));
    expect(r.messages).toEqual([]);
    expect(r.kernel).toEqual({
      path: path.join(cwd, 'kernel-source', KERNEL),
      file: KERNEL,
      sha256: sha256('the kernel'),
      from: 'libkrunfw-generic-x86_64',
      namedBy: ['libkrunfw-generic-x86_64', 'libkrunfw-sev-x86_64'],
    });
    expect(readdirSync(path.join(cwd, 'kernel-source'))).toEqual([KERNEL]);
    expect(readFileSync(path.join(cwd, 'kernel-source', KERNEL), 'utf8')).toBe('the kernel');
  });

  it('finds a lone build where download-artifact puts it: in builds/ itself', async () => {
    const cwd = fresh();
    await uploadedBuild(scratch, path.join(cwd, 'builds'), 'libkrunfw-generic-x86_64', 'generic', 'x86_64', { folder: path.join(cwd, 'builds') });
    const r = await takeKernel(inputs(cwd, ['libkrunfw-generic-x86_64']));
    expect(r.messages).toEqual([]);
    expect(readdirSync(path.join(cwd, 'kernel-source'))).toEqual([KERNEL]);
  });

  it('refuses source manifests that name different kernel tarballs, naming each, and writes nothing', async () => {
    const cwd = fresh();
    const builds = path.join(cwd, 'builds');
    await uploadedBuild(scratch, builds, 'libkrunfw-generic-x86_64', 'generic', 'x86_64', { kernel: 'one kernel' });
    await uploadedBuild(scratch, builds, 'libkrunfw-generic-aarch64', 'generic', 'aarch64', { kernel: 'another kernel' });
    expect(await errors(cwd, ['libkrunfw-generic-x86_64', 'libkrunfw-generic-aarch64'])).toEqual([
      "the builds' source manifests name different kernel tarballs, and a release attaches one: " +
        `libkrunfw-generic-x86_64: ${KERNEL} sha256 ${sha256('one kernel')}; libkrunfw-generic-aarch64: ${KERNEL} sha256 ${sha256('another kernel')}`,
    ]);
    expect(readdirSync(cwd)).not.toContain('kernel-source');
  });

  it('refuses the same bytes under another name too', async () => {
    const cwd = fresh();
    await uploadedBuild(scratch, path.join(cwd, 'builds'), 'a', 'generic', 'x86_64');
    await uploadedBuild(scratch, path.join(cwd, 'builds'), 'b', 'generic', 'aarch64', { kernelName: 'linux-6.12.87.tar.gz' });
    expect((await errors(cwd, ['a', 'b'])).join('\n')).toMatch(/name different kernel tarballs/);
  });

  it('refuses a kernel tarball whose bytes are not what the manifests say, and keeps nothing of it', async () => {
    const cwd = fresh();
    await uploadedBuild(scratch, path.join(cwd, 'builds'), 'libkrunfw-generic-x86_64', 'generic', 'x86_64', {
      kernel: 'tampered',
      kernelSha256: sha256('the kernel'),
    });
    expect(await errors(cwd, ['libkrunfw-generic-x86_64'])).toEqual([
      `libkrunfw-generic-x86_64: linux/${KERNEL} has sha256 ${sha256('tampered')}; every manifest says ${sha256('the kernel')}`,
    ]);
    expect(readdirSync(path.join(cwd, 'kernel-source'))).toEqual([]);
  });

  it("refuses a source release that is not its build's, a build without one, a misnamed one, an unreadable one, and a missing build", async () => {
    const cwd = fresh();
    const builds = path.join(cwd, 'builds');
    const x86 = await uploadedBuild(scratch, builds, 'libkrunfw-generic-x86_64', 'generic', 'x86_64');
    editManifest(x86.folder, 'libkrunfw-generic-x86_64', (m) => ({ ...m, 'source-release-sha256': 'f'.repeat(64) }));
    const arm = await uploadedBuild(scratch, builds, 'libkrunfw-generic-aarch64', 'generic', 'aarch64');
    editManifest(arm.folder, 'libkrunfw-generic-aarch64', ({ 'source-release': _, ...m }) => m);
    const sev = await uploadedBuild(scratch, builds, 'libkrunfw-sev-x86_64', 'sev', 'x86_64');
    editManifest(sev.folder, 'libkrunfw-sev-x86_64', (m) => ({ ...m, 'source-release': 'libkrunfw-5.4.0-generic-x86_64-source.tar' }));
    const tdx = await uploadedBuild(scratch, builds, 'libkrunfw-tdx-x86_64', 'tdx', 'x86_64');
    writeFileSync(path.join(tdx.folder, tdx.manifest['source-release']), 'not a tar');
    editManifest(tdx.folder, 'libkrunfw-tdx-x86_64', (m) => ({ ...m, 'source-release-sha256': sha256('not a tar') }));
    expect(
      await errors(cwd, ['libkrunfw-generic-x86_64', 'libkrunfw-generic-aarch64', 'libkrunfw-sev-x86_64', 'libkrunfw-tdx-x86_64', 'libkrunfw-generic-riscv64']),
    ).toEqual([
      expect.stringMatching(/^libkrunfw-generic-x86_64: libkrunfw-5\.4\.0-generic-x86_64-source\.tar has sha256 [0-9a-f]{64}, its manifest says f{64}$/),
      'libkrunfw-generic-aarch64: its manifest names no source release',
      'libkrunfw-sev-x86_64: its manifest names libkrunfw-5.4.0-generic-x86_64-source.tar as its source release, not libkrunfw-5.4.0-sev-x86_64-source.tar',
      expect.stringMatching(
        /^libkrunfw-tdx-x86_64: libkrunfw-5\.4\.0-tdx-x86_64-source\.tar cannot be read: \/.*\/libkrunfw-5\.4\.0-tdx-x86_64-source\.tar is truncated$/,
      ),
      'libkrunfw-generic-riscv64: missing (no libkrunfw-generic-riscv64.json)',
    ]);
  });

  it('refuses a manifest that names a path outside the artifact', async () => {
    const cwd = fresh();
    const b = await uploadedBuild(scratch, path.join(cwd, 'builds'), 'libkrunfw-generic-x86_64', 'generic', 'x86_64');
    editManifest(b.folder, 'libkrunfw-generic-x86_64', (m) => ({ ...m, 'source-release': '../../elsewhere-source.tar' }));
    expect(await errors(cwd, ['libkrunfw-generic-x86_64'])).toEqual([
      "libkrunfw-generic-x86_64: its manifest names '../../elsewhere-source.tar' as its source-release, not a plain file name",
    ]);
  });

  it('refuses an empty build, or artifact names that are not names', async () => {
    expect(await errors(fresh(), [])).toEqual(["build.yml uploaded nothing (its 'artifacts' output is empty)"]);
    expect(await errors(fresh(), ['../x'])).toEqual([expect.stringMatching(/'artifacts' output holds '\.\.\/x', not artifact names/)]);
  });
});

describe('the release-kernel command, as the kernel job runs it', () => {
  it('writes the tarball and sha256 outputs, the summary, and one line naming it', async () => {
    const cwd = fresh();
    await uploadedBuild(scratch, path.join(cwd, 'builds'), 'libkrunfw-generic-x86_64', 'generic', 'x86_64', { kernel: 'the kernel' });
    const r = await runStep(scratch, 'release-kernel', {
      ARTIFACTS: '["libkrunfw-generic-x86_64"]',
      BUILDS_DIR: path.join(cwd, 'builds'),
      KERNEL_SOURCE_DIR: path.join(cwd, 'kernel-source'),
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.outputs).toEqual({ tarball: KERNEL, sha256: sha256('the kernel') });
    expect(r.summary).toBe(
      `Kernel tarball \`${KERNEL}\`, sha256 \`${sha256('the kernel')}\`, named by the source manifests of libkrunfw-generic-x86_64; taken from libkrunfw-generic-x86_64.\n`,
    );
    expect(r.stdout).toBe(`${KERNEL} ${sha256('the kernel')}\n`);
  });

  it('refuses with exit 1, an annotation per problem, and no outputs', async () => {
    const cwd = fresh();
    mkdirSync(path.join(cwd, 'builds'));
    const r = await runStep(scratch, 'release-kernel', {
      ARTIFACTS: '["a","b"]',
      BUILDS_DIR: path.join(cwd, 'builds'),
      KERNEL_SOURCE_DIR: path.join(cwd, 'kernel-source'),
    });
    expect(r.status).toBe(1);
    expect(commandLines(r, 'error')).toEqual(['::error title=kernel tarball::a: missing (no a.json)', '::error title=kernel tarball::b: missing (no b.json)']);
    expect(r.outputs).toEqual({});
  });
});
