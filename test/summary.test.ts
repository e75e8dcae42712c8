// The job summary renderer: data in, HTML out, parsed as strictly as GitHub's
// page would need it (see support/job-summary.ts).
import { describe, expect, it } from 'vitest';
import { ChecksumError, DownloadError, PatchError } from '../src/errors.ts';
import type { BuildResult } from '../src/result.ts';
import type { StageRecord } from '../src/pipeline/stage.ts';
import { formatBytes, formatDuration, renderSummary } from '../src/summary.ts';
import { parseSummary } from './support/job-summary.ts';

const sha = (c: string): string => c.repeat(64);

function result(extra: Partial<BuildResult> = {}): BuildResult {
  return {
    kind: 'library',
    arch: 'x86_64',
    variant: 'generic',
    library: '/ws/out/libkrunfw.so.5.4.0',
    soname: 'libkrunfw.so.5',
    version: '5.4.0',
    sha256: sha('a'),
    tarball: '/ws/out/libkrunfw-x86_64.tgz',
    tarballSha256: sha('b'),
    stages: [
      { name: 'bundle', status: 'passed', durationMs: 40, summary: 'payload 2.0 MiB' },
      { name: 'boot', status: 'skipped', durationMs: 0, summary: 'boot-test: false' },
      { name: 'package', status: 'passed', durationMs: 125_000 },
    ],
    caches: [],
    pendingSaves: [],
    workDir: '/tmp/w',
    ...extra,
  };
}

describe('formatBytes and formatDuration', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [4096, '4.0 KiB'],
    [900 * 1024, '900.0 KiB'],
    [152.3 * 2 ** 20, '152.3 MiB'],
    [1.25 * 2 ** 30, '1.25 GiB'],
  ])('%d bytes reads %s', (n, want) => expect(formatBytes(n)).toBe(want));

  it.each([
    [3, '< 0.1 s'],
    [420, '0.4 s'],
    [12_400, '12 s'],
    [185_000, '3 min 05 s'],
  ])('%d ms reads %s', (ms, want) => expect(formatDuration(ms)).toBe(want));
});

describe('the summary of a good run', () => {
  it('has a table of files with sizes in sensible units, and no empty table or cell', () => {
    const html = renderSummary({ result: result(), sizes: { '/ws/out/libkrunfw.so.5.4.0': 2_162_688, '/ws/out/libkrunfw-x86_64.tgz': 700 }, workspace: '/ws' });
    const s = parseSummary(html);
    expect(s.headings).toEqual(['libkrunfw 5.4.0: generic, x86_64']);
    expect(s.tables.map((t) => t.headers[0])).toEqual(['file', 'stage']);
    expect(s.tables[0]!.rows).toEqual([
      ['out/libkrunfw.so.5.4.0', '2.1 MiB', sha('a')],
      ['out/libkrunfw-x86_64.tgz', '700 B', sha('b')],
    ]);
    expect(s.paragraphs).toContain('Nothing was uploaded.');
    expect(s.tables[1]!.rows).toEqual([
      ['bundle', 'passed', '< 0.1 s', 'payload 2.0 MiB'],
      ['boot', 'skipped', '—', 'boot-test: false'],
      ['package', 'passed', '2 min 05 s', '—'],
    ]);
  });

  it('lists the artifacts and the caches when there are some', () => {
    const published = {
      source: { name: 'libkrunfw-5.4.0-generic-x86_64-source', id: 7, digest: sha('c'), size: 160 * 2 ** 20 },
      binary: { name: 'libkrunfw-5.4.0-generic-x86_64', id: 8, digest: '', size: 3000 },
      sha256sums: '/ws/out/SHA256SUMS',
    };
    const caches = [
      { level: 'source' as const, state: 'hit' as const, bytes: 150 * 2 ** 20 },
      { level: 'compiler' as const, state: 'miss' as const },
      { level: 'output' as const, state: 'hit' as const, bytes: 2 ** 21, savedMs: 400_000, detail: 'exact key' },
    ];
    const s = parseSummary(renderSummary({ result: result({ published, caches, kernelVersion: '6.12.87' }) }));
    expect(s.headings).toEqual(['libkrunfw 5.4.0: generic, x86_64, Linux 6.12.87']);
    const [, artifacts, cacheTable] = s.tables;
    expect(artifacts!.rows).toEqual([
      ['libkrunfw-5.4.0-generic-x86_64-source', '7', '160.0 MiB', sha('c')],
      ['libkrunfw-5.4.0-generic-x86_64', '8', '2.9 KiB', '—'],
    ]);
    expect(cacheTable!.rows).toEqual([
      ['source', 'hit', '150.0 MiB', '—'],
      ['compiler', 'miss', '—', '—'],
      ['output', 'hit (exact key)', '2.0 MiB', '6 min 40 s'],
    ]);
  });

  it('escapes what it shows', () => {
    const s = parseSummary(renderSummary({ result: result({ stages: [{ name: 'patch', status: 'passed', durationMs: 1, summary: 'applied <a & b>' }] }) }));
    expect(s.tables[1]!.rows[0]).toContain('applied <a & b>');
  });
});

