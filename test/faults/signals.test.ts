// SIGTERM and SIGINT during a long child: a real make -j3 whose recipes each
// start a sleep. The run says which stage was stopped, exits 143 or 130, and
// no process of the tree is left.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDriver } from './support/driver-process.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('signals');

function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  // A zombie waiting for init to reap it is as good as gone.
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return stat === '' || stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}

async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each([
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const)('%s during a make tree', (signal, code) => {
  it(`stops make and every process under it, names the stage, exits ${code}`, async () => {
    const dir = path.join(root, signal);
    const pidFile = path.join(dir, 'pids');
    const driver = await startDriver('process-tree', [dir, pidFile]);
    await driver.waitFor(/^started$/);
    // Three recipe shells and their three sleeps.
    await until(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim().split('\n').length >= 6, 'the tree to start');
    const pids = readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
    // make is the recipe shells' parent.
    const make = Number(readFileSync(`/proc/${pids[0]}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
    expect(readFileSync(`/proc/${make}/cmdline`, 'utf8').split('\0')[0]).toBe('make');

    driver.child.kill(signal);
    const r = await driver.done;
    expect(r.stderr).toBe(`error: interrupted by ${signal} during process-tree: every child process was stopped and no output was kept.\n`);
    expect(r.code).toBe(code);
    await until(() => [make, ...pids].every(gone), 'every process of the tree to be gone');
  });
});
