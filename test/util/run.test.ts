// run(): real processes. A stopped run leaves no process of its group alive,
// a child that ignores SIGTERM is killed anyway, a grandchild that keeps the
// pipes open does not hang us, and a fatal line stops the child at once.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultError, InfrastructureError, InterruptedError, ToolMissingError } from '../../src/errors.ts';
import { interrupt, resetInterrupt } from '../../src/util/interrupt.ts';
import { run, runChecked } from '../../src/util/run.ts';
import { faultInLine } from '../../src/util/faults.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('run');
let n = 0;
const scratch = (): string => path.join(root, `case-${++n}`);

/** Whether a process is gone (or a zombie waiting to be reaped by init: as good as gone). */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  const stat = (() => {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return '';
    }
  })();
  return stat === '' || stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Pids a shell wrote to `file`, one a line, once it wrote `count`. */
async function pids(file: string, count: number): Promise<number[]> {
  await until(() => existsSync(file) && readFileSync(file, 'utf8').trim().split('\n').length >= count);
  return readFileSync(file, 'utf8').trim().split('\n').map(Number);
}

afterEach(() => resetInterrupt());

describe('run', () => {
  it('logs every line, keeps the tail, and strips the final newline of stdout', async () => {
    const dir = scratch();
    const logFile = path.join(dir, 'log');
    const r = await run('sh', ['-c', 'echo one; echo two >&2; printf "three\\n"; exit 3'], { logFile, tail: 2 });
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe('one\nthree');
    expect(r.tail).toHaveLength(2);
    expect(readFileSync(logFile, 'utf8').split('\n').sort()).toEqual(['', 'one', 'three', 'two']);
  });

  it('keeps multi-byte characters split across chunks whole', async () => {
    const r = await run('sh', ['-c', 'printf "\\303"; sleep 0.2; printf "\\251t\\303\\251\\n"']);
    expect(r.stdout).toBe('été');
  });

  it('names a program that is not installed', async () => {
    await expect(run('no-such-program-here', [])).rejects.toBeInstanceOf(ToolMissingError);
  });

  it('reports a child killed by a signal as 128 + its number', async () => {
    const r = await run('sh', ['-c', 'kill -KILL $$']);
    expect(r.signal).toBe('SIGKILL');
    expect(r.exitCode).toBe(137);
  });

  it('stopped by its signal: every process of the group is gone and the reason is thrown', async () => {
    const dir = scratch();
    const file = path.join(dir, 'pids');
    await run('mkdir', ['-p', dir]);
    const stop = new AbortController();
    const started = Date.now();
    const running = run('sh', ['-c', `sleep 300 & echo $! > '${file}'; sh -c 'sleep 300 & echo $! >> "$1"; wait' sh '${file}' & echo $$ >> '${file}'; wait`], {
      signal: stop.signal,
    });
    const all = await pids(file, 3);
    const reason = new InfrastructureError('stopped by the test');
    stop.abort(reason);
    await expect(running).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(30_000);
    await until(() => all.every(gone));
  });

  it('kills a child that ignores SIGTERM, after a grace period', async () => {
    const dir = scratch();
    const file = path.join(dir, 'pids');
    await run('mkdir', ['-p', dir]);
    const stop = new AbortController();
    const running = run('sh', ['-c', `trap '' TERM; echo $$ > '${file}'; while :; do sleep 1; done`], { signal: stop.signal });
    const [pid] = await pids(file, 1);
    stop.abort(new InfrastructureError('stop'));
    await expect(running).rejects.toThrow('stop');
    await until(() => gone(pid!));
  });

  it('does not hang on a grandchild that left the group and holds the pipes open', async () => {
    const dir = scratch();
    const file = path.join(dir, 'pids');
    await run('mkdir', ['-p', dir]);
    const r = await run('sh', ['-c', `setsid sleep 300 & echo $! > '${file}'; echo done`]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('done');
    const [escaped] = await pids(file, 1);
    process.kill(escaped!, 'SIGKILL');
  });

  it('stops at the first fatal line, with the fault named', async () => {
    const dir = scratch();
    const file = path.join(dir, 'pids');
    await run('mkdir', ['-p', dir]);
    const r = await run('sh', ['-c', `echo $$ > '${file}'; echo 'tar: linux/a.c: Cannot write: No space left on device' >&2; sleep 300; echo never`], {
      stopOn: (line) => faultInLine(line) !== undefined,
    });
    expect(r.stoppedOn).toContain('No space left on device');
    expect(r.fault).toEqual({ code: 'ENOSPC', line: 'tar: linux/a.c: Cannot write: No space left on device' });
    expect(r.exitCode).toBe(143);
    expect(r.tail).not.toContain('never');
    const [pid] = await pids(file, 1);
    await until(() => gone(pid!));
  });

  it('an interrupt (SIGTERM) stops the child and throws InterruptedError with exit code 143', async () => {
    const running = run('sleep', ['300']);
    setTimeout(() => interrupt('SIGTERM'), 200);
    const error = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as InterruptedError).exitCode).toBe(143);
    expect((error as InterruptedError).during('compile').message).toBe(
      'interrupted by SIGTERM during compile: every child process was stopped and no output was kept.',
    );
    // A run started after the interrupt does not start at all.
    await expect(run('true', [])).rejects.toBeInstanceOf(InterruptedError);
  });

  it('runChecked turns a reported fault into one FaultError line naming the place', async () => {
    const error = await runChecked('sh', ['-c', 'echo "cp: error writing \'/w/out/lib.so\': No space left on device" >&2; exit 1'], {
      place: { doing: 'copying the library to', path: '/w/out', tool: 'cp', logFile: '/w/logs/package.log' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaultError);
    expect((error as FaultError).code).toBe('ENOSPC');
    expect((error as FaultError).message).toBe(
      'no space left on device (ENOSPC) while copying the library to /w/out: cp reported it for /w/out/lib.so; ' +
        "free space on that file system or choose a directory on another (cp's output: /w/logs/package.log)",
    );
    expect((error as FaultError).message).not.toContain('\n');
  });
});
