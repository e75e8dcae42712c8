// The README's "Callers" section: its YAML is meant to be copied, so it keeps
// the same rules as the repository's own workflows and validates the same way;
// its table of build.yml's inputs matches build.yml.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml, REPO_ROOT, repositoryWorkflows, workflowCallInputs } from './model.ts';
import { repositoryContext, runRules } from './rules.ts';
import { adaptToSnapshot, githubWorkflow, schemaStoreWorkflow } from './schemas.ts';

const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const section = /^## Callers\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
const ctx = repositoryContext();
const build = repositoryWorkflows().find((w) => w.file.endsWith('/build.yml'))!;

/** The copy-paste YAML, with the placeholders a reader fills in filled in. */
const examples = [...section.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m, i) =>
  parseYaml(
    `README.md (Callers, example ${i + 1})`,
    m[1]!.replaceAll('<owner>', 'owner').replaceAll('<commit-sha>', '0123456789abcdef0123456789abcdef01234567'),
  ),
);

describe('README: Callers', () => {
  it('sits before Development and holds an example for each kind of caller', () => {
    expect(readme.indexOf('## Callers')).toBeGreaterThan(0);
    expect(readme.indexOf('## Callers')).toBeLessThan(readme.indexOf('## Development'));
    for (const heading of [
      '### A project calling the action',
      '### A distribution building its variants: the reusable workflow',
      "### libkrunfw's release automation",
    ]) {
      expect(section).toContain(heading);
    }
    expect(examples).toHaveLength(3);
  });

  it('calls the action, then build.yml, then build.yml for a release with caches off', () => {
    const uses = examples.map((e) => JSON.stringify(e.data));
    expect(uses[0]).toMatch(/"uses":"owner\/libkrunfw-action@[0-9a-f]{40}"/);
    expect(uses[1]).toMatch(/"uses":"owner\/libkrunfw-action\/\.github\/workflows\/build\.yml@[0-9a-f]{40}"/);
    expect(uses[2]).toMatch(/"cache":false/);
  });

  for (const [i, example] of examples.entries()) {
    it(`example ${i + 1} keeps every rule`, () => {
      expect(runRules(example, ctx)).toEqual([]);
    });

    it(`example ${i + 1} validates against GitHub's schema and SchemaStore's`, async () => {
      const readBuild = (p: string): string | undefined => (p === '.github/workflows/build.yml' ? build.text : undefined);
      expect(await githubWorkflow(example.file, example.text, readBuild)).toEqual([]);
      expect(schemaStoreWorkflow(adaptToSnapshot(example, 'workflow'))).toEqual([]);
    });
  }

  it("lists build.yml's inputs with their defaults", () => {
    const rows = [...section.matchAll(/^\| `([a-z0-9-]+)` \|([^|]*)\|/gm)].map((m) => [m[1]!, m[2]!.trim()]);
    const inputs = [...workflowCallInputs(build).values()];
    expect(rows.map((r) => r[0])).toEqual(inputs.map((i) => i.name));
    for (const input of inputs) {
      const shown = rows.find((r) => r[0] === input.name)![1];
      if (input.default !== '') expect(shown, input.name).toContain(String(input.default));
    }
  });
});
