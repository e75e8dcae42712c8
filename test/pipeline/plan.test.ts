// The route runner's cache levels, on stand-in stages: what a level keeps, and when.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cached, runRoute, Runtime, step, type CacheLevel } from '../../src/pipeline/plan.ts';
import type { BuildState } from '../../src/pipeline/state.ts';
import type { Stage } from '../../src/pipeline/stage.ts';
import { testPlatform } from '../support/context.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('plan');

const extractStage: Stage<void, { tree: string }> = { name: 'extract', title: 'extract', run: async () => ({ tree: 'extracted-tree' }) };
const patchStage: Stage<void, { series: { path: string }[] }> = { name: 'patch', title: 'patch', run: async () => ({ series: [{ path: 'p/0001.patch' }] }) };

/** A tree-like level: a hit provides `extracted`, and it keeps what the later patch step applied. */
function treeLike(hit: boolean): CacheLevel {
  return {
    name: 'tree',
    kind: 'provides',
    keepsAfterRoute: true,
    off: () => undefined,
    restore: async () => ({
      fills: hit ? ({ extracted: { tree: 'cached-tree' } } as Partial<BuildState>) : {},
      hit,
      report: { level: 'tree', state: hit ? 'hit' : 'miss' },
    }),
    keep: (s) => ({ level: 'tree', key: 'tree', paths: [s.extracted!.tree], tree: { applied: s.patched!.series.map((p) => p.path) } as never }),
  };
}

function route(level: CacheLevel) {
  const extract = step(extractStage, { needs: [], produces: ['extracted'], input: () => undefined, output: (o) => ({ extracted: o as never }) });
  const patch = step(patchStage, { needs: ['extracted'], produces: ['patched'], input: () => undefined, output: (o) => ({ patched: o as never }) });
  return [cached(level, extract), patch];
}

describe('a level that keeps after the route (the tree cache)', () => {
  it.each([true, false])('keeps, hit %s, once the route passed, with what the later steps did', async (hit) => {
    const rt = new Runtime(testPlatform(root), path.join(root, `w-${hit}`), undefined);
    await runRoute(route(treeLike(hit)), {} as BuildState, rt);
    // A hit moved the tree out of the cache: it must go back, or the next run extracts afresh.
    expect(rt.pending).toEqual([{ level: 'tree', key: 'tree', paths: [hit ? 'cached-tree' : 'extracted-tree'], tree: { applied: ['p/0001.patch'] } }]);
  });

  it('keeps nothing when a later step fails', async () => {
    const failing: Stage<void, never> = { name: 'patch', title: 'patch', run: async () => Promise.reject(new Error('patch failed')) };
    const rt = new Runtime(testPlatform(root), path.join(root, 'w-fail'), undefined);
    const extract = step(extractStage, { needs: [], produces: ['extracted'], input: () => undefined, output: (o) => ({ extracted: o as never }) });
    const patch = step(failing, { needs: ['extracted'], produces: ['patched'], input: () => undefined, output: (o) => ({ patched: o }) });
    await expect(runRoute([cached(treeLike(true), extract), patch], {} as BuildState, rt)).rejects.toThrow('patch failed');
    expect(rt.pending).toEqual([]);
  });
});

describe('the time a level that keeps after the route is given', () => {
  it.each([true, false])('is what its steps took on a miss, 0 on a hit (hit %s)', async (hit) => {
    const took: number[] = [];
    const level: CacheLevel = { ...treeLike(hit), keep: (_s, _rt, ms) => (took.push(ms), undefined) };
    const slow: Stage<void, { tree: string }> = { name: 'extract', title: 'extract', run: () => new Promise((r) => setTimeout(() => r({ tree: 't' }), 30)) };
    const extract = step(slow, { needs: [], produces: ['extracted'], input: () => undefined, output: (o) => ({ extracted: o as never }) });
    await runRoute([cached(level, extract)], {} as BuildState, new Runtime(testPlatform(root), path.join(root, `t-${hit}`), undefined));
    expect(took).toHaveLength(1);
    if (hit) expect(took[0]).toBe(0);
    else expect(took[0]).toBeGreaterThanOrEqual(25);
  });
});
