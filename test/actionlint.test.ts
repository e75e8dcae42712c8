// actionlint over the workflows (scripts/actionlint.mjs, run by `npm run lint`),
// with .github/actionlint.yaml teaching it job.workflow_repository and
// job.workflow_sha and nothing more.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, without types
import { globToRegExp, lintWorkflows } from '../scripts/actionlint.mjs';
import { REPOSITORY_ROOT } from './support/runner.ts';
import { tempDir } from './support/tmp.ts';

interface Finding {
  file: string;
  line: number;
  kind: string;
  message: string;
}
const lint = lintWorkflows as (root: string) => Promise<{ files: string[]; findings: Finding[] }>;
const dir = tempDir('actionlint');

/** A repository with these workflows, with or without this repository's actionlint.yaml. */
function repo(name: string, workflows: Record<string, string>, withConfig = true): string {
  const root = path.join(dir, name);
  mkdirSync(path.join(root, '.github', 'workflows'), { recursive: true });
  for (const [f, text] of Object.entries(workflows)) writeFileSync(path.join(root, '.github', 'workflows', f), text);
  if (withConfig) cpSync(path.join(REPOSITORY_ROOT, '.github', 'actionlint.yaml'), path.join(root, '.github', 'actionlint.yaml'));
  return root;
}

const job = (expr: string): string =>
  `on: workflow_call\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - env:\n          X: \${{ ${expr} }}\n        run: echo "$X"\n`;

describe('actionlint', () => {
  it("passes this repository's workflows", async () => {
    const { files, findings } = await lint(REPOSITORY_ROOT);
    expect(files).toContain('.github/workflows/build.yml');
    expect(findings).toEqual([]);
  }, 120_000);

  it('without the configuration, finds exactly the job.workflow_* uses it is there for', async () => {
    const root = repo('unconfigured', {}, false);
    cpSync(path.join(REPOSITORY_ROOT, '.github', 'workflows'), path.join(root, '.github', 'workflows'), { recursive: true });
    const { findings } = await lint(root);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((f) => f.message.replace(/ in object type .*/, ''))).toEqual(
      findings.map(() => expect.stringMatching(/^property "workflow_(repository|sha)" is not defined$/)),
    );
  }, 120_000);

  it('lets through only those two properties of the job context: the rest of the expression rule still runs', async () => {
    const root = repo('taught', {
      'ok.yml': job('job.workflow_sha'),
      'ok2.yml': job('job.workflow_repository'),
      'typo.yml': job('job.workflow_shaa'),
      'other.yml': job('job.nope'),
      'github.yml': job('github.workflow_repository'),
    });
    const { findings } = await lint(root);
    expect(findings.map((f) => [f.file, f.kind])).toEqual([
      ['.github/workflows/github.yml', 'expression'],
      ['.github/workflows/other.yml', 'expression'],
      ['.github/workflows/typo.yml', 'expression'],
    ]);
  }, 120_000);

  it('reads path globs as actionlint does', () => {
    const re = globToRegExp('.github/workflows/**/*.{yml,yaml}') as RegExp;
    expect(['.github/workflows/a.yml', '.github/workflows/sub/b.yaml'].every((p) => re.test(p))).toBe(true);
    expect(['.github/workflows/a.json', 'x/.github/workflows/a.yml'].some((p) => re.test(p))).toBe(false);
  });
});
