// The patch stage against real GNU patch, with patches made by real diff.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, PatchError } from '../../src/errors.ts';
import { hunkHeaders, patchStage } from '../../src/pipeline/stages/patch.ts';
import { readSeries } from '../../src/request/series.ts';
import { stageContext } from '../support/context.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('patch');

const lines = (n: number, tag: string): string => Array.from({ length: n }, (_, i) => `${tag} line ${i + 1}`).join('\n') + '\n';

/** A small source tree: two files of 60 lines each. */
function makeTree(name: string): string {
  const tree = path.join(root, name);
  mkdirSync(path.join(tree, 'drivers'), { recursive: true });
  writeFileSync(path.join(tree, 'drivers/virtio.c'), lines(60, 'virtio'));
  writeFileSync(path.join(tree, 'Makefile'), lines(60, 'make'));
  return tree;
}

/** A real unified diff (a/ b/ prefixes) of `file` in `tree` after `edit`. */
function makePatch(tree: string, file: string, edit: (text: string) => string, out: string): string {
  const a = path.join(root, 'diff-a', file);
  const b = path.join(root, 'diff-b', file);
  mkdirSync(path.dirname(a), { recursive: true });
  mkdirSync(path.dirname(b), { recursive: true });
  const before = readFileSync(path.join(tree, file), 'utf8');
  writeFileSync(a, before);
  writeFileSync(b, edit(before));
  let diff = '';
  try {
    execFileSync('diff', ['-u', '--label', `a/${file}`, '--label', `b/${file}`, a, b], { encoding: 'utf8' });
  } catch (e) {
    diff = (e as { stdout: string }).stdout; // diff exits 1 when files differ
  }
  writeFileSync(out, `From: test\nSubject: [PATCH] edit ${file}\n\n---\n${diff}`);
  return out;
}

