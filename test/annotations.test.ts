// The GitHub adapter's annotations, as the runner reads them from the log: one
// per error, titled, placed on a workspace-relative file and line, or on no
// file when GitHub could not show it there.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, LostConfigOptionsError, PatchError } from '../src/errors.ts';
import { annotateFailure, annotationOf } from '../src/platform/github/index.ts';
import { captureActionsLog } from './support/actions-service/index.ts';
import { parseWorkflowCommands } from './support/runner.ts';
import { tempDir } from './support/tmp.ts';

const root = tempDir('annotations');
const workspace = path.join(root, 'workspace');
mkdirSync(path.join(workspace, 'ci'), { recursive: true });
writeFileSync(path.join(workspace, 'ci', 'extra.config'), 'CONFIG_X=y\n');
const saved = process.env.GITHUB_WORKSPACE;
afterEach(() => {
  if (saved === undefined) delete process.env.GITHUB_WORKSPACE;
  else process.env.GITHUB_WORKSPACE = saved;
});

function annotationsOf(fn: () => void): ReturnType<typeof parseWorkflowCommands> & { text: string } {
  const log = captureActionsLog();
  try {
    fn();
  } finally {
    log.restore();
  }
  return { ...parseWorkflowCommands(log.text()), text: log.text() };
}

describe('annotations', () => {
  it('a file in the workspace: relative, with its line', () => {
    process.env.GITHUB_WORKSPACE = workspace;
    expect(annotationOf({ file: path.join(workspace, 'ci', 'extra.config'), line: 3, title: 't' })).toEqual({
      title: 't',
      file: 'ci/extra.config',
      startLine: 3,
    });
  });

  it('a file outside it: no file and no line, only the title', () => {
    process.env.GITHUB_WORKSPACE = workspace;
    expect(annotationOf({ file: path.join(root, 'elsewhere.config'), line: 3, title: 't' })).toEqual({ title: 't' });
    // A name that merely starts with '..' is inside.
    expect(annotationOf({ file: path.join(workspace, '..notes'), title: 't' })).toEqual({ title: 't', file: '..notes' });
  });

  it('a workspace reached through a symlink still places the file', () => {
    const link = path.join(root, 'ws-link');
    symlinkSync(workspace, link);
    process.env.GITHUB_WORKSPACE = link;
    expect(annotationOf({ file: path.join(workspace, 'ci', 'extra.config') })).toEqual({ file: 'ci/extra.config' });
  });

  it('an error with several places: one annotation, on the first, saying how many more', () => {
    process.env.GITHUB_WORKSPACE = workspace;
    const lost = new LostConfigOptionsError([
      { option: 'CONFIG_A', requested: 'y', actual: 'not set', from: { file: path.join(workspace, 'ci', 'extra.config'), line: 1 } },
      { option: 'CONFIG_B', requested: 'y', actual: 'm', from: { file: path.join(workspace, 'ci', 'extra.config'), line: 2 } },
    ]);
    const { annotations } = annotationsOf(() => annotateFailure(lost));
    expect(annotations).toEqual([
      {
        level: 'error',
        title: 'LostConfigOptionsError: CONFIG_A lost: asked y, got not set (and 1 more)',
        file: 'ci/extra.config',
        line: 1,
        message: lost.message,
      },
    ]);
  });

  it('a patch error: the failed hunk’s line in the patch', () => {
    process.env.GITHUB_WORKSPACE = workspace;
    const e = new PatchError(path.join(workspace, 'ci', 'p.patch'), [{ file: 'init/main.c', hunks: [{ hunk: 2, patchLine: 19 }] }]);
    const { annotations } = annotationsOf(() => annotateFailure(e));
    expect(annotations).toMatchObject([{ level: 'error', file: 'ci/p.patch', line: 19, title: 'PatchError: init/main.c: hunk #2 FAILED' }]);
  });

  it('an error without a place: titled with its class', () => {
    const { annotations } = annotationsOf(() => annotateFailure(new ConfigError('kernel-config-mode is full but no kernel-config was given')));
    expect(annotations).toEqual([{ level: 'error', title: 'ConfigError', message: 'kernel-config-mode is full but no kernel-config was given' }]);
  });

  it('an unexpected error: one annotation that asks for a report, the stack in the log only', () => {
    const { annotations, text } = annotationsOf(() => annotateFailure(new TypeError("Cannot read properties of undefined (reading 'x')")));
    expect(annotations).toEqual([
      {
        level: 'error',
        title: 'unexpected failure (a bug: please report it with this log)',
        message: "TypeError: Cannot read properties of undefined (reading 'x')",
      },
    ]);
    expect(text).toMatch(/\n\s+at /);
  });
});
