// The fault cases through the real CLI (bundle mode: no compile), each
// ending with one line, its exit code and nothing half-done: two runs on one
// work dir, a read-only out-dir, an out-dir inside the work dir, /dev/zero and
// a FIFO as --kernel-config, a work dir whose name tries to run a command.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildKernelLikeElf } from '../support/elf-fixtures.ts';
import { tempDir } from '../support/tmp.ts';
import { runCli, startCli } from './support/cli-process.ts';
import { cannotMount, mountTmpfs } from './support/mounts.ts';

const root = tempDir('fault-doors');
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function bundleArgs(work: string, out: string): Promise<string[]> {
  const elf = await buildKernelLikeElf();
  return ['bundle', '--vmlinux', elf.file, '--boot-test', 'false', '--work-dir', work, '--out', out];
}

describe('the CLI under faults (bundle mode)', () => {
  it('two runs started together on one work dir: one builds the library, the other refuses at once naming the first', async () => {
    const work = path.join(root, 'two', 'work');
    const [a, b] = await Promise.all([
      startCli(await bundleArgs(work, path.join(root, 'two', 'out-a')), root),
      startCli(await bundleArgs(work, path.join(root, 'two', 'out-b')), root),
    ]);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    const [winner, loser, wr, lr] = ra.code === 0 ? [a, b, ra, rb] : [b, a, rb, ra];
    expect(wr.code, wr.stderr).toBe(0);
    expect(lr.code, lr.stderr).toBe(1);
    expect(lr.stderr).toMatch(
      new RegExp(
        `^error: work-dir ${esc(work)} is in use by pid ${winner.pid} on ${esc(os.hostname())} \\(bundle x86_64 generic, since [-0-9T:.]+Z\\); wait for that run to end, or give this run another directory\\.\\n$`,
      ),
    );
    expect(lr.stdout).toBe('');
    // The refused run wrote nothing: no out-dir of its own.
    expect(existsSync(path.join(root, 'two', loser === a ? 'out-a' : 'out-b'))).toBe(false);
    expect(readdirSync(path.join(root, 'two', winner === a ? 'out-a' : 'out-b'))).toContain('libkrunfw.so.5.4.0');
  });

  it('an out-dir inside the work dir, or equal to it, is refused before anything is made', async () => {
    const work = path.join(root, 'nested', 'work');
    const r = await runCli(await bundleArgs(work, path.join(work, 'out')), root);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: out-dir ${path.join(work, 'out')} is inside work-dir ${work}: the work dir is emptied after the run, and the library would go with it; choose an out-dir outside it\n`,
    );
    expect(existsSync(work)).toBe(false);
    const same = await runCli(await bundleArgs(work, work), root);
    expect(same.code).toBe(1);
    expect(same.stderr).toMatch(/^error: out-dir .* is the same directory as work-dir /);
  });

  it.skipIf(cannotMount)('a read-only out-dir is refused before any stage runs: one line, exit 2', async () => {
    const out = mountTmpfs(path.join(root, 'ro-out'), 1, { readOnly: true });
    const work = path.join(root, 'ro', 'work');
    const r = await runCli(await bundleArgs(work, out), root);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(new RegExp(`^error: .*read-only.*${esc(out)}`));
    expect(r.stderr).not.toContain('== bundle');
    expect(existsSync(path.join(work, 'logs'))).toBe(false);
  });

  it('/dev/zero and a FIFO as --kernel-config are refused by name, at once', async () => {
    const out = path.join(root, 'cfg', 'out');
    const zero = await runCli(['build', '--kernel-config', '/dev/zero', '--out', out, '--work-dir', path.join(root, 'cfg', 'work')], root);
    expect(zero.code).toBe(1);
    expect(zero.stderr).toBe('error: kernel-config: /dev/zero is a character device, not a regular file; give a kernel config as a file\n');
    const fifo = path.join(root, 'cfg', 'fifo.config');
    mkdirSync(path.dirname(fifo), { recursive: true });
    execFileSync('mkfifo', [fifo]);
    const r = await runCli(['build', '--kernel-config', fifo, '--out', out, '--work-dir', path.join(root, 'cfg', 'work')], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: kernel-config: ${fifo} is a FIFO (named pipe), not a regular file; give a kernel config as a file\n`);
    expect(existsSync(path.join(root, 'cfg', 'work'))).toBe(false);
  });

  it('a work dir and out dir whose names try to run commands build the library and create no file', async () => {
    const base = path.join(root, `inj;touch PWNED1;x $(touch PWNED2) \`touch PWNED3\` 'q' "d" é`);
    const r = await runCli(await bundleArgs(path.join(base, 'w;touch PWNED4;x'), path.join(base, 'out $(touch PWNED5)')), root);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ library: path.join(base, 'out $(touch PWNED5)', 'libkrunfw.so.5.4.0') });
    const pwned = [root, process.cwd()].flatMap((d) => (readdirSync(d, { recursive: true }) as string[]).filter((f) => path.basename(f).startsWith('PWNED')));
    expect(pwned).toEqual([]);
  });
});