describe('the summary of a failed run', () => {
  const stages: StageRecord[] = [
    { name: 'source', status: 'passed', durationMs: 900, summary: 'linux 6.12.0' },
    { name: 'patch', status: 'failed', durationMs: 30 },
  ];

  it('says which stage failed, why, where, and what was kept', () => {
    const error = new PatchError('/ws/patches/0001-x.patch', [
      {
        file: 'init/main.c',
        hunks: [
          { hunk: 1, patchLine: 7 },
          { hunk: 2, patchLine: 19 },
        ],
      },
    ]);
    const s = parseSummary(renderSummary({ error, stages, kept: ['/ws/work'], workspace: '/ws' }));
    expect(s.headings).toEqual(['libkrunfw: failed in the patch stage']);
    expect(s.paragraphs[0]).toBe('PatchError. The input is at fault: fix it and run again.');
    expect(s.pre[0]).toContain('init/main.c: hunk #1 FAILED');
    expect(s.items).toEqual(['patches/0001-x.patch:7: init/main.c: hunk #1 FAILED', 'patches/0001-x.patch:19: init/main.c: hunk #2 FAILED']);
    expect(s.tables).toHaveLength(1);
    expect(s.tables[0]!.rows.map((r) => r.slice(0, 2))).toEqual([
      ['source', 'passed'],
      ['patch', 'failed'],
    ]);
    expect(s.paragraphs.at(-1)).toBe('Kept for inspection: work.');
  });

  it('before any stage ran: no stage table, and says nothing was kept', () => {
    const s = parseSummary(renderSummary({ error: new ChecksumError('/elsewhere/linux.tar.xz', sha('0'), sha('1')) }));
    expect(s.headings).toEqual(['libkrunfw: failed before the build started']);
    expect(s.tables).toEqual([]);
    expect(s.items).toEqual(['/elsewhere/linux.tar.xz: sha256 mismatch']);
    expect(s.paragraphs.at(-1)).toMatch(/^Nothing was kept/);
  });

  it('tells a machine failure and a bug from an input error', () => {
    expect(parseSummary(renderSummary({ error: new DownloadError('no network') })).paragraphs[0]).toMatch(/^DownloadError\. The machine or a tool failed/);
    expect(parseSummary(renderSummary({ error: new TypeError('x is undefined') })).paragraphs[0]).toMatch(/^TypeError\. An unexpected failure/);
  });
});

describe('the summary parser refuses what GitHub would show broken', () => {
  it.each([
    ['a cell left open', '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>(nothing uploaded)</td><td><td></tr></tbody></table>'],
    ['a header and no rows', '<table><thead><tr><th>cache</th></tr></thead><tbody></tbody></table>'],
    ['an empty cell', '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>x</td><td></td></tr></tbody></table>'],
    ['a short row', '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>x</td></tr></tbody></table>'],
  ])('%s', (_what, html) => {
    expect(() => parseSummary(html)).toThrow();
  });
});
