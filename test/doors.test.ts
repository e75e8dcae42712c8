// Every door maps the two error families the same way: the caller's fault
// (UserError) exits 1, the machine's or a tool's (InfrastructureError) exits 2,
// each with one line naming the cause. And each door resolves relative paths
// where its caller expects: the CLI against the shell's directory.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DownloadError, ElfError, InfrastructureError, UserError } from '../src/errors.ts';
import { runRequest } from '../src/run.ts';
import { buildKernelLikeElf } from './support/elf-fixtures.ts';
import { testPlatform } from './support/context.ts';
import { tempDir } from './support/tmp.ts';

const exec = promisify(execFile);
const cli = path.resolve(import.meta.dirname, '..', 'dist', 'cli.js');
const root = tempDir('doors');

async function runCli(args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec('node', [cli, ...args], { cwd: opts.cwd, env: { ...process.env, ...opts.env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Nothing listens on port 1 of the loopback: the download is refused at once. */
const UNREACHABLE = 'http://127.0.0.1:1/linux-6.12.87.tar.xz';

describe('error families, door by door', () => {
  const notElf = path.join(root, 'not-elf');
  writeFileSync(notElf, 'hello\n');
  const userFault = (dir: string): string[] => [
    'bundle',
    '--vmlinux',
    notElf,
    '--boot-test',
    'false',
    '--out',
    path.join(dir, 'out'),
    '--work-dir',
    path.join(dir, 'work'),
  ];
  const machineFault = (dir: string): string[] => [
    'build',
    '--kernel-source',
    UNREACHABLE,
    '--kernel-sha256',
    'a'.repeat(64),
    '--patches',
    'none',
    '--out',
    path.join(dir, 'out'),
    '--work-dir',
    path.join(dir, 'work'),
    '--cache-dir',
    path.join(dir, 'cache'),
  ];

  it('CLI: a user error exits 1, a machine error exits 2, each with one line naming its cause', async () => {
    const user = await runCli(userFault(path.join(root, 'cli-user')), { cwd: root });
    expect(user.code).toBe(1);
    expect(user.stderr).toMatch(new RegExp(`^error: ${notElf}: is not an ELF file`, 'm'));
    expect(user.stderr.match(/^error:/gm)).toHaveLength(1);
    const machine = await runCli(machineFault(path.join(root, 'cli-machine')), { cwd: root });
    expect(machine.code).toBe(2);
    expect(machine.stderr).toMatch(/^error: could not download http:\/\/127\.0\.0\.1:1\/linux-6\.12\.87\.tar\.xz/m);
    expect(machine.stderr.match(/^error:/gm)).toHaveLength(1);
  }, 120_000);

  it('library: the same errors are thrown as their named classes', async () => {
    const platform = {
      ...testPlatform(root),
      downloader: { download: (url: string, dest: string) => import('../src/platform/local/index.ts').then((m) => m.fetchToFile(url, dest)) },
    };
    const user = await runRequest({ vmlinux: notElf, 'boot-test': 'false', 'out-dir': 'lib-user/out', 'work-dir': 'lib-user/work' }, platform, root).catch(
      (e) => e,
    );
    expect(user).toBeInstanceOf(ElfError);
    expect(user).toBeInstanceOf(UserError);
    expect((user as ElfError).stage).toBe('bundle');
    const machine = await runRequest(
      {
        'kernel-source': UNREACHABLE,
        'kernel-sha256': 'a'.repeat(64),
        patches: 'none',
        'out-dir': 'lib-m/out',
        'work-dir': 'lib-m/work',
        'cache-dir': 'lib-m/cache',
      },
      platform,
      root,
    ).catch((e) => e);
    expect(machine).toBeInstanceOf(DownloadError);
    expect(machine).toBeInstanceOf(InfrastructureError);
    expect((machine as DownloadError).stage).toBe('source');
  }, 120_000);
});

describe('relative paths', () => {
  it('CLI: resolve against the directory it was started in, not GITHUB_WORKSPACE', async () => {
    const here = path.join(root, 'shell-dir');
    mkdirSync(here, { recursive: true });
    const built = await buildKernelLikeElf();
    writeFileSync(path.join(here, 'vmlinux'), await import('node:fs').then((fs) => fs.readFileSync(built.file)));
    const r = await runCli(['bundle', '--vmlinux', 'vmlinux', '--boot-test', 'false', '--out', 'out', '--work-dir', 'work'], {
      cwd: here,
      env: { GITHUB_WORKSPACE: path.join(root, 'some-other-workspace') },
    });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { library: string }).library).toBe(path.join(here, 'out', 'libkrunfw.so.5.4.0'));
  }, 60_000);
});
