// The workflows' wiring, end to end through the bundled CLI (dist/cli.js, as
// `npm run package` writes it): each step that runs a command is run as the
// runner would run it, its `env:` rendered from the YAML, in a job directory,
// with real GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files. The release's whole
// path: build.yml's plan for release.yml's call, every cell's manifest on the
// files the package and release stages wrote, the artifacts downloaded, the
// kernel tarball taken once, and the release set gathered and checksummed.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Arch, Host, Variant } from '../../src/target.ts';
import { tempDir } from '../support/tmp.ts';
import { actionBuild, KERNEL } from './builds.ts';
import { isMapping, jobsOf, REPO_ROOT, repositoryWorkflows, stepsOf, workflowCallInputs, type Mapping, type YamlFile } from './model.ts';
import { outputsFile, type Ran } from './step.ts';

const scratch = tempDir('wiring');
const workflows = repositoryWorkflows();
const build = workflows.find((w) => w.file.endsWith('/build.yml'))!;
const release = workflows.find((w) => w.file.endsWith('/release.yml'))!;

/** Every `${{ <name> }}` in `text` replaced by values[name], as GitHub renders an expression to a string. */
function render(text: string, values: Record<string, unknown>): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no test value for ${name}`);
    return String(values[name]);
  });
}

/** The job's and the step's env, rendered. */
function stepEnv(y: YamlFile, id: string, values: Record<string, unknown>): { step: Mapping; env: Record<string, string> } {
  const job = jobsOf(y).find((j) => stepsOf(j).some((s) => s.step.id === id))!;
  const step = stepsOf(job).find((s) => s.step.id === id)!.step;
  const env = { ...(isMapping(job.job.env) ? job.job.env : {}), ...(isMapping(step.env) ? step.env : {}) };
  return { step, env: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, render(String(v), values)])) };
}

/** Runs the step's `run:` line in `cwd`, with this checkout standing in for .libkrunfw-action. */
function runStep(y: YamlFile, id: string, cwd: string, values: Record<string, unknown>): Ran {
  const { step, env } = stepEnv(y, id, values);
  const m = /^node \.libkrunfw-action\/dist\/cli\.js ([a-z-]+)$/.exec(String(step.run));
  if (!m) throw new Error(`${y.file} ${id}: run is not one CLI command: ${String(step.run)}`);
  const files = mkdtempSync(path.join(scratch, 'runner-'));
  const output = path.join(files, 'output');
  const summary = path.join(files, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const r = spawnSync('node', [path.join(REPO_ROOT, 'dist', 'cli.js'), m[1]!], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary },
  });
  return {
    status: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    outputs: outputsFile(readFileSync(output, 'utf8')),
    summary: readFileSync(summary, 'utf8'),
  };
}

interface Cell {
  variant: Variant;
  arch: Arch;
  host: Host;
  artifact: string;
}

describe('the workflows, run through dist/cli.js', () => {
  it("release.yml's whole path: plan, each cell's manifest, the kernel tarball once, the release set", async () => {
    // build.yml's plan job for release.yml's call.
    const call = jobsOf(release).find((j) => j.job.uses === './.github/workflows/build.yml')!;
    const given = { ...Object.fromEntries([...workflowCallInputs(build).values()].map((i) => [i.name, i.default])), ...(call.job.with as Mapping) };
    const inputs = Object.fromEntries(Object.entries(given).map(([k, v]) => [`inputs.${k}`, v]));
    const plan = runStep(build, 'plan', mkdtempSync(path.join(scratch, 'plan-')), inputs);
    expect(plan.status, plan.stdout + plan.stderr).toBe(0);
    const cells = (JSON.parse(plan.outputs.matrix!) as { include: Cell[] }).include;
    expect(cells.map((c) => c.artifact)).toEqual(JSON.parse(plan.outputs.artifacts!));

    // Each cell: the action's files in OUT_DIR, then the manifest step; then download-artifact's layout.
    const releaseJob = mkdtempSync(path.join(scratch, 'release-'));
    for (const cell of cells) {
      const cwd = mkdtempSync(path.join(scratch, 'cell-'));
      const outDir = path.join(cwd, 'libkrunfw-out', cell.artifact);
      mkdirSync(outDir, { recursive: true });
      const out = await actionBuild(scratch, outDir, cell.variant, cell.arch, { prebuilt: cell.arch === 'aarch64', host: cell.host });
      const step = (name: string, value: string): [string, string] => [`steps.build.outputs.${name}`, value];
      const values = {
        ...Object.fromEntries(Object.entries(cell).map(([k, v]) => [`matrix.${k}`, v])),
        ...Object.fromEntries([
          step('library', out.library),
          step('soname', out.soname),
          step('version', out.version),
          step('sha256', out.sha256),
          step('kernel-version', '6.12.87'),
          step('tarball', out.tarball),
          step('tarball-sha256', out.tarballSha256),
          step('source-release', path.relative(cwd, out.sourceRelease)),
          step('source-release-sha256', out.sourceReleaseSha256),
          step('prebuilt-tarball', out.prebuilt),
          step('measurements', out.measurements && path.relative(cwd, out.measurements)),
          step('variant', cell.variant),
          step('arch', cell.arch),
        ]),
        'job.workflow_repository': 'owner/libkrunfw-action',
        'job.workflow_sha': 'c'.repeat(40),
      };
      const manifest = runStep(build, 'manifest', cwd, values);
      expect(manifest.status, manifest.stdout + manifest.stderr).toBe(0);
      expect(JSON.parse(manifest.stdout)).toMatchObject({ artifact: cell.artifact, variant: cell.variant, arch: cell.arch });
      cpSync(outDir, path.join(releaseJob, 'builds', cell.artifact), { recursive: true });
    }

    const needs = { 'needs.build.outputs.artifacts': plan.outputs.artifacts };
    const kernel = runStep(release, 'kernel', releaseJob, needs);
    expect(kernel.status, kernel.stdout + kernel.stderr).toBe(0);
    expect(kernel.outputs.tarball).toBe(KERNEL);
    expect(readdirSync(path.join(releaseJob, 'kernel-source'))).toEqual([KERNEL]);

    const gather = runStep(release, 'gather', releaseJob, needs);
    expect(gather.status, gather.stdout + gather.stderr).toBe(0);
    expect(readdirSync(path.join(releaseJob, 'release')).sort()).toEqual([
      'SHA256SUMS',
      'libkrunfw-5.4.0-generic-aarch64-source.tar',
      'libkrunfw-5.4.0-generic-riscv64-source.tar',
      'libkrunfw-5.4.0-generic-windows-x86_64-source.tar',
      'libkrunfw-5.4.0-generic-x86_64-source.tar',
      'libkrunfw-5.4.0-sev-x86_64-source.tar',
      'libkrunfw-5.4.0-tdx-x86_64-source.tar',
      'libkrunfw-aarch64.tgz',
      'libkrunfw-prebuilt-aarch64.tgz',
      'libkrunfw-riscv64.tgz',
      'libkrunfw-sev-x86_64-measurements.json',
      'libkrunfw-sev-x86_64.tgz',
      'libkrunfw-tdx-x86_64.tgz',
      'libkrunfw-windows-x86_64.tgz',
      'libkrunfw-x86_64.tgz',
      KERNEL,
    ]);
    const check = spawnSync('sha256sum', ['--check', '--strict', 'SHA256SUMS'], { cwd: path.join(releaseJob, 'release'), encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
  }, 120_000);

  it('fails the step with exit 1 and one error line on stderr for refused input', () => {
    const inputs = Object.fromEntries([...workflowCallInputs(build).values()].map((i) => [`inputs.${i.name}`, i.default]));
    const r = runStep(build, 'plan', mkdtempSync(path.join(scratch, 'plan-')), { ...inputs, 'inputs.variants': 'sgx' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("::error title=libkrunfw build inputs::variants: unknown value 'sgx'; buildable: generic, sev, tdx\n");
    expect(r.stderr).toBe("error: variants: unknown value 'sgx'; buildable: generic, sev, tdx\n");
    expect(r.outputs).toEqual({});
  });

  it('lists the workflow commands in --help', () => {
    const r = spawnSync('node', [path.join(REPO_ROOT, 'dist', 'cli.js'), '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const c of ['plan', 'build-manifest', 'release-kernel', 'release-gather']) expect(r.stdout).toContain(`libkrunfw-action ${c}\n`);
  });
});
