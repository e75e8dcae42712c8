// The scripts inside the workflows, run here as the runner runs them: the step's
// `run:` text through its shell (python3 {0}), with its `env:` filled in as
// GitHub would fill the expressions.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.ts';
import { isMapping, jobsOf, parseYaml, REPO_ROOT, repositoryWorkflows, stepsOf, workflowCallInputs, type Mapping } from './model.ts';

const workflows = repositoryWorkflows();
const build = workflows.find((w) => w.file.endsWith('/build.yml'))!;
const release = workflows.find((w) => w.file.endsWith('/release.yml'))!;
const root = tempDir('workflow-scripts');

function stepById(y: typeof build, id: string): Mapping {
  const step = jobsOf(y)
    .flatMap(stepsOf)
    .find((s) => s.step.id === id);
  if (!step) throw new Error(`${y.file}: no step with id ${id}`);
  expect(step.step.shell).toBe('python3 {0}');
  return step.step;
}

/**
 * The step's env as the runner would set it: literals as they are, each
 * `${{ <context>.<name> }}` looked up in `values` (a key like 'inputs.upload').
 */
function renderEnv(step: Mapping, values: Record<string, unknown>): Record<string, string> {
  const env = isMapping(step.env) ? step.env : {};
  return Object.fromEntries(
    Object.entries(env).map(([k, v]) => {
      const m = typeof v === 'string' ? /^\$\{\{\s*([\w.-]+)\s*\}\}$/.exec(v) : null;
      if (!m) {
        if (typeof v === 'string' && v.includes('${{')) throw new Error(`env ${k}: cannot render ${v}`);
        return [k, String(v)];
      }
      if (!(m[1]! in values)) throw new Error(`env ${k}: no test value for ${m[1]}`);
      return [k, String(values[m[1]!])];
    }),
  );
}

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

let runs = 0;
function runStep(step: Mapping, env: Record<string, string>, cwd: string): Ran {
  const dir = path.join(root, `run-${++runs}`);
  mkdirSync(dir);
  const script = path.join(dir, 'script.py');
  writeFileSync(script, String(step.run));
  const outputFile = path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const r = spawnSync('python3', [script], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile },
  });
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs, summary: readFileSync(summaryFile, 'utf8') };
}

