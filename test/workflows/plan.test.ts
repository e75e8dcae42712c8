// build.yml's plan: planBuilds on the inputs a caller can give, and the plan
// command as the plan job runs it (env, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARCHES, TEE_ARCHES, TEE_VARIANTS, VARIANTS } from '../../src/target.ts';
import { nameList, PLAN_DEFAULTS, PLAN_INPUTS, planBuilds, type RawPlanInputs } from '../../src/workflows/plan.ts';
import { envName } from '../../src/workflows/step-io.ts';
import { tempDir } from '../support/tmp.ts';
import { isMapping, jobsOf, parseYaml, REPO_ROOT, repositoryWorkflows, workflowCallInputs } from './model.ts';
import { commandLines, runStep, type Ran } from './step.ts';

const workflows = repositoryWorkflows();
const build = workflows.find((w) => w.file.endsWith('/build.yml'))!;
const release = workflows.find((w) => w.file.endsWith('/release.yml'))!;
const scratch = tempDir('plan');

/** build.yml's defaults, as GitHub renders them into the step's env (booleans and numbers as text). */
const defaults = Object.fromEntries([...workflowCallInputs(build).values()].map((i) => [i.name, String(i.default)])) as RawPlanInputs;
const inputs = (given: Record<string, unknown> = {}): RawPlanInputs => ({
  ...defaults,
  ...Object.fromEntries(Object.entries(given).map(([k, v]) => [k, String(v)])),
});
const errorsOf = (given: Record<string, unknown>): string[] =>
  planBuilds(inputs(given))
    .messages.filter((m) => m.level === 'error')
    .map((m) => m.text);
const pairs = (given: Record<string, unknown>): string[] => planBuilds(inputs(given)).plan!.cells.map((c) => `${c.variant} ${c.arch}`);