describe('patch stage', () => {
  it('applies a directory of patches in name order and records each', async () => {
    const tree = makeTree('good');
    const dir = path.join(root, 'good-patches');
    mkdirSync(dir);
    makePatch(tree, 'Makefile', (t) => t.replace('make line 3\n', 'make line 3 patched\n'), path.join(dir, '0001-make.patch'));
    makePatch(tree, 'drivers/virtio.c', (t) => t.replace('virtio line 40\n', 'virtio line 40 patched\n'), path.join(dir, '0002-virtio.patch'));
    const out = await patchStage.run({ tree, patches: readSeries(dir) }, stageContext(path.join(root, 'w-good')));
    expect(out.series.map((p) => p.name)).toEqual(['0001-make.patch', '0002-virtio.patch']);
    expect(out.series[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(path.join(tree, 'Makefile'), 'utf8')).toContain('make line 3 patched');
    expect(readFileSync(path.join(tree, 'drivers/virtio.c'), 'utf8')).toContain('virtio line 40 patched');
  });

  it('follows a series file, ignoring comments, and refuses a listed patch that is missing', async () => {
    const dir = path.join(root, 'series');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'b.patch'), '');
    writeFileSync(path.join(dir, 'a.patch'), '');
    writeFileSync(path.join(dir, 'series'), '# order matters\nb.patch\n\na.patch  # second\n');
    expect(readSeries(dir).map((p) => path.basename(p))).toEqual(['b.patch', 'a.patch']);
    writeFileSync(path.join(dir, 'series'), 'b.patch\nmissing.patch\n');
    expect(() => readSeries(dir)).toThrow(InputError);
    expect(() => readSeries(dir)).toThrow(/series:2: missing\.patch does not exist/);
  });

  it('names the patch, the file, each failed hunk and its line in the patch, and leaves the tree as it was', async () => {
    const tree = makeTree('fail');
    const dir = path.join(root, 'fail-patches');
    mkdirSync(dir);
    // Two hunks far apart: the first will still apply, the second will not.
    const p = makePatch(
      tree,
      'drivers/virtio.c',
      (t) => t.replace('virtio line 5\n', 'virtio line 5 changed\n').replace('virtio line 50\n', 'virtio line 50 changed\n'),
      path.join(dir, '0001-virtio.patch'),
    );
    // Make the tree disagree with hunk 2's context.
    const file = path.join(tree, 'drivers/virtio.c');
    const drifted = readFileSync(file, 'utf8').replace(/virtio line (4[7-9]|5[0-3])\n/g, 'something else $1\n');
    writeFileSync(file, drifted);
    const before = path.join(root, 'fail-before');
    cpSync(tree, before, { recursive: true });

    const err = await patchStage.run({ tree, patches: readSeries(dir) }, stageContext(path.join(root, 'w-fail'))).catch((e) => e);
    expect(err).toBeInstanceOf(PatchError);
    const pe = err as PatchError;
    expect(pe.patch).toBe(p);
    expect(pe.files).toHaveLength(1);
    expect(pe.files[0]!.file).toBe('drivers/virtio.c');
    expect(pe.files[0]!.hunks.map((h) => h.hunk)).toEqual([2]);
    const headers = hunkHeaders(readFileSync(p, 'utf8'));
    const hunk2Line = headers.find((h) => h.hunk === 2)!.line;
    expect(readFileSync(p, 'utf8').split('\n')[hunk2Line - 1]).toMatch(/^@@ /);
    expect(pe.files[0]!.hunks[0]!.patchLine).toBe(hunk2Line);
    expect(pe.message).toContain('0001-virtio.patch');
    expect(pe.message).toContain('drivers/virtio.c: hunk #2 FAILED');
    expect(pe.locations[0]).toMatchObject({ file: p, line: hunk2Line });
    // Dry run first: hunk 1 was not applied either.
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(path.join(before, 'drivers/virtio.c'), 'utf8'));
  });

  it('says when a patch targets a file the tree does not have, or was already applied', async () => {
    const tree = makeTree('missing');
    const dir = path.join(root, 'missing-patches');
    mkdirSync(dir);
    const other = makeTree('other');
    mkdirSync(path.join(other, 'fs'));
    writeFileSync(path.join(other, 'fs/ext9.c'), lines(10, 'ext9'));
    makePatch(other, 'fs/ext9.c', (t) => t.replace('ext9 line 2\n', 'ext9 line 2 x\n'), path.join(dir, '0001-ext9.patch'));
    const err = (await patchStage.run({ tree, patches: readSeries(dir) }, stageContext(path.join(root, 'w-m'))).catch((e) => e)) as PatchError;
    expect(err).toBeInstanceOf(PatchError);
    expect(err.files[0]).toMatchObject({ file: 'fs/ext9.c', reason: expect.stringMatching(/does not exist/) });

    const dir2 = path.join(root, 'twice');
    mkdirSync(dir2);
    const once = makePatch(tree, 'Makefile', (t) => t.replace('make line 9\n', 'make line 9 y\n'), path.join(dir2, '0001.patch'));
    cpSync(once, path.join(dir2, '0002-again.patch'));
    const err2 = (await patchStage.run({ tree, patches: readSeries(dir2) }, stageContext(path.join(root, 'w-t'))).catch((e) => e)) as PatchError;
    expect(err2).toBeInstanceOf(PatchError);
    expect(err2.patch).toMatch(/0002-again\.patch$/);
    expect(err2.files[0]).toMatchObject({ file: 'Makefile', reason: expect.stringMatching(/already applied/) });
  });

  it('refuses a hunk that would only apply with fuzz', async () => {
    const tree = makeTree('fuzz');
    const dir = path.join(root, 'fuzz-patches');
    mkdirSync(dir);
    // Context line 'garbage' is not in the file: patch's default fuzz would apply it anyway.
    writeFileSync(path.join(dir, '0001-fuzzy.patch'), '--- a/Makefile\n+++ b/Makefile\n@@ -1,3 +1,3 @@\n-make line 1\n+x\n garbage\n make line 3\n');
    const err = await patchStage.run({ tree, patches: readSeries(dir) }, stageContext(path.join(root, 'w-fuzz'))).catch((e) => e);
    expect(err).toBeInstanceOf(PatchError);
    expect((err as PatchError).files[0]).toMatchObject({ file: 'Makefile', hunks: [{ hunk: 1, patchLine: 3 }] });
    expect(readFileSync(path.join(tree, 'Makefile'), 'utf8')).toBe(lines(60, 'make'));
  });

  it('reports a malformed patch', async () => {
    const tree = makeTree('malformed');
    const dir = path.join(root, 'malformed-patches');
    mkdirSync(dir);
    writeFileSync(path.join(dir, '0001-bad.patch'), '--- a/Makefile\n+++ b/Makefile\n@@ -1,3 +1,3 @@\n-make line 1\n');
    const err = await patchStage.run({ tree, patches: readSeries(dir) }, stageContext(path.join(root, 'w-bad'))).catch((e) => e);
    expect(err).toBeInstanceOf(PatchError);
    expect((err as PatchError).message).toMatch(/0001-bad\.patch does not apply/);
    expect((err as PatchError).message).toMatch(/malformed|unexpected end/i);
  });
});
