// trySeries against real GNU patch, on files of Debian's 6.12 source, with patches
// made by diff -u in the test: every verdict, and a series going on past a failure.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { failedHunkLines } from '../../src/check/describe.ts';
import { parseDiff } from '../../src/check/diff.ts';
import { revertApplied, trySeries } from '../../src/check/patch-trial.ts';
import { hunkHeaders } from '../../src/pipeline/stages/patch.ts';
import { tempDir } from '../support/tmp.ts';
import { diffOf, extractKernelFiles, lineAt, withLines, writePatch } from './helpers.ts';

const root = tempDir('patch-trial');
let tree: string;
const FILES = [
  'drivers/virtio/virtio_input.c',
  'drivers/virtio/virtio_balloon.c',
  'drivers/virtio/virtio_mmio.c',
  'drivers/virtio/virtio_pci_common.c',
  'drivers/virtio/virtio_ring.c',
  'drivers/virtio/virtio_vdpa.c',
  'drivers/virtio/virtio_mem.c',
  'drivers/virtio/virtio.c',
  'drivers/virtio/virtio_debug.c',
  'drivers/virtio/virtio_dma_buf.c',
];

const src = (file: string): string => readFileSync(path.join(tree, file), 'utf8');
const tag = (file: string, n: number, what: string): string => `${lineAt(path.join(tree, file), n)} /* ${what} */`;

beforeAll(() => {
  tree = extractKernelFiles(root, FILES);
}, 600_000);

