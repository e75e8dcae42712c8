// The action as the runner runs it: dist/main.js, then dist/post.js with the
// state main saved (GITHUB_STATE → STATE_*), outputs in GITHUB_OUTPUT, the
// summary in GITHUB_STEP_SUMMARY; caches through the real @actions/cache client
// and the local results service.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startActionsService, type ActionsService } from './support/actions-service/index.ts';
import { buildKernelLikeElf } from './support/elf-fixtures.ts';
import { tempDir } from './support/tmp.ts';

const exec = promisify(execFile);
const dist = path.resolve(import.meta.dirname, '..', 'dist');
const root = tempDir('lifecycle');
let service: ActionsService;

beforeAll(async () => {
  service = await startActionsService();
}, 60_000);
afterAll(() => service?.stop());

/** name<<DELIM\nvalue\nDELIM lines, as @actions/core writes file commands. */
function parseFileCommands(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}

interface Step {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
}

let stepNo = 0;
async function runStep(entry: 'main' | 'post', opts: { inputs?: Record<string, string>; state?: Record<string, string>; env?: Record<string, string> }): Promise<Step> {
  const dir = path.join(root, `step-${++stepNo}`);
  mkdirSync(dir, { recursive: true });
  const files = { GITHUB_OUTPUT: path.join(dir, 'output'), GITHUB_STATE: path.join(dir, 'state'), GITHUB_STEP_SUMMARY: path.join(dir, 'summary') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env: Record<string, string> = { PATH: process.env.PATH!, HOME: process.env.HOME ?? root, ...service.env, ...files, ...opts.env };
  for (const [k, v] of Object.entries(opts.inputs ?? {})) env[`INPUT_${k.toUpperCase()}`] = v;
  for (const [k, v] of Object.entries(opts.state ?? {})) env[`STATE_${k}`] = v;
  delete env.GITHUB_SERVER_URL;
  let code = 0;
  let stdout = '';
  try {
    stdout = (await exec('node', [path.join(dist, `${entry}.js`)], { env, cwd: service.workspace })).stdout;
  } catch (e) {
    code = (e as { code: number }).code;
    stdout = (e as { stdout: string }).stdout;
  }
  return { code, stdout, outputs: parseFileCommands(files.GITHUB_OUTPUT), state: parseFileCommands(files.GITHUB_STATE), summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8') };
}

describe('the action, main then post', () => {
  it('bundles a vmlinux, sets the outputs and summary, and post cleans up', async () => {
    const built = await buildKernelLikeElf();
    const workDir = path.join(root, 'work-ok');
    const main = await runStep('main', { inputs: { vmlinux: built.file, 'boot-test': 'false', 'out-dir': path.join(root, 'out-ok'), 'work-dir': workDir } });
    expect(main.code, main.stdout).toBe(0);
    expect(main.outputs).toMatchObject({ soname: 'libkrunfw.so.5', version: '5.4.0', library: path.join(root, 'out-ok', 'libkrunfw.so.5.4.0') });
    expect(main.outputs.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(main.stdout).toMatch(/::group::verify: load the library/);
    expect(main.summary).toContain('libkrunfw.so.5.4.0');
    expect(JSON.parse(main.state.run!)).toMatchObject({ workDir, outcome: 'succeeded' });
    expect(existsSync(workDir)).toBe(true);

    const post = await runStep('post', { state: main.state });
    expect(post.code).toBe(0);
    expect(existsSync(workDir)).toBe(false);
  }, 60_000);

  it('fails with one error annotated on the file, and post saves nothing', async () => {
    const notElf = path.join(root, 'not-elf');
    writeFileSync(notElf, 'hello\n');
    const workDir = path.join(root, 'work-bad');
    const main = await runStep('main', { inputs: { vmlinux: notElf, 'boot-test': 'false', 'out-dir': path.join(root, 'out-bad'), 'work-dir': workDir } });
    expect(main.code).toBe(1);
    expect(main.stdout).toContain(`::error title=not a usable kernel image,file=${notElf}::${notElf}: is not an ELF file`);
    expect(main.stdout).toMatch(/::error::ElfError: .*not-elf/);
    const record = JSON.parse(main.state.run!) as Record<string, unknown>;
    expect(record).toMatchObject({ workDir, outcome: 'failed' });

    // Even with an output entry pending, a failed run saves none: only a compiler cache would be.
    const before = service.calls('CreateCacheEntry').length;
    const post = await runStep('post', { state: { run: JSON.stringify({ ...record, pending: [{ level: 'output', key: 'never', paths: [notElf] }] }) } });
    expect(post.code).toBe(0);
    expect(post.stdout).toMatch(/the run failed: only the compiler cache is saved from it/);
    expect(service.calls('CreateCacheEntry').length).toBe(before);
    // Kept for inspection, as after any failure; the next run clears it.
    expect(post.stdout).toMatch(/work directory kept for inspection/);
  }, 60_000);

  it('verify-source mode: refuses a file that is not a source release, with one error', async () => {
    const bogus = path.join(root, 'not-a-release.tar.gz');
    writeFileSync(bogus, 'plain text, not gzip');
    const main = await runStep('main', { inputs: { 'verify-source': bogus, 'work-dir': path.join(root, 'work-vs') } });
    expect(main.code).toBe(1);
    expect(main.stdout).toMatch(/::error::ArchiveError: .*not-a-release\.tar\.gz/);
    expect(JSON.parse(main.state.run!)).toMatchObject({ outcome: 'failed' });
  }, 60_000);

  it('post saves what a finished build left, with the real cache client', async () => {
    const entry = path.join(service.workspace, 'cache-entry');
    mkdirSync(entry, { recursive: true });
    writeFileSync(path.join(entry, 'lib.so'), 'bytes');
    const state = { run: JSON.stringify({ workDir: path.join(root, 'work-save'), keepWorkDir: false, outcome: 'succeeded', pending: [{ level: 'output', key: 'libkrunfw-output-lifecycle', paths: [entry] }] }) };
    const post = await runStep('post', { state });
    expect(post.code, post.stdout).toBe(0);
    expect(post.stdout).toMatch(/output cache: saved libkrunfw-output-lifecycle/);
    expect(service.caches().map((c) => c.key)).toContain('libkrunfw-output-lifecycle');
  }, 60_000);

  it('post never fails the job when the cache service is down', async () => {
    const entry = path.join(service.workspace, 'cache-entry-2');
    mkdirSync(entry, { recursive: true });
    writeFileSync(path.join(entry, 'lib.so'), 'bytes');
    service.faults.fail('CreateCacheEntry', { status: 400 });
    try {
      const state = { run: JSON.stringify({ workDir: path.join(root, 'work-down'), keepWorkDir: false, outcome: 'succeeded', pending: [{ level: 'output', key: 'libkrunfw-output-down', paths: [entry] }] }) };
      const post = await runStep('post', { state });
      expect(post.code, post.stdout).toBe(0);
      expect(post.stdout).toMatch(/not saved/);
      expect(service.caches().map((c) => c.key)).not.toContain('libkrunfw-output-down');
    } finally {
      service.faults.clear();
    }
  }, 60_000);
});
