// Directory checks made before any work: nesting (symlinks seen through), a
// file in the way, writability and free space.
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { checkOutDir, checkRelation, checkWritableDir, freeSpace, isWithin, makeDirs } from '../../src/util/dir-checks.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('dir-checks');
const p = (...parts: string[]): string => path.join(root, ...parts);

describe('checkRelation', () => {
  it.each([
    [
      'out-dir inside work-dir',
      { outDir: p('w', 'out'), workDir: p('w') },
      `out-dir ${p('w', 'out')} is inside work-dir ${p('w')}: the work dir is emptied after the run, and the library would go with it; choose an out-dir outside it`,
    ],
    [
      'out-dir equal to work-dir',
      { outDir: p('w'), workDir: p('w') },
      `out-dir ${p('w')} is the same directory as work-dir ${p('w')}: the work dir is emptied after the run, and the library would go with it; choose an out-dir outside it`,
    ],
    [
      'work-dir inside out-dir',
      { outDir: p('o'), workDir: p('o', 'work') },
      `work-dir ${p('o', 'work')} is inside out-dir ${p('o')}: out-dir would hold the work-dir's files; choose directories that do not nest`,
    ],
    [
      'cache-dir inside work-dir',
      { outDir: p('o2'), workDir: p('w2'), cacheDir: p('w2', 'cache') },
      `cache-dir ${p('w2', 'cache')} is inside work-dir ${p('w2')}: the work dir is emptied before and after each run, and the caches would go with it; choose an cache-dir outside it`,
    ],
    [
      'out-dir inside cache-dir',
      { outDir: p('c', 'out'), workDir: p('w3'), cacheDir: p('c') },
      `out-dir ${p('c', 'out')} is inside cache-dir ${p('c')}: cache entries are replaced and pruned, and the library could go with them; choose an out-dir outside it`,
    ],
  ])('refuses %s', (_name, dirs, message) => {
    expect(() => checkRelation(dirs)).toThrow(new InputError(message));
  });

  it('accepts siblings, and a name that only starts like the other', () => {
    expect(() => checkRelation({ outDir: p('work-out'), workDir: p('work'), cacheDir: p('cache') })).not.toThrow();
  });

  it('sees through a symlink to the same place', () => {
    mkdirSync(p('real-work'), { recursive: true });
    symlinkSync(p('real-work'), p('link-to-work'));
    expect(isWithin(p('link-to-work', 'out'), p('real-work'))).toBe(true);
    expect(() => checkRelation({ outDir: p('link-to-work', 'out'), workDir: p('real-work') })).toThrow(/is inside work-dir/);
  });
});

describe('checkOutDir', () => {
  it('makes a missing out-dir and proves it writable, leaving nothing of the probe', () => {
    checkOutDir(p('new', 'out'), { workDir: p('new', 'work') });
    expect(readdirSync(p('new', 'out'))).toEqual([]);
  });

  it("refuses a file in the way, as the caller's choice (exit 1)", () => {
    writeFileSync(p('a-file'), 'x');
    expect(() => checkWritableDir(p('a-file'), 'out-dir')).toThrow(new InputError(`out-dir ${p('a-file')} exists and is not a directory`));
    expect(() => checkWritableDir(p('a-file', 'out'), 'out-dir')).toThrow(new InputError(`out-dir ${p('a-file', 'out')}: ${p('a-file')} is not a directory`));
  });
});

describe('makeDirs and freeSpace', () => {
  it('makes the missing levels and says which', () => {
    mkdirSync(p('md'), { recursive: true });
    expect(makeDirs(p('md', 'a', 'b'))).toEqual([p('md', 'a'), p('md', 'a', 'b')]);
    expect(makeDirs(p('md', 'a', 'b'))).toEqual([]);
  });

  it('measures a directory that does not exist yet on the file system it would be on', () => {
    const free = freeSpace(p('not', 'yet'));
    expect(free.measuredAt).toBe(root);
    expect(free.available).toBeGreaterThan(0);
    expect(free.total).toBeGreaterThanOrEqual(free.available);
  });
});
