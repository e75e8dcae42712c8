// The scripts inside the workflows, run here as the runner runs them: the step's
// `run:` text through its shell (python3 {0}), with its `env:` filled in as
// GitHub would fill the expressions.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.ts';
import { isMapping, jobsOf, repositoryWorkflows, stepsOf, workflowCallInputs, type Mapping } from './model.ts';

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
  const errors = (r: Ran): string[] => r.stdout.split('\n').filter((l) => l.startsWith('::error'));

  it('plans the generic x86_64 build by default', () => {
    const r = run();
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.outputs.matrix!)).toEqual({
      include: [{ variant: 'generic', arch: 'x86_64', runner: 'ubuntu-24.04', artifact: 'libkrunfw-generic-x86_64' }],
    });
    expect(JSON.parse(r.outputs.artifacts!)).toEqual(['libkrunfw-generic-x86_64']);
    expect(r.outputs['artifact-pattern']).toBe('libkrunfw-*');
    expect(r.summary).toMatch(/\| generic \| x86_64 \| ubuntu-24.04 \| libkrunfw-generic-x86_64 \|/);
  });

  it('takes a comma-separated list, drops repeats, and names what is not uploaded', () => {
    const r = run({ variants: 'generic', architectures: 'x86_64, x86_64', upload: false, 'artifact-prefix': 'krunfw-6.12' });
    expect(r.status, r.stdout).toBe(0);
    expect(JSON.parse(r.outputs.matrix!).include).toHaveLength(1);
    expect(JSON.parse(r.outputs.matrix!).include[0].artifact).toBe('krunfw-6.12-generic-x86_64');
    expect(r.outputs.artifacts).toBe('[]');
    expect(r.outputs['artifact-pattern']).toBe('krunfw-6.12-*');
  });

  // Written against what the action builds today: update with SUPPORTED_* in build.yml.
  it('refuses what the action cannot build yet, saying why, and plans nothing', () => {
    const r = run({ variants: '["generic", "sev"]', architectures: '["x86_64", "aarch64", "mips"]' });
    expect(r.status).toBe(1);
    expect(r.outputs).toEqual({});
    const e = errors(r).join('\n');
    expect(e).toMatch(/variants: 'sev': the SEV variant is not built by the action yet; buildable: generic/);
    expect(e).toMatch(/architectures: 'aarch64': aarch64 builds are not supported by the action yet; buildable: x86_64/);
    expect(e).toMatch(/architectures: unknown value 'mips'/);
  });

  it('fails clearly when an architecture is declared buildable but has no runner', () => {
    const values = { ...defaults, 'inputs.architectures': 'x86_64,aarch64' };
    const r = runStep(plan, { ...renderEnv(plan, values), SUPPORTED_ARCHITECTURES: 'x86_64 aarch64' }, root);
    expect(r.status).toBe(1);
    expect(errors(r).join('\n')).toMatch(/'aarch64' has no runner in RUNNERS/);
  });

  it('reports every bad input at once', () => {
    const r = run({
      variants: '["generic"',
      architectures: '[]',
      'kernel-version': '6.12.87; reboot',
      'kernel-sha256': 'abc',
      'libkrunfw-ref': 'v5.4.0',
      'boot-test': true,
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
      /libkrunfw-ref: building a containers\/libkrunfw tree is not supported yet/,
      /boot-test: there is no boot test yet/,
      /retention-days: '91'/,
      /artifact-prefix: '\.\.\/x'/,
    ]) {
      expect(e).toMatch(want);
    }
    expect(errors(r)).toHaveLength(8);
  });

  it('accepts a pinned kernel and refuses a sha256 without its version', () => {
    const sha = 'cc12a7644b4cef9e06627b29de8753e22b3d076703a9b52be84263e05c8b9830';
    expect(run({ 'kernel-version': '6.12.87', 'kernel-sha256': sha }).status).toBe(0);
    expect(errors(run({ 'kernel-sha256': sha })).join('\n')).toMatch(/given without kernel-version/);
  });

  it('cannot be made to print a workflow command of the caller\'s choosing', () => {
    const r = run({ variants: 'generic\n::add-mask::x' });
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::') && !l.startsWith('::error title=libkrunfw build inputs::'))).toEqual([]);
  });
});

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A build artifact as build.yml uploads it: library, install tarball, manifest. */
function artifact(dir: string, name: string, variant: string, arch: string, tarballName: string, content: string, extra: Record<string, string> = {}): void {
  const folder = path.join(dir, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, tarballName), content);
  writeFileSync(path.join(folder, 'libkrunfw.so.5.4.0'), `library ${content}`);
  for (const [file, text] of Object.entries(extra)) writeFileSync(path.join(folder, file), text);
  const manifest = { artifact: name, variant, arch, tarball: tarballName, 'tarball-sha256': sha256(content) };
  writeFileSync(path.join(folder, `${name}.json`), JSON.stringify(manifest));
}