describe('trySeries', () => {
  it('applies a clean patch and tells a moved one by how far, from patch itself', async () => {
    const clean = writePatch(path.join(root, 'p1', '0001-clean.patch'), 'clean', [
      diffOf(tree, FILES[0]!, withLines(src(FILES[0]!), { 30: tag(FILES[0]!, 30, 'clean') }), path.join(root, 'p1')),
    ]);
    const movedPatch = writePatch(path.join(root, 'p1', '0002-moved.patch'), 'moved', [
      diffOf(tree, FILES[1]!, withLines(src(FILES[1]!), { 100: tag(FILES[1]!, 100, 'moved'), 900: tag(FILES[1]!, 900, 'moved') }), path.join(root, 'p1b')),
    ]);
    // The kernel gained three lines above both hunks since the patch was made.
    writeFileSync(path.join(tree, FILES[1]!), `// one\n// two\n// three\n${src(FILES[1]!)}`);

    const [a, b] = await trySeries(tree, [clean, movedPatch]);
    expect(a).toMatchObject({ result: 'applies', applied: true, moved: [], failed: [], triedWithout: [] });
    expect(src(FILES[0]!)).toContain('/* clean */');
    const headers = hunkHeaders(readFileSync(movedPatch, 'utf8'));
    expect(b).toMatchObject({
      result: 'offset',
      applied: true,
      moved: [
        { file: FILES[1], hunk: 1, offset: 3, patchLine: headers[0]!.line, line: 97 + 3 },
        { file: FILES[1], hunk: 2, offset: 3, patchLine: headers[1]!.line, line: 897 + 3 },
      ],
    });
    expect(lineAt(path.join(tree, FILES[1]!), 103)).toMatch(/\/\* moved \*\/$/);
  });

  it('finds a patch already in this kernel (it reverse-applies) and leaves the tree alone', async () => {
    const file = FILES[2]!;
    const after = withLines(src(file), { 50: tag(file, 50, 'upstream'), 400: tag(file, 400, 'upstream') });
    const p = writePatch(path.join(root, 'p2', '0001-upstreamed.patch'), 'upstreamed', [diffOf(tree, file, after, path.join(root, 'p2'))]);
    writeFileSync(path.join(tree, file), after); // the new kernel has it
    const [v] = await trySeries(tree, [p]);
    expect(v).toMatchObject({ result: 'already-in', applied: false, failed: [] });
    expect(v!.inKernel.map((h) => h.hunk)).toEqual([1, 2]);
    expect(src(file)).toBe(after);
  });

  it('finds a patch partly in this kernel: which hunks are in, which apply, which fail', async () => {
    const file = FILES[3]!;
    const before = src(file);
    const p = writePatch(path.join(root, 'p3', '0001-partly.patch'), 'partly', [
      diffOf(tree, file, withLines(before, { 60: tag(file, 60, 'a'), 300: tag(file, 300, 'b'), 600: tag(file, 600, 'c') }), path.join(root, 'p3')),
    ]);
    // Hunk 1 went upstream; hunk 3's context changed; hunk 2 would still apply.
    writeFileSync(path.join(tree, file), withLines(before, { 60: tag(file, 60, 'a'), 599: '/* reworked upstream */' }));
    const [v] = await trySeries(tree, [p]);
    const headers = hunkHeaders(readFileSync(p, 'utf8'));
    expect(v!.result).toBe('partly-in');
    expect(v!.inKernel).toEqual([{ file, hunk: 1, patchLine: headers[0]!.line }]);
    expect(v!.failed).toHaveLength(1);
    expect(v!.failed[0]!.hunks.map((h) => h.hunk)).toEqual([3]);
    expect(v!.applied).toBe(false);
    // Nothing of it went in: not even the hunk that would apply.
    expect(src(file)).not.toContain('/* b */');
  });

  it('tries every patch after one that fails, marks them as tried without it, and names the one a later patch needs', async () => {
    const f1 = FILES[4]!;
    const f2 = FILES[5]!;
    const dir = path.join(root, 'p4');
    const base = src(f1);
    const first = withLines(base, { 1000: tag(f1, 1000, 'first') });
    const p1 = writePatch(path.join(dir, '0001-first.patch'), 'first', [diffOf(tree, f1, first, path.join(dir, 'd1'))]);
    // The second patch was made on top of the first and touches the line next to it.
    writeFileSync(path.join(root, 'first-applied.c'), first);
    const secondText = withLines(first, { 1001: `${lineAt(path.join(root, 'first-applied.c'), 1001)} /* second */` });
    const p2Diff = (() => {
      writeFileSync(path.join(tree, f1), first);
      const d = diffOf(tree, f1, secondText, path.join(dir, 'd2'));
      writeFileSync(path.join(tree, f1), base);
      return d;
    })();
    const p2 = writePatch(path.join(dir, '0002-second.patch'), 'second', [p2Diff]);
    const p3 = writePatch(path.join(dir, '0003-unrelated.patch'), 'unrelated', [
      diffOf(tree, f2, withLines(src(f2), { 40: tag(f2, 40, 'third') }), path.join(dir, 'd3')),
    ]);
    // Upstream rewrote the lines around the first patch's hunk.
    const drifted = withLines(base, { 998: '\t/* rewritten upstream */' });
    writeFileSync(path.join(tree, f1), drifted);

    const verdicts = await trySeries(tree, [p1, p2, p3]);
    expect(verdicts.map((v) => v.result)).toEqual(['fails', 'fails', 'applies']);
    expect(verdicts.map((v) => v.triedWithout)).toEqual([[], ['0001-first.patch'], ['0001-first.patch', '0002-second.patch']]);
    expect(verdicts.map((v) => v.likelyNeeds)).toEqual([[], ['0001-first.patch'], []]);

    // The failed hunk as PatchError names it: file, hunk, line tried, line of the patch;
    // then where its text is now, and the expected line against the one found.
    const h = verdicts[0]!.failed[0]!.hunks[0]!;
    const header = hunkHeaders(readFileSync(p1, 'utf8'))[0]!;
    const hunk = parseDiff(readFileSync(p1, 'utf8'))[0]!.hunks[0]!;
    expect(h).toMatchObject({ file: f1, hunk: 1, patchLine: header.line, triedAt: hunk.oldStart });
    expect(h.nearest).toMatchObject({ line: hunk.oldStart, of: 7, matching: 6, found: { line: 998, text: '\t/* rewritten upstream */' } });
    expect(h.nearest!.expected!.text).toBe(base.split('\n')[997]);
    expect(readFileSync(p1, 'utf8').split('\n')[h.nearest!.expected!.patchLine - 1]).toBe(` ${base.split('\n')[997]}`);
    const lines = failedHunkLines(verdicts[0]!);
    expect(lines[0]).toBe(`${f1}: hunk #1 FAILED at line ${hunk.oldStart} of ${f1} (line ${header.line} of the patch)`);
    expect(lines.join('\n')).toContain('found (line 998): /* rewritten upstream */');
    // Dry run first: the failing patches left the file as it was; the third applied.
    expect(src(f1)).toBe(drifted);
    expect(src(f2)).toContain('/* third */');

    await revertApplied(tree, verdicts);
    expect(src(f2)).not.toContain('/* third */');
  });

  it('never fuzzes: a hunk that GNU patch would apply with fuzz 1 fails', async () => {
    const file = FILES[6]!;
    const base = src(file);
    const p = writePatch(path.join(root, 'p5', '0001-fuzzy.patch'), 'fuzzy', [
      diffOf(tree, file, withLines(base, { 500: tag(file, 500, 'x') }), path.join(root, 'p5')),
    ]);
    writeFileSync(path.join(tree, file), withLines(base, { 497: '/* the first context line changed */' }));
    // The oracle: patch's default fuzz takes it.
    const fuzzy = spawnSync('patch', ['--dry-run', '-p1', '-d', tree, '-i', p], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    expect(fuzzy.status).toBe(0);
    expect(fuzzy.stdout).toMatch(/with fuzz 1/);
    const [v] = await trySeries(tree, [p]);
    expect(v).toMatchObject({ result: 'fails', applied: false });
    expect(v!.failed[0]!.hunks[0]!.nearest).toMatchObject({ found: { line: 497, text: '/* the first context line changed */' } });
  });

  it('says when a file is missing, and when patch cannot read a patch at all', async () => {
    const dir = path.join(root, 'p6');
    const missing = writePatch(path.join(dir, '0001-missing.patch'), 'missing', [
      diffOf(tree, FILES[7]!, withLines(src(FILES[7]!), { 20: tag(FILES[7]!, 20, 'm') }), path.join(dir, 'd')).replace(/virtio\.c/g, 'virtio_gone.c'),
    ]);
    const malformed = path.join(dir, '0002-malformed.patch');
    writeFileSync(malformed, `--- a/${FILES[8]}\n+++ b/${FILES[8]}\n@@ -1,3 +1,3 @@\n-x\n`);
    const [m, bad] = await trySeries(tree, [missing, malformed]);
    expect(m).toMatchObject({
      result: 'fails',
      failed: [{ file: 'drivers/virtio/virtio_gone.c', reason: 'the file does not exist in the kernel tree', hunks: [] }],
    });
    expect(bad!.result).toBe('fails');
    expect(bad!.fatal).toMatch(/malformed|unexpected end/i);
  });

  it('reads each file and hunk of a patch made by git the way patch -p1 does', () => {
    // A real git-format patch of two files, as hunkHeaders (the patch stage) reads it.
    const dir = path.join(root, 'p7');
    const p = writePatch(path.join(dir, '0001-two.patch'), 'two', [
      diffOf(tree, FILES[9]!, withLines(src(FILES[9]!), { 10: 'a', 60: 'b' }), path.join(dir, 'd1')),
      diffOf(tree, FILES[0]!, withLines(src(FILES[0]!), { 200: 'c' }), path.join(dir, 'd2')),
    ]);
    const text = readFileSync(p, 'utf8');
    const files = parseDiff(text);
    expect(files.flatMap((f) => f.hunks.map((h) => ({ file: f.path, hunk: h.number, line: h.headerLine })))).toEqual(hunkHeaders(text));
    // The mail signature after the last hunk is not a removed line.
    expect(files[1]!.hunks[0]!.lines.at(-1)!.kind).toBe(' ');
    execFileSync('patch', ['--dry-run', '-p1', '-d', tree, '-i', p]);
  });
});
