// The tree cache on small trees: GNU patch reverses what the last run applied,
// make runs mrproper for another arch, and anything that does not match exactly
// is dropped so the build extracts afresh.
import { execFileSync, spawn } from 'node:child_process';
import os from 'node:os';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TREES_KEPT, TreeCache } from '../../src/cache/tree-cache.ts';
import { MemoryLog } from '../../src/platform/types.ts';
import { LOCK_FILE_NAME } from '../../src/util/lock.ts';
import { TRASH_PREFIX } from '../../src/util/remove.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('tree-cache');
const SHA = 'ab'.repeat(32);

/** A tree with a Makefile whose mrproper removes what a "build" left, and a patch made by diff. */
function setup(name: string): { dir: string; srcDir: string; tree: string; patch: string; cache: TreeCache; log: MemoryLog } {
  const dir = path.join(root, name);
  const srcDir = path.join(dir, 'work', 'src');
  const tree = path.join(srcDir, 'linux-x');
  mkdirSync(tree, { recursive: true });
  writeFileSync(path.join(tree, 'Makefile'), 'mrproper:\n\trm -f built.o\n');
  writeFileSync(path.join(tree, 'main.c'), 'int main(void) { return 0; }\n');
  const a = path.join(dir, 'a');
  const b = path.join(dir, 'b');
  mkdirSync(a);
  mkdirSync(b);
  writeFileSync(path.join(a, 'main.c'), 'int main(void) { return 0; }\n');
  writeFileSync(path.join(b, 'main.c'), 'int main(void) { return 1; }\n');
  const patch = path.join(dir, '0001-return-1.patch');
  try {
    execFileSync('diff', ['-u', '--label', 'a/main.c', '--label', 'b/main.c', path.join(a, 'main.c'), path.join(b, 'main.c')]);
  } catch (e) {
    writeFileSync(patch, (e as { stdout: Buffer }).stdout);
  }
  const log = new MemoryLog();
  return { dir, srcDir, tree, patch, cache: new TreeCache(path.join(dir, 'cache', 'trees'), log), log };
}

/** What a successful build leaves: the patch applied and an object. */
function build(t: ReturnType<typeof setup>): void {
  execFileSync('patch', ['-p1', '-d', t.tree, '-i', t.patch, '--silent']);
  writeFileSync(path.join(t.tree, 'built.o'), 'object');
}