describe("build.yml's plan job", () => {
  const plan = stepById(build, 'plan');
  const defaults = Object.fromEntries(
    [...workflowCallInputs(build).values()].map((i) => [`inputs.${i.name}`, i.default]),
  );
  const run = (given: Record<string, unknown> = {}): Ran => {
    const values = { ...defaults, ...Object.fromEntries(Object.entries(given).map(([k, v]) => [`inputs.${k}`, v])) };
    return runStep(plan, renderEnv(plan, values), root);
  };
  const lines = (r: Ran, kind: string): string[] => r.stdout.split('\n').filter((l) => l.startsWith(`::${kind}`));
  const errors = (r: Ran): string[] => lines(r, 'error');
  const cells = (r: Ran): Record<string, string>[] => JSON.parse(r.outputs.matrix!).include;
  const pairs = (r: Ran): string[] => cells(r).map((c) => `${c.variant} ${c.arch}`);

  it('plans the generic x86_64 build by default, boot test on', () => {
    const r = run();
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.outputs.matrix!)).toEqual({
      include: [{ variant: 'generic', arch: 'x86_64', runner: 'ubuntu-24.04', artifact: 'libkrunfw-generic-x86_64', boot: 'true', cross: '', qboot: '', initrd: '' }],
    });
    expect(JSON.parse(r.outputs.artifacts!)).toEqual(['libkrunfw-generic-x86_64']);
    expect(r.outputs['artifact-pattern']).toBe('libkrunfw-*');
    expect(JSON.parse(r.outputs.builds!)).toEqual([{ variant: 'generic', arch: 'x86_64', runner: 'ubuntu-24.04', artifact: 'libkrunfw-generic-x86_64' }]);
    expect(r.summary).toMatch(/\| generic \| x86_64 \| ubuntu-24.04 \| yes \| libkrunfw-generic-x86_64 \|/);
    expect(lines(r, 'notice')).toEqual([]);
  });

  it('takes a comma-separated list, drops repeats, and names what is not uploaded', () => {
    const r = run({ variants: 'generic', architectures: 'x86_64, x86_64', upload: false, 'artifact-prefix': 'krunfw-6.12' });
    expect(r.status, r.stdout).toBe(0);
    expect(cells(r)).toHaveLength(1);
    expect(cells(r)[0]!.artifact).toBe('krunfw-6.12-generic-x86_64');
    expect(r.outputs.artifacts).toBe('[]');
    expect(JSON.parse(r.outputs.builds!)).toHaveLength(1);
    expect(r.outputs['artifact-pattern']).toBe('krunfw-6.12-*');
  });

  it('builds every variant x architecture but sev/tdx off x86_64, each on a runner that suits it', () => {
    const r = run({ variants: 'generic,sev,tdx', architectures: '["x86_64", "aarch64", "riscv64"]', 'libkrunfw-ref': 'v5.4.0' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(pairs(r)).toEqual(['generic x86_64', 'generic aarch64', 'generic riscv64', 'sev x86_64', 'tdx x86_64']);
    const by = Object.fromEntries(cells(r).map((c) => [`${c.variant} ${c.arch}`, c]));
    expect(by['generic aarch64']).toMatchObject({ runner: 'ubuntu-24.04-arm', cross: '', boot: 'false' });
    expect(by['generic riscv64']).toMatchObject({ runner: 'ubuntu-24.04', cross: 'gcc-riscv64-linux-gnu libc6-dev-riscv64-cross qemu-user', boot: 'false' });
    expect(by['sev x86_64']).toMatchObject({ runner: 'ubuntu-24.04', cross: '', boot: 'true', qboot: '', initrd: '', artifact: 'libkrunfw-sev-x86_64' });
    expect(JSON.parse(r.outputs.artifacts!)).toEqual(cells(r).map((c) => c.artifact));
    // What is left out is said, not silently dropped.
    expect(lines(r, 'notice').join('\n')).toMatch(/left out: sev aarch64, sev riscv64, tdx aarch64, tdx riscv64 \(sev, tdx are confidential guests for x86_64 only\)/);
    expect(r.summary).toMatch(/\| generic \| riscv64 \| ubuntu-24\.04 \(cross\) \| no \| libkrunfw-generic-riscv64 \|/);
    expect(r.summary).toMatch(/\| sev \| aarch64 \| \(left out: sev is for x86_64 only\)/);
  });

  it("plans the README's distribution example: generic, sev and tdx on x86_64, generic on aarch64", () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = /^### A distribution building its variants[\s\S]*?^```yaml\n([\s\S]*?)^```$/m.exec(readme)![1]!;
    const call = jobsOf(parseYaml('README.md', section)).find((j) => typeof j.job.uses === 'string' && j.job.uses.includes('/build.yml@'))!;
    const r = run(isMapping(call.job.with) ? call.job.with : {});
    expect(r.status, r.stdout).toBe(0);
    expect(pairs(r)).toEqual(['generic x86_64', 'generic aarch64', 'sev x86_64', 'tdx x86_64']);
    expect(r.outputs.artifacts).toBe('["libkrunfw-generic-x86_64","libkrunfw-generic-aarch64","libkrunfw-sev-x86_64","libkrunfw-tdx-x86_64"]');
  });

  it('refuses a list that leaves nothing to build, saying why', () => {
    const r = run({ variants: 'sev,tdx', architectures: 'aarch64,riscv64', 'libkrunfw-ref': 'v5.4.0' });
    expect(r.status).toBe(1);
    expect(r.outputs).toEqual({});
    expect(errors(r).join('\n')).toMatch(/nothing to build: sev, tdx exist only for x86_64, and architectures holds aarch64, riscv64/);
  });

  it('refuses sev and tdx without libkrunfw-ref or both qboot and initrd, naming what is missing', () => {
    const none = run({ variants: 'generic,sev,tdx' });
    expect(none.status).toBe(1);
    expect(errors(none).join('\n')).toMatch(
      /variants: sev, tdx bundle the qboot firmware and an initrd: set libkrunfw-ref \(a containers\/libkrunfw ref, .*\), or qboot and initrd \(a path in your repository\)/,
    );
    const half = run({ variants: 'tdx', qboot: 'ci/bios.bin' });
    expect(half.status).toBe(1);
    expect(errors(half).join('\n')).toMatch(/variants: tdx bundle .* or initrd \(a path in your repository\)/);
    // sev asked for, but only for architectures it does not exist for: nothing needs the blobs.
    expect(run({ variants: 'generic,sev', architectures: 'aarch64' }).status).toBe(0);
  });

  it("gives the sev/tdx cells the caller's qboot and initrd, in the caller's checkout, and no other cell", () => {
    const r = run({ variants: 'generic,sev', architectures: 'x86_64', qboot: 'ci/qboot/bios.bin', initrd: 'ci/initrd.gz' });
    expect(r.status, r.stdout).toBe(0);
    expect(cells(r).map((c) => [c.variant, c.qboot, c.initrd])).toEqual([
      ['generic', '', ''],
      ['sev', '.libkrunfw-caller/ci/qboot/bios.bin', '.libkrunfw-caller/ci/initrd.gz'],
    ]);
    // Given, but no sev/tdx build: a warning, not a failure.
    const unused = run({ qboot: 'ci/qboot/bios.bin', initrd: 'ci/initrd.gz' });
    expect(unused.status).toBe(0);
    expect(lines(unused, 'warning').join('\n')).toMatch(/qboot and initrd are for the sev and tdx builds, and none is planned/);
    expect(cells(unused)[0]).toMatchObject({ qboot: '', initrd: '' });
  });

  it("refuses qboot and initrd paths outside the caller's repository", () => {
    for (const bad of ['/etc/passwd', '../secrets/bios.bin', 'ci/../../x', 'ci//bios.bin', '-rf', 'ci/bios bin']) {
      const r = run({ variants: 'sev', qboot: bad, initrd: 'ci/initrd.gz' });
      expect(r.status, bad).toBe(1);
      expect(errors(r).join('\n'), bad).toMatch(/qboot: .* is not a plain relative path in your repository/);
    }
  });

  it('passes boot-test false to every cell when the boot test is off', () => {
    const r = run({ 'boot-test': false, architectures: 'x86_64,aarch64' });
    expect(r.status).toBe(0);
    expect(cells(r).map((c) => c.boot)).toEqual(['false', 'false']);
  });

  it('refuses what the action cannot build, saying what it can, and plans nothing', () => {
    const r = run({ variants: '["generic", "sgx"]', architectures: '["x86_64", "aarch64", "mips"]' });
    expect(r.status).toBe(1);
    expect(r.outputs).toEqual({});
    const e = errors(r).join('\n');
    expect(e).toMatch(/variants: unknown value 'sgx'; buildable: generic, sev, tdx/);
    expect(e).toMatch(/architectures: unknown value 'mips'; buildable: x86_64, aarch64, riscv64/);
  });

  it('fails clearly when an architecture is declared buildable but has no runner', () => {
    const values = { ...defaults, 'inputs.architectures': 'x86_64,s390x' };
    const r = runStep(plan, { ...renderEnv(plan, values), SUPPORTED_ARCHITECTURES: 'x86_64 aarch64 riscv64 s390x' }, root);
    expect(r.status).toBe(1);
    expect(errors(r).join('\n')).toMatch(/'s390x' has no runner in RUNNERS/);
  });

  it('reports every bad input at once', () => {
    const r = run({
      variants: '["generic"',
      architectures: '[]',
      'kernel-version': '6.12.87; reboot',
      'kernel-sha256': 'abc',
      'libkrunfw-ref': '--upload-pack=x',
      'libkrunfw-repository': 'file:///etc',
      qboot: '/etc/passwd',
      'retention-days': 91,
      'artifact-prefix': '../x',
    });
    expect(r.status).toBe(1);
    const e = errors(r).join('\n');
    for (const want of [
      /variants: not a JSON array/,
      /architectures: empty/,
      /kernel-version: '6\.12\.87; reboot' is not a kernel\.org release/,
      /kernel-sha256: must be 64 hex digits/,
      /libkrunfw-ref: '--upload-pack=x' is not a branch, tag or commit sha/,
      /libkrunfw-repository: 'file:\/\/\/etc' is not an https git URL/,
      /qboot: '\/etc\/passwd' is not a plain relative path/,
      /retention-days: '91'/,
      /artifact-prefix: '\.\.\/x'/,
    ]) {
      expect(e).toMatch(want);
    }
    expect(errors(r)).toHaveLength(9);
  });

  it('accepts a libkrunfw fork by its https URL, only with a ref', () => {
    const fork = 'https://github.com/someone/libkrunfw';
    expect(run({ 'libkrunfw-ref': 'main', 'libkrunfw-repository': fork }).status).toBe(0);
    expect(run({ 'libkrunfw-ref': 'a'.repeat(40) }).status).toBe(0);
    expect(errors(run({ 'libkrunfw-repository': fork })).join('\n')).toMatch(/libkrunfw-repository: given without libkrunfw-ref/);
    for (const bad of ['v5.4.0..main', 'refs/heads/x.lock', 'a b']) expect(run({ 'libkrunfw-ref': bad }).status, bad).toBe(1);
  });

  it('accepts a pinned kernel and refuses a sha256 without its version', () => {
    const sha = 'cc12a7644b4cef9e06627b29de8753e22b3d076703a9b52be84263e05c8b9830';
    expect(run({ 'kernel-version': '6.12.87', 'kernel-sha256': sha }).status).toBe(0);
    expect(errors(run({ 'kernel-sha256': sha })).join('\n')).toMatch(/given without kernel-version/);
  });

  it('cannot be made to print a workflow command of the caller\'s choosing', () => {
    const ours = /^::(error title=libkrunfw build inputs|notice title=libkrunfw build plan|warning title=libkrunfw build inputs)::/;
    for (const given of [{ variants: 'generic\n::add-mask::x' }, { variants: 'sev', architectures: 'x86_64,aarch64', 'libkrunfw-ref': 'v1\n::add-mask::x' }]) {
      const r = run(given);
      expect(r.status).toBe(1);
      expect(r.stdout.split('\n').filter((l) => l.startsWith('::') && !ours.test(l))).toEqual([]);
    }
  });

  it("accepts release.yml's call: every buildable cell of libkrunfw's release tree", () => {
    const call = jobsOf(release).find((j) => j.job.uses === './.github/workflows/build.yml')!;
    const r = run(isMapping(call.job.with) ? call.job.with : {});
    expect(r.status, r.stdout).toBe(0);
    expect(pairs(r)).toEqual(['generic x86_64', 'generic aarch64', 'generic riscv64', 'sev x86_64', 'tdx x86_64']);
    expect(cells(r).filter((c) => c.boot === 'true').map((c) => c.arch)).toEqual(['x86_64', 'x86_64', 'x86_64']);
  });
});

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

