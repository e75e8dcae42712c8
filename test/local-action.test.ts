// GitHub's own local runner, @github/local-action, runs the action from its
// sources (src/main.ts's run(), then src/post.ts's) on the cheap path that
// `npm run local-action` takes: a gcc-made ELF packaged as the vmlinux.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { parseSummary } from './support/job-summary.ts';
import { REPOSITORY_ROOT } from './support/runner.ts';
import { tempDir } from './support/tmp.ts';

const exec = promisify(execFile);
const workspace = path.join(tempDir('local-action'), 'workspace');

it('npm run local-action runs main and post to the end and sets the outputs', async () => {
  const { stdout } = await exec('node', [path.join(REPOSITORY_ROOT, 'scripts', 'local-action.mjs'), '--workspace', workspace], {
    cwd: REPOSITORY_ROOT,
    maxBuffer: 64 * 2 ** 20,
  });
  // local-action prints each output as it is set.
  const outputs = Object.fromEntries([...stdout.matchAll(/^::set-output name=([^:]+)::(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
  expect(outputs).toMatchObject({
    library: path.join(workspace, 'libkrunfw-out', 'libkrunfw.so.5.4.0'),
    soname: 'libkrunfw.so.5',
    arch: 'x86_64',
    variant: 'generic',
  });
  expect(createHash('sha256').update(readFileSync(outputs.library!)).digest('hex')).toBe(outputs.sha256);
  expect(createHash('sha256').update(readFileSync(outputs.tarball!)).digest('hex')).toBe(outputs['tarball-sha256']);
  expect(stdout).toContain('Running Post Step');
  expect(stdout).not.toMatch(/^::error/m);
  // The summary went where GITHUB_STEP_SUMMARY said, and post removed the work dir under RUNNER_TEMP.
  const summary = parseSummary(readFileSync(path.join(workspace, 'runner-temp', 'step-summary.md'), 'utf8'));
  expect(summary.headings).toEqual(['libkrunfw 5.4.0: generic, x86_64']);
  expect(existsSync(path.join(workspace, 'runner-temp', 'libkrunfw-work'))).toBe(false);
}, 300_000);