describe("release.yml's gather step", () => {
  const gather = stepById(release, 'gather');
  const run = (cwd: string, artifacts: string[]): Ran =>
    runStep(gather, renderEnv(gather, { 'needs.build.outputs.artifacts': JSON.stringify(artifacts) }), cwd);
  const fresh = (): string => mkdtempSync(path.join(root, 'gather-'));

  it("attaches each install tarball under libkrunfw's asset name, with SHA256SUMS", () => {
    const cwd = fresh();
    artifact(path.join(cwd, 'builds'), 'libkrunfw-generic-x86_64', 'generic', 'x86_64', 'libkrunfw-x86_64.tgz', 'x86');
    artifact(path.join(cwd, 'builds'), 'libkrunfw-sev-x86_64', 'sev', 'x86_64', 'whatever-the-action-calls-it.tgz', 'sev');
    const r = run(cwd, ['libkrunfw-generic-x86_64', 'libkrunfw-sev-x86_64']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(readdirSync(path.join(cwd, 'release')).sort()).toEqual(['SHA256SUMS', 'libkrunfw-sev-x86_64.tgz', 'libkrunfw-x86_64.tgz']);
    expect(readFileSync(path.join(cwd, 'release', 'SHA256SUMS'), 'utf8')).toBe(
      `${sha256('sev')}  libkrunfw-sev-x86_64.tgz\n${sha256('x86')}  libkrunfw-x86_64.tgz\n`,
    );
    // The format sha256sum --check reads.
    const check = spawnSync('sha256sum', ['--check', '--strict', 'SHA256SUMS'], { cwd: path.join(cwd, 'release'), encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(r.summary).toMatch(/\| libkrunfw-x86_64\.tgz \| `[0-9a-f]{64}` \|/);
  });

  it('finds a lone build where download-artifact puts it: in builds/ itself, not in builds/<name>/', () => {
    const cwd = fresh();
    artifact(cwd, 'builds', 'generic', 'x86_64', 'libkrunfw-x86_64.tgz', 'x86');
    // The helper wrote builds/builds.json; name it as build.yml would.
    const manifest = JSON.parse(readFileSync(path.join(cwd, 'builds', 'builds.json'), 'utf8'));
    writeFileSync(path.join(cwd, 'builds', 'libkrunfw-generic-x86_64.json'), JSON.stringify({ ...manifest, artifact: 'libkrunfw-generic-x86_64' }));
    rmSync(path.join(cwd, 'builds', 'builds.json'));
    const r = run(cwd, ['libkrunfw-generic-x86_64']);
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).not.toMatch(/::warning::/);
    expect(readdirSync(path.join(cwd, 'release')).sort()).toEqual(['SHA256SUMS', 'libkrunfw-x86_64.tgz']);
  });

  it('attaches a source release or the kernel tarball once, however many cells carry it', () => {
    const cwd = fresh();
    const source = { 'libkrunfw-5.4.0-source.tar.gz': 'gpl source' };
    artifact(path.join(cwd, 'builds'), 'libkrunfw-generic-x86_64', 'generic', 'x86_64', 'libkrunfw-x86_64.tgz', 'x86', source);
    artifact(path.join(cwd, 'builds'), 'libkrunfw-sev-x86_64', 'sev', 'x86_64', 'libkrunfw-sev-x86_64.tgz', 'sev', source);
    mkdirSync(path.join(cwd, 'kernel-source'));
    writeFileSync(path.join(cwd, 'kernel-source', 'linux-6.12.87.tar.xz'), 'kernel');
    const r = run(cwd, ['libkrunfw-generic-x86_64', 'libkrunfw-sev-x86_64']);
    expect(r.status, r.stdout).toBe(0);
    const sums = readFileSync(path.join(cwd, 'release', 'SHA256SUMS'), 'utf8').trim().split('\n');
    expect(sums.map((l) => l.split('  ')[1])).toEqual([
      'libkrunfw-5.4.0-source.tar.gz',
      'libkrunfw-sev-x86_64.tgz',
      'libkrunfw-x86_64.tgz',
      'linux-6.12.87.tar.xz',
    ]);
  });

  it("checks a source release against its build's manifest", () => {
    const cwd = fresh();
    const name = 'libkrunfw-5.4.0-generic-x86_64-source.tar.gz';
    artifact(path.join(cwd, 'builds'), 'libkrunfw-generic-x86_64', 'generic', 'x86_64', 'libkrunfw-x86_64.tgz', 'x86', { [name]: 'tampered' });
    const manifestPath = path.join(cwd, 'builds', 'libkrunfw-generic-x86_64', 'libkrunfw-generic-x86_64.json');
    const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
    writeFileSync(manifestPath, JSON.stringify({ ...m, 'source-release': name, 'source-release-sha256': sha256('gpl source') }));
    const r = run(cwd, ['libkrunfw-generic-x86_64']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/source\.tar\.gz has sha256 [0-9a-f]{64}, its manifest says/);
  });

  it('refuses two different files under one asset name', () => {
    const cwd = fresh();
    artifact(path.join(cwd, 'builds'), 'a', 'generic', 'x86_64', 'libkrunfw-x86_64.tgz', 'one', { 'x-source.tar.gz': '1' });
    artifact(path.join(cwd, 'builds'), 'b', 'sev', 'x86_64', 'libkrunfw-sev-x86_64.tgz', 'two', { 'x-source.tar.gz': '2' });
    const r = run(cwd, ['a', 'b']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/two different files would be attached as x-source\.tar\.gz/);
    expect(readdirSync(cwd)).not.toContain('release');
  });

  it('refuses a tarball whose sha256 is not its manifest\'s, and a missing build', () => {
    const cwd = fresh();
    artifact(path.join(cwd, 'builds'), 'libkrunfw-generic-x86_64', 'generic', 'x86_64', 'libkrunfw-x86_64.tgz', 'x86');
    writeFileSync(path.join(cwd, 'builds', 'libkrunfw-generic-x86_64', 'libkrunfw-x86_64.tgz'), 'tampered');
    const r = run(cwd, ['libkrunfw-generic-x86_64', 'libkrunfw-generic-aarch64']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/libkrunfw-generic-x86_64: libkrunfw-x86_64\.tgz has sha256 [0-9a-f]{64}, its manifest says/);
    expect(r.stdout).toMatch(/libkrunfw-generic-aarch64: missing/);
  });

  it('refuses an empty build, and ignores (with a warning) an artifact build.yml did not name', () => {
    const empty = fresh();
    expect(run(empty, []).stdout).toMatch(/build\.yml uploaded nothing/);
    const cwd = fresh();
    artifact(path.join(cwd, 'builds'), 'libkrunfw-generic-x86_64', 'generic', 'x86_64', 'libkrunfw-x86_64.tgz', 'x86');
    artifact(path.join(cwd, 'builds'), 'libkrunfw-stray', 'generic', 'aarch64', 'libkrunfw-aarch64.tgz', 'stray');
    const r = run(cwd, ['libkrunfw-generic-x86_64']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/::warning::ignoring artifact libkrunfw-stray/);
    expect(readdirSync(path.join(cwd, 'release')).sort()).toEqual(['SHA256SUMS', 'libkrunfw-x86_64.tgz']);
  });
});

describe("build.yml's manifest step", () => {
  const manifest = stepById(build, 'manifest');
  const values = (cwd: string, library: string): Record<string, unknown> => ({
    'matrix.artifact': 'libkrunfw-generic-x86_64',
    'matrix.variant': 'generic',
    'matrix.arch': 'x86_64',
    'steps.build.outputs.library': library,
    'steps.build.outputs.soname': 'libkrunfw.so.5',
    'steps.build.outputs.version': '5.4.0',
    'steps.build.outputs.sha256': 'a'.repeat(64),
    'steps.build.outputs.kernel-version': '6.12.87',
    'steps.build.outputs.tarball': path.join(cwd, 'out', 'libkrunfw-x86_64.tgz'),
    'steps.build.outputs.tarball-sha256': 'b'.repeat(64),
    'steps.build.outputs.source-release': '',
    'steps.build.outputs.source-release-sha256': '',
    'job.workflow_repository': 'owner/libkrunfw-action',
    'job.workflow_sha': 'c'.repeat(40),
  });

  it('writes <artifact>.json beside the files it names', () => {
    const cwd = mkdtempSync(path.join(root, 'manifest-'));
    mkdirSync(path.join(cwd, 'out'));
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
      tarball: 'libkrunfw-x86_64.tgz',
      'tarball-sha256': 'b'.repeat(64),
      variant: 'generic',
      version: '5.4.0',
    });
  });

  it('names the source release when the action wrote one', () => {
    const cwd = mkdtempSync(path.join(root, 'manifest-'));
    mkdirSync(path.join(cwd, 'out'));
    const env = {
      ...renderEnv(manifest, {
        ...values(cwd, 'out/libkrunfw.so.5.4.0'),
        'steps.build.outputs.source-release': 'out/libkrunfw-5.4.0-generic-x86_64-source.tar.gz',
        'steps.build.outputs.source-release-sha256': 'd'.repeat(64),
      }),
      OUT_DIR: 'out',
    };
    expect(runStep(manifest, env, cwd).status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(cwd, 'out', 'libkrunfw-generic-x86_64.json'), 'utf8'))).toMatchObject({
      'source-release': 'libkrunfw-5.4.0-generic-x86_64-source.tar.gz',
      'source-release-sha256': 'd'.repeat(64),
    });
  });

  it('refuses outputs outside the out-dir it uploads', () => {
    const cwd = mkdtempSync(path.join(root, 'manifest-'));
    mkdirSync(path.join(cwd, 'out'));
    const r = runStep(manifest, { ...renderEnv(manifest, values(cwd, '/tmp/libkrunfw.so.5.4.0')), OUT_DIR: 'out' }, cwd);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/LIBRARY '\/tmp\/libkrunfw\.so\.5\.4\.0' is not in 'out'/);
  });
});