const KERNEL = 'linux-6.12.87.tar.xz';

interface SourceOptions {
  /** The kernel tarball's bytes in the release. */
  kernel?: string;
  /** What manifest.json says its sha256 is (default: the bytes'). */
  kernelSha256?: string;
  kernelName?: string;
}

/** A source release as the action writes it: <top>/ with manifest.json, linux/<tarball> and the rest, as a GNU tar.gz. */
function sourceRelease(dir: string, top: string, o: SourceOptions = {}): Buffer {
  const kernel = o.kernel ?? 'kernel bytes';
  const kernelName = o.kernelName ?? KERNEL;
  const stage = mkdtempSync(path.join(root, 'source-'));
  const files: Record<string, string> = {
    [`linux/${kernelName}`]: kernel,
    'patches/series': '0001-x.patch\n',
    'patches/0001-x.patch': `patch for ${top}\n`,
    'config/final.config': 'CONFIG_X=y\n',
    'build.sh': '#!/bin/sh\n',
  };
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(stage, top, f)), { recursive: true });
    writeFileSync(path.join(stage, top, f), text);
  }
  const kernelSha = o.kernelSha256 ?? sha256(kernel);
  const manifest = {
    format: 1,
    name: top,
    kernel: { version: '6.12.87', tarball: `linux/${kernelName}`, sha256: kernelSha, origin: 'https://cdn.kernel.org/…' },
    files: Object.entries(files).map(([f, text]) => ({ path: f, sha256: f.startsWith('linux/') ? kernelSha : sha256(text), size: text.length })),
  };
  writeFileSync(path.join(stage, top, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const out = path.join(dir, `${top}.tar.gz`);
  const tar = spawnSync('tar', ['--create', '--format=gnu', '--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=@0', '-C', stage, '-czf', out, top], {
    encoding: 'utf8',
  });
  if (tar.status !== 0) throw new Error(tar.stderr);
  return readFileSync(out);
}

/** The files of a tar.gz, name → sha256 (directories: 'dir'). */
function listing(file: string): Record<string, string> {
  const py = [
    'import hashlib, json, sys, tarfile',
    'with tarfile.open(sys.argv[1], "r:gz") as t:',
    '    print(json.dumps({m.name: hashlib.sha256(t.extractfile(m).read()).hexdigest() if m.isreg() else "dir" for m in t}))',
  ].join('\n');
  const r = spawnSync('python3', ['-c', py, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

interface ArtifactOptions extends SourceOptions {
  /** The install tarball's name in the artifact (the action's: libkrunfw[-variant]-<arch>.tgz). */
  tarballName?: string;
  /** No source release in the artifact or its manifest. */
  noSource?: boolean;
  /** aarch64's macOS bundle. */
  prebuilt?: string;
}

/** A build artifact as build.yml uploads it: library, install tarball, source release, manifest. */
function artifact(dir: string, name: string, variant: string, arch: string, content: string, o: ArtifactOptions = {}): string {
  const folder = path.join(dir, name);
  mkdirSync(folder, { recursive: true });
  const base = variant === 'generic' ? 'libkrunfw' : `libkrunfw-${variant}`;
  const tarballName = o.tarballName ?? `${base}-${arch}.tgz`;
  writeFileSync(path.join(folder, tarballName), content);
  writeFileSync(path.join(folder, `${base}.so.5.4.0`), `library ${content}`);
  const manifest: Record<string, string> = { artifact: name, variant, arch, tarball: tarballName, 'tarball-sha256': sha256(content) };
  if (!o.noSource) {
    const top = `libkrunfw-5.4.0-${variant}-${arch}-source`;
    const bytes = sourceRelease(folder, top, o);
    manifest['source-release'] = `${top}.tar.gz`;
    manifest['source-release-sha256'] = sha256(bytes);
  }
  if (o.prebuilt !== undefined) {
    writeFileSync(path.join(folder, `${base}-prebuilt-${arch}.tgz`), o.prebuilt);
    manifest.prebuilt = `${base}-prebuilt-${arch}.tgz`;
    manifest['prebuilt-sha256'] = sha256(o.prebuilt);
  }
  writeFileSync(path.join(folder, `${name}.json`), JSON.stringify(manifest));
  return folder;
}

function editManifest(folder: string, name: string, change: (m: Record<string, string>) => Record<string, string>): void {
  const file = path.join(folder, `${name}.json`);
  writeFileSync(file, JSON.stringify(change(JSON.parse(readFileSync(file, 'utf8')))));
}

describe("release.yml's kernel job: the kernel tarball, once", () => {
  const kernel = stepById(release, 'kernel');
  const run = (cwd: string, artifacts: string[]): Ran =>
    runStep(kernel, renderEnv(kernel, { 'needs.build.outputs.artifacts': JSON.stringify(artifacts) }), cwd);
  const fresh = (): string => mkdtempSync(path.join(root, 'kernel-'));

  it('takes it from one source release when every source manifest names it by the same sha256', () => {
    const cwd = fresh();
    artifact(path.join(cwd, 'builds'), 'libkrunfw-generic-x86_64', 'generic', 'x86_64', 'x86', { kernel: 'the kernel' });
    artifact(path.join(cwd, 'builds'), 'libkrunfw-sev-x86_64', 'sev', 'x86_64', 'sev', { kernel: 'the kernel' });
    const r = run(cwd, ['libkrunfw-generic-x86_64', 'libkrunfw-sev-x86_64']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(readdirSync(path.join(cwd, 'kernel-source'))).toEqual([KERNEL]);
    expect(readFileSync(path.join(cwd, 'kernel-source', KERNEL), 'utf8')).toBe('the kernel');
    expect(r.outputs).toEqual({ tarball: KERNEL, sha256: sha256('the kernel') });
    expect(r.summary).toContain('libkrunfw-generic-x86_64, libkrunfw-sev-x86_64');
  });

  it('finds a lone build in builds/ itself', () => {
    const cwd = fresh();
    const folder = artifact(cwd, 'builds', 'generic', 'x86_64', 'x86');
    renameSync(path.join(folder, 'builds.json'), path.join(folder, 'libkrunfw-generic-x86_64.json'));
    const r = run(cwd, ['libkrunfw-generic-x86_64']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(readdirSync(path.join(cwd, 'kernel-source'))).toEqual([KERNEL]);
  });

  it('refuses source manifests that name different kernel tarballs, naming each', () => {
    const cwd = fresh();
    artifact(path.join(cwd, 'builds'), 'libkrunfw-generic-x86_64', 'generic', 'x86_64', 'x86', { kernel: 'one kernel' });
    artifact(path.join(cwd, 'builds'), 'libkrunfw-generic-aarch64', 'generic', 'aarch64', 'arm', { kernel: 'another kernel' });
    const r = run(cwd, ['libkrunfw-generic-x86_64', 'libkrunfw-generic-aarch64']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/::error title=kernel tarball::the builds' source manifests name different kernel tarballs, and a release attaches one/);
    expect(r.stdout).toContain(`libkrunfw-generic-x86_64: ${KERNEL} sha256 ${sha256('one kernel')}`);
    expect(r.stdout).toContain(`libkrunfw-generic-aarch64: ${KERNEL} sha256 ${sha256('another kernel')}`);
    expect(readdirSync(cwd)).not.toContain('kernel-source');
  });

  it('refuses the same bytes under another name too', () => {
    const cwd = fresh();
    artifact(path.join(cwd, 'builds'), 'a', 'generic', 'x86_64', 'x86');
    artifact(path.join(cwd, 'builds'), 'b', 'generic', 'aarch64', 'arm', { kernelName: 'linux-6.12.87.tar.gz' });
    const r = run(cwd, ['a', 'b']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/name different kernel tarballs/);
  });

  it('refuses a kernel tarball whose bytes are not what the manifests say', () => {
    const cwd = fresh();
    artifact(path.join(cwd, 'builds'), 'libkrunfw-generic-x86_64', 'generic', 'x86_64', 'x86', { kernel: 'tampered', kernelSha256: sha256('the kernel') });
    const r = run(cwd, ['libkrunfw-generic-x86_64']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`libkrunfw-generic-x86_64: linux/${KERNEL} has sha256 ${sha256('tampered')}; every manifest says ${sha256('the kernel')}`));
    expect(readdirSync(path.join(cwd, 'kernel-source'))).toEqual([]);
  });

  it("refuses a source release that is not its build's, and a build without one", () => {
    const cwd = fresh();
    const folder = artifact(path.join(cwd, 'builds'), 'libkrunfw-generic-x86_64', 'generic', 'x86_64', 'x86');
    editManifest(folder, 'libkrunfw-generic-x86_64', (m) => ({ ...m, 'source-release-sha256': 'f'.repeat(64) }));
    artifact(path.join(cwd, 'builds'), 'libkrunfw-generic-aarch64', 'generic', 'aarch64', 'arm', { noSource: true });
    const r = run(cwd, ['libkrunfw-generic-x86_64', 'libkrunfw-generic-aarch64', 'libkrunfw-generic-riscv64']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/libkrunfw-generic-x86_64: libkrunfw-5\.4\.0-generic-x86_64-source\.tar\.gz has sha256 [0-9a-f]{64}, its manifest says f{64}/);
    expect(r.stdout).toMatch(/libkrunfw-generic-aarch64: its manifest names no source release/);
    expect(r.stdout).toMatch(/libkrunfw-generic-riscv64: missing/);
  });

  it('refuses an empty build', () => {
    expect(run(fresh(), []).stdout).toMatch(/build\.yml uploaded nothing/);
  });
});

describe("release.yml's gather step", () => {
  const gather = stepById(release, 'gather');
  const run = (cwd: string, artifacts: string[]): Ran =>
    runStep(gather, renderEnv(gather, { 'needs.build.outputs.artifacts': JSON.stringify(artifacts) }), cwd);
  /** A working directory with the kernel job's kernel-source/ in it. */
  const fresh = (kernel = 'kernel bytes'): string => {
    const cwd = mkdtempSync(path.join(root, 'gather-'));
    mkdirSync(path.join(cwd, 'kernel-source'));
    writeFileSync(path.join(cwd, 'kernel-source', KERNEL), kernel);
    return cwd;
  };
  const assets = (cwd: string): string[] => readdirSync(path.join(cwd, 'release')).sort();

  it("attaches each install tarball under libkrunfw's name, its source release less the kernel, the kernel once, and SHA256SUMS", () => {
    const cwd = fresh();
    const builds = path.join(cwd, 'builds');
    artifact(builds, 'libkrunfw-generic-x86_64', 'generic', 'x86_64', 'x86');
    artifact(builds, 'libkrunfw-sev-x86_64', 'sev', 'x86_64', 'sev', { tarballName: 'whatever-the-action-calls-it.tgz' });
    artifact(builds, 'libkrunfw-generic-aarch64', 'generic', 'aarch64', 'arm', { prebuilt: 'macos bundle' });
    const r = run(cwd, ['libkrunfw-generic-x86_64', 'libkrunfw-sev-x86_64', 'libkrunfw-generic-aarch64']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(assets(cwd)).toEqual([
      'SHA256SUMS',
      'libkrunfw-5.4.0-generic-aarch64-source.tar.gz',
      'libkrunfw-5.4.0-generic-x86_64-source.tar.gz',
      'libkrunfw-5.4.0-sev-x86_64-source.tar.gz',
      'libkrunfw-aarch64.tgz',
      'libkrunfw-prebuilt-aarch64.tgz',
      'libkrunfw-sev-x86_64.tgz',
      'libkrunfw-x86_64.tgz',
      KERNEL,
    ]);
    const sums = readFileSync(path.join(cwd, 'release', 'SHA256SUMS'), 'utf8');
    expect(sums).toContain(`${sha256('sev')}  libkrunfw-sev-x86_64.tgz\n`);
    expect(sums).toContain(`${sha256('macos bundle')}  libkrunfw-prebuilt-aarch64.tgz\n`);
    expect(sums).toContain(`${sha256('kernel bytes')}  ${KERNEL}\n`);
    // The format sha256sum --check reads.
    const check = spawnSync('sha256sum', ['--check', '--strict', 'SHA256SUMS'], { cwd: path.join(cwd, 'release'), encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(r.summary).toMatch(/\| libkrunfw-x86_64\.tgz \| `[0-9a-f]{64}` \|/);
    expect(r.summary).toContain(`leave out linux/${KERNEL}, attached once`);
  });

  it('leaves out only the kernel tarball: put back, the source release has every file its build wrote', () => {
    const cwd = fresh();
    const folder = artifact(path.join(cwd, 'builds'), 'libkrunfw-tdx-x86_64', 'tdx', 'x86_64', 'tdx');
    expect(run(cwd, ['libkrunfw-tdx-x86_64']).status).toBe(0);
    const name = 'libkrunfw-5.4.0-tdx-x86_64-source.tar.gz';
    const top = 'libkrunfw-5.4.0-tdx-x86_64-source';
    const original = listing(path.join(folder, name));
    const attached = listing(path.join(cwd, 'release', name));
    expect(Object.keys(original)).toContain(`${top}/linux/${KERNEL}`);
    expect(attached).toEqual(Object.fromEntries(Object.entries(original).filter(([f]) => f !== `${top}/linux/${KERNEL}`)));
    expect(original[`${top}/linux/${KERNEL}`]).toBe(sha256(readFileSync(path.join(cwd, 'release', KERNEL))));
    // ...and the same bytes on every run.
    const again = fresh();
    cpSync(path.join(cwd, 'builds'), path.join(again, 'builds'), { recursive: true });
    expect(run(again, ['libkrunfw-tdx-x86_64']).status).toBe(0);
    expect(readFileSync(path.join(again, 'release', name))).toEqual(readFileSync(path.join(cwd, 'release', name)));
  });

  it('finds a lone build where download-artifact puts it: in builds/ itself, not in builds/<name>/', () => {
    const cwd = fresh();
    const folder = artifact(cwd, 'builds', 'generic', 'x86_64', 'x86');
    // The helper wrote builds/builds.json; name it as build.yml would.
    const manifest = JSON.parse(readFileSync(path.join(folder, 'builds.json'), 'utf8'));
    writeFileSync(path.join(folder, 'libkrunfw-generic-x86_64.json'), JSON.stringify({ ...manifest, artifact: 'libkrunfw-generic-x86_64' }));
    rmSync(path.join(folder, 'builds.json'));
    const r = run(cwd, ['libkrunfw-generic-x86_64']);
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).not.toMatch(/::warning::/);
    expect(assets(cwd)).toEqual(['SHA256SUMS', 'libkrunfw-5.4.0-generic-x86_64-source.tar.gz', 'libkrunfw-x86_64.tgz', KERNEL]);
  });

  it("refuses a source release whose kernel tarball is not the one attached", () => {
    const cwd = fresh('the kernel the kernel job kept');
    artifact(path.join(cwd, 'builds'), 'libkrunfw-generic-x86_64', 'generic', 'x86_64', 'x86', { kernel: 'another kernel' });
    const r = run(cwd, ['libkrunfw-generic-x86_64']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`holds linux/${KERNEL} with sha256 ${sha256('another kernel')}; the one attached has ${sha256('the kernel the kernel job kept')}`));
    expect(readdirSync(cwd)).not.toContain('release');
  });

  it('refuses to attach anything without the one kernel tarball', () => {
    const cwd = fresh();
    rmSync(path.join(cwd, 'kernel-source'), { recursive: true });
    artifact(path.join(cwd, 'builds'), 'libkrunfw-generic-x86_64', 'generic', 'x86_64', 'x86');
    const r = run(cwd, ['libkrunfw-generic-x86_64']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/kernel-source\/ holds 0 files; want the one kernel tarball/);
  });

  it("checks a source release against its build's manifest, and attaches no binary without one", () => {
    const cwd = fresh();
    const folder = artifact(path.join(cwd, 'builds'), 'libkrunfw-generic-x86_64', 'generic', 'x86_64', 'x86');
    writeFileSync(path.join(folder, 'libkrunfw-5.4.0-generic-x86_64-source.tar.gz'), 'tampered');
    artifact(path.join(cwd, 'builds'), 'libkrunfw-generic-aarch64', 'generic', 'aarch64', 'arm', { noSource: true });
    const r = run(cwd, ['libkrunfw-generic-x86_64', 'libkrunfw-generic-aarch64']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/libkrunfw-generic-x86_64: libkrunfw-5\.4\.0-generic-x86_64-source\.tar\.gz has sha256 [0-9a-f]{64}, its manifest says/);
    expect(r.stdout).toMatch(/libkrunfw-generic-aarch64: its manifest names no source release, so its binaries are not attached/);
  });

  it('refuses two different files under one asset name', () => {
    const cwd = fresh();
    artifact(path.join(cwd, 'builds'), 'a', 'generic', 'x86_64', 'one');
    artifact(path.join(cwd, 'builds'), 'b', 'generic', 'x86_64', 'two');
    const r = run(cwd, ['a', 'b']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/two different files would be attached as libkrunfw-x86_64\.tgz/);
    expect(readdirSync(cwd)).not.toContain('release');
  });

  it("refuses a tarball whose sha256 is not its manifest's, and a missing build", () => {
    const cwd = fresh();
    const folder = artifact(path.join(cwd, 'builds'), 'libkrunfw-generic-x86_64', 'generic', 'x86_64', 'x86');
    writeFileSync(path.join(folder, 'libkrunfw-x86_64.tgz'), 'tampered');
    const r = run(cwd, ['libkrunfw-generic-x86_64', 'libkrunfw-generic-aarch64']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/libkrunfw-generic-x86_64: libkrunfw-x86_64\.tgz has sha256 [0-9a-f]{64}, its manifest says/);
    expect(r.stdout).toMatch(/libkrunfw-generic-aarch64: missing/);
  });

  it('refuses an empty build, and ignores (with a warning) an artifact build.yml did not name', () => {
    expect(run(fresh(), []).stdout).toMatch(/build\.yml uploaded nothing/);
    const cwd = fresh();
    artifact(path.join(cwd, 'builds'), 'libkrunfw-generic-x86_64', 'generic', 'x86_64', 'x86');
    artifact(path.join(cwd, 'builds'), 'libkrunfw-stray', 'generic', 'aarch64', 'stray');
    const r = run(cwd, ['libkrunfw-generic-x86_64']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/::warning::ignoring artifact libkrunfw-stray/);
    expect(assets(cwd)).toEqual(['SHA256SUMS', 'libkrunfw-5.4.0-generic-x86_64-source.tar.gz', 'libkrunfw-x86_64.tgz', KERNEL]);
  });
});

describe("build.yml's manifest step", () => {
  const manifest = stepById(build, 'manifest');
  const values = (cwd: string, library: string, arch = 'x86_64'): Record<string, unknown> => ({
    'matrix.artifact': `libkrunfw-generic-${arch}`,
    'matrix.variant': 'generic',
    'matrix.arch': arch,
    'steps.build.outputs.library': library,
    'steps.build.outputs.soname': 'libkrunfw.so.5',
    'steps.build.outputs.version': '5.4.0',
    'steps.build.outputs.sha256': 'a'.repeat(64),
    'steps.build.outputs.kernel-version': '6.12.87',
    'steps.build.outputs.tarball': path.join(cwd, 'out', `libkrunfw-${arch}.tgz`),
    'steps.build.outputs.tarball-sha256': 'b'.repeat(64),
    'steps.build.outputs.source-release': `out/libkrunfw-5.4.0-generic-${arch}-source.tar.gz`,
    'steps.build.outputs.source-release-sha256': 'd'.repeat(64),
    'steps.build.outputs.prebuilt-tarball': '',
    'steps.build.outputs.variant': 'generic',
    'steps.build.outputs.arch': arch,
    'job.workflow_repository': 'owner/libkrunfw-action',
    'job.workflow_sha': 'c'.repeat(40),
  });
  const fresh = (): string => {
    const cwd = mkdtempSync(path.join(root, 'manifest-'));
    mkdirSync(path.join(cwd, 'out'));
    return cwd;
  };

  it('writes <artifact>.json beside the files it names, the source release among them', () => {
    const cwd = fresh();
    const r = runStep(manifest, { ...renderEnv(manifest, values(cwd, 'out/libkrunfw.so.5.4.0')), OUT_DIR: 'out' }, cwd);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(cwd, 'out', 'libkrunfw-generic-x86_64.json'), 'utf8'))).toEqual({
      action: `owner/libkrunfw-action@${'c'.repeat(40)}`,
      arch: 'x86_64',
      artifact: 'libkrunfw-generic-x86_64',
      'kernel-version': '6.12.87',
      library: 'libkrunfw.so.5.4.0',
      sha256: 'a'.repeat(64),
      soname: 'libkrunfw.so.5',
      'source-release': 'libkrunfw-5.4.0-generic-x86_64-source.tar.gz',
      'source-release-sha256': 'd'.repeat(64),
      tarball: 'libkrunfw-x86_64.tgz',
      'tarball-sha256': 'b'.repeat(64),
      variant: 'generic',
      version: '5.4.0',
    });
  });

  it("names aarch64's macOS bundle when the action wrote one", () => {
    const cwd = fresh();
    writeFileSync(path.join(cwd, 'out', 'libkrunfw-prebuilt-aarch64.tgz'), 'macos bundle');
    const given = { ...values(cwd, 'out/libkrunfw.so.5.4.0', 'aarch64'), 'steps.build.outputs.prebuilt-tarball': 'out/libkrunfw-prebuilt-aarch64.tgz' };
    const r = runStep(manifest, { ...renderEnv(manifest, given), OUT_DIR: 'out' }, cwd);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(cwd, 'out', 'libkrunfw-generic-aarch64.json'), 'utf8'))).toMatchObject({
      prebuilt: 'libkrunfw-prebuilt-aarch64.tgz',
      'prebuilt-sha256': sha256('macos bundle'),
    });
  });

  it('refuses a build without a source release: no binary is uploaded without its source', () => {
    const cwd = fresh();
    const env = { ...renderEnv(manifest, { ...values(cwd, 'out/libkrunfw.so.5.4.0'), 'steps.build.outputs.source-release': '' }), OUT_DIR: 'out' };
    const r = runStep(manifest, env, cwd);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/SOURCE_RELEASE: the action gave no path/);
  });

  it('refuses outputs outside the out-dir it uploads', () => {
    const cwd = fresh();
    const r = runStep(manifest, { ...renderEnv(manifest, values(cwd, '/tmp/libkrunfw.so.5.4.0')), OUT_DIR: 'out' }, cwd);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/LIBRARY '\/tmp\/libkrunfw\.so\.5\.4\.0' is not in 'out'/);
    const prebuilt = { ...values(cwd, 'out/libkrunfw.so.5.4.0', 'aarch64'), 'steps.build.outputs.prebuilt-tarball': '/tmp/libkrunfw-prebuilt-aarch64.tgz' };
    expect(runStep(manifest, { ...renderEnv(manifest, prebuilt), OUT_DIR: 'out' }, cwd).stderr).toMatch(/PREBUILT '\/tmp\/libkrunfw-prebuilt-aarch64\.tgz' is not in 'out'/);
  });

  it('refuses a build of another variant or architecture than the cell asked for', () => {
    const cwd = fresh();
    const env = { ...renderEnv(manifest, { ...values(cwd, 'out/libkrunfw.so.5.4.0'), 'steps.build.outputs.variant': 'sev' }), OUT_DIR: 'out' };
    const r = runStep(manifest, env, cwd);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the action built variant 'sev', this cell asked for 'generic'/);
  });
});
