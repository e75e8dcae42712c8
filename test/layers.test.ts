// The kernel layer is a list in vitest.config.ts; a kernel test left off it would
// run in the parallel unit layer and fight the others for the cores.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERNEL_LAYER } from '../vitest.config.ts';

const root = path.resolve(import.meta.dirname, '..');

function testFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return testFiles(rel);
    return e.name.endsWith('.test.ts') ? [rel] : [];
  });
}

describe('test layers', () => {
  it("puts every file that uses Debian's kernel source in the kernel layer", () => {
    const kernel = testFiles('test').filter((f) => /kernel-source\.ts'/.test(readFileSync(path.join(root, f), 'utf8')));
    expect(kernel.filter((f) => !KERNEL_LAYER.includes(f))).toEqual([]);
  });

  it('lists only files that exist', () => {
    const all = testFiles('test');
    expect(KERNEL_LAYER.filter((f) => !all.includes(f))).toEqual([]);
  });
});