describe('tree cache', () => {
  it('gives back a built tree and takes it again with its patches reversed and its objects kept', async () => {
    const t = setup('round-trip');
    build(t);
    expect(t.cache.give({ tarballSha256: SHA, arch: 'x86_64', srcDir: t.srcDir, root: 'linux-x', applied: [t.patch] })).toBe(true);
    expect(existsSync(t.tree)).toBe(false);
    const taken = await t.cache.take(SHA, 'x86_64', t.srcDir, path.join(t.dir, 'scratch'));
    expect(taken).toEqual({ tree: t.tree, reversed: 1, cleanedArch: undefined });
    expect(readFileSync(path.join(t.tree, 'main.c'), 'utf8')).toBe('int main(void) { return 0; }\n');
    expect(existsSync(path.join(t.tree, 'built.o'))).toBe(true);
    // Taken means gone from the cache: a second run cannot share it.
    expect(await t.cache.take(SHA, 'x86_64', t.srcDir, path.join(t.dir, 'scratch2'))).toBeUndefined();
  });

  it('cleans a tree built for another architecture with make mrproper', async () => {
    const t = setup('other-arch');
    build(t);
    t.cache.give({ tarballSha256: SHA, arch: 'aarch64', srcDir: t.srcDir, root: 'linux-x', applied: [t.patch] });
    const taken = await t.cache.take(SHA, 'riscv64', t.srcDir, path.join(t.dir, 'scratch'));
    expect(taken?.cleanedArch).toBe('aarch64');
    expect(existsSync(path.join(t.tree, 'built.o'))).toBe(false);
    expect(readFileSync(path.join(t.tree, 'main.c'), 'utf8')).toBe('int main(void) { return 0; }\n');
  });

  type Change = { sha?: string; srcDir?: string; breakTree?: boolean };
  it.each<[string, Change, RegExp | undefined]>([
    ['another tarball', { sha: 'cd'.repeat(32) }, undefined],
    ['another work dir', { srcDir: 'elsewhere' }, /it was built in .*, not .*elsewhere/],
    ['a patch that no longer reverses', { breakTree: true }, /reversing 0001-0001-return-1\.patch failed/],
  ])('is not reused for %s, and leaves nothing half-done', async (name, change, why) => {
    const t = setup(`refuse-${name.replace(/\W+/g, '-')}`);
    build(t);
    t.cache.give({ tarballSha256: SHA, arch: 'x86_64', srcDir: t.srcDir, root: 'linux-x', applied: [t.patch] });
    if (change.breakTree) {
      // Someone edited the cached tree: the recorded patch no longer reverses.
      const entry = path.join(t.dir, 'cache', 'trees', readdirSync(path.join(t.dir, 'cache', 'trees'))[0]!);
      writeFileSync(path.join(entry, 'src', 'linux-x', 'main.c'), 'something else\n');
    }
    const srcDir = change.srcDir ? path.join(t.dir, change.srcDir) : t.srcDir;
    expect(await t.cache.take(change.sha ?? SHA, 'x86_64', srcDir, path.join(t.dir, 'scratch'))).toBeUndefined();
    if (why) {
      expect(t.log.lines.some((l) => why.test(l.message))).toBe(true);
      // Dropped: the cache no longer holds it, and no half-reversed tree is left.
      expect(readdirSync(path.join(t.dir, 'cache', 'trees'))).toEqual([]);
      expect(existsSync(path.join(srcDir, 'linux-x'))).toBe(false);
    }
  });

  it(`keeps the newest ${TREES_KEPT} trees`, async () => {
    const t = setup('prune');
    const shas = ['01', '02', '03'].map((b) => b.repeat(32));
    for (const sha of shas) {
      mkdirSync(t.tree, { recursive: true });
      writeFileSync(path.join(t.tree, 'Makefile'), 'mrproper:\n');
      t.cache.give({ tarballSha256: sha, arch: 'x86_64', srcDir: t.srcDir, root: 'linux-x', applied: [] });
      await new Promise((r) => setTimeout(r, 20));
    }
    // Pruned trees are renamed aside and deleted in the background: only what is not trash counts.
    const kept = readdirSync(path.join(t.dir, 'cache', 'trees'))
      .filter((n) => !n.startsWith(TRASH_PREFIX))
      .sort();
    expect(kept).toEqual(shas.slice(1).map((s) => s.slice(0, 32)));
  });

  it('waits for another run holding the cache, then leaves the entry where it is and says why', async () => {
    const t = setup('busy');
    build(t);
    expect(t.cache.give({ tarballSha256: SHA, arch: 'x86_64', srcDir: t.srcDir, root: 'linux-x', applied: [t.patch] })).toBe(true);
    // Another live process holds the cache's lock (a sleeper standing in for a run in the middle of its renames).
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    const trees = path.join(t.dir, 'cache', 'trees');
    writeFileSync(
      path.join(trees, LOCK_FILE_NAME),
      JSON.stringify({ pid: sleeper.pid, host: os.hostname(), started: '2026-01-01T00:00:00.000Z', purpose: 'keeping a tree', token: 'other' }),
    );
    try {
      const impatient = new TreeCache(trees, t.log, 200);
      expect(await impatient.take(SHA, 'x86_64', t.srcDir, path.join(t.dir, 'scratch'))).toBeUndefined();
      expect(t.log.text()).toContain(`tree cache: the tree cache ${trees} is in use by pid ${sleeper.pid}`);
      // Not taken: the entry is still there for the next run.
      expect(readdirSync(trees).filter((n) => n !== LOCK_FILE_NAME)).toEqual([SHA.slice(0, 32)]);
    } finally {
      sleeper.kill('SIGKILL');
    }
    // Once the holder is gone its lock is stale: taken over, and the tree is taken.
    await new Promise((r) => sleeper.once('exit', r));
    expect(await t.cache.take(SHA, 'x86_64', t.srcDir, path.join(t.dir, 'scratch'))).toMatchObject({ tree: t.tree, reversed: 1 });
    expect(t.log.text()).toContain('took over the lock on the tree cache');
  });
});
