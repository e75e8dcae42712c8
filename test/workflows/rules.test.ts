// Each rule passes on the repository's workflows as they are, and fails on a
// fixture with its defect planted. A fixture marks each planted defect on its
// line with `# defect: <rule>`; the rules must flag exactly those lines.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECIPE } from '../../src/recipe.ts';
import { MANIFEST_INPUTS } from '../../src/workflows/build-manifest.ts';
import { PLAN_INPUTS } from '../../src/workflows/plan.ts';
import { GATHER_INPUTS } from '../../src/workflows/release-gather.ts';
import { KERNEL_INPUTS } from '../../src/workflows/release-kernel.ts';
import { envName } from '../../src/workflows/step-io.ts';
import {
  actionInputs,
  fixture,
  FIXTURES_DIR,
  isMapping,
  jobsOf,
  loadYaml,
  parseYaml,
  REPO_ROOT,
  repositoryWorkflows,
  stepsOf,
  type Violation,
  type YamlFile,
} from './model.ts';
import { actionCacheInputs, kernelOnceProblems, repositoryContext, RULES, runRules, type Rule } from './rules.ts';

const ctx = repositoryContext();
const workflows = repositoryWorkflows();
/** The fixtures plant values no version of the action builds (mips, sgx), so they stay defects as it learns more. */
const fixtureCtx = ctx;

