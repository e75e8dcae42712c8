// The action as a runner runs it (support/runner.ts): every action.yml default
// set as INPUT_*, dist/main.js then dist/post.js with the state main saved, the
// caches and artifacts through the real @actions/* clients and the local
// results service. What a user sees is checked as GitHub shows it: the
// annotations parsed from the log, the job summary parsed strictly.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useActionsService } from './support/actions-service/use.ts';
import { buildKernelLikeElf } from './support/elf-fixtures.ts';
import { parseSummary } from './support/job-summary.ts';
import type { RunRecord } from '../src/finish.ts';
import { runAction, runStep, stepContext } from './support/runner.ts';

const service = useActionsService();
/** Any download a test did not mean to make fails at once instead of reaching the network. */
const offline = { HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9' };

/** A file in the workspace, as a caller's checkout would hold it; returns the path relative to it. */
function inWorkspace(rel: string, from?: string, text?: string): string {
  const file = path.join(service.workspace, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  if (from) cpSync(from, file);
  else writeFileSync(file, text ?? '');
  return rel;
}

/** The run record main saved for post (src/state.ts). */
function record(state: Record<string, string>): RunRecord {
  return JSON.parse(state.run!) as RunRecord;
}

/** The state main leaves after a successful run that left these saves. */
function savedRecord(r: Pick<RunRecord, 'workDir' | 'pending'>): Record<string, string> {
  return { run: JSON.stringify({ keepWorkDir: false, outcome: 'succeeded', ...r } satisfies RunRecord) };
}

describe('the action, main then post, as a runner runs it', () => {
  it('vmlinux mode with only vmlinux, upload: false and boot-test: false succeeds (the runner passes ccache-max-size: 2G too)', async () => {
    const vmlinux = inWorkspace('build/vmlinux', (await buildKernelLikeElf()).file);
    const run = await runAction({ service, env: offline, with: { vmlinux, upload: 'false', 'boot-test': 'false' } });
    // The runner's defaults reached the step: this is what used to make the mode fail.
    expect(run.inputs).toMatchObject({ 'INPUT_CCACHE-MAX-SIZE': '2G', 'INPUT_CACHE-OUTPUT': 'true', INPUT_VARIANT: 'generic', INPUT_VMLINUX: vmlinux });
    expect(run.main.exitCode, run.main.stdout).toBe(0);
    expect(run.main.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.main.retiredCommands).toEqual([]);
    const out = path.join(service.workspace, 'libkrunfw-out');
    expect(run.main.outputs).toMatchObject({
      library: path.join(out, 'libkrunfw.so.5.4.0'),
      soname: 'libkrunfw.so.5',
      version: '5.4.0',
      variant: 'generic',
      'artifact-id': '',
    });
    expect(run.main.outputs.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Each stage's log in its own collapsible group.
    expect(run.main.groups.map((g) => g.split(':')[0])).toEqual(['bundle', 'link', 'verify', 'package']);
    const summary = parseSummary(run.main.summary);
    expect(summary.headings).toEqual(['libkrunfw 5.4.0: generic, x86_64']);
    expect(summary.tables[0]!.rows.map((r) => r[0])).toEqual(['libkrunfw-out/libkrunfw.so.5.4.0', 'libkrunfw-out/libkrunfw-x86_64.tgz']);
    expect(summary.tables[0]!.rows[1]![1]).toMatch(/^\d+(\.\d)? (B|KiB)$/);
    expect(summary.paragraphs).toContain('Nothing was uploaded.');
    // The work dir lay under RUNNER_TEMP; post removed it.
    const { workDir, outcome } = record(run.main.state);
    expect(workDir).toBe(path.join(service.runnerTemp, 'libkrunfw-work'));
    expect(outcome).toBe('succeeded');
    expect(run.post!.exitCode).toBe(0);
    expect(run.post!.annotations).toEqual([]);
    expect(existsSync(workDir)).toBe(false);
  }, 120_000);

  it('vmlinux mode with upload left at its default: succeeds, uploads nothing (no source release) and says so once', async () => {
    const vmlinux = inWorkspace('build/vmlinux', (await buildKernelLikeElf()).file);
    const artifacts = service.artifacts().length;
    const run = await runAction({ service, env: offline, with: { vmlinux, 'boot-test': 'false', 'out-dir': 'up' } });
    expect(run.main.exitCode, run.main.stdout).toBe(0);
    expect(run.main.annotations).toEqual([
      { level: 'warning', message: 'nothing uploaded: a bundled vmlinux has no source release, and a library is never published without one' },
    ]);
    expect(service.artifacts()).toHaveLength(artifacts);
    expect(run.main.outputs['artifact-id']).toBe('');
    expect(parseSummary(run.main.summary).paragraphs).toContain('Nothing was uploaded.');
  }, 120_000);

  it('a bad input file: one annotation on it, relative to the workspace; a summary that says what failed; post saves nothing', async () => {
    const vmlinux = inWorkspace('build/not-elf', undefined, 'hello\n');
    const saves = service.calls('CreateCacheEntry').length;
    const run = await runAction({ service, env: offline, with: { vmlinux, 'boot-test': 'false', upload: 'false' } });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.annotations).toHaveLength(1);
    expect(run.main.annotations[0]).toMatchObject({ level: 'error', file: 'build/not-elf', title: 'ElfError: not a usable kernel image' });
    expect(run.main.annotations[0]!.message).toMatch(new RegExp(`^${path.join(service.workspace, 'build/not-elf')}: is not an ELF file`));
    const summary = parseSummary(run.main.summary);
    expect(summary.headings).toEqual(['libkrunfw: failed in the bundle stage']);
    expect(summary.paragraphs[0]).toBe('ElfError. The input is at fault: fix it and run again.');
    expect(summary.items).toEqual(['build/not-elf: not a usable kernel image']);
    expect(summary.tables[0]!.rows.at(-1)!.slice(0, 2)).toEqual(['bundle', 'failed']);
    const { workDir, outcome } = record(run.main.state);
    expect(outcome).toBe('failed');
    // A failed run keeps its work dir for inspection (the next run clears it), and says so.
    expect(summary.paragraphs.at(-1)).toBe(`Kept for inspection: ${workDir}.`);
    expect(run.post!.exitCode).toBe(0);
    expect(run.post!.stdout).toContain(`work directory kept for inspection: ${workDir}`);
    expect(service.calls('CreateCacheEntry').length).toBe(saves);
    expect(existsSync(workDir)).toBe(true);
  }, 120_000);

  it('a patch that does not apply: one annotation on the patch at the failed hunk, and the work dir kept when asked', async () => {
    // A tiny kernel tree: the source stage takes it (a local file needs no sha256), the caller's patch fails on it.
    const tree = path.join(service.workspace, '..', 'fake-linux', 'linux-6.12.0');
    mkdirSync(path.join(tree, 'init'), { recursive: true });
    writeFileSync(path.join(tree, 'Makefile'), 'VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 0\nEXTRAVERSION =\n');
    writeFileSync(path.join(tree, 'init', 'main.c'), 'int one;\nint two;\nint three;\n');
    mkdirSync(path.join(service.workspace, 'ci'), { recursive: true });
    const tarball = path.join(service.workspace, 'ci', 'linux-6.12.0.tar.gz');
    execFileSync('tar', ['-czf', tarball, '-C', path.dirname(tree), 'linux-6.12.0']);
    const sha256 = createHash('sha256').update(readFileSync(tarball)).digest('hex');
    const patch = [
      'From: test',
      'Subject: [PATCH] change a line that is not there',
      '',
      '---',
      '--- a/init/main.c',
      '+++ b/init/main.c',
      '@@ -1,3 +1,3 @@',
      ' int one;',
      '-int zwei;',
      '+int deux;',
      ' int three;',
      '',
    ];
    inWorkspace('ci/patches/0001-change.patch', undefined, patch.join('\n'));
    const run = await runAction({
      service,
      env: offline,
      with: { 'kernel-source': 'ci/linux-6.12.0.tar.gz', 'kernel-sha256': sha256, patches: 'ci/patches', 'keep-work-dir': 'true', upload: 'false' },
    });
    expect(run.main.exitCode, run.main.stdout).toBe(1);
    expect(run.main.annotations).toHaveLength(1);
    expect(run.main.annotations[0]).toMatchObject({
      level: 'error',
      file: 'ci/patches/0001-change.patch',
      line: 7,
      title: 'PatchError: init/main.c: hunk #1 FAILED',
    });
    expect(run.main.annotations[0]!.message).toMatch(/^patch .*0001-change\.patch does not apply:\n {2}init\/main\.c: hunk #1 FAILED/);
    const summary = parseSummary(run.main.summary);
    expect(summary.headings).toEqual(['libkrunfw: failed in the patch stage']);
    expect(summary.tables[0]!.rows.map((r) => r.slice(0, 2))).toEqual([
      ['source', 'passed'],
      ['extract', 'passed'],
      ['patch', 'failed'],
    ]);
    const { workDir } = record(run.main.state);
    expect(summary.paragraphs.at(-1)).toBe(`Kept for inspection: ${workDir}.`);
    expect(run.post!.stdout).toContain(`work directory kept (keep-work-dir): ${workDir}`);
    expect(existsSync(workDir)).toBe(true);
  }, 180_000);

  it('a file outside the workspace: the annotation names no file (GitHub could not place it) but the message does', async () => {
    const elsewhere = path.join(service.runnerTemp, 'outside', 'not-elf');
    mkdirSync(path.dirname(elsewhere), { recursive: true });
    writeFileSync(elsewhere, 'hello\n');
    const run = await runAction({ service, env: offline, with: { vmlinux: elsewhere, 'boot-test': 'false', upload: 'false' } });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.annotations).toHaveLength(1);
    expect(run.main.annotations[0]).toMatchObject({ level: 'error', title: 'ElfError: not a usable kernel image' });
    expect(run.main.annotations[0]!.file).toBeUndefined();
    expect(run.main.annotations[0]!.message).toContain(elsewhere);
  }, 120_000);

  it('an input error: one annotation titled with its class, and a summary saying the build never started', async () => {
    const run = await runAction({ service, env: offline, with: { vmlinux: 'build/vmlinux', jobs: '4' } });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.annotations).toEqual([{ level: 'error', title: 'InputError', message: 'jobs does not apply when packaging an existing vmlinux' }]);
    const summary = parseSummary(run.main.summary);
    expect(summary.headings).toEqual(['libkrunfw: failed before the build started']);
    expect(summary.tables).toEqual([]);
    expect(run.post!.stdout).toMatch(/main did not start a run/);
  }, 60_000);
});

describe('two uses of the action in one job, one work dir', () => {
  it("the second main refuses while the first's post has not run; the first's post then finishes and frees it", async () => {
    const vmlinux = inWorkspace('build/vmlinux-twice', (await buildKernelLikeElf()).file);
    const using = (out: string) =>
      stepContext({ service, env: offline, with: { vmlinux, upload: 'false', 'boot-test': 'false', 'work-dir': 'w-twice', 'out-dir': out } });
    const first = using('out-first');
    const main1 = await runStep('main', first);
    expect(main1.exitCode, main1.stdout).toBe(0);
    const workDir = record(main1.state).workDir;
    // Steps run one after another, but the posts only at the job's end: the work dir is still the first's.
    const main2 = await runStep('main', using('out-second'));
    expect(main2.exitCode).toBe(1);
    expect(main2.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
      expect.stringMatching(
        /^work-dir .*w-twice is in use by pid \d+ .*\(bundle x86_64 generic, an earlier step of a job: held until its post step; give each use of the action in one job its own work-dir/,
      ),
    ]);
    expect(existsSync(path.join(service.workspace, 'out-first', 'libkrunfw.so.5.4.0'))).toBe(true);
    const post2 = await runStep('post', using('out-second'), { state: main2.state });
    expect(post2.exitCode).toBe(0);
    const post1 = await runStep('post', first, { state: main1.state });
    expect(post1.exitCode, post1.stdout).toBe(0);
    expect(post1.annotations).toEqual([]);
    expect(existsSync(workDir)).toBe(false);
    // Free again: a third use takes it.
    const third = await runAction({
      service,
      env: offline,
      with: { vmlinux, upload: 'false', 'boot-test': 'false', 'work-dir': 'w-twice', 'out-dir': 'out-third' },
    });
    expect(third.main.exitCode, third.main.stdout).toBe(0);
    expect(third.post!.exitCode).toBe(0);
  }, 180_000);
});

describe('post, handed the state of a finished build', () => {
  it('saves the caches it names, with the real cache client', async () => {
    const entry = path.join(service.workspace, 'cache-entry');
    mkdirSync(entry, { recursive: true });
    writeFileSync(path.join(entry, 'lib.so'), 'bytes');
    const state = savedRecord({
      workDir: path.join(service.runnerTemp, 'work-save'),
      pending: [{ level: 'output', key: 'libkrunfw-output-lifecycle', paths: [entry] }],
    });
    const post = await runStep('post', stepContext({ service, env: offline }), { state });
    expect(post.exitCode, post.stdout).toBe(0);
    expect(post.stdout).toMatch(/output cache: saved libkrunfw-output-lifecycle/);
    expect(service.caches().map((c) => c.key)).toContain('libkrunfw-output-lifecycle');
  }, 60_000);

  it('never fails the job when the cache service is down', async () => {
    const entry = path.join(service.workspace, 'cache-entry-2');
    mkdirSync(entry, { recursive: true });
    writeFileSync(path.join(entry, 'lib.so'), 'bytes');
    service.faults.fail('CreateCacheEntry', { status: 400 });
    const state = savedRecord({
      workDir: path.join(service.runnerTemp, 'work-down'),
      pending: [{ level: 'output', key: 'libkrunfw-output-down', paths: [entry] }],
    });
    const post = await runStep('post', stepContext({ service, env: offline }), { state });
    expect(post.exitCode, post.stdout).toBe(0);
    expect(post.stdout).toMatch(/not saved/);
    expect(post.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(service.caches().map((c) => c.key)).not.toContain('libkrunfw-output-down');
  }, 60_000);
});
