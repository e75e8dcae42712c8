// Two runs, one directory: separate processes, as two jobs on one runner are.
// One holds the lock; the other refuses at once naming it. A holder stopped by
// SIGTERM lets go; one killed outright leaves a stale lock the next run takes
// over with a note.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../../src/util/lock.ts';
import { startDriver } from './support/driver-process.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('locks');

describe('a lock on a work dir, between processes', () => {
  it('two runs started together: one holds it, the other refuses at once naming the first', async () => {
    const dir = path.join(root, 'together');
    const [a, b] = await Promise.all([
      startDriver('lock', [dir, 'build x86_64 generic (a)', 'hold']),
      startDriver('lock', [dir, 'build x86_64 generic (b)', 'hold']),
    ]);
    // The loser exits; the winner holds on.
    const loser = await Promise.race([a.done.then(() => a), b.done.then(() => b)]);
    const winner = loser === a ? b : a;
    const held = JSON.parse(await winner.waitFor(/"locked"/)) as { pid: number };
    expect(held.pid).toBe(winner.child.pid);
    const r = await loser.done;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^error: ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by pid ${winner.child.pid} on ${os.hostname()} \\(build x86_64 generic \\([ab]\\), since [-0-9T:.]+Z\\); wait for that run to end, or give this run another directory\\.\\n$`,
      ),
    );
    expect(r.stdout).toBe('');

    // SIGTERM: the holder stops, says so, and its lock goes with it.
    winner.child.kill('SIGTERM');
    const w = await winner.done;
    expect(w.code).toBe(143);
    expect(w.stderr).toBe('error: interrupted by SIGTERM during lock: every child process was stopped and no output was kept.\n');
    expect(existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it('a holder killed outright (SIGKILL) leaves a stale lock; the next run takes it over with a note', async () => {
    const dir = path.join(root, 'killed');
    const first = await startDriver('lock', [dir, 'build (killed)', 'hold']);
    await first.waitFor(/"locked"/);
    first.child.kill('SIGKILL');
    await first.done;
    expect(existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(true);

    const next = await startDriver('lock', [dir, 'build (next)']);
    const r = await next.done;
    expect(r.code, r.stderr).toBe(0);
    const { notes } = JSON.parse(r.stdout.split('\n')[0]!) as { notes: string[] };
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(
      new RegExp(`^took over the lock on .*: pid ${first.child.pid} on ${os.hostname()} \\(build \\(killed\\), since .*\\) is no longer running$`),
    );
  });
});