/** The planted defects of a fixture: `file:line rule`, one per marker. */
function markers(y: YamlFile): string[] {
  return y.text.split('\n').flatMap((text, i) => [...text.matchAll(/# defect: ([a-z-]+)/g)].map((m) => `${y.file}:${i + 1} ${m[1]}`));
}

function found(violations: Violation[]): string[] {
  return violations.map((v) => `${v.file}:${v.line} ${v.rule}`).sort();
}

describe('the repository', () => {
  it('has the workflows the project runs', () => {
    expect(workflows.map((w) => w.file)).toEqual([
      '.github/workflows/build.yml',
      '.github/workflows/check-dist.yml',
      '.github/workflows/ci.yml',
      '.github/workflows/release.yml',
    ]);
  });

  for (const [name, rule] of Object.entries(RULES)) {
    it(`keeps rule ${name} in every workflow`, () => {
      const violations = workflows.flatMap((w) => rule(w, ctx));
      expect(violations).toEqual([]);
    });
  }

  it("runs the plan, the cell's manifest and the release's checks as the action's CLI commands, from the workflow's commit, with every input they read", () => {
    const runsUsing = String((ctx.action.data.runs as { using?: unknown } | undefined)?.using ?? '');
    const calls = [
      { file: 'build.yml', id: 'plan', command: 'plan', inputs: PLAN_INPUTS },
      { file: 'build.yml', id: 'manifest', command: 'build-manifest', inputs: MANIFEST_INPUTS },
      { file: 'release.yml', id: 'kernel', command: 'release-kernel', inputs: KERNEL_INPUTS },
      { file: 'release.yml', id: 'gather', command: 'release-gather', inputs: GATHER_INPUTS },
    ];
    for (const c of calls) {
      const y = workflows.find((w) => w.file.endsWith(`/${c.file}`))!;
      const job = jobsOf(y).find((j) => stepsOf(j).some((s) => s.step.id === c.id))!;
      const steps = stepsOf(job);
      const index = steps.findIndex((s) => s.step.id === c.id);
      const step = steps[index]!.step;
      expect(step.run, `${c.file} ${c.id}`).toBe(`node .libkrunfw-action/dist/cli.js ${c.command}`);
      // Every input the command reads is set, and nothing it does not read (a misspelt name would be ignored).
      const env = { ...(isMapping(job.job.env) ? job.job.env : {}), ...(isMapping(step.env) ? step.env : {}) };
      expect(Object.keys(env).sort(), `${c.file} ${c.id}`).toEqual(c.inputs.map(envName).sort());
      // Before it: this action checked out without credentials, at the workflow's own commit, and the Node it runs on.
      const before = steps.slice(0, index).map((s) => s.step);
      const checkout = before.find(
        (s) => typeof s.uses === 'string' && s.uses.startsWith('actions/checkout@') && isMapping(s.with) && s.with.path === '.libkrunfw-action',
      );
      expect(checkout, `${c.file} ${c.id}: checkout of the action`).toBeDefined();
      if (c.file === 'build.yml') {
        expect(checkout!.with).toMatchObject({ repository: '${{ job.workflow_repository }}', ref: '${{ job.workflow_sha }}', 'persist-credentials': false });
      } else {
        // release.yml runs in this repository: the default checkout is the release's commit.
        expect(checkout!.with).toEqual({ path: '.libkrunfw-action', 'persist-credentials': false });
      }
      const node = before.find((s) => typeof s.uses === 'string' && s.uses.startsWith('actions/setup-node@'));
      expect(node?.with, `${c.file} ${c.id}: setup-node`).toEqual({ 'node-version': Number(runsUsing.replace(/^node/, '')), 'package-manager-cache': false });
    }
  });

  it("hands the action only action.yml's inputs, every one the matrix varies, and each cache switch from inputs.cache", () => {
    const build = workflows.find((w) => w.file.endsWith('/build.yml'))!;
    const step = jobsOf(build)
      .flatMap(stepsOf)
      .find((s) => s.step.id === 'build')!.step;
    const given = isMapping(step.with) ? step.with : {};
    const inputs = actionInputs(ctx.action);
    expect(Object.keys(given).filter((k) => !inputs.has(k))).toEqual([]);
    expect(given).toMatchObject({
      arch: '${{ matrix.arch }}',
      variant: '${{ matrix.variant }}',
      qboot: '${{ matrix.qboot }}',
      initrd: '${{ matrix.initrd }}',
      'boot-test': '${{ matrix.boot }}',
      'libkrunfw-ref': '${{ inputs.libkrunfw-ref }}',
      'libkrunfw-repository': '${{ inputs.libkrunfw-repository }}',
      upload: 'false',
    });
    const { switches } = actionCacheInputs(ctx.action);
    expect(switches.length).toBeGreaterThan(0);
    for (const name of switches) expect(given[name], name).toBe('${{ inputs.cache }}');
  });

  it('gets the kernel tarball once per release, in a job of its own that the gather job needs', () => {
    const release = workflows.find((w) => w.file.endsWith('/release.yml'))!;
    expect(kernelOnceProblems(release)).toEqual([]);
    // ...and says so when the shape is broken.
    const mutate = (from: RegExp, to: string): YamlFile => {
      expect(release.text).toMatch(from);
      return parseYaml(release.file, release.text.replace(from, to));
    };
    expect(kernelOnceProblems(mutate(/needs: \[build, kernel\]/, 'needs: build'))).toEqual(['job gather does not need kernel']);
    expect(kernelOnceProblems(mutate(/id: kernel\n/, 'id: kernel-once\n'))).toEqual([expect.stringMatching(/no job has a step with id 'kernel'/)]);
    expect(kernelOnceProblems(mutate(/(Download the kernel tarball[\s\S]*?path:) kernel-source/, '$1 elsewhere'))).toEqual([
      expect.stringMatching(/downloads kernel-source into elsewhere, not into the KERNEL_SOURCE_DIR/),
    ]);
    expect(kernelOnceProblems(mutate(/(Keep the kernel tarball[\s\S]*?path:) kernel-source/, '$1 elsewhere'))).toEqual([
      'job kernel does not upload its KERNEL_SOURCE_DIR (kernel-source) as an artifact',
    ]);
  });

  it("builds libkrunfw's release tree at the recipe's version, pinned by commit", () => {
    const release = workflows.find((w) => w.file.endsWith('/release.yml'))!;
    const call = jobsOf(release).find((j) => j.job.uses === './.github/workflows/build.yml')!;
    const ref = isMapping(call.job.with) ? call.job.with['libkrunfw-ref'] : undefined;
    expect(ref).toMatch(/^[0-9a-f]{40}$/);
    expect(release.text).toContain(`libkrunfw-ref: ${String(ref)} # v${RECIPE.version}\n`);
  });

  it('has Dependabot move the pinned actions (SHA and version comment together)', () => {
    const dependabot = loadYaml(path.join(REPO_ROOT, '.github', 'dependabot.yml')).data;
    expect(dependabot.version).toBe(2);
    expect(dependabot.updates).toEqual(expect.arrayContaining([expect.objectContaining({ 'package-ecosystem': 'github-actions', directory: '/' })]));
  });

  it('calls build.yml from release.yml with a cache-free path (release.yml is a release workflow)', () => {
    const release = workflows.find((w) => w.file.endsWith('/release.yml'))!;
    const calls = Object.values(release.data.jobs as Record<string, { uses?: string }>).map((j) => j.uses);
    expect(calls).toContain('./.github/workflows/build.yml');
  });
});

const CASES: { rule: keyof typeof RULES; fixture: string; alsoMarked?: string[] }[] = [
  { rule: 'noExpressionInRun', fixture: 'expression-in-run.yml' },
  { rule: 'pinnedUses', fixture: 'unpinned-uses.yml' },
  { rule: 'leastPrivilege', fixture: 'permissions-missing.yml' },
  { rule: 'leastPrivilege', fixture: 'permissions-write-all.yml' },
  { rule: 'leastPrivilege', fixture: 'permissions-top-level-write.yml' },
  { rule: 'noCacheInRelease', fixture: 'cache-in-release.yml', alsoMarked: ['cache-called.yml', 'cache-switch-called.yml'] },
  { rule: 'inputsExist', fixture: 'unknown-input-action.yml' },
  { rule: 'inputsExist', fixture: 'unknown-input-workflow.yml' },
  { rule: 'noSecretsInherit', fixture: 'secrets-inherit.yml' },
  { rule: 'checkoutWithoutCredentials', fixture: 'persist-credentials.yml' },
  { rule: 'scriptsAreWiring', fixture: 'script-shell.yml' },
];

describe('each rule on its planted defects', () => {
  for (const c of CASES) {
    it(`${c.rule} flags exactly the defects in ${c.fixture}`, () => {
      const y = fixture(c.fixture);
      const expected = [y, ...(c.alsoMarked ?? []).map(fixture)].flatMap(markers).sort();
      expect(expected.length).toBeGreaterThan(0);
      const rule: Rule = RULES[c.rule];
      expect(found(rule(y, fixtureCtx))).toEqual(expected);
      // ...and no other rule objects to anything in the fixture.
      expect(found(runRules(y, fixtureCtx))).toEqual(expected);
    });
  }

  it('every fixture with a planted defect is exercised', () => {
    const used = new Set(CASES.flatMap((c) => [c.fixture, ...(c.alsoMarked ?? [])]));
    const marked = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.yml') && markers(fixture(f)).length > 0);
    expect(marked.filter((f) => !used.has(f))).toEqual([]);
  });

  it('a cache is no defect outside a release: the called fixtures on their own pass', () => {
    expect(runRules(fixture('cache-called.yml'), ctx)).toEqual([]);
    expect(runRules(fixture('cache-switch-called.yml'), ctx)).toEqual([]);
  });

  it("release.yml turns the action's caches off through build.yml's cache input", () => {
    const release = workflows.find((w) => w.file.endsWith('/release.yml'))!;
    const withCacheOn = parseYaml(release.file, release.text.replace(/^( {6})cache: false$/m, '$1cache: true'));
    const flagged = RULES.noCacheInRelease(withCacheOn, ctx);
    expect(flagged.map((v) => v.file)).toContain('.github/workflows/build.yml');
    expect(flagged.map((v) => v.message).join('\n')).toMatch(/cache-output is true/);
  });

  it('names the file and line of a defect in its message', () => {
    const [v] = RULES.noExpressionInRun(fixture('expression-in-run.yml'), ctx);
    expect(v).toMatchObject({ file: 'test/workflows/fixtures/expression-in-run.yml', line: 10, rule: 'expression-in-run' });
    expect(v!.message).toMatch(/env:/);
  });
});
