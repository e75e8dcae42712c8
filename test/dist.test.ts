// dist/ is what GitHub runs: it must be the bundle of today's src/, and it must work.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildKernelLikeElf } from './support/elf-fixtures.ts';
import { tempDir } from './support/tmp.ts';

const exec = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const work = tempDir('dist');

async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec('node', [cli, ...args], { cwd: work, env: { ...process.env, GITHUB_WORKSPACE: '' } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('dist/', () => {
  it('is the bundle of the current src/ (npm run package rebuilds it)', async () => {
    const r = await exec('node', [path.join(root, 'scripts', 'package.mjs'), '--check']).catch((e) => e);
    expect(r.stderr ?? '', 'dist/ is stale: run npm run package and commit dist/').toBe('');
  }, 60_000);

  it('CLI: bundles a vmlinux into a verified library and prints the outputs as JSON', async () => {
    const built = await buildKernelLikeElf();
    const out = path.join(work, 'out');
    const r = await runCli(['bundle', '--vmlinux', built.file, '--boot-test', 'false', '--out', out, '--work-dir', path.join(work, 'w')]);
    expect(r.code, r.stderr).toBe(0);
    const outputs = JSON.parse(r.stdout) as Record<string, string>;
    expect(outputs).toMatchObject({ library: path.join(out, 'libkrunfw.so.5.4.0'), soname: 'libkrunfw.so.5', version: '5.4.0' });
    expect(outputs.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.stderr).toMatch(/verify passed/);
  }, 60_000);

  it('CLI: one clear message and exit 1 for bad input, exit 0 for --help', async () => {
    const bad = await runCli(['build', '--kernel-sauce', 'x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: build: Unknown option '--kernel-sauce'/);
    const sha = await runCli(['build', '--kernel-source', 'https://example.org/l.tar.xz']);
    expect(sha.code).toBe(1);
    expect(sha.stderr).toMatch(/must be pinned/);
    const notElf = path.join(work, 'not-elf');
    await exec('sh', ['-c', 'echo hello > "$0"', notElf]);
    const elf = await runCli(['bundle', '--vmlinux', notElf, '--out', path.join(work, 'o2'), '--work-dir', path.join(work, 'w2')]);
    expect(elf.code).toBe(1);
    expect(elf.stderr).toContain(notElf);
    expect(existsSync(path.join(work, 'o2')) ? readdirSync(path.join(work, 'o2')) : []).toEqual([]);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('libkrunfw-action build');
  }, 60_000);
});
