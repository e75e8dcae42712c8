// action.yml and every workflow against the published schemas: SchemaStore's
// (bundled in @action-validator/core) and GitHub's own (@actions/workflow-parser).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, loadYaml, REPO_ROOT, repositoryWorkflows } from './model.ts';
import {
  adaptToSnapshot,
  githubAction,
  githubWorkflow,
  schemaStoreAction,
  schemaStoreWorkflow,
  SNAPSHOT_GAPS,
  unexplained,
  type WorkflowReader,
} from './schemas.ts';

const action = loadYaml(path.join(REPO_ROOT, 'action.yml'));
const workflows = repositoryWorkflows();

/** Called workflows are read from the repository, by their `./` path. */
const readLocal: WorkflowReader = (p) => {
  const file = path.join(REPO_ROOT, p.replace(/^\.\//, ''));
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
};

describe("SchemaStore's github-action.json and github-workflow.json (the snapshot in @action-validator/core)", () => {
  it('validates action.yml, apart from what the snapshot predates', () => {
    expect(unexplained(schemaStoreAction(action.text), 'action')).toEqual([]);
    expect(schemaStoreAction(adaptToSnapshot(action, 'action'))).toEqual([]);
  });

  for (const w of workflows) {
    it(`validates ${w.file}, apart from what the snapshot predates`, () => {
      expect(unexplained(schemaStoreWorkflow(w.text), 'workflow')).toEqual([]);
      expect(schemaStoreWorkflow(adaptToSnapshot(w, 'workflow'))).toEqual([]);
    });
  }

  it('has each gap it is excused for: the files really fail the snapshot there', () => {
    // If @action-validator/core ships a newer schema, a gap closes: remove it from SNAPSHOT_GAPS.
    const actionGaps = schemaStoreAction(action.text).flatMap((p) => p.leaves);
    const workflowGaps = workflows.flatMap((w) => schemaStoreWorkflow(w.text)).flatMap((p) => p.leaves);
    for (const gap of SNAPSHOT_GAPS) {
      const leaves = gap.kind === 'action' ? actionGaps : workflowGaps;
      expect(
        leaves.some((l) => gap.leaf(l)),
        gap.what,
      ).toBe(true);
    }
  });

  it('rejects a workflow with a planted schema defect', () => {
    const y = fixture('schema-invalid.yml');
    const problems = schemaStoreWorkflow(y.text);
    expect(unexplained(problems, 'workflow').length).toBeGreaterThan(0);
    expect(JSON.stringify(problems)).toMatch(/runs_on/);
  });

  it('rejects an action.yml with a planted schema defect', () => {
    const y = fixture('action-invalid.yml');
    expect(unexplained(schemaStoreAction(y.text), 'action').length).toBeGreaterThan(0);
    expect(schemaStoreAction(adaptToSnapshot(y, 'action')).length).toBeGreaterThan(0);
  });
});

describe("GitHub's workflow and action schemas, with GitHub's parser (@actions/workflow-parser)", () => {
  it('validates action.yml', async () => {
    expect(await githubAction('action.yml', action.text)).toEqual([]);
  });

  for (const w of workflows) {
    it(`validates ${w.file}, with the workflows it calls`, async () => {
      expect(await githubWorkflow(w.file, w.text, readLocal)).toEqual([]);
    });
  }

  it('rejects a workflow with a planted schema defect', async () => {
    const y = fixture('schema-invalid.yml');
    const errors = await githubWorkflow(y.file, y.text, readLocal);
    expect(errors.join('\n')).toMatch(/runs_on/);
  });

  it('rejects an action.yml with a planted schema defect', async () => {
    const y = fixture('action-invalid.yml');
    const errors = await githubAction(y.file, y.text);
    expect(errors.join('\n')).toMatch(/node99|requierd/);
  });

  it('rejects an input that build.yml does not have, as GitHub would', async () => {
    const y = fixture('unknown-input-workflow.yml');
    const errors = await githubWorkflow(y.file, y.text, readLocal);
    expect(errors.join('\n')).toMatch(/variant is not defined in the referenced workflow/);
  });
});