describe('planBuilds', () => {
  it('plans the generic x86_64 build by default, boot test on', () => {
    const r = planBuilds(defaults);
    expect(r.messages).toEqual([]);
    expect(r.plan).toEqual({
      cells: [
        {
          variant: 'generic',
          arch: 'x86_64',
          host: 'linux',
          runner: 'ubuntu-24.04',
          artifact: 'libkrunfw-generic-x86_64',
          boot: 'true',
          emulator: 'qemu-system-x86',
          cross: '',
          hostPackages: '',
          qboot: '',
          initrd: '',
        },
      ],
      leftOut: [],
      artifacts: ['libkrunfw-generic-x86_64'],
      artifactPattern: 'libkrunfw-*',
    });
  });

  it('builds every variant x architecture but sev/tdx off x86_64, each on a runner that suits it, and says what it left out', () => {
    const r = planBuilds(inputs({ variants: 'generic,sev,tdx', architectures: '["x86_64", "aarch64", "riscv64"]', 'libkrunfw-ref': 'v5.4.0' }));
    expect(r.plan!.cells.map((c) => `${c.variant} ${c.arch}`)).toEqual(['generic x86_64', 'generic aarch64', 'generic riscv64', 'sev x86_64', 'tdx x86_64']);
    const by = Object.fromEntries(r.plan!.cells.map((c) => [`${c.variant} ${c.arch}`, c]));
    expect(by['generic aarch64']).toMatchObject({ runner: 'ubuntu-24.04-arm', cross: '', boot: 'true', emulator: 'qemu-system-arm' });
    expect(by['generic riscv64']).toMatchObject({
      runner: 'ubuntu-24.04',
      cross: 'gcc-riscv64-linux-gnu libc6-dev-riscv64-cross qemu-user',
      boot: 'true',
      emulator: 'qemu-system-misc',
    });
    expect(by['sev x86_64']).toMatchObject({ runner: 'ubuntu-24.04', cross: '', boot: 'true', qboot: '', initrd: '', artifact: 'libkrunfw-sev-x86_64' });
    expect(r.plan!.leftOut.map((p) => `${p.variant} ${p.arch}`)).toEqual(['sev aarch64', 'sev riscv64', 'tdx aarch64', 'tdx riscv64']);
    expect(r.messages).toEqual([
      { level: 'notice', text: 'left out: sev aarch64, sev riscv64, tdx aarch64, tdx riscv64 (sev, tdx are confidential guests for x86_64 only)' },
    ]);
  });

  it('takes its cells from src/target.ts: every variant the action builds, on every architecture it exists for', () => {
    const all = pairs({ variants: VARIANTS.join(','), architectures: ARCHES.join(','), 'libkrunfw-ref': 'main' });
    expect(all).toEqual(VARIANTS.flatMap((v) => ARCHES.filter((a) => !TEE_VARIANTS.includes(v) || TEE_ARCHES.includes(a)).map((a) => `${v} ${a}`)));
  });

  it('adds one windows cell, x86_64 generic, with mingw and wine to install and its own artifact name', () => {
    const r = planBuilds(inputs({ hosts: '["linux", "windows"]', variants: 'generic,sev', architectures: 'x86_64,aarch64', qboot: 'q.bin', initrd: 'i.gz' }));
    expect(r.messages.filter((m) => m.level === 'error')).toEqual([]);
    expect(r.plan!.cells.map((c) => `${c.variant} ${c.arch} ${c.host}`)).toEqual([
      'generic x86_64 linux',
      'generic aarch64 linux',
      'sev x86_64 linux',
      'generic x86_64 windows',
    ]);
    expect(r.plan!.cells[3]).toMatchObject({
      artifact: 'libkrunfw-generic-windows-x86_64',
      hostPackages: 'gcc-mingw-w64-x86-64 wine64',
      runner: 'ubuntu-24.04',
      cross: '',
      boot: 'true',
      qboot: '',
      initrd: '',
    });
    expect(r.plan!.cells.slice(0, 3).map((c) => c.hostPackages)).toEqual(['', '', '']);
    expect(pairs({ hosts: 'windows' })).toEqual(['generic x86_64']);
  });

  it('refuses windows when x86_64 generic is not among the builds, and an unknown host, saying why', () => {
    expect(errorsOf({ hosts: 'windows', architectures: 'aarch64' })).toEqual([
      'hosts: windows is built for x86_64 generic only, and variants x architectures hold generic aarch64',
    ]);
    expect(errorsOf({ hosts: 'linux,macos' })).toEqual(["hosts: unknown value 'macos'; buildable: linux, windows"]);
  });

  it('takes a comma-separated list, drops repeats, and uploads nothing without upload', () => {
    const r = planBuilds(inputs({ variants: 'generic', architectures: 'x86_64, x86_64', upload: false, 'artifact-prefix': 'krunfw-6.12' }));
    expect(r.plan!.cells.map((c) => c.artifact)).toEqual(['krunfw-6.12-generic-x86_64']);
    expect(r.plan!.artifacts).toEqual([]);
    expect(r.plan!.artifactPattern).toBe('krunfw-6.12-*');
  });

  it('passes boot-test false to every cell when the boot test is off', () => {
    expect(planBuilds(inputs({ 'boot-test': false, architectures: 'x86_64,aarch64' })).plan!.cells.map((c) => c.boot)).toEqual(['false', 'false']);
  });

  it('plans a check of sev without qboot or initrd, booting nothing', () => {
    const r = planBuilds(inputs({ variants: 'generic,sev', check: true }));
    expect(r.messages).toEqual([]);
    expect(r.plan!.cells.map((c) => [c.variant, c.boot, c.qboot])).toEqual([
      ['generic', 'false', ''],
      ['sev', 'false', ''],
    ]);
    // The same without check must have the blobs.
    expect(planBuilds(inputs({ variants: 'generic,sev' })).messages[0]).toMatchObject({
      level: 'error',
      text: expect.stringMatching(/bundle the qboot firmware/),
    });
  });

  it("gives the sev/tdx cells the caller's qboot and initrd, in the caller's checkout, and no other cell", () => {
    const r = planBuilds(inputs({ variants: 'generic,sev', qboot: 'ci/qboot/bios.bin', initrd: 'ci/initrd.gz' }));
    expect(r.plan!.cells.map((c) => [c.variant, c.qboot, c.initrd])).toEqual([
      ['generic', '', ''],
      ['sev', '.libkrunfw-caller/ci/qboot/bios.bin', '.libkrunfw-caller/ci/initrd.gz'],
    ]);
    // Given, but no sev/tdx build: a warning, not a failure.
    const unused = planBuilds(inputs({ qboot: 'ci/qboot/bios.bin', initrd: 'ci/initrd.gz' }));
    expect(unused.messages).toEqual([
      { level: 'warning', text: expect.stringMatching(/qboot and initrd are for the sev and tdx builds, and none is planned/) },
    ]);
    expect(unused.plan!.cells[0]).toMatchObject({ qboot: '', initrd: '' });
  });

  it('accepts a libkrunfw fork by its https URL, only with a ref, and a pinned kernel', () => {
    const fork = 'https://github.com/someone/libkrunfw';
    const sha = 'cc12a7644b4cef9e06627b29de8753e22b3d076703a9b52be84263e05c8b9830';
    for (const ok of [
      { 'libkrunfw-ref': 'main', 'libkrunfw-repository': fork },
      { 'libkrunfw-ref': 'a'.repeat(40) },
      { 'kernel-version': '6.12.87', 'kernel-sha256': sha },
      { 'kernel-version': '6.12.87' },
      { 'kernel-version': '7.0', 'kernel-sha256': sha },
    ]) {
      expect(errorsOf(ok), JSON.stringify(ok)).toEqual([]);
    }
  });

  // Each row: inputs, and the one refusal they must give (with nothing planned).
  const refusals: [string, Record<string, unknown>, RegExp][] = [
    ['an unknown variant', { variants: '["generic", "sgx"]' }, /^variants: unknown value 'sgx'; buildable: generic, sev, tdx$/],
    ['an unknown architecture', { architectures: 'x86_64,mips' }, /^architectures: unknown value 'mips'; buildable: x86_64, aarch64, riscv64$/],
    ['a list that is not JSON', { variants: '["generic"' }, /^variants: not a JSON array \(/],
    ['a JSON list of non-strings', { architectures: '[1]' }, /^architectures: must be a JSON array of strings, got '\[1\]'$/],
    ['an empty list', { architectures: '[]' }, /^architectures: empty; buildable: x86_64, aarch64, riscv64$/],
    [
      'nothing left to build',
      { variants: 'sev,tdx', architectures: 'aarch64,riscv64', 'libkrunfw-ref': 'v5.4.0' },
      /^nothing to build: sev, tdx exist only for x86_64, and architectures holds aarch64, riscv64$/,
    ],
    [
      'sev/tdx without blobs',
      { variants: 'generic,sev,tdx' },
      /^variants: sev, tdx bundle the qboot firmware and an initrd: set libkrunfw-ref \(a containers\/libkrunfw ref, .*\), or qboot and initrd \(a path in your repository\)$/,
    ],
    ['tdx with qboot only', { variants: 'tdx', qboot: 'ci/bios.bin' }, /^variants: tdx bundle .* or initrd \(a path in your repository\)$/],
    [
      'a kernel version that is not one',
      { 'kernel-version': '6.12.87; reboot' },
      /^kernel-version: '6\.12\.87; reboot' is not a kernel\.org release number like 6\.12\.87$/,
    ],
    ['a kernel version the action cannot verify', { 'kernel-version': '6.1.1' }, /^kernel-version: 6\.1\.1 has no sha256 the action knows; set kernel-sha256/],
    ['a sha256 that is not one', { 'kernel-version': '6.12.87', 'kernel-sha256': 'abc' }, /^kernel-sha256: must be 64 hex digits$/],
    ['a sha256 without its version', { 'kernel-sha256': 'a'.repeat(64) }, /^kernel-sha256: given without kernel-version$/],
    ['a ref git would read as an option', { 'libkrunfw-ref': '--upload-pack=x' }, /^libkrunfw-ref: '--upload-pack=x' is not a branch, tag or commit sha$/],
    ['a ref range', { 'libkrunfw-ref': 'v5.4.0..main' }, /^libkrunfw-ref: /],
    ['a lock file ref', { 'libkrunfw-ref': 'refs/heads/x.lock' }, /^libkrunfw-ref: /],
    ['a ref with a blank', { 'libkrunfw-ref': 'a b' }, /^libkrunfw-ref: /],
    [
      'a repository that is not https',
      { 'libkrunfw-repository': 'file:///etc', 'libkrunfw-ref': 'main' },
      /^libkrunfw-repository: 'file:\/\/\/etc' is not an https git URL/,
    ],
    ['a repository without a ref', { 'libkrunfw-repository': 'https://github.com/someone/libkrunfw' }, /^libkrunfw-repository: given without libkrunfw-ref/],
    ['retention past 90 days', { 'retention-days': 91 }, /^retention-days: '91' is not a whole number of days from 0 to 90$/],
    ['an artifact prefix with a slash', { 'artifact-prefix': '../x' }, /^artifact-prefix: '\.\.\/x' may hold only letters/],
  ];
  for (const [what, given, want] of refusals) {
    it(`refuses ${what}, saying why, and plans nothing`, () => {
      const r = planBuilds(inputs(given));
      expect(r.plan).toBeUndefined();
      expect(r.messages.filter((m) => m.level === 'error').map((m) => m.text)).toEqual([expect.stringMatching(want)]);
    });
  }

  it("refuses qboot and initrd paths outside the caller's repository", () => {
    for (const bad of ['/etc/passwd', '../secrets/bios.bin', 'ci/../../x', 'ci//bios.bin', '-rf', 'ci/bios bin', './bios.bin']) {
      expect(errorsOf({ variants: 'sev', qboot: bad, initrd: 'ci/initrd.gz' }).join('\n'), bad).toMatch(
        /^qboot: .* is not a plain relative path in your repository/,
      );
    }
  });

  it('reports every bad input at once', () => {
    const e = errorsOf({
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
    expect(e.map((m) => m.slice(0, m.indexOf(':')))).toEqual([
      'variants',
      'architectures',
      'kernel-version',
      'kernel-sha256',
      'libkrunfw-ref',
      'libkrunfw-repository',
      'qboot',
      'retention-days',
      'artifact-prefix',
    ]);
  });

  it('reads a list the way the rules in test/workflows do', () => {
    expect(nameList(' generic, sev\ttdx ')).toEqual({ names: ['generic', 'sev', 'tdx'] });
    expect(nameList('["a", "b"]')).toEqual({ names: ['a', 'b'] });
    expect(nameList('[{"a": 1}]')).toEqual({ problem: expect.stringMatching(/must be a JSON array of strings/) });
  });
});

describe('the plan command, as the plan job runs it', () => {
  /** The step's env: build.yml's inputs under the names the plan step sets. */
  const run = (given: Record<string, unknown> = {}): Promise<Ran> =>
    runStep(scratch, 'plan', Object.fromEntries(Object.entries(inputs(given)).map(([k, v]) => [envName(k), v])));

  it('writes the matrix, artifacts, pattern and builds outputs, and a summary row per cell', async () => {
    const r = await run({ variants: 'generic,sev', architectures: 'x86_64,riscv64', 'libkrunfw-ref': 'v5.4.0' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.outputs.matrix!).include.map((c: { artifact: string }) => c.artifact)).toEqual([
      'libkrunfw-generic-x86_64',
      'libkrunfw-generic-riscv64',
      'libkrunfw-sev-x86_64',
    ]);
    expect(r.outputs.artifacts).toBe('["libkrunfw-generic-x86_64","libkrunfw-generic-riscv64","libkrunfw-sev-x86_64"]');
    expect(r.outputs['artifact-pattern']).toBe('libkrunfw-*');
    expect(JSON.parse(r.outputs.builds!)).toEqual([
      { variant: 'generic', arch: 'x86_64', runner: 'ubuntu-24.04', artifact: 'libkrunfw-generic-x86_64' },
      { variant: 'generic', arch: 'riscv64', runner: 'ubuntu-24.04', artifact: 'libkrunfw-generic-riscv64' },
      { variant: 'sev', arch: 'x86_64', runner: 'ubuntu-24.04', artifact: 'libkrunfw-sev-x86_64' },
    ]);
    expect(r.summary).toBe(
      [
        '| variant | arch | runner | boot test | artifact |',
        '| --- | --- | --- | --- | --- |',
        '| generic | x86_64 | ubuntu-24.04 | yes | libkrunfw-generic-x86_64 |',
        '| generic | riscv64 | ubuntu-24.04 (cross) | yes | libkrunfw-generic-riscv64 |',
        '| sev | x86_64 | ubuntu-24.04 | yes | libkrunfw-sev-x86_64 |',
        '| sev | riscv64 | (left out: sev is for x86_64 only) | | |',
        '',
      ].join('\n'),
    );
    expect(commandLines(r, 'notice')).toEqual([
      '::notice title=libkrunfw build plan::left out: sev riscv64 (sev, tdx are confidential guests for x86_64 only)',
    ]);
  });

  it('names what it does not upload', async () => {
    const r = await run({ upload: false });
    expect(r.outputs.artifacts).toBe('[]');
    expect(r.summary).toContain('| generic | x86_64 | ubuntu-24.04 | yes | (not uploaded) |');
  });

  it('refuses with exit 1, an annotation per bad input, no outputs and no summary', async () => {
    const r = await run({ variants: 'generic,sgx', 'retention-days': 91 });
    expect(r.status).toBe(1);
    expect(commandLines(r, 'error')).toEqual([
      "::error title=libkrunfw build inputs::variants: unknown value 'sgx'; buildable: generic, sev, tdx",
      "::error title=libkrunfw build inputs::retention-days: '91' is not a whole number of days from 0 to 90",
    ]);
    expect(r.stderr).toMatch(/^error: plan: 2 problems, each annotated above: variants: .*; retention-days: .*\n$/);
    expect(r.outputs).toEqual({});
    expect(r.summary).toBe('');
  });

  it("cannot be made to print a workflow command of the caller's choosing", async () => {
    const ours = /^::(error title=libkrunfw build inputs|notice title=libkrunfw build plan|warning title=libkrunfw build inputs)::/;
    for (const given of [
      { variants: 'generic\n::add-mask::x' },
      { variants: '["generic\\n::add-mask::x"]' },
      { variants: 'sev', architectures: 'x86_64,aarch64', 'libkrunfw-ref': 'v1\n::add-mask::x' },
      { qboot: 'a\r\n::stop-commands::x', variants: 'sev', initrd: 'b' },
      { 'artifact-prefix': 'x%0A::add-mask::y' },
    ]) {
      const r = await run(given);
      expect(r.status, JSON.stringify(given)).toBe(1);
      expect(r.stdout.split('\n').filter((l) => l.trim().startsWith('::') && !ours.test(l))).toEqual([]);
      expect(r.stderr.trimEnd()).not.toMatch(/[\r\n]/);
    }
  });

  it('takes a flag over the environment, and runs outside a workflow with build.yml defaults', async () => {
    const r = await runStep(scratch, 'plan', { VARIANTS: 'sgx' }, ['--variants', 'generic', '--architectures', 'aarch64']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.outputs.builds!)).toEqual([{ variant: 'generic', arch: 'aarch64', runner: 'ubuntu-24.04-arm', artifact: 'libkrunfw-generic-aarch64' }]);
    const bad = await runStep(scratch, 'plan', {}, ['--variant', 'generic']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^error: plan: Unknown option '--variant'/);
  });

  it("has build.yml's defaults, and reads every input build.yml passes it", () => {
    for (const [name, value] of Object.entries(PLAN_DEFAULTS)) expect(value, name).toBe(defaults[name as keyof RawPlanInputs]);
    expect([...PLAN_INPUTS].sort()).toEqual([...workflowCallInputs(build).keys()].filter((k) => k !== 'cache').sort());
  });

  it("plans the README's distribution example: generic, sev and tdx on x86_64, generic on aarch64", async () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = /^### A distribution building its variants[\s\S]*?^```yaml\n([\s\S]*?)^```$/m.exec(readme)![1]!;
    const call = jobsOf(parseYaml('README.md', section)).find((j) => typeof j.job.uses === 'string' && j.job.uses.includes('/build.yml@'))!;
    const r = await run(isMapping(call.job.with) ? call.job.with : {});
    expect(r.status, r.stdout).toBe(0);
    expect(r.outputs.artifacts).toBe('["libkrunfw-generic-x86_64","libkrunfw-generic-aarch64","libkrunfw-sev-x86_64","libkrunfw-tdx-x86_64"]');
  });

  it("accepts release.yml's call: every buildable cell of libkrunfw's release tree", async () => {
    const call = jobsOf(release).find((j) => j.job.uses === './.github/workflows/build.yml')!;
    const r = await run(isMapping(call.job.with) ? call.job.with : {});
    expect(r.status, r.stdout).toBe(0);
    const cells = JSON.parse(r.outputs.matrix!).include as { variant: string; arch: string; host: string; boot: string }[];
    expect(cells.map((c) => `${c.variant} ${c.arch} ${c.host}`)).toEqual([
      'generic x86_64 linux',
      'generic aarch64 linux',
      'generic riscv64 linux',
      'sev x86_64 linux',
      'tdx x86_64 linux',
      'generic x86_64 windows',
    ]);
    expect(cells.filter((c) => c.boot === 'true').map((c) => c.arch)).toEqual(['x86_64', 'aarch64', 'riscv64', 'x86_64', 'x86_64', 'x86_64']);
  });
});
