// The next run's clean-up: an old tree is moved aside at once and deleted by a
// detached rm that goes on after the process that started it has exited, with
// a line saying so (instead of minutes of silence).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRASH_PREFIX } from '../../src/util/remove.ts';
import { startDriver } from './support/driver-process.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('cleanup');

describe('removeInBackground', () => {
  it('moves the tree aside at once, says so, and the deletion outlives the process that started it', async () => {
    const work = path.join(root, 'work');
    const tree = path.join(work, 'src');
    for (let d = 0; d < 40; d++) {
      mkdirSync(path.join(tree, `dir-${d}`), { recursive: true });
      for (let f = 0; f < 100; f++) writeFileSync(path.join(tree, `dir-${d}`, `file-${f}.c`), `int f${f};\n`);
    }
    // The driver in a process group of its own, as a job step is; the group is killed once it exited,
    // as a runner does at the end of a step: a deletion still in that group would die with it.
    const driver = await startDriver('remove-in-background', [tree], { spawn: { detached: true } });
    const r = await driver.done;
    expect(r.code, r.stderr).toBe(0);
    try {
      process.kill(-driver.child.pid!, 'SIGKILL');
    } catch {
      // nothing left in it: as it should be
    }
    const { pid, trash, said } = JSON.parse(r.stdout) as { pid: number; trash: string[]; said: string[] };
    // Gone from its place before the driver returned; the trash is beside it, on the same file system.
    expect(existsSync(tree)).toBe(false);
    expect(trash).toHaveLength(1);
    expect(path.dirname(trash[0]!)).toBe(work);
    expect(path.basename(trash[0]!).startsWith(`${TRASH_PREFIX}src-`)).toBe(true);
    expect(said).toEqual([`deleting ${tree} in the background (rm, pid ${pid}): the run goes on meanwhile`]);
    // The driver has exited; its rm finishes the job.
    const end = Date.now() + 60_000;
    while (readdirSync(work).length > 0 && Date.now() < end) await new Promise((res) => setTimeout(res, 100));
    expect(readdirSync(work)).toEqual([]);
  });
});
